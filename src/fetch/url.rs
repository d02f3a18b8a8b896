//! [`ArticleUrl`]: a link, validated and normalised once, when it enters.
//!
//! Normal form: http/https only, host lowercased without a trailing dot, default port dropped
//! (the `url` crate does both, and rewrites decimal/octal/hex IPv4 spellings to dotted form),
//! no credentials, no fragment, and no tracking parameters; other query parameters keep their
//! order and spelling. Two links to the same article therefore compare equal for dedupe.

use super::FetchError;
use ::url::{ParseError, Url};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest link accepted; real article links are far shorter.
const MAX_URL_LEN: usize = 8 * 1024;

/// Query parameters that only identify a campaign or a click, never the page.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "igshid",
    "igsh",
    "ref_src",
    "ref_url",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "vero_id",
    "vero_conv",
    "oly_anon_id",
    "oly_enc_id",
    "wickedid",
    "srsltid",
    "s_kwcid",
    "__twitter_impression",
];

/// A normalised http(s) link to an article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ArticleUrl(Url);

impl ArticleUrl {
    /// Validate and normalise a link as typed. A missing scheme (`example.com/news`) means https.
    pub fn parse(s: &str) -> Result<ArticleUrl, FetchError> {
        let s = s.trim();
        if s.is_empty() || s.len() > MAX_URL_LEN {
            return Err(FetchError::InvalidUrl);
        }
        let url = match Url::parse(s) {
            Ok(u) => u,
            Err(ParseError::RelativeUrlWithoutBase) if looks_like_host(s) => {
                Url::parse(&format!("https://{s}")).map_err(|_| FetchError::InvalidUrl)?
            }
            Err(_) => return Err(FetchError::InvalidUrl),
        };
        ArticleUrl::from_url(url)
    }

    /// Normalise an already parsed URL (e.g. where a redirect chain ended).
    pub fn from_url(mut url: Url) -> Result<ArticleUrl, FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::UnsupportedScheme);
        }
        match url.host_str() {
            None | Some("") => return Err(FetchError::InvalidUrl),
            Some(host) if host.len() > 1 && host.ends_with('.') => {
                let host = host.trim_end_matches('.').to_string();
                url.set_host(Some(&host))
                    .map_err(|_| FetchError::InvalidUrl)?;
            }
            Some(_) => {}
        }
        // Cannot fail for http(s) URLs, which always have a host.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_fragment(None);
        strip_tracking(&mut url);
        Ok(ArticleUrl(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn as_url(&self) -> &Url {
        &self.0
    }

    /// The host as written in the URL (a domain, a dotted IPv4 or a bracketed IPv6).
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or("")
    }
}

/// `example.com/path` without a scheme: a dot in the first segment and no spaces.
fn looks_like_host(s: &str) -> bool {
    let first = s.split(['/', '?', '#']).next().unwrap_or("");
    first.contains('.') && !first.starts_with('.') && !s.contains(char::is_whitespace)
}

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_") || TRACKING_PARAMS.contains(&key.as_str())
}

/// Drops tracking parameters (and empty `&&` pieces), keeping the others byte for byte.
fn strip_tracking(url: &mut Url) {
    let Some(query) = url.query() else {
        return;
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            !pair.is_empty()
                && !::url::form_urlencoded::parse(pair.as_bytes())
                    .next()
                    .is_some_and(|(key, _)| is_tracking(&key))
        })
        .collect();
    let kept = kept.join("&");
    if kept.is_empty() {
        url.set_query(None);
    } else if kept != query {
        url.set_query(Some(&kept));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        ArticleUrl::parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .to_string()
    }

    #[test]
    fn host_case_port_and_fragment() {
        assert_eq!(
            norm("HTTPS://News.Example.COM:443/World/Story#comments"),
            "https://news.example.com/World/Story"
        );
        assert_eq!(norm("http://example.com:80/a"), "http://example.com/a");
        assert_eq!(
            norm("http://example.com:8080/a"),
            "http://example.com:8080/a"
        );
        assert_eq!(norm("  https://example.com  "), "https://example.com/");
        assert_eq!(norm("https://example.com./a"), "https://example.com/a");
    }

    #[test]
    fn tracking_parameters_go_others_stay_in_order() {
        assert_eq!(
            norm("https://ex.com/a?utm_source=tw&id=7&UTM_Medium=x&fbclid=abc&page=2&gclid=1"),
            "https://ex.com/a?id=7&page=2"
        );
        assert_eq!(
            norm("https://ex.com/a?utm_campaign=x&mc_cid=1&mc_eid=2&igshid=3&ref_src=twsrc"),
            "https://ex.com/a"
        );
        // Other parameters keep their exact spelling.
        assert_eq!(
            norm("https://ex.com/s?q=a+b%20c&&x=%7E"),
            "https://ex.com/s?q=a+b%20c&x=%7E"
        );
        assert_eq!(norm("https://ex.com/a?"), "https://ex.com/a");
        // A parameter that merely contains a tracking word stays.
        assert_eq!(
            norm("https://ex.com/a?notutm_source=1&ref=home"),
            "https://ex.com/a?notutm_source=1&ref=home"
        );
    }

    #[test]
    fn credentials_are_dropped() {
        assert_eq!(
            norm("https://user:pw@example.com/a"),
            "https://example.com/a"
        );
    }

    #[test]
    fn missing_scheme_means_https() {
        assert_eq!(
            norm("www.example.com/news/1"),
            "https://www.example.com/news/1"
        );
        assert!(ArticleUrl::parse("not a link").is_err());
        assert!(ArticleUrl::parse("").is_err());
    }

    #[test]
    fn only_web_schemes() {
        for s in [
            "ftp://example.com/a",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,hi",
            "mailto:a@example.com",
        ] {
            assert_eq!(
                ArticleUrl::parse(s),
                Err(FetchError::UnsupportedScheme),
                "{s}"
            );
        }
        assert_eq!(ArticleUrl::parse("http://"), Err(FetchError::InvalidUrl));
    }

    #[test]
    fn numeric_ipv4_spellings_become_dotted() {
        // The guard relies on this: every spelling reaches it as one canonical address.
        for s in [
            "http://2130706433/",
            "http://0x7f.1/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://0x7f000001/",
        ] {
            assert_eq!(ArticleUrl::parse(s).unwrap().host(), "127.0.0.1", "{s}");
        }
        assert_eq!(
            ArticleUrl::parse("http://[0:0:0:0:0:ffff:7f00:1]/")
                .unwrap()
                .host(),
            "[::ffff:7f00:1]"
        );
    }

    #[test]
    fn serde_round_trip_normalises() {
        let u: ArticleUrl = serde_json::from_str("\"https://EX.com/a?utm_source=x\"").unwrap();
        assert_eq!(serde_json::to_string(&u).unwrap(), "\"https://ex.com/a\"");
    }
}
