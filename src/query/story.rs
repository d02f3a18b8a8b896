//! One story across outlets: `/story article` and `newsdesk story ID`.
//!
//! From the story's articles (copies set aside: they add no outlet's own reporting), it picks
//! the headline of the most central article (the one closest to all the others in words), a
//! merged summary (the sentences closest to the whole story, no two saying the same), who is
//! quoted in which outlet, and what only one outlet reports (sentences with no counterpart in
//! the other outlets' articles).

use crate::Newsdesk;
use crate::error::Result;
use crate::model::{ArticleId, ArticleRef, Scope};
use crate::store::StorySentence;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Articles of a story read in full; a larger story shows its first ones.
const MAX_ARTICLES: usize = 25;
/// Sentences read per article.
const MAX_SENTENCES: usize = 60;
/// Sentences in the merged summary.
const SUMMARY: usize = 5;
/// Sentences listed as reported by one outlet only.
const EXCLUSIVE: usize = 5;
/// Two sentences sharing this share of their words say the same thing.
pub const REPEAT: f64 = 0.6;
/// A sentence whose best counterpart elsewhere shares less than this is one outlet's own.
const COUNTERPART: f64 = 0.3;
/// Shorter sentences are too slight to be a finding of their own.
const MIN_WORDS: usize = 8;

/// One article of a story.
#[derive(Debug, Clone, Serialize)]
pub struct StoryArticle {
    pub article: ArticleRef,
    /// The outlet: the site's name or host, else `#id`.
    pub outlet: String,
    /// When it is a copy: the article it copies.
    pub copy_of: Option<ArticleId>,
}

/// A sentence with where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct StoryLine {
    pub text: String,
    pub article: ArticleId,
    pub outlet: String,
}

/// Who is quoted, and by which outlets.
#[derive(Debug, Clone, Serialize)]
pub struct Quoted {
    pub speaker: String,
    pub outlets: Vec<String>,
    /// One of their quotes (the first outlet's key quote).
    pub quote: String,
    pub article: ArticleId,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    pub id: i64,
    pub headline: String,
    /// The article the headline comes from.
    pub central: ArticleId,
    /// Oldest first.
    pub articles: Vec<StoryArticle>,
    /// Articles beyond those read (large stories).
    pub more_articles: usize,
    pub summary: Vec<StoryLine>,
    pub quoted: Vec<Quoted>,
    pub exclusive: Vec<StoryLine>,
}

/// Lower-case content words (three letters or more) of a sentence.
pub fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| {
            !matches!(
                w.as_str(),
                "the"
                    | "and"
                    | "for"
                    | "that"
                    | "with"
                    | "said"
                    | "was"
                    | "has"
                    | "have"
                    | "from"
                    | "are"
                    | "this"
                    | "his"
                    | "her"
                    | "its"
                    | "they"
                    | "were"
                    | "who"
                    | "which"
                    | "will"
                    | "been"
                    | "had"
                    | "but"
                    | "not"
            )
        })
        .collect()
}

/// Share of the smaller set's words that the other has too.
pub fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / small as f64
}

/// Whether `text` says what one of `seen` already says (the same sentence in a copy, lightly edited).
pub fn repeats(words: &HashSet<String>, seen: &[HashSet<String>]) -> bool {
    seen.iter().any(|s| overlap(words, s) >= REPEAT)
}

/// The outlet of an article: its site's name or host, else `#id`.
pub fn outlet(a: &ArticleRef) -> String {
    a.site
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            a.url
                .as_deref()
                .and_then(|u| url::Url::parse(u).ok())
                .and_then(|u| {
                    u.host_str()
                        .map(|h| h.trim_start_matches("www.").to_string())
                })
        })
        .unwrap_or_else(|| format!("#{}", a.id))
}

impl Newsdesk {
    /// The story of article `id`.
    pub async fn story(&self, scope: Scope, id: ArticleId) -> Result<StoryView> {
        let placement = self.store.placement(scope, id).await?;
        let (story, members) = match placement.story {
            Some(s) => (s, self.store.story_members(scope, s).await?),
            None => (0, vec![id]),
        };
        let more_articles = members.len().saturating_sub(MAX_ARTICLES);
        let members: Vec<ArticleId> = members.into_iter().take(MAX_ARTICLES).collect();
        let refs = self.store.article_refs_in(scope, &members).await?;
        let copies: HashMap<ArticleId, ArticleId> = self
            .store
            .copies_among(&members)
            .await?
            .into_iter()
            .collect();
        let articles: Vec<StoryArticle> = refs
            .into_iter()
            .map(|a| StoryArticle {
                outlet: outlet(&a),
                copy_of: copies.get(&a.id).copied(),
                article: a,
            })
            .collect();
        let outlets: HashMap<ArticleId, String> = articles
            .iter()
            .map(|a| (a.article.id, a.outlet.clone()))
            .collect();
        // Copies add nothing an outlet wrote itself.
        let own: Vec<ArticleId> = articles
            .iter()
            .filter(|a| a.copy_of.is_none())
            .map(|a| a.article.id)
            .collect();
        let sentences = self.store.sentences_of(&own, MAX_SENTENCES).await?;
        let quotes = self.store.quotes_of(&own, 5).await?;
        let central = most_central(&own, &sentences).unwrap_or(id);
        let headline = articles
            .iter()
            .find(|a| a.article.id == central)
            .map(|a| a.article.display_title())
            .unwrap_or_else(|| format!("Article #{central}"));
        let line = |s: &StorySentence| StoryLine {
            text: s.text.clone(),
            article: s.article,
            outlet: outlets.get(&s.article).cloned().unwrap_or_default(),
        };
        let (summary, exclusive) = merge(&sentences);
        let mut quoted: BTreeMap<String, Quoted> = BTreeMap::new();
        for q in &quotes {
            let o = outlets.get(&q.article).cloned().unwrap_or_default();
            let entry = quoted.entry(q.speaker.clone()).or_insert_with(|| Quoted {
                speaker: q.speaker.clone(),
                outlets: Vec::new(),
                quote: q.text.clone(),
                article: q.article,
            });
            if !entry.outlets.contains(&o) {
                entry.outlets.push(o);
            }
        }
        let mut quoted: Vec<Quoted> = quoted.into_values().collect();
        quoted.sort_by(|a, b| {
            b.outlets
                .len()
                .cmp(&a.outlets.len())
                .then(a.speaker.cmp(&b.speaker))
        });
        Ok(StoryView {
            id: story,
            headline,
            central,
            articles,
            more_articles,
            summary: summary.into_iter().map(|i| line(&sentences[i])).collect(),
            quoted,
            exclusive: exclusive.into_iter().map(|i| line(&sentences[i])).collect(),
        })
    }
}

/// Word weights of the whole story: how many of its articles use each word.
fn story_words(sentences: &[StorySentence]) -> HashMap<String, usize> {
    let mut per_article: HashMap<ArticleId, HashSet<String>> = HashMap::new();
    for s in sentences {
        per_article
            .entry(s.article)
            .or_default()
            .extend(content_words(&s.text));
    }
    let mut df: HashMap<String, usize> = HashMap::new();
    for words in per_article.values() {
        for w in words {
            *df.entry(w.clone()).or_default() += 1;
        }
    }
    df
}

/// The article whose words the others share most.
fn most_central(own: &[ArticleId], sentences: &[StorySentence]) -> Option<ArticleId> {
    let df = story_words(sentences);
    let mut words: HashMap<ArticleId, HashSet<String>> = HashMap::new();
    for s in sentences {
        words
            .entry(s.article)
            .or_default()
            .extend(content_words(&s.text));
    }
    own.iter().copied().max_by(|a, b| {
        let score = |id: &ArticleId| {
            let w = words.get(id);
            let n = w.map_or(0, HashSet::len).max(1) as f64;
            w.map_or(0.0, |w| {
                w.iter().map(|x| (df[x] - 1) as f64).sum::<f64>() / n.sqrt()
            })
        };
        score(a).total_cmp(&score(b)).then(b.cmp(a))
    })
}

/// Indices of the merged summary and of the one-outlet sentences.
fn merge(sentences: &[StorySentence]) -> (Vec<usize>, Vec<usize>) {
    let df = story_words(sentences);
    let articles: HashSet<ArticleId> = sentences.iter().map(|s| s.article).collect();
    let words: Vec<HashSet<String>> = sentences.iter().map(|s| content_words(&s.text)).collect();
    // Centrality: how many of the story's articles use the sentence's words, per word (square
    // root of length, so long sentences are not favoured just for length).
    let central: Vec<f64> = words
        .iter()
        .zip(sentences)
        .map(|(w, s)| {
            let n = w.len().max(1) as f64;
            let base = w.iter().map(|x| df[x] as f64).sum::<f64>() / n.sqrt();
            base * if s.in_summary { 1.2 } else { 1.0 }
        })
        .collect();
    let mut order: Vec<usize> = (0..sentences.len())
        .filter(|&i| words[i].len() >= 4)
        .collect();
    order.sort_by(|&a, &b| central[b].total_cmp(&central[a]).then(a.cmp(&b)));
    let mut summary = Vec::new();
    let mut seen: Vec<HashSet<String>> = Vec::new();
    for &i in &order {
        if summary.len() >= SUMMARY {
            break;
        }
        if repeats(&words[i], &seen) {
            continue;
        }
        seen.push(words[i].clone());
        summary.push(i);
    }
    let mut exclusive = Vec::new();
    if articles.len() > 1 {
        for &i in &order {
            if exclusive.len() >= EXCLUSIVE {
                break;
            }
            if words[i].len() < MIN_WORDS || summary.contains(&i) {
                continue;
            }
            let counterpart = sentences
                .iter()
                .zip(&words)
                .filter(|(s, _)| s.article != sentences[i].article)
                .map(|(_, w)| overlap(&words[i], w))
                .fold(0.0, f64::max);
            if counterpart < COUNTERPART && !repeats(&words[i], &seen) {
                seen.push(words[i].clone());
                exclusive.push(i);
            }
        }
    }
    summary.sort_by_key(|&i| (sentences[i].article, sentences[i].idx));
    (summary, exclusive)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(article: i64, idx: usize, text: &str) -> StorySentence {
        StorySentence {
            article: ArticleId(article),
            idx,
            text: text.into(),
            in_summary: idx == 0,
        }
    }

    #[test]
    fn merged_summary_has_no_repeats_and_finds_one_outlets_facts() {
        let sentences = vec![
            s(
                1,
                0,
                "A strong earthquake struck the northern coast on Monday, killing twelve people.",
            ),
            s(
                1,
                1,
                "Rescue teams searched collapsed buildings in the port town through the night.",
            ),
            s(
                2,
                0,
                "A strong earthquake struck the northern coast on Monday and killed twelve people.",
            ),
            s(
                2,
                1,
                "The regional governor said schools would stay closed until engineers inspect every building.",
            ),
        ];
        let (summary, exclusive) = merge(&sentences);
        let texts: Vec<&str> = summary
            .iter()
            .map(|&i| sentences[i].text.as_str())
            .collect();
        assert_eq!(
            texts.iter().filter(|t| t.contains("earthquake")).count(),
            1,
            "{texts:?}"
        );
        assert!(
            exclusive
                .iter()
                .all(|&i| !sentences[i].text.contains("earthquake"))
        );
        assert!(most_central(&[ArticleId(1), ArticleId(2)], &sentences).is_some());
    }
}
