//! Discord's 3 s: an interaction with no callback 3 s after Discord created it is dropped, and the
//! member sees "The application did not respond". A command answers with one callback when it
//! can; when the work behind the answer is not done [`DEFER_AFTER`] after the interaction was
//! created (a busy store, a queue of commands under load), [`in_time`] defers — the member sees
//! "newsdesk is thinking…" — and the answer follows, which Discord accepts for 15 minutes.
//!
//! Only the work races the clock, never the sending: the answer goes either as the callback or
//! after the deferral, so an interaction never gets two callbacks.
//!
//! A deferral is public (the answer will be), and Discord gives the first follow-up the
//! deferral's visibility whatever its own flags say. An error after one would be shown to the
//! whole channel: [`withdraw_deferral`] deletes the "thinking…" message first, so the error
//! goes out as a follow-up of its own, seen only by the member.
//!
//! ```no_run
//! # use newsdesk::bot::{BotError, Context, deadline::in_time, render};
//! # async fn summary(ctx: Context<'_>, id: newsdesk::model::ArticleId) -> Result<(), BotError> {
//! let scope = newsdesk::bot::scope(ctx)?;
//! let view = in_time(ctx, ctx.data().desk.summary(scope, id, None)).await?;
//! ctx.send(render::summary(&view).to_poise()).await?;
//! # Ok(())
//! # }
//! ```

use super::Context;
use poise::serenity_prelude as serenity;
use std::future::Future;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long after an interaction's creation an answer that is not ready is deferred: a third of
/// Discord's 3 s. The rest is for the deferral's own trip, which takes long exactly when
/// deferring matters: at 600 interactions a second (debug build, two busy cores) deferrals made
/// at 1.5 s landed up to 1.15 s later.
pub const DEFER_AFTER: Duration = Duration::from_secs(1);

/// Discord's epoch (2015-01-01) in Unix milliseconds: snowflakes count from it.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Await `work`; if it is not done in time for Discord's deadline, defer first.
pub async fn in_time<F: Future>(ctx: Context<'_>, work: F) -> F::Output {
    let mut work = std::pin::pin!(work);
    let left = time_left(ctx).await;
    // `timeout` polls the work once before looking at the clock: a ready answer is never
    // deferred, even when the time is up.
    match tokio::time::timeout(left, &mut work).await {
        Ok(done) => done,
        Err(_) => {
            tracing::debug!(command = %ctx.command().name, "answer not ready in time: deferring");
            if let Err(e) = ctx.defer().await {
                // Most likely the interaction is gone already; the answer is still tried.
                tracing::warn!(error = %e, "could not defer a slow answer");
            }
            work.await
        }
    }
}

/// Before an ephemeral error: if the interaction's only response so far is a deferral that
/// still shows "thinking…", delete it, so the error is a message of its own that Discord keeps
/// ephemeral. An answer already sent is left alone.
pub async fn withdraw_deferral(ctx: Context<'_>) {
    let poise::Context::Application(app) = ctx else {
        return;
    };
    if !app
        .has_sent_initial_response
        .load(std::sync::atomic::Ordering::SeqCst)
    {
        return;
    }
    let http = ctx.http();
    let token = &app.interaction.token;
    let thinking = match http.get_original_interaction_response(token).await {
        Ok(original) => original
            .flags
            .is_some_and(|f| f.contains(serenity::all::MessageFlags::LOADING)),
        Err(e) => {
            tracing::debug!(error = %e, "could not read the original response");
            false
        }
    };
    if thinking && let Err(e) = http.delete_original_interaction_response(token).await {
        tracing::warn!(error = %e, "could not withdraw a deferral before an error");
    }
}

/// Time until [`DEFER_AFTER`] by the later of two clocks: the interaction id's timestamp
/// (Discord's clock; it counts the time the event took to reach us and to get a task) and the
/// start of the command here (which a wall clock running behind Discord's cannot shorten).
async fn time_left(ctx: Context<'_>) -> Duration {
    let local = ctx
        .invocation_data::<Instant>()
        .await
        .map(|t| t.elapsed())
        .unwrap_or_default();
    DEFER_AFTER.saturating_sub(local.max(age(ctx.id(), SystemTime::now())))
}

/// How old the snowflake `id` is at `now` (zero when it seems to come from the future).
fn age(id: u64, now: SystemTime) -> Duration {
    let created = UNIX_EPOCH + Duration::from_millis((id >> 22) + DISCORD_EPOCH_MS);
    now.duration_since(created).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_reads_the_snowflake_timestamp() {
        // Discord's documented example: 175928847299117063 was created at 1462015105796 ms.
        let created = UNIX_EPOCH + Duration::from_millis(1_462_015_105_796);
        let id = 175_928_847_299_117_063;
        assert_eq!(age(id, created), Duration::ZERO);
        assert_eq!(
            age(id, created + Duration::from_millis(2500)),
            Duration::from_millis(2500)
        );
        assert_eq!(
            age(id, created - Duration::from_secs(1)),
            Duration::ZERO,
            "a clock behind Discord's"
        );
    }
}
