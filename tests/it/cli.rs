//! The `newsdesk` binary end to end: each command's success and its clear failure, on a real
//! SQLite file in a temp dir.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One JSON value per line of a command's output.
fn json_lines(out: impl AsRef<[u8]>) -> Vec<Value> {
    std::str::from_utf8(out.as_ref())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name)
}

/// Runs `newsdesk` in `dir` (no config files there) with `args`, without inheriting
/// `DISCORD_TOKEN` or `NEWSDESK_*` overrides from the developer's shell.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    cmd.current_dir(dir).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("NEWSDESK_") || k == "DISCORD_TOKEN" || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("run newsdesk")
}

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        Desk {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn run(&self, args: &[&str]) -> Output {
        run_in(self.path(), args, &[])
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(self.ok(&all).trim()).expect("one JSON document")
    }
    /// Asserts failure with exactly one line on stderr and returns it.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line on stderr: {err:?}"
        );
        err
    }
}

#[test]
fn ingest_then_summary_on_the_default_database() {
    let desk = Desk::new();
    let river = fixture("river.html");
    let out = desk.json(&[
        "ingest",
        river.to_str().unwrap(),
        "--url",
        "https://courier.example/river?utm_source=x",
    ]);
    assert_eq!(out["status"], "stored");
    assert_eq!(out["article"]["id"], 1);
    assert!(
        desk.path().join("data/newsdesk.db").is_file(),
        "default database created"
    );

    let summary = desk.json(&["summary", "1"]);
    let sentences = summary["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 3);
    assert!(
        sentences
            .iter()
            .all(|s| !s.as_str().unwrap().contains("All rights reserved"))
    );
    assert_eq!(
        summary["article"]["title"],
        "River cleanup draws hundreds of volunteers"
    );

    let shorter = desk.json(&["summary", "1", "--sentences", "1"]);
    assert_eq!(shorter["sentences"].as_array().unwrap().len(), 1);

    let human = desk.ok(&["summary", "#1"]);
    assert!(human.contains("River cleanup"), "{human}");
}

/// A text file in Latin-1 is read like a page is, by detection, as Discord attachments are.
#[test]
fn local_text_files_need_not_be_utf8() {
    let desk = Desk::new();
    let text = "Mühle am Flussufer wird ein Café\n\
        Die alte Mühle am Flussufer wird ein Café mit Blick auf die Brücke, sagte die Stadt.";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let file = desk.path().join("muehle.txt");
    std::fs::write(&file, &latin1).unwrap();
    let out = desk.json(&["ingest", file.to_str().unwrap()]);
    assert_eq!(out["status"], "stored", "{out}");
    assert_eq!(out["article"]["title"], "Mühle am Flussufer wird ein Café");
    std::fs::write(desk.path().join("photo.txt"), b"\x89PNG\r\n\x1a\n\x00\x00").unwrap();
    assert!(
        desk.fails(&["ingest", "photo.txt"])
            .contains("not a web page or a text file")
    );
}

#[test]
fn duplicates_are_reported_not_stored() {
    let desk = Desk::new();
    let market = fixture("market.txt");
    let m = market.to_str().unwrap();
    assert_eq!(desk.json(&["ingest", m])["status"], "stored");
    let again = desk.json(&["ingest", m]);
    assert_eq!(again["status"], "duplicate");
    assert_eq!(again["article"]["id"], 1);
    let list = desk.json(&["articles"]);
    assert_eq!(list["articles"].as_array().unwrap().len(), 1);
}

#[test]
fn articles_search_quotes_ask_and_forget() {
    let desk = Desk::new();
    desk.ok(&[
        "ingest",
        fixture("river.html").to_str().unwrap(),
        fixture("market.txt").to_str().unwrap(),
    ]);
    let found = desk.json(&["articles", "--search", "volunteers"]);
    let titles: Vec<&str> = found["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["River cleanup draws hundreds of volunteers"]);
    // FTS syntax in a search is just text.
    desk.json(&["articles", "--search", "\"NEAR( * OR"]);

    let quotes = desk.json(&["quotes", "2"]);
    assert!(
        quotes["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["text"].as_str().unwrap().contains("roof and room"))
    );

    // An article and a speaker together: that person's quotes there.
    let hers = desk.json(&["quotes", "2", "--speaker", "Priya Nair"]);
    assert_eq!(hers["speaker"], "Priya Nair");
    let texts: Vec<&str> = hers["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert!(
        !texts.is_empty() && texts.iter().any(|t| t.contains("roof and room")),
        "{hers}"
    );
    assert!(
        hers["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["speaker"] == "Priya Nair"),
        "{hers}"
    );
    let human = desk.ok(&["quotes", "1", "--speaker", "Priya Nair"]);
    assert!(
        human.contains("No quotes."),
        "not in the river article: {human}"
    );
    assert!(desk.fails(&["quotes"]).contains("--speaker NAME, or both"));

    let answer = desk.json(&["ask", "Where", "will", "the", "farmers", "market", "move?"]);
    assert!(
        answer["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["sentence"].as_str().unwrap().contains("railway station"))
    );

    let gone = desk.json(&["forget", "1"]);
    assert_eq!(gone["forgotten"]["id"], 1);
    assert!(desk.fails(&["summary", "1"]).contains("No article #1"));
    assert!(desk.fails(&["forget", "1"]).contains("No article #1"));
    assert_eq!(
        desk.json(&["articles", "--search", "volunteers"])["articles"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn scopes_are_isolated() {
    let desk = Desk::new();
    desk.ok(&[
        "--scope",
        "guild:1",
        "ingest",
        fixture("market.txt").to_str().unwrap(),
    ]);
    assert_eq!(
        desk.json(&["--scope", "guild:2", "articles"])["articles"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert!(
        desk.fails(&["--scope", "guild:2", "summary", "1"])
            .contains("No article #1")
    );
    desk.ok(&["--scope", "guild:1", "summary", "1"]);
}

#[test]
fn clear_failures() {
    let desk = Desk::new();
    assert!(desk.fails(&["summary", "42"]).contains("No article #42"));
    assert!(
        desk.fails(&["ingest", "no-such-file.html"])
            .contains("no such file")
    );
    assert!(
        desk.fails(&["ingest", "ftp://example.com/a"])
            .to_lowercase()
            .contains("link")
    );
    assert!(desk.fails(&["ask", "   "]).contains("type something"));
    let long = "why ".repeat(2600);
    assert!(desk.fails(&["ask", &long]).contains("too long"));
    assert!(desk.fails(&["summary", "abc"]).contains("invalid"));
    desk.fails(&["extract", "missing.html"]);
}

#[test]
fn malformed_config_names_the_key() {
    let desk = Desk::new();
    std::fs::write(
        desk.path().join("bad.toml"),
        "[fetch]\ntimeout_secs = \"soon\"\n",
    )
    .unwrap();
    let err = desk.fails(&["--config", "bad.toml", "articles"]);
    assert!(err.contains("fetch.timeout_secs"), "{err}");
    std::fs::write(
        desk.path().join("typo.toml"),
        "[databse]\npath = \"x.db\"\n",
    )
    .unwrap();
    assert!(
        desk.fails(&["--config", "typo.toml", "articles"])
            .contains("databse")
    );
    assert!(
        desk.fails(&["--config", "absent.toml", "articles"])
            .contains("absent.toml")
    );
}

#[test]
fn config_layers_and_environment_apply() {
    let desk = Desk::new();
    std::fs::create_dir_all(desk.path().join("config")).unwrap();
    std::fs::write(
        desk.path().join("config/default.toml"),
        "[database]\npath = \"from-default.db\"\n",
    )
    .unwrap();
    desk.ok(&["articles"]);
    assert!(desk.path().join("from-default.db").is_file());
    std::fs::write(
        desk.path().join("config/local.toml"),
        "[database]\npath = \"from-local.db\"\n",
    )
    .unwrap();
    desk.ok(&["articles"]);
    assert!(desk.path().join("from-local.db").is_file());
    let out = run_in(
        desk.path(),
        &["articles"],
        &[
            ("NEWSDESK_DATABASE_PATH", "from-env.db"),
            ("NEWSDESK_EVAL_VENV", "/x"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(desk.path().join("from-env.db").is_file());
    let out = run_in(
        desk.path(),
        &["articles"],
        &[("NEWSDESK_ASK_MAX_SENTENCES", "lots")],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("ask.max_sentences"));
    desk.ok(&["--db", "flag.db", "articles"]);
    assert!(desk.path().join("flag.db").is_file());
}

#[test]
fn demo_runs_without_a_token_and_never_prints_one() {
    let desk = Desk::new();
    let out = run_in(desk.path(), &["run"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("newsdesk summary"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("DISCORD_TOKEN"));
}

#[test]
fn extract_and_analyze_follow_the_eval_contract() {
    let desk = Desk::new();
    let html = fixture("river.html");
    let txt = fixture("market.txt");
    let out = desk.ok(&[
        "extract",
        "--json",
        html.to_str().unwrap(),
        html.to_str().unwrap(),
    ]);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    for key in [
        "file",
        "url",
        "title",
        "byline",
        "published",
        "site",
        "language",
        "text",
    ] {
        assert!(lines[0].get(key).is_some(), "extract has {key}");
    }
    assert!(
        lines[0]["text"]
            .as_str()
            .unwrap()
            .contains("400 volunteers")
    );

    let out = desk.ok(&[
        "analyze",
        "--json",
        "--sentences",
        "2",
        txt.to_str().unwrap(),
        html.to_str().unwrap(),
    ]);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], txt.to_str().unwrap());
    assert_eq!(
        lines[0]["text"],
        std::fs::read_to_string(&txt).unwrap(),
        "plain text is kept unchanged"
    );
    for line in &lines {
        let text = line["text"].as_str().unwrap().as_bytes();
        let span = |v: &Value, s: &str, e: &str| {
            let (s, e) = (
                v[s].as_u64().unwrap() as usize,
                v[e].as_u64().unwrap() as usize,
            );
            std::str::from_utf8(&text[s..e])
                .expect("byte offsets on char boundaries")
                .to_string()
        };
        assert!(!line["sentences"].as_array().unwrap().is_empty());
        for s in line["summary"].as_array().unwrap() {
            assert_eq!(span(s, "start", "end"), s["text"].as_str().unwrap());
        }
        for q in line["quotes"].as_array().unwrap() {
            assert_eq!(span(q, "start", "end"), q["text"].as_str().unwrap());
        }
        for e in line["entities"].as_array().unwrap() {
            assert!(
                ["person", "organization", "place", "other"].contains(&e["kind"].as_str().unwrap())
            );
            for m in e["mentions"].as_array().unwrap() {
                span(m, "start", "end");
            }
        }
        assert!(line["summary"].as_array().unwrap().len() <= 2);
    }
    // Every newline is a hard boundary in plain text: the headline is its own sentence.
    let first = &lines[0]["sentences"][0];
    assert_eq!(
        first["end"].as_u64().unwrap() as usize,
        "Farmers market moves to the old station".len()
    );
}

/// Output piped into a reader that stops early (`| head -1`) ends the command quietly: exit 0,
/// nothing on stderr, never a panic.
#[test]
fn a_reader_closing_the_pipe_is_not_a_crash() {
    let desk = Desk::new();
    desk.ok(&[
        "ingest",
        fixture("river.html").to_str().unwrap(),
        fixture("market.txt").to_str().unwrap(),
    ]);
    for args in [
        &["articles"][..],
        &["entity", "volunteers"],
        &["summary", "1"],
    ] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
        cmd.current_dir(desk.path())
            .args(args)
            .env_remove("RUST_LOG")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("run newsdesk");
        // Close the reading end before the command has written anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// A batch reports each file it cannot read or decode and goes on with the rest: one
/// `{"file", "error"}` line in its place with `--json`, one line on stderr without; exit 1 at the end.
#[test]
fn batches_report_bad_files_and_go_on() {
    let desk = Desk::new();
    let txt = fixture("market.txt");
    let html = fixture("river.html");
    let bad = desk.path().join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9 au lait, na\xefve \xa3 prices.\n").unwrap();
    let missing = desk.path().join("missing.html");
    let (txt, html, bad, missing) = (
        txt.to_str().unwrap(),
        html.to_str().unwrap(),
        bad.to_str().unwrap(),
        missing.to_str().unwrap(),
    );

    let out = desk.run(&["analyze", "--json", txt, bad, missing, html]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    let files: Vec<&str> = lines.iter().map(|l| l["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [txt, bad, missing, html],
        "one line per file, in order"
    );
    assert!(lines[0].get("error").is_none() && lines[0]["sentences"].is_array());
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8")
    );
    assert!(lines[2]["error"].as_str().unwrap().contains("cannot read"));
    assert!(
        lines[3]["text"]
            .as_str()
            .unwrap()
            .contains("400 volunteers")
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("2 of 4 files failed"), "{err}");

    // Without --json: the good files' output on stdout, one stderr line per bad file, then the count.
    let out = desk.run(&["analyze", bad, txt, missing]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(&format!("== {txt}")), "{stdout}");
    let err = String::from_utf8(out.stderr).unwrap();
    let err: Vec<&str> = err.lines().collect();
    assert_eq!(err.len(), 3, "{err:?}");
    assert!(err[0].contains(bad) && err[0].contains("not valid UTF-8"));
    assert!(err[1].contains(missing));
    assert!(err[2].contains("2 of 3 files failed"));

    // extract batches too.
    let out = desk.run(&["extract", "--json", missing, html]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].is_string());
    assert!(lines[1]["text"].is_string());

    // All good: exit 0.
    desk.ok(&["analyze", "--json", txt, html]);
}

/// `store copy` from the default SQLite file into another: a JSON summary, nothing copied twice
/// on a second run, and one-line refusals of what cannot be a copy.
#[test]
fn store_copy_between_sqlite_files() {
    let desk = Desk::new();
    for f in ["river.html", "market.txt"] {
        let path = fixture(f);
        assert_eq!(
            desk.json(&["ingest", path.to_str().unwrap()])["status"],
            "stored"
        );
    }
    let args = [
        "store",
        "copy",
        "--from",
        "sqlite:data/newsdesk.db",
        "--to",
        "copy/moved.db",
    ];
    let out = desk.json(&args);
    assert_eq!(out["summary"]["articles"], 2, "{out}");
    assert_eq!(out["summary"]["copied"], 2);
    assert_eq!(out["summary"]["interrupted"], false);
    assert_eq!(out["to"], "copy/moved.db");
    let again = desk.json(&args);
    assert_eq!(
        (
            again["summary"]["copied"].as_u64(),
            again["summary"]["already"].as_u64()
        ),
        (Some(0), Some(2))
    );
    let text = desk.ok(&args);
    assert!(text.contains("0 of 2 articles copied"), "{text}");
    let copied = desk.json(&["--db", "copy/moved.db", "articles"]);
    assert_eq!(copied["articles"].as_array().unwrap().len(), 2);
    assert_eq!(
        out["summary"]["renumbered"], 0,
        "an empty target keeps every #id"
    );

    // A merge: the target's own #1 is the source's #2, so the source's #1 takes a new number.
    let market = fixture("market.txt");
    let merge = ["--db", "copy/merge.db", "ingest", market.to_str().unwrap()];
    assert_eq!(desk.json(&merge)["status"], "stored");
    let mut args = args;
    args[5] = "copy/merge.db";
    let merged = desk.json(&args);
    assert_eq!(
        (
            merged["summary"]["copied"].as_u64(),
            merged["summary"]["renumbered"].as_u64(),
            merged["summary"]["already"].as_u64()
        ),
        (Some(1), Some(1), Some(1)),
        "{merged}"
    );
    let merge = ["--db", "copy/merge2.db", "ingest", market.to_str().unwrap()];
    assert_eq!(desk.json(&merge)["status"], "stored");
    args[5] = "copy/merge2.db";
    let text = desk.ok(&args);
    assert!(
        text.contains("1 renumbered") && text.contains("#1 is now #3"),
        "{text}"
    );

    let missing = desk.fails(&["store", "copy", "--from", "nowhere.db", "--to", "x.db"]);
    assert!(
        missing.contains("no SQLite database at nowhere.db"),
        "{missing}"
    );
    assert!(
        !desk.path().join("nowhere.db").exists(),
        "the source is never created"
    );
    let same = desk.fails(&[
        "store",
        "copy",
        "--from",
        "data/newsdesk.db",
        "--to",
        "./data/newsdesk.db",
    ]);
    assert!(same.contains("same database"), "{same}");
    let bad = desk.fails(&[
        "store",
        "copy",
        "--from",
        "data/newsdesk.db",
        "--to",
        "mysql://u:secret@h/db",
    ]);
    assert!(bad.contains("--to") && !bad.contains("secret"), "{bad}");
}

/// A shard range that cannot be is refused before anything starts, in one line, from the flag
/// or from the environment.
#[test]
fn impossible_shard_ranges_are_refused() {
    let desk = Desk::new();
    let flag = desk.fails(&["run", "--shards", "4-3/16"]);
    assert!(
        flag.contains("--shards") && flag.contains("comes after"),
        "{flag}"
    );
    let out = run_in(
        desk.path(),
        &["run"],
        &[("NEWSDESK_DISCORD_SHARDS", "0-16/16")],
    );
    assert!(!out.status.success());
    let env = String::from_utf8(out.stderr).unwrap();
    assert_eq!(env.trim_end().lines().count(), 1, "{env}");
    assert!(
        env.contains("discord.shards") && env.contains("shard 16 does not exist"),
        "{env}"
    );
}
