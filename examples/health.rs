//! Score a small book of accounts, worst first, with what drags each one down, and summarise
//! the portfolio.
//!
//! `cargo run --example health`

use satisfaction::health::MissingPolicy;
use satisfaction::{
    Aggregator, ConfidenceLevel, HealthAggregate, HealthBand, HealthModel, Nps, Polarity,
    ProportionMethod,
};

/// (account, weekly active seats %, features used of 12, seat growth % over the quarter,
///  support tickets last month, NPS answers from the account)
type Account = (
    &'static str,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    &'static [u8],
);

const BOOK: &[Account] = &[
    (
        "Acme",
        Some(82.0),
        Some(9.0),
        Some(12.0),
        Some(2.0),
        &[10, 9, 9, 8],
    ),
    (
        "Globex",
        Some(35.0),
        Some(3.0),
        Some(-20.0),
        Some(14.0),
        &[3, 6, 7],
    ),
    (
        "Initech",
        Some(61.0),
        Some(6.0),
        Some(0.0),
        Some(5.0),
        &[8, 7, 9, 6, 10],
    ),
    (
        "Umbrella",
        Some(90.0),
        Some(11.0),
        Some(35.0),
        Some(1.0),
        &[],
    ),
    ("Hooli", None, Some(4.0), Some(-5.0), Some(9.0), &[6, 5]),
    (
        "Stark",
        Some(74.0),
        Some(8.0),
        Some(8.0),
        Some(3.0),
        &[9, 10],
    ),
    ("Wayne", Some(48.0), None, None, Some(6.0), &[7]),
    (
        "Tyrell",
        Some(22.0),
        Some(2.0),
        Some(-40.0),
        Some(20.0),
        &[0, 2, 4],
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = HealthModel::builder()
        .linear("usage", 3.0, 20.0, 90.0, Polarity::HigherIsBetter) // weekly active seats %
        .linear("breadth", 2.0, 1.0, 10.0, Polarity::HigherIsBetter) // features used
        .linear("growth", 1.0, -25.0, 25.0, Polarity::HigherIsBetter) // seat growth %
        .tiers("tickets", 1.0, 3.0, 10.0, Polarity::LowerIsBetter) // good ≤ 3, poor > 10
        .linear("nps", 2.0, -100.0, 100.0, Polarity::HigherIsBetter)
        .missing(MissingPolicy::Renormalise)
        .build()?;

    let mut scored = Vec::new();
    for &(name, usage, breadth, growth, tickets, answers) in BOOK {
        let mut nps = Nps::default();
        nps.try_extend_from_slice(answers)?;
        let values = [
            ("usage", usage),
            ("breadth", breadth),
            ("growth", growth),
            ("tickets", tickets),
            ("nps", nps.summary().map(|s| s.score())),
        ];
        let present = values.iter().filter_map(|&(k, v)| v.map(|v| (k, v)));
        scored.push((name, model.score(present)?));
    }
    scored.sort_by(|a, b| a.1.value().total_cmp(&b.1.value()));

    println!("Accounts, worst first:");
    for (name, score) in &scored {
        println!("{name:<9} {score}");
        if score.band() == HealthBand::AtRisk {
            let mut shortfalls: Vec<_> = score.contributions().iter().collect();
            shortfalls.sort_by(|a, b| b.shortfall().total_cmp(&a.shortfall()));
            let top: Vec<String> = shortfalls
                .iter()
                .take(2)
                .filter(|c| c.shortfall() > 0.0)
                .map(|c| format!("{} (-{:.1} pts)", c.name(), c.shortfall()))
                .collect();
            println!("          look at: {}", top.join(", "));
        }
    }

    let mut book = HealthAggregate::new(&model);
    for (_, score) in &scored {
        book.record(score.clone())?;
    }
    let summary = book.summary().ok_or("no accounts")?;
    println!("\nPortfolio: {summary}");
    let risk = summary.at_risk_interval(ConfidenceLevel::P90, ProportionMethod::Jeffreys);
    println!(
        "At risk at 90% (Jeffreys): {:.0}% to {:.0}% of accounts like these",
        100.0 * risk.lower(),
        100.0 * risk.upper()
    );
    Ok(())
}
