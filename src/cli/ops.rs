//! `backup`, `export` and `import`: moving a newsdesk database around.

use anyhow::{Context, Result, bail};
use newsdesk::Newsdesk;
use newsdesk::model::Scope;
use newsdesk::store::{BackupError, ExportRecord, ImportOutcome};
use serde::Serialize;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

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
