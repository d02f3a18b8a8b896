//! What the articles call someone or something asked about by name alone (`Who is Dmitry
//! Peskov?` → `Kremlin spokesman`, `What is Truth Social?` → `his social media platform`): a role
//! the analysis stored for it in that article, written beside its name, else the phrase set
//! beside the name by commas or by `is a`. Another name in the sentence is no answer to who
//! someone is.

use super::answer::{Mention, Parts, Phrase};
use super::words::{Token, gives_name, is_saying_verb, is_stopword, skipped_in_initials};
use crate::analysis::entities::is_title_word;
use std::collections::HashMap;

/// A name asked about alone: the entities it may be and, per article, the roles stored for them.
#[derive(Debug, Clone, Default)]
pub struct Described {
    pub ids: Vec<i64>,
    pub roles: HashMap<i64, Vec<String>>,
}

impl Described {
    /// The stored roles of the described entities in `article`.
    pub fn roles_in(&self, article: i64) -> &[String] {
        self.roles.get(&article).map_or(&[], Vec::as_slice)
    }
}

/// Longest describing phrase, in words.
const MAX_WORDS: usize = 12;

/// Words that open a describing phrase (`, the UN's chief,`, `is a former diplomat`).
fn opens_description(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our"
    )
}

/// Words a describing phrase leaves out in front (`the`), unlike a possessive (`his platform`).
fn article(w: &str) -> bool {
    matches!(w, "a" | "an" | "the")
}

/// Prepositions inside a describing phrase before a name (`an attorney [for] the firm, Ann
/// Roe,`): the phrase still has to open on an article or possessive.
fn joins_description(w: &str) -> bool {
    matches!(w, "of" | "for" | "at" | "to" | "in")
}

/// Words that end a describing phrase: a clause of its own starts there.
fn ends_description(w: &str) -> bool {
    matches!(
        w,
        "who" | "which" | "that" | "whose" | "where" | "when" | "said" | "says" | "told"
    )
}

/// The phrase describing one of `ids` in the sentence: a stored role beside its name, else a
/// phrase beside it (`X is a …`, `X, the …,`, `the …, X,`), else a stored role anywhere in it.
pub fn description(s: &Parts<'_>, ids: &[i64], roles: &[String]) -> Option<Phrase> {
    described(s, ids, roles).and_then(|p| without_courtesy(s, p))
}

/// `correspondent [Dr.]`: a courtesy title closing a description belongs to the name after it.
/// None when nothing else is left.
fn without_courtesy(s: &Parts<'_>, p: Phrase) -> Option<Phrase> {
    let inside = s.text[p.start..p.end].trim_end_matches('.');
    let (rest, last) = inside.rsplit_once(' ').unwrap_or(("", inside));
    if !is_courtesy(&last.to_ascii_lowercase()) {
        return Some(p);
    }
    let rest = rest.trim_end();
    (!rest.is_empty()).then(|| Phrase {
        start: p.start,
        end: p.start + rest.len(),
    })
}

/// [`description`] before a courtesy title is left to the name.
fn described(s: &Parts<'_>, ids: &[i64], roles: &[String]) -> Option<Phrase> {
    let named: Vec<&Mention> = s
        .mentions
        .iter()
        .filter(|m| ids.contains(&m.entity))
        .collect();
    if named.is_empty() {
        return None;
    }
    let lower = s.text.to_ascii_lowercase();
    let mut stored: Vec<Phrase> = Vec::new();
    let mut roles: Vec<&String> = roles.iter().filter(|r| r.len() >= 2).collect();
    roles.sort_by_key(|r| std::cmp::Reverse(r.len()));
    for role in roles {
        let role = role.to_ascii_lowercase();
        // A role stored with the courtesy title after it (`correspondent Dr.`) is the office.
        let role = match role.trim_end_matches('.').rsplit_once(' ') {
            Some((office, last)) if is_courtesy(last) => office.trim_end().to_string(),
            _ => role,
        };
        stored.extend(lower.match_indices(&role).filter_map(|(at, _)| {
            let end = at + role.len();
            let whole_words = !lower[..at].ends_with(char::is_alphanumeric)
                && !lower[end..].starts_with(char::is_alphanumeric);
            whole_words.then_some(Phrase { start: at, end })
        }));
    }
    // A role ending on a preposition is the role of someone else, of whom it is said
    // (`defender of [RT]`).
    stored.retain(|p| {
        !s.text[p.start..p.end]
            .rsplit(' ')
            .next()
            .is_some_and(|w| joins_description(&w.to_ascii_lowercase()))
    });
    let beside = |p: &Phrase| {
        named.iter().any(|m| {
            (p.end <= m.start && {
                let gap = s.text[p.end..m.start].trim().trim_end_matches('.');
                gap.is_empty() || is_courtesy(&gap.to_ascii_lowercase())
            }) || (p.start >= m.end && {
                let gap = s.text[m.end..p.start].trim();
                let gap = gap.strip_prefix(',').unwrap_or(gap).trim();
                gap.is_empty() || article(&gap.to_ascii_lowercase())
            })
        })
    };
    if let Some(p) = stored.iter().find(|p| beside(p)) {
        // `retired aerospace executive Tom Young` with `executive` stored: the whole title.
        let longer = named
            .iter()
            .filter_map(|m| title_before(s, m))
            .find(|t| t.start < p.start && t.end == p.end);
        // A rank alone before the name says less than the office after it: `General Mark
        // Milley, chairman of the Joint Chiefs of Staff`.
        let one_word = !s.text[p.start..p.end].contains(' ');
        let office_after = named
            .iter()
            .filter(|m| p.end <= m.start)
            .find_map(|m| after(s, m))
            .filter(|_| one_word && longer.is_none());
        return Some(office_after.or(longer).unwrap_or(*p));
    }
    named
        .iter()
        // A name set between commas after a phrase is that phrase said another way; what
        // follows its closing comma is the sentence going on (`…, Truth Social, Trump said`).
        .find_map(|m| {
            before(s, m)
                .or_else(|| after(s, m))
                .or_else(|| between_dashes(s, m))
        })
        .or_else(|| stored.first().copied())
        .or_else(|| named.iter().find_map(|m| title_before(s, m)))
        .or_else(|| named.iter().find_map(|m| close_apposition(s, m)))
        .or_else(|| named.iter().find_map(|m| bare_title(s, m)))
        .or_else(|| {
            named.iter().find_map(|m| {
                let at = token_at(s.tokens, m.start);
                spelled_before(s, at).or_else(|| named_before(s, at))
            })
        })
}

/// A vice president as written short (`senior vp sales`).
fn is_vice_president(w: &str) -> bool {
    matches!(w, "vp" | "svp" | "evp")
}

/// `the medieval [disease] dubbed the Black Death` for `what is the Black Death`: what a
/// name starting at token `at` is given to, the words before the verb giving it, back to a
/// stop word or punctuation.
pub fn named_before(s: &Parts<'_>, at: usize) -> Option<Phrase> {
    let t = s.tokens;
    let mut k = at.checked_sub(1)?;
    if article(&t[k].norm) {
        k = k.checked_sub(1)?;
    }
    if !gives_name(t, k) || k == 0 {
        return None;
    }
    // Past `known` in `known as`.
    let verb_start = if t[k].norm == "as" { k - 1 } else { k };
    let end = verb_start.checked_sub(1)?;
    let mut start = end + 1;
    while start > 0
        && end + 1 - start < MAX_WORDS
        && !t[start - 1].is_stopword()
        && t[start - 1].number.is_none()
        && !breaks(s.text, &t[start - 1], &t[start])
    {
        start -= 1;
    }
    (start <= end && !breaks(s.text, &t[end], &t[verb_start])).then(|| Phrase {
        start: t[start].start,
        end: t[end].end,
    })
}

/// `the agency's [Deep Ocean Robotic Array] (DORA) project` for `what is DORA`: the words an
/// abbreviation in brackets at token `at` stands for, their initials spelling it (small
/// joining words aside). Nothing when the token is no abbreviation in brackets.
pub fn spelled_before(s: &Parts<'_>, at: usize) -> Option<Phrase> {
    let t = s.tokens;
    let short = t.get(at)?;
    let written = &s.text[short.start..short.end];
    let letters: Vec<char> = short.norm.chars().collect();
    let bracketed =
        s.text[..short.start].trim_end().ends_with('(') && s.text[short.end..].starts_with(')');
    if !bracketed
        || !(2..=8).contains(&letters.len())
        || !written.chars().all(|c| c.is_ascii_uppercase())
        || at == 0
    {
        return None;
    }
    // Back from the bracket, a capitalised word for each letter, last letter first.
    let end = at - 1;
    let mut k = end + 1;
    let mut left = letters.len();
    while left > 0 && k > 0 {
        k -= 1;
        let w = &t[k];
        let gap = &s.text[w.end..t[k + 1].start];
        let joined = if k == end {
            gap.trim() == "("
        } else {
            gap.trim().is_empty() || gap.trim() == "-"
        };
        if !joined {
            return None;
        }
        if w.capital && !w.is_stopword() && w.number.is_none() {
            if !w.norm.starts_with(letters[left - 1]) {
                return None;
            }
            left -= 1;
        } else if !(skipped_in_initials(&w.norm) || w.norm == "the") {
            return None;
        }
    }
    (left == 0).then(|| Phrase {
        start: t[k].start,
        end: t[end].end,
    })
}

/// `Her friend, painter [Joan Ruddle]`: a noun for a trade in lower case written right before
/// the name after a comma, an article or a possessive says what the person does, even with
/// no stored role; a phrase set off before that comma says who they are to
/// someone (`[Steenburgen's son, filmmaker] Charlie McDowell`).
fn bare_title(s: &Parts<'_>, m: &Mention) -> Option<Phrase> {
    let t = s.tokens;
    let at = token_at(t, m.start);
    let w = t.get(at.checked_sub(1)?)?;
    // A noun for what a person does, not an adjective (`the [younger] Bush`).
    let noun_like = !w.capital && (doer_noun(&w.norm) || is_title_word(&w.norm));
    if !noun_like || !s.text[w.end..m.start].trim().is_empty() {
        return None;
    }
    let after_comma = at >= 2 && s.text[t[at - 2].end..w.start].contains(',');
    let before_word = s.text[..w.start].trim_end();
    let possessive = before_word.ends_with("'s") || before_word.ends_with("\u{2019}s");
    let opened = at == 1 || after_comma || possessive || opens_description(&t[at - 2].norm);
    if !opened {
        return None;
    }
    let title = Phrase {
        start: w.start,
        end: w.end,
    };
    let longer = after_comma
        .then(|| {
            before(
                s,
                &Mention {
                    start: w.start,
                    end: m.end,
                    kind: m.kind,
                    entity: m.entity,
                },
            )
        })
        .flatten()
        .map(|p| Phrase {
            start: p.start,
            end: w.end,
        });
    Some(longer.unwrap_or(title))
}

/// A dash that sets a phrase off: an em or en dash, or two hyphens.
fn dash_at(text: &str) -> Option<usize> {
    ["\u{2014}", "\u{2013}", "--"]
        .iter()
        .find(|d| text.starts_with(**d))
        .map(|d| d.len())
}

/// `Ana Ruiz — harbour engineer and part-time poet — said …`: a phrase between dashes right
/// after the name, opening on a noun phrase rather than a clause.
fn between_dashes(s: &Parts<'_>, m: &Mention) -> Option<Phrase> {
    let rest = &s.text[m.end..];
    let lead = rest.len() - rest.trim_start().len();
    let open = m.end + lead + dash_at(rest.trim_start())?;
    let close = (open..s.text.len())
        .filter(|&i| s.text.is_char_boundary(i))
        .find(|&i| dash_at(&s.text[i..]).is_some())?;
    let t = s.tokens;
    let (first, last) = (token_at(t, open), token_at(t, close));
    let words = t.get(first..last)?;
    let opens = words.first()?;
    let clause = words
        .iter()
        .any(|w| ends_description(&w.norm) || is_saying_verb(&w.norm));
    if words.len() > MAX_WORDS
        || clause
        || is_stopword(&opens.norm) && !opens_description(&opens.norm)
    {
        return None;
    }
    let start = first + usize::from(article(&opens.norm));
    (start < last).then(|| Phrase {
        start: t[start].start,
        end: t[last - 1].end,
    })
}

/// Endings of nouns for a person by what they do (`gastroenterologist`, `anchor`, `actress`).
const DOER_ENDINGS: [&str; 5] = ["er", "or", "ist", "ian", "ress"];

/// Words with those endings that compare rather than name a doer (`the younger Bush`).
fn comparing(w: &str) -> bool {
    matches!(
        w,
        "former"
            | "latter"
            | "younger"
            | "older"
            | "elder"
            | "other"
            | "newer"
            | "better"
            | "greater"
            | "bigger"
            | "lesser"
            | "larger"
            | "smaller"
            | "higher"
            | "lower"
            | "earlier"
            | "later"
            | "upper"
            | "outer"
            | "inner"
            | "further"
            | "together"
            | "whatever"
            | "superior"
            | "interior"
            | "exterior"
            | "senior"
            | "junior"
    )
}

/// Nouns for a person by what they do: by their ending, or a few no ending gives away.
fn doer_noun(w: &str) -> bool {
    DOER_ENDINGS
        .iter()
        .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
        && !comparing(w)
        || matches!(
            w,
            "host"
                | "star"
                | "personality"
                | "chef"
                | "nurse"
                | "surgeon"
                | "poet"
                | "pundit"
                | "heir"
                | "guru"
                | "critic"
                | "comic"
                | "expert"
                | "employee"
                | "trainee"
                | "nominee"
                | "detainee"
                | "retiree"
                | "appointee"
                | "referee"
        )
}

/// `the radio host and former TV anchor Ann Roe`: a noun phrase opening on an article (or a
/// short one after a verb or a preposition), run into the name without a comma, whose last
/// word names what a person does.
fn close_apposition(s: &Parts<'_>, m: &Mention) -> Option<Phrase> {
    let t = s.tokens;
    let at = token_at(t, m.start);
    let last = at.checked_sub(1)?;
    let noun = &t[last];
    // Capitalised only for opening the sentence (`Employee Ann Roe tells …`) is still a noun.
    let named = noun.capital && last > 0;
    if named || !doer_noun(&noun.norm) || !s.text[noun.end..m.start].trim().is_empty() {
        return None;
    }
    let mut first = last;
    while first > 0 && last - first < MAX_WORDS {
        let w = &t[first - 1];
        if breaks(s.text, w, &t[first]) {
            return None;
        }
        if article(&w.norm) {
            return (first <= last).then(|| Phrase {
                start: t[first].start,
                end: noun.end,
            });
        }
        let verb = is_saying_verb(&w.norm) || w.norm.ends_with("ed") && !w.capital;
        // `told co-host Ann Roe`, `with senior adviser Ann Roe`: a short run needs no article
        // after a verb or a preposition.
        if last - first < 2 && (verb || opens_bare_title(&w.norm)) {
            return Some(Phrase {
                start: t[first].start,
                end: noun.end,
            });
        }
        let inside = w.norm == "and" || !is_stopword(&w.norm) && w.number.is_none();
        if !inside || verb {
            return None;
        }
        first -= 1;
    }
    // `Night-school chemistry tutor Ann Roe said`: a short run opening the sentence.
    (first == 0 && last < 4).then(|| Phrase {
        start: t[0].start,
        end: noun.end,
    })
}

/// Prepositions after which a person's description runs into the name with no article.
fn opens_bare_title(w: &str) -> bool {
    matches!(w, "with" | "by" | "to" | "from" | "for")
}

/// Words a title may hold besides capitalised ones and the office itself (`former U.S.
/// ambassador to the Ukraine`).
fn in_title(w: &str) -> bool {
    matches!(
        w,
        "former"
            | "then"
            | "acting"
            | "deputy"
            | "senior"
            | "chief"
            | "vice"
            | "to"
            | "of"
            | "the"
            | "for"
    )
}

/// `former U.S. ambassador to the Ukraine Marie Yovanovitch`: a title written right before the
/// name, holding an office (`ambassador`), that the analysis stored no role for.
fn title_before(s: &Parts<'_>, m: &Mention) -> Option<Phrase> {
    let t = s.tokens;
    let at = token_at(t, m.start);
    // `medical correspondent [Dr.] Sanjay Gupta`: a courtesy title goes with the name.
    let at = if at > 0
        && t[at - 1].capital
        && is_courtesy(&t[at - 1].norm)
        && s.text[t[at - 1].end..m.start].trim() == "."
    {
        at - 1
    } else {
        at
    };
    let name_start = t.get(at).map_or(m.start, |w| w.start);
    // `defender of [RT]`: the name is what the title is held over, not who holds it.
    if at == 0 || is_stopword(&t[at - 1].norm) {
        return None;
    }
    let mut first = at;
    let mut office = false;
    // Words in lower case that say what kind of office it is, right before it (`retired
    // aerospace executive`; not `successor to Disney Chief Executive`).
    let mut kind_words = 0;
    let mut beside_office = false;
    while first > 0 {
        let w = &t[first - 1];
        if first < at && breaks(s.text, w, &t[first])
            || first == at && !s.text[w.end..name_start].trim().is_empty()
        {
            break;
        }
        if is_title_word(&w.norm) {
            office = true;
            beside_office = true;
        } else if beside_office
            && kind_words < 2
            && !w.capital
            && !is_stopword(&w.norm)
            && !reports(&w.norm)
            && w.norm.chars().all(char::is_alphabetic)
        {
            kind_words += 1;
        } else if w.norm == "and" && first >= 2 && is_title_word(&t[first - 2].norm) {
            // Two offices held at once: `founder and co-CEO`.
            beside_office = false;
        } else if !(w.capital || in_title(&w.norm)) || w.number.is_some() {
            break;
        } else {
            beside_office = false;
        }
        first -= 1;
    }
    // It opens on a word of its own, not `of` or `the`.
    while first < at && is_stopword(&t[first].norm) {
        first += 1;
    }
    (office && first < at).then(|| Phrase {
        start: t[first].start,
        end: t[at - 1].end,
    })
}

/// Courtesy titles written before a name with a stop (`Dr.`, `Mr.`): part of how the name is
/// written, not what the person is.
fn is_courtesy(w: &str) -> bool {
    matches!(w, "dr" | "mr" | "mrs" | "ms" | "prof" | "rev")
}

/// Title words that are mostly adjectives in lower case (`almost all major publications`).
fn common_adjective(w: &str) -> bool {
    matches!(
        w,
        "major" | "general" | "private" | "field" | "forward" | "star" | "head" | "count" | "chief"
    )
}

/// Verbs that introduce who said something (`said coach Ana Ruiz`): no kind of office.
fn reports(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "added"
            | "noted"
            | "wrote"
            | "asked"
            | "explained"
            | "according"
    )
}

/// The index of the first token at or after byte `at`.
fn token_at(tokens: &[Token], at: usize) -> usize {
    tokens.partition_point(|t| t.start < at)
}

/// Whether punctuation that ends a phrase stands between two tokens (not the stop of an
/// initial or an abbreviation: `John F. Kennedy`, `U.S. National Science Foundation`).
fn breaks(text: &str, a: &Token, b: &Token) -> bool {
    let abbreviation = a.norm.chars().count() == 1 || text[a.start..a.end].contains('.');
    text.get(a.end..b.start).is_some_and(|gap| {
        gap.contains([',', ';', ':', '(', ')', '"', '\u{201C}', '\u{201D}'])
            || gap.contains('.') && !abbreviation
    })
}

/// Where the text goes on after a name, past an alias in brackets (`Computer Science Network
/// (CSNET) was …`).
fn past_alias(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    if trimmed.starts_with('(')
        && let Some(close) = trimmed.find(')')
    {
        return end + (rest.len() - trimmed.len()) + close + 1;
    }
    end
}

/// The phrase from token `from` on, up to the punctuation or clause that ends it.
fn phrase_from(s: &Parts<'_>, from: usize) -> Option<Phrase> {
    let t = s.tokens;
    let first = t.get(from)?;
    let skip = usize::from(article(&first.norm));
    let start = from + skip;
    let mut end = start;
    while end < t.len() && end - start < MAX_WORDS {
        if end > start && (breaks(s.text, &t[end - 1], &t[end]) || ends_description(&t[end].norm)) {
            break;
        }
        end += 1;
    }
    // A phrase ends on a word that can end a noun phrase, not on `of` or `and`.
    while end > start && is_stopword(&t[end - 1].norm) {
        end -= 1;
    }
    (end > start).then(|| Phrase {
        start: t[start].start,
        end: t[end - 1].end,
    })
}

/// `X is a former diplomat` / `X, the UN's chief,` / `Philip I, Landgrave of Hesse,`: the
/// phrase after the name.
fn after(s: &Parts<'_>, m: &Mention) -> Option<Phrase> {
    let t = s.tokens;
    let end = past_alias(s.text, m.end);
    let at = token_at(t, end);
    let next = t.get(at)?;
    let gap = s.text.get(end..next.start)?;
    if gap.trim().is_empty()
        && matches!(next.norm.as_str(), "is" | "was" | "are" | "were")
        && t.get(at + 1).is_some_and(|w| opens_description(&w.norm))
    {
        return phrase_from(s, at + 1);
    }
    // `Ann Roe, who is a harbour pilot, …`; `who is now working as the
    // town's vet`.
    if gap.trim() == ","
        && next.norm == "who"
        && t.get(at + 1)
            .is_some_and(|w| matches!(w.norm.as_str(), "is" | "was"))
    {
        let mut k = at + 2;
        while t
            .get(k)
            .is_some_and(|w| matches!(w.norm.as_str(), "then" | "now" | "currently" | "also"))
        {
            k += 1;
        }
        if t.get(k)
            .is_some_and(|w| matches!(w.norm.as_str(), "serving" | "working"))
            && t.get(k + 1).is_some_and(|w| w.norm == "as")
        {
            k += 2;
        }
        if t.get(k).is_some_and(|w| opens_description(&w.norm)) {
            return phrase_from(s, k);
        }
    }
    // A title after a comma is written with a capital, and is no name of its own (`Putin,
    // Zelensky and Trump` list names), nor the courtesy title of the next name (`…, Mr. Ek`).
    let courtesy = is_courtesy(&next.norm) && s.text[next.end..].starts_with('.');
    let name_after = s
        .mentions
        .iter()
        .find(|n| n.start <= next.start && next.start < n.end);
    let title = next.capital && !courtesy && !is_stopword(&next.norm) && name_after.is_none();
    // `Ann Roe, HarbourNet's chief meteorologist`: a name's possessive opens a description as `his`
    // does.
    let owner = name_after.is_some_and(|n| {
        let rest = &s.text[n.end..];
        rest.starts_with("'s ") || rest.starts_with("\u{2019}s ")
    });
    // `Noah Hawley, best known for creating Legion, is …`.
    let known_for = matches!(next.norm.as_str(), "best" | "known" | "widely")
        && t[at..].iter().take(3).any(|w| w.norm == "known");
    // `said Ada Lund, visiting professor of geology at …`: an office in lower case.
    let office = !next.capital
        && !is_stopword(&next.norm)
        && t[at..].iter().take(3).any(|w| {
            is_title_word(&w.norm) && !common_adjective(&w.norm) || is_vice_president(&w.norm)
        });
    if gap.trim() == "," && (opens_description(&next.norm) || owner || title || known_for || office)
    {
        let mut p = phrase_from(s, at)?;
        // A title stands between commas (or ends the sentence) as another way of saying it.
        let closed = s.text[p.end..]
            .trim_start()
            .starts_with([',', '.', ';', ')'])
            || s.text[p.end..].trim().is_empty();
        if office && let Some(and) = s.text[p.start..p.end].find(" and ") {
            // `… of geology at Tromso University and co-author of the report`: the first office,
            // when it is whole before `and`; `president and chief executive of Harlow Mining`
            // is one office.
            let first = &s.text[p.start..p.start + and];
            let whole = first
                .split_whitespace()
                .any(|w| joins_description(&w.to_ascii_lowercase()));
            if whole {
                p.end = p.start + and;
            }
        }
        return (opens_description(&next.norm) || owner || closed || office).then_some(p);
    }
    None
}

/// `her news site, the Harbour Ledger, …`: the phrase before the name, when the name
/// stands between commas (or ends the sentence) as another way of saying it.
fn before(s: &Parts<'_>, m: &Mention) -> Option<Phrase> {
    let t = s.tokens;
    let at = token_at(t, m.start);
    if at == 0 || !s.text[..m.start].trim_end().ends_with(',') {
        return None;
    }
    let rest = s.text[m.end..].trim_start();
    let set_off = rest.is_empty() || rest.starts_with([',', '.', ';', ')', '(']);
    // Back from the comma to the word that opens the phrase.
    let last = at - 1;
    let mut first = last;
    // `Ek's lawyer, Ann Roe,`: a name's possessive opens the phrase as `his` does.
    let owner = |k: usize| {
        t[k].capital
            && s.text[t[k].start..]
                .split_whitespace()
                .next()
                .is_some_and(|w| w.ends_with("'s") || w.ends_with("\u{2019}s"))
    };
    loop {
        // `the` after a preposition opens its object, not the phrase (`lawyer for the firm`).
        let inner = first > 0 && joins_description(&t[first - 1].norm);
        if (opens_description(&t[first].norm) || first < last && owner(first)) && !inner {
            break;
        }
        if first == 0
            || last - first + 1 >= MAX_WORDS
            || breaks(s.text, &t[first - 1], &t[first])
            || is_stopword(&t[first - 1].norm)
                && !opens_description(&t[first - 1].norm)
                && !joins_description(&t[first - 1].norm)
        {
            return None;
        }
        first -= 1;
    }
    // `Formerly the yard's head welder, Lind ran …`: a phrase opening the sentence (an
    // adverb aside) describes the subject right after it.
    let opens_sentence =
        first == 0 || first == 1 && t[0].norm.ends_with("ly") || first == 1 && t[0].norm == "now";
    if !set_off && !opens_sentence {
        return None;
    }
    let start = first + usize::from(article(&t[first].norm));
    (start <= last).then(|| Phrase {
        start: t[start].start,
        end: t[last].end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind;
    use crate::query::ask::words::tokens;

    /// The description of the entity written `name` in `sentence` (entity 7), with its roles.
    fn describe(sentence: &str, name: &str, roles: &[&str]) -> Option<String> {
        describe_beside(sentence, name, roles, None)
    }

    /// [`describe`] with another name in the sentence, found by the analysis too.
    fn describe_beside(
        sentence: &str,
        name: &str,
        roles: &[&str],
        other: Option<&str>,
    ) -> Option<String> {
        let tokens = tokens(sentence);
        let start = sentence.find(name).unwrap();
        let other = other.map_or(0, |o| sentence.find(o).unwrap())
            ..other.map_or(0, |o| sentence.find(o).unwrap() + o.len());
        let mentions = vec![
            Mention {
                start,
                end: start + name.len(),
                kind: EntityKind::Person,
                entity: 7,
            },
            // Another name, to be passed over.
            Mention {
                start: other.start,
                end: other.end,
                kind: EntityKind::Organization,
                entity: 8,
            },
        ];
        let parts = Parts {
            text: sentence,
            tokens: &tokens,
            mentions: &mentions,
            asked: &[],
        };
        let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
        description(&parts, &[7], &roles).map(|p| sentence[p.start..p.end].to_string())
    }

    #[test]
    fn a_stored_role_beside_the_name_is_who_they_are() {
        let s = "Kremlin spokesman Dmitry Peskov gave no answer, while Spokesman James Hewitt \
                 said talks go on.";
        assert_eq!(
            describe(s, "Dmitry Peskov", &["Kremlin spokesman"]).as_deref(),
            Some("Kremlin spokesman")
        );
        let s = "Antonio Guterres, the UN Secretary General, called it a violation.";
        assert_eq!(
            describe(s, "Antonio Guterres", &["UN Secretary General"]).as_deref(),
            Some("UN Secretary General")
        );
        // A rank alone gives way to the office written after the name.
        let s = "Trump wants out, but General Mark Milley, chairman of the Joint Chiefs of Staff, \
                 told US media they stay.";
        assert_eq!(
            describe(s, "Mark Milley", &["General"]).as_deref(),
            Some("chairman of the Joint Chiefs of Staff")
        );
        let s = "General Mark Milley told US media they stay.";
        assert_eq!(
            describe(s, "Mark Milley", &["General"]).as_deref(),
            Some("General")
        );
    }

    #[test]
    fn a_phrase_beside_the_name_describes_it_without_a_stored_role() {
        let s = "Writing on her favourite forum, Harbour Talk, Halvorsen asked for patience.";
        assert_eq!(
            describe(s, "Harbour Talk", &[]).as_deref(),
            Some("her favourite forum")
        );
        let s = "Now the chief engineer of the yard, Dahl rose to lead it in 2019.";
        assert_eq!(
            describe(s, "Dahl", &[]).as_deref(),
            Some("chief engineer of the yard")
        );
        let s = "After the storm in the harbour, Dahl rebuilt the quay.";
        assert_eq!(describe(s, "Dahl", &[]), None);
        let s = "A lawyer for the ferry company, Siri Dahl, said the crew was ready.";
        assert_eq!(
            describe(s, "Siri Dahl", &[]).as_deref(),
            Some("lawyer for the ferry company")
        );
        let s = "John Houghton, who was a co-chair of the panel, answered the critics.";
        assert_eq!(
            describe(s, "John Houghton", &[]).as_deref(),
            Some("co-chair of the panel")
        );
        let s = "Ada Lovelace was an English mathematician who wrote the first program.";
        assert_eq!(
            describe(s, "Ada Lovelace", &[]).as_deref(),
            Some("English mathematician")
        );
        let s = "It began with the bigamy of Philip I, Landgrave of Hesse, in 1539.";
        assert_eq!(
            describe(s, "Philip I", &[]).as_deref(),
            Some("Landgrave of Hesse")
        );
        let s = "The Computer Science Network (CSNET) was a computer network funded by the U.S. \
                 National Science Foundation.";
        assert_eq!(
            describe(s, "Computer Science Network", &[]).as_deref(),
            Some("computer network funded by the U.S. National Science Foundation")
        );
        let s = "The plan came from Marta Ruiz, a harbour engineer at the port, in May.";
        assert_eq!(
            describe(s, "Marta Ruiz", &[]).as_deref(),
            Some("harbour engineer at the port")
        );
        // A name's possessive opens the phrase as `his` does.
        let s = "\"Dry all month,\" said Ann Roe, HarbourNet's chief meteorologist, on Monday.";
        assert_eq!(
            describe_beside(s, "Ann Roe", &[], Some("HarbourNet")).as_deref(),
            Some("HarbourNet's chief meteorologist")
        );
        let s = "Dahl's lawyer, Ann Roe, said he would appeal.";
        assert_eq!(
            describe(s, "Ann Roe", &[]).as_deref(),
            Some("Dahl's lawyer")
        );
        let s = "\"We grow,\" says Sam Orr, senior vp sales and marketing at Tern Star.";
        assert_eq!(
            describe(s, "Sam Orr", &[]).as_deref(),
            Some("senior vp sales and marketing at Tern Star")
        );
        // An office in lower case, to the first `and`.
        let s = "\"The ice moved fast,\" said Ada Lund, visiting professor of geology at Tromso \
                 University and co-author of the report.";
        assert_eq!(
            describe(s, "Ada Lund", &[]).as_deref(),
            Some("visiting professor of geology at Tromso University")
        );
    }

    #[test]
    fn a_title_right_before_the_name_describes_it() {
        let s = "On Nov. 15, former U.S. ambassador to the Ukraine Marie Yovanovitch testified.";
        assert_eq!(
            describe(s, "Marie Yovanovitch", &[]).as_deref(),
            Some("former U.S. ambassador to the Ukraine")
        );
        let s = "Noah Hawley, best known for creating the Legion series, is in talks.";
        assert_eq!(
            describe(s, "Noah Hawley", &[]).as_deref(),
            Some("best known for creating the Legion series")
        );
        // What kind of office, in lower case, but not the verb that reports it.
        let s = "The witnesses were former astronaut Tom Stafford and retired aerospace executive \
                 Tom Young.";
        assert_eq!(
            describe(s, "Tom Young", &[]).as_deref(),
            Some("retired aerospace executive")
        );
        assert_eq!(
            describe("\"We won,\" said coach Ana Ruiz.", "Ana Ruiz", &[]).as_deref(),
            Some("coach")
        );
        assert_eq!(
            describe(s, "Tom Young", &["executive"]).as_deref(),
            Some("retired aerospace executive")
        );
        let s = "He is seen as a potential successor to Disney Chief Executive Bob Iger.";
        assert_eq!(
            describe(s, "Bob Iger", &[]).as_deref(),
            Some("Disney Chief Executive")
        );
        // A verb before the name is no title.
        assert_eq!(
            describe(
                "The board heard Marie Yovanovitch.",
                "Marie Yovanovitch",
                &[]
            ),
            None
        );
    }

    #[test]
    fn a_phrase_set_off_by_dashes_or_run_into_the_name_describes_it() {
        let s = "Pat Gore \u{2014} a Yale-trained chemist and radio host \u{2014} has been called \
                 a fraud.";
        assert_eq!(
            describe(s, "Pat Gore", &[]).as_deref(),
            Some("Yale-trained chemist and radio host")
        );
        let s = "Pat Gore -- who ran twice -- lost again.";
        assert_eq!(describe(s, "Pat Gore", &[]), None);
        let s = "Just as striking was the BBC host and former CNN anchor Tim Ball.";
        assert_eq!(
            describe(s, "Tim Ball", &[]).as_deref(),
            Some("BBC host and former CNN anchor")
        );
        let s = "The note was signed by the cheerful gastroenterologist Ann Roe.";
        assert_eq!(
            describe(s, "Ann Roe", &[]).as_deref(),
            Some("cheerful gastroenterologist")
        );
        // A short run after a verb or a preposition needs no article.
        let s = "On Monday the mayor told co-host Dana Whitfield that the plan would fail.";
        assert_eq!(
            describe(s, "Dana Whitfield", &[]).as_deref(),
            Some("co-host")
        );
        let s = "She met with senior adviser Ann Roe twice.";
        assert_eq!(
            describe(s, "Ann Roe", &[]).as_deref(),
            Some("senior adviser")
        );
        let s = "The prize went to Ann Roe.";
        assert_eq!(describe(s, "Ann Roe", &[]), None);
        let s = "Night-school chemistry tutor Ann Roe said the lab was closed.";
        assert_eq!(
            describe(s, "Ann Roe", &[]).as_deref(),
            Some("Night-school chemistry tutor")
        );
        // One word, capitalised only for opening the sentence.
        let s = "Trainee Ann Roe tells the court she saw the van.";
        assert_eq!(describe(s, "Ann Roe", &[]).as_deref(), Some("Trainee"));
        let s = "Harbour Ann Roe tells the court she saw the van.";
        assert_eq!(describe(s, "Ann Roe", &[]), None);
        // A verb run into the name is no description of it.
        let s = "In the end the team beat Arsenal.";
        assert_eq!(describe(s, "Arsenal", &[]), None);
        let s = "The board members interviewed Ann Roe.";
        assert_eq!(describe(s, "Ann Roe", &[]), None);
        let s = "It was a completely different Ann Roe to me.";
        assert_eq!(describe(s, "Ann Roe", &[]), None);
        let s = "He met the younger Ann Roe.";
        assert_eq!(describe(s, "Ann Roe", &[]), None);
        // A stored role that ends on `of` before the name is another's.
        let s = "A keen reader of the Harbour Ledger wrote to it weekly.";
        assert_eq!(describe(s, "Harbour Ledger", &["keen reader of"]), None);
        // Nor is a title before `of` the name's own.
        let s = "A keen defender of the Harbour Ledger wrote to it weekly.";
        assert_eq!(describe(s, "Harbour Ledger", &[]), None);
        // The name after it, with its courtesy title, is someone else.
        let s = "A keen reader of the Harbour Ledger, Mr. Dahl wrote to it weekly.";
        assert_eq!(describe(s, "Harbour Ledger", &[]), None);
    }

    #[test]
    fn no_description_is_no_answer() {
        // `major` is an adjective here, not an office.
        assert_eq!(
            describe(
                "From the Times to Traveller Weekly, almost all major papers ran it.",
                "Traveller Weekly",
                &[]
            ),
            None
        );
        // Another name, a quote or the verb after the name describe nothing.
        assert_eq!(describe("Peskov met Hewitt in May.", "Peskov", &[]), None);
        assert_eq!(
            describe("Peskov, however, said \"no\".", "Peskov", &[]),
            None
        );
        assert_eq!(describe("Talks went on, Peskov said.", "Peskov", &[]), None);
        // A role stored for the name still answers when written away from it.
        assert_eq!(
            describe(
                "Peskov, who spoke first, is the Kremlin spokesman.",
                "Peskov",
                &["Kremlin spokesman"]
            )
            .as_deref(),
            Some("Kremlin spokesman")
        );
    }

    #[test]
    fn a_lower_case_trade_before_the_name_says_what_they_do() {
        assert_eq!(
            describe(
                "Her cousin, painter Joan Ruddle, opened the show.",
                "Joan Ruddle",
                &[]
            )
            .as_deref(),
            Some("Her cousin, painter")
        );
        assert_eq!(
            describe(
                "Halvorsen’s son, filmmaker Tom Lind (“Dry Creek”), also spoke.",
                "Tom Lind",
                &[]
            )
            .as_deref(),
            Some("Halvorsen’s son, filmmaker")
        );
        // A verb before the name is what was done to them.
        assert_eq!(
            describe("The team beat goalie Sam Orr twice.", "Sam Orr", &[]),
            None
        );
    }

    #[test]
    fn two_offices_held_at_once_are_one_title() {
        assert_eq!(
            describe(
                "She spoke with Tern Star founder and chief executive Rafe Dunn on Monday.",
                "Rafe Dunn",
                &[]
            )
            .as_deref(),
            Some("Tern Star founder and chief executive")
        );
        // Two people are not one title.
        assert_eq!(
            describe(
                "Talks between Dunn and President Ada Lund went on.",
                "Ada Lund",
                &[]
            )
            .as_deref(),
            Some("President")
        );
        // After the name too, when the first office is not whole before `and`.
        assert_eq!(
            describe(
                "Dana Whitlow, president and chief executive of Harlow Mining, said so.",
                "Dana Whitlow",
                &[]
            )
            .as_deref(),
            Some("president and chief executive of Harlow Mining")
        );
    }

    #[test]
    fn an_abbreviation_in_brackets_is_described_by_what_it_stands_for() {
        let s = "The work includes the agency's Deep Ocean Robotic Array (DORA) project.";
        assert_eq!(
            describe(s, "DORA", &[]).as_deref(),
            Some("Deep Ocean Robotic Array")
        );
        // Initials that do not spell it are no expansion.
        let s = "The work includes the agency's Deep Ocean Robotic Array (DOSA) project.";
        assert_eq!(describe(s, "DOSA", &[]), None);
    }

    #[test]
    fn what_a_name_is_given_to_describes_it() {
        let s = "Officials said the town had a case of the old fever dubbed the Grey Chill.";
        assert_eq!(describe(s, "Grey Chill", &[]).as_deref(), Some("old fever"));
        let s = "They met at the small harbour inn known as The Anchor, on the quay.";
        assert_eq!(
            describe(s, "The Anchor", &[]).as_deref(),
            Some("small harbour inn")
        );
    }

    #[test]
    fn a_courtesy_title_is_part_of_the_name() {
        // Also when the stored role ran on into it.
        assert_eq!(
            describe(
                "The host, medical writer Dr. Ada Lund, spoke first.",
                "Ada Lund",
                &["medical writer Dr."]
            )
            .as_deref(),
            Some("medical writer")
        );
        assert_eq!(
            describe(
                "As the paper's chief medical writer Dr. Ada Lund noted, it was small.",
                "Ada Lund",
                &["writer Dr."]
            )
            .as_deref(),
            Some("paper's chief medical writer")
        );
        assert_eq!(
            describe(
                "As the paper's chief science writer Dr. Ada Lund noted, the test was small.",
                "Ada Lund",
                &[]
            )
            .as_deref(),
            Some("paper's chief science writer")
        );
        assert_eq!(
            describe(
                "On Friday Dr. Ada Lund, who is now working as the mayor's doctor, spoke.",
                "Ada Lund",
                &[]
            )
            .as_deref(),
            Some("mayor's doctor")
        );
    }
}
