//! `store copy`: every article and feed of one store into another (SQLite to SQLite always,
//! SQLite to PostgreSQL when `NEWSDESK_TEST_PG_URL` is set), stopped half-way and run again.

use crate::support::{TestDb, engines, scalar, sqlite_db};
use newsdesk::Newsdesk;
use newsdesk::ingest::Source;
use newsdesk::model::Scope;
use newsdesk::store::{CopyEvent, CopySummary, ExportRecord, FeedMode, NewFeed, Store, copy};
use std::ops::ControlFlow;

/// Six articles over three scopes (four with links), a gap where one was forgotten, and two
/// feeds, one of them paused.
async fn source() -> (TestDb, Newsdesk) {
    let db = sqlite_db();
    let desk = db.desk().await;
    let scopes = [Scope::Local, Scope::Guild(42), Scope::User(7)];
    for n in 0..7 {
        let text = format!(
            "Ferry line {n} reopens\nThe Kelby ferry line {n} reopened on Monday after repairs. \
             \"Passengers waited long enough,\" said harbour master Ines Vale. Vale said \
             crossings resume every hour."
        );
        let url = (n % 2 == 0).then(|| format!("https://news.example/ferry-{n}"));
        let source = Source::Text { text, url };
        let stored = desk.ingest(scopes[n % 3], source, &|_| {}).await.unwrap();
        if n == 3 {
            desk.forget(scopes[n % 3], stored.article().id)
                .await
                .unwrap();
        }
    }
    for (n, scope) in [Scope::Guild(42), Scope::User(7)].into_iter().enumerate() {
        let url = format!("https://news.example/feed-{n}.xml");
        let new = NewFeed {
            scope,
            url: &url,
            channel_id: 5,
            mode: FeedMode::Each,
            title: Some("Kelby news"),
            site_url: None,
            now: 0,
        };
        let row = desk.store().add_feed(&new).await.unwrap().unwrap();
        if n == 1 {
            desk.store()
                .pause_feed_because(row.id, "channel gone")
                .await
                .unwrap();
        }
    }
    (db, desk)
}

/// Every article as exported, by scope and text (ids differ between stores).
async fn records(store: &Store) -> Vec<ExportRecord> {
    let mut out = Vec::new();
    for id in store.export_ids(None).await.unwrap() {
        out.push(store.export_article(id).await.unwrap());
    }
    out.sort_by(|a, b| (a.scope.to_string(), &a.text).cmp(&(b.scope.to_string(), &b.text)));
    out
}

async fn run(from: &Store, to: &Store, stop_after: Option<usize>) -> (CopySummary, Vec<CopyEvent>) {
    let mut events = Vec::new();
    let mut copied = 0;
    let summary = copy(from, to, &mut |e: &CopyEvent| {
        events.push(e.clone());
        copied += usize::from(matches!(e, CopyEvent::Copied(_)));
        match stop_after {
            Some(n) if copied >= n => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        }
    })
    .await
    .unwrap();
    (summary, events)
}

#[tokio::test]
async fn an_interrupted_copy_continues_without_duplicates() {
    let (_source_db, desk) = source().await;
    let from = desk.store();
    for target in engines().await {
        target.announce("an_interrupted_copy_continues_without_duplicates");
        let to = target.store().await;

        // Stopped after two articles: those two are there, whole, and nothing else.
        let (first, events) = run(from, &to, Some(2)).await;
        assert!(first.interrupted);
        assert_eq!((first.articles, first.copied, first.already), (6, 2, 0));
        assert_eq!(
            events[0],
            CopyEvent::Planned {
                articles: 6,
                already: 0
            }
        );
        assert_eq!(records(&to).await.len(), 2);
        assert_eq!(scalar(&to, "SELECT count(*) FROM feeds").await, 0);

        // Run again: the rest, once each, then the feeds.
        let (second, events) = run(from, &to, None).await;
        assert!(!second.interrupted);
        assert_eq!((second.copied, second.already), (4, 2));
        assert_eq!((second.feeds_copied, second.feeds_already), (2, 0));
        assert_eq!(
            events[0],
            CopyEvent::Planned {
                articles: 6,
                already: 2
            }
        );
        assert_eq!(records(&to).await, records(from).await);
        for sql in [
            "SELECT count(*) FROM articles",
            "SELECT count(*) FROM (SELECT DISTINCT scope, content_hash FROM articles) x",
        ] {
            assert_eq!(scalar(&to, sql).await, 6, "{sql}");
        }
        let feeds = to.all_feeds(None).await.unwrap();
        assert_eq!(feeds.len(), 2);
        assert!(!feeds[0].paused && feeds[1].paused);
        assert_eq!(feeds[1].last_error.as_deref(), Some("channel gone"));
        assert!(
            feeds.iter().all(|f| !f.primed),
            "their first poll posts nothing"
        );
        // Search and entities were rebuilt by the target itself.
        let hits = newsdesk::Newsdesk::open(target.config())
            .await
            .unwrap()
            .articles(
                Scope::Guild(42),
                Some("ferry"),
                newsdesk::query::Page { index: 0, size: 10 },
            )
            .await
            .unwrap();
        assert_eq!(hits.articles.len(), 2, "{hits:?}");

        // A third run finds everything there.
        let (third, _) = run(from, &to, None).await;
        assert_eq!(
            (third.copied, third.already, third.feeds_already),
            (0, 6, 2)
        );
        to.close().await;
    }
}
