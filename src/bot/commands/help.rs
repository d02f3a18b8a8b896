//! `/help`, built from the registered commands so it never goes stale.

use super::super::{BotError, Context, render};

/// What I can do
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), BotError> {
    let commands: Vec<(String, String)> = ctx
        .framework()
        .options()
        .commands
        .iter()
        .map(|c| {
            (
                c.name.to_string(),
                c.description.as_deref().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let reply = render::help(&commands).to_poise().ephemeral(true);
    ctx.send(reply).await?;
    Ok(())
}
