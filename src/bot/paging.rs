//! Long lists shown a page at a time, with ◀ ▶ buttons that only the member who asked can press
//! and that go away after `discord.page_buttons_secs` without a press.
//!
//! The command sends the first page and returns at once (so it is counted as finished); a
//! background task then answers the buttons of that one message.

use super::render::{self, Reply};
use super::{BotError, Context};
use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use poise::serenity_prelude as serenity;
use std::time::Duration;

/// One rendered page, and whether another follows.
pub struct Shown {
    pub reply: Reply,
    pub more: bool,
}

pub type PageFuture = BoxFuture<'static, Result<Shown, BotError>>;

fn buttons(prefix: &str, index: usize, more: bool) -> Vec<serenity::CreateActionRow> {
    vec![serenity::CreateActionRow::Buttons(vec![
        serenity::CreateButton::new(format!("{prefix}:prev"))
            .label("◀ Previous")
            .style(serenity::ButtonStyle::Secondary)
            .disabled(index == 0),
        serenity::CreateButton::new(format!("{prefix}:next"))
            .label("Next ▶")
            .style(serenity::ButtonStyle::Secondary)
            .disabled(!more),
    ])]
}

/// Send page 0 of `pages`; with more than one page, add buttons and serve them in the background.
pub async fn send_paged<F>(ctx: Context<'_>, pages: F) -> Result<(), BotError>
where
    F: Fn(usize) -> PageFuture + Send + Sync + 'static,
{
    let first = super::deadline::in_time(ctx, pages(0)).await?;
    let Shown { reply, more } = first;
    if !more {
        ctx.send(reply.to_poise()).await?;
        return Ok(());
    }
    let prefix = format!("page:{}", ctx.id());
    // Listen before sending, so that no press can arrive before the listener.
    let wanted = format!("{prefix}:");
    let presses = serenity::ComponentInteractionCollector::new(ctx.serenity_context())
        .filter(move |p| p.data.custom_id.starts_with(&wanted))
        .stream();
    ctx.send(reply.to_poise().components(buttons(&prefix, 0, true)))
        .await?;
    let Some(interaction) = super::commands::interaction(ctx).cloned() else {
        return Ok(());
    };
    let serenity_ctx = ctx.serenity_context().clone();
    let owner = ctx.author().id;
    let expiry = Duration::from_secs(ctx.data().desk.config().discord.page_buttons_secs);
    tokio::spawn(serve_buttons(
        serenity_ctx,
        interaction,
        owner,
        prefix,
        expiry,
        Box::pin(presses),
        pages,
    ));
    Ok(())
}

async fn serve_buttons<F>(
    ctx: serenity::Context,
    original: serenity::CommandInteraction,
    owner: serenity::UserId,
    prefix: String,
    expiry: Duration,
    mut presses: BoxStream<'static, serenity::ComponentInteraction>,
    pages: F,
) where
    F: Fn(usize) -> PageFuture + Send + Sync + 'static,
{
    let mut index = 0usize;
    loop {
        // Idle expiry: each press restarts the clock.
        let press = tokio::time::timeout(expiry, presses.next())
            .await
            .ok()
            .flatten();
        let Some(press) = press else { break };
        if press.user.id != owner {
            let msg = render::error("Only the member who asked can turn these pages.");
            let response =
                serenity::CreateInteractionResponse::Message(msg.to_update().ephemeral(true));
            if let Err(e) = press.create_response(&ctx.http, response).await {
                tracing::warn!(error = %e, "could not refuse a page button");
            }
            continue;
        }
        let next = if press.data.custom_id.ends_with(":next") {
            index + 1
        } else {
            index.saturating_sub(1)
        };
        let response = match pages(next).await {
            Ok(shown) => {
                index = next;
                serenity::CreateInteractionResponse::UpdateMessage(
                    shown
                        .reply
                        .to_update()
                        .components(buttons(&prefix, index, shown.more)),
                )
            }
            Err(e) => {
                if e.outcome() == crate::ops::CommandOutcome::InternalError {
                    tracing::error!(error = ?e, "loading a page failed");
                }
                serenity::CreateInteractionResponse::Message(
                    render::error(&e.user_message()).to_update().ephemeral(true),
                )
            }
        };
        if let Err(e) = press.create_response(&ctx.http, response).await {
            tracing::warn!(error = %e, "could not answer a page button");
        }
    }
    // Expired: take the buttons away so nobody presses dead ones.
    let edit = serenity::EditInteractionResponse::new()
        .components(Vec::new())
        .allowed_mentions(render::no_mentions());
    if let Err(e) = original.edit_response(&ctx.http, edit).await {
        tracing::debug!(error = %e, "could not remove expired page buttons");
    }
}
