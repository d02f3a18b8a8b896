//! Optional: links posted in configured channels are ingested without a command.
//!
//! Off by default. Turning it on (`discord.auto_ingest_channel_ids`) makes the bot ask for the
//! privileged Message Content intent, which must also be enabled for the application in the
//! Discord developer portal. Posts by bots are ignored; the same guild rate limit and fetch bound
//! apply as for `/ingest`. A stored article is acknowledged with a 📰 reaction; failures are only
//! logged, so a channel is never flooded with error messages.

use super::Data;
use crate::fetch::{ArticleUrl, LinkWord, link_words};
use crate::ingest::{Ingested, Source};
use crate::model::Scope;
use poise::serenity_prelude as serenity;

/// Links taken from one message.
const MAX_LINKS: usize = 3;

/// The http(s) links written in a message (with their scheme: chat words like `e.g.` are not
/// sites), normalised, each once, at most `MAX_LINKS`.
pub fn links_in(text: &str) -> Vec<ArticleUrl> {
    link_words(text)
        .into_iter()
        .filter(LinkWord::has_scheme)
        .filter_map(|w| w.url.ok())
        .take(MAX_LINKS)
        .collect()
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
            .ingest(scope, Source::Url(link.to_string()), &|_| {})
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
    fn finds_written_links_in_chat() {
        let found: Vec<String> = links_in(
            "look (https://a.example/x?utm_source=chat). and <https://b.example/y>, \
             not ftp://c or www.d.example, again https://a.example/x, https://e.example https://f.example",
        )
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            found,
            [
                "https://a.example/x",
                "https://b.example/y",
                "https://e.example/"
            ]
        );
        assert!(links_in("no links here, e.g. notes.txt").is_empty());
    }
}
