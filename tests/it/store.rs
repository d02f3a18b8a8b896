//! The store on each engine (a real SQLite file; PostgreSQL when `NEWSDESK_TEST_PG_URL` names a
//! server): migrations on an empty database, forget cascades, long articles.

use crate::support::{TestDb, engines};
use newsdesk::analysis;
use newsdesk::ingest::Source;
use newsdesk::model::Scope;
use newsdesk::{Config, Newsdesk};

async fn desk(dir: &tempfile::TempDir) -> Newsdesk {
    let mut config = Config::default();
    config.database.path = dir.path().join("nested/dir/test.db");
    Newsdesk::open(config).await.expect("open")
}

async fn count(desk: &Newsdesk, table: &str) -> i64 {
    crate::support::scalar(desk.store(), &format!("SELECT count(*) FROM {table}")).await
}

#[tokio::test]
async fn migrations_create_every_table_on_an_empty_database() {
    for db in engines().await {
        let desk = db.desk().await;
        for table in db.store_tables() {
            assert_eq!(count(&desk, table).await, 0, "{table}");
        }
        drop(desk);
        let again = db.desk().await;
        assert_eq!(
            count(&again, "articles").await,
            0,
            "opening again is a no-op"
        );
    }
}

#[tokio::test]
async fn sqlite_files_are_created_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(desk.store().inspect_pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(desk.store().inspect_pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    // Opening again is a no-op.
    drop(desk);
    let again = self::desk(&dir).await;
    assert_eq!(count(&again, "articles").await, 0);
}

#[tokio::test]
async fn forget_leaves_nothing_behind() {
    for db in engines().await {
        forget_leaves_nothing_behind_on(&db).await;
    }
}

async fn forget_leaves_nothing_behind_on(db: &TestDb) {
    let desk = db.desk().await;
    let text = "Port authority approves expansion\nThe Lowmoor Port Authority approved the expansion on Friday. \
                \"This is a good day for the region,\" said director Alan Pryce. Pryce said work would begin in May.";
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
        .unwrap();
    let id = outcome.article().id;
    assert!(count(&desk, "sentences").await > 0);
    assert!(count(&desk, "quotes").await > 0);
    let analysed = analysis::analyze(text, 3);
    assert_eq!(
        count(&desk, "sentences").await as usize,
        analysed.sentences.len()
    );

    desk.forget(Scope::Local, id).await.unwrap();
    for table in [
        "articles",
        "sentences",
        "entities",
        "article_entities",
        "entity_aliases",
        "mentions",
        "quotes",
    ] {
        assert_eq!(count(&desk, table).await, 0, "{table} emptied");
    }
    if db.is_postgres() {
        // Full text is an index over the table there: nothing else to empty.
        return;
    }
    let fts_hits: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'expansion'",
    )
    .fetch_one(desk.store().inspect_pool())
    .await
    .unwrap();
    assert_eq!(fts_hits, 0, "FTS rows removed");
    let fts_hits: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'expansion'",
    )
    .fetch_one(desk.store().inspect_pool())
    .await
    .unwrap();
    assert_eq!(fts_hits, 0, "article FTS rows removed");
}

/// `#N` names one article for good: forgetting the newest article does not hand its number to
/// the next one (SQLite's rowid alone would: max(id) + 1), in a single ingest or a bulk one, nor
/// after the store is opened again.
#[tokio::test]
async fn a_forgotten_newest_article_keeps_its_number_to_itself() {
    for db in engines().await {
        db.announce("a_forgotten_newest_article_keeps_its_number_to_itself");
        let text = |n: usize| Source::Text {
            text: format!(
                "Tram line {n} opens\nThe Lowmoor tram line {n} opened on Monday, said mayor \
                 Lena Ortiz. Ortiz said trams run every ten minutes."
            ),
            url: None,
        };
        let desk = db.desk().await;
        let put = |n: usize| {
            let desk = desk.clone();
            async move {
                let done = desk.ingest(Scope::Local, text(n), &|_| {}).await.unwrap();
                done.article().id
            }
        };
        let a = put(0).await;
        let b = put(1).await;
        assert!(b > a);
        assert_eq!(desk.store().next_article_id().await.unwrap().0, b.0 + 1);
        desk.forget(Scope::Local, b).await.unwrap();
        assert_eq!(
            desk.store().next_article_id().await.unwrap().0,
            b.0 + 1,
            "#{b}'s number stays spent"
        );
        let c = put(2).await;
        assert!(c > b, "#{c} after forgetting #{b}");

        // A bulk ingest (many articles a transaction) numbers the same way...
        desk.forget(Scope::Local, c).await.unwrap();
        let bulk = desk.ingest_bulk(Scope::Local, vec![text(3), text(4)]).await;
        let ids: Vec<_> = bulk
            .iter()
            .map(|r| r.as_ref().unwrap().article().id)
            .collect();
        assert!(ids[0] > c && ids[1] > ids[0], "{ids:?} after #{c}");

        // ...and so does a store opened again after its newest article was forgotten.
        desk.forget(Scope::Local, ids[1]).await.unwrap();
        desk.store().close().await;
        drop(desk);
        let again = db.desk().await;
        let d = again.ingest(Scope::Local, text(5), &|_| {}).await.unwrap();
        assert!(
            d.article().id > ids[1],
            "{:?} after {}",
            d.article().id,
            ids[1]
        );
        again.store().close().await;
    }
}

/// A SQLite store written before migration 0011 starts its mark at its highest stored number.
#[tokio::test]
async fn an_older_sqlite_store_numbers_past_its_highest_article() {
    let db = crate::support::sqlite_db();
    let desk = db.desk().await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let text = format!(
            "Ferry {n} delayed\nThe Kelby ferry {n} left late on Monday, said harbour master \
             Ines Vale. Vale said fog was to blame."
        );
        let source = Source::Text { text, url: None };
        let done = desk.ingest(Scope::Local, source, &|_| {}).await.unwrap();
        ids.push(done.article().id);
    }
    // Back to the state before the migration, its newest article forgotten before it ran (a
    // number the migration cannot know of: the mark starts at #2).
    desk.forget(Scope::Local, ids[2]).await.unwrap();
    for sql in [
        "DROP TRIGGER article_numbers_insert",
        "DROP TABLE article_numbers",
        "DELETE FROM _sqlx_migrations WHERE version = 11",
    ] {
        sqlx::query(sql)
            .execute(desk.store().inspect_pool())
            .await
            .unwrap();
    }
    desk.store().close().await;
    drop(desk);
    let desk = db.desk().await;
    assert_eq!(desk.store().next_article_id().await.unwrap(), ids[2]);
    desk.forget(Scope::Local, ids[1]).await.unwrap();
    let source = Source::Text {
        text: "Bridge reopens\nThe Kelby bridge reopened on Friday, said mayor Lena Ortiz.".into(),
        url: None,
    };
    let next = desk.ingest(Scope::Local, source, &|_| {}).await.unwrap();
    assert_eq!(
        next.article().id,
        ids[2],
        "past #{}, forgotten since it ran",
        ids[1]
    );
    desk.store().close().await;
}

/// An article far longer than one multi-row INSERT holds, with two entities that share a
/// canonical key: every row lands, the shared key is one entity with the longer name.
#[tokio::test]
async fn long_articles_and_shared_keys_store_every_row() {
    for db in engines().await {
        long_articles_on(&db).await;
    }
}

async fn long_articles_on(db: &TestDb) {
    use newsdesk::analysis::{Analysis, Entity, EntityKind, Quote, Span, Speaker};
    use newsdesk::store::NewArticle;

    let desk = db.desk().await;
    let sentence = "Quill met Rowe in Lowmoor. ";
    let n = 900;
    let text = sentence.repeat(n);
    let text = text.trim_end();
    let len = sentence.len();
    let at = |k: usize, word: &str| {
        let start = k * len + sentence.find(word).unwrap();
        Span::new(start, start + word.len())
    };
    let sentences: Vec<Span> = (0..n)
        .map(|k| Span::new(k * len, k * len + len - 1))
        .collect();
    let entity = |name: &str, kind, word: &str, every: usize, from: usize| Entity {
        name: name.into(),
        kind,
        aliases: vec![word.into()],
        roles: vec!["reporter".into()],
        mentions: (from..n).step_by(every).map(|k| at(k, word)).collect(),
    };
    let analysis = Analysis {
        summary: vec![0, 1, 2],
        quotes: (0..450)
            .map(|k| Quote {
                span: at(k, "met Rowe"),
                speaker: Some(Speaker {
                    mention: at(k, "Quill"),
                    name: "Ana Quill".into(),
                    entity: Some(0),
                }),
                score: 1.0 / (k + 1) as f32,
            })
            .collect(),
        entities: vec![
            // Same canonical key: "Ana Quill" and "ANA QUILL" are one entity of the store.
            entity("Ana Quill", EntityKind::Person, "Quill", 2, 0),
            entity("ANA  QUILL", EntityKind::Person, "Quill", 2, 1),
            entity("Ben Rowe", EntityKind::Person, "Rowe", 1, 0),
            entity("Lowmoor", EntityKind::Place, "Lowmoor", 1, 0),
        ],
        sentences,
    };
    let new = NewArticle {
        scope: Scope::Local,
        url: None,
        content_hash: "long",
        title: Some("Long"),
        byline: None,
        published: None,
        site: None,
        language: None,
        text,
        summary_size: 3,
        ingested_at: "2026-01-01T00:00:00Z",
    };
    let id = desk.store().insert_article(&new, &analysis).await.unwrap();

    assert_eq!(count(&desk, "sentences").await, n as i64);
    assert_eq!(count(&desk, "quotes").await, 450);
    assert_eq!(count(&desk, "mentions").await, 3 * n as i64);
    assert_eq!(count(&desk, "entities").await, 3);
    assert_eq!(count(&desk, "article_entities").await, 3);
    let key = newsdesk::analysis::entities::canonical_key("Ana Quill");
    let name: String = sqlx::query_scalar("SELECT name FROM entities WHERE key = $1")
        .bind(&key)
        .fetch_one(desk.store().inspect_pool())
        .await
        .unwrap();
    assert_eq!(name, "ANA  QUILL", "the longer display name is kept");
    let quill_mentions: i64 = sqlx::query_scalar(
        "SELECT mention_count FROM article_entities a JOIN entities e ON e.id = a.entity_id \
         WHERE e.key = $1",
    )
    .bind(&key)
    .fetch_one(desk.store().inspect_pool())
    .await
    .unwrap();
    assert_eq!(quill_mentions, n as i64, "both halves counted");
    let ranked = crate::support::scalar(
        desk.store(),
        "SELECT count(DISTINCT rank) FROM quotes WHERE speaker_entity IS NOT NULL",
    )
    .await;
    assert_eq!(ranked, 450);
    let summary = desk.summary(Scope::Local, id, None).await.unwrap();
    assert_eq!(summary.sentences.len(), 3);
    let profile = desk.entity(Scope::Local, "quill").await.unwrap();
    assert!(
        matches!(profile, newsdesk::query::EntityLookup::Found { .. }),
        "{profile:?}"
    );

    desk.forget(Scope::Local, id).await.unwrap();
    for table in db.store_tables() {
        assert_eq!(count(&desk, table).await, 0, "{table} emptied");
    }
}

/// The soak run ingests and queries what it was asked to, in rounds, on a real file, and reports
/// the memory and latency of each round (figures only; nothing about speed is asserted).
#[tokio::test]
async fn a_short_soak_runs_every_kind_in_every_round() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir).await;
    let opts = newsdesk::bench::soak::SoakOptions {
        ingests: 24,
        queries: 140,
        rounds: 2,
        seed: 7,
        scope: Scope::Local,
    };
    let report = newsdesk::bench::soak::run(&desk, opts, &|_| {})
        .await
        .unwrap();
    assert_eq!(report.rounds.len(), 2);
    for (k, round) in report.rounds.iter().enumerate() {
        assert_eq!(round.ingests, 12 * (k + 1));
        assert_eq!(round.queries, 70 * (k + 1));
        let calls: Vec<(&str, usize)> =
            round.ops.iter().map(|o| (o.op.as_str(), o.calls)).collect();
        assert_eq!(calls[0], ("ingest", 12));
        assert_eq!(calls.len(), 8, "{calls:?}");
        assert!(calls[1..].iter().all(|&(_, n)| n == 10), "{calls:?}");
        if cfg!(target_os = "linux") {
            let m = round.memory.expect("resident memory read from /proc");
            assert!(
                m.anon_mib > 0.0 && m.rss_mib >= m.anon_mib && m.peak_mib >= m.rss_mib,
                "{m:?}"
            );
        }
    }
    assert_eq!(count(&desk, "articles").await, 24);
}

/// Two `newsdesk ingest` processes given the same 200 links at once, into one PostgreSQL store
/// (named by `NEWSDESK_DATABASE_URL`): both finish, and each article is stored once. The unique
/// constraints decide between the writers, not a check before the insert.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_ingesting_the_same_links_store_each_article_once() {
    use axum::extract::Path as UrlPath;
    use axum::response::Html;
    use std::process::{Command, Stdio};

    let Some(db) = crate::support::postgres_db().await else {
        return;
    };
    let app = axum::Router::new().route(
        "/story/{n}",
        axum::routing::get(|UrlPath(n): UrlPath<usize>| async move {
            let who = ["Rosa Delgado", "Tomas Brek", "Ana Holm"][n % 3];
            Html(format!(
                "<!doctype html><html lang=\"en\"><head><title>Harbour vote {n}</title></head><body>\
                 <article><h1>Harbour vote {n}</h1><p>The Kelby harbour board approved plan {n} on \
                 Tuesday. \"We waited long enough for berth {n},\" said {who}, who chairs the board. \
                 Work on quay {n} starts in March, {who} told reporters in Kelby.</p></article>\
                 </body></html>"
            ))
        }),
    );
    let addr = crate::support::serve_loopback(app).await;
    let dir = tempfile::tempdir().unwrap();
    crate::support::write_loopback_guard(dir.path());
    let urls: Vec<String> = (0..200)
        .map(|n| format!("http://{addr}/story/{n}"))
        .collect();
    let spawn = |urls: Vec<String>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
        cmd.current_dir(dir.path())
            .args(["--config", "guard.toml", "ingest", "--json"])
            .args(["--concurrency", "4"])
            .args(urls)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, _) in std::env::vars() {
            if k.starts_with("NEWSDESK_") || k == "DISCORD_TOKEN" || k == "RUST_LOG" {
                cmd.env_remove(k);
            }
        }
        cmd.env("NEWSDESK_DATABASE_URL", &db.config.url);
        cmd.spawn().unwrap()
    };
    // The second goes through the links backwards, so the two meet on every article.
    let first = spawn(urls.clone());
    let second = spawn(urls.iter().rev().cloned().collect());
    for child in [first, second] {
        let out = tokio::task::spawn_blocking(move || child.wait_with_output())
            .await
            .unwrap()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = db.store().await;
    let scalar = |sql: &'static str| crate::support::scalar(&store, sql);
    assert_eq!(scalar("SELECT count(*) FROM articles").await, 200);
    assert_eq!(
        scalar("SELECT count(DISTINCT url) FROM articles").await,
        200
    );
    assert_eq!(store.stats().await.unwrap().articles, 200, "kept count");
    store.close().await;
}

/// `export` from one engine and `import` into the other carries every article whole: the
/// records read back from PostgreSQL equal those written from SQLite.
#[tokio::test]
async fn export_and_import_carry_articles_between_engines() {
    let Some(pg) = crate::support::postgres_db().await else {
        return;
    };
    let lite = crate::support::sqlite_db();
    let from = lite.desk().await;
    for n in 0..3 {
        let text = format!(
            "Ferry line {n} reopens\nThe Kelby ferry line {n} reopened on Monday after repairs. \
             \"Passengers waited long enough,\" said harbour master Ines Vale. Vale said crossings \
             resume every hour."
        );
        let source = Source::Text { text, url: None };
        from.ingest(Scope::Local, source, &|_| {}).await.unwrap();
    }
    let to = pg.store().await;
    let mut written = Vec::new();
    for id in from.store().export_ids(None).await.unwrap() {
        let record = from.store().export_article(id).await.unwrap();
        to.import_article(&record, None).await.unwrap();
        written.push(record);
    }
    let mut read = Vec::new();
    for id in to.export_ids(None).await.unwrap() {
        read.push(to.export_article(id).await.unwrap());
    }
    assert_eq!(read.len(), 3);
    assert_eq!(read, written);
    // Importing again finds them all stored.
    for record in &written {
        let again = to.import_article(record, None).await.unwrap();
        assert!(
            matches!(again, newsdesk::store::ImportOutcome::Duplicate(_)),
            "{again:?}"
        );
    }
}

/// With the bot split by shard range, each process polls the feeds of the scopes it serves:
/// the servers on its shards, and (shard 0's process) DMs and the local store. The test is in
/// the SQL, on both engines. (Discord's ids stay below 2^63 until 2084; a larger one in a scope
/// typed on the command line must not break the query.)
#[tokio::test]
async fn due_feeds_are_split_by_shard() {
    use newsdesk::shards::ShardRange;
    use newsdesk::store::{FeedMode, NewFeed};
    for db in engines().await {
        db.announce("due_feeds_are_split_by_shard");
        let store = db.store().await;
        let scopes = [
            Scope::Guild(100_000_000_000_000_001), // shard 0 of 2, 2 of 4
            Scope::Guild(100_000_000_004_194_305), // shard 1 of 2, 3 of 4
            Scope::Guild(u64::MAX),                // past i64: shard 1 of 2, 3 of 4
            Scope::User(7),
            Scope::Local,
        ];
        for (n, scope) in scopes.iter().enumerate() {
            let url = format!("https://news.example/feed-{n}.xml");
            let new = NewFeed {
                scope: *scope,
                url: &url,
                channel_id: 1,
                mode: FeedMode::Each,
                title: None,
                site_url: None,
                now: 0,
            };
            store.add_feed(&new).await.unwrap().unwrap();
        }
        let due = |shards: Option<&str>| {
            let store = store.clone();
            let shards: Option<ShardRange> = shards.map(|s| s.parse().unwrap());
            async move {
                let rows = store.due_feeds(None, shards, 10, 100).await.unwrap();
                let mut got: Vec<String> = rows.iter().map(|f| f.scope.to_string()).collect();
                got.sort();
                got
            }
        };
        assert_eq!(due(None).await.len(), 5);
        let zero = due(Some("0-0/2")).await;
        let one = due(Some("1-1/2")).await;
        assert_eq!(
            zero,
            ["guild:100000000000000001", "local", "user:7"],
            "{:?}",
            db.engine
        );
        assert_eq!(
            one,
            ["guild:100000000004194305", "guild:18446744073709551615"]
        );
        // The same answer as the bot's own rule, for every range of 4.
        for first in 0..4 {
            let range: ShardRange = format!("{first}-{first}/4").parse().unwrap();
            let got = due(Some(&range.to_string())).await;
            let mut expected: Vec<String> = scopes
                .iter()
                .filter(|s| range.serves(**s))
                .map(|s| s.to_string())
                .collect();
            expected.sort();
            assert_eq!(got, expected, "{range} on {:?}", db.engine);
        }
    }
}

/// A word's count follows the data: kept counts (PostgreSQL keeps them between questions) are
/// made again after an ingest and after a forget.
#[tokio::test]
async fn word_counts_follow_ingests_and_forgets() {
    for db in engines().await {
        db.announce("word_counts_follow_ingests_and_forgets");
        let desk = db.desk().await;
        let store = desk.store();
        let text = |n: usize| Source::Text {
            text: format!(
                "Harbour crane {n} arrives\nThe Lowmoor harbour crane {n} arrived on Monday, said \
                 director Alan Pryce. The crane lifts forty tonnes."
            ),
            url: None,
        };
        let crane = || vec!["\"crane\"".to_string(), "\"zeppelin\"".to_string()];
        let stored = || async {
            crate::support::scalar(
                store,
                "SELECT count(*) FROM sentences WHERE lower(text) LIKE '%crane%'",
            )
            .await
        };
        assert_eq!(store.term_counts(&crane(), 100).await.unwrap().1, [0, 0]);
        let first = desk.ingest(Scope::Local, text(1), &|_| {}).await.unwrap();
        let once = stored().await;
        assert!(once > 0);
        let (total, counts) = store.term_counts(&crane(), 100).await.unwrap();
        assert!(total > 0);
        assert_eq!(counts, [once, 0], "after the first ingest");
        assert_eq!(store.term_counts(&crane(), 100).await.unwrap().1, [once, 0]);
        assert_eq!(
            store.term_counts(&crane(), 1).await.unwrap().1,
            [1, 0],
            "capped"
        );
        desk.ingest(Scope::Local, text(2), &|_| {}).await.unwrap();
        assert_eq!(stored().await, 2 * once);
        assert_eq!(
            store.term_counts(&crane(), 100).await.unwrap().1,
            [2 * once, 0]
        );
        desk.forget(Scope::Local, first.article().id).await.unwrap();
        assert_eq!(
            store.term_counts(&crane(), 100).await.unwrap().1,
            [once, 0],
            "after a forget"
        );
    }
}
