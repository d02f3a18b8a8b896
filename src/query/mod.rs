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

pub use ask::{Answer, Cited};
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
        let (ids, resolved, suggestions) = match self.store.resolve(scope, speaker).await? {
            resolve::Resolution::One { id, .. } => {
                let name = self.store.candidate(id).await?.map(|(c, _)| c.name);
                (vec![id], name, Vec::new())
            }
            // Everyone answering to exactly that name.
            resolve::Resolution::Many(_) => (
                self.store
                    .entities_named(scope, &crate::store::fold(speaker))
                    .await?,
                None,
                Vec::new(),
            ),
            resolve::Resolution::None(s) => {
                (Vec::new(), None, s.into_iter().map(|c| c.name).collect())
            }
        };
        let mut quotes = Vec::new();
        if !ids.is_empty() {
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            // `list` is integers from the database, never user text.
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT text, speaker, article_id FROM quotes WHERE speaker_entity IN ({list}) \
                 ORDER BY article_id DESC, rank LIMIT ?1 OFFSET ?2"
            )))
            .bind(page.size as i64 + 1)
            .bind(page.offset() as i64)
            .fetch_all(self.store.pool())
            .await?;
            let article_ids: Vec<i64> = rows.iter().map(|r| r.get("article_id")).collect();
            let refs = self.store.article_refs(&article_ids).await?;
            quotes = rows
                .iter()
                .filter_map(|r| {
                    Some(QuoteView {
                        text: r.get("text"),
                        speaker: r.get("speaker"),
                        article: refs.get(&r.get::<i64, _>("article_id"))?.clone(),
                    })
                })
                .collect();
        }
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
