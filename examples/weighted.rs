//! Weighted survey analysis: a sample that over-represents business class, raked to known
//! passenger margins, with honest intervals.
//!
//! `cargo run --example weighted`
//!
//! Prints the unweighted and the weighted NPS and CSAT with their intervals, Kish's effective
//! sample size and the design effect, and the calibrated against the fixed-weight standard
//! error of the raked estimates.

use satisfaction::weighting::{Raking, WeightedCsat, WeightedMethod, WeightedNps};
use satisfaction::{Aggregator, ConfidenceLevel, Csat, Nps, NpsMethod, ProportionMethod};

/// A small deterministic generator (xorshift64*), so the example prints the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, options: &[(&'a str, f64)]) -> &'a str {
        let mut u = self.next();
        for &(label, p) in options {
            if u < p {
                return label;
            }
            u -= p;
        }
        options[options.len() - 1].0
    }
}

struct Respondent {
    labels: [&'static str; 3],
    nps: u8,
    csat: u8,
}

/// 1,200 respondents: business class answers far more often than it flies.
fn survey() -> Vec<Respondent> {
    let mut rng = Rng(0x5eed_2026);
    (0..1200)
        .map(|_| {
            let class = rng.pick(&[("business", 0.40), ("premium", 0.15), ("economy", 0.45)]);
            let business = class != "economy";
            let female = if business { 0.35 } else { 0.55 };
            let gender = rng.pick(&[("female", female), ("male", 1.0 - female)]);
            let age = rng.pick(&[("18-34", 0.2), ("35-54", 0.45), ("55+", 0.35)]);
            // Business travellers are happier: the raw sample flatters the airline.
            let mood = 0.75 * rng.next() + if business { 0.4 } else { 0.0 };
            let nps = (mood * 11.0).floor().clamp(0.0, 10.0) as u8;
            let csat = (1.0 + mood * 5.0).floor().clamp(1.0, 5.0) as u8;
            Respondent {
                labels: [class, gender, age],
                nps,
                csat,
            }
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let level = ConfidenceLevel::P95;
    let respondents = survey();

    // Known passenger mix (from bookings), as shares.
    let raking = Raking::builder()
        .margin(
            "class",
            &[("business", 0.12), ("premium", 0.13), ("economy", 0.75)],
        )
        .margin("gender", &[("female", 0.52), ("male", 0.48)])
        .margin("age", &[("18-34", 0.30), ("35-54", 0.40), ("55+", 0.30)])
        .trim(0.2, 5.0)
        .build()?;
    let rows: Vec<[&str; 3]> = respondents.iter().map(|r| r.labels).collect();
    let weights = raking.weights(&rows)?;

    let mut nps = Nps::default();
    let mut csat = Csat::default();
    let mut weighted_nps = WeightedNps::default();
    let mut weighted_csat = WeightedCsat::default();
    for (r, &w) in respondents.iter().zip(&weights) {
        nps.try_push(r.nps)?;
        csat.try_push(r.csat)?;
        weighted_nps.try_push(r.nps, w)?;
        weighted_csat.try_push(r.csat, w)?;
    }
    let (nps, csat) = (nps.summary().unwrap(), csat.summary().unwrap());
    let (wnps, wcsat) = (
        weighted_nps.summary().unwrap(),
        weighted_csat.summary().unwrap(),
    );

    println!(
        "{} respondents; business class is 40% of them but 12% of passengers\n",
        rows.len()
    );
    println!("Unweighted (the sample as it came in):");
    println!("  {nps}");
    let share = csat.share_interval(level, ProportionMethod::Wilson);
    println!(
        "  CSAT {:.1}% satisfied (95% CI {:.1}% to {:.1}%, Wilson)",
        100.0 * csat.satisfied_share(),
        100.0 * share.lower(),
        100.0 * share.upper()
    );
    println!("\nRaked to class, gender and age (weights trimmed to [0.2, 5]):");
    println!("  {wnps}");
    println!("  {wcsat}");
    println!(
        "  Kish effective n = {:.0} of {} (design effect {:.2}): the weights cost {:.0}% of the sample",
        wnps.effective_n(),
        wnps.count(),
        wnps.design_effect(),
        100.0 * (1.0 - 1.0 / wnps.design_effect())
    );

    let unweighted_ci = nps.interval(level, NpsMethod::AdjustedWald);
    let weighted_ci = wnps.interval(level);
    println!(
        "\nNPS {:+.1} unweighted [{:+.1}, {:+.1}] vs {:+.1} weighted [{:+.1}, {:+.1}]",
        nps.score(),
        unweighted_ci.lower(),
        unweighted_ci.upper(),
        wnps.score(),
        weighted_ci.lower(),
        weighted_ci.upper()
    );

    // The raking fixed the class, gender and age mix, and satisfaction depends on class: the
    // standard error that knows this (R's svymean on the raked design) is smaller.
    let scores: Vec<u8> = respondents.iter().map(|r| r.nps).collect();
    let satisfied: Vec<bool> = respondents.iter().map(|r| r.csat >= 4).collect();
    let calibrated_nps = raking.calibrated_nps(&rows, &scores)?;
    let calibrated_csat = raking.calibrated_proportion(&rows, &satisfied)?;
    println!("\nStandard errors of the raked estimates:");
    println!(
        "  NPS:  {:.2} points calibrated vs {:.2} with the weights taken as fixed",
        calibrated_nps.standard_error(),
        calibrated_nps.fixed_weight_standard_error()
    );
    println!(
        "  CSAT: {:.4} calibrated vs {:.4} with the weights taken as fixed",
        calibrated_csat.standard_error(),
        calibrated_csat.fixed_weight_standard_error()
    );
    println!("  {calibrated_nps}");
    println!("  {calibrated_csat}");
    let kg = calibrated_csat.interval(level, WeightedMethod::KornGraubard);
    println!(
        "  CSAT Korn-Graubard 95% CI on the calibrated SE: {:.1}% to {:.1}%",
        100.0 * kg.lower(),
        100.0 * kg.upper()
    );
    Ok(())
}
