//! What an element's `class` and `id` say about it: boilerplate (share bars, comments, cookie
//! banners, related links) or article body.
//!
//! Distinctive stems (`comment`, `newsletter`) match anywhere, so `relatedStories` and
//! `article-comments` are caught; short ones that hide inside other words (`ad` in `head`,
//! `nav` in `canvas`) must be a whole word of the class name.

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

/// Whole words that mark boilerplate unless a positive word is present too.
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advt",
    "dfp",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "header",
    "meta",
    "tags",
    "tag",
    "topics",
    "keywords",
    "widget",
    "aside",
    "extra",
    "links",
    "login",
    "credit",
    "credits",
    "author",
    "date",
    "tools",
    "utility",
    "utilities",
    "jump",
    "rail",
    "video",
    "player",
    "overlay",
    "teaser",
    "teasers",
    "feedback",
    "survey",
    "donate",
    "pager",
    "prev",
    "next",
    "supplemental",
    "disclaimer",
    "notice",
    "alert",
    "bio",
    "footnote",
    "thumbnail",
    "thumb",
    "icon",
    "icons",
    "logo",
    "follow",
    "embed",
];

const POSITIVE_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "prose",
    "hentry",
    "articlebody",
    "storybody",
    "postbody",
];

/// Classify a lowercase `class id` string.
pub fn classify(names: &str) -> u8 {
    if names.is_empty() {
        return 0;
    }
    let mut bits = 0;
    if STRONG_STEMS.iter().any(|s| names.contains(s)) {
        bits |= STRONG | NEGATIVE;
    }
    for word in names.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if NEGATIVE_WORDS.contains(&word) {
            bits |= NEGATIVE;
        }
        if POSITIVE_WORDS.contains(&word) {
            bits |= POSITIVE;
        }
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
