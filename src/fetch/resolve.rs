//! A DNS resolver for reqwest that returns only addresses the [`Guard`] permits.
//!
//! The connector dials exactly what this returns, so the address checked is the address
//! connected to: there is no second lookup a DNS-rebinding attacker could answer differently.

use super::guard::Guard;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::SocketAddr;
use std::sync::Arc;

/// Every address of the name is non-public (and not allowed by the configuration).
#[derive(Debug, thiserror::Error)]
#[error("all addresses of the host are on private networks")]
pub(crate) struct Refused;

/// The name does not resolve.
#[derive(Debug, thiserror::Error)]
#[error("DNS lookup failed")]
pub(crate) struct LookupFailed;

#[derive(Debug)]
pub(crate) struct GuardedResolver {
    guard: Arc<Guard>,
}

impl GuardedResolver {
    pub(crate) fn new(guard: Arc<Guard>) -> GuardedResolver {
        GuardedResolver { guard }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = Arc::clone(&self.guard);
        let host = name.as_str().to_string();
        Box::pin(async move {
            // Port 0: the connector puts in the URL's port.
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| {
                    tracing::debug!(%host, error = %e, "DNS lookup failed");
                    LookupFailed
                })?
                .collect();
            if found.is_empty() {
                return Err(LookupFailed.into());
            }
            let permitted: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| guard.permits(a.ip()))
                .collect();
            if permitted.is_empty() {
                tracing::debug!(%host, addrs = ?found, "refused a host on private networks");
                return Err(Refused.into());
            }
            Ok(Box::new(permitted.into_iter()) as Addrs)
        })
    }
}
