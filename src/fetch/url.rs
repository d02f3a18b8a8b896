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

/// A word of free text (a command option, a chat message) that may be a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkWord {
    /// As written, without wrappers (`<…>`, brackets, quotes) or trailing punctuation.
    pub written: String,
    /// The normalised link, or why the word is not one.
    pub url: Result<ArticleUrl, FetchError>,
}

impl LinkWord {
    /// Written with its `http://` or `https://`, as links are in chat (where a word like
    /// `e.g.` or `notes.txt` must not be taken for a site).
    pub fn has_scheme(&self) -> bool {
        scheme_at(&self.written, 0)
    }
}

/// The words of `text` that may be links, in order, each link once: text is split at
/// whitespace (and at a comma right before another link); Discord's `<…>` no-preview wrapper,
/// a masked link's text, surrounding brackets and quotes, and trailing sentence punctuation are
/// dropped; a closing parenthesis stays when the link opened one (as Wikipedia links do). Every
/// front-end that reads links from text goes through here.
pub fn link_words(text: &str) -> Vec<LinkWord> {
    let mut out: Vec<LinkWord> = Vec::new();
    for word in text.split_whitespace().flat_map(split_glued_links) {
        // `[text](https://…)` or `see:https://…`: the link starts at its scheme.
        let start = word
            .char_indices()
            .find(|&(i, _)| scheme_at(word, i))
            .map_or(0, |(i, _)| i);
        let written = trim_link(&word[start..]);
        if written.is_empty() {
            continue;
        }
        let url = ArticleUrl::parse(written);
        let seen = out.iter().any(|w| match (&w.url, &url) {
            (Ok(a), Ok(b)) => a == b,
            _ => w.written == written,
        });
        if !seen {
            out.push(LinkWord {
                written: written.to_string(),
                url,
            });
        }
    }
    out
}

/// Whether `s` has `http://` or `https://` (any case) at byte `i`.
fn scheme_at(s: &str, i: usize) -> bool {
    ["http://", "https://"].iter().any(|p| {
        s.get(i..i + p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// `a,https://b` typed without a space is two links; a comma inside one link is kept.
fn split_glued_links(word: &str) -> impl Iterator<Item = &str> {
    let mut cuts: Vec<usize> = word
        .match_indices(',')
        .map(|(i, _)| i)
        .filter(|&i| scheme_at(word, i + 1))
        .collect();
    cuts.push(word.len());
    let mut from = 0;
    cuts.into_iter().map(move |cut| {
        let piece = &word[from..cut];
        from = cut + 1;
        piece
    })
}

/// A word without what surrounds a link in prose.
fn trim_link(word: &str) -> &str {
    let mut w = word.trim_start_matches(['<', '(', '[', '"', '\'', '\u{201c}']);
    loop {
        let before = w.len();
        w = w.trim_end_matches([
            '>', '.', ',', '!', '?', ';', ':', '"', '\'', ']', '\u{201d}',
        ]);
        if w.ends_with(')') && w.matches(')').count() > w.matches('(').count() {
            w = &w[..w.len() - 1];
        }
        if w.len() == before {
            return w;
        }
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

    fn written(text: &str) -> Vec<String> {
        link_words(text).into_iter().map(|w| w.written).collect()
    }

    #[test]
    fn links_are_found_in_prose_options_and_markup() {
        assert_eq!(
            written(
                "look (https://a.example/x). and <https://b.example/y>, not ftp://c or \
                 www.d.example! [Win](https://e.example/w) “https://f.example/q?a=1”"
            ),
            [
                "look",
                "https://a.example/x",
                "and",
                "https://b.example/y",
                "not",
                "ftp://c",
                "or",
                "www.d.example",
                "https://e.example/w",
                "https://f.example/q?a=1"
            ]
        );
        // Typed in an option: spaces, commas, wrappers; the same link once.
        assert_eq!(
            written(" https://a.example/1, <https://b.example/2>\nhttps://a.example/1#top "),
            ["https://a.example/1", "https://b.example/2"]
        );
        assert_eq!(
            written("https://a.example/1,https://b.example/2"),
            ["https://a.example/1", "https://b.example/2"]
        );
        // Commas and balanced parentheses belong to a link.
        assert_eq!(
            written("see https://w.example/wiki/Ferry_(boat), and https://p.example/7,123,t.html."),
            [
                "see",
                "https://w.example/wiki/Ferry_(boat)",
                "and",
                "https://p.example/7,123,t.html"
            ]
        );
        assert!(written(" \n ").is_empty());
    }

    #[test]
    fn link_words_carry_the_normalised_link_or_why_not() {
        let words = link_words("HTTPS://News.Example/a?utm_source=x not-a-link ftp://c.example/f");
        assert_eq!(
            words[0].url.as_ref().unwrap().as_str(),
            "https://news.example/a"
        );
        assert!(words[0].has_scheme());
        assert_eq!(words[1].url, Err(FetchError::InvalidUrl));
        assert!(!words[1].has_scheme());
        assert_eq!(words[2].url, Err(FetchError::UnsupportedScheme));
        // Without a scheme it may still be a link (typed in /ingest), but not one from chat.
        let bare = &link_words("example.com/news")[0];
        assert!(bare.url.is_ok() && !bare.has_scheme());
    }

    #[test]
    fn serde_round_trip_normalises() {
        let u: ArticleUrl = serde_json::from_str("\"https://EX.com/a?utm_source=x\"").unwrap();
        assert_eq!(serde_json::to_string(&u).unwrap(), "\"https://ex.com/a\"");
    }
}
