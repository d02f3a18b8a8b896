//! Copies and stories, kept up to date inside the ingest transaction.
//!
//! A new article is first checked for being a copy of a stored one: its MinHash bands
//! ([`Fingerprint`]) find the articles that share a band, and the first whose signature agrees
//! closely enough is its original (or that article's own original). Then it joins a story:
//!
//! * its vector: words and entity keys weighted by TF-IDF over the scope's articles (`story_df`),
//!   L2-normalised, its [`VECTOR_TERMS`] heaviest terms kept;
//! * candidates: the stories holding its [`PROBE_TERMS`] heaviest (rarest) terms, at most
//!   [`POSTINGS`] newest stories a term, never a scan of the store; the [`CANDIDATES`] best by
//!   that partial dot product are scored in full;
//! * score: the cosine between the vector and a story's centroid (the sum of its members'
//!   vectors), less a penalty when the event's days disagree: [`FAR_PENALTY`] when the article's
//!   day is more than [`SPAN_DAYS`] from the story's span, [`UNDATED_PENALTY`] when only one
//!   side has a day (nothing then says they are the same moment);
//! * the best story at or above [`JOIN_THRESHOLD`] takes it; otherwise it starts one. A copy
//!   joins its original's story.
//!
//! Each article keeps the vector it brought, so forgetting it takes exactly that back out.

use super::Store;
use crate::analysis::story::{Features, Fingerprint};
use crate::error::{Error, Result};
use crate::model::{ArticleId, Scope};
use sqlx::{QueryBuilder, Row, Sqlite, Transaction};
use std::collections::HashMap;

/// Terms kept in an article's vector.
pub const VECTOR_TERMS: usize = 200;
/// Terms whose postings give the candidate stories.
pub const PROBE_TERMS: usize = 24;
/// Newest stories read per probed term.
pub const POSTINGS: i64 = 200;
/// Stories scored in full.
pub const CANDIDATES: usize = 20;
/// Least score that joins an existing story.
pub const JOIN_THRESHOLD: f64 = 0.17;
/// Days an article's event may lie outside a story's span and still be the same event.
pub const SPAN_DAYS: i32 = 60;
pub const FAR_PENALTY: f64 = 0.2;
pub const UNDATED_PENALTY: f64 = 0.15;

/// Rows per multi-row statement.
const CHUNK: usize = 300;

/// A story as listed: its id and member articles, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoryRow {
    pub id: i64,
    pub articles: Vec<ArticleId>,
}

/// Where an article stands: its story and, when it is a copy, its original.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Placement {
    pub story: Option<i64>,
    pub copy_of: Option<ArticleId>,
}

fn weight(count: u32, df: i64, n: i64) -> f64 {
    (1.0 + f64::from(count).ln()) * (((1 + n) as f64 / (1 + df) as f64).ln() + 1.0)
}

/// Count the article's terms in the scope's document frequencies and return its weighted,
/// normalised, truncated vector (heaviest first).
async fn vector(
    tx: &mut Transaction<'_, Sqlite>,
    scope: &str,
    features: &Features,
) -> Result<Vec<(String, f64)>> {
    let mut df: HashMap<String, i64> = HashMap::with_capacity(features.terms.len() + 1);
    let all: Vec<&str> = std::iter::once("")
        .chain(features.terms.iter().map(|(t, _)| t.as_str()))
        .collect();
    for chunk in all.chunks(CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO story_df (scope, term, df) ");
        q.push_values(chunk, |mut b, t| {
            b.push_bind(scope.to_string())
                .push_bind(t.to_string())
                .push_bind(1i64);
        });
        q.push(" ON CONFLICT (scope, term) DO UPDATE SET df = df + 1 RETURNING term, df");
        for row in q.build().fetch_all(&mut **tx).await? {
            df.insert(row.get("term"), row.get("df"));
        }
    }
    let n = df.get("").copied().unwrap_or(1);
    let mut v: Vec<(String, f64)> = features
        .terms
        .iter()
        .map(|(t, c)| (t.clone(), weight(*c, df.get(t).copied().unwrap_or(1), n)))
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(VECTOR_TERMS);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    Ok(v)
}

struct StoryStats {
    norm2: f64,
    first_day: Option<i32>,
    last_day: Option<i32>,
}

/// How far apart in time an article and a story are, as a score penalty.
fn date_penalty(day: Option<i32>, story: &StoryStats) -> f64 {
    match (day, story.first_day, story.last_day) {
        (Some(d), Some(first), Some(last)) => {
            let gap = if d < first {
                first - d
            } else {
                d.saturating_sub(last).max(0)
            };
            if gap > SPAN_DAYS { FAR_PENALTY } else { 0.0 }
        }
        (None, None, _) => 0.0,
        _ => UNDATED_PENALTY,
    }
}

/// Dot products of `v` with the centroids of `stories`.
async fn dots(
    tx: &mut Transaction<'_, Sqlite>,
    scope: &str,
    v: &[(String, f64)],
    stories: &[i64],
) -> Result<HashMap<i64, f64>> {
    let mut out = HashMap::new();
    if stories.is_empty() || v.is_empty() {
        return Ok(out);
    }
    let list = stories
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let json = serde_json::to_string(v).map_err(|e| Error::Internal(e.to_string()))?;
    // The list is integers formatted here; the terms are bound as JSON.
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT t.story_id AS story, sum(j.value ->> 1 * t.weight) AS dot FROM json_each(?1) j \
         CROSS JOIN story_terms t ON t.scope = ?2 AND t.term = j.value ->> 0 AND t.story_id IN ({list}) \
         GROUP BY t.story_id"
    )))
    .bind(json)
    .bind(scope)
    .fetch_all(&mut **tx)
    .await?;
    for r in rows {
        out.insert(r.get("story"), r.get("dot"));
    }
    Ok(out)
}

async fn stats(
    tx: &mut Transaction<'_, Sqlite>,
    stories: &[i64],
) -> Result<HashMap<i64, StoryStats>> {
    let mut out = HashMap::new();
    if stories.is_empty() {
        return Ok(out);
    }
    let list = stories
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT id, norm2, first_day, last_day FROM stories WHERE id IN ({list})"
    )))
    .fetch_all(&mut **tx)
    .await?;
    for r in rows {
        out.insert(
            r.get("id"),
            StoryStats {
                norm2: r.get("norm2"),
                first_day: r.get::<Option<i64>, _>("first_day").map(|d| d as i32),
                last_day: r.get::<Option<i64>, _>("last_day").map(|d| d as i32),
            },
        );
    }
    Ok(out)
}

/// The stored original of a text with this fingerprint, if it is a copy.
async fn find_original(
    tx: &mut Transaction<'_, Sqlite>,
    scope: &str,
    fp: &Fingerprint,
    bands: &[i64],
) -> Result<Option<i64>> {
    if bands.is_empty() {
        return Ok(None);
    }
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT DISTINCT f.article_id, f.shingles, f.slots FROM fingerprint_bands b \
         JOIN article_fingerprints f ON f.article_id = b.article_id WHERE b.scope = ",
    );
    q.push_bind(scope.to_string()).push(" AND b.band IN (");
    let mut list = q.separated(", ");
    for b in bands {
        list.push_bind(*b);
    }
    q.push(") ORDER BY f.article_id LIMIT 50");
    for row in q.build().fetch_all(&mut **tx).await? {
        let shingles: i64 = row.get("shingles");
        let slots: Vec<u8> = row.get("slots");
        let Some(other) = Fingerprint::from_bytes(&slots, shingles as usize) else {
            continue;
        };
        if fp.is_copy_of(&other) {
            let id: i64 = row.get("article_id");
            let original: Option<i64> =
                sqlx::query_scalar("SELECT original_id FROM article_copies WHERE article_id = ?1")
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await?;
            return Ok(Some(original.unwrap_or(id)));
        }
    }
    Ok(None)
}

/// Record the article's fingerprint, link it to its original if it is a copy, and join it to a
/// story. Runs inside the transaction that stores the article.
pub(super) async fn place(
    tx: &mut Transaction<'_, Sqlite>,
    scope: &str,
    article: i64,
    text: &str,
    features: &Features,
) -> Result<Placement> {
    let fp = Fingerprint::of(text);
    let bands = fp.bands();
    let original = find_original(tx, scope, &fp, &bands).await?;
    sqlx::query(
        "INSERT INTO article_fingerprints (article_id, shingles, slots) VALUES (?1, ?2, ?3)",
    )
    .bind(article)
    .bind(fp.shingles as i64)
    .bind(fp.to_bytes())
    .execute(&mut **tx)
    .await?;
    if !bands.is_empty() {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT OR IGNORE INTO fingerprint_bands (scope, band, article_id) ",
        );
        q.push_values(&bands, |mut b, band| {
            b.push_bind(scope.to_string())
                .push_bind(*band)
                .push_bind(article);
        });
        q.build().execute(&mut **tx).await?;
    }
    if let Some(o) = original {
        sqlx::query("INSERT INTO article_copies (article_id, original_id) VALUES (?1, ?2)")
            .bind(article)
            .bind(o)
            .execute(&mut **tx)
            .await?;
    }
    let story = join(tx, scope, article, features, original).await?;
    Ok(Placement {
        story: Some(story),
        copy_of: original.map(ArticleId),
    })
}

/// Join the best story (or a new one); returns its id.
async fn join(
    tx: &mut Transaction<'_, Sqlite>,
    scope: &str,
    article: i64,
    features: &Features,
    original: Option<i64>,
) -> Result<i64> {
    let v = vector(tx, scope, features).await?;
    let of_original = match original {
        Some(o) => {
            sqlx::query_scalar("SELECT story_id FROM story_articles WHERE article_id = ?1")
                .bind(o)
                .fetch_optional(&mut **tx)
                .await?
        }
        None => None,
    };
    let (story, dot) = match of_original {
        Some(s) => {
            let d = dots(tx, scope, &v, &[s]).await?;
            (Some(s), d.get(&s).copied().unwrap_or(0.0))
        }
        None => best_story(tx, scope, &v, features.day).await?,
    };
    let story = match story {
        Some(s) => s,
        None => {
            sqlx::query_scalar("INSERT INTO stories (scope) VALUES (?1) RETURNING id")
                .bind(scope)
                .fetch_one(&mut **tx)
                .await?
        }
    };
    add_to_centroid(tx, scope, story, &v).await?;
    let added: f64 = v.iter().map(|(_, w)| w * w).sum();
    let day = features.day.map(i64::from);
    sqlx::query(
        "UPDATE stories SET norm2 = norm2 + ?2, articles = articles + 1, \
         first_day = CASE WHEN ?3 IS NULL THEN first_day ELSE min(coalesce(first_day, ?3), ?3) END, \
         last_day = CASE WHEN ?3 IS NULL THEN last_day ELSE max(coalesce(last_day, ?3), ?3) END \
         WHERE id = ?1",
    )
    .bind(story)
    .bind(2.0 * dot + added)
    .bind(day)
    .execute(&mut **tx)
    .await?;
    let json = serde_json::to_string(&v).map_err(|e| Error::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO story_articles (article_id, story_id, day, vector) VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(article)
    .bind(story)
    .bind(day)
    .bind(json)
    .execute(&mut **tx)
    .await?;
    Ok(story)
}

/// The best existing story for vector `v` at or above the threshold, with its dot product.
async fn best_story(
    tx: &mut Transaction<'_, Sqlite>,
    scope: &str,
    v: &[(String, f64)],
    day: Option<i32>,
) -> Result<(Option<i64>, f64)> {
    let mut partial: HashMap<i64, f64> = HashMap::new();
    for (term, w) in v.iter().take(PROBE_TERMS) {
        let rows: Vec<(i64, f64)> = sqlx::query_as(
            "SELECT story_id, weight FROM story_terms WHERE scope = ?1 AND term = ?2 \
             ORDER BY story_id DESC LIMIT ?3",
        )
        .bind(scope)
        .bind(term)
        .bind(POSTINGS)
        .fetch_all(&mut **tx)
        .await?;
        for (s, sw) in rows {
            *partial.entry(s).or_default() += w * sw;
        }
    }
    let mut ranked: Vec<(i64, f64)> = partial.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    ranked.truncate(CANDIDATES);
    let ids: Vec<i64> = ranked.iter().map(|r| r.0).collect();
    let dots = dots(tx, scope, v, &ids).await?;
    let stats = stats(tx, &ids).await?;
    let mut best: Option<(i64, f64, f64)> = None;
    for id in ids {
        let (Some(dot), Some(st)) = (dots.get(&id), stats.get(&id)) else {
            continue;
        };
        if st.norm2 <= 0.0 {
            continue;
        }
        let score = dot / st.norm2.sqrt() - date_penalty(day, st);
        if score >= JOIN_THRESHOLD && best.is_none_or(|b| score > b.1) {
            best = Some((id, score, *dot));
        }
    }
    Ok(match best {
        Some((id, _, dot)) => (Some(id), dot),
        None => (None, 0.0),
    })
}

/// Take an article out of its story and the document frequencies (before it is deleted).
pub(super) async fn leave(
    tx: &mut Transaction<'_, Sqlite>,
    scope: &str,
    article: i64,
) -> Result<()> {
    let row = sqlx::query("SELECT story_id, vector FROM story_articles WHERE article_id = ?1")
        .bind(article)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let story: i64 = row.get("story_id");
    let v: Vec<(String, f64)> = serde_json::from_str(row.get::<&str, _>("vector"))
        .map_err(|e| Error::Internal(format!("story vector of #{article}: {e}")))?;
    let features = stored_features(tx, article).await?;
    let terms: Vec<&str> = std::iter::once("")
        .chain(features.terms.iter().map(|(t, _)| t.as_str()))
        .collect();
    for chunk in terms.chunks(CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new("UPDATE story_df SET df = df - 1 WHERE scope = ");
        q.push_bind(scope.to_string()).push(" AND term IN (");
        let mut list = q.separated(", ");
        for t in chunk {
            list.push_bind(t.to_string());
        }
        q.push(")");
        q.build().execute(&mut **tx).await?;
    }
    sqlx::query("DELETE FROM story_df WHERE scope = ?1 AND df <= 0 AND term IN (SELECT value FROM json_each(?2))")
        .bind(scope)
        .bind(serde_json::to_string(&terms).map_err(|e| Error::Internal(e.to_string()))?)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM story_articles WHERE article_id = ?1")
        .bind(article)
        .execute(&mut **tx)
        .await?;
    let left: i64 = sqlx::query_scalar("SELECT articles - 1 FROM stories WHERE id = ?1")
        .bind(story)
        .fetch_one(&mut **tx)
        .await?;
    if left <= 0 {
        sqlx::query("DELETE FROM stories WHERE id = ?1")
            .bind(story)
            .execute(&mut **tx)
            .await?;
        return Ok(());
    }
    // |C - v|^2 = |C|^2 - 2 C.v + |v|^2, with C.v read before the subtraction.
    let dot = dots(tx, scope, &v, &[story])
        .await?
        .get(&story)
        .copied()
        .unwrap_or(0.0);
    let own: f64 = v.iter().map(|(_, w)| w * w).sum();
    let negated: Vec<(String, f64)> = v.iter().map(|(t, w)| (t.clone(), -w)).collect();
    add_to_centroid(tx, scope, story, &negated).await?;
    for chunk in v.chunks(CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new("DELETE FROM story_terms WHERE scope = ");
        q.push_bind(scope.to_string())
            .push(" AND story_id = ")
            .push_bind(story)
            .push(" AND weight <= 1e-9 AND term IN (");
        let mut list = q.separated(", ");
        for (t, _) in chunk {
            list.push_bind(t.clone());
        }
        q.push(")");
        q.build().execute(&mut **tx).await?;
    }
    // The days come from the index on (story_id, day): no member row is read.
    sqlx::query(
        "UPDATE stories SET articles = ?2, norm2 = max(0, norm2 - 2 * ?3 + ?4), \
         first_day = (SELECT min(day) FROM story_articles WHERE story_id = ?1), \
         last_day = (SELECT max(day) FROM story_articles WHERE story_id = ?1) WHERE id = ?1",
    )
    .bind(story)
    .bind(left)
    .bind(dot)
    .bind(own)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Add `v` (weights may be negative) to the centroid of `story`.
async fn add_to_centroid(
    tx: &mut Transaction<'_, Sqlite>,
    scope: &str,
    story: i64,
    v: &[(String, f64)],
) -> Result<()> {
    for chunk in v.chunks(CHUNK) {
        let mut q =
            QueryBuilder::<Sqlite>::new("INSERT INTO story_terms (scope, term, story_id, weight) ");
        q.push_values(chunk, |mut b, (term, w)| {
            b.push_bind(scope.to_string())
                .push_bind(term.clone())
                .push_bind(story)
                .push_bind(*w);
        });
        q.push(
            " ON CONFLICT (scope, term, story_id) DO UPDATE SET weight = weight + excluded.weight",
        );
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// An article's features from what is stored: its text, title, date and entity keys.
async fn stored_features(tx: &mut Transaction<'_, Sqlite>, article: i64) -> Result<Features> {
    let row = sqlx::query("SELECT title, text, published FROM articles WHERE id = ?1")
        .bind(article)
        .fetch_one(&mut **tx)
        .await?;
    let ents: Vec<(String, i64)> = sqlx::query_as(
        "SELECT e.key, a.mention_count FROM article_entities a JOIN entities e ON e.id = a.entity_id \
         WHERE a.article_id = ?1",
    )
    .bind(article)
    .fetch_all(&mut **tx)
    .await?;
    let ents: Vec<(String, u32)> = ents
        .into_iter()
        .map(|(k, c)| (k, c.max(1) as u32))
        .collect();
    Ok(Features::from_parts(
        row.get("title"),
        row.get("text"),
        row.get("published"),
        &ents,
    ))
}

impl Store {
    /// The scope's stories with their articles, oldest story first.
    pub async fn stories(&self, scope: Scope) -> Result<Vec<StoryRow>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT s.id, a.article_id FROM stories s JOIN story_articles a ON a.story_id = s.id \
             WHERE s.scope = ?1 ORDER BY s.id, a.article_id",
        )
        .bind(scope.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<StoryRow> = Vec::new();
        for (story, article) in rows {
            match out.last_mut() {
                Some(last) if last.id == story => last.articles.push(ArticleId(article)),
                _ => out.push(StoryRow {
                    id: story,
                    articles: vec![ArticleId(article)],
                }),
            }
        }
        Ok(out)
    }

    /// The story of an article and its original when it is a copy.
    pub async fn placement(&self, scope: Scope, id: ArticleId) -> Result<Placement> {
        let row = sqlx::query(
            "SELECT (SELECT story_id FROM story_articles WHERE article_id = a.id) AS story, \
             (SELECT original_id FROM article_copies WHERE article_id = a.id) AS copy_of \
             FROM articles a WHERE a.scope = ?1 AND a.id = ?2",
        )
        .bind(scope.to_string())
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(Error::UnknownArticle(id))?;
        Ok(Placement {
            story: row.get("story"),
            copy_of: row.get::<Option<i64>, _>("copy_of").map(ArticleId),
        })
    }

    /// The members of story `story` in `scope`, oldest first (empty when there is none).
    pub async fn story_members(&self, scope: Scope, story: i64) -> Result<Vec<ArticleId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT a.article_id FROM story_articles a JOIN stories s ON s.id = a.story_id \
             WHERE s.scope = ?1 AND s.id = ?2 ORDER BY a.article_id",
        )
        .bind(scope.to_string())
        .bind(story)
        .fetch_all(&self.pool)
        .await?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }

    /// Copies and originals among `ids`: `(copy, original)` pairs where either is in `ids`.
    pub async fn copies_among(&self, ids: &[ArticleId]) -> Result<Vec<(ArticleId, ArticleId)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = ids
            .iter()
            .map(|i| i.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let rows: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT article_id, original_id FROM article_copies \
             WHERE article_id IN ({list}) OR original_id IN ({list})"
        )))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(c, o)| (ArticleId(c), ArticleId(o)))
            .collect())
    }

    /// Recompute every copy link and story of `scope` from the stored articles, oldest first,
    /// as if they were ingested again (for a changed threshold, or after an import). Returns the
    /// number of stories.
    pub async fn rebuild_stories(&self, scope: Scope) -> Result<usize> {
        let s = scope.to_string();
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM articles WHERE scope = ?1 ORDER BY id")
                .bind(&s)
                .fetch_all(&self.pool)
                .await?;
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM stories WHERE scope = ?1")
            .bind(&s)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM story_df WHERE scope = ?1")
            .bind(&s)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM fingerprint_bands WHERE scope = ?1")
            .bind(&s)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "DELETE FROM article_fingerprints WHERE article_id IN (SELECT id FROM articles WHERE scope = ?1)",
        )
        .bind(&s)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM article_copies WHERE article_id IN (SELECT id FROM articles WHERE scope = ?1)",
        )
        .bind(&s)
        .execute(&mut *tx)
        .await?;
        for (k, id) in ids.iter().enumerate() {
            let features = stored_features(&mut tx, *id).await?;
            let text: String = sqlx::query_scalar("SELECT text FROM articles WHERE id = ?1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            place(&mut tx, &s, *id, &text, &features).await?;
            // Commit now and then, so a large store does not hold one huge transaction.
            if k % 500 == 499 {
                tx.commit().await?;
                tx = self.write_tx().await?;
            }
        }
        tx.commit().await?;
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM stories WHERE scope = ?1")
            .bind(&s)
            .fetch_one(&self.pool)
            .await?;
        Ok(n as usize)
    }
}

/// A stored sentence of a story's article.
#[derive(Debug, Clone)]
pub struct StorySentence {
    pub article: ArticleId,
    pub idx: usize,
    pub text: String,
    /// Whether it is in the article's stored summary.
    pub in_summary: bool,
}

/// An attributed quote of a story's article.
#[derive(Debug, Clone)]
pub struct StoryQuote {
    pub article: ArticleId,
    pub speaker: String,
    pub text: String,
}

impl Store {
    /// The sentences of `ids` (at most `per_article` each, from the start), in order.
    pub async fn sentences_of(
        &self,
        ids: &[ArticleId],
        per_article: usize,
    ) -> Result<Vec<StorySentence>> {
        let mut out = Vec::new();
        for id in ids {
            let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
                "SELECT idx, text, summary_rank FROM sentences WHERE article_id = ?1 AND idx < ?2 ORDER BY idx",
            )
            .bind(id.0)
            .bind(per_article as i64)
            .fetch_all(&self.pool)
            .await?;
            out.extend(rows.into_iter().map(|(idx, text, rank)| StorySentence {
                article: *id,
                idx: idx as usize,
                text,
                in_summary: rank.is_some(),
            }));
        }
        Ok(out)
    }

    /// The attributed quotes of `ids`, key quotes first (at most `per_article` each).
    pub async fn quotes_of(
        &self,
        ids: &[ArticleId],
        per_article: usize,
    ) -> Result<Vec<StoryQuote>> {
        let mut out = Vec::new();
        for id in ids {
            let rows: Vec<(String, String)> = sqlx::query_as(
                "SELECT speaker, text FROM quotes WHERE article_id = ?1 AND speaker IS NOT NULL \
                 AND score > 0 ORDER BY rank LIMIT ?2",
            )
            .bind(id.0)
            .bind(per_article as i64)
            .fetch_all(&self.pool)
            .await?;
            out.extend(rows.into_iter().map(|(speaker, text)| StoryQuote {
                article: *id,
                speaker,
                text,
            }));
        }
        Ok(out)
    }
}

impl Store {
    /// The story of each of `ids` that has one.
    pub async fn stories_of(&self, ids: &[ArticleId]) -> Result<HashMap<ArticleId, i64>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let list = ids
            .iter()
            .map(|i| i.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let rows: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT article_id, story_id FROM story_articles WHERE article_id IN ({list})"
        )))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(a, s)| (ArticleId(a), s)).collect())
    }
}

impl Store {
    /// How long joining article `id` to a story takes now (copy check, weighting, candidates,
    /// scoring, the writes), measured by taking it out of its story and placing it again inside
    /// a transaction that is then rolled back: the store is left as it was.
    pub async fn time_story_join(
        &self,
        scope: Scope,
        id: ArticleId,
    ) -> Result<std::time::Duration> {
        let s = scope.to_string();
        let mut tx = self.write_tx().await?;
        let known: Option<i64> =
            sqlx::query_scalar("SELECT id FROM articles WHERE id = ?1 AND scope = ?2")
                .bind(id.0)
                .bind(&s)
                .fetch_optional(&mut *tx)
                .await?;
        if known.is_none() {
            return Err(Error::UnknownArticle(id));
        }
        leave(&mut tx, &s, id.0).await?;
        sqlx::query("DELETE FROM article_copies WHERE article_id = ?1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM fingerprint_bands WHERE article_id = ?1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM article_fingerprints WHERE article_id = ?1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        let features = stored_features(&mut tx, id.0).await?;
        let text: String = sqlx::query_scalar("SELECT text FROM articles WHERE id = ?1")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
        let started = std::time::Instant::now();
        place(&mut tx, &s, id.0, &text, &features).await?;
        let took = started.elapsed();
        tx.rollback().await?;
        Ok(took)
    }
}

impl Store {
    /// The first article and the size of each of `stories`.
    pub async fn story_sizes(&self, stories: &[i64]) -> Result<HashMap<i64, (ArticleId, usize)>> {
        if stories.is_empty() {
            return Ok(HashMap::new());
        }
        let list = stories
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let rows: Vec<(i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT s.id, (SELECT min(article_id) FROM story_articles a WHERE a.story_id = s.id), \
             s.articles FROM stories s WHERE s.id IN ({list})"
        )))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(s, first, n)| (s, (ArticleId(first), n as usize)))
            .collect())
    }
}
