//! Who did it: where a verb's doer or subject stands (right before it, after its passive `by`,
//! before a relative pronoun, past a clause set off by commas). Shared by the ranking of typed
//! phrases and the *what* answer.

use crate::analysis::EntityKind;
use crate::query::ask::question::{AnswerType, Question};
use crate::query::ask::words::{self, Token, is_determiner, is_pronoun};
use std::collections::HashSet;

use super::things::thing_answer_of;
use super::{Parts, Phrase, token_range};

/// A form of `be`, which makes the participle after it passive (`is being built`). Not the
/// *what* answer's copula (`is_copula` in `things`), which leaves out `being` and takes
/// `became` and `remains` too.
pub(super) fn is_be(w: &str) -> bool {
    words::is_finite_be(w) || matches!(w, "be" | "been" | "being")
}

/// Where the doer of a verb stands in a sentence, by token index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Agent {
    /// Written in the passive: the phrase opening here, after `by` (`recorded by [Bob Gallion]`).
    After(usize),
    /// The phrase ending here, right before the verb (`[Red Guards] destroyed`).
    Before(usize),
    /// Any phrase before the verb at this token, in the active (`[A], [B] and [C] have sued`).
    Clause(usize),
}

impl Agent {
    pub(super) fn holds(self, range: &std::ops::Range<usize>) -> bool {
        match self {
            Agent::After(at) => range.start == at,
            Agent::Before(verb) => range.end <= verb && verb - range.end <= 2,
            Agent::Clause(verb) => range.end <= verb,
        }
    }
}

/// Where the doer of the verb with key `verb` stands in the sentence, when the verb is there.
pub(super) fn agent_place(s: &Parts<'_>, verb: &str) -> Option<Agent> {
    let tokens = s.tokens;
    // `reportedly`, `increasingly` share a stem with the verb but are adverbs: who did it does
    // not stand before them.
    let adverb = |t: &Token| t.norm.ends_with("edly") || t.norm.ends_with("ingly");
    let v = tokens.iter().position(|t| t.key == verb && !adverb(t))?;
    let by = tokens
        .iter()
        .enumerate()
        .skip(v + 1)
        .take(8)
        .find(|(_, t)| t.norm == "by")
        .map(|(i, _)| i);
    Some(match by {
        Some(i) => {
            let mut at = i + 1;
            while tokens.get(at).is_some_and(|t| is_determiner(&t.norm)) {
                at += 1;
            }
            Agent::After(at)
        }
        None => Agent::Before(past_apposition(s, past_control_verb(tokens, v))),
    })
}

/// `[Ann Roe] agreed to buy`, `came to write`: the doer of a verb in the infinitive after
/// a verb of will or course stands before that verb. The index that verb opens at, else `v`.
fn past_control_verb(tokens: &[Token], v: usize) -> usize {
    let controls = |w: &Token| {
        !w.capital
            && matches!(
                w.norm.as_str(),
                "agreed"
                    | "came"
                    | "decided"
                    | "helped"
                    | "tried"
                    | "managed"
                    | "refused"
                    | "promised"
                    | "vowed"
                    | "planned"
                    | "hoped"
                    | "sought"
                    | "chose"
                    | "began"
                    | "continued"
                    | "wanted"
                    | "offered"
                    | "pledged"
                    | "threatened"
            )
    };
    if v >= 2 && tokens[v - 1].norm == "to" && controls(&tokens[v - 2]) {
        v - 2
    } else {
        v
    }
}

/// `who founded the yard` over `… the company's founder [Ann Roe] announced …`: a person
/// named right after the noun for who does the question's verb (`founder`, `director`,
/// `owner`) is who did it, however near other names stand.
pub(super) fn titled_doer(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let verb = q.agent_verb()?;
    let t = s.tokens;
    let doer_noun = |w: &Token| {
        let rest = w.norm.strip_prefix(verb).unwrap_or("");
        verb.len() >= 3 && matches!(rest, "er" | "or" | "ers" | "ors")
    };
    s.mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .find(|m| {
            let at = t.partition_point(|w| w.start < m.start);
            let named = t[at..]
                .iter()
                .take_while(|w| w.end <= m.end)
                .any(|w| question_keys.contains(&w.key));
            // `its founder`, `the yard's longtime founder`: the one of that company, not
            // a trade (`American composer Ann Roe` arranged another's theme).
            let owned = (2..=3).any(|back| {
                at >= back
                    && (is_determiner(&t[at - back].norm)
                        || is_pronoun(&t[at - back].norm)
                        || words::is_possessive(&s.text[t[at - back].start..t[at - back].end]))
            });
            at > 0
                && !named
                && owned
                && doer_noun(&t[at - 1])
                && s.text[t[at - 1].end..m.start].trim().is_empty()
        })
        .map(|m| Phrase {
            start: m.start,
            end: m.end,
        })
}

/// `The ferry crews, sent home [by the harbour master]`: with no name to answer a
/// *who*, the one the question's verb was done by, in lower case: a few plain words after
/// `by` and its article (not a time, a number or a gerund: `by Friday`, `by raising`).
pub(super) fn agent_noun(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    let verb = q.agent_verb()?;
    let Agent::After(at) = agent_place(s, verb)? else {
        return None;
    };
    let t = s.tokens;
    let plain = |w: &Token| {
        !w.capital
            && !w.is_stopword()
            && w.number.is_none()
            && w.norm.chars().all(char::is_alphabetic)
            && !w.norm.ends_with("ing")
            && !w.norm.ends_with("ly")
            && !super::dates::names_a_time(&w.norm)
    };
    // Plain words side by side, and `of` between two (`the wardens of both parks`).
    let mut end = at;
    while end < t.len() && end < at + 6 {
        let of = end > at && t[end].norm == "of" && t.get(end + 1).is_some_and(plain);
        if !(plain(&t[end]) || of)
            || end > at && !s.text[t[end - 1].end..t[end].start].trim().is_empty()
        {
            break;
        }
        end += 1;
    }
    (end > at).then(|| Phrase {
        start: t[at].start,
        end: t[end - 1].end,
    })
}

/// `what did the council approve` over `[The extension], which adds six stops, was approved by
/// 31 votes`: written in the passive, what the question's verb is done to is the verb's
/// subject. Where that subject ends (past a clause set off by commas), by token index; None
/// when the sentence has the verb in the active or not at all.
pub(super) fn passive_subject_end(q: &Question, s: &Parts<'_>) -> Option<usize> {
    let verb = q.object_verb()?;
    // Only when the question asks for what the verb takes, not for a phrase after it (`what
    // are they turning the house [into]`); a time or place may close it (`approve [on Monday]`).
    let w = &q.words;
    let asked = w.iter().rposition(|x| x.key == verb)?;
    let closes = |x: &Token| {
        matches!(
            x.norm.as_str(),
            "in" | "on" | "at" | "during" | "after" | "before" | "last" | "this" | "?"
        )
    };
    if w.get(asked + 1).is_some_and(|x| !closes(x)) {
        return None;
    }
    let t = s.tokens;
    let v = (1..t.len()).find(|&i| t[i].key == verb && !t[i].capital)?;
    if !words::participle_like(&t[v].norm) {
        return None;
    }
    // Past adverbs (`was [unanimously] approved`) to the form of `be`.
    let mut be = v - 1;
    while be > 0 && t[be].norm.ends_with("ly") && !t[be].capital {
        be -= 1;
    }
    if !is_be(&t[be].norm) {
        return None;
    }
    // `was being built`: the group opens at its first form of `be`.
    while be > 0 && is_be(&t[be - 1].norm) {
        be -= 1;
    }
    let clause = past_apposition(s, be);
    let end = if clause == be {
        verb_group_start(t, be)
    } else {
        clause
    };
    // A clause of its own closes the subject (`the house where Hitler was [born]`): where its
    // head stands is not known.
    (end > 0 && !words::participle_like(&t[end - 1].norm)).then_some(end)
}

/// `who was held at the fort` over `dubbed the Stone Box by [foreign sailors] held there`: a
/// question in the passive is answered by the people a bare participle of its verb follows (a
/// clause cut short: `sailors [who were] held there`). Only when nothing the participle could
/// take as its object follows it: `voters elected Ann` is the voters' own deed.
pub(super) fn reduced_relative_patient(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    let verb = q.patient_verb()?;
    let t = s.tokens;
    let v = (1..t.len()).find(|&i| {
        t[i].key == verb
            && !t[i].capital
            && !t[i].norm.ends_with("ing")
            && words::participle_like(&t[i].norm)
    })?;
    let joined = |a: usize, b: usize| s.text[t[a].end..t[b].start].trim().is_empty();
    let takes_nothing = match t.get(v + 1) {
        None => true,
        Some(n) => {
            !joined(v, v + 1)
                || words::is_strandable(&n.norm)
                || matches!(n.norm.as_str(), "in" | "there" | "here" | "until" | "since")
                || (n.norm.len() > 4 && n.norm.ends_with("ly"))
        }
    };
    let head = &t[v - 1];
    let people =
        |w: &str| words::is_plural(w) || w.ends_with("men") || matches!(w, "people" | "children");
    let plain = |x: &Token| {
        x.number.is_none()
            && !x.is_stopword()
            && !is_pronoun(&x.norm)
            && x.norm.chars().all(char::is_alphabetic)
    };
    if !takes_nothing || !joined(v - 1, v) || head.capital || !plain(head) || !people(&head.norm) {
        return None;
    }
    // Back over the words describing them (`American [servicemen]`), up to a determiner.
    let mut start = v - 1;
    while start > 0 && v - start < 4 && plain(&t[start - 1]) && joined(start - 1, start) {
        start -= 1;
    }
    Some(Phrase {
        start: t[start].start,
        end: head.end,
    })
}

/// Longest relative clause set off by commas between a doer and its verb, in words.
const APPOSITION_WORDS: usize = 25;

/// `[Ann Roe], who had led the inquiry since May, resigned`: when a comma closes what stands
/// right before the verb at token `v` (`has`, `also` and the like aside), and a `, who` /
/// `, which` opened it, the doer ends before that relative pronoun, whose token is returned;
/// else `v`.
fn past_apposition(s: &Parts<'_>, v: usize) -> usize {
    let t = s.tokens;
    let end = verb_group_start(t, v);
    let comma_before = |k: usize| k > 0 && s.text[t[k - 1].end..t[k].start].contains(',');
    if end < 2 || !comma_before(end) {
        return v;
    }
    (end.saturating_sub(APPOSITION_WORDS).max(1)..end - 1)
        .rev()
        .take_while(|&k| !s.text[t[k].end..t[k + 1].start].contains([';', ':', '(', ')']))
        .find(|&k| matches!(t[k].norm.as_str(), "who" | "which" | "whose") && comma_before(k))
        .unwrap_or(v)
}

/// `who criticised X` over `the mayor … aiming his sharpest criticism at X`: the deed named by a
/// noun of the verb (`criticism`) after `his` / `her` / `their` is the doer's; the first name
/// written before that possessive is the one it points back to (where its phrase opens).
pub(super) fn owner_of_the_deed(s: &Parts<'_>, verb: &str) -> Option<Agent> {
    let t = s.tokens;
    let noun = (1..t.len())
        .find(|&k| !t[k].capital && t[k].key != verb && words::related(&t[k].key, verb))?;
    let owner = (noun.saturating_sub(2)..noun)
        .find(|&k| matches!(t[k].norm.as_str(), "his" | "her" | "their"))?;
    let before = t[owner].start;
    let first = s
        .mentions
        .iter()
        .filter(|m| {
            m.end <= before && matches!(m.kind, EntityKind::Person | EntityKind::Organization)
        })
        .min_by_key(|m| m.start)?;
    t.iter()
        .position(|w| w.start == first.start)
        .map(Agent::After)
}

/// `who is the harbour's main ferry operator` over `[Tidewater] is the main ferry operator on the
/// estuary`: a *who is* / *who was* asks for the subject of a sentence whose `is` is followed by
/// the question's words, when that subject is a name and holds none of them (a sentence that
/// opens with the question's words, `the operator is Tidewater`, is read by nearness).
pub(super) fn copula_subject(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    if !matches!(q.expects, AnswerType::Person | AnswerType::Organization) {
        return None;
    }
    let w = &q.words;
    let who = w.iter().position(|t| t.norm == "who")?;
    if !w.get(who + 1).is_some_and(|t| is_be(&t.norm)) {
        return None;
    }
    // The words describing whom it asks about; a name among them is what the answer is
    // said of, not how (`Newcastle's`), and `who is paying` asks for a doer.
    let described: HashSet<&str> = w[who + 2..]
        .iter()
        .filter(|t| !t.is_stopword() && !t.capital)
        .map(|t| t.key.as_str())
        .collect();
    if described.is_empty() || w.get(who + 2).is_some_and(|t| t.norm.ends_with("ing")) {
        return None;
    }
    let t = s.tokens;
    let v = t.iter().position(|x| words::is_finite_be(&x.norm))?;
    let subject = subject_of_is(s, v, question_keys)?;
    if !t[subject.clone()][0].capital {
        return None;
    }
    let found: HashSet<&str> = t[v + 1..t.len().min(v + 7)]
        .iter()
        .map(|x| x.key.as_str())
        .filter(|k| described.contains(k))
        .collect();
    if found.len() < described.len().min(2) {
        return None;
    }
    Some(name_inside(s, subject))
}

/// The subject of the `is` at token `v`, from the sentence's start or its last comma before
/// it, past a determiner: a few words, not a pronoun, none of them the question's.
fn subject_of_is(
    s: &Parts<'_>,
    v: usize,
    question_keys: &HashSet<String>,
) -> Option<std::ops::Range<usize>> {
    let t = s.tokens;
    let from = (1..v)
        .rev()
        .find(|&k| s.text[t[k - 1].end..t[k].start].contains([',', ';']))
        .unwrap_or(0);
    let mut first = from;
    while first < v && is_determiner(&t[first].norm) {
        first += 1;
    }
    let subject = &t[first..v];
    let fits = subject.first().is_some_and(|x| !is_pronoun(&x.norm))
        && subject.len() <= 5
        && subject.iter().any(|x| !x.is_stopword())
        && !subject.iter().any(|x| question_keys.contains(&x.key));
    fits.then_some(first..v)
}

/// The phrase over tokens `r`, or the person's or organisation's name inside it (`Korean
/// economist [Hoesung Lee]`).
fn name_inside(s: &Parts<'_>, r: std::ops::Range<usize>) -> Phrase {
    let p = Phrase {
        start: s.tokens[r.start].start,
        end: s.tokens[r.end - 1].end,
    };
    s.mentions
        .iter()
        .filter(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization))
        .filter(|m| p.start <= m.start && m.end <= p.end)
        .max_by_key(|m| m.end)
        .map_or(p, |m| Phrase {
            start: m.start,
            end: m.end,
        })
}

/// `who destroyed the bridges` over `[the spring floods], which destroyed two bridges`: the
/// doer written before the relative pronoun that opens the verb's clause, whatever its kind (a
/// name found nearer is no doer). So too the subject that opens the sentence or a clause
/// after a comma, right before the verb (`[A district judge] has rejected the request` for
/// `who rejected the request`).
pub(super) fn relative_doer(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let Agent::Before(v) = agent_place(s, q.agent_verb()?)? else {
        return None;
    };
    let end = subject_end(s.tokens, v)?;
    let relative = matches!(s.tokens[end].norm.as_str(), "which" | "who" | "that");
    let p = thing_answer_of(q, s, question_keys, |p| token_range(s.tokens, p).end == end)?;
    let r = token_range(s.tokens, p);
    if r.end != end {
        return None;
    }
    let mut first = r.start;
    while first > 0 && is_determiner(&s.tokens[first - 1].norm) {
        first -= 1;
    }
    let opens_clause = first == 0 || s.text[..s.tokens[first].start].trim_end().ends_with(',');
    if !relative && !opens_clause {
        return None;
    }
    // The name of the kind asked for inside it (`science-fiction writer [Judith Merril], who`).
    let kind = match q.expects {
        AnswerType::Person => EntityKind::Person,
        AnswerType::Organization => EntityKind::Organization,
        _ => EntityKind::Place,
    };
    let named = s
        .mentions
        .iter()
        .filter(|m| m.kind == kind && p.start <= m.start && m.end <= p.end)
        .max_by_key(|m| m.end);
    Some(named.map_or(p, |m| Phrase {
        start: m.start,
        end: m.end,
    }))
}

/// Where the verb at token `v` begins with the modals, `have` and adverbs before it (`will
/// soon pay`, `has not closed`).
fn verb_group_start(tokens: &[Token], v: usize) -> usize {
    let mut start = v;
    while start > 0 && {
        let w = &tokens[start - 1];
        !w.capital
            && (w.norm.ends_with("ly")
                || words::is_modal(&w.norm)
                || matches!(
                    w.norm.as_str(),
                    "has" | "have" | "had" | "also" | "then" | "not"
                ))
    } {
        start -= 1;
    }
    start
}

/// Whether the verb at token `v` is in the active with its object right after it (`The league
/// [suspended] the Hawks`), so that the phrase before it did it. A participle after a comma,
/// after a form of `be` or before a preposition describes the phrase before it instead (`the
/// funfair, [said] to be`, `the cathedral [located] in Fenham`).
pub(super) fn active_with_object(s: &Parts<'_>, v: usize) -> bool {
    let t = s.tokens;
    // In the past (`suspended`, `took`): a noun of the verb's stem (`releases`, `mining`) is
    // no verb, and the present is rare in news.
    let past = !t[v].capital
        && (t[v].norm.ends_with("ed")
            || crate::query::ask::irregular::base_of(&t[v].norm).is_some());
    if !past {
        return false;
    }
    let start = verb_group_start(t, v);
    let after_comma = start > 0 && s.text[t[start - 1].end..t[start].start].contains(',');
    let preposition = t.get(v + 1).is_none_or(|w| {
        words::is_strandable(&w.norm)
            || matches!(
                w.norm.as_str(),
                "in" | "as" | "through" | "near" | "between" | "across"
            )
    });
    !after_comma && !preposition && subject_end(t, v).is_some()
}

/// Where the subject of the active verb at token `v` ends: before the modals, `have` and
/// adverbs that stand between (`will soon pay`). None in the passive (`was paid`), whose doer
/// follows.
pub(super) fn subject_end(tokens: &[Token], v: usize) -> Option<usize> {
    let mut end = verb_group_start(tokens, v);
    let passive =
        (end..v).any(|k| is_be(&tokens[k].norm)) || end > 0 && is_be(&tokens[end - 1].norm);
    // `[the spring floods], which destroyed two bridges`: the relative pronoun
    // stands for the phrase before it, which did it.
    if end > 1 && !passive && matches!(tokens[end - 1].norm.as_str(), "which" | "who" | "that") {
        end -= 1;
    }
    (end > 0 && !passive).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::answer::test_support::{answer, answers_are, answers_or_none};

    #[test]
    fn a_name_after_the_noun_for_who_does_the_verb_did_it() {
        let got = answer(
            "who founded Harbour Arc",
            "Harbour Arc's new ferry copies the Tern Star hull, drawn by the yard's founder Ann \
             Roe last spring.",
            &[
                ("Harbour Arc", EntityKind::Person),
                ("Tern Star", EntityKind::Person),
                ("Ann Roe", EntityKind::Person),
            ],
        );
        assert_eq!(got.as_deref(), Some("Ann Roe"));
        // A trade before a name is not the founder of what the question names.
        let got = answer(
            "who founded Harbour Arc",
            "Ken Dahl founded Harbour Arc and hired veteran founder Ann Roe as an adviser.",
            &[
                ("Ken Dahl", EntityKind::Person),
                ("Harbour Arc", EntityKind::Organization),
                ("Ann Roe", EntityKind::Person),
            ],
        );
        assert_eq!(got.as_deref(), Some("Ken Dahl"));
    }

    #[test]
    fn with_no_name_the_one_who_did_it_in_the_passive_answers_who() {
        answers_or_none(&[
            (
                "who sent the ferry crews home",
                "The ferry crews, sent home by the harbour master after the gale warning, waited.",
                Some("harbour master"),
            ),
            // A name there answers as a name; a day or a gerund after `by` is no one.
            (
                "who sent the ferry crews home",
                "The ferry crews were sent home by Friday.",
                None,
            ),
            (
                "who sent the ferry crews home",
                "The ferry crews were sent home by cancelling the late sailings.",
                None,
            ),
        ]);
    }

    #[test]
    fn who_will_do_it_is_the_subject_before_the_modal() {
        answers_are(&[
            (
                "Who will pay for the new pier?",
                "The harbour board will pay for a half of the new pier from its reserves.",
                "harbour board",
            ),
            (
                "Who has funded the pier?",
                "The harbour board has quietly funded the pier since 2019.",
                "harbour board",
            ),
        ]);
    }

    #[test]
    fn the_doer_of_a_relative_clause_stands_before_its_pronoun() {
        let floods = "Mayor Ruth Okafor said the spring floods, which destroyed two bridges, \
                      came after a week of rain.";
        let mayor = [("Ruth Okafor", EntityKind::Person)];
        assert_eq!(
            answer("what destroyed the bridges", floods, &mayor).as_deref(),
            Some("spring floods")
        );
        // The name nearer the question's words did not do it.
        assert_eq!(
            answer("who destroyed the bridges", floods, &mayor).as_deref(),
            Some("spring floods")
        );
        // A name inside the phrase is the answer to *who*.
        assert_eq!(
            answer(
                "who scored twice",
                "The club signed striker Tom Reyes, who scored twice on Sunday.",
                &[("Tom Reyes", EntityKind::Person)]
            )
            .as_deref(),
            Some("Tom Reyes")
        );
    }

    #[test]
    fn what_could_do_it_is_the_doer_of_the_verb_after_the_modal() {
        answers_are(&[(
            "What could delay the harbour vote?",
            "Officials said the harbour vote could be delayed by a court challenge from \
             residents, and the mayor has asked for patience.",
            "court challenge",
        )]);
    }

    #[test]
    fn the_doer_stands_before_a_relative_clause_set_off_by_commas() {
        let sentence = "Harbour master Ines Calder, who took over from Piet Mol after he retired \
                        in March, has closed the north quay to ferries.";
        let people = [
            ("Ines Calder", EntityKind::Person),
            ("Piet Mol", EntityKind::Person),
        ];
        assert_eq!(
            answer("who closed the north quay", sentence, &people).as_deref(),
            Some("Ines Calder")
        );
        // Without the commas the clause is no apposition: the name before the verb did it.
        let plain = "The council says Piet Mol closed the north quay to ferries.";
        assert_eq!(
            answer("who closed the north quay", plain, &people[1..]).as_deref(),
            Some("Piet Mol")
        );
    }

    #[test]
    fn what_was_done_is_the_subject_of_the_passive() {
        answers_or_none(&[
            (
                "What did the council approve?",
                "The extension, which adds six stops, was approved by 31 votes to 12.",
                Some("extension"),
            ),
            (
                "What did the board sell?",
                "The old ferry terminal has been quietly sold to a developer.",
                Some("old ferry terminal"),
            ),
            // In the active, what follows the verb.
            (
                "What did the board sell?",
                "The board sold the old ferry terminal to a developer.",
                Some("old ferry terminal"),
            ),
        ]);
    }

    #[test]
    fn who_is_asks_for_the_name_before_the_is_that_the_question_follows() {
        let got = answer(
            "Who is the harbour's main ferry operator?",
            "Tidewater is the main ferry operator on the estuary, with boats between the North and South quays.",
            &[("North", EntityKind::Place), ("South", EntityKind::Place)],
        );
        assert_eq!(got.as_deref(), Some("Tidewater"));
        // The name inside a subject that also says what someone is.
        let got = answer(
            "Who was the founding head of the harbour board?",
            "Retired pilot Mara Olsen was the founding head of the board, followed by Ivo Dahl.",
            &[
                ("Mara Olsen", EntityKind::Person),
                ("Ivo Dahl", EntityKind::Person),
            ],
        );
        assert_eq!(got.as_deref(), Some("Mara Olsen"));
        // Written the other way round, the name after `is` is found by nearness.
        let got = answer(
            "Who is the main ferry operator?",
            "The main ferry operator is Tidewater.",
            &[("Tidewater", EntityKind::Organization)],
        );
        assert_eq!(got.as_deref(), Some("Tidewater"));
    }

    #[test]
    fn the_doer_of_the_questions_verb_wins_however_far_its_other_words() {
        let got = answer(
            "Who slept in the old lighthouse to stop it from being pulled down?",
            "Nell Arden slept in Gull Point, a ninety-year-old Harbour Board lighthouse, for forty nights, stopping the crews from pulling it down.",
            &[
                ("Nell Arden", EntityKind::Person),
                ("Gull Point", EntityKind::Person),
                ("Harbour Board", EntityKind::Person),
            ],
        );
        assert_eq!(got.as_deref(), Some("Nell Arden"));
    }

    #[test]
    fn what_did_it_is_the_phrase_after_the_passive_verbs_by() {
        let got = answer(
            "what caused the flooding in Tarn?",
            "Officials in Tarn said the flooding was caused by a blocked culvert under the road.",
            &[("Tarn", EntityKind::Place)],
        );
        assert_eq!(got.as_deref(), Some("blocked culvert"));
    }

    #[test]
    fn who_did_it_stands_before_the_verb_not_before_its_adverb() {
        let person = EntityKind::Person;
        let got = answer(
            "Who reported the demand?",
            "Vladimir Putin reportedly made the demand, Anna Kovac reported on Tuesday.",
            &[("Vladimir Putin", person), ("Anna Kovac", person)],
        );
        assert_eq!(got.as_deref(), Some("Anna Kovac"));
    }

    #[test]
    fn who_did_it_is_the_doer_of_the_questions_verb() {
        let (person, org) = (EntityKind::Person, EntityKind::Organization);
        // (question, sentence, its names, the answer)
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, EntityKind)], &'a str);
        let cases: [Case; 7] = [
            // The deed as a noun after a possessive: whose it is, not the nearest name.
            (
                "Who criticised Anna Berg?",
                "Piet Jansen met Mara Olsen at the port, then aimed his sharpest criticism at Anna Berg.",
                &[
                    ("Piet Jansen", person),
                    ("Mara Olsen", person),
                    ("Anna Berg", person),
                ],
                "Piet Jansen",
            ),
            // Passive: after the verb's `by`, not the nearer name of another verb.
            (
                "Who recorded the harbour song?",
                "The harbour song was written by guitarist Bill Aken and recorded by Bob Gallion in 1974.",
                &[("Bill Aken", person), ("Bob Gallion", person)],
                "Bob Gallion",
            ),
            // Active: right before the verb.
            (
                "Who signed the harbour charter?",
                "After talks with Mara Olsen on Monday, Piet Jansen signed the harbour charter.",
                &[("Mara Olsen", person), ("Piet Jansen", person)],
                "Piet Jansen",
            ),
            (
                "Which company built the harbour bridge?",
                "Engineers from Delta Works said Norden Bouw built the harbour bridge in 1990.",
                &[("Delta Works", org), ("Norden Bouw", org)],
                "Norden Bouw",
            ),
            // Asked in the passive, the doer is the one name that is no answer.
            (
                "Which companies were added to the harbour program?",
                "Harbour Board added Delta Works to the harbour program.",
                &[("Harbour Board", org), ("Delta Works", org)],
                "Delta Works",
            ),
            // Asked for whom it was done to: not the doers, however many, in chat's lower case.
            (
                "who did piet jansen take to court",
                "Mara Olsen, Bo Lind and Piet Jansen have taken Anna Berg to court.",
                &[
                    ("Mara Olsen", person),
                    ("Bo Lind", person),
                    ("Piet Jansen", person),
                    ("Anna Berg", person),
                ],
                "Anna Berg",
            ),
            // In the passive, whom it was done to stands first.
            (
                "Whom did Piet Jansen take to court?",
                "Anna Berg was taken to court by Mara Olsen and Piet Jansen.",
                &[
                    ("Anna Berg", person),
                    ("Mara Olsen", person),
                    ("Piet Jansen", person),
                ],
                "Anna Berg",
            ),
        ];
        for (question, sentence, mentions, want) in cases {
            assert_eq!(
                answer(question, sentence, mentions).as_deref(),
                Some(want),
                "{question}"
            );
        }
    }

    #[test]
    fn a_bare_participle_after_people_says_who_it_was_done_to() {
        answers_or_none(&[
            (
                "who was held at the old fort",
                "The mayor toured the old fort, named the Salt Box by fishermen held there in \
                 the storm years.",
                Some("fishermen"),
            ),
            // The people's own deed in the past: it takes an object.
            (
                "who was elected in the town",
                "In the town, voters elected Ann Roe by a wide margin.",
                Some("Ann Roe"),
            ),
        ]);
    }

    #[test]
    fn the_doer_of_an_infinitive_stands_before_the_verb_of_will() {
        answers_are(&[(
            "who bought the ferry line",
            "Tern Star Holdings agreed to buy the ferry line that Rafe Dunn had run for years.",
            "Tern Star Holdings",
        )]);
    }

    #[test]
    fn the_name_right_before_the_verb_did_it_whatever_its_kind() {
        let got = answer(
            "who canceled its contract",
            "The city gave a contract to Bentrix Labs for new buses, but Corvane canceled its \
             contract a month later.",
            &[
                ("Bentrix Labs", EntityKind::Person),
                ("Corvane", EntityKind::Other),
            ],
        );
        assert_eq!(got.as_deref(), Some("Corvane"));
    }
}
