//! [`Csat`] and [`CsatSummary`]. The user-facing documentation is on [`Csat`].

use std::fmt;

use crate::display::Percent;
use crate::error::{Mismatch, StateError};
use crate::interval::{ConfidenceLevel, Interval, ProportionMethod};
use crate::ratings::{RatingCounts, same_scale_and_threshold, same_threshold};
use crate::scale::{RatingScale, ScaleError};
use crate::summary::{Column, Report, ReportOptions, Sequential, Value, with_bounds};

/// Customer Satisfaction (CSAT): the share of satisfied ratings and the mean rating, from one
/// count per point of its scale.
///
/// Both forms are in use and both are reported: the satisfied share ("top-2-box": ratings of 4
/// or 5 on a 1-5 scale over all ratings, as Delighted and most survey tools report it) with a
/// binomial proportion interval, and the mean rating (as some CRMs report it) with a Student t
/// interval. The scale and the "satisfied from" threshold are configurable and part of the
/// state, so CSATs on different scales refuse to merge. A typed [`Rating`](crate::scale::Rating) carries its scale,
/// so [`record`](crate::Aggregator::record) refuses one from another scale
/// ([`InputError::ScaleMismatch`](crate::error::InputError::ScaleMismatch)) and `push` does not exist for CSAT: there is no way to lose
/// a rating silently.
///
/// "Not rated" answers are not ratings: do not push them (exports often write them as 0 or an
/// empty cell; a 0 on a 1-5 scale is rejected as out of range).
///
/// `Csat::default()` uses the 1-5 scale with ratings of 4 and 5 counting as satisfied. The state
/// is 104 bytes whatever the scale; pushing never allocates.
///
/// # Examples
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Csat, ProportionMethod};
///
/// let mut csat = Csat::default(); // 1-5, satisfied from 4
/// csat.try_extend_from_slice(&[5, 4, 4, 3, 5, 2, 5, 4, 1, 5])?;
/// let summary = csat.summary().unwrap();
/// assert_eq!(summary.satisfied_share(), 0.7);
/// assert_eq!(summary.mean(), 3.8);
/// let share = summary.share_interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
/// let mean = summary.mean_interval(ConfidenceLevel::P95);
/// assert!(share.contains(0.7) && mean.contains(3.8));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// ```
/// use satisfaction::{Aggregator, Csat, RatingScale};
///
/// // A 1-7 scale where 6 and 7 count as satisfied.
/// let mut csat = Csat::new(RatingScale::SEVEN_POINT, 6)?;
/// csat.record(RatingScale::SEVEN_POINT.rating(7)?)?;
/// csat.try_push(3)?;
/// assert_eq!(csat.summary().unwrap().satisfied(), 1);
/// assert!(csat.try_push(8).is_err());
/// assert!(csat.record(RatingScale::FIVE_POINT.rating(5)?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Csat {
    counts: RatingCounts,
    satisfied_from: u8,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Csat, CsatState);

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
    /// [`StateError::WrongLength`] when there is not exactly one count per point;
    /// [`StateError::TooMany`] when the total exceeds [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(
        scale: RatingScale,
        satisfied_from: u8,
        counts: &[u64],
    ) -> Result<Self, StateError> {
        let mut csat = Self::new(scale, satisfied_from)?;
        csat.counts = RatingCounts::from_points("CSAT", scale, counts)?;
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

    /// The satisfied range of the scale.
    fn share_range(&self) -> (u8, u8) {
        (self.satisfied_from, self.scale().max())
    }

    /// A comparison checks the threshold; the counts then check the scale.
    fn check_compare(&self, other: &Self) -> Result<(), Mismatch> {
        same_threshold(self.satisfied_from, other.satisfied_from)
    }

    fn check_merge(&self, other: &Self) -> Result<(), Mismatch> {
        same_scale_and_threshold(
            (self.scale(), self.satisfied_from),
            (other.scale(), other.satisfied_from),
        )
    }
}

/// The SQL state has a column per point of the largest scale (11), whatever the scale.
#[cfg(feature = "datafusion")]
impl crate::counts::BucketState for Csat {
    fn bucket_names() -> Vec<String> {
        (0..RatingScale::MAX_POINTS)
            .map(|i| format!("p{i}"))
            .collect()
    }

    fn bucket_counts(&self) -> Vec<u64> {
        self.counts
            .padded_points(usize::from(RatingScale::MAX_POINTS))
    }

    fn with_bucket_counts(&self, counts: &[u64]) -> Result<Self, StateError> {
        Ok(Self {
            counts: RatingCounts::from_padded("CSAT", self.scale(), counts)?,
            satisfied_from: self.satisfied_from,
        })
    }

    fn scale(&self) -> Option<RatingScale> {
        Some(Csat::scale(self))
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CsatSummary {
    csat: Csat,
}

impl CsatSummary {
    /// The rating scale.
    #[must_use]
    pub fn scale(&self) -> RatingScale {
        self.csat.scale()
    }

    /// The lowest rating that counts as satisfied.
    #[must_use]
    pub fn satisfied_from(&self) -> u8 {
        self.csat.satisfied_from
    }
}

crate::ratings::rating_metric! {
    Csat => CsatSummary { csat }, "CSAT", raw "rating", refusing "scales or thresholds";
    /// The mean rating, within the scale.
    mean;
    /// The number of satisfied ratings.
    count: satisfied;
    /// The satisfied share, 0..=1 (multiply by 100 for the CSAT percentage).
    share: satisfied_share;
    /// The confidence interval of the satisfied share, within `[0, 1]`.
    interval: share_interval;
    /// The anytime-valid confidence sequence of the satisfied share: valid at every n at once,
    /// so it may be checked after every answer (see [`interval::proportion_sequence`](crate::interval::proportion_sequence)); tuned
    /// for [`DEFAULT_TUNED_FOR`](crate::interval::DEFAULT_TUNED_FOR) = 1,000 observations (another
    /// tuning: [`Sequential::sequence`]).
    sequence: share_sequence;
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
    /// [`CompareError::ConfigurationMismatch`](crate::error::CompareError::ConfigurationMismatch) for different scales or thresholds.
    difference: share_difference;
}

crate::summary::headline!(
    CsatSummary, "CSAT",
    satisfied_share in (0.0, 1.0),
    share_interval(ProportionMethod::default()) by ProportionMethod::default().name()
);

impl Sequential for CsatSummary {
    fn sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        self.csat
            .counts
            .share_sequence(self.csat.share_range(), level, tuned_for)
    }
}

impl Report for CsatSummary {
    type Method = ProportionMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 8] = [
            Column::share("satisfied_share"),
            Column::share("lower"),
            Column::share("upper"),
            Column::float("mean"),
            Column::float("mean_lower"),
            Column::float("mean_upper"),
            Column::count("n"),
            Column::count("satisfied"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<ProportionMethod>) -> Vec<Value> {
        let share = self.share_interval(options.level, options.method);
        let mean = self.mean_interval(options.level);
        let counts = [Value::Count(self.count()), Value::Count(self.satisfied())];
        [
            &with_bounds(self.satisfied_share(), share)[..],
            &with_bounds(self.mean(), mean),
            &counts,
        ]
        .concat()
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
            "CSAT {} satisfied ({}-{} of {}; {level} CI {} to {}, {method}); \
             mean {:.2} ({level} CI {:.2} to {:.2}, Student t); n = {}",
            Percent(self.satisfied_share()),
            self.satisfied_from(),
            self.scale().max(),
            self.scale(),
            Percent(share.lower()),
            Percent(share.upper()),
            self.mean(),
            mean.lower(),
            mean.upper(),
            self.count()
        )
    }
}

/// The serialised form of [`Csat`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CsatState {
    version: u32,
    scale: RatingScale,
    satisfied_from: u8,
    /// One count per point of the scale, lowest first.
    counts: Vec<u64>,
}

#[cfg(feature = "serde")]
crate::state::from_state!(CsatState => Csat, |state| {
    Csat::from_counts(state.scale, state.satisfied_from, &state.counts)
});

#[cfg(feature = "serde")]
impl From<Csat> for CsatState {
    fn from(csat: Csat) -> Self {
        Self {
            version: crate::state::STATE_VERSION,
            scale: csat.scale(),
            satisfied_from: csat.satisfied_from,
            counts: csat.counts.points().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregator::Aggregator;
    use crate::error::InputError;

    #[test]
    fn threshold_must_be_on_the_scale() {
        assert!(Csat::new(RatingScale::FIVE_POINT, 6).is_err());
        assert!(Csat::new(RatingScale::FIVE_POINT, 0).is_err());
        assert!(Csat::new(RatingScale::FIVE_POINT, 5).is_ok());
    }

    #[test]
    fn ratings_from_another_scale_are_refused_not_dropped() {
        let mut csat = Csat::default();
        let seven = RatingScale::SEVEN_POINT.rating(7).unwrap();
        assert_eq!(
            csat.record(seven),
            Err(InputError::ScaleMismatch {
                expected: RatingScale::FIVE_POINT,
                found: RatingScale::SEVEN_POINT
            })
        );
        assert_eq!(csat.count(), 0);
        csat.try_push(5).unwrap();
        assert_eq!(csat.summary().unwrap().count(), 1);
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
        let err = csat
            .merge(&Csat::new(RatingScale::SEVEN_POINT, 4).unwrap())
            .unwrap_err();
        assert!(err.to_string().contains("1-5") && err.to_string().contains("1-7"));
        assert_eq!(csat, before);
    }

    #[test]
    fn single_rating_mean_interval_is_the_scale() {
        let mut csat = Csat::default();
        csat.try_push(3).unwrap();
        let ci = csat.summary().unwrap().mean_interval(ConfidenceLevel::P95);
        assert_eq!((ci.lower(), ci.upper()), (1.0, 5.0));
    }

    #[test]
    fn wide_raw_values_are_checked_before_any_cast() {
        let mut csat = Csat::default();
        assert!(csat.try_push(260_u32).is_err()); // 260 as u8 would be 4
        assert!(csat.try_push(-4_i64).is_err());
        assert!(csat.try_extend_from_slice(&[5_i64, 261]).is_err());
        assert_eq!(csat.count(), 0);
    }
}
