//! Two numbers read as a pair: a vote's tally (`approved by 31 votes to 12`) or a change from
//! one amount to another (`cut their range from forty loaves to twelve`). Which of the two a
//! question asks for is said by its words: `how many voted against` wants the tally's second
//! number, `how many loaves now` the change's second; the nearest number is the first.

use super::question::Question;
use super::words::Token;

/// What two numbers in a row say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// Votes for, then votes against.
    Tally,
    /// The amount before, then the amount after.
    Change,
}

/// Which number of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    First,
    Second,
}

/// A word that tells a tally from other pairs of numbers: `voted`, `votes`, `ballot`.
fn is_vote_word(w: &Token) -> bool {
    w.norm.starts_with("vote") || w.norm.starts_with("ballot")
}

/// Words joining the two numbers of a tally (`31 to 12`, `31 votes against 12`).
fn joins_tally(w: &Token) -> bool {
    matches!(w.norm.as_str(), "to" | "against")
}

/// Where the second number of a pair starting at number token `i` stands: `N to M`,
/// `N votes to M`, `N loaves to M`. `None` when no number follows that way.
fn second_after(t: &[Token], i: usize) -> Option<(usize, Option<usize>)> {
    let number = |k: usize| t.get(k).is_some_and(|w| w.number.is_some());
    if t.get(i + 1).is_some_and(joins_tally) && number(i + 2) {
        return Some((i + 2, None));
    }
    let noun = t.get(i + 1)?;
    (noun.number.is_none() && t.get(i + 2).is_some_and(joins_tally) && number(i + 3))
        .then_some((i + 3, Some(i + 1)))
}

/// The pair starting at number token `i`, if any, with the index of its second number.
pub fn pair_from(t: &[Token], i: usize) -> Option<(Pair, usize)> {
    t[i].number?;
    let (second, noun) = second_after(t, i)?;
    if i > 0 && t[i - 1].norm == "from" && t[second - 1].norm == "to" {
        return Some((Pair::Change, second));
    }
    let voted = noun.is_some_and(|n| is_vote_word(&t[n]))
        || t[i.saturating_sub(4)..i].iter().any(is_vote_word);
    // `by 31 votes to 12`; without a vote word, `by 31 to 12` after a passive verb.
    let by = i > 0 && t[i - 1].norm == "by" && noun.is_none();
    (voted || by).then_some((Pair::Tally, second))
}

/// Which number of a pair token `i` is, and of which pair.
pub fn place_of(t: &[Token], i: usize) -> Option<(Pair, Place)> {
    if let Some((pair, _)) = pair_from(t, i) {
        return Some((pair, Place::First));
    }
    (i >= 2)
        .then(|| (i.saturating_sub(3)..i - 1).rev())
        .into_iter()
        .flatten()
        .find_map(|k| pair_from(t, k).filter(|&(_, second)| second == i))
        .map(|(pair, _)| (pair, Place::Second))
}

/// Which number of a pair the question asks for, when its words say: against a motion, the
/// second of a tally; now or after a change, the second of a change; at first, the first.
pub fn asked_place(q: &Question, pair: Pair) -> Option<Place> {
    let has = |words: &[&str]| q.words.iter().any(|w| words.contains(&w.norm.as_str()));
    match pair {
        Pair::Tally if has(&["against", "opposed", "oppose", "opposing", "rejected"]) => {
            Some(Place::Second)
        }
        Pair::Tally if has(&["favour", "favor", "supported", "support", "backed"]) => {
            Some(Place::First)
        }
        Pair::Change if has(&["now", "currently", "today", "nowadays", "afterwards"]) => {
            Some(Place::Second)
        }
        Pair::Change
            if has(&[
                "originally",
                "initially",
                "previously",
                "formerly",
                "before",
                "once",
            ]) =>
        {
            Some(Place::First)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::words::tokens;

    fn place(text: &str, word: &str) -> Option<(Pair, Place)> {
        let t = tokens(text);
        let i = t.iter().position(|w| w.norm == word).expect("word in text");
        place_of(&t, i)
    }

    #[test]
    fn a_tally_has_votes_for_then_against() {
        let s = "The plan was approved by 52 votes to 9 on Monday.";
        assert_eq!(place(s, "52"), Some((Pair::Tally, Place::First)));
        assert_eq!(place(s, "9"), Some((Pair::Tally, Place::Second)));
        let s = "Members voted 140 to 3 in favour.";
        assert_eq!(place(s, "3"), Some((Pair::Tally, Place::Second)));
    }

    #[test]
    fn a_change_runs_from_one_amount_to_another() {
        let s = "The school cut its classes from thirty pupils to eighteen last year.";
        assert_eq!(place(s, "thirty"), Some((Pair::Change, Place::First)));
        assert_eq!(place(s, "eighteen"), Some((Pair::Change, Place::Second)));
    }

    #[test]
    fn other_numbers_are_no_pair() {
        // A range of ages is neither a tally nor a change.
        let s = "Children aged 5 to 11 may enter, and 40 teams play.";
        assert_eq!(place(s, "5"), None);
        assert_eq!(place(s, "11"), None);
        assert_eq!(place(s, "40"), None);
    }
}
