//! Cookbook: Post-stratify to known cell shares (the recipe in `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_poststratify`

use satisfaction::weighting::{PostStratification, WeightedMethod};
use satisfaction::{Aggregator, ConfidenceLevel, Csat, Nps, NpsMethod, ProportionMethod};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The customer base by plan × region, from the CRM.
    let cells = PostStratification::builder()
        .cell(&["self-serve", "Americas"], 0.45)
        .cell(&["self-serve", "EMEA"], 0.35)
        .cell(&["enterprise", "Americas"], 0.12)
        .cell(&["enterprise", "EMEA"], 0.08)
        .build()?;
    // The answers per cell, respondent by respondent (NPS 0-10, CSAT 1-5): account managers
    // chased their enterprise customers, 20% of the base but more than half of the sample.
    let sample: [([&str; 2], &[u8], &[u8]); 4] = [
        (
            ["self-serve", "Americas"],
            &[9, 6, 3, 10, 7, 5, 8, 6],
            &[4, 3, 2, 5, 4, 3, 4, 2],
        ),
        (
            ["self-serve", "EMEA"],
            &[8, 4, 6, 9, 2, 7],
            &[4, 2, 3, 5, 1, 3],
        ),
        (
            ["enterprise", "Americas"],
            &[10, 9, 9, 10, 8, 9, 6, 10, 9, 7],
            &[5, 5, 4, 5, 4, 5, 3, 5, 4, 4],
        ),
        (
            ["enterprise", "EMEA"],
            &[9, 10, 8, 9, 5, 10, 9, 8],
            &[5, 5, 4, 4, 2, 5, 5, 4],
        ),
    ];
    let mut rows = Vec::new();
    let (mut scores, mut satisfied) = (Vec::new(), Vec::new());
    let (mut nps, mut csat) = (Nps::default(), Csat::default());
    for (cell, nps_answers, csat_answers) in sample {
        for (&score, &rating) in nps_answers.iter().zip(csat_answers) {
            rows.push(cell);
            scores.push(score);
            satisfied.push(rating >= 4); // CSAT's default: satisfied from 4 of 5
            nps.try_push(score)?;
            csat.try_push(rating)?;
        }
    }

    // Fit once, estimate both questions on the same weights.
    let calibration = cells.calibrate(&rows)?;
    let weighted_nps = calibration.nps(&scores)?;
    let weighted_csat = calibration.proportion(&satisfied)?;

    let level = ConfidenceLevel::P95;
    let (nps, csat) = (nps.summary().unwrap(), csat.summary().unwrap());
    println!(
        "unweighted:      NPS {:+.1}, 95% CI {:.1}; satisfied {:.2}, 95% CI {:.2} (n = {})",
        nps.score(),
        nps.interval(level, NpsMethod::default()),
        csat.satisfied_share(),
        csat.share_interval(level, ProportionMethod::Wilson),
        nps.count()
    );
    println!(
        "post-stratified: NPS {:+.1}, 95% CI {:.1}; satisfied {:.2}, 95% CI {:.2} (Kish n = {:.1})",
        weighted_nps.mean(),
        weighted_nps.interval(level),
        weighted_csat.share(),
        weighted_csat.interval(level, WeightedMethod::Logit),
        weighted_nps.effective_n()
    );
    println!("{weighted_nps}"); // both standard errors and the design effect
    assert!(weighted_nps.mean() < nps.score()); // the self-serve majority is less happy
    assert!(weighted_nps.standard_error() < weighted_nps.fixed_weight_standard_error());
    Ok(())
}
