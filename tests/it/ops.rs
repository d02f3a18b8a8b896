//! Operations end to end: `/metrics` and `/healthz` over real HTTP, backup during a batch ingest,
//! export → import, and batch ingest reporting.

use newsdesk::analysis;
use newsdesk::ingest::Source;
use newsdesk::model::Scope;
use newsdesk::ops::metrics::{CommandOutcome, record_command};
use newsdesk::ops::{Health, Metrics, http};
use newsdesk::store::Store;
use regex::Regex;
use serde_json::Value;
use sqlx::Row;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// A short news text of our own; `n` makes each one distinct.
fn story(n: usize) -> String {
    format!(
        "Harbour board approves pier repair {n}\n\
         The Kelby Harbour Board approved repair plan number {n} on Tuesday after a long debate. \
         \"We cannot let pier {n} fall into the sea,\" said board chair Rosa Delgado. \
         Delgado said the work on section {n} would start in March and take six weeks. \
         Local fishermen welcomed the decision."
    )
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{body}</article>\
         <footer>Example Gazette</footer></body></html>"
    )
}

/// Runs `newsdesk` in `dir` without the developer's `NEWSDESK_*`, token or `RUST_LOG`.
fn newsdesk(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    cmd.current_dir(dir).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("NEWSDESK_") || k == "DISCORD_TOKEN" || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    newsdesk(dir, args).output().expect("run newsdesk")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Checks the Prometheus text exposition format line by line and returns the samples
/// (`name{labels}` → value).
fn parse_exposition(text: &str) -> HashMap<String, f64> {
    let name = r"[a-zA-Z_:][a-zA-Z0-9_:]*";
    let label = r#"[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*""#;
    let sample = Regex::new(&format!(
        r"^({name})(\{{(?:{label})(?:,{label})*,?\}})? (\S+)(?: -?\d+)?$"
    ))
    .unwrap();
    let help = Regex::new(&format!(r"^# HELP {name} .*$")).unwrap();
    let typ = Regex::new(&format!(
        r"^# TYPE ({name}) (counter|gauge|histogram|summary|untyped)$"
    ))
    .unwrap();
    let mut types: HashMap<String, String> = HashMap::new();
    let mut samples = HashMap::new();
    for line in text.lines() {
        if line.is_empty() || help.is_match(line) {
            continue;
        }
        if let Some(c) = typ.captures(line) {
            let previous = types.insert(c[1].to_string(), c[2].to_string());
            assert!(previous.is_none(), "TYPE given twice: {line}");
            continue;
        }
        assert!(!line.starts_with('#'), "stray comment: {line}");
        let c = sample
            .captures(line)
            .unwrap_or_else(|| panic!("not a sample line: {line:?}"));
        let value = &c[3];
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            v => v
                .parse()
                .unwrap_or_else(|_| panic!("bad value in {line:?}")),
        };
        let metric = &c[1];
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| metric.strip_suffix(s).filter(|f| types.contains_key(*f)))
            .unwrap_or(metric);
        assert!(types.contains_key(family), "sample before its TYPE: {line}");
        if metric.ends_with("_bucket") && types[family] == "histogram" {
            assert!(line.contains("le=\""), "bucket without le: {line}");
        }
        samples.insert(
            format!("{}{}", metric, c.get(2).map_or("", |m| m.as_str())),
            value,
        );
    }
    samples
}

async fn get(url: &str) -> (u16, String, String) {
    let response = reqwest::get(url).await.expect("GET");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, content_type, response.text().await.unwrap())
}

fn value(samples: &HashMap<String, f64>, key: &str) -> f64 {
    samples.get(key).copied().unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_and_healthz_over_http() {
    // Installed before anything is recorded; other tests in this binary share it, so only
    // increases are asserted.
    Metrics::global();
    for db in crate::support::engines().await {
        db.announce("metrics_and_healthz_over_http");
        let desk = db.desk().await;
        let health = Health::with_gateway();
        let server = http::serve(
            "127.0.0.1:0".parse().unwrap(),
            desk.store().clone(),
            health.clone(),
        )
        .await
        .expect("listen");
        let base = format!("http://{}", server.local_addr());

        let (status, _, body) = get(&format!("{base}/healthz")).await;
        assert_eq!(status, 503);
        assert!(body.contains("gateway"), "{body}");
        assert_eq!(body.trim_end().lines().count(), 1);
        health.set_gateway_connected(true);
        let (status, _, body) = get(&format!("{base}/healthz")).await;
        assert_eq!((status, body.trim()), (200, "ok"));

        let (status, content_type, before) = get(&format!("{base}/metrics")).await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("text/plain"), "{content_type}");
        let before = parse_exposition(&before);

        for n in 0..2 {
            let source = Source::Text {
                text: story(n),
                url: None,
            };
            desk.ingest(Scope::Local, source, &|_| {}).await.unwrap();
        }
        let again = Source::Text {
            text: story(0),
            url: None,
        };
        desk.ingest(Scope::Local, again, &|_| {}).await.unwrap();
        let empty = Source::Text {
            text: "too short".into(),
            url: None,
        };
        desk.ingest(Scope::Local, empty, &|_| {}).await.unwrap_err();
        record_command("summary", CommandOutcome::Ok, Duration::from_millis(4));
        record_command(
            "summary",
            CommandOutcome::UserError("unknown_article"),
            Duration::from_millis(1),
        );

        let (_, _, text) = get(&format!("{base}/metrics")).await;
        let after = parse_exposition(&text);
        let moved = |key: &str| value(&after, key) - value(&before, key);
        assert!(
            moved(r#"newsdesk_ingests_total{outcome="stored"}"#) >= 2.0,
            "{text}"
        );
        assert!(moved(r#"newsdesk_ingests_total{outcome="duplicate"}"#) >= 1.0);
        assert!(moved(r#"newsdesk_ingests_total{outcome="failed"}"#) >= 1.0);
        assert!(moved(r#"newsdesk_ingest_failures_total{kind="no_article_text"}"#) >= 1.0);
        assert!(moved(r#"newsdesk_commands_total{command="summary",outcome="ok"}"#) >= 1.0);
        assert!(moved(r#"newsdesk_commands_total{command="summary",outcome="user_error"}"#) >= 1.0);
        assert!(moved(r#"newsdesk_command_duration_seconds_count{command="summary"}"#) >= 2.0);
        assert!(
            after
                .keys()
                .any(|k| k.starts_with("newsdesk_ingest_duration_seconds_bucket{")),
            "a histogram, not a summary: {text}"
        );
        assert_eq!(value(&after, "newsdesk_stored_articles"), 2.0);
        // Entity recognition may find nothing in these texts; the gauge is there all the same.
        assert!(after.contains_key("newsdesk_stored_entities"));
        assert!(value(&after, "newsdesk_stored_quotes") >= 2.0);
        assert!(value(&after, "newsdesk_database_size_bytes") > 0.0);
        assert!(text.contains("# TYPE newsdesk_ingests_total counter"));

        // A database that stops answering makes the check fail, with the reason.
        desk.store().close().await;
        let (status, _, body) = get(&format!("{base}/healthz")).await;
        assert_eq!(status, 503);
        assert!(body.starts_with("database"), "{body}");
        server.shutdown().await;
    }
}

#[test]
fn the_grammar_check_rejects_broken_exposition() {
    for bad in [
        "newsdesk_x 1\n",                                 // no TYPE
        "# TYPE newsdesk_x counter\nnewsdesk_x{a=b} 1\n", // unquoted label
        "# TYPE newsdesk_x counter\nnewsdesk_x one\n",    // not a number
    ] {
        let r = std::panic::catch_unwind(|| parse_exposition(bad));
        assert!(r.is_err(), "accepted {bad:?}");
    }
}

/// Every article in the database at `path` has all its sentences (and more than none).
async fn assert_whole_articles(path: &Path) -> usize {
    let store = Store::open(path).await.unwrap();
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    let rows = sqlx::query(
        "SELECT a.text, a.summary_size, (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS n, \
         (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS q FROM articles a",
    )
    .fetch_all(store.inspect_pool())
    .await
    .unwrap();
    for r in &rows {
        let text: String = r.get("text");
        let expected = analysis::analyze(&text, r.get::<i64, _>("summary_size") as usize);
        assert!(r.get::<i64, _>("n") > 0);
        assert_eq!(r.get::<i64, _>("n") as usize, expected.sentences.len());
        assert_eq!(r.get::<i64, _>("q") as usize, expected.quotes.len());
    }
    store.close().await;
    rows.len()
}

#[tokio::test]
async fn backup_during_a_batch_ingest_holds_only_whole_articles() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.db");
    // Created and migrated before the batch starts writing.
    let store = Store::open(&live).await.unwrap();
    let mut files = Vec::new();
    for n in 0..80 {
        let f = dir.path().join(format!("story-{n}.txt"));
        std::fs::write(&f, story(n)).unwrap();
        files.push(f.to_str().unwrap().to_string());
    }
    let mut args = vec!["--db", live.to_str().unwrap(), "ingest", "--json"];
    args.extend(files.iter().map(String::as_str));
    let mut child = newsdesk(dir.path(), &args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let mut backups = Vec::new();
    loop {
        let finished = child.try_wait().unwrap().is_some();
        let dest = dir.path().join(format!("backup-{}.db", backups.len()));
        store.backup(&dest, false).await.unwrap();
        backups.push(dest);
        if finished || backups.len() >= 20 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(child.wait().unwrap().success());
    let last = dir.path().join("backup-final.db");
    store.backup(&last, false).await.unwrap();
    for b in &backups {
        assert!(assert_whole_articles(b).await <= 80);
    }
    assert_eq!(assert_whole_articles(&last).await, 80);
    store.close().await;
}

#[test]
fn backup_command_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), story(1)).unwrap();
    ok(d, &["ingest", "a.txt"]);
    let out = ok(d, &["backup", "copy.db", "--json"]);
    assert!(json_lines(&out)[0]["bytes"].as_u64().unwrap() > 0);
    let again = run(d, &["backup", "copy.db"]);
    assert!(!again.status.success());
    let err = String::from_utf8(again.stderr).unwrap();
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    ok(d, &["backup", "copy.db", "--force"]);
    let listed = ok(d, &["--db", "copy.db", "articles", "--json"]);
    assert_eq!(
        json_lines(&listed)[0]["articles"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn export_then_import_reproduces_the_answers_and_twice_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), story(1)).unwrap();
    std::fs::write(
        d.join("b.html"),
        page(
            "Library extends opening hours",
            "<p>The Milford town library will open until nine on weekdays from May, the council said on Monday.</p>\
             <p>\"Students asked for quiet space in the evenings,\" said librarian Tom Achebe.</p>\
             <p>Achebe said the cost would be covered by the county's culture fund.</p>",
        ),
    )
    .unwrap();
    std::fs::write(d.join("c.txt"), story(2)).unwrap();
    ok(
        d,
        &["--scope", "guild:7", "ingest", "a.txt", "b.html", "c.txt"],
    );
    ok(d, &["ingest", "c.txt"]); // another scope, not exported below

    let export = ok(d, &["--scope", "guild:7", "export"]);
    let records = json_lines(&export);
    assert_eq!(records.len(), 3);
    for r in &records {
        assert_eq!(r["format_version"], 1);
        assert_eq!(r["scope"], "guild:7");
        assert!(r["analysis"]["sentences"].as_array().unwrap().len() > 1);
    }
    std::fs::write(d.join("out.jsonl"), &export).unwrap();

    let first = ok(
        d,
        &[
            "--db",
            "new.db",
            "--scope",
            "guild:7",
            "import",
            "out.jsonl",
            "--json",
        ],
    );
    let first = &json_lines(&first)[0];
    assert_eq!(
        (first["imported"].as_u64(), first["duplicate"].as_u64()),
        (Some(3), Some(0))
    );
    let before = table_counts(&d.join("new.db"));
    let second = ok(
        d,
        &[
            "--db",
            "new.db",
            "--scope",
            "guild:7",
            "import",
            "out.jsonl",
            "--json",
        ],
    );
    let second = &json_lines(&second)[0];
    assert_eq!(
        (second["imported"].as_u64(), second["duplicate"].as_u64()),
        (Some(0), Some(3))
    );
    assert_eq!(
        table_counts(&d.join("new.db")),
        before,
        "second import changed nothing"
    );

    // The same answers from both databases.
    for args in [
        vec!["summary", "1"],
        vec!["summary", "2"],
        vec!["summary", "3", "--sentences", "1"],
        vec!["quotes", "2"],
        vec!["quotes", "--speaker", "Delgado"],
        vec!["entity", "Rosa", "Delgado"],
        vec!["entity", "Achebe"],
        vec!["articles"],
    ] {
        let mut original = vec!["--db", "data/newsdesk.db", "--scope", "guild:7", "--json"];
        original.extend(&args);
        let mut imported = vec!["--db", "new.db", "--scope", "guild:7", "--json"];
        imported.extend(&args);
        assert_eq!(ok(d, &original), ok(d, &imported), "{args:?}");
    }

    // Without --scope: every scope out, and each back into its own.
    let all = ok(d, &["export"]);
    assert_eq!(json_lines(&all).len(), 4);
    std::fs::write(d.join("all.jsonl"), &all).unwrap();
    let out = ok(d, &["--db", "all.db", "import", "all.jsonl", "--json"]);
    assert_eq!(json_lines(&out)[0]["imported"], 4);
    let local = ok(d, &["--db", "all.db", "articles", "--json"]);
    assert_eq!(
        json_lines(&local)[0]["articles"].as_array().unwrap().len(),
        1
    );
    let guild = ok(
        d,
        &["--db", "all.db", "articles", "--json", "--scope", "guild:7"],
    );
    assert_eq!(
        json_lines(&guild)[0]["articles"].as_array().unwrap().len(),
        3
    );

    // Importing into another scope, and rejecting a damaged line with its line number.
    let mut damaged = export.clone();
    damaged.push_str("{\"format_version\":1,\"text\":\"half a record\"}\n");
    std::fs::write(d.join("damaged.jsonl"), damaged).unwrap();
    let out = run(
        d,
        &[
            "--db",
            "new.db",
            "--scope",
            "guild:8",
            "import",
            "damaged.jsonl",
            "--json",
        ],
    );
    assert!(!out.status.success());
    let summary = &json_lines(&String::from_utf8(out.stdout).unwrap())[0];
    assert_eq!(summary["imported"], 3);
    assert_eq!(summary["invalid"][0]["line"], 4);
}

fn table_counts(db: &Path) -> Vec<i64> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(db).await.unwrap();
        let mut counts = Vec::new();
        for t in crate::support::STORE_TABLES {
            counts.push(crate::support::scalar(&store, &format!("SELECT count(*) FROM {t}")).await);
        }
        store.close().await;
        counts
    })
}

#[test]
fn batch_ingest_reports_each_source() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("one.txt"), story(1)).unwrap();
    std::fs::write(d.join("same-as-one.txt"), story(1)).unwrap();
    std::fs::write(
        d.join("two.html"),
        page(
            "Ferry timetable changes",
            "<p>The Orla ferry will run every forty minutes from June, the operator Northsea Lines said.</p>\
             <p>\"More crossings mean shorter queues,\" said spokeswoman Ines Varga.</p>",
        ),
    )
    .unwrap();
    std::fs::write(
        d.join("list.txt"),
        "# links and files, one per line\n\nthree.txt\nhttp://127.0.0.1:9/unreachable\n\n# end\n",
    )
    .unwrap();
    std::fs::write(d.join("three.txt"), story(3)).unwrap();

    let out = run(
        d,
        &[
            "ingest",
            "--json",
            "--concurrency",
            "2",
            "one.txt",
            "missing.html",
            "two.html",
            "same-as-one.txt",
            "ftp://example.com/x",
            "--from",
            "list.txt",
        ],
    );
    assert!(
        !out.status.success(),
        "failures make the exit status non-zero"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("3 of 7 sources failed"), "{stderr}");
    let lines = json_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(lines.len(), 8, "one line per source and a summary");
    let by_source: HashMap<&str, &Value> = lines[..7]
        .iter()
        .map(|l| (l["source"].as_str().unwrap(), l))
        .collect();
    assert_eq!(by_source["one.txt"]["status"], "stored");
    assert_eq!(by_source["two.html"]["status"], "stored");
    assert_eq!(by_source["three.txt"]["status"], "stored");
    assert_eq!(by_source["same-as-one.txt"]["status"], "duplicate");
    assert_eq!(
        by_source["same-as-one.txt"]["article"]["id"],
        by_source["one.txt"]["article"]["id"]
    );
    for failed in [
        "missing.html",
        "ftp://example.com/x",
        "http://127.0.0.1:9/unreachable",
    ] {
        assert!(
            by_source[failed]["error"]
                .as_str()
                .is_some_and(|e| !e.is_empty()),
            "{failed}"
        );
    }
    assert!(
        by_source["missing.html"]["error"]
            .as_str()
            .unwrap()
            .contains("no such file")
    );
    let summary = &lines[7]["summary"];
    assert_eq!(
        [
            &summary["stored"],
            &summary["duplicate"],
            &summary["failed"]
        ],
        [&Value::from(3), &Value::from(1), &Value::from(3)]
    );
    assert_eq!(summary["interrupted"], false);
    assert_eq!(summary["failures"].as_array().unwrap().len(), 3);

    // Files are stored in the order given, so ids are predictable.
    assert_eq!(by_source["one.txt"]["article"]["id"], 1);
    assert_eq!(by_source["two.html"]["article"]["id"], 2);

    // Without --json and without a terminal: plain lines and a readable summary, no bar.
    let out = run(
        d,
        &[
            "--db",
            "plain.db",
            "ingest",
            "one.txt",
            "missing.html",
            "two.html",
        ],
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("2 stored, 0 duplicate, 1 failed"),
        "{stdout}"
    );
    assert!(stdout.contains("failed: missing.html"), "{stdout}");
    assert!(!String::from_utf8(out.stderr).unwrap().contains('\r'));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_batch_and_leaves_whole_articles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut files = Vec::new();
    for n in 0..300 {
        let f = format!("s{n}.txt");
        std::fs::write(d.join(&f), story(n)).unwrap();
        files.push(f);
    }
    ok(d, &["articles"]); // creates and migrates the database first
    let mut args = vec!["ingest", "--json"];
    args.extend(files.iter().map(String::as_str));
    let child = newsdesk(d, &args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the first article is in.
    let db = d.join("data/newsdesk.db");
    for _ in 0..2000 {
        if db.exists() && table_counts(&db)[0] > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    let lines = json_lines(&String::from_utf8(out.stdout).unwrap());
    let summary = &lines.last().unwrap()["summary"];
    let done = summary["stored"].as_u64().unwrap()
        + summary["duplicate"].as_u64().unwrap()
        + summary["failed"].as_u64().unwrap();
    if summary["interrupted"] == true {
        assert!(!out.status.success());
        assert_eq!(done + summary["not_started"].as_u64().unwrap(), 300);
    } else {
        // The batch won the race; it must then be complete.
        assert_eq!(done, 300);
    }
    let stored = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(assert_whole_articles(&db));
    assert_eq!(stored as u64, summary["stored"].as_u64().unwrap());
}

#[test]
fn logs_are_json_on_request_and_never_hold_the_text_or_token() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), story(5)).unwrap();
    let out = newsdesk(d, &["ingest", "a.txt"])
        .env("RUST_LOG", "info")
        .env("NEWSDESK_LOG_FORMAT", "json")
        .env("DISCORD_TOKEN", "secret.token.value")
        .output()
        .unwrap();
    assert!(out.status.success());
    let logs = String::from_utf8(out.stderr).unwrap();
    assert!(logs.contains("stored article"), "{logs}");
    for line in logs.lines() {
        serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    }
    assert!(
        !logs.contains("fall into the sea"),
        "article text logged: {logs}"
    );
    assert!(!logs.contains("secret.token.value"));
}

/// Links from a fixture server on loopback with the private-network guard ON (only the fixture
/// server's own address is allowed): good pages, a 404, the same article under a second URL, a
/// redirect to a private address and a link-local metadata address are each reported for what
/// they are.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_ingest_of_links_reports_each_with_the_guard_on() {
    use axum::response::{Html, Redirect};
    use axum::routing::get;

    let first = page(
        "Harbour wall repaired",
        "<p>Crews finished repairing the Keld harbour wall on Monday, the port authority said.</p>\
         <p>\"The wall will hold for another century,\" said engineer Tomas Brek.</p>",
    );
    let second = page(
        "Library opens late",
        "<p>The Keld library will open until nine in the evening from March, the council said.</p>\
         <p>\"Students asked for it,\" said librarian Ana Holm.</p>",
    );
    let (a, b, a_again) = (first.clone(), second.clone(), first.clone());
    let app = axum::Router::new()
        .route("/harbour", get(move || async move { Html(a) }))
        .route("/library", get(move || async move { Html(b) }))
        .route("/harbour-copy", get(move || async move { Html(a_again) }))
        .route(
            "/to-private",
            get(|| async { Redirect::temporary("http://10.0.0.1/admin") }),
        );
    let addr = crate::support::serve_loopback(app).await;

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    crate::support::write_loopback_guard(&d);
    let base = format!("http://{addr}");
    let sources = [
        format!("{base}/harbour"),
        format!("{base}/library"),
        format!("{base}/missing"),
        format!("{base}/harbour-copy"),
        format!("{base}/to-private"),
        "http://169.254.169.254/latest/meta-data".to_string(),
    ];
    let mut args = vec![
        "--config",
        "guard.toml",
        "ingest",
        "--json",
        "--concurrency",
        "2",
    ];
    args.extend(sources.iter().map(String::as_str));
    let args: Vec<String> = args.into_iter().map(str::to_string).collect();
    let dd = d.clone();
    let out = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&dd, &args)
    })
    .await
    .unwrap();
    assert!(
        !out.status.success(),
        "failures make the exit status non-zero"
    );
    let lines = json_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(lines.len(), sources.len() + 1, "{lines:?}");
    let by_source: HashMap<&str, &Value> = lines[..sources.len()]
        .iter()
        .map(|l| (l["source"].as_str().unwrap(), l))
        .collect();
    let status = |s: &str| {
        let line = by_source[s];
        line["status"]
            .as_str()
            .unwrap_or_else(|| panic!("{line}"))
            .to_string()
    };
    let error = |s: &str| by_source[s]["error"].as_str().unwrap_or("").to_string();
    assert_eq!(status(&sources[1]), "stored");
    assert!(
        error(&sources[2]).contains("HTTP 404"),
        "{}",
        error(&sources[2])
    );
    // Fetched concurrently, either copy of the harbour article may land first: one is stored,
    // the other reported as its duplicate.
    let mut copies = [status(&sources[0]), status(&sources[3])];
    copies.sort();
    assert_eq!(copies, ["duplicate", "stored"]);
    for private in [&sources[4], &sources[5]] {
        assert!(
            error(private).contains("private network"),
            "{private}: {}",
            error(private)
        );
    }
    let summary = &lines[sources.len()]["summary"];
    assert_eq!(
        [
            &summary["stored"],
            &summary["duplicate"],
            &summary["failed"]
        ],
        [&Value::from(2), &Value::from(1), &Value::from(3)]
    );
}

/// The counts `/metrics` reads are kept by triggers; they match a full count through ingests in
/// several scopes, a duplicate, and forgetting (whose deletes cascade).
#[tokio::test]
async fn kept_counts_match_full_counts() {
    for db in crate::support::engines().await {
        db.announce("kept_counts_match_full_counts");
        let desk = db.desk().await;
        let full = |table: &'static str| {
            let store = desk.store().clone();
            async move { crate::support::scalar(&store, &format!("SELECT count(*) FROM {table}")).await }
        };
        let check = async |when: &str| {
            let kept = newsdesk::ops::metrics::store_stats(desk.store())
                .await
                .unwrap();
            assert_eq!(
                (kept.articles, kept.entities, kept.quotes),
                (
                    full("articles").await,
                    full("entities").await,
                    full("quotes").await
                ),
                "{when}"
            );
        };
        check("empty").await;
        let mut ids = Vec::new();
        for n in 0..4 {
            for scope in [Scope::Local, Scope::Guild(7)] {
                let source = Source::Text {
                    text: story(n),
                    url: None,
                };
                ids.push((
                    scope,
                    desk.ingest(scope, source, &|_| {})
                        .await
                        .unwrap()
                        .article()
                        .id,
                ));
            }
        }
        let again = Source::Text {
            text: story(0),
            url: None,
        };
        desk.ingest(Scope::Local, again, &|_| {}).await.unwrap();
        check("after ingests").await;
        assert_eq!(full("articles").await, 8);
        assert!(full("quotes").await >= 8);
        for (scope, id) in ids.iter().step_by(3) {
            desk.forget(*scope, *id).await.unwrap();
        }
        check("after forgetting").await;
    }
}
