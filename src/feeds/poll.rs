//! Subscriptions and polling: [`Newsdesk::add_feed`] and friends, and the [`Poller`] that polls
//! due feeds like a good citizen and brings their new articles in.
//!
//! A poll is a conditional GET through the same fetcher as `/ingest` (private addresses refused,
//! size and time caps). The first poll of a feed stores its entries without posting them; after
//! that each new entry is fetched, extracted, analysed and stored by the ingest pipeline and
//! handed to a [`PostSink`] (the Discord channel, or the command line's output), or queued for
//! the day's digest. Time comes from a [`Clock`], so tests move it instead of sleeping.

use super::schedule::{self, Schedule};
use super::{ParsedFeed, discover, parse};
use crate::Newsdesk;
use crate::error::{Error, Result};
use crate::fetch::{ArticleUrl, FeedResponse, FetchError};
use crate::ingest::{Ingested, Source};
use crate::model::{ArticleRef, Scope};
use crate::query::Page;
use crate::shards::ShardRange;
use crate::store::{FeedMode, FeedRow, NewEntry, NewFeed, PollUpdate};
use chrono::{DateTime, Timelike, Utc};
use futures::StreamExt;
use serde::Serialize;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Where time comes from.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that moves only when told (tests).
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> ManualClock {
        ManualClock(Mutex::new(start))
    }
    pub fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = t;
    }
    pub fn advance(&self, d: chrono::Duration) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t += d;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A new article as posted: enough to cite it, its short summary and its key quote.
#[derive(Debug, Clone, Serialize)]
pub struct ArticlePost {
    pub article: ArticleRef,
    pub summary: Vec<String>,
    pub quote: Option<PostQuote>,
    /// The story the article joined (set in digests, which show a story's articles together).
    pub story: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostQuote {
    pub text: String,
    pub speaker: Option<String>,
}

/// One message for a feed's channel: a single article, or the day's digest.
#[derive(Debug, Clone, Serialize)]
pub struct FeedPost {
    pub feed_id: i64,
    pub scope: Scope,
    pub channel_id: u64,
    pub feed_title: Option<String>,
    /// The UTC day of a digest; `None` for a single article.
    pub digest_day: Option<String>,
    pub articles: Vec<ArticlePost>,
}

/// Why a post did not go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostError {
    /// Try again at the next poll (Discord unavailable, say).
    Retry(String),
    /// The channel is gone or closed to the bot: the feed is paused, with this reason shown.
    Gone(String),
}

impl std::fmt::Display for PostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PostError::Retry(why) | PostError::Gone(why) => f.write_str(why),
        }
    }
}

/// Where posts go.
pub trait PostSink: Sync {
    fn post(
        &self,
        post: &FeedPost,
    ) -> impl Future<Output = std::result::Result<(), PostError>> + Send;
}

/// A feed with what `/feed list` shows beside it.
#[derive(Debug, Clone, Serialize)]
pub struct FeedStatus {
    #[serde(flatten)]
    pub feed: FeedRow,
    /// Past `feeds.failing_after` failed polls in a row.
    pub failing: bool,
    pub posted: u32,
    pub pending: u32,
    pub skipped: u32,
    /// The last skipped entry and why.
    pub last_skipped: Option<(String, String)>,
}

/// What one round of polling did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PollReport {
    pub polled: u32,
    pub not_modified: u32,
    pub deferred: u32,
    pub failed: u32,
    pub new_entries: u32,
    pub posted: u32,
    pub digests: u32,
}

/// How one feed poll ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Fetched {
        new: usize,
    },
    NotModified,
    Failed,
    /// Its host was asked too recently: moved, not fetched.
    Deferred,
}

fn ts(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

impl Newsdesk {
    /// Subscribe `scope` (posting to `channel_id`; 0 on the command line) to the feed at `url`,
    /// or to the first feed the page at `url` links to. The feed is read at once: its current
    /// entries are remembered, not posted.
    pub async fn add_feed(
        &self,
        scope: Scope,
        url: &str,
        channel_id: u64,
        mode: FeedMode,
        clock: &dyn Clock,
    ) -> Result<FeedRow> {
        let max = self.config.feeds.max_per_guild;
        if self.store.feed_count(scope).await? >= max {
            return Err(Error::FeedLimit { max });
        }
        let url = ArticleUrl::parse(url)?;
        let (url, response, parsed) = self.find_feed(&url).await?;
        if let Some(existing) = self
            .store
            .feeds(scope)
            .await?
            .into_iter()
            .find(|f| f.url == url.as_str() && f.channel_id == channel_id)
        {
            return Err(Error::FeedExists(existing.id));
        }
        let now = clock.now();
        let new = NewFeed {
            scope,
            url: url.as_str(),
            channel_id,
            mode,
            title: parsed.title_text.as_deref(),
            site_url: parsed.link.as_deref(),
            now: ts(now),
        };
        let Some(feed) = self.store.add_feed(&new).await? else {
            return Err(Error::Internal("feed added twice at once".into()));
        };
        let schedule = Schedule::new(&self.config.feeds);
        let update = self
            .apply_feed(&feed, &response, &parsed, &schedule, now)
            .await?;
        self.store.record_poll(feed.id, &update).await?;
        Ok(self.store.feed(scope, feed.id).await?.unwrap_or(feed))
    }

    /// The feed document at `url`, or at the first feed link of the page there.
    async fn find_feed(&self, url: &ArticleUrl) -> Result<(ArticleUrl, FeedResponse, ParsedFeed)> {
        let response = self.fetcher.fetch_feed(url, None, None).await?;
        if !(200..300).contains(&response.status) {
            return Err(FetchError::HttpStatus(response.status).into());
        }
        let parsed = parse(&response.body, Some(response.url.as_str()));
        if parsed.is_feed() {
            return Ok((response.url.clone(), response, parsed));
        }
        let html =
            crate::extract::charset::decode(&response.body, response.content_type.as_deref());
        for candidate in discover(&html, response.url.as_url()).into_iter().take(3) {
            let Ok(candidate) = ArticleUrl::from_url(candidate) else {
                continue;
            };
            let Ok(answer) = self.fetcher.fetch_feed(&candidate, None, None).await else {
                continue;
            };
            if !(200..300).contains(&answer.status) {
                continue;
            }
            let parsed = parse(&answer.body, Some(answer.url.as_str()));
            if parsed.is_feed() {
                return Ok((answer.url.clone(), answer, parsed));
            }
        }
        Err(Error::NotAFeed)
    }

    /// The feeds of `scope` with their counts.
    pub async fn list_feeds(&self, scope: Scope) -> Result<Vec<FeedStatus>> {
        let mut out = Vec::new();
        for feed in self.store.feeds(scope).await? {
            let counts = self.store.feed_counts(feed.id).await?;
            out.push(FeedStatus {
                failing: feed.failures >= self.config.feeds.failing_after,
                posted: counts.posted,
                pending: counts.pending,
                skipped: counts.skipped,
                last_skipped: counts.last_skipped,
                feed,
            });
        }
        Ok(out)
    }

    /// Unsubscribe; everything the feed remembered goes too (its stored articles stay).
    pub async fn remove_feed(&self, scope: Scope, id: i64) -> Result<FeedRow> {
        self.store
            .remove_feed(scope, id)
            .await?
            .ok_or(Error::UnknownFeed(id))
    }

    /// Pause or resume a feed (a resumed feed is polled soon, its failures forgotten).
    pub async fn pause_feed(
        &self,
        scope: Scope,
        id: i64,
        paused: bool,
        clock: &dyn Clock,
    ) -> Result<FeedRow> {
        self.store
            .set_feed_paused(scope, id, paused, ts(clock.now()))
            .await?
            .ok_or(Error::UnknownFeed(id))
    }

    /// Remember a fetched document's entries (new ones pending, or seen on the first poll) and
    /// say how the feed's row changes.
    async fn apply_feed(
        &self,
        feed: &FeedRow,
        response: &FeedResponse,
        parsed: &ParsedFeed,
        schedule: &Schedule,
        now: DateTime<Utc>,
    ) -> Result<PollUpdate> {
        // Feeds list newest first: remember oldest first, so they are posted in order.
        let state = if feed.primed { "pending" } else { "seen" };
        let entries: Vec<NewEntry<'_>> = parsed
            .entries
            .iter()
            .rev()
            .map(|e| NewEntry {
                key: &e.key,
                link: e.article_url.as_deref(),
                title: e.title_text.as_deref(),
                published: e.published.map(|t| t.to_rfc3339()),
                state,
            })
            .collect();
        let new = self
            .store
            .remember_entries(feed.id, &entries, ts(now))
            .await?;
        let forgotten = self
            .store
            .forget_old_entries(feed.id, &entries, self.config.feeds.keep_entries)
            .await?;
        let max_age = response
            .cache_control
            .as_deref()
            .and_then(schedule::max_age);
        let retry = response
            .retry_after
            .as_deref()
            .and_then(|v| schedule::retry_after(v, now));
        tracing::debug!(feed = feed.id, new, forgotten, "feed read");
        Ok(PollUpdate {
            etag: response.etag.clone(),
            last_modified: response.last_modified.clone(),
            title: parsed.title_text.clone(),
            site_url: parsed.link.clone(),
            primed: true,
            next_poll_at: ts(schedule.after_success(feed.id, now, max_age, retry)),
            last_polled_at: ts(now),
            failures: 0,
            last_error: None,
        })
    }
}

/// Whether an article that failed may succeed later (a timeout, a 5xx) or will not (a PDF, a
/// 404, a private address, a page without article text): those are skipped at once.
fn worth_retrying(e: &Error) -> bool {
    match e {
        Error::Fetch(f) => match f {
            FetchError::HttpStatus(code) => *code == 429 || *code >= 500,
            FetchError::Timeout
            | FetchError::Network
            | FetchError::Connect { .. }
            | FetchError::Dns { .. }
            | FetchError::Corrupt => true,
            _ => false,
        },
        Error::NoArticleText => false,
        _ => true,
    }
}

/// One host's share of the polling: a few requests at a time and a pause between polls.
#[derive(Debug)]
struct Host {
    permits: Semaphore,
    last: Mutex<Option<DateTime<Utc>>>,
}

/// Polls due feeds and brings their new articles in. Cheap to clone.
#[derive(Clone)]
pub struct Poller {
    desk: Newsdesk,
    clock: Arc<dyn Clock>,
    hosts: Arc<Mutex<HashMap<String, Arc<Host>>>>,
    /// Only the feeds of scopes these shards serve (one bot process of several); `None`: all.
    shards: Option<ShardRange>,
}

impl Poller {
    pub fn new(desk: Newsdesk, clock: Arc<dyn Clock>) -> Poller {
        Poller {
            desk,
            clock,
            hosts: Arc::default(),
            shards: None,
        }
    }

    /// Poll only the feeds of the scopes `shards` serves ([`ShardRange::serves`]).
    pub fn on_shards(mut self, shards: ShardRange) -> Poller {
        self.shards = Some(shards);
        self
    }

    pub fn clock(&self) -> &dyn Clock {
        &*self.clock
    }

    /// Poll every feed that is due (of `scope`, or all), bring their new articles in, and post
    /// digests whose hour has come.
    pub async fn poll_due<S: PostSink>(
        &self,
        scope: Option<Scope>,
        sink: &S,
    ) -> Result<PollReport> {
        let config = &self.desk.config.feeds;
        let now = self.clock.now();
        let due = self
            .desk
            .store
            .due_feeds(scope, self.shards, ts(now), 500)
            .await?;
        let results: Vec<(Outcome, u32)> = futures::stream::iter(due)
            .map(|feed| async move {
                match self.poll_feed(&feed, sink).await {
                    Ok(r) => r,
                    Err(e) => {
                        tracing::warn!(feed = feed.id, error = %e, "feed poll failed");
                        (Outcome::Failed, 0)
                    }
                }
            })
            .buffer_unordered(config.concurrency)
            .collect()
            .await;
        let mut report = PollReport::default();
        for (outcome, posted) in results {
            report.posted += posted;
            match outcome {
                Outcome::Fetched { new } => {
                    report.polled += 1;
                    report.new_entries += new as u32;
                }
                Outcome::NotModified => {
                    report.polled += 1;
                    report.not_modified += 1;
                }
                Outcome::Failed => {
                    report.polled += 1;
                    report.failed += 1;
                }
                Outcome::Deferred => report.deferred += 1,
            }
        }
        report.digests = self.post_digests(scope, sink).await?;
        Ok(report)
    }

    fn host(&self, name: &str) -> Arc<Host> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(name.to_string())
            .or_insert_with(|| {
                Arc::new(Host {
                    permits: Semaphore::new(self.desk.config.feeds.host_concurrency),
                    last: Mutex::new(None),
                })
            })
            .clone()
    }

    /// One feed: fetch (unless its host was asked too recently), remember, bring in, post.
    async fn poll_feed<S: PostSink>(&self, feed: &FeedRow, sink: &S) -> Result<(Outcome, u32)> {
        let config = &self.desk.config.feeds;
        let schedule = Schedule::new(config);
        let url = ArticleUrl::parse(&feed.url)?;
        let host = self.host(url.host());
        let now = self.clock.now();
        let put_off = {
            let mut last = host.last.lock().unwrap_or_else(|e| e.into_inner());
            let gap = chrono::Duration::seconds(config.host_min_interval_secs as i64);
            match *last {
                Some(t) if t + gap > now => Some(t + gap),
                _ => {
                    *last = Some(now);
                    None
                }
            }
        };
        if let Some(until) = put_off {
            self.desk.store.defer_feed(feed.id, ts(until)).await?;
            return Ok((Outcome::Deferred, 0));
        }
        let _permit = host
            .permits
            .acquire()
            .await
            .map_err(|_| Error::Internal("host permits closed".into()))?;
        let (etag, modified) = if feed.primed {
            (feed.etag.as_deref(), feed.last_modified.as_deref())
        } else {
            (None, None)
        };
        let answer = self.desk.fetcher.fetch_feed(&url, etag, modified).await;
        let now = self.clock.now();
        let outcome = match answer {
            Ok(r) if r.status == 304 => {
                let max_age = r.cache_control.as_deref().and_then(schedule::max_age);
                let update = PollUpdate {
                    etag: r.etag.clone().or(feed.etag.clone()),
                    last_modified: r.last_modified.clone().or(feed.last_modified.clone()),
                    primed: feed.primed,
                    next_poll_at: ts(schedule.after_success(feed.id, now, max_age, None)),
                    last_polled_at: ts(now),
                    ..PollUpdate::default()
                };
                self.desk.store.record_poll(feed.id, &update).await?;
                Outcome::NotModified
            }
            Ok(r) if (200..300).contains(&r.status) => {
                let parsed = parse(&r.body, Some(r.url.as_str()));
                if parsed.is_feed() {
                    let update = self
                        .desk
                        .apply_feed(feed, &r, &parsed, &schedule, now)
                        .await?;
                    self.desk.store.record_poll(feed.id, &update).await?;
                    let new = self
                        .desk
                        .store
                        .feed_entries(feed.id, "pending", u32::MAX)
                        .await?;
                    Outcome::Fetched { new: new.len() }
                } else {
                    self.failed(feed, &schedule, now, Error::NotAFeed.to_string(), None)
                        .await?
                }
            }
            Ok(r) => {
                let retry = r
                    .retry_after
                    .as_deref()
                    .and_then(|v| schedule::retry_after(v, now));
                let why = FetchError::HttpStatus(r.status).to_string();
                self.failed(feed, &schedule, now, why, retry).await?
            }
            Err(e) => {
                self.failed(feed, &schedule, now, e.to_string(), None)
                    .await?
            }
        };
        // Entries still waiting (more than one poll's share, or a retry) go on after a 304 too.
        let posted = if matches!(outcome, Outcome::Fetched { .. } | Outcome::NotModified) {
            self.bring_in(feed, sink).await?
        } else {
            0
        };
        Ok((outcome, posted))
    }

    async fn failed(
        &self,
        feed: &FeedRow,
        schedule: &Schedule,
        now: DateTime<Utc>,
        why: String,
        retry_after: Option<i64>,
    ) -> Result<Outcome> {
        let failures = feed.failures + 1;
        tracing::info!(feed = feed.id, failures, error = %why, "feed poll failed");
        let update = PollUpdate {
            etag: feed.etag.clone(),
            last_modified: feed.last_modified.clone(),
            primed: feed.primed,
            next_poll_at: ts(schedule.after_failure(feed.id, now, failures, retry_after)),
            last_polled_at: ts(now),
            failures,
            last_error: Some(why),
            ..PollUpdate::default()
        };
        self.desk.store.record_poll(feed.id, &update).await?;
        Ok(Outcome::Failed)
    }

    /// Fetch, extract, analyse and store the pending entries (a few per poll); post each, or
    /// queue it for the digest. Returns how many were posted.
    async fn bring_in<S: PostSink>(&self, feed: &FeedRow, sink: &S) -> Result<u32> {
        let config = &self.desk.config.feeds;
        let store = &self.desk.store;
        let mut posted = 0;
        for entry in store
            .feed_entries(feed.id, "pending", config.max_posts_per_poll)
            .await?
        {
            let Some(link) = entry.link.clone() else {
                store
                    .set_entry_state(
                        feed.id,
                        &entry.key,
                        "skipped",
                        None,
                        entry.attempts,
                        Some("The entry has no link."),
                    )
                    .await?;
                continue;
            };
            let article = match self
                .desk
                .ingest(feed.scope, Source::Url(link), &|_| {})
                .await
            {
                Ok(Ingested::Stored { article, .. } | Ingested::Duplicate { article }) => article,
                Err(e) if e.is_internal() => return Err(e),
                Err(e) => {
                    let attempts = entry.attempts + 1;
                    let state = if attempts >= config.entry_attempts || !worth_retrying(&e) {
                        "skipped"
                    } else {
                        "pending"
                    };
                    let why = e.to_string();
                    store
                        .set_entry_state(feed.id, &entry.key, state, None, attempts, Some(&why))
                        .await?;
                    continue;
                }
            };
            let id = article.id;
            if feed.mode == FeedMode::Digest {
                store
                    .set_entry_state(
                        feed.id,
                        &entry.key,
                        "queued",
                        Some(id),
                        entry.attempts,
                        None,
                    )
                    .await?;
                continue;
            }
            let post = FeedPost {
                feed_id: feed.id,
                scope: feed.scope,
                channel_id: feed.channel_id,
                feed_title: feed.title.clone(),
                digest_day: None,
                articles: vec![self.article_post(feed.scope, article, 2).await?],
            };
            match sink.post(&post).await {
                Ok(()) => {
                    store
                        .set_entry_state(
                            feed.id,
                            &entry.key,
                            "posted",
                            Some(id),
                            entry.attempts,
                            None,
                        )
                        .await?;
                    posted += 1;
                }
                Err(why) => {
                    // The channel, not the article: the entry waits for the next poll.
                    tracing::warn!(feed = feed.id, error = %why, "could not post a feed article");
                    store
                        .set_entry_state(
                            feed.id,
                            &entry.key,
                            "pending",
                            Some(id),
                            entry.attempts,
                            Some(&why.to_string()),
                        )
                        .await?;
                    if let PostError::Gone(reason) = why {
                        store.pause_feed_because(feed.id, &reason).await?;
                    }
                    break;
                }
            }
        }
        Ok(posted)
    }

    async fn article_post(
        &self,
        scope: Scope,
        article: ArticleRef,
        sentences: usize,
    ) -> Result<ArticlePost> {
        let summary = self
            .desk
            .summary(scope, article.id, Some(sentences))
            .await?;
        let quotes = self
            .desk
            .article_quotes(scope, article.id, Page::first(1))
            .await?;
        // A scare quote (`"forever"`) is never the key quote.
        let quote = quotes
            .quotes
            .into_iter()
            .next()
            .filter(|q| crate::analysis::quotes::is_statement(&q.text))
            .map(|q| PostQuote {
                text: q.text,
                speaker: q.speaker,
            });
        Ok(ArticlePost {
            article,
            summary: summary.sentences,
            quote,
            story: None,
        })
    }

    /// Post each digest-mode feed's queued articles once a day, at `feeds.digest_hour` (UTC).
    pub async fn post_digests<S: PostSink>(&self, scope: Option<Scope>, sink: &S) -> Result<u32> {
        let now = self.clock.now();
        if now.hour() < self.desk.config.feeds.digest_hour {
            return Ok(0);
        }
        let day = now.format("%Y-%m-%d").to_string();
        let store = &self.desk.store;
        let mut sent = 0;
        for feed in store.digest_feeds().await? {
            if scope.is_some_and(|s| s != feed.scope)
                || self.shards.is_some_and(|r| !r.serves(feed.scope))
                || feed.digest_day.as_deref() == Some(day.as_str())
            {
                continue;
            }
            let queued = store.feed_entries(feed.id, "queued", 50).await?;
            let mut articles = Vec::new();
            let mut keys = Vec::new();
            for entry in &queued {
                keys.push(entry.key.clone());
                let Some(id) = entry.article_id else { continue };
                let Ok(stored) = store.article_ref(feed.scope, id).await else {
                    continue;
                };
                articles.push(self.article_post(feed.scope, stored, 1).await?);
            }
            if !articles.is_empty() {
                let ids: Vec<_> = articles.iter().map(|a| a.article.id).collect();
                let stories = store.stories_of(&ids).await?;
                for a in &mut articles {
                    a.story = stories.get(&a.article.id).copied();
                }
                let articles = group_by_story(articles);
                let post = FeedPost {
                    feed_id: feed.id,
                    scope: feed.scope,
                    channel_id: feed.channel_id,
                    feed_title: feed.title.clone(),
                    digest_day: Some(day.clone()),
                    articles,
                };
                if let Err(why) = sink.post(&post).await {
                    tracing::warn!(feed = feed.id, error = %why, "could not post a digest");
                    if let PostError::Gone(reason) = why {
                        store.pause_feed_because(feed.id, &reason).await?;
                    }
                    continue;
                }
                sent += 1;
            }
            store.digest_sent(feed.id, &keys, &day).await?;
        }
        Ok(sent)
    }
}

/// A story's articles together, stories in the order their first article came (articles keep
/// their order within a story; an article without a story is a story of its own).
fn group_by_story(articles: Vec<ArticlePost>) -> Vec<ArticlePost> {
    let mut first: HashMap<i64, usize> = HashMap::new();
    let mut ranked: Vec<(usize, usize, ArticlePost)> = articles
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let group = a.story.map_or(i, |s| *first.entry(s).or_insert(i));
            (group, i, a)
        })
        .collect();
    ranked.sort_by_key(|(group, i, _)| (*group, *i));
    ranked.into_iter().map(|(_, _, a)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    fn post(id: i64, story: Option<i64>) -> ArticlePost {
        ArticlePost {
            article: ArticleRef {
                id: ArticleId(id),
                title: None,
                url: None,
                site: None,
                published: None,
                byline: None,
                ingested_at: String::new(),
            },
            summary: Vec::new(),
            quote: None,
            story,
        }
    }

    #[test]
    fn digests_put_a_story_together() {
        let posts = vec![
            post(1, Some(10)),
            post(2, None),
            post(3, Some(20)),
            post(4, Some(10)),
            post(5, Some(20)),
            post(6, None),
        ];
        let order: Vec<i64> = group_by_story(posts)
            .iter()
            .map(|p| p.article.id.0)
            .collect();
        assert_eq!(order, [1, 4, 2, 3, 5, 6]);
    }
}
