//! Changing what is stored: `/ingest` and `/forget` (editors only, see [`super::super::guard`]).
//!
//! `/ingest` defers at once (Discord allows 3 s for a first answer) and then edits that answer
//! as each link goes through fetching → extracting → analysing → storing, ending with the new
//! articles' summaries. The edits are coalesced ([`super::super::edits`]): about one a second at
//! most, never the same text twice, the final state at once.

use super::super::render::{self, LinkStatus, Reply};
use super::super::{BotError, Context, deadline::in_time, editor_check, edits, scope};
use super::{article_id, autocomplete, interaction, send};
use crate::fetch::link_words;
use crate::ingest::{Ingested, Source, Stage};
use crate::model::Scope;
use crate::query::SummaryView;
use poise::serenity_prelude as serenity;
use tokio::sync::mpsc;

/// Links taken from one `/ingest`.
const MAX_LINKS: usize = 5;

/// Read news links and keep their summary, quotes and names
#[poise::command(slash_command, check = "editor_check")]
pub async fn ingest(
    ctx: Context<'_>,
    #[description = "One or more links, separated by spaces"]
    #[max_length = 2000]
    url: Option<String>,
    #[description = "Or a saved web page (.html) or text file (.txt)"] file: Option<
        serenity::Attachment,
    >,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    // Every word typed is meant as a link: one that is not is reported as such.
    let links = url.as_deref().map(link_words).unwrap_or_default();
    if links.is_empty() && file.is_none() {
        return Err(BotError::Invalid(
            "Give me a link to read (or attach a saved page).".into(),
        ));
    }
    if links.len() > MAX_LINKS {
        return Err(BotError::Invalid(format!(
            "That is {} links: give me at most {MAX_LINKS} at once.",
            links.len()
        )));
    }
    // Discord's deadline for a first answer is 3 s; fetching can take longer.
    ctx.defer().await?;

    let mut items: Vec<(String, LinkStatus)> = links
        .iter()
        .map(|l| {
            let shown = l
                .url
                .as_ref()
                .map_or(l.written.clone(), ToString::to_string);
            (shown, LinkStatus::Waiting)
        })
        .collect();
    if let Some(f) = &file {
        items.push((f.filename.clone(), LinkStatus::Waiting));
    }
    // The work reports every state; the editor shows what a reader can follow.
    let (progress, states) = mpsc::unbounded_channel::<Reply>();
    let editor = edits::coalesce(states, edits::EDIT_INTERVAL, move |reply| edit(ctx, reply));
    let work = async move {
        let mut summaries: Vec<SummaryView> = Vec::new();
        for i in 0..items.len() {
            let source = if let Some(link) = links.get(i) {
                match &link.url {
                    Ok(url) => Ok(Source::Url(url.to_string())),
                    Err(e) => Err(e.to_string()),
                }
            } else {
                match &file {
                    Some(f) => attachment_source(ctx, f).await,
                    None => break,
                }
            };
            let status = match source {
                Ok(source) => {
                    ingest_one(ctx, scope, source, i, &mut items, &summaries, &progress).await
                }
                Err(message) => (LinkStatus::Failed(message), None),
            };
            if let (LinkStatus::Stored(article), Some(sentences)) = &status {
                summaries.push(SummaryView {
                    article: article.clone(),
                    sentences: sentences.clone(),
                });
            }
            items[i].1 = status.0;
            let _ = progress.send(render::ingest_progress(&items, &summaries));
        }
        // Dropping `progress` here sends the final state at once.
    };
    tokio::join!(work, editor);
    Ok(())
}

/// Edit the deferred answer; a failed edit is logged, not fatal (the work is done either way).
async fn edit(ctx: Context<'_>, reply: Reply) {
    let Some(interaction) = interaction(ctx) else {
        return;
    };
    if let Err(e) = interaction.edit_response(ctx.http(), reply.to_edit()).await {
        tracing::warn!(error = %e, "could not update the /ingest progress");
    }
}

/// One link or file through the pipeline, reporting the state of the whole answer as each stage
/// starts.
async fn ingest_one(
    ctx: Context<'_>,
    scope: Scope,
    source: Source,
    i: usize,
    items: &mut [(String, LinkStatus)],
    summaries: &[SummaryView],
    progress: &mpsc::UnboundedSender<Reply>,
) -> (LinkStatus, Option<Vec<String>>) {
    let data = ctx.data();
    if let Err(denied) = data.guard.ingest(scope) {
        return (
            LinkStatus::Failed(BotError::from(denied).user_message()),
            None,
        );
    }
    // Fetches are bounded across all guilds; files need no fetch.
    let _permit = match &source {
        Source::Url(_) => match data.guard.fetches.clone().acquire_owned().await {
            Ok(p) => Some(p),
            Err(_) => return (LinkStatus::Failed("I am shutting down.".into()), None),
        },
        _ => None,
    };
    let first = match &source {
        Source::Url(_) => Stage::Fetching,
        _ => Stage::Extracting,
    };
    items[i].1 = LinkStatus::Working(first);
    let _ = progress.send(render::ingest_progress(items, summaries));

    let (before, summaries, states) = (items.to_vec(), summaries.to_vec(), progress.clone());
    let report = move |stage: Stage| {
        let mut shown = before.clone();
        shown[i].1 = LinkStatus::Working(stage);
        let _ = states.send(render::ingest_progress(&shown, &summaries));
    };
    match data.desk.ingest(scope, source, &report).await {
        Ok(Ingested::Stored { article, summary }) => (LinkStatus::Stored(article), Some(summary)),
        Ok(Ingested::Duplicate { article }) => (LinkStatus::Duplicate(article), None),
        Err(e) => {
            let e = BotError::Core(e);
            if e.outcome() == crate::ops::CommandOutcome::InternalError {
                tracing::error!(error = ?e, %scope, "ingest failed");
            }
            (LinkStatus::Failed(e.user_message()), None)
        }
    }
}

/// A file attached to `/ingest`: a saved page or plain text, within the fetch size limit.
async fn attachment_source(
    ctx: Context<'_>,
    file: &serenity::Attachment,
) -> Result<Source, String> {
    let max = ctx.data().desk.config().fetch.max_body_bytes;
    if u64::from(file.size) > max {
        return Err(format!("That file is larger than {} KB.", max / 1024));
    }
    let name = file.filename.to_lowercase();
    let accepted = [".html", ".htm", ".txt", ".md"];
    if !accepted.iter().any(|ext| name.ends_with(ext)) {
        return Err("Attach a saved web page (.html) or a text file (.txt).".into());
    }
    let bytes = file.download().await.map_err(|e| {
        tracing::warn!(error = %e, "could not download an attachment");
        "I could not download that file.".to_string()
    })?;
    if bytes.len() as u64 > max {
        return Err(format!("That file is larger than {} KB.", max / 1024));
    }
    // Decoded as the command line decodes a local file.
    Source::from_file(&file.filename, &bytes, None).map_err(|e| e.to_string())
}

/// Delete a stored article and everything learned from it
#[poise::command(slash_command, check = "editor_check")]
pub async fn forget(
    ctx: Context<'_>,
    #[description = "The article to delete"]
    #[autocomplete = "autocomplete::article"]
    #[max_length = 100]
    article: String,
) -> Result<(), BotError> {
    let scope = scope(ctx)?;
    let id = article_id(&article)?;
    let gone = in_time(ctx, ctx.data().desk.forget(scope, id)).await?;
    send(ctx, &render::forgotten(&gone)).await
}
