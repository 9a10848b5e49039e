//! Key drivers of overall satisfaction in a (generated) airline survey: which of 14 items move
//! the score, with bootstrap intervals, and where to act (importance-performance quadrants).
//!
//! `cargo run --example drivers` (add `--features chart` to also write
//! `importance-performance.svg`, or the path given as the first argument). The data is
//! `examples/data/airline_survey.csv`, made by `examples/data/make_drivers.py`: 4,000
//! passengers, 14 items rated 1-5, overall satisfaction 1-10, a weight, about 3% of items not
//! rated.

use satisfaction::ConfidenceLevel;
use satisfaction::drivers::{Bootstrap, KeyDrivers, Measure, Quadrant};

const DATA: &str = include_str!("data/airline_survey.csv");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut reader = csv::Reader::from_reader(DATA.as_bytes());
    let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no column {name}"))
    };
    let items: Vec<&str> = header
        .iter()
        .map(String::as_str)
        .filter(|h| !["respondent_id", "cabin", "overall", "weight"].contains(h))
        .collect();
    let (id, overall, weight) = (
        column("respondent_id")?,
        column("overall")?,
        column("weight")?,
    );
    let item_columns: Vec<usize> = items.iter().map(|i| column(i)).collect::<Result<_, _>>()?;

    let mut drivers = KeyDrivers::builder(&items)
        .bootstrap(Bootstrap::new(200, 2026)?)
        .build()?;
    for record in reader.records() {
        let record = record?;
        let cell = |i: usize| record.get(i).filter(|c| !c.is_empty());
        let values: Vec<Option<f64>> = item_columns
            .iter()
            .map(|&i| cell(i).map(str::parse).transpose())
            .collect::<Result<_, _>>()?;
        let (Some(outcome), Some(w), Some(key)) = (cell(overall), cell(weight), cell(id)) else {
            continue;
        };
        drivers.try_push_keyed(key, outcome.parse()?, &values, w.parse()?)?;
    }

    let summary = drivers.analyse()?;
    println!("{summary}\n");

    let level = ConfidenceLevel::P95;
    let intervals = summary.intervals(level)?;
    println!(
        "LMG with {level} percentile bootstrap intervals ({} replicates):",
        intervals.replicates()
    );
    for d in summary.ranked() {
        let ci = intervals
            .interval(d.name(), Measure::Lmg)
            .ok_or("no interval")?;
        println!(
            "  {:>2}. {:<24} {:.4}  [{:.4}, {:.4}]  {:>5.1}% of R²",
            d.rank(),
            d.name(),
            d.lmg(),
            ci.lower(),
            ci.upper(),
            100.0 * d.share(Measure::Lmg)
        );
    }
    let ranked = summary.ranked();
    if let [first, second, ..] = ranked[..] {
        let gap = intervals
            .difference(first.name(), second.name(), Measure::Lmg)
            .ok_or("no interval")?;
        println!(
            "\nIs {} more important than {}? LMG difference {:+.4}, {level} CI [{:+.4}, {:+.4}]: {}.",
            first.name(),
            second.name(),
            first.lmg() - second.lmg(),
            gap.lower(),
            gap.upper(),
            if gap.lower() > 0.0 {
                "yes"
            } else {
                "not clearly"
            }
        );
    }

    println!("\nWhere to act (importance-performance, Martilla & James 1977):");
    for quadrant in [
        Quadrant::ConcentrateHere,
        Quadrant::KeepUpTheGoodWork,
        Quadrant::LowPriority,
        Quadrant::PossibleOverkill,
    ] {
        let names: Vec<&str> = ranked
            .iter()
            .filter(|d| d.quadrant() == quadrant)
            .map(|d| d.name())
            .collect();
        println!("  {quadrant:<22} {}", names.join(", "));
    }

    #[cfg(feature = "chart")]
    {
        use satisfaction::chart::{self, ChartOptions};
        let path = std::env::args()
            .nth(1)
            .unwrap_or_else(|| "importance-performance.svg".into());
        let options = ChartOptions::builder()
            .title("What drives overall satisfaction (airline survey)")
            .size(1000, 640)
            .build()?;
        chart::importance_performance(&summary, Some(&intervals), &options)?.save(&path)?;
        println!("\nwrote {path}");
    }
    Ok(())
}
