//! A single-pass, forgiving HTML parser into a flat pre-order tree.
//!
//! A full HTML5 tree builder (html5ever) costs about 2 ms for a typical 170 kB news page, the
//! whole extraction budget. Extraction only needs element names, a few attributes and text, so
//! this parser scans bytes with `memchr`, borrows tag and attribute slices from the page, skips
//! raw-text elements (`script`, `style`) in one jump, and applies the handful of implied-end-tag
//! rules (`<p>`, `<li>`, table cells) that shape article markup. Misnested inline end tags are
//! ignored instead of running the adoption agency algorithm.
//!
//! Nodes are stored in document order; `end` is one past the node's last descendant, so a
//! subtree is the index range `i..end` and bottom-up sums are a reverse loop.

use super::entities;
use memchr::{memchr, memmem};

/// Element kinds that extraction distinguishes; everything else is [`Tag::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Document,
    Text,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Object,
    Embed,
    Canvas,
    Video,
    Audio,
    Picture,
    Img,
    Source,
    Textarea,
    Select,
    Option,
    Button,
    Input,
    Label,
    Form,
    Nav,
    Header,
    Footer,
    Aside,
    Main,
    Article,
    Section,
    Div,
    P,
    Br,
    Hr,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Caption,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Figure,
    Figcaption,
    A,
    Time,
    Address,
    Details,
    Summary,
    Dialog,
    Menu,
    Center,
    Other,
}

impl Tag {
    fn from_name(name: &[u8]) -> Tag {
        let mut buf = [0u8; 10];
        if name.len() > buf.len() {
            return Tag::Other;
        }
        for (d, s) in buf.iter_mut().zip(name) {
            *d = s.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"iframe" => Tag::Iframe,
            b"object" => Tag::Object,
            b"embed" => Tag::Embed,
            b"canvas" => Tag::Canvas,
            b"video" => Tag::Video,
            b"audio" => Tag::Audio,
            b"picture" => Tag::Picture,
            b"img" => Tag::Img,
            b"source" => Tag::Source,
            b"textarea" => Tag::Textarea,
            b"select" => Tag::Select,
            b"option" => Tag::Option,
            b"button" => Tag::Button,
            b"input" => Tag::Input,
            b"label" => Tag::Label,
            b"form" => Tag::Form,
            b"nav" => Tag::Nav,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"aside" => Tag::Aside,
            b"main" => Tag::Main,
            b"article" => Tag::Article,
            b"section" => Tag::Section,
            b"div" => Tag::Div,
            b"p" => Tag::P,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"h1" => Tag::H(1),
            b"h2" => Tag::H(2),
            b"h3" => Tag::H(3),
            b"h4" => Tag::H(4),
            b"h5" => Tag::H(5),
            b"h6" => Tag::H(6),
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"blockquote" => Tag::Blockquote,
            b"pre" => Tag::Pre,
            b"table" => Tag::Table,
            b"caption" => Tag::Caption,
            b"thead" => Tag::Thead,
            b"tbody" => Tag::Tbody,
            b"tfoot" => Tag::Tfoot,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"a" => Tag::A,
            b"time" => Tag::Time,
            b"address" => Tag::Address,
            b"details" => Tag::Details,
            b"summary" => Tag::Summary,
            b"dialog" => Tag::Dialog,
            b"menu" => Tag::Menu,
            b"center" => Tag::Center,
            _ => Tag::Other,
        }
    }

    /// Elements that never have content.
    fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta
                | Tag::Link
                | Tag::Br
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Source
                | Tag::Embed
        )
    }

    /// Elements that start a new line of text (a paragraph boundary for extraction).
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Document
                | Tag::Html
                | Tag::Body
                | Tag::Nav
                | Tag::Header
                | Tag::Footer
                | Tag::Aside
                | Tag::Main
                | Tag::Article
                | Tag::Section
                | Tag::Div
                | Tag::P
                | Tag::Br
                | Tag::Hr
                | Tag::H(_)
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Table
                | Tag::Caption
                | Tag::Thead
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Td
                | Tag::Th
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Address
                | Tag::Details
                | Tag::Summary
                | Tag::Dialog
                | Tag::Menu
                | Tag::Center
                | Tag::Form
                | Tag::Title
                | Tag::Option
                | Tag::Select
                | Tag::Textarea
        )
    }

    /// A start tag of these closes an open `<p>` (HTML's "close a p element" rule).
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H(_)
                | Tag::Header
                | Tag::Hr
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Table
                | Tag::Ul
                | Tag::Li
                | Tag::Dd
                | Tag::Dt
                | Tag::Center
        )
    }

    /// Where the search for an element to close implicitly stops.
    fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Document
                | Tag::Html
                | Tag::Table
                | Tag::Td
                | Tag::Th
                | Tag::Caption
                | Tag::Button
                | Tag::Template
                | Tag::Object
        )
    }

    /// Contents are not markup: skipped to the matching end tag.
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Textarea
                | Tag::Title
                | Tag::Iframe
                | Tag::Noscript
                | Tag::Template
        )
    }
}

/// One element or text node.
#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    /// Index of the parent (the document node is its own parent).
    pub parent: u32,
    /// One past the last descendant.
    pub end: u32,
    /// Text nodes: byte range in [`Doc::text`]. Elements: range in [`Doc::attrs`].
    pub span: (u32, u32),
    /// Hash of the lowercase tag name; tells apart end tags of [`Tag::Other`] elements.
    name: u32,
}

/// A parsed page: nodes in document order, decoded text and raw attributes borrowed from it.
#[derive(Debug)]
pub struct Doc<'a> {
    pub nodes: Vec<Node>,
    pub text: String,
    /// `(name, raw value)`; names as written (compare with `eq_ignore_ascii_case`).
    pub attrs: Vec<(&'a str, &'a str)>,
}

impl<'a> Doc<'a> {
    /// Raw attribute value (character references not decoded).
    pub fn attr(&self, node: usize, name: &str) -> Option<&'a str> {
        let n = &self.nodes[node];
        if n.tag == Tag::Text {
            return None;
        }
        self.attrs[n.span.0 as usize..n.span.1 as usize]
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }

    pub fn attrs_of(&self, node: usize) -> &[(&'a str, &'a str)] {
        let n = &self.nodes[node];
        if n.tag == Tag::Text {
            return &[];
        }
        &self.attrs[n.span.0 as usize..n.span.1 as usize]
    }

    /// Decoded text of a text node ("" for elements).
    pub fn node_text(&self, node: usize) -> &str {
        let n = &self.nodes[node];
        if n.tag != Tag::Text {
            return "";
        }
        &self.text[n.span.0 as usize..n.span.1 as usize]
    }

    /// All text under `node`, whitespace collapsed to single spaces.
    pub fn text_of(&self, node: usize) -> String {
        let mut out = String::new();
        let end = self.nodes[node].end as usize;
        for i in node..end {
            push_collapsed(&mut out, self.node_text(i));
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out
    }
}

/// Append `s` with runs of whitespace (including no-break spaces) collapsed to one space and no
/// space at the very start.
pub fn push_collapsed(out: &mut String, s: &str) {
    let mut space = out.is_empty() || out.ends_with(' ');
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            out.push_str(&s[run..i]);
            run = i + c.len_utf8();
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            space = false;
        }
    }
    out.push_str(&s[run..]);
}

const MAX_SEARCH_DEPTH: usize = 256;

fn name_hash(name: &[u8]) -> u32 {
    // FNV-1a over the lowercase name.
    let mut h: u32 = 0x811c_9dc5;
    for b in name {
        h ^= u32::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

struct Builder<'a> {
    doc: Doc<'a>,
    stack: Vec<u32>,
}

impl<'a> Builder<'a> {
    fn top(&self) -> usize {
        *self.stack.last().unwrap_or(&0) as usize
    }

    fn push_text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let start = self.doc.text.len();
        entities::decode_into(raw, &mut self.doc.text);
        let end = self.doc.text.len();
        let parent = self.top() as u32;
        let idx = self.doc.nodes.len() as u32;
        self.doc.nodes.push(Node {
            tag: Tag::Text,
            parent,
            end: idx + 1,
            span: (start as u32, end as u32),
            name: 0,
        });
    }

    fn push_raw_text(&mut self, raw: &str, decode: bool) {
        if decode {
            self.push_text(raw);
        } else if !raw.is_empty() {
            let start = self.doc.text.len();
            self.doc.text.push_str(raw);
            let idx = self.doc.nodes.len() as u32;
            let parent = self.top() as u32;
            self.doc.nodes.push(Node {
                tag: Tag::Text,
                parent,
                end: idx + 1,
                span: (start as u32, self.doc.text.len() as u32),
                name: 0,
            });
        }
    }

    fn pop_to(&mut self, depth: usize) {
        let len = self.doc.nodes.len() as u32;
        while self.stack.len() > depth {
            if let Some(i) = self.stack.pop() {
                self.doc.nodes[i as usize].end = len;
            }
        }
    }

    /// Close the nearest open `tag` unless a scope boundary (or `stop`) comes first.
    fn close_in_scope(&mut self, tag: Tag, stop: &[Tag]) {
        for (depth, &i) in self.stack.iter().enumerate().rev().take(MAX_SEARCH_DEPTH) {
            let t = self.doc.nodes[i as usize].tag;
            if t == tag {
                self.pop_to(depth);
                return;
            }
            if t.is_scope_boundary() || stop.contains(&t) {
                return;
            }
        }
    }

    fn start(&mut self, tag: Tag, name: u32, attrs_from: usize) {
        if tag.closes_p() {
            self.close_in_scope(Tag::P, &[]);
        }
        match tag {
            Tag::Li => self.close_in_scope(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu]),
            Tag::Dt | Tag::Dd => {
                self.close_in_scope(Tag::Dt, &[Tag::Dl]);
                self.close_in_scope(Tag::Dd, &[Tag::Dl]);
            }
            Tag::Tr => self.close_in_scope(Tag::Tr, &[]),
            _ => {}
        }
        // Cells, headings, options and links do not nest directly in their own kind: a new one
        // closes the open one. (Cells are scope boundaries, so only the top is looked at.)
        let top_tag = self.doc.nodes[self.top()].tag;
        let closes_top = match tag {
            Tag::Td | Tag::Th => matches!(top_tag, Tag::Td | Tag::Th),
            Tag::H(_) => matches!(top_tag, Tag::H(_)),
            Tag::Option | Tag::A => top_tag == tag,
            _ => false,
        };
        if closes_top {
            let d = self.stack.len() - 1;
            self.pop_to(d);
        }
        let idx = self.doc.nodes.len() as u32;
        let parent = self.top() as u32;
        self.doc.nodes.push(Node {
            tag,
            parent,
            end: idx + 1,
            span: (attrs_from as u32, self.doc.attrs.len() as u32),
            name,
        });
        if !tag.is_void() {
            self.stack.push(idx);
        }
    }

    fn end(&mut self, tag: Tag, name: u32) {
        let inline = !tag.is_block();
        for (depth, &i) in self.stack.iter().enumerate().rev().take(MAX_SEARCH_DEPTH) {
            if depth == 0 {
                return;
            }
            let n = &self.doc.nodes[i as usize];
            if n.tag == tag && (tag != Tag::Other || n.name == name) {
                self.pop_to(depth);
                return;
            }
            // A stray inline end tag must not close the blocks opened after it (`<b><p></b>`).
            if inline && n.tag.is_block() {
                return;
            }
        }
    }
}

/// Parse a page. Never fails: malformed markup yields some tree.
pub fn parse(html: &str) -> Doc<'_> {
    let bytes = html.as_bytes();
    let mut b = Builder {
        doc: Doc {
            nodes: Vec::with_capacity(html.len() / 40),
            text: String::with_capacity(html.len() / 4),
            attrs: Vec::with_capacity(html.len() / 60),
        },
        stack: vec![0],
    };
    b.doc.nodes.push(Node {
        tag: Tag::Document,
        parent: 0,
        end: 1,
        span: (0, 0),
        name: 0,
    });
    let mut pos = 0;
    let mut text_from = 0;
    while let Some(off) = memchr(b'<', &bytes[pos..]) {
        let lt = pos + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next.is_ascii_alphabetic() {
            b.push_text(&html[text_from..lt]);
            let (tag, name, gt) = start_tag(html, lt + 1, &mut b);
            pos = gt;
            text_from = gt;
            if tag.is_raw_text() && !tag.is_void() {
                let (content_end, after) = raw_text_end(bytes, pos, tag);
                let raw = &html[pos..content_end];
                match tag {
                    Tag::Title | Tag::Textarea => b.push_raw_text(raw, true),
                    Tag::Script | Tag::Style => b.push_raw_text(raw, false),
                    _ => {}
                }
                b.end(tag, name);
                pos = after;
                text_from = after;
            }
        } else if next == b'/' {
            let name_from = lt + 2;
            let name_len = bytes[name_from..]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace() && **c != b'>' && **c != b'/')
                .count();
            let gt = memchr(b'>', &bytes[name_from..]).map_or(bytes.len(), |g| name_from + g + 1);
            if name_len > 0 && bytes[name_from].is_ascii_alphabetic() {
                b.push_text(&html[text_from..lt]);
                let raw_name = &bytes[name_from..name_from + name_len];
                let tag = Tag::from_name(raw_name);
                if tag == Tag::Br {
                    b.start(Tag::Br, 0, b.doc.attrs.len());
                } else {
                    b.end(tag, name_hash(raw_name));
                }
                text_from = gt;
            } else if name_len == 0 && bytes.get(name_from) == Some(&b'>') {
                b.push_text(&html[text_from..lt]);
                text_from = gt;
            }
            pos = gt;
        } else if next == b'!' || next == b'?' {
            b.push_text(&html[text_from..lt]);
            let rest = &bytes[lt..];
            let gt = if rest.starts_with(b"<!--") {
                memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |e| lt + 4 + e + 3)
            } else if rest.starts_with(b"<![CDATA[") {
                let e = memmem::find(&rest[9..], b"]]>").map_or(bytes.len(), |e| lt + 9 + e);
                b.push_text(&html[lt + 9..e]);
                (e + 3).min(bytes.len())
            } else {
                memchr(b'>', rest).map_or(bytes.len(), |e| lt + e + 1)
            };
            pos = gt;
            text_from = gt;
        } else {
            // A lone '<' is text.
            pos = lt + 1;
        }
    }
    b.push_text(&html[text_from.min(html.len())..]);
    b.pop_to(0);
    let len = b.doc.nodes.len() as u32;
    b.doc.nodes[0].end = len;
    b.doc
}

/// Parse a start tag whose name begins at `from`; returns the tag and the index after `>`.
fn start_tag<'a>(html: &'a str, from: usize, b: &mut Builder<'a>) -> (Tag, u32, usize) {
    let bytes = html.as_bytes();
    let mut i = from;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/'
    {
        i += 1;
    }
    let raw_name = &bytes[from..i];
    let tag = Tag::from_name(raw_name);
    let name = if tag == Tag::Other {
        name_hash(raw_name)
    } else {
        0
    };
    let attrs_from = b.doc.attrs.len();
    // Attributes.
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let name_from = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        // A quote or other odd byte as the first char still makes progress.
        if i == name_from {
            i += 1;
            continue;
        }
        let attr_name = &html[name_from..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let v_from = i + 1;
                let v_end = memchr(q, &bytes[v_from..]).map_or(bytes.len(), |e| v_from + e);
                value = &html[v_from..v_end];
                i = (v_end + 1).min(bytes.len());
            } else {
                let v_from = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = &html[v_from..i];
            }
        }
        b.doc.attrs.push((attr_name, value));
    }
    b.start(tag, name, attrs_from);
    (tag, name, i)
}

/// Find the end tag closing a raw-text element: (content end, index after the end tag).
fn raw_text_end(bytes: &[u8], from: usize, tag: Tag) -> (usize, usize) {
    let name: &[u8] = match tag {
        Tag::Script => b"script",
        Tag::Style => b"style",
        Tag::Textarea => b"textarea",
        Tag::Title => b"title",
        Tag::Iframe => b"iframe",
        Tag::Noscript => b"noscript",
        _ => b"template",
    };
    let finder = memmem::Finder::new(b"</");
    let mut at = from;
    while let Some(off) = finder.find(&bytes[at..]) {
        let lt = at + off;
        let cand = &bytes[lt + 2..];
        if cand.len() >= name.len()
            && cand[..name.len()].eq_ignore_ascii_case(name)
            && cand
                .get(name.len())
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            let gt = memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |g| lt + g + 1);
            return (lt, gt);
        }
        at = lt + 2;
    }
    (bytes.len(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(doc: &Doc) -> Vec<(Tag, u32)> {
        doc.nodes.iter().map(|n| (n.tag, n.parent)).collect()
    }

    #[test]
    fn builds_nested_tree_with_attributes() {
        let doc = parse(r#"<div class="a b" id=x><p>Hello <b>big</b> world</p></div>"#);
        assert_eq!(
            tags(&doc),
            vec![
                (Tag::Document, 0),
                (Tag::Div, 0),
                (Tag::P, 1),
                (Tag::Text, 2),
                (Tag::Other, 2),
                (Tag::Text, 4),
                (Tag::Text, 2),
            ]
        );
        assert_eq!(doc.attr(1, "class"), Some("a b"));
        assert_eq!(doc.attr(1, "ID"), Some("x"));
        assert_eq!(doc.text_of(1), "Hello big world");
        assert_eq!(doc.nodes[1].end, 7);
    }

    #[test]
    fn implied_end_tags() {
        let doc = parse("<p>one<p>two<ul><li>a<li>b</ul>");
        let p2 = 3;
        assert_eq!(doc.nodes[p2].tag, Tag::P);
        assert_eq!(doc.nodes[p2].parent, 0);
        let lis: Vec<_> = (0..doc.nodes.len())
            .filter(|&i| doc.nodes[i].tag == Tag::Li)
            .map(|i| doc.nodes[i].parent)
            .collect();
        assert_eq!(lis.len(), 2);
        assert_eq!(lis[0], lis[1]);
    }

    #[test]
    fn scripts_and_comments_are_skipped() {
        let doc = parse("<p>a<script>if (x < 1) { '</p>' }</script>b<!-- <p>c</p> -->d</p>");
        let p = 1;
        assert_eq!(doc.nodes[p].tag, Tag::P);
        let script = (0..doc.nodes.len())
            .find(|&i| doc.nodes[i].tag == Tag::Script)
            .unwrap();
        assert_eq!(doc.nodes[script].parent, 1);
        assert_eq!(doc.text_of(script), "if (x < 1) { '</p>' }");
        assert_eq!(doc.nodes[p].end as usize, doc.nodes.len());
    }

    #[test]
    fn misnested_inline_end_tag_is_ignored() {
        let doc = parse("<div><b><p>x</b>y</p>z</div>");
        let p = (0..doc.nodes.len())
            .find(|&i| doc.nodes[i].tag == Tag::P)
            .unwrap();
        assert_eq!(doc.text_of(p), "xy");
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for s in [
            "",
            "<",
            "</",
            "<a href=\"x",
            "<div class='",
            "<!--",
            "<![CDATA[x",
            "</>",
            "<p <p>>",
            "<script>never closed",
            "&#xffffffff; &",
            "<é>ü</é>",
        ] {
            let doc = parse(s);
            assert_eq!(doc.nodes[0].end as usize, doc.nodes.len());
        }
    }
}
