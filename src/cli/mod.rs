//! Command-line front-end. Every bot command has a twin here, each with `--json`; the stateless
//! `extract` and `analyze` commands are the contract the evaluation kit drives.

/// `println!` for command output: a reader that went away (`newsdesk articles | head -1`) ends
/// the process quietly instead of panicking, as it would end any Unix tool.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::emit(format_args!($($arg)*))
    };
}

mod batch;
mod demo;
mod feeds;
mod offline;
mod ops;
mod render;
mod stored;

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use newsdesk::model::{ArticleId, Scope};
use newsdesk::shards::ShardRange;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "newsdesk",
    version,
    about = "Read news links, analyse them offline, answer questions about them.",
    after_help = "Without DISCORD_TOKEN, `newsdesk run` shows a local demo. Try `newsdesk ingest page.html` then `newsdesk summary 1`."
)]
pub struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// SQLite database file (overrides `database.path` and `database.url`).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Configuration file layered over config/default.toml (default: config/local.toml).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Whose articles to use: local, guild:<id> or user:<id>.
    #[arg(long, global = true, default_value = "local", value_name = "SCOPE")]
    pub scope: Scope,
    /// Whether `--scope` was typed (export and import then work on all scopes without it).
    #[arg(skip)]
    pub scope_given: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start the Discord bot (DISCORD_TOKEN from the environment or .env); without a token, run a local demo.
    Run {
        /// Run only these shards, FIRST-LAST/TOTAL (`0-3/16`); overrides `discord.shards`.
        #[arg(long, value_name = "FIRST-LAST/TOTAL")]
        shards: Option<ShardRange>,
    },
    /// Fetch or read, extract, analyse and store articles; prints their ids.
    Ingest {
        /// Links (http/https) or local files (.html/.htm pages, anything else as plain text).
        sources: Vec<String>,
        /// Read more links, one per line, from this file ('-' for standard input).
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Where a single local file came from (used for citations and dedupe).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// Links fetched at once (default: `ingest.concurrency`).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        concurrency: Option<u32>,
    },
    /// List stored articles, newest first, or search them.
    Articles {
        #[arg(long, short)]
        search: Option<String>,
        /// Page number, from 1.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        page: u32,
    },
    /// Show an article's summary.
    Summary {
        id: ArticleId,
        /// Summary length (default: the stored one).
        #[arg(long)]
        sentences: Option<usize>,
    },
    /// Key quotes of an article, quotes by a speaker across articles, or by a speaker in one article.
    Quotes {
        id: Option<ArticleId>,
        /// Only quotes by this person (any of their names, a surname alone).
        #[arg(long)]
        speaker: Option<String>,
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        page: u32,
    },
    /// Who or what is this: a profile of a person, organisation or place.
    Entity {
        #[arg(required = true, num_args = 1..)]
        name: Vec<String>,
    },
    /// Ask a free question, answered from the stored articles with citations.
    Ask {
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
        /// Read the question as a follow-up about this entity (`he`, `she`, `they` mean it).
        #[arg(long, value_name = "NAME")]
        about: Option<String>,
        /// Read the question as a follow-up about this article (`it`, `that article`); `who wrote
        /// it`, `when was it published`, `which outlet` are answered from its byline, date, site.
        #[arg(long, value_name = "ID")]
        article: Option<ArticleId>,
        /// Also list the ranked candidate sentences with their features (JSON: `candidates`).
        #[arg(long)]
        explain: bool,
    },
    /// Delete an article and everything derived from it.
    Forget { id: ArticleId },
    /// The story an article belongs to: headline, outlets and dates, merged summary, who is quoted
    /// where, what only one outlet reports.
    Story { id: ArticleId },
    /// List stories: articles grouped by the news event they report.
    Stories {
        /// Recompute every story and copy link from the stored articles first.
        #[arg(long)]
        rebuild: bool,
    },
    /// Copy the database to PATH; safe while the bot runs.
    Backup {
        path: PathBuf,
        /// Replace PATH if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print articles with their analysis as JSON Lines (format_version 1): all scopes, or only --scope.
    Export,
    /// Store the articles of an export (JSON Lines; '-' reads standard input) in their own scopes, or all in
    /// --scope; ones already stored are skipped.
    Import { file: PathBuf },
    /// Work on whole stores: `store copy --from sqlite:data/newsdesk.db --to postgres://…`.
    Store {
        #[command(subcommand)]
        action: StoreCommand,
    },
    /// Extract articles from HTML files (no database). JSON Lines with --json.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Feeds: parse feed files, or subscribe this scope to news sources.
    Feed {
        #[command(subcommand)]
        action: FeedCommand,
    },
    /// Developer benchmarks (`bench store --articles N`): fills the database given by --db.
    #[command(hide = true)]
    Bench {
        #[command(subcommand)]
        target: BenchTarget,
    },
    /// Analyse HTML or plain-text files (no database). JSON Lines with --json.
    Analyze {
        /// Summary length in sentences.
        #[arg(long, default_value_t = 3)]
        sentences: usize,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum StoreCommand {
    /// Copy every article and feed subscription into another store (SQLite to PostgreSQL, or
    /// any two); what the target already holds is skipped, so an interrupted copy continues
    /// where it stopped when run again.
    Copy {
        /// The store to read: sqlite:PATH (or a file path), or postgres://…
        #[arg(long, value_name = "DATABASE")]
        from: String,
        /// The store to write (created and migrated if needed): sqlite:PATH, or postgres://…
        #[arg(long, value_name = "DATABASE")]
        to: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum FeedCommand {
    /// Parse feed files (RSS, Atom, JSON Feed; no database). One JSON line per file with --json.
    Parse {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Subscribe to a feed (or the feed a web page links to); its current entries are not posted.
    Add {
        url: String,
        /// Discord channel id the bot posts to (0: none, for the command line).
        #[arg(long, default_value_t = 0)]
        channel: u64,
        /// `each` (one post per article) or `digest` (one post a day).
        #[arg(long, default_value = "each")]
        mode: String,
    },
    /// List the feeds with their state.
    List,
    /// Unsubscribe from a feed.
    Remove { id: i64 },
    /// Stop polling a feed.
    Pause { id: i64 },
    /// Poll a paused feed again.
    Resume { id: i64 },
    /// Print the subscriptions as JSON Lines (all scopes, or only --scope).
    Export,
    /// Subscribe again to the feeds of a `feed export` ('-' reads standard input), in their own
    /// scopes or all in --scope; their first poll posts nothing.
    Import { file: PathBuf },
    /// Poll the due feeds once, bring new articles in and print what would be posted.
    Poll {
        /// Poll every feed now, due or not.
        #[arg(long)]
        now: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum BenchTarget {
    /// Fill the store with a synthetic corpus up to N articles (kept for reruns), then report
    /// p50/p99 latency of ask, entity, quotes and articles, store size and ingest throughput.
    Store {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        /// Timed calls per operation.
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Pre-fetched pages ingested for the throughput figure (0: skip).
        #[arg(long, default_value_t = 500)]
        ingest: usize,
        /// Ingests running at once for the throughput figure.
        #[arg(long, default_value_t = 1)]
        writers: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Many ingests and mixed queries in one process, in rounds: resident memory and p99 per
    /// query kind after each round (memory must level off once caches are warm).
    Soak {
        /// Synthetic pages ingested in all.
        #[arg(long, default_value_t = 10_000)]
        ingests: usize,
        /// Mixed queries in all (ask, entity, quotes, articles, autocomplete in turn).
        #[arg(long, default_value_t = 100_000)]
        queries: usize,
        #[arg(long, default_value_t = 10)]
        rounds: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub fn main() -> ExitCode {
    let parsed = Cli::command().try_get_matches().and_then(|m| {
        let mut cli = Cli::from_arg_matches(&m)?;
        cli.scope_given = m.value_source("scope") == Some(ValueSource::CommandLine);
        Ok(cli)
    });
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version go to stdout as usual; usage errors become one line on stderr.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let rendered = e.to_string();
            let first = rendered.lines().next().unwrap_or("invalid arguments");
            eprintln!(
                "newsdesk: {} (see --help)",
                first.trim_start_matches("error: ")
            );
            return ExitCode::from(2);
        }
    };
    let result = match &cli.command {
        Command::Extract { files } => offline::extract(files, cli.json),
        Command::Analyze { sentences, files } => offline::analyze(files, *sentences, cli.json),
        Command::Feed {
            action: FeedCommand::Parse { files },
        } => feeds::parse(files, cli.json),
        _ => stored::main(cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, no backtrace: the chain joined.
            let msg = format!("{e:#}").replace('\n', " ");
            eprintln!("newsdesk: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Write one line of command output (see `out!`). A closed pipe exits with success, like a
/// tool killed by SIGPIPE would; any other failure to write is reported and exits with 1.
pub fn emit(line: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_fmt(line)
        .and_then(|()| stdout.write_all(b"\n"))
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("newsdesk: cannot write output: {e}");
        std::process::exit(1);
    }
}
