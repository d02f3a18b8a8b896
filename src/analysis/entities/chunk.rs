//! Capitalised-span chunking: candidate names, with titles and role words peeled off.
//!
//! `Port Authority Of Leith Chairman Mara Quint` becomes the organisation candidate
//! `Port Authority Of Leith`, the role `Port Authority Of Leith Chairman` and the person
//! candidate `Mara Quint` (a title in front is evidence of a person). Role words written in lower
//! case before a name count too: `harbour spokesman Ian Dow`.

use super::doc::{Doc, Sentence};
use super::lexicon::{Flags, lexicon};
use super::tokens::{Case, Token};
use crate::analysis::calendar::{is_month, is_weekday};

/// Evidence for a candidate's kind gathered while chunking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    /// Introduced by a personal title or role word.
    Titled,
    /// A dateline (`LONDON 1996-08-30`, `MOSCOW (Reuters) -`).
    Dateline,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub sent: usize,
    /// Token range in the sentence, end exclusive.
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
    pub hint: Hint,
    /// Byte span of the role/descriptor text before the name, if any.
    pub role: Option<(usize, usize)>,
}

/// Lower-case words that may open a surname (`von der Leyen`, `de Silva`).
pub(super) fn surname_particle(w: &str) -> bool {
    matches!(
        w,
        "von" | "van" | "der" | "den" | "de" | "da" | "di" | "dos" | "du" | "bin" | "ibn"
    )
}

/// Lower-case words that may sit inside a name (`Bank of England`, `Ludwig van Beethoven`).
fn particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "la"
            | "le"
            | "du"
            | "da"
            | "di"
            | "dos"
            | "das"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "y"
            | "ter"
            | "te"
            | "zu"
    )
}

/// Words after which `of` continues a name (`Bank of`, `Republic of`, `Gulf of`).
fn of_head(t: &Token) -> bool {
    let f = lexicon().word(t.lower.trim_end_matches('.'));
    f.has(Flags::ORG_WORD)
        || matches!(
            t.lower.as_ref(),
            "republic"
                | "kingdom"
                | "gulf"
                | "bay"
                | "isle"
                | "sea"
                | "cape"
                | "lake"
                | "strait"
                | "straits"
                | "province"
                | "state"
                | "states"
                | "city"
                | "mount"
                | "islands"
                | "port"
                | "duchy"
                | "emirate"
                | "district"
                | "county"
                | "river"
                | "museum"
                | "house"
                | "chamber"
                | "tower"
                | "palace"
        )
}

/// Is token `i` a (possible) name word in this sentence?
fn namelike(doc: &Doc, s: &Sentence, i: usize) -> bool {
    let t = &s.tokens[i];
    if !t.is_cap() || t.is_punct() {
        return false;
    }
    let lex = lexicon();
    let key = t.lower.trim_end_matches('.');
    let f = lex.word(key);
    // `I`, `A`: single letters are names only as initials (`J.`).
    if t.text.chars().count() == 1 {
        return false;
    }
    // `Jan` is a month next to a number (`Jan 5`), a name otherwise (`Jan Kroslak`).
    let dated = |j: Option<&Token>| j.is_some_and(|t| t.has_digit());
    let abbreviated_month = key.len() <= 4 && key != "may" && key != "june" && key != "july";
    if is_weekday(key)
        || (is_month(key)
            && (!abbreviated_month
                || dated(s.tokens.get(i + 1))
                || i.checked_sub(1).is_some_and(|p| dated(s.tokens.get(p)))))
    {
        return false;
    }
    // A word before a weekday names the day (`Black Friday`, `Super Tuesday`), unless it
    // follows a name, is a given name (`Nancy Pelosi Tuesday said`), a known organisation or
    // place, or an acronym (`the network CNBC Friday`).
    let before_weekday = s
        .tokens
        .get(i + 1)
        .is_some_and(|n| n.is_cap() && is_weekday(&n.lower));
    let after_name = i > 0 && {
        let prev = &s.tokens[i - 1];
        prev.is_cap() && (i - 1 != s.first_word || lex.word(&prev.lower).has(Flags::GIVEN))
    };
    if before_weekday
        && !after_name
        && t.case == Case::Title
        && !f.has(Flags::GIVEN | Flags::ORG | Flags::PLACE)
    {
        return false;
    }
    if s.shouted {
        // Case carries no information: accept known names and words the body capitalises.
        let known = f.has(Flags::PLACE | Flags::ORG | Flags::DEMONYM | Flags::ORG_WORD)
            && !f.has(Flags::COMMON);
        return known
            || (doc.cap_seen.contains(t.lower.as_ref())
                && !doc.lower_seen.contains(t.lower.as_ref()))
            || (f.has(Flags::GIVEN) && !f.has(Flags::COMMON));
    }
    let initial = i == s.first_word || after_colon_or_quote(s, i);
    if initial {
        // A label opening a line (`Attendance: 20,000`, `Scorers:`) is no name.
        if s.tokens.get(i + 1).is_some_and(|n| n.text == ":") && f.is_empty() {
            return false;
        }
        if f.has(Flags::PLACE | Flags::ORG | Flags::DEMONYM | Flags::GIVEN) && !f.has(Flags::COMMON)
        {
            return true;
        }
        if f.has(Flags::COMMON) {
            return false;
        }
        if doc.lower_seen.contains(t.lower.as_ref()) && !doc.cap_seen.contains(t.lower.as_ref()) {
            return false;
        }
        // Sentence-initial adverbs and participles (`Originally`, `Speaking`) are rarely names.
        let next_cap = s.tokens.get(i + 1).is_some_and(|n| n.is_cap());
        if !next_cap
            && !doc.cap_seen.contains(t.lower.as_ref())
            && (key.ends_with("ly") || key.ends_with("ing"))
        {
            return false;
        }
        return true;
    }
    if f.has(Flags::COMMON) && t.case == Case::Title && doc.lower_seen.contains(t.lower.as_ref()) {
        // `Monday`, `Internet`-style words: fine mid-name (`Bank of the West`) but not alone.
        return !is_weekday(key) && !is_month(key);
    }
    true
}

fn after_colon_or_quote(s: &Sentence, i: usize) -> bool {
    i > 0
        && matches!(
            s.tokens[i - 1].text,
            "\"" | "“" | "‘" | ":" | "(" | "-" | "--" | "—" | "'"
        )
}

fn is_title(t: &Token) -> bool {
    let f = lexicon().word(t.lower.trim_end_matches('.'));
    f.has(Flags::TITLE)
}

/// Lower-case words that may sit between a capitalised descriptor and the role word
/// (`Kremlin foreign policy adviser`).
fn role_filler(w: &str) -> bool {
    matches!(
        w,
        "foreign"
            | "finance"
            | "defence"
            | "defense"
            | "interior"
            | "prime"
            | "former"
            | "deputy"
            | "senior"
            | "chief"
            | "top"
            | "trade"
            | "economy"
            | "economics"
            | "health"
            | "justice"
            | "energy"
            | "policy"
            | "security"
            | "press"
            | "national"
            | "general"
            | "vice"
            | "acting"
            | "executive"
            | "managing"
            | "assistant"
            | "presidential"
            | "government"
            | "party"
            | "opposition"
            | "union"
            | "team"
            | "club"
            | "state"
            | "federal"
            | "regional"
            | "police"
            | "army"
            | "military"
            | "veteran"
            | "leading"
            | "special"
            | "agriculture"
            | "transport"
            | "industry"
            | "labour"
            | "labor"
            | "environment"
            | "education"
            | "culture"
            | "sports"
            | "oil"
            | "central"
            | "bank"
            | "prosecutor"
            | "news"
            | "agency"
    )
}

/// All candidates of the document, in text order.
pub fn candidates(doc: &Doc) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if let Some(end) = dateline(s) {
            out.push(Candidate {
                sent: si,
                first: 0,
                last: end,
                start: s.tokens[0].start,
                end: s.tokens[end - 1].end,
                hint: Hint::Dateline,
                role: None,
            });
            sentence_chunks(doc, si, s, end, &mut out);
            continue;
        }
        sentence_chunks(doc, si, s, 0, &mut out);
    }
    out
}

/// `LONDON 1996-08-30` or `MOSCOW (Reuters) -`: capitalised place words opening a line.
fn dateline(s: &Sentence) -> Option<usize> {
    let n = s
        .tokens
        .iter()
        .take_while(|t| t.case == Case::Upper || (t.is_cap() && t.text.contains('.')))
        .count();
    if n == 0 || n > 4 {
        return None;
    }
    let next = s.tokens.get(n)?;
    let dated = next.has_digit()
        && next.text.contains('-')
        && next.text.len() >= 8
        && s.tokens.len() == n + 1;
    let agency = next.text == "(" && s.tokens.get(n + 1).is_some_and(|t| t.case == Case::Title);
    (dated || agency).then_some(n)
}

/// Longest run of tokens read as one chunk (one name or several around titles).
const MAX_CHUNK: usize = 16;

fn sentence_chunks(doc: &Doc, si: usize, s: &Sentence, from: usize, out: &mut Vec<Candidate>) {
    let toks = &s.tokens;
    let mut i = from;
    while i < toks.len() {
        // In capitals, only the gazetteer knows where a multi-word name ends (`NEW YORK`).
        if (s.shouted || i == s.first_word || after_colon_or_quote(s, i))
            && let Some(j) = gazetteer_run(s, i)
        {
            push(out, si, s, i, j, Hint::None, None);
            i = j;
            continue;
        }
        if !namelike(doc, s, i) {
            i += 1;
            continue;
        }
        let a = i;
        let mut b = i + 1;
        loop {
            // No name is this long; a longer run of capitalised words (`Mr. Mr. Mr.`…) is cut
            // into pieces, since splitting one chunk costs time quadratic in its length.
            if b - a >= MAX_CHUNK {
                break;
            }
            if b < toks.len() && namelike(doc, s, b) && !toks[b].is_possessive() {
                b += 1;
                continue;
            }
            // Connectors: `Bank of England`, `Procter & Gamble`, `Vincent van Gogh`.
            // A run of particles may precede the next name word (`van der Westhuizen`).
            let mut k = b;
            while k < toks.len() && particle(toks[k].text) && !s.shouted && k - b < 3 {
                k += 1;
            }
            let joins = if k > b {
                k < toks.len() && toks[k].is_cap() && namelike(doc, s, k)
            } else {
                b + 1 < toks.len()
                    && toks[b + 1].is_cap()
                    && namelike(doc, s, b + 1)
                    && match toks[b].text {
                        "&" => true,
                        "of" | "for" => of_head(&toks[b - 1]) && !s.shouted,
                        _ => false,
                    }
            };
            if joins {
                b = if k > b { k + 1 } else { b + 2 };
                continue;
            }
            break;
        }
        split_chunk(doc, si, s, a, b, out);
        i = b;
    }
}

/// The longest multi-word place or organisation from the gazetteers starting at token `i`.
fn gazetteer_run(s: &Sentence, i: usize) -> Option<usize> {
    let lex = lexicon();
    if !lex.phrase_starts.contains(s.tokens[i].lower.as_ref()) {
        return None;
    }
    let max = (i + lex.max_words).min(s.tokens.len());
    (i + 2..=max).rev().find(|&j| {
        s.tokens[i..j].iter().all(|t| t.is_cap())
            && lex
                .get(s.tokens[i..j].iter().map(|t| t.text))
                .has(Flags::PLACE | Flags::ORG)
    })
}

/// Split a chunk at personal titles; push the resulting candidates.
fn split_chunk(doc: &Doc, si: usize, s: &Sentence, a: usize, b: usize, out: &mut Vec<Candidate>) {
    let toks = &s.tokens;
    let lex = lexicon();
    // `Secretary of State Mike Pompeo`: the words after a capitalised `<Title> of` complete the
    // title (they go to the role), the name follows them. Not an organisation after it
    // (`chairman of Berkshire Hathaway Inc`).
    let org_word = |t: &Token| lex.word(t.lower.trim_end_matches('.')).has(Flags::ORG_WORD);
    if a >= 2
        && toks[a - 1].text == "of"
        && is_title(&toks[a - 2])
        && toks[a - 2].is_cap()
        && !toks[a + 1..b].iter().any(org_word)
        && lex.get(toks[a..b].iter().map(|t| t.text)).is_empty()
    {
        let mut j = a;
        while j + 1 < b {
            let f = lex.word(toks[j].lower.trim_end_matches('.'));
            let office = role_filler(&toks[j].lower) || f.has(Flags::ORG_WORD);
            if f.has(Flags::GIVEN) || !(office || b - j > 2) {
                break;
            }
            j += 1;
        }
        if j > a {
            push(
                out,
                si,
                s,
                j,
                b,
                Hint::Titled,
                Some((toks[a - 2].start, toks[j - 1].end)),
            );
            return;
        }
    }
    // A leading demonym describes a person who follows (`Australian Tom Moody`), unless the
    // whole is a known name (`Russian Federation`) or ends as organisations do: then it is part
    // of the name (`Russian Weather Service`, `Palestinian Authority`).
    let org_tail = lex
        .word(toks[b - 1].lower.trim_end_matches('.'))
        .has(Flags::ORG_WORD);
    // A demonym that is also a first name opens a person's name (`Christian Ziege`).
    if b - a >= 2
        && lex.demonym_place(toks[a].text).is_some()
        && !lex.word(&toks[a].lower).has(Flags::GIVEN)
        && !is_title(&toks[a + 1])
        && !org_tail
        && lex.get(toks[a..b].iter().map(|t| t.text)).is_empty()
    {
        push(out, si, s, a, a + 1, Hint::None, None);
        split_chunk(doc, si, s, a + 1, b, out);
        return;
    }
    // A country or region right before a first name is where the person serves (`ambassador to
    // Ukraine Marie Yovanovitch`), not part of the name: unless that word is a first name too
    // (`Chad`, `Georgia`) or the whole is a known name.
    if b - a >= 3 {
        let lead = lex.word(&toks[a].lower);
        if lead.has(Flags::COUNTRY | Flags::REGION)
            && !lead.has(Flags::GIVEN)
            && lex.word(&toks[a + 1].lower).has(Flags::GIVEN)
            && lex.get(toks[a..b].iter().map(|t| t.text)).is_empty()
        {
            push(out, si, s, a, a + 1, Hint::None, None);
            split_chunk(doc, si, s, a + 1, b, out);
            return;
        }
    }
    // The rightmost title with a name after it that is no organisation.
    let mut split = None;
    for t in (a..b).rev() {
        if is_title(&toks[t])
            && t + 1 < b
            && !toks[t + 1..b].iter().any(org_word)
            && !is_title(&toks[t + 1])
        {
            split = Some(t);
            break;
        }
    }
    let Some(t) = split else {
        // A chunk of titles only (`Secretary General`) names nobody.
        if toks[a..b].iter().all(is_title) {
            return;
        }
        let role = role_before(doc, s, a);
        let hint = if role.is_some() {
            Hint::Titled
        } else {
            Hint::None
        };
        push(out, si, s, a, b, hint, role);
        return;
    };
    let mut run = t;
    while run > a && is_title(&toks[run - 1]) {
        run -= 1;
    }
    // Whatever stands before the titles is a name of its own (`UN`, `Russian`, `Kremlin`).
    if run > a {
        split_chunk(doc, si, s, a, run, out);
    }
    // The descriptor may be a name chunked on its own just before (`European Commission President`).
    let role_start = role_before(doc, s, a).map_or_else(
        || {
            let mut j = a;
            while j > 0 && a - j < 3 && namelike(doc, s, j - 1) {
                j -= 1;
            }
            toks[j].start
        },
        |r| r.0,
    );
    let mut name = t + 1;
    // `Veteran Australian Kim Hallett`: the demonym belongs to the description.
    if b - name >= 2
        && lex.demonym_place(toks[name].text).is_some()
        && !lex.word(&toks[name].lower).has(Flags::GIVEN)
    {
        push(out, si, s, name, name + 1, Hint::None, None);
        name += 1;
    }
    push(
        out,
        si,
        s,
        name,
        b,
        Hint::Titled,
        Some((role_start, toks[name - 1].end)),
    );
}

/// Lower-case role words right before token `a`, with a capitalised descriptor before them
/// (`Trump envoy`, `Kremlin spokesman`, `the bank's chief economist`).
fn role_before(doc: &Doc, s: &Sentence, a: usize) -> Option<(usize, usize)> {
    let toks = &s.tokens;
    let mut i = a;
    let mut titled = false;
    while i > 0 {
        let t = &toks[i - 1];
        if t.case == Case::Lower && is_title(t) {
            titled = true;
        } else if !(t.case == Case::Lower && role_filler(&t.lower)) {
            break;
        }
        i -= 1;
    }
    if !titled {
        return None;
    }
    // One capitalised descriptor (`Trump`, `Kremlin`, `U.S.`), possibly two words.
    let mut j = i;
    while j > 0 && j + 2 >= i && toks[j - 1].is_cap() && namelike(doc, s, j - 1) {
        j -= 1;
    }
    Some((toks[j].start, toks[a - 1].end))
}

fn push(
    out: &mut Vec<Candidate>,
    si: usize,
    s: &Sentence,
    a: usize,
    b: usize,
    hint: Hint,
    role: Option<(usize, usize)>,
) {
    // Trim stray particles at the edges (`of` cannot end a name).
    let (mut a, mut b) = (a, b);
    while a < b && !s.tokens[a].is_cap() {
        a += 1;
    }
    while b > a && !s.tokens[b - 1].is_cap() {
        b -= 1;
    }
    if a >= b {
        return;
    }
    // Lower-case particles opening a surname belong to it (`von der Leyen`, `de Silva`), when
    // no capitalised word stands right before them (that case is joined while chunking).
    let mut p = a;
    while p > 0 && a - p < 3 && surname_particle(s.tokens[p - 1].text) {
        p -= 1;
    }
    if p < a && (p == 0 || !s.tokens[p - 1].is_cap()) && role.is_none() {
        a = p;
    }
    out.push(Candidate {
        sent: si,
        first: a,
        last: b,
        start: s.tokens[a].start,
        end: s.tokens[b - 1].end,
        hint,
        role,
    });
}
