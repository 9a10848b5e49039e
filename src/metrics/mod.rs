//! One module per metric: its aggregator, its summary and the summary's `Display`.
//!
//! Metrics never import each other; the bounded-scale ones share the counting engine in
//! `counts`.

pub mod abandonment;
pub mod ces;
pub mod choice;
pub mod churn;
pub mod csat;
pub mod fcr;
pub mod frt;
pub mod health;
pub mod nps;
pub mod proportion;
pub mod response_rate;
pub mod revenue_churn;
