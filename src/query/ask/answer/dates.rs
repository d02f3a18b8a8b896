//! Phrases of time: the dates, ages and frequencies among the typed phrases, and the *when*
//! answers written without a date (a time of day, a clause of time, a span counted from an
//! event). Apart because times are told by words of their own (months, units of time, `ago`).

use crate::analysis::calendar::{is_month, is_weekday};
use crate::query::ask::clock;
use crate::query::ask::question::Question;
use crate::query::ask::words::{self, Token, is_determiner};
use std::collections::HashSet;

use super::noun_runs::noun_runs;
use super::{Parts, Phrase, anchors, nearest_gap, token_range};

/// The time of day the question asks: the one right after its last verb (`shuts at
/// [midnight]` for `what time does the stall shut`), or else the nearest its words.
pub(super) fn clock_time(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let t = s.tokens;
    let at = anchors(t, question_keys);
    let verb = q.last_content_word();
    clock::times_of_day(s).into_iter().min_by_key(|p| {
        let r = token_range(t, *p);
        let after_verb = (1..=3).any(|back| {
            r.start >= back
                && verb.is_some_and(|v| t[r.start - back].key == v)
                && t[r.start - back + 1..r.start]
                    .iter()
                    .all(Token::is_stopword)
        });
        // The word right after a time counts as part of it here, as it always has: measured
        // like the other phrases, some ties would fall the other way.
        let nearest = nearest_gap(&(r.start..r.end + 1), at.iter().copied()).unwrap_or(0);
        (!after_verb, nearest)
    })
}

/// Words a clause of time ([`gerund_clause`]) runs to at most.
const TIME_CLAUSE_WORDS: usize = 8;

/// `after [sustaining] an injury`: a lone verb in `-ing` after a preposition of time is the
/// head of a clause, which answers *when* whole: `after sustaining an injury`, up to the end of
/// the clause. None for any other phrase.
pub(super) fn gerund_clause(s: &Parts<'_>, p: Phrase) -> Option<Phrase> {
    let t = s.tokens;
    let r = token_range(t, p);
    let verb = t.get(r.start).filter(|_| r.len() == 1)?;
    if verb.capital || verb.norm.len() <= 5 || !verb.norm.ends_with("ing") {
        return None;
    }
    let before = r.start.checked_sub(1).map(|k| &t[k])?;
    if !matches!(
        before.norm.as_str(),
        "after" | "before" | "since" | "until" | "while" | "when"
    ) || !s.text[before.end..verb.start].trim().is_empty()
    {
        return None;
    }
    // To a mark, a relative or joining word, or another time (`during …`).
    let mut end = r.end;
    while end < t.len()
        && end - r.start < TIME_CLAUSE_WORDS
        && !s.text[t[end - 1].end..t[end].start].contains([',', ';', ':', '.', '\u{2014}', '('])
        && !matches!(
            t[end].norm.as_str(),
            "which"
                | "who"
                | "whom"
                | "whose"
                | "that"
                | "and"
                | "but"
                | "or"
                | "during"
                | "after"
                | "before"
                | "while"
                | "when"
        )
    {
        end += 1;
    }
    Some(Phrase {
        start: before.start,
        end: t[end - 1].end,
    })
}

/// Whether the phrase at `p` counts time (`about [nine weeks]`) rather than placing something
/// in it: how long, no answer to *when*, unless counted from a point (`two days later`).
pub(super) fn a_length_of_time(s: &Parts<'_>, p: Phrase) -> bool {
    let range = token_range(s.tokens, p);
    let counted = s
        .tokens
        .get(range.start)
        .is_some_and(|t| t.number.is_some());
    let from_a_point = s.tokens.get(range.end).is_some_and(|t| {
        matches!(
            t.norm.as_str(),
            "ago" | "later" | "earlier" | "after" | "before"
        )
    });
    counted && !from_a_point
}

/// A weekday, a month or another word of time (`Tuesday`, `March`, `afternoon`).
pub(super) fn names_a_time(w: &str) -> bool {
    is_weekday(w) || is_month(w) || words::is_time_word(w)
}

/// Whether the phrase at `p` names a time: a preposition of time stands before it (articles
/// and possessives skipped), or it has a word of time in it that is pinned down (`Tuesday
/// night`, `the next day`), not a bare `day` or `time`.
pub(super) fn reads_as_time(text: &str, p: Phrase) -> bool {
    // Besides those `names_a_time` takes, the words of time a phrase may have in it.
    const TIME_WORDS: &[&str] = &[
        "day", "days", "era", "age", "period", "time", "season", "dawn", "dusk", "noon", "midnight",
    ];
    const BEFORE_TIME: &[&str] = &[
        "during",
        "after",
        "before",
        "until",
        "till",
        "since",
        "following",
        "throughout",
        "amid",
    ];
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let after_time_word = text[..p.start]
        .split_whitespace()
        .rev()
        .map(lower)
        .find(|w| {
            !matches!(
                w.as_str(),
                "the" | "a" | "an" | "his" | "her" | "its" | "their"
            )
        })
        .is_some_and(|w| BEFORE_TIME.contains(&w.as_str()));
    if after_time_word {
        return true;
    }
    // A bare `day` or `time` says no when (`the day Epstein died`); `Tuesday night`, `the
    // next day`, `that year`, `the day of 9 May` do.
    let words: Vec<String> = text[p.start..p.end].split_whitespace().map(lower).collect();
    let bare = |w: &str| {
        matches!(
            w,
            "day" | "days" | "time" | "night" | "period" | "age" | "era" | "year" | "years"
        )
    };
    let timed: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| TIME_WORDS.contains(w) || names_a_time(w))
        .collect();
    let pinned = words.iter().any(|w| {
        w.contains(|c: char| c.is_ascii_digit())
            || matches!(
                w.as_str(),
                "next" | "following" | "previous" | "same" | "that" | "last" | "first" | "final"
            )
    });
    !timed.is_empty() && (pinned || timed.iter().any(|w| !bare(w)))
}

/// Whether a *when* question asks about what is to come (`when is`, `when will`: true) or
/// what has been (`when did`, `when was`: false), by the verb right after `when`.
pub(super) fn asked_tense(q: &Question) -> Option<bool> {
    let w = &q.words;
    let at = w.iter().position(|t| t.norm == "when")?;
    match w.get(at + 1)?.norm.as_str() {
        "is" | "are" | "will" => Some(true),
        "did" | "was" | "were" => Some(false),
        _ => None,
    }
}

/// Which side of the day of writing a time said from it lies on: `last month`, `two weeks ago`
/// (false), `next year`, `tomorrow` (true); `None` for a date or anything else.
pub(super) fn relative_side(toks: &[Token]) -> Option<bool> {
    let first = toks.first()?.norm.as_str();
    let last = toks.last()?.norm.as_str();
    if matches!(first, "last" | "past" | "previous" | "yesterday") || last == "ago" {
        Some(false)
    } else if matches!(first, "next" | "tomorrow" | "coming") {
        Some(true)
    } else {
        None
    }
}

fn is_ordinal_day(w: &str) -> bool {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    !digits.is_empty() && digits.len() <= 2 && matches!(rest, "" | "st" | "nd" | "rd" | "th")
}

/// Dates and times: `5 March 2024`, `March 5`, `1997`, `the 1990s`, `the 19th century`,
/// `Tuesday`, `last week`.
pub(super) fn dates(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    let is_core = |w: &Token| {
        let n = w.norm.as_str();
        is_month(n) && (w.capital || n.len() > 3)
            || is_weekday(n)
            || words::is_year(n)
            || (n.len() == 5 && n.ends_with('s') && words::is_year(&n[..4]))
            || words::is_day_from_today(n)
    };
    // `next year`, `last week`, `the following spring`: a time said from the day it is written.
    let relative = |i: usize| {
        i > 0
            && matches!(
                t[i - 1].norm.as_str(),
                "next" | "last" | "this" | "coming" | "past" | "following" | "previous"
            )
            && (matches!(
                t[i].norm.as_str(),
                "week" | "weekend" | "month" | "year" | "decade" | "fall"
            ) || words::is_season(&t[i].norm))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if relative(i) {
            let mut start = i - 1;
            // `the middle of next year`, `the end of this month`.
            if start >= 2
                && t[start - 1].norm == "of"
                && (matches!(
                    t[start - 2].norm.as_str(),
                    "middle" | "end" | "start" | "beginning" | "fall"
                ) || words::is_season(&t[start - 2].norm))
            {
                start -= 2;
                if start > 0 && t[start - 1].norm == "the" {
                    start -= 1;
                }
            } else if start > 0 && matches!(t[start - 1].norm.as_str(), "early" | "late") {
                start -= 1;
            }
            out.push(Phrase {
                start: t[start].start,
                end: t[i].end,
            });
            i += 1;
            continue;
        }
        if let Some(end) = time_ago(s, i) {
            out.push(Phrase {
                start: t[i].start,
                end: t[end - 1].end,
            });
            i = end;
            continue;
        }
        // `in the spring`, `in winter 2021`: a season standing alone, not one describing what
        // follows (`the spring floods`).
        if i > 0
            && words::is_season(&t[i].norm)
            && matches!(t[i - 1].norm.as_str(), "the" | "in")
            && t.get(i + 1)
                .is_none_or(|n| n.is_stopword() || words::is_year(&n.norm))
        {
            let end = if t.get(i + 1).is_some_and(|n| words::is_year(&n.norm)) {
                i + 2
            } else {
                i + 1
            };
            out.push(Phrase {
                start: t[i].start,
                end: t[end - 1].end,
            });
            i = end;
            continue;
        }
        // `an 18th-century church` describes the church: written with a hyphen before a noun,
        // the century is no time of anything the sentence tells.
        let describes = |k: usize| {
            s.text[t[k].end..t[k + 1].start] == *"-"
                && t.get(k + 2).is_some_and(|n| {
                    !n.capital && !n.is_stopword() && s.text[t[k + 1].end..n.start] == *" "
                })
        };
        let century = is_ordinal_day(&t[i].norm)
            && matches!(
                t.get(i + 1).map(|w| w.norm.as_str()),
                Some("century" | "centuries")
            )
            && !describes(i);
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
            // `Dec. 12`: the full stop of an abbreviated month goes on.
            let prev = t[end - 1].norm.as_str();
            let abbreviated = gap == "." && prev.len() <= 4 && is_month(prev);
            // A span of years is one time: `(1754–1763)`, `1928-1933`.
            let span = matches!(gap, "-" | "\u{2013}" | "\u{2014}")
                && words::is_year(prev)
                && words::is_year(n);
            if !matches!(gap, "" | ",") && !abbreviated && !span {
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

/// `when was Lind born` over `the work of Ada Lind (1901–1968)`: a span of two years asked
/// about a birth is its first year, about a death its last.
pub(super) fn end_of_a_life(q: &Question, s: &Parts<'_>, p: Phrase) -> Option<Phrase> {
    let t = s.tokens;
    let r = token_range(t, p);
    let [from, to] = t.get(r)? else {
        return None;
    };
    if !words::is_year(&from.norm) || !words::is_year(&to.norm) {
        return None;
    }
    let asks = |forms: &[&str]| q.words.iter().any(|w| forms.contains(&w.norm.as_str()));
    if asks(&["born", "birth"]) {
        Some(Phrase {
            start: from.start,
            end: from.end,
        })
    } else if asks(&["die", "died", "dies", "death", "killed"]) {
        Some(Phrase {
            start: to.start,
            end: to.end,
        })
    } else {
        None
    }
}

/// The end (token index, exclusive) of a time counted back from now that starts at token `i`:
/// `three weeks ago`, `65.5 million years ago`, `66 Mya`, `10,000 years before present`.
fn time_ago(s: &Parts<'_>, i: usize) -> Option<usize> {
    let t = s.tokens;
    t[i].number?;
    // Words of one phrase, not `74,000 (BP` nor across a comma.
    let word = |k: usize| {
        t.get(k)
            .filter(|w| s.text[t[k - 1].end..w.start].trim().is_empty())
            .map_or("", |w| w.norm.as_str())
    };
    if matches!(word(i + 1), "mya" | "bp" | "bce") {
        return Some(i + 2);
    }
    let unit = i + 1 + usize::from(matches!(word(i + 1), "thousand" | "million" | "billion"));
    let counted = words::is_calendar_unit(word(unit)) || word(unit) == "millennia";
    match (word(unit + 1), word(unit + 2)) {
        ("ago" | "earlier", _) if counted => Some(unit + 2),
        ("before", "present") if counted => Some(unit + 3),
        _ => None,
    }
}

/// How often something happens, as news writes it: `every (other / five / half) year(s)`,
/// `each six months`, `twice a week`, `three times per season`, `weekly`, `half-hourly`.
pub(super) fn frequencies(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    let unit = |k: usize| {
        t.get(k).is_some_and(|w| {
            words::is_duration_unit(&w.norm)
                || matches!(w.norm.as_str(), "fortnight" | "season" | "term" | "night")
        })
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < t.len() {
        let w = t[k].norm.as_str();
        let span = if matches!(w, "every" | "each") {
            // Past `other`, `few`, `half` or a number to the unit.
            let mut end = k + 1;
            while end < t.len()
                && end - k <= 2
                && (t[end].number.is_some()
                    || matches!(t[end].norm.as_str(), "other" | "few" | "half"))
            {
                end += 1;
            }
            unit(end).then_some((k, end + 1))
        } else if t[k].number.is_some() || matches!(w, "once" | "twice" | "thrice") {
            // `twice a week`, `three times per season`.
            let mut at = k + 1;
            if t[k].number.is_some() {
                if t.get(at).is_none_or(|n| n.norm != "times") {
                    k += 1;
                    continue;
                }
                at += 1;
            }
            let per = t
                .get(at)
                .is_some_and(|n| matches!(n.norm.as_str(), "a" | "an" | "per" | "each" | "every"));
            (per && unit(at + 1)).then_some((k, at + 2))
        } else if is_frequency_word(w) {
            // `half-hourly` is written as one word.
            let start =
                if k > 0 && t[k - 1].norm == "half" && s.text[t[k - 1].end..t[k].start] == *"-" {
                    k - 1
                } else {
                    k
                };
            Some((start, k + 1))
        } else {
            None
        };
        match span {
            Some((a, b)) => {
                out.push(Phrase {
                    start: t[a].start,
                    end: t[b - 1].end,
                });
                k = b;
            }
            None => k += 1,
        }
    }
    out
}

/// A word that says on its own how often (`weekly`, `annually`, `biennial`).
fn is_frequency_word(w: &str) -> bool {
    matches!(
        w,
        "hourly"
            | "daily"
            | "nightly"
            | "weekly"
            | "fortnightly"
            | "monthly"
            | "quarterly"
            | "yearly"
            | "annually"
            | "annual"
            | "biennial"
            | "biennially"
            | "biannual"
            | "biannually"
    )
}

/// Ages as news writes them: set off by commas after a name (`Patrick Doe, 55, of Leeds`; a dash
/// may close it: `Doe, 55 – who …`),
/// after `aged` / `age` (`at the age of 17`), or before `years old` / `-year-old`; and millions
/// of years (a fossil's). A number of years anywhere else (`10 years in prison`) is no age.
pub(super) fn ages(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    let mut out = Vec::new();
    for (i, tok) in t.iter().enumerate() {
        let Some(n) = tok.number else {
            continue;
        };
        let next = |k: usize| t.get(i + k).map_or("", |x| x.norm.as_str());
        // The age of a rock or a fossil: millions of years are no prison term.
        if matches!(next(1), "thousand" | "million" | "billion")
            && matches!(next(2), "year" | "years")
        {
            out.push(Phrase {
                start: tok.start,
                end: t[i + 2].end,
            });
            continue;
        }
        if !(n.fract() == 0.0 && (0.0..=130.0).contains(&n)) || tok.norm.contains(['.', ',']) {
            continue;
        }
        let prev = i.checked_sub(1).map_or("", |k| t[k].norm.as_str());
        // `Doe, 55,` and `Doe Jr., 55,`.
        let between_commas = i > 0
            && matches!(s.text[t[i - 1].end..tok.start].trim(), "," | ".,")
            && s.text[tok.end..]
                .trim_start()
                .starts_with([',', ')', '\u{2013}', '\u{2014}']);
        let aged = matches!(prev, "aged" | "age" | "ages");
        let years_old = matches!(next(1), "year" | "years") && next(2) == "old";
        if between_commas || aged || years_old {
            out.push(Phrase {
                start: tok.start,
                end: tok.end,
            });
        }
    }
    out
}

/// Units that count time (`days`, `a decade`); not `second`, which orders more often.
pub(super) fn is_time_unit(w: &str) -> bool {
    w != "second" && words::is_duration_unit(w)
}

/// The span of time counted from an event (`[months after the merger]`) nearest the
/// question's words: when no date is written, that is when it happened.
pub(super) fn counted_time(s: &Parts<'_>, question_keys: &HashSet<String>) -> Option<Phrase> {
    let t = s.tokens;
    let anchors = anchors(t, question_keys);
    noun_runs(s)
        .into_iter()
        .filter_map(|p| counted_from(s, p))
        .filter_map(|p| {
            let r = token_range(t, p);
            let outside = anchors.iter().copied().filter(|x| !r.contains(x));
            let distance = nearest_gap(&r, outside)?;
            Some((distance, p))
        })
        .min_by_key(|(d, p)| (*d, p.start))
        .map(|(_, p)| p)
}

/// A span of time counted from an event runs on through it: `[months] after the merger`,
/// `resigned [two weeks] later`. The count is the numbers and units closing the phrase `p`;
/// None when it holds none or nothing follows to count from (`the election after the war` is
/// no count).
pub(super) fn counted_from(s: &Parts<'_>, p: Phrase) -> Option<Phrase> {
    let t = s.tokens;
    let mut r = token_range(t, p);
    // `months earlier` may close the run already.
    let closed = r.len() >= 2
        && matches!(t[r.end - 1].norm.as_str(), "later" | "earlier" | "ago")
        && is_time_unit(&t[r.end - 2].norm);
    if closed {
        r.end -= 1;
    }
    if r.is_empty() || !is_time_unit(&t[r.end - 1].norm) {
        return None;
    }
    let mut first = r.end - 1;
    while first > r.start && {
        let w = &t[first - 1];
        w.number.is_some() || is_determiner(&w.norm)
    } {
        first -= 1;
    }
    let start = t[first].start;
    if closed {
        return Some(Phrase { start, end: p.end });
    }
    let next = t.get(r.end)?;
    if !s.text[p.end..next.start].trim().is_empty() {
        return None;
    }
    match next.norm.as_str() {
        "later" | "earlier" | "ago" => Some(Phrase {
            start,
            end: next.end,
        }),
        "after" | "before" => {
            let mut k = r.end + 1;
            while t.get(k).is_some_and(|w| is_determiner(&w.norm)) {
                k += 1;
            }
            let opens = t.get(k)?.start;
            noun_runs(s)
                .into_iter()
                .find(|run| run.start == opens)
                .map(|run| Phrase {
                    start,
                    end: run.end,
                })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind;
    use crate::query::ask::answer::test_support::{
        answer, answers_are, answers_or_none, bare, noun_runs_of,
    };

    #[test]
    fn a_century_before_a_noun_describes_it_and_answers_no_when() {
        answers_or_none(&[
            (
                "when did the mayor open the harbour museum",
                "The mayor opened the harbour museum by ringing a 17th-century ship's bell.",
                None,
            ),
            (
                "when was the chapel built",
                "The chapel was built in the 17th century by fishermen.",
                Some("17th century"),
            ),
        ]);
    }

    #[test]
    fn a_time_counted_back_is_written_in_one_run() {
        let text = "The ice peaked 74,000 (BP) and left 11,600 years ago, or 3 days, ago.";
        let tokens = words::tokens(text);
        let parts = bare(text, &tokens);
        let found: Vec<&str> = dates(&parts)
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(found, ["11,600 years ago"]);
    }

    #[test]
    fn a_span_of_years_or_a_range_with_a_dash_is_one_answer() {
        answers_are(&[
            (
                "When was the harbour strike?",
                "The harbour strike (1921\u{2013}1923) closed the port for two winters.",
                "1921\u{2013}1923",
            ),
            (
                "When did the dockers vote for the new union?",
                "The dockers voted for the new union in every election from 1928-1933.",
                "1928-1933",
            ),
            (
                "How many species have been named?",
                "Only 100\u{2013}150 species have been named so far.",
                "100\u{2013}150",
            ),
            // A life's span: its first year for a birth, its last for a death.
            (
                "When was Ada Lind born?",
                "The ferry terminal is the work of Ada Lind (1901\u{2013}1968).",
                "1901",
            ),
            (
                "When did Ada Lind die?",
                "The ferry terminal is the work of Ada Lind (1901\u{2013}1968).",
                "1968",
            ),
        ]);
    }

    #[test]
    fn an_age_is_the_number_news_sets_beside_a_name() {
        let person = EntityKind::Person;
        let got = answer(
            "how old is Varga?",
            "Imre Varga, 61, of Szeged faces up to 8 years in prison.",
            &[("Imre Varga", person)],
        );
        assert_eq!(got.as_deref(), Some("61"));
        let got = answer(
            "how old is Varga?",
            "Imre Varga Jr., 61, of Szeged faces up to 8 years in prison.",
            &[("Imre Varga Jr.", person)],
        );
        assert_eq!(got.as_deref(), Some("61"));
        // A dash may close the age, and the age asked for is the one beside the name asked.
        let got = answer(
            "how old is Varga?",
            "Varga, 61 \u{2013} who trains the crews \u{2013} hired Lund, 29, last spring.",
            &[("Varga", person), ("Lund", person)],
        );
        assert_eq!(got.as_deref(), Some("61"));
        let got = answer(
            "How old was Lund when she won?",
            "Lund won the title aged 17, two years after her debut.",
            &[("Lund", person)],
        );
        assert_eq!(got.as_deref(), Some("17"));
        let got = answer(
            "how old is the ferryman",
            "The 72-year-old ferryman still rows 3 crossings a day.",
            &[],
        );
        assert_eq!(got.as_deref(), Some("72"));
        let got = answer(
            "how old are the shells",
            "Divers found 8 shells in the cave, dated to 40 million years, on Monday.",
            &[],
        );
        assert_eq!(got.as_deref(), Some("40 million years"));
        // Years of a sentence are no age.
        let got = answer(
            "how old is Varga?",
            "Varga faces up to 8 years in prison.",
            &[("Varga", person)],
        );
        assert_eq!(got, None);
    }

    #[test]
    fn a_when_without_a_date_is_answered_only_by_a_time() {
        assert_eq!(
            answer(
                "When did the protests begin?",
                "The first protests took place during the Roman Empire.",
                &[]
            )
            .as_deref(),
            Some("Roman Empire")
        );
        assert_eq!(
            answer(
                "When did Mara Jensen premiere?",
                "Singer Mara Jensen recorded her new album in a barn.",
                &[]
            ),
            None
        );
    }

    #[test]
    fn a_season_standing_alone_is_a_when() {
        answers_are(&[
            (
                "when did the flour price double",
                "When the price of flour doubled in the spring, the family thought they would \
                 have to close the bakery their grandfather opened in 1961.",
                "spring",
            ),
            (
                "when will the bridge reopen",
                "The bridge will reopen in winter 2027, the council said.",
                "winter 2027",
            ),
            // A season describing what follows is no time of its own.
            (
                "when did the floods come",
                "The spring floods came in 2019 and destroyed two bridges.",
                "2019",
            ),
        ]);
    }

    #[test]
    fn a_time_said_from_the_day_of_writing_is_a_when() {
        answers_are(&[
            (
                "when is the green run test",
                "The stage goes to Stennis for a Green Run test around the middle of next year.",
                "the middle of next year",
            ),
            (
                "when did the council vote",
                "The council voted last week to close the harbour.",
                "last week",
            ),
            // On the side of today the question asks about.
            (
                "when is the extradition hearing",
                "Last month, a judge rejected his attempt to delay the full extradition hearing, \
                 which is scheduled to take place at the court in London in February.",
                "February",
            ),
            (
                "when is assange's extradition hearing",
                "Last month, a judge rejected Assange's attempt to delay the full extradition \
                 hearing, which is scheduled to take place at Westminster Magistrate's Court in \
                 London in February.",
                "February",
            ),
            (
                "when did the ferry open",
                "The ferry opened to the public after a long wait in 2019 and next year it closes.",
                "2019",
            ),
            // Counted back from now, however far.
            (
                "when did the lake form",
                "The lake formed some 12,000 years ago, when the ice sheet melted.",
                "12,000 years ago",
            ),
            (
                "when did the reef die",
                "Cores show the reef died 2.6 million years ago in a cold snap.",
                "2.6 million years ago",
            ),
            (
                "when did the crater form",
                "Dating puts the impact at 35 Mya, near the coast.",
                "35 Mya",
            ),
        ]);
    }

    #[test]
    fn an_abbreviated_month_keeps_its_day() {
        answers_are(&[
            (
                "when is the uk election",
                "The parties battle to win the U.K.'s Dec. 12 election.",
                "Dec. 12",
            ),
            (
                "when will he be sentenced",
                "Sentencing is scheduled for Feb. 14, 2020.",
                "Feb. 14, 2020",
            ),
        ]);
    }

    #[test]
    fn a_bare_day_is_no_when_and_call_is_no_part_of_a_name() {
        assert_eq!(
            answer(
                "when did epstein die",
                "\"Heads needed to roll the day Jeffrey Epstein died,\" he said.",
                &[("Jeffrey Epstein", EntityKind::Person)]
            ),
            None
        );
        assert_eq!(
            answer(
                "what is the name of the universe simulation",
                "Scientists created a model of the universe, a simulation they call TNG50.",
                &[]
            )
            .as_deref(),
            Some("TNG50")
        );
    }

    #[test]
    fn a_when_takes_the_likeliest_phrase_that_reads_as_a_time() {
        answers_or_none(&[(
            "When does the dredging start?",
            "Dredging is due to begin in the spring and to last about nine weeks.",
            Some("spring"),
        )]);
    }

    #[test]
    fn a_clause_of_time_answers_when_whole() {
        answers_or_none(&[
            (
                "When did the striker retire?",
                "The striker retired after tearing a knee ligament, his club said.",
                Some("after tearing a knee ligament"),
            ),
            (
                "When did the band split?",
                "The band split before recording a third album and never played again.",
                Some("before recording a third album"),
            ),
        ]);
    }

    #[test]
    fn a_span_counted_from_an_event_answers_when() {
        answers_or_none(&[
            (
                "When did the club hold elections?",
                "The club held elections in the three districts months after the merger, and the \
                 results surprised its members.",
                Some("months after the merger"),
            ),
            (
                "When did the mayor resign?",
                "The mayor resigned two weeks later, citing her health.",
                Some("two weeks later"),
            ),
            (
                "When were the polls taken?",
                "Polls taken in the regions months earlier showed the same.",
                Some("months earlier"),
            ),
        ]);
        // The unit after a plural noun opens a run of its own.
        assert_eq!(
            noun_runs_of("Polls in the regions months earlier showed the same."),
            ["Polls", "regions", "months earlier", "same"]
        );
    }

    #[test]
    fn how_often_is_a_frequency_not_a_length_of_time() {
        answers_are(&[
            (
                "how often does the ferry cross",
                "The ferry that crosses every half hour is back after three months in dry dock.",
                "every half hour",
            ),
            (
                "how often does the club meet",
                "Since 2015 the club has met twice a week in the old school.",
                "twice a week",
            ),
            (
                "how frequently is the fair held",
                "The fair, held biennially since 1990, draws 3,000 visitors.",
                "biennially",
            ),
            (
                "how often do trains run to the coast",
                "Trains run half-hourly to the coast, taking about three hours.",
                "half-hourly",
            ),
        ]);
        assert_eq!(
            answer(
                "how often does the ferry cross",
                "The ferry crossed three times on Monday after three months in dock.",
                &[]
            ),
            None
        );
    }

    #[test]
    fn what_time_is_a_time_of_day() {
        answers_are(&[
            (
                "what time does the library close",
                "Since 1998 the library has opened at 9 a.m. and closed at 6 p.m. on weekdays.",
                "6 p.m.",
            ),
            (
                "at what time did the fire start",
                "The fire, the worst since 2004, started at 3:15 in the morning.",
                "3:15",
            ),
        ]);
        // What comes round again is not answered by a year.
        assert_eq!(
            answer(
                "what time does the library open",
                "The library opened in 1998 on the old market square.",
                &[]
            ),
            None
        );
    }
}
