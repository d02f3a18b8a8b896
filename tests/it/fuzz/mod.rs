//! Fuzzing that stays: property tests over every parser of outside input, checking invariants
//! (no panic, offsets on char boundaries and inside the text, spans in order, replies within
//! Discord's limits) rather than examples.
//!
//! Each target has a short run (`fuzz_<target>`, a few hundred inputs, part of `cargo test`) and a
//! long one (`fuzz_<target>_long`, ignored): `cargo test --release --test it -- --ignored fuzz`
//! runs 10^6 inputs over all targets, and [`linear`] measures how time grows with input size.
//! Short runs use a fixed seed so CI sees the same inputs every time; long runs a fresh one,
//! printed with each target's count. `NEWSDESK_FUZZ_SEED=N` replays a seed, and
//! `NEWSDESK_FUZZ_SCALE=F` multiplies every long run's count.
//!
//! proptest drives the inputs: it runs on stable Rust under `cargo test` (cargo-fuzz needs
//! nightly and libFuzzer), composes structured generators for hostile HTML and text, and shrinks
//! a failing input to a small one before reporting it. A finding becomes a plain regression test
//! in [`regressions`].

mod html;
mod inputs;
mod linear;
mod links;
mod regressions;
mod render;
mod text;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use std::fmt::Debug;
use std::time::Instant;

/// The seed of a run: `NEWSDESK_FUZZ_SEED`, else fixed for short runs and fresh for long ones.
fn seed(long: bool) -> u64 {
    if let Some(s) = std::env::var("NEWSDESK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return s;
    }
    if !long {
        return 0x6e65_7773_6465_736b;
    }
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    t.as_nanos() as u64 ^ u64::from(std::process::id())
}

/// How many inputs a long run of a target gets: its share of the 10^6, scaled.
fn long_cases(base: u32) -> u32 {
    let scale: f64 = std::env::var("NEWSDESK_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    ((f64::from(base) * scale) as u32).max(1)
}

/// Runs `check` over `cases` inputs from `strategy`, and panics with the shrunk failing input.
pub fn run<S>(
    name: &str,
    cases: u32,
    long: bool,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let seed = seed(long);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 4096,
        max_shrink_time: 120_000,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
    let started = Instant::now();
    let result = runner.run(&strategy, check);
    println!(
        "fuzz {name}: {cases} inputs in {:.1} s (seed {seed})",
        started.elapsed().as_secs_f64()
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(why, input)) => {
            let shown = format!("{input:?}");
            let path = std::env::temp_dir().join(format!("newsdesk-fuzz-{name}-{seed}.txt"));
            let _ = std::fs::write(&path, &shown);
            let cut: String = shown.chars().take(3000).collect();
            panic!(
                "fuzz {name} (seed {seed}): {why}\nminimal input ({} chars, all in {}):\n{cut}",
                shown.len(),
                path.display()
            );
        }
        Err(TestError::Abort(why)) => panic!("fuzz {name} (seed {seed}) aborted: {why}"),
    }
}

/// `prop_assert!` for a plain condition with a message, usable in helpers returning `Result`.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(proptest::test_runner::TestCaseError::fail(format!($($msg)+)));
        }
    };
}

/// Declares a target's short test (in CI) and its long, ignored twin.
#[macro_export]
macro_rules! fuzz_target {
    ($short:ident, $long:ident, $short_cases:expr, $long_cases:expr, $strategy:expr, $check:expr) => {
        #[test]
        fn $short() {
            $crate::fuzz::run(
                stringify!($short),
                $short_cases,
                false,
                $strategy(false),
                $check,
            );
        }

        #[test]
        #[ignore = "long fuzzing run: cargo test --release --test it -- --ignored fuzz"]
        fn $long() {
            $crate::fuzz::run(
                stringify!($long),
                $crate::fuzz::long_cases($long_cases),
                true,
                $strategy(true),
                $check,
            );
        }
    };
}

/// Fails unless `span` is a byte range of `text` on char boundaries.
pub fn span_ok(text: &str, start: usize, end: usize, what: &str) -> Result<(), TestCaseError> {
    ensure!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} outside the text (len {})",
        text.len()
    );
    ensure!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} not on char boundaries"
    );
    Ok(())
}
