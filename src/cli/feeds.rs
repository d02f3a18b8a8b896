//! `newsdesk feed …`: `parse` reads feed files (no database); `add`, `list`, `remove` and `poll`
//! are the twins of the bot's `/feed` commands.

use anyhow::{Result, bail};
use newsdesk::feeds::{self, ParsedFeed};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

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
