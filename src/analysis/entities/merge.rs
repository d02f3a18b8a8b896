//! Merging typed mentions into entities: one entity per thing the article names.
//!
//! People merge by name words (`Putin` is the tail of `Vladimir Putin`), organisations by name,
//! first word or acronym (`NSC` ↔ `National Security Council`), places by canonical key and
//! initials (`US` ↔ `United States`). The fullest surface form becomes the entity's name; roles
//! seen in front of any mention are kept, once each.

use super::classify::Typed;
use super::key::{canonical_key, without_generation};
use super::lexicon::lexicon;
use crate::analysis::{Entity, EntityKind, Span};

struct Group {
    kind: EntityKind,
    /// Canonical words of the fullest name.
    words: Vec<String>,
    name: String,
    /// Whether `name` came from an ALL-CAPS line (a body form is preferred).
    name_shouted: bool,
    aliases: Vec<String>,
    roles: Vec<String>,
    role_keys: Vec<String>,
    mentions: Vec<Span>,
}

/// Initials of a multi-word name, skipping small words: `National Security Council` → `nsc`.
fn initials(words: &[String]) -> Option<String> {
    let sig: Vec<&String> = words
        .iter()
        .filter(|w| {
            !matches!(
                w.as_str(),
                "of" | "and" | "the" | "for" | "de" | "on" | "in"
            )
        })
        .collect();
    (sig.len() >= 2).then(|| sig.iter().filter_map(|w| w.chars().next()).collect())
}

fn mention_words(key: &str) -> Vec<String> {
    key.split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn attaches(g: &Group, kind: EntityKind, words: &[String]) -> bool {
    if g.kind != kind {
        return false;
    }
    if g.words == words {
        return true;
    }
    match kind {
        // `Putin` / `Vladimir Putin`, `Hillary Clinton` / `Hillary Rodham Clinton`.
        EntityKind::Person => {
            let (short, long) = if words.len() <= g.words.len() {
                (words, &g.words[..])
            } else {
                (&g.words[..], words)
            };
            let long = if short.len() < long.len() {
                without_generation(long)
            } else {
                long
            };
            long.ends_with(short)
                || (short.len() >= 2
                    && short.first() == long.first()
                    && short.last() == long.last())
        }
        EntityKind::Organization | EntityKind::Place => {
            let one = |a: &[String], b: &[String]| {
                a.len() == 1 && (initials(b).as_deref() == Some(a[0].as_str()))
            };
            one(words, &g.words)
                || one(&g.words, words)
                || (kind == EntityKind::Organization
                    && words.len() == 1
                    && g.words.len() >= 2
                    && (g.words[0] == words[0] || g.words.last() == Some(&words[0])))
                // `Tidal Power` is `Northern Tidal Power Company`, not an entity of its own.
                || (kind == EntityKind::Organization
                    && words.len() >= 2
                    && g.words.len() > words.len()
                    && g.words.windows(words.len()).any(|w| w == words))
        }
        EntityKind::Other => false,
    }
}

/// The group `words` attaches to; when several do (`de Haan` after `Joris de Haan` and `Mila
/// de Haan`), the one named last before `start`, as a reader takes the short form.
fn nearest_attaching(
    groups: &[Group],
    kind: EntityKind,
    words: &[String],
    start: usize,
) -> Option<usize> {
    let mut fits = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| attaches(g, kind, words));
    let (first, _) = fits.next()?;
    let last_before = |g: &Group| {
        g.mentions
            .iter()
            .map(|m| m.start)
            .filter(|&m| m < start)
            .max()
    };
    let best = std::iter::once((first, &groups[first]))
        .chain(fits)
        .filter_map(|(gi, g)| last_before(g).map(|m| (m, gi)))
        .max()
        .map(|(_, gi)| gi);
    Some(best.unwrap_or(first))
}

/// The one person named in full whose first name `words` is (`LeBron` → `LeBron James`); with
/// two such people the first name alone names neither.
fn first_name_of(groups: &[Group], kind: EntityKind, words: &[String]) -> Option<usize> {
    if kind != EntityKind::Person || words.len() != 1 {
        return None;
    }
    let mut found = groups.iter().enumerate().filter(|(_, g)| {
        g.kind == EntityKind::Person && g.words.len() >= 2 && g.words[0] == words[0]
    });
    let (gi, _) = found.next()?;
    found.next().is_none().then_some(gi)
}

/// `Mr.`, `Mrs`, `Ms`: forms of address, not roles (`Mr. Trump` holds no office called `Mr.`).
fn honorific(role_key: &str) -> bool {
    matches!(
        role_key,
        "mr" | "mrs" | "ms" | "miss" | "mx" | "messrs" | "mme" | "mlle" | "herr" | "frau"
    )
}

pub fn entities(text: &str, typed: &[Typed], shouted: impl Fn(usize) -> bool) -> Vec<Entity> {
    let lex = lexicon();
    let mut groups: Vec<Group> = Vec::new();
    // Longest names first, so short forms find the full one whatever the order in the text.
    let mut order: Vec<usize> = (0..typed.len()).filter(|&i| !typed[i].drop).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(typed[i].cand.last - typed[i].cand.first),
            typed[i].cand.start,
        )
    });
    for i in order {
        let t = &typed[i];
        let surface = text[t.cand.start..t.cand.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let key = canonical_key(&surface);
        let words = mention_words(&key);
        if words.is_empty() {
            continue;
        }
        let span = Span::new(t.cand.start, t.cand.end);
        let loud = shouted(t.cand.sent);
        let gi = match nearest_attaching(&groups, t.kind, &words, span.start)
            .or_else(|| first_name_of(&groups, t.kind, &words))
        {
            Some(gi) => gi,
            None => {
                let mut roles = Vec::new();
                if t.kind == EntityKind::Other
                    && let Some(place) = lex.demonym_place(&surface).filter(|p| !p.is_empty())
                {
                    roles.push(format!("demonym of {place}"));
                }
                groups.push(Group {
                    kind: t.kind,
                    words: words.clone(),
                    name: surface.clone(),
                    name_shouted: loud,
                    aliases: Vec::new(),
                    role_keys: roles.iter().map(|r| canonical_key(r)).collect(),
                    roles,
                    mentions: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[gi];
        if !g.mentions.contains(&span) {
            g.mentions.push(span);
        }
        if words.len() > g.words.len() || (g.name_shouted && !loud && words.len() == g.words.len())
        {
            let old = std::mem::replace(&mut g.name, surface.clone());
            g.words = words;
            g.name_shouted = loud;
            if !g.aliases.contains(&old) {
                g.aliases.push(old);
            }
        } else if surface != g.name && !g.aliases.contains(&surface) {
            g.aliases.push(surface);
        }
        if let Some((a, b)) = t.cand.role {
            let role = text
                .get(a..b)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let rk = canonical_key(&role);
            if !rk.is_empty() && !honorific(&rk) && !g.role_keys.contains(&rk) {
                g.role_keys.push(rk);
                g.roles.push(role);
            }
        }
    }
    let mut out: Vec<Entity> = groups
        .into_iter()
        .map(|mut g| {
            g.mentions.sort();
            let name = g.name;
            g.aliases.retain(|a| *a != name);
            Entity {
                name,
                kind: g.kind,
                aliases: g.aliases,
                roles: g.roles,
                mentions: g.mentions,
            }
        })
        .collect();
    out.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    out
}
