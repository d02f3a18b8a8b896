//! The store on a real SQLite file: migrations on an empty file, forget cascades.

use newsdesk::analysis;
use newsdesk::ingest::Source;
use newsdesk::model::Scope;
use newsdesk::{Config, Newsdesk};

async fn desk(dir: &tempfile::TempDir) -> Newsdesk {
    let mut config = Config::default();
    config.database.path = dir.path().join("nested/dir/test.db");
    Newsdesk::open(config).await.expect("open")
}

async fn count(desk: &Newsdesk, table: &str) -> i64 {
    crate::support::scalar(desk.store(), &format!("SELECT count(*) FROM {table}")).await
}

#[tokio::test]
async fn migrations_create_every_table_on_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    for table in crate::support::STORE_TABLES {
        assert_eq!(count(&desk, table).await, 0, "{table}");
    }
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(desk.store().pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(desk.store().pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    // Opening again is a no-op.
    drop(desk);
    let again = self::desk(&dir).await;
    assert_eq!(count(&again, "articles").await, 0);
}

#[tokio::test]
async fn forget_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    let text = "Port authority approves expansion\nThe Lowmoor Port Authority approved the expansion on Friday. \
                \"This is a good day for the region,\" said director Alan Pryce. Pryce said work would begin in May.";
    let outcome = desk
        .ingest(
            Scope::Local,
            Source::Text {
                text: text.into(),
                url: None,
            },
            &|_| {},
        )
        .await
        .unwrap();
    let id = outcome.article().id;
    assert!(count(&desk, "sentences").await > 0);
    assert!(count(&desk, "quotes").await > 0);
    let analysed = analysis::analyze(text, 3);
    assert_eq!(
        count(&desk, "sentences").await as usize,
        analysed.sentences.len()
    );

    desk.forget(Scope::Local, id).await.unwrap();
    for table in [
        "articles",
        "sentences",
        "entities",
        "article_entities",
        "entity_aliases",
        "mentions",
        "quotes",
    ] {
        assert_eq!(count(&desk, table).await, 0, "{table} emptied");
    }
    let fts_hits: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'expansion'",
    )
    .fetch_one(desk.store().pool())
    .await
    .unwrap();
    assert_eq!(fts_hits, 0, "FTS rows removed");
    let fts_hits: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'expansion'",
    )
    .fetch_one(desk.store().pool())
    .await
    .unwrap();
    assert_eq!(fts_hits, 0, "article FTS rows removed");
}
