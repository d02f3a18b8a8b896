//! Reading entities: by folded name, surname or trigram; an entity's profile (counts, aliases,
//! roles, who it appears with, what it said, where it was mentioned); names for autocomplete.
//! The query layer decides what to do with them (`query::resolve`, `query::entity`).

use super::{Engine, Sql, Store};
use crate::analysis::EntityKind;
use crate::error::Result;
use crate::model::Scope;
use serde::Serialize;
use sqlx::Row;
use std::collections::HashMap;

/// An entity as offered to someone choosing one: name, kind and how many articles mention it.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub name: String,
    pub kind: EntityKind,
    pub articles: usize,
}

/// A quote attributed to an entity, with the article it is from.
#[derive(Debug, Clone)]
pub struct SpokenQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub article_id: i64,
}

/// Which names autocomplete offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFilter {
    /// Every known entity.
    All,
    /// Entities some stored quote is attributed to.
    Speakers,
}

fn kind_of(text: &str) -> EntityKind {
    EntityKind::parse(text).unwrap_or(EntityKind::Other)
}

/// The trigrams of a folded name (at most 48), or None when it is too short to have any.
fn trigrams(folded: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = folded.chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let mut grams: Vec<String> = chars.windows(3).map(|w| w.iter().collect()).collect();
    grams.sort();
    grams.dedup();
    grams.truncate(48);
    Some(grams)
}

/// A `LIKE` pattern for names holding `text` (a folded name: letters, digits and spaces, but
/// the wildcards are escaped all the same).
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Just above every string that starts with `prefix`: the end of a prefix range.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

impl Store {
    /// Entities of `scope` with a name that folds exactly to `folded`.
    pub(crate) async fn entities_named(&self, scope: Scope, folded: &str) -> Result<Vec<i64>> {
        let join = self.engine.join();
        Ok(sqlx::query_scalar(
            sqlx::AssertSqlSafe(format!("SELECT DISTINCT n.entity_id FROM entity_names n {join} entities e ON e.id = n.entity_id \
             WHERE n.fold = $1 AND e.scope = $2")),
        )
        .bind(folded)
        .bind(scope.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// People of `scope` whose name (any alias of several words) ends with the one word `word`:
    /// a surname typed alone (`guterres` for an article that only ever wrote `Antonio Guterres`).
    pub(crate) async fn people_by_surname(&self, scope: Scope, word: &str) -> Result<Vec<i64>> {
        if word.contains(' ') || word.chars().count() < 3 {
            return Ok(Vec::new());
        }
        // The trigram index finds names containing the word; whole last words are kept here.
        let (sql, pattern) = match self.engine {
            Engine::Sqlite => (
                "SELECT n.entity_id AS id, n.fold AS fold FROM entity_names_fts t \
                 CROSS JOIN entity_names n ON n.id = t.rowid CROSS JOIN entities e ON e.id = n.entity_id \
                 WHERE entity_names_fts MATCH $1 AND e.scope = $2 AND e.kind = 'person' LIMIT 500",
                format!("\"{word}\""),
            ),
            Engine::Postgres => (
                "SELECT n.entity_id AS id, n.fold AS fold FROM entity_names n \
                 JOIN entities e ON e.id = n.entity_id \
                 WHERE n.fold LIKE $1 AND e.scope = $2 AND e.kind = 'person' LIMIT 500",
                contains_pattern(word),
            ),
        };
        let rows = sqlx::query(sql)
            .bind(pattern)
            .bind(scope.to_string())
            .fetch_all(self.pool())
            .await?;
        let mut ids: Vec<i64> = Vec::new();
        for r in &rows {
            let fold: &str = r.get("fold");
            let id: i64 = r.get("id");
            if fold.rsplit_once(' ').is_some_and(|(_, last)| last == word) && !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// `(entity, folded name)` of up to 200 names of `scope` that look like `folded`: sharing
    /// its trigrams, best first, or for a name too short for trigrams, starting with it.
    pub(crate) async fn names_near(
        &self,
        scope: Scope,
        folded: &str,
    ) -> Result<Vec<(i64, String)>> {
        let rows = match (self.engine, trigrams(folded)) {
            (Engine::Sqlite, Some(grams)) => {
                let q = grams
                    .iter()
                    .map(|g| format!("\"{g}\""))
                    .collect::<Vec<_>>()
                    .join(" OR ");
                sqlx::query_as(
                    "SELECT n.entity_id, n.fold FROM entity_names_fts t \
                     CROSS JOIN entity_names n ON n.id = t.rowid CROSS JOIN entities e ON e.id = n.entity_id \
                     WHERE entity_names_fts MATCH $1 AND e.scope = $2 ORDER BY t.rank LIMIT 200",
                )
                .bind(q)
                .bind(scope.to_string())
                .fetch_all(self.pool())
                .await?
            }
            // Any shared trigram (the GIN trigram index answers each LIKE), most alike first.
            (Engine::Postgres, Some(grams)) => {
                let mut q = Sql::new(
                    "SELECT n.entity_id, n.fold FROM entity_names n \
                     JOIN entities e ON e.id = n.entity_id WHERE e.scope = ",
                );
                q.bind(scope.to_string()).push(" AND (");
                for (i, g) in grams.iter().enumerate() {
                    q.push(if i == 0 {
                        "n.fold LIKE "
                    } else {
                        " OR n.fold LIKE "
                    })
                    .bind(contains_pattern(g));
                }
                q.push(") ORDER BY similarity(n.fold, ")
                    .bind(folded.to_string())
                    .push(") DESC, n.id LIMIT 200");
                let rows = q.build()?.fetch_all(self.pool()).await?;
                rows.iter()
                    .map(|r| (r.get::<i64, _>(0), r.get::<String, _>(1)))
                    .collect()
            }
            (_, None) => {
                let join = self.engine.join();
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT n.entity_id, n.fold FROM entity_names n \
                     {join} entities e ON e.id = n.entity_id \
                     WHERE n.fold >= $1 AND n.fold < $3 AND e.scope = $2 LIMIT 200"
                )))
                .bind(folded)
                .bind(scope.to_string())
                .bind(prefix_end(folded))
                .fetch_all(self.pool())
                .await?
            }
        };
        Ok(rows)
    }

    /// `(id, canonical name)` of each of `ids` still stored, in the order of `ids`, in one round
    /// trip per 400 (a surname can name dozens).
    pub(crate) async fn entity_names_of(&self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        let mut found: HashMap<i64, String> = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(400) {
            let set = self.engine.id_set("id", chunk, 1);
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT id, name FROM entities WHERE {}",
                set.sql
            )));
            if let Some(ids) = set.param {
                query = query.bind(ids);
            }
            let rows: Vec<(i64, String)> = query.fetch_all(self.pool()).await?;
            found.extend(rows);
        }
        Ok(ids
            .iter()
            .filter_map(|id| Some((*id, found.remove(id)?)))
            .collect())
    }

    /// The canonical name of entity `id`, without the article count [`Store::candidates`] pays for.
    pub(crate) async fn entity_name(&self, id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT name FROM entities WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// How each of `ids` is offered (with its article count), in one round trip per 400, in the
    /// order of `ids`.
    pub(crate) async fn candidates(&self, ids: &[i64]) -> Result<Vec<(i64, Candidate)>> {
        let mut found: HashMap<i64, Candidate> = HashMap::new();
        for chunk in ids.chunks(400) {
            let set = self.engine.id_set("id", chunk, 1);
            let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT id, name, kind, (SELECT count(*) FROM article_entities WHERE entity_id = entities.id) AS n \
                 FROM entities WHERE {}",
                set.sql
            )));
            if let Some(ids) = set.param {
                query = query.bind(ids);
            }
            let rows = query.fetch_all(self.pool()).await?;
            for r in rows {
                found.insert(
                    r.get("id"),
                    Candidate {
                        name: r.get("name"),
                        kind: kind_of(r.get("kind")),
                        articles: r.get::<i64, _>("n") as usize,
                    },
                );
            }
        }
        Ok(ids
            .iter()
            .filter_map(|id| Some((*id, found.remove(id)?)))
            .collect())
    }

    /// Entity `id` as offered, with its article count and its number of mentions.
    pub(crate) async fn entity_card(&self, id: i64) -> Result<(Candidate, usize)> {
        let row = sqlx::query("SELECT name, kind FROM entities WHERE id = $1")
            .bind(id)
            .fetch_one(self.pool())
            .await?;
        // Covering index (entity_id, article_id, mention_count): no table lookups.
        let stats = sqlx::query(
            "SELECT count(*) AS n, CAST(coalesce(sum(mention_count), 0) AS BIGINT) AS m \
             FROM article_entities WHERE entity_id = $1",
        )
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        Ok((
            Candidate {
                name: row.get("name"),
                kind: kind_of(row.get("kind")),
                articles: stats.get::<i64, _>("n") as usize,
            },
            stats.get::<i64, _>("m") as usize,
        ))
    }

    /// Earliest and latest publication date (else ingest time) among the first and the latest
    /// `limit` articles of entity `id`: articles are often stored out of publication order.
    pub(crate) async fn entity_seen(
        &self,
        id: i64,
        limit: i64,
    ) -> Result<(Option<String>, Option<String>)> {
        let join = self.engine.join();
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT min(d), max(d) FROM ( \
               SELECT coalesce(nullif(a.published, ''), a.ingested_at) AS d FROM \
                 (SELECT article_id FROM article_entities WHERE entity_id = $1 \
                  ORDER BY article_id LIMIT $2) e \
                 {join} articles a ON a.id = e.article_id \
               UNION ALL \
               SELECT coalesce(nullif(a.published, ''), a.ingested_at) FROM \
                 (SELECT article_id FROM article_entities WHERE entity_id = $1 \
                  ORDER BY article_id DESC LIMIT $2) e \
                 {join} articles a ON a.id = e.article_id) u"
        )))
        .bind(id)
        .bind(limit)
        .fetch_one(self.pool())
        .await?)
    }

    /// `(alias, folded alias)` of entity `id`, in the order they were first seen.
    pub(crate) async fn entity_aliases(&self, id: i64) -> Result<Vec<(String, String)>> {
        Ok(
            sqlx::query_as("SELECT alias, fold FROM entity_names WHERE entity_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// The roles (JSON lists) given to any of `entities` in each of `articles`, by article.
    pub(crate) async fn roles_in(
        &self,
        articles: &[i64],
        entities: &[i64],
    ) -> Result<Vec<(i64, String)>> {
        self.article_entity_rows(
            "article_id, roles",
            articles,
            entities,
            " AND roles <> '[]'",
        )
        .await
    }

    /// Which of `entities` each of `articles` mentions, as (article, entity) pairs.
    pub(crate) async fn entities_in(
        &self,
        articles: &[i64],
        entities: &[i64],
    ) -> Result<Vec<(i64, i64)>> {
        self.article_entity_rows("article_id, entity_id", articles, entities, "")
            .await
    }

    /// `columns` of the `article_entities` rows joining any of `articles` to any of `entities`
    /// (and meeting `more`, SQL beginning with ` AND`).
    async fn article_entity_rows<T>(
        &self,
        columns: &str,
        articles: &[i64],
        entities: &[i64],
        more: &str,
    ) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        if articles.is_empty() || entities.is_empty() {
            return Ok(Vec::new());
        }
        let in_articles = self.engine.id_set("article_id", articles, 1);
        let of_entities = self.engine.id_set("entity_id", entities, 2);
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {columns} FROM article_entities WHERE {} AND {}{more}",
            in_articles.sql, of_entities.sql
        )));
        for param in [in_articles.param, of_entities.param].into_iter().flatten() {
            query = query.bind(param);
        }
        Ok(query.fetch_all(self.pool()).await?)
    }

    /// The roles (JSON lists) given to entity `id` in its latest `limit` articles, newest first.
    pub(crate) async fn entity_role_lists(&self, id: i64, limit: i64) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT roles FROM article_entities WHERE entity_id = $1 ORDER BY article_id DESC LIMIT $2",
        )
        .bind(id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// People, organisations and places most often in the same article as entity `id` among its
    /// latest `recent` articles, with how many they share; at most `max`.
    pub(crate) async fn entities_beside(
        &self,
        id: i64,
        recent: i64,
        max: usize,
    ) -> Result<Vec<Candidate>> {
        let rows = sqlx::query(
            "SELECT e.name AS name, e.kind AS kind, count(*) AS n FROM \
             (SELECT article_id FROM article_entities WHERE entity_id = $1 ORDER BY article_id DESC LIMIT $2) r \
             JOIN article_entities o ON o.article_id = r.article_id AND o.entity_id != $1 \
             JOIN entities e ON e.id = o.entity_id \
             WHERE e.kind IN ('person', 'organization', 'place') \
             GROUP BY e.id ORDER BY n DESC, e.name LIMIT $3",
        )
        .bind(id)
        .bind(recent)
        .bind(max as i64)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(|r| Candidate {
                name: r.get("name"),
                kind: kind_of(r.get("kind")),
                articles: r.get::<i64, _>("n") as usize,
            })
            .collect())
    }

    /// The key quotes of entity `id` among its latest `recent` statements (a scare quote scores
    /// 0 and is never one): an article's first quote first, then by score; at most `max`.
    pub(crate) async fn key_quotes_of(
        &self,
        id: i64,
        recent: i64,
        max: usize,
    ) -> Result<Vec<SpokenQuote>> {
        let rows = sqlx::query(
            "SELECT text, speaker, article_id, score, rank FROM \
             (SELECT * FROM quotes WHERE speaker_entity = $1 AND score > 0 \
             ORDER BY article_id DESC LIMIT $2) q \
             ORDER BY rank = 0 DESC, score DESC, article_id DESC LIMIT $3",
        )
        .bind(id)
        .bind(recent)
        .bind(max as i64)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(|r| SpokenQuote {
                text: r.get("text"),
                speaker: r.get("speaker"),
                article_id: r.get("article_id"),
            })
            .collect())
    }

    /// `(article, sentence)` of the latest 40 sentences mentioning entity `id`, newest article
    /// first, in text order within one.
    pub(crate) async fn latest_mention_sentences(&self, id: i64) -> Result<Vec<(i64, String)>> {
        let hint = self.engine.pick("INDEXED BY mentions_entity_sentence", "");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT m.article_id, s.text FROM \
             (SELECT DISTINCT article_id, sentence_idx FROM mentions {hint} \
              WHERE entity_id = $1 ORDER BY article_id DESC, sentence_idx DESC LIMIT 40) m \
             JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_idx \
             GROUP BY m.article_id, s.text ORDER BY m.article_id DESC, min(s.idx)"
        )))
        .bind(id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Canonical names of the entities most mentioned in the latest `recent` articles of
    /// `scope`; at most `max`. Counted first, then each entity read and filtered once (not
    /// once per mention: 7.4-7.9 against 4.8 ms on PostgreSQL at 100k articles).
    pub(crate) async fn names_in_latest(
        &self,
        scope: Scope,
        recent: i64,
        filter: NameFilter,
        max: usize,
    ) -> Result<Vec<String>> {
        let join = self.engine.join();
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT e.name FROM \
             (SELECT ae.entity_id, count(*) AS n FROM \
              (SELECT id FROM articles WHERE scope = $1 ORDER BY id DESC LIMIT $2) a \
              {join} article_entities ae ON ae.article_id = a.id GROUP BY ae.entity_id) c \
             {join} entities e ON e.id = c.entity_id \
             WHERE ($3 = 0 OR EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_entity = e.id)) \
             ORDER BY c.n DESC, e.name LIMIT $4"
        )))
        .bind(scope.to_string())
        .bind(recent)
        .bind(i64::from(filter == NameFilter::Speakers))
        .bind(max as i64)
        .fetch_all(self.pool())
        .await?)
    }

    /// Canonical names of the entities of `scope` named by `folded` that pass `filter`, most
    /// mentioned first (counts capped at `cap`, so a name in tens of thousands of articles costs
    /// no more than one in a thousand); at most `max`. The candidates are up to `candidates`
    /// entities with a name (any alias) starting with `folded`, a range of the folded-name
    /// index, filled up with names holding it (`putin` in `vladimir putin`) once it is long
    /// enough for the trigram index (three characters). One statement: it runs on every
    /// keystroke.
    pub(crate) async fn names_matching(
        &self,
        scope: Scope,
        folded: &str,
        candidates: i64,
        filter: NameFilter,
        cap: i64,
        max: usize,
    ) -> Result<Vec<String>> {
        let join = self.engine.join();
        let (holding, pattern) = match self.engine {
            Engine::Sqlite => (
                "entity_names_fts t CROSS JOIN entity_names n ON n.id = t.rowid \
                 CROSS JOIN entities e ON e.id = n.entity_id WHERE entity_names_fts MATCH $8",
                format!("\"{folded}\""),
            ),
            Engine::Postgres => (
                "entity_names n JOIN entities e ON e.id = n.entity_id WHERE n.fold LIKE $8",
                contains_pattern(folded),
            ),
        };
        let inside = folded.chars().count() >= 3;
        let fill = if inside {
            format!(
                "UNION ALL SELECT id FROM (SELECT DISTINCT n.entity_id AS id FROM {holding} \
                 AND e.scope = $3 AND n.entity_id NOT IN (SELECT id FROM p) \
                 LIMIT $4 - (SELECT count(*) FROM p)) w"
            )
        } else {
            String::new()
        };
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "WITH p AS (SELECT DISTINCT n.entity_id AS id FROM entity_names n {join} entities e \
             ON e.id = n.entity_id WHERE n.fold >= $1 AND n.fold < $2 AND e.scope = $3 LIMIT $4), \
             c AS (SELECT id FROM p {fill}) \
             SELECT e.name FROM entities e WHERE e.id IN (SELECT id FROM c) \
             AND ($5 = 0 OR EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_entity = e.id)) \
             ORDER BY (SELECT count(*) FROM (SELECT 1 FROM article_entities ae \
             WHERE ae.entity_id = e.id LIMIT $6) x) DESC, e.name LIMIT $7"
        )))
        .bind(folded)
        .bind(prefix_end(folded))
        .bind(scope.to_string())
        .bind(candidates)
        .bind(i64::from(filter == NameFilter::Speakers))
        .bind(cap)
        .bind(max as i64);
        if inside {
            query = query.bind(pattern);
        }
        Ok(query.fetch_all(self.pool()).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigrams_are_sorted_and_distinct() {
        assert_eq!(trigrams("ab"), None);
        assert_eq!(trigrams("abcabc").unwrap(), ["abc", "bca", "cab"]);
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(contains_pattern("putin"), "%putin%");
        assert_eq!(contains_pattern("a%b_c"), "%a\\%b\\_c%");
        assert!(prefix_end("jo").as_str() > "jozef");
    }
}
