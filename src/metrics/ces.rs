//! [`Ces`] and [`CesSummary`]. The user-facing documentation is on [`Ces`].

use std::fmt;

use crate::display::Percent;
use crate::error::same;
use crate::error::{Mismatch, Setting, StateError};
use crate::interval::{ConfidenceLevel, Interval, ProportionMethod};
use crate::ratings::RatingCounts;
use crate::scale::{CesScale, Polarity};
use crate::summary::{Column, Report, ReportOptions, Sequential, Value, with_bounds};

/// Customer Effort Score (CES): the mean effort rating and the share of low-effort answers.
///
/// Two scales are in use with opposite polarity (see [`CesScale`]): the effort form (1 = very
/// low effort, lower is better) and CES 2.0 (1-7 agreement that the company made it easy,
/// higher is better). The scale, its polarity and the low-effort threshold are part of the
/// state: CES aggregators on different scales refuse to merge, and nothing is ever guessed.
/// There is deliberately no `Default` for the same reason: which scale and polarity a number
/// comes from must be stated. As for CSAT, a typed [`Rating`](crate::scale::Rating) from another scale is refused by
/// [`record`](crate::Aggregator::record).
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
pub struct Ces {
    scale: CesScale,
    counts: RatingCounts,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Ces, CesState);

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

    /// The low-effort range of the scale.
    fn share_range(&self) -> (u8, u8) {
        self.scale.low_effort_range()
    }

    /// The CES scale carries the polarity and the threshold: the one setting to agree on.
    fn check_compare(&self, other: &Self) -> Result<(), Mismatch> {
        same("CES scale", self.scale, other.scale, Setting::CesScale)
    }

    /// A merge checks the same setting as a comparison.
    fn check_merge(&self, other: &Self) -> Result<(), Mismatch> {
        self.check_compare(other)
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
    /// The CES scale.
    #[must_use]
    pub fn scale(&self) -> CesScale {
        self.ces.scale
    }
}

crate::ratings::rating_metric! {
    Ces => CesSummary { ces }, "CES", raw "CES rating", refusing "CES scales";
    /// The mean rating on the scale's own polarity (read it with [`CesScale::polarity`]).
    mean;
    /// The number of low-effort ratings.
    count: low_effort;
    /// The low-effort share, 0..=1.
    share: low_effort_share;
    /// The confidence interval of the low-effort share, within `[0, 1]`.
    interval: low_effort_interval;
    /// The anytime-valid confidence sequence of the low-effort share, tuned for
    /// [`DEFAULT_TUNED_FOR`](crate::interval::DEFAULT_TUNED_FOR).
    sequence: low_effort_sequence;
    /// The difference of low-effort shares (this minus other): Newcombe hybrid score interval
    /// and pooled z-test p-value.
    ///
    /// # Errors
    ///
    /// [`CompareError::ConfigurationMismatch`](crate::error::CompareError::ConfigurationMismatch) for different CES scales.
    difference: low_effort_difference;
}

// CES is reported as a mean first.
crate::summary::headline!(
    CesSummary, "CES",
    mean in self.points(),
    mean_interval() by "Student t"
);

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
            Column::share("low_effort_share"),
            Column::share("lower"),
            Column::share("upper"),
            Column::count("n"),
            Column::count("low_effort"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<ProportionMethod>) -> Vec<Value> {
        let mean = self.mean_interval(options.level);
        let share = self.low_effort_interval(options.level, options.method);
        let counts = [Value::Count(self.count()), Value::Count(self.low_effort())];
        [
            &with_bounds(self.mean(), mean)[..],
            &with_bounds(self.low_effort_share(), share),
            &counts,
        ]
        .concat()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregator::Aggregator;
    use crate::error::MergeError;
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
