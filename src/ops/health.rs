//! Is this process fit to serve? The database must answer, and — when a Discord gateway is part of
//! the process — the gateway must be connected.
//!
//! [`Health`] is a cheap shared handle: the bot flips [`Health::set_gateway_connected`] from its
//! event handler, `/healthz` reads it. A bot that knows its shards ([`Health::set_shards`]) is
//! healthy only while every one of them is connected, and says which it runs: each process of a
//! bot split over shard ranges answers for its own shards.

use crate::shards::ShardRange;
use crate::store::Store;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const NO_GATEWAY: u8 = 0;
const DISCONNECTED: u8 = 1;
const CONNECTED: u8 = 2;

/// How long the database may take to answer `SELECT 1` before it counts as down.
const DB_TIMEOUT: Duration = Duration::from_secs(3);

/// Shared health state; clone it freely.
#[derive(Debug, Clone)]
pub struct Health {
    gateway: Arc<AtomicU8>,
    shards: Arc<Mutex<Shards>>,
}

/// The shards this process runs, once known, and which of them are connected.
#[derive(Debug, Default)]
struct Shards {
    range: Option<ShardRange>,
    connected: BTreeSet<u32>,
}

/// The answer of a health check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthStatus {
    Healthy,
    /// One line saying what is wrong (and, with shards, which ones are down).
    Unhealthy(String),
}

impl Health {
    /// For processes without a gateway (the CLI): only the database is checked.
    pub fn database_only() -> Health {
        Health {
            gateway: Arc::new(AtomicU8::new(NO_GATEWAY)),
            shards: Arc::default(),
        }
    }

    /// For the bot: unhealthy until [`Health::set_gateway_connected`]`(true)`.
    pub fn with_gateway() -> Health {
        Health {
            gateway: Arc::new(AtomicU8::new(DISCONNECTED)),
            shards: Arc::default(),
        }
    }

    /// Called by the bot on ready / resume (`true`) and on shard disconnect (`false`).
    pub fn set_gateway_connected(&self, connected: bool) {
        let state = if connected { CONNECTED } else { DISCONNECTED };
        self.gateway.store(state, Ordering::Relaxed);
    }

    /// The shards this process runs (the bot says so before connecting): from now on the
    /// gateway is healthy only while each of them is connected.
    pub fn set_shards(&self, range: ShardRange) {
        let mut shards = self.lock_shards();
        shards.range = Some(range);
        shards.connected.retain(|id| range.contains(*id));
    }

    /// Called by the bot when shard `id` connects (`true`) or drops (`false`).
    pub fn set_shard_connected(&self, id: u32, connected: bool) {
        let mut shards = self.lock_shards();
        if connected {
            shards.connected.insert(id);
        } else {
            shards.connected.remove(&id);
        }
    }

    /// The shards this process runs, once known (`0-3/16`).
    pub fn shards(&self) -> Option<ShardRange> {
        self.lock_shards().range
    }

    fn lock_shards(&self) -> std::sync::MutexGuard<'_, Shards> {
        self.shards.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Check the database with `SELECT 1`, then the gateway.
    pub async fn check(&self, store: &Store) -> HealthStatus {
        match tokio::time::timeout(DB_TIMEOUT, store.ping()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return unhealthy(&format!("database: {e}")),
            Err(_) => return unhealthy("database: no answer within 3 seconds"),
        }
        if self.gateway.load(Ordering::Relaxed) == NO_GATEWAY {
            return HealthStatus::Healthy;
        }
        let shards = self.lock_shards();
        let Some(range) = shards.range else {
            return match self.gateway.load(Ordering::Relaxed) {
                DISCONNECTED => unhealthy("discord gateway: not connected"),
                _ => HealthStatus::Healthy,
            };
        };
        let down: Vec<String> = range
            .ids()
            .filter(|id| !shards.connected.contains(id))
            .map(|id| id.to_string())
            .collect();
        if down.is_empty() {
            HealthStatus::Healthy
        } else {
            let list = down.join(", ");
            let word = if down.len() == 1 { "shard" } else { "shards" };
            unhealthy(&format!(
                "discord gateway: {word} {list} of {range} not connected"
            ))
        }
    }
}

fn unhealthy(reason: &str) -> HealthStatus {
    HealthStatus::Unhealthy(reason.replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn gateway_state_decides_once_the_database_answers() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("h.db")).await.unwrap();
        assert_eq!(
            Health::database_only().check(&store).await,
            HealthStatus::Healthy
        );
        let h = Health::with_gateway();
        assert!(
            matches!(h.check(&store).await, HealthStatus::Unhealthy(r) if r.contains("gateway"))
        );
        h.clone().set_gateway_connected(true);
        assert_eq!(h.check(&store).await, HealthStatus::Healthy);

        // Once the shards are known, each must be connected.
        h.set_shards("2-4/8".parse().unwrap());
        assert_eq!(h.shards().map(|r| r.to_string()).as_deref(), Some("2-4/8"));
        let down = |s: HealthStatus| match s {
            HealthStatus::Unhealthy(r) => r,
            HealthStatus::Healthy => String::new(),
        };
        assert_eq!(
            down(h.check(&store).await),
            "discord gateway: shards 2, 3, 4 of 2-4/8 not connected"
        );
        h.set_shard_connected(2, true);
        h.set_shard_connected(4, true);
        assert_eq!(
            down(h.check(&store).await),
            "discord gateway: shard 3 of 2-4/8 not connected"
        );
        h.set_shard_connected(3, true);
        assert_eq!(h.check(&store).await, HealthStatus::Healthy);
        h.set_shard_connected(4, false);
        assert!(down(h.check(&store).await).contains("shard 4 of"));
        h.set_shard_connected(4, true);
        store.close().await;
        assert!(
            matches!(h.check(&store).await, HealthStatus::Unhealthy(r) if r.starts_with("database"))
        );
    }
}
