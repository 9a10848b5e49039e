//! A support-team report from ticket and call exports: first response time with its SLA,
//! first contact resolution, and queue abandonment.
//!
//! `cargo run --example helpdesk --features csv`
//!
//! The data is embedded from `examples/data/` (built by `examples/data/make_data.py`):
//! `tickets.csv` with creation and first-reply times in Unix seconds, and `calls.csv` with queue
//! waits, both read through `satisfaction::import::TicketImport` (a refused row would be
//! reported with its row, column and value).

use std::time::Duration;

use satisfaction::import::{TicketImport, TimeFormat};
use satisfaction::support::OneTouchRule;
use satisfaction::{
    Abandonment, Aggregator, ConfidenceLevel, FirstContactResolution, FirstResponse,
    FirstResponseTime, ProportionMethod,
};

const TICKETS: &str = include_str!("data/tickets.csv");
const CALLS: &str = include_str!("data/calls.csv");

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let level = ConfidenceLevel::P95;
    let sla = Duration::from_secs(4 * 3600);

    let mut frt = FirstResponseTime::with_target(sla);
    let mut fcr = FirstContactResolution::default();
    let mut one_touch = FirstContactResolution::new(OneTouchRule::FewerThanTwoReplies);
    let tickets = TicketImport::builder()
        .id("ticket_id")
        .created("created_unix", TimeFormat::UnixSeconds)
        .first_reply("first_reply_unix", TimeFormat::UnixSeconds)
        .resolved("resolved")
        .agent_replies("agent_replies")
        .reopened("reopened")
        .build()?;
    for row in tickets.rows(TICKETS.as_bytes())? {
        let row = row?;
        // No reporting instant in this export: an unanswered ticket is of unknown age.
        let created = row.created().ok_or("a ticket without a creation time")?;
        frt.push(FirstResponse::from_unix_seconds(
            created,
            row.first_reply(),
        )?);
        let ticket = row.ticket()?;
        fcr.push(ticket);
        one_touch.push(ticket);
    }

    let mut queue = Abandonment::with_short_abandon(Duration::from_secs(5));
    let calls = TicketImport::builder()
        .id("call_id")
        .wait_seconds("wait_seconds")
        .abandoned("abandoned")
        .build()?;
    for row in calls.rows(CALLS.as_bytes())? {
        queue.push(row?.queued_contact()?);
    }

    println!("== First response time (calendar hours)");
    let frt = frt.summary().ok_or("no answered tickets")?;
    println!("{frt}");
    for q in [0.5, 0.9, 0.95] {
        let ci = frt
            .quantile_interval(q, level)
            .map(|ci| format!("{:.1} to {:.1} min", ci.lower() / 60.0, ci.upper() / 60.0))
            .unwrap_or_else(|| "too few tickets".into());
        println!(
            "  p{:<3} {:>7.1} min   95% CI {ci}",
            q * 100.0,
            frt.quantile(q)?.as_secs_f64() / 60.0
        );
    }
    if let (Some(within), Some(ci)) = (
        frt.within_target(),
        frt.sla_interval(level, ProportionMethod::Wilson),
    ) {
        println!(
            "  SLA {}h: {within} of {} answered tickets ({:.1}% to {:.1}%)",
            sla.as_secs() / 3600,
            frt.answered(),
            100.0 * ci.lower(),
            100.0 * ci.upper()
        );
    }

    println!("\n== First contact resolution");
    println!("{}", fcr.summary().ok_or("no resolved tickets")?);
    println!("{}", one_touch.summary().ok_or("no resolved tickets")?);

    println!("\n== Queue abandonment");
    let queue = queue.summary().ok_or("no calls offered")?;
    println!("{queue}");
    if let Some(asa) = queue.average_speed_of_answer() {
        println!("  average speed of answer {:.0} s", asa.as_secs_f64());
    }
    Ok(())
}
