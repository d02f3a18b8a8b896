//! `newsdesk feed …` end to end: the real binary against a feed server on 127.0.0.1, with the
//! fetch guard on (only 127.0.0.1 allowed), every command with `--json`.

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    cmd.current_dir(dir)
        .args(["--config", "guard.toml"])
        .args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("NEWSDESK_") || k == "DISCORD_TOKEN" || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd.output().unwrap()
}

async fn ok(dir: &Path, args: &[&str]) -> Vec<Value> {
    let (dir, args): (PathBuf, Vec<String>) = (
        dir.to_path_buf(),
        args.iter().map(|s| s.to_string()).collect(),
    );
    let out = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&dir, &args)
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

type Items = Arc<Mutex<Vec<u32>>>;

async fn feed(State(items): State<Items>, headers: axum::http::HeaderMap) -> impl IntoResponse {
    let host = headers[header::HOST].to_str().unwrap().to_string();
    let items: String = items
        .lock()
        .unwrap()
        .iter()
        .rev()
        .map(|n| {
            format!("<item><title>Story {n}</title><link>http://{host}/story/{n}</link></item>")
        })
        .collect();
    (
        [(header::CONTENT_TYPE, "application/rss+xml")],
        format!("<rss version=\"2.0\"><channel><title>Valley News</title>{items}</channel></rss>"),
    )
}

async fn story(axum::extract::Path(n): axum::extract::Path<u32>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/html")],
        format!(
            "<html><head><title>Bridge {n} reopens</title></head><body><article><h1>Bridge {n} reopens</h1>\
             <p>The river bridge number {n} reopened on Monday after six months of repairs to its deck.</p>\
             <p>\"Traffic will flow again by evening,\" said Jon Arkwright, the county engineer.</p>\
             <p>Drivers had used a long detour through the hills while the work went on.</p>\
             </article></body></html>"
        ),
    )
}

#[tokio::test]
async fn feed_cli_adds_lists_polls_and_removes_with_json() {
    let items: Items = Arc::new(Mutex::new(vec![1]));
    let app = Router::new()
        .route("/feed.xml", get(feed))
        .route("/story/{n}", get(story))
        .with_state(items.clone());
    let addr = crate::support::serve_loopback(app).await;
    let dir = tempfile::tempdir().unwrap();
    crate::support::write_loopback_guard(dir.path());
    let d = dir.path();
    let url = format!("http://{addr}/feed.xml");

    let added = ok(d, &["--json", "feed", "add", &url, "--channel", "55"]).await;
    assert_eq!(added[0]["added"]["title"], "Valley News");
    assert_eq!(added[0]["added"]["channel_id"], 55);
    let id = added[0]["added"]["id"].as_i64().unwrap();

    let polled = ok(d, &["--json", "feed", "poll", "--now"]).await;
    assert_eq!(
        polled.len(),
        1,
        "the first entries are not posted: {polled:?}"
    );
    assert_eq!(polled[0]["report"]["posted"], 0);

    items.lock().unwrap().push(2);
    let polled = ok(d, &["--json", "feed", "poll", "--now"]).await;
    assert_eq!(polled.len(), 2, "{polled:?}");
    let post = &polled[0]["post"];
    assert_eq!(post["channel_id"], 55);
    assert_eq!(post["articles"][0]["article"]["title"], "Bridge 2 reopens");
    assert_eq!(post["articles"][0]["quote"]["speaker"], "Jon Arkwright");
    assert_eq!(polled[1]["report"]["posted"], 1);

    let list = ok(d, &["--json", "feed", "list"]).await;
    let f = &list[0]["feeds"][0];
    assert_eq!(
        (f["id"].as_i64(), &f["posted"], &f["failing"]),
        (Some(id), &Value::from(1), &Value::from(false))
    );

    let paused = ok(d, &["--json", "feed", "pause", &id.to_string()]).await;
    assert_eq!(paused[0]["feed"]["paused"], true);
    let removed = ok(d, &["--json", "feed", "remove", &id.to_string()]).await;
    assert_eq!(removed[0]["removed"]["id"], id);
    let list = ok(d, &["--json", "feed", "list"]).await;
    assert_eq!(list[0]["feeds"], Value::Array(vec![]));
    // The article it brought in stays.
    let articles = ok(d, &["--json", "articles"]).await;
    assert_eq!(articles[0]["articles"][0]["title"], "Bridge 2 reopens");
}

#[test]
fn feed_parse_reports_broken_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("guard.toml"), "").unwrap();
    std::fs::write(
        d.join("cut.xml"),
        "<rss version=\"2.0\"><channel><title>Cut &amp; dried</title>\
         <item><title>Whole</title><link>https://example.com/a</link></item><item><title>Half",
    )
    .unwrap();
    std::fs::write(d.join("note.txt"), "not a feed at all").unwrap();
    let out = run(
        d,
        &[
            "--json",
            "feed",
            "parse",
            "cut.xml",
            "note.txt",
            "missing.xml",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unreadable file fails the batch"
    );
    let lines: Vec<Value> = std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["file"], "cut.xml");
    assert_eq!(lines[0]["ok"], false);
    assert!(lines[0]["error"].is_string());
    assert_eq!(lines[0]["title"], "Cut & dried");
    assert_eq!(lines[0]["entries"][0]["id"], "https://example.com/a");
    assert_eq!(lines[0]["entries"][0]["published"], Value::Null);
    assert_eq!(
        (
            &lines[1]["ok"],
            lines[1]["entries"].as_array().unwrap().len()
        ),
        (&Value::from(false), 0)
    );
    assert!(lines[2]["error"].as_str().unwrap().contains("missing.xml"));
}

#[tokio::test]
async fn feed_export_and_import_carry_the_subscriptions() {
    let items: Items = Arc::new(Mutex::new(vec![1]));
    let app = Router::new()
        .route("/feed.xml", get(feed))
        .route("/story/{n}", get(story))
        .with_state(items.clone());
    let addr = crate::support::serve_loopback(app).await;
    let dir = tempfile::tempdir().unwrap();
    crate::support::write_loopback_guard(dir.path());
    let d = dir.path();
    let url = format!("http://{addr}/feed.xml");
    ok(
        d,
        &[
            "--json", "--scope", "guild:9", "feed", "add", &url, "--mode", "digest",
        ],
    )
    .await;
    let exported = ok(d, &["feed", "export"]).await;
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0]["format_version"], 1);
    assert_eq!(exported[0]["feed"]["scope"], "guild:9");
    assert_eq!(exported[0]["feed"]["mode"], "digest");
    std::fs::write(
        d.join("feeds.jsonl"),
        serde_json::to_string(&exported[0]).unwrap(),
    )
    .unwrap();

    let imported = ok(
        d,
        &[
            "--json",
            "--db",
            "other.db",
            "feed",
            "import",
            "feeds.jsonl",
        ],
    )
    .await;
    assert_eq!(
        (&imported[0]["imported"], &imported[0]["duplicate"]),
        (&Value::from(1), &Value::from(0))
    );
    let again = ok(
        d,
        &[
            "--json",
            "--db",
            "other.db",
            "feed",
            "import",
            "feeds.jsonl",
        ],
    )
    .await;
    assert_eq!(again[0]["duplicate"], 1, "importing twice changes nothing");
    // Its first poll in the new store remembers the entries without posting them.
    let polled = ok(
        d,
        &[
            "--json", "--db", "other.db", "--scope", "guild:9", "feed", "poll",
        ],
    )
    .await;
    assert_eq!(polled.last().unwrap()["report"]["polled"], 1);
    assert_eq!(polled.last().unwrap()["report"]["posted"], 0);
    let list = ok(
        d,
        &[
            "--json", "--db", "other.db", "--scope", "guild:9", "feed", "list",
        ],
    )
    .await;
    assert_eq!(list[0]["feeds"][0]["primed"], true);
}
