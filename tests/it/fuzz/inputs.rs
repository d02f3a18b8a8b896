//! Generators of hostile input: tag soup, mutated real pages, raw bytes, and the extremes seen
//! to hurt parsers (deep nesting, a huge attribute, unclosed scripts, NUL bytes, invalid UTF-8,
//! runs of unbalanced quote marks). `long` runs reach the full sizes (100,000-deep nesting, a
//! 1 MB attribute, 50,000 quote marks) and add the evaluation pages of `../shared` when present.

use proptest::prelude::*;
use proptest::sample::select;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Pieces of HTML that change a parser's state.
const HTML_TOKENS: &[&str] = &[
    "<!DOCTYPE html>",
    "<html lang=en>",
    "<head>",
    "</head>",
    "<body>",
    "</body>",
    "<title>",
    "</title>",
    "<meta charset=\"",
    "<meta charset=shift_jis>",
    "<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>",
    "<meta property=\"og:title\" content=\"",
    "<meta name=author content=",
    "<meta property=article:published_time content=2024-02-30T25:61:00Z>",
    "<link rel=canonical href=\"",
    "<time datetime=\"",
    "\">",
    "'>",
    ">",
    "<",
    "</",
    "/>",
    "=",
    "\"",
    "'",
    "<div>",
    "</div>",
    "<div class=\"article-body content\">",
    "<div class=\"share social footer nav\">",
    "<p>",
    "</p>",
    "<article>",
    "</article>",
    "<main>",
    "<h1>",
    "</h1>",
    "<nav>",
    "<aside>",
    "<footer>",
    "<br>",
    "<hr/>",
    "<ul><li>",
    "</li></ul>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<blockquote>",
    "<q>",
    "<a href=\"https://news.example/a\">",
    "<a href=javascript:alert(1)>",
    "</a>",
    "<img src=x alt=\"",
    "<script>",
    "</script>",
    "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"",
    "\"datePublished\":\"",
    "\"author\":{\"name\":",
    "}</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<template>",
    "<noscript>",
    "<textarea>",
    "<plaintext>",
    "<xmp>",
    "<svg><foreignObject>",
    "<math>",
    "<iframe>",
    "&amp;",
    "&lt;",
    "&nbsp;",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&#99999999999999999999;",
    "&notanentity;",
    "&",
    "&#",
    "\0",
    "\u{feff}",
    "\r\n",
    "\n\n",
    " ",
    "\t",
];

/// Words and marks of news text, names and quotes among them.
pub const WORDS: &[&str] = &[
    "The",
    "the",
    "said",
    "says",
    "told",
    "reporters",
    "Mr.",
    "Mrs.",
    "Dr.",
    "U.S.",
    "St.",
    "Jan.",
    "No.",
    "e.g.",
    "a.m.",
    "Inc.",
    "President",
    "Minister",
    "Joe",
    "Biden",
    "Angela",
    "Merkel",
    "Vladimir",
    "Putin",
    "Acme",
    "Corp.",
    "United",
    "Nations",
    "in",
    "London",
    "New",
    "York",
    "on",
    "Monday",
    "March",
    "3,",
    "2024",
    "1.5",
    "3.",
    "$5",
    "million",
    "%",
    "per",
    "cent",
    "km",
    "seven",
    "he",
    "she",
    "they",
    "it",
    "according",
    "to",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "'",
    "—",
    "–",
    "-",
    ".",
    "?",
    "!",
    "...",
    "…",
    ",",
    ";",
    ":",
    "(",
    ")",
    "[",
    "]",
    "\n",
    "\n\n",
    " ",
    " ",
    " ",
    "\t",
    "\r",
    "é",
    "ß",
    "İ",
    "ﬁ",
    "😀",
    "👩‍👩‍👧",
    "\u{200b}",
    "\u{feff}",
    "\u{0301}",
    "\u{2028}",
    "\0",
    "@everyone",
    "<@123>",
    "**",
    "`",
    "http://x.example/a.b",
    "O'Neill",
    "don't",
    "we'll",
];

fn concat(parts: Vec<Vec<u8>>) -> Vec<u8> {
    parts.concat()
}

/// A size from 1 to `max`, log-uniform: mostly small, now and then the full size.
pub fn size(max: usize) -> impl Strategy<Value = usize> {
    (0.0..=1.0f64).prop_map(move |u| ((max as f64).powf(u) as usize).clamp(1, max))
}

fn pieces(list: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    select(list).prop_map(|s| s.as_bytes().to_vec())
}

/// Random HTML-ish token soup.
fn tag_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            4 => pieces(HTML_TOKENS),
            5 => pieces(WORDS),
            1 => prop::collection::vec(any::<u8>(), 1..4),
        ],
        0..400,
    )
    .prop_map(concat)
}

/// Pages to mutate: the fixtures, and in long runs the evaluation pages when present.
fn pages(long: bool) -> Arc<Vec<Vec<u8>>> {
    static SHORT: OnceLock<Arc<Vec<Vec<u8>>>> = OnceLock::new();
    static LONG: OnceLock<Arc<Vec<Vec<u8>>>> = OnceLock::new();
    let cell = if long { &LONG } else { &SHORT };
    cell.get_or_init(|| {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut out = Vec::new();
        for dir in ["extract", "fetch", "cli", "bot"] {
            read_pages(&fixtures.join(dir), &mut out);
        }
        if long && let Some(shared) = crate::support::shared_dir() {
            read_pages(&shared.join("eval/extraction/html"), &mut out);
        }
        assert!(!out.is_empty(), "no pages under tests/fixtures");
        Arc::new(out)
    })
    .clone()
}

fn read_pages(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p.to_string_lossy();
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        if name.ends_with(".html.gz") {
            let mut html = Vec::new();
            if flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut html)
                .is_ok()
            {
                out.push(html);
            }
        } else if name.ends_with(".html") || name.ends_with(".txt") {
            out.push(bytes);
        }
    }
}

/// One edit of a page; positions are taken modulo its length.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
    /// Move a piece elsewhere (closing tags before their openings, and so on).
    Move(usize, usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
        (
            any::<usize>(),
            prop_oneof![pieces(HTML_TOKENS), pieces(WORDS)]
        )
            .prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<usize>(), 0..2000usize).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), 0..2000usize).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), 0..500usize, any::<usize>()).prop_map(|(i, n, j)| Edit::Move(i, n, j)),
    ]
}

fn apply(mut page: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = page.len().max(1);
        match e {
            Edit::Flip(i, b) if !page.is_empty() => page[i % len] ^= b | 1,
            Edit::Flip(..) => {}
            Edit::Insert(i, s) => {
                let at = i % (page.len() + 1);
                page.splice(at..at, s.iter().copied());
            }
            Edit::Delete(i, n) => {
                let at = i % len;
                let end = (at + n).min(page.len());
                page.drain(at.min(end)..end);
            }
            Edit::Duplicate(i, n) => {
                let at = i % len;
                let end = (at + n).min(page.len());
                let piece = page[at.min(end)..end].to_vec();
                page.splice(end..end, piece);
            }
            Edit::Truncate(i) => page.truncate(i % len),
            Edit::Move(i, n, j) => {
                let at = i % len;
                let end = (at + n).min(page.len());
                let piece: Vec<u8> = page.drain(at.min(end)..end).collect();
                let to = j % (page.len() + 1);
                page.splice(to..to, piece);
            }
        }
    }
    page
}

/// A real page with a few edits.
fn mutated_page(long: bool) -> impl Strategy<Value = Vec<u8>> {
    let pages = pages(long);
    (0..pages.len(), prop::collection::vec(edit(), 1..8))
        .prop_map(move |(i, edits)| apply(pages[i].clone(), &edits))
}

/// The shapes that hurt parsers, at up to `max` repetitions.
fn extreme_html(max: usize) -> impl Strategy<Value = Vec<u8>> {
    let tags = select(
        &[
            "div",
            "b",
            "p",
            "span",
            "a",
            "li",
            "table",
            "blockquote",
            "q",
            "font",
        ][..],
    );
    (0..9u8, size(max), tags).prop_map(|(kind, n, tag)| {
        let page = match kind {
            // Deep nesting, half closed.
            0 => format!(
                "<html><body>{}<p>Deep text here.</p>{}",
                format!("<{tag}>").repeat(n),
                format!("</{tag}>").repeat(n / 2)
            ),
            // A huge attribute (10 bytes a step: 1 MB at 100,000).
            1 => format!(
                "<html><head><meta name=description content=\"{}\"></head><body><p title=\"{}\">Text.</p>",
                "0123456789".repeat(n),
                "ab\"cd".repeat(n / 10)
            ),
            // An unclosed script swallowing the page.
            2 => format!(
                "<p>Before the script.</p><script>var s = '<p>not text</p>';{}",
                "document.write('</scr' + 'ipt>'); ".repeat(n / 10 + 1)
            ),
            // NUL bytes everywhere.
            3 => format!("<p>{}</p>\0<div\0 class=\0>{}", "a\0b ".repeat(n), "\0".repeat(n)),
            // Unbalanced quote marks in text.
            4 => format!("<p>{}</p><p>He said \"yes.</p>", "\" “ « ‘ „ ".repeat(n / 5 + 1)),
            // An attribute quote that never closes.
            5 => format!("<div class=\"{}<p>Some text.</p>", "x ".repeat(n)),
            // Many entities, some broken.
            6 => format!("<p>{}</p>", "&amp;&#x41;&#;&#x;&bogus;&".repeat(n / 5 + 1)),
            // Many tiny paragraphs and a comment that never ends.
            7 => format!("{}<!-- {}", "<p>A.</p>".repeat(n), "-- ".repeat(n / 3)),
            // Many attributes on one tag.
            _ => format!("<div {}>Text.</div>", "a=b ".repeat(n)),
        };
        let mut bytes = page.into_bytes();
        if kind == 3 {
            // Invalid UTF-8 beside the NULs.
            bytes.extend_from_slice(&b"\xff\xfe\xc3\x28\xe2\x82\xf0\x9f\x98".repeat(n / 10 + 1));
        }
        bytes
    })
}

/// Hostile bytes claimed to be an HTML page.
pub fn html_bytes(long: bool) -> BoxedStrategy<Vec<u8>> {
    let max = if long { 100_000 } else { 1_500 };
    prop_oneof![
        3 => tag_soup(),
        4 => mutated_page(long),
        1 => prop::collection::vec(any::<u8>(), 0..2048),
        2 => extreme_html(max),
    ]
    .boxed()
}

/// A `Content-Type` header as a server might send it.
pub fn content_type() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        select(
            &[
                "text/html",
                "text/html; charset=utf-8",
                "text/html; charset=ISO-8859-1",
                "text/html; charset=\"shift_jis\"",
                "text/html; charset=utf-16",
                "text/html; charset=utf-16le",
                "text/html; charset=x-user-defined",
                "text/html; charset=replacement",
                "text/html;charset=",
                "text/html; charset=bogus-42",
                ";;;==;charset",
            ][..]
        )
        .prop_map(|s| Some(s.to_string())),
        ".{0,40}".prop_map(Some),
    ]
}

/// News-like text: words, names, quote marks, newlines, odd Unicode.
fn word_soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(WORDS), 0..max).prop_map(|w| {
        let mut s = String::new();
        for (i, w) in w.iter().enumerate() {
            // Mostly spaced like prose, sometimes glued.
            if i > 0 && i % 7 != 3 {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    })
}

/// Text shapes that hurt analysers, at up to `max` repetitions.
fn extreme_text(max: usize) -> impl Strategy<Value = String> {
    (0..8u8, size(max)).prop_map(|(kind, n)| match kind {
        0 => "\"".repeat(n),
        1 => "“We will ".repeat(n / 3 + 1) + "” said Mr. Smith.",
        2 => "Mr. ".repeat(n / 2 + 1),
        3 => "a".repeat(n * 4),
        4 => "\n".repeat(n),
        5 => "John Smith ".repeat(n / 3 + 1),
        6 => "U.S. ".repeat(n / 2 + 1),
        _ => "He said \"no\" and she said “yes” ‘maybe’ « non » ".repeat(n / 10 + 1),
    })
}

/// Hostile text for the analysis stages (and article text for the renderer).
pub fn text(long: bool) -> BoxedStrategy<String> {
    let max = if long { 50_000 } else { 1_000 };
    prop_oneof![
        5 => word_soup(400),
        2 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..1024)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        2 => extreme_text(max),
    ]
    .boxed()
}

/// A short hostile string (a title, a name, a site).
pub fn short_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => word_soup(20),
        2 => any::<String>(),
        1 => (select(WORDS), 1..3000usize).prop_map(|(w, n)| w.repeat(n)),
        1 => "[*_`~|>#@<\\[\\]()\\\\ \n-]{0,300}",
    ]
    .boxed()
}
