//! [`WeightedProportion`]: the weighted share of "yes" among yes/no answers.

use std::fmt;

use crate::aggregator::{Aggregator, TryPush, try_extend_pairs};
use crate::display::Percent;
use crate::error::{BatchError, InputError, MergeError};
use crate::interval::{ConfidenceLevel, Difference, Interval};
use crate::summary::{Column, Report, ReportOptions, Summary, Value};

#[cfg(feature = "serde")]
use super::buckets::BucketsState;
use super::buckets::{Buckets, Linearised};
use super::interval::{self, WeightedMethod};
use super::weight::Weight;

/// The weighted share of "yes": `W_yes / W`.
///
/// The state is two buckets (no, yes) of count, sum of weights and sum of squared weights:
/// `size_of::<WeightedProportion>() == 80` bytes, pushing never allocates.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel};
/// use satisfaction::weighting::{WeightedMethod, WeightedProportion};
///
/// let mut resolved = WeightedProportion::default();
/// for (yes, w) in [(true, 1.0), (true, 2.0), (false, 1.0), (true, 0.5), (false, 3.0)] {
///     resolved.try_push(yes, w)?;
/// }
/// let summary = resolved.summary().unwrap();
/// assert!((summary.share() - 3.5 / 7.5).abs() < 1e-15);
/// let ci = summary.interval(ConfidenceLevel::P95, WeightedMethod::KornGraubard);
/// assert!(ci.lower() < summary.share() && summary.share() < ci.upper());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "BucketsState", into = "BucketsState")
)]
pub struct WeightedProportion {
    buckets: Buckets<2>,
}

impl WeightedProportion {
    /// An empty aggregator (the same as `WeightedProportion::default()`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Validates and records one raw flag with its weight.
    ///
    /// # Errors
    ///
    /// [`InputError::Weight`] for a weight that is not a finite number in
    /// [`Weight::MIN`]..=[`Weight::MAX`]; nothing is recorded.
    #[inline]
    pub fn try_push(&mut self, flag: bool, weight: f64) -> Result<(), InputError> {
        TryPush::try_push(self, (flag, weight))
    }

    /// Validates and records a batch of flags with their weights (`flags[i]` with
    /// `weights[i]`), all or nothing.
    ///
    /// # Errors
    ///
    /// [`BatchError::LengthMismatch`], [`BatchError::Rejected`] naming the first bad response,
    /// or [`BatchError::CountOverflow`]; in every case nothing from the batch is recorded.
    pub fn try_extend_from_slices(
        &mut self,
        flags: &[bool],
        weights: &[f64],
    ) -> Result<(), BatchError> {
        try_extend_pairs(self, flags, weights)
    }

    /// The one place an answer is recorded.
    #[inline]
    fn add(&mut self, flag: bool, weight: Weight) {
        self.buckets.record(usize::from(flag), weight);
    }
}

crate::aggregator::impl_try_push!(<> WeightedProportion, (bool, f64), InputError, |_, (flag, weight)| Ok((flag, Weight::new(weight)?)));

impl Aggregator for WeightedProportion {
    type Input = (bool, Weight);
    type Summary = WeightedProportionSummary;
    type Error = std::convert::Infallible;

    /// Records a weighted answer; a typed answer and weight are always valid.
    #[inline]
    fn record(&mut self, (flag, weight): (bool, Weight)) -> Result<(), Self::Error> {
        self.add(flag, weight);
        Ok(())
    }

    fn check(&self, _: &(bool, Weight)) -> Result<(), Self::Error> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        self.buckets.merge(&other.buckets)
    }

    fn summary(&self) -> Option<WeightedProportionSummary> {
        let linearised = self.buckets.linearised(&[0.0, 1.0])?;
        Some(WeightedProportionSummary {
            buckets: self.buckets,
            linearised,
        })
    }

    fn count(&self) -> u64 {
        self.buckets.count()
    }
}

crate::aggregator::impl_collect!(WeightedProportion, (bool, Weight), from_iter);

/// The summary of a non-empty [`WeightedProportion`]: the weighted share, its linearised
/// standard error (R: `svymean(~y, svydesign(ids = ~1, weights = ~w))`), the `svyciprop`
/// intervals, Kish's effective sample size and the design effect.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::weighting::WeightedProportion;
///
/// let mut p = WeightedProportion::default();
/// for (yes, w) in [(true, 1.0), (true, 2.0), (false, 1.0), (true, 0.5), (false, 3.0)] {
///     p.try_push(yes, w)?;
/// }
/// assert_eq!(
///     p.summary().unwrap().to_string(),
///     "weighted share 46.7% (95% CI 3.5% to 95.5%, logit (t); SE 0.286; n = 5, \
///      Kish effective n = 3.7, design effect 1.36)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct WeightedProportionSummary {
    buckets: Buckets<2>,
    linearised: Linearised,
}

impl WeightedProportionSummary {
    /// The number of answers.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.linearised.n
    }

    /// Answers of "yes" (unweighted).
    #[must_use]
    pub fn yes(&self) -> u64 {
        self.buckets.bucket(1).count()
    }

    /// The weighted share of "yes", 0..=1.
    #[must_use]
    pub fn share(&self) -> f64 {
        self.linearised.estimate.clamp(0.0, 1.0)
    }

    /// The linearised (Taylor) standard error of the share, with the with-replacement factor
    /// n/(n − 1); infinite for a single answer.
    #[must_use]
    pub fn standard_error(&self) -> f64 {
        self.linearised.standard_error
    }

    /// Kish's effective sample size `(Σw)² / Σw²`.
    #[must_use]
    pub fn effective_n(&self) -> f64 {
        self.linearised.effective_n()
    }

    /// Kish's design effect due to weighting, `n / effective n` (≥ 1).
    #[must_use]
    pub fn design_effect(&self) -> f64 {
        self.linearised.design_effect()
    }

    /// The sum of the weights.
    #[must_use]
    pub fn sum_of_weights(&self) -> f64 {
        self.linearised.weight
    }

    /// The confidence interval of the share by one of R's `svyciprop` methods (Student t on
    /// n − 1 degrees of freedom), within [0, 1].
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: WeightedMethod) -> Interval {
        interval::share(
            (self.share(), self.linearised.complement.clamp(0.0, 1.0)),
            self.standard_error(),
            self.count(),
            self.effective_n(),
            level,
            method,
        )
    }

    /// The difference of shares (this minus other) for two independent samples: normal
    /// interval on `√(SE₁² + SE₂²)` clamped to [−1, 1], z-test p-value.
    #[must_use]
    pub fn difference(
        &self,
        other: &WeightedProportionSummary,
        level: ConfidenceLevel,
    ) -> Difference {
        interval::difference(
            (self.share(), self.standard_error()),
            (other.share(), other.standard_error()),
            level,
            1.0,
        )
    }
}

impl fmt::Display for WeightedProportionSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = WeightedMethod::default();
        let ci = self.interval(level, method);
        write!(
            f,
            "weighted share {} ({level} CI {} to {}, {method}; SE {}; n = {}, \
             Kish effective n = {:.1}, design effect {:.2})",
            Percent(self.share()),
            Percent(ci.lower()),
            Percent(ci.upper()),
            interval::se_text(self.standard_error(), 3),
            self.count(),
            self.effective_n(),
            self.design_effect()
        )
    }
}

impl Summary for WeightedProportionSummary {
    fn metric(&self) -> &'static str {
        "weighted share"
    }

    fn count(&self) -> u64 {
        WeightedProportionSummary::count(self)
    }

    fn estimate(&self) -> f64 {
        self.share()
    }

    fn domain(&self) -> (f64, f64) {
        (0.0, 1.0)
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        Some(self.interval(level, WeightedMethod::default()))
    }

    fn default_method(&self) -> &'static str {
        WeightedMethod::default().name()
    }
}

impl Report for WeightedProportionSummary {
    type Method = WeightedMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 9] = [
            Column::float("share"),
            Column::float("lower"),
            Column::float("upper"),
            Column::float("standard_error"),
            Column::count("n"),
            Column::count("yes"),
            Column::float("effective_n"),
            Column::float("design_effect"),
            Column::float("sum_of_weights"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<WeightedMethod>) -> Vec<Value> {
        let ci = self.interval(options.level, options.method);
        vec![
            Value::Float(self.share()),
            Value::Float(ci.lower()),
            Value::Float(ci.upper()),
            interval::finite(self.standard_error()),
            Value::Count(self.count()),
            Value::Count(self.yes()),
            Value::Float(self.effective_n()),
            Value::Float(self.design_effect()),
            Value::Float(self.sum_of_weights()),
        ]
    }
}

#[cfg(feature = "serde")]
super::buckets::buckets_serde!(
    WeightedProportion,
    WeightedProportionSummary,
    "weighted proportion",
    2
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_size() {
        assert_eq!(std::mem::size_of::<WeightedProportion>(), 80);
    }
}
