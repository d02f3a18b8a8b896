//! The read paths on a real SQLite file: ask, entity, quotes, articles, forget, summary.
//!
//! Most articles are stored with a hand-built analysis so entities and quotes are exactly what
//! the test says, whatever the analysis stages currently find; a few go through `ingest`.

use newsdesk::analysis::{self, Analysis, Entity, EntityKind, Quote, Span, Speaker};
use newsdesk::ingest::Source;
use newsdesk::model::{ArticleId, Scope};
use newsdesk::query::{EntityLookup, Page};
use newsdesk::store::NewArticle;
use newsdesk::{Error, Newsdesk};

/// An entity as the test wants it stored: every occurrence of `forms` in the text is a mention.
pub(crate) struct E<'a> {
    name: &'a str,
    kind: EntityKind,
    forms: &'a [&'a str],
    roles: &'a [&'a str],
}

pub(crate) fn person<'a>(name: &'a str, forms: &'a [&'a str], roles: &'a [&'a str]) -> E<'a> {
    E {
        name,
        kind: EntityKind::Person,
        forms,
        roles,
    }
}

fn thing<'a>(name: &'a str, kind: EntityKind, forms: &'a [&'a str]) -> E<'a> {
    E {
        name,
        kind,
        forms,
        roles: &[],
    }
}

/// Spans of `form` in `text`, skipping those inside an already taken span.
fn occurrences(text: &str, form: &str, taken: &[Span]) -> Vec<Span> {
    text.match_indices(form)
        .map(|(i, f)| Span::new(i, i + f.len()))
        .filter(|s| !taken.iter().any(|t| t.overlaps(*s)))
        .collect()
}

/// Store `text` in `scope` with exactly these entities and quotes (`(words, speaker name)`; the
/// speaker's mention is the first of its forms after the quote). An empty `published` stores an
/// article without a date (ingested 2026-01-01).
pub(crate) async fn store(
    desk: &Newsdesk,
    scope: Scope,
    published: &str,
    text: &str,
    entities: &[E<'_>],
    quotes: &[(&str, &str)],
) -> ArticleId {
    let sentences = analysis::sentences::split(text);
    let mut taken: Vec<Span> = Vec::new();
    let mut built = Vec::new();
    for e in entities {
        let mut forms: Vec<&str> = std::iter::once(e.name)
            .chain(e.forms.iter().copied())
            .collect();
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let mut mentions = Vec::new();
        for f in &forms {
            let found = occurrences(text, f, &taken);
            taken.extend(&found);
            mentions.extend(found);
        }
        mentions.sort();
        built.push(Entity {
            name: e.name.to_string(),
            kind: e.kind,
            aliases: e.forms.iter().map(|s| s.to_string()).collect(),
            roles: e.roles.iter().map(|s| s.to_string()).collect(),
            mentions,
        });
    }
    let quotes = quotes
        .iter()
        .enumerate()
        .map(|(n, (words, speaker))| {
            let start = text.find(words).expect("quote in text");
            let span = Span::new(start, start + words.len());
            let entity = entities.iter().position(|e| e.name == *speaker);
            let mention = entity
                .and_then(|k| {
                    built[k]
                        .mentions
                        .iter()
                        .find(|m| m.start >= span.end)
                        .copied()
                })
                .unwrap_or(span);
            Quote {
                span,
                speaker: Some(Speaker {
                    mention,
                    name: speaker.to_string(),
                    entity,
                }),
                score: 1.0 - n as f32 * 0.1,
            }
        })
        .collect();
    let summary = (0..sentences.len().min(2)).collect();
    let analysis = Analysis {
        sentences,
        summary,
        quotes,
        entities: built,
    };
    let title = text.lines().next().unwrap_or("");
    let hash = newsdesk::ingest::content_hash(text);
    let url = format!("https://news.example/{hash}");
    let new = NewArticle {
        scope,
        url: Some(&url),
        content_hash: &hash,
        title: Some(title),
        byline: None,
        published: Some(published).filter(|p| !p.is_empty()),
        site: Some("news.example"),
        language: Some("en"),
        text,
        summary_size: 2,
        ingested_at: "2026-01-01T00:00:00Z",
    };
    desk.store()
        .insert_article(&new, &analysis)
        .await
        .expect("insert")
}

const GAS: &str = "Gas deal talks resume\n\
    Vladimir Putin met energy ministers in Sochi on Monday. \
    \"Gas exports to the south will resume in March,\" Putin said. \
    The Kremlin confirmed the meeting.";

const SUMMIT: &str = "Summit ends without agreement\n\
    Leaders left the summit in Geneva without a deal. \
    Putin said gas exports would depend on the price cap. \
    \"We are ready to talk,\" said Volodymyr Zelenský. \
    Zelensky also asked for more air defence.";

async fn two_articles(desk: &Newsdesk, scope: Scope) -> (ArticleId, ArticleId) {
    let putin_roles: &[&str] = &["Russian president"];
    let a = store(
        desk,
        scope,
        "2025-03-01",
        GAS,
        &[
            person("Vladimir Putin", &["Putin"], putin_roles),
            thing("Sochi", EntityKind::Place, &[]),
            thing("Kremlin", EntityKind::Organization, &[]),
        ],
        &[(
            "Gas exports to the south will resume in March,",
            "Vladimir Putin",
        )],
    )
    .await;
    let b = store(
        desk,
        scope,
        "2025-03-05",
        SUMMIT,
        &[
            // This article only ever says "Putin": identity comes from the canonical name.
            person("Vladimir Putin", &["Putin"], &[]),
            person(
                "Volodymyr Zelenský",
                &["Zelensky"],
                &["Ukrainian president"],
            ),
            thing("Geneva", EntityKind::Place, &[]),
        ],
        &[("We are ready to talk,", "Volodymyr Zelenský")],
    )
    .await;
    (a, b)
}

fn found(lookup: EntityLookup) -> Box<newsdesk::query::EntityProfile> {
    match lookup {
        EntityLookup::Found { profile } => profile,
        other => panic!("expected a profile, got {other:?}"),
    }
}

async fn count(desk: &Newsdesk, sql: &str) -> i64 {
    crate::support::scalar(desk.store(), sql).await
}

#[tokio::test]
async fn entities_resolve_by_any_alias_case_accents_and_typos() {
    for db in crate::support::engines().await {
        db.announce("entities_resolve_by_any_alias_case_accents_and_typos");
        let desk = db.desk().await;
        let (a, b) = two_articles(&desk, Scope::Local).await;

        let p = found(desk.entity(Scope::Local, "Putin").await.unwrap());
        assert_eq!(p.name, "Vladimir Putin");
        assert_eq!(p.kind, EntityKind::Person);
        assert_eq!(p.articles, 2);
        assert_eq!(p.mentions, 3);
        assert_eq!(p.aliases, ["Putin"]);
        assert_eq!(p.roles, ["Russian president"]);
        assert!(p.matched_from.is_none());
        assert_eq!(p.quotes.len(), 1);
        assert_eq!(p.quotes[0].article.id, a);
        assert_eq!(p.latest[0].article.id, b, "newest article first");
        assert!(p.latest[0].sentence.contains("Putin said gas exports"));
        let related: Vec<&str> = p.related.iter().map(|r| r.name.as_str()).collect();
        for name in ["Sochi", "Kremlin", "Volodymyr Zelenský", "Geneva"] {
            assert!(related.contains(&name), "{name} in {related:?}");
        }

        for typed in ["PUTIN", "vladimir putin", "  Vladimir   Putin "] {
            assert_eq!(
                found(desk.entity(Scope::Local, typed).await.unwrap()).name,
                "Vladimir Putin"
            );
        }
        let z = found(desk.entity(Scope::Local, "zelensky").await.unwrap());
        assert_eq!(z.name, "Volodymyr Zelenský");
        let z = found(
            desk.entity(Scope::Local, "Volodymyr Zelensky")
                .await
                .unwrap(),
        );
        assert_eq!(z.name, "Volodymyr Zelenský");

        let typo = found(desk.entity(Scope::Local, "Vladmir Puttin").await.unwrap());
        assert_eq!(typo.name, "Vladimir Putin");
        assert_eq!(typo.matched_from.as_deref(), Some("Vladmir Puttin"));

        match desk.entity(Scope::Local, "Merkel").await.unwrap() {
            EntityLookup::Unknown { suggestions } => assert!(suggestions.is_empty()),
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn name_suggestions_match_any_alias_inside_the_scope_most_mentioned_first() {
    use newsdesk::query::suggest::NameFilter;
    for db in crate::support::engines().await {
        db.announce("name_suggestions_match_any_alias_inside_the_scope_most_mentioned_first");
        let desk = db.desk().await;
        two_articles(&desk, Scope::Local).await;
        two_articles(&desk, Scope::Guild(7)).await;
        store(
            &desk,
            Scope::Guild(9),
            "2025-03-09",
            "Other server\nPutinov opened a bakery in Sochi.",
            &[person("Ivan Putinov", &["Putinov"], &[])],
            &[],
        )
        .await;
        let suggest = |scope, typed: &'static str, filter| {
            let desk = desk.clone();
            async move { desk.suggest_names(scope, typed, filter, 25).await.unwrap() }
        };
        // A prefix of the name, of an alias, of a later word; case and accents ignored.
        assert_eq!(
            suggest(Scope::Local, "vlad", NameFilter::All).await,
            ["Vladimir Putin"]
        );
        assert_eq!(
            suggest(Scope::Local, "PUT", NameFilter::All).await,
            ["Vladimir Putin"]
        );
        assert_eq!(
            suggest(Scope::Local, "zelenský", NameFilter::All).await,
            ["Volodymyr Zelenský"]
        );
        assert_eq!(
            suggest(Scope::Local, "lensk", NameFilter::All).await,
            ["Volodymyr Zelenský"]
        );
        assert!(
            suggest(Scope::Local, "merkel", NameFilter::All)
                .await
                .is_empty()
        );
        // Another scope's names never show.
        assert_eq!(
            suggest(Scope::Guild(9), "put", NameFilter::All).await,
            ["Ivan Putinov"]
        );
        // Nothing typed: names of the latest articles, the most mentioned first; speakers only when asked.
        let all = suggest(Scope::Local, "", NameFilter::All).await;
        assert_eq!(all[0], "Vladimir Putin", "{all:?}");
        assert_eq!(all.len(), 5, "{all:?}");
        let mut speakers = suggest(Scope::Local, " ", NameFilter::Speakers).await;
        speakers.sort();
        assert_eq!(speakers, ["Vladimir Putin", "Volodymyr Zelenský"]);
        assert!(
            suggest(Scope::Local, "sochi", NameFilter::Speakers)
                .await
                .is_empty()
        );
        assert_eq!(
            suggest(Scope::Local, "sochi", NameFilter::All).await,
            ["Sochi"]
        );
        // Hostile text is only text.
        for typed in ["\"", "*", "NEAR(", "%", "_", "'; DROP TABLE entities; --"] {
            suggest(Scope::Local, typed, NameFilter::All).await;
        }
    }
}

/// "Seen" is when the articles were published, earliest to latest whatever order they were
/// stored in; an article without a date counts with its ingest date.
#[tokio::test]
async fn entities_are_seen_when_their_articles_were_published() {
    for db in crate::support::engines().await {
        db.announce("entities_are_seen_when_their_articles_were_published");
        let desk = db.desk().await;
        let lind = || [person("Ada Lind", &["Lind"], &["mayor"])];
        store(
            &desk,
            Scope::Local,
            "2025-03-05",
            "Budget vote\nMayor Ada Lind won the budget vote in March.",
            &lind(),
            &[],
        )
        .await;
        // Stored later, published earlier.
        store(
            &desk,
            Scope::Local,
            "2025-02-01T08:00:00Z",
            "Budget draft\nMayor Ada Lind presented the draft budget in February.",
            &lind(),
            &[],
        )
        .await;
        let p = found(desk.entity(Scope::Local, "Ada Lind").await.unwrap());
        assert_eq!(p.first_seen.as_deref(), Some("2025-02-01T08:00:00Z"));
        assert_eq!(p.last_seen.as_deref(), Some("2025-03-05"));

        store(
            &desk,
            Scope::Local,
            "",
            "Ferry news\nHarbour chief Ola Berg opened the new ferry line.",
            &[person("Ola Berg", &["Berg"], &[])],
            &[],
        )
        .await;
        let p = found(desk.entity(Scope::Local, "Ola Berg").await.unwrap());
        assert_eq!(p.first_seen.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(p.last_seen, p.first_seen);
    }
}

/// A surname typed alone finds the person even when no article wrote it alone; several people
/// sharing it are offered, not guessed.
#[tokio::test]
async fn a_surname_alone_names_the_person() {
    for db in crate::support::engines().await {
        db.announce("a_surname_alone_names_the_person");
        let desk = db.desk().await;
        store(
            &desk,
            Scope::Local,
            "2025-04-01",
            "UN warns on annexation\nUN Secretary General Antonio Guterres described the vote as \
         \"a violation of the charter\" on Friday. John Smithers and Jane Smithers disagreed.",
            &[
                person("Antonio Guterres", &[], &["UN Secretary General"]),
                person("John Smithers", &[], &[]),
                person("Jane Smithers", &[], &[]),
            ],
            &[("a violation of the charter", "Antonio Guterres")],
        )
        .await;
        let p = found(desk.entity(Scope::Local, "Guterres").await.unwrap());
        assert_eq!(p.name, "Antonio Guterres");
        assert!(p.matched_from.is_none(), "a surname is not a typo");
        match desk.entity(Scope::Local, "smithers").await.unwrap() {
            EntityLookup::Ambiguous { candidates } => assert_eq!(candidates.len(), 2),
            other => panic!("{other:?}"),
        }
        let quotes = desk
            .speaker_quotes(Scope::Local, "guterres", Page::first(5))
            .await
            .unwrap();
        assert_eq!(quotes.speaker.as_deref(), Some("Antonio Guterres"));
        assert_eq!(quotes.quotes.len(), 1);
        let answer = desk
            .ask(Scope::Local, "What did Guterres call the vote?")
            .await
            .unwrap();
        assert_eq!(
            answer.lead_in,
            "About Antonio Guterres, from 1 stored article:"
        );
        // Another scope knows nobody by that name.
        assert!(matches!(
            desk.entity(Scope::Guild(3), "Guterres").await.unwrap(),
            EntityLookup::Unknown { .. }
        ));
    }
}

/// Names in questions: a possessive still names the person; a lower-case common word that is
/// also someone's surname does not, unless the whole question is typed without capitals.
#[tokio::test]
async fn question_names_follow_possessives_and_capitals() {
    for db in crate::support::engines().await {
        db.announce("question_names_follow_possessives_and_capitals");
        let desk = db.desk().await;
        two_articles(&desk, Scope::Local).await;
        store(
        &desk,
        Scope::Local,
        "2025-02-01",
        "Papers shrink\nRevenue fell again, says industry analyst Ken Doctor. Doctor expects more cuts.",
        &[person("Ken Doctor", &["Doctor"], &["industry analyst"])],
        &[],
    )
    .await;
        let lead = |q: &'static str| {
            let desk = desk.clone();
            async move { desk.ask(Scope::Local, q).await.unwrap().lead_in }
        };
        assert!(
            lead("What did Putin's ministers say about gas exports?")
                .await
                .starts_with("About Vladimir Putin"),
        );
        let answer = lead("What did the doctor say about revenue?").await;
        assert!(!answer.contains("Ken Doctor"), "{answer}");
        assert!(
            lead("What did Doctor say about revenue?")
                .await
                .starts_with("About Ken Doctor")
        );
        assert!(
            lead("what did doctor say about revenue")
                .await
                .starts_with("About Ken Doctor")
        );
    }
}

#[tokio::test]
async fn shared_aliases_are_ambiguous_and_near_misses_get_suggestions() {
    for db in crate::support::engines().await {
        db.announce("shared_aliases_are_ambiguous_and_near_misses_get_suggestions");
        let desk = db.desk().await;
        store(
            &desk,
            Scope::Local,
            "2025-01-01",
            "Two Smiths\nJohn Smith and Jane Smith both run for mayor. Smith leads the polls.",
            &[
                person("John Smith", &["Smith"], &[]),
                person("Jane Smith", &["Smith"], &[]),
            ],
            &[],
        )
        .await;
        match desk.entity(Scope::Local, "smith").await.unwrap() {
            EntityLookup::Ambiguous { candidates } => {
                let mut names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
                names.sort();
                assert_eq!(names, ["Jane Smith", "John Smith"]);
            }
            other => panic!("{other:?}"),
        }
        // A question naming both is about the name as written, not one of them.
        let answer = desk
            .ask(Scope::Local, "Who leads the polls, Smith?")
            .await
            .unwrap();
        assert!(
            answer.lead_in.starts_with("About Smith,"),
            "{}",
            answer.lead_in
        );
        // Equally close to both: suggestions, not a guess.
        match desk.entity(Scope::Local, "Jon Smyth").await.unwrap() {
            EntityLookup::Found { profile } => assert_eq!(profile.name, "John Smith"),
            EntityLookup::Unknown { suggestions } => assert!(!suggestions.is_empty()),
            other => panic!("{other:?}"),
        }
        match desk.entity(Scope::Local, "J Smitt").await.unwrap() {
            EntityLookup::Unknown { suggestions } => assert_eq!(suggestions.len(), 2),
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn ask_finds_entity_mentions_whatever_the_alias_and_cites_them() {
    for db in crate::support::engines().await {
        db.announce("ask_finds_entity_mentions_whatever_the_alias_and_cites_them");
        let desk = db.desk().await;
        let (_, b) = two_articles(&desk, Scope::Local).await;
        let answer = desk
            .ask(
                Scope::Local,
                "What did Vladimir Putin say about the price cap?",
            )
            .await
            .unwrap();
        assert!(answer.found(), "{answer:?}");
        assert!(
            answer.lead_in.starts_with("About Vladimir Putin"),
            "{}",
            answer.lead_in
        );
        let first = &answer.sources[0];
        assert!(first.sentence.contains("price cap"), "{first:?}");
        assert_eq!(first.article.id, b);
        assert_eq!(first.article.site.as_deref(), Some("news.example"));
        assert_eq!(first.article.published.as_deref(), Some("2025-03-05"));
        assert!(first.article.url.is_some());
        assert!(answer.sources.len() <= 3);

        let when = desk
            .ask(Scope::Local, "When will gas exports resume?")
            .await
            .unwrap();
        assert!(when.sources[0].sentence.contains("March"), "{when:?}");

        let none = desk
            .ask(Scope::Local, "What is the weather on Jupiter tomorrow?")
            .await
            .unwrap();
        assert!(!none.found());
        assert_eq!(none.evidence, newsdesk::query::Evidence::None);
        // Front-end words (command names) are the front-ends' to add.
        assert!(!none.lead_in.contains('/'), "{}", none.lead_in);
    }
}

/// A much-mentioned name and a common topic: the sentence naming both is found although the
/// name's latest mentions are all elsewhere and the topic is too common to rank.
#[tokio::test]
async fn ask_finds_a_name_and_a_common_topic_together_in_an_older_article() {
    for db in crate::support::engines().await {
        db.announce("ask_finds_a_name_and_a_common_topic_together_in_an_older_article");
        let desk = db.desk().await;
        let quill = || person("Ana Quill", &["Quill"], &[]);
        store(
            &desk,
            Scope::Local,
            "2025-01-01",
            "Council row\nAna Quill criticised the harbour budget on Monday.",
            &[quill()],
            &[],
        )
        .await;
        // More sentences with the topic than any word is ranked over...
        let budget = format!(
            "Budget day\n{}",
            "The budget passed without debate. ".repeat(10_050)
        );
        store(&desk, Scope::Local, "2025-02-01", &budget, &[], &[]).await;
        // ...and more recent mentions of the name than are walked.
        let rounds = format!("Rounds\n{}", "Quill met the mayor again. ".repeat(300));
        store(&desk, Scope::Local, "2025-03-01", &rounds, &[quill()], &[]).await;

        let answer = desk
            .ask(Scope::Local, "What did Quill say about the budget?")
            .await
            .unwrap();
        assert!(answer.found(), "{answer:?}");
        assert_eq!(
            answer.sources[0].sentence, "Ana Quill criticised the harbour budget on Monday.",
            "{answer:#?}"
        );
        assert!(
            answer.lead_in.starts_with("About Ana Quill"),
            "{}",
            answer.lead_in
        );
        assert!(
            answer.sources.iter().all(|c| c.sentence.contains("Quill")),
            "a sentence without the name does not answer: {answer:#?}"
        );
    }
}

#[tokio::test]
async fn ask_with_only_very_common_words_and_an_irregular_verb() {
    for db in crate::support::engines().await {
        db.announce("ask_with_only_very_common_words_and_an_irregular_verb");
        let desk = db.desk().await;
        // Every word of the question is in more sentences than any word is ranked over, and `build`
        // is asked for in all its forms (`built`): the full-text query must still be valid.
        let text = format!(
            "Council day\n{}",
            "The council built the harbour wall. ".repeat(10_050)
        );
        store(&desk, Scope::Local, "2025-02-01", &text, &[], &[]).await;
        let answer = desk
            .ask(Scope::Local, "What did the council build at the harbour?")
            .await
            .unwrap();
        assert!(answer.found(), "{answer:?}");
        assert!(answer.sources[0].sentence.contains("built the harbour"));
    }
}

#[tokio::test]
async fn ask_works_on_ingested_text_and_html() {
    for db in crate::support::engines().await {
        db.announce("ask_works_on_ingested_text_and_html");
        let desk = db.desk().await;
        let text = "Harbour dredging approved\nThe Lowmoor council approved dredging of the old harbour on Tuesday. \
                Work will cost four million and start in spring.";
        desk.ingest(
            Scope::Local,
            Source::Text {
                text: text.into(),
                url: None,
            },
            &|_| {},
        )
        .await
        .unwrap();
        let html = "<html><head><title>Tram line opens</title></head><body><article><h1>Tram line opens</h1>\
                <p>The first tram line of Eastvale opened to passengers on Saturday morning.</p>\
                <p>Officials expect twelve thousand riders a day on the new tram.</p></article></body></html>";
        desk.ingest(
            Scope::Local,
            Source::Html {
                html: html.into(),
                url: Some("https://eastvale.example/tram".into()),
            },
            &|_| {},
        )
        .await
        .unwrap();
        let a = desk
            .ask(Scope::Local, "How much will the harbour dredging cost?")
            .await
            .unwrap();
        assert!(a.sources[0].sentence.contains("four million"), "{a:?}");
        let t = desk.ask(Scope::Local, "riders on the tram").await.unwrap();
        assert!(
            t.sources
                .iter()
                .any(|s| s.sentence.contains("twelve thousand")),
            "{t:?}"
        );
    }
}

#[tokio::test]
async fn quotes_by_article_and_by_speaker_alias() {
    for db in crate::support::engines().await {
        db.announce("quotes_by_article_and_by_speaker_alias");
        let desk = db.desk().await;
        let (a, b) = two_articles(&desk, Scope::Local).await;
        let list = desk
            .article_quotes(Scope::Local, a, Page::first(10))
            .await
            .unwrap();
        assert_eq!(list.quotes.len(), 1);
        assert_eq!(list.quotes[0].speaker.as_deref(), Some("Vladimir Putin"));
        assert!(!list.more);
        // A page past the last quote is empty, not an unknown article.
        let past = desk
            .article_quotes(Scope::Local, a, Page { index: 3, size: 10 })
            .await
            .unwrap();
        assert!(past.quotes.is_empty() && !past.more);

        let z = desk
            .speaker_quotes(Scope::Local, "zelensky", Page::first(10))
            .await
            .unwrap();
        assert_eq!(z.speaker.as_deref(), Some("Volodymyr Zelenský"));
        assert_eq!(z.quotes.len(), 1);
        assert_eq!(z.quotes[0].article.id, b);
        let nobody = desk
            .speaker_quotes(Scope::Local, "Zelenskx", Page::first(10))
            .await
            .unwrap();
        assert!(nobody.quotes.len() <= 1);
        let unknown = desk
            .speaker_quotes(Scope::Local, "Angela Merkel", Page::first(10))
            .await
            .unwrap();
        assert!(unknown.quotes.is_empty());
    }
}

/// A surname two people share, typed alone as a speaker: both are offered (as `/entity` offers
/// them) and their quotes are listed, not "no quotes" with no suggestion.
#[tokio::test]
async fn a_shared_surname_lists_everyone_it_may_mean_with_their_quotes() {
    for db in crate::support::engines().await {
        db.announce("a_shared_surname_lists_everyone_it_may_mean_with_their_quotes");
        let desk = db.desk().await;
        store(
            &desk,
            Scope::Local,
            "2025-04-01",
            "Council split\nJohn Smithers said \"the budget is too small\" on Monday. \
         Jane Smithers answered \"the budget is enough\" the same day.",
            &[
                person("John Smithers", &[], &[]),
                person("Jane Smithers", &[], &[]),
            ],
            &[
                ("the budget is too small", "John Smithers"),
                ("the budget is enough", "Jane Smithers"),
            ],
        )
        .await;
        let list = desk
            .speaker_quotes(Scope::Local, "smithers", Page::first(5))
            .await
            .unwrap();
        let mut offered: Vec<&str> = list.candidates.iter().map(|c| c.name.as_str()).collect();
        offered.sort();
        assert_eq!(offered, ["Jane Smithers", "John Smithers"]);
        assert_eq!(list.speaker, None, "nobody is picked for the member");
        let mut said: Vec<&str> = list.quotes.iter().map(|q| q.text.as_str()).collect();
        said.sort();
        assert_eq!(said, ["the budget is enough", "the budget is too small"]);
        assert!(list.suggestions.is_empty());
        // The full name is one person, with no one else offered.
        let jane = desk
            .speaker_quotes(Scope::Local, "Jane Smithers", Page::first(5))
            .await
            .unwrap();
        assert_eq!(jane.speaker.as_deref(), Some("Jane Smithers"));
        assert!(jane.candidates.is_empty());
        assert_eq!(jane.quotes.len(), 1);
    }
}

/// Article and speaker together: that person's quotes in that article, paged in SQL, so pages
/// are full until the last and `more` is exact.
#[tokio::test]
async fn quotes_of_a_speaker_in_one_article_are_paged_in_sql() {
    use newsdesk::query::QuoteFilter;
    for db in crate::support::engines().await {
        db.announce("quotes_of_a_speaker_in_one_article_are_paged_in_sql");
        let desk = db.desk().await;
        let people = || {
            [
                person("Ada Lind", &["Lind"], &["mayor"]),
                person("Ola Berg", &["Berg"], &[]),
            ]
        };
        let mut text = String::from("Council debate\n");
        let mut quotes: Vec<(String, &str)> = Vec::new();
        for i in 0..7 {
            let (words, who) = if i % 3 == 2 {
                (format!("Berg point {i},"), "Ola Berg")
            } else {
                (format!("Lind point {i},"), "Ada Lind")
            };
            let surname = who.split(' ').nth(1).unwrap();
            text.push_str(&format!("\"{words}\" {surname} said. "));
            quotes.push((words, who));
        }
        let quotes: Vec<(&str, &str)> = quotes.iter().map(|(w, s)| (w.as_str(), *s)).collect();
        let debate = store(&desk, Scope::Local, "2025-05-01", &text, &people(), &quotes).await;
        // Another article where Lind is quoted too: never mixed in.
        store(
            &desk,
            Scope::Local,
            "2025-05-02",
            "Market day\n\"Lind point elsewhere,\" Lind said.",
            &people(),
            &[("Lind point elsewhere,", "Ada Lind")],
        )
        .await;

        let page = |index| Page { index, size: 2 };
        let mut seen = Vec::new();
        for index in 0.. {
            let list = desk
                .quotes(
                    Scope::Local,
                    QuoteFilter::SpeakerIn("lind", debate),
                    page(index),
                )
                .await
                .unwrap();
            assert_eq!(list.speaker.as_deref(), Some("Ada Lind"));
            assert!(
                list.quotes.len() == 2 || !list.more,
                "page {index} is short but claims more: {list:?}"
            );
            assert!(!list.quotes.is_empty(), "page {index} is empty");
            seen.extend(list.quotes.iter().map(|q| {
                assert_eq!(q.speaker.as_deref(), Some("Ada Lind"));
                assert_eq!(q.article.id, debate);
                q.text.clone()
            }));
            if !list.more {
                break;
            }
        }
        assert_eq!(
            seen,
            [
                "Lind point 0,",
                "Lind point 1,",
                "Lind point 3,",
                "Lind point 4,",
                "Lind point 6,"
            ],
            "key quotes first, i.e. in the article's rank order"
        );
        // Someone unknown here: nothing.
        let nobody = desk
            .quotes(
                Scope::Local,
                QuoteFilter::SpeakerIn("Bo Svensson", debate),
                page(0),
            )
            .await
            .unwrap();
        assert!(nobody.quotes.is_empty() && !nobody.more);
        // An article of another scope is unknown, whoever is asked about.
        assert!(matches!(
            desk.quotes(
                Scope::Guild(4),
                QuoteFilter::SpeakerIn("Lind", debate),
                page(0)
            )
            .await,
            Err(Error::UnknownArticle(_))
        ));
        assert_eq!(
            QuoteFilter::from_options(None, None),
            None,
            "neither option is not a filter"
        );
    }
}

#[tokio::test]
async fn paging_through_articles_and_quotes() {
    for db in crate::support::engines().await {
        db.announce("paging_through_articles_and_quotes");
        let desk = db.desk().await;
        for i in 0..23 {
            let text = format!(
                "Council meeting {i}\nMayor Ada Lind opened meeting number {i} of the council. \
             \"We start with item {i},\" Lind said."
            );
            store(
                &desk,
                Scope::Local,
                &format!("2025-02-{:02}", i + 1),
                &text,
                &[person("Ada Lind", &["Lind"], &["mayor"])],
                &[(&format!("We start with item {i},"), "Ada Lind")],
            )
            .await;
        }
        let first = desk
            .articles(Scope::Local, None, Page::first(10))
            .await
            .unwrap();
        assert_eq!(first.articles.len(), 10);
        assert!(first.more);
        assert_eq!(
            first.articles[0].title.as_deref(),
            Some("Council meeting 22"),
            "newest first"
        );
        let last = desk
            .articles(Scope::Local, None, Page { index: 2, size: 10 })
            .await
            .unwrap();
        assert_eq!(last.articles.len(), 3);
        assert!(!last.more);
        let beyond = desk
            .articles(
                Scope::Local,
                None,
                Page {
                    index: 99,
                    size: 10,
                },
            )
            .await
            .unwrap();
        assert!(beyond.articles.is_empty() && !beyond.more);

        let search = desk
            .articles(Scope::Local, Some("meeting 7"), Page::first(10))
            .await
            .unwrap();
        assert_eq!(search.articles.len(), 1);

        let q = desk
            .speaker_quotes(Scope::Local, "Lind", Page { index: 1, size: 10 })
            .await
            .unwrap();
        assert_eq!(q.quotes.len(), 10);
        assert!(q.more);
        assert_eq!(q.quotes[0].text, "We start with item 12,", "newest first");
        let q = desk
            .speaker_quotes(Scope::Local, "Lind", Page { index: 2, size: 10 })
            .await
            .unwrap();
        assert_eq!(q.quotes.len(), 3);
        assert!(!q.more);
    }
}

#[tokio::test]
async fn scopes_do_not_see_each_other() {
    for db in crate::support::engines().await {
        db.announce("scopes_do_not_see_each_other");
        let desk = db.desk().await;
        let a = Scope::Guild(1);
        let b = Scope::Guild(2);
        let (id, _) = two_articles(&desk, a).await;
        assert_eq!(
            desk.articles(a, None, Page::first(10))
                .await
                .unwrap()
                .articles
                .len(),
            2
        );
        assert!(
            desk.articles(b, None, Page::first(10))
                .await
                .unwrap()
                .articles
                .is_empty()
        );
        assert!(
            desk.articles(b, Some("gas"), Page::first(10))
                .await
                .unwrap()
                .articles
                .is_empty()
        );
        assert!(
            !desk
                .ask(b, "What did Putin say about gas?")
                .await
                .unwrap()
                .found()
        );
        assert!(
            desk.ask(a, "What did Putin say about gas?")
                .await
                .unwrap()
                .found()
        );
        assert!(matches!(
            desk.entity(b, "Putin").await.unwrap(),
            EntityLookup::Unknown { .. }
        ));
        assert!(
            desk.speaker_quotes(b, "Putin", Page::first(5))
                .await
                .unwrap()
                .quotes
                .is_empty()
        );
        for result in [
            desk.summary(b, id, None).await.map(|_| ()),
            desk.article_quotes(b, id, Page::first(5)).await.map(|_| ()),
            desk.forget(b, id).await.map(|_| ()),
        ] {
            assert!(
                matches!(result, Err(Error::UnknownArticle(_))),
                "{result:?}"
            );
        }
        // Still there for its own scope.
        desk.summary(a, id, None).await.unwrap();
    }
}

#[tokio::test]
async fn forget_cascades_and_leaves_no_orphans() {
    for db in crate::support::engines().await {
        db.announce("forget_cascades_and_leaves_no_orphans");
        let desk = db.desk().await;
        let (a, b) = two_articles(&desk, Scope::Local).await;

        desk.forget(Scope::Local, a).await.unwrap();
        let p = found(desk.entity(Scope::Local, "Putin").await.unwrap());
        assert_eq!(p.articles, 1);
        assert!(p.quotes.is_empty(), "its quote went with the article");
        // Only the forgotten article named these.
        for gone in ["Sochi", "Kremlin"] {
            assert!(
                matches!(
                    desk.entity(Scope::Local, gone).await.unwrap(),
                    EntityLookup::Unknown { .. }
                ),
                "{gone}"
            );
        }
        assert!(
            !desk
                .ask(Scope::Local, "Sochi energy ministers")
                .await
                .unwrap()
                .found()
        );

        desk.forget(Scope::Local, b).await.unwrap();
        for table in [
            "articles",
            "sentences",
            "entities",
            "article_entities",
            "entity_aliases",
            "entity_names",
            "mentions",
            "quotes",
        ] {
            assert_eq!(
                count(&desk, &format!("SELECT count(*) FROM {table}")).await,
                0,
                "{table}"
            );
        }
        // SQLite's full-text tables are tables of their own (PostgreSQL's are indexes).
        for (fts, word) in [
            ("sentences_fts", "summit"),
            ("articles_fts", "summit"),
            ("entity_names_fts", "putin"),
        ]
        .into_iter()
        .filter(|_| !db.is_postgres())
        {
            let sql = format!("SELECT count(*) FROM {fts} WHERE {fts} MATCH '{word}'");
            assert_eq!(count(&desk, &sql).await, 0, "{fts}");
        }
        assert!(matches!(
            desk.forget(Scope::Local, a).await,
            Err(Error::UnknownArticle(_))
        ));
    }
}

/// Forgetting an article takes the names only it used from an entity that lives on.
#[tokio::test]
async fn forget_drops_the_aliases_only_that_article_used() {
    for db in crate::support::engines().await {
        db.announce("forget_drops_the_aliases_only_that_article_used");
        let desk = db.desk().await;
        let first = store(
            &desk,
            Scope::Local,
            "2025-01-01",
            "Ferry vote\nAna Quill, known as A. Quill, opened the vote. Quill won it.",
            &[person("Ana Quill", &["A. Quill", "Quill"], &[])],
            &[],
        )
        .await;
        store(
            &desk,
            Scope::Local,
            "2025-01-02",
            "Ferry line\nAna Quill cut the ribbon. Quill thanked the crew.",
            &[person("Ana Quill", &["Quill"], &[])],
            &[],
        )
        .await;
        let names = |fold: &'static str| {
            let desk = desk.clone();
            async move {
                count(
                    &desk,
                    &format!("SELECT count(*) FROM entity_names WHERE fold = '{fold}'"),
                )
                .await
            }
        };
        assert_eq!(names("a quill").await, 1);
        desk.forget(Scope::Local, first).await.unwrap();
        assert_eq!(
            names("a quill").await,
            0,
            "only the forgotten article said it"
        );
        assert_eq!(names("quill").await, 1, "the other article still says it");
        assert_eq!(names("ana quill").await, 1);
        let p = found(desk.entity(Scope::Local, "Quill").await.unwrap());
        assert_eq!(p.articles, 1);
        assert_eq!(p.aliases, ["Quill"]);
    }
}

#[tokio::test]
async fn hostile_and_empty_inputs_give_clear_errors_or_sane_answers() {
    for db in crate::support::engines().await {
        db.announce("hostile_and_empty_inputs_give_clear_errors_or_sane_answers");
        let desk = db.desk().await;
        two_articles(&desk, Scope::Local).await;
        for empty in ["", "   ", "\n\t"] {
            assert!(matches!(
                desk.ask(Scope::Local, empty).await,
                Err(Error::EmptyQuery)
            ));
            assert!(matches!(
                desk.entity(Scope::Local, empty).await,
                Err(Error::EmptyQuery)
            ));
            assert!(matches!(
                desk.speaker_quotes(Scope::Local, empty, Page::first(5))
                    .await,
                Err(Error::EmptyQuery)
            ));
        }
        let long = "gas ".repeat(2600);
        assert!(matches!(
            desk.ask(Scope::Local, &long).await,
            Err(Error::TooLong { .. })
        ));
        assert!(matches!(
            desk.entity(Scope::Local, &long).await,
            Err(Error::TooLong { .. })
        ));
        let hostile = [
            "\"",
            "\"gas",
            "gas*",
            "*",
            "NEAR(gas exports, 2)",
            "text: gas",
            "-gas",
            "gas - exports",
            "gas AND OR NOT",
            "'; DROP TABLE articles; --",
            "^gas",
            "{text}: gas",
            "(((",
            "🙂 é ß",
        ];
        for q in hostile {
            let answer = desk.ask(Scope::Local, q).await;
            assert!(answer.is_ok(), "{q}: {answer:?}");
            let entity = desk.entity(Scope::Local, q).await;
            assert!(entity.is_ok(), "{q}: {entity:?}");
            let list = desk.articles(Scope::Local, Some(q), Page::first(5)).await;
            assert!(list.is_ok(), "{q}: {list:?}");
            let quotes = desk.speaker_quotes(Scope::Local, q, Page::first(5)).await;
            assert!(quotes.is_ok(), "{q}: {quotes:?}");
        }
        let answer = desk
            .ask(Scope::Local, "NEAR(\"gas\" exports*")
            .await
            .unwrap();
        assert!(answer.found(), "the words still count: {answer:?}");
        assert_eq!(count(&desk, "SELECT count(*) FROM articles").await, 2);
    }
}

#[tokio::test]
async fn unknown_ids_and_summaries() {
    for db in crate::support::engines().await {
        db.announce("unknown_ids_and_summaries");
        let desk = db.desk().await;
        let (a, _) = two_articles(&desk, Scope::Local).await;
        let missing = ArticleId(9999);
        assert!(matches!(
            desk.summary(Scope::Local, missing, None).await,
            Err(Error::UnknownArticle(_))
        ));
        assert!(matches!(
            desk.article_quotes(Scope::Local, missing, Page::first(5))
                .await,
            Err(Error::UnknownArticle(_))
        ));
        assert!(matches!(
            desk.forget(Scope::Local, missing).await,
            Err(Error::UnknownArticle(_))
        ));

        let stored = desk.summary(Scope::Local, a, None).await.unwrap();
        assert_eq!(stored.sentences.len(), 2);
        let same = desk.summary(Scope::Local, a, Some(2)).await.unwrap();
        assert_eq!(same.sentences, stored.sentences);
        let longer = desk.summary(Scope::Local, a, Some(4)).await.unwrap();
        assert_eq!(longer.sentences.len(), 4);
        let one = desk.summary(Scope::Local, a, Some(0)).await.unwrap();
        assert_eq!(one.sentences.len(), 1, "clamped to at least one");
    }
}
