//! Extraction throughput over a directory of pages.
//!
//! `cargo bench --bench extract` reads every `.html` / `.html.gz` file in
//! `../shared/eval/extraction/html` (or `$NEWSDESK_BENCH_PAGES`), decodes them once, then times
//! the parse, metadata and main-text phases separately and the whole `extract` call, and prints
//! pages/s and MB/s. No timing is asserted: this is a measuring tool.

use newsdesk::extract::{self, charset, content, dom, meta};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn pages_dir() -> PathBuf {
    std::env::var_os("NEWSDESK_BENCH_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/extraction/html")
        })
}

fn read_page(path: &Path) -> Option<Vec<u8>> {
    let name = path.file_name()?.to_str()?;
    let raw = std::fs::read(path).ok()?;
    if name.ends_with(".html.gz") || name.ends_with(".htm.gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .ok()?;
        Some(out)
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        Some(raw)
    } else {
        None
    }
}

fn report(label: &str, elapsed: Duration, pages: usize, bytes: usize, rounds: usize) {
    let secs = elapsed.as_secs_f64();
    let n = (pages * rounds) as f64;
    println!(
        "{label:<10} {:>8.3} ms/page {:>9.0} pages/s {:>8.1} MB/s",
        secs * 1000.0 / n,
        n / secs,
        (bytes * rounds) as f64 / secs / 1e6
    );
}

fn main() {
    let dir = pages_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!(
            "skipping extract bench: no pages at {} (set NEWSDESK_BENCH_PAGES)",
            dir.display()
        );
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    let raw: Vec<Vec<u8>> = paths.iter().filter_map(|p| read_page(p)).collect();
    if raw.is_empty() {
        println!(
            "skipping extract bench: no .html or .html.gz files in {}",
            dir.display()
        );
        return;
    }
    let bytes: usize = raw.iter().map(Vec::len).sum();
    let rounds: usize = std::env::var("NEWSDESK_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    println!(
        "{} pages, {:.1} MB, {} rounds, from {}",
        raw.len(),
        bytes as f64 / 1e6,
        rounds,
        dir.display()
    );

    let t = Instant::now();
    let mut pages = Vec::new();
    for _ in 0..rounds {
        pages = raw.iter().map(|b| charset::decode(b, None)).collect();
    }
    report("decode", t.elapsed(), raw.len(), bytes, rounds);

    let t = Instant::now();
    for _ in 0..rounds {
        for p in &pages {
            std::hint::black_box(dom::parse(p).nodes.len());
        }
    }
    report("parse", t.elapsed(), raw.len(), bytes, rounds);

    let docs: Vec<_> = pages.iter().map(|p| dom::parse(p)).collect();
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            std::hint::black_box(meta::extract(d, None));
        }
    }
    report("metadata", t.elapsed(), raw.len(), bytes, rounds);

    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            std::hint::black_box(content::main_text(d));
        }
    }
    report("main text", t.elapsed(), raw.len(), bytes, rounds);
    drop(docs);

    let t = Instant::now();
    for _ in 0..rounds {
        for p in &pages {
            std::hint::black_box(extract::extract(p, None));
        }
    }
    report("extract", t.elapsed(), raw.len(), bytes, rounds);
}
