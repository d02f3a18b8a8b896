//! `newsdesk feed parse --json` over feedparser's conformance corpus (`../shared/feeds`): no
//! crash on any file, and the share of expectations met on the contract's fields (feed title and
//! link; entries' id, link, title, summary, author, published), with every miss listed.
//!
//! Two shares are reported. *Strict*: the value is the string feedparser gives. *As markup*:
//! HTML values are compared as an HTML parser reads them, and links as URLs, because feedparser
//! writes HTML its own way (`&#38;` where html5ever writes `&amp;`, `<br />` for `<br>`,
//! attributes sorted, `>` left bare in text) and keeps a host name's case; those differences
//! change nothing a reader sees. The text must be the same too; prefixed attributes
//! (`xlink:show`, `xmlns:xlink`) are not compared. Every expectation not met as markup has its
//! reason in [`KNOWN_MISSES`]; a miss without one fails the test.
//!
//! The 2026-12 numbers (`cargo test --test it feed_parse -- --nocapture`): before sanitising,
//! 193/260 strict; with ammonia's default allowlist, 200/260 strict and 246/260 as markup
//! (94.6 %); with SVG and MathML kept, 200/260 strict and 252/260 as markup (96.9 %). The 8
//! left, by reason: 3 SVG without the `xmlns` feedparser adds, 1 HTML inside SVG's `<desc>`,
//! 1 HTML bogus comment, 1 RSS `<summary>`, 1 linkless RSS 0.90 item, and 1 undecodable bytes
//! (see [`KNOWN_MISSES`]). Met only as markup (52): 38 entity spellings (`&#38;`), 6 `<br />`/
//! attribute order/bare `>`, 6 SVG/MathML (attribute order, an end tag feedparser leaves
//! out, the `xlink:show`, `xlink:type` and `xmlns:xlink` it keeps or adds), a DOCTYPE that
//! HTML drops, a host's case.

use crate::support::shared_or_skip;
use regex::Regex;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::process::Command;
use std::sync::LazyLock;

const SVG_XMLNS: &str = "inline SVG that leaves its namespace implied: feedparser writes \
    the `xmlns` it implies on `<svg>`, newsdesk keeps the markup as the feed wrote it (HTML \
    needs none)";
const SVG_DESC_HTML: &str = "an element inside SVG's `<desc>`, which an HTML parser reads as \
    HTML: ammonia keeps HTML inside SVG only within `foreignObject` (which newsdesk drops), so \
    it goes with its text; feedparser keeps it";
const HTML_PARSER: &str = "read as HTML parsers (and browsers) read it: `<!'…>` is a bogus \
    comment; feedparser's SGML-based sanitiser keeps it as text";
const RSS_SUMMARY: &str = "`<summary>` is not an RSS element: feedparser takes it as the \
    summary (and the description as content); newsdesk keeps RSS's description";
const RSS090_LINKLESS: &str = "an RSS 0.90 item without its required link is dropped by \
    feed-rs; without a link there is no article to fetch and post anyway";
const LINENOISE: &str = "a stray byte in a document declared UTF-8: feedparser's value is its \
    own mis-decoding of the whole text as Windows-1252; newsdesk keeps the UTF-8 it mostly is \
    (the stray byte becomes U+FFFD)";

/// Expectations newsdesk does not meet (as markup), and why.
const KNOWN_MISSES: &[(&str, &str)] = &[
    ("cases/wellformed/namespace/atomsvg.xml", SVG_XMLNS),
    ("cases/wellformed/namespace/atomxlink.xml", SVG_XMLNS),
    ("cases/wellformed/namespace/rss2.0svg5.xml", SVG_XMLNS),
    ("cases/wellformed/namespace/atomsvgdesc.xml", SVG_DESC_HTML),
    (
        "cases/wellformed/rss/item_description_not_a_doctype.xml",
        HTML_PARSER,
    ),
    (
        "cases/wellformed/rss/item_summary_and_description.xml",
        RSS_SUMMARY,
    ),
    (
        "cases/wellformed/rdf/rss090_item_title.xml",
        RSS090_LINKLESS,
    ),
    ("cases/encoding/bozo_linenoise.xml", LINENOISE),
];

/// `html` parsed by html5ever and written back with every element and attribute it has kept
/// (the allowlist is all the names in `both`) and attributes in name order.
fn canonical_markup(html: &str, both: [&str; 2]) -> String {
    static TAG_NAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"</?([A-Za-z][A-Za-z0-9:-]*)").unwrap());
    static ATTR_NAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"\s([A-Za-z_:][\w:.-]*)\s*="#).unwrap());
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"<([A-Za-z][^\s>/]*)((?:\s[^\s=>]+(?:="[^"]*")?)*)\s*>"#).unwrap()
    });
    static ATTR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"\s[^\s=>]+(?:="[^"]*")?"#).unwrap());
    let names = |re: &Regex| -> HashSet<String> {
        both.iter()
            .flat_map(|s| re.captures_iter(s).map(|c| c[1].to_ascii_lowercase()))
            .collect()
    };
    let (tags, attrs) = (names(&TAG_NAME), names(&ATTR_NAME));
    let cleaned = ammonia::Builder::default()
        .tags(tags.iter().map(String::as_str).collect())
        .clean_content_tags(HashSet::new())
        .generic_attributes(attrs.iter().map(String::as_str).collect())
        .link_rel(None)
        .clean(html)
        .to_string();
    TAG.replace_all(&cleaned, |c: &regex::Captures<'_>| {
        let mut attrs: Vec<&str> = ATTR.find_iter(&c[2]).map(|m| m.as_str()).collect();
        attrs.sort_unstable();
        format!("<{}{}>", &c[1], attrs.concat())
    })
    .into_owned()
}

/// The same markup to a reader: see the module docs. The text is compared too, without a
/// parser: the canonical form is ammonia's, which drops whatever it would not keep in the
/// place it stands (HTML inside SVG's `<desc>`, say) from both sides alike.
fn same_markup(expected: &str, got: &str) -> bool {
    let both = [expected, got];
    canonical_markup(expected, both) == canonical_markup(got, both)
        && text_of(expected) == text_of(got)
}

/// The text of serialised markup: tags (and one cut off at the end) removed, character
/// references decoded, whitespace collapsed.
fn text_of(html: &str) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*(?:>|$)").unwrap());
    let text = TAG.replace_all(html, "");
    newsdesk::extract::entities::decode(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn same_url(expected: &str, got: &str) -> bool {
    matches!((url::Url::parse(expected), url::Url::parse(got)), (Ok(a), Ok(b)) if a == b)
}

/// The contract field a feedparser path checks (its aliases included), or `None` when the path
/// is outside the contract.
fn contract_field(path: &[Value]) -> Option<(Option<usize>, &'static str)> {
    let key = |i: usize| path.get(i).and_then(Value::as_str);
    match (key(0)?, path.len()) {
        ("feed", 2) => match key(1)? {
            "title" => Some((None, "title")),
            "link" => Some((None, "link")),
            _ => None,
        },
        ("feed", 3) if key(1)? == "title_detail" && key(2)? == "value" => Some((None, "title")),
        ("entries", n) => {
            let i = path.get(1)?.as_u64()? as usize;
            let field = match (key(2)?, n) {
                ("id" | "guid", 3) => "id",
                ("link", 3) => "link",
                ("title", 3) => "title",
                ("title_detail", 4) if key(3)? == "value" => "title",
                ("summary" | "description", 3) => "summary",
                ("summary_detail", 4) if key(3)? == "value" => "summary",
                ("author", 3) => "author",
                ("published" | "issued", 3) => "published",
                _ => return None,
            };
            Some((Some(i), field))
        }
        _ => None,
    }
}

/// Dates compare as instants: feedparser keeps them as written, `feed parse` prints RFC 3339.
fn same_instant(expected: &str, got: &str) -> bool {
    let parse = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .or_else(|_| chrono::DateTime::parse_from_rfc2822(s))
            .ok()
    };
    matches!((parse(expected), parse(got)), (Some(a), Some(b)) if a == b)
}

#[test]
fn feed_parse_meets_the_conformance_corpus() {
    let Some(shared) = shared_or_skip("feed_parse_meets_the_conformance_corpus") else {
        return;
    };
    let root = shared.join("feeds");
    let mut files: Vec<String> = Vec::new();
    let mut dirs = vec![root.join("cases")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path.strip_prefix(&root).unwrap().display().to_string());
            }
        }
    }
    files.sort();
    let out = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .current_dir(&root)
        .args(["--json", "feed", "parse"])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "feed parse failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: HashMap<String, Value> = std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["file"].as_str().unwrap().to_string(), v)
        })
        .collect();
    assert_eq!(lines.len(), files.len(), "one line per file, no crash");

    let expectations = std::fs::read_to_string(root.join("expectations.jsonl")).unwrap();
    let known: HashMap<&str, &str> = KNOWN_MISSES.iter().copied().collect();
    let (mut strict, mut as_markup, mut total) = (0, 0, 0);
    let mut misses: Vec<(&str, String)> = Vec::new();
    let mut unexplained = Vec::new();
    for line in expectations.lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        // Served over HTTP by feedparser's harness: their values depend on the headers.
        if e["http"] == Value::Bool(true) {
            continue;
        }
        let Some(path) = e["path"].as_array() else {
            continue;
        };
        let Some((entry, field)) = contract_field(path) else {
            continue;
        };
        let file = e["file"].as_str().unwrap();
        let parsed = &lines[file];
        let got = match entry {
            None => &parsed[field],
            Some(i) => &parsed["entries"][i][field],
        };
        let expected = &e["value"];
        let pair = expected.as_str().zip(got.as_str());
        let exact = got == expected
            || (field == "published" && pair.is_some_and(|(a, b)| same_instant(a, b)));
        let equivalent = exact
            || pair.is_some_and(|(a, b)| match field {
                "title" | "summary" => same_markup(a, b),
                "link" => same_url(a, b),
                _ => false,
            });
        total += 1;
        strict += u32::from(exact);
        as_markup += u32::from(equivalent);
        let miss = format!("{file} {path:?}: expected {expected}, got {got}");
        if equivalent && !exact {
            misses.push(("feedparser's serialisation (met as markup)", miss));
        } else if !equivalent {
            match known.get(file) {
                Some(reason) => misses.push((reason, miss)),
                None => unexplained.push(miss),
            }
        }
    }
    let share = |n: u32| f64::from(n) / f64::from(total);
    eprintln!(
        "feed corpus: {} files, {} read as not well-formed; contract expectations met \
         strictly {strict}/{total} = {:.1} %, as markup {as_markup}/{total} = {:.1} %",
        files.len(),
        lines
            .values()
            .filter(|v| v["ok"] == Value::Bool(false))
            .count(),
        share(strict) * 100.0,
        share(as_markup) * 100.0,
    );
    misses.sort();
    let mut last = "";
    for (reason, miss) in &misses {
        if *reason != last {
            eprintln!("  {reason}:");
            last = reason;
        }
        eprintln!("    {miss}");
    }
    assert!(
        unexplained.is_empty(),
        "misses without a reason in KNOWN_MISSES:\n{}",
        unexplained.join("\n")
    );
    // Floors against regressions.
    assert!(
        share(as_markup) >= 0.969,
        "share as markup fell to {}",
        share(as_markup)
    );
    assert!(
        share(strict) >= 0.769,
        "strict share fell to {}",
        share(strict)
    );
}
