//! Suggestions while a member types: recent article titles of this server, and known names.
//!
//! Suggestions must come back within Discord's 3 s, are scoped like every read, and fail quietly
//! (an empty list) rather than with an error the member would never see.

use super::super::{Context, render};
use crate::Newsdesk;
use crate::model::Scope;
use crate::query::Page;
use poise::serenity_prelude as serenity;
use sqlx::Row;

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
    names(ctx, partial, false).await
}

/// `speaker` (of `/quotes`): known names that have been quoted.
pub async fn speaker(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    names(ctx, partial, true).await
}

async fn names(
    ctx: Context<'_>,
    partial: &str,
    quoted: bool,
) -> serenity::CreateAutocompleteResponse {
    let Some(scope) = scope_of(ctx) else {
        return choices(Vec::new());
    };
    match known_names(&ctx.data().desk, scope, partial, quoted).await {
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

/// Entity names in `scope` containing `partial`, the most mentioned first.
// The core has no name-suggestion query yet; this read-only one belongs in `query` once it has.
async fn known_names(
    desk: &Newsdesk,
    scope: Scope,
    partial: &str,
    quoted: bool,
) -> crate::Result<Vec<String>> {
    let pattern = format!(
        "%{}%",
        partial
            .trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let rows = sqlx::query(
        "SELECT e.name AS name FROM entities e \
         WHERE e.scope = ?1 AND e.name LIKE ?2 ESCAPE '\\' \
         AND (?3 = 0 OR EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_entity = e.id)) \
         ORDER BY (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) DESC, e.name \
         LIMIT ?4",
    )
    .bind(scope.to_string())
    .bind(pattern)
    .bind(i64::from(quoted))
    .bind(MAX_CHOICES as i64)
    .fetch_all(desk.store().pool())
    .await?;
    Ok(rows.iter().map(|r| r.get("name")).collect())
}
