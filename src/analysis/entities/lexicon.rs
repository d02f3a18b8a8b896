//! Gazetteers and word lists, embedded at compile time and indexed on first use.
//!
//! Every list lives in `data/` (sources and licences in `data/SOURCES.md`). Lookups are by
//! lower-case phrase (tokens joined by one space), so `UNITED STATES`, `United States` and
//! `united states` meet.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// What a phrase is known as; a phrase can be several things (`Jordan`: country and given name).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(u32);

impl Flags {
    pub const COUNTRY: u32 = 1;
    pub const CITY: u32 = 1 << 1;
    pub const REGION: u32 = 1 << 2;
    pub const ORG: u32 = 1 << 3;
    pub const GIVEN: u32 = 1 << 4;
    pub const SURNAME: u32 = 1 << 5;
    pub const TITLE: u32 = 1 << 6;
    pub const ORG_WORD: u32 = 1 << 7;
    pub const COMMON: u32 = 1 << 8;
    pub const DEMONYM: u32 = 1 << 9;
    pub const PLACE: u32 = Self::COUNTRY | Self::CITY | Self::REGION;

    pub fn has(self, bits: u32) -> bool {
        self.0 & bits != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// A small, fast, non-cryptographic hasher for short word keys (FxHash's mixing step);
/// the keys are our own word lists and article words, so flooding resistance is not needed.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

pub struct Lexicon {
    phrases: FastMap<String, Flags>,
    /// First words of multi-word entries: only these can open a gazetteer phrase.
    pub phrase_starts: FastSet<String>,
    /// Demonym (lower case) → the place it belongs to, as written in the list.
    demonyms: FastMap<String, &'static str>,
    /// Longest gazetteer phrase, in words.
    pub max_words: usize,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The shared lexicon, built on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn build() -> Self {
        let mut lex = Lexicon {
            phrases: FastMap::default(),
            phrase_starts: FastSet::default(),
            demonyms: FastMap::default(),
            max_words: 1,
        };
        for (data, flag) in [
            (include_str!("data/countries.txt"), Flags::COUNTRY),
            (include_str!("data/cities.txt"), Flags::CITY),
            (include_str!("data/regions.txt"), Flags::REGION),
            (include_str!("data/orgs.txt"), Flags::ORG),
            (include_str!("data/given_names.txt"), Flags::GIVEN),
            (include_str!("data/surnames.txt"), Flags::SURNAME),
            (include_str!("data/titles.txt"), Flags::TITLE),
            (include_str!("data/org_words.txt"), Flags::ORG_WORD),
        ] {
            for l in lines(data) {
                lex.add(l, flag);
            }
        }
        for l in lines(include_str!("data/common_words.txt")) {
            for w in l.split_whitespace() {
                lex.add(w, Flags::COMMON);
            }
        }
        for l in lines(include_str!("data/demonyms.tsv")) {
            let (dem, place) = l.split_once('\t').unwrap_or((l, ""));
            lex.add(dem, Flags::DEMONYM);
            lex.demonyms.insert(dem.to_lowercase(), place.trim());
        }
        lex
    }

    fn add(&mut self, phrase: &str, flag: u32) {
        let key = phrase_key(phrase.split_whitespace());
        let words = key.split(' ').count();
        self.max_words = self.max_words.max(words);
        if words > 1 {
            self.phrase_starts
                .insert(key.split(' ').next().unwrap_or("").to_string());
        }
        self.phrases.entry(key).or_default().0 |= flag;
    }

    /// Flags of a phrase given as its words (any case).
    pub fn get<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> Flags {
        self.lookup(&phrase_key(words))
    }

    /// Flags of one word already in lower case.
    pub fn word(&self, lower: &str) -> Flags {
        self.lookup(lower)
    }

    /// The lists are ASCII: `Zürich` is found as `zurich`.
    fn lookup(&self, key: &str) -> Flags {
        match self.phrases.get(key) {
            Some(f) => *f,
            None if !key.is_ascii() => {
                let folded: String = key.nfkd().filter(char::is_ascii).collect();
                self.phrases.get(&folded).copied().unwrap_or_default()
            }
            None => Flags::default(),
        }
    }

    /// The place a demonym (`Russian`, `Russians`) points to, if it is one.
    pub fn demonym_place(&self, word: &str) -> Option<&'static str> {
        let lower = word.to_lowercase();
        if let Some(p) = self.demonyms.get(&lower) {
            return Some(p);
        }
        let singular = lower.strip_suffix('s')?;
        self.demonyms.get(singular).copied()
    }
}

/// Lower-case words joined by single spaces; a trailing abbreviation dot is dropped
/// (`Corp.` and `Corp` are the same entry) unless the word is all dots and letters (`U.S.`).
pub fn phrase_key<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for w in words {
        if !key.is_empty() {
            key.push(' ');
        }
        let w = if w.ends_with('.') && w.matches('.').count() == 1 {
            &w[..w.len() - 1]
        } else {
            w
        };
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_meet_case_insensitively() {
        let l = lexicon();
        assert!(l.get(["France"]).has(Flags::COUNTRY));
        assert!(l.get(["UNITED", "STATES"]).has(Flags::PLACE));
        assert!(l.get(["Corp."]).has(Flags::ORG_WORD));
        assert!(l.get(["President"]).has(Flags::TITLE));
        assert!(l.get(["the"]).has(Flags::COMMON));
        assert!(l.get(["John"]).has(Flags::GIVEN));
        assert_eq!(l.demonym_place("Russians"), Some("Russia"));
        assert_eq!(l.demonym_place("Moscow"), None);
        assert!(l.max_words >= 3);
    }
}
