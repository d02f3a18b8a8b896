//! Folded entity names: the lookup key that ignores case, accents and punctuation.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, diacritics removed, anything but letters and digits turned into single spaces:
/// `Zelenský`, `ZELENSKY` and `zelensky` fold alike; `Jean-Luc` becomes `jean luc`.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '\u{2019}' {
            space = true;
        }
    }
    join_initials(out)
}

/// `u n` → `un`: runs of single letters are initials (`U.N.`, `U.S.`) and read as one word.
fn join_initials(folded: String) -> String {
    if !folded.split(' ').any(|w| w.chars().count() == 1) {
        return folded;
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let single = |w: &str| w.chars().count() == 1;
    let mut out = String::with_capacity(folded.len());
    for (i, w) in words.iter().enumerate() {
        let joined = i > 0 && single(w) && single(words[i - 1]);
        if i > 0 && !joined {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Volodymyr Zelenský"), "volodymyr zelensky");
        assert_eq!(fold("  ZELENSKY "), "zelensky");
        assert_eq!(fold("Jean-Luc  Mélenchon"), "jean luc melenchon");
        assert_eq!(fold("O'Brien"), "obrien");
        assert_eq!(fold("U.N."), "un");
        assert_eq!(fold("the U.S. Senate"), "the us senate");
        assert_eq!(fold("George W. Bush"), "george w bush");
        assert_eq!(fold("\"*NEAR(:-"), "near");
        assert_eq!(fold(""), "");
    }
}
