//! Export and import of articles with their analysis, as JSON Lines.
//!
//! # Format (`format_version` 1)
//!
//! One JSON object per line, one line per article, oldest first:
//!
//! ```text
//! {"format_version":1,"scope":"guild:42","url":"https://…"|null,"content_hash":"<sha-256 hex>",
//!  "title":…,"byline":…,"published":…,"site":…,"language":…,   (strings or null)
//!  "ingested_at":"2026-01-01T00:00:00Z","summary_size":3,"text":"…",
//!  "analysis":{"sentences":[{"start","end"}],"summary":[sentence index],
//!              "quotes":[{"span":{"start","end"},"speaker":{"mention":{"start","end"},"name","entity":index|null}|null,"score"}],
//!              "entities":[{"name","kind","aliases":[…],"roles":[…],"mentions":[{"start","end"}]}]}}
//! ```
//!
//! Spans are byte offsets into `text`, end exclusive, as everywhere in newsdesk. Readers must
//! ignore unknown fields; a change that old readers would misread bumps `format_version`.
//!
//! Import re-stores each record through the normal insert (so entities, search indexes and quote
//! ranks are rebuilt) and skips records already stored in the target scope under the same URL or
//! text, which makes importing the same file twice a no-op.

use super::Store;
use crate::analysis::{Analysis, Entity, EntityKind, Quote, Span, Speaker};
use crate::error::{Error, Result};
use crate::fetch::ArticleUrl;
use crate::ingest::content_hash;
use crate::model::{ArticleId, Scope};
use crate::store::NewArticle;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::HashMap;

/// The version written by this build, and the only one it reads.
pub const FORMAT_VERSION: u32 = 1;

/// One exported article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRecord {
    pub format_version: u32,
    pub scope: Scope,
    pub url: Option<String>,
    pub content_hash: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub language: Option<String>,
    pub ingested_at: String,
    pub summary_size: usize,
    pub text: String,
    pub analysis: Analysis,
}

/// A line that cannot be imported, with the reason.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not an export record: {0}")]
    Json(String),
    #[error("format_version {0} is not supported (this newsdesk reads {FORMAT_VERSION})")]
    Version(u32),
    #[error("invalid record: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] Error),
}

/// What importing one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "id", rename_all = "lowercase")]
pub enum ImportOutcome {
    Imported(ArticleId),
    /// Already stored in the target scope; nothing was written.
    Duplicate(ArticleId),
}

impl ExportRecord {
    /// Parse and check one line: version, URL, and every span and index against the text.
    pub fn parse(line: &str) -> Result<ExportRecord, ImportError> {
        #[derive(Deserialize)]
        struct Version {
            format_version: u32,
        }
        let v: Version =
            serde_json::from_str(line).map_err(|e| ImportError::Json(e.to_string()))?;
        if v.format_version != FORMAT_VERSION {
            return Err(ImportError::Version(v.format_version));
        }
        let record: ExportRecord =
            serde_json::from_str(line).map_err(|e| ImportError::Json(e.to_string()))?;
        record.check()?;
        Ok(record)
    }

    fn check(&self) -> Result<(), ImportError> {
        let bad = |what: String| Err(ImportError::Invalid(what));
        let text = &self.text;
        if text.trim().is_empty() {
            return bad("empty text".into());
        }
        if let Some(url) = &self.url
            && ArticleUrl::parse(url).is_err()
        {
            return bad(format!("url `{url}` is not an http(s) link"));
        }
        let fits = |s: &Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        let a = &self.analysis;
        if let Some(s) = a.sentences.iter().find(|s| !fits(s)) {
            return bad(format!("sentence {}..{} outside the text", s.start, s.end));
        }
        if let Some(i) = a.summary.iter().find(|&&i| i >= a.sentences.len()) {
            return bad(format!("summary sentence {i} does not exist"));
        }
        for e in &a.entities {
            if e.name.trim().is_empty() {
                return bad("entity without a name".into());
            }
            if let Some(s) = e.mentions.iter().find(|s| !fits(s)) {
                return bad(format!("mention {}..{} outside the text", s.start, s.end));
            }
        }
        for q in &a.quotes {
            if !fits(&q.span) || !q.score.is_finite() {
                return bad(format!(
                    "quote {}..{} outside the text",
                    q.span.start, q.span.end
                ));
            }
            if let Some(sp) = &q.speaker {
                if !fits(&sp.mention) {
                    return bad("speaker mention outside the text".into());
                }
                if sp.entity.is_some_and(|i| i >= a.entities.len()) {
                    return bad("speaker entity does not exist".into());
                }
            }
        }
        Ok(())
    }
}

impl Store {
    /// Ids of the articles to export, oldest first: one scope, or all with `None`.
    pub async fn export_ids(&self, scope: Option<Scope>) -> Result<Vec<ArticleId>> {
        let ids: Vec<i64> = match scope {
            Some(scope) => {
                sqlx::query_scalar("SELECT id FROM articles WHERE scope = $1 ORDER BY id")
                    .bind(scope.to_string())
                    .fetch_all(self.pool())
                    .await?
            }
            None => {
                sqlx::query_scalar("SELECT id FROM articles ORDER BY id")
                    .fetch_all(self.pool())
                    .await?
            }
        };
        Ok(ids.into_iter().map(ArticleId).collect())
    }

    /// One article with its stored analysis, read in one transaction so it is whole.
    pub async fn export_article(&self, id: ArticleId) -> Result<ExportRecord> {
        let mut tx = self.write_tx().await?;
        let row = sqlx::query(
            "SELECT scope, url, content_hash, title, byline, published, site, language, text, \
             summary_size, ingested_at FROM articles WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::UnknownArticle(id))?;
        let scope: String = row.get("scope");
        let scope: Scope = scope
            .parse()
            .map_err(|e| Error::Internal(format!("article {id}: {e}")))?;

        let sentence_rows = sqlx::query(
            "SELECT start, \"end\", summary_rank FROM sentences WHERE article_id = $1 ORDER BY idx",
        )
        .bind(id.0)
        .fetch_all(&mut *tx)
        .await?;
        let sentences: Vec<Span> = sentence_rows
            .iter()
            .map(|r| span(r, "start", "end"))
            .collect();
        let summary = sentence_rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.get::<Option<i64>, _>("summary_rank").is_some())
            .map(|(i, _)| i)
            .collect();

        let entity_rows = sqlx::query(
            "SELECT * FROM (SELECT ae.entity_id AS entity_id, ae.name AS name, ae.roles AS roles, \
             e.kind AS kind, (SELECT min(start) FROM mentions m \
             WHERE m.article_id = ae.article_id AND m.entity_id = ae.entity_id) AS first \
             FROM article_entities ae JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id = $1) x \
             ORDER BY first IS NULL, first, entity_id",
        )
        .bind(id.0)
        .fetch_all(&mut *tx)
        .await?;
        let mut entities = Vec::with_capacity(entity_rows.len());
        let mut index_of: HashMap<i64, usize> = HashMap::new();
        for r in &entity_rows {
            let entity_id: i64 = r.get("entity_id");
            let name: String = r.get("name");
            let roles: Vec<String> =
                serde_json::from_str(r.get::<&str, _>("roles")).unwrap_or_default();
            let kind = EntityKind::parse(r.get::<&str, _>("kind")).unwrap_or(EntityKind::Other);
            let aliases: Vec<String> = sqlx::query_scalar(
                "SELECT alias FROM entity_aliases WHERE article_id = $1 AND entity_id = $2 ORDER BY alias",
            )
            .bind(id.0)
            .bind(entity_id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .filter(|a: &String| *a != name)
            .collect();
            let mentions = sqlx::query(
                "SELECT start, \"end\" FROM mentions WHERE article_id = $1 AND entity_id = $2 ORDER BY start",
            )
            .bind(id.0)
            .bind(entity_id)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| span(r, "start", "end"))
            .collect();
            index_of.insert(entity_id, entities.len());
            entities.push(Entity {
                name,
                kind,
                aliases,
                roles,
                mentions,
            });
        }

        let quotes = sqlx::query(
            "SELECT start, \"end\", speaker, speaker_start, speaker_end, speaker_entity, score \
             FROM quotes WHERE article_id = $1 ORDER BY start, rank",
        )
        .bind(id.0)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| {
            let speaker = match (
                r.get::<Option<String>, _>("speaker"),
                r.get::<Option<i64>, _>("speaker_start"),
                r.get::<Option<i64>, _>("speaker_end"),
            ) {
                (Some(name), Some(start), Some(end)) => Some(Speaker {
                    mention: Span::new(start as usize, end.max(start) as usize),
                    name,
                    entity: r
                        .get::<Option<i64>, _>("speaker_entity")
                        .and_then(|e| index_of.get(&e).copied()),
                }),
                _ => None,
            };
            Quote {
                span: span(r, "start", "end"),
                speaker,
                score: r.get::<f64, _>("score") as f32,
            }
        })
        .collect();
        tx.commit().await?;

        Ok(ExportRecord {
            format_version: FORMAT_VERSION,
            scope,
            url: row.get("url"),
            content_hash: row.get("content_hash"),
            title: row.get("title"),
            byline: row.get("byline"),
            published: row.get("published"),
            site: row.get("site"),
            language: row.get("language"),
            ingested_at: row.get("ingested_at"),
            summary_size: row.get::<i64, _>("summary_size").max(0) as usize,
            text: row.get("text"),
            analysis: Analysis {
                sentences,
                summary,
                quotes,
                entities,
            },
        })
    }

    /// Store a checked record in `scope` (its own scope when `None`), unless already there.
    pub async fn import_article(
        &self,
        record: &ExportRecord,
        scope: Option<Scope>,
    ) -> Result<ImportOutcome> {
        self.import_in(record, scope.unwrap_or(record.scope), &[])
            .await
    }

    /// [`Store::import_article`] into the record's own scope, under the first of `ids` that
    /// no article here has (the engine's next id when none is free).
    pub async fn import_article_as(
        &self,
        record: &ExportRecord,
        ids: &[ArticleId],
    ) -> Result<ImportOutcome> {
        self.import_in(record, record.scope, ids).await
    }

    async fn import_in(
        &self,
        record: &ExportRecord,
        scope: Scope,
        ids: &[ArticleId],
    ) -> Result<ImportOutcome> {
        let url = record
            .url
            .as_deref()
            .and_then(|u| ArticleUrl::parse(u).ok())
            .map(|u| u.as_str().to_string());
        // Recomputed: the hash is what dedupe trusts, so it must match the text.
        let hash = content_hash(&record.text);
        if let Some(found) = self
            .find_duplicate(scope, url.as_deref(), Some(&hash))
            .await?
        {
            return Ok(ImportOutcome::Duplicate(found.id));
        }
        let new = NewArticle {
            scope,
            url: url.as_deref(),
            content_hash: &hash,
            title: record.title.as_deref(),
            byline: record.byline.as_deref(),
            published: record.published.as_deref(),
            site: record.site.as_deref(),
            language: record.language.as_deref(),
            text: &record.text,
            summary_size: record.summary_size,
            ingested_at: &record.ingested_at,
        };
        match self.insert_article_as(&new, &record.analysis, ids).await {
            Ok(id) => Ok(ImportOutcome::Imported(id)),
            // Another writer stored it in between.
            Err(Error::Database(sqlx::Error::Database(e))) if e.is_unique_violation() => self
                .find_duplicate(scope, url.as_deref(), Some(&hash))
                .await?
                .map(|a| ImportOutcome::Duplicate(a.id))
                .ok_or_else(|| Error::Internal("unique violation without a duplicate".into())),
            Err(e) => Err(e),
        }
    }
}

fn span(row: &sqlx::any::AnyRow, start: &str, end: &str) -> Span {
    let s = row.get::<i64, _>(start).max(0) as usize;
    let e = row.get::<i64, _>(end).max(0) as usize;
    Span::new(s, e.max(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str) -> ExportRecord {
        ExportRecord {
            format_version: FORMAT_VERSION,
            scope: Scope::Local,
            url: None,
            content_hash: String::new(),
            title: None,
            byline: None,
            published: None,
            site: None,
            language: None,
            ingested_at: "2026-01-01T00:00:00Z".into(),
            summary_size: 1,
            text: text.into(),
            analysis: crate::analysis::analyze(text, 1),
        }
    }

    /// The documented format: renaming a field is a format change.
    #[test]
    fn field_names_are_stable() {
        let value =
            serde_json::to_value(record("Ana Lima spoke. \"It works,\" Lima said.")).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = [
            "format_version",
            "scope",
            "url",
            "content_hash",
            "title",
            "byline",
            "published",
            "site",
            "language",
            "ingested_at",
            "summary_size",
            "text",
            "analysis",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        let analysis: Vec<&str> = value["analysis"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(analysis, ["entities", "quotes", "sentences", "summary"]);
        assert_eq!(value["format_version"], 1);
    }

    #[test]
    fn bad_lines_are_refused_with_a_reason() {
        let good = record("Ana Lima spoke. \"It works,\" Lima said.");
        let line = serde_json::to_string(&good).unwrap();
        assert_eq!(ExportRecord::parse(&line).unwrap(), good);

        let mut newer = serde_json::to_value(&good).unwrap();
        newer["format_version"] = 2.into();
        assert!(matches!(
            ExportRecord::parse(&newer.to_string()),
            Err(ImportError::Version(2))
        ));

        let mut outside = good.clone();
        outside.analysis.sentences.push(Span::new(3, 999));
        let e = ExportRecord::parse(&serde_json::to_string(&outside).unwrap()).unwrap_err();
        assert!(e.to_string().contains("outside"), "{e}");

        // Inside a multi-byte character.
        let mut split = record("Café society returns. The mayor said so.");
        split.analysis.sentences[0] = Span::new(0, 4);
        assert!(ExportRecord::parse(&serde_json::to_string(&split).unwrap()).is_err());

        assert!(matches!(
            ExportRecord::parse("{]"),
            Err(ImportError::Json(_))
        ));
    }
}
