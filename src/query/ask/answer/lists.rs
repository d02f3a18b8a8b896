//! Lists: names or noun runs separated only by commas and `and` / `or` joined into one answer
//! (`Donetsk, Luhansk and Kherson`), unless the `and` opens a clause. Shared by the names and
//! the *what* candidates.

use super::Phrase;

/// `Donetsk, Luhansk, Zaporizhzhia and Kherson`: phrases separated only by a comma, `and` or
/// `or` become one.
pub(super) fn join_lists(text: &str, spans: Vec<Phrase>) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = Vec::new();
    for p in spans {
        if let Some(last) = out.last_mut()
            && let Some(gap) = text.get(last.end..p.start)
        {
            let gap = gap.trim();
            let gap = gap.trim_start_matches(',').trim();
            let joined_by_and = matches!(gap, "and" | "or" | "&");
            if matches!(gap, "" | "and" | "or" | "&")
                && !text[last.end..p.start].contains(['.', ';'])
                && !(joined_by_and && opens_a_clause(&text[p.end..]))
            {
                last.end = p.end;
                continue;
            }
        }
        out.push(p);
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
    fn and_before_a_verb_joins_clauses_not_a_list() {
        let text = "Bids went to Harbour Works, and Tidewater is expected to build the wall.";
        let runs = [Phrase { start: 13, end: 26 }, Phrase { start: 32, end: 41 }];
        assert_eq!(&text[runs[1].start..runs[1].end], "Tidewater");
        assert!(join_lists_of_runs(text, &runs).is_empty());
        assert_eq!(
            join_lists(text, runs.to_vec()),
            runs,
            "the two names stay apart"
        );
        let list = "Bids went to Harbour Works and Tidewater on Monday.";
        let runs = [Phrase { start: 13, end: 26 }, Phrase { start: 31, end: 40 }];
        assert_eq!(&list[runs[0].start..runs[0].end], "Harbour Works");
        assert_eq!(&list[runs[1].start..runs[1].end], "Tidewater");
        assert_eq!(
            join_lists(list, runs.to_vec()),
            [Phrase { start: 13, end: 40 }]
        );
    }
}
