//! Local attribution: the speaker named in the quote's own sentence.
//!
//! Patterns, tried in this order:
//! - a speech tag right after the quote: `"…," Smith said.`, `"…," said Smith, a …`,
//!   `"…," the newspaper reported.`, `"…," according to Smith.`
//! - a cue before the quote in the same sentence: `Smith said: "…"`,
//!   `Guterres called it a "breach …"`, `According to Smith, "…"`, `said Smith: "…"`
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
    // `as Smith put it, "…"`, `Smith pointed out`, `she went on`, `Cole shot back`
    let next = toks
        .get(k + 1)
        .filter(|n| n.is_word())
        .map_or("", |n| n.span.of(text));
    let put_it = (matches!(w, "put" | "puts") && next == "it")
        || (matches!(w, "point" | "points" | "pointed") && next == "out")
        || (matches!(w, "went" | "goes" | "go") && next == "on")
        || (matches!(w, "shot" | "fired" | "wrote" | "hit") && next == "back");
    if !put_it && (!w.chars().all(char::is_lowercase) || !cues::is_cue(w)) {
        return false;
    }
    // `did not immediately respond`, `declined to comment`: no speech.
    let negated = toks[k.saturating_sub(2)..k]
        .iter()
        .any(|t| matches!(t.span.of(text), "not" | "never" | "n't" | "declined"));
    if negated {
        return false;
    }
    // `in a fundraising email`, `her latest tweet`: a determiner and a modifier before a cue
    // that is also a noun (but `the protesters call`, `the Democrats claim` are verbs).
    if cues::is_noun_cue(w)
        && k >= 2
        && toks[k - 1].is_word()
        && toks[k - 1].span.of(text).chars().all(char::is_lowercase)
        && !toks[k - 1].span.of(text).ends_with('s')
        && toks[k - 2].is_word()
        && {
            // `a fundraising email`, `his now-familiar campaign promise`
            let opens = |w2: &str| {
                cues::is_determiner(w2)
                    || cues::is_preposition(w2)
                    || w2.ends_with("'s")
                    || w2.ends_with("’s")
            };
            let w2 = toks[k - 2].span.of(text);
            opens(w2)
                || (k >= 3
                    && toks[k - 3].is_word()
                    && w2.chars().all(|c| c.is_lowercase() || c == '-')
                    && opens(toks[k - 3].span.of(text)))
        }
        && !cues::is_between(toks[k - 1].span.of(text))
    {
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
        && !cues::is_participle(toks[v].span.of(text))
        && let Some(m) = phrase::subject_before(text, toks, a, v)
        && (m.first == a
            || phrase_prefix_ok(text, toks, a, m.first)
            || (m.kind != phrase::MentionKind::Description
                && m.first > a
                && toks[m.first - 1].is_punct(',')))
    {
        // `"…" yet in the end, she said` (a tag after the rest of the clause).
        return Some(m);
    }
    // `"…," Cole smiled.`, `"…!" beamed Ana Ruiz.`: a past tense verb the cue list lacks, in a
    // tag that ends right after it or its name; only after a quote opening its sentence (inside
    // one, such a verb is the sentence's own: `Ortiz, star of "…," thanked Cole`).
    if sentence_start(text, toks, segs, q) == q {
        let past = |k: usize| {
            toks.get(k).is_some_and(|t| {
                let w = t.span.of(text);
                t.is_word() && w.len() > 4 && w.ends_with("ed") && w.chars().all(char::is_lowercase)
            })
        };
        let ends = |k: usize| {
            toks.get(k)
                .is_none_or(|t| t.is_punct(',') || boundary_at(text, toks, segs, k))
        };
        if past(a)
            && let Some(m) = phrase::phrase_after(text, toks, a + 1, hi)
            && m.kind == phrase::MentionKind::Name
        {
            return Some(m);
        }
        if let Some(m) = phrase::phrase_after(text, toks, a, hi)
            && m.kind != phrase::MentionKind::Pronoun
            && let Some(e) = (a..hi).find(|&k| toks[k].span.end == m.span.end)
            && past(e + 1)
            && ends(e + 2)
        {
            return Some(m);
        }
    }
    // A byline-style tag: `"…" ― Ana Ruiz`.
    if dash && toks[a].is_capitalised(text) {
        return phrase::phrase_after(text, toks, a, hi)
            .filter(|m| m.kind == phrase::MentionKind::Name);
    }
    None
}

/// How far an introductory phrase may run before its comma.
const INTRO_TOKENS: usize = 32;

/// First token after an introductory phrase (`In July,`, `But`, `At the rally,`) starting at
/// `start`, or `start` itself.
fn clause_start(text: &str, toks: &[Tok], segs: &[Segment], start: usize, hi: usize) -> usize {
    let mut i = skip_dateline(text, toks, start, hi);
    // Several introductory phrases may follow each other (`On Monday, after the vote, …`).
    for _ in 0..3 {
        let from = i;
        i = skip_openers(text, toks, i, hi);
        if i < hi && toks[i].is_word() && is_intro_phrase(text, toks, i) {
            let comma = |k: usize| {
                toks[k].is_punct(',')
                    || toks[k]
                        .quote()
                        .is_some_and(|s| segs[s].inner.of(text).ends_with(','))
            };
            // Long openers are common in news (`After the committee spent three weeks
            // reviewing every invoice …,`): 16 tokens cut them short and left no subject.
            match (i..hi.min(i + INTRO_TOKENS)).find(|&k| comma(k)) {
                Some(c) => i = skip_place_tail(text, toks, c, hi),
                None => return hi,
            }
        }
        if i == from {
            break;
        }
    }
    i
}

/// First token after a dateline opening a story (`PARIS, May 2 (Wire) — …`), or `start`:
/// the city in capitals is no subject.
fn skip_dateline(text: &str, toks: &[Tok], start: usize, hi: usize) -> usize {
    let caps = |t: &Tok| {
        let w = t.span.of(text);
        t.is_word()
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    if start >= hi || !caps(&toks[start]) {
        return start;
    }
    let dash = |k: usize| matches!(toks[k].kind, Kind::Punct('—' | '–' | '-'));
    let Some(d) = (start + 1..hi.min(start + 14)).find(|&k| dash(k)) else {
        return start;
    };
    let mut i = d + 1;
    while i < hi && dash(i) {
        i += 1;
    }
    i
}

/// The token after an opener's comma at `c`. When the opener ends in a capitalised word, a
/// short capitalised run and a second comma finish its place or date (`In Salem, New
/// Hampshire, Cole said`, `On Friday, May 2, she said`): the clause starts after them.
fn skip_place_tail(text: &str, toks: &[Tok], c: usize, hi: usize) -> usize {
    let cap_or_num = |t: &Tok| {
        t.is_capitalised(text)
            || (t.is_word() && t.span.of(text).starts_with(|d: char| d.is_ascii_digit()))
    };
    if c == 0 || !cap_or_num(&toks[c - 1]) {
        return c + 1;
    }
    let Some(c2) = (c + 1..hi.min(c + 5)).find(|&k| !cap_or_num(&toks[k])) else {
        return c + 1;
    };
    let subject_next = toks.get(c2 + 1).is_some_and(|n| {
        c2 + 1 < hi && (n.is_capitalised(text) || cues::is_pronoun(n.span.of(text)))
    });
    if c2 > c + 1 && toks[c2].is_punct(',') && subject_next {
        c2 + 1
    } else {
        c + 1
    }
}

/// Skip conjunctions and sentence adverbs opening a clause (`But`, `Conversely,`,
/// `Recently she …`).
fn skip_openers(text: &str, toks: &[Tok], start: usize, hi: usize) -> usize {
    let mut i = start;
    while let Some(t) = toks.get(i).filter(|_| i < hi) {
        let w = t.span.of(text);
        let conj = t.is_capitalised(text)
            && matches!(
                w,
                "But" | "And" | "So" | "Yet" | "Still" | "Then" | "Also" | "Now" | "Or"
            );
        // `Conversely,` `Separately,` `Recently she said`
        let adverb = t.is_capitalised(text)
            && w.ends_with("ly")
            && toks.get(i + 1).is_some_and(|n| {
                n.is_punct(',')
                    || (n.is_word()
                        && cues::is_pronoun(n.span.of(text))
                        && n.span.of(text).chars().all(char::is_lowercase))
            });
        if !(conj || adverb) {
            break;
        }
        i += 1;
        if i < hi && toks[i].is_punct(',') {
            i += 1;
        }
    }
    i
}

/// Does the word at `i` open an introductory phrase that ends at a comma: a preposition or
/// subordinator (`In July,` `After the vote,`) or a participle (`Speaking to reporters,`
/// `Kicking off the day in Ohio,` `Preceded by the mayor,`)?
fn is_intro_phrase(text: &str, toks: &[Tok], i: usize) -> bool {
    let w = toks[i].span.of(text);
    if cues::is_introducer(w) {
        return true;
    }
    // `Hours later,` `Two days earlier,` `Moments ago,`
    let time = (i + 1..toks.len().min(i + 5))
        .find(|&c| toks[c].is_punct(','))
        .is_some_and(|c| {
            matches!(
                toks[c - 1].span.of(text),
                "later" | "earlier" | "ago" | "afterward" | "afterwards"
            )
        });
    if time {
        return true;
    }
    let participle = toks[i].is_capitalised(text)
        && w.chars().count() >= 6
        && (w.ends_with("ing") || w.ends_with("ed"));
    participle
        && toks.get(i + 1).is_some_and(|n| {
            let nw = n.span.of(text);
            n.is_word()
                && nw.chars().all(char::is_lowercase)
                && !cues::is_cue(nw)
                && !cues::is_between(nw)
        })
}

/// The subject of the sentence holding quote token `q`, when the sentence starts before it.
fn sentence_subject(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<Mention> {
    let start = sentence_start(text, toks, segs, q);
    let i = clause_start(text, toks, segs, start, q);
    phrase::subject_at(text, toks, i, q)
}

/// The subject of the cue verb at token `k`, looking back no further than `lo`.
///
/// A participle continues its clause (`Cole endorsed the plan, saying "…"`, `Cole opened the
/// debate saying "…"`): its speaker is the clause's subject, unless the participle has its own
/// (`with many marchers chanting "…"`). A cue after a comma whose clause opens with a phrase
/// and a comma takes that phrase, however many asides sit in between (`Cole, at a town hall
/// in Akron, Ohio, said`).
fn subject_of(text: &str, toks: &[Tok], segs: &[Segment], lo: usize, k: usize) -> Option<Mention> {
    let direct = phrase::subject_before(text, toks, lo, k);
    let i = clause_start(text, toks, segs, lo, k);
    if i >= k {
        return direct;
    }
    if cues::is_participle(toks[k].span.of(text)) {
        // `Ryan will come, Cole said, adding "…"`: the participle goes on from the cue before it.
        if k >= 2 && toks[k - 1].is_punct(',') && is_cue_at(text, toks, k - 2) {
            let said = subject_of(text, toks, segs, lo, k - 2);
            if said.is_some() {
                return said;
            }
        }
        let own = direct.filter(|m| {
            m.first > i && m.first > 0 && matches!(toks[m.first - 1].span.of(text), "with" | "With")
        });
        if own.is_some() {
            return own;
        }
        // `Cole smiled when she announced the deal, calling it "…"`: the nearest clause's
        // pronoun subject.
        let nearest = (i + 1..k).rev().find(|&j| {
            let w = toks[j].span.of(text);
            toks[j].is_word()
                && matches!(w, "he" | "she" | "they" | "we" | "I")
                && matches!(toks[j - 1].span.of(text), "when" | "as" | "while" | "and")
        });
        if let Some(j) = nearest {
            return Some(Mention {
                span: toks[j].span,
                kind: phrase::MentionKind::Pronoun,
                first: j,
            });
        }
        return phrase::subject_at(text, toks, i, k).or(direct);
    }
    if !toks[k - 1].is_punct(',') {
        return direct;
    }
    let Some(open) = phrase::phrase_after(text, toks, i, k) else {
        return direct;
    };
    let Some(e) = (i..k).find(|&j| toks[j].span.end == open.span.end) else {
        return direct;
    };
    let asides_only = toks.get(e + 1).is_some_and(|t| t.is_punct(','))
        && (e + 1..k).all(|j| toks[j].quote().is_none() && !is_cue_at(text, toks, j));
    match direct {
        Some(d) if asides_only && d.first > e => Some(open),
        None if asides_only => Some(open),
        d => d,
    }
}

/// A name, a pronoun, or a description headed by a role (`the campaign manager`): a mention
/// that can speak without a cue verb, unlike `The anxiety` or `His face`.
fn speaker_like(text: &str, m: &Mention) -> bool {
    m.kind != phrase::MentionKind::Description
        || m.span
            .of(text)
            .rsplit(' ')
            .next()
            .is_some_and(cues::is_title)
}

/// Subordinators opening a clause with its own subject (`…, when he claimed "…"`).
fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "when"
            | "as"
            | "while"
            | "after"
            | "before"
            | "because"
            | "since"
            | "until"
            | "where"
            | "if"
            | "though"
            | "although"
            | "once"
    )
}

/// A cue in a subordinate clause trailing the cue at `k` (`Hewitt asked Trump about it, when he
/// claimed Obama was "…"`): the quote belongs to that clause's subject.
fn subordinate_cue(text: &str, toks: &[Tok], k: usize, q: usize) -> Option<Mention> {
    let s = (k + 2..q)
        .find(|&j| toks[j - 1].is_punct(',') && is_subordinator(toks[j].span.of(text)))?;
    (s + 2..q).find_map(|k2| {
        if !is_cue_at(text, toks, k2) {
            return None;
        }
        phrase::subject_before(text, toks, s + 1, k2)
            .filter(|m| !is_relative(text, m) && speaker_like(text, m))
    })
}

/// The subject of the sentence ending at token `last`, for a quote standing alone after it.
pub fn subject_ending_at(
    text: &str,
    toks: &[Tok],
    segs: &[Segment],
    last: usize,
) -> Option<Mention> {
    let start = sentence_start(text, toks, segs, last);
    let i = clause_start(text, toks, segs, start, last);
    phrase::subject_at(text, toks, i, last + 1)
}

/// A cue before quote token `q` in the same sentence. The leftmost cue with a subject wins:
/// in `Trump said that Clinton called it "…"` the quote is reported by Trump; but a cue in a
/// subordinate clause after a comma (`…, when he claimed "…"`) names its own speaker.
fn before(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<Mention> {
    let start = sentence_start(text, toks, segs, q);
    let lo = (start..q)
        .rev()
        .find(|&j| toks[j].quote().is_some())
        .map_or(start, |j| j + 1);
    let lo_q = lo;
    // `According to the Post, Smith said "…"`: the outer source, even before the cue right
    // before the quote; but in `Smith said that according to its count, "…"` the cue comes
    // first and names the speaker.
    if let Some(k) = (start..q).find(|&k| is_according_to(text, toks, k))
        && !(start..k).any(|j| is_cue_at(text, toks, j))
        && let Some(m) = phrase::phrase_after(text, toks, k + 2, q)
    {
        return Some(m);
    }
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
        && let Some(m) = subject_of(text, toks, segs, lo, d - 1)
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
    // A relative clause's cue (`Cole, who questioned it, said "…"`) yields to the main one.
    let mut relative = None;
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
            // `Cole was asked by host Ana Ruiz, "…"`: the agent of a passive cue speaks.
            if k > lo
                && matches!(
                    toks[k - 1].span.of(text),
                    "was" | "were" | "is" | "are" | "been" | "being"
                )
                && toks
                    .get(k + 1)
                    .is_some_and(|t| k + 1 < q && t.span.of(text) == "by")
                && let Some(m) = phrase::phrase_after(text, toks, k + 2, q)
                && m.kind != phrase::MentionKind::Pronoun
            {
                return Some(m);
            }
            if let Some(m) = subject_of(text, toks, segs, lo, k) {
                if is_relative(text, &m) {
                    relative = relative.or(Some(m));
                    continue;
                }
                if let Some(n) = subordinate_cue(text, toks, k, q) {
                    return Some(n);
                }
                return Some(m);
            }
            // Inverted, opening its clause: `…, said Smith: "…"`.
            let opens = k == lo || matches!(toks[k - 1].kind, Kind::Punct(',' | ':' | '—'));
            // `telling O'Reilly that "…"`: after a participle or `told` comes the listener.
            let cue = toks[k].span.of(text);
            let listener = cues::is_participle(cue) || matches!(cue, "told" | "tells" | "tell");
            // `"…," said Smith, who added "…"`: that tag is the previous quote's.
            let prev_tag =
                lo_q > start && (lo_q..k).all(|j| matches!(toks[j].kind, Kind::Punct(_)));
            if opens
                && !listener
                && !prev_tag
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
    if relative.is_some() {
        return relative;
    }
    if let Some(m) = possessive_speech(text, toks, lo, q) {
        return Some(m);
    }
    // `Name: "…"` opening a sentence, or a full name right before the colon (`More from
    // pollster Ana Ruiz: "…"`).
    if q >= lo + 2 && toks[q - 1].is_punct(':') {
        let m = phrase::np_ending_at(text, toks, lo, q - 1)?;
        let full_name = m.span.of(text).contains(' ')
            || (m.first > lo
                && matches!(toks[m.first - 1].span.of(text), "from" | "-" | "—" | "–"));
        // After `told` the name is the listener.
        let listener = (lo..m.first).any(|k| is_cue_at(text, toks, k));
        if m.kind == phrase::MentionKind::Name
            && !listener
            && (m.first == lo || full_name || phrase_prefix_ok(text, toks, lo, m.first))
        {
            return Some(m);
        }
    }
    None
}

/// `her remark that "…"`, `the mayor's warning that "…"`, `his calls to end the "…"`: a noun
/// naming something said, a few words before the quote, speaks for its possessor.
fn possessive_speech(text: &str, toks: &[Tok], lo: usize, q: usize) -> Option<Mention> {
    let n = (q.saturating_sub(6).max(lo)..q)
        .rev()
        .find(|&k| toks[k].is_word() && cues::is_speech_noun(toks[k].span.of(text)))?;
    if (n + 1..q).any(|k| toks[k].quote().is_some() || is_cue_at(text, toks, k)) {
        return None;
    }
    // The quote is what was said (`claim that "…"`, `call for "…"`), not a verdict on it
    // (`his comments were "…"`, `her statement about "…"`).
    let mut b = q;
    while b > n + 1 && matches!(toks[b - 1].kind, Kind::Punct(',' | ':')) {
        b -= 1;
    }
    let content = (n + 1 < q && matches!(toks[n + 1].span.of(text), "that" | "for" | "to"))
        || toks[b - 1].span.of(text) == "that";
    if !content {
        return None;
    }
    // The possessor: right before the noun or before one or two modifiers (`her March comment`).
    let p = (n.saturating_sub(3).max(lo)..n).rev().find(|&k| {
        let w = toks[k].span.of(text);
        toks[k].is_word()
            && (matches!(w, "his" | "her" | "their" | "its")
                || ((w.ends_with("'s") || w.ends_with("’s")) && toks[k].is_capitalised(text)))
    })?;
    // Nothing but modifiers between the possessor and the noun.
    if (p + 1..n).any(|k| !toks[k].is_word() || cues::is_determiner(toks[k].span.of(text))) {
        return None;
    }
    let w = toks[p].span.of(text);
    if matches!(w, "his" | "her" | "their" | "its") {
        return Some(Mention {
            span: toks[p].span,
            kind: phrase::MentionKind::Pronoun,
            first: p,
        });
    }
    let m = phrase::np_ending_at(text, toks, lo, p + 1)?;
    let cut = if w.ends_with("’s") { "’s".len() } else { 2 };
    Some(Mention {
        span: crate::analysis::Span::new(m.span.start, m.span.end - cut),
        ..m
    })
}

/// The speaker named in quote token `q`'s own sentence, and how it was found.
/// `…, according to the Post.` closing the sentence of quote token `q`: the outer source.
fn according_after(
    text: &str,
    toks: &[Tok],
    segs: &[Segment],
    q: usize,
    tagged_after: bool,
) -> Option<Mention> {
    // A tag after the quote (`"…?" Cole asked, according to …`) continues its sentence.
    if !tagged_after && boundary_at(text, toks, segs, q) {
        return None;
    }
    let end = toks.len().min(q + 1 + MAX_SENTENCE_TOKENS);
    let hi = (q + 1..end)
        .find(|&j| toks[j].quote().is_some() || boundary_at(text, toks, segs, j))
        .unwrap_or(end);
    let k = (q + 1..hi).find(|&k| is_according_to(text, toks, k))?;
    phrase::phrase_after(text, toks, k + 2, hi)
}

pub fn local(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<(Mention, Cue)> {
    let found = local_tag(text, toks, segs, q)?;
    // `"…," Smith said, according to the Post.`: the source is the one reporting the words.
    if found.1 != Cue::Subject
        && let Some(m) = according_after(text, toks, segs, q, found.1 == Cue::After)
    {
        return Some((m, found.1));
    }
    Some(found)
}

/// First token after quote token `q` past commas and dashes.
fn first_word_after(toks: &[Tok], q: usize) -> usize {
    let mut a = q + 1;
    while toks
        .get(a)
        .is_some_and(|t| matches!(t.kind, Kind::Punct(',' | '—' | '–' | '―' | '-')))
    {
        a += 1;
    }
    a
}

/// After a quote closing its sentence, is what follows a short tag (`"…." Smith said on
/// Monday.`) rather than a new sentence about someone (`"…." Cole said he would …`)?
fn short_tag(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> bool {
    let a = first_word_after(toks, q);
    if a >= toks.len() || is_cue_at(text, toks, a) || is_according_to(text, toks, a) {
        return true;
    }
    let end = toks.len().min(a + 20);
    let Some(v) = (a..end).find(|&k| is_cue_at(text, toks, k)) else {
        return true;
    };
    // `"…." Cole says he is not sure.`, `"…." Cole said: "…"`: the cue opens a clause or a quote
    // of its own, so the sentence is about what follows, not the quote before it.
    let mut c = v + 1;
    while toks
        .get(c)
        .is_some_and(|t| matches!(t.kind, Kind::Punct(',' | ':')))
    {
        c += 1;
    }
    if let Some(t) = toks.get(c) {
        let w = t.span.of(text);
        if t.quote().is_some() || matches!(w, "that" | "he" | "she" | "they" | "I" | "we" | "it") {
            return false;
        }
    }
    // The tag's sentence ends (or the next quote opens) within a dozen tokens of the cue.
    let end = toks.len().min(v + 13);
    end == toks.len()
        || (v + 1..end).any(|j| toks[j].quote().is_some() || boundary_at(text, toks, segs, j))
}

/// A tag closing the sentence of quote token `q` after the rest of its clause, set off by a
/// comma: `…, said Tom Cole, a party official.` or `…, the report says.`
fn tail_tag(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<Mention> {
    let inner = segs[q_seg(toks, q)].inner;
    if lex::quote_ends_sentence(text, toks, inner, q) {
        return None;
    }
    let lim = toks.len().min(q + 1 + MAX_SENTENCE_TOKENS);
    let end = match (q + 1..lim).find(|&j| boundary_at(text, toks, segs, j)) {
        Some(j) if toks[j].quote().is_some() => return None,
        Some(j) => j,
        None if lim == toks.len() => lim,
        None => return None,
    };
    (q + 1..end)
        .filter(|&c| toks[c].is_punct(','))
        .find_map(|c| {
            let a = c + 1;
            if a >= end {
                return None;
            }
            // Inverted: `, said Tom Cole, …` (but after `told` comes the listener).
            if is_cue_at(text, toks, a) {
                let cue = toks[a].span.of(text);
                if cues::is_participle(cue) || matches!(cue, "told" | "tells" | "tell") {
                    return None;
                }
                return phrase::phrase_after(text, toks, a + 1, end);
            }
            // `, the report says.` with little after the cue, and no clause of its own after it
            // (`, Cole said he …`).
            let v = (a + 1..end.min(a + 8)).find(|&k| is_cue_at(text, toks, k))?;
            if cues::is_participle(toks[v].span.of(text)) || end - v > 12 {
                return None;
            }
            let next = toks.get(v + 1).filter(|_| v + 1 < end);
            if next.is_some_and(|t| {
                t.quote().is_some()
                    || matches!(
                        t.span.of(text),
                        "that" | "he" | "she" | "they" | "I" | "we" | "it"
                    )
            }) {
                return None;
            }
            phrase::subject_before(text, toks, a, v).filter(|m| m.first == a)
        })
}

fn local_tag(text: &str, toks: &[Tok], segs: &[Segment], q: usize) -> Option<(Mention, Cue)> {
    // After a quote that closes its sentence, a tag is less likely than a cue before it.
    let closes = lex::quote_ends_sentence(text, toks, segs[q_seg(toks, q)].inner, q);
    let found = if closes {
        before(text, toks, segs, q)
            .map(|m| (m, Cue::Before))
            .or_else(|| {
                after(text, toks, segs, q)
                    .filter(|_| short_tag(text, toks, segs, q))
                    .map(|m| (m, Cue::After))
            })
    } else {
        match after(text, toks, segs, q) {
            // `While Cole said it was "…" last year, she said …`: a tag after the rest of the
            // clause yields to a cue before the quote.
            Some(m)
                if m.first > first_word_after(toks, q) + 1
                    && let Some(b) = before(text, toks, segs, q) =>
            {
                Some((b, Cue::Before))
            }
            Some(m) => Some((m, Cue::After)),
            None => before(text, toks, segs, q).map(|m| (m, Cue::Before)),
        }
    };
    // `Ruiz "won easily" in the primary, said Tom Cole.`: with no cue of its own, a quote
    // inside a clause belongs to the tag closing its sentence rather than to the clause's
    // subject, who is talked about.
    let found = found.or_else(|| tail_tag(text, toks, segs, q).map(|m| (m, Cue::After)));
    // A pronoun next to the cue stays the speaker mention (`Smith says she …, she added`): the
    // resolver gives it its full name. Taking the sentence's subject instead put sentence
    // openers (`Fundraising was "…," he said`) in the pronoun's place.
    let subject = sentence_subject(text, toks, segs, q);
    match (found, subject) {
        // `Cole rejects what she calls "…"`: the embedded cue names the clause's subject again.
        (Some((m, c)), Some(s))
            if m.kind == phrase::MentionKind::Pronoun
                && s.span.start < m.span.start
                && (embedded(text, toks, m.first)
                    || (c == Cue::After && subject_speaks(text, toks, &s)))
                && compatible(text, &m, &s) =>
        {
            Some((s, c))
        }
        (Some(f), _) => Some(f),
        (None, Some(s)) if !no_speaker(text, &s) => Some((s, Cue::Subject)),
        _ => None,
    }
}

/// A sentence subject that cannot say anything: an expletive or a word read as a phrase
/// (`It's the pull of …`, `There's still time …`, `Maybe …`). A bare `it` stays: it often
/// stands for a body that speaks (`The board … It cited "…"`).
fn no_speaker(text: &str, m: &Mention) -> bool {
    let w = m.span.of(text).replace('’', "'").to_lowercase();
    matches!(
        w.as_str(),
        "it's"
            | "there"
            | "there's"
            | "that"
            | "that's"
            | "this"
            | "here's"
            | "what's"
            | "nothing"
            | "maybe"
            | "perhaps"
            | "were"
            | "was"
    )
}

/// Is the pronoun at token `k` the subject of an embedded clause (`what she calls`, `whom he
/// called`)?
fn embedded(text: &str, toks: &[Tok], k: usize) -> bool {
    k > 0 && matches!(toks[k - 1].span.of(text), "what" | "whom" | "which")
}

/// Is the subject mention `s` followed by a cue verb (`Cole said she felt "…," she said`: the
/// tag after the quote repeats the sentence's speaker)?
fn subject_speaks(text: &str, toks: &[Tok], s: &Mention) -> bool {
    let Some(e) = toks.iter().position(|t| t.span.end == s.span.end) else {
        return false;
    };
    let mut k = e + 1;
    while toks
        .get(k)
        .is_some_and(|t| t.is_word() && cues::is_between(t.span.of(text)))
    {
        k += 1;
    }
    k < toks.len() && is_cue_at(text, toks, k)
}

/// Can pronoun mention `p` stand for subject mention `s`?
fn compatible(text: &str, p: &Mention, s: &Mention) -> bool {
    match cues::pronoun_class(p.span.of(text)) {
        Some(cues::PronounClass::Person) => s.kind == phrase::MentionKind::Name,
        Some(cues::PronounClass::Plural | cues::PronounClass::Thing) => {
            s.kind != phrase::MentionKind::Pronoun
        }
        _ => false,
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
        // Weak cues (`the states`, `repeated calls`) are too often nouns to name the speaker of
        // later quotes.
        if !is_cue_at(text, toks, k) || cues::is_weak_cue(toks[k].span.of(text)) {
            continue;
        }
        let lo = sentence_start(text, toks, segs, k);
        let lo = (lo..k)
            .rev()
            .find(|&j| toks[j].quote().is_some())
            .map_or(lo, |j| j + 1);
        let m = subject_of(text, toks, segs, lo, k);
        // Later quotes continue the phrase a relative pronoun stands for (`Cole, who said …`).
        let m = match m {
            Some(r) if is_relative(text, &r) => r
                .first
                .checked_sub(1)
                .and_then(|c| phrase::np_ending_at(text, toks, lo, c)),
            m => m,
        };
        // The subject of a subordinate clause (`… after she called Cole`) is not who speaks on.
        let subordinate = m.is_some_and(|m| {
            m.first > lo
                && matches!(
                    toks[m.first - 1].span.of(text),
                    "after" | "before" | "when" | "while" | "because" | "since" | "until" | "if"
                )
        });
        if let Some(m) = m.filter(|_| !subordinate) {
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

/// A paragraph ending in a colon (`The mayor then listed her demands:`) introduces the quote
/// opening the next one: the subject of its last sentence.
pub fn colon_intro(text: &str, toks: &[Tok], segs: &[Segment]) -> Option<Mention> {
    let last = toks.len().checked_sub(1)?;
    if !toks[last].is_punct(':') {
        return None;
    }
    let start = sentence_start(text, toks, segs, last);
    let i = clause_start(text, toks, segs, start, last);
    phrase::subject_at(text, toks, i, last)
}

/// A signature paragraph (`- Ana Ruiz.`, `— Mayor Ana Ruiz, at the rally`): the speaker of the
/// quotes just before it.
pub fn signature(text: &str, toks: &[Tok]) -> Option<Mention> {
    let first = toks.first()?;
    if !matches!(first.kind, Kind::Punct('-' | '—' | '–' | '―')) || toks.len() > 16 {
        return None;
    }
    if toks.iter().any(|t| t.quote().is_some()) {
        return None;
    }
    phrase::phrase_after(text, toks, 1, toks.len()).filter(|m| m.kind == phrase::MentionKind::Name)
}

/// Is `m` a relative pronoun (`who`, `which`) standing for the phrase before it?
fn is_relative(text: &str, m: &Mention) -> bool {
    m.kind == phrase::MentionKind::Pronoun && matches!(m.span.of(text), "who" | "which")
}
