//! Clause answers: the reason for a *why*, the means for a *how*, what someone aims at or asks
//! others to do. A clause runs to a mark or a length, not to the edge of a noun phrase.

use crate::analysis::calendar::{is_month, is_weekday};
use crate::query::ask::question::Question;
use crate::query::ask::words::{self, Token, is_determiner};
use std::collections::HashSet;

use super::{Parts, Phrase, anchors};

/// Whether `w` is a form of a verb of asking someone to do something (`asked`, `urges`).
fn is_request_verb(w: &str) -> bool {
    matches!(
        w,
        "ask"
            | "asks"
            | "asked"
            | "asking"
            | "urge"
            | "urges"
            | "urged"
            | "urging"
            | "tell"
            | "tells"
            | "told"
            | "telling"
            | "encourage"
            | "encourages"
            | "encouraged"
            | "encouraging"
            | "request"
            | "requests"
            | "requested"
            | "requesting"
            | "beg"
            | "begs"
            | "begged"
            | "begging"
            | "implore"
            | "implores"
            | "implored"
            | "imploring"
            | "want"
            | "wants"
            | "wanted"
            | "wanting"
    )
}

/// [`is_request_verb`] at token `k`, or `called on` (`called on the mayor to …`).
fn requests_at(t: &[Token], k: usize) -> bool {
    is_request_verb(&t[k].norm)
        || matches!(t[k].norm.as_str(), "call" | "calls" | "called" | "calling")
            && t.get(k + 1).is_some_and(|n| n.norm == "on")
}

/// `what did the businesses ask for` over `… asked the council to [limit road closures]`:
/// what someone is asked to do is the clause after the `to` that follows whom they ask.
pub(super) fn requested_clause(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    let w = &q.words;
    if w.first().is_none_or(|f| f.norm != "what") {
        return None;
    }
    let at = w.iter().rposition(|x| is_request_verb(&x.norm))?;
    let asked = &w[at];
    // The question names what they were asked to do (`ask the city to forbid the sale of`): it
    // asks for a phrase inside it.
    let names_the_deed = w[at..]
        .windows(2)
        .any(|p| p[0].norm == "to" && p[1].norm != "do");
    if names_the_deed {
        return None;
    }
    let t = s.tokens;
    // The question's verb, else another that asks (`want` ~ `called on`).
    let v = t
        .iter()
        .position(|x| x.key == asked.key && is_request_verb(&x.norm))
        .or_else(|| (0..t.len()).find(|&k| requests_at(t, k)))?;
    // Whom they ask, in a few words and no clause of its own, then `to` and a verb.
    let to = (v + 2..t.len().min(v + 7)).find(|&k| t[k].norm == "to")?;
    let broken = (v..to).any(|k| s.text[t[k].end..t[k + 1].start].contains([',', ';', ':']));
    let verb = t.get(to + 1)?;
    if broken
        || verb.capital
        || verb.number.is_some()
        || verb.is_stopword()
        || is_determiner(&verb.norm)
    {
        return None;
    }
    clause_from(s, to + 1)
}

/// What a sentence says someone aims at: the clause after a verb of aim and its `to`
/// (`sought to [calm the traders before the vote]`), for `what is X trying to do`.
pub(super) fn aim_clause(s: &Parts<'_>) -> Option<Phrase> {
    let t = s.tokens;
    (1..t.len().saturating_sub(1)).find_map(|k| {
        let verb = &t[k + 1];
        let aimed = t[k].norm == "to"
            && words::is_aim_verb(&t[k - 1].norm)
            && !verb.capital
            && verb.number.is_none()
            && !verb.is_stopword()
            && !is_determiner(&verb.norm);
        aimed.then(|| clause_from(s, k + 1)).flatten()
    })
}

/// The longest a *why* or *how* answer runs, in words.
pub(super) const CLAUSE_WORDS: usize = 12;

/// The words from token `from` to the end of their clause (a comma, a colon, a dash, brackets,
/// quotes, the sentence's end), at most [`CLAUSE_WORDS`], without stop words at the end.
pub(super) fn clause_from(s: &Parts<'_>, from: usize) -> Option<Phrase> {
    let t = s.tokens;
    let mut end = from;
    while end < t.len() && end - from < CLAUSE_WORDS {
        let gap = &s.text[t[end - 1].end..t[end].start];
        if end > from
            && (gap.contains([',', ';', ':', '.', '(', ')', '"', '\u{2014}']) || gap.contains("--"))
        {
            break;
        }
        end += 1;
    }
    while end > from && t[end - 1].is_stopword() {
        end -= 1;
    }
    (end > from).then(|| Phrase {
        start: t[from].start,
        end: t[end - 1].end,
    })
}

/// A *why* answer: the clause after a word that gives a reason (`due to [their dispersed
/// population]`, `because of`, `since`, `citing` in news, `so that`, `in order to`, or a purpose `to` with a
/// verb the question does not hold), the more explicit markers first.
pub(super) fn reason(s: &Parts<'_>, question_keys: &HashSet<String>) -> Option<Phrase> {
    const MARKERS: &[&[&str]] = &[
        &["because", "of"],
        &["due", "to"],
        &["owing", "to"],
        &["because"],
        &["since"],
        &["citing"],
        &["so", "that"],
        &["in", "order", "to"],
        &["to"],
    ];
    let t = s.tokens;
    for marker in MARKERS {
        for i in 0..t.len() {
            let at = |k: usize| t.get(i + k).map(|w| w.norm.as_str());
            if !marker.iter().enumerate().all(|(k, m)| at(k) == Some(*m)) {
                continue;
            }
            let next = i + marker.len();
            // `since their meeting in February`, `since 2015`: a time, not a reason.
            if *marker == ["since"] && t.get(next).is_some_and(|w| since_a_time(&w.norm)) {
                continue;
            }
            // `in order to`'s short form, not `to` inside a compound (`year-to-date`) nor
            // after a verb that takes it (`was set to begin`).
            if *marker == ["to"]
                && (s.text[..t[i].start].ends_with('-')
                    || i.checked_sub(1).is_some_and(|k| takes_to(&t[k].norm))
                    // A purpose `to` takes a verb: a name after it is whom or where
                    // (`criticism to [Putin]`).
                    || t.get(next).is_none_or(|w| {
                        w.is_stopword()
                            || w.number.is_some()
                            || w.capital
                            || question_keys.contains(&w.key)
                    })
                    // What it is the purpose of stands before it (`cut the price [to win
                    // buyers]`) or after it when it opens the sentence (`To win buyers, …`):
                    // with none of the question's words before it, the deed is another.
                    || i > 0
                        && !t[..i]
                        .iter()
                        .any(|w| !w.is_stopword() && question_keys.contains(&w.key)))
            {
                continue;
            }
            if let Some(p) = clause_from(s, next) {
                return Some(p);
            }
        }
    }
    cause_before(s, question_keys)
}

/// `overwhelming demand and a coding glitch [led to] widespread problems`: what stands before
/// a verb of causing, back to `said` / `that` or a comma, when what follows holds the
/// question's words (the effect asked about).
fn cause_before(s: &Parts<'_>, question_keys: &HashSet<String>) -> Option<Phrase> {
    let t = s.tokens;
    for i in 1..t.len() {
        let n = t[i].norm.as_str();
        let causes = matches!(
            n,
            "caused" | "causes" | "triggered" | "sparked" | "prompted"
        ) || matches!(n, "led" | "leads" | "lead")
            && t.get(i + 1).is_some_and(|w| w.norm == "to")
            || matches!(n, "resulted" | "results") && t.get(i + 1).is_some_and(|w| w.norm == "in");
        let effect_asked = t[i + 1..]
            .iter()
            .take(CLAUSE_WORDS)
            .any(|w| !w.is_stopword() && question_keys.contains(&w.key));
        if !causes || !effect_asked {
            continue;
        }
        let mut from = i;
        while from > 0
            && !matches!(t[from - 1].norm.as_str(), "said" | "says" | "that")
            && !s.text[t[from - 1].end..t[from].start].contains([',', ';', ':', '(', '"'])
            && i - from < CLAUSE_WORDS
        {
            from -= 1;
        }
        let mut end = i;
        while end > from
            && t[end - 1].is_stopword()
            && !matches!(t[end - 1].norm.as_str(), "it" | "this")
        {
            end -= 1;
        }
        let content = t[from..end].iter().any(|w| !w.is_stopword());
        if content && end > from {
            return Some(Phrase {
                start: t[from].start,
                end: t[end - 1].end,
            });
        }
    }
    None
}

/// Whether `since` followed by `w` starts a time (`since the war`, `since their meeting`,
/// `since 2015`, `since May`) rather than a reason (`since it was cheaper`).
/// Words a `to` + verb completes rather than gives a purpose to (`set to begin`, `plans to`).
fn takes_to(w: &str) -> bool {
    matches!(
        w,
        "set"
            | "plan"
            | "plans"
            | "planned"
            | "expect"
            | "expects"
            | "expected"
            | "want"
            | "wants"
            | "wanted"
            | "begin"
            | "began"
            | "start"
            | "started"
            | "try"
            | "tried"
            | "decide"
            | "decided"
            | "agree"
            | "agreed"
            | "hope"
            | "hoped"
            | "need"
            | "needed"
            | "going"
            | "able"
            | "likely"
            | "seem"
            | "seems"
            | "seemed"
            | "continue"
            | "continued"
            | "refused"
            | "promised"
            | "vowed"
            | "threatened"
            | "used"
            | "ought"
            | "about"
            | "led"
            | "leads"
            | "lead"
            | "leading"
    )
}

fn since_a_time(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "their"
            | "his"
            | "her"
            | "its"
            | "our"
            | "then"
            | "last"
            | "early"
            | "late"
            | "fall"
    ) || words::is_season(w)
        || w.starts_with(|c: char| c.is_ascii_digit())
        || is_month(w)
        || is_weekday(w)
}

/// A *how* answer: the means (`by`, `through`, `using`, `via`, `with` and what follows) once the
/// question's words have begun; else what follows the last of them (`spaced [evenly round the
/// body]`).
/// `how did the board vote` over `The board voted [7-2 along party lines] …` or `… approved it
/// [by a 2-to-1 vote]`: a vote is told by its tally (two counts joined by a hyphen or `to`),
/// with `along party lines` when that follows, or by `unanimously`.
pub(super) fn vote_tally(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    if !q.words.iter().any(|w| w.key == "vote") {
        return None;
    }
    let t = s.tokens;
    let gap = |k: usize| s.text[t[k - 1].end..t[k].start].trim();
    let tally = (0..t.len()).find_map(|k| {
        let count = |i: usize| t.get(i).is_some_and(|w| w.number.is_some());
        if count(k) && count(k + 1) && matches!(gap(k + 1), "-" | "\u{2013}") {
            return Some((k, k + 2));
        }
        let to = t.get(k + 1).is_some_and(|w| w.norm == "to");
        (count(k) && to && count(k + 2) && gap(k + 1) == "-" && gap(k + 2) == "-")
            .then_some((k, k + 3))
    });
    let Some((from, mut end)) = tally else {
        let k = t.iter().position(|w| w.norm == "unanimously")?;
        return Some(Phrase {
            start: t[k].start,
            end: t[k].end,
        });
    };
    let along = ["along", "party", "lines"];
    if t.len() >= end + 3 && t[end..end + 3].iter().zip(along).all(|(w, a)| w.norm == a) {
        end += 3;
    }
    Some(Phrase {
        start: t[from].start,
        end: t[end - 1].end,
    })
}

pub(super) fn manner(s: &Parts<'_>, question_keys: &HashSet<String>) -> Option<Phrase> {
    let t = s.tokens;
    let anchors = anchors(t, question_keys);
    let (&first, &last) = (anchors.first()?, anchors.last()?);
    let means = (first..t.len()).find(|&i| {
        matches!(
            t[i].norm.as_str(),
            "by" | "through" | "using" | "via" | "with"
        ) && t.get(i + 1).is_some_and(|n| {
            // `stopping by to say hello`: an adverb, no means.
            !question_keys.contains(&n.key) && !matches!(n.norm.as_str(), "to" | "and" | "or")
        })
    });
    match means {
        Some(i) => clause_from(s, i),
        None => {
            // Past the rest of a name the question holds a word of (`Bishop [Alan Reed]`); a
            // name that closes its clause has nothing said after it (`the funeral of Bishop Alan
            // Reed, blocking …` tells nothing the bishop did).
            let mut from = last + 1;
            let joined = |k: usize| s.text[t[k - 1].end..t[k].start].trim().is_empty();
            while t.get(from).is_some_and(|w| w.capital) && joined(from) {
                from += 1;
            }
            if from > last + 1 && from < t.len() && !joined(from) {
                return None;
            }
            // `his sister, [Ada Roe], had won`: past a name set off by commas after the words.
            let comma_before = |k: usize| k > 0 && s.text[t[k - 1].end..t[k].start].trim() == ",";
            if from == last + 1 && t.get(from).is_some_and(|w| w.capital) && comma_before(from) {
                let mut end = from + 1;
                while t.get(end).is_some_and(|w| w.capital) && joined(end) {
                    end += 1;
                }
                if end < t.len() && comma_before(end) {
                    from = end;
                }
            }
            // `the ferry [that crosses the harbour] is back in service`: past the relative
            // clause to what is said of the thing asked about.
            if t.get(from)
                .is_some_and(|w| matches!(w.norm.as_str(), "that" | "which" | "who"))
                && let Some(verb) = (from + 2..t.len().min(from + 12)).find(|&k| {
                    matches!(
                        t[k].norm.as_str(),
                        "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will"
                    )
                })
            {
                return clause_from(s, verb);
            }
            clause_from(s, from)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::query::ask::answer::test_support::{answer, answers_are, answers_or_none};

    #[test]
    fn what_happened_to_someone_named_by_commas_is_said_past_the_name() {
        answers_are(&[(
            "what happened to the skipper's brother",
            "The race was called off after the skipper's brother, Tom Rees, had broken his wrist on the quay.",
            "had broken his wrist on the quay",
        )]);
    }

    #[test]
    fn citing_gives_the_reason_in_news() {
        answers_are(&[(
            "why did corvane cancel its contract",
            "Corvane canceled its contract a month later, citing supply problems at its plant.",
            "supply problems at its plant",
        )]);
    }

    #[test]
    fn a_vote_is_told_by_its_tally() {
        answers_are(&[
            (
                "how did the planning board vote on the plan",
                "The planning board voted 6-3 along party lines to send the plan back.",
                "6-3 along party lines",
            ),
            (
                "How did the judges vote?",
                "The appeals panel upheld the ruling by a 2-to-1 vote on Friday.",
                "2-to-1",
            ),
            (
                "how did the council vote on the budget",
                "The council unanimously approved the budget on Monday.",
                "unanimously",
            ),
        ]);
    }

    #[test]
    fn what_someone_asks_for_is_what_they_ask_others_to_do() {
        answers_or_none(&[
            (
                "What did the shop owners ask for?",
                "Shop owners welcomed the plan but asked the council to limit road closures during the works.",
                Some("limit road closures during the works"),
            ),
            (
                "What did the fishermen ask the board to delay?",
                "The fishermen asked the harbour board to delay the vote on the quay.",
                Some("vote"),
            ),
            (
                "What did the fishermen request?",
                "The fishermen requested the harbour board to delay the vote.",
                Some("delay the vote"),
            ),
            // Another verb that asks, and a dash closing the clause.
            (
                "what do the fishermen want the board to do about the quay",
                "The fishermen called on the harbour board to rebuild the quay -- a job, they said, long overdue.",
                Some("rebuild the quay"),
            ),
        ]);
    }

    #[test]
    fn why_and_how_are_answered_by_a_clause() {
        assert_eq!(
            answer(
                "what did deval patrick do in south carolina",
                "Owners gathered in South Carolina when told that Deval Patrick would be stopping by to introduce himself.",
                &[]
            )
            .as_deref(),
            Some("would be stopping by to introduce himself")
        );
        assert_eq!(
            answer(
                "Why do the islands elect fewer members?",
                "The islands elect fewer members, due to their dispersed population and distance from the capital.",
                &[]
            )
            .as_deref(),
            Some("their dispersed population and distance from the capital")
        );
        assert_eq!(
            answer(
                "Why do some tribes use remote sensing?",
                "Remote sensing is used by the tribes to protect their lands from commercial interests.",
                &[]
            )
            .as_deref(),
            Some("protect their lands from commercial interests")
        );
        // What was reported is the clause after `that`, not a phrase beside the verb.
        assert_eq!(
            answer(
                "What did the Courier report?",
                "The Courier reported on Friday that the three ports in question are Bergen, Stavanger and Trondheim.",
                &[]
            )
            .as_deref(),
            Some("the three ports in question are Bergen, Stavanger and Trondheim")
        );
        assert_eq!(
            answer(
                "What did the survey find?",
                "The survey, run in May, found that most riders want later trams; the council agreed.",
                &[]
            )
            .as_deref(),
            Some("most riders want later trams")
        );
        assert_eq!(
            answer(
                "what did the tribunal rule about the harbour tolls",
                "The tribunal ruled that the harbour tolls were unlawful and must be repaid.",
                &[]
            )
            .as_deref(),
            Some("the harbour tolls were unlawful and must be repaid")
        );
        // `since` a time gives no reason.
        assert_eq!(
            answer(
                "Why was Zelensky berated?",
                "It was their first call since the summit at which Zelensky was berated.",
                &[]
            ),
            None
        );
        assert_eq!(
            answer(
                "Why did the council delay the vote?",
                "The council delayed the vote, since it had no quorum.",
                &[]
            )
            .as_deref(),
            Some("it had no quorum")
        );
        // Nothing that gives a reason: no short answer.
        assert_eq!(
            answer(
                "Why do fishermen fear the turbines?",
                "Fishermen fear the turbines will drive away the cod.",
                &[]
            ),
            None
        );
        assert_eq!(
            answer(
                "How are the combs spaced?",
                "There are eight rows of combs, and they are spaced evenly round the body.",
                &[]
            )
            .as_deref(),
            Some("evenly round the body")
        );
        assert_eq!(
            answer(
                "How are seats allocated to parties?",
                "Seats are allocated to parties by the d'Hondt method, region by region.",
                &[]
            )
            .as_deref(),
            Some("by the d'Hondt method")
        );
    }

    #[test]
    fn why_is_not_answered_by_what_a_plan_is_set_to_do() {
        assert_eq!(
            answer(
                "why did the utility shut off power",
                "The utility was set to begin shutting off power to 375,000 people on Wednesday.",
                &[]
            ),
            None
        );
    }

    #[test]
    fn a_purpose_answers_why_only_for_the_deed_before_it() {
        answers_or_none(&[
            // The purpose of the vote, not of the delay asked about.
            (
                "Why was the bridge repair delayed?",
                "The board voted on Monday to widen the Kell Road bridge, ending a row over \
                 steel that had delayed the repair since spring.",
                None,
            ),
            (
                "Why did the board close the bridge?",
                "The board closed the bridge to repair its cracked piers.",
                Some("repair its cracked piers"),
            ),
            // A name after `to` is whom it went to, no purpose.
            (
                "Why did the mayor change course?",
                "The mayor changed course after the vote, sending the plan to Lund rather \
                 than the council.",
                None,
            ),
            // Opening the sentence, it is the purpose of what follows.
            (
                "Why did the board close the bridge?",
                "To repair its cracked piers, the board closed the bridge in May.",
                Some("repair its cracked piers"),
            ),
        ]);
    }

    #[test]
    fn why_is_answered_by_what_led_to_it() {
        answers_are(&[(
            "why did the streaming service have so many problems at launch",
            "The executive said overwhelming demand and a coding glitch led to widespread \
             problems last week when the service launched.",
            "overwhelming demand and a coding glitch",
        )]);
        // What it led to is no reason for something else.
        assert_eq!(
            answer(
                "why did the mayor resign",
                "The storm led to flooding across the city.",
                &[]
            ),
            None
        );
    }

    #[test]
    fn what_happened_to_a_thing_is_said_past_its_relative_clause() {
        answers_are(&[(
            "what happened to the old lighthouse",
            "The old lighthouse that guided ships for a century was sold to a hotel group in May.",
            "was sold to a hotel group in May",
        )]);
    }

    #[test]
    fn what_someone_is_trying_to_do_is_the_clause_after_their_aim() {
        answers_are(&[
            (
                "what is the mayor trying to do",
                "The mayor, who took office in May, sought to calm the traders before the vote.",
                "calm the traders before the vote",
            ),
            (
                "what are the unions hoping to achieve",
                "Leaders of the unions vowed to win back the lost bonus, officials said.",
                "win back the lost bonus",
            ),
        ]);
        // Asked of something named, the thing done is no aim (`try to achieve a balance`).
        assert_ne!(
            answer(
                "what does the chair try to achieve a balance of",
                "The chair tries to achieve a balance between rival parties.",
                &[]
            )
            .as_deref(),
            Some("achieve a balance between rival parties")
        );
    }

    #[test]
    fn to_inside_a_compound_is_no_purpose() {
        assert_eq!(
            answer(
                "why did the shares fall",
                "The shares are up 39 percent year-to-date while the index is up 24 percent.",
                &[]
            ),
            None
        );
    }
}
