//! `backup`, `export`, `import` and `store copy`: moving a newsdesk database around.

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdesk::Newsdesk;
use newsdesk::config::{Config, DatabaseConfig, DatabaseTarget};
use newsdesk::model::{ArticleId, Scope};
use newsdesk::store::{BackupError, CopyEvent, ExportRecord, ImportOutcome, Store};
use serde::Serialize;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A consistent copy of the database at `path`, safe while the bot runs.
pub async fn backup(desk: &Newsdesk, path: &Path, force: bool, json: bool) -> Result<()> {
    let bytes = match desk.store().backup(path, force).await {
        Ok(bytes) => bytes,
        Err(e @ BackupError::Exists(_)) => bail!("{e} (add --force to replace it)"),
        Err(e) => return Err(e.into()),
    };
    if json {
        out!(
            "{}",
            serde_json::json!({ "backup": path.display().to_string(), "bytes": bytes })
        );
    } else {
        out!("Backed up to {} ({bytes} bytes)", path.display());
    }
    Ok(())
}

/// Every article of `scope` (all scopes with `None`) as JSON Lines on standard output.
pub async fn export(desk: &Newsdesk, scope: Option<Scope>) -> Result<()> {
    let store = desk.store();
    let mut out = BufWriter::new(std::io::stdout());
    for id in store.export_ids(scope).await? {
        let record = match store.export_article(id).await {
            Ok(r) => r,
            // Forgotten while we were exporting.
            Err(newsdesk::Error::UnknownArticle(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        let line = serde_json::to_string(&record)?;
        if let Err(e) = writeln!(out, "{line}") {
            // `newsdesk export | head` is not an error.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(e).context("cannot write to standard output");
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

#[derive(Debug, Default, Serialize)]
struct ImportSummary {
    imported: usize,
    duplicate: usize,
    invalid: Vec<BadLine>,
}

#[derive(Debug, Serialize)]
struct BadLine {
    line: usize,
    error: String,
}

/// Read an export into the database; records already stored are skipped.
pub async fn import(desk: &Newsdesk, file: &Path, scope: Option<Scope>, json: bool) -> Result<()> {
    let reader: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let f =
            std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
        Box::new(BufReader::new(f))
    };
    let mut summary = ImportSummary::default();
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", file.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let result = match ExportRecord::parse(&line) {
            Ok(record) => desk
                .store()
                .import_article(&record, scope)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(ImportOutcome::Imported(_)) => summary.imported += 1,
            Ok(ImportOutcome::Duplicate(_)) => summary.duplicate += 1,
            Err(error) => summary.invalid.push(BadLine { line: n + 1, error }),
        }
    }
    if json {
        out!("{}", serde_json::to_string(&summary)?);
    } else {
        out!(
            "{} imported, {} already stored, {} not imported",
            summary.imported,
            summary.duplicate,
            summary.invalid.len()
        );
        for bad in &summary.invalid {
            out!("  line {}: {}", bad.line, bad.error);
        }
    }
    if !summary.invalid.is_empty() {
        bail!("{} lines could not be imported", summary.invalid.len());
    }
    Ok(())
}

/// `store copy`: every article and feed of `from` into `to`, with a progress bar on a terminal;
/// Ctrl-C stops after the article in hand, and running the same command again continues.
pub async fn store_copy(config: &Config, from: &str, to: &str, json: bool) -> Result<()> {
    let source = DatabaseConfig::at(from).context("--from")?;
    let target = DatabaseConfig::at(to).context("--to")?;
    let mmap = config.database.mmap_mib;
    let (source, target) = (
        DatabaseConfig {
            mmap_mib: mmap,
            ..source
        },
        DatabaseConfig {
            mmap_mib: mmap,
            ..target
        },
    );
    let (from_name, to_name) = (source.describe(), target.describe());
    let (source_at, target_at) = (source.target()?, target.target()?);
    if let DatabaseTarget::Sqlite(path) = &source_at
        && !path.is_file()
    {
        // Opening would create an empty store and copy nothing.
        bail!("--from: there is no SQLite database at {}", path.display());
    }
    if same_database(&source_at, &target_at) {
        bail!("--from and --to name the same database ({from_name})");
    }
    let from_store = Store::open_with(&source)
        .await
        .with_context(|| format!("cannot open {from_name}"))?;
    let to_store = Store::open_with(&target)
        .await
        .with_context(|| format!("cannot open {to_name}"))?;

    let stop = Arc::new(AtomicBool::new(false));
    let stopper = stop.clone();
    let ctrl_c = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            stopper.store(true, Ordering::Relaxed);
        }
    });
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "[{bar:30}] {pos}/{len} articles, {elapsed} so far, eta {eta} {wide_msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    });
    let mut copied = 0usize;
    // Numbers that changed (a merge), to name the first few: members may have seen them.
    let mut renumbered: Vec<(ArticleId, ArticleId)> = Vec::new();
    let mut observe = |event: &CopyEvent| {
        if let Some(bar) = &bar {
            match event {
                CopyEvent::Planned { articles, already } => {
                    bar.set_length(*articles as u64);
                    bar.set_position(*already as u64);
                    bar.reset_eta();
                    if *already > 0 {
                        bar.set_message(format!("({already} already there)"));
                    }
                }
                CopyEvent::Copied { .. } | CopyEvent::Skipped(_) => bar.inc(1),
                CopyEvent::Feeds { feeds } => bar.set_message(format!("then {feeds} feeds")),
            }
        }
        if let CopyEvent::Copied { from, to } = event {
            copied += 1;
            if from != to {
                renumbered.push((*from, *to));
            }
        }
        if stop.load(Ordering::Relaxed) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let result = newsdesk::store::copy(&from_store, &to_store, &mut observe).await;
    ctrl_c.abort();
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    from_store.close().await;
    to_store.close().await;
    let summary = result.with_context(|| {
        format!("copy stopped after {copied} articles (run the same command again to continue)")
    })?;
    if json {
        out!(
            "{}",
            serde_json::json!({ "from": from_name, "to": to_name, "summary": summary })
        );
    } else {
        let s = &summary;
        out!(
            "{} of {} articles copied from {from_name} to {to_name}; {} already there{}",
            s.copied,
            s.articles,
            s.already,
            if s.vanished > 0 {
                format!(", {} forgotten meanwhile", s.vanished)
            } else {
                String::new()
            }
        );
        if s.renumbered > 0 {
            const SHOWN: usize = 10;
            let pairs: Vec<String> = renumbered
                .iter()
                .take(SHOWN)
                .map(|(from, to)| format!("#{from} is now #{to}"))
                .collect();
            let more = if renumbered.len() > SHOWN {
                ", …"
            } else {
                ""
            };
            out!(
                "{} renumbered, their numbers being taken in {to_name}: {}{more}",
                s.renumbered,
                pairs.join(", ")
            );
        }
        if !s.interrupted {
            out!(
                "{} feeds copied; {} already there",
                s.feeds_copied,
                s.feeds_already
            );
        }
    }
    if summary.interrupted {
        bail!("interrupted: run the same command again to continue");
    }
    Ok(())
}

/// Whether two locations are one database (a file by its absolute path, a server by its URL).
fn same_database(a: &DatabaseTarget, b: &DatabaseTarget) -> bool {
    match (a, b) {
        (DatabaseTarget::Sqlite(a), DatabaseTarget::Sqlite(b)) => {
            let full = |p: &Path| {
                std::fs::canonicalize(p)
                    .or_else(|_| std::path::absolute(p))
                    .unwrap_or_else(|_| p.to_path_buf())
            };
            full(a) == full(b)
        }
        (DatabaseTarget::Postgres(a), DatabaseTarget::Postgres(b)) => a == b,
        _ => false,
    }
}
