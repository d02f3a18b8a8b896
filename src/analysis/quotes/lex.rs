//! Tokens of the narration around quotes: words, punctuation and whole quotes as single
//! tokens, each with its byte span. Attribution rules read these instead of raw text so
//! that a quote's inner words never look like a speaker.

use super::marks::Segment;
use crate::analysis::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// A quote segment (index into the segment list), marks included.
    Quote(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
    pub kind: Kind,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            Kind::Quote(i) => Some(i),
            _ => None,
        }
    }

    /// Starts with an upper-case letter (names, titles, sentence starts).
    pub fn is_capitalised(&self, text: &str) -> bool {
        self.is_word()
            && self
                .span
                .of(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }
}

/// Tokenise `para` (a span of `text`), turning every segment that starts inside it into one
/// [`Kind::Quote`] token. `segments` must be sorted by position.
pub fn tokenize(text: &str, para: Span, segments: &[Segment]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut seg = segments.partition_point(|s| s.outer.start < para.start);
    let body = para.of(text);
    let mut iter = body.char_indices().peekable();
    while let Some(&(rel, c)) = iter.peek() {
        let at = para.start + rel;
        if let Some(s) = segments.get(seg).filter(|s| s.outer.start == at) {
            out.push(Tok {
                span: s.outer,
                kind: Kind::Quote(seg),
            });
            seg += 1;
            while iter
                .peek()
                .is_some_and(|&(r, _)| para.start + r < s.outer.end)
            {
                iter.next();
            }
            continue;
        }
        if c.is_whitespace() {
            iter.next();
        } else if c.is_alphanumeric() {
            let mut end = rel + c.len_utf8();
            iter.next();
            while let Some(&(r, d)) = iter.peek() {
                if segments
                    .get(seg)
                    .is_some_and(|s| s.outer.start == para.start + r)
                {
                    break;
                }
                if d.is_alphanumeric() {
                    end = r + d.len_utf8();
                    iter.next();
                    continue;
                }
                // Joiners stay inside a word when a letter or digit follows (U.S, O'Neill, AT&T).
                let next_alnum = body[r + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if matches!(d, '\'' | '’' | '-' | '.' | '&') && next_alnum {
                    iter.next();
                    continue;
                }
                break;
            }
            out.push(Tok {
                span: Span::new(at, para.start + end),
                kind: Kind::Word,
            });
        } else {
            iter.next();
            out.push(Tok {
                span: Span::new(at, at + c.len_utf8()),
                kind: Kind::Punct(c),
            });
        }
    }
    out
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "st",
    "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "prof", "rev", "ft", "mt", "jan", "feb",
    "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "u.n", "d.c", "a.m",
    "p.m", "e.g", "i.e", "pres", "supt", "atty", "gens", "reps", "sens", "del", "hon", "messrs",
    "ave", "blvd", "dept", "univ", "assn", "bros", "approx", "cmdr", "sup", "msgr", "fr",
];

/// Does token `i` (a `.`, `?` or `!`) end a sentence?
pub fn ends_sentence(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = toks[i];
    if !matches!(t.kind, Kind::Punct('.' | '?' | '!' | ';')) {
        return false;
    }
    if t.is_punct('.')
        && let Some(prev) = i.checked_sub(1).map(|j| toks[j])
        && prev.is_word()
        && prev.span.end == t.span.start
    {
        let w = prev.span.of(text).to_lowercase();
        let single_letter = w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        if single_letter || ABBREVIATIONS.contains(&w.as_str()) {
            return false;
        }
    }
    match toks.get(i + 1) {
        None => true,
        Some(n) => match n.kind {
            Kind::Word => !n
                .span
                .of(text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase),
            Kind::Quote(_) => true,
            Kind::Punct(c) => matches!(c, '(' | '[' | '—' | '-'),
        },
    }
}

/// Does quote token `i` end its sentence (its inner text ends with `.`, `?` or `!` and the
/// next token starts a new sentence)? Attribution right after it is checked separately.
pub fn quote_ends_sentence(text: &str, toks: &[Tok], inner: Span, i: usize) -> bool {
    let last = inner.of(text).trim_end().chars().last();
    if !matches!(last, Some('.' | '?' | '!' | '…')) {
        return false;
    }
    match toks.get(i + 1) {
        None => true,
        Some(n) => match n.kind {
            Kind::Word => !n
                .span
                .of(text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase),
            Kind::Quote(_) => true,
            Kind::Punct(c) => !matches!(c, ',' | ')'),
        },
    }
}
