//! What the stored articles know: `/entity` and `/ask`.

use super::super::{BotError, Context, deadline::in_time, render, scope};
use super::{article_id, autocomplete, send};
use crate::query::AskContext;

/// What the stored articles say about a person, organisation or place
#[poise::command(slash_command)]
pub async fn entity(
    ctx: Context<'_>,
    #[description = "A name (start typing for suggestions)"]
    #[autocomplete = "autocomplete::entity"]
    #[max_length = 100]
    name: String,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let lookup = in_time(ctx, ctx.data().desk.entity(scope, &name)).await?;
    send(ctx, &render::entity(name.trim(), &lookup)).await
}

/// Ask a question; the answer quotes the stored articles
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question"]
    #[max_length = 500]
    question: String,
    #[description = "About this article (its author, date, outlet, or what it says first)"]
    #[autocomplete = "autocomplete::article"]
    #[max_length = 100]
    article: Option<String>,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    // With an article, `who wrote it?` reads its byline and other questions look in it first,
    // as a follow-up in a thread about it does.
    let context = AskContext {
        article: article.as_deref().map(article_id).transpose()?,
        about: None,
    };
    let desk = &ctx.data().desk;
    if desk.config().llm.enabled {
        // A language model may take longer than Discord's 3 s for a first answer.
        ctx.defer().await?;
    }
    let answer = in_time(ctx, desk.ask_with(scope, &question, &context)).await?;
    send(ctx, &render::answer(question.trim(), &answer)).await
}
