//! Reading quotes: one article's in rank order, or a speaker's across articles, a page at a time.

use super::{Engine, Store};
use crate::error::Result;
use crate::model::ArticleId;

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
    /// Up to `limit` quotes of `article` after the first `offset`, key quotes first; only those
    /// of `speakers` when given (none when it is empty).
    pub(crate) async fn article_quotes(
        &self,
        article: ArticleId,
        speakers: Option<&[i64]>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<QuoteRow>> {
        if speakers.is_some_and(<[i64]>::is_empty) {
            return Ok(Vec::new());
        }
        let set = speakers.map(|ids| self.engine.id_set("speaker_entity", ids, 4));
        let only = set
            .as_ref()
            .map_or(String::new(), |s| format!("AND {}", s.sql));
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT rank, text, speaker FROM quotes WHERE article_id = $1 {only} \
             ORDER BY rank LIMIT $2 OFFSET $3"
        )))
        .bind(article.0)
        .bind(to_i64(limit))
        .bind(to_i64(offset));
        if let Some(ids) = set.and_then(|s| s.param) {
            query = query.bind(ids);
        }
        let rows: Vec<(i64, String, Option<String>)> = query.fetch_all(self.pool()).await?;
        Ok(rows
            .into_iter()
            .map(|(rank, text, speaker)| QuoteRow {
                article_id: article.0,
                rank,
                text,
                speaker,
            })
            .collect())
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
