//! Direct quotes and who said them.
//!
//! A small pipeline, one stage per module:
//! [`marks`] pairs quote marks into segments (per paragraph, continuing across paragraphs) →
//! [`lex`] tokenises each paragraph with every quote as one token →
//! [`attribute`] finds the speaker phrase ([`phrase`]) in the quote's own sentence, around a
//! cue verb ([`cues`]) → quotes without one inherit the continuing speaker (same sentence,
//! same multi-paragraph quote, earlier quote or speech verb in the paragraph, then the
//! previous paragraph's speaker; a quote standing alone after a narration sentence falls back
//! to that sentence's subject) → [`resolve`] turns mentions into full names and entities →
//! [`rank`] scores how "key" each quote is. Quotes come back in text order; callers rank by
//! `score`. Unclosed quotes, short ones without a speaker in their own sentence and bare
//! one-word scare quotes are dropped (see `keep`).
//!
//! ```
//! use newsdesk::analysis::quotes::find;
//! let text = "\"We will rebuild the bridge,\" Mayor Ana Ruiz said on Monday.";
//! let q = find(text, &[], &[]);
//! assert_eq!(q[0].span.of(text), "We will rebuild the bridge,");
//! assert_eq!(q[0].speaker.as_ref().unwrap().name, "Ana Ruiz");
//! ```

mod attribute;
mod cues;
mod lex;
mod marks;
mod phrase;
mod rank;
mod resolve;

pub use rank::is_statement;

use super::{Entity, Quote, Span};
use attribute::Cue;
use phrase::Mention;

/// Where a quote's speaker came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Named in the quote's own sentence.
    Local(Cue),
    /// Inherited from a neighbouring quote or speech verb.
    Inherited,
    /// Inherited from another quote of the same sentence, or a transcript label: still
    /// attributed within the quote's own sentence.
    Sibling,
}

/// Per-segment facts gathered while reading paragraphs.
#[derive(Debug, Clone, Copy)]
struct Slot {
    para: usize,
    /// Token index of the sentence start (identifies the sentence within the paragraph).
    sentence: usize,
    /// The quote token opens its paragraph.
    opens_para: bool,
    /// The quote token opens its sentence (`"…," she said. "Not once."`).
    opens_sentence: bool,
    /// `said`/`told`-type verb earlier in the quote's sentence (reported speech).
    said_before: bool,
    found: Option<(Mention, Origin)>,
    /// For a quote opening its sentence: the subject of the narration sentence right before it
    /// (`Bolton backed him. "…"`), the speaker when nothing else names one.
    prior: Option<Mention>,
}

/// Find direct quotes in `text` and attribute them to speakers.
///
/// Never fails: unbalanced or stray quote marks are skipped. `entities` (from
/// [`super::entities`]) are used to resolve speakers to full names when they cover them.
/// `sentences` is not used: attribution needs its own clause boundaries around quote marks
/// (a quote's closing `.` is not a sentence end when a tag follows it).
pub fn find(text: &str, _sentences: &[Span], entities: &[Entity]) -> Vec<Quote> {
    let segs = marks::scan(text);
    if segs.is_empty() {
        return Vec::new();
    }
    let paras = marks::paragraphs(text);
    let mut slots: Vec<Slot> = Vec::with_capacity(segs.len());
    // Subjects of speech verbs in each paragraph's narration, in text order.
    let mut cue_subjects: Vec<Vec<Mention>> = vec![Vec::new(); paras.len()];
    // Subjects of paragraphs that end in a colon.
    let mut intros: Vec<Option<Mention>> = vec![None; paras.len()];
    // Signature paragraphs (`- Ana Ruiz.`).
    let mut signatures: Vec<Option<Mention>> = vec![None; paras.len()];
    // Subject of the last sentence of each paragraph without quotes.
    let mut tails: Vec<Option<Mention>> = vec![None; paras.len()];
    for (pi, &para) in paras.iter().enumerate() {
        let toks = lex::tokenize(text, para, &segs);
        let label = attribute::label(text, &toks);
        for (k, t) in toks.iter().enumerate() {
            if t.quote().is_some() {
                let local =
                    attribute::local(text, &toks, &segs, k).map(|(m, c)| (m, Origin::Local(c)));
                // In a transcript line (`SMITH: …`) everything quoted is the speaker's.
                let found = match (local, label) {
                    (Some((_, Origin::Local(Cue::Subject))) | None, Some(l)) => {
                        Some((l, Origin::Sibling))
                    }
                    (l, _) => l,
                };
                let sentence = attribute::sentence_start(text, &toks, &segs, k);
                let prior = if sentence == k && k > 0 && toks[k - 1].quote().is_none() {
                    attribute::subject_ending_at(text, &toks, &segs, k - 1)
                } else if k == 0 {
                    tails.get(pi.wrapping_sub(1)).copied().flatten()
                } else {
                    None
                };
                slots.push(Slot {
                    para: pi,
                    sentence,
                    prior: prior.filter(|m| m.kind != phrase::MentionKind::Description),
                    opens_para: k == 0,
                    opens_sentence: sentence == k,
                    said_before: attribute::said_before(text, &toks, &segs, k),
                    found,
                });
            }
        }
        intros[pi] = attribute::colon_intro(text, &toks, &segs);
        tails[pi] = toks
            .len()
            .checked_sub(1)
            .filter(|_| toks.iter().all(|t| t.quote().is_none()))
            .and_then(|l| attribute::subject_ending_at(text, &toks, &segs, l));
        signatures[pi] = attribute::signature(text, &toks);
        cue_subjects[pi] = attribute::cue_subjects(text, &toks, &segs)
            .into_iter()
            .map(|(_, m)| m)
            .collect();
    }
    debug_assert_eq!(slots.len(), segs.len());
    // Quotes with no speaker of their own, right above a signature, are the signer's.
    for slot in slots.iter_mut() {
        if slot.found.is_none()
            && let Some(m) = signatures.get(slot.para + 1).copied().flatten()
        {
            slot.found = Some((m, Origin::Inherited));
        }
    }
    inherit(&segs, &mut slots, &cue_subjects, &intros);

    let all_subjects: Vec<Mention> = cue_subjects.iter().flatten().copied().collect();
    let resolver = resolve::Resolver::new(text, entities, &all_subjects);
    let closes = chain_closes(&segs);
    let mut quotes: Vec<Quote> = segs
        .iter()
        .zip(&slots)
        .zip(&closes)
        .filter(|((seg, slot), closed)| **closed && keep(text, seg, slot))
        .map(|(pair, _)| pair)
        .map(|(seg, slot)| Quote {
            span: seg.inner,
            speaker: slot
                .found
                .map(|(m, _)| m)
                .or(slot
                    .prior
                    .filter(|_| rank::word_count(text, seg.inner) >= 4))
                .map(|m| resolver.speaker(&m)),
            score: 0.0,
        })
        .collect();
    rank::score(text, &mut quotes);
    quotes
}

/// Quotes of two words or more are kept, except short ones with no speaker of their own
/// (mostly scare quotes and titles: a two- or three-word quote inside a sentence that names
/// no speaker, its speaker only borrowed from elsewhere, is rarely what that speaker said; one
/// standing as its own sentence is); a one-word quote only
/// inside reported speech (`the mayor said the pier would stay "closed" all winter`), since bare
/// one-word quotes are mostly scare quotes.
fn keep(text: &str, seg: &marks::Segment, slot: &Slot) -> bool {
    if is_work_title(text, seg) {
        return false;
    }
    let n = rank::word_count(text, seg.inner);
    match n {
        0 => false,
        1 => slot.said_before && matches!(slot.found, Some((_, Origin::Local(Cue::Before)))),
        2 | 3 => match slot.found {
            Some((_, Origin::Local(_) | Origin::Sibling)) => true,
            Some((_, Origin::Inherited)) => slot.opens_sentence,
            None => false,
        },
        _ => true,
    }
}

/// The title of a programme, book, song or film rather than words someone said: a quote in
/// title case (`Meet the Press`, `Fox & Friends`) right after a possessive or a word that
/// introduces such titles (`on NBC's "…"`, `the podcast "…"`, `appeared on "…"`, `the "Gang of
/// Eight"`, `starred in "…"`, `told "…"`, `the anthem "…"`).
fn is_work_title(text: &str, seg: &marks::Segment) -> bool {
    let before = text[..seg.outer.start].trim_end_matches(|c: char| c.is_whitespace());
    let prev = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let introduces = prev.ends_with("'s")
        || prev.ends_with("’s")
        || matches!(
            prev,
            "on" | "On"
                | "the"
                | "of"
                | "podcast"
                | "show"
                | "program"
                | "programme"
                | "series"
                | "book"
                | "memoir"
                // `starred in "…"`, `told "…"` (a programme), `the song "…"`
                | "in"
                | "with"
                | "told"
                | "starring"
                | "stars"
                | "edits"
                | "hosts"
                | "anthem"
                | "song"
                | "film"
                | "movie"
                | "album"
                | "play"
                | "musical"
                | "documentary"
                | "novel"
                | "sitcom"
        );
    if !introduces {
        return false;
    }
    let words: Vec<&str> = seg
        .inner
        .of(text)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    let minor = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "and"
                | "or"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "with"
                | "by"
                | "from"
                | "&"
                | "is"
                | "de"
                | "la"
        )
    };
    (2..=10).contains(&words.len())
        && capitalised(words[0])
        && words.iter().all(|w| capitalised(w) || minor(w))
}

/// For each segment: does its quote end with a closing mark somewhere? A paragraph left open
/// counts only when a later paragraph continues it and closes it; an opening mark that is
/// never closed (transcripts pasted with a mark per paragraph, stray marks) is no quote.
fn chain_closes(segs: &[marks::Segment]) -> Vec<bool> {
    let mut out = vec![false; segs.len()];
    let mut i = segs.len();
    let mut closed_after = false;
    while i > 0 {
        i -= 1;
        let continues = segs.get(i + 1).is_some_and(|n| n.continued);
        closed_after = segs[i].closed || (continues && closed_after);
        out[i] = closed_after;
    }
    out
}

/// Where a quote's attribution sits, to weigh it against speech verbs nearby: its speaker
/// mention when that follows the quote (`"…," the judge said, according to the Post` puts the
/// Post after the judge's cue).
fn tag_at(seg: &marks::Segment, m: &Mention) -> usize {
    seg.outer.start.max(m.span.start)
}

/// Give quotes with no speaker in their own sentence the continuing speaker.
fn inherit(
    segs: &[marks::Segment],
    slots: &mut [Slot],
    cue_subjects: &[Vec<Mention>],
    intros: &[Option<Mention>],
) {
    let n = slots.len();
    let inherited = |m: Mention| Some((m, Origin::Inherited));
    // A quote spanning paragraphs has one speaker, wherever it is named.
    for i in 1..n {
        if segs[i].continued && slots[i].found.is_none() {
            slots[i].found = slots[i - 1].found.map(|(m, _)| (m, Origin::Inherited));
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        if segs[i + 1].continued && slots[i].found.is_none() {
            slots[i].found = slots[i + 1].found.map(|(m, _)| (m, Origin::Inherited));
        }
    }
    // A quote whose only speaker is its sentence's opening subject takes the speaker an earlier
    // quote of the sentence found by a cue after that subject: in `Late on Friday, Cole, Ruiz
    // said, called it "…" and "…"` the second quote's search stops at the first quote, before
    // the cue, and the subject is who is talked about.
    for i in 1..n {
        let Some((s, Origin::Local(Cue::Subject))) = slots[i].found else {
            continue;
        };
        let same =
            |j: usize| slots[j].para == slots[i].para && slots[j].sentence == slots[i].sentence;
        let earlier = (0..i)
            .rev()
            .take_while(|&j| same(j))
            .find_map(|j| match slots[j].found {
                Some((m, Origin::Local(Cue::Before | Cue::After))) => Some(m),
                _ => None,
            });
        if let Some(m) =
            earlier.filter(|m| m.span.start > s.span.start && m.kind == phrase::MentionKind::Name)
        {
            slots[i].found = Some((m, Origin::Sibling));
        }
    }
    // Another quote of the same sentence (`"…" and "…," Smith said`).
    for i in 0..n {
        if slots[i].found.is_some() {
            continue;
        }
        let same =
            |j: usize| slots[j].para == slots[i].para && slots[j].sentence == slots[i].sentence;
        let near = (i + 1..n)
            .take_while(|&j| same(j))
            .chain((0..i).rev().take_while(|&j| same(j)))
            .find_map(|j| match slots[j].found {
                Some((m, Origin::Local(_))) => Some(m),
                _ => None,
            });
        if let Some(m) = near {
            slots[i].found = Some((m, Origin::Sibling));
        }
    }
    // The next quote of the same paragraph attributed in its own sentence, for each quote: one
    // pass back to front (searching forward from every quote was quadratic in a paragraph of
    // unattributed quotes). Local attributions are settled by now; the loop below adds only
    // inherited ones.
    let mut next_local: Vec<Option<Mention>> = vec![None; n];
    for i in (0..n.saturating_sub(1)).rev() {
        if slots[i + 1].para == slots[i].para {
            next_local[i] = match slots[i + 1].found {
                Some((m, Origin::Local(_))) => Some(m),
                _ => next_local[i + 1],
            };
        }
    }
    // The latest quote with a speaker so far: (paragraph, where it opens, speaker).
    let mut last_found: Option<(usize, usize, Mention)> = None;
    for i in 0..n {
        if let Some((m, _)) = slots[i].found {
            last_found = Some((slots[i].para, tag_at(&segs[i], &m), m));
            continue;
        }
        let para = slots[i].para;
        let at = segs[i].outer.start;
        // An earlier quote or speech verb in the same paragraph.
        let prev_quote = last_found
            .filter(|&(p, _, _)| p == para)
            .map(|(_, start, m)| (start, m));
        let prev_cue = cue_subjects[para]
            .iter()
            .rev()
            .find(|m| m.span.start < at)
            .map(|m| (m.span.start, *m));
        let best_prev = match (prev_quote, prev_cue) {
            (Some(a), Some(b)) => Some(if a.0 >= b.0 { a.1 } else { b.1 }),
            (a, b) => a.or(b).map(|x| x.1),
        };
        if let Some(m) = best_prev {
            slots[i].found = inherited(m);
            last_found = Some((para, at, m));
            continue;
        }
        // A later attribution in the same paragraph.
        let next_quote = next_local[i];
        let next_cue = cue_subjects[para]
            .iter()
            .find(|m| m.span.start > at)
            .copied();
        if let Some(m) = next_quote.or(next_cue) {
            slots[i].found = inherited(m);
            last_found = Some((para, at, m));
            continue;
        }
        // A paragraph that opens with a quote continues the previous paragraph's speaker.
        if slots[i].opens_para && para > 0 {
            if let Some(m) = intros[para - 1] {
                slots[i].found = inherited(m);
                last_found = Some((para, at, m));
                continue;
            }
            let prev_para_quote = (0..i)
                .rev()
                .take_while(|&j| slots[j].para == para - 1)
                .find_map(|j| slots[j].found.map(|(m, _)| (tag_at(&segs[j], &m), m)));
            let prev_para_cue = cue_subjects[para - 1].last().map(|m| (m.span.start, *m));
            let best = match (prev_para_quote, prev_para_cue) {
                (Some(a), Some(b)) => Some(if a.0 >= b.0 { a.1 } else { b.1 }),
                (a, b) => a.or(b).map(|x| x.1),
            };
            if let Some(m) = best {
                slots[i].found = inherited(m);
                last_found = Some((para, at, m));
            }
        }
    }
}

#[cfg(test)]
mod tests;
