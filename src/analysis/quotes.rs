//! Direct quotes and who said them.

use super::{Entity, Quote, Span};

/// Find direct quotes in `text` and attribute them to speakers.
pub fn find(text: &str, _sentences: &[Span], _entities: &[Entity]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"' | '“', None) => open = Some(i + c.len_utf8()),
            ('"' | '”', Some(s)) => {
                if i > s {
                    out.push(Quote {
                        span: Span::new(s, i),
                        speaker: None,
                        score: 0.0,
                    });
                }
                open = None;
            }
            ('\n', _) => open = None,
            _ => {}
        }
    }
    out
}
