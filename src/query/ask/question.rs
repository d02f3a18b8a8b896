//! Question analysis: what kind of phrase answers it, which of its words carry the topic, and
//! the constraints it adds (a time, a topic hint). Pure: names are resolved against the store
//! afterwards, from the word runs [`Question::name_grams`] offers.

use super::words::{self, Token, is_stopword, tokens};
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// The kind of phrase a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    Person,
    Organization,
    Place,
    /// A date or time: `when`, `what year`.
    Date,
    /// A number, with what it counts.
    Number(Measure),
    /// `what is X`, `what does X stand for`.
    Definition,
    /// `why`: the sentence is the answer, the clause after its reason word (`due to …`) the
    /// short one.
    Reason,
    /// `how` (not how many / much / long…): the sentence is the answer, the means (`by …`) or
    /// what follows the question's words the short one.
    Manner,
    /// `what did X say about Y`.
    Quote,
    /// `is`, `did`, `will` … first: the sentence is the answer.
    YesNo,
    /// `tell me about X`, `what's going on with X`: what the articles say of X, sentences
    /// that stand on their own.
    Topic,
    /// `what` / `which` with a thing, or no question word at all.
    Thing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Count,
    Money,
    Percent,
    Duration,
    /// A length or a distance (`how long is the line`, `how far`), or a duration.
    Length,
    /// How old someone is (`Smith, 55,`; `aged 55`; `a 55-year-old`).
    Age,
    /// A result written as two numbers (`112-107`, `24–10`).
    Score,
    /// How often (`every five years`, `twice a week`, `weekly`).
    Frequency,
    Quantity,
}

impl AnswerType {
    /// Whether a typed phrase answers it (a *why* or *how* is answered by the whole sentence, at
    /// most with a clause of it).
    pub fn has_phrase(self) -> bool {
        !matches!(
            self,
            AnswerType::Reason | AnswerType::Manner | AnswerType::YesNo | AnswerType::Topic
        )
    }
}

/// Which side of the answer a question's word stands on in the statement the question turns
/// around: `What did Luther devise?` reads `Luther devised [what]` (both words left of it);
/// `What force acts between charges?` reads `[what] force acts between charges` (all right).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// The question's word order around its question word.
#[derive(Debug, Clone, Default)]
pub struct Order {
    /// Content words by key, with their side of the answer.
    pub sides: HashMap<String, Side>,
    /// `what is / was …`: the answer may stand on either side of a copula (`X is the Y`,
    /// `the Y is X`), so the order says little.
    pub copula: bool,
}

/// Where the answer stands against the question's verb (its key): see [`Question::slot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    After(String),
    Before(String),
}

/// A range of publication dates the question asks about (`last week`, `in 2019`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A question, analysed.
#[derive(Debug, Clone)]
pub struct Question {
    pub expects: AnswerType,
    /// The question's words, without the topic hint and the time phrase.
    pub words: Vec<Token>,
    /// The question's text the words index into.
    pub text: String,
    /// A time constraint on the articles.
    pub time: Option<TimeRange>,
    /// The words of a topic hint (`in the story about the harbour tidal plan, …`).
    pub topic: Vec<String>,
    /// The question refers back with a pronoun (`what did he say`), or names nothing at all.
    pub refers_back: bool,
    /// It asks for several things (`which regions`, `who are`): a list is the answer.
    pub several: bool,
    /// The key of the noun the question asks about (`which regions` → `region`): the answer
    /// often stands beside it (`the regions he wants are Donetsk, …`).
    pub focus: Option<String>,
    /// It asks for a kind of the focus noun (`what type of radar`): the answer is what stands
    /// before that noun (`[synthetic aperture] radar`).
    pub asks_kind: bool,
    /// The keys of the name a pronoun of the question stands for, from the conversation
    /// (`who did he meet?` in a thread about Putin): set by the caller, empty when unknown.
    pub referent: Vec<String>,
}

/// What a question asks someone named did (`what did [Putin] [demand] [before] [talks]`), as
/// keys: see [`Question::named_doer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deed<'q> {
    /// The name's words.
    pub doer: Vec<&'q str>,
    /// The verb right after the name.
    pub verb: &'q str,
    /// The verb and the content words after it, names left out.
    pub words: Vec<&'q str>,
}

/// Words between `what` / `which` and the noun asked about: `what kind of`, `which of the`.
fn is_before_asked_noun(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "kind"
            | "kinds"
            | "type"
            | "types"
            | "sort"
            | "sorts"
            | "form"
            | "forms"
            | "of"
    )
}

/// The noun right after `which` / `what` (past `kind of`, `the`, numbers), or after `how many`
/// / `how much` (past small words: `how many US troops`), if any.
fn focus_noun(words: &[Token]) -> Option<String> {
    let counted = words
        .windows(2)
        .position(|w| w[0].norm == "how" && matches!(w[1].norm.as_str(), "many" | "much"));
    if let Some(at) = counted {
        return words[at + 2..]
            .iter()
            .take(3)
            .find(|w| !is_stopword(&w.norm) && w.number.is_none() && !w.capital)
            .filter(|w| !auxiliary(&w.norm) && !words::participle_like(&w.norm))
            .map(|w| w.key.clone());
    }
    if let Some(noun) = role_asked(words) {
        return Some(noun);
    }
    let at = words
        .iter()
        .position(|w| matches!(w.norm.as_str(), "which" | "what"))?;
    words[at + 1..]
        .iter()
        .find(|w| {
            !is_before_asked_noun(&w.norm)
                && !matches!(
                    w.norm.as_str(),
                    "two" | "three" | "four" | "five" | "several" | "some"
                )
        })
        .filter(|w| !is_stopword(&w.norm) && !auxiliary(&w.norm))
        .map(|w| w.key.clone())
}

/// The role a *who is the …* question asks who holds: the last word of `the new ceo` in `who is
/// the new ceo at Experience` (the answer stands beside it: `CEO Tim Cook`, `Cook, the CEO`).
fn role_asked(words: &[Token]) -> Option<String> {
    let at = words.windows(3).position(|w| {
        w[0].norm == "who"
            && matches!(w[1].norm.as_str(), "is" | "was" | "are" | "were")
            && matches!(w[2].norm.as_str(), "the" | "a" | "an")
    })?;
    words[at + 3..]
        .iter()
        .take_while(|w| !w.is_stopword() && w.number.is_none())
        .last()
        .filter(|w| !auxiliary(&w.norm) && !words::participle_like(&w.norm))
        .map(|w| w.key.clone())
}

/// Whether the thing asked for is plural: the noun after `which` / `what`, or `who are`.
fn asks_for_several(w: &[&str]) -> bool {
    let Some(at) = w
        .iter()
        .position(|x| matches!(*x, "which" | "what" | "who"))
    else {
        return false;
    };
    let rest = &w[at + 1..];
    if w[at] == "who" {
        return matches!(rest.first(), Some(&("are" | "were")));
    }
    let noun = rest.iter().find(|x| {
        !matches!(
            **x,
            "is" | "was" | "the" | "a" | "an" | "kind" | "kinds" | "type" | "types" | "sort" | "of"
        )
    });
    match noun {
        Some(&("two" | "three" | "four" | "five" | "several" | "some")) => true,
        Some(&("are" | "were")) => false,
        Some(n) => words::is_plural(n),
        None => false,
    }
}

/// Nouns after `what` / `which` that tell the answer's type.
fn noun_type(noun: &str) -> Option<AnswerType> {
    kind_of_noun(noun).or_else(|| {
        // The plural of a listed noun (`companies`, `teams`, `churches`).
        let singular = if let Some(stem) = noun.strip_suffix("ies") {
            format!("{stem}y")
        } else if let Some(stem) = noun
            .strip_suffix("es")
            .filter(|s| s.ends_with("ch") || s.ends_with("sh"))
        {
            stem.to_string()
        } else {
            noun.strip_suffix('s')
                .filter(|s| !s.ends_with('s'))?
                .to_string()
        };
        // Names only: a plural of time or place nouns is listed where it asks for a name
        // (`which regions`), and `which months` is answered by months, not one date.
        kind_of_noun(&singular)
            .filter(|t| matches!(t, AnswerType::Person | AnswerType::Organization))
    })
}

/// The answer type a listed noun asks for (see [`noun_type`]).
fn kind_of_noun(noun: &str) -> Option<AnswerType> {
    use AnswerType::*;
    let t = match noun {
        "person" | "people" | "man" | "woman" | "men" | "women" | "president" | "leader"
        | "king" | "queen" | "emperor" | "author" | "writer" | "scientist" | "player" | "coach"
        | "actor" | "actress" | "singer" | "founder" | "ceo" | "chairman" | "minister"
        | "director" | "officer" | "general" | "pope" | "bishop" | "architect" | "inventor"
        | "artist" | "composer" | "philosopher" | "physicist" | "chemist" | "mathematician"
        | "economist" | "engineer" | "governor" | "senator" | "mayor" | "judge" | "lawyer"
        | "explorer" | "ruler" | "monarch" | "prince" | "princess" | "son" | "daughter"
        | "father" | "mother" | "wife" | "husband" | "brother" | "sister" | "quarterback"
        | "spokesman" | "spokeswoman" | "spokesperson" | "commander" | "pharaoh" | "saint"
        | "prophet" | "poet" | "novelist" | "painter" | "designer" | "politician" | "official"
        | "candidate" | "individual" | "chancellor" | "dynasty" | "tsar" | "czar" | "duke"
        | "lord" | "professor" | "teacher" | "student" | "captain" | "manager" | "owner"
        | "head" | "chief" | "member" | "successor" | "predecessor" | "physician" | "doctor"
        // Who news is about and who writes it.
        | "musician" | "historian" | "journalist" | "reporter" | "activist" | "researcher"
        | "theologian" | "astronomer" | "biologist" | "psychologist" | "sociologist"
        | "anthropologist" | "archaeologist" | "archeologist" | "geologist" | "pianist"
        | "guitarist" | "drummer" | "rapper" | "filmmaker" | "photographer" | "critic"
        | "editor" | "columnist" | "correspondent" | "presenter" | "comedian" | "dancer"
        | "sculptor" | "astronaut" | "soldier" | "admiral" | "colonel" | "lieutenant"
        | "sergeant" | "detective" | "prosecutor" | "attorney" | "defendant" | "suspect"
        | "victim" | "witness" | "nurse" | "surgeon" | "scholar" | "priest"
        | "rabbi" | "imam" | "monk" | "missionary" | "diplomat" | "ambassador" | "envoy"
        | "lawmaker" | "legislator" | "executive" | "athlete" | "striker" | "goalkeeper"
        | "midfielder" | "boxer" | "cyclist" | "swimmer" | "entrepreneur" | "billionaire"
        | "analyst" | "adviser" | "advisor" | "aide" | "deputy" | "heir" | "nephew" | "niece"
        | "grandson" | "granddaughter" | "uncle" | "aunt" | "cousin" | "sultan" | "caliph"
        | "chieftain" | "warlord" => Person,
        "company" | "organization" | "organisation" | "group" | "team" | "party" | "university"
        | "college" | "school" | "agency" | "club" | "band" | "firm" | "corporation"
        | "network" | "institution" | "union" | "committee" | "council" | "army" | "court"
        | "church" | "newspaper" | "magazine" | "airline" | "bank" | "league" | "association"
        | "foundation" | "society" | "department" | "ministry" | "broadcaster" | "channel"
        | "publisher" | "label" | "manufacturer" | "brand" | "government" | "movement"
        | "faction" | "tribe" | "navy" | "outlet" | "outlets" | "publication" | "tabloid"
        | "website" | "newspapers" | "magazines" | "broadcasters" => Organization,
        "country" | "countries" | "city" | "cities" | "state" | "states" | "region" | "regions"
        | "town" | "place" | "places" | "location" | "continent" | "nation" | "province"
        | "county" | "island" | "river" | "mountain" | "village" | "territory" | "district"
        | "ocean" | "sea" | "lake" | "street" | "capital" | "neighborhood" | "neighbourhood"
        | "borough" | "venue" | "stadium" | "port" | "airport" | "park" | "desert" | "valley"
        | "coast" | "area" | "areas" | "site" | "building" | "border" => Place,
        "year" | "years" | "date" | "day" | "month" | "time" | "century" | "decade" | "era"
        | "season" | "week" | "hour" => Date,
        "percentage" | "percent" | "proportion" | "share" | "fraction" | "rate" => {
            Number(Measure::Percent)
        }
        "number" | "amount" | "population" | "size" | "length" | "distance" | "height"
        | "width" | "depth" | "temperature" | "speed" | "total" | "quantity" | "count"
        | "ratio" | "age" | "weight" | "capacity" => Number(Measure::Quantity),
        "score" | "scoreline" => Number(Measure::Score),
        "cost" | "price" | "budget" | "salary" | "value" | "fee" | "fine" | "revenue"
        | "profit" | "worth" => Number(Measure::Money),
        _ => return None,
    };
    Some(t)
}

/// Nouns of a `how much` that is about money.
fn money_noun(w: &str) -> bool {
    matches!(
        w,
        "cost"
            | "costs"
            | "price"
            | "pay"
            | "paid"
            | "spend"
            | "spent"
            | "worth"
            | "budget"
            | "money"
            | "fund"
            | "funding"
            | "charge"
            | "raise"
            | "raised"
            | "earn"
            | "earned"
            | "sell"
            | "sold"
            | "fine"
            | "invest"
            | "invested"
            | "grant"
            | "granted"
            | "donate"
            | "donated"
            | "lend"
            | "lent"
            | "loan"
            | "owe"
            | "owed"
            | "award"
            | "awarded"
    )
}

/// Verbs that ask for money when `how much` measures nothing else (`how much did she give`,
/// not `how much grain does the farm give`).
fn money_given(w: &str) -> bool {
    matches!(
        w,
        "give"
            | "gave"
            | "given"
            | "contribute"
            | "contributed"
            | "make"
            | "made"
            | "receive"
            | "received"
            | "collect"
            | "collected"
    )
}

/// A pronoun that stands as a subject (`what did [they] pull …`).
fn is_subject_pronoun(w: &str) -> bool {
    matches!(w, "i" | "you" | "he" | "she" | "it" | "we" | "they")
}

/// The word before a phrase of place or time that closes the question (`pull [out of the
/// river]`, `write [in 1517]`, `promise [about the new bus lane]`): its verb, when a subject stands
/// between it and `from` (the auxiliary's index). None when no such phrase closes it, or only
/// a subject's own (`the head [of the agency] say`).
fn before_closing_place(w: &[Token], from: usize) -> Option<&Token> {
    const PREPOSITIONS: &[&str] = &[
        "in", "on", "at", "out", "of", "from", "into", "to", "about", "with", "for", "over",
        "through", "during", "after", "before", "under", "off", "up", "down", "across",
    ];
    let opens =
        |t: &Token| PREPOSITIONS.contains(&t.norm.as_str()) || words::is_determiner(&t.norm);
    let mut k = w.len();
    while k > 0 && w.len() - k < 4 && !opens(&w[k - 1]) {
        k -= 1;
    }
    if k == w.len() {
        return None;
    }
    while k > 0 && words::is_determiner(&w[k - 1].norm) {
        k -= 1;
    }
    let place = k;
    // `want to [build]`: a bare `to` before a word in lower case makes it a verb.
    let infinitive = place > 0
        && w[place - 1].norm == "to"
        && w.get(place)
            .is_some_and(|n| !n.capital && n.number.is_none() && !words::is_determiner(&n.norm));
    if infinitive {
        return None;
    }
    while k > 0 && PREPOSITIONS.contains(&w[k - 1].norm.as_str()) {
        k -= 1;
    }
    let mut at = k.checked_sub(1)?;
    // Past an adverb (`base [entirely] on`).
    if w[at].norm.ends_with("ly") && at > from + 2 {
        at -= 1;
    }
    let verb = &w[at];
    // A short subject with no clause or phrase of its own (`the volunteers`, `they`), so that
    // the word after it is its verb.
    let between = w.get(from + 1..at)?;
    let pronoun = matches!(between, [t] if is_subject_pronoun(&t.norm));
    let subject = pronoun
        || (between.len() <= 4
            && between.iter().any(|t| !t.is_stopword())
            && !between
                .iter()
                .any(|t| t.is_stopword() && !words::is_determiner(&t.norm)));
    // After a preposition it is a noun (`use as [accompaniment] to his hymns`).
    let after_preposition = w
        .get(at.wrapping_sub(1))
        .is_some_and(|t| t.norm == "as" || PREPOSITIONS.contains(&t.norm.as_str()));
    (k < place && subject && !after_preposition && !verb.capital && !verb.is_stopword())
        .then_some(verb)
}

fn auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "do"
            | "does"
            | "did"
            | "can"
            | "could"
            | "will"
            | "would"
            | "has"
            | "have"
            | "had"
            | "should"
            | "may"
            | "might"
            | "must"
            | "isnt"
            | "arent"
            | "wasnt"
            | "didnt"
            | "doesnt"
            | "wont"
    )
}

/// How many words open `w` (folded) as a chat request for news of something (`tell me about`,
/// `what's the deal with`, `any news on`): they ask for no phrase and are no part of the topic.
fn chat_opener(w: &[&str]) -> usize {
    // `what's` and `whats` arrive written out (`what is`): see `expand_contractions`.
    const OPENERS: &[&[&str]] = &[
        &["tell", "me", "about"],
        &["what", "is", "going", "on", "with"],
        &["what", "is", "going", "on", "in"],
        &["what", "is", "up", "with"],
        &["what", "is", "the", "deal", "with"],
        &["what", "is", "new", "with"],
        &["what", "is", "new", "on"],
        &["what", "is", "the", "latest", "on"],
        &["any", "news", "on"],
        &["any", "news", "about"],
        &["anything", "new", "on"],
        &["anything", "new", "about"],
        &["what", "do", "we", "know", "about"],
        &["give", "me", "the", "latest", "on"],
        &["any", "update", "on"],
        &["any", "updates", "on"],
        &["what", "is", "happening", "with"],
        &["what", "is", "happening", "in"],
    ];
    if let Some(o) = OPENERS
        .iter()
        .find(|o| w.len() > o.len() && w.starts_with(o))
    {
        return o.len();
    }
    // A follow-up that names what to go on with (`what about Zelensky?`, `and the mayor?`),
    // when no verb follows: `what about the plan worried them` asks for a phrase.
    let follow_up = match w {
        ["what" | "how", "about", ..] => 2,
        ["and", "what" | "how", "about", ..] => 3,
        ["and", ..] => 1,
        _ => return 0,
    };
    let rest = &w[follow_up..];
    let names_only = !rest.is_empty()
        && rest.len() <= 6
        && !rest
            .iter()
            .any(|x| auxiliary(x) || is_question_word(x) || (x.len() > 3 && x.ends_with("ed")));
    if names_only { follow_up } else { 0 }
}

/// Whether `w` (folded) is one of the words a question asks with.
fn is_question_word(w: &str) -> bool {
    matches!(
        w,
        "who" | "whom" | "whose" | "when" | "where" | "why" | "how" | "what" | "which"
    )
}

/// The expected answer from the question's words (folded).
fn answer_type(w: &[&str]) -> AnswerType {
    use AnswerType::*;
    let Some(at) = w.iter().position(|w| is_question_word(w)) else {
        // A follow-up may open on `and` / `so` / `but` (`and did he win?`).
        let first = w
            .iter()
            .find(|x| !matches!(**x, "and" | "so" | "but" | "ok" | "okay"));
        return if first.is_some_and(|f| auxiliary(f)) {
            YesNo
        } else {
            Thing
        };
    };
    let next = |k: usize| w.get(at + k).copied().unwrap_or("");
    match w[at] {
        "who" | "whom" | "whose" => {
            // `who is X` asks for a definition of a person when X is all that follows.
            Person
        }
        "when" => Date,
        "where" => Place,
        "why" => Reason,
        "how" => match next(1) {
            "many" => Number(Measure::Count),
            "much" => {
                if next(2) == "of" {
                    // `how much of the flow`, `of the cost does the city pay`: a share of it
                    // (`two thirds`, `over half`).
                    Number(Measure::Percent)
                } else if w[at..].iter().any(|x| money_noun(x))
                    || auxiliary(next(2)) && w[at..].iter().any(|x| money_given(x))
                {
                    Number(Measure::Money)
                } else {
                    Number(Measure::Quantity)
                }
            }
            "long" => {
                if matches!(
                    next(2),
                    "ago"
                        | "did"
                        | "does"
                        | "do"
                        | "has"
                        | "have"
                        | "had"
                        | "was"
                        | "were"
                        | "will"
                ) && !w[at..]
                    .iter()
                    .any(|x| matches!(*x, "river" | "bridge" | "wall" | "road" | "line" | "tunnel"))
                {
                    Number(Measure::Duration)
                } else {
                    Number(Measure::Length)
                }
            }
            "far" | "tall" | "high" | "deep" | "wide" => Number(Measure::Length),
            "old" => Number(Measure::Age),
            "often" | "frequently" => Number(Measure::Frequency),
            "big" | "large" | "fast" | "heavy" | "small" | "hot" | "cold" | "close"
            | "powerful" | "strong" | "bright" | "loud" | "deadly" | "lethal" => {
                Number(Measure::Quantity)
            }
            _ => Manner,
        },
        _ => what_type(&w[at..]),
    }
}

/// `what` / `which` questions: by the noun they ask about, or by their verb.
fn what_type(w: &[&str]) -> AnswerType {
    use AnswerType::*;
    let rest = &w[1..];
    // `what did X say / tell / call`.
    if matches!(
        rest.first(),
        Some(&("did" | "does" | "has" | "have" | "do" | "will"))
    ) && rest.iter().skip(1).take(6).any(|x| {
        matches!(
            *x,
            "say" | "tell" | "think" | "claim" | "warn" | "argue" | "write" | "comment"
        )
    }) {
        return Quote;
    }
    // `what happened to the investigation`, `what went wrong`, `what did Patrick do in
    // Iowa`: what it did or underwent, a clause.
    let happened = rest
        .iter()
        .take(3)
        .any(|x| matches!(*x, "happened" | "happens" | "happen"))
        && !rest
            .first()
            .is_some_and(|x| matches!(*x, "event" | "events" | "year" | "day"));
    let went_wrong = matches!(rest, [_, "wrong", ..] | [_, _, "wrong", ..]);
    // `what is the grant for`, `what was the money for`: its purpose (not `what is she known
    // for`, `what did they vote for`).
    if let [first, between @ .., "for"] = rest
        && matches!(*first, "is" | "was" | "are" | "were")
        && !between.is_empty()
        && !between.iter().any(|x| {
            words::participle_like(x)
                || matches!(
                    *x,
                    "famous"
                        | "popular"
                        | "renowned"
                        | "notable"
                        | "responsible"
                        | "important"
                        | "necessary"
                        | "useful"
                        | "suitable"
                        | "good"
                        | "bad"
                        | "best"
                        | "ready"
                        | "eligible"
                        | "liable"
                        | "grateful"
                )
        })
    {
        return Reason;
    }
    let did_do = matches!(
        rest.first(),
        Some(&("did" | "does" | "do" | "will" | "would" | "should"))
    ) && rest.iter().skip(2).take(6).any(|x| *x == "do");
    if happened || went_wrong || did_do {
        return Manner;
    }
    if matches!(
        rest,
        [_, "stand" | "stands", "for", ..]
            | [_, _, "stand" | "stands", "for", ..]
            | [_, _, _, "stand" | "stands", "for", ..]
    ) || rest.ends_with(&["mean"])
    {
        return Definition;
    }
    // `what is the deal worth`, `what does the plan cost`: an amount of money.
    if matches!(rest.last(), Some(&("worth" | "cost" | "costs"))) {
        return Number(Measure::Money);
    }
    // The first noun after the question word, past determiners and `kind of`.
    let mut i = 0;
    while i < rest.len() {
        let x = rest[i];
        if matches!(
            x,
            "is" | "was"
                | "are"
                | "were"
                | "the"
                | "a"
                | "an"
                | "kind"
                | "type"
                | "sort"
                | "of"
                | "name"
                | "names"
                | "specific"
                | "particular"
                | "exact"
                | "two"
                | "three"
                | "main"
                | "other"
                | "first"
                | "last"
                | "largest"
                | "biggest"
                | "new"
                | "former"
                | "average"
                | "median"
                | "typical"
                | "annual"
                | "current"
        ) {
            // `what is the name of the city` reads through to `city`; `what is the average
            // rate` to `rate`.
            i += 1;
            continue;
        }
        break;
    }
    // `what was the reason / cause`.
    if let Some(noun) = rest.get(i) {
        if matches!(*noun, "reason" | "reasons" | "cause" | "causes" | "purpose") {
            return Reason;
        }
        if matches!(*noun, "way" | "method" | "means") {
            return Thing;
        }
        // `what is the maximum sentence`: a length of time in prison, not a line of text.
        if matches!(*noun, "maximum" | "minimum" | "prison" | "jail")
            && rest
                .get(i + 1)
                .is_some_and(|n| matches!(*n, "sentence" | "sentences" | "term"))
        {
            return Number(Measure::Duration);
        }
        // `what was the vote`: its tally (`31 votes to 12`); not `what type of vote`.
        if matches!(*noun, "vote" | "tally")
            && matches!(rest.first(), Some(&("is" | "was")))
            && rest.get(i.wrapping_sub(1)) != Some(&"of")
        {
            return Number(Measure::Score);
        }
        // The head of a compound (`what Swiss city`, `which bus company`) tells the type.
        let compound = |words: usize| {
            rest[i..]
                .iter()
                .take(words)
                .take_while(|w| !is_stopword(w) && !auxiliary(w))
                .enumerate()
                .filter_map(|(k, w)| noun_type(w).map(|t| (i + k, t)))
                .last()
        };
        // A longer one, past a name's possessive, only to a measure (`what was South Korea's
        // solar [capacity]`): a name asked for is nearer the question word.
        let head = compound(3).or_else(|| compound(5).filter(|(_, t)| matches!(t, Number(_))));
        if let Some((at, t)) = head {
            // `which region's …`: the noun is what the question asks for; a noun after a verb
            // (`what is the city's population`) is reached through `of` only.
            let first_noun_is_the_subject =
                !matches!(rest.first(), Some(&("is" | "was" | "are" | "were")))
                    || rest.get(at + 1).is_none_or(|n| {
                        matches!(
                            *n,
                            "of" | "in"
                                | "on"
                                | "for"
                                | "that"
                                | "which"
                                | "where"
                                | "did"
                                | "does"
                                | "do"
                                | "is"
                                | "was"
                                | "has"
                                | "had"
                        )
                    });
            if first_noun_is_the_subject {
                return t;
            }
        }
    }
    // `what is X` with X a short name: a definition.
    if matches!(rest.first(), Some(&("is" | "are" | "was" | "were")))
        && rest.len() <= 5
        && !rest
            .iter()
            .skip(1)
            .any(|x| matches!(*x, "of" | "for" | "in" | "on" | "by" | "to"))
    {
        return Definition;
    }
    Thing
}

/// `what is Russia demanding`, `what are the unions planning`: not a definition but what
/// someone is doing, asked from the word `what` on. The one doing it is a pronoun, a name in
/// capitals or a noun after a determiner: a bare noun before an `-ing` word is one term
/// (`what is money laundering`). `doing` asks how, the rest for the verb's object.
fn being_done(w: &[Token]) -> Option<AnswerType> {
    let [_, be, subject @ .., verb] = w else {
        return None;
    };
    if !words::is_finite_be(&be.norm)
        || !verb.norm.ends_with("ing")
        || verb.norm.len() < 5
        || subject.is_empty()
        || subject.len() > 4
    {
        return None;
    }
    let doer = match subject {
        [one]
            if matches!(
                one.norm.as_str(),
                "he" | "she" | "it" | "they" | "we" | "you" | "i"
            ) =>
        {
            true
        }
        [det, _, ..] => {
            words::is_determiner(&det.norm)
                || det.norm == "that"
                || subject.iter().all(|t| t.capital)
        }
        _ => subject.iter().all(|t| t.capital),
    };
    doer.then_some(if verb.norm == "doing" {
        AnswerType::Manner
    } else {
        AnswerType::Thing
    })
}

/// `in the story about the harbour plan, …` / `…, in the article on X`: the hint's words, and the
/// question without it.
fn topic_hint(
    words: &[Token],
    comma_before: &[bool],
) -> Option<(std::ops::Range<usize>, Vec<String>)> {
    const HINTS: &[&str] = &["story", "article", "piece", "report", "coverage", "news"];
    let n = words.len();
    for i in 0..n.saturating_sub(2) {
        let is_hint = matches!(words[i].norm.as_str(), "in" | "from" | "per")
            && matches!(
                words.get(i + 1).map(|w| w.norm.as_str()),
                Some("the" | "that" | "this" | "an" | "a")
            )
            && words
                .get(i + 2)
                .is_some_and(|w| HINTS.contains(&w.norm.as_str()))
            && matches!(
                words.get(i + 3).map(|w| w.norm.as_str()),
                Some("about" | "on" | "of" | "regarding" | "concerning")
            );
        if !is_hint {
            continue;
        }
        // The hint runs to the end of its clause: the next comma, or the question's end.
        let topic_start = i + 4;
        let mut end = n;
        if let Some(k) = (topic_start + 1..n).find(|&k| comma_before[k]) {
            end = k;
        }
        let topic: Vec<String> = words[topic_start..end]
            .iter()
            .filter(|w| !is_stopword(&w.norm))
            .map(|w| w.norm.clone())
            .collect();
        if topic.is_empty() {
            return None;
        }
        return Some((i..end, topic));
    }
    None
}

/// A relative or absolute time the question is limited to, and the words that said it.
fn time_range(words: &[Token], today: NaiveDate) -> Option<(std::ops::Range<usize>, TimeRange)> {
    let day = |d: NaiveDate| TimeRange { from: d, to: d };
    let norm = |i: usize| words.get(i).map_or("", |w| w.norm.as_str());
    for i in 0..words.len() {
        let found = match (norm(i), norm(i + 1)) {
            ("yesterday", _) => Some((i..i + 1, day(today - Duration::days(1)))),
            ("today" | "tonight", _) => Some((i..i + 1, day(today))),
            ("this" | "past", "week") => Some((
                i..i + 2,
                TimeRange {
                    from: today - Duration::days(7),
                    to: today,
                },
            )),
            ("last", "week") => Some((
                i..i + 2,
                TimeRange {
                    from: today - Duration::days(14),
                    to: today,
                },
            )),
            ("this" | "past", "month") => Some((
                i..i + 2,
                TimeRange {
                    from: today - Duration::days(31),
                    to: today,
                },
            )),
            ("last", "month") => Some((
                i..i + 2,
                TimeRange {
                    from: today - Duration::days(62),
                    to: today,
                },
            )),
            ("this", "year") => Some((
                i..i + 2,
                TimeRange {
                    from: NaiveDate::from_ymd_opt(today.year(), 1, 1)?,
                    to: today,
                },
            )),
            ("last", "year") => Some((
                i..i + 2,
                TimeRange {
                    from: NaiveDate::from_ymd_opt(today.year() - 1, 1, 1)?,
                    to: NaiveDate::from_ymd_opt(today.year() - 1, 12, 31)?,
                },
            )),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `what's`, `who's` … written out (`what is`): chat writes the question word and its verb as
/// one word (`whats`, `whos` without the apostrophe too), which would otherwise read as a
/// possessive, or as no question word at all, and lose the verb.
fn expand_contractions(text: &str) -> std::borrow::Cow<'_, str> {
    static CONTRACTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(what|who|where|when|how|why|which)['\u{2019}]s\b|\b(what|who|where|how)s\b",
        )
        .expect("valid pattern")
    });
    CONTRACTED.replace_all(text, "$1$2 is")
}

/// Chat's short forms of words articles write in full (`govt` → `government`, `ppl`, `yrs`),
/// in lower case only. Not `max`: typed in lower case it is as often a name (`max verstappen`).
fn expand_short_forms(text: &str) -> std::borrow::Cow<'_, str> {
    const SHORT: &[(&str, &str)] = &[
        ("abt", "about"),
        ("approx", "approximately"),
        ("bc", "because"),
        ("bln", "billion"),
        ("coz", "because"),
        ("cuz", "because"),
        ("dept", "department"),
        ("govt", "government"),
        ("info", "information"),
        ("intl", "international"),
        ("mgmt", "management"),
        ("mln", "million"),
        ("ppl", "people"),
        ("thru", "through"),
        ("tmrw", "tomorrow"),
        ("yr", "year"),
        ("yrs", "years"),
    ];
    static SHORT_FORM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let words: Vec<&str> = SHORT.iter().map(|s| s.0).collect();
        regex::Regex::new(&format!(r"\b({})\b", words.join("|"))).expect("valid pattern")
    });
    SHORT_FORM.replace_all(text, |c: &regex::Captures<'_>| {
        SHORT
            .iter()
            .find(|s| s.0 == &c[1])
            .map_or_else(|| c[1].to_string(), |s| s.1.to_string())
    })
}

/// Chat's spellings of the question word that opens a question (`wat`, `wen`, `y`), and of
/// `are` right after one (`when r the talks`), in lower case only: without its question word
/// a question asks for nothing in particular. Only where a question word stands, and `wen` and
/// `y` only before a verb like `did`, since elsewhere the same letters are as often a name
/// (`r kelly`, `wen jiabao`).
fn expand_question_words(text: &str) -> std::borrow::Cow<'_, str> {
    static OPENING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(\s*)(wat|wut|wht|wen|wher|whr|hw|y)(\s+)([a-z']+)")
            .expect("valid pattern")
    });
    static ARE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(what|who|where|when|how|why|which)(\s+)r\b").expect("valid pattern")
    });
    let opened = OPENING.replace(text, |c: &regex::Captures<'_>| {
        let next = &c[4];
        let verb_next = next == "r" || auxiliary(&next.replace('\'', ""));
        let word = match &c[2] {
            "wat" | "wut" | "wht" => Some("what"),
            "wher" | "whr" => Some("where"),
            "hw" => Some("how"),
            "wen" if verb_next => Some("when"),
            "y" if verb_next => Some("why"),
            _ => None,
        };
        match word {
            Some(word) => format!("{}{word}{}{next}", &c[1], &c[3]),
            None => c[0].to_string(),
        }
    });
    match ARE.replace_all(opened.as_ref(), "$1${2}are") {
        std::borrow::Cow::Borrowed(_) => opened,
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s),
    }
}

impl Question {
    /// Analyse `text`; `today` anchors relative times.
    pub fn parse(text: &str, today: NaiveDate) -> Question {
        let expanded = expand_question_words(text);
        let expanded = expand_contractions(expanded.as_ref()).into_owned();
        let expanded = expand_short_forms(&expanded).into_owned();
        let text = expanded.as_str();
        let all = tokens(text);
        let folded: Vec<&str> = all.iter().map(|t| t.norm.as_str()).collect();
        // `When violence is used, what is it called?`: a leading `when` / `where` / `if` clause
        // sets the scene; the question word after its comma asks.
        let comma_before: Vec<bool> = (0..all.len())
            .map(|k| k > 0 && text[all[k - 1].end..all[k].start].contains(','))
            .collect();
        // Without the comma, a clause is told from a question by the word after `when`: a
        // question inverts (`When did the rock fold?`), a clause does not (`When rock folds it
        // can fold two ways: what are they?`).
        let clause_opens = folded.get(1).is_some_and(|w| !auxiliary(w));
        let asking = match folded.first() {
            Some(&("when" | "where" | "if" | "while")) => (1..folded.len())
                .find(|&k| {
                    comma_before[k]
                        && matches!(
                            folded[k],
                            "what" | "which" | "who" | "whom" | "how" | "where" | "when" | "why"
                        )
                })
                .or_else(|| {
                    let asks = |&k: &usize| {
                        matches!(folded[k], "what" | "which" | "who" | "whom" | "how" | "why")
                    };
                    clause_opens.then(|| (2..folded.len()).find(asks)).flatten()
                })
                .unwrap_or(0),
            _ => 0,
        };
        let opener = chat_opener(&folded);
        let expects = if opener > 0 {
            AnswerType::Topic
        } else {
            match answer_type(&folded[asking..]) {
                AnswerType::Definition => {
                    being_done(&all[asking..]).unwrap_or(AnswerType::Definition)
                }
                t => t,
            }
        };
        let several = asks_for_several(&folded);
        let focus = focus_noun(&all);
        let asks_kind = folded.windows(3).any(|w| {
            matches!(w[0], "what" | "which")
                && matches!(
                    w[1],
                    "kind" | "kinds" | "type" | "types" | "sort" | "sorts" | "form" | "forms"
                )
                && w[2] == "of"
        });
        let mut drop = vec![false; all.len()];
        for d in &mut drop[..opener] {
            *d = true;
        }
        let mut topic = Vec::new();
        // A comma ends a topic hint's clause.
        if let Some((range, hint)) = topic_hint(&all, &comma_before) {
            for d in &mut drop[range] {
                *d = true;
            }
            topic = hint;
        }
        let time = time_range(&all, today).map(|(range, t)| {
            for d in &mut drop[range] {
                *d = true;
            }
            t
        });
        let words: Vec<Token> = all
            .into_iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .map(|(t, _)| t)
            .collect();
        let refers_back = words.iter().any(|w| words::is_pronoun(&w.norm))
            || words.windows(2).any(|p| {
                matches!(p[0].norm.as_str(), "that" | "this" | "the")
                    && matches!(p[1].norm.as_str(), "article" | "story" | "piece")
            });
        Question {
            expects,
            words,
            text: text.to_string(),
            time,
            topic,
            refers_back,
            referent: Vec::new(),
            several,
            focus,
            asks_kind,
        }
    }

    /// The key of the question's last word when it is a lower-case content word: the verb it
    /// closes on (`what time does the stall [shut]`, `what land is X [demanding]`).
    pub fn last_content_word(&self) -> Option<&str> {
        self.words
            .last()
            .filter(|w| !w.capital && !w.is_stopword())
            .map(|w| w.key.as_str())
    }

    /// `what is the term for …`, `what was the ferry called`, `what is it known as`: the
    /// question asks what something is called, which a sentence says with a verb of naming
    /// (`this is called [X]`), often right after the sentence that describes the thing.
    pub fn asks_name_given(&self) -> bool {
        let w = &self.words;
        w.iter().enumerate().any(|(k, t)| {
            let next = w.get(k + 1).map(|n| n.norm.as_str());
            match t.norm.as_str() {
                "called" | "termed" | "dubbed" | "nicknamed" | "term" => true,
                "known" | "refer" | "refers" | "referred" => {
                    w[k + 1..].iter().any(|n| n.norm == "as")
                }
                // `another name for`, `the name for`: not `the name of the ship` (its own name).
                "name" => next == Some("for"),
                _ => false,
            }
        })
    }

    /// The last word of what a *what is X* question asks to define (`what is cannabis use
    /// [disorder]`, `what does the harbour [levy] mean`): a sentence defining it has that word
    /// right before its verb (`… disorder is where …`).
    pub fn defined_head(&self) -> Option<&str> {
        let w = &self.words;
        if self.expects != AnswerType::Definition || w.len() < 3 {
            return None;
        }
        if w[0].norm != "what" {
            return None;
        }
        let n = w.len();
        // `what does the harbour [levy] mean`.
        let meaning =
            matches!(w[1].norm.as_str(), "does" | "do" | "did") && w[n - 1].norm == "mean";
        let last = match () {
            _ if meaning && n > 3 => &w[n - 2],
            _ if words::is_finite_be(&w[1].norm) => &w[n - 1],
            _ => return None,
        };
        (!last.is_stopword() && last.number.is_none()).then_some(last.key.as_str())
    }

    /// `what time does the market open`, `at what time did he die`: a time of day is asked
    /// (`None` when not). `Some(true)` when nothing else may answer: a time that comes round
    /// again or is still to come (`does`, `will`); asked of the past, an era may be meant
    /// (`what time did the river system develop`), so a date still answers then.
    pub fn asks_clock(&self) -> Option<bool> {
        let w = &self.words;
        let at = w
            .windows(2)
            .position(|x| x[0].norm == "what" && x[1].norm == "time")?;
        if at > 0 && matches!(w[at - 1].norm.as_str(), "during" | "by" | "until" | "since") {
            return None;
        }
        let mut next = at + 2;
        // `what time of day`.
        if w.get(next).is_some_and(|x| x.norm == "of")
            && w.get(next + 1).is_some_and(|x| x.norm == "day")
        {
            next += 2;
        }
        match w.get(next)?.norm.as_str() {
            "does" | "do" | "will" | "is" | "are" | "should" | "can" => Some(true),
            "did" | "was" | "were" | "had" | "has" => Some(false),
            _ => None,
        }
    }

    /// `what is X trying to do`, `what does X hope to achieve`: the question asks for an aim,
    /// which a sentence says after its own verb of aim (`X sought to [persuade him …]`).
    pub fn asks_aim(&self) -> bool {
        let w = &self.words;
        // Nothing done to a thing named after it (`try to achieve [a balance]`).
        let bare = |k: usize| {
            w.get(k).is_none_or(|n| {
                matches!(
                    n.norm.as_str(),
                    "in" | "with" | "by" | "at" | "for" | "on" | "about" | "now" | "next" | "here"
                )
            })
        };
        w.iter().any(|t| t.norm == "what")
            && w.windows(3).enumerate().any(|(k, x)| {
                words::is_aim_verb(&x[0].norm)
                    && x[1].norm == "to"
                    && matches!(x[2].norm.as_str(), "do" | "achieve" | "accomplish")
                    && bare(k + 3)
            })
    }

    /// Where the answer stands among the question's words once it is put back as a statement:
    /// a question word at the front with `did` / `does` / `will` … after it stood after the
    /// verb (`What did X devise` → `X devised [what]`); otherwise where it is (`What force acts`,
    /// `picked up by what`).
    pub fn order(&self) -> Order {
        let w = &self.words;
        let Some(at) = w.iter().position(|t| {
            matches!(
                t.norm.as_str(),
                "what" | "which" | "who" | "whom" | "whose" | "when" | "where" | "how"
            )
        }) else {
            return Order::default();
        };
        let fronted = w[..at].iter().all(Token::is_stopword);
        let next = w.get(at + 1).map_or("", |t| t.norm.as_str());
        let be = words::is_finite_be(next);
        // `What is Putin demanding?`: a verb in -ing closing the question makes `is` its
        // auxiliary, and the answer its object (`Putin is demanding [what]`).
        let progressive = be
            && w.len() > at + 3
            && w.last().is_some_and(|t| {
                t.norm.len() > 5 && t.norm.ends_with("ing") && !is_stopword(&t.norm)
            });
        // `who will pay`, `what has changed`: a modal or `have` right before the verb asks
        // for the doer, as `who paid` does; with a subject between (`what will the council
        // pay`) it asks for the object.
        let verb_next = matches!(
            next,
            "will"
                | "would"
                | "can"
                | "could"
                | "should"
                | "may"
                | "might"
                | "must"
                | "has"
                | "have"
                | "had"
        ) && w
            .get(at + 2)
            .is_some_and(|t| !t.capital && !t.is_stopword() && t.number.is_none());
        let object = fronted && auxiliary(next) && (!be || progressive) && !verb_next;
        let slot = if object { w.len() } else { at };
        let mut sides = HashMap::new();
        for (i, t) in w.iter().enumerate() {
            if i != at && !t.is_stopword() {
                let side = if i < slot { Side::Left } else { Side::Right };
                sides.entry(t.key.clone()).or_insert(side);
            }
        }
        Order {
            sides,
            copula: fronted && be && !progressive,
        }
    }
    /// The verb whose object a *what did X do* question asks for, written last (`what did the
    /// hunter [eat]`): the answer is the phrase after that verb in the sentence.
    /// So does `what were analysts [expecting] per share`: the verb in `-ing` after a form of
    /// `be` and its subject, wherever it stands, or the verb closing the question after it
    /// (`what was the thief trying to [steal]`).
    pub fn object_verb(&self) -> Option<&str> {
        let w = &self.words;
        let at = w.iter().position(|t| t.norm == "what")?;
        let aux = w.get(at + 1)?;
        if words::is_finite_be(&aux.norm) {
            // `what were the guards [charged] with`: a participle before a stranded
            // preposition, whose object the answer is.
            let n = w.len();
            if n > at + 4 && words::is_strandable(&w[n - 1].norm) {
                let v = &w[n - 2];
                if !v.capital
                    && (v.norm.ends_with("ed") && v.norm.len() > 4
                        || super::irregular::base_of(&v.norm).is_some())
                {
                    return Some(v.key.as_str());
                }
            }
            let k = (at + 3..n).find(|&k| {
                let t = &w[k];
                t.norm.len() > 5
                    && t.norm.ends_with("ing")
                    && t.norm != "having"
                    && !t.capital
                    && !auxiliary(&t.norm)
                    && !t.is_stopword()
            })?;
            // `what was the thief [trying] to [steal]`: the verb after `to` takes the object.
            let then = &w[n - 1];
            if k + 3 == n && w[k + 1].norm == "to" && !then.capital && !then.is_stopword() {
                return Some(then.key.as_str());
            }
            return Some(w[k].key.as_str());
        }
        // `what does the alliance [advocate] for`: the verb before a stranded preposition.
        let stranded = w
            .len()
            .checked_sub(2)
            .filter(|&k| k > at + 2 && words::is_strandable(&w[w.len() - 1].norm))
            .map(|k| &w[k]);
        let verb = before_closing_place(w, at + 1)
            .or(stranded)
            .unwrap_or(w.last()?);
        let asks = matches!(
            aux.norm.as_str(),
            "did" | "does" | "do" | "will" | "would" | "can" | "could" | "should"
        );
        (asks
            && w.len() >= at + 4
            && !verb.capital
            && !verb.is_stopword()
            && !auxiliary(&verb.norm))
        .then_some(verb.key.as_str())
    }

    /// The verb closing a *where* / *when* question after its subject (`where was the missing
    /// cat [found]`, `when did Luther [die]`): the sentence that answers writes the place or
    /// time right after it (`found in [Santa Fe]`), however near other words of the question.
    pub fn closing_verb(&self) -> Option<&str> {
        let w = &self.words;
        let at = w
            .iter()
            .position(|t| matches!(t.norm.as_str(), "where" | "when"))?;
        let aux = w.get(at + 1)?;
        if !matches!(
            aux.norm.as_str(),
            "is" | "are" | "was" | "were" | "did" | "does" | "do" | "will" | "has" | "have" | "had"
        ) {
            return None;
        }
        // A name or year after the verb says where or when the question is set, not what it
        // asks (`where were the lines [built] in Victoria`, `when did it [open] in 2004`).
        let mut end = w.len();
        if let Some(p) = (at + 3..end).rev().take(4).find(|&k| {
            matches!(w[k].norm.as_str(), "in" | "at" | "on" | "near" | "during")
                && w[k + 1..]
                    .iter()
                    .all(|t| t.capital || t.number.is_some() || words::is_determiner(&t.norm))
                && k + 1 < end
        }) {
            end = p;
        }
        let verb = w.get(end.checked_sub(1)?)?;
        let subject_words = w
            .get(at + 2..end - 1)
            .unwrap_or_default()
            .iter()
            .filter(|t| !t.is_stopword())
            .count();
        (subject_words >= 1
            && !verb.capital
            && verb.number.is_none()
            && !verb.is_stopword()
            && !auxiliary(&verb.norm))
        .then_some(verb.key.as_str())
    }

    /// Where `who` / `whom` stands in a question asking whom its verb was done to: `who did
    /// Saraki drag to court`. Only `do` says so: `who will lead` asks for the doer, `who will
    /// they choose` not.
    pub fn whom_did(&self) -> Option<usize> {
        if !matches!(self.expects, AnswerType::Person | AnswerType::Organization) {
            return None;
        }
        let w = &self.words;
        let at = w
            .iter()
            .position(|t| matches!(t.norm.as_str(), "who" | "whom"))?;
        w.get(at + 1)
            .is_some_and(|aux| matches!(aux.norm.as_str(), "did" | "does" | "do"))
            .then_some(at)
    }

    /// `who did Saraki [drag] to court`: the question's subject did it, so whoever stands as
    /// the doer of its verb in the sentence is no answer. The keys of the content words after
    /// the auxiliary and the subject's first word, in order; which of them is the verb only the
    /// sentence tells (written in lower case there), and chat writes names in lower case too.
    pub fn object_asked_verbs(&self) -> Vec<&str> {
        let Some(at) = self.whom_did() else {
            return Vec::new();
        };
        self.words[at + 2..]
            .iter()
            .filter(|t| !t.is_stopword() && t.number.is_none())
            .skip(1)
            .map(|t| t.key.as_str())
            .collect()
    }

    /// The verb a *who* / *which* question asks about in the passive, not ending on `by` (`which
    /// companies were [added]`, `who was [appointed]`): the answer is whom it was done to, so
    /// the doer before the verb in an active sentence (`NASA added …`) is no answer.
    pub fn patient_verb(&self) -> Option<&str> {
        let w = &self.words;
        // A `Who` in capitals is a name's (`Doctor Who`).
        let at = w.iter().enumerate().position(|(i, t)| {
            matches!(t.norm.as_str(), "who" | "what" | "which") && (i == 0 || !t.capital)
        })?;
        // `who was it founded by` asks for the doer; `which club was banned by the
        // league` names the doer and still asks whom it was done to.
        if w.last().is_some_and(|t| t.norm == "by") {
            return None;
        }
        let be = w[at + 1..]
            .iter()
            .take(4)
            .position(|t| matches!(t.norm.as_str(), "was" | "were" | "is" | "are" | "been"))?
            + at
            + 1;
        let mut i = be + 1;
        if w.get(i).is_some_and(|t| t.norm == "been") {
            i += 1;
        }
        let v = w.get(i)?;
        let participle = !v.capital
            && (v.norm.ends_with("ed") && v.norm.len() > 4
                || super::irregular::base_of(&v.norm).is_some());
        participle.then_some(v.key.as_str())
    }

    /// For `who recorded …`, `who has composed …`, `who will pay …`: the key of the verb whose
    /// doer is asked for. None when the question asks for its object (`who did Luther view …`) or what someone is
    /// (`who was …`).
    /// Also `which company built …` when a name is asked for: the first verb in the past
    /// within three words of `which`.
    pub fn agent_verb(&self) -> Option<&str> {
        let w = &self.words;
        // A `Who` in capitals inside the question is a name's (`the Doctor Who special`).
        let Some(at) = w
            .iter()
            .enumerate()
            .position(|(i, t)| t.norm == "who" && (i == 0 || !t.capital))
        else {
            // `what caused the deaths`: a thing that did it, the verb right after `what`.
            if self.expects == AnswerType::Thing {
                let at = w.iter().position(|t| t.norm == "what")?;
                // `what could delay the vote`: the verb after a modal, in its base form, its
                // object after it (`what can [scales] measure`: a subject stands there).
                if w.get(at + 1).is_some_and(|t| words::is_modal(&t.norm)) {
                    let v = w.get(at + 2)?;
                    let base = !v.capital
                        && !v.is_stopword()
                        && !auxiliary(&v.norm)
                        && w.get(at + 3).is_some_and(|t| words::is_determiner(&t.norm));
                    return base.then_some(v.key.as_str());
                }
                let v = w.get(at + 1)?;
                let past = !v.capital
                    && !auxiliary(&v.norm)
                    && (v.norm.ends_with("ed") && v.norm.len() > 4
                        || super::irregular::base_of(&v.norm).is_some());
                return past.then_some(v.key.as_str());
            }
            if !matches!(
                self.expects,
                AnswerType::Person | AnswerType::Organization | AnswerType::Place
            ) {
                return None;
            }
            let at = w
                .iter()
                .position(|t| matches!(t.norm.as_str(), "what" | "which"))?;
            // `which burn feeds the loch`: a verb in the present past the asked noun, its
            // object after it (a plural noun would stand first: `which rivers`).
            let present = |k: usize| {
                let t = &w[k];
                k >= at + 2
                    && t.norm.len() > 3
                    && t.norm.ends_with('s')
                    && !t.norm.ends_with("ss")
                    && !t.norm.ends_with("us")
                    && w.get(k + 1)
                        .is_some_and(|n| n.capital || words::is_determiner(&n.norm))
            };
            return (at + 1..w.len())
                .take(4)
                .take_while(|&k| !auxiliary(&w[k].norm))
                .find(|&k| {
                    let t = &w[k];
                    !t.capital
                        && (t.norm.ends_with("ed") && t.norm.len() > 4
                            || super::irregular::base_of(&t.norm).is_some()
                            || present(k))
                })
                .map(|k| w[k].key.as_str());
        };
        let mut i = at + 1;
        while w.get(i).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "has" | "have" | "had" | "first" | "also" | "later" | "originally" | "then"
            ) || words::is_modal(&t.norm)
        }) {
            i += 1;
        }
        // `who is paying`, `who was leading`: the verb in `-ing` after a form of `be`.
        if w.get(i).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "is" | "are" | "was" | "were" | "be" | "been"
            )
        }) && w
            .get(i + 1)
            .is_some_and(|t| !t.capital && t.norm.len() > 5 && t.norm.ends_with("ing"))
        {
            i += 1;
        }
        let v = w.get(i)?;
        let verb = !v.is_stopword() && !v.capital && v.number.is_none() && v.norm.len() > 2;
        verb.then_some(v.key.as_str())
    }

    /// The keys of the noun phrase after `what` / `which` (past `type of`, `the`): `What political
    /// party` → `political`, `party`. It stops before a word ending in `-ed` (`Which empire
    /// bordered`), after three words.
    pub fn asked_nouns(&self) -> Vec<String> {
        let w = &self.words;
        let Some(at) = w
            .iter()
            .position(|t| matches!(t.norm.as_str(), "what" | "which"))
        else {
            return Vec::new();
        };
        let mut i = at + 1;
        while w.get(i).is_some_and(|t| is_before_asked_noun(&t.norm)) {
            i += 1;
        }
        w[i.min(w.len())..]
            .iter()
            .take_while(|t| !t.is_stopword() && !auxiliary(&t.norm) && !t.norm.ends_with("ed"))
            .take(3)
            .map(|t| t.key.clone())
            .collect()
    }

    /// Whether word `i` only names the type of the answer (`what year`, `which percentage`):
    /// the answer stands in its place (`in 1517`), so the sentences that answer seldom write
    /// it, while those that do (`the date of the report`) are no closer to the answer.
    pub fn names_the_type(&self, i: usize) -> bool {
        let (Some(w), Some(before)) = (self.words.get(i), i.checked_sub(1)) else {
            return false;
        };
        if !matches!(self.words[before].norm.as_str(), "what" | "which") {
            return false;
        }
        match self.expects {
            AnswerType::Date => matches!(
                w.norm.as_str(),
                "year" | "years" | "date" | "day" | "month" | "time" | "century" | "decade" | "era"
            ),
            AnswerType::Number(Measure::Percent) => {
                matches!(w.norm.as_str(), "percentage" | "percent" | "proportion")
            }
            _ => false,
        }
    }

    /// The words a *who is* / *what is* question asks to have described when it asks nothing
    /// else (`Who is Dmitry Peskov?`, `what's Truth Social`): the indices past the question
    /// word, its verb and an article. Whether they make a known name is for the caller to tell;
    /// when they do, the answer is what the articles call it (`Kremlin spokesman`), not another
    /// person's name.
    pub fn described(&self) -> Option<std::ops::Range<usize>> {
        let w: Vec<&str> = self.words.iter().map(|t| t.norm.as_str()).collect();
        let office = |x: &str| {
            matches!(
                x,
                "job" | "role" | "title" | "position" | "occupation" | "profession" | "post"
            )
        };
        // `what job does Loretta Lynch have`, `what position did she hold`.
        if let [first, job, aux, .., last] = w[..]
            && first == "what"
            && office(job)
            && matches!(aux, "does" | "did" | "do")
            && matches!(last, "have" | "has" | "hold" | "holds" | "held")
            && (4..=9).contains(&w.len())
        {
            return Some(3..w.len() - 1);
        }
        let mut at = match w.first() {
            Some(&("who" | "what")) => 1,
            _ => return None,
        };
        if !matches!(w.get(at), Some(&("is" | "was" | "are" | "were"))) {
            return None;
        }
        at += 1;
        while matches!(w.get(at), Some(&("the" | "a" | "an"))) {
            at += 1;
        }
        // `what is Mark Milley's job`, `what is his role`: the name before the word of office.
        let end = match w.last() {
            Some(&x) if office(x) && w[0] == "what" && w.len() >= at + 2 => w.len() - 1,
            _ => w.len(),
        };
        (at < end && end - at <= 6).then_some(at..end)
    }

    /// Where the answer stands against the question's verb once the question is put back as a
    /// statement: after it when the question asks for its object (`what did the popularity of
    /// the translation [contribute] to` → `… contributed to [the evolution of …]`), before it
    /// when it asks for its doer (`what [changed] the delta` → `[the Delta Works] changed …`).
    pub fn slot(&self) -> Option<Slot> {
        let w = &self.words;
        let at = w
            .iter()
            .position(|t| matches!(t.norm.as_str(), "what" | "which" | "who" | "whom"))?;
        let fronted = w[..at].iter().all(Token::is_stopword);
        let asks_object = fronted && w.get(at + 1).is_some_and(|t| auxiliary(&t.norm));
        if !asks_object {
            return self.agent_verb().map(|v| Slot::Before(v.to_string()));
        }
        // The verb before a closing phrase of place or time (`pull [out of the river]`).
        if let Some(verb) = before_closing_place(w, at + 1) {
            return Some(Slot::After(verb.key.clone()));
        }
        // The last word, past a preposition left at the end (`contribute to`, `known as`).
        let mut end = w.len();
        if end > 0 && w[end - 1].is_stopword() && w[end - 1].number.is_none() {
            end -= 1;
        }
        if end < at + 4 {
            return None;
        }
        let verb = &w[end - 1];
        let subject = w[at + 2..end - 1].iter().any(|t| !t.is_stopword());
        (subject
            && !verb.capital
            && verb.number.is_none()
            && !verb.is_stopword()
            && !auxiliary(&verb.norm))
        .then(|| Slot::After(verb.key.clone()))
    }

    /// For a question on what someone named did (`who did [Putin] [meet]`, `what does Acme
    /// [make]`): the name's words, the verb right after it and the deed's other words. Only
    /// with `do` and a name in capitals is the verb sure: `what is the term for …` ends on a noun.
    pub fn named_doer(&self) -> Option<Deed<'_>> {
        let w = &self.words;
        let at = w
            .iter()
            .position(|t| matches!(t.norm.as_str(), "what" | "which" | "who" | "whom"))?;
        if !w[..at].iter().all(Token::is_stopword)
            || !w
                .get(at + 1)
                .is_some_and(|t| matches!(t.norm.as_str(), "do" | "does" | "did"))
        {
            return None;
        }
        let mut i = at + 2;
        while w.get(i).is_some_and(|t| t.norm == "the") {
            i += 1;
        }
        let name = i;
        // `who did he meet`, the conversation being about someone: they are the doer.
        let pronoun = !self.referent.is_empty()
            && w.get(i)
                .is_some_and(|t| matches!(t.norm.as_str(), "he" | "she" | "they"));
        if pronoun {
            i += 1;
        }
        while !pronoun && w.get(i).is_some_and(|t| t.capital && !t.is_stopword()) {
            i += 1;
        }
        // `the Danish navy side with`: after `the` and one word of a people (`-an`, `-ish`,
        // `-ese`…), a word followed by another that closes the question is the noun the
        // people's word describes (`navy`), and the verb comes next (`the Senate lease
        // further offices`: a name, its verb right after).
        let content = |t: &Token| !t.capital && !t.is_stopword() && t.number.is_none();
        if name > at + 2
            && i == name + 1
            && words::is_demonym(&w[name].norm)
            && w.get(i).is_some_and(content)
            && w.get(i + 1).is_some_and(content)
            && w.get(i + 2).is_none_or(Token::is_stopword)
        {
            i += 1;
        }
        let verb = w.get(i)?;
        let doer: Vec<&str> = if pronoun {
            self.referent.iter().map(String::as_str).collect()
        } else {
            w[name..i].iter().map(|t| t.key.as_str()).collect()
        };
        (i > name && !verb.capital && !verb.is_stopword() && verb.number.is_none()).then(|| Deed {
            doer,
            verb: verb.key.as_str(),
            words: w[i..]
                .iter()
                .filter(|t| !t.capital && !t.is_stopword())
                .map(|t| t.key.as_str())
                .collect(),
        })
    }

    /// The keys of what the question sets aside (`besides herring`, `apart from the old
    /// quay`, `together with Oslo and Bergen`): the answer is another member of a list that
    /// also names these. To the next comma, question word or auxiliary.
    pub fn set_aside(&self) -> Vec<String> {
        let w = &self.words;
        let next_is = |i: usize, word: &str| w.get(i + 1).is_some_and(|t| t.norm == word);
        let Some(from) = (0..w.len()).find_map(|i| match w[i].norm.as_str() {
            "besides" | "alongside" => Some(i + 1),
            "other" if next_is(i, "than") => Some(i + 2),
            "aside" | "apart" if next_is(i, "from") => Some(i + 2),
            "addition" if i > 0 && w[i - 1].norm == "in" && next_is(i, "to") => Some(i + 2),
            "along" | "together" if next_is(i, "with") => Some(i + 2),
            _ => None,
        }) else {
            return Vec::new();
        };
        let mut end = from;
        while let Some(t) = w.get(end) {
            let after_comma = end > from && self.text[w[end - 1].end..t.start].contains(',');
            if after_comma || is_question_word(&t.norm) || auxiliary(&t.norm) {
                break;
            }
            end += 1;
        }
        // A word the rest of the question has too is what the members share (`along with
        // diesel [ferries], which [ferries] does the line run`), not one set aside.
        let elsewhere = |key: &str| {
            w.iter()
                .enumerate()
                .any(|(k, t)| !(from..end).contains(&k) && t.key == key)
        };
        w[from..end]
            .iter()
            .filter(|t| !t.is_stopword() && !elsewhere(&t.key))
            .map(|t| t.key.clone())
            .collect()
    }

    /// The content words: not stop words, not question words, no repeats (by key).
    pub fn content(&self) -> Vec<&Token> {
        let mut out: Vec<&Token> = Vec::new();
        for w in &self.words {
            let keep = !is_stopword(&w.norm)
                && (w.norm.chars().count() >= 2 || w.number.is_some())
                && !out.iter().any(|o| o.key == w.key);
            if keep {
                out.push(w);
            }
        }
        out
    }

    /// Runs of 1–4 words that may be a name, longest first, as `(first word, length, folded)`.
    /// A lone lower-case word is offered only when the question is typed all in lower case
    /// (or all in capitals).
    pub fn name_grams(&self) -> Vec<(usize, usize, String)> {
        let w = &self.words;
        let cased = w.iter().any(|t| t.capital) && !w.iter().all(|t| t.capital);
        // `the us`, `US`: the country, not the pronoun.
        let country = |k: usize| {
            w[k].norm == "us"
                && (k > 0 && w[k - 1].norm == "the" || self.text[w[k].start..w[k].end] == *"US")
        };
        let stop = |k: usize| w[k].is_stopword() && !country(k);
        // `Will Moy`, `Theresa May`: a name's word that is also a word of grammar may open or
        // close a longer name.
        let edge_stop = |k: usize, len: usize| {
            stop(k) && !(len >= 2 && matches!(w[k].norm.as_str(), "will" | "may"))
        };
        let mut grams = Vec::new();
        for len in (1..=4usize).rev() {
            for start in 0..w.len().saturating_sub(len - 1) {
                let gram = &w[start..start + len];
                if (start..start + len).all(stop)
                    || edge_stop(start, len)
                    || edge_stop(start + len - 1, len)
                    || (len == 1 && gram[0].norm.chars().count() < 2)
                {
                    continue;
                }
                if len == 1 && cased && !gram[0].capital {
                    continue;
                }
                // `how long`, `how much`: the question's own words, not a name (`Long`).
                if (start..start + len)
                    .any(|k| k > 0 && w[k - 1].norm == "how" && degree_word(&w[k].norm))
                {
                    continue;
                }
                let folded = gram
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                grams.push((start, len, folded));
            }
        }
        grams
    }
}

/// The words a sentence measures in for `how <degree>` (`how big` → `diameter`, `size`):
/// `Titan, with a diameter of 3,200 miles, …` answers `how big is Titan` without `big`.
pub fn measure_words(degree: &str) -> &'static [&'static str] {
    match degree {
        "big" | "large" | "small" => &[
            "size", "diameter", "square", "across", "bigger", "biggest", "larger", "largest",
            "smaller", "smallest", "wide", "width",
        ],
        "long" | "short" => &["length", "longer", "longest", "shorter", "shortest"],
        "tall" | "high" => &[
            "height",
            "taller",
            "tallest",
            "higher",
            "highest",
            "altitude",
            "elevation",
        ],
        "wide" => &["width", "across", "diameter", "wider", "widest", "breadth"],
        "deep" => &["depth", "deeper", "deepest"],
        "far" => &["distance", "away", "farther", "further"],
        "old" => &["age", "aged", "older", "oldest"],
        "heavy" => &[
            "weight", "weighs", "weighed", "weighing", "heavier", "heaviest",
        ],
        "fast" => &["speed", "faster", "fastest", "mph", "kph"],
        _ => &[],
    }
}

/// Words that follow `how` to ask for a measure (`how long`, `how far`).
fn degree_word(w: &str) -> bool {
    matches!(
        w,
        "long"
            | "much"
            | "many"
            | "far"
            | "old"
            | "big"
            | "often"
            | "tall"
            | "large"
            | "high"
            | "soon"
            | "deep"
            | "wide"
            | "fast"
            | "heavy"
            | "late"
            | "early"
            | "small"
            | "short"
            | "young"
            | "strong"
            | "bad"
            | "good"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn expects(q: &str) -> AnswerType {
        Question::parse(q, today()).expects
    }

    #[test]
    fn what_someone_is_doing_asks_for_the_deed_not_a_definition() {
        use AnswerType::*;
        for (question, want) in [
            ("What is Norway demanding?", Thing),
            ("What are the dock unions planning?", Thing),
            ("what is she proposing", Thing),
            ("What is Mara Olsen doing?", Manner),
            // A bare noun before an `-ing` word makes one term.
            ("What is money laundering?", Definition),
            ("What is a referendum?", Definition),
            ("What does NATO stands for?", Definition),
        ] {
            assert_eq!(expects(question), want, "{question}");
        }
    }

    #[test]
    fn the_passive_verb_asked_about_is_found() {
        let verb = |text: &str| {
            Question::parse(text, today())
                .patient_verb()
                .map(str::to_string)
        };
        let key = |word: &str| Some(words::tokens(word)[0].key.clone());
        assert_eq!(
            verb("which companies were added to the program"),
            key("added")
        );
        assert_eq!(
            verb("Who was appointed governor in 1756?"),
            key("appointed")
        );
        assert_eq!(verb("Who has been chosen to lead?"), key("chosen"));
        assert_eq!(verb("What territory was ceded by France?"), key("ceded"));
        assert_eq!(verb("Which city was it founded by?"), None);
        assert_eq!(verb("Who was the governor?"), None);
        assert_eq!(verb("Who added the companies?"), None);
    }

    #[test]
    fn what_happened_asks_for_a_clause() {
        assert_eq!(
            expects("what happened to the harbour inquiry"),
            AnswerType::Manner
        );
        assert_eq!(
            expects("What happens if a member votes against?"),
            AnswerType::Manner
        );
        assert_ne!(expects("What event happened in 1997?"), AnswerType::Manner);
        for q in [
            "what went wrong with the launch",
            "what did deval patrick do in south carolina",
            "What will the council do about the harbour?",
        ] {
            assert_eq!(expects(q), AnswerType::Manner, "{q}");
        }
        assert_ne!(expects("What did she say?"), AnswerType::Manner);
        assert_eq!(
            expects("what is givewells grant to the charity for"),
            AnswerType::Reason
        );
        assert_ne!(expects("what is the city known for"), AnswerType::Reason);
        assert_ne!(expects("what is the city famous for"), AnswerType::Reason);
        assert_ne!(
            expects("Other than for its resort feel, what is Palm Springs popular for?"),
            AnswerType::Reason
        );
        assert_eq!(
            expects("how much did the fund grant the charity"),
            AnswerType::Number(Measure::Money)
        );
    }

    #[test]
    fn the_word_after_how_is_no_name() {
        let grams = |q: &str| -> Vec<String> {
            Question::parse(q, today())
                .name_grams()
                .into_iter()
                .map(|g| g.2)
                .collect()
        };
        let g = grams("how long can astronauts hibernate");
        assert!(
            !g.iter().any(|g| g.split(' ').any(|w| w == "long")),
            "{g:?}"
        );
        assert!(
            grams("how many ships did Harbour Works build").contains(&"harbour works".to_string())
        );
    }

    #[test]
    fn a_noun_that_only_names_the_answers_type_is_not_a_word_to_find() {
        let type_words = |q: &str| {
            let q = Question::parse(q, today());
            (0..q.words.len())
                .filter(|&i| q.names_the_type(i))
                .map(|i| q.words[i].norm.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(type_words("On what date did Luther die?"), ["date"]);
        assert_eq!(type_words("In which year was the treaty signed?"), ["year"]);
        assert_eq!(
            type_words("What percentage of voters backed it?"),
            ["percentage"]
        );
        // Words the answering sentence writes beside its answer stay.
        assert!(type_words("What is the population of Kyiv?").is_empty());
        assert!(type_words("When did the year of the dragon start?").is_empty());
    }

    #[test]
    fn chat_requests_for_news_ask_for_no_phrase_and_keep_only_their_topic() {
        for q in [
            "tell me about the referendums",
            "whats the deal with the referendums",
            "what's the deal with the referendums?",
            "What's going on with the referendums?",
            "whats up with the referendums",
            "what's new with the referendums",
            "any news on the referendums",
            "what do we know about the referendums",
            "what about the referendums?",
            "and what about the referendums",
            "how about the referendums",
            "and the referendums?",
            "any updates on the referendums",
        ] {
            let parsed = Question::parse(q, today());
            assert_eq!(parsed.expects, AnswerType::Topic, "{q}");
            let words: Vec<&str> = parsed.words.iter().map(|w| w.norm.as_str()).collect();
            assert_eq!(words.last(), Some(&"referendums"), "{q}");
            assert!(
                !words
                    .iter()
                    .any(|w| matches!(*w, "deal" | "news" | "going" | "tell")),
                "{q}"
            );
        }
        // Nothing after the opener: an ordinary question about those words.
        assert_ne!(expects("tell me about"), AnswerType::Topic);
        // A verb after `what about` or `and`: a question of its own.
        assert_eq!(
            expects("What about the plan worried the fishermen?"),
            AnswerType::Thing
        );
        assert_eq!(expects("and who paid for it?"), AnswerType::Person);
        assert_eq!(expects("and did the council agree?"), AnswerType::YesNo);
    }

    #[test]
    fn answer_types_from_the_question_form() {
        use AnswerType::*;
        assert_eq!(expects("Who leads the port authority?"), Person);
        assert_eq!(expects("When will work begin?"), Date);
        assert_eq!(expects("When was the man who built it born?"), Date);
        assert_eq!(
            expects("when the dam broke how many fled"),
            Number(Measure::Count)
        );
        assert_eq!(expects("When prices rise this is called what?"), Thing);
        assert_eq!(expects("What Swiss city hosts the talks?"), Place);
        assert_eq!(expects("Which bus company runs the line?"), Organization);
        assert_eq!(expects("What city council voted for it?"), Organization);
        assert_eq!(expects("which outlet reported the demands"), Organization);
        assert_eq!(expects("What journalist broke the story?"), Person);
        assert_eq!(expects("which striker scored twice"), Person);
        // `cardinal` is no role here: `which cardinal direction` asks for a direction.
        assert_eq!(expects("which cardinal direction does it face"), Thing);
        assert_eq!(expects("In what year was it built?"), Date);
        assert_eq!(expects("where is the dam"), Place);
        assert_eq!(expects("Why did prices rise?"), Reason);
        assert_eq!(expects("How did the fire start?"), Manner);
        assert_eq!(expects("How many jobs?"), Number(Measure::Count));
        assert_eq!(
            expects("How much will the dredging cost?"),
            Number(Measure::Money)
        );
        assert_eq!(expects("how old is carlsen"), Number(Measure::Age));
        assert_eq!(
            expects("how deadly is the fever if untreated"),
            Number(Measure::Quantity)
        );
        assert_eq!(
            expects("what was the final score of the lakers game"),
            Number(Measure::Score)
        );
        let clock = |q: &str| Question::parse(q, today()).asks_clock();
        assert_eq!(clock("what time does the market open"), Some(true));
        assert_eq!(clock("at what time did he die"), Some(false));
        assert_eq!(clock("during what time did the forest shrink"), None);
        assert_eq!(clock("what time period is it"), None);
        assert_eq!(expects("what was the vote"), Number(Measure::Score));
        assert_eq!(expects("what type of vote was needed"), Thing);
        assert_eq!(
            expects("whats the ferry deal worth"),
            Number(Measure::Money)
        );
        assert_eq!(
            expects("What does the new bridge cost?"),
            Number(Measure::Money)
        );
        assert_eq!(
            expects("How large is the Amazon basin?"),
            Number(Measure::Quantity)
        );
        assert_eq!(
            expects("How long is the tram line?"),
            Number(Measure::Length)
        );
        assert_eq!(
            expects("How long did the siege last?"),
            Number(Measure::Duration)
        );
        assert_eq!(
            expects("What percentage of voters agreed?"),
            Number(Measure::Percent)
        );
        assert_eq!(
            expects("what is the average rate on a ferry loan"),
            Number(Measure::Percent)
        );
        assert_eq!(
            expects("what was the annual budget of the port"),
            Number(Measure::Money)
        );
        assert_eq!(
            expects("how often does the ferry run"),
            Number(Measure::Frequency)
        );
        // A share of something, even of what is paid.
        assert_eq!(
            expects("how much of the cost does the council pay"),
            Number(Measure::Percent)
        );
        assert_eq!(
            expects("how much does the council pay"),
            Number(Measure::Money)
        );
        // Given, made or received with nothing else measured: money.
        assert_eq!(
            expects("how much did the mayor give"),
            Number(Measure::Money)
        );
        assert_eq!(
            expects("how much grain does the farm give"),
            Number(Measure::Quantity)
        );
        assert_eq!(
            expects("Which regions does Putin want before ending the war?"),
            Place
        );
        assert_eq!(expects("What company built the bridge?"), Organization);
        assert_eq!(
            expects("which companies were added to the program"),
            Organization
        );
        assert_eq!(expects("Which churches did he visit?"), Organization);
        assert_eq!(expects("What players were traded?"), Person);
        assert_eq!(
            expects("What is the name of the city where he was born?"),
            Place
        );
        assert_eq!(expects("What does NATO stand for?"), Definition);
        assert_eq!(expects("What is a referendum?"), Definition);
        assert_eq!(expects("What did the UN say about the referendums?"), Quote);
        assert_eq!(
            expects("What book of the Bible discusses civil disobedience?"),
            Thing
        );
        assert_eq!(expects("Did the council approve the plan?"), YesNo);
        assert_eq!(
            expects("The basin covers how many square kilometres?"),
            Number(Measure::Count)
        );
        assert_eq!(expects("port expansion"), Thing);
    }

    #[test]
    fn a_leading_when_clause_only_sets_the_scene() {
        let t = |q: &str| Question::parse(q, today()).expects;
        assert_eq!(
            t("When violence is used, what is civil disobedience sometimes called?"),
            t("What is civil disobedience sometimes called?")
        );
        assert_eq!(
            t("When the dam failed, how many people died?"),
            AnswerType::Number(Measure::Count)
        );
        // A relative `who` after no comma is no question word.
        assert_eq!(
            t("When was the man who founded the city born?"),
            AnswerType::Date
        );
    }

    #[test]
    fn the_answer_side_of_each_question_word() {
        let side = |q: &Question, word: &str| {
            let key = &q.words.iter().find(|w| w.norm == word).unwrap().key;
            q.order().sides.get(key).copied()
        };
        let q = Question::parse("What did Luther devise to teach?", today());
        assert!(!q.order().copula);
        assert_eq!(side(&q, "luther"), Some(Side::Left));
        assert_eq!(side(&q, "teach"), Some(Side::Left));
        let q = Question::parse("What force acts between electric charges?", today());
        assert_eq!(side(&q, "force"), Some(Side::Right));
        assert_eq!(side(&q, "charges"), Some(Side::Right));
        let q = Question::parse("Xenoliths are picked up by what?", today());
        assert_eq!(side(&q, "xenoliths"), Some(Side::Left));
        let q = Question::parse("What was the belief about motion?", today());
        assert!(q.order().copula);
        // In chat spelling, and with the verb at the end: `Putin is demanding [what]`.
        let q = Question::parse("what's Putin demanding?", today());
        assert!(!q.order().copula);
        assert_eq!(side(&q, "putin"), Some(Side::Left));
        assert_eq!(side(&q, "demanding"), Some(Side::Left));
        // A modal or `has` right before the verb asks for its doer; with a subject between,
        // for its object.
        let q = Question::parse("Who will pay for the new pier?", today());
        assert_eq!(side(&q, "pay"), Some(Side::Right));
        let q = Question::parse("What has slowed the harbour works?", today());
        assert_eq!(side(&q, "slowed"), Some(Side::Right));
        let q = Question::parse("What will the council pay for?", today());
        assert_eq!(side(&q, "pay"), Some(Side::Left));
    }

    #[test]
    fn a_name_given_is_asked_by_a_verb_of_naming() {
        let asks = |q: &str| Question::parse(q, today()).asks_name_given();
        assert!(asks("What is the term for the lack of free quarks?"));
        assert!(asks("What was the old ferry called?"));
        assert!(asks("what is the pier known as locally"));
        assert!(asks("What is another name for the west side?"));
        assert!(asks("What did Aristotle refer to forced motion as?"));
        assert!(!asks("What is the name of the ferry's captain?"));
        assert!(!asks("Who is known for the bakery?"));
    }

    #[test]
    fn the_answer_slot_against_the_questions_verb() {
        let slot = |q: &str| Question::parse(q, today()).slot();
        let key = |w: &str| words::stem(w);
        // The object asked for stands after the verb, past a preposition left at the end.
        assert_eq!(
            slot("What did the popularity of the translation contribute to?"),
            Some(Slot::After(key("contribute")))
        );
        assert_eq!(
            slot("What was the ferry known as?"),
            Some(Slot::After(key("known")))
        );
        // Before a closing phrase of place: the verb, not the place's noun.
        assert_eq!(
            slot("What did the volunteers pull out of the river?"),
            Some(Slot::After(key("pull")))
        );
        // The doer asked for stands before it.
        assert_eq!(
            slot("What changed the river's delta?"),
            Some(Slot::Before(key("changed")))
        );
        assert_eq!(
            slot("Who founded the harbour trust?"),
            Some(Slot::Before(key("founded")))
        );
        // No verb to stand by: a name or a copula closes the question, or no subject before it.
        for q in [
            "What is the capital of Vardia?",
            "What did Varga?",
            "When did the ferry open?",
            "who is he?",
            "what is it",
            "what did he do to",
            "who",
        ] {
            assert_eq!(slot(q), None, "{q}");
        }
    }

    #[test]
    fn the_verb_whose_object_or_doer_is_asked() {
        let object = |q: &str| {
            Question::parse(q, today())
                .object_verb()
                .map(str::to_string)
        };
        let key = |w: &str| Some(words::stem(w));
        assert_eq!(object("what did the hunter eat"), key("eat"));
        // Past a phrase of place or time that closes the question.
        assert_eq!(
            object("What did the volunteers pull out of the river?"),
            key("pull")
        );
        assert_eq!(object("what did they pull out of the river"), key("pull"));
        assert_eq!(
            object("what did the mayor promise about the new bus lane"),
            key("promise")
        );
        assert_eq!(object("What did Luther write in 1517?"), key("write"));
        assert_eq!(object("what did the mayor want to build"), key("build"));
        assert_eq!(
            object("what did the band base entirely on old songs"),
            key("base")
        );
        // A noun after a preposition is no verb: the last word stands.
        assert_eq!(
            object("what did the band use as backing for its songs"),
            key("songs")
        );
        // A subject's own `of` phrase is no such phrase: the verb still closes the question.
        assert_eq!(
            object("what did the mayor of Leith promise"),
            key("promise")
        );
        assert_eq!(
            object("what did the head of the harbour agency promise"),
            key("promise")
        );
        // A preposition the question strands at its end follows the verb.
        assert_eq!(
            object("what does the coalition advocate for"),
            key("advocate")
        );
        assert_eq!(object("what did the mayor talk about"), key("talk"));
        assert_eq!(
            object("what were the two clerks charged with"),
            key("charged")
        );
        assert_eq!(object("what were the clerks hoping for"), key("hoping"));
        assert_eq!(
            object("what are the clerks expecting now"),
            key("expecting")
        );
        assert_eq!(object("what was the burglar trying to take"), key("take"));
        let doer = |q: &str| Question::parse(q, today()).agent_verb().map(str::to_string);
        assert_eq!(doer("Who will pay for the extension?"), key("pay"));
        assert_eq!(doer("who has funded the pier"), key("funded"));
        assert_eq!(doer("whos paying for the extension"), key("paying"));
        assert_eq!(doer("who is the mayor"), None);
        // `Who` in a name is no question word.
        assert_eq!(doer("What was the Doctor Who special called?"), None);
        // A thing that will do it: the verb after the modal, when its object follows.
        assert_eq!(doer("what could delay the harbour vote"), key("delay"));
        assert_eq!(doer("what can ferries carry"), None);
        // A place or a name that did it: a verb in the past, or in the present before its
        // object; a plural noun is no verb.
        assert_eq!(doer("Which country invaded Poland?"), key("invaded"));
        assert_eq!(doer("Which river joins the Tay at Perth?"), key("joins"));
        assert_eq!(doer("Which club owns the stadium?"), key("owns"));
        assert_eq!(doer("Which towns lie on the river?"), None);
        assert_eq!(doer("what could anyone do to stop it"), None);
    }

    #[test]
    fn the_named_doer_and_the_verb_after_it() {
        let deed = |q: &str| {
            let q = Question::parse(q, today());
            q.named_doer()
                .map(|d| (d.doer.join(" "), d.verb.to_string()))
        };
        let key = |w: &str| words::stem(w);
        assert_eq!(deed("who did Acme hire"), Some((key("acme"), key("hire"))));
        // A people's word describes the noun after it, which is the doer's too: the verb
        // comes next.
        assert_eq!(
            deed("who did the Danish navy side with"),
            Some((format!("{} {}", key("danish"), key("navy")), key("side")))
        );
        // A name's verb with its object after it stays the verb.
        assert_eq!(
            deed("who did the Senate lease further offices from"),
            Some((key("senate"), key("lease")))
        );
    }

    #[test]
    fn what_a_question_sets_aside() {
        let aside = |q: &str| Question::parse(q, today()).set_aside();
        let keys = |ws: &[&str]| -> Vec<String> {
            ws.iter().map(|w| words::tokens(w)[0].key.clone()).collect()
        };
        assert_eq!(
            aside("Besides Norway and Sweden, where else does the herd graze?"),
            keys(&["Norway", "Sweden"])
        );
        assert_eq!(
            aside("What ruler, along with the two dukes, signed the treaty?"),
            keys(&["two", "dukes"])
        );
        assert_eq!(
            aside("Which dialect other than Norn is spoken there?"),
            keys(&["Norn"])
        );
        // A word the rest of the question has is shared, not set aside.
        assert_eq!(
            aside("Along with diesel ferries, what kind of ferries does the line run?"),
            keys(&["diesel"])
        );
        assert!(aside("What else does the herd eat?").is_empty());
    }

    #[test]
    fn the_verb_closing_a_where_or_when_question() {
        let verb = |q: &str| {
            Question::parse(q, today())
                .closing_verb()
                .map(str::to_string)
        };
        let key = |word: &str| Some(words::tokens(word)[0].key.clone());
        assert_eq!(
            verb("where was the missing cat found").as_deref(),
            Some("found")
        );
        assert_eq!(verb("when did luther die").as_deref(), Some("die"));
        // A named place or year after it sets the question, the verb still closes it.
        assert_eq!(
            verb("where were the new tram lines built in Leeds?"),
            key("built")
        );
        assert_eq!(
            verb("where was the old mill rebuilt in 1920"),
            key("rebuilt")
        );
        assert_eq!(
            verb("where were the stones found in the Outer Hebrides"),
            key("found")
        );
        // No subject before it, or no verb at all: none.
        for q in [
            "where is",
            "where was",
            "when",
            "where is titan",
            "who found the cat",
        ] {
            assert_eq!(verb(q), None, "{q}");
        }
    }

    #[test]
    fn content_words_drop_stopwords_and_repeats() {
        let q = Question::parse(
            "What did the UN say about the referendums, the REFERENDUMS?",
            today(),
        );
        let words: Vec<&str> = q.content().iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, ["un", "referendums"]);
    }

    #[test]
    fn a_topic_hint_is_taken_out_of_the_question() {
        let q = Question::parse(
            "In the story about the harbour tidal plan, who pays for the turbines?",
            today(),
        );
        assert_eq!(q.topic, ["harbour", "tidal", "plan"]);
        assert_eq!(q.expects, AnswerType::Person);
        let words: Vec<&str> = q.content().iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, ["pays", "turbines"]);
        assert!(
            Question::parse("Who pays for the turbines?", today())
                .topic
                .is_empty()
        );
    }

    #[test]
    fn relative_times_become_date_ranges() {
        let q = Question::parse("What did the council decide last week?", today());
        let t = q.time.unwrap();
        assert_eq!(t.to, today());
        assert!(t.from < today());
        assert!(!q.content().iter().any(|w| w.norm == "week"));
        let y = Question::parse("who won yesterday", today()).time.unwrap();
        assert_eq!(y.from, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert!(
            Question::parse("What happened in 2019?", today())
                .time
                .is_none()
        );
    }

    #[test]
    fn plural_questions_ask_for_several() {
        let several = |q: &str| Question::parse(q, today()).several;
        assert!(several("Which regions does Putin want?"));
        assert!(several("Who were the founders?"));
        assert!(!several("Which region voted first?"));
        assert!(!several("What is the status of the talks?"));
        let focus = |q: &str| Question::parse(q, today()).focus;
        assert_eq!(
            focus("Which regions does Putin want?"),
            Some(words::stem("regions"))
        );
        assert_eq!(
            focus("What kind of tree grows there?"),
            Some(words::stem("tree"))
        );
        assert_eq!(focus("What is a referendum?"), None);
        assert_eq!(
            focus("how many US troops are still there"),
            Some(words::stem("troops"))
        );
        assert_eq!(focus("How many died?"), None);
        assert_eq!(
            focus("who is the new ceo at Experience").as_deref(),
            Some("ceo")
        );
        assert_eq!(
            focus("Who was the Roman emperor?").as_deref(),
            Some("emperor")
        );
        assert_eq!(focus("Who is the CEO of Apple?").as_deref(), Some("ceo"));
        assert_eq!(focus("Who is Marie Yovanovitch?"), None);
        assert!(Question::parse("What type of radar was used?", today()).asks_kind);
        assert!(!Question::parse("What radar was used?", today()).asks_kind);
        let nouns = |q: &str| Question::parse(q, today()).asked_nouns();
        assert_eq!(
            nouns("What political party is strongest?"),
            [words::stem("political"), words::stem("party")]
        );
        assert_eq!(
            nouns("What type of civil disobedience is accepted?"),
            [words::stem("civil"), words::stem("disobedience")]
        );
        assert_eq!(
            nouns("Which empire bordered the Mongols?"),
            [words::stem("empire")]
        );
    }

    #[test]
    fn whom_something_was_done_to_is_asked_with_do() {
        let verbs = |text: &str| -> Vec<String> {
            Question::parse(text, today())
                .object_asked_verbs()
                .into_iter()
                .map(str::to_string)
                .collect()
        };
        assert_eq!(
            verbs("who did saraki drag to court"),
            [words::stem("drag"), words::stem("court")]
        );
        assert_eq!(
            verbs("Whom does the council blame?"),
            [words::stem("blame")]
        );
        // The doer is asked for: by the verb itself, or after a modal.
        assert!(verbs("Who dragged Idris to court?").is_empty());
        assert!(verbs("Who can enforce European Union law?").is_empty());
        // Not a person.
        assert!(verbs("What did Luther devise?").is_empty());
    }

    #[test]
    fn pronouns_refer_back() {
        assert!(Question::parse("what did he say about the war?", today()).refers_back);
        assert!(Question::parse("who wrote that article?", today()).refers_back);
        assert!(!Question::parse("Who is Hewitt?", today()).refers_back);
    }

    /// The question's words as read (folded, short forms written out).
    fn norms(text: &str) -> Vec<String> {
        Question::parse(text, today())
            .words
            .iter()
            .map(|t| t.norm.clone())
            .collect()
    }

    #[test]
    fn chat_short_forms_are_read_in_full_but_names_are_kept() {
        let words = norms;
        assert_eq!(
            words("how many ppl did the govt hire"),
            ["how", "many", "people", "did", "the", "government", "hire"]
        );
        assert_eq!(
            words("what did Govt Watch say"),
            ["what", "did", "govt", "watch", "say"]
        );
        assert_eq!(words("yrsa sigurdardottir"), ["yrsa", "sigurdardottir"]);
        assert_eq!(
            words("what did trump say abt putin"),
            ["what", "did", "trump", "say", "about", "putin"]
        );
    }

    #[test]
    fn chat_spellings_of_the_question_word_ask_like_it() {
        let words = norms;
        let expects = |text: &str| Question::parse(text, today()).expects;
        assert_eq!(expects("wat regions does russia want"), AnswerType::Place);
        assert_eq!(expects("wen is the vote"), AnswerType::Date);
        assert_eq!(expects("y did the ferry stop"), AnswerType::Reason);
        assert_eq!(expects("y didn't the ferry run"), AnswerType::Reason);
        assert_eq!(
            expects("hw many regions does putin want"),
            expects("how many regions does putin want")
        );
        assert_eq!(words("when r the talks"), ["when", "are", "the", "talks"]);
        // Elsewhere, or before a name, the same letters are kept.
        assert_eq!(words("wen jiabao"), ["wen", "jiabao"]);
        assert_eq!(
            words("y combinator funding"),
            ["y", "combinator", "funding"]
        );
        assert_eq!(words("who is r kelly"), ["who", "is", "r", "kelly"]);
        assert_eq!(words("Wat Arun"), ["wat", "arun"]);
    }

    #[test]
    fn who_is_and_what_is_give_the_words_to_describe() {
        let words = |text: &str| -> Option<Vec<String>> {
            let q = Question::parse(text, today());
            q.described()
                .map(|r| q.words[r].iter().map(|t| t.norm.clone()).collect())
        };
        assert_eq!(
            words("Who is Dmitry Peskov?"),
            Some(vec!["dmitry".into(), "peskov".into()])
        );
        assert_eq!(words("who's Guterres"), Some(vec!["guterres".into()]));
        assert_eq!(words("whos guterres"), Some(vec!["guterres".into()]));
        assert_eq!(
            words("whats truth social"),
            Some(vec!["truth".into(), "social".into()])
        );
        assert_eq!(
            words("What is the Latin Times?"),
            Some(vec!["latin".into(), "times".into()])
        );
        assert_eq!(words("Who is?"), None);
        assert_eq!(words("What did Lindqvist say?"), None);
        assert_eq!(
            words("who\u{2019}s Guterres"),
            Some(vec!["guterres".into()])
        );
        assert_eq!(words("When is the vote?"), None);
        // Asked for someone's office.
        assert_eq!(
            words("what is mark milley's job"),
            Some(vec!["mark".into(), "milley".into()])
        );
        assert_eq!(
            words("what job does Sara Lind have"),
            Some(vec!["sara".into(), "lind".into()])
        );
        assert_eq!(
            words("what position did she hold"),
            Some(vec!["she".into()])
        );
        assert_eq!(words("what job does the council have for students"), None);
        assert_eq!(words("what is his role"), Some(vec!["his".into()]));
        assert_eq!(words("what is the job"), Some(vec!["job".into()]));
        assert_eq!(
            words("Who was the first European to travel the entire Amazon River?"),
            None
        );
    }

    #[test]
    fn name_grams_follow_capitals() {
        let q = Question::parse("What did the doctor say to Ken Doctor?", today());
        let grams: Vec<String> = q.name_grams().into_iter().map(|g| g.2).collect();
        assert!(grams.contains(&"ken doctor".to_string()));
        assert!(grams.contains(&"doctor".to_string()));
        let lower = Question::parse("what did doctor say", today());
        assert!(lower.name_grams().iter().any(|g| g.2 == "doctor"));
    }

    #[test]
    fn will_and_may_may_be_part_of_a_name() {
        let grams = |text: &str| -> Vec<String> {
            let q = Question::parse(text, today());
            q.name_grams().into_iter().map(|g| g.2).collect()
        };
        assert!(grams("who is will moy").contains(&"will moy".to_string()));
        assert!(grams("what did theresa may say").contains(&"theresa may".to_string()));
        assert!(!grams("what will happen").contains(&"will".to_string()));
    }

    #[test]
    fn us_after_the_or_in_capitals_is_the_country() {
        let grams = |text: &str| -> Vec<String> {
            let q = Question::parse(text, today());
            q.name_grams().into_iter().map(|g| g.2).collect()
        };
        assert!(grams("what tariffs could the us impose").contains(&"us".to_string()));
        assert!(grams("What tariffs could the US impose?").contains(&"us".to_string()));
        assert!(grams("How fast is US growth?").contains(&"us".to_string()));
        assert!(!grams("what did she tell us about the ferry").contains(&"us".to_string()));
    }

    #[test]
    fn odd_questions_do_not_panic() {
        for q in [
            "",
            "?",
            "¿Qué dijo Putin sobre la guerra?",
            "NEAR(\"gas\" exports*",
            "何ですか",
            "in the story about, ?",
        ] {
            let parsed = Question::parse(q, today());
            let _ = parsed.content();
            let _ = parsed.name_grams();
        }
    }
}
