//! [`Ces`] and [`CesSummary`]. The user-facing documentation is on [`Ces`].

use std::fmt;

use crate::aggregator::{Aggregator, TryPush};
use crate::counts::RawScore;
use crate::display::Percent;
use crate::error::same;
use crate::error::{BatchError, CompareError, InputError, MergeError, Setting, StateError};
use crate::interval::{self, ConfidenceLevel, Difference, Interval, ProportionMethod};
use crate::ratings::RatingCounts;
use crate::scale::ScoreError;
use crate::scale::{CesScale, Polarity, Rating};
use crate::summary::{Column, Report, ReportOptions, Sequential, Summary, Value};

/// Customer Effort Score (CES): the mean effort rating and the share of low-effort answers.
///
/// Two scales are in use with opposite polarity (see [`CesScale`]): the effort form (1 = very
/// low effort, lower is better) and CES 2.0 (1-7 agreement that the company made it easy,
/// higher is better). The scale, its polarity and the low-effort threshold are part of the
/// state: CES aggregators on different scales refuse to merge, and nothing is ever guessed.
/// There is deliberately no `Default` for the same reason: which scale and polarity a number
/// comes from must be stated. As for CSAT, a typed [`Rating`] from another scale is refused by
/// [`record`](Aggregator::record).
///
/// The state is one count per point of the scale, 104 bytes (`size_of::<Ces>()`); pushing
/// never allocates.
///
/// # Examples
///
/// ```
/// use satisfaction::{Aggregator, Ces, CesScale, ConfidenceLevel};
///
/// let mut ces = Ces::new(CesScale::AGREEMENT_7);
/// ces.try_extend_from_slice(&[7, 6, 5, 3, 7, 6, 2, 5])?;
/// let summary = ces.summary().unwrap();
/// assert_eq!(summary.low_effort(), 6); // 5-7 is low effort on CES 2.0
/// assert_eq!(summary.mean(), 5.125);
/// let ci = summary.mean_interval(ConfidenceLevel::P95);
/// assert!(ci.lower() < 5.125 && ci.upper() <= 7.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// On the effort form, lower is better:
///
/// ```
/// use satisfaction::{Aggregator, Ces, CesScale};
///
/// let mut ces = Ces::new(CesScale::EFFORT_5); // 1 = very low effort
/// ces.try_push(1)?;
/// ces.try_push(4)?;
/// assert!(ces.try_push(6).is_err());
/// let summary = ces.summary().unwrap();
/// assert_eq!((summary.low_effort(), summary.count()), (1, 2));
/// # Ok::<(), satisfaction::ScoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CesState", into = "CesState"))]
pub struct Ces {
    scale: CesScale,
    counts: RatingCounts,
}

impl Ces {
    /// An empty CES aggregator on `scale`.
    #[must_use]
    pub fn new(scale: CesScale) -> Self {
        Self {
            scale,
            counts: RatingCounts::new(scale.scale()),
        }
    }

    /// A CES from counts tallied elsewhere (a SQL `GROUP BY rating`, a dashboard export, the
    /// SQL function's partial state): one count per point of `scale`, lowest point first.
    ///
    /// ```
    /// use satisfaction::{Aggregator, Ces, CesScale};
    ///
    /// let ces = Ces::from_counts(CesScale::EFFORT_5, &[6, 2, 1, 1, 0])?;
    /// assert_eq!(ces.summary().unwrap().low_effort(), 8);
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::WrongLength`] when there is not exactly one count per point;
    /// [`StateError::TooMany`] when the total exceeds [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(scale: CesScale, counts: &[u64]) -> Result<Self, StateError> {
        let counts = RatingCounts::from_points("CES", scale.scale(), counts)?;
        Ok(Self { scale, counts })
    }

    /// The CES scale.
    #[must_use]
    pub fn scale(&self) -> CesScale {
        self.scale
    }

    /// Validates and records one raw rating of any integer type.
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when `rating` is not a point of the scale; nothing is recorded.
    pub fn try_push<T: RawScore>(&mut self, rating: T) -> Result<(), ScoreError> {
        TryPush::try_push(self, rating)
    }

    /// Validates and records a whole slice of raw ratings of any integer type, all or nothing.
    ///
    /// # Errors
    ///
    /// [`BatchError::OutOfRange`] naming the index and value of the first rating off the scale,
    /// or [`BatchError::CountOverflow`]; in both cases nothing from the slice is recorded.
    pub fn try_extend_from_slice<T: RawScore>(&mut self, ratings: &[T]) -> Result<(), BatchError> {
        self.counts.tally(ratings, "CES rating")
    }
}

/// The SQL state has a column per point of the largest CES scale (7), whatever the scale.
#[cfg(feature = "datafusion")]
impl crate::counts::BucketState for Ces {
    fn bucket_names() -> Vec<String> {
        (0..7).map(|i| format!("p{i}")).collect()
    }

    fn bucket_counts(&self) -> Vec<u64> {
        self.counts.padded_points(7)
    }

    fn with_bucket_counts(&self, counts: &[u64]) -> Result<Self, StateError> {
        Ok(Self {
            scale: self.scale,
            counts: RatingCounts::from_padded("CES", self.scale.scale(), counts)?,
        })
    }

    fn scale(&self) -> Option<crate::scale::RatingScale> {
        Some(self.scale.scale())
    }
}

crate::aggregator::impl_try_push!(<T: RawScore> Ces, T, ScoreError, |this, raw| this.scale.rating(raw));

impl Aggregator for Ces {
    type Input = Rating;
    type Summary = CesSummary;
    type Error = InputError;

    /// Records a rating, or refuses one from another scale and changes nothing.
    #[inline]
    fn record(&mut self, rating: Rating) -> Result<(), InputError> {
        self.counts.record(rating)
    }

    fn check(&self, rating: &Rating) -> Result<(), InputError> {
        self.counts.check(rating)
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("CES scale", self.scale, other.scale, Setting::CesScale)?;
        self.counts.merge(&other.counts)
    }

    fn summary(&self) -> Option<CesSummary> {
        (self.count() > 0).then(|| CesSummary { ces: self.clone() })
    }

    fn count(&self) -> u64 {
        self.counts.total()
    }
}

/// The summary of a non-empty [`Ces`].
///
/// ```
/// use satisfaction::{Aggregator, Ces, CesScale};
///
/// let mut ces = Ces::new(CesScale::AGREEMENT_7);
/// ces.try_extend_from_slice(&[7, 6, 5, 3, 7, 6, 2, 5])?;
/// assert_eq!(
///     ces.summary().unwrap().to_string(),
///     "CES mean 5.12 on 1-7, higher is easier (95% CI 3.61 to 6.64, Student t); \
///      low effort 75.0% (5-7; 95% CI 40.9% to 92.9%, Wilson); n = 8"
/// );
/// # Ok::<(), satisfaction::BatchError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CesSummary {
    ces: Ces,
}

impl CesSummary {
    /// The number of ratings.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.ces.count()
    }

    /// The CES scale.
    #[must_use]
    pub fn scale(&self) -> CesScale {
        self.ces.scale
    }

    /// One count per point of the scale, lowest point first.
    #[must_use]
    pub fn distribution(&self) -> &[u64] {
        self.ces.counts.points()
    }

    /// The mean rating on the scale's own polarity (read it with [`CesScale::polarity`]).
    #[must_use]
    pub fn mean(&self) -> f64 {
        // Never empty; the fallback is the scale's minimum.
        self.ces
            .counts
            .mean()
            .unwrap_or_else(|| f64::from(self.ces.scale.scale().min()))
    }

    /// The sample standard deviation; `None` for a single rating.
    #[must_use]
    pub fn std_dev(&self) -> Option<f64> {
        self.ces.counts.variance().map(f64::sqrt)
    }

    /// The Student t interval of the mean, clamped to the scale; the whole scale for a single
    /// rating.
    #[must_use]
    pub fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        self.ces.counts.mean_interval(level)
    }

    /// The anytime-valid confidence sequence of the mean rating (rescaled to [0, 1] over the
    /// scale, mapped back), tuned for [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) (see
    /// [`interval::proportion_sequence`]).
    #[must_use]
    pub fn mean_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.ces
            .counts
            .mean_sequence(level, interval::DEFAULT_TUNED_FOR)
    }

    /// The number of low-effort ratings.
    #[must_use]
    pub fn low_effort(&self) -> u64 {
        let (from, to) = self.ces.scale.low_effort_range();
        self.ces.counts.count_between(from, to)
    }

    /// The low-effort share, 0..=1.
    #[must_use]
    pub fn low_effort_share(&self) -> f64 {
        self.ces.counts.share(self.ces.scale.low_effort_range())
    }

    /// The confidence interval of the low-effort share, within `[0, 1]`.
    #[must_use]
    pub fn low_effort_interval(
        &self,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Interval {
        self.ces
            .counts
            .share_interval(self.ces.scale.low_effort_range(), level, method)
    }

    /// The anytime-valid confidence sequence of the low-effort share, tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR).
    #[must_use]
    pub fn low_effort_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.ces.counts.share_sequence(
            self.ces.scale.low_effort_range(),
            level,
            interval::DEFAULT_TUNED_FOR,
        )
    }

    /// The difference of mean ratings (this minus other) by Welch's t.
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`] for different CES scales;
    /// [`CompareError::TooFewObservations`] when a side has fewer than 2 ratings.
    pub fn mean_difference(
        &self,
        other: &CesSummary,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        self.same_scale(other)?;
        self.ces.counts.mean_difference(&other.ces.counts, level)
    }

    /// The difference of low-effort shares (this minus other): Newcombe hybrid score interval
    /// and pooled z-test p-value.
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`] for different CES scales.
    pub fn low_effort_difference(
        &self,
        other: &CesSummary,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        self.same_scale(other)?;
        self.ces.counts.share_difference(
            &other.ces.counts,
            self.ces.scale.low_effort_range(),
            level,
        )
    }

    fn same_scale(&self, other: &CesSummary) -> Result<(), CompareError> {
        let (left, right) = (self.ces.scale, other.ces.scale);
        Ok(same("CES scale", left, right, Setting::CesScale)?)
    }
}

impl Summary for CesSummary {
    fn metric(&self) -> &'static str {
        "CES"
    }

    fn count(&self) -> u64 {
        CesSummary::count(self)
    }

    /// The mean rating: CES is reported as a mean first.
    fn estimate(&self) -> f64 {
        self.mean()
    }

    fn domain(&self) -> (f64, f64) {
        let scale = self.ces.scale.scale();
        (f64::from(scale.min()), f64::from(scale.max()))
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        Some(self.mean_interval(level))
    }

    fn default_method(&self) -> &'static str {
        "Student t"
    }
}

impl Sequential for CesSummary {
    fn sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        self.ces.counts.mean_sequence(level, tuned_for)
    }
}

impl Report for CesSummary {
    type Method = ProportionMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 8] = [
            Column::float("mean"),
            Column::float("mean_lower"),
            Column::float("mean_upper"),
            Column::float("low_effort_share"),
            Column::float("lower"),
            Column::float("upper"),
            Column::count("n"),
            Column::count("low_effort"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<ProportionMethod>) -> Vec<Value> {
        let mean = self.mean_interval(options.level);
        let share = self.low_effort_interval(options.level, options.method);
        vec![
            Value::Float(self.mean()),
            Value::Float(mean.lower()),
            Value::Float(mean.upper()),
            Value::Float(self.low_effort_share()),
            Value::Float(share.lower()),
            Value::Float(share.upper()),
            Value::Count(self.count()),
            Value::Count(self.low_effort()),
        ]
    }
}

impl fmt::Display for CesSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = ProportionMethod::default();
        let mean = self.mean_interval(level);
        let share = self.low_effort_interval(level, method);
        let scale = self.ces.scale;
        let (from, to) = scale.low_effort_range();
        write!(
            f,
            "CES mean {:.2} on {}, {} ({level} CI {:.2} to {:.2}, Student t); \
             low effort {} ({from}-{to}; {level} CI {} to {}, {method}); n = {}",
            self.mean(),
            scale.scale(),
            match scale.polarity() {
                Polarity::LowerIsBetter => "lower is easier",
                _ => "higher is easier",
            },
            mean.lower(),
            mean.upper(),
            Percent(self.low_effort_share()),
            Percent(share.lower()),
            Percent(share.upper()),
            self.count()
        )
    }
}

/// The serialised form of [`Ces`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CesState {
    version: u32,
    scale: CesScale,
    /// One count per point of the scale, lowest first.
    counts: Vec<u64>,
}

#[cfg(feature = "serde")]
crate::state::from_state!(CesState => Ces, |state| {
    Ces::from_counts(state.scale, &state.counts)
});

#[cfg(feature = "serde")]
impl From<Ces> for CesState {
    fn from(ces: Ces) -> Self {
        Self {
            version: crate::state::STATE_VERSION,
            scale: ces.scale,
            counts: ces.counts.points().to_vec(),
        }
    }
}

#[cfg(feature = "serde")]
impl crate::state::SerialSummary for CesSummary {
    const WHAT: &'static str = "CES summary";
    type State = Ces;

    fn state(&self) -> Ces {
        self.ces.clone()
    }
}

#[cfg(feature = "serde")]
crate::state::serde_summary!(CesSummary);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::RatingScale;

    #[test]
    fn low_effort_follows_polarity() {
        let mut effort = Ces::new(CesScale::EFFORT_5);
        effort.try_extend_from_slice(&[1, 2, 3, 4, 5]).unwrap();
        assert_eq!(effort.summary().unwrap().low_effort(), 2);

        let mut agreement = Ces::new(CesScale::AGREEMENT_7);
        agreement
            .try_extend_from_slice(&[1, 2, 3, 4, 5, 6, 7])
            .unwrap();
        assert_eq!(agreement.summary().unwrap().low_effort(), 3);
    }

    #[test]
    fn merge_refuses_another_polarity() {
        let mut a = Ces::new(CesScale::EFFORT_5);
        let b =
            Ces::new(CesScale::new(RatingScale::FIVE_POINT, Polarity::HigherIsBetter, 4).unwrap());
        assert!(matches!(
            a.merge(&b),
            Err(MergeError::ConfigurationMismatch { .. })
        ));
    }

    #[test]
    fn ces_rating_error_names_ces() {
        let mut ces = Ces::new(CesScale::EFFORT_5);
        assert_eq!(ces.try_push(9).unwrap_err().what, "CES rating");
    }

    #[test]
    fn a_rating_from_another_scale_is_refused() {
        let mut ces = Ces::new(CesScale::EFFORT_5);
        let seven = RatingScale::SEVEN_POINT.rating(2).unwrap();
        assert!(ces.record(seven).is_err());
        assert!(ces.is_empty());
    }
}
