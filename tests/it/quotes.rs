//! Quote attribution on the project's seed article (read from `../shared/seeds`, never copied).

use crate::support::shared_or_skip;
use newsdesk::analysis::analyze;

#[test]
fn seed_article_quotes_have_the_right_speakers() {
    let Some(shared) = shared_or_skip("seed_article_quotes_have_the_right_speakers") else {
        return;
    };
    let seeds = shared.join("seeds");
    let Ok(dir) = std::fs::read_dir(&seeds) else {
        eprintln!("skipping: no {}", seeds.display());
        return;
    };
    for entry in dir.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let a = analyze(&text, 3);
        let speaker_of = |q: &newsdesk::analysis::Quote| q.speaker.as_ref().map(|s| s.name.clone());
        let speakers: Vec<String> = a.quotes.iter().filter_map(speaker_of).collect();
        for who in ["Guterres", "Trump", "Hewitt", "Putin"] {
            assert!(
                speakers.iter().any(|s| s.contains(who)),
                "{}: no quote by {who} in {speakers:?}",
                path.display()
            );
        }
        let forever = a.quotes.iter().find(|q| q.span.of(&text) == "forever");
        let forever = forever.and_then(speaker_of).unwrap_or_default();
        assert!(
            forever.contains("Putin"),
            "\"forever\" attributed to {forever:?}"
        );
        // Nothing is attributed to the copyright line.
        let copyright = text.find('©').unwrap_or(text.len());
        assert!(
            a.quotes
                .iter()
                .filter_map(|q| q.speaker.as_ref())
                .all(|s| s.mention.start < copyright),
            "a speaker in the copyright line"
        );
    }
}
