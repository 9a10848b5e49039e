//! Charts as SVG (feature `chart`): a metric's trend with its confidence band, NPS as stacked
//! detractor / passive / promoter bars, and segments ranked by the lower bound of their
//! interval.
//!
//! A trend is something people would rather look at than read. Each chart takes the crate's
//! own summaries, so it knows what to say about them: the value axis is in the metric's unit
//! (NPS points, percent for shares, minutes or hours for response times, the scale of a mean
//! rating), kept inside the metric's [domain](crate::Summary::domain); the caption names the
//! interval method ([`Summary::default_method`](crate::Summary::default_method)) and the
//! level; estimates from fewer than [`MIN_RELIABLE_N`](crate::interval::MIN_RELIABLE_N)
//! observations are drawn as rings instead of dots, and the sample size is printed where there
//! is room. The legend sits above the plot, never on the data.
//!
//! | chart | input | what is drawn |
//! |---|---|---|
//! | [`trend`] | any [`Summary`](crate::Summary) per period | the estimates as a line, the default interval as a shaded band |
//! | [`nps_bars`] | an [`NpsSummary`](crate::NpsSummary) per segment | stacked detractor / passive / promoter shares, with the score and n |
//! | [`trend_marked`] | the same, with a [`Comparisons`](crate::compare::Comparisons) of each period against the one before | the trend, with ▲ ▼ over the periods whose change is significant after correction |
//! | [`ranking`] | any [`Summary`](crate::Summary) per segment | segments best first by [`rank_by_lower_bound`](crate::summary::rank_by_lower_bound), intervals as whiskers |
//! | [`ranking_marked`] | the same, with a [`Comparisons`](crate::compare::Comparisons) of each segment against the rest | the ranking, with ▲ ▼ beside the segments significantly above or below the rest |
//! | [`survival`] | a [`KaplanMeierSummary`](crate::retention::KaplanMeierSummary) per segment | retention curves as steps with interval bands, the number at risk under the axis |
//! | [`retention_grid`] | a [`RetentionGrid`](crate::retention::RetentionGrid) | cohorts by periods since start as a heat table, unlived periods blank |
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
//! let options = ChartOptions::builder().key_label("month").build()?;
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
//! let svg = chart::nps_bars([("chat", &chat), ("email", &email)], &ChartOptions::default())?
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
//! let ranked = chart::ranking([("phone", &phone), ("chat", &chat)], &ChartOptions::default())?;
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
//! ranking), a non-finite or huge estimate from a [`Summary`](crate::Summary) implemented elsewhere
//! and a file that cannot be written are [`ChartError`]s; sizes are checked when they are set.

mod bars;
mod canvas;
mod error;
mod importance;
mod marks;
mod options;
mod ranking;
mod rows;
mod scale;
mod series;
mod slots;
mod survival;
mod trend;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

pub use bars::nps_bars;
pub use error::ChartError;
pub use importance::importance_performance;
pub use options::{ChartOptions, ChartOptionsBuilder, MAX_SIDE, MIN_SIDE};
pub use ranking::{ranking, ranking_marked};
#[cfg(feature = "report")]
pub(crate) use series::describe;
pub use survival::{SurvivalStyle, retention_grid, survival, survival_with};
pub use trend::{trend, trend_marked};

/// The largest magnitude of a value a chart plots, in the metric's own unit: far beyond any
/// metric (a response time of 10¹⁵ seconds is 30 million years), small enough that the axis
/// arithmetic stays exact.
pub const MAX_VALUE: f64 = 1e15;

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
