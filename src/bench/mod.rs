//! Measurement tools, apart from the code they measure: the synthetic news corpus and the store
//! benchmark behind `newsdesk bench store`. They report numbers; tests assert behaviour.

pub mod store;
pub mod synth;
