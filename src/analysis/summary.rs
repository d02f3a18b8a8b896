//! Extractive summaries.
//!
//! News puts the substance first, so position is the backbone, refined by centrality: how much
//! of what the whole article talks about a sentence covers. Each sentence gets a TF-ISF vector
//! (term frequency × inverse sentence frequency, over crude stems without stop words) and a
//! centrality that averages two cosines: to the article's centroid of sentence vectors, and to
//! the term mass of the rest of the article (leave-one-out, so long sentences do not vote for
//! themselves).
//!
//! * A summary of several sentences keeps close to the lead: position prior plus centrality,
//!   picked greedily with a redundancy penalty (maximal marginal relevance).
//! * A one-sentence summary is a gist: the most central sentence of the opening, with a milder
//!   position decay and a preference for sentences of headline-to-paragraph length.
//!
//! Boilerplate (bylines, copyright and sharing lines, "scroll down") is never picked; headlines,
//! captions, fragments and run-ons only when nothing else is left.
//!
//! ```
//! use newsdesk::analysis::{sentences, summary};
//! let t = "By Staff Reporter\nThe council approved a new bridge over the river on Monday. \
//!          The bridge will cost the council four million pounds. Work on the bridge starts in May.";
//! let s = sentences::split(t);
//! let picked = summary::summarize(t, &s, 2);
//! assert_eq!(picked.len(), 2);
//! assert!(!picked.contains(&0), "the byline is never picked");
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Span;

/// Multi-sentence summaries: position prior `1 / (1 + rank / LEAD_TAU)` over content sentences.
const LEAD_TAU: f32 = 4.0;
/// Multi-sentence summaries: weight of centrality next to the position prior.
const LEAD_ALPHA: f32 = 0.7;
/// Multi-sentence summaries: penalty times the highest similarity to an already picked sentence.
const LEAD_BETA: f32 = 0.3;
/// Multi-sentence summaries: shorter sentences are fragments (captions, datelines, "Yes.").
const LEAD_MIN_WORDS: usize = 6;

/// One-sentence gist: candidates are the first `GIST_WINDOW` content sentences.
const GIST_WINDOW: usize = 10;
/// One-sentence gist: position decay `1 / (1 + rank / GIST_TAU)`.
const GIST_TAU: f32 = 8.0;
/// One-sentence gist: preferred length in words, and how steeply other lengths lose.
const GIST_IDEAL_WORDS: f32 = 35.0;
const GIST_LENGTH_SLOPE: f32 = 0.8;
/// One-sentence gist: shorter sentences are rarely self-contained.
const GIST_MIN_WORDS: usize = 10;

/// Longer sentences are run-ons (several glued together, or a list) and are never picked.
const MAX_WORDS: usize = 80;

/// Pick `n` sentences (indices into `sentences`) in reading order.
pub fn summarize(text: &str, sentences: &[Span], n: usize) -> Vec<usize> {
    if n == 0 || sentences.is_empty() {
        return Vec::new();
    }
    let mut vocab = Vocab::default();
    let sents: Vec<Sent> = sentences
        .iter()
        .map(|s| Sent::new(s.of(text), &mut vocab))
        .collect();
    let centrality = centrality(&sents, vocab.len());
    // Content sentences with their rank among content sentences.
    let content: Vec<(usize, usize)> = sents
        .iter()
        .enumerate()
        .filter(|(_, s)| s.complete && !s.boilerplate && s.words > 0)
        .enumerate()
        .map(|(rank, (i, _))| (i, rank))
        .collect();
    let mut picked = if content.len() <= n {
        Vec::new()
    } else if n == 1 {
        gist(&sents, &centrality.score, &content)
    } else {
        lead(&sents, &centrality, &content, n)
    };
    // Too few good sentences: fill up in reading order, headlines and fragments last.
    let fallback = content.iter().map(|&(i, _)| i).chain(
        (0..sents.len())
            .filter(|&i| !sents[i].complete && !sents[i].boilerplate && sents[i].words > 0),
    );
    for i in fallback {
        if picked.len() >= n {
            break;
        }
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked.sort_unstable();
    picked
}

/// The most central self-contained sentence of the opening.
fn gist(sents: &[Sent], score: &[f32], content: &[(usize, usize)]) -> Vec<usize> {
    content
        .iter()
        .take(GIST_WINDOW)
        .filter(|&&(i, _)| (GIST_MIN_WORDS..=MAX_WORDS).contains(&sents[i].words))
        .map(|&(i, rank)| {
            let length = (sents[i].words as f32 / GIST_IDEAL_WORDS).ln().abs();
            let s = score[i] / (1.0 + rank as f32 / GIST_TAU) * (-GIST_LENGTH_SLOPE * length).exp();
            (i, s)
        })
        .fold(None, |best: Option<(usize, f32)>, c| match best {
            Some(b) if b.1 >= c.1 => Some(b),
            _ => Some(c),
        })
        .map(|(i, _)| i)
        .into_iter()
        .collect()
}

/// Lead-based selection with centrality and a redundancy penalty.
fn lead(sents: &[Sent], c: &Centrality, content: &[(usize, usize)], n: usize) -> Vec<usize> {
    let mut cands: Vec<(usize, f32)> = content
        .iter()
        .filter(|&&(i, _)| (LEAD_MIN_WORDS..=MAX_WORDS).contains(&sents[i].words))
        .map(|&(i, rank)| {
            (
                i,
                1.0 / (1.0 + rank as f32 / LEAD_TAU) + LEAD_ALPHA * c.score[i],
            )
        })
        .collect();
    let mut picked: Vec<usize> = Vec::with_capacity(n);
    while picked.len() < n && !cands.is_empty() {
        let mut best = (0, f32::NEG_INFINITY);
        for (k, &(i, score)) in cands.iter().enumerate() {
            let redundancy = picked
                .iter()
                .map(|&j| cosine(&c.vectors[i], &c.vectors[j]))
                .fold(0.0f32, f32::max);
            let s = score - LEAD_BETA * redundancy;
            if s > best.1 {
                best = (k, s);
            }
        }
        picked.push(cands.remove(best.0).0);
    }
    picked
}

/// Sentence vectors and their centrality scores.
struct Centrality {
    /// Unit TF-ISF vector per sentence.
    vectors: Vec<Vec<(u32, f32)>>,
    /// Mean of the cosine to the centroid and the cosine to the rest of the article.
    score: Vec<f32>,
}

fn centrality(sents: &[Sent], vocab: usize) -> Centrality {
    let mut df = vec![0u32; vocab];
    let mut total = vec![0f32; vocab];
    for s in sents {
        for &(id, tf) in &s.terms {
            df[id as usize] += 1;
            total[id as usize] += tf;
        }
    }
    let n = sents.len() as f32;
    let isf: Vec<f32> = df
        .iter()
        .map(|&d| ((n + 1.0) / d.max(1) as f32).ln())
        .collect();
    let vectors: Vec<Vec<(u32, f32)>> = sents
        .iter()
        .map(|s| {
            let mut v: Vec<(u32, f32)> = s
                .terms
                .iter()
                .map(|&(id, tf)| (id, tf * isf[id as usize]))
                .collect();
            normalize(&mut v);
            v
        })
        .collect();
    // Centroid of the unit sentence vectors.
    let mut centroid = vec![0f32; vocab];
    for v in &vectors {
        for &(id, w) in v {
            centroid[id as usize] += w;
        }
    }
    let centroid_norm = centroid.iter().map(|w| w * w).sum::<f32>().sqrt();
    // The article's term mass, tf × isf; each sentence is compared with it minus itself.
    let mass: Vec<f32> = total.iter().zip(&isf).map(|(t, i)| t * i).collect();
    let mass_sq = mass.iter().map(|w| w * w).sum::<f32>();
    let score = sents
        .iter()
        .zip(&vectors)
        .map(|(s, v)| {
            let to_centroid = if centroid_norm > 0.0 {
                v.iter()
                    .map(|&(id, w)| w * centroid[id as usize])
                    .sum::<f32>()
                    / centroid_norm
            } else {
                0.0
            };
            let (mut dot, mut sq) = (0.0, mass_sq);
            for (&(id, w), &(_, tf)) in v.iter().zip(&s.terms) {
                let full = mass[id as usize];
                let rest = full - tf * isf[id as usize];
                dot += w * rest;
                sq += rest * rest - full * full;
            }
            let to_rest = if sq > 1e-9 { dot / sq.sqrt() } else { 0.0 };
            (to_centroid + to_rest) / 2.0
        })
        .collect();
    Centrality { vectors, score }
}

/// A sentence as the summarizer sees it.
struct Sent {
    /// Content-word ids with counts, sorted by id.
    terms: Vec<(u32, f32)>,
    /// Number of words (stop words included).
    words: usize,
    boilerplate: bool,
    /// Ends like a sentence; headlines, captions and cut-off text do not.
    complete: bool,
}

impl Sent {
    fn new(s: &str, vocab: &mut Vocab) -> Self {
        let mut ids: Vec<u32> = Vec::new();
        let mut words = 0;
        let mut buf = String::new();
        for w in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            words += 1;
            buf.clear();
            if w.is_ascii() {
                buf.push_str(w);
                buf.make_ascii_lowercase();
            } else {
                buf.extend(w.chars().flat_map(char::to_lowercase));
            }
            if buf.chars().nth(1).is_none() || is_stop(&buf) {
                continue;
            }
            let next = vocab.len() as u32;
            ids.push(*vocab.entry(fnv1a(stem(&buf))).or_insert(next));
        }
        ids.sort_unstable();
        let mut terms: Vec<(u32, f32)> = Vec::with_capacity(ids.len());
        for id in ids {
            match terms.last_mut() {
                Some((last, c)) if *last == id => *c += 1.0,
                _ => terms.push((id, 1.0)),
            }
        }
        Sent {
            terms,
            words,
            boilerplate: is_boilerplate(s),
            complete: s
                .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
                .ends_with(['.', '!', '?', '…', '。', '！', '？']),
        }
    }
}

/// Dense term ids keyed by the stem's 64-bit hash: no string kept or allocated per word (a
/// collision between two stems of one article is vanishingly unlikely and merely merges them).
type Vocab = HashMap<u64, u32, BuildHasherDefault<HashIsKey>>;

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The keys are hashes already: use them as they are.
#[derive(Default)]
struct HashIsKey(u64);

impl Hasher for HashIsKey {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Crude English suffix stripping: enough to join `attack`/`attacks`/`attacked`.
fn stem(w: &str) -> &str {
    if !w.ends_with(['s', 'g', 'd', 'y']) {
        return w;
    }
    for suf in [
        "ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s",
    ] {
        if let Some(base) = w.strip_suffix(suf)
            && base.len() >= 3
            && !(suf == "s" && (base.ends_with('s') || base.ends_with('u') || base.ends_with('i')))
        {
            return base;
        }
    }
    w
}

fn normalize(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

/// Dot product of two sorted sparse unit vectors.
fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Lines that are about the page, not the story: bylines, datelines, copyright, sharing.
fn is_boilerplate(s: &str) -> bool {
    let lower = s.to_lowercase();
    let words = s.split_whitespace().count();
    let starts = |p: &str| lower.starts_with(p);
    let has = |p: &str| lower.contains(p);
    s.contains('©')
        || has("all rights reserved")
        || has("without permission")
        || has("copyright ")
        || starts("originally published")
        || has("share this with")
        || has("copy this link")
        || starts("scroll down")
        || starts("click here")
        || starts("read more")
        || starts("sign up")
        || starts("subscribe")
        || starts("follow us")
        || starts("published:")
        || starts("updated:")
        || starts("last updated")
        || (starts("by ") && words <= 8 && !s.ends_with(['.', '!', '?']))
        || (starts("by ") && words <= 5)
}

/// Common English function words (a `match` compiles to a length switch: fast).
#[rustfmt::skip]
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "about" | "after" | "again" | "against" | "all" | "also" | "am" | "an" | "and" |
        "any" | "are" | "as" | "at" | "be" | "because" | "been" | "before" | "being" | "between" |
        "both" | "but" | "by" | "can" | "could" | "did" | "do" | "does" | "doing" | "down" |
        "during" | "each" | "few" | "for" | "from" | "further" | "had" | "has" | "have" | "having" |
        "he" | "her" | "here" | "hers" | "herself" | "him" | "himself" | "his" | "how" | "i" |
        "if" | "in" | "into" | "is" | "it" | "its" | "itself" | "just" | "me" | "more" | "most" |
        "my" | "myself" | "no" | "nor" | "not" | "now" | "of" | "off" | "on" | "once" | "only" |
        "or" | "other" | "our" | "ours" | "ourselves" | "out" | "over" | "own" | "said" | "same" |
        "says" | "she" | "should" | "so" | "some" | "such" | "than" | "that" | "the" | "their" |
        "theirs" | "them" | "themselves" | "then" | "there" | "these" | "they" | "this" | "those" |
        "through" | "to" | "too" | "under" | "until" | "up" | "very" | "was" | "we" | "were" |
        "what" | "when" | "where" | "which" | "while" | "who" | "whom" | "why" | "will" | "with" |
        "would" | "you" | "your" | "yours" | "yourself"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sentences::split;

    fn summary(text: &str, n: usize) -> Vec<&str> {
        let spans = split(text);
        let picked = summarize(text, &spans, n);
        assert!(picked.windows(2).all(|w| w[0] < w[1]), "reading order");
        picked.iter().map(|&i| spans[i].of(text)).collect()
    }

    /// A news-style article written for this test.
    const ARTICLE: &str = "Harbour town votes to close coal plant\n\
        By Jane Doe, Staff Writer\n\
        The town council of Port Ellery voted on Tuesday to close the coal-fired power plant \
        that has supplied the harbour district for sixty years. The plant will shut in 2027, \
        and its 240 workers will be offered jobs at a new offshore wind farm, the council said. \
        Mayor Ruth Okafor called the vote historic. \"This is the end of an era, but the \
        start of a better one,\" she told reporters. Yes. Residents have complained for years \
        about soot from the plant settling on homes near the harbour. The wind farm, built by \
        Northsea Power Ltd., is expected to supply the whole district by 2028. Shares in the \
        company rose 3.5 per cent after the vote.\n\
        © 2026 Port Ellery Gazette. All rights reserved.";

    #[test]
    fn summary_skips_headline_byline_and_copyright() {
        let s = summary(ARTICLE, 3);
        assert_eq!(s.len(), 3);
        assert!(s[0].starts_with("The town council of Port Ellery voted"));
        for line in &s {
            assert!(!line.starts_with("By ") && !line.contains('©'), "{line}");
            assert!(line.split_whitespace().count() >= LEAD_MIN_WORDS, "{line}");
        }
    }

    #[test]
    fn one_sentence_gist_is_a_full_sentence() {
        let s = summary(ARTICLE, 1);
        assert_eq!(s.len(), 1);
        assert!(
            s[0].split_whitespace().count() >= GIST_MIN_WORDS,
            "{}",
            s[0]
        );
        assert!(!s[0].contains('©'));
    }

    #[test]
    fn small_and_empty_inputs() {
        assert!(summary("", 3).is_empty());
        assert!(summary(ARTICLE, 0).is_empty());
        assert_eq!(summary("One line only.", 3), ["One line only."]);
        assert_eq!(summary("Short. Also short.", 5).len(), 2);
        let many = summary(ARTICLE, 50);
        assert!(many.len() >= 9 && !many.iter().any(|l| l.contains('©')));
    }

    #[test]
    fn stemming_joins_inflections() {
        assert_eq!(stem("attacks"), stem("attacked"));
        assert_eq!(stem("councils"), "council");
        assert_eq!(stem("bus"), "bus");
    }

    /// The article this project started from must give a sensible lead summary.
    #[test]
    fn seed_article_summary() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipping seed_article_summary: ../shared/seeds is not beside the checkout");
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let s = summary(&text, 3);
            assert_eq!(s.len(), 3, "{}", path.display());
            for line in &s {
                assert!(
                    !line.contains('©') && !line.contains("rights reserved"),
                    "{line}"
                );
                assert!(!line.starts_with("Originally published"), "{line}");
                assert!(line.split_whitespace().count() >= LEAD_MIN_WORDS, "{line}");
            }
        }
    }
}
