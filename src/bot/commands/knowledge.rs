//! What the stored articles know: `/entity` and `/ask`.

use super::super::{BotError, Context, deadline::in_time, render, scope};
use super::{autocomplete, send};

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
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let desk = &ctx.data().desk;
    if desk.config().llm.enabled {
        // A language model may take longer than Discord's 3 s for a first answer.
        ctx.defer().await?;
    }
    let answer = in_time(ctx, desk.ask(scope, &question)).await?;
    send(ctx, &render::answer(question.trim(), &answer)).await
}
