//! Reading quotes: one article's in rank order, or a speaker's across articles, a page at a time.

use super::{Engine, Store};
use crate::error::{Error, Result};
use crate::model::{ArticleId, ArticleRef, Scope};
use sqlx::Row;

/// One stored quote as listed: its article, its rank there (0 = the article's key quote), the
/// quoted words and who said them.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    pub article_id: i64,
    pub rank: i64,
    pub text: String,
    pub speaker: Option<String>,
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    /// The citation of `article` (of `scope`) and up to `limit` of its quotes after the first
    /// `offset`, key quotes first; only those of `speakers` when given (none when it is empty).
    /// One statement: the article's row joined to the page of its quotes, so a page past the
    /// end still tells the article is there (one row, no quote in it).
    pub(crate) async fn article_quotes(
        &self,
        scope: Scope,
        article: ArticleId,
        speakers: Option<&[i64]>,
        limit: usize,
        offset: usize,
    ) -> Result<(ArticleRef, Vec<QuoteRow>)> {
        let set = speakers
            .filter(|ids| !ids.is_empty())
            .map(|ids| self.engine.id_set("speaker_entity", ids, 5));
        let only = match (&set, speakers) {
            (Some(s), _) => format!("AND {}", s.sql),
            (None, Some(_)) => "AND 1 = 0".to_string(),
            (None, None) => String::new(),
        };
        let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT a.id, a.title, a.url, a.site, a.published, a.byline, a.ingested_at, \
             q.rank, q.text AS quote, q.speaker FROM articles a LEFT JOIN \
             (SELECT rank, text, speaker FROM quotes WHERE article_id = $1 {only} \
              ORDER BY rank LIMIT $3 OFFSET $4) q ON 1 = 1 \
             WHERE a.id = $1 AND a.scope = $2 ORDER BY q.rank"
        )))
        .bind(article.0)
        .bind(scope.to_string())
        .bind(to_i64(limit))
        .bind(to_i64(offset));
        if let Some(ids) = set.and_then(|s| s.param) {
            query = query.bind(ids);
        }
        let rows = query.fetch_all(self.pool()).await?;
        let cited = rows
            .first()
            .map(super::articles::article_ref)
            .ok_or(Error::UnknownArticle(article))?;
        let quotes = rows
            .iter()
            .filter_map(|r| {
                Some(QuoteRow {
                    article_id: article.0,
                    rank: r.get::<Option<i64>, _>("rank")?,
                    text: r.get("quote"),
                    speaker: r.get("speaker"),
                })
            })
            .collect();
        Ok((cited, quotes))
    }

    /// The first `want` quotes of each of `speakers`, newest article first: one ordered,
    /// bounded walk of `quotes_speaker` per entity, all in one round trip per 200 (SQLite would
    /// otherwise sort every quote of all the entities together). The caller merges them.
    pub(crate) async fn speaker_quotes(
        &self,
        speakers: &[i64],
        want: usize,
    ) -> Result<Vec<QuoteRow>> {
        let mut out = Vec::new();
        if self.engine() == Engine::Postgres {
            // The same walks as one statement text, the ids bound as a JSON list: planned once
            // per connection, where each list spelled out was parsed and planned anew.
            let ids = super::search::id_json(speakers)?;
            let rows: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
                "SELECT w.article_id, w.rank, w.text, w.speaker \
                 FROM jsonb_array_elements_text(CAST($2 AS jsonb)) e (id) CROSS JOIN LATERAL \
                 (SELECT article_id, rank, text, speaker FROM quotes \
                  WHERE speaker_entity = CAST(e.id AS BIGINT) \
                  ORDER BY article_id DESC, rank LIMIT $1) w",
            )
            .bind(to_i64(want))
            .bind(ids)
            .fetch_all(self.pool())
            .await?;
            return Ok(rows
                .into_iter()
                .map(|(article_id, rank, text, speaker)| QuoteRow {
                    article_id,
                    rank,
                    text,
                    speaker,
                })
                .collect());
        }
        for chunk in speakers.chunks(200) {
            // Only integers from the database are formatted in.
            let sql = chunk
                .iter()
                .map(|id| {
                    format!(
                        "SELECT * FROM (SELECT article_id, rank, text, speaker FROM quotes \
                         WHERE speaker_entity = {id} ORDER BY article_id DESC, rank LIMIT $1) w{id}"
                    )
                })
                .collect::<Vec<_>>()
                .join(" UNION ALL ");
            let rows: Vec<(i64, i64, String, Option<String>)> =
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(to_i64(want))
                    .fetch_all(self.pool())
                    .await?;
            out.extend(
                rows.into_iter()
                    .map(|(article_id, rank, text, speaker)| QuoteRow {
                        article_id,
                        rank,
                        text,
                        speaker,
                    }),
            );
        }
        Ok(out)
    }
}
