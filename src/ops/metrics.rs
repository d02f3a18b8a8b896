//! Counters, histograms and gauges for `/metrics`, on the `metrics` facade with the Prometheus
//! exporter.
//!
//! Recording functions ([`record_command`], [`record_ingest`]) are free functions: without an
//! installed recorder they do nothing, so the core calls them unconditionally. A process installs
//! the Prometheus recorder once with [`Metrics::global`]; later calls (a second listener, another
//! test in the same binary) get the same handle instead of failing.
//!
//! Every label value comes from a closed set (command names from the command list, outcomes,
//! [`crate::Error::kind`]), so the number of series stays small.

use crate::error::{Error, Result};
use crate::ingest::Ingested;
use crate::store::Store;
use metrics::{
    Unit, counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Duration;

pub const COMMANDS_TOTAL: &str = "newsdesk_commands_total";
pub const COMMAND_DURATION: &str = "newsdesk_command_duration_seconds";
pub const INGESTS_TOTAL: &str = "newsdesk_ingests_total";
pub const INGEST_FAILURES_TOTAL: &str = "newsdesk_ingest_failures_total";
pub const INGEST_DURATION: &str = "newsdesk_ingest_duration_seconds";
pub const STORED_ARTICLES: &str = "newsdesk_stored_articles";
pub const STORED_ENTITIES: &str = "newsdesk_stored_entities";
pub const STORED_QUOTES: &str = "newsdesk_stored_quotes";
pub const DATABASE_SIZE: &str = "newsdesk_database_size_bytes";

/// Latency buckets in seconds: commands answer in milliseconds, ingests wait on the network.
const BUCKETS: &[f64] = &[
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// How a command ended: the `outcome` label of the command metrics, and what the bot's hooks
/// are told ([`crate::bot::Hooks::command_finished`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandOutcome {
    Ok,
    /// The user can act on it (unknown article, bad link, ...), with what it was (an
    /// [`Error::kind`] or a front-end's own label) for logs; the label is only `user_error`.
    UserError(&'static str),
    /// Not allowed here or not for this member (Discord permissions, DM policy).
    Denied,
    /// Refused by a rate limit.
    RateLimited,
    /// Logged and answered generically (database, bug).
    InternalError,
}

impl CommandOutcome {
    pub fn of<T>(result: &Result<T>) -> CommandOutcome {
        match result {
            Ok(_) => CommandOutcome::Ok,
            Err(e) if e.is_internal() => CommandOutcome::InternalError,
            Err(e) => CommandOutcome::UserError(e.kind()),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CommandOutcome::Ok => "ok",
            CommandOutcome::UserError(_) => "user_error",
            CommandOutcome::Denied => "denied",
            CommandOutcome::RateLimited => "rate_limited",
            CommandOutcome::InternalError => "internal_error",
        }
    }
}

/// Count one command by name and outcome and record how long it took.
pub fn record_command(name: &str, outcome: CommandOutcome, elapsed: Duration) {
    counter!(COMMANDS_TOTAL, "command" => name.to_string(), "outcome" => outcome.as_str())
        .increment(1);
    histogram!(COMMAND_DURATION, "command" => name.to_string()).record(elapsed.as_secs_f64());
}

/// Run a command, then count and time it under `name`.
pub async fn timed<T>(name: &str, command: impl Future<Output = Result<T>>) -> Result<T> {
    let started = std::time::Instant::now();
    let result = command.await;
    record_command(name, CommandOutcome::of(&result), started.elapsed());
    result
}

/// Count one ingest by outcome (`stored`, `duplicate`, `failed`), failures also by error kind.
pub fn record_ingest(result: &Result<Ingested>, elapsed: Duration) {
    let outcome = match result {
        Ok(Ingested::Stored { .. }) => "stored",
        Ok(Ingested::Duplicate { .. }) => "duplicate",
        Err(_) => "failed",
    };
    counter!(INGESTS_TOTAL, "outcome" => outcome).increment(1);
    if let Err(e) = result {
        counter!(INGEST_FAILURES_TOTAL, "kind" => e.kind()).increment(1);
    }
    histogram!(INGEST_DURATION, "outcome" => outcome).record(elapsed.as_secs_f64());
}

pub use crate::store::StoreStats;

/// What the store holds (all scopes): counts kept by triggers, so a scrape costs a few row reads
/// however big the store is.
pub async fn store_stats(store: &Store) -> Result<StoreStats> {
    store.stats().await
}

/// Set the store gauges from the kept counts; called on every scrape.
pub async fn refresh_store_gauges(store: &Store) -> Result<StoreStats> {
    let s = store_stats(store).await?;
    gauge!(STORED_ARTICLES).set(s.articles as f64);
    gauge!(STORED_ENTITIES).set(s.entities as f64);
    gauge!(STORED_QUOTES).set(s.quotes as f64);
    gauge!(DATABASE_SIZE).set(s.database_bytes as f64);
    Ok(s)
}

/// The process's Prometheus recorder: renders everything recorded through the facade.
#[derive(Debug, Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
}

static GLOBAL: OnceLock<Metrics> = OnceLock::new();

impl Metrics {
    /// A recorder that is not installed anywhere: for tests that use
    /// [`metrics::with_local_recorder`] and for [`Metrics::global`].
    pub fn build() -> (Metrics, metrics_exporter_prometheus::PrometheusRecorder) {
        let recorder = builder().build_recorder();
        let handle = recorder.handle();
        (Metrics { handle }, recorder)
    }

    /// Install the Prometheus recorder for this process on first call; later calls return the
    /// same handle. If some other recorder was installed first, the handle renders nothing.
    pub fn global() -> &'static Metrics {
        GLOBAL.get_or_init(|| {
            let (metrics, recorder) = Metrics::build();
            match ::metrics::set_global_recorder(recorder) {
                Ok(()) => describe(),
                Err(_) => {
                    tracing::warn!("another metrics recorder is installed; /metrics stays empty")
                }
            }
            metrics
        })
    }

    /// The Prometheus text exposition of everything recorded so far.
    pub fn render(&self) -> String {
        // Without the exporter's own listener nobody else runs upkeep; scrapes are a fine clock.
        self.handle.run_upkeep();
        self.handle.render()
    }
}

fn builder() -> PrometheusBuilder {
    let builder = PrometheusBuilder::new();
    // Only fails on an empty bucket list, which BUCKETS is not.
    builder
        .set_buckets_for_metric(Matcher::Suffix("_duration_seconds".into()), BUCKETS)
        .unwrap_or_else(|_| PrometheusBuilder::new())
}

fn describe() {
    describe_counter!(
        COMMANDS_TOTAL,
        Unit::Count,
        "Commands answered, by command and outcome."
    );
    describe_histogram!(COMMAND_DURATION, Unit::Seconds, "Time to answer a command.");
    describe_counter!(
        INGESTS_TOTAL,
        Unit::Count,
        "Ingests by outcome (stored, duplicate, failed)."
    );
    describe_counter!(
        INGEST_FAILURES_TOTAL,
        Unit::Count,
        "Failed ingests by error kind."
    );
    describe_histogram!(
        INGEST_DURATION,
        Unit::Seconds,
        "Time for one ingest, fetch included."
    );
    describe_gauge!(STORED_ARTICLES, Unit::Count, "Articles stored, all scopes.");
    describe_gauge!(STORED_ENTITIES, Unit::Count, "Entities stored, all scopes.");
    describe_gauge!(STORED_QUOTES, Unit::Count, "Quotes stored, all scopes.");
    describe_gauge!(
        DATABASE_SIZE,
        Unit::Bytes,
        "Size of the SQLite database (pages in use)."
    );
}

impl From<&Error> for CommandOutcome {
    fn from(e: &Error) -> CommandOutcome {
        if e.is_internal() {
            CommandOutcome::InternalError
        } else {
            CommandOutcome::UserError(e.kind())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, ArticleRef};

    fn article() -> ArticleRef {
        ArticleRef {
            id: ArticleId(1),
            title: None,
            url: None,
            site: None,
            published: None,
            byline: None,
            ingested_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn records_into_a_local_recorder() {
        let (m, recorder) = Metrics::build();
        ::metrics::with_local_recorder(&recorder, || {
            record_command("summary", CommandOutcome::Ok, Duration::from_millis(3));
            record_command(
                "summary",
                CommandOutcome::UserError("unknown_article"),
                Duration::from_millis(1),
            );
            record_ingest(
                &Ok(Ingested::Duplicate { article: article() }),
                Duration::from_millis(2),
            );
            record_ingest(&Err(Error::NoArticleText), Duration::from_millis(2));
        });
        let text = m.render();
        assert!(
            text.contains(r#"newsdesk_commands_total{command="summary",outcome="ok"} 1"#),
            "{text}"
        );
        assert!(text.contains(r#"newsdesk_ingests_total{outcome="duplicate"} 1"#));
        assert!(text.contains(r#"newsdesk_ingest_failures_total{kind="no_article_text"} 1"#));
        // Rendered as a real histogram, not a summary.
        assert!(
            text.contains(
                r#"newsdesk_command_duration_seconds_bucket{command="summary",le="0.005"} 2"#
            ),
            "{text}"
        );
    }

    #[tokio::test]
    async fn timed_commands_are_counted_by_outcome() {
        let (m, recorder) = Metrics::build();
        let _local = ::metrics::set_default_local_recorder(&recorder);
        let r = timed("ask", async { Err::<(), _>(Error::EmptyQuery) }).await;
        assert!(r.is_err());
        assert!(
            m.render()
                .contains(r#"newsdesk_commands_total{command="ask",outcome="user_error"} 1"#)
        );
    }

    #[test]
    fn outcomes_follow_the_error_kind() {
        assert_eq!(CommandOutcome::of(&Ok::<_, Error>(())), CommandOutcome::Ok);
        assert_eq!(
            CommandOutcome::of::<()>(&Err(Error::EmptyQuery)),
            CommandOutcome::UserError("empty_query")
        );
        assert_eq!(
            CommandOutcome::from(&Error::Internal("x".into())),
            CommandOutcome::InternalError
        );
    }
}
