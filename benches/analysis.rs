//! Per-stage throughput of the offline analysis: `cargo bench --bench analysis`.
//!
//! Texts: the CNN/DM articles of `../shared/eval/summ/dev.jsonl` when the shared folder is beside
//! the checkout (read at run time, never copied), else a synthetic news-like text. Each stage has
//! its own function that prints one line; add a stage by adding a function and calling it from
//! `main`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use newsdesk::analysis::{self, Span};

/// Run `f` over all texts repeatedly for at least `MIN_TIME`; returns (rounds, elapsed).
fn measure(texts: &[String], mut f: impl FnMut(&str) -> usize) -> (usize, Duration, usize) {
    const MIN_TIME: Duration = Duration::from_millis(1500);
    // warm-up
    let mut units = 0;
    for t in texts {
        units += f(t);
    }
    let start = Instant::now();
    let mut rounds = 0;
    while start.elapsed() < MIN_TIME {
        for t in texts {
            black_box(f(black_box(t)));
        }
        rounds += 1;
    }
    (rounds, start.elapsed(), units)
}

fn report(
    stage: &str,
    texts: &[String],
    rounds: usize,
    elapsed: Duration,
    units: usize,
    unit: &str,
) {
    let secs = elapsed.as_secs_f64();
    let docs = (rounds * texts.len()) as f64;
    println!(
        "{stage:<12} {:>10.0} articles/s {:>12.0} {unit}/s {:>9.1} µs/article",
        docs / secs,
        (rounds * units) as f64 / secs,
        secs * 1e6 / docs,
    );
}

fn bench_sentences(texts: &[String]) {
    let (rounds, elapsed, units) = measure(texts, |t| analysis::sentences::split(t).len());
    report("sentences", texts, rounds, elapsed, units, "sentences");
}

/// Every text's sentences, computed once outside the timed loops.
fn split_all(texts: &[String]) -> Vec<Vec<Span>> {
    texts
        .iter()
        .map(|t| analysis::sentences::split(t))
        .collect()
}

fn bench_summary(texts: &[String]) {
    // Sentences are split once outside the timed loop: this measures the summarizer alone.
    let split = split_all(texts);
    let sentences: usize = split.iter().map(Vec::len).sum();
    let mut k = 0;
    let (rounds, elapsed, _) = measure(texts, |t| {
        let s = &split[k % split.len()];
        k += 1;
        analysis::summary::summarize(t, s, 3).len()
    });
    report("summary", texts, rounds, elapsed, sentences, "sentences");
}

fn bench_entities(texts: &[String]) {
    // Sentences are split once outside the timed loop: this measures recognition alone.
    let split = split_all(texts);
    let sentences: usize = split.iter().map(Vec::len).sum();
    let mut k = 0;
    let (rounds, elapsed, _) = measure(texts, |t| {
        let s = &split[k % split.len()];
        k += 1;
        analysis::entities::recognize(t, s).len()
    });
    report("entities", texts, rounds, elapsed, sentences, "sentences");
}

fn bench_quotes(texts: &[String]) {
    // Sentences and entities come first, untimed: this measures quote finding and attribution.
    let prepared: Vec<(Vec<Span>, Vec<analysis::Entity>)> = texts
        .iter()
        .map(|t| {
            let s = analysis::sentences::split(t);
            let e = analysis::entities::recognize(t, &s);
            (s, e)
        })
        .collect();
    let sentences: usize = prepared.iter().map(|(s, _)| s.len()).sum();
    let mut k = 0;
    let (rounds, elapsed, _) = measure(texts, |t| {
        let (s, e) = &prepared[k % prepared.len()];
        k += 1;
        analysis::quotes::find(t, s, e).len()
    });
    report("quotes", texts, rounds, elapsed, sentences, "sentences");
}

fn bench_pipeline(texts: &[String]) {
    let (rounds, elapsed, units) = measure(texts, |t| analysis::analyze(t, 3).sentences.len());
    report("analyze", texts, rounds, elapsed, units, "sentences");
}

/// CNN/DM articles from the shared eval set, or a synthetic text when it is absent.
fn load_texts() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/summ/dev.jsonl");
    let texts: Vec<String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["source"] == "cnndm")
        .filter_map(|v| v["article"].as_str().map(str::to_owned))
        .collect();
    if texts.is_empty() {
        println!("(shared eval set absent: using a synthetic article)");
        return vec![synthetic_article()];
    }
    println!("{} CNN/DM articles from {}", texts.len(), path.display());
    texts
}

fn synthetic_article() -> String {
    let parts = [
        "Officials in the U.S. capital said on Tuesday that the plan, worth $1.2bn, would go ahead.",
        "\"We are confident,\" said Sen. Maria Lopez, who chairs the committee.",
        "Critics, including Dr. J. R. Hale of Acme Corp., said the cost had risen 3.5 per cent.",
        "The vote is expected on Jan. 12, although no date has been confirmed.",
        "Will it pass? Analysts at the firm think so.",
    ];
    let mut s = String::from("Capital approves new transit plan\n");
    for i in 0..30 {
        s.push_str(parts[i % parts.len()]);
        s.push(if i % 6 == 5 { '\n' } else { ' ' });
    }
    s
}

fn main() {
    let texts = load_texts();
    bench_sentences(&texts);
    bench_summary(&texts);
    bench_entities(&texts);
    bench_quotes(&texts);
    bench_pipeline(&texts);
}
