//! Speaker mentions → full names and entities.
//!
//! A name mention takes the entity whose mentions overlap it (`Trump` → `Donald Trump`);
//! without one, an entity or a longer capitalised name in the text with the same last word.
//! A pronoun takes the nearest compatible speaker or person before it. A description keeps
//! its own words.

use std::collections::HashMap;

use super::cues::{self, PronounClass};
use super::phrase::{Mention, MentionKind};
use crate::analysis::{Entity, EntityKind, Span, Speaker};

/// A candidate referent for pronouns: where it was mentioned and who it is.
#[derive(Debug, Clone)]
struct Referent {
    at: usize,
    name: String,
    entity: Option<usize>,
    kind: MentionKind,
    plural: bool,
    org: bool,
}

pub struct Resolver<'a> {
    text: &'a str,
    entities: &'a [Entity],
    /// Capitalised names of two or more words, titles stripped (fallback when no entities).
    long_names: Vec<Span>,
    referents: Vec<Referent>,
    /// Every entity mention as (span, entity), sorted by start, and the longest mention's
    /// length: `name_of` looks only at mentions that can overlap, not at all of them (per call
    /// over all mentions was quadratic in long articles).
    mentions: Vec<(Span, usize)>,
    longest_mention: usize,
    /// Entities by exact name or alias, and persons by the last word of their name.
    by_surface: HashMap<&'a str, Vec<usize>>,
    by_last_word: HashMap<&'a str, Vec<usize>>,
    /// The first long name in the text with a given last word.
    long_by_last_word: HashMap<&'a str, Span>,
}

impl<'a> Resolver<'a> {
    /// `names` are speaker phrases seen anywhere in the narration (cue subjects), used as
    /// referents for pronouns.
    pub fn new(text: &'a str, entities: &'a [Entity], names: &[Mention]) -> Self {
        let long_names = long_names(text);
        let mut mentions: Vec<(Span, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |&s| (s, i)))
            .collect();
        mentions.sort_by_key(|(s, _)| s.start);
        let longest_mention = mentions
            .iter()
            .map(|(s, _)| s.end.saturating_sub(s.start))
            .max();
        let mut by_surface: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_last_word: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                by_surface.entry(n.as_str()).or_default().push(i);
            }
            if e.kind == EntityKind::Person
                && let Some(last) = e.name.rsplit(' ').next()
            {
                by_last_word.entry(last).or_default().push(i);
            }
        }
        let mut long_by_last_word: HashMap<&str, Span> = HashMap::new();
        for &span in &long_names {
            if let Some(last) = span.of(text).rsplit(' ').next() {
                long_by_last_word.entry(last).or_insert(span);
            }
        }
        let mut r = Resolver {
            text,
            entities,
            long_names,
            referents: Vec::new(),
            mentions,
            longest_mention: longest_mention.unwrap_or(0),
            by_surface,
            by_last_word,
            long_by_last_word,
        };
        for (i, e) in entities.iter().enumerate() {
            if matches!(e.kind, EntityKind::Person | EntityKind::Organization) {
                for m in &e.mentions {
                    r.referents.push(Referent {
                        at: m.start,
                        name: e.name.clone(),
                        entity: Some(i),
                        kind: MentionKind::Name,
                        plural: false,
                        org: e.kind == EntityKind::Organization,
                    });
                }
            }
        }
        for &span in &r.long_names {
            let name = span.of(text);
            // A long name that is an entity's name is that entity (quotes then reach it
            // through `he` too).
            let entity = match r.by_surface.get(name).map(Vec::as_slice) {
                Some(&[i]) => Some(i),
                _ => None,
            };
            r.referents.push(Referent {
                at: span.start,
                name: name.to_string(),
                entity,
                kind: MentionKind::Name,
                plural: false,
                org: looks_like_org(name),
            });
        }
        for m in names {
            if m.kind != MentionKind::Pronoun {
                let (name, entity) = r.name_of(m);
                let org = entity.is_some_and(|i| entities[i].kind == EntityKind::Organization);
                let last = m.span.of(text).rsplit(' ').next().unwrap_or("");
                let plural = m.kind == MentionKind::Description
                    && last.ends_with('s')
                    && !last.ends_with("ss");
                r.referents.push(Referent {
                    at: m.span.start,
                    name,
                    entity,
                    kind: m.kind,
                    plural,
                    org,
                });
            }
        }
        r.referents.sort_by_key(|x| x.at);
        r
    }

    /// Full name and entity for a name or description mention.
    fn name_of(&self, m: &Mention) -> (String, Option<usize>) {
        let surface = m.span.of(self.text);
        if m.kind == MentionKind::Description {
            return (surface.to_string(), None);
        }
        // Ties go to the later entity, as `max_by_key` over all entities did.
        let best = |cands: &mut dyn Iterator<Item = usize>,
                    key: &dyn Fn(&Entity) -> (bool, usize)| {
            cands.max_by_key(|&i| (key(&self.entities[i]), i))
        };
        let lo = m.span.start.saturating_sub(self.longest_mention);
        let from = self.mentions.partition_point(|(s, _)| s.start < lo);
        let mut overlapping = self.mentions[from..]
            .iter()
            .take_while(|(s, _)| s.start < m.span.end)
            .filter(|(s, _)| s.overlaps(m.span))
            .map(|&(_, i)| i);
        if let Some(i) = best(&mut overlapping, &|e| {
            (e.kind == EntityKind::Person, e.mentions.len())
        }) {
            return (self.entities[i].name.clone(), Some(i));
        }
        let last = surface.rsplit(' ').next().unwrap_or(surface);
        let mut by_name = [self.by_surface.get(surface), self.by_last_word.get(last)]
            .into_iter()
            .flatten()
            .flatten()
            .copied();
        if let Some(i) = best(&mut by_name, &|e| (false, e.mentions.len())) {
            return (self.entities[i].name.clone(), Some(i));
        }
        if !surface.contains(' ')
            && let Some(n) = self.long_by_last_word.get(surface)
        {
            return (n.of(self.text).to_string(), None);
        }
        (surface.to_string(), None)
    }

    /// Resolve a mention into a [`Speaker`].
    pub fn speaker(&self, m: &Mention) -> Speaker {
        if m.kind != MentionKind::Pronoun {
            let (name, entity) = self.name_of(m);
            return Speaker {
                mention: m.span,
                name,
                entity,
            };
        }
        let surface = m.span.of(self.text);
        let class = cues::pronoun_class(surface);
        let wanted = match surface.to_lowercase().as_str() {
            "he" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            _ => None,
        };
        let fits = |r: &Referent| match class {
            Some(PronounClass::Person) => {
                r.kind == MentionKind::Name
                    && !r.org
                    && (wanted.is_none() || {
                        let g = gender_before(self.text, r.at);
                        g.is_none() || g == wanted
                    })
            }
            Some(PronounClass::Plural) => r.plural || r.org,
            Some(PronounClass::Thing) => r.org || (r.kind == MentionKind::Description && !r.plural),
            Some(PronounClass::Relative) => r.kind != MentionKind::Pronoun,
            _ => false,
        };
        let before = self.referents.partition_point(|r| r.at < m.span.start);
        let found = self.referents[..before].iter().rev().find(|r| fits(r));
        match found {
            Some(r) => Speaker {
                mention: m.span,
                name: r.name.clone(),
                entity: r.entity,
            },
            None => Speaker {
                mention: m.span,
                name: surface.to_string(),
                entity: None,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// Gender signalled by an honorific or role right before a name (`Mrs. Ortiz`,
/// `spokeswoman Ana Lee`, `Chairman Bo Wu`), so `she` skips a man named just before her.
fn gender_before(text: &str, at: usize) -> Option<Gender> {
    let mut from = at.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..at).unwrap_or("");
    let last = before
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase();
    match last.as_str() {
        "mr" | "sir" | "lord" | "king" | "prince" | "father" | "brother" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "sister" => {
            Some(Gender::Female)
        }
        w if w.ends_with("woman") || w.ends_with("women") => Some(Gender::Female),
        w if w.ends_with("man") && w.len() > 5 => Some(Gender::Male),
        _ => None,
    }
}

/// Words that make a capitalised name an organisation or a place rather than a person.
fn looks_like_org(name: &str) -> bool {
    const ORG_WORDS: &[&str] = &[
        "Times",
        "Post",
        "News",
        "Journal",
        "Committee",
        "Department",
        "University",
        "Party",
        "Council",
        "House",
        "Inc",
        "Corp",
        "Company",
        "Group",
        "Agency",
        "Association",
        "Court",
        "Senate",
        "Congress",
        "Campaign",
        "Institute",
        "Foundation",
        "Bank",
        "Network",
        "Press",
        "Office",
        "Ministry",
        "Service",
        "Union",
        "Nations",
        "States",
        "City",
        "County",
        "Street",
        "Center",
        "Centre",
        "Club",
        "Fund",
        "Board",
        "Commission",
        "Social",
        "Media",
    ];
    name.split(' ').any(|w| ORG_WORDS.contains(&w))
}

/// Capitalised runs of two or more words outside titles: `Russian President Vladimir Putin`
/// gives `Vladimir Putin`. Used to expand a bare surname when no entity covers it.
fn long_names(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut run: Vec<Span> = Vec::new();
    let mut flush = |run: &mut Vec<Span>| {
        let start = run
            .iter()
            .rposition(|s| cues::is_title(s.of(text)) || cues::is_function_cap(s.of(text)))
            .map_or(0, |i| i + 1);
        if run.len() - start >= 2 {
            out.push(Span::new(run[start].start, run[run.len() - 1].end));
        }
        run.clear();
    };
    let mut pos = 0;
    for word in text.split_inclusive(|c: char| c.is_whitespace()) {
        let core = word.trim_end();
        let ends_clause = core.ends_with([',', '.', ';', ':', '?', '!', '"', '”', ')']);
        let clean = core.trim_matches(|c: char| !c.is_alphanumeric());
        let lead = core.find(clean).unwrap_or(0);
        let cap = clean.chars().next().is_some_and(char::is_uppercase)
            && clean
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
            && !core.starts_with(['"', '“', '(']);
        if cap && !clean.is_empty() {
            let s = Span::new(pos + lead, pos + lead + clean.len());
            run.push(s);
            if ends_clause {
                flush(&mut run);
            }
        } else {
            flush(&mut run);
        }
        pos += word.len();
    }
    flush(&mut run);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn she_skips_a_man_named_in_between() {
        let t = "Spokeswoman Ana Lee met Chairman Bo Wu. She said: \"No deal.\"";
        let names = [
            Mention {
                span: Span::new(12, 19),
                kind: MentionKind::Name,
                first: 0,
            },
            Mention {
                span: Span::new(33, 38),
                kind: MentionKind::Name,
                first: 0,
            },
        ];
        let r = Resolver::new(t, &[], &names);
        let she = Mention {
            span: Span::new(40, 43),
            kind: MentionKind::Pronoun,
            first: 0,
        };
        assert_eq!(r.speaker(&she).name, "Ana Lee");
    }

    #[test]
    fn long_names_strip_titles() {
        let t = "Russian President Vladimir Putin met Ana Lima, then left.";
        let names: Vec<&str> = long_names(t).iter().map(|s| s.of(t)).collect();
        assert_eq!(names, ["Vladimir Putin", "Ana Lima"]);
    }

    #[test]
    fn surname_takes_the_entity_name() {
        let t = "Donald Trump spoke. Trump said so.";
        let e = Entity {
            name: "Donald Trump".into(),
            kind: EntityKind::Person,
            aliases: vec!["Trump".into()],
            roles: vec![],
            mentions: vec![Span::new(0, 12), Span::new(20, 25)],
        };
        let entities = [e];
        let r = Resolver::new(t, &entities, &[]);
        let m = Mention {
            span: Span::new(20, 25),
            kind: MentionKind::Name,
            first: 0,
        };
        let s = r.speaker(&m);
        assert_eq!((s.name.as_str(), s.entity), ("Donald Trump", Some(0)));
    }

    #[test]
    fn he_after_a_titled_name_is_that_entity() {
        // `Fishing captain Jonas Ek` is also a long name starting where the entity does.
        let t = "Fishing captain Jonas Ek spoke. He said so.";
        let e = Entity {
            name: "Jonas Ek".into(),
            kind: EntityKind::Person,
            aliases: vec!["Ek".into()],
            roles: vec![],
            mentions: vec![Span::new(16, 24)],
        };
        let entities = [e];
        let r = Resolver::new(t, &entities, &[]);
        let m = Mention {
            span: Span::new(32, 34),
            kind: MentionKind::Pronoun,
            first: 0,
        };
        let s = r.speaker(&m);
        assert_eq!((s.name.as_str(), s.entity), ("Jonas Ek", Some(0)));
    }
}
