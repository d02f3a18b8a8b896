//! Article text: the analysis stages (sentences, entities, quotes, summary), and questions as
//! members type them.

use super::{inputs, span_ok};
use crate::{ensure, fuzz_target};
use chrono::NaiveDate;
use newsdesk::analysis::{self, Analysis};
use newsdesk::query::ask::Question;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// What every analysis must satisfy, whatever the text.
pub fn check_analysis(text: &str, a: &Analysis, n: usize) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for s in &a.sentences {
        span_ok(text, s.start, s.end, "sentence")?;
        ensure!(s.start < s.end, "empty sentence at {}", s.start);
        ensure!(
            s.start >= last_end,
            "sentences out of order or overlapping at {}",
            s.start
        );
        last_end = s.end;
    }
    ensure!(a.summary.len() <= n, "summary longer than asked");
    ensure!(
        a.summary.windows(2).all(|w| w[0] < w[1]),
        "summary not in reading order: {:?}",
        a.summary
    );
    ensure!(
        a.summary.iter().all(|&i| i < a.sentences.len()),
        "summary index outside the sentences"
    );
    for e in &a.entities {
        ensure!(!e.name.trim().is_empty(), "entity without a name");
        ensure!(
            !e.mentions.is_empty(),
            "entity {:?} without mentions",
            e.name
        );
        for m in &e.mentions {
            span_ok(text, m.start, m.end, "mention")?;
            ensure!(m.start < m.end, "empty mention of {:?}", e.name);
        }
        ensure!(
            e.mentions.windows(2).all(|w| w[0].start <= w[1].start),
            "mentions of {:?} not in text order",
            e.name
        );
    }
    let mut last_end = 0;
    for q in &a.quotes {
        span_ok(text, q.span.start, q.span.end, "quote")?;
        ensure!(
            q.span.start >= last_end,
            "quotes out of order or overlapping at {}",
            q.span.start
        );
        last_end = q.span.end;
        ensure!(q.score.is_finite(), "quote score {}", q.score);
        if let Some(s) = &q.speaker {
            span_ok(text, s.mention.start, s.mention.end, "speaker")?;
            ensure!(
                s.entity.is_none_or(|i| i < a.entities.len()),
                "speaker entity index outside the entities"
            );
        }
    }
    Ok(())
}

pub fn check_text((text, n): (String, usize)) -> Result<(), TestCaseError> {
    check_analysis(&text, &analysis::analyze(&text, n), n)
}

fn text_input(long: bool) -> impl Strategy<Value = (String, usize)> {
    (inputs::text(long), 0..12usize)
}

fuzz_target!(
    fuzz_analysis,
    fuzz_analysis_long,
    300,
    120_000,
    text_input,
    check_text
);

/// Words a question is made of, besides the article words.
const QUESTION_WORDS: &[&str] = &[
    "who",
    "Who",
    "what",
    "What",
    "when",
    "where",
    "why",
    "how",
    "How many",
    "how much",
    "how long",
    "which",
    "is",
    "did",
    "will",
    "does",
    "say",
    "said",
    "about",
    "stand for",
    "last week",
    "yesterday",
    "this year",
    "in 2024",
    "in March",
    "since Monday",
    "ago",
    "in the story about",
    "in the article on",
    "that article",
    "it",
    "he",
    "she",
    "they",
    "seven",
    "7 million",
    "1,000,000",
    "3.5",
    "one hundred",
    "per cent",
    "percent",
    "km",
    "miles",
    "$",
    "€",
    "'s",
    "?",
    "??",
    ",",
    "\"",
    "“",
    "”",
    "’s",
    "whats",
    "who's",
    "yrs",
    "govt",
];

fn question_text(long: bool) -> BoxedStrategy<String> {
    let max: usize = if long { 20_000 } else { 500 };
    prop_oneof![
        4 => prop::collection::vec(
            prop_oneof![
                proptest::sample::select(QUESTION_WORDS),
                proptest::sample::select(inputs::WORDS),
            ],
            0..40
        )
        .prop_map(|w| w.join(" ")),
        2 => inputs::short_text(),
        1 => (proptest::sample::select(QUESTION_WORDS), inputs::size(max))
            .prop_map(|(w, n)| format!("{} ", w).repeat(n)),
        1 => inputs::text(long),
    ]
    .boxed()
}

pub fn check_question((text, days): (String, i32)) -> Result<(), TestCaseError> {
    let today = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap() + chrono::Days::new(days as u64);
    let q = Question::parse(&text, today);
    // The words index into the text as read: contractions and chat short forms written out
    // (`whats` → `what is`, `yrs` → `years`), which only ever lengthens it.
    ensure!(
        q.text.len() >= text.len(),
        "the question's text shrank: {:?}",
        q.text
    );
    let mut last_end = 0;
    for t in &q.words {
        span_ok(&q.text, t.start, t.end, "word")?;
        ensure!(t.start < t.end, "empty word at {}", t.start);
        ensure!(t.start >= last_end, "words out of order at {}", t.start);
        last_end = t.end;
        if let Some(n) = t.number {
            ensure!(
                n.is_finite(),
                "number {n} from {:?}",
                &q.text[t.start..t.end]
            );
        }
    }
    if let Some(r) = &q.time {
        ensure!(r.from <= r.to, "time range {} > {}", r.from, r.to);
    }
    for w in q.content() {
        ensure!(
            q.words.iter().any(|x| std::ptr::eq(x, w)),
            "content word not a word"
        );
    }
    for (start, len, _) in q.name_grams() {
        ensure!(
            len >= 1 && start + len <= q.words.len(),
            "name gram {start}+{len} outside the words"
        );
    }
    Ok(())
}

fn question_input(long: bool) -> impl Strategy<Value = (String, i32)> {
    (question_text(long), 0..20_000i32)
}

fuzz_target!(
    fuzz_question,
    fuzz_question_long,
    500,
    200_000,
    question_input,
    check_question
);
