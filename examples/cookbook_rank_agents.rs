//! Cookbook: Rank agents fairly (lower bound) (the recipe in `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_rank_agents`

use satisfaction::summary::rank_by_lower_bound;
use satisfaction::{Aggregator, ConfidenceLevel, Csat, Grouped, ProportionMethod};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut by_agent: Grouped<&str, Csat> = Grouped::default();
    by_agent.entry("Ana").try_extend_from_slice(&[5, 5])?; // 100% of 2
    by_agent.entry("Ben").try_extend_from_slice(&[5; 90])?;
    by_agent.entry("Ben").try_extend_from_slice(&[2; 10])?; // 90% of 100
    by_agent
        .entry("Caro")
        .try_extend_from_slice(&[4, 5, 3, 2, 5, 4, 1, 4])?; // 62.5% of 8

    let ranked = rank_by_lower_bound(by_agent.iter().filter_map(|(agent, csat)| {
        let summary = csat.summary()?;
        Some((
            *agent,
            summary.share_interval(ConfidenceLevel::P95, ProportionMethod::Wilson),
        ))
    }));
    for (i, (agent, ci)) in ranked.iter().enumerate() {
        println!(
            "{}. {agent:<5} at least {:.0}% satisfied",
            i + 1,
            100.0 * ci.lower()
        );
    }
    assert_eq!(ranked[0].0, "Ben");
    Ok(())
}
