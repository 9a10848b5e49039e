//! The trend chart: a metric's estimate per period as a line, its interval as a shaded band.

use std::fmt;

use plotters::prelude::*;

use super::canvas::{
    self, Area, BAND, BAND_OPACITY, DOT, ESTIMATE, GRID, Glyph, Header, INK, MARGIN, MUTED,
    centred, drawing, font, render, ring, text_width, triangle,
};
use super::marks::Marks;
use super::scale::{decimals, fit};
use super::series::{Point, Series};
use super::slots::{Slots, slot_label};
use super::{Chart, ChartError, ChartOptions};
use crate::compare::{Comparisons, Direction};
use crate::interval::is_small_sample;
use crate::summary::Summary;

/// A metric over periods: the estimates as a line with a dot per period, the default interval
/// at the options' level as a shaded band (broken where a period has no interval), in key
/// order.
///
/// Takes any `(label, &summary)` pairs: a `&GroupedSummary<Period, S>`, its
/// [`iter`](crate::GroupedSummary::iter), or a list. Labels are the keys' `Display` (`2026-01`,
/// `2026-W48`); when they do not all fit, every second (third, ...) one is printed.
///
/// ```
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::{Aggregator, Csat};
///
/// let weeks: Vec<_> = [[5, 4, 4, 3], [5, 5, 4, 2], [4, 4, 5, 5]]
///     .iter()
///     .map(|ratings| {
///         let mut csat = Csat::default();
///         csat.try_extend_from_slice(ratings).map(|()| csat.summary().unwrap())
///     })
///     .collect::<Result<_, _>>()?;
/// let labelled = weeks.iter().enumerate().map(|(i, s)| (format!("W{}", i + 1), s));
/// let svg = chart::trend(labelled, &ChartOptions::builder().key_label("week").build()?)?.into_svg();
/// assert!(svg.starts_with("<svg") && svg.contains("CSAT (%)") && svg.contains("Wilson"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ChartError::Empty`] without periods; [`ChartError::NotPlottable`] for a summary whose
/// estimate or bound is not finite.
pub fn trend<'a, K: fmt::Display, S: Summary + 'a>(
    periods: impl IntoIterator<Item = (K, &'a S)>,
    options: &ChartOptions,
) -> Result<Chart, ChartError> {
    let marks = Marks::none();
    draw(
        Series::read(periods, options.level(), "periods", &marks)?,
        &marks,
        options,
    )
}

/// [`trend`] with significance marks: ▲ over each period that rose significantly from the
/// one before, ▼ under each that fell, as `changes` flags them (usually
/// [`GroupedSummary::against_previous`](crate::GroupedSummary::against_previous) of the same
/// summary), and the caption naming the test, the level and the multiplicity correction.
///
/// Periods are matched to comparisons by their keys' `Display`; a comparison of a period the
/// chart does not have is ignored.
///
/// ```
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::compare::Significance;
/// use satisfaction::{Aggregator, Granularity, Grouped, Nps, Period};
///
/// let mut monthly: Grouped<Period, Nps> = Grouped::default();
/// let mut month = Period::containing(1_767_225_600, Granularity::Month)?; // 2026-01
/// for (detractors, passives, promoters) in [(10, 20, 70), (12, 18, 70), (60, 20, 20)] {
///     *monthly.entry(month) = Nps::from_counts(detractors, passives, promoters)?;
///     month = month.next()?;
/// }
/// let summary = monthly.summary().unwrap();
/// let changes = summary.against_previous(&Significance::default());
/// let svg = chart::trend_marked(&summary, &changes, &ChartOptions::default())?.into_svg();
/// assert!(svg.contains("significantly lower") && svg.contains("Holm correction"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`trend`].
pub fn trend_marked<'a, K: fmt::Display, S: Summary + 'a, C: fmt::Display>(
    periods: impl IntoIterator<Item = (K, &'a S)>,
    changes: &Comparisons<C>,
    options: &ChartOptions,
) -> Result<Chart, ChartError> {
    let marks = Marks::of(changes);
    draw(
        Series::read(periods, options.level(), "periods", &marks)?,
        &marks,
        options,
    )
}

/// The trend of `series`, whose points carry `marks`' flags, with `marks`' caption.
fn draw(series: Series, marks: &Marks, options: &ChartOptions) -> Result<Chart, ChartError> {
    let level = options.level();
    let key = options.key_label().unwrap_or("period");
    let title = options
        .title()
        .map_or_else(|| format!("{} by {key}", series.metric), str::to_owned);
    let caption = if series.method.is_empty() {
        format!("No {key} has a {level} interval: the estimates alone.")
    } else {
        format!(
            "Band: the {level} confidence interval of each {key}, by the {} method.",
            series.method
        )
    };
    let header = Header {
        title,
        caption: marks.extend(caption),
        legend: series.legend(Glyph::Line, Glyph::Band, level),
    };
    render(options, &header, |root, body| {
        plot(root, body, &series, key)
    })
}

/// The axes, band, line, dots and counts below the header.
fn plot<'b>(
    root: &Area<'b>,
    body: &Area<'b>,
    series: &Series,
    key: &str,
) -> Result<(), ChartError> {
    let (low, high) = fit(series.values(), series.domain);
    let points = &series.near((low, high));
    let n = points.len();
    let labels: Vec<String> = points.iter().map(|p| p.label.clone()).collect();
    let tick_style = font(12.0, &INK);
    let count_style = centred(font(11.0, &MUTED));

    // One tick label every `step` periods, so that labels never overlap.
    let (width, _) = body.dim_in_pixel();
    let plot_width = (i32::try_from(width).unwrap_or(i32::MAX) - 2 * MARGIN - 84).max(1);
    let widest = labels
        .iter()
        .map(|l| text_width(body, l, &tick_style))
        .max()
        .unwrap_or(0)
        + 14;
    let slot = plot_width / i32::try_from(n).unwrap_or(i32::MAX).max(1);
    let step = usize::try_from(widest / slot.max(1) + 1).unwrap_or(1);
    // Counts under every label, when every period has one and there is room.
    let counts = step == 1 && slot >= text_width(body, "n=00000", &count_style) + 6;
    // Dots shrink when periods are packed, so neighbours do not merge.
    let radius = u32::try_from(slot / 5).unwrap_or(DOT).clamp(2, DOT);
    // A lone period's piece of band is a box at most 20 px wide.
    let lone = (10.0 / f64::from(slot.max(1))).min(0.2);

    let digits = decimals((low, high));
    let unit = series.unit;
    let mut chart = ChartBuilder::on(body)
        .margin_left(MARGIN)
        .margin_right(MARGIN + 10)
        .margin_top(4)
        .margin_bottom(6)
        .x_label_area_size(if counts { 62 } else { 44 })
        .y_label_area_size(74)
        .build_cartesian_2d(Slots::new(n, step), low..high)
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_max_light_lines(0)
        .y_labels(7)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(tick_style)
        .axis_desc_style(font(13.0, &INK))
        .x_label_formatter(&|x| slot_label(&labels, *x))
        .y_label_formatter(&|y| unit.tick(*y, digits, series.domain))
        .x_desc(canvas::label(key))
        .y_desc(unit.axis_label(series.metric))
        .draw()
        .map_err(drawing)?;

    let band = BAND.mix(BAND_OPACITY).filled();
    chart
        .draw_series(runs(points).map(|run| Polygon::new(outline(run, lone), band)))
        .map_err(drawing)?;
    let line: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.estimate))
        .collect();
    chart
        .draw_series(std::iter::once(PathElement::new(
            line.clone(),
            ESTIMATE.stroke_width(2),
        )))
        .map_err(drawing)?;
    chart
        .draw_series(
            line.iter()
                .map(|&at| Circle::new(at, radius, ESTIMATE.filled())),
        )
        .map_err(drawing)?;
    chart
        .draw_series(
            line.iter()
                .zip(points)
                .filter(|(_, p)| is_small_sample(p.count))
                .map(|(&at, _)| ring(at, radius)),
        )
        .map_err(drawing)?;

    // Marks outside the band: above its top for a rise, below its bottom for a fall.
    for (i, p) in points.iter().enumerate() {
        let Some(direction) = p.mark else { continue };
        let (lo, hi) = p.interval.unwrap_or((p.estimate, p.estimate));
        let (edge, offset) = match direction {
            Direction::Up => (hi.max(p.estimate), -12),
            Direction::Down => (lo.min(p.estimate), 12),
        };
        let (x, y) = chart.backend_coord(&(i as f64, edge));
        root.draw(&triangle(direction, (x, y + offset)))
            .map_err(drawing)?;
    }

    if counts {
        for (i, p) in points.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(i as f64, low));
            root.draw_text(&format!("n={}", p.count), &count_style, (x, y + 38))
                .map_err(drawing)?;
        }
    }
    Ok(())
}

/// The runs of consecutive periods that have an interval, as `(index, lower, upper)`: each
/// run is one piece of the band, so a period without an interval breaks it instead of being
/// bridged.
fn runs(points: &[Point]) -> impl Iterator<Item = Vec<(f64, f64, f64)>> + '_ {
    let mut rest = points.iter().enumerate().peekable();
    std::iter::from_fn(move || {
        // Skip to the next point with an interval, then take while they have one.
        while rest.peek().is_some_and(|(_, p)| p.interval.is_none()) {
            rest.next();
        }
        let mut run = Vec::new();
        while let Some((i, (lo, hi))) = rest.peek().and_then(|(i, p)| p.interval.map(|ci| (*i, ci)))
        {
            run.push((i as f64, lo, hi));
            rest.next();
        }
        (!run.is_empty()).then_some(run)
    })
}

/// The band around a run: along the upper bounds and back along the lower ones. A run of one
/// period is a box `half` a slot to each side, so its interval still shows.
fn outline(run: Vec<(f64, f64, f64)>, half: f64) -> Vec<(f64, f64)> {
    if let [(x, lo, hi)] = run[..] {
        return vec![
            (x - half, lo),
            (x + half, lo),
            (x + half, hi),
            (x - half, hi),
        ];
    }
    let upper = run.iter().map(|&(x, _, hi)| (x, hi));
    let lower = run.iter().rev().map(|&(x, lo, _)| (x, lo));
    upper.chain(lower).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(interval: Option<(f64, f64)>) -> Point {
        Point {
            label: String::new(),
            estimate: 0.0,
            interval,
            count: 100,
            mark: None,
        }
    }

    #[test]
    fn missing_intervals_break_the_band() {
        let points = [
            point(Some((1.0, 2.0))),
            point(Some((1.0, 3.0))),
            point(None),
            point(Some((0.0, 1.0))),
            point(None),
        ];
        let runs: Vec<_> = runs(&points).collect();
        assert_eq!(runs.len(), 2);
        assert_eq!(
            outline(runs[0].clone(), 0.2),
            [(0.0, 2.0), (1.0, 3.0), (1.0, 1.0), (0.0, 1.0)]
        );
        assert_eq!(
            outline(runs[1].clone(), 0.2),
            [(2.8, 0.0), (3.2, 0.0), (3.2, 1.0), (2.8, 1.0)]
        );
        assert_eq!(super::runs(&[point(None)]).count(), 0);
    }
}
