//! Feeds: parsing (the feedparser conformance corpus), subscriptions, polling and posting.

mod cli;
mod corpus;
mod poll;
