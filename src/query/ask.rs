//! Free questions answered from stored sentences, with citations.

use crate::Newsdesk;
use crate::error::Result;
use crate::model::{ArticleId, ArticleRef, Scope};
use crate::store::fts_query;
use serde::Serialize;
use sqlx::Row;

/// A source sentence and the article it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Cited {
    pub sentence: String,
    pub article: ArticleRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// A short lead-in ("From 2 articles:") or the plain "nothing found" message.
    pub lead_in: String,
    /// 1–3 source sentences; empty when nothing scored well enough.
    pub sources: Vec<Cited>,
}

impl Answer {
    pub fn found(&self) -> bool {
        !self.sources.is_empty()
    }
}

impl Newsdesk {
    /// Answer `question` from the stored articles of `scope`.
    pub async fn ask(&self, scope: Scope, question: &str) -> Result<Answer> {
        let question = self.check_query(question)?;
        let q = fts_query(question).replace("\" \"", "\" OR \"");
        let rows = if q.is_empty() {
            Vec::new()
        } else {
            sqlx::query(
                "SELECT s.text AS sentence, s.article_id AS article_id FROM sentences_fts f \
                 JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id \
                 WHERE sentences_fts MATCH ?1 AND a.scope = ?2 ORDER BY bm25(sentences_fts) LIMIT ?3",
            )
            .bind(q)
            .bind(scope.to_string())
            .bind(self.config.ask.max_sentences as i64)
            .fetch_all(self.store.pool())
            .await?
        };
        let mut sources = Vec::new();
        for r in rows {
            let article = self
                .store
                .article(scope, ArticleId(r.get("article_id")))
                .await?
                .meta;
            sources.push(Cited {
                sentence: r.get("sentence"),
                article,
            });
        }
        let lead_in = if sources.is_empty() {
            "I found nothing about that in the stored articles. Try /articles to search them or /entity for a name.".into()
        } else {
            "From the stored articles:".into()
        };
        Ok(Answer { lead_in, sources })
    }
}
