//! The ranking chart: segments best first by the lower bound of their interval, each with its
//! interval as a whisker.

use std::fmt;

use plotters::prelude::*;

use super::canvas::{Area, DOT, ESTIMATE, Glyph, Header, drawing, render, ring, triangle};
use super::marks::Marks;
use super::rows::{self, Across, Row};
use super::scale::{decimals, fit};
use super::series::{Point, Series};
use super::{Chart, ChartError, ChartOptions};
use crate::compare::Comparisons;
use crate::interval::{Interval, is_small_sample};
use crate::summary::{Summary, rank_by_lower_bound};

/// Segments ranked best first by the lower bound of their default interval at the options'
/// level ([`rank_by_lower_bound`](crate::summary::rank_by_lower_bound): "how good is it at least?"),
/// each with its interval as a whisker and its estimate as a dot. A segment without an
/// interval at that level cannot be ranked by it and is left out (the caption says how many).
///
/// ```
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::{Aggregator, Nps};
///
/// let email = Nps::from_counts(10, 20, 70)?.summary().unwrap(); // +60 of 100
/// let chat = Nps::from_counts(0, 1, 2)?.summary().unwrap(); // +67 of 3
/// let svg = chart::ranking([("chat", &chat), ("email", &email)], &ChartOptions::default())?
///     .into_svg();
/// assert!(svg.find("1. email") < svg.find("2. chat"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ChartError::Empty`] without segments, [`ChartError::NoInterval`] when none has an
/// interval at the level, [`ChartError::NotPlottable`] for a summary whose estimate or bound is
/// not finite.
pub fn ranking<'a, K: fmt::Display, S: Summary + 'a>(
    segments: impl IntoIterator<Item = (K, &'a S)>,
    options: &ChartOptions,
) -> Result<Chart, ChartError> {
    let marks = Marks::none();
    draw(
        Series::read(segments, options.level(), "segments", &marks)?,
        &marks,
        options,
    )
}

/// [`ranking`] with significance marks: ▲ beside each segment significantly above the rest, ▼
/// beside each below, as `against` flags them (usually
/// [`Grouped::against_rest`](crate::Grouped::against_rest) of the same segments), and the
/// caption naming the test, the level and the multiplicity correction.
///
/// Segments are matched to comparisons by their keys' `Display`; a comparison of a segment the
/// chart does not have is ignored.
///
/// ```
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::compare::Significance;
/// use satisfaction::{Aggregator, Grouped, Nps};
///
/// let mut channels: Grouped<&str, Nps> = Grouped::default();
/// *channels.entry("chat") = Nps::from_counts(10, 20, 70)?;
/// *channels.entry("email") = Nps::from_counts(12, 20, 68)?;
/// *channels.entry("phone") = Nps::from_counts(60, 20, 20)?;
/// let against = channels.against_rest(&Significance::default());
/// let summary = channels.summary().unwrap();
/// let svg = chart::ranking_marked(&summary, &against, &ChartOptions::default())?.into_svg();
/// assert!(svg.contains("significantly lower") && svg.contains("from the rest"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`ranking`].
pub fn ranking_marked<'a, K: fmt::Display, S: Summary + 'a, C: fmt::Display>(
    segments: impl IntoIterator<Item = (K, &'a S)>,
    against: &Comparisons<C>,
    options: &ChartOptions,
) -> Result<Chart, ChartError> {
    let marks = Marks::of(against);
    draw(
        Series::read(segments, options.level(), "segments", &marks)?,
        &marks,
        options,
    )
}

/// The ranking of `series`, whose points carry `marks`' flags, with `marks`' caption.
fn draw(mut series: Series, marks: &Marks, options: &ChartOptions) -> Result<Chart, ChartError> {
    let level = options.level();
    let total = series.points.len();
    // The crate's one ranking rule, on the intervals as drawn (the display unit only scales
    // them, so the order is the same).
    let with_interval = series.points.iter().filter_map(|p| {
        p.interval
            .and_then(|(lo, hi)| Interval::new(lo, hi))
            .map(|ci| (p.clone(), ci))
    });
    let ranked: Vec<Point> = rank_by_lower_bound(with_interval)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    if ranked.is_empty() {
        return Err(ChartError::NoInterval { level });
    }
    let left_out = total - ranked.len();
    series.points = ranked;

    let key = options.key_label().unwrap_or("segment");
    let title = options.title().map_or_else(
        || format!("{} by {key}, ranked", series.metric),
        str::to_owned,
    );
    let mut caption = format!(
        "Ranked by the lower bound of the {level} {} interval: how good each {key} is at least.",
        series.method
    );
    if left_out > 0 {
        caption.push_str(&format!(
            " {left_out} without an interval at this level not shown."
        ));
    }
    let header = Header {
        title,
        caption: marks.extend(caption),
        legend: series.legend(Glyph::Dot { hollow: false }, Glyph::Whisker, level),
    };
    render(options, &header, |root, body| {
        plot(root, body, &series, key)
    })
}

/// The axes, whiskers, dots and values below the header. The best segment is at the top.
fn plot<'b>(
    root: &Area<'b>,
    body: &Area<'b>,
    series: &Series,
    key: &str,
) -> Result<(), ChartError> {
    let points = &series.points;
    let unit = series.unit;
    let rows: Vec<Row> = points
        .iter()
        .enumerate()
        .map(|(rank, p)| {
            let (lo, hi) = p.interval.unwrap_or((p.estimate, p.estimate));
            Row {
                label: format!("{}. {}", rank + 1, p.label),
                note: format!(
                    "{}, n = {}",
                    unit.format_interval(p.estimate, (lo, hi)),
                    p.count
                ),
                muted: is_small_sample(p.count),
            }
        })
        .collect();
    let (low, high) = fit(series.values(), series.domain);
    let points = &series.near((low, high));
    let digits = decimals((low, high));
    let across = Across {
        range: low..high,
        ticks: 7,
        format: &|x| unit.tick(*x, digits, series.domain),
        desc: unit.axis_label(series.metric),
    };
    let mut chart = rows::layout(root, body, &rows, &across, key)?;

    let whisker = ESTIMATE.filled().stroke_width(2);
    chart
        .draw_series(points.iter().enumerate().filter_map(|(i, p)| {
            let (lo, hi) = p.interval?;
            Some(ErrorBar::new_horizontal(
                i as f64,
                lo,
                p.estimate,
                hi,
                whisker,
                2 * DOT,
            ))
        }))
        .map_err(drawing)?;
    chart
        .draw_series(
            points
                .iter()
                .enumerate()
                .filter(|(_, p)| is_small_sample(p.count))
                .map(|(i, p)| ring((p.estimate, i as f64), DOT)),
        )
        .map_err(drawing)?;
    // Marks just past the whisker's upper end.
    for (i, p) in points.iter().enumerate() {
        let Some(direction) = p.mark else { continue };
        let hi = p.interval.map_or(p.estimate, |(_, hi)| hi.max(p.estimate));
        let (x, y) = chart.backend_coord(&(hi, i as f64));
        root.draw(&triangle(direction, (x + 2 * DOT as i32 + 6, y)))
            .map_err(drawing)?;
    }
    Ok(())
}
