//! Placeholder for the safe fetcher (being written on the `fetch` branch); same public API.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchConfig {
    pub connect_timeout_secs: u64,
    pub timeout_secs: u64,
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    pub allow_private_networks: bool,
    pub allow_cidrs: Vec<String>,
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            connect_timeout_secs: 5,
            timeout_secs: 20,
            max_body_bytes: 5 * 1024 * 1024,
            max_redirects: 5,
            allow_private_networks: false,
            allow_cidrs: Vec::new(),
            user_agent: format!("newsdesk/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("That is not a valid web link.")]
    InvalidUrl,
    #[error("Fetching is not available yet.")]
    Unavailable,
}

impl FetchError {
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl => "invalid_url",
            FetchError::Unavailable => "unavailable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ArticleUrl(url::Url);

impl ArticleUrl {
    pub fn parse(s: &str) -> Result<ArticleUrl, FetchError> {
        let mut u = url::Url::parse(s.trim()).map_err(|_| FetchError::InvalidUrl)?;
        if !matches!(u.scheme(), "http" | "https") || u.host().is_none() {
            return Err(FetchError::InvalidUrl);
        }
        u.set_fragment(None);
        Ok(ArticleUrl(u))
    }
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or("")
    }
}

impl fmt::Display for ArticleUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for ArticleUrl {
    type Error = FetchError;
    fn try_from(s: String) -> Result<Self, FetchError> {
        ArticleUrl::parse(&s)
    }
}

impl From<ArticleUrl> for String {
    fn from(u: ArticleUrl) -> String {
        u.0.into()
    }
}

#[derive(Debug, Clone)]
pub struct FetchedPage {
    pub url: ArticleUrl,
    pub content_type: String,
    pub html: String,
    pub bytes: usize,
}

#[derive(Debug, Clone)]
pub struct Fetcher;

impl Fetcher {
    pub fn new(_config: &FetchConfig) -> Result<Fetcher, FetchError> {
        Ok(Fetcher)
    }
    pub async fn fetch(&self, _url: &ArticleUrl) -> Result<FetchedPage, FetchError> {
        Err(FetchError::Unavailable)
    }
}
