//! Free questions answered from stored sentences, with citations.
//!
//! Retrieval has two sources of candidate sentences: full-text search (FTS5/BM25) over the
//! question's content words, and the latest sentences mentioning an entity the question names
//! (through any alias, so `Putin` finds sentences saying `Vladimir Putin` or `the Russian
//! president Putin`). Candidates are then scored here: how much of the question they cover
//! (words weighted by rarity, named entities), whether they fit the question type (a date for
//! *when*, a place for *where*...), and how recent their article is. Nothing is guessed: when no
//! sentence covers enough of the question, the answer says so.
//!
//! Words so common that ranking them would touch most of the store (`government` in a big
//! store) are left to the scorer rather than the index, which keeps every question fast.

use super::entity::snippet;
use crate::Newsdesk;
use crate::analysis::EntityKind;
use crate::analysis::calendar::{is_month, is_weekday};
use crate::error::Result;
use crate::model::{ArticleRef, Scope};
use crate::store::fold;
use serde::Serialize;
use sqlx::Row;
use std::collections::{HashMap, HashSet};

/// A source sentence and the article it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Cited {
    pub sentence: String,
    pub article: ArticleRef,
}

/// What a question asks for, from its question word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Who,
    What,
    When,
    Where,
    Why,
    HowMany,
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// A short lead-in ("About Vladimir Putin, from 2 articles:") or the plain "nothing found"
    /// message.
    pub lead_in: String,
    /// 1–3 source sentences; empty when nothing scored well enough.
    pub sources: Vec<Cited>,
    pub kind: QuestionKind,
    /// The sources rephrased by the optional LLM backend, citing them as `[1]`, `[2]`…; `None`
    /// for the extractive answer (LLM off, failed, or its answer did not check out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rephrased: Option<String>,
}

impl Answer {
    pub fn found(&self) -> bool {
        !self.sources.is_empty()
    }
}

/// Candidate sentences taken from full-text search.
const FTS_CANDIDATES: i64 = 120;
/// Best-ranked index matches read before the scope filter. Ranking inside the index and joining
/// only these keeps a question's cost bounded; a store shared by several scopes that leaves too
/// few of them in the caller's scope ranks the scope's matches alone.
const FTS_PREFETCH: i64 = 600;
/// Candidate sentences taken from the latest mentions of the entities a question names, in all.
const ENTITY_CANDIDATES: i64 = 240;
/// Fewest mention sentences taken per entity, however many share a name.
const MIN_PER_ENTITY: i64 = 30;
/// Entities whose mentions are walked for one question (a surname shared by dozens of people in
/// a big store: the most recently mentioned ones).
const MAX_WALKED_ENTITIES: usize = 8;
/// A word found in more sentences than this is too common to rank through the index (ranking
/// costs about a microsecond per matching sentence).
const COMMON_DF: i64 = 10_000;
/// Fewest content words kept from a question.
const MAX_TERMS: usize = 12;
/// Least share of the question a sentence must cover to be offered.
const MIN_RELEVANCE: f64 = 0.5;
/// At most this many source sentences from one article.
const PER_ARTICLE: usize = 2;
const SENTENCE_CHARS: usize = 600;

/// Words that carry no topic: question words, auxiliaries, pronouns and news verbs of saying.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "happen",
    "happened",
    "happening",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "know",
    "latest",
    "many",
    "me",
    "more",
    "most",
    "much",
    "my",
    "new",
    "news",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "said",
    "say",
    "saying",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "think",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
];

fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

/// The kind of question, from the first question word.
pub fn question_kind(question: &str) -> QuestionKind {
    let words: Vec<String> = fold(question).split(' ').map(str::to_string).collect();
    for (i, w) in words.iter().enumerate().take(12) {
        let next = words.get(i + 1).map(String::as_str);
        let kind = match w.as_str() {
            "who" | "whom" | "whose" => QuestionKind::Who,
            "when" => QuestionKind::When,
            "where" => QuestionKind::Where,
            "why" => QuestionKind::Why,
            "how" if matches!(next, Some("many" | "much")) => QuestionKind::HowMany,
            "how" => QuestionKind::Why,
            "what" | "which" => match next {
                Some("year" | "day" | "date" | "time" | "month") => QuestionKind::When,
                Some("country" | "city" | "place" | "town" | "region") => QuestionKind::Where,
                _ => QuestionKind::What,
            },
            _ => continue,
        };
        return kind;
    }
    QuestionKind::Other
}

/// The question's words, folded like stored names, each with whether it was written with a
/// capital; possessives are dropped first so `Putin's` is the word `putin`.
fn question_words(question: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for token in question.split_whitespace() {
        let token = token.trim_end_matches(|c: char| !c.is_alphanumeric());
        let token = ["'s", "’s", "'S", "’S"]
            .iter()
            .find_map(|p| token.strip_suffix(p))
            .unwrap_or(token);
        let capital = token
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase);
        for word in fold(token).split(' ').filter(|w| !w.is_empty()) {
            out.push((word.to_string(), capital));
            if out.len() == 80 {
                return out;
            }
        }
    }
    out
}

/// `vladimir putin` → `Vladimir Putin`: folded words shown as a name.
fn title_case(words: &str) -> String {
    words
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A crude stem so `referendums` meets `referendum` and `talks` meets `talk` when scoring.
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ies", "es", "ed", "s"] {
        if let Some(base) = word.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            return base;
        }
    }
    word
}

fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (stem(a), stem(b));
    a == b || (a.len().min(b.len()) >= 5 && (a.starts_with(b) || b.starts_with(a)))
}

/// The question's content words: folded, no stopwords, no repeats.
fn content_words(folded: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in folded {
        let keep = !is_stopword(w) && (w.chars().count() >= 2 || w.chars().all(char::is_numeric));
        if keep && !out.iter().any(|o| o == w) && out.len() < MAX_TERMS {
            out.push((*w).to_string());
        }
    }
    out
}

/// Words of time besides month and weekday names that answer a *when* question.
const TIME_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "week",
    "month",
    "year",
    "morning",
    "evening",
    "night",
];
const NUMBERS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "percent",
    "half",
];
const REASONS: &[&str] = &[
    "because",
    "due",
    "reason",
    "after",
    "since",
    "amid",
    "so",
    "result",
    "order",
    "caused",
    "blamed",
    "following",
];

/// Whether a sentence has what the question type asks for. `kinds` are the kinds of the
/// entities it mentions (other than those the question names).
fn fits_kind(kind: QuestionKind, words: &[&str], kinds: &[EntityKind]) -> bool {
    let year = |w: &&str| w.len() == 4 && w.starts_with(['1', '2']) && w.parse::<u32>().is_ok();
    match kind {
        QuestionKind::Who => kinds
            .iter()
            .any(|k| matches!(k, EntityKind::Person | EntityKind::Organization)),
        QuestionKind::When => words
            .iter()
            .any(|w| is_month(w) || is_weekday(w) || TIME_WORDS.contains(w) || year(w)),
        QuestionKind::Where => kinds.contains(&EntityKind::Place),
        QuestionKind::Why => words.iter().any(|w| REASONS.contains(w)),
        QuestionKind::HowMany => words
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_digit()) || NUMBERS.contains(w)),
        QuestionKind::What | QuestionKind::Other => false,
    }
}

/// A candidate sentence with what scoring needs.
#[derive(Debug, Clone)]
struct Candidate {
    article_id: i64,
    idx: i64,
    text: String,
    /// Question entities it mentions, and the kinds of the other entities it mentions.
    entities: HashSet<i64>,
    other_kinds: Vec<EntityKind>,
}

/// The question, prepared for retrieval and scoring.
#[derive(Debug, Default)]
struct Parsed {
    kind: Option<QuestionKind>,
    /// Content words with their weight (rarer is heavier).
    terms: Vec<(String, f64)>,
    /// Named entities, longest names first.
    entities: Vec<Named>,
}

/// A name the question uses and the entities answering to it.
#[derive(Debug)]
struct Named {
    /// Entity ids answering to the name (several when it is ambiguous).
    ids: Vec<i64>,
    /// How to call it in the lead-in: the canonical name when only one entity answers.
    display: String,
    /// The question's own (folded) words for it, searched as a phrase.
    words: String,
}

/// How well `c` answers: (relevance in 0..=1, final score). Words of the question found only in
/// the article's `title` count half: a sentence often leaves its topic to the headline.
fn score(q: &Parsed, c: &Candidate, title: &str, recency: f64) -> (f64, f64) {
    let folded = fold(&c.text);
    let words: Vec<&str> = folded.split(' ').collect();
    let folded_title = fold(title);
    let title_words: Vec<&str> = folded_title.split(' ').collect();
    let term_total: f64 = q.terms.iter().map(|t| t.1).sum();
    let term_hit: f64 = q
        .terms
        .iter()
        .map(|(t, weight)| {
            if words.iter().any(|w| same_word(w, t)) {
                *weight
            } else if title_words.iter().any(|w| same_word(w, t)) {
                weight / 2.0
            } else {
                0.0
            }
        })
        .sum();
    let ent_hit = q
        .entities
        .iter()
        .filter(|n| n.ids.iter().any(|id| c.entities.contains(id)))
        .count() as f64;
    // A name weighs a little more than the rarest word: a sentence with only the word and not
    // the person asked about is not an answer.
    let ent_weight = q.terms.iter().map(|t| t.1 * 1.01).fold(3.0, f64::max);
    let total = term_total + ent_weight * q.entities.len() as f64;
    if total <= 0.0 {
        return (0.0, 0.0);
    }
    let relevance = (term_hit + ent_weight * ent_hit) / total;
    let fits = q.kind.is_some_and(|k| fits_kind(k, &words, &c.other_kinds));
    let n = words.len();
    let length = if (6..=60).contains(&n) { 1.0 } else { 0.0 };
    let s = relevance + 0.15 * f64::from(u8::from(fits)) + 0.1 * recency + 0.05 * length;
    (relevance, s)
}

/// Days since 0000 for a `YYYY-MM-DD…` date, for recency.
fn day_number(date: &str) -> Option<f64> {
    let d = chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    Some(f64::from(chrono::Datelike::num_days_from_ce(&d)))
}

impl Newsdesk {
    /// Answer `question` from the stored articles of `scope`: up to `ask.max_sentences` source
    /// sentences with citations, rephrased by the LLM backend when it is on and its answer checks
    /// out.
    pub async fn ask(&self, scope: Scope, question: &str) -> Result<Answer> {
        let question = self.check_query(question)?;
        let mut answer = self.ask_extractive(scope, question).await?;
        if self.config.llm.enabled && answer.found() {
            match super::llm::rephrase(&self.config.llm, question, &answer.sources).await {
                Ok(text) => answer.rephrased = Some(text),
                Err(e) => tracing::warn!(error = %e, "LLM answer not used; answering extractively"),
            }
        }
        Ok(answer)
    }

    /// The extractive answer alone (what [`Newsdesk::ask`] falls back to).
    pub async fn ask_extractive(&self, scope: Scope, question: &str) -> Result<Answer> {
        let question = self.check_query(question)?;
        let kind = question_kind(question);
        let tokens = question_words(question);
        let words: Vec<&str> = tokens.iter().map(|t| t.0.as_str()).collect();
        let capitalised: Vec<bool> = tokens.iter().map(|t| t.1).collect();
        let mut parsed = Parsed {
            kind: Some(kind),
            ..Parsed::default()
        };

        // Named entities: the longest runs of words that are a known name.
        let covered = self
            .question_entities(scope, &words, &capitalised, &mut parsed)
            .await?;
        let rest: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|(i, _)| !covered.contains(i))
            .map(|(_, w)| *w)
            .collect();
        let terms = content_words(&rest);

        // Term weights from how many sentences contain them (capped count: cheap).
        let total: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM sentences")
            .fetch_one(self.store.pool())
            .await?;
        let mut rare = Vec::new();
        let mut common = Vec::new();
        // Every word's (capped) count in one round trip.
        let mut dfs: Vec<i64> = Vec::new();
        if !terms.is_empty() {
            // Only numbered placeholders are formatted in; the words are bound.
            let counts = (0..terms.len())
                .map(|i| {
                    format!(
                        "(SELECT count(*) FROM (SELECT rowid FROM sentences_fts \
                         WHERE sentences_fts MATCH ?{} LIMIT ?1))",
                        i + 2
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let mut query =
                sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {counts}"))).bind(COMMON_DF + 1);
            for t in &terms {
                query = query.bind(format!("\"{t}\""));
            }
            let row = query.fetch_one(self.store.pool()).await?;
            dfs = (0..terms.len()).map(|i| row.get::<i64, _>(i)).collect();
        }
        for (t, df) in terms.into_iter().zip(dfs) {
            // A word no sentence has still counts against coverage, as much as a plain word.
            let idf = match df {
                0 => 1.0,
                d => (1.0 + total.max(1) as f64 / d as f64).ln(),
            };
            parsed.terms.push((t.clone(), idf));
            match df {
                0 => {}
                d if d > COMMON_DF => common.push(t),
                d => rare.push((t, d)),
            }
        }
        // Rarest first, and no more matches in all than one common word would bring: the
        // others still count when scoring.
        rare.sort_by_key(|r| r.1);
        let mut budget = 0;
        let rare: Vec<String> = rare
            .into_iter()
            .take_while(|r| {
                budget += r.1;
                budget - r.1 == 0 || budget <= COMMON_DF
            })
            .map(|r| r.0)
            .collect();

        let mut candidates: HashMap<(i64, i64), Candidate> = HashMap::new();
        let quoted = |ts: &[String], op: &str| {
            ts.iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(op)
        };
        if !rare.is_empty() {
            self.fts_candidates(scope, &quoted(&rare, " OR "), true, &mut candidates)
                .await?;
        } else if !common.is_empty() {
            // Only common words: the newest sentences having them all.
            self.fts_candidates(scope, &quoted(&common, " "), false, &mut candidates)
                .await?;
        }
        // A name and a topic: the newest sentences naming both (the name as the question wrote
        // it), which neither the topic's ranking nor the name's latest mentions may reach in a
        // big store.
        let topic: Vec<String> = parsed.terms.iter().map(|t| t.0.clone()).collect();
        if !topic.is_empty() {
            for named in parsed.entities.iter().take(2) {
                let query = format!("\"{}\" AND ({})", named.words, quoted(&topic, " OR "));
                self.fts_candidates(scope, &query, false, &mut candidates)
                    .await?;
            }
        }
        let entity_ids: Vec<i64> = parsed
            .entities
            .iter()
            .flat_map(|n| n.ids.iter().copied())
            .collect();
        let walked = self.most_recent(&entity_ids, MAX_WALKED_ENTITIES).await?;
        self.mention_candidates(&walked, &mut candidates).await?;
        if candidates.is_empty() {
            return Ok(nothing(kind));
        }
        self.attach_mentions(&entity_ids, &mut candidates).await?;

        let article_ids: Vec<i64> = candidates.keys().map(|k| k.0).collect();
        let refs = self.store.article_refs(&article_ids).await?;
        let day = |a: &i64| {
            refs.get(a).and_then(|r| {
                r.published
                    .as_deref()
                    .and_then(day_number)
                    .or_else(|| day_number(&r.ingested_at))
            })
        };
        let newest = candidates
            .keys()
            .filter_map(|k| day(&k.0))
            .fold(f64::MIN, f64::max);
        let mut scored: Vec<(f64, f64, &Candidate)> = candidates
            .values()
            .map(|c| {
                let recency = day(&c.article_id).map_or(0.0, |d| 0.5f64.powf((newest - d) / 90.0));
                let title = refs
                    .get(&c.article_id)
                    .and_then(|r| r.title.as_deref())
                    .unwrap_or("");
                let (relevance, s) = score(&parsed, c, title, recency);
                (relevance, s, c)
            })
            .filter(|(relevance, _, _)| *relevance >= MIN_RELEVANCE)
            .collect();
        scored.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(b.2.article_id.cmp(&a.2.article_id))
                .then(a.2.idx.cmp(&b.2.idx))
        });

        let mut sources: Vec<Cited> = Vec::new();
        let mut seen_text: HashSet<String> = HashSet::new();
        let mut per_article: HashMap<i64, usize> = HashMap::new();
        let best = scored.first().map_or(0.0, |s| s.1);
        for (_, s, c) in &scored {
            if sources.len() >= self.config.ask.max_sentences || *s < best * 0.6 {
                break;
            }
            let n = per_article.entry(c.article_id).or_default();
            if *n >= PER_ARTICLE || !seen_text.insert(fold(&c.text)) {
                continue;
            }
            let Some(article) = refs.get(&c.article_id) else {
                continue;
            };
            *n += 1;
            sources.push(Cited {
                sentence: snippet(&c.text, SENTENCE_CHARS),
                article: article.clone(),
            });
        }
        if sources.is_empty() {
            return Ok(nothing(kind));
        }
        let articles = per_article.values().filter(|&&n| n > 0).count();
        let from = if articles == 1 {
            "from 1 stored article".to_string()
        } else {
            format!("from {articles} stored articles")
        };
        let lead_in = match parsed.entities.first() {
            Some(named) => format!("About {}, {from}:", named.display),
            None => format!("{}{}:", from[..1].to_uppercase(), &from[1..]),
        };
        Ok(Answer {
            lead_in,
            sources,
            kind,
            rephrased: None,
        })
    }

    /// Find names in the question (longest first); returns the word positions they cover.
    async fn question_entities(
        &self,
        scope: Scope,
        words: &[&str],
        capitalised: &[bool],
        parsed: &mut Parsed,
    ) -> Result<HashSet<usize>> {
        // One word alone names someone only when written as a name (`Doctor`, not `doctor`),
        // unless the question has no capitals at all.
        let cased = capitalised.iter().any(|&c| c) && !capitalised.iter().all(|&c| c);
        // Every run of 1-4 words that is not all stopwords, looked up in one query.
        let mut grams: Vec<(usize, usize, String)> = Vec::new();
        for len in (1..=4usize).rev() {
            for start in 0..words.len().saturating_sub(len - 1) {
                let gram = &words[start..start + len];
                if gram.iter().all(|w| is_stopword(w)) || (len == 1 && gram[0].len() < 2) {
                    continue;
                }
                if len == 1 && cased && !capitalised[start] {
                    continue;
                }
                grams.push((start, len, gram.join(" ")));
            }
        }
        let mut known: HashMap<String, Vec<(i64, String)>> = HashMap::new();
        for chunk in grams.chunks(400) {
            let marks = (0..chunk.len())
                .map(|i| format!("?{}", i + 2))
                .collect::<Vec<_>>()
                .join(",");
            // Only numbered placeholders are formatted in; the words are bound.
            let sql = format!(
                "SELECT DISTINCT n.fold AS fold, e.id AS id, e.name AS name FROM entity_names n \
                 CROSS JOIN entities e ON e.id = n.entity_id WHERE e.scope = ?1 AND n.fold IN ({marks})"
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(scope.to_string());
            for (_, _, g) in chunk {
                query = query.bind(g);
            }
            for r in query.fetch_all(self.store.pool()).await? {
                known
                    .entry(r.get("fold"))
                    .or_default()
                    .push((r.get("id"), r.get("name")));
            }
        }
        // A surname alone names the people whose full name ends with it, when no name is exactly
        // that word (a few such words per question: one index query each).
        let mut surnames = 0;
        for (_, len, gram) in &grams {
            if *len != 1 || known.contains_key(gram) || gram.chars().count() < 4 || surnames == 3 {
                continue;
            }
            if gram.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            surnames += 1;
            let ids = self.store.people_by_surname(scope, gram).await?;
            if ids.is_empty() {
                continue;
            }
            let names = self.store.entity_names_of(&ids).await?;
            known.insert(gram.clone(), names);
        }
        // Longest names first, never overlapping.
        let mut covered = HashSet::new();
        for (start, len, gram) in grams {
            let span = start..start + len;
            if span.clone().any(|i| covered.contains(&i)) {
                continue;
            }
            let Some(found) = known.get(&gram) else {
                continue;
            };
            // Several answer to it: the one known by exactly these words, else the words as a name.
            let name = match found.as_slice() {
                [(_, name)] => name.clone(),
                _ => found
                    .iter()
                    .find(|(_, name)| fold(name) == gram)
                    .map_or_else(|| title_case(&gram), |(_, name)| name.clone()),
            };
            covered.extend(span);
            parsed.entities.push(Named {
                ids: found.iter().map(|f| f.0).collect(),
                display: name,
                words: gram.clone(),
            });
            if parsed.entities.len() >= 4 {
                break;
            }
        }
        Ok(covered)
    }

    async fn fts_candidates(
        &self,
        scope: Scope,
        query: &str,
        ranked: bool,
        out: &mut HashMap<(i64, i64), Candidate>,
    ) -> Result<()> {
        // `query` is built from folded words (letters, digits, spaces), each quoted.
        if ranked {
            // Rank inside the index first, then join only the best matches.
            let rows = sqlx::query(
                "SELECT s.article_id AS article_id, s.idx AS idx, s.text AS text FROM \
                 (SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH ?1 ORDER BY rank LIMIT ?4) f \
                 CROSS JOIN sentences s ON s.id = f.rowid CROSS JOIN articles a ON a.id = s.article_id \
                 WHERE a.scope = ?2 ORDER BY f.rank LIMIT ?3",
            )
            .bind(query)
            .bind(scope.to_string())
            .bind(FTS_CANDIDATES)
            .bind(FTS_PREFETCH)
            .fetch_all(self.store.pool())
            .await?;
            let enough = rows.len() as i64 >= FTS_CANDIDATES;
            add_rows(&rows, out);
            if enough {
                return Ok(());
            }
        }
        let order = if ranked {
            "bm25(sentences_fts)"
        } else {
            "sentences_fts.rowid DESC"
        };
        // CROSS JOIN keeps the index match as the outer loop: the planner would otherwise walk
        // the scope's articles and run the match once per sentence.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT s.article_id AS article_id, s.idx AS idx, s.text AS text FROM sentences_fts \
             CROSS JOIN sentences s ON s.id = sentences_fts.rowid CROSS JOIN articles a ON a.id = s.article_id \
             WHERE sentences_fts MATCH ?1 AND a.scope = ?2 ORDER BY {order} LIMIT ?3"
        )))
        .bind(query)
        .bind(scope.to_string())
        .bind(FTS_CANDIDATES)
        .fetch_all(self.store.pool())
        .await?;
        add_rows(&rows, out);
        Ok(())
    }

    /// Up to `max` of `ids`, the most recently mentioned first (one index seek each).
    async fn most_recent(&self, ids: &[i64], max: usize) -> Result<Vec<i64>> {
        if ids.len() <= max {
            return Ok(ids.to_vec());
        }
        let mut latest: Vec<(i64, i64)> = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(400) {
            let list = chunk
                .iter()
                .map(|id| format!("({id})"))
                .collect::<Vec<_>>()
                .join(",");
            // `list` is integers from the database.
            let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "WITH c (id) AS (VALUES {list}) SELECT c.id, \
                 (SELECT max(article_id) FROM article_entities WHERE entity_id = c.id) FROM c"
            )))
            .fetch_all(self.store.pool())
            .await?;
            latest.extend(rows.into_iter().map(|(id, last)| (id, last.unwrap_or(0))));
        }
        latest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(latest.into_iter().take(max).map(|l| l.0).collect())
    }

    /// The latest sentences mentioning each of `entities` (their share of
    /// [`ENTITY_CANDIDATES`]), in one round trip.
    async fn mention_candidates(
        &self,
        entities: &[i64],
        out: &mut HashMap<(i64, i64), Candidate>,
    ) -> Result<()> {
        if entities.is_empty() {
            return Ok(());
        }
        let each = (ENTITY_CANDIDATES / entities.len() as i64).max(MIN_PER_ENTITY);
        // Only integers from the database are formatted in.
        let walks = entities
            .iter()
            .map(|id| {
                format!(
                    "SELECT * FROM (SELECT DISTINCT article_id, sentence_idx FROM mentions \
                     INDEXED BY mentions_entity_sentence WHERE entity_id = {id} \
                     ORDER BY article_id DESC, sentence_idx DESC LIMIT ?1)"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ");
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT s.article_id AS article_id, s.idx AS idx, s.text AS text FROM ({walks}) m \
             JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_idx"
        )))
        .bind(each)
        .fetch_all(self.store.pool())
        .await?;
        add_rows(&rows, out);
        Ok(())
    }

    /// Which entities each candidate sentence mentions.
    async fn attach_mentions(
        &self,
        question_entities: &[i64],
        candidates: &mut HashMap<(i64, i64), Candidate>,
    ) -> Result<()> {
        // Only the candidate sentences' own mentions (index `mentions_sentence`), not every
        // mention of their articles.
        let mut keys: Vec<(i64, i64)> = candidates.keys().copied().collect();
        keys.sort_unstable();
        for chunk in keys.chunks(400) {
            let list = chunk
                .iter()
                .map(|(a, i)| format!("({a},{i})"))
                .collect::<Vec<_>>()
                .join(",");
            // `list` is integers from the database.
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "WITH c (a, i) AS (VALUES {list}) \
                 SELECT m.article_id AS article_id, m.sentence_idx AS idx, m.entity_id AS entity_id, \
                 e.kind AS kind FROM c CROSS JOIN mentions m INDEXED BY mentions_sentence \
                 ON m.article_id = c.a AND m.sentence_idx = c.i \
                 JOIN entities e ON e.id = m.entity_id"
            )))
            .fetch_all(self.store.pool())
            .await?;
            for r in &rows {
                let key = (r.get::<i64, _>("article_id"), r.get::<i64, _>("idx"));
                let Some(c) = candidates.get_mut(&key) else {
                    continue;
                };
                let entity: i64 = r.get("entity_id");
                if question_entities.contains(&entity) {
                    c.entities.insert(entity);
                } else if let Some(k) = EntityKind::parse(r.get::<&str, _>("kind")) {
                    c.other_kinds.push(k);
                }
            }
        }
        Ok(())
    }
}

fn add_rows(rows: &[sqlx::sqlite::SqliteRow], out: &mut HashMap<(i64, i64), Candidate>) {
    for r in rows {
        let key = (r.get::<i64, _>("article_id"), r.get::<i64, _>("idx"));
        out.entry(key).or_insert_with(|| Candidate {
            article_id: key.0,
            idx: key.1,
            text: r.get("text"),
            entities: HashSet::new(),
            other_kinds: Vec::new(),
        });
    }
}

fn nothing(kind: QuestionKind) -> Answer {
    Answer {
        lead_in:
            "I found nothing in the stored articles that answers that. Try /articles to search \
                  them, or /entity to look a name up."
                .into(),
        sources: Vec::new(),
        kind,
        rephrased: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn question_kinds() {
        assert_eq!(
            question_kind("Who leads the port authority?"),
            QuestionKind::Who
        );
        assert_eq!(question_kind("When will work begin?"), QuestionKind::When);
        assert_eq!(
            question_kind("In what year was it built?"),
            QuestionKind::When
        );
        assert_eq!(question_kind("where is the dam"), QuestionKind::Where);
        assert_eq!(question_kind("Why did prices rise?"), QuestionKind::Why);
        assert_eq!(question_kind("How many jobs?"), QuestionKind::HowMany);
        assert_eq!(question_kind("What did the UN say?"), QuestionKind::What);
        assert_eq!(question_kind("port expansion"), QuestionKind::Other);
    }

    #[test]
    fn content_words_drop_stopwords_and_repeats() {
        let f = fold("What did the UN say about the referendums, the REFERENDUMS?");
        let words: Vec<&str> = f.split(' ').collect();
        assert_eq!(content_words(&words), ["un", "referendums"]);
    }

    #[test]
    fn question_words_drop_possessives_and_keep_capitals() {
        let words = question_words("What did Putin's doctor say about the U.S. plan?");
        let shown: Vec<(&str, bool)> = words.iter().map(|(w, c)| (w.as_str(), *c)).collect();
        assert_eq!(
            shown,
            [
                ("what", true),
                ("did", false),
                ("putin", true),
                ("doctor", false),
                ("say", false),
                ("about", false),
                ("the", false),
                ("us", true),
                ("plan", false),
            ]
        );
    }

    #[test]
    fn folded_words_shown_as_a_name() {
        assert_eq!(title_case("vladimir putin"), "Vladimir Putin");
        assert_eq!(title_case("smith"), "Smith");
    }

    #[test]
    fn words_match_across_simple_inflections() {
        assert!(same_word("referendums", "referendum"));
        assert!(same_word("talks", "talk"));
        assert!(same_word("expansion", "expansions"));
        assert!(!same_word("port", "portugal"));
    }

    fn candidate(text: &str, entities: &[i64], kinds: &[EntityKind]) -> Candidate {
        Candidate {
            article_id: 1,
            idx: 0,
            text: text.into(),
            entities: entities.iter().copied().collect(),
            other_kinds: kinds.to_vec(),
        }
    }

    #[test]
    fn scoring_wants_coverage_and_rewards_the_question_type() {
        let q = Parsed {
            kind: Some(QuestionKind::When),
            terms: vec![("dam".into(), 3.0), ("repairs".into(), 2.0)],
            entities: vec![Named {
                ids: vec![7],
                display: "River Board".into(),
                words: "river board".into(),
            }],
        };
        let full = candidate("The River Board will start dam repairs in May.", &[7], &[]);
        let no_date = candidate(
            "The River Board said dam repairs are needed soon.",
            &[7],
            &[],
        );
        let weak = candidate("Repairs were discussed at length yesterday.", &[], &[]);
        let (r_full, s_full) = score(&q, &full, "", 0.0);
        let (r_nodate, s_nodate) = score(&q, &no_date, "", 0.0);
        assert!(r_full > 0.99 && (r_nodate - r_full).abs() < 1e-9);
        assert!(s_full > s_nodate, "a date fits a when-question");
        assert!(score(&q, &weak, "", 1.0).0 < MIN_RELEVANCE);
    }
}
