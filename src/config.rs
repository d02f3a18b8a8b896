//! Layered configuration: built-in defaults → `config/default.toml` → a user file
//! (`--config PATH`, default `config/local.toml`) → environment (`NEWSDESK_SECTION_KEY`).
//!
//! The Discord token is not part of it: it comes from `DISCORD_TOKEN` (environment or `.env`) as
//! a [`Secret`], which never prints.

use crate::fetch::FetchConfig;
use crate::shards::ShardRange;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// The committed file every key is documented in.
pub const DEFAULT_FILE: &str = "config/default.toml";
/// The optional, git-ignored file with a self-hoster's overrides.
pub const LOCAL_FILE: &str = "config/local.toml";
/// Prefix of environment variables that override config keys.
pub const ENV_PREFIX: &str = "NEWSDESK_";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub database: DatabaseConfig,
    pub fetch: FetchConfig,
    pub analysis: AnalysisConfig,
    pub ask: AskConfig,
    pub llm: LlmConfig,
    pub discord: DiscordConfig,
    pub metrics: MetricsConfig,
    pub log: LogConfig,
    pub ingest: IngestConfig,
    pub feeds: FeedsConfig,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// SQLite file, created on first use (when `url` is empty).
    pub path: PathBuf,
    /// A database URL: `postgres://…` (or `postgresql://…`) for PostgreSQL, `sqlite:PATH` for a
    /// SQLite file; empty: the SQLite file at `path`. May hold a password: never logged.
    pub url: String,
    /// Bytes of the file SQLite reads through a memory map, in MiB (0: off). Pages are then shared
    /// by every pooled connection instead of copied into each one's small private cache, which
    /// keeps reads of a large store from paying a system call per page.
    pub mmap_mib: u32,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            path: PathBuf::from("data/newsdesk.db"),
            url: String::new(),
            mmap_mib: 1024,
        }
    }
}

/// The URL's password never reaches a log through `{:?}`.
impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("path", &self.path)
            .field("url", &redact_url(&self.url))
            .field("mmap_mib", &self.mmap_mib)
            .finish()
    }
}

/// Which database [`DatabaseConfig`] names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl DatabaseConfig {
    /// The engine and place `url` (else `path`) names.
    pub fn target(&self) -> Result<DatabaseTarget, ConfigError> {
        let url = self.url.trim();
        if url.is_empty() {
            return Ok(DatabaseTarget::Sqlite(self.path.clone()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseTarget::Postgres(url.to_string()));
        }
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            let path = path.split_once('?').map_or(path, |(p, _)| p);
            if !path.is_empty() {
                return Ok(DatabaseTarget::Sqlite(PathBuf::from(path)));
            }
        }
        Err(ConfigError(format!(
            "config: `database.url` must start with postgres://, postgresql:// or sqlite: (got {})",
            redact_url(url)
        )))
    }

    /// The database a command-line argument names: a `postgres://` / `postgresql://` or
    /// `sqlite:` URL, or else the path of a SQLite file.
    pub fn at(location: &str) -> Result<DatabaseConfig, ConfigError> {
        let location = location.trim();
        if location.is_empty() {
            return Err(ConfigError("an empty database location".into()));
        }
        let config = if location.contains("://") || location.starts_with("sqlite:") {
            DatabaseConfig {
                url: location.to_string(),
                ..DatabaseConfig::default()
            }
        } else {
            DatabaseConfig {
                path: PathBuf::from(location),
                ..DatabaseConfig::default()
            }
        };
        config.target().map_err(|_| {
            ConfigError(format!(
                "`{}` is not a database (expected postgres://…, sqlite:PATH or a file path)",
                redact_url(location)
            ))
        })?;
        Ok(config)
    }

    /// Where the database is, fit for logs: the path, or the URL without its password.
    pub fn describe(&self) -> String {
        match self.target() {
            Ok(DatabaseTarget::Sqlite(path)) => path.display().to_string(),
            Ok(DatabaseTarget::Postgres(url)) => redact_url(&url),
            Err(_) => redact_url(&self.url),
        }
    }
}

/// `url` with any password replaced by `****`.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("****"));
            parsed.to_string()
        }
        Ok(_) => url.to_string(),
        Err(_) if url.is_empty() => String::new(),
        Err(_) => "(unparsable URL)".to_string(),
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisConfig {
    /// Sentences in a stored summary.
    pub summary_sentences: usize,
    /// Largest article text analysed, in bytes; longer texts are cut at a paragraph boundary.
    pub max_text_bytes: usize,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        AnalysisConfig {
            summary_sentences: 3,
            max_text_bytes: 512 * 1024,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AskConfig {
    /// Most source sentences in an answer.
    pub max_sentences: usize,
    /// Longest question accepted, in characters.
    pub max_question_chars: usize,
}

impl Default for AskConfig {
    fn default() -> Self {
        AskConfig {
            max_sentences: 3,
            max_question_chars: 500,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LlmConfig {
    /// Use an OpenAI-compatible chat-completions endpoint to rephrase answers.
    pub enabled: bool,
    /// Base URL, e.g. `http://127.0.0.1:11434/v1` for a local Ollama.
    pub base_url: String,
    pub model: String,
    /// Name of the environment variable holding the API key (empty: no key sent).
    pub api_key_env: String,
    pub timeout_secs: u64,
}

impl Default for LlmConfig {
    fn default() -> Self {
        LlmConfig {
            enabled: false,
            base_url: "http://127.0.0.1:11434/v1".into(),
            model: "llama3.2".into(),
            api_key_env: "LLM_API_KEY".into(),
            timeout_secs: 15,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// Register commands in this guild only (instant, for development); 0 registers globally.
    pub dev_guild_id: u64,
    /// Send every REST call to this base URL (a twilight-http-proxy style rate-limiting proxy); empty: Discord.
    pub proxy_url: String,
    /// In direct messages: `user` keeps a private store per user, `refuse` answers with a refusal.
    pub dm_policy: DmPolicy,
    /// Roles (by id) whose members may `/ingest` and `/forget`, besides Manage Messages holders.
    pub editor_role_ids: Vec<u64>,
    /// Whether the Manage Messages permission also allows `/ingest` and `/forget`.
    pub manage_messages_can_edit: bool,
    /// Commands per user per minute.
    pub user_commands_per_minute: u32,
    /// Ingests per guild per minute.
    pub guild_ingests_per_minute: u32,
    /// Pages fetched at once across all guilds.
    pub max_concurrent_fetches: usize,
    /// Channels (by id) whose posted links are ingested automatically (needs the Message Content intent).
    pub auto_ingest_channel_ids: Vec<u64>,
    /// Seconds without a press after which a long list's ◀ ▶ buttons are removed.
    pub page_buttons_secs: u64,
    /// Where a question asked by mentioning the bot is answered: a thread started from it, or a
    /// reply in the channel.
    pub conversation: ConversationMode,
    /// Request the privileged Message Content intent, so that messages in a conversation thread
    /// are follow-ups without mentioning the bot.
    pub message_content: bool,
    /// Minutes after its last turn that a conversation is forgotten.
    pub conversation_minutes: u64,
    /// Most conversations remembered at once; the oldest are forgotten first.
    pub max_conversations: usize,
    /// The shards this process runs (`0-3/16`: shards 0 to 3 of 16); empty: serenity's automatic
    /// sharding, every shard in this one process.
    #[serde(with = "crate::shards::optional")]
    pub shards: Option<ShardRange>,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            dev_guild_id: 0,
            proxy_url: String::new(),
            dm_policy: DmPolicy::User,
            editor_role_ids: Vec::new(),
            manage_messages_can_edit: true,
            user_commands_per_minute: 20,
            guild_ingests_per_minute: 30,
            max_concurrent_fetches: 4,
            auto_ingest_channel_ids: Vec::new(),
            page_buttons_secs: 300,
            conversation: ConversationMode::Thread,
            message_content: false,
            conversation_minutes: 30,
            max_conversations: 10_000,
            shards: None,
        }
    }
}

/// Where the bot answers a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConversationMode {
    /// In a thread started from the question (a reply when threads cannot be created there).
    Thread,
    /// A reply in the channel; the conversation is the channel and the member who asked.
    Reply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DmPolicy {
    User,
    Refuse,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    /// Address for `/healthz` and `/metrics`, e.g. `127.0.0.1:9184`; empty: off.
    pub listen: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestConfig {
    /// Links `newsdesk ingest` fetches at once when given many (`--concurrency` overrides it).
    pub concurrency: usize,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig { concurrency: 4 }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedsConfig {
    /// Whether the bot polls feeds (the `/feed` commands work either way).
    pub enabled: bool,
    /// Feeds one server (or one user's DMs) may subscribe to.
    pub max_per_guild: u32,
    /// Minutes between two polls of a feed when all is well (a longer `Cache-Control: max-age`
    /// or `Retry-After` from the site wins).
    pub poll_minutes: u64,
    /// Longest wait between polls, in hours, whatever backoff or the site asks for.
    pub max_interval_hours: u64,
    /// Up to this share of the interval (percent) is added at random, so feeds spread out.
    pub jitter_percent: u64,
    /// Consecutive failed polls after which a feed is shown as failing (it is still retried,
    /// ever more rarely).
    pub failing_after: u32,
    /// Requests to one host at a time, and the seconds between two polls of the same host.
    pub host_concurrency: usize,
    pub host_min_interval_secs: u64,
    /// Feeds polled at the same time.
    pub concurrency: usize,
    /// New articles brought in per feed per poll; the rest wait for the next poll.
    pub max_posts_per_poll: u32,
    /// Tries to fetch a new article before it is skipped (the reason shows in `/feed list`).
    pub entry_attempts: u32,
    /// UTC hour (0-23) at which digest-mode feeds post the day's articles.
    pub digest_hour: u32,
    /// Seconds between two looks for due feeds in the bot.
    pub tick_secs: u64,
    /// Let Discord show a preview card under a posted article's link.
    pub link_previews: bool,
    /// Entries remembered per feed beyond those still in the feed document and those not yet
    /// dealt with: the newest are kept, older ones forgotten, so the table stays bounded.
    pub keep_entries: u32,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            enabled: true,
            max_per_guild: 20,
            poll_minutes: 15,
            max_interval_hours: 24,
            jitter_percent: 10,
            failing_after: 5,
            host_concurrency: 1,
            host_min_interval_secs: 10,
            concurrency: 4,
            max_posts_per_poll: 5,
            entry_attempts: 3,
            digest_hour: 8,
            tick_secs: 30,
            link_previews: false,
            keep_entries: 500,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// `human` or `json`.
    pub format: LogFormat,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            format: LogFormat::Human,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Human,
    Json,
}

/// Longest a conversation is remembered: a week.
const MAX_CONVERSATION_MINUTES: u64 = 7 * 24 * 60;

/// A configuration problem, described in one line that names the key or file.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

/// Where to read configuration from.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The committed defaults file (skipped when missing).
    pub default_file: PathBuf,
    /// The user's file; `required` when named explicitly with `--config`.
    pub user_file: PathBuf,
    pub user_file_required: bool,
    /// Read `NEWSDESK_*` variables.
    pub env: bool,
}

impl Sources {
    /// The standard layering; `explicit` is the `--config` flag.
    pub fn standard(explicit: Option<&Path>) -> Sources {
        Sources {
            default_file: DEFAULT_FILE.into(),
            user_file: explicit.map_or_else(|| LOCAL_FILE.into(), Path::to_path_buf),
            user_file_required: explicit.is_some(),
            env: true,
        }
    }
}

impl Config {
    /// Load and validate the layered configuration.
    pub fn load(sources: &Sources) -> Result<Config, ConfigError> {
        if sources.user_file_required && !sources.user_file.is_file() {
            return Err(ConfigError(format!(
                "config file {} does not exist",
                sources.user_file.display()
            )));
        }
        let mut figment = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(&sources.default_file))
            .merge(Toml::file(&sources.user_file));
        if sources.env {
            let known = known_keys();
            figment = figment.merge(
                Env::prefixed(ENV_PREFIX)
                    .map(|k| k.as_str().replacen('_', ".", 1).into())
                    .filter(move |k| known.contains(&k.as_str().to_ascii_lowercase())),
            );
        }
        let config: Config = figment.extract().map_err(describe)?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, why: &str| Err(ConfigError(format!("config: `{key}` {why}")));
        self.database.target()?;
        if self.analysis.summary_sentences == 0 {
            return bad("analysis.summary_sentences", "must be at least 1");
        }
        if self.ask.max_sentences == 0 {
            return bad("ask.max_sentences", "must be at least 1");
        }
        if self.fetch.timeout_secs == 0 || self.fetch.connect_timeout_secs == 0 {
            return bad(
                "fetch.timeout_secs",
                "and fetch.connect_timeout_secs must be at least 1",
            );
        }
        if self.discord.max_concurrent_fetches == 0 {
            return bad("discord.max_concurrent_fetches", "must be at least 1");
        }
        if !(1..=MAX_CONVERSATION_MINUTES).contains(&self.discord.conversation_minutes) {
            return bad(
                "discord.conversation_minutes",
                "must be between 1 and 10080 (a week)",
            );
        }
        if self.discord.max_conversations == 0 {
            return bad("discord.max_conversations", "must be at least 1");
        }
        let f = &self.feeds;
        if f.poll_minutes == 0 || f.max_interval_hours == 0 {
            return bad(
                "feeds.poll_minutes",
                "and feeds.max_interval_hours must be at least 1",
            );
        }
        if f.host_concurrency == 0 || f.concurrency == 0 || f.entry_attempts == 0 {
            return bad(
                "feeds.concurrency",
                "feeds.host_concurrency and feeds.entry_attempts must be at least 1",
            );
        }
        if f.digest_hour > 23 {
            return bad("feeds.digest_hour", "must be an hour from 0 to 23");
        }
        if f.jitter_percent > 100 {
            return bad("feeds.jitter_percent", "must be at most 100");
        }
        if self.ingest.concurrency == 0 {
            return bad("ingest.concurrency", "must be at least 1");
        }
        if !self.metrics.listen.is_empty()
            && self.metrics.listen.parse::<std::net::SocketAddr>().is_err()
        {
            return bad(
                "metrics.listen",
                "must be an address like 127.0.0.1:9184, or empty",
            );
        }
        if self.llm.enabled && url::Url::parse(&self.llm.base_url).is_err() {
            return bad(
                "llm.base_url",
                "must be a URL like http://127.0.0.1:11434/v1",
            );
        }
        Ok(())
    }
}

/// `section.key` for every key of the built-in configuration, so that unrelated `NEWSDESK_*`
/// variables (tool settings, secrets) are not mistaken for config.
fn known_keys() -> BTreeSet<String> {
    let value = serde_json::to_value(Config::default()).unwrap_or_default();
    let mut keys = BTreeSet::new();
    if let Some(sections) = value.as_object() {
        for (section, fields) in sections {
            if let Some(fields) = fields.as_object() {
                keys.extend(fields.keys().map(|k| format!("{section}.{k}")));
            }
        }
    }
    keys
}

fn describe(e: figment::Error) -> ConfigError {
    let key = e.path.join(".");
    let source = e
        .metadata
        .as_ref()
        .and_then(|m| {
            m.source
                .as_ref()
                .map(|s| s.to_string())
                .or_else(|| Some(m.name.to_string()))
        })
        .unwrap_or_default();
    let kind = e.kind.to_string();
    let message = if key.is_empty() {
        format!("config: {kind} ({source})")
    } else {
        format!("config: `{key}`: {kind} ({source})")
    };
    ConfigError(message.replace('\n', " "))
}

/// A secret string (the bot token, API keys): `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// `DISCORD_TOKEN` from the environment (after `.env` was loaded), if set and non-empty.
pub fn discord_token() -> Option<Secret> {
    std::env::var("DISCORD_TOKEN")
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .map(Secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_url_picks_the_engine() {
        let with = |url: &str| DatabaseConfig {
            url: url.into(),
            ..DatabaseConfig::default()
        };
        assert_eq!(
            with("").target().unwrap(),
            DatabaseTarget::Sqlite("data/newsdesk.db".into())
        );
        assert_eq!(
            with("sqlite:///var/lib/n.db?mode=rwc").target().unwrap(),
            DatabaseTarget::Sqlite("/var/lib/n.db".into())
        );
        assert_eq!(
            with("sqlite:rel/n.db").target().unwrap(),
            DatabaseTarget::Sqlite("rel/n.db".into())
        );
        for pg in ["postgres://u@h/db", "postgresql://u@h/db"] {
            assert_eq!(
                with(pg).target().unwrap(),
                DatabaseTarget::Postgres(pg.into())
            );
        }
        let err = with("mysql://u:secret@h/db").target().unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn databases_named_on_the_command_line() {
        let at = |s: &str| DatabaseConfig::at(s).map(|c| c.target().unwrap());
        assert_eq!(
            at("data/n.db").unwrap(),
            DatabaseTarget::Sqlite("data/n.db".into())
        );
        assert_eq!(
            at("sqlite:data/n.db").unwrap(),
            DatabaseTarget::Sqlite("data/n.db".into())
        );
        assert_eq!(
            at("postgres://u@h/db").unwrap(),
            DatabaseTarget::Postgres("postgres://u@h/db".into())
        );
        for bad in ["", "mysql://u:pw@h/db", "sqlite:"] {
            let e = at(bad).unwrap_err().to_string();
            assert!(!e.contains("pw") && !e.contains('\n'), "{e}");
        }
    }

    #[test]
    fn database_passwords_never_print() {
        let config = DatabaseConfig {
            url: "postgres://newsdesk:hunter2@db.example/newsdesk".into(),
            ..DatabaseConfig::default()
        };
        assert!(!format!("{config:?}").contains("hunter2"));
        assert!(!config.describe().contains("hunter2"));
        assert!(config.describe().contains("****@db.example"));
    }

    fn sources(dir: &Path, user: &str) -> Sources {
        let default_file = dir.join("default.toml");
        let user_file = dir.join("local.toml");
        std::fs::write(
            &default_file,
            "[fetch]\ntimeout_secs = 7\n[analysis]\nsummary_sentences = 4\n",
        )
        .unwrap();
        std::fs::write(&user_file, user).unwrap();
        Sources {
            default_file,
            user_file,
            user_file_required: true,
            env: false,
        }
    }

    #[test]
    fn layers_apply_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(&sources(dir.path(), "[analysis]\nsummary_sentences = 5\n")).unwrap();
        assert_eq!(c.fetch.timeout_secs, 7, "default file over built-in");
        assert_eq!(
            c.analysis.summary_sentences, 5,
            "user file over default file"
        );
        assert_eq!(
            c.fetch.max_redirects,
            FetchConfig::default().max_redirects,
            "built-in kept"
        );
    }

    #[test]
    fn wrong_type_names_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let e =
            Config::load(&sources(dir.path(), "[fetch]\ntimeout_secs = \"soon\"\n")).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("fetch.timeout_secs"), "{msg}");
        assert!(!msg.contains('\n'));
    }

    #[test]
    fn unknown_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = Config::load(&sources(dir.path(), "[fetch]\ntimeout = 3\n")).unwrap_err();
        assert!(e.to_string().contains("timeout"), "{e}");
    }

    #[test]
    fn invalid_value_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e =
            Config::load(&sources(dir.path(), "[metrics]\nlisten = \"nowhere\"\n")).unwrap_err();
        assert!(e.to_string().contains("metrics.listen"), "{e}");
    }

    #[test]
    fn conversation_keys_are_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(&sources(
            dir.path(),
            "[discord]\nconversation = \"reply\"\nmessage_content = true\nconversation_minutes = 5\n",
        ))
        .unwrap();
        assert_eq!(c.discord.conversation, ConversationMode::Reply);
        assert!(c.discord.message_content);
        assert_eq!(c.discord.conversation_minutes, 5);
        let d = Config::default().discord;
        assert_eq!(
            (d.conversation, d.message_content, d.conversation_minutes),
            (ConversationMode::Thread, false, 30)
        );
        for bad in [
            "[discord]\nconversation_minutes = 0\n",
            "[discord]\nmax_conversations = 0\n",
            "[discord]\nconversation = \"dm\"\n",
        ] {
            let e = Config::load(&sources(dir.path(), bad)).unwrap_err();
            assert!(e.to_string().contains("discord."), "{bad}: {e}");
        }
    }

    #[test]
    fn shards_are_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(&sources(dir.path(), "[discord]\nshards = \"1-2/4\"\n")).unwrap();
        assert_eq!(c.discord.shards, Some(ShardRange::new(1, 2, 4).unwrap()));
        for auto in ["", "auto"] {
            let toml = format!("[discord]\nshards = \"{auto}\"\n");
            let c = Config::load(&sources(dir.path(), &toml)).unwrap();
            assert_eq!(c.discord.shards, None);
        }
        assert_eq!(Config::default().discord.shards, None);
        let e = Config::load(&sources(dir.path(), "[discord]\nshards = \"3-1/4\"\n")).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("discord.shards") && msg.contains("comes after"),
            "{msg}"
        );
        assert!(!msg.contains('\n'));
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let s = Sources {
            default_file: "/nonexistent/default.toml".into(),
            user_file: "/nonexistent/mine.toml".into(),
            user_file_required: true,
            env: false,
        };
        assert!(
            Config::load(&s)
                .unwrap_err()
                .to_string()
                .contains("mine.toml")
        );
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("abc.def");
        assert_eq!(format!("{s} {s:?}"), "*** Secret(***)");
    }

    #[test]
    fn every_section_key_is_known() {
        let keys = known_keys();
        assert!(keys.contains("fetch.allow_private_networks"));
        assert!(keys.contains("discord.proxy_url"));
        assert!(!keys.contains("bench.pages"));
    }
}
