//! Copying one store into another (`newsdesk store copy`), typically a SQLite file into the
//! PostgreSQL database that several bot processes will share.
//!
//! Built on export and import: each article is read whole ([`Store::export_article`]) and
//! stored through the normal insert ([`Store::import_article_as`]), one transaction each, so
//! that the target rebuilds its own search indexes, entity links, copy links and stories; then
//! the feed subscriptions follow (unprimed, as `feed import` leaves them: their first poll posts
//! nothing).
//!
//! Article numbers (`#id`) are kept: members who saw `#42` before the move still mean the same
//! article by `/summary 42`, gaps (forgotten articles) included. Only in a merge, when the target
//! already has another article under that number, does a copied article take a new one, past
//! every number either store ever gave ([`Store::next_article_id`]: so it never takes the
//! number of an article still to come, nor of a forgotten one); the summary counts them
//! (`renumbered`) and [`CopyEvent::Copied`] names both numbers. An article the target already
//! holds keeps the target's number. What points at articles inside the target (copy links,
//! stories, search, entities) is rebuilt by its insert over these ids, so it names the same
//! articles as in the source; story numbers are the target's own. Before the first article the
//! target's next number is moved past every number the source gave
//! ([`Store::spend_article_ids`]; on PostgreSQL each kept id also moves the id sequence in its
//! article's transaction), so what is ingested after a copy, even an interrupted one, or while
//! it runs, gets a number of its own, never that of an article forgotten in the source.

//! Not copied: conversations (dialogue state that lapses after `discord.conversation_minutes`;
//! the bot starts new ones) and feed entries (the copied feeds are unprimed, so their first poll
//! records the entries again without posting them), so their article references do not move.
//!
//! Resumable: an interrupted copy leaves only whole articles behind, and a second run first
//! lists what the target already holds (by scope and link or text, the rule import dedupes by)
//! and copies only the rest. Copying into a store that already has articles merges, the same way.
//!
//! ```no_run
//! # async fn f(from: newsdesk::store::Store, to: newsdesk::store::Store) -> newsdesk::Result<()> {
//! use std::ops::ControlFlow;
//! let summary = newsdesk::store::copy(&from, &to, &mut |_event| ControlFlow::Continue(())).await?;
//! println!("{} copied ({} renumbered), {} already there", summary.copied, summary.renumbered, summary.already);
//! # Ok(()) }
//! ```

use super::{ImportOutcome, NewFeed, Store};
use crate::error::{Error, Result};
use crate::model::ArticleId;
use serde::Serialize;
use sqlx::Row;
use std::collections::HashSet;
use std::ops::ControlFlow;

/// What [`copy`] tells its observer as it goes (to draw a progress bar, or to stop it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyEvent {
    /// Before the first article: how many the source has, and how many of them the target
    /// already holds (from an earlier run), which are skipped.
    Planned { articles: usize, already: usize },
    /// One more article stored in the target: its number in the source, and in the target
    /// (the same unless the target already used it for another article).
    Copied { from: ArticleId, to: ArticleId },
    /// Found in the target after all (stored there meanwhile), or forgotten in the source since
    /// the copy began.
    Skipped(ArticleId),
    /// Articles done; the feed subscriptions come next.
    Feeds { feeds: usize },
}

/// What a copy did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CopySummary {
    /// Articles in the source when the copy began.
    pub articles: usize,
    /// Stored in the target by this run.
    pub copied: usize,
    /// Of those copied, how many took a new number because the target already had another
    /// article under theirs (a merge).
    pub renumbered: usize,
    /// Already in the target (an earlier run, or the same article stored there before).
    pub already: usize,
    /// Forgotten in the source while the copy ran.
    pub vanished: usize,
    pub feeds_copied: usize,
    pub feeds_already: usize,
    /// The observer stopped the copy before the end: run it again to continue.
    pub interrupted: bool,
}

/// One article's identity for dedupe: its scope with its link, and with its text's hash.
struct Key {
    id: ArticleId,
    scope: String,
    url: Option<String>,
    hash: String,
}

impl Store {
    /// Every article's scope, link and content hash, oldest first (what [`copy`] compares).
    async fn article_keys(&self) -> Result<Vec<Key>> {
        let rows = sqlx::query("SELECT id, scope, url, content_hash FROM articles ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| Key {
                id: ArticleId(r.get("id")),
                scope: r.get("scope"),
                url: r.get("url"),
                hash: r.get("content_hash"),
            })
            .collect())
    }
}

/// Copy every article and feed subscription of `from` into `to`, skipping what `to` already
/// holds. `observe` sees each step; [`ControlFlow::Break`] stops after the article in hand
/// (the summary then says `interrupted`). An error stops the copy too: what was stored stays,
/// and a second run continues from there.
pub async fn copy(
    from: &Store,
    to: &Store,
    observe: &mut (dyn FnMut(&CopyEvent) -> ControlFlow<()> + Send),
) -> Result<CopySummary> {
    let source = from.article_keys().await?;
    let target = to.article_keys().await?;
    let by_url: HashSet<(&str, &str)> = target
        .iter()
        .filter_map(|k| Some((k.scope.as_str(), k.url.as_deref()?)))
        .collect();
    let by_hash: HashSet<(&str, &str)> = target
        .iter()
        .map(|k| (k.scope.as_str(), k.hash.as_str()))
        .collect();
    let there = |k: &Key| {
        by_hash.contains(&(k.scope.as_str(), k.hash.as_str()))
            || k.url
                .as_deref()
                .is_some_and(|u| by_url.contains(&(k.scope.as_str(), u)))
    };
    let todo: Vec<&Key> = source.iter().filter(|k| !there(k)).collect();
    let mut summary = CopySummary {
        articles: source.len(),
        already: source.len() - todo.len(),
        ..CopySummary::default()
    };
    // Every number either store ever gave, forgotten articles' included, stays with what it
    // named: the target gives none of them to a new article of its own...
    let spent = from
        .next_article_id()
        .await?
        .0
        .max(to.next_article_id().await?.0)
        - 1;
    to.spend_article_ids(ArticleId(spent)).await?;
    // ...and renumbered articles go past them all, so that one never takes the number of a
    // source article still to come (which would renumber that one too, and so on) nor of a
    // forgotten one.
    let mut fresh = source
        .iter()
        .chain(&target)
        .map(|k| k.id.0)
        .max()
        .unwrap_or(0)
        .max(spent)
        + 1;
    let mut go = observe(&CopyEvent::Planned {
        articles: summary.articles,
        already: summary.already,
    });
    for key in todo {
        if go.is_break() {
            summary.interrupted = true;
            return Ok(summary);
        }
        let record = match from.export_article(key.id).await {
            Ok(record) => record,
            Err(Error::UnknownArticle(_)) => {
                summary.vanished += 1;
                go = observe(&CopyEvent::Skipped(key.id));
                continue;
            }
            Err(e) => return Err(e),
        };
        match to
            .import_article_as(&record, &[key.id, ArticleId(fresh)])
            .await?
        {
            ImportOutcome::Imported(id) => {
                summary.copied += 1;
                summary.renumbered += usize::from(id != key.id);
                fresh = fresh.max(id.0 + 1);
                go = observe(&CopyEvent::Copied {
                    from: key.id,
                    to: id,
                });
            }
            ImportOutcome::Duplicate(_) => {
                summary.already += 1;
                go = observe(&CopyEvent::Skipped(key.id));
            }
        }
    }
    if go.is_break() {
        summary.interrupted = true;
        return Ok(summary);
    }

    let feeds = from.all_feeds(None).await?;
    if observe(&CopyEvent::Feeds { feeds: feeds.len() }).is_break() {
        summary.interrupted = true;
        return Ok(summary);
    }
    let now = chrono::Utc::now().timestamp();
    for f in &feeds {
        let new = NewFeed {
            scope: f.scope,
            url: &f.url,
            channel_id: f.channel_id,
            mode: f.mode,
            title: f.title.as_deref(),
            site_url: f.site_url.as_deref(),
            now,
        };
        match to.add_feed(&new).await? {
            Some(row) => {
                summary.feeds_copied += 1;
                if f.paused {
                    // Paused by hand (or by the bot, channel gone): stays paused, with why.
                    let why = f.last_error.as_deref().unwrap_or("paused before the copy");
                    to.pause_feed_because(row.id, why).await?;
                }
            }
            None => summary.feeds_already += 1,
        }
    }
    Ok(summary)
}
