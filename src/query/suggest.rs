//! Name suggestions while someone types (Discord autocomplete for `/entity` and `/quotes`).
//!
//! They are asked for on every keystroke, so each is a few bounded index reads whatever the store
//! size: names starting with what was typed (any alias, case and accents ignored) from the folded
//! name index, names containing it from the trigram index, and for an empty field the names most
//! mentioned in the latest articles.

use crate::Newsdesk;
use crate::error::Result;
use crate::model::Scope;
use crate::store::fold;
use sqlx::Row;

/// Which names are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFilter {
    /// Every known entity.
    All,
    /// Entities some stored quote is attributed to.
    Speakers,
}

/// Entities looked at for one keystroke, before ranking.
const CANDIDATES: i64 = 60;
/// Latest articles whose entities are offered when nothing is typed yet.
const RECENT_ARTICLES: i64 = 200;
/// Articles counted per entity when ranking; beyond it names tie and sort by name.
const COUNT_CAP: i64 = 1000;

impl Newsdesk {
    /// Up to `max` canonical names in `scope` that `partial` starts or appears in, the most
    /// mentioned first; with nothing typed, the names most mentioned in the latest articles.
    pub async fn suggest_names(
        &self,
        scope: Scope,
        partial: &str,
        filter: NameFilter,
        max: usize,
    ) -> Result<Vec<String>> {
        let folded = fold(partial);
        let speakers_only = i64::from(filter == NameFilter::Speakers);
        let pool = self.store.pool();
        if folded.is_empty() {
            let rows = sqlx::query(
                "SELECT e.name AS name, count(*) AS n FROM \
                 (SELECT id FROM articles WHERE scope = ?1 ORDER BY id DESC LIMIT ?2) a \
                 CROSS JOIN article_entities ae ON ae.article_id = a.id \
                 CROSS JOIN entities e ON e.id = ae.entity_id \
                 WHERE (?3 = 0 OR EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_entity = e.id)) \
                 GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?4",
            )
            .bind(scope.to_string())
            .bind(RECENT_ARTICLES)
            .bind(speakers_only)
            .bind(max as i64)
            .fetch_all(pool)
            .await?;
            return Ok(rows.iter().map(|r| r.get("name")).collect());
        }
        // Names (any alias) starting with the typed text: a range of the folded-name index.
        let mut ids: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT n.entity_id FROM entity_names n CROSS JOIN entities e ON e.id = n.entity_id \
             WHERE n.fold >= ?1 AND n.fold < ?1 || char(1114111) AND e.scope = ?2 LIMIT ?3",
        )
        .bind(&folded)
        .bind(scope.to_string())
        .bind(CANDIDATES)
        .fetch_all(pool)
        .await?;
        // Names with the typed text inside (`putin` in `vladimir putin`): the trigram index.
        if folded.chars().count() >= 3 && (ids.len() as i64) < CANDIDATES {
            let phrase = format!("\"{folded}\"");
            let inside: Vec<i64> = sqlx::query_scalar(
                "SELECT DISTINCT n.entity_id FROM entity_names_fts t \
                 CROSS JOIN entity_names n ON n.id = t.rowid CROSS JOIN entities e ON e.id = n.entity_id \
                 WHERE entity_names_fts MATCH ?1 AND e.scope = ?2 LIMIT ?3",
            )
            .bind(phrase)
            .bind(scope.to_string())
            .bind(CANDIDATES)
            .fetch_all(pool)
            .await?;
            for id in inside {
                if !ids.contains(&id) && (ids.len() as i64) < CANDIDATES {
                    ids.push(id);
                }
            }
        }
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = ids
            .iter()
            .map(|id| format!("({id})"))
            .collect::<Vec<_>>()
            .join(",");
        // `list` is integers from the database. Counts are capped so a name in tens of thousands
        // of articles costs no more than one in a thousand.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "WITH c (id) AS (VALUES {list}) SELECT e.name AS name, \
             (SELECT count(*) FROM (SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id LIMIT ?2)) AS n \
             FROM c CROSS JOIN entities e ON e.id = c.id \
             WHERE (?1 = 0 OR EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_entity = e.id)) \
             ORDER BY n DESC, e.name LIMIT ?3"
        )))
        .bind(speakers_only)
        .bind(COUNT_CAP)
        .bind(max as i64)
        .fetch_all(pool)
        .await?;
        Ok(rows.iter().map(|r| r.get("name")).collect())
    }
}
