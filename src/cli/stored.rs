//! Commands over the database: load configuration, open the core, call it, render the result.

use super::{BenchTarget, Cli, Command, demo, render};
use anyhow::{Context, Result, bail};
use newsdesk::Newsdesk;
use newsdesk::config::{self, Config, LogFormat, Sources};
use newsdesk::ingest::{Outcome, Source};
use newsdesk::model::Scope;
use newsdesk::query::Page;
use serde::Serialize;
use std::path::Path;

const PAGE_SIZE: usize = 10;

pub fn main(cli: Cli) -> Result<()> {
    // A missing .env is normal; a broken one is worth saying.
    if let Err(e) = dotenvy::dotenv()
        && !e.not_found()
    {
        bail!(".env: {e}");
    }
    let mut config = Config::load(&Sources::standard(cli.config.as_deref()))?;
    if let Some(db) = &cli.db {
        config.database.path = db.clone();
    }
    init_tracing(&config, matches!(cli.command, Command::Run));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(dispatch(cli, config))
}

fn init_tracing(config: &Config, daemon: bool) {
    let default = if daemon { "info" } else { "warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match config.log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Human => builder.try_init(),
    };
}

fn print_json(value: &impl Serialize) -> Result<()> {
    println!("{}", serde_json::to_string(value)?);
    Ok(())
}

async fn dispatch(cli: Cli, config: Config) -> Result<()> {
    let scope = cli.scope;
    let json = cli.json;
    if matches!(cli.command, Command::Run) {
        return match config::discord_token() {
            Some(token) => {
                let desk = Newsdesk::open(config).await?;
                newsdesk::bot::run(desk, token).await
            }
            None => demo::run(config, json).await,
        };
    }
    let desk = Newsdesk::open(config).await?;
    let page = |p: u32| Page {
        index: p as usize - 1,
        size: PAGE_SIZE,
    };
    match cli.command {
        Command::Ingest { sources, from, url } => {
            ingest(&desk, scope, sources, from.as_deref(), url, json).await?
        }
        Command::Articles { search, page: p } => {
            let list = desk.articles(scope, search.as_deref(), page(p)).await?;
            if json {
                print_json(&list)?
            } else {
                render::articles(&list)
            }
        }
        Command::Summary { id, sentences } => {
            let view = desk.summary(scope, id, sentences).await?;
            if json {
                print_json(&view)?
            } else {
                render::summary(&view)
            }
        }
        Command::Quotes {
            id,
            speaker,
            page: p,
        } => {
            let list = match (id, speaker) {
                (Some(id), None) => desk.article_quotes(scope, id, page(p)).await?,
                (None, Some(name)) => desk.speaker_quotes(scope, &name, page(p)).await?,
                (Some(_), Some(_)) => bail!("give an article id or --speaker, not both"),
                (None, None) => bail!("give an article id or --speaker NAME"),
            };
            if json {
                print_json(&list)?
            } else {
                render::quotes(&list)
            }
        }
        Command::Entity { name } => {
            let lookup = desk.entity(scope, &name.join(" ")).await?;
            if json {
                print_json(&lookup)?
            } else {
                render::entity(&lookup)
            }
        }
        Command::Ask { question } => {
            let answer = desk.ask(scope, &question.join(" ")).await?;
            if json {
                print_json(&answer)?
            } else {
                render::answer(&answer)
            }
        }
        Command::Forget { id } => {
            let article = desk.forget(scope, id).await?;
            if json {
                print_json(&serde_json::json!({ "forgotten": article }))?
            } else {
                println!("Forgot #{} {}", article.id, article.display_title());
            }
        }
        Command::Bench {
            target:
                BenchTarget::Store {
                    articles,
                    queries,
                    ingest,
                    seed,
                },
        } => {
            let opts = newsdesk::query::bench::BenchOptions {
                articles,
                queries,
                ingest,
                seed,
            };
            let report = newsdesk::query::bench::run(&desk, opts, &|m| eprintln!("{m}")).await?;
            if json {
                print_json(&report)?
            } else {
                render::bench(&report)
            }
        }
        Command::Run | Command::Extract { .. } | Command::Analyze { .. } => {
            unreachable!("dispatched earlier")
        }
    }
    desk.store().close().await;
    Ok(())
}

/// Decide what an argument is: an existing file, else a link.
fn source_of(arg: &str, url: Option<String>) -> Result<Source> {
    let path = Path::new(arg);
    if path.is_file() {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {arg}"))?;
        let is_html = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        return Ok(if is_html {
            Source::Html {
                html: newsdesk::extract::charset::decode(&bytes, None),
                url,
            }
        } else {
            let text =
                String::from_utf8(bytes).with_context(|| format!("{arg} is not UTF-8 text"))?;
            Source::Text { text, url }
        });
    }
    if arg.contains("://") {
        return Ok(Source::Url(arg.to_string()));
    }
    bail!("{arg}: no such file, and not a link")
}

#[derive(Serialize)]
struct IngestLine<'a> {
    source: &'a str,
    #[serde(flatten)]
    outcome: Option<&'a Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

async fn ingest(
    desk: &Newsdesk,
    scope: Scope,
    mut sources: Vec<String>,
    from: Option<&Path>,
    url: Option<String>,
    json: bool,
) -> Result<()> {
    if let Some(from) = from {
        let list = if from == Path::new("-") {
            std::io::read_to_string(std::io::stdin())?
        } else {
            std::fs::read_to_string(from)
                .with_context(|| format!("cannot read {}", from.display()))?
        };
        sources.extend(
            list.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    if sources.is_empty() {
        bail!("nothing to ingest: give links or files, or --from FILE");
    }
    if url.is_some() && sources.len() > 1 {
        bail!("--url applies to a single file");
    }
    let mut failed = 0;
    for arg in &sources {
        let result = match source_of(arg, url.clone()) {
            Ok(source) => desk
                .ingest(scope, source, &|_| {})
                .await
                .map_err(anyhow::Error::from),
            Err(e) => Err(e),
        };
        match &result {
            Ok(outcome) if json => print_json(&IngestLine {
                source: arg,
                outcome: Some(outcome),
                error: None,
            })?,
            Ok(outcome) => render::ingested(arg, outcome),
            Err(e) => {
                failed += 1;
                if json {
                    print_json(&IngestLine {
                        source: arg,
                        outcome: None,
                        error: Some(format!("{e:#}")),
                    })?;
                } else if sources.len() > 1 {
                    eprintln!("{arg}: {e:#}");
                }
            }
        }
        if let (1, Err(e)) = (sources.len(), result) {
            return Err(e);
        }
    }
    if failed > 0 {
        bail!("{failed} of {} sources failed", sources.len());
    }
    Ok(())
}
