//! A CX team's monthly deliverable in a few calls: one self-contained HTML page with the
//! year's NPS, the monthly trend with its significant changes marked, the channels against
//! each other, the NPS mix, a crosstab with significance letters, the drivers of satisfaction,
//! retention by plan and the comment themes.
//!
//! `cargo run --features report,text --example report [-- path/to/report.html]`
//!
//! The page goes to the path given, or `report.html` in the current directory. The data are
//! the examples' own: `responses_2026.csv` (date, channel, NPS score), `airline_survey.csv`
//! (items rated 1-5 and overall satisfaction), `subscriptions.csv` (sign-up and churn
//! instants by plan) and `comments.csv` (NPS with a comment).

use satisfaction::crosstab::Crosstab;
use satisfaction::drivers::KeyDrivers;
use satisfaction::report::Report;
use satisfaction::retention::{CohortRetention, KaplanMeier, Lifetime, SurvivalInterval};
use satisfaction::text::{ThemeSet, ThemeTable};
use satisfaction::{
    Aggregator, ConfidenceLevel, Granularity, Grouped, Nps, NpsCategory, NpsScore, Period,
};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "report.html".to_owned());
    let report = report()?;
    report.save(&path)?;
    println!("wrote {path}: {} sections", report.len());
    Ok(())
}

/// The report, section by section. (`tests/features/report.rs` builds it too and checks the
/// page.)
pub fn report() -> Result<Report, Error> {
    // The answers, tallied three ways in one pass.
    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    let mut by_channel: Grouped<String, Nps> = Grouped::default();
    let mut groups: Crosstab<NpsCategory, String> = Crosstab::new();
    for row in rows(include_str!("data/responses_2026.csv")) {
        let [date, channel, score] = row[..] else {
            continue;
        };
        let score = NpsScore::new(score.parse()?)?;
        let day: Period = date.parse()?;
        monthly.push((Period::containing(day.start(), Granularity::Month)?, score));
        by_channel.push((channel.to_owned(), score));
        groups.push((score.category(), channel.to_owned()));
    }
    let none = "no answers";
    let year = by_channel
        .iter()
        .try_fold(Nps::default(), |mut all, (_, c)| all.merge(c).map(|()| all))?;
    let (year, months) = (year.summary().ok_or(none)?, monthly.summary().ok_or(none)?);
    let (channels, groups) = (
        by_channel.summary().ok_or(none)?,
        groups.summary().ok_or(none)?,
    );
    let (plans, cohorts) = retention()?;
    let grid = cohorts.grid(12, ConfidenceLevel::P95, SurvivalInterval::Log);
    let curves: Vec<_> = plans
        .iter()
        .filter_map(|(plan, km)| Some((plan, km.summary()?)))
        .collect();

    let mut report = Report::new("Customer feedback, 2026");
    report
        .paragraph("Every answer to “How likely are you to recommend us?” in 2026.")
        .headline("NPS, all of 2026", &year)?
        .trend("NPS by month", "month", &months)?
        .segments("NPS by channel", "channel", &by_channel)?
        .nps_mix("Detractors, passives and promoters", "channel", &channels)?
        .crosstab("NPS groups by channel", &groups)?
        .drivers("What drives satisfaction (airline survey)", &drivers()?)?
        .retention(
            "Retention by plan",
            "month",
            curves.iter().map(|(p, s)| (p, s)),
            Some(&grid),
        )?
        .themes("What the comments are about", &themes()?)?;
    Ok(report)
}

/// The rows of a CSV export after its header, as fields.
fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines().skip(1).map(|line| line.split(',').collect())
}

/// Key drivers of overall satisfaction: 14 items rated 1-5, 4,000 passengers.
fn drivers() -> Result<satisfaction::drivers::KeyDriversSummary, Error> {
    let data = include_str!("data/airline_survey.csv");
    let header: Vec<&str> = data.lines().next().ok_or("no header")?.split(',').collect();
    let items = &header[2..16];
    let mut drivers = KeyDrivers::builder(items).build()?;
    for row in rows(data) {
        let values: Vec<Option<f64>> = row[2..16].iter().map(|v| v.parse().ok()).collect();
        drivers.try_push_weighted(row[16].parse()?, &values, row[17].parse()?)?;
    }
    Ok(drivers.analyse()?)
}

/// Whole months as a customer, by plan, as known on 2026-01-15.
fn retention() -> Result<(Grouped<String, KaplanMeier>, CohortRetention), Error> {
    const AS_OF: i64 = 1_768_435_200;
    let mut by_plan: Grouped<String, KaplanMeier> = Grouped::default();
    let mut cohorts = CohortRetention::new(Granularity::Month, AS_OF)?;
    for row in rows(include_str!("data/subscriptions.csv")) {
        let end = row[3].parse().ok();
        let lifetime = Lifetime::between(row[2].parse()?, end, AS_OF, Granularity::Month)?;
        by_plan.entry(row[1].to_owned()).push(lifetime);
        cohorts.try_push(row[2].parse()?, end)?;
    }
    Ok((by_plan, cohorts))
}

/// Themes of 3,000 comments against their NPS answers.
fn themes() -> Result<satisfaction::text::ThemeTableSummary, Error> {
    let themes = ThemeSet::parse([
        (
            "waiting",
            "wait* OR \"on hold\" OR queue OR \"call me back\"",
        ),
        ("refund", "refund* OR \"money back\""),
        (
            "app problems",
            "app AND (crash* OR froze OR freez* OR bug* OR \"log in\")",
        ),
        (
            "price",
            "price* OR pricey OR expensive OR fee OR \"rip off\"",
        ),
        (
            "delivery",
            "deliver* OR parcel OR package OR courier OR tracking",
        ),
        (
            "friendly staff",
            "friendly OR kind OR polite OR lovely OR patient",
        ),
    ])?;
    let mut table = ThemeTable::new(themes);
    let mut reader = csv::Reader::from_reader(include_str!("data/comments.csv").as_bytes());
    for record in reader.records() {
        let record = record?;
        let (Some(score), Some(comment)) = (record.get(3), record.get(4)) else {
            continue;
        };
        table.try_push(NpsScore::new(score.parse()?)?, comment)?;
    }
    Ok(table.summary().ok_or("no comments")?)
}
