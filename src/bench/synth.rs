//! A synthetic but realistic news corpus for benchmarks: thousands of distinct people,
//! organisations and places with aliases (surname, acronym, accent-free spelling) and roles,
//! Zipf-distributed popularity and vocabulary, quotes attributed to people, dates spread over
//! two years. Deterministic for a given seed. Articles come with a hand-built [`Analysis`] so the
//! store can be filled without running the analysis, or as HTML pages to measure ingest.

use crate::analysis::{Analysis, Entity, EntityKind, Quote, Span, Speaker};

/// splitmix64: small, fast, deterministic.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Zipf-like sampler over `0..n`: rank r drawn with weight 1/(r+1)^s.
#[derive(Debug, Clone)]
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|r| {
                total += 1.0 / ((r + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative
            .partition_point(|&c| c < x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

const FIRST: &[&str] = &[
    "Anna",
    "Boris",
    "Clara",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hassan",
    "Ingrid",
    "Jonas",
    "Katarina",
    "Luis",
    "Marta",
    "Nikolai",
    "Olga",
    "Pedro",
    "Quentin",
    "Rosa",
    "Stefan",
    "Tamara",
    "Ulrich",
    "Vera",
    "Walter",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Andrés",
    "Björn",
    "Chloé",
    "Dário",
    "Émile",
    "François",
    "Gülşen",
    "Héctor",
    "Iñaki",
    "José",
    "Łukasz",
    "Miloš",
    "Noémie",
    "Zoë",
];
const LAST_A: &[&str] = &[
    "Ber", "Kov", "Mar", "Nov", "Hal", "Dun", "Ros", "Vel", "Sor", "Tal", "Gri", "Lin", "Mor",
    "Pet", "Fal", "Kar", "Ost", "Wen", "Zel", "Bran",
];
const LAST_B: &[&str] = &[
    "enko", "ström", "ova", "ani", "berg", "ez", "ovic", "eau", "ley", "ford", "ski", "elli",
    "mann", "sen", "ard", "ić", "oni", "ova", "uk", "ás",
];
const ROLES: &[&str] = &[
    "energy minister",
    "president",
    "prime minister",
    "spokesperson",
    "chief executive",
    "mayor",
    "opposition leader",
    "central bank governor",
    "union leader",
    "senator",
    "foreign minister",
    "economist",
    "police chief",
    "health minister",
    "party chair",
];
const ORG_KIND: &[&str] = &[
    "Bank",
    "Party",
    "Council",
    "Authority",
    "Union",
    "Institute",
    "Agency",
    "Group",
    "Alliance",
    "Commission",
];
const ORG_TOPIC: &[&str] = &[
    "National",
    "Northern",
    "Green",
    "United",
    "Federal",
    "Coastal",
    "Central",
    "Liberal",
    "Workers",
    "Atlantic",
    "Eastern",
    "Mountain",
    "Digital",
    "Civic",
    "Rural",
    "Harbour",
    "Energy",
    "Grain",
    "Water",
    "Transport",
];
const SYLLABLES: &[&str] = &[
    "va", "lo", "ri", "ten", "mar", "os", "ka", "del", "un", "bra", "sel", "tor", "mi", "an",
    "gor", "pe", "lis", "dun", "ha", "zer",
];
const TOPICS: &[&str] = &[
    "referendum",
    "pipeline",
    "budget",
    "strike",
    "election",
    "tariff",
    "drought",
    "vaccine",
    "ceasefire",
    "merger",
    "harvest",
    "flood",
    "inflation",
    "reactor",
    "bridge",
    "port",
    "subsidy",
    "pension",
    "railway",
    "wildfire",
    "sanctions",
    "summit",
    "lawsuit",
    "protest",
    "dam",
    "refinery",
    "curfew",
    "treaty",
    "audit",
    "census",
];
const VERBS: &[&str] = &[
    "approved",
    "rejected",
    "criticised",
    "defended",
    "postponed",
    "announced",
    "questioned",
    "welcomed",
    "blocked",
    "investigated",
    "backed",
    "delayed",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One synthetic entity.
#[derive(Debug, Clone)]
pub struct SynthEntity {
    pub name: String,
    pub kind: EntityKind,
    /// Short forms used in text (surname, acronym, plain-ASCII spelling).
    pub aliases: Vec<String>,
    pub role: Option<String>,
}

/// The cast and vocabulary a corpus is written with.
#[derive(Debug, Clone)]
pub struct World {
    pub people: Vec<SynthEntity>,
    pub orgs: Vec<SynthEntity>,
    pub places: Vec<SynthEntity>,
    pub words: Vec<String>,
    people_zipf: Zipf,
    orgs_zipf: Zipf,
    places_zipf: Zipf,
    words_zipf: Zipf,
}

fn ascii(s: &str) -> String {
    crate::store::fold(s)
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl World {
    /// Distinct people, organisations and places, and a word list, all from `seed`.
    pub fn new(seed: u64) -> World {
        let mut rng = Rng::new(seed);
        let mut people = Vec::new();
        for f in FIRST {
            for a in LAST_A {
                for b in LAST_B.iter().take(5) {
                    let last = format!("{a}{b}");
                    let name = format!("{f} {last}");
                    let mut aliases = vec![last.clone()];
                    if ascii(&name) != name {
                        aliases.push(ascii(&name));
                    }
                    people.push(SynthEntity {
                        name,
                        kind: EntityKind::Person,
                        aliases,
                        role: Some(rng.pick(ROLES).to_string()),
                    });
                }
            }
        }
        // Shuffle so popularity does not follow the alphabet.
        for i in (1..people.len()).rev() {
            let j = rng.below(i + 1);
            people.swap(i, j);
        }
        let mut orgs = Vec::new();
        for t in ORG_TOPIC {
            for k in ORG_KIND {
                let name = format!("{t} {k}");
                let acronym: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
                orgs.push(SynthEntity {
                    aliases: vec![format!("{acronym}{}", orgs.len() % 7)],
                    name,
                    kind: EntityKind::Organization,
                    role: None,
                });
            }
        }
        let mut places = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while places.len() < 400 {
            let n = 2 + rng.below(2);
            let raw: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
            let mut c = raw.chars();
            let name: String = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            if seen.insert(name.clone()) {
                places.push(SynthEntity {
                    name,
                    kind: EntityKind::Place,
                    aliases: Vec::new(),
                    role: None,
                });
            }
        }
        let mut words = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while words.len() < 4000 {
            let n = 2 + rng.below(3);
            let w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        World {
            people_zipf: Zipf::new(people.len(), 1.0),
            orgs_zipf: Zipf::new(orgs.len(), 0.9),
            places_zipf: Zipf::new(places.len(), 1.0),
            words_zipf: Zipf::new(words.len(), 1.05),
            people,
            orgs,
            places,
            words,
        }
    }

    /// All entities, for picking lookup targets.
    pub fn entities(&self) -> impl Iterator<Item = &SynthEntity> {
        self.people.iter().chain(&self.orgs).chain(&self.places)
    }

    pub fn popular_person(&self, rng: &mut Rng) -> &SynthEntity {
        &self.people[self.people_zipf.sample(rng)]
    }

    pub fn topic(rng: &mut Rng) -> &'static str {
        rng.pick::<&str>(TOPICS)
    }
}

/// A generated article: metadata, text and its analysis.
#[derive(Debug, Clone)]
pub struct SynthArticle {
    pub title: String,
    pub url: String,
    pub site: String,
    pub published: String,
    pub byline: String,
    pub text: String,
    pub analysis: Analysis,
}

impl SynthArticle {
    /// The article as a news web page (for ingest measurements).
    pub fn html(&self) -> String {
        let body: String = self
            .text
            .split('\n')
            .skip(1)
            .map(|p| format!("<p>{}</p>\n", escape(p)))
            .collect();
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t} | {s}</title>\
             <meta property=\"og:title\" content=\"{t}\"><meta property=\"og:site_name\" content=\"{s}\">\
             <meta property=\"article:published_time\" content=\"{d}\"><link rel=\"canonical\" href=\"{u}\">\
             </head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{t}</h1>\
             <p class=\"byline\">By {b}</p>{body}</article><footer>© {s}</footer></body></html>",
            t = escape(&self.title),
            s = escape(&self.site),
            d = self.published,
            u = self.url,
            b = escape(&self.byline),
        )
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Builds the text while recording spans.
struct Writer {
    text: String,
    sentences: Vec<Span>,
    sentence_start: usize,
    /// (entity slot, span)
    mentions: Vec<(usize, Span)>,
    quotes: Vec<(Span, usize, Span)>,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }
    fn mention(&mut self, slot: usize, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        let span = Span::new(start, self.text.len());
        self.mentions.push((slot, span));
        span
    }
    fn end_sentence(&mut self, paragraph_break: bool) {
        self.sentences
            .push(Span::new(self.sentence_start, self.text.len()));
        self.text.push(if paragraph_break { '\n' } else { ' ' });
        self.sentence_start = self.text.len();
    }
}

/// Article number `i` of a corpus (deterministic in `seed` and `i`).
pub fn article<'w>(world: &'w World, seed: u64, i: usize) -> SynthArticle {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let topic = World::topic(&mut rng);
    // The cast: 2-4 people, 1-2 organisations, 1-2 places, distinct.
    let mut cast: Vec<&'w SynthEntity> = Vec::new();
    let add = |e: &str, cast: &mut Vec<&'w SynthEntity>, rng: &mut Rng| {
        let (list, zipf) = match e {
            "p" => (&world.people, &world.people_zipf),
            "o" => (&world.orgs, &world.orgs_zipf),
            _ => (&world.places, &world.places_zipf),
        };
        for _ in 0..5 {
            let cand = &list[zipf.sample(rng)];
            if !cast.iter().any(|c| c.name == cand.name) {
                cast.push(cand);
                return;
            }
        }
    };
    for _ in 0..2 + rng.below(3) {
        add("p", &mut cast, &mut rng);
    }
    for _ in 0..1 + rng.below(2) {
        add("o", &mut cast, &mut rng);
    }
    for _ in 0..1 + rng.below(2) {
        add("l", &mut cast, &mut rng);
    }
    let people: Vec<usize> = (0..cast.len())
        .filter(|&k| cast[k].kind == EntityKind::Person)
        .collect();
    let orgs: Vec<usize> = (0..cast.len())
        .filter(|&k| cast[k].kind == EntityKind::Organization)
        .collect();
    let places: Vec<usize> = (0..cast.len())
        .filter(|&k| cast[k].kind == EntityKind::Place)
        .collect();
    let short = |k: usize| -> &str { cast[k].aliases.first().unwrap_or(&cast[k].name) };
    let word = |rng: &mut Rng| world.words[world.words_zipf.sample(rng)].clone();

    let day = (i * 730 / 100_000) % 730 + rng.below(3);
    let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
        + chrono::Days::new(day as u64);
    let published = date.format("%Y-%m-%d").to_string();

    let lead = people.first().copied().unwrap_or(0);
    let org = orgs.first().copied().unwrap_or(0);
    let place = places.first().copied().unwrap_or(0);
    let mut w = Writer {
        text: String::new(),
        sentences: Vec::new(),
        sentence_start: 0,
        mentions: Vec::new(),
        quotes: Vec::new(),
    };
    // The title line (its mentions are recorded too).
    w.mention(org, &cast[org].name);
    w.push(&format!(
        " {} {topic} {} plan in ",
        rng.pick(VERBS),
        word(&mut rng)
    ));
    w.mention(place, &cast[place].name);
    let title = w.text.clone();
    w.end_sentence(true);

    let n_sent = 10 + rng.below(8);
    for s in 0..n_sent {
        match (s, rng.below(6)) {
            (0, _) => {
                w.push("The ");
                w.mention(org, &cast[org].name);
                w.push(&format!(" {} the {topic} plan in ", rng.pick(VERBS)));
                w.mention(place, &cast[place].name);
                let month = MONTHS[chrono::Datelike::month0(&date) as usize];
                w.push(&format!(" on {} {month}.", chrono::Datelike::day(&date)));
            }
            (1, _) => {
                let role = cast[lead].role.clone().unwrap_or_default();
                w.push(&format!("{} ", capitalise(&role)));
                w.mention(lead, &cast[lead].name);
                w.push(&format!(
                    " said the {topic} would cost {} million and affect {} {}.",
                    10 + rng.below(900),
                    word(&mut rng),
                    word(&mut rng)
                ));
            }
            (_, 0 | 1) if !people.is_empty() => {
                let p = *rng.pick(&people);
                w.push("\u{201c}");
                let qs = w.text.len();
                w.push(&format!(
                    "We will not accept a {topic} that hurts {} {}, and the {} must {}",
                    word(&mut rng),
                    word(&mut rng),
                    word(&mut rng),
                    word(&mut rng)
                ));
                let qe = w.text.len();
                w.push(",\u{201d} said ");
                let sp = w.mention(p, short(p));
                w.push(".");
                w.quotes.push((Span::new(qs, qe), p, sp));
            }
            (_, 2) if !places.is_empty() => {
                let pl = *rng.pick(&places);
                w.push("In ");
                w.mention(pl, &cast[pl].name);
                w.push(&format!(
                    ", residents {} the {} {} because of the {topic} in {}.",
                    rng.pick(VERBS),
                    word(&mut rng),
                    word(&mut rng),
                    2020 + rng.below(6)
                ));
            }
            (_, 3) if !orgs.is_empty() => {
                let o = *rng.pick(&orgs);
                w.mention(o, short(o));
                w.push(&format!(
                    " officials {} the {} {} after talks with ",
                    rng.pick(VERBS),
                    word(&mut rng),
                    word(&mut rng)
                ));
                let p = *rng.pick(&people);
                w.mention(p, short(p));
                w.push(".");
            }
            _ => {
                let a = word(&mut rng);
                let b = word(&mut rng);
                let c = word(&mut rng);
                let d = word(&mut rng);
                w.push(&format!(
                    "{} {a} {b} the {c} of {d} {} {} for the {topic}.",
                    capitalise(&word(&mut rng)),
                    word(&mut rng),
                    word(&mut rng)
                ));
            }
        }
        w.end_sentence(s % 3 == 2);
    }
    let text = w.text.trim_end().to_string();

    // Analysis by hand: one Entity per cast member that was mentioned.
    let mut entities: Vec<Entity> = Vec::new();
    let mut slot_to_entity = vec![None; cast.len()];
    for (k, e) in cast.iter().enumerate() {
        let mentions: Vec<Span> = w
            .mentions
            .iter()
            .filter(|(s, _)| *s == k)
            .map(|(_, sp)| *sp)
            .collect();
        if mentions.is_empty() {
            continue;
        }
        let used: Vec<String> = e
            .aliases
            .iter()
            .filter(|a| mentions.iter().any(|m| m.of(&text) == a.as_str()))
            .cloned()
            .collect();
        slot_to_entity[k] = Some(entities.len());
        entities.push(Entity {
            name: e.name.clone(),
            kind: e.kind,
            aliases: used,
            roles: e.role.iter().cloned().collect(),
            mentions,
        });
    }
    let quotes = w
        .quotes
        .iter()
        .enumerate()
        .map(|(n, (span, slot, sp))| Quote {
            span: *span,
            speaker: Some(Speaker {
                mention: *sp,
                name: cast[*slot].name.clone(),
                entity: slot_to_entity[*slot],
            }),
            score: 1.0 / (n as f32 + 1.0),
        })
        .collect();
    let sentences = w.sentences;
    let summary = (0..sentences.len().min(3)).collect();
    let site = format!(
        "{}.example",
        ["harbourpost", "dailyledger", "northwire", "civicnews"][i % 4]
    );
    SynthArticle {
        url: format!("https://{site}/{}/{topic}-{i}", date.format("%Y/%m")),
        title,
        site,
        published,
        byline: format!("{} {}", rng.pick(FIRST), rng.pick(LAST_A)),
        text,
        analysis: Analysis {
            sentences,
            summary,
            quotes,
            entities,
        },
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_and_spans_fit() {
        let world = World::new(7);
        assert!(world.people.len() > 3000);
        let a = article(&world, 7, 42);
        let b = article(&world, 7, 42);
        assert_eq!(a.text, b.text);
        assert!(a.analysis.sentences.len() >= 10);
        for e in &a.analysis.entities {
            for m in &e.mentions {
                let s = m.of(&a.text);
                assert!(
                    s == e.name || e.aliases.iter().any(|x| x == s),
                    "{s} for {}",
                    e.name
                );
            }
        }
        for q in &a.analysis.quotes {
            assert!(!q.span.of(&a.text).is_empty());
            assert!(q.speaker.as_ref().unwrap().entity.is_some());
        }
        assert!(a.html().contains("<article>"));
    }
}
