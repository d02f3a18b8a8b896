//! HTML → article: metadata and the main text without boilerplate.
//!
//! Pure and synchronous. [`extract`] takes an already-decoded page ([`charset::decode`] turns
//! bytes into text) and returns an [`Extracted`] article whose `text` holds one paragraph per
//! block, separated by blank lines.
//!
//! The stages, one file each: [`dom`] parses the page into a flat tree in one pass,
//! [`content`] finds the article and its paragraphs (with [`hints`] reading class names and
//! [`boilerplate`] dropping furniture lines), [`meta`] reads title, authors, dates and the
//! rest ([`date`] normalises dates).
//!
//! ```
//! let page = "<html lang=en><head><title>Rain due - Weather Desk</title></head><body>\
//!     <nav><a href=/>Home</a></nav><article><h1>Rain due</h1>\
//!     <p>Heavy rain is expected across the region on Friday, forecasters said.</p>\
//!     <p>Flood warnings have been issued for three rivers, and schools may close early.</p>\
//!     </article></body></html>";
//! let a = newsdesk::extract::extract(page, None);
//! assert_eq!(a.title.as_deref(), Some("Rain due"));
//! assert!(a.text.starts_with("Heavy rain") && a.text.contains("\n\nFlood warnings"));
//! ```

pub mod boilerplate;
pub mod charset;
pub mod content;
pub mod date;
pub mod dom;
pub mod entities;
pub mod hints;
pub mod meta;

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
    let doc = dom::parse(html);
    let m = meta::extract(&doc, url);
    let mut text = content::main_text(&doc);
    if let Some(t) = m.title.as_deref() {
        text = drop_repeated_title(text, t);
    }
    let (text, by_line) = take_byline_line(text);
    let byline = m.byline.or(by_line);
    Extracted {
        title: m.title,
        byline,
        published: m.published,
        site: m.site,
        language: m.language,
        canonical_url: m.canonical_url,
        text,
    }
}

/// The headline repeated as the first paragraphs (an `<h2>` or a styled `<div>`) is not body.
fn drop_repeated_title(text: String, title: &str) -> String {
    let same = |p: &str| p.trim().eq_ignore_ascii_case(title.trim());
    let mut paragraphs = text.split("\n\n").peekable();
    let mut skipped = false;
    for _ in 0..3 {
        match paragraphs.peek() {
            Some(p) if same(p) => {
                paragraphs.next();
                skipped = true;
            }
            _ => break,
        }
    }
    if !skipped {
        return text;
    }
    paragraphs.collect::<Vec<_>>().join("\n\n")
}

/// A short "By Jane Doe" first paragraph is the byline, not body text.
fn take_byline_line(text: String) -> (String, Option<String>) {
    let (first, rest) = text.split_once("\n\n").unwrap_or((text.as_str(), ""));
    let is_byline = ["By ", "BY ", "Von ", "Por ", "Par "]
        .iter()
        .any(|p| first.starts_with(p))
        && first.split_whitespace().count() <= 8
        && !first.ends_with('.');
    if !is_byline {
        return (text, None);
    }
    let name = meta::clean_byline(first);
    (rest.to_string(), Some(name).filter(|n| !n.is_empty()))
}
