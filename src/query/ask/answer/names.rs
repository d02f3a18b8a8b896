//! Names of the kind asked for: the analysis's mentions, runs of capitals it missed, and the
//! phrases that read as no one (a title, an office, a lone verb or a time).

use crate::analysis::EntityKind;
use crate::query::ask::words;

use super::dates::names_a_time;
use super::lists::join_lists;
use super::{Parts, Phrase, token_range};

/// Whether the phrase at `p` holds only titles (`Rep.`, `CEO`): who holds one is the answer.
pub(super) fn only_titles(s: &Parts<'_>, p: Phrase) -> bool {
    s.tokens
        .iter()
        .filter(|t| t.start >= p.start && t.end <= p.end && !t.is_stopword())
        .all(|t| crate::analysis::entities::is_title_word(t.norm.trim_end_matches('.')))
}

/// Whether the phrase at `p` is one word that reads as a verb (`suffered`) or says nothing
/// (`time`, `way`), or only words of time (`Tuesday afternoon`): none answers *who* or *where*.
pub(super) fn lone_verb_or_time(s: &Parts<'_>, p: Phrase) -> bool {
    let tokens = &s.tokens[token_range(s.tokens, p)];
    if let [word] = tokens
        && (words::participle_like(&word.norm)
            || word.norm.ends_with("ly")
            || matches!(
                word.norm.as_str(),
                "time" | "way" | "thing" | "things" | "lot"
            ))
    {
        return true;
    }
    let mut content = tokens.iter().filter(|t| !t.is_stopword()).peekable();
    content.peek().is_some() && content.all(|t| names_a_time(&t.norm))
}

/// Mentions of the kinds wanted, lists of them (`A, B and C`) joined into one phrase; with no
/// such mention, runs of capitalised words when `fallback`.
pub(super) fn by_kind(s: &Parts<'_>, kinds: &[EntityKind], fallback: bool) -> Vec<Phrase> {
    let mut spans: Vec<Phrase> = s
        .mentions
        .iter()
        .filter(|m| kinds.contains(&m.kind) && m.end <= s.text.len() && m.start < m.end)
        .map(|m| Phrase {
            start: m.start,
            end: m.end,
        })
        .collect();
    spans.sort_by_key(|p| p.start);
    spans.dedup_by(|b, a| b.start < a.end);
    if spans.is_empty() && fallback {
        // A name known as a place answers no *who*, a person no *where*.
        let other = |kind: EntityKind| match kind {
            EntityKind::Place => !kinds.contains(&EntityKind::Place),
            EntityKind::Person => kinds == [EntityKind::Place],
            EntityKind::Organization | EntityKind::Other => false,
        };
        let person = kinds.contains(&EntityKind::Person);
        spans = capital_runs(s)
            .into_iter()
            .filter(|r| {
                let overlaps_other = s
                    .mentions
                    .iter()
                    .any(|m| other(m.kind) && m.start < r.end && r.start < m.end);
                let office = person && names_a_role(s.text, *r);
                let speaker = kinds == [EntityKind::Place] && speaks(s, *r);
                !(overlaps_other || office || speaker)
            })
            .collect();
        // With no person in the sentence, an organisation the analysis knows answers a *who*
        // (`[Bloomberg] reported …`), even where it opens the sentence.
        if person {
            spans.extend(
                s.mentions
                    .iter()
                    .filter(|m| m.kind == EntityKind::Organization && m.start < m.end)
                    .filter(|m| !spans.iter().any(|r| m.start < r.end && r.start < m.end))
                    .map(|m| Phrase {
                        start: m.start,
                        end: m.end,
                    })
                    .collect::<Vec<_>>(),
            );
            spans.sort_by_key(|p| p.start);
        }
    }
    join_lists(s.text, spans, kinds.contains(&EntityKind::Place))
}

/// `[Kan] reported`, `[Tanjug] said`: the run is who spoke, no place.
fn speaks(s: &Parts<'_>, p: Phrase) -> bool {
    let at = s.tokens.partition_point(|w| w.start < p.end);
    s.tokens.get(at).is_some_and(|w| {
        words::is_saying_verb(&w.norm) || matches!(w.norm.as_str(), "reported" | "reports")
    })
}

/// `[Harlow County] police`, `[Ministry] officials`, `the [Danish] government`: a name followed by the body that acts for it
/// answers a *who* together with it; the name alone is a place or a building.
pub(super) fn with_body(s: &Parts<'_>, p: Phrase) -> Phrase {
    const BODIES: &[&str] = &[
        "police",
        "security",
        "officials",
        "authorities",
        "officers",
        "troops",
        "forces",
        "soldiers",
        "prosecutors",
        "investigators",
        "lawmakers",
        "regulators",
        "firefighters",
        "voters",
        "supporters",
        "residents",
        "workers",
        "protesters",
        "leaders",
        "diplomats",
        "negotiators",
        "militants",
        "rebels",
        "fans",
        "students",
        "government",
        "administration",
        "regime",
        "army",
        "military",
        "navy",
        "embassy",
        "delegation",
        "cabinet",
    ];
    let t = s.tokens;
    let at = t.partition_point(|w| w.start < p.end);
    match t.get(at) {
        Some(w)
            if !w.capital
                && BODIES.contains(&w.norm.as_str())
                && s.text[p.end..w.start].trim().is_empty() =>
        {
            Phrase {
                start: p.start,
                end: w.end,
            }
        }
        _ => p,
    }
}

/// Whether the capitals at `r` name someone's office rather than the one who holds it: an
/// owner and a title (`Salesforce's CEO`, `Germany's Chancellor`), which answers no *who*.
fn names_a_role(text: &str, r: Phrase) -> bool {
    let inside = &text[r.start..r.end];
    let Some((owner, title)) = inside
        .split_once("'s ")
        .or_else(|| inside.split_once("\u{2019}s "))
    else {
        return false;
    };
    !owner.is_empty()
        && !title.is_empty()
        && title
            .split_whitespace()
            .all(|w| crate::analysis::entities::is_title_word(&w.to_lowercase()))
}

/// Whether a sentence is a headline in title case (`Council Says Ferry Will Run On Sundays`): nearly
/// every word has a capital, so a run of capitals there marks no name.
pub(super) fn title_case(t: &[words::Token]) -> bool {
    let content: Vec<&words::Token> = t
        .iter()
        .filter(|w| !w.is_stopword() && w.number.is_none())
        .collect();
    let capitals = content.iter().filter(|w| w.capital).count();
    // A list of names is capitals too; a headline also capitalises its small words (`Will`,
    // `To`, `On`), which a name keeps in lower case (`Duchy of the Lowlands`).
    let small_capitals = t.iter().skip(1).any(|w| w.is_stopword() && w.capital);
    small_capitals && content.len() >= 4 && capitals * 5 >= content.len() * 4
}

/// Runs of capitalised words (a name the recogniser did not know), not at the sentence start
/// unless the run is longer than one word.
fn capital_runs(s: &Parts<'_>) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = 0;
    let t = s.tokens;
    if title_case(t) {
        return out;
    }
    while i < t.len() {
        if !t[i].capital || t[i].is_stopword() || t[i].number.is_some() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < t.len() {
            let gap = &s.text[t[j - 1].end..t[j].start];
            let joins = gap.trim().is_empty() || gap.trim() == "-";
            let connector = matches!(
                t[j].norm.as_str(),
                "of" | "de" | "von" | "van" | "al" | "the"
            ) && t.get(j + 1).is_some_and(|n| n.capital);
            if joins && (t[j].capital || connector) {
                j += 1;
            } else {
                break;
            }
        }
        // `Tuesday`, `March` alone are times, not names; nor is `Late Saturday` opening a
        // sentence.
        let a_time = t[i..j].iter().any(|w| names_a_time(&w.norm))
            && t[i..j].iter().all(|w| {
                names_a_time(&w.norm) || matches!(w.norm.as_str(), "late" | "early" | "mid")
            });
        // `a good [Samaritan]`, `an [American]`: after `a`, a capital marks a kind, no name;
        // an office excepted (`elects a [First Minister]`).
        let office = t[i..j]
            .iter()
            .any(|w| crate::analysis::entities::is_title_word(&w.norm));
        let kind = !office
            && ((i >= 1 && matches!(t[i - 1].norm.as_str(), "a" | "an"))
                || (i >= 2
                    && matches!(t[i - 2].norm.as_str(), "a" | "an")
                    && !t[i - 1].capital
                    && !t[i - 1].is_stopword()));
        if (i > 0 || j - i > 1) && !a_time && !kind {
            out.push(Phrase {
                start: t[i].start,
                end: t[j - 1].end,
            });
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::answer::test_support::{answer, bare};

    #[test]
    fn an_organisation_answers_who_when_no_person_does() {
        let sued = "Greenpeace sued the port authority on Monday.";
        let orgs = [
            ("Greenpeace", EntityKind::Organization),
            ("port authority", EntityKind::Organization),
        ];
        assert_eq!(
            answer("who sued the port authority", sued, &orgs).as_deref(),
            Some("Greenpeace")
        );
        // A person in the sentence is still the answer to a *who*.
        assert_eq!(
            answer(
                "who resigned",
                "The Harbour Times said that Ana Ruiz resigned.",
                &[
                    ("Harbour Times", EntityKind::Organization),
                    ("Ana Ruiz", EntityKind::Person)
                ]
            )
            .as_deref(),
            Some("Ana Ruiz")
        );
    }

    #[test]
    fn a_place_answers_no_who() {
        assert_eq!(
            answer(
                "who is investigating the company",
                "The Harbour City state attorney general is investigating the company.",
                &[("Harbour City", EntityKind::Place)]
            )
            .as_deref(),
            Some("Harbour City state attorney general"),
            "the doer, not the place alone"
        );
    }

    #[test]
    fn who_is_not_answered_by_a_day_or_a_lone_verb() {
        let omar = ("Ilhan Omar", EntityKind::Person);
        let got = answer(
            "who threatened ilhan omar",
            "A man admitted threatening Rep. Ilhan Omar in March.",
            &[omar],
        );
        assert_eq!(got, None, "a title is not who holds it");
        assert_eq!(
            answer(
                "who was stabbed on the ferry",
                "The fight broke out Tuesday afternoon on a ferry pulling into the harbour.",
                &[]
            ),
            None
        );
        assert_eq!(
            answer(
                "who did the rebels get in exchange for the hostages",
                "The council welcomed the exchange, saying the hostages had suffered from their ordeal.",
                &[]
            )
            .as_deref(),
            Some("council"),
            "the noun in the sentence, not the verb `suffered`"
        );
        assert_eq!(
            answer(
                "who runs the design team",
                "That was a time when the design team decided to fix a few things.",
                &[]
            ),
            None
        );
    }

    #[test]
    fn a_name_and_the_body_acting_for_it_answer_who_together() {
        let county = ("Harlow County", EntityKind::Place);
        assert_eq!(
            answer(
                "who closed the bridge",
                "Harlow County police closed the bridge after the storm.",
                &[county]
            )
            .as_deref(),
            Some("Harlow County police"),
        );
        let mayor = ("Ines Calder", EntityKind::Person);
        assert_eq!(
            answer(
                "who closed the bridge",
                "Ines Calder closed the bridge, police said.",
                &[mayor]
            )
            .as_deref(),
            Some("Ines Calder"),
        );
        let danish = ("Danish", EntityKind::Other);
        assert_eq!(
            answer(
                "who funds the channel",
                "The channel is funded by the Danish government.",
                &[danish]
            )
            .as_deref(),
            Some("Danish government"),
        );
    }

    #[test]
    fn a_headline_in_title_case_holds_no_name_by_its_capitals() {
        assert_eq!(
            answer(
                "where is the new ferry terminal",
                "Council Says New Ferry Terminal Will Open Next Spring",
                &[]
            ),
            None
        );
    }

    #[test]
    fn a_time_opening_the_sentence_is_no_place() {
        assert_eq!(
            answer(
                "where did the two friends cycle",
                "Early Sunday morning, the two friends cycled through the Northgate district.",
                &[]
            )
            .as_deref(),
            Some("Northgate"),
        );
    }

    #[test]
    fn an_owner_and_a_title_name_an_office_not_a_person() {
        let role = |text: &str| {
            names_a_role(
                text,
                Phrase {
                    start: 0,
                    end: text.len(),
                },
            )
        };
        assert!(role("Salesforce's CEO"));
        assert!(role("Germany\u{2019}s Chancellor"));
        assert!(!role("Tim Cook"));
        assert!(!role("Luther's Small Catechism"));
        assert!(!role("CEO"));
        // Without a name of a person, the capitals that stand in for one skip the office.
        let text = "Nordbank's CEO praised Ole Dahl, whom the board chose.";
        let tokens = words::tokens(text);
        let parts = bare(text, &tokens);
        let names: Vec<&str> = by_kind(&parts, &[EntityKind::Person], true)
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(names, ["Ole Dahl"]);
    }
}
