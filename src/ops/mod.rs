//! Operations for self-hosters: Prometheus metrics, a health check, and the small HTTP listener
//! (`metrics.listen`) that serves both.
//!
//! The metrics are recorded through the `metrics` facade, so the core records them everywhere
//! (CLI and bot alike) and they cost nothing until [`Metrics::global`] installs the recorder.
//!
//! ```no_run
//! # async fn demo(store: newsdesk::store::Store) -> std::io::Result<()> {
//! use newsdesk::ops::{Health, http};
//! let health = Health::with_gateway(); // the bot calls health.set_gateway_connected(true)
//! let server = http::serve("127.0.0.1:9184".parse().unwrap(), store, health.clone()).await?;
//! println!("metrics on http://{}/metrics", server.local_addr());
//! # Ok(()) }
//! ```

pub mod health;
pub mod http;
pub mod metrics;

pub use health::{Health, HealthStatus};
pub use metrics::{CommandOutcome, Metrics};
