//! The short answer: the phrase of the expected type inside a cited sentence, nearest to the
//! question's words and not part of the question (`Which regions…?` → `Donetsk, Luhansk,
//! Zaporizhzhia and Kherson`).

use super::question::{AnswerType, Measure};
use super::words::{self, Token, is_stopword};
use crate::analysis::EntityKind;
use crate::analysis::calendar::{is_month, is_weekday};
use std::collections::HashSet;

/// An entity mention inside a sentence: byte span into the sentence text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub entity: i64,
}

/// A phrase found in a sentence: byte span into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
}

/// A sentence ready for phrase finding.
#[derive(Debug)]
pub struct Parts<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub mentions: &'a [Mention],
}

/// Phrases of the expected type in a sentence, whether or not the question already holds them.
pub fn typed_phrases(expects: AnswerType, s: &Parts<'_>) -> Vec<Phrase> {
    match expects {
        AnswerType::Person => by_kind(s, &[EntityKind::Person], true),
        AnswerType::Organization => by_kind(s, &[EntityKind::Organization], true),
        AnswerType::Place => by_kind(s, &[EntityKind::Place], true),
        AnswerType::Date => dates(s),
        AnswerType::Number(m) => numbers(s, m),
        AnswerType::Quote => quoted(s.text),
        AnswerType::Definition | AnswerType::Thing => noun_runs(s),
        AnswerType::Reason | AnswerType::Manner | AnswerType::YesNo => Vec::new(),
    }
}

/// Index range of the tokens a byte span covers.
fn token_range(tokens: &[Token], p: Phrase) -> std::ops::Range<usize> {
    let first = tokens.partition_point(|t| t.end <= p.start);
    let last = tokens.partition_point(|t| t.start < p.end);
    first..last.max(first)
}

/// The short answer in `s`: a typed phrase holding a word the question does not, nearest to the
/// question's words found in the sentence.
pub fn short_answer(
    expects: AnswerType,
    several: bool,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    best_phrase(expects, several, s, question_keys).map(|b| b.0)
}

/// [`short_answer`] with its distance in words from the nearest of the question's words.
pub fn best_phrase(
    expects: AnswerType,
    several: bool,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<(Phrase, f64)> {
    if !expects.has_phrase() {
        return None;
    }
    let anchors: Vec<usize> = s
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_stopword() && question_keys.contains(&t.key))
        .map(|(i, _)| i)
        .collect();
    let mut best: Option<(f64, Phrase, f64)> = None;
    for p in typed_phrases(expects, s) {
        let range = token_range(s.tokens, p);
        let toks = &s.tokens[range.clone()];
        let new_words = toks
            .iter()
            .filter(|t| !t.is_stopword() && !question_keys.contains(&t.key))
            .count();
        if new_words == 0 {
            continue;
        }
        let distance = anchors
            .iter()
            .map(|&a| {
                if a < range.start {
                    range.start - a
                } else {
                    a.saturating_sub(range.end - 1)
                }
            })
            .min()
            .unwrap_or(0) as f64;
        // Nearer is better; a phrase half made of the question's words is a weaker answer; a
        // name is a likelier answer than a lone verb.
        let repeated = (toks.len() - new_words) as f64 / toks.len().max(1) as f64;
        let named = toks[0].capital && range.start > 0;
        let verb_like = toks.len() == 1 && {
            let n = toks[0].norm.as_str();
            n.ends_with("ed") || n.ends_with("ing") || n.ends_with("ly")
        };
        // A question asking for several (`which regions`) is answered by a list.
        let inside = &s.text[p.start..p.end];
        let list = inside.contains([',', '&']) || inside.contains(" and ");
        let cost = distance + 1.5 * repeated - f64::from(u8::from(named))
            + 2.0 * f64::from(u8::from(verb_like))
            - 5.0 * f64::from(u8::from(several && list));
        if best.is_none_or(|(c, _, _)| cost < c) {
            best = Some((cost, p, distance));
        }
    }
    best.map(|(_, p, d)| (p, d))
}

/// Mentions of the kinds wanted, lists of them (`A, B and C`) joined into one phrase; with no
/// such mention, runs of capitalised words when `fallback`.
fn by_kind(s: &Parts<'_>, kinds: &[EntityKind], fallback: bool) -> Vec<Phrase> {
    let mut spans: Vec<Phrase> = s
        .mentions
        .iter()
        .filter(|m| kinds.contains(&m.kind) && m.end <= s.text.len() && m.start < m.end)
        .map(|m| Phrase {
            start: m.start,
            end: m.end,
        })
        .collect();
    spans.sort_by_key(|p| p.start);
    spans.dedup_by(|b, a| b.start < a.end);
    if spans.is_empty() && fallback {
        spans = capital_runs(s);
    }
    join_lists(s.text, spans)
}

/// `Donetsk, Luhansk, Zaporizhzhia and Kherson`: phrases separated only by a comma, `and` or
/// `or` become one.
fn join_lists(text: &str, spans: Vec<Phrase>) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = Vec::new();
    for p in spans {
        if let Some(last) = out.last_mut()
            && let Some(gap) = text.get(last.end..p.start)
        {
            let gap = gap.trim();
            let gap = gap.trim_start_matches(',').trim();
            if matches!(gap, "" | "and" | "or" | "&")
                && !text[last.end..p.start].contains(['.', ';'])
            {
                last.end = p.end;
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// Runs of capitalised words (a name the recogniser did not know), not at the sentence start
/// unless the run is longer than one word.
fn capital_runs(s: &Parts<'_>) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = 0;
    let t = s.tokens;
    while i < t.len() {
        if !t[i].capital || t[i].is_stopword() || t[i].number.is_some() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < t.len() {
            let gap = &s.text[t[j - 1].end..t[j].start];
            let joins = gap.trim().is_empty() || gap.trim() == "-";
            let connector = matches!(
                t[j].norm.as_str(),
                "of" | "de" | "von" | "van" | "al" | "the"
            ) && t.get(j + 1).is_some_and(|n| n.capital);
            if joins && (t[j].capital || connector) {
                j += 1;
            } else {
                break;
            }
        }
        if i > 0 || j - i > 1 {
            out.push(Phrase {
                start: t[i].start,
                end: t[j - 1].end,
            });
        }
        i = j;
    }
    out
}

fn is_ordinal_day(w: &str) -> bool {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    !digits.is_empty() && digits.len() <= 2 && matches!(rest, "" | "st" | "nd" | "rd" | "th")
}

/// Dates and times: `5 March 2024`, `March 5`, `1997`, `the 1990s`, `the 19th century`,
/// `Tuesday`, `last week`.
fn dates(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    let is_core = |w: &Token| {
        let n = w.norm.as_str();
        is_month(n) && (w.capital || n.len() > 3)
            || is_weekday(n)
            || words::is_year(n)
            || (n.len() == 5 && n.ends_with('s') && words::is_year(&n[..4]))
            || matches!(n, "yesterday" | "today" | "tomorrow" | "tonight")
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let century = is_ordinal_day(&t[i].norm)
            && matches!(
                t.get(i + 1).map(|w| w.norm.as_str()),
                Some("century" | "centuries")
            );
        if !is_core(&t[i]) && !century {
            i += 1;
            continue;
        }
        let mut start = i;
        // `5 March`, `early 1990s`, `mid-`, `late`.
        if start > 0
            && (is_ordinal_day(&t[start - 1].norm)
                || matches!(t[start - 1].norm.as_str(), "early" | "mid" | "late"))
        {
            start -= 1;
        }
        let mut end = if century { i + 2 } else { i + 1 };
        while end < t.len() {
            let n = t[end].norm.as_str();
            let gap = s.text[t[end - 1].end..t[end].start].trim();
            if !matches!(gap, "" | ",") {
                break;
            }
            if is_month(n)
                || is_ordinal_day(n)
                || words::is_year(n)
                || matches!(n, "bc" | "ad" | "bce" | "ce")
            {
                end += 1;
            } else {
                break;
            }
        }
        out.push(Phrase {
            start: t[start].start,
            end: t[end - 1].end,
        });
        i = end;
    }
    out
}

/// Numbers with what makes them a quantity: a currency sign before, a scale (`million`), a
/// percent, or a unit word after.
fn numbers(s: &Parts<'_>, m: Measure) -> Vec<Phrase> {
    let t = s.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let Some(_) = t[i].number else {
            i += 1;
            continue;
        };
        let n = t[i].norm.as_str();
        // A year is a date, not a count, unless written with separators.
        if words::is_year(n) && m != Measure::Quantity {
            i += 1;
            continue;
        }
        let mut start = t[i].start;
        let before = &s.text[..start];
        for sign in ["US$", "$", "€", "£", "¥"] {
            if before.ends_with(sign) {
                start -= sign.len();
                break;
            }
        }
        let mut end = i + 1;
        // Further number words and scales: `two hundred thousand`, `7 million`.
        while end < t.len()
            && (t[end].number.is_some() && !t[end].norm.starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    t[end].norm.as_str(),
                    "million" | "billion" | "trillion" | "bn" | "m"
                ))
        {
            end += 1;
        }
        let after = s.text[t[end - 1].end..].trim_start();
        let mut stop = t[end - 1].end;
        if after.starts_with('%') {
            stop = s.text.len() - after.len() + '%'.len_utf8();
        } else if let Some(next) = t.get(end) {
            let unit = next.norm.as_str();
            let take = match m {
                Measure::Count => false,
                Measure::Percent => matches!(unit, "percent" | "per"),
                Measure::Money => words::is_money_word(unit),
                Measure::Duration => words::is_duration_unit(unit),
                Measure::Length => is_length_unit(unit) || words::is_duration_unit(unit),
                Measure::Quantity => {
                    !is_stopword(unit)
                        && !next.capital
                        && next.number.is_none()
                        && unit.chars().all(char::is_alphabetic)
                }
            };
            if take {
                stop = next.end;
                // `per cent`, `square kilometres`.
                if let Some(second) = t.get(end + 1) {
                    let two = matches!(
                        (unit, second.norm.as_str()),
                        ("per", "cent") | ("square" | "cubic", _)
                    );
                    if two {
                        stop = second.end;
                    }
                }
            }
        }
        // A length without its unit is not one (`12,000 riders` does not say how long).
        if m != Measure::Length || stop > t[end - 1].end {
            out.push(Phrase { start, end: stop });
        }
        i = end;
    }
    if m == Measure::Percent {
        // `over half`, `a third`: fractions said in words.
        for (k, w) in t.iter().enumerate() {
            if matches!(w.norm.as_str(), "half" | "third" | "quarter" | "majority") {
                let start = if k > 0
                    && matches!(
                        t[k - 1].norm.as_str(),
                        "over" | "about" | "nearly" | "a" | "one" | "two"
                    ) {
                    t[k - 1].start
                } else {
                    w.start
                };
                out.push(Phrase { start, end: w.end });
            }
        }
        out.sort_by_key(|p| p.start);
    }
    out
}

fn is_length_unit(w: &str) -> bool {
    matches!(
        w,
        "metre"
            | "metres"
            | "meter"
            | "meters"
            | "m"
            | "km"
            | "kilometre"
            | "kilometres"
            | "kilometer"
            | "kilometers"
            | "mile"
            | "miles"
            | "foot"
            | "feet"
            | "ft"
            | "inch"
            | "inches"
            | "yard"
            | "yards"
            | "cm"
            | "centimetres"
            | "mm"
            | "light"
    )
}

/// Text inside quotation marks (longer than three bytes).
pub fn quoted(text: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"' | '\u{201C}', None) => open = Some(i + c.len_utf8()),
            ('"' | '\u{201D}', Some(o)) => {
                if i > o + 3 {
                    out.push(Phrase { start: o, end: i });
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Runs of content words (no stop words, no sentence punctuation inside), the candidates for
/// an untyped *what* answer. `of` joins two runs (`Book of Exodus`).
fn noun_runs(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t[i].is_stopword() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < t.len() && j - i < 6 {
            let gap = s.text[t[j - 1].end..t[j].start].trim();
            if !(gap.is_empty() || gap == "-") {
                break;
            }
            let of = matches!(t[j].norm.as_str(), "of" | "the")
                && t.get(j + 1).is_some_and(|n| !n.is_stopword());
            if t[j].is_stopword() && !of {
                break;
            }
            j += 1;
        }
        out.push(Phrase {
            start: t[i].start,
            end: t[j - 1].end,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::question::Question;
    use chrono::NaiveDate;

    fn answer(question: &str, sentence: &str, mentions: &[(&str, EntityKind)]) -> Option<String> {
        let q = Question::parse(question, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        let keys: HashSet<String> = q.content().iter().map(|t| t.key.clone()).collect();
        let tokens = words::tokens(sentence);
        let mentions: Vec<Mention> = mentions
            .iter()
            .map(|(name, kind)| {
                let start = sentence.find(name).unwrap();
                Mention {
                    start,
                    end: start + name.len(),
                    kind: *kind,
                    entity: 0,
                }
            })
            .collect();
        let parts = Parts {
            text: sentence,
            tokens: &tokens,
            mentions: &mentions,
        };
        short_answer(q.expects, q.several, &parts, &keys)
            .map(|p| sentence[p.start..p.end].to_string())
    }

    #[test]
    fn a_list_of_places_is_one_answer() {
        let place = EntityKind::Place;
        let got = answer(
            "Which regions does Putin want before ending the war?",
            "Putin wants Ukraine to give up Donetsk, Luhansk, Zaporizhzhia and Kherson before any ceasefire.",
            &[
                ("Ukraine", place),
                ("Donetsk", place),
                ("Luhansk", place),
                ("Zaporizhzhia", place),
                ("Kherson", place),
            ],
        );
        assert_eq!(
            got.as_deref(),
            Some("Donetsk, Luhansk, Zaporizhzhia and Kherson")
        );
    }

    #[test]
    fn typed_answers() {
        assert_eq!(
            answer(
                "How many square kilometres does the basin cover?",
                "The basin covers 7,000,000 square kilometres.",
                &[]
            )
            .as_deref(),
            Some("7,000,000")
        );
        assert_eq!(
            answer(
                "How much will the dredging cost?",
                "Work will cost $4.5 million and start in spring.",
                &[]
            )
            .as_deref(),
            Some("$4.5 million")
        );
        assert_eq!(
            answer(
                "When did the tram open?",
                "The tram opened on 5 March 2024 after delays.",
                &[]
            )
            .as_deref(),
            Some("5 March 2024")
        );
        assert_eq!(
            answer(
                "Who leads the port authority?",
                "The port authority is led by Mara Olsen since June.",
                &[("Mara Olsen", EntityKind::Person)]
            )
            .as_deref(),
            Some("Mara Olsen")
        );
        assert_eq!(
            answer(
                "What percentage of voters agreed?",
                "About 45% of voters agreed with the plan.",
                &[]
            )
            .as_deref(),
            Some("45%")
        );
        assert_eq!(
            answer(
                "Why did prices rise?",
                "Prices rose because of the drought.",
                &[]
            ),
            None
        );
    }

    #[test]
    fn a_phrase_the_question_already_holds_is_no_answer() {
        assert_eq!(
            answer(
                "When did the war start in 2014?",
                "The war started in 2014.",
                &[]
            ),
            None
        );
        assert_eq!(
            answer("What book of the Bible discusses civil disobedience?", "Civil disobedience is described in the Book of Exodus, where midwives defy the king.", &[]).as_deref(),
            Some("Book of Exodus")
        );
    }

    #[test]
    fn spans_stay_inside_odd_sentences() {
        for text in [
            "",
            "“",
            "$",
            "5%",
            "\"\"\"",
            "In 1990s, the 19th century, 3 million € and “so”.",
        ] {
            let tokens = words::tokens(text);
            let parts = Parts {
                text,
                tokens: &tokens,
                mentions: &[],
            };
            for t in [
                AnswerType::Date,
                AnswerType::Number(Measure::Money),
                AnswerType::Quote,
                AnswerType::Thing,
                AnswerType::Person,
            ] {
                for p in typed_phrases(t, &parts) {
                    assert!(p.start <= p.end && p.end <= text.len());
                    assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
                }
            }
        }
    }
}
