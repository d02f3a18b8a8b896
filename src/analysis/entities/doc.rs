//! The article as the recogniser sees it: tokens per sentence plus document-wide evidence.
//!
//! A word's case is only evidence when it is not forced: the first word of a sentence and every
//! word of an ALL-CAPS headline are capitalised whatever they are. So the document remembers which
//! words it also uses in lower case (`Police said …` vs `the police`), and which it capitalises in
//! the middle of ordinary sentences.

use super::lexicon::FastSet;
use super::tokens::{Case, Token, tokenize};
use crate::analysis::Span;

pub struct Sentence<'t> {
    pub tokens: Vec<Token<'t>>,
    /// Written in capitals throughout (a headline): case says nothing here.
    pub shouted: bool,
    /// Index of the first word token (after opening quotes and brackets).
    pub first_word: usize,
}

pub struct Doc<'t> {
    pub sentences: Vec<Sentence<'t>>,
    /// Words (lower case) written in lower case somewhere in running text.
    pub lower_seen: FastSet<String>,
    /// Words (lower case) capitalised somewhere other than at a sentence start or in a headline.
    pub cap_seen: FastSet<String>,
    /// A sports report (results, tables): place names there usually stand for teams.
    pub sports: bool,
}

const SPORTS: &[&str] = &[
    "soccer",
    "football",
    "tennis",
    "golf",
    "cricket",
    "rugby",
    "baseball",
    "basketball",
    "athletics",
    "cycling",
    "hockey",
    "boxing",
    "skiing",
    "swimming",
    "racing",
    "nfl",
    "nba",
    "nhl",
    "mlb",
    "rowing",
    "yachting",
    "sailing",
    "squash",
    "badminton",
    "volleyball",
    "handball",
    "snooker",
    "darts",
    "motorcycling",
    "formula",
    "olympics",
    "judo",
    "wrestling",
    "triathlon",
    "marathon",
];

impl<'t> Doc<'t> {
    pub fn new(text: &'t str, spans: &[Span]) -> Self {
        let mut sentences = Vec::with_capacity(spans.len());
        let mut lower_seen = FastSet::default();
        let mut cap_seen = FastSet::default();
        let mut sports = false;
        for (n, s) in rejoin(text, spans).iter().enumerate() {
            let tokens = tokenize(text, s.start, s.end);
            let first_word = tokens.iter().position(|t| !t.is_punct()).unwrap_or(0);
            let (mut upper, mut cased) = (0, 0);
            for t in &tokens {
                match t.case {
                    Case::Upper => {
                        upper += 1;
                        cased += 1;
                    }
                    Case::Title | Case::Lower => cased += 1,
                    Case::Other => {}
                }
            }
            let shouted =
                upper >= 1 && upper * 10 >= cased * 8 && !(cased == 1 && tokens.len() > 3);
            if n < 3
                && tokens
                    .iter()
                    .take(6)
                    .any(|t| SPORTS.contains(&t.lower.as_ref()))
            {
                sports |= shouted || (n == 0 && tokens.len() <= 10);
            }
            if !shouted {
                for (i, t) in tokens.iter().enumerate() {
                    match t.case {
                        Case::Lower => {
                            lower_seen.insert(t.lower.to_string());
                        }
                        Case::Title | Case::Upper
                            if i > first_word && !after_opening(&tokens, i) =>
                        {
                            cap_seen.insert(t.lower.to_string());
                        }
                        _ => {}
                    }
                }
            }
            sentences.push(Sentence {
                tokens,
                shouted,
                first_word,
            });
        }
        Doc {
            sentences,
            lower_seen,
            cap_seen,
            sports,
        }
    }
}

/// Undo sentence breaks after initials and abbreviations on one line (`S. Waugh`, `Gen. Lee`):
/// a name must not be cut in two by a splitter that took the dot for a full stop.
fn rejoin(text: &str, spans: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(prev) = out.last_mut() {
            let gap = text.get(prev.end..s.start).unwrap_or("\n");
            let last_word = prev
                .of(text)
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            let last_word = last_word.trim_start_matches(|c: char| !c.is_alphanumeric());
            if !gap.contains('\n') && super::tokens::keeps_dot(last_word) && s.start >= prev.end {
                prev.end = s.end;
                continue;
            }
        }
        out.push(*s);
    }
    out
}

/// The word follows an opening quote or a colon, where English capitalises anything.
fn after_opening(tokens: &[Token], i: usize) -> bool {
    i > 0
        && matches!(
            tokens[i - 1].text,
            "\"" | "“" | "'" | "‘" | ":" | "(" | "-" | "--" | "—"
        )
}
