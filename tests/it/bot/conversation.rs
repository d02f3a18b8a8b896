//! Asking by mentioning the bot, and following up: the real client against the fake Discord,
//! which delivers members' messages as MESSAGE_CREATE and checks every body the bot sends.

use super::fake_discord::{BOT_ID, Call, Post};
use super::{EDITOR_ROLE, GUILD, Harness, MEMBER, PAGE, assert_no_mentions, content, embed};
use newsdesk::Newsdesk;
use newsdesk::bot::Bot;
use newsdesk::config::{ConversationMode, Secret};
use newsdesk::model::Scope;
use serde_json::Value;
use std::time::Duration;

/// The channel questions are asked in.
const NEWS: u64 = 800_000_000_000_000_021;
const OTHER_MEMBER: u64 = 200_000_000_000_000_002;
/// A message id the bot's answers are replied to by (the bot only reads who wrote it).
const BOT_MESSAGE: u64 = 700_000_000_000_000_001;

/// Our own articles, written for these tests: two people and the war.
const HEWITT: &str = "Defence minister warns of a long war
Jane Hewitt, the defence minister of Norland, warned on Monday that the war in the east could last years.
\"We must prepare for a long war and we will not abandon our allies,\" Hewitt said in parliament.
Hewitt said the army would recruit ten thousand soldiers before winter.
Opposition leaders accused Hewitt of hiding the true cost of the war.";

const TRUMP: &str = "Trump speaks on the war and trade
Donald Trump said on Friday that the war in the east must end within months.
\"This war is a disaster for everyone,\" Trump told reporters at the White House.
Trump said the war had cost American taxpayers too much money.
Trump added that talks about the war would start in Geneva next week.
Trump also said the war should not stop new trade deals with Norland.
According to aides, Trump spoke about the war with three leaders by phone.";

const HEWITT_URL: &str = "https://news.example/hewitt";
const TRUMP_URL: &str = "https://news.example/trump";

/// The messages the bot posted in `channel`, in order.
fn posted(calls: &[Call], channel: u64) -> Vec<Call> {
    let path = format!("/channels/{channel}/messages");
    calls
        .iter()
        .filter(|c| c.method == "POST" && c.path == path)
        .cloned()
        .collect()
}

/// Every message the bot posted anywhere.
fn all_posted(calls: &[Call]) -> usize {
    calls
        .iter()
        .filter(|c| {
            c.method == "POST" && c.path.starts_with("/channels/") && c.path.ends_with("/messages")
        })
        .count()
}

/// The threads the bot started.
fn threads(calls: &[Call]) -> Vec<Call> {
    calls
        .iter()
        .filter(|c| c.method == "POST" && c.path.ends_with("/threads"))
        .cloned()
        .collect()
}

/// The cited sentences of an answer (`**1.** sentence`), as shown.
fn cited(body: &Value) -> Vec<String> {
    embed(body)["description"]
        .as_str()
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once(".** ").map(|(_, s)| s.to_string()))
        .collect()
}

fn description(body: &Value) -> String {
    embed(body)["description"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

impl Harness {
    async fn seed_people(&self, scope: Scope) {
        self.seed(scope, HEWITT, HEWITT_URL).await;
        self.seed(scope, TRUMP, TRUMP_URL).await;
    }

    /// Post `p` and return the message id and the bot's next message in `channel`.
    async fn talk(&self, p: Post, channel: impl Fn(u64) -> u64) -> (u64, Call) {
        let before = self.fake.calls();
        let id = self.fake.post(&p).await;
        let channel = channel(id);
        let n = posted(&before, channel).len();
        let answer = self
            .fake
            .wait(Duration::from_secs(60), |calls| {
                posted(calls, channel).get(n).cloned()
            })
            .await
            .unwrap_or_else(|| panic!("no answer in {channel} to {:?}", p.content));
        (id, answer)
    }

    /// A member's reply to the bot in `thread`, and the description of the answer there;
    /// panics showing the whole answer unless it holds `expected`.
    async fn follow_up(&self, thread: u64, text: &str, expected: &str) {
        let (_, answer) = self
            .talk(
                Post::reply_to_bot(GUILD, thread, MEMBER, BOT_MESSAGE, text),
                |_| thread,
            )
            .await;
        assert!(
            description(&answer.body).contains(expected),
            "{text}: {}",
            answer.body
        );
    }

    /// Stop the bot and start it again on the same database and fake Discord.
    async fn restart(&mut self) {
        self.stop.take().unwrap().send(()).unwrap();
        let old = std::mem::replace(&mut self.bot, tokio::spawn(async { Ok(()) }));
        tokio::time::timeout(Duration::from_secs(30), old)
            .await
            .expect("the bot did not shut down")
            .unwrap()
            .expect("the bot ended with an error");
        let identified = self.fake.identified();
        let config = self.desk.config().clone();
        self.desk = Newsdesk::open(config).await.unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        self.stop = Some(stop);
        self.bot = tokio::spawn(
            Bot::new(self.desk.clone(), Secret::new(super::TOKEN))
                .hooks(self.hooks.clone())
                .run_until(async move {
                    let _ = stopped.await;
                }),
        );
        for _ in 0..600 {
            if self.fake.identified() > identified {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(
            self.fake.identified() > identified,
            "the bot never came back"
        );
        self.fake.wait_connected().await;
    }
}

/// The conversation of issue 12: a mention starts a thread; a pronoun follows the previous
/// answer's person; "and X?" asks the same about someone else; "more" pages; "source?" lists
/// the articles. Messages that are not questions get nothing, and nothing pings anyone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_starts_a_thread_where_follow_ups_keep_context() {
    let h = Harness::start(|_| {}).await;
    h.seed_people(Scope::Guild(GUILD)).await;

    let (question, first) = h
        .talk(Post::mention(GUILD, NEWS, MEMBER, "who is Hewitt?"), |q| q)
        .await;
    let thread = question;
    let calls = h.fake.calls();
    let started = threads(&calls);
    assert_eq!(started.len(), 1);
    assert_eq!(
        started[0].path,
        format!("/channels/{NEWS}/messages/{question}/threads")
    );
    assert_eq!(started[0].body["name"], "who is Hewitt?");
    let typing = calls
        .iter()
        .find(|c| c.path == format!("/channels/{thread}/typing"))
        .expect("typing in the thread");
    assert!(typing.at <= first.at, "typing shows before the answer");
    assert_eq!(embed(&first.body)["title"], "who is Hewitt?");
    assert!(
        description(&first.body).contains("About Jane Hewitt"),
        "{}",
        first.body
    );
    assert!(
        content(&first.body).contains("Reply to me here"),
        "the first answer says how to follow up without Message Content: {}",
        first.body
    );
    assert!(
        first
            .body
            .get("message_reference")
            .is_none_or(Value::is_null),
        "the thread starts from the question: no reply needed"
    );
    assert!(
        posted(&calls, NEWS).is_empty(),
        "nothing in the channel itself"
    );

    // A pronoun: the previous answer's main entity.
    let (follow_up, second) = h
        .talk(
            Post::reply_to_bot(
                GUILD,
                thread,
                MEMBER,
                BOT_MESSAGE,
                "what did she say about the war?",
            ),
            |_| thread,
        )
        .await;
    let d = description(&second.body);
    assert!(d.contains("About Jane Hewitt"), "{d}");
    assert!(d.contains(HEWITT_URL) && !d.contains(TRUMP_URL), "{d}");
    assert_eq!(
        second.body["message_reference"]["message_id"],
        follow_up.to_string(),
        "a follow-up is answered as a reply to it"
    );
    assert!(content(&second.body).is_empty(), "the hint only comes once");

    // "and X?": the same question about someone else.
    let (_, third) = h
        .talk(
            Post::reply_to_bot(GUILD, thread, MEMBER, BOT_MESSAGE, "and Trump?"),
            |_| thread,
        )
        .await;
    assert_eq!(
        embed(&third.body)["title"],
        "what did she say about the war?"
    );
    let d = description(&third.body);
    assert!(d.contains("About Donald Trump"), "{d}");
    assert!(d.contains(TRUMP_URL) && !d.contains(HEWITT_URL), "{d}");
    let shown = cited(&third.body);
    assert!(!shown.is_empty());

    // "more": the next sources, none shown before.
    let (_, fourth) = h
        .talk(
            Post::reply_to_bot(GUILD, thread, MEMBER, BOT_MESSAGE, "more"),
            |_| thread,
        )
        .await;
    let next = cited(&fourth.body);
    assert!(!next.is_empty(), "{}", fourth.body);
    for s in &next {
        assert!(!shown.contains(s), "shown again: {s}");
        assert!(s.contains("Trump"), "still about Trump: {s}");
    }
    // And again, until there is nothing left.
    let mut seen: Vec<String> = shown.iter().chain(&next).cloned().collect();
    for _ in 0..3 {
        let (_, page) = h
            .talk(
                Post::reply_to_bot(GUILD, thread, MEMBER, BOT_MESSAGE, "more"),
                |_| thread,
            )
            .await;
        let more = cited(&page.body);
        if more.is_empty() {
            assert!(
                description(&page.body).contains("That is all I found"),
                "{}",
                page.body
            );
            break;
        }
        for s in more {
            assert!(!seen.contains(&s), "shown again: {s}");
            seen.push(s);
        }
    }

    // "source?": the articles of the answer.
    let (_, sources) = h
        .talk(
            Post::reply_to_bot(GUILD, thread, MEMBER, BOT_MESSAGE, "source?"),
            |_| thread,
        )
        .await;
    assert_eq!(embed(&sources.body)["title"], "Sources");
    let d = description(&sources.body);
    assert!(
        d.contains("[Trump speaks on the war and trade](https://news.example/trump)"),
        "{d}"
    );
    assert!(!d.contains(HEWITT_URL), "{d}");

    // Not questions: an unmentioned message (its text does not reach a bot without Message
    // Content), a bot's mention, the bot's own message, a quoted mention, a forwarded one.
    let answered = all_posted(&h.fake.calls());
    h.fake.post(&Post::new(GUILD, thread, MEMBER, "")).await;
    let mut by_bot = Post::mention(GUILD, NEWS, MEMBER + 7, "who is Hewitt?");
    by_bot.bot = true;
    h.fake.post(&by_bot).await;
    let mut own = Post::mention(GUILD, NEWS, BOT_ID, "who is Hewitt?");
    own.bot = true;
    h.fake.post(&own).await;
    let mut quoted = Post::new(
        GUILD,
        NEWS,
        MEMBER,
        &format!("> <@{BOT_ID}> who is Hewitt?\nthat was a good question"),
    );
    quoted.mentions.push(BOT_ID);
    h.fake.post(&quoted).await;
    let mut forwarded = Post::mention(GUILD, NEWS, MEMBER, "who is Hewitt?");
    forwarded.forwarded = true;
    h.fake.post(&forwarded).await;
    // A mention with no question: a one-line help, in place (no thread for it).
    let (help_id, help) = h
        .talk(Post::mention(GUILD, NEWS, MEMBER, ""), |_| NEWS)
        .await;
    assert!(
        content(&help.body).contains("mention me with a question"),
        "{}",
        help.body
    );
    assert_eq!(
        help.body["message_reference"]["message_id"],
        help_id.to_string()
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let calls = h.fake.calls();
    assert_eq!(
        all_posted(&calls),
        answered + 1,
        "only the help was answered"
    );
    assert_eq!(threads(&calls).len(), 1, "one conversation, one thread");

    assert_no_mentions(&calls);
    h.finish().await;
}

/// A link in a mention is read (by an editor, as with /ingest) and the thread answers with its
/// summary; "quotes?" then lists the article's quotes. A member who may not add articles is told
/// so, and where threads are refused the bot replies in the channel.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_in_a_mention_is_read_and_summarised() {
    const CHAT: u64 = 800_000_000_000_000_022;
    let h = Harness::start(|_| {}).await;
    let page = h
        .fake
        .fixture("lighthouse", "text/html; charset=utf-8", PAGE);
    let (question, answer) = h
        .talk(
            Post::mention(GUILD, NEWS, MEMBER, &format!("{page} what's this about?"))
                .role(EDITOR_ROLE),
            |q| q,
        )
        .await;
    let thread = question;
    let e = embed(&answer.body);
    assert_eq!(
        e["title"], "Lighthouse restored after fifty years",
        "{}",
        answer.body
    );
    assert!(
        e["description"]
            .as_str()
            .unwrap()
            .contains("shines again after a restoration"),
        "{}",
        answer.body
    );
    let stored = h
        .desk
        .articles(Scope::Guild(GUILD), None, newsdesk::query::Page::first(5))
        .await
        .unwrap()
        .articles;
    assert_eq!(stored.len(), 1);

    h.follow_up(thread, "quotes?", "It is the heart of this coast")
        .await;
    // A question about the article in context.
    h.follow_up(thread, "who led the volunteers?", "Ilse Varga")
        .await;
    // A question about the page itself: its site, not a sentence of it.
    h.follow_up(thread, "which outlet is it from?", "**Coast Gazette**")
        .await;

    // Not an editor: the link is not fetched.
    let other = h.fake.fixture(
        "windmill",
        "text/html",
        &PAGE.replace("Lighthouse", "Windmill"),
    );
    let (asked_id, refused) = h
        .talk(
            Post::mention(GUILD, NEWS, OTHER_MEMBER, &format!("read {other}")),
            |_| NEWS,
        )
        .await;
    assert!(
        content(&refused.body).contains("editor role"),
        "{}",
        refused.body
    );
    assert_eq!(
        refused.body["message_reference"]["message_id"],
        asked_id.to_string(),
        "refused in place, without a thread"
    );
    assert_eq!(threads(&h.fake.calls()).len(), 1);
    assert!(!h.fake.wait_fetched("windmill", Duration::ZERO).await);

    // No thread allowed here: a reply in the channel, which says how to follow up.
    h.fake.refuse_threads(CHAT);
    let (asked_id, reply) = h
        .talk(
            Post::mention(GUILD, CHAT, MEMBER, "who restored the lighthouse?"),
            |_| CHAT,
        )
        .await;
    assert_eq!(
        reply.body["message_reference"]["message_id"],
        asked_id.to_string()
    );
    assert!(
        content(&reply.body).contains("Reply to this message"),
        "{}",
        reply.body
    );
    assert!(
        description(&reply.body).contains("Lighthouse"),
        "{}",
        reply.body
    );

    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

/// "reply" mode: answers are replies in the channel, each member has their own conversation
/// there, and conversations survive a restart of the bot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reply_mode_keeps_members_apart_and_survives_a_restart() {
    let mut h = Harness::start(|c| c.discord.conversation = ConversationMode::Reply).await;
    h.seed_people(Scope::Guild(GUILD)).await;

    let (asked, a) = h
        .talk(Post::mention(GUILD, NEWS, MEMBER, "who is Hewitt?"), |_| {
            NEWS
        })
        .await;
    assert_eq!(a.body["message_reference"]["message_id"], asked.to_string());
    assert!(description(&a.body).contains("About Jane Hewitt"));
    assert!(content(&a.body).contains("Reply to this message"));
    let (_, b) = h
        .talk(
            Post::mention(GUILD, NEWS, OTHER_MEMBER, "who is Trump?"),
            |_| NEWS,
        )
        .await;
    assert!(
        description(&b.body).contains("About Donald Trump"),
        "{}",
        b.body
    );
    assert!(
        threads(&h.fake.calls()).is_empty(),
        "no threads in reply mode"
    );

    h.restart().await;

    let question = "what did they say about the war?";
    let (_, a) = h
        .talk(
            Post::reply_to_bot(GUILD, NEWS, MEMBER, BOT_MESSAGE, question),
            |_| NEWS,
        )
        .await;
    let d = description(&a.body);
    assert!(
        d.contains("About Jane Hewitt") && d.contains(HEWITT_URL),
        "{d}"
    );
    let (_, b) = h
        .talk(
            Post::reply_to_bot(GUILD, NEWS, OTHER_MEMBER, BOT_MESSAGE, question),
            |_| NEWS,
        )
        .await;
    let d = description(&b.body);
    assert!(
        d.contains("About Donald Trump") && d.contains(TRUMP_URL),
        "{d}"
    );

    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}

/// With `discord.message_content` the bot asks for the intent and any message in a
/// conversation thread is a follow-up; a plain message elsewhere is still not a question. DMs
/// are answered in the member's own store, and mentions count against the rate limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_message_content_a_thread_needs_no_mention() {
    const MESSAGE_CONTENT: u64 = 1 << 15;
    const DM: u64 = 800_000_000_000_000_030;
    let h = Harness::start(|c| {
        c.discord.message_content = true;
        c.discord.user_commands_per_minute = 3;
    })
    .await;
    let intents = h.fake.identify()["intents"].as_u64().unwrap();
    assert_ne!(intents & MESSAGE_CONTENT, 0);
    h.seed_people(Scope::Guild(GUILD)).await;

    let (thread, first) = h
        .talk(Post::mention(GUILD, NEWS, MEMBER, "who is Hewitt?"), |q| q)
        .await;
    assert!(
        content(&first.body).contains("Ask follow-ups right here"),
        "{}",
        first.body
    );
    let (_, second) = h
        .talk(
            Post::new(
                GUILD,
                thread,
                OTHER_MEMBER,
                "what did she say about the war?",
            ),
            |_| thread,
        )
        .await;
    assert!(
        description(&second.body).contains("About Jane Hewitt"),
        "{}",
        second.body
    );

    // A DM: the member's own (empty) store, a reply without a thread.
    let (_, dm) = h
        .talk(
            Post::new(GUILD, DM, MEMBER, "who is Trump?").in_dm(),
            |_| DM,
        )
        .await;
    assert!(
        description(&dm.body).contains("I found nothing in the stored articles"),
        "{}",
        dm.body
    );

    // Elsewhere a plain message is talk between members, and the fourth question in a minute
    // (the DM counted)
    // is one too many for this member.
    let answered = all_posted(&h.fake.calls());
    h.fake
        .post(&Post::new(GUILD, NEWS, OTHER_MEMBER, "who is Trump?"))
        .await;
    let (_, fourth) = h
        .talk(Post::mention(GUILD, NEWS, MEMBER, "who is Trump?"), |q| q)
        .await;
    assert!(description(&fourth.body).contains("About Donald Trump"));
    let (_, limited) = h
        .talk(Post::mention(GUILD, NEWS, MEMBER, "who is Trump?"), |_| {
            NEWS
        })
        .await;
    assert!(
        content(&limited.body).contains("a bit fast"),
        "{}",
        limited.body
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(all_posted(&h.fake.calls()), answered + 2);

    assert_no_mentions(&h.fake.calls());
    h.finish().await;
}
