//! Time against input size: each hostile shape at size n and 10n through the parser it targets.
//! A 10× input may take at most ~15× the time. Timing is too noisy for CI, so this is a long-mode
//! test (ignored; run it in release): it prints every ratio, and fails only past the bound,
//! taking the fastest of several runs of each size.

use newsdesk::analysis;
use newsdesk::bot::render;
use newsdesk::extract::{self, charset};
use newsdesk::query::ask::Question;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Fastest of `runs` calls.
fn fastest(runs: usize, f: &dyn Fn()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn prose() -> String {
    "Mayor Ana Ruiz said on Monday that the tram line to the harbour would open in May. \
     \"We have waited long enough,\" she told reporters in Portsmouth, adding that 4,000 people \
     a day were expected. Critics, including the Harbour Trust, called the plan rushed.\n"
        .to_string()
}

type Shape = (&'static str, fn(usize) -> String, fn(&str));

fn html(s: &str) {
    let a = extract::extract(black_box(s), None);
    black_box(analysis::analyze(&a.text, 3));
}

fn text(s: &str) {
    black_box(analysis::analyze(black_box(s), 3));
}

fn shapes() -> Vec<Shape> {
    vec![
        (
            "html: nested divs",
            |n| "<div>".repeat(n) + "<p>Text.</p>",
            html,
        ),
        (
            "html: nested inline tags",
            |n| "<b><i>".repeat(n / 2) + "Text.",
            html,
        ),
        (
            "html: one huge attribute",
            |n| format!("<p title=\"{}\">Text.</p>", "ab cd ".repeat(n * 2)),
            html,
        ),
        (
            "html: unclosed script",
            |n| {
                format!(
                    "<p>Intro text here.</p><script>{}",
                    "var a = '<p>x</p>'; ".repeat(n / 2)
                )
            },
            html,
        ),
        (
            "html: unclosed comment",
            |n| format!("<p>Intro.</p><!-- {}", "-- <p>x</p> ".repeat(n / 2)),
            html,
        ),
        (
            "html: unclosed attribute quote",
            |n| format!("<div class=\"{}", "x <p> ".repeat(n)),
            html,
        ),
        (
            "html: many paragraphs",
            |n| {
                format!(
                    "<article>{}</article>",
                    format!("<p>{}</p>", prose()).repeat(n / 50 + 1)
                )
            },
            html,
        ),
        (
            "html: NUL bytes",
            |n| format!("<p>{}</p>", "a\0 ".repeat(n)),
            html,
        ),
        (
            "html: quote marks",
            |n| format!("<p>{}</p>", "\" “ « ".repeat(n / 3)),
            html,
        ),
        (
            "html: entities",
            |n| format!("<p>{}</p>", "&amp;&#x41;&#;&bogus;".repeat(n / 4)),
            html,
        ),
        ("text: straight quote marks", |n| "\" ".repeat(n), text),
        (
            "text: curly quotes never closed",
            |n| "“We will ".repeat(n / 3),
            text,
        ),
        ("text: abbreviations", |n| "Mr. ".repeat(n / 2), text),
        ("text: one long word", |n| "a".repeat(n * 4), text),
        (
            "text: repeated names",
            |n| "John Smith ".repeat(n / 3),
            text,
        ),
        ("text: prose", |n| prose().repeat(n / 50 + 1), text),
        (
            "text: one long prose line",
            |n| prose().replace('\n', " ").repeat(n / 50 + 1),
            text,
        ),
        ("text: newlines", |n| "\n".repeat(n), text),
        (
            "question: long",
            |n| "who said what about the harbour plan last week ".repeat(n / 8),
            |s| {
                black_box(Question::parse(
                    black_box(s),
                    chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
                ));
            },
        ),
        (
            "charset: latin-1 bytes",
            |n| "caf\u{e9} ".repeat(n),
            |s| {
                let latin1: Vec<u8> = s.chars().map(|c| c as u8).collect();
                black_box(charset::decode(&latin1, None));
            },
        ),
        (
            "render: escape",
            |n| "*a* _b_ <@1> # x\n".repeat(n / 4),
            |s| {
                black_box(render::escape(black_box(s)));
            },
        ),
    ]
}

#[test]
#[ignore = "timing: cargo test --release --test it -- --ignored fuzz_time"]
fn fuzz_time_is_linear() {
    let n = 10_000;
    let mut worst: Vec<(f64, &str)> = Vec::new();
    for (name, make, run) in shapes() {
        let small = make(n);
        let large = make(n * 10);
        run(&small); // warm up
        let t1 = fastest(5, &|| run(&small));
        let t10 = fastest(3, &|| run(&large));
        let ratio = t10.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        println!(
            "{name:32} {:>8} B {:>9.2} ms   {:>9} B {:>9.2} ms   ×{ratio:.1}",
            small.len(),
            t1.as_secs_f64() * 1e3,
            large.len(),
            t10.as_secs_f64() * 1e3
        );
        // Below a millisecond at 10× the timer and the cache dominate; nothing to judge.
        if t10 > Duration::from_millis(1) {
            worst.push((ratio, name));
        }
    }
    let over: Vec<_> = worst.iter().filter(|(r, _)| *r > 15.0).collect();
    assert!(over.is_empty(), "superlinear: {over:?}");
}
