//! A support-team report from ticket and call exports: first response time with its SLA,
//! first contact resolution, and queue abandonment.
//!
//! `cargo run --example helpdesk`
//!
//! The data is embedded from `examples/data/` (built by `examples/data/make_data.py`):
//! `tickets.csv` with creation and first-reply times in Unix seconds, and `calls.csv` with queue
//! waits. The CSV is simple enough (no quoting) for a ten-line parser, which keeps the example
//! free of dependencies; real exports want the `csv` crate.

use std::time::Duration;

use satisfaction::{
    Abandonment, Aggregator, ConfidenceLevel, FirstContactResolution, FirstResponse,
    FirstResponseTime, OneTouchRule, ProportionMethod, QueuedContact, Ticket,
};

const TICKETS: &str = include_str!("data/tickets.csv");
const CALLS: &str = include_str!("data/calls.csv");

type Error = Box<dyn std::error::Error>;

/// The rows of a header-first CSV as field vectors, checked against the expected header.
fn rows<'a>(text: &'a str, header: &str) -> Result<Vec<Vec<&'a str>>, Error> {
    let mut lines = text.lines();
    let found = lines.next().unwrap_or_default();
    if found != header {
        return Err(format!("expected header {header:?}, found {found:?}").into());
    }
    Ok(lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split(',').collect())
        .collect())
}

fn flag(field: &str) -> Result<bool, Error> {
    match field {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(format!("expected true or false, found {other:?}").into()),
    }
}

fn main() -> Result<(), Error> {
    let level = ConfidenceLevel::P95;
    let sla = Duration::from_secs(4 * 3600);

    let mut frt = FirstResponseTime::with_target(sla);
    let mut fcr = FirstContactResolution::default();
    let mut one_touch = FirstContactResolution::new(OneTouchRule::FewerThanTwoReplies);
    let header = "ticket_id,created_unix,first_reply_unix,resolved,agent_replies,reopened";
    for (line, row) in rows(TICKETS, header)?.iter().enumerate() {
        let [_, created, replied, resolved, replies, reopened] = row[..] else {
            return Err(format!("tickets.csv line {}: expected 6 fields", line + 2).into());
        };
        let replied = if replied.is_empty() {
            None
        } else {
            Some(replied.parse()?)
        };
        frt.push(FirstResponse::from_unix_seconds(created.parse()?, replied)?);
        let ticket = if flag(resolved)? {
            Ticket::resolved(replies.parse()?, flag(reopened)?)
        } else {
            Ticket::unresolved()
        };
        fcr.push(ticket);
        one_touch.push(ticket);
    }

    let mut queue = Abandonment::with_short_abandon(Duration::from_secs(5));
    for (line, row) in rows(CALLS, "call_id,wait_seconds,abandoned")?
        .iter()
        .enumerate()
    {
        let [_, wait, abandoned] = row[..] else {
            return Err(format!("calls.csv line {}: expected 3 fields", line + 2).into());
        };
        queue.push(QueuedContact::from_secs_f64(
            wait.parse()?,
            flag(abandoned)?,
        )?);
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
