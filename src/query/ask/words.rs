//! Word lists and word forms shared by the stages of `ask`: tokens with byte offsets, stop words,
//! stems, and numbers written either way (`seven` ↔ `7`, `7 million` ↔ `7,000,000`).

use super::irregular;
use fnv::FnvHashMap;
use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One word of a sentence or question, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lower case, no diacritics, possessive `'s` dropped.
    pub norm: String,
    /// What two words must share to count as the same: a number's value or the word's stem.
    pub key: String,
    /// Written with a capital first letter.
    pub capital: bool,
    /// The value when the token is a number (digits or a number word).
    pub number: Option<f64>,
    /// A stop word: looked up once here, asked for many times while ranking.
    stop: bool,
}

impl Token {
    pub fn is_stopword(&self) -> bool {
        self.stop
    }
}

/// Split `text` into words: runs of letters and digits, with `,` and `.` kept inside numbers
/// (`5,500,000`, `3.5`) and apostrophes inside words (`don't`). A scale word after a number
/// (`7 million`) gives that number its full value.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = iter.peek() {
            let joins = if d.is_alphanumeric() {
                true
            } else if matches!(d, ',' | '.') {
                // Inside a number: a digit on both sides; or an abbreviation in capitals with
                // dots (`U.K.`, read as `UK`).
                bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    || d == '.' && dotted_capitals(text, start, i)
            } else if matches!(d, '\'' | '\u{2019}') {
                text[i + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            } else {
                false
            };
            if !joins {
                break;
            }
            end = i + d.len_utf8();
            iter.next();
        }
        let start = if naira_sign(&text[start..end]) {
            start + 1
        } else {
            start
        };
        out.push(token(text, start, end));
        if out.len() >= 4096 {
            break;
        }
    }
    join_compound_numbers(text, &mut out);
    // `7 million`: the number takes the scale's value; the scale word keeps its own.
    for i in 1..out.len() {
        if let (Some(n), Some(scale)) = (out[i - 1].number, scale(&out[i].norm))
            && out[i - 1]
                .norm
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            let value = n * scale;
            if value.is_finite() {
                out[i - 1].number = Some(value);
                out[i - 1].key = number_key(value);
            }
        }
    }
    out
}

/// Makes one number of a tens word and a units word written with a hyphen (`twenty-nine`): split
/// at the hyphen, the sentence would hold a 20 and a 9, and neither matches the question's 29.
fn join_compound_numbers(text: &str, out: &mut Vec<Token>) {
    let word_value = |t: &Token| {
        t.number
            .filter(|_| !t.norm.starts_with(|c: char| c.is_ascii_digit()))
    };
    let mut i = 1;
    while i < out.len() {
        let (tens, units) = (word_value(&out[i - 1]), word_value(&out[i]));
        let joined = matches!(
            (tens, units),
            (Some(t), Some(u)) if (20.0..=90.0).contains(&t) && t % 10.0 == 0.0 && (1.0..=9.0).contains(&u)
        ) && &text[out[i - 1].end..out[i].start] == "-";
        if let (true, Some(t), Some(u)) = (joined, tens, units) {
            let units = out.remove(i);
            let first = &mut out[i - 1];
            first.end = units.end;
            first.norm = format!("{}{}", first.norm, units.norm);
            first.number = Some(t + u);
            first.key = number_key(t + u);
        }
        i += 1;
    }
}

/// Whether the dot at `dot` goes on an abbreviation of single capitals begun at `start`
/// (`U.K.`, `E.U.`): what came before is capitals each followed by a dot, and a capital and a
/// dot come next.
fn dotted_capitals(text: &str, start: usize, dot: usize) -> bool {
    let before = &text.as_bytes()[start..dot];
    let next = &text.as_bytes()[dot + 1..];
    before.iter().enumerate().all(|(k, &b)| {
        if k % 2 == 0 {
            b.is_ascii_uppercase()
        } else {
            b == b'.'
        }
    }) && before.len() % 2 == 1
        && next.first().is_some_and(u8::is_ascii_uppercase)
        && next.get(1) == Some(&b'.')
}

/// The endings of a possessive as written (`Indiana's`, `Baikal’s`, `NASA'S`).
const POSSESSIVE: [&str; 4] = ["'s", "\u{2019}s", "'S", "\u{2019}S"];

/// Whether `written` (a word as the text has it) is a possessive.
pub fn is_possessive(written: &str) -> bool {
    POSSESSIVE.iter().any(|p| written.ends_with(p))
}

fn token(text: &str, start: usize, end: usize) -> Token {
    let raw = &text[start..end];
    let raw = POSSESSIVE
        .iter()
        .find_map(|p| raw.strip_suffix(p))
        .filter(|r| !r.is_empty())
        .unwrap_or(raw);
    // `U.S.` is no `us`: an abbreviation is never a stop word.
    let dotted = raw.contains('.') && raw.bytes().all(|b| b == b'.' || b.is_ascii_uppercase());
    let norm = if dotted {
        raw.replace('.', "").to_ascii_lowercase()
    } else {
        fold_word(raw)
    };
    let capital = raw.chars().next().is_some_and(char::is_uppercase);
    let number = number_value(&norm).or_else(|| scaled_value(&norm, after_currency(text, start)));
    let key = match (number, ordinal_value(&norm)) {
        (Some(value), _) => number_key(value),
        (None, Some(n)) => ordinal_key(n),
        // `787s`, `1990s`: the number they are the plural of.
        (None, None) => match norm.strip_suffix('s').and_then(number_value) {
            Some(value) if norm.starts_with(|c: char| c.is_ascii_digit()) => number_key(value),
            // `rose` in lower case is the verb's past (`Rose` a name).
            _ => stem(
                irregular::lower_case_base_of(&norm)
                    .filter(|_| !capital)
                    .unwrap_or(&norm),
            ),
        },
    };
    let stop = !dotted && is_stopword(&norm);
    Token {
        start,
        end,
        norm,
        key,
        capital,
        number,
        stop,
    }
}

/// Lower case without diacritics or apostrophes.
pub fn fold_word(word: &str) -> String {
    if word.is_ascii() {
        return word
            .bytes()
            .filter(|&b| b != b'\'')
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c) && !matches!(c, '\'' | '\u{2019}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The English (Snowball) stem: `referendums` → `referendum`, `covered` → `cover`; an
/// irregular verb's forms share their base's (`spoke` → `speak`).
pub fn stem(word: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    thread_local! {
        // Stemming is most of tokenising; news repeats its words. Bounded: cleared when full.
        static CACHE: RefCell<FnvHashMap<String, String>> = RefCell::new(FnvHashMap::default());
    }
    // An adverb made of a participle (`reportedly`, `increasingly`) says how, not that the
    // deed was done: it keeps a key of its own rather than the verb's.
    if word.len() > 6 && (word.ends_with("edly") || word.ends_with("ingly")) {
        return word.to_string();
    }
    CACHE.with_borrow_mut(|cache| {
        if let Some(s) = cache.get(word) {
            return s.clone();
        }
        let s = STEMMER
            .get_or_init(|| Stemmer::create(Algorithm::English))
            .stem(super::irregular::base_of(word).unwrap_or(word))
            .into_owned();
        if cache.len() >= 50_000 {
            cache.clear();
        }
        cache.insert(word.to_string(), s.clone());
        s
    })
}

/// The other spellings of `token` that a full-text query must ask for too: an irregular
/// verb's forms (`speaks` → `spoke`, `spoken`), which the index's stemmer keeps apart, or an
/// ordinal's other form (`tenth` → `10th`).
pub fn other_forms(token: &Token) -> Vec<&'static str> {
    if let Some(n) = ordinal_value(&token.norm) {
        return ORDINALS
            .iter()
            .find(|o| o.0 == n)
            .map(|&(_, word, digits)| [word, digits])
            .into_iter()
            .flatten()
            .filter(|f| *f != token.norm)
            .collect();
    }
    let mut forms = irregular::VERBS
        .iter()
        .find(|(base, ..)| stem(base) == token.key)
        .map(|&(base, past, part)| vec![base, past, part])
        .unwrap_or_default();
    // `rise` asks for `rose` too, and `rose` (lower case, so its key is `rise`'s) for `rise`.
    for &(past, base) in irregular::LOWER_CASE_PASTS {
        if stem(base) == token.key {
            forms.extend([base, past]);
        }
    }
    let mut seen = Vec::with_capacity(forms.len());
    forms.retain(|f| {
        *f != token.norm && !seen.contains(f) && {
            seen.push(*f);
            true
        }
    });
    forms
}

/// Whether `w` (lower case) reads as the word for a people, which describes a noun after it
/// (`Danish [navy]`, `Dutch [fleet]`, `Chinese [government]`).
pub fn is_demonym(w: &str) -> bool {
    w.len() > 3
        && ["an", "ish", "ese", "ch", "ic", "i"]
            .iter()
            .any(|end| w.ends_with(end))
}

/// Modal verbs, which stand between a subject and its verb (`the council [will] pay`).
pub fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "will" | "would" | "can" | "could" | "should" | "must" | "might"
    )
}

/// Words that open a noun phrase.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "this"
            | "these"
            | "those"
    )
}

/// Whether a word ends as a participle does (`-ed`, `-ing`): a verb more likely than the noun a
/// phrase is built around.
pub fn participle_like(norm: &str) -> bool {
    norm.ends_with("ed")
        || norm.ends_with("ing")
        || norm == "born"
        || super::irregular::base_of(norm).is_some()
}

/// Whether two different words are likely forms of one another that stemming keeps apart
/// (`Victoria` / `Victorian`, `violent` / `violence`, `compared` / `comparison`): they share a
/// beginning of at least five letters that is most of the longer word. Questions are written in
/// other words than the sentence that answers them, often in another form of the same word.
pub fn related(a: &str, b: &str) -> bool {
    let shared = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y && x.is_alphabetic())
        .count();
    if shared < 5 {
        return false;
    }
    let longer = a.chars().count().max(b.chars().count());
    shared * 5 >= longer * 3
}

/// Ordinals written out and in digits (`tenth`, `10th`): one key for both, and the other form
/// for the full-text query.
const ORDINALS: [(u32, &str, &str); 27] = [
    (1, "first", "1st"),
    (2, "second", "2nd"),
    (3, "third", "3rd"),
    (4, "fourth", "4th"),
    (5, "fifth", "5th"),
    (6, "sixth", "6th"),
    (7, "seventh", "7th"),
    (8, "eighth", "8th"),
    (9, "ninth", "9th"),
    (10, "tenth", "10th"),
    (11, "eleventh", "11th"),
    (12, "twelfth", "12th"),
    (13, "thirteenth", "13th"),
    (14, "fourteenth", "14th"),
    (15, "fifteenth", "15th"),
    (16, "sixteenth", "16th"),
    (17, "seventeenth", "17th"),
    (18, "eighteenth", "18th"),
    (19, "nineteenth", "19th"),
    (20, "twentieth", "20th"),
    (30, "thirtieth", "30th"),
    (40, "fortieth", "40th"),
    (50, "fiftieth", "50th"),
    (60, "sixtieth", "60th"),
    (70, "seventieth", "70th"),
    (80, "eightieth", "80th"),
    (100, "hundredth", "100th"),
];

/// The value of an ordinal (`tenth`, `10th`, `21st`); `second` reads as one too, as a
/// question about the `second` of something means the `2nd`.
pub fn ordinal_value(norm: &str) -> Option<u32> {
    if let Some(o) = ORDINALS.iter().find(|o| o.1 == norm) {
        return Some(o.0);
    }
    let digits = norm.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &norm[digits.len()..];
    let n: u32 = digits.parse().ok()?;
    let expected = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    (suffix == expected).then_some(n)
}

fn ordinal_key(n: u32) -> String {
    format!("#{n}th")
}

fn number_key(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("#{}", value as i64)
    } else {
        format!("#{value}")
    }
}

/// The value of `5,500,000`, `3.5` or a number word (`seven`, `twenty`, `dozen`).
pub fn number_value(norm: &str) -> Option<f64> {
    if norm.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = norm.chars().filter(|c| *c != ',').collect();
        // A run of digits too long for any quantity is not a number worth reading.
        return digits.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let n = match norm {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "thousand" => 1000,
        "dozen" => 12,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    };
    Some(f64::from(n))
}

/// Whether a currency sign stands right before byte `start` (`$12.9bn`, and the naira's `N`
/// that Nigerian papers write for `₦`: `N500m`).
pub fn after_currency(text: &str, start: usize) -> bool {
    text[..start].ends_with(['$', '£', '€', '¥', '₹', '₦'])
        || text[..start].strip_suffix('N').is_some_and(|before| {
            let word = text[before.len()..]
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != ',')
                .next()
                .unwrap_or("")
                .trim_end_matches(['.', ',']);
            !before.ends_with(char::is_alphanumeric) && naira_sign(word)
        })
}

/// Whether a word opens with the naira written `N` (`N500m`, `N2.5bn`, `N5,000`): digits
/// follow with a scale or thousands written on, unlike a model name (`N95`).
fn naira_sign(word: &str) -> bool {
    let Some(rest) = word.strip_prefix('N') else {
        return false;
    };
    let digits = rest.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = &rest[digits.len()..];
    rest.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && (matches!(unit, "m" | "mn" | "bn" | "b" | "k" | "tn")
            || unit.is_empty() && digits.contains(','))
}

/// The value of a number with its scale written on (`12.9bn`, `3tn`; after a currency sign
/// also `5m`, `300k`: elsewhere those are metres and kilo-things).
fn scaled_value(norm: &str, after_currency: bool) -> Option<f64> {
    let digits = norm.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let factor = match &norm[digits.len()..] {
        // `$38million`: the scale written on without a space, as some papers do.
        "bn" | "tn" | "thousand" | "million" | "billion" | "trillion" if !digits.is_empty() => {
            scale(&norm[digits.len()..])?
        }
        "m" | "mn" | "b" | "k" if after_currency && !digits.is_empty() => {
            match &norm[digits.len()..] {
                "k" => 1e3,
                "b" => 1e9,
                other => scale(other)?,
            }
        }
        _ => return None,
    };
    let value = number_value(digits)? * factor;
    value.is_finite().then_some(value)
}

fn scale(norm: &str) -> Option<f64> {
    match norm {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "m" | "mn" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        _ => None,
    }
}

/// Small words an abbreviation leaves out (`Board [of] Harbour Works` → `BHW`).
pub fn skipped_in_initials(w: &str) -> bool {
    matches!(w, "of" | "and" | "for" | "on")
}

/// Verbs that give a name, the name after them (`the disease [dubbed] the Black Death`, `the
/// outer plates, [called] keel plates`, `known [as]`): whether token `k` is one.
pub fn gives_name(t: &[Token], k: usize) -> bool {
    match t[k].norm.as_str() {
        "dubbed" | "called" | "nicknamed" | "named" | "termed" => true,
        "as" => k > 0 && matches!(t[k - 1].norm.as_str(), "known" | "referred" | "described"),
        _ => false,
    }
}

/// The initials of each run of two or more capitalised words, small joining words left out
/// (`Northern Harbour Trade Union` → `nhtu`, `Board of Harbour Works` → `bhw`).
pub fn spelled_out(tokens: &[Token]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for t in tokens {
        if t.capital && t.number.is_none() && !t.is_stopword() {
            run.extend(t.norm.chars().next());
        } else if !(run.is_empty() || skipped_in_initials(&t.norm)) {
            if run.len() >= 2 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        out.push(run);
    }
    out
}

pub use crate::analysis::stopwords::is_stopword;

/// A word that makes a question a question (`what`, `did`): no sentence that answers it has
/// them where the question does.
pub fn is_question_word(w: &str) -> bool {
    matches!(
        w,
        "what"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "when"
            | "where"
            | "why"
            | "how"
            | "do"
            | "does"
            | "did"
    )
}

/// Whether a lower-case word ends as most plurals do: in a single `s` (not `class`), with more
/// than three letters (not `bus`). Also true of Latin singulars in `-us` (`census`), which
/// [`is_plural`] leaves out; the finders that use this looser test take them.
pub fn ends_as_plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
}

/// Whether a lower-case noun reads as a plural: [`ends_as_plural`], and no Latin singular in
/// `-us` (`census`, `virus`).
pub fn is_plural(w: &str) -> bool {
    ends_as_plural(w) && !w.ends_with("us")
}

/// Prepositions a question may leave at its end, stranded from the answer it asks for (`who
/// did they side [with]`).
pub fn is_strandable(w: &str) -> bool {
    matches!(
        w,
        "with"
            | "from"
            | "against"
            | "to"
            | "for"
            | "about"
            | "on"
            | "into"
            | "over"
            | "at"
            | "of"
            | "by"
            | "under"
            | "behind"
            | "toward"
            | "towards"
    )
}

/// A form of `be` that carries the tense (`is`, `were`): it opens a clause's verb, unlike `been`.
pub fn is_finite_be(w: &str) -> bool {
    matches!(w, "is" | "are" | "was" | "were")
}

/// Pronouns that stand for someone or something named before (a follow-up's `he`, a
/// sentence's `It covers…`).
pub fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "him" | "her" | "his" | "hers" | "they" | "them" | "their" | "it" | "its"
    )
}

/// Words of time besides month and weekday names that date an event: every unit of the
/// calendar but `day`, the days said from today, the parts of a day, the seasons.
pub fn is_time_word(w: &str) -> bool {
    (is_calendar_unit(w) && !matches!(w, "day" | "days"))
        || is_day_from_today(w)
        || is_part_of_day(w)
        || is_season(w)
        || matches!(w, "ago" | "earlier" | "later" | "bc" | "ad")
}

/// A day named from the day of writing: `yesterday`, `today`, `tomorrow`, `tonight`.
pub fn is_day_from_today(w: &str) -> bool {
    matches!(w, "yesterday" | "today" | "tomorrow" | "tonight")
}

/// A part of the day: `morning`, `afternoon`, `evening`, `night`.
pub fn is_part_of_day(w: &str) -> bool {
    matches!(w, "morning" | "afternoon" | "evening" | "night")
}

/// A season by its name. Not `fall`, which alone is mostly the verb: the lists that read it after
/// a word of time (`next fall`) add it.
pub fn is_season(w: &str) -> bool {
    matches!(w, "spring" | "summer" | "autumn" | "winter")
}

/// A year written out: `1997`, `2024`.
pub fn is_year(w: &str) -> bool {
    w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit())
}

/// Units of duration, for *how long* answers: the clock's and the calendar's.
pub fn is_duration_unit(w: &str) -> bool {
    matches!(
        w,
        "second" | "seconds" | "minute" | "minutes" | "hour" | "hours"
    ) || is_calendar_unit(w)
}

/// Units of the calendar, `day` to `century`, singular or plural: what a date is counted back
/// in (`three years ago`) and what the words of time share.
pub fn is_calendar_unit(w: &str) -> bool {
    matches!(
        w,
        "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
    )
}

/// Whether `key` (a stemmed word) is a verb of wanting: `what does X want` is answered by
/// what a sentence says X demands or seeks.
pub fn is_want_verb(key: &str) -> bool {
    [
        "want", "demand", "seek", "sought", "desir", "wish", "request", "insist",
    ]
    .iter()
    .any(|v| key == *v || key == stem(v))
}

/// Words of money after or before a number.
pub fn is_money_word(w: &str) -> bool {
    matches!(
        w,
        "dollar"
            | "dollars"
            | "euro"
            | "euros"
            | "pound"
            | "pounds"
            | "yen"
            | "yuan"
            | "renminbi"
            | "rupee"
            | "rupees"
            | "franc"
            | "francs"
            | "lira"
            | "lire"
            | "ruble"
            | "rubles"
            | "rouble"
            | "roubles"
            | "peso"
            | "pesos"
            | "rand"
            | "krona"
            | "kronor"
            | "krone"
            | "kroner"
            | "won"
            | "dinar"
            | "dinars"
            | "dirham"
            | "dirhams"
            | "riyal"
            | "riyals"
            | "shekel"
            | "shekels"
            | "zloty"
            | "baht"
            | "naira"
            | "hryvnia"
            | "hryvnias"
            | "marks"
            | "guilders"
            | "usd"
            | "eur"
            | "gbp"
            | "cents"
            | "cent"
            | "pence"
            | "crown"
            | "crowns"
            | "koruna"
            | "korun"
            | "forint"
            | "forints"
            | "shilling"
            | "shillings"
            | "ringgit"
            | "rupiah"
            | "lei"
            | "leva"
            | "kuna"
            | "cedis"
            | "bucks"
    )
}

/// Words that introduce a reason.
pub fn is_reason_word(w: &str) -> bool {
    matches!(
        w,
        "because"
            | "due"
            | "reason"
            | "reasons"
            | "since"
            | "amid"
            | "result"
            | "caused"
            | "cause"
            | "blamed"
            | "following"
            | "so"
            | "order"
            | "thanks"
            | "led"
            | "citing"
    )
}

/// Verbs of an aim, before the `to` of what is aimed at (`sought to [persuade him]`, `is
/// trying to`, `vowed to`). `go` only as `going`, where it is one (`going to`).
pub fn is_aim_verb(w: &str) -> bool {
    const STEMS: [&str; 17] = [
        "try", "attempt", "seek", "hope", "aim", "plan", "want", "intend", "strive", "wish", "vow",
        "pledge", "promise", "threaten", "bid", "look", "work",
    ];
    if matches!(w, "sought" | "strove" | "tried" | "tries" | "going") {
        return true;
    }
    let stem = |b: &str| {
        STEMS
            .iter()
            .any(|s| *s == b || s.strip_suffix('e') == Some(b))
    };
    // `hoping`, `planned`: the `e` dropped or the consonant doubled before the ending.
    let bare = ["ing", "ed", "s"]
        .iter()
        .filter_map(|end| w.strip_suffix(end))
        .flat_map(|b| {
            let undoubled = b.len() > 3 && b.as_bytes()[b.len() - 1] == b.as_bytes()[b.len() - 2];
            [Some(b), undoubled.then(|| &b[..b.len() - 1])]
        })
        .flatten()
        .any(stem);
    stem(w) || bare
}

/// Verbs that introduce what someone said.
pub fn is_saying_verb(w: &str) -> bool {
    matches!(
        w,
        "say"
            | "said"
            | "says"
            | "tell"
            | "told"
            | "claim"
            | "claimed"
            | "warn"
            | "warned"
            | "argue"
            | "argued"
            | "think"
            | "thought"
            | "call"
            | "called"
            | "describe"
            | "described"
            | "announce"
            | "announced"
            | "write"
            | "wrote"
            | "add"
            | "added"
            | "comment"
            | "mention"
            | "suggest"
            | "suggested"
            | "promise"
            | "promised"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aim_verbs_in_their_forms() {
        for w in [
            "try",
            "trying",
            "tried",
            "sought",
            "seeks",
            "hoping",
            "hoped",
            "planned",
            "planning",
            "aims",
            "vowed",
            "striving",
            "threatened",
            "going",
            "bid",
        ] {
            assert!(is_aim_verb(w), "{w}");
        }
        for w in ["go", "goes", "planet", "said", "trip", "working_"] {
            assert!(!is_aim_verb(w), "{w}");
        }
    }

    #[test]
    fn plurals_by_their_ending() {
        for w in ["regions", "troops", "census"] {
            assert!(ends_as_plural(w), "{w}");
        }
        for w in ["class", "bus", "region"] {
            assert!(!ends_as_plural(w), "{w}");
        }
        assert!(is_plural("regions") && !is_plural("census"));
    }

    #[test]
    fn related_forms_share_most_of_a_long_beginning() {
        for (a, b) in [
            ("victoria", "victorian"),
            ("violent", "violence"),
            ("compared", "comparison"),
            ("withdrawal", "withdrew"),
            ("buddhist", "buddhism"),
        ] {
            assert!(related(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("elected", "electronic"),
            ("cat", "cats"),
            ("station", "stars"),
            ("1999", "19990"),
        ] {
            assert!(!related(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn capitals_with_dots_are_one_word() {
        let norms =
            |text: &str| -> Vec<String> { tokens(text).into_iter().map(|t| t.norm).collect() };
        assert_eq!(
            norms("the U.K. Dec. 12 election"),
            ["the", "uk", "dec", "12", "election"]
        );
        assert_eq!(norms("E.U. rules"), ["eu", "rules"]);
        // A lone initial stays a letter; a sentence's last capital keeps its full stop.
        assert_eq!(norms("George W. Bush"), ["george", "w", "bush"]);
        assert_eq!(norms("plan B. Then"), ["plan", "b", "then"]);
        let uk = &tokens("the U.K. vote")[1];
        assert_eq!((uk.start, uk.end, uk.key.as_str()), (4, 7, "uk"));
    }

    #[test]
    fn a_scale_written_on_a_number_counts() {
        let values = |text: &str| -> Vec<Option<f64>> {
            tokens(text).into_iter().map(|t| t.number).collect()
        };
        assert_eq!(values("up to $12.9bn"), [None, None, Some(12.9e9)]);
        assert_eq!(values("£10m and 3tn"), [Some(1e7), None, Some(3e12)]);
        assert_eq!(
            values("a 100m race"),
            [None, None, None],
            "metres, not millions"
        );
        assert_eq!(values("$300k"), [Some(3e5)]);
        assert_eq!(values("$38million"), [Some(3.8e7)]);
        assert_eq!(tokens("$3million")[0].key, tokens("3 million")[0].key);
        let key = |text: &str| tokens(text)[0].key.clone();
        assert_eq!(key("787s"), key("787"));
        assert_eq!(key("1990s"), "#1990");
        assert_eq!(key("bus"), "bus");
    }

    #[test]
    fn an_ordinal_has_one_key_written_out_or_in_digits() {
        let keys =
            |text: &str| -> Vec<String> { tokens(text).into_iter().map(|t| t.key).collect() };
        assert_eq!(keys("the tenth series"), keys("the 10th series"));
        assert_eq!(keys("17th century"), keys("seventeenth century"));
        assert_eq!(keys("the 21st"), ["the", "#21th"]);
        assert_ne!(keys("the 10th"), keys("the 10"));
        for not_ordinal in ["11st", "2th", "10s", "tenths"] {
            assert_eq!(ordinal_value(not_ordinal), None, "{not_ordinal}");
        }
        let third = &tokens("the third division")[1];
        assert_eq!(other_forms(third), ["3rd"]);
        let fifth = &tokens("the 5th president")[1];
        assert_eq!(other_forms(fifth), ["fifth"]);
    }

    #[test]
    fn tokens_keep_offsets_numbers_and_apostrophes() {
        let text = "Putin's army took 5,500,000 km² in 3.5 days, didn't it?";
        let t = tokens(text);
        let words: Vec<&str> = t.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            [
                "Putin's",
                "army",
                "took",
                "5,500,000",
                "km²",
                "in",
                "3.5",
                "days",
                "didn't",
                "it"
            ]
        );
        assert_eq!(t[0].norm, "putin");
        assert!(t[0].capital && !t[1].capital);
        assert_eq!(t[3].number, Some(5_500_000.0));
        assert_eq!(t[6].number, Some(3.5));
        assert_eq!(t[8].norm, "didnt");
    }

    #[test]
    fn numbers_match_whichever_way_they_are_written() {
        let key = |s: &str| tokens(s)[0].key.clone();
        assert_eq!(key("seven"), key("7"));
        assert_eq!(key("7 million people"), key("7,000,000 people"));
        assert_eq!(key("2.5 billion"), key("2,500,000,000"));
        assert_ne!(key("7"), key("70"));
        assert_eq!(tokens(&"3,".repeat(312))[0].number, None);
    }

    #[test]
    fn the_naira_written_n_is_a_currency_sign() {
        let first = |s: &str| tokens(s).into_iter().next().unwrap();
        let naira = first("N500m in damages");
        assert_eq!((naira.start, naira.number), (1, Some(500e6)));
        assert_eq!(first("N2.5bn").number, Some(2.5e9));
        assert_eq!(first("N5,000 fine").number, Some(5000.0));
        // A model name or a word keeps its letter.
        for word in ["N95 masks", "No 5m", "BN500m", "N500 boats"] {
            let t = first(word);
            assert_eq!(t.start, 0, "{word}");
        }
        assert_eq!(first("N95 masks").number, None);
    }

    #[test]
    fn stems_join_inflections() {
        assert_eq!(stem("referendums"), stem("referendum"));
        assert_eq!(stem("covered"), stem("covers"));
        assert_eq!(stem("talks"), stem("talk"));
        assert_ne!(stem("port"), stem("portugal"));
        assert_eq!(stem("spoke"), stem("speaks"));
        assert_eq!(stem("written"), stem("writing"));
        // An adverb of a participle is not the deed (`reportedly` does not say who reported).
        assert_ne!(stem("reportedly"), stem("reported"));
        assert_ne!(stem("increasingly"), stem("increasing"));
        let forms = |w: &str| other_forms(&tokens(w)[0]);
        assert_eq!(forms("speaks"), ["speak", "spoke", "spoken"]);
        assert_eq!(forms("won"), ["win"]);
        assert!(forms("table").is_empty());
        // `rose` is `rise` in lower case only (`Rose` is a name); each asks for the other.
        let key = |w: &str| tokens(w)[0].key.clone();
        assert_eq!(key("rose"), key("rise"));
        assert_ne!(key("Rose Tyler"), key("rise"));
        assert_eq!(key("led"), key("leads"));
        assert_eq!(forms("rise"), ["risen", "rose"]);
        assert_eq!(forms("rose"), ["rise", "risen"]);
        assert_eq!(forms("sees"), ["see", "seen", "saw"]);
    }

    #[test]
    fn odd_text_gives_sane_tokens() {
        for text in [
            "",
            "...",
            "„“”",
            "a'",
            "1,",
            ",1",
            "x\u{301}y",
            "١٢٣ 中文 ok",
        ] {
            for t in tokens(text) {
                assert!(
                    t.start < t.end
                        && text.is_char_boundary(t.start)
                        && text.is_char_boundary(t.end)
                );
            }
        }
    }
}
