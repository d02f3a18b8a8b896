//! The *what* / *which* answer: the noun phrase that stands where the question word would,
//! weighed by cues ([`thing_features`]), after the special readings (what `them` stands for, an
//! object moved before `which`, what someone wants or reported).

use crate::analysis::EntityKind;
use crate::analysis::calendar::{is_month, is_weekday};
use crate::query::ask::question::{AnswerType, Order, Question, Side};
use crate::query::ask::words::{self, Token, is_determiner, is_pronoun};
use std::collections::HashSet;

use super::clauses::{CLAUSE_WORDS, clause_from, requested_clause};
use super::dates::names_a_time;
use super::doers::{Agent, active_with_object, agent_place, passive_subject_end, subject_end};
use super::noun_runs::{is_ing_preposition, is_preposition, noun_runs, thing_phrases};
use super::quotes::reported_clause;
use super::{Parts, Phrase, anchors, holds_new_word, is_form_of, nearest_gap, token_range};

/// `what land is the city demanding` in `demanding [land that the county owns] as …`: the
/// noun asked about (or, with none asked, the one) right after the question's verb, with the
/// relative clause saying which one. Without that clause the noun is the question's own word
/// and answers nothing.
pub(super) fn focus_with_relative(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    // `what land is X demanding`: the verb closing the question, when no other is found.
    let verb = q.object_verb().or_else(|| q.last_content_word())?;
    let nouns = q.asked_nouns();
    let t = s.tokens;
    let f = match nouns.last() {
        Some(noun) => t.iter().position(|w| &w.key == noun && !w.capital)?,
        // `what is X demanding`: the noun right after the verb, past its determiners.
        None => {
            let v = t.iter().position(|w| w.key == verb)?;
            let mut f = v + 1;
            while f < t.len() && f - v <= 2 && is_determiner(&t[f].norm) {
                f += 1;
            }
            let w = t.get(f)?;
            // A participle's `that` opens what it says (`meaning that …`), no relative clause.
            if w.capital || w.is_stopword() || w.number.is_some() || w.norm.ends_with("ing") {
                return None;
            }
            f
        }
    };
    let mut v = f;
    while v > 0 && f - v < 2 && is_determiner(&t[v - 1].norm) {
        v -= 1;
    }
    let joined = |k: usize| s.text[t[k - 1].end..t[k].start].trim().is_empty();
    let relative = t
        .get(f + 1)
        .is_some_and(|w| matches!(w.norm.as_str(), "that" | "which" | "who") && joined(f + 1));
    if v == 0 || t[v - 1].key != verb || !relative {
        return None;
    }
    // The clause ends at a mark, or at a preposition once it has a subject and a verb.
    let end = object_end(s, f, f + 2, f + 4);
    (end > f + 2).then(|| Phrase {
        start: t[f].start,
        end: t[end - 1].end,
    })
}

/// `what savings threshold did the plan miss` over `… the council's [20 percent] savings
/// threshold`: an amount written right before the noun asked about names which one it is.
/// The noun's own words (the question's) and units (`percent`, `$`) are part of it; a word in
/// between that is neither is another noun, and the amount is not said of this one.
pub(super) fn amount_before_focus(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let nouns = q.asked_nouns();
    let noun = nouns.last()?;
    let t = s.tokens;
    let joined = |k: usize| s.text[t[k - 1].end..t[k].start].trim().is_empty();
    t.iter().enumerate().find_map(|(f, w)| {
        if &w.key != noun || w.capital {
            return None;
        }
        // Back over the noun's own words (`savings threshold`), then over units.
        let mut k = f;
        while k > 0 && joined(k) && nouns.contains(&t[k - 1].key) && !t[k - 1].capital {
            k -= 1;
        }
        let end = k;
        while k > 0
            && end - k < 4
            && (t[k - 1].number.is_some() || super::numbers::is_unit(&t[k - 1].norm))
            && s.text[t[k - 1].end..t[k].start]
                .trim()
                .chars()
                .all(|c| c == '-')
        {
            k -= 1;
        }
        if k == end {
            return None;
        }
        // A count of the noun (`three cathedrals`) says how many, not which; nor is a number
        // inside a name (`Channel 4`) or `one` an amount.
        let plural = w.norm.ends_with('s') && !w.key.ends_with('s');
        let with_unit = t[k + 1..end]
            .iter()
            .any(|u| super::numbers::is_unit(&u.norm))
            || s.text[..t[k].start].ends_with(['$', '£', '€']);
        // A year before a noun (`the 2013 episode`) says when, not which.
        let year = t[k].norm.len() == 4 && t[k].norm.chars().all(|c| c.is_ascii_digit());
        let amount = t[k].number.is_some()
            && t[k].norm != "one"
            && (with_unit || !year)
            && (with_unit || !plural)
            && !(k > 0 && t[k - 1].capital && joined(k))
            && !question_keys.contains(&t[k].key);
        amount.then(|| {
            // A currency sign before the number is part of the amount.
            let start = t[k].start;
            let start = match s.text[..start].chars().next_back() {
                Some(c @ ('$' | '£' | '€')) => start - c.len_utf8(),
                _ => start,
            };
            Phrase {
                start,
                end: t[end - 1].end,
            }
        })
    })
}

/// Short prepositions that open a phrase after a noun (`land [in] the north`): where an object
/// ends ([`object_end`]) and what a phrase moved before `which` may qualify
/// ([`object_before_which`]). Each adds words of its own.
pub(super) const COMMON_PREPOSITIONS: [&str; 7] =
    ["in", "on", "at", "for", "from", "with", "during"];

/// Where an object starting at token `from` ends: at a mark, at the sentence's end, after
/// [`CLAUSE_WORDS`], or at a preposition or conjunction that opens an adjunct (`as a
/// condition`, `before the vote`) once `min_end` is reached. Scanning starts at `start`.
fn object_end(s: &Parts<'_>, from: usize, start: usize, min_end: usize) -> usize {
    let t = s.tokens;
    // A hyphen joins too (`anti-Jewish`).
    let joined = |k: usize| matches!(s.text[t[k - 1].end..t[k].start].trim(), "" | "-");
    let mut end = start;
    while end < t.len() && end - from < CLAUSE_WORDS && joined(end) {
        let w = t[end].norm.as_str();
        let adjunct = COMMON_PREPOSITIONS.contains(&w)
            || matches!(
                w,
                "as" | "to"
                    | "by"
                    | "near"
                    | "according"
                    | "after"
                    | "before"
                    | "until"
                    | "since"
                    | "because"
                    | "while"
                    | "if"
                    | "when"
            );
        if adjunct && end >= min_end {
            break;
        }
        end += 1;
    }
    end
}

/// `what does X want` in `X is demanding [land that Y does not hold] as …`: the object of the
/// sentence's own verb of wanting, which need not be the question's (`want` ~ `demanding`).
pub(super) fn wanted_thing(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    let verb = q.object_verb()?;
    if !words::is_want_verb(verb) {
        return None;
    }
    let t = s.tokens;
    // The question's own verb in the sentence is read by the rules for any verb.
    if t.iter().any(|w| w.key == verb) {
        return None;
    }
    let k = t
        .iter()
        .position(|w| !w.capital && words::is_want_verb(&w.key))?;
    let first = t.get(k + 1)?;
    // `wants to …` is an aim, `wants them` says nothing, `wants, he said` nothing either.
    if first.norm == "to"
        || is_pronoun(&first.norm)
        || first.number.is_some() && t.get(k + 2).is_none()
        || !s.text[t[k].end..first.start].trim().is_empty()
    {
        return None;
    }
    let end = object_end(s, k + 1, k + 2, k + 3);
    Some(Phrase {
        start: first.start,
        end: t[end - 1].end,
    })
}

/// `what did the minister accuse the board of` over `accused the board [of] misusing funds`:
/// what follows the preposition a *what* question strands, when the sentence has the word the
/// question puts before it (the verb or its object) right before it too (past an adverb or a
/// day: `charged Tuesday with`), to where the object ends.
pub(super) fn after_stranded_preposition(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let w = &q.words;
    // A place or time may close the question after the preposition (`close at [in London]`).
    let closing = |from: usize| {
        w.get(from)
            .is_some_and(|x| matches!(x.norm.as_str(), "in" | "on"))
            && w.len() - from <= 3
            && w[from + 1..].iter().all(|x| !x.is_stopword())
    };
    let n = (w.len().saturating_sub(3)..w.len())
        .find(|&k| k > 0 && words::is_strandable(&w[k - 1].norm) && closing(k))
        .unwrap_or(w.len());
    let stranded = w[..n].last().filter(|x| words::is_strandable(&x.norm))?;
    let what = w.iter().position(|x| x.norm == "what")?;
    let before = w.get(n.checked_sub(2)?).filter(|x| {
        n >= what + 4 && !x.is_stopword() && x.number.is_none() && !words::is_strandable(&x.norm)
    })?;
    let t = s.tokens;
    let aside = |x: &Token| {
        !x.capital && (x.norm.len() > 4 && x.norm.ends_with("ly") || words::is_time_word(&x.norm))
            || is_weekday(&x.norm)
    };
    let at = (0..t.len()).find_map(|k| {
        if !is_form_of(&t[k], &before.key) {
            return None;
        }
        let mut at = k + 1;
        while at < t.len() && at - k <= 2 && aside(&t[at]) {
            at += 1;
        }
        // Past the place or time the question closed on (`closed [in New York on Tuesday] at`).
        if n < w.len() {
            while at < t.len()
                && at - k <= 6
                && (matches!(t[at].norm.as_str(), "in" | "on") || t[at].capital || aside(&t[at]))
                && t[at].norm != stranded.norm
            {
                at += 1;
            }
        }
        let joined = !s.text[t[k].end..t.get(at)?.start]
            .contains([',', ';', ':', '(', ')', '"', '\u{201C}', '\u{2014}']);
        (joined && t[at].norm == stranded.norm).then_some(at)
    })?;
    let mut from = at + 1;
    // `known for being [a ferry builder]`: what it is known for being.
    if t.get(from).is_some_and(|x| x.norm == "being") {
        from += 1;
    }
    while t.get(from).is_some_and(|x| is_determiner(&x.norm)) {
        from += 1;
    }
    let first = t.get(from)?;
    // `at [$185.25]`: a currency sign opens the amount.
    let gap = s.text[t[from - 1].end..first.start].trim();
    let sign =
        matches!(gap, "$" | "US$" | "\u{20ac}" | "\u{a3}" | "\u{a5}") && first.number.is_some();
    if first.is_stopword() || !(gap.is_empty() || sign) {
        return None;
    }
    let end = object_end(s, from, from + 1, from + 1);
    let mut p = Phrase {
        start: if sign {
            s.text[..first.start].rfind(gap).unwrap_or(first.start)
        } else {
            first.start
        },
        end: t[end - 1].end,
    };
    // A list goes on past its commas (`with two goals, five shots and one assist`); a comma
    // before `and` joins clauses (`based on trade, and involved …`).
    let rest = s.text[p.end..].trim_start();
    let next_item = rest.strip_prefix(',').is_some_and(|r| {
        let r = r.trim_start();
        !(r.starts_with("and ") || r.starts_with("or "))
    });
    if next_item
        && let Some(list) = super::lists::join_lists_of_runs(s.text, &noun_runs(s))
            .into_iter()
            .find(|l| l.start == p.start && l.end > p.end)
    {
        p.end = list.end;
    }
    holds_new_word(s, p, question_keys).then_some(p)
}

/// Where a sentence defines the word a *what is* question ends on ([`Question::defined_head`]):
/// the index of the first word after its verb (`… disorder is [where] …`, `… lock means [a]
/// …`). Not a passive (`the law is applied by …`) nor a progressive.
pub fn definition_start(tokens: &[Token], head: &str) -> Option<usize> {
    (1..tokens.len()).find_map(|k| {
        if tokens[k - 1].key != head {
            return None;
        }
        let next = tokens.get(k + 1)?;
        // Past an adverb (`was [first] recorded`, `is [widely] used`).
        let adverb = |w: &Token| {
            w.norm.ends_with("ly") || matches!(w.norm.as_str(), "first" | "also" | "still" | "now")
        };
        let verb = tokens.get(k + 2).filter(|_| adverb(next)).unwrap_or(next);
        match tokens[k].norm.as_str() {
            "is" | "are" | "was" | "were" if !words::participle_like(&verb.norm) => Some(k + 1),
            "means" | "describes" => Some(k + 1),
            "refers" if next.norm == "to" => Some(k + 2).filter(|&at| at < tokens.len()),
            _ => None,
        }
    })
}

/// `what is tidal lock` over `Tidal lock is [when a moon shows one face to its planet], as …`:
/// what the sentence says the thing is, to the end of its clause.
pub(super) fn defined_as(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    const MAX_WORDS: usize = 24;
    let t = s.tokens;
    let start = definition_start(t, q.defined_head()?)?;
    let mut end = start + 1;
    while end < t.len()
        && end - start < MAX_WORDS
        && !matches!(t[end].norm.as_str(), "which" | "who" | "whose")
    {
        let gap = &s.text[t[end - 1].end..t[end].start];
        if gap.contains([';', ':', '(', '—', '–']) || gap.contains(',') && !list_goes_on(t, end)
        {
            break;
        }
        end += 1;
    }
    // Cut short, it ends on a word of its own (not `… and the`).
    while end - start > 1 && t[end - 1].is_stopword() {
        end -= 1;
    }
    let mut p = Phrase {
        start: t[start].start,
        end: t[end - 1].end,
    };
    // A quotation it opens, it closes (`is to "ensure … observed"`).
    let quotes = s.text[p.start..p.end]
        .chars()
        .filter(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}'))
        .count();
    if quotes % 2 == 1
        && let Some(c) = s.text[p.end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\u{201d}'))
    {
        p.end += c.len_utf8();
    }
    holds_new_word(s, p, question_keys).then_some(p)
}

/// Whether the comma before token `at` goes on to another item of a list (`primary law,
/// [secondary law] and supplementary law`): a short run follows it, and an `and` or `or`
/// comes before the clause ends.
fn list_goes_on(t: &[Token], at: usize) -> bool {
    const ITEM_WORDS: usize = 4;
    let item = t[at..]
        .iter()
        .take(ITEM_WORDS + 1)
        .take_while(|w| !matches!(w.norm.as_str(), "and" | "or"))
        .count();
    item <= ITEM_WORDS
        && t[at..]
            .iter()
            .take(3 * ITEM_WORDS)
            .any(|w| matches!(w.norm.as_str(), "and" | "or"))
}

/// `what is the Harbour Arch` over `the old ferry pier, dubbed “the Harbour Arch” by locals`:
/// asked what a name is that the sentence gives to something else, the phrase given it, right
/// before the verb of naming (past a comma).
pub(super) fn given_the_name(s: &Parts<'_>, question_keys: &HashSet<String>) -> Option<Phrase> {
    let t = s.tokens;
    let k = (1..t.len()).find(|&k| {
        !t[k].capital
            && match t[k].norm.as_str() {
                "dubbed" | "nicknamed" | "called" => true,
                "known" => t.get(k + 1).is_some_and(|w| w.norm == "as"),
                _ => false,
            }
    })?;
    let mut named = k + 1 + usize::from(t[k].norm == "known");
    while t.get(named).is_some_and(|w| is_determiner(&w.norm)) {
        named += 1;
    }
    if !question_keys.contains(&t.get(named)?.key) {
        return None;
    }
    let runs = noun_runs(s);
    let p = *runs
        .iter()
        .rev()
        .find(|r| r.end <= t[k].start && matches!(s.text[r.end..t[k].start].trim(), "" | ","))?;
    holds_new_word(s, p, question_keys).then_some(p)
}

/// For a question asking what something is called: the term before its everyday word in
/// brackets ([`term_before_gloss`]), else the name a verb of naming gives
/// ([`name_given_after`]).
pub(super) fn name_given(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    if !q.asks_name_given() {
        return None;
    }
    let runs = noun_runs(s);
    term_before_gloss(s, &runs, question_keys).or_else(|| name_given_after(s, &runs, question_keys))
}

/// `what is the gullet called` over `… a [pharynx] ("gullet") …`: a term with its everyday word
/// in brackets, when the bracket holds only the question's words, answers.
fn term_before_gloss(
    s: &Parts<'_>,
    runs: &[Phrase],
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let t = s.tokens;
    let mut from = 0;
    while let Some(open) = s.text[from..].find('(').map(|k| from + k) {
        let close = s.text[open..].find(')').map(|k| open + k)?;
        from = close;
        let inside: Vec<&Token> = t
            .iter()
            .filter(|w| w.start > open && w.end < close && !w.is_stopword())
            .collect();
        let gloss = !inside.is_empty()
            && inside.len() <= 3
            && inside.iter().all(|w| question_keys.contains(&w.key));
        if !gloss {
            continue;
        }
        let before = s.text[..open].trim_end().len();
        let Some(run) = runs.iter().find(|r| r.end == before) else {
            continue;
        };
        // The run's last word: a term is one word more often than the words before it are
        // part of it (`use [cilia]`), a name all its words in capitals (`the [Legislative
        // Assembly]`).
        let last = t.iter().rposition(|w| w.end == run.end)?;
        // A name's capitals may run past where the noun run starts (`the island has the |
        // Upper House`): up to four words, an `of` between capitals kept.
        let in_name = |k: usize| t[k].capital || t[k].norm == "of" && k > 0 && t[k - 1].capital;
        let mut first = last;
        while t[last].capital && first > 0 && last - first < 3 && in_name(first - 1) {
            first -= 1;
        }
        if !question_keys.contains(&t[last].key) {
            return Some(Phrase {
                start: t[first].start,
                end: run.end,
            });
        }
    }
    None
}

/// `what are the outer plates called` over `The outer plates, called [keel plates], …`: the
/// phrase a verb of naming introduces (`called`, `named`, `termed`, `dubbed`, `known as`), in
/// quotation marks or a noun run, when one of the question's words stands before that verb
/// (what is named) and the phrase holds a word the question does not.
fn name_given_after(
    s: &Parts<'_>,
    runs: &[Phrase],
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let t = s.tokens;
    let quotes = super::quotes::quoted(s.text);
    for k in (1..t.len()).filter(|&k| words::gives_name(t, k)) {
        let named_before = t[..k]
            .iter()
            .any(|w| !w.is_stopword() && question_keys.contains(&w.key));
        if !named_before {
            continue;
        }
        let mut j = k + 1;
        while t.get(j).is_some_and(|w| is_determiner(&w.norm)) {
            j += 1;
        }
        let Some(first) = t.get(j) else { continue };
        let between = &s.text[t[k].end..first.start];
        if between.contains([',', ';', ':', '(', ')']) {
            continue;
        }
        let phrase = quotes
            .iter()
            .copied()
            .find(|p| p.start <= first.start && first.start < p.end && p.start >= t[k].end)
            .or_else(|| runs.iter().copied().find(|r| r.start == first.start));
        let Some(phrase) = phrase else { continue };
        if super::holds_new_word(s, phrase, question_keys) {
            return Some(phrase);
        }
    }
    None
}

/// Words that link a subject to what it is (`X is the Y`, `X became the Y`). Not
/// [`is_be`](super::doers::is_be): no `being`, and the verbs of becoming and remaining too.
fn is_copula(w: &str) -> bool {
    words::is_finite_be(w)
        || matches!(
            w,
            "be" | "been" | "became" | "becomes" | "remains" | "remained"
        )
}

/// The answer to a *what* / *which* question: among [`thing_phrases`], the one that stands where
/// the question word would in the sentence. Each cue adds to or takes from a phrase's cost (the
/// weights were fitted on half of a SQuAD-style development set and checked on the other):
///
/// - the question's words on the side of it the question puts them (`Luther devised [the
///   catechism]` for `What did Luther devise?`);
/// - many of the question's words around it, near them; some inside it (`convecting mantle`),
///   but not one right after it (`[Victorian] Constitution` for a question on the constitution);
/// - a name (capitalised, not first in the sentence), or the sentence's subject;
/// - the noun the question asks about as its head (`which mantle` → `convecting mantle`), or
///   right after it when the question asks for a kind (`what type of radar` → `[synthetic
///   aperture] radar`);
/// - a subject followed by a copula and the question's words (`[The Tyneside flat] was the
///   dominant housing form`);
/// - a list when the question asks for several; not a lone verb-like word (`-ed`, `-ing`, `-ly`);
/// - right after a word the question puts before it (`which he called [the sacramental union]`),
///   after a determiner, inside quotation marks, after `called` / `known as`, or right after the
///   asked noun (`the rival [Oirads]`): what the sentence offers as a name.
pub fn thing_answer(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let p = thing_answer_of(q, s, question_keys, |_| true)?;
    // A lone verb after a bare `to` is the head of what is wanted or done: the answer is its
    // whole clause (`hopes to [rebuild the youth academy]`), not the verb alone.
    let r = token_range(s.tokens, p);
    let lone_verb = r.len() == 1
        && r.start > 0
        && s.tokens[r.start - 1].norm == "to"
        && !s.tokens[r.start].capital
        && s.tokens.get(r.end).is_some_and(|n| {
            s.text[p.end..n.start].trim().is_empty() && !n.capital && n.number.is_none()
        });
    if lone_verb {
        return clause_from(s, r.start).or(Some(p));
    }
    Some(p)
}

/// [`thing_answer`] among the phrases `fits` accepts: a *when* takes the likeliest phrase
/// that reads as a time (`begin in the [autumn]`), not the likeliest phrase if it does.
pub(super) fn thing_answer_of(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
    fits: impl Fn(Phrase) -> bool,
) -> Option<Phrase> {
    if let Some(p) = referent_of_them(q, s, question_keys)
        .or_else(|| requested_clause(q, s))
        .or_else(|| reported_clause(q, s))
        .or_else(|| object_before_which(q, s, question_keys))
    {
        return fits(p).then_some(p);
    }
    let t = s.tokens;
    let order = q.order();
    let focus = q.asked_nouns();
    let anchors = anchors(t, question_keys);
    // `which club was banned` over `The league banned the Hawks`: in the active, the
    // phrases before the question's passive verb say who did it, and are no answer.
    let doer_end = match q.patient_verb().and_then(|v| agent_place(s, v)) {
        Some(Agent::Before(v)) if active_with_object(s, v) => subject_end(t, v),
        _ => None,
    };
    // `what caused the deaths` in a sentence saying `the deaths were caused by [gunshot
    // wounds]`: the phrase after the verb's `by` is the doer asked for.
    // In the active, the phrase ending right before the verb (modals and adverbs aside) did it
    // (`[The council] will pay for a third of …` for `who will pay`).
    let (doer_at, subject_end) = match q.agent_verb().and_then(|v| agent_place(s, v)) {
        Some(Agent::After(at)) => (Some(at), None),
        Some(Agent::Before(v)) => (None, subject_end(t, v)),
        _ => (None, passive_subject_end(q, s)),
    };
    let asks_a_time = q.words.iter().any(|w| names_a_time(&w.norm));
    let mut best: Option<(f64, Phrase)> = None;
    for p in thing_phrases(s, question_keys, &focus, q.asks_kind, q.object_verb()) {
        let range = token_range(t, p);
        let (mut a, b) = (range.start, range.end);
        if a >= b {
            continue;
        }
        // The question's verb read as a modifier at the phrase's head (`reportedly
        // [demanding] pay` for `what did the union demand`): what it is done to follows it.
        let mut head = a;
        while head + 1 < b && t[head].norm.ends_with("ly") && !t[head].capital {
            head += 1;
        }
        let verb = &t[head];
        if q.expects == AnswerType::Thing
            && head + 1 < b
            && !verb.capital
            && question_keys.contains(&verb.key)
            && words::participle_like(&verb.norm)
        {
            a = head + 1;
            // Nor does the phrase open on the word joining it (`fishing [and] wool weaving`).
            while a + 1 < b && t[a].is_stopword() {
                a += 1;
            }
        }
        let p = Phrase {
            start: t[a].start.max(p.start),
            end: p.end,
        };
        // A word the question has in another form (`criticism` for `criticise`) is not new.
        let new_words = t[a..b]
            .iter()
            .filter(|w| {
                !w.is_stopword()
                    && !question_keys.contains(&w.key)
                    && !question_keys.iter().any(|k| words::related(&w.key, k))
            })
            .count();
        // A lone letter is a piece of an abbreviation, not a phrase; nor is an abbreviation
        // alone (`U.S.`, `E.I.`), which stands before what it qualifies.
        let letters = s.text[p.start..p.end]
            .chars()
            .filter(|c| c.is_alphanumeric());
        let lone_abbreviation = b - a == 1 && s.text[p.start..p.end].contains('.');
        if new_words == 0 || letters.count() < 2 || lone_abbreviation {
            continue;
        }
        // A month or a weekday alone is when something happened, not what (`what does
        // Zelensky want`: not `[February]`), unless a time is what is asked (`which months`).
        // Nor is a month with the year the question names (`by 2024 what did the ferry company
        // face` over `In [March 2024], it began to face a shortage …`).
        let mut content = t[a..b].iter().filter(|w| !w.is_stopword()).peekable();
        let a_time = |w: &Token| {
            is_month(&w.norm)
                || is_weekday(&w.norm)
                || (w.number.is_some() && question_keys.contains(&w.key))
        };
        if q.expects == AnswerType::Thing
            && !asks_a_time
            && content.peek().is_some()
            && content.all(a_time)
        {
            continue;
        }
        // A phrase naming the person asked about describes them (`Oscar-winning actress Mary
        // Steenburgen`): it is not the thing they did (`what song did Mary Steenburgen write`).
        if q.expects == AnswerType::Thing
            && (holds_asked_person(s, question_keys, p) || inside_asked_name(s, question_keys, p))
        {
            continue;
        }
        // Nor is the title written before the person a *who* question names: it says who that
        // person is (`who shoved Rudolph`: not `Pittsburgh quarterback [Mason Rudolph]`).
        if q.expects == AnswerType::Person && titles_asked_person(s, question_keys, p) {
            continue;
        }
        if doer_end.is_some_and(|end| b <= end) {
            continue;
        }
        if doer_at == Some(a) || subject_end == Some(b) && fits(p) {
            return Some(p);
        }
        let f = thing_features(s, &anchors, &order, &focus, q, a, b);
        // A *who* answered by no name found: a run of capitals the analysis missed (`Cleveland
        // DL Larry Ogunjobi`) before a common noun.
        let named = matches!(q.expects, AnswerType::Person | AnswerType::Organization)
            && t[a].capital
            && (a > 0 || t.get(a + 1).is_some_and(|w| w.capital && a + 1 < b))
            && !question_keys.contains(&t[a].key);
        let cost: f64 = f.iter().zip(THING_WEIGHTS).map(|(v, w)| v * w).sum::<f64>()
            - 3.0 * f64::from(u8::from(named));
        tracing::trace!(phrase = &s.text[p.start..p.end], cues = ?f, cost, "what answer");
        if best.is_none_or(|(c, _)| cost < c) && fits(p) {
            best = Some((cost, p));
        }
    }
    best.map(|b| b.1)
}

/// Whether `p` stands right before a person named by one of the question's words.
fn titles_asked_person(s: &Parts<'_>, question_keys: &HashSet<String>, p: Phrase) -> bool {
    s.mentions.iter().any(|m| {
        m.kind == EntityKind::Person
            && m.start >= p.end
            && s.text[p.end..m.start].trim().is_empty()
            && s.tokens
                .iter()
                .filter(|t| t.start >= m.start && t.end <= m.end && t.capital)
                .any(|t| question_keys.contains(&t.key))
    })
}

/// Whether `p` holds a person's name made of the question's words.
fn holds_asked_person(s: &Parts<'_>, question_keys: &HashSet<String>, p: Phrase) -> bool {
    s.mentions.iter().any(|m| {
        if m.kind != EntityKind::Person || m.start < p.start || m.end > p.end {
            return false;
        }
        let name: Vec<&Token> = s
            .tokens
            .iter()
            .filter(|t| t.start >= m.start && t.end <= m.end && t.capital)
            .collect();
        // Not a title ending in a name (`The Day of the Doctor`).
        let of_before = s.text[p.start..m.start]
            .split_whitespace()
            .rev()
            .take(2)
            .any(|w| w == "of");
        name.len() >= 2 && !of_before && name.iter().all(|t| question_keys.contains(&t.key))
    })
}

/// Whether `p` is the rest of a person's name whose other words the question holds (`Senator
/// [Mara Lind]` for `what did the senator do`): it names who is asked about, not what they did.
fn inside_asked_name(s: &Parts<'_>, question_keys: &HashSet<String>, p: Phrase) -> bool {
    let t = s.tokens;
    s.mentions.iter().any(|m| {
        // With the title written before it (`Senator`), which the analysis leaves out.
        let title = t[..t.partition_point(|w| w.end <= m.start)]
            .last()
            .filter(|w| w.capital && s.text[w.end..m.start].trim().is_empty());
        let from = title.map_or(m.start, |w| w.start);
        m.kind == EntityKind::Person
            && from <= p.start
            && p.end <= m.end
            && (from, m.end) != (p.start, p.end)
            && t.iter().any(|t| {
                t.start >= from
                    && t.end <= m.end
                    && (t.end <= p.start || t.start >= p.end)
                    && question_keys.contains(&t.key)
            })
    })
}

/// `what do local businesses fear` over `limit [road closures during the works], which they
/// fear could …`: the object of the verb asked about, moved before it as `which` / `that` with
/// a pronoun or the question's own words as its subject, is the phrase before the pronoun
/// (through a preposition: the whole noun phrase it stands for).
fn object_before_which(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let verb = q.object_verb()?;
    // A question stranding a preposition (`what does it run parallel to`) asks for what
    // follows the preposition, never for a phrase moved before `which`.
    if q.words
        .last()
        .is_some_and(|w| words::is_strandable(&w.norm))
    {
        return None;
    }
    let t = s.tokens;
    let v = (2..t.len()).find(|&i| t[i].key == verb && !t[i].capital)?;
    let which = (v.saturating_sub(4)..v - 1).rev().find(|&k| {
        matches!(t[k].norm.as_str(), "which" | "that")
            && t[k + 1..v].iter().all(|w| {
                is_pronoun(&w.norm)
                    || is_determiner(&w.norm)
                    || question_keys.contains(&w.key)
                    || words::is_modal(&w.norm)
            })
            && t[k + 1..v].iter().any(|w| !is_determiner(&w.norm))
    })?;
    let runs = noun_runs(s);
    let mut at = runs.iter().position(|r| r.end == t[which - 1].end)?;
    let end = runs[at].end;
    // Back over one preposition (and its determiners) to the noun it qualifies.
    if at > 0 {
        let first = token_range(t, runs[at]).start;
        let mut k = first;
        while k > 0 && is_determiner(&t[k - 1].norm) {
            k -= 1;
        }
        let prev_end = token_range(t, runs[at - 1]).end;
        let preposition = |w: &Token| {
            is_preposition(w)
                || is_ing_preposition(&w.norm)
                || COMMON_PREPOSITIONS.contains(&w.norm.as_str())
                || matches!(w.norm.as_str(), "over" | "near")
        };
        if k > 0 && preposition(&t[k - 1]) && prev_end == k - 1 {
            at -= 1;
        }
    }
    // A word after a bare `to` is a verb (`to limit [road closures]`).
    let mut first = token_range(t, runs[at]).start;
    if first > 0 && t[first - 1].norm == "to" && t.get(first + 1).is_some_and(|w| w.end <= end) {
        first += 1;
    }
    let p = Phrase {
        start: t[first].start,
        end,
    };
    let new_words = t[token_range(t, p)]
        .iter()
        .any(|w| !w.is_stopword() && !question_keys.contains(&w.key));
    new_words.then_some(p)
}

/// For `what does Putin want`, a sentence saying `… all regions, but … Putin wants them in full`:
/// one of the question's words, its verb, takes `them`, so the answer is what `them` stands for, the
/// nearest plural noun before it in the sentence (`regions`), not the words after it (`full`).
fn referent_of_them(
    q: &Question,
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
) -> Option<Phrase> {
    let w = &q.words;
    let at = w
        .iter()
        .position(|t| matches!(t.norm.as_str(), "what" | "which"))?;
    if !w
        .get(at + 1)
        .is_some_and(|t| matches!(t.norm.as_str(), "do" | "does" | "did"))
    {
        return None;
    }
    // One of the question's words (its verb) right before `them`.
    let t = s.tokens;
    let v = (0..t.len().saturating_sub(1))
        .find(|&i| !t[i].capital && question_keys.contains(&t[i].key) && t[i + 1].norm == "them")?;
    let noun = (0..v).rev().find(|&j| {
        let n = &t[j];
        !n.is_stopword()
            && !n.capital
            && words::ends_as_plural(&n.norm)
            && !question_keys.contains(&n.key)
    })?;
    // With a word before it that describes it (`occupied regions`, not `seized regions`) and a
    // leading `all` / `both`.
    let joined =
        |i: usize| !s.text[t[i - 1].end..t[i].start].contains([',', ';', ':', '(', ')', '"']);
    let mut from = noun;
    if from > 0 && joined(from) && {
        let b = &t[from - 1];
        !b.is_stopword() && !b.capital && !words::participle_like(&b.norm)
    } {
        from -= 1;
    }
    if from > 0 && joined(from) && matches!(t[from - 1].norm.as_str(), "all" | "both") {
        from -= 1;
    }
    Some(Phrase {
        start: t[from].start,
        end: t[noun].end,
    })
}

/// How much each of [`thing_features`] adds to a phrase's cost as a *what* answer (lower is
/// likelier). Set by hand, checked on either half of the dev questions: a search over them
/// gains on the half it ran on and loses on the other, but for the object of the question's
/// verb, which outweighs a name (`ate [a wild rabbit]` over `the patient from [Xilingol]`) on
/// both.
const THING_WEIGHTS: [f64; THING_FEATURES] = [
    0.25, -0.75, -1.25, -3.5, -1.25, -4.0, -10.0, -0.5, -3.75, 2.75, 0.5, -0.25, -1.0, -1.0, -0.25,
    -2.0, -2.0, -5.0,
];
const THING_FEATURES: usize = 18;

/// The cues of the phrase of tokens `a..b` as a *what* answer, in [`THING_WEIGHTS`]' order.
fn thing_features(
    s: &Parts<'_>,
    anchors: &[usize],
    order: &Order,
    focus: &[String],
    q: &Question,
    a: usize,
    b: usize,
) -> [f64; THING_FEATURES] {
    let t = s.tokens;
    let cue = |on: bool| f64::from(u8::from(on));
    let distance = nearest_gap(&(a..b), anchors.iter().copied())
        .unwrap_or(0)
        .min(10) as f64;
    // The question's words on the side of the answer the question puts them.
    let (mut agree, mut disagree) = (0usize, 0usize);
    let mut seen = HashSet::new();
    for &x in anchors {
        let key = t[x].key.as_str();
        if (a..b).contains(&x) || !seen.insert(key) {
            continue;
        }
        if let Some(&side) = order.sides.get(key) {
            if (side == Side::Left) == (x < a) {
                agree += 1;
            } else {
                disagree += 1;
            }
        }
    }
    let align = if order.copula {
        0.0
    } else {
        (agree as f64 - disagree as f64) / (agree + disagree).max(1) as f64
    };
    // Distinct question words within six tokens on either side.
    let around: HashSet<&str> = anchors
        .iter()
        .filter(|&&x| x + 6 >= a && x < b + 6 && !(a..b).contains(&x))
        .map(|&x| t[x].key.as_str())
        .collect();
    let named = t[a].capital && a > 0;
    let verb_like = b - a == 1 && {
        let n = t[a].norm.as_str();
        words::participle_like(n) || n.ends_with("ly")
    };
    let inside = &s.text[t[a].start..t[b - 1].end];
    let list = inside.contains(',') || inside.contains(" and ");
    let subject_of_copula =
        b < t.len() && is_copula(&t[b].norm) && anchors.iter().any(|&x| x > b && x <= b + 6);
    let headed_by_focus = !q.asks_kind && b - a > 1 && focus.contains(&t[b - 1].key);
    // `what type of radar`: the words right before `radar`.
    let kind_of_focus = q.asks_kind
        && t.get(b).is_some_and(|n| focus.contains(&n.key))
        && !t[a..b].iter().any(Token::is_stopword);
    // Followed by one of the question's words (past a determiner), a phrase is more likely a
    // modifier of it than the answer.
    let mut next = b;
    while t.get(next).is_some_and(|n| is_determiner(&n.norm)) {
        next += 1;
    }
    let before_question_word = anchors.contains(&next);
    // Right after a word the question puts before the answer, small words aside (`which he
    // called [the sacramental union]` for `What did Luther call …`).
    let mut prev = a;
    while prev > 0 && a - prev < 3 && t[prev - 1].is_stopword() {
        prev -= 1;
    }
    let after_left_word = prev > 0
        && anchors.contains(&(prev - 1))
        && order.sides.get(t[prev - 1].key.as_str()) == Some(&Side::Left);
    let quoted = {
        let before = s.text[..t[a].start].trim_end().chars().next_back();
        let after = s.text[t[b - 1].end..].trim_start().chars().next();
        before.is_some_and(|c| matches!(c, '"' | '\u{201c}' | '\''))
            && after.is_some_and(|c| matches!(c, '"' | '\u{201d}' | '\''))
    };
    // A name given (`known as [whips]`, `a series titled [Torchwood]`).
    let named_by = a > 0
        && (matches!(
            t[a - 1].norm.as_str(),
            "called" | "named" | "titled" | "dubbed" | "termed"
        ) || (a > 1 && t[a - 2].norm == "known" && t[a - 1].norm == "as"));
    // Right after the noun asked about (`the rival [Oirads]`, `the cydippid [Pleurobrachia]`).
    let mut before_focus = a;
    while before_focus > 0 && a - before_focus < 2 && t[before_focus - 1].is_stopword() {
        before_focus -= 1;
    }
    let after_focus = before_focus > 0 && focus.contains(&t[before_focus - 1].key);
    let repeated = (a..b)
        .filter(|&k| t[k].is_stopword() || anchors.contains(&k))
        .count() as f64
        / (b - a) as f64;
    // The object of the verb the question ends on (`ate a [wild rabbit]` for `what did the
    // hunter eat`), past a determiner.
    let mut verb_at = a;
    while verb_at > 0 && a - verb_at < 2 && is_determiner(&t[verb_at - 1].norm) {
        verb_at -= 1;
    }
    // The preposition a question ends on stands between (`what is it turning into` → `turned
    // into [a police station]`).
    if verb_at > 1
        && q.words
            .last()
            .is_some_and(|w| w.is_stopword() && w.norm == t[verb_at - 1].norm)
    {
        verb_at -= 1;
    }
    // Past a day between the verb and the preposition (`charged [Tuesday] with`).
    while verb_at > 1
        && verb_at < a
        && (is_weekday(&t[verb_at - 1].norm) || words::is_time_word(&t[verb_at - 1].norm))
    {
        verb_at -= 1;
    }
    // Past an adverb after the verb (`feed [continuously] on`), which is no object itself.
    let adverb = |w: &Token| !w.capital && w.norm.len() > 4 && w.norm.ends_with("ly");
    let lone_adverb = b - a == 1 && adverb(&t[a]);
    if verb_at > 1 && verb_at < a && adverb(&t[verb_at - 1]) {
        verb_at -= 1;
    }
    let object =
        !lone_adverb && verb_at > 0 && q.object_verb().is_some_and(|v| t[verb_at - 1].key == v);
    [
        distance,
        align,
        around.len() as f64,
        cue(named),
        cue(a == 0),
        cue(headed_by_focus),
        cue(kind_of_focus),
        cue(subject_of_copula),
        cue(q.several && list),
        cue(verb_like),
        cue(before_question_word),
        repeated,
        cue(after_left_word),
        cue(quoted),
        cue(a > 0 && is_determiner(&t[a - 1].norm)),
        cue(named_by),
        cue(after_focus),
        cue(object),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::answer::Mention;
    use crate::query::ask::answer::test_support::{answer, answers_are};

    #[test]
    fn what_a_sentence_says_the_thing_asked_is_defines_it() {
        answers_are(&[
            (
                "what is tidal lock",
                "Tidal lock is when a moon shows one face to its planet, as ours does.",
                "when a moon shows one face to its planet",
            ),
            (
                "What is a harbour levy?",
                "A harbour levy is a charge on each ship which docks.",
                "a charge on each ship",
            ),
            (
                "what does the harbour levy mean",
                "The harbour levy means a charge on each ship.",
                "a charge on each ship",
            ),
            (
                "what are the harbour's tolls",
                "The harbour's tolls are a berth fee, a pilot fee and a light due, set each May.",
                "a berth fee, a pilot fee and a light due",
            ),
            (
                "what was the pier's purpose",
                "The pier's purpose was to \"keep the ferry safe\", it was said.",
                "to \"keep the ferry safe\"",
            ),
        ]);
        // A passive says what is done to it, not what it is.
        for sentence in [
            "The harbour levy is paid by each ship that docks.",
            "The harbour levy was first charged by each ship that docked.",
        ] {
            let got = answer("what is the harbour levy", sentence, &[]);
            assert!(
                !got.is_some_and(|a| a.contains("by each ship")),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_preposition_the_question_strands_opens_the_answer() {
        answers_are(&[
            (
                "what did the minister accuse the board of",
                "The minister on Friday accused the board of misusing funds for years.",
                "misusing funds",
            ),
            (
                "what does the coalition advocate for",
                "The Harbour Schools Coalition advocates for smaller classes and more nurses.",
                "smaller classes and more nurses",
            ),
            (
                "what did the striker finish with",
                "The striker finished with two goals, five shots and one assist on Friday.",
                "two goals, five shots and one assist",
            ),
            (
                "what did the council ban the sale of",
                "The council banned the sale of single-use cups from May.",
                "single-use cups",
            ),
            (
                "what were the two clerks charged with",
                "Two clerks were charged Monday with forging ledgers, the court said.",
                "forging ledgers",
            ),
            // An adverb after the verb is no object.
            (
                "what do the gulls feed on",
                "In winter the gulls feed mostly on discarded fish near the pier.",
                "discarded fish",
            ),
        ]);
    }

    #[test]
    fn a_name_given_to_something_is_answered_by_that_thing() {
        answers_are(&[(
            "what is the harbour arch",
            "Visitors crowd the old ferry pier, dubbed \u{201C}the Harbour Arch\u{201D} by locals.",
            "old ferry pier",
        )]);
    }

    #[test]
    fn who_did_it_is_no_answer_to_whom_it_was_done() {
        answers_are(&[(
            "Which club was banned by the league?",
            "The Northern Hockey League banned the Harbour Hawks for two games.",
            "Harbour Hawks",
        )]);
    }

    #[test]
    fn an_amount_before_the_noun_asked_about_says_which_one() {
        answers_are(&[
            (
                "what savings threshold did the plan miss",
                "Voters rejected the plan because it missed the council's 20 percent savings \
                 threshold last year.",
                "20 percent",
            ),
            (
                "which fee did the club drop",
                "The club dropped its $40 fee for junior members in March.",
                "$40",
            ),
            (
                "what speed limit does the village want",
                "The village wants a 30-mph speed limit on the main road.",
                "30-mph",
            ),
        ]);
        // A count says how many, not which; a number in a name is part of the name.
        for (question, sentence) in [
            (
                "which cathedral is in the town",
                "The town has three cathedrals.",
            ),
            (
                "what series did he write",
                "He wrote the Channel 4 series in 1999.",
            ),
            (
                "what budget did they pass",
                "They passed the 2019 budget in May.",
            ),
        ] {
            let got = answer(question, sentence, &[]);
            assert!(
                !got.as_deref()
                    .is_some_and(|a| ["three", "4", "2019"].contains(&a)),
                "{got:?}"
            );
        }
        // A noun between the amount and the noun asked about: the amount is said of that one.
        assert_ne!(
            answer(
                "what fee did the club drop",
                "The club dropped 40 junior fees and one senior fee.",
                &[],
            )
            .as_deref(),
            Some("40")
        );
    }

    #[test]
    fn a_term_with_its_everyday_word_in_brackets_answers_what_it_is_called() {
        answers_are(&[
            (
                "What is the gullet of a heron called?",
                "Food passes from the bill into a muscular oesophagus (\"gullet\") and then to the stomach.",
                "oesophagus",
            ),
            (
                "What is the lower chamber of the island council called?",
                "The island council has the House of Keys (the lower chamber) and a smaller upper chamber.",
                "House of Keys",
            ),
        ]);
    }

    #[test]
    fn the_name_a_verb_of_naming_gives_answers_what_it_is_called() {
        answers_are(&[
            (
                "What are the hull's outer plates called?",
                "The hull's outer plates, called strakes, overlap along the whole length of the boat.",
                "strakes",
            ),
            (
                "What were the members who stayed on known as?",
                "Members who stayed on after the split were soon known as \"the old guard\" by everyone else at the club.",
                "the old guard",
            ),
        ]);
    }

    #[test]
    fn what_someone_did_is_the_object_of_the_verb_asked_about() {
        answers_are(&[
            // The next verb in the past is no part of a list of things (`and repainted`).
            (
                "what did the crew replace",
                "The crew replaced the rudder blade and repainted the deck over the winter.",
                "rudder blade",
            ),
            (
                "what are they turning hitler's birth house into",
                "The house where Hitler was born will be turned into a police station, \
                 the minister said.",
                "police station",
            ),
            (
                "what did the hunter eat",
                "A hunter who killed and ate a wild rabbit in China caught the plague.",
                "wild rabbit",
            ),
            (
                "what did the council approve",
                "On Monday the council approved the harbour plan in Leith.",
                "harbour plan",
            ),
            (
                "what were the residents expecting from the mayor",
                "In Leith the residents were expecting a new ferry terminal from Mayor Dunn.",
                "new ferry terminal",
            ),
            // The verb asked about, read as a modifier of what follows, is not in the answer.
            (
                "What did the union demand?",
                "The union is reportedly demanding pay that the council cannot afford.",
                "pay that the council cannot afford",
            ),
            // Asked with a place after the verb; in the sentence, the verb inside a run of
            // words that reads as one noun phrase, its object a list.
            (
                "What did the divers pull out of the canal?",
                "About 60 divers spent Sunday pulling bottles, carts and a rusted scooter from the \
                 canal, the club said.",
                "bottles, carts and a rusted scooter",
            ),
            // The same, asked of `they`.
            (
                "what did they pull out of the canal",
                "About 60 divers spent Sunday pulling bottles, carts and a rusted scooter from the \
                 canal, the club said.",
                "bottles, carts and a rusted scooter",
            ),
        ]);
    }

    #[test]
    fn an_object_moved_before_which_is_the_phrase_it_stands_for() {
        answers_are(&[
            (
                "What do the fishermen fear?",
                "The fishermen asked the port to delay new quotas for the winter, which they \
                 fear will empty the harbour.",
                "new quotas for the winter",
            ),
            (
                "what does the mayor want",
                "The mayor backed a tax on empty homes that she wants in place by May.",
                "tax on empty homes",
            ),
        ]);
    }

    #[test]
    fn what_someone_titled_did_follows_their_whole_name() {
        let bishop = [("Alan Reed", EntityKind::Person)];
        assert_eq!(
            answer(
                "what did the bishop do",
                "Bishop Alan Reed visited the flooded villages on Sunday.",
                &bishop
            )
            .as_deref(),
            Some("visited the flooded villages on Sunday")
        );
        // `Mara Lind` after `Senator` is who `the senator` is, as a phrase of its own.
        let text = "The plan won praise from Senator Mara Lind.";
        let tokens = words::tokens(text);
        let start = text.find("Mara").unwrap();
        let mentions = [Mention {
            start,
            end: start + "Mara Lind".len(),
            kind: EntityKind::Person,
            entity: 1,
        }];
        let parts = Parts {
            text,
            tokens: &tokens,
            mentions: &mentions,
            asked: &[],
        };
        let senator: HashSet<String> = words::tokens("senator")
            .into_iter()
            .map(|t| t.key)
            .collect();
        let lind = Phrase {
            start,
            end: start + "Mara Lind".len(),
        };
        assert!(inside_asked_name(&parts, &senator, lind));
        assert!(!inside_asked_name(&parts, &HashSet::new(), lind));
        // A name closing its clause: what follows is no deed of theirs.
        assert_eq!(
            answer(
                "what did the bishop do",
                "Crowds gathered for the funeral of Bishop Alan Reed, blocking the high street.",
                &bishop
            ),
            None
        );
    }

    #[test]
    fn a_verb_after_to_answers_with_its_clause() {
        answers_are(&[(
            "what does the coach want",
            "The new coach hopes to rebuild the youth academy within two seasons, he said.",
            "rebuild the youth academy within two seasons",
        )]);
    }

    #[test]
    fn a_thing_is_not_the_phrase_naming_who_did_it() {
        let got = answer(
            "what song did mary steenburgen write",
            "Actress Mary Steenburgen wrote the song \u{201c}Glasgow\u{201d} for the film.",
            &[("Mary Steenburgen", EntityKind::Person)],
        );
        assert_ne!(got.as_deref(), Some("Actress Mary Steenburgen"));
        assert!(got.is_some());
    }

    #[test]
    fn a_month_alone_answers_no_what_unless_a_time_is_asked() {
        let sentence =
            "Dunn met the union leaders in February, their first talks since the strike.";
        let got = answer("What does Dunn want?", sentence, &[]);
        assert_ne!(got.as_deref(), Some("February"));
        // Nor with the year the question gives.
        let got = answer(
            "By 2024 what did the ferry company have to deal with?",
            "In March 2024, the ferry company began to face a shortage of crews.",
            &[],
        );
        assert_ne!(got.as_deref(), Some("March 2024"));
        assert!(got.is_some_and(|a| a.contains("shortage")));
        assert_eq!(
            answer(
                "In which months is the wind strongest?",
                "The wind is strongest in December, January and February.",
                &[],
            )
            .as_deref(),
            Some("December, January and February")
        );
    }

    #[test]
    fn what_someone_wants_is_the_object_of_the_sentences_verb_of_wanting() {
        let dunn = [("Dunn", EntityKind::Person)];
        let got = answer(
            "what does Dunn want?",
            "Mayor Dunn now demands the quay that the port does not own as a condition for the deal.",
            &dunn,
        );
        assert_eq!(got.as_deref(), Some("the quay that the port does not own"));
        let got = answer(
            "what does Dunn want?",
            "Dunn seeks a new ferry contract before the summer.",
            &dunn,
        );
        assert_eq!(got.as_deref(), Some("a new ferry contract"));
        // Not what another verb takes.
        let got = answer(
            "what does Dunn want?",
            "Dunn wants them gone, the port said.",
            &dunn,
        );
        assert_ne!(got.as_deref(), Some("them gone"));
    }

    #[test]
    fn what_them_stands_for_is_the_answer_not_the_words_after_it() {
        let got = answer(
            "What does Halvorsen want?",
            "Lowmoor has not yet bought all harbour berths, but the paper said that Halvorsen wants them by spring.",
            &[
                ("Halvorsen", EntityKind::Person),
                ("Lowmoor", EntityKind::Place),
            ],
        );
        assert_eq!(got.as_deref(), Some("all harbour berths"));
        // Nothing plural before `them`: the usual answer.
        let got = answer(
            "What did Luther call it?",
            "Luther called it the sacramental union.",
            &[("Luther", EntityKind::Person)],
        );
        assert_eq!(got.as_deref(), Some("sacramental union"));
    }

    #[test]
    fn a_what_answer_takes_the_question_words_place() {
        // The object of the question's verb: `Luther devised [what]`.
        assert_eq!(
            answer(
                "What did the Dutch health authorities regard as unnecessary?",
                "The Dutch health authorities regarded the treatment unnecessary, so she argued this restricted the freedom of the German health clinic to provide services.",
                &[]
            )
            .as_deref(),
            Some("treatment")
        );
        // The subject of a copula whose complement holds the question's words.
        assert_eq!(
            answer(
                "What was the dominant housing form in the city?",
                "The Tyneside flat was the dominant housing form constructed at the time.",
                &[]
            )
            .as_deref(),
            Some("Tyneside flat")
        );
        // The question's words trimmed off a run's edges.
        assert_eq!(
            answer(
                "What does Newcastle have a proud history of?",
                "The city has a proud history of theatre.",
                &[]
            )
            .as_deref(),
            Some("theatre")
        );
    }

    #[test]
    fn a_given_name_a_quoted_name_and_a_name_after_the_asked_noun() {
        let cases = [
            (
                "What were the volunteers who patrol the harbour called?",
                "The council trained twelve volunteers, known as wardens, who patrol the harbour at night.",
                "wardens",
            ),
            (
                "What do residents call the tidal plan?",
                "Residents call the tidal plan \"grey wall\" in their letters to the paper.",
                "grey wall",
            ),
            (
                "Which steamship did the port sell to the museum?",
                "In 2019 the port sold the steamship Arcadia to the maritime museum of Dundee.",
                "Arcadia",
            ),
        ];
        answers_are(&cases);
    }

    #[test]
    fn the_title_of_whom_a_who_question_names_is_not_who_did_it() {
        let sentence = "Cleveland DL Larry Ogunjobi also received a one-game suspension for \
                        shoving Pittsburgh quarterback Mason Rudolph to the ground.";
        let got = answer(
            "who got a one game ban for shoving mason rudolph",
            sentence,
            &[
                ("Cleveland DL Larry Ogunjobi", EntityKind::Organization),
                ("Mason Rudolph", EntityKind::Person),
            ],
        );
        assert_eq!(got.as_deref(), Some("Cleveland DL Larry Ogunjobi"));
    }

    #[test]
    fn the_noun_asked_about_with_the_clause_saying_which() {
        answers_are(&[(
            "what land is the city demanding",
            "Officials said the city is demanding land that the county still owns as part of any deal.",
            "land that the county still owns",
        )]);
        // Without a relative clause the noun is the question's own word.
        assert_ne!(
            answer(
                "what land is the city demanding",
                "The city is demanding land along the river, officials said.",
                &[]
            )
            .as_deref(),
            Some("land")
        );
    }

    #[test]
    fn a_stranded_preposition_may_come_before_a_closing_place() {
        answers_are(&[(
            "what did tern star shares close at in oslo",
            "Tern Star shares closed in Oslo on Monday at $41.10, up 2%.",
            "$41.10",
        )]);
    }

    #[test]
    fn an_abbreviation_or_a_name_asked_about_is_what_it_stands_for() {
        answers_are(&[
            (
                "what is dora",
                "The work includes the agency's Deep Ocean Robotic Array (DORA) project, a network \
             the agency plans to launch in 2027.",
                "Deep Ocean Robotic Array",
            ),
            (
                "what is the grey chill",
                "The town had a case of the old fever dubbed the Grey Chill.",
                "old fever",
            ),
        ]);
    }

    #[test]
    fn what_something_is_known_for_being_is_the_phrase_after_being() {
        answers_are(&[
            (
                "what is velquist known for",
                "Velquist Marine Systems, founded in 1961, is known mostly for being a ferry builder.",
                "ferry builder",
            ),
            (
                "what was the skipper charged with",
                "The skipper was charged with the sinking of the Mary Rose ferry.",
                "sinking of the Mary Rose ferry",
            ),
        ]);
    }
}
