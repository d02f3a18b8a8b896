//! Ranking candidate sentences by features rather than by one score: how much of the question
//! they cover (words weighted by rarity, stems and number forms joined), whether the matched
//! words stand close and in the question's order, the names matched, whether the sentence holds
//! a phrase of the expected type that the question does not, what the sentence before and the
//! article around it add, and the article's time and topic. The weights are fitted (see
//! `scripts/fit_ask_weights.py`) and kept in [`WEIGHTS`].

use super::Ranked;
use super::answer::{self, Mention, Parts};
use super::describe::{self, Described};
use super::lexicon;
use super::question::{AnswerType, Question, Slot, measure_words};
use super::trees;
use super::words::{
    Token, is_pronoun, is_question_word, is_reason_word, is_saying_verb, is_stopword, related,
    spelled_out, stem,
};
use crate::analysis::EntityKind;
use fnv::{FnvHashMap, FnvHashSet};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A content word of the question and its weight (rarer is heavier).
#[derive(Debug, Clone)]
pub struct Term {
    pub key: String,
    /// The word as the question writes it (lower case), to find its other forms.
    pub norm: String,
    pub weight: f64,
}

/// A name the question uses: the entities answering to it and the keys of its words.
#[derive(Debug, Clone)]
pub struct NameRef {
    pub ids: Vec<i64>,
    pub keys: Vec<String>,
    /// It stands in the noun phrase the question asks for (`which famous [Indian]`): it
    /// describes the answer rather than naming whom the question is about.
    pub describes_answer: bool,
}

/// What ranking knows of the question.
#[derive(Debug)]
pub struct Query<'q> {
    pub question: &'q Question,
    pub terms: Vec<Term>,
    pub names: Vec<NameRef>,
    /// Keys of every content word of the question, names included (a phrase made only of
    /// these repeats the question).
    pub keys: HashSet<String>,
    /// The question's content words by key, with their position among them.
    pub wanted: HashMap<String, usize>,
    /// Each term's weight by its rarity among the candidates rather than the store: once the
    /// right articles are found, the words they all share no longer tell sentences apart.
    pub local: Vec<f64>,
    /// The question's adjacent word pairs, small words included, without its question words:
    /// who writes a question from a sentence keeps some of its wording (`the power to`).
    pub bigrams: HashSet<(&'q str, &'q str)>,
    /// The keys of the terms' synonyms, each with the terms (by index) it stands for.
    pub synonyms: HashMap<String, Vec<usize>>,
    /// Keys of the words a sentence measures in (`diameter`), each with the key of the degree
    /// word of the `how big` question it answers, which they count as.
    pub measures: HashMap<String, String>,
    /// Short words of the question, by key, that may be acronyms: a sentence may spell out
    /// what the question abbreviates (`Northern Harbour Trade Union` for `nhtu`).
    pub acronyms: Vec<String>,
    /// The name a *who is* / *what is* question asks about alone, once its roles are read.
    pub described: Option<Described>,
    /// The people the question names, as the candidates mention them (a count said of another
    /// person is no answer).
    pub asked: Vec<i64>,
    /// Where the answer stands against the question's verb.
    pub slot: Option<Slot>,
    /// Keys of the noun phrase the question asks for ([`Question::asked_nouns`]): they describe
    /// the answer, not what the question is about.
    pub asked_nouns: Vec<String>,
}

impl<'q> Query<'q> {
    pub fn new(question: &'q Question, terms: Vec<Term>, names: Vec<NameRef>) -> Query<'q> {
        let content = question.content();
        let mut keys: HashSet<String> = content.iter().map(|t| t.key.clone()).collect();
        keys.extend(names.iter().flat_map(|n| n.keys.iter().cloned()));
        let wanted = content
            .iter()
            .enumerate()
            .map(|(i, t)| (t.key.clone(), i))
            .collect();
        let local = terms.iter().map(|t| t.weight).collect();
        let kept: Vec<&str> = question
            .words
            .iter()
            .filter(|t| !is_question_word(&t.norm))
            .map(|t| t.key.as_str())
            .collect();
        let bigrams = kept.windows(2).map(|w| (w[0], w[1])).collect();
        let mut synonyms: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in terms.iter().enumerate() {
            if t.norm.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            for base in lexicon::bases(&t.norm) {
                for word in lexicon::synonyms(base) {
                    if word.len() < 3 || is_stopword(word) {
                        continue;
                    }
                    let key = stem(word);
                    if key != t.key {
                        let of = synonyms.entry(key).or_default();
                        if !of.contains(&i) {
                            of.push(i);
                        }
                    }
                }
            }
        }
        // `how big`: the sentence that answers measures (`a diameter of …`) more often than it
        // repeats the degree word.
        let mut measures = HashMap::new();
        for pair in question.words.windows(2) {
            if pair[0].norm == "how" && terms.iter().any(|t| t.key == pair[1].key) {
                for word in measure_words(&pair[1].norm) {
                    measures.insert(stem(word), pair[1].key.clone());
                }
            }
        }
        // Any short word may be one: WordNet knows `nafta` and `nato` as words.
        let reads_as_acronym =
            |w: &str| (3..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase());
        // Terms, and names of one word (`Nafta`, when the store knows it as a name).
        let acronyms = terms
            .iter()
            .filter(|t| reads_as_acronym(&t.norm))
            .map(|t| t.key.clone())
            .chain(names.iter().filter_map(|n| match n.keys.as_slice() {
                [key] if reads_as_acronym(key) => Some(key.clone()),
                _ => None,
            }))
            .collect();
        Query {
            acronyms,
            question,
            terms,
            names,
            keys,
            wanted,
            local,
            bigrams,
            synonyms,
            measures,
            described: None,
            asked: Vec::new(),
            slot: question.slot(),
            asked_nouns: question.asked_nouns(),
        }
    }
}

/// A candidate sentence with what ranking needs; its words are borrowed from where they were
/// gathered (hundreds of candidates per question: copying them showed in the latency).
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    pub article_id: i64,
    pub idx: i64,
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub mentions: Vec<Mention>,
    /// The sentence before it in its article, when loaded.
    pub prev: Option<&'a [Token]>,
    /// The sentence before ends in a colon (`Here is what the reviews say:`): it introduces
    /// this one, which reads on from it as from a pronoun.
    pub after_colon: bool,
    /// Keys of the words of the sentences around it (two before, two after), once the
    /// shortlist is known: a question often borrows words from the sentence's paragraph.
    pub around: HashSet<String>,
    /// The content words of those sentences as written, for [`related`] forms.
    pub around_forms: Vec<String>,
    /// How well its paragraph matches the question, next to the best candidate's (see
    /// [`paragraph_match`]): 0 until the shortlist is known.
    pub paragraph: f64,
    /// Share of [`Query::bigrams`] found side by side in its paragraph.
    pub paragraph_pairs: f64,
    /// [`paragraph_match`] with [`Query::local`] weights, next to the best candidate's.
    pub paragraph_local: f64,
    /// The stored quotes inside it, when the question asks what someone said.
    pub quotes: Vec<QuoteIn>,
}

/// A stored quote inside a candidate sentence: byte offsets into its text, and who said it
/// when that is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteIn {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<i64>,
    /// Where the speaker is written in the sentence (byte offsets), when it is.
    pub speaker_at: Option<(usize, usize)>,
}

impl QuoteIn {
    /// Whether the quote is by one of `names`: said by that entity, or by someone written as
    /// speaking for it (`UN Secretary General Antonio Guterres`, `a Kremlin spokesman`): a
    /// mention of it inside the speaker's words or right before them, a title apart.
    fn by(&self, names: &[NameRef], text: &str, mentions: &[Mention]) -> bool {
        let asked = |id: i64| names.iter().any(|n| n.ids.contains(&id));
        if self.speaker.is_some_and(asked) {
            return true;
        }
        let Some((from, to)) = self.speaker_at else {
            return false;
        };
        mentions.iter().any(|m| {
            asked(m.entity)
                && m.end <= to
                && (m.start >= from
                    || text.get(m.end..from).is_some_and(|between| {
                        between.split_whitespace().count() <= 3
                            && !between.contains([',', ';', '(', ')', '"'])
                    }))
        })
    }
}

impl Sentence<'_> {
    /// Whether a stored quote in it is by one of `names` (`None`: it holds no stored quote).
    pub fn quotes_by(&self, names: &[NameRef]) -> Option<bool> {
        (!self.quotes.is_empty()).then(|| self.quote_by(names).is_some())
    }

    /// The first stored quote in it by one of `names`.
    pub fn quote_by(&self, names: &[NameRef]) -> Option<&QuoteIn> {
        self.quotes
            .iter()
            .find(|quote| quote.by(names, self.text, &self.mentions))
    }
}

/// What ranking knows of a candidate's article.
#[derive(Debug, Clone, Default)]
pub struct ArticleFacts {
    /// Keys of its title's words.
    pub title: HashSet<String>,
    /// Keys of the question's words found in its loaded sentences, with how often each occurs.
    pub words: HashMap<String, u32>,
    /// 1 for the newest candidate article, halving every 90 days before.
    pub recency: f64,
    /// Published within the question's time range (1 when the question has none).
    pub in_time: bool,
    /// Matches the question's topic hint or the conversation's article.
    pub in_topic: bool,
    /// The entities of the question's names that the article mentions anywhere.
    pub named: FnvHashSet<i64>,
    /// How many of its shortlisted sentences hold each term (by index into [`Query::terms`]),
    /// and how many it has: within one article, its subject's words are in every sentence
    /// and tell none apart, while a word only one sentence has points at that one.
    pub term_df: Vec<u32>,
    pub shortlisted: u32,
}

impl ArticleFacts {
    /// Counts `tokens` (one shortlisted sentence of the article) into [`ArticleFacts::term_df`].
    pub fn count_shortlisted(&mut self, terms: &[Term], tokens: &[Token]) {
        self.term_df.resize(terms.len(), 0);
        for (df, t) in self.term_df.iter_mut().zip(terms) {
            if tokens.iter().any(|x| x.key == t.key) {
                *df += 1;
            }
        }
        self.shortlisted += 1;
    }

    /// Each term's weight by its rarity among the article's shortlisted sentences.
    fn in_article_weights(&self, terms: &[Term]) -> Vec<f64> {
        let n = f64::from(self.shortlisted.max(1));
        (0..terms.len())
            .map(|i| {
                let df = self.term_df.get(i).copied().unwrap_or(0).max(1);
                (1.0 + n / f64::from(df)).ln()
            })
            .collect()
    }
}

/// The features of one candidate, each in 0..=1.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Features {
    /// Share of the question's term weight found in the sentence.
    pub cover: f64,
    /// [`Features::cover`] with the names counted as heavy words.
    pub joint: f64,
    /// Share found only in the sentence before (its subject, when this one says `It`).
    pub prev: f64,
    /// Share found in the article's loaded sentences.
    pub doc: f64,
    /// Share found in the article's title.
    pub title: f64,
    /// Share of the question's names mentioned.
    pub names: f64,
    /// Share of the question's names its article mentions anywhere: in news, a sentence from
    /// an article that never names what the question is about answers something else.
    pub article_names: f64,
    /// Share of the question's adjacent word pairs found close and in order.
    pub pairs: f64,
    /// How tightly the matched words sit together: how many there are over the shortest run
    /// holding each of them.
    pub proximity: f64,
    /// Holds a date or number of the expected kind that the question does not hold, or a quote
    /// by whom it asks about.
    pub typed: f64,
    /// Has the mark of a reason (`because`), a quote (quotation marks, `said`), a name given
    /// (`is called`, `known as`) or a definition (`… disorder is …` for `what is cannabis use
    /// disorder`) when asked for.
    pub cue: f64,
    /// Holds a name of the expected kind (person, organisation, place) that the question does not.
    pub typed_name: f64,
    /// The question's noun stands right beside the typed phrase.
    pub focus: f64,
    /// The typed phrase is a list and the question asks for several.
    pub list: f64,
    /// Has words the question does not (a sentence that only repeats it answers nothing).
    pub novel: f64,
    pub recency: f64,
    pub in_time: f64,
    pub in_topic: f64,
    /// Shorter is higher.
    pub length: f64,
    /// [`Features::cover`] counting repeats and the sentence's length (BM25).
    pub bm25: f64,
    /// [`Features::doc`] counting repeats.
    pub doc_tf: f64,
    /// How close the typed phrase sits to the question's words.
    pub near: f64,
    /// Share found in the sentence or the two on either side of it.
    pub window: f64,
    /// [`Features::cover`] with the terms weighted by [`Query::local`].
    pub local: f64,
    /// [`Features::cover`] counting a word found in another form (`violent` for `violence`).
    pub soft: f64,
    /// [`Features::window`] counting other forms too.
    pub soft_window: f64,
    /// Share of [`Query::bigrams`] found side by side in the sentence.
    pub bigrams: f64,
    /// Share of the question's term weight not in the sentence as written but as a synonym
    /// (`devote` for `dedicated`).
    pub synonyms: f64,
    /// The question's words in the sentence's paragraph (BM25), as a share of the best
    /// candidate paragraph's: a question is written from a passage and borrows its words from
    /// all of it, while the answer stands in one sentence.
    pub paragraph: f64,
    /// Share of [`Query::bigrams`] found side by side in the paragraph.
    pub paragraph_pairs: f64,
    /// [`Features::paragraph`] with the terms weighted by [`Query::local`], synonyms counted.
    pub paragraph_local: f64,
    /// Share of the question's names in the sentence before, when this one opens with a
    /// pronoun (`It meets each six months` after a sentence on the European Council). Not
    /// weighed: it only lets the sentence follow the best (see [`Features::may_follow`]).
    #[serde(skip_serializing_if = "is_zero")]
    pub names_before: f64,
    /// [`Features::cover`] with the terms weighted by their rarity among the article's
    /// shortlisted sentences ([`ArticleFacts::term_df`]).
    pub in_article: f64,
    /// The rarest (within its article) of the question's words the sentence holds, next to
    /// the rarest of them all: a question names what sets its sentence apart.
    pub rarest: f64,
    /// The name of the expected kind is one the analysis found (`CEO [Tim Cook]` for `who is the
    /// CEO`), not a run of capitals standing in for one (`[Salesforce's CEO]`).
    pub typed_mention: f64,
    /// The question's verb with words the question does not have where its answer stands
    /// ([`Query::slot`]): after it for an object asked, before it for a doer.
    pub slot: f64,
    /// Share of the question's term weight among the sentence's first words, past a leading
    /// clause ([`opening_keys`]): the sentence is about what the question asks about. The
    /// phrase asked for (`which famous [Indian]`) does not count: it describes the answer.
    pub opening: f64,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// Fitted weights, in the order of [`Features::values`]: the mean of the fits on either half of
/// the dev documents (`fit_ask_weights.py --both --hold doc,title,doc_tf,article_names`; the
/// held article-level weights matter more to chat questions about news than to this set).
/// `slot` was fitted alone with every other weight held (the mean of the halves' fits, 0.29 and
/// 0.39). `opening`, added last, fitted alone gave 1.08 and 0.92; dev top1 is flat from 0.5 to
/// 0.8 (79.1–79.2) while the first three lose a question or two from 0.4 up, so it weighs 0.5.
pub const WEIGHTS: [f64; 36] = [
    0.81, // cover
    0.07, // joint
    2.52, // prev
    1.51, // doc
    2.07, // title
    0.02, // names
    0.33, // pairs
    0.04, // proximity
    2.25, // typed
    0.42, // novel
    0.10, // recency
    1.00, // in_time
    2.00, // in_topic
    0.93, // length
    0.92, // bm25
    2.04, // doc_tf
    0.88, // near
    0.36, // typed_name
    1.03, // focus
    0.56, // list
    0.14, // window
    0.45, // cue
    0.36, // local
    2.45, // soft
    1.53, // soft_window
    2.11, // bigrams
    1.76, // synonyms
    1.98, // paragraph
    2.17, // paragraph_pairs
    1.20, // in_article
    1.68, // rarest
    0.90, // typed_mention
    2.00, // article_names
    2.37, // paragraph_local
    0.34, // slot
    0.50, // opening
];

/// The fewest tokens a run holding each of `distinct` question words spans, over `hits`
/// (position, which word) in text order: a word written twice (`use … use`) does not spread
/// the phrase that holds them all together.
fn shortest_window(hits: &[(usize, usize)], distinct: usize) -> usize {
    let mut counts: FnvHashMap<usize, usize> = FnvHashMap::default();
    let (mut from, mut best) = (0, usize::MAX);
    for &(pos, word) in hits {
        *counts.entry(word).or_default() += 1;
        while counts.len() == distinct {
            let (first, dropped) = hits[from];
            best = best.min(pos - first + 1);
            let left = counts.get_mut(&dropped).map_or(0, |c| {
                *c -= 1;
                *c
            });
            if left == 0 {
                counts.remove(&dropped);
            }
            from += 1;
        }
    }
    best
}

/// A verb of naming: `called`, `known as`, `referred to as`, `coined the term`.
fn names_something(tokens: &[Token]) -> bool {
    tokens
        .iter()
        .enumerate()
        .any(|(k, t)| match t.norm.as_str() {
            "called" | "termed" | "dubbed" | "nicknamed" | "coined" | "titled" => true,
            // `known as`, `referred to as`, `referred to it as`.
            "known" | "referred" => tokens[k + 1..].iter().take(3).any(|n| n.norm == "as"),
            _ => false,
        })
}

impl Features {
    /// Whether a candidate may be cited after `best`: when the best names whom the question
    /// asks about, the others must name at least half as many of them (`Zelensky` alone after
    /// a sentence naming him and Putin, not a sentence naming neither), unless they hold a
    /// phrase of the kind asked for beside the question's noun (a list of the regions asked
    /// about need not repeat who wants them) or stand in the same article or one that names
    /// them elsewhere (an article goes on about its subject as `he`, `the company`).
    pub fn may_follow(&self, best: &Features, same_article: bool) -> bool {
        let typed = self.typed + self.typed_name + self.list > 0.0;
        same_article
            || self.names.max(self.names_before).max(self.article_names) >= best.names / 2.0
            || (typed && self.focus > 0.0)
    }

    pub fn values(&self) -> [f64; 36] {
        [
            self.cover,
            self.joint,
            self.prev,
            self.doc,
            self.title,
            self.names,
            self.pairs,
            self.proximity,
            self.typed,
            self.novel,
            self.recency,
            self.in_time,
            self.in_topic,
            self.length,
            self.bm25,
            self.doc_tf,
            self.near,
            self.typed_name,
            self.focus,
            self.list,
            self.window,
            self.cue,
            self.local,
            self.soft,
            self.soft_window,
            self.bigrams,
            self.synonyms,
            self.paragraph,
            self.paragraph_pairs,
            self.in_article,
            self.rarest,
            self.typed_mention,
            self.article_names,
            self.paragraph_local,
            self.slot,
            self.opening,
        ]
    }

    /// The weighted sum of [`Features::values`]: enough to choose the sentences worth a full
    /// look, whose word features are all it has.
    pub fn linear_score(&self) -> f64 {
        weighted(&self.values())
    }

    /// [`Features::linear_score`] with what the fitted trees add (see [`super::trees`]), for
    /// features of [`Depth::Full`], on which they were fitted.
    pub fn score(&self) -> f64 {
        let values = self.values();
        weighted(&values) + trees::correction(&values)
    }
}

fn weighted(values: &[f64]) -> f64 {
    values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum()
}

/// How deep [`features`] looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Word features only: cheap, to pick the candidates worth a full look.
    Words,
    /// Also the phrases of the expected type (needs the sentence's mentions).
    Full,
}

/// The sentence's words written as acronyms (`UNHCR`), borrowed from its text (this runs for
/// every candidate: no copies).
fn acronyms<'a>(s: &Sentence<'a>) -> Vec<&'a str> {
    s.tokens
        .iter()
        .filter_map(|t| s.text.get(t.start..t.end))
        .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_uppercase()))
        .collect()
}

/// Whether a name of one short word (`UN`, `EU`) opens one of `acronyms` two or more letters
/// longer: the acronyms of an organisation's bodies grow from its own (`UNICEF`, `UNFCCC`).
fn opens_an_acronym(n: &NameRef, acronyms: &[&str]) -> bool {
    match n.keys.as_slice() {
        [key] if (2..=3).contains(&key.len()) => acronyms.iter().any(|a| {
            a.len() >= key.len() + 2
                && a.as_bytes()[..key.len()].eq_ignore_ascii_case(key.as_bytes())
        }),
        _ => false,
    }
}

/// The features of `s`.
pub fn features(q: &Query<'_>, s: &Sentence<'_>, article: &ArticleFacts, depth: Depth) -> Features {
    let mut keys: FnvHashSet<&str> = s.tokens.iter().map(|t| t.key.as_str()).collect();
    for t in s.tokens {
        if let Some(degree) = q.measures.get(&t.key) {
            keys.insert(degree);
        }
    }
    if !q.acronyms.is_empty() {
        // Every candidate passes here: each run's initials are stemmed once.
        for initials in spelled_out(s.tokens) {
            let spelled = stem(&initials);
            if let Some(key) = q.acronyms.iter().find(|k| **k == spelled) {
                keys.insert(key);
            }
        }
    }
    // Quoting someone asked about counts as writing their name (`"…," he said`).
    for n in q
        .names
        .iter()
        .filter(|n| s.quote_by(std::slice::from_ref(n)).is_some())
    {
        keys.extend(n.keys.iter().map(String::as_str));
    }
    let prev: FnvHashSet<&str> = s
        .prev
        .into_iter()
        .flatten()
        .map(|t| t.key.as_str())
        .collect();
    // Whose words it quotes counts as naming them (`"…," he said` after a sentence on Peskov).
    let mentioned: FnvHashSet<i64> = s
        .mentions
        .iter()
        .map(|m| m.entity)
        .chain(s.quotes.iter().filter_map(|quote| quote.speaker))
        .collect();
    let opens_with_pronoun = s.after_colon
        || s.tokens.first().is_some_and(|t| {
            is_pronoun(&t.norm) || matches!(t.norm.as_str(), "this" | "these" | "the")
        });
    let acronyms = acronyms(s);
    // How much of each name the sentence has: the entity mentioned, or all of its words; half
    // for some of its words, or for a longer acronym it opens (`UN` in `UNHCR`).
    let name_hit = |n: &NameRef, keys: &FnvHashSet<&str>| -> f64 {
        let all_words = !n.keys.is_empty() && n.keys.iter().all(|k| keys.contains(k.as_str()));
        if n.ids.iter().any(|id| mentioned.contains(id)) || all_words {
            1.0
        } else if n.keys.iter().any(|k| keys.contains(k.as_str())) || opens_an_acronym(n, &acronyms)
        {
            0.5
        } else {
            0.0
        }
    };
    // A name weighs a little more than the rarest word: a sentence with only the word and not
    // the person asked about is not an answer.
    let name_weight = q.terms.iter().map(|t| t.weight * 1.01).fold(3.0, f64::max);
    let term_total: f64 = q.terms.iter().map(|t| t.weight).sum();
    let joint_total = term_total + name_weight * q.names.len() as f64;
    let share_of = |found: &dyn Fn(&Term) -> bool| -> f64 {
        if term_total <= 0.0 {
            return 0.0;
        }
        q.terms
            .iter()
            .filter(|t| found(t))
            .map(|t| t.weight)
            .sum::<f64>()
            / term_total
    };
    let share = |found: &dyn Fn(&str) -> bool| share_of(&|t| found(&t.key));
    let cover = share(&|k| keys.contains(k));
    // A share of the terms with the names asked about counted heavily.
    let with_names = |terms: f64| -> f64 {
        if joint_total <= 0.0 {
            return 0.0;
        }
        (terms * term_total + name_weight * q.names.iter().map(|n| name_hit(n, &keys)).sum::<f64>())
            / joint_total
    };
    // Words the question writes in another form than the sentence (or its neighbours) does.
    let forms: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| !t.is_stopword())
        .map(|t| t.norm.as_str())
        .collect();
    let in_sentence =
        |t: &Term| keys.contains(t.key.as_str()) || forms.iter().any(|f| related(&t.norm, f));
    // Other forms are looked for in the shortlist only (hundreds of candidates per question
    // reach the words pass); there the exact words stand in for them.
    let (soft, soft_window) = if depth == Depth::Full {
        (
            share_of(&in_sentence),
            share_of(&|t| {
                in_sentence(t)
                    || s.around.contains(&t.key)
                    || s.around_forms.iter().any(|f| related(&t.norm, f))
            }),
        )
    } else {
        (cover, share(&|k| keys.contains(k) || s.around.contains(k)))
    };
    let joint = with_names(cover);
    let mut by_synonym = vec![false; q.terms.len()];
    for t in s.tokens {
        for &i in q.synonyms.get(&t.key).into_iter().flatten() {
            by_synonym[i] = true;
        }
    }
    let synonyms = if term_total > 0.0 {
        q.terms
            .iter()
            .zip(&by_synonym)
            .filter(|&(t, &hit)| hit && !keys.contains(t.key.as_str()))
            .map(|(t, _)| t.weight)
            .sum::<f64>()
            / term_total
    } else {
        0.0
    };
    // The sentence before counts fully when this one opens with a pronoun, a little otherwise.
    let prev_share = share(&|k| !keys.contains(k) && prev.contains(k));
    let prev_share = if opens_with_pronoun {
        prev_share
    } else {
        prev_share * 0.3
    };
    let doc = share(&|k| keys.contains(k) || article.words.contains_key(k));
    let window = share(&|k| keys.contains(k) || s.around.contains(k));
    let local_total: f64 = q.local.iter().sum();
    let local = if local_total > 0.0 {
        q.terms
            .iter()
            .zip(&q.local)
            .filter(|(t, _)| keys.contains(t.key.as_str()))
            .map(|(_, w)| w)
            .sum::<f64>()
            / local_total
    } else {
        0.0
    };
    // Term frequency, saturating (BM25's k1 = 1.2), in the sentence and in the article.
    let tf_share = |count: &dyn Fn(&str) -> f64, norm: f64| -> f64 {
        if term_total <= 0.0 {
            return 0.0;
        }
        q.terms
            .iter()
            .map(|t| {
                let tf = count(&t.key);
                t.weight * tf * 2.2 / (tf + 1.2 * norm)
            })
            .sum::<f64>()
            / (term_total * 2.2)
    };
    let mut counts: FnvHashMap<&str, f64> = FnvHashMap::default();
    for t in s.tokens {
        *counts.entry(t.key.as_str()).or_default() += 1.0;
    }
    let n = s.tokens.len() as f64;
    let bm25 = tf_share(
        &|k| counts.get(k).copied().unwrap_or(0.0),
        0.25 + 0.75 * n / 25.0,
    );
    let doc_tf = tf_share(
        &|k| f64::from(article.words.get(k).copied().unwrap_or(0)),
        1.0,
    );
    let title = share(&|k| !keys.contains(k) && article.title.contains(k));
    let names = if q.names.is_empty() {
        0.0
    } else {
        q.names.iter().map(|n| name_hit(n, &keys)).sum::<f64>() / q.names.len() as f64
    };
    // Its entity mentioned, or (the analysis misses some mentions, and finds no entity for
    // some names) the article's loaded sentences having all of the name's words.
    let article_names = if q.names.is_empty() {
        0.0
    } else {
        let named = |n: &NameRef| {
            n.ids.iter().any(|id| article.named.contains(id))
                || (!n.keys.is_empty() && n.keys.iter().all(|k| article.words.contains_key(k)))
        };
        q.names.iter().filter(|n| named(n)).count() as f64 / q.names.len() as f64
    };
    let names_before = if q.names.is_empty() || !opens_with_pronoun {
        0.0
    } else {
        let all_words =
            |n: &NameRef| !n.keys.is_empty() && n.keys.iter().all(|k| prev.contains(k.as_str()));
        q.names.iter().filter(|n| all_words(n)).count() as f64 / q.names.len() as f64
    };

    // Positions of matched question words in the sentence.
    let wanted = &q.wanted;
    let hits: Vec<(usize, usize)> = s
        .tokens
        .iter()
        .enumerate()
        .filter_map(|(pos, t)| wanted.get(&t.key).map(|&qi| (pos, qi)))
        .collect();
    let pairs = {
        let n = wanted.len();
        if n < 2 {
            0.0
        } else {
            let mut found = 0;
            for qi in 0..n - 1 {
                let close = hits.iter().any(|&(p, a)| {
                    a == qi
                        && hits
                            .iter()
                            .any(|&(p2, b)| b == qi + 1 && p2 > p && p2 - p <= 3)
                });
                found += usize::from(close);
            }
            found as f64 / (n - 1) as f64
        }
    };
    let proximity = {
        let distinct = hits.iter().map(|h| h.1).collect::<HashSet<usize>>().len();
        if distinct < 2 {
            0.0
        } else {
            (distinct as f64 / shortest_window(&hits, distinct) as f64).min(1.0)
        }
    };

    let parts = Parts {
        text: s.text,
        tokens: s.tokens,
        mentions: &s.mentions,
        asked: &q.asked,
    };
    let expects = q.question.expects;
    let full = depth == Depth::Full;
    let best = if full && expects.has_phrase() {
        answer::best_phrase(q.question, &parts, &q.keys, answer::Nearness::AnyWord)
    } else {
        None
    };
    let mut typed_name = false;
    let cue = match expects {
        _ if !full => false,
        AnswerType::Reason => s.tokens.iter().any(|t| is_reason_word(&t.norm)),
        AnswerType::Thing | AnswerType::Definition if q.question.asks_name_given() => {
            names_something(s.tokens)
        }
        AnswerType::Definition => q
            .question
            .defined_head()
            .is_some_and(|head| answer::definition_start(s.tokens, head).is_some()),
        // Words quoted from someone else than who is asked about are no answer.
        AnswerType::Quote => match s.quotes_by(&q.names) {
            Some(by_asked) if !q.names.is_empty() => by_asked,
            _ => {
                s.text.contains(['"', '\u{201C}', '\u{201D}'])
                    || s.tokens.iter().any(|t| is_saying_verb(&t.norm))
            }
        },
        _ => false,
    };
    let (typed, near) = match expects {
        _ if !full => (false, 0.0),
        // A quote by whom the question asks about is the phrase asked for, attributed to them;
        // next to the question's words when it asks for nothing else (`What did Ek say?`).
        AnswerType::Quote if s.quote_by(&q.names).is_some() => {
            let name_keys: HashSet<&str> = q
                .names
                .iter()
                .flat_map(|n| n.keys.iter().map(String::as_str))
                .collect();
            let topic = q
                .terms
                .iter()
                .any(|t| !name_keys.contains(t.key.as_str()) && !is_saying_verb(&t.norm));
            (true, if topic { 0.0 } else { 1.0 })
        }
        // What the articles call the name asked about is the phrase asked for.
        AnswerType::Definition if q.described.is_some() => {
            let typed = q.described.as_ref().is_some_and(|d| {
                describe::description(&parts, &d.ids, d.roles_in(s.article_id)).is_some()
            });
            (typed, f64::from(u8::from(typed)))
        }
        AnswerType::Reason
        | AnswerType::Quote
        | AnswerType::Manner
        | AnswerType::YesNo
        | AnswerType::Topic
        | AnswerType::Thing
        | AnswerType::Definition => (false, 0.0),
        AnswerType::Date | AnswerType::Number(_) => match best {
            Some((_, distance)) => (true, 1.0 / (1.0 + distance)),
            None => (false, 0.0),
        },
        AnswerType::Person | AnswerType::Organization | AnswerType::Place => match best {
            Some((_, distance)) => {
                typed_name = true;
                (false, 1.0 / (1.0 + distance))
            }
            None => (false, 0.0),
        },
    };
    // The question's noun beside a phrase of the expected type (`the regions … are Donetsk, …`),
    // and whether that phrase is the list a plural question asks for.
    let (focus, list) = match (&q.question.focus, expects.has_phrase()) {
        (Some(noun), true) => match best {
            Some((p, _)) => {
                let at = s
                    .tokens
                    .iter()
                    .position(|t| t.start >= p.start)
                    .unwrap_or(0);
                let end = s
                    .tokens
                    .iter()
                    .position(|t| t.start >= p.end)
                    .unwrap_or(s.tokens.len());
                let gap = s
                    .tokens
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| &t.key == noun)
                    .map(|(i, _)| {
                        if i < at {
                            at - i
                        } else {
                            i.saturating_sub(end) + 1
                        }
                    })
                    .min();
                let inside = &s.text[p.start..p.end];
                let is_list = inside.contains(',') || inside.contains(" and ");
                (
                    gap.map_or(0.0, |g| 1.0 / g as f64),
                    q.question.several && is_list,
                )
            }
            None => (0.0, false),
        },
        _ => (0.0, false),
    };
    let bigrams = if q.bigrams.is_empty() {
        0.0
    } else {
        let found: HashSet<(&str, &str)> = s
            .tokens
            .windows(2)
            .map(|w| (w[0].key.as_str(), w[1].key.as_str()))
            .filter(|pair| q.bigrams.contains(pair))
            .collect();
        found.len() as f64 / q.bigrams.len() as f64
    };
    let (in_article, rarest) = if full && article.shortlisted > 0 {
        let weights = article.in_article_weights(&q.terms);
        let total: f64 = weights.iter().sum();
        let rarest_of_all = weights.iter().copied().fold(0.0, f64::max);
        let held = q
            .terms
            .iter()
            .zip(&weights)
            .filter(|(t, _)| keys.contains(t.key.as_str()))
            .map(|(_, w)| *w);
        let (sum, max) = held.fold((0.0, 0.0f64), |(s, m), w| (s + w, m.max(w)));
        (
            if total > 0.0 { sum / total } else { 0.0 },
            if rarest_of_all > 0.0 {
                max / rarest_of_all
            } else {
                0.0
            },
        )
    } else {
        (0.0, 0.0)
    };
    let typed_mention = match (best, expected_kind(expects)) {
        (Some((p, _)), Some(kind)) => s
            .mentions
            .iter()
            .any(|m| m.kind == kind && m.start < p.end && p.start < m.end),
        _ => false,
    };
    let slot = q.slot.as_ref().map_or(0.0, |slot| {
        f64::from(u8::from(fills_slot(q, s.tokens, slot)))
    });
    let content: Vec<&Token> = s.tokens.iter().filter(|t| !t.is_stopword()).collect();
    let novel = if content.is_empty() {
        0.0
    } else {
        let new = content.iter().filter(|t| !q.keys.contains(&t.key)).count();
        (new as f64 / 3.0).min(1.0)
    };
    let opening = {
        let head = opening_keys(s);
        share(&|k| head.contains(k) && !q.asked_nouns.iter().any(|a| a == k))
    };
    Features {
        cover,
        joint,
        prev: prev_share,
        window,
        local,
        doc,
        title,
        names,
        article_names,
        pairs,
        proximity,
        typed: f64::from(u8::from(typed)),
        cue: f64::from(u8::from(cue)),
        typed_name: f64::from(u8::from(typed_name)),
        focus,
        list: f64::from(u8::from(list)),
        novel,
        recency: article.recency,
        in_time: f64::from(u8::from(article.in_time)),
        in_topic: f64::from(u8::from(article.in_topic)),
        length: 1.0 / (1.0 + n / 30.0),
        bm25,
        doc_tf,
        near,
        soft,
        soft_window,
        bigrams,
        synonyms,
        paragraph: s.paragraph,
        paragraph_pairs: s.paragraph_pairs,
        paragraph_local: s.paragraph_local,
        names_before,
        in_article,
        rarest,
        typed_mention: f64::from(u8::from(typed_mention)),
        slot,
        opening,
    }
}

/// How many words of a sentence [`opening_keys`] reads.
const OPENING_WORDS: usize = 6;

/// Words that open a leading clause set off by a comma (`In 1755, …`, `After he died, …`).
const CLAUSE_OPENERS: [&str; 16] = [
    "in", "on", "at", "during", "after", "before", "by", "from", "since", "although", "while",
    "when", "as", "for", "under", "with",
];

/// The keys of a sentence's first words, past a leading clause (none for a sentence no longer
/// than them). A sentence names first what it is about: `Private bills normally relate to …`
/// answers `What topic do private bills typically have?`, where `… set up to scrutinise private
/// bills …` only mentions them.
fn opening_keys<'t>(s: &Sentence<'t>) -> FnvHashSet<&'t str> {
    // A sentence no longer than its opening (a headline) is all subject: nothing to tell.
    if s.tokens.len() <= OPENING_WORDS {
        return FnvHashSet::default();
    }
    let from = match s.tokens.first() {
        Some(first) if CLAUSE_OPENERS.contains(&first.norm.as_str()) => s.text[first.end..]
            .find(',')
            .filter(|&at| at <= 80)
            .map_or(0, |at| first.end + at),
        _ => 0,
    };
    s.tokens
        .iter()
        .filter(|t| t.start >= from)
        .take(OPENING_WORDS)
        .filter(|t| !t.is_stopword())
        .map(|t| t.key.as_str())
        .collect()
}

/// How far from the question's verb its answer may start, in words.
const SLOT_REACH: usize = 4;

/// Whether the sentence has the question's verb (in any form) with a content word the question
/// lacks where the answer stands: the first such word after it, or the last before it, within
/// [`SLOT_REACH`] words. A sentence that only repeats the question has the verb with the
/// question's own words around it.
fn fills_slot(q: &Query<'_>, tokens: &[Token], slot: &Slot) -> bool {
    let (verb, after) = match slot {
        Slot::After(v) => (v, true),
        Slot::Before(v) => (v, false),
    };
    tokens.iter().enumerate().any(|(i, t)| {
        if &t.key != verb {
            return false;
        }
        let word = if after {
            tokens[i + 1..]
                .iter()
                .take(SLOT_REACH)
                .find(|w| !w.is_stopword())
        } else {
            tokens[i.saturating_sub(SLOT_REACH)..i]
                .iter()
                .rev()
                .find(|w| !w.is_stopword())
        };
        word.is_some_and(|w| !q.keys.contains(&w.key))
    })
}

/// The kind of name a *who* / *which organisation* / *where* question asks for.
fn expected_kind(expects: AnswerType) -> Option<EntityKind> {
    match expects {
        AnswerType::Person => Some(EntityKind::Person),
        AnswerType::Organization => Some(EntityKind::Organization),
        AnswerType::Place => Some(EntityKind::Place),
        _ => None,
    }
}

/// Words a paragraph holds on average, for [`paragraph_match`]'s length norm.
const PARAGRAPH_WORDS: f64 = 80.0;

/// How well a paragraph matches the question (see [`paragraph_match`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ParagraphMatch {
    /// BM25 of the question's terms over the paragraph, by their weight in the store.
    pub bm25: f64,
    /// Share of the question's word pairs found side by side in it.
    pub pairs: f64,
    /// BM25 again, with the terms weighted by [`Query::local`] and synonyms counted: the parts
    /// of one long page share its subject's words, and the words only one has point at it.
    pub local: f64,
}

/// How well a paragraph (its sentences' words) matches the question.
pub fn paragraph_match<'t>(
    q: &Query<'_>,
    sentences: impl IntoIterator<Item = &'t [Token]>,
) -> ParagraphMatch {
    let mut tf = vec![0u32; q.terms.len()];
    let mut soft = vec![0u32; q.terms.len()];
    let mut words = 0usize;
    let mut pairs: HashSet<(&str, &str)> = HashSet::new();
    for tokens in sentences {
        for t in tokens {
            if !t.is_stopword() {
                words += 1;
            }
            if let Some(i) = q.terms.iter().position(|term| term.key == t.key) {
                tf[i] += 1;
                soft[i] += 1;
            } else {
                for &i in q.synonyms.get(&t.key).into_iter().flatten() {
                    soft[i] += 1;
                }
            }
        }
        pairs.extend(
            tokens
                .windows(2)
                .map(|w| (w[0].key.as_str(), w[1].key.as_str()))
                .filter(|pair| q.bigrams.contains(pair)),
        );
    }
    let norm = 0.25 + 0.75 * words as f64 / PARAGRAPH_WORDS;
    let bm25 = q
        .terms
        .iter()
        .zip(&tf)
        .filter(|(_, n)| **n > 0)
        .map(|(term, &n)| term.weight * f64::from(n) * 2.2 / (f64::from(n) + 1.2 * norm))
        .sum();
    let local = q
        .local
        .iter()
        .zip(&soft)
        .filter(|(_, n)| **n > 0)
        .map(|(w, &n)| w * f64::from(n) * 2.2 / (f64::from(n) + 1.2 * norm))
        .sum();
    let pairs = if q.bigrams.is_empty() {
        0.0
    } else {
        pairs.len() as f64 / q.bigrams.len() as f64
    };
    ParagraphMatch { bm25, pairs, local }
}

/// How far back a sentence may refer to a list (`them`, `the regions`) for [`list_referred_to`].
const REFERENCE_REACH: i64 = 3;

/// Where, among `ranked` (best first), the list stands that the best sentence only refers back
/// to: a question asking for several (`which regions does Putin want`) whose best sentence holds
/// no list but says `them` or the noun asked about (`Putin wants them in full`), while a sentence
/// shortly before it in the same article holds the list beside that noun (`the regions he
/// wants are Donetsk, Luhansk, …`). That sentence holds the answer and is cited first.
pub fn list_referred_to(q: &Query<'_>, best_tokens: &[Token], ranked: &[Ranked]) -> Option<usize> {
    let best = ranked.first()?;
    let noun = q.question.focus.as_deref()?;
    if !q.question.several || !q.question.expects.has_phrase() || best.features.list > 0.0 {
        return None;
    }
    let refers = best_tokens
        .iter()
        .any(|t| t.key == noun || matches!(t.norm.as_str(), "them" | "they" | "these" | "those"));
    if !refers {
        return None;
    }
    ranked.iter().position(|r| {
        r.article_id == best.article_id
            && (1..=REFERENCE_REACH).contains(&(best.idx - r.idx))
            && r.features.list > 0.0
            && r.features.focus > 0.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::words::tokens;
    use chrono::NaiveDate;

    /// A sentence as gathered, with the one before it; the words live as long as the test.
    fn sentence(text: &'static str, prev: Option<&'static str>) -> Sentence<'static> {
        let leak = |t: &str| -> &'static [Token] { Box::leak(tokens(t).into_boxed_slice()) };
        Sentence {
            article_id: 1,
            idx: 0,
            text,
            tokens: leak(text),
            mentions: Vec::new(),
            prev: prev.map(leak),
            // As gathered: the sentence before is among those around.
            around: prev
                .map(tokens)
                .unwrap_or_default()
                .into_iter()
                .map(|t| t.key)
                .collect(),
            around_forms: prev
                .map(tokens)
                .unwrap_or_default()
                .into_iter()
                .map(|t| t.norm)
                .collect(),
            paragraph: 0.0,
            paragraph_pairs: 0.0,
            paragraph_local: 0.0,
            after_colon: false,
            quotes: Vec::new(),
        }
    }

    #[test]
    fn a_citation_after_the_best_names_at_least_half_of_whom_it_names() {
        let naming = |names| Features {
            names,
            ..Features::default()
        };
        let best = naming(1.0);
        assert!(naming(1.0).may_follow(&best, false));
        assert!(naming(0.5).may_follow(&best, false), "one of two names");
        assert!(!naming(0.0).may_follow(&best, false), "nobody asked about");
        assert!(
            naming(0.0).may_follow(&best, true),
            "the same article goes on"
        );
        let typed_beside = Features {
            typed: 1.0,
            focus: 1.0,
            ..Features::default()
        };
        assert!(
            typed_beside.may_follow(&best, false),
            "the answer beside the noun"
        );
        assert!(naming(0.0).may_follow(&naming(0.0), false));
        // `It meets each six months`, right after a sentence naming the council asked about.
        let going_on = Features {
            names_before: 1.0,
            ..Features::default()
        };
        assert!(going_on.may_follow(&best, false), "named just before");
        // `Passenger rail service is provided by Amtrak` in another article about Fresno.
        let about_them = Features {
            article_names: 1.0,
            ..Features::default()
        };
        assert!(about_them.may_follow(&best, false), "named in its article");
    }

    /// The question's content words, each weighing 1.
    fn unit_terms(q: &Question) -> Vec<Term> {
        q.content()
            .iter()
            .map(|t| Term {
                key: t.key.clone(),
                norm: t.norm.clone(),
                weight: 1.0,
            })
            .collect()
    }

    /// The facts of an article whose shortlisted sentences are `sentences`.
    fn shortlisted(query: &Query<'_>, sentences: &[Sentence<'_>]) -> ArticleFacts {
        let mut facts = ArticleFacts::default();
        for s in sentences {
            facts.count_shortlisted(&query.terms, s.tokens);
        }
        facts
    }

    /// The question as asked on 2026-12-01.
    fn parse(question: &str) -> Question {
        Question::parse(question, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
    }

    fn rank(question: &str, sentences: &[Sentence<'_>]) -> Vec<usize> {
        let q = parse(question);
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let facts = shortlisted(&query, sentences);
        let mut order: Vec<(usize, f64)> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (i, features(&query, s, &facts, Depth::Full).score()))
            .collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1));
        order.into_iter().map(|o| o.0).collect()
    }

    #[test]
    fn a_word_only_one_sentence_of_the_article_has_points_at_that_sentence() {
        let q = parse("Which engineer drew the sluice of the harbour tidal plan?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let article = [
            sentence("The harbour tidal plan was approved by the council.", None),
            sentence(
                "Critics of the tidal plan say the harbour will silt up.",
                None,
            ),
            sentence("Its sluice is the work of the engineer Mara Quint.", None),
        ];
        let facts = shortlisted(&query, &article);
        let [subject, critics, sluice] =
            [0, 1, 2].map(|i| features(&query, &article[i], &facts, Depth::Full));
        assert!(subject.cover > sluice.cover, "more of the words as written");
        assert!(sluice.in_article > subject.in_article);
        assert!(sluice.in_article > critics.in_article);
        assert_eq!(sluice.rarest, 1.0, "holds the rarest word");
        assert!(subject.rarest < 1.0);
        // Before the article's sentences are counted, neither feature says anything.
        let unknown = features(&query, &article[2], &ArticleFacts::default(), Depth::Full);
        assert_eq!((unknown.in_article, unknown.rarest), (0.0, 0.0));
    }

    #[test]
    fn a_sentence_that_opens_with_what_is_asked_about_is_about_it() {
        let q = parse("What topic do private bills typically have?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let facts = ArticleFacts::default();
        let opening = |text| features(&query, &sentence(text, None), &facts, Depth::Full).opening;
        let about = opening("Private bills normally relate to large building projects.");
        let mentions = opening("A further committee is set up to scrutinise private bills.");
        assert!(about >= 0.5, "two of its four words open it: {about}");
        assert_eq!(mentions, 0.0);
        // A leading clause set off by a comma is read past.
        assert_eq!(
            opening("In most years, private bills relate to large building projects."),
            about
        );
        // A headline is all opening: it tells nothing of its subject.
        assert_eq!(opening("Private bills in parliament"), 0.0);
        // Without the comma, the first words are the clause's own.
        assert_eq!(
            opening("In most years of the long history of parliament private bills were rare."),
            0.0
        );
        // The phrase asked for describes the answer, not what the question is about.
        let q = parse("Which famous Indian put himself at the mercy of the court?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let f = features(
            &query,
            &sentence("Indian allies of the French raided farms.", None),
            &facts,
            Depth::Full,
        );
        assert_eq!(f.opening, 0.0);
    }

    #[test]
    fn a_sentence_opening_with_a_pronoun_goes_on_about_the_name_before_it() {
        let q = parse("How often does the European Council meet?");
        let council = NameRef {
            ids: vec![3],
            keys: tokens("European Council")
                .into_iter()
                .map(|t| t.key)
                .collect(),
            describes_answer: false,
        };
        let query = Query::new(&q, unit_terms(&q), vec![council]);
        let facts = ArticleFacts::default();
        let before = "The European Council gives the union its political direction.";
        let it = sentence("It meets each six months.", Some(before));
        let f = features(&query, &it, &facts, Depth::Full);
        assert_eq!((f.names, f.names_before), (0.0, 1.0));
        // Without the pronoun the sentence before is about something else.
        let other = sentence("Ministers meet each month.", Some(before));
        assert_eq!(
            features(&query, &other, &facts, Depth::Full).names_before,
            0.0
        );
    }

    #[test]
    fn an_acronym_grown_from_the_name_asked_about_half_names_it() {
        let q = parse("What does the UN want to protect?");
        let un = NameRef {
            ids: vec![7],
            keys: vec!["un".into()],
            describes_answer: false,
        };
        let query = Query::new(&q, unit_terms(&q), vec![un]);
        let facts = ArticleFacts::default();
        let names =
            |text: &'static str| features(&query, &sentence(text, None), &facts, Depth::Full).names;
        assert_eq!(names("UNESCO wants to protect the old harbour walls."), 0.5);
        // Not a word that merely starts with the same letters, nor one barely longer.
        assert_eq!(names("Unions want to protect the old harbour walls."), 0.0);
        assert_eq!(
            names("The UNO wants to protect the old harbour walls."),
            0.0
        );
    }

    #[test]
    fn a_sentence_from_an_article_naming_what_is_asked_about_ranks_first() {
        let q = parse("When was Veyra first seen?");
        let veyra = NameRef {
            ids: vec![5],
            keys: vec!["veyra".into()],
            describes_answer: false,
        };
        let with_entity = Query::new(&q, unit_terms(&q), vec![veyra]);
        let query = &with_entity;
        let seen = sentence("It was first seen in 1987 by amateur astronomers.", None);
        let naming = ArticleFacts {
            named: [5].into_iter().collect(),
            ..ArticleFacts::default()
        };
        let about_veyra = features(query, &seen, &naming, Depth::Full);
        let elsewhere = features(query, &seen, &ArticleFacts::default(), Depth::Full);
        assert_eq!(
            (about_veyra.article_names, elsewhere.article_names),
            (1.0, 0.0)
        );
        assert!(about_veyra.score() > elsewhere.score());
        // A name no entity stands for: the article's words tell.
        let unknown = NameRef {
            ids: Vec::new(),
            keys: vec!["veyra".into()],
            describes_answer: false,
        };
        let without_entity = Query::new(&q, unit_terms(&q), vec![unknown]);
        let mut worded = ArticleFacts::default();
        worded.words.insert("veyra".into(), 2);
        // Nor does the analysis find every mention: an article writing the name without its
        // entity still names it.
        for query in [&without_entity, &with_entity] {
            assert_eq!(
                features(query, &seen, &worded, Depth::Full).article_names,
                1.0
            );
        }
    }

    #[test]
    fn the_answer_slot_holds_words_the_question_lacks() {
        let q = parse("What did the popularity of the translation contribute to?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let facts = ArticleFacts::default();
        let slot =
            |text: &'static str| features(&query, &sentence(text, None), &facts, Depth::Full).slot;
        assert_eq!(
            slot("It made a lasting contribution to the growth of the written language."),
            1.0
        );
        // Only the question's own words after the verb, or no verb at all.
        assert_eq!(
            slot("The translation's popularity contributed to its popularity."),
            0.0
        );
        assert_eq!(slot("The translation was popular at once."), 0.0);
        let q = parse("What changed the river's delta?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let doer =
            |text: &'static str| features(&query, &sentence(text, None), &facts, Depth::Full).slot;
        assert_eq!(doer("The new dams changed the delta for good."), 1.0);
        assert_eq!(doer("The delta changed little after that."), 0.0);
    }

    #[test]
    fn how_big_counts_the_words_a_size_is_written_in() {
        let q = parse("How big is the basin?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let facts = ArticleFacts::default();
        let diameter = sentence("The basin has a diameter of 40 kilometres.", None);
        let other = sentence("The basin floods every spring.", None);
        let [d, o] = [&diameter, &other].map(|s| features(&query, s, &facts, Depth::Full));
        assert_eq!(d.cover, 1.0);
        assert!(o.cover < 1.0);
    }

    #[test]
    fn a_quote_by_whom_the_question_asks_about_is_the_phrase_asked_for() {
        let q = parse("What did Jonas Ek say?");
        let ek = NameRef {
            ids: vec![7],
            keys: tokens("Jonas Ek").into_iter().map(|t| t.key).collect(),
            describes_answer: false,
        };
        let query = Query::new(&q, unit_terms(&q), vec![ek]);
        let facts = ArticleFacts::default();
        let quoting = |speaker| {
            let mut s = sentence("\"We will block the harbour,\" he said.", None);
            s.quotes = vec![QuoteIn {
                start: 1,
                end: 26,
                speaker: Some(speaker),
                speaker_at: Some((30, 32)),
            }];
            features(&query, &s, &facts, Depth::Full)
        };
        // His words, written `he said`: as good as naming him, and the answer asked for.
        let his = quoting(7);
        assert_eq!((his.names, his.typed, his.cue), (1.0, 1.0, 1.0));
        assert!(his.cover > 0.0);
        // Someone else's words in the same shape are no answer.
        let other = quoting(9);
        assert_eq!((other.names, other.typed, other.cue), (0.0, 0.0, 0.0));
    }

    #[test]
    fn a_sentence_naming_something_answers_what_it_is_called() {
        let q = parse("What is the term for a harbour wall that breaks the waves?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let facts = ArticleFacts::default();
        let cue =
            |text: &'static str| features(&query, &sentence(text, None), &facts, Depth::Full).cue;
        assert_eq!(cue("Such a wall is called a breakwater."), 1.0);
        assert_eq!(cue("Locals have long referred to it as the mole."), 1.0);
        assert_eq!(cue("The harbour wall breaks the waves in winter."), 0.0);
        // Not asked: `what does the wall break` wants no name.
        let q = parse("What does the harbour wall break?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let s = sentence("Such a wall is called a breakwater.", None);
        assert_eq!(features(&query, &s, &facts, Depth::Full).cue, 0.0);
    }

    #[test]
    fn a_paragraph_holding_the_questions_words_matches_it_better() {
        let q = parse("Which harbour did the tidal plan of the port authority close?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let passage = [
            tokens("The port authority presented its tidal plan on Monday."),
            tokens("It closes the north harbour to freighters."),
        ];
        let elsewhere = [
            tokens("The harbour was busy all week."),
            tokens("Fishing boats left early."),
        ];
        let near = paragraph_match(&query, passage.iter().map(|t| &t[..]));
        let far = paragraph_match(&query, elsewhere.iter().map(|t| &t[..]));
        assert!(near.bm25 > far.bm25, "{near:?} vs {far:?}");
        assert!(
            near.pairs > 0.0,
            "`tidal plan` and `port authority` are pairs of the question"
        );
        assert_eq!(far.pairs, 0.0);
        assert_eq!(
            paragraph_match(&query, std::iter::empty()),
            ParagraphMatch::default()
        );
    }

    #[test]
    fn a_paragraph_is_matched_by_the_words_that_set_it_apart_and_their_synonyms() {
        let q = parse("Which vessel did the harbour board purchase?");
        let mut query = Query::new(&q, unit_terms(&q), Vec::new());
        // Every candidate is about the harbour board: only `vessel` and `purchase` tell apart.
        query.local = query
            .terms
            .iter()
            .map(|t| {
                if t.norm == "harbour" || t.norm == "board" {
                    0.1
                } else {
                    1.0
                }
            })
            .collect();
        let subject_only = [tokens(
            "The harbour board met on Monday; the harbour board voted.",
        )];
        let synonyms = [tokens("The board bought a ship last spring.")];
        let subject = paragraph_match(&query, subject_only.iter().map(|t| &t[..])).local;
        let apart = paragraph_match(&query, synonyms.iter().map(|t| &t[..])).local;
        assert!(apart > subject, "{apart} vs {subject}");
    }

    #[test]
    fn a_sentence_with_the_typed_answer_beats_one_that_repeats_the_question() {
        let order = rank(
            "When will the dam repairs start?",
            &[
                sentence("The dam repairs will start, officials said.", None),
                sentence("The dam repairs start in May next year.", None),
            ],
        );
        assert_eq!(order[0], 1);
    }

    #[test]
    fn a_name_the_analysis_found_is_a_likelier_answer_than_a_run_of_capitals() {
        let q = parse("Who chairs the Harbour Board?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let mut named = sentence("The Harbour Board is chaired by Ana Lopes.", None);
        let at = named.text.find("Ana Lopes").unwrap();
        named.mentions.push(Mention {
            start: at,
            end: at + "Ana Lopes".len(),
            kind: EntityKind::Person,
            entity: 7,
        });
        let capitals = sentence(
            "The Harbour Board is chaired by Port Authority staff.",
            None,
        );
        let facts = shortlisted(&query, &[named.clone(), capitals.clone()]);
        let with_name = features(&query, &named, &facts, Depth::Full);
        let with_capitals = features(&query, &capitals, &facts, Depth::Full);
        assert_eq!(with_name.typed_mention, 1.0);
        assert_eq!(with_capitals.typed_mention, 0.0);
        assert_eq!(
            with_capitals.typed_name, 1.0,
            "a run of capitals still stands in"
        );
        assert!(with_name.score() > with_capitals.score());
    }

    #[test]
    fn a_pronoun_sentence_borrows_its_subject_from_the_one_before() {
        let order = rank(
            "How large is the Amazon basin?",
            &[
                sentence(
                    "It covers seven million square kilometres.",
                    Some("The Amazon basin spans nine nations."),
                ),
                sentence("Farmers moved into the basin last year.", None),
            ],
        );
        assert_eq!(order[0], 0);
    }

    #[test]
    fn a_synonym_counts_where_the_word_is_not_written() {
        let order = rank(
            "What did the volunteers devote their weekends to?",
            &[
                sentence("The volunteers asked for their weekends off.", None),
                sentence(
                    "The volunteers dedicated their weekends to the river.",
                    None,
                ),
            ],
        );
        assert_eq!(order[0], 1);
    }

    #[test]
    fn an_acronym_asked_matches_the_name_spelled_out() {
        assert_eq!(
            spelled_out(&tokens(
                "The Northern Harbour Trade Union and the Board of Harbour Works met."
            )),
            ["nhtu", "bhw"]
        );
        let order = rank(
            "When did the harbour board join the NHTU?",
            &[
                sentence("The harbour board joined the port council in 2001.", None),
                sentence(
                    "The harbour board joined the Northern Harbour Trade Union in 2004.",
                    None,
                ),
            ],
        );
        assert_eq!(order[0], 1);
    }

    #[test]
    fn close_words_in_order_beat_scattered_ones() {
        let order = rank(
            "Who owns the harbour tidal plant?",
            &[
                sentence(
                    "The tidal project near the harbour, where a plant once stood, is owned by nobody.",
                    None,
                ),
                sentence("The harbour tidal plant is owned by Northern Power.", None),
            ],
        );
        assert_eq!(order[0], 1);
    }

    #[test]
    fn the_question_words_are_as_close_as_their_nearest_run() {
        // (position, which question word): `tidal` at 0 and again at 9, beside `plant`.
        let hits = [(0, 0), (4, 1), (9, 0), (10, 1)];
        assert_eq!(shortest_window(&hits, 2), 2);
        assert_eq!(shortest_window(&[(3, 0), (7, 1), (8, 2)], 3), 6);
    }

    #[test]
    fn a_sentence_defining_what_is_asked_names_it_before_its_verb() {
        let q = parse("What is tidal lock?");
        assert_eq!(q.defined_head(), Some(stem("lock").as_str()));
        let head = q.defined_head().unwrap_or_default();
        let defining = sentence(
            "Tidal lock is when a moon shows one face to its planet.",
            None,
        );
        let using = sentence("The tidal lock of the moon has held for ages.", None);
        let passive = sentence("Tidal lock is observed on many moons.", None);
        let defines = |s: &Sentence<'_>| answer::definition_start(s.tokens, head).is_some();
        assert!(defines(&defining));
        assert!(!defines(&using));
        assert!(!defines(&passive));
        assert_eq!(parse("What did the lock hold?").defined_head(), None);
    }

    #[test]
    fn a_list_the_best_sentence_refers_back_to_goes_first() {
        let q = parse("Which regions does Putin want before ending the war?");
        let query = Query::new(&q, unit_terms(&q), Vec::new());
        let ranked_at = |idx, list, focus| Ranked {
            article_id: 3,
            idx,
            sentence: String::new(),
            score: 0.0,
            features: Features {
                list,
                focus,
                ..Features::default()
            },
        };
        let wants = tokens("Putin wants them in full before any ceasefire.");
        let ranked = [
            ranked_at(4, 0.0, 0.0),
            ranked_at(9, 1.0, 1.0),
            ranked_at(1, 1.0, 0.5),
        ];
        assert_eq!(list_referred_to(&query, &wants, &ranked), Some(2));
        // Too far back, or another article: the best stays first.
        let far = [ranked_at(4, 0.0, 0.0), ranked_at(0, 1.0, 1.0)];
        assert_eq!(list_referred_to(&query, &wants, &far[..1]), None);
        assert_eq!(
            list_referred_to(&query, &wants, &[ranked_at(8, 0.0, 0.0), far[1].clone()]),
            None
        );
        // A best sentence that names its own list, or says nothing that points back.
        let own = [ranked_at(4, 1.0, 1.0), ranked_at(2, 1.0, 1.0)];
        assert_eq!(list_referred_to(&query, &wants, &own), None);
        let unrelated = tokens("Putin wants a ceasefire before the war ends.");
        assert_eq!(list_referred_to(&query, &unrelated, &ranked), None);
        // A question for one thing is not answered by a list.
        let one = parse("Which region does Putin want?");
        let one = Query::new(&one, unit_terms(&one), Vec::new());
        assert_eq!(list_referred_to(&one, &wants, &ranked), None);
    }
}
