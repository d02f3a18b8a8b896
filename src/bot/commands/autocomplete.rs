//! Suggestions while a member types: recent article titles of this server, and known names.
//!
//! Suggestions must come back within Discord's 3 s, are scoped like every read, and fail quietly
//! (an empty list) rather than with an error the member would never see.

use super::super::{Context, render};
use crate::model::Scope;
use crate::query::Page;
use crate::query::suggest::NameFilter;
use poise::serenity_prelude as serenity;

/// Discord shows at most 25 choices.
const MAX_CHOICES: usize = 25;
/// Recent articles searched for a typed fragment.
const RECENT: usize = 200;

fn choices(list: Vec<serenity::AutocompleteChoice>) -> serenity::CreateAutocompleteResponse {
    serenity::CreateAutocompleteResponse::new().set_choices(list)
}

/// The caller's scope, or `None` (no suggestions) where commands are refused.
fn scope_of(ctx: Context<'_>) -> Option<Scope> {
    super::super::scope(ctx).ok()
}

/// `article`: recent titles in this scope whose title or number contains what was typed.
pub async fn article(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let Some(scope) = scope_of(ctx) else {
        return choices(Vec::new());
    };
    let list = match ctx
        .data()
        .desk
        .articles(scope, None, Page::first(RECENT))
        .await
    {
        Ok(l) => l.articles,
        Err(e) => {
            tracing::warn!(error = %e, "article autocomplete failed");
            Vec::new()
        }
    };
    let needle = partial.trim().trim_start_matches('#').to_lowercase();
    let found = list
        .iter()
        .filter(|a| {
            needle.is_empty()
                || a.id.to_string() == needle
                || a.display_title().to_lowercase().contains(&needle)
        })
        .take(MAX_CHOICES)
        .map(|a| {
            let name = render::cut(
                &format!("#{} {}", a.id, a.display_title()),
                render::MAX_CHOICE_NAME,
            );
            serenity::AutocompleteChoice::new(name, a.id.to_string())
        })
        .collect();
    choices(found)
}

/// `name` (of `/entity`): known names in this scope.
pub async fn entity(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    names(ctx, partial, NameFilter::All).await
}

/// `speaker` (of `/quotes`): known names that have been quoted.
pub async fn speaker(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    names(ctx, partial, NameFilter::Speakers).await
}

async fn names(
    ctx: Context<'_>,
    partial: &str,
    filter: NameFilter,
) -> serenity::CreateAutocompleteResponse {
    let Some(scope) = scope_of(ctx) else {
        return choices(Vec::new());
    };
    match ctx
        .data()
        .desk
        .suggest_names(scope, partial, filter, MAX_CHOICES)
        .await
    {
        Ok(names) => choices(
            names
                .into_iter()
                .map(|n| {
                    let n = render::cut(&n, render::MAX_CHOICE_NAME);
                    serenity::AutocompleteChoice::new(n.clone(), n)
                })
                .collect(),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "name autocomplete failed");
            choices(Vec::new())
        }
    }
}

/// `feed`: this scope's feeds whose title, link or number contains what was typed.
pub async fn feed(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let Some(scope) = scope_of(ctx) else {
        return choices(Vec::new());
    };
    let feeds = match ctx.data().desk.store().feeds(scope).await {
        Ok(f) => f,
        Err(e) => {
            tracing::warn!(error = %e, "feed autocomplete failed");
            Vec::new()
        }
    };
    let needle = partial.trim().trim_start_matches('#').to_lowercase();
    let found = feeds
        .iter()
        .filter(|f| {
            needle.is_empty()
                || f.id.to_string() == needle
                || f.url.to_lowercase().contains(&needle)
                || f.title
                    .as_deref()
                    .is_some_and(|t| t.to_lowercase().contains(&needle))
        })
        .take(MAX_CHOICES)
        .map(|f| {
            let title = f.title.as_deref().unwrap_or(&f.url);
            let name = render::cut(&format!("#{} {title}", f.id), render::MAX_CHOICE_NAME);
            serenity::AutocompleteChoice::new(name, f.id)
        })
        .collect();
    choices(found)
}
