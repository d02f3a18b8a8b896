//! `ask` end to end on a real SQLite file: articles ingested through the whole pipeline, then
//! questions of each kind, with the short answer checked inside the first source.

use newsdesk::ingest::Source;
use newsdesk::model::Scope;
use newsdesk::query::{AnswerType, AskContext, Evidence};
use newsdesk::{Config, Error, Newsdesk};

use crate::support::shared_or_skip;

async fn desk(dir: &tempfile::TempDir) -> Newsdesk {
    let mut config = Config::default();
    config.database.path = dir.path().join("ask.db");
    Newsdesk::open(config).await.expect("open")
}

async fn ingest(desk: &Newsdesk, text: &str) -> i64 {
    let outcome = desk
        .ingest(
            Scope::Local,
            Source::Text {
                text: text.into(),
                url: None,
            },
            &|_| {},
        )
        .await
        .expect("ingest");
    outcome.article().id.0
}

/// Three short articles on different topics, each with people, dates and numbers.
async fn newsroom(desk: &Newsdesk) -> [i64; 3] {
    let harbour = ingest(
        desk,
        "Lowmoor approves tidal harbour plan\n\
         The Lowmoor council approved a tidal power plan for the old harbour on Tuesday. \
         Mayor Ingrid Halvorsen said the turbines would be paid for by the Northern Tidal Power Company. \
         The plan will cost 45 million euros and create seven hundred jobs. \
         Work on the harbour wall is due to start in March 2027. \
         Fishermen fear the turbines will drive away the cod.",
    )
    .await;
    let tram = ingest(
        desk,
        "Eastvale opens its first tram line\n\
         The first tram line of Eastvale opened to passengers on Saturday morning. \
         Transport director Tomas Berg expects 12,000 riders a day. \
         The line cost 210 million euros and runs for nine kilometres. \
         It connects the university with the central station.",
    )
    .await;
    let budget = ingest(
        desk,
        "Korr debates its budget plan\n\
         The Korr city council debated the budget plan for next year on Monday. \
         Treasurer Amina Duclos warned that the plan leaves no money for new schools. \
         The council will vote on the plan on 14 December.",
    )
    .await;
    [harbour, tram, budget]
}

fn short(a: &newsdesk::query::Answer) -> &str {
    a.answer.as_ref().map_or("", |s| s.text.as_str())
}

#[tokio::test]
async fn who_when_and_how_many_questions_get_a_short_answer_in_the_first_source() {
    for db in crate::support::engines().await {
        db.announce("who_when_and_how_many_questions_get_a_short_answer_in_the_first_source");
        let desk = db.desk().await;
        let [harbour, tram, _] = newsroom(&desk).await;

        let who = desk
            .ask(Scope::Local, "Who will pay for the harbour turbines?")
            .await
            .unwrap();
        assert_eq!(who.kind, AnswerType::Person);
        assert_eq!(who.sources[0].article.id.0, harbour, "{who:#?}");
        assert!(
            who.sources[0].sentence.contains("Northern Tidal Power"),
            "{who:#?}"
        );

        let when = desk
            .ask(Scope::Local, "When will work on the harbour wall start?")
            .await
            .unwrap();
        assert_eq!(short(&when), "March 2027", "{when:#?}");

        let many = desk
            .ask(Scope::Local, "How many riders a day does the tram expect?")
            .await
            .unwrap();
        assert_eq!(many.sources[0].article.id.0, tram);
        assert_eq!(short(&many), "12,000", "{many:#?}");

        let cost = desk
            .ask(Scope::Local, "How much did the tram line cost?")
            .await
            .unwrap();
        assert_eq!(short(&cost), "210 million euros", "{cost:#?}");

        // The short answer's offsets point into the first source's sentence.
        for a in [&when, &many, &cost] {
            let s = a.answer.as_ref().unwrap();
            assert_eq!(s.source, 0);
            assert_eq!(&a.sources[0].sentence[s.start..s.end], s.text);
        }
        // A why question whose sentence gives no reason word is answered by the sentence alone.
        let why = desk
            .ask(Scope::Local, "Why do fishermen fear the turbines?")
            .await
            .unwrap();
        assert_eq!(why.kind, AnswerType::Reason);
        assert!(why.answer.is_none());
        assert!(why.sources[0].sentence.contains("cod"), "{why:#?}");
    }
}

#[tokio::test]
async fn numbers_match_however_they_are_written() {
    for db in crate::support::engines().await {
        db.announce("numbers_match_however_they_are_written");
        let desk = db.desk().await;
        newsroom(&desk).await;
        let a = desk
            .ask(Scope::Local, "Which plan creates 700 jobs?")
            .await
            .unwrap();
        assert!(
            a.sources[0].sentence.contains("seven hundred jobs"),
            "{a:#?}"
        );
    }
}

#[tokio::test]
async fn a_topic_hint_narrows_to_the_articles_it_names() {
    for db in crate::support::engines().await {
        db.announce("a_topic_hint_narrows_to_the_articles_it_names");
        let desk = db.desk().await;
        let [harbour, tram, _] = newsroom(&desk).await;
        // Both articles say what something cost; the hint says which story is meant.
        let a = desk
            .ask(
                Scope::Local,
                "In the story about the tidal harbour plan, how much will it cost?",
            )
            .await
            .unwrap();
        assert_eq!(a.sources[0].article.id.0, harbour, "{a:#?}");
        assert_eq!(short(&a), "45 million euros");
        let b = desk
            .ask(
                Scope::Local,
                "How much did it cost, in the article about the Eastvale tram?",
            )
            .await
            .unwrap();
        assert_eq!(b.sources[0].article.id.0, tram, "{b:#?}");
    }
}

#[tokio::test]
async fn a_mistyped_name_still_finds_the_person() {
    for db in crate::support::engines().await {
        db.announce("a_mistyped_name_still_finds_the_person");
        let desk = db.desk().await;
        newsroom(&desk).await;
        let a = desk
            .ask(Scope::Local, "What did Amina Duclso warn about?")
            .await
            .unwrap();
        assert!(
            a.sources[0].sentence.contains("no money for new schools"),
            "{a:#?}"
        );
        // The recogniser may keep the title in the name (`Treasurer Amina Duclos`).
        assert!(
            a.about.first().is_some_and(|n| n.ends_with("Amina Duclos")),
            "{a:#?}"
        );
    }
}

#[tokio::test]
async fn a_mistyped_word_and_a_synonym_still_find_the_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    ingest(
        &desk,
        "Riverside volunteers busy all spring\n\
         The volunteers dedicated their weekends to clearing the river banks. \
         The volunteers asked the city for weekends off next summer. \
         Engineers tested the new turbines at the weir on Friday.",
    )
    .await;
    // `enigneers` is no English word and no stored sentence has it: read as `engineers`.
    let a = desk
        .ask(Scope::Local, "Where were the enigneers?")
        .await
        .unwrap();
    assert!(a.found(), "{a:#?}");
    assert!(a.sources[0].sentence.contains("turbines"), "{a:#?}");
    // `devote` is not written, `dedicated` is: the synonym decides between the two sentences.
    let b = desk
        .ask(
            Scope::Local,
            "What did the volunteers devote their weekends to?",
        )
        .await
        .unwrap();
    assert!(b.sources[0].sentence.contains("dedicated"), "{b:#?}");
}

#[tokio::test]
async fn a_name_alone_reads_the_sentences_after_its_mention() {
    for db in crate::support::engines().await {
        db.announce("a_name_alone_reads_the_sentences_after_its_mention");
        let desk = db.desk().await;
        newsroom(&desk).await;
        ingest(
            &desk,
            "Mara Jensen returns with a new record\n\
             Singer Mara Jensen recorded her new album in a barn outside Lund. \
             It came out on 3 May and sold 40,000 copies in its first week. \
             Critics praised the string arrangements.",
        )
        .await;
        // No stored sentence writes `premiere`: the name is all the question shares with the
        // store, and the date is in the sentence after the one that names her.
        let a = desk
            .ask(Scope::Local, "When did Mara Jensen premiere?")
            .await
            .unwrap();
        assert!(
            a.sources.iter().any(|s| s.sentence.contains("3 May")),
            "{a:#?}"
        );
    }
}

#[tokio::test]
async fn the_paragraph_around_a_sentence_decides_between_two_alike() {
    for db in crate::support::engines().await {
        db.announce("the_paragraph_around_a_sentence_decides_between_two_alike");
        let desk = db.desk().await;
        newsroom(&desk).await;
        // Two sentences alike; only the second's paragraph names the tidal plan, four
        // sentences on (past the two either side that every candidate is read with).
        ingest(
            &desk,
            "Harbour closures this year\n\n\
             The works will close the harbour to tourists until August. \
             The fishing fleet is not affected.\n\n\
             The works will close the harbour to freighters until June. \
             Crews start in March. Barges bring the stone from the quarry. \
             Engineers check the walls every week. \
             All of it belongs to the tidal plan of the port authority.",
        )
        .await;
        let a = desk
            .ask(
                Scope::Local,
                "Until when will the tidal plan close the harbour?",
            )
            .await
            .unwrap();
        assert!(a.sources[0].sentence.contains("June"), "{a:#?}");
    }
}

#[tokio::test]
async fn common_words_still_get_the_closest_sentences() {
    for db in crate::support::engines().await {
        db.announce("common_words_still_get_the_closest_sentences");
        let desk = db.desk().await;
        newsroom(&desk).await;
        // Every word is common here (plan, council); still an answer, never silence.
        let a = desk
            .ask(Scope::Local, "What did the council say about the plan?")
            .await
            .unwrap();
        assert!(a.found(), "{a:#?}");
        assert!(a.sources[0].sentence.contains("plan"), "{a:#?}");
        // Nothing shares a word with the store: said plainly.
        let none = desk
            .ask(Scope::Local, "Quantum chromodynamics lattice gluons?")
            .await
            .unwrap();
        assert!(!none.found());
        assert_eq!(none.evidence, Evidence::None);
    }
}

#[tokio::test]
async fn follow_up_context_names_the_person_and_the_article() {
    for db in crate::support::engines().await {
        db.announce("follow_up_context_names_the_person_and_the_article");
        let desk = db.desk().await;
        let [_, tram, _] = newsroom(&desk).await;
        let about = AskContext {
            about: Some("Halvorsen".into()),
            article: None,
        };
        let a = desk
            .ask_with(Scope::Local, "What did she say?", &about)
            .await
            .unwrap();
        assert!(a.sources[0].sentence.contains("Ingrid Halvorsen"), "{a:#?}");
        let in_article = AskContext {
            about: None,
            article: Some(newsdesk::model::ArticleId(tram)),
        };
        let b = desk
            .ask_with(Scope::Local, "How long is it?", &in_article)
            .await
            .unwrap();
        assert!(b.sources[0].sentence.contains("nine kilometres"), "{b:#?}");
        // In a thread on the tram story, its sentences answer first, even in other words than
        // the question's (`money` is only in the budget story).
        let cost = desk
            .ask_with(Scope::Local, "How much money did they need?", &in_article)
            .await
            .unwrap();
        assert!(
            cost.sources.iter().all(|s| s.article.id.0 == tram),
            "{cost:#?}"
        );
        assert_eq!(short(&cost), "210 million euros", "{cost:#?}");
        // A name the tram story never mentions is looked for in all of them.
        let elsewhere = desk
            .ask_with(Scope::Local, "What did Halvorsen say?", &in_article)
            .await
            .unwrap();
        assert!(
            elsewhere.sources[0].sentence.contains("Ingrid Halvorsen"),
            "{elsewhere:#?}"
        );
        // An article of another scope, or none at all, is an error, not an empty answer.
        let unknown = AskContext {
            about: None,
            article: Some(newsdesk::model::ArticleId(999)),
        };
        assert!(matches!(
            desk.ask_with(Scope::Local, "How long is it?", &unknown)
                .await,
            Err(Error::UnknownArticle(_))
        ));
    }
}

#[tokio::test]
async fn an_office_answers_what_someone_is_not_what_they_did() {
    for db in crate::support::engines().await {
        db.announce("an_office_answers_what_someone_is_not_what_they_did");
        let desk = db.desk().await;
        newsroom(&desk).await;
        ingest(
            &desk,
            "Prosecutors drop the harbour inquiry\n\
             Deputy Director of Public Prosecution Eva Lund took the decision to \"close the \
             inquiry into the harbour deal\", the Lowmoor prosecution office said on Monday. \
             The inquiry had run for three years.",
        )
        .await;
        let about = |name: &str| AskContext {
            about: Some(name.into()),
            article: None,
        };
        let job = desk
            .ask_with(Scope::Local, "What is his job?", &about("Tomas Berg"))
            .await
            .unwrap();
        assert_eq!(short(&job), "Transport director", "{job:#?}");
        let named = desk
            .ask(Scope::Local, "what is eva lund's role")
            .await
            .unwrap();
        assert_eq!(
            short(&named),
            "Deputy Director of Public Prosecution",
            "{named:#?}"
        );
        // Her title is no answer to what she did; the cited sentence says it.
        let deed = desk
            .ask_with(Scope::Local, "What did she decide?", &about("Eva Lund"))
            .await
            .unwrap();
        assert!(
            deed.sources[0].sentence.contains("took the decision"),
            "{deed:#?}"
        );
        assert_ne!(
            short(&deed),
            "Deputy Director of Public Prosecution",
            "{deed:#?}"
        );
    }
}

#[tokio::test]
async fn a_long_sentence_is_cited_around_its_answer_and_not_cited_again() {
    for db in crate::support::engines().await {
        db.announce("a_long_sentence_is_cited_around_its_answer_and_not_cited_again");
        let desk = db.desk().await;
        let talk = "the members talked about the budget, the roads, the schools and the parks \
                    for a long while"
            .to_string();
        let long = format!(
            "Lowmoor votes on the harbour\nAfter a long night in which {}, the Lowmoor council \
             finally approved the tidal harbour plan by nine votes to four. The tidal harbour \
             plan was first drafted in 2019 by engineers from Leith.",
            vec![talk; 7].join(" ")
        );
        let id = ingest(&desk, &long).await;
        let question = "Who approved the tidal harbour plan?";
        let a = desk.ask(Scope::Local, question).await.unwrap();
        let first = &a.sources[0].sentence;
        assert!(first.starts_with("… "), "{first}");
        assert!(first.ends_with("by nine votes to four."), "{first}");
        let short = a.answer.as_ref().expect("a short answer");
        assert_eq!(&first[short.start..short.end], short.text, "{a:#?}");
        assert_eq!(short.text, "Lowmoor");
        // Asked for more, the cut sentence counts as shown.
        let shown = vec![(newsdesk::model::ArticleId(id), first.clone())];
        let more = desk
            .ask_more(Scope::Local, question, &AskContext::default(), &shown)
            .await
            .unwrap();
        assert!(
            more.sources
                .iter()
                .all(|s| !s.sentence.contains("nine votes")),
            "{more:#?}"
        );
    }
}

#[tokio::test]
async fn hostile_questions_get_clear_answers() {
    for db in crate::support::engines().await {
        db.announce("hostile_questions_get_clear_answers");
        let desk = db.desk().await;
        newsroom(&desk).await;
        assert!(matches!(
            desk.ask(Scope::Local, "  ").await,
            Err(Error::EmptyQuery)
        ));
        let long = "tram ".repeat(1000);
        assert!(matches!(
            desk.ask(Scope::Local, &long).await,
            Err(Error::TooLong { .. })
        ));
        for q in [
            "NEAR(\"tram\" riders*",
            "tram OR AND NOT ^ : \" ' ( ) { }",
            "¿Cuántos pasajeros tiene el tranvía de Eastvale?",
            "路面電車は何キロですか",
            "\u{0}tram\u{7f}",
            "????",
        ] {
            let a = desk.ask(Scope::Local, q).await.unwrap();
            for s in &a.sources {
                assert!(!s.sentence.is_empty());
            }
            if let Some(short) = &a.answer {
                assert!(a.sources[0].sentence.get(short.start..short.end).is_some());
            }
        }
    }
}

/// The seed article (read from `../shared/seeds`, never copied): questions typed the way
/// members ask them.
#[tokio::test]
async fn seed_article_questions() {
    let Some(shared) = shared_or_skip("ask on the seed article") else {
        return;
    };
    let Some(path) = std::fs::read_dir(shared.join("seeds")).ok().and_then(|d| {
        d.flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "txt"))
    }) else {
        eprintln!("skipping: no seed article");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    ingest(&desk, &std::fs::read_to_string(path).unwrap()).await;

    let who = desk
        .ask(
            Scope::Local,
            "Who called the referendums a violation of international law?",
        )
        .await
        .unwrap();
    assert_eq!(short(&who), "Antonio Guterres", "{who:#?}");
    let when = desk
        .ask(Scope::Local, "When did Bloomberg report the four regions?")
        .await
        .unwrap();
    assert_eq!(short(&when), "Tuesday", "{when:#?}");
    let hewitt = desk
        .ask(
            Scope::Local,
            "What did Hewitt say about Ukraine and Russia?",
        )
        .await
        .unwrap();
    assert_eq!(hewitt.kind, AnswerType::Quote);
    assert!(
        short(&hewitt).starts_with("we continue to make progress"),
        "{hewitt:#?}"
    );
    let spokesman = desk
        .ask(Scope::Local, "Who is the Kremlin spokesman?")
        .await
        .unwrap();
    assert_eq!(short(&spokesman), "Dmitry Peskov", "{spokesman:#?}");
    let where_ = desk
        .ask(Scope::Local, "Where did Trump meet Zelensky?")
        .await
        .unwrap();
    assert_eq!(short(&where_), "Vatican", "{where_:#?}");
    // The sentence that matches best says `Putin wants them in full`: the list it refers back
    // to, two sentences before, is the answer and is cited first.
    let regions = desk
        .ask(
            Scope::Local,
            "Which regions does Putin want before ending the war?",
        )
        .await
        .unwrap();
    assert_eq!(
        short(&regions),
        "Donetsk, Luhansk, Zaporizhzhia and Kherson",
        "{regions:#?}"
    );
    assert!(
        regions.sources[1].sentence.contains("Putin wants them"),
        "{regions:#?}"
    );
    // `Putin wants them in full`: what he wants is what `them` stands for.
    let wants = desk
        .ask(Scope::Local, "What does Putin want?")
        .await
        .unwrap();
    assert_eq!(short(&wants), "all regions", "{wants:#?}");
    // What was reported is the clause after `that`, not the day beside the verb.
    let reported = desk
        .ask(Scope::Local, "What did Bloomberg report?")
        .await
        .unwrap();
    let clause = short(&reported);
    assert!(
        clause.starts_with("the ") && clause.contains("Donetsk, Luhansk, Zaporizhzhia and Kherson"),
        "{reported:#?}"
    );
    // A name asked about alone: what the article calls them, not another name beside theirs.
    let peskov = desk.ask(Scope::Local, "who is Peskov?").await.unwrap();
    assert_eq!(peskov.kind, AnswerType::Definition);
    assert_eq!(short(&peskov), "Kremlin spokesman", "{peskov:#?}");
    let truth = desk
        .ask(Scope::Local, "What is Truth Social?")
        .await
        .unwrap();
    assert_eq!(short(&truth), "his social media platform", "{truth:#?}");
    // Zelensky is quoted nowhere: `berated for "disrespect"` are not his words.
    let zelensky = desk
        .ask(Scope::Local, "What did Zelensky say?")
        .await
        .unwrap();
    assert_eq!(zelensky.kind, AnswerType::Quote);
    assert!(zelensky.answer.is_none(), "{zelensky:#?}");
    assert!(!zelensky.sources.is_empty());
    // The one meeting the article tells of is not Putin's: nobody it names is whom he met,
    // and the sentence about it is cited without a short answer.
    let met = desk.ask(Scope::Local, "Who did Putin meet?").await.unwrap();
    assert!(met.answer.is_none(), "{met:#?}");
    assert!(met.sources[0].sentence.contains("meeting"), "{met:#?}");
    // What he demands is the noun after the verb with the clause saying which, not the city
    // named inside that clause.
    let demand = desk
        .ask(Scope::Local, "What did Putin demand?")
        .await
        .unwrap();
    assert_eq!(
        short(&demand),
        "land that Moscow does not currently occupy",
        "{demand:#?}"
    );
    // No place is named for the talks: `agreement` is no answer to *where*.
    let talks = desk
        .ask(Scope::Local, "Where did the talks happen?")
        .await
        .unwrap();
    assert!(talks.answer.is_none(), "{talks:#?}");
    // `his latest criticism to Putin` is the criticism of the one the clause is about, not of
    // the pope named nearer to it.
    let critic = desk
        .ask(Scope::Local, "Who criticised Putin?")
        .await
        .unwrap();
    assert_eq!(short(&critic), "Trump", "{critic:#?}");
    // No date is written for the referendums: the span counted from the invasion says when.
    let held = desk
        .ask(Scope::Local, "When did Russia hold referendums?")
        .await
        .unwrap();
    assert_eq!(short(&held), "months after the invasion", "{held:#?}");
    // The attacks did the killing, not a name written nearer to the question's words.
    let killed = desk
        .ask(Scope::Local, "Who killed civilians?")
        .await
        .unwrap();
    assert_eq!(short(&killed), "Russia's recent attacks", "{killed:#?}");
    // The outlet that reported it, not whom the lead says is `reportedly` doing something.
    let reported = desk.ask(Scope::Local, "Who reported it?").await.unwrap();
    assert_eq!(short(&reported), "Bloomberg", "{reported:#?}");
}

#[tokio::test]
async fn what_someone_said_is_their_own_quote() {
    for db in crate::support::engines().await {
        db.announce("what_someone_said_is_their_own_quote");
        let desk = db.desk().await;
        newsroom(&desk).await;
        ingest(
            &desk,
            "Harbour board split over turbines\n\
             Harbour master Oskar Lindqvist met the board on Wednesday. \
             Lindqvist did not answer questions, while board chair Petra Novak said \
             \"the turbines will be built whatever the fishermen think.\" \
             Fishing captain Jonas Ek spoke after the meeting. \
             \"We will block the harbour mouth with our boats,\" he said. \
             Greenpeace spokeswoman Lena Berg said \"the cod stocks will not survive the turbines.\"",
        )
        .await;
        // Lindqvist is named beside Novak's words: they are not his.
        let a = desk
            .ask(Scope::Local, "What did Lindqvist say?")
            .await
            .unwrap();
        assert_eq!(a.kind, AnswerType::Quote);
        assert!(a.answer.is_none(), "{a:#?}");
        let a = desk.ask(Scope::Local, "What did Novak say?").await.unwrap();
        assert_eq!(
            short(&a),
            "the turbines will be built whatever the fishermen think."
        );
        // Ek's words name only `he`: found through who said them.
        let a = desk
            .ask(Scope::Local, "What did Jonas Ek say?")
            .await
            .unwrap();
        assert!(
            a.sources[0].sentence.contains("block the harbour"),
            "{a:#?}"
        );
        // The comma before `he said` is not part of the answer.
        assert_eq!(short(&a), "We will block the harbour mouth with our boats");
        // A spokeswoman's words are her organisation's.
        let a = desk
            .ask(Scope::Local, "What did Greenpeace say about the turbines?")
            .await
            .unwrap();
        assert_eq!(short(&a), "the cod stocks will not survive the turbines.");
    }
}

#[tokio::test]
async fn a_chat_request_for_news_gets_sentences_and_no_short_answer() {
    for db in crate::support::engines().await {
        db.announce("a_chat_request_for_news_gets_sentences_and_no_short_answer");
        let desk = db.desk().await;
        newsroom(&desk).await;
        // `deal` is no word to find: `what's the deal with` only asks for news of the tram.
        let a = desk
            .ask(Scope::Local, "what's the deal with the tram line?")
            .await
            .unwrap();
        assert_eq!(a.kind, AnswerType::Topic);
        assert!(a.answer.is_none(), "{a:#?}");
        assert!(a.sources[0].sentence.contains("tram"), "{a:#?}");
        // A follow-up naming only whom to go on with: their sentences, no phrase picked out.
        for q in ["what about Amina Duclos?", "and the treasurer?"] {
            let a = desk.ask(Scope::Local, q).await.unwrap();
            assert_eq!(a.kind, AnswerType::Topic, "{q}");
            assert!(a.answer.is_none(), "{q}: {a:#?}");
            assert!(a.sources[0].sentence.contains("Duclos"), "{q}: {a:#?}");
        }
    }
}

#[tokio::test]
async fn a_list_named_before_and_referred_to_as_them_is_the_answer() {
    for db in crate::support::engines().await {
        db.announce("a_list_named_before_and_referred_to_as_them_is_the_answer");
        let desk = db.desk().await;
        newsroom(&desk).await;
        ingest(
            &desk,
            "Ferry company names the three ports\n\
             The ferry company said on Monday that the three cities in question are Bergen, \
             Stavanger and Trondheim. Residents had complained about the old timetable for years. \
             Transport minister Ingrid Holm wants them connected before the summer season, the \
             company added.",
        )
        .await;
        let a = desk
            .ask(
                Scope::Local,
                "Which cities does Ingrid Holm want connected?",
            )
            .await
            .unwrap();
        assert_eq!(short(&a), "Bergen, Stavanger and Trondheim", "{a:#?}");
        assert!(a.sources[1].sentence.contains("wants them"), "{a:#?}");
        // The sentence that matches the question decides how sure the lead-in is.
        assert_eq!(a.evidence, newsdesk::query::Evidence::Good, "{a:#?}");
    }
}

#[tokio::test]
async fn who_or_what_a_name_is_is_what_the_articles_call_it() {
    for db in crate::support::engines().await {
        db.announce("who_or_what_a_name_is_is_what_the_articles_call_it");
        let desk = db.desk().await;
        newsroom(&desk).await;
        ingest(
            &desk,
            "Tram line paid by a fund\n\
             Most of the money for the Eastvale tram came from the Halden Fund, a charity set \
             up by local shipowners in 1990. Transport director Tomas Berg thanked the fund.",
        )
        .await;
        // A role the analysis stored beside the name; the other person in the sentence is not
        // who she is.
        let mayor = desk
            .ask(Scope::Local, "Who is Ingrid Halvorsen?")
            .await
            .unwrap();
        assert_eq!(mayor.kind, AnswerType::Definition, "{mayor:#?}");
        assert_eq!(short(&mayor), "Mayor", "{mayor:#?}");
        // A surname alone, in chat spelling.
        let berg = desk.ask(Scope::Local, "who's Berg").await.unwrap();
        assert_eq!(short(&berg), "Transport director", "{berg:#?}");
        // No stored role: the phrase set beside the name by commas.
        let fund = desk
            .ask(Scope::Local, "What is the Halden Fund?")
            .await
            .unwrap();
        assert_eq!(
            short(&fund),
            "charity set up by local shipowners in 1990",
            "{fund:#?}"
        );
        // In a thread about her, `she` is the name asked about.
        let about = AskContext {
            about: Some("Halvorsen".into()),
            article: None,
        };
        let she = desk
            .ask_with(Scope::Local, "who is she?", &about)
            .await
            .unwrap();
        assert_eq!(short(&she), "Mayor", "{she:#?}");
        for a in [&mayor, &berg, &fund, &she] {
            let s = a.answer.as_ref().unwrap();
            assert_eq!(&a.sources[0].sentence[s.start..s.end], s.text);
        }
        // Nothing describes the company where it is named: no short answer rather than
        // another name from its sentence.
        let company = desk
            .ask(Scope::Local, "What is the Northern Tidal Power Company?")
            .await
            .unwrap();
        assert!(company.answer.is_none(), "{company:#?}");
        assert!(company.sources[0].sentence.contains("Northern Tidal"));
        // A question that asks more than who someone is keeps its type.
        let who = desk
            .ask(Scope::Local, "Who is paying for the harbour turbines?")
            .await
            .unwrap();
        assert_eq!(who.kind, AnswerType::Person);
    }
}

#[tokio::test]
async fn chat_forms_a_possessive_without_its_apostrophe_and_how_long() {
    for db in crate::support::engines().await {
        db.announce("chat_forms_a_possessive_without_its_apostrophe_and_how_long");
        let desk = db.desk().await;
        newsroom(&desk).await;
        ingest(
            &desk,
            "Ferry crews to rest in shifts\n\
             Ferry operator chief Marta Halvorsen said crews would rest in shifts from March. \
             Crews can stay at sea for up to 14 days under the new rota, union leader Peter Long said. \
             Halvorsen's plan was approved by the harbour board on Monday.",
        )
        .await;
        // `halvorsens plan`: Halvorsen's, typed the way chat does.
        let a = desk
            .ask(Scope::Local, "who approved halvorsens plan")
            .await
            .unwrap();
        assert!(a.about.iter().any(|n| n.ends_with("Halvorsen")), "{a:#?}");
        assert!(a.sources[0].sentence.contains("approved"), "{a:#?}");
        // `how long` asks for a duration; it does not name Peter Long.
        let a = desk
            .ask(Scope::Local, "how long can ferry crews stay at sea")
            .await
            .unwrap();
        assert!(!a.about.iter().any(|n| n.contains("Long")), "{a:#?}");
        assert_eq!(short(&a), "14 days");
        // `song` in lower case is the word, not the conductor Amy Song.
        ingest(
            &desk,
            "Harbour choir sings again\n\
             The harbour choir returned on Sunday with a new song, conductor Amy Song said.",
        )
        .await;
        let a = desk
            .ask(Scope::Local, "when did the choir return with the song")
            .await
            .unwrap();
        assert!(!a.about.iter().any(|n| n.contains("Song")), "{a:#?}");
        assert_eq!(short(&a), "Sunday");
        // `fall` in lower case is the verb, not the `Fall` the analysis could not type.
        ingest(
            &desk,
            "Car sales drop in October\n\
             Car sales fell 10 percent in October, dealers said. \
             Analyst Mira Holt expects a better Fall this year.",
        )
        .await;
        let a = desk
            .ask(Scope::Local, "how much did car sales fall in october")
            .await
            .unwrap();
        assert!(!a.about.iter().any(|n| n == "Fall"), "{a:#?}");
        assert_eq!(short(&a), "10 percent");
        // `hunter` in lower case is the word, not the `HUNTER` a page shouted (typed an
        // organisation by the analysis).
        ingest(
            &desk,
            "Plague case in the hills\n\
             A HUNTER in the hills caught the plague after eating a wild rabbit, officials said. \
             The HUNTER lived in a village near Baotou.",
        )
        .await;
        let a = desk
            .ask(Scope::Local, "where did the hunter live")
            .await
            .unwrap();
        assert!(!a.about.iter().any(|n| n == "HUNTER"), "{a:#?}");
        assert!(a.sources[0].sentence.contains("lived"), "{a:#?}");
    }
}

#[tokio::test]
async fn sizes_abbreviations_and_short_months_read_as_chat_writes_them() {
    for db in crate::support::engines().await {
        db.announce("sizes_abbreviations_and_short_months_read_as_chat_writes_them");
        let desk = db.desk().await;
        newsroom(&desk).await;
        let moon = ingest(
            &desk,
            "Scientists map the moon Veyra\n\
             Planetary scientists on Monday released the first map of Veyra, a moon of the gas \
             giant Orlen. Veyra, with a diameter of 3,200 miles, is the second moon of Orlen by \
             size. The moon was first seen in 1987 by amateur astronomers.",
        )
        .await;
        ingest(
            &desk,
            "Seven big questions before the Korr debate\n\
             Seven big questions hang over the debate on Tuesday. \
             The comet over Korr was first seen in 2004 by a farmer.",
        )
        .await;
        // The size is written as a diameter; `big` is the other article's word.
        let a = desk.ask(Scope::Local, "how big is veyra").await.unwrap();
        assert_eq!(a.sources[0].article.id.0, moon, "{a:#?}");
        assert_eq!(short(&a), "3,200 miles", "{a:#?}");
        // Both sentences say when something was first seen; only one article is about Veyra.
        let a = desk
            .ask(Scope::Local, "when was veyra first seen")
            .await
            .unwrap();
        assert_eq!(short(&a), "1987", "{a:#?}");
        // The election in `the U.K.'s Dec. 12 election`, asked the way chat writes it.
        ingest(
            &desk,
            "Parties spend online\n\
             All parties are spending online as they battle to win the U.K.'s Dec. 12 election.",
        )
        .await;
        let a = desk
            .ask(Scope::Local, "when is the uk election")
            .await
            .unwrap();
        assert_eq!(short(&a), "Dec. 12", "{a:#?}");
    }
}

#[tokio::test]
async fn a_nationality_in_the_asked_phrase_binds_no_source_to_it() {
    for db in crate::support::engines().await {
        db.announce("a_nationality_in_the_asked_phrase_binds_no_source_to_it");
        let desk = db.desk().await;
        ingest(
            &desk,
            "Border raids along the river\n\
             Indian allies of the French raided farms along the river and took the settlers \
             to the fort as captives in 1757. The raids went on for two more summers.",
        )
        .await;
        ingest(
            &desk,
            "Court hears the plea\n\
             Mohandas Gandhi pleaded guilty and told the court he would take the heaviest \
             penalty it could give. The judge sentenced him to six years.",
        )
        .await;
        // `Indian` says what the answer is: a source need not write it to be cited.
        let a = desk
            .ask(
                Scope::Local,
                "Which famous Indian put himself at the mercy of the court?",
            )
            .await
            .unwrap();
        assert!(
            a.sources.iter().any(|s| s.sentence.contains("Gandhi")),
            "{a:#?}"
        );
    }
}

#[tokio::test]
async fn who_wrote_it_and_when_are_read_from_the_article_itself() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/extract/tram-extension.html"
    ))
    .unwrap();
    let tram = desk
        .ingest(
            Scope::Local,
            Source::Html {
                html: page,
                url: Some("https://www.riverton-courier.example/tram".into()),
            },
            &|_| {},
        )
        .await
        .expect("ingest")
        .article()
        .id;
    let plain = ingest(&desk, "Ferry back\nThe harbour ferry returned on Monday.").await;
    let on = |id: i64| AskContext {
        about: None,
        article: Some(newsdesk::model::ArticleId(id)),
    };
    let ask = |q: &'static str, id: i64| {
        let desk = &desk;
        async move { desk.ask_with(Scope::Local, q, &on(id)).await.unwrap() }
    };
    let a = ask("who wrote it?", tram.0).await;
    assert_eq!(short(&a), "Maya Okafor, Tom Lindqvist");
    assert_eq!(a.sources[0].article.id, tram);
    assert_eq!(
        short(&ask("when was this published", tram.0).await),
        "14 March 2025"
    );
    assert_eq!(
        short(&ask("which outlet is it from", tram.0).await),
        "Riverton Courier"
    );
    let about = ask("what's this article about?", tram.0).await;
    assert!(about.answer.is_none() && !about.sources.is_empty());
    assert!(about.lead_in.contains("Council backs tram extension"));
    // A page without a byline says so, citing which article.
    let none = ask("who wrote it?", plain).await;
    assert!(none.answer.is_none());
    assert_eq!(none.lead_in, "The article names no author.");
    assert_eq!(none.sources[0].sentence, "Ferry back");
    // Asked of what the article reports, it is an ordinary question.
    let vote = ask("how many voted against the extension", tram.0).await;
    assert_eq!(short(&vote), "12");
}
