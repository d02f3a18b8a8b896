//! Integration tests, compiled as one binary. Each area has its own module; shared helpers live
//! in `support`.

mod ask;
mod bot;
mod bulk;
mod cli;
mod copy;
mod crash;
mod entities;
mod extract;
mod feeds;
mod fetch;
mod fuzz;
mod llm;
mod ops;
mod query;
mod quotes;
mod store;
mod stories;
mod support;
