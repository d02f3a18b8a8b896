//! Free questions answered from stored sentences, with citations and a short answer.
//!
//! The stages, one file each:
//! - [`question`]: what the question asks for (a person, a date, a number, a reason…), its
//!   content words, a time it is limited to and a topic hint;
//! - candidates (here, through the store's bounded reads): sentences from the full-text index,
//!   from the latest mentions of the entities the question names, and whole articles when the
//!   question points at them (a topic hint, a conversation's article, the best-matching few);
//! - [`rank`]: features of each candidate, weighted;
//! - [`answer`]: the phrase of the expected type inside the first cited sentence.
//!
//! Nothing is invented: every source is a stored sentence, and "nothing found" is said only
//! when no stored sentence shares a content word or a name with the question.

pub mod answer;
pub mod article_facts;
mod clock;
pub mod describe;
pub mod excerpt;
mod irregular;
pub mod lexicon;
mod pairs;
pub mod question;
pub mod rank;
mod trees;
mod trees_fitted;
pub mod words;

use crate::Newsdesk;
use crate::analysis::EntityKind;
use crate::error::Result;
use crate::model::{ArticleId, ArticleRef, Scope};
use crate::store::{SentenceRow, fold};
use answer::{Mention, Parts};
use fnv::FnvHashSet;
pub use question::{AnswerType, Measure, Question};
use rank::{ArticleFacts, Depth, Features, NameRef, Query, QuoteIn, Sentence, Term};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A source sentence and the article it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Cited {
    pub sentence: String,
    pub article: ArticleRef,
}

/// The phrase that answers the question, inside the first source's sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShortAnswer {
    pub text: String,
    /// Index into [`Answer::sources`] (always 0 today).
    pub source: usize,
    /// Byte offsets into that source's `sentence`, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// How well the sources answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The first source covers most of the question.
    Good,
    /// The closest sentences found; they share some of the question's words.
    Weak,
    /// No stored sentence shares a word or a name with the question.
    None,
}

/// What a conversation already knows: the entity and article the previous turns were about.
/// A question that refers back (`what did he say?`) or names nobody is read as about them.
#[derive(Debug, Clone, Default)]
pub struct AskContext {
    /// A name, resolved like `/entity` does.
    pub about: Option<String>,
    /// An article the question is asked about (`summarize it`, `that article`).
    pub article: Option<ArticleId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// A short lead-in ("About Vladimir Putin, from 2 articles:", "Closest I found:") or the
    /// plain "nothing found" message.
    pub lead_in: String,
    /// The short answer, when the question asks for a phrase and the first source holds one.
    pub answer: Option<ShortAnswer>,
    /// 1–`ask.max_sentences` source sentences, best first; empty when nothing matched.
    pub sources: Vec<Cited>,
    /// What the question asks for.
    pub kind: AnswerType,
    pub evidence: Evidence,
    /// The entities the question was about (canonical names), the first the main one: what a
    /// follow-up's `he` or `it` refers to.
    pub about: Vec<String>,
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

/// Sentences taken from the full-text ranking.
const FTS_CANDIDATES: i64 = 150;
/// Best-ranked index matches read before the scope filter. Ranking inside the index and joining
/// only these keeps a question's cost bounded; a store shared by several scopes that leaves too
/// few of them in the caller's scope ranks the scope's matches alone.
const FTS_PREFETCH: i64 = 600;
/// Sentences taken from the latest mentions of the entities a question names, in all.
const ENTITY_CANDIDATES: i64 = 240;
/// Fewest mention sentences taken per entity, however many share a name.
const MIN_PER_ENTITY: i64 = 30;
/// Latest quotes read for a *what did X say* question, shared among the people the name may
/// be (a surname several people have), between [`MIN_QUOTES_PER_SPEAKER`] and
/// [`MAX_QUOTES_PER_SPEAKER`] each.
const QUOTE_CANDIDATES: usize = 40;
const MAX_QUOTES_PER_SPEAKER: usize = 20;
const MIN_QUOTES_PER_SPEAKER: usize = 5;
/// Entities whose mentions are walked for one question.
const MAX_WALKED_ENTITIES: usize = 8;
/// A word found in more sentences than this is too common to rank through the index.
const COMMON_DF: i64 = 10_000;
/// Content words kept from a question.
const MAX_TERMS: usize = 12;
/// The best-matching articles read whole (up to [`ARTICLE_SENTENCES`] sentences each), so the
/// sentence that answers is a candidate even when it shares few words with the question.
const TOP_ARTICLES: usize = 4;
const ARTICLE_SENTENCES: i64 = 60;
/// Candidates ranked by their words that are looked at in full (phrases, mentions).
const SHORTLIST: usize = 60;
/// Sentences either side of a shortlisted one read as its paragraph (a long paragraph is read
/// in part: a question's passage is a few sentences).
const PARAGRAPH_REACH: i64 = 6;
/// The best of the shortlist by their words whose paragraphs are read past the two sentences on
/// either side (each costs an index seek, mostly in vain for news: its paragraphs are short).
const PARAGRAPH_BANDS: usize = 20;
/// At most this many source sentences from one article.
const PER_ARTICLE: usize = 3;
const SENTENCE_CHARS: usize = 600;
/// Below this share of the question covered, the answer says it is the closest found.
const GOOD_COVER: f64 = 0.5;

/// A conversation about an article asks about it (`how much are they asking for?` under a
/// court story wants the sum that story names, not a sentence of another article that has
/// the word `asking`): its sentences go first when one of them shares the question's words
/// or holds what it asks for. A question naming someone the article never names is asked of
/// the whole store.
fn answer_from_article_first(ranked: &mut [Ranked], article: i64, names_own: bool) {
    let here = ranked.iter().filter(|r| r.article_id == article);
    let names_here = !names_own || here.clone().any(|r| r.features.names > 0.0);
    let answers_here = here.clone().any(|r| {
        let f = &r.features;
        f.joint > 0.0 || f.typed + f.typed_name + f.list > 0.0
    });
    if names_here && answers_here {
        // Stable: each part keeps its ranking.
        ranked.sort_by_key(|r| r.article_id != article);
    }
}

/// How many of the best candidates are read for a description of a name asked about alone.
const DESCRIBED_REACH: usize = 8;

/// Longest headline, in words, that ends as a sentence does (`Flight attendants back the
/// mayor.`): a longer first line so ending is the body's first sentence.
const HEADLINE_WORDS: usize = 12;

/// A page stored from plain text keeps its first line, the headline, as its first sentence
/// (a page that opens with a long sentence takes its first words as the title: that is body).
/// A headline only says in brief what the body says in full (`Market moves to the station`
/// holds neither when nor why), so it is cited after its article's best body sentence.
fn headline_after_body(ranked: &mut Vec<Ranked>, is_headline: impl Fn(&Ranked) -> bool) {
    let mut moved: Vec<i64> = Vec::new();
    let mut i = 0;
    while i < ranked.len() {
        let r = &ranked[i];
        if !moved.contains(&r.article_id) && is_headline(r) {
            let article = r.article_id;
            if let Some(j) = ranked[i + 1..].iter().position(|o| o.article_id == article) {
                moved.push(article);
                let headline = ranked.remove(i);
                // The body sentence was at i + 1 + j; it is now at i + j.
                ranked.insert(i + j + 1, headline);
                continue;
            }
        }
        i += 1;
    }
}

/// A candidate while it is gathered.
struct Gathered {
    row: SentenceRow,
    tokens: Vec<words::Token>,
}

impl Newsdesk {
    /// Answer `question` from the stored articles of `scope`: up to `ask.max_sentences` source
    /// sentences with citations and a short answer, rephrased by the LLM backend when it is on
    /// and its answer is supported by the sources.
    pub async fn ask(&self, scope: Scope, question: &str) -> Result<Answer> {
        self.ask_with(scope, question, &AskContext::default()).await
    }

    /// [`Newsdesk::ask`] within a conversation's context.
    pub async fn ask_with(
        &self,
        scope: Scope,
        question: &str,
        context: &AskContext,
    ) -> Result<Answer> {
        let question = self.check_query(question)?;
        let mut answer = self.ask_extractive_with(scope, question, context).await?;
        // A byline or a date needs no rephrasing.
        let of_the_article =
            context.article.is_some() && article_facts::asked_fact(question).is_some();
        if self.config.llm.enabled && answer.found() && !of_the_article {
            match super::llm::rephrase(&self.config.llm, question, &answer.sources).await {
                Ok(text) => answer.rephrased = Some(text),
                Err(e) => tracing::warn!(error = %e, "LLM answer not used; answering extractively"),
            }
        }
        Ok(answer)
    }

    /// The extractive answer alone (what [`Newsdesk::ask`] falls back to).
    pub async fn ask_extractive(&self, scope: Scope, question: &str) -> Result<Answer> {
        self.ask_extractive_with(scope, question, &AskContext::default())
            .await
    }

    /// The extractive answer within a conversation's context.
    pub async fn ask_extractive_with(
        &self,
        scope: Scope,
        question: &str,
        context: &AskContext,
    ) -> Result<Answer> {
        Ok(self.ask_ranked(scope, question, context).await?.0)
    }

    /// What an article says of itself: its byline, date, outlet, or title and summary. A fact
    /// the page did not give is said to be missing, with the title cited.
    async fn article_fact(
        &self,
        scope: Scope,
        id: ArticleId,
        fact: article_facts::ArticleFact,
    ) -> Result<Answer> {
        use article_facts::ArticleFact;
        let article = self.store.article_ref(scope, id).await?;
        let title = article.display_title();
        let outlet = article
            .site
            .clone()
            .or_else(|| article.url.as_deref().and_then(article_facts::host_of));
        // (the cited line and the answer's span in it, the kind asked, what to say when missing)
        let (line, kind, missing) = match fact {
            ArticleFact::Author => {
                let line = article
                    .byline
                    .as_deref()
                    .map(|by| article_facts::line("By ", by, ""));
                (
                    line,
                    AnswerType::Person,
                    "The article names no author.".into(),
                )
            }
            ArticleFact::Published => {
                let date = article
                    .published
                    .as_deref()
                    .map(article_facts::readable_date);
                let by = outlet
                    .as_ref()
                    .map(|o| format!(" by {o}"))
                    .unwrap_or_default();
                let line = date.map(|d| article_facts::line("Published ", &d, &by));
                // A missing date is told apart from the day the article was stored.
                let stored = article_facts::readable_date(&article.ingested_at);
                let missing =
                    format!("The article gives no publication date; it was stored on {stored}.");
                (line, AnswerType::Date, missing)
            }
            ArticleFact::Outlet => {
                let line = outlet
                    .as_deref()
                    .map(|o| article_facts::line("Published by ", o, ""));
                (
                    line,
                    AnswerType::Organization,
                    "The article names no outlet.".into(),
                )
            }
            ArticleFact::Topic => {
                let summary = self.summary(scope, id, None).await?;
                let sources: Vec<Cited> = summary
                    .sentences
                    .into_iter()
                    .take(self.config.ask.max_sentences)
                    .map(|sentence| Cited {
                        sentence,
                        article: article.clone(),
                    })
                    .collect();
                let lead_in = if sources.is_empty() {
                    format!("“{title}” has no sentences to summarise.")
                } else {
                    format!("“{title}” in brief:")
                };
                return Ok(Answer {
                    lead_in,
                    answer: None,
                    evidence: if sources.is_empty() {
                        Evidence::None
                    } else {
                        Evidence::Good
                    },
                    sources,
                    kind: AnswerType::Topic,
                    about: Vec::new(),
                    rephrased: None,
                });
            }
        };
        let (lead_in, sentence, answer) = match line {
            Some((line, std::ops::Range { start, end })) => {
                let answer = ShortAnswer {
                    text: line[start..end].to_string(),
                    source: 0,
                    start,
                    end,
                };
                ("From the article:".to_string(), line, Some(answer))
            }
            // The title is cited so that the reader sees which article has no such line.
            None => (missing, title, None),
        };
        Ok(Answer {
            lead_in,
            answer,
            sources: vec![Cited { sentence, article }],
            kind,
            evidence: Evidence::Good,
            about: Vec::new(),
            rephrased: None,
        })
    }

    /// The answer and the ranked candidates with their features (for `ask --explain` and
    /// fitting the weights).
    pub async fn ask_ranked(
        &self,
        scope: Scope,
        question: &str,
        context: &AskContext,
    ) -> Result<(Answer, Vec<Ranked>)> {
        let text = self.check_query(question)?;
        let started = std::time::Instant::now();
        let text = self.correct_spelling(text).await?;
        let mut q = Question::parse(&text, chrono::Utc::now().date_naive());

        // Names: the longest runs of words that are a known name, then the conversation's.
        let (mut names, covered, mut about) = self.question_names(scope, &q).await?;
        let names_own = !names.is_empty();
        // The words of the conversation's name: the question (`what did she say`) does not
        // write them, yet they weigh as its rarest word.
        let mut context_words: Vec<words::Token> = Vec::new();
        let context_article = match context.article {
            Some(id) => Some(self.store.article_ref(scope, id).await?.id.0),
            None => None,
        };
        // `who wrote it?` in a conversation about one article: its byline, not its sentences.
        if let (Some(id), Some(fact)) = (context.article, article_facts::asked_fact(&text)) {
            return Ok((self.article_fact(scope, id, fact).await?, Vec::new()));
        }
        if let Some(name) = context.about.as_deref()
            && (q.refers_back || names.is_empty())
            && let super::resolve::Resolution::One { id, .. } = self.resolve(scope, name).await?
        {
            let display = self
                .store
                .entity_name(id)
                .await?
                .unwrap_or_else(|| name.to_string());
            let spoken: Vec<words::Token> = words::tokens(&display)
                .into_iter()
                .filter(|t| !t.is_stopword())
                .collect();
            names.push(NameRef {
                ids: vec![id],
                keys: spoken.iter().map(|t| t.key.clone()).collect(),
                describes_answer: false,
            });
            q.referent = spoken.iter().map(|t| t.key.clone()).collect();
            context_words = spoken;
            about.push(display);
        }

        // `Who is Dmitry Peskov?` (or `who is he?` about him): a known name asked about alone
        // wants what the articles call it, not another name from the sentence that mentions it.
        let described: Option<Vec<i64>> = match (q.described(), names.as_slice()) {
            (Some(words), [name])
                if !name.ids.is_empty()
                    && (words.clone().all(|i| covered.contains(&i))
                        || words.len() == 1 && words::is_pronoun(&q.words[words.start].norm)) =>
            {
                Some(name.ids.clone())
            }
            _ => None,
        };
        if described.is_some() {
            q.expects = AnswerType::Definition;
            q.focus = None;
        }

        // Content words, names included, weighted by rarity.
        let name_keys: HashSet<&str> = covered.iter().map(|&i| q.words[i].key.as_str()).collect();
        let mut content: Vec<&words::Token> = Vec::new();
        for (i, t) in q.words.iter().enumerate() {
            let keep = !t.is_stopword()
                && !q.names_the_type(i)
                && (t.norm.chars().count() >= 2 || t.number.is_some())
                && !content.iter().any(|c| c.key == t.key);
            if keep && content.len() < MAX_TERMS {
                content.push(t);
            }
        }
        let phrases: Vec<String> = content.iter().map(|t| fts_term(t)).collect();
        let (total, dfs) = self.store.term_counts(&phrases, COMMON_DF + 1).await?;
        let mut terms = Vec::new();
        let mut rare: Vec<(String, i64)> = Vec::new();
        let mut common: Vec<String> = Vec::new();
        for ((t, phrase), df) in content.iter().zip(&phrases).zip(dfs) {
            // A word no sentence has still counts against coverage, as much as a plain word.
            let weight = match df {
                0 => 1.0,
                d => (1.0 + total.max(1) as f64 / d as f64).ln(),
            };
            terms.push(Term {
                key: t.key.clone(),
                norm: t.norm.clone(),
                weight,
            });
            // A known name's sentences come from the entity index; the full-text query is kept
            // to the other words (ranking a popular name's thousands of sentences is slow).
            match df {
                _ if name_keys.contains(t.key.as_str()) => {}
                0 => {}
                d if d > COMMON_DF => common.push(phrase.clone()),
                d => rare.push((phrase.clone(), d)),
            }
        }
        let heaviest = terms.iter().map(|t| t.weight).fold(1.0, f64::max);
        for t in &context_words {
            if !terms.iter().any(|x| x.key == t.key) {
                terms.push(Term {
                    key: t.key.clone(),
                    norm: t.norm.clone(),
                    weight: heaviest,
                });
            }
        }
        let mut query = Query::new(&q, terms, names);

        let mut found: HashMap<(i64, i64), Gathered> = HashMap::new();
        let add = |rows: Vec<SentenceRow>, found: &mut HashMap<(i64, i64), Gathered>| {
            for row in rows {
                found
                    .entry((row.article_id, row.idx))
                    .or_insert_with(|| Gathered {
                        tokens: words::tokens(&row.text),
                        row,
                    });
            }
        };
        // Rarest words first, and no more matches in all than one common word would bring: the
        // others still count when ranking.
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
        let ranked_rows = if !rare.is_empty() {
            self.store
                .sentences_matching(
                    scope,
                    &rare.join(" OR "),
                    true,
                    FTS_CANDIDATES,
                    FTS_PREFETCH,
                )
                .await?
        } else if !common.is_empty() {
            // Only common words: the newest sentences having them all.
            self.store
                .sentences_matching(
                    scope,
                    &common.join(" AND "),
                    false,
                    FTS_CANDIDATES,
                    FTS_PREFETCH,
                )
                .await?
        } else {
            Vec::new()
        };
        // The articles whose sentences rank best are read whole.
        let mut best_articles: Vec<i64> = Vec::new();
        for r in &ranked_rows {
            if !best_articles.contains(&r.article_id) {
                best_articles.push(r.article_id);
            }
        }
        best_articles.truncate(TOP_ARTICLES);
        add(ranked_rows, &mut found);

        // A name and a topic: the newest sentences naming both, which neither the topic's
        // ranking nor the name's latest mentions may reach in a big store.
        let topic_terms: Vec<String> = content
            .iter()
            .filter(|t| !name_keys.contains(t.key.as_str()))
            .map(|t| fts_term(t))
            .collect();
        if !topic_terms.is_empty() {
            for named in q_name_phrases(&q, &covered).iter().take(2) {
                let fts = format!("{named} AND ({})", topic_terms.join(" OR "));
                add(
                    self.store
                        .sentences_matching(scope, &fts, false, FTS_CANDIDATES, FTS_PREFETCH)
                        .await?,
                    &mut found,
                );
            }
        }
        let entity_ids: Vec<i64> = query
            .names
            .iter()
            .flat_map(|n| n.ids.iter().copied())
            .collect();
        let walked = self
            .store
            .most_recent_entities(&entity_ids, MAX_WALKED_ENTITIES)
            .await?;
        if !walked.is_empty() {
            let each = (ENTITY_CANDIDATES / walked.len() as i64).max(MIN_PER_ENTITY);
            add(
                self.store.mention_sentences(&walked, each).await?,
                &mut found,
            );
        }
        // What someone said: the sentences holding their latest quotes, named there or not.
        let asks_quote = q.expects == AnswerType::Quote && !walked.is_empty();
        let mut quoting: HashSet<(i64, i64)> = HashSet::new();
        if asks_quote {
            let rows = self
                .store
                .speaker_quote_sentences(
                    &walked,
                    (QUOTE_CANDIDATES / walked.len())
                        .clamp(MIN_QUOTES_PER_SPEAKER, MAX_QUOTES_PER_SPEAKER),
                )
                .await?;
            quoting.extend(rows.iter().map(|r| (r.article_id, r.idx)));
            add(rows, &mut found);
        }
        // A question whose other words are rare or unwritten (`when did Torchwood premiere`)
        // finds no articles through the index: in the articles where its names are found best,
        // the two sentences after each found one (`The series debuted on …`) are candidates too
        // (not the articles whole: that showed in the latency).
        if best_articles.len() < TOP_ARTICLES {
            let fill: Vec<i64> = articles_by_terms(&found, &query.terms)
                .into_iter()
                .filter(|id| !best_articles.contains(id))
                .take(TOP_ARTICLES - best_articles.len())
                .collect();
            let mut after: Vec<(i64, i64)> = found
                .keys()
                .filter(|(a, _)| fill.contains(a))
                .flat_map(|&(a, i)| [(a, i + 1), (a, i + 2)])
                .filter(|k| !found.contains_key(k))
                .collect();
            after.sort_unstable();
            after.dedup();
            add(self.store.sentences_at(&after).await?, &mut found);
        }
        // A topic hint or a conversation's article: those articles are read whole.
        let mut topic_articles: HashSet<i64> = HashSet::new();
        if !q.topic.is_empty() {
            let fts = q
                .topic
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ");
            topic_articles.extend(self.store.articles_matching(scope, &fts, 3).await?);
        }
        topic_articles.extend(context_article);
        let mut whole: Vec<i64> = topic_articles.iter().copied().collect();
        whole.extend(best_articles.iter().filter(|a| !topic_articles.contains(a)));
        add(
            self.store
                .article_sentences(&whole, ARTICLE_SENTENCES)
                .await?,
            &mut found,
        );
        tracing::debug!(
            candidates = found.len(),
            ms = started.elapsed().as_secs_f64() * 1e3,
            "ask: gathered"
        );
        if found.is_empty() {
            return Ok((nothing(q.expects), Vec::new()));
        }

        // How rare each term is among the candidates.
        let mut local_df = vec![0usize; query.terms.len()];
        for g in found.values() {
            for (i, t) in query.terms.iter().enumerate() {
                if g.tokens.iter().any(|x| x.key == t.key) {
                    local_df[i] += 1;
                }
            }
        }
        query.local = local_df
            .iter()
            .map(|&df| (1.0 + found.len() as f64 / df.max(1) as f64).ln())
            .collect();

        // The sentence before each candidate, and the mentions inside the candidates.
        let missing: Vec<(i64, i64)> = found
            .keys()
            .filter(|(a, i)| *i > 0 && !found.contains_key(&(*a, i - 1)))
            .map(|(a, i)| (*a, i - 1))
            .collect();
        // The paragraph of every sentence read, for the paragraph features.
        let mut para_of: HashMap<(i64, i64), i64> = HashMap::new();
        let mut colon_ended: HashSet<(i64, i64)> = found
            .iter()
            .filter(|(_, g)| ends_with_colon(&g.row.text))
            .map(|(&key, _)| key)
            .collect();
        let before = self
            .tokens_at(&missing, &mut para_of, Some(&mut colon_ended))
            .await?;
        tracing::debug!(
            ms = started.elapsed().as_secs_f64() * 1e3,
            "ask: neighbours read"
        );
        // What is known of each article.
        let article_ids: Vec<i64> = found.keys().map(|k| k.0).collect();
        let refs = self.store.article_refs(&article_ids).await?;
        let mut unique_ids = article_ids.clone();
        unique_ids.sort_unstable();
        unique_ids.dedup();
        // Which of the question's entities each article names.
        let mut named_in: HashMap<i64, FnvHashSet<i64>> = HashMap::new();
        for (article, entity) in self.store.entities_in(&unique_ids, &entity_ids).await? {
            named_in.entry(article).or_default().insert(entity);
        }
        // Copies count as their original: one text is cited once, however many outlets ran it.
        let id_list: Vec<ArticleId> = unique_ids.into_iter().map(ArticleId).collect();
        let original_of: HashMap<i64, i64> = self
            .store
            .copies_among(&id_list)
            .await?
            .into_iter()
            .map(|(c, o)| (c.0, o.0))
            .collect();
        let root = |a: i64| original_of.get(&a).copied().unwrap_or(a);
        let day = |a: i64| {
            refs.get(&a).and_then(|r| {
                r.published
                    .as_deref()
                    .and_then(date_of)
                    .or_else(|| date_of(&r.ingested_at))
            })
        };
        let newest = article_ids.iter().filter_map(|a| day(*a)).max();
        // Only the question's words are counted: ranking asks for no others.
        let term_keys: HashSet<&str> = query.terms.iter().map(|t| t.key.as_str()).collect();
        let mut facts: HashMap<i64, ArticleFacts> = HashMap::new();
        for (&(a, _), g) in &found {
            let f = facts.entry(a).or_insert_with(|| {
                let title = refs
                    .get(&a)
                    .and_then(|r| r.title.as_deref())
                    .map(|t| words::tokens(t).into_iter().map(|t| t.key).collect())
                    .unwrap_or_default();
                let recency = match (day(a), newest) {
                    (Some(d), Some(n)) => 0.5f64.powf((n - d).num_days() as f64 / 90.0),
                    _ => 0.0,
                };
                let in_time = match q.time {
                    None => true,
                    Some(range) => day(a).is_some_and(|d| d >= range.from && d <= range.to),
                };
                ArticleFacts {
                    title,
                    words: HashMap::new(),
                    recency,
                    in_time,
                    in_topic: topic_articles.contains(&a),
                    named: named_in.remove(&a).unwrap_or_default(),
                    term_df: Vec::new(),
                    shortlisted: 0,
                }
            });
            for t in g
                .tokens
                .iter()
                .filter(|t| term_keys.contains(t.key.as_str()))
            {
                *f.words.entry(t.key.clone()).or_default() += 1;
            }
        }

        // Rank: by words first, then the best of them by their phrases too.
        let mut sentences: HashMap<(i64, i64), Sentence<'_>> = HashMap::with_capacity(found.len());
        let mut shortlist: Vec<((i64, i64), f64)> = Vec::new();
        for (&key, g) in &found {
            let prev = found
                .get(&(key.0, key.1 - 1))
                .map(|p| &p.tokens[..])
                .or_else(|| before.get(&(key.0, key.1 - 1)).map(|t| &t[..]));
            let s = Sentence {
                article_id: key.0,
                idx: key.1,
                text: &g.row.text,
                tokens: &g.tokens,
                mentions: Vec::new(),
                prev,
                around: HashSet::new(),
                around_forms: Vec::new(),
                paragraph: 0.0,
                paragraph_pairs: 0.0,
                paragraph_local: 0.0,
                after_colon: colon_ended.contains(&(key.0, key.1 - 1)),
                quotes: Vec::new(),
            };
            let features = rank::features(&query, &s, &facts[&key.0], Depth::Words);
            // The article a question points at (a hint, the conversation) answers even in other
            // words, and so does the sentence after one that has the question's words (`It …`).
            if features.joint > 0.0
                || features.in_topic > 0.0
                || features.prev > 0.0
                || quoting.contains(&key)
            {
                shortlist.push((key, features.linear_score()));
                sentences.insert(key, s);
            }
        }
        tracing::debug!(
            ms = started.elapsed().as_secs_f64() * 1e3,
            "ask: ranked by words"
        );
        shortlist.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shortlist.truncate(SHORTLIST);
        let keys_of: Vec<(i64, i64)> = shortlist.iter().map(|s| s.0).collect();
        for key in &keys_of {
            if let (Some(f), Some(g)) = (facts.get_mut(&key.0), found.get(key)) {
                f.count_shortlisted(&query.terms, &g.tokens);
            }
        }
        let mut mentions: HashMap<(i64, i64), Vec<Mention>> = HashMap::new();
        for m in self.store.sentence_mentions(&keys_of).await? {
            let Some(g) = found.get(&(m.article_id, m.idx)) else {
                continue;
            };
            let (Ok(start), Ok(end)) = (
                usize::try_from(m.start - g.row.start),
                usize::try_from(m.end - g.row.start),
            ) else {
                continue;
            };
            let Some(kind) = EntityKind::parse(&m.kind) else {
                continue;
            };
            if end <= g.row.text.len()
                && g.row.text.is_char_boundary(start)
                && g.row.text.is_char_boundary(end)
            {
                mentions
                    .entry((m.article_id, m.idx))
                    .or_default()
                    .push(Mention {
                        start,
                        end,
                        kind,
                        entity: m.entity_id,
                    });
            }
        }
        let named: HashSet<i64> = query.names.iter().flat_map(|n| n.ids.clone()).collect();
        query.asked = mentions
            .values()
            .flatten()
            .filter(|m| m.kind == EntityKind::Person && named.contains(&m.entity))
            .map(|m| m.entity)
            .collect();
        query.asked.sort_unstable();
        query.asked.dedup();

        // The roles stored for a name asked about alone, in the shortlist's articles.
        if let Some(ids) = &described {
            let mut articles: Vec<i64> = keys_of.iter().map(|k| k.0).collect();
            articles.sort_unstable();
            articles.dedup();
            let mut roles: HashMap<i64, Vec<String>> = HashMap::new();
            for (article, list) in self.store.roles_in(&articles, ids).await? {
                roles
                    .entry(article)
                    .or_default()
                    .extend(serde_json::from_str::<Vec<String>>(&list).unwrap_or_default());
            }
            query.described = Some(describe::Described {
                ids: ids.clone(),
                roles,
            });
        }

        // Who said the quotes in the shortlist, when the question asks what someone said.
        let mut quotes_in: HashMap<(i64, i64), Vec<QuoteIn>> = HashMap::new();
        if asks_quote {
            let mut articles: Vec<i64> = keys_of.iter().map(|k| k.0).collect();
            articles.sort_unstable();
            articles.dedup();
            for span in self.store.quote_spans(&articles).await? {
                for key in keys_of.iter().filter(|k| k.0 == span.article_id) {
                    let Some(g) = found.get(key) else {
                        continue;
                    };
                    let text = &g.row.text;
                    // A quote running on past its first sentence ends with it there, and
                    // one begun in a sentence before starts with this one.
                    let (Ok(start), Ok(end)) = (
                        usize::try_from((span.start - g.row.start).max(0)),
                        usize::try_from(span.end - g.row.start),
                    ) else {
                        continue;
                    };
                    let end = end.min(text.len());
                    if start < end && text.is_char_boundary(start) && text.is_char_boundary(end) {
                        // Where the speaker is written, when it is in this sentence.
                        let speaker_at = span.speaker_at.and_then(|(from, to)| {
                            let from = usize::try_from(from - g.row.start).ok()?;
                            let to = usize::try_from(to - g.row.start).ok()?;
                            (from < to && to <= text.len()).then_some((from, to))
                        });
                        quotes_in.entry(*key).or_default().push(QuoteIn {
                            start,
                            end,
                            speaker: span.speaker,
                            speaker_at,
                        });
                    }
                }
            }
        }

        // The paragraph around each of the shortlist: two sentences either side.
        let mut near_keys: HashSet<(i64, i64)> = HashSet::new();
        for &(a, i) in &keys_of {
            for j in (i - 2).max(0)..=i + 2 {
                if j != i && !found.contains_key(&(a, j)) && !before.contains_key(&(a, j)) {
                    near_keys.insert((a, j));
                }
            }
        }
        let near_keys: Vec<(i64, i64)> = near_keys.into_iter().collect();
        let around_rows = self.tokens_at(&near_keys, &mut para_of, None).await?;
        tracing::debug!(
            ms = started.elapsed().as_secs_f64() * 1e3,
            "ask: mentions and neighbours read"
        );
        for (a, i) in &keys_of {
            let mut around = HashSet::new();
            let mut forms = Vec::new();
            for j in (i - 2).max(0)..=i + 2 {
                if j == *i {
                    continue;
                }
                let tokens = found
                    .get(&(*a, j))
                    .map(|g| &g.tokens)
                    .or_else(|| before.get(&(*a, j)))
                    .or_else(|| around_rows.get(&(*a, j)));
                for t in tokens.into_iter().flatten() {
                    around.insert(t.key.clone());
                    if !t.is_stopword() {
                        forms.push(t.norm.clone());
                    }
                }
            }
            if let Some(s) = sentences.get_mut(&(*a, *i)) {
                s.around = around;
                s.around_forms = forms;
            }
        }

        // The paragraph of each of the shortlist, up to PARAGRAPH_REACH sentences either side.
        // The two on either side are read already; the rows past them only where the paragraph
        // goes on (a news paragraph rarely does).
        for (key, g) in &found {
            para_of.insert(*key, g.row.para);
        }
        let mut ranges: Vec<(i64, i64, i64, i64)> = Vec::new();
        for &(a, i) in keys_of.iter().take(PARAGRAPH_BANDS) {
            let Some(&p) = para_of.get(&(a, i)) else {
                continue;
            };
            // The unread rows of a band, when the paragraph reaches it.
            let mut band = |from: i64, to: i64| {
                let unread: Vec<i64> = (from..=to)
                    .filter(|&j| !para_of.contains_key(&(a, j)))
                    .collect();
                if let (Some(&lo), Some(&hi)) = (unread.first(), unread.last()) {
                    ranges.push((a, p, lo, hi));
                }
            };
            if i >= 3 && para_of.get(&(a, i - 2)) == Some(&p) {
                band((i - PARAGRAPH_REACH).max(0), i - 3);
            }
            if para_of.get(&(a, i + 2)) == Some(&p) {
                band(i + 3, i + PARAGRAPH_REACH);
            }
        }
        let mut paragraph_tokens: HashMap<(i64, i64), Vec<words::Token>> = HashMap::new();
        for row in self.store.paragraph_sentences(&ranges).await? {
            let key = (row.article_id, row.idx);
            para_of.insert(key, row.para);
            if !before.contains_key(&key) && !around_rows.contains_key(&key) {
                paragraph_tokens
                    .entry(key)
                    .or_insert_with(|| words::tokens(&row.text));
            }
        }
        tracing::debug!(
            ms = started.elapsed().as_secs_f64() * 1e3,
            ranges = ranges.len(),
            "ask: paragraph rows read"
        );
        let mut paragraph_scores: Vec<((i64, i64), rank::ParagraphMatch)> =
            Vec::with_capacity(keys_of.len());
        for &(a, i) in &keys_of {
            let Some(&p) = para_of.get(&(a, i)) else {
                continue;
            };
            let sentences = (i - PARAGRAPH_REACH..=i + PARAGRAPH_REACH)
                .filter(|&j| para_of.get(&(a, j)) == Some(&p))
                .filter_map(|j| {
                    let key = (a, j);
                    found
                        .get(&key)
                        .map(|g| &g.tokens)
                        .or_else(|| before.get(&key))
                        .or_else(|| around_rows.get(&key))
                        .or_else(|| paragraph_tokens.get(&key))
                        .map(|t| &t[..])
                });
            paragraph_scores.push(((a, i), rank::paragraph_match(&query, sentences)));
        }
        let best = |v: fn(&rank::ParagraphMatch) -> f64| {
            paragraph_scores
                .iter()
                .map(|p| v(&p.1))
                .fold(0.0f64, f64::max)
        };
        let (best_bm25, best_local) = (best(|m| m.bm25), best(|m| m.local));
        let share = |v: f64, best: f64| if best > 0.0 { v / best } else { 0.0 };
        for (key, m) in paragraph_scores {
            if let Some(s) = sentences.get_mut(&key) {
                s.paragraph = share(m.bm25, best_bm25);
                s.paragraph_local = share(m.local, best_local);
                s.paragraph_pairs = m.pairs;
            }
        }

        tracing::debug!(
            ms = started.elapsed().as_secs_f64() * 1e3,
            paragraph_rows = paragraph_tokens.len(),
            "ask: paragraphs read"
        );
        let mut ranked: Vec<Ranked> = Vec::with_capacity(shortlist.len());
        for (key, _) in &shortlist {
            let Some(s) = sentences.get_mut(key) else {
                continue;
            };
            s.mentions = mentions.remove(key).unwrap_or_default();
            s.quotes = quotes_in.remove(key).unwrap_or_default();
            let features = rank::features(&query, s, &facts[&key.0], Depth::Full);
            ranked.push(Ranked {
                article_id: key.0,
                idx: key.1,
                sentence: s.text.to_string(),
                score: features.score(),
                features,
            });
        }
        tracing::debug!(
            ms = started.elapsed().as_secs_f64() * 1e3,
            "ask: ranked in full"
        );
        ranked.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.article_id.cmp(&a.article_id))
                .then(a.idx.cmp(&b.idx))
        });
        if ranked.is_empty() {
            return Ok((nothing(q.expects), ranked));
        }
        // The first sentence is the headline when it is the whole first line and the title,
        // and short or not ending as a sentence does (a long first sentence gets a shortened
        // title, but one ending in a closing quotation mark may not).
        headline_after_body(&mut ranked, |r| {
            let line = r.sentence.trim();
            let ends_sentence = line
                .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}'])
                .ends_with(['.', '!', '?']);
            r.idx == 0
                && (!ends_sentence || line.split_whitespace().count() <= HEADLINE_WORDS)
                && refs
                    .get(&r.article_id)
                    .and_then(|a| a.title.as_deref())
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case(line))
        });
        if let Some(article) = context_article {
            answer_from_article_first(&mut ranked, article, names_own);
        }
        // How well the question is matched, whichever sentence is cited first.
        let matched = ranked[0].features;
        let best_tokens = &found[&(ranked[0].article_id, ranked[0].idx)].tokens;
        if let Some(at) = rank::list_referred_to(&query, best_tokens, &ranked) {
            let list = ranked.remove(at);
            ranked.insert(0, list);
        }

        // A name asked about alone is answered by what a sentence calls it: the best of the
        // first few that calls it something is cited first.
        if query.described.is_some() {
            let floor = ranked[0].score * 0.5;
            let describing = ranked
                .iter()
                .take(DESCRIBED_REACH)
                .take_while(|r| r.score >= floor)
                .position(|r| {
                    sentences
                        .get(&(r.article_id, r.idx))
                        .is_some_and(|s| short_phrase(&query, s).is_some())
                });
            if let Some(at) = describing.filter(|&at| at > 0) {
                let first = ranked.remove(at);
                ranked.insert(0, first);
            }
        }

        // The sources: the best, at most two per article, no sentence twice.
        let best = ranked[0].score;
        let mut sources: Vec<Cited> = Vec::new();
        let mut per_article: HashMap<i64, usize> = HashMap::new();
        let mut seen_text: HashSet<String> = HashSet::new();
        let mut seen_words: HashMap<i64, Vec<(i64, HashSet<String>)>> = HashMap::new();
        let mut short = None;
        // Names that only say what the answer is bind no source to them.
        let bound = query.names.iter().any(|n| !n.describes_answer);
        for r in &ranked {
            if sources.len() >= self.config.ask.max_sentences || r.score < best * 0.5 {
                break;
            }
            if bound
                && !r
                    .features
                    .may_follow(&ranked[0].features, r.article_id == ranked[0].article_id)
            {
                continue;
            }
            let s = &sentences[&(r.article_id, r.idx)];
            let n = per_article.entry(r.article_id).or_default();
            if *n >= PER_ARTICLE || !seen_text.insert(fold(s.text)) {
                continue;
            }
            // The same sentence in a lightly edited copy (another article of the same text) is
            // still the same sentence.
            let words = super::story::content_words(s.text);
            let group = seen_words.entry(root(r.article_id)).or_default();
            let copies: Vec<&HashSet<String>> = group
                .iter()
                .filter(|(a, _)| *a != r.article_id)
                .map(|(_, w)| w)
                .collect();
            if copies
                .iter()
                .any(|w| super::story::overlap(&words, w) >= super::story::REPEAT)
            {
                continue;
            }
            group.push((r.article_id, words));
            let Some(article) = refs.get(&r.article_id) else {
                continue;
            };
            *n += 1;
            // The short answer, or else the question's words, stays in view when the
            // sentence is cut.
            let phrase = if sources.is_empty() {
                short_phrase(&query, s)
            } else {
                None
            };
            // Both when they fit: the answer and what made the sentence worth citing.
            let words = excerpt::densest(s.tokens, &query.keys, SENTENCE_CHARS / 2);
            let focus = match (phrase.as_ref().map(|p| p.start..p.end), words) {
                (Some(p), Some(w)) => {
                    let both = p.start.min(w.start)..p.end.max(w.end);
                    Some(if s.text[both.clone()].chars().count() <= SENTENCE_CHARS {
                        both
                    } else {
                        p
                    })
                }
                (p, w) => p.or(w),
            };
            let cited = excerpt::excerpt(s.text, SENTENCE_CHARS, focus);
            if let Some(p) = phrase {
                short = short_answer(s.text, p, &cited);
            }
            sources.push(Cited {
                sentence: cited.text,
                article: article.clone(),
            });
        }
        let evidence = if matched.joint + matched.title + matched.prev >= GOOD_COVER {
            Evidence::Good
        } else {
            Evidence::Weak
        };
        let articles = per_article
            .iter()
            .filter(|&(_, &n)| n > 0)
            .map(|(&a, _)| root(a))
            .collect::<HashSet<_>>()
            .len();
        let from = if articles == 1 {
            "from 1 stored article".to_string()
        } else {
            format!("from {articles} stored articles")
        };
        let lead_in = match (evidence, about.first()) {
            (Evidence::Weak, _) => "Closest I found:".to_string(),
            (_, Some(name)) => format!("About {name}, {from}:"),
            (_, None) => format!("{}{}:", from[..1].to_uppercase(), &from[1..]),
        };
        let answer = Answer {
            lead_in,
            answer: short,
            sources,
            kind: q.expects,
            evidence,
            about,
            rephrased: None,
        };
        Ok((answer, ranked))
    }

    /// `question` with its mistyped words (`priciple`) written as the English word each is
    /// nearest to: only a lower-case word that is no English word, nor an inflection of one, and
    /// that no stored sentence holds as written (a name or a term of art the store knows stays).
    async fn correct_spelling<'q>(&self, question: &'q str) -> Result<std::borrow::Cow<'q, str>> {
        let suspects: Vec<words::Token> = words::tokens(question)
            .into_iter()
            .filter(|t| {
                !t.capital
                    && t.number.is_none()
                    && !t.is_stopword()
                    && t.norm.len() >= 5
                    && question[t.start..t.end]
                        .bytes()
                        .all(|b| b.is_ascii_lowercase())
                    && lexicon::bases(&t.norm).is_empty()
            })
            .take(3)
            .collect();
        if suspects.is_empty() {
            return Ok(question.into());
        }
        let phrases: Vec<String> = suspects.iter().map(|t| format!("\"{}\"", t.norm)).collect();
        let (_, dfs) = self.store.term_counts(&phrases, 1).await?;
        let mut fixed = String::with_capacity(question.len());
        let mut from = 0;
        for (t, df) in suspects.iter().zip(dfs) {
            if df > 0 {
                continue;
            }
            if let Some(word) = lexicon::correction(&t.norm) {
                fixed.push_str(&question[from..t.start]);
                fixed.push_str(&word);
                from = t.end;
            }
        }
        if from == 0 {
            return Ok(question.into());
        }
        fixed.push_str(&question[from..]);
        tracing::debug!(question, corrected = %fixed, "ask: spelling corrected");
        Ok(fixed.into())
    }

    /// The words of the stored sentences at `keys`, by key; their paragraphs go in `para_of`.
    async fn tokens_at(
        &self,
        keys: &[(i64, i64)],
        para_of: &mut HashMap<(i64, i64), i64>,
        // Where to note the sentences ending in a colon, while ranking still needs them.
        mut colon_ended: Option<&mut HashSet<(i64, i64)>>,
    ) -> Result<HashMap<(i64, i64), Vec<words::Token>>> {
        Ok(self
            .store
            .sentences_at(keys)
            .await?
            .into_iter()
            .map(|r| {
                para_of.insert((r.article_id, r.idx), r.para);
                if let Some(set) = colon_ended.as_deref_mut()
                    && ends_with_colon(&r.text)
                {
                    set.insert((r.article_id, r.idx));
                }
                ((r.article_id, r.idx), words::tokens(&r.text))
            })
            .collect())
    }

    /// The names in the question (longest runs first, never overlapping): how ranking knows
    /// them, the word positions they cover, and their display names.
    async fn question_names(
        &self,
        scope: Scope,
        q: &Question,
    ) -> Result<(Vec<NameRef>, HashSet<usize>, Vec<String>)> {
        let grams = q.name_grams();
        let folded: Vec<String> = grams.iter().map(|g| g.2.clone()).collect();
        // A common word written in lower case is no name of a thing the analysis could not
        // type (`fall` is not the `Fall` of `Fall 2019`), nor of one written in capitals that
        // a page shouted (`A HUNTER who …`): people, organisations and places stay (`apple`,
        // `amazon`), and so do acronyms, which are no English words (`nasa`).
        // So is the question's first word, capitalised only because it opens the question
        // (`Humans in …`).
        let asked = q.asked_nouns();
        let mut known: HashMap<String, Vec<(i64, String)>> = HashMap::new();
        let mut describing: HashSet<String> = HashSet::new();
        for (fold, found) in self.store.entities_by_names(scope, &folded).await? {
            let lower_word = grams.iter().any(|(start, len, gram)| {
                *gram == fold
                    && *len == 1
                    && (!q.words[*start].capital || *start == 0)
                    && lexicon::is_word(gram)
            });
            // A nationality or the like in the noun phrase after `which` (`which famous
            // Indian`) says what the answer is, not whom the question is about.
            let in_asked_phrase = grams.iter().any(|(start, len, gram)| {
                *gram == fold
                    && q.words[*start..start + len]
                        .iter()
                        .all(|w| asked.contains(&w.key))
            });
            if in_asked_phrase
                && found
                    .iter()
                    .all(|(_, _, kind)| EntityKind::parse(kind) == Some(EntityKind::Other))
            {
                describing.insert(fold.clone());
            }
            let shouted =
                |name: &str| name.chars().count() >= 4 && !name.chars().any(char::is_lowercase);
            let kept: Vec<(i64, String)> = found
                .into_iter()
                .filter(|(_, name, kind)| {
                    let other = EntityKind::parse(kind) == Some(EntityKind::Other);
                    !(lower_word && (other || shouted(name)))
                })
                .map(|(id, name, _)| (id, name))
                .collect();
            if !kept.is_empty() {
                known.insert(fold, kept);
            }
        }
        // Chat drops the apostrophe (`epsteins death`): a word ending in one `s` may be the
        // possessive of a person's surname.
        let possessive = |gram: &str| {
            gram.strip_suffix('s')
                .filter(|base| !base.ends_with('s') && base.chars().count() >= 4)
                .map(str::to_string)
        };
        // `ines vidal` for `Ines Maria de Vidal`: a first and last name with the
        // middle left out names the one person whose name opens and ends with them (the
        // longest such phrase only: one index query).
        let last_name = |gram: &str| {
            gram.rsplit(' ')
                .next()
                .map(|w| {
                    w.trim_end_matches("'s")
                        .trim_end_matches("\u{2019}s")
                        .to_string()
                })
                .filter(|w| w.chars().count() >= 4 && !lexicon::is_word(w))
        };
        if let Some((_, _, gram)) = grams.iter().find(|(start, len, gram)| {
            *len >= 2
                && !known.contains_key(gram)
                && !q.words[*start..start + len].iter().any(|w| w.is_stopword())
                && last_name(gram).is_some()
        }) && let Some((first, last)) = gram.split_once(' ').map(|(f, _)| f).zip(last_name(gram))
        {
            let last = last.as_str();
            let ids = self.store.people_by_surname(scope, last).await?;
            let names: Vec<(i64, String)> = self
                .store
                .entity_names_of(&ids)
                .await?
                .into_iter()
                .filter(|(_, name)| fold(name).split(' ').next() == Some(first))
                .collect();
            if names.len() == 1 {
                known.insert(gram.clone(), names);
            }
        }
        // A surname alone names the people whose full name ends with it, when no name is exactly
        // that word (a few such words per question: one index query each).
        let mut tried = 0;
        // Possessives found through their surname, and that surname (to show the name).
        let mut read_as: HashMap<String, String> = HashMap::new();
        for (start, len, gram) in &grams {
            if *len != 1 || known.contains_key(gram) || gram.chars().count() < 4 || tried == 3 {
                continue;
            }
            if !may_be_surname(q, *start) {
                continue;
            }
            tried += 1;
            let mut ids = self.store.people_by_surname(scope, gram).await?;
            if ids.is_empty()
                && let Some(base) = possessive(gram)
            {
                ids = self.store.people_by_surname(scope, &base).await?;
                read_as.insert(gram.clone(), base);
            }
            if ids.is_empty() {
                continue;
            }
            // A word the store writes in one phrase with its neighbour in the question is that
            // phrase's word (`black friday`, `retire early`), not somebody's surname. Asked only
            // once somebody has the surname: a phrase query costs more than the name lookup.
            if let Some(phrase) = phrase_around(q, *start) {
                let (_, df) = self.store.term_counts(&[phrase], 1).await?;
                if df.first().is_some_and(|&d| d > 0) {
                    continue;
                }
            }
            let names = self.store.entity_names_of(&ids).await?;
            known.insert(gram.clone(), names);
        }
        // A capitalised word no stored name or sentence knows may be a name mistyped.
        let mut fuzzy = 0;
        for (start, len, gram) in &grams {
            let word = &q.words[*start];
            if *len != 1
                || known.contains_key(gram)
                || !word.capital
                || *start == 0
                || gram.chars().count() < 4
                || fuzzy == 2
            {
                continue;
            }
            let (_, df) = self.store.term_counts(&[format!("\"{gram}\"")], 1).await?;
            if df.first().is_some_and(|&d| d > 0) {
                continue;
            }
            fuzzy += 1;
            if let super::resolve::Resolution::One { id, .. } = self.resolve(scope, gram).await? {
                let names = self.store.entity_names_of(&[id]).await?;
                known.insert(gram.clone(), names);
            }
        }
        let mut covered = HashSet::new();
        let mut names = Vec::new();
        let mut display = Vec::new();
        for (start, len, gram) in grams {
            let span = start..start + len;
            if span.clone().any(|i| covered.contains(&i)) {
                continue;
            }
            let Some(found) = known.get(&gram) else {
                continue;
            };
            // Several answer to it: the one known by exactly these words, else the words as a name.
            let written = read_as.get(&gram).unwrap_or(&gram);
            let name = match found.as_slice() {
                [(_, name)] => name.clone(),
                _ => found
                    .iter()
                    .find(|(_, name)| fold(name) == *written)
                    .map_or_else(|| title_case(written), |(_, name)| name.clone()),
            };
            covered.extend(span.clone());
            let mut keys: Vec<String> = q.words[span]
                .iter()
                .filter(|t| !t.is_stopword())
                .map(|t| t.key.clone())
                .collect();
            keys.extend(
                words::tokens(&name)
                    .into_iter()
                    .filter(|t| !t.is_stopword())
                    .map(|t| t.key),
            );
            keys.sort();
            keys.dedup();
            names.push(NameRef {
                ids: found.iter().map(|f| f.0).collect(),
                keys,
                describes_answer: describing.contains(&gram),
            });
            display.push(name);
            if names.len() >= 4 {
                break;
            }
        }
        Ok((names, covered, display))
    }
}

/// Whether the question's one word at `start` may be looked up as a person's surname.
fn may_be_surname(q: &Question, start: usize) -> bool {
    use crate::analysis::entities::{is_known_given_name, is_known_surname};
    let word = &q.words[start];
    let gram = word.norm.as_str();
    // Written in lower case, an English word or its inflection is that word (`who wrote the
    // song` asks for no byline `Eric Song`) unless it is a known surname (`bush`).
    let lower = !word.capital;
    // The first word is capitalised whatever it is (`Humans in tropical …`).
    let english = !lexicon::bases(gram).is_empty() && !is_known_surname(gram);
    if gram.chars().any(|c| c.is_ascii_digit())
        || lower && q.words.iter().any(|w| w.capital)
        || (lower || start == 0) && english
    {
        return false;
    }
    // A given name before a surname or a capitalised word is the first half of a full name
    // the store does not hold (`carrie lam`), not the surname of `T.J. Carrie`.
    let next_is_name = q.words.get(start + 1).is_some_and(|n| {
        !n.is_stopword() && (n.capital && word.capital || is_known_surname(&n.norm))
    });
    !(is_known_given_name(gram) && !is_known_surname(gram) && next_is_name)
}

/// The phrase the word at `start` forms with its neighbour, as a quoted full-text term: the
/// next word, or for the question's last word the one before it, when that is a plain word
/// (not a stop word, a title such as `president` or a name).
fn phrase_around(q: &Question, start: usize) -> Option<String> {
    let plain = |t: &words::Token| {
        !t.is_stopword()
            && t.number.is_none()
            && !crate::analysis::entities::is_title_word(&t.norm)
            && !crate::analysis::entities::is_known_given_name(&t.norm)
    };
    let word = &q.words[start].norm;
    let pair = match q.words.get(start + 1) {
        Some(next) if plain(next) => format!("{word} {}", next.norm),
        Some(_) => return None,
        None => {
            let before = q.words.get(start.checked_sub(1)?)?;
            if !plain(before) {
                return None;
            }
            format!("{} {word}", before.norm)
        }
    };
    Some(format!("\"{pair}\""))
}

/// The articles of the gathered sentences, best first by the weight of the question's words
/// found across their sentences (each word once), then by how many sentences were gathered.
fn articles_by_terms(found: &HashMap<(i64, i64), Gathered>, terms: &[Term]) -> Vec<i64> {
    let mut seen: HashMap<i64, (HashSet<usize>, usize)> = HashMap::new();
    for ((article, _), g) in found {
        let entry = seen.entry(*article).or_default();
        entry.1 += 1;
        for (i, t) in terms.iter().enumerate() {
            if g.tokens.iter().any(|x| x.key == t.key) {
                entry.0.insert(i);
            }
        }
    }
    let mut scored: Vec<(f64, usize, i64)> = seen
        .into_iter()
        .map(|(id, (hit, n))| (hit.iter().map(|&i| terms[i].weight).sum(), n, id))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    scored.into_iter().map(|(_, _, id)| id).collect()
}

/// Whether a sentence ends in a colon: it introduces the one after it.
fn ends_with_colon(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// A question's word as an FTS5 query: the word, or any of its irregular forms.
fn fts_term(t: &words::Token) -> String {
    let others = words::other_forms(t);
    if others.is_empty() {
        return format!("\"{}\"", t.norm);
    }
    let all: Vec<String> = std::iter::once(&t.norm[..])
        .chain(others)
        .map(|f| format!("\"{f}\""))
        .collect();
    format!("({})", all.join(" OR "))
}

/// The question's words that were read as names, as FTS5 phrases.
fn q_name_phrases(q: &Question, covered: &HashSet<usize>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for (i, w) in q.words.iter().enumerate() {
        if covered.contains(&i) {
            run.push(&w.norm);
        } else if !run.is_empty() {
            out.push(format!("\"{}\"", run.join(" ")));
            run.clear();
        }
    }
    if !run.is_empty() {
        out.push(format!("\"{}\"", run.join(" ")));
    }
    out
}

/// A ranked candidate: where it is and why it ranks there.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    pub article_id: i64,
    pub idx: i64,
    pub sentence: String,
    pub score: f64,
    pub features: Features,
}

/// The short answer in the first source, with offsets into the cited text (which may be a
/// shortened copy of the sentence).
/// The phrase of the first cited sentence that answers the question, as bytes of the sentence.
fn short_phrase(q: &Query<'_>, s: &Sentence<'_>) -> Option<answer::Phrase> {
    let parts = Parts {
        text: s.text,
        tokens: s.tokens,
        mentions: &s.mentions,
        asked: &q.asked,
    };
    // What someone known said is their quote: not another's in the same sentence, nor words
    // the writer put in quotation marks (`berated for "disrespect"`).
    let known = q.names.iter().any(|n| !n.ids.is_empty());
    let p = if let Some(d) = &q.described {
        let p = describe::description(&parts, &d.ids, d.roles_in(s.article_id))?;
        // A name said back in full (`what is Deep Ocean Robotic Array`) describes nothing.
        let says_back = s
            .tokens
            .iter()
            .filter(|t| t.start >= p.start && t.end <= p.end && !t.is_stopword())
            .all(|t| q.question.words.iter().any(|w| w.key == t.key));
        if says_back {
            return None;
        }
        p
    } else if q.question.expects == AnswerType::Quote && known {
        match s.quote_by(&q.names) {
            Some(quote) => {
                let quote = answer::Phrase {
                    start: quote.start,
                    end: quote.end,
                };
                answer::reported_around(&parts, quote).unwrap_or(quote)
            }
            // Said in the writer's words: `the mayor said the pier would …`.
            None => answer::reported_by_asked(&parts)?,
        }
    } else {
        let p = answer::short_answer(q.question, &parts, &q.keys)?;
        // The title written before the person the question names says who they are, not
        // what they did (`what did she decide` about Eva-Marie Persson: not `Deputy Director
        // of Public Prosecution`).
        let deed = q.question.words.iter().take(3).any(|w| {
            matches!(
                w.norm.as_str(),
                "did" | "does" | "do" | "will" | "would" | "can" | "could"
            )
        });
        let titles_the_named = q.question.expects == AnswerType::Thing
            && deed
            && s.mentions.iter().any(|m| {
                m.kind == EntityKind::Person
                    && q.names.iter().any(|n| n.ids.contains(&m.entity))
                    && p.end <= m.start
                    && s.text[p.end..m.start].trim().is_empty()
            });
        if titles_the_named {
            return None;
        }
        p
    };
    // A quote ends with the comma before `he said`: the answer does not.
    let kept = s
        .text
        .get(p.start..p.end)?
        .trim_end_matches([',', ';', ':', ' '])
        .len();
    (kept > 0).then_some(answer::Phrase {
        start: p.start,
        end: p.start + kept,
    })
}

/// The short answer `phrase` of `sentence` where the source shows it.
fn short_answer(
    sentence: &str,
    phrase: answer::Phrase,
    cited: &excerpt::Excerpt,
) -> Option<ShortAnswer> {
    let text = sentence.get(phrase.start..phrase.end)?;
    let at = cited.map(phrase.start..phrase.end)?;
    (cited.text.get(at.clone()) == Some(text)).then(|| ShortAnswer {
        text: text.to_string(),
        source: 0,
        start: at.start,
        end: at.end,
    })
}

/// The date of a `YYYY-MM-DD…` text.
fn date_of(date: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()
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

fn nothing(kind: AnswerType) -> Answer {
    Answer {
        lead_in: "I found nothing in the stored articles that answers that.".into(),
        answer: None,
        sources: Vec::new(),
        kind,
        evidence: Evidence::None,
        about: Vec::new(),
        rephrased: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_is_cited_after_its_articles_best_body_sentence() {
        let r = |article_id, idx| Ranked {
            article_id,
            idx,
            sentence: String::new(),
            score: 0.0,
            features: Features::default(),
        };
        let order = |ranked: &[Ranked]| -> Vec<(i64, i64)> {
            ranked.iter().map(|r| (r.article_id, r.idx)).collect()
        };
        let headline = |r: &Ranked| r.idx == 0;
        let mut ranked = vec![r(1, 0), r(2, 3), r(1, 2), r(1, 1)];
        headline_after_body(&mut ranked, headline);
        assert_eq!(order(&ranked), [(2, 3), (1, 2), (1, 0), (1, 1)]);
        // Alone in the list, it stays.
        let mut ranked = vec![r(1, 0), r(2, 3)];
        headline_after_body(&mut ranked, headline);
        assert_eq!(order(&ranked), [(1, 0), (2, 3)]);
    }

    #[test]
    fn folded_words_shown_as_a_name() {
        assert_eq!(title_case("vladimir putin"), "Vladimir Putin");
        assert_eq!(title_case("smith"), "Smith");
    }

    #[test]
    fn dates_from_stored_text() {
        assert_eq!(
            date_of("2025-03-05T10:00:00Z"),
            chrono::NaiveDate::from_ymd_opt(2025, 3, 5)
        );
        assert_eq!(date_of("March"), None);
        assert_eq!(date_of("2025-3"), None);
    }

    fn parse(question: &str) -> Question {
        Question::parse(
            question,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
    }

    fn at(q: &Question, word: &str) -> usize {
        q.words.iter().position(|w| w.norm == word).unwrap()
    }

    #[test]
    fn a_given_name_before_a_surname_is_no_surname_alone() {
        let q = parse("what did carrie lam say");
        assert!(!may_be_surname(&q, at(&q, "carrie")));
        assert!(may_be_surname(&q, at(&q, "lam")));
        let q = parse("what did carrie say");
        assert!(may_be_surname(&q, at(&q, "carrie")));
        let q = parse("who is bush");
        assert!(may_be_surname(&q, at(&q, "bush")));
        let q = parse("who wrote the song");
        assert!(!may_be_surname(&q, at(&q, "song")));
        // The first word is capitalised whatever it is: an English word there is that word,
        // while a name or a known surname stays one.
        let q = parse("Humans in warm places were called what?");
        assert!(!may_be_surname(&q, at(&q, "humans")));
        let q = parse("Varga said what about the ferry?");
        assert!(may_be_surname(&q, at(&q, "varga")));
        let q = parse("Bush said what about the war?");
        assert!(may_be_surname(&q, at(&q, "bush")));
    }

    #[test]
    fn the_phrase_a_word_makes_with_its_neighbour() {
        let q = parse("what happened on black friday");
        assert_eq!(
            phrase_around(&q, at(&q, "black")).as_deref(),
            Some("\"black friday\"")
        );
        let q = parse("how much do you need to retire early");
        assert_eq!(
            phrase_around(&q, at(&q, "early")).as_deref(),
            Some("\"retire early\"")
        );
        // A title before a surname, a stop word or a number after it: no phrase to look up.
        let q = parse("what did president bush");
        assert_eq!(phrase_around(&q, at(&q, "bush")), None);
        let q = parse("who is crews");
        assert_eq!(phrase_around(&q, at(&q, "crews")), None);
        let q = parse("what did bush 2 do");
        assert_eq!(phrase_around(&q, at(&q, "bush")), None);
    }
}
