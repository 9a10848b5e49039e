//! What every metric's summary has in common: [`Summary`] (the estimate, its sample size and its
//! default interval), [`Sequential`] (its anytime-valid confidence sequence, where the metric
//! has one) and [`Report`] (the named numbers a summary reports, the same list whether it is
//! printed, serialised or returned by SQL), and [`rank_by_lower_bound`], which ranks groups by
//! any summary's interval. The user-facing documentation is on the traits.

use std::fmt;

use crate::interval::{ConfidenceLevel, Interval};

/// The summary of one metric: a headline estimate with its sample size, its default confidence
/// interval and, where the metric has one, its anytime-valid confidence sequence.
///
/// Every metric's summary implements it ([`NpsSummary`](crate::NpsSummary),
/// [`CsatSummary`](crate::CsatSummary), ...), so code that ranks, watches, charts or exports
/// metrics works with all of them: [`rank_by_lower_bound`] ranks
/// segments by any summary's default interval, [`Monitor`](crate::monitor::Monitor) watches the
/// confidence sequence of any that is also [`Sequential`], and the SQL functions of the
/// `datafusion` feature build their result structs from [`Report::columns`]. The
/// metric-specific accessors (`score`, `satisfied_share`, `rate`, ...) stay on each summary
/// under the names its field uses; this trait is the one way in that they share.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Csat, Nps, Summary};
///
/// fn headline(summary: &impl Summary) -> String {
///     let ci = summary.default_interval(ConfidenceLevel::P95).expect("n is large enough");
///     format!("{} {:.2} [{:.2}, {:.2}] ({}, n = {})", summary.metric(), summary.estimate(),
///             ci.lower(), ci.upper(), summary.default_method(), summary.count())
/// }
///
/// let mut nps = Nps::default();
/// nps.try_extend_from_slice(&[10, 9, 8, 6, 10])?;
/// let mut csat = Csat::default();
/// csat.try_extend_from_slice(&[5, 4, 2])?;
/// println!("{}", headline(&nps.summary().unwrap()));
/// println!("{}", headline(&csat.summary().unwrap()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Contract
///
/// - [`estimate`](Self::estimate) is finite and inside [`domain`](Self::domain);
/// - [`default_interval`](Self::default_interval), when there is one, lies inside the domain and
///   contains the estimate, so a printed estimate is never outside its own printed interval.
pub trait Summary: fmt::Display {
    /// The metric's name as summaries print it: `"NPS"`, `"CSAT"`, `"FRT median"`, ...
    fn metric(&self) -> &'static str;

    /// The number of observations behind the estimate (its denominator).
    fn count(&self) -> u64;

    /// The headline estimate on the metric's own scale: NPS points (−100..100), a share
    /// (0..1), a mean rating, a duration in seconds.
    fn estimate(&self) -> f64;

    /// The smallest and largest value the estimate can take.
    fn domain(&self) -> (f64, f64);

    /// The estimate's confidence interval at `level` by the metric's default method
    /// ([`default_method`](Self::default_method)); `None` where the metric has none (revenue
    /// churn is weighted by money, not by customers) or the sample is too small (a median of
    /// five waits has no 95% order-statistic interval).
    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval>;

    /// The name of the default interval method: `"Tango score"` (NPS), `"Wilson"`, ...
    fn default_method(&self) -> &'static str;
}

/// A summary with an anytime-valid confidence sequence: the estimate is a mean of bounded
/// per-observation values (a share, a rating, an NPS answer, a health score), so the
/// beta-binomial mixture of [`interval::proportion_sequence`](crate::interval::proportion_sequence)
/// bounds it at every n at once. [`Monitor`](crate::monitor::Monitor) watches exactly these: a metric
/// without one (a median response time, revenue churn) cannot be put in a monitor.
pub trait Sequential: Summary {
    /// The confidence sequence of the estimate at `level`, tuned for `tuned_for` observations
    /// (the band is tightest near that n): valid at every n simultaneously, so it may be
    /// checked after every observation. It lies inside the domain.
    fn sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval;
}

/// The options a report is computed with: a confidence level and an interval method.
///
/// `M` is the metric's method type: [`NpsMethod`](crate::NpsMethod) for NPS,
/// [`ProportionMethod`](crate::ProportionMethod) for shares, `()` where the method is fixed
/// (the Student t interval of a health mean, the order-statistic interval of a median) or there
/// is none (revenue churn).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct ReportOptions<M> {
    /// The confidence level of every interval in the report.
    pub level: ConfidenceLevel,
    /// The interval method.
    pub method: M,
}

impl<M> ReportOptions<M> {
    /// Options at `level` with `method`.
    ///
    /// ```
    /// use satisfaction::{ConfidenceLevel, NpsMethod};
    /// use satisfaction::summary::ReportOptions;
    ///
    /// let options = ReportOptions::new(ConfidenceLevel::P90, NpsMethod::Wald);
    /// assert_eq!(options.level, ConfidenceLevel::P90);
    /// ```
    #[must_use]
    pub fn new(level: ConfidenceLevel, method: M) -> Self {
        Self { level, method }
    }
}

/// What kind of number a report column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ColumnKind {
    /// A floating-point estimate or bound (nullable: a bound can be missing).
    Float,
    /// An exact count.
    Count,
}

/// What a report column's numbers measure, so that a table, a spreadsheet or a report shows
/// them as what they are: a share as a percentage, NPS in points, a time in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// A share or rate, 0..1 (a ratio such as net revenue retention may exceed 1).
    Share,
    /// NPS points, −100..100.
    Points,
    /// A duration in seconds.
    Seconds,
    /// A count of observations.
    Count,
    /// Any other number: a mean rating, a health score, an effective sample size.
    Number,
}

/// One named column of a [`Report`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Column {
    /// The column's name (`score`, `lower`, `n`, ...).
    pub name: &'static str,
    /// Its kind.
    pub kind: ColumnKind,
    /// What its numbers measure.
    pub unit: Unit,
}

impl Column {
    const fn with(name: &'static str, kind: ColumnKind, unit: Unit) -> Self {
        Self { name, kind, unit }
    }

    /// A floating-point column of plain numbers (a mean rating, an effective sample size).
    #[must_use]
    pub const fn float(name: &'static str) -> Self {
        Self::with(name, ColumnKind::Float, Unit::Number)
    }

    /// A floating-point column of shares (0..1).
    #[must_use]
    pub const fn share(name: &'static str) -> Self {
        Self::with(name, ColumnKind::Float, Unit::Share)
    }

    /// A floating-point column of NPS points.
    #[must_use]
    pub const fn points(name: &'static str) -> Self {
        Self::with(name, ColumnKind::Float, Unit::Points)
    }

    /// A floating-point column of durations in seconds.
    #[must_use]
    pub const fn seconds(name: &'static str) -> Self {
        Self::with(name, ColumnKind::Float, Unit::Seconds)
    }

    /// A count column.
    #[must_use]
    pub const fn count(name: &'static str) -> Self {
        Self::with(name, ColumnKind::Count, Unit::Count)
    }
}

/// One value of a [`Report`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// A floating-point number, never NaN.
    Float(f64),
    /// An exact count.
    Count(u64),
    /// No value (an interval that does not exist for this sample).
    Null,
}

impl Value {
    /// A float, or [`Value::Null`] for `None`.
    #[must_use]
    pub fn float(x: Option<f64>) -> Self {
        x.map_or(Self::Null, Self::Float)
    }
}

/// The named numbers a summary reports: its estimates, their interval bounds and its counts, in
/// a fixed order.
///
/// The same list is the summary's serialised form (feature `serde`) and the fields of the
/// struct its SQL function returns (feature `datafusion`), so a number is defined once, here,
/// and every output agrees.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsMethod};
/// use satisfaction::summary::{Report, ReportOptions, Value};
///
/// let summary = Nps::from_counts(10, 20, 30)?.summary().unwrap();
/// let names: Vec<&str> = <satisfaction::NpsSummary as Report>::columns().iter().map(|c| c.name).collect();
/// assert_eq!(names, ["score", "lower", "upper", "n", "promoters", "passives", "detractors"]);
/// let values = summary.values(&ReportOptions::new(ConfidenceLevel::P95, NpsMethod::Wald));
/// assert_eq!(values[3], Value::Count(60));
/// # Ok::<(), satisfaction::StateError>(())
/// ```
pub trait Report: Summary {
    /// The interval method type of the report's options.
    type Method: Copy + Default + fmt::Debug + PartialEq + Send + Sync + 'static;

    /// The columns, in order.
    fn columns() -> &'static [Column];

    /// The values at `options`, in the order of [`columns`](Self::columns).
    fn values(&self, options: &ReportOptions<Self::Method>) -> Vec<Value>;
}

/// Sorts `(group, interval)` pairs best first by the interval's lower bound; ties are broken
/// by the upper bound (higher first), then by input order.
///
/// Sorting agents, products or channels by their raw mean or share rewards small samples: two
/// perfect answers beat five hundred good ones. Sorting by the interval's lower bound asks
/// instead "how good is this group *at least*, at this confidence?", which is what a ranking
/// should mean (the approach behind Evan Miller's "How Not To Sort By Average Rating", 2009,
/// with the Wilson lower bound). The interval method and level are the caller's, explicit at
/// the call site.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Proportion, ProportionMethod};
/// use satisfaction::summary::rank_by_lower_bound;
///
/// let groups = [
///     ("new agent", Proportion::from_counts(2, 0).unwrap()),      // 100% of 2
///     ("veteran", Proportion::from_counts(450, 50).unwrap()),     // 90% of 500
/// ];
/// let ranked = rank_by_lower_bound(groups.iter().map(|(name, p)| {
///     let ci = p.summary().unwrap().interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
///     (*name, ci)
/// }));
/// assert_eq!(ranked[0].0, "veteran");
/// ```
#[must_use]
pub fn rank_by_lower_bound<K>(
    groups: impl IntoIterator<Item = (K, Interval)>,
) -> Vec<(K, Interval)> {
    let mut ranked: Vec<(K, Interval)> = groups.into_iter().collect();
    ranked.sort_by(|(_, a), (_, b)| {
        b.lower()
            .total_cmp(&a.lower())
            .then(b.upper().total_cmp(&a.upper()))
    });
    ranked
}

/// An estimate and its interval's bounds: the first three values of most reports.
pub(crate) fn with_bounds(estimate: f64, interval: Interval) -> [Value; 3] {
    [
        Value::Float(estimate),
        Value::Float(interval.lower()),
        Value::Float(interval.upper()),
    ]
}

/// Implements [`Summary`] for a summary whose headline is its own method `$estimate`, on the
/// domain `($min, $max)` or `self.$domain()`, with the default interval
/// `self.$interval(level, $args...)` by the method named `$method`.
macro_rules! headline {
    (
        $summary:ty, $metric:literal,
        $estimate:ident in ($min:expr, $max:expr),
        $interval:ident($($arg:expr),*) by $method:expr
    ) => {
        $crate::summary::headline!(@impl $summary, $metric, $estimate, |_s| ($min, $max), $interval($($arg),*), $method);
    };
    (
        $summary:ty, $metric:literal,
        $estimate:ident in self.$domain:ident(),
        $interval:ident($($arg:expr),*) by $method:expr
    ) => {
        $crate::summary::headline!(@impl $summary, $metric, $estimate, |s| s.$domain(), $interval($($arg),*), $method);
    };
    (@impl $summary:ty, $metric:literal, $estimate:ident, |$s:ident| $domain:expr, $interval:ident($($arg:expr),*), $method:expr) => {
        impl $crate::summary::Summary for $summary {
            fn metric(&self) -> &'static str {
                $metric
            }

            fn count(&self) -> u64 {
                <$summary>::count(self)
            }

            fn estimate(&self) -> f64 {
                self.$estimate()
            }

            fn domain(&self) -> (f64, f64) {
                let $s = self;
                $domain
            }

            fn default_interval(
                &self,
                level: $crate::interval::ConfidenceLevel,
            ) -> Option<$crate::interval::Interval> {
                Some(self.$interval(level $(, $arg)*))
            }

            fn default_method(&self) -> &'static str {
                $method
            }
        }
    };
}

pub(crate) use headline;
