//! The soak run behind `newsdesk bench soak`: many ingests and many mixed queries in one
//! process, in rounds, reporting resident memory and per-kind latency after each round.
//!
//! What it is for: a cache, map or pool that grows with the number of operations shows as
//! memory that keeps rising after the first rounds, and a slow leak in a query path as a p99
//! that drifts upwards round after round. It reports numbers and asserts nothing.

use super::store::{OpStats, entity_query, question, search_query, stats, typed_name};
use super::synth::{self, Rng, World};
use crate::Newsdesk;
use crate::error::Result;
use crate::ingest::Source;
use crate::model::{ArticleId, Scope};
use crate::query::Page;
use serde::Serialize;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct SoakOptions {
    /// Synthetic pages ingested in all (extract + analyse + store each).
    pub ingests: usize,
    /// Mixed queries in all.
    pub queries: usize,
    /// Rounds the work is split into; memory and latency are reported after each.
    pub rounds: usize,
    pub seed: u64,
    pub scope: Scope,
}

/// Resident memory of this process, from `/proc/self/status` (Linux; `None` elsewhere).
///
/// The database file is memory-mapped (`database.mmap_mib`), so its pages read count as resident
/// too and grow with the store; a leak shows in `anon_mib`, the heap and stacks.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Memory {
    /// Resident now, MiB.
    pub rss_mib: f64,
    /// Of which anonymous (heap, stacks: not the mapped database), MiB.
    pub anon_mib: f64,
    /// Highest resident so far, MiB.
    pub peak_mib: f64,
}

impl Memory {
    pub fn now() -> Option<Memory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        Some(Memory {
            rss_mib: status_kib(&status, "VmRSS:")? / 1024.0,
            anon_mib: status_kib(&status, "RssAnon:")? / 1024.0,
            peak_mib: status_kib(&status, "VmHWM:")? / 1024.0,
        })
    }
}

/// The value in KiB of a `Name:   1234 kB` line.
fn status_kib(status: &str, name: &str) -> Option<f64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(name))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[derive(Debug, Clone, Serialize)]
pub struct Round {
    /// Ingests and queries done by the end of this round.
    pub ingests: usize,
    pub queries: usize,
    pub memory: Option<Memory>,
    /// Latency of this round's operations, by kind.
    pub ops: Vec<OpStats>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SoakReport {
    /// Before the first round.
    pub start: Option<Memory>,
    pub rounds: Vec<Round>,
    pub seconds: f64,
    /// Anonymous resident memory at the end minus after the first round (caches warm), MiB.
    pub anon_growth_after_warm_mib: Option<f64>,
}

/// The query kinds of the mix, in the order they take turns.
const KINDS: [&str; 7] = [
    "ask",
    "entity",
    "quotes <article>",
    "quotes --speaker",
    "articles",
    "articles --search",
    "names (autocomplete)",
];

/// Run the soak on `desk`'s store (scope `opts.scope`): each round ingests its share of pages,
/// then runs its share of queries, taking the kinds in turn.
pub async fn run(
    desk: &Newsdesk,
    opts: SoakOptions,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<SoakReport> {
    let scope = opts.scope;
    let world = World::new(opts.seed);
    let entities: Vec<&synth::SynthEntity> = world.entities().collect();
    let mut rng = Rng::new(opts.seed ^ 0x50AC);
    let rounds = opts.rounds.max(1);
    let start = Memory::now();
    let started = Instant::now();
    let mut report = Vec::with_capacity(rounds);
    let mut ids: Vec<ArticleId> = Vec::new();
    let (mut ingested, mut asked) = (0usize, 0usize);
    for round in 0..rounds {
        let ingest_to = opts.ingests * (round + 1) / rounds;
        let query_to = opts.queries * (round + 1) / rounds;
        let mut ingest_times = Vec::new();
        while ingested < ingest_to {
            let a = synth::article(&world, opts.seed ^ 0x50AC, 2_000_000 + ingested);
            let source = Source::Html {
                html: a.html(),
                url: Some(a.url),
            };
            let t = Instant::now();
            let outcome = desk.ingest(scope, source, &|_| {}).await?;
            ingest_times.push(t.elapsed());
            ids.push(outcome.article().id);
            ingested += 1;
        }
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); KINDS.len()];
        while asked < query_to {
            let n = asked;
            let kind = n % KINDS.len();
            let t = Instant::now();
            match kind {
                0 => {
                    desk.ask_extractive(scope, &question(&world, &mut rng, n))
                        .await?;
                }
                1 => {
                    desk.entity(scope, &entity_query(&world, &mut rng, &entities, n))
                        .await?;
                }
                2 => {
                    if let Some(&id) = ids.get(rng.below(ids.len().max(1))) {
                        desk.article_quotes(scope, id, Page::first(10)).await?;
                    }
                }
                3 => {
                    let e = world.popular_person(&mut rng);
                    let name = e.aliases.first().unwrap_or(&e.name);
                    desk.speaker_quotes(scope, name, Page::first(10)).await?;
                }
                4 => {
                    let page = Page {
                        index: rng.below(20),
                        size: 10,
                    };
                    desk.articles(scope, None, page).await?;
                }
                5 => {
                    let q = search_query(&world, &mut rng, n);
                    desk.articles(scope, Some(&q), Page::first(10)).await?;
                }
                _ => {
                    let (typed, filter) = typed_name(&world, &mut rng, &entities, n);
                    desk.suggest_names(scope, &typed, filter, 25).await?;
                }
            }
            times[kind].push(t.elapsed());
            asked += 1;
        }
        let mut ops = vec![stats("ingest", ingest_times)];
        ops.extend(KINDS.iter().zip(times).map(|(k, t)| stats(k, t)));
        let memory = Memory::now();
        progress(&format!(
            "round {}/{rounds}: {ingested} ingests, {asked} queries, resident {}",
            round + 1,
            memory.map_or("?".to_string(), |m| format!(
                "{:.0} MiB ({:.0} anonymous)",
                m.rss_mib, m.anon_mib
            ))
        ));
        report.push(Round {
            ingests: ingested,
            queries: asked,
            memory,
            ops,
        });
    }
    let anon_growth_after_warm_mib = match (
        report.first().and_then(|r| r.memory),
        report.last().and_then(|r| r.memory),
    ) {
        (Some(first), Some(last)) => Some(last.anon_mib - first.anon_mib),
        _ => None,
    };
    Ok(SoakReport {
        start,
        rounds: report,
        seconds: started.elapsed().as_secs_f64(),
        anon_growth_after_warm_mib,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_are_read_in_kib() {
        let status =
            "Name:\tnewsdesk\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nRssAnon:\t 51200 kB\n";
        assert_eq!(status_kib(status, "VmRSS:"), Some(102_400.0));
        assert_eq!(status_kib(status, "VmHWM:"), Some(204_800.0));
        assert_eq!(status_kib(status, "RssAnon:"), Some(51_200.0));
        assert_eq!(status_kib(status, "VmSwap:"), None);
    }
}
