//! Lists: names or noun runs separated only by commas and `and` / `or` joined into one answer
//! (`Donetsk, Luhansk and Kherson`), unless the `and` opens a clause. Shared by the names and
//! the *what* candidates.

use super::noun_runs::noun_runs;
use super::{Parts, Phrase, token_range};
use crate::query::ask::words::Token;

/// `apart from herring, what …` over `The main catches … are herring and [mackerel]`: a
/// list of noun runs naming what the question sets aside holds the answer, its other members.
pub(super) fn beside_set_aside(s: &Parts<'_>, aside: &[String]) -> Option<Phrase> {
    if aside.is_empty() {
        return None;
    }
    let t = s.tokens;
    join_lists_of_runs(s.text, &noun_runs(s))
        .into_iter()
        .filter(|p| {
            token_range(t, *p).any(|k| {
                matches!(t[k].norm.as_str(), "and" | "or") || s.text[t[k].end..].starts_with(',')
            })
        })
        .map(|p| (p, without_set_aside(s.text, t, p, aside)))
        .find(|(p, rest)| rest != p)
        .map(|(_, rest)| rest)
}

/// `apart from herring, what …` over `… are [herring and mackerel]`: a list answer without
/// the members the question sets aside (keys in `aside`), when some are and some are not; the
/// first of those left when they do not stand together.
pub(super) fn without_set_aside(
    text: &str,
    tokens: &[Token],
    p: Phrase,
    aside: &[String],
) -> Phrase {
    let r = token_range(tokens, p);
    // The members: runs of tokens between commas, `and` and `or`.
    let mut members: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = r.start;
    for k in r.clone() {
        let joins = matches!(tokens[k].norm.as_str(), "and" | "or");
        let comma_after = k + 1 < r.end && text[tokens[k].end..tokens[k + 1].start].contains(',');
        if joins {
            if start < k {
                members.push(start..k);
            }
            start = k + 1;
        } else if comma_after {
            members.push(start..k + 1);
            start = k + 1;
        }
    }
    if start < r.end {
        members.push(start..r.end);
    }
    let kept: Vec<&std::ops::Range<usize>> = members
        .iter()
        .filter(|m| !tokens[(*m).clone()].iter().any(|t| aside.contains(&t.key)))
        .collect();
    if kept.is_empty() || kept.len() == members.len() {
        return p;
    }
    let first = members.iter().position(|m| m == kept[0]).unwrap_or(0);
    let together = members[first..first + kept.len()]
        .iter()
        .zip(&kept)
        .all(|(a, b)| a == *b);
    let last = if together {
        kept[kept.len() - 1]
    } else {
        kept[0]
    };
    Phrase {
        start: tokens[kept[0].start].start,
        end: tokens[last.end - 1].end,
    }
}

/// `Donetsk, Luhansk, Zaporizhzhia and Kherson`: phrases separated only by a comma, `and` or
/// `or` become one. Commas alone make a list only when `commas_alone` (places: `Stuttgart,
/// Germany`); between people they set off a name (`the son of Ed Roe, Ian Roe was hurt`).
pub(super) fn join_lists(text: &str, spans: Vec<Phrase>, commas_alone: bool) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = Vec::new();
    let mut spans = spans.into_iter().peekable();
    while let Some(first) = spans.next() {
        // The chain of phrases from `first`, with whether each gap held `and` / `or`.
        let mut chain = vec![(first, false)];
        while let Some(&p) = spans.peek() {
            let last = chain[chain.len() - 1].0;
            let Some(raw) = text.get(last.end..p.start) else {
                break;
            };
            let gap = raw.trim().trim_start_matches(',').trim();
            let joined_by_and = matches!(gap, "and" | "or" | "&");
            if !(gap.is_empty() || joined_by_and)
                || raw.contains(['.', ';'])
                || (joined_by_and && opens_a_clause(&text[p.end..]))
            {
                break;
            }
            chain.push((p, joined_by_and || !raw.contains(',')));
            spans.next();
        }
        // Joined up to the last phrase an `and` (or no comma) reaches; past it, commas alone.
        let reach = if commas_alone {
            chain.len() - 1
        } else {
            chain.iter().rposition(|&(_, and)| and).unwrap_or(0)
        };
        out.push(Phrase {
            start: first.start,
            end: chain[reach].0.end,
        });
        out.extend(chain[reach + 1..].iter().map(|&(p, _)| p));
    }
    out
}

/// Whether `rest` (the text after a phrase) opens with a verb the phrase is the subject of: after
/// `, and NASA is expected to…` the `and` joins two clauses, not the items of a list.
fn opens_a_clause(rest: &str) -> bool {
    let first = rest
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        first,
        "is" | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "said"
            | "says"
            | "did"
            | "does"
    ) && !rest.trim_start().starts_with([',', ';', '.'])
}

/// Runs separated by `,`, `and`, `or` (`A, B and the C`) joined into one list; a chain of commas
/// only is no list (`In Ireland, private schools`).
pub(super) fn join_lists_of_runs(text: &str, runs: &[Phrase]) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        // The last run reached through a gap with `and` / `or`.
        let mut last_and = None;
        let mut end = k;
        while end + 1 < runs.len() {
            let gap = text[runs[end].end..runs[end + 1].start].trim();
            let words = gap.strip_prefix(',').unwrap_or(gap).trim();
            // `and the`, and without a comma `and a` (`tyres and a rusted bicycle`): after a
            // comma, `and a` opens a clause more often than a list's last item.
            let words = match words.strip_suffix("the") {
                Some(w) => w,
                None if gap == words => words
                    .strip_suffix(" a")
                    .or_else(|| words.strip_suffix(" an"))
                    .unwrap_or(words),
                None => words,
            }
            .trim();
            if matches!(words, "and" | "or") {
                if opens_a_clause(&text[runs[end + 1].end..]) {
                    break;
                }
                last_and = Some(end + 1);
            } else if gap != "," {
                break;
            }
            end += 1;
        }
        match last_and {
            Some(e) => {
                out.push(Phrase {
                    start: runs[k].start,
                    end: runs[e].end,
                });
                k = e + 1;
            }
            None => k += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind;
    use crate::query::ask::answer::test_support::answer;

    #[test]
    fn a_list_of_places_is_one_answer() {
        let place = EntityKind::Place;
        let got = answer(
            "Which regions does Putin want before ending the war?",
            "Putin wants Ukraine to give up Donetsk, Luhansk, Zaporizhzhia and Kherson before any ceasefire.",
            &[
                ("Ukraine", place),
                ("Donetsk", place),
                ("Luhansk", place),
                ("Zaporizhzhia", place),
                ("Kherson", place),
            ],
        );
        assert_eq!(
            got.as_deref(),
            Some("Donetsk, Luhansk, Zaporizhzhia and Kherson")
        );
    }

    #[test]
    fn runs_joined_by_and_answer_for_several() {
        assert_eq!(
            answer(
                "Indigenous territories are being destroyed in what two ways?",
                "As indigenous territories continue to be destroyed by deforestation and ecocide, communities disappear.",
                &[]
            )
            .as_deref(),
            Some("deforestation and ecocide")
        );
    }

    #[test]
    fn commas_alone_join_places_not_people() {
        let text = "The son of Ed Roe, Ian Roe was hurt in Leith, Scotland.";
        let at = |w: &str| {
            let start = text.find(w).unwrap();
            Phrase {
                start,
                end: start + w.len(),
            }
        };
        let people = vec![at("Ed Roe"), at("Ian Roe")];
        assert_eq!(join_lists(text, people.clone(), false), people);
        let places = vec![at("Leith"), at("Scotland")];
        assert_eq!(
            join_lists(text, places, true),
            [Phrase {
                start: at("Leith").start,
                end: at("Scotland").end
            }]
        );
    }

    #[test]
    fn and_before_a_verb_joins_clauses_not_a_list() {
        let text = "Bids went to Harbour Works, and Tidewater is expected to build the wall.";
        let runs = [Phrase { start: 13, end: 26 }, Phrase { start: 32, end: 41 }];
        assert_eq!(&text[runs[1].start..runs[1].end], "Tidewater");
        assert!(join_lists_of_runs(text, &runs).is_empty());
        assert_eq!(
            join_lists(text, runs.to_vec(), false),
            runs,
            "the two names stay apart"
        );
        let list = "Bids went to Harbour Works and Tidewater on Monday.";
        let runs = [Phrase { start: 13, end: 26 }, Phrase { start: 31, end: 40 }];
        assert_eq!(&list[runs[0].start..runs[0].end], "Harbour Works");
        assert_eq!(&list[runs[1].start..runs[1].end], "Tidewater");
        assert_eq!(
            join_lists(list, runs.to_vec(), false),
            [Phrase { start: 13, end: 40 }]
        );
    }

    #[test]
    fn a_list_answer_leaves_out_what_the_question_sets_aside() {
        use crate::query::ask::answer::test_support::answers_or_none;
        answers_or_none(&[
            (
                "Besides Norway and Sweden, where else does the reindeer herd graze?",
                "The herd grazes in Norway, Sweden and Finland through the summer.",
                Some("Finland"),
            ),
            (
                "Apart from fishing, what is the other main trade of the island?",
                "The main trades of the island are fishing and wool weaving.",
                Some("wool weaving"),
            ),
            // The list that names what is set aside is where the answer stands.
            (
                "Apart from herring, what is a main catch of the Corran bay?",
                "The main catches in the Corran bay fishery are herring and mackerel.",
                Some("mackerel"),
            ),
            // Nothing set aside: the whole list.
            (
                "Which countries does the reindeer herd graze in?",
                "The herd grazes in Norway, Sweden and Finland through the summer.",
                Some("Norway, Sweden and Finland"),
            ),
        ]);
    }
}
