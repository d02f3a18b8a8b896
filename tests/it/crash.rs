//! Crash safety: the real `newsdesk ingest` fetching from a loopback server is killed with SIGKILL
//! at random moments (seeded, a bounded number of rounds). After every kill the store must be
//! intact (each round adds new pages to the ones before, so a kill finds work in progress):
//! `PRAGMA integrity_check` is ok, both full-text indexes agree with their tables, every
//! article has all its sentences, quotes and mentions, and the kept counts match. A last run to
//! the end then stores each page exactly once.

use axum::extract::Path as UrlPath;
use axum::response::Html;
use axum::routing::get;
use newsdesk::analysis;
use newsdesk::store::Store;
use sqlx::Row;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// New pages each round brings, so every kill finds work in progress.
const PER_ROUND: usize = 25;
/// Rounds in CI; `NEWSDESK_CRASH_ROUNDS` asks for more (and `NEWSDESK_CRASH_SEED` for other
/// moments).
const ROUNDS: usize = 6;

fn page(n: usize) -> String {
    let names = ["Rosa Delgado", "Tomas Brek", "Ana Holm", "Ivo Marsh"];
    let who = names[n % names.len()];
    let mut body = String::new();
    for k in 0..12 {
        body.push_str(&format!(
            "<p>The Kelby council voted on plan {n}-{k} on Tuesday after a debate that ran late. \
             \"We cannot wait another year for section {k},\" said {who}, who chairs the board. \
             Work on the {k}th stretch of road {n} would start in March, {who} told reporters.</p>"
        ));
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Council plan {n}</title></head>\
         <body><article><h1>Council plan {n}</h1>{body}</article></body></html>"
    )
}

/// SplitMix64: a seeded sequence of kill moments, the same on every run.
struct Seq(u64);

impl Seq {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn ingest(dir: &Path, urls: &[String]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    cmd.current_dir(dir)
        .args([
            "--config",
            "guard.toml",
            "--db",
            "crash.db",
            "ingest",
            "--json",
        ])
        .args(["--concurrency", "4"])
        .args(urls)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, _) in std::env::vars() {
        if k.starts_with("NEWSDESK_") || k == "DISCORD_TOKEN" || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd
}

/// Everything that must hold after a kill; the number of articles stored.
async fn assert_intact(db: &Path) -> usize {
    let store = Store::open(db).await.unwrap();
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    for fts in ["articles_fts", "sentences_fts"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {fts} ({fts}) VALUES ('integrity-check')"
        )))
        .execute(store.inspect_pool())
        .await
        .unwrap_or_else(|e| panic!("{fts} disagrees with its table: {e}"));
    }
    let rows = sqlx::query(
        "SELECT a.id, a.text, a.summary_size, \
         (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS sentences, \
         (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, \
         (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS mentions, \
         (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"council\"' AND rowid = a.id) AS indexed \
         FROM articles a",
    )
    .fetch_all(store.inspect_pool())
    .await
    .unwrap();
    for r in &rows {
        let id: i64 = r.get("id");
        let text: String = r.get("text");
        let expected = analysis::analyze(&text, r.get::<i64, _>("summary_size") as usize);
        let count = |c: &str| r.get::<i64, _>(c) as usize;
        assert_eq!(
            count("sentences"),
            expected.sentences.len(),
            "#{id} sentences"
        );
        assert_eq!(count("quotes"), expected.quotes.len(), "#{id} quotes");
        assert!(
            count("mentions") > 0 || expected.entities.is_empty(),
            "#{id} lacks its mentions"
        );
        assert_eq!(count("indexed"), 1, "#{id} is not in the full-text index");
    }
    let kept = newsdesk::ops::metrics::store_stats(&store).await.unwrap();
    let full: i64 = sqlx::query_scalar("SELECT count(*) FROM quotes")
        .fetch_one(store.inspect_pool())
        .await
        .unwrap();
    assert_eq!(
        (kept.articles, kept.quotes),
        (rows.len() as i64, full),
        "kept counts"
    );
    store.close().await;
    rows.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_during_ingest_leaves_a_whole_store() {
    let app = axum::Router::new().route(
        "/story/{n}",
        get(|UrlPath(n): UrlPath<usize>| async move {
            // A little latency, so kills land while fetches, analyses and writes overlap.
            tokio::time::sleep(Duration::from_millis(5)).await;
            Html(page(n))
        }),
    );
    let addr = crate::support::serve_loopback(app).await;

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    crate::support::write_loopback_guard(&d);
    let env = |k: &str| std::env::var(k).ok().and_then(|s| s.parse::<u64>().ok());
    let rounds = env("NEWSDESK_CRASH_ROUNDS").map_or(ROUNDS, |r| r as usize);
    let pages = PER_ROUND * rounds;
    let urls: Vec<String> = (0..pages)
        .map(|n| format!("http://{addr}/story/{n}"))
        .collect();
    let seed = env("NEWSDESK_CRASH_SEED").unwrap_or(17);
    let mut seq = Seq(seed);
    let db = d.join("crash.db");
    let mut stored = Vec::new();
    // How long a round ran when it last finished: kills land at a random share of it, so that
    // most of them hit a running ingest whether the binary is a slow debug or a fast release one.
    let mut typical = Duration::from_millis(1000);
    let mut killed = 0;
    for round in 0..rounds {
        // The pages of the rounds before (duplicates now, or left unfinished) and new ones.
        let mut child = ingest(&d, &urls[..PER_ROUND * (round + 1)])
            .spawn()
            .unwrap();
        let wait = typical.mul_f64(0.1 + (seq.next() % 1000) as f64 / 1000.0);
        let started = std::time::Instant::now();
        let mut finished = false;
        while started.elapsed() < wait {
            if child.try_wait().unwrap().is_some() {
                finished = true;
                typical = started.elapsed();
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        killed += usize::from(!finished);
        // Child::kill is SIGKILL on Unix: no handler, no cleanup.
        let _ = child.kill();
        let _ = child.wait();
        let n = if db.exists() {
            assert_intact(&db).await
        } else {
            0
        };
        println!(
            "round {round}: killed after {wait:?}{}, {n} articles stored",
            if finished { " (already finished)" } else { "" }
        );
        stored.push(n);
    }
    // Finish the batch: every page lands, once.
    let d2 = d.clone();
    let urls2 = urls.clone();
    let status = tokio::task::spawn_blocking(move || ingest(&d2, &urls2).status())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "the last run failed");
    assert_eq!(assert_intact(&db).await, pages);
    let store = Store::open(&db).await.unwrap();
    let distinct: i64 = sqlx::query_scalar("SELECT count(DISTINCT url) FROM articles")
        .fetch_one(store.inspect_pool())
        .await
        .unwrap();
    assert_eq!(distinct, pages as i64, "each page stored exactly once");
    store.close().await;
    println!(
        "seed {seed}: {killed} of {rounds} rounds killed while running; stored after each {stored:?}"
    );
}
