//! Word tokens with byte offsets, shaped for name chunking.
//!
//! Punctuation is split off words (so a mention never ends in `,` or `"`), a possessive `'s`
//! becomes its own token (`Putin's` → `Putin` + `'s`), and abbreviation dots stay on their word
//! (`U.S.`, `Corp.`, `J.`).

use std::borrow::Cow;

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `Putin`, `McCain`, `U.S.` starts upper then has lower case or is a dotted initialism.
    Title,
    /// `NATO`, `PUTIN`: every letter upper case (two or more letters).
    Upper,
    /// `said`, `de`, `iPhone`: starts with a lower-case letter.
    Lower,
    /// Digits, punctuation, symbols.
    Other,
}

#[derive(Debug, Clone)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    /// Lower-cased text, borrowed when the word has no capitals.
    pub lower: Cow<'t, str>,
    pub case: Case,
}

impl Token<'_> {
    /// Starts with an upper-case letter (title case or all caps).
    pub fn is_cap(&self) -> bool {
        matches!(self.case, Case::Title | Case::Upper)
    }

    pub fn is_punct(&self) -> bool {
        self.text.chars().all(|c| !c.is_alphanumeric())
    }

    pub fn has_digit(&self) -> bool {
        self.text.chars().any(|c| c.is_ascii_digit())
    }

    /// A possessive `'s` split off a name.
    pub fn is_possessive(&self) -> bool {
        matches!(self.text, "'s" | "’s" | "'" | "’")
    }
}

const OPEN: &[char] = &[
    '"', '\'', '“', '‘', '(', '[', '{', '«', '‹', '„', '`', '*', '¿', '¡',
];
const CLOSE: &[char] = &[
    '"', '\'', '”', '’', ')', ']', '}', '»', '›', ',', ';', ':', '!', '?', '.', '…', '*',
];

/// Abbreviations that keep their dot even at a sentence end.
pub fn keeps_dot(word: &str) -> bool {
    if !word.ends_with('.') {
        return false;
    }
    let stem = &word[..word.len() - 1];
    if stem.is_empty() {
        return false;
    }
    // Initials and dotted initialisms: `J.`, `U.S.`, `a.m.`
    let single_cap = stem.chars().count() == 1 && stem.chars().all(char::is_uppercase);
    single_cap
        || stem.contains('.')
        || matches!(
            stem,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Jr"
                | "Sr"
                | "St"
                | "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "Gen"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Lt"
                | "Col"
                | "Capt"
                | "Sgt"
                | "Prof"
                | "Rev"
                | "Maj"
                | "Adm"
                | "Cmdr"
                | "Bros"
                | "Mt"
                | "Ft"
                | "No"
                | "vs"
                | "Messrs"
                | "Pres"
        )
}

/// Tokenise `text[span]`, offsets relative to `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let Some(s) = text.get(start..end) else {
        return out;
    };
    let mut pos = 0;
    for piece in s.split(char::is_whitespace) {
        let at = start + pos;
        pos += piece.len()
            + s[pos + piece.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let mut from = 0;
        for (i, c) in piece.char_indices() {
            if joins_words(piece, i, c) {
                if i > from {
                    split_piece(text, at + from, &piece[from..i], &mut out);
                }
                push(text, at + i, at + i + c.len_utf8(), &mut out);
                from = i + c.len_utf8();
            }
        }
        if from < piece.len() {
            split_piece(text, at + from, &piece[from..], &mut out);
        }
    }
    out
}

/// A dash or comma written with no space between two words (`2016—Colorado,Washington`,
/// `Oregon—`), which stands apart as it would with spaces. A comma between digits
/// (`1,000`) and a hyphen (`co-host`) stay inside their word.
fn joins_words(piece: &str, i: usize, c: char) -> bool {
    match c {
        '—' | '–' => piece.len() > c.len_utf8(),
        ',' => {
            let before = piece[..i].chars().next_back();
            let after = piece[i + 1..].chars().next();
            before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

fn split_piece<'t>(text: &'t str, at: usize, piece: &'t str, out: &mut Vec<Token<'t>>) {
    // Leading punctuation, one token each.
    let mut body_start = 0;
    for (i, c) in piece.char_indices() {
        if OPEN.contains(&c) || (c == '-' || c == '—' || c == '–') && piece.len() > c.len_utf8()
        {
            // A leading apostrophe that opens `'s` is a possessive, not a quote.
            if piece[i..].starts_with("'s") && piece.len() == i + 2 || piece[i..] == *"’s" {
                break;
            }
            push(text, at + i, at + i + c.len_utf8(), out);
            body_start = i + c.len_utf8();
        } else {
            break;
        }
    }
    let body = &piece[body_start..];
    // Trailing punctuation, collected right to left.
    let mut trail: Vec<(usize, usize)> = Vec::new();
    let mut body_end = body.len();
    while let Some(c) = body[..body_end].chars().next_back() {
        if !CLOSE.contains(&c) {
            break;
        }
        let c_start = body_end - c.len_utf8();
        if c_start == 0 {
            break;
        }
        if c == '.' && keeps_dot(&body[..body_end]) {
            break;
        }
        // `Jones'` keeps no apostrophe; `'s` handled below.
        trail.push((c_start, body_end));
        body_end = c_start;
    }
    let word = &body[..body_end];
    let base = at + body_start;
    // Possessive split: `Putin's` → `Putin` `'s`.
    let poss = ["'s", "’s", "'S", "’S"].iter().find_map(|p| {
        word.strip_suffix(p)
            .filter(|w| !w.is_empty() && w.chars().any(char::is_alphabetic))
            .map(|w| w.len())
    });
    match poss {
        Some(n) => {
            push(text, base, base + n, out);
            push(text, base + n, base + word.len(), out);
        }
        None if !word.is_empty() => push(text, base, base + word.len(), out),
        None => {}
    }
    for (a, b) in trail.into_iter().rev() {
        push(text, base + a, base + b, out);
    }
}

fn push<'t>(text: &'t str, start: usize, end: usize, out: &mut Vec<Token<'t>>) {
    let t = &text[start..end];
    out.push(Token {
        start,
        end,
        text: t,
        // Most words have no capitals: borrow them instead of allocating.
        lower: if t.chars().any(char::is_uppercase) {
            Cow::Owned(t.to_lowercase())
        } else {
            Cow::Borrowed(t)
        },
        case: case_of(t),
    });
}

fn case_of(t: &str) -> Case {
    let mut letters = t.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Other;
    };
    if !t.starts_with(|c: char| c.is_alphabetic()) && !t.starts_with(|c: char| c.is_ascii_digit()) {
        return Case::Other;
    }
    if !first.is_uppercase() {
        return if t.starts_with(char::is_alphabetic) {
            Case::Lower
        } else {
            Case::Other
        };
    }
    if !t.starts_with(char::is_alphabetic) {
        return Case::Other;
    }
    let rest: Vec<char> = letters.collect();
    if rest.is_empty() {
        return if t.contains('.') {
            Case::Title
        } else {
            Case::Upper
        };
    }
    if rest.iter().all(|c| c.is_uppercase()) {
        // `U.S.` is written like a name, not shouted.
        if t.contains('.') {
            Case::Title
        } else {
            Case::Upper
        }
    } else {
        Case::Title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t, 0, t.len()).iter().map(|t| t.text).collect()
    }

    #[test]
    fn punctuation_and_possessives_split() {
        assert_eq!(
            words("Putin's demands, \"forever\"."),
            ["Putin", "'s", "demands", ",", "\"", "forever", "\"", "."]
        );
        assert_eq!(
            words("Merkel’s (CDU) party"),
            ["Merkel", "’s", "(", "CDU", ")", "party"]
        );
    }

    #[test]
    fn dashes_and_commas_run_into_words_split() {
        assert_eq!(
            words("by 2016—Leith,Dunmore and Kelso— then"),
            [
                "by", "2016", "—", "Leith", ",", "Dunmore", "and", "Kelso", "—", "then"
            ]
        );
        assert_eq!(
            words("1,000 co-hosts, 2008–2016"),
            ["1,000", "co-hosts", ",", "2008", "–", "2016"]
        );
        assert_eq!(words("— and –"), ["—", "and", "–"]);
        let t = "a—b";
        let toks = tokenize(t, 0, t.len());
        assert_eq!(
            toks.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>(),
            [(0, 1), (1, 4), (4, 5)]
        );
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        assert_eq!(
            words("the U.S. and Acme Corp. said J. Smith"),
            ["the", "U.S.", "and", "Acme", "Corp.", "said", "J.", "Smith"]
        );
        assert_eq!(words("in Paris."), ["in", "Paris", "."]);
    }

    #[test]
    fn spaced_tokens_keep_offsets() {
        let t = "Putin 's  war";
        let toks = tokenize(t, 0, t.len());
        assert_eq!(
            toks.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>(),
            [(0, 5), (6, 8), (10, 13)]
        );
        assert!(toks[1].is_possessive());
    }

    #[test]
    fn shapes() {
        let t = "NATO Putin U.S. said 1996 -";
        let c: Vec<Case> = tokenize(t, 0, t.len()).iter().map(|t| t.case).collect();
        assert_eq!(
            c,
            [
                Case::Upper,
                Case::Title,
                Case::Title,
                Case::Lower,
                Case::Other,
                Case::Other
            ]
        );
    }

    #[test]
    fn unicode_is_safe() {
        assert_eq!(
            words("«Zürich» – Łódź…"),
            ["«", "Zürich", "»", "–", "Łódź", "…"]
        );
    }
}
