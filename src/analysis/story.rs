//! What an article brings to story grouping and copy detection: pure, no store.
//!
//! * [`Fingerprint`]: a MinHash signature of the text's word 5-shingles. Two copies of one text
//!   (a syndicated wire story under another URL, with other boilerplate, a new headline or a
//!   trimmed last paragraph) share most shingles, so their signatures agree in most slots; two
//!   reports of one event by different writers share few. The 64 slots are cut into
//!   [`BANDS`] bands whose hashes index the store (LSH), so candidates come from an index lookup.
//!   The hash is written out here (FNV-1a 64 and a fixed mixer) rather than taken from a crate:
//!   signatures are stored, so the function must never change with a dependency's version, and
//!   MinHash over one hash family is a few lines.
//! * [`Features`]: the words of the text (headline words [`HEADLINE_TIMES`] times), the
//!   canonical keys of its entities, and the event's day: the published date when the page gave one, else the first
//!   full date written in the text (`December 15th, 2008`, `15 Dec 2008`, `2008-12-15`). The
//!   store weights words and entities by their rarity among its articles (TF-IDF).
//! * [`Lead`]: the person the article is mainly about (named [`LEAD_MENTIONS`] times or more).
//!   Two events of one kind in one place (a second drink-driving arrest at the same club, a
//!   second title defence of the same boxer) share nearly all their words; who the report is
//!   about is what differs. [`Lead::rules_out`] tells when a story is about other people.

use super::calendar::is_month;
use super::entities::canonical_key;
use super::stopwords::is_stopword;
use super::{Analysis, EntityKind};

/// Slots in a MinHash signature.
pub const SLOTS: usize = 64;
/// LSH bands: 16 bands of 4 slots. Two texts whose shingle sets overlap with Jaccard `j` share a
/// band with probability 1 - (1 - j^4)^16: 0.99 at j = 0.5, 0.15 at j = 0.2.
pub const BANDS: usize = 16;
const ROWS: usize = SLOTS / BANDS;
/// Words in a shingle.
const SHINGLE: usize = 5;
/// The estimated share of shingles two texts must have in common to be copies of each other,
/// measured over the smaller text (containment), so a copy with a paragraph trimmed still counts.
pub const COPY_SIMILARITY: f64 = 0.7;
/// Texts with fewer shingles than this are never called copies: two one-line items that agree
/// are as likely to be two reports of one fact.
const MIN_SHINGLES: usize = 12;

/// A MinHash signature with the size of the shingle set it summarises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub slots: [u32; SLOTS],
    pub shingles: usize,
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64's finaliser: one base hash becomes [`SLOTS`] independent-looking ones.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Lower-case alphanumeric words: boilerplate punctuation and spacing do not matter.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

impl Fingerprint {
    /// The signature of `text` (the article body; the headline is left out so a retitled copy
    /// still matches).
    pub fn of(text: &str) -> Fingerprint {
        let words: Vec<String> = words(text).collect();
        let mut slots = [u32::MAX; SLOTS];
        let mut seen = std::collections::HashSet::new();
        for w in words.windows(SHINGLE.min(words.len()).max(1)) {
            let base = fnv1a(w.join(" ").as_bytes());
            if !seen.insert(base) {
                continue;
            }
            for (k, slot) in slots.iter_mut().enumerate() {
                let h = (mix(base ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
                if h < *slot {
                    *slot = h;
                }
            }
        }
        Fingerprint {
            slots,
            shingles: seen.len(),
        }
    }

    /// The band hashes that index this signature (none for texts too short to be called copies).
    pub fn bands(&self) -> Vec<i64> {
        if self.shingles < MIN_SHINGLES {
            return Vec::new();
        }
        self.slots
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                let mut bytes = Vec::with_capacity(4 * ROWS + 1);
                bytes.push(b as u8);
                for r in rows {
                    bytes.extend_from_slice(&r.to_le_bytes());
                }
                fnv1a(&bytes) as i64
            })
            .collect()
    }

    /// Estimated share of the smaller text's shingles that the other also has.
    ///
    /// The slot agreement estimates Jaccard `j`; with set sizes `a` and `b`, the intersection is
    /// `j (a + b) / (1 + j)`, divided by `min(a, b)`.
    pub fn containment(&self, other: &Fingerprint) -> f64 {
        let agree = self
            .slots
            .iter()
            .zip(&other.slots)
            .filter(|(x, y)| x == y && **x != u32::MAX)
            .count();
        let j = agree as f64 / SLOTS as f64;
        let (a, b) = (self.shingles as f64, other.shingles as f64);
        let small = a.min(b);
        if small == 0.0 {
            return 0.0;
        }
        (j * (a + b) / (1.0 + j) / small).min(1.0)
    }

    /// Whether `other` is a copy of this text (or this of it).
    pub fn is_copy_of(&self, other: &Fingerprint) -> bool {
        self.shingles >= MIN_SHINGLES
            && other.shingles >= MIN_SHINGLES
            && self.containment(other) >= COPY_SIMILARITY
    }

    /// The signature as stored: 4 little-endian bytes a slot.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.slots.iter().flat_map(|s| s.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8], shingles: usize) -> Option<Fingerprint> {
        if bytes.len() != 4 * SLOTS {
            return None;
        }
        let mut slots = [0u32; SLOTS];
        for (slot, b) in slots.iter_mut().zip(bytes.chunks_exact(4)) {
            *slot = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
        Some(Fingerprint { slots, shingles })
    }
}

/// What joins an article to a story, before the store weights it.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Distinct terms with their counts: words (`w:`) and entity keys (`e:`), sorted by term.
    pub terms: Vec<(String, u32)>,
    /// The event's day (days since 1970-01-01), when known.
    pub day: Option<i32>,
    /// The person the article is mainly about, when one stands out.
    pub lead: Option<Lead>,
}

/// Mentions that make a person an article's [`Lead`]: a name given three times is what the
/// report is about, not a passing reference.
pub const LEAD_MENTIONS: u32 = 3;

/// The person an article is mainly about: its most mentioned person (ties by key), named at
/// least [`LEAD_MENTIONS`] times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    /// Canonical key (`e:` term without its prefix).
    pub key: String,
    /// The last word of the name, lower case: how other reports refer to the person
    /// (`Williams` for `Jamal Williams`), found among their words when their entity key differs.
    pub surname: String,
    pub mentions: u32,
}

impl Lead {
    /// The lead among an article's people, given as `(name, mentions)`.
    pub fn pick<'a>(people: impl IntoIterator<Item = (&'a str, u32)>) -> Option<Lead> {
        people
            .into_iter()
            .filter(|(_, m)| *m >= LEAD_MENTIONS)
            .map(|(name, mentions)| Lead {
                key: canonical_key(name),
                surname: words(name).last().unwrap_or_default(),
                mentions,
            })
            .filter(|l| !l.key.is_empty())
            .max_by(|a, b| a.mentions.cmp(&b.mentions).then_with(|| a.key.cmp(&b.key)))
    }

    /// Whether a story is about other people than this article: its lead is absent from the
    /// story (`has` answers whether the story's centroid holds a term), and the story's own
    /// main entity (`story_entity`, its heaviest `e:` key) is missing from the article or
    /// named there less than half as often as the lead (`terms`: the article's terms). A
    /// report that brings a new name but is still about the story's subject is not ruled out.
    pub fn rules_out(
        &self,
        has: impl Fn(&str) -> bool,
        story_entity: Option<&str>,
        terms: &[(String, u32)],
    ) -> bool {
        if has(&format!("e:{}", self.key)) || has(&format!("w:{}", self.surname)) {
            return false;
        }
        let Some(main) = story_entity else {
            return true;
        };
        let last = |k: &str| k.rsplit(' ').next().unwrap_or(k).to_string();
        let main_last = last(main);
        let named = terms
            .iter()
            .filter_map(|(t, c)| t.strip_prefix("e:").map(|k| (k, *c)))
            .filter(|(k, _)| *k == main || last(k) == main_last)
            .map(|(_, c)| c)
            .max()
            .unwrap_or(0);
        2 * named < self.mentions
    }
}

/// How many times a headline word counts (with its reading in the text). The headline is the
/// outlet's one-line statement of the event (`Robbers ram 4x4 into Paris jewellery store`); the
/// body adds background shared with earlier events of the kind. Counted three times rather than
/// twice: dev stories B3 91.93 -> 92.17 with whole article vectors (the store's `VECTOR_TERMS`
/// 400; 3 topics better, none worse; on four shuffled ingest orders +1.2, -0.1, +0.1, 0.0).
pub const HEADLINE_TIMES: u32 = 3;

/// Most terms kept per article: its rarest ones matter, and the store stays bounded.
pub const MAX_TERMS: usize = 400;

impl Features {
    /// Features of an analysed article. `title` is the headline; `published` the page's date.
    pub fn of(
        title: Option<&str>,
        text: &str,
        published: Option<&str>,
        analysis: &Analysis,
    ) -> Features {
        let entities: Vec<(String, u32)> = analysis
            .entities
            .iter()
            .map(|e| (canonical_key(&e.name), e.mentions.len().max(1) as u32))
            .collect();
        let lead = Lead::pick(
            analysis
                .entities
                .iter()
                .filter(|e| e.kind == EntityKind::Person)
                .map(|e| (e.name.as_str(), e.mentions.len().max(1) as u32)),
        );
        Features::from_parts(title, text, published, &entities, lead)
    }

    /// Features from stored parts: entities as `(canonical key, mentions)`.
    pub fn from_parts(
        title: Option<&str>,
        text: &str,
        published: Option<&str>,
        entities: &[(String, u32)],
        lead: Option<Lead>,
    ) -> Features {
        let mut counts: std::collections::HashMap<String, u32> = Default::default();
        let mut add = |source: &str, times: u32| {
            for w in words(source) {
                if w.chars().count() < 2 || is_stopword(&w) || w.chars().all(|c| c.is_numeric()) {
                    continue;
                }
                *counts.entry(format!("w:{w}")).or_default() += times;
            }
        };
        add(text, 1);
        // The headline names the event: its words count more (a plain-text article's first
        // line is both headline and text, so it is read once there already).
        if let Some(t) = title {
            add(t, HEADLINE_TIMES - 1);
        }
        for (key, mentions) in entities {
            if !key.is_empty() {
                *counts.entry(format!("e:{key}")).or_default() += mentions;
            }
        }
        let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
        if terms.len() > MAX_TERMS {
            // Keep the most frequent; ties by term so the choice is stable.
            terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            terms.truncate(MAX_TERMS);
        }
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        let day = published
            .and_then(parse_iso_day)
            .or_else(|| first_date(text));
        Features { terms, day, lead }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (None when it does not exist).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> Option<i32> {
    let d = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    Some((d - epoch).num_days() as i32)
}

/// `2008-12-15`, `2008-12-15T07:35:00Z` and the like.
fn parse_iso_day(s: &str) -> Option<i32> {
    let s = s.trim();
    let head = s.get(..10)?;
    let mut parts = head.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    days_from_civil(y, m, d)
}

fn month_number(w: &str) -> Option<u32> {
    if !is_month(w) {
        return None;
    }
    let n = match &w[..3] {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };
    Some(n)
}

fn year(w: &str) -> Option<i32> {
    let y: i32 = (w.len() == 4).then(|| w.parse().ok()).flatten()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn day_of_month(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// The first full date written in `text` (`December 15th, 2008`, `15 Dec. 2008`, `2008-12-15`):
/// a dateline, or the first date the report gives.
pub fn first_date(text: &str) -> Option<i32> {
    let tokens: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, raw) in tokens.iter().enumerate() {
        let w = raw.to_ascii_lowercase();
        if w.len() >= 10
            && w.as_bytes()[4] == b'-'
            && w.as_bytes()[7] == b'-'
            && w.as_bytes().get(10).is_none_or(|b| !b.is_ascii_digit())
            && let Some(d) = parse_iso_day(&w)
        {
            return Some(d);
        }
        let next = |k: usize| tokens.get(i + k).map(|t| t.to_ascii_lowercase());
        if let Some(m) = month_number(&w) {
            // Month day, year
            if let (Some(d), Some(y)) = (
                next(1).as_deref().and_then(day_of_month),
                next(2).as_deref().and_then(year),
            ) && let Some(days) = days_from_civil(y, m, d)
            {
                return Some(days);
            }
        } else if let Some(d) = day_of_month(&w)
            && let (Some(m), Some(y)) = (
                next(1).as_deref().and_then(month_number),
                next(2).as_deref().and_then(year),
            )
            && let Some(days) = days_from_civil(y, m, d)
        {
            return Some(days);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "The city council voted on Tuesday to close the old harbour bridge to \
        traffic after engineers found cracks in two of its steel supports. The mayor said repairs \
        would take at least six months and cost more than four million dollars. Ferries will run \
        every twenty minutes while the bridge is shut, and buses will be rerouted through the \
        northern tunnel. Shop owners on the waterfront said they feared losing customers during \
        the busy summer season.";

    #[test]
    fn copies_match_and_other_texts_do_not() {
        let a = Fingerprint::of(WIRE);
        let boiler = Fingerprint::of(&format!(
            "Subscribe to our newsletter!\n{WIRE}\nShare this."
        ));
        let trimmed = Fingerprint::of(WIRE.rsplit_once(" Shop owners").unwrap().0);
        let other = Fingerprint::of(
            "Engineers discovered cracks in the steel supports of the harbour bridge, and the \
             council has voted to shut it. Repairs will cost over four million dollars, the mayor \
             told reporters, and could last half a year. Waterfront shops fear for their summer.",
        );
        assert!(a.is_copy_of(&boiler), "{}", a.containment(&boiler));
        assert!(a.is_copy_of(&trimmed), "{}", a.containment(&trimmed));
        assert!(!a.is_copy_of(&other), "{}", a.containment(&other));
        let back = Fingerprint::from_bytes(&a.to_bytes(), a.shingles).unwrap();
        assert_eq!(back, a);
        assert_eq!(a.bands().len(), BANDS);
        assert!(a.bands().iter().any(|b| boiler.bands().contains(b)));
    }

    #[test]
    fn the_lead_is_the_most_named_person() {
        assert_eq!(Lead::pick([("Tomas Brandt", 2), ("Mira Holm", 1)]), None);
        let lead = Lead::pick([("Tomas Brandt", 3), ("Milan Sorensen", 5)]).unwrap();
        assert_eq!(lead.key, canonical_key("Milan Sorensen"));
        assert_eq!(lead.surname, "sorensen");
        assert_eq!(lead.mentions, 5);
    }

    #[test]
    fn a_story_about_other_people_is_ruled_out() {
        let lead = Lead::pick([("Milan Sorensen", 4)]).unwrap();
        let brandt = canonical_key("Tomas Brandt");
        let story = [
            format!("e:{brandt}"),
            "w:brandt".to_string(),
            "w:arrested".into(),
        ];
        let has = |t: &str| story.iter().any(|s| s == t);
        let terms = |n: u32| vec![(format!("e:{brandt}"), n), ("w:arrested".to_string(), 2)];
        // The story's man is named once here: this report is about someone else.
        assert!(lead.rules_out(has, Some(brandt.as_str()), &terms(1)));
        // Named as often as half the lead: still his story.
        assert!(!lead.rules_out(has, Some(brandt.as_str()), &terms(2)));
        // The lead is in the story (by surname): never ruled out.
        let with = |t: &str| t == "w:sorensen";
        assert!(!lead.rules_out(with, Some(brandt.as_str()), &terms(0)));
    }

    #[test]
    fn headline_words_count_three_times() {
        let title = "Robbers ram jeweller";
        let f = Features::from_parts(
            Some(title),
            &format!("{title}\n\nFour robbers drove a car into the jeweller's window."),
            None,
            &[],
            None,
        );
        let count = |t: &str| f.terms.iter().find(|(x, _)| x == t).map(|(_, c)| *c);
        // Once in the text's own first line, twice more as the headline.
        assert_eq!(count("w:ram"), Some(HEADLINE_TIMES));
        // Also in the body: one more.
        assert_eq!(count("w:robbers"), Some(HEADLINE_TIMES + 1));
        assert_eq!(count("w:window"), Some(1));
        // An article without a headline counts its words once.
        let plain = Features::from_parts(None, "Robbers ram jeweller", None, &[], None);
        assert!(plain.terms.iter().all(|(_, c)| *c == 1));
    }

    #[test]
    fn dates_in_text() {
        let d = |y, m, dd| days_from_civil(y, m, dd);
        assert_eq!(first_date("December 15th, 2008, 7:35 am"), d(2008, 12, 15));
        assert_eq!(first_date("LONDON, 3 Sept. 2013 - x"), d(2013, 9, 3));
        assert_eq!(first_date("Posted 2011-04-02T10:00"), d(2011, 4, 2));
        assert_eq!(
            first_date("In May 2008 he left; on June 4, 2009 he came"),
            d(2009, 6, 4)
        );
        assert_eq!(first_date("no date here, 2008 only"), None);
        assert_eq!(parse_iso_day("2008-12-15T07:35:00Z"), d(2008, 12, 15));
    }
}
