//! Customer Satisfaction (CSAT): the share of satisfied ratings, and the mean rating.
//!
//! Both forms are in use and both are reported: the satisfied share ("top-2-box": ratings of 4
//! or 5 on a 1-5 scale over all ratings, as Delighted and most survey tools report it) with a
//! binomial proportion interval, and the mean rating (as some CRMs report it) with a Student t
//! interval. The scale and the "satisfied from" threshold are configurable and part of the
//! state, so CSATs on different scales refuse to merge.
//!
//! "Not rated" answers are not ratings: do not push them (exports often write them as 0 or an
//! empty cell; a 0 on a 1-5 scale is rejected as out of range).
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, Csat, ProportionMethod};
//!
//! let mut csat = Csat::default(); // 1-5, satisfied from 4
//! csat.try_extend_from_slice(&[5, 4, 4, 3, 5, 2, 5, 4, 1, 5])?;
//! let summary = csat.summary().unwrap();
//! assert_eq!(summary.satisfied_share(), 0.7);
//! assert_eq!(summary.mean(), 3.8);
//! let share = summary.share_interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
//! let mean = summary.mean_interval(ConfidenceLevel::P95);
//! assert!(share.contains(0.7) && mean.contains(3.8));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use crate::aggregator::Aggregator;
use crate::counts::RatingCounts;
use crate::error::{BatchError, CompareError, MergeError, ScaleError, ScoreError, StateError};
use crate::interval::{self, ConfidenceLevel, Difference, Interval, ProportionMethod};
use crate::scale::{Rating, RatingScale};

/// The CSAT aggregator: one count per point of its scale.
///
/// `Csat::default()` uses the 1-5 scale with ratings of 4 and 5 counting as satisfied. The state
/// is 112 bytes whatever the scale; pushing never allocates.
///
/// # Example
///
/// ```
/// use satisfaction::{Aggregator, Csat, RatingScale};
///
/// // A 1-7 scale where 6 and 7 count as satisfied.
/// let mut csat = Csat::new(RatingScale::SEVEN_POINT, 6)?;
/// csat.push(RatingScale::SEVEN_POINT.rating(7)?);
/// csat.try_push(3)?;
/// assert_eq!(csat.summary().unwrap().satisfied(), 1);
/// assert!(csat.try_push(8).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CsatState", into = "CsatState"))]
pub struct Csat {
    counts: RatingCounts,
    satisfied_from: u8,
}

impl Csat {
    /// A CSAT on `scale` where ratings from `satisfied_from` up count as satisfied.
    ///
    /// # Errors
    ///
    /// [`ScaleError::ThresholdOutside`] when `satisfied_from` is not a point of the scale.
    pub fn new(scale: RatingScale, satisfied_from: u8) -> Result<Self, ScaleError> {
        scale.check_threshold("satisfied-from threshold", satisfied_from)?;
        Ok(Self {
            counts: RatingCounts::new(scale),
            satisfied_from,
        })
    }

    /// A CSAT from counts tallied elsewhere (a SQL `GROUP BY rating`, a dashboard export): one
    /// count per point of `scale`, lowest point first.
    ///
    /// ```
    /// use satisfaction::{Aggregator, Csat, RatingScale};
    ///
    /// let csat = Csat::from_counts(RatingScale::FIVE_POINT, 4, &[1, 0, 3, 10, 6])?;
    /// assert_eq!(csat.summary().unwrap().satisfied_share(), 0.8);
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::Scale`] when `satisfied_from` is not a point of the scale;
    /// [`StateError::Inconsistent`] when there is not exactly one count per point or the total
    /// exceeds [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(
        scale: RatingScale,
        satisfied_from: u8,
        counts: &[u64],
    ) -> Result<Self, StateError> {
        let mut csat = Self::new(scale, satisfied_from)?;
        csat.counts = RatingCounts::from_points(scale, counts, 0).ok_or_else(|| {
            StateError::Inconsistent(format!(
                "expected {} counts for the {scale} scale with a total of at most {}, got {counts:?}",
                scale.points(),
                crate::MAX_COUNT
            ))
        })?;
        Ok(csat)
    }

    /// The rating scale.
    #[must_use]
    pub fn scale(&self) -> RatingScale {
        self.counts.scale()
    }

    /// The lowest rating that counts as satisfied.
    #[must_use]
    pub fn satisfied_from(&self) -> u8 {
        self.satisfied_from
    }

    /// Validates and records one raw rating.
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when `rating` is not a point of the scale; nothing is recorded.
    pub fn try_push(&mut self, rating: u8) -> Result<(), ScoreError> {
        self.push(self.scale().rating(rating)?);
        Ok(())
    }

    /// Validates and records a whole slice of raw ratings, all or nothing.
    ///
    /// # Errors
    ///
    /// [`BatchError::OutOfRange`] naming the index and value of the first rating off the scale,
    /// or [`BatchError::CountOverflow`]; in both cases nothing from the slice is recorded.
    pub fn try_extend_from_slice(&mut self, ratings: &[u8]) -> Result<(), BatchError> {
        self.counts.tally(ratings, "rating")
    }

    /// [`try_extend_from_slice`](Self::try_extend_from_slice) for values that arrive as
    /// `u16` (a wider column type); same validation, same all-or-nothing rule.
    ///
    /// # Errors
    ///
    /// As [`try_extend_from_slice`](Self::try_extend_from_slice).
    pub fn try_extend_from_u16_slice(&mut self, ratings: &[u16]) -> Result<(), BatchError> {
        self.counts.tally(ratings, "rating")
    }

    /// [`try_extend_from_slice`](Self::try_extend_from_slice) for values that arrive as
    /// `u32`; same validation, same all-or-nothing rule.
    ///
    /// # Errors
    ///
    /// As [`try_extend_from_slice`](Self::try_extend_from_slice).
    pub fn try_extend_from_u32_slice(&mut self, ratings: &[u32]) -> Result<(), BatchError> {
        self.counts.tally(ratings, "rating")
    }
}

impl Default for Csat {
    /// 1-5, satisfied from 4 (top-2-box).
    fn default() -> Self {
        Self {
            counts: RatingCounts::new(RatingScale::FIVE_POINT),
            satisfied_from: 4,
        }
    }
}

impl Aggregator for Csat {
    type Input = Rating;
    type Summary = CsatSummary;

    /// Records a rating. A rating from another scale is not counted (it would mean something
    /// else here); it is tallied in [`CsatSummary::rejected`] instead.
    #[inline]
    fn push(&mut self, rating: Rating) {
        self.counts.record_rating(rating);
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.satisfied_from != other.satisfied_from {
            return Err(MergeError::ConfigurationMismatch {
                setting: "satisfied-from threshold",
                left: self.satisfied_from.to_string(),
                right: other.satisfied_from.to_string(),
            });
        }
        self.counts.merge(&other.counts)
    }

    fn summary(&self) -> Option<CsatSummary> {
        (self.count() > 0).then_some(CsatSummary {
            counts: self.counts,
            satisfied_from: self.satisfied_from,
        })
    }

    fn count(&self) -> u64 {
        self.counts.total()
    }
}

crate::aggregator::impl_collect!(Csat, Rating, from_iter);

/// The summary of a non-empty [`Csat`].
///
/// ```
/// use satisfaction::{Aggregator, Csat};
///
/// let mut csat = Csat::default();
/// csat.try_extend_from_slice(&[5, 5, 4, 3, 1])?;
/// assert_eq!(
///     csat.summary().unwrap().to_string(),
///     "CSAT 60.0% satisfied (4-5 of 1-5; 95% CI 23.1% to 88.2%, Wilson); \
///      mean 3.60 (95% CI 1.52 to 5.00, Student t); n = 5"
/// );
/// # Ok::<(), satisfaction::BatchError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CsatState", into = "CsatState"))]
#[non_exhaustive]
pub struct CsatSummary {
    counts: RatingCounts,
    satisfied_from: u8,
}

impl CsatSummary {
    /// The anytime-valid confidence sequence of the satisfied share: valid at every n at once, so
    /// it may be checked after every answer (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn share_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.share_sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    /// [`share_sequence`](Self::share_sequence) tuned for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn share_sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        interval::sequence_unchecked(self.satisfied() as f64, self.count(), level, tuned_for)
    }

    /// The anytime-valid confidence sequence of the mean rating (rescaled to [0, 1] over the scale,
    /// mapped back): valid at every n at once, so it may be checked after every answer (see
    /// [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn mean_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.mean_sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    /// [`mean_sequence`](Self::mean_sequence) tuned for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn mean_sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        let scale = self.counts.scale();
        let (min, max) = (f64::from(scale.min()), f64::from(scale.max()));
        // Non-empty by construction; the fallback is the whole scale.
        self.counts
            .mean_sequence(level, tuned_for)
            .unwrap_or_else(|| Interval::clamped(min, max, min, max))
    }
    fn same_configuration(&self, other: &CsatSummary) -> Result<(), CompareError> {
        if self.scale() != other.scale() || self.satisfied_from != other.satisfied_from {
            return Err(CompareError::ConfigurationMismatch {
                setting: "scale or satisfied-from threshold",
                left: format!("{} from {}", self.scale(), self.satisfied_from),
                right: format!("{} from {}", other.scale(), other.satisfied_from),
            });
        }
        Ok(())
    }

    /// The difference of satisfied shares (this minus other): Newcombe hybrid score interval
    /// and pooled z-test p-value.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel, Csat, RatingScale};
    ///
    /// let now = Csat::from_counts(RatingScale::FIVE_POINT, 4, &[2, 4, 8, 26, 30])?.summary().unwrap();
    /// let before = Csat::from_counts(RatingScale::FIVE_POINT, 4, &[8, 10, 14, 28, 20])?.summary().unwrap();
    /// let change = now.share_difference(&before, ConfidenceLevel::P95)?;
    /// assert_eq!(format!("{:.4}", change.interval()), "[0.0524, 0.3339]"); // 56/70 vs 48/80
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`] for different scales or thresholds.
    pub fn share_difference(
        &self,
        other: &CsatSummary,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        self.same_configuration(other)?;
        interval::proportion_difference_test(
            self.satisfied(),
            self.count(),
            other.satisfied(),
            other.count(),
            level,
        )
        .map_err(|_| CompareError::TooFewObservations {
            method: "Newcombe hybrid score",
            needed: 1,
            left: self.count(),
            right: other.count(),
        })
    }

    /// The difference of mean ratings (this minus other) by Welch's t.
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`] for different scales or thresholds;
    /// [`CompareError::TooFewObservations`] when a side has fewer than 2 ratings.
    pub fn mean_difference(
        &self,
        other: &CsatSummary,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        self.same_configuration(other)?;
        let too_few = || CompareError::TooFewObservations {
            method: "Welch t",
            needed: 2,
            left: self.count(),
            right: other.count(),
        };
        let (sd1, sd2) = (
            self.std_dev().ok_or_else(too_few)?,
            other.std_dev().ok_or_else(too_few)?,
        );
        interval::welch(
            self.count(),
            self.mean(),
            sd1,
            other.count(),
            other.mean(),
            sd2,
            level,
        )
        .map_err(|_| too_few())
    }

    /// The number of ratings.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.counts.total()
    }

    /// The rating scale.
    #[must_use]
    pub fn scale(&self) -> RatingScale {
        self.counts.scale()
    }

    /// The lowest rating that counts as satisfied.
    #[must_use]
    pub fn satisfied_from(&self) -> u8 {
        self.satisfied_from
    }

    /// One count per point of the scale, lowest point first.
    #[must_use]
    pub fn distribution(&self) -> &[u64] {
        self.counts.points()
    }

    /// Typed ratings from another scale that were pushed and not counted (0 unless the caller
    /// mixed scales).
    #[must_use]
    pub fn rejected(&self) -> u64 {
        self.counts.rejected()
    }

    /// The number of satisfied ratings.
    #[must_use]
    pub fn satisfied(&self) -> u64 {
        self.counts
            .count_between(self.satisfied_from, self.scale().max())
    }

    /// The satisfied share, 0..=1 (multiply by 100 for the CSAT percentage).
    #[must_use]
    pub fn satisfied_share(&self) -> f64 {
        self.satisfied() as f64 / self.count() as f64
    }

    /// The confidence interval of the satisfied share, within `[0, 1]`.
    #[must_use]
    pub fn share_interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        interval::proportion_unchecked(self.satisfied(), self.count(), level, method)
    }

    /// The mean rating.
    #[must_use]
    pub fn mean(&self) -> f64 {
        // A summary is never empty, so the mean exists.
        self.counts.mean().unwrap_or(f64::NAN)
    }

    /// The sample standard deviation of the ratings; `None` for a single rating.
    #[must_use]
    pub fn std_dev(&self) -> Option<f64> {
        self.counts.variance().map(f64::sqrt)
    }

    /// The Student t interval of the mean rating, clamped to the scale. For a single rating,
    /// which leaves no degrees of freedom, it is the whole scale.
    #[must_use]
    pub fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        let (min, max) = (f64::from(self.scale().min()), f64::from(self.scale().max()));
        self.counts
            .mean_interval(level)
            .unwrap_or_else(|| Interval::clamped(min, max, min, max))
    }
}

impl fmt::Display for CsatSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = ProportionMethod::default();
        let share = self.share_interval(level, method);
        let mean = self.mean_interval(level);
        write!(
            f,
            "CSAT {:.1}% satisfied ({}-{} of {}; {level} CI {:.1}% to {:.1}%, {method}); \
             mean {:.2} ({level} CI {:.2} to {:.2}, Student t); n = {}",
            100.0 * self.satisfied_share(),
            self.satisfied_from,
            self.scale().max(),
            self.scale(),
            100.0 * share.lower(),
            100.0 * share.upper(),
            self.mean(),
            mean.lower(),
            mean.upper(),
            self.count()
        )?;
        if self.rejected() > 0 {
            write!(f, "; {} ratings on another scale rejected", self.rejected())?;
        }
        Ok(())
    }
}

/// The serialised form of [`Csat`] and [`CsatSummary`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CsatState {
    version: u32,
    scale: RatingScale,
    satisfied_from: u8,
    /// One count per point of the scale, lowest first.
    counts: Vec<u64>,
    rejected: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<CsatState> for Csat {
    type Error = crate::StateError;

    fn try_from(state: CsatState) -> Result<Self, Self::Error> {
        crate::state::check_version(state.version)?;
        let mut csat = Csat::new(state.scale, state.satisfied_from)?;
        csat.counts = RatingCounts::from_points(state.scale, &state.counts, state.rejected)
            .ok_or_else(|| crate::state::bad_points(state.scale, state.counts.len()))?;
        Ok(csat)
    }
}

#[cfg(feature = "serde")]
impl From<Csat> for CsatState {
    fn from(csat: Csat) -> Self {
        Self {
            version: crate::STATE_VERSION,
            scale: csat.scale(),
            satisfied_from: csat.satisfied_from,
            counts: csat.counts.points().to_vec(),
            rejected: csat.counts.rejected(),
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<CsatState> for CsatSummary {
    type Error = crate::StateError;

    fn try_from(state: CsatState) -> Result<Self, Self::Error> {
        Csat::try_from(state)?.summary().ok_or_else(|| {
            crate::StateError::Inconsistent("a CSAT summary needs at least one rating".into())
        })
    }
}

#[cfg(feature = "serde")]
impl From<CsatSummary> for CsatState {
    fn from(summary: CsatSummary) -> Self {
        Csat {
            counts: summary.counts,
            satisfied_from: summary.satisfied_from,
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_must_be_on_the_scale() {
        assert!(Csat::new(RatingScale::FIVE_POINT, 6).is_err());
        assert!(Csat::new(RatingScale::FIVE_POINT, 0).is_err());
        assert!(Csat::new(RatingScale::FIVE_POINT, 5).is_ok());
    }

    #[test]
    fn ratings_from_another_scale_are_rejected_not_counted() {
        let mut csat = Csat::default();
        csat.push(RatingScale::SEVEN_POINT.rating(7).unwrap());
        assert_eq!(csat.count(), 0);
        csat.try_push(5).unwrap();
        let summary = csat.summary().unwrap();
        assert_eq!((summary.count(), summary.rejected()), (1, 1));
        assert!(
            summary
                .to_string()
                .ends_with("1 ratings on another scale rejected")
        );
    }

    #[test]
    fn merge_refuses_other_thresholds_and_scales() {
        let mut csat = Csat::default();
        csat.try_push(4).unwrap();
        let before = csat.clone();
        assert!(
            csat.merge(&Csat::new(RatingScale::FIVE_POINT, 5).unwrap())
                .is_err()
        );
        assert!(
            csat.merge(&Csat::new(RatingScale::SEVEN_POINT, 4).unwrap())
                .is_err()
        );
        assert_eq!(csat, before);
    }

    #[test]
    fn single_rating_mean_interval_is_the_scale() {
        let mut csat = Csat::default();
        csat.try_push(3).unwrap();
        let ci = csat.summary().unwrap().mean_interval(ConfidenceLevel::P95);
        assert_eq!((ci.lower(), ci.upper()), (1.0, 5.0));
    }
}
