//! The ingest pipeline: fetch → extract → analyse → store, reporting each stage as it starts.
//! Any failure stores nothing: the store write is one transaction at the very end.

use crate::Newsdesk;
use crate::analysis;
use crate::error::{Error, Result};
use crate::extract::{self, Extracted};
use crate::fetch::ArticleUrl;
use crate::model::{ArticleId, ArticleRef, Scope};
use crate::store::{Engine, NewArticle};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Where an article comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A link to fetch.
    Url(String),
    /// A page already fetched (a local `.html` file); `url` is where it came from, if known.
    Html { html: String, url: Option<String> },
    /// Plain text (a local `.txt` file): the first line is taken as the title.
    Text { text: String, url: Option<String> },
}

/// How much of a file is looked at for NUL bytes, the mark of binary data.
const BINARY_SNIFF: usize = 8 * 1024;

impl Source {
    /// A file handed over by name and bytes (a local file, a Discord attachment): `.html` and
    /// `.htm` are pages, anything else plain text. Both front-ends decode through here, so a
    /// file reads the same wherever it is given: a page by its BOM or `<meta charset>`, text by
    /// its BOM, and both as UTF-8 when valid, else by detection. Binary data is refused.
    pub fn from_file(name: &str, bytes: &[u8], url: Option<String>) -> Result<Source> {
        let unicode_bom = encoding_rs::Encoding::for_bom(bytes).is_some();
        let head = &bytes[..bytes.len().min(BINARY_SNIFF)];
        if !unicode_bom && head.contains(&0) {
            return Err(Error::File {
                path: name.to_string(),
                reason: "it is not a web page or a text file".into(),
            });
        }
        let extension = std::path::Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let is_html =
            extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm");
        Ok(if is_html {
            Source::Html {
                html: extract::charset::decode(bytes, None),
                url,
            }
        } else {
            Source::Text {
                text: extract::charset::decode_text(bytes),
                url,
            }
        })
    }
}

/// Progress of one ingest, for front-ends that show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Fetching,
    Extracting,
    Analysing,
    Storing,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Fetching => "fetching",
            Stage::Extracting => "extracting",
            Stage::Analysing => "analysing",
            Stage::Storing => "storing",
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Ingested {
    Stored {
        article: ArticleRef,
        summary: Vec<String>,
    },
    /// Already stored in this scope (same URL or same text); nothing was written.
    Duplicate { article: ArticleRef },
}

impl Ingested {
    pub fn article(&self) -> &ArticleRef {
        match self {
            Ingested::Stored { article, .. } | Ingested::Duplicate { article } => article,
        }
    }
}

/// SHA-256 of the text with case and whitespace normalised: the same article under two URLs.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    for word in text.split_whitespace() {
        hasher.update(word.to_lowercase().as_bytes());
        hasher.update(b" ");
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Cut `text` to at most `max` bytes, at the last paragraph (else sentence, else char) boundary.
fn truncate_text(mut text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let cut = head
        .rfind("\n\n")
        .or_else(|| head.rfind(". ").map(|i| i + 1))
        .unwrap_or(cut);
    text.truncate(cut);
    text.truncate(text.trim_end().len());
    text
}

/// Words kept when a plain-text article opens with a sentence instead of a headline.
const TITLE_WORDS: usize = 12;

/// The title of a plain-text article: its first line when that reads as a headline; when the
/// text opens straight with its first sentence (long, ending in a full stop), that sentence's
/// first words, so citations stay short.
fn text_title(first_line: &str) -> Option<String> {
    let line = first_line.trim();
    if line.is_empty() {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let headline =
        line.chars().count() <= 200 && (words.len() <= TITLE_WORDS || !line.ends_with('.'));
    if headline {
        return Some(line.to_string());
    }
    let head = words[..TITLE_WORDS.min(words.len())].join(" ");
    Some(format!(
        "{}…",
        head.trim_end_matches([',', ';', ':', '.', '-', '—'])
    ))
}

fn text_article(text: &str) -> Extracted {
    let text = crate::extract::boilerplate::trim_text_tail(text.trim());
    Extracted {
        title: text.lines().next().and_then(text_title),
        text: text.to_string(),
        ..Default::default()
    }
}

impl Newsdesk {
    /// Fetch (if needed), extract, analyse and store one article in `scope`.
    pub async fn ingest(
        &self,
        scope: Scope,
        source: Source,
        progress: &(dyn Fn(Stage) + Send + Sync),
    ) -> Result<Ingested> {
        let started = std::time::Instant::now();
        let result = self.ingest_once(scope, source, progress).await;
        crate::ops::metrics::record_ingest(&result, started.elapsed());
        match &result {
            Ok(Ingested::Stored { article, .. }) => {
                tracing::info!(%scope, id = %article.id, url = article.url.as_deref(), "stored article")
            }
            Ok(Ingested::Duplicate { article }) => {
                tracing::debug!(%scope, id = %article.id, "duplicate article")
            }
            Err(e) => tracing::debug!(%scope, kind = e.kind(), error = %e, "ingest failed"),
        }
        result
    }

    async fn ingest_once(
        &self,
        scope: Scope,
        source: Source,
        progress: &(dyn Fn(Stage) + Send + Sync),
    ) -> Result<Ingested> {
        match self.prepare(scope, source, progress).await? {
            Prepared::Known(done) => Ok(done),
            Prepared::Ready(ready) => {
                progress(Stage::Storing);
                self.store_one(scope, &ready).await
            }
        }
    }

    /// Ingest many articles of `scope`, [`BULK_BATCH`] at a time: on SQLite each batch is
    /// stored in one transaction, so a bulk load pays the commit (and the pages it rewrites) once
    /// a batch rather than once an article; on PostgreSQL one transaction an article, so that
    /// writers side by side never deadlock. Each article lands whole or not at all: when a batch
    /// fails to store, its articles are stored one by one, so one bad article costs only itself.
    /// The results come in the order of `sources`.
    pub async fn ingest_bulk(&self, scope: Scope, sources: Vec<Source>) -> Vec<Result<Ingested>> {
        let mut results = Vec::with_capacity(sources.len());
        let mut sources = sources.into_iter().peekable();
        while sources.peek().is_some() {
            let chunk: Vec<Source> = sources.by_ref().take(BULK_BATCH).collect();
            results.extend(self.ingest_chunk(scope, chunk).await);
        }
        results
    }

    async fn ingest_chunk(&self, scope: Scope, chunk: Vec<Source>) -> Vec<Result<Ingested>> {
        let started = std::time::Instant::now();
        let mut slots: Vec<Option<Result<Ingested>>> = Vec::with_capacity(chunk.len());
        let mut ready: Vec<(usize, Ready)> = Vec::new();
        // An article given twice in one batch is stored once; the later copy answers as its
        // duplicate once the first is stored.
        let mut repeats: Vec<(usize, usize)> = Vec::new();
        for (i, source) in chunk.into_iter().enumerate() {
            match self.prepare(scope, source, &|_| {}).await {
                Ok(Prepared::Ready(r)) => {
                    let first = ready
                        .iter()
                        .find(|(_, o)| o.hash == r.hash || (r.url.is_some() && o.url == r.url));
                    match first {
                        Some(&(j, _)) => repeats.push((i, j)),
                        None => ready.push((i, *r)),
                    }
                    slots.push(None);
                }
                Ok(Prepared::Known(done)) => slots.push(Some(Ok(done))),
                Err(e) => slots.push(Some(Err(e))),
            }
        }
        let stored = self.store_all(scope, &ready).await;
        for ((i, _), result) in ready.iter().zip(stored) {
            slots[*i] = Some(result);
        }
        for (i, j) in repeats {
            let first = match &slots[j] {
                Some(Ok(done)) => Ok(Ingested::Duplicate {
                    article: done.article().clone(),
                }),
                Some(Err(_)) | None => Err(Error::Internal(
                    "the first copy of a repeated article was not stored".into(),
                )),
            };
            slots[i] = Some(first);
        }
        let results: Vec<Result<Ingested>> = slots
            .into_iter()
            .map(|s| {
                s.unwrap_or_else(|| Err(Error::Internal("bulk ingest lost an article".into())))
            })
            .collect();
        // Each article is counted with its share of the batch's time.
        let share = started.elapsed() / results.len().max(1) as u32;
        for r in &results {
            crate::ops::metrics::record_ingest(r, share);
        }
        results
    }

    /// Fetch, extract and analyse; `Known` when the article is already stored.
    async fn prepare(
        &self,
        scope: Scope,
        source: Source,
        progress: &(dyn Fn(Stage) + Send + Sync),
    ) -> Result<Prepared> {
        let (page, known_url) = match source {
            Source::Url(raw) => {
                let url = ArticleUrl::parse(&raw)?;
                if let Some(article) = self
                    .store
                    .find_duplicate(scope, Some(url.as_str()), None)
                    .await?
                {
                    return Ok(Prepared::Known(Ingested::Duplicate { article }));
                }
                progress(Stage::Fetching);
                let fetched = self.fetcher.fetch(&url).await?;
                progress(Stage::Extracting);
                let page = extract_blocking(fetched.html, Some(fetched.url.to_string())).await?;
                (page, Some(fetched.url))
            }
            Source::Html { html, url } => {
                let url = url.as_deref().map(ArticleUrl::parse).transpose()?;
                progress(Stage::Extracting);
                (
                    extract_blocking(html, url.as_ref().map(ToString::to_string)).await?,
                    url,
                )
            }
            Source::Text { text, url } => {
                let url = url.as_deref().map(ArticleUrl::parse).transpose()?;
                (text_article(&text), url)
            }
        };
        // Prefer the page's own canonical link for dedupe and citations.
        let url = page
            .canonical_url
            .as_deref()
            .and_then(|c| ArticleUrl::parse(c).ok())
            .or(known_url);
        let text = truncate_text(page.text.clone(), self.config.analysis.max_text_bytes);
        if text.split_whitespace().count() < 3 {
            return Err(Error::NoArticleText);
        }
        let hash = content_hash(&text);
        let site = page
            .site
            .clone()
            .or_else(|| url.as_ref().map(|u| u.host().to_string()));
        let url = url.map(|u| u.as_str().to_string());
        if let Some(article) = self
            .store
            .find_duplicate(scope, url.as_deref(), Some(&hash))
            .await?
        {
            return Ok(Prepared::Known(Ingested::Duplicate { article }));
        }

        progress(Stage::Analysing);
        let n = self.config.analysis.summary_sentences;
        let (text, analysis) = tokio::task::spawn_blocking(move || {
            let a = analysis::analyze(&text, n);
            (text, a)
        })
        .await
        .map_err(|e| Error::Internal(format!("analysis task failed: {e}")))?;
        Ok(Prepared::Ready(Box::new(Ready {
            url,
            hash,
            page,
            site,
            text,
            analysis,
            summary_size: n,
            ingested_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })))
    }

    /// Store one prepared article in its own transaction.
    async fn store_one(&self, scope: Scope, ready: &Ready) -> Result<Ingested> {
        let id = match self
            .store
            .insert_article(&ready.new_article(scope), &ready.analysis)
            .await
        {
            Ok(id) => id,
            // Lost a race with a concurrent ingest of the same article.
            Err(e) if crate::store::is_unique_violation(&e) => {
                if let Some(article) = self
                    .store
                    .find_duplicate(scope, ready.url.as_deref(), Some(&ready.hash))
                    .await?
                {
                    return Ok(Ingested::Duplicate { article });
                }
                return Err(Error::Internal(
                    "unique violation without a duplicate".into(),
                ));
            }
            Err(e) => return Err(e),
        };
        Ok(ready.stored(scope, id))
    }

    /// Store prepared articles, each whole or not at all: on SQLite in one transaction (falling
    /// back to one each when it fails, so one bad article costs only itself), on PostgreSQL in
    /// one transaction each.
    ///
    /// PostgreSQL's writers run side by side and lock the shared rows an article touches (its
    /// entities and their names, its story, the postings of its terms) table by table, each in
    /// key order: one article's transaction never waits on another's in a cycle. A batch takes
    /// those locks article after article, so two batches that meet the same rows in another
    /// order deadlock; with 4 writers most batches did, and each deadlock cost PostgreSQL's
    /// `deadlock_timeout` and the batch's work before its articles were stored one by one. The
    /// rows to lock cannot all be known up front (an article's story and terms depend on what
    /// the articles before it wrote), so PostgreSQL stores one article a transaction, retrying
    /// one that still loses a lock conflict a few times ([`crate::store::Store::insert_article`]).
    /// SQLite has one writer, and a batch there pays the commit's page rewrites once.
    async fn store_all(&self, scope: Scope, ready: &[(usize, Ready)]) -> Vec<Result<Ingested>> {
        if self.store.engine() == Engine::Sqlite {
            match self.store_batch(scope, ready).await {
                Ok(stored) => return stored.into_iter().map(Ok).collect(),
                Err(e) => {
                    tracing::debug!(error = %e, "bulk batch failed; storing its articles one by one")
                }
            }
        }
        let mut each = Vec::with_capacity(ready.len());
        for (_, r) in ready {
            each.push(self.store_one(scope, r).await);
        }
        each
    }

    /// Store prepared articles in one transaction: all of them, or none.
    async fn store_batch(&self, scope: Scope, ready: &[(usize, Ready)]) -> Result<Vec<Ingested>> {
        if ready.is_empty() {
            return Ok(Vec::new());
        }
        let batch: Vec<(NewArticle<'_>, &analysis::Analysis)> = ready
            .iter()
            .map(|(_, r)| (r.new_article(scope), &r.analysis))
            .collect();
        let ids = self.store.insert_many(&batch).await?;
        let mut out = Vec::with_capacity(ids.len());
        for (id, (_, r)) in ids.into_iter().zip(ready) {
            out.push(r.stored(scope, id));
        }
        Ok(out)
    }
}

/// Articles prepared together, and on SQLite stored in one transaction, by
/// [`Newsdesk::ingest_bulk`]. Past a few dozen the commit is already a small share of an
/// article's cost, and a failed batch retried one by one stays short.
pub const BULK_BATCH: usize = 32;

/// Where [`Newsdesk::prepare`] leaves an article.
enum Prepared {
    /// Already stored: nothing to write.
    Known(Ingested),
    Ready(Box<Ready>),
}

/// An article extracted and analysed, not yet written.
struct Ready {
    url: Option<String>,
    hash: String,
    page: Extracted,
    /// The page's site, else the link's host.
    site: Option<String>,
    text: String,
    analysis: analysis::Analysis,
    summary_size: usize,
    ingested_at: String,
}

impl Ready {
    fn new_article(&self, scope: Scope) -> NewArticle<'_> {
        NewArticle {
            scope,
            url: self.url.as_deref(),
            content_hash: &self.hash,
            title: self.page.title.as_deref(),
            byline: self.page.byline.as_deref(),
            published: self.page.published.as_deref(),
            site: self.site.as_deref(),
            language: self.page.language.as_deref(),
            text: &self.text,
            summary_size: self.summary_size,
            ingested_at: &self.ingested_at,
        }
    }

    /// What an ingest answers once the article is stored as `id`: its citation is what was
    /// just written (reading the row back would cost two statements), its summary from memory.
    fn stored(&self, scope: Scope, id: ArticleId) -> Ingested {
        let summary = self
            .analysis
            .summary
            .iter()
            .map(|&i| self.analysis.sentences[i].of(&self.text).to_string())
            .collect();
        let new = self.new_article(scope);
        let own = |v: Option<&str>| v.map(str::to_string);
        let article = ArticleRef {
            id,
            title: own(new.title),
            url: own(new.url),
            site: own(new.site),
            published: own(new.published),
            byline: own(new.byline),
            ingested_at: new.ingested_at.to_string(),
        };
        Ingested::Stored { article, summary }
    }
}

async fn extract_blocking(html: String, url: Option<String>) -> Result<Extracted> {
    tokio::task::spawn_blocking(move || extract::extract(&html, url.as_deref()))
        .await
        .map_err(|e| Error::Internal(format!("extraction task failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(source: Source) -> (&'static str, String) {
        match source {
            Source::Html { html, .. } => ("html", html),
            Source::Text { text, .. } => ("text", text),
            Source::Url(u) => ("url", u),
        }
    }

    #[test]
    fn files_are_pages_or_text_decoded_the_same_way_everywhere() {
        let latin1 = b"M\xfchle am Flussufer wird ein Caf\xe9 mit Blick auf die Br\xfccke";
        let (kind, text) = text_of(Source::from_file("m\u{fc}hle.TXT", latin1, None).unwrap());
        assert_eq!(kind, "text");
        assert_eq!(
            text,
            "Mühle am Flussufer wird ein Café mit Blick auf die Brücke"
        );
        let page = b"<html><head><meta charset=\"windows-1252\"></head><p>\x93Caf\xe9\x94</p>";
        let (kind, html) = text_of(Source::from_file("saved.HTM", page, None).unwrap());
        assert_eq!(kind, "html");
        assert!(html.contains("\u{201c}Café\u{201d}"), "{html}");
        let (kind, _) = text_of(Source::from_file("notes", b"plain", None).unwrap());
        assert_eq!(kind, "text");
        let utf16 = b"\xff\xfeh\x00i\x00";
        assert_eq!(
            text_of(Source::from_file("a.txt", utf16, None).unwrap()).1,
            "hi"
        );
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        let err = Source::from_file("photo.txt", png, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Cannot read photo.txt: it is not a web page or a text file"
        );
    }

    #[test]
    fn hash_ignores_case_and_spacing() {
        assert_eq!(content_hash("A  b\nc"), content_hash("a b c"));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
    }

    #[test]
    fn plain_text_titles_are_headlines_or_the_opening_words() {
        assert_eq!(
            text_title("Harbour council approves the new ferry line").as_deref(),
            Some("Harbour council approves the new ferry line")
        );
        assert_eq!(
            text_title("Is the ferry worth 40 million crowns? Critics doubt it, and say so loudly")
                .as_deref(),
            Some("Is the ferry worth 40 million crowns? Critics doubt it, and say so loudly")
        );
        assert_eq!(
            text_title(
                "Harbour master Oskar Lindqvist is said to be planning a second ferry berth that \
                 the council has not yet approved for the coming season."
            )
            .as_deref(),
            Some("Harbour master Oskar Lindqvist is said to be planning a second ferry…")
        );
        assert_eq!(text_title("   "), None);
    }

    #[test]
    fn truncation_prefers_paragraphs_and_char_boundaries() {
        let t = "First para.\n\nSecond para é é é.".to_string();
        assert_eq!(truncate_text(t.clone(), 20), "First para.");
        let long = "é".repeat(10);
        assert!(truncate_text(long, 5).len() <= 5);
    }
}
