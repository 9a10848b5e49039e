//! Churn: logo churn of a cohort over a period, its conversion between period lengths, and
//! revenue churn from MRR movements.
//!
//! **Logo churn** = customers lost during the period / customers active at its start. Customers
//! acquired during the period are counted (they are part of the period's end count) but excluded
//! from both sides of the rate: they were not at risk for the whole period. A closed cohort is a
//! binomial sample, so the rate gets a proportion interval (Wilson by default, any
//! [`ProportionMethod`]). When churn is measured as events over exposure (customer-months of a
//! changing base) use [`poisson_rate`](crate::interval::poisson_rate) instead.
//!
//! **Period conversion**: retention compounds, churn does not add up. Annual retention =
//! (1 − monthly churn)^12; in general k-period churn = 1 − (1 − c)^k ([`compound_churn`]), and
//! back, c = 1 − (1 − C)^(1/k) ([`per_period_churn`]). This assumes the same churn in every
//! period, which is what the conversion is for: comparing a monthly and an annual figure.
//!
//! **Revenue churn** (ChartMogul's definitions) from MRR movements in minor currency units
//! (cents), summed exactly: gross MRR churn = (churned + contraction) / start MRR; net MRR churn
//! = (churned + contraction − expansion − reactivation) / start MRR (negative when expansion
//! outgrows losses); net revenue retention NRR = (start + expansion − contraction − churned) /
//! start; gross revenue retention GRR = (start − contraction − churned) / start. Revenue shares
//! are weighted by dollars, not customers, so no binomial interval applies; none is given.
//!
//! ```
//! use satisfaction::{Aggregator, Churn, ConfidenceLevel, CustomerPeriod, ProportionMethod};
//! use satisfaction::metrics::churn::compound_churn;
//!
//! let mut churn = Churn::default();
//! churn.extend([CustomerPeriod::Retained; 194]);
//! churn.extend([CustomerPeriod::Churned; 6]);
//! churn.push(CustomerPeriod::new(false, false)?); // acquired this month: not in the rate
//! let month = churn.summary().unwrap();
//! assert_eq!(month.rate(), 0.03);
//! assert_eq!(month.customers_at_end(), 195);
//! let ci = month.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
//! assert!(ci.lower() > 0.013 && ci.upper() < 0.065);
//! let annual = compound_churn(month.rate(), 12.0)?; // 1 − 0.97^12
//! assert!((annual - 0.306).abs() < 0.001);
//! # Ok::<(), satisfaction::ChurnError>(())
//! ```

use std::fmt;

use crate::aggregator::Aggregator;
use crate::display::Percent;
use crate::error::{ChurnError, MergeError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};

/// What one customer did during the period.
///
/// ```
/// use satisfaction::CustomerPeriod;
///
/// assert_eq!(CustomerPeriod::new(true, true)?, CustomerPeriod::Churned);
/// assert_eq!(CustomerPeriod::new(true, false)?, CustomerPeriod::Retained);
/// assert_eq!(CustomerPeriod::new(false, false)?, CustomerPeriod::Acquired);
/// assert!(CustomerPeriod::new(false, true).is_err()); // churned without having started
/// # Ok::<(), satisfaction::ChurnError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CustomerPeriod {
    /// Active at the start and still active at the end.
    Retained,
    /// Active at the start and lost during the period.
    Churned,
    /// Not active at the start, acquired during the period: counted, but not at risk.
    Acquired,
}

impl CustomerPeriod {
    /// From a customer record's two flags.
    ///
    /// # Errors
    ///
    /// [`ChurnError::ChurnedWithoutStart`] for a churned customer that was not active at the
    /// start of the period.
    pub fn new(active_at_start: bool, churned: bool) -> Result<Self, ChurnError> {
        match (active_at_start, churned) {
            (true, false) => Ok(Self::Retained),
            (true, true) => Ok(Self::Churned),
            (false, false) => Ok(Self::Acquired),
            (false, true) => Err(ChurnError::ChurnedWithoutStart),
        }
    }
}

/// Logo churn over one period: customers at the start, churned, and acquired.
///
/// ```
/// use satisfaction::{Aggregator, Churn};
///
/// let churn = Churn::from_counts(400, 12, 30)?;
/// assert_eq!(churn.summary().unwrap().retention(), 0.97);
/// assert!(Churn::from_counts(10, 11, 0).is_err());
/// # Ok::<(), satisfaction::ChurnError>(())
/// ```
///
/// State: `size_of::<Churn>() == 24` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ChurnState", into = "ChurnState"))]
pub struct Churn {
    at_start: u64,
    churned: u64,
    acquired: u64,
}

impl Churn {
    /// Churn from counts: customers active at the start, how many of them churned, and how many
    /// were acquired during the period.
    ///
    /// # Errors
    ///
    /// [`ChurnError::ChurnedExceedsStart`] when `churned > at_start`;
    /// [`ChurnError::InvalidRate`] when the customers add up to more than
    /// [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(at_start: u64, churned: u64, acquired: u64) -> Result<Self, ChurnError> {
        if churned > at_start {
            return Err(ChurnError::ChurnedExceedsStart {
                start: at_start,
                churned,
            });
        }
        if at_start
            .checked_add(acquired)
            .is_none_or(|total| total > crate::MAX_COUNT)
        {
            return Err(ChurnError::InvalidRate {
                what: "customer count",
                value: format!("{at_start} + {acquired}"),
                range: "at most 2^63 - 1 in total",
            });
        }
        Ok(Self {
            at_start,
            churned,
            acquired,
        })
    }
}

impl Aggregator for Churn {
    type Input = CustomerPeriod;
    type Summary = ChurnSummary;

    #[inline]
    fn push(&mut self, customer: CustomerPeriod) {
        match customer {
            CustomerPeriod::Retained => self.at_start = self.at_start.saturating_add(1),
            CustomerPeriod::Churned => {
                self.at_start = self.at_start.saturating_add(1);
                self.churned = self.churned.saturating_add(1);
            }
            CustomerPeriod::Acquired => self.acquired = self.acquired.saturating_add(1),
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        crate::aggregator::check_merge_total(self.count(), other.count())?;
        self.at_start += other.at_start;
        self.churned += other.churned;
        self.acquired += other.acquired;
        Ok(())
    }

    /// `None` until some customer was active at the start: without one there is no rate.
    fn summary(&self) -> Option<ChurnSummary> {
        (self.at_start > 0).then_some(ChurnSummary { churn: *self })
    }

    /// All customers pushed, acquired ones included.
    fn count(&self) -> u64 {
        self.at_start.saturating_add(self.acquired)
    }
}

crate::aggregator::impl_collect!(Churn, CustomerPeriod, from_iter);

/// The summary of a [`Churn`] with at least one customer at the start.
///
/// ```
/// use satisfaction::{Aggregator, Churn};
///
/// let summary = Churn::from_counts(400, 12, 30)?.summary().unwrap();
/// assert_eq!(
///     summary.to_string(),
///     "churn 3.0% (95% CI 1.7% to 5.2%, Wilson); retention 97.0%; \
///      12 of 400 customers at start lost, 30 acquired, 418 at end"
/// );
/// # Ok::<(), satisfaction::ChurnError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ChurnSummary {
    churn: Churn,
}

impl ChurnSummary {
    /// The anytime-valid confidence sequence of the churn rate of the cohort: valid at every n at
    /// once, so it may be checked after every answer (see [`interval::proportion_sequence`]); tuned
    /// for [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.confidence_sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    /// [`confidence_sequence`](Self::confidence_sequence) tuned for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn confidence_sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        interval::sequence_unchecked(
            self.churned() as f64,
            self.customers_at_start(),
            level,
            tuned_for,
        )
    }
    /// Customers active at the start of the period (the denominator).
    #[must_use]
    pub fn customers_at_start(&self) -> u64 {
        self.churn.at_start
    }

    /// Customers lost during the period.
    #[must_use]
    pub fn churned(&self) -> u64 {
        self.churn.churned
    }

    /// Customers acquired during the period (excluded from the rate).
    #[must_use]
    pub fn acquired(&self) -> u64 {
        self.churn.acquired
    }

    /// Customers active at the end: start − churned + acquired.
    #[must_use]
    pub fn customers_at_end(&self) -> u64 {
        self.churn.at_start - self.churn.churned + self.churn.acquired
    }

    /// The churn rate, churned / customers at start, in [0, 1].
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.churn.churned as f64 / self.churn.at_start as f64
    }

    /// Retention, 1 − churn rate.
    #[must_use]
    pub fn retention(&self) -> f64 {
        (self.churn.at_start - self.churn.churned) as f64 / self.churn.at_start as f64
    }

    /// The confidence interval of the churn rate.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        interval::proportion_unchecked(self.churn.churned, self.churn.at_start, level, method)
    }

    /// The confidence interval of retention: 1 minus the churn interval's bounds.
    #[must_use]
    pub fn retention_interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        let churn = self.interval(level, method);
        Interval::clamped(1.0 - churn.upper(), 1.0 - churn.lower(), 0.0, 1.0)
    }

    /// Churn over `periods` periods at this period's rate: 1 − (1 − rate)^periods, with the
    /// interval's bounds mapped the same way (the map is increasing, so the level carries over).
    ///
    /// ```
    /// use satisfaction::{Aggregator, Churn, ConfidenceLevel, ProportionMethod};
    ///
    /// let month = Churn::from_counts(400, 12, 0)?.summary().unwrap();
    /// let (annual, ci) = month.over_periods(12.0, ConfidenceLevel::P95, ProportionMethod::Wilson)?;
    /// assert!((annual - 0.306).abs() < 0.001 && ci.contains(annual));
    /// # Ok::<(), satisfaction::ChurnError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ChurnError::InvalidRate`] unless `periods` is finite and greater than 0.
    pub fn over_periods(
        &self,
        periods: f64,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Result<(f64, Interval), ChurnError> {
        let ci = self.interval(level, method);
        let rate = compound_churn(self.rate(), periods)?;
        let lower = compound_churn(ci.lower(), periods)?;
        let upper = compound_churn(ci.upper(), periods)?;
        Ok((rate, Interval::clamped(lower, upper, 0.0, 1.0)))
    }
}

impl fmt::Display for ChurnSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), ProportionMethod::default());
        let ci = self.interval(level, method);
        write!(
            f,
            "churn {} ({level} CI {} to {}, {method}); retention {}; {} of {} customers at \
             start lost, {} acquired, {} at end",
            Percent(self.rate()),
            Percent(ci.lower()),
            Percent(ci.upper()),
            Percent(self.retention()),
            self.churned(),
            self.customers_at_start(),
            self.acquired(),
            self.customers_at_end()
        )
    }
}

/// Churn over `periods` periods from churn per period: 1 − (1 − `churn_per_period`)^`periods`.
/// Monthly to annual is `compound_churn(monthly, 12.0)`; `periods` may be fractional.
///
/// ```
/// use satisfaction::metrics::churn::compound_churn;
///
/// // 2% a month is 21.5% a year, not 24%.
/// assert!((compound_churn(0.02, 12.0)? - 0.2153).abs() < 1e-4);
/// # Ok::<(), satisfaction::ChurnError>(())
/// ```
///
/// # Errors
///
/// [`ChurnError::InvalidRate`] when the churn is not in [0, 1] or `periods` is not a finite
/// number greater than 0.
pub fn compound_churn(churn_per_period: f64, periods: f64) -> Result<f64, ChurnError> {
    check_rate(churn_per_period)?;
    check_periods(periods)?;
    Ok((1.0 - (1.0 - churn_per_period).powf(periods)).clamp(0.0, 1.0))
}

/// Churn per period from churn over `periods` periods: 1 − (1 − `churn_over_span`)^(1/periods).
/// Annual to monthly is `per_period_churn(annual, 12.0)`.
///
/// ```
/// use satisfaction::metrics::churn::{compound_churn, per_period_churn};
///
/// let monthly = per_period_churn(0.2153, 12.0)?;
/// assert!((monthly - 0.02).abs() < 1e-5);
/// assert!((compound_churn(monthly, 12.0)? - 0.2153).abs() < 1e-12);
/// # Ok::<(), satisfaction::ChurnError>(())
/// ```
///
/// # Errors
///
/// As [`compound_churn`].
pub fn per_period_churn(churn_over_span: f64, periods: f64) -> Result<f64, ChurnError> {
    check_rate(churn_over_span)?;
    check_periods(periods)?;
    Ok((1.0 - (1.0 - churn_over_span).powf(1.0 / periods)).clamp(0.0, 1.0))
}

fn check_rate(rate: f64) -> Result<(), ChurnError> {
    if (0.0..=1.0).contains(&rate) {
        Ok(())
    } else {
        Err(ChurnError::InvalidRate {
            what: "churn rate",
            value: rate.to_string(),
            range: "in [0, 1]",
        })
    }
}

fn check_periods(periods: f64) -> Result<(), ChurnError> {
    if periods > 0.0 && periods.is_finite() {
        Ok(())
    } else {
        Err(ChurnError::InvalidRate {
            what: "number of periods",
            value: periods.to_string(),
            range: "a finite number greater than 0",
        })
    }
}

/// One customer's (or one segment's) MRR movements over a period, in minor currency units
/// (cents), so that sums are exact.
///
/// ```
/// use satisfaction::metrics::churn::MrrMovements;
///
/// // Paid $100.00, downgraded by $20.00.
/// let m = MrrMovements::new(10_000, 0, 2_000, 0, 0)?;
/// assert!(MrrMovements::new(10_000, -5, 0, 0, 0).is_err());
/// assert!(MrrMovements::new(10_000, 9_000, 2_000, 0, 0).is_err()); // lost more than it paid
/// # Ok::<(), satisfaction::ChurnError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MrrMovements {
    start: u64,
    churned: u64,
    contraction: u64,
    expansion: u64,
    reactivation: u64,
}

impl MrrMovements {
    /// MRR at the start, and the period's churned, contraction, expansion and reactivation MRR.
    ///
    /// # Errors
    ///
    /// [`ChurnError::NegativeMrr`] for a negative amount; [`ChurnError::LossExceedsStart`] when
    /// churned + contraction exceed the starting MRR.
    pub fn new(
        start: i64,
        churned: i64,
        contraction: i64,
        expansion: i64,
        reactivation: i64,
    ) -> Result<Self, ChurnError> {
        let amount = |field, value: i64| {
            u64::try_from(value).map_err(|_| ChurnError::NegativeMrr { field, value })
        };
        let movements = Self {
            start: amount("start", start)?,
            churned: amount("churned", churned)?,
            contraction: amount("contraction", contraction)?,
            expansion: amount("expansion", expansion)?,
            reactivation: amount("reactivation", reactivation)?,
        };
        if movements.churned + movements.contraction > movements.start {
            return Err(ChurnError::LossExceedsStart {
                start,
                churned,
                contraction,
            });
        }
        Ok(movements)
    }
}

/// Revenue churn: exact sums of MRR movements (see the module docs for the formulas).
///
/// ```
/// use satisfaction::{Aggregator, RevenueChurn};
/// use satisfaction::metrics::churn::MrrMovements;
///
/// let mut revenue = RevenueChurn::default();
/// revenue.push(MrrMovements::new(100_000_00, 3_000_00, 2_000_00, 6_000_00, 500_00)?);
/// let summary = revenue.summary().unwrap();
/// assert_eq!(summary.gross_churn(), 0.05);
/// assert_eq!(summary.net_churn(), -0.015);
/// assert_eq!(summary.net_revenue_retention(), 1.01);
/// assert_eq!(summary.gross_revenue_retention(), 0.95);
/// # Ok::<(), satisfaction::ChurnError>(())
/// ```
///
/// State: `size_of::<RevenueChurn>() == 96` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RevenueState", into = "RevenueState")
)]
pub struct RevenueChurn {
    start: u128,
    churned: u128,
    contraction: u128,
    expansion: u128,
    reactivation: u128,
    records: u64,
}

impl Aggregator for RevenueChurn {
    type Input = MrrMovements;
    type Summary = RevenueChurnSummary;

    #[inline]
    fn push(&mut self, m: MrrMovements) {
        // u128 sums of u64 amounts cannot overflow before 2^64 records.
        self.start += u128::from(m.start);
        self.churned += u128::from(m.churned);
        self.contraction += u128::from(m.contraction);
        self.expansion += u128::from(m.expansion);
        self.reactivation += u128::from(m.reactivation);
        self.records = self.records.saturating_add(1);
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        let records = self.records.checked_add(other.records);
        if records.is_none_or(|r| r > crate::MAX_COUNT) {
            return Err(MergeError::CountOverflow {
                left: self.records,
                right: other.records,
                limit: crate::MAX_COUNT,
            });
        }
        self.start += other.start;
        self.churned += other.churned;
        self.contraction += other.contraction;
        self.expansion += other.expansion;
        self.reactivation += other.reactivation;
        self.records += other.records;
        Ok(())
    }

    /// `None` while the starting MRR is 0: the ratios have no denominator.
    fn summary(&self) -> Option<RevenueChurnSummary> {
        (self.start > 0).then_some(RevenueChurnSummary { sums: *self })
    }

    fn count(&self) -> u64 {
        self.records
    }
}

crate::aggregator::impl_collect!(RevenueChurn, MrrMovements, from_iter);

/// The summary of a [`RevenueChurn`] with a positive starting MRR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RevenueChurnSummary {
    sums: RevenueChurn,
}

impl RevenueChurnSummary {
    fn share(&self, numerator: i128) -> f64 {
        numerator as f64 / self.sums.start as f64
    }

    /// MRR at the start of the period, in minor units.
    #[must_use]
    pub fn start_mrr(&self) -> u128 {
        self.sums.start
    }

    /// MRR at the end: start − churned − contraction + expansion + reactivation.
    #[must_use]
    pub fn end_mrr(&self) -> u128 {
        let s = &self.sums;
        s.start - s.churned - s.contraction + s.expansion + s.reactivation
    }

    /// Gross MRR churn: (churned + contraction) / start.
    #[must_use]
    pub fn gross_churn(&self) -> f64 {
        self.share((self.sums.churned + self.sums.contraction) as i128)
    }

    /// Net MRR churn: (churned + contraction − expansion − reactivation) / start; negative when
    /// expansion and reactivation outgrow the losses.
    #[must_use]
    pub fn net_churn(&self) -> f64 {
        let s = &self.sums;
        self.share((s.churned + s.contraction) as i128 - (s.expansion + s.reactivation) as i128)
    }

    /// Net revenue retention: (start + expansion − contraction − churned) / start.
    #[must_use]
    pub fn net_revenue_retention(&self) -> f64 {
        let s = &self.sums;
        self.share((s.start + s.expansion - s.contraction - s.churned) as i128)
    }

    /// Gross revenue retention: (start − contraction − churned) / start, at most 1.
    #[must_use]
    pub fn gross_revenue_retention(&self) -> f64 {
        let s = &self.sums;
        self.share((s.start - s.contraction - s.churned) as i128)
    }
}

impl fmt::Display for RevenueChurnSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "gross MRR churn {}; net MRR churn {}; NRR {}; GRR {}; MRR {} -> {} (minor units)",
            Percent(self.gross_churn()),
            Percent(self.net_churn()),
            Percent(self.net_revenue_retention()),
            Percent(self.gross_revenue_retention()),
            self.start_mrr(),
            self.end_mrr()
        )
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::{Churn, RevenueChurn};
    use crate::error::StateError;
    use crate::state::check_version;

    /// The serialised form of a [`Churn`].
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct ChurnState {
        version: u32,
        at_start: u64,
        churned: u64,
        acquired: u64,
    }

    impl From<Churn> for ChurnState {
        fn from(c: Churn) -> Self {
            Self {
                version: crate::STATE_VERSION,
                at_start: c.at_start,
                churned: c.churned,
                acquired: c.acquired,
            }
        }
    }

    /// The serialised form of a [`RevenueChurn`]: MRR sums in minor units.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct RevenueState {
        version: u32,
        records: u64,
        start: u128,
        churned: u128,
        contraction: u128,
        expansion: u128,
        reactivation: u128,
    }

    impl From<RevenueChurn> for RevenueState {
        fn from(r: RevenueChurn) -> Self {
            Self {
                version: crate::STATE_VERSION,
                records: r.records,
                start: r.start,
                churned: r.churned,
                contraction: r.contraction,
                expansion: r.expansion,
                reactivation: r.reactivation,
            }
        }
    }

    impl TryFrom<RevenueState> for RevenueChurn {
        type Error = StateError;

        fn try_from(s: RevenueState) -> Result<Self, StateError> {
            check_version(s.version)?;
            let bad = |why: &str| StateError::Inconsistent(format!("revenue churn: {why}"));
            if s.records > crate::MAX_COUNT {
                return Err(crate::state::too_many());
            }
            // Each record holds u64 amounts, so a sum is at most records × u64::MAX.
            let limit = u128::from(s.records) * u128::from(u64::MAX);
            let sums = [
                s.start,
                s.churned,
                s.contraction,
                s.expansion,
                s.reactivation,
            ];
            if sums.iter().any(|&sum| sum > limit) {
                return Err(bad("a sum larger than its records can hold"));
            }
            if s.churned + s.contraction > s.start {
                return Err(bad("churned plus contraction MRR exceed the starting MRR"));
            }
            Ok(Self {
                start: s.start,
                churned: s.churned,
                contraction: s.contraction,
                expansion: s.expansion,
                reactivation: s.reactivation,
                records: s.records,
            })
        }
    }

    impl TryFrom<ChurnState> for Churn {
        type Error = StateError;

        fn try_from(s: ChurnState) -> Result<Self, StateError> {
            check_version(s.version)?;
            Churn::from_counts(s.at_start, s.churned, s.acquired)
                .map_err(|e| StateError::Inconsistent(format!("churn: {e}")))
        }
    }
}

#[cfg(feature = "serde")]
use state::{ChurnState, RevenueState};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acquired_customers_are_outside_the_rate() {
        let churn: Churn = [
            CustomerPeriod::Retained,
            CustomerPeriod::Churned,
            CustomerPeriod::Acquired,
            CustomerPeriod::Acquired,
        ]
        .into_iter()
        .collect();
        let s = churn.summary().unwrap();
        assert_eq!((s.rate(), s.customers_at_end()), (0.5, 3));
        assert_eq!(Churn::from_counts(0, 0, 5).unwrap().summary(), None);
    }

    #[test]
    fn period_conversion_round_trips() {
        for c in [0.0, 0.01, 0.3, 1.0] {
            for k in [0.5, 3.0, 12.0] {
                let span = compound_churn(c, k).unwrap();
                assert!((per_period_churn(span, k).unwrap() - c).abs() < 1e-12);
            }
        }
        assert!(compound_churn(1.5, 12.0).is_err());
        assert!(compound_churn(0.1, 0.0).is_err());
        assert!(per_period_churn(f64::NAN, 12.0).is_err());
    }

    #[test]
    fn revenue_formulas() {
        let m = MrrMovements::new(1000, 100, 50, 200, 10).unwrap();
        let s = RevenueChurn::from_iter([m]).summary().unwrap();
        assert_eq!(s.gross_churn(), 0.15);
        assert_eq!(s.net_churn(), -0.06);
        assert_eq!(s.net_revenue_retention(), 1.05);
        assert_eq!(s.gross_revenue_retention(), 0.85);
        assert_eq!(s.end_mrr(), 1060);
        assert_eq!(RevenueChurn::default().summary(), None);
    }
}
