//! Retention curves: how long customers stay, by segment and cohort, with honest intervals.
//!
//! A churn rate answers "how many left this month". The questions after it are about time:
//! how long does a customer stay (the median lifetime), what share is still here after 12
//! months, do annual-contract customers stay longer, is the March cohort retaining worse than
//! January's. The answer is survival analysis with censoring: a customer who is still active
//! has not churned *yet*, and dropping them or counting them as churned both bias the curve.
//!
//! | what | type or function | follows |
//! |---|---|---|
//! | the curve, as an exact mergeable aggregator of lifetimes | [`KaplanMeier`] (input [`Lifetime`]) | Kaplan & Meier (1958) |
//! | S(t), its standard error, the number at risk, intervals | [`KaplanMeierSummary`], [`SurvivalInterval`] | R `survfit`, `summary.survfit` (Greenwood 1926) |
//! | the median lifetime and other quantiles, with limits | [`KaplanMeierSummary::median`], [`median_interval`](KaplanMeierSummary::median_interval), [`quantiles`](KaplanMeierSummary::quantiles) | R `quantile.survfit` (Brookmeyer & Crowley 1982) |
//! | restricted mean lifetime to a horizon | [`KaplanMeierSummary::restricted_mean`] | R `print(fit, rmean = )` (Miller 1981) |
//! | lifetime value over a horizon, discounted | [`KaplanMeierSummary::lifetime_value`], [`LifetimeValue`] | delta method on the Greenwood covariance |
//! | do segments differ? | [`log_rank`], [`LogRank`]; `Grouped<Segment, KaplanMeier>` for a curve each | R `survdiff` (Mantel 1966) |
//! | cohorts by start period, share retained after k periods | [`CohortRetention`], [`RetentionGrid`] | customer records, anniversaries |
//! | the curves as a chart (feature `chart`) | `chart::survival`, `chart::retention_grid` | |
//!
//! # Walk-through
//!
//! Durations are whole periods (days, weeks or months: the caller's unit) with a flag: churned
//! (an event) or still active (censored, observed that long). A curve per plan, its median
//! lifetime, 12-month retention, 24-month lifetime value and the log-rank test:
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, Grouped};
//! use satisfaction::retention::{log_rank, KaplanMeier, SurvivalInterval};
//!
//! let mut by_plan: Grouped<&str, KaplanMeier> = Grouped::default();
//! by_plan.entry("monthly").try_extend_from_slices(
//!     &[1, 2, 2, 3, 4, 4, 6, 7, 9, 12, 14, 15],
//!     &[true, true, false, true, true, true, false, true, true, true, false, false],
//! )?;
//! by_plan.entry("annual").try_extend_from_slices(
//!     &[5, 12, 12, 13, 18, 24, 24, 26, 30, 36],
//!     &[false, true, false, true, false, true, false, false, true, false],
//! )?;
//!
//! let (level, method) = (ConfidenceLevel::P95, SurvivalInterval::Log);
//! for (plan, km) in by_plan.iter() {
//!     let curve = km.summary().expect("customers");
//!     let median = curve.median();                       // None: not reached yet
//!     let (low, high) = curve.median_interval(level, method);
//!     let twelve = curve.interval_at(12, level, method);
//!     let ltv = curve.lifetime_value(24, 49.0, 0.01)?;   // 49 a month, 1% a month
//!     println!("{plan}: median {median:?} ({low:?} to {high:?}), 12 months {:.2} [{:.2}, {:.2}], {ltv}",
//!              curve.survival_at(12), twelve.lower(), twelve.upper());
//! }
//! let curves: Vec<_> = by_plan.iter().map(|(_, km)| km.summary().unwrap()).collect();
//! let test = log_rank(&curves)?;
//! println!("{test}");
//! assert_eq!(test.df(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Cohorts come from customer records (start, end or still active, as of an instant):
//! [`CohortRetention`] counts each customer's lifetime in whole periods from their own start
//! (anniversaries: see [`Lifetime::between`]) and groups customers by the period they started
//! in; its grid leaves a cell empty, and says why, where a cohort has not lived that long.
//!
//! # Agreement with R
//!
//! Every number is checked against R 4.2.2 with `survival` 3.5-3 on the fixtures in
//! `tests/reference/retention/` (ties, censoring at churn durations, a curve that ends at 0,
//! one that never reaches one half, flat stretches at exactly one half, 100,000 customers):
//! survival, standard errors, the three interval types at two levels, numbers at risk,
//! quantiles and their limits, restricted means and the log-rank statistic and p-value agree
//! to 1e-9 relative, and most to the last bit. Two documented differences: where S(t) = 1 the
//! log-log interval is `[1, 1]` (survival 3.5-3 gives `NA`, later versions `[1, 1]`), and where
//! S(t) = 0 [`KaplanMeierSummary::std_err_at`] is 0 and
//! [`interval_at`](KaplanMeierSummary::interval_at) is `[0, 0]` where R reports `NaN` and `NA`
//! ([`checked_interval_at`](KaplanMeierSummary::checked_interval_at) returns `None` there).
//!
//! # Limitations
//!
//! - Durations are whole periods from 0 to [`MAX_DURATION`]; a lifetime in days and one in
//!   months must not be mixed in one curve (nothing can tell them apart).
//! - A curve holds at most [`MAX_COUNT`](crate::MAX_COUNT) customers. Its memory grows with
//!   the number of distinct durations (see [`KaplanMeier`]); a cap bounds it.
//! - Right censoring only (customers observed from their start): no late entry (left
//!   truncation), no competing risks, no covariates (no Cox model). Censoring is assumed
//!   independent of churn, as in every Kaplan-Meier curve.
//! - Past the last observed duration the curve is carried forward, as R does; the restricted
//!   mean and lifetime value to a horizon past it extrapolate
//!   ([`LifetimeValue::extrapolated`]).

mod cohort;
mod curve;
mod interval;
mod kaplan_meier;
mod lifetime;
mod log_rank;
mod quantile;
mod state;
mod value;

pub use cohort::{
    CellStatus, CohortRetention, CohortRow, MAX_GRID_PERIODS, RetentionCell, RetentionGrid,
};
pub use curve::{CurveStep, KaplanMeierSummary, SurvivalPoint};
pub use interval::SurvivalInterval;
pub use kaplan_meier::KaplanMeier;
pub use lifetime::{Lifetime, LifetimeError, MAX_DURATION};
pub use log_rank::{LogRank, LogRankError, MAX_GROUPS, log_rank};
pub use quantile::LifetimeQuantile;
pub use value::{LifetimeValue, LifetimeValueError, MAX_MARGIN};
