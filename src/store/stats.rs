//! What the store holds and whether it answers: counts for `/metrics` and `bench`, a ping for
//! `/health`, the database's size.

use super::{Engine, Store};
use crate::error::{Error, Result};
use crate::model::Scope;

/// What the store holds (all scopes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StoreStats {
    pub articles: i64,
    pub entities: i64,
    pub quotes: i64,
    /// Pages in use times page size: the database's logical size (the WAL excluded).
    pub database_bytes: i64,
}

impl Store {
    /// Counts kept by triggers (migration 0005), so a scrape costs a few row reads however big
    /// the store is.
    pub async fn stats(&self) -> Result<StoreStats> {
        // One row a table on SQLite, several on PostgreSQL (see its migration): summed.
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT name, CAST(sum(n) AS BIGINT) FROM store_counts GROUP BY name")
                .fetch_all(self.pool())
                .await?;
        let count = |table: &str| {
            rows.iter()
                .find(|(name, _)| name == table)
                .map_or(0, |(_, n)| *n)
        };
        Ok(StoreStats {
            articles: count("articles"),
            entities: count("entities"),
            quotes: count("quotes"),
            database_bytes: self.database_bytes().await?,
        })
    }

    /// Pages in use times page size (SQLite); the database's size on disk (PostgreSQL).
    pub async fn database_bytes(&self) -> Result<i64> {
        let sql = self.engine.pick(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            "SELECT pg_database_size(current_database())",
        );
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(self.pool())
            .await?)
    }

    /// `Ok` when the database answers a trivial query.
    pub async fn ping(&self) -> Result<()> {
        match sqlx::query_scalar::<_, i64>("SELECT CAST(1 AS BIGINT)")
            .fetch_one(self.pool())
            .await?
        {
            1 => Ok(()),
            _ => Err(Error::Internal("unexpected answer to SELECT 1".into())),
        }
    }

    /// Ids of the articles of `scope`, oldest first.
    pub async fn article_ids(&self, scope: Scope) -> Result<Vec<i64>> {
        Ok(
            sqlx::query_scalar("SELECT id FROM articles WHERE scope = $1 ORDER BY id")
                .bind(scope.to_string())
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// How many articles `scope` holds (counted, not kept: for tools, not for every request).
    pub async fn article_count(&self, scope: Scope) -> Result<usize> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM articles WHERE scope = $1")
            .bind(scope.to_string())
            .fetch_one(self.pool())
            .await?;
        Ok(n as usize)
    }

    /// Fold the write-ahead log into the database file, so that its size is measured whole.
    /// Nothing to do on PostgreSQL, whose size counts its tables whatever the log holds.
    pub async fn checkpoint(&self) -> Result<()> {
        if self.engine == Engine::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }
}

/// Whether `e` is the database refusing a row that breaks a unique constraint: a concurrent
/// writer stored the same thing first.
pub fn is_unique_violation(e: &Error) -> bool {
    matches!(e, Error::Database(sqlx::Error::Database(d)) if d.is_unique_violation())
}

/// Whether `e` is a PostgreSQL transaction rolled back to break a deadlock or a serialization
/// conflict: the same work, tried again, succeeds.
pub(crate) fn is_transient(e: &Error) -> bool {
    matches!(e, Error::Database(sqlx::Error::Database(d))
        if matches!(d.code().as_deref(), Some("40P01" | "40001")))
}
