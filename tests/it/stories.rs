//! Copies and stories (issue 15): fixtures written for these tests, through the real ingest.

use newsdesk::Newsdesk;
use newsdesk::ingest::Source;
use newsdesk::model::{ArticleId, Scope};

async fn put(desk: &Newsdesk, text: &str, url: &str) -> ArticleId {
    desk.ingest(
        Scope::Local,
        Source::Text {
            text: text.into(),
            url: Some(url.into()),
        },
        &|_| {},
    )
    .await
    .expect("ingest")
    .article()
    .id
}

/// The first report of the bridge story, from the coastal outlet.
async fn bridge_report(desk: &Newsdesk) -> ArticleId {
    put(
        desk,
        &format!("Lowmoor closes harbour bridge after cracks found\n{BODY}"),
        "https://coastal-herald.example/news/bridge-closed",
    )
    .await
}

/// The bridge story as two outlets tell it: the first report and the other outlet's.
async fn bridge_story(desk: &Newsdesk) -> (ArticleId, ArticleId) {
    let first = bridge_report(desk).await;
    let second = put(
        desk,
        OTHER_OUTLET,
        "https://harbour-gazette.example/bridge-shut",
    )
    .await;
    (first, second)
}

const BODY: &str = "LOWMOOR, March 3, 2026 - The Lowmoor city council voted on Tuesday to close the old \
harbour bridge to all traffic after engineers found deep cracks in two of its steel supports.
Mayor Lena Ortiz said repairs would take at least six months and cost more than four million euros.
\"We cannot take any risk with people's lives,\" Ortiz told reporters outside the town hall.
Ferries will run every twenty minutes while the bridge is shut, and buses will be rerouted through the northern tunnel.
Shop owners on the waterfront said they feared losing customers during the busy summer season.

The bridge, built in 1931, carries about eighteen thousand vehicles a day between the old town and the port.";

fn body_without_last_paragraph() -> &'static str {
    BODY.rsplit_once("\n\n").unwrap().0
}

/// The same event written up by another outlet in its own words.
const OTHER_OUTLET: &str = "Lowmoor shuts harbour bridge over cracked supports
LOWMOOR, March 4, 2026 - Drivers in Lowmoor face long detours after the council shut the harbour bridge.
Inspectors discovered cracks in the steel supports of the ninety-year-old crossing last week, prompting the emergency closure.
Lena Ortiz, the mayor, estimated the repair bill at over four million euros and said the work could last half a year.
Extra ferry services started on Wednesday morning, with some commuters reporting queues of forty minutes.
\"This bridge is the spine of our town,\" said Marco Bellini, who runs a cafe near the port.";

/// The same people and place years later: a different event.
const YEARS_LATER: &str = "Lowmoor opens new harbour crossing
LOWMOOR, September 12, 2031 - Mayor Lena Ortiz cut the ribbon on a new cable-stayed crossing over Lowmoor harbour on Friday.
The crossing, designed by a Danish firm, took three years to build and includes a cycle lane and a tram line.
Thousands of residents walked across the deck before it opened to cars in the evening.
\"Today we finally have a crossing fit for the next century,\" Ortiz said at the ceremony.
The city plans to turn the old structure into a pedestrian park with market stalls by 2033.";

#[tokio::test]
async fn copies_link_to_the_first_and_share_its_story() {
    for db in crate::support::engines().await {
        db.announce("copies_link_to_the_first_and_share_its_story");
        let desk = db.desk().await;
        let original = put(
            &desk,
            &format!("Lowmoor closes harbour bridge after cracks found\n{BODY}"),
            "https://coastal-herald.example/news/bridge-closed",
        )
        .await;
        let boilerplate = put(
        &desk,
        &format!(
            "Lowmoor closes harbour bridge after cracks found\nSubscribe to our newsletter for the day's top stories.\n{BODY}\n© 2026 Northern Wire. All rights reserved. Share this article."
        ),
        "https://northern-wire.example/2026/03/03/lowmoor-bridge",
    )
    .await;
        let retitled = put(
            &desk,
            &format!("Cracked supports force Lowmoor bridge closure\n{BODY}"),
            "https://daily-ledger.example/bridge",
        )
        .await;
        let trimmed = put(
            &desk,
            &format!(
                "Lowmoor closes harbour bridge after cracks found\n{}",
                body_without_last_paragraph()
            ),
            "https://regional-times.example/lowmoor",
        )
        .await;
        let other = put(
            &desk,
            OTHER_OUTLET,
            "https://harbour-gazette.example/bridge-shut",
        )
        .await;
        let ids = [original, boilerplate, retitled, trimmed, other];
        assert_eq!(
            ids.iter().collect::<std::collections::HashSet<_>>().len(),
            5,
            "five articles stored"
        );

        let store = desk.store();
        assert_eq!(
            store
                .placement(Scope::Local, original)
                .await
                .unwrap()
                .copy_of,
            None
        );
        for copy in [boilerplate, retitled, trimmed] {
            assert_eq!(
                store.placement(Scope::Local, copy).await.unwrap().copy_of,
                Some(original),
                "#{copy} is a copy of #{original}"
            );
        }
        assert_eq!(
            store.placement(Scope::Local, other).await.unwrap().copy_of,
            None,
            "another outlet's own report is not a copy"
        );
        let stories = desk.stories(Scope::Local).await.unwrap();
        assert_eq!(stories.len(), 1, "{stories:?}");
        assert_eq!(stories[0].articles, ids.to_vec());

        // The story view: one headline, every outlet, no sentence twice.
        let view = desk.story(Scope::Local, other).await.unwrap();
        assert_eq!(view.articles.len(), 5);
        assert_eq!(
            view.articles.iter().filter(|a| a.copy_of.is_some()).count(),
            3
        );
        let mut seen = std::collections::HashSet::new();
        for line in &view.summary {
            assert!(seen.insert(line.text.clone()), "repeated: {}", line.text);
        }
        assert!(
            view.quoted.iter().any(|q| q.speaker.contains("Ortiz")),
            "{:?}",
            view.quoted
        );

        // The list shows each article's story (by its first article) and its copies; a search
        // and a second page read the same notes.
        let list = desk
            .articles(Scope::Local, None, newsdesk::query::Page::first(10))
            .await
            .unwrap();
        assert_eq!(list.articles.len(), 5);
        for id in ids {
            let note = &list.notes[&id];
            assert_eq!((note.story, note.story_size), (Some(original), 5), "#{id}");
        }
        assert_eq!(list.notes[&retitled].copy_of, Some(original));
        assert_eq!(list.notes[&other].copy_of, None);
        let mut outlets = list.notes[&original].also_published_by.clone();
        outlets.sort();
        assert_eq!(outlets.len(), 3, "{outlets:?}");
        assert!(
            outlets.iter().any(|o| o.contains("daily-ledger")),
            "{outlets:?}"
        );
        let found = desk
            .articles(
                Scope::Local,
                Some("Lowmoor bridge"),
                newsdesk::query::Page { index: 1, size: 2 },
            )
            .await
            .unwrap();
        assert_eq!(found.articles.len(), 2, "{:?}", found.articles);
        for a in &found.articles {
            assert_eq!(found.notes[&a.id].story, Some(original));
        }

        // Forgetting the original: it leaves the story, the copies stay and lose their link.
        desk.forget(Scope::Local, original).await.unwrap();
        let stories = desk.stories(Scope::Local).await.unwrap();
        assert_eq!(stories.len(), 1);
        assert!(!stories[0].articles.contains(&original));
        assert_eq!(
            store
                .placement(Scope::Local, retitled)
                .await
                .unwrap()
                .copy_of,
            None
        );
        // What is left of the story is still stored whole: a centroid, and postings to find it by.
        let (centroids, postings): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM stories WHERE centroid IS NOT NULL AND norm2 > 0), \
         (SELECT count(*) FROM story_postings)",
        )
        .fetch_one(store.inspect_pool())
        .await
        .unwrap();
        assert_eq!(centroids, 1);
        assert!(postings > 0);

        // Rebuilding gives the same grouping, and the first surviving copy is now the original.
        desk.rebuild_stories(Scope::Local).await.unwrap();
        let rebuilt = desk.stories(Scope::Local).await.unwrap();
        assert_eq!(rebuilt.len(), 1, "{rebuilt:?}");
        assert_eq!(rebuilt[0].articles, stories[0].articles);
        assert_eq!(
            store
                .placement(Scope::Local, retitled)
                .await
                .unwrap()
                .copy_of,
            Some(boilerplate)
        );
    }
}

#[tokio::test]
async fn the_same_people_years_apart_are_two_stories() {
    for db in crate::support::engines().await {
        db.announce("the_same_people_years_apart_are_two_stories");
        let desk = db.desk().await;
        let (first, second) = bridge_story(&desk).await;
        let later = put(
            &desk,
            YEARS_LATER,
            "https://coastal-herald.example/news/new-crossing",
        )
        .await;
        let stories = desk.stories(Scope::Local).await.unwrap();
        let story_of = |id: ArticleId| {
            stories
                .iter()
                .position(|s| s.articles.contains(&id))
                .expect("every article has a story")
        };
        assert_eq!(story_of(first), story_of(second), "{stories:?}");
        assert_ne!(story_of(first), story_of(later), "{stories:?}");
        // Forgetting the only article of a story removes the story.
        desk.forget(Scope::Local, later).await.unwrap();
        assert_eq!(desk.stories(Scope::Local).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn stories_are_per_scope() {
    for db in crate::support::engines().await {
        db.announce("stories_are_per_scope");
        let desk = db.desk().await;
        let text = format!("Lowmoor closes harbour bridge after cracks found\n{BODY}");
        put(&desk, &text, "https://coastal-herald.example/a").await;
        let guild = desk
            .ingest(
                Scope::Guild(7),
                Source::Text {
                    text: OTHER_OUTLET.into(),
                    url: None,
                },
                &|_| {},
            )
            .await
            .unwrap()
            .article()
            .id;
        assert_eq!(desk.stories(Scope::Local).await.unwrap().len(), 1);
        let theirs = desk.stories(Scope::Guild(7)).await.unwrap();
        assert_eq!(theirs.len(), 1);
        assert_eq!(theirs[0].articles, vec![guild]);
    }
}

/// A copy with one sentence lightly edited: an answer cites that sentence once, from one of them.
#[tokio::test]
async fn ask_cites_a_copied_sentence_once() {
    for db in crate::support::engines().await {
        db.announce("ask_cites_a_copied_sentence_once");
        let desk = db.desk().await;
        let original = put(
            &desk,
            &format!("Lowmoor closes harbour bridge after cracks found\n{BODY}"),
            "https://coastal-herald.example/news/bridge-closed",
        )
        .await;
        let edited = BODY.replace(
            "Mayor Lena Ortiz said repairs would take at least six months",
            "Mayor Lena Ortiz said on Tuesday that repairs would take at least six months",
        );
        let copy = put(
            &desk,
            &format!("Cracked supports force Lowmoor bridge closure\n{edited}"),
            "https://northern-wire.example/bridge",
        )
        .await;
        assert_eq!(
            desk.store()
                .placement(Scope::Local, copy)
                .await
                .unwrap()
                .copy_of,
            Some(original)
        );
        let answer = desk
            .ask_with(
                Scope::Local,
                "How long will the repairs of the bridge take?",
                &Default::default(),
            )
            .await
            .unwrap();
        let repairs = answer
            .sources
            .iter()
            .filter(|c| c.sentence.contains("repairs would take"))
            .count();
        assert_eq!(repairs, 1, "{:?}", answer.sources);
    }
}

/// Two arrests at one club within weeks: the same kind of event, the same place and team, other
/// people. Time cannot tell them apart; who the reports are about does.
const ARREST_ONE: &str = "Harbour FC striker Tomas Brandt arrested after crash
KESTON - Harbour FC striker Tomas Brandt was arrested on suspicion of drink-driving early on Sunday after his car hit a lamp post on the coast road, Keston police said.
Brandt was taken to the central station and released on bail later in the morning.
The club said it was aware of the arrest of Tomas Brandt and would not comment while the police inquiry continued.
Brandt, who scored twice in Saturday's win, is expected to train with the squad this week.
Police said nobody else was hurt in the crash on the coast road.";

const ARREST_ONE_AGAIN: &str = "Keston police arrest Harbour FC's Brandt
KESTON - Police in Keston arrested Harbour FC striker Tomas Brandt on suspicion of drink-driving after his car struck a lamp post on the coast road early on Sunday.
Brandt was released on bail hours later, a police spokesman said.
Harbour FC said it would wait for the police inquiry before deciding whether Brandt faces club discipline.
Brandt has been the club's top scorer this season.";

const ARREST_TWO: &str = "Second Harbour FC player arrested in a month
KESTON - Harbour FC defender Milan Sorensen was arrested on suspicion of drink-driving on Saturday night, the club's second such arrest in less than a month, Keston police said.
Sorensen was stopped for speeding on the ring road and failed a breath test.
Sorensen was held at the central station and released on bail.
Last month striker Tomas Brandt was arrested after a crash on the coast road.
Harbour FC said Sorensen would be left out of the squad for Tuesday's match.";

#[tokio::test]
async fn the_same_kind_of_event_about_other_people_is_another_story() {
    for db in crate::support::engines().await {
        db.announce("the_same_kind_of_event_about_other_people_is_another_story");
        let desk = db.desk().await;
        let one = put(&desk, ARREST_ONE, "https://keston-news.example/brandt").await;
        let again = put(&desk, ARREST_ONE_AGAIN, "https://coast-post.example/brandt").await;
        let two = put(&desk, ARREST_TWO, "https://keston-news.example/sorensen").await;
        let stories = desk.stories(Scope::Local).await.unwrap();
        let story_of = |id: ArticleId| {
            stories
                .iter()
                .position(|s| s.articles.contains(&id))
                .expect("every article has a story")
        };
        assert_eq!(story_of(one), story_of(again), "{stories:?}");
        assert_ne!(story_of(one), story_of(two), "{stories:?}");
        // A rebuild comes to the same grouping.
        desk.store().rebuild_stories(Scope::Local).await.unwrap();
        let rebuilt = desk.stories(Scope::Local).await.unwrap();
        assert_eq!(rebuilt.len(), 2, "{rebuilt:?}");
    }
}

/// A story's last member forgotten takes the story's postings with it, whatever the sums left.
#[tokio::test]
async fn forgetting_a_story_s_last_article_leaves_no_postings() {
    for db in crate::support::engines().await {
        db.announce("forgetting_a_story_s_last_article_leaves_no_postings");
        let desk = db.desk().await;
        let (first, second) = bridge_story(&desk).await;
        let store = desk.store();
        assert!(crate::support::scalar(store, "SELECT count(*) FROM story_postings").await > 0);
        desk.forget(Scope::Local, first).await.unwrap();
        assert!(crate::support::scalar(store, "SELECT count(*) FROM story_postings").await > 0);
        desk.forget(Scope::Local, second).await.unwrap();
        for table in ["stories", "story_articles", "story_postings"] {
            let n = crate::support::scalar(store, &format!("SELECT count(*) FROM {table}")).await;
            assert_eq!(n, 0, "{table}");
        }
    }
}

/// A store from before migration 0010 kept one row a posting in `story_terms`: opening it packs
/// them into `story_postings`, drops the old table, and new articles still find their story.
#[tokio::test]
async fn postings_of_an_older_store_are_packed_when_it_opens() {
    for db in crate::support::engines().await {
        db.announce("postings_of_an_older_store_are_packed_when_it_opens");
        let desk = db.desk().await;
        let first = bridge_report(&desk).await;
        let pool = desk.store().inspect_pool().clone();
        // The old layout, filled as the code before 0010 posted: each member's 24 heaviest terms.
        sqlx::query(
            "CREATE TABLE story_terms (scope TEXT NOT NULL, term TEXT NOT NULL, \
             story_id BIGINT NOT NULL, weight DOUBLE PRECISION NOT NULL, \
             PRIMARY KEY (scope, term, story_id))",
        )
        .execute(&pool)
        .await
        .unwrap();
        let members: Vec<(i64, String)> =
            sqlx::query_as("SELECT story_id, vector FROM story_articles")
                .fetch_all(&pool)
                .await
                .unwrap();
        let mut terms = std::collections::HashSet::new();
        for (story, vector) in &members {
            let v: Vec<(String, f64)> = serde_json::from_str(vector).unwrap();
            for (term, weight) in v.iter().take(24) {
                terms.insert(term.clone());
                sqlx::query(
                    "INSERT INTO story_terms (scope, term, story_id, weight) VALUES ($1, $2, $3, $4)",
                )
                .bind("local")
                .bind(term)
                .bind(story)
                .bind(weight)
                .execute(&pool)
                .await
                .unwrap();
            }
        }
        assert!(!terms.is_empty());
        sqlx::query("DELETE FROM story_postings")
            .execute(&pool)
            .await
            .unwrap();
        drop(desk);
        pool.close().await;

        let desk = db.desk().await;
        let store = desk.store();
        let packed = crate::support::scalar(store, "SELECT count(*) FROM story_postings").await;
        assert_eq!(packed as usize, terms.len());
        let old = crate::support::scalar(
            store,
            if db.is_postgres() {
                "SELECT count(*) FROM pg_tables WHERE tablename = 'story_terms'"
            } else {
                "SELECT count(*) FROM sqlite_master WHERE name = 'story_terms'"
            },
        )
        .await;
        assert_eq!(old, 0, "the old table is dropped");
        let second = put(
            &desk,
            OTHER_OUTLET,
            "https://harbour-gazette.example/bridge-shut",
        )
        .await;
        let stories = desk.stories(Scope::Local).await.unwrap();
        assert_eq!(stories.len(), 1, "{stories:?}");
        assert_eq!(stories[0].articles, vec![first, second]);
    }
}
