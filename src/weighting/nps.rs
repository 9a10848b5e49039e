//! [`WeightedNps`]: the Net Promoter Score of weighted responses.

use std::fmt;

use crate::counts::RawScore;
use crate::error::InputError;
use crate::interval::{ConfidenceLevel, Difference, Interval};
use crate::scale::{NpsCategory, NpsScore};
use crate::summary::{Column, Report, ReportOptions, Summary, Value};

#[cfg(feature = "serde")]
use super::buckets::BucketsState;
use super::buckets::{Buckets, Linearised};
use super::interval::{self, NORMAL};
use super::summary::{Kish, with_kish, with_se};
use super::weight::Weight;

/// The per-response NPS value of each bucket: detractors −100, passives 0, promoters +100.
const VALUES: [f64; 3] = [-100.0, 0.0, 100.0];

/// The range of the score.
const DOMAIN: (f64, f64) = (-100.0, 100.0);

/// The weighted Net Promoter Score: `100 · (W_promoters − W_detractors) / W`.
///
/// "Revenue-weighted NPS" is this with each account's revenue as its weight. The state is one
/// bucket per group (detractors, passives, promoters) holding the count, the sum of weights and
/// the sum of squared weights: `size_of::<WeightedNps>() == 120` bytes, pushing never allocates.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel};
/// use satisfaction::weighting::WeightedNps;
///
/// let mut nps = WeightedNps::default();
/// for (score, revenue) in [(10, 50_000.0), (9, 20_000.0), (3, 5_000.0), (7, 1_000.0)] {
///     nps.try_push(score, revenue)?;
/// }
/// assert!(nps.try_push(9, f64::NAN).is_err()); // refused, nothing recorded
/// let summary = nps.summary().unwrap();
/// assert!((summary.score() - 100.0 * 65_000.0 / 76_000.0).abs() < 1e-9);
/// assert_eq!(summary.count(), 4);
/// let ci = summary.interval(ConfidenceLevel::P95);
/// assert!(ci.lower() < summary.score() && summary.score() <= ci.upper());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WeightedNps {
    buckets: Buckets<3>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(WeightedNps, BucketsState);

impl WeightedNps {
    /// An empty aggregator (the same as `WeightedNps::default()`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The one place a response is recorded (the trait's `record` and `try_push` both land
    /// here), in the bucket of its [`NpsCategory`].
    #[inline]
    fn add(&mut self, score: NpsScore, weight: Weight) {
        self.buckets.record(score.category().index(), weight);
    }
}

super::weight::weighted_inputs!(
    WeightedNps, <T: RawScore> T, score / scores,
    refusing "[`InputError::Score`](crate::error::InputError::Score) for a score outside 0..=10, "
);

crate::aggregator::impl_try_push!(<T: RawScore> WeightedNps, (T, f64), InputError, |_, (score, weight)| Ok((NpsScore::from_raw(score)?, Weight::new(weight)?)));

super::buckets::buckets_aggregator!(WeightedNps, NpsScore, WeightedNpsSummary, VALUES);

/// The summary of a non-empty [`WeightedNps`]: the weighted score, its linearised standard
/// error (R: `svymean(~nps, svydesign(ids = ~1, weights = ~w))`), Kish's effective sample size
/// and the design effect.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::weighting::WeightedNps;
///
/// let mut nps = WeightedNps::default();
/// for (score, w) in [(10, 2.0), (9, 1.0), (8, 1.0), (3, 1.0), (0, 0.5)] {
///     nps.try_push(score, w)?;
/// }
/// assert_eq!(
///     nps.summary().unwrap().to_string(),
///     "weighted NPS +27.3 (95% CI -59.5 to +100.0, normal, linearised SE; SE 44.3; n = 5, \
///      Kish effective n = 4.2, design effect 1.20)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct WeightedNpsSummary {
    buckets: Buckets<3>,
    linearised: Linearised,
}

super::summary::kish_accessors!(WeightedNpsSummary.linearised, "responses");

impl WeightedNpsSummary {
    /// The weighted Net Promoter Score, −100..=100.
    #[must_use]
    pub fn score(&self) -> f64 {
        self.linearised.within(DOMAIN)
    }

    /// The linearised (Taylor) standard error of the score, in points, with the
    /// with-replacement factor n/(n − 1); infinite for a single response.
    #[must_use]
    pub fn standard_error(&self) -> f64 {
        self.linearised.standard_error
    }

    /// Responses in one group (unweighted).
    #[must_use]
    pub fn count_of(&self, category: NpsCategory) -> u64 {
        self.buckets.bucket(category.index()).count()
    }

    /// The weighted share of one group, 0..=1.
    #[must_use]
    pub fn share_of(&self, category: NpsCategory) -> f64 {
        (self.buckets.bucket(category.index()).weight() / self.linearised.weight).clamp(0.0, 1.0)
    }

    /// The normal confidence interval of the score (R's `confint(svymean(...))`), clamped to
    /// −100..=100; the whole range for a single response.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        self.linearised.normal_interval(level, DOMAIN)
    }

    /// The method name of [`interval`](Self::interval).
    #[must_use]
    pub fn method(&self) -> &'static str {
        NORMAL
    }

    /// The difference between this score and `other`'s (this minus other), in points, for two
    /// independent samples: `√(SE₁² + SE₂²)`, normal interval clamped to −200..=200, z-test
    /// p-value. In R: both samples in one design stratified by sample,
    /// `svycontrast(svyby(~nps, ~sample, design, svymean), c(1, -1))`.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel};
    /// use satisfaction::weighting::WeightedNps;
    ///
    /// let (mut now, mut before) = (WeightedNps::default(), WeightedNps::default());
    /// for s in [10, 9, 9, 8, 10, 6] { now.try_push(s, 1.5)?; }
    /// for s in [3, 9, 5, 8, 10, 6, 2] { before.try_push(s, 1.0)?; }
    /// let change = now.summary().unwrap().difference(&before.summary().unwrap(), ConfidenceLevel::P95);
    /// assert!(change.estimate() > 0.0 && change.p_value() < 0.5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn difference(&self, other: &WeightedNpsSummary, level: ConfidenceLevel) -> Difference {
        self.linearised.difference(&other.linearised, level, DOMAIN)
    }
}

impl fmt::Display for WeightedNpsSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let ci = self.interval(level);
        write!(
            f,
            "weighted NPS {:+.1} ({level} CI {:+.1} to {:+.1}, {NORMAL}; SE {}; {})",
            self.score() + 0.0,
            ci.lower() + 0.0,
            ci.upper() + 0.0,
            interval::se_text(self.standard_error(), 1),
            Kish(&self.linearised)
        )
    }
}

impl Summary for WeightedNpsSummary {
    fn metric(&self) -> &'static str {
        "weighted NPS"
    }

    fn count(&self) -> u64 {
        WeightedNpsSummary::count(self)
    }

    fn estimate(&self) -> f64 {
        self.score()
    }

    fn domain(&self) -> (f64, f64) {
        DOMAIN
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        Some(self.interval(level))
    }

    fn default_method(&self) -> &'static str {
        NORMAL
    }
}

impl Report for WeightedNpsSummary {
    /// The NPS interval is always the normal one on the linearised standard error.
    type Method = ();

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 11] = with_kish([
            Column::points("score"),
            Column::points("lower"),
            Column::points("upper"),
            Column::points("standard_error"),
            Column::count("n"),
            Column::count("promoters"),
            Column::count("passives"),
            Column::count("detractors"),
        ]);
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<()>) -> Vec<Value> {
        let ci = self.interval(options.level);
        let mut values = with_se(self.score(), ci, self.standard_error()).to_vec();
        values.extend([
            Value::Count(self.count()),
            Value::Count(self.count_of(NpsCategory::Promoter)),
            Value::Count(self.count_of(NpsCategory::Passive)),
            Value::Count(self.count_of(NpsCategory::Detractor)),
        ]);
        values.extend(self.linearised.kish_values());
        values
    }
}

#[cfg(feature = "serde")]
super::buckets::buckets_serde!(WeightedNps, WeightedNpsSummary, "weighted NPS", 3);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregator::Aggregator;

    #[test]
    fn state_size() {
        assert_eq!(std::mem::size_of::<WeightedNps>(), 120);
    }

    #[test]
    fn bad_input_changes_nothing() {
        let mut nps = WeightedNps::default();
        nps.try_push(9, 2.0).unwrap();
        let before = nps.clone();
        for w in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e308, 1e-320] {
            assert!(nps.try_push(9, w).is_err());
        }
        assert!(nps.try_push(11, 1.0).is_err());
        assert_eq!(nps, before);
        assert_eq!(WeightedNps::default().summary(), None);
    }
}
