//! A year of NPS answers: per month and per channel, month-over-month changes with p-values,
//! small segments flagged, and how many answers a tighter margin would need.
//!
//! `cargo run --example trends`
//!
//! The data (`examples/data/responses_2026.csv`, built by `examples/data/make_data.py`) is one
//! row per answer: date, channel, NPS score, read with the `csv` crate.

use satisfaction::interval::{is_small_sample, nps_sample_size};
use satisfaction::{
    Aggregator, ConfidenceLevel, Granularity, Grouped, Nps, NpsCategory, NpsMethod, NpsScore,
    Period,
};

const DATA: &str = include_str!("data/responses_2026.csv");

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let level = ConfidenceLevel::P95;
    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    let mut by_channel: Grouped<String, Nps> = Grouped::default();
    let mut channel_month: Grouped<(String, Period), Nps> = Grouped::default();

    let mut reader = csv::Reader::from_reader(DATA.as_bytes());
    if reader.headers()? != vec!["date", "channel", "nps"] {
        return Err("unexpected header in responses_2026.csv".into());
    }
    // The reader refuses a row with another number of fields than the header, naming its line.
    for record in reader.records() {
        let record = record?;
        let [date, channel, score] = [0, 1, 2].map(|i| record.get(i).unwrap_or_default());
        // A day period parses the date; its month is the bucket.
        let day: Period = date.parse()?;
        let month = Period::containing(day.start(), Granularity::Month)?;
        let score = NpsScore::new(score.parse()?)?;
        monthly.push((month, score));
        by_channel.push((channel.to_owned(), score));
        channel_month.push(((channel.to_owned(), month), score));
    }

    println!("NPS by month (Tango score interval, 95%):");
    let months = monthly.summary().ok_or("no answers")?;
    for (month, s) in months.iter() {
        let ci = s.interval(level, NpsMethod::default());
        println!(
            "  {month}  {:+6.1}  [{:+6.1}, {:+6.1}]  n = {}",
            s.score(),
            ci.lower(),
            ci.upper(),
            s.count()
        );
    }

    println!("\nMonth over month:");
    for (from, to, change) in months
        .changes(|later, earlier| Some(later.difference(earlier, level, NpsMethod::default())))
    {
        let flag = if change.is_significant(level) {
            "  <- significant"
        } else {
            ""
        };
        println!("  {from} -> {to}: {change:.1}{flag}");
    }

    println!("\nNPS by channel:");
    for (channel, s) in by_channel.summary().ok_or("no answers")?.iter() {
        let note = if is_small_sample(s.count()) {
            "  (small sample: interval too wide to act on)"
        } else {
            ""
        };
        println!("  {channel:<6} {s}{note}");
    }

    let small: Vec<String> = channel_month
        .iter()
        .filter(|(_, nps)| is_small_sample(nps.count()))
        .map(|((channel, month), nps)| format!("{channel} {month} (n = {})", nps.count()))
        .collect();
    println!(
        "\n{} of {} channel-months have fewer than 30 answers, e.g. {}",
        small.len(),
        channel_month.len(),
        small.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
    );

    let year = monthly
        .iter()
        .try_fold(Nps::default(), |mut all, (_, m)| all.merge(m).map(|()| all))?;
    let s = year.summary().ok_or("no answers")?;
    let (p, d) = (
        s.share_of(NpsCategory::Promoter),
        s.share_of(NpsCategory::Detractor),
    );
    println!(
        "\nPlanning: a month of answers gives about ±{:.0} points; ±5 points needs {} answers \
         a month at this year's shares",
        months
            .iter()
            .map(|(_, m)| m.interval(level, NpsMethod::Wald).half_width())
            .sum::<f64>()
            / months.len() as f64,
        nps_sample_size(5.0, level, p, d)?
    );
    Ok(())
}
