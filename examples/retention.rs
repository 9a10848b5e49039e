//! Retention of a subscription product: a Kaplan-Meier curve per plan with its median lifetime,
//! 12-month retention and 24-month lifetime value (each with its interval), the log-rank test
//! of the plans, and the monthly cohort grid.
//!
//! The data (`examples/data/subscriptions.csv`, from `make_subscriptions.py`): 2,400 customers
//! who signed up in 2024 and 2025 on three plans, as known on 2026-01-15; 1,470 are still
//! active, so their lifetimes are censored. With `--features chart` the curves and the grid
//! are also written to `target/retention-curves.svg` and `target/retention-grid.svg`.
//!
//! `cargo run --example retention`

use std::error::Error;

use satisfaction::retention::{CohortRetention, KaplanMeier, Lifetime, SurvivalInterval, log_rank};
use satisfaction::{Aggregator, ConfidenceLevel, Granularity, Grouped};

const DATA: &str = include_str!("data/subscriptions.csv");
/// 2026-01-15T00:00:00Z: what the data knows.
const AS_OF: i64 = 1_768_435_200;
/// Margin per customer per month, by plan.
const MARGINS: [(&str, f64); 3] = [("monthly", 29.0), ("annual", 24.0), ("enterprise", 190.0)];
/// Discount rate per month (about 12.7% a year).
const RATE: f64 = 0.01;

fn main() -> Result<(), Box<dyn Error>> {
    let (level, method) = (ConfidenceLevel::P95, SurvivalInterval::Log);
    let mut by_plan: Grouped<String, KaplanMeier> = Grouped::default();
    let mut cohorts = CohortRetention::new(Granularity::Month, AS_OF)?;
    for line in DATA.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let [_, plan, start, end] = fields[..] else {
            return Err(format!("not a record: {line}").into());
        };
        let start: i64 = start.parse()?;
        let end: Option<i64> = if end.is_empty() {
            None
        } else {
            Some(end.parse()?)
        };
        // Whole months from each customer's own sign-up: churned, or active and censored.
        let lifetime = Lifetime::between(start, end, AS_OF, Granularity::Month)?;
        by_plan.entry(plan.to_owned()).push(lifetime);
        cohorts.try_push(start, end)?;
    }

    println!("Retention by plan, as of 2026-01-15 ({level} intervals, {method} scale)\n");
    let mut curves = Vec::new();
    for (plan, km) in by_plan.iter() {
        let curve = km.summary().ok_or("a plan without customers")?;
        println!("{plan}: {curve}");
        println!("  months  at risk  retained  {level} interval");
        for month in (0..=24).step_by(3) {
            let ci = curve.interval_at(month, level, method);
            println!(
                "  {month:>6}  {:>7}  {:>7.1}%  {:.1}% to {:.1}%",
                curve.at_risk(month),
                100.0 * curve.survival_at(month),
                100.0 * ci.lower(),
                100.0 * ci.upper()
            );
        }
        let show =
            |x: Option<f64>| x.map_or_else(|| "not reached".to_owned(), |m| format!("{m} months"));
        let (low, high) = curve.median_interval(level, method);
        println!(
            "  median lifetime: {} ({level} CI {} to {})",
            show(curve.median()),
            show(low),
            show(high)
        );
        println!("  {}", curve.at(12));
        let margin = MARGINS
            .iter()
            .find(|(p, _)| p == plan)
            .map_or(0.0, |(_, m)| *m);
        let ltv = curve.lifetime_value(24, margin, RATE)?;
        println!("  24-month value at {margin}/month, 1%/month discount: {ltv}");
        let (mean, se) = curve.restricted_mean(24);
        println!("  months as a customer in the first 24: {mean:.1} (SE {se:.2})\n");
        curves.push((plan.clone(), curve));
    }

    let summaries: Vec<_> = curves.iter().map(|(_, c)| c.clone()).collect();
    let test = log_rank(&summaries)?;
    let names: Vec<&str> = curves.iter().map(|(p, _)| p.as_str()).collect();
    println!("Do the plans retain alike? ({})", names.join(", "));
    println!("  {test}\n");

    let grid = cohorts.grid(12, level, method);
    println!("Monthly cohorts: share retained after +k months (all plans)\n{grid}\n");
    let first = grid.rows().first().ok_or("no cohorts")?;
    if let (Some(share), Some(ci)) = (first.cells()[11].retained(), first.cells()[11].interval()) {
        println!(
            "{} cohort after 12 months: {:.1}% ({level} CI {:.1}% to {:.1}%), {} customers",
            first.cohort(),
            100.0 * share,
            100.0 * ci.lower(),
            100.0 * ci.upper(),
            first.customers()
        );
    }

    #[cfg(feature = "chart")]
    {
        use satisfaction::chart::{self, ChartOptions, SurvivalStyle};
        let options = ChartOptions::builder()
            .key_label("months")
            .title("Customers retained, by plan")
            .size(900, 520)
            .build()?;
        let style = SurvivalStyle::default().censoring_ticks(false).horizon(24);
        let svg = chart::survival_with(curves.iter().map(|(p, c)| (p, c)), &style, &options)?;
        std::fs::create_dir_all("target")?;
        svg.save("target/retention-curves.svg")?;
        let grid_options = ChartOptions::builder().size(1000, 820).build()?;
        chart::retention_grid(&grid, &grid_options)?.save("target/retention-grid.svg")?;
        println!("\nwrote target/retention-curves.svg and target/retention-grid.svg");
    }
    Ok(())
}
