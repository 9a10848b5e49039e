//! Cookbook: Revenue-weighted NPS (the recipe in `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_revenue_weighted`

use satisfaction::Aggregator;
use satisfaction::weighting::WeightedNps;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // (NPS answer, annual revenue of the account)
    let answers = [
        (10, 12_000.0),
        (9, 8_000.0),
        (3, 250_000.0),
        (8, 40_000.0),
        (10, 5_000.0),
        (6, 90_000.0),
    ];
    let mut nps = WeightedNps::default();
    for (score, revenue) in answers {
        nps.try_push(score, revenue)?;
    }
    let summary = nps.summary().expect("six answers");
    println!("{summary}"); // weighted NPS, 95% CI, SE, n, Kish n, design effect
    assert!(summary.score() < 0.0); // the unweighted NPS is +16.7; the big accounts are unhappy
    Ok(())
}
