//! [`Fetcher`]: the HTTP client and the one request path every fetch takes.

use super::body::{self, Declared};
use super::guard::Guard;
use super::resolve::{GuardedResolver, LookupFailed, Refused};
use super::{ArticleUrl, FetchConfig, FetchError, FetchedPage, default_user_agent};
use crate::extract::charset;
use reqwest::header::{self, HeaderMap, HeaderValue};
use std::error::Error as StdError;
use std::sync::Arc;
use std::time::Duration;

/// What a browser asks for when it follows a link.
const ACCEPT_HTML: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// Fetches article pages under the limits and address policy of a [`FetchConfig`].
/// Cheap to clone: clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    guard: Arc<Guard>,
    deadline: Duration,
    max_body_bytes: u64,
}

/// Signals from the redirect policy, recognised again in [`classify`].
#[derive(Debug, thiserror::Error)]
enum RedirectRefusal {
    #[error("too many redirects")]
    TooMany,
    #[error("redirect refused: {0}")]
    Guard(FetchError),
}

impl Fetcher {
    pub fn new(config: &FetchConfig) -> Result<Fetcher, FetchError> {
        let guard = Arc::new(Guard::new(
            config.allow_private_networks,
            &config.allow_cidrs,
        )?);
        let user_agent = match config.user_agent.trim() {
            "" => default_user_agent(),
            ua => ua.to_string(),
        };
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static(ACCEPT_HTML));
        let deadline = Duration::from_secs(config.timeout_secs.max(1));
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .default_headers(headers)
            .connect_timeout(Duration::from_secs(config.connect_timeout_secs.max(1)))
            .timeout(deadline)
            .redirect(redirect_policy(Arc::clone(&guard), config.max_redirects))
            // A system proxy would do its own DNS lookup and bypass the guard.
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver::new(Arc::clone(&guard))))
            .build()
            .map_err(|e| FetchError::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Fetcher {
            client,
            guard,
            deadline,
            max_body_bytes: config.max_body_bytes,
        })
    }

    /// Download `url` and decode it to text. Only HTML/XHTML pages (or untyped bodies that
    /// look like HTML) are returned; `FetchedPage::url` is where the redirects ended.
    pub async fn fetch(&self, url: &ArticleUrl) -> Result<FetchedPage, FetchError> {
        // reqwest's own timeout covers the body too; this one also bounds DNS and decoding.
        match tokio::time::timeout(self.deadline, self.fetch_within_deadline(url)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout),
        }
    }

    async fn fetch_within_deadline(&self, url: &ArticleUrl) -> Result<FetchedPage, FetchError> {
        // The resolver never sees IP literals: check them here.
        self.guard.check_url(url.as_url())?;
        let response = self
            .client
            .get(url.as_url().clone())
            .send()
            .await
            .map_err(|e| classify(&e, url))?;
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::HttpStatus(status.as_u16()));
        }
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let declared = body::classify(content_type.as_deref())?;
        let final_url = response.url().clone();
        let bytes = body::read_capped(response, self.max_body_bytes).await?;
        let html = charset::decode(&bytes, content_type.as_deref());
        let content_type = match declared {
            Declared::Html(essence) => essence,
            Declared::Missing if body::looks_like_html(&html) => "text/html".to_string(),
            Declared::Missing => {
                return Err(FetchError::UnsupportedContentType(String::new()));
            }
        };
        Ok(FetchedPage {
            url: ArticleUrl::from_url(final_url).unwrap_or_else(|_| url.clone()),
            content_type,
            html,
            bytes: bytes.len(),
        })
    }
}

/// What a feed server answered. Any status comes back (the poller decides what it means); the
/// body only with a 2xx.
#[derive(Debug, Clone)]
pub struct FeedResponse {
    pub status: u16,
    /// Where the redirects ended.
    pub url: ArticleUrl,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// `Cache-Control` as sent.
    pub cache_control: Option<String>,
    /// `Retry-After` as sent (seconds or an HTTP date).
    pub retry_after: Option<String>,
}

/// What a feed reader asks for.
const ACCEPT_FEED: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
    application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1";

impl Fetcher {
    /// A conditional GET of a feed (`If-None-Match` / `If-Modified-Since` from the last poll),
    /// under the same guard, deadline and size cap as [`Fetcher::fetch`].
    pub async fn fetch_feed(
        &self,
        url: &ArticleUrl,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<FeedResponse, FetchError> {
        let work = async {
            self.guard.check_url(url.as_url())?;
            let mut request = self
                .client
                .get(url.as_url().clone())
                .header(header::ACCEPT, ACCEPT_FEED);
            if let Some(tag) = etag {
                request = request.header(header::IF_NONE_MATCH, tag);
            }
            if let Some(date) = last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, date);
            }
            let response = request.send().await.map_err(|e| classify(&e, url))?;
            let text = |name: header::HeaderName| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            let mut answer = FeedResponse {
                status: response.status().as_u16(),
                url: ArticleUrl::from_url(response.url().clone()).unwrap_or_else(|_| url.clone()),
                content_type: text(header::CONTENT_TYPE),
                body: Vec::new(),
                etag: text(header::ETAG),
                last_modified: text(header::LAST_MODIFIED),
                cache_control: text(header::CACHE_CONTROL),
                retry_after: text(header::RETRY_AFTER),
            };
            if response.status().is_success() {
                answer.body = body::read_capped(response, self.max_body_bytes).await?;
            }
            Ok(answer)
        };
        match tokio::time::timeout(self.deadline, work).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout),
        }
    }
}

/// Follows at most `max` redirects, each to a web URL whose literal address (if any) the guard
/// permits; hops to names are checked by the resolver when they connect.
fn redirect_policy(guard: Arc<Guard>, max: usize) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max || attempt.previous().contains(attempt.url()) {
            return attempt.error(RedirectRefusal::TooMany);
        }
        match guard.check_url(attempt.url()) {
            Ok(()) => attempt.follow(),
            Err(e) => attempt.error(RedirectRefusal::Guard(e)),
        }
    })
}

/// Turns a reqwest error into what the user should hear, looking through the error chain for
/// the guard's own signals first.
fn classify(error: &reqwest::Error, url: &ArticleUrl) -> FetchError {
    tracing::debug!(%url, error = %error, source = ?error.source(), "request failed");
    let mut cause: Option<&(dyn StdError + 'static)> = error.source();
    while let Some(e) = cause {
        if e.is::<Refused>() {
            return FetchError::PrivateNetwork;
        }
        if e.is::<LookupFailed>() {
            return FetchError::Dns {
                host: host_of(error, url),
            };
        }
        if let Some(r) = e.downcast_ref::<RedirectRefusal>() {
            return match r {
                RedirectRefusal::TooMany => FetchError::TooManyRedirects,
                RedirectRefusal::Guard(e) => e.clone(),
            };
        }
        cause = e.source();
    }
    if error.is_timeout() {
        FetchError::Timeout
    } else if error.is_redirect() {
        FetchError::TooManyRedirects
    } else if error.is_connect() {
        FetchError::Connect {
            host: host_of(error, url),
        }
    } else if error.is_decode() {
        FetchError::Corrupt
    } else {
        FetchError::Network
    }
}

/// The host that failed: the redirect target if the error happened after a redirect.
fn host_of(error: &reqwest::Error, url: &ArticleUrl) -> String {
    error
        .url()
        .and_then(|u| u.host_str())
        .unwrap_or(url.host())
        .to_string()
}
