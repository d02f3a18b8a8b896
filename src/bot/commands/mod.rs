//! The slash commands, one file per group. Each command turns its options into one core call and
//! hands the result to [`super::render`]; scope, permission and rate-limit checks run before it
//! (see [`super::guard`]). The core call goes through [`super::deadline::in_time`], which defers
//! an answer that would miss Discord's 3 s. The first `///` line of each command is its Discord
//! description.

pub mod articles;
pub mod autocomplete;
pub mod feeds;
pub mod help;
pub mod ingest;
pub mod knowledge;
pub mod quotes;

use super::{BotError, Context, Data, render::Reply};
use crate::model::ArticleId;
use poise::serenity_prelude as serenity;

// Discord's own limits on string options (`max_length`) stop an over-long input in the client.
// They are literals (poise takes no constants there); a test holds them to these meanings:
// free text (a question, a search) 500 = `ask.max_question_chars` by default; a name or an
// article picked by autocomplete 100 = the longest autocomplete value Discord accepts; links
// 2000, room for `MAX_LINKS` long article links.

/// Every command, in the order `/help` lists them.
pub fn all() -> Vec<poise::Command<Data, BotError>> {
    vec![
        ingest::ingest(),
        articles::summary(),
        articles::story(),
        quotes::quotes(),
        knowledge::entity(),
        knowledge::ask(),
        articles::articles(),
        ingest::forget(),
        feeds::feed(),
        help::help(),
    ]
}

/// An article option: picked from autocomplete (its id) or typed as `12` / `#12`.
pub fn article_id(option: &str) -> Result<ArticleId, BotError> {
    option.parse().map_err(|_| {
        BotError::Invalid(
            "Pick an article from the list, or give its number like #12 (see /articles).".into(),
        )
    })
}

/// Send a public reply that pings no one.
pub async fn send(ctx: Context<'_>, reply: &Reply) -> Result<(), BotError> {
    ctx.send(reply.to_poise()).await?;
    Ok(())
}

/// The interaction behind a slash command (prefix commands are not enabled).
pub fn interaction<'a>(ctx: Context<'a>) -> Option<&'a serenity::CommandInteraction> {
    match ctx {
        poise::Context::Application(a) => Some(a.interaction),
        poise::Context::Prefix(_) => None,
    }
}
