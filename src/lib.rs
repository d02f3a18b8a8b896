//! newsdesk: read news links, analyse them offline, answer questions about them.
//!
//! The library is the Discord-agnostic core: [`fetch`] → [`extract`] → [`analysis`] → [`store`]
//! → queries, composed by [`Newsdesk`]. The `newsdesk` binary's CLI and the Discord bot are thin
//! front-ends over it.

pub mod analysis;
pub mod extract;
