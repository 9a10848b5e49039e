//! Cookbook: FRT p90 in business hours (the recipe in `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_frt_business_hours --features calendar`

use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
use satisfaction::support::Clock;
use satisfaction::{Aggregator, FirstResponseTime};
use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let london = Zone::named("Europe/London")?;
    let mut builder = BusinessCalendar::builder(london.clone());
    let weekdays = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ];
    for day in weekdays {
        builder = builder.hours(day, "09:00", "17:30");
    }
    let calendar = builder.build()?;

    let report = london.parse_local("2026-12-01 12:00:00")?;
    let tickets = [
        ("2026-11-27 17:00:00", "2026-11-30 09:20:00"), // Friday evening to Monday: 50 min
        ("2026-11-30 10:00:00", "2026-11-30 10:05:00"),
        ("2026-11-30 11:00:00", "2026-11-30 13:00:00"),
        ("2026-11-30 16:00:00", "2026-12-01 09:30:00"),
    ];
    let mut frt =
        FirstResponseTime::with_target(Duration::from_secs(3600)).on_clock(Clock::Business);
    for (created, replied) in tickets {
        let (created, replied) = (london.parse_local(created)?, london.parse_local(replied)?);
        frt.push(calendar.first_response(created, Some(replied), report)?);
    }
    let summary = frt.summary().expect("four tickets");
    println!(
        "business-hours FRT: p90 {:.0?}, median {:.0?}",
        summary.p90(),
        summary.median()
    );
    assert!(summary.p90() < Duration::from_secs(3 * 3600));
    Ok(())
}
