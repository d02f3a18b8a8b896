//! The background poller: every `feeds.tick_secs` it polls the feeds that are due and posts
//! their new articles (and digests) to their channels, through serenity's HTTP client, which
//! keeps to Discord's rate limits. Posts ping no one.

use super::render;
use crate::Newsdesk;
use crate::feeds::{FeedPost, Poller, PostError, PostSink, SystemClock};
use crate::shards::ShardRange;
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use std::time::Duration;

/// Posts to the feed's channel.
pub struct ChannelSink {
    pub http: Arc<serenity::Http>,
    /// `feeds.link_previews`.
    pub previews: bool,
}

impl PostSink for ChannelSink {
    async fn post(&self, post: &FeedPost) -> Result<(), PostError> {
        if post.channel_id == 0 {
            return Err(PostError::Gone(
                "The feed has no channel to post in.".into(),
            ));
        }
        let message = render::feed_post(post, self.previews).to_message();
        match serenity::ChannelId::new(post.channel_id)
            .send_message(&self.http, message)
            .await
        {
            Ok(_) => Ok(()),
            Err(serenity::Error::Http(e))
                if e.status_code()
                    .is_some_and(|s| s.as_u16() == 403 || s.as_u16() == 404) =>
            {
                Err(PostError::Gone(
                    "I cannot post in its channel (deleted, or no permission): paused.".into(),
                ))
            }
            Err(e) => Err(PostError::Retry(e.to_string())),
        }
    }
}

/// The bot was removed from a server: its feeds go (the server's articles are kept, as before).
pub async fn guild_left(desk: &Newsdesk, guild: u64) {
    match desk
        .store()
        .remove_feeds(crate::model::Scope::Guild(guild))
        .await
    {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            guild,
            feeds = n,
            "removed the feeds of a server the bot left"
        ),
        Err(e) => tracing::warn!(guild, error = %e, "could not remove a server's feeds"),
    }
}

/// Poll the feeds of the scopes `shards` serves until the process ends (the task is dropped
/// with the runtime): with the bot split over processes, each feed is polled by one of them.
pub async fn run(desk: Newsdesk, http: Arc<serenity::Http>, shards: ShardRange) {
    let tick = Duration::from_secs(desk.config().feeds.tick_secs.max(1));
    let previews = desk.config().feeds.link_previews;
    let poller = Poller::new(desk, Arc::new(SystemClock)).on_shards(shards);
    let sink = ChannelSink { http, previews };
    let mut interval = tokio::time::interval(tick);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match poller.poll_due(None, &sink).await {
            Ok(report) if report.polled + report.digests > 0 => {
                tracing::info!(
                    polled = report.polled,
                    failed = report.failed,
                    posted = report.posted,
                    digests = report.digests,
                    "feeds polled"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "feed polling failed"),
        }
    }
}
