//! [`WeightedCsat`]: the weighted CSAT satisfied share and mean rating.

use std::fmt;

use crate::display::Percent;
use crate::error::{CompareError, Mismatch};
use crate::interval::{ConfidenceLevel, Difference, Interval};
use crate::ratings::same_scale_and_threshold;
use crate::scale::{RatingScale, ScaleError};
use crate::summary::{Column, Report, ReportOptions, Value};

use super::buckets::Linearised;
use super::interval::{NORMAL, WeightedMethod};
use super::ratings::Ratings;
use super::summary::{Kish, with_kish, with_se};

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
pub struct WeightedCsat {
    ratings: Ratings,
    satisfied_from: u8,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(WeightedCsat, State);

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

    /// The satisfied range of the scale.
    fn share_range(&self) -> (u8, u8) {
        (self.satisfied_from, self.scale().max())
    }

    fn check_merge(&self, other: &Self) -> Result<(), Mismatch> {
        same_scale_and_threshold(self.settings(), other.settings())
    }

    /// The scale and the threshold.
    fn settings(&self) -> (RatingScale, u8) {
        (self.scale(), self.satisfied_from)
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

super::ratings::weighted_rating_metric! {
    WeightedCsat => WeightedCsatSummary { satisfied_from }, "weighted CSAT";
    /// The weighted mean rating.
    mean;
    /// The weighted satisfied share, 0..=1: the estimate of this summary.
    share of "satisfied share":
        satisfied_share, share_standard_error, share_interval;
}

impl WeightedCsatSummary {
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

    /// The default interval: [`share_interval`](Self::share_interval) by
    /// [`WeightedMethod::default()`].
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        self.share_interval(level, WeightedMethod::default())
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
        same_scale_and_threshold(self.settings(), other.settings())?;
        Ok(self.share.difference(&other.share, level, (0.0, 1.0)))
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
        same_scale_and_threshold(self.settings(), other.settings())?;
        Ok(self.mean.difference(&other.mean, level, self.points()))
    }

    /// The scale and the threshold.
    fn settings(&self) -> (RatingScale, u8) {
        (self.scale(), self.satisfied_from)
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
             mean {:.2} ({level} CI {:.2} to {:.2}, {NORMAL}); {}",
            Percent(self.satisfied_share()),
            self.satisfied_from,
            self.scale().max(),
            self.scale(),
            Percent(share.lower()),
            Percent(share.upper()),
            self.mean(),
            mean.lower(),
            mean.upper(),
            Kish(&self.mean)
        )
    }
}

crate::summary::headline!(
    WeightedCsatSummary, "weighted CSAT",
    satisfied_share in (0.0, 1.0),
    interval() by WeightedMethod::default().name()
);

impl Report for WeightedCsatSummary {
    type Method = WeightedMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 12] = with_kish([
            Column::share("satisfied_share"),
            Column::share("lower"),
            Column::share("upper"),
            Column::share("standard_error"),
            Column::float("mean"),
            Column::float("mean_lower"),
            Column::float("mean_upper"),
            Column::float("mean_standard_error"),
            Column::count("n"),
        ]);
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<WeightedMethod>) -> Vec<Value> {
        let share = self.share_interval(options.level, options.method);
        let mean = self.mean_interval(options.level);
        let share = with_se(self.satisfied_share(), share, self.share_standard_error());
        let mean = with_se(self.mean(), mean, self.mean_standard_error());
        [
            &share[..],
            &mean,
            &[Value::Count(self.count())],
            &self.mean.kish_values(),
        ]
        .concat()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregator::Aggregator;
    use crate::error::InputError;
    use crate::weighting::Weight;

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
