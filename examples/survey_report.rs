//! A post-support survey export, validated leniently and scored in one pass: the scorecard
//! overall and per channel, the rejected-answer report, and the channels ranked by the lower
//! bound of their intervals.
//!
//! `cargo run --example survey_report`
//!
//! The export (`examples/data/survey.csv`, built by `examples/data/make_data.py`) has one row
//! per respondent; empty cells are skipped answers, `n/a` is "not applicable", and a few rows
//! are malformed on purpose.

use std::collections::BTreeMap;

use satisfaction::{
    Aggregator, Answer, CesScale, ConfidenceLevel, NpsMethod, ProportionMethod, Question,
    RatingScale, Response, Scorecard, Survey, rank_by_lower_bound,
};

const EXPORT: &str = include_str!("data/survey.csv");
const HEADER: &str = "respondent,date,channel,nps,csat,ces,resolved,reason,comment";

type Error = Box<dyn std::error::Error>;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` as Unix seconds at midnight UTC.
fn unix_date(text: &str) -> Result<i64, Error> {
    let parts: Vec<i64> = text
        .split('-')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| format!("bad date {text:?}"))?;
    let [y, m, d] = parts[..] else {
        return Err(format!("bad date {text:?}").into());
    };
    Ok(days_from_civil(y, m, d) * 86_400)
}

/// A cell as an answer: empty = skipped, `n/a` = not applicable. Scores stay raw (even bad
/// ones) so that the scorecard can report them; text that is not a number is kept as text,
/// which a score question rejects as the wrong kind.
fn score(cell: &str) -> Answer {
    match cell {
        "" => Answer::Skipped,
        "n/a" => Answer::NotApplicable,
        _ => cell
            .parse()
            .map(Answer::Score)
            .unwrap_or_else(|_| Answer::Text(cell.to_owned())),
    }
}

fn yes_no(cell: &str) -> Answer {
    match cell {
        "yes" => Answer::Yes,
        "no" => Answer::No,
        "" => Answer::Skipped,
        "n/a" => Answer::NotApplicable,
        other => Answer::Text(other.to_owned()),
    }
}

fn main() -> Result<(), Error> {
    let survey = Survey::builder("post-support-2026-11")
        .question(Question::nps("nps").required())
        .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
        .question(Question::ces("ces", CesScale::AGREEMENT_7))
        .question(Question::binary("resolved"))
        .question(Question::single_choice(
            "reason",
            ["billing", "bug", "how-to", "account"],
        ))
        .question(Question::text("comment"))
        .build()?;

    let mut overall = Scorecard::lenient(&survey);
    let mut by_channel: BTreeMap<String, Scorecard> = BTreeMap::new();
    let mut lines = EXPORT.lines();
    if lines.next() != Some(HEADER) {
        return Err("unexpected header in survey.csv".into());
    }
    for (n, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        let [
            respondent,
            date,
            channel,
            nps,
            csat,
            ces,
            resolved,
            reason,
            comment,
        ] = cells[..]
        else {
            return Err(format!("survey.csv line {}: expected 9 cells", n + 2).into());
        };
        let response = Response::new(survey.id(), respondent, unix_date(date)?)?
            .attribute("channel", channel)
            .answer("nps", score(nps))
            .answer("csat", score(csat))
            .answer("ces", score(ces))
            .answer("resolved", yes_no(resolved))
            .answer(
                "reason",
                match reason {
                    "" => Answer::Skipped,
                    r => Answer::Choice(r.to_owned()),
                },
            )
            .answer(
                "comment",
                match comment {
                    "" => Answer::Skipped,
                    c => Answer::Text(c.to_owned()),
                },
            );
        by_channel
            .entry(channel.to_owned())
            .or_insert_with(|| Scorecard::lenient(&survey))
            .try_push(&response)?;
        overall.try_push(&response)?;
    }

    let summary = overall.summary().ok_or("no responses")?;
    println!("{summary}");
    let rate = summary.response_rate(400)?;
    println!("  {rate}");

    println!("\nRejected answers (lenient mode: recorded nowhere, counted here):");
    for q in summary.questions() {
        for (reason, count) in q.rejections() {
            println!("  {:<8} {reason}: {count}", q.question().id());
        }
    }

    println!("\nPer channel:");
    for (channel, card) in &by_channel {
        if let Some(s) = card.summary() {
            println!("[{channel}] {s}");
        }
    }

    let level = ConfidenceLevel::P95;
    println!("\nChannels ranked by the lower bound of the CSAT satisfied share (95% Wilson):");
    let csat = rank_by_lower_bound(by_channel.iter().filter_map(|(channel, card)| {
        let s = card.summary()?.question("csat")?.csat()?;
        Some((channel, s.share_interval(level, ProportionMethod::Wilson)))
    }));
    for (i, (channel, ci)) in csat.iter().enumerate() {
        println!(
            "  {}. {channel:<6} {:.1}% .. {:.1}%",
            i + 1,
            100.0 * ci.lower(),
            100.0 * ci.upper()
        );
    }
    println!("Channels ranked by the lower bound of NPS (95% Tango score interval):");
    let nps = rank_by_lower_bound(by_channel.iter().filter_map(|(channel, card)| {
        let s = card.summary()?.question("nps")?.nps()?;
        Some((channel, s.interval(level, NpsMethod::default())))
    }));
    for (i, (channel, ci)) in nps.iter().enumerate() {
        println!(
            "  {}. {channel:<6} {:+.1} .. {:+.1}",
            i + 1,
            ci.lower(),
            ci.upper()
        );
    }
    Ok(())
}
