//! Sentence splitting for news text.
//!
//! One left-to-right scan per line, no regex and no allocation besides the output. Every newline
//! is a hard boundary (headlines and paragraphs need no full stop). Inside a line a boundary is
//! a run of terminators (`.` `!` `?` `…`, CJK `。！？`) plus any closing quotes or brackets
//! (`he said."` ends after the quote mark), followed by whitespace and a word that can begin a
//! sentence. What counts as "can begin" depends on the word before the full stop:
//!
//! * titles that never end a sentence (`Mr.`, `Gen.`, `Sen.`) never split;
//! * abbreviations that may end one (`Inc.`, `Jan.`, `U.S.`, `a.m.`, initials like `J.`) split
//!   only before a common sentence opener (`The`, `He`, `But`, …) or an opening quote;
//! * any other word splits before anything that is not lower case.
//!
//! Decimals, amounts and dotted names (`3.5`, `$1.2bn`, `D.C.-based`) never split because no
//! whitespace follows the dot. Sentences glued by lost paragraph breaks (`in 1993.Mrs Fergus`)
//! are split when a capitalised word follows a full stop directly.
//!
//! ```
//! use newsdesk::analysis::sentences::split;
//! let t = "Sen. J. R. Smith visited the U.S. on Jan. 5. \"It was fine.\" He left at 3.5 p.m.";
//! let s: Vec<&str> = split(t).iter().map(|s| s.of(t)).collect();
//! assert_eq!(s, ["Sen. J. R. Smith visited the U.S. on Jan. 5.", "\"It was fine.\"", "He left at 3.5 p.m."]);
//! ```

use super::Span;

/// Split `text` into sentences. Every newline is a hard boundary; spans are trimmed of
/// surrounding whitespace, never empty and always on char boundaries.
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

/// Split the line `text[from..to]`, pushing trimmed sentences.
fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<Span>) {
    let mut start = from;
    // Whether `text[start..i]` has a letter or digit: a piece without one (`...`, `."`) is no
    // sentence and stays attached to the next.
    let mut content = false;
    let mut i = from;
    while i < to {
        let Some(first) = terminator_at(text, i) else {
            let b = text.as_bytes()[i];
            content = content
                || b.is_ascii_alphanumeric()
                || b >= 0xC0 && text[i..].chars().next().is_some_and(char::is_alphanumeric);
            i += 1;
            continue;
        };
        // The run of terminators, e.g. `?!` or `...`.
        let run_start = i;
        let mut kind = first;
        let mut dots = 0;
        while i < to {
            match terminator_at(text, i) {
                Some(t) => {
                    dots += usize::from(t == Term::Dot);
                    kind = kind.max(t);
                    i += t.len();
                }
                None => break,
            }
        }
        if dots > 1 {
            kind = kind.max(Term::Ellipsis);
        }
        // Closing quotes and brackets belong to the sentence they close, and so do the
        // footnote marks written right after it (`.[12]`, `.[citation needed]`).
        let run_end = i;
        let mut close_end = i;
        loop {
            if let Some(c) = text[close_end..to].chars().next().filter(|&c| is_closer(c)) {
                close_end += c.len_utf8();
            } else if let Some(mark) = footnote_mark(&text[close_end..to]) {
                close_end += mark;
            } else {
                break;
            }
        }
        i = close_end;
        if close_end >= to {
            break;
        }
        let closed = close_end > run_end;
        let boundary = if kind == Term::Cjk {
            true
        } else {
            let next_char = text[close_end..to].chars().next().unwrap_or(' ');
            if next_char.is_whitespace() {
                let n = skip_space(text, close_end, to);
                n < to && ends_sentence(text, start, run_start, kind, closed, n, to)
            } else {
                kind != Term::Ellipsis && glued(text, start, run_start, closed, close_end, to)
            }
        };
        if boundary && content {
            push_trimmed(text, start, close_end, out);
            start = close_end;
            content = false;
        }
    }
    push_trimmed(text, start, to, out);
}

/// Sentence-ending punctuation, ordered by how strongly it ends a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Term {
    Dot,
    Ellipsis,
    Mark,
    Cjk,
}

impl Term {
    fn len(self) -> usize {
        match self {
            Term::Dot | Term::Mark => 1,
            Term::Ellipsis | Term::Cjk => 3,
        }
    }
}

fn terminator_at(text: &str, i: usize) -> Option<Term> {
    let b = *text.as_bytes().get(i)?;
    match b {
        b'.' => Some(Term::Dot),
        b'!' | b'?' => Some(Term::Mark),
        0xE2 if text.as_bytes().get(i..i + 3) == Some("…".as_bytes()) => Some(Term::Ellipsis),
        0xE3 if text.as_bytes().get(i..i + 3) == Some("。".as_bytes()) => Some(Term::Cjk),
        0xEF if matches!(text.get(i..i + 3), Some("！" | "？")) => Some(Term::Cjk),
        _ => None,
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』'
    )
}

/// The length of a footnote mark opening `rest` (`[3]`, `[note 1]`, `[citation needed]`): a
/// short bracketed run on one line with nothing bracketed inside.
fn footnote_mark(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let mark = &inner[..close];
    (!mark.is_empty()
        && mark.len() <= 40
        && !mark.contains(['[', '\n'])
        && mark.chars().any(char::is_alphanumeric))
    .then_some(close + 2)
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '„' | '「' | '『'
    )
}

fn skip_space(text: &str, mut i: usize, to: usize) -> usize {
    while let Some(c) = text[i..to].chars().next() {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Decide a boundary at terminators `text[run_start..]` (closing quotes/brackets after them if
/// `closed`) followed by whitespace and the next word at `next`.
fn ends_sentence(
    text: &str,
    start: usize,
    run_start: usize,
    kind: Term,
    closed: bool,
    next: usize,
    to: usize,
) -> bool {
    let next_word = word_at(text, next, to);
    let first = next_word.chars().next().unwrap_or(' ');
    let lower_next = first.is_lowercase();
    match kind {
        Term::Cjk => true,
        // `"Are you sure?" Smith asked.` continues with its attribution.
        Term::Mark => !(lower_next || closed && attribution_follows(text, next, to)),
        Term::Ellipsis => is_opener(first) || is_opener_word(next_word),
        Term::Dot => {
            if closed {
                return !lower_next;
            }
            let token = token_before(text, start, run_start);
            match classify(token) {
                Abbrev::Title => false,
                Abbrev::MayEnd => is_opener(first) || is_opener_word(next_word),
                Abbrev::None => {
                    if lower_next {
                        return false;
                    }
                    // `1.` or `a.` opening a line is list numbering, not a sentence.
                    let so_far = text[start..run_start].trim_start();
                    let numbering = so_far.len() == token.len()
                        && (token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit())
                            || token.len() == 1);
                    !numbering
                }
            }
        }
    }
}

/// Whether a speech verb follows within a short name (`Smith said`, `Mr Jon Smith asked`).
fn attribution_follows(text: &str, next: usize, to: usize) -> bool {
    let mut words = text[next..to].split_whitespace().take(4);
    match words.next() {
        Some(name) if !name.ends_with([',', '.', '!', '?', ':', ';']) => {}
        _ => return false,
    }
    for w in words {
        let bare = w.trim_end_matches([',', '.']);
        if SPEECH_VERBS.contains(&bare) {
            return true;
        }
        // Only more of the name (`Mr Jon Smith`) may come before the verb.
        if bare.len() != w.len() || !w.starts_with(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// Verbs that attribute a quote to its speaker.
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "asked", "asks", "added", "adds", "told", "tells", "recalled", "explained",
    "wrote", "writes", "replied", "continued", "insisted", "admitted", "shouted", "cried",
    "laughed", "joked", "noted", "warned", "claimed", "argued", "declared", "yelled",
    "whispered", "exclaimed", "wondered", "stated", "tweeted", "posted", "remarked",
];

/// A full stop with no space after it: split only when a capitalised word follows directly
/// (`in 1993.Mrs Fergus said`, `he said."The`), never in numbers, domains or dotted names.
fn glued(text: &str, start: usize, run_start: usize, closed: bool, at: usize, to: usize) -> bool {
    let mut next = text[at..to].chars();
    let (Some(a), Some(b)) = (next.next(), next.next()) else {
        return false;
    };
    if !(a.is_uppercase() && b.is_lowercase()) {
        return false;
    }
    let word = word_at(text, at, to);
    if word.contains(['.', '/', '@']) && !word.ends_with(['.', ',', '!', '?', ':', ';']) {
        return false;
    }
    if closed {
        return true;
    }
    let token = token_before(text, start, run_start);
    let last = token.chars().next_back().unwrap_or(' ');
    token.chars().count() >= 2
        && last.is_alphanumeric()
        && !token.contains(['.', '/', '@'])
        && classify(token) == Abbrev::None
}

/// How far words are looked at around a full stop, in bytes: keeps the scan linear on
/// pathological input (megabytes without a space); no abbreviation is longer.
const WINDOW: usize = 64;

/// The whitespace-delimited word starting at `i` (at most [`WINDOW`] bytes).
fn word_at(text: &str, i: usize, to: usize) -> &str {
    let mut end = (i + WINDOW).min(to);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let rest = &text[i..end];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    &rest[..end]
}

/// The word just before the terminator at `run_start`, without opening quotes or brackets
/// and without a trailing dot of its own (`U.S` for `U.S.`).
fn token_before(text: &str, start: usize, run_start: usize) -> &str {
    let mut from = run_start.saturating_sub(WINDOW).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..run_start];
    let begin = before.rfind(char::is_whitespace).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    before[begin..].trim_start_matches(is_opener)
}

/// How an abbreviation before a full stop behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// Not an abbreviation: an ordinary word, number or name.
    None,
    /// Precedes a name and never ends a sentence.
    Title,
    /// May end a sentence (`Inc.`, `Jan.`, `U.S.`, an initial).
    MayEnd,
}

fn classify(token: &str) -> Abbrev {
    if TITLES.contains(&token) {
        return Abbrev::Title;
    }
    if MAY_END.contains(&token) {
        return Abbrev::MayEnd;
    }
    let mut chars = token.chars();
    // A single capital letter is an initial (`J. R. R. Tolkien`, `George W. Bush`).
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return Abbrev::MayEnd;
    }
    // Dotted acronyms: `U.S`, `a.m`, `Ph.D`, `D.C` (short letter groups joined by dots).
    if token.contains('.')
        && token
            .split('.')
            .all(|g| (1..=2).contains(&g.chars().count()) && g.chars().all(char::is_alphabetic))
    {
        return Abbrev::MayEnd;
    }
    Abbrev::None
}

/// Titles and labels that are always followed by a name or a number.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Adm", "Atty", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Det", "Dr", "Drs", "Gen", "Gens", "Gov",
    "Hon", "Insp", "Lieut", "Lt", "Maj", "Messrs", "Mme", "Mlle", "Mr", "Mrs", "Ms", "Mssrs",
    "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Supt", "Cllr",
];

/// Abbreviations that usually continue the sentence but may end it.
#[rustfmt::skip]
const MAY_END: &[&str] = &[
    "Inc", "Corp", "Ltd", "Co", "Cos", "Bros", "Plc", "plc", "Jr", "Sr", "Esq", "Assn", "Dept",
    "Univ", "Intl", "Natl", "Govt", "St", "Ste", "Mt", "Ft", "Ave", "Rd", "Blvd", "Hwy", "Sq",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Ala", "Ariz", "Ark",
    "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Mass",
    "Md", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "No", "Nos", "no", "Art", "Fig", "fig", "Figs", "Vol",
    "vol", "Vols", "Ch", "ch", "Sec", "sec", "pp", "p", "para", "Op", "op", "ed", "eds", "Ed",
    "tel", "Tel", "ext", "nr", "etc", "vs", "v", "al", "approx", "est", "ca", "cf", "viz", "ibid",
    "Rs", "Sr", "Sra", "Sta",
];

/// Whether `word` (the next whitespace-delimited word) is a common sentence opener.
fn is_opener_word(word: &str) -> bool {
    let word = word.trim_start_matches(is_opener);
    let letters = word
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(word.len());
    // `A.` is an initial, not the article.
    if word[letters..].starts_with('.') {
        return false;
    }
    OPENERS.contains(&&word[..letters])
}

/// Capitalised words that very often begin a sentence in news and rarely follow an
/// abbreviation inside one.
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "A", "About", "According", "After", "Again", "All", "Also", "Although", "Among", "An", "And",
    "Another", "Any", "As", "At", "Because", "Before", "Both", "But", "By", "Despite", "Dr",
    "During", "Each", "Earlier", "Even", "Every", "For", "From", "He", "Her", "Here", "His", "How",
    "However", "I", "If", "In", "Indeed", "Instead", "It", "Its", "Just", "Last", "Later",
    "Meanwhile", "Many", "More", "Moreover", "Most", "Mr", "Mrs", "Ms", "My", "No", "None", "Not",
    "Now", "Of", "On", "Once", "One", "Only", "Or", "Other", "Our", "Over", "She", "Since", "So",
    "Some", "Still", "Such", "That", "The", "Their", "Then", "There", "These", "They", "This",
    "Those", "Though", "Thus", "To", "Today", "Two", "Under", "Until", "We", "What", "When",
    "Where", "Which", "While", "Who", "Why", "With", "Without", "Yesterday", "Yet", "You", "Your",
];

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + (piece.len() - piece.trim_start().len());
        out.push(Span::new(s, s + trimmed.len()));
    }
}

/// The paragraph of each sentence, numbered from 0: a line break between a sentence and the one
/// before starts a new paragraph (every line break is one in newsdesk's text). `ask` weighs a
/// question's words in the candidate's paragraph, the passage a question is usually written from.
pub fn paragraph_numbers(text: &str, sentences: &[Span]) -> Vec<i64> {
    let mut para = 0;
    let mut prev_end = None;
    sentences
        .iter()
        .map(|s| {
            if let Some(end) = prev_end
                && text
                    .as_bytes()
                    .get(end..s.start)
                    .is_some_and(|gap| gap.contains(&b'\n'))
            {
                para += 1;
            }
            prev_end = Some(s.end);
            para
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_break_between_sentences_starts_a_paragraph() {
        let text = "One here. Two there.\n\nThree now.\nFour. Five.";
        let spans = split(text);
        assert_eq!(spans.len(), 5);
        assert_eq!(paragraph_numbers(text, &spans), [0, 0, 1, 2, 2]);
        assert!(paragraph_numbers(text, &[]).is_empty());
    }

    use super::*;

    fn pieces(t: &str) -> Vec<&str> {
        let spans = split(t);
        for s in &spans {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
            assert!(!s.is_empty());
            assert_eq!(s.of(t), s.of(t).trim());
        }
        spans.iter().map(|s| s.of(t)).collect()
    }

    #[test]
    fn newline_is_a_boundary() {
        let t = "Headline\nFirst one. Second one.";
        assert_eq!(pieces(t), ["Headline", "First one.", "Second one."]);
    }

    #[test]
    fn hard_news_paragraph() {
        let t = "WASHINGTON (Reuters) - U.S. Sen. Mary O. Keane met Gen. Tom Ruiz on Jan. 12 at \
                 the Pentagon. The talks, worth $1.2bn over 3.5 years, ran until 4 p.m. Tuesday. \
                 \"We are not there yet,\" Keane said. \"Are we close? Maybe.\" Acme Corp. and \
                 Widget Inc. declined to comment... Analysts were unsure. Shares of Widget \
                 Inc. fell 2.5 per cent. It was the No. 1 story in the U.S. The author J. R. R. \
                 Tolkien (a fan of maps.) was not involved. Why did she go? \"Because,\" she said!";
        assert_eq!(
            pieces(t),
            [
                "WASHINGTON (Reuters) - U.S. Sen. Mary O. Keane met Gen. Tom Ruiz on Jan. 12 at the Pentagon.",
                "The talks, worth $1.2bn over 3.5 years, ran until 4 p.m. Tuesday.",
                "\"We are not there yet,\" Keane said.",
                "\"Are we close?",
                "Maybe.\"",
                "Acme Corp. and Widget Inc. declined to comment... Analysts were unsure.",
                "Shares of Widget Inc. fell 2.5 per cent.",
                "It was the No. 1 story in the U.S.",
                "The author J. R. R. Tolkien (a fan of maps.) was not involved.",
                "Why did she go?",
                "\"Because,\" she said!",
            ]
        );
    }

    #[test]
    fn quotes_and_brackets_close_the_sentence() {
        let t = "He called it “a violation of law.” She disagreed. ‘It’s over,’ he said. \
                 (That was that.) Then silence.";
        assert_eq!(
            pieces(t),
            [
                "He called it “a violation of law.”",
                "She disagreed.",
                "‘It’s over,’ he said.",
                "(That was that.)",
                "Then silence."
            ]
        );
    }

    #[test]
    fn footnote_marks_stay_with_the_sentence_they_follow() {
        let t = "This is a form of jail solidarity.[page needed] There have been others. \
                 Viewing peaked at 16 million.[12][note 3] Figures fell after that. \
                 An array is written a[i]. Its size is fixed.";
        assert_eq!(
            pieces(t),
            [
                "This is a form of jail solidarity.[page needed]",
                "There have been others.",
                "Viewing peaked at 16 million.[12][note 3]",
                "Figures fell after that.",
                "An array is written a[i].",
                "Its size is fixed."
            ]
        );
    }

    #[test]
    fn attribution_after_a_quoted_question_stays() {
        let t = "\"Is it over?\" Jane Smith asked. It was. \"Go!\" Nobody moved. He left. ... Then she came.";
        assert_eq!(
            pieces(t),
            [
                "\"Is it over?\" Jane Smith asked.",
                "It was.",
                "\"Go!\"",
                "Nobody moved.",
                "He left.",
                "... Then she came."
            ]
        );
    }

    #[test]
    fn question_followed_by_attribution_stays() {
        let t = "\"Why now?\" he asked. \"Because!\" she replied.";
        assert_eq!(
            pieces(t),
            ["\"Why now?\" he asked.", "\"Because!\" she replied."]
        );
    }

    #[test]
    fn glued_sentences_are_split() {
        let t = "He was convicted in 1993.Mrs Fergus said so. Visit example.com today. \
                 It is in Washington D.C.-based firms.";
        assert_eq!(
            pieces(t),
            [
                "He was convicted in 1993.",
                "Mrs Fergus said so.",
                "Visit example.com today.",
                "It is in Washington D.C.-based firms."
            ]
        );
    }

    #[test]
    fn ellipsis_and_list_numbers() {
        let t = "1. First point\nIt went on… The end came. Wait … what?";
        assert_eq!(
            pieces(t),
            [
                "1. First point",
                "It went on…",
                "The end came.",
                "Wait … what?"
            ]
        );
    }

    #[test]
    fn unicode_and_odd_input_never_panics() {
        for t in [
            "",
            " ",
            "...",
            ". . .",
            "é.",
            "日本語の文。次の文！",
            "“",
            "a.\u{a0}B",
            "Mr.",
            "U.S.",
            "\n\n\r\n",
            "x?”",
        ] {
            let _ = pieces(t);
        }
        assert_eq!(pieces("日本語の文。次の文！"), ["日本語の文。", "次の文！"]);
        assert_eq!(pieces("Line one\r\nLine two"), ["Line one", "Line two"]);
        // Long runs without spaces stay linear and intact.
        let long = "x.Ab".repeat(20_000);
        assert_eq!(pieces(&long).len(), 1);
    }
}
