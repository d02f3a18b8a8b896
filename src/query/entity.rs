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
use sqlx::Row;
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
    let s = s.trim();
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((cut, _)) => {
            let head = &s[..cut];
            let head = head.rfind(' ').map_or(head, |i| &head[..i]);
            format!("{}…", head.trim_end())
        }
    }
}

impl Newsdesk {
    /// Look an entity up by any of its names in `scope`.
    pub async fn entity(&self, scope: Scope, name: &str) -> Result<EntityLookup> {
        let name = self.check_query(name)?;
        match self.store.resolve(scope, name).await? {
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
        let pool = self.store.pool();
        let row = sqlx::query("SELECT name, kind FROM entities WHERE id = ?1")
            .bind(id)
            .fetch_one(pool)
            .await?;
        let name: String = row.get("name");
        let kind = EntityKind::parse(row.get::<&str, _>("kind")).unwrap_or(EntityKind::Other);

        // Covering index (entity_id, article_id, mention_count): no table lookups.
        let stats = sqlx::query(
            "SELECT count(*) AS n, coalesce(sum(mention_count), 0) AS m \
             FROM article_entities WHERE entity_id = ?1",
        )
        .bind(id)
        .fetch_one(pool)
        .await?;
        let (first_seen, last_seen) = self.seen(id).await?;

        let own = fold(&name);
        let mut aliases: Vec<String> = Vec::new();
        let mut folds = vec![own];
        for r in
            sqlx::query("SELECT alias, fold FROM entity_names WHERE entity_id = ?1 ORDER BY id")
                .bind(id)
                .fetch_all(pool)
                .await?
        {
            let f: String = r.get("fold");
            if !folds.contains(&f) && aliases.len() < MAX_ALIASES {
                folds.push(f);
                aliases.push(r.get("alias"));
            }
        }

        let roles = self.entity_roles(id).await?;
        let related = self.related(id).await?;
        let quotes = self.key_quotes(id).await?;
        let latest = self.latest_mentions(id).await?;
        Ok(EntityProfile {
            name,
            kind,
            roles,
            aliases,
            articles: stats.get::<i64, _>("n") as usize,
            mentions: stats.get::<i64, _>("m") as usize,
            first_seen,
            last_seen,
            related,
            quotes,
            latest,
            matched_from: None,
        })
    }

    /// Earliest and latest publication date (else ingest time) of the entity's articles, among
    /// its first and latest stored ones: articles are often stored out of publication order.
    async fn seen(&self, id: i64) -> Result<(Option<String>, Option<String>)> {
        Ok(sqlx::query_as(
            "SELECT min(d), max(d) FROM ( \
               SELECT coalesce(nullif(a.published, ''), a.ingested_at) AS d FROM \
                 (SELECT article_id FROM article_entities WHERE entity_id = ?1 \
                  ORDER BY article_id LIMIT ?2) e \
                 CROSS JOIN articles a ON a.id = e.article_id \
               UNION ALL \
               SELECT coalesce(nullif(a.published, ''), a.ingested_at) FROM \
                 (SELECT article_id FROM article_entities WHERE entity_id = ?1 \
                  ORDER BY article_id DESC LIMIT ?2) e \
                 CROSS JOIN articles a ON a.id = e.article_id)",
        )
        .bind(id)
        .bind(SEEN_ARTICLES)
        .fetch_one(self.store.pool())
        .await?)
    }

    async fn entity_roles(&self, id: i64) -> Result<Vec<String>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT roles FROM article_entities WHERE entity_id = ?1 ORDER BY article_id DESC LIMIT ?2",
        )
        .bind(id)
        .bind(RECENT_ARTICLES)
        .fetch_all(self.store.pool())
        .await?;
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

    async fn related(&self, id: i64) -> Result<Vec<Related>> {
        let rows = sqlx::query(
            "SELECT e.name AS name, e.kind AS kind, count(*) AS n FROM \
             (SELECT article_id FROM article_entities WHERE entity_id = ?1 ORDER BY article_id DESC LIMIT ?2) r \
             JOIN article_entities o ON o.article_id = r.article_id AND o.entity_id != ?1 \
             JOIN entities e ON e.id = o.entity_id \
             WHERE e.kind IN ('person', 'organization', 'place') \
             GROUP BY o.entity_id ORDER BY n DESC, e.name LIMIT ?3",
        )
        .bind(id)
        .bind(RECENT_ARTICLES)
        .bind(MAX_RELATED as i64)
        .fetch_all(self.store.pool())
        .await?;
        Ok(rows
            .iter()
            .map(|r| Related {
                name: r.get("name"),
                kind: EntityKind::parse(r.get::<&str, _>("kind")).unwrap_or(EntityKind::Other),
                articles: r.get::<i64, _>("n") as usize,
            })
            .collect())
    }

    async fn key_quotes(&self, id: i64) -> Result<Vec<QuoteView>> {
        let rows = sqlx::query(
            "SELECT text, speaker, article_id, score, rank FROM \
             (SELECT * FROM quotes WHERE speaker_entity = ?1 AND score > 0 \
             ORDER BY article_id DESC LIMIT ?2) \
             ORDER BY rank = 0 DESC, score DESC, article_id DESC LIMIT ?3",
        )
        .bind(id)
        .bind(RECENT_QUOTES)
        .bind(KEY_QUOTES as i64)
        .fetch_all(self.store.pool())
        .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.get("article_id")).collect();
        let refs = self.store.article_refs(&ids).await?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some(QuoteView {
                    text: r.get("text"),
                    speaker: r.get("speaker"),
                    article: refs.get(&r.get::<i64, _>("article_id"))?.clone(),
                })
            })
            .collect())
    }

    async fn latest_mentions(&self, id: i64) -> Result<Vec<MentionSnippet>> {
        let rows = sqlx::query(
            "SELECT DISTINCT m.article_id AS article_id, s.text AS text FROM \
             (SELECT DISTINCT article_id, sentence_idx FROM mentions INDEXED BY mentions_entity_sentence \
              WHERE entity_id = ?1 ORDER BY article_id DESC, sentence_idx DESC LIMIT 40) m \
             JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_idx \
             ORDER BY m.article_id DESC, s.idx",
        )
        .bind(id)
        .fetch_all(self.store.pool())
        .await?;
        // Newest articles first, at most two sentences from each.
        let mut per_article: HashMap<i64, usize> = HashMap::new();
        let mut picked: Vec<(i64, String)> = Vec::new();
        for r in &rows {
            let article: i64 = r.get("article_id");
            let n = per_article.entry(article).or_default();
            if *n < 2 && picked.len() < LATEST_SNIPPETS {
                *n += 1;
                picked.push((article, snippet(r.get("text"), SNIPPET_CHARS)));
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
