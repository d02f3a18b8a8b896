//! The part of a long sentence a source shows. A cited sentence is kept to a few hundred
//! characters (a Discord message holds three of them and the answer), and a plain cut after
//! the first of them hides what the question asked when the answer stands in the sentence's
//! tail (`… and Brighton, Tunbridge Wells is overinflated`). So the cut keeps the short answer,
//! or else the run of the question's words, with a little of what comes before it.

use super::words::Token;
use std::collections::HashSet;
use std::ops::Range;

/// A shown part of a sentence and where it starts in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// Byte offset in the sentence of the first byte shown.
    from: usize,
    /// Bytes put before it (`… `).
    lead: usize,
    /// Byte offset in the sentence just past the last byte shown.
    to: usize,
}

impl Excerpt {
    /// Where the sentence's bytes `range` are in [`Excerpt::text`], when they are shown.
    pub fn map(&self, range: Range<usize>) -> Option<Range<usize>> {
        (range.start >= self.from && range.end <= self.to && range.start <= range.end)
            .then(|| range.start - self.from + self.lead..range.end - self.from + self.lead)
    }
}

const ELLIPSIS: &str = "…";

/// At most `max` characters of `text` (plus the ellipses marking a cut), at word boundaries,
/// holding `focus` (byte offsets into `text`) when one is given and fits; without a focus, or
/// when it lies in the head anyway, the head of the sentence.
pub fn excerpt(text: &str, max: usize, focus: Option<Range<usize>>) -> Excerpt {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    let body = &text[start..end];
    let chars: Vec<usize> = body.char_indices().map(|(i, _)| start + i).collect();
    if chars.len() <= max {
        return Excerpt {
            text: body.to_string(),
            from: start,
            lead: 0,
            to: end,
        };
    }
    // The char index of a byte offset (the char it falls in).
    let char_at = |byte: usize| chars.partition_point(|&b| b <= byte).saturating_sub(1);
    let head_end = chars[max];
    let focus = focus.filter(|f| f.start >= start && f.end <= end && f.start < f.end);
    let first = match &focus {
        Some(f) if f.end > head_end => {
            let (fs, fe) = (char_at(f.start), char_at(f.end - 1) + 1);
            // A third of the room left goes before the focus, the rest after it.
            let room = max.saturating_sub(fe - fs);
            let before = (room / 3).min(fs);
            // Near the end, the window takes in more before the focus instead.
            let mut first = (fs - before).min(chars.len().saturating_sub(max));
            // Start at a word: at the first space past the window's start, unless in one.
            if first > 0 && !text[..chars[first]].ends_with(' ') {
                first = (first..fs)
                    .find(|&c| text[chars[c]..].starts_with(' '))
                    .unwrap_or(fs);
            }
            while first < fs && text[chars[first]..].starts_with(' ') {
                first += 1;
            }
            first
        }
        _ => 0,
    };
    let from = chars[first];
    // The focus is shown whole even when it alone is longer than `max`.
    let focus_end = focus.as_ref().map_or(0, |f| char_at(f.end - 1) + 1);
    let last = (first + max).max(focus_end).min(chars.len());
    let mut to = if last == chars.len() {
        end
    } else {
        chars[last]
    };
    if to < end {
        // End at a word: before the last space, unless that would cut the focus.
        let keep = focus.as_ref().map_or(from, |f| f.end.max(from));
        if let Some(space) = text[from..to].rfind(' ').map(|i| from + i)
            && space >= keep
        {
            to = space;
        }
        to = from + text[from..to].trim_end().len();
    }
    let mut shown = String::with_capacity(to - from + 8);
    let lead = if from > start {
        shown.push_str(ELLIPSIS);
        shown.push(' ');
        shown.len()
    } else {
        0
    };
    shown.push_str(&text[from..to]);
    if to < end {
        shown.push_str(ELLIPSIS);
    }
    Excerpt {
        text: shown,
        from,
        lead,
        to,
    }
}

/// The bytes of `tokens` where the question's words (`keys`) stand thickest within `width`
/// bytes: the first to the last such word of the best window. `None` when none is there.
pub fn densest(tokens: &[Token], keys: &HashSet<String>, width: usize) -> Option<Range<usize>> {
    let hits: Vec<&Token> = tokens
        .iter()
        .filter(|t| !t.is_stopword() && keys.contains(&t.key))
        .collect();
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut j = 0;
    for i in 0..hits.len() {
        j = j.max(i);
        while j + 1 < hits.len() && hits[j + 1].end - hits[i].start <= width {
            j += 1;
        }
        let n = j - i + 1;
        if best.as_ref().is_none_or(|(m, _)| n > *m) {
            best = Some((n, hits[i].start..hits[j].end));
        }
    }
    best.map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::words::tokens;

    fn long_sentence() -> String {
        let filler =
            "the council met again and talked about the budget for a long while ".repeat(8);
        format!("Early on, {filler}and at last the harbour plan won the vote.")
    }

    #[test]
    fn a_short_sentence_is_shown_whole() {
        let e = excerpt("  The vote passed.  ", 600, Some(6..10));
        assert_eq!(e.text, "The vote passed.");
        assert_eq!(e.map(6..10), Some(4..8));
    }

    #[test]
    fn without_a_focus_the_head_is_shown_cut_at_a_word() {
        let s = long_sentence();
        let e = excerpt(&s, 100, None);
        assert!(e.text.starts_with("Early on, the council"), "{}", e.text);
        assert!(e.text.ends_with('…'));
        assert!(e.text.chars().count() <= 101);
        assert!(!e.text.trim_end_matches('…').ends_with(' '));
    }

    #[test]
    fn a_focus_in_the_tail_is_shown_with_what_comes_before_it() {
        let s = long_sentence();
        let at = s.find("harbour plan").unwrap();
        let focus = at..at + "harbour plan".len();
        let e = excerpt(&s, 100, Some(focus.clone()));
        let mapped = e.map(focus).expect("the focus is shown");
        assert_eq!(&e.text[mapped], "harbour plan");
        assert!(e.text.starts_with("… "), "{}", e.text);
        assert!(e.text.ends_with("won the vote."), "{}", e.text);
        assert!(e.text.chars().count() <= 103);
        // The room left after the focus is used before it.
        assert!(e.text.chars().count() >= 90, "{}", e.text);
        // The cut starts at a word.
        let first = e.text.trim_start_matches("… ").split(' ').next().unwrap();
        assert!(s.contains(&format!(" {first} ")), "{first}");
        // Bytes outside the excerpt map to nothing.
        assert_eq!(e.map(0..5), None);
    }

    #[test]
    fn a_focus_in_the_head_keeps_the_head() {
        let s = long_sentence();
        assert_eq!(excerpt(&s, 100, Some(0..5)), excerpt(&s, 100, None));
    }

    #[test]
    fn cuts_fall_on_char_boundaries() {
        let s = format!("{} Zoë won.", "é".repeat(300));
        let at = s.find("Zoë").unwrap();
        let e = excerpt(&s, 50, Some(at..at + "Zoë".len()));
        assert!(e.text.contains("Zoë won."), "{}", e.text);
        let e = excerpt(&s, 50, None);
        assert!(e.text.ends_with('…'));
    }

    #[test]
    fn the_densest_run_of_the_question_words() {
        let s = long_sentence();
        let toks = tokens(&s);
        let keys: HashSet<String> = tokens("harbour plan vote")
            .into_iter()
            .map(|t| t.key)
            .collect();
        let r = densest(&toks, &keys, 200).unwrap();
        assert_eq!(&s[r], "harbour plan won the vote");
        assert_eq!(densest(&toks, &HashSet::new(), 200), None);
    }
}
