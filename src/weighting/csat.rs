//! [`WeightedCsat`]: the weighted CSAT satisfied share and mean rating.

use std::fmt;

use crate::aggregator::{Aggregator, TryPush, try_extend_pairs};
use crate::counts::RawScore;
use crate::display::Percent;
use crate::error::same;
use crate::error::{BatchError, CompareError, InputError, MergeError, Setting};
use crate::interval::{ConfidenceLevel, Difference, Interval};
use crate::scale::{Rating, RatingScale, ScaleError};
use crate::summary::{Column, Report, ReportOptions, Summary, Value};

use super::buckets::Linearised;
use super::interval::{self, NORMAL, WeightedMethod};
use super::ratings::Ratings;
use super::weight::Weight;

/// The weighted CSAT: the weighted share of satisfied ratings and the weighted mean rating.
///
/// `WeightedCsat::default()` is the 1-5 scale with 4 and 5 counting as satisfied. The state is
/// one bucket (count, sum of weights, sum of squared weights) per point of the scale:
/// `size_of::<WeightedCsat>() == 456` bytes whatever the scale; pushing never allocates.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, RatingScale};
/// use satisfaction::weighting::{WeightedCsat, WeightedMethod};
///
/// let mut csat = WeightedCsat::new(RatingScale::FIVE_POINT, 4)?;
/// for (rating, w) in [(5, 1.0), (4, 2.0), (2, 1.0), (5, 0.5), (3, 1.5)] {
///     csat.try_push(rating, w)?;
/// }
/// assert!(csat.try_push(6, 1.0).is_err());
/// let summary = csat.summary().unwrap();
/// assert!((summary.satisfied_share() - 3.5 / 6.0).abs() < 1e-15);
/// assert!((summary.mean() - 22.0 / 6.0).abs() < 1e-15);
/// let share = summary.share_interval(ConfidenceLevel::P95, WeightedMethod::Logit);
/// let mean = summary.mean_interval(ConfidenceLevel::P95);
/// assert!(share.contains(summary.satisfied_share()) && mean.upper() <= 5.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "State", into = "State"))]
pub struct WeightedCsat {
    ratings: Ratings,
    satisfied_from: u8,
}

impl WeightedCsat {
    /// A weighted CSAT on `scale` where ratings from `satisfied_from` up count as satisfied.
    ///
    /// # Errors
    ///
    /// [`ScaleError::ThresholdOutside`] when `satisfied_from` is not a point of the scale.
    pub fn new(scale: RatingScale, satisfied_from: u8) -> Result<Self, ScaleError> {
        scale.check_threshold("satisfied-from threshold", satisfied_from)?;
        Ok(Self {
            ratings: Ratings::new(scale),
            satisfied_from,
        })
    }

    /// The rating scale.
    #[must_use]
    pub fn scale(&self) -> RatingScale {
        self.ratings.scale()
    }

    /// The lowest rating that counts as satisfied.
    #[must_use]
    pub fn satisfied_from(&self) -> u8 {
        self.satisfied_from
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

impl Default for WeightedCsat {
    /// 1-5, satisfied from 4 (top-2-box).
    fn default() -> Self {
        Self {
            ratings: Ratings::new(RatingScale::FIVE_POINT),
            satisfied_from: 4,
        }
    }
}

crate::aggregator::impl_try_push!(<T: RawScore> WeightedCsat, (T, f64), InputError, |this, (rating, weight)| Ok((this.scale().rating(rating)?, Weight::new(weight)?)));

impl Aggregator for WeightedCsat {
    type Input = (Rating, Weight);
    type Summary = WeightedCsatSummary;
    type Error = InputError;

    /// Records a weighted rating, or refuses one from another scale (it would mean something
    /// else here) and changes nothing.
    #[inline]
    fn record(&mut self, (rating, weight): (Rating, Weight)) -> Result<(), InputError> {
        self.ratings.record(rating, weight)
    }

    fn check(&self, (rating, _): &(Rating, Weight)) -> Result<(), InputError> {
        self.ratings.check(*rating)
    }

    /// Merges a weighted CSAT on the same scale with the same threshold; the scale is checked
    /// first, since a threshold means nothing on another scale.
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("rating scale", self.scale(), other.scale(), Setting::Scale)?;
        same(
            "satisfied-from threshold",
            self.satisfied_from,
            other.satisfied_from,
            Setting::Point,
        )?;
        self.ratings.merge(&other.ratings)
    }

    fn summary(&self) -> Option<WeightedCsatSummary> {
        Some(WeightedCsatSummary {
            mean: self.ratings.mean()?,
            share: self
                .ratings
                .share(self.satisfied_from, self.scale().max())?,
            ratings: self.ratings,
            satisfied_from: self.satisfied_from,
        })
    }

    fn count(&self) -> u64 {
        self.ratings.count()
    }
}

/// The summary of a non-empty [`WeightedCsat`]: the weighted satisfied share and mean rating
/// with their linearised standard errors (R: `svymean` on `svydesign(ids = ~1, weights = ~w)`),
/// Kish's effective sample size and the design effect.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::weighting::WeightedCsat;
///
/// let mut csat = WeightedCsat::default();
/// for (rating, w) in [(5, 1.0), (4, 2.0), (2, 1.0), (5, 0.5), (3, 1.5)] {
///     csat.try_push(rating, w)?;
/// }
/// assert_eq!(
///     csat.summary().unwrap().to_string(),
///     "weighted CSAT 58.3% satisfied (4-5 of 1-5; 95% CI 6.4% to 96.6%, logit (t)); \
///      mean 3.67 (95% CI 2.74 to 4.59, normal, linearised SE); n = 5, \
///      Kish effective n = 4.2, design effect 1.18"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct WeightedCsatSummary {
    ratings: Ratings,
    satisfied_from: u8,
    mean: Linearised,
    share: Linearised,
}

impl WeightedCsatSummary {
    /// The number of ratings.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.mean.n
    }

    /// The rating scale.
    #[must_use]
    pub fn scale(&self) -> RatingScale {
        self.ratings.scale()
    }

    /// The lowest rating that counts as satisfied.
    #[must_use]
    pub fn satisfied_from(&self) -> u8 {
        self.satisfied_from
    }

    /// The sum of weights of the ratings equal to `rating` (0 off the scale).
    #[must_use]
    pub fn weight_of(&self, rating: u8) -> f64 {
        self.ratings.weight_of(rating)
    }

    /// The weighted satisfied share, 0..=1: the estimate of this summary.
    #[must_use]
    pub fn satisfied_share(&self) -> f64 {
        self.share.estimate.clamp(0.0, 1.0)
    }

    /// The linearised standard error of the satisfied share; infinite for a single rating.
    #[must_use]
    pub fn share_standard_error(&self) -> f64 {
        self.share.standard_error
    }

    /// The `svyciprop` interval of the satisfied share.
    #[must_use]
    pub fn share_interval(&self, level: ConfidenceLevel, method: WeightedMethod) -> Interval {
        interval::share(
            (
                self.satisfied_share(),
                self.share.complement.clamp(0.0, 1.0),
            ),
            self.share_standard_error(),
            self.count(),
            self.effective_n(),
            level,
            method,
        )
    }

    /// The default interval: [`share_interval`](Self::share_interval) by
    /// [`WeightedMethod::default()`].
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        self.share_interval(level, WeightedMethod::default())
    }

    /// The weighted mean rating.
    #[must_use]
    pub fn mean(&self) -> f64 {
        let (min, max) = (f64::from(self.scale().min()), f64::from(self.scale().max()));
        self.mean.estimate.clamp(min, max)
    }

    /// The linearised standard error of the mean rating; infinite for a single rating.
    #[must_use]
    pub fn mean_standard_error(&self) -> f64 {
        self.mean.standard_error
    }

    /// The normal interval of the mean rating (R's `confint(svymean(...))`), clamped to the
    /// scale; the whole scale for a single rating.
    #[must_use]
    pub fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        let (min, max) = (f64::from(self.scale().min()), f64::from(self.scale().max()));
        interval::normal(self.mean(), self.mean_standard_error(), level, min, max)
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

    fn same_configuration(&self, other: &Self) -> Result<(), CompareError> {
        same("rating scale", self.scale(), other.scale(), Setting::Scale)?;
        same(
            "satisfied-from threshold",
            self.satisfied_from,
            other.satisfied_from,
            Setting::Point,
        )?;
        Ok(())
    }

    /// The difference of satisfied shares (this minus other) for independent samples: normal
    /// interval on `√(SE₁² + SE₂²)`, z-test p-value.
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`](crate::error::CompareError) for another scale or threshold.
    pub fn share_difference(
        &self,
        other: &Self,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        self.same_configuration(other)?;
        Ok(interval::difference(
            (self.satisfied_share(), self.share_standard_error()),
            (other.satisfied_share(), other.share_standard_error()),
            level,
            1.0,
        ))
    }

    /// The difference of mean ratings (this minus other) for independent samples.
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`](crate::error::CompareError) for another scale or threshold.
    pub fn mean_difference(
        &self,
        other: &Self,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        self.same_configuration(other)?;
        let span = f64::from(self.scale().max() - self.scale().min());
        Ok(interval::difference(
            (self.mean(), self.mean_standard_error()),
            (other.mean(), other.mean_standard_error()),
            level,
            span,
        ))
    }
}

impl fmt::Display for WeightedCsatSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = WeightedMethod::default();
        let share = self.share_interval(level, method);
        let mean = self.mean_interval(level);
        write!(
            f,
            "weighted CSAT {} satisfied ({}-{} of {}; {level} CI {} to {}, {method}); \
             mean {:.2} ({level} CI {:.2} to {:.2}, {NORMAL}); n = {}, \
             Kish effective n = {:.1}, design effect {:.2}",
            Percent(self.satisfied_share()),
            self.satisfied_from,
            self.scale().max(),
            self.scale(),
            Percent(share.lower()),
            Percent(share.upper()),
            self.mean(),
            mean.lower(),
            mean.upper(),
            self.count(),
            self.effective_n(),
            self.design_effect()
        )
    }
}

impl Summary for WeightedCsatSummary {
    fn metric(&self) -> &'static str {
        "weighted CSAT"
    }

    fn count(&self) -> u64 {
        WeightedCsatSummary::count(self)
    }

    fn estimate(&self) -> f64 {
        self.satisfied_share()
    }

    fn domain(&self) -> (f64, f64) {
        (0.0, 1.0)
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        Some(self.interval(level))
    }

    fn default_method(&self) -> &'static str {
        WeightedMethod::default().name()
    }
}

impl Report for WeightedCsatSummary {
    type Method = WeightedMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 12] = [
            Column::float("satisfied_share"),
            Column::float("lower"),
            Column::float("upper"),
            Column::float("standard_error"),
            Column::float("mean"),
            Column::float("mean_lower"),
            Column::float("mean_upper"),
            Column::float("mean_standard_error"),
            Column::count("n"),
            Column::float("effective_n"),
            Column::float("design_effect"),
            Column::float("sum_of_weights"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<WeightedMethod>) -> Vec<Value> {
        let share = self.share_interval(options.level, options.method);
        let mean = self.mean_interval(options.level);
        vec![
            Value::Float(self.satisfied_share()),
            Value::Float(share.lower()),
            Value::Float(share.upper()),
            super::interval::finite(self.share_standard_error()),
            Value::Float(self.mean()),
            Value::Float(mean.lower()),
            Value::Float(mean.upper()),
            super::interval::finite(self.mean_standard_error()),
            Value::Count(self.count()),
            Value::Float(self.effective_n()),
            Value::Float(self.design_effect()),
            Value::Float(self.sum_of_weights()),
        ]
    }
}

/// The serialised form of [`WeightedCsat`] and its summary: per point of the scale, lowest
/// first, the count, the sum of weights and the sum of squared weights.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct State {
    version: u32,
    scale: RatingScale,
    satisfied_from: u8,
    counts: Vec<u64>,
    weights: Vec<f64>,
    squares: Vec<f64>,
}

#[cfg(feature = "serde")]
crate::state::from_state!(State => WeightedCsat, |state| {
    let mut csat = WeightedCsat::new(state.scale, state.satisfied_from)?;
    csat.ratings = Ratings::from_parts(
        "weighted CSAT",
        state.scale,
        &state.counts,
        &state.weights,
        &state.squares,
    )?;
    Ok(csat)
});

#[cfg(feature = "serde")]
impl From<WeightedCsat> for State {
    fn from(csat: WeightedCsat) -> Self {
        let (counts, weights, squares) = csat.ratings.to_parts();
        Self {
            version: crate::state::STATE_VERSION,
            scale: csat.scale(),
            satisfied_from: csat.satisfied_from,
            counts,
            weights,
            squares,
        }
    }
}

#[cfg(feature = "serde")]
impl crate::state::SerialSummary for WeightedCsatSummary {
    const WHAT: &'static str = "weighted CSAT summary";
    type State = WeightedCsat;

    fn state(&self) -> WeightedCsat {
        WeightedCsat {
            ratings: self.ratings,
            satisfied_from: self.satisfied_from,
        }
    }
}

#[cfg(feature = "serde")]
crate::state::serde_summary!(WeightedCsatSummary);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_size_and_configuration_checks() {
        assert_eq!(std::mem::size_of::<WeightedCsat>(), 456);
        assert!(WeightedCsat::new(RatingScale::FIVE_POINT, 6).is_err());
        let mut five = WeightedCsat::default();
        five.try_push(4, 1.0).unwrap();
        let before = five.clone();
        let seven = WeightedCsat::new(RatingScale::SEVEN_POINT, 4).unwrap();
        assert!(five.merge(&seven).is_err());
        assert!(
            five.merge(&WeightedCsat::new(RatingScale::FIVE_POINT, 5).unwrap())
                .is_err()
        );
        assert_eq!(five, before);
    }

    #[test]
    fn ratings_of_another_scale_are_refused() {
        let mut csat = WeightedCsat::default();
        let seven = RatingScale::SEVEN_POINT.rating(7).unwrap();
        assert_eq!(
            csat.record((seven, Weight::ONE)),
            Err(InputError::ScaleMismatch {
                expected: RatingScale::FIVE_POINT,
                found: RatingScale::SEVEN_POINT
            })
        );
        assert_eq!(csat, WeightedCsat::default());
    }
}
