//! Customer Effort Score (CES): the mean effort rating and the share of low-effort answers.
//!
//! Two scales are in use with opposite polarity (see [`CesScale`]): the effort form (1 = very low
//! effort, lower is better) and CES 2.0 (1-7 agreement that the company made it easy, higher is
//! better). The scale, its polarity and the low-effort threshold are part of the state: CES
//! aggregators on different scales refuse to merge, and nothing is ever guessed.
//!
//! ```
//! use satisfaction::{Aggregator, Ces, CesScale, ConfidenceLevel};
//!
//! let mut ces = Ces::new(CesScale::AGREEMENT_7);
//! ces.try_extend_from_slice(&[7, 6, 5, 3, 7, 6, 2, 5])?;
//! let summary = ces.summary().unwrap();
//! assert_eq!(summary.low_effort(), 6); // 5-7 is low effort on CES 2.0
//! assert_eq!(summary.mean(), 5.125);
//! let ci = summary.mean_interval(ConfidenceLevel::P95);
//! assert!(ci.lower() < 5.125 && ci.upper() <= 7.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use crate::aggregator::Aggregator;
use crate::counts::RatingCounts;
use crate::error::{BatchError, MergeError, ScoreError, StateError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};
use crate::scale::{CesScale, Rating};

/// The CES aggregator: one count per point of its [`CesScale`].
///
/// There is deliberately no `Default` (and so no `FromIterator`): which scale and polarity a
/// number comes from must be stated. The state is 112 bytes
/// (`size_of::<Ces>()`); pushing never allocates.
///
/// # Example
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
    /// [`StateError::Inconsistent`] when there is not exactly one count per point or the total
    /// exceeds [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(scale: CesScale, counts: &[u64]) -> Result<Self, StateError> {
        let points = scale.scale();
        let counts = RatingCounts::from_points(points, counts, 0).ok_or_else(|| {
            StateError::Inconsistent(format!(
                "expected {} counts for the {points} scale with a total of at most {}, got {counts:?}",
                points.points(),
                crate::MAX_COUNT
            ))
        })?;
        Ok(Self { scale, counts })
    }

    /// The CES scale.
    #[must_use]
    pub fn scale(&self) -> CesScale {
        self.scale
    }

    /// Validates and records one raw rating.
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when `rating` is not a point of the scale; nothing is recorded.
    pub fn try_push(&mut self, rating: u8) -> Result<(), ScoreError> {
        self.push(self.scale.rating(rating)?);
        Ok(())
    }

    /// Validates and records a whole slice of raw ratings, all or nothing.
    ///
    /// # Errors
    ///
    /// [`BatchError::OutOfRange`] naming the index and value of the first rating off the scale,
    /// or [`BatchError::CountOverflow`]; in both cases nothing from the slice is recorded.
    pub fn try_extend_from_slice(&mut self, ratings: &[u8]) -> Result<(), BatchError> {
        self.counts.tally(ratings, "CES rating")
    }

    /// [`try_extend_from_slice`](Self::try_extend_from_slice) for values that arrive as
    /// `u16` (a wider column type); same validation, same all-or-nothing rule.
    ///
    /// # Errors
    ///
    /// As [`try_extend_from_slice`](Self::try_extend_from_slice).
    pub fn try_extend_from_u16_slice(&mut self, ratings: &[u16]) -> Result<(), BatchError> {
        self.counts.tally(ratings, "CES rating")
    }

    /// [`try_extend_from_slice`](Self::try_extend_from_slice) for values that arrive as
    /// `u32`; same validation, same all-or-nothing rule.
    ///
    /// # Errors
    ///
    /// As [`try_extend_from_slice`](Self::try_extend_from_slice).
    pub fn try_extend_from_u32_slice(&mut self, ratings: &[u32]) -> Result<(), BatchError> {
        self.counts.tally(ratings, "CES rating")
    }
}

impl Aggregator for Ces {
    type Input = Rating;
    type Summary = CesSummary;

    /// Records a rating. A rating from another scale is not counted; it is tallied in
    /// [`CesSummary::rejected`] instead.
    #[inline]
    fn push(&mut self, rating: Rating) {
        self.counts.record_rating(rating);
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.scale != other.scale {
            return Err(MergeError::ConfigurationMismatch {
                setting: "CES scale",
                left: self.scale.to_string(),
                right: other.scale.to_string(),
            });
        }
        self.counts.merge(&other.counts)
    }

    fn summary(&self) -> Option<CesSummary> {
        (self.count() > 0).then_some(CesSummary {
            scale: self.scale,
            counts: self.counts,
        })
    }

    fn count(&self) -> u64 {
        self.counts.total()
    }
}

crate::aggregator::impl_collect!(Ces, Rating);

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CesState", into = "CesState"))]
#[non_exhaustive]
pub struct CesSummary {
    scale: CesScale,
    counts: RatingCounts,
}

impl CesSummary {
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

    /// The anytime-valid confidence sequence of the low-effort share: valid at every n at once, so
    /// it may be checked after every answer (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn low_effort_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.low_effort_sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    /// [`low_effort_sequence`](Self::low_effort_sequence) tuned for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn low_effort_sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        interval::sequence_unchecked(self.low_effort() as f64, self.count(), level, tuned_for)
    }
    /// The number of ratings.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.counts.total()
    }

    /// The CES scale.
    #[must_use]
    pub fn scale(&self) -> CesScale {
        self.scale
    }

    /// One count per point of the scale, lowest point first.
    #[must_use]
    pub fn distribution(&self) -> &[u64] {
        self.counts.points()
    }

    /// Typed ratings from another scale that were pushed and not counted.
    #[must_use]
    pub fn rejected(&self) -> u64 {
        self.counts.rejected()
    }

    /// The mean rating on the scale's own polarity (read it with [`CesScale::polarity`]).
    #[must_use]
    pub fn mean(&self) -> f64 {
        self.counts.mean().unwrap_or(f64::NAN)
    }

    /// The sample standard deviation; `None` for a single rating.
    #[must_use]
    pub fn std_dev(&self) -> Option<f64> {
        self.counts.variance().map(f64::sqrt)
    }

    /// The Student t interval of the mean, clamped to the scale; the whole scale for a single
    /// rating.
    #[must_use]
    pub fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        let scale = self.scale.scale();
        let (min, max) = (f64::from(scale.min()), f64::from(scale.max()));
        self.counts
            .mean_interval(level)
            .unwrap_or_else(|| Interval::clamped(min, max, min, max))
    }

    /// The number of low-effort ratings.
    #[must_use]
    pub fn low_effort(&self) -> u64 {
        let (from, to) = self.scale.low_effort_range();
        self.counts.count_between(from, to)
    }

    /// The low-effort share, 0..=1.
    #[must_use]
    pub fn low_effort_share(&self) -> f64 {
        self.low_effort() as f64 / self.count() as f64
    }

    /// The confidence interval of the low-effort share, within `[0, 1]`.
    #[must_use]
    pub fn low_effort_interval(
        &self,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Interval {
        interval::proportion_unchecked(self.low_effort(), self.count(), level, method)
    }
}

impl fmt::Display for CesSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = ProportionMethod::default();
        let mean = self.mean_interval(level);
        let share = self.low_effort_interval(level, method);
        let (from, to) = self.scale.low_effort_range();
        write!(
            f,
            "CES mean {:.2} on {}, {} ({level} CI {:.2} to {:.2}, Student t); \
             low effort {:.1}% ({from}-{to}; {level} CI {:.1}% to {:.1}%, {method}); n = {}",
            self.mean(),
            self.scale.scale(),
            match self.scale.polarity() {
                crate::Polarity::LowerIsBetter => "lower is easier",
                _ => "higher is easier",
            },
            mean.lower(),
            mean.upper(),
            100.0 * self.low_effort_share(),
            100.0 * share.lower(),
            100.0 * share.upper(),
            self.count()
        )?;
        if self.rejected() > 0 {
            write!(f, "; {} ratings on another scale rejected", self.rejected())?;
        }
        Ok(())
    }
}

/// The serialised form of [`Ces`] and [`CesSummary`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CesState {
    version: u32,
    scale: CesScale,
    /// One count per point of the scale, lowest first.
    counts: Vec<u64>,
    rejected: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<CesState> for Ces {
    type Error = crate::StateError;

    fn try_from(state: CesState) -> Result<Self, Self::Error> {
        crate::state::check_version(state.version)?;
        let scale = state.scale.scale();
        let counts = RatingCounts::from_points(scale, &state.counts, state.rejected)
            .ok_or_else(|| crate::state::bad_points(scale, state.counts.len()))?;
        Ok(Ces {
            scale: state.scale,
            counts,
        })
    }
}

#[cfg(feature = "serde")]
impl From<Ces> for CesState {
    fn from(ces: Ces) -> Self {
        Self {
            version: crate::STATE_VERSION,
            scale: ces.scale,
            counts: ces.counts.points().to_vec(),
            rejected: ces.counts.rejected(),
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<CesState> for CesSummary {
    type Error = crate::StateError;

    fn try_from(state: CesState) -> Result<Self, Self::Error> {
        Ces::try_from(state)?.summary().ok_or_else(|| {
            crate::StateError::Inconsistent("a CES summary needs at least one rating".into())
        })
    }
}

#[cfg(feature = "serde")]
impl From<CesSummary> for CesState {
    fn from(summary: CesSummary) -> Self {
        Ces {
            scale: summary.scale,
            counts: summary.counts,
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Polarity, RatingScale};

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
}
