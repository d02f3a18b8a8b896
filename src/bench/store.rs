//! The store benchmark behind `newsdesk bench store`: fill a store with the synthetic corpus
//! ([`crate::bench::synth`]), then time the read paths the bot serves (ask, entity, quotes,
//! articles, name suggestions) and the ingest of pre-fetched pages (extract + analyse + store)
//! into that same store, followed by forgetting them again.
//!
//! Ingesting into the big store rather than an empty one is the honest figure: the full-text
//! indexes and the entity tables are as large as a long-running bot's. The pages are forgotten
//! afterwards (timing `forget`), so reruns measure the same store.
//!
//! A measurement tool, not a test: it reports numbers and asserts nothing.

use crate::Newsdesk;
use crate::bench::synth::{self, Rng, World};
use crate::error::Result;
use crate::ingest::Source;
use crate::model::{ArticleId, Scope};
use crate::query::Page;
use crate::query::suggest::NameFilter;
use crate::store::NewArticle;
use serde::Serialize;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct BenchOptions {
    /// Articles the store should hold (generated as needed, never deleted).
    pub articles: usize,
    /// Timed calls per operation.
    pub queries: usize,
    /// Pages ingested for the throughput figure (0: skip).
    pub ingest: usize,
    /// Ingests running at once for that figure: SQLite takes one writer at a time, PostgreSQL
    /// several.
    pub writers: usize,
    pub seed: u64,
    /// Whose articles: a server sharing the store with a much bigger one is the case to watch.
    pub scope: Scope,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpStats {
    pub op: String,
    pub calls: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub articles: usize,
    pub generated: usize,
    pub generate_secs: f64,
    pub db_bytes: u64,
    pub bytes_per_article: f64,
    pub ops: Vec<OpStats>,
    pub ingest_articles_per_sec: Option<f64>,
    /// CPU time of that ingest per article, user and system, in ms (Linux; all threads): on a
    /// shared machine the rate follows the load, this much less.
    pub ingest_cpu_ms: Option<(f64, f64)>,
    /// Concurrent ingests behind that rate.
    pub writers: usize,
    /// The untimed warm-up pass before the timed calls, and its first call (an entity lookup
    /// and a question on a process that has read nothing yet).
    pub warm_up_secs: f64,
    pub cold_first_call_ms: Option<f64>,
}

/// Entity lookups and questions (each) in the untimed warm-up pass.
const WARM_UP_CALLS: usize = 20;

pub(super) fn stats(op: &str, mut times: Vec<Duration>) -> OpStats {
    times.sort();
    let at = |q: f64| {
        times
            .get(((times.len() as f64 * q).ceil() as usize).saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    OpStats {
        op: op.to_string(),
        calls: times.len(),
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        max_ms: at(1.0),
    }
}

/// A typo: one letter dropped from the middle of the name.
fn typo(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let k = chars.len() / 2;
    chars
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != k)
        .map(|(_, c)| c)
        .collect()
}

/// The `n`th name looked up with `entity`: exact names, short aliases, lower case without
/// accents, typos; popular people half the time.
pub(super) fn entity_query(
    world: &World,
    rng: &mut Rng,
    entities: &[&synth::SynthEntity],
    n: usize,
) -> String {
    let e = if n.is_multiple_of(2) {
        world.popular_person(rng)
    } else {
        *rng.pick(entities)
    };
    match n % 4 {
        0 => e.name.clone(),
        1 => e.aliases.first().unwrap_or(&e.name).clone(),
        2 => crate::store::fold(&e.name),
        _ => typo(&e.name),
    }
}

/// The `n`th `articles --search` query: a topic, or a person and a topic.
pub(super) fn search_query(world: &World, rng: &mut Rng, n: usize) -> String {
    match n % 4 {
        1 => World::topic(rng).to_string(),
        _ => format!(
            "{} {}",
            world.popular_person(rng).aliases[0],
            World::topic(rng)
        ),
    }
}

/// The `n`th autocomplete request: what a member has typed so far of a name, or nothing.
pub(super) fn typed_name(
    world: &World,
    rng: &mut Rng,
    entities: &[&synth::SynthEntity],
    n: usize,
) -> (String, NameFilter) {
    let e = if n.is_multiple_of(2) {
        world.popular_person(rng)
    } else {
        *rng.pick(entities)
    };
    let typed = match n % 5 {
        0 => String::new(),
        k => e.name.chars().take(k + 1).collect(),
    };
    let filter = if n.is_multiple_of(3) {
        NameFilter::Speakers
    } else {
        NameFilter::All
    };
    (typed, filter)
}

/// The `n`th question asked: naming people, organisations, topics and places, or loose words.
pub(super) fn question(world: &World, rng: &mut Rng, n: usize) -> String {
    let p = world.popular_person(rng);
    let topic = World::topic(rng);
    let o = rng.pick(&world.orgs);
    match n % 5 {
        0 => format!("What did {} say about the {topic}?", p.aliases[0]),
        1 => format!("Who is {}?", p.name),
        2 => format!("When did the {} decide on the {topic}?", o.name),
        3 => format!(
            "Why are people protesting the {topic} in {}?",
            rng.pick(&world.places).name
        ),
        _ => format!(
            "{topic} {} {}",
            rng.pick(&world.words),
            rng.pick(&world.words)
        ),
    }
}

/// Fill `desk`'s store (scope `opts.scope`) up to `opts.articles` and time the read paths.
pub async fn run(
    desk: &Newsdesk,
    opts: BenchOptions,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<BenchReport> {
    let scope = opts.scope;
    let store = desk.store();
    let world = World::new(opts.seed);
    let existing = store.article_count(scope).await?;
    let started = Instant::now();
    let mut i = existing;
    while i < opts.articles {
        let end = (i + 2000).min(opts.articles);
        let arts: Vec<synth::SynthArticle> = (i..end)
            .map(|k| synth::article(&world, opts.seed, k))
            .collect();
        let hashes: Vec<String> = (i..end)
            .map(|k| format!("synth-{}-{k}", opts.seed))
            .collect();
        let stamps: Vec<String> = arts
            .iter()
            .map(|a| format!("{}T12:00:00Z", a.published))
            .collect();
        let batch: Vec<(NewArticle, crate::analysis::Analysis)> = arts
            .iter()
            .zip(&hashes)
            .zip(&stamps)
            .map(|((a, h), t)| {
                (
                    NewArticle {
                        scope,
                        url: Some(&a.url),
                        content_hash: h,
                        title: Some(&a.title),
                        byline: Some(&a.byline),
                        published: Some(&a.published),
                        site: Some(&a.site),
                        language: Some("en"),
                        text: &a.text,
                        summary_size: 3,
                        ingested_at: t,
                    },
                    a.analysis.clone(),
                )
            })
            .collect();
        store.insert_batch(&batch).await?;
        i = end;
        progress(&format!("stored {i}/{} articles", opts.articles));
    }
    let generated = opts.articles.saturating_sub(existing);
    let generate_secs = started.elapsed().as_secs_f64();
    store.checkpoint().await?;
    let held = store.stats().await?;
    let total = held.articles;
    let db_bytes = held.database_bytes as u64;
    let ids = store.article_ids(scope).await?;

    let entities: Vec<&synth::SynthEntity> = world.entities().collect();
    // A bot answers from warm caches after its first few requests: a short untimed pass with
    // other questions loads the indexes' upper pages, so the figures are the steady state's.
    // Its first call is the cold start, reported on its own.
    let warm_up = Instant::now();
    let mut cold_first_call_ms = None;
    let mut rng = Rng::new(opts.seed ^ 0x5EED);
    // No warm-up when nothing is timed (`--queries 0`, an ingest-only run).
    for n in 0..WARM_UP_CALLS.min(opts.queries) {
        let t = Instant::now();
        desk.entity(scope, &entity_query(&world, &mut rng, &entities, n))
            .await?;
        desk.ask_extractive(scope, &question(&world, &mut rng, n))
            .await?;
        cold_first_call_ms.get_or_insert(t.elapsed().as_secs_f64() * 1000.0);
    }
    let warm_up_secs = warm_up.elapsed().as_secs_f64();

    let mut rng = Rng::new(opts.seed ^ 0xBEEF);
    let mut ops = Vec::new();

    // entity: exact names, short aliases, lower case without accents, typos.
    let mut times = Vec::new();
    for n in 0..opts.queries {
        let name = entity_query(&world, &mut rng, &entities, n);
        tracing::debug!(target: "newsdesk::bench", op = "entity", name = %name, "call");
        let t = Instant::now();
        desk.entity(scope, &name).await?;
        times.push(t.elapsed());
    }
    ops.push(stats("entity", times));

    // quotes: an article's quotes, and a speaker's quotes across articles.
    let mut article_times = Vec::new();
    let mut speaker_times = Vec::new();
    for n in 0..opts.queries {
        if n % 2 == 0 {
            let id = ArticleId(ids.get(rng.below(ids.len().max(1))).copied().unwrap_or(1));
            tracing::debug!(target: "newsdesk::bench", op = "quotes <article>", "call");
            let t = Instant::now();
            let _ = desk.article_quotes(scope, id, Page::first(10)).await;
            article_times.push(t.elapsed());
        } else {
            let e = world.popular_person(&mut rng);
            let name = e.aliases.first().unwrap_or(&e.name).clone();
            let page = Page {
                index: rng.below(3),
                size: 10,
            };
            tracing::debug!(target: "newsdesk::bench", op = "quotes --speaker", "call");
            let t = Instant::now();
            desk.speaker_quotes(scope, &name, page).await?;
            speaker_times.push(t.elapsed());
        }
    }
    ops.push(stats("quotes <article>", article_times));
    ops.push(stats("quotes --speaker", speaker_times));

    // articles: pages of the list, and searches.
    let mut list_times = Vec::new();
    let mut search_times = Vec::new();
    for n in 0..opts.queries {
        if n % 2 == 0 {
            let page = Page {
                index: rng.below(20),
                size: 10,
            };
            tracing::debug!(target: "newsdesk::bench", op = "articles", "call");
            let t = Instant::now();
            desk.articles(scope, None, page).await?;
            list_times.push(t.elapsed());
        } else {
            let q = search_query(&world, &mut rng, n);
            tracing::debug!(target: "newsdesk::bench", op = "articles --search", "call");
            let t = Instant::now();
            desk.articles(scope, Some(&q), Page::first(10)).await?;
            search_times.push(t.elapsed());
        }
    }
    ops.push(stats("articles", list_times));
    ops.push(stats("articles --search", search_times));

    // Name suggestions (autocomplete): what a member has typed so far of a name, or nothing.
    let mut times = Vec::new();
    for n in 0..opts.queries {
        let (typed, filter) = typed_name(&world, &mut rng, &entities, n);
        tracing::debug!(target: "newsdesk::bench", op = "names", "call");
        let t = Instant::now();
        desk.suggest_names(scope, &typed, filter, 25).await?;
        times.push(t.elapsed());
    }
    ops.push(stats("names (autocomplete)", times));

    // ask (extractive): questions naming people, organisations, topics and places.
    let mut times = Vec::new();
    for n in 0..opts.queries {
        let q = question(&world, &mut rng, n);
        tracing::debug!(target: "newsdesk::bench", op = "ask", question = %q, "call");
        let t = Instant::now();
        desk.ask_extractive(scope, &q).await?;
        times.push(t.elapsed());
    }
    ops.push(stats("ask", times));

    // Joining a story, for articles spread over the store (the text analysis is not included:
    // it is the same with or without stories).
    let mut times = Vec::with_capacity(opts.queries);
    for k in 0..opts.queries {
        let id = crate::model::ArticleId(1 + (k as i64 * 7919) % total.max(1));
        tracing::debug!(target: "newsdesk::bench", op = "story join", "call");
        match desk.store().time_story_join(scope, id).await {
            Ok(t) => times.push(t),
            Err(crate::Error::UnknownArticle(_)) => {}
            Err(e) => return Err(e),
        }
    }
    ops.push(stats("story join", times));

    let (ingest_articles_per_sec, ingest_cpu_ms) = if opts.ingest > 0 {
        let (rate, cpu, forget) = ingest_and_forget(desk, &world, opts).await?;
        ops.push(forget);
        (Some(rate), cpu)
    } else {
        (None, None)
    };
    Ok(BenchReport {
        articles: total as usize,
        generated,
        generate_secs,
        db_bytes,
        bytes_per_article: db_bytes as f64 / total.max(1) as f64,
        ops,
        ingest_articles_per_sec,
        ingest_cpu_ms,
        writers: opts.writers.max(1),
        warm_up_secs,
        cold_first_call_ms,
    })
}

/// User and system CPU time of this process so far, in seconds, from `/proc/self/stat` (Linux;
/// `None` elsewhere). Its clock ticks are USER_HZ, 100 a second on Linux.
fn cpu_times() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command name (in parentheses, which may hold spaces): utime and stime are
    // the 12th and 13th fields.
    let mut fields = stat.get(stat.rfind(')')? + 2..)?.split(' ').skip(11);
    let mut next = || fields.next()?.parse::<f64>().ok().map(|t| t / 100.0);
    Some((next()?, next()?))
}

/// Pages per second through extract + analyse + store into the benchmark store itself, its CPU
/// time per article (user, system, ms), then the latency of forgetting each of them.
async fn ingest_and_forget(
    desk: &Newsdesk,
    world: &World,
    opts: BenchOptions,
) -> Result<(f64, Option<(f64, f64)>, OpStats)> {
    let scope = opts.scope;
    let pages: Vec<(String, String)> = (0..opts.ingest)
        .map(|k| {
            let a = synth::article(world, opts.seed ^ 0x1234, 1_000_000 + k);
            (a.html(), a.url)
        })
        .collect();
    // An interrupted earlier run may have left some of them behind.
    for (_, url) in &pages {
        let normalised = crate::fetch::ArticleUrl::parse(url)?;
        if let Some(old) = desk
            .store()
            .find_duplicate(scope, Some(normalised.as_str()), None)
            .await?
        {
            desk.forget(scope, old.id).await?;
        }
    }
    // Dealt out in turn to the writers, each a task of its own.
    let writers = opts.writers.max(1);
    let mut groups: Vec<Vec<(String, String)>> = vec![Vec::new(); writers];
    for (k, page) in pages.into_iter().enumerate() {
        groups[k % writers].push(page);
    }
    let started = Instant::now();
    let cpu_before = cpu_times();
    let tasks: Vec<_> = groups
        .into_iter()
        .map(|group| {
            let desk = desk.clone();
            tokio::spawn(async move {
                let sources: Vec<Source> = group
                    .into_iter()
                    .map(|(html, url)| Source::Html {
                        html,
                        url: Some(url),
                    })
                    .collect();
                let mut ids = Vec::with_capacity(sources.len());
                for outcome in desk.ingest_bulk(scope, sources).await {
                    ids.push(outcome?.article().id);
                }
                Ok::<_, crate::Error>(ids)
            })
        })
        .collect();
    let mut ids = Vec::new();
    for task in tasks {
        let done = task
            .await
            .map_err(|e| crate::Error::Internal(format!("ingest writer: {e}")))?;
        ids.extend(done?);
    }
    let rate = opts.ingest as f64 / started.elapsed().as_secs_f64();
    let per = 1000.0 / opts.ingest as f64;
    let cpu = cpu_before
        .zip(cpu_times())
        .map(|((u0, s0), (u1, s1))| ((u1 - u0) * per, (s1 - s0) * per));
    let mut times = Vec::with_capacity(ids.len());
    for id in ids {
        let t = Instant::now();
        desk.forget(scope, id).await?;
        times.push(t.elapsed());
    }
    Ok((rate, cpu, stats("forget", times)))
}
