//! `store copy`: every article and feed of one store into another (SQLite to SQLite always,
//! SQLite to PostgreSQL when `NEWSDESK_TEST_PG_URL` is set), stopped half-way and run again.

use crate::support::{TestDb, engines, scalar, sqlite_db};
use newsdesk::Newsdesk;
use newsdesk::ingest::Source;
use newsdesk::model::{ArticleId, Scope};
use newsdesk::store::{CopyEvent, CopySummary, ExportRecord, FeedMode, NewFeed, Store, copy};
use std::collections::HashMap;
use std::ops::ControlFlow;

/// Six articles over three scopes (four with links), a gap where one was forgotten, and two
/// feeds, one of them paused.
async fn source() -> (TestDb, Newsdesk) {
    let db = sqlite_db();
    let desk = db.desk().await;
    let scopes = [Scope::Local, Scope::Guild(42), Scope::User(7)];
    let mut ids = Vec::new();
    for n in 0..7 {
        let text = format!(
            "Ferry line {n} reopens\nThe Kelby ferry line {n} reopened on Monday after repairs. \
             \"Passengers waited long enough,\" said harbour master Ines Vale. Vale said \
             crossings resume every hour."
        );
        let url = (n % 2 == 0).then(|| format!("https://news.example/ferry-{n}"));
        let source = Source::Text { text, url };
        let stored = desk.ingest(scopes[n % 3], source, &|_| {}).await.unwrap();
        ids.push(stored.article().id);
    }
    // Not the newest: SQLite would give its number to the next article.
    desk.forget(scopes[3 % 3], ids[3]).await.unwrap();
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
        copied += usize::from(matches!(e, CopyEvent::Copied { .. }));
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

/// Ingest `text` (with `url`) into `desk`'s `scope`; its number.
async fn put(desk: &Newsdesk, scope: Scope, text: &str, url: &str) -> ArticleId {
    let source = Source::Text {
        text: text.into(),
        url: Some(url.into()),
    };
    desk.ingest(scope, source, &|_| {})
        .await
        .expect("ingest")
        .article()
        .id
}

/// Source number to target number, from the copy's events.
fn numbers(events: &[CopyEvent]) -> HashMap<ArticleId, ArticleId> {
    events
        .iter()
        .filter_map(|e| match e {
            CopyEvent::Copied { from, to } => Some((*from, *to)),
            _ => None,
        })
        .collect()
}

/// An article ingested after a copy: the number it gets shows what the copy left free.
async fn library_opens(desk: &Newsdesk) -> ArticleId {
    put(
        desk,
        Scope::Local,
        "Kelby library opens\nThe new Kelby library opened its doors on Saturday.",
        "https://news.example/library",
    )
    .await
}

/// Copy `from` into the store of `target`, which first gets articles #1 and #2 of its own when
/// `merge` (two of the source's articles are then renumbered); the copy's events.
async fn copy_into(from: &Store, target: &Newsdesk, merge: bool) -> Vec<CopyEvent> {
    if merge {
        target_articles(target).await;
    }
    let (summary, events) = run(from, target.store(), None).await;
    assert_eq!(summary.renumbered, if merge { 2 } else { 0 });
    events
}

/// Two articles of the target's own, on other subjects, in the scopes the source uses.
async fn target_articles(desk: &Newsdesk) -> Vec<ArticleId> {
    let mut ids = Vec::new();
    for (n, scope) in [Scope::Local, Scope::Guild(42)].into_iter().enumerate() {
        let text = format!(
            "Orchard {n} harvest doubles\nGrowers at the Ashby orchard {n} picked twice as many \
             apples as last autumn. \"The spring frost spared us,\" said grower Tomas Reed."
        );
        let url = format!("https://farm.example/orchard-{n}");
        ids.push(put(desk, scope, &text, &url).await);
    }
    ids
}

/// A copy into an empty store keeps every number, gaps included, and the next ingest there
/// gets a number past all of them (on PostgreSQL: the id sequence was moved past them).
#[tokio::test]
async fn a_copy_keeps_article_numbers_and_later_ingests_come_after_them() {
    let (_source_db, desk) = source().await;
    let from = desk.store();
    let source_ids = from.export_ids(None).await.unwrap();
    assert_eq!(source_ids.len(), 6);
    assert!(
        !source_ids.contains(&ArticleId(4)),
        "the source has a gap: {source_ids:?}"
    );
    for target in engines().await {
        target.announce("a_copy_keeps_article_numbers_and_later_ingests_come_after_them");
        let to = target.store().await;
        // Interrupted half-way and run again: both runs keep the numbers.
        let (first, events) = run(from, &to, Some(3)).await;
        assert!(first.interrupted);
        let (second, more) = run(from, &to, None).await;
        assert_eq!(
            (second.copied, second.renumbered, second.already),
            (3, 0, 3)
        );
        let moved = numbers(&[events, more].concat());
        assert_eq!(moved.len(), 6);
        assert!(moved.iter().all(|(from, to)| from == to), "{moved:?}");
        assert_eq!(to.export_ids(None).await.unwrap(), source_ids);
        for &id in &source_ids {
            assert_eq!(
                to.export_article(id).await.unwrap(),
                from.export_article(id).await.unwrap(),
                "#{id} is the same article in both stores"
            );
        }

        let after = put(
            &target.desk().await,
            Scope::Guild(42),
            "Kelby library opens\nThe new Kelby library opened its doors on Saturday.",
            "https://news.example/library",
        )
        .await;
        let highest = *source_ids.iter().max().unwrap();
        assert!(after > highest, "new #{after} comes after #{highest}");
        to.close().await;
    }
}

/// Copying into a store that already uses some of the numbers: only those articles take new
/// ones (past both stores' numbers), the summary counts them, the target's own keep theirs.
#[tokio::test]
async fn a_merge_renumbers_only_the_numbers_already_taken() {
    let (_source_db, desk) = source().await;
    let from = desk.store();
    let source_ids = from.export_ids(None).await.unwrap();
    let highest = source_ids.iter().max().unwrap().0;
    for target in engines().await {
        target.announce("a_merge_renumbers_only_the_numbers_already_taken");
        let target_desk = target.desk().await;
        let own = target_articles(&target_desk).await;
        assert_eq!(own, [ArticleId(1), ArticleId(2)]);
        let to = target_desk.store();
        let before: Vec<ExportRecord> = {
            let mut out = Vec::new();
            for &id in &own {
                out.push(to.export_article(id).await.unwrap());
            }
            out
        };

        let (summary, events) = run(from, to, None).await;
        assert_eq!(
            (summary.copied, summary.renumbered, summary.already),
            (6, 2, 0)
        );
        let moved = numbers(&events);
        for &id in &source_ids {
            let now = moved[&id];
            if own.contains(&id) {
                assert!(
                    now.0 > highest,
                    "#{id} taken: renumbered past #{highest}, as #{now}"
                );
            } else {
                assert_eq!(now, id, "#{id} was free in the target");
            }
            assert_eq!(
                to.export_article(now).await.unwrap(),
                from.export_article(id).await.unwrap()
            );
        }
        assert_eq!(moved[&ArticleId(1)], ArticleId(highest + 1));
        assert_eq!(moved[&ArticleId(2)], ArticleId(highest + 2));
        for (id, record) in own.iter().zip(&before) {
            assert_eq!(&to.export_article(*id).await.unwrap(), record);
        }

        let after = library_opens(&target_desk).await;
        assert_eq!(after, ArticleId(highest + 3), "the next number is free");
        // A second run has nothing left to do (nor to renumber).
        let (again, _) = run(from, to, None).await;
        assert_eq!((again.copied, again.renumbered, again.already), (0, 0, 6));
    }
}

/// A number the source gave to an article since forgotten (its newest, which SQLite alone would
/// give again) stays spent in the target: a copy into an empty store gives it to none of its
/// later ingests, and a merge renumbers past it.
#[tokio::test]
async fn a_copy_gives_no_article_the_number_of_one_forgotten_in_the_source() {
    let source_db = sqlite_db();
    let desk = source_db.desk().await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let text = format!(
            "Kelby bakery {n} wins prize\nThe Kelby bakery {n} won the regional bread prize on \
             Sunday, said judge Nora Hale. Hale said the rye was the best in years."
        );
        ids.push(
            put(
                &desk,
                Scope::Local,
                &text,
                &format!("https://news.example/bakery-{n}"),
            )
            .await,
        );
    }
    let forgotten = ids[2];
    desk.forget(Scope::Local, forgotten).await.unwrap();
    let from = desk.store();
    assert_eq!(from.next_article_id().await.unwrap().0, forgotten.0 + 1);
    for merge in [false, true] {
        for target in engines().await {
            target.announce("a_copy_gives_no_article_the_number_of_one_forgotten_in_the_source");
            let target_desk = target.desk().await;
            let to = target_desk.store();
            let events = copy_into(from, &target_desk, merge).await;
            for (was, now) in numbers(&events) {
                assert_ne!(now, forgotten, "#{was} copied as #{now}");
                if was != now {
                    assert!(now > forgotten, "#{was} renumbered as #{now}");
                }
            }
            assert!(to.next_article_id().await.unwrap() > forgotten);
            let after = library_opens(&target_desk).await;
            assert!(
                after > forgotten,
                "new #{after} after forgotten #{forgotten}"
            );
            to.close().await;
        }
    }
}

/// An empty store copies as nothing, and the target's first article is still #1.
#[tokio::test]
async fn copying_an_empty_store_copies_nothing() {
    let source_db = sqlite_db();
    let from = source_db.store().await;
    for target in engines().await {
        target.announce("copying_an_empty_store_copies_nothing");
        let target_desk = target.desk().await;
        let (summary, _) = run(&from, target_desk.store(), None).await;
        assert_eq!((summary.articles, summary.copied), (0, 0));
        let first = library_opens(&target_desk).await;
        assert_eq!(first, ArticleId(1));
        target_desk.store().close().await;
    }
}

const BRIDGE: &str = "Lowmoor closes harbour bridge after cracks found
LOWMOOR, March 3, 2026 - The Lowmoor city council voted on Tuesday to close the old harbour \
bridge to all traffic after engineers found deep cracks in two of its steel supports.
Mayor Lena Ortiz said repairs would take at least six months and cost more than four million euros.
\"We cannot take any risk with people's lives,\" Ortiz told reporters outside the town hall.
Ferries will run every twenty minutes while the bridge is shut, and buses will be rerouted \
through the northern tunnel.
Shop owners on the waterfront said they feared losing customers during the busy summer season.";

/// Copy links and stories name the same articles after a copy as before, renumbered ones
/// included: the target rebuilds them over the kept (or new) numbers.
#[tokio::test]
async fn copy_links_and_stories_follow_their_articles() {
    let source_db = sqlite_db();
    let desk = source_db.desk().await;
    let filler = put(
        &desk,
        Scope::Local,
        "Kelby library opens\nThe new Kelby library opened its doors on Saturday. Readers \
         queued from dawn, said librarian Ada Moss.",
        "https://news.example/library",
    )
    .await;
    let original = put(&desk, Scope::Local, BRIDGE, "https://herald.example/bridge").await;
    let gone = put(
        &desk,
        Scope::Local,
        "Kelby marathon postponed\nStorms forced the Kelby marathon to a later date.",
        "https://news.example/marathon",
    )
    .await;
    desk.forget(Scope::Local, gone).await.unwrap();
    let copy_text = format!(
        "{BRIDGE}\nSubscribe to our newsletter for the day's top stories. © 2026 Northern Wire."
    );
    let copied = put(
        &desk,
        Scope::Local,
        &copy_text,
        "https://wire.example/bridge",
    )
    .await;
    let from = desk.store();
    let before = from.placement(Scope::Local, copied).await.unwrap();
    assert_eq!(before.copy_of, Some(original), "the fixture has a copy");
    assert_eq!(
        from.placement(Scope::Local, original).await.unwrap().story,
        before.story
    );

    // Into an empty store, and into one whose own articles hold #1 and #2 (so the filler and
    // the original are renumbered while their copy keeps its number).
    for merge in [false, true] {
        for target in engines().await {
            target.announce("copy_links_and_stories_follow_their_articles");
            let target_desk = target.desk().await;
            let to = target_desk.store();
            let events = copy_into(from, &target_desk, merge).await;
            let moved = numbers(&events);
            let (original_now, copy_now) = (moved[&original], moved[&copied]);
            assert_eq!(copy_now, copied, "the copy's number was free");
            assert_eq!(original_now == original, !merge);
            assert_ne!(moved[&filler] == filler, merge);

            let placed = to.placement(Scope::Local, copy_now).await.unwrap();
            assert_eq!(placed.copy_of, Some(original_now), "merge: {merge}");
            let story = to
                .placement(Scope::Local, original_now)
                .await
                .unwrap()
                .story;
            assert!(story.is_some() && story == placed.story, "merge: {merge}");
            let members = to
                .story_members(Scope::Local, story.unwrap())
                .await
                .unwrap();
            let mut expected = vec![original_now, copy_now];
            expected.sort();
            assert_eq!(members, expected, "merge: {merge}");
            assert_eq!(
                to.copies_among(&[original_now]).await.unwrap(),
                [(copy_now, original_now)]
            );
            to.close().await;
        }
    }
}
