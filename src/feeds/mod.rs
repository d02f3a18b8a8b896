//! Feeds: a channel subscribes to news sources and newsdesk brings each new article in.
//!
//! * [`parse`]: feed documents (RSS, Atom, JSON Feed) read leniently, with stable entry keys.
//! * [`sanitize_html`]: a feed's HTML is untrusted; it is kept only after an allowlist has
//!   cleaned it, and shown as text ([`html_to_text`]).
//! * [`discover`]: the feeds a web page links to.
//! * [`schedule`]: when to poll next (interval, `Cache-Control`, `Retry-After`, backoff, jitter).
//! * [`poll`]: subscriptions ([`crate::Newsdesk::add_feed`]…) and the [`Poller`].
//!
//! ```
//! let feed = newsdesk::feeds::parse(b"<rss version=\"2.0\"><channel><title>T</title>\
//!     <item><link>https://example.com/a</link></item></channel></rss>", None);
//! assert_eq!(feed.entries[0].key, "https://example.com/a");
//! ```

mod discover;
mod parse;
pub mod poll;
mod sanitize;
pub mod schedule;
mod wild;

pub use discover::discover;
pub use parse::{ParsedEntry, ParsedFeed, parse, stable_key};
pub use poll::{
    ArticlePost, Clock, FeedPost, FeedStatus, ManualClock, PollReport, Poller, PostError,
    PostQuote, PostSink, SystemClock,
};
pub use sanitize::{html_to_text, sanitize_html};
