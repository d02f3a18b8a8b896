//! Quote marks → quoted segments.
//!
//! Pairs double quote marks line by line (every newline is a paragraph boundary in newsdesk
//! text). Straight marks (`"`, `″`) get their direction from the characters around them; curly
//! marks mostly know theirs, but typists get them wrong, so context can override. A quote left
//! open at the end of a paragraph runs to its end; when the next paragraph opens with a mark
//! it continues the same quote (news convention for quotes spanning paragraphs). Nothing
//! here fails on unbalanced marks: a stray mark is just skipped.

use crate::analysis::Span;

/// One stretch of quoted text inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// From the opening mark to the end of the closing mark (or the paragraph end).
    pub outer: Span,
    /// The words inside the marks, trimmed of white space.
    pub inner: Span,
    /// A closing mark was found in the same paragraph.
    pub closed: bool,
    /// Index of the paragraph (see [`paragraphs`]).
    pub para: usize,
    /// Continues the unclosed quote of the previous paragraph.
    pub continued: bool,
}

/// Paragraph spans: the lines of `text` without their line breaks, empty lines skipped.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            out.push(Span::new(start, start + body.len()));
        }
        start += line.len();
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    Either,
}

fn mark_dir(c: char) -> Option<Dir> {
    match c {
        '"' | '″' | '＂' => Some(Dir::Either),
        '“' | '„' | '‟' => Some(Dir::Open),
        '”' => Some(Dir::Close),
        _ => None,
    }
}

fn is_space_or_none(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Find all quoted segments in `text`, in text order.
pub fn scan(text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut carried = false; // previous paragraph ended inside a quote
    for (pi, para) in paragraphs(text).into_iter().enumerate() {
        let body = para.of(text);
        let mut open: Option<usize> = None; // byte offset of the opening mark
        let mut first_mark = true;
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        for (k, &(rel, c)) in chars.iter().enumerate() {
            let Some(dir) = mark_dir(c) else { continue };
            let before = k.checked_sub(1).map(|j| chars[j].1);
            let after = chars.get(k + 1).map(|&(_, d)| d);
            let left_open = is_space_or_none(before)
                || before.is_some_and(|b| matches!(b, '(' | '[' | '—' | '–' | '-' | ':' | '/'));
            let right_open = !is_space_or_none(after);
            let looks_open = left_open && right_open;
            let looks_close = !left_open && after.is_none_or(|a| !a.is_alphanumeric());
            let at = para.start + rel;
            match open {
                None => {
                    let opens = match dir {
                        Dir::Open | Dir::Either => !looks_close || looks_open,
                        Dir::Close => looks_open,
                    };
                    if opens {
                        open = Some(at);
                    }
                }
                Some(o) => {
                    let reopens = match dir {
                        Dir::Open => looks_open && !looks_close,
                        _ => false,
                    };
                    if reopens {
                        // The previous quote was never closed; it ends where the new one starts.
                        push(text, &mut out, o, at, at, false, pi, carried && first_mark);
                        first_mark = false;
                        open = Some(at);
                    } else {
                        let end = at + c.len_utf8();
                        push(text, &mut out, o, at, end, true, pi, carried && first_mark);
                        first_mark = false;
                        open = None;
                    }
                }
            }
        }
        if let Some(o) = open {
            push(
                text,
                &mut out,
                o,
                para.end,
                para.end,
                false,
                pi,
                carried && first_mark,
            );
        }
        carried = open.is_some();
    }
    out
}

/// Record the segment opened at `open` whose text ends at `inner_end`.
#[allow(clippy::too_many_arguments)]
fn push(
    text: &str,
    out: &mut Vec<Segment>,
    open: usize,
    inner_end: usize,
    outer_end: usize,
    closed: bool,
    para: usize,
    continued_candidate: bool,
) {
    let mark_len = text[open..].chars().next().map_or(1, char::len_utf8);
    let raw = Span::new(open + mark_len, inner_end.max(open + mark_len));
    let s = raw.of(text);
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    let inner = Span::new(raw.start + lead, raw.start + lead + trimmed.len());
    if inner.is_empty() {
        return;
    }
    // A paragraph continues an open quote only when it begins with the opening mark. (Looked up
    // for a paragraph's first mark only: doing it for every mark was quadratic in a long line.)
    let continued = continued_candidate && {
        let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
        text[line_start..open].trim().is_empty()
    };
    out.push(Segment {
        outer: Span::new(open, outer_end),
        inner,
        closed,
        para,
        continued,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        scan(text).iter().map(|s| s.inner.of(text)).collect()
    }

    #[test]
    fn straight_and_curly_marks() {
        let t = "\"We will rebuild,\" the mayor said. She added: “It will take years.”";
        assert_eq!(inner(t), ["We will rebuild,", "It will take years."]);
    }

    #[test]
    fn other_double_marks() {
        let t = "He wrote „Alles gut‟ and ″fine then″ on the wall.";
        assert_eq!(inner(t), ["Alles gut", "fine then"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let t = "“She told me ‘never again’ and left,” he said.";
        assert_eq!(inner(t), ["She told me ‘never again’ and left,"]);
    }

    #[test]
    fn quote_spanning_paragraphs() {
        let t = "The chief said: “First part of it.\n\n“Second part,” she added.";
        let s = scan(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].inner.of(t), "First part of it.");
        assert!(!s[0].closed);
        assert!(s[1].continued);
        assert_eq!(s[1].inner.of(t), "Second part,");
    }

    #[test]
    fn unbalanced_marks_do_not_fail() {
        for t in [
            "\"",
            "”",
            "a \" b",
            "“open only",
            "close only”",
            "\"\"\"",
            "“”",
            "é\"ü\"ö",
        ] {
            let _ = scan(t);
        }
        assert_eq!(inner("He said \"no more"), ["no more"]);
    }

    #[test]
    fn wrong_way_curly_opener() {
        let t = "He called it ”a total disgrace” on Monday.";
        assert_eq!(inner(t), ["a total disgrace"]);
    }
}
