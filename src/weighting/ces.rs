//! [`WeightedCes`]: the weighted Customer Effort Score, mean and low-effort share.

use std::fmt;

use crate::display::Percent;
use crate::error::same;
use crate::error::{CompareError, Mismatch, Setting};
use crate::interval::{ConfidenceLevel, Difference, Interval};
use crate::scale::CesScale;
use crate::summary::{Column, Report, ReportOptions, Value};

use super::buckets::Linearised;
use super::interval::{NORMAL, WeightedMethod};
use super::ratings::Ratings;
use super::summary::{Kish, with_kish, with_se};

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
pub struct WeightedCes {
    scale: CesScale,
    ratings: Ratings,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(WeightedCes, State);

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

    /// The low-effort range of the scale.
    fn share_range(&self) -> (u8, u8) {
        self.scale.low_effort_range()
    }

    /// The CES scale carries the polarity and the threshold: the one setting to agree on.
    fn check_merge(&self, other: &Self) -> Result<(), Mismatch> {
        same("CES scale", self.scale, other.scale, Setting::CesScale)
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

super::ratings::weighted_rating_metric! {
    WeightedCes => WeightedCesSummary { scale }, "weighted CES";
    /// The weighted mean effort rating: the estimate of this summary.
    mean;
    /// The weighted share of low-effort ratings, 0..=1.
    share of "low-effort share":
        low_effort_share, low_effort_standard_error, low_effort_interval;
}

impl WeightedCesSummary {
    /// The CES scale.
    #[must_use]
    pub fn scale(&self) -> CesScale {
        self.scale
    }

    /// The default interval, [`mean_interval`](Self::mean_interval).
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        self.mean_interval(level)
    }

    /// The difference of weighted mean ratings (this minus other) for independent samples:
    /// normal interval on `√(SE₁² + SE₂²)` of the linearised standard errors, z-test p-value.
    ///
    /// ```
    /// use satisfaction::weighting::WeightedCes;
    /// use satisfaction::{Aggregator, CesScale, ConfidenceLevel};
    ///
    /// let (mut now, mut before) = (WeightedCes::new(CesScale::AGREEMENT_7), WeightedCes::new(CesScale::AGREEMENT_7));
    /// for r in [6, 7, 6, 5, 7, 6] { now.try_push(r, 1.5)?; }
    /// for r in [3, 4, 2, 5, 3, 4, 2] { before.try_push(r, 1.0)?; }
    /// let change = now.summary().unwrap().mean_difference(&before.summary().unwrap(), ConfidenceLevel::P95)?;
    /// assert!(change.estimate() > 0.0 && change.p_value() < 0.05);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`] for another CES scale (points, polarity or
    /// threshold).
    pub fn mean_difference(
        &self,
        other: &Self,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        same("CES scale", self.scale, other.scale, Setting::CesScale)?;
        Ok(self.mean.difference(&other.mean, level, self.points()))
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
             ({level} CI {} to {}, {method}); {}",
            self.mean(),
            mean.lower(),
            mean.upper(),
            self.scale,
            Percent(self.low_effort_share()),
            Percent(share.lower()),
            Percent(share.upper()),
            Kish(&self.mean)
        )
    }
}

// CES is reported as a mean first.
crate::summary::headline!(
    WeightedCesSummary, "weighted CES",
    mean in self.points(),
    mean_interval() by NORMAL
);

impl Report for WeightedCesSummary {
    type Method = WeightedMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 12] = with_kish([
            Column::float("mean"),
            Column::float("mean_lower"),
            Column::float("mean_upper"),
            Column::float("mean_standard_error"),
            Column::share("low_effort_share"),
            Column::share("lower"),
            Column::share("upper"),
            Column::share("standard_error"),
            Column::count("n"),
        ]);
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<WeightedMethod>) -> Vec<Value> {
        let mean = self.mean_interval(options.level);
        let share = self.low_effort_interval(options.level, options.method);
        let mean = with_se(self.mean(), mean, self.mean_standard_error());
        let share = with_se(
            self.low_effort_share(),
            share,
            self.low_effort_standard_error(),
        );
        [
            &mean[..],
            &share,
            &[Value::Count(self.count())],
            &self.mean.kish_values(),
        ]
        .concat()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregator::Aggregator;
    use crate::error::InputError;
    use crate::weighting::Weight;

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
