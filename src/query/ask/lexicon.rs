//! English words and their synonyms, from WordNet (Princeton University; see README, "Data
//! from elsewhere"), reduced by `build.rs` to a sorted table of single words: `word syn syn…`
//! per line. Questions are written in other words than the sentences that answer them
//! (`devote` ↔ `dedicated`), and typed fast (`priciple`); both need to know what the English
//! words are. The table is searched in place: nothing is unpacked or parsed up front beyond
//! one pass that finds where the lines start.

use std::sync::OnceLock;

static TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.txt"));

/// Each line as (word, its synonyms separated by spaces), in the table's (byte) order.
fn lines() -> &'static [(&'static str, &'static str)] {
    static LINES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    LINES.get_or_init(|| {
        TABLE
            .lines()
            .map(|line| line.split_once(' ').unwrap_or((line, "")))
            .collect()
    })
}

fn find(word: &str) -> Option<&'static str> {
    let lines = lines();
    lines
        .binary_search_by(|(w, _)| (*w).cmp(word))
        .ok()
        .map(|i| lines[i].1)
}

/// Whether `word` (lower case) is an English word WordNet knows as written.
pub fn is_word(word: &str) -> bool {
    find(word).is_some()
}

/// The single-word synonyms of `word` (lower case), in any of its senses.
pub fn synonyms(word: &str) -> impl Iterator<Item = &'static str> {
    find(word)
        .unwrap_or("")
        .split(' ')
        .filter(|s| !s.is_empty())
}

/// The dictionary forms `word` may be an inflection of (`separated` → `separate`,
/// `studies` → `study`, `running` → `run`), the word itself first. Only forms the table holds.
pub fn bases(word: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut push = |w: &str| {
        if let Some(i) = lines().binary_search_by(|(x, _)| (*x).cmp(w)).ok()
            && !out.contains(&lines()[i].0)
        {
            out.push(lines()[i].0);
        }
    };
    push(word);
    const ENDINGS: [(&str, &str); 12] = [
        ("ies", "y"),
        ("ied", "y"),
        ("ves", "f"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("er", ""),
    ];
    for (ending, replace) in ENDINGS {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.len() >= 3
        {
            push(&format!("{stem}{replace}"));
            // A doubled consonant: `stopped` → `stop`.
            let b = stem.as_bytes();
            if replace.is_empty() && b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2] {
                push(&stem[..stem.len() - 1]);
            }
        }
    }
    out
}

/// The English word `word` most likely mistypes: the nearest table word, or a regular
/// inflection of one (`turbines`), by edit distance (one edit for words up to six letters, two
/// beyond; a swap of two letters is one), keeping the first letter, which people rarely get
/// wrong. `None` when `word` or a base form of it is a known word, or nothing is near enough, or
/// two different words are equally near.
pub fn correction(word: &str) -> Option<String> {
    let len = word.len();
    if len < 5 || !word.bytes().all(|b| b.is_ascii_lowercase()) || !bases(word).is_empty() {
        return None;
    }
    let most = if len <= 6 { 1 } else { 2 };
    let first = word.as_bytes()[0];
    let mut best: Option<(usize, &'static str, String)> = None;
    let mut tied = false;
    for &(candidate, _) in lines() {
        if candidate.as_bytes()[0] != first || candidate.len() + 4 + most < len {
            continue;
        }
        if candidate.len() > len + most {
            continue;
        }
        for form in inflections(candidate) {
            if form.len().abs_diff(len) > most {
                continue;
            }
            let d = strsim::damerau_levenshtein(word, &form);
            if d > most {
                continue;
            }
            match &best {
                Some((bd, _, _)) if d > *bd => {}
                Some((bd, base, _)) if d == *bd => tied |= *base != candidate,
                _ => {
                    best = Some((d, candidate, form));
                    tied = false;
                }
            }
        }
    }
    match best {
        Some((_, _, form)) if !tied => Some(form),
        _ => None,
    }
}

/// `word` and its regular inflections: the forms a question may write it in.
fn inflections(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    for ending in ["s", "es", "d", "ed", "ing"] {
        forms.push(format!("{word}{ending}"));
    }
    if let Some(stem) = word.strip_suffix('y') {
        forms.push(format!("{stem}ies"));
        forms.push(format!("{stem}ied"));
    }
    if let Some(stem) = word.strip_suffix('e') {
        forms.push(format!("{stem}ing"));
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_go_both_ways() {
        assert!(synonyms("devote").any(|s| s == "dedicate"));
        assert!(synonyms("dedicate").any(|s| s == "devote"));
        assert_eq!(synonyms("qwxz").count(), 0);
    }

    #[test]
    fn inflections_find_their_dictionary_form() {
        assert!(bases("separated").contains(&"separate"));
        assert!(bases("studies").contains(&"study"));
        assert!(bases("stopped").contains(&"stop"));
        assert!(bases("qwxzed").is_empty());
    }

    #[test]
    fn a_mistyped_word_is_corrected_and_a_known_one_is_not() {
        assert_eq!(correction("priciple").as_deref(), Some("principle"));
        assert_eq!(correction("goverment").as_deref(), Some("government"));
        // An inflected form is corrected to the inflected form.
        assert_eq!(correction("enigneers").as_deref(), Some("engineers"));
        assert_eq!(correction("principle"), None);
        assert_eq!(correction("hides"), None);
        // Too short to tell a typo from another word.
        assert_eq!(correction("hlep"), None);
    }
}
