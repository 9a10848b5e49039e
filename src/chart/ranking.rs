//! The ranking chart: segments best first by the lower bound of their interval, each with its
//! interval as a whisker.

use std::fmt;

use plotters::prelude::*;

use super::canvas::{
    self, Area, ESTIMATE, GRID, Glyph, INK, Key, MARGIN, MUTED, drawing, font, header, left,
    render, ring, slot_label, text_width,
};
use super::scale::{decimals, fit};
use super::series::{Point, Series};
use super::{Chart, ChartError, ChartOptions};
use crate::interval::{Interval, MIN_RELIABLE_N, is_small_sample};
use crate::{Summary, rank_by_lower_bound};

/// Draws the ranking; see [`chart::ranking`](super::ranking).
pub(super) fn draw<'a, K, S>(
    segments: impl IntoIterator<Item = (K, &'a S)>,
    options: &ChartOptions,
) -> Result<Chart, ChartError>
where
    K: fmt::Display,
    S: Summary + 'a,
{
    let level = options.level();
    let mut series = Series::read(segments, level, "segments")?;
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
    let mut legend = vec![
        Key {
            glyph: Glyph::Dot { hollow: false },
            text: format!("{} (estimate)", series.metric),
        },
        Key {
            glyph: Glyph::Whisker,
            text: format!("{level} confidence interval"),
        },
    ];
    if series.has_small_samples() {
        legend.push(Key {
            glyph: Glyph::Dot { hollow: true },
            text: format!("fewer than {MIN_RELIABLE_N} observations"),
        });
    }
    render(options, |root| {
        let body = header(root, &title, &caption, &legend)?;
        plot(root, &body, &series, key)
    })
}

/// The axes, whiskers, dots and values below the header. The best segment is at the top.
fn plot(root: &Area<'_>, body: &Area<'_>, series: &Series, key: &str) -> Result<(), ChartError> {
    let points = &series.points;
    let n = points.len();
    let labels: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(rank, p)| format!("{}. {}", rank + 1, p.label))
        .collect();
    let top_down = |slot: usize| n - 1 - slot.min(n - 1);
    let tick_style = font(12.0, &INK);
    let (width, _) = body.dim_in_pixel();
    let width = i32::try_from(width).unwrap_or(i32::MAX);
    let label_area = labels
        .iter()
        .map(|l| text_width(body, l, &tick_style))
        .max()
        .unwrap_or(0)
        .clamp(30, width / 4)
        + 44;
    let (low, high) = fit(series.values(), series.domain);
    let digits = decimals((low, high));
    let unit = series.unit;
    let mut chart = ChartBuilder::on(body)
        .margin_left(MARGIN)
        // The notes go in the right margin (a right label area would repeat the labels).
        .margin_right(MARGIN + 200)
        .margin_top(4)
        .margin_bottom(6)
        .x_label_area_size(44)
        .y_label_area_size(label_area)
        .build_cartesian_2d(low..high, canvas::Slots::new(n, 1))
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .x_max_light_lines(0)
        .x_labels(7)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(tick_style)
        .axis_desc_style(font(13.0, &INK))
        .x_label_formatter(&|x| unit.tick(*x, digits))
        .y_label_formatter(&|y| slot_label(&labels, *y, top_down))
        .x_desc(unit.axis_label(series.metric))
        .y_desc(canvas::label(key))
        .draw()
        .map_err(drawing)?;

    let whisker = ESTIMATE.filled().stroke_width(2);
    let rows: Vec<(f64, &Point)> = (0..n)
        .map(|slot| (slot as f64, &points[top_down(slot)]))
        .collect();
    chart
        .draw_series(rows.iter().filter_map(|&(y, p)| {
            let (lo, hi) = p.interval?;
            Some(ErrorBar::new_horizontal(y, lo, p.estimate, hi, whisker, 10))
        }))
        .map_err(drawing)?;
    chart
        .draw_series(
            rows.iter()
                .filter(|(_, p)| is_small_sample(p.count))
                .map(|&(y, p)| ring((p.estimate, y))),
        )
        .map_err(drawing)?;

    // The estimate, interval and n to the right of the plot.
    let note_style = left(font(12.0, &INK));
    let muted_style = left(font(12.0, &MUTED));
    for &(y, p) in &rows {
        let (px, py) = chart.backend_coord(&(high, y));
        let (lo, hi) = p.interval.unwrap_or((p.estimate, p.estimate));
        let note = format!(
            "{} ({} to {}), n = {}",
            unit.format(p.estimate),
            unit.format(lo),
            unit.format(hi),
            p.count
        );
        let style = if is_small_sample(p.count) {
            &muted_style
        } else {
            &note_style
        };
        root.draw_text(&note, style, (px + 10, py)).map_err(drawing)?;
    }
    Ok(())
}
