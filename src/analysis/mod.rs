//! Offline text analysis: pure, synchronous, deterministic.
//!
//! Every stage works on the article text and returns byte spans into it, never copies:
//! [`sentences`] → [`entities`] → [`quotes`] (speakers resolved against the entities) →
//! [`summary`] (sentence indices). [`analyze`] composes them; the store keeps the result so
//! queries never re-analyse.
//!
//! ```
//! let text = "Alice Smith runs Acme Corp. \"We are growing,\" Smith said.";
//! let a = newsdesk::analysis::analyze(text, 1);
//! assert_eq!(a.sentences.len(), 2);
//! ```

pub mod calendar;
pub mod entities;
pub mod quotes;
pub mod sentences;
pub mod stopwords;
pub mod story;
pub mod summary;

use serde::{Deserialize, Serialize};

/// A byte range into the analysed text, end exclusive. Always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The text this span covers (empty if the span does not fit `text`).
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What an entity is. Serialised in lower case (`person`, `organization`, `place`, `other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            "place" => EntityKind::Place,
            "other" => EntityKind::Other,
            _ => return None,
        })
    }
}

/// One named thing in an article, with every mention merged under its fullest name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical (fullest) name as written in the article, e.g. `Vladimir Putin`.
    pub name: String,
    pub kind: EntityKind,
    /// Other surface forms seen for it (`Putin`), canonical name excluded.
    pub aliases: Vec<String>,
    /// Roles and descriptors kept apart from the name (`Russian President`).
    pub roles: Vec<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The mention in the text (a name, a description or a pronoun).
    pub mention: Span,
    /// Resolved full name (`Donald Trump` for a mention `he` or `Trump`).
    pub name: String,
    /// Index into [`Analysis::entities`] when resolved to an entity.
    pub entity: Option<usize>,
}

/// A direct quote: `span` covers the words inside the quote marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// How "key" the quote is (higher is more important); used to rank quotes for display.
    pub score: f32,
}

/// Everything derived from one article text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Analysis {
    pub sentences: Vec<Span>,
    /// Indices into `sentences`, in reading order.
    pub summary: Vec<usize>,
    pub quotes: Vec<Quote>,
    pub entities: Vec<Entity>,
}

/// Run the whole offline pipeline on `text`, with an `n`-sentence summary.
///
/// Every newline in `text` is a hard sentence boundary.
pub fn analyze(text: &str, summary_sentences: usize) -> Analysis {
    let sentences = sentences::split(text);
    let entities = entities::recognize(text, &sentences);
    let quotes = quotes::find(text, &sentences, &entities);
    let summary = summary::summarize(text, &sentences, summary_sentences);
    Analysis {
        sentences,
        summary,
        quotes,
        entities,
    }
}
