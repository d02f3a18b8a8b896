//! Extraction: golden tests over fixture article pages (our own writing) and robustness on
//! hostile input.
//!
//! Each `tests/fixtures/extract/NAME.html` has a `NAME.expected.json` holding the page URL it
//! is extracted as (`url`) and the expected [`Extracted`] fields. On a mismatch the test prints
//! the field, expected and actual values, and for the text the first differing paragraph.
//! `NEWSDESK_BLESS=1 cargo test --test it extract` rewrites the expected files from the
//! current output (review the diff before committing).

use newsdesk::extract::{self, Extracted, charset};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
struct Golden {
    url: Option<String>,
    #[serde(flatten)]
    expected: Extracted,
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

fn first_text_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<_>, Vec<_>) = (
        expected.split("\n\n").collect(),
        actual.split("\n\n").collect(),
    );
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i).copied(), a.get(i).copied());
        if x != y {
            return format!("paragraph {i}:\n  expected: {x:?}\n  actual:   {y:?}");
        }
    }
    String::new()
}

#[test]
fn golden_articles() {
    let pages = fixtures();
    assert!(pages.len() >= 3, "fixtures missing");
    let bless = std::env::var_os("NEWSDESK_BLESS").is_some();
    let mut failures = Vec::new();
    for page in pages {
        let golden_path = page.with_extension("expected.json");
        let golden: Golden = serde_json::from_str(
            &std::fs::read_to_string(&golden_path)
                .unwrap_or_else(|e| panic!("{}: {e}", golden_path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", golden_path.display()));
        let html = charset::decode(&std::fs::read(&page).expect("fixture"), None);
        let actual = extract::extract(&html, golden.url.as_deref());
        if bless {
            let out = Golden {
                url: golden.url.clone(),
                expected: actual.clone(),
            };
            let json = serde_json::to_string_pretty(&out).expect("json");
            std::fs::write(&golden_path, json + "\n").expect("write golden");
            continue;
        }
        let e = &golden.expected;
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        let fields = [
            ("title", &e.title, &actual.title),
            ("byline", &e.byline, &actual.byline),
            ("published", &e.published, &actual.published),
            ("site", &e.site, &actual.site),
            ("language", &e.language, &actual.language),
            ("canonical_url", &e.canonical_url, &actual.canonical_url),
        ];
        for (field, want, got) in fields {
            if want != got {
                failures.push(format!("{name}: {field}: expected {want:?}, got {got:?}"));
            }
        }
        if e.text != actual.text {
            failures.push(format!(
                "{name}: text differs at {}",
                first_text_difference(&e.text, &actual.text)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn hostile_input_does_not_panic() {
    let huge_line = format!(
        "<html><body><div>{}</div></body></html>",
        "<p>word word, word word word word word word. ".repeat(50_000)
    );
    let deep = format!("{}text{}", "<div><span>".repeat(20_000), "</b>".repeat(100));
    let cases: Vec<String> = vec![
        String::new(),
        " \n\t ".into(),
        "<".into(),
        "<<<>>>".into(),
        "<html><body><p>unclosed <b>bold <i>italic".into(),
        "<p class=\"open quote>never closed".into(),
        "<script>var x = '</scr' + 'ipt>';".into(),
        "<!-- unterminated comment <p>hidden</p>".into(),
        "&#x110000; &#0; &#xD800; &amp &lt;p&gt;".into(),
        "<title>\u{fffd}</title><p>é<b>ü</p>中文</b>".into(),
        "<meta property=og:url content=\"javascript:alert(1)\"><link rel=canonical href=\"::::\">".into(),
        "<script type=application/ld+json>{\"@type\": \"NewsArticle\", \"author\": [[[[[]]]]], \"datePublished\": 5}</script>".into(),
        huge_line,
        deep,
    ];
    for html in &cases {
        let a = extract::extract(html, Some("not a url"));
        assert!(!a.text.starts_with(char::is_whitespace) && !a.text.ends_with(char::is_whitespace));
    }
    // The long line keeps its text.
    assert!(extract::extract(&cases[12], None).text.len() > 1_000_000);
}

#[test]
fn non_utf8_bytes_decode_and_extract() {
    let mut bytes = b"<html><body><article><p>Caf\xe9 owners in the old town said the new parking rules, which start in June, would hurt trade.</p>".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x80, 0x00, 0xc3]);
    bytes.extend_from_slice(b"</p></article></body></html>");
    let html = charset::decode(&bytes, None);
    let a = extract::extract(&html, None);
    assert!(a.text.contains("owners in the old town"), "{a:?}");
}
