//! Measurement tools, apart from the code they measure: the synthetic news corpus, the store
//! benchmark behind `newsdesk bench store` and the long run behind `newsdesk bench soak`. They
//! report numbers; tests assert behaviour.

pub mod soak;
pub mod store;
pub mod synth;
