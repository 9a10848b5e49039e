//! [`Nps`], [`NpsSummary`] and [`NpsBand`]. The user-facing documentation is on [`Nps`].
//!
//! The file is a little over 600 lines because NPS, the crate's headline metric, carries the
//! most summary accessors: shares, band, variance, intervals by three methods, difference,
//! confidence sequence; the intervals themselves live in `interval/nps.rs`.

use std::convert::Infallible;
use std::fmt;

use crate::aggregator::{Aggregator, TryPush};
use crate::counts::{Counts, Layout, RawScore};
use crate::error::{BatchError, MergeError, StateError};
use crate::interval::{self, ConfidenceLevel, Difference, Interval, NpsMethod};
use crate::scale::ScoreError;
use crate::scale::{NpsBand, NpsCategory, NpsScore};
use crate::summary::{Column, Report, ReportOptions, Sequential, Summary, Value};

/// The batch kernel's buckets, derived from the groups [`NpsScore::category`] defines: bucket
/// `i` holds the scores of [`NpsCategory::ALL`]`[i]`.
const LAYOUT: Layout<3> = Layout {
    min: NpsScore::MIN,
    max: NpsScore::MAX,
    edges: [
        NpsScore::MIN,
        NpsScore::PASSIVE_FROM,
        NpsScore::PROMOTER_FROM,
    ],
    used: 3,
};

/// Net Promoter Score (Reichheld 2003): promoters minus detractors, in percent of all answers.
///
/// Answers to "How likely is it that you would recommend us?" on 0..=10 fall into three groups:
/// promoters (9-10), passives (7-8) and detractors (0-6). NPS = 100 × (promoters − detractors)
/// / n, between −100 and +100. (The "mean × 10" some articles describe is not NPS.)
///
/// Its state is three `u64` counts, one per [`NpsCategory`] (`size_of::<Nps>() == 24`), merged
/// by addition; pushing never allocates.
///
/// # Examples
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsMethod};
///
/// let mut nps = Nps::default();
/// nps.try_extend_from_slice(&[10, 9, 9, 8, 7, 6, 3, 10, 9, 0])?;
/// let summary = nps.summary().expect("not empty");
/// assert_eq!(summary.score(), 20.0); // 5 promoters, 3 detractors, n = 10
/// let ci = summary.interval(ConfidenceLevel::P95, NpsMethod::AdjustedWald);
/// assert!(ci.lower() < 20.0 && 20.0 < ci.upper());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// ```
/// use satisfaction::{Aggregator, Nps, NpsScore};
///
/// // From typed scores...
/// let nps: Nps = [10, 9, 3].into_iter().map(|s| NpsScore::new(s).unwrap()).collect();
/// assert_eq!(nps.summary().unwrap().promoters(), 2);
///
/// // ...or raw ones of any integer type, validated.
/// let mut raw = Nps::default();
/// raw.try_push(10)?;
/// assert!(raw.try_push(11).is_err());
/// assert!(raw.try_push(-1_i64).is_err());
/// assert_eq!(raw.count(), 1);
/// # Ok::<(), satisfaction::ScoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Nps {
    counts: Counts<3>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Nps, NpsState);

impl Nps {
    /// An empty aggregator (the same as `Nps::default()`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An aggregator holding already-known counts, e.g. from a database.
    ///
    /// ```
    /// use satisfaction::{Aggregator, Nps};
    ///
    /// let nps = Nps::from_counts(10, 20, 30)?;
    /// assert!((nps.summary().unwrap().score() - 100.0 / 3.0).abs() < 1e-12);
    /// assert!(Nps::from_counts(u64::MAX, 1, 0).is_err());
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] when the counts add up to more than
    /// [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(detractors: u64, passives: u64, promoters: u64) -> Result<Self, StateError> {
        let counts = Counts::from_array("NPS", [detractors, passives, promoters])?;
        Ok(Self { counts })
    }

    /// Validates and records one raw score of any integer type (`u8`, `i64`, ...), checked as
    /// it is, never cast first.
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when the score is not in 0..=10; nothing is recorded.
    pub fn try_push<T: RawScore>(&mut self, score: T) -> Result<(), ScoreError> {
        TryPush::try_push(self, score)
    }

    /// Validates and records a whole slice of raw scores, all or nothing.
    ///
    /// This is the fast path: for `u8`, about one byte-compare per score, vectorised (see the
    /// README's performance table); wider integer types are range-checked a chunk at a time and
    /// then take the same kernel.
    ///
    /// # Errors
    ///
    /// [`BatchError::OutOfRange`] naming the index and value of the first score outside
    /// 0..=10, or [`BatchError::CountOverflow`]; in both cases nothing from the slice is
    /// recorded.
    pub fn try_extend_from_slice<T: RawScore>(&mut self, scores: &[T]) -> Result<(), BatchError> {
        self.counts.tally(&LAYOUT, scores, "NPS score")
    }

    /// The three counts, detractors first.
    #[cfg_attr(not(any(feature = "serde", feature = "datafusion")), allow(dead_code))]
    pub(crate) fn counts(&self) -> [u64; 3] {
        *self.counts.as_array()
    }
}

crate::aggregator::impl_try_push!(<T: RawScore> Nps, T, ScoreError, |_, score| NpsScore::from_raw(score));

impl Aggregator for Nps {
    type Input = NpsScore;
    type Summary = NpsSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, score: NpsScore) -> Result<(), Infallible> {
        self.counts.record(score.category().index());
        Ok(())
    }

    fn check(&self, _: &NpsScore) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        self.counts.merge(&other.counts)
    }

    fn summary(&self) -> Option<NpsSummary> {
        let [detractors, passives, promoters] = *self.counts.as_array();
        (self.count() > 0).then_some(NpsSummary {
            detractors,
            passives,
            promoters,
        })
    }

    fn count(&self) -> u64 {
        self.counts.total()
    }
}

crate::aggregator::impl_collect!(Nps, NpsScore, from_iter);

#[cfg(feature = "datafusion")]
impl crate::counts::BucketState for Nps {
    fn bucket_names() -> Vec<String> {
        NpsCategory::ALL.map(|c| c.plural().to_owned()).to_vec()
    }

    fn bucket_counts(&self) -> Vec<u64> {
        self.counts().to_vec()
    }

    fn with_bucket_counts(&self, counts: &[u64]) -> Result<Self, StateError> {
        match *counts {
            [detractors, passives, promoters] => Nps::from_counts(detractors, passives, promoters),
            _ => Err(StateError::WrongLength {
                what: "NPS",
                expected: 3,
                found: counts.len(),
            }),
        }
    }
}

/// The summary of a non-empty [`Nps`]: the three counts and everything computed from them.
///
/// Its `Display` prints the score with the default 95% score interval, which always contains it:
///
/// ```
/// use satisfaction::{Aggregator, Nps};
///
/// let summary = Nps::from_counts(10, 20, 30)?.summary().unwrap();
/// assert_eq!(
///     summary.to_string(),
///     "NPS +33.3 (95% CI +13.2 to +50.6, Tango score; n = 60: 30 promoters, 20 passives, 10 detractors)"
/// );
/// # Ok::<(), satisfaction::StateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct NpsSummary {
    detractors: u64,
    passives: u64,
    promoters: u64,
}

impl NpsSummary {
    /// The anytime-valid confidence sequence of the NPS (the −1/0/+1 score rescaled to [0, 1],
    /// mapped back to −100..100): valid at every n at once, so it may be checked after every
    /// answer (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations. Another tuning:
    /// [`Sequential::sequence`].
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    fn sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        let interval = interval::sequence_unchecked(
            self.promoters as f64 + self.passives as f64 / 2.0,
            self.count(),
            level,
            tuned_for,
        );
        Interval::clamped(
            200.0 * interval.lower() - 100.0,
            200.0 * interval.upper() - 100.0,
            -100.0,
            100.0,
        )
    }

    /// The difference between this NPS and `other`'s (this minus other), in NPS points
    /// (−200..200), with its interval and the two-sided p-value of "no difference".
    ///
    /// [`NpsMethod::Score`] (the default) is the MOVER hybrid of the two score intervals, which
    /// always contains the difference and whose p-value agrees with it (the interval excludes 0
    /// exactly when p < 1 − level); [`NpsMethod::Wald`] and [`NpsMethod::AdjustedWald`] are Wald
    /// on the difference of the raw or the adjusted counts, with the z-test of the same
    /// variance. See [`NpsMethod`] for their coverage.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsMethod};
    ///
    /// let this_month = Nps::from_counts(10, 20, 30)?.summary().unwrap();
    /// let last_month = Nps::from_counts(20, 30, 50)?.summary().unwrap();
    /// let change = this_month.difference(&last_month, ConfidenceLevel::P95, NpsMethod::default());
    /// assert!((change.estimate() - 10.0 / 3.0).abs() < 1e-9);
    /// assert_eq!(format!("{:.2}", change.interval()), "[-21.41, 26.88]");
    /// assert!(change.p_value() > 0.5);
    /// let wald = this_month.difference(&last_month, ConfidenceLevel::P95, NpsMethod::Wald);
    /// assert_eq!(format!("{:.2}", wald.interval()), "[-20.96, 27.62]");
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    #[must_use]
    pub fn difference(
        &self,
        other: &NpsSummary,
        level: ConfidenceLevel,
        method: NpsMethod,
    ) -> Difference {
        let counts = |s: &NpsSummary| [s.detractors, s.passives, s.promoters];
        let d = interval::nps_difference(counts(self), counts(other), level, method);
        Difference::new(
            100.0 * d.estimate(),
            d.interval().scaled(100.0),
            d.p_value(),
            d.method(),
        )
    }

    /// The number of answers.
    #[must_use]
    pub fn count(&self) -> u64 {
        // Bounded by MAX_COUNT when built by the crate; saturating keeps it panic-free anyway.
        self.detractors
            .saturating_add(self.passives)
            .saturating_add(self.promoters)
    }

    /// Answers of 9 or 10.
    #[must_use]
    pub fn promoters(&self) -> u64 {
        self.promoters
    }

    /// Answers of 7 or 8.
    #[must_use]
    pub fn passives(&self) -> u64 {
        self.passives
    }

    /// Answers of 0 to 6.
    #[must_use]
    pub fn detractors(&self) -> u64 {
        self.detractors
    }

    /// The count of one group.
    #[must_use]
    pub fn count_of(&self, category: NpsCategory) -> u64 {
        match category {
            NpsCategory::Detractor => self.detractors,
            NpsCategory::Passive => self.passives,
            NpsCategory::Promoter => self.promoters,
        }
    }

    /// The share of one group, 0..=1.
    #[must_use]
    pub fn share_of(&self, category: NpsCategory) -> f64 {
        (self.count_of(category) as f64 / self.count() as f64).clamp(0.0, 1.0)
    }

    /// The Net Promoter Score, −100..=100.
    #[must_use]
    pub fn score(&self) -> f64 {
        // Divide before scaling, and clamp: at counts near 2^63 the rounding of the counts to
        // f64 could otherwise print 100.00000000000001.
        let difference = self.promoters as f64 - self.detractors as f64;
        (100.0 * (difference / self.count() as f64)).clamp(-100.0, 100.0)
    }

    /// The band the score falls in.
    #[must_use]
    pub fn band(&self) -> NpsBand {
        NpsBand::of(self.score())
    }

    /// The variance of the per-answer score (+1 promoter, 0 passive, −1 detractor):
    /// `(p + d) − (p − d)²`, between 0 and 1.
    #[must_use]
    pub fn variance(&self) -> f64 {
        let n = self.count() as f64;
        let (p, d) = (self.promoters as f64 / n, self.detractors as f64 / n);
        ((p + d) - (p - d) * (p - d)).clamp(0.0, 1.0)
    }

    /// The standard error of the score on the −100..=100 scale: `100 √(V / n)`.
    #[must_use]
    pub fn standard_error(&self) -> f64 {
        100.0 * (self.variance() / self.count() as f64).sqrt()
    }

    /// The confidence interval of the score on the −100..=100 scale.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsMethod};
    ///
    /// let summary = Nps::from_counts(0, 5, 5).unwrap().summary().unwrap();
    /// let wald = summary.interval(ConfidenceLevel::P95, NpsMethod::Wald);
    /// assert_eq!(format!("{wald:.4}"), "[19.0102, 80.9898]");
    /// ```
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: NpsMethod) -> Interval {
        interval::nps_unchecked(
            self.detractors,
            self.passives,
            self.promoters,
            level,
            method,
        )
    }
}

impl fmt::Display for NpsSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = NpsMethod::default();
        let ci = self.interval(level, method);
        write!(
            f,
            "NPS {:+.1} ({level} CI {:+.1} to {:+.1}, {method}; n = {}: {} promoters, {} passives, {} detractors)",
            self.score() + 0.0,
            ci.lower() + 0.0,
            ci.upper() + 0.0,
            self.count(),
            self.promoters,
            self.passives,
            self.detractors
        )
    }
}

impl Summary for NpsSummary {
    fn metric(&self) -> &'static str {
        "NPS"
    }

    fn count(&self) -> u64 {
        NpsSummary::count(self)
    }

    fn estimate(&self) -> f64 {
        self.score()
    }

    fn domain(&self) -> (f64, f64) {
        (-100.0, 100.0)
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        Some(self.interval(level, NpsMethod::default()))
    }

    fn default_method(&self) -> &'static str {
        NpsMethod::default().name()
    }
}

impl Sequential for NpsSummary {
    fn sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        self.sequence_tuned(level, tuned_for)
    }
}

impl Report for NpsSummary {
    type Method = NpsMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 7] = [
            Column::points("score"),
            Column::points("lower"),
            Column::points("upper"),
            Column::count("n"),
            Column::count("promoters"),
            Column::count("passives"),
            Column::count("detractors"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<NpsMethod>) -> Vec<Value> {
        let ci = self.interval(options.level, options.method);
        vec![
            Value::Float(self.score()),
            Value::Float(ci.lower()),
            Value::Float(ci.upper()),
            Value::Count(self.count()),
            Value::Count(self.promoters),
            Value::Count(self.passives),
            Value::Count(self.detractors),
        ]
    }
}

/// The serialised form of [`Nps`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NpsState {
    version: u32,
    detractors: u64,
    passives: u64,
    promoters: u64,
}

#[cfg(feature = "serde")]
crate::state::from_state!(NpsState => Nps, |state| {
    Nps::from_counts(state.detractors, state.passives, state.promoters)
});

#[cfg(feature = "serde")]
impl From<Nps> for NpsState {
    fn from(nps: Nps) -> Self {
        let [detractors, passives, promoters] = nps.counts();
        Self {
            version: crate::state::STATE_VERSION,
            detractors,
            passives,
            promoters,
        }
    }
}

#[cfg(feature = "serde")]
impl crate::state::SerialSummary for NpsSummary {
    const WHAT: &'static str = "NPS summary";
    type State = Nps;

    fn state(&self) -> Nps {
        Nps {
            counts: Counts::from_array("NPS", [self.detractors, self.passives, self.promoters])
                .unwrap_or_default(),
        }
    }
}

#[cfg(feature = "serde")]
crate::state::serde_summary!(NpsSummary);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_buckets_every_score() {
        let mut nps = Nps::default();
        for s in 0..=10 {
            nps.try_push(s).unwrap();
        }
        let summary = nps.summary().unwrap();
        assert_eq!(
            (
                summary.detractors(),
                summary.passives(),
                summary.promoters()
            ),
            (7, 2, 2)
        );
        assert_eq!(summary.count(), 11);
    }

    #[test]
    fn empty_has_no_summary() {
        assert_eq!(Nps::default().summary(), None);
        assert!(Nps::default().is_empty());
    }

    #[test]
    fn try_push_leaves_state_unchanged_on_error() {
        let mut nps = Nps::from_counts(1, 2, 3).unwrap();
        let before = nps.clone();
        let err = nps.try_push(200).unwrap_err();
        assert_eq!(err.value, 200);
        assert_eq!(nps, before);
    }

    #[test]
    fn variance_checks_from_metrics_md() {
        let v = |b, m, c| {
            Nps::from_counts(b, m, c)
                .unwrap()
                .summary()
                .unwrap()
                .variance()
        };
        assert!((v(1, 2, 3) - 5.0 / 9.0).abs() < 1e-15);
        assert!((v(1, 0, 1) - 1.0).abs() < 1e-15);
        assert!((v(0, 1, 1) - 0.25).abs() < 1e-15);
        assert!((v(1, 1, 1) - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn display_never_prints_negative_zero() {
        let summary = Nps::from_counts(1, 0, 1).unwrap().summary().unwrap();
        assert!(summary.to_string().starts_with("NPS +0.0"));
    }

    #[test]
    fn state_is_three_counts() {
        assert_eq!(std::mem::size_of::<Nps>(), 24);
    }
}
