//! Main text: which part of the page is the article, as paragraphs.
//!
//! Four passes over the flat tree, each linear:
//! 1. **Prune**: elements that are never article text (scripts, forms controls, figures, hidden
//!    elements) and those whose tag or class/id says boilerplate (nav, footer, share bars,
//!    comments, cookie banners, related links) unless they hold most of the page's text.
//! 2. **Blocks**: text runs between block-level boundaries become paragraphs, with their
//!    character and link-character counts.
//! 3. **Score** (readability's idea): every substantial paragraph adds
//!    `1 + commas + min(len/100, 3)` to its ancestors, decaying with distance; a candidate's
//!    score is scaled by `1 − link density`. The best candidate, adjusted to the ancestor that
//!    holds its peers, plus siblings that score well, is the article.
//! 4. **Clean**: inside the article, link lists and link-heavy boxes, the headline, and
//!    boilerplate lines ("Advertisement", "© 2025 … All rights reserved") are dropped.

use super::boilerplate;
use super::dom::{Doc, Tag, push_collapsed};
use super::hints::{self, NEGATIVE, POSITIVE, STRONG};

/// One paragraph of visible text.
#[derive(Debug, Clone)]
pub struct Block {
    /// Nearest block-level element holding the text.
    pub container: u32,
    pub text: String,
    /// Non-whitespace characters.
    pub chars: u32,
    /// Of which inside links.
    pub link_chars: u32,
    pub commas: u32,
}

impl Block {
    fn link_density(&self) -> f32 {
        self.link_chars as f32 / self.chars.max(1) as f32
    }
}

const HIDDEN: u8 = 8;

/// Per-element facts gathered in one pass over the attributes.
fn element_bits(doc: &Doc, i: usize, buf: &mut String) -> u8 {
    buf.clear();
    let mut extra = 0;
    for &(k, v) in doc.attrs_of(i) {
        if k.eq_ignore_ascii_case("class") || k.eq_ignore_ascii_case("id") {
            buf.push_str(v);
            buf.push(' ');
        } else if k.eq_ignore_ascii_case("hidden") {
            extra |= HIDDEN;
        } else if k.eq_ignore_ascii_case("style") && (v.contains("none") || v.contains("hidden")) {
            let compact: String = v
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if compact.contains("display:none") || compact.contains("visibility:hidden") {
                extra |= HIDDEN;
            }
        } else if k.eq_ignore_ascii_case("aria-hidden") {
            if v.eq_ignore_ascii_case("true") {
                extra |= HIDDEN;
            }
        } else if k.eq_ignore_ascii_case("role") {
            let v = v.to_ascii_lowercase();
            match v.as_str() {
                "navigation" | "complementary" | "contentinfo" | "banner" | "dialog"
                | "alertdialog" | "menu" | "menubar" | "search" => extra |= NEGATIVE | STRONG,
                "main" | "article" => extra |= POSITIVE,
                _ => {}
            }
        } else if k.eq_ignore_ascii_case("itemprop") && v.eq_ignore_ascii_case("articleBody") {
            extra |= POSITIVE;
        }
    }
    hints::classify(buf.as_str()) | extra
}

/// Tags whose contents are never article text.
fn never_text(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Head
            | Tag::Title
            | Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Svg
            | Tag::Math
            | Tag::Iframe
            | Tag::Object
            | Tag::Embed
            | Tag::Canvas
            | Tag::Video
            | Tag::Audio
            | Tag::Picture
            | Tag::Img
            | Tag::Source
            | Tag::Textarea
            | Tag::Select
            | Tag::Option
            | Tag::Button
            | Tag::Input
            | Tag::Label
            | Tag::Dialog
            | Tag::Figure
            | Tag::Figcaption
    )
}

/// Tags that are usually page furniture, kept only when they hold most of the text.
fn furniture(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header | Tag::Form | Tag::Menu
    )
}

fn count_chars(s: &str) -> (u32, u32) {
    let mut chars = 0;
    let mut commas = 0;
    for c in s.chars() {
        if !c.is_whitespace() {
            chars += 1;
            if matches!(c, ',' | '，' | '、') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

/// The facts the passes share.
struct Page<'d, 'a> {
    doc: &'d Doc<'a>,
    bits: Vec<u8>,
    dropped: Vec<bool>,
    chars: Vec<u32>,
    link_chars: Vec<u32>,
    commas: Vec<u32>,
}

impl Page<'_, '_> {
    fn link_density(&self, i: usize) -> f32 {
        self.link_chars[i] as f32 / self.chars[i].max(1) as f32
    }
}

/// Extract the article text: paragraphs joined by blank lines.
pub fn main_text(doc: &Doc) -> String {
    let blocks = article_blocks(doc);
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn article_blocks(doc: &Doc) -> Vec<Block> {
    let page = prune(doc);
    let blocks = blocks(&page);
    if blocks.is_empty() {
        return blocks;
    }
    let selection = select(&page, &blocks);
    let mut kept = clean(&page, blocks, &selection);
    boilerplate::trim_tail(&mut kept);
    kept
}

/// Pass 1: decide which subtrees are not article text; count characters per element.
fn prune<'d, 'a>(doc: &'d Doc<'a>) -> Page<'d, 'a> {
    let n = doc.nodes.len();
    let mut bits = vec![0u8; n];
    let mut hard = vec![false; n];
    let mut in_link = vec![false; n];
    let mut text_chars = vec![0u32; n];
    let mut text_commas = vec![0u32; n];
    // Characters of text standing directly in each element, outside its child elements.
    let mut loose_text = vec![0u32; n];
    let mut buf = String::new();
    for i in 1..n {
        let node = &doc.nodes[i];
        let p = node.parent as usize;
        if node.tag == Tag::Text {
            hard[i] = hard[p];
            in_link[i] = in_link[p];
            if !hard[i] {
                let (c, k) = count_chars(doc.node_text(i));
                text_chars[i] = c;
                text_commas[i] = k;
                loose_text[p] += c;
            }
            continue;
        }
        bits[i] = element_bits(doc, i, &mut buf);
        hard[i] = hard[p] || never_text(node.tag) || bits[i] & HIDDEN != 0;
        in_link[i] = in_link[p] || node.tag == Tag::A;
    }
    // Non-link text per element, for the "holds most of the page" guard.
    let mut own = vec![0u32; n];
    for i in (1..n).rev() {
        if doc.nodes[i].tag == Tag::Text && !in_link[i] {
            own[i] += text_chars[i];
        }
        let p = doc.nodes[i].parent as usize;
        own[p] += own[i];
    }
    let total = own[0].max(1);
    let mut dropped = vec![false; n];
    for i in 1..n {
        let node = &doc.nodes[i];
        let p = node.parent as usize;
        if dropped[p] || hard[i] {
            dropped[i] = true;
            continue;
        }
        if node.tag == Tag::Text || matches!(node.tag, Tag::Html | Tag::Body | Tag::Main) {
            continue;
        }
        let b = bits[i];
        // A link or span inside a paragraph's sentence is part of it whatever its class says
        // (`<a class="auto-tag">Jessie Buckley</a> performs`); only a strong hint drops it.
        // A span alone in its paragraph (an embedded video's title) is no sentence.
        let in_prose = matches!(node.tag, Tag::A | Tag::Other | Tag::Time)
            && matches!(
                doc.nodes[p].tag,
                Tag::P | Tag::Li | Tag::Blockquote | Tag::Dd | Tag::Td | Tag::H(_)
            )
            && loose_text[p] > 0;
        let boilerplate = furniture(node.tag)
            || b & STRONG != 0
            || (b & NEGATIVE != 0 && b & POSITIVE == 0 && node.tag != Tag::Article && !in_prose);
        // A wrapper with a boilerplate-sounding class that holds most of the text is the page.
        if boilerplate && (own[i] as f32) < 0.5 * total as f32 {
            dropped[i] = true;
        }
    }
    let mut chars = vec![0u32; n];
    let mut link_chars = vec![0u32; n];
    let mut commas = vec![0u32; n];
    for i in (1..n).rev() {
        if dropped[i] {
            continue;
        }
        if doc.nodes[i].tag == Tag::Text {
            chars[i] = text_chars[i];
            commas[i] = text_commas[i];
            if in_link[i] {
                link_chars[i] = text_chars[i];
            }
        }
        let p = doc.nodes[i].parent as usize;
        chars[p] += chars[i];
        link_chars[p] += link_chars[i];
        commas[p] += commas[i];
    }
    Page {
        doc,
        bits,
        dropped,
        chars,
        link_chars,
        commas,
    }
}

/// Pass 2: paragraphs in document order.
fn blocks(page: &Page) -> Vec<Block> {
    let doc = page.doc;
    let n = doc.nodes.len();
    let mut block_of = vec![0u32; n];
    let mut in_link = vec![false; n];
    let mut out = Vec::new();
    let mut cur: Option<(Block, u32)> = None;
    let mut seg = 0u32;
    let mut i = 1;
    while i < n {
        let node = &doc.nodes[i];
        if page.dropped[i] {
            i = (node.end as usize).max(i + 1);
            continue;
        }
        let p = node.parent as usize;
        if node.tag != Tag::Text {
            block_of[i] = if node.tag.is_block() {
                seg += 1;
                i as u32
            } else {
                block_of[p]
            };
            in_link[i] = in_link[p] || node.tag == Tag::A;
            i += 1;
            continue;
        }
        let container = block_of[p];
        let text = doc.node_text(i);
        let (c, k) = count_chars(text);
        let same = matches!(&cur, Some((b, s)) if b.container == container && *s == seg);
        if !same {
            if let Some((b, _)) = cur.take() {
                flush(&mut out, b);
            }
            cur = Some((
                Block {
                    container,
                    text: String::new(),
                    chars: 0,
                    link_chars: 0,
                    commas: 0,
                },
                seg,
            ));
        }
        if let Some((b, _)) = cur.as_mut() {
            push_collapsed(&mut b.text, text);
            b.chars += c;
            b.commas += k;
            if in_link[p] {
                b.link_chars += c;
            }
        }
        i += 1;
    }
    if let Some((b, _)) = cur {
        flush(&mut out, b);
    }
    out
}

fn flush(out: &mut Vec<Block>, mut b: Block) {
    if b.chars == 0 {
        return;
    }
    let t = b.text.trim_end().len();
    b.text.truncate(t);
    out.push(b);
}

/// Tags whose text counts as a paragraph that scores its ancestors (not itself).
fn paragraph_like(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote | Tag::Dd | Tag::Address | Tag::Center
    )
}

fn initial_score(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
            -3.0
        }
        Tag::H(_) | Tag::Th => -5.0,
        _ => 0.0,
    }
}

/// Pass 3: the subtrees that make up the article, as node ranges.
fn select(page: &Page, blocks: &[Block]) -> Vec<(usize, usize)> {
    let doc = page.doc;
    let n = doc.nodes.len();
    let mut score = vec![f32::NAN; n];
    for b in blocks {
        if b.chars < 25 {
            continue;
        }
        let c = b.container as usize;
        let tag = doc.nodes[c].tag;
        if matches!(tag, Tag::Li | Tag::Dt | Tag::H(_) | Tag::Th | Tag::Caption) {
            continue;
        }
        let s = 1.0 + b.commas as f32 + (b.chars as f32 / 100.0).floor().min(3.0);
        let mut at = if paragraph_like(tag) {
            doc.nodes[c].parent as usize
        } else {
            c
        };
        for level in 0..5 {
            if at == 0 {
                break;
            }
            if score[at].is_nan() {
                score[at] = initial_score(doc.nodes[at].tag) + hints::weight(page.bits[at]);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[at] += s / divider;
            at = doc.nodes[at].parent as usize;
        }
    }
    let mut cands: Vec<(usize, f32)> = (0..n)
        .filter(|&i| !score[i].is_nan())
        .map(|i| (i, score[i] * (1.0 - page.link_density(i))))
        .collect();
    if cands.is_empty() {
        // No paragraph of any length: take the whole visible page.
        return vec![(0, n)];
    }
    for (i, s) in &cands {
        score[*i] = *s;
    }
    cands.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (mut top, top_score) = cands[0];

    // Several near-equal candidates: the article is their common ancestor.
    let peers: Vec<usize> = cands[1..cands.len().min(5)]
        .iter()
        .filter(|(_, s)| *s >= 0.75 * top_score)
        .map(|(i, _)| *i)
        .collect();
    if peers.len() >= 3 {
        let mut anc = doc.nodes[top].parent as usize;
        while anc != 0 {
            let end = doc.nodes[anc].end as usize;
            let holds = peers.iter().filter(|&&p| p > anc && p < end).count();
            if holds >= 3 {
                top = anc;
                break;
            }
            anc = doc.nodes[anc].parent as usize;
        }
    }
    // Climb while the parent scores higher (the paragraphs are split over child wrappers).
    let mut last = score_of(&score, top);
    let threshold = last / 3.0;
    let mut parent = doc.nodes[top].parent as usize;
    while parent != 0 && !matches!(doc.nodes[parent].tag, Tag::Body | Tag::Html) {
        let ps = score[parent];
        if ps.is_nan() {
            parent = doc.nodes[parent].parent as usize;
            continue;
        }
        if ps < threshold {
            break;
        }
        if ps > last {
            top = parent;
            break;
        }
        last = ps;
        parent = doc.nodes[parent].parent as usize;
    }
    // An only child says nothing: use the wrapper.
    loop {
        let p = doc.nodes[top].parent as usize;
        if p == 0 || matches!(doc.nodes[p].tag, Tag::Body | Tag::Html) {
            break;
        }
        let kids = children(doc, p).filter(|&k| page.chars[k] > 0).count();
        if kids != 1 {
            break;
        }
        top = p;
    }

    let top = widen(page, blocks, top);

    let top_score = score_of(&score, top);
    let mut out = Vec::new();
    let parent = doc.nodes[top].parent as usize;
    if parent == 0 || page.dropped[parent] {
        return vec![(top, doc.nodes[top].end as usize)];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = doc.attr(top, "class").unwrap_or("");
    for k in children(doc, parent) {
        if page.dropped[k] || page.chars[k] == 0 {
            continue;
        }
        let end = doc.nodes[k].end as usize;
        if k == top {
            out.push((k, end));
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && doc.attr(k, "class") == Some(top_class) {
            bonus += top_score * 0.2;
        }
        let s = score_of(&score, k);
        let append = if s + bonus >= threshold {
            true
        } else if doc.nodes[k].tag == Tag::P {
            let ld = page.link_density(k);
            let len = page.chars[k];
            (len > 80 && ld < 0.25)
                || (len > 0 && len <= 80 && ld == 0.0 && doc.text_of(k).contains(". "))
        } else {
            false
        };
        if append {
            out.push((k, end));
        }
    }
    out
}

/// Climb from `top` while what an ancestor adds is mostly real paragraphs: articles split into
/// several sections (by figures, ads or scripts between them) come out whole, while an
/// ancestor whose extra text is teasers, link lists or comments' chrome stops the climb.
fn widen(page: &Page, blocks: &[Block], mut top: usize) -> usize {
    let doc = page.doc;
    let n = doc.nodes.len();
    let mut good = vec![0u32; n];
    for b in blocks {
        let c = b.container as usize;
        if b.chars < 60 || b.link_density() > 0.25 || !paragraph_like(doc.nodes[c].tag) {
            continue;
        }
        good[c] += b.chars;
    }
    for i in (1..n).rev() {
        let p = doc.nodes[i].parent as usize;
        good[p] += good[i];
    }
    loop {
        let p = doc.nodes[top].parent as usize;
        if p == 0 || matches!(doc.nodes[p].tag, Tag::Body | Tag::Html) {
            return top;
        }
        let extra_good = good[p].saturating_sub(good[top]);
        let extra_all = page.chars[p].saturating_sub(page.chars[top]);
        if extra_good as f32 >= WIDEN_SHARE * extra_all as f32 {
            top = p;
        } else {
            return top;
        }
    }
}

/// Share of an ancestor's extra text that must be paragraphs for [`widen`] to climb.
const WIDEN_SHARE: f32 = 0.5;

/// Link density above which a small box inside the article is a link list, not prose. (An
/// embedded post with a link or two stays below it.)
const JUNK_LINK_DENSITY: f32 = 0.33;

fn score_of(score: &[f32], i: usize) -> f32 {
    if score[i].is_nan() { 0.0 } else { score[i] }
}

fn children<'d>(doc: &'d Doc, p: usize) -> impl Iterator<Item = usize> + 'd {
    let end = doc.nodes[p].end as usize;
    let mut k = p + 1;
    std::iter::from_fn(move || {
        if k >= end {
            return None;
        }
        let cur = k;
        k = (doc.nodes[k].end as usize).max(k + 1);
        Some(cur)
    })
}

/// Pass 4: the selected blocks minus link boxes, the headline and boilerplate lines.
fn clean(page: &Page, blocks: Vec<Block>, selection: &[(usize, usize)]) -> Vec<Block> {
    let doc = page.doc;
    let n = doc.nodes.len();
    // Link-heavy boxes inside the article (readability's conditional cleaning).
    let mut junk = vec![false; n];
    for &(from, to) in selection {
        for i in from + 1..to.min(n) {
            let node = &doc.nodes[i];
            if node.tag == Tag::Text || page.dropped[i] {
                continue;
            }
            let p = node.parent as usize;
            if junk[p] {
                junk[i] = true;
                continue;
            }
            if !matches!(
                node.tag,
                Tag::Ul | Tag::Ol | Tag::Div | Tag::Section | Tag::Table | Tag::Dl | Tag::Other
            ) {
                continue;
            }
            let ld = page.link_density(i);
            let weight = hints::weight(page.bits[i]);
            if page.commas[i] < 10
                && ((weight < 25.0 && ld > JUNK_LINK_DENSITY && page.chars[i] < 1000)
                    || (weight < 25.0 && ld > 0.5)
                    || ld > 0.6)
            {
                junk[i] = true;
            }
        }
    }
    blocks
        .into_iter()
        .filter(|b| {
            let c = b.container as usize;
            selection.iter().any(|&(f, t)| c >= f && c < t)
                && !junk[c]
                && doc.nodes[c].tag != Tag::H(1)
                && !(b.link_density() > 0.8 || (b.link_density() > 0.5 && b.chars < 80))
                && !boilerplate::is_boilerplate_line(&b.text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dom::parse;

    fn text(html: &str) -> String {
        main_text(&parse(html))
    }

    const BODY: &str = "<p>The council voted on Tuesday to extend the tram line, a decision that had been delayed for three years by budget disputes.</p>\
        <p>Supporters said the extension would cut commuting times, while opponents warned about the cost, which has risen twice since 2021.</p>\
        <p>Construction is expected to begin next spring and last eighteen months, according to the city's transport office.</p>";

    #[test]
    fn picks_article_over_navigation_and_related_links() {
        let html = format!(
            "<html><body><nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li></ul></nav>\
             <div class=cookie-banner><p>We use cookies to improve your experience, please accept them all.</p></div>\
             <main><article><h1>Tram line extended</h1><div class=story-body>{BODY}\
             <div class=share-tools><a href=#>Share on Facebook</a></div></div>\
             <aside><h3>Related</h3><ul><li><a href=/a>Another story about trams and council budgets</a></li></ul></aside>\
             </article></main><footer><p>© 2025 City News. All rights reserved.</p></footer></body></html>"
        );
        let t = text(&html);
        assert!(t.starts_with("The council voted"), "{t}");
        assert!(t.ends_with("transport office."), "{t}");
        assert_eq!(t.matches("\n\n").count(), 2, "{t}");
    }

    #[test]
    fn inline_markup_keeps_words_together() {
        let t = text(&format!(
            "<div>{BODY}<p>It was <b>not</b> a surprise, said <a href=/x>Ms Lee</a>, the mayor.</p></div>"
        ));
        assert!(
            t.ends_with("It was not a surprise, said Ms Lee, the mayor."),
            "{t}"
        );
    }

    #[test]
    fn a_link_classed_as_a_tag_inside_a_sentence_stays() {
        let t = text(&format!(
            "<div>{BODY}<p>The ballad that <a class=\"auto-tag\" id=\"auto-tag_jessie-buckley\" \
             href=/t/jb>Jessie Buckley</a> performs closes <span class=meta>Wild Rose</span>.</p></div>"
        ));
        assert!(
            t.ends_with("The ballad that Jessie Buckley performs closes Wild Rose."),
            "{t}"
        );
    }

    #[test]
    fn a_video_span_alone_in_its_paragraph_goes() {
        let t = text(&format!(
            "<div>{BODY}<p class=embed><span class=\"embedded video\">Video Shows Rescue</span></p>\
             <p>The suspect said he needed to get dressed.</p></div>"
        ));
        assert!(!t.contains("Video Shows Rescue"), "{t}");
    }

    #[test]
    fn empty_and_textless_pages() {
        assert_eq!(text(""), "");
        assert_eq!(
            text("<html><head><title>x</title></head><body></body></html>"),
            ""
        );
        assert_eq!(text("just words"), "just words");
    }
}
