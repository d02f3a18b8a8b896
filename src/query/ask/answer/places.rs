//! *Where* answers with no place named: the phrase after a preposition of place or a verb of
//! going (`to the new stadium`), and whether a phrase reads as a place at all.

use crate::analysis::EntityKind;
use crate::query::ask::irregular;
use crate::query::ask::question::{AnswerType, Question};
use crate::query::ask::words::{self, Token, is_determiner};
use std::collections::HashSet;

use super::clauses::clause_from;
use super::dates::reads_as_time;
use super::noun_runs::noun_runs;
use super::{Parts, Phrase, anchors, nearest_gap, token_range};

/// The abbreviations of US states written after a town (`Salem, Ore.`), without their full
/// stop: a place answer that is one of them names the town before it too.
const STATE_ABBREVIATIONS: [&str; 37] = [
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Vt", "Va", "Wash", "Wis", "Wyo", "N.H", "N.J", "N.Y", "N.C", "N.D",
];

/// `where is the dentist based` over `… a dentist in Wausau, [Wis.]`: a state's
/// abbreviation names a town written before it, one to three capitalised words after a
/// comma; the answer is both (`Wausau, Wis.`).
pub(super) fn with_town(s: &Parts<'_>, p: Phrase) -> Phrase {
    let written = s.text[p.start..p.end].trim_end_matches('.');
    let after_stop = p.end + usize::from(s.text[p.end..].starts_with('.'));
    if !STATE_ABBREVIATIONS.contains(&written) || !s.text[..after_stop].ends_with('.') {
        return p;
    }
    let Some(before) = s.text[..p.start].trim_end().strip_suffix(',') else {
        return p;
    };
    let t = s.tokens;
    let last = t.partition_point(|w| w.end <= before.len());
    let mut first = last;
    while first > 0
        && last - first < 3
        && t[first - 1].capital
        && (first == last || s.text[t[first - 1].end..t[first].start].trim().is_empty())
    {
        first -= 1;
    }
    // Not the sentence's capitalised first word (`In Salem, Ore.`).
    while first < last && t[first].is_stopword() {
        first += 1;
    }
    if first == last {
        return p;
    }
    Phrase {
        start: t[first].start,
        end: after_stop,
    }
}

/// `where do the young crabs live` over `… they live [among the rock pools] until spring`: with
/// no place named, the phrase a preposition of place opens right after the question's closing
/// verb, to the end of its clause.
pub(super) fn place_after_verb(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    if q.expects != AnswerType::Place {
        return None;
    }
    let verb = q.closing_verb()?;
    // The verb, not a noun of it (`his [teaching] on …`).
    let v = s.tokens.iter().position(|w| w.key == verb && !w.capital)?;
    place_after(s, v)
}

/// `where is the market located` over `The market is [on the east bank], by the bridge`: a
/// verb that only says where something stands is often left out, and the phrase of place
/// after `is` answers, before any place named further on.
pub(super) fn place_after_is(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    let verb = q.closing_verb()?;
    let t = s.tokens;
    if q.expects != AnswerType::Place
        || !says_where_it_stands(verb)
        || t.iter().any(|w| w.key == verb)
    {
        return None;
    }
    let v = t.iter().position(|w| words::is_finite_be(&w.norm))?;
    place_after(s, v)
}

/// The phrase a preposition of place opens right after the verb at token `v`, to the next
/// joining word.
fn place_after(s: &Parts<'_>, v: usize) -> Option<Phrase> {
    let t = s.tokens;
    if v > 0 && is_determiner(&t[v - 1].norm) {
        return None;
    }
    // `found [them] in the lining`: the one the question asks about, said again.
    let at = v
        + 1
        + usize::from(
            t.get(v + 1)
                .is_some_and(|w| matches!(w.norm.as_str(), "him" | "her" | "them" | "it")),
        );
    let opens = t.get(at).is_some_and(|w| {
        PLACE_PREPOSITIONS.contains(&w.norm.as_str())
            && !matches!(w.norm.as_str(), "to" | "from" | "over" | "off")
    });
    let joined = opens && (v..at).all(|k| s.text[t[k].end..t[k + 1].start].trim().is_empty());
    if !joined || t.get(at + 1).is_none_or(|n| n.number.is_some()) {
        return None;
    }
    let p = clause_from(s, at)?;
    // To the next joining word (`among the plankton [and thus occupy …]`).
    let r = token_range(t, p);
    let end = (r.start + 1..r.end)
        .find(|&k| {
            matches!(
                t[k].norm.as_str(),
                "and" | "but" | "or" | "which" | "who" | "that" | "where" | "when" | "while"
            )
        })
        .unwrap_or(r.end);
    // Short of a time closing it (`in the journal Nature [on Monday]`).
    let mut end = (r.start + 2..end)
        .find(|&k| super::dates::names_a_time(&t[k].norm))
        .unwrap_or(end);
    while end > r.start + 2
        && (t[end - 1].is_stopword()
            || t[end - 1].number.is_some()
            || matches!(
                t[end - 1].norm.as_str(),
                "last" | "this" | "next" | "early" | "late"
            ))
    {
        end -= 1;
    }
    let p = Phrase {
        start: p.start,
        end: t[end - 1].end,
    };
    // A phrase of time is no place (`lived in [1920]`, `live in winter`).
    (!reads_as_time(s.text, p) && end - r.start >= 2).then_some(p)
}

/// Verbs (by key) that only say where something is: `located`, `situated`, `based`.
fn says_where_it_stands(key: &str) -> bool {
    ["located", "situated", "based", "headquartered", "placed"]
        .iter()
        .any(|w| words::stem(w) == key)
}

/// Prepositions a place follows (`along the coast`, `in northern Spain`), stop words or not.
/// Not those that end a noun run ([`is_preposition`]): they are of any sense (`despite`,
/// `via`), and only the ones the stop words leave out.
///
/// [`is_preposition`]: super::noun_runs::is_preposition
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "on",
    "along",
    "near",
    "across",
    "inside",
    "outside",
    "within",
    "throughout",
    "from",
    "to",
    "into",
    "around",
    "beside",
    "between",
    "among",
    "off",
    "over",
    "under",
    "behind",
    "toward",
    "towards",
    "through",
    "beyond",
    "onto",
    "upon",
    "above",
    "below",
    "beneath",
];

/// Whether the phrase at `p` may answer *where* though the analysis found no place in it: it
/// is a name (`the [Tower District]`), or a preposition of place stands before it, articles
/// skipped (`along the [coast]`). Any other noun phrase is a subject or an object (`if an
/// [agreement] is not announced`), no place; nor is a name that opens on a person's (`the
/// [Trump administration] said`) unless a preposition of place says it is one.
pub(super) fn reads_as_place(s: &Parts<'_>, p: Phrase) -> bool {
    let first = token_range(s.tokens, p).start;
    let after_preposition = s.tokens[..first]
        .iter()
        .rev()
        .take(4)
        .find(|t| !is_determiner(&t.norm))
        .is_some_and(|t| PLACE_PREPOSITIONS.contains(&t.norm.as_str()));
    if s.text[p.start..].starts_with(|c: char| c.is_uppercase()) {
        // Only a name that goes on past the person's: a recogniser may take a town for a
        // person (`[New Rochelle]`), but `administration` or `campaign` after one is no place.
        let of_a_person = s.mentions.iter().any(|m| {
            m.kind == EntityKind::Person && m.start <= p.start && p.start < m.end && m.end < p.end
        });
        return after_preposition || !of_a_person;
    }
    // A bare `to` before a word in lower case makes it a verb (`to [move]`), not a place.
    let infinitive = first > 0 && s.tokens[first - 1].norm == "to";
    !infinitive && after_preposition
}

/// Whether `word` is a form of a verb of going somewhere (`moved`, `headed`, `relocates`).
fn is_motion(word: &str) -> bool {
    const MOTION: [&str; 16] = [
        "go", "head", "move", "travel", "run", "extend", "lead", "fly", "sail", "drive", "flee",
        "return", "migrate", "relocate", "send", "ship",
    ];
    let base = irregular::base_of(word).unwrap_or(word);
    MOTION
        .iter()
        .any(|m| *m == base || words::stem(base) == words::stem(m))
}

/// Whether a *where* question asks where something goes (`where will the tram go`, `where did
/// they move`): its answer is the phrase after `to` / `into`, wherever the question's words are.
pub(super) fn asks_where_to(q: &Question) -> bool {
    q.words.iter().any(|w| w.norm == "where")
        && q.words.iter().any(|w| !w.capital && is_motion(&w.norm))
}

/// Whether the phrase opening at token `at` follows `to` / `into` / `towards` (determiners
/// between).
pub(super) fn after_toward(t: &[Token], at: usize) -> bool {
    t[..at]
        .iter()
        .rev()
        .find(|w| !is_determiner(&w.norm))
        .is_some_and(|w| matches!(w.norm.as_str(), "to" | "into" | "towards" | "toward"))
}

/// Where something goes, with no place name found: the noun phrase after `to` / `into` (`extend
/// the line to [the new hospital]`), nearest the question's words; not a verb after a bare `to`.
/// Asked only where something is, the place it went to answers too when the sentence says it
/// went there (`the market moves to [the old station]`).
pub(super) fn destination(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    if !q.words.iter().any(|w| w.norm == "where") {
        return None;
    }
    let goes = asks_where_to(q);
    let t = s.tokens;
    let anchors = anchors(t, question_keys);
    // Whether the word before the `to` at index `to` is the sentence's own verb of going.
    let went_to = |to: usize| to > 0 && is_motion(&t[to - 1].norm) && !t[to - 1].capital;
    noun_runs(s)
        .into_iter()
        .filter_map(|p| {
            let r = token_range(t, p);
            let determined = r.start > 0 && is_determiner(&t[r.start - 1].norm);
            if !determined || !after_toward(t, r.start) {
                return None;
            }
            let to = t[..r.start].iter().rposition(|w| !is_determiner(&w.norm))?;
            if !goes && !went_to(to) {
                return None;
            }
            let new_words = t[r.clone()]
                .iter()
                .any(|w| !w.is_stopword() && !question_keys.contains(&w.key));
            let before = anchors.iter().copied().filter(|&x| x < r.start);
            let distance = nearest_gap(&r, before)?;
            new_words.then_some((distance, p))
        })
        .min_by_key(|(d, p)| (*d, p.start))
        .map(|(_, p)| p)
}

/// Nouns of a journey, after which `to` names where someone went (`a trip to [Walter Reed
/// hospital]`, `her first visit to Lagos`).
fn is_journey(word: &str) -> bool {
    matches!(
        word,
        "trip" | "trips" | "visit" | "visits" | "journey" | "flight" | "voyage" | "tour" | "return"
    )
}

/// Where someone went, for `where did X go`: the phrase after `to` that follows a verb of going
/// or a journey's noun, a name or a noun after its article, nearest the question's words. Ahead
/// of the place names by nearness: the place a hospital or a school stands for is often found
/// as an organisation's name (`according to [the White House], made a trip to Walter Reed`).
pub(super) fn journey_end(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    // `where do ferries sailing to Skye dock`: the question says where they go.
    let says_where = q.words.windows(3).any(|w| {
        is_motion(&w[0].norm) && matches!(w[1].norm.as_str(), "to" | "into") && !w[2].is_stopword()
    });
    if !asks_where_to(q) || says_where {
        return None;
    }
    let t = s.tokens;
    let anchors = anchors(t, question_keys);
    noun_runs(s)
        .into_iter()
        .filter_map(|p| {
            let r = token_range(t, p);
            let to = t[..r.start].iter().rposition(|w| !is_determiner(&w.norm))?;
            let determined = to + 1 < r.start;
            if !matches!(t[to].norm.as_str(), "to" | "into") || to == 0 || to + 2 < r.start {
                return None;
            }
            let before = &t[to - 1];
            let going = !before.capital && (is_motion(&before.norm) || is_journey(&before.norm));
            if !going || !(determined || t[r.start].capital) {
                return None;
            }
            let new_words = t[r.clone()]
                .iter()
                .any(|w| !w.is_stopword() && !question_keys.contains(&w.key));
            let distance = nearest_gap(&r, anchors.iter().copied()).unwrap_or(usize::MAX);
            new_words.then_some((distance, p))
        })
        .min_by_key(|(d, p)| (*d, p.start))
        .map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::answer::test_support::{answer, answer_about, answers_or_none};

    #[test]
    fn a_state_abbreviation_takes_its_town() {
        let got = |sentence: &str| {
            answer_about(
                "where is the dentist based",
                sentence,
                &[("Wis", EntityKind::Place)],
                &[],
            )
        };
        assert_eq!(
            got("The plan comes from Kai Berg, a dentist in Green Bay, Wis.").as_deref(),
            Some("Green Bay, Wis.")
        );
        // Straight from the phrase: not the sentence's first word, only capitalised words.
        let town = |sentence: &str| {
            let tokens = words::tokens(sentence);
            let parts = Parts {
                text: sentence,
                tokens: &tokens,
                mentions: &[],
                asked: &[],
            };
            let at = sentence.find("Wis").unwrap();
            let p = with_town(
                &parts,
                Phrase {
                    start: at,
                    end: at + 3,
                },
            );
            sentence[p.start..p.end].to_string()
        };
        assert_eq!(town("In Wausau, Wis., the mill closed."), "Wausau, Wis.");
        assert_eq!(town("She moved from the north, Wis., and the rest."), "Wis");
    }

    #[test]
    fn where_something_goes_is_after_to() {
        let line =
            "The board agreed to extend the Harbour Road bus line to the new stadium by 2027.";
        let road = [("Harbour Road", EntityKind::Place)];
        assert_eq!(
            answer("where will the bus line go", line, &road).as_deref(),
            Some("new stadium")
        );
        // Asked where it is, the name is the answer.
        assert_eq!(
            answer("where is the bus line", line, &road).as_deref(),
            Some("Harbour Road")
        );
        assert_eq!(
            answer(
                "where did the club move",
                "The club moved from Leeds to Bradford in 1990.",
                &[
                    ("Leeds", EntityKind::Place),
                    ("Bradford", EntityKind::Place)
                ]
            )
            .as_deref(),
            Some("Bradford")
        );
        // Asked where it is, where a headline says it moved answers too.
        let moved = "Craft fair moves to the former grain store";
        assert_eq!(
            answer("where is the craft fair now", moved, &[]).as_deref(),
            Some("former grain store")
        );
    }

    #[test]
    fn a_where_without_a_place_is_answered_by_a_name_or_after_a_preposition_of_place() {
        answers_or_none(&[
            (
                "Where did the talks happen?",
                "The union said it would leave the talks unless a deal is reached by Friday.",
                None,
            ),
            (
                "Where did the early trading centres stand?",
                "The early trading centres stood along the coast.",
                Some("along the coast"),
            ),
            (
                "Where was the driver stopped?",
                "Police think the driver had acted as a good Samaritan before the crash.",
                None,
            ),
            (
                "Where did the surgeon work?",
                "The surgeon, who worked for years abroad, was hurt in a crash, Tidings reported.",
                None,
            ),
            (
                "Which district is the centre for the arts?",
                "The centre for the arts is the Tower District.",
                Some("Tower District"),
            ),
        ]);
        // A name opening on a person's is whoever acts, not where.
        let got = answer(
            "where are the talks?",
            "The Dunn administration said it would walk away from the talks.",
            &[("Dunn", EntityKind::Person)],
        );
        assert_eq!(got, None);
        let got = answer(
            "where were the talks held?",
            "The talks were held at Dunn Tower on Friday.",
            &[("Dunn", EntityKind::Person)],
        );
        assert_eq!(got.as_deref(), Some("Dunn Tower"));
    }

    #[test]
    fn where_with_no_place_named_is_the_phrase_after_the_verb() {
        answers_or_none(&[
            (
                "Where do the new nurses work?",
                "The new nurses work in all kinds of settings and earn the same.",
                Some("in all kinds of settings"),
            ),
            (
                "Where do the young crabs live?",
                "The young crabs live for about three weeks before they moult.",
                None,
            ),
        ]);
    }

    #[test]
    fn where_is_it_located_is_the_phrase_after_is_when_the_verb_is_left_out() {
        let got = answer(
            "Where is the old fish market located in Corran?",
            "The old fish market is on Corran's windy east bank, a short walk from Kelso Bridge.",
            &[
                ("Corran", EntityKind::Place),
                ("Kelso Bridge", EntityKind::Place),
            ],
        );
        assert_eq!(got.as_deref(), Some("on Corran's windy east bank"));
        // With the verb written, the phrase after it.
        let got = answer(
            "Where is the fish market located?",
            "The fish market, which is busy, is located beside the ferry pier.",
            &[],
        );
        assert_eq!(got.as_deref(), Some("beside the ferry pier"));
    }

    #[test]
    fn a_where_is_not_answered_by_a_verb_after_to() {
        answers_or_none(&[(
            "Where do the herons nest?",
            "The grey herons nest early to avoid storms.",
            None,
        )]);
    }

    #[test]
    fn where_a_paper_was_published_is_the_journal_named() {
        answers_or_none(&[(
            "where was the study published",
            "Their count of 40 seals off Lund was published in Harbour Review on Monday.",
            Some("in Harbour Review"),
        )]);
    }

    #[test]
    fn a_pronoun_after_the_verb_is_the_thing_asked_about() {
        answers_or_none(&[(
            "where were the lost rings found",
            "Divers found them in the silt below the old pier two weeks later.",
            Some("in the silt below the old pier"),
        )]);
    }

    #[test]
    fn where_someone_went_is_the_end_of_their_trip() {
        let line = "Mayor Ellen Park, according to City Hall, made a surprise trip to Riverside \
                    Medical Center on Sunday.";
        let known = [
            ("City Hall", EntityKind::Place),
            ("Riverside Medical Center", EntityKind::Organization),
        ];
        assert_eq!(
            answer("where did ellen park go on sunday", line, &known).as_deref(),
            Some("Riverside Medical Center")
        );
        // A verb after a bare `to` is no place.
        let line = "The mayor went to see the flood barrier at Dunmore Quay.";
        let known = [("Dunmore Quay", EntityKind::Place)];
        assert_eq!(
            answer("where did the mayor go", line, &known).as_deref(),
            Some("Dunmore Quay")
        );
        // Nor when the question says where they go, and asks something else.
        let line = "Trains heading to Perth stop at Stirling, and some are extended to Dundee.";
        let known = [
            ("Perth", EntityKind::Place),
            ("Stirling", EntityKind::Place),
            ("Dundee", EntityKind::Place),
        ];
        assert_eq!(
            answer("where do trains going to perth stop", line, &known).as_deref(),
            Some("Stirling")
        );
    }
}
