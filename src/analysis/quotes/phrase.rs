//! Speaker phrases: the name, pronoun or description next to a cue verb.
//!
//! Titles and roles are read as part of the phrase but left out of the mention, so
//! `Kremlin spokesman Dmitry Peskov said` gives the mention `Dmitry Peskov`, while
//! `a campaign spokeswoman said` (no name) gives the whole description.

use super::cues;
use super::lex::Tok;
use crate::analysis::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Name,
    Pronoun,
    Description,
}

/// A speaker phrase found in the narration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The name, pronoun or description itself.
    pub span: Span,
    pub kind: MentionKind,
    /// First token of the whole phrase, titles and determiners included.
    pub first: usize,
}

fn word<'t>(text: &'t str, t: &Tok) -> &'t str {
    if t.is_word() { t.span.of(text) } else { "" }
}

fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'") || w.ends_with("s’")
}

/// A lower-case past tense or participle (`repeated`, `decried`): never a speaker's head noun.
fn is_past(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed") && w.chars().all(char::is_lowercase)
}

/// Name particles that may sit inside a capitalised run (`Secretary of State`, `bin Salman`).
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "of" | "de" | "van" | "von" | "al" | "bin" | "la" | "le" | "del" | "da" | "der" | "du"
    )
}

/// Capitalised word that may belong to a name or title.
fn is_cap(text: &str, t: &Tok) -> bool {
    t.is_capitalised(text) && !cues::is_function_cap(word(text, t))
}

/// The subject of the cue verb at token `v`, looking back no further than token `lo`.
pub fn subject_before(text: &str, toks: &[Tok], lo: usize, v: usize) -> Option<Mention> {
    subject_ending(text, toks, lo, v, 0)
}

/// The subject ending right before token `v`; `depth` counts asides already skipped.
fn subject_ending(text: &str, toks: &[Tok], lo: usize, v: usize, depth: usize) -> Option<Mention> {
    let mut i = v;
    let mut skipped = 0;
    while i > lo && skipped < 4 {
        let w = word(text, &toks[i - 1]);
        if !w.is_empty() && w.chars().all(char::is_lowercase) && cues::is_between(w) {
            i -= 1;
            skipped += 1;
        } else {
            break;
        }
    }
    if i == lo {
        return None;
    }
    let t = toks[i - 1];
    // A relative pronoun after a comma or dash (`Cole, who has long opposed it, called it "…"`):
    // the mention is the pronoun, resolved to the phrase before it.
    // `who` without a comma too, after a noun: `critics who say`. (A restrictive `that`/`which`
    // after a noun mostly names a thing — `an ad that urges` — whose sponsor speaks.)
    let after_noun = |k: usize| {
        let w = word(text, &toks[k]);
        !w.is_empty()
            && !cues::is_cue(w)
            && !cues::is_determiner(w)
            && !cues::is_preposition(w)
            && !cues::is_pronoun(w)
            && !cues::is_function_cap(w)
            && ((w.chars().all(char::is_lowercase) && !cues::is_not_noun(w))
                || is_cap(text, &toks[k]))
    };
    let w = word(text, &t);
    if matches!(w, "who" | "which")
        && i >= lo + 2
        && (matches!(toks[i - 2].kind, super::lex::Kind::Punct(',' | '—'))
            || (w == "who" && i == v && after_noun(i - 2)))
    {
        return Some(Mention {
            span: t.span,
            kind: MentionKind::Pronoun,
            first: i - 1,
        });
    }
    let opener = match t.kind {
        super::lex::Kind::Punct(',') => Some(','),
        super::lex::Kind::Punct(')') => Some('('),
        super::lex::Kind::Punct('—') => Some('—'),
        _ => None,
    };
    if let Some(open) = opener {
        // Apposition or aside: `Smith, a spokesman for the group, said`.
        let stop = i.saturating_sub(24).max(lo);
        let mut j = i - 1;
        while j > stop {
            j -= 1;
            let tj = toks[j];
            let hard_stop = if open == '(' {
                matches!(tj.kind, super::lex::Kind::Punct(';' | '?' | '!'))
            } else {
                matches!(tj.kind, super::lex::Kind::Punct('.' | ';' | '?' | '!'))
                    && super::lex::ends_sentence(text, toks, j)
            };
            if tj.quote().is_some() || hard_stop {
                return None;
            }
            if tj.is_punct(open) {
                if j <= lo {
                    return None;
                }
                return match toks[j - 1].kind {
                    // `Rep. Ana Cole (D-Ohio), a member of the panel, said`
                    super::lex::Kind::Punct(',' | ')' | '—') if depth < 2 => {
                        subject_ending(text, toks, lo, j, depth + 1)
                    }
                    _ => np_ending_at(text, toks, lo, j),
                };
            }
        }
        return None;
    }
    let m = np_ending_at(text, toks, lo, i)?;
    // `who has in the past described`, `Cole, on a call Friday, criticized`: a phrase after a
    // preposition is no subject; the subject comes before the whole prepositional phrase.
    // (`with farmers chanting` is the participle's own subject.)
    if m.kind == MentionKind::Description
        && m.first > lo
        && depth < 2
        && toks[m.first - 1].is_word()
        && cues::is_preposition(word(text, &toks[m.first - 1]))
        && word(text, &toks[m.first - 1]) != "with"
    {
        return subject_ending(text, toks, lo, m.first - 1, depth + 1);
    }
    Some(m)
}

/// The noun phrase whose last token is `end - 1`, starting no earlier than `lo`.
pub fn np_ending_at(text: &str, toks: &[Tok], lo: usize, end: usize) -> Option<Mention> {
    if end <= lo {
        return None;
    }
    let last = &toks[end - 1];
    let w = word(text, last);
    if w.is_empty() {
        return None;
    }
    if cues::is_pronoun(w) {
        let ok = w == "I"
            || w.chars().all(char::is_lowercase)
            || w.chars().skip(1).all(char::is_lowercase);
        return ok.then_some(Mention {
            span: last.span,
            kind: MentionKind::Pronoun,
            first: end - 1,
        });
    }
    if is_cap(text, last) {
        let mut s = end - 1;
        while s > lo {
            let p = &toks[s - 1];
            let pw = word(text, p);
            let name_part = is_cap(text, p) && !is_possessive(pw);
            let particle = is_particle(pw) && s >= lo + 2 && is_cap(text, &toks[s - 2]);
            // A middle initial's full stop (`Paul D. Ryan`).
            let initial = p.is_punct('.')
                && s >= lo + 3
                && toks[s - 2].span.end == p.span.start
                && word(text, &toks[s - 2]).chars().count() == 1
                && is_cap(text, &toks[s - 2])
                && is_cap(text, &toks[s - 3]);
            if name_part || particle || initial {
                s -= 1;
            } else {
                break;
            }
        }
        // Include lower-case roles and a determiner before them in the phrase
        // (`the Kremlin spokesman Dmitry Peskov`).
        let mut first = s;
        while first > lo {
            let pw = word(text, &toks[first - 1]);
            if cues::is_title(pw) || is_possessive(pw) || (is_cap(text, &toks[first - 1])) {
                first -= 1;
            } else {
                if cues::is_determiner(pw) {
                    first -= 1;
                }
                break;
            }
        }
        let mut ns = s;
        // A middle initial (`Ana M. Ruiz`) is no abbreviated title (`Sen.`).
        let initial = |k: usize| {
            k > s + 1
                && k < end
                && toks[k].is_punct('.')
                && word(text, &toks[k - 1]).chars().count() == 1
                && toks[k - 1].span.end == toks[k].span.start
        };
        for (k, tk) in toks.iter().enumerate().take(end).skip(s) {
            let kw = word(text, tk);
            if initial(k) || initial(k + 1) {
                continue;
            }
            if cues::is_title(kw) || is_particle(kw) || tk.span.of(text).ends_with('.') {
                ns = k + 1;
            }
        }
        if ns == end {
            return Some(Mention {
                span: Span::new(toks[s].span.start, last.span.end),
                kind: MentionKind::Description,
                first,
            });
        }
        return Some(Mention {
            span: Span::new(toks[ns].span.start, last.span.end),
            kind: MentionKind::Name,
            first,
        });
    }
    // `the 43-year-old`: digits inside a hyphenated compound.
    let compound = w.contains('-') && w.chars().any(char::is_alphabetic);
    // `the audit report said`: a cue word heads a phrase after a determiner and a modifier.
    let modified = |k: usize| {
        let mw = word(text, &toks[k]);
        k > lo
            && mw.chars().all(char::is_lowercase)
            && !mw.is_empty()
            && !cues::is_not_noun(mw)
            && !cues::is_cue(mw)
            && !is_past(mw)
            && cues::is_determiner(word(text, &toks[k - 1]))
    };
    if !w.chars().all(|c| {
        c.is_lowercase() || c == '-' || c == '\'' || c == '’' || (compound && c.is_ascii_digit())
    }) || is_past(w)
        || cues::is_not_noun(w)
        || (cues::is_cue(w)
            && !(end >= lo + 2
                && (cues::is_determiner(word(text, &toks[end - 2])) || modified(end - 2))))
    {
        return None;
    }
    // A description: `the newspaper`, `a campaign spokeswoman`, `officials`.
    let mut s = end - 1;
    let mut det = false;
    let mut cap_modifier = false;
    while s > lo && end - s < 6 {
        let p = &toks[s - 1];
        let pw = word(text, p);
        if pw.is_empty() {
            break;
        }
        if cues::is_determiner(pw) && pw.chars().next().is_some_and(char::is_lowercase)
            || matches!(pw, "The" | "A" | "An")
        {
            s -= 1;
            det = true;
            break;
        }
        // `Global Times`: a capitalised modifier is a name part, whatever its lower-case twin.
        if p.is_capitalised(text) {
            if cues::is_pronoun(pw) {
                break;
            }
            cap_modifier = true;
        } else if cues::is_not_noun(pw) || cues::is_cue(pw) || cues::is_pronoun(pw) {
            break;
        }
        s -= 1;
    }
    // Without a determiner, a lower-case `-ed` word is a verb, and the phrase starts after it
    // (`… decried the calls` gives no `decried …` speaker).
    if !det && let Some(v) = (s..end - 1).rev().find(|&k| is_past(word(text, &toks[k]))) {
        s = v + 1;
        cap_modifier = (s..end - 1).any(|k| toks[k].is_capitalised(text));
    }
    // `the 34-year-old mother of three`, `a farmer in the valley`: the phrase before the
    // preposition heads the description.
    let prep = s > lo + 1
        && matches!(
            word(text, &toks[s - 1]),
            "of" | "in" | "for" | "with" | "at" | "from"
        );
    if prep
        && let Some(m) = np_ending_at(text, toks, lo, s - 1)
        && m.kind == MentionKind::Description
    {
        return Some(Mention {
            span: Span::new(m.span.start, last.span.end),
            ..m
        });
    }
    let plural = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
    if det || plural || cap_modifier || cues::is_title(w) {
        return Some(Mention {
            span: Span::new(toks[s].span.start, last.span.end),
            kind: MentionKind::Description,
            first: s,
        });
    }
    None
}

/// A speaker phrase starting at token `i` (after `said` in `"…," said Smith`, or after
/// `according to`), ending before token `hi`.
pub fn phrase_after(text: &str, toks: &[Tok], i: usize, hi: usize) -> Option<Mention> {
    let t = toks.get(i).filter(|_| i < hi)?;
    let w = word(text, t);
    if w.is_empty() {
        return None;
    }
    if cues::is_pronoun(w) {
        return Some(Mention {
            span: t.span,
            kind: MentionKind::Pronoun,
            first: i,
        });
    }
    // Collect the phrase: determiners, roles, capitalised words, name particles.
    let mut j = i;
    while j < hi && j - i < 8 {
        let tj = &toks[j];
        let jw = word(text, tj);
        // Glued punctuation inside the phrase: `9/11 widow`, `Del. Ana Price`.
        let glued = j > i
            && matches!(tj.kind, super::lex::Kind::Punct('/' | '.'))
            && toks[j - 1].span.end == tj.span.start
            && toks.get(j + 1).is_some_and(|n| j + 1 < hi && n.is_word());
        if glued {
            j += 1;
            continue;
        }
        if jw.is_empty() {
            break;
        }
        let ok = if j == i {
            (!cues::is_not_noun(jw) || cues::is_determiner(jw))
                && !matches!(jw, "that" | "this" | "which")
        } else if is_particle(jw) {
            // `Ana Ruiz of Dayton`: after a full name, `of` starts where the speaker is from.
            let from = jw == "of"
                && j >= i + 2
                && [j - 1, j - 2]
                    .iter()
                    .all(|&k| is_cap(text, &toks[k]) && !cues::is_title(word(text, &toks[k])));
            !from
                && toks
                    .get(j + 1)
                    .is_some_and(|n| j + 1 < hi && is_cap(text, n))
        } else {
            // A cue word right after a determiner is a noun (`read the email`).
            let noun = j == i + 1 && cues::is_determiner(word(text, &toks[i]));
            // `the Times`, `the Mail`: a capitalised word after `the` is a name.
            let named = noun && tj.is_capitalised(text) && !cues::is_function_cap(jw);
            !((cues::is_not_noun(jw) && !named)
                || (cues::is_cue(jw) && !noun)
                || (tj.is_capitalised(text) && cues::is_function_cap(jw)))
        };
        if !ok {
            break;
        }
        j += 1;
        if is_possessive(jw) {
            continue;
        }
    }
    if j == i {
        return None;
    }
    // The name is the last run of capitalised non-title words.
    let mut name_end = None;
    let mut name_start = None;
    for k in (i..j).rev() {
        let kw = word(text, &toks[k]);
        let name_like = is_cap(text, &toks[k]) && !cues::is_title(kw) && !is_possessive(kw);
        match (name_like, name_end) {
            (true, None) => {
                name_end = Some(k + 1);
                name_start = Some(k);
            }
            (true, Some(_)) => name_start = Some(k),
            (false, Some(_)) => break,
            (false, None) => {
                // Lower-case words after a name end the name's phrase (`Smith reportedly`).
            }
        }
    }
    if let (Some(s), Some(e)) = (name_start, name_end) {
        // Trim a lower-case tail that followed the name (`Smith Monday` never gets here).
        return Some(Mention {
            span: Span::new(toks[s].span.start, toks[e - 1].span.end),
            kind: MentionKind::Name,
            first: i,
        });
    }
    let first_w = word(text, &toks[i]);
    let last_w = word(text, &toks[j - 1]);
    // `said another.`, `said one of the witnesses`: a determiner standing for a person.
    let alone = j == i + 1
        && matches!(
            first_w,
            "one" | "another" | "both" | "some" | "many" | "most" | "several" | "others"
        )
        && toks
            .get(j)
            .is_none_or(|n| j >= hi || !n.is_word() || word(text, n) == "of");
    if alone {
        return Some(Mention {
            span: toks[i].span,
            kind: MentionKind::Description,
            first: i,
        });
    }
    let plural = last_w.len() > 3 && last_w.ends_with('s');
    if (cues::is_determiner(first_w) && j > i + 1) || cues::is_title(last_w) || plural {
        return Some(Mention {
            span: Span::new(toks[i].span.start, toks[j - 1].span.end),
            kind: MentionKind::Description,
            first: i,
        });
    }
    None
}

/// The subject opening a clause at token `i` (`Trump is promising …`, `The Republican
/// nominee also outlined …`, `Rep. Ana Cole (D-Ohio) said …`), if a verb follows it.
pub fn subject_at(text: &str, toks: &[Tok], i: usize, hi: usize) -> Option<Mention> {
    let t = toks.get(i).filter(|_| i < hi)?;
    let w = word(text, t);
    if w.is_empty() {
        return None;
    }
    let (mention, mut e) = if cues::is_pronoun(w) {
        (
            Mention {
                span: t.span,
                kind: MentionKind::Pronoun,
                first: i,
            },
            i + 1,
        )
    } else if is_cap(text, t) || cues::is_title(w) {
        // Roles and names: `Oversight Chairman Jason Chaffetz`, `Clinton's campaign`.
        let mut e = i;
        while e < hi && e - i < 8 {
            let ew = word(text, &toks[e]);
            if ew.is_empty() {
                break;
            }
            let part = is_cap(text, &toks[e])
                || (cues::is_title(ew) && ew.chars().all(char::is_lowercase))
                || (is_particle(ew) && toks.get(e + 1).is_some_and(|n| is_cap(text, n)));
            if !part {
                break;
            }
            e += 1;
            if is_possessive(ew) {
                break;
            }
        }
        while e < hi && toks[e].is_punct('.') && e > i && toks[e].span.start == toks[e - 1].span.end
        {
            // `Rep.` `Del.` inside the phrase
            if toks.get(e + 1).is_some_and(|n| is_cap(text, n)) {
                e += 1;
                while e < hi && is_cap(text, &toks[e]) {
                    e += 1;
                }
            } else {
                break;
            }
        }
        let m = np_ending_at(text, toks, i, e)?;
        (m, e)
    } else if cues::is_determiner(w) {
        let mut e = i + 1;
        while e < hi && e - i < 6 {
            let ew = word(text, &toks[e]);
            if ew.is_empty() || cues::is_not_noun(ew) || cues::is_cue(ew) || cues::is_between(ew) {
                break;
            }
            if e > i + 1 && (ew.ends_with("ed") || is_possessive(ew)) {
                break;
            }
            // `This prompted`, `The comments came`: a verb ends the phrase.
            let demonstrative = matches!(w, "This" | "That" | "These" | "Those" | "this" | "that");
            if cues::is_common_verb(ew) || (demonstrative && is_past(ew)) {
                break;
            }
            e += 1;
        }
        if e == i + 1 {
            // `The Daily Courier focuses on …` (`Daily` read as an adverb): a name after the
            // article.
            if toks
                .get(i + 1)
                .is_some_and(|n| i + 1 < hi && is_cap(text, n))
            {
                return subject_at(text, toks, i + 1, hi).map(|m| Mention { first: i, ..m });
            }
            return None;
        }
        (
            Mention {
                span: Span::new(t.span.start, toks[e - 1].span.end),
                kind: MentionKind::Description,
                first: i,
            },
            e,
        )
    } else {
        return None;
    };
    // Skip an aside: `(D-Mo.)`, `, the former secretary of state,`.
    for _ in 0..2 {
        let close = match toks.get(e).map(|t| t.kind) {
            Some(super::lex::Kind::Punct('(')) => ')',
            Some(super::lex::Kind::Punct(',')) => ',',
            _ => break,
        };
        let end = (e + 1..hi.min(e + 20)).find(|&k| toks[k].is_punct(close))?;
        e = end + 1;
    }
    let next = toks.get(e).filter(|_| e < hi)?;
    let nw = word(text, next);
    let verbish = !nw.is_empty()
        && nw.chars().next().is_some_and(char::is_lowercase)
        && !matches!(nw, "of" | "or" | "who" | "which" | "that" | "whose");
    verbish.then_some(mention)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes::lex::tokenize;

    /// The subject of the first cue verb in `text`.
    fn subject(text: &str) -> Option<(String, MentionKind)> {
        let toks = tokenize(text, Span::new(0, text.len()), &[]);
        let v = toks
            .iter()
            .rposition(|t| t.is_word() && cues::is_cue(t.span.of(text)))?;
        subject_before(text, &toks, 0, v).map(|m| (m.span.of(text).to_string(), m.kind))
    }

    fn after(text: &str) -> Option<(String, MentionKind)> {
        let toks = tokenize(text, Span::new(0, text.len()), &[]);
        phrase_after(text, &toks, 1, toks.len()).map(|m| (m.span.of(text).to_string(), m.kind))
    }

    #[test]
    fn names_without_titles() {
        let n = |s: &str| Some((s.to_string(), MentionKind::Name));
        assert_eq!(
            subject("Kremlin spokesman Dmitry Peskov said"),
            n("Dmitry Peskov")
        );
        assert_eq!(
            subject("UN Secretary General Antonio Guterres called"),
            n("Antonio Guterres")
        );
        assert_eq!(subject("But Sen. Maria Ortiz also said"), n("Maria Ortiz"));
        assert_eq!(subject("Mayor Dan Holt, a Democrat, said"), n("Dan Holt"));
        assert_eq!(
            subject("Secretary of State Ellen Park told"),
            n("Ellen Park")
        );
    }

    #[test]
    fn pronouns_and_descriptions() {
        assert_eq!(
            subject("he said"),
            Some(("he".into(), MentionKind::Pronoun))
        );
        assert_eq!(
            subject("a campaign spokeswoman said"),
            Some(("a campaign spokeswoman".into(), MentionKind::Description))
        );
        assert_eq!(
            subject("officials said"),
            Some(("officials".into(), MentionKind::Description))
        );
        assert_eq!(
            subject("the report said"),
            Some(("the report".into(), MentionKind::Description))
        );
        assert_eq!(subject("to make it, said"), None);
        // A prepositional phrase before the verb is skipped for the subject before it.
        assert_eq!(
            subject("Ruiz, who has in the past described"),
            Some(("who".into(), MentionKind::Pronoun))
        );
        assert_eq!(
            subject("the mayor over the weekend said"),
            Some(("the mayor".into(), MentionKind::Description))
        );
        // A verb before a modifier is no part of the speaker (`decried Lee's repeated calls`).
        assert_eq!(subject("the board decried Lee's repeated calls"), None);
        assert_eq!(
            subject("the Harbor Times newspaper said"),
            Some((
                "the Harbor Times newspaper".into(),
                MentionKind::Description
            ))
        );
    }

    #[test]
    fn inverted_phrases() {
        assert_eq!(
            after("said Tom Reyes, a farmer"),
            Some(("Tom Reyes".into(), MentionKind::Name))
        );
        assert_eq!(
            after("said the company's chief executive"),
            Some((
                "the company's chief executive".into(),
                MentionKind::Description
            ))
        );
        assert_eq!(
            after("said party chair Lena Ward"),
            Some(("Lena Ward".into(), MentionKind::Name))
        );
    }
}
