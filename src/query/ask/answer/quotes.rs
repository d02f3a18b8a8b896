//! What was said: text in quotation marks, the reported clause around a few quoted words, and
//! the clause after `that` for *what did X report*.

use crate::query::ask::question::Question;
use crate::query::ask::words::{self, Token};

use super::clauses::CLAUSE_WORDS;
use super::things::COMMON_PREPOSITIONS;
use super::{Parts, Phrase, token_range};

/// `said the pier would be ["closed for good"] by May`: a few words in quotation marks are the
/// writer quoting words inside what was said, so what was said is the reported clause around
/// it, from after the verb of saying (and `that`) to the end of the clause.
pub fn reported_around(s: &Parts<'_>, p: Phrase) -> Option<Phrase> {
    let t = s.tokens;
    let r = token_range(t, p);
    if r.is_empty() || r.len() > 3 {
        return None;
    }
    let verb = (r.start.saturating_sub(8)..r.start)
        .rev()
        .find(|&k| words::is_saying_verb(&t[k].norm))?;
    let mut from = verb + 1;
    if t[from].norm == "that" && from < r.start {
        from += 1;
    }
    // Right after the verb the quotation is what was said (`said "never"`).
    if from >= r.start {
        return None;
    }
    let mut end = r.end;
    while end < t.len() && end - from < CLAUSE_WORDS {
        if s.text[t[end - 1].end..t[end].start].contains([',', ';', ':', '.', '(', ')']) {
            break;
        }
        end += 1;
    }
    while end > r.end && t[end - 1].is_stopword() {
        end -= 1;
    }
    let clause = Phrase {
        start: t[from].start,
        end: t[end - 1].end,
    };
    Some(clause)
}

/// Verbs that report what was said or found, besides the saying verbs (`reported that …`).
fn is_reporting_verb(w: &str) -> bool {
    words::is_saying_verb(w)
        || matches!(
            w,
            "report"
                | "reported"
                | "announce"
                | "announced"
                | "reveal"
                | "revealed"
                | "detail"
                | "detailed"
                | "state"
                | "stated"
                | "confirm"
                | "confirmed"
                | "find"
                | "found"
                | "conclude"
                | "concluded"
                | "rule"
                | "ruled"
                | "decide"
                | "decided"
        )
}

/// Longest reported clause given as the answer, in words.
const REPORTED_WORDS: usize = 30;

/// `What did the Courier report?` over `The Courier reported on Friday that the three ports … are
/// Donetsk, …`: the question ends on a reporting verb, so the answer is what was reported, the
/// clause after `that`, not a phrase beside the verb (`Tuesday`).
pub(super) fn reported_clause(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    let w = &q.words;
    let at = w.iter().position(|t| t.norm == "what")?;
    // The verb closes the question, or stands before what it was about (`rule about Ohio`).
    let about = w
        .iter()
        .rposition(|t| matches!(t.norm.as_str(), "about" | "on" | "regarding"))
        .filter(|&k| k > at + 2 && w.len() - k <= 5);
    let verb = match about {
        Some(k) => &w[k - 1],
        None => w.last()?,
    };
    if w.len() < at + 3
        || !w
            .get(at + 1)
            .is_some_and(|t| matches!(t.norm.as_str(), "do" | "does" | "did" | "has" | "have"))
        || !is_reporting_verb(&verb.norm)
    {
        return None;
    }
    let t = s.tokens;
    // The verb in any form (`find` / `found`).
    let base = |x: &Token| match x.norm.as_str() {
        "found" => "find".to_string(),
        "said" | "says" => "say".to_string(),
        "told" => "tell".to_string(),
        "thought" => "think".to_string(),
        _ => x.key.clone(),
    };
    let asked = base(verb);
    let said = t
        .iter()
        .position(|x| x.key == verb.key || base(x) == asked)?;
    let that = (said + 1..t.len().min(said + 5)).find(|&k| t[k].norm == "that")?;
    let from = that + 1;
    let mut end = from;
    while end < t.len() && end - from < REPORTED_WORDS {
        if end > from && s.text[t[end - 1].end..t[end].start].contains([';', '(', ')']) {
            break;
        }
        end += 1;
    }
    (end > from).then(|| Phrase {
        start: t[from].start,
        end: t[end - 1].end,
    })
}

/// `what did the crowd chant` over `Fans chanted, “Keep the pier open,” as …`: the words quoted
/// right after the question's verb (past a comma or colon), inside their quotation marks.
pub(super) fn quoted_after_verb(q: &Question, s: &Parts<'_>) -> Option<Phrase> {
    let verb = q.object_verb()?;
    let t = s.tokens;
    let k = t
        .iter()
        .position(|x| !x.capital && super::is_form_of(x, verb))?;
    let rest = &s.text[t[k].end..];
    let lead = rest.len() - rest.trim_start_matches([' ', ',', ':']).len();
    let (open, close) = match rest[lead..].chars().next()? {
        '\u{201C}' => ('\u{201C}', '\u{201D}'),
        '"' => ('"', '"'),
        _ => return None,
    };
    let start = t[k].end + lead + open.len_utf8();
    let inner = &s.text[start..];
    let end = start + inner.find(close)?;
    let quoted = s.text[start..end].trim_end_matches([',', '.', ';', ':', ' ', '!']);
    (quoted.len() > 1).then(|| Phrase {
        start,
        end: start + quoted.len(),
    })
}

/// `Ms. Ek said the pier would reopen in May`: what someone said, reported without quotation
/// marks, is the clause after their verb of saying (and `that`). `speaker` is where the
/// sentence names them; the verb must follow within a word or two (`Ek also said`), and a
/// verb that takes a listener (`told reporters`) needs its `that`.
fn reported_by(s: &Parts<'_>, speaker: Phrase) -> Option<Phrase> {
    let t = s.tokens;
    let r = token_range(t, speaker);
    if r.is_empty() {
        return None;
    }
    let between = |k: usize| {
        let w = t[k].norm.as_str();
        w.ends_with("ly") || matches!(w, "also" | "has" | "had" | "then" | "again")
    };
    // Past a party and state in brackets after the name (`Ann Roe (D-Maine) said`).
    let mut after = r.end;
    let rest = &s.text[speaker.end..];
    if rest.trim_start().starts_with('(')
        && let Some(close) = rest.find(')').map(|k| speaker.end + k)
    {
        after = t.partition_point(|w| w.start < close);
    }
    let mut verb = after;
    while verb < t.len() && verb < after + 3 && between(verb) {
        verb += 1;
    }
    let said = t.get(verb)?.norm.as_str();
    if verb == r.end && !s.text[t[r.end - 1].end..t[verb].start].trim().is_empty() {
        // `Ek, the harbour master, said …`: the verb's subject is the aside, not checked.
        return None;
    }
    let mut from = verb + 1;
    match said {
        "said" | "says" | "say" | "warned" | "argued" | "claimed" | "added" | "wrote"
        | "announced" | "stated" | "insisted" | "believes" | "believed" | "thinks" => {}
        "told" | "tells" => {
            from = (from..t.len().min(from + 4)).find(|&k| t[k].norm == "that")?;
        }
        _ => return None,
    }
    if t.get(from).is_some_and(|w| w.norm == "that") {
        from += 1;
    }
    // `Acts of thrift, Ek said, are acts of care`: set between commas, the speaker and verb
    // interrupt what was said; the rest of its clause is what it says of its opening words.
    let interrupting = said != "told"
        && said != "tells"
        && from < t.len()
        && s.text[t[verb].end..t[from].start].trim() == ","
        && set_off_before(s.text, speaker.start);
    if interrupting {
        let end = reported_end(s, from, &[',', ':']);
        return (end - from >= 2).then(|| Phrase {
            start: t[from].start,
            end: t[end - 1].end,
        });
    }
    // Words in quotation marks right after the verb are a quote, found as one; a preposition
    // there makes the verb say what it was about (`insisted on`), not what was said.
    if from >= t.len()
        || s.text[t[verb].end..t[from].start].contains(['"', '\u{201C}', ',', ':'])
        || COMMON_PREPOSITIONS.contains(&t[from].norm.as_str())
        || matches!(
            t[from].norm.as_str(),
            "about" | "to" | "of" | "by" | "against" | "after" | "before"
        )
    {
        return None;
    }
    let mut end = reported_end(s, from, &[]);
    // Cut short, the clause does not end on a word that leads into what was cut.
    let cut = end - from >= REPORTED_WORDS;
    while cut && end > from + 1 && t[end - 1].is_stopword() {
        end -= 1;
    }
    (end - from >= 3).then(|| Phrase {
        start: t[from].start,
        end: t[end - 1].end,
    })
}

/// Where speech reported from token `from` ends (exclusive): at a semicolon, a bracket or a
/// dash, at any of `also` (marks that end it here too), or after [`REPORTED_WORDS`].
fn reported_end(s: &Parts<'_>, from: usize, also: &[char]) -> usize {
    let t = s.tokens;
    let mut end = from + 1;
    while end < t.len() && end - from < REPORTED_WORDS {
        let gap = &s.text[t[end - 1].end..t[end].start];
        let stops = gap.contains([';', '(', ')', '\u{2014}', '\u{2013}']) || gap.contains("--");
        if stops || gap.contains(also) {
            break;
        }
        end += 1;
    }
    end
}

/// Whether a comma comes right before `at`, a title or two apart (`…, Mr. Ek said`), after
/// some words: what stands at `at` is set off from the words before it.
fn set_off_before(text: &str, at: usize) -> bool {
    let Some(comma) = text[..at].rfind(',') else {
        return false;
    };
    let between: Vec<&str> = text[comma + 1..at].split_whitespace().collect();
    comma > 0
        && between.len() <= 2
        && between
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.ends_with('.'))
}

/// [`reported_by`] whoever the question asks about, where the sentence names them.
pub fn reported_by_asked(s: &Parts<'_>) -> Option<Phrase> {
    s.mentions
        .iter()
        .filter(|m| s.asked.contains(&m.entity) && m.end <= s.text.len())
        .find_map(|m| {
            reported_by(
                s,
                Phrase {
                    start: m.start,
                    end: m.end,
                },
            )
        })
}

/// Text inside quotation marks (longer than three bytes). A sentence that closes a quotation
/// it never opened (`… before winter,” Dahl told the board`) continues one the sentence before
/// began: from its start to that mark is quoted too.
pub fn quoted(text: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    let body = text.len() - text.trim_start().len();
    let mut open: Option<usize> = None;
    let first_mark = text.find(['"', '\u{201C}', '\u{201D}']);
    for (i, c) in text.char_indices() {
        let closes_unopened = first_mark == Some(i)
            && i > body
            && (c == '\u{201D}' || c == '"' && text[..i].ends_with([',', '.', '?', '!']));
        if closes_unopened {
            open = Some(body);
        }
        match (c, open) {
            ('"' | '\u{201C}', None) => open = Some(i + c.len_utf8()),
            ('"' | '\u{201D}', Some(o)) => {
                // The comma or full stop closing the quotation belongs to the sentence around it.
                let end = o + text[o..i].trim_end_matches([',', '.', ';', ':', ' ']).len();
                if end > o + 3 {
                    out.push(Phrase { start: o, end });
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analysis::EntityKind;
    use crate::query::ask::answer::test_support::{answer, answer_about, answers_are};

    #[test]
    fn a_quoted_title_answers_whole() {
        answers_are(&[(
            "what song did reyes play during the encore",
            "Reyes walked on for the encore with a surprise take on their single \u{201C}Rollin\u{2019} Down the River,\u{201D} from the 1976 record.",
            "Rollin\u{2019} Down the River",
        )]);
    }

    #[test]
    fn the_words_quoted_after_the_verb_asked_about_answer_it() {
        answers_are(&[
            (
                "what did the crowd chant",
                "The crowd chanted, \u{201C}Keep the pier open,\u{201D} as the vote began.",
                "Keep the pier open",
            ),
            (
                "what did the fans shout",
                "Fans shouted: \"Not for sale!\" outside the ground.",
                "Not for sale",
            ),
        ]);
    }

    #[test]
    fn a_quotation_begun_in_the_sentence_before_is_quoted_up_to_its_closing_mark() {
        let spans = |text: &str| -> Vec<String> {
            super::quoted(text)
                .into_iter()
                .map(|p| text[p.start..p.end].to_string())
                .collect()
        };
        assert_eq!(
            spans("Then fix the roof before winter,\u{201D} Dahl told the board on Monday."),
            ["Then fix the roof before winter"]
        );
        assert_eq!(
            spans("Pay it back.\" Dahl said, adding \"soon\" twice."),
            ["Pay it back", "soon"]
        );
        // An opening mark first: an ordinary quotation.
        assert_eq!(
            spans("Dahl said \u{201C}fix the roof\u{201D} twice."),
            ["fix the roof"]
        );
        assert_eq!(spans("The \"roof\" leaks."), ["roof"]);
    }

    #[test]
    fn what_someone_said_without_quotation_marks_is_the_clause_after_their_verb() {
        let ek = [("Ek", EntityKind::Person)];
        let answer = |q: &str, s: &str, m: &[(&str, EntityKind)]| answer_about(q, s, m, &["Ek"]);
        let got = answer(
            "what did Ek say about the pier?",
            "Ms. Ek said the pier would reopen in May after repairs to its deck; others doubted it.",
            &ek,
        );
        assert_eq!(
            got.as_deref(),
            Some("the pier would reopen in May after repairs to its deck")
        );
        let got = answer(
            "what did Ek say about the pier?",
            "Ek told reporters on Friday that the pier was safe to walk on.",
            &ek,
        );
        assert_eq!(got.as_deref(), Some("the pier was safe to walk on"));
        let got = answer(
            "what did Ek say about the pier?",
            "Sen. Ek (D-Maine) said the pier would need new piles before summer.",
            &ek,
        );
        assert_eq!(
            got.as_deref(),
            Some("the pier would need new piles before summer")
        );
        // Set between commas, the speaker interrupts what was said.
        let got = answer(
            "what did Ek say about repairs?",
            "Repairs to the pier, Ms. Ek said, are long overdue, and the council agrees.",
            &ek,
        );
        assert_eq!(got.as_deref(), Some("are long overdue"));
        // Who called on someone to act said nothing in their own words.
        let got = answer(
            "what did Ek say about the pier?",
            "Ek called on the council to fund the pier.",
            &ek,
        );
        assert_eq!(got, None);
    }

    #[test]
    fn a_word_quoted_inside_what_was_said_answers_with_the_reported_clause() {
        let ek = [("Ek", EntityKind::Person)];
        let got = answer(
            "what did Ek say?",
            "Ek said the pier would be \"closed for good\" once the storm passed, officials added.",
            &ek,
        );
        assert_eq!(
            got.as_deref(),
            Some("the pier would be \"closed for good\" once the storm passed")
        );
        let got = answer(
            "what did Ek say?",
            "\"We will rebuild the pier before the summer season,\" Ek said.",
            &ek,
        );
        assert_eq!(
            got.as_deref(),
            Some("We will rebuild the pier before the summer season")
        );
    }
}
