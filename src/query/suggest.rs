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

pub use crate::store::NameFilter;

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
        if folded.is_empty() {
            return self
                .store
                .names_in_latest(scope, RECENT_ARTICLES, filter, max)
                .await;
        }
        self.store
            .names_matching(scope, &folded, CANDIDATES, filter, COUNT_CAP, max)
            .await
    }
}
