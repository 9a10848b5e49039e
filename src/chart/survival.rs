//! Retention charts: Kaplan-Meier curves as steps with their interval bands and the number at
//! risk under the axis ([`survival`]), and a cohort grid as a heat table
//! ([`retention_grid`]).

use std::fmt;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{
    self, Area, GRID, Glyph, Header, INK, Key, MARGIN, MUTED, centred, drawing, font, left, render,
    shorten, text_width,
};
use super::{Chart, ChartError, ChartOptions};
use crate::interval::ConfidenceLevel;
use crate::retention::{CellStatus, KaplanMeierSummary, RetentionGrid, SurvivalInterval};

/// One colour per curve: the Okabe-Ito palette without its yellow (too pale on white); an
/// eighth curve takes the first colour again.
static CURVES: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];

/// How opaque an interval band is.
const BAND_OPACITY: f64 = 0.18;

fn colour(i: usize) -> &'static RGBColor {
    &CURVES[i % CURVES.len()]
}

/// What a [`survival`] chart draws besides the curves: the interval method of its bands (or
/// none), censoring ticks, and how far along the duration axis it reaches.
///
/// ```
/// use satisfaction::chart::SurvivalStyle;
/// use satisfaction::retention::SurvivalInterval;
///
/// let style = SurvivalStyle::default()
///     .method(SurvivalInterval::LogLog)
///     .censoring_ticks(true)
///     .horizon(36);
/// assert_eq!(style, SurvivalStyle::default().horizon(36).censoring_ticks(true).method(SurvivalInterval::LogLog));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SurvivalStyle {
    method: SurvivalInterval,
    bands: bool,
    censoring_ticks: bool,
    horizon: Option<u64>,
}

impl Default for SurvivalStyle {
    /// Log-interval bands, no censoring ticks, the axis to the longest curve.
    fn default() -> Self {
        Self {
            method: SurvivalInterval::Log,
            bands: true,
            censoring_ticks: false,
            horizon: None,
        }
    }
}

impl SurvivalStyle {
    /// The interval method of the bands ([`SurvivalInterval::Log`] by default).
    #[must_use]
    pub fn method(mut self, method: SurvivalInterval) -> Self {
        self.method = method;
        self
    }

    /// Whether to shade each curve's pointwise interval (on by default).
    #[must_use]
    pub fn bands(mut self, bands: bool) -> Self {
        self.bands = bands;
        self
    }

    /// Whether to mark the durations at which customers were censored (still active) with a
    /// short vertical tick on the curve, as R's `plot.survfit` does (off by default).
    #[must_use]
    pub fn censoring_ticks(mut self, ticks: bool) -> Self {
        self.censoring_ticks = ticks;
        self
    }

    /// The last duration on the axis (by default the longest curve's last duration; at most
    /// [`MAX_DURATION`](crate::retention::MAX_DURATION)); curves are drawn to it or to their
    /// own last duration, whichever comes first.
    #[must_use]
    pub fn horizon(mut self, horizon: u64) -> Self {
        self.horizon = Some(horizon);
        self
    }
}

/// One or more retention curves (Kaplan-Meier, [`KaplanMeierSummary`]) as steps in percent,
/// each with its pointwise interval as a band in its colour and the number of customers at
/// risk printed under the duration axis, curve by curve, as survival plots in medical
/// journals have it.
///
/// `options.key_label()` names the duration unit (`"months"`; "periods" by default) and
/// `options.level()` the bands' level. [`survival_with`] takes a [`SurvivalStyle`] (interval
/// method, censoring ticks, horizon).
///
/// ```
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::retention::KaplanMeier;
/// use satisfaction::Aggregator;
///
/// let mut monthly = KaplanMeier::default();
/// monthly.try_extend_from_slices(&[1, 2, 2, 4, 5, 8, 12], &[true, true, false, true, true, true, false])?;
/// let mut annual = KaplanMeier::default();
/// annual.try_extend_from_slices(&[6, 12, 14, 20, 24, 24], &[false, true, true, false, true, false])?;
/// let curves = [("monthly", monthly.summary().unwrap()), ("annual", annual.summary().unwrap())];
/// let options = ChartOptions::builder().key_label("months").build()?;
/// let svg = chart::survival(curves.iter().map(|(k, s)| (k, s)), &options)?.into_svg();
/// assert!(svg.starts_with("<svg") && svg.contains("Number at risk") && svg.contains("monthly"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ChartError::Empty`] without curves.
pub fn survival<'a, K>(
    curves: impl IntoIterator<Item = (K, &'a KaplanMeierSummary)>,
    options: &ChartOptions,
) -> Result<Chart, ChartError>
where
    K: fmt::Display,
{
    survival_with(curves, &SurvivalStyle::default(), options)
}

/// [`survival`] with a [`SurvivalStyle`]: the bands' interval method, censoring ticks, the
/// horizon.
///
/// # Errors
///
/// [`ChartError::Empty`] without curves.
pub fn survival_with<'a, K>(
    curves: impl IntoIterator<Item = (K, &'a KaplanMeierSummary)>,
    style: &SurvivalStyle,
    options: &ChartOptions,
) -> Result<Chart, ChartError>
where
    K: fmt::Display,
{
    let curves: Vec<(String, &KaplanMeierSummary)> = curves
        .into_iter()
        .map(|(k, s)| (canvas::label(&k.to_string()), s))
        .collect();
    if curves.is_empty() {
        return Err(ChartError::Empty { what: "curves" });
    }
    let unit = options.key_label().unwrap_or("periods");
    let level = options.level();
    let horizon = style
        .horizon
        .unwrap_or_else(|| curves.iter().map(|(_, s)| s.last_time()).max().unwrap_or(0))
        .clamp(1, crate::retention::MAX_DURATION);
    let title = options
        .title()
        .map_or_else(|| "Customers retained".to_owned(), str::to_owned);
    let mut caption =
        format!("Kaplan-Meier: the share of customers still customers after each number of {unit}");
    if style.bands {
        caption.push_str(&format!(
            "; bands: the {level} pointwise interval ({} scale, Greenwood)",
            style.method
        ));
    }
    if style.censoring_ticks {
        caption.push_str("; ticks: customers still active, last seen there");
    }
    caption.push('.');
    let legend = curves
        .iter()
        .enumerate()
        .map(|(i, (name, s))| Key {
            glyph: Glyph::Swatch(*colour(i)),
            text: format!("{name} (n = {})", s.count()),
        })
        .collect();
    let header = Header {
        title,
        caption,
        legend,
    };
    render(options, &header, |root, body| {
        plot(root, body, &curves, style, (horizon, level), unit)
    })
}

/// Duration ticks: about `room / 70` of them at a round step (1, 2, 3, 6, 12, 24 for the
/// small spans of months, then 1-2-5 times a power of ten).
fn duration_ticks(horizon: u64, room: i32) -> Vec<u64> {
    let wanted = u64::try_from(room / 70).unwrap_or(1).clamp(2, 12);
    let rough = horizon.div_ceil(wanted).max(1);
    let small = [
        1u64, 2, 3, 4, 5, 6, 10, 12, 15, 20, 24, 25, 30, 36, 48, 50, 60,
    ];
    let step = small
        .iter()
        .copied()
        .find(|&s| s >= rough)
        .unwrap_or_else(|| {
            let mut power = 100u64;
            loop {
                if let Some(s) = [1u64, 2, 5]
                    .iter()
                    .filter_map(|m| m.checked_mul(power))
                    .find(|&s| s >= rough)
                {
                    break s;
                }
                match power.checked_mul(10) {
                    Some(p) => power = p,
                    None => break rough,
                }
            }
        });
    (0..=horizon / step).map(|i| i * step).collect()
}

/// The step path of `points` (time, value) to `end`: right-continuous, flat between steps.
fn steps(points: &[(f64, f64)], end: f64) -> Vec<(f64, f64)> {
    let mut path = Vec::with_capacity(2 * points.len() + 1);
    for &(x, y) in points {
        if let Some(&(_, last)) = path.last() {
            path.push((x, last));
        }
        path.push((x, y));
    }
    if let Some(&(x, last)) = path.last()
        && x < end
    {
        path.push((end, last));
    }
    path
}

fn plot<'b>(
    root: &Area<'b>,
    body: &Area<'b>,
    curves: &[(String, &KaplanMeierSummary)],
    style: &SurvivalStyle,
    (horizon, level): (u64, ConfidenceLevel),
    unit: &str,
) -> Result<(), ChartError> {
    let level_style = font(12.0, &INK);
    let count_style = centred(font(11.0, &INK));
    let (width, _) = body.dim_in_pixel();
    let width = i32::try_from(width).unwrap_or(i32::MAX);
    let names: Vec<String> = curves
        .iter()
        .map(|(name, _)| shorten(body, name, &level_style, width / 5))
        .collect();
    let label_area = names
        .iter()
        .map(|n| text_width(body, n, &level_style))
        .max()
        .unwrap_or(0)
        .max(44)
        + 18;
    let rows = i32::try_from(curves.len()).unwrap_or(i32::MAX);
    let table = 58 + 17 * rows;
    let end = horizon as f64;
    let mut chart = ChartBuilder::on(body)
        .margin_left(MARGIN)
        .margin_right(MARGIN + 12)
        .margin_top(4)
        .margin_bottom(6)
        .x_label_area_size(table)
        .y_label_area_size(label_area)
        .build_cartesian_2d(0.0..end, -2.0..102.0)
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_max_light_lines(0)
        .y_labels(6)
        .x_labels(0)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(level_style.clone())
        .axis_desc_style(font(13.0, &INK))
        .y_label_formatter(&|y| {
            if (-1e-9..=100.0 + 1e-9).contains(y) {
                format!("{y:.0}%")
            } else {
                String::new()
            }
        })
        .y_desc("retained")
        .draw()
        .map_err(drawing)?;

    let percent = |s: f64| 100.0 * s;
    for (i, (_, curve)) in curves.iter().enumerate().rev() {
        let colour = colour(i);
        let shown: Vec<_> = curve
            .steps()
            .iter()
            .take_while(|s| s.time() <= horizon)
            .collect();
        let last = curve.last_time().min(horizon) as f64;
        if style.bands {
            // The band runs while the curve has an interval (to where S reaches 0).
            let mut upper = vec![(0.0, 100.0)];
            let mut lower = vec![(0.0, 100.0)];
            let mut open = true;
            for step in &shown {
                match step.interval(level, style.method) {
                    Some(ci) if open => {
                        upper.push((step.time() as f64, percent(ci.upper())));
                        lower.push((step.time() as f64, percent(ci.lower())));
                    }
                    _ => open = false,
                }
            }
            let band_end = if open {
                last
            } else {
                upper.last().map_or(0.0, |p| p.0)
            };
            let mut outline = steps(&upper, band_end);
            outline.extend(steps(&lower, band_end).into_iter().rev());
            chart
                .draw_series(std::iter::once(Polygon::new(
                    outline,
                    colour.mix(BAND_OPACITY).filled(),
                )))
                .map_err(drawing)?;
        }
        let mut points = vec![(0.0, 100.0)];
        points.extend(
            shown
                .iter()
                .map(|s| (s.time() as f64, percent(s.survival()))),
        );
        chart
            .draw_series(std::iter::once(PathElement::new(
                steps(&points, last),
                colour.stroke_width(2),
            )))
            .map_err(drawing)?;
        if style.censoring_ticks {
            for step in shown.iter().filter(|s| s.censored() > 0) {
                let (x, y) = chart.backend_coord(&(step.time() as f64, percent(step.survival())));
                root.draw(&PathElement::new(
                    vec![(x, y - 5), (x, y + 5)],
                    colour.stroke_width(1),
                ))
                .map_err(drawing)?;
            }
        }
    }

    // The duration axis, drawn here so that its ticks are the at-risk table's columns.
    let (left_x, axis_y) = chart.backend_coord(&(0.0, -2.0));
    let (right_x, _) = chart.backend_coord(&(end, -2.0));
    let ticks = duration_ticks(horizon, right_x - left_x);
    let tick_label = font(12.0, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    for &t in &ticks {
        let (x, _) = chart.backend_coord(&(t as f64, -2.0));
        root.draw(&PathElement::new(
            vec![(x, axis_y), (x, axis_y + 5)],
            MUTED.stroke_width(1),
        ))
        .map_err(drawing)?;
        root.draw_text(&t.to_string(), &tick_label, (x, axis_y + 8))
            .map_err(drawing)?;
    }
    let desc = font(13.0, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    root.draw_text(
        &format!("{} since start", canvas::label(unit)),
        &desc,
        ((left_x + right_x) / 2, axis_y + 26),
    )
    .map_err(drawing)?;
    let heading = left(font(12.0, &MUTED));
    root.draw_text("Number at risk", &heading, (MARGIN, axis_y + 54))
        .map_err(drawing)?;
    for (i, ((_, curve), name)) in curves.iter().zip(&names).enumerate() {
        let y = axis_y + 71 + 17 * i32::try_from(i).unwrap_or(0);
        root.draw_text(name, &left(font(12.0, colour(i))), (MARGIN, y))
            .map_err(drawing)?;
        for &t in &ticks {
            let (x, _) = chart.backend_coord(&(t as f64, -2.0));
            root.draw_text(&curve.at_risk(t).to_string(), &count_style, (x, y))
                .map_err(drawing)?;
        }
    }
    Ok(())
}

/// A cohort retention grid ([`RetentionGrid`]) as a heat table: one row per cohort, one
/// column per period after the start, each cell shaded by the share retained and printed in
/// percent; a share that rests on part of its cohort is marked `*`, and a period a cohort has
/// not lived yet is left blank with a dash: no colour, no number.
///
/// `options.title()` replaces the default title; the level and method are the grid's own.
///
/// ```
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::retention::{CohortRetention, SurvivalInterval};
/// use satisfaction::{ConfidenceLevel, Granularity};
///
/// let jan_1 = 1_767_225_600; // 2026-01-01
/// let mut cohorts = CohortRetention::new(Granularity::Month, jan_1 + 100 * 86_400)?;
/// cohorts.try_push(jan_1, None)?;
/// cohorts.try_push(jan_1 + 3 * 86_400, Some(jan_1 + 50 * 86_400))?;
/// cohorts.try_push(jan_1 + 40 * 86_400, None)?;
/// let grid = cohorts.grid(3, ConfidenceLevel::P95, SurvivalInterval::Log);
/// let svg = chart::retention_grid(&grid, &ChartOptions::default())?.into_svg();
/// assert!(svg.contains("2026-01") && svg.contains("50%"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ChartError::Empty`] for a grid without cohorts or periods.
pub fn retention_grid(grid: &RetentionGrid, options: &ChartOptions) -> Result<Chart, ChartError> {
    if grid.rows().is_empty() || grid.periods() == 0 {
        return Err(ChartError::Empty {
            what: "cohorts or periods",
        });
    }
    let title = options
        .title()
        .map_or_else(|| "Retention by cohort".to_owned(), str::to_owned);
    let caption = format!(
        "The share of each cohort still customers +k {}s after their start (Kaplan-Meier); \
         * rests on part of the cohort; - not lived yet: no number.",
        granularity_name(grid.granularity())
    );
    let header = Header {
        title,
        caption,
        legend: vec![
            Key {
                glyph: Glyph::Swatch(shade(1.0)),
                text: "100% retained".into(),
            },
            Key {
                glyph: Glyph::Swatch(shade(0.5)),
                text: "50%".into(),
            },
            Key {
                glyph: Glyph::Swatch(shade(0.0)),
                text: "0%".into(),
            },
        ],
    };
    render(options, &header, |root, body| heat(root, body, grid))
}

fn granularity_name(granularity: crate::period::Granularity) -> &'static str {
    use crate::period::Granularity;
    match granularity {
        Granularity::Day => "day",
        Granularity::IsoWeek => "week",
        Granularity::Month => "month",
        Granularity::Quarter => "quarter",
        Granularity::Year => "year",
    }
}

/// The shade of a share: from a pale blue (0, still visible on white, unlike a cell the
/// cohort has not lived) to the estimate's blue (1).
fn shade(share: f64) -> RGBColor {
    let s = share.clamp(0.0, 1.0);
    let mix = |pale: u8, full: u8| {
        (f64::from(pale) - s * (f64::from(pale) - f64::from(full))).round() as u8
    };
    RGBColor(mix(222, 0), mix(235, 114), mix(247, 178))
}

fn heat<'b>(root: &Area<'b>, body: &Area<'b>, grid: &RetentionGrid) -> Result<(), ChartError> {
    let (width, height) = body.dim_in_pixel();
    let (width, height) = (
        i32::try_from(width).unwrap_or(i32::MAX),
        i32::try_from(height).unwrap_or(i32::MAX),
    );
    let (_, top) = body.get_base_pixel();
    let label_style = left(font(12.0, &INK));
    let label_width = grid
        .rows()
        .iter()
        .map(|r| {
            text_width(
                body,
                &format!("{} (n = {})", r.cohort(), r.customers()),
                &label_style,
            )
        })
        .max()
        .unwrap_or(0)
        + 12;
    let columns = i32::try_from(grid.periods()).unwrap_or(i32::MAX);
    let rows = i32::try_from(grid.rows().len()).unwrap_or(i32::MAX);
    let cell_w = ((width - 2 * MARGIN - label_width) / columns.max(1)).max(1);
    let cell_h = ((height - 30) / rows.max(1)).clamp(1, 28);
    let x0 = MARGIN + label_width;
    let y0 = top + 22;
    let header_style = centred(font(11.0, &MUTED));
    for k in 1..=columns {
        let x = x0 + (k - 1) * cell_w + cell_w / 2;
        root.draw_text(&format!("+{k}"), &header_style, (x, top + 10))
            .map_err(drawing)?;
    }
    let show_text = cell_w >= text_width(body, "100%*", &font(11.0, &INK)) + 4 && cell_h >= 13;
    for (r, row) in grid.rows().iter().enumerate() {
        let y = y0 + i32::try_from(r).unwrap_or(0) * cell_h;
        root.draw_text(
            &format!("{} (n = {})", row.cohort(), row.customers()),
            &label_style,
            (MARGIN, y + cell_h / 2),
        )
        .map_err(drawing)?;
        for (c, cell) in row.cells().iter().enumerate() {
            let x = x0 + i32::try_from(c).unwrap_or(0) * cell_w;
            let corners = [(x, y), (x + cell_w - 1, y + cell_h - 1)];
            match cell.retained() {
                Some(share) => {
                    root.draw(&Rectangle::new(corners, shade(share).filled()))
                        .map_err(drawing)?;
                    if show_text {
                        let ink: &'static RGBColor = if share > 0.55 { &WHITE } else { &INK };
                        let mark = if matches!(cell.status(), CellStatus::Partial { .. }) {
                            "*"
                        } else {
                            ""
                        };
                        let text = format!("{:.0}%{mark}", 100.0 * share);
                        root.draw_text(
                            &text,
                            &centred(font(11.0, ink)),
                            (x + cell_w / 2, y + cell_h / 2),
                        )
                        .map_err(drawing)?;
                    }
                }
                None => {
                    // No colour: an outline only.
                    root.draw(&Rectangle::new(corners, GRID.stroke_width(1)))
                        .map_err(drawing)?;
                    if show_text {
                        root.draw_text(
                            "-",
                            &centred(font(11.0, &MUTED)),
                            (x + cell_w / 2, y + cell_h / 2),
                        )
                        .map_err(drawing)?;
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            duration_ticks(36, 700),
            [0, 4, 8, 12, 16, 20, 24, 28, 32, 36]
        );
        assert_eq!(duration_ticks(36, 420), [0, 6, 12, 18, 24, 30, 36]);
        assert_eq!(duration_ticks(1, 700), [0, 1]);
        assert_eq!(
            duration_ticks(1000, 700),
            (0..=10).map(|i| i * 100).collect::<Vec<_>>()
        );
        assert!(duration_ticks(u64::MAX, 700).len() <= 12);
    }

    #[test]
    fn step_paths_hold_their_value_until_the_next_step() {
        let path = steps(&[(0.0, 100.0), (2.0, 80.0), (5.0, 50.0)], 8.0);
        assert_eq!(
            path,
            [
                (0.0, 100.0),
                (2.0, 100.0),
                (2.0, 80.0),
                (5.0, 80.0),
                (5.0, 50.0),
                (8.0, 50.0)
            ]
        );
    }
}
