//! Subscriptions and polling against a feed server on 127.0.0.1, with the fetch guard on (only
//! 127.0.0.1 itself allowed) and time moved by a [`ManualClock`], never slept.

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Response, header};
use axum::routing::get;
use chrono::{DateTime, Duration, Utc};
use newsdesk::feeds::Clock;
use newsdesk::feeds::{FeedPost, ManualClock, Poller, PostError, PostSink};
use newsdesk::model::Scope;
use newsdesk::store::{FeedMode, NewEntry};
use newsdesk::{Config, Error, Newsdesk};
use std::sync::{Arc, Mutex};

const SCOPE: Scope = Scope::Guild(42);
const CHANNEL: u64 = 7;

/// One entry of the served feed.
#[derive(Clone)]
struct Item {
    guid: Option<String>,
    /// An article number served at `/article/N`, or none.
    article: Option<u32>,
    title: String,
}

fn item(guid: Option<&str>, article: Option<u32>) -> Item {
    Item {
        guid: guid.map(str::to_string),
        article,
        title: format!("Ferry line {}", article.unwrap_or(0)),
    }
}

/// What the feed server serves, changed by the tests while it runs.
#[derive(Default)]
struct Served {
    items: Vec<Item>,
    etag: Option<String>,
    cache_control: Option<String>,
    /// Statuses answered first (each once), with a `Retry-After` when given.
    errors: Vec<(u16, Option<String>)>,
    /// `If-None-Match` of every feed request.
    conditional: Vec<Option<String>>,
    port: u16,
}

type Shared = Arc<Mutex<Served>>;

fn rss(served: &Served) -> String {
    let mut items = String::new();
    // Newest first, as feeds list them.
    for i in served.items.iter().rev() {
        items.push_str("<item>");
        items.push_str(&format!("<title>{}</title>", i.title));
        if let Some(n) = i.article {
            items.push_str(&format!(
                "<link>http://127.0.0.1:{}/article/{n}?utm_source=rss</link>",
                served.port
            ));
        }
        if let Some(g) = &i.guid {
            items.push_str(&format!("<guid isPermaLink=\"false\">{g}</guid>"));
        }
        items.push_str("<description>A short teaser.</description></item>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\
         <title>Harbour Times</title><link>http://127.0.0.1:{}/</link>{items}</channel></rss>",
        served.port
    )
}

async fn feed(State(s): State<Shared>, headers: HeaderMap) -> Response<Body> {
    let mut s = s.lock().unwrap();
    let asked = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    s.conditional.push(asked.clone());
    if !s.errors.is_empty() {
        let (status, retry) = s.errors.remove(0);
        let mut r = Response::builder().status(status);
        if let Some(retry) = retry {
            r = r.header(header::RETRY_AFTER, retry);
        }
        return r.body(Body::from("unavailable")).unwrap();
    }
    if asked.is_some() && asked == s.etag {
        return Response::builder().status(304).body(Body::empty()).unwrap();
    }
    let mut r = Response::builder().header(header::CONTENT_TYPE, "application/rss+xml");
    if let Some(tag) = &s.etag {
        r = r.header(header::ETAG, tag);
    }
    if let Some(cc) = &s.cache_control {
        r = r.header(header::CACHE_CONTROL, cc);
    }
    r.body(Body::from(rss(&s))).unwrap()
}

async fn article(Path(n): Path<u32>) -> Response<Body> {
    let page = format!(
        "<!doctype html><html><head><title>Ferry line {n} approved</title>\
         <meta property=\"og:site_name\" content=\"Harbour Times\"></head><body><article>\
         <h1>Ferry line {n} approved</h1>\
         <p>The harbour council of Port Elwin approved ferry line {n} on Tuesday after a long debate about costs.</p>\
         <p>\"This line will connect the islands every hour,\" said Mara Quill, the council's transport chief.</p>\
         <p>The ferry will start in May and cost {n} million crowns, according to the council's budget.</p>\
         <p>Critics said the price of line {n} was too high for a town of twelve thousand people.</p>\
         </article></body></html>"
    );
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(page))
        .unwrap()
}

async fn page(State(s): State<Shared>) -> Response<Body> {
    let port = s.lock().unwrap().port;
    let html = format!(
        "<html><head><title>Harbour Times</title>\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"http://127.0.0.1:{port}/feed.xml\">\
         </head><body><p>Welcome</p></body></html>"
    );
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html")
        .body(Body::from(html))
        .unwrap()
}

async fn to_private(State(s): State<Shared>) -> Response<Body> {
    let port = s.lock().unwrap().port;
    Response::builder()
        .status(302)
        .header(
            header::LOCATION,
            format!("http://127.0.0.2:{port}/feed.xml"),
        )
        .body(Body::empty())
        .unwrap()
}

async fn huge() -> Response<Body> {
    let item = "<item><title>x</title><link>http://example.com/x</link></item>";
    let body = format!(
        "<rss version=\"2.0\"><channel><title>Huge</title>{}</channel></rss>",
        item.repeat(20_000)
    );
    Response::builder()
        .header(header::CONTENT_TYPE, "application/rss+xml")
        .body(Body::from(body))
        .unwrap()
}

/// The feed server, the core on a fresh database, a clock and what was posted.
struct World {
    served: Shared,
    base: String,
    desk: Newsdesk,
    clock: Arc<ManualClock>,
    poller: Poller,
    posts: Recorder,
    _dir: tempfile::TempDir,
}

#[derive(Default)]
struct Recorder(Mutex<Vec<FeedPost>>);

impl PostSink for Recorder {
    async fn post(&self, post: &FeedPost) -> Result<(), PostError> {
        self.0.lock().unwrap().push(post.clone());
        Ok(())
    }
}

impl Recorder {
    fn take(&self) -> Vec<FeedPost> {
        std::mem::take(&mut self.0.lock().unwrap())
    }
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn config(dir: &tempfile::TempDir) -> Config {
    let mut config = Config::default();
    config.database.path = dir.path().join("feeds.db");
    config.fetch.allow_private_networks = false;
    config.fetch.allow_cidrs = vec!["127.0.0.1/32".into()];
    config.fetch.max_body_bytes = 256 * 1024;
    config.feeds.poll_minutes = 10;
    config.feeds.jitter_percent = 0;
    config.feeds.failing_after = 3;
    config.feeds.digest_hour = 8;
    config
}

impl World {
    async fn new(items: Vec<Item>) -> World {
        World::with(items, |_| {}).await
    }

    async fn with(items: Vec<Item>, tweak: impl FnOnce(&mut Config)) -> World {
        let served: Shared = Arc::default();
        let app = Router::new()
            .route("/feed.xml", get(feed))
            .route("/article/{n}", get(article))
            .route("/page", get(page))
            .route("/private", get(to_private))
            .route("/huge.xml", get(huge))
            .with_state(served.clone());
        let addr = crate::support::serve_loopback(app).await;
        {
            let mut s = served.lock().unwrap();
            s.port = addr.port();
            s.items = items;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut config = config(&dir);
        tweak(&mut config);
        let desk = Newsdesk::open(config).await.unwrap();
        let clock = Arc::new(ManualClock::new(at("2026-03-02T06:00:00Z")));
        let poller = Poller::new(desk.clone(), clock.clone());
        World {
            served,
            base: format!("http://127.0.0.1:{}", addr.port()),
            desk,
            clock,
            poller,
            posts: Recorder::default(),
            _dir: dir,
        }
    }

    async fn add(&self, path: &str, mode: FeedMode) -> Result<i64, Error> {
        let url = format!("{}{path}", self.base);
        let feed = self
            .desk
            .add_feed(SCOPE, &url, CHANNEL, mode, &*self.clock)
            .await?;
        Ok(feed.id)
    }

    /// Move the clock on by `minutes` and poll what is due.
    async fn poll_after(&self, minutes: i64) -> newsdesk::feeds::PollReport {
        self.clock.advance(Duration::minutes(minutes));
        self.poller.poll_due(None, &self.posts).await.unwrap()
    }

    fn serve(&self, change: impl FnOnce(&mut Served)) {
        change(&mut self.served.lock().unwrap());
    }

    async fn feed(&self, id: i64) -> newsdesk::store::FeedRow {
        self.desk.store().feed(SCOPE, id).await.unwrap().unwrap()
    }
}

#[tokio::test]
async fn feed_first_poll_posts_nothing_and_a_new_entry_posts_once() {
    let w = World::new(vec![item(Some("a1"), Some(1)), item(Some("a2"), Some(2))]).await;
    let id = w.add("/feed.xml", FeedMode::Each).await.unwrap();
    let report = w.poll_after(11).await;
    assert_eq!((report.polled, report.posted), (1, 0));
    assert!(
        w.posts.take().is_empty(),
        "the entries already there are not posted"
    );

    w.serve(|s| s.items.push(item(Some("a3"), Some(3))));
    let report = w.poll_after(11).await;
    assert_eq!((report.new_entries, report.posted), (1, 1));
    let posts = w.posts.take();
    assert_eq!(posts.len(), 1);
    let post = &posts[0];
    assert_eq!(
        (post.channel_id, post.digest_day.as_deref()),
        (CHANNEL, None)
    );
    let a = &post.articles[0];
    assert_eq!(a.article.title.as_deref(), Some("Ferry line 3 approved"));
    assert_eq!(
        a.article.url.as_deref(),
        Some(format!("{}/article/3", w.base).as_str()),
        "tracking parameters dropped"
    );
    assert_eq!(a.article.site.as_deref(), Some("Harbour Times"));
    assert!(
        !a.summary.is_empty() && a.summary.len() <= 2,
        "{:?}",
        a.summary
    );
    let quote = a.quote.as_ref().expect("a key quote");
    assert_eq!(quote.speaker.as_deref(), Some("Mara Quill"));

    let report = w.poll_after(11).await;
    assert_eq!(report.posted, 0);
    assert!(w.posts.take().is_empty(), "posted once");
    let list = w.desk.list_feeds(SCOPE).await.unwrap();
    assert_eq!((list[0].feed.id, list[0].posted), (id, 1));
}

#[tokio::test]
async fn feed_conditional_get_answers_304_until_the_etag_changes() {
    let w = World::new(vec![item(Some("a1"), Some(1))]).await;
    w.serve(|s| s.etag = Some("\"v1\"".into()));
    let id = w.add("/feed.xml", FeedMode::Each).await.unwrap();
    let report = w.poll_after(11).await;
    assert_eq!((report.polled, report.not_modified), (1, 1));
    assert_eq!(
        w.served.lock().unwrap().conditional,
        [None, Some("\"v1\"".to_string())],
        "the first request is plain, the next asks If-None-Match"
    );
    w.serve(|s| {
        s.items.push(item(Some("a2"), Some(2)));
        s.etag = Some("\"v2\"".into());
    });
    let report = w.poll_after(11).await;
    assert_eq!((report.not_modified, report.posted), (0, 1));
    assert_eq!(w.feed(id).await.etag.as_deref(), Some("\"v2\""));
    let report = w.poll_after(11).await;
    assert_eq!(report.not_modified, 1);
}

#[tokio::test]
async fn feed_honours_retry_after_and_cache_control() {
    let w = World::new(vec![item(Some("a1"), Some(1))]).await;
    w.serve(|s| s.cache_control = Some("public, max-age=1800".into()));
    let id = w.add("/feed.xml", FeedMode::Each).await.unwrap();
    let f = w.feed(id).await;
    assert_eq!(
        f.next_poll_at - f.last_polled_at.unwrap(),
        1800,
        "max-age over the 10 minutes"
    );

    w.serve(|s| s.errors.push((503, Some("7200".into()))));
    let report = w.poll_after(31).await;
    assert_eq!(report.failed, 1);
    let f = w.feed(id).await;
    assert_eq!(
        f.next_poll_at - f.last_polled_at.unwrap(),
        7200,
        "Retry-After"
    );
    assert_eq!(f.failures, 1);
    let report = w.poll_after(60).await;
    assert_eq!(report.polled, 0, "not before Retry-After");
}

#[tokio::test]
async fn feed_guid_change_with_the_same_link_posts_once() {
    let w = World::new(vec![item(Some("a1"), Some(1))]).await;
    w.add("/feed.xml", FeedMode::Each).await.unwrap();
    w.serve(|s| s.items.push(item(Some("a2"), Some(2))));
    assert_eq!(w.poll_after(11).await.posted, 1);
    w.serve(|s| s.items[1].guid = Some("a2-edited".into()));
    let report = w.poll_after(11).await;
    assert_eq!((report.new_entries, report.posted), (0, 0));
}

#[tokio::test]
async fn feed_entries_beyond_the_newest_are_forgotten_unless_still_listed_or_waiting() {
    let items = (1..=4)
        .map(|n| item(Some(&format!("a{n}")), Some(n)))
        .collect();
    let w = World::new(items).await;
    let id = w.add("/feed.xml", FeedMode::Each).await.unwrap();
    let store = w.desk.store();
    let keys = |state: &'static str| async move {
        let rows = store.feed_entries(id, state, 100).await.unwrap();
        rows.into_iter().map(|e| e.key).collect::<Vec<_>>()
    };
    assert_eq!(keys("seen").await, ["a1", "a2", "a3", "a4"]);
    // The feed still lists a1 (under a new guid, by its link): kept, as are the newest two.
    let a1 = store.feed_entries(id, "seen", 1).await.unwrap().remove(0);
    let listed = NewEntry {
        key: "a1-edited",
        link: a1.link.as_deref(),
        title: None,
        published: None,
        state: "pending",
    };
    let forgotten = store
        .forget_old_entries(id, std::slice::from_ref(&listed), 2)
        .await
        .unwrap();
    assert_eq!(forgotten, 1);
    assert_eq!(keys("seen").await, ["a1", "a3", "a4"]);
    // An entry waiting to be posted is never forgotten.
    let waiting = NewEntry {
        key: "a5",
        link: None,
        title: None,
        published: None,
        state: "pending",
    };
    store
        .remember_entries(id, std::slice::from_ref(&waiting), 1)
        .await
        .unwrap();
    assert_eq!(store.forget_old_entries(id, &[], 0).await.unwrap(), 3);
    assert!(keys("seen").await.is_empty());
    assert_eq!(keys("pending").await, ["a5"]);
}

#[tokio::test]
async fn feed_without_ids_keeps_its_keys_across_a_restart() {
    let mut items = vec![item(None, Some(1)), item(None, None)];
    items[1].title = "A note without a link".into();
    let w = World::new(items).await;
    w.add("/feed.xml", FeedMode::Each).await.unwrap();
    let path = w.desk.config().database.path.clone();
    w.desk.store().close().await;
    // A new process: the same database, a new core and poller.
    let mut config = config(&w._dir);
    config.database.path = path;
    let desk = Newsdesk::open(config).await.unwrap();
    let poller = Poller::new(desk.clone(), w.clock.clone());
    w.clock.advance(Duration::minutes(11));
    let report = poller.poll_due(None, &w.posts).await.unwrap();
    assert_eq!(
        (report.polled, report.new_entries, report.posted),
        (1, 0, 0)
    );
    // A title edit of the linked entry is still the same entry (keyed by its link).
    w.serve(|s| s.items[0].title = "Ferry line 1, updated".into());
    w.clock.advance(Duration::minutes(11));
    let report = poller.poll_due(None, &w.posts).await.unwrap();
    assert_eq!(report.new_entries, 0);
    assert!(w.posts.take().is_empty());
}

#[tokio::test]
async fn feed_failing_backs_off_and_recovers() {
    let w = World::new(vec![item(Some("a1"), Some(1))]).await;
    let id = w.add("/feed.xml", FeedMode::Each).await.unwrap();
    w.serve(|s| s.errors = vec![(500, None); 3]);
    let mut waits = Vec::new();
    for _ in 0..3 {
        let due = w.feed(id).await.next_poll_at;
        w.clock.set(DateTime::from_timestamp(due, 0).unwrap());
        let report = w.poller.poll_due(None, &w.posts).await.unwrap();
        assert_eq!(report.failed, 1);
        let f = w.feed(id).await;
        waits.push(f.next_poll_at - f.last_polled_at.unwrap());
    }
    assert_eq!(waits, [600, 1200, 2400], "exponential backoff");
    let list = w.desk.list_feeds(SCOPE).await.unwrap();
    assert!(list[0].failing, "failing after 3 straight failures");
    assert!(list[0].feed.last_error.as_deref().unwrap().contains("500"));

    w.serve(|s| s.items.push(item(Some("a2"), Some(2))));
    let due = w.feed(id).await.next_poll_at;
    w.clock.set(DateTime::from_timestamp(due, 0).unwrap());
    let report = w.poller.poll_due(None, &w.posts).await.unwrap();
    assert_eq!(
        report.posted, 1,
        "back: the entry that appeared meanwhile is posted"
    );
    let list = w.desk.list_feeds(SCOPE).await.unwrap();
    assert!(!list[0].failing);
    assert_eq!(list[0].feed.failures, 0);
}

#[tokio::test]
async fn feed_redirect_to_a_private_address_is_refused() {
    let w = World::new(vec![item(Some("a1"), Some(1))]).await;
    let e = w.add("/private", FeedMode::Each).await.unwrap_err();
    assert!(
        matches!(e, Error::Fetch(newsdesk::fetch::FetchError::PrivateNetwork)),
        "{e:?}"
    );
    assert!(w.desk.list_feeds(SCOPE).await.unwrap().is_empty());
}

#[tokio::test]
async fn feed_huge_document_is_capped() {
    let w = World::new(vec![]).await;
    let e = w.add("/huge.xml", FeedMode::Each).await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::Fetch(newsdesk::fetch::FetchError::TooLarge { .. })
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn feed_is_discovered_from_a_page_and_limited_per_guild() {
    let w = World::with(vec![item(Some("a1"), Some(1))], |c| {
        c.feeds.max_per_guild = 1
    })
    .await;
    let id = w.add("/page", FeedMode::Each).await.unwrap();
    let f = w.feed(id).await;
    assert_eq!(f.url, format!("{}/feed.xml", w.base));
    assert_eq!(f.title.as_deref(), Some("Harbour Times"));
    let e = w.add("/feed.xml", FeedMode::Digest).await.unwrap_err();
    assert!(matches!(e, Error::FeedLimit { max: 1 }), "{e:?}");
}

#[tokio::test]
async fn feed_digest_posts_once_at_its_hour() {
    let w = World::new(vec![item(Some("a1"), Some(1))]).await;
    w.add("/feed.xml", FeedMode::Digest).await.unwrap();
    w.serve(|s| {
        s.items.push(item(Some("a2"), Some(2)));
        s.items.push(item(Some("a3"), Some(3)));
    });
    // 06:11: the new entries are brought in, not posted.
    let report = w.poll_after(11).await;
    assert_eq!(
        (report.new_entries, report.posted, report.digests),
        (2, 0, 0)
    );
    w.clock.set(at("2026-03-02T07:59:00Z"));
    assert_eq!(w.poller.post_digests(None, &w.posts).await.unwrap(), 0);
    assert!(w.posts.take().is_empty());

    w.clock.set(at("2026-03-02T08:00:30Z"));
    let report = w.poller.poll_due(None, &w.posts).await.unwrap();
    assert_eq!(report.digests, 1);
    let posts = w.posts.take();
    assert_eq!(posts.len(), 1, "one grouped message");
    assert_eq!(posts[0].digest_day.as_deref(), Some("2026-03-02"));
    let titles: Vec<_> = posts[0]
        .articles
        .iter()
        .map(|a| a.article.title.clone().unwrap())
        .collect();
    assert_eq!(titles, ["Ferry line 2 approved", "Ferry line 3 approved"]);
    assert!(
        posts[0].articles.iter().all(|a| a.summary.len() == 1),
        "one line each"
    );
    // Two reports of one event: one story, listed together (`group_by_story` orders them).
    let stories: Vec<_> = posts[0].articles.iter().map(|a| a.story).collect();
    assert!(
        stories[0].is_some() && stories[0] == stories[1],
        "{stories:?}"
    );

    w.clock.set(at("2026-03-02T15:00:00Z"));
    w.serve(|s| s.items.push(item(Some("a4"), Some(4))));
    let report = w.poller.poll_due(None, &w.posts).await.unwrap();
    assert_eq!((report.posted, report.digests), (0, 0), "once a day");
    w.clock.set(at("2026-03-03T08:05:00Z"));
    let report = w.poller.poll_due(None, &w.posts).await.unwrap();
    assert_eq!(report.digests, 1, "the next day's digest");
    assert_eq!(w.posts.take()[0].articles.len(), 1);
}

/// A sink whose channel is gone.
struct Gone;

impl PostSink for Gone {
    async fn post(&self, _post: &FeedPost) -> Result<(), PostError> {
        Err(PostError::Gone("the channel is gone".into()))
    }
}

#[tokio::test]
async fn feed_entries_that_cannot_be_read_are_skipped_with_the_reason() {
    let w = World::new(vec![item(Some("a1"), Some(1))]).await;
    let id = w.add("/feed.xml", FeedMode::Each).await.unwrap();
    // A link to a page that is not there: no use retrying.
    w.serve(|s| {
        let mut missing = item(Some("gone"), None);
        missing.title = "Missing story".into();
        s.items.push(missing);
    });
    let port = w.served.lock().unwrap().port;
    w.serve(|s| {
        s.items.last_mut().unwrap().guid = Some(format!("http://127.0.0.1:{port}/nowhere"));
    });
    let report = w.poll_after(11).await;
    assert_eq!((report.new_entries, report.posted), (1, 0));
    let list = w.desk.list_feeds(SCOPE).await.unwrap();
    assert_eq!(list[0].skipped, 1);
    let (what, why) = list[0].last_skipped.clone().unwrap();
    assert_eq!(what, "Missing story");
    assert!(why.contains("404"), "{why}");

    // A channel that is gone pauses the feed, saying why; the entry waits.
    w.serve(|s| s.items.push(item(Some("a5"), Some(5))));
    w.clock.advance(Duration::minutes(11));
    let report = w.poller.poll_due(None, &Gone).await.unwrap();
    assert_eq!(report.posted, 0);
    let f = w.feed(id).await;
    assert!(f.paused);
    assert_eq!(f.last_error.as_deref(), Some("the channel is gone"));
    let resumed = w
        .desk
        .pause_feed(SCOPE, id, false, &*w.clock)
        .await
        .unwrap();
    assert!(!resumed.paused);
    let report = w.poll_after(1).await;
    assert_eq!(
        report.posted, 1,
        "the waiting entry goes out once the feed is resumed"
    );
}

#[tokio::test]
async fn feed_hosts_are_polled_one_at_a_time_with_a_pause_between() {
    let w = World::with(vec![item(Some("a1"), Some(1))], |c| {
        c.feeds.host_min_interval_secs = 60;
    })
    .await;
    let first = w.add("/feed.xml", FeedMode::Each).await.unwrap();
    let second = w.add("/feed.xml?edition=2", FeedMode::Each).await.unwrap();
    let requests = || w.served.lock().unwrap().conditional.len();
    let before = requests();
    // Both are due; the host takes one now, the other a minute later.
    let report = w.poll_after(11).await;
    assert_eq!((report.polled, report.deferred), (1, 1));
    assert_eq!(requests(), before + 1);
    let (a, b) = (w.feed(first).await, w.feed(second).await);
    let put_off = if a.last_polled_at == Some(w.clock.now().timestamp()) {
        b
    } else {
        a
    };
    assert_eq!(put_off.next_poll_at, w.clock.now().timestamp() + 60);
    let report = w.poll_after(1).await;
    assert_eq!((report.polled, report.deferred), (1, 0));
    assert_eq!(requests(), before + 2);
}

#[tokio::test]
async fn feed_entries_beyond_one_polls_share_go_out_after_a_304_in_order() {
    let w = World::with(vec![item(Some("a1"), Some(1))], |c| {
        c.feeds.max_posts_per_poll = 1;
    })
    .await;
    w.serve(|s| s.etag = Some("\"v1\"".into()));
    w.add("/feed.xml", FeedMode::Each).await.unwrap();
    w.serve(|s| {
        s.items.push(item(Some("a2"), Some(2)));
        s.items.push(item(Some("a3"), Some(3)));
        s.etag = Some("\"v2\"".into());
    });
    let report = w.poll_after(11).await;
    assert_eq!((report.new_entries, report.posted), (2, 1));
    let report = w.poll_after(11).await;
    assert_eq!((report.not_modified, report.posted), (1, 1));
    let titles: Vec<String> = w
        .posts
        .take()
        .iter()
        .map(|p| p.articles[0].article.title.clone().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Ferry line 2 approved", "Ferry line 3 approved"],
        "oldest first"
    );
}
