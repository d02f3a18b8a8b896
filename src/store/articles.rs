//! Writing an analysed article, reading it back, listing and forgetting.

use super::names::fold;
use super::{Engine, Sql, Store};
use crate::analysis::story::Features;
use crate::analysis::{Analysis, entities};
use crate::error::{Error, Result};
use crate::model::{ArticleId, ArticleRef, Scope};
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

/// An extracted and analysed article, ready to store.
#[derive(Debug, Clone)]
pub struct NewArticle<'a> {
    pub scope: Scope,
    pub url: Option<&'a str>,
    pub content_hash: &'a str,
    pub title: Option<&'a str>,
    pub byline: Option<&'a str>,
    pub published: Option<&'a str>,
    pub site: Option<&'a str>,
    pub language: Option<&'a str>,
    pub text: &'a str,
    pub summary_size: usize,
    pub ingested_at: &'a str,
}

/// An article as `/articles` lists it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub article: ArticleRef,
    /// The first article of its story and how many articles the story holds.
    pub story: Option<(ArticleId, usize)>,
    /// Whether it is a copy of another article or has copies (read only then).
    pub has_copies: bool,
}

/// An article as stored, with its text and summary.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    pub meta: ArticleRef,
    pub text: String,
    pub summary_size: usize,
    /// `(start, end)` byte spans of the stored summary, in reading order.
    pub summary: Vec<(usize, usize)>,
}

const REF_COLUMNS: &str = "id, title, url, site, published, byline, ingested_at";

pub(super) fn article_ref(row: &sqlx::any::AnyRow) -> ArticleRef {
    ArticleRef {
        id: ArticleId(row.get("id")),
        title: row.get("title"),
        url: row.get("url"),
        site: row.get("site"),
        published: row.get("published"),
        byline: row.get("byline"),
        ingested_at: row.get("ingested_at"),
    }
}

/// The `columns` of article `id` in `scope`, or [`Error::UnknownArticle`].
async fn read_article<'e, E>(
    executor: E,
    columns: &str,
    scope: Scope,
    id: ArticleId,
) -> Result<sqlx::any::AnyRow>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {columns} FROM articles WHERE scope = $1 AND id = $2"
    )))
    .bind(scope.to_string())
    .bind(id.0)
    .fetch_optional(executor)
    .await?
    .ok_or(Error::UnknownArticle(id))
}

impl Store {
    /// An article already stored in `scope` under this URL or with this content.
    pub async fn find_duplicate(
        &self,
        scope: Scope,
        url: Option<&str>,
        content_hash: Option<&str>,
    ) -> Result<Option<ArticleRef>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REF_COLUMNS} FROM articles WHERE scope = $1 AND (url = $2 OR content_hash = $3) LIMIT 1"
        )))
        .bind(scope.to_string())
        .bind(url)
        .bind(content_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(article_ref))
    }

    /// Store an article and everything derived from it in one transaction.
    ///
    /// On PostgreSQL a writer chosen to break a lock cycle with another is rolled back; the
    /// ingest is then tried again, a few times, rather than failed.
    pub async fn insert_article(
        &self,
        new: &NewArticle<'_>,
        analysis: &Analysis,
    ) -> Result<ArticleId> {
        self.insert_article_as(new, analysis, &[]).await
    }

    /// [`Store::insert_article`] under the first of `ids` that no article of this store has
    /// (the engine's next id when none is free): a copy keeps the numbers members know.
    pub(crate) async fn insert_article_as(
        &self,
        new: &NewArticle<'_>,
        analysis: &Analysis,
        ids: &[ArticleId],
    ) -> Result<ArticleId> {
        let mut attempt = 0;
        loop {
            let mut tx = self.write_tx().await?;
            let stored = match insert_in(&mut tx, new, analysis, ids).await {
                Ok(id) => match index_text(&mut tx, &[id.0]).await {
                    Ok(()) => tx.commit().await.map(|()| id).map_err(Error::from),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            };
            match stored {
                Err(e) if attempt < 3 && super::stats::is_transient(&e) => attempt += 1,
                other => return other,
            }
        }
    }

    /// Store many articles in one transaction (bulk loads such as the benchmark corpus).
    pub async fn insert_batch(
        &self,
        batch: &[(NewArticle<'_>, Analysis)],
    ) -> Result<Vec<ArticleId>> {
        let refs: Vec<(NewArticle<'_>, &Analysis)> =
            batch.iter().map(|(n, a)| (n.clone(), a)).collect();
        self.insert_many(&refs).await
    }

    /// [`Store::insert_batch`] over borrowed analyses: all of them, or none.
    pub async fn insert_many(
        &self,
        batch: &[(NewArticle<'_>, &Analysis)],
    ) -> Result<Vec<ArticleId>> {
        let mut tx = self.write_tx().await?;
        let mut ids = Vec::with_capacity(batch.len());
        for (new, analysis) in batch {
            ids.push(insert_in(&mut tx, new, analysis, &[]).await?);
        }
        let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
        index_text(&mut tx, &raw).await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// The article `id` in `scope`.
    pub async fn article(&self, scope: Scope, id: ArticleId) -> Result<StoredArticle> {
        let columns = format!("{REF_COLUMNS}, text, summary_size");
        let row = read_article(&self.pool, &columns, scope, id).await?;
        let summary = sqlx::query(
            "SELECT start, \"end\" FROM sentences WHERE article_id = $1 AND summary_rank IS NOT NULL ORDER BY idx",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| (r.get::<i64, _>("start") as usize, r.get::<i64, _>("end") as usize))
        .collect();
        Ok(StoredArticle {
            meta: article_ref(&row),
            text: row.get("text"),
            summary_size: row.get::<i64, _>("summary_size") as usize,
            summary,
        })
    }

    /// The citation of article `id` of `scope` alone: one indexed read, for the lookups that
    /// only need to know the article is there and how to cite it (not its text or summary).
    pub async fn article_ref(&self, scope: Scope, id: ArticleId) -> Result<ArticleRef> {
        Ok(article_ref(
            &read_article(&self.pool, REF_COLUMNS, scope, id).await?,
        ))
    }

    /// Citations for many articles at once (ids missing from the store are left out).
    pub async fn article_refs(&self, ids: &[i64]) -> Result<HashMap<i64, ArticleRef>> {
        let mut unique: Vec<i64> = ids.to_vec();
        unique.sort_unstable();
        unique.dedup();
        self.refs_where(None, &unique).await
    }

    /// Citations of the articles of `scope` among `ids`, in the order given (ids gone or of
    /// another scope are left out).
    pub async fn article_refs_in(
        &self,
        scope: Scope,
        ids: &[ArticleId],
    ) -> Result<Vec<ArticleRef>> {
        let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
        let mut found = self.refs_where(Some(scope), &raw).await?;
        Ok(ids.iter().filter_map(|id| found.remove(&id.0)).collect())
    }

    /// Citations of `ids`, of `scope` only when given, by id.
    async fn refs_where(
        &self,
        scope: Option<Scope>,
        ids: &[i64],
    ) -> Result<HashMap<i64, ArticleRef>> {
        let mut out = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let set = self.engine.id_set("id", chunk, 2);
            let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {REF_COLUMNS} FROM articles WHERE {} AND ($1 IS NULL OR scope = $1)",
                set.sql
            )))
            .bind(scope.map(|s| s.to_string()));
            if let Some(ids) = set.param {
                query = query.bind(ids);
            }
            let rows = query.fetch_all(&self.pool).await?;
            for r in &rows {
                let a = article_ref(r);
                out.insert(a.id.0, a);
            }
        }
        Ok(out)
    }

    /// The stored sentence spans of an article, in order.
    pub async fn sentence_spans(&self, id: ArticleId) -> Result<Vec<(usize, usize)>> {
        Ok(
            sqlx::query("SELECT start, \"end\" FROM sentences WHERE article_id = $1 ORDER BY idx")
                .bind(id.0)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| {
                    (
                        r.get::<i64, _>("start") as usize,
                        r.get::<i64, _>("end") as usize,
                    )
                })
                .collect(),
        )
    }

    /// Newest first; with `search`, articles whose title or text match (FTS5, any word order).
    /// Each comes with its story and whether copies link it to others: one statement, as the
    /// list is read on every `/articles` and each round trip counts on a server engine.
    pub async fn list_articles(
        &self,
        scope: Scope,
        search: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Listed>> {
        let search = search.map(fts_query).filter(|q| !q.is_empty());
        let matching = match search {
            Some(_) => self.engine.pick(
                "AND id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH $4)",
                "AND tsv @@ to_tsquery('newsdesk_simple', $4)",
            ),
            None => "",
        };
        // The page first, then what is shown beside each of its rows.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT a.*, s.articles AS story_size, \
             (SELECT min(f.article_id) FROM story_articles f WHERE f.story_id = sa.story_id) AS story_first, \
             CASE WHEN EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id) \
               OR EXISTS (SELECT 1 FROM article_copies c WHERE c.original_id = a.id) THEN 1 ELSE 0 END AS copies \
             FROM (SELECT {REF_COLUMNS} FROM articles WHERE scope = $1 {matching} \
             ORDER BY id DESC LIMIT $2 OFFSET $3) a \
             LEFT JOIN story_articles sa ON sa.article_id = a.id \
             LEFT JOIN stories s ON s.id = sa.story_id \
             ORDER BY a.id DESC"
        )))
        .bind(scope.to_string())
        .bind(limit as i64)
        .bind(offset as i64);
        if let Some(q) = &search {
            query = query.bind(self.fts(q));
        }
        let rows = query.fetch_all(&self.pool).await?;
        Ok(rows
            .iter()
            .map(|r| Listed {
                article: article_ref(r),
                story: r
                    .get::<Option<i64>, _>("story_first")
                    .zip(r.get::<Option<i64>, _>("story_size"))
                    .map(|(first, size)| (ArticleId(first), size as usize)),
                has_copies: r.get::<i64, _>("copies") != 0,
            })
            .collect())
    }

    /// Delete an article and everything derived from it; entities no article mentions any more go too.
    pub async fn forget(&self, scope: Scope, id: ArticleId) -> Result<ArticleRef> {
        let mut tx = self.write_tx().await?;
        let row = read_article(&mut *tx, REF_COLUMNS, scope, id).await?;
        let entity_ids: Vec<i64> =
            sqlx::query_scalar("SELECT entity_id FROM article_entities WHERE article_id = $1")
                .bind(id.0)
                .fetch_all(&mut *tx)
                .await?;
        let aliases: Vec<(i64, String)> =
            sqlx::query_as("SELECT entity_id, alias_key FROM entity_aliases WHERE article_id = $1")
                .bind(id.0)
                .fetch_all(&mut *tx)
                .await?;
        super::stories::leave(&mut tx, &scope.to_string(), id.0).await?;
        sqlx::query("DELETE FROM articles WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        // Entities no article mentions any more go (their names cascade)...
        for chunk in entity_ids.chunks(ROWS_PER_INSERT) {
            let mut q = Sql::new("DELETE FROM entities WHERE id IN (");
            q.list(chunk).push(
                ") AND NOT EXISTS (SELECT 1 FROM article_entities a WHERE a.entity_id = entities.id)",
            );
            q.build()?.execute(&mut *tx).await?;
        }
        // ...and surviving entities lose the names only this article used.
        let join = self.engine.join();
        for chunk in aliases.chunks(ROWS_PER_INSERT) {
            // Driven by the list (the unique index on both columns): a row-value `IN` would scan.
            let mut q = Sql::new("WITH v (entity_id, alias_key) AS (");
            q.values(chunk, |q, (entity, key)| {
                q.bind(*entity).comma().bind(key.clone());
            });
            q.push(&format!(
                ") DELETE FROM entity_names WHERE id IN (SELECT n.id FROM v {join} entity_names n \
                 ON n.entity_id = v.entity_id AND n.alias_key = v.alias_key \
                 WHERE NOT EXISTS (SELECT 1 FROM entity_aliases a \
                 WHERE a.entity_id = n.entity_id AND a.alias_key = n.alias_key))"
            ));
            q.build()?.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(article_ref(&row))
    }
}

/// Turn free text into a safe FTS5 query: every word becomes a quoted term (so `"`, `*`, `NEAR(`
/// and column filters are just text), joined with OR semantics left to BM25 ranking.
pub fn fts_query(input: &str) -> String {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rows per multi-row INSERT: far below SQLite's bound-parameter limit at ten columns a row.
const ROWS_PER_INSERT: usize = 400;

/// One multi-row INSERT per chunk of `rows`: `head` names the table and columns, `tail` follows
/// the VALUES list (a conflict clause). One statement instead of one per row keeps a store of
/// an article to a handful of round trips to SQLite's thread.
async fn insert_rows<T>(
    tx: &mut Transaction<'_, Any>,
    head: &'static str,
    tail: &'static str,
    rows: &[T],
    mut bind: impl FnMut(&mut Sql, &T),
) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut q = Sql::new(head);
        q.values(chunk, |q, row| bind(q, row)).push(tail);
        q.build()?.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The article row's columns and their parameters, for [`article_row`].
const ARTICLE_COLUMNS: &str = "scope, url, content_hash, title, byline, published, site, \
     language, text, summary_size, ingested_at";
const ARTICLE_VALUES: &str = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11";

/// `sql` (an INSERT of [`ARTICLE_COLUMNS`]) with the article's values bound as `$1` to `$11`.
fn article_row<'q>(
    sql: String,
    scope: &'q str,
    a: &'q NewArticle<'q>,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(scope)
        .bind(a.url)
        .bind(a.content_hash)
        .bind(a.title)
        .bind(a.byline)
        .bind(a.published)
        .bind(a.site)
        .bind(a.language)
        .bind(a.text)
        .bind(a.summary_size as i64)
        .bind(a.ingested_at)
}

impl Store {
    /// The number the next new article will get (unless another writer takes it first): past
    /// every number this store has given, forgotten articles' included.
    pub async fn next_article_id(&self) -> Result<ArticleId> {
        // SQLite keeps the highest number given in `article_numbers` (migration 0011); the
        // identity sequence never goes back, and lags behind ids a copy stored before moving it.
        let next: i64 = sqlx::query_scalar(self.engine.pick(
            "SELECT high + 1 FROM article_numbers WHERE one = 1",
            "SELECT GREATEST(COALESCE(pg_sequence_last_value(CAST(pg_get_serial_sequence('articles', \
             'id') AS regclass)), 0), (SELECT COALESCE(max(id), 0) FROM articles)) + 1",
        ))
        .fetch_one(&self.pool)
        .await?;
        Ok(ArticleId(next))
    }

    /// Never give a new article a number up to `through` (a copy keeps the numbers its source
    /// gave, forgotten ones included). Never lowers the next number.
    pub async fn spend_article_ids(&self, through: ArticleId) -> Result<()> {
        if through.0 < 1 {
            // Nothing given yet (and PostgreSQL's sequence takes no value under its first).
            return Ok(());
        }
        let mut tx = self.write_tx().await?;
        spend_ids(&mut tx, through.0).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// After an article stored under an id the caller chose, or to keep numbers a copy's source
/// gave: the engine's next id comes after `id`.
async fn spend_ids(tx: &mut Transaction<'_, Any>, id: i64) -> Result<()> {
    // Never back: numbers of forgotten articles are not handed out again.
    sqlx::query(Engine::of(tx).pick(
        "UPDATE article_numbers SET high = max(high, $1) WHERE one = 1",
        "SELECT setval(pg_get_serial_sequence('articles', 'id'), GREATEST($1, \
         COALESCE(pg_sequence_last_value(CAST(pg_get_serial_sequence('articles', 'id') \
         AS regclass)), 0)))",
    ))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Put the titles, texts and sentences of the articles `ids`, written in this transaction, into
/// SQLite's full-text indexes (PostgreSQL keeps its `tsvector` columns itself).
///
/// Once for the whole transaction rather than by a trigger per insert: FTS5 flushes what it holds
/// in memory to a new segment at every later statement of the transaction, so trigger-fed indexes
/// wrote (and later merged) a small segment per article and table.
async fn index_text(tx: &mut Transaction<'_, Any>, ids: &[i64]) -> Result<()> {
    if Engine::of(tx) != Engine::Sqlite {
        return Ok(());
    }
    for chunk in ids.chunks(ROWS_PER_INSERT) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        // The list is integers formatted here, never user text.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO articles_fts (rowid, title, text) \
             SELECT id, title, text FROM articles WHERE id IN ({list})"
        )))
        .execute(&mut **tx)
        .await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO sentences_fts (rowid, text) \
             SELECT id, text FROM sentences WHERE article_id IN ({list})"
        )))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_in(
    tx: &mut Transaction<'_, Any>,
    a: &NewArticle<'_>,
    analysis: &Analysis,
    ids: &[ArticleId],
) -> Result<ArticleId> {
    let scope = a.scope.to_string();
    // The first of the wanted ids that is free; `DO NOTHING` (rather than a check first) so that
    // a writer who took it meanwhile sends this article to the next one, not to an error.
    let mut chosen = None;
    for want in ids {
        let sql = format!(
            "INSERT INTO articles (id, {ARTICLE_COLUMNS}) VALUES ($12, {ARTICLE_VALUES}) \
             ON CONFLICT (id) DO NOTHING RETURNING id"
        );
        if let Some(row) = article_row(sql, &scope, a)
            .bind(want.0)
            .fetch_optional(&mut **tx)
            .await?
        {
            chosen = Some(row.get::<i64, _>("id"));
            // SQLite's trigger (migration 0011) moved its mark; PostgreSQL's sequence moves only
            // when it hands out an id.
            if Engine::of(tx) == Engine::Postgres {
                spend_ids(tx, want.0).await?;
            }
            break;
        }
    }
    let id: i64 = match chosen {
        Some(id) => id,
        None => {
            // SQLite numbers it past the highest number ever given (migration 0011: its rowid
            // would reuse a forgotten newest article's), PostgreSQL by its identity sequence.
            let engine = Engine::of(tx);
            let sql = format!(
                "INSERT INTO articles ({}{ARTICLE_COLUMNS}) VALUES ({}{ARTICLE_VALUES}) RETURNING id",
                engine.pick("id, ", ""),
                engine.pick("(SELECT high + 1 FROM article_numbers WHERE one = 1), ", ""),
            );
            article_row(sql, &scope, a)
                .fetch_one(&mut **tx)
                .await?
                .get("id")
        }
    };

    let paragraphs = crate::analysis::sentences::paragraph_numbers(a.text, &analysis.sentences);
    let sentences: Vec<(usize, &crate::analysis::Span)> =
        analysis.sentences.iter().enumerate().collect();
    insert_rows(
        tx,
        "INSERT INTO sentences (article_id, idx, start, \"end\", text, summary_rank, para) ",
        "",
        &sentences,
        |b, &(idx, s)| {
            let rank = analysis.summary.iter().position(|&i| i == idx);
            b.bind(id)
                .comma()
                .bind(idx as i64)
                .comma()
                .bind(s.start as i64)
                .comma()
                .bind(s.end as i64)
                .comma()
                .bind(s.of(a.text).to_string())
                .comma()
                .bind(rank.map(|r| r as i64))
                .comma()
                .bind(paragraphs[idx]);
        },
    )
    .await?;

    // Entities of the whole store: one upsert per distinct key, keeping the longest display
    // name seen across articles; ids come back with their keys.
    let keys: Vec<String> = analysis
        .entities
        .iter()
        .map(|e| entities::canonical_key(&e.name))
        .collect();
    let mut entity_ids: Vec<i64> = Vec::with_capacity(keys.len());
    if !analysis.entities.is_empty() {
        let mut by_key: HashMap<String, i64> = HashMap::with_capacity(keys.len());
        // One row per key: the kind of its first entity, the longest of their names.
        let mut distinct: Vec<(&str, &str, &str)> = Vec::with_capacity(keys.len());
        for (key, e) in keys.iter().zip(&analysis.entities) {
            match distinct.iter_mut().find(|d| d.0 == key) {
                Some(d) if e.name.len() > d.1.len() => d.1 = &e.name,
                Some(_) => {}
                None => distinct.push((key, &e.name, e.kind.as_str())),
            }
        }
        // By key, so that concurrent writers (PostgreSQL) take the rows' locks in one order
        // and never wait on each other in a cycle.
        distinct.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for chunk in distinct.chunks(ROWS_PER_INSERT) {
            let mut q = Sql::new("INSERT INTO entities (scope, key, name, kind) ");
            q.values(chunk, |b, &(key, name, kind)| {
                b.bind(scope.clone())
                    .comma()
                    .bind(key.to_string())
                    .comma()
                    .bind(name.to_string())
                    .comma()
                    .bind(kind);
            });
            q.push(
                " ON CONFLICT (scope, key) DO UPDATE SET name = CASE WHEN length(excluded.name) > length(entities.name) \
                 THEN excluded.name ELSE entities.name END RETURNING id, key",
            );
            for row in q.build()?.fetch_all(&mut **tx).await? {
                by_key.insert(row.get("key"), row.get("id"));
            }
        }
        for key in &keys {
            let id = by_key
                .get(key)
                .copied()
                .ok_or_else(|| Error::Internal(format!("no id returned for entity {key}")))?;
            entity_ids.push(id);
        }
    }

    let mut links = Vec::with_capacity(analysis.entities.len());
    let mut aliases = Vec::new();
    let mut mentions = Vec::new();
    for (e, &entity_id) in analysis.entities.iter().zip(&entity_ids) {
        let roles = serde_json::to_string(&e.roles).map_err(|e| Error::Internal(e.to_string()))?;
        links.push((entity_id, e.name.as_str(), roles, e.mentions.len() as i64));
        for alias in std::iter::once(&e.name).chain(&e.aliases) {
            aliases.push((
                entity_id,
                alias.as_str(),
                entities::canonical_key(alias),
                fold(alias),
            ));
        }
        for m in &e.mentions {
            let sentence = analysis.sentences.partition_point(|s| s.end <= m.start);
            mentions.push((entity_id, m.start as i64, m.end as i64, sentence as i64));
        }
    }
    // Two entities of one article can share a key (one stored entity): one row, counts summed.
    // (PostgreSQL refuses an upsert that meets the same row twice in one statement.)
    let mut merged: Vec<(i64, &str, String, i64)> = Vec::with_capacity(links.len());
    for link in links {
        match merged.iter_mut().find(|m| m.0 == link.0) {
            Some(m) => m.3 += link.3,
            None => merged.push(link),
        }
    }
    let links = merged;
    insert_rows(
        tx,
        "INSERT INTO article_entities (article_id, entity_id, name, roles, mention_count) ",
        " ON CONFLICT (article_id, entity_id) DO UPDATE SET mention_count = article_entities.mention_count + excluded.mention_count",
        &links,
        |b, (entity, name, roles, count)| {
            b.bind(id)
                .comma().bind(*entity)
                .comma().bind(name.to_string())
                .comma().bind(roles.clone())
                .comma().bind(*count);
        },
    )
    .await?;
    insert_rows(
        tx,
        "INSERT INTO entity_aliases (article_id, entity_id, alias, alias_key) ",
        " ON CONFLICT DO NOTHING",
        &aliases,
        |b, (entity, alias, key, _)| {
            b.bind(id)
                .comma()
                .bind(*entity)
                .comma()
                .bind(alias.to_string())
                .comma()
                .bind(key.clone());
        },
    )
    .await?;
    let mut named: Vec<_> = aliases.iter().filter(|a| !a.3.is_empty()).collect();
    // Shared rows in one order across writers, as for entities.
    named.sort_unstable_by(|a, b| (a.0, &a.2).cmp(&(b.0, &b.2)));
    insert_rows(
        tx,
        "INSERT INTO entity_names (entity_id, alias, alias_key, fold) ",
        " ON CONFLICT DO NOTHING",
        &named,
        |b, (entity, alias, key, folded)| {
            b.bind(*entity)
                .comma()
                .bind(alias.to_string())
                .comma()
                .bind(key.clone())
                .comma()
                .bind(folded.clone());
        },
    )
    .await?;
    insert_rows(
        tx,
        "INSERT INTO mentions (article_id, entity_id, start, \"end\", sentence_idx) ",
        " ON CONFLICT DO NOTHING",
        &mentions,
        |b, &(entity, start, end, sentence)| {
            b.bind(id)
                .comma()
                .bind(entity)
                .comma()
                .bind(start)
                .comma()
                .bind(end)
                .comma()
                .bind(sentence);
        },
    )
    .await?;

    let mut order: Vec<usize> = (0..analysis.quotes.len()).collect();
    order.sort_by(|&x, &y| {
        analysis.quotes[y]
            .score
            .total_cmp(&analysis.quotes[x].score)
            .then(x.cmp(&y))
    });
    let ranked: Vec<(usize, &crate::analysis::Quote)> = order
        .iter()
        .enumerate()
        .map(|(rank, &qi)| (rank, &analysis.quotes[qi]))
        .collect();
    insert_rows(
        tx,
        "INSERT INTO quotes (article_id, start, \"end\", text, speaker, speaker_start, speaker_end, \
         speaker_entity, score, rank) ",
        "",
        &ranked,
        |b, &(rank, q)| {
            let speaker = q.speaker.as_ref();
            let speaker_entity = speaker
                .and_then(|s| s.entity)
                .and_then(|i| entity_ids.get(i).copied());
            b.bind(id)
                .comma().bind(q.span.start as i64)
                .comma().bind(q.span.end as i64)
                .comma().bind(q.span.of(a.text).to_string())
                .comma().bind(speaker.map(|s| s.name.clone()))
                .comma().bind(speaker.map(|s| s.mention.start as i64))
                .comma().bind(speaker.map(|s| s.mention.end as i64))
                .comma().bind(speaker_entity)
                .comma().bind(f64::from(q.score))
                .comma().bind(rank as i64);
        },
    )
    .await?;
    let features = Features::of(a.title, a.text, a.published, analysis);
    super::stories::place(tx, &scope, id, a.text, &features).await?;
    Ok(ArticleId(id))
}
