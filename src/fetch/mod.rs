//! Safe fetching of article pages typed by strangers.
//!
//! [`ArticleUrl::parse`] validates and normalises a link once, when it enters (http/https only,
//! host lowercased, fragment and tracking parameters dropped). [`Fetcher::fetch`] downloads it
//! with a connect timeout, a total deadline, a body cap enforced while streaming and a bounded
//! number of redirects, and decodes the page to text. Every address the fetcher connects to —
//! after its own DNS lookup, on every redirect hop, and for IP literals — passes the
//! private-network [`guard`] unless `fetch.allow_private_networks` is set.
//!
//! ```no_run
//! # async fn demo() -> Result<(), newsdesk::fetch::FetchError> {
//! use newsdesk::fetch::{ArticleUrl, FetchConfig, Fetcher};
//! let fetcher = Fetcher::new(&FetchConfig::default())?;
//! let page = fetcher.fetch(&ArticleUrl::parse("https://example.com/news?utm_source=x")?).await?;
//! println!("{} bytes from {}", page.bytes, page.url);
//! # Ok(()) }
//! ```

mod body;
mod client;
mod error;
pub mod guard;
mod resolve;
mod url;

pub use self::client::{FeedResponse, Fetcher};
pub use self::error::FetchError;
pub use self::url::{ArticleUrl, LinkWord, link_words};

use serde::{Deserialize, Serialize};

/// The `[fetch]` configuration section.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchConfig {
    /// Seconds to wait for a TCP/TLS connection.
    pub connect_timeout_secs: u64,
    /// Seconds for the whole fetch: DNS, redirects and body included.
    pub timeout_secs: u64,
    /// Largest (decompressed) body accepted, enforced while downloading.
    pub max_body_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// Turns the private-network guard off (tests, trusted intranets).
    pub allow_private_networks: bool,
    /// Networks allowed even with the guard on, as CIDRs or single addresses.
    pub allow_cidrs: Vec<String>,
    /// User-Agent sent to sites; empty means the built-in one.
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
            user_agent: default_user_agent(),
        }
    }
}

/// An honest User-Agent: sites can tell a bot fetched the page, and which one.
pub fn default_user_agent() -> String {
    format!(
        "newsdesk/{} (self-hosted Discord news bot)",
        env!("CARGO_PKG_VERSION")
    )
}

/// A downloaded page, decoded to text.
#[derive(Debug, Clone)]
pub struct FetchedPage {
    /// Where the page was finally found (after redirects), normalised.
    pub url: ArticleUrl,
    /// The media type without parameters, e.g. `text/html` (also for sniffed pages).
    pub content_type: String,
    /// The page as text (charset from BOM, header, `<meta>`, else detection).
    pub html: String,
    /// Body size in bytes as received (after content decoding such as gzip).
    pub bytes: usize,
}
