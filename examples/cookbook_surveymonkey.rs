//! Cookbook: A SurveyMonkey export into monthly NPS in a named time zone (the recipe in
//! `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_surveymonkey --features csv`
//!
//! The export (`examples/data/surveymonkey_export.csv`, built by
//! `examples/data/make_surveymonkey.py`) is an "All responses, expanded" CSV: two header rows,
//! SurveyMonkey's metadata columns, a multi-select question spread over one column per option,
//! and 60 responses from September to November 2026 with times written as New York wall-clock
//! times, two of them late on the last evening of a month.

use satisfaction::calendar::{Zone, ZonedPeriod};
use satisfaction::import::{Preset, SurveyImport, TimeFormat};
use satisfaction::period::PeriodError;
use satisfaction::{
    Aggregator, ConfidenceLevel, Granularity, Grouped, NpsMethod, Period, Question, RatingScale,
    Scorecard, Survey,
};

const EXPORT: &str = include_str!("data/surveymonkey_export.csv");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let survey = Survey::builder("support-2026")
        .question(Question::nps("nps").required())
        .question(Question::multi_select(
            "contact",
            ["chat", "email", "phone"],
        ))
        .question(
            Question::rating("csat", RatingScale::FIVE_POINT, 4).labels([
                (1, "Very dissatisfied"),
                (2, "Dissatisfied"),
                (3, "Neither satisfied nor dissatisfied"),
                (4, "Satisfied"),
                (5, "Very satisfied"),
            ]),
        )
        .question(Question::text("comment"))
        .build()?;

    // SurveyMonkey writes times on the account's clock, without an offset.
    let new_york = Zone::named("America/New_York")?;
    let import = SurveyImport::builder(&survey)
        .preset(Preset::SurveyMonkey) // two header rows, Respondent ID
        .submitted("End Date", TimeFormat::UsLocal(new_york.clone()))
        .attribute("Custom Data 1", "plan")
        .column(
            "How likely is it that you would recommend Acme to a friend or colleague?",
            "nps",
        )
        .column("How did you contact us?", "contact") // its three option columns
        .column("How satisfied were you with our support?", "csat")
        .column("Is there anything else you'd like to tell us?", "comment")
        .build()?;

    let mut all = Scorecard::lenient(&survey);
    let mut by_month: Grouped<ZonedPeriod, Scorecard> = Grouped::new(Scorecard::lenient(&survey));
    let mut boundary = Vec::new();
    let summary = import.try_read_with(EXPORT.as_bytes(), &mut all, |imported| {
        let response = imported.response();
        let month = Period::containing_in(response.submitted(), Granularity::Month, &new_york)?;
        let utc_month = Period::containing(response.submitted(), Granularity::Month)?;
        if month.period() != utc_month {
            boundary.push((imported.row(), response.clone(), utc_month));
        }
        by_month
            .entry(month)
            .try_push(response)
            .expect("accepted by a scorecard of the same survey and mode");
        Ok::<(), PeriodError>(())
    })?;
    println!("{summary}");
    assert_eq!(summary.accepted(), 60);

    let months = by_month.summary().expect("60 responses");
    let nps = months
        .filter_map(|card| card.question("nps")?.nps())
        .expect("NPS answers");
    println!("\nNPS by month in {}:", new_york.name());
    for (month, nps) in &nps {
        let ci = nps.interval(ConfidenceLevel::P95, NpsMethod::default());
        println!(
            "  {month}: NPS {:+5.1}, 95% CI {ci:.1} (n = {})",
            nps.score(),
            nps.count()
        );
    }
    let labels: Vec<String> = nps.iter().map(|(month, _)| month.to_string()).collect();
    assert_eq!(labels, ["2026-09", "2026-10", "2026-11"]);
    let counts: Vec<u64> = nps.iter().map(|(_, nps)| nps.count()).collect();
    assert_eq!(counts, [19, 21, 20]); // by UTC month it would be 18, 21, 21

    println!("\nResponses whose month in New York is not their UTC month:");
    for (row, response, utc_month) in &boundary {
        println!(
            "  row {row}, respondent {}: {} is {} in New York, {utc_month} in UTC",
            response.respondent(),
            new_york.format_local(response.submitted())?,
            Period::containing_in(response.submitted(), Granularity::Month, &new_york)?,
        );
    }
    assert_eq!(boundary.len(), 2);

    let overall = all.summary().expect("60 responses");
    println!("\nAll three months:");
    for id in ["nps", "contact", "csat"] {
        println!("  {}", overall.question(id).expect("declared"));
    }
    Ok(())
}
