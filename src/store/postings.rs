//! A story term's postings packed into one row (`story_postings`, migration 0010): the stories
//! posted under the term, the newest [`KEPT`] of them, each with the summed weight its members
//! brought.
//!
//! One row a posting (`story_terms` before 0010) made the candidate search for a new article a
//! `GROUP BY` over a couple of thousand products inside SQLite, the largest cost of a story
//! join at 100k articles. Packed, the join reads its probe terms' rows with one index look-up
//! each and sums them here, and an ingest rewrites one row a term instead of inserting a posting
//! and its entry in a second index.

use super::{Engine, Sql};
use crate::error::{Error, Result};
use sqlx::{Any, AnyPool, Row, Transaction};
use std::collections::HashMap;

/// Postings kept a term: the newest stories (highest ids). More than the join reads
/// ([`super::stories::POSTINGS`]), so that a story taken out of a full list (its last member
/// forgotten) leaves the window the join reads full.
pub const KEPT: usize = 256;

/// A summed weight at or below this is a posting taken back.
const GONE: f64 = 1e-9;

/// The postings of one term: (story id, summed weight), story ids ascending, at most [`KEPT`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Postings(Vec<(i64, f64)>);

impl Postings {
    /// The bytes of a row: each posting as the LEB128 gap from the previous story id (from 0),
    /// then its weight as a little-endian f64. ~10 bytes a posting keeps a full row inside one
    /// 4 KiB SQLite page (no overflow pages to read or rewrite).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * 10);
        let mut last = 0i64;
        for &(story, weight) in &self.0 {
            let mut gap = story.wrapping_sub(last) as u64;
            last = story;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
            out.extend_from_slice(&weight.to_le_bytes());
        }
        out
    }

    /// The postings of a row written by [`Postings::encode`]; `None` when the bytes are not.
    pub fn decode(mut bytes: &[u8]) -> Option<Postings> {
        let mut out = Vec::with_capacity(bytes.len() / 10);
        let mut last = 0i64;
        while !bytes.is_empty() {
            let mut gap = 0u64;
            let mut shift = 0;
            loop {
                let (&byte, rest) = bytes.split_first()?;
                bytes = rest;
                if shift > 63 {
                    return None;
                }
                gap |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            let (weight, rest) = bytes.split_first_chunk::<8>()?;
            bytes = rest;
            last = last.wrapping_add(gap as i64);
            out.push((last, f64::from_le_bytes(*weight)));
        }
        Some(Postings(out))
    }

    /// The `n` newest postings (highest story ids), oldest first.
    pub fn newest(&self, n: usize) -> &[(i64, f64)] {
        &self.0[self.0.len().saturating_sub(n)..]
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Drop `story`'s posting.
    pub fn remove(&mut self, story: i64) {
        if let Ok(i) = self.0.binary_search_by_key(&story, |p| p.0) {
            self.0.remove(i);
        }
    }

    /// Add `weight` (negative: take back) to `story`'s posting. A posting summed down to
    /// nothing leaves; a new one beyond the [`KEPT`] newest is not kept (the join would never
    /// read it: newer stories hold the term).
    pub fn add(&mut self, story: i64, weight: f64) {
        match self.0.binary_search_by_key(&story, |p| p.0) {
            Ok(i) => {
                self.0[i].1 += weight;
                if self.0[i].1 <= GONE {
                    self.0.remove(i);
                }
            }
            Err(i) if weight > GONE => {
                self.0.insert(i, (story, weight));
                if self.0.len() > KEPT {
                    self.0.remove(0);
                }
            }
            Err(_) => {}
        }
    }
}

/// The postings of `terms` in `scope`; a term without any is absent from the map. With `lock`
/// on PostgreSQL the rows are locked for the transaction, in term order (concurrent writers
/// then take shared rows in one order); SQLite's writer holds the database already.
pub(super) async fn load(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    terms: &[&str],
    lock: bool,
) -> Result<HashMap<String, Postings>> {
    let mut out = HashMap::with_capacity(terms.len());
    if terms.is_empty() {
        return Ok(out);
    }
    let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
    let mut q = Sql::new("SELECT term, postings FROM story_postings WHERE scope = ");
    q.bind(scope.to_string())
        .push(" AND term IN (")
        .list(&terms)
        .push(")");
    if lock && Engine::of(tx) == Engine::Postgres {
        q.push(" ORDER BY term FOR UPDATE");
    }
    for row in q.build()?.fetch_all(&mut **tx).await? {
        let term: String = row.try_get(0)?;
        let bytes: &[u8] = row.try_get(1)?;
        let postings = Postings::decode(bytes)
            .ok_or_else(|| Error::Internal(format!("unreadable story postings of {term:?}")))?;
        out.insert(term, postings);
    }
    Ok(out)
}

/// Make sure every one of `terms` has a row in `scope`, so that [`load`] can lock it: two
/// PostgreSQL writers adding the same new term would otherwise each write a row of their own
/// and the second would overwrite the first's posting.
pub(super) async fn reserve(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    terms: &[&str],
) -> Result<()> {
    if terms.is_empty() {
        return Ok(());
    }
    let mut q = Sql::new("INSERT INTO story_postings (scope, term, postings) ");
    q.values(terms, |b, term| {
        b.bind(scope.to_string())
            .comma()
            .bind(term.to_string())
            .comma()
            .bind(Vec::<u8>::new());
    })
    .push(" ON CONFLICT (scope, term) DO NOTHING");
    q.build()?.execute(&mut **tx).await?;
    Ok(())
}

/// Write `changed` back: a term left without postings loses its row.
pub(super) async fn save(
    tx: &mut Transaction<'_, Any>,
    scope: &str,
    changed: &[(&str, &Postings)],
) -> Result<()> {
    let (empty, kept): (Vec<_>, Vec<_>) = changed.iter().partition(|(_, p)| p.is_empty());
    if !kept.is_empty() {
        let mut q = Sql::new("INSERT INTO story_postings (scope, term, postings) ");
        q.values(&kept, |b, (term, postings)| {
            b.bind(scope.to_string())
                .comma()
                .bind(term.to_string())
                .comma()
                .bind(postings.encode());
        })
        .push(" ON CONFLICT (scope, term) DO UPDATE SET postings = excluded.postings");
        q.build()?.execute(&mut **tx).await?;
    }
    if !empty.is_empty() {
        let terms: Vec<String> = empty.iter().map(|(t, _)| t.to_string()).collect();
        let mut q = Sql::new("DELETE FROM story_postings WHERE scope = ");
        q.bind(scope.to_string())
            .push(" AND term IN (")
            .list(&terms)
            .push(")");
        q.build()?.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Pack the postings of a store written before migration 0010 (one row a posting in
/// `story_terms`) and drop that table; a no-op once done. In Rust because the packed form is
/// binary, which neither engine's SQL writes.
pub(super) async fn pack_story_terms(pool: &AnyPool, engine: Engine) -> Result<()> {
    if !story_terms_exist(pool, engine).await? {
        return Ok(());
    }
    let mut tx = pool.begin().await?;
    if engine == Engine::Postgres {
        // Processes opening one store at once (several bot processes, two `ingest` runs): one
        // packs, the others wait for it here and then find the table gone.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext('newsdesk: pack story_terms'))")
            .execute(&mut *tx)
            .await?;
        if !story_terms_exist(&mut *tx, engine).await? {
            return Ok(());
        }
    }
    let rows: Vec<(String, String, i64, f64)> = sqlx::query_as(
        "SELECT scope, term, story_id, weight FROM story_terms \
         ORDER BY scope, term, story_id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut packed: Vec<(String, String, Postings)> = Vec::new();
    for (scope, term, story, weight) in rows {
        match packed.last_mut() {
            Some((s, t, p)) if *s == scope && *t == term => p.add(story, weight),
            _ => {
                let mut p = Postings::default();
                p.add(story, weight);
                packed.push((scope, term, p));
            }
        }
    }
    packed.retain(|(_, _, p)| !p.is_empty());
    for chunk in packed.chunks(300) {
        let mut q = Sql::new("INSERT INTO story_postings (scope, term, postings) ");
        q.values(chunk, |b, (scope, term, postings)| {
            b.bind(scope.clone())
                .comma()
                .bind(term.clone())
                .comma()
                .bind(postings.encode());
        });
        q.build()?.execute(&mut *tx).await?;
    }
    sqlx::query("DROP TABLE story_terms")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    if !packed.is_empty() {
        tracing::info!(
            terms = packed.len(),
            "story postings packed (migration 0010)"
        );
    }
    Ok(())
}

/// Whether the store still has the table migration 0010 replaced.
async fn story_terms_exist<'e>(
    db: impl sqlx::Executor<'e, Database = Any>,
    engine: Engine,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(engine.pick(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'story_terms'",
        "SELECT count(*) FROM pg_tables WHERE tablename = 'story_terms' \
         AND schemaname = current_schema()",
    ))
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_through_their_bytes() {
        let mut p = Postings::default();
        for (story, w) in [
            (3, 0.5),
            (1, 0.25),
            (70_000, 1e-3),
            (i64::from(u32::MAX) + 9, 2.0),
        ] {
            p.add(story, w);
        }
        let bytes = p.encode();
        assert_eq!(Postings::decode(&bytes), Some(p.clone()));
        assert_eq!(
            p.newest(2).iter().map(|x| x.0).collect::<Vec<_>>(),
            [70_000, i64::from(u32::MAX) + 9]
        );
        // A cut-off weight or varint is not a row.
        assert_eq!(Postings::decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(Postings::decode(&[0x80; 12]), None);
        assert_eq!(Postings::decode(&[]), Some(Postings::default()));
    }

    #[test]
    fn taking_a_weight_back_removes_the_posting_and_old_stories_fall_off() {
        let mut p = Postings::default();
        p.add(5, 0.3);
        p.add(5, 0.2);
        p.add(5, -0.5);
        assert!(p.is_empty());
        // Taking back what is not there changes nothing.
        p.add(9, -0.4);
        assert!(p.is_empty());
        for story in 1..=(KEPT as i64 + 10) {
            p.add(story, 1.0);
        }
        assert_eq!(p.newest(usize::MAX).len(), KEPT);
        assert_eq!(p.newest(usize::MAX)[0].0, 11);
        // A story older than every kept one is not kept.
        p.add(2, 1.0);
        assert_eq!(p.newest(usize::MAX)[0].0, 11);
        // A newer one pushes the oldest out.
        p.add(10_000, 1.0);
        assert_eq!(p.newest(usize::MAX)[0].0, 12);
        assert_eq!(p.newest(1), [(10_000, 1.0)]);
    }
}
