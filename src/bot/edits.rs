//! Coalesced edits of one message that reports progress (`/ingest`).
//!
//! A pipeline reports faster than anyone reads: an ingest goes through four stages in about
//! 100 ms. Editing the message at each one costs a Discord call (and rate-limit budget) for a
//! text nobody sees. [`coalesce`] sends the first state at once, then at most one edit per
//! interval carrying the latest state, never the text already shown, and the final state as soon
//! as the reporter is done.

use super::render::Reply;
use std::future::Future;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::Instant;

/// Shortest time between two progress edits of one message.
pub const EDIT_INTERVAL: Duration = Duration::from_secs(1);

/// Send the states received on `states` through `send`, coalesced: the first at once; then at
/// most one per `interval`, the latest received (states in between are skipped); never one equal
/// to what was last sent; and, once every sender is dropped, the last state without waiting.
/// Returns when the last state is sent.
pub async fn coalesce<F, Fut>(
    mut states: mpsc::UnboundedReceiver<Reply>,
    interval: Duration,
    mut send: F,
) where
    F: FnMut(Reply) -> Fut,
    Fut: Future<Output = ()>,
{
    let mut shown: Option<Reply> = None;
    let mut pending: Option<Reply> = None;
    let mut due = Instant::now();
    loop {
        let waiting = pending.is_some();
        let received = tokio::select! {
            biased;
            state = states.recv() => match state {
                Some(state) => Some(state),
                None => {
                    if let Some(last) = pending.take() {
                        send(last).await;
                    }
                    return;
                }
            },
            () = tokio::time::sleep_until(due), if waiting => None,
        };
        if let Some(state) = received {
            pending = (shown.as_ref() != Some(&state)).then_some(state);
            if Instant::now() < due {
                continue;
            }
        }
        if let Some(next) = pending.take() {
            shown = Some(next.clone());
            send(next).await;
            due = Instant::now() + interval;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    type Sent = Arc<Mutex<Vec<(std::time::Instant, String)>>>;

    /// A coalescer whose edits are recorded with the time they were sent.
    fn recorder(
        interval: Duration,
    ) -> (
        mpsc::UnboundedSender<Reply>,
        Sent,
        tokio::task::JoinHandle<()>,
    ) {
        let (tx, rx) = mpsc::unbounded_channel();
        let sent: Sent = Arc::default();
        let log = sent.clone();
        let task = tokio::spawn(coalesce(rx, interval, move |r: Reply| {
            let log = log.clone();
            async move {
                let text = r.content.unwrap_or_default();
                log.lock().unwrap().push((std::time::Instant::now(), text));
            }
        }));
        (tx, sent, task)
    }

    fn texts(sent: &Sent) -> Vec<String> {
        sent.lock().unwrap().iter().map(|s| s.1.clone()).collect()
    }

    #[tokio::test]
    async fn a_burst_shows_its_first_and_last_state_and_never_the_same_text_twice() {
        let (tx, sent, task) = recorder(Duration::from_secs(5));
        for text in [
            "fetching",
            "fetching",
            "extracting",
            "analysing",
            "storing",
            "done",
        ] {
            tx.send(Reply::text(text)).unwrap();
        }
        drop(tx);
        task.await.unwrap();
        assert_eq!(texts(&sent), ["fetching", "done"]);

        let (tx, sent, task) = recorder(Duration::from_secs(5));
        for text in ["fetching", "extracting", "fetching"] {
            tx.send(Reply::text(text)).unwrap();
        }
        drop(tx);
        task.await.unwrap();
        assert_eq!(texts(&sent), ["fetching"], "back to what is shown: no edit");
    }

    #[tokio::test]
    async fn a_long_stage_is_shown_after_the_interval_without_waiting_for_the_end() {
        let interval = Duration::from_millis(300);
        let (tx, sent, task) = recorder(interval);
        tx.send(Reply::text("fetching")).unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        tx.send(Reply::text("extracting")).unwrap();
        tx.send(Reply::text("analysing")).unwrap();
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(
            texts(&sent),
            ["fetching", "analysing"],
            "the latest state once the interval is over"
        );
        tx.send(Reply::text("done")).unwrap();
        let closed = std::time::Instant::now();
        drop(tx);
        task.await.unwrap();
        let sent = sent.lock().unwrap().clone();
        assert_eq!(sent[2].1, "done");
        assert!(
            sent[1].0.duration_since(sent[0].0) >= interval,
            "at most one edit per interval"
        );
        assert!(
            sent[2].0.duration_since(closed) < interval,
            "the final state does not wait"
        );
    }
}
