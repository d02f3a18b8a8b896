//! Feed documents → [`ParsedFeed`]: feed-rs, made lenient, with stable entry keys.
//!
//! feed-rs reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.x, but it gives up on a document
//! that is not well-formed XML, and an entry without an id gets a random one. So:
//!
//! * the document is decoded here (BOM, else the XML declaration, else UTF-8, else detection),
//!   and older spellings of the formats are rewritten to the ones feed-rs reads ([`dialects`]),
//!   as are feeds as they come in the wild ([`wild`]: stand-ins for missing fields and more);
//! * a document feed-rs still refuses is repaired and read again ([`repair`]: HTML entities
//!   turned into characters, stray `&` escaped, a truncated document closed after its last whole
//!   entry). The result says the document was not well-formed (`ok: false`, `error`) and
//!   still carries the entries that could be read, as feedparser's "bozo" does.
//! * every entry gets a stable [`ParsedEntry::key`]: its guid/id, else its link normalised as an
//!   article link is, else a hash of title and date. The same entry has the same key after a
//!   restart, so it is never posted twice.
//! * text typed as HTML is sanitised ([`super::sanitize_html`]), its relative URLs resolved
//!   against the `xml:base` in force ([`Bases`]), and also kept as plain text for display.

use super::wild;
use crate::fetch::ArticleUrl;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;
use url::Url;

/// A feed as newsdesk uses it (and as `newsdesk feed parse --json` prints it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedFeed {
    /// The document parsed as it is (false: it needed repair, or could not be read at all).
    pub ok: bool,
    /// Why the document is not well-formed or could not be read.
    pub error: Option<String>,
    /// The feed's title: sanitised HTML when the feed gives HTML, else text as written.
    pub title: Option<String>,
    /// The title as a reader sees it (no markup): what is stored and shown.
    #[serde(skip)]
    pub title_text: Option<String>,
    /// The feed's web page (its `rel="alternate"` link, else the first).
    pub link: Option<String>,
    pub entries: Vec<ParsedEntry>,
}

impl ParsedFeed {
    /// Whether anything at all was read: a feed title, link or an entry.
    pub fn is_feed(&self) -> bool {
        self.ok || self.title.is_some() || self.link.is_some() || !self.entries.is_empty()
    }
}

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedEntry {
    /// The stable key: guid/id, else the normalised link, else `sha256:` of title and date.
    #[serde(rename = "id")]
    pub key: String,
    pub link: Option<String>,
    /// Sanitised HTML when the feed gives HTML ([`super::sanitize_html`]), else text as written.
    pub title: Option<String>,
    /// The title as a reader sees it (no markup): what is stored and shown.
    #[serde(skip)]
    pub title_text: Option<String>,
    /// The summary (else the content, else a media description), sanitised as `title` is.
    pub summary: Option<String>,
    /// Publication time (RFC 3339, UTC): `published`/`pubDate`, else `updated`/`dc:date`.
    #[serde(serialize_with = "rfc3339")]
    pub published: Option<DateTime<Utc>>,
    pub author: Option<String>,
    /// The link normalised as an article link (tracking parameters and fragment dropped): what
    /// ingest and dedupe use.
    #[serde(skip)]
    pub article_url: Option<String>,
}

fn rfc3339<S: serde::Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::Secs, true)),
        None => s.serialize_none(),
    }
}

/// Parse a feed document. `base` is where it came from (resolves relative links). Never fails:
/// a document that is no feed at all gives `ok: false` with the reason and nothing else.
pub fn parse(bytes: &[u8], base: Option<&str>) -> ParsedFeed {
    // The rewrites and the sanitiser run on hostile input too: a bug there must cost this one
    // document, not the poller.
    std::panic::catch_unwind(|| parse_lenient(bytes, base)).unwrap_or_else(|_| ParsedFeed {
        ok: false,
        error: Some("the feed parser failed on this document".to_string()),
        ..ParsedFeed::default()
    })
}

fn parse_lenient(bytes: &[u8], base: Option<&str>) -> ParsedFeed {
    // Decoded here, once: quick-xml's own switch of encoding panics on some documents.
    let text = declare_utf8(&decode(bytes));
    let document = base.and_then(|b| Url::parse(b).ok());
    let doc = dialects(text.as_bytes());
    let first = match parse_strict(&doc, base) {
        Ok(feed) => return convert(&feed, true, None, &Bases::scan(&doc, document)),
        Err(e) => e,
    };
    let repaired = repair(&text);
    let doc = dialects(repaired.as_bytes());
    match parse_strict(&doc, base) {
        Ok(feed) => convert(&feed, false, Some(first), &Bases::scan(&doc, document)),
        Err(_) => ParsedFeed {
            ok: false,
            error: Some(first),
            ..ParsedFeed::default()
        },
    }
}

/// Older spellings of the formats, rewritten to the ones feed-rs reads (the document stays
/// well-formed): Atom 0.3's namespace and element names, RSS 0.90's namespace, Userland's RSS 2
/// namespace, an empty `type=""`, and RSS versions feed-rs does not know (0.93, 0.94, none).
fn dialects(bytes: &[u8]) -> Cow<'_, [u8]> {
    let mut out = Cow::Borrowed(bytes);
    if let Some(fixed) = wild::internal_entities(&out) {
        out = Cow::Owned(fixed);
    }
    if memmem(&out, b"http://purl.org/atom/ns#") {
        let text = ATOM03_NS.replace_all(&out, &b"http://www.w3.org/2005/Atom"[..]);
        let text = ATOM03_NAMES.replace_all(&text, |c: &regex::bytes::Captures<'_>| {
            let new: &[u8] = match &c[3] {
                b"issued" => b"published",
                b"modified" => b"updated",
                b"tagline" => b"subtitle",
                b"copyright" => b"rights",
                _ => b"info",
            };
            let prefix = c.get(2).map_or(&b""[..], |m| m.as_bytes());
            [&c[1], prefix, new].concat()
        });
        out = Cow::Owned(wild::atom03_inline(&text));
    }
    if let Some(fixed) = wild::prefixed_rss(&out) {
        out = Cow::Owned(fixed);
    }
    if memmem(&out, b"<rss") {
        for rewrite in [
            wild::rss_case,
            wild::rss_without_channel,
            wild::naked_descriptions,
        ] {
            if let Some(fixed) = rewrite(&out) {
                out = Cow::Owned(fixed);
            }
        }
    }
    if let Some(fixed) = wild::stand_ins(&out) {
        out = Cow::Owned(fixed);
    }
    if let Some(fixed) = atom_dialect(&out) {
        out = Cow::Owned(fixed);
    }
    if memmem(&out, b"rdf:about") {
        let text = RDF_ITEM.replace_all(&out, |c: &regex::bytes::Captures<'_>| {
            let about = c.get(1).or(c.get(2)).map_or(&b""[..], |m| m.as_bytes());
            [&c[0], b"<link>", about, b"</link>"].concat()
        });
        out = Cow::Owned(text.into_owned());
    }
    if memmem(&out, b"<rss") && (memmem(&out, b"<dc:") || memmem(&out, b"<dcterms:")) {
        let text = RSS_ITEM.replace_all(&out, |c: &regex::bytes::Captures<'_>| dublin_core(&c[0]));
        out = Cow::Owned(text.into_owned());
    }
    for (from, to) in [
        (
            &b"http://my.netscape.com/rdf/simple/0.9/"[..],
            &b"http://purl.org/rss/1.0/"[..],
        ),
        (b"xmlns=\"http://backend.userland.com/rss2\"", b""),
        (b"xmlns=\"http://backend.userland.com/rss\"", b""),
        (b" type=\"\"", b""),
    ] {
        if memmem(&out, from) {
            out = Cow::Owned(replace_all(&out, from, to));
        }
    }
    if let Some(fixed) = fix_rss_version(&out) {
        out = Cow::Owned(fixed);
    }
    // An RSS document without a channel is an empty feed, not an error.
    if memmem(&out, b"<rss") && !memmem(&out, b"<channel") && memmem(&out, b"</rss>") {
        out = Cow::Owned(replace_all(&out, b"</rss>", b"<channel></channel></rss>"));
    }
    out
}

static RSS_ITEM: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r"(?s)<item\b[^>]*>.*?</item>").expect("valid regex")
});

/// Dublin Core stands in for an RSS 2 item's missing fields (`dc:title` for `title`,
/// `dc:description`, `dc:author`, `dcterms:issued`/`dcterms:created` for `pubDate`), which
/// feed-rs reads only in RSS 1.0.
fn dublin_core(item: &[u8]) -> Vec<u8> {
    let mut item = item.to_vec();
    for (standin, field) in [
        (&b"dc:title"[..], &b"title"[..]),
        (b"dc:description", b"description"),
        (b"dc:author", b"author"),
        (b"dcterms:issued", b"pubDate"),
        (b"dcterms:created", b"pubDate"),
    ] {
        let open = [b"<", field].concat();
        if wild::has_element(&item, field) || !memmem(&item, &[b"<", standin].concat()) {
            continue;
        }
        item = replace_all(&item, &[b"<", standin].concat(), &open);
        item = replace_all(&item, &[b"</", standin].concat(), &[b"</", field].concat());
    }
    item
}

/// RSS 1.0 items are identified by `rdf:about`; feed-rs reads only `<link>` (and drops an item
/// without one), so the `rdf:about` is also given as the item's first link.
static RDF_ITEM: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"<(?:[A-Za-z_][\w.-]*:)?item\b[^>]*?\brdf:about\s*=\s*(?:"\s*([^"<>]*)"|'\s*([^'<>]*)')[^>/]*>"#)
        .expect("valid regex")
});

/// Atom in the wild: a `<feed>` root in another (or an old) namespace is read as Atom 1.0, and
/// text constructs and content typed with MIME types (`text/plain`, `application/xhtml+xml`, or
/// for text an unknown one, which would make feed-rs refuse the whole feed) get the Atom 1.0 names.
fn atom_dialect(doc: &[u8]) -> Option<Vec<u8>> {
    let root = FEED_ROOT.captures(doc)?;
    let mut out: Vec<u8> = wild::atom_link_text(doc).unwrap_or_else(|| doc.to_vec());
    if let Some(ns) = root.get(2).or(root.get(3))
        && ns.as_bytes() != b"http://www.w3.org/2005/Atom"
    {
        let ns = ns.as_bytes().to_vec();
        out = replace_all(
            &out,
            &[b"\"", &ns[..], b"\""].concat(),
            b"\"http://www.w3.org/2005/Atom\"",
        );
        out = replace_all(
            &out,
            &[b"'", &ns[..], b"'"].concat(),
            b"'http://www.w3.org/2005/Atom'",
        );
    }
    let out = BASE64_TEXT.replace_all(&out, |c: &regex::bytes::Captures<'_>| {
        let attrs = String::from_utf8_lossy(&c[2]).to_ascii_lowercase();
        let typed_binary = TYPE_ATTR.captures(attrs.as_bytes()).is_some_and(|t| {
            let v = t.get(1).or(t.get(2)).map_or(&b""[..], |m| m.as_bytes());
            !(v.is_empty()
                || v.starts_with(b"text")
                || matches!(v, b"html" | b"xhtml")
                || v.ends_with(b"xml"))
        });
        let encoded = attrs.contains("mode=\"base64\"") || attrs.contains("mode='base64'");
        match (typed_binary || encoded)
            .then(|| base64(&c[3]))
            .flatten()
            .and_then(|b| String::from_utf8(b).ok())
        {
            Some(text) => {
                let mut escaped = String::new();
                push_escaped(&mut escaped, &text);
                [&c[1], b" type=\"text\">", escaped.as_bytes(), &c[4]].concat()
            }
            None => c[0].to_vec(),
        }
    });
    let out = TEXT_TYPE.replace_all(&out, |c: &regex::bytes::Captures<'_>| {
        let value = c[4].to_ascii_lowercase();
        let kind: &[u8] = match value.as_slice() {
            b"text" | b"html" | b"xhtml" => return c[0].to_vec(),
            b"text/plain" => b"text",
            b"text/html" => b"html",
            b"application/xhtml+xml" => b"xhtml",
            // Content may be any media type (an image by `src`); text constructs may not.
            _ if &c[2] == b"content" => return c[0].to_vec(),
            _ => b"text",
        };
        [&c[1], b" type=\"", kind, b"\""].concat()
    });
    Some(wild::xhtml_attributes(&out).unwrap_or_else(|| out.into_owned()))
}

/// An Atom text construct whose content is only base64 characters: `(<title)( attrs)>(…)(</title>)`.
static BASE64_TEXT: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(<(?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|summary|rights|info|tagline|copyright))(\s[^>]*)>([A-Za-z0-9+/=\s]+)(</[^>]+>)",
    )
    .expect("valid regex")
});
static TYPE_ATTR: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"\btype\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid regex")
});

/// Standard base64 (whitespace ignored); `None` when it is not.
fn base64(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in text.iter().filter(|b| !b.is_ascii_whitespace()) {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

static FEED_ROOT: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"^(?s:(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*)<feed\b([^>]*?\bxmlns\s*=\s*(?:"([^"]*)"|'([^']*)'))?"#)
        .expect("valid regex")
});
static TEXT_TYPE: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(<(?:[A-Za-z_][\w.-]*:)?(title|subtitle|summary|rights|content)\b[^>]*?)\s+type\s*=\s*(["'])([^"']*)["']"#)
        .expect("valid regex")
});

static ATOM03_NS: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| regex::bytes::Regex::new(r"http://purl\.org/atom/ns#").expect("valid regex"));
static ATOM03_NAMES: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r"(</?)([A-Za-z_][\w.-]*:)?(issued|modified|tagline|copyright)\b")
        .expect("valid regex")
});

fn memmem(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

pub(super) fn replace_all(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut last = 0;
    for at in memchr::memmem::find_iter(haystack, from) {
        out.extend_from_slice(&haystack[last..at]);
        out.extend_from_slice(to);
        last = at + from.len();
    }
    out.extend_from_slice(&haystack[last..]);
    out
}

fn parser(base: Option<&str>) -> feed_rs::parser::Parser {
    feed_rs::parser::Builder::new()
        .base_uri(base)
        // No made-up ids: an empty id is replaced by a stable key in `convert`.
        .id_generator(|_, _, _| String::new())
        .build()
}

fn parse_strict(bytes: &[u8], base: Option<&str>) -> Result<feed_rs::model::Feed, String> {
    // A panic inside the parser on hostile input must not take the poller down.
    std::panic::catch_unwind(|| parser(base).parse(bytes))
        .map_err(|_| "the feed parser failed on this document".to_string())?
        .map_err(|e| e.to_string())
}

fn convert(
    feed: &feed_rs::model::Feed,
    ok: bool,
    error: Option<String>,
    bases: &Bases,
) -> ParsedFeed {
    // Entry bases are matched to entries by position: only when feed-rs kept every entry.
    let entry_bases = (bases.entries.len() == feed.entries.len()).then_some(&bases.entries);
    let entries = feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let base = |field: &str| {
                entry_bases
                    .and_then(|b| b[i].get(field))
                    .or(bases.document.as_ref())
            };
            // An RSS guid that is a web link is the entry's permalink when it has no <link>.
            let link = main_link(&e.links).or_else(|| {
                let id = e.id.trim();
                (id.starts_with("http://") || id.starts_with("https://")).then(|| id.to_string())
            });
            // Media RSS (and iTunes) titles and descriptions stand in for missing ones.
            let media_title = e.media.iter().find_map(|m| m.title.as_ref());
            let media_description = e.media.iter().find_map(|m| m.description.as_ref());
            let raw_title = e.title.as_ref().or(media_title);
            let title = raw_title.map(|t| Value::of(t, base("title")));
            let content = || {
                let c = e.content.as_ref()?;
                let html = matches!(
                    c.content_type.subty().as_str(),
                    "html" | "xhtml" | "xhtml+xml"
                );
                Some(Value::from_parts(c.body.as_deref()?, html, base("content")))
            };
            let summary = e
                .summary
                .as_ref()
                .map(|t| Value::of(t, base("summary")))
                .or_else(content)
                .or_else(|| media_description.map(|t| Value::of(t, base("summary"))));
            let published = e.published.or(e.updated);
            let article_url = link
                .as_deref()
                .and_then(|l| ArticleUrl::parse(l).ok())
                .map(|u| u.to_string());
            let title_text = title.as_ref().map(Value::text).filter(|t| !t.is_empty());
            // The title as written, as keys have always been made (a key must not change).
            let key = stable_key(
                &e.id,
                article_url.as_deref(),
                raw_title.map(|t| demoronize(&t.content)).as_deref(),
                published,
            );
            ParsedEntry {
                key,
                link,
                title: title.map(|t| t.value),
                title_text,
                summary: summary.map(|t| t.value),
                published,
                author: e.authors.first().and_then(person),
                article_url,
            }
        })
        .collect();
    let title = feed
        .title
        .as_ref()
        .map(|t| Value::of(t, bases.feed.get("title").or(bases.document.as_ref())));
    ParsedFeed {
        ok,
        error,
        title_text: title.as_ref().map(Value::text).filter(|t| !t.is_empty()),
        title: title.map(|t| t.value),
        link: main_link(&feed.links),
        entries,
    }
}

/// A text field as output: sanitised HTML, or text as written.
struct Value {
    value: String,
    html: bool,
}

impl Value {
    fn of(text: &feed_rs::model::Text, base: Option<&Url>) -> Value {
        let html = matches!(
            text.content_type.subty().as_str(),
            "html" | "xhtml" | "xhtml+xml"
        );
        Value::from_parts(&text.content, html, base)
    }

    fn from_parts(content: &str, html: bool, base: Option<&Url>) -> Value {
        let value = if html {
            demoronize(&super::sanitize_html(content, base))
        } else {
            demoronize(content)
        };
        Value { value, html }
    }

    fn text(&self) -> String {
        if self.html {
            super::html_to_text(&self.value)
        } else {
            self.value.split_whitespace().collect::<Vec<_>>().join(" ")
        }
    }
}

/// Where relative URLs in a feed's markup point: the `xml:base` in force at each text field
/// (feed-rs resolves links against it, but not the URLs inside HTML), else the document's URL.
#[derive(Debug, Default)]
struct Bases {
    document: Option<Url>,
    /// Feed-level fields (`title`) outside any entry.
    feed: HashMap<&'static str, Url>,
    /// Per entry/item in document order: field → base.
    entries: Vec<HashMap<&'static str, Url>>,
}

impl Bases {
    fn scan(doc: &[u8], document: Option<Url>) -> Bases {
        let mut bases = Bases {
            document,
            ..Bases::default()
        };
        if !memmem(doc, b"xml:base") {
            return bases;
        }
        let mut reader = quick_xml::Reader::from_reader(doc);
        reader.config_mut().check_end_names = false;
        // The base in force inside each open element.
        let mut stack: Vec<Option<Url>> = Vec::new();
        let mut in_entry = false;
        loop {
            let (start, empty) = match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e)) => (e, false),
                Ok(quick_xml::events::Event::Empty(e)) => (e, true),
                Ok(quick_xml::events::Event::End(e)) => {
                    stack.pop();
                    if matches!(e.local_name().into_inner(), "entry" | "item") {
                        in_entry = false;
                    }
                    continue;
                }
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let parent = stack.last().cloned().flatten().or(bases.document.clone());
            let declared = start
                .attributes()
                .flatten()
                .find(|a| a.key.into_inner() == "xml:base")
                .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                .map(|v| v.trim().to_string());
            let here = match declared {
                Some(v) => match &parent {
                    Some(p) => p.join(&v).ok(),
                    None => Url::parse(&v).ok(),
                },
                None => parent,
            };
            let name = start.local_name().into_inner();
            if matches!(name, "entry" | "item") && !empty {
                in_entry = true;
                bases.entries.push(HashMap::new());
            }
            let field = match name {
                "title" => Some("title"),
                "summary" | "description" => Some("summary"),
                "content" | "encoded" => Some("content"),
                _ => None,
            };
            if let (Some(field), Some(url)) = (field, &here) {
                let fields = match bases.entries.last_mut() {
                    Some(fields) if in_entry => fields,
                    _ => &mut bases.feed,
                };
                fields.entry(field).or_insert_with(|| url.clone());
            }
            if !empty {
                stack.push(here);
            }
        }
        bases
    }
}

/// "name (email)" when both are given (as feedparser writes it), else whichever is.
fn person(p: &feed_rs::model::Person) -> Option<String> {
    let name = p.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let email = p.email.as_deref().map(str::trim).filter(|e| !e.is_empty());
    match (name, email) {
        (Some(name), Some(email)) if name != email => Some(format!("{name} ({email})")),
        (Some(name), _) => Some(name.to_string()),
        (None, email) => email.map(str::to_string),
    }
    .filter(|n| n != "unknown")
}

/// The `rel="alternate"` link (or one without a rel), else the first; links without an href
/// do not count.
fn main_link(links: &[feed_rs::model::Link]) -> Option<String> {
    let mut with_href = links.iter().filter(|l| !l.href.trim().is_empty());
    let first = with_href.clone().next();
    with_href
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(first)
        .map(|l| l.href.trim().to_string())
}

/// C1 control characters in text are almost always Windows-1252 punctuation read as Latin-1
/// (`don\u{92}t`): show them as the characters meant (`don’t`).
fn demoronize(s: &str) -> String {
    if !s.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if ('\u{80}'..='\u{9f}').contains(&c) {
                let byte = [c as u32 as u8];
                let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
                decoded.chars().next().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// guid/id as written (trimmed), else the normalised link, else a hash of title and date.
pub fn stable_key(
    id: &str,
    link: Option<&str>,
    title: Option<&str>,
    published: Option<DateTime<Utc>>,
) -> String {
    let id = id.trim();
    if !id.is_empty() {
        return id.to_string();
    }
    if let Some(link) = link {
        return link.to_string();
    }
    let mut hasher = Sha256::new();
    hasher.update(title.unwrap_or("").trim().as_bytes());
    hasher.update(b"\n");
    if let Some(t) = published {
        hasher.update(t.timestamp().to_string().as_bytes());
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

/// Best-effort repair of a (decoded) document feed-rs refused; see the module docs.
fn repair(text: &str) -> String {
    close_truncated(&fix_references(text))
}

/// Decode under the BOM, else the XML declaration's encoding, else as UTF-8 when valid, else
/// by detection.
fn decode(bytes: &[u8]) -> String {
    use encoding_rs::Encoding;
    // UTF-32 (encoding_rs has none), with a BOM or starting with `<`; before the UTF-16 BOM
    // check, which a UTF-32LE BOM also matches.
    match bytes {
        [0, 0, 0xfe, 0xff, ..] | [0, 0, 0, b'<', ..] => return utf32(bytes, u32::from_be_bytes),
        [0xff, 0xfe, 0, 0, ..] | [b'<', 0, 0, 0, ..] => return utf32(bytes, u32::from_le_bytes),
        _ => {}
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc.decode(bytes).0.into_owned();
    }
    // UTF-16 without a BOM still starts with `<` (XML 1.0, appendix F).
    match bytes {
        [0, b'<', 0, _, ..] => return encoding_rs::UTF_16BE.decode(bytes).0.into_owned(),
        [b'<', 0, _, 0, ..] => return encoding_rs::UTF_16LE.decode(bytes).0.into_owned(),
        _ => {}
    }
    let declared = declared_encoding(bytes).and_then(|l| Encoding::for_label(l.as_bytes()));
    if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8)
        && let (text, _, false) = enc.decode(bytes)
    {
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        // Declared UTF-8 and mostly so: a stray byte is one unknown character, not a reason to
        // guess another encoding for the whole document.
        Err(_) if declared == Some(encoding_rs::UTF_8) && mostly_utf8(bytes) => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        Err(_) => crate::extract::charset::decode_text(bytes),
    }
}

/// At most one invalid sequence per 100 non-ASCII bytes, and at least as many valid multi-byte
/// characters as invalid sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    invalid <= valid && invalid * 100 <= non_ascii.max(100)
}

fn utf32(bytes: &[u8], word: fn([u8; 4]) -> u32) -> String {
    bytes
        .chunks_exact(4)
        .map(|c| word([c[0], c[1], c[2], c[3]]))
        .map(|u| char::from_u32(u).unwrap_or('\u{fffd}'))
        .filter(|c| *c != '\u{feff}')
        .collect()
}

/// The `encoding="…"` of an XML declaration at the start.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + 8..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// The text is UTF-8 now: drop the declaration's encoding so the parser does not re-decode it.
fn declare_utf8(text: &str) -> String {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("<?xml")
        && let Some(end) = start.find("?>")
    {
        return format!("<?xml version=\"1.0\"?>{}", &start[end + 2..]);
    }
    start.to_string()
}

/// The five XML entities stay; other named references (HTML's `&nbsp;`, `&eacute;`…) become
/// characters; a `&` that starts no reference is escaped.
fn fix_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let name_len = after
            .bytes()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        let terminated = after.as_bytes().get(name_len) == Some(&b';');
        let name = &after[..name_len];
        if terminated && name_len > 0 {
            if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") || name.starts_with('#') {
                out.push('&');
                out.push_str(name);
                out.push(';');
            } else {
                let reference = format!("&{name};");
                let decoded = crate::extract::entities::decode(&reference);
                if decoded == reference {
                    out.push_str("&amp;");
                    out.push_str(name);
                    out.push(';');
                } else {
                    push_escaped(&mut out, &decoded);
                }
            }
            rest = &after[name_len + 1..];
        } else {
            out.push_str("&amp;");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
}

/// `<rss version="0.93">` (or none): feed-rs knows only 0.91, 0.92 and 2.0; the others read as
/// 2.0. `None` when nothing needs changing.
fn fix_rss_version(doc: &[u8]) -> Option<Vec<u8>> {
    let at = memchr::memmem::find(doc, b"<rss")?;
    if !doc
        .get(at + 4)
        .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
    {
        return None;
    }
    let end = at + memchr::memchr(b'>', &doc[at..])?;
    let tag = &doc[at..end];
    let version = RSS_VERSION.captures(tag);
    let value = version.as_ref().and_then(|c| c.get(1).or(c.get(2)));
    if value.is_some_and(|v| matches!(v.as_bytes(), b"2.0" | b"0.91" | b"0.92" | b"")) {
        return None;
    }
    let mut out = Vec::with_capacity(doc.len() + 16);
    out.extend_from_slice(&doc[..at]);
    match version.and_then(|c| c.get(0)) {
        Some(whole) => {
            out.extend_from_slice(&tag[..whole.start()]);
            out.extend_from_slice(b"version=\"2.0\"");
            out.extend_from_slice(&tag[whole.end()..]);
        }
        None => {
            out.extend_from_slice(b"<rss version=\"2.0\"");
            out.extend_from_slice(&tag[4..]);
        }
    }
    out.extend_from_slice(&doc[end..]);
    Some(out)
}

static RSS_VERSION: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"\bversion\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid regex")
});

/// A document cut off mid-way: keep it up to its last whole entry and close what is open.
fn close_truncated(text: &str) -> String {
    let trimmed = text.trim_end();
    for (root, close_item, closing) in [
        ("<rss", "</item>", "</channel></rss>"),
        ("<rdf:RDF", "</item>", "</rdf:RDF>"),
        ("<feed", "</entry>", "</feed>"),
    ] {
        if text.contains(root) {
            let root_close = format!("</{}", &root[1..]);
            if trimmed.contains(&root_close) {
                return text.to_string();
            }
            if let Some(last) = text.rfind(close_item) {
                return format!("{}{closing}", &text[..last + close_item.len()]);
            }
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_guid_else_link_else_hash() {
        assert_eq!(stable_key(" g1 ", Some("https://a/x"), None, None), "g1");
        assert_eq!(
            stable_key("", Some("https://a/x"), None, None),
            "https://a/x"
        );
        let a = stable_key("", None, Some("Title"), None);
        assert!(a.starts_with("sha256:"), "{a}");
        assert_eq!(a, stable_key("", None, Some("Title"), None));
        assert_ne!(a, stable_key("", None, Some("Other"), None));
    }

    #[test]
    fn entries_without_ids_keep_their_keys_across_parses() {
        let rss = br#"<rss version="2.0"><channel><title>T</title>
            <item><title>One</title><link>https://example.com/a?utm_source=x</link></item>
            <item><title>Two</title></item></channel></rss>"#;
        let a = parse(rss, None);
        let b = parse(rss, None);
        assert!(a.ok);
        assert_eq!(a.entries[0].key, "https://example.com/a");
        assert_eq!(a, b);
    }

    #[test]
    fn a_broken_feed_still_yields_its_entries() {
        let rss = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"0.93\"><channel>\
            <title>Caf&eacute; &nbsp;news & more</title>\
            <item><title>One</title><link>https://example.com/1</link></item>\
            <item><title>Tw";
        let feed = parse(rss.as_bytes(), None);
        assert!(!feed.ok);
        assert!(feed.error.is_some());
        assert_eq!(feed.title.as_deref(), Some("Café \u{a0}news & more"));
        assert_eq!(feed.entries.len(), 1);
    }

    #[test]
    fn older_spellings_are_read() {
        let atom03 = br#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="base64">
            RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title><entry><title type="text/plain">One</title>
            <issued>2004-01-01T19:48:21Z</issued><id>x1</id></entry></feed>"#;
        let feed = parse(atom03, None);
        assert!(feed.ok, "{:?}", feed.error);
        assert_eq!(feed.title.as_deref(), Some("Example <b>Atom</b>"));
        assert_eq!(feed.entries[0].title.as_deref(), Some("One"));
        assert!(feed.entries[0].published.is_some());
        let rss = br#"<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item>
            <dc:title>Example title</dc:title><guid>http://example.com/1</guid></item></channel></rss>"#;
        let feed = parse(rss, None);
        assert_eq!(feed.entries[0].title.as_deref(), Some("Example title"));
        assert_eq!(
            feed.entries[0].link.as_deref(),
            Some("http://example.com/1")
        );
        let rdf = br#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
            xmlns="http://purl.org/rss/1.0/"><item rdf:about="http://example.org/1"><title>T</title></item></rdf:RDF>"#;
        assert_eq!(parse(rdf, None).entries[0].key, "http://example.org/1");
    }

    #[test]
    fn json_feed_is_read() {
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
            "home_page_url": "https://example.com/", "items": [{"id": "1",
            "url": "https://example.com/a", "title": "A", "content_text": "x",
            "date_published": "2026-01-01T00:00:00Z", "authors": [{"name": "Ann"}]}]}"#;
        let feed = parse(json, None);
        assert!(feed.ok, "{:?}", feed.error);
        assert_eq!(feed.title.as_deref(), Some("J"));
        let e = &feed.entries[0];
        assert_eq!(
            (e.key.as_str(), e.link.as_deref()),
            ("1", Some("https://example.com/a"))
        );
        assert_eq!(e.author.as_deref(), Some("Ann"));
        assert_eq!(
            e.published.unwrap().to_rfc3339(),
            "2026-01-01T00:00:00+00:00"
        );
    }

    #[test]
    fn utf32_is_decoded() {
        let doc = "\u{feff}<rss version=\"2.0\"><channel><title>Zw\u{f6}lf</title></channel></rss>";
        let be: Vec<u8> = doc.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        let le: Vec<u8> = doc.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        for bytes in [be, le] {
            assert_eq!(parse(&bytes, None).title.as_deref(), Some("Zw\u{f6}lf"));
        }
    }

    #[test]
    fn base64_decodes() {
        assert_eq!(base64(b"aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(base64(b"not base64!"), None);
    }

    #[test]
    fn html_is_sanitised_and_shown_as_text() {
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/a/">
            <title type="html">Q&amp;amp;A &lt;b&gt;news&lt;/b&gt;</title>
            <entry><id>1</id><title type="html">One &lt;script&gt;x()&lt;/script&gt;</title>
            <author><name>Ann</name><email>ann@example.com</email></author>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p onclick="x()">
            <a href="b.html" title="&quot;q&quot;">b</a></p></div></content></entry></feed>"#;
        let feed = parse(atom, None);
        assert!(feed.ok, "{:?}", feed.error);
        assert_eq!(feed.title.as_deref(), Some("Q&amp;A <b>news</b>"));
        assert_eq!(feed.title_text.as_deref(), Some("Q&A news"));
        let e = &feed.entries[0];
        assert_eq!(e.title.as_deref(), Some("One "));
        assert_eq!(e.title_text.as_deref(), Some("One"));
        assert_eq!(e.author.as_deref(), Some("Ann (ann@example.com)"));
        assert_eq!(
            e.summary.as_deref().map(str::trim),
            Some(
                "<p>\n            <a href=\"http://example.com/a/b.html\" title=\"&quot;q&quot;\">b</a></p>"
            )
        );
    }

    /// Pieces of feeds that switch the rewrites on (`wild`, `dialects`) and the tokens that can
    /// cut them off half-way.
    const FEED_TOKENS: &[&str] = &[
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE rss [<!ENTITY e \"v\">]>",
        "&e;",
        "<rss>",
        "<RSS version=\"0.93\">",
        "</rss>",
        "<r:rss xmlns:r=\"http://backend.userland.com/rss2\">",
        "<r:item>",
        "<channel>",
        "</channel>",
        "<item>",
        "</item>",
        "<TiTlE>",
        "</title>",
        "<description>",
        "<p>",
        "</description>",
        "<![CDATA[",
        "]]>",
        "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\" xml:base=\"http://a/\">",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        "</feed>",
        "<entry>",
        "</entry>",
        "<title type=\"xhtml\">",
        "<summary type=\"application/xhtml+xml\" mode=\"xml\">",
        "<div xmlns=\"http://www.w3.org/1999/xhtml\">",
        "</div>",
        "<a title='\"' href=\"&quot;\">",
        "<link rel=\"alternate\">",
        "http://example.com/",
        "</link>",
        "<media:group>",
        "<media:description>",
        "</media:description>",
        "<itunes:author>",
        "</itunes:author>",
        "<dc:title>",
        "</dc:title>",
        "xml:base=\"",
        "\"",
        "'",
        ">",
        "<",
        "/>",
        "&",
        "text",
        "\u{92}",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(256))]
        #[test]
        fn no_document_makes_parsing_panic(
            pieces in proptest::collection::vec(proptest::sample::select(FEED_TOKENS), 0..60)
        ) {
            let doc = pieces.concat();
            let _ = parse(doc.as_bytes(), Some("http://example.com/feed"));
            let _ = parse(&doc.as_bytes()[..doc.len() / 2], None);
        }
    }

    #[test]
    fn garbage_is_no_feed() {
        let feed = parse(b"hello", None);
        assert!(!feed.ok && !feed.is_feed());
    }
}
