//! Cookbook: Ship state as JSON (the recipe in `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_state_json --features serde`

use satisfaction::{Aggregator, Csat};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut worker = Csat::default();
    worker.try_extend_from_slice(&[5, 4, 4, 2, 5])?;
    let json = serde_json::to_string(&worker)?;
    println!("{json}");

    let mut reducer = Csat::default();
    reducer.merge(&serde_json::from_str(&json)?)?;
    assert_eq!(reducer, worker);
    assert!(serde_json::from_str::<Csat>("{\"version\":2}").is_err());
    Ok(())
}
