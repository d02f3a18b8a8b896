//! Entity lookup by any alias, and the profile of what the store knows about it.

use crate::Newsdesk;
use crate::analysis::{EntityKind, entities::canonical_key};
use crate::error::Result;
use crate::model::Scope;
use crate::query::QuoteView;
use serde::Serialize;
use sqlx::Row;

/// A possible match offered when a name is unknown or ambiguous.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub name: String,
    pub kind: EntityKind,
    pub articles: usize,
}

/// Another entity often mentioned in the same articles.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub name: String,
    pub kind: EntityKind,
    pub articles: usize,
}

/// A sentence mentioning the entity, with its article.
#[derive(Debug, Clone, Serialize)]
pub struct MentionSnippet {
    pub sentence: String,
    pub article: crate::model::ArticleRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityProfile {
    pub name: String,
    pub kind: EntityKind,
    pub roles: Vec<String>,
    pub aliases: Vec<String>,
    pub articles: usize,
    pub mentions: usize,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub related: Vec<Related>,
    pub quotes: Vec<QuoteView>,
    pub latest: Vec<MentionSnippet>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum EntityLookup {
    Found {
        profile: Box<EntityProfile>,
    },
    /// Several entities answer to that name.
    Ambiguous {
        candidates: Vec<Candidate>,
    },
    /// Nothing by that name; the closest names known, if any.
    Unknown {
        suggestions: Vec<Candidate>,
    },
}

impl Newsdesk {
    /// Look an entity up by any of its names in `scope`.
    pub async fn entity(&self, scope: Scope, name: &str) -> Result<EntityLookup> {
        let name = self.check_query(name)?;
        let key = canonical_key(name);
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id \
             WHERE a.alias_key = ?1 AND e.scope = ?2",
        )
        .bind(&key)
        .bind(scope.to_string())
        .fetch_all(self.store.pool())
        .await?;
        match ids.as_slice() {
            [] => Ok(EntityLookup::Unknown {
                suggestions: Vec::new(),
            }),
            [id] => Ok(EntityLookup::Found {
                profile: Box::new(self.entity_profile(*id).await?),
            }),
            _ => {
                let mut candidates = Vec::new();
                for id in ids {
                    let p = self.entity_profile(id).await?;
                    candidates.push(Candidate {
                        name: p.name,
                        kind: p.kind,
                        articles: p.articles,
                    });
                }
                Ok(EntityLookup::Ambiguous { candidates })
            }
        }
    }

    async fn entity_profile(&self, id: i64) -> Result<EntityProfile> {
        let pool = self.store.pool();
        let row = sqlx::query("SELECT name, kind FROM entities WHERE id = ?1")
            .bind(id)
            .fetch_one(pool)
            .await?;
        let name: String = row.get("name");
        let kind = EntityKind::parse(row.get::<&str, _>("kind")).unwrap_or(EntityKind::Other);
        let stats = sqlx::query(
            "SELECT count(*) AS n, coalesce(sum(ae.mention_count), 0) AS m, min(a.ingested_at) AS first, \
             max(a.ingested_at) AS last FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ?1",
        )
        .bind(id)
        .fetch_one(pool)
        .await?;
        let mut aliases: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT alias FROM entity_aliases WHERE entity_id = ?1 ORDER BY alias",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        aliases.retain(|a| *a != name);
        let mut roles = Vec::new();
        for r in sqlx::query_scalar::<_, String>(
            "SELECT roles FROM article_entities WHERE entity_id = ?1",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            for role in serde_json::from_str::<Vec<String>>(&r).unwrap_or_default() {
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
        }
        Ok(EntityProfile {
            name,
            kind,
            roles,
            aliases,
            articles: stats.get::<i64, _>("n") as usize,
            mentions: stats.get::<i64, _>("m") as usize,
            first_seen: stats.get("first"),
            last_seen: stats.get("last"),
            related: Vec::new(),
            quotes: Vec::new(),
            latest: Vec::new(),
        })
    }
}
