//! `newsdesk run` without a token: a local tour on the default database, so a newcomer sees what
//! the bot does before creating a Discord application.

use super::render;
use anyhow::Result;
use newsdesk::ingest::{Ingested, Source};
use newsdesk::model::Scope;
use newsdesk::query::Page;
use newsdesk::{Config, Newsdesk};

/// A short article written for this demo (fictional people and places).
const DEMO_ARTICLE: &str = include_str!("demo_article.txt");

pub async fn run(config: Config, json: bool) -> Result<()> {
    eprintln!(
        "No DISCORD_TOKEN set (put it in .env, see .env.example): running the local demo on {}.",
        config.database.describe()
    );
    let desk = Newsdesk::open(config).await?;
    let scope = Scope::Local;
    let source = Source::Text {
        text: DEMO_ARTICLE.to_string(),
        url: Some("https://example.org/news/tidal-plan".into()),
    };
    let outcome = desk.ingest(scope, source, &|_| {}).await?;
    let id = outcome.article().id;
    let summary = desk.summary(scope, id, None).await?;
    let quotes = desk.article_quotes(scope, id, Page::first(5)).await?;
    let entity = desk.entity(scope, "Salvesen").await?;
    let answer = desk.ask(scope, "What did the fishermen fear?").await?;
    if json {
        out!(
            "{}",
            serde_json::json!({ "ingest": outcome, "summary": summary, "quotes": quotes, "entity": entity, "ask": answer })
        );
    } else {
        if let Ingested::Duplicate { .. } = outcome {
            out!("(the demo article was already stored as #{id})");
        }
        out!("\n$ newsdesk summary {id}");
        render::summary(&summary);
        out!("\n$ newsdesk quotes {id}");
        render::quotes(&quotes);
        out!("\n$ newsdesk entity Salvesen");
        render::entity(&entity);
        out!("\n$ newsdesk ask What did the fishermen fear?");
        render::answer(&answer);
        out!("\nNow try your own: newsdesk ingest <link or file>, then newsdesk articles.");
    }
    desk.store().close().await;
    Ok(())
}
