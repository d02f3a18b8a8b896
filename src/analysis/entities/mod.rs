//! Named people, organisations and places, found with rules, context and gazetteers.
//!
//! No model, no network, deterministic. The stages, each in its own module:
//! [`tokens`] (words with byte offsets) → [`doc`] (document-wide case evidence) →
//! [`chunk`] (capitalised spans, titles and roles peeled off) → [`classify`] (gazetteers, name
//! shapes, context, document agreement) → [`merge`] (aliases into entities). [`canonical_key`]
//! gives the cross-article identity of a name.
//!
//! Conventions: a seat of government named for its office (`White House`, `Oval Office`,
//! `Kremlin`, `Downing Street`) is a place, as news writes it (`at the White House`) and as
//! CoNLL-2003 tags it; the `Pentagon` is an organisation (a ministry). A span with no evidence
//! for any kind is left untyped (`other`) rather than guessed to be a person.
//!
//! ```
//! use newsdesk::analysis::{EntityKind, entities::recognize, sentences::split};
//! let text = "Russian President Vladimir Putin met Chinese leaders. Putin said little.";
//! let es = recognize(text, &split(text));
//! let putin = es.iter().find(|e| e.name == "Vladimir Putin").unwrap();
//! assert_eq!(putin.kind, EntityKind::Person);
//! assert_eq!(putin.aliases, ["Putin"]);
//! assert_eq!(putin.roles, ["Russian President"]);
//! ```

mod chunk;
mod classify;
mod doc;
mod key;
mod lexicon;
mod merge;
mod tokens;

pub use key::canonical_key;

use super::{Entity, Span};

/// Whether `word` (lower case) is a surname the gazetteer knows (`smith`, `bush`).
pub fn is_known_surname(word: &str) -> bool {
    lexicon::lexicon().word(word).has(lexicon::Flags::SURNAME)
}

/// Whether `word` (lower case) is a given name the gazetteer knows (`carrie`, `anna`).
pub fn is_known_given_name(word: &str) -> bool {
    lexicon::lexicon().word(word).has(lexicon::Flags::GIVEN)
}

/// Whether `word` (lower case) is a title or office (`president`, `judge`).
pub fn is_title_word(word: &str) -> bool {
    lexicon::lexicon().word(word).has(lexicon::Flags::TITLE)
}

/// Recognise the entities of `text`, whose sentences are `sentences` (byte spans into `text`).
pub fn recognize(text: &str, sentences: &[Span]) -> Vec<Entity> {
    let doc = doc::Doc::new(text, sentences);
    let cands = chunk::candidates(&doc);
    let typed = classify::classify(&doc, cands);
    merge::entities(text, &typed, |s| doc.sentences[s].shouted)
}

#[cfg(test)]
mod tests;
