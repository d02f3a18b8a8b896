//! The Discord bot end to end: the real serenity/poise client, started exactly as `newsdesk run`
//! starts it with `discord.proxy_url` set, talks to a fake Discord on 127.0.0.1 that checks every
//! request body against Discord's OpenAPI description.

mod conversation;
mod fake_discord;
mod feeds;
mod load;
mod shards;

use fake_discord::{Call, FakeDiscord, Interaction, Sent};
use newsdesk::Newsdesk;
use newsdesk::bot::{Bot, Gateway, Hooks};
use newsdesk::config::{Config, Secret};
use newsdesk::ingest::Source;
use newsdesk::model::{ArticleId, Scope};
use newsdesk::ops::CommandOutcome;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::oneshot;

const GUILD: u64 = 100_000_000_000_000_001;
const OTHER_GUILD: u64 = 100_000_000_000_000_002;
const MEMBER: u64 = 200_000_000_000_000_001;
const EDITOR_ROLE: u64 = 300_000_000_000_000_001;
/// Shaped like a real token; the fake accepts anything.
const TOKEN: &str = "MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only-000000000000";

/// Interaction callback types.
const REPLY: u64 = 4;
const DEFER: u64 = 5;
const UPDATE: u64 = 7;
const AUTOCOMPLETE: u64 = 8;
/// Message flag: only the caller sees it.
const EPHEMERAL: u64 = 64;

/// Our own article, written for these tests; it contains mentions that must never ping.
const ARTICLE: &str = "Harbour council approves the new ferry line
The harbour council of Port Elwin approved a new ferry line on Tuesday after a long debate.
\"This line will connect the islands every hour,\" said Mara Quill, the council's transport chief.
The ferry will start in May and cost 40 million crowns, according to the council's budget.
Critics said the price was too high for a town of twelve thousand people.
\"We will watch every crown,\" Quill added.";

const PING_ARTICLE: &str =
    "@everyone read this now <@200000000000000009> and <@&300000000000000009>
@everyone the harbour is closed today, <@200000000000000009> said in a long message to the town.
Boats must stay in port until the storm passes, the harbour master said on Monday morning.
<@&300000000000000009> members should check their moorings twice before the wind arrives.";

const PAGE: &str = "<!doctype html><html><head><title>Lighthouse restored after fifty years</title>
<meta property=\"og:site_name\" content=\"Coast Gazette\"></head><body><article>
<h1>Lighthouse restored after fifty years</h1>
<p>The old lighthouse on Cape Serra shines again after a restoration that took three years.</p>
<p>\"It is the heart of this coast,\" said Ilse Varga, who led the volunteers.</p>
<p>The lamp was rebuilt by hand from drawings found in the town archive last spring.</p>
<p>Visitors can climb the tower on weekends from June, the town council said.</p>
</article></body></html>";

/// Records what the bot reports through its hooks.
#[derive(Default)]
struct Recorder {
    commands: Mutex<Vec<(String, CommandOutcome)>>,
    gateway: Mutex<Vec<Gateway>>,
    shards: Mutex<Vec<String>>,
    shard: Mutex<Vec<(u32, Gateway)>>,
}

impl Hooks for Recorder {
    fn command_finished(&self, name: &str, outcome: CommandOutcome, _elapsed: Duration) {
        self.commands.lock().unwrap().push((name.into(), outcome));
    }
    fn gateway(&self, state: Gateway) {
        self.gateway.lock().unwrap().push(state);
    }
    fn shards(&self, range: newsdesk::shards::ShardRange) {
        self.shards.lock().unwrap().push(range.to_string());
    }
    fn shard(&self, id: u32, state: Gateway) {
        self.shard.lock().unwrap().push((id, state));
    }
}

/// A fake Discord, a fresh database and the bot connected to both.
struct Harness {
    fake: FakeDiscord,
    desk: Newsdesk,
    hooks: Arc<Recorder>,
    stop: Option<oneshot::Sender<()>>,
    bot: tokio::task::JoinHandle<anyhow::Result<()>>,
    _dir: tempfile::TempDir,
}

impl Harness {
    async fn start(tweak: impl FnOnce(&mut Config)) -> Harness {
        // RUST_LOG=debug shows what the bot and serenity did.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.database.path = dir.path().join("bot.db");
        config.fetch.allow_private_networks = true;
        config.discord.proxy_url = fake.url();
        config.discord.editor_role_ids = vec![EDITOR_ROLE];
        tweak(&mut config);
        let desk = Newsdesk::open(config).await.unwrap();
        let hooks = Arc::new(Recorder::default());
        let (stop, stopped) = oneshot::channel::<()>();
        let bot = tokio::spawn(
            Bot::new(desk.clone(), Secret::new(TOKEN))
                .hooks(hooks.clone())
                .run_until(async move {
                    let _ = stopped.await;
                }),
        );
        fake.wait_registered().await;
        Harness {
            fake,
            desk,
            hooks,
            stop: Some(stop),
            bot,
            _dir: dir,
        }
    }

    async fn seed(&self, scope: Scope, text: &str, url: &str) -> ArticleId {
        let outcome = self
            .desk
            .ingest(
                scope,
                Source::Text {
                    text: text.into(),
                    url: Some(url.into()),
                },
                &|_| {},
            )
            .await
            .unwrap();
        outcome.article().id
    }

    /// `n` short market reports in [`GUILD`], numbered from 0 (the newest is `n - 1`): more
    /// than one page of `/articles`.
    async fn seed_market_reports(&self, n: usize) {
        for k in 0..n {
            let text = format!(
                "Market report number {k}\nThe fish market sold {k} tons of cod on a windy day in the harbour.\nTraders said prices were stable and the weather was kind."
            );
            self.seed(
                Scope::Guild(GUILD),
                &text,
                &format!("https://news.example/market-{k}"),
            )
            .await;
        }
    }

    async fn send(&self, i: Interaction) -> Sent {
        self.fake.send(&i).await
    }

    /// Send `i` and return the body of its first answer.
    async fn ask(&self, i: Interaction) -> Value {
        let sent = self.send(i).await;
        self.fake.reply(&sent).await
    }

    /// The outcomes reported through the hooks, once there are `n` (a command reports after its
    /// answer is sent, so the last one may trail the answer a little).
    async fn outcomes(&self, n: usize) -> Vec<(String, CommandOutcome)> {
        for _ in 0..600 {
            let seen = self.hooks.commands.lock().unwrap().clone();
            if seen.len() >= n {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.hooks.commands.lock().unwrap().clone()
    }

    /// Stop the bot as SIGTERM would, check it shut down cleanly and that everything it sent
    /// matched Discord's API description.
    async fn finish(mut self) {
        self.stop.take().unwrap().send(()).unwrap();
        let result = tokio::time::timeout(Duration::from_secs(30), self.bot)
            .await
            .expect("the bot did not shut down");
        result.unwrap().expect("the bot ended with an error");
        self.fake.assert_all_valid();
    }
}

/// The message data of a callback (type 4/7) or a follow-up/edit body.
fn message(body: &Value) -> &Value {
    if body.get("type").is_some() && body.get("data").is_some() {
        &body["data"]
    } else {
        body
    }
}

fn content(body: &Value) -> String {
    message(body)["content"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn embed(body: &Value) -> &Value {
    &message(body)["embeds"][0]
}

fn is_ephemeral(body: &Value) -> bool {
    message(body)["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

/// Progress edits of one message, as a reader should see them: never the same text twice in a
/// row, at most one a second, except the final one which does not wait.
fn assert_coalesced(edits: &[Call]) {
    for pair in edits.windows(2) {
        assert_ne!(
            pair[0].body, pair[1].body,
            "the same edit twice: {}",
            pair[1].body
        );
    }
    let before_last = &edits[..edits.len().saturating_sub(1)];
    for pair in before_last.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= Duration::from_millis(950),
            "two progress edits {gap:?} apart"
        );
    }
}

/// Every message the bot sent must ping no one.
fn assert_no_mentions(calls: &[Call]) {
    for c in calls {
        let m = message(&c.body);
        let has_message = m.get("content").is_some() || m.get("embeds").is_some();
        if c.method == "PUT" || !has_message {
            continue;
        }
        assert_eq!(
            m["allowed_mentions"],
            json!({"parse": [], "users": [], "roles": [], "replied_user": false}),
            "{} {} allows mentions",
            c.method,
            c.path
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_with_cited_embeds() {
    let h = Harness::start(|_| {}).await;
    let registered = h.fake.calls();
    let put = registered.iter().find(|c| c.method == "PUT").unwrap();
    let names: Vec<&str> = put
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ingest", "summary", "story", "quotes", "entity", "ask", "articles", "forget", "feed",
            "help"
        ]
    );
    assert_eq!(
        put.body[1]["description"], "Summarize a stored article",
        "the first doc line is the description"
    );
    // Every string option carries Discord's own length limit, so the client stops an over-long
    // input: free text at the core's question limit, autocompleted values at Discord's 100.
    let free_text = Config::default().ask.max_question_chars as u64;
    let mut limits: Vec<(String, u64)> = Vec::new();
    for command in put.body.as_array().unwrap() {
        for option in command["options"].as_array().into_iter().flatten() {
            if option["type"] == 3 {
                let name = format!("{}.{}", command["name"].as_str().unwrap(), option["name"]);
                let max = option["max_length"].as_u64();
                limits.push((name.replace('"', ""), max.unwrap_or(0)));
            }
        }
    }
    let expected: Vec<(String, u64)> = [
        ("ingest.url", 2000),
        ("summary.article", 100),
        ("story.article", 100),
        ("quotes.article", 100),
        ("quotes.speaker", 100),
        ("entity.name", 100),
        ("ask.question", free_text),
        ("ask.article", 100),
        ("articles.search", free_text),
        ("forget.article", 100),
    ]
    .into_iter()
    .map(|(n, m)| (n.to_string(), m))
    .collect();
    assert_eq!(limits, expected);
    assert!(
        put.path
            .ends_with(&format!("/applications/{}/commands", fake_discord::APP_ID))
    );

    let id = h
        .seed(Scope::Guild(GUILD), ARTICLE, "https://news.example/ferry")
        .await;

    let r = h
        .ask(Interaction::slash("summary", GUILD, MEMBER).string("article", &id.to_string()))
        .await;
    assert_eq!(r["type"], REPLY);
    let e = embed(&r);
    assert_eq!(e["title"], "Harbour council approves the new ferry line");
    assert_eq!(e["url"], "https://news.example/ferry");
    assert!(
        e["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("news.example · ")
    );
    assert!(e["description"].as_str().unwrap().starts_with("• "));
    assert!(!is_ephemeral(&r));

    let r = h
        .ask(
            Interaction::slash("summary", GUILD, MEMBER)
                .string("article", &format!("#{id}"))
                .integer("sentences", 1),
        )
        .await;
    assert_eq!(
        embed(&r)["description"]
            .as_str()
            .unwrap()
            .matches("• ")
            .count(),
        1
    );

    let r = h
        .ask(Interaction::slash("quotes", GUILD, MEMBER).string("article", &id.to_string()))
        .await;
    let d = embed(&r)["description"].as_str().unwrap().to_string();
    assert!(
        d.contains("This line will connect the islands every hour"),
        "{d}"
    );

    let r = h.ask(Interaction::slash("quotes", GUILD, MEMBER)).await;
    assert_eq!(
        embed(&r)["title"],
        "Harbour council approves the new ferry line",
        "newest article by default"
    );

    let r = h
        .ask(
            Interaction::slash("ask", GUILD, MEMBER)
                .string("question", "When does the ferry start?"),
        )
        .await;
    let e = embed(&r);
    assert_eq!(e["title"], "When does the ferry start?");
    let d = e["description"].as_str().unwrap();
    assert!(d.contains("May"), "{d}");
    assert!(
        d.contains("](https://news.example/ferry) (#"),
        "citations are links: {d}"
    );

    // Names depend on the entity recogniser; either a profile or a clear "unknown" comes back.
    let r = h
        .ask(Interaction::slash("entity", GUILD, MEMBER).string("name", "Mara Quill"))
        .await;
    assert_eq!(r["type"], REPLY);
    let text = format!("{} {}", content(&r), embed(&r)["title"]);
    assert!(text.contains("Mara Quill"), "{r}");

    let r = h.ask(Interaction::slash("articles", GUILD, MEMBER)).await;
    let d = embed(&r)["description"].as_str().unwrap().to_string();
    assert!(
        d.contains("[Harbour council approves the new ferry line](https://news.example/ferry)"),
        "{d}"
    );
    assert!(
        message(&r)["components"]
            .as_array()
            .is_none_or(|c| c.is_empty()),
        "one page: no buttons"
    );

    let r = h.ask(Interaction::slash("help", GUILD, MEMBER)).await;
    assert!(is_ephemeral(&r));
    assert!(
        embed(&r)["description"]
            .as_str()
            .unwrap()
            .contains("**/ask** — Ask a question")
    );

    assert_no_mentions(&h.fake.calls());
    let finished = h.outcomes(8).await;
    assert_eq!(finished.len(), 8, "{finished:?}");
    assert!(
        finished.iter().all(|(_, o)| *o == CommandOutcome::Ok),
        "{finished:?}"
    );
    assert_eq!(
        h.hooks.gateway.lock().unwrap().first(),
        Some(&Gateway::Connected)
    );
    h.finish().await;
}

/// `/ask` with an article picked asks about that article, as a follow-up in its thread does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_about_a_picked_article() {
    let h = Harness::start(|_| {}).await;
    let id = h
        .seed(Scope::Guild(GUILD), ARTICLE, "https://news.example/ferry")
        .await;
    let ask = |question: &str, article: &str| {
        h.ask(
            Interaction::slash("ask", GUILD, MEMBER)
                .string("question", question)
                .string("article", article),
        )
    };
    let said = |r: &Value| embed(r)["description"].as_str().unwrap().to_string();
    // With an article picked, a question about the article itself reads its own fields.
    let r = ask("which outlet is it from?", &id.to_string()).await;
    assert!(said(&r).contains("**news.example**"), "{r}");
    let r = ask("who wrote it?", &id.to_string()).await;
    assert!(said(&r).contains("names no author"), "{r}");
    // Other questions are asked of it first.
    let r = ask("how much will it cost?", &format!("#{id}")).await;
    assert!(said(&r).contains("**40 million crowns**"), "{r}");
    for (article, says) in [
        ("#999", "No article #999"),
        ("the ferry one", "Pick an article"),
    ] {
        let r = ask("who wrote it?", article).await;
        assert!(is_ephemeral(&r), "{r}");
        assert!(content(&r).contains(says), "{r}");
    }
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_of_a_file_defers_then_reports_progress() {
    let h = Harness::start(|_| {}).await;
    let url = h
        .fake
        .fixture("lighthouse.html", "text/html; charset=utf-8", PAGE);
    let sent = h
        .send(
            Interaction::slash("ingest", GUILD, MEMBER)
                .manager()
                .attachment("file", "lighthouse.html", &url, PAGE.len() as u64),
        )
        .await;
    let calls = h
        .fake
        .answers(&sent, |c| c.iter().any(|c| content(&c.body).contains("✅")))
        .await;
    assert_eq!(calls[0].body["type"], DEFER, "deferred at once");
    let edits: Vec<String> = calls[1..]
        .iter()
        .map(|c| {
            assert!(c.path.ends_with("/messages/@original"), "{}", c.path);
            content(&c.body)
        })
        .collect();
    // The four stages take a moment: the first is shown, then the result.
    assert_eq!(edits.len(), 2, "{edits:?}");
    assert!(edits[0].contains("extracting…"), "{edits:?}");
    assert_coalesced(&calls[1..]);
    let last = calls.last().unwrap();
    assert!(
        content(&last.body).starts_with("✅ stored Lighthouse restored after fifty years (#1)"),
        "{}",
        content(&last.body)
    );
    let e = embed(&last.body);
    assert_eq!(e["title"], "Lighthouse restored after fifty years");
    assert!(
        e["description"].as_str().unwrap().starts_with("• "),
        "with the summary"
    );
    assert_no_mentions(&calls);

    // Stored in this guild: readable here.
    let list = h
        .desk
        .articles(Scope::Guild(GUILD), None, newsdesk::query::Page::first(5))
        .await
        .unwrap();
    assert_eq!(list.articles.len(), 1);

    // The same file again is a duplicate.
    let sent = h
        .send(
            Interaction::slash("ingest", GUILD, MEMBER)
                .manager()
                .attachment("file", "lighthouse.html", &url, PAGE.len() as u64),
        )
        .await;
    let calls = h
        .fake
        .answers(&sent, |c| {
            c.iter()
                .any(|c| content(&c.body).contains("already stored"))
        })
        .await;
    assert!(content(&calls.last().unwrap().body).starts_with("↩️ already stored as Lighthouse"));
    h.finish().await;
}

/// A slow site: the answer still shows each link's progress as it changes, edited at most about
/// once a second, and the final result (every link's) goes out as soon as the work is done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_progress_edits_are_coalesced_and_the_result_always_sent() {
    let h = Harness::start(|_| {}).await;
    let slow = h.fake.slow_fixture(
        "slow",
        "text/html; charset=utf-8",
        PAGE.as_bytes(),
        Duration::from_millis(2500),
    );
    let fast = h.fake.fixture(
        "fast",
        "text/html; charset=utf-8",
        &PAGE
            .replace("Lighthouse", "Windmill")
            .replace("lighthouse", "windmill"),
    );
    let sent = h
        .send(
            Interaction::slash("ingest", GUILD, MEMBER)
                .manager()
                .string("url", &format!("{slow} {fast}")),
        )
        .await;
    let calls = h
        .fake
        .answers(&sent, |c| {
            c.iter()
                .any(|c| content(&c.body).matches("✅").count() == 2)
        })
        .await;
    let finished = std::time::Instant::now();
    let edits = &calls[1..];
    let texts: Vec<String> = edits.iter().map(|c| content(&c.body)).collect();
    assert!(
        texts[0].starts_with(&format!("⏳ <{slow}> fetching…\n⏳ <{fast}> waiting")),
        "{texts:?}"
    );
    assert!(
        texts[1].starts_with(&format!("⏳ <{slow}> extracting…")),
        "the next state once the site answered: {texts:?}"
    );
    assert_coalesced(edits);
    // The whole ingest is well over 2.5 s; a handful of edits, not one per stage and link.
    let spent = edits.last().unwrap().at.duration_since(edits[0].at);
    assert!(spent >= Duration::from_millis(2000), "{spent:?}");
    assert!(
        edits.len() <= 2 + spent.as_secs() as usize,
        "{} edits in {spent:?}: {texts:?}",
        edits.len()
    );
    let last = texts.last().unwrap();
    assert!(
        last.starts_with("✅ stored [Lighthouse") && last.contains("\n✅ stored [Windmill"),
        "{last}"
    );
    // Nothing trails the result.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let later = h
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.answers(sent.id, &sent.token) && c.at > finished)
        .count();
    assert_eq!(later, 0);
    assert_no_mentions(&calls);
    h.finish().await;
}

/// Attachments are decoded as the command line decodes files: a Latin-1 text or page without a
/// declared charset reads as it was written, not as replacement characters.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingested_files_are_decoded_like_local_files() {
    let h = Harness::start(|_| {}).await;
    let text = "Mühle am Flussufer wird ein Café\n\
        Die alte Mühle am Flussufer wird ein Café mit Blick auf die Brücke, sagte die Stadt.\n\
        Die Arbeiten beginnen im Frühjahr und dauern zwei Jahre, hieß es am Montag.";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let page = include_bytes!("../../fixtures/fetch/latin1.html");
    for (name, bytes) in [
        ("muehle.txt", latin1.to_vec()),
        ("muehle.html", page.to_vec()),
    ] {
        // Served as Discord's CDN would, with no charset to go by.
        let url = h
            .fake
            .fixture_bytes(name, "application/octet-stream", &bytes);
        let sent = h
            .send(
                Interaction::slash("ingest", GUILD, MEMBER)
                    .manager()
                    .attachment("file", name, &url, bytes.len() as u64),
            )
            .await;
        let calls = h
            .fake
            .answers(&sent, |c| {
                c.iter()
                    .any(|c| ["✅", "❌"].iter().any(|m| content(&c.body).contains(m)))
            })
            .await;
        let last = content(&calls.last().unwrap().body);
        assert!(last.starts_with("✅ stored Mühle am Flussufer"), "{last}");
    }
    let stored = h
        .desk
        .articles(Scope::Guild(GUILD), None, newsdesk::query::Page::first(5))
        .await
        .unwrap()
        .articles;
    for a in &stored {
        let summary = h
            .desk
            .summary(Scope::Guild(GUILD), a.id, None)
            .await
            .unwrap();
        let all = summary.sentences.join(" ");
        assert!(all.contains("Mühle") && !all.contains('\u{fffd}'), "{all}");
    }
    assert_eq!(stored.len(), 2);
    h.finish().await;
}

/// A link on a loopback fixture server, as `/ingest url` sees it: fetched, analysed, stored, with
/// every stage shown in the edited reply.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_of_a_link_fetches_and_stores() {
    let h = Harness::start(|_| {}).await;
    let url = h
        .fake
        .fixture("lighthouse", "text/html; charset=utf-8", PAGE);
    let sent = h
        .send(
            Interaction::slash("ingest", GUILD, MEMBER)
                .manager()
                .string("url", &url),
        )
        .await;
    let done = |c: &[Call]| {
        c.iter().any(|c| {
            let t = content(&c.body);
            t.contains("✅") || t.contains("❌")
        })
    };
    let calls = h.fake.answers(&sent, done).await;
    assert_eq!(calls[0].body["type"], DEFER);
    let edits: Vec<String> = calls[1..].iter().map(|c| content(&c.body)).collect();
    assert!(edits[0].contains("fetching…"), "{edits:?}");
    assert_coalesced(&calls[1..]);
    let last = content(&calls.last().unwrap().body);
    assert!(
        last.starts_with("✅ stored [Lighthouse restored after fifty years]"),
        "{last}"
    );
    // Links are read from the option as from chat (one parser): wrappers, punctuation and
    // tracking parameters go, so the same page is a duplicate; a word that is not a link is a
    // clear per-link failure.
    let sent = h
        .send(
            Interaction::slash("ingest", GUILD, MEMBER)
                .manager()
                .string("url", &format!("<{url}?utm_source=chat>, not-a-link")),
        )
        .await;
    let calls = h
        .fake
        .answers(&sent, |c| c.iter().any(|c| content(&c.body).contains("❌")))
        .await;
    let last = content(&calls.last().unwrap().body);
    assert_eq!(
        last.lines().collect::<Vec<_>>(),
        [
            format!("↩️ already stored as [Lighthouse restored after fifty years](<{url}>) (#1)"),
            "❌ not-a-link: That is not a valid web link.".to_string()
        ]
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_recent_titles_of_this_guild_only() {
    let h = Harness::start(|_| {}).await;
    let id = h
        .seed(Scope::Guild(GUILD), ARTICLE, "https://news.example/ferry")
        .await;
    h.seed(
        Scope::Guild(OTHER_GUILD),
        PING_ARTICLE,
        "https://news.example/storm",
    )
    .await;

    let r = h
        .ask(Interaction::autocomplete(
            "summary", GUILD, MEMBER, "article", "ferry",
        ))
        .await;
    assert_eq!(r["type"], AUTOCOMPLETE);
    assert_eq!(
        r["data"]["choices"],
        json!([{"name": format!("#{id} Harbour council approves the new ferry line"), "value": id.to_string()}])
    );
    let r = h
        .ask(Interaction::autocomplete(
            "forget", GUILD, MEMBER, "article", "",
        ))
        .await;
    assert_eq!(
        r["data"]["choices"].as_array().unwrap().len(),
        1,
        "other guilds' articles never show"
    );
    let r = h
        .ask(Interaction::autocomplete(
            "summary",
            GUILD,
            MEMBER,
            "article",
            "nothing like it",
        ))
        .await;
    assert_eq!(r["data"]["choices"], json!([]));

    // Names come from the entity recogniser; whatever it found is offered, scoped the same way.
    let r = h
        .ask(Interaction::autocomplete(
            "entity", GUILD, MEMBER, "name", "Quill",
        ))
        .await;
    assert_eq!(r["type"], AUTOCOMPLETE);
    for c in r["data"]["choices"].as_array().unwrap() {
        assert!(c["name"].as_str().unwrap().contains("Quill"), "{c}");
    }
    let r = h
        .ask(Interaction::autocomplete(
            "quotes", GUILD, MEMBER, "speaker", "",
        ))
        .await;
    assert_eq!(r["type"], AUTOCOMPLETE);
    assert!(
        h.hooks.commands.lock().unwrap().is_empty(),
        "autocomplete is not a command"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_short_ephemeral_and_useful() {
    let h = Harness::start(|_| {}).await;
    let r = h
        .ask(Interaction::slash("summary", GUILD, MEMBER).string("article", "#42"))
        .await;
    assert_eq!(r["type"], REPLY);
    assert!(is_ephemeral(&r));
    assert_eq!(content(&r), "⚠️ No article #42 here.");

    let r = h
        .ask(Interaction::slash("summary", GUILD, MEMBER).string("article", "the ferry one"))
        .await;
    assert!(is_ephemeral(&r));
    assert!(
        content(&r).contains("give its number like #12"),
        "{}",
        content(&r)
    );

    let r = h
        .ask(Interaction::slash("ask", GUILD, MEMBER).string("question", "   "))
        .await;
    assert_eq!(content(&r), "⚠️ Please type something to search for.");

    let r = h
        .ask(Interaction::slash("ingest", GUILD, MEMBER).manager())
        .await;
    assert!(is_ephemeral(&r));
    assert!(content(&r).contains("Give me a link"));

    let r = h.ask(Interaction::slash("quotes", GUILD, MEMBER)).await;
    assert!(content(&r).contains("Nothing is stored here yet"));

    assert_no_mentions(&h.fake.calls());
    let outcomes: Vec<CommandOutcome> = h.outcomes(5).await.iter().map(|c| c.1).collect();
    assert!(
        outcomes.contains(&CommandOutcome::UserError("unknown_article")),
        "{outcomes:?}"
    );
    assert!(
        outcomes.contains(&CommandOutcome::UserError("invalid")),
        "{outcomes:?}"
    );
    h.finish().await;
}

/// A client with an old command list sends commands this version does not have: they get a
/// short ephemeral answer (not Discord's "did not respond"), their autocomplete no choices.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_commands_get_a_short_ephemeral_answer() {
    let h = Harness::start(|_| {}).await;
    let r = h
        .ask(Interaction::slash("headlines", GUILD, MEMBER).string("topic", "ferry"))
        .await;
    assert_eq!(r["type"], REPLY);
    assert!(is_ephemeral(&r));
    let text = content(&r);
    assert!(
        text.starts_with("⚠️ I do not know that command") && text.contains("old command list"),
        "{text}"
    );
    let r = h
        .ask(Interaction::autocomplete(
            "headlines",
            GUILD,
            MEMBER,
            "topic",
            "fer",
        ))
        .await;
    assert_eq!(r["type"], AUTOCOMPLETE);
    assert_eq!(r["data"]["choices"], json!([]));
    // The bot is still well, and unknown names are not counted as commands.
    let r = h.ask(Interaction::slash("articles", GUILD, MEMBER)).await;
    assert!(!is_ephemeral(&r));
    assert_eq!(h.outcomes(1).await.len(), 1);
    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

/// The text of `body` that Discord renders as markdown: content, embed titles, descriptions and
/// fields (footers are plain text).
fn markdown_texts(body: &Value) -> Vec<String> {
    let m = message(body);
    let mut out: Vec<String> = m["content"]
        .as_str()
        .map(String::from)
        .into_iter()
        .collect();
    for e in m["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            out.extend(e[key].as_str().map(String::from));
        }
        for f in e["fields"].as_array().into_iter().flatten() {
            out.extend(f["name"].as_str().map(String::from));
            out.extend(f["value"].as_str().map(String::from));
        }
    }
    out
}

/// Where `pattern` occurs in `text` without a backslash before it.
fn unescaped(text: &str, pattern: &str) -> bool {
    text.match_indices(pattern)
        .any(|(i, _)| !text[..i].ends_with('\\'))
}

/// A page full of markdown, links and mention-like text, read through `/ingest` and shown by
/// every command: Discord gets it escaped (no disguised link, heading, spoiler, code or mention),
/// the bot's own formatting stays, and links in message content never unfurl.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_from_pages_and_members_is_shown_as_written() {
    let h = Harness::start(|_| {}).await;
    let page = include_str!("../../fixtures/bot/markdown.html");
    let url = h.fake.fixture("markdown", "text/html; charset=utf-8", page);
    let sent = h
        .send(
            Interaction::slash("ingest", GUILD, MEMBER)
                .manager()
                .string("url", &url),
        )
        .await;
    let calls = h
        .fake
        .answers(&sent, |c| c.iter().any(|c| content(&c.body).contains("✅")))
        .await;
    let stored = content(&calls.last().unwrap().body);
    assert!(
        stored.starts_with(
            "✅ stored [\\*\\*Free boats\\*\\* for \\|\\|everyone\\|\\| in \\`Port Elwin\\`](<"
        ),
        "{stored}"
    );
    let id = h
        .desk
        .articles(Scope::Guild(GUILD), None, newsdesk::query::Page::first(1))
        .await
        .unwrap()
        .articles[0]
        .id
        .to_string();

    let mut bodies: Vec<Value> = calls.iter().map(|c| c.body.clone()).collect();
    for i in [
        Interaction::slash("summary", GUILD, MEMBER)
            .string("article", &id)
            .integer("sentences", 10),
        Interaction::slash("quotes", GUILD, MEMBER).string("article", &id),
        Interaction::slash("quotes", GUILD, MEMBER).string("speaker", "Mara Quill"),
        Interaction::slash("entity", GUILD, MEMBER).string("name", "Mara Quill"),
        Interaction::slash("ask", GUILD, MEMBER)
            .string("question", "Who can claim a **free** boat?"),
        Interaction::slash("articles", GUILD, MEMBER).string("search", "boats ||x||"),
        Interaction::slash("articles", GUILD, MEMBER),
        Interaction::slash("entity", GUILD, MEMBER)
            .string("name", "@everyone [x](https://evil.example)"),
        Interaction::slash("forget", GUILD, MEMBER)
            .manager()
            .string("article", &id),
    ] {
        let r = h.ask(i).await;
        assert!(!is_ephemeral(&r), "{r}");
        bodies.push(r);
    }

    let texts: Vec<String> = bodies.iter().flat_map(markdown_texts).collect();
    let all = texts.join("\n");
    // The page's words are all there, shown as written.
    for shown in [
        "\\[Claim your prize\\](<https://evil.example/win>)",
        "Click \\*\\*here\\*\\* to claim your boat, it is \\|\\|totally\\|\\| free",
        "\\# Everyone who registers",
        "\\@everyone and \\<\\@200000000000000009>",
        "a stray \\` backtick",
        "\\<#800000000000000001> pier",
        "Harbour \\_\\_Herald\\_\\_",
        "Articles matching “boats \\|\\|x\\|\\|”",
        "“\\@everyone \\[x\\](<https://evil.example>)”",
        "Who can claim a \\*\\*free\\*\\* boat?",
    ] {
        assert!(all.contains(shown), "{shown} missing from:\n{all}");
    }
    for text in &texts {
        for raw in [
            "[Claim",
            "**here**",
            "**free**",
            "**Free",
            "||",
            "`",
            "@everyone",
            "<@",
            "<#",
            "__Herald",
        ] {
            assert!(!unescaped(text, raw), "unescaped {raw} in {text}");
        }
        for line in text.lines() {
            assert!(!line.trim_start().starts_with("# "), "a heading: {line}");
            assert!(
                !line.trim_start().starts_with("> Boats"),
                "a block quote: {line}"
            );
        }
        // Masked links are the bot's own citations, never a page's.
        for (i, _) in text.match_indices("](") {
            let target = text[i + 2..].trim_start_matches('<');
            if !text[..i].ends_with('\\') {
                assert!(
                    target.starts_with(&h.fake.url()),
                    "a foreign masked link in {text}"
                );
            }
        }
    }
    // Links in message content (the progress and /forget) are wrapped: no preview cards.
    for body in &bodies {
        let c = content(body);
        for (i, _) in c.match_indices("http") {
            assert!(c[..i].ends_with('<'), "a link that unfurls in {c}");
        }
    }
    let forgot = content(bodies.last().unwrap());
    assert!(
        forgot.starts_with("🗑️ Forgot [\\*\\*Free boats"),
        "{forgot}"
    );
    assert!(forgot.contains(&format!("](<{url}>)")), "{forgot}");
    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_text_never_pings_anyone() {
    let h = Harness::start(|_| {}).await;
    let id = h
        .seed(
            Scope::Guild(GUILD),
            PING_ARTICLE,
            "https://news.example/storm",
        )
        .await;
    for i in [
        Interaction::slash("summary", GUILD, MEMBER).string("article", &id.to_string()),
        Interaction::slash("articles", GUILD, MEMBER),
        Interaction::slash("ask", GUILD, MEMBER).string("question", "harbour closed"),
        Interaction::slash("forget", GUILD, MEMBER)
            .manager()
            .string("article", &id.to_string()),
    ] {
        let r = h.ask(i).await;
        let shown = r.to_string();
        assert!(
            shown.contains("@everyone") || shown.contains("<@"),
            "the mention text is shown: {shown}"
        );
        assert_eq!(
            message(&r)["allowed_mentions"],
            json!({"parse": [], "users": [], "roles": [], "replied_user": false})
        );
    }
    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

/// `/story`: one embed naming every outlet, within Discord's limits, pinging no one, even when
/// the articles are many, long and full of mentions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn story_shows_outlets_and_fits_discord() {
    let h = Harness::start(|_| {}).await;
    let body = "The harbour of Lowmoor was closed on Monday after a storm tore two cranes from their rails. \
        Mayor Lena Ortiz said the port would reopen within a week. \
        \"We will rebuild the cranes before the winter,\" Ortiz said. @everyone <@123> should read this.";
    let mut ids = Vec::new();
    for k in 0..30 {
        let text = format!(
            "Storm closes Lowmoor harbour, report {k}\nLOWMOOR, March 3, 2026 - {body} Outlet {k} adds that {} ships waited offshore while pilots checked the channel for wreckage.",
            k + 3
        );
        ids.push(
            h.seed(
                Scope::Guild(GUILD),
                &text,
                &format!("https://outlet-{k}.example/storm"),
            )
            .await,
        );
    }
    let r = h
        .ask(Interaction::slash("story", GUILD, MEMBER).string("article", &ids[3].to_string()))
        .await;
    assert!(!is_ephemeral(&r), "{r}");
    let e = embed(&r);
    let shown = e.to_string();
    assert!(shown.contains("outlet-0.example"), "{shown}");
    assert!(
        e["fields"][0]["name"]
            .as_str()
            .unwrap()
            .contains("30 articles"),
        "{shown}"
    );
    assert!(shown.len() < 6000 * 2, "{}", shown.len());
    assert_eq!(
        message(&r)["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": [], "replied_user": false})
    );
    // An article of another guild is unknown here.
    let other = h
        .seed(
            Scope::Guild(OTHER_GUILD),
            body,
            "https://elsewhere.example/x",
        )
        .await;
    let r = h
        .ask(Interaction::slash("story", GUILD, MEMBER).string("article", &other.to_string()))
        .await;
    assert!(is_ephemeral(&r), "{r}");
    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guilds_and_direct_messages_are_isolated() {
    let h = Harness::start(|_| {}).await;
    let id = h
        .seed(Scope::Guild(GUILD), ARTICLE, "https://news.example/ferry")
        .await;

    let r = h
        .ask(Interaction::slash("summary", OTHER_GUILD, MEMBER).string("article", &id.to_string()))
        .await;
    assert_eq!(content(&r), format!("⚠️ No article #{id} here."));
    let r = h
        .ask(Interaction::slash("articles", OTHER_GUILD, MEMBER))
        .await;
    assert!(
        embed(&r)["description"]
            .as_str()
            .unwrap()
            .contains("Nothing stored yet")
    );
    let r = h
        .ask(Interaction::slash("ask", OTHER_GUILD, MEMBER).string("question", "ferry"))
        .await;
    assert!(
        embed(&r)["description"]
            .as_str()
            .unwrap()
            .starts_with("I found nothing")
    );
    let r = h
        .ask(
            Interaction::slash("forget", OTHER_GUILD, MEMBER)
                .manager()
                .string("article", &id.to_string()),
        )
        .await;
    assert_eq!(content(&r), format!("⚠️ No article #{id} here."));

    // A DM is the user's own store (dm_policy = "user").
    let r = h
        .ask(Interaction::dm("summary", MEMBER).string("article", &id.to_string()))
        .await;
    assert_eq!(content(&r), format!("⚠️ No article #{id} here."));
    let mine = h
        .seed(
            Scope::User(MEMBER),
            PING_ARTICLE,
            "https://news.example/storm",
        )
        .await;
    let r = h
        .ask(Interaction::dm("summary", MEMBER).string("article", &mine.to_string()))
        .await;
    assert!(embed(&r)["url"] == "https://news.example/storm");

    // Still there for its own guild.
    let r = h
        .ask(Interaction::slash("summary", GUILD, MEMBER).string("article", &id.to_string()))
        .await;
    assert_eq!(embed(&r)["url"], "https://news.example/ferry");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn direct_messages_can_be_refused() {
    let h = Harness::start(|c| c.discord.dm_policy = newsdesk::config::DmPolicy::Refuse).await;
    let r = h.ask(Interaction::dm("articles", MEMBER)).await;
    assert!(is_ephemeral(&r));
    assert!(content(&r).contains("I only work in servers"));
    let r = h
        .ask(Interaction::autocomplete("summary", 0, MEMBER, "article", "").in_dm())
        .await;
    assert_eq!(r["data"]["choices"], json!([]));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_editors_may_ingest_and_forget() {
    let h = Harness::start(|_| {}).await;
    let id = h
        .seed(Scope::Guild(GUILD), ARTICLE, "https://news.example/ferry")
        .await;
    let refusal =
        "Only members with an editor role or the Manage Messages permission can do that here.";

    let r = h
        .ask(Interaction::slash("forget", GUILD, MEMBER).string("article", &id.to_string()))
        .await;
    assert!(is_ephemeral(&r));
    assert_eq!(content(&r), format!("⚠️ {refusal}"));
    let r = h
        .ask(Interaction::slash("ingest", GUILD, MEMBER).string("url", "https://news.example/x"))
        .await;
    assert_eq!(content(&r), format!("⚠️ {refusal}"));

    // Everyone may read.
    let r = h
        .ask(Interaction::slash("summary", GUILD, MEMBER).string("article", &id.to_string()))
        .await;
    assert_eq!(r["type"], REPLY);

    // The configured role is enough.
    let r = h
        .ask(
            Interaction::slash("forget", GUILD, MEMBER)
                .role(EDITOR_ROLE)
                .string("article", &id.to_string()),
        )
        .await;
    assert!(
        content(&r).starts_with("🗑️ Forgot [Harbour council"),
        "{}",
        content(&r)
    );
    assert!(
        h.desk
            .articles(Scope::Guild(GUILD), None, newsdesk::query::Page::first(5))
            .await
            .unwrap()
            .articles
            .is_empty()
    );

    let outcomes: Vec<CommandOutcome> = h.outcomes(4).await.iter().map(|c| c.1).collect();
    let count = |o: CommandOutcome| outcomes.iter().filter(|x| **x == o).count();
    assert_eq!(
        (count(CommandOutcome::Denied), count(CommandOutcome::Ok)),
        (2, 2),
        "{outcomes:?}"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_are_rate_limited_with_a_friendly_wait() {
    let h = Harness::start(|c| c.discord.user_commands_per_minute = 2).await;
    for _ in 0..2 {
        let r = h.ask(Interaction::slash("articles", GUILD, MEMBER)).await;
        assert!(!is_ephemeral(&r));
    }
    let r = h.ask(Interaction::slash("articles", GUILD, MEMBER)).await;
    assert!(is_ephemeral(&r));
    let text = content(&r);
    assert!(
        text.starts_with("⚠️ You are going a bit fast: try again in "),
        "{text}"
    );
    assert!(text.ends_with(" s."), "{text}");
    // Someone else is not slowed down.
    let r = h
        .ask(Interaction::slash("articles", GUILD, MEMBER + 1))
        .await;
    assert!(!is_ephemeral(&r));
    let outcomes = h.outcomes(4).await;
    assert_eq!(
        outcomes
            .iter()
            .filter(|c| c.1 == CommandOutcome::RateLimited)
            .count(),
        1,
        "{outcomes:?}"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_lists_page_with_buttons_only_the_caller_can_press() {
    let h = Harness::start(|_| {}).await;
    h.seed_market_reports(12).await;
    let sent = h.send(Interaction::slash("articles", GUILD, MEMBER)).await;
    let r = h.fake.reply(&sent).await;
    let buttons = &message(&r)["components"][0]["components"];
    let next = buttons[1]["custom_id"].as_str().unwrap().to_string();
    assert_eq!(buttons[0]["disabled"], true, "no previous page yet");
    assert!(
        embed(&r)["description"]
            .as_str()
            .unwrap()
            .contains("Market report number 11")
    );

    let press = h.fake.press(&sent, MEMBER + 1, GUILD, &next).await;
    let r = h.fake.reply(&press).await;
    assert_eq!(r["type"], REPLY);
    assert!(is_ephemeral(&r));
    assert!(content(&r).contains("Only the member who asked"));

    let press = h.fake.press(&sent, MEMBER, GUILD, &next).await;
    let r = h.fake.reply(&press).await;
    assert_eq!(r["type"], UPDATE);
    let d = embed(&r)["description"].as_str().unwrap();
    assert!(
        d.contains("Market report number 1]") && !d.contains("number 11"),
        "{d}"
    );
    assert_eq!(embed(&r)["footer"]["text"], "Page 2");
    assert_eq!(
        message(&r)["components"][0]["components"][1]["disabled"],
        true,
        "last page"
    );
    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

/// `/quotes` with an article and a speaker lists that person's quotes there, a full page until
/// the last, whose Next is disabled; a surname two people share offers both, with their quotes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotes_by_a_speaker_in_an_article_page_cleanly() {
    use crate::query::{person, store};
    let h = Harness::start(|_| {}).await;
    let scope = Scope::Guild(GUILD);
    let people = [
        person("Ada Lind", &["Lind"], &["mayor"]),
        person("Ola Berg", &["Berg"], &[]),
    ];
    let mut text = String::from("Council debate\n");
    let mut said: Vec<(String, &str)> = Vec::new();
    for i in 0..8 {
        let who = if i % 4 == 3 { "Ola Berg" } else { "Ada Lind" };
        let words = format!("Point number {i} stands,");
        text.push_str(&format!("\"{words}\" {} said. ", &who[4..]));
        said.push((words, who));
    }
    let said: Vec<(&str, &str)> = said.iter().map(|(w, s)| (w.as_str(), *s)).collect();
    let id = store(&h.desk, scope, "2025-05-01", &text, &people, &said).await;

    let sent = h
        .send(
            Interaction::slash("quotes", GUILD, MEMBER)
                .string("article", &id.to_string())
                .string("speaker", "lind"),
        )
        .await;
    let r = h.fake.reply(&sent).await;
    let e = embed(&r);
    assert_eq!(e["title"], "Quotes by Ada Lind");
    let d = e["description"].as_str().unwrap();
    assert_eq!(d.matches("— Ada Lind").count(), 5, "a full page: {d}");
    assert!(!d.contains("Berg"), "{d}");
    let buttons = &message(&r)["components"][0]["components"];
    assert_eq!(buttons[1]["disabled"], false, "a second page follows");
    let next = buttons[1]["custom_id"].as_str().unwrap().to_string();
    let press = h.fake.press(&sent, MEMBER, GUILD, &next).await;
    let r = h.fake.reply(&press).await;
    assert_eq!(r["type"], UPDATE);
    let d = embed(&r)["description"].as_str().unwrap();
    assert_eq!(
        d.matches("— Ada Lind").count(),
        1,
        "the sixth and last: {d}"
    );
    assert_eq!(
        message(&r)["components"][0]["components"][1]["disabled"],
        true,
        "no empty page behind Next"
    );

    store(
        &h.desk,
        scope,
        "2025-05-02",
        "Council split\nJohn Smithers said \"the budget is too small\" on Monday. \
         Jane Smithers answered \"the budget is enough\" the same day.",
        &[
            person("John Smithers", &[], &[]),
            person("Jane Smithers", &[], &[]),
        ],
        &[
            ("the budget is too small", "John Smithers"),
            ("the budget is enough", "Jane Smithers"),
        ],
    )
    .await;
    let r = h
        .ask(Interaction::slash("quotes", GUILD, MEMBER).string("speaker", "Smithers"))
        .await;
    let d = embed(&r)["description"].as_str().unwrap();
    for shown in [
        "Several match that name",
        "**John Smithers** (person, 1 article)",
        "**Jane Smithers** (person, 1 article)",
        "the budget is too small",
        "the budget is enough",
    ] {
        assert!(d.contains(shown), "{shown} in {d}");
    }
    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

/// Page buttons nobody presses are taken away after `discord.page_buttons_secs`, and a press
/// restarts the clock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_page_buttons_are_removed() {
    let h = Harness::start(|c| c.discord.page_buttons_secs = 2).await;
    h.seed_market_reports(12).await;
    let sent = h.send(Interaction::slash("articles", GUILD, MEMBER)).await;
    let r = h.fake.reply(&sent).await;
    let next = message(&r)["components"][0]["components"][1]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let press = h.fake.press(&sent, MEMBER, GUILD, &next).await;
    assert_eq!(h.fake.reply(&press).await["type"], UPDATE);

    let removal = h
        .fake
        .wait(Duration::from_secs(30), |calls| {
            calls
                .iter()
                .find(|c| {
                    c.method == "PATCH"
                        && c.path.ends_with("/messages/@original")
                        && c.path.contains(&sent.token)
                        && c.body["components"] == json!([])
                })
                .cloned()
        })
        .await
        .expect("the idle buttons were removed");
    // The press was dispatched before the bot saw it, so the clock it restarted cannot have run
    // out sooner than this.
    let idle = removal.at.duration_since(press.at);
    assert!(
        idle >= Duration::from_secs(2),
        "removed {idle:?} after the last press, before the idle time"
    );
    assert_no_mentions(&h.fake.calls());
    h.fake.assert_all_valid();
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_interactions_are_all_answered() {
    let h = Harness::start(|_| {}).await;
    let id = h
        .seed(Scope::Guild(GUILD), ARTICLE, "https://news.example/ferry")
        .await;
    let started = std::time::Instant::now();
    let mut sent = Vec::new();
    for n in 0..200u64 {
        let i = match n % 4 {
            0 => {
                Interaction::slash("summary", GUILD, MEMBER + n).string("article", &id.to_string())
            }
            1 => Interaction::slash("ask", GUILD, MEMBER + n).string("question", "ferry price"),
            2 => Interaction::slash("articles", GUILD, MEMBER + n),
            _ => Interaction::autocomplete("summary", GUILD, MEMBER + n, "article", "harbour"),
        };
        sent.push(h.send(i).await);
    }
    let ids: Vec<(u64, String)> = sent.iter().map(|s| (s.id, s.token.clone())).collect();
    let answered = h
        .fake
        .wait(Duration::from_secs(120), |calls| {
            let done = ids
                .iter()
                .filter(|(id, token)| calls.iter().any(|c| c.answers(*id, token)))
                .count();
            (done == ids.len()).then_some(done)
        })
        .await;
    eprintln!(
        "200 interactions answered in {:?} (debug build, shared machine)",
        started.elapsed()
    );
    assert_eq!(answered, Some(200), "every interaction gets an answer");
    let calls = h.fake.calls();
    let slowest = sent
        .iter()
        .filter_map(|s| {
            let first = calls.iter().find(|c| c.answers(s.id, &s.token))?;
            Some(first.at.duration_since(s.at))
        })
        .max()
        .unwrap_or_default();
    eprintln!("slowest first answer: {slowest:?} (Discord allows 3 s)");
    for s in &sent {
        let r = h.fake.reply(s).await;
        // Suggestions, or a message: the callback's, or the one after a deferral (on a machine
        // too busy to answer in time).
        assert!(
            r["type"] == AUTOCOMPLETE || !content(&r).is_empty() || embed(&r).is_object(),
            "{r}"
        );
        assert!(!is_ephemeral(&r), "no errors under load: {r}");
    }
    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

/// The fake holds the bot to Discord's contract: a body Discord would refuse is refused here.
#[tokio::test]
async fn the_fake_refuses_bodies_that_break_discords_api_description() {
    if newsdesk_shared_absent() {
        return;
    }
    let fake = FakeDiscord::start().await;
    let client = reqwest::Client::new();
    let bad = client
        .post(format!("{}/api/v10/interactions/1/t/callback", fake.url()))
        .header("content-type", "application/json")
        .body(
            json!({"type": 4, "data": {"content": 5, "allowed_mentions": {"parse": ["nobody"]}}})
                .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let good = client
        .post(format!("{}/api/v10/interactions/1/t/callback", fake.url()))
        .header("content-type", "application/json")
        .body(
            json!({"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": []}}})
                .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(good.status(), 204);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fake.assert_all_valid()));
    assert!(result.is_err(), "the bad body was recorded");
}

fn newsdesk_shared_absent() -> bool {
    crate::support::shared_or_skip("the_fake_refuses_bodies_that_break_discords_api_description")
        .is_none()
}

/// `newsdesk run` itself, pointed at the fake through `NEWSDESK_DISCORD_PROXY_URL`: it registers
/// its commands, answers one, reports it on `/healthz` and `/metrics`, and exits cleanly on
/// SIGTERM.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn newsdesk_run_uses_the_proxy_and_stops_on_sigterm() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    cmd.current_dir(dir.path())
        .args(["--db", "bot.db", "run"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    for (k, _) in std::env::vars() {
        if k.starts_with("NEWSDESK_") || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    // A free loopback port for the health/metrics listener.
    let ops_addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    cmd.env("DISCORD_TOKEN", TOKEN)
        .env("NEWSDESK_DISCORD_PROXY_URL", fake.url())
        .env("NEWSDESK_METRICS_LISTEN", ops_addr.to_string());
    let child = cmd.spawn().unwrap();
    fake.wait_registered().await;
    let r = fake
        .reply(&fake.send(&Interaction::slash("help", GUILD, MEMBER)).await)
        .await;
    assert_eq!(r["type"], REPLY);

    // The operations listener sees the connected gateway and the command just answered.
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let health = http
        .get(format!("http://{ops_addr}/healthz"))
        .send()
        .await
        .unwrap();
    let status = health.status().as_u16();
    let body = health.text().await.unwrap();
    // One process running every shard: Discord's count (one here), all connected.
    assert_eq!(
        (status, body.as_str()),
        (200, "ok: shards 0-0/1 connected\n")
    );
    let mut metrics = String::new();
    for _ in 0..50 {
        metrics = http
            .get(format!("http://{ops_addr}/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if metrics.contains("command=\"help\"") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("newsdesk_commands_total")
                && l.contains("command=\"help\"")
                && l.contains("outcome=\"ok\"")
                && l.ends_with(" 1")),
        "{metrics}"
    );
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let waited = tokio::task::spawn_blocking(move || child.wait_with_output());
    let out = match tokio::time::timeout(Duration::from_secs(30), waited).await {
        Ok(out) => out.unwrap().unwrap(),
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid])
                .status();
            panic!("newsdesk run did not stop on SIGTERM");
        }
    };
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("shutting down"), "{log}");
    assert!(!log.contains(TOKEN), "the token never reaches the log");
    fake.assert_all_valid();
}

/// Start-up follows the `[discord]` config: Message Content (privileged) is requested only with
/// auto-ingest channels (or `message_content`, see `conversation`), and commands go to the development guild when one is set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_follows_the_discord_config() {
    const GUILDS: u64 = 1;
    const GUILD_MESSAGES: u64 = 1 << 9;
    const MESSAGE_CONTENT: u64 = 1 << 15;
    const DIRECT_MESSAGES: u64 = 1 << 12;
    let h = Harness::start(|_| {}).await;
    let identify = h.fake.identify();
    // Messages for mentions; their text arrives without the privileged intent when they
    // mention the bot.
    assert_eq!(
        identify["intents"],
        GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES,
        "{identify}"
    );
    assert!(identify["token"].as_str().unwrap().ends_with(TOKEN));
    // Without `discord.shards`: serenity's automatic sharding, as many shards as Discord says
    // (one here), all in this process.
    assert_eq!(identify["shard"], json!([0, 1]), "{identify}");
    assert!(
        h.fake
            .calls()
            .iter()
            .any(|c| c.method == "GET" && c.path == "/gateway/bot")
    );
    assert_eq!(*h.hooks.shards.lock().unwrap(), ["0-0/1"]);
    // No owner-only commands: the application (owners) route is never called.
    let lookups: Vec<String> = h
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.path.starts_with("/oauth2/applications/"))
        .map(|c| format!("{} {}", c.method, c.path))
        .collect();
    assert!(lookups.is_empty(), "{lookups:?}");
    h.finish().await;

    let h = Harness::start(|c| {
        c.discord.auto_ingest_channel_ids = vec![800_000_000_000_000_001];
        c.discord.dev_guild_id = GUILD;
    })
    .await;
    let intents = h.fake.identify()["intents"].as_u64().unwrap();
    assert_eq!(
        intents,
        GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT
    );
    let put = h.fake.wait_registered().await;
    assert_eq!(
        put.path,
        format!(
            "/applications/{}/guilds/{GUILD}/commands",
            fake_discord::APP_ID
        )
    );
    h.finish().await;
}

/// Links posted in an auto-ingest channel are stored in that server's scope and acknowledged
/// with a reaction; a dead link is only logged, bots and other channels are ignored, and the
/// channel never gets a message from the bot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posted_links_in_auto_ingest_channels_are_stored_quietly() {
    const NEWS: u64 = 800_000_000_000_000_007;
    const CHAT: u64 = 800_000_000_000_000_008;
    let h = Harness::start(|c| c.discord.auto_ingest_channel_ids = vec![NEWS]).await;
    let page = h
        .fake
        .fixture("lighthouse", "text/html; charset=utf-8", PAGE);
    let missing = format!("{}/fixtures/gone", h.fake.url());
    let bot_page = h
        .fake
        .fixture("bot", "text/html", &PAGE.replace("Lighthouse", "Windmill"));
    let chat_page = h
        .fake
        .fixture("chat", "text/html", &PAGE.replace("Lighthouse", "Harbour"));

    // Ignored: a bot's post, and a post outside the configured channels.
    h.fake
        .post_message(GUILD, NEWS, MEMBER + 1, true, &format!("auto {bot_page}"))
        .await;
    h.fake
        .post_message(GUILD, CHAT, MEMBER, false, &format!("see {chat_page}"))
        .await;
    let message = h
        .fake
        .post_message(
            GUILD,
            NEWS,
            MEMBER,
            false,
            &format!("Worth a read: <{page}>, and this one is dead: {missing}."),
        )
        .await;

    let reaction = h
        .fake
        .wait(Duration::from_secs(30), |calls| {
            calls
                .iter()
                .find(|c| c.method == "PUT" && c.path.contains("/reactions/"))
                .cloned()
        })
        .await
        .expect("the stored link was acknowledged with a reaction");
    assert_eq!(
        reaction.path,
        format!("/channels/{NEWS}/messages/{message}/reactions/%F0%9F%93%B0/@me")
    );
    let stored = h
        .desk
        .articles(Scope::Guild(GUILD), None, newsdesk::query::Page::first(10))
        .await
        .unwrap()
        .articles;
    let titles: Vec<String> = stored.iter().map(|a| a.display_title()).collect();
    assert_eq!(titles, ["Lighthouse restored after fifty years"]);
    // The dead link was tried (the fake answered 404) and only logged; a command answered after
    // it shows the bot is still well.
    assert!(
        h.fake.wait_fetched("gone", Duration::from_secs(30)).await,
        "the second link was fetched too"
    );
    let r = h.ask(Interaction::slash("articles", GUILD, MEMBER)).await;
    let listed = embed(&r)["description"].as_str().unwrap_or_default();
    assert!(listed.contains("Lighthouse restored"), "{r}");
    assert!(!h.fake.wait_fetched("bot", Duration::ZERO).await);
    assert!(!h.fake.wait_fetched("chat", Duration::ZERO).await);
    let posted: Vec<Call> = h
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "POST" && c.path.starts_with("/channels/"))
        .collect();
    assert!(
        posted.is_empty(),
        "the bot never writes in the channel: {posted:?}"
    );
    assert!(
        h.desk
            .articles(
                Scope::Guild(GUILD),
                Some("windmill harbour"),
                newsdesk::query::Page::first(5)
            )
            .await
            .unwrap()
            .articles
            .is_empty(),
        "bots' posts and other channels are not ingested"
    );
    h.fake.assert_all_valid();
    h.finish().await;
}

/// A gateway outage of several seconds is reported to the hooks (health turns red) and the
/// client comes back on its own, reported again; commands work after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_gateway_is_reported_and_recovers() {
    let h = Harness::start(|_| {}).await;
    let until = |done: fn(&[Gateway]) -> bool| {
        let hooks = h.hooks.clone();
        async move {
            let deadline = std::time::Instant::now() + Duration::from_secs(60);
            loop {
                if done(&hooks.gateway.lock().unwrap()) {
                    return true;
                }
                if std::time::Instant::now() > deadline {
                    return false;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    assert!(
        until(|g| g.contains(&Gateway::Connected)).await,
        "connected at start"
    );
    h.fake.drop_gateway(Duration::from_secs(8));
    assert!(
        until(|g| g.contains(&Gateway::Disconnected)).await,
        "the outage was reported: {:?}",
        h.hooks.gateway.lock().unwrap()
    );
    assert!(
        until(|g| {
            let down = g.iter().position(|s| *s == Gateway::Disconnected).unwrap();
            g[down..].contains(&Gateway::Connected)
        })
        .await,
        "and the recovery: {:?}",
        h.hooks.gateway.lock().unwrap()
    );
    let r = h.ask(Interaction::slash("articles", GUILD, MEMBER)).await;
    assert!(
        embed(&r)["description"]
            .as_str()
            .unwrap()
            .contains("Nothing stored yet")
    );
    h.finish().await;
}
