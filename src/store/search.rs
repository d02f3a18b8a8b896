//! The reads behind `ask`: sentences by full-text match, by entity mention and by position, the
//! mentions inside them, and word counts for weighting. Every read is bounded: a question costs
//! the same in a store of a hundred articles as in one of a hundred thousand.

use super::{Engine, Store};
use crate::error::Result;
use crate::model::Scope;
use sqlx::Row;
use std::collections::HashMap;

/// A stored sentence: where it sits and what it says.
#[derive(Debug, Clone)]
pub struct SentenceRow {
    pub article_id: i64,
    pub idx: i64,
    /// Byte offset of the sentence in its article's text.
    pub start: i64,
    pub text: String,
    /// Its paragraph in the article (see `analysis::sentences::paragraph_numbers`).
    pub para: i64,
}

/// An entity mention inside a stored sentence; offsets into the article's text.
#[derive(Debug, Clone)]
pub struct MentionRow {
    pub article_id: i64,
    pub idx: i64,
    pub entity_id: i64,
    pub kind: String,
    pub start: i64,
    pub end: i64,
}

pub(super) fn sentence_rows(rows: &[sqlx::any::AnyRow]) -> Vec<SentenceRow> {
    rows.iter()
        .map(|r| SentenceRow {
            article_id: r.get("article_id"),
            idx: r.get("idx"),
            start: r.get("start"),
            text: r.get("text"),
            para: r.get("para"),
        })
        .collect()
}

fn mention_row(r: &sqlx::any::AnyRow) -> MentionRow {
    MentionRow {
        article_id: r.get("article_id"),
        idx: r.get("idx"),
        entity_id: r.get("entity_id"),
        kind: r.get("kind"),
        start: r.get("start"),
        end: r.get("end"),
    }
}

/// Ids as a JSON list, bound as one parameter (PostgreSQL): one statement text for any
/// number of them, so it is parsed and planned once per connection rather than once per list.
pub(super) fn id_json(ids: &[i64]) -> Result<String> {
    serde_json::to_string(ids).map_err(|e| crate::Error::Internal(e.to_string()))
}

/// At most this many word counts are kept (a few hundred kilobytes).
const TERM_COUNTS_KEPT: usize = 4096;

/// Word counts made for one state of the store (`stamp`: the largest sentence id and the number
/// of articles), by tsquery and cap. Counts for the same data are the same, so a kept one is
/// the count the statement would make again.
#[derive(Debug, Default)]
pub(super) struct TermCounts {
    stamp: (i64, i64),
    counts: HashMap<(String, i64), i64>,
}

/// How many sentences hold the tsquery `$2`, counted up to `$1` (PostgreSQL). Counting reads a
/// heap row a match (GIN has no index-only scan): 100+ ms for a word in ten thousand sentences.
/// A word the planner's statistics (`st`, ANALYZE's most common lexemes) put in `$3` sentences
/// or more is given their figure, capped at `$1`, uncounted: a weight is the logarithm of the
/// count, so a sampled figure moves it by hundredths, and the words rare enough for a kept
/// sample to miss are cheap to count. Only a word or its forms (`a | b`): the statistics do not
/// bound an AND or a phrase.
const PG_TERM_COUNT: &str = "WITH st AS MATERIALIZED (SELECT s.most_common_elems::text::text[] AS elems, \
     s.most_common_elem_freqs AS freqs, c.reltuples AS n FROM pg_stats s \
     JOIN pg_class c ON c.oid = 'sentences'::regclass \
     WHERE s.schemaname = current_schema() AND s.tablename = 'sentences' AND s.attname = 'tsv') \
     SELECT CASE WHEN coalesce(max(f.freq * st.n), 0) >= $3 \
     THEN CAST(least($1, round(max(f.freq * st.n))) AS BIGINT) \
     ELSE (SELECT count(*) FROM (SELECT 1 FROM sentences \
     WHERE tsv @@ to_tsquery('newsdesk_english', $2) LIMIT $1) m) END \
     FROM st CROSS JOIN LATERAL unnest(st.elems, st.freqs) f (elem, freq) \
     WHERE to_tsquery('newsdesk_english', $2)::text !~ '&|<->' \
     AND f.elem IN (SELECT (regexp_matches(to_tsquery('newsdesk_english', $2)::text, \
     '''([^'']*)''', 'g'))[1])";

/// From how many sentences on a word's count is taken from the statistics (see
/// [`PG_TERM_COUNT`]); below it, counted. Far above any small store's counts, so those are
/// always exact.
const PG_ESTIMATED_FROM: i64 = 1000;

/// `(a, i)` pairs as a JSON list of two-element lists, bound as one parameter (PostgreSQL; see
/// [`id_json`]).
fn pairs_json<T: serde::Serialize>(keys: &[T]) -> Result<String> {
    serde_json::to_string(keys).map_err(|e| crate::Error::Internal(e.to_string()))
}

/// `(a, i)` pairs as a VALUES list; only integers from the database are formatted in.
fn pairs_list(keys: &[(i64, i64)]) -> String {
    keys.iter()
        .map(|(a, i)| format!("({a},{i})"))
        .collect::<Vec<_>>()
        .join(",")
}

impl Store {
    /// An FTS5 query (as the query layer writes it) in the engine's own syntax.
    pub(super) fn fts(&self, query: &str) -> String {
        match self.engine {
            Engine::Sqlite => query.to_string(),
            Engine::Postgres => super::fts::tsquery(query),
        }
    }

    /// How many sentences hold each term (an FTS5 phrase), counted up to `cap`; and the number
    /// of sentences in all (the largest id: cheap, close enough for weighting).
    pub async fn term_counts(&self, terms: &[String], cap: i64) -> Result<(i64, Vec<i64>)> {
        if self.engine == Engine::Postgres {
            return self.pg_term_counts(terms, cap).await;
        }
        let total: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM sentences")
            .fetch_one(&self.pool)
            .await?;
        if terms.is_empty() {
            return Ok((total, Vec::new()));
        }
        // Only numbered placeholders are formatted in; the terms are bound.
        let counts = (0..terms.len())
            .map(|i| {
                let n = i + 2;
                format!(
                    "(SELECT count(*) FROM (SELECT rowid FROM sentences_fts \
                     WHERE sentences_fts MATCH ${n} LIMIT $1))"
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {counts}"))).bind(cap);
        for t in terms {
            query = query.bind(self.fts(t));
        }
        let row = query.fetch_one(&self.pool).await?;
        Ok((
            total,
            (0..terms.len()).map(|i| row.get::<i64, _>(i)).collect(),
        ))
    }

    /// [`Store::term_counts`] on PostgreSQL: counting a word there reads a heap row a match (up
    /// to `cap`, 20-40 ms for a word in a few thousand sentences), so a count is kept while the
    /// data it was made on stands, and the words not yet counted are counted side by side, one
    /// statement each on the pool's connections.
    async fn pg_term_counts(&self, terms: &[String], cap: i64) -> Result<(i64, Vec<i64>)> {
        // Sentences are only ever added (ids rising) or deleted with their article: the largest
        // id and the number of articles change with every ingest and every forget.
        let stamp: (i64, i64) = sqlx::query_as(
            "SELECT coalesce((SELECT max(id) FROM sentences), 0), \
             CAST(coalesce((SELECT sum(n) FROM store_counts WHERE name = 'articles'), 0) AS BIGINT)",
        )
        .fetch_one(&self.pool)
        .await?;
        let total = stamp.0;
        let queries: Vec<String> = terms.iter().map(|t| self.fts(t)).collect();
        // The counts kept, taken out at once: another question may clear them meanwhile.
        let mut found: HashMap<&str, i64> = HashMap::new();
        {
            let mut known = self.term_counts.lock().expect("term counts");
            if known.stamp != stamp {
                known.stamp = stamp;
                known.counts.clear();
            }
            for q in &queries {
                if let Some(&n) = known.counts.get(&(q.clone(), cap)) {
                    found.insert(q, n);
                }
            }
        }
        let mut missing: Vec<&str> = queries
            .iter()
            .map(String::as_str)
            .filter(|q| !found.contains_key(q))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let counted = futures::future::try_join_all(missing.iter().map(|q| {
            sqlx::query_scalar::<_, i64>(PG_TERM_COUNT)
                .bind(cap)
                .bind(*q)
                .bind(PG_ESTIMATED_FROM)
                .fetch_one(&self.pool)
        }))
        .await?;
        found.extend(missing.into_iter().zip(counted));
        let counts: Vec<i64> = queries.iter().map(|q| found[q.as_str()]).collect();
        let mut known = self.term_counts.lock().expect("term counts");
        if known.stamp == stamp {
            if known.counts.len() > TERM_COUNTS_KEPT {
                known.counts.clear();
            }
            for (q, n) in queries.iter().zip(&counts) {
                known.counts.insert((q.clone(), cap), *n);
            }
        }
        Ok((total, counts))
    }

    /// Sentences of `scope` matching the FTS5 `query`: the best-ranked `limit` when `ranked`
    /// (ranked inside the index over at most `prefetch` matches, then joined), else the newest.
    pub async fn sentences_matching(
        &self,
        scope: Scope,
        query: &str,
        ranked: bool,
        limit: i64,
        prefetch: i64,
    ) -> Result<Vec<SentenceRow>> {
        let query = self.fts(query);
        if ranked {
            // The best `prefetch` matches ranked first and only those checked for scope: checking
            // every match (an index probe each) cost as much as ranking them.
            let sql = self.engine.pick(
                "SELECT s.article_id AS article_id, s.idx AS idx, s.start AS start, s.text AS text, s.para AS para FROM \
                 (SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH $1 ORDER BY rank LIMIT $4) f \
                 CROSS JOIN sentences s ON s.id = f.rowid CROSS JOIN articles a ON a.id = s.article_id \
                 WHERE a.scope = $2 ORDER BY f.rank LIMIT $3",
                "SELECT s.article_id AS article_id, s.idx AS idx, s.start AS start, s.text AS text, s.para AS para \
                 FROM (SELECT id, article_id, idx, start, text, para, ts_rank(tsv, q) AS r \
                 FROM to_tsquery('newsdesk_english', $1) q CROSS JOIN sentences \
                 WHERE tsv @@ q ORDER BY r DESC, id DESC LIMIT $4) s \
                 JOIN articles a ON a.id = s.article_id \
                 WHERE a.scope = $2 ORDER BY s.r DESC, s.id DESC LIMIT $3",
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .bind(&query)
                .bind(scope.to_string())
                .bind(limit)
                .bind(prefetch)
                .fetch_all(&self.pool)
                .await?;
            // Enough of this scope among the best matches; else this scope's matches alone.
            if rows.len() as i64 >= limit {
                return Ok(sentence_rows(&rows));
            }
        }
        if self.engine == Engine::Postgres {
            // The GIN index finds the matches; ranking reads only this scope's.
            let order = if ranked {
                "ts_rank(s.tsv, q) DESC, s.id DESC"
            } else {
                "s.id DESC"
            };
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT s.article_id AS article_id, s.idx AS idx, s.start AS start, s.text AS text, s.para AS para \
                 FROM to_tsquery('newsdesk_english', $1) q CROSS JOIN sentences s \
                 JOIN articles a ON a.id = s.article_id \
                 WHERE s.tsv @@ q AND a.scope = $2 \
                 ORDER BY {order} LIMIT $3"
            )))
            .bind(query)
            .bind(scope.to_string())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
            return Ok(sentence_rows(&rows));
        }
        let order = if ranked {
            "bm25(sentences_fts)"
        } else {
            "sentences_fts.rowid DESC"
        };
        // CROSS JOIN keeps the index match as the outer loop: the planner would otherwise walk
        // the scope's articles and run the match once per sentence.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT s.article_id AS article_id, s.idx AS idx, s.start AS start, s.text AS text, s.para AS para FROM sentences_fts \
             CROSS JOIN sentences s ON s.id = sentences_fts.rowid CROSS JOIN articles a ON a.id = s.article_id \
             WHERE sentences_fts MATCH $1 AND a.scope = $2 ORDER BY {order} LIMIT $3"
        )))
        .bind(query)
        .bind(scope.to_string())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(sentence_rows(&rows))
    }

    /// Articles of `scope` whose title or text match the FTS5 `query`, best first.
    pub async fn articles_matching(
        &self,
        scope: Scope,
        query: &str,
        limit: i64,
    ) -> Result<Vec<i64>> {
        let sql = self.engine.pick(
            "SELECT a.id FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH $1 \
             ORDER BY rank LIMIT 200) f CROSS JOIN articles a ON a.id = f.rowid \
             WHERE a.scope = $2 ORDER BY f.rank LIMIT $3",
            "SELECT a.id FROM to_tsquery('newsdesk_simple', $1) q CROSS JOIN articles a \
             WHERE a.tsv @@ q AND a.scope = $2 ORDER BY ts_rank(a.tsv, q) DESC, a.id DESC LIMIT $3",
        );
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .bind(self.fts(query))
            .bind(scope.to_string())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// The first `each` sentences of each article in `ids` (in one round trip).
    pub async fn article_sentences(&self, ids: &[i64], each: i64) -> Result<Vec<SentenceRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        if self.engine == Engine::Postgres {
            let rows = sqlx::query(
                "SELECT w.article_id AS article_id, w.idx AS idx, w.start AS start, w.text AS text, w.para AS para \
                 FROM jsonb_array_elements_text(CAST($2 AS jsonb)) e (id) CROSS JOIN LATERAL \
                 (SELECT article_id, idx, start, text, para FROM sentences \
                  WHERE article_id = CAST(e.id AS BIGINT) ORDER BY idx LIMIT $1) w",
            )
            .bind(each)
            .bind(id_json(ids)?)
            .fetch_all(&self.pool)
            .await?;
            return Ok(sentence_rows(&rows));
        }
        // Only integers from the database are formatted in.
        let walks = ids
            .iter()
            .map(|id| {
                format!(
                    "SELECT * FROM (SELECT article_id, idx, start, text, para FROM sentences \
                     WHERE article_id = {id} ORDER BY idx LIMIT $1) w{id}"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let rows = sqlx::query(sqlx::AssertSqlSafe(walks))
            .bind(each)
            .fetch_all(&self.pool)
            .await?;
        Ok(sentence_rows(&rows))
    }

    /// The sentences at `(article, idx)` positions that exist.
    pub async fn sentences_at(&self, keys: &[(i64, i64)]) -> Result<Vec<SentenceRow>> {
        if self.engine == Engine::Postgres {
            if keys.is_empty() {
                return Ok(Vec::new());
            }
            let rows = sqlx::query(
                "SELECT s.article_id AS article_id, s.idx AS idx, s.start AS start, s.text AS text, \
                 s.para AS para FROM jsonb_array_elements(CAST($1 AS jsonb)) c (k) CROSS JOIN LATERAL \
                 (SELECT * FROM sentences WHERE article_id = CAST(c.k->>0 AS BIGINT) \
                  AND idx = CAST(c.k->>1 AS BIGINT)) s",
            )
            .bind(pairs_json(keys)?)
            .fetch_all(&self.pool)
            .await?;
            return Ok(sentence_rows(&rows));
        }
        let mut out = Vec::with_capacity(keys.len());
        let join = self.engine.join();
        for chunk in keys.chunks(400) {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "WITH c (a, i) AS (VALUES {}) SELECT s.article_id AS article_id, s.idx AS idx, \
                 s.start AS start, s.text AS text, s.para AS para FROM c {join} sentences s \
                 ON s.article_id = c.a AND s.idx = c.i",
                pairs_list(chunk)
            )))
            .fetch_all(&self.pool)
            .await?;
            out.extend(sentence_rows(&rows));
        }
        Ok(out)
    }

    /// The sentences of paragraph `para` of article `a` between positions `from` and `to`, for
    /// each `(a, para, from, to)` of `ranges` (`ask` reads the paragraph around a candidate).
    pub async fn paragraph_sentences(
        &self,
        ranges: &[(i64, i64, i64, i64)],
    ) -> Result<Vec<SentenceRow>> {
        if self.engine == Engine::Postgres {
            if ranges.is_empty() {
                return Ok(Vec::new());
            }
            let rows = sqlx::query(
                "SELECT s.article_id AS article_id, s.idx AS idx, s.start AS start, s.text AS text, \
                 s.para AS para FROM jsonb_array_elements(CAST($1 AS jsonb)) c (k) CROSS JOIN LATERAL \
                 (SELECT * FROM sentences WHERE article_id = CAST(c.k->>0 AS BIGINT) \
                  AND idx BETWEEN CAST(c.k->>2 AS BIGINT) AND CAST(c.k->>3 AS BIGINT) \
                  AND para = CAST(c.k->>1 AS BIGINT)) s",
            )
            .bind(pairs_json(ranges)?)
            .fetch_all(&self.pool)
            .await?;
            return Ok(sentence_rows(&rows));
        }
        let mut out = Vec::new();
        let join = self.engine.join();
        for chunk in ranges.chunks(300) {
            // Only integers from the database (and sums of them) are formatted in.
            let list = chunk
                .iter()
                .map(|(a, p, from, to)| format!("({a},{p},{from},{to})"))
                .collect::<Vec<_>>()
                .join(",");
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "WITH c (a, p, lo, hi) AS (VALUES {list}) SELECT s.article_id AS article_id, \
                 s.idx AS idx, s.start AS start, s.text AS text, s.para AS para \
                 FROM c {join} sentences s \
                 ON s.article_id = c.a AND s.idx BETWEEN c.lo AND c.hi AND s.para = c.p"
            )))
            .fetch_all(&self.pool)
            .await?;
            out.extend(sentence_rows(&rows));
        }
        Ok(out)
    }

    /// Up to `max` of `ids`, the most recently mentioned first (one index seek each).
    pub async fn most_recent_entities(&self, ids: &[i64], max: usize) -> Result<Vec<i64>> {
        if ids.len() <= max {
            return Ok(ids.to_vec());
        }
        let mut latest: Vec<(i64, i64)> = Vec::with_capacity(ids.len());
        if self.engine == Engine::Postgres {
            latest = sqlx::query_as::<_, (i64, Option<i64>)>(
                "SELECT CAST(e.id AS BIGINT), (SELECT max(article_id) FROM article_entities \
                 WHERE entity_id = CAST(e.id AS BIGINT)) \
                 FROM jsonb_array_elements_text(CAST($1 AS jsonb)) e (id)",
            )
            .bind(id_json(ids)?)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|(id, last)| (id, last.unwrap_or(0)))
            .collect();
        } else {
            for chunk in ids.chunks(400) {
                let list = chunk
                    .iter()
                    .map(|id| format!("({id})"))
                    .collect::<Vec<_>>()
                    .join(",");
                // `list` is integers from the database.
                let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "WITH c (id) AS (VALUES {list}) SELECT c.id, \
                 (SELECT max(article_id) FROM article_entities WHERE entity_id = c.id) FROM c"
                )))
                .fetch_all(&self.pool)
                .await?;
                latest.extend(rows.into_iter().map(|(id, last)| (id, last.unwrap_or(0))));
            }
        }
        latest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(latest.into_iter().take(max).map(|l| l.0).collect())
    }

    /// The latest `each` sentences mentioning each of `entities`, in one round trip.
    pub async fn mention_sentences(&self, entities: &[i64], each: i64) -> Result<Vec<SentenceRow>> {
        if entities.is_empty() {
            return Ok(Vec::new());
        }
        if self.engine == Engine::Postgres {
            let rows = sqlx::query(
                "SELECT s.article_id AS article_id, s.idx AS idx, s.start AS start, s.text AS text, s.para AS para \
                 FROM (SELECT DISTINCT w.article_id, w.sentence_idx \
                 FROM jsonb_array_elements_text(CAST($2 AS jsonb)) e (id) CROSS JOIN LATERAL \
                 (SELECT DISTINCT article_id, sentence_idx FROM mentions \
                  WHERE entity_id = CAST(e.id AS BIGINT) \
                  ORDER BY article_id DESC, sentence_idx DESC LIMIT $1) w) m \
                 JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_idx",
            )
            .bind(each)
            .bind(id_json(entities)?)
            .fetch_all(&self.pool)
            .await?;
            return Ok(sentence_rows(&rows));
        }
        let hint = self.engine.pick("INDEXED BY mentions_entity_sentence", "");
        // Only integers from the database are formatted in.
        let walks = entities
            .iter()
            .map(|id| {
                format!(
                    "SELECT * FROM (SELECT DISTINCT article_id, sentence_idx FROM mentions \
                     {hint} WHERE entity_id = {id} \
                     ORDER BY article_id DESC, sentence_idx DESC LIMIT $1) w{id}"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ");
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT s.article_id AS article_id, s.idx AS idx, s.start AS start, s.text AS text, s.para AS para FROM ({walks}) m \
             JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_idx"
        )))
        .bind(each)
        .fetch_all(&self.pool)
        .await?;
        Ok(sentence_rows(&rows))
    }

    /// The entity mentions inside the sentences at `keys`, with the entities' kinds.
    pub async fn sentence_mentions(&self, keys: &[(i64, i64)]) -> Result<Vec<MentionRow>> {
        let mut out = Vec::new();
        let mut keys = keys.to_vec();
        keys.sort_unstable();
        keys.dedup();
        if self.engine == Engine::Postgres && !keys.is_empty() {
            let rows = sqlx::query(
                "SELECT m.article_id AS article_id, m.sentence_idx AS idx, m.entity_id AS entity_id, \
                 e.kind AS kind, m.start AS start, m.\"end\" AS \"end\" \
                 FROM jsonb_array_elements(CAST($1 AS jsonb)) c (k) CROSS JOIN LATERAL \
                 (SELECT * FROM mentions WHERE article_id = CAST(c.k->>0 AS BIGINT) \
                  AND sentence_idx = CAST(c.k->>1 AS BIGINT)) m \
                 JOIN entities e ON e.id = m.entity_id",
            )
            .bind(pairs_json(&keys)?)
            .fetch_all(&self.pool)
            .await?;
            return Ok(rows.iter().map(mention_row).collect());
        }
        for chunk in keys.chunks(400) {
            // Only the candidate sentences' own mentions (index `mentions_sentence`).
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "WITH c (a, i) AS (VALUES {}) \
                 SELECT m.article_id AS article_id, m.sentence_idx AS idx, m.entity_id AS entity_id, \
                 e.kind AS kind, m.start AS start, m.\"end\" AS \"end\" FROM c \
                 CROSS JOIN mentions m INDEXED BY mentions_sentence \
                 ON m.article_id = c.a AND m.sentence_idx = c.i JOIN entities e ON e.id = m.entity_id",
                pairs_list(chunk),
            )))
            .fetch_all(&self.pool)
            .await?;
            out.extend(rows.iter().map(mention_row));
        }
        Ok(out)
    }

    /// Entities of `scope` known by any of the folded names `grams`: `fold → [(id, name,
    /// kind)]`.
    pub async fn entities_by_names(
        &self,
        scope: Scope,
        grams: &[String],
    ) -> Result<HashMap<String, Vec<(i64, String, String)>>> {
        let mut known: HashMap<String, Vec<(i64, String, String)>> = HashMap::new();
        let join = self.engine.join();
        for chunk in grams.chunks(400) {
            let marks = (0..chunk.len())
                .map(|i| format!("${}", i + 2))
                .collect::<Vec<_>>()
                .join(",");
            // Only numbered placeholders are formatted in; the names are bound.
            let sql = format!(
                "SELECT DISTINCT n.fold AS fold, e.id AS id, e.name AS name, e.kind AS kind FROM entity_names n \
                 {join} entities e ON e.id = n.entity_id WHERE e.scope = $1 AND n.fold IN ({marks})"
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(scope.to_string());
            for g in chunk {
                query = query.bind(g);
            }
            for r in query.fetch_all(&self.pool).await? {
                known.entry(r.get("fold")).or_default().push((
                    r.get("id"),
                    r.get("name"),
                    r.get("kind"),
                ));
            }
        }
        Ok(known)
    }
}
