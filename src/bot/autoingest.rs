//! Optional: links posted in configured channels are ingested without a command.
//!
//! Off by default. Turning it on (`discord.auto_ingest_channel_ids`) makes the bot ask for the
//! privileged Message Content intent, which must also be enabled for the application in the
//! Discord developer portal. Posts by bots are ignored; the same guild rate limit and fetch bound
//! apply as for `/ingest`. A stored article is acknowledged with a 📰 reaction; failures are only
//! logged, so a channel is never flooded with error messages.

use super::Data;
use crate::ingest::{Ingested, Source};
use crate::model::Scope;
use poise::serenity_prelude as serenity;

/// Links taken from one message.
const MAX_LINKS: usize = 3;

/// The `http(s)` links in a message, without `<…>` wrappers or trailing punctuation.
pub fn links_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let word = word
            .trim_start_matches(['<', '(', '"'])
            .trim_end_matches(['>', ')', '"', '.', ',', '!', '?', ';', ':']);
        let is_link = word.starts_with("https://") || word.starts_with("http://");
        if is_link && url::Url::parse(word).is_ok() && !out.iter().any(|l| l == word) {
            out.push(word.to_string());
        }
        if out.len() == MAX_LINKS {
            break;
        }
    }
    out
}

/// Ingest the links of a message posted in an auto-ingest channel.
pub async fn on_message(ctx: &serenity::Context, data: &Data, msg: &serenity::Message) {
    let config = &data.desk.config().discord;
    let Some(guild) = msg.guild_id else { return };
    if msg.author.bot
        || !config
            .auto_ingest_channel_ids
            .contains(&msg.channel_id.get())
    {
        return;
    }
    let scope = Scope::Guild(guild.get());
    for link in links_in(&msg.content) {
        if data.guard.ingest(scope).is_err() {
            tracing::info!(%scope, "auto-ingest skipped a link: guild rate limit");
            return;
        }
        let Ok(_permit) = data.guard.fetches.clone().acquire_owned().await else {
            return;
        };
        match data
            .desk
            .ingest(scope, Source::Url(link.clone()), &|_| {})
            .await
        {
            Ok(Ingested::Stored { article, .. }) => {
                tracing::info!(%scope, id = %article.id, "auto-ingested a posted link");
                let react = msg.react(ctx, serenity::ReactionType::Unicode("📰".into()));
                if let Err(e) = react.await {
                    tracing::debug!(error = %e, "could not react to an auto-ingested message");
                }
            }
            Ok(Ingested::Duplicate { .. }) => {}
            Err(e) if e.is_internal() => {
                tracing::error!(error = ?e, %scope, "auto-ingest failed");
            }
            Err(e) => tracing::info!(%scope, reason = e.kind(), "auto-ingest skipped a link"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_in_chat() {
        assert_eq!(
            links_in(
                "look (https://a.example/x). and <https://b.example/y>, not ftp://c or www.d.example"
            ),
            vec!["https://a.example/x", "https://b.example/y"]
        );
        assert!(links_in("no links here").is_empty());
    }
}
