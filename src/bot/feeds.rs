//! The background poller: every `feeds.tick_secs` it polls the feeds that are due and posts
//! their new articles (and digests) to their channels, through serenity's HTTP client, which
//! keeps to Discord's rate limits. Posts ping no one.

use super::render;
use crate::Newsdesk;
use crate::feeds::{FeedPost, Poller, PostSink, SystemClock};
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use std::time::Duration;

/// Posts to the feed's channel.
pub struct ChannelSink {
    pub http: Arc<serenity::Http>,
}

impl PostSink for ChannelSink {
    async fn post(&self, post: &FeedPost) -> Result<(), String> {
        if post.channel_id == 0 {
            return Err("the feed has no channel".into());
        }
        let message = render::feed_post(post).to_message();
        serenity::ChannelId::new(post.channel_id)
            .send_message(&self.http, message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Poll until the process ends (the task is dropped with the runtime).
pub async fn run(desk: Newsdesk, http: Arc<serenity::Http>) {
    let tick = Duration::from_secs(desk.config().feeds.tick_secs.max(1));
    let poller = Poller::new(desk, Arc::new(SystemClock));
    let sink = ChannelSink { http };
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
