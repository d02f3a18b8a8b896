//! Helpers shared by the tests of the short answer: a question and a sentence in, the short
//! answer (or the noun runs) out as text.

use crate::analysis::EntityKind;
use crate::query::ask::question::Question;
use crate::query::ask::words::{self, Token};
use chrono::NaiveDate;
use std::collections::HashSet;

use super::noun_runs::noun_runs;
use super::{Mention, Parts, short_answer};

pub(super) fn answer(
    question: &str,
    sentence: &str,
    mentions: &[(&str, EntityKind)],
) -> Option<String> {
    answer_about(question, sentence, mentions, &[])
}

/// [`answer`] for a question naming the people in `asked` (the mentions by those names
/// are of the entities the question resolved to).
pub(super) fn answer_about(
    question: &str,
    sentence: &str,
    mentions: &[(&str, EntityKind)],
    asked: &[&str],
) -> Option<String> {
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
                entity: name.len() as i64,
            }
        })
        .collect();
    let asked: Vec<i64> = asked.iter().map(|name| name.len() as i64).collect();
    let parts = Parts {
        text: sentence,
        tokens: &tokens,
        mentions: &mentions,
        asked: &asked,
    };
    short_answer(&q, &parts, &keys).map(|p| sentence[p.start..p.end].to_string())
}

/// Each `(question, sentence, short answer)` holds, with no mentions given.
pub(super) fn answers_are(cases: &[(&str, &str, &str)]) {
    for (question, sentence, expected) in cases {
        assert_eq!(
            answer(question, sentence, &[]).as_deref(),
            Some(*expected),
            "{question}"
        );
    }
}

/// [`answers_are`] where some questions get no short answer (`None`).
pub(super) fn answers_or_none(cases: &[(&str, &str, Option<&str>)]) {
    for (question, sentence, expected) in cases {
        assert_eq!(
            answer(question, sentence, &[]).as_deref(),
            *expected,
            "{question}"
        );
    }
}

/// A sentence with no mentions and no one asked about, for the finders that read words only.
pub(super) fn bare<'a>(text: &'a str, tokens: &'a [Token]) -> Parts<'a> {
    Parts {
        text,
        tokens,
        mentions: &[],
        asked: &[],
    }
}

/// The noun runs of `text`, as written.
pub(super) fn noun_runs_of(text: &str) -> Vec<String> {
    let tokens = words::tokens(text);
    let parts = bare(text, &tokens);
    noun_runs(&parts)
        .iter()
        .map(|p| text[p.start..p.end].to_string())
        .collect()
}
