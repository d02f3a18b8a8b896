//! Feeds as they are found in the wild, rewritten (as bytes, before parsing) into documents
//! feed-rs reads the way a reader expects. Each rewrite keeps a well-formed document
//! well-formed and does nothing to a document that does not need it.
//!
//! * [`internal_entities`]: entities declared in the document's own DOCTYPE are expanded.
//! * [`prefixed_rss`]: RSS 2 written with a namespace prefix (`<r:rss xmlns:r="…userland…">`).
//! * [`rss_case`]: RSS core element names in other cases (`<TiTlE>`), which iTunes accepts.
//! * [`rss_without_channel`]: items put straight under `<rss>`.
//! * [`naked_descriptions`]: an RSS description holding unescaped markup.
//! * [`atom03_inline`]: Atom 0.3 inline XML content (its default mode), which is markup
//!   as it stands, wrapper `div` included (Atom 1.0's wrapper `div` did not exist yet).
//! * [`xhtml_attributes`]: attribute values inside XHTML content escaped once more, since
//!   feed-rs writes them back unescaped (`title="&quot;x&quot;"` would come out as `title=""x""`).
//! * [`atom_link_text`]: an Atom link whose URL is its text rather than its `href`.
//! * [`stand_ins`]: elements of other vocabularies (iTunes, Media RSS, Dublin Core) copied in
//!   as the title, description or author an entry or channel lacks.

use regex::bytes::{Captures, Regex};
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// `<!ENTITY name "value">` declarations of the internal subset, expanded once where they are
/// used (`&name;`). Only plain values (no markup, no references) are expanded, so expansion
/// cannot grow the document beyond one copy per use.
pub fn internal_entities(doc: &[u8]) -> Option<Vec<u8>> {
    static DOCTYPE: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)<!DOCTYPE[^\[>]*\[(.*?)\]\s*>"));
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
        re(r#"<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"<&%]*)"|'([^'<&%]*)')\s*>"#)
    });
    let doctype = DOCTYPE.captures(&doc[..doc.len().min(4096)])?;
    let whole = doctype.get(0)?;
    let entities: Vec<(Vec<u8>, &[u8])> = ENTITY
        .captures_iter(&doctype[1])
        .filter_map(|c| {
            let value = c.get(2).or(c.get(3))?.as_bytes();
            Some(([b"&", &c[1], b";"].concat(), value))
        })
        .collect();
    if entities.is_empty() {
        return None;
    }
    let mut rest = doc[whole.end()..].to_vec();
    for (reference, value) in &entities {
        rest = super::parse::replace_all(&rest, reference, value);
    }
    Some([&doc[..whole.start()], &rest[..]].concat())
}

/// `<r:rss xmlns:r="http://backend.userland.com/rss2">`: the prefix is dropped from the RSS
/// elements (module elements keep theirs).
pub fn prefixed_rss(doc: &[u8]) -> Option<Vec<u8>> {
    static ROOT: LazyLock<Regex> = LazyLock::new(|| re(r"<([A-Za-z_][\w.-]*):rss\b"));
    let prefix = ROOT.captures(doc)?.get(1)?.as_bytes().to_vec();
    let declaration = LazyLock::force(&USERLAND_PREFIX);
    let declared = declaration.captures_iter(doc).any(|c| c[1] == prefix[..]);
    if !declared {
        return None;
    }
    let mut out = super::parse::replace_all(doc, &[b"<", &prefix[..], b":"].concat(), b"<");
    out = super::parse::replace_all(&out, &[b"</", &prefix[..], b":"].concat(), b"</");
    let out = declaration.replace_all(&out, |c: &Captures<'_>| {
        if c[1] == prefix[..] {
            Vec::new()
        } else {
            c[0].to_vec()
        }
    });
    Some(out.into_owned())
}

static USERLAND_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*["']http://backend\.userland\.com/rss2?["']"#)
});

/// RSS core elements spelled in another case (`<TiTlE>`) get their own names back.
pub fn rss_case(doc: &[u8]) -> Option<Vec<u8>> {
    static CORE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(</?)(channel|item|title|link|description|guid|pubdate|author|category|comments|enclosure|language|copyright)\b",
        )
    });
    const NAMES: [&str; 13] = [
        "channel",
        "item",
        "title",
        "link",
        "description",
        "guid",
        "pubDate",
        "author",
        "category",
        "comments",
        "enclosure",
        "language",
        "copyright",
    ];
    let canonical = |name: &[u8]| {
        NAMES
            .iter()
            .find(|n| n.as_bytes().eq_ignore_ascii_case(name))
            .map(|n| n.as_bytes())
    };
    let needed = CORE
        .captures_iter(doc)
        .any(|c| canonical(&c[2]).is_some_and(|n| n != &c[2]));
    if !needed {
        return None;
    }
    let out = CORE.replace_all(doc, |c: &Captures<'_>| {
        [&c[1], canonical(&c[2]).unwrap_or(&c[2])].concat()
    });
    Some(out.into_owned())
}

/// Items straight under `<rss>` (no `<channel>`) are put in one.
pub fn rss_without_channel(doc: &[u8]) -> Option<Vec<u8>> {
    static ROOT: LazyLock<Regex> = LazyLock::new(|| re(r"<rss\b[^>]*>"));
    if find(doc, b"<channel").is_some() || find(doc, b"<item").is_none() {
        return None;
    }
    let root = ROOT.find(doc)?;
    let close = root.end() + find(&doc[root.end()..], b"</rss>")?;
    Some(
        [
            &doc[..root.end()],
            b"<channel>",
            &doc[root.end()..close],
            b"</channel>",
            &doc[close..],
        ]
        .concat(),
    )
}

/// `<description><p>text</p></description>`: the markup is the description's HTML, kept by
/// putting it in a CDATA section (feed-rs would read only the text outside elements).
pub fn naked_descriptions(doc: &[u8]) -> Option<Vec<u8>> {
    static DESCRIPTION: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?s)(<description>)(\s*<[A-Za-z].*?)(</description>)"));
    let mut changed = false;
    let out = DESCRIPTION.replace_all(doc, |c: &Captures<'_>| {
        let inner = &c[2];
        if find(inner, b"<![CDATA[").is_some() || find(inner, b"]]>").is_some() {
            return c[0].to_vec();
        }
        changed = true;
        [&c[1], b"<![CDATA[", inner, b"]]>", &c[3]].concat()
    });
    changed.then(|| out.into_owned())
}

/// Atom 0.3 text constructs in inline-XML mode (an XHTML type, or no type and child elements)
/// become Atom 1.0 `xhtml` ones whose content is all of the element's children.
pub fn atom03_inline(doc: &[u8]) -> Vec<u8> {
    static OPEN: LazyLock<Regex> = LazyLock::new(|| {
        re(r"<((?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|summary|content|info|rights))(\s[^>]*)?>")
    });
    static ATTR: LazyLock<Regex> =
        LazyLock::new(|| re(r#"\s(type|mode)\s*=\s*(?:"([^"]*)"|'([^']*)')"#));
    let mut out = Vec::with_capacity(doc.len() + 64);
    let mut at = 0;
    while let Some(open) = OPEN.captures_at(doc, at) {
        let whole = open.get(0).expect("match");
        out.extend_from_slice(&doc[at..whole.start()]);
        at = whole.end();
        let attrs = open.get(2).map_or(&b""[..], |m| m.as_bytes());
        let close = [b"</", &open[1], b">"].concat();
        let Some(end) = find(&doc[at..], &close).map(|e| at + e) else {
            out.extend_from_slice(whole.as_bytes());
            continue;
        };
        let inner = &doc[at..end];
        let (mut kind, mut mode) = (None, None);
        for a in ATTR.captures_iter(attrs) {
            let value = a.get(2).or(a.get(3)).map_or(&b""[..], |m| m.as_bytes());
            match &a[1] {
                b"type" => kind = Some(value.to_ascii_lowercase()),
                _ => mode = Some(value.to_ascii_lowercase()),
            }
        }
        let inline_mode = mode.as_deref().is_none_or(|m| m == b"xml");
        let has_elements = inner
            .windows(2)
            .any(|w| w[0] == b'<' && w[1].is_ascii_alphabetic());
        let xhtml_type = kind
            .as_deref()
            .is_some_and(|k| k == b"application/xhtml+xml" || k == b"xhtml");
        let plain_type = kind
            .as_deref()
            .is_none_or(|k| k == b"text/plain" || k == b"text/html" || k == b"text");
        if inline_mode && has_elements && (xhtml_type || plain_type) {
            let attrs = ATTR.replace_all(attrs, &b""[..]);
            out.extend_from_slice(&[b"<", &open[1], &attrs[..], b" type=\"xhtml\">"].concat());
            out.extend_from_slice(b"<div xmlns=\"http://www.w3.org/1999/xhtml\">");
            out.extend_from_slice(inner);
            out.extend_from_slice(b"</div>");
            out.extend_from_slice(&close);
            at = end + close.len();
        } else {
            out.extend_from_slice(whole.as_bytes());
        }
    }
    out.extend_from_slice(&doc[at..]);
    out
}

/// Inside `type="xhtml"` text constructs, attribute values are escaped a second time: feed-rs
/// unescapes them and writes them back as they are, so this way they come out escaped once.
pub fn xhtml_attributes(doc: &[u8]) -> Option<Vec<u8>> {
    static OPEN: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r#"<((?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|summary|content|rights))\s[^>]*\btype\s*=\s*["']xhtml["'][^>]*>"#,
        )
    });
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| re(r#"<[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>"#));
    static VALUE: LazyLock<Regex> = LazyLock::new(|| re(r#"=\s*(?:"([^"]*)"|'([^']*)')"#));
    let mut out = Vec::with_capacity(doc.len());
    let (mut at, mut changed) = (0, false);
    while let Some(open) = OPEN.captures_at(doc, at) {
        let whole = open.get(0).expect("match");
        let close = [b"</", &open[1], b">"].concat();
        let Some(end) = find(&doc[whole.end()..], &close).map(|e| whole.end() + e) else {
            break;
        };
        out.extend_from_slice(&doc[at..whole.end()]);
        let inner = TAG.replace_all(&doc[whole.end()..end], |t: &Captures<'_>| {
            VALUE
                .replace_all(&t[0], |v: &Captures<'_>| {
                    let value = v.get(1).or(v.get(2)).map_or(&b""[..], |m| m.as_bytes());
                    if !value.iter().any(|b| matches!(b, b'&' | b'"')) {
                        return v[0].to_vec();
                    }
                    changed = true;
                    let escaped = super::parse::replace_all(value, b"&", b"&amp;");
                    let escaped = super::parse::replace_all(&escaped, b"\"", b"&amp;quot;");
                    [&b"=\""[..], &escaped, b"\""].concat()
                })
                .into_owned()
        });
        out.extend_from_slice(&inner);
        at = end;
    }
    out.extend_from_slice(&doc[at..]);
    changed.then_some(out)
}

/// `<link rel="alternate">http://…</link>` (no `href`): the text is the link's `href`.
pub fn atom_link_text(doc: &[u8]) -> Option<Vec<u8>> {
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        re(r"<((?:[A-Za-z_][\w.-]*:)?link)(\s[^>]*?)?>\s*([^<\s]+)\s*</(?:[A-Za-z_][\w.-]*:)?link>")
    });
    let mut changed = false;
    let out = LINK.replace_all(doc, |c: &Captures<'_>| {
        let attrs = c.get(2).map_or(&b""[..], |m| m.as_bytes());
        if find(attrs, b"href").is_some() {
            return c[0].to_vec();
        }
        changed = true;
        let href = String::from_utf8_lossy(&c[3]).replace('"', "&quot;");
        [b"<", &c[1], attrs, b" href=\"", href.as_bytes(), b"\"/>"].concat()
    });
    changed.then(|| out.into_owned())
}

/// For each entry (`<item>`/`<entry>`) and the RSS channel: a missing field is given a copy of
/// the first stand-in found in it. Stand-ins may be nested (`media:group`).
pub fn stand_ins(doc: &[u8]) -> Option<Vec<u8>> {
    const ENTRY: &[(&str, &[&str])] = &[
        ("title", &["media:title", "itunes:title"]),
        (
            "description",
            &["itunes:summary", "media:description", "itunes:subtitle"],
        ),
        ("author", &["itunes:author"]),
    ];
    const ATOM_ENTRY: &[(&str, &[&str])] = &[
        ("title", &["media:title"]),
        ("summary", &["media:description"]),
    ];
    const CHANNEL: &[(&str, &[&str])] = &[("title", &["dc:title", "itunes:title"])];
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?s)<(item|entry)\b[^>]*>.*?</(?:item|entry)>"));
    static CHANNEL_HEAD: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?s)<channel\b[^>]*>.*?(?:<item\b|</channel>)"));
    if find(doc, b"<media:").is_none()
        && find(doc, b"<itunes:").is_none()
        && find(doc, b"<dc:title").is_none()
    {
        return None;
    }
    let mut changed = false;
    let out = ITEM.replace_all(doc, |c: &Captures<'_>| {
        let table = if &c[1] == b"item" { ENTRY } else { ATOM_ENTRY };
        let item = c[0].to_vec();
        match fill(&item, table) {
            Some(filled) => {
                changed = true;
                filled
            }
            None => item,
        }
    });
    let out = CHANNEL_HEAD.replace(&out, |c: &Captures<'_>| match fill(&c[0], CHANNEL) {
        Some(filled) => {
            changed = true;
            filled
        }
        None => c[0].to_vec(),
    });
    changed.then(|| out.into_owned())
}

/// `block` (an element's text, opening tag first) with the missing fields of `table` copied in
/// right after its opening tag; `None` when nothing was missing or nothing stood in.
fn fill(block: &[u8], table: &[(&str, &[&str])]) -> Option<Vec<u8>> {
    let open_end = memchr::memchr(b'>', block)? + 1;
    let mut added = Vec::new();
    for (field, candidates) in table {
        if has_element(block, field.as_bytes()) {
            continue;
        }
        if let Some(inner) = candidates
            .iter()
            .find_map(|c| element_text(block, c.as_bytes()))
        {
            added.extend_from_slice(
                &[
                    b"<",
                    field.as_bytes(),
                    b">",
                    inner,
                    b"</",
                    field.as_bytes(),
                    b">",
                ]
                .concat(),
            );
        }
    }
    if added.is_empty() {
        return None;
    }
    Some([&block[..open_end], &added[..], &block[open_end..]].concat())
}

/// Whether `<name` opens an element in `xml` (not a longer name that starts the same).
pub fn has_element(xml: &[u8], name: &[u8]) -> bool {
    let open = [b"<", name].concat();
    memchr::memmem::find_iter(xml, &open).any(|at| {
        xml.get(at + open.len())
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
    })
}

/// The content of the first `<name …>…</name>` in `xml` (not empty).
fn element_text<'a>(xml: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let open = [b"<", name].concat();
    let start = memchr::memmem::find_iter(xml, &open).find(|at| {
        xml.get(at + open.len())
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
    })?;
    let gt = start + memchr::memchr(b'>', &xml[start..])?;
    if xml[gt - 1] == b'/' {
        return None;
    }
    let close = [b"</", name, b">"].concat();
    let end = gt + 1 + find(&xml[gt + 1..], &close)?;
    let inner = &xml[gt + 1..end];
    (!inner.iter().all(u8::is_ascii_whitespace)).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(b: Option<Vec<u8>>) -> String {
        String::from_utf8(b.expect("rewritten")).unwrap()
    }

    #[test]
    fn internal_entities_expand_once() {
        let doc = b"<!DOCTYPE rss [<!ENTITY id \"tag:x,\">]><rss><guid>&id;1</guid></rss>";
        assert_eq!(s(internal_entities(doc)), "<rss><guid>tag:x,1</guid></rss>");
        assert!(internal_entities(b"<rss/>").is_none());
    }

    #[test]
    fn prefixed_rss_loses_its_prefix() {
        let doc = br#"<r:rss xmlns:r="http://backend.userland.com/rss2" xmlns:x="u"><r:channel><x:title/></r:channel></r:rss>"#;
        assert_eq!(
            s(prefixed_rss(doc)),
            r#"<rss xmlns:x="u"><channel><x:title/></channel></rss>"#
        );
    }

    #[test]
    fn core_names_get_their_case_back() {
        assert_eq!(
            s(rss_case(
                b"<rss><channel><TiTlE>T</TITLE><PUBDATE>d</pubdate></channel></rss>"
            )),
            "<rss><channel><title>T</title><pubDate>d</pubDate></channel></rss>"
        );
        assert!(rss_case(b"<rss><channel><title>T</title></channel></rss>").is_none());
    }

    #[test]
    fn markup_is_kept() {
        assert_eq!(
            s(naked_descriptions(
                b"<item><description><p>x</p></description></item>"
            )),
            "<item><description><![CDATA[<p>x</p>]]></description></item>"
        );
        assert_eq!(
            s(rss_without_channel(b"<rss><item/></rss>")),
            "<rss><channel><item/></channel></rss>"
        );
        // A closing tag before the root (found by the fuzzer in parse's tests).
        assert!(rss_without_channel(b"</rss><item><rss>").is_none());
        let atom = atom03_inline(b"<entry><title>A <b>B</b></title><summary mode=\"escaped\">&lt;b&gt;</summary></entry>");
        assert_eq!(
            String::from_utf8(atom).unwrap(),
            "<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">A <b>B</b></div></title><summary mode=\"escaped\">&lt;b&gt;</summary></entry>"
        );
    }

    #[test]
    fn xhtml_attribute_values_survive() {
        let doc = br#"<title type="xhtml"><div><a title="&quot;x&quot;" href='a"b'>t</a></div></title><id a="&amp;"/>"#;
        assert_eq!(
            s(xhtml_attributes(doc)),
            r#"<title type="xhtml"><div><a title="&amp;quot;x&amp;quot;" href="a&amp;quot;b">t</a></div></title><id a="&amp;"/>"#
        );
    }

    #[test]
    fn link_text_becomes_href() {
        assert_eq!(
            s(atom_link_text(b"<link rel=\"alternate\">http://a/</link>")),
            "<link rel=\"alternate\" href=\"http://a/\"/>"
        );
    }

    #[test]
    fn stand_ins_fill_missing_fields() {
        let doc = b"<rss xmlns:itunes=\"i\"><channel><dc:title>C</dc:title><item><itunes:summary>S</itunes:summary><title>T</title></item></channel></rss>";
        assert_eq!(
            s(stand_ins(doc)),
            "<rss xmlns:itunes=\"i\"><channel><title>C</title><dc:title>C</dc:title><item><description>S</description><itunes:summary>S</itunes:summary><title>T</title></item></channel></rss>"
        );
    }
}
