//! Monthly cohort churn, annualised, the same churn as events over exposure, and revenue churn.
//!
//! `cargo run --example churn`

use satisfaction::churn::{MrrMovements, RevenueChurn, compound_churn, per_period_churn};
use satisfaction::interval::poisson_rate;
use satisfaction::{Aggregator, Churn, ConfidenceLevel, CustomerPeriod, ProportionMethod};

/// One customer-month: (customer, active at the start, churned, start MRR, end MRR), MRR in
/// cents. Expansion and contraction come from comparing start and end MRR; a customer that was
/// not active at the start and pays at the end is a new customer (not churn's business) unless
/// it paid before: then it is a reactivation.
const NOVEMBER: &[(&str, bool, bool, i64, i64)] = &[
    ("acme", true, false, 49_900, 49_900),
    ("globex", true, false, 19_900, 29_900),
    ("initech", true, true, 9_900, 0),
    ("umbrella", true, false, 99_900, 79_900),
    ("hooli", true, false, 29_900, 29_900),
    ("stark", true, false, 149_900, 199_900),
    ("wayne", true, true, 49_900, 0),
    ("tyrell", true, false, 19_900, 19_900),
    ("cyberdyne", true, false, 9_900, 9_900),
    ("soylent", true, false, 29_900, 19_900),
    ("wonka", false, false, 0, 19_900),
    ("gringotts", false, false, 0, 9_900),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let level = ConfidenceLevel::P95;

    // Logo churn over November from per-customer records.
    let mut churn = Churn::default();
    let mut revenue = RevenueChurn::default();
    for &(_, active, churned, start, end) in NOVEMBER {
        churn.push(CustomerPeriod::new(active, churned)?);
        if active {
            let (lost, contraction, expansion) = if churned {
                (start, 0, 0)
            } else {
                (0, (start - end).max(0), (end - start).max(0))
            };
            revenue.push(MrrMovements::new(start, lost, contraction, expansion, 0)?);
        }
    }
    let month = churn.summary().ok_or("no customers at the start")?;
    println!("November: {month}");

    // A small cohort: compare the interval methods.
    for method in [
        ProportionMethod::Wilson,
        ProportionMethod::Jeffreys,
        ProportionMethod::ClopperPearson,
    ] {
        println!("  {method:<16} {:.3}", month.interval(level, method));
    }

    // The same rate over a year, if November were typical.
    let (annual, ci) = month.over_periods(12.0, level, ProportionMethod::Wilson)?;
    println!(
        "Annualised: {:.1}% of a cohort lost in 12 months (95% CI {:.1}% to {:.1}%)",
        100.0 * annual,
        100.0 * ci.lower(),
        100.0 * ci.upper()
    );
    println!(
        "A 25% annual churn is {:.2}% a month; 2% a month is {:.1}% a year, not 24%",
        100.0 * per_period_churn(0.25, 12.0)?,
        100.0 * compound_churn(0.02, 12.0)?
    );

    // A growing base over a year: churn events over customer-months (Poisson, Garwood).
    let (events, customer_months) = (37, 1_480.0);
    let rate = poisson_rate(events, customer_months, level)?;
    println!(
        "2026 so far: {events} churns over {customer_months} customer-months = {:.2}% a month \
         (95% CI {:.2}% to {:.2}%, Garwood exact)",
        100.0 * events as f64 / customer_months,
        100.0 * rate.lower(),
        100.0 * rate.upper()
    );

    // Pre-counted cohorts merge exactly, e.g. per region from a warehouse query.
    let mut company = Churn::from_counts(1_200, 31, 140)?;
    company.merge(&Churn::from_counts(800, 12, 95)?)?;
    println!("All regions: {}", company.summary().ok_or("empty")?);

    println!(
        "Revenue: {}",
        revenue.summary().ok_or("no MRR at the start")?
    );
    Ok(())
}
