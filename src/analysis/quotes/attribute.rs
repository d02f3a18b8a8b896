//! Local attribution: the speaker named in the quote's own sentence.
//!
//! Patterns, tried in this order:
//! - a speech tag right after the quote: `"…," Smith said.`, `"…," said Smith, a …`,
//!   `"…," the newspaper reported.`, `"…," according to Smith.`
//! - a cue before the quote in the same sentence: `Smith said: "…"`,
//!   `Guterres called them a "violation …"`, `According to Smith, "…"`, `said Smith: "…"`
//! - a bare `Name: "…"` at the start of a sentence.

use super::cues;
use super::lex::{self, Kind, Tok};
use super::marks::Segment;
use super::phrase::{self, Mention};

/// How a speaker was found for a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A speech tag right after the quote.
    After,
    /// A cue verb (or `Name:`) before the quote in the same sentence.
    Before,
    /// No cue: the subject of the sentence the quote sits in.
    Subject,
}

/// Is token `k` a cue verb used as a verb (lower case, not after a determiner)?
pub fn is_cue_at(text: &str, toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if !t.is_word() {
        return false;
    }
    let w = t.span.of(text);
    if !w.chars().all(char::is_lowercase) || !cues::is_cue(w) {
        return false;
    }
    // `did not immediately respond`, `declined to comment`: no speech.
    let negated = toks[k.saturating_sub(2)..k]
        .iter()
        .any(|t| matches!(t.span.of(text), "not" | "never" | "n't" | "declined"));
    if negated {
        return false;
    }
    match k.checked_sub(1).map(|j| &toks[j]) {
        Some(p) if p.is_word() => {
            let pw = p.span.of(text);
            let noun_before = (cues::is_determiner(pw) && pw != "that")
                || cues::is_preposition(pw)
                || pw.ends_with("'s")
                || pw.ends_with("’s");
            !noun_before
        }
        _ => true,
    }
}

fn is_according_to(text: &str, toks: &[Tok], k: usize) -> bool {
    toks[k].is_word()
        && toks[k].span.of(text).eq_ignore_ascii_case("according")
        && toks
            .get(k + 1)
            .is_some_and(|t| t.is_word() && t.span.of(text) == "to")
}

/// Does a sentence end at token `k` (punctuation or a quote closing its sentence)?
fn boundary_at(text: &str, toks: &[Tok], segs: &[Segment], k: usize) -> bool {
    match toks[k].kind {
        Kind::Quote(i) => lex::quote_ends_sentence(text, toks, segs[i].inner, k),
        _ => lex::ends_sentence(text, toks, k),
    }
}

/// Tokens a sentence is searched over, back from a quote or forward to its tag. A longer run
/// without a boundary is no prose (a wall of quote marks, `Mr. Mr. Mr.`…), and scanning it whole
/// for every quote in it took time quadratic in its length.
const MAX_SENTENCE_TOKENS: usize = 256;

/// First token of the sentence holding token `k` (at most [`MAX_SENTENCE_TOKENS`] back).
pub fn sentence_start(text: &str, toks: &[Tok], segs: &[Segment], k: usize) -> usize {
    let floor = k.saturating_sub(MAX_SENTENCE_TOKENS);
    (floor..k)
        .rev()
        .find(|&j| boundary_at(text, toks, segs, j))
        .map_or(floor, |j| j + 1)
}

/// Tokens `a..b` can all belong to one speaker phrase (roles, names, determiners).
/// Tokens `a..b` can all belong to one speaker phrase: roles, names, determiners
/// (`Mr.`, `a narrator in the ad`, `people familiar with the talks`).
fn phrase_prefix_ok(text: &str, toks: &[Tok], a: usize, b: usize) -> bool {
    toks[a..b].iter().enumerate().all(|(k, t)| {
        let w = t.span.of(text);
        // The full stop of an abbreviated title (`Mr.`, `Sen.`).
        let abbrev = t.is_punct('.') && k > 0 && toks[a + k - 1].span.end == t.span.start;
        abbrev
            || (t.is_word()
                && (t.is_capitalised(text)
                    || cues::is_title(w)
                    || cues::is_determiner(w)
                    || matches!(w, "in" | "for" | "with" | "of" | "at" | "from")
                    || !cues::is_not_noun(w))
                && !cues::is_cue(w))
    })
}

/// A speech tag right after quote token `q`.
fn after(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<Mention> {
    let mut a = q + 1;
    let mut dash = false;
    while let Some(t) = toks.get(a) {
        match t.kind {
            Kind::Punct(',') => {}
            Kind::Punct('—' | '–' | '―' | '-') => dash = true,
            _ => break,
        }
        a += 1;
    }
    let end = toks.len().min(a + MAX_SENTENCE_TOKENS);
    let hi = (a..end)
        .find(|&j| toks[j].quote().is_some() || boundary_at(text, toks, segs, j))
        .map_or(end, |j| if toks[j].quote().is_some() { j } else { j + 1 });
    if a >= hi {
        return None;
    }
    if is_according_to(text, toks, a) {
        return phrase::phrase_after(text, toks, a + 2, hi);
    }
    if is_cue_at(text, toks, a) {
        if cues::is_participle(toks[a].span.of(text)) {
            return None;
        }
        return phrase::phrase_after(text, toks, a + 1, hi);
    }
    if let Some(v) = (a..hi.min(a + 20)).find(|&k| is_cue_at(text, toks, k))
        && let Some(m) = phrase::subject_before(text, toks, a, v)
        && (m.first == a || phrase_prefix_ok(text, toks, a, m.first))
    {
        return Some(m);
    }
    // A byline-style tag: `"…" ― Ana Ruiz`.
    if dash && toks[a].is_capitalised(text) {
        return phrase::phrase_after(text, toks, a, hi)
            .filter(|m| m.kind == phrase::MentionKind::Name);
    }
    None
}

/// First token after an introductory phrase (`In July,`, `But`, `At the rally,`) starting at
/// `start`, or `start` itself.
fn clause_start(text: &str, toks: &[Tok], segs: &[Segment], start: usize, hi: usize) -> usize {
    let mut i = start;
    while let Some(t) = toks.get(i).filter(|_| i < hi) {
        let w = t.span.of(text);
        let conj = t.is_capitalised(text)
            && matches!(
                w,
                "But" | "And" | "So" | "Yet" | "Still" | "Then" | "Also" | "Now" | "Or"
            );
        // `Conversely,` `Separately,`
        let adverb = t.is_capitalised(text)
            && w.ends_with("ly")
            && toks.get(i + 1).is_some_and(|n| n.is_punct(','));
        if !(conj || adverb) {
            break;
        }
        i += 1;
        if i < hi && toks[i].is_punct(',') {
            i += 1;
        }
    }
    if i < hi && toks[i].is_word() && cues::is_introducer(toks[i].span.of(text)) {
        let comma = |k: usize| {
            toks[k].is_punct(',')
                || toks[k]
                    .quote()
                    .is_some_and(|s| segs[s].inner.of(text).ends_with(','))
        };
        match (i..hi.min(i + 16)).find(|&k| comma(k)) {
            Some(c) => return c + 1,
            None => return hi,
        }
    }
    i
}

/// The subject of the sentence holding quote token `q`, when the sentence starts before it.
fn sentence_subject(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<Mention> {
    let start = sentence_start(text, toks, segs, q);
    let i = clause_start(text, toks, segs, start, q);
    phrase::subject_at(text, toks, i, q)
}

/// A cue before quote token `q` in the same sentence. The leftmost cue with a subject wins:
/// in `Trump said that Clinton called it "…"` the quote is reported by Trump.
fn before(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<Mention> {
    let start = sentence_start(text, toks, segs, q);
    let lo = (start..q)
        .rev()
        .find(|&j| toks[j].quote().is_some())
        .map_or(start, |j| j + 1);
    // `Trump boasted, "…"` / `Smith said: "…"`: the cue right before the quote.
    let mut d = q;
    while d > lo
        && (matches!(toks[d - 1].kind, Kind::Punct(',' | ':'))
            || toks[d - 1].span.of(text) == "that")
    {
        d -= 1;
    }
    if d > lo
        && is_cue_at(text, toks, d - 1)
        && let Some(m) = phrase::subject_before(text, toks, lo, d - 1)
    {
        return Some(m);
    }
    // `According to the Post, Smith said "…"`: the outer source.
    if let Some(k) = (start..q).find(|&k| is_according_to(text, toks, k))
        && let Some(m) = phrase::phrase_after(text, toks, k + 2, q)
    {
        return Some(m);
    }
    // A coordinated clause (`…, while Hewitt said "…"`) has its own speaker.
    let lo = (lo + 1..q)
        .rev()
        .find(|&j| {
            toks[j - 1].is_punct(',')
                && toks.get(j + 1).is_some_and(|n| {
                    let nw = n.span.of(text);
                    n.is_word()
                        && (n.is_capitalised(text)
                            || cues::is_pronoun(nw)
                            || cues::is_determiner(nw))
                })
                && matches!(
                    toks[j].span.of(text),
                    "while" | "but" | "and" | "whereas" | "although" | "though"
                )
        })
        .map_or(lo, |j| j + 1);
    let main = clause_start(text, toks, segs, lo, q).min(q);
    for range in [main..q, lo..main] {
        for k in range {
            if is_according_to(text, toks, k)
                && let Some(m) = phrase::phrase_after(text, toks, k + 2, q)
            {
                return Some(m);
            }
            if !is_cue_at(text, toks, k) {
                continue;
            }
            if let Some(m) = phrase::subject_before(text, toks, lo, k) {
                return Some(m);
            }
            // Inverted, opening its clause: `…, said Smith: "…"`.
            let opens = k == lo || matches!(toks[k - 1].kind, Kind::Punct(',' | ':' | '—'));
            // `telling O'Reilly that "…"`: after a participle or `told` comes the listener.
            let cue = toks[k].span.of(text);
            let listener = cues::is_participle(cue) || matches!(cue, "told" | "tells" | "tell");
            if opens
                && !listener
                && !cues::is_weak_cue(cue)
                && let Some(m) = phrase::phrase_after(text, toks, k + 1, q)
                && m.kind != phrase::MentionKind::Pronoun
            {
                return Some(m);
            }
        }
    }
    // `Said Smith: "…"`.
    if lo < q
        && toks[lo].is_capitalised(text)
        && cues::is_cue(toks[lo].span.of(text))
        && let Some(m) = phrase::phrase_after(text, toks, lo + 1, q)
    {
        return Some(m);
    }
    // `Name: "…"` opening a sentence.
    if q >= lo + 2 && toks[q - 1].is_punct(':') {
        let m = phrase::np_ending_at(text, toks, lo, q - 1)?;
        if m.kind == phrase::MentionKind::Name
            && (m.first == lo || phrase_prefix_ok(text, toks, lo, m.first))
        {
            return Some(m);
        }
    }
    None
}

/// The speaker named in quote token `q`'s own sentence, and how it was found.
pub fn local(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<(Mention, Cue)> {
    // After a quote that closes its sentence, a tag is less likely than a cue before it.
    let closes = lex::quote_ends_sentence(text, toks, segs[q_seg(toks, q)].inner, q);
    let found = if closes {
        before(text, toks, segs, q)
            .map(|m| (m, Cue::Before))
            .or_else(|| after(text, toks, segs, q).map(|m| (m, Cue::After)))
    } else {
        after(text, toks, segs, q)
            .map(|m| (m, Cue::After))
            .or_else(|| before(text, toks, segs, q).map(|m| (m, Cue::Before)))
    };
    let subject = sentence_subject(text, toks, segs, q);
    match (found, subject) {
        // `Clinton says she appreciated what she calls "…"`: the named subject of the sentence.
        (Some((m, c)), Some(s)) if m.kind == phrase::MentionKind::Pronoun => {
            let compatible = match cues::pronoun_class(m.span.of(text)) {
                Some(cues::PronounClass::Person) => s.kind == phrase::MentionKind::Name,
                Some(cues::PronounClass::Plural | cues::PronounClass::Thing) => {
                    s.kind != phrase::MentionKind::Pronoun
                }
                _ => false,
            };
            Some((
                if compatible && s.span.start < m.span.start {
                    s
                } else {
                    m
                },
                c,
            ))
        }
        (Some(f), _) => Some(f),
        // `Trump is promising "jobs, jobs, jobs"`: the sentence's subject.
        (None, Some(s)) => Some((s, Cue::Subject)),
        (None, None) => None,
    }
}

fn q_seg(toks: &[Tok], q: usize) -> usize {
    toks[q].quote().unwrap_or(0)
}

/// A transcript label opening a paragraph (`SMITH: …`): the speaker of its quotes.
pub fn label(text: &str, toks: &[Tok]) -> Option<Mention> {
    let colon = toks.iter().take(4).position(|t| t.is_punct(':'))?;
    let words = &toks[..colon];
    let all_caps = !words.is_empty()
        && words.iter().all(|t| {
            let w = t.span.of(text);
            t.is_word()
                && w.chars().count() >= 2
                && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                && !matches!(
                    w,
                    "UPDATE"
                        | "BREAKING"
                        | "EXCLUSIVE"
                        | "WATCH"
                        | "READ"
                        | "VIDEO"
                        | "PHOTOS"
                        | "NOTE"
                        | "CORRECTION"
                        | "ANALYSIS"
                        | "OPINION"
                        | "LIVE"
                        | "RELATED"
                )
        });
    all_caps.then(|| Mention {
        span: crate::analysis::Span::new(words[0].span.start, words[colon - 1].span.end),
        kind: phrase::MentionKind::Name,
        first: 0,
    })
}

/// Subjects of cue verbs in the narration outside quotes (`Smith said on Monday.`), for
/// quotes whose own sentence names no speaker.
pub fn cue_subjects(text: &str, toks: &[Tok], segs: &[Segment]) -> Vec<(usize, Mention)> {
    let mut out = Vec::new();
    for k in 0..toks.len() {
        if !is_cue_at(text, toks, k) {
            continue;
        }
        let lo = sentence_start(text, toks, segs, k);
        let lo = (lo..k)
            .rev()
            .find(|&j| toks[j].quote().is_some())
            .map_or(lo, |j| j + 1);
        if let Some(m) = phrase::subject_before(text, toks, lo, k) {
            out.push((k, m));
        }
    }
    out
}

/// Is there a `said`/`told`-type verb before quote token `q` in its sentence?
pub fn said_before(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> bool {
    let start = sentence_start(text, toks, segs, q);
    (start..q).any(|k| {
        matches!(
            toks[k].span.of(text),
            "said" | "says" | "say" | "told" | "tells" | "added" | "adds" | "wrote" | "writes"
        ) && is_cue_at(text, toks, k)
    })
}
