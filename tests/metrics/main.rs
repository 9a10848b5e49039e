//! The core crate's integration tests, one binary (as csv and jiff do): every module below is
//! one area, and they share a build.

mod batch;
mod compare;
mod crosstab;
mod drivers;
#[path = "../common/fixtures.rs"]
mod fixtures;
mod group;
mod health;
mod large_n;
mod laws;
mod properties;
mod reference;
mod retention;
mod retention_reference;
mod sequence;
mod serde_state;
mod simd;
mod survey;
mod weighting;
mod weighting_laws;
