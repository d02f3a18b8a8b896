//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared` beside the checkout, when present (CI has it; a bare clone may not).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

/// Like [`shared_dir`], but prints why a test is skipped when it is absent.
pub fn shared_or_skip(test: &str) -> Option<PathBuf> {
    let dir = shared_dir();
    if dir.is_none() {
        eprintln!("skipping {test}: ../shared is not beside the checkout");
    }
    dir
}

/// Every table an ingest writes to, FTS indexes included: what forget, import and migration
/// tests count.
pub const STORE_TABLES: [&str; 9] = [
    "articles",
    "sentences",
    "entities",
    "article_entities",
    "entity_aliases",
    "mentions",
    "quotes",
    "articles_fts",
    "sentences_fts",
];

/// The single integer a test query returns (`SELECT count(*) ...`).
pub async fn scalar(store: &newsdesk::store::Store, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(store.pool())
        .await
        .unwrap()
}
