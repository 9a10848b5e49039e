//! The layout of a chart with one row per segment (the NPS bars and the ranking): labels on
//! the left, the value axis along the bottom, a note (score, interval, n) right of each row.

use std::ops::Range;

use plotters::chart::ChartContext;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::ChartError;
use super::canvas::{Area, GRID, INK, MARGIN, MUTED, drawing, font, left, shorten, text_width};
use super::slots::{Slots, slot_label};

/// A chart of rows: values across, one slot per row down the y axis (row `i` at `y = i`).
pub(super) type RowChart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, Slots>>;

/// One row: its label, the note right of it, and whether the note is muted (a small sample).
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) label: String,
    pub(super) note: String,
    pub(super) muted: bool,
}

/// The value axis of a row chart.
pub(super) struct Across<'f> {
    pub(super) range: Range<f64>,
    pub(super) ticks: usize,
    pub(super) format: &'f dyn Fn(&f64) -> String,
    pub(super) desc: String,
}

/// Lays out `rows` (top to bottom) under the header: label area as wide as the widest label
/// (at most a quarter of the width) and note margin as wide as the widest note (at most a
/// third; longer ones are shortened), the mesh, the axis descriptions and the notes. Returns the chart, for
/// the caller to draw its rows into.
pub(super) fn layout<'a, 'b>(
    root: &Area<'b>,
    body: &'a Area<'b>,
    rows: &[Row],
    across: &Across<'_>,
    key: &str,
) -> Result<RowChart<'a, 'b>, ChartError> {
    let n = rows.len();
    let tick_style = font(12.0, &INK);
    let note_style = left(font(12.0, &INK));
    let muted_style = left(font(12.0, &MUTED));
    let (width, _) = body.dim_in_pixel();
    let width = i32::try_from(width).unwrap_or(i32::MAX);
    let labels: Vec<String> = rows
        .iter()
        .map(|r| shorten(body, &r.label, &tick_style, width / 4))
        .collect();
    let notes: Vec<String> = rows
        .iter()
        .map(|r| shorten(body, &r.note, &note_style, width / 3))
        .collect();
    let widest = |texts: &[String], style| {
        texts
            .iter()
            .map(|t| text_width(body, t, style))
            .max()
            .unwrap_or(0)
    };
    let label_area = widest(&labels, &tick_style).max(30) + 44;
    let note_area = widest(&notes, &note_style) + 16;
    // About one value tick per 60 px of plot, so tick labels never run together.
    let plot_width = width - label_area - note_area - 2 * MARGIN;
    let ticks = across
        .ticks
        .min(usize::try_from(plot_width / 60).unwrap_or(0).max(2));

    let mut chart = ChartBuilder::on(body)
        .margin_left(MARGIN)
        // The notes go in the right margin (a right label area would repeat the labels).
        .margin_right(MARGIN + note_area)
        .margin_top(4)
        .margin_bottom(6)
        .x_label_area_size(44)
        .y_label_area_size(label_area)
        .build_cartesian_2d(across.range.clone(), Slots::downward(n))
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .x_max_light_lines(0)
        .x_labels(ticks)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(tick_style.clone())
        .axis_desc_style(font(13.0, &INK))
        .x_label_formatter(across.format)
        .y_label_formatter(&|y| slot_label(&labels, *y))
        .x_desc(across.desc.as_str())
        .y_desc(super::canvas::label(key))
        .draw()
        .map_err(drawing)?;

    for (i, (row, note)) in rows.iter().zip(&notes).enumerate() {
        let (x, y) = chart.backend_coord(&(across.range.end, i as f64));
        let style = if row.muted { &muted_style } else { &note_style };
        root.draw_text(note, style, (x + 10, y)).map_err(drawing)?;
    }
    Ok(chart)
}
