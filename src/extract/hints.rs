//! What an element's `class` and `id` say about it: boilerplate (share bars, comments, cookie
//! banners, related links) or article body.
//!
//! Distinctive stems (`comment`, `newsletter`) match anywhere, so `relatedStories` and
//! `article-comments` are caught; short ones that hide inside other words (`ad` in `head`,
//! `nav` in `canvas`) must be a whole word of the class name.

use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Bits describing one element.
pub const NEGATIVE: u8 = 1;
/// Boilerplate even when a positive word is present too (`article-share`).
pub const STRONG: u8 = 2;
pub const POSITIVE: u8 = 4;

/// Stems that mark boilerplate wherever they appear.
const STRONG_STEMS: &[&str] = &[
    "comment",
    "disqus",
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscri",
    "signup",
    "share",
    "sharing",
    "related",
    "recommend",
    "outbrain",
    "taboola",
    "promo",
    "advert",
    "sponsor",
    "sidebar",
    "breadcrumb",
    "popular",
    "trending",
    "mostread",
    "most-read",
    "readmore",
    "read-more",
    "more-stories",
    "morestories",
    "byline",
    "caption",
    "copyright",
    "pagination",
    "toolbar",
    "masthead",
    "popup",
    "modal",
    "paywall",
    "author-bio",
    "authorbio",
    "newsfeed",
    "skip-link",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "dateline",
    "timestamp",
    "print-only",
    "banner",
    "slideshow",
    "gallery",
];

static STEMS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(STRONG_STEMS)
        .expect("static patterns build")
});

/// Whole words of a class name: boilerplate unless a positive word is present too, or
/// positive. A `match` compiles to a length switch, much cheaper than scanning lists.
fn word_bits(word: &[u8]) -> u8 {
    match word {
        b"ad" | b"ads" | b"adv" | b"advt" | b"dfp" | b"nav" | b"navbar" | b"navigation"
        | b"menu" | b"footer" | b"header" | b"meta" | b"tags" | b"tag" | b"topics"
        | b"keywords" | b"widget" | b"aside" | b"extra" | b"links" | b"login" | b"credit"
        | b"credits" | b"author" | b"date" | b"tools" | b"utility" | b"utilities" | b"jump"
        | b"rail" | b"video" | b"player" | b"overlay" | b"teaser" | b"teasers" | b"feedback"
        | b"survey" | b"donate" | b"pager" | b"prev" | b"next" | b"supplemental"
        | b"disclaimer" | b"notice" | b"alert" | b"bio" | b"footnote" | b"thumbnail" | b"thumb"
        | b"icon" | b"icons" | b"logo" | b"follow" => NEGATIVE,
        b"article" | b"body" | b"content" | b"entry" | b"main" | b"post" | b"story" | b"text"
        | b"blog" | b"prose" | b"hentry" | b"articlebody" | b"storybody" | b"postbody" => POSITIVE,
        _ => 0,
    }
}

/// Classify a `class id` string (any case).
pub fn classify(names: &str) -> u8 {
    if names.is_empty() {
        return 0;
    }
    let mut bits = 0;
    if STEMS.is_match(names) {
        bits |= STRONG | NEGATIVE;
    }
    let mut buf = [0u8; 16];
    for word in names.as_bytes().split(|c| !c.is_ascii_alphanumeric()) {
        if word.is_empty() || word.len() > buf.len() {
            continue;
        }
        for (d, c) in buf.iter_mut().zip(word) {
            *d = c.to_ascii_lowercase();
        }
        bits |= word_bits(&buf[..word.len()]);
    }
    bits
}

/// Readability-style class weight: positive words +25, negative −25.
pub fn weight(bits: u8) -> f32 {
    let mut w = 0.0;
    if bits & POSITIVE != 0 {
        w += 25.0;
    }
    if bits & NEGATIVE != 0 {
        w -= 25.0;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_words_and_positives() {
        assert_eq!(classify("article-comments"), STRONG | NEGATIVE | POSITIVE);
        assert_eq!(classify("relatedstories"), STRONG | NEGATIVE);
        assert_eq!(classify("ad-slot"), NEGATIVE);
        assert_eq!(classify("masthead-logo head"), STRONG | NEGATIVE);
        assert_eq!(classify("thread canvas"), 0);
        assert_eq!(classify("story-body"), POSITIVE);
        assert_eq!(classify("main nav"), POSITIVE | NEGATIVE);
    }
}
