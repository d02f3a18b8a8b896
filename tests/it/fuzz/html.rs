//! Bytes from the network: charset detection and HTML extraction, then the analysis of what was
//! extracted.

use super::inputs;
use super::text::check_analysis;
use crate::{ensure, fuzz_target};
use newsdesk::extract::{self, charset};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

fn has_bom(b: &[u8]) -> bool {
    b.starts_with(b"\xef\xbb\xbf") || b.starts_with(b"\xff\xfe") || b.starts_with(b"\xfe\xff")
}

pub fn check_charset(
    (bytes, content_type): (Vec<u8>, Option<String>),
) -> Result<(), TestCaseError> {
    let page = charset::decode(&bytes, content_type.as_deref());
    let text = charset::decode_text(&bytes);
    if let Ok(utf8) = std::str::from_utf8(&bytes)
        && !has_bom(&bytes)
    {
        ensure!(
            text == utf8,
            "valid UTF-8 plain text must come back unchanged"
        );
        if content_type.is_none() && !utf8.to_ascii_lowercase().contains("charset") {
            ensure!(
                page == utf8,
                "valid UTF-8 without a declared charset must come back unchanged"
            );
        }
    }
    // Decoding never yields more than one char per input byte (plus U+FFFD for a lone tail).
    ensure!(
        page.chars().count() <= bytes.len() + 1 && text.chars().count() <= bytes.len() + 1,
        "decoding invented text"
    );
    Ok(())
}

fn charset_input(long: bool) -> impl Strategy<Value = (Vec<u8>, Option<String>)> {
    (
        prop_oneof![
            3 => inputs::html_bytes(long),
            1 => inputs::text(long).prop_map(String::into_bytes),
        ],
        inputs::content_type(),
    )
}

fuzz_target!(
    fuzz_charset,
    fuzz_charset_long,
    200,
    60_000,
    charset_input,
    check_charset
);

pub fn check_extract(
    (bytes, content_type): (Vec<u8>, Option<String>),
) -> Result<(), TestCaseError> {
    let html = charset::decode(&bytes, content_type.as_deref());
    let a = extract::extract(&html, Some("https://news.example/2024/03/04/story"));
    ensure!(
        a.text == a.text.trim(),
        "extracted text has leading or trailing whitespace"
    );
    for (what, field) in [
        ("title", &a.title),
        ("byline", &a.byline),
        ("site", &a.site),
        ("language", &a.language),
    ] {
        if let Some(v) = field {
            ensure!(!v.trim().is_empty(), "{what} is blank: {v:?}");
        }
    }
    if let Some(u) = &a.canonical_url {
        ensure!(
            url::Url::parse(u).is_ok(),
            "canonical URL is not absolute: {u:?}"
        );
    }
    if let Some(p) = &a.published {
        let ok = chrono::DateTime::parse_from_rfc3339(p).is_ok()
            || chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").is_ok();
        ensure!(ok, "published is neither RFC 3339 nor a date: {p:?}");
    }
    check_analysis(&a.text, &newsdesk::analysis::analyze(&a.text, 3), 3)
}

fn extract_input(long: bool) -> impl Strategy<Value = (Vec<u8>, Option<String>)> {
    (inputs::html_bytes(long), inputs::content_type())
}

fuzz_target!(
    fuzz_extract,
    fuzz_extract_long,
    120,
    30_000,
    extract_input,
    check_extract
);
