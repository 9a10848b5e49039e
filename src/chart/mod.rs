//! Charts as SVG (feature `chart`): a metric's trend with its confidence band, NPS as stacked
//! detractor / passive / promoter bars, and segments ranked by the lower bound of their
//! interval.
//!
//! A trend is something people would rather look at than read. Each chart takes the crate's
//! own summaries, so it knows what to say about them: the value axis is in the metric's unit
//! (NPS points, percent for shares, minutes or hours for response times, the scale of a mean
//! rating), kept inside the metric's [domain](crate::Summary::domain); the caption names the
//! interval method ([`Summary::default_method`]) and the
//! level; estimates from fewer than [`MIN_RELIABLE_N`](crate::interval::MIN_RELIABLE_N)
//! observations are drawn as rings instead of dots, and the sample size is printed where there
//! is room. The legend sits above the plot, never on the data.
//!
//! | chart | input | what is drawn |
//! |---|---|---|
//! | [`trend`] | any [`Summary`] per period | the estimates as a line, the default interval as a shaded band |
//! | [`nps_bars`] | an [`NpsSummary`] per segment | stacked detractor / passive / promoter shares, with the score and n |
//! | [`ranking`] | any [`Summary`] per segment | segments best first by [`rank_by_lower_bound`](crate::rank_by_lower_bound), intervals as whiskers |
//!
//! Each returns a [`Chart`]: an SVG document to embed in a page ([`Chart::svg`]) or write to
//! a file ([`Chart::save`]). [`ChartOptions`] sets the title, what the keys are called, the
//! size and the confidence level.
//!
//! # Fonts
//!
//! No font file is read or bundled. Text is written as SVG `<text>` elements in the generic
//! `sans-serif` family, which the browser or viewer renders with its own fonts; the layout
//! uses plotters' estimate of text widths (about 0.56 em per character), so labels are given
//! room to spare. The output is the same on every machine.
//!
//! # Examples
//!
//! A monthly trend of any metric, from a [`GroupedSummary`](crate::GroupedSummary):
//!
//! ```
//! use satisfaction::chart::{self, ChartOptions};
//! use satisfaction::{Aggregator, Granularity, Grouped, Nps, Period};
//!
//! let mut monthly: Grouped<Period, Nps> = Grouped::default();
//! let january = Period::containing(1_767_225_600, Granularity::Month)?; // 2026-01
//! monthly.entry(january).try_extend_from_slice(&[10, 9, 7, 3, 10, 9, 8])?;
//! monthly.entry(january.next()?).try_extend_from_slice(&[10, 10, 6, 9, 2])?;
//!
//! let options = ChartOptions::new().with_key_label("month");
//! let svg = chart::trend(&monthly.summary().unwrap(), &options)?.into_svg();
//! assert!(svg.starts_with("<svg"));
//! assert!(svg.contains("NPS (points)") && svg.contains("Tango score"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! NPS per channel as stacked bars:
//!
//! ```
//! use satisfaction::chart::{self, ChartOptions};
//! use satisfaction::{Aggregator, Nps};
//!
//! let chat = Nps::from_counts(12, 30, 58)?.summary().unwrap();
//! let email = Nps::from_counts(25, 40, 35)?.summary().unwrap();
//! let svg = chart::nps_bars([("chat", &chat), ("email", &email)], &ChartOptions::new())?
//!     .into_svg();
//! assert!(svg.starts_with("<svg"));
//! assert!(svg.contains("promoters (9-10)") && svg.contains("NPS +46.0, n = 100"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Channels ranked by the lower bound of their CSAT interval, written to a file:
//!
//! ```
//! use satisfaction::chart::{self, ChartOptions};
//! use satisfaction::{Aggregator, Csat};
//!
//! let mut phone = Csat::default();
//! phone.try_extend_from_slice(&[5, 4, 4, 5, 3, 5, 4, 2, 5, 5])?;
//! let mut chat = Csat::default();
//! chat.try_extend_from_slice(&[5, 5])?; // 100% of 2: ranked below phone
//! let (phone, chat) = (phone.summary().unwrap(), chat.summary().unwrap());
//!
//! let ranked = chart::ranking([("phone", &phone), ("chat", &chat)], &ChartOptions::new())?;
//! assert!(ranked.svg().starts_with("<svg"));
//! // Rows are drawn, and read, best first.
//! assert!(ranked.svg().find("1. phone") < ranked.svg().find("2. chat"));
//! let path = std::env::temp_dir().join("satisfaction-ranking-doc.svg");
//! ranked.save(&path)?;
//! # std::fs::remove_file(&path)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors
//!
//! Nothing here panics. Empty input, a level at which no segment has an interval (for a
//! ranking), a non-finite or huge estimate from a [`Summary`] implemented elsewhere
//! and a file that cannot be written are [`ChartError`]s; sizes are checked when they are set.

mod bars;
mod canvas;
mod error;
mod options;
mod ranking;
mod rows;
mod scale;
mod series;
mod trend;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

pub use error::ChartError;
pub use options::{ChartOptions, MAX_SIDE, MIN_SIDE};

/// The largest magnitude of a value a chart plots, in the metric's own unit: far beyond any
/// metric (a response time of 10¹⁵ seconds is 30 million years), small enough that the axis
/// arithmetic stays exact.
pub const MAX_VALUE: f64 = 1e15;

use crate::{NpsSummary, Summary};

/// A drawn chart: one self-contained SVG document.
///
/// Its `Display` prints the SVG, so it can be formatted straight into an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    svg: String,
}

impl Chart {
    /// The SVG document, starting with `<svg`.
    #[must_use]
    pub fn svg(&self) -> &str {
        &self.svg
    }

    /// The SVG document, owned.
    #[must_use]
    pub fn into_svg(self) -> String {
        self.svg
    }

    /// Writes the SVG document to `path`, replacing the file if it exists.
    ///
    /// # Errors
    ///
    /// [`ChartError::Io`] when the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), ChartError> {
        let path = path.as_ref();
        std::fs::write(path, &self.svg).map_err(|source| ChartError::Io {
            path: path.to_owned(),
            source: Arc::new(source),
        })
    }
}

impl fmt::Display for Chart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.svg)
    }
}

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
/// let svg = chart::trend(labelled, &ChartOptions::new().with_key_label("week"))?.into_svg();
/// assert!(svg.starts_with("<svg") && svg.contains("CSAT (%)") && svg.contains("Wilson"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ChartError::Empty`] without periods; [`ChartError::NotPlottable`] for a summary whose
/// estimate or bound is not finite.
pub fn trend<'a, K, S>(
    periods: impl IntoIterator<Item = (K, &'a S)>,
    options: &ChartOptions,
) -> Result<Chart, ChartError>
where
    K: fmt::Display,
    S: Summary + 'a,
{
    trend::draw(periods, options)
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
/// let options = ChartOptions::new().with_key_label("channel");
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
    bars::draw(segments, options)
}

/// Segments ranked best first by the lower bound of their default interval at the options'
/// level ([`rank_by_lower_bound`](crate::rank_by_lower_bound): "how good is it at least?"),
/// each with its interval as a whisker and its estimate as a dot. A segment without an
/// interval at that level cannot be ranked by it and is left out (the caption says how many).
///
/// ```
/// use satisfaction::chart::{self, ChartOptions};
/// use satisfaction::{Aggregator, Nps};
///
/// let email = Nps::from_counts(10, 20, 70)?.summary().unwrap(); // +60 of 100
/// let chat = Nps::from_counts(0, 1, 2)?.summary().unwrap(); // +67 of 3
/// let svg = chart::ranking([("chat", &chat), ("email", &email)], &ChartOptions::new())?
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
pub fn ranking<'a, K, S>(
    segments: impl IntoIterator<Item = (K, &'a S)>,
    options: &ChartOptions,
) -> Result<Chart, ChartError>
where
    K: fmt::Display,
    S: Summary + 'a,
{
    ranking::draw(segments, options)
}
