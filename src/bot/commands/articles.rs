//! Reading stored articles: `/summary`, `/story` and `/articles`.

use super::super::{BotError, Context, deadline::in_time, paging, render, scope};
use super::{article_id, autocomplete, send};
use crate::query::Page;

/// Articles per page of `/articles`.
const PAGE_SIZE: usize = 10;

/// Summarize a stored article
#[poise::command(slash_command)]
pub async fn summary(
    ctx: Context<'_>,
    #[description = "The article (start typing its title)"]
    #[autocomplete = "autocomplete::article"]
    #[max_length = 100]
    article: String,
    #[description = "How many sentences (default: the stored summary)"]
    #[min = 1]
    #[max = 10]
    sentences: Option<u8>,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let id = article_id(&article)?;
    let desk = &ctx.data().desk;
    let view = in_time(ctx, desk.summary(scope, id, sentences.map(usize::from))).await?;
    send(ctx, &render::summary(&view)).await
}

/// The same story across outlets: headline, who reported what, who is quoted where
#[poise::command(slash_command)]
pub async fn story(
    ctx: Context<'_>,
    #[description = "An article of the story (start typing its title)"]
    #[autocomplete = "autocomplete::article"]
    #[max_length = 100]
    article: String,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let id = article_id(&article)?;
    let view = in_time(ctx, ctx.data().desk.story(scope, id)).await?;
    send(ctx, &render::story(&view)).await
}

/// List stored articles, newest first, or search them
#[poise::command(slash_command)]
pub async fn articles(
    ctx: Context<'_>,
    #[description = "Words to search for in titles and text"]
    #[max_length = 500]
    search: Option<String>,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let desk = ctx.data().desk.clone();
    if let Some(s) = &search {
        desk.check_query(s)?;
    }
    let search = search.filter(|s| !s.trim().is_empty());
    let pages = move |index: usize| {
        let desk = desk.clone();
        let search = search.clone();
        Box::pin(async move {
            let list = desk
                .articles(
                    scope,
                    search.as_deref(),
                    Page {
                        index,
                        size: PAGE_SIZE,
                    },
                )
                .await?;
            Ok(paging::Shown {
                reply: render::articles(&list, search.as_deref()),
                more: list.more,
            })
        }) as paging::PageFuture
    };
    paging::send_paged(ctx, pages).await
}
