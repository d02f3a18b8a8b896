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

/// Where one test keeps its store: a SQLite file in its own temp dir, or a fresh database of
/// the PostgreSQL server `NEWSDESK_TEST_PG_URL` names.
pub struct TestDb {
    pub engine: newsdesk::store::Engine,
    pub config: newsdesk::config::DatabaseConfig,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// The default configuration, with this database.
    pub fn config(&self) -> newsdesk::Config {
        let mut config = newsdesk::Config::default();
        config.database = self.config.clone();
        config
    }

    pub async fn desk(&self) -> newsdesk::Newsdesk {
        newsdesk::Newsdesk::open(self.config()).await.expect("open")
    }

    pub async fn store(&self) -> newsdesk::store::Store {
        newsdesk::store::Store::open_with(&self.config)
            .await
            .expect("open")
    }

    pub fn is_postgres(&self) -> bool {
        self.engine == newsdesk::store::Engine::Postgres
    }

    /// Tables an ingest writes to on this engine (SQLite's full-text tables included).
    pub fn store_tables(&self) -> Vec<&'static str> {
        STORE_TABLES
            .iter()
            .copied()
            .filter(|t| !(self.is_postgres() && t.ends_with("_fts")))
            .collect()
    }
}

/// The PostgreSQL server for tests, when one is configured.
pub const PG_URL_VAR: &str = "NEWSDESK_TEST_PG_URL";
/// Set (by `.ci/run`) to make a missing PostgreSQL URL a failure instead of a skip.
pub const PG_REQUIRED_VAR: &str = "NEWSDESK_TEST_PG_REQUIRED";

/// A SQLite store in a fresh temp dir.
pub fn sqlite_db() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let config = newsdesk::config::DatabaseConfig {
        path: dir.path().join("test.db"),
        ..Default::default()
    };
    TestDb {
        engine: newsdesk::store::Engine::Sqlite,
        config,
        _dir: Some(dir),
    }
}

/// A fresh, empty PostgreSQL database for one test, or None (with one line said once per run)
/// when no server is configured.
pub async fn postgres_db() -> Option<TestDb> {
    use sqlx::Connection;
    static SAID: std::sync::Once = std::sync::Once::new();
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let Ok(admin) = std::env::var(PG_URL_VAR) else {
        if std::env::var_os(PG_REQUIRED_VAR).is_some() {
            panic!("{PG_REQUIRED_VAR} is set but {PG_URL_VAR} is not");
        }
        SAID.call_once(|| {
            eprintln!("skipping the PostgreSQL runs of the store tests: {PG_URL_VAR} is not set");
        });
        return None;
    };
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("newsdesk_test_{}_{n}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to NEWSDESK_TEST_PG_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let mut url = url::Url::parse(&admin).expect("NEWSDESK_TEST_PG_URL is a URL");
    url.set_path(&format!("/{name}"));
    let config = newsdesk::config::DatabaseConfig {
        url: url.to_string(),
        ..Default::default()
    };
    Some(TestDb {
        engine: newsdesk::store::Engine::Postgres,
        config,
        _dir: None,
    })
}

/// The databases a store test runs on: SQLite always, PostgreSQL when configured.
pub async fn engines() -> Vec<TestDb> {
    let mut out = vec![sqlite_db()];
    out.extend(postgres_db().await);
    out
}

impl TestDb {
    /// One line naming the test and engine, shown with a failure's output.
    pub fn announce(&self, test: &str) {
        println!("{test} on {:?}", self.engine);
    }
}
