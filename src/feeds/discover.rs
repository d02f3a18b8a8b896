//! Feed discovery: the feeds a web page announces with `<link rel="alternate" type="…">`.

use regex::Regex;
use std::sync::LazyLock;

/// Media types of feeds, in order of preference.
const FEED_TYPES: [&str; 5] = [
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
];

static LINK_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<link\b[^>]*>").expect("valid regex"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#).expect("valid regex")
});

/// The feed links of an HTML page, resolved against `base`, best first (Atom, RSS, JSON Feed;
/// then document order).
pub fn discover(html: &str, base: &url::Url) -> Vec<url::Url> {
    // The links live in <head>; do not scan a whole long page.
    let head_end = html
        .to_ascii_lowercase()
        .find("</head")
        .unwrap_or(html.len().min(256 * 1024));
    let mut head_end = head_end.min(html.len());
    while !html.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let mut found: Vec<(usize, url::Url)> = Vec::new();
    for tag in LINK_TAG.find_iter(&html[..head_end]) {
        let mut rel = None;
        let mut kind = None;
        let mut href = None;
        for c in ATTR.captures_iter(tag.as_str()) {
            let value = c
                .get(2)
                .or(c.get(3))
                .or(c.get(4))
                .map_or("", |m| m.as_str());
            let value = crate::extract::entities::decode(value).trim().to_string();
            match c[1].to_ascii_lowercase().as_str() {
                "rel" => rel = Some(value.to_ascii_lowercase()),
                "type" => kind = Some(value.to_ascii_lowercase()),
                "href" => href = Some(value),
                _ => {}
            }
        }
        let alternate = rel.is_some_and(|r| r.split_whitespace().any(|w| w == "alternate"));
        let rank = kind.and_then(|k| {
            let essence = k.split(';').next().unwrap_or("").trim().to_string();
            FEED_TYPES.iter().position(|t| *t == essence)
        });
        if let (true, Some(rank), Some(href)) = (alternate, rank, href)
            && let Ok(url) = base.join(&href)
            && matches!(url.scheme(), "http" | "https")
            && !found.iter().any(|(_, u)| *u == url)
        {
            found.push((rank, url));
        }
    }
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, u)| u).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_alternate_feed_links_best_first() {
        let base = url::Url::parse("https://news.example/section/").unwrap();
        let html = r#"<html><head>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml" title="RSS">
            <LINK REL='alternate' TYPE='application/atom+xml' HREF='atom.xml'>
            <link rel="alternate" hreflang="de" href="/de/">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body>"#;
        let found: Vec<String> = discover(html, &base)
            .iter()
            .map(|u| u.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "https://news.example/section/atom.xml",
                "https://news.example/rss.xml"
            ]
        );
    }

    #[test]
    fn a_page_without_feeds_has_none() {
        let base = url::Url::parse("https://news.example/").unwrap();
        assert!(discover("<p>no feeds é</p>", &base).is_empty());
    }
}
