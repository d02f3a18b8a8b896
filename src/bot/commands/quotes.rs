//! `/quotes`: what was said, in one article or by one person.

use super::super::{BotError, Context, paging, render, scope};
use super::{article_id, autocomplete};
use crate::query::Page;

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
    let article = match &article {
        Some(a) => Some(article_id(a)?),
        None => None,
    };
    if let Some(s) = &speaker {
        desk.check_query(s)?;
    }
    let article = match (article, &speaker) {
        (Some(id), _) => Some(id),
        (None, Some(_)) => None,
        // Neither: the newest article's quotes.
        (None, None) => match desk
            .articles(scope, None, Page::first(1))
            .await?
            .articles
            .first()
        {
            Some(a) => Some(a.id),
            None => {
                return Err(BotError::Invalid(
                    "Nothing is stored here yet: add a link with /ingest.".into(),
                ));
            }
        },
    };
    let pages = move |index: usize| {
        let desk = desk.clone();
        let speaker = speaker.clone();
        Box::pin(async move {
            let page = Page {
                index,
                size: PAGE_SIZE,
            };
            let mut list = match (article, speaker.as_deref()) {
                (Some(id), _) => desk.article_quotes(scope, id, page).await?,
                (None, s) => {
                    desk.speaker_quotes(scope, s.unwrap_or_default(), page)
                        .await?
                }
            };
            if let (Some(_), Some(s)) = (article, speaker.as_deref()) {
                // Both given: this article's quotes by that person.
                let key = s.to_lowercase();
                list.quotes.retain(|q| {
                    q.speaker
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&key))
                });
            }
            Ok(paging::Shown {
                reply: render::quotes(&list, speaker.as_deref()),
                more: list.more,
            })
        }) as paging::PageFuture
    };
    paging::send_paged(ctx, pages).await
}
