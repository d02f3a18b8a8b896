//! Reading quotes: one article's in rank order, or a speaker's across articles, a page at a time.

use super::{Engine, SentenceRow, Store};
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

/// Where a stored quote stands in its article's text (byte offsets) and who said it, when the
/// speaker was resolved to an entity: `ask` tells a quote by the person asked about from one
/// by someone else in the same sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub article_id: i64,
    pub start: i64,
    pub end: i64,
    pub speaker: Option<i64>,
    /// Where the speaker is written (a name, `a Kremlin spokesman`, `he`), when found.
    pub speaker_at: Option<(i64, i64)>,
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    /// Every stored quote of `articles`, where it stands and who said it.
    pub(crate) async fn quote_spans(&self, articles: &[i64]) -> Result<Vec<QuoteSpan>> {
        let mut out = Vec::new();
        for chunk in articles.chunks(400) {
            let set = self.engine.id_set("article_id", chunk, 1);
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT article_id, start, \"end\", speaker_entity, speaker_start, speaker_end \
                 FROM quotes WHERE {}",
                set.sql
            )));
            if let Some(ids) = set.param {
                query = query.bind(ids);
            }
            type Row = (i64, i64, i64, Option<i64>, Option<i64>, Option<i64>);
            let rows: Vec<Row> = query.fetch_all(self.pool()).await?;
            out.extend(
                rows.into_iter()
                    .map(|(article_id, start, end, speaker, from, to)| QuoteSpan {
                        article_id,
                        start,
                        end,
                        speaker,
                        speaker_at: from.zip(to),
                    }),
            );
        }
        Ok(out)
    }

    /// The sentences holding the latest `each` quotes of each of `speakers` (newest article
    /// first): what someone said is often written `…, he said`, without their name.
    pub(crate) async fn speaker_quote_sentences(
        &self,
        speakers: &[i64],
        each: usize,
    ) -> Result<Vec<SentenceRow>> {
        if speakers.is_empty() {
            return Ok(Vec::new());
        }
        let sentence = "SELECT DISTINCT s.article_id AS article_id, s.idx AS idx, s.start AS start, \
             s.text AS text, s.para AS para FROM";
        let holding = "JOIN sentences s ON s.article_id = q.article_id AND s.start <= q.start \
             AND q.start < s.\"end\"";
        if self.engine() == Engine::Postgres {
            // One statement text for any list (planned once per connection; see speaker_quotes).
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "{sentence} jsonb_array_elements_text(CAST($2 AS jsonb)) e (id) CROSS JOIN LATERAL \
                 (SELECT article_id, start FROM quotes WHERE speaker_entity = CAST(e.id AS BIGINT) \
                  ORDER BY article_id DESC, rank LIMIT $1) q {holding}"
            )))
            .bind(to_i64(each))
            .bind(super::search::id_json(speakers)?)
            .fetch_all(self.pool())
            .await?;
            return Ok(super::search::sentence_rows(&rows));
        }
        // Only integers from the database are formatted in; one bounded walk of
        // `quotes_speaker` per entity, then the sentence each quote starts in.
        let walks = speakers
            .iter()
            .map(|id| {
                format!(
                    "SELECT * FROM (SELECT article_id, start FROM quotes \
                     WHERE speaker_entity = {id} ORDER BY article_id DESC, rank LIMIT $1) w{id}"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{sentence} ({walks}) q {holding}"
        )))
        .bind(to_i64(each))
        .fetch_all(self.pool())
        .await?;
        Ok(super::search::sentence_rows(&rows))
    }

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
