//! Summaries read into checked numbers in the display unit: what the trend and the ranking
//! draw.

use std::fmt;

use super::ChartError;
use super::canvas::{Glyph, Key, label, plottable};
use super::marks::Marks;
use super::scale::Unit;
use crate::compare::Direction;
use crate::interval::ConfidenceLevel;
use crate::interval::{MIN_RELIABLE_N, is_small_sample};
use crate::summary::Summary;

/// One period or segment: its label, estimate, interval (if it has one at the chart's level)
/// and sample size, in the display unit.
#[derive(Debug, Clone)]
pub(super) struct Point {
    pub(super) label: String,
    pub(super) estimate: f64,
    pub(super) interval: Option<(f64, f64)>,
    pub(super) count: u64,
    /// The significance mark of a flagged comparison.
    pub(super) mark: Option<Direction>,
}

/// The points of one chart with what the axes and caption need to know about them.
#[derive(Debug, Clone)]
pub(super) struct Series {
    pub(super) points: Vec<Point>,
    /// The metric's name (of the first summary).
    pub(super) metric: &'static str,
    /// The interval methods, in order of first use, joined by " / " (one, for every metric
    /// the crate has).
    pub(super) method: String,
    pub(super) unit: Unit,
    /// The metric's domain in the display unit.
    pub(super) domain: (f64, f64),
}

/// A summary's domain, if it can scale an axis: a finite lower end below the upper end, which
/// may be +∞ (durations). A summary implemented outside the crate may report anything.
fn checked_domain(name: &str, (low, high): (f64, f64)) -> Result<(f64, f64), ChartError> {
    let not = |what, value| ChartError::NotPlottable {
        label: name.to_owned(),
        what,
        value,
    };
    if !low.is_finite() {
        return Err(not("domain lower end", low));
    }
    if high.partial_cmp(&low) != Some(std::cmp::Ordering::Greater) {
        return Err(not("domain upper end", high));
    }
    Ok((low, high))
}

/// A summary's headline as a report prints it: the estimate and its interval in the metric's
/// display unit (`+32.0`, `81.2%`, `12.5 min`), the method and the sample size.
#[cfg(feature = "report")]
#[derive(Debug, Clone)]
pub(crate) struct Described {
    pub(crate) metric: &'static str,
    pub(crate) estimate: String,
    /// The interval's bounds, when the summary has one at the level.
    pub(crate) interval: Option<(String, String)>,
    pub(crate) method: &'static str,
    pub(crate) count: u64,
}

/// `summary`'s headline at `level`, read as a chart reads it.
///
/// # Errors
///
/// [`ChartError::NotPlottable`] for an estimate or bound that is not finite.
#[cfg(feature = "report")]
pub(crate) fn describe<S: Summary>(
    summary: &S,
    level: ConfidenceLevel,
) -> Result<Described, ChartError> {
    let series = Series::read([("headline", summary)], level, "summaries", &Marks::none())?;
    let point = &series.points[0];
    Ok(Described {
        metric: series.metric,
        estimate: series.unit.format(point.estimate),
        interval: point
            .interval
            .map(|(lo, hi)| (series.unit.format(lo), series.unit.format(hi))),
        method: summary.default_method(),
        count: point.count,
    })
}

impl Series {
    /// Reads `items` at `level`, each marked as `marks` flags its key.
    ///
    /// # Errors
    ///
    /// [`ChartError::Empty`] (naming `what`) without items, [`ChartError::NotPlottable`] for
    /// an estimate or bound that is not finite or too large.
    pub(super) fn read<'a, K, S>(
        items: impl IntoIterator<Item = (K, &'a S)>,
        level: ConfidenceLevel,
        what: &'static str,
        marks: &Marks,
    ) -> Result<Self, ChartError>
    where
        K: fmt::Display,
        S: Summary + 'a,
    {
        let mut raw = Vec::new();
        let mut methods: Vec<&'static str> = Vec::new();
        let mut first: Option<(&'static str, (f64, f64))> = None;
        for (key, summary) in items {
            let key = key.to_string();
            let name = label(&key);
            let estimate = plottable(&name, "estimate", summary.estimate())?;
            let interval = match summary.default_interval(level) {
                Some(ci) => Some((
                    plottable(&name, "lower bound", ci.lower())?,
                    plottable(&name, "upper bound", ci.upper())?,
                )),
                None => None,
            };
            if interval.is_some() && !methods.contains(&summary.default_method()) {
                methods.push(summary.default_method());
            }
            first.get_or_insert((summary.metric(), checked_domain(&name, summary.domain())?));
            raw.push(Point {
                label: name,
                estimate,
                interval,
                count: summary.count(),
                mark: marks.get(&key),
            });
        }
        let Some((metric, domain)) = first else {
            return Err(ChartError::Empty { what });
        };
        let largest = raw
            .iter()
            .map(|p| {
                p.interval
                    .map_or(p.estimate, |(_, upper)| upper.max(p.estimate))
            })
            .fold(f64::NEG_INFINITY, f64::max);
        let unit = Unit::of(domain, largest);
        let points = raw
            .into_iter()
            .map(|p| Point {
                estimate: unit.show(p.estimate),
                interval: p.interval.map(|(lo, hi)| (unit.show(lo), unit.show(hi))),
                ..p
            })
            .collect();
        Ok(Self {
            points,
            metric,
            method: methods.join(" / "),
            unit,
            domain: unit.domain(domain),
        })
    }

    /// The points with every value kept within one range's length of `(low, high)`: what is
    /// drawn. Only a summary that breaks the [`Summary`] contract has values outside its
    /// domain, which the value axis does not reach; kept near it, they run off the plot
    /// instead of overflowing plotters' pixel arithmetic.
    pub(super) fn near(&self, (low, high): (f64, f64)) -> Vec<Point> {
        let reach = high - low;
        let near = |v: f64| v.clamp(low - reach, high + reach);
        self.points
            .iter()
            .map(|p| Point {
                estimate: near(p.estimate),
                interval: p.interval.map(|(lo, hi)| (near(lo), near(hi))),
                ..p.clone()
            })
            .collect()
    }

    /// Every estimate and bound, for fitting the value axis.
    pub(super) fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.points.iter().flat_map(|p| {
            let (lo, hi) = p.interval.unwrap_or((p.estimate, p.estimate));
            [p.estimate, lo, hi]
        })
    }

    /// The legend of these points: the estimate drawn as `estimate`, the interval at `level`
    /// as `interval` (when some point has one), and the small-sample ring when some point rests
    /// on fewer than [`MIN_RELIABLE_N`] observations.
    pub(super) fn legend(
        &self,
        estimate: Glyph,
        interval: Glyph,
        level: ConfidenceLevel,
    ) -> Vec<Key> {
        let mut legend = vec![Key {
            glyph: estimate,
            text: format!("{} (estimate)", self.metric),
        }];
        if !self.method.is_empty() {
            legend.push(Key {
                glyph: interval,
                text: format!("{level} confidence interval"),
            });
        }
        if self.points.iter().any(|p| is_small_sample(p.count)) {
            legend.push(Key {
                glyph: Glyph::Dot { hollow: true },
                text: format!("fewer than {MIN_RELIABLE_N} observations"),
            });
        }
        for (direction, text) in [
            (Direction::Up, "significantly higher"),
            (Direction::Down, "significantly lower"),
        ] {
            if self.points.iter().any(|p| p.mark == Some(direction)) {
                legend.push(Key {
                    glyph: Glyph::Mark(direction),
                    text: text.to_owned(),
                });
            }
        }
        legend
    }
}
