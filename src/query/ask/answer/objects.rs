//! Whom a verb was done to: `who did the council thank` asks for what stands after the verb,
//! not for who stands before it.

use crate::analysis::EntityKind;
use crate::query::ask::question::{AnswerType, Question};
use crate::query::ask::words::{Token, is_determiner, is_pronoun, is_strandable};
use std::collections::HashSet;

use super::noun_runs::noun_runs;
use super::{Parts, Phrase, holds_new_word, is_form_of};

/// A word of the question after which its answer would stand in the sentence, and the
/// preposition the answer would follow there, if any.
#[derive(Debug, PartialEq, Eq)]
struct Slot<'q> {
    key: &'q str,
    preposition: Option<&'q str>,
}

/// Where a *whom did* question puts its answer: after its verb (`who did the mayor urge the
/// crews to [thank]`), or after the word its stranded preposition follows (`who did the
/// party win seats [from]`, `who did the union side [with] in 2019`, `with whom did the
/// union side`). The subject's first word is not one of them. A phrase of place or time
/// after the verb is set aside (`who did the skipper drop at Pier 4`: who was dropped
/// stands right after the verb).
fn slots(q: &Question) -> Vec<Slot<'_>> {
    let Some(at) = q.whom_did() else {
        return Vec::new();
    };
    let w = &q.words;
    let fronted = at
        .checked_sub(1)
        .map(|k| w[k].norm.as_str())
        .filter(|p| is_strandable(p));
    let content: Vec<usize> = (at + 2..w.len())
        .filter(|&k| !w[k].is_stopword() && w[k].number.is_none())
        .collect();
    let last = content.last().copied();
    // A word after a preposition is what that preposition takes (`in the [strike]`), not a
    // verb; `to` aside (`remind them to [obey]`).
    let after_preposition = |k: usize| {
        (at + 2..k)
            .rev()
            .find(|&b| !is_determiner(&w[b].norm))
            .is_some_and(|b| w[b].norm != "to" && (is_strandable(&w[b].norm) || w[b].norm == "in"))
    };
    content
        .iter()
        .skip(1)
        .filter(|&&k| !w[k].capital && !after_preposition(k))
        .filter_map(|&k| {
            let next = w.get(k + 1);
            let preposition = match next {
                None => fronted.filter(|_| Some(k) == last),
                Some(n) if is_strandable(&n.norm) => {
                    // Stranded when nothing follows it but a phrase of place or time
                    // (`side with in 2019`); else it opens that phrase (`drop at Pier 4`).
                    let after = w.get(k + 2);
                    if after.is_none_or(|a| matches!(a.norm.as_str(), "in" | "during" | "at")) {
                        Some(n.norm.as_str())
                    } else if Some(k) == last || n.norm == "at" || n.norm == "in" {
                        None
                    } else {
                        return None;
                    }
                }
                Some(n) if matches!(n.norm.as_str(), "in" | "during") => None,
                Some(_) => return None,
            };
            Some(Slot {
                key: w[k].key.as_str(),
                preposition,
            })
        })
        .collect()
}

/// `who did the union side with` over `The union sided with [the ferry crews] in May`: a *who* /
/// *whom* question with `did` / `does` / `do` asks for what its verb takes. The name or noun
/// phrase right after the question's verb in the sentence, past the preposition the question
/// strands and an article, when it holds a word the question does not.
pub(super) fn object_after_verb(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let slots = slots(q);
    if slots.is_empty() {
        return None;
    }
    let t = s.tokens;
    let runs = noun_runs(s);
    let tight = |a: &Token, b: &Token| {
        !s.text[a.end..b.start].contains([',', ';', ':', '(', ')', '"', '\u{2014}'])
    };
    for i in 0..t.len() {
        if t[i].capital || t[i].is_stopword() {
            continue;
        }
        for slot in slots.iter().filter(|slot| is_form_of(&t[i], slot.key)) {
            let mut j = i + 1;
            if let Some(p) = slot.preposition {
                if t.get(j).is_none_or(|x| x.norm != p) {
                    continue;
                }
                j += 1;
            }
            while t.get(j).is_some_and(|x| is_determiner(&x.norm)) {
                j += 1;
            }
            let Some(first) = t.get(j) else { continue };
            if is_pronoun(&first.norm) || !tight(&t[i], first) {
                continue;
            }
            let phrase = s
                .mentions
                .iter()
                .find(|m| m.start == first.start)
                .map(|m| {
                    let own = Phrase {
                        start: m.start,
                        end: m.end,
                    };
                    if q.expects == AnswerType::Person && m.kind != EntityKind::Person {
                        person_described(s, own).unwrap_or(own)
                    } else {
                        own
                    }
                })
                .or_else(|| runs.iter().copied().find(|r| r.start == first.start));
            let Some(phrase) = phrase else { continue };
            if holds_new_word(s, phrase, question_keys) {
                return Some(phrase);
            }
        }
    }
    None
}

/// `[Harbourside] skipper [Ana Reyes]`: the person a name of place or team describes, through
/// at most three lower-case words and no punctuation.
fn person_described(s: &Parts<'_>, name: Phrase) -> Option<Phrase> {
    let t = s.tokens;
    let mut k = t.partition_point(|w| w.start < name.end);
    let mut between = 0;
    while let Some(w) = t.get(k) {
        if !s.text[t[k - 1].end..w.start].trim().is_empty() {
            return None;
        }
        if w.capital {
            return s
                .mentions
                .iter()
                .find(|m| m.start == w.start && m.kind == EntityKind::Person)
                .filter(|_| between > 0)
                .map(|m| Phrase {
                    start: m.start,
                    end: m.end,
                });
        }
        between += 1;
        if between > 3 || w.is_stopword() {
            return None;
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{answer, answers_or_none, bare};
    use super::*;
    use crate::query::ask::question::Question;
    use crate::query::ask::words;
    use chrono::NaiveDate;

    fn parse(question: &str) -> Question {
        Question::parse(question, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
    }

    fn slot_keys(question: &str) -> Vec<(String, Option<String>)> {
        let q = parse(question);
        slots(&q)
            .into_iter()
            .map(|s| (s.key.to_string(), s.preposition.map(str::to_string)))
            .collect()
    }

    #[test]
    fn the_slot_is_the_verb_or_the_word_before_a_stranded_preposition() {
        let verb = |w: &str| words::stem(w);
        assert_eq!(
            slot_keys("Who did the mayor thank?"),
            [(verb("thank"), None)]
        );
        assert_eq!(
            slot_keys("Who did the union side with in 2019?"),
            [(verb("side"), Some("with".into()))]
        );
        assert_eq!(
            slot_keys("With whom did the union side?"),
            [(verb("side"), Some("with".into()))]
        );
        assert_eq!(
            slot_keys("Who did the harbour board leave at Pier 4?"),
            [(verb("leave"), None)]
        );
        // `who` asking for the doer, or a *what* question: not this rule's.
        assert!(slot_keys("Who thanked the mayor?").is_empty());
        assert!(slot_keys("What did the mayor thank?").is_empty());
    }

    #[test]
    fn whom_the_verb_was_done_to_stands_after_it() {
        answers_or_none(&[
            (
                "Who did the dockers' union side with in the strike?",
                "The dockers' union sided with the ferry crews in the strike, although its own leaders had voted against it.",
                Some("ferry crews"),
            ),
            (
                "Who did the council thank?",
                "At the opening, the council thanked the volunteers who had cleared the towpath, and Mayor Ines Calder cut the ribbon.",
                Some("volunteers"),
            ),
            (
                "Who did the Greens win two seats from?",
                "The Greens won two seats from Labour, while the Liberals held on in the north.",
                Some("Labour"),
            ),
        ]);
    }

    #[test]
    fn whom_a_team_word_describes_is_the_person_after_it() {
        let got = answer(
            "Who did the winger push?",
            "The winger was sent off for pushing Harbourside goalkeeper Ana Reyes into the net.",
            &[
                ("Harbourside", EntityKind::Organization),
                ("Ana Reyes", EntityKind::Person),
            ],
        );
        assert_eq!(got.as_deref(), Some("Ana Reyes"));
    }

    #[test]
    fn a_pronoun_after_the_verb_names_no_one() {
        let q = parse("Who did the council thank?");
        let text = "The council thanked them at the opening of the towpath.";
        let tokens = words::tokens(text);
        let keys = q.content().iter().map(|t| t.key.clone()).collect();
        assert_eq!(object_after_verb(&q, &bare(text, &tokens), &keys), None);
    }
}
