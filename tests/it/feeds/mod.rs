//! Feeds: parsing (the feedparser conformance corpus), subscriptions, polling and posting.

mod corpus;
mod poll;
