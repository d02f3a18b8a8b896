//! Page metadata: title, authors, publication date, site, language and canonical URL.
//!
//! Sources in order of trust: JSON-LD (`NewsArticle` and kin), OpenGraph and other `<meta>`
//! tags, then the markup itself (`<h1>`, `<time>`, `rel=author`, "By …" bylines) and finally
//! the URL.

use super::date;
use super::dom::{Doc, Tag};
use super::entities;
use aho_corasick::AhoCorasick;
use serde_json::Value;
use std::sync::LazyLock;

/// Metadata found on a page.
#[derive(Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub language: Option<String>,
    pub canonical_url: Option<String>,
}

/// What JSON-LD says about the article.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
}

/// Everything gathered in one walk over the nodes.
#[derive(Default)]
struct Found<'a> {
    /// `(lowercase key, raw content)` of `<meta>` tags, keyed by property, name or itemprop.
    metas: Vec<(String, &'a str)>,
    title: Option<String>,
    h1: Option<String>,
    lang: Option<&'a str>,
    canonical: Option<&'a str>,
    rel_author: Option<String>,
    byline_el: Option<String>,
    times: Vec<(bool, &'a str)>,
    ld: Vec<String>,
}

pub fn extract(doc: &Doc, url: Option<&str>) -> Meta {
    let f = gather(doc);
    let ld = linked_data(&f.ld);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            f.metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| clean(&entities::decode(v)))
        })
    };

    let site = meta(&["og:site_name"])
        .or_else(|| ld.publisher.clone())
        .or_else(|| meta(&["application-name", "twitter:site"]).filter(|s| !s.starts_with('@')))
        .map(|s| site_name(&s))
        .filter(|s| !s.is_empty());

    let title = meta(&["og:title", "twitter:title"])
        .map(|t| strip_site(&t, site.as_deref(), false))
        .or_else(|| ld.headline.clone())
        .or_else(|| f.h1.clone())
        .or_else(|| {
            f.title
                .as_deref()
                .map(|t| strip_site(t, site.as_deref(), true))
        })
        .filter(|t| !t.is_empty());

    let byline = if !ld.authors.is_empty() {
        Some(ld.authors.join(", "))
    } else {
        meta(&[
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "sailthru.author",
            "parsely-author",
        ])
        .filter(|a| !looks_like_url(a))
        .or_else(|| f.rel_author.clone())
        .or_else(|| f.byline_el.clone())
    }
    .map(|b| clean_byline(&b))
    .filter(|b| !b.is_empty());

    let published = ld
        .published
        .as_deref()
        .and_then(date::normalize)
        .or_else(|| {
            [
                "article:published_time",
                "og:published_time",
                "datepublished",
                "published_time",
                "article.published",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "original-publish-date",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "citation_publication_date",
                "date",
            ]
            .iter()
            .find_map(|k| {
                f.metas
                    .iter()
                    .filter(|(key, _)| key == k)
                    .find_map(|(_, v)| date::normalize(v))
            })
        })
        .or_else(|| {
            let mut times = f.times.iter();
            times
                .clone()
                .filter(|(preferred, _)| *preferred)
                .chain(times.by_ref())
                .find_map(|(_, v)| date::normalize(v))
        });

    let language = f
        .lang
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .or_else(|| meta(&["og:locale", "content-language", "language", "dc.language"]))
        .or(ld.language)
        .map(|l| l.replace('_', "-"))
        .filter(|l| l.len() <= 35 && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'));

    let canonical_url = f
        .canonical
        .map(|h| entities::decode(h).trim().to_string())
        .or_else(|| meta(&["og:url"]))
        .and_then(|h| absolute(&h, url));

    let published = published.or_else(|| canonical_url.as_deref().or(url).and_then(date::from_url));

    Meta {
        title,
        byline,
        published,
        site,
        language,
        canonical_url,
    }
}

fn gather<'a>(doc: &Doc<'a>) -> Found<'a> {
    let mut f = Found::default();
    for (i, node) in doc.nodes.iter().enumerate() {
        match node.tag {
            Tag::Html if f.lang.is_none() => f.lang = doc.attr(i, "lang"),
            Tag::Meta => {
                let content = doc.attr(i, "content").unwrap_or("");
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(k) = doc.attr(i, key) {
                        f.metas.push((k.trim().to_ascii_lowercase(), content));
                    }
                }
                if let (Some(_), Some(dt)) = (doc.attr(i, "itemprop"), doc.attr(i, "datetime")) {
                    f.metas.push(("datepublished".into(), dt));
                }
            }
            Tag::Link => {
                let rel = doc.attr(i, "rel").unwrap_or("");
                if f.canonical.is_none() && rel.eq_ignore_ascii_case("canonical") {
                    f.canonical = doc.attr(i, "href");
                }
            }
            Tag::Title if f.title.is_none() => {
                f.title = Some(doc.text_of(i)).filter(|t| !t.is_empty());
            }
            Tag::H(1) if f.h1.is_none() => {
                f.h1 = Some(doc.text_of(i)).filter(|t| !t.is_empty());
            }
            Tag::Script => {
                let is_ld = doc
                    .attr(i, "type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                if is_ld {
                    f.ld.push(doc.text_of(i));
                }
            }
            Tag::Time => {
                if let Some(dt) = doc.attr(i, "datetime") {
                    let preferred = doc.attr(i, "pubdate").is_some()
                        || doc
                            .attr(i, "itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
                    f.times.push((preferred, dt));
                }
            }
            Tag::A
                if f.rel_author.is_none()
                    && doc.attr(i, "rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("author"))
                    }) =>
            {
                f.rel_author = Some(doc.text_of(i)).filter(|t| plausible_name(t));
            }
            _ => {}
        }
        // Small elements only: a byline is a line, and big wrappers would make this quadratic.
        if node.tag != Tag::Text
            && node.tag != Tag::Meta
            && f.byline_el.is_none()
            && (node.end as usize) < i + 64
        {
            let marks_byline = doc.attrs_of(i).iter().any(|(k, v)| {
                ["class", "id", "itemprop", "rel"]
                    .iter()
                    .any(|a| k.eq_ignore_ascii_case(a))
                    && (v.eq_ignore_ascii_case("author") || BYLINE.is_match(v))
            });
            if marks_byline {
                let t = doc.text_of(i);
                if plausible_name(strip_by(&t)) {
                    f.byline_el = Some(t);
                }
            }
        }
    }
    f
}

/// Class names of elements holding the byline.
static BYLINE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["byline", "author-name", "authorname"])
        .expect("static patterns build")
});

fn plausible_name(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.chars().count() <= 80
        && t.chars().any(char::is_alphabetic)
        && !looks_like_url(t)
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.contains('/')
}

/// Collapse whitespace.
/// A site name some pages give as their address (`https://www.example.com/`): shown as the host.
fn site_name(s: &str) -> String {
    match s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        Some(rest) => rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or(rest)
            .to_string(),
        None => s.to_string(),
    }
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_by(s: &str) -> &str {
    let t = s.trim();
    for p in [
        "written by",
        "posted by",
        "words by",
        "by:",
        "by",
        "von",
        "por",
        "par",
    ] {
        if t.len() > p.len()
            && t.is_char_boundary(p.len())
            && t[..p.len()].eq_ignore_ascii_case(p)
            && (p.ends_with(':') || t[p.len()..].starts_with(char::is_whitespace))
        {
            return t[p.len()..].trim_start();
        }
    }
    t
}

/// "By Jane Doe and John Roe" → "Jane Doe, John Roe".
pub fn clean_byline(s: &str) -> String {
    let s = clean(s);
    let s = strip_by(&s);
    let s = s.replace(" and ", ", ").replace(" & ", ", ");
    let mut names: Vec<String> = Vec::new();
    for part in s.split(',') {
        let p = strip_by(part)
            .trim()
            .trim_end_matches(['|', '-', '·', '—'])
            .trim();
        if !p.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(p)) {
            names.push(p.to_string());
        }
    }
    names.join(", ")
}

/// "Headline | Site" → "Headline". For `<title>` a short last segment is dropped even when it
/// does not name the site; `og:title` loses only a suffix naming the site.
fn strip_site(title: &str, site: Option<&str>, loose: bool) -> String {
    let t = clean(title);
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · ", " • "] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (t[..pos].trim(), t[pos + sep.len()..].trim());
            let names_site = site.is_some_and(|s| {
                let (s, tail) = (s.to_lowercase(), tail.to_lowercase());
                !s.is_empty() && (tail.contains(&s) || s.contains(&tail))
            });
            let short_tail =
                tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
            if names_site || (loose && short_tail) {
                return head.to_string();
            }
        }
    }
    t
}

fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    if href.is_empty() {
        return None;
    }
    if let Ok(u) = url::Url::parse(href) {
        return matches!(u.scheme(), "http" | "https").then(|| u.to_string());
    }
    let base = url::Url::parse(base?).ok()?;
    base.join(href)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string())
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "Review",
    "SocialMediaPosting",
];

fn linked_data(scripts: &[String]) -> LinkedData {
    let mut parsed = Vec::new();
    for s in scripts {
        // Some pages wrap JSON-LD in CDATA or HTML comments.
        let s = s
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>");
        if let Ok(v) = serde_json::from_str::<Value>(s) {
            parsed.push(v);
        }
    }
    let mut objects = Vec::new();
    for v in &parsed {
        collect(v, &mut objects, 0);
    }
    let is_article = |o: &Value| types(o).iter().any(|t| ARTICLE_TYPES.contains(t));
    let Some(article) = objects
        .iter()
        .find(|o| is_article(o))
        .or_else(|| objects.iter().find(|o| o.get("headline").is_some()))
    else {
        return LinkedData::default();
    };
    let mut authors = Vec::new();
    if let Some(a) = article.get("author").or_else(|| article.get("creator")) {
        names(a, &mut authors);
    }
    authors.retain(|a| plausible_name(a));
    LinkedData {
        headline: str_of(article.get("headline")).or_else(|| str_of(article.get("name"))),
        authors,
        published: str_of(article.get("datePublished"))
            .or_else(|| str_of(article.get("dateCreated"))),
        publisher: article.get("publisher").and_then(|p| {
            let mut n = Vec::new();
            names(p, &mut n);
            n.into_iter().next()
        }),
        language: str_of(article.get("inLanguage")),
    }
}

fn collect<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect(i, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                collect(g, out, depth + 1);
            }
            if let Some(m) = o.get("mainEntity") {
                collect(m, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(clean(&entities::decode(s))).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let s = clean(&entities::decode(s));
            if !s.is_empty() && !out.contains(&s) {
                out.push(s);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names(x, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names(n, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dom::parse;

    #[test]
    fn a_site_named_by_its_address_shows_the_host() {
        let html = r#"<html><head><meta property="og:site_name" content="https://www.coastnews.example/">
            <title>Tide</title></head><body></body></html>"#;
        let m = extract(&parse(html), None);
        assert_eq!(m.site.as_deref(), Some("www.coastnews.example"));
        assert_eq!(site_name("Coast News"), "Coast News");
    }

    #[test]
    fn json_ld_wins() {
        let html = r#"<html lang="en-GB"><head><title>Other | Site</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":"NewsArticle","headline":"Real headline","datePublished":"2024-05-06T07:08:09+02:00",
               "author":[{"@type":"Person","name":"Ana Silva"},{"@type":"Person","name":"Bo Chen"}],
               "publisher":{"@type":"Organization","name":"The Site"}}]}</script>
            <link rel="canonical" href="/news/real"></head><body><h1>H1 title</h1></body></html>"#;
        let m = extract(&parse(html), Some("https://example.com/x?y=1"));
        assert_eq!(m.title.as_deref(), Some("Real headline"));
        assert_eq!(m.byline.as_deref(), Some("Ana Silva, Bo Chen"));
        assert_eq!(m.published.as_deref(), Some("2024-05-06T07:08:09+02:00"));
        assert_eq!(m.site.as_deref(), Some("The Site"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://example.com/news/real")
        );
    }

    #[test]
    fn meta_tags_and_markup() {
        let html = r#"<html><head><title>A story here today - Daily Planet</title>
            <meta property="og:locale" content="en_US"><meta name="author" content="https://facebook.com/x">
            <meta property="og:url" content="https://dp.example/story"></head>
            <body><div class="byline">By Clark Kent</div><time datetime="0001-01-01">x</time>
            <time datetime="2023-02-03">Feb 3</time></body></html>"#;
        let m = extract(&parse(html), None);
        assert_eq!(m.title.as_deref(), Some("A story here today"));
        assert_eq!(m.byline.as_deref(), Some("Clark Kent"));
        assert_eq!(m.published.as_deref(), Some("2023-02-03"));
        assert_eq!(m.language.as_deref(), Some("en-US"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://dp.example/story"));
    }

    #[test]
    fn url_date_is_the_last_resort() {
        let m = extract(&parse("<p>x</p>"), Some("https://e.example/2021/07/08/a"));
        assert_eq!(m.published.as_deref(), Some("2021-07-08"));
        assert_eq!(m.canonical_url, None);
    }

    #[test]
    fn byline_cleanup() {
        assert_eq!(
            clean_byline("By  Jane Doe and John Roe"),
            "Jane Doe, John Roe"
        );
        assert_eq!(clean_byline("BY: A. Writer"), "A. Writer");
    }
}
