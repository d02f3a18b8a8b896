//! Integration tests, compiled as one binary. Each area has its own module; shared helpers live
//! in `support`.

mod bot;
mod cli;
mod store;
mod support;
