//! Scores a small embedded survey sample: NPS, CSAT and CES, each with its interval.
//!
//! Run with `cargo run --example quickstart`.

use satisfaction::{
    Aggregator, Ces, CesScale, ConfidenceLevel, Csat, Nps, NpsMethod, ProportionMethod,
};

/// One row per respondent: NPS (0-10), CSAT (1-5), CES 2.0 (1-7).
const RESPONSES: &[(u8, u8, u8)] = &[
    (10, 5, 7),
    (9, 5, 6),
    (8, 4, 6),
    (10, 5, 7),
    (6, 3, 4),
    (9, 4, 6),
    (7, 4, 5),
    (3, 1, 2),
    (10, 5, 7),
    (9, 5, 6),
    (8, 4, 5),
    (5, 2, 3),
    (9, 5, 7),
    (10, 4, 6),
    (7, 3, 5),
    (9, 5, 6),
    (2, 1, 1),
    (10, 5, 7),
    (8, 4, 6),
    (9, 4, 6),
    (6, 3, 4),
    (10, 5, 7),
    (9, 5, 7),
    (8, 3, 5),
    (10, 5, 6),
    (4, 2, 3),
    (9, 4, 6),
    (7, 4, 5),
    (10, 5, 7),
    (9, 5, 6),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut nps = Nps::default();
    let mut csat = Csat::default();
    let mut ces = Ces::new(CesScale::AGREEMENT_7);
    for &(recommend, satisfied, effort) in RESPONSES {
        nps.try_push(recommend)?;
        csat.try_push(satisfied)?;
        ces.try_push(effort)?;
    }

    let level = ConfidenceLevel::P95;
    let nps = nps.summary().ok_or("no NPS answers")?;
    println!("{nps}");
    println!("  band: {}", nps.band());
    for method in NpsMethod::ALL {
        println!("  {level} {method:>13}: {:.1}", nps.interval(level, method));
    }

    let csat = csat.summary().ok_or("no CSAT answers")?;
    println!("{csat}");
    for method in ProportionMethod::ALL {
        let ci = csat.share_interval(level, method).scaled(100.0);
        println!("  satisfied share, {method:>33}: {ci:.1} %");
    }

    let ces = ces.summary().ok_or("no CES answers")?;
    println!("{ces}");
    Ok(())
}
