//! Sentence splitting for news text.

use super::Span;

/// Split `text` into sentences. Every newline is a hard boundary; spans are trimmed of
/// surrounding whitespace and never empty.
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut start = line_start;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let next_is_space = bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
            if matches!(b, b'.' | b'!' | b'?') && next_is_space {
                push_trimmed(text, line_start + i + 1, &mut start, &mut out);
            }
        }
        push_trimmed(text, line_start + line.len(), &mut start, &mut out);
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, end: usize, start: &mut usize, out: &mut Vec<Span>) {
    let piece = &text[*start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = *start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
    *start = end;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_is_a_boundary() {
        let t = "Headline\nFirst one. Second one.";
        let s: Vec<&str> = split(t).iter().map(|s| s.of(t)).collect();
        assert_eq!(s, ["Headline", "First one.", "Second one."]);
    }
}
