//! The read paths members use all day: summaries, quotes, entity profiles, questions, article
//! lists. They read the stored analysis and never re-analyse (except a summary of a different
//! length, recomputed from the stored sentences).

use crate::Newsdesk;
use crate::error::{Error, Result};
use crate::model::{ArticleId, ArticleRef, Scope};
use serde::Serialize;
use sqlx::Row;

/// One page of a longer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Page {
    /// From 0.
    pub index: usize,
    pub size: usize,
}

impl Page {
    pub fn first(size: usize) -> Page {
        Page { index: 0, size }
    }
    fn offset(self) -> usize {
        self.index.saturating_mul(self.size)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    pub article: ArticleRef,
    pub sentences: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub text: String,
    pub speaker: Option<String>,
    pub article: ArticleRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteList {
    pub quotes: Vec<QuoteView>,
    pub page: Page,
    /// Whether another page follows.
    pub more: bool,
    /// For a speaker search: the canonical name the speaker resolved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// For a speaker search that found nobody: the closest known names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleList {
    pub articles: Vec<ArticleRef>,
    pub page: Page,
    pub more: bool,
}

impl Newsdesk {
    /// The stored summary of article `id`, or one of `sentences` length computed from the
    /// stored sentences when that differs.
    pub async fn summary(
        &self,
        scope: Scope,
        id: ArticleId,
        sentences: Option<usize>,
    ) -> Result<SummaryView> {
        let stored = self.store.article(scope, id).await?;
        let n = sentences.unwrap_or(stored.summary_size).clamp(1, 20);
        let spans = if n == stored.summary_size {
            stored.summary.clone()
        } else {
            let all: Vec<crate::analysis::Span> = self
                .store
                .sentence_spans(id)
                .await?
                .into_iter()
                .map(|(s, e)| crate::analysis::Span::new(s, e))
                .collect();
            crate::analysis::summary::summarize(&stored.text, &all, n)
                .into_iter()
                .map(|i| (all[i].start, all[i].end))
                .collect()
        };
        let sentences = spans
            .iter()
            .filter_map(|&(s, e)| stored.text.get(s..e))
            .map(str::to_string)
            .collect();
        Ok(SummaryView {
            article: stored.meta,
            sentences,
        })
    }

    /// Stored articles, newest first, optionally filtered by a full-text search.
    pub async fn articles(
        &self,
        scope: Scope,
        search: Option<&str>,
        page: Page,
    ) -> Result<ArticleList> {
        let search = search.map(str::trim).filter(|s| !s.is_empty());
        let mut articles = self
            .store
            .list_articles(scope, search, page.size + 1, page.offset())
            .await?;
        let more = articles.len() > page.size;
        articles.truncate(page.size);
        Ok(ArticleList {
            articles,
            page,
            more,
        })
    }

    /// Delete an article and everything derived from it.
    pub async fn forget(&self, scope: Scope, id: ArticleId) -> Result<ArticleRef> {
        self.store.forget(scope, id).await
    }

    /// An article's quotes, key quotes first.
    pub async fn article_quotes(
        &self,
        scope: Scope,
        id: ArticleId,
        page: Page,
    ) -> Result<QuoteList> {
        let article = self.store.article(scope, id).await?.meta;
        let rows = sqlx::query("SELECT text, speaker FROM quotes WHERE article_id = ?1 ORDER BY rank LIMIT ?2 OFFSET ?3")
            .bind(id.0)
            .bind(page.size as i64 + 1)
            .bind(page.offset() as i64)
            .fetch_all(self.store.pool())
            .await?;
        let mut quotes: Vec<QuoteView> = rows
            .iter()
            .map(|r| QuoteView {
                text: r.get("text"),
                speaker: r.get("speaker"),
                article: article.clone(),
            })
            .collect();
        let more = quotes.len() > page.size;
        quotes.truncate(page.size);
        Ok(QuoteList {
            quotes,
            page,
            more,
            speaker: None,
            suggestions: Vec::new(),
        })
    }

    /// Validate a free-text query: not empty, not absurdly long.
    pub fn check_query<'q>(&self, q: &'q str) -> Result<&'q str> {
        let q = q.trim();
        if q.is_empty() {
            return Err(Error::EmptyQuery);
        }
        let max = self.config.ask.max_question_chars;
        if q.chars().count() > max {
            return Err(Error::TooLong { max });
        }
        Ok(q)
    }
}

pub mod ask;
pub mod bench;
pub mod entity;
pub mod llm;
mod resolve;
pub mod suggest;

pub use ask::{Answer, AnswerType, AskContext, Cited, Evidence, Ranked, ShortAnswer};
pub use entity::{Candidate, EntityLookup, EntityProfile, MentionSnippet, Related};

impl Newsdesk {
    /// Quotes attributed to the entity named `speaker` (any alias, case, accents or a small typo
    /// forgiven), newest article first. When the name is unknown the list is empty and
    /// [`QuoteList::suggestions`] holds the closest names.
    pub async fn speaker_quotes(
        &self,
        scope: Scope,
        speaker: &str,
        page: Page,
    ) -> Result<QuoteList> {
        let speaker = self.check_query(speaker)?;
        let folded = crate::store::fold(speaker);
        // Exact names first, by name only: a common surname can answer for several entities and
        // counting their articles (as an ambiguous /entity does) is not needed to list quotes.
        let exact = if folded.is_empty() {
            Vec::new()
        } else {
            self.store.entities_named(scope, &folded).await?
        };
        let (ids, resolved, suggestions) = match exact.as_slice() {
            [id] => (vec![*id], self.store.entity_name(*id).await?, Vec::new()),
            [_, _, ..] => {
                // One of them is known by exactly that full name: that is the one meant.
                let full: Vec<(i64, String)> = self
                    .store
                    .entity_names_of(&exact)
                    .await?
                    .into_iter()
                    .filter(|(_, name)| crate::store::fold(name) == folded)
                    .collect();
                match full.as_slice() {
                    [(id, name)] => (vec![*id], Some(name.clone()), Vec::new()),
                    // Everyone answering to exactly that name.
                    _ => (exact, None, Vec::new()),
                }
            }
            [] => match self.store.resolve(scope, speaker).await? {
                resolve::Resolution::One { id, .. } => {
                    (vec![id], self.store.entity_name(id).await?, Vec::new())
                }
                resolve::Resolution::Many(_) => (
                    self.store.entities_named(scope, &folded).await?,
                    None,
                    Vec::new(),
                ),
                resolve::Resolution::None(s) => {
                    (Vec::new(), None, s.into_iter().map(|c| c.name).collect())
                }
            },
        };
        // One ordered, bounded walk of `quotes_speaker` per entity, all in one round trip, merged
        // here: SQLite would otherwise sort every quote of all the entities together.
        let want = page.offset().saturating_add(page.size).saturating_add(1);
        let mut rows: Vec<(i64, i64, String, Option<String>)> = Vec::new();
        for chunk in ids.chunks(200) {
            // Only integers from the database are formatted in.
            let sql = chunk
                .iter()
                .map(|id| {
                    format!(
                        "SELECT * FROM (SELECT text, speaker, article_id, rank FROM quotes \
                         WHERE speaker_entity = {id} ORDER BY article_id DESC, rank LIMIT ?1)"
                    )
                })
                .collect::<Vec<_>>()
                .join(" UNION ALL ");
            let found = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(i64::try_from(want).unwrap_or(i64::MAX))
                .fetch_all(self.store.pool())
                .await?;
            rows.extend(found.iter().map(|r| {
                (
                    r.get::<i64, _>("article_id"),
                    r.get::<i64, _>("rank"),
                    r.get::<String, _>("text"),
                    r.get::<Option<String>, _>("speaker"),
                )
            }));
        }
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let rows: Vec<_> = rows
            .into_iter()
            .skip(page.offset())
            .take(page.size + 1)
            .collect();
        let article_ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let refs = self.store.article_refs(&article_ids).await?;
        let mut quotes: Vec<QuoteView> = rows
            .into_iter()
            .filter_map(|(article, _, text, speaker)| {
                Some(QuoteView {
                    text,
                    speaker,
                    article: refs.get(&article)?.clone(),
                })
            })
            .collect();
        let more = quotes.len() > page.size;
        quotes.truncate(page.size);
        Ok(QuoteList {
            quotes,
            page,
            more,
            speaker: resolved,
            suggestions,
        })
    }
}
