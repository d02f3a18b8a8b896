//! Typing candidates: gazetteers, name shapes and context, then document-wide agreement.
//!
//! Each candidate gets a kind and a strength. Strong evidence (a gazetteer entry, an
//! organisation suffix, a title in front, a known given name) wins; weak defaults (a two-word
//! capitalised span is probably a person) give way to what the rest of the article says about
//! the same words, so `Clinton` alone takes the kind of `Bill Clinton`.

use super::chunk::{Candidate, Hint, surname_particle};
use super::doc::{Doc, Sentence};
use super::key::without_generation;
use super::lexicon::{FastMap, FastSet, Flags, lexicon, phrase_key};
use super::tokens::Case;
use crate::analysis::EntityKind;

#[derive(Debug, Clone)]
pub struct Typed {
    pub cand: Candidate,
    pub kind: EntityKind,
    /// 0 = guess, 1 = context, 2 = gazetteer or shape, 3 = certain.
    pub strength: u8,
    /// Lower-case phrase key of the name.
    pub key: String,
    /// Drop this candidate (not a name after all).
    pub drop: bool,
}

const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "stated",
    "explained",
    "insisted",
    "wrote",
    "argued",
    "warned",
    "noted",
    "declared",
    "replied",
    "admitted",
    "acknowledged",
    "confirmed",
    "denied",
    "urged",
    "testified",
    "recalled",
    "tweeted",
    "posted",
    "announced",
    "believes",
    "thinks",
    "scored",
    "won",
    "beat",
    "met",
    "visited",
    "praised",
    "criticised",
    "criticized",
];

fn words<'a>(s: &'a Sentence, c: &Candidate) -> impl Iterator<Item = &'a str> + Clone {
    s.tokens[c.first..c.last].iter().map(|t| t.text)
}

pub fn classify(doc: &Doc, cands: Vec<Candidate>) -> Vec<Typed> {
    let mut out: Vec<Typed> = cands
        .into_iter()
        .map(|c| {
            let s = &doc.sentences[c.sent];
            let key = phrase_key(words(s, &c));
            let (kind, strength, drop) = decide(doc, s, &c, &key);
            Typed {
                cand: c,
                kind,
                strength,
                key,
                drop,
            }
        })
        .collect();
    harmonise(doc, &mut out);
    out
}

/// The candidate stands in a results line or table row: next to a score.
fn plays(s: &Sentence, c: &Candidate) -> bool {
    let numeric = |i: usize| {
        s.tokens
            .get(i)
            .is_some_and(|t| t.has_digit() && t.case == Case::Other)
    };
    let numbers = s.tokens.iter().filter(|t| t.has_digit()).count();
    numbers >= 2 && (numeric(c.last) || (c.first > 0 && numeric(c.first - 1)))
}

fn decide(doc: &Doc, s: &Sentence, c: &Candidate, key: &str) -> (EntityKind, u8, bool) {
    use EntityKind::*;
    let lex = lexicon();
    let toks = &s.tokens[c.first..c.last];
    let n = toks.len();
    let f = lex.get(toks.iter().map(|t| t.text));
    let first = lex.word(toks[0].lower.trim_end_matches('.'));
    let last = lex.word(toks[n - 1].lower.trim_end_matches('.'));
    let prev = c.first.checked_sub(1).map(|i| s.tokens[i].lower.as_ref());
    let next = s.tokens.get(c.last).map(|t| t.lower.as_ref());

    if c.hint == Hint::Dateline {
        return (Place, 3, false);
    }
    // `“[Dawson]’s Creek”`: a name opening a short quoted title is part of the title.
    let in_title = c.first > 0
        && matches!(s.tokens[c.first - 1].text, "\"" | "“" | "‘")
        && s.tokens[c.last..]
            .iter()
            .take(6)
            .take_while(|t| !matches!(t.text, "\"" | "”" | "’"))
            .all(|t| {
                t.is_cap()
                    || t.is_possessive()
                    || matches!(t.text, "of" | "the" | "to" | "and" | "in")
            })
        && s.tokens[c.last..]
            .iter()
            .take(6)
            .position(|t| matches!(t.text, "\"" | "”" | "’"))
            .is_some_and(|k| k >= 2);
    if in_title {
        return (Other, 0, true);
    }
    if f.has(Flags::ORG) {
        return (Organization, 3, false);
    }
    // `former [German] President Karl Brandt`: a demonym before an office describes the
    // office; the role words before it do not make it a person.
    let lone_demonym =
        n == 1 && lex.demonym_place(toks[0].text).is_some() && !first.has(Flags::GIVEN);
    if c.hint == Hint::Titled && !f.has(Flags::PLACE) && !lone_demonym {
        return (Person, 3, false);
    }
    // `led by [von Weizsäcker]`: a surname opened by its lower-case particle, with no first
    // name before it, is a person's.
    if n >= 2 && toks[0].case == Case::Lower && surname_particle(toks[0].text) {
        return (Person, 1, false);
    }
    let locative = matches!(
        prev,
        Some("in" | "at" | "near" | "from" | "to" | "outside" | "across" | "of")
    );
    // Sports reports: a city or county that plays is a club (`Barcelona 2 Ajax 1`).
    // Not where it is a venue: `at Edgbaston, Birmingham`, `Portsmouth: Middlesex 199 …`.
    let venue = locative
        || matches!(next, Some(":" | "("))
        || (prev == Some(",") && !plays(s, c))
        || (prev == Some("(") && next == Some(")"))
        || (prev == Some("the") && s.tokens.get(c.last).is_some_and(|t| t.case == Case::Lower));
    if f.has(Flags::PLACE) {
        if doc.sports && !f.has(Flags::COUNTRY) && !venue {
            return (Organization, 2, false);
        }
        return (Place, 3, false);
    }
    if coded(toks) {
        return (Other, 1, false);
    }
    if n == 1 && lex.demonym_place(toks[0].text).is_some() {
        return (Other, 3, false);
    }
    // Events, awards, indexes and `South Korean`-style demonyms are neither.
    let last_word = toks[n - 1].lower.as_ref();
    if n >= 2
        && (lex.demonym_place(toks[n - 1].text).is_some()
            || matches!(
                last_word,
                "cup"
                    | "open"
                    | "championship"
                    | "championships"
                    | "games"
                    | "olympics"
                    | "tour"
                    | "trophy"
                    | "prix"
                    | "series"
                    | "day"
                    | "award"
                    | "awards"
                    | "prize"
                    | "classic"
                    | "masters"
                    | "war"
                    | "index"
                    | "festival"
                    | "charter"
                    | "treaty"
                    | "accord"
                    | "accords"
                    | "agreement"
                    | "act"
                    | "constitution"
                    | "convention"
                    | "protocol"
                    | "doctrine"
                    | "marathon"
                    | "rally"
                    | "grand"
                    | "derby"
                    | "final"
                    | "finals"
            ))
    {
        return (Other, 2, false);
    }
    // `New York-based`, `Russian-born`, `UN-sponsored` describe; they do not name.
    let last_text = toks[n - 1].lower.as_ref();
    if [
        "-based",
        "-born",
        "-sponsored",
        "-led",
        "-backed",
        "-owned",
        "-controlled",
        "-registered",
        "-made",
        "-bound",
    ]
    .iter()
    .any(|sfx| last_text.ends_with(sfx))
    {
        return (Other, 2, false);
    }
    // A lone common word (`First`, `Men`) is capitalised for another reason.
    if n == 1 && f.has(Flags::COMMON) && !f.has(Flags::GIVEN | Flags::SURNAME) {
        return (Other, 0, true);
    }
    // Banks written as one word (`Rabobank`).
    if n == 1 && last_text.len() > 6 && last_text.ends_with("bank") {
        return (Organization, 1, false);
    }
    // Place-name endings: counties, -stan countries, -grad and -burg cities.
    if n == 1
        && ["shire", "stan", "grad", "burg", "bourg", "polis", "abad"]
            .iter()
            .any(|e| last_text.ends_with(e) && last_text.len() > e.len() + 2)
    {
        return if doc.sports && !locative {
            (Organization, 1, false)
        } else {
            (Place, 1, false)
        };
    }
    // Hyphenated demonym compounds (`Russian-born`, `U.S.-based`) are descriptors.
    if n == 1 && toks[0].text.contains('-') {
        let head = toks[0].text.split('-').next().unwrap_or("");
        if lex.demonym_place(head).is_some() {
            return (Other, 2, false);
        }
    }
    if n == 1 && f.has(Flags::TITLE | Flags::ORG_WORD) && !f.has(Flags::GIVEN) {
        // A lone organisation word the article never writes in lower case names one
        // (`Juventus`, `the Yankees`); `Party` beside `the party` is just capitalised.
        if f.has(Flags::ORG_WORD)
            && !f.has(Flags::TITLE)
            && !s.shouted
            && !doc.lower_seen.contains(toks[0].lower.as_ref())
        {
            return (Organization, 0, false);
        }
        return (Other, 0, true);
    }
    // `Joost van der Westhuizen`: name particles make a person.
    if n >= 3
        && toks.iter().any(|t| {
            t.case == Case::Lower
                && matches!(
                    t.text,
                    "van" | "von" | "der" | "de" | "da" | "di" | "bin" | "ibn" | "dos" | "del"
                )
        })
    {
        return (Person, 1, false);
    }
    // `Ines Gorrochategui ( Argentina )`: a player listed with a country.
    let country_after = next == Some("(")
        && s.tokens.get(c.last + 2).is_some_and(|t| t.text == ")")
        && s.tokens
            .get(c.last + 1)
            .is_some_and(|t| lex.word(&t.lower).has(Flags::COUNTRY));
    if country_after && n >= 2 {
        return (Person, 1, false);
    }
    // Cricket bowling figures (`Vass 7-0-29-0`) follow a bowler.
    let figures = s
        .tokens
        .get(c.last)
        .is_some_and(|t| t.text.matches('-').count() == 3 && t.has_digit());
    if figures {
        return (Person, 1, false);
    }
    if n >= 2 {
        let placed = toks
            .iter()
            .filter(|t| {
                lex.word(t.lower.trim_end_matches('.'))
                    .has(Flags::CITY | Flags::REGION | Flags::COUNTRY)
            })
            .count();
        let plain = toks
            .iter()
            .filter(|t| lex.word(t.lower.trim_end_matches('.')).is_empty())
            .count();
        let direction = |t: &super::tokens::Token| {
            matches!(
                t.lower.as_ref(),
                "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northern"
                    | "southern"
                    | "eastern"
                    | "western"
                    | "central"
                    | "upper"
                    | "lower"
                    | "greater"
                    | "new"
            ) || lex.demonym_place(t.text).is_some()
        };
        let org_words = toks
            .iter()
            .any(|t| lex.word(t.lower.trim_end_matches('.')).has(Flags::ORG_WORD));
        if placed >= 1
            && last.has(Flags::PLACE)
            && toks
                .iter()
                .all(|t| direction(t) || lex.word(&t.lower).has(Flags::PLACE))
        {
            // `Arab East Jerusalem`, `Northern Cape`; in a sports report, a club that plays
            // (`North Melbourne 12.10 (82)`).
            if doc.sports && !venue {
                return (Organization, 1, false);
            }
            return (Place, 1, false);
        }
        if placed >= 1
            && !org_words
            && !first.has(Flags::GIVEN)
            && doc.sports
            // at most one word that is neither (`Real` in `Real Madrid`)
            && n - placed.min(n) - plain.min(n - placed.min(n)) <= 1
        {
            // `Dynamo Moscow`, `Philadelphia Eagles`, `Real Madrid` are clubs.
            return (Organization, 1, false);
        }
    }
    if n >= 2
        && (last.has(Flags::ORG_WORD)
            || toks.iter().any(|t| {
                lex.word(t.lower.trim_end_matches('.')).has(Flags::ORG_WORD)
                    && t.case != Case::Lower
            }))
    {
        return (Organization, 2, false);
    }
    let acronym = toks[0].text.starts_with(|c: char| c.is_ascii_uppercase())
        && toks[0]
            .text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&' || c == '.');
    if n == 1
        && toks[0].case == Case::Upper
        && acronym
        && (2..=6).contains(&toks[0].text.len())
        && !s.shouted
    {
        return (Organization, 2, false);
    }
    // `Procter & Gamble`: an ampersand joins company names, not people.
    if n >= 2 && toks.iter().any(|t| t.text == "&") {
        return (Organization, 2, false);
    }
    // Context that only organisations get: `news agency Tanjug`, `Acme shares`, `Acme said it`.
    let after = |k: usize| s.tokens.get(c.last + k).map(|t| t.lower.as_ref());
    let org_before = matches!(
        prev,
        Some(
            "agency"
                | "company"
                | "firm"
                | "group"
                | "team"
                | "club"
                | "side"
                | "carrier"
                | "airline"
                | "bank"
                | "broker"
                | "brokerage"
                | "newspaper"
                | "daily"
                | "weekly"
                | "magazine"
                | "insurer"
                | "maker"
                | "manufacturer"
                | "retailer"
                | "conglomerate"
                | "engineer"
                | "producer"
                | "operator"
                | "utility"
                | "unit"
                | "subsidiary"
                | "rival"
                | "party"
                | "movement"
                | "network"
                | "broadcaster"
                | "station"
        )
    );
    let org_after = matches!(
        after(0),
        Some("shares" | "stock" | "newspaper" | "daily" | "agency" | "plc" | "inc")
    ) || (after(0) == Some("'s")
        && matches!(
            after(1),
            Some("shares" | "stock" | "subsidiary" | "unit" | "board")
        ))
        || (next.is_some_and(|w| SPEECH.contains(&w)) && matches!(after(1), Some("it" | "its")));
    if (org_before || org_after) && c.hint != Hint::Titled && !first.has(Flags::GIVEN) {
        return (Organization, 1, false);
    }
    // Initials before a surname: `J. Smith`.
    let initial = |t: &super::tokens::Token| t.text.len() == 2 && t.text.ends_with('.');
    if n >= 2
        && (first.has(Flags::GIVEN) && !first.has(Flags::COMMON | Flags::PLACE)
            || initial(&toks[0]))
    {
        return (Person, 2, false);
    }
    let speech_after = next.is_some_and(|w| SPEECH.contains(&w))
        || (next == Some(",") && s.tokens.get(c.last + 1).is_some_and(|t| t.has_digit()));
    if speech_after && n <= 3 {
        return (Person, 1, false);
    }
    // `to` takes people as often as places (`passed the ball to LeBron`).
    if n == 1 && locative && prev != Some("to") && !first.has(Flags::SURNAME | Flags::GIVEN) {
        return (Place, 1, false);
    }
    if doc.sports && n == 1 && plays(s, c) {
        return (Organization, 0, false);
    }
    // Streets, parks, squares, bridges, valleys: the head word names a place.
    if n >= 2
        && matches!(
            last_text,
            "park"
                | "square"
                | "road"
                | "street"
                | "avenue"
                | "bridge"
                | "wells"
                | "heights"
                | "valley"
                | "hills"
                | "island"
                | "islands"
                | "bay"
                | "beach"
                | "springs"
                | "falls"
                | "cape"
                | "coast"
                | "province"
                | "region"
                | "oval"
                | "stadium"
                | "airport"
                | "mountains"
                | "river"
                | "lake"
                | "strait"
                | "peninsula"
                | "desert"
                | "harbour"
                | "harbor"
                | "canal"
                | "gardens"
                | "field"
                | "ground"
        )
    {
        return (Place, 1, false);
    }
    // Fixtures (`Vitesse v Twente`) pair clubs, whatever the section.
    let versus = |w: Option<&str>| matches!(w, Some("v" | "vs" | "v." | "vs."));
    if versus(prev) || versus(next) {
        return (Organization, 0, false);
    }
    if doc.sports && plays(s, c) {
        return (Organization, 0, false);
    }
    // Sports teams go by plural nicknames (`the Cardinals`, `All Blacks`); players do not.
    let plural_name = last_text.len() > 4
        && last_text.ends_with('s')
        && !last_text.ends_with("ss")
        && !last.has(Flags::SURNAME | Flags::GIVEN)
        && !first.has(Flags::GIVEN);
    if doc.sports && plural_name && n <= 3 {
        return (Organization, 0, false);
    }
    // Person names do not end in plural common nouns (`Secondary Sanctions`).
    let plural = last_text.len() > 4
        && last_text.ends_with('s')
        && !last_text.ends_with("ss")
        && !last.has(Flags::SURNAME | Flags::GIVEN)
        && (doc.lower_seen.contains(last_text)
            || doc.lower_seen.contains(&last_text[..last_text.len() - 1]));
    // A capitalised phrase in quote marks is a term or a title (`'Secondary Sanctions'`).
    let quote = |t: Option<&super::tokens::Token>| {
        t.is_some_and(|t| matches!(t.text, "'" | "\"" | "‘" | "’" | "“" | "”"))
    };
    let quoted = c.first > 0
        && quote(s.tokens.get(c.first - 1))
        && (quote(s.tokens.get(c.last)) || quote(s.tokens.get(c.last + 1)));
    if (2..=3).contains(&n) && (plural || quoted) {
        return (Other, 0, true);
    }
    if (2..=3).contains(&n) {
        // `at Flushing Meadows`: an unknown name where something happens is a place.
        if prev == Some("at") {
            return (Place, 0, false);
        }
        if let Some(v) = no_person_evidence(doc, s, c) {
            return (Other, 0, v);
        }
        return (Person, 0, false);
    }
    if n >= 4 {
        return (Organization, 0, false);
    }
    if s.shouted && !doc.cap_seen.contains(key) && f.is_empty() {
        return (Other, 0, true);
    }
    // A lone unknown word opening a sentence and capitalised nowhere else is most likely
    // an ordinary word (`Automakers rallied`).
    if n == 1
        && c.first == s.first_word
        && !doc.cap_seen.contains(key)
        && !f.has(Flags::SURNAME | Flags::GIVEN)
    {
        return (Other, 0, true);
    }
    if let Some(v) = no_person_evidence(doc, s, c) {
        return (Other, 0, v);
    }
    // A lone word is a person's name only with some evidence: a known first name or surname
    // here, or (in `harmonise`) a longer name of the article it belongs to.
    if f.has(Flags::GIVEN | Flags::SURNAME) {
        return (Person, 0, false);
    }
    (Other, 0, false)
}

/// Why an unknown capitalised span with nothing for it is still no person: `Some(drop)` when
/// it is not even a name (`Some(true)`), or a name of something else left untyped
/// (`Some(false)`). People take no article (`the Tankan report`); a span whose words the
/// article also writes in lower case is capitalised for another reason (`Expected Sale Date`);
/// a headline in capitals shows no case at all.
fn no_person_evidence(doc: &Doc, s: &Sentence, c: &Candidate) -> Option<bool> {
    let lex = lexicon();
    let toks = &s.tokens[c.first..c.last];
    let prev = c.first.checked_sub(1).map(|i| s.tokens[i].lower.as_ref());
    if prev == Some("the") {
        return Some(false);
    }
    let ordinary = |t: &super::tokens::Token| {
        doc.lower_seen.contains(t.lower.as_ref())
            && !lex.word(&t.lower).has(Flags::GIVEN | Flags::SURNAME)
    };
    if toks.iter().any(ordinary) {
        return Some(true);
    }
    if toks.len() >= 2 && s.shouted {
        return Some(true);
    }
    let next = s.tokens.get(c.last).map(|t| t.text);
    // A capitalised phrase before a colon is a label (`Expected Delivery Date:`).
    if toks.len() >= 2 && next == Some(":") {
        return Some(true);
    }
    // After a bracketed note (`Lancer ( Japan ) Kestrel Sport`) comes a thing, not a person.
    if prev == Some(")") {
        return Some(false);
    }
    None
}

/// Prices, codes and periods (`US$`, `Q1`, `F-14`, `Jan-April`): a digit, a currency sign or a
/// month inside a word marks a code or a date, never a person, company or place.
fn coded(toks: &[super::tokens::Token]) -> bool {
    toks.iter().any(|t| {
        t.text.contains('$')
            || t.text.chars().any(|ch| ch.is_ascii_digit())
            || (t.text.contains('-')
                && t.lower
                    .split('-')
                    .all(|p| crate::analysis::calendar::is_month(p.trim_end_matches('.'))))
    })
}

/// Make the document agree with itself: one kind per name, and short forms take the kind of
/// the long form they abbreviate.
fn harmonise(doc: &Doc, typed: &mut [Typed]) {
    // Best evidence per exact name.
    let mut best: FastMap<&str, (u8, EntityKind)> = FastMap::default();
    for t in typed.iter().filter(|t| !t.drop) {
        let e = best.entry(t.key.as_str()).or_insert((t.strength, t.kind));
        if t.strength > e.0 {
            *e = (t.strength, t.kind);
        }
    }
    // Words of longer names: `Clinton` ← `Bill Clinton`, `Acme` ← `Acme Corp`.
    let mut part: FastMap<String, (u8, EntityKind)> = FastMap::default();
    // First and last words of people's names, however weak (`LeBron` ← `LeBron James`): only
    // against a guess.
    let mut given: FastSet<&str> = FastSet::default();
    // Last words of organisation names (`Commission` ← `European Commission`).
    let mut heads: FastSet<&str> = FastSet::default();
    for t in typed.iter().filter(|t| !t.drop) {
        let words: Vec<&str> = t.key.split(' ').collect();
        let words = if t.kind == EntityKind::Person {
            without_generation(&words)
        } else {
            &words[..]
        };
        if words.len() < 2 {
            continue;
        }
        if t.kind == EntityKind::Person {
            given.insert(words[0]);
            given.insert(words[words.len() - 1]);
        }
        if t.strength == 0 {
            continue;
        }
        if t.kind == EntityKind::Organization {
            heads.insert(words[words.len() - 1]);
        }
        let pick: &[&str] = match t.kind {
            EntityKind::Person => &words[words.len() - 1..],
            EntityKind::Organization if words.len() == 2 => words,
            EntityKind::Organization => &[words[0], words[words.len() - 1]],
            _ => &[],
        };
        let mut note = |w: String| {
            let e = part.entry(w).or_insert((t.strength, t.kind));
            if t.strength > e.0 {
                *e = (t.strength, t.kind);
            }
        };
        for w in pick {
            note((*w).to_string());
        }
        // A run of two or more words of a longer organisation name is that organisation
        // (`Tidal Power` beside `Northern Tidal Power Company`).
        if t.kind == EntityKind::Organization {
            for len in 2..words.len() {
                for run in words.windows(len) {
                    note(run.join(" "));
                }
            }
        }
    }
    let first_of = lone_first_names(doc, typed, &part);
    let updates: Vec<(usize, u8, EntityKind)> = typed
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            // A word dropped everywhere may still stand for a longer name: the surname of a
            // person, the head of an organisation (`the Commission`), in running text.
            let (bs, bk) = match best.get(t.key.as_str()) {
                Some(b) => *b,
                None if !doc.sentences[t.cand.sent].shouted
                    && part.get(&t.key).is_some_and(|&(_, k)| {
                        k == EntityKind::Person || heads.contains(t.key.as_str())
                    }) =>
                {
                    (t.strength, t.kind)
                }
                None => return None,
            };
            let mut pick = (bs, bk);
            let mut forced = false;
            if let Some(&(ps, pk)) = part.get(&t.key) {
                // `Jordan` after `Michael Jordan` is the man, not the country.
                let namesake = pk == EntityKind::Person
                    && ps >= 2
                    && lexicon()
                        .get([t.key.as_str()])
                        .has(Flags::GIVEN | Flags::SURNAME);
                let fragment = t.key.contains(' ') && pk == EntityKind::Organization;
                if (!t.key.contains(' ') || fragment)
                    && ps >= 1
                    && (pick.0 < 2 || ps > pick.0 || namesake)
                {
                    pick = (ps.min(2), pk);
                    forced = namesake;
                }
            } else if pick.0 == 0 && given.contains(t.key.as_str()) {
                pick = (0, EntityKind::Person);
            }
            // Strong evidence of its own (a dateline, a sports table) is kept.
            ((pick.0 > t.strength && t.strength <= 1)
                || (forced && pick.1 != t.kind)
                || (pick.0 == t.strength
                    && pick.1 != t.kind
                    && t.strength == 0
                    && pick != (bs, bk)))
                .then_some((i, pick.0, pick.1))
        })
        .collect();
    for (i, s, k) in updates {
        typed[i].strength = s;
        typed[i].kind = k;
        typed[i].drop = false;
    }
    for t in typed
        .iter_mut()
        .filter(|t| t.strength <= 1 && first_of.contains(&t.key))
    {
        t.kind = EntityKind::Person;
        t.strength = 1;
        t.drop = false;
    }
}

/// First names that stand alone for the one person the article names in full with them
/// (`LeBron` ← `LeBron James`), over weak context (`to LeBron` looked like a place): not a
/// title, a common word, a place or organisation word, part of another name (`Cofinec` ←
/// `Cofinec S.A.`), nor two people's first name.
fn lone_first_names(
    doc: &Doc,
    typed: &[Typed],
    part: &FastMap<String, (u8, EntityKind)>,
) -> FastSet<String> {
    let lex = lexicon();
    // A guessed full name counts only with a known first name or surname in it (not
    // `Windows NT`, `Berlex Laboratories`).
    let named = |w: &str| lex.get([w]).has(Flags::GIVEN | Flags::SURNAME);
    let mut firsts: FastMap<&str, Vec<&str>> = FastMap::default();
    for t in typed
        .iter()
        .filter(|t| !t.drop && t.kind == EntityKind::Person)
    {
        let words: Vec<&str> = t.key.split(' ').collect();
        let words = without_generation(&words);
        let [first, .., last] = words else {
            continue;
        };
        if t.strength >= 1 || named(first) || named(last) {
            let lasts = firsts.entry(*first).or_default();
            if !lasts.contains(last) {
                lasts.push(*last);
            }
        }
    }
    let other = Flags::TITLE | Flags::COMMON | Flags::PLACE | Flags::ORG | Flags::ORG_WORD;
    firsts
        .into_iter()
        .filter(|(first, lasts)| {
            lasts.len() == 1
                && !part.contains_key(*first)
                && !doc.lower_seen.contains(*first)
                && !lex.get([*first]).has(other)
        })
        .map(|(first, _)| first.to_string())
        .collect()
}
