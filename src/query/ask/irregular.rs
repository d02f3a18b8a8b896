//! Irregular English verbs, so that a question's `speak` finds a sentence's `spoke` (a stemmer
//! only strips suffixes). Forms that are mostly other words (`left`, `found`, `saw`, `rose`,
//! `felt`, `fell`, `bore`, `ground`, `wound`, `bound`, `lead`) are left out: joining them would
//! match more wrongly than rightly.

/// Base form, past tense, past participle.
pub(super) const VERBS: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("awake", "awoke", "awoken"),
    ("be", "was", "been"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("bet", "bet", "bet"),
    ("bid", "bid", "bid"),
    ("bite", "bit", "bitten"),
    ("bleed", "bled", "bled"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("breed", "bred", "bred"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("burn", "burnt", "burnt"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("cling", "clung", "clung"),
    ("come", "came", "come"),
    ("creep", "crept", "crept"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("dream", "dreamt", "dreamt"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("feed", "fed", "fed"),
    ("fight", "fought", "fought"),
    ("flee", "fled", "fled"),
    ("fling", "flung", "flung"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forecast", "forecast", "forecast"),
    ("foresee", "foresaw", "foreseen"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("kneel", "knelt", "knelt"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lend", "lent", "lent"),
    ("light", "lit", "lit"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("overcome", "overcame", "overcome"),
    ("overtake", "overtook", "overtaken"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("prove", "proved", "proven"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "risen", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "seen", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("shake", "shook", "shaken"),
    ("shine", "shone", "shone"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("shrink", "shrank", "shrunk"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("slide", "slid", "slid"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("spin", "spun", "spun"),
    ("spread", "spread", "spread"),
    ("spring", "sprang", "sprung"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("sting", "stung", "stung"),
    ("strike", "struck", "struck"),
    ("strive", "strove", "striven"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("swim", "swam", "swum"),
    ("swing", "swung", "swung"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undergo", "underwent", "undergone"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("weave", "wove", "woven"),
    ("weep", "wept", "wept"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("write", "wrote", "written"),
];

/// Pasts that are mostly other words when capitalised (`Rose`, a name) but the verb in lower
/// case in running text (`sales rose`, `the year saw`, `shares fell`, `he led`): joined to their
/// base only as written in lower case.
pub(super) const LOWER_CASE_PASTS: &[(&str, &str)] = &[
    ("rose", "rise"),
    ("saw", "see"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("led", "lead"),
];

/// The base form of a past that is the verb only in lower case (`rose` → `rise`).
pub fn lower_case_base_of(word: &str) -> Option<&'static str> {
    LOWER_CASE_PASTS
        .iter()
        .find(|(past, _)| *past == word)
        .map(|&(_, base)| base)
}

/// The base form of an irregular past or participle (`spoke` → `speak`), if `word` is one.
pub fn base_of(word: &str) -> Option<&'static str> {
    // Forms that are not the base form's own spelling; a short list, scanned.
    VERBS
        .iter()
        .find(|(base, past, part)| (word == *past || word == *part) && word != *base)
        .map(|v| v.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasts_and_participles_lead_to_their_base() {
        assert_eq!(base_of("spoke"), Some("speak"));
        assert_eq!(base_of("written"), Some("write"));
        assert_eq!(base_of("won"), Some("win"));
        assert_eq!(base_of("speak"), None);
        // `become` is both base and participle: it is its own base.
        assert_eq!(base_of("become"), None);
        assert_eq!(base_of("left"), None);
    }

    #[test]
    fn every_verb_is_listed_once() {
        let mut bases: Vec<&str> = VERBS.iter().map(|v| v.0).collect();
        bases.sort_unstable();
        let n = bases.len();
        bases.dedup();
        assert_eq!(bases.len(), n);
    }
}
