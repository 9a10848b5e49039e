//! [`KaplanMeierSummary`], the curve R's `survfit` computes, its [`CurveStep`]s and
//! [`SurvivalPoint`], the curve read at one duration.

use std::fmt;

use super::interval::{SurvivalInterval, survival_bounds};
use crate::display::Percent;
use crate::interval::{ConfidenceLevel, Interval};
use crate::summary::Summary;

/// One row of the curve: a distinct duration at which at least one customer churned or was
/// censored, as R's `summary(fit, censored = TRUE)` lists them.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::retention::KaplanMeier;
///
/// let mut km = KaplanMeier::default();
/// km.try_extend_from_slices(&[1, 1, 2, 3], &[true, false, true, false])?;
/// let curve = km.summary().unwrap();
/// let first = curve.steps()[0];
/// assert_eq!((first.time(), first.at_risk(), first.events(), first.censored()), (1, 4, 1, 1));
/// assert_eq!(first.survival(), 0.75);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurveStep {
    pub(super) time: u64,
    pub(super) at_risk: u64,
    pub(super) events: u64,
    pub(super) censored: u64,
    pub(super) survival: f64,
    /// Σ d / (n (n − d)) over the churn durations up to `time`: the Greenwood variance of
    /// log S; +∞ from the duration where S reaches 0.
    pub(super) greenwood: f64,
}

impl CurveStep {
    /// The duration, in whole periods.
    #[must_use]
    pub fn time(&self) -> u64 {
        self.time
    }

    /// Customers at risk: those whose duration is at least [`time`](Self::time) (R's
    /// `n.risk`).
    #[must_use]
    pub fn at_risk(&self) -> u64 {
        self.at_risk
    }

    /// Customers who churned at this duration (R's `n.event`).
    #[must_use]
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Customers censored at this duration: still active, observed this long (R's
    /// `n.censor`).
    #[must_use]
    pub fn censored(&self) -> u64 {
        self.censored
    }

    /// The Kaplan-Meier estimate S(t) from this duration to the next step: the share of
    /// customers whose lifetime exceeds `time` periods.
    #[must_use]
    pub fn survival(&self) -> f64 {
        self.survival
    }

    /// The Greenwood standard error of S(t) (R's `std.err` of `summary.survfit`):
    /// `S √(Σ d / (n (n − d)))`. 0 where S has reached 0 (see
    /// [`KaplanMeierSummary::std_err_at`]).
    #[must_use]
    pub fn std_err(&self) -> f64 {
        std_err(self.survival, self.greenwood)
    }

    /// The standard error of log S(t), which is also that of the cumulative hazard −log S
    /// (R's `fit$std.err`); `None` where it is infinite (S has reached 0).
    #[must_use]
    pub fn std_err_log(&self) -> Option<f64> {
        self.greenwood.is_finite().then(|| self.greenwood.sqrt())
    }

    /// The confidence interval of S(t), or `None` where R has none (S = 0).
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: SurvivalInterval) -> Option<Interval> {
        self.bounds(level.z(), method)
    }

    /// [`interval`](Self::interval) at the normal quantile `z`.
    pub(super) fn bounds(&self, z: f64, method: SurvivalInterval) -> Option<Interval> {
        survival_bounds(self.survival, self.greenwood, method, z)
    }
}

/// The SE of S from S and the log-scale variance, as R computes it (`sqrt(v) * S`), with the
/// delta method's limit 0 where S = 0 (R: `Inf * 0 = NaN`).
fn std_err(survival: f64, greenwood: f64) -> f64 {
    if survival > 0.0 && greenwood.is_finite() {
        greenwood.sqrt() * survival
    } else {
        0.0
    }
}

/// The Kaplan-Meier curve of a [`KaplanMeier`](super::KaplanMeier): survival, Greenwood
/// standard error and number at risk at every duration, intervals, quantiles (the median
/// lifetime), the restricted mean lifetime and lifetime value.
///
/// Computed as R's `survfit(Surv(duration, churned) ~ 1)` (survival 3.5-3; checked on every
/// committed fixture to 1e-9 relative): the curve is built once (S, the Greenwood sums and
/// the numbers at risk, one row per distinct duration), and every query reads it, an interval
/// computing its logarithms and exponentials only for the duration asked.
///
/// Reading the curve at a duration `t` follows R's `summary(fit, times = t, extend = TRUE)`:
/// S is right-continuous, 1 before the first step, and carried forward past the last
/// observation; the number at risk is the number whose duration is at least `t` (0 past
/// the last one).
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel};
/// use satisfaction::retention::{KaplanMeier, SurvivalInterval};
///
/// // Months to churn (true) or months observed so far (false, still active).
/// let months = [3, 5, 5, 8, 12, 12, 14, 20, 24, 24];
/// let churned = [true, true, false, true, true, false, true, true, false, false];
/// let mut km = KaplanMeier::default();
/// km.try_extend_from_slices(&months, &churned)?;
/// let curve = km.summary().unwrap();
///
/// assert_eq!(curve.survival_at(4), 0.9);          // one of ten churned by month 4
/// assert_eq!(curve.at_risk(12), 6);
/// let ci = curve.interval_at(12, ConfidenceLevel::P95, SurvivalInterval::Log);
/// assert!(ci.contains(curve.survival_at(12)));
/// assert_eq!(curve.median(), Some(14.0));   // S first falls to 0.43 at month 14
/// let (mean, se) = curve.restricted_mean(24);
/// assert!(mean > 14.0 && mean < 24.0 && se > 0.0);
/// println!("{curve}");   // one line; "{curve:#}" prints every step
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct KaplanMeierSummary {
    pub(super) steps: Vec<CurveStep>,
    pub(super) customers: u64,
    pub(super) cap: Option<u64>,
}

impl KaplanMeierSummary {
    /// Builds the curve from `(duration, events, censored)` rows in increasing duration order
    /// (rows of zeros are skipped): `survfitkm.c`'s loop, `km *= (n − d) / n` and
    /// `v += d / (n (n − d))` at every duration with a churn, in R's operand order.
    pub(super) fn from_rows(
        rows: impl Iterator<Item = (u64, u64, u64)> + Clone,
        cap: Option<u64>,
    ) -> Self {
        let customers = rows
            .clone()
            .fold(0u64, |n, (_, e, c)| n.saturating_add(e).saturating_add(c));
        let mut steps = Vec::with_capacity(rows.size_hint().0);
        let mut at_risk = customers;
        let mut survival = 1.0_f64;
        let mut greenwood = 0.0_f64;
        for (time, events, censored) in rows {
            if events == 0 && censored == 0 {
                continue;
            }
            if events > 0 {
                // events <= at_risk, as at_risk counts this row; saturating even so.
                let survivors = at_risk.saturating_sub(events);
                let (n, d, s) = (at_risk as f64, events as f64, survivors as f64);
                survival *= s / n;
                // d / (n (n - d)) is d / 0 = Inf where every customer at risk churns.
                greenwood = if survivors > 0 {
                    greenwood + d / (n * s)
                } else {
                    f64::INFINITY
                };
            }
            steps.push(CurveStep {
                time,
                at_risk,
                events,
                censored,
                survival,
                greenwood,
            });
            at_risk = at_risk.saturating_sub(events.saturating_add(censored));
        }
        Self {
            steps,
            customers,
            cap,
        }
    }

    /// Every distinct duration with a churn or a censoring, in increasing order (R's
    /// `summary(fit, censored = TRUE)`).
    #[must_use]
    pub fn steps(&self) -> &[CurveStep] {
        &self.steps
    }

    /// The customers behind the curve (R's `n`).
    #[must_use]
    pub fn count(&self) -> u64 {
        self.customers
    }

    /// Customers who churned (events), over all durations.
    #[must_use]
    pub fn events(&self) -> u64 {
        self.steps
            .iter()
            .fold(0u64, |n, s| n.saturating_add(s.events))
    }

    /// Customers censored (still active when last seen), over all durations.
    #[must_use]
    pub fn censored(&self) -> u64 {
        self.steps
            .iter()
            .fold(0u64, |n, s| n.saturating_add(s.censored))
    }

    /// The cap of the aggregator the curve comes from: durations above it were censored at
    /// it, so the curve says nothing past it.
    #[must_use]
    pub fn cap(&self) -> Option<u64> {
        self.cap
    }

    /// The last duration observed (a churn or a censoring).
    #[must_use]
    pub fn last_time(&self) -> u64 {
        self.steps.last().map_or(0, |s| s.time)
    }

    /// The step in force at `t`: the last one at or before it.
    pub(super) fn step_at(&self, t: u64) -> Option<&CurveStep> {
        let after = self.steps.partition_point(|s| s.time <= t);
        after.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    /// S(t), the share of customers whose lifetime exceeds `t` periods: a right-continuous
    /// step function, 1 before the first churn, carried forward past the last observation
    /// (R's `extend = TRUE`).
    #[must_use]
    pub fn survival_at(&self, t: u64) -> f64 {
        self.step_at(t).map_or(1.0, |s| s.survival)
    }

    /// The Greenwood standard error of S(t) (R's `std.err` of `summary.survfit`):
    /// `S(t) √(Σ_{tᵢ ≤ t} dᵢ / (nᵢ (nᵢ − dᵢ)))`; 0 before the first churn.
    ///
    /// Where S(t) = 0 (every customer still at risk churned at some duration ≤ t) R reports
    /// `NaN` (it multiplies an infinite log-scale variance by 0); this is 0 there, the limit
    /// of the delta method behind Greenwood's formula (each factor's variance
    /// `h (1 − h) / n` vanishes at `h = 1`). It says that the estimate has no sampling
    /// variance given the customers at risk, not that S is known to be 0: the interval
    /// methods have nothing to say there, see [`checked_interval_at`](Self::checked_interval_at).
    #[must_use]
    pub fn std_err_at(&self, t: u64) -> f64 {
        self.step_at(t)
            .map_or(0.0, |s| std_err(s.survival, s.greenwood))
    }

    /// Customers at risk at `t`: those whose duration is at least `t` (R's `n.risk` of
    /// `summary(fit, times = t)`); 0 past the last observation.
    #[must_use]
    pub fn at_risk(&self, t: u64) -> u64 {
        let first_at_or_after = self.steps.partition_point(|s| s.time < t);
        self.steps.get(first_at_or_after).map_or(0, |s| s.at_risk)
    }

    /// The confidence interval of S(t) by `method` (see [`SurvivalInterval`]), clipped to
    /// [0, 1] as R clips it; `[1, 1]` before the first churn.
    ///
    /// Where S(t) = 0 R has no interval (`NA`); this returns `[0, 0]` there, the interval
    /// of the delta method's zero variance (see [`std_err_at`](Self::std_err_at)), which
    /// understates the uncertainty of a small risk set.
    /// [`checked_interval_at`](Self::checked_interval_at) returns `None` there instead.
    #[must_use]
    pub fn interval_at(
        &self,
        t: u64,
        level: ConfidenceLevel,
        method: SurvivalInterval,
    ) -> Interval {
        let survival = self.survival_at(t);
        self.checked_interval_at(t, level, method)
            .unwrap_or_else(|| Interval::clamped(survival, survival, 0.0, 1.0))
    }

    /// The confidence interval of S(t), or `None` exactly where R reports `NA` (S(t) = 0).
    #[must_use]
    pub fn checked_interval_at(
        &self,
        t: u64,
        level: ConfidenceLevel,
        method: SurvivalInterval,
    ) -> Option<Interval> {
        match self.step_at(t) {
            Some(step) => step.interval(level, method),
            None => Interval::new(1.0, 1.0),
        }
    }

    /// The interval of every step at `level` by `method`, in the order of
    /// [`steps`](Self::steps) (`None` where S = 0): the interval columns of R's
    /// `summary(fit, censored = TRUE)`, with the normal quantile computed once.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel};
    /// use satisfaction::retention::{KaplanMeier, SurvivalInterval};
    ///
    /// let mut km = KaplanMeier::default();
    /// km.try_extend_from_slices(&[1, 2, 2, 5], &[true, false, true, true])?;
    /// let curve = km.summary().unwrap();
    /// let table = curve.intervals(ConfidenceLevel::P95, SurvivalInterval::LogLog);
    /// assert_eq!(table.len(), curve.steps().len());
    /// assert_eq!(table[2], None); // S = 0 at the last step
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn intervals(
        &self,
        level: ConfidenceLevel,
        method: SurvivalInterval,
    ) -> Vec<Option<Interval>> {
        let z = level.z();
        self.steps.iter().map(|s| s.bounds(z, method)).collect()
    }

    /// The curve read at `t`: survival, standard error, number at risk and intervals, as a
    /// [`Summary`], so that the generic tools take it: `chart::trend` and `chart::ranking`
    /// (feature `chart`), [`rank_by_lower_bound`](crate::summary::rank_by_lower_bound) (plans
    /// ranked by their 12-month retention).
    #[must_use]
    pub fn at(&self, t: u64) -> SurvivalPoint {
        let (survival, greenwood) = self
            .step_at(t)
            .map_or((1.0, 0.0), |s| (s.survival, s.greenwood));
        SurvivalPoint {
            time: t,
            survival,
            greenwood,
            at_risk: self.at_risk(t),
            customers: self.customers,
        }
    }
}

impl fmt::Display for KaplanMeierSummary {
    /// One line: customers, churned, the durations covered and the median lifetime with its
    /// 95% log interval. The alternate form (`{:#}`) adds a table of every step, as R's
    /// `summary(fit, censored = TRUE)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), SurvivalInterval::default());
        write!(
            f,
            "Kaplan-Meier curve of {} customers ({} churned, {} censored) over durations 0 to {}",
            self.count(),
            self.events(),
            self.censored(),
            self.last_time()
        )?;
        if let Some(cap) = self.cap {
            write!(f, " (capped at {cap})")?;
        }
        match self.median() {
            Some(median) => {
                let (lower, upper) = self.median_interval(level, method);
                let show =
                    |x: Option<f64>| x.map_or_else(|| "not reached".to_owned(), |x| format!("{x}"));
                write!(
                    f,
                    "; median lifetime {median} ({level} CI {} to {}, {method})",
                    show(lower),
                    show(upper)
                )?;
            }
            None => write!(f, "; median lifetime not reached")?,
        }
        if f.alternate() {
            writeln!(f)?;
            writeln!(
                f,
                "{:>8} {:>10} {:>8} {:>8} {:>9} {:>9}  {level} CI ({method})",
                "time", "at risk", "churned", "censored", "survival", "std err"
            )?;
            for step in &self.steps {
                let ci = step.interval(level, method).map_or_else(
                    || "none".to_owned(),
                    |ci| format!("{:.4} to {:.4}", ci.lower(), ci.upper()),
                );
                writeln!(
                    f,
                    "{:>8} {:>10} {:>8} {:>8} {:>9.4} {:>9.4}  {ci}",
                    step.time,
                    step.at_risk,
                    step.events,
                    step.censored,
                    step.survival,
                    step.std_err()
                )?;
            }
        }
        Ok(())
    }
}

/// A Kaplan-Meier curve read at one duration ([`KaplanMeierSummary::at`]): the retention
/// after `t` periods with its standard error, interval and number at risk.
///
/// It is a [`Summary`] whose estimate is S(t), a share in [0, 1], with the log interval as
/// its default (none where S(t) = 0, as in R), so the crate's generic tools take it: a chart
/// of 12-month retention by cohort, plans ranked by the lower bound of their 24-month
/// retention.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Summary};
/// use satisfaction::retention::KaplanMeier;
///
/// let mut km = KaplanMeier::default();
/// km.try_extend_from_slices(&[2, 6, 9, 14, 14, 20], &[true, true, false, true, false, false])?;
/// let twelve = km.summary().unwrap().at(12);
/// assert_eq!(twelve.estimate(), twelve.survival());
/// assert_eq!(twelve.at_risk(), 3);
/// assert!(twelve.default_interval(ConfidenceLevel::P95).unwrap().contains(twelve.survival()));
/// assert!(twelve.to_string().starts_with("retention after 12 periods 66.7%"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SurvivalPoint {
    time: u64,
    survival: f64,
    greenwood: f64,
    at_risk: u64,
    customers: u64,
}

impl SurvivalPoint {
    /// The duration read, in periods.
    #[must_use]
    pub fn time(&self) -> u64 {
        self.time
    }

    /// S(t): the share of customers whose lifetime exceeds `t` periods.
    #[must_use]
    pub fn survival(&self) -> f64 {
        self.survival
    }

    /// The Greenwood standard error of S(t); 0 where S(t) = 0 (see
    /// [`KaplanMeierSummary::std_err_at`]).
    #[must_use]
    pub fn std_err(&self) -> f64 {
        std_err(self.survival, self.greenwood)
    }

    /// Customers at risk at `t` (duration at least `t`).
    #[must_use]
    pub fn at_risk(&self) -> u64 {
        self.at_risk
    }

    /// The interval of S(t) by `method`; `None` where S(t) = 0 (R's `NA`).
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: SurvivalInterval) -> Option<Interval> {
        survival_bounds(self.survival, self.greenwood, method, level.z())
    }
}

impl Summary for SurvivalPoint {
    fn metric(&self) -> &'static str {
        "retention"
    }

    /// The customers behind the curve.
    fn count(&self) -> u64 {
        self.customers
    }

    fn estimate(&self) -> f64 {
        self.survival
    }

    fn domain(&self) -> (f64, f64) {
        (0.0, 1.0)
    }

    fn default_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        self.interval(level, SurvivalInterval::Log)
    }

    fn default_method(&self) -> &'static str {
        "Greenwood, log"
    }
}

impl fmt::Display for SurvivalPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        write!(
            f,
            "retention after {} periods {}",
            self.time,
            Percent(self.survival)
        )?;
        match self.interval(level, SurvivalInterval::Log) {
            Some(ci) => write!(
                f,
                " ({level} CI {} to {}, log)",
                Percent(ci.lower()),
                Percent(ci.upper())
            )?,
            None => write!(f, " (no interval: the curve has reached 0)")?,
        }
        write!(f, "; {} at risk of {}", self.at_risk, self.customers)
    }
}
