//! A fake Discord on 127.0.0.1 that the real serenity/poise client connects to: the REST API
//! (reached through serenity's proxy setting) and a WebSocket gateway.
//!
//! It records every REST call, checks every JSON body against Discord's own OpenAPI description
//! (`../shared/discord-api/openapi.json`, when present) and lets tests send interactions through
//! the gateway. It also serves fixture pages under `/fixtures/`, standing in for news sites and
//! Discord's attachment CDN.
//!
//! Like Discord, it routes each event to the gateway session of the shard its server lives on
//! (`(guild_id >> 22) % total`, direct messages to shard 0), so several clients running different
//! shards can share it.
//!
//! For load, it keeps a timeline per interaction ([`Timeline`]): when each callback, follow-up
//! and edit arrived, so that a test can check Discord's 3 s deadline for every one of a thousand
//! interactions without searching the whole call log each time.

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc, watch};
use tokio_tungstenite::tungstenite::Message as Ws;

pub const APP_ID: u64 = 900_000_000_000_000_001;
pub const BOT_ID: u64 = 900_000_000_000_000_001;
/// The interaction callback type of a deferral ("thinking…").
const DEFERRED: u64 = 5;
/// The message flag of a deferral's "thinking…" message.
const LOADING: u64 = 1 << 7;
/// The channel interactions come from unless a test picks another.
pub const DEFAULT_CHANNEL: u64 = 800_000_000_000_000_001;
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// One REST call the client made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    /// Without the `/api/v10` prefix.
    pub path: String,
    pub body: Value,
    /// When it arrived.
    pub at: std::time::Instant,
}

impl Call {
    /// Whether this call answers the interaction with `token` (callback, follow-up or edit).
    pub fn answers(&self, id: u64, token: &str) -> bool {
        // Reading or deleting the original response answers nothing.
        !matches!(self.method.as_str(), "GET" | "DELETE")
            && self
                .path
                .starts_with(&format!("/interactions/{id}/{token}/"))
            || self
                .path
                .starts_with(&format!("/webhooks/{APP_ID}/{token}"))
    }
}

/// A served page: content type, body, and how long the "site" takes to answer.
type Fixture = (String, Vec<u8>, Duration);

/// What answered one interaction, as the fake received it. Times are taken when a request
/// arrives, before the fake checks its body.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// `POST /interactions/{id}/{token}/callback`: Discord accepts exactly one.
    pub callbacks: Vec<(std::time::Instant, Value)>,
    /// Follow-up messages and edits sent through the interaction's webhook, in order.
    pub followups: Vec<(std::time::Instant, Value)>,
}

/// The interaction a fake token belongs to: [`FakeDiscord::send`] makes tokens `itoken-{id}`.
fn token_interaction(token: &str) -> Option<u64> {
    token.strip_prefix("itoken-")?.parse().ok()
}

struct State {
    calls: Mutex<Vec<Call>>,
    changed: Notify,
    /// Bodies that failed the OpenAPI check: `METHOD path: error`.
    invalid: Mutex<Vec<String>>,
    schemas: Option<Schemas>,
    /// The open gateway session of each shard.
    gateway: Mutex<HashMap<u32, mpsc::UnboundedSender<String>>>,
    /// Shards identified and connected.
    ready: watch::Sender<BTreeSet<u32>>,
    /// The IDENTIFY payloads (`d`) so far, the last one last.
    identify: Mutex<Vec<Value>>,
    /// The shard count of the last IDENTIFY (every client of one bot uses the same).
    shard_total: AtomicU64,
    seq: AtomicU64,
    ids: AtomicU64,
    gateway_url: String,
    fixtures: Mutex<HashMap<String, Fixture>>,
    /// While set and in the future, gateway connections are refused (an outage).
    down_until: Mutex<Option<std::time::Instant>>,
    /// Names of the fixtures requested so far, in order (missing ones included).
    fetched: Mutex<Vec<String>>,
    /// Channels where the bot may not create threads (Missing Permissions).
    no_threads: Mutex<Vec<u64>>,
    /// IDENTIFY payloads received so far (one per start of a client).
    identified: AtomicU64,
    /// Answers per interaction id.
    timelines: Mutex<HashMap<u64, Timeline>>,
    /// Interaction tokens whose original response is a deferral still showing "thinking…".
    thinking: Mutex<HashSet<String>>,
}

pub struct FakeDiscord {
    pub rest: SocketAddr,
    state: Arc<State>,
}

/// A slash command, autocomplete or button press to send through the gateway.
#[derive(Debug, Clone)]
pub struct Interaction {
    kind: u8,
    name: String,
    options: Vec<Value>,
    guild: Option<u64>,
    channel: u64,
    user: u64,
    permissions: String,
    roles: Vec<String>,
    resolved: Option<Value>,
}

impl Interaction {
    /// `/name` invoked in `guild` by `user`, with no special permissions.
    pub fn slash(name: &str, guild: u64, user: u64) -> Interaction {
        Interaction {
            kind: 2,
            name: name.into(),
            options: Vec::new(),
            guild: Some(guild),
            channel: DEFAULT_CHANNEL,
            user,
            permissions: "0".into(),
            roles: Vec::new(),
            resolved: None,
        }
    }

    /// `/name` in a direct message.
    pub fn dm(name: &str, user: u64) -> Interaction {
        Interaction {
            guild: None,
            ..Interaction::slash(name, 0, user)
        }
    }

    /// Typing into `option` of `/name`: an autocomplete request.
    pub fn autocomplete(
        name: &str,
        guild: u64,
        user: u64,
        option: &str,
        typed: &str,
    ) -> Interaction {
        let mut i = Interaction::slash(name, guild, user);
        i.kind = 4;
        i.options
            .push(json!({"name": option, "type": 3, "value": typed, "focused": true}));
        i
    }

    pub fn string(mut self, name: &str, value: &str) -> Interaction {
        self.options
            .push(json!({"name": name, "type": 3, "value": value}));
        self
    }

    /// The options given so far become those of subcommand `name` (`/feed add url:…`).
    pub fn subcommand(mut self, name: &str) -> Interaction {
        let inner = std::mem::take(&mut self.options);
        self.options
            .push(json!({"name": name, "type": 1, "options": inner}));
        self
    }

    pub fn integer(mut self, name: &str, value: i64) -> Interaction {
        self.options
            .push(json!({"name": name, "type": 4, "value": value}));
        self
    }

    /// An attachment option whose file is served at `url`.
    pub fn attachment(mut self, name: &str, filename: &str, url: &str, size: u64) -> Interaction {
        let id = "700000000000000001";
        self.options
            .push(json!({"name": name, "type": 11, "value": id}));
        self.resolved = Some(json!({"attachments": {id: {
            "id": id, "filename": filename, "size": size, "url": url, "proxy_url": url,
            "content_type": "text/html; charset=utf-8", "ephemeral": true
        }}}));
        self
    }

    /// The same interaction, sent from a direct message.
    pub fn in_dm(mut self) -> Interaction {
        self.guild = None;
        self
    }

    /// Sent from `channel` (by default [`DEFAULT_CHANNEL`]).
    pub fn channel(mut self, channel: u64) -> Interaction {
        self.channel = channel;
        self
    }

    /// With the Manage Messages permission.
    pub fn manager(mut self) -> Interaction {
        self.permissions = "8192".into();
        self
    }

    pub fn role(mut self, role: u64) -> Interaction {
        self.roles.push(role.to_string());
        self
    }
}

/// A sent interaction: what tests need to find its answers.
#[derive(Debug, Clone)]
pub struct Sent {
    pub id: u64,
    pub token: String,
    /// When it was dispatched.
    pub at: std::time::Instant,
}

/// A member's message, as the gateway delivers it in MESSAGE_CREATE.
#[derive(Debug, Clone)]
pub struct Post {
    /// `None`: a direct message.
    pub guild: Option<u64>,
    pub channel: u64,
    pub user: u64,
    pub bot: bool,
    /// As Discord delivers it: empty when the bot lacks Message Content and is not mentioned.
    pub content: String,
    /// Users the message mentions (Discord lists a pinged reply's author here too).
    pub mentions: Vec<u64>,
    pub roles: Vec<u64>,
    /// A reply to this message, written by this user.
    pub reply_to: Option<(u64, u64)>,
    pub forwarded: bool,
}

impl Post {
    pub fn new(guild: u64, channel: u64, user: u64, content: &str) -> Post {
        Post {
            guild: Some(guild),
            channel,
            user,
            bot: false,
            content: content.into(),
            mentions: Vec::new(),
            roles: Vec::new(),
            reply_to: None,
            forwarded: false,
        }
    }

    /// `@newsdesk question`: the mention written first, as the client writes it.
    pub fn mention(guild: u64, channel: u64, user: u64, question: &str) -> Post {
        let mut p = Post::new(guild, channel, user, &format!("<@{BOT_ID}> {question}"));
        p.mentions.push(BOT_ID);
        p
    }

    /// A reply to the bot's message `message` that pings it (the default in Discord).
    pub fn reply_to_bot(guild: u64, channel: u64, user: u64, message: u64, text: &str) -> Post {
        let mut p = Post::new(guild, channel, user, text);
        p.mentions.push(BOT_ID);
        p.reply_to = Some((message, BOT_ID));
        p
    }

    pub fn in_dm(mut self) -> Post {
        self.guild = None;
        self
    }

    pub fn role(mut self, role: u64) -> Post {
        self.roles.push(role);
        self
    }
}

fn user_json(id: u64) -> Value {
    json!({"id": id.to_string(), "username": format!("member{id}"), "discriminator": "0",
           "global_name": null, "avatar": null})
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let rest = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let gw = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let rest_addr = rest.local_addr().unwrap();
        let gateway_url = format!("ws://{}/gw", gw.local_addr().unwrap());
        let state = Arc::new(State {
            calls: Mutex::new(Vec::new()),
            changed: Notify::new(),
            invalid: Mutex::new(Vec::new()),
            schemas: Schemas::load(),
            gateway: Mutex::new(HashMap::new()),
            ready: watch::channel(BTreeSet::new()).0,
            identify: Mutex::new(Vec::new()),
            shard_total: AtomicU64::new(1),
            seq: AtomicU64::new(1),
            ids: AtomicU64::new(1),
            gateway_url,
            fixtures: Mutex::new(HashMap::new()),
            fetched: Mutex::new(Vec::new()),
            down_until: Mutex::new(None),
            no_threads: Mutex::new(Vec::new()),
            identified: AtomicU64::new(0),
            timelines: Mutex::new(HashMap::new()),
            thinking: Mutex::new(HashSet::new()),
        });
        let app = axum::Router::new()
            .fallback(rest_handler)
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(rest, app).await });
        let gw_state = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = gw.accept().await {
                let down = gw_state
                    .down_until
                    .lock()
                    .unwrap()
                    .is_some_and(|t| std::time::Instant::now() < t);
                if down {
                    drop(stream);
                    continue;
                }
                tokio::spawn(gateway_session(gw_state.clone(), stream));
            }
        });
        FakeDiscord {
            rest: rest_addr,
            state,
        }
    }

    /// The base URL the bot uses as its REST proxy.
    pub fn url(&self) -> String {
        format!("http://{}", self.rest)
    }

    /// Serve `body` at `/fixtures/{name}` (a news page or an attachment).
    pub fn fixture(&self, name: &str, content_type: &str, body: &str) -> String {
        self.fixture_bytes(name, content_type, body.as_bytes())
    }

    /// Like [`FakeDiscord::fixture`], for bytes that are not UTF-8 (a Latin-1 file).
    pub fn fixture_bytes(&self, name: &str, content_type: &str, body: &[u8]) -> String {
        self.slow_fixture(name, content_type, body, Duration::ZERO)
    }

    /// Like [`FakeDiscord::fixture_bytes`], from a site that takes `delay` to answer.
    pub fn slow_fixture(
        &self,
        name: &str,
        content_type: &str,
        body: &[u8],
        delay: Duration,
    ) -> String {
        self.state
            .fixtures
            .lock()
            .unwrap()
            .insert(name.into(), (content_type.into(), body.to_vec(), delay));
        format!("{}/fixtures/{name}", self.url())
    }

    fn snowflake(&self) -> u64 {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        ((ms - DISCORD_EPOCH_MS) << 22)
            | (self.state.ids.fetch_add(1, Ordering::Relaxed) & 0x3f_ffff)
    }

    /// Wait until the client identified and registered its commands; returns the PUT body.
    pub async fn wait_registered(&self) -> Call {
        self.wait(Duration::from_secs(60), |calls| {
            calls
                .iter()
                .find(|c| c.method == "PUT" && c.path.ends_with("/commands"))
                .cloned()
        })
        .await
        .expect("the bot never registered its commands")
    }

    /// Wait until the client is identified on the gateway (with shards: shard 0).
    pub async fn wait_connected(&self) {
        self.wait_shard(0).await
    }

    /// Wait until a client identified as shard `shard`.
    pub async fn wait_shard(&self, shard: u32) {
        let mut ready = self.state.ready.subscribe();
        tokio::time::timeout(
            Duration::from_secs(60),
            ready.wait_for(|r| r.contains(&shard)),
        )
        .await
        .unwrap_or_else(|_| panic!("shard {shard} never connected to the gateway"))
        .unwrap();
    }

    /// The shard `guild`'s events go to, as Discord computes it; direct messages go to shard 0.
    pub fn shard_of(&self, guild: Option<u64>) -> u32 {
        let total = self.state.shard_total.load(Ordering::SeqCst).max(1);
        guild.map_or(0, |g| ((g >> 22) % total) as u32)
    }

    /// Send an interaction through the gateway.
    pub async fn send(&self, i: &Interaction) -> Sent {
        self.wait_shard(self.shard_of(i.guild)).await;
        let id = self.snowflake();
        let token = format!("itoken-{id}");
        let mut data = json!({
            "id": self.snowflake().to_string(), "name": i.name, "type": 1, "options": i.options,
        });
        if let Some(r) = &i.resolved {
            data["resolved"] = r.clone();
        }
        if let Some(g) = i.guild {
            data["guild_id"] = json!(g.to_string());
        }
        let mut d = json!({
            "id": id.to_string(), "application_id": APP_ID.to_string(), "type": i.kind,
            "data": data, "channel_id": i.channel.to_string(), "token": token, "version": 1,
            "locale": "en-US", "entitlements": [], "attachment_size_limit": 10_485_760,
            "app_permissions": "2248473465835073",
        });
        match i.guild {
            Some(g) => {
                d["guild_id"] = json!(g.to_string());
                d["guild_locale"] = json!("en-US");
                d["member"] = json!({
                    "user": user_json(i.user), "roles": i.roles, "permissions": i.permissions,
                    "joined_at": "2026-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false,
                    "flags": 0, "pending": false, "nick": null, "avatar": null,
                });
            }
            None => d["user"] = user_json(i.user),
        }
        let at = std::time::Instant::now();
        self.dispatch("INTERACTION_CREATE", d);
        Sent { id, token, at }
    }

    /// Post `content` in `channel` of `guild` as `user` (a bot account when `bot`): a
    /// MESSAGE_CREATE through the gateway. Returns the message id.
    pub async fn post_message(
        &self,
        guild: u64,
        channel: u64,
        user: u64,
        bot: bool,
        content: &str,
    ) -> u64 {
        let mut post = Post::new(guild, channel, user, content);
        post.bot = bot;
        self.post(&post).await
    }

    /// Send a MESSAGE_CREATE for `p` through the gateway; returns the message id.
    pub async fn post(&self, p: &Post) -> u64 {
        self.wait_shard(self.shard_of(p.guild)).await;
        let id = self.snowflake();
        let mut author = user_json(p.user);
        author["bot"] = json!(p.bot);
        let mentions: Vec<Value> = p.mentions.iter().map(|u| user_json(*u)).collect();
        let mut d = json!({
            "id": id.to_string(), "channel_id": p.channel.to_string(),
            "author": author,
            "content": p.content, "timestamp": "2026-01-01T00:00:00.000000+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": mentions, "mention_roles": [], "attachments": [], "embeds": [],
            "pinned": false, "type": 0, "flags": 0, "components": [],
        });
        if let Some(g) = p.guild {
            d["guild_id"] = json!(g.to_string());
            let roles: Vec<String> = p.roles.iter().map(u64::to_string).collect();
            d["member"] = json!({"roles": roles, "joined_at": "2026-01-01T00:00:00.000000+00:00",
                                 "deaf": false, "mute": false, "flags": 0});
        }
        if let Some((message, author)) = p.reply_to {
            // An inline reply: Discord sends the replied-to message along.
            d["type"] = json!(19);
            d["message_reference"] = json!({"type": 0, "message_id": message.to_string(),
                                            "channel_id": p.channel.to_string()});
            let mut replied = message_json(message, &json!({"content": ""}), None);
            replied["channel_id"] = json!(p.channel.to_string());
            replied["author"] = user_json(author);
            if author == BOT_ID {
                replied["author"]["bot"] = json!(true);
            }
            d["referenced_message"] = replied;
        }
        if p.forwarded {
            // A forward: empty content of its own, the original in a snapshot.
            d["content"] = json!("");
            d["message_reference"] = json!({"type": 1, "message_id": "700000000000000009",
                                            "channel_id": "800000000000000099"});
            d["message_snapshots"] = json!([{"message": {
                "content": p.content, "timestamp": "2026-01-01T00:00:00.000000+00:00",
                "edited_timestamp": null, "mentions": mentions, "mention_roles": [],
                "attachments": [], "embeds": [], "type": 0, "flags": 0, "components": [],
            }}]);
        }
        self.dispatch("MESSAGE_CREATE", d);
        id
    }

    /// Refuse thread creation in `channel` as Discord does without Create Public Threads.
    pub fn refuse_threads(&self, channel: u64) {
        self.state.no_threads.lock().unwrap().push(channel);
    }

    /// How many times a client identified on the gateway.
    pub fn identified(&self) -> u64 {
        self.state.identified.load(Ordering::SeqCst)
    }

    /// Press a button of the message that answered `original`.
    pub async fn press(&self, _original: &Sent, user: u64, guild: u64, custom_id: &str) -> Sent {
        let id = self.snowflake();
        let token = format!("itoken-{id}");
        let message = message_json(self.snowflake(), &json!({}), None);
        let d = json!({
            "id": id.to_string(), "application_id": APP_ID.to_string(), "type": 3,
            "data": {"custom_id": custom_id, "component_type": 2},
            "guild_id": guild.to_string(), "channel_id": "800000000000000001",
            "member": {"user": user_json(user), "roles": [], "permissions": "0",
                       "joined_at": "2026-01-01T00:00:00.000000+00:00", "deaf": false,
                       "mute": false, "flags": 0},
            "message": message, "token": token, "version": 1, "locale": "en-US",
            "entitlements": [], "attachment_size_limit": 10_485_760,
            "app_permissions": "2248473465835073",
        });
        let at = std::time::Instant::now();
        self.dispatch("INTERACTION_CREATE", d);
        Sent { id, token, at }
    }

    /// Send an event down the session of the shard its guild lives on.
    fn dispatch(&self, t: &str, d: Value) {
        let guild = d["guild_id"].as_str().and_then(|g| g.parse().ok());
        let shard = self.shard_of(guild);
        let s = self.state.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let frame = json!({"op": 0, "t": t, "s": s, "d": d}).to_string();
        let tx = self.state.gateway.lock().unwrap().get(&shard).cloned();
        tx.unwrap_or_else(|| panic!("no gateway connection for shard {shard}"))
            .send(frame)
            .expect("gateway connection closed");
    }

    /// Drop the gateway connection and refuse new ones for `outage`; the client reconnects by
    /// itself afterwards.
    pub fn drop_gateway(&self, outage: Duration) {
        *self.state.down_until.lock().unwrap() = Some(std::time::Instant::now() + outage);
        self.state.ready.send_replace(BTreeSet::new());
        for (_, tx) in self.state.gateway.lock().unwrap().drain() {
            let _ = tx.send(CLOSE.to_string());
        }
    }

    /// What the client sent in its last IDENTIFY (token, intents, properties, shard).
    pub fn identify(&self) -> Value {
        self.state
            .identify
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// Every IDENTIFY so far, in order.
    pub fn identifies(&self) -> Vec<Value> {
        self.state.identify.lock().unwrap().clone()
    }

    /// Every REST call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.state.calls.lock().unwrap().clone()
    }

    /// Wait (up to `limit`) until `found` returns something from the calls so far.
    pub async fn wait<T>(
        &self,
        limit: Duration,
        found: impl Fn(&[Call]) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let notified = self.state.changed.notified();
            if let Some(t) = found(&self.state.calls.lock().unwrap()) {
                return Some(t);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return None;
            }
        }
    }

    /// Wait until the fixture `name` was requested (served or not).
    pub async fn wait_fetched(&self, name: &str, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let notified = self.state.changed.notified();
            if self.state.fetched.lock().unwrap().iter().any(|f| f == name) {
                return true;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return false;
            }
        }
    }

    /// The calls answering `sent`, once `done` holds for them.
    pub async fn answers(&self, sent: &Sent, done: impl Fn(&[Call]) -> bool) -> Vec<Call> {
        self.wait(Duration::from_secs(60), |calls| {
            let mine: Vec<Call> = calls
                .iter()
                .filter(|c| c.answers(sent.id, &sent.token))
                .cloned()
                .collect();
            done(&mine).then_some(mine)
        })
        .await
        .unwrap_or_else(|| panic!("no complete answer to interaction {}", sent.id))
    }

    /// The answer to `sent` as the member sees it: the interaction callback body, or after a
    /// deferral (the bot defers what is not ready in time) the first follow-up or edit.
    pub async fn reply(&self, sent: &Sent) -> Value {
        let deferred = |c: &Call| c.body["type"] == DEFERRED;
        let calls = self
            .answers(sent, |c| {
                c.first().is_some_and(|f| !deferred(f) || c.len() > 1)
            })
            .await;
        let answer = if deferred(&calls[0]) {
            &calls[1]
        } else {
            &calls[0]
        };
        answer.body.clone()
    }

    /// What has answered interaction `id` so far.
    pub fn timeline(&self, id: u64) -> Timeline {
        self.state
            .timelines
            .lock()
            .unwrap()
            .get(&id)
            .cloned()
            .unwrap_or_default()
    }

    /// Wait (up to `limit`) until `done` holds for the timeline of every interaction in `sent`;
    /// returns whether it did. `done` must stay true once true (timelines only grow), so each
    /// wake-up looks only past the last interaction found done: a load of thousands is not
    /// rescanned on every call.
    pub async fn wait_timelines(
        &self,
        sent: &[Sent],
        limit: Duration,
        done: impl Fn(&Timeline) -> bool,
    ) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        let mut first_open = 0;
        loop {
            let notified = self.state.changed.notified();
            {
                let timelines = self.state.timelines.lock().unwrap();
                while sent
                    .get(first_open)
                    .is_some_and(|s| timelines.get(&s.id).is_some_and(&done))
                {
                    first_open += 1;
                }
            }
            if first_open == sent.len() {
                return true;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return false;
            }
        }
    }

    /// Panic with every request body that broke Discord's OpenAPI description.
    pub fn assert_all_valid(&self) {
        let invalid = self.state.invalid.lock().unwrap();
        assert!(
            invalid.is_empty(),
            "requests that break Discord's API description:\n{}",
            invalid.join("\n")
        );
    }
}

fn message_json(id: u64, body: &Value, webhook: Option<&str>) -> Value {
    json!({
        "id": id.to_string(), "channel_id": "800000000000000001",
        "author": {"id": BOT_ID.to_string(), "username": "newsdesk", "discriminator": "0",
                   "global_name": null, "avatar": null, "bot": true},
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-01-01T00:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0, "flags": 0,
        // Discord answers interaction webhooks with the application's id as `webhook_id`.
        "components": [], "webhook_id": webhook.map(|_| APP_ID.to_string()),
        "application_id": APP_ID.to_string(),
    })
}

/// Sent down a session's channel to make the fake close that gateway connection.
const CLOSE: &str = "\u{0}close";

async fn gateway_session(state: Arc<State>, stream: tokio::net::TcpStream) {
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut sink, mut source) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    // The shard this session identified as.
    let mut shard: Option<u32> = None;
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41_250}}).to_string();
    if sink.send(Ws::Text(hello)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            out = rx.recv() => {
                let Some(frame) = out else { break };
                if frame == CLOSE {
                    // 4000 (unknown error): the client may resume.
                    let close = tokio_tungstenite::tungstenite::protocol::CloseFrame {
                        code: 4000.into(),
                        reason: "fake outage".into(),
                    };
                    let _ = sink.send(Ws::Close(Some(close))).await;
                    break;
                }
                if sink.send(Ws::Text(frame)).await.is_err() { break }
            }
            incoming = source.next() => {
                let Some(Ok(msg)) = incoming else { break };
                let Ws::Text(text) = msg else { continue };
                let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
                match v["op"].as_u64() {
                    Some(1) => {
                        let ack = json!({"op": 11}).to_string();
                        if sink.send(Ws::Text(ack)).await.is_err() { break }
                    }
                    Some(2) => {
                        // `[id, total]`; a client without it is shard 0 of 1.
                        let id = v["d"]["shard"][0].as_u64().unwrap_or(0) as u32;
                        let total = v["d"]["shard"][1].as_u64().unwrap_or(1).max(1);
                        state.identify.lock().unwrap().push(v["d"].clone());
                        state.shard_total.store(total, Ordering::SeqCst);
                        state.identified.fetch_add(1, Ordering::SeqCst);
                        state.gateway.lock().unwrap().insert(id, tx.clone());
                        shard = Some(id);
                        let ready = json!({"op": 0, "t": "READY", "s": 1, "d": {
                            "shard": [id, total],
                            "v": 10,
                            "user": {"id": BOT_ID.to_string(), "username": "newsdesk",
                                     "discriminator": "0", "global_name": null, "avatar": null,
                                     "bot": true, "verified": true, "mfa_enabled": false,
                                     "flags": 0},
                            "guilds": [], "session_id": "fake-session",
                            "resume_gateway_url": state.gateway_url,
                            "application": {"id": APP_ID.to_string(), "flags": 0},
                        }}).to_string();
                        if sink.send(Ws::Text(ready)).await.is_err() { break }
                        state.ready.send_modify(|r| { r.insert(id); });
                    }
                    Some(6) => {
                        // Sessions do not survive an outage here: "invalid session, not
                        // resumable", so the client identifies again from scratch.
                        let invalid = json!({"op": 9, "d": false}).to_string();
                        if sink.send(Ws::Text(invalid)).await.is_err() { break }
                    }
                    _ => {}
                }
            }
        }
    }
    // This shard is down, unless a newer session of it took over meanwhile.
    if let Some(id) = shard {
        let mut sessions = state.gateway.lock().unwrap();
        if sessions.get(&id).is_some_and(|t| t.same_channel(&tx)) {
            sessions.remove(&id);
            state.ready.send_modify(|r| {
                r.remove(&id);
            });
        }
    }
}

async fn rest_handler(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    method: axum::http::Method,
    uri: axum::http::Uri,
    body: axum::body::Bytes,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;

    let arrived = std::time::Instant::now();
    let full = uri.path().to_string();
    if let Some(name) = full.strip_prefix("/fixtures/") {
        state.fetched.lock().unwrap().push(name.to_string());
        state.changed.notify_waiters();
        let found = state.fixtures.lock().unwrap().get(name).cloned();
        return match found {
            Some((ct, body, delay)) => {
                tokio::time::sleep(delay).await;
                ([(axum::http::header::CONTENT_TYPE, ct)], body).into_response()
            }
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    let path = full.strip_prefix("/api/v10").unwrap_or(&full).to_string();
    let body: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).unwrap_or_else(|_| json!({"unparsed": true}))
    };
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let m = method.as_str().to_string();
    let answered = match (m.as_str(), segments.as_slice()) {
        ("POST", ["interactions", id, _, "callback"]) => id.parse().ok().map(|id| (id, true)),
        ("POST", ["webhooks", _, token]) | ("PATCH", ["webhooks", _, token, "messages", _]) => {
            token_interaction(token).map(|id| (id, false))
        }
        _ => None,
    };
    match (m.as_str(), segments.as_slice()) {
        ("POST", ["interactions", _, token, "callback"]) if body["type"] == DEFERRED => {
            state.thinking.lock().unwrap().insert(token.to_string());
        }
        ("POST", ["webhooks", _, token]) | ("PATCH", ["webhooks", _, token, "messages", _]) => {
            state.thinking.lock().unwrap().remove(*token);
        }
        _ => {}
    }
    if let Some((id, callback)) = answered {
        let mut timelines = state.timelines.lock().unwrap();
        let timeline = timelines.entry(id).or_default();
        let list = if callback {
            &mut timeline.callbacks
        } else {
            &mut timeline.followups
        };
        list.push((arrived, body.clone()));
    }
    let template = match (m.as_str(), segments.as_slice()) {
        ("PUT", ["applications", _, "commands"]) => Some("/applications/{application_id}/commands"),
        ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            Some("/applications/{application_id}/guilds/{guild_id}/commands")
        }
        ("POST", ["interactions", _, _, "callback"]) => {
            Some("/interactions/{interaction_id}/{interaction_token}/callback")
        }
        ("POST", ["webhooks", _, _]) => Some("/webhooks/{webhook_id}/{webhook_token}"),
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) => {
            Some("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
        }
        ("PATCH", ["webhooks", _, _, "messages", _]) => {
            Some("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
        }
        ("POST", ["channels", _, "messages"]) => Some("/channels/{channel_id}/messages"),
        ("POST", ["channels", _, "messages", _, "threads"]) => {
            Some("/channels/{channel_id}/messages/{message_id}/threads")
        }
        _ => None,
    };
    let mut valid = true;
    if let ("POST", ["channels", _, "typing"]) = (m.as_str(), segments.as_slice())
        && !body.is_null()
    {
        // The typing route takes no body.
        valid = false;
        state.invalid.lock().unwrap().push(format!(
            "{m} {path}: a body where none is expected\n  body: {body}"
        ));
    }
    if let (Some(t), Some(schemas)) = (template, &state.schemas)
        && let Err(why) = schemas.check(&m, t, &body)
    {
        {
            valid = false;
            state
                .invalid
                .lock()
                .unwrap()
                .push(format!("{m} {path}: {why}\n  body: {body}"));
        }
    }
    let id = ((SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
        - DISCORD_EPOCH_MS)
        << 22)
        | (state.ids.fetch_add(1, Ordering::Relaxed) & 0x3f_ffff);
    let response = if !valid {
        json_response(
            StatusCode::BAD_REQUEST,
            &json!({"message": "Invalid Form Body", "code": 50035}),
        )
    } else {
        match (m.as_str(), segments.as_slice()) {
            ("GET", ["gateway"]) => {
                json_response(StatusCode::OK, &json!({"url": state.gateway_url}))
            }
            ("GET", ["gateway", "bot"]) => json_response(
                StatusCode::OK,
                &json!({
                    "url": state.gateway_url, "shards": 1,
                    "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0,
                                            "max_concurrency": 1}
                }),
            ),
            ("PUT", ["applications", .., "commands"]) => {
                let commands: Vec<Value> = body
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                    .map(|(n, mut c)| {
                        c["id"] = json!((id + n as u64).to_string());
                        c["application_id"] = json!(APP_ID.to_string());
                        c["version"] = json!(id.to_string());
                        if c.get("type").is_none() {
                            c["type"] = json!(1);
                        }
                        c["default_member_permissions"] = Value::Null;
                        c["nsfw"] = json!(false);
                        c
                    })
                    .collect();
                json_response(StatusCode::OK, &Value::Array(commands))
            }
            ("POST", ["interactions", ..]) => StatusCode::NO_CONTENT.into_response(),
            ("POST", ["webhooks", _, token]) => {
                json_response(StatusCode::OK, &message_json(id, &body, Some(token)))
            }
            ("GET", ["webhooks", _, token, "messages", "@original"]) => {
                // A deferral not yet answered is Discord's "thinking…" message (flag LOADING).
                let mut message = message_json(id, &body, Some(token));
                if state.thinking.lock().unwrap().contains(*token) {
                    message["flags"] = json!(LOADING);
                }
                json_response(StatusCode::OK, &message)
            }
            ("DELETE", ["webhooks", _, token, "messages", "@original"]) => {
                state.thinking.lock().unwrap().remove(*token);
                StatusCode::NO_CONTENT.into_response()
            }
            ("PATCH" | "GET", ["webhooks", _, token, "messages", _]) => {
                json_response(StatusCode::OK, &message_json(id, &body, Some(token)))
            }
            ("PUT" | "DELETE", ["channels", .., "@me"]) => StatusCode::NO_CONTENT.into_response(),
            ("POST", ["channels", _, "typing"]) => StatusCode::NO_CONTENT.into_response(),
            ("POST", ["channels", channel, "messages"]) => {
                let mut message = message_json(id, &body, None);
                message["channel_id"] = json!(channel);
                message["embeds"] = body.get("embeds").cloned().unwrap_or(json!([]));
                json_response(StatusCode::OK, &message)
            }
            ("POST", ["channels", channel, "messages", message, "threads"]) => {
                let refused = channel
                    .parse::<u64>()
                    .is_ok_and(|c| state.no_threads.lock().unwrap().contains(&c));
                if refused {
                    json_response(
                        StatusCode::FORBIDDEN,
                        &json!({"message": "Missing Permissions", "code": 50013}),
                    )
                } else {
                    // A thread started from a message has that message's id.
                    json_response(
                        StatusCode::CREATED,
                        &json!({
                            "id": message, "type": 11, "parent_id": channel,
                            "guild_id": "100000000000000001", "owner_id": BOT_ID.to_string(),
                            "name": body["name"], "last_message_id": null,
                            "rate_limit_per_user": 0, "flags": 0, "message_count": 0,
                            "member_count": 1, "total_message_sent": 0,
                            "thread_metadata": {"archived": false, "auto_archive_duration": 60,
                                                "archive_timestamp": "2026-01-01T00:00:00.000000+00:00",
                                                "locked": false},
                        }),
                    )
                }
            }
            _ => json_response(
                StatusCode::NOT_FOUND,
                &json!({"message": "404: Not Found", "code": 0}),
            ),
        }
    };
    state.calls.lock().unwrap().push(Call {
        method: m,
        path,
        body,
        at: std::time::Instant::now(),
    });
    state.changed.notify_waiters();
    response
}

fn json_response(status: axum::http::StatusCode, body: &Value) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// Validators for the request bodies of the endpoints the bot uses, built from Discord's
/// OpenAPI description.
struct Schemas {
    validators: HashMap<(String, String), jsonschema::Validator>,
}

impl Schemas {
    fn load() -> Option<Schemas> {
        let shared = crate::support::shared_or_skip("the OpenAPI checks of the fake Discord")?;
        let text = std::fs::read_to_string(shared.join("discord-api/openapi.json")).ok()?;
        let doc: Value = serde_json::from_str(&text).expect("openapi.json is JSON");
        let mut validators = HashMap::new();
        for (template, method) in [
            ("/applications/{application_id}/commands", "put"),
            (
                "/applications/{application_id}/guilds/{guild_id}/commands",
                "put",
            ),
            (
                "/interactions/{interaction_id}/{interaction_token}/callback",
                "post",
            ),
            ("/webhooks/{webhook_id}/{webhook_token}", "post"),
            (
                "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
                "patch",
            ),
            (
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                "patch",
            ),
            ("/channels/{channel_id}/messages", "post"),
            (
                "/channels/{channel_id}/messages/{message_id}/threads",
                "post",
            ),
        ] {
            let schema = doc["paths"][template][method]["requestBody"]["content"]
                ["application/json"]["schema"]
                .clone();
            assert!(
                !schema.is_null(),
                "no JSON body schema for {method} {template}"
            );
            // The operation's schema as the root, with the document's components beside it so
            // that its `#/components/...` references resolve.
            let root = json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "components": doc["components"],
                "allOf": [schema],
            });
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&root)
                .unwrap_or_else(|e| panic!("schema for {method} {template}: {e}"));
            validators.insert((method.to_uppercase(), template.to_string()), validator);
        }
        Some(Schemas { validators })
    }

    fn check(&self, method: &str, template: &str, body: &Value) -> Result<(), String> {
        let Some(v) = self
            .validators
            .get(&(method.to_string(), template.to_string()))
        else {
            return Ok(());
        };
        let errors: Vec<String> = v
            .iter_errors(body)
            .take(5)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }
}
