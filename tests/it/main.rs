//! Integration tests, compiled as one binary. Each area has its own module; shared helpers live
//! in `support`.

mod cli;
mod extract;
mod store;
mod support;
