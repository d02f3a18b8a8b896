//! `newsdesk ingest` with many links or files: a few at a time, a progress bar on a terminal
//! (plain lines otherwise, or JSON Lines with `--json`), and a summary at the end.
//!
//! Ctrl-C stops starting new ingests and lets the running ones finish; a second Ctrl-C drops
//! them. Either way nothing is half-written: each ingest stores its article in one transaction,
//! and a dropped ingest rolls its transaction back.

use super::render;
use anyhow::{Context, Result, anyhow, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdesk::Newsdesk;
use newsdesk::ingest::{Ingested, Source};
use newsdesk::model::Scope;
use serde::Serialize;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Links fetched at once.
    pub concurrency: usize,
    pub json: bool,
    /// `--url`: where a single file came from.
    pub url: Option<String>,
}

/// The list in `--from FILE`: one link or file per line; blank lines and `#` comments skipped;
/// `-` reads standard input.
pub fn read_list(from: &Path) -> Result<Vec<String>> {
    let list = if from == Path::new("-") {
        std::io::read_to_string(std::io::stdin()).context("cannot read standard input")?
    } else {
        std::fs::read_to_string(from).with_context(|| format!("cannot read {}", from.display()))?
    };
    Ok(parse_list(&list))
}

fn parse_list(list: &str) -> Vec<String> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// What a batch did.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub total: usize,
    pub stored: usize,
    pub duplicate: usize,
    pub failed: usize,
    /// Not started because of Ctrl-C.
    pub not_started: usize,
    /// Running when a second Ctrl-C came; their transactions were rolled back.
    pub dropped: usize,
    pub interrupted: bool,
    pub failures: Vec<Failure>,
}

#[derive(Debug, Serialize)]
pub struct Failure {
    pub source: String,
    pub error: String,
}

#[derive(Serialize)]
struct ItemLine<'a> {
    source: &'a str,
    #[serde(flatten)]
    outcome: Option<&'a Ingested>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Decide what an argument is: an existing file, else a link.
fn source_of(arg: &str, url: Option<String>) -> Result<Source> {
    let path = Path::new(arg);
    if path.is_file() {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {arg}"))?;
        return Ok(Source::from_file(arg, &bytes, url)?);
    }
    if arg.contains("://") {
        return Ok(Source::Url(arg.to_string()));
    }
    bail!("{arg}: no such file, and not a link")
}

/// Where the output goes: a progress bar on a terminal, plain lines otherwise.
struct Reporter {
    bar: Option<ProgressBar>,
    json: bool,
    many: bool,
}

impl Reporter {
    fn new(total: usize, json: bool) -> Reporter {
        let bar = (!json && total > 1 && std::io::stderr().is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("[{bar:30}] {pos}/{len} {wide_msg}") {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Reporter {
            bar,
            json,
            many: total > 1,
        }
    }

    /// Print above the bar, if there is one.
    fn out(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn item(&self, source: &str, result: &Result<Ingested>) {
        let json = self.json;
        self.out(|| match result {
            Ok(outcome) if json => print_json(&ItemLine {
                source,
                outcome: Some(outcome),
                error: None,
            }),
            // In a batch, one line per source; the summaries would drown the list.
            Ok(outcome) if self.many => out!("{}", one_line(source, outcome)),
            Ok(outcome) => render::ingested(source, outcome),
            Err(e) if json => print_json(&ItemLine {
                source,
                outcome: None,
                error: Some(format!("{e:#}")),
            }),
            // A single failure is the command's error, printed once by main.
            Err(e) if self.many => eprintln!("{source}: {e:#}"),
            Err(_) => {}
        });
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(source.to_string());
        }
    }

    fn note(&self, message: &str) {
        self.out(|| eprintln!("{message}"));
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn one_line(source: &str, outcome: &Ingested) -> String {
    match outcome {
        Ingested::Stored { article, .. } => format!(
            "{source}: stored as #{} {}",
            article.id,
            article.display_title()
        ),
        Ingested::Duplicate { article } => format!("{source}: already stored as #{}", article.id),
    }
}

fn print_json(value: &impl Serialize) {
    match serde_json::to_string(value) {
        Ok(line) => out!("{line}"),
        Err(e) => eprintln!("newsdesk: cannot encode JSON: {e}"),
    }
}

/// Ingest every source and print the outcome of each, then a summary when there were several.
pub async fn ingest(
    desk: &Newsdesk,
    scope: Scope,
    mut sources: Vec<String>,
    from: Option<&Path>,
    options: Options,
) -> Result<()> {
    if let Some(from) = from {
        sources.extend(read_list(from)?);
    }
    if sources.is_empty() {
        bail!("nothing to ingest: give links or files, or --from FILE");
    }
    if options.url.is_some() && sources.len() > 1 {
        bail!("--url applies to a single file");
    }
    let total = sources.len();
    let reporter = Reporter::new(total, options.json);
    let (summary, single_error) = run(desk, scope, sources, &options, &reporter).await;
    reporter.finish();

    if total == 1 {
        return single_error.map_or(Ok(()), Err);
    }
    if options.json {
        #[derive(Serialize)]
        struct Last<'a> {
            summary: &'a Summary,
        }
        print_json(&Last { summary: &summary });
    } else {
        print_summary(&summary);
    }
    if summary.interrupted {
        bail!(
            "interrupted: {} of {total} sources done",
            summary.stored + summary.duplicate + summary.failed
        );
    }
    if summary.failed > 0 {
        bail!("{} of {total} sources failed", summary.failed);
    }
    Ok(())
}

fn print_summary(s: &Summary) {
    out!(
        "{} stored, {} duplicate, {} failed",
        s.stored,
        s.duplicate,
        s.failed
    );
    for f in &s.failures {
        out!("  failed: {}: {}", f.source, f.error);
    }
    if s.interrupted {
        out!(
            "Interrupted: {} not started, {} dropped before storing",
            s.not_started,
            s.dropped
        );
    }
}

/// The scheduler. Links hold one permit each, so up to `concurrency` fetch at once; a local file
/// takes every permit, so files are stored one at a time in the order given (they need no network,
/// and their ids stay predictable).
async fn run(
    desk: &Newsdesk,
    scope: Scope,
    sources: Vec<String>,
    options: &Options,
    reporter: &Reporter,
) -> (Summary, Option<anyhow::Error>) {
    let concurrency = options.concurrency.clamp(1, 1024) as u32;
    let permits = Arc::new(Semaphore::new(concurrency as usize));
    let mut summary = Summary {
        total: sources.len(),
        ..Summary::default()
    };
    let mut last_error = None;
    let mut tasks = JoinSet::new();
    let mut running: HashMap<tokio::task::Id, String> = HashMap::new();
    let mut queue = sources.into_iter().peekable();
    let mut ctrl_c = Box::pin(tokio::signal::ctrl_c());
    let mut stopping = false;
    let mut signals = true;

    loop {
        let weight = queue.peek().map(|s| {
            if Path::new(s).is_file() {
                concurrency
            } else {
                1
            }
        });
        let can_start = weight.is_some() && !stopping;
        if !can_start && tasks.is_empty() {
            break;
        }
        tokio::select! {
            biased;
            signal = &mut ctrl_c, if signals => {
                if signal.is_err() {
                    // No signal handling here; run to the end.
                    signals = false;
                    continue;
                }
                if stopping {
                    reporter.note(&format!("newsdesk: dropping {} running ingests", tasks.len()));
                    tasks.abort_all();
                } else {
                    stopping = true;
                    reporter.note(&format!(
                        "newsdesk: interrupted; finishing {} running ingests (Ctrl-C again to drop them)",
                        tasks.len()
                    ));
                }
                ctrl_c = Box::pin(tokio::signal::ctrl_c());
            }
            Some(done) = tasks.join_next_with_id() => {
                let (id, source, result) = match done {
                    Ok((id, (source, result))) => (id, source, result),
                    Err(e) => {
                        let source = running.remove(&e.id()).unwrap_or_default();
                        if e.is_cancelled() {
                            summary.dropped += 1;
                            continue;
                        }
                        (e.id(), source, Err(anyhow!("internal error: the ingest task failed")))
                    }
                };
                running.remove(&id);
                reporter.item(&source, &result);
                match result {
                    Ok(Ingested::Stored { .. }) => summary.stored += 1,
                    Ok(Ingested::Duplicate { .. }) => summary.duplicate += 1,
                    Err(e) => {
                        summary.failed += 1;
                        summary.failures.push(Failure { source, error: format!("{e:#}") });
                        last_error = Some(e);
                    }
                }
            }
            permit = permits.clone().acquire_many_owned(weight.unwrap_or(1)), if can_start => {
                let (Ok(permit), Some(source)) = (permit, queue.next()) else { break };
                let desk = desk.clone();
                let url = options.url.clone();
                let name = source.clone();
                let handle = tasks.spawn(async move {
                    let result = match source_of(&source, url) {
                        Ok(s) => desk.ingest(scope, s, &|_| {}).await.map_err(anyhow::Error::from),
                        Err(e) => Err(e),
                    };
                    drop(permit);
                    (source, result)
                });
                running.insert(handle.id(), name);
            }
        }
    }
    summary.not_started = queue.count();
    summary.interrupted = stopping;
    (summary, last_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_comments_and_blank_lines() {
        let list =
            "# news\nhttps://a.example/1\n\n   \n  https://b.example/2  \n#https://c.example\n";
        assert_eq!(
            parse_list(list),
            ["https://a.example/1", "https://b.example/2"]
        );
    }

    #[test]
    fn arguments_are_files_or_links() {
        assert!(matches!(
            source_of("https://x.example/a", None),
            Ok(Source::Url(_))
        ));
        let e = source_of("missing-file.html", None).unwrap_err();
        assert!(e.to_string().contains("no such file"), "{e}");
    }
}
