//! All SQL lives here. Two engines through sqlx: SQLite (the default, one file: WAL, foreign
//! keys on, a busy timeout) or PostgreSQL (`database.url`), migrations at open for both.
//! Writes take a transaction so an ingest is all or nothing.
//!
//! Most statements are the same text on both engines (`$1` parameters, `ON CONFLICT`,
//! `RETURNING`); where they differ (full text, trigrams, JSON lists, join hints, pragmas) both
//! spellings sit side by side in one [`Engine::pick`].
//!
//! Why `sqlx::Any` rather than an enum of pools: the store's values are integers, floats, text
//! and bytes, all of which `Any` carries, and one pool type lets every function keep one body
//! (an enum would need each query written, or macro-expanded, once per pool). What `Any` lacks
//! (arrays, typed JSON) the SQL does without: lists are spelled out or passed as JSON text.

mod articles;
mod backup;
mod conversations;
mod copy;
mod entities;
mod export;
mod feeds;
mod fts;
mod names;
mod postings;
mod quotes;
mod search;
mod stats;
mod stories;

pub use articles::{Listed, NewArticle, StoredArticle, fts_query};
pub use backup::BackupError;
pub use conversations::{ConversationRow, MAX_STATE_BYTES};
pub use copy::{CopyEvent, CopySummary, copy};
pub use entities::{Candidate, NameFilter, SpokenQuote};
pub use export::{ExportRecord, FORMAT_VERSION, ImportError, ImportOutcome};
pub use feeds::{EntryRow, FeedCounts, FeedMode, FeedRow, NewEntry, NewFeed, PollUpdate};
pub use names::fold;
pub use quotes::{QuoteRow, QuoteSpan};
pub use search::{MentionRow, SentenceRow};
pub use stats::{StoreStats, is_unique_violation};
pub use stories::{Placement, StoryQuote, StoryRow, StorySentence};

use crate::config::{DatabaseConfig, DatabaseTarget};
use crate::error::Result;
use sqlx::any::{AnyArguments, AnyPoolOptions};
use sqlx::{Any, AnyPool, Arguments, Encode, Executor, Type};
use std::path::Path;
use std::sync::Once;

/// Which database a store talks to. Only the few statements that differ match on it; the
/// query layer above the store never sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The statement for this engine: both spellings side by side at the call site.
    pub(crate) fn pick<'a>(self, sqlite: &'a str, postgres: &'a str) -> &'a str {
        match self {
            Engine::Sqlite => sqlite,
            Engine::Postgres => postgres,
        }
    }

    /// An inner join whose order is fixed: SQLite's `CROSS JOIN` is its planner hint (the left
    /// table drives the loop); PostgreSQL refuses `CROSS JOIN … ON` and orders joins itself.
    pub(crate) fn join(self) -> &'static str {
        self.pick("CROSS JOIN", "JOIN")
    }

    /// The engine behind a connection (or a transaction), from its driver's name.
    pub(crate) fn of(conn: &sqlx::AnyConnection) -> Engine {
        match conn.backend_name() {
            "PostgreSQL" => Engine::Postgres,
            _ => Engine::Sqlite,
        }
    }

    /// `col` is one of `ids`, in SQL. SQLite: the integers written in (from the database only,
    /// never typed text). PostgreSQL: `col = ANY($n)` with the list bound as one array (see
    /// [`IdSet::param`]), so that one statement text serves every list and is planned once per
    /// connection: a text per list was parsed, planned and prepared anew each call (1-3 ms).
    pub(crate) fn id_set(self, col: &str, ids: &[i64], n: usize) -> IdSet {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        match self {
            Engine::Sqlite => IdSet {
                sql: format!("{col} IN ({list})"),
                param: None,
            },
            Engine::Postgres => IdSet {
                sql: format!("{col} = ANY(CAST(${n} AS BIGINT[]))"),
                param: Some(format!("{{{list}}}")),
            },
        }
    }

    /// The rows of a JSON array of strings (`expr` is a parameter or a column), as a table
    /// whose one column is `value`.
    pub(crate) fn json_texts(self, expr: &str) -> String {
        match self {
            Engine::Sqlite => format!("json_each({expr})"),
            Engine::Postgres => format!("jsonb_array_elements_text(CAST({expr} AS jsonb))"),
        }
    }
}

/// An id list in a statement (see [`Engine::id_set`]).
#[derive(Debug)]
pub(crate) struct IdSet {
    /// The condition, to format into the statement.
    pub sql: String,
    /// The array literal to bind as its parameter, PostgreSQL only (bound last: SQLite's
    /// statement has no such parameter).
    pub param: Option<String>,
}

/// A handle on the database; cheap to clone.
///
/// One pool type for both engines (`sqlx::Any`): the SQL they share (most of it, written with
/// `$1` parameters, which SQLite reads too) is written once.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    /// Where write transactions run: on SQLite a pool of one connection of its own, on
    /// PostgreSQL the same pool. See [`Store::write_tx`].
    writer: AnyPool,
    engine: Engine,
    /// Word counts already made for the data as it stands (PostgreSQL; see
    /// [`search::TermCounts`]).
    term_counts: std::sync::Arc<std::sync::Mutex<search::TermCounts>>,
}

/// The page cache of SQLite's writing connection, in KiB: a bulk transaction touches thousands
/// of scattered pages (indexes, full text, story postings), and the pages it reads again in the
/// next transaction (those still in the WAL, or past the memory map) stay at hand. Readers keep
/// SQLite's default: they read through the memory map.
const WRITER_CACHE_KIB: u32 = 64 * 1024;
/// WAL pages after which the writer's commit copies the WAL into the database file (SQLite's
/// default is 1,000). A bulk transaction alone writes several thousand, so the default copied and
/// synced after every one; a longer WAL rewrites the pages every batch touches (index roots,
/// counters, busy stories) once for several batches.
const WRITER_WAL_PAGES: u32 = 16 * 1024;

impl Store {
    /// Open (creating the file and its directory if needed) and migrate the SQLite database at
    /// `path`, with the default settings.
    pub async fn open(path: &Path) -> Result<Store> {
        Store::open_with(&DatabaseConfig {
            path: path.to_path_buf(),
            ..DatabaseConfig::default()
        })
        .await
    }

    /// Open the database `config` names (a SQLite file, or a PostgreSQL URL), with its settings.
    pub async fn open_with(config: &DatabaseConfig) -> Result<Store> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let target = config
            .target()
            .map_err(|e| crate::Error::Internal(e.to_string()))?;
        match target {
            DatabaseTarget::Sqlite(path) => Store::open_sqlite(&path, config.mmap_mib).await,
            DatabaseTarget::Postgres(url) => Store::open_postgres(&url).await,
        }
    }

    async fn open_sqlite(path: &Path, mmap_mib: u32) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| crate::Error::File {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        let absolute = std::path::absolute(path).map_err(|e| crate::Error::File {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let url = format!("sqlite://{}?mode=rwc", url_path(&absolute));
        let mmap = u64::from(mmap_mib) << 20;
        // Per connection, before it is used: WAL, foreign keys on, a busy timeout.
        let options = move |connections: u32, writer: bool| {
            AnyPoolOptions::new()
                .max_connections(connections)
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        let mut pragmas = vec![
                            "PRAGMA journal_mode = WAL".to_string(),
                            "PRAGMA synchronous = NORMAL".to_string(),
                            "PRAGMA foreign_keys = ON".to_string(),
                            "PRAGMA busy_timeout = 10000".to_string(),
                            format!("PRAGMA mmap_size = {mmap}"),
                            // Statement journals and sorters in memory: on disk, each multi-row
                            // write of an ingest created, filled and unlinked a file in /var/tmp.
                            "PRAGMA temp_store = MEMORY".to_string(),
                        ];
                        if writer {
                            pragmas.push(format!("PRAGMA cache_size = -{WRITER_CACHE_KIB}"));
                            pragmas.push(format!("PRAGMA wal_autocheckpoint = {WRITER_WAL_PAGES}"));
                        }
                        for pragma in pragmas {
                            conn.execute(sqlx::AssertSqlSafe(pragma)).await?;
                        }
                        Ok(())
                    })
                })
        };
        let pool = options(8, false).connect(&url).await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        backfill_names(&pool).await?;
        postings::pack_story_terms(&pool, Engine::Sqlite).await?;
        // One connection for all writes. A connection that begins a transaction after another
        // one wrote drops its page cache and unmaps its whole memory map (SQLite's rule in WAL
        // mode), then faults each page in again: with writes dealt round the pool, `munmap` and
        // those faults were an ingest's largest kernel costs at 100k articles. The writer only
        // ever sees its own writes.
        let writer = options(1, true).connect(&url).await?;
        Ok(Store {
            pool,
            writer,
            engine: Engine::Sqlite,
            term_counts: Default::default(),
        })
    }

    async fn open_postgres(url: &str) -> Result<Store> {
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            // sqlx pings a connection each time it leaves the pool: a round trip more for every
            // statement of the store, and an ingest's transactions, a question's dozen reads.
            // A connection the server dropped fails its next statement instead, and is
            // replaced.
            .test_before_acquire(false)
            // The store's statements are short, yet at 100k articles the planner's cost of a
            // few passes PostgreSQL's JIT threshold, and compiling one took longer than running
            // it. Parallel workers alike: a lookup's plan past the parallel thresholds (a word
            // in a thousand sentences) waited 12-25 ms for a worker to start, then ran in 5-8 ms
            // alone. Both off for this pool's sessions only.
            .after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("SET jit = off").await?;
                    conn.execute("SET max_parallel_workers_per_gather = 0")
                        .await?;
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        postings::pack_story_terms(&pool, Engine::Postgres).await?;
        Ok(Store {
            writer: pool.clone(),
            pool,
            engine: Engine::Postgres,
            term_counts: Default::default(),
        })
    }

    /// The engine behind this store (for tools and tests that report it).
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The connection pool: SQL stays inside this module.
    fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The pool, for integration tests that inspect the database (pragmas, raw counts).
    /// Not for the code above the store: its queries go through the functions here.
    #[doc(hidden)]
    pub fn inspect_pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`).
    ///
    /// A deferred transaction that reads first and writes later cannot wait for the lock: in WAL
    /// mode SQLite answers "database is locked" at once when another writer committed in
    /// between, so concurrent ingests would fail instead of queueing on the busy timeout.
    /// PostgreSQL locks rows, not the database: its writers run side by side, and the unique
    /// constraints decide between two that store the same thing. SQLite's writers queue for
    /// its one writing connection (see [`Store::open_with`]).
    pub async fn write_tx(&self) -> Result<sqlx::Transaction<'static, Any>> {
        Ok(match self.engine {
            Engine::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => self.writer.begin().await?,
        })
    }

    /// Close all connections (checkpoints the WAL).
    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }
}

/// A path as the path of a `sqlite://` URL: bytes other than a few safe ones percent-encoded
/// (sqlx decodes them), so `?`, `#`, `%` and spaces in a file name stay part of it.
fn url_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/._-".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A statement assembled from pieces with numbered (`$n`) parameters, which both engines read
/// (sqlx's own `QueryBuilder` writes `?` for `Any`, which PostgreSQL refuses).
pub(crate) struct Sql {
    text: String,
    args: AnyArguments,
    error: Option<sqlx::error::BoxDynError>,
}

impl Sql {
    pub(crate) fn new(head: &str) -> Sql {
        Sql {
            text: head.to_string(),
            args: AnyArguments::default(),
            error: None,
        }
    }

    /// Append SQL text (never user input: that is bound).
    pub(crate) fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Bind `value` and append its placeholder.
    pub(crate) fn bind<'q, T: Encode<'q, Any> + Type<Any> + 'q>(&mut self, value: T) -> &mut Sql {
        if let Err(e) = self.args.add(value) {
            self.error.get_or_insert(e);
        }
        let n = self.args.len();
        self.text.push_str(&format!("${n}"));
        self
    }

    /// `(a, b), (c, d)`: one parenthesised group per row, filled by `row`, which binds with
    /// [`Sql::bind`] and separates values with [`Sql::comma`].
    pub(crate) fn values<T>(&mut self, rows: &[T], mut row: impl FnMut(&mut Sql, &T)) -> &mut Sql {
        for (i, r) in rows.iter().enumerate() {
            self.push(if i == 0 { "VALUES (" } else { ", (" });
            row(self, r);
            self.push(")");
        }
        self
    }

    /// A comma-separated list of bound values (inside `IN (...)`).
    pub(crate) fn list<T>(&mut self, items: &[T]) -> &mut Sql
    where
        for<'q> T: Clone + Encode<'q, Any> + Type<Any> + 'q,
    {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(item.clone());
        }
        self
    }

    pub(crate) fn comma(&mut self) -> &mut Sql {
        self.push(", ")
    }

    /// The statement, ready to run (or the error a value gave when it was bound).
    pub(crate) fn build(self) -> Result<sqlx::query::Query<'static, Any, AnyArguments>> {
        match self.error {
            Some(e) => Err(sqlx::Error::Encode(e).into()),
            None => Ok(sqlx::query_with(sqlx::AssertSqlSafe(self.text), self.args)),
        }
    }
}

/// Fill `entity_names` (migration 0002) for a store written before it existed. Folding needs
/// Unicode normalisation, so it runs here rather than in SQL; a no-op once done.
async fn backfill_names(pool: &AnyPool) -> Result<()> {
    let needed: i64 = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM entity_aliases) AND NOT EXISTS (SELECT 1 FROM entity_names)",
    )
    .fetch_one(pool)
    .await?;
    if needed == 0 {
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
            "INSERT INTO entity_names (entity_id, alias, alias_key, fold) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING",
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

#[cfg(test)]
mod tests {
    use super::Engine;

    #[test]
    fn id_sets_are_written_in_for_sqlite_and_bound_for_postgres() {
        let sqlite = Engine::Sqlite.id_set("id", &[3, -1, 42], 2);
        assert_eq!(sqlite.sql, "id IN (3,-1,42)");
        assert_eq!(sqlite.param, None);
        let pg = Engine::Postgres.id_set("a.id", &[3, -1, 42], 2);
        assert_eq!(pg.sql, "a.id = ANY(CAST($2 AS BIGINT[]))");
        assert_eq!(pg.param.as_deref(), Some("{3,-1,42}"));
    }
}
