//! Domain types shared by the core and its front-ends.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Who can see an article: everything stored and every read is scoped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Scope {
    /// The command line on this machine.
    Local,
    /// A Discord server.
    Guild(u64),
    /// A Discord user's direct messages.
    User(u64),
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Local => f.write_str("local"),
            Scope::Guild(id) => write!(f, "guild:{id}"),
            Scope::User(id) => write!(f, "user:{id}"),
        }
    }
}

/// A scope string that is not `local`, `guild:<id>` or `user:<id>`.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a scope (expected local, guild:<id> or user:<id>)")]
pub struct BadScope(String);

impl FromStr for Scope {
    type Err = BadScope;
    fn from_str(s: &str) -> Result<Scope, BadScope> {
        let bad = || BadScope(s.to_string());
        if s == "local" {
            return Ok(Scope::Local);
        }
        let (kind, id) = s.split_once(':').ok_or_else(bad)?;
        let id: u64 = id.parse().map_err(|_| bad())?;
        match kind {
            "guild" => Ok(Scope::Guild(id)),
            "user" => Ok(Scope::User(id)),
            _ => Err(bad()),
        }
    }
}

impl TryFrom<String> for Scope {
    type Error = BadScope;
    fn try_from(s: String) -> Result<Scope, BadScope> {
        s.parse()
    }
}

impl From<Scope> for String {
    fn from(s: Scope) -> String {
        s.to_string()
    }
}

/// A stored article's id (shown to users as `#id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub i64);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for ArticleId {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<ArticleId, Self::Err> {
        s.trim().trim_start_matches('#').parse().map(ArticleId)
    }
}

/// What identifies an article to a reader: enough to cite it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: ArticleId,
    pub title: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub published: Option<String>,
    pub byline: Option<String>,
    pub ingested_at: String,
}

impl ArticleRef {
    /// The title, or a stand-in when the page had none.
    pub fn display_title(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| format!("Article #{}", self.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_round_trips() {
        for s in [Scope::Local, Scope::Guild(42), Scope::User(7)] {
            assert_eq!(s.to_string().parse::<Scope>().unwrap(), s);
        }
        assert!("guild:x".parse::<Scope>().is_err());
        assert!("channel:1".parse::<Scope>().is_err());
    }

    #[test]
    fn article_ids_accept_a_hash() {
        assert_eq!("#12".parse::<ArticleId>().unwrap(), ArticleId(12));
        assert!("twelve".parse::<ArticleId>().is_err());
    }
}
