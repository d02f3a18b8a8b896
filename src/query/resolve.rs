//! From a name someone typed to the entities it may mean: exact on the folded name (any alias,
//! case and accents ignored), else the closest names by trigram candidates and edit distance.

use crate::analysis::EntityKind;
use crate::error::Result;
use crate::model::Scope;
use crate::store::{Store, fold};
use serde::Serialize;
use sqlx::Row;
use std::collections::HashMap;

/// A possible match offered when a name is unknown or ambiguous.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub name: String,
    pub kind: EntityKind,
    pub articles: usize,
}

/// What a typed name resolved to.
#[derive(Debug, Clone)]
pub(crate) enum Resolution {
    /// One entity; `fuzzy` when it was found despite a typo.
    One { id: i64, fuzzy: bool },
    /// Several entities answer to exactly that name: each with how it is offered, most articles
    /// first.
    Many(Vec<(i64, Candidate)>),
    /// Nothing close enough to pick one; the nearest names, best first.
    None(Vec<Candidate>),
}

/// Similarity at or above which a lone closest name is taken as meant.
const ACCEPT: f64 = 0.78;
/// Similarity needed to be offered as a suggestion.
const SUGGEST: f64 = 0.5;
const MAX_SUGGESTIONS: usize = 5;

/// Similarity of a typed (folded) name to a known folded name, in 0..=1: the whole name, or the
/// best run of the same number of words inside it (`putn` against `vladimir putin`).
pub(crate) fn similarity(typed: &str, known: &str) -> f64 {
    let whole = strsim::normalized_damerau_levenshtein(typed, known);
    let n = typed.split(' ').count();
    let words: Vec<&str> = known.split(' ').collect();
    if n >= words.len() {
        return whole;
    }
    let best_window = words
        .windows(n)
        .map(|w| strsim::normalized_damerau_levenshtein(typed, &w.join(" ")))
        .fold(0.0, f64::max);
    // A part of the name is slightly weaker evidence than the whole name.
    whole.max(best_window * 0.97)
}

/// FTS5 query over the trigram index: every trigram of the folded name, ORed.
fn trigram_query(folded: &str) -> Option<String> {
    let chars: Vec<char> = folded.chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let mut grams: Vec<String> = chars.windows(3).map(|w| w.iter().collect()).collect();
    grams.sort();
    grams.dedup();
    grams.truncate(48);
    Some(
        grams
            .iter()
            .map(|g| format!("\"{g}\""))
            .collect::<Vec<_>>()
            .join(" OR "),
    )
}

impl Store {
    /// Entities of `scope` with a name that folds exactly to `folded`.
    pub(crate) async fn entities_named(&self, scope: Scope, folded: &str) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT n.entity_id FROM entity_names n CROSS JOIN entities e ON e.id = n.entity_id \
             WHERE n.fold = ?1 AND e.scope = ?2",
        )
        .bind(folded)
        .bind(scope.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// People of `scope` whose name (any alias of several words) ends with the one word `word`:
    /// a surname typed alone (`guterres` for an article that only ever wrote `Antonio Guterres`).
    pub(crate) async fn people_by_surname(&self, scope: Scope, word: &str) -> Result<Vec<i64>> {
        if word.contains(' ') || word.chars().count() < 3 {
            return Ok(Vec::new());
        }
        // The trigram index finds names containing the word; whole last words are kept here.
        let rows = sqlx::query(
            "SELECT n.entity_id AS id, n.fold AS fold FROM entity_names_fts t \
             CROSS JOIN entity_names n ON n.id = t.rowid CROSS JOIN entities e ON e.id = n.entity_id \
             WHERE entity_names_fts MATCH ?1 AND e.scope = ?2 AND e.kind = 'person' LIMIT 500",
        )
        .bind(format!("\"{word}\""))
        .bind(scope.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut ids: Vec<i64> = Vec::new();
        for r in &rows {
            let fold: &str = r.get("fold");
            let id: i64 = r.get("id");
            if fold.rsplit_once(' ').is_some_and(|(_, last)| last == word) && !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// `(id, canonical name)` of each of `ids` still stored, in the order of `ids`, in one round
    /// trip per 400 (a surname can name dozens).
    pub(crate) async fn entity_names_of(&self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        let mut found: HashMap<i64, String> = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(400) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            // `list` is integers from the database.
            let rows: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT id, name FROM entities WHERE id IN ({list})"
            )))
            .fetch_all(self.pool())
            .await?;
            found.extend(rows);
        }
        Ok(ids
            .iter()
            .filter_map(|id| Some((*id, found.remove(id)?)))
            .collect())
    }

    /// The canonical name of entity `id`, without the article count [`Store::candidates`] pays for.
    pub(crate) async fn entity_name(&self, id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT name FROM entities WHERE id = ?1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// How each of `ids` is shown as a candidate (with its article count) and its canonical name,
    /// in one round trip (a common surname can name dozens), in the order of `ids`.
    async fn candidates(&self, ids: &[i64]) -> Result<Vec<(i64, (Candidate, String))>> {
        let mut found: HashMap<i64, (Candidate, String)> = HashMap::new();
        for chunk in ids.chunks(400) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            // `list` is integers from the database.
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT id, name, kind, (SELECT count(*) FROM article_entities WHERE entity_id = entities.id) AS n \
                 FROM entities WHERE id IN ({list})"
            )))
            .fetch_all(self.pool())
            .await?;
            for r in rows {
                found.insert(
                    r.get("id"),
                    (
                        Candidate {
                            name: r.get("name"),
                            kind: EntityKind::parse(r.get::<&str, _>("kind"))
                                .unwrap_or(EntityKind::Other),
                            articles: r.get::<i64, _>("n") as usize,
                        },
                        r.get("name"),
                    ),
                );
            }
        }
        Ok(ids
            .iter()
            .filter_map(|id| Some((*id, found.remove(id)?)))
            .collect())
    }

    /// Resolve a typed name in `scope`.
    pub(crate) async fn resolve(&self, scope: Scope, typed: &str) -> Result<Resolution> {
        let folded = fold(typed);
        if folded.is_empty() {
            return Ok(Resolution::None(Vec::new()));
        }
        let mut exact = self.entities_named(scope, &folded).await?;
        if exact.is_empty() {
            exact = self.people_by_surname(scope, &folded).await?;
        }
        if let [id] = exact.as_slice() {
            return Ok(Resolution::One {
                id: *id,
                fuzzy: false,
            });
        }
        if !exact.is_empty() {
            let found = self.candidates(&exact).await?;
            // One of them is known by exactly that full name: that is the one meant.
            let full: Vec<i64> = found
                .iter()
                .filter(|(_, (_, name))| fold(name) == folded)
                .map(|(id, _)| *id)
                .collect();
            if let [id] = full.as_slice() {
                return Ok(Resolution::One {
                    id: *id,
                    fuzzy: false,
                });
            }
            let mut candidates: Vec<(i64, Candidate)> =
                found.into_iter().map(|(id, (c, _))| (id, c)).collect();
            candidates
                .sort_by(|(_, a), (_, b)| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
            return Ok(Resolution::Many(candidates));
        }
        self.resolve_fuzzy(scope, &folded).await
    }

    async fn resolve_fuzzy(&self, scope: Scope, folded: &str) -> Result<Resolution> {
        let rows = match trigram_query(folded) {
            Some(q) => {
                sqlx::query(
                    "SELECT n.entity_id AS id, n.fold AS fold FROM entity_names_fts t \
                     CROSS JOIN entity_names n ON n.id = t.rowid CROSS JOIN entities e ON e.id = n.entity_id \
                     WHERE entity_names_fts MATCH ?1 AND e.scope = ?2 ORDER BY t.rank LIMIT 200",
                )
                .bind(q)
                .bind(scope.to_string())
                .fetch_all(self.pool())
                .await?
            }
            // Too short for trigrams: names starting with it.
            None => {
                sqlx::query(
                    "SELECT n.entity_id AS id, n.fold AS fold FROM entity_names n \
                     CROSS JOIN entities e ON e.id = n.entity_id \
                     WHERE n.fold >= ?1 AND n.fold < ?1 || char(1114111) AND e.scope = ?2 LIMIT 200",
                )
                .bind(folded)
                .bind(scope.to_string())
                .fetch_all(self.pool())
                .await?
            }
        };
        let mut best: HashMap<i64, f64> = HashMap::new();
        for r in &rows {
            let score = similarity(folded, r.get::<&str, _>("fold"));
            let e = best.entry(r.get("id")).or_insert(0.0);
            *e = e.max(score);
        }
        let mut ranked: Vec<(i64, f64)> = best.into_iter().filter(|&(_, s)| s >= SUGGEST).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        if let Some(&(id, top)) = ranked.first() {
            let runner_up = ranked.get(1).map_or(0.0, |r| r.1);
            if top >= ACCEPT && top - runner_up >= 0.08 {
                return Ok(Resolution::One { id, fuzzy: true });
            }
        }
        let top: Vec<i64> = ranked
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|r| r.0)
            .collect();
        let suggestions = self
            .candidates(&top)
            .await?
            .into_iter()
            .map(|(_, (c, _))| c)
            .collect();
        Ok(Resolution::None(suggestions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_tolerates_typos_and_partial_names() {
        assert!(similarity("putn", "putin") >= ACCEPT);
        assert!(similarity("putin", "vladimir putin") > 0.95);
        assert!(similarity("zelenskyy", "zelensky") >= ACCEPT);
        assert!(similarity("vladmir putin", "vladimir putin") >= ACCEPT);
        assert!(similarity("merkel", "vladimir putin") < SUGGEST);
        assert_eq!(similarity("putin", "putin"), 1.0);
    }

    #[test]
    fn trigram_queries_are_plain_quoted_terms() {
        assert_eq!(trigram_query("ab"), None);
        assert_eq!(trigram_query("abcd").as_deref(), Some("\"abc\" OR \"bcd\""));
    }
}
