//! [`RevenueChurn`], its input [`MrrMovements`] and its summary. The user-facing documentation
//! is on [`RevenueChurn`].

use std::convert::Infallible;
use std::fmt;

use thiserror::Error;

use crate::aggregator::{Aggregator, check_merge_total};
use crate::display::Percent;
use crate::error::{MergeError, StateError};
use crate::interval::{ConfidenceLevel, Interval};
use crate::summary::{Column, Report, ReportOptions, Summary, Value};

/// The largest amount one record holds: MRR arrives as `i64` minor units.
const MAX_AMOUNT: u128 = i64::MAX as u128;

/// One customer's (or one segment's) MRR movements over a period, in minor currency units
/// (cents), so that sums are exact.
///
/// ```
/// use satisfaction::churn::MrrMovements;
///
/// // Paid $100.00, downgraded by $20.00.
/// let m = MrrMovements::new(10_000, 0, 2_000, 0, 0)?;
/// assert!(MrrMovements::new(10_000, -5, 0, 0, 0).is_err());
/// assert!(MrrMovements::new(10_000, 9_000, 2_000, 0, 0).is_err()); // lost more than it paid
/// # Ok::<(), satisfaction::churn::MrrError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct MrrMovements {
    start: u64,
    churned: u64,
    contraction: u64,
    expansion: u64,
    reactivation: u64,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(MrrMovements, MovementsState);

impl MrrMovements {
    /// MRR at the start, and the period's churned, contraction, expansion and reactivation MRR.
    ///
    /// # Errors
    ///
    /// [`MrrError::Negative`] for a negative amount; [`MrrError::LossExceedsStart`] when
    /// churned + contraction exceed the starting MRR.
    pub fn new(
        start: i64,
        churned: i64,
        contraction: i64,
        expansion: i64,
        reactivation: i64,
    ) -> Result<Self, MrrError> {
        let amount = |field, value: i64| {
            u64::try_from(value).map_err(|_| MrrError::Negative { field, value })
        };
        let movements = Self {
            start: amount("start", start)?,
            churned: amount("churned", churned)?,
            contraction: amount("contraction", contraction)?,
            expansion: amount("expansion", expansion)?,
            reactivation: amount("reactivation", reactivation)?,
        };
        // Each is at most i64::MAX, so the sum fits a u64.
        if movements.churned + movements.contraction > movements.start {
            return Err(MrrError::LossExceedsStart {
                start,
                churned,
                contraction,
            });
        }
        Ok(movements)
    }
}

/// MRR movements that cannot be.
///
/// ```
/// use satisfaction::churn::{MrrError, MrrMovements};
///
/// let err = MrrMovements::new(100, -1, 0, 0, 0).unwrap_err();
/// assert!(matches!(err, MrrError::Negative { field: "churned", value: -1, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
#[non_exhaustive]
pub enum MrrError {
    /// A negative MRR amount.
    #[error("{field} MRR is {value}: MRR amounts are in minor units (cents) and must be >= 0")]
    #[non_exhaustive]
    Negative {
        /// Which amount (start, churned, contraction, expansion, reactivation).
        field: &'static str,
        /// The rejected amount.
        value: i64,
    },
    /// Lost MRR larger than the MRR there was at the start.
    #[error(
        "churned ({churned}) plus contraction ({contraction}) MRR exceed the starting MRR \
         ({start}): a customer cannot lose more than it paid"
    )]
    #[non_exhaustive]
    LossExceedsStart {
        /// MRR at the start.
        start: i64,
        /// Churned MRR.
        churned: i64,
        /// Contraction MRR.
        contraction: i64,
    },
}

/// Revenue churn from MRR movements (ChartMogul's definitions), summed exactly.
///
/// Amounts are in minor currency units (cents), summed in `u128`: gross MRR churn = (churned +
/// contraction) / start MRR; net MRR churn = (churned + contraction − expansion −
/// reactivation) / start MRR (negative when expansion outgrows losses); net revenue retention
/// NRR = (start + expansion − contraction − churned) / start; gross revenue retention GRR =
/// (start − contraction − churned) / start. Revenue shares are weighted by money, not by
/// customers, so no binomial interval applies and none is given.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::churn::{MrrMovements, RevenueChurn};
///
/// let mut revenue = RevenueChurn::default();
/// revenue.push(MrrMovements::new(100_000_00, 3_000_00, 2_000_00, 6_000_00, 500_00)?);
/// let summary = revenue.summary().unwrap();
/// assert_eq!(summary.gross_churn(), 0.05);
/// assert_eq!(summary.net_churn(), -0.015);
/// assert_eq!(summary.net_revenue_retention(), 1.01);
/// assert_eq!(summary.gross_revenue_retention(), 0.95);
/// # Ok::<(), satisfaction::churn::MrrError>(())
/// ```
///
/// State: `size_of::<RevenueChurn>() == 96` bytes, pushing never allocates. Every sum is at
/// most `records × i64::MAX`, so no accessor can overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RevenueChurn {
    start: u128,
    churned: u128,
    contraction: u128,
    expansion: u128,
    reactivation: u128,
    records: u64,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(RevenueChurn, RevenueState);

impl RevenueChurn {
    /// Revenue churn from sums tallied elsewhere, in minor units, over `records` records.
    ///
    /// ```
    /// use satisfaction::Aggregator;
    /// use satisfaction::churn::RevenueChurn;
    ///
    /// let revenue = RevenueChurn::from_sums(3, 10_000, 500, 250, 1_000, 0)?;
    /// assert_eq!(revenue.summary().unwrap().gross_churn(), 0.075);
    /// assert!(RevenueChurn::from_sums(1, 100, 90, 20, 0, 0).is_err()); // lost more than start
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] for more than [`MAX_COUNT`](crate::MAX_COUNT) records;
    /// [`StateError::Inconsistent`] when a sum is larger than its records can hold (each is at
    /// most `i64::MAX`) or churned plus contraction exceed the starting MRR.
    pub fn from_sums(
        records: u64,
        start: u128,
        churned: u128,
        contraction: u128,
        expansion: u128,
        reactivation: u128,
    ) -> Result<Self, StateError> {
        crate::counts::checked_total("revenue churn", &[records])?;
        let bad = |problem: &str| StateError::Inconsistent {
            what: "revenue churn",
            problem: problem.to_owned(),
        };
        let limit = u128::from(records) * MAX_AMOUNT;
        if [start, churned, contraction, expansion, reactivation]
            .iter()
            .any(|&sum| sum > limit)
        {
            return Err(bad("a sum is larger than its records can hold"));
        }
        if churned + contraction > start {
            return Err(bad("churned plus contraction MRR exceed the starting MRR"));
        }
        Ok(Self {
            start,
            churned,
            contraction,
            expansion,
            reactivation,
            records,
        })
    }
}

impl Aggregator for RevenueChurn {
    type Input = MrrMovements;
    type Summary = RevenueChurnSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, m: MrrMovements) -> Result<(), Infallible> {
        // At most MAX_COUNT records of at most i64::MAX each: the sums stay below 2^126.
        self.start += u128::from(m.start);
        self.churned += u128::from(m.churned);
        self.contraction += u128::from(m.contraction);
        self.expansion += u128::from(m.expansion);
        self.reactivation += u128::from(m.reactivation);
        self.records = self.records.saturating_add(1);
        Ok(())
    }

    fn check(&self, _: &MrrMovements) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        check_merge_total(self.records, other.records)?;
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
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::churn::RevenueChurn;
///
/// let summary = RevenueChurn::from_sums(1, 10_000, 500, 250, 1_000, 0)?.summary().unwrap();
/// assert_eq!(
///     summary.to_string(),
///     "gross MRR churn 7.5%; net MRR churn -2.5%; NRR 102.5%; GRR 92.5%; MRR 10000 -> 10250 \
///      (minor units)"
/// );
/// # Ok::<(), satisfaction::StateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RevenueChurnSummary {
    sums: RevenueChurn,
}

impl RevenueChurnSummary {
    /// `numerator / start`, computed in `f64` (the sums can exceed `i128` when negated).
    fn share(&self, numerator: f64) -> f64 {
        numerator / self.sums.start as f64
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
        // Losses are at most the start, and every sum is below 2^126: no overflow.
        s.start - s.churned - s.contraction + s.expansion + s.reactivation
    }

    /// Gross MRR churn: (churned + contraction) / start, in [0, 1].
    #[must_use]
    pub fn gross_churn(&self) -> f64 {
        self.share((self.sums.churned + self.sums.contraction) as f64)
            .clamp(0.0, 1.0)
    }

    /// Net MRR churn: (churned + contraction − expansion − reactivation) / start; negative when
    /// expansion and reactivation outgrow the losses.
    #[must_use]
    pub fn net_churn(&self) -> f64 {
        let s = &self.sums;
        self.share((s.churned + s.contraction) as f64 - (s.expansion + s.reactivation) as f64)
            .min(1.0)
    }

    /// Net revenue retention: (start + expansion − contraction − churned) / start, at least 0.
    #[must_use]
    pub fn net_revenue_retention(&self) -> f64 {
        self.share(self.end_mrr() as f64 - self.sums.reactivation as f64)
            .max(0.0)
    }

    /// Gross revenue retention: (start − contraction − churned) / start, in [0, 1].
    #[must_use]
    pub fn gross_revenue_retention(&self) -> f64 {
        let s = &self.sums;
        self.share((s.start - s.contraction - s.churned) as f64)
            .clamp(0.0, 1.0)
    }
}

impl Summary for RevenueChurnSummary {
    fn metric(&self) -> &'static str {
        "gross MRR churn"
    }

    fn count(&self) -> u64 {
        self.sums.records
    }

    fn estimate(&self) -> f64 {
        self.gross_churn()
    }

    fn domain(&self) -> (f64, f64) {
        (0.0, 1.0)
    }

    /// None: revenue shares are weighted by money, not by customers.
    fn default_interval(&self, _level: ConfidenceLevel) -> Option<Interval> {
        None
    }

    fn default_method(&self) -> &'static str {
        "none (weighted by revenue)"
    }
}

impl Report for RevenueChurnSummary {
    type Method = ();

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 5] = [
            Column::share("gross_churn"),
            Column::share("net_churn"),
            Column::share("net_revenue_retention"),
            Column::share("gross_revenue_retention"),
            Column::count("records"),
        ];
        &COLUMNS
    }

    fn values(&self, _options: &ReportOptions<()>) -> Vec<Value> {
        vec![
            Value::Float(self.gross_churn()),
            Value::Float(self.net_churn()),
            Value::Float(self.net_revenue_retention()),
            Value::Float(self.gross_revenue_retention()),
            Value::Count(self.sums.records),
        ]
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
    use super::{MrrMovements, RevenueChurn, RevenueChurnSummary};

    /// The serialised form of [`MrrMovements`]: the amounts, checked on the way in.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct MovementsState {
        start: i64,
        churned: i64,
        contraction: i64,
        expansion: i64,
        reactivation: i64,
    }

    impl From<MrrMovements> for MovementsState {
        fn from(m: MrrMovements) -> Self {
            // Built from i64 amounts, so each fits.
            let amount = |a: u64| i64::try_from(a).unwrap_or(i64::MAX);
            Self {
                start: amount(m.start),
                churned: amount(m.churned),
                contraction: amount(m.contraction),
                expansion: amount(m.expansion),
                reactivation: amount(m.reactivation),
            }
        }
    }

    crate::state::from_form!(MovementsState => MrrMovements, crate::metrics::revenue_churn::MrrError, |s| {
        MrrMovements::new(
            s.start,
            s.churned,
            s.contraction,
            s.expansion,
            s.reactivation,
        )
    });

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
                version: crate::state::STATE_VERSION,
                records: r.records,
                start: r.start,
                churned: r.churned,
                contraction: r.contraction,
                expansion: r.expansion,
                reactivation: r.reactivation,
            }
        }
    }

    crate::state::from_state!(RevenueState => RevenueChurn, |s| {
        RevenueChurn::from_sums(
            s.records,
            s.start,
            s.churned,
            s.contraction,
            s.expansion,
            s.reactivation,
        )
    });

    impl crate::state::SerialSummary for RevenueChurnSummary {
        const WHAT: &'static str = "revenue churn summary";
        type State = RevenueChurn;

        fn state(&self) -> RevenueChurn {
            self.sums
        }
    }

    crate::state::serde_summary!(RevenueChurnSummary);
}

#[cfg(feature = "serde")]
use state::{MovementsState, RevenueState};

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_largest_sums_do_not_overflow_any_accessor() {
        let max = i64::MAX as u128 * crate::aggregator::MAX_COUNT as u128;
        let huge =
            RevenueChurn::from_sums(crate::aggregator::MAX_COUNT, max, 0, 0, max, max).unwrap();
        let s = huge.summary().unwrap();
        assert_eq!(s.end_mrr(), 3 * max);
        assert!(s.net_churn() <= -1.9 && s.net_revenue_retention() >= 1.9);
        assert!(RevenueChurn::from_sums(1, 0, 0, 0, max, 0).is_err());
    }
}
