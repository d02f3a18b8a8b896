//! `/feed add|list|remove|pause|resume`: a channel follows news feeds (changes are for editors,
//! as `/ingest`). The polling itself runs in the background ([`super::super::feeds`]).

use super::super::render;
use super::super::{BotError, Context, deadline::in_time, editor_check, scope};
use super::{autocomplete, send};
use crate::feeds::SystemClock;
use crate::store::FeedMode;
use poise::serenity_prelude as serenity;

/// How a feed's articles are posted.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Mode {
    #[name = "each article as it comes"]
    Each,
    #[name = "one digest a day"]
    Digest,
}

/// Follow news feeds in this server's channels
#[poise::command(
    slash_command,
    subcommands("add", "list", "remove", "pause", "resume"),
    subcommand_required
)]
pub async fn feed(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// Follow a news feed (or the feed a site links to) in a channel
#[poise::command(slash_command, check = "editor_check")]
pub async fn add(
    ctx: Context<'_>,
    #[description = "The feed's link, or the site's"]
    #[max_length = 2000]
    url: String,
    #[description = "Where to post (default: here)"]
    #[channel_types("Text", "News")]
    channel: Option<serenity::ChannelId>,
    #[description = "Each article as it comes (default), or one digest a day"] mode: Option<Mode>,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let channel = channel.unwrap_or(ctx.channel_id());
    let mode = match mode {
        Some(Mode::Digest) => FeedMode::Digest,
        _ => FeedMode::Each,
    };
    // Reading the feed (and maybe the page that links it) can take longer than Discord's 3 s.
    ctx.defer().await?;
    let feed = ctx
        .data()
        .desk
        .add_feed(scope, url.trim(), channel.get(), mode, &SystemClock)
        .await?;
    send(ctx, &render::feed_changed("Following", &feed)).await
}

/// The feeds this server follows, and how they are doing
#[poise::command(slash_command)]
pub async fn list(ctx: Context<'_>) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let feeds = in_time(ctx, ctx.data().desk.list_feeds(scope)).await?;
    send(ctx, &render::feed_list(&feeds)).await
}

/// Stop following a feed
#[poise::command(slash_command, check = "editor_check")]
pub async fn remove(
    ctx: Context<'_>,
    #[description = "The feed (see /feed list)"]
    #[autocomplete = "autocomplete::feed"]
    feed: i64,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let gone = in_time(ctx, ctx.data().desk.remove_feed(scope, feed)).await?;
    send(ctx, &render::feed_changed("Stopped following", &gone)).await
}

/// Pause a feed: nothing is polled or posted until it is resumed
#[poise::command(slash_command, check = "editor_check")]
pub async fn pause(
    ctx: Context<'_>,
    #[description = "The feed (see /feed list)"]
    #[autocomplete = "autocomplete::feed"]
    feed: i64,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let desk = &ctx.data().desk;
    let f = in_time(ctx, desk.pause_feed(scope, feed, true, &SystemClock)).await?;
    send(ctx, &render::feed_changed("Paused", &f)).await
}

/// Resume a paused feed
#[poise::command(slash_command, check = "editor_check")]
pub async fn resume(
    ctx: Context<'_>,
    #[description = "The feed (see /feed list)"]
    #[autocomplete = "autocomplete::feed"]
    feed: i64,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let desk = &ctx.data().desk;
    let f = in_time(ctx, desk.pause_feed(scope, feed, false, &SystemClock)).await?;
    send(ctx, &render::feed_changed("Resumed", &f)).await
}
