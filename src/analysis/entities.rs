//! Named people, organisations and places.

use super::{Entity, Span};

/// Recognise entities in `text`.
pub fn recognize(_text: &str, _sentences: &[Span]) -> Vec<Entity> {
    Vec::new()
}

/// Normalised key for cross-article identity: lower case, letters and digits only.
pub fn canonical_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
