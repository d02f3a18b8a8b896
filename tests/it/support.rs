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
        .fetch_one(store.inspect_pool())
        .await
        .unwrap()
}

/// Serves `app` on a loopback port; returns its address.
pub async fn serve_loopback(app: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// Writes `guard.toml` into `dir`: the fetch guard stays on and lets only loopback through (the
/// fixture server's own address), for runs of the real binary with `--config guard.toml`.
pub fn write_loopback_guard(dir: &std::path::Path) {
    std::fs::write(
        dir.join("guard.toml"),
        "[fetch]\nallow_private_networks = false\nallow_cidrs = [\"127.0.0.1/32\"]\n",
    )
    .unwrap();
}
