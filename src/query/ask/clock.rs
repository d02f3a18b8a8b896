//! Times of day: `8:30 a.m.`, `2pm`, `7 o'clock`, `midnight`, `in the morning`. They answer
//! `what time does the market open`, which a year or a date does not (`1961` is no opening
//! time). Found for the short answer only: the ranking's notion of a time is unchanged.

use super::answer::{Parts, Phrase};
use super::words::{self, Token};

/// A word that is a time of day by itself.
fn names_an_hour(w: &str) -> bool {
    matches!(
        w,
        "noon" | "midday" | "midnight" | "dawn" | "dusk" | "sunrise" | "sunset" | "daybreak"
    )
}

/// `2pm`, `11am`, `2.45pm` written as one word.
fn hour_with_suffix(w: &str) -> bool {
    let Some(digits) = w.strip_suffix("am").or_else(|| w.strip_suffix("pm")) else {
        return false;
    };
    let (hour, minutes) = digits
        .split_once(['.', ':'])
        .map_or((digits, None), |(h, m)| (h, Some(m)));
    let hour_ok = (1..=2).contains(&hour.len())
        && hour.chars().all(|c| c.is_ascii_digit())
        && hour.parse::<u8>().is_ok_and(|h| h <= 12);
    hour_ok && minutes.is_none_or(|m| m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()))
}

/// Whether token `t` is a whole number below `limit`.
fn whole_below(t: &Token, limit: f64) -> bool {
    t.number
        .is_some_and(|v| v.fract() == 0.0 && v >= 0.0 && v < limit)
        && t.norm.chars().all(|c| c.is_ascii_digit())
}

/// The times of day written in a sentence, in order.
pub fn times_of_day(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    let gap = |a: usize, b: usize| s.text.get(t[a].end..t[b].start).unwrap_or("\n");
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let n = t[i].norm.as_str();
        if hour_with_suffix(n) || names_an_hour(n) {
            out.push(Phrase {
                start: t[i].start,
                end: t[i].end,
            });
            i += 1;
            continue;
        }
        // `in the morning`, `at night`, `on Friday evening` stays a date's business.
        if words::is_part_of_day(n) && i > 0 {
            let mut start = i - 1;
            if t[start].norm == "the" && start > 0 {
                start -= 1;
            }
            if matches!(t[start].norm.as_str(), "in" | "at" | "during") {
                out.push(Phrase {
                    start: t[start].start,
                    end: t[i].end,
                });
            }
            i += 1;
            continue;
        }
        if !whole_below(&t[i], 25.0) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let minutes = t
            .get(end)
            .is_some_and(|m| gap(i, end) == ":" && whole_below(m, 60.0) && m.norm.len() == 2);
        if minutes {
            end += 1;
        }
        let mut stop = t[end - 1].end;
        let suffixed = match t.get(end).map(|w| w.norm.as_str()) {
            Some("am" | "pm" | "oclock") if gap(end - 1, end).trim().is_empty() => {
                stop = t[end].end;
                end += 1;
                true
            }
            // `a.m.`, `p.m.`: two one-letter words with full stops.
            Some("a" | "p")
                if gap(end - 1, end).trim().is_empty()
                    && t.get(end + 1).is_some_and(|m| m.norm == "m")
                    && gap(end, end + 1) == "." =>
            {
                stop = t[end + 1].end;
                if s.text[stop..].starts_with('.') {
                    stop += 1;
                }
                end += 2;
                true
            }
            _ => false,
        };
        if minutes || suffixed {
            out.push(Phrase {
                start: t[i].start,
                end: stop,
            });
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::words::tokens;

    fn found(text: &str) -> Vec<String> {
        let t = tokens(text);
        let s = Parts {
            text,
            tokens: &t,
            mentions: &[],
            asked: &[],
        };
        times_of_day(&s)
            .into_iter()
            .map(|p| text[p.start..p.end].to_string())
            .collect()
    }

    #[test]
    fn clock_times_in_their_written_forms() {
        assert_eq!(
            found("Doors open at 8:30 a.m. on Saturdays and close at 2pm, or 17:45 in summer."),
            ["8:30 a.m.", "2pm", "17:45"]
        );
        assert_eq!(
            found("The ferry leaves at 7 o'clock in the morning and returns by midnight."),
            ["7 o'clock", "in the morning", "midnight"]
        );
    }

    #[test]
    fn other_numbers_are_no_time_of_day() {
        // A count, a score, a year and a ratio are not read as hours.
        assert!(
            found("In 1961 the 12 bakers won 3-1 and sold 4 loaves; the night shift grew.")
                .is_empty()
        );
    }
}
