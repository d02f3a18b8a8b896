//! `/feed` end to end: the real bot follows a feed served by the fake Discord's fixture server,
//! and a new entry arrives as one message in the channel (checked against Discord's OpenAPI
//! description, pinging no one).

use super::fake_discord::{Call, Interaction};
use super::{EDITOR_ROLE, GUILD, Harness, MEMBER, assert_no_mentions, content};
use newsdesk::model::Scope;
use std::time::Duration;

/// The channel interactions come from in the fake.
const CHANNEL: u64 = 800_000_000_000_000_001;

fn rss(items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, link)| {
            format!("<item><title>t</title><guid>{guid}</guid><link>{link}</link></item>")
        })
        .collect();
    format!("<rss version=\"2.0\"><channel><title>Coast Gazette</title>{items}</channel></rss>")
}

fn story(n: u32) -> String {
    format!(
        "<!doctype html><html><head><title>Lighthouse {n} restored @everyone</title>\
         <meta property=\"og:site_name\" content=\"Coast Gazette\"></head><body><article>\
         <h1>Lighthouse {n} restored @everyone</h1>\
         <p>The old lighthouse number {n} on Cape Serra shines again after a restoration that took three years.</p>\
         <p>\"It is the heart of this coast,\" said Ilse Varga, who led the volunteers.</p>\
         <p>The lamp was rebuilt by hand from drawings found in the town archive last spring.</p>\
         </article></body></html>"
    )
}

fn posted(calls: &[Call]) -> Vec<Call> {
    let path = format!("/channels/{CHANNEL}/messages");
    calls
        .iter()
        .filter(|c| c.method == "POST" && c.path == path)
        .cloned()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feed_add_then_a_new_entry_is_posted_once() {
    let h = Harness::start(|c| {
        c.feeds.tick_secs = 1;
        c.feeds.host_min_interval_secs = 0;
    })
    .await;
    let one = h.fake.fixture("story-1.html", "text/html", &story(1));
    let feed_url = h
        .fake
        .fixture("feed.xml", "application/rss+xml", &rss(&[("s1", &one)]));

    let sent = h
        .send(
            Interaction::slash("feed", GUILD, MEMBER)
                .role(EDITOR_ROLE)
                .string("url", &feed_url)
                .subcommand("add"),
        )
        .await;
    let calls = h
        .fake
        .answers(&sent, |c| {
            c.iter().any(|c| content(&c.body).contains("Following"))
        })
        .await;
    let answer = content(&calls.last().unwrap().body);
    assert!(answer.contains("Coast Gazette"), "{answer}");

    // A new entry; the feed is made due now instead of waiting out its interval.
    let two = h.fake.fixture("story-2.html", "text/html", &story(2));
    h.fake.fixture(
        "feed.xml",
        "application/rss+xml",
        &rss(&[("s2", &two), ("s1", &one)]),
    );
    let scope = Scope::Guild(GUILD);
    let feed = h.desk.store().feeds(scope).await.unwrap().remove(0);
    assert_eq!(feed.channel_id, CHANNEL, "the channel it was added in");
    h.desk.store().defer_feed(feed.id, 0).await.unwrap();

    let post = h
        .fake
        .wait(Duration::from_secs(30), |calls| {
            posted(calls).first().cloned()
        })
        .await
        .expect("the new article was posted");
    let text = content(&post.body);
    assert!(text.contains("Lighthouse 2 restored"), "{text}");
    assert!(
        text.contains(&format!("(<{two}>)")),
        "linked without a preview: {text}"
    );
    assert!(
        text.contains("Ilse Varga"),
        "the key quote's speaker: {text}"
    );
    assert!(
        !text.contains("Lighthouse 1"),
        "the entry there before is not posted"
    );
    assert_no_mentions(std::slice::from_ref(&post));

    // Later polls do not post it again.
    h.desk.store().defer_feed(feed.id, 0).await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(posted(&h.fake.calls()).len(), 1);

    let r = h
        .ask(Interaction::slash("feed", GUILD, MEMBER).subcommand("list"))
        .await;
    assert!(content(&r).contains("1 posted"), "{}", content(&r));

    // /feed remove suggests this server's feeds.
    let r = h
        .ask(Interaction::autocomplete("feed", GUILD, MEMBER, "feed", "coast").subcommand("remove"))
        .await;
    assert_eq!(
        r["data"]["choices"],
        serde_json::json!([{"name": format!("#{} Coast Gazette", feed.id), "value": feed.id}])
    );
    h.finish().await;
}
