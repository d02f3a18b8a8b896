//! Commands over the database: load configuration, open the core, call it, render the result.

use super::{BenchTarget, Cli, Command, StoreCommand, batch, demo, feeds, ops, render};
use anyhow::{Context, Result, bail};
use newsdesk::Newsdesk;
use newsdesk::config::{self, Config, LogFormat, Sources};
use newsdesk::query::{AskContext, Page, QuoteFilter};

/// Candidates listed by `ask --explain`.
const EXPLAINED: usize = 30;
use serde::Serialize;

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
        config.database.url.clear();
    }
    if let Command::Run {
        shards: Some(shards),
    } = &cli.command
    {
        config.discord.shards = Some(*shards);
    }
    // Only the bot itself logs at info by default; the token-less demo is a command like the others.
    let bot = matches!(cli.command, Command::Run { .. }) && config::discord_token().is_some();
    init_tracing(&config, bot);
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
    out!("{}", serde_json::to_string(value)?);
    Ok(())
}

async fn dispatch(cli: Cli, config: Config) -> Result<()> {
    let scope = cli.scope;
    let scope_given = cli.scope_given;
    let json = cli.json;
    if matches!(cli.command, Command::Run { .. }) {
        return match config::discord_token() {
            Some(token) => {
                let desk = Newsdesk::open(config).await?;
                newsdesk::bot::run(desk, token).await
            }
            None => demo::run(config, json).await,
        };
    }
    if let Command::Store {
        action: StoreCommand::Copy { from, to },
    } = &cli.command
    {
        // Two stores of their own, not the configured one.
        return ops::store_copy(&config, from, to, json).await;
    }
    let desk = Newsdesk::open(config).await?;
    let page = |p: u32| Page {
        index: p as usize - 1,
        size: PAGE_SIZE,
    };
    match cli.command {
        Command::Ingest {
            sources,
            from,
            url,
            concurrency,
        } => {
            let options = batch::Options {
                concurrency: concurrency.map_or(desk.config().ingest.concurrency, |n| n as usize),
                json,
                url,
            };
            batch::ingest(&desk, scope, sources, from.as_deref(), options).await?
        }
        Command::Feed { action } => feeds::stored(&desk, scope, scope_given, action, json).await?,
        Command::Backup { path, force } => ops::backup(&desk, &path, force, json).await?,
        Command::Export => ops::export(&desk, scope_given.then_some(scope)).await?,
        Command::Import { file } => {
            ops::import(&desk, &file, scope_given.then_some(scope), json).await?
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
            let Some(filter) = QuoteFilter::from_options(id, speaker.as_deref()) else {
                bail!("give an article id, --speaker NAME, or both");
            };
            let list = desk.quotes(scope, filter, page(p)).await?;
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
        Command::Ask {
            question,
            about,
            article,
            explain,
        } => {
            let question = question.join(" ");
            let context = AskContext { about, article };
            if explain {
                let (answer, ranked) = desk.ask_ranked(scope, &question, &context).await?;
                let candidates = &ranked[..ranked.len().min(EXPLAINED)];
                if json {
                    print_json(&serde_json::json!({ "answer": answer, "candidates": candidates }))?
                } else {
                    render::answer(&answer);
                    render::candidates(candidates);
                }
            } else {
                let answer = desk.ask_with(scope, &question, &context).await?;
                if json {
                    print_json(&answer)?
                } else {
                    render::answer(&answer)
                }
            }
        }
        Command::Story { id } => {
            let view = desk.story(scope, id).await?;
            if json {
                print_json(&view)?
            } else {
                render::story(&view)
            }
        }
        Command::Stories { rebuild } => {
            if rebuild {
                let n = desk.rebuild_stories(scope).await?;
                if !json {
                    out!("Rebuilt {n} stories.");
                }
            }
            let stories = desk.stories(scope).await?;
            if json {
                print_json(&serde_json::json!({ "stories": stories }))?
            } else {
                render::stories(&stories)
            }
        }
        Command::Forget { id } => {
            let article = desk.forget(scope, id).await?;
            if json {
                print_json(&serde_json::json!({ "forgotten": article }))?
            } else {
                out!("Forgot #{} {}", article.id, article.display_title());
            }
        }
        Command::Bench {
            target:
                BenchTarget::Store {
                    articles,
                    queries,
                    ingest,
                    writers,
                    seed,
                },
        } => {
            let opts = newsdesk::bench::store::BenchOptions {
                articles,
                queries,
                ingest,
                writers,
                seed,
                scope,
            };
            let report = newsdesk::bench::store::run(&desk, opts, &|m| eprintln!("{m}")).await?;
            if json {
                print_json(&report)?
            } else {
                render::bench(&report)
            }
        }
        Command::Bench {
            target:
                BenchTarget::Soak {
                    ingests,
                    queries,
                    rounds,
                    seed,
                },
        } => {
            let opts = newsdesk::bench::soak::SoakOptions {
                ingests,
                queries,
                rounds,
                seed,
                scope,
            };
            let report = newsdesk::bench::soak::run(&desk, opts, &|m| eprintln!("{m}")).await?;
            if json {
                print_json(&report)?
            } else {
                render::soak(&report)
            }
        }
        Command::Run { .. }
        | Command::Store { .. }
        | Command::Extract { .. }
        | Command::Analyze { .. } => {
            unreachable!("dispatched earlier")
        }
    }
    desk.store().close().await;
    Ok(())
}
