//! newsdesk: read news links, analyse them offline, answer questions about them.
//!
//! The library is the Discord-agnostic core: [`fetch`] → [`extract`] → [`analysis`] → [`store`]
//! → [`query`], composed by [`Newsdesk`]. The `newsdesk` binary's CLI and the Discord bot are thin
//! front-ends over it.

pub mod analysis;
pub mod bench;
pub mod bot;
pub mod config;
pub mod error;
pub mod extract;
pub mod feeds;
pub mod fetch;
pub mod ingest;
pub mod model;
pub mod ops;
pub mod query;
pub mod shards;
pub mod store;

pub use config::Config;
pub use error::{Error, Result};

use fetch::Fetcher;
use std::sync::Arc;
use store::Store;

/// The core: configuration, the store and the fetcher. Cheap to clone; share one per process.
#[derive(Debug, Clone)]
pub struct Newsdesk {
    config: Arc<Config>,
    store: Store,
    fetcher: Fetcher,
}

impl Newsdesk {
    /// Open the database named in `config` (creating and migrating it) and build the fetcher.
    pub async fn open(config: Config) -> Result<Newsdesk> {
        let store = Store::open_with(&config.database).await?;
        let fetcher = Fetcher::new(&config.fetch)?;
        Ok(Newsdesk {
            config: Arc::new(config),
            store,
            fetcher,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
}
