//! [`WeightedProportion`]: the weighted share of "yes" among yes/no answers.

use std::fmt;

use crate::display::Percent;
use crate::error::InputError;
use crate::interval::{ConfidenceLevel, Difference, Interval};
use crate::summary::{Column, Report, ReportOptions, Summary, Value};

#[cfg(feature = "serde")]
use super::buckets::BucketsState;
use super::buckets::{Buckets, Linearised};
use super::interval::{self, WeightedMethod};
use super::summary::{Kish, with_kish, with_se};
use super::weight::Weight;

/// The weighted share of "yes": `W_yes / W`.
///
/// The state is two buckets (no, yes) of count, sum of weights and sum of squared weights:
/// `size_of::<WeightedProportion>() == 80` bytes, pushing never allocates.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel};
/// use satisfaction::weighting::{WeightedMethod, WeightedProportion};
///
/// let mut resolved = WeightedProportion::default();
/// for (yes, w) in [(true, 1.0), (true, 2.0), (false, 1.0), (true, 0.5), (false, 3.0)] {
///     resolved.try_push(yes, w)?;
/// }
/// let summary = resolved.summary().unwrap();
/// assert!((summary.share() - 3.5 / 7.5).abs() < 1e-15);
/// let ci = summary.interval(ConfidenceLevel::P95, WeightedMethod::KornGraubard);
/// assert!(ci.lower() < summary.share() && summary.share() < ci.upper());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WeightedProportion {
    buckets: Buckets<2>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(WeightedProportion, BucketsState);

impl WeightedProportion {
    /// An empty aggregator (the same as `WeightedProportion::default()`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The one place an answer is recorded.
    #[inline]
    fn add(&mut self, flag: bool, weight: Weight) {
        self.buckets.record(usize::from(flag), weight);
    }
}

super::weight::weighted_inputs!(WeightedProportion, <> bool, flag / flags, refusing "");

crate::aggregator::impl_try_push!(<> WeightedProportion, (bool, f64), InputError, |_, (flag, weight)| Ok((flag, Weight::new(weight)?)));

super::buckets::buckets_aggregator!(
    WeightedProportion,
    bool,
    WeightedProportionSummary,
    [0.0, 1.0]
);

/// The summary of a non-empty [`WeightedProportion`]: the weighted share, its linearised
/// standard error (R: `svymean(~y, svydesign(ids = ~1, weights = ~w))`), the `svyciprop`
/// intervals, Kish's effective sample size and the design effect.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::weighting::WeightedProportion;
///
/// let mut p = WeightedProportion::default();
/// for (yes, w) in [(true, 1.0), (true, 2.0), (false, 1.0), (true, 0.5), (false, 3.0)] {
///     p.try_push(yes, w)?;
/// }
/// assert_eq!(
///     p.summary().unwrap().to_string(),
///     "weighted share 46.7% (95% CI 3.5% to 95.5%, logit (t); SE 0.286; n = 5, \
///      Kish effective n = 3.7, design effect 1.36)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct WeightedProportionSummary {
    buckets: Buckets<2>,
    linearised: Linearised,
}

super::summary::kish_accessors!(WeightedProportionSummary.linearised, "answers");

impl WeightedProportionSummary {
    /// Answers of "yes" (unweighted).
    #[must_use]
    pub fn yes(&self) -> u64 {
        self.buckets.bucket(1).count()
    }

    /// The weighted share of "yes", 0..=1.
    #[must_use]
    pub fn share(&self) -> f64 {
        self.linearised.within((0.0, 1.0))
    }

    /// The linearised (Taylor) standard error of the share, with the with-replacement factor
    /// n/(n − 1); infinite for a single answer.
    #[must_use]
    pub fn standard_error(&self) -> f64 {
        self.linearised.standard_error
    }

    /// The confidence interval of the share by one of R's `svyciprop` methods (Student t on
    /// n − 1 degrees of freedom), within [0, 1].
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: WeightedMethod) -> Interval {
        self.linearised.share_interval(level, method)
    }

    /// The difference of shares (this minus other) for two independent samples: normal
    /// interval on `√(SE₁² + SE₂²)` clamped to [−1, 1], z-test p-value.
    #[must_use]
    pub fn difference(
        &self,
        other: &WeightedProportionSummary,
        level: ConfidenceLevel,
    ) -> Difference {
        self.linearised
            .difference(&other.linearised, level, (0.0, 1.0))
    }
}

impl fmt::Display for WeightedProportionSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = WeightedMethod::default();
        let ci = self.interval(level, method);
        write!(
            f,
            "weighted share {} ({level} CI {} to {}, {method}; SE {}; {})",
            Percent(self.share()),
            Percent(ci.lower()),
            Percent(ci.upper()),
            interval::se_text(self.standard_error(), 3),
            Kish(&self.linearised)
        )
    }
}

impl Summary for WeightedProportionSummary {
    fn metric(&self) -> &'static str {
        "weighted share"
    }

    fn count(&self) -> u64 {
        WeightedProportionSummary::count(self)
    }

    fn estimate(&self) -> f64 {
        self.share()
    }

    fn domain(&self) -> (f64, f64) {
        (0.0, 1.0)
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        Some(self.interval(level, WeightedMethod::default()))
    }

    fn default_method(&self) -> &'static str {
        WeightedMethod::default().name()
    }
}

impl Report for WeightedProportionSummary {
    type Method = WeightedMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 9] = with_kish([
            Column::share("share"),
            Column::share("lower"),
            Column::share("upper"),
            Column::share("standard_error"),
            Column::count("n"),
            Column::count("yes"),
        ]);
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<WeightedMethod>) -> Vec<Value> {
        let ci = self.interval(options.level, options.method);
        let share = with_se(self.share(), ci, self.standard_error());
        let counts = [Value::Count(self.count()), Value::Count(self.yes())];
        [&share[..], &counts, &self.linearised.kish_values()].concat()
    }
}

#[cfg(feature = "serde")]
super::buckets::buckets_serde!(
    WeightedProportion,
    WeightedProportionSummary,
    "weighted proportion",
    2
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_size() {
        assert_eq!(std::mem::size_of::<WeightedProportion>(), 80);
    }
}
