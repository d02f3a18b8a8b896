//! The core's error type. `Display` is written for the person who typed the command (safe to
//! show in Discord); [`Error::is_internal`] marks what front-ends log and answer generically.

use crate::fetch::FetchError;
use crate::model::ArticleId;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("No article #{0} here.")]
    UnknownArticle(ArticleId),
    #[error("No readable article text was found on that page.")]
    NoArticleText,
    #[error("Please type something to search for.")]
    EmptyQuery,
    #[error("That is too long: keep it under {max} characters.")]
    TooLong { max: usize },
    #[error("Cannot read {path}: {reason}")]
    File { path: String, reason: String },
    #[error("That link is not a feed (RSS, Atom or JSON Feed), and the page does not link to one.")]
    NotAFeed,
    #[error("No feed #{0} here (see /feed list).")]
    UnknownFeed(i64),
    #[error("This channel already follows that feed (#{0}).")]
    FeedExists(i64),
    #[error("This server follows {max} feeds already, the most allowed; remove one first.")]
    FeedLimit { max: u32 },
    #[error("internal database error")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// True for failures the user cannot act on: log them with context, answer generically.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Error::Database(_) | Error::Migrate(_) | Error::Internal(_)
        )
    }

    /// A stable snake_case label for metrics and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Fetch(e) => e.kind(),
            Error::UnknownArticle(_) => "unknown_article",
            Error::NoArticleText => "no_article_text",
            Error::EmptyQuery => "empty_query",
            Error::TooLong { .. } => "too_long",
            Error::File { .. } => "file",
            Error::NotAFeed => "not_a_feed",
            Error::UnknownFeed(_) => "unknown_feed",
            Error::FeedExists(_) => "feed_exists",
            Error::FeedLimit { .. } => "feed_limit",
            Error::Database(_) => "database",
            Error::Migrate(_) => "migrate",
            Error::Internal(_) => "internal",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
