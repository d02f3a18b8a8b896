//! Amounts and counts: numbers with their currency, scale or unit, scores and tallies, counts in
//! words, and the checks by which the ranking turns down a count of another noun or person.
//! Apart because telling an amount from a date, a score or a model name takes rules of its own.

use crate::analysis::EntityKind;
use crate::analysis::calendar::is_month;
use crate::query::ask::pairs;
use crate::query::ask::question::{Measure, Question};
use crate::query::ask::words::{self, Token, is_stopword};
use std::collections::HashSet;

use super::dates::{ages, dates, frequencies};
use super::{Parts, Phrase};

/// `killed [several] civilians` for `how many civilians`: with no number in the sentence, the
/// word of more than one it sets right before the noun counted is all it says; so is a number
/// read as a year there (`attended by [2000] guests`). Only here, not in the ranking: a
/// sentence with a number is the better source.
pub(super) fn vague_count(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    let noun = q.focus.as_deref()?;
    let t = s.tokens;
    let at = t.iter().position(|w| w.key == noun)?;
    let k = at.checked_sub(1)?;
    let start = match t[k].norm.as_str() {
        "several" | "many" | "numerous" | "countless" => k,
        "few" if k > 0 && t[k - 1].norm == "a" => k - 1,
        // Written like a year, but it counts the noun asked about (`attended by [2000] guests`).
        // Other numbers were weighed, and turned down, with the typed phrases.
        _ if words::is_year(&t[k].norm) => k,
        _ => return None,
    };
    Some(Phrase {
        start: t[start].start,
        end: t[k].end,
    })
}

/// Whether the word at `next` (after a number) is a unit while the count question names none:
/// `how many galaxies` is not answered by `230 million [light-years]`, while `how many square
/// kilometres` (or `how many days`, answered in weeks) may be.
pub(super) fn measures_other_than(q: &Question, tokens: &[Token], next: usize) -> bool {
    // `thousands of light-years`
    let next = next + usize::from(tokens.get(next).is_some_and(|t| t.norm == "of"));
    tokens.get(next).is_some_and(|unit| is_unit(&unit.norm))
        && !q.words.iter().any(|w| is_unit(&w.norm))
}

/// Whether the count ending before token `next` counts a plural noun of its own (`despite [two]
/// solid performances`, `[11] rebounds`): asked only of a sentence that also counts the noun the
/// question asks about (`25 points`), where another noun's count is another count. A sentence
/// without that noun may count it in other words (`12 civilians` for `how many people`).
pub(super) fn counts_another_noun(
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
    next: usize,
) -> bool {
    let t = s.tokens;
    for k in next..t.len().min(next + 3) {
        let w = &t[k];
        if question_keys.contains(&w.key) {
            return false;
        }
        let joined = k == 0 || !s.text[t[k - 1].end..w.start].contains([',', ';', ':', '(', ')']);
        if !joined || w.capital || w.number.is_some() || w.is_stopword() {
            return false;
        }
        let n = w.norm.as_str();
        let plural = words::is_plural(n) && !matches!(n, "others" | "times");
        if plural {
            return true;
        }
        // Past a word describing it (`solid`, `straight`), not past a verb.
        if words::participle_like(n) || n.ends_with("ly") {
            return false;
        }
    }
    false
}

/// Whether the count at `p` is joined by a hyphen to a word the question does not hold: `a
/// 3-pointer` counts no points, `the 12-screen cinema` does count screens.
pub(super) fn joined_to_another_word(
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
    p: Phrase,
) -> bool {
    if !s.text[p.end..].starts_with('-') {
        return false;
    }
    let next = s.tokens.partition_point(|t| t.start < p.end);
    s.tokens.get(next).is_some_and(|w| {
        w.start == p.end + 1 && w.number.is_none() && !question_keys.contains(&w.key)
    })
}

/// A unit of length, time, speed, weight, area, temperature or share.
pub(super) fn is_unit(w: &str) -> bool {
    is_length_unit(w)
        || words::is_duration_unit(w)
        || is_power_or_data_unit(w)
        || matches!(
            w,
            "mph"
                | "kph"
                | "kg"
                | "kilograms"
                | "lb"
                | "pounds"
                | "tons"
                | "tonnes"
                | "degrees"
                | "percent"
                | "acres"
                | "hectares"
                | "square"
                | "cubic"
        )
}

/// Units written in capitals that measure power, energy or data (`3.7 GW`, `500 MWh`, `2 TB`),
/// by their lower-case form.
fn is_power_or_data_unit(w: &str) -> bool {
    matches!(
        w,
        "w" | "kw"
            | "mw"
            | "gw"
            | "tw"
            | "kwh"
            | "mwh"
            | "gwh"
            | "twh"
            | "hz"
            | "khz"
            | "mhz"
            | "ghz"
            | "kb"
            | "mb"
            | "gb"
            | "tb"
    )
}

/// Whether the count at `p` is said of another than the person the question names: a person
/// or organisation named before it in its clause, as its subject, is someone else (`Anthony
/// Davis scored [34] points`, `the Thunder scored [nine] straight points` for `how many points
/// did LeBron score`).
pub(super) fn someone_elses(s: &Parts<'_>, question_keys: &HashSet<String>, p: Phrase) -> bool {
    if s.asked.is_empty() {
        return false;
    }
    let Some(m) = s
        .mentions
        .iter()
        .filter(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization))
        .filter(|m| m.end <= p.start)
        .max_by_key(|m| m.end)
    else {
        return false;
    };
    // In the same clause: no comma, semicolon or joining word between the name and the number
    // (`Dennis Schröder scored 20 of his season-high [31]`, not `James …, and Davis scored`),
    // or in a relative clause about the name (`the Thunder, who have lost [four] of five`).
    let between: Vec<&Token> = s
        .tokens
        .iter()
        .filter(|t| t.start >= m.end && t.end <= p.start)
        .collect();
    let relative = between
        .first()
        .is_some_and(|t| matches!(t.norm.as_str(), "who" | "which"));
    let from = if relative { between[0].end } else { m.end };
    let gap = &s.text[from..p.start];
    let one_clause = !gap.contains([',', ';', ':', '(', '—'])
        && !between.iter().skip(usize::from(relative)).any(|t| {
            matches!(
                t.norm.as_str(),
                "and" | "but" | "while" | "who" | "which" | "that" | "as" | "after" | "before"
            )
        });
    let asked_by_name = s
        .tokens
        .iter()
        .filter(|t| t.start >= m.start && t.end <= m.end)
        .any(|t| question_keys.contains(&t.key));
    one_clause && between.len() <= 6 && !s.asked.contains(&m.entity) && !asked_by_name
}

/// Verbs of going up or down (`how much did sales drop`).
pub(super) fn is_change_verb(w: &str) -> bool {
    matches!(
        w,
        "drop"
            | "dropped"
            | "fall"
            | "fell"
            | "rise"
            | "rose"
            | "increase"
            | "increased"
            | "decrease"
            | "decreased"
            | "decline"
            | "declined"
            | "grow"
            | "grew"
            | "jump"
            | "jumped"
            | "climb"
            | "climbed"
            | "plunge"
            | "plunged"
            | "slump"
            | "slumped"
            | "shrink"
            | "shrank"
            | "dipped"
            | "soared"
            | "surged"
            | "tumbled"
    )
}

/// Whether the phrase opening at token `at` follows a word of going up or down (`down [10
/// percent]`, `rose [5%]`, `fell by [$2 billion]`).
pub(super) fn after_change_word(t: &[Token], at: usize) -> bool {
    let change = |w: &Token| matches!(w.norm.as_str(), "down" | "up") || is_change_verb(&w.norm);
    match at.checked_sub(1).map(|k| &t[k]) {
        Some(w) if w.norm == "by" => at >= 2 && change(&t[at - 2]),
        Some(w) => change(w),
        None => false,
    }
}

/// Whether the number at `i` is the word `one` standing for a thing rather than counting
/// (`this one`, `the number one buyer`, `one another`, `one of his conditions`): no amount of
/// anything.
fn pronoun_one(t: &[Token], i: usize) -> bool {
    t[i].norm == "one"
        && (i > 0
            && matches!(
                t[i - 1].norm.as_str(),
                "this" | "that" | "the" | "each" | "every" | "any" | "which" | "number" | "no"
            )
            || t.get(i + 1)
                .is_some_and(|w| matches!(w.norm.as_str(), "another" | "of")))
}

/// Numbers with what makes them a quantity: a currency sign before, a scale (`million`), a
/// percent, or a unit word after.
/// `Ann Roe, [24], said`: a number set off by commas right after a person's name is their
/// age, no count of anything.
pub(super) fn age_after_name(s: &Parts<'_>, p: Phrase) -> bool {
    let before = s.text[..p.start].trim_end();
    let Some(name_end) = before.strip_suffix(',').map(str::trim_end) else {
        return false;
    };
    let closed = s.text[p.end..]
        .trim_start()
        .starts_with([',', ')', ';', '\u{2013}', '\u{2014}'])
        || s.text[p.end..].trim().is_empty();
    closed
        && s.mentions
            .iter()
            .any(|m| m.kind == EntityKind::Person && m.end == name_end.len())
}

/// `how many times …`
pub(super) fn asks_times(q: &Question) -> bool {
    q.words
        .windows(3)
        .any(|w| w[0].norm == "how" && w[1].norm == "many" && w[2].norm == "times")
}

/// `the [fourth time]`, `for the [3rd time]`: which time it was says how many times.
pub(super) fn ordinal_times(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    t.windows(2)
        .filter(|w| w[1].norm == "time" && words::ordinal_value(&w[0].norm).is_some())
        .map(|w| Phrase {
            start: w[0].start,
            end: w[1].end,
        })
        .collect()
}

pub(super) fn numbers(s: &Parts<'_>, m: Measure) -> Vec<Phrase> {
    match m {
        Measure::Age => return ages(s),
        Measure::Score => return scores(s),
        Measure::Frequency => return frequencies(s),
        _ => {}
    }
    let t = s.tokens;
    let mut out = Vec::new();
    // Where a range whose unit is written once began, and the token of its upper number.
    let mut range_from: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < t.len() {
        let Some(_) = t[i].number else {
            i += 1;
            continue;
        };
        let n = t[i].norm.as_str();
        // Nor is a measure with a fraction a count (`88.5 kph`).
        let measured = t.get(i + 1).is_some_and(|w| {
            is_length_unit(&w.norm)
                || matches!(w.norm.as_str(), "mph" | "kph" | "kg" | "lb" | "degrees")
        });
        // Nor is a number joined to a word by a hyphen (`a 3-pointer`, `a 5-year plan`; a
        // `12-screen cinema` is counted by the caller when it asks for screens), the day of a
        // date (`April 5`, `5 April`: no amount of anything), a clock time or a result (`3:08`,
        // `109-98`; a duration may be written so).
        let day =
            i > 0 && is_month(&t[i - 1].norm) || t.get(i + 1).is_some_and(|w| is_month(&w.norm));
        if in_identifier(s, i)
            || day
            || pronoun_one(t, i)
            || m == Measure::Count && t[i].number.is_some_and(|v| v.fract() != 0.0) && measured
            || matches!(
                m,
                Measure::Count | Measure::Money | Measure::Percent | Measure::Quantity
            ) && clock_or_score(s, i)
        {
            i += 1;
            continue;
        }
        // A year is a date, not a count, unless written with separators; a quantity may be
        // written like a year, but not after a month (`October 9, 2018`, `May 2018`).
        let dated = (1..=2).any(|back| i >= back && is_month(&t[i - back].norm));
        if words::is_year(n) && (m != Measure::Quantity || dated) {
            i += 1;
            continue;
        }
        let mut start = t[i].start;
        // `several thousand`: the scale alone is no answer.
        if i > 0
            && matches!(n, "dozen" | "hundred" | "thousand" | "million" | "billion")
            && matches!(t[i - 1].norm.as_str(), "several" | "few" | "many" | "some")
        {
            start = t[i - 1].start;
        }
        if let Some((from, upper)) = range_from.take()
            && upper == i
        {
            start = from;
        }
        let before = &s.text[..start];
        let mut signed = false;
        let mut sign_written = "";
        for sign in ["US$", "$", "€", "£", "¥", "₹", "₦", "N"] {
            if before.ends_with(sign) && (sign != "N" || words::after_currency(s.text, start)) {
                start -= sign.len();
                signed = true;
                sign_written = sign;
                break;
            }
        }
        let mut end = i + 1;
        // A range is one answer: `10-15`, `100–150`; so is a fraction: `1/2`.
        if let Some(upper) = t.get(end)
            && (matches!(s.text.get(t[i].end..upper.start), Some("-" | "\u{2013}"))
                && matches!((t[i].number, upper.number), (Some(x), Some(y)) if y > x)
                || s.text.get(t[i].end..upper.start) == Some("/") && upper.number.is_some())
        {
            end += 1;
        }
        // Further number words and scales: `two hundred thousand`, `7 million`; `m` is a million
        // unless a length is asked (`the [400 m] wide river`).
        while end < t.len()
            && (t[end].number.is_some() && !t[end].norm.starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    t[end].norm.as_str(),
                    "million" | "billion" | "trillion" | "bn"
                )
                || t[end].norm == "m" && m != Measure::Length)
        {
            end += 1;
        }
        let after = s.text[t[end - 1].end..].trim_start();
        let mut stop = t[end - 1].end;
        let mut money_word = false;
        if after.starts_with('%') {
            stop = s.text.len() - after.len() + '%'.len_utf8();
        } else if let Some(scale) = after
            .strip_prefix('\u{b0}')
            .filter(|_| matches!(m, Measure::Quantity | Measure::Length))
        {
            // `48.8 °C`: a temperature keeps its scale.
            let letter = scale
                .chars()
                .next()
                .filter(|c| matches!(c, 'C' | 'F' | 'K'))
                .map_or(0, char::len_utf8);
            stop = s.text.len() - scale.len() + letter;
        } else if let Some(next) = t.get(end) {
            let unit = next.norm.as_str();
            let take = match m {
                Measure::Count | Measure::Age | Measure::Score | Measure::Frequency => false,
                Measure::Percent => matches!(unit, "percent" | "per"),
                Measure::Money => words::is_money_word(unit),
                // `a 600-year-old tree` tells its age, not how long anything lasted.
                Measure::Duration => {
                    words::is_duration_unit(unit) && !s.text[next.end..].starts_with("-old")
                }
                Measure::Length => {
                    is_length_unit(unit)
                        || words::is_duration_unit(unit) && !s.text[next.end..].starts_with("-old")
                }
                Measure::Quantity => {
                    is_power_or_data_unit(unit)
                        || !is_stopword(unit)
                            && !next.capital
                            && next.number.is_none()
                            && unit.chars().all(char::is_alphabetic)
                }
            };
            if take {
                money_word = m == Measure::Money;
                stop = next.end;
                // A unit written in two words joined by a hyphen: `light-years`, `man-hours`.
                if let Some(second) = t.get(end + 1)
                    && s.text[next.end..second.start] == *"-"
                    && second.number.is_none()
                {
                    stop = second.end;
                }
                // `per cent`, `square kilometres`, and a word describing the unit (`30,154 new
                // cars`: `new` measures nothing).
                if let Some(second) = t.get(end + 1) {
                    let described = m == Measure::Quantity
                        && matches!(unit, "new" | "more" | "other" | "additional" | "extra")
                        && !is_stopword(&second.norm)
                        && !second.capital
                        && second.norm.chars().all(char::is_alphabetic)
                        && s.text[next.end..second.start].trim().is_empty();
                    let two = described
                        || matches!(
                            (unit, second.norm.as_str()),
                            ("per", "cent")
                                | ("square" | "cubic", _)
                                | ("metric", "ton" | "tons" | "tonne" | "tonnes")
                                | ("percentage", "point" | "points")
                        );
                    if two {
                        stop = second.end;
                    }
                }
            }
        }
        // `0.3 to 0.6 °C`, `between 1.4 and 5.8 °C`: a range with its unit written once is one
        // answer; the lower number alone measures nothing.
        if stop == t[end - 1].end
            && matches!(
                m,
                Measure::Quantity | Measure::Length | Measure::Duration | Measure::Percent
            )
            && let Some(joint) = t.get(end)
            && (joint.norm == "to" || joint.norm == "and" && i > 0 && t[i - 1].norm == "between")
            && t.get(end + 1).is_some_and(|n| {
                n.number > t[i].number && s.text[joint.end..n.start].trim().is_empty()
            })
            && s.text[stop..joint.start].trim().is_empty()
        {
            range_from = Some((start, end + 1));
            i = end + 1;
            continue;
        }
        // A height in feet and inches: `6'3"`, `6-foot-3`.
        let height = m == Measure::Length
            && match feet_and_inches(s, i, end, stop) {
                Some(inches) => {
                    (end, stop) = inches;
                    true
                }
                None => false,
            };
        // `$500 to $2,000`: a range of amounts, each with its currency, is one answer; not
        // two amounts set against each other (`raised $64m to their $45m`).
        if signed
            && let Some(to) = t.get(end).filter(|w| w.norm == "to" && w.start >= stop)
            && s.text[stop..to.start].trim().is_empty()
            && let Some(upper) = t.get(end + 1)
            && upper.number.is_some()
            && upper.number > t[i].number
            && s.text[to.end..upper.start].trim() == sign_written
        {
            let mut last = end + 1;
            while t.get(last + 1).is_some_and(|w| {
                matches!(
                    w.norm.as_str(),
                    "million" | "billion" | "trillion" | "bn" | "m"
                )
            }) {
                last += 1;
            }
            stop = t[last].end;
            end = last + 1;
        }
        // An amount of money has its currency written (`$8.8 billion`, `45 million euros`):
        // `30 jets` in the same sentence is no price; and a price is no count (`how many
        // signed up` is not answered by `$5`; a share may be: `26.7% are members`).
        if m == Measure::Money && !signed && !money_word
            || matches!(m, Measure::Count | Measure::Age) && signed
        {
            i = end;
            continue;
        }
        // A length, a duration or a share without its unit is not one (`12,000 riders` does not
        // say how long, nor do `four engines` that fire for eight minutes, nor is `a dozen`
        // owners a share).
        if !matches!(m, Measure::Length | Measure::Duration | Measure::Percent)
            || stop > t[end - 1].end
            || height
        {
            out.push(Phrase { start, end: stop });
        }
        i = end;
    }
    if matches!(m, Measure::Count | Measure::Quantity) {
        out.extend(counts_in_words(t));
        out.sort_by_key(|p| p.start);
    }
    if m == Measure::Percent {
        // `over half`, `a third`: fractions said in words.
        for (k, w) in t.iter().enumerate() {
            let before = k.checked_sub(1).map_or("", |b| t[b].norm.as_str());
            // `a fifth`, `one-eighth`, `three-fourths`; not `the fifth time`.
            let share = match w.norm.as_str() {
                "half" | "third" | "quarter" | "majority" => true,
                "fourth" | "fifth" | "sixth" | "seventh" | "eighth" | "ninth" | "tenth" => {
                    matches!(before, "a" | "one")
                }
                "thirds" | "quarters" | "fourths" | "fifths" | "sixths" | "sevenths"
                | "eighths" | "ninths" | "tenths" => words::number_value(before).is_some(),
                _ => false,
            };
            if share {
                let start = if k > 0
                    && (matches!(before, "over" | "about" | "nearly" | "a")
                        || words::number_value(before).is_some_and(|v| v < 10.0))
                {
                    t[k - 1].start
                } else {
                    w.start
                };
                out.push(Phrase { start, end: w.end });
            }
        }
        out.sort_by_key(|p| p.start);
    }
    if m == Measure::Duration {
        // `How long has the strike lasted?` is answered by when it began: `since March`.
        for d in dates(s) {
            let at = t.partition_point(|w| w.end <= d.start);
            if let Some(since) = at
                .checked_sub(1)
                .map(|k| &t[k])
                .filter(|w| w.norm == "since")
            {
                out.push(Phrase {
                    start: since.start,
                    end: d.end,
                });
            }
        }
        out.extend(spans_in_words(t));
        out.sort_by_key(|p| p.start);
    }
    out
}

/// Spans of time said without a number (`for a decade`, `over several months`, `nearly an
/// hour`): a word saying how much before the unit, and before that a word that makes it a
/// span, so that `a year ago` or `a day of talks` is not taken.
fn spans_in_words(t: &[Token]) -> Vec<Phrase> {
    let mut out = Vec::new();
    for k in 2..t.len() {
        let unit = &t[k];
        let how_much = t[k - 1].norm.as_str();
        let opens = t[k - 2].norm.as_str();
        let one = matches!(how_much, "a" | "an");
        let some = matches!(how_much, "several" | "few" | "many");
        let span = matches!(
            opens,
            "for" | "over" | "nearly" | "almost" | "about" | "around" | "than" | "within" | "a"
        );
        // `a few months` counts `a` in; `for a decade` starts at the article.
        let singular = one && !unit.norm.ends_with('s');
        let plural = some && unit.norm.ends_with('s');
        if words::is_duration_unit(&unit.norm)
            && (singular || plural)
            && span
            && (opens != "a" || how_much == "few")
            && !t
                .get(k + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "ago" | "of" | "later" | "earlier"))
        {
            let start = if opens == "a" {
                t[k - 2].start
            } else {
                t[k - 1].start
            };
            out.push(Phrase {
                start,
                end: unit.end,
            });
        }
    }
    out
}

/// Counts said in plural scale words: `tens of thousands of galaxies`, `hundreds of people`.
fn counts_in_words(t: &[Token]) -> Vec<Phrase> {
    let scale = |w: &str| matches!(w, "hundreds" | "thousands" | "millions" | "billions");
    let of = |k: usize| t.get(k).is_some_and(|w| w.norm == "of");
    let mut out = Vec::new();
    let mut k = 0;
    while k < t.len() {
        let w = t[k].norm.as_str();
        if !(scale(w) || matches!(w, "tens" | "dozens")) || !of(k + 1) {
            k += 1;
            continue;
        }
        // `tens of thousands`: the second scale is part of the count.
        let last = if t.get(k + 2).is_some_and(|n| scale(&n.norm)) {
            k + 2
        } else {
            k
        };
        out.push(Phrase {
            start: t[k].start,
            end: t[last].end,
        });
        k = last + 1;
    }
    out
}

/// Whether number token `i` is one side of a clock time or a result (`3:08`, `109-98`). A
/// range (`10-15`, rising) is not.
fn clock_or_score(s: &Parts<'_>, i: usize) -> bool {
    let t = s.tokens;
    let joined = |a: &Token, b: &Token| {
        let sep = s.text.get(a.end..b.start).unwrap_or("");
        match (a.number, b.number) {
            (Some(x), Some(y)) => sep == ":" || matches!(sep, "-" | "\u{2013}") && y <= x,
            _ => false,
        }
    };
    i > 0 && joined(&t[i - 1], &t[i]) || t.get(i + 1).is_some_and(|n| joined(&t[i], n))
}

/// Results written as two whole numbers joined by a hyphen or a dash (`112-107`, `24–10`),
/// not inside a model name (`F-35`) nor a date (`2019-20`).
fn scores(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    // A vote's tally is its result too (`approved by [31 votes to 12]`).
    let tallies = (0..t.len()).filter_map(|i| match pairs::pair_from(t, i) {
        Some((pairs::Pair::Tally, second)) => Some(Phrase {
            start: t[i].start,
            end: t[second].end,
        }),
        _ => None,
    });
    let whole = |w: &Token| {
        w.number.is_some_and(|v| v.fract() == 0.0 && v < 1000.0)
            && w.norm.chars().all(|c| c.is_ascii_digit())
    };
    t.windows(2)
        .enumerate()
        .filter(|&(k, pair)| {
            matches!(
                s.text.get(pair[0].end..pair[1].start),
                Some("-" | "–" | "—")
            ) && whole(&pair[0])
                && whole(&pair[1])
                && !(k > 0
                    && t[k - 1].number.is_none()
                    && s.text.get(t[k - 1].end..pair[0].start) == Some("-"))
                && t.get(k + 2)
                    .is_none_or(|n| s.text.get(pair[1].end..n.start) != Some("-"))
        })
        .map(|(_, pair)| Phrase {
            start: pair[0].start,
            end: pair[1].end,
        })
        .chain(tallies)
        .collect()
}

/// Whether number token `i` is part of a model or name (`787-9`, `F-35`, `COVID-19`): joined
/// by a hyphen to a capitalised word, or to a smaller number after it. A range (`10-15`) is
/// not one.
fn in_identifier(s: &Parts<'_>, i: usize) -> bool {
    let t = s.tokens;
    let hyphen = |a: &Token, b: &Token| s.text.get(a.end..b.start) == Some("-");
    let named = |w: &Token| {
        w.number.is_none() && (w.capital || w.norm.contains(|c: char| c.is_ascii_digit()))
    };
    let smaller_after =
        |a: &Token, b: &Token| matches!((a.number, b.number), (Some(x), Some(y)) if y < x);
    let before = i.checked_sub(1).map(|k| &t[k]).filter(|b| hyphen(b, &t[i]));
    let after = t.get(i + 1).filter(|a| hyphen(&t[i], a));
    // A case number or a date written with slashes (`FHC/ABJ/03/095/2018`, `10/09/2018`), not
    // a fraction (`1/2`).
    let slash = |a: &Token, b: &Token| s.text.get(a.end..b.start) == Some("/");
    let first = (0..i)
        .rev()
        .take_while(|&k| slash(&t[k], &t[k + 1]))
        .last()
        .unwrap_or(i);
    let last = (i + 1..t.len())
        .take_while(|&k| slash(&t[k - 1], &t[k]))
        .last()
        .unwrap_or(i);
    let slashed = last > first && (last - first >= 2 || t[first..=last].iter().any(named));
    slashed
        || before.is_some_and(|b| named(b) || smaller_after(b, &t[i]))
        || after.is_some_and(|a| named(a) || smaller_after(&t[i], a))
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

/// After the number at token `i` (its phrase ending at token `end`, byte `stop`), the inches
/// of a height written in feet: `6'3"` (the number alone so far) or `6-foot-3` (with its
/// unit). The token after the inches and where they end.
fn feet_and_inches(s: &Parts<'_>, i: usize, end: usize, stop: usize) -> Option<(usize, usize)> {
    let t = s.tokens;
    if stop == t[i].end && end == i + 1 {
        let inches = t.get(i + 1).filter(|w| w.number.is_some())?;
        let mark = s.text.get(t[i].end..inches.start)?;
        let close = s.text.get(inches.end..)?;
        let quote = ["\"", "\u{201D}", "''", "\u{2033}"]
            .iter()
            .find(|q| close.starts_with(**q))?;
        return matches!(mark, "'" | "\u{2019}" | "\u{2032}")
            .then_some((i + 2, inches.end + quote.len()));
    }
    let unit = t.get(end)?;
    let inches = t.get(end + 1).filter(|w| w.number.is_some())?;
    (matches!(unit.norm.as_str(), "foot" | "feet")
        && stop == unit.end
        && s.text.get(unit.end..inches.start) == Some("-"))
    .then_some((end + 2, inches.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::answer::test_support::{
        answer, answer_about, answers_are, answers_or_none, bare,
    };
    use crate::query::ask::answer::typed_phrases;
    use crate::query::ask::question::AnswerType;

    #[test]
    fn a_span_of_time_said_in_words_answers_how_long() {
        answers_are(&[
            (
                "how long has she chaired the board",
                "Ms. Okafor, who has chaired the board for a decade, stepped down.",
                "a decade",
            ),
            (
                "how long did the dispute last",
                "The dispute dragged on for several months before a deal.",
                "several months",
            ),
        ]);
        // A year back in time, or a day named for what filled it, is no span.
        answers_or_none(&[
            (
                "how long did the strike last",
                "The strike began a year ago.",
                None,
            ),
            (
                "how long did the talks last",
                "It was a day of talks in Geneva.",
                None,
            ),
        ]);
    }

    #[test]
    fn an_age_after_a_name_counts_nothing_and_which_time_says_how_many_times() {
        let got = answer(
            "how many times has Roe been deported",
            "\"I was turned back for the third time,\" said Ann Roe, 24, from Leith.",
            &[("Ann Roe", EntityKind::Person)],
        );
        assert_eq!(got.as_deref(), Some("third time"));
        let got = answer(
            "how many ferries did Roe sell",
            "Ann Roe, 64, sold three ferries.",
            &[("Ann Roe", EntityKind::Person)],
        );
        assert_eq!(got.as_deref(), Some("three"));
    }

    #[test]
    fn a_count_written_with_a_hyphen_is_one_number() {
        answers_are(&[(
            "how many people were hurt in the blast",
            "Twenty-nine people were hurt by the blast in the market.",
            "Twenty-nine",
        )]);
        let t = words::tokens("twenty-nine or forty-two, not one-off");
        let values: Vec<Option<f64>> = t.iter().map(|t| t.number).collect();
        assert_eq!(
            values,
            [Some(29.0), None, Some(42.0), None, Some(1.0), None]
        );
    }

    #[test]
    fn a_change_is_answered_by_the_amount_of_the_change() {
        let sentence = "Dealers sold 30,154 new cars in October, but sales were still down 10 \
                        percent from a year ago.";
        answers_are(&[
            (
                "how much did car sales fall in october",
                sentence,
                "10 percent",
            ),
            (
                "how many cars did dealers sell in october",
                sentence,
                "30,154",
            ),
            (
                "how much did each teller get as a bonus",
                "Each teller got a bonus of $400 to $1,500 a quarter under the scheme.",
                "$400 to $1,500",
            ),
            (
                "how much did the agency cut its forecast",
                "The agency cut its forecast by 0.3 percentage points in July.",
                "0.3 percentage points",
            ),
        ]);
        // A word describing the unit is no unit.
        let tokens = words::tokens(sentence);
        let parts = bare(sentence, &tokens);
        let quantities: Vec<&str> = typed_phrases(AnswerType::Number(Measure::Quantity), &parts)
            .iter()
            .map(|p| &sentence[p.start..p.end])
            .collect();
        assert!(quantities.contains(&"30,154 new cars"), "{quantities:?}");
    }

    #[test]
    fn with_no_number_a_word_of_several_before_the_noun_counts() {
        answers_or_none(&[
            (
                "how many civilians were hurt",
                "The overnight shelling, which hurt several civilians, stopped at dawn.",
                Some("several"),
            ),
            (
                "how many civilians were killed",
                "The attacks killed 12 civilians and several soldiers.",
                Some("12"),
            ),
            (
                "how many civilians were killed",
                "The attacks killed civilians in several towns.",
                None,
            ),
            // A number that reads as a year, right before the noun counted.
            (
                "How many visitors did the harbour festival draw?",
                "Despite the rain, the harbour festival drew 1990 visitors on Saturday.",
                Some("1990"),
            ),
            (
                "How many visitors did the harbour festival draw?",
                "The harbour festival began in 1990 and still welcomes visitors.",
                None,
            ),
        ]);
    }

    #[test]
    fn a_length_in_metres_is_written_m() {
        answers_are(&[
            (
                "How wide is the channel at the quay?",
                "At the quay the ferry channel is a 350 m wide stretch of water.",
                "350 m",
            ),
            (
                "How much did the bridge cost?",
                "The bridge cost $400m to build.",
                "$400m",
            ),
            // A height in feet and inches.
            (
                "How tall is the skipper?",
                "The skipper is 6'3\" tall.",
                "6'3\"",
            ),
            (
                "How tall is the skipper?",
                "The skipper is 6-foot-3 and fast.",
                "6-foot-3",
            ),
        ]);
    }

    #[test]
    fn a_count_of_another_noun_beside_the_one_asked_about_is_no_answer() {
        answers_are(&[
            (
                "how many points did the team score",
                "The team had two solid performances and scored 31 points.",
                "31",
            ),
            (
                "how many rebounds did he get",
                "He finished with 25 points, 11 rebounds and 10 assists.",
                "11",
            ),
        ]);
        // Without the noun asked about, a count may name it in other words.
        assert_eq!(
            answer(
                "how many people died",
                "The blast killed 12 civilians.",
                &[]
            )
            .as_deref(),
            Some("12")
        );
    }

    #[test]
    fn a_count_said_of_another_person_is_no_answer() {
        let person = EntityKind::Person;
        let sentence = "LeBron James had a triple-double, and Anthony Davis scored 34 points.";
        let mentions = [("LeBron James", person), ("Anthony Davis", person)];
        let got = answer_about(
            "how many points did lebron score",
            sentence,
            &mentions,
            &["LeBron James"],
        );
        assert_eq!(got, None);
        let got = answer_about(
            "how many points did anthony davis score",
            sentence,
            &mentions,
            &["Anthony Davis"],
        );
        assert_eq!(got.as_deref(), Some("34"));
        // A relative clause goes on about the name before it.
        let got = answer_about(
            "how many points did lebron score",
            "LeBron James watched the Thunder, who scored 9 straight points.",
            &[
                ("LeBron James", person),
                ("Thunder", EntityKind::Organization),
            ],
            &["LeBron James"],
        );
        assert_eq!(got, None);
        // In its own clause after a comma, the count is the asked person's again.
        let got = answer_about(
            "how many points did lebron score",
            "Dennis Smithers set up the play, LeBron James scored 25 points.",
            &[("Dennis Smithers", person), ("LeBron James", person)],
            &["LeBron James"],
        );
        assert_eq!(got.as_deref(), Some("25"));
    }

    #[test]
    fn a_count_with_a_unit_the_question_does_not_name_is_no_count() {
        let cases = [
            (
                "how many galaxies",
                "The model, some 230 million light-years wide, holds tens of thousands of galaxies.",
                "tens of thousands",
            ),
            (
                "how many square kilometres does the forest cover",
                "The forest covers 5,500,000 square kilometres.",
                "5,500,000",
            ),
            // Not a day of a date, a clock time, a result or a number joined to another word.
            (
                "how many points did he score",
                "His 3-pointer on April 5 sealed it, and he finished with 25 points.",
                "25",
            ),
            (
                "how many points did he score",
                "His 3-pointer made it 109-98 with 3:08 to play; he had 25 points.",
                "25",
            ),
            (
                "how many screens does the cinema have",
                "The 12-screen cinema opened in 2001.",
                "12",
            ),
        ];
        answers_are(&cases);
    }

    #[test]
    fn an_amount_of_money_has_its_currency_written() {
        let got = answer(
            "whats the ferry deal worth",
            "Brenn Ferries ordered 30 boats in a deal worth 4.5 million euros.",
            &[("Brenn Ferries", EntityKind::Organization)],
        );
        assert_eq!(got.as_deref(), Some("4.5 million euros"));
        // Crowns, forints and shillings are currencies too.
        let got = answer(
            "how much will the ferry cost?",
            "The ferry will start in May and cost 40 million crowns, the budget says.",
            &[],
        );
        assert_eq!(got.as_deref(), Some("40 million crowns"));
        let got = answer(
            "How much did the ferry deal cost?",
            "Brenn Ferries ordered 30 boats on Monday.",
            &[("Brenn Ferries", EntityKind::Organization)],
        );
        assert_eq!(got, None);
        // A range runs upwards; two amounts set against each other are two answers.
        let got = answer(
            "how much did the ferry groups raise",
            "In May the ferry groups raised $6.5million to $4.1million for the bus groups.",
            &[],
        );
        assert_eq!(got.as_deref(), Some("$6.5million"));
        let got = answer(
            "how much do tickets cost",
            "Tickets cost $5 to $12 on the ferry.",
            &[],
        );
        assert_eq!(got.as_deref(), Some("$5 to $12"));
    }

    #[test]
    fn a_count_stands_before_the_noun_it_counts() {
        let got = answer(
            "how many US troops are still in Vardia?",
            "Roughly 4,000 US troops remain in Vardia, 12 years after the war began.",
            &[("Vardia", EntityKind::Place)],
        );
        assert_eq!(got.as_deref(), Some("4,000"));
    }

    #[test]
    fn a_number_inside_a_model_name_is_no_count() {
        assert_eq!(
            answer(
                "how many 787s did the airline order",
                "The airline will buy 30 of the maker's 787-9 jets.",
                &[]
            )
            .as_deref(),
            Some("30")
        );
        assert_eq!(
            answer(
                "how many people came",
                "Between 10-15 people came to the F-35 show.",
                &[]
            )
            .as_deref(),
            Some("10-15")
        );
    }

    #[test]
    fn dates_clock_times_case_numbers_and_bare_numbers_are_no_amounts() {
        for (question, sentence) in [
            ("how much are they asking for", "October 9, 2018 at 9:40 am"),
            (
                "how much did the court award",
                "The ruling of May 2018 stands.",
            ),
            (
                "how much are they asking for",
                "The suit, with Number FHC/ABJ/03/095/2018, was filed on Monday.",
            ),
            (
                "how much is the fare",
                "The first train leaves at 9:40 on 5 April.",
            ),
        ] {
            assert_eq!(answer(question, sentence, &[]), None, "{sentence}");
        }
        answers_are(&[
            (
                "how wide is the simulated universe",
                "Their virtual universe, some 230 million light-years wide, holds galaxies.",
                "230 million light-years",
            ),
            (
                "how long will the engines fire",
                "The four engines will fire for eight minutes.",
                "eight minutes",
            ),
            (
                "how long has the ferry strike lasted",
                "The ferry strike, which has lasted since March 2025, closed the harbour again.",
                "since March 2025",
            ),
            (
                "how long did she live in the tree",
                "She lived in a 600-year-old redwood for 738 days.",
                "738 days",
            ),
            (
                "how much are they asking for",
                "On October 9 they asked for ₦500m in damages.",
                "₦500m",
            ),
            (
                "how much money are the senators asking for",
                "The senators asked for N500m in damages, up from 30 in 2018.",
                "N500m",
            ),
            (
                "how much flour goes into the bread",
                "Mix 1/2 cup of flour with water.",
                "1/2 cup",
            ),
        ]);
    }

    #[test]
    fn a_score_is_two_numbers_joined_by_a_dash() {
        assert_eq!(
            answer(
                "what was the final score",
                "James had 25 points in the Lakers' fifth straight victory, 112-107 over the Thunder.",
                &[]
            )
            .as_deref(),
            Some("112-107")
        );
        assert_eq!(
            answer(
                "what was the score",
                "The Broncos beat the Panthers 24–10 to earn their third title.",
                &[]
            )
            .as_deref(),
            Some("24–10")
        );
        assert_eq!(
            answer(
                "what was the score",
                "The F-35 flew over the 2019-20 season.",
                &[]
            ),
            None
        );
    }

    #[test]
    fn one_standing_for_a_thing_counts_nothing() {
        assert_eq!(
            answer(
                "how many A380s does the airline fly",
                "The airline is the number one buyer of the A380, with 123 of the planes in its fleet.",
                &[]
            )
            .as_deref(),
            Some("123")
        );
        assert_eq!(
            answer(
                "how many people were in the study",
                "It is hard to draw firm conclusions from studies such as this one.",
                &[]
            ),
            None
        );
        assert_eq!(
            answer(
                "how many moons were found",
                "Astronomers found one moon and lost another.",
                &[]
            )
            .as_deref(),
            Some("one")
        );
    }

    #[test]
    fn a_count_is_a_whole_number() {
        assert_eq!(
            answer(
                "how many customers lost power",
                "Winds gusting to 55 mph (88.5 kph) cut power to 3,000 customers.",
                &[]
            )
            .as_deref(),
            Some("3,000")
        );
        assert_eq!(
            answer(
                "how many people live there",
                "About 1.5 million people live there.",
                &[]
            )
            .as_deref(),
            Some("1.5 million")
        );
        assert_eq!(
            answer(
                "how many residents are members",
                "Of the residents, 26.7% are members.",
                &[]
            )
            .as_deref(),
            Some("26.7%")
        );
        assert_eq!(
            answer(
                "how many people signed up",
                "Sign up for the package and save $5 a month; 10 million people signed up.",
                &[]
            )
            .as_deref(),
            Some("10 million")
        );
    }

    #[test]
    fn how_much_something_dropped_is_a_share() {
        assert_eq!(
            answer(
                "how much did new car sales drop in october",
                "Dealers sold 30,154 new cars in October, still down 10 percent from a year ago.",
                &[]
            )
            .as_deref(),
            Some("10 percent")
        );
    }

    #[test]
    fn a_percent_is_no_amount_of_money() {
        assert_eq!(
            answer(
                "how much is the order worth",
                "The airline plans to grow its fleet by 30% after the order.",
                &[]
            ),
            None
        );
        assert_eq!(
            answer(
                "how much is the order worth",
                "The order is worth 9 billion dollars, up 30% on the last.",
                &[]
            )
            .as_deref(),
            Some("9 billion dollars")
        );
    }

    #[test]
    fn the_question_picks_a_number_of_a_pair() {
        answers_are(&[
            (
                "how many members voted against the merger",
                "The merger was approved by 140 votes to 35 after a long debate.",
                "35",
            ),
            (
                "how many members voted for the merger",
                "The merger was approved by 140 votes to 35 after a long debate.",
                "140",
            ),
            (
                "what was the vote",
                "On Friday the assembly passed the budget by 88 votes to 4.",
                "88 votes to 4",
            ),
            (
                "how many buses run now",
                "The depot cut its fleet from sixty buses to twenty in two years.",
                "twenty",
            ),
            (
                "how many buses ran originally",
                "The depot cut its fleet from sixty buses to twenty in two years.",
                "sixty",
            ),
        ]);
    }

    #[test]
    fn a_share_is_written_as_one() {
        answers_are(&[
            (
                "what share of the voters are black",
                "About a dozen black owners met; black voters make up roughly two-thirds of the electorate.",
                "two-thirds",
            ),
            (
                "what share of the people did the war kill",
                "The war killed up to three-fourths of the people, and a fifth fled.",
                "three-fourths",
            ),
            (
                "what percentage of the fleet is electric",
                "Of its 40 buses, 25 percent are electric.",
                "25 percent",
            ),
            (
                "how much of the flow does the canal carry",
                "The canal carries one ninth of the flow, the river the rest.",
                "one ninth",
            ),
            (
                "how much of the new pier does the harbour board pay for",
                "The harbour board will pay for a third of the new pier from its reserves.",
                "a third",
            ),
        ]);
        assert_eq!(
            answer(
                "what percentage of the owners are black",
                "About a dozen black owners met on Tuesday.",
                &[]
            ),
            None
        );
    }

    #[test]
    fn several_thousand_is_the_count() {
        assert_eq!(
            answer(
                "how many teachers protested",
                "Several thousand teachers wearing red surrounded the hall on Tuesday.",
                &[]
            )
            .as_deref(),
            Some("Several thousand")
        );
    }

    #[test]
    fn a_measure_in_brackets_after_another_is_the_same_amount() {
        answers_are(&[
            (
                "how much snow fell in the valley",
                "The storm left about 4 inches (10.2 centimeters) of snow in the valley overnight.",
                "4 inches",
            ),
            // Each of several converted amounts keeps its own place.
            (
                "how much ore stays in the pit",
                "Crews move 30 million tons (27 million tonnes) of ore by rail, and 12 million \
                 tons (11 million tonnes) stay in the pit.",
                "12 million tons",
            ),
            (
                "what is the maximum sentence for the fraud charge",
                "The fraud count alone could bring 20 years, its maximum sentence.",
                "20 years",
            ),
        ]);
    }

    #[test]
    fn units_of_power_and_data_in_capitals_belong_to_their_amount() {
        answers_are(&[
            (
                "how much capacity did the plant have",
                "By then the plant had 2.4 GW of capacity, twice its first size.",
                "2.4 GW",
            ),
            (
                "what was Norway's wind power capacity in 2019",
                "Norway's wind farms reached 11 GW of capacity in 2019.",
                "11 GW",
            ),
            (
                "how powerful is the new engine",
                "The new engine makes 180 horsepower, more than the old one.",
                "180 horsepower",
            ),
        ]);
    }

    #[test]
    fn a_temperature_keeps_its_scale() {
        answers_are(&[(
            "what was the highest temperature in the town",
            "The town's highest temperature, 41.2 \u{b0}C, was set in a heat wave.",
            "41.2 \u{b0}C",
        )]);
    }

    #[test]
    fn a_range_with_its_unit_written_once_is_one_answer() {
        answers_are(&[
            (
                "how much did the lake warm",
                "Over the decade the lake warmed by 0.4 to 0.9 \u{b0}C on average.",
                "0.4 to 0.9 \u{b0}C",
            ),
            (
                "how long will the repairs take",
                "The repairs will take between 3 and 5 weeks, the council said.",
                "3 and 5 weeks",
            ),
        ]);
    }

    #[test]
    fn metric_tons_are_one_unit() {
        answers_are(&[(
            "how much grain can the ship carry",
            "The ship can carry up to 40 metric tons of grain to the port.",
            "40 metric tons",
        )]);
    }
}
