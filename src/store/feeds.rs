//! Feed subscriptions and the entries each feed has shown (migration 0007).

use super::Store;
use crate::error::{Error, Result};
use crate::model::{ArticleId, Scope};
use crate::shards::ShardRange;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// How a feed's new articles reach its channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedMode {
    /// One post per new article.
    Each,
    /// One grouped post a day at `feeds.digest_hour`.
    Digest,
}

impl FeedMode {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedMode::Each => "each",
            FeedMode::Digest => "digest",
        }
    }

    pub fn parse(s: &str) -> Option<FeedMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "each" | "post" | "posts" => Some(FeedMode::Each),
            "digest" | "daily" => Some(FeedMode::Digest),
            _ => None,
        }
    }
}

/// A subscription as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedRow {
    pub id: i64,
    pub scope: Scope,
    pub url: String,
    pub channel_id: u64,
    pub mode: FeedMode,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub paused: bool,
    #[serde(skip)]
    pub etag: Option<String>,
    #[serde(skip)]
    pub last_modified: Option<String>,
    pub primed: bool,
    /// Unix seconds.
    pub next_poll_at: i64,
    pub last_polled_at: Option<i64>,
    pub failures: u32,
    pub last_error: Option<String>,
    pub digest_day: Option<String>,
    pub created_at: i64,
}

/// A subscription to store.
#[derive(Debug, Clone)]
pub struct NewFeed<'a> {
    pub scope: Scope,
    pub url: &'a str,
    pub channel_id: u64,
    pub mode: FeedMode,
    pub title: Option<&'a str>,
    pub site_url: Option<&'a str>,
    pub now: i64,
}

/// What a poll learned, written back in one statement.
#[derive(Debug, Clone, Default)]
pub struct PollUpdate {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub primed: bool,
    pub next_poll_at: i64,
    pub last_polled_at: i64,
    pub failures: u32,
    pub last_error: Option<String>,
}

/// An entry a feed has shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryRow {
    pub feed_id: i64,
    pub key: String,
    pub link: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub state: String,
    pub attempts: u32,
    pub error: Option<String>,
    pub article_id: Option<ArticleId>,
}

/// An entry to remember.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub key: &'a str,
    pub link: Option<&'a str>,
    pub title: Option<&'a str>,
    pub published: Option<String>,
    /// `seen` on the first poll, else `pending`.
    pub state: &'a str,
}

/// Counts shown by `/feed list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FeedCounts {
    pub posted: u32,
    pub pending: u32,
    pub skipped: u32,
    /// The latest skipped entry's title (or link) and why.
    pub last_skipped: Option<(String, String)>,
}

const FEED_COLUMNS: &str = "id, scope, url, channel_id, mode, title, site_url, paused, etag, \
    last_modified, primed, next_poll_at, last_polled_at, failures, last_error, digest_day, created_at";

fn feed_row(row: &AnyRow) -> Result<FeedRow> {
    let scope: String = row.get("scope");
    let mode: String = row.get("mode");
    Ok(FeedRow {
        id: row.get("id"),
        scope: scope
            .parse()
            .map_err(|e| Error::Internal(format!("feed scope: {e}")))?,
        url: row.get("url"),
        channel_id: row.get::<i64, _>("channel_id") as u64,
        mode: FeedMode::parse(&mode).unwrap_or(FeedMode::Each),
        title: row.get("title"),
        site_url: row.get("site_url"),
        paused: row.get::<i64, _>("paused") != 0,
        etag: row.get("etag"),
        last_modified: row.get("last_modified"),
        primed: row.get::<i64, _>("primed") != 0,
        next_poll_at: row.get("next_poll_at"),
        last_polled_at: row.get("last_polled_at"),
        failures: row.get::<i64, _>("failures") as u32,
        last_error: row.get("last_error"),
        digest_day: row.get("digest_day"),
        created_at: row.get("created_at"),
    })
}

fn entry_row(row: &AnyRow) -> EntryRow {
    EntryRow {
        feed_id: row.get("feed_id"),
        key: row.get("key"),
        link: row.get("link"),
        title: row.get("title"),
        published: row.get("published"),
        state: row.get("state"),
        attempts: row.get::<i64, _>("attempts") as u32,
        error: row.get("error"),
        article_id: row.get::<Option<i64>, _>("article_id").map(ArticleId),
    }
}

impl Store {
    /// Store a subscription; `None` when this scope already has it (same URL and channel).
    pub async fn add_feed(&self, feed: &NewFeed<'_>) -> Result<Option<FeedRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO feeds (scope, url, channel_id, mode, title, site_url, next_poll_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
             ON CONFLICT (scope, url, channel_id) DO NOTHING RETURNING {FEED_COLUMNS}"
        )))
        .bind(feed.scope.to_string())
        .bind(feed.url)
        .bind(feed.channel_id as i64)
        .bind(feed.mode.as_str())
        .bind(feed.title)
        .bind(feed.site_url)
        .bind(feed.now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(feed_row).transpose()
    }

    /// How many feeds `scope` has.
    pub async fn feed_count(&self, scope: Scope) -> Result<u32> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM feeds WHERE scope = $1")
            .bind(scope.to_string())
            .fetch_one(&self.pool)
            .await?;
        Ok(n as u32)
    }

    /// The feeds of `scope`, oldest subscription first.
    pub async fn feeds(&self, scope: Scope) -> Result<Vec<FeedRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FEED_COLUMNS} FROM feeds WHERE scope = $1 ORDER BY id"
        )))
        .bind(scope.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(feed_row).collect()
    }

    /// Every feed (of `scope`, or of all scopes), oldest subscription first: for export.
    pub async fn all_feeds(&self, scope: Option<Scope>) -> Result<Vec<FeedRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FEED_COLUMNS} FROM feeds WHERE $1 IS NULL OR scope = $1 ORDER BY id"
        )))
        .bind(scope.map(|s| s.to_string()))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(feed_row).collect()
    }

    /// Feed `id` of `scope`.
    pub async fn feed(&self, scope: Scope, id: i64) -> Result<Option<FeedRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FEED_COLUMNS} FROM feeds WHERE scope = $1 AND id = $2"
        )))
        .bind(scope.to_string())
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(feed_row).transpose()
    }

    /// Unpaused feeds due at `now` (all scopes, or only `scope`; only those `shards` serves,
    /// when given), most overdue first.
    ///
    /// The shard test is in the SQL, not after it, so that the feeds of a process that is down
    /// cannot fill the `limit` of the others: a server's shard is `(id >> 22) % total`, and DMs
    /// and the local store go to the process that runs shard 0 (see [`ShardRange::serves`]).
    pub async fn due_feeds(
        &self,
        scope: Option<Scope>,
        shards: Option<ShardRange>,
        now: i64,
        limit: u32,
    ) -> Result<Vec<FeedRow>> {
        // The id is text after `guild:`; PostgreSQL's bigint would refuse one past 2^63.
        let shard = self.engine.pick(
            "((CAST(substr(scope, 7) AS INTEGER) >> 22) % $4)",
            "(div(CAST(substr(scope, 7) AS NUMERIC), 4194304) % $4)",
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FEED_COLUMNS} FROM feeds WHERE paused = 0 AND next_poll_at <= $1 \
             AND ($2 IS NULL OR scope = $2) \
             AND ($4 IS NULL OR CASE WHEN scope LIKE 'guild:%' \
                  THEN {shard} BETWEEN $5 AND $6 ELSE $5 = 0 END) \
             ORDER BY next_poll_at, id LIMIT $3"
        )))
        .bind(now)
        .bind(scope.map(|s| s.to_string()))
        .bind(i64::from(limit))
        .bind(shards.map(|r| i64::from(r.total())))
        .bind(shards.map_or(0, |r| i64::from(r.first())))
        .bind(shards.map_or(0, |r| i64::from(r.last())))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(feed_row).collect()
    }

    /// Feeds in digest mode (all scopes), for the daily digest.
    pub async fn digest_feeds(&self) -> Result<Vec<FeedRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FEED_COLUMNS} FROM feeds WHERE mode = 'digest' AND paused = 0 ORDER BY id"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(feed_row).collect()
    }

    /// Delete feed `id` of `scope` and everything it remembered.
    pub async fn remove_feed(&self, scope: Scope, id: i64) -> Result<Option<FeedRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM feeds WHERE scope = $1 AND id = $2 RETURNING {FEED_COLUMNS}"
        )))
        .bind(scope.to_string())
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(feed_row).transpose()
    }

    /// Every feed of `scope` (a server that removed the bot), with their entries.
    pub async fn remove_feeds(&self, scope: Scope) -> Result<u64> {
        let done = sqlx::query("DELETE FROM feeds WHERE scope = $1")
            .bind(scope.to_string())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Pause or resume feed `id`; a resumed feed is polled at `now`.
    pub async fn set_feed_paused(
        &self,
        scope: Scope,
        id: i64,
        paused: bool,
        now: i64,
    ) -> Result<Option<FeedRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE feeds SET paused = $3, \
             next_poll_at = CASE WHEN $3 <> 0 OR next_poll_at <= $4 THEN next_poll_at ELSE $4 END, \
             failures = CASE WHEN $3 <> 0 THEN failures ELSE 0 END \
             WHERE scope = $1 AND id = $2 RETURNING {FEED_COLUMNS}"
        )))
        .bind(scope.to_string())
        .bind(id)
        .bind(i64::from(paused))
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(feed_row).transpose()
    }

    /// Pause feed `id` for a reason the members should see (its channel is gone).
    pub async fn pause_feed_because(&self, id: i64, why: &str) -> Result<()> {
        sqlx::query("UPDATE feeds SET paused = 1, last_error = $2 WHERE id = $1")
            .bind(id)
            .bind(why)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Write what a poll of feed `id` learned.
    pub async fn record_poll(&self, id: i64, update: &PollUpdate) -> Result<()> {
        sqlx::query(
            "UPDATE feeds SET etag = $2, last_modified = $3, title = coalesce($4, title), \
             site_url = coalesce($5, site_url), primed = $6, next_poll_at = $7, \
             last_polled_at = $8, failures = $9, last_error = $10 WHERE id = $1",
        )
        .bind(id)
        .bind(&update.etag)
        .bind(&update.last_modified)
        .bind(&update.title)
        .bind(&update.site_url)
        .bind(i64::from(update.primed))
        .bind(update.next_poll_at)
        .bind(update.last_polled_at)
        .bind(i64::from(update.failures))
        .bind(&update.last_error)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Move a feed's next poll (another feed on its host polled too recently).
    pub async fn defer_feed(&self, id: i64, next_poll_at: i64) -> Result<()> {
        sqlx::query("UPDATE feeds SET next_poll_at = $2 WHERE id = $1")
            .bind(id)
            .bind(next_poll_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Remember the entries of one poll (oldest first) that the feed has not shown before (by
    /// key, or by link), in one transaction; returns how many were new.
    pub async fn remember_entries(
        &self,
        feed_id: i64,
        entries: &[NewEntry<'_>],
        now: i64,
    ) -> Result<usize> {
        let mut tx = self.write_tx().await?;
        let mut added = 0;
        for (seq, e) in entries.iter().enumerate() {
            let known: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM (SELECT 1 FROM feed_entries WHERE feed_id = $1 \
                 AND (key = $2 OR ($3 IS NOT NULL AND link = $3)) LIMIT 1) k",
            )
            .bind(feed_id)
            .bind(e.key)
            .bind(e.link)
            .fetch_one(&mut *tx)
            .await?;
            if known > 0 {
                continue;
            }
            sqlx::query(
                "INSERT INTO feed_entries (feed_id, key, link, title, published, state, seen_at, seq) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(feed_id)
            .bind(e.key)
            .bind(e.link)
            .bind(e.title)
            .bind(&e.published)
            .bind(e.state)
            .bind(now)
            .bind(seq as i64)
            .execute(&mut *tx)
            .await?;
            added += 1;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Forget feed `feed_id`'s old entries: all but the newest `keep`, except those the feed
    /// still lists (`present`, matched by key or link, as [`Store::remember_entries`] matches)
    /// and those not dealt with yet (pending or queued). Returns how many were forgotten.
    pub async fn forget_old_entries(
        &self,
        feed_id: i64,
        present: &[NewEntry<'_>],
        keep: u32,
    ) -> Result<u64> {
        let keys = serde_json::to_string(&present.iter().map(|e| e.key).collect::<Vec<_>>())
            .map_err(|e| Error::Internal(e.to_string()))?;
        let links =
            serde_json::to_string(&present.iter().filter_map(|e| e.link).collect::<Vec<_>>())
                .map_err(|e| Error::Internal(e.to_string()))?;
        let mut tx = self.write_tx().await?;
        let (keys_in, links_in) = (self.engine.json_texts("$2"), self.engine.json_texts("$3"));
        let gone = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM feed_entries WHERE feed_id = $1 \
             AND state IN ('seen', 'posted', 'skipped') \
             AND key NOT IN (SELECT value FROM {keys_in}) \
             AND (link IS NULL OR link NOT IN (SELECT value FROM {links_in})) \
             AND key NOT IN (SELECT key FROM feed_entries WHERE feed_id = $1 \
                             ORDER BY seen_at DESC, seq DESC LIMIT $4)"
        )))
        .bind(feed_id)
        .bind(keys)
        .bind(links)
        .bind(i64::from(keep))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(gone)
    }

    /// Entries of feed `id` in `state`, oldest first.
    pub async fn feed_entries(
        &self,
        feed_id: i64,
        state: &str,
        limit: u32,
    ) -> Result<Vec<EntryRow>> {
        let rows = sqlx::query(
            "SELECT feed_id, key, link, title, published, state, attempts, error, article_id \
             FROM feed_entries WHERE feed_id = $1 AND state = $2 \
             ORDER BY seen_at, seq LIMIT $3",
        )
        .bind(feed_id)
        .bind(state)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(entry_row).collect())
    }

    /// Set an entry's state (and the article it became, the attempts and the last error).
    pub async fn set_entry_state(
        &self,
        feed_id: i64,
        key: &str,
        state: &str,
        article: Option<ArticleId>,
        attempts: u32,
        error: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE feed_entries SET state = $3, article_id = coalesce($4, article_id), \
             attempts = $5, error = $6 WHERE feed_id = $1 AND key = $2",
        )
        .bind(feed_id)
        .bind(key)
        .bind(state)
        .bind(article.map(|a| a.0))
        .bind(i64::from(attempts))
        .bind(error)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// After a digest was posted: its entries are posted and the day is recorded, together.
    pub async fn digest_sent(&self, feed_id: i64, keys: &[String], day: &str) -> Result<()> {
        let mut tx = self.write_tx().await?;
        for key in keys {
            sqlx::query("UPDATE feed_entries SET state = 'posted' WHERE feed_id = $1 AND key = $2")
                .bind(feed_id)
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE feeds SET digest_day = $2 WHERE id = $1")
            .bind(feed_id)
            .bind(day)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// What `/feed list` shows beside a feed.
    pub async fn feed_counts(&self, feed_id: i64) -> Result<FeedCounts> {
        let rows = sqlx::query(
            "SELECT state, count(*) AS n FROM feed_entries WHERE feed_id = $1 GROUP BY state",
        )
        .bind(feed_id)
        .fetch_all(&self.pool)
        .await?;
        let mut counts = FeedCounts::default();
        for row in rows {
            let n = row.get::<i64, _>("n") as u32;
            match row.get::<String, _>("state").as_str() {
                "posted" => counts.posted = n,
                "pending" | "queued" => counts.pending += n,
                "skipped" => counts.skipped = n,
                _ => {}
            }
        }
        let last: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT title, link, error FROM feed_entries WHERE feed_id = $1 AND state = 'skipped' \
             ORDER BY seen_at DESC, seq DESC LIMIT 1",
        )
        .bind(feed_id)
        .fetch_optional(&self.pool)
        .await?;
        counts.last_skipped = last.map(|(title, link, error)| {
            (
                title.or(link).unwrap_or_default(),
                error.unwrap_or_default(),
            )
        });
        Ok(counts)
    }
}
