//! [`Churn`], its input [`CustomerPeriod`], its summary and the period conversions
//! [`compound_churn`] and [`per_period_churn`]. The user-facing documentation is on [`Churn`].

use std::convert::Infallible;
use std::fmt;

use thiserror::Error;

use crate::aggregator::Aggregator;
use crate::counts::Counts;
use crate::display::Percent;
use crate::error::{MergeError, StateError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};
use crate::share::{Share, share_summary};

/// What one customer did during the period.
///
/// ```
/// use satisfaction::CustomerPeriod;
///
/// assert_eq!(CustomerPeriod::new(true, true)?, CustomerPeriod::Churned);
/// assert_eq!(CustomerPeriod::new(true, false)?, CustomerPeriod::Retained);
/// assert_eq!(CustomerPeriod::new(false, false)?, CustomerPeriod::Acquired);
/// assert!(CustomerPeriod::new(false, true).is_err()); // churned without having started
/// # Ok::<(), satisfaction::churn::ChurnError>(())
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
    /// From a customer record's two flags: the one rule [`Churn`] and its SQL function use.
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

    /// The customer's bucket in [`Churn`]'s state: retained, churned, acquired.
    pub(crate) fn bucket(self) -> usize {
        match self {
            Self::Retained => RETAINED,
            Self::Churned => CHURNED,
            Self::Acquired => ACQUIRED,
        }
    }
}

/// The buckets, in state order.
const RETAINED: usize = 0;
const CHURNED: usize = 1;
const ACQUIRED: usize = 2;

/// Logo churn over one period: customers retained, churned and acquired.
///
/// **Logo churn** = customers lost during the period / customers active at its start. Customers
/// acquired during the period are counted (they are part of the period's end count) but excluded
/// from both sides of the rate: they were not at risk for the whole period. A closed cohort is a
/// binomial sample, so the rate gets a proportion interval (Wilson by default, any
/// [`ProportionMethod`]). When churn is measured as events over exposure (customer-months of a
/// changing base) use [`poisson_rate`](crate::interval::poisson_rate) instead. Revenue churn
/// (MRR) is [`RevenueChurn`](crate::churn::RevenueChurn).
///
/// **Period conversion**: retention compounds, churn does not add up. Annual retention =
/// (1 − monthly churn)^12; in general k-period churn = 1 − (1 − c)^k ([`compound_churn`]), and
/// back, c = 1 − (1 − C)^(1/k) ([`per_period_churn`]). This assumes the same churn in every
/// period, which is what the conversion is for: comparing a monthly and an annual figure.
///
/// ```
/// use satisfaction::{Aggregator, Churn, ConfidenceLevel, CustomerPeriod, ProportionMethod};
/// use satisfaction::churn::compound_churn;
///
/// let mut churn = Churn::default();
/// churn.extend([CustomerPeriod::Retained; 194]);
/// churn.extend([CustomerPeriod::Churned; 6]);
/// churn.push(CustomerPeriod::new(false, false)?); // acquired this month: not in the rate
/// let month = churn.summary().unwrap();
/// assert_eq!(month.rate(), 0.03);
/// assert_eq!(month.customers_at_end(), 195);
/// let ci = month.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
/// assert!(ci.lower() > 0.013 && ci.upper() < 0.065);
/// let annual = compound_churn(month.rate(), 12.0)?; // 1 − 0.97^12
/// assert!((annual - 0.306).abs() < 0.001);
/// # Ok::<(), satisfaction::churn::ChurnError>(())
/// ```
///
/// A whole cohort at once, from its counts (at the start, churned, acquired):
///
/// ```
/// use satisfaction::{Aggregator, Churn};
///
/// let churn = Churn::from_counts(400, 12, 30)?;
/// assert_eq!(churn.summary().unwrap().retention(), 0.97);
/// assert!(Churn::from_counts(10, 11, 0).is_err());
/// # Ok::<(), satisfaction::StateError>(())
/// ```
///
/// State: `size_of::<Churn>() == 24` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Churn {
    counts: Counts<3>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Churn, ChurnState);

impl Churn {
    /// Churn from counts: customers active at the start, how many of them churned, and how many
    /// were acquired during the period.
    ///
    /// # Errors
    ///
    /// [`StateError::Inconsistent`] when `churned > at_start`; [`StateError::TooMany`] when the
    /// customers add up to more than [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(at_start: u64, churned: u64, acquired: u64) -> Result<Self, StateError> {
        let Some(retained) = at_start.checked_sub(churned) else {
            return Err(StateError::Inconsistent {
                what: "churn",
                problem: format!(
                    "{churned} churned customers exceed the {at_start} active at the start"
                ),
            });
        };
        Ok(Self {
            counts: Counts::from_array("churn", [retained, churned, acquired])?,
        })
    }

    fn at_start(&self) -> u64 {
        let c = self.counts.as_array();
        c[RETAINED] + c[CHURNED]
    }
}

impl Aggregator for Churn {
    type Input = CustomerPeriod;
    type Summary = ChurnSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, customer: CustomerPeriod) -> Result<(), Infallible> {
        self.counts.record(customer.bucket());
        Ok(())
    }

    fn check(&self, _: &CustomerPeriod) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        self.counts.merge(&other.counts)
    }

    /// `None` until some customer was active at the start: without one there is no rate.
    fn summary(&self) -> Option<ChurnSummary> {
        (self.at_start() > 0).then_some(ChurnSummary { churn: *self })
    }

    /// All customers pushed, acquired ones included.
    fn count(&self) -> u64 {
        self.counts.total()
    }
}

crate::aggregator::impl_collect!(Churn, CustomerPeriod, from_iter);

#[cfg(feature = "datafusion")]
impl crate::counts::BucketState for Churn {
    fn bucket_names() -> Vec<String> {
        vec!["retained".into(), "churned".into(), "acquired".into()]
    }

    fn bucket_counts(&self) -> Vec<u64> {
        self.counts.as_array().to_vec()
    }

    fn with_bucket_counts(&self, counts: &[u64]) -> Result<Self, StateError> {
        match *counts {
            [retained, churned, acquired] => Ok(Self {
                counts: Counts::from_array("churn", [retained, churned, acquired])?,
            }),
            _ => Err(StateError::WrongLength {
                what: "churn",
                expected: 3,
                found: counts.len(),
            }),
        }
    }
}

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
/// # Ok::<(), satisfaction::StateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ChurnSummary {
    churn: Churn,
}

impl ChurnSummary {
    fn churned_share(&self) -> Share {
        Share::new(self.churned(), self.customers_at_start())
    }

    /// Customers active at the start of the period (the denominator).
    #[must_use]
    pub fn customers_at_start(&self) -> u64 {
        self.churn.at_start()
    }

    /// Customers lost during the period.
    #[must_use]
    pub fn churned(&self) -> u64 {
        self.churn.counts.get(CHURNED)
    }

    /// Customers acquired during the period (excluded from the rate).
    #[must_use]
    pub fn acquired(&self) -> u64 {
        self.churn.counts.get(ACQUIRED)
    }

    /// Customers active at the end: retained + acquired.
    #[must_use]
    pub fn customers_at_end(&self) -> u64 {
        // Both are parts of a total of at most MAX_COUNT: no overflow.
        self.churn.counts.get(RETAINED) + self.acquired()
    }

    /// The churn rate, churned / customers at start, in [0, 1].
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.churned_share().value()
    }

    /// Retention, 1 − churn rate.
    #[must_use]
    pub fn retention(&self) -> f64 {
        Share::new(self.churn.counts.get(RETAINED), self.customers_at_start()).value()
    }

    /// The confidence interval of the churn rate.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        self.churned_share().interval(level, method)
    }

    /// The confidence interval of retention: 1 minus the churn interval's bounds.
    #[must_use]
    pub fn retention_interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        let churn = self.interval(level, method);
        Interval::clamped(1.0 - churn.upper(), 1.0 - churn.lower(), 0.0, 1.0)
    }

    /// The anytime-valid confidence sequence of the churn rate of the cohort: valid at every n
    /// at once (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.churned_share()
            .sequence(level, interval::DEFAULT_TUNED_FOR)
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
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ChurnError::InvalidPeriods`] unless `periods` is finite and greater than 0.
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

share_summary!(
    ChurnSummary, "churn", churned_share,
    report [
        rate,
        retention: share,
        customers_at_start: count,
        churned: count,
        acquired: count,
        customers_at_end: count,
    ]
);

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
/// use satisfaction::churn::compound_churn;
///
/// // 2% a month is 21.5% a year, not 24%.
/// assert!((compound_churn(0.02, 12.0)? - 0.2153).abs() < 1e-4);
/// # Ok::<(), satisfaction::churn::ChurnError>(())
/// ```
///
/// # Errors
///
/// [`ChurnError::InvalidRate`] when the churn is not in [0, 1];
/// [`ChurnError::InvalidPeriods`] when `periods` is not a finite number greater than 0.
pub fn compound_churn(churn_per_period: f64, periods: f64) -> Result<f64, ChurnError> {
    check_rate(churn_per_period)?;
    check_periods(periods)?;
    Ok((1.0 - (1.0 - churn_per_period).powf(periods)).clamp(0.0, 1.0))
}

/// Churn per period from churn over `periods` periods: 1 − (1 − `churn_over_span`)^(1/periods).
/// Annual to monthly is `per_period_churn(annual, 12.0)`.
///
/// ```
/// use satisfaction::churn::{compound_churn, per_period_churn};
///
/// let monthly = per_period_churn(0.2153, 12.0)?;
/// assert!((monthly - 0.02).abs() < 1e-5);
/// assert!((compound_churn(monthly, 12.0)? - 0.2153).abs() < 1e-12);
/// # Ok::<(), satisfaction::churn::ChurnError>(())
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
        Err(ChurnError::InvalidRate { rate })
    }
}

fn check_periods(periods: f64) -> Result<(), ChurnError> {
    if periods > 0.0 && periods.is_finite() {
        Ok(())
    } else {
        Err(ChurnError::InvalidPeriods { periods })
    }
}

/// A churn record or conversion that cannot be.
///
/// # Example
///
/// ```
/// use satisfaction::CustomerPeriod;
/// use satisfaction::churn::{ChurnError, compound_churn};
///
/// let err = CustomerPeriod::new(false, true).unwrap_err();
/// assert_eq!(err, ChurnError::ChurnedWithoutStart);
/// assert!(matches!(compound_churn(1.5, 12.0), Err(ChurnError::InvalidRate { rate, .. }) if rate == 1.5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum ChurnError {
    /// A customer marked as churned that was not active at the start of the period.
    #[error(
        "a customer that was not active at the start of the period cannot churn in it: \
         acquired customers are excluded from the churn rate"
    )]
    ChurnedWithoutStart,
    /// A churn or retention rate outside [0, 1] given to a period conversion.
    #[error("churn rate {rate} is invalid: it must lie in [0, 1]")]
    #[non_exhaustive]
    InvalidRate {
        /// The rejected rate.
        rate: f64,
    },
    /// A number of periods that is not finite and positive.
    #[error("{periods} periods is invalid: it must be a finite number greater than 0")]
    #[non_exhaustive]
    InvalidPeriods {
        /// The rejected number of periods.
        periods: f64,
    },
}

#[cfg(feature = "serde")]
mod state {
    use super::{ACQUIRED, CHURNED, Churn, ChurnSummary};

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
                version: crate::state::STATE_VERSION,
                at_start: c.at_start(),
                churned: c.counts.get(CHURNED),
                acquired: c.counts.get(ACQUIRED),
            }
        }
    }

    crate::state::from_state!(ChurnState => Churn, |s| {
        Churn::from_counts(s.at_start, s.churned, s.acquired)
    });

    impl crate::state::SerialSummary for ChurnSummary {
        const WHAT: &'static str = "churn summary";
        type State = Churn;

        fn state(&self) -> Churn {
            self.churn
        }
    }

    crate::state::serde_summary!(ChurnSummary);
}

#[cfg(feature = "serde")]
use state::ChurnState;

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
    fn counts_past_the_limit_are_refused() {
        assert!(Churn::from_counts(crate::aggregator::MAX_COUNT, 0, 1).is_err());
        assert!(Churn::from_counts(u64::MAX, 0, 0).is_err());
    }
}
