//! The read paths members use all day: summaries, quotes, entity profiles, questions, article
//! lists. They read the stored analysis and never re-analyse (except a summary of a different
//! length, recomputed from the stored sentences).

use crate::Newsdesk;
use crate::error::{Error, Result};
use crate::model::{ArticleId, ArticleRef, Scope};
use serde::Serialize;
use std::collections::HashMap;

/// One page of a longer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Page {
    /// From 0.
    pub index: usize,
    pub size: usize,
}

impl Page {
    pub fn first(size: usize) -> Page {
        Page { index: 0, size }
    }
    fn offset(self) -> usize {
        self.index.saturating_mul(self.size)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    pub article: ArticleRef,
    pub sentences: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub text: String,
    pub speaker: Option<String>,
    pub article: ArticleRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteList {
    pub quotes: Vec<QuoteView>,
    pub page: Page,
    /// Whether another page follows.
    pub more: bool,
    /// For a speaker search: the canonical name the speaker resolved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// For a speaker search: everyone who answers to that name when several do (a shared
    /// surname), most articles first. The quotes are theirs together; these let the reader pick.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// For a speaker search that found nobody: the closest known names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

/// Which quotes to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteFilter<'a> {
    /// One article's, key quotes first.
    Article(ArticleId),
    /// Those of the person (or organisation) named so, newest article first. The name is
    /// resolved as `/entity` resolves it: any alias, a surname alone, a small typo.
    Speaker(&'a str),
    /// Those of the person named so in one article, key quotes first.
    SpeakerIn(&'a str, ArticleId),
}

impl<'a> QuoteFilter<'a> {
    /// The filter two optional front-end options ask for; `None` when neither is given.
    pub fn from_options(article: Option<ArticleId>, speaker: Option<&'a str>) -> Option<Self> {
        match (article, speaker) {
            (Some(id), None) => Some(QuoteFilter::Article(id)),
            (None, Some(name)) => Some(QuoteFilter::Speaker(name)),
            (Some(id), Some(name)) => Some(QuoteFilter::SpeakerIn(name, id)),
            (None, None) => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleList {
    pub articles: Vec<ArticleRef>,
    pub page: Page,
    pub more: bool,
    /// Story and copies of the listed articles, by article id (only those that have any).
    pub notes: std::collections::BTreeMap<ArticleId, ArticleNote>,
}

/// Where a listed article stands among the others.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleNote {
    /// The first article of its story (what `/story` and `newsdesk story` take): stable across
    /// an export and import, unlike the story's own id.
    pub story: Option<ArticleId>,
    /// Other articles in the same story (this page or not).
    pub story_size: usize,
    /// The article this one copies.
    pub copy_of: Option<ArticleId>,
    /// Outlets that published a copy of this article.
    pub also_published_by: Vec<String>,
}

impl Newsdesk {
    /// The stored summary of article `id`, or one of `sentences` length computed from the
    /// stored sentences when that differs.
    pub async fn summary(
        &self,
        scope: Scope,
        id: ArticleId,
        sentences: Option<usize>,
    ) -> Result<SummaryView> {
        let mut stored = self.store.article(scope, id).await?;
        let n = sentences.unwrap_or(stored.summary_size).clamp(1, 20);
        let (text, spans) = if n == stored.summary_size {
            (stored.text, stored.summary)
        } else {
            let all: Vec<crate::analysis::Span> = self
                .store
                .sentence_spans(id)
                .await?
                .into_iter()
                .map(|(s, e)| crate::analysis::Span::new(s, e))
                .collect();
            // Summarising reads the whole text (up to 512 KiB): off the runtime's threads, as
            // ingest's analysis is.
            let text = std::mem::take(&mut stored.text);
            tokio::task::spawn_blocking(move || {
                let spans = crate::analysis::summary::summarize(&text, &all, n)
                    .into_iter()
                    .map(|i| (all[i].start, all[i].end))
                    .collect();
                (text, spans)
            })
            .await
            .map_err(|e| Error::Internal(format!("summary task failed: {e}")))?
        };
        let sentences = spans
            .iter()
            .filter_map(|&(s, e): &(usize, usize)| text.get(s..e))
            .map(str::to_string)
            .collect();
        Ok(SummaryView {
            article: stored.meta,
            sentences,
        })
    }

    /// Stored articles, newest first, optionally filtered by a full-text search.
    pub async fn articles(
        &self,
        scope: Scope,
        search: Option<&str>,
        page: Page,
    ) -> Result<ArticleList> {
        let search = search.map(str::trim).filter(|s| !s.is_empty());
        let mut listed = self
            .store
            .list_articles(scope, search, page.size + 1, page.offset())
            .await?;
        let more = listed.len() > page.size;
        listed.truncate(page.size);
        let notes = self.article_notes(scope, &listed).await?;
        Ok(ArticleList {
            articles: listed.into_iter().map(|l| l.article).collect(),
            page,
            more,
            notes,
        })
    }

    /// Stories and copies of `listed`: what `/articles` shows beside each. Copies are read
    /// only for the articles that have any.
    async fn article_notes(
        &self,
        scope: Scope,
        listed: &[crate::store::Listed],
    ) -> Result<std::collections::BTreeMap<ArticleId, ArticleNote>> {
        let mut notes: std::collections::BTreeMap<ArticleId, ArticleNote> = Default::default();
        for l in listed {
            if let Some((first, size)) = l.story {
                let n = notes.entry(l.article.id).or_default();
                n.story = Some(first);
                n.story_size = size;
            }
        }
        let ids: Vec<ArticleId> = listed
            .iter()
            .filter(|l| l.has_copies)
            .map(|l| l.article.id)
            .collect();
        if !ids.is_empty() {
            let copies = self.store.copies_among(&ids).await?;
            let copy_ids: Vec<ArticleId> = copies.iter().map(|c| c.0).collect();
            let copy_refs: HashMap<ArticleId, ArticleRef> = self
                .store
                .article_refs_in(scope, &copy_ids)
                .await?
                .into_iter()
                .map(|a| (a.id, a))
                .collect();
            for (copy, original) in copies {
                if ids.contains(&copy) {
                    notes.entry(copy).or_default().copy_of = Some(original);
                }
                if ids.contains(&original)
                    && let Some(r) = copy_refs.get(&copy)
                {
                    let outlet = story::outlet(r);
                    let n = notes.entry(original).or_default();
                    if !n.also_published_by.contains(&outlet) {
                        n.also_published_by.push(outlet);
                    }
                }
            }
        }
        notes.retain(|_, n| {
            n.story_size > 1 || n.copy_of.is_some() || !n.also_published_by.is_empty()
        });
        Ok(notes)
    }

    /// The scope's stories (articles grouped by event), oldest first.
    pub async fn stories(&self, scope: Scope) -> Result<Vec<crate::store::StoryRow>> {
        self.store.stories(scope).await
    }

    /// Recompute the scope's stories and copy links; returns how many stories there are.
    pub async fn rebuild_stories(&self, scope: Scope) -> Result<usize> {
        self.store.rebuild_stories(scope).await
    }

    /// Delete an article and everything derived from it.
    pub async fn forget(&self, scope: Scope, id: ArticleId) -> Result<ArticleRef> {
        self.store.forget(scope, id).await
    }

    /// An article's quotes, key quotes first: [`Newsdesk::quotes`] of [`QuoteFilter::Article`].
    pub async fn article_quotes(
        &self,
        scope: Scope,
        id: ArticleId,
        page: Page,
    ) -> Result<QuoteList> {
        self.quotes(scope, QuoteFilter::Article(id), page).await
    }

    /// Validate a free-text query: not empty, not absurdly long.
    pub fn check_query<'q>(&self, q: &'q str) -> Result<&'q str> {
        let q = q.trim();
        if q.is_empty() {
            return Err(Error::EmptyQuery);
        }
        let max = self.config.ask.max_question_chars;
        if q.chars().count() > max {
            return Err(Error::TooLong { max });
        }
        Ok(q)
    }
}

pub mod ask;
pub mod entity;
pub mod followup;
pub mod llm;
mod resolve;
pub mod story;
pub mod suggest;

pub use ask::{Answer, AnswerType, AskContext, Cited, Evidence, Ranked, ShortAnswer};
pub use entity::{Candidate, EntityLookup, EntityProfile, MentionSnippet, Related};

impl Newsdesk {
    /// Quotes attributed to the entity named `speaker`: [`Newsdesk::quotes`] of
    /// [`QuoteFilter::Speaker`].
    pub async fn speaker_quotes(
        &self,
        scope: Scope,
        speaker: &str,
        page: Page,
    ) -> Result<QuoteList> {
        self.quotes(scope, QuoteFilter::Speaker(speaker), page)
            .await
    }

    /// One page of quotes: of an article, by a speaker, or by a speaker in an article, every
    /// filter applied in SQL so a page is only short at the end and [`QuoteList::more`] is exact.
    ///
    /// The speaker's name is resolved once, as `/entity` resolves it. A name several entities
    /// answer to lists their quotes together, with them in [`QuoteList::candidates`]; an unknown
    /// name lists nothing, with the closest names in [`QuoteList::suggestions`]. An article not
    /// in `scope` is [`Error::UnknownArticle`], whoever is asked about.
    pub async fn quotes(
        &self,
        scope: Scope,
        filter: QuoteFilter<'_>,
        page: Page,
    ) -> Result<QuoteList> {
        let (article, speaker) = match filter {
            QuoteFilter::Article(id) => (Some(id), None),
            QuoteFilter::Speaker(name) => (None, Some(self.check_query(name)?)),
            QuoteFilter::SpeakerIn(name, id) => (Some(id), Some(self.check_query(name)?)),
        };
        let mut list = QuoteList {
            quotes: Vec::new(),
            page,
            more: false,
            speaker: None,
            candidates: Vec::new(),
            suggestions: Vec::new(),
        };
        let speakers = match speaker {
            None => None,
            Some(name) => match self.resolve(scope, name).await? {
                resolve::Resolution::One { id, .. } => {
                    list.speaker = self.store.entity_name(id).await?;
                    Some(vec![id])
                }
                resolve::Resolution::Many(found) => {
                    let (ids, candidates) = found.into_iter().unzip();
                    list.candidates = candidates;
                    Some(ids)
                }
                resolve::Resolution::None(near) => {
                    if let Some(id) = article {
                        self.store.article_ref(scope, id).await?;
                    }
                    list.suggestions = near.into_iter().map(|c| c.name).collect();
                    return Ok(list);
                }
            },
        };
        // One page and one row more, which tells whether another page follows.
        let (rows, refs) = match (article, speakers) {
            (Some(id), speakers) => {
                let (cited, rows) = self
                    .store
                    .article_quotes(
                        scope,
                        id,
                        speakers.as_deref(),
                        page.size.saturating_add(1),
                        page.offset(),
                    )
                    .await?;
                (rows, HashMap::from([(cited.id.0, cited)]))
            }
            (None, Some(ids)) => {
                let rows = self.speaker_quote_rows(&ids, page).await?;
                let ids: Vec<i64> = rows.iter().map(|r| r.article_id).collect();
                let refs = self.store.article_refs(&ids).await?;
                (rows, refs)
            }
            (None, None) => unreachable!("every filter names an article or a speaker"),
        };
        list.quotes = rows
            .into_iter()
            .filter_map(|q| {
                Some(QuoteView {
                    text: q.text,
                    speaker: q.speaker,
                    article: refs.get(&q.article_id)?.clone(),
                })
            })
            .collect();
        list.more = list.quotes.len() > page.size;
        list.quotes.truncate(page.size);
        Ok(list)
    }

    /// One page (and one row more) of the quotes of `speakers`, newest article first.
    async fn speaker_quote_rows(
        &self,
        speakers: &[i64],
        page: Page,
    ) -> Result<Vec<crate::store::QuoteRow>> {
        let want = page.offset().saturating_add(page.size).saturating_add(1);
        let mut rows = self.store.speaker_quotes(speakers, want).await?;
        rows.sort_by(|a, b| b.article_id.cmp(&a.article_id).then(a.rank.cmp(&b.rank)));
        Ok(rows
            .into_iter()
            .skip(page.offset())
            .take(page.size + 1)
            .collect())
    }
}
