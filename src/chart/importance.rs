//! The importance-performance map of a key-driver analysis (Martilla & James 1977): each
//! driver's share of R² against its mean rating, split into four quadrants at the means.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{
    Area, ESTIMATE, GRID, Glyph, Header, INK, Key, MARGIN, MUTED, drawing, font, label, render,
};
use super::scale::decimals;
use super::{Chart, ChartError, ChartOptions};
use crate::drivers::{DriverIntervals, KeyDriversSummary, Measure, Quadrant};

/// The importance-performance map of `summary`: importance (each driver's LMG as a share of
/// R²) up, performance (its mean over the rows used) across, with a dashed line at each mean
/// and the four quadrants named, "concentrate here" top left. With `intervals`, each driver's
/// importance carries its bootstrap interval as a whisker; the caption names the measure, the
/// interval and the split.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::drivers::KeyDrivers;
///
/// let mut drivers = KeyDrivers::new(&["wifi", "seat", "food"])?;
/// for i in 0..60u32 {
///     let (wifi, seat, food) = (f64::from(i % 5 + 1), f64::from((i * 3) % 5 + 1), f64::from((i * 7) % 4 + 2));
///     drivers.try_push(0.9 * wifi + 0.4 * seat + 0.1 * food + f64::from(i % 3), &[Some(wifi), Some(seat), Some(food)])?;
/// }
/// let summary = drivers.summary().unwrap();
/// let svg = chart::importance_performance(&summary, None, &ChartOptions::default())?.into_svg();
/// assert!(svg.contains("concentrate here") && svg.contains("wifi"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ChartError::NotPlottable`] for a measure or mean that is not finite (a summary of the
/// crate never has one).
pub fn importance_performance(
    summary: &KeyDriversSummary,
    intervals: Option<&DriverIntervals>,
    options: &ChartOptions,
) -> Result<Chart, ChartError> {
    let r2 = summary.r_squared();
    let mut points = Vec::new();
    for d in summary.drivers() {
        let name = label(d.name());
        let importance =
            super::canvas::plottable(&name, "importance", 100.0 * d.share(Measure::Lmg))?;
        let performance = super::canvas::plottable(&name, "performance", d.performance())?;
        let whisker = intervals
            .and_then(|i| i.interval(d.name(), Measure::Lmg))
            .map(|ci| (100.0 * ci.lower() / r2, 100.0 * ci.upper() / r2))
            .filter(|(lo, hi)| lo.is_finite() && hi.is_finite());
        points.push((name, performance, importance, whisker, d.quadrant()));
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.1).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.2).sum::<f64>() / n;
    let title = options.title().map_or_else(
        || "Importance and performance of the drivers".to_owned(),
        str::to_owned,
    );
    let mut caption = format!(
        "Importance: LMG share of R² (R² = {r2:.3}, n = {}). Performance: mean rating. \
         Dashed: the means (Martilla & James 1977).",
        summary.n()
    );
    if let Some(i) = intervals {
        caption.push_str(&format!(
            " Whiskers: {} percentile bootstrap, {} replicates.",
            i.level(),
            i.replicates()
        ));
    }
    let mut legend = vec![Key {
        glyph: Glyph::Dot { hollow: false },
        text: "a driver".into(),
    }];
    if intervals.is_some() {
        legend.push(Key {
            glyph: Glyph::Whisker,
            text: format!("{} interval of its importance", options.level()),
        });
    }
    let header = Header {
        title,
        caption,
        legend,
    };
    render(options, &header, |root, body| {
        plot(root, body, &points, (mean_x, mean_y))
    })
}

type Point = (String, f64, f64, Option<(f64, f64)>, Quadrant);

/// The axes, split lines, quadrant names, whiskers, dots and names below the header; text
/// placed at data coordinates is drawn on `root`, whose pixels `backend_coord` gives.
fn plot<'b>(
    root: &Area<'b>,
    body: &Area<'b>,
    points: &[Point],
    (mean_x, mean_y): (f64, f64),
) -> Result<(), ChartError> {
    let pad = |lo: f64, hi: f64| {
        let span = (hi - lo).max(1e-9);
        (lo - 0.12 * span, hi + 0.12 * span)
    };
    let (x0, x1) = pad(
        points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min),
        points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max),
    );
    let y_values = points.iter().flat_map(|p| {
        let (lo, hi) = p.3.unwrap_or((p.2, p.2));
        [p.2, lo, hi]
    });
    let (ymin, ymax) = y_values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (y0, y1) = pad(ymin.min(0.0), ymax);
    let (xd, yd) = (decimals((x0, x1)), decimals((y0, y1)));
    let mut chart = ChartBuilder::on(body)
        .margin_left(MARGIN)
        .margin_right(MARGIN + 10)
        .margin_top(4)
        .margin_bottom(6)
        .x_label_area_size(44)
        .y_label_area_size(74)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .x_max_light_lines(0)
        .y_max_light_lines(0)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(font(12.0, &INK))
        .axis_desc_style(font(13.0, &INK))
        .x_label_formatter(&|x| format!("{x:.xd$}"))
        .y_label_formatter(&|y| format!("{y:.yd$}%"))
        .x_desc("performance (mean rating)")
        .y_desc("importance (share of R², %)")
        .draw()
        .map_err(drawing)?;
    // The split lines, dashed by hand (plotters 0.3.7 has no dashed path in the SVG
    // backend's element set): 24 short segments each.
    let dashes = |from: (f64, f64), to: (f64, f64)| {
        (0..24).map(move |k| {
            let at = |t: f64| (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
            PathElement::new(
                vec![at(f64::from(k) / 24.0), at((f64::from(k) + 0.5) / 24.0)],
                MUTED.stroke_width(1),
            )
        })
    };
    chart
        .draw_series(dashes((mean_x, y0), (mean_x, y1)).chain(dashes((x0, mean_y), (x1, mean_y))))
        .map_err(drawing)?;
    let corner = font(12.0, &MUTED);
    for (text, at, left, top) in [
        (Quadrant::ConcentrateHere, (x0, y1), true, true),
        (Quadrant::KeepUpTheGoodWork, (x1, y1), false, true),
        (Quadrant::LowPriority, (x0, y0), true, false),
        (Quadrant::PossibleOverkill, (x1, y0), false, false),
    ] {
        let (px, py) = chart.backend_coord(&at);
        let h = if left { HPos::Left } else { HPos::Right };
        let v = if top { VPos::Top } else { VPos::Bottom };
        let shift = (if left { 6 } else { -6 }, if top { 4 } else { -4 });
        root.draw_text(
            text.name(),
            &corner.pos(Pos::new(h, v)),
            (px + shift.0, py + shift.1),
        )
        .map_err(drawing)?;
    }
    let whisker = ESTIMATE.stroke_width(2);
    chart
        .draw_series(points.iter().filter_map(|p| {
            let (lo, hi) = p.3?;
            Some(ErrorBar::new_vertical(p.1, lo, p.2, hi, whisker, 8))
        }))
        .map_err(drawing)?;
    chart
        .draw_series(
            points
                .iter()
                .map(|p| Circle::new((p.1, p.2), 5, ESTIMATE.filled())),
        )
        .map_err(drawing)?;
    let name_style = font(12.0, &INK).pos(Pos::new(HPos::Left, VPos::Center));
    for p in points {
        let (px, py) = chart.backend_coord(&(p.1, p.2));
        root.draw_text(&p.0, &name_style, (px + 8, py - 9))
            .map_err(drawing)?;
    }
    Ok(())
}
