//! [`ChartError`]: why a chart could not be drawn or saved.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use thiserror::Error;

use crate::interval::ConfidenceLevel;

/// A chart that could not be drawn or written.
///
/// # Example
///
/// ```
/// use satisfaction::NpsSummary;
/// use satisfaction::chart::{self, ChartError, ChartOptions};
///
/// let nothing: Vec<(&str, &NpsSummary)> = Vec::new();
/// let err = chart::trend(nothing, &ChartOptions::default()).unwrap_err();
/// assert!(matches!(err, ChartError::Empty { .. }));
/// assert!(ChartOptions::builder().size(10, 10).build().is_err());
/// ```
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum ChartError {
    /// There is nothing to draw: no periods or segments were given.
    #[error("nothing to chart: the input has no {what}")]
    #[non_exhaustive]
    Empty {
        /// What was missing (`"periods"`, `"segments"`).
        what: &'static str,
    },
    /// No segment has an interval at the chart's level, so none can be ranked by its lower
    /// bound (every summary is too small for this level, or the metric has no interval).
    #[error("no segment has a {level} interval to rank by")]
    #[non_exhaustive]
    NoInterval {
        /// The confidence level of the chart.
        level: ConfidenceLevel,
    },
    /// A summary reported an estimate or bound that cannot be plotted: not a finite number,
    /// or beyond ±[`MAX_VALUE`](super::MAX_VALUE) (the crate's summaries never do; a
    /// [`Summary`](crate::Summary) implemented elsewhere might).
    #[error(
        "{label}: the {what} is {value}, which cannot be plotted (a finite number within ±1e15 can)"
    )]
    #[non_exhaustive]
    NotPlottable {
        /// The label of the period or segment.
        label: String,
        /// `"estimate"`, `"lower bound"`, `"upper bound"`, `"domain lower end"` or
        /// `"domain upper end"`.
        what: &'static str,
        /// The value reported.
        value: f64,
    },
    /// A width or height outside [`MIN_SIDE`](super::MIN_SIDE)..=[`MAX_SIDE`](super::MAX_SIDE)
    /// pixels.
    #[error(
        "a chart of {width} x {height} px cannot be drawn: each side must be {min} to {max} px"
    )]
    #[non_exhaustive]
    Size {
        /// The requested width.
        width: u32,
        /// The requested height.
        height: u32,
        /// The smallest side allowed.
        min: u32,
        /// The largest side allowed.
        max: u32,
    },
    /// The plotting backend failed (it writes to memory, so this is not expected).
    #[error("drawing the chart failed: {source}")]
    #[non_exhaustive]
    Drawing {
        /// The backend's error, as an I/O error (the SVG backend writes through `io::Write`;
        /// the backend's own types stay out of the API).
        #[source]
        source: Arc<io::Error>,
    },
    /// Writing the SVG file failed.
    #[error("writing the chart to {}: {source}", path.display())]
    #[non_exhaustive]
    Io {
        /// The file that could not be written.
        path: PathBuf,
        /// Why.
        #[source]
        source: Arc<io::Error>,
    },
}
