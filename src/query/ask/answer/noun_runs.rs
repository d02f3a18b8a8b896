//! The candidates of a *what* answer: runs of content words, ended by verbs, prepositions and
//! linking words, trimmed of the question's words, split at its verb and joined into lists.

use crate::query::ask::irregular;
use crate::query::ask::lexicon;
use crate::query::ask::words::{self, Token, is_determiner};
use std::collections::HashSet;

use super::dates::is_time_unit;
use super::lists::join_lists_of_runs;
use super::{Parts, Phrase, token_range};

/// A lower-case word that reads as a verb or a participle (`-ed`, `-ing`, `called`, `via`), so
/// no part of a noun phrase's edge.
fn verb_edge(w: &Token) -> bool {
    let n = w.norm.as_str();
    !w.capital
        && (n.len() > 4 && words::participle_like(n)
            || irregular::base_of(n).is_some()
            || matches!(
                n,
                "via" | "known" | "called" | "call" | "calls" | "named" | "dubbed"
            ))
}

/// Words in `-ing` that work as prepositions (`Titan including vast plains`): a noun phrase
/// ends before them.
/// A word that links or hedges a clause (`however`, `often`, `may`): never part of a name,
/// never an answer on its own. `May` with a capital inside a sentence is the month.
fn is_connective(t: &Token) -> bool {
    if t.capital && t.start > 0 && t.norm == "may" {
        return false;
    }
    matches!(
        t.norm.as_str(),
        "however"
            | "although"
            | "though"
            | "sometimes"
            | "often"
            | "since"
            | "later"
            | "instead"
            | "etc"
            | "thus"
            | "therefore"
            | "moreover"
            | "furthermore"
            | "meanwhile"
            | "nevertheless"
            | "nonetheless"
            | "hence"
            | "yet"
            | "still"
            | "may"
            | "might"
            | "must"
            | "usually"
            | "generally"
            | "typically"
            | "particularly"
            | "especially"
            | "finally"
            | "eventually"
            | "initially"
            | "originally"
            | "currently"
            | "recently"
            | "formerly"
            | "previously"
            | "subsequently"
            | "already"
            | "always"
            | "never"
            | "perhaps"
            | "probably"
            | "possibly"
            | "largely"
            | "mostly"
            | "mainly"
            | "primarily"
            | "widely"
            | "actually"
    )
}

/// A preposition the stop words leave out (they carry a topic when asked about: `without`,
/// `among`), while it ends a name all the same (`the Sea of Azov [via] the ballast water`).
/// Those that are also adjectives (`near`, `past`, `outside`) are not listed, nor `per` of
/// units (`people per square mile`); a capital keeps one in a title (`Reducibility Among
/// Combinatorial Problems`).
pub(super) fn is_preposition(t: &Token) -> bool {
    !t.capital
        && matches!(
            t.norm.as_str(),
            "via"
                | "amid"
                | "amidst"
                | "among"
                | "amongst"
                | "despite"
                | "toward"
                | "towards"
                | "upon"
                | "within"
                | "without"
                | "throughout"
                | "beyond"
                | "across"
                | "along"
                | "alongside"
                | "beside"
                | "besides"
                | "except"
                | "unlike"
                | "versus"
                | "onto"
                | "beneath"
        )
}

pub(super) fn is_ing_preposition(w: &str) -> bool {
    matches!(
        w,
        "including"
            | "following"
            | "according"
            | "regarding"
            | "concerning"
            | "excluding"
            | "featuring"
            | "involving"
            | "considering"
    )
}

/// Runs of content words (no stop words, no sentence punctuation inside), the candidates for
/// an untyped *what* answer. `of` joins two runs (`Book of Exodus`, `Citizenship of the EU`).
pub(super) fn noun_runs(s: &Parts<'_>) -> Vec<Phrase> {
    let t = s.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    let breaks = |w: &Token| {
        w.is_stopword() || is_ing_preposition(&w.norm) || is_connective(w) || is_preposition(w)
    };
    while i < t.len() {
        if breaks(&t[i]) && !hyphened(s, i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut verb = false;
        while j < t.len() && j - i < 6 {
            let gap = s.text[t[j - 1].end..t[j].start].trim();
            if !(gap.is_empty() || gap == "-")
                || is_ing_preposition(&t[j].norm)
                || is_connective(&t[j])
                || is_preposition(&t[j])
                || counts_time_after_plural(&t[j - 1], &t[j])
            {
                break;
            }
            // A participle before a noun or `of` describes it (`sequenced genomes`, `made of`);
            // not before a possessive, which opens a phrase of its own (`the rally represented
            // [Indiana's biggest protest]`).
            let ends = t.get(j + 1).is_none_or(|n| {
                n.is_stopword() && n.norm != "of" || words::is_possessive(&s.text[n.start..n.end])
            }) || !s.text[t[j].end..t[j + 1].start].trim().is_empty();
            if gap.is_empty() && ends && verb_after_noun(s.text, &t[j - 1], &t[j]) {
                verb = true;
                break;
            }
            if !t[j].is_stopword() || in_compound(s, j) {
                j += 1;
                continue;
            }
            // `of` or `of the` / `of a` with a content word after: one name.
            let mut k = j + 1;
            if t[j].norm != "of" {
                break;
            }
            if t.get(k)
                .is_some_and(|n| matches!(n.norm.as_str(), "the" | "a" | "an"))
            {
                k += 1;
            }
            let joins = t.get(k).is_some_and(|n| !n.is_stopword())
                && (j + 1..=k).all(|m| s.text[t[m - 1].end..t[m].start].trim().is_empty());
            if !joins {
                break;
            }
            j = k + 1;
        }
        // A verb in the past alone before its object's article (`and [repainted] the hull`)
        // is no name.
        let past_verb = j == i + 1
            && !t[i].capital
            && t.get(j).is_some_and(|n| is_determiner(&n.norm))
            && (irregular::base_of(&t[i].norm).is_some()
                || t[i].norm.len() >= 6 && t[i].norm.ends_with("ed"));
        if !past_verb {
            out.push(Phrase {
                start: t[i].start,
                end: t[j - 1].end,
            });
        }
        // The verb that ended the run belongs to no name.
        i = j + usize::from(verb);
    }
    out
}

/// Token `k` is joined by a hyphen to the word after it: a stop word written into a compound
/// (`all-new`, `Off-Off Campus`) is part of its phrase. Not `so-called`, which introduces a name.
fn hyphened(s: &Parts<'_>, k: usize) -> bool {
    s.tokens.get(k + 1).is_some_and(|n| {
        &s.text[s.tokens[k].end..n.start] == "-"
            && !(s.tokens[k].norm == "so" && n.norm == "called")
    })
}

/// Token `k` is joined by a hyphen to a word on either side.
fn in_compound(s: &Parts<'_>, k: usize) -> bool {
    hyphened(s, k) || k > 0 && hyphened(s, k - 1)
}

/// A unit of time right after a plural noun opens a phrase of its own (`elections in the three
/// districts [months] after the merger`): a plural rarely modifies the noun after it.
fn counts_time_after_plural(before: &Token, unit: &Token) -> bool {
    let plural = !before.capital
        && before.number.is_none()
        && words::ends_as_plural(&before.norm)
        && !is_time_unit(&before.norm);
    plural && !unit.capital && is_time_unit(&unit.norm)
}

/// Whether `w` (lower case) is an adverb made with `-ly` from a word the lexicon knows
/// (`newly`, `happily`, `basically`, `possibly`), not a noun that merely ends so (`rally`,
/// `family`, `assembly`).
fn reads_as_adverb(w: &str) -> bool {
    let Some(stem) = w.strip_suffix("ly") else {
        return false;
    };
    let known = lexicon::is_word;
    known(stem)
        || stem
            .strip_suffix('i')
            .is_some_and(|s| known(&format!("{s}y")))
        || stem.strip_suffix("al").is_some_and(known)
        || known(&format!("{stem}le"))
}

/// Whether `word`, written after `before` at the end of a run of content words, is a verb in the
/// past (`the beauty brand [took] a stake`, `Luther [devised] the`) rather than a word of the
/// name: the run ends before it. After a possessive or an adverb it describes what follows
/// (`Baikal's frozen surface`, `newly elected officials`).
fn verb_after_noun(text: &str, before: &Token, word: &Token) -> bool {
    if word.capital || before.number.is_some() || reads_as_adverb(&before.norm) {
        return false;
    }
    if text[before.start..before.end].contains(['\'', '\u{2019}']) {
        return false;
    }
    let w = word.norm.as_str();
    // In lower case after a noun, `saw`, `rose`, `fell` are the verbs (`police saw the post`).
    if irregular::base_of(w).is_some() || irregular::lower_case_base_of(w).is_some() {
        return true;
    }
    w.len() >= 5 && w.ends_with("ed") && lexicon::bases(w).iter().any(|b| *b != w)
}

/// Candidates for a *what* / *which* answer: the noun runs; each run without the question's
/// words at its edges (`proud history of theatre` → `theatre`), keeping the noun the question
/// asks about at its end (`which mantle` → `convecting mantle`) unless it asks for a kind of it
/// (`what type of radar` → `Synthetic aperture`); and runs joined into a list (`strong and weak
/// forces`, `Choctaw and the Creek`).
pub fn thing_phrases(
    s: &Parts<'_>,
    question_keys: &HashSet<String>,
    focus: &[String],
    asks_kind: bool,
    verb: Option<&str>,
) -> Vec<Phrase> {
    let t = s.tokens;
    let whole = noun_runs(s);
    let split = split_at_verb(s, &whole, verb);
    // The runs as found, and the pieces a verb asked about splits them into.
    let runs: Vec<Phrase> = whole
        .iter()
        .chain(split.iter().filter(|p| !whole.contains(p)))
        .copied()
        .collect();
    let asked =
        |k: usize| t[k].is_stopword() && !in_compound(s, k) || question_keys.contains(&t[k].key);
    let is_focus = |k: usize| focus.contains(&t[k].key);
    let mut out = Vec::new();
    for &p in &runs {
        out.push(p);
        let range = token_range(t, p);
        if asks_kind {
            // The words right before the asked noun, back to the run's start or an `of`.
            for f in range.clone().skip(1).filter(|&f| is_focus(f)) {
                let mut a = f;
                while a > range.start && !t[a - 1].is_stopword() {
                    a -= 1;
                }
                if a < f {
                    out.push(Phrase {
                        start: t[a].start,
                        end: t[f - 1].end,
                    });
                }
            }
        }
        let (mut a, mut b) = (range.start, range.end);
        while a < b && asked(a) {
            a += 1;
        }
        while b > a && asked(b - 1) && !(b - 1 > a && is_focus(b - 1) && !asks_kind) {
            b -= 1;
        }
        if a < b && (a, b) != (range.start, range.end) {
            out.push(Phrase {
                start: t[a].start,
                end: t[b - 1].end,
            });
        }
        // Without a verb the run swept in at an edge (`called [randomized algorithms]`,
        // `[symbols] contained`).
        if a < b {
            let (c, mut d) = (a + usize::from(verb_edge(&t[a])), b);
            if d > c && verb_edge(&t[d - 1]) {
                d -= 1;
            }
            if c < d && (c, d) != (a, b) {
                out.push(Phrase {
                    start: t[c].start,
                    end: t[d - 1].end,
                });
            }
        }
    }
    out.extend(join_lists_of_runs(s.text, &whole));
    if split != whole {
        out.extend(join_lists_of_runs(s.text, &split));
    }
    out
}

/// Runs split where the verb the question asks the object of stands inside them, in lower case
/// and any form (`[400 volunteers spent Saturday] pulling [plastic]` for `what did the volunteers
/// pull`): without a part of speech to tell, a noun run sweeps verbs in.
fn split_at_verb(s: &Parts<'_>, runs: &[Phrase], verb: Option<&str>) -> Vec<Phrase> {
    let Some(verb) = verb else {
        return runs.to_vec();
    };
    let t = s.tokens;
    let mut out = Vec::with_capacity(runs.len());
    for &p in runs {
        let range = token_range(t, p);
        let at = range.clone().find(|&k| {
            // Written as a verb (`pulling`, `pulled`, `took`), with its object after it in the
            // run: the same word as the question's may be a noun (`addition`).
            let verb_form =
                words::participle_like(&t[k].norm) || irregular::base_of(&t[k].norm).is_some();
            !t[k].capital
                && verb_form
                && k + 1 < range.end
                && (t[k].key == verb
                    || words::related(&t[k].key, verb)
                    || irregular::base_of(&t[k].norm).is_some_and(|b| words::stem(b) == verb))
        });
        let Some(at) = at else {
            out.push(p);
            continue;
        };
        for (a, b) in [(range.start, at), (at + 1, range.end)] {
            if a < b {
                out.push(Phrase {
                    start: t[a].start,
                    end: t[b - 1].end,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::answer::test_support::{answer, bare, noun_runs_of};

    #[test]
    fn the_asked_noun_stays_as_the_head() {
        assert_eq!(
            answer(
                "The lithosphere moves over which mantle in the theory of plate tectonics?",
                "Its power lies in combining these observations into a theory of how the lithosphere moves over the convecting mantle.",
                &[]
            )
            .as_deref(),
            Some("convecting mantle")
        );
    }

    #[test]
    fn a_verb_at_a_runs_edge_is_left_out() {
        let text = "Such algorithms are called randomized algorithms here.";
        let tokens = words::tokens(text);
        let parts = bare(text, &tokens);
        let keys: HashSet<String> = HashSet::new();
        let got: Vec<&str> = thing_phrases(&parts, &keys, &[], false, None)
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert!(got.contains(&"called randomized algorithms"), "{got:?}");
        assert!(got.contains(&"randomized algorithms"), "{got:?}");
    }

    #[test]
    fn a_noun_phrase_ends_before_including_and_a_short_past_verb() {
        assert_eq!(
            answer(
                "which moon did scientists map",
                "Scientists mapped the moon Titan including vast plains and dunes.",
                &[]
            )
            .as_deref(),
            Some("Titan")
        );
        let text = "The stock rose after the beauty brand took a stake.";
        let tokens = words::tokens(text);
        let parts = bare(text, &tokens);
        let keys: HashSet<String> = ["beauti".to_string()].into();
        let got: Vec<&str> = thing_phrases(&parts, &keys, &[], false, None)
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert!(got.contains(&"brand"), "{got:?}");
        // A past that is a noun too (`saw`) is the verb in lower case after a noun.
        let text = "Two wardens and the county police saw the smoke.";
        let tokens = words::tokens(text);
        let parts = bare(text, &tokens);
        let got: Vec<&str> = thing_phrases(&parts, &HashSet::new(), &[], false, None)
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert!(got.contains(&"county police"), "{got:?}");
        assert!(!got.iter().any(|p| p.contains("saw")), "{got:?}");
    }

    #[test]
    fn a_kind_is_what_stands_before_the_asked_noun() {
        assert_eq!(
            answer(
                "What type of radar was used to classify trees?",
                "Researchers used a combination of synthetic aperture radar and lidar to classify trees.",
                &[]
            )
            .as_deref(),
            Some("synthetic aperture")
        );
        assert_eq!(
            answer(
                "What type of civil disobedience is larger in scale?",
                "Revolutionary civil disobedience is larger in scale than the other kinds.",
                &[]
            )
            .as_deref(),
            Some("Revolutionary")
        );
    }

    #[test]
    fn noun_runs_end_before_a_verb_in_the_past() {
        let runs = noun_runs_of;
        assert_eq!(
            runs("The beauty brand took a majority stake."),
            ["beauty brand", "majority stake"]
        );
        assert_eq!(runs("Demand surged in October."), ["Demand", "October"]);
        assert_eq!(runs("Output climbed."), ["Output"]);
        assert_eq!(
            runs("The rally represented Indiana’s biggest protest."),
            ["rally", "Indiana’s biggest protest"]
        );
        // Participles that describe what follows stay in the name.
        assert_eq!(
            runs("complete sequenced genomes"),
            ["complete sequenced genomes"]
        );
        assert_eq!(runs("a dome made of cilia"), ["dome made of cilia"]);
        assert_eq!(runs("newly elected officials"), ["newly elected officials"]);
        assert_eq!(runs("happily married couples"), ["happily married couples"]);
        assert_eq!(runs("The family moved to Leeds."), ["family", "Leeds"]);
        assert_eq!(
            runs("a hall of Baikal's frozen."),
            ["hall of Baikal's frozen"]
        );
    }

    #[test]
    fn noun_runs_leave_out_words_that_link_or_hedge() {
        let runs = noun_runs_of(
            "However, ministers often travel via Oslo; the May report was later revised.",
        );
        assert_eq!(
            runs,
            ["ministers", "travel", "Oslo", "May report", "revised"]
        );
    }

    #[test]
    fn noun_runs_join_through_of_the_but_not_the_alone() {
        let runs =
            noun_runs_of("Luther devised the catechism as part of the Citizenship of the EU.");
        assert_eq!(
            runs,
            ["Luther", "catechism", "part of the Citizenship of the EU"]
        );
        let lists = join_lists_of_runs(
            "In Ireland, private schools, banks and the unions",
            &[
                Phrase { start: 3, end: 10 },
                Phrase { start: 12, end: 27 },
                Phrase { start: 29, end: 34 },
                Phrase { start: 43, end: 49 },
            ],
        );
        assert_eq!(lists, [Phrase { start: 3, end: 49 }]);
    }

    #[test]
    fn a_stop_word_inside_a_hyphenated_word_stays_in_its_run() {
        assert_eq!(
            noun_runs_of("They showed an all-new folding tablet."),
            ["all-new folding tablet"]
        );
        assert_eq!(
            noun_runs_of("the comedy troupe Off-Off Campus performed"),
            ["comedy troupe Off-Off Campus"]
        );
        // `so-called` introduces the name that follows.
        assert_eq!(
            noun_runs_of("at the so-called Elbe bend"),
            ["called Elbe bend"]
        );
    }
}
