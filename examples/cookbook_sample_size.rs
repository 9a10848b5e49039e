//! Cookbook: How many responses for ±5 points (the recipe in `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_sample_size`

use satisfaction::ConfidenceLevel;
use satisfaction::interval::nps_sample_size;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Expected: 50% promoters, 20% detractors (NPS +30).
    let n = nps_sample_size(5.0, ConfidenceLevel::P95, 0.5, 0.2)?;
    println!("{n} responses for ±5 points at 95%");
    let wider = nps_sample_size(10.0, ConfidenceLevel::P95, 0.5, 0.2)?;
    assert!(wider * 3 < n); // half the margin costs about four times the answers
    Ok(())
}
