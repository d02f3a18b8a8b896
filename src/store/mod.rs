//! All SQL lives here. SQLite through sqlx: WAL, foreign keys on, a busy timeout, migrations at
//! open. Writes take a transaction so an ingest is all or nothing.

mod articles;
mod backup;
mod conversations;
mod entities;
mod export;
mod feeds;
mod names;
mod quotes;
mod search;
mod stats;
mod stories;

pub use articles::{NewArticle, StoredArticle, fts_query};
pub use backup::BackupError;
pub use conversations::{ConversationRow, MAX_STATE_BYTES};
pub use entities::{Candidate, NameFilter, SpokenQuote};
pub use export::{ExportRecord, FORMAT_VERSION, ImportError, ImportOutcome};
pub use feeds::{EntryRow, FeedCounts, FeedMode, FeedRow, NewEntry, NewFeed, PollUpdate};
pub use names::fold;
pub use quotes::QuoteRow;
pub use search::{MentionRow, SentenceRow};
pub use stats::{StoreStats, is_unique_violation};
pub use stories::{Placement, StoryQuote, StoryRow, StorySentence};

use crate::config::DatabaseConfig;
use crate::error::Result;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::time::Duration;

/// A handle on the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Open (creating the file and its directory if needed) and migrate the database at `path`,
    /// with the default settings.
    pub async fn open(path: &Path) -> Result<Store> {
        Store::open_with(&DatabaseConfig {
            path: path.to_path_buf(),
            ..DatabaseConfig::default()
        })
        .await
    }

    /// Open the database `config` names, with its settings.
    pub async fn open_with(config: &DatabaseConfig) -> Result<Store> {
        let path = config.path.as_path();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| crate::Error::File {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("mmap_size", (u64::from(config.mmap_mib) << 20).to_string());
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        backfill_names(&pool).await?;
        Ok(Store { pool })
    }

    /// The connection pool: SQL stays inside this module.
    fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The SQLite pool, for integration tests that inspect the file (pragmas, raw counts).
    /// Not for the code above the store: its queries go through the functions here.
    #[doc(hidden)]
    pub fn inspect_pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A write transaction that takes SQLite's write lock at once (`BEGIN IMMEDIATE`).
    ///
    /// A deferred transaction that reads first and writes later cannot wait for the lock: in WAL
    /// mode SQLite answers "database is locked" at once when another writer committed in
    /// between, so concurrent ingests would fail instead of queueing on the busy timeout.
    pub async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Close all connections (checkpoints the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Fill `entity_names` (migration 0002) for a store written before it existed. Folding needs
/// Unicode normalisation, so it runs here rather than in SQL; a no-op once done.
async fn backfill_names(pool: &SqlitePool) -> Result<()> {
    let needed: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM entity_aliases) AND NOT EXISTS (SELECT 1 FROM entity_names)",
    )
    .fetch_one(pool)
    .await?;
    if !needed {
        return Ok(());
    }
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT entity_id, min(alias), alias_key FROM entity_aliases GROUP BY entity_id, alias_key",
    )
    .fetch_all(pool)
    .await?;
    let mut tx = pool.begin().await?;
    for (entity, alias, key) in rows {
        let folded = fold(&alias);
        if folded.is_empty() {
            continue;
        }
        sqlx::query(
            "INSERT OR IGNORE INTO entity_names (entity_id, alias, alias_key, fold) VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(entity)
        .bind(alias)
        .bind(key)
        .bind(folded)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
