//! `extract` and `analyze`: stateless commands over files, the contract `../shared/eval/run`
//! drives. Output is JSON Lines, one object per input file, in input order; offsets are byte
//! offsets into `text`, end exclusive.

use anyhow::{Context, Result, anyhow, bail};
use newsdesk::analysis::{self, Analysis};
use newsdesk::extract::{self, Extracted, charset};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct ExtractLine<'a> {
    file: String,
    url: Option<&'a str>,
    title: Option<&'a str>,
    byline: Option<&'a str>,
    published: Option<&'a str>,
    site: Option<&'a str>,
    language: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct SpanOut {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SummaryOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    speaker: Option<&'a str>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    roles: &'a [String],
    mentions: Vec<SpanOut>,
}

#[derive(Serialize)]
struct AnalyzeLine<'a> {
    file: String,
    text: &'a str,
    sentences: Vec<SpanOut>,
    summary: Vec<SummaryOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
    entities: Vec<EntityOut<'a>>,
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

fn extract_file(path: &Path) -> Result<Extracted> {
    let html = charset::decode(&read(path)?, None);
    Ok(extract::extract(&html, None))
}

/// A batch's per-file failure: one JSON line in place of the file's output.
#[derive(Serialize)]
struct FailureLine<'a> {
    file: String,
    error: &'a str,
}

/// Runs `each` over every file in order. A file that cannot be read or decoded is reported
/// (a `{"file", "error"}` line with `--json`, a line on stderr otherwise) and the batch goes on;
/// the command fails at the end when any file did. A lone file's failure is simply the command's
/// error (printed once by `main`). Failing to write the output stops the batch.
fn batch<W: Write>(
    files: &[PathBuf],
    json: bool,
    out: &mut W,
    mut each: impl FnMut(&Path, &mut W) -> Result<Result<()>>,
) -> Result<()> {
    let mut failed = 0;
    let mut last = None;
    for path in files {
        let Err(e) = each(path, out)? else { continue };
        failed += 1;
        let error = format!("{e:#}").replace('\n', " ");
        if json {
            let line = FailureLine {
                file: path.display().to_string(),
                error: &error,
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        } else if files.len() > 1 {
            // Flush first so the stderr line follows the output of the files before it.
            out.flush()?;
            eprintln!("newsdesk: {error}");
        }
        last = Some(e);
    }
    out.flush()?;
    match last {
        Some(e) if files.len() == 1 => Err(e),
        Some(_) => bail!("{failed} of {} files failed", files.len()),
        None => Ok(()),
    }
}

pub fn extract(files: &[PathBuf], json: bool) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    batch(files, json, &mut out, |path, out| {
        let a = match extract_file(path) {
            Ok(a) => a,
            Err(e) => return Ok(Err(e)),
        };
        if json {
            let line = ExtractLine {
                file: path.display().to_string(),
                url: a.canonical_url.as_deref(),
                title: a.title.as_deref(),
                byline: a.byline.as_deref(),
                published: a.published.as_deref(),
                site: a.site.as_deref(),
                language: a.language.as_deref(),
                text: &a.text,
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        } else {
            writeln!(out, "== {}", path.display())?;
            writeln!(out, "title:     {}", a.title.as_deref().unwrap_or("-"))?;
            writeln!(out, "byline:    {}", a.byline.as_deref().unwrap_or("-"))?;
            writeln!(out, "published: {}", a.published.as_deref().unwrap_or("-"))?;
            writeln!(out, "site:      {}", a.site.as_deref().unwrap_or("-"))?;
            writeln!(out, "\n{}\n", a.text)?;
        }
        Ok(Ok(()))
    })
}

fn analyze_text(path: &Path) -> Result<String> {
    if is_html(path) {
        return Ok(extract_file(path)?.text);
    }
    String::from_utf8(read(path)?).map_err(|e| {
        anyhow!(
            "{} is not valid UTF-8 text ({})",
            path.display(),
            e.utf8_error()
        )
    })
}

pub fn analyze(files: &[PathBuf], sentences: usize, json: bool) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    batch(files, json, &mut out, |path, out| {
        let text = match analyze_text(path) {
            Ok(text) => text,
            Err(e) => return Ok(Err(e)),
        };
        let a = analysis::analyze(&text, sentences);
        if json {
            serde_json::to_writer(&mut *out, &analyze_line(path, &text, &a))?;
            writeln!(out)?;
        } else {
            write_analysis(out, path, &text, &a)?;
        }
        Ok(Ok(()))
    })
}

fn analyze_line<'a>(path: &Path, text: &'a str, a: &'a Analysis) -> AnalyzeLine<'a> {
    AnalyzeLine {
        file: path.display().to_string(),
        text,
        sentences: a
            .sentences
            .iter()
            .map(|s| SpanOut {
                start: s.start,
                end: s.end,
            })
            .collect(),
        summary: a
            .summary
            .iter()
            .map(|&i| {
                let s = a.sentences[i];
                SummaryOut {
                    start: s.start,
                    end: s.end,
                    text: s.of(text),
                }
            })
            .collect(),
        quotes: a
            .quotes
            .iter()
            .map(|q| QuoteOut {
                text: q.span.of(text),
                start: q.span.start,
                end: q.span.end,
                speaker: q.speaker.as_ref().map(|s| s.name.as_str()),
                speaker_start: q.speaker.as_ref().map(|s| s.mention.start),
                speaker_end: q.speaker.as_ref().map(|s| s.mention.end),
            })
            .collect(),
        entities: a
            .entities
            .iter()
            .map(|e| EntityOut {
                name: &e.name,
                kind: e.kind.as_str(),
                aliases: &e.aliases,
                roles: &e.roles,
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| SpanOut {
                        start: m.start,
                        end: m.end,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn write_analysis(out: &mut impl Write, path: &Path, text: &str, a: &Analysis) -> Result<()> {
    writeln!(
        out,
        "== {} ({} sentences)",
        path.display(),
        a.sentences.len()
    )?;
    writeln!(out, "Summary:")?;
    for &i in &a.summary {
        writeln!(out, "  {}", a.sentences[i].of(text))?;
    }
    if !a.quotes.is_empty() {
        writeln!(out, "Quotes:")?;
        for q in &a.quotes {
            let who = q.speaker.as_ref().map_or("unknown", |s| s.name.as_str());
            writeln!(out, "  \u{201c}{}\u{201d} \u{2014} {who}", q.span.of(text))?;
        }
    }
    if !a.entities.is_empty() {
        writeln!(out, "Entities:")?;
        for e in &a.entities {
            let roles = if e.roles.is_empty() {
                String::new()
            } else {
                format!(" ({})", e.roles.join(", "))
            };
            writeln!(
                out,
                "  {} [{}]{roles} \u{00d7}{}",
                e.name,
                e.kind.as_str(),
                e.mentions.len()
            )?;
        }
    }
    Ok(())
}
