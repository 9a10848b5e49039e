//! One module per metric: its aggregator, its summary and the summary's `Display`.
//!
//! Metrics never import each other; the bounded-scale ones share the counting engine in
//! `counts`.

pub mod ces;
pub mod csat;
pub mod nps;
