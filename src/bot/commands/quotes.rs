//! `/quotes`: what was said, in one article, by one person, or by one person in one article.

use super::super::{BotError, Context, deadline::in_time, paging, render, scope};
use super::{article_id, autocomplete};
use crate::query::{Page, QuoteFilter};

/// Quotes per page.
const PAGE_SIZE: usize = 5;

/// Show quotes from an article, or by a person
#[poise::command(slash_command)]
pub async fn quotes(
    ctx: Context<'_>,
    #[description = "The article (default: the newest)"]
    #[autocomplete = "autocomplete::article"]
    #[max_length = 100]
    article: Option<String>,
    #[description = "Only quotes by this person"]
    #[autocomplete = "autocomplete::speaker"]
    #[max_length = 100]
    speaker: Option<String>,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let desk = ctx.data().desk.clone();
    let mut article = match &article {
        Some(a) => Some(article_id(a)?),
        None => None,
    };
    if let Some(s) = &speaker {
        desk.check_query(s)?;
    }
    if article.is_none() && speaker.is_none() {
        // Neither: the newest article's quotes.
        let newest = in_time(ctx, desk.articles(scope, None, Page::first(1))).await?;
        match newest.articles.first() {
            Some(a) => article = Some(a.id),
            None => {
                return Err(BotError::Invalid(
                    "Nothing is stored here yet: add a link with /ingest.".into(),
                ));
            }
        }
    }
    let pages = move |index: usize| {
        let desk = desk.clone();
        let speaker = speaker.clone();
        Box::pin(async move {
            let page = Page {
                index,
                size: PAGE_SIZE,
            };
            let filter = QuoteFilter::from_options(article, speaker.as_deref())
                .ok_or_else(|| BotError::Invalid("Give an article or a speaker.".into()))?;
            let list = desk.quotes(scope, filter, page).await?;
            Ok(paging::Shown {
                reply: render::quotes(&list, speaker.as_deref()),
                more: list.more,
            })
        }) as paging::PageFuture
    };
    paging::send_paged(ctx, pages).await
}
