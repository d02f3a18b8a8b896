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
        self.index * self.size
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
        Ok(QuoteList { quotes, page, more })
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
pub mod entity;

pub use ask::{Answer, Cited};
pub use entity::{Candidate, EntityLookup, EntityProfile, MentionSnippet, Related};

impl Newsdesk {
    /// Quotes attributed to the entity named `speaker` (any alias), newest first.
    pub async fn speaker_quotes(
        &self,
        scope: Scope,
        speaker: &str,
        page: Page,
    ) -> Result<QuoteList> {
        let speaker = self.check_query(speaker)?;
        let key = crate::analysis::entities::canonical_key(speaker);
        let rows = sqlx::query(
            "SELECT q.text, q.speaker, q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id \
             WHERE a.scope = ?1 AND q.speaker_entity IN (SELECT entity_id FROM entity_aliases WHERE alias_key = ?2) \
             ORDER BY q.article_id DESC, q.rank LIMIT ?3 OFFSET ?4",
        )
        .bind(scope.to_string())
        .bind(key)
        .bind(page.size as i64 + 1)
        .bind(page.offset() as i64)
        .fetch_all(self.store.pool())
        .await?;
        let mut quotes = Vec::new();
        for r in &rows {
            let article = self
                .store
                .article(scope, ArticleId(r.get("article_id")))
                .await?
                .meta;
            quotes.push(QuoteView {
                text: r.get("text"),
                speaker: r.get("speaker"),
                article,
            });
        }
        let more = quotes.len() > page.size;
        quotes.truncate(page.size);
        Ok(QuoteList { quotes, page, more })
    }
}
