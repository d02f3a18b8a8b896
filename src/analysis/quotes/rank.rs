//! How "key" a quote is: substance, speaker salience, and no near-duplicates.

use crate::analysis::{Quote, Span};
use std::collections::{HashMap, HashSet};

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Fill in `score` for every quote. Longer, complete statements by speakers quoted often
/// rank first; fragments, unattributed quotes and repeats rank last.
pub fn score(text: &str, quotes: &mut [Quote]) {
    let mut per_speaker: HashMap<String, usize> = HashMap::new();
    for q in quotes.iter() {
        if let Some(s) = &q.speaker {
            *per_speaker.entry(s.name.to_lowercase()).or_default() += 1;
        }
    }
    let most = per_speaker.values().copied().max().unwrap_or(1) as f32;
    for q in quotes.iter_mut() {
        let body = q.span.of(text);
        let n = words(body).len() as f32;
        let mut s = (1.0 + n.min(40.0)).ln() / 41f32.ln();
        let fragment = body.chars().next().is_some_and(char::is_lowercase) || n < 4.0;
        if fragment {
            s *= 0.6;
        }
        s *= match &q.speaker {
            None => 0.4,
            Some(sp) => {
                let named =
                    sp.entity.is_some() || sp.name.chars().next().is_some_and(char::is_uppercase);
                let salience = per_speaker
                    .get(&sp.name.to_lowercase())
                    .copied()
                    .unwrap_or(1) as f32
                    / most;
                (if named { 1.0 } else { 0.8 }) * (1.0 + 0.3 * salience)
            }
        };
        q.score = s;
    }
    demote_duplicates(text, quotes);
    // A one- or two-word quote is a scare quote or a label (`"forever"`, `"fake news"`): it stays
    // in the article's list but is never a key quote (stores read `score > 0` as key material).
    for q in quotes.iter_mut() {
        if word_count(text, q.span) <= 2 {
            q.score = 0.0;
        }
    }
}

/// Can this quote be an article's or an entity's key quote (a statement, not a scare quote)?
pub fn is_statement(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
        > 2
}

/// A quote whose words mostly repeat a better-scored one keeps a tenth of its score.
fn demote_duplicates(text: &str, quotes: &mut [Quote]) {
    let sets: Vec<HashSet<String>> = quotes
        .iter()
        .map(|q| words(q.span.of(text)).into_iter().collect())
        .collect();
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by(|&a, &b| quotes[b].score.total_cmp(&quotes[a].score).then(a.cmp(&b)));
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let dup = kept.iter().any(|&k| {
            let inter = sets[i].intersection(&sets[k]).count() as f32;
            let union = sets[i].union(&sets[k]).count().max(1) as f32;
            inter / union >= 0.6 || (sets[i].is_subset(&sets[k]) && sets[i].len() >= 3)
        });
        if dup {
            quotes[i].score *= 0.1;
        } else {
            kept.push(i);
        }
    }
}

/// White-space separated words inside `span` (for the keep rule on one-word quotes).
pub fn word_count(text: &str, span: Span) -> usize {
    span.of(text)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
