//! Cookbook: CSAT top-2-box from a 1-7 scale (the recipe in `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_top2box`

use satisfaction::{Aggregator, ConfidenceLevel, Csat, ProportionMethod, RatingScale};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut csat = Csat::new(RatingScale::SEVEN_POINT, 6)?; // satisfied from 6: top two boxes
    csat.try_extend_from_slice(&[7, 6, 5, 7, 4, 6, 7, 2, 6, 7])?;
    assert!(csat.try_push(8).is_err()); // off the scale: refused, nothing recorded
    let summary = csat.summary().expect("ten answers");
    assert_eq!(summary.satisfied_share(), 0.7);
    let ci = summary.share_interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
    let share = 100.0 * summary.satisfied_share();
    println!(
        "top-2-box {share:.0}%, 95% CI {ci:.3}; mean {:.2}",
        summary.mean()
    );
    Ok(())
}
