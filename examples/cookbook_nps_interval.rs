//! Cookbook: NPS with a 90% interval (the recipe in `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_nps_interval`

use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsMethod};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut nps = Nps::default();
    nps.try_extend_from_slice(&[10, 9, 9, 8, 7, 10, 6, 3, 9, 10, 8, 9])?;
    let summary = nps.summary().expect("twelve answers");
    let level = ConfidenceLevel::new(0.9)?;
    let ci = summary.interval(level, NpsMethod::default());
    println!(
        "NPS {:+.1}, 90% CI {:.1} ({})",
        summary.score(),
        ci,
        NpsMethod::default().name()
    );
    assert!(ci.contains(summary.score()));
    let wald = summary.interval(level, NpsMethod::Wald);
    println!("Wald for comparison: {wald:.1}");
    Ok(())
}
