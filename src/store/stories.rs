//! Copies and stories, kept up to date inside the ingest transaction.
//!
//! A new article is first checked for being a copy of a stored one: its MinHash bands
//! ([`Fingerprint`]) find the articles that share a band, and the first whose signature agrees
//! closely enough is its original (or that article's own original). Then it joins a story:
//!
//! * its vector: words and entity keys weighted by TF-IDF over the scope's articles (`story_df`),
//!   L2-normalised, its [`VECTOR_TERMS`] heaviest terms kept;
//! * candidates: the stories posted under its [`PROBE_TERMS`] heaviest (rarest) terms, at most
//!   [`POSTINGS`] newest stories a term, never a scan of the store; the [`CANDIDATES`] best by
//!   that partial dot product are scored in full;
//! * score: the cosine between the vector and a story's centroid (the sum of its members'
//!   vectors), less a penalty when the event's days disagree: [`FAR_PENALTY`] when the article's
//!   day is more than [`SPAN_DAYS`] from the story's span, [`UNDATED_PENALTY`] when only one
//!   side has a day (nothing then says they are the same moment) — for an undated article,
//!   times the share of the story's members that have a day, so that a story whose reports
//!   are partly undated does not turn the next undated one away;
//! * a story about other people is never joined: when the article's lead person
//!   ([`Lead`]) is absent from the story and the story's main entity is absent or minor in
//!   the article ([`Lead::rules_out`]), the words they share are the kind of event, not the
//!   event;
//! * the best story at or above [`JOIN_THRESHOLD`] takes it; otherwise it starts one. A copy
//!   joins its original's story.
//!
//! Upkeep is kept to a few pages an article, because scattered writes are what an ingest pays
//! for: the document frequencies are folded in batches of [`FOLD_BATCH`] articles (the terms
//! wait in `story_pending`), a story's centroid is one row ([`encode_centroid`]), and only each
//! member's [`PROBE_TERMS`] heaviest terms are posted, one packed row a term
//! ([`super::postings`]).
//!
//! Each article keeps the vector it brought, so forgetting it takes exactly that back out.

use super::postings::{self, Postings};
use super::{Engine, Sql, Store};
use crate::analysis::story::{Features, Fingerprint, Lead, MAX_TERMS};
use crate::error::{Error, Result};
use crate::model::{ArticleId, Scope};
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

/// Terms kept in an article's vector: all it brings ([`MAX_TERMS`]). Cutting at the 200
/// heaviest dropped the many light words two reports of one event share and two similar events
/// do not (dev stories B3 91.77 -> 91.93 alone, 2 topics better, none worse).
pub const VECTOR_TERMS: usize = MAX_TERMS;
/// Terms whose postings give the candidate stories: an article probes with its heaviest terms
/// and is posted under the same number of its own.
pub const PROBE_TERMS: usize = 24;
/// Newest stories read per probed term.
pub const POSTINGS: usize = 200;
/// Stories scored in full: the best by their partial dot product over the probed terms. Each
/// reads its whole centroid (~6 KB) and compares every term, the largest cost of a join. At 100k
/// synthetic articles the story chosen among 20 was ranked 13th or lower in 2 joins of 2,000
/// (11th or lower in 12); the dev stories are the same with 6, 10 or 20.
pub const CANDIDATES: usize = 12;
/// Least score that joins an existing story.
pub const JOIN_THRESHOLD: f64 = 0.17;
/// Days an article's event may lie outside a story's span and still be the same event.
pub const SPAN_DAYS: i32 = 60;
pub const FAR_PENALTY: f64 = 0.2;
pub const UNDATED_PENALTY: f64 = 0.15;
/// Most articles whose terms wait before they are counted in the document frequencies. A small
/// scope folds sooner (see [`fold_at`]), so its weights never miss more than a quarter of it;
/// a rarity estimate can afford that, and on the dev stories the grouping is as good as with
/// exact counts.
pub const FOLD_BATCH: i64 = 64;

/// Queued articles that trigger a fold in a scope of `articles` articles.
fn fold_at(articles: i64) -> i64 {
    (articles / 4).clamp(1, FOLD_BATCH)
}
/// Terms kept in a story's centroid: its heaviest, so a story's row stays small however many
/// articles it has (members' own vectors are cut at [`VECTOR_TERMS`]). On the dev stories the
/// grouping is the same with 500 as with whole centroids.
pub const CENTROID_TERMS: usize = 500;

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

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}

/// A story's centroid as stored: for each term, its byte length (u16), its UTF-8 bytes and its
/// weight (f32), little-endian. Read for every candidate story, so no parsing beyond slicing.
pub(crate) fn encode_centroid(centroid: &[(String, f64)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(centroid.iter().map(|(t, _)| t.len() + 6).sum());
    for (term, w) in centroid {
        let bytes = &term.as_bytes()[..term.len().min(usize::from(u16::MAX))];
        out.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        out.extend_from_slice(bytes);
        out.extend_from_slice(&(*w as f32).to_le_bytes());
    }
    out
}

/// The entries of a stored centroid, read in place (None when the bytes are not a centroid).
/// The terms stay bytes: scoring a candidate compares them with the article's, and checking
/// each one's UTF-8 cost more than the comparisons.
fn raw_entries(mut bytes: &[u8]) -> Option<Vec<(&[u8], f64)>> {
    let mut out = Vec::with_capacity(bytes.len() / 16);
    while !bytes.is_empty() {
        let len = usize::from(u16::from_le_bytes([*bytes.first()?, *bytes.get(1)?]));
        let term = bytes.get(2..2 + len)?;
        let w = bytes.get(2 + len..6 + len)?;
        out.push((
            term,
            f64::from(f32::from_le_bytes([w[0], w[1], w[2], w[3]])),
        ));
        bytes = &bytes[6 + len..];
    }
    Some(out)
}

/// [`raw_entries`] with their terms as text.
fn centroid_entries(bytes: &[u8]) -> Option<Vec<(&str, f64)>> {
    raw_entries(bytes)?
        .into_iter()
        .map(|(t, w)| Some((std::str::from_utf8(t).ok()?, w)))
        .collect()
}

/// An article's vector by term, for scoring candidates.
/// FNV-1a (the `fnv` crate) rather than SipHash: the article's terms are looked up once for
/// every term of every candidate's centroid (thousands of short keys an article), where SipHash's
/// cost showed. The map holds at most [`VECTOR_TERMS`] entries of the article's own terms, so
/// colliding keys could only slow it so far.
type TermWeights<'a> = HashMap<&'a [u8], f64, fnv::FnvBuildHasher>;

pub(crate) fn decode_centroid(bytes: &[u8]) -> Option<HashMap<String, f64>> {
    Some(
        centroid_entries(bytes)?
            .into_iter()
            .map(|(t, w)| (t.to_string(), w))
            .collect(),
    )
}

/// `centroid + sign * v`, its terms that cancel out dropped, cut to its [`CENTROID_TERMS`]
/// heaviest (ties by term, so the cut is deterministic).
pub(crate) fn add_vector(
    mut centroid: HashMap<String, f64>,
    v: &[(String, f64)],
    sign: f64,
) -> Vec<(String, f64)> {
    for (t, w) in v {
        *centroid.entry(t.clone()).or_default() += sign * w;
    }
    let mut out: Vec<(String, f64)> = centroid.into_iter().filter(|(_, w)| *w > 1e-6).collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.truncate(CENTROID_TERMS);
    out
}

/// The engine behind a transaction.
fn engine(tx: &Transaction<'_, Any>) -> Engine {
    Engine::of(tx)
}

/// Queue the article's terms for the document frequencies, fold the scope's queue when it is
/// full, and return the article's weighted, normalised, truncated vector (heaviest first).
async fn vector(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    article: i64,
    features: &Features,
) -> Result<Vec<(String, f64)>> {
    let terms: Vec<&str> = features.terms.iter().map(|(t, _)| t.as_str()).collect();
    sqlx::query("INSERT INTO story_pending (article_id, scope, terms) VALUES ($1, $2, $3)")
        .bind(article)
        .bind(scope)
        .bind(to_json(&terms)?)
        .execute(&mut **tx)
        .await?;
    let (pending, counted): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM story_pending WHERE scope = $1), \
         coalesce((SELECT df FROM story_df WHERE scope = $1 AND term = ''), 0)",
    )
    .bind(scope)
    .fetch_one(&mut **tx)
    .await?;
    if pending >= fold_at(counted + pending) {
        fold(tx, scope).await?;
    }
    let all: Vec<&str> = std::iter::once("").chain(terms.iter().copied()).collect();
    // The array drives the join: one primary-key lookup a term (an `IN (SELECT ...)` list is
    // materialised and sorted first, which costs more than the lookups). The answer comes as one
    // text of `position df` pairs: a row a term cost more to hand over than to find.
    let (each, pair, concat) = match engine(tx) {
        Engine::Sqlite => ("json_each($2) j", "j.key || ' ' || d.df", "group_concat"),
        Engine::Postgres => (
            "jsonb_array_elements_text(CAST($2 AS jsonb)) WITH ORDINALITY j (value, ord)",
            "CAST(j.ord - 1 AS TEXT) || ' ' || CAST(d.df AS TEXT)",
            "string_agg",
        ),
    };
    let packed: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {concat}({pair}, ' ') FROM {each} {} story_df d \
         ON d.scope = $1 AND d.term = j.value",
        engine(tx).join()
    )))
    .bind(scope)
    .bind(to_json(&all)?)
    .fetch_one(&mut **tx)
    .await?;
    // df by position in `all`: the article count first, then each term's.
    let mut df = vec![0i64; all.len()];
    let mut numbers = packed.as_deref().unwrap_or("").split(' ');
    while let (Some(at), Some(count)) = (numbers.next(), numbers.next()) {
        match (at.parse::<usize>(), count.parse::<i64>()) {
            (Ok(at), Ok(count)) if at < df.len() => df[at] = count,
            _ => return Err(Error::Internal(format!("bad df pair `{at} {count}`"))),
        }
    }
    let n = df[0];
    let mut v: Vec<(String, f64)> = features
        .terms
        .iter()
        .zip(&df[1..])
        .map(|((t, c), &d)| (t.clone(), weight(*c, d, n)))
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

/// Count the scope's queued articles in their document frequencies (the term '' counts the
/// articles), grouped and sorted by term in SQLite, in one pass over the table.
async fn fold(tx: &mut Transaction<'_, Any>, scope: &str) -> Result<()> {
    if engine(tx) == Engine::Postgres {
        // One fold of a scope at a time: a second writer that found the queue full waits here,
        // then (a statement sees what committed before it) folds only what is still queued.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
            .bind(scope)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO story_df (scope, term, df) \
         SELECT $1, j.value, count(*) FROM story_pending p CROSS JOIN {} j \
         WHERE p.scope = $1 GROUP BY j.value ORDER BY j.value \
         ON CONFLICT (scope, term) DO UPDATE SET df = story_df.df + excluded.df",
        engine(tx).json_texts("p.terms")
    )))
    .bind(scope)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO story_df (scope, term, df) \
         SELECT $1, '', count(*) FROM story_pending WHERE scope = $1 \
         ON CONFLICT (scope, term) DO UPDATE SET df = story_df.df + excluded.df",
    )
    .bind(scope)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM story_pending WHERE scope = $1")
        .bind(scope)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What a candidate story is scored against: its stored centroid, read in place when scored
/// (a candidate that is not chosen is never turned into a map).
struct StoryState {
    centroid: Vec<u8>,
    first_day: Option<i32>,
    last_day: Option<i32>,
    /// Members, and members with a day.
    articles: i64,
    dated: i64,
}

impl StoryState {
    /// The dot product of the centroid with `v` (term -> weight), its squared norm, and
    /// whether the article (its `features`) is ruled out as being about other people.
    fn score_parts(&self, v: &TermWeights<'_>, features: &Features) -> Result<(f64, f64, bool)> {
        let unreadable = || Error::Internal("unreadable story centroid".into());
        let entries = raw_entries(&self.centroid).ok_or_else(unreadable)?;
        let (dot, n2) = entries.iter().fold((0.0, 0.0), |(dot, n2), (t, w)| {
            (dot + w * v.get(t).copied().unwrap_or(0.0), n2 + w * w)
        });
        let ruled_out = match &features.lead {
            Some(lead) => {
                // Bytes compare as their text does: the heaviest key, ties by key.
                let main = entries
                    .iter()
                    .filter_map(|(t, w)| t.strip_prefix(b"e:").map(|k| (k, *w)))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(b.0)))
                    .map(|(k, _)| std::str::from_utf8(k).map_err(|_| unreadable()))
                    .transpose()?;
                lead.rules_out(
                    |term| entries.iter().any(|(t, _)| *t == term.as_bytes()),
                    main,
                    &features.terms,
                )
            }
            None => false,
        };
        Ok((dot, n2, ruled_out))
    }

    fn decode(&self) -> Result<HashMap<String, f64>> {
        decode_centroid(&self.centroid)
            .ok_or_else(|| Error::Internal("unreadable story centroid".into()))
    }
}

/// How far apart in time an article and a story are, as a score penalty.
fn date_penalty(day: Option<i32>, story: &StoryState) -> f64 {
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
        (None, Some(_), _) if story.articles > 0 => {
            UNDATED_PENALTY * story.dated.clamp(0, story.articles) as f64 / story.articles as f64
        }
        _ => UNDATED_PENALTY,
    }
}

/// The centroids and spans of `stories`.
async fn states(
    tx: &mut Transaction<'_, Any>,
    stories: &[i64],
) -> Result<HashMap<i64, StoryState>> {
    states_with(tx, stories, "").await
}

/// The centroid and span of the one story this transaction is about to rewrite, its row locked
/// on PostgreSQL (whose writers run side by side: two articles joining one story at once must
/// both count). SQLite's write lock already keeps other writers out.
async fn state_for_update(tx: &mut Transaction<'_, Any>, story: i64) -> Result<Option<StoryState>> {
    let lock = engine(tx).pick("", " FOR UPDATE");
    Ok(states_with(tx, &[story], lock).await?.remove(&story))
}

async fn states_with(
    tx: &mut Transaction<'_, Any>,
    stories: &[i64],
    lock: &str,
) -> Result<HashMap<i64, StoryState>> {
    let mut out = HashMap::new();
    if stories.is_empty() {
        return Ok(out);
    }
    // Bound, not formatted in: the text then depends only on the count, so the prepared
    // statement is reused from sqlx's cache instead of being compiled for every article.
    let mut q = Sql::new(
        "SELECT id, centroid, first_day, last_day, articles, dated FROM stories WHERE id IN (",
    );
    q.list(stories).push(")").push(lock);
    let rows = q.build()?.fetch_all(&mut **tx).await?;
    for r in rows {
        let id: i64 = r.get("id");
        let centroid = match r.get::<Option<Vec<u8>>, _>("centroid") {
            Some(bytes) => bytes,
            None => encode_centroid(&add_vector(summed_members(tx, id).await?, &[], 1.0)),
        };
        out.insert(
            id,
            StoryState {
                centroid,
                first_day: r.get::<Option<i64>, _>("first_day").map(|d| d as i32),
                last_day: r.get::<Option<i64>, _>("last_day").map(|d| d as i32),
                articles: r.get("articles"),
                dated: r.get("dated"),
            },
        );
    }
    Ok(out)
}

/// The centroid of a story stored before centroids were kept whole: its members' vectors summed.
async fn summed_members(tx: &mut Transaction<'_, Any>, story: i64) -> Result<HashMap<String, f64>> {
    let vectors: Vec<String> =
        sqlx::query_scalar("SELECT vector FROM story_articles WHERE story_id = $1")
            .bind(story)
            .fetch_all(&mut **tx)
            .await?;
    let mut sum = HashMap::new();
    for json in vectors {
        let v: Vec<(String, f64)> = serde_json::from_str(&json)
            .map_err(|e| Error::Internal(format!("story vector in story {story}: {e}")))?;
        sum = add_vector(sum, &v, 1.0).into_iter().collect();
    }
    Ok(sum)
}

/// The stored original of a text with this fingerprint, if it is a copy.
async fn find_original(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    fp: &Fingerprint,
    bands: &[i64],
) -> Result<Option<i64>> {
    if bands.is_empty() {
        return Ok(None);
    }
    let mut q = Sql::new(
        "SELECT DISTINCT f.article_id, f.shingles, f.slots FROM fingerprint_bands b \
         JOIN article_fingerprints f ON f.article_id = b.article_id WHERE b.scope = ",
    );
    q.bind(scope.to_string())
        .push(" AND b.band IN (")
        .list(bands)
        .push(") ORDER BY f.article_id LIMIT 50");
    for row in q.build()?.fetch_all(&mut **tx).await? {
        let shingles: i64 = row.get("shingles");
        let slots: Vec<u8> = row.get("slots");
        let Some(other) = Fingerprint::from_bytes(&slots, shingles as usize) else {
            continue;
        };
        if fp.is_copy_of(&other) {
            let id: i64 = row.get("article_id");
            let original: Option<i64> =
                sqlx::query_scalar("SELECT original_id FROM article_copies WHERE article_id = $1")
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
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    article: i64,
    text: &str,
    features: &Features,
) -> Result<Placement> {
    let fp = Fingerprint::of(text);
    let bands = fp.bands();
    let original = find_original(tx, scope, &fp, &bands).await?;
    sqlx::query(
        "INSERT INTO article_fingerprints (article_id, shingles, slots) VALUES ($1, $2, $3)",
    )
    .bind(article)
    .bind(fp.shingles as i64)
    .bind(fp.to_bytes())
    .execute(&mut **tx)
    .await?;
    if !bands.is_empty() {
        let mut q = Sql::new("INSERT INTO fingerprint_bands (scope, band, article_id) ");
        q.values(&bands, |b, band| {
            b.bind(scope.to_string())
                .comma()
                .bind(*band)
                .comma()
                .bind(article);
        })
        .push(" ON CONFLICT DO NOTHING");
        q.build()?.execute(&mut **tx).await?;
    }
    if let Some(o) = original {
        sqlx::query("INSERT INTO article_copies (article_id, original_id) VALUES ($1, $2)")
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
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    article: i64,
    features: &Features,
    original: Option<i64>,
) -> Result<i64> {
    let v = vector(tx, scope, article, features).await?;
    let of_original: Option<i64> = match original {
        Some(o) => {
            sqlx::query_scalar("SELECT story_id FROM story_articles WHERE article_id = $1")
                .bind(o)
                .fetch_optional(&mut **tx)
                .await?
        }
        None => None,
    };
    let (story, centroid, loaded) = match of_original {
        Some(s) => match states(tx, &[s]).await?.remove(&s) {
            Some(state) => (Some(s), Some(state.decode()?), None),
            None => (Some(s), None, None),
        },
        None => match best_story(tx, scope, &v, features).await? {
            (Some((s, state)), loaded) => (Some(s), Some(state.decode()?), Some(loaded)),
            (None, loaded) => (None, None, Some(loaded)),
        },
    };
    // What was read unlocked may be stale by now on PostgreSQL: read the chosen row again, locked.
    let centroid = match (engine(tx), story) {
        (Engine::Postgres, Some(s)) => state_for_update(tx, s)
            .await?
            .map(|state| state.decode())
            .transpose()?,
        _ => centroid,
    };
    let story = match story {
        Some(s) => s,
        None => {
            sqlx::query_scalar("INSERT INTO stories (scope) VALUES ($1) RETURNING id")
                .bind(scope)
                .fetch_one(&mut **tx)
                .await?
        }
    };
    let centroid = add_vector(centroid.unwrap_or_default(), &v, 1.0);
    post(tx, scope, story, &v, Posting::Join, loaded).await?;
    let day = features.day.map(i64::from);
    // SQLite's two-argument min/max are PostgreSQL's least/greatest.
    let (least, greatest) = match engine(tx) {
        Engine::Sqlite => ("min", "max"),
        Engine::Postgres => ("least", "greatest"),
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE stories SET centroid = $2, norm2 = $3, articles = articles + 1, \
         dated = dated + CASE WHEN $4 IS NULL THEN 0 ELSE 1 END, \
         first_day = CASE WHEN $4 IS NULL THEN first_day ELSE {least}(coalesce(first_day, $4), $4) END, \
         last_day = CASE WHEN $4 IS NULL THEN last_day ELSE {greatest}(coalesce(last_day, $4), $4) END \
         WHERE id = $1"
    )))
    .bind(story)
    .bind(encode_centroid(&centroid))
    .bind(centroid.iter().map(|(_, w)| w * w).sum::<f64>())
    .bind(day)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO story_articles (article_id, story_id, day, vector) VALUES ($1, $2, $3, $4)",
    )
    .bind(article)
    .bind(story)
    .bind(day)
    .bind(to_json(&stored_vector(&v))?)
    .execute(&mut **tx)
    .await?;
    Ok(story)
}

/// A vector as stored with its article: weights at the centroid's precision (f32), which
/// makes the row a third shorter than shortest-round-trip f64s.
fn stored_vector(v: &[(String, f64)]) -> Vec<(&str, f32)> {
    v.iter().map(|(t, w)| (t.as_str(), *w as f32)).collect()
}

/// The best existing story for vector `v` at or above the threshold, with what it was scored
/// on, and the postings of the probed terms (the same terms the article is posted under).
async fn best_story(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    v: &[(String, f64)],
    features: &Features,
) -> Result<(Option<(i64, StoryState)>, HashMap<String, Postings>)> {
    let probe = &v[..v.len().min(PROBE_TERMS)];
    let terms: Vec<&str> = probe.iter().map(|(t, _)| t.as_str()).collect();
    let postings = postings::load(tx, scope, &terms, false).await?;
    // The partial dot product with each story posted under a probed term, over the POSTINGS
    // newest stories a term; the CANDIDATES best (ties: the newer story) are scored in full.
    let mut sums: HashMap<i64, f64> = HashMap::new();
    for (term, w) in probe {
        if let Some(p) = postings.get(term) {
            for &(story, weight) in p.newest(POSTINGS) {
                *sums.entry(story).or_insert(0.0) += w * weight;
            }
        }
    }
    let mut ranked: Vec<(i64, f64)> = sums.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    ranked.truncate(CANDIDATES);
    let ids: Vec<i64> = ranked.iter().map(|r| r.0).collect();
    let mut states = states(tx, &ids).await?;
    let terms: TermWeights<'_> = v.iter().map(|(t, w)| (t.as_bytes(), *w)).collect();
    let mut best: Option<(i64, f64)> = None;
    for id in ids {
        let Some(st) = states.get(&id) else {
            continue;
        };
        let (dot, norm2, ruled_out) = st.score_parts(&terms, features)?;
        if norm2 <= 0.0 || ruled_out {
            continue;
        }
        let score = dot / norm2.sqrt() - date_penalty(features.day, st);
        if score >= JOIN_THRESHOLD && best.is_none_or(|b| score > b.1) {
            best = Some((id, score));
        }
    }
    let best = best.and_then(|(id, _)| states.remove(&id).map(|st| (id, st)));
    Ok((best, postings))
}

/// What a member does to its story's postings.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Posting {
    /// It joins: its heaviest terms add their weights.
    Join,
    /// It leaves a story that goes on: its weights are taken back.
    Leave,
    /// It was the last member: the story leaves its postings whatever their sums (a member's
    /// weights come back rounded to f32, so they need not sum to nothing).
    Close,
}

/// Post a member with vector `v` (heaviest first) under its [`PROBE_TERMS`] heaviest terms in
/// `story`, or take it back. `loaded`: those terms' postings as this transaction read them
/// (SQLite's one writer: nothing changed them since); PostgreSQL reads them again, locked.
async fn post(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    story: i64,
    v: &[(String, f64)],
    change: Posting,
    loaded: Option<HashMap<String, Postings>>,
) -> Result<()> {
    let top = &v[..v.len().min(PROBE_TERMS)];
    if top.is_empty() {
        return Ok(());
    }
    // In term order, so that concurrent writers (PostgreSQL) lock shared rows in one order.
    let mut terms: Vec<&str> = top.iter().map(|(t, _)| t.as_str()).collect();
    terms.sort_unstable();
    let mut have = match (engine(tx), loaded) {
        (Engine::Sqlite, Some(loaded)) => loaded,
        (Engine::Sqlite, None) => postings::load(tx, scope, &terms, false).await?,
        (Engine::Postgres, _) => {
            if change == Posting::Join {
                postings::reserve(tx, scope, &terms).await?;
            }
            postings::load(tx, scope, &terms, true).await?
        }
    };
    for (term, w) in top {
        // At the precision the member's vector is stored at (`stored_vector`): f32 values summed
        // in f64 add and subtract exactly, so a member that leaves takes back all it brought.
        let w = f64::from(*w as f32);
        let Some(p) = have.get_mut(term.as_str()) else {
            if change == Posting::Join {
                let mut p = Postings::default();
                p.add(story, w);
                have.insert(term.clone(), p);
            }
            continue;
        };
        match change {
            Posting::Join => p.add(story, w),
            Posting::Leave => p.add(story, -w),
            Posting::Close => p.remove(story),
        }
    }
    let changed: Vec<(&str, &Postings)> = terms
        .iter()
        .filter_map(|t| have.get(*t).map(|p| (*t, p)))
        .collect();
    postings::save(tx, scope, &changed).await
}

/// Take an article out of its story and the document frequencies (before it is deleted).
pub(super) async fn leave(tx: &mut Transaction<'_, Any>, scope: &str, article: i64) -> Result<()> {
    let row = sqlx::query("SELECT story_id, vector FROM story_articles WHERE article_id = $1")
        .bind(article)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let story: i64 = row.get("story_id");
    let v: Vec<(String, f64)> = serde_json::from_str(row.get::<&str, _>("vector"))
        .map_err(|e| Error::Internal(format!("story vector of #{article}: {e}")))?;
    // Terms still queued were never counted: dropping them from the queue is enough.
    let queued = sqlx::query("DELETE FROM story_pending WHERE article_id = $1")
        .bind(article)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if queued == 0 {
        let features = stored_features(tx, article).await?;
        let terms: Vec<&str> = std::iter::once("")
            .chain(features.terms.iter().map(|(t, _)| t.as_str()))
            .collect();
        for chunk in terms.chunks(CHUNK) {
            let chunk: Vec<String> = chunk.iter().map(|t| t.to_string()).collect();
            let mut q = Sql::new("UPDATE story_df SET df = df - 1 WHERE scope = ");
            q.bind(scope.to_string())
                .push(" AND term IN (")
                .list(&chunk)
                .push(")");
            q.build()?.execute(&mut **tx).await?;
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM story_df WHERE scope = $1 AND df <= 0 AND term IN (SELECT value FROM {})",
            engine(tx).json_texts("$2")
        )))
        .bind(scope)
        .bind(to_json(&terms)?)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("DELETE FROM story_articles WHERE article_id = $1")
        .bind(article)
        .execute(&mut **tx)
        .await?;
    let left: i64 = sqlx::query_scalar("SELECT articles - 1 FROM stories WHERE id = $1")
        .bind(story)
        .fetch_one(&mut **tx)
        .await?;
    if left <= 0 {
        post(tx, scope, story, &v, Posting::Close, None).await?;
        sqlx::query("DELETE FROM stories WHERE id = $1")
            .bind(story)
            .execute(&mut **tx)
            .await?;
        return Ok(());
    }
    let centroid = match state_for_update(tx, story).await? {
        Some(state) => state.decode()?,
        None => HashMap::new(),
    };
    let centroid = add_vector(centroid, &v, -1.0);
    post(tx, scope, story, &v, Posting::Leave, None).await?;
    // The days come from the index on (story_id, day): no member row is read.
    sqlx::query(
        "UPDATE stories SET articles = $2, centroid = $3, norm2 = $4, \
         dated = (SELECT count(day) FROM story_articles WHERE story_id = $1), \
         first_day = (SELECT min(day) FROM story_articles WHERE story_id = $1), \
         last_day = (SELECT max(day) FROM story_articles WHERE story_id = $1) WHERE id = $1",
    )
    .bind(story)
    .bind(left)
    .bind(encode_centroid(&centroid))
    .bind(centroid.iter().map(|(_, w)| w * w).sum::<f64>())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An article's features from what is stored: its text, title, date and entity keys.
async fn stored_features(tx: &mut Transaction<'_, Any>, article: i64) -> Result<Features> {
    let row = sqlx::query("SELECT title, text, published FROM articles WHERE id = $1")
        .bind(article)
        .fetch_one(&mut **tx)
        .await?;
    // The kind is the store's for the key (its first article's), the name this article's.
    let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT e.key, a.mention_count, e.kind, a.name FROM article_entities a \
         JOIN entities e ON e.id = a.entity_id WHERE a.article_id = $1",
    )
    .bind(article)
    .fetch_all(&mut **tx)
    .await?;
    let ents: Vec<(String, u32)> = rows
        .iter()
        .map(|(k, c, _, _)| (k.clone(), (*c).max(1) as u32))
        .collect();
    let lead = Lead::pick(
        rows.iter()
            .filter(|(_, _, kind, _)| kind == "person")
            .map(|(_, c, _, name)| (name.as_str(), (*c).max(1) as u32)),
    );
    Ok(Features::from_parts(
        row.get("title"),
        row.get("text"),
        row.get("published"),
        &ents,
        lead,
    ))
}

impl Store {
    /// The scope's stories with their articles, oldest story first.
    pub async fn stories(&self, scope: Scope) -> Result<Vec<StoryRow>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT s.id, a.article_id FROM stories s JOIN story_articles a ON a.story_id = s.id \
             WHERE s.scope = $1 ORDER BY s.id, a.article_id",
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
             FROM articles a WHERE a.scope = $1 AND a.id = $2",
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
             WHERE s.scope = $1 AND s.id = $2 ORDER BY a.article_id",
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
        let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
        let copies = self.engine.id_set("article_id", &ids, 1);
        let originals = self.engine.id_set("original_id", &ids, 1);
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT article_id, original_id FROM article_copies WHERE {} OR {}",
            copies.sql, originals.sql
        )));
        if let Some(ids) = copies.param {
            query = query.bind(ids);
        }
        let rows: Vec<(i64, i64)> = query.fetch_all(&self.pool).await?;
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
            sqlx::query_scalar("SELECT id FROM articles WHERE scope = $1 ORDER BY id")
                .bind(&s)
                .fetch_all(&self.pool)
                .await?;
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM stories WHERE scope = $1")
            .bind(&s)
            .execute(&mut *tx)
            .await?;
        for table in ["story_df", "story_pending", "story_postings"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE scope = $1"
            )))
            .bind(&s)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM fingerprint_bands WHERE scope = $1")
            .bind(&s)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "DELETE FROM article_fingerprints WHERE article_id IN (SELECT id FROM articles WHERE scope = $1)",
        )
        .bind(&s)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM article_copies WHERE article_id IN (SELECT id FROM articles WHERE scope = $1)",
        )
        .bind(&s)
        .execute(&mut *tx)
        .await?;
        for (k, id) in ids.iter().enumerate() {
            let features = stored_features(&mut tx, *id).await?;
            let text: String = sqlx::query_scalar("SELECT text FROM articles WHERE id = $1")
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
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM stories WHERE scope = $1")
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
                "SELECT idx, text, summary_rank FROM sentences WHERE article_id = $1 AND idx < $2 ORDER BY idx",
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
                "SELECT speaker, text FROM quotes WHERE article_id = $1 AND speaker IS NOT NULL \
                 AND score > 0 ORDER BY rank LIMIT $2",
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
        let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
        let set = self.engine.id_set("article_id", &ids, 1);
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT article_id, story_id FROM story_articles WHERE {}",
            set.sql
        )));
        if let Some(ids) = set.param {
            query = query.bind(ids);
        }
        let rows: Vec<(i64, i64)> = query.fetch_all(&self.pool).await?;
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
            sqlx::query_scalar("SELECT id FROM articles WHERE id = $1 AND scope = $2")
                .bind(id.0)
                .bind(&s)
                .fetch_optional(&mut *tx)
                .await?;
        if known.is_none() {
            return Err(Error::UnknownArticle(id));
        }
        leave(&mut tx, &s, id.0).await?;
        sqlx::query("DELETE FROM article_copies WHERE article_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM fingerprint_bands WHERE article_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM article_fingerprints WHERE article_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        let features = stored_features(&mut tx, id.0).await?;
        let text: String = sqlx::query_scalar("SELECT text FROM articles WHERE id = $1")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pairs: &[(&str, f64)]) -> Vec<(String, f64)> {
        pairs.iter().map(|(t, w)| (t.to_string(), *w)).collect()
    }

    #[test]
    fn centroids_round_trip_and_take_back_what_was_added() {
        let a = v(&[("w:harbour", 0.8), ("e:city council", 0.6)]);
        let b = v(&[("w:harbour", 0.5), ("w:bridge", 0.5), ("w:ferries", 0.7)]);
        let both = add_vector(
            add_vector(HashMap::new(), &a, 1.0).into_iter().collect(),
            &b,
            1.0,
        );
        assert_eq!(both[0].0, "w:harbour");
        let stored = decode_centroid(&encode_centroid(&both)).unwrap();
        assert_eq!(stored.len(), 4);
        assert!((stored["w:harbour"] - 1.3).abs() < 1e-6);
        let left = add_vector(stored, &b, -1.0);
        let mut expect = a.clone();
        expect.sort_by(|x, y| y.1.total_cmp(&x.1));
        assert_eq!(left.len(), 2, "{left:?}");
        for ((t, w), (te, we)) in left.iter().zip(&expect) {
            assert_eq!(t, te);
            assert!((w - we).abs() < 1e-6);
        }
        assert!(decode_centroid(&[3, 0, b'a']).is_none());
    }

    #[test]
    fn small_scopes_fold_often_large_ones_in_batches() {
        assert_eq!(fold_at(0), 1);
        assert_eq!(fold_at(40), 10);
        assert_eq!(fold_at(100_000), FOLD_BATCH);
    }
}
