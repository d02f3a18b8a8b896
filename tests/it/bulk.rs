//! Bulk ingest: many articles per transaction, each still whole or absent, results in order.

use newsdesk::ingest::{BULK_BATCH, Ingested, Source};
use newsdesk::model::Scope;
use newsdesk::{Config, Error, Newsdesk};

async fn desk(dir: &tempfile::TempDir) -> Newsdesk {
    let mut config = Config::default();
    config.database.path = dir.path().join("bulk.db");
    Newsdesk::open(config).await.expect("open")
}

fn article(k: usize) -> Source {
    Source::Text {
        text: format!(
            "Harbour board vote number {k}\nThe Lowmoor harbour board met for session {k} on Tuesday. \
             \"We voted on item {k} today,\" said chair Mina Okafor. The board adjourned at noon."
        ),
        url: Some(format!("https://news.example/harbour/{k}")),
    }
}

async fn count(desk: &Newsdesk, table: &str) -> i64 {
    crate::support::scalar(desk.store(), &format!("SELECT count(*) FROM {table}")).await
}

#[tokio::test]
async fn a_bulk_ingest_stores_each_article_once_and_answers_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    // More than one batch, a repeat inside a batch, an empty page, and one already stored.
    let n = BULK_BATCH + 5;
    desk.ingest(Scope::Local, article(3), &|_| {})
        .await
        .unwrap();
    let mut sources: Vec<Source> = (0..n).map(article).collect();
    sources.insert(7, article(2));
    sources.insert(
        9,
        Source::Text {
            text: "too short".into(),
            url: None,
        },
    );
    let results = desk.ingest_bulk(Scope::Local, sources).await;
    assert_eq!(results.len(), n + 2);

    let stored = |r: &newsdesk::Result<Ingested>| matches!(r, Ok(Ingested::Stored { .. }));
    assert_eq!(results.iter().filter(|r| stored(r)).count(), n - 1);
    assert!(
        matches!(results[3], Ok(Ingested::Duplicate { .. })),
        "stored before"
    );
    assert!(matches!(results[9], Err(Error::NoArticleText)));
    // The repeat answers with the first copy's article.
    let (Ok(first), Ok(Ingested::Duplicate { article: again })) = (&results[2], &results[7]) else {
        panic!(
            "the repeat is a duplicate of the first copy: {:?}",
            results[7]
        );
    };
    assert_eq!(first.article().id, again.id);
    // In order: each stored answer carries its own link.
    for (k, r) in results
        .iter()
        .enumerate()
        .filter(|(k, _)| ![7, 9].contains(k))
    {
        let source = if k < 7 {
            k
        } else if k < 9 {
            k - 1
        } else {
            k - 2
        };
        let url = r.as_ref().unwrap().article().url.clone().unwrap();
        assert!(url.ends_with(&format!("/harbour/{source}")), "{k}: {url}");
    }
    assert_eq!(count(&desk, "articles").await, n as i64);
    // Every stored article has its sentences and its quote.
    let bare = crate::support::scalar(
        desk.store(),
        "SELECT count(*) FROM articles a WHERE NOT EXISTS \
         (SELECT 1 FROM sentences s WHERE s.article_id = a.id) \
         OR NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)",
    )
    .await;
    assert_eq!(bare, 0);
}

#[tokio::test]
async fn a_bulk_ingest_of_nothing_is_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    assert!(desk.ingest_bulk(Scope::Local, Vec::new()).await.is_empty());
    assert_eq!(count(&desk, "articles").await, 0);
}

/// People the concurrent writers' articles share, so that their transactions lock the same
/// entity, name, story and posting rows.
const PEOPLE: [&str; 6] = [
    "Mina Okafor",
    "Tomas Reed",
    "Ines Vale",
    "Alan Pryce",
    "Nora Hale",
    "Lena Ortiz",
];

/// Writer `w`'s `k`th article: two of the shared people, met in another order by each writer.
fn shared(w: usize, k: usize) -> Source {
    let step = if w.is_multiple_of(2) {
        k
    } else {
        PEOPLE.len() * 4 - k
    };
    let (a, b) = (
        PEOPLE[(step + w) % PEOPLE.len()],
        PEOPLE[(step + w + 1) % PEOPLE.len()],
    );
    Source::Text {
        text: format!(
            "Harbour board session {w}-{k}\nThe Lowmoor harbour board met for session {w}-{k} on \
             Tuesday. \"We voted on the ferry fares today,\" said chair {a}. {b} said the board \
             would meet {a} again about the harbour bridge and the ferry fares."
        ),
        url: Some(format!("https://news.example/board/{w}/{k}")),
    }
}

/// Four bulk ingests at once over articles that share people and a story: every article is
/// stored whole, none fails, and on PostgreSQL no transaction deadlocked (its batches used to
/// lock shared rows article after article, in another order in each writer).
#[tokio::test]
async fn concurrent_bulk_ingests_of_shared_people_store_everything_without_deadlocks() {
    const WRITERS: usize = 4;
    const EACH: usize = 12;
    for db in crate::support::engines().await {
        db.announce("concurrent_bulk_ingests_of_shared_people_store_everything_without_deadlocks");
        let desk = db.desk().await;
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let desk = desk.clone();
                tokio::spawn(async move {
                    let sources = (0..EACH).map(|k| shared(w, k)).collect();
                    desk.ingest_bulk(Scope::Local, sources).await
                })
            })
            .collect();
        for writer in writers {
            for (k, result) in writer.await.unwrap().into_iter().enumerate() {
                assert!(
                    matches!(result, Ok(Ingested::Stored { .. })),
                    "{k}: {result:?}"
                );
            }
        }
        assert_eq!(count(&desk, "articles").await, (WRITERS * EACH) as i64);
        let bare = crate::support::scalar(
            desk.store(),
            "SELECT count(*) FROM articles a WHERE NOT EXISTS \
             (SELECT 1 FROM article_entities e WHERE e.article_id = a.id) \
             OR NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id) \
             OR NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)",
        )
        .await;
        assert_eq!(bare, 0, "every article whole");
        let people = crate::support::scalar(
            desk.store(),
            "SELECT count(*) FROM entities WHERE kind = 'person'",
        )
        .await;
        assert_eq!(people, PEOPLE.len() as i64, "one entity a person");
        if db.is_postgres() {
            // The server counts deadlocks per database once its backends report (at the latest
            // when they exit): close the pool, give them a moment, then read the count.
            desk.store().close().await;
            drop(desk);
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            let store = db.store().await;
            let deadlocks = crate::support::scalar(
                &store,
                "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()",
            )
            .await;
            assert_eq!(deadlocks, 0, "writers deadlocked");
            store.close().await;
        }
    }
}
