//! From a name someone typed to the entities it may mean: exact on the folded name (any alias,
//! case and accents ignored), else the closest names by trigram candidates and edit distance.

use crate::Newsdesk;
use crate::error::Result;
use crate::model::Scope;
use crate::store::fold;
use std::collections::HashMap;

pub use crate::store::Candidate;

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

impl Newsdesk {
    /// Resolve a typed name in `scope`.
    pub(crate) async fn resolve(&self, scope: Scope, typed: &str) -> Result<Resolution> {
        let folded = fold(typed);
        if folded.is_empty() {
            return Ok(Resolution::None(Vec::new()));
        }
        let mut exact = self.store.entities_named(scope, &folded).await?;
        if exact.is_empty() {
            exact = self.store.people_by_surname(scope, &folded).await?;
        }
        if let [id] = exact.as_slice() {
            return Ok(Resolution::One {
                id: *id,
                fuzzy: false,
            });
        }
        if !exact.is_empty() {
            let mut candidates = self.store.candidates(&exact).await?;
            // One of them is known by exactly that full name: that is the one meant.
            let full: Vec<i64> = candidates
                .iter()
                .filter(|(_, c)| fold(&c.name) == folded)
                .map(|(id, _)| *id)
                .collect();
            if let [id] = full.as_slice() {
                return Ok(Resolution::One {
                    id: *id,
                    fuzzy: false,
                });
            }
            candidates
                .sort_by(|(_, a), (_, b)| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
            return Ok(Resolution::Many(candidates));
        }
        self.resolve_fuzzy(scope, &folded).await
    }

    async fn resolve_fuzzy(&self, scope: Scope, folded: &str) -> Result<Resolution> {
        let rows = self.store.names_near(scope, folded).await?;
        let mut best: HashMap<i64, f64> = HashMap::new();
        for (id, name) in &rows {
            let score = similarity(folded, name);
            let e = best.entry(*id).or_insert(0.0);
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
            .store
            .candidates(&top)
            .await?
            .into_iter()
            .map(|(_, c)| c)
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
}
