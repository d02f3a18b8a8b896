//! Is this process fit to serve? The database must answer, and — when a Discord gateway is part of
//! the process — the gateway must be connected.
//!
//! [`Health`] is a cheap shared handle: the bot flips [`Health::set_gateway_connected`] from its
//! event handler, `/healthz` reads it.

use crate::store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
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
}

/// The answer of a health check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthStatus {
    Healthy,
    /// One line saying what is wrong.
    Unhealthy(String),
}

impl Health {
    /// For processes without a gateway (the CLI): only the database is checked.
    pub fn database_only() -> Health {
        Health {
            gateway: Arc::new(AtomicU8::new(NO_GATEWAY)),
        }
    }

    /// For the bot: unhealthy until [`Health::set_gateway_connected`]`(true)`.
    pub fn with_gateway() -> Health {
        Health {
            gateway: Arc::new(AtomicU8::new(DISCONNECTED)),
        }
    }

    /// Called by the bot on ready / resume (`true`) and on shard disconnect (`false`).
    pub fn set_gateway_connected(&self, connected: bool) {
        let state = if connected { CONNECTED } else { DISCONNECTED };
        self.gateway.store(state, Ordering::Relaxed);
    }

    /// Check the database with `SELECT 1`, then the gateway.
    pub async fn check(&self, store: &Store) -> HealthStatus {
        match tokio::time::timeout(DB_TIMEOUT, store.ping()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return unhealthy(&format!("database: {e}")),
            Err(_) => return unhealthy("database: no answer within 3 seconds"),
        }
        match self.gateway.load(Ordering::Relaxed) {
            DISCONNECTED => unhealthy("discord gateway: not connected"),
            _ => HealthStatus::Healthy,
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
        store.close().await;
        assert!(
            matches!(h.check(&store).await, HealthStatus::Unhealthy(r) if r.starts_with("database"))
        );
    }
}
