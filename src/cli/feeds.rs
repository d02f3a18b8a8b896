//! `newsdesk feed …`: `parse` reads feed files (no database); `add`, `list`, `remove` and `poll`
//! are the twins of the bot's `/feed` commands.

use super::FeedCommand;
use anyhow::{Context, Result, bail};
use newsdesk::Newsdesk;
use newsdesk::feeds::{self, FeedPost, ParsedFeed, Poller, PostError, PostSink, SystemClock};
use newsdesk::model::Scope;
use newsdesk::store::{FeedMode, FeedRow, NewFeed};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Serialize)]
struct ParseLine<'a> {
    file: String,
    #[serde(flatten)]
    feed: &'a ParsedFeed,
}

/// One line per file, in input order. A document that is not a feed is a line with `ok: false`
/// and the reason; a file that cannot be read too, and the command then exits with status 1.
pub fn parse(files: &[PathBuf], json: bool) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut unreadable = 0;
    for path in files {
        let feed = match std::fs::read(path) {
            Ok(bytes) => feeds::parse(&bytes, None),
            Err(e) => {
                unreadable += 1;
                ParsedFeed {
                    error: Some(format!("cannot read {}: {e}", path.display())),
                    ..ParsedFeed::default()
                }
            }
        };
        if json {
            let line = ParseLine {
                file: path.display().to_string(),
                feed: &feed,
            };
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        } else {
            writeln!(out, "== {}", path.display())?;
            if let Some(e) = &feed.error {
                let state = if feed.is_feed() { "repaired" } else { "failed" };
                writeln!(out, "{state}: {e}")?;
            }
            writeln!(out, "title: {}", feed.title.as_deref().unwrap_or("-"))?;
            writeln!(out, "link:  {}", feed.link.as_deref().unwrap_or("-"))?;
            for e in &feed.entries {
                let when = e.published.map(|t| t.to_rfc3339()).unwrap_or_default();
                writeln!(
                    out,
                    "  {} {} [{}] {when}",
                    e.title.as_deref().unwrap_or("(untitled)"),
                    e.link.as_deref().unwrap_or("-"),
                    e.key
                )?;
            }
        }
    }
    out.flush()?;
    if unreadable > 0 {
        bail!("{unreadable} of {} files could not be read", files.len());
    }
    Ok(())
}

/// The command line's sink: posts are printed (JSON Lines with `--json`).
struct Printer {
    json: bool,
}

impl PostSink for Printer {
    async fn post(&self, post: &FeedPost) -> std::result::Result<(), PostError> {
        if self.json {
            let line = serde_json::to_string(&serde_json::json!({ "post": post }))
                .map_err(|e| PostError::Retry(e.to_string()))?;
            out!("{line}");
            return Ok(());
        }
        let feed = post.feed_title.as_deref().unwrap_or("feed");
        match &post.digest_day {
            Some(day) => out!("== {feed}: digest of {day}"),
            None => out!("== {feed}"),
        }
        for a in &post.articles {
            out!(
                "{} <{}>",
                a.article.display_title(),
                a.article.url.as_deref().unwrap_or("-")
            );
            let mut line = a.article.site.clone().unwrap_or_default();
            if let Some(p) = &a.article.published {
                line = format!("{line} · {p}");
            }
            out!("  {line}");
            for s in &a.summary {
                out!("  {s}");
            }
            if let Some(q) = &a.quote {
                out!(
                    "  \u{201c}{}\u{201d} \u{2014} {}",
                    q.text,
                    q.speaker.as_deref().unwrap_or("unattributed")
                );
            }
        }
        Ok(())
    }
}

/// One line of `feed export` (`format_version` 1): a subscription, without its state (etag,
/// schedule, seen entries). Imported, it is polled at once and that first poll posts nothing.
#[derive(Serialize, serde::Deserialize)]
struct FeedRecord {
    format_version: u32,
    feed: FeedFields,
}

#[derive(Serialize, serde::Deserialize)]
struct FeedFields {
    scope: Scope,
    url: String,
    channel_id: u64,
    mode: FeedMode,
    title: Option<String>,
    site_url: Option<String>,
    paused: bool,
}

impl FeedRecord {
    fn of(f: &FeedRow) -> FeedRecord {
        FeedRecord {
            format_version: 1,
            feed: FeedFields {
                scope: f.scope,
                url: f.url.clone(),
                channel_id: f.channel_id,
                mode: f.mode,
                title: f.title.clone(),
                site_url: f.site_url.clone(),
                paused: f.paused,
            },
        }
    }
}

fn print_json(value: &impl Serialize) -> Result<()> {
    out!("{}", serde_json::to_string(value)?);
    Ok(())
}

fn describe(f: &FeedRow) -> String {
    let mut state = String::new();
    if f.paused {
        state.push_str(" [paused]");
    }
    format!(
        "#{} {} <{}> ({}){state}",
        f.id,
        f.title.as_deref().unwrap_or("(untitled)"),
        f.url,
        f.mode.as_str()
    )
}

/// `feed add|list|remove|pause|resume|poll`.
pub async fn stored(
    desk: &Newsdesk,
    scope: Scope,
    scope_given: bool,
    action: FeedCommand,
    json: bool,
) -> Result<()> {
    let clock = SystemClock;
    match action {
        FeedCommand::Parse { .. } => unreachable!("dispatched without a database"),
        FeedCommand::Add { url, channel, mode } => {
            let Some(mode) = FeedMode::parse(&mode) else {
                bail!("--mode must be `each` or `digest`");
            };
            let feed = desk.add_feed(scope, &url, channel, mode, &clock).await?;
            if json {
                print_json(&serde_json::json!({ "added": feed }))?
            } else {
                out!("Added {}", describe(&feed));
            }
        }
        FeedCommand::List => {
            let feeds = desk.list_feeds(scope).await?;
            if json {
                print_json(&serde_json::json!({ "feeds": feeds }))?
            } else if feeds.is_empty() {
                out!("No feeds yet: newsdesk feed add URL");
            }
            for s in feeds.iter().filter(|_| !json) {
                let failing = if s.failing { " FAILING" } else { "" };
                out!("{}{failing}", describe(&s.feed));
                out!(
                    "  {} posted, {} waiting, {} skipped",
                    s.posted,
                    s.pending,
                    s.skipped
                );
                if let Some(e) = &s.feed.last_error {
                    out!("  last error: {e} ({} failures in a row)", s.feed.failures);
                }
                if let Some((what, why)) = &s.last_skipped {
                    out!("  last skipped: {what}: {why}");
                }
            }
        }
        FeedCommand::Remove { id } => {
            let feed = desk.remove_feed(scope, id).await?;
            if json {
                print_json(&serde_json::json!({ "removed": feed }))?
            } else {
                out!("Removed {}", describe(&feed));
            }
        }
        FeedCommand::Pause { id } | FeedCommand::Resume { id } => {
            let pause = matches!(action, FeedCommand::Pause { .. });
            let feed = desk.pause_feed(scope, id, pause, &clock).await?;
            if json {
                print_json(&serde_json::json!({ "feed": feed }))?
            } else {
                out!(
                    "{} {}",
                    if pause { "Paused" } else { "Resumed" },
                    describe(&feed)
                );
            }
        }
        FeedCommand::Export => {
            let only = scope_given.then_some(scope);
            for feed in desk.store().all_feeds(only).await? {
                let record = FeedRecord::of(&feed);
                out!("{}", serde_json::to_string(&record)?);
            }
        }
        FeedCommand::Import { file } => {
            let text = if file == Path::new("-") {
                std::io::read_to_string(std::io::stdin())?
            } else {
                std::fs::read_to_string(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?
            };
            let (mut added, mut known) = (0, 0);
            for (n, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                let record: FeedRecord = serde_json::from_str(line)
                    .with_context(|| format!("line {}: not a feed export record", n + 1))?;
                if record.format_version != 1 {
                    bail!(
                        "line {}: format_version {} is not supported",
                        n + 1,
                        record.format_version
                    );
                }
                let f = &record.feed;
                let new = NewFeed {
                    scope: if scope_given { scope } else { f.scope },
                    url: &f.url,
                    channel_id: f.channel_id,
                    mode: f.mode,
                    title: f.title.as_deref(),
                    site_url: f.site_url.as_deref(),
                    now: chrono::Utc::now().timestamp(),
                };
                match desk.store().add_feed(&new).await? {
                    Some(row) => {
                        added += 1;
                        if f.paused {
                            desk.store()
                                .pause_feed_because(row.id, "paused when exported")
                                .await?;
                        }
                    }
                    None => known += 1,
                }
            }
            if json {
                print_json(&serde_json::json!({ "imported": added, "duplicate": known }))?
            } else {
                out!("Imported {added} feeds ({known} already there)");
            }
        }
        FeedCommand::Poll { now } => {
            if now {
                for f in desk.store().feeds(scope).await? {
                    desk.store().defer_feed(f.id, 0).await?;
                }
            }
            let poller = Poller::new(desk.clone(), Arc::new(clock));
            let report = poller.poll_due(Some(scope), &Printer { json }).await?;
            if json {
                print_json(&serde_json::json!({ "report": report }))?
            } else {
                out!(
                    "Polled {} feeds ({} unchanged, {} failed, {} put off), {} new entries, {} posted, {} digests",
                    report.polled,
                    report.not_modified,
                    report.failed,
                    report.deferred,
                    report.new_entries,
                    report.posted,
                    report.digests
                );
            }
        }
    }
    Ok(())
}
