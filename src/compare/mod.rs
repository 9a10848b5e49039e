//! Which changes and which segments differ, honestly corrected: each period against the one
//! before, each segment against the rest or a named baseline, with the difference, its
//! interval and p-value by the metric's own method, and a flag after multiplicity control
//! across the whole table.
//!
//! Reading a table of twelve months or forty agents for "significant" changes makes many
//! comparisons at once, and at 5% each some of them come up by chance. [`Comparisons`] tests
//! them together: every p-value is adjusted for how many were made ([`Adjustment`]: Holm by
//! default, Benjamini-Hochberg or none on request), and a comparison is flagged ▲ or ▼ only
//! when its *adjusted* p-value is below 1 − level. The method and the correction are carried
//! along, so a chart or report that shows a flag can say how it was decided
//! ([`Comparisons::caption`]).
//!
//! | from | compare | method |
//! |---|---|---|
//! | a [`GroupedSummary`](crate::GroupedSummary) of periods | each period against the one before | [`GroupedSummary::against_previous`](crate::GroupedSummary::against_previous) |
//! | a [`GroupedSummary`](crate::GroupedSummary) of segments | each segment against a named baseline segment | [`GroupedSummary::against`](crate::GroupedSummary::against) |
//! | a [`Grouped`](crate::Grouped) of segments | each segment against all the others pooled | [`Grouped::against_rest`](crate::Grouped::against_rest) |
//!
//! "The rest" is pooled from the groups' aggregators (exactly: their states merge), which is
//! why it is asked of a [`Grouped`](crate::Grouped) rather than of its summary.
//!
//! What is compared is each summary's headline ([`Summary::estimate`]), by the
//! test that belongs with its default interval ([`Compare`]):
//!
//! | summary | difference | test |
//! |---|---|---|
//! | [`NpsSummary`](crate::NpsSummary) | NPS points | MOVER from the two Tango score intervals; the p-value is where the interval touches 0 |
//! | [`CsatSummary`](crate::CsatSummary), [`ProportionSummary`](crate::ProportionSummary), churn, abandonment, FCR, response rate | share | Newcombe hybrid score interval; pooled two-proportion z-test |
//! | [`CesSummary`](crate::CesSummary), [`HealthAggregateSummary`](crate::HealthAggregateSummary) | mean | Welch t |
//! | the weighted NPS, CSAT, CES and shares of [`weighting`](crate::weighting) | as their headline | normal on the linearised standard errors |
//!
//! # Example
//!
//! ```
//! use satisfaction::compare::{Adjustment, Direction, Significance};
//! use satisfaction::{Aggregator, ConfidenceLevel, Grouped, Nps};
//!
//! let mut monthly: Grouped<u32, Nps> = Grouped::default();
//! monthly.entry(5).try_extend_from_slice(&[10, 9, 9, 10, 8, 9, 10, 7, 9, 10, 9, 10])?;
//! monthly.entry(6).try_extend_from_slice(&[9, 10, 8, 9, 10, 9, 10, 9, 6, 10, 9, 9])?;
//! monthly.entry(7).try_extend_from_slice(&[2, 3, 1, 6, 0, 4, 5, 2, 9, 3, 1, 2])?;
//! let months = monthly.summary().unwrap();
//!
//! let changes = months.against_previous(&Significance::default());
//! assert_eq!(changes.len(), 2);
//! let july = changes.get(&7).unwrap();
//! assert_eq!(july.flag, Some(Direction::Down)); // the collapse, after Holm over 2 changes
//! assert_eq!(changes.get(&6).unwrap().flag, None);
//! assert!(changes.caption().contains("Holm"));
//!
//! // Without correction the p-values are the raw ones.
//! let raw = months.against_previous(&Significance::new(ConfidenceLevel::P95, Adjustment::None));
//! assert_eq!(raw.get(&7).unwrap().adjusted_p_value, raw.get(&7).unwrap().difference.p_value());
//! # Ok::<(), satisfaction::BatchError>(())
//! ```

mod adjust;
mod family;
mod metrics;

pub use crate::error::CompareError;
pub use adjust::{Adjustment, adjust};
pub use family::{Baseline, Comparison, Comparisons, Direction, Significance, Skipped};

use crate::interval::{ConfidenceLevel, Difference};
use crate::summary::Summary;

/// A summary whose headline can be compared with another's of the same metric: the difference
/// (this minus `other`) with its interval at `level` and its two-sided p-value, by the test that
/// belongs with the metric's default interval (see the [module](self) table).
///
/// ```
/// use satisfaction::compare::Compare;
/// use satisfaction::{Aggregator, ConfidenceLevel, Csat};
///
/// let mut now = Csat::default();
/// now.try_extend_from_slice(&[5, 5, 4, 4, 5, 3, 4, 5])?;
/// let mut before = Csat::default();
/// before.try_extend_from_slice(&[2, 3, 1, 4, 2, 3, 5, 2])?;
/// let change = now.summary().unwrap().compare(&before.summary().unwrap(), ConfidenceLevel::P95)?;
/// assert_eq!(change.method(), "Newcombe hybrid score");
/// assert!(change.estimate() > 0.5 && change.p_value() < 0.05);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Compare: Summary {
    /// This summary's headline minus `other`'s.
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`] for summaries built with different settings
    /// (scales, thresholds, health models); [`CompareError::TooFewObservations`] where the test
    /// needs more (Welch's t needs two observations a side).
    fn compare(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, CompareError>;
}
