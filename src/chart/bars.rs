//! NPS as stacked bars: each segment's detractor, passive and promoter shares.

use std::fmt;

use plotters::prelude::*;

use super::canvas::{
    self, Area, DETRACTOR, GRID, Glyph, INK, Key, MARGIN, MUTED, PASSIVE, PROMOTER, centred,
    drawing, font, header, left, render, slot_label, text_width,
};
use super::{Chart, ChartError, ChartOptions};
use crate::interval::{MIN_RELIABLE_N, is_small_sample};
use crate::{NpsCategory, NpsSummary};

/// One segment's bar.
struct Bar {
    label: String,
    /// Shares in percent, in the order of [`NpsCategory::ALL`] (detractors first).
    shares: [f64; 3],
    score: f64,
    count: u64,
}

/// Draws the stacked bars; see [`chart::nps_bars`](super::nps_bars).
pub(super) fn draw<'a, K: fmt::Display>(
    segments: impl IntoIterator<Item = (K, &'a NpsSummary)>,
    options: &ChartOptions,
) -> Result<Chart, ChartError> {
    let bars: Vec<Bar> = segments
        .into_iter()
        .map(|(key, s)| Bar {
            label: canvas::label(&key.to_string()),
            shares: NpsCategory::ALL.map(|c| 100.0 * s.share_of(c)),
            score: s.score(),
            count: s.count(),
        })
        .collect();
    if bars.is_empty() {
        return Err(ChartError::Empty { what: "segments" });
    }
    let key = options.key_label().unwrap_or("segment");
    let title = options
        .title()
        .map_or_else(|| format!("NPS by {key}: who answers what"), str::to_owned);
    let caption = format!(
        "Share of each {key}'s answers by group; NPS = % promoters − % detractors \
         (n < {MIN_RELIABLE_N} marked: too few to act on)."
    );
    let legend: Vec<Key> = NpsCategory::ALL
        .iter()
        .zip(COLORS)
        .map(|(category, color)| Key {
            glyph: Glyph::Swatch(color),
            text: format!("{} ({})", category.plural(), range(*category)),
        })
        .collect();
    render(options, |root| {
        let body = header(root, &title, &caption, &legend)?;
        plot(root, &body, &bars, key)
    })
}

/// The colours of the groups, in the order of [`NpsCategory::ALL`].
const COLORS: [RGBColor; 3] = [DETRACTOR, PASSIVE, PROMOTER];

/// The scores of a group, as the legend prints them.
fn range(category: NpsCategory) -> &'static str {
    match category {
        NpsCategory::Detractor => "0-6",
        NpsCategory::Passive => "7-8",
        _ => "9-10",
    }
}

/// The axes, bars, share labels and scores below the header. The first segment is at the top.
fn plot(root: &Area<'_>, body: &Area<'_>, bars: &[Bar], key: &str) -> Result<(), ChartError> {
    let n = bars.len();
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
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
    let note_area = 150;
    let mut chart = ChartBuilder::on(body)
        .margin_left(MARGIN)
        // The notes go in the right margin (a right label area would repeat the labels).
        .margin_right(MARGIN + note_area)
        .margin_top(4)
        .margin_bottom(6)
        .x_label_area_size(44)
        .y_label_area_size(label_area)
        .build_cartesian_2d(0.0..100.0, canvas::Slots::new(n, 1))
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_max_light_lines(0)
        .x_labels(6)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(tick_style)
        .axis_desc_style(font(13.0, &INK))
        .x_label_formatter(&|x| format!("{x:.0}%"))
        .y_label_formatter(&|y| slot_label(&labels, *y, top_down))
        .x_desc("share of answers (%)")
        .y_desc(canvas::label(key))
        .draw()
        .map_err(drawing)?;

    // Each bar is up to three boxes; a group nobody is in draws nothing.
    let boxes = (0..n).flat_map(|slot| {
        let bar = &bars[top_down(slot)];
        let y = slot as f64;
        let mut start = 0.0;
        bar.shares.iter().zip(COLORS).filter_map(move |(&share, color)| {
            let from = start;
            start += share;
            (share > 0.0).then(|| (y, from, (from + share).min(100.0), color))
        })
    });
    let boxes: Vec<(f64, f64, f64, RGBColor)> = boxes.collect();
    chart
        .draw_series(boxes.iter().map(|&(y, from, to, color)| {
            Rectangle::new([(from, y - 0.32), (to, y + 0.32)], color.filled())
        }))
        .map_err(drawing)?;
    // The share in each box wide enough to hold it.
    for &(y, from, to, color) in &boxes {
        if to - from >= 7.0 {
            let ink = if color == PASSIVE { &INK } else { &WHITE };
            let (x, y) = chart.backend_coord(&((from + to) / 2.0, y));
            let style = centred(("sans-serif", 11.5 * 1.24).into_font().color(ink));
            root.draw_text(&format!("{:.0}%", to - from), &style, (x, y))
                .map_err(drawing)?;
        }
    }
    // The score and n to the right of each bar.
    let note_style = left(font(12.0, &INK));
    let small_style = left(font(12.0, &MUTED));
    for slot in 0..n {
        let bar = &bars[top_down(slot)];
        let (x, y) = chart.backend_coord(&(100.0, slot as f64));
        let small = is_small_sample(bar.count);
        let note = format!(
            "NPS {:+.1}, n = {}{}",
            bar.score + 0.0,
            bar.count,
            if small { " (small)" } else { "" }
        );
        let style = if small { &small_style } else { &note_style };
        root.draw_text(&note, style, (x + 10, y)).map_err(drawing)?;
    }
    Ok(())
}
