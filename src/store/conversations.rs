//! Conversations with the bot: one small state document per thread (or channel and user), so a
//! follow-up still knows what "he" or "that article" meant after a restart.
//!
//! The store keeps the document opaque (the Discord front-end owns its shape) and keeps the table
//! bounded: a row older than the expiry is never returned, and every write prunes dead rows and
//! the oldest ones beyond a cap.

use super::Store;
use crate::error::{Error, Result};
use crate::model::Scope;
use sqlx::Row;

/// Largest state document, in bytes; the table refuses bigger ones too.
pub const MAX_STATE_BYTES: usize = 16 * 1024;

/// A conversation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationRow {
    pub scope: Scope,
    /// The front-end's state document.
    pub state: String,
    /// Unix seconds of the last turn.
    pub updated_at: i64,
}

impl Store {
    /// The conversation `key`, unless its last turn is older than `not_before` (unix seconds).
    pub async fn conversation(
        &self,
        key: &str,
        not_before: i64,
    ) -> Result<Option<ConversationRow>> {
        let row = sqlx::query(
            "SELECT scope, state, updated_at FROM conversations WHERE key = $1 AND updated_at >= $2",
        )
        .bind(key)
        .bind(not_before)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let scope: String = row.get("scope");
        let scope = scope
            .parse()
            .map_err(|e| Error::Internal(format!("conversation {key}: {e}")))?;
        Ok(Some(ConversationRow {
            scope,
            state: row.get("state"),
            updated_at: row.get("updated_at"),
        }))
    }

    /// Write conversation `key`, then drop every conversation older than `not_before` and the
    /// oldest beyond `keep` rows, in one transaction.
    pub async fn save_conversation(
        &self,
        key: &str,
        row: &ConversationRow,
        not_before: i64,
        keep: usize,
    ) -> Result<()> {
        if row.state.len() > MAX_STATE_BYTES {
            return Err(Error::Internal(format!(
                "conversation state of {} bytes (at most {MAX_STATE_BYTES})",
                row.state.len()
            )));
        }
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO conversations (key, scope, state, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET scope = excluded.scope, state = excluded.state, \
             updated_at = excluded.updated_at",
        )
        .bind(key)
        .bind(row.scope.to_string())
        .bind(&row.state)
        .bind(row.updated_at)
        .execute(&mut *tx)
        .await?;
        prune(&mut tx, not_before, keep).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Drop conversations older than `not_before` and the oldest beyond `keep` rows; returns how
    /// many went.
    pub async fn prune_conversations(&self, not_before: i64, keep: usize) -> Result<u64> {
        let mut tx = self.write_tx().await?;
        let gone = prune(&mut tx, not_before, keep).await?;
        tx.commit().await?;
        Ok(gone)
    }

    /// How many conversations are stored (live or not yet pruned).
    pub async fn conversation_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT count(*) FROM conversations")
            .fetch_one(&self.pool)
            .await?)
    }
}

async fn prune(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    not_before: i64,
    keep: usize,
) -> Result<u64> {
    let expired = sqlx::query("DELETE FROM conversations WHERE updated_at < $1")
        .bind(not_before)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    // The newest `keep` stay; ties on the second broken by key so the cut is stable.
    let over = sqlx::query(
        "DELETE FROM conversations WHERE key NOT IN (SELECT key FROM conversations \
         ORDER BY updated_at DESC, key DESC LIMIT $1)",
    )
    .bind(i64::try_from(keep).unwrap_or(i64::MAX))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(expired + over)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(scope: Scope, state: &str, at: i64) -> ConversationRow {
        ConversationRow {
            scope,
            state: state.into(),
            updated_at: at,
        }
    }

    #[tokio::test]
    async fn conversations_expire_and_stay_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("c.db")).await.unwrap();
        let g = Scope::Guild(5);
        store
            .save_conversation("thread:1", &row(g, "{\"a\":1}", 100), 0, 10)
            .await
            .unwrap();
        let got = store.conversation("thread:1", 50).await.unwrap().unwrap();
        assert_eq!(got, row(g, "{\"a\":1}", 100));
        assert!(
            store.conversation("thread:1", 101).await.unwrap().is_none(),
            "older than the expiry"
        );
        // Rewriting replaces; a write prunes the expired and the oldest beyond the cap.
        store
            .save_conversation("thread:1", &row(g, "{\"a\":2}", 200), 0, 10)
            .await
            .unwrap();
        assert_eq!(
            store
                .conversation("thread:1", 0)
                .await
                .unwrap()
                .unwrap()
                .state,
            "{\"a\":2}"
        );
        for (k, at) in [("reply:2:3", 210), ("reply:2:4", 220), ("thread:9", 230)] {
            store
                .save_conversation(k, &row(Scope::User(3), "{}", at), 0, 3)
                .await
                .unwrap();
        }
        assert_eq!(store.conversation_count().await.unwrap(), 3);
        assert!(
            store.conversation("thread:1", 0).await.unwrap().is_none(),
            "the oldest went"
        );
        store
            .save_conversation("thread:10", &row(g, "{}", 300), 225, 100)
            .await
            .unwrap();
        assert_eq!(store.conversation_count().await.unwrap(), 2, "expired went");
        assert_eq!(store.prune_conversations(1000, 100).await.unwrap(), 2);
        let big = "x".repeat(MAX_STATE_BYTES + 1);
        assert!(
            store
                .save_conversation("thread:11", &row(g, &big, 300), 0, 10)
                .await
                .is_err()
        );
    }
}
