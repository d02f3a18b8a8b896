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
