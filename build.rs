//! Build steps that cargo cannot do alone.
//!
//! - Rebuild when a migration is added: `sqlx::migrate!` embeds the folder at compile time, and
//!   cargo would otherwise not notice a new file in it.
//! - The English word list and synonyms `ask` uses (`src/query/ask/lexicon.rs`), from WordNet
//!   as the `thesaurus-wordnet` crate ships it (gzip inside the crate, nothing downloaded):
//!   reduced here to single plain words, made symmetric and sorted, so that the binary carries
//!   a plain text table it can search without unpacking anything at run time.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=build.rs");
    write_lexicon();
}

/// A word worth keeping: lower-case ASCII letters only (no phrases, no hyphenated compounds).
fn plain(word: &str) -> bool {
    (2..=24).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_lowercase())
}

fn write_lexicon() {
    let text = thesaurus_wordnet::uncompress();
    let mut lexicon: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in text.lines() {
        let mut words = line.split('|').map(str::to_lowercase);
        let Some(head) = words.next() else { continue };
        if !plain(&head) {
            continue;
        }
        lexicon.entry(head.clone()).or_default();
        for synonym in words.filter(|w| plain(w) && *w != head) {
            lexicon
                .entry(synonym.clone())
                .or_default()
                .insert(head.clone());
            lexicon.entry(head.clone()).or_default().insert(synonym);
        }
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(out.join("lexicon.txt")).expect("OUT_DIR is writable"),
    );
    for (word, synonyms) in &lexicon {
        let mut line = word.clone();
        for s in synonyms {
            line.push(' ');
            line.push_str(s);
        }
        writeln!(file, "{line}").expect("OUT_DIR is writable");
    }
}
