//! Entity lookup by any alias (case, accents and small typos forgiven) and the profile of what
//! the store knows about it.
//!
//! Profiles stay fast for entities named in tens of thousands of articles: counts come from a
//! covering index, and roles, companions, quotes and snippets from the latest articles only.

use super::resolve::Resolution;
use crate::Newsdesk;
use crate::analysis::EntityKind;
use crate::error::Result;
use crate::model::{ArticleRef, Scope};
use crate::query::QuoteView;
use crate::store::fold;
use serde::Serialize;
use std::collections::HashMap;

pub use super::resolve::Candidate;

/// Articles looked at for roles and companions (the most recent ones).
const RECENT_ARTICLES: i64 = 300;
/// Articles at each end of an entity's history (its first and its latest stored) whose dates make
/// up when it was seen: exact up to twice this many articles, and bounded for the famous.
const SEEN_ARTICLES: i64 = 300;
/// Quotes looked at for the key quotes (the most recent ones).
const RECENT_QUOTES: i64 = 200;
const MAX_RELATED: usize = 8;
const MAX_ROLES: usize = 8;
const MAX_ALIASES: usize = 20;
const KEY_QUOTES: usize = 3;
const LATEST_SNIPPETS: usize = 5;
/// Longest snippet shown, in characters.
const SNIPPET_CHARS: usize = 300;

/// Another entity often mentioned in the same articles.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub name: String,
    pub kind: EntityKind,
    /// Articles (among the recent ones looked at) that mention both.
    pub articles: usize,
}

/// A sentence mentioning the entity, with its article.
#[derive(Debug, Clone, Serialize)]
pub struct MentionSnippet {
    pub sentence: String,
    pub article: ArticleRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityProfile {
    pub name: String,
    pub kind: EntityKind,
    /// Roles and descriptors seen, most frequent first.
    pub roles: Vec<String>,
    pub aliases: Vec<String>,
    pub articles: usize,
    pub mentions: usize,
    /// When it was first and last in the news: the earliest and latest publication date of its
    /// articles (an article's ingest time when the page gave no date), as stored (RFC 3339 or
    /// `YYYY-MM-DD`). Read from its first and latest stored articles, a few hundred of each.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub related: Vec<Related>,
    /// Its key quotes, highest scored first.
    pub quotes: Vec<QuoteView>,
    /// Its latest mentions, newest article first.
    pub latest: Vec<MentionSnippet>,
    /// Set when the name typed was not an exact alias but close to one (a typo).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_from: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum EntityLookup {
    Found {
        profile: Box<EntityProfile>,
    },
    /// Several entities answer to that name.
    Ambiguous {
        candidates: Vec<Candidate>,
    },
    /// Nothing by that name; the closest names known, if any.
    Unknown {
        suggestions: Vec<Candidate>,
    },
}

/// At most `max` characters of `s`, cut at a word boundary with an ellipsis.
pub(crate) fn snippet(s: &str, max: usize) -> String {
    super::ask::excerpt::excerpt(s, max, None).text
}

impl Newsdesk {
    /// Look an entity up by any of its names in `scope`.
    pub async fn entity(&self, scope: Scope, name: &str) -> Result<EntityLookup> {
        let name = self.check_query(name)?;
        match self.resolve(scope, name).await? {
            Resolution::One { id, fuzzy } => {
                let mut profile = self.entity_profile(id).await?;
                if fuzzy {
                    profile.matched_from = Some(name.to_string());
                }
                Ok(EntityLookup::Found {
                    profile: Box::new(profile),
                })
            }
            Resolution::Many(found) => Ok(EntityLookup::Ambiguous {
                candidates: found.into_iter().map(|(_, c)| c).collect(),
            }),
            Resolution::None(suggestions) => Ok(EntityLookup::Unknown { suggestions }),
        }
    }

    async fn entity_profile(&self, id: i64) -> Result<EntityProfile> {
        let (card, mentions) = self.store.entity_card(id).await?;
        let (first_seen, last_seen) = self.store.entity_seen(id, SEEN_ARTICLES).await?;

        let mut aliases: Vec<String> = Vec::new();
        let mut folds = vec![fold(&card.name)];
        for (alias, f) in self.store.entity_aliases(id).await? {
            if !folds.contains(&f) && aliases.len() < MAX_ALIASES {
                folds.push(f);
                aliases.push(alias);
            }
        }

        let roles = self.entity_roles(id).await?;
        let related = self
            .store
            .entities_beside(id, RECENT_ARTICLES, MAX_RELATED)
            .await?
            .into_iter()
            .map(|c| Related {
                name: c.name,
                kind: c.kind,
                articles: c.articles,
            })
            .collect();
        let quotes = self.key_quotes(id).await?;
        let latest = self.latest_mentions(id).await?;
        Ok(EntityProfile {
            name: card.name,
            kind: card.kind,
            roles,
            aliases,
            articles: card.articles,
            mentions,
            first_seen,
            last_seen,
            related,
            quotes,
            latest,
            matched_from: None,
        })
    }

    async fn entity_roles(&self, id: i64) -> Result<Vec<String>> {
        let rows = self.store.entity_role_lists(id, RECENT_ARTICLES).await?;
        // Count case-insensitively, show the first spelling seen (the newest).
        let mut counts: Vec<(String, String, usize)> = Vec::new();
        for json in rows {
            for role in serde_json::from_str::<Vec<String>>(&json).unwrap_or_default() {
                let key = fold(&role);
                if key.is_empty() {
                    continue;
                }
                match counts.iter_mut().find(|(k, _, _)| *k == key) {
                    Some(c) => c.2 += 1,
                    None => counts.push((key, role, 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.2));
        Ok(counts
            .into_iter()
            .take(MAX_ROLES)
            .map(|(_, role, _)| role)
            .collect())
    }

    async fn key_quotes(&self, id: i64) -> Result<Vec<QuoteView>> {
        let quotes = self
            .store
            .key_quotes_of(id, RECENT_QUOTES, KEY_QUOTES)
            .await?;
        let ids: Vec<i64> = quotes.iter().map(|q| q.article_id).collect();
        let refs = self.store.article_refs(&ids).await?;
        Ok(quotes
            .into_iter()
            .filter_map(|q| {
                Some(QuoteView {
                    article: refs.get(&q.article_id)?.clone(),
                    text: q.text,
                    speaker: q.speaker,
                })
            })
            .collect())
    }

    async fn latest_mentions(&self, id: i64) -> Result<Vec<MentionSnippet>> {
        let rows = self.store.latest_mention_sentences(id).await?;
        // Newest articles first, at most two sentences from each.
        let mut per_article: HashMap<i64, usize> = HashMap::new();
        let mut picked: Vec<(i64, String)> = Vec::new();
        for (article, text) in &rows {
            let n = per_article.entry(*article).or_default();
            if *n < 2 && picked.len() < LATEST_SNIPPETS {
                *n += 1;
                picked.push((*article, snippet(text, SNIPPET_CHARS)));
            }
        }
        picked.sort_by_key(|p| std::cmp::Reverse(p.0));
        let ids: Vec<i64> = picked.iter().map(|p| p.0).collect();
        let refs = self.store.article_refs(&ids).await?;
        Ok(picked
            .into_iter()
            .filter_map(|(a, sentence)| {
                Some(MentionSnippet {
                    sentence,
                    article: refs.get(&a)?.clone(),
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn snippets_cut_at_words_and_char_boundaries() {
        assert_eq!(snippet("short one", 20), "short one");
        assert_eq!(snippet("élan vital forever", 12), "élan vital…");
        assert_eq!(snippet("ééééé", 3), "ééé…");
    }
}
