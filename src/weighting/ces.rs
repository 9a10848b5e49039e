//! [`WeightedCes`]: the weighted Customer Effort Score, mean and low-effort share.

use std::fmt;

use crate::aggregator::{Aggregator, TryPush, try_extend_pairs};
use crate::counts::RawScore;
use crate::display::Percent;
use crate::error::same;
use crate::error::{BatchError, InputError, MergeError, Setting};
use crate::interval::{ConfidenceLevel, Interval};
use crate::scale::{CesScale, Rating};
use crate::summary::{Column, Report, ReportOptions, Summary, Value};

use super::buckets::Linearised;
use super::interval::{self, NORMAL, WeightedMethod};
use super::ratings::Ratings;
use super::weight::Weight;

/// The weighted Customer Effort Score: the weighted mean effort rating and the weighted share
/// of low-effort answers, on a stated [`CesScale`] (there is deliberately no `Default`).
///
/// State: one bucket (count, sum of weights, sum of squared weights) per point of the scale,
/// `size_of::<WeightedCes>()` = 456 bytes; pushing never allocates.
///
/// ```
/// use satisfaction::{Aggregator, CesScale, ConfidenceLevel};
/// use satisfaction::weighting::WeightedCes;
///
/// let mut ces = WeightedCes::new(CesScale::AGREEMENT_7); // low effort is 5-7
/// for (rating, w) in [(7, 1.0), (6, 2.0), (2, 1.0), (5, 1.0)] {
///     ces.try_push(rating, w)?;
/// }
/// let summary = ces.summary().unwrap();
/// assert!((summary.low_effort_share() - 0.8).abs() < 1e-15);
/// assert!((summary.mean() - 5.2).abs() < 1e-15);
/// assert!(summary.mean_interval(ConfidenceLevel::P95).upper() <= 7.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "State", into = "State"))]
pub struct WeightedCes {
    scale: CesScale,
    ratings: Ratings,
}

impl WeightedCes {
    /// An empty weighted CES on `scale`.
    #[must_use]
    pub fn new(scale: CesScale) -> Self {
        Self {
            scale,
            ratings: Ratings::new(scale.scale()),
        }
    }

    /// The CES scale.
    #[must_use]
    pub fn scale(&self) -> CesScale {
        self.scale
    }

    /// Validates and records one raw rating with its weight.
    ///
    /// # Errors
    ///
    /// [`InputError::Score`] for a rating off the scale, [`InputError::Weight`] for a weight that is not a finite number in
    /// [`Weight::MIN`]..=[`Weight::MAX`]; nothing is recorded.
    #[inline]
    pub fn try_push<T: RawScore>(&mut self, rating: T, weight: f64) -> Result<(), InputError> {
        TryPush::try_push(self, (rating, weight))
    }

    /// Validates and records a batch of ratings with their weights (`ratings[i]` with
    /// `weights[i]`), all or nothing.
    ///
    /// # Errors
    ///
    /// [`BatchError::LengthMismatch`], [`BatchError::Rejected`] naming the first bad response,
    /// or [`BatchError::CountOverflow`]; in every case nothing from the batch is recorded.
    pub fn try_extend_from_slices<T: RawScore>(
        &mut self,
        ratings: &[T],
        weights: &[f64],
    ) -> Result<(), BatchError> {
        try_extend_pairs(self, ratings, weights)
    }
}

crate::aggregator::impl_try_push!(<T: RawScore> WeightedCes, (T, f64), InputError, |this, (rating, weight)| Ok((this.scale.rating(rating)?, Weight::new(weight)?)));

impl Aggregator for WeightedCes {
    type Input = (Rating, Weight);
    type Summary = WeightedCesSummary;
    type Error = InputError;

    /// Records a weighted rating, or refuses one from another scale and changes nothing.
    #[inline]
    fn record(&mut self, (rating, weight): (Rating, Weight)) -> Result<(), InputError> {
        self.ratings.record(rating, weight)
    }

    fn check(&self, (rating, _): &(Rating, Weight)) -> Result<(), InputError> {
        self.ratings.check(*rating)
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("CES scale", self.scale, other.scale, Setting::CesScale)?;
        self.ratings.merge(&other.ratings)
    }

    fn summary(&self) -> Option<WeightedCesSummary> {
        let (from, to) = self.scale.low_effort_range();
        Some(WeightedCesSummary {
            mean: self.ratings.mean()?,
            share: self.ratings.share(from, to)?,
            scale: self.scale,
            ratings: self.ratings,
        })
    }

    fn count(&self) -> u64 {
        self.ratings.count()
    }
}

/// The summary of a non-empty [`WeightedCes`].
///
/// ```
/// use satisfaction::{Aggregator, CesScale};
/// use satisfaction::weighting::WeightedCes;
///
/// let mut ces = WeightedCes::new(CesScale::EFFORT_5);
/// for (rating, w) in [(1, 1.0), (2, 2.0), (4, 1.0), (1, 1.0)] {
///     ces.try_push(rating, w)?;
/// }
/// assert_eq!(
///     ces.summary().unwrap().to_string(),
///     "weighted CES mean 2.00 (95% CI 1.00 to 3.11, normal, linearised SE; 1-5 (lower is \
///      easier, low effort 1-2)); low effort 80.0% (95% CI 5.1% to 99.7%, logit (t)); n = 4, \
///      Kish effective n = 3.6, design effect 1.12"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct WeightedCesSummary {
    scale: CesScale,
    ratings: Ratings,
    mean: Linearised,
    share: Linearised,
}

impl WeightedCesSummary {
    /// The number of ratings.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.mean.n
    }

    /// The CES scale.
    #[must_use]
    pub fn scale(&self) -> CesScale {
        self.scale
    }

    /// The weighted mean effort rating: the estimate of this summary.
    #[must_use]
    pub fn mean(&self) -> f64 {
        let s = self.scale.scale();
        self.mean
            .estimate
            .clamp(f64::from(s.min()), f64::from(s.max()))
    }

    /// The linearised standard error of the mean; infinite for a single rating.
    #[must_use]
    pub fn mean_standard_error(&self) -> f64 {
        self.mean.standard_error
    }

    /// The normal interval of the mean (R's `confint(svymean(...))`), clamped to the scale.
    #[must_use]
    pub fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        let s = self.scale.scale();
        interval::normal(
            self.mean(),
            self.mean_standard_error(),
            level,
            f64::from(s.min()),
            f64::from(s.max()),
        )
    }

    /// The default interval, [`mean_interval`](Self::mean_interval).
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        self.mean_interval(level)
    }

    /// The weighted share of low-effort ratings, 0..=1.
    #[must_use]
    pub fn low_effort_share(&self) -> f64 {
        self.share.estimate.clamp(0.0, 1.0)
    }

    /// The linearised standard error of the low-effort share; infinite for a single rating.
    #[must_use]
    pub fn low_effort_standard_error(&self) -> f64 {
        self.share.standard_error
    }

    /// The `svyciprop` interval of the low-effort share.
    #[must_use]
    pub fn low_effort_interval(&self, level: ConfidenceLevel, method: WeightedMethod) -> Interval {
        interval::share(
            (
                self.low_effort_share(),
                self.share.complement.clamp(0.0, 1.0),
            ),
            self.low_effort_standard_error(),
            self.count(),
            self.effective_n(),
            level,
            method,
        )
    }

    /// Kish's effective sample size `(Σw)² / Σw²`.
    #[must_use]
    pub fn effective_n(&self) -> f64 {
        self.mean.effective_n()
    }

    /// Kish's design effect due to weighting, `n / effective n` (≥ 1).
    #[must_use]
    pub fn design_effect(&self) -> f64 {
        self.mean.design_effect()
    }

    /// The sum of the weights.
    #[must_use]
    pub fn sum_of_weights(&self) -> f64 {
        self.mean.weight
    }
}

impl fmt::Display for WeightedCesSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = WeightedMethod::default();
        let mean = self.mean_interval(level);
        let share = self.low_effort_interval(level, method);
        write!(
            f,
            "weighted CES mean {:.2} ({level} CI {:.2} to {:.2}, {NORMAL}; {}); low effort {} \
             ({level} CI {} to {}, {method}); n = {}, Kish effective n = {:.1}, design effect {:.2}",
            self.mean(),
            mean.lower(),
            mean.upper(),
            self.scale,
            Percent(self.low_effort_share()),
            Percent(share.lower()),
            Percent(share.upper()),
            self.count(),
            self.effective_n(),
            self.design_effect()
        )
    }
}

impl Summary for WeightedCesSummary {
    fn metric(&self) -> &'static str {
        "weighted CES"
    }

    fn count(&self) -> u64 {
        WeightedCesSummary::count(self)
    }

    /// The mean rating: CES is reported as a mean first.
    fn estimate(&self) -> f64 {
        self.mean()
    }

    fn domain(&self) -> (f64, f64) {
        let scale = self.scale.scale();
        (f64::from(scale.min()), f64::from(scale.max()))
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        Some(self.mean_interval(level))
    }

    fn default_method(&self) -> &'static str {
        NORMAL
    }
}

impl Report for WeightedCesSummary {
    type Method = WeightedMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 12] = [
            Column::float("mean"),
            Column::float("mean_lower"),
            Column::float("mean_upper"),
            Column::float("mean_standard_error"),
            Column::float("low_effort_share"),
            Column::float("lower"),
            Column::float("upper"),
            Column::float("standard_error"),
            Column::count("n"),
            Column::float("effective_n"),
            Column::float("design_effect"),
            Column::float("sum_of_weights"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<WeightedMethod>) -> Vec<Value> {
        let mean = self.mean_interval(options.level);
        let share = self.low_effort_interval(options.level, options.method);
        vec![
            Value::Float(self.mean()),
            Value::Float(mean.lower()),
            Value::Float(mean.upper()),
            interval::finite(self.mean_standard_error()),
            Value::Float(self.low_effort_share()),
            Value::Float(share.lower()),
            Value::Float(share.upper()),
            interval::finite(self.low_effort_standard_error()),
            Value::Count(self.count()),
            Value::Float(self.effective_n()),
            Value::Float(self.design_effect()),
            Value::Float(self.sum_of_weights()),
        ]
    }
}

/// The serialised form of [`WeightedCes`] and its summary.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct State {
    version: u32,
    scale: CesScale,
    counts: Vec<u64>,
    weights: Vec<f64>,
    squares: Vec<f64>,
}

#[cfg(feature = "serde")]
crate::state::from_state!(State => WeightedCes, |state| {
    let ratings = Ratings::from_parts(
        "weighted CES",
        state.scale.scale(),
        &state.counts,
        &state.weights,
        &state.squares,
    )?;
    Ok(Self {
        scale: state.scale,
        ratings,
    })
});

#[cfg(feature = "serde")]
impl From<WeightedCes> for State {
    fn from(ces: WeightedCes) -> Self {
        let (counts, weights, squares) = ces.ratings.to_parts();
        Self {
            version: crate::state::STATE_VERSION,
            scale: ces.scale,
            counts,
            weights,
            squares,
        }
    }
}

#[cfg(feature = "serde")]
impl crate::state::SerialSummary for WeightedCesSummary {
    const WHAT: &'static str = "weighted CES summary";
    type State = WeightedCes;

    fn state(&self) -> WeightedCes {
        WeightedCes {
            scale: self.scale,
            ratings: self.ratings,
        }
    }
}

#[cfg(feature = "serde")]
crate::state::serde_summary!(WeightedCesSummary);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_size_and_scale_checks() {
        assert_eq!(std::mem::size_of::<WeightedCes>(), 456);
        let mut ces = WeightedCes::new(CesScale::EFFORT_5);
        ces.try_push(1, 1.0).unwrap();
        let before = ces.clone();
        assert!(ces.merge(&WeightedCes::new(CesScale::AGREEMENT_7)).is_err());
        assert_eq!(ces, before);
        let seven = CesScale::AGREEMENT_7.rating(7).unwrap();
        assert!(matches!(
            ces.record((seven, Weight::ONE)),
            Err(InputError::ScaleMismatch { .. })
        ));
        assert_eq!(ces, before);
    }
}
