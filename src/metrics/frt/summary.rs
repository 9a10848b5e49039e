//! [`FirstResponseTimeSummary`]: quantiles with order-statistic intervals, the exact mean and
//! extremes, and SLA attainment under an [`UnansweredPolicy`].

use std::fmt;
use std::time::Duration;

use super::{Clock, FirstResponseTime, Milestone, OVERDUE, PENDING, UNKNOWN_AGE, UnansweredPolicy};
use crate::display::Percent;
use crate::interval::QuantileError;
use crate::interval::{
    self, ConfidenceLevel, Interval, ProportionMethod, check_quantile, quantile_ranks,
};
use crate::share::Share;
use crate::summary::{Column, Report, ReportOptions, Summary, Value};
use crate::time::HumanDuration;

/// The summary of a [`FirstResponseTime`] with at least one answered ticket.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::{Aggregator, FirstResponseTime};
///
/// let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
/// for minutes in 1..=100 {
///     frt.push_response(Duration::from_secs(60 * minutes));
/// }
/// frt.push_unanswered();
/// assert_eq!(
///     frt.summary().unwrap().to_string(),
///     "FRT median 50m 00s (95% CI 40m 00s to 1h 01m); p90 1h 30m; p95 1h 35m; \
///      mean 50m 30s; max 1h 40m; n = 100 answered, 1 unanswered; \
///      within 1h 00m: 60.0% (95% CI 50.2% to 69.1%, Wilson; overdue unanswered tickets \
///      breach: 0 overdue, 0 waiting within the target, 1 of unknown age left out)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FirstResponseTimeSummary {
    frt: FirstResponseTime,
}

impl FirstResponseTimeSummary {
    pub(super) fn new(frt: FirstResponseTime) -> Self {
        Self { frt }
    }

    /// Tickets answered (the `n` of every time statistic).
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.frt.answered()
    }

    /// Tickets not answered.
    #[must_use]
    pub fn unanswered(&self) -> u64 {
        self.frt.unanswered()
    }

    /// Unanswered tickets that had waited past the target at the reporting instant.
    #[must_use]
    pub fn overdue(&self) -> u64 {
        self.frt.unanswered.get(OVERDUE)
    }

    /// Unanswered tickets still within the target at the reporting instant (or waiting, with
    /// no target set).
    #[must_use]
    pub fn pending(&self) -> u64 {
        self.frt.unanswered.get(PENDING)
    }

    /// Unanswered tickets of unknown age.
    #[must_use]
    pub fn unknown_age(&self) -> u64 {
        self.frt.unanswered.get(UNKNOWN_AGE)
    }

    /// The clock the waits were measured on.
    #[must_use]
    pub fn clock(&self) -> Clock {
        self.frt.clock
    }

    /// The milestone that stopped the clock (first response or resolution).
    #[must_use]
    pub fn milestone(&self) -> Milestone {
        self.frt.milestone
    }

    /// The `q`-quantile of the response times (rank ⌈q n⌉: exact up to 1,024 answered
    /// tickets, within the sketch's accuracy after; q = 0
    /// and q = 1 are the exact minimum and maximum).
    ///
    /// # Errors
    ///
    /// [`QuantileError::OutOfRange`] when `q` is not in [0, 1].
    pub fn quantile(&self, q: f64) -> Result<Duration, QuantileError> {
        Ok(self.frt.sketch.quantile(q)?.unwrap_or_default())
    }

    /// The median response time.
    #[must_use]
    pub fn median(&self) -> Duration {
        self.quantile(0.5).unwrap_or_default()
    }

    /// The 90th percentile.
    #[must_use]
    pub fn p90(&self) -> Duration {
        self.quantile(0.9).unwrap_or_default()
    }

    /// The 95th percentile.
    #[must_use]
    pub fn p95(&self) -> Duration {
        self.quantile(0.95).unwrap_or_default()
    }

    /// The mean response time (exact, from the sum of nanoseconds).
    #[must_use]
    pub fn mean(&self) -> Duration {
        self.frt.sketch.mean().unwrap_or_default()
    }

    /// The fastest response (exact).
    #[must_use]
    pub fn min(&self) -> Duration {
        self.frt.sketch.min().unwrap_or_default()
    }

    /// The slowest response (exact).
    #[must_use]
    pub fn max(&self) -> Duration {
        self.frt.sketch.max().unwrap_or_default()
    }

    /// The relative accuracy of the quantiles.
    #[must_use]
    pub fn relative_accuracy(&self) -> f64 {
        self.frt.sketch.relative_accuracy()
    }

    /// A distribution-free confidence interval for the `q`-quantile, **in seconds**: the
    /// order statistics of ranks [`quantile_ranks`] gives, read off the sketch.
    ///
    /// `None` when `q` is outside [0, 1] or there are too few answered tickets for `level`
    /// (the median at 95% needs 6). The bounds are exact order statistics up to 1,024
    /// answered tickets; past that each carries the sketch's relative error (1% by default)
    /// on top of the interval's own uncertainty.
    #[must_use]
    pub fn quantile_interval(&self, q: f64, level: ConfidenceLevel) -> Option<Interval> {
        check_quantile(q).ok()?;
        let (lower, upper) = quantile_ranks(self.answered(), q, level).ok()??;
        let seconds = |rank| self.frt.sketch.value_at_rank(rank).map(|d| d.as_secs_f64());
        Interval::new(seconds(lower)?, seconds(upper)?)
    }

    /// The SLA target, if one was set.
    #[must_use]
    pub fn target(&self) -> Option<Duration> {
        self.frt.target
    }

    /// Answered tickets whose response took at most the target (exact); `None` without one.
    #[must_use]
    pub fn within_target(&self) -> Option<u64> {
        self.frt.target.map(|_| self.frt.within_target)
    }

    /// Within-target tickets of all tickets that count under `policy`; `None` without a target.
    fn sla_share(&self, policy: UnansweredPolicy) -> Option<Share> {
        let within = self.within_target()?;
        let breaches = match policy {
            UnansweredPolicy::OverdueBreach => self.overdue(),
            UnansweredPolicy::AllBreach => self.unanswered(),
            UnansweredPolicy::AnsweredOnly => 0,
        };
        // Both are parts of a total of at most MAX_COUNT.
        Some(Share::new(within, self.answered() + breaches))
    }

    /// SLA attainment under the default [`UnansweredPolicy::OverdueBreach`]: tickets answered
    /// within the target, of the answered tickets and the unanswered ones overdue at the
    /// reporting instant; `None` without a target.
    #[must_use]
    pub fn sla_attainment(&self) -> Option<f64> {
        self.sla_attainment_under(UnansweredPolicy::default())
    }

    /// SLA attainment under `policy`; `None` without a target.
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::{Aggregator, FirstResponseTime};
    /// use satisfaction::support::UnansweredPolicy;
    ///
    /// let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
    /// frt.push_response(Duration::from_secs(600));
    /// frt.push_waiting(Duration::from_secs(7200)); // overdue
    /// frt.push_waiting(Duration::from_secs(60)); // still in time
    /// let s = frt.summary().unwrap();
    /// assert_eq!(s.sla_attainment_under(UnansweredPolicy::OverdueBreach), Some(0.5));
    /// assert_eq!(s.sla_attainment_under(UnansweredPolicy::AllBreach), Some(1.0 / 3.0));
    /// assert_eq!(s.sla_attainment_under(UnansweredPolicy::AnsweredOnly), Some(1.0));
    /// ```
    #[must_use]
    pub fn sla_attainment_under(&self, policy: UnansweredPolicy) -> Option<f64> {
        self.sla_share(policy).map(Share::value)
    }

    /// The binomial confidence interval of [`sla_attainment`](Self::sla_attainment).
    #[must_use]
    pub fn sla_interval(
        &self,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Option<Interval> {
        self.sla_interval_under(UnansweredPolicy::default(), level, method)
    }

    /// The binomial confidence interval of SLA attainment under `policy`.
    #[must_use]
    pub fn sla_interval_under(
        &self,
        policy: UnansweredPolicy,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Option<Interval> {
        Some(self.sla_share(policy)?.interval(level, method))
    }

    /// The anytime-valid confidence sequence of SLA attainment (default policy); `None` without
    /// a target. Tuned for [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR).
    #[must_use]
    pub fn sla_sequence(&self, level: ConfidenceLevel) -> Option<Interval> {
        Some(
            self.sla_share(UnansweredPolicy::default())?
                .sequence(level, interval::DEFAULT_TUNED_FOR),
        )
    }
}

impl Summary for FirstResponseTimeSummary {
    fn metric(&self) -> &'static str {
        match self.milestone() {
            Milestone::Resolution => "resolution time median",
            _ => "FRT median",
        }
    }

    /// Answered tickets.
    fn count(&self) -> u64 {
        self.answered()
    }

    /// The median, in seconds.
    fn estimate(&self) -> f64 {
        self.median().as_secs_f64()
    }

    fn domain(&self) -> (f64, f64) {
        (0.0, f64::INFINITY)
    }

    /// The order-statistic interval of the median, in seconds.
    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        self.quantile_interval(0.5, level)
    }

    fn default_method(&self) -> &'static str {
        "order statistics"
    }
}

impl Report for FirstResponseTimeSummary {
    type Method = ();

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 13] = [
            Column::seconds("median"),
            Column::seconds("median_lower"),
            Column::seconds("median_upper"),
            Column::seconds("p90"),
            Column::seconds("p95"),
            Column::seconds("mean"),
            Column::seconds("max"),
            Column::share("sla_share"),
            Column::share("sla_lower"),
            Column::share("sla_upper"),
            Column::count("answered"),
            Column::count("within_target"),
            Column::count("unanswered"),
        ];
        &COLUMNS
    }

    /// Durations in seconds; the SLA columns under the default policy and Wilson, `Null`
    /// without a target; the median's bounds `Null` when there are too few tickets.
    fn values(&self, options: &ReportOptions<()>) -> Vec<Value> {
        let median = self.quantile_interval(0.5, options.level);
        let sla = self.sla_interval(options.level, ProportionMethod::default());
        let secs = |d: Duration| Value::Float(d.as_secs_f64());
        vec![
            secs(self.median()),
            Value::float(median.map(|ci| ci.lower())),
            Value::float(median.map(|ci| ci.upper())),
            secs(self.p90()),
            secs(self.p95()),
            secs(self.mean()),
            secs(self.max()),
            Value::float(self.sla_attainment()),
            Value::float(sla.map(|ci| ci.lower())),
            Value::float(sla.map(|ci| ci.upper())),
            Value::Count(self.answered()),
            self.within_target().map_or(Value::Null, Value::Count),
            Value::Count(self.unanswered()),
        ]
    }
}

impl fmt::Display for FirstResponseTimeSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let milestone = self.milestone();
        match self.clock() {
            Clock::Calendar => write!(f, "{milestone} median {}", HumanDuration(self.median()))?,
            clock => write!(
                f,
                "{milestone} ({clock}) median {}",
                HumanDuration(self.median())
            )?,
        }
        if let Some(ci) = self.quantile_interval(0.5, level) {
            write!(
                f,
                " ({level} CI {} to {})",
                HumanDuration(Duration::from_secs_f64(ci.lower())),
                HumanDuration(Duration::from_secs_f64(ci.upper()))
            )?;
        }
        write!(
            f,
            "; p90 {}; p95 {}; mean {}; max {}; n = {} answered, {} unanswered",
            HumanDuration(self.p90()),
            HumanDuration(self.p95()),
            HumanDuration(self.mean()),
            HumanDuration(self.max()),
            self.answered(),
            self.unanswered()
        )?;
        let method = ProportionMethod::default();
        if let (Some(target), Some(share), Some(ci)) = (
            self.target(),
            self.sla_attainment(),
            self.sla_interval(level, method),
        ) {
            write!(
                f,
                "; within {}: {} ({level} CI {} to {}, {method}",
                HumanDuration(target),
                Percent(share),
                Percent(ci.lower()),
                Percent(ci.upper()),
            )?;
            if self.unanswered() > 0 {
                write!(
                    f,
                    "; {}: {} overdue, {} waiting within the target, {} of unknown age left out",
                    UnansweredPolicy::default(),
                    self.overdue(),
                    self.pending(),
                    self.unknown_age()
                )?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl crate::state::SerialSummary for FirstResponseTimeSummary {
    const WHAT: &'static str = "first response time summary";
    type State = FirstResponseTime;

    fn state(&self) -> FirstResponseTime {
        self.frt.clone()
    }
}

#[cfg(feature = "serde")]
crate::state::serde_summary!(FirstResponseTimeSummary);
