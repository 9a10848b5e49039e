//! A year of NPS answers as a self-contained HTML report: the monthly trend with its interval
//! band, the detractor / passive / promoter mix per channel, the channels ranked by the lower
//! bound of their interval, and the tables behind the charts.
//!
//! `cargo run --features chart --example report [-- path/to/report.html]`
//!
//! The report goes to the path given, or `target/report.html`. The data
//! (`examples/data/responses_2026.csv`) is one row per answer: date, channel, NPS score.

use std::fmt::Write as _;
use std::path::PathBuf;

use satisfaction::chart::{self, ChartOptions};
use satisfaction::interval::is_small_sample;
use satisfaction::{
    Aggregator, ConfidenceLevel, Granularity, Grouped, GroupedSummary, Nps, NpsCategory, NpsScore,
    NpsSummary, Period, Summary,
};

type Error = Box<dyn std::error::Error>;

const DATA: &str = include_str!("data/responses_2026.csv");

fn main() -> Result<(), Error> {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/report.html"), PathBuf::from);
    let level = ConfidenceLevel::P95;

    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    let mut by_channel: Grouped<String, Nps> = Grouped::default();
    let mut rows = csv::Reader::from_reader(DATA.as_bytes());
    for (i, row) in rows.records().enumerate() {
        let row = row?;
        let (Some(date), Some(channel), Some(score)) = (row.get(0), row.get(1), row.get(2)) else {
            return Err(format!("row {}: expected date, channel, nps", i + 2).into());
        };
        // A day period parses the date; its month is the bucket.
        let day: Period = date.parse()?;
        let month = Period::containing(day.start(), Granularity::Month)?;
        let score = NpsScore::new(score.parse()?)?;
        monthly.push((month, score));
        by_channel.push((channel.to_owned(), score));
    }
    let months = monthly.summary().ok_or("no answers")?;
    let channels = by_channel.summary().ok_or("no answers")?;

    let trend = chart::trend(
        &months,
        &ChartOptions::builder()
            .level(level)
            .size(1000, 460)
            .title("NPS by month, 2026")
            .key_label("month")
            .build()?,
    )?;
    let compact = ChartOptions::builder()
        .level(level)
        .size(1000, 340)
        .key_label("channel");
    let mix = chart::nps_bars(
        &channels,
        &compact
            .clone()
            .title("Detractors, passives and promoters by channel")
            .build()?,
    )?;
    let ranked = chart::ranking(
        &channels,
        &compact
            .title("Channels ranked by how good they are at least")
            .build()?,
    )?;

    let year = monthly
        .iter()
        .try_fold(Nps::default(), |mut all, (_, m)| all.merge(m).map(|()| all))?;
    let year = year.summary().ok_or("no answers")?;

    let mut html = String::new();
    write!(
        html,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>NPS report 2026</title>
<style>
  body {{ font-family: sans-serif; color: #222; margin: 24px auto; max-width: 1000px; }}
  h1 {{ font-size: 26px; margin-bottom: 4px; }}
  h2 {{ font-size: 19px; margin-top: 32px; }}
  p.lead {{ color: #555; margin-top: 0; }}
  figure {{ margin: 12px 0; }}
  table {{ border-collapse: collapse; font-size: 14px; margin-top: 8px; }}
  th, td {{ padding: 4px 12px; text-align: right; border-bottom: 1px solid #ddd; }}
  th:first-child, td:first-child {{ text-align: left; }}
  td.small {{ color: #777; }}
</style>
</head>
<body>
<h1>NPS report 2026</h1>
<p class="lead">{} answers; NPS {:+.1} for the year ({level} CI {}, {}).</p>
<h2>Trend</h2>
<figure>{trend}</figure>
<h2>Channels</h2>
<figure>{mix}</figure>
<figure>{ranked}</figure>
"#,
        year.count(),
        year.score() + 0.0,
        interval_text(&year, level),
        year.default_method(),
    )?;
    table(&mut html, "Month", &months, level)?;
    table(&mut html, "Channel", &channels, level)?;
    html.push_str("</body>\n</html>\n");

    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, html)?;
    println!("wrote {}", path.display());
    Ok(())
}

/// One row per group: n, NPS, its interval and the three shares; small groups greyed.
fn table<K: std::fmt::Display>(
    html: &mut String,
    key: &str,
    groups: &GroupedSummary<K, NpsSummary>,
    level: ConfidenceLevel,
) -> Result<(), Error> {
    writeln!(
        html,
        "<h2>By {}</h2>\n<table>\n<tr><th>{key}</th><th>n</th><th>NPS</th><th>{level} CI</th>\
         <th>promoters</th><th>passives</th><th>detractors</th></tr>",
        key.to_lowercase()
    )?;
    for (k, s) in groups {
        let class = if is_small_sample(s.count()) {
            " class=\"small\""
        } else {
            ""
        };
        writeln!(
            html,
            "<tr><td>{}</td><td{class}>{}</td><td>{:+.1}</td><td>{}</td>\
             <td>{:.0}%</td><td>{:.0}%</td><td>{:.0}%</td></tr>",
            escape(&k.to_string()),
            s.count(),
            s.score() + 0.0,
            interval_text(s, level),
            100.0 * s.share_of(NpsCategory::Promoter),
            100.0 * s.share_of(NpsCategory::Passive),
            100.0 * s.share_of(NpsCategory::Detractor),
        )?;
    }
    html.push_str("</table>\n");
    Ok(())
}

fn interval_text(summary: &NpsSummary, level: ConfidenceLevel) -> String {
    summary.default_interval(level).map_or_else(
        || "none".to_owned(),
        |ci| format!("{:+.1} to {:+.1}", ci.lower() + 0.0, ci.upper() + 0.0),
    )
}

/// Keys come from the data, so they are escaped before they go into the page.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
