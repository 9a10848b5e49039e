//! First response and resolution time per team, on the wall clock and in business hours, side
//! by side: the numbers a support lead sees in their helpdesk, and the ones a UTC-only tool
//! would show them.
//!
//! `cargo run --example business_hours --features csv`
//!
//! The data is `examples/data/team_tickets.csv` (built by `examples/data/make_data.py`): two
//! teams, New York (09:00-18:00 on weekdays, closed for Thanksgiving) and London (08:30-12:30
//! and 13:30-17:30 on weekdays), with tickets arriving around the clock. Creation and first
//! reply times carry a UTC offset; resolution times are local wall times in the team's zone,
//! which the importer reads in each row's team zone.

use std::time::Duration;

use satisfaction::calendar::{BusinessCalendar, Weekday, Zone, parse_timestamp};
use satisfaction::import::{TicketImport, TimeFormat};
use satisfaction::support::{Clock, Milestone};
use satisfaction::{
    Aggregator, ConfidenceLevel, FirstResponseTime, FirstResponseTimeSummary, Grouped,
};

const TICKETS: &str = include_str!("data/team_tickets.csv");

type Error = Box<dyn std::error::Error>;

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];

/// The two teams' working time.
fn calendar(team: &str) -> Result<BusinessCalendar, Error> {
    let calendar = match team {
        "new-york" => WEEKDAYS
            .iter()
            .fold(
                BusinessCalendar::builder(Zone::named("America/New_York")?),
                |b, &day| b.hours(day, "09:00", "18:00"),
            )
            .holiday("2026-11-26"),
        "london" => WEEKDAYS.iter().fold(
            BusinessCalendar::builder(Zone::named("Europe/London")?),
            |b, &day| b.hours(day, "08:30", "12:30").hours(day, "13:30", "17:30"),
        ),
        other => return Err(format!("unknown team {other:?}").into()),
    };
    Ok(calendar.build()?)
}

/// First response on both clocks, then resolution on both clocks.
type TeamTimes = (
    FirstResponseTime,
    FirstResponseTime,
    FirstResponseTime,
    FirstResponseTime,
);

fn main() -> Result<(), Error> {
    let report = parse_timestamp("2026-12-01T12:00:00Z")?;
    let frt_target = Duration::from_secs(3600);
    let resolution_target = Duration::from_secs(8 * 3600);
    let frt = FirstResponseTime::with_target(frt_target);
    let resolution = FirstResponseTime::with_target(resolution_target).until(Milestone::Resolution);
    let mut teams: Grouped<String, TeamTimes> = Grouped::new((
        frt.clone(),
        frt.on_clock(Clock::Business),
        resolution.clone(),
        resolution.on_clock(Clock::Business),
    ));
    let calendars = [
        ("new-york", calendar("new-york")?),
        ("london", calendar("london")?),
    ];

    let mut import = TicketImport::builder()
        .segment("team")
        // Offsets in the export for creation and reply; local wall time for resolution, in
        // the zone of the row's team.
        .created("created", TimeFormat::Offset)
        .first_reply("first_reply", TimeFormat::Offset)
        .resolved_at("resolved", TimeFormat::Local(Zone::utc()));
    for (team, calendar) in &calendars {
        import = import.zone_for(*team, calendar.zone().clone());
    }
    for row in import.build()?.rows(TICKETS.as_bytes())? {
        let row = row?;
        let team = row.segment().ok_or("a ticket without a team")?;
        let (_, calendar) = calendars
            .iter()
            .find(|(name, _)| *name == team)
            .ok_or_else(|| format!("row {}: unknown team {team:?}", row.row()))?;
        teams.record((
            team.to_owned(),
            (
                row.first_response(report)?,
                row.first_response_in(calendar, report)?,
                row.resolution(report)?,
                row.resolution_in(calendar, report)?,
            ),
        ))?;
    }

    println!("Report as of 2026-12-01 12:00 UTC; FRT target 1h, resolution target 8h.\n");
    println!(
        "{:<9} {:<19} {:>6} {:>9} {:>9} {:>12} {:>12}",
        "team", "measure", "n", "median", "p90", "in target", "open"
    );
    for (team, (frt_wall, frt_business, res_wall, res_business)) in teams.iter() {
        for (label, aggregator) in [
            ("FRT wall", frt_wall),
            ("FRT business", frt_business),
            ("resolution wall", res_wall),
            ("resolution business", res_business),
        ] {
            if let Some(summary) = aggregator.summary() {
                print_row(team, label, &summary);
            }
        }
        println!();
    }

    // The whole story of one team's business-hours FRT, with intervals.
    let (_, (_, new_york, _, _)) = teams
        .iter()
        .find(|(team, _)| team.as_str() == "new-york")
        .ok_or("no New York tickets")?;
    if let Some(summary) = new_york.summary() {
        println!("new-york: {summary}");
        if let Some(ci) = summary.sla_interval(ConfidenceLevel::P95, Default::default()) {
            println!(
                "  SLA attainment 95% CI {:.1}% to {:.1}%",
                100.0 * ci.lower(),
                100.0 * ci.upper()
            );
        }
    }
    Ok(())
}

fn print_row(team: &str, label: &str, summary: &FirstResponseTimeSummary) {
    let hours = |d: Duration| format!("{:.1}h", d.as_secs_f64() / 3600.0);
    let share = summary
        .sla_attainment()
        .map_or_else(|| "-".to_owned(), |p| format!("{:.1}%", 100.0 * p));
    println!(
        "{team:<9} {label:<19} {:>6} {:>9} {:>9} {:>12} {:>12}",
        summary.answered(),
        hours(summary.median()),
        hours(summary.p90()),
        share,
        summary.unanswered()
    );
}
