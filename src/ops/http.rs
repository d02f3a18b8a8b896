//! The operations listener: `GET /healthz` and `GET /metrics` (Prometheus text format).
//!
//! Bind it to loopback or a private interface (`metrics.listen`): it has no authentication,
//! though it only reveals counts.

use super::health::{Health, HealthStatus};
use super::metrics::{Metrics, refresh_store_gauges};
use crate::store::Store;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::net::SocketAddr;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

#[derive(Clone)]
struct OpsState {
    store: Store,
    health: Health,
    metrics: &'static Metrics,
}

/// The routes, on a store and a health handle; installs the global recorder.
pub fn router(store: Store, health: Health) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(OpsState {
            store,
            health,
            metrics: Metrics::global(),
        })
}

async fn healthz(State(s): State<OpsState>) -> Response {
    match s.health.check(&s.store).await {
        // With shards, which ones this process answers for: one process of several.
        HealthStatus::Healthy => match s.health.shards() {
            Some(range) => {
                (StatusCode::OK, format!("ok: shards {range} connected\n")).into_response()
            }
            None => (StatusCode::OK, "ok\n").into_response(),
        },
        HealthStatus::Unhealthy(reason) => {
            tracing::warn!(%reason, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n")).into_response()
        }
    }
}

async fn metrics(State(s): State<OpsState>) -> Response {
    if let Err(e) = refresh_store_gauges(&s.store).await {
        // Serve the counters anyway; the gauges keep their last values.
        tracing::warn!(error = %e, "cannot refresh store gauges");
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        s.metrics.render(),
    )
        .into_response()
}

/// A running listener; dropping it leaves it running, [`OpsServer::shutdown`] stops it.
#[derive(Debug)]
pub struct OpsServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl OpsServer {
    /// The bound address (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stop accepting, finish open requests, and wait.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// Bind `addr` and serve `/healthz` and `/metrics` in a background task.
pub async fn serve(addr: SocketAddr, store: Store, health: Health) -> std::io::Result<OpsServer> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let app = router(store, health);
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "metrics listener stopped");
        }
    });
    tracing::info!(%addr, "serving /healthz and /metrics");
    Ok(OpsServer {
        addr,
        stop: Some(stop),
        task,
    })
}

/// Start the listener named by `metrics.listen`, or nothing when it is empty.
pub async fn serve_configured(
    config: &crate::config::MetricsConfig,
    store: Store,
    health: Health,
) -> crate::Result<Option<OpsServer>> {
    if config.listen.is_empty() {
        return Ok(None);
    }
    let addr: SocketAddr = config.listen.parse().map_err(|_| {
        crate::Error::Internal(format!(
            "metrics.listen `{}` is not an address",
            config.listen
        ))
    })?;
    serve(addr, store, health)
        .await
        .map(Some)
        .map_err(|e| crate::Error::Internal(format!("cannot listen on {addr}: {e}")))
}
