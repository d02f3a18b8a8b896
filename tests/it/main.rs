//! Integration tests, compiled as one binary. Each area has its own module; shared helpers live
//! in `support`.

mod cli;
mod llm;
mod query;
mod store;
mod support;
