//! NPS as stacked bars: each segment's detractor, passive and promoter shares.

use std::fmt;

use plotters::prelude::*;

use super::canvas::{
    self, Area, DETRACTOR, Glyph, Header, INK, Key, PASSIVE, PROMOTER, centred, drawing, font,
    render, text_width,
};
use super::rows::{self, Across, Row};
use super::{Chart, ChartError, ChartOptions};
use crate::interval::{MIN_RELIABLE_N, is_small_sample};
use crate::metrics::nps::NpsSummary;
use crate::scale::NpsCategory;

/// One segment's bar.
struct Bar {
    label: String,
    /// Shares in percent, in the order of [`NpsCategory::ALL`] (detractors first).
    shares: [f64; 3],
    /// The shares as printed: whole percentages by largest remainder, adding up to 100.
    printed: [f64; 3],
    score: f64,
    count: u64,
}

/// NPS per segment as 100% stacked bars: detractors (0-6), passives (7-8) and promoters
/// (9-10) as shares of the segment's answers, with the score and n beside each bar. The first
/// segment is at the top.
///
/// ```
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::{Aggregator, Grouped, Nps};
///
/// let mut by_channel: Grouped<&str, Nps> = Grouped::default();
/// by_channel.entry("chat").try_extend_from_slice(&[10, 9, 8, 3])?;
/// by_channel.entry("phone").try_extend_from_slice(&[6, 7, 9])?;
/// let options = ChartOptions::builder().key_label("channel").build()?;
/// let svg = chart::nps_bars(&by_channel.summary().unwrap(), &options)?.into_svg();
/// assert!(svg.starts_with("<svg") && svg.contains("NPS +25.0, n = 4 (small)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ChartError::Empty`] without segments.
pub fn nps_bars<'a, K: fmt::Display>(
    segments: impl IntoIterator<Item = (K, &'a NpsSummary)>,
    options: &ChartOptions,
) -> Result<Chart, ChartError> {
    let bars: Vec<Bar> = segments
        .into_iter()
        .map(|(key, s)| Bar {
            label: canvas::label(&key.to_string()),
            shares: NpsCategory::ALL.map(|c| 100.0 * s.share_of(c)),
            printed: whole_percentages(NpsCategory::ALL.map(|c| s.count_of(c) as f64)),
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
    let header = Header {
        title,
        caption,
        legend,
    };
    render(options, &header, |root, body| plot(root, body, &bars, key))
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
fn plot<'b>(root: &Area<'b>, body: &Area<'b>, bars: &[Bar], key: &str) -> Result<(), ChartError> {
    let rows: Vec<Row> = bars
        .iter()
        .map(|bar| {
            let small = is_small_sample(bar.count);
            Row {
                label: bar.label.clone(),
                note: format!(
                    "NPS {:+.1}, n = {}{}",
                    bar.score + 0.0,
                    bar.count,
                    if small { " (small)" } else { "" }
                ),
                muted: small,
            }
        })
        .collect();
    let across = Across {
        range: 0.0..100.0,
        ticks: 6,
        format: &|x| format!("{x:.0}%"),
        desc: "share of answers (%)".to_owned(),
    };
    let mut chart = rows::layout(root, body, &rows, &across, key)?;

    // Each bar is up to three boxes; a group nobody is in draws nothing.
    let boxes: Vec<(f64, f64, f64, RGBColor, f64)> = bars
        .iter()
        .enumerate()
        .flat_map(|(i, bar)| {
            let y = i as f64;
            let mut start = 0.0;
            bar.shares.iter().zip(bar.printed).zip(COLORS).filter_map(
                move |((&share, printed), color)| {
                    let from = start;
                    start += share;
                    (share > 0.0).then(|| (y, from, (from + share).min(100.0), color, printed))
                },
            )
        })
        .collect();
    chart
        .draw_series(boxes.iter().map(|&(y, from, to, color, _)| {
            Rectangle::new([(from, y - 0.32), (to, y + 0.32)], color.filled())
        }))
        .map_err(drawing)?;
    // The share in each box wide enough to hold it.
    let on_colour = centred(font(11.5, &WHITE));
    let on_grey = centred(font(11.5, &INK));
    for &(y, from, to, color, printed) in &boxes {
        let (x, y) = chart.backend_coord(&((from + to) / 2.0, y));
        let text = format!("{printed:.0}%");
        let style = if color == PASSIVE {
            &on_grey
        } else {
            &on_colour
        };
        let (left, right) = (
            chart.backend_coord(&(from, 0.0)).0,
            chart.backend_coord(&(to, 0.0)).0,
        );
        if right - left >= text_width(root, &text, style) + 6 {
            root.draw_text(&text, style, (x, y)).map_err(drawing)?;
        }
    }
    Ok(())
}

/// Whole percentages of `counts` that add up to 100 (largest remainder): a bar printed 17%,
/// 36%, 46% would leave its reader looking for the missing 1%.
fn whole_percentages(counts: [f64; 3]) -> [f64; 3] {
    match crate::display::largest_remainder(&counts, 0).as_deref() {
        Some(&[a, b, c]) => [a, b, c],
        // No answers: nothing is printed on an empty bar.
        _ => [0.0; 3],
    }
}
