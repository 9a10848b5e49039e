//! The aggregators as native Apache DataFusion aggregate functions (feature `datafusion`), and
//! comment functions as scalar ones (with feature `text` too).
//!
//! [`register`] adds them to a `SessionContext`; [`functions`] and [`scalar_functions`] return
//! them as `AggregateUDF`s and `ScalarUDF`s for callers that build their own `SessionState` (a
//! distributed scheduler and its executors need exactly that).
//!
//! | SQL | result struct fields |
//! |---|---|
//! | `nps(score [, level [, method]])` | `score` (−100..100), `lower`, `upper`, `n`, `promoters`, `passives`, `detractors`, `missing` |
//! | `csat(score [, level [, method [, min, max, satisfied_from]]])` | `satisfied_share`, `lower`, `upper`, `mean`, `mean_lower`, `mean_upper`, `n`, `satisfied`, `missing` |
//! | `ces(score [, level [, method [, scale]]])` | `mean`, `mean_lower`, `mean_upper`, `low_effort_share`, `lower`, `upper`, `n`, `low_effort`, `missing` |
//! | `proportion(flag [, level [, method]])` | `share`, `lower`, `upper`, `n`, `yes`, `missing` |
//! | `churn(active_at_start, churned [, level [, method]])` | `rate`, `lower`, `upper`, `retention`, `customers_at_start`, `churned`, `acquired`, `customers_at_end`, `missing` |
//! | `abandonment(abandoned [, level [, method]])` | `rate`, `lower`, `upper`, `offered`, `abandoned`, `answered`, `missing` |
//! | `fcr(resolved, agent_replies, reopened [, level [, method [, rule]]])` | `rate`, `lower`, `upper`, `resolved`, `first_contact_resolved`, `unresolved`, `missing` |
//! | `frt(seconds [, target_seconds [, level [, accuracy]]])` | `median`, `median_lower`, `median_upper`, `p90`, `p95`, `mean`, `max` (seconds), `sla_share`, `sla_lower`, `sla_upper`, `answered`, `within_target`, `unanswered` |
//! | `sentiment_summary(text [, level [, method]])` (feature `text`) | `mean` (VADER compound, −1..1), `mean_lower`, `mean_upper`, `positive_share`, `positive_lower`, `positive_upper`, `neutral_share`, `neutral_lower`, `neutral_upper`, `negative_share`, `negative_lower`, `negative_upper`, `n`, `positive`, `neutral`, `negative`, `missing` |
//! | `key_drivers(outcome, driver_1 [, driver_2, ...])` | a list of one struct per driver: `driver`, `lmg`, `lmg_share`, `relative_weight`, `first`, `last`, `beta_squared`, `pratt`, `performance`, `rank`, `quadrant`, `r_squared`, `n`, `dropped` |
//! | `kaplan_meier(duration, churned [, level [, method]])` | a list of one struct per distinct duration (the retention curve, R's `survfit`): `time`, `at_risk`, `events` (churned), `censored`, `survival`, `std_err` (Greenwood), `lower`, `upper` (NULL where the survival is 0), `missing` |
//! | `median_lifetime(duration, churned [, level [, method]])` | `median`, `lower`, `upper` (Brookmeyer-Crowley; each NULL where the curve does not fall to one half), `n`, `events`, `missing` |
//!
//! Scalar functions (feature `text`), NULL for NULL text:
//!
//! | SQL | result |
//! |---|---|
//! | `sentiment(text)` | `Float64`: the comment's VADER compound score, −1..1, equal to Python vaderSentiment 3.3.2's |
//! | `theme(text, rule)` | `Boolean`: whether the comment matches the theme rule (`'wait* OR "on hold"'`: words, prefixes, phrases, `AND`, `OR`, `NOT`, parentheses), a string literal parsed once per call |
//!
//! Options are literals. Defaults: 95%; the Tango score interval for NPS; Wilson for shares and
//! rates (`method` is one of `'wilson'`, `'wald'`, `'wilson_cc'`, `'agresti_coull'`,
//! `'clopper_pearson'`, `'jeffreys'`; NPS takes `'score'`, `'adjusted_wald'`, `'wald'`); Student
//! t for means; CSAT on 1-5 satisfied from 4; CES on `'effort_5'` (or `'agreement_7'`, CES 2.0);
//! FCR under `'exactly_one_reply'` (or `'fewer_than_two_replies'`, Zendesk's rule); FRT without
//! an SLA target at 1% sketch accuracy, its median interval by order statistics (NULL when too
//! few tickets were answered for the level); Wilson for the sentiment shares; for retention
//! the log interval of the survival (R's default; `'log_log'` or `'plain'`). Short abandons are left out with a filter:
//! `abandonment(abandoned) FILTER (WHERE NOT (abandoned AND wait_seconds <= 5))`.
//!
//! SQL semantics: a row with a NULL input is skipped and counted in `missing` (for `frt` a NULL
//! reply time is an unanswered ticket, counted in `unanswered`); an out-of-range value is a query
//! error naming the value and the range (so is a churned customer who was not active at the
//! start); a group without values yields NULL, never 0 or NaN. For retention, a row is a
//! customer: `duration` is an integer column (whole periods from the customer's start to churn,
//! or observed so far when `churned` is false), a NULL duration or flag skips the row (counted
//! in `missing`), and a negative duration or one past
//! [`MAX_DURATION`](crate::retention::MAX_DURATION) is a query error naming the value. A theme
//! rule that does not parse is a planning error with the parser's message and position.
//!
//! **Partial state** of the bounded-scale functions is exact integer counts plus a format
//! version (and, for `csat` and `ces`, the scale the counts are on), so DataFusion's
//! multi-phase aggregation (and a distributed engine shipping states between machines) merges
//! exactly; grouped queries use a `GroupsAccumulator` (one flat vector of counts for all
//! groups). `frt`'s state is the tagged, versioned sketch bytes of
//! [`crate::FirstResponseTime::to_bytes`]; `sentiment_summary`'s is the comments per class and
//! the integer sums of the scores and their squares (in ten-thousandths, as `Decimal128(38, 0)`);
//! `key_drivers`', `kaplan_meier`'s and `median_lifetime`'s are their analysis' or curve's bytes
//! ([`crate::retention::KaplanMeier::to_bytes`], with the `missing` count). A state of another version or scale, with some
//! fields NULL, impossible totals or damaged bytes is a query error, never a wrong answer; a
//! state row that is NULL throughout carries nothing. An error fails the query (DataFusion
//! discards the accumulators), so no half-merged batch is ever reported.
//!
//! **Rollups**: every function `f` of the first table but `key_drivers`, `kaplan_meier` and
//! `median_lifetime` has `f_state(...)`, which returns the partial state as a
//! value that can be stored (a daily table in Parquet), and `f_merge(state [, options])`, which
//! combines stored states into the final struct, exactly, without rescanning raw rows. The
//! options of `f_merge` are those of `f` (`frt_merge` takes only the level: its target and
//! accuracy travel in the state); `csat_merge` and `ces_merge` must be given the scale their
//! states were made on. Extra option arguments are a planning error.
//!
//! **Distributed**: [`session_state`] (or [`register_on`]) gives a Ballista scheduler and its
//! executors the functions; with the `ballista` feature, `local_cluster` starts such a cluster
//! in the process (scheduler and executors on loopback).
//!
//! ```
//! # async fn demo() -> datafusion::error::Result<()> {
//! use datafusion::prelude::*;
//!
//! let ctx = SessionContext::new();
//! satisfaction::datafusion::register(&ctx)?;
//! let df = ctx
//!     .sql("SELECT nps(score)['score'] AS nps FROM (VALUES (10), (9), (3), (8)) AS t(score)")
//!     .await?;
//! df.show().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Retention: the curve, one row per step (`unnest`), and the median lifetime per plan:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! use datafusion::arrow::array::{Array, AsArray};
//! use datafusion::arrow::datatypes::{Float64Type, UInt64Type};
//! use datafusion::prelude::*;
//!
//! let ctx = SessionContext::new();
//! satisfaction::datafusion::register(&ctx)?;
//! ctx.sql(
//!     "CREATE VIEW customers AS SELECT * FROM (VALUES \
//!        ('monthly', 1, true), ('monthly', 2, true), ('monthly', 2, false), \
//!        ('monthly', 3, true), ('monthly', 5, false), ('annual', 12, false), \
//!        ('annual', 14, true), ('annual', 20, false), ('annual', 24, false)) \
//!        AS t(plan, months, churned)",
//! )
//! .await?;
//! let curve = ctx
//!     .sql(
//!         "SELECT s['time'] AS month, s['at_risk'] AS at_risk, s['survival'] AS survival, \
//!                 s['lower'] AS lower, s['upper'] AS upper \
//!          FROM (SELECT unnest(kaplan_meier(months, churned)) AS s \
//!                FROM customers WHERE plan = 'monthly')",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//! let at_risk = curve[0].column(1).as_primitive::<UInt64Type>();
//! assert_eq!(at_risk.values().to_vec(), [5, 4, 2, 1]); // months 1, 2, 3, 5
//! let survival = curve[0].column(2).as_primitive::<Float64Type>();
//! assert!((survival.value(2) - 0.3).abs() < 1e-12); // 0.8 × 3/4 × 1/2
//!
//! let medians = ctx
//!     .sql(
//!         "SELECT plan, m['median'] AS median, m['lower'] AS lower, m['upper'] AS upper, \
//!                 m['n'] AS n \
//!          FROM (SELECT plan, median_lifetime(months, churned, 0.9, 'log_log') AS m \
//!                FROM customers GROUP BY plan) ORDER BY plan",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//! let median = medians[0].column(1).as_primitive::<Float64Type>();
//! assert!(median.is_null(0)); // annual: two in three still there, no median yet
//! assert_eq!(median.value(1), 3.0); // monthly
//! # Ok(())
//! # }
//! ```
//!
//! Comments (feature `text`): each comment's sentiment and themes, and the sentiment per
//! channel with its intervals:
//!
//! ```
//! # #[cfg(feature = "text")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! use datafusion::arrow::array::AsArray;
//! use datafusion::arrow::datatypes::{Float64Type, UInt64Type};
//! use datafusion::prelude::*;
//!
//! let ctx = SessionContext::new();
//! satisfaction::datafusion::register(&ctx)?;
//! ctx.sql(
//!     "CREATE VIEW comments AS SELECT * FROM (VALUES \
//!        ('chat', 'Great service, thank you!'), ('chat', 'quick and friendly'), \
//!        ('phone', 'Waited 40 minutes on hold, terrible'), ('phone', NULL), \
//!        ('phone', 'still waiting for my refund')) AS t(channel, comment)",
//! )
//! .await?;
//! let rows = ctx
//!     .sql(
//!         "SELECT sentiment(comment) AS compound, \
//!                 theme(comment, 'wait* OR \"on hold\"') AS waiting FROM comments",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//! assert_eq!(rows[0].column(0).as_primitive::<Float64Type>().value(0), 0.784);
//! assert!(rows[0].column(1).as_boolean().value(2));
//!
//! let by_channel = ctx
//!     .sql(
//!         "SELECT channel, s['mean'] AS mean, s['mean_lower'] AS lower, \
//!                 s['negative_share'] AS negative, s['n'] AS n, s['missing'] AS missing \
//!          FROM (SELECT channel, sentiment_summary(comment) AS s FROM comments GROUP BY channel) \
//!          ORDER BY channel",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//! let missing = by_channel[0].column(5).as_primitive::<UInt64Type>();
//! assert_eq!((missing.value(0), missing.value(1)), (0, 1)); // chat, phone
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "text"))]
//! # fn main() {}
//! ```

#[cfg(feature = "ballista")]
mod cluster;
mod drivers;
mod groups;
mod input;
mod metric;
mod metrics;
mod output;
mod retention;
mod state;
#[cfg(feature = "text")]
mod text;
mod udaf;

use std::sync::Arc;

use datafusion::error::Result;
use datafusion::execution::{FunctionRegistry, SessionState, SessionStateBuilder};
use datafusion::logical_expr::{AggregateUDF, ScalarUDF};
use datafusion::prelude::SessionContext;

#[cfg(feature = "ballista")]
#[cfg_attr(docsrs, doc(cfg(feature = "ballista")))]
pub use cluster::local_cluster;

use retention::{Retention, RetentionUdaf};
use udaf::{Kind, MetricUdaf};

use crate::metrics::abandonment::Abandonment;
use crate::metrics::ces::Ces;
use crate::metrics::churn::Churn;
use crate::metrics::csat::Csat;
use crate::metrics::fcr::FirstContactResolution;
use crate::metrics::frt::FirstResponseTime;
use crate::metrics::nps::Nps;
use crate::metrics::proportion::Proportion;

/// The three functions of metric `M`: `name`, `name_state`, `name_merge`.
fn family<M>() -> [AggregateUDF; 3]
where
    M: metric::SqlMetric,
{
    [Kind::Final, Kind::State, Kind::Merge]
        .map(|kind| AggregateUDF::from(MetricUdaf::<M>::new(kind)))
}

/// Every aggregate function of the crate, for callers who assemble their own `SessionState`
/// (the scalar ones are [`scalar_functions`]).
#[must_use]
pub fn functions() -> Vec<AggregateUDF> {
    let families = [
        family::<Nps>(),
        family::<Csat>(),
        family::<Proportion>(),
        family::<Ces>(),
        family::<Churn>(),
        family::<Abandonment>(),
        family::<FirstContactResolution>(),
        family::<FirstResponseTime>(),
    ];
    #[cfg(feature = "text")]
    let families = families
        .into_iter()
        .chain([family::<crate::text::SentimentAggregate>()]);
    families
        .into_iter()
        .flatten()
        .chain([
            AggregateUDF::from(drivers::KeyDriversUdaf::new()),
            AggregateUDF::from(RetentionUdaf::new(Retention::Curve)),
            AggregateUDF::from(RetentionUdaf::new(Retention::Median)),
        ])
        .collect()
}

/// Every scalar function of the crate: `sentiment` and `theme` with the `text` feature, none
/// without it.
///
/// ```
/// let names: Vec<String> = satisfaction::datafusion::scalar_functions()
///     .iter()
///     .map(|f| f.name().to_owned())
///     .collect();
/// # #[cfg(feature = "text")]
/// assert_eq!(names, ["sentiment", "theme"]);
/// ```
#[must_use]
pub fn scalar_functions() -> Vec<ScalarUDF> {
    #[cfg(feature = "text")]
    {
        vec![
            ScalarUDF::from(text::SentimentUdf::new()),
            ScalarUDF::from(text::ThemeUdf::new()),
        ]
    }
    #[cfg(not(feature = "text"))]
    {
        Vec::new()
    }
}

/// Registers every function of the crate, aggregate and scalar, on any DataFusion function
/// registry: a `SessionState` being assembled for a distributed scheduler or executor, or a
/// `SessionContext`.
///
/// # Errors
///
/// Whatever the registry reports when it refuses a function.
///
/// # Example
///
/// ```
/// use datafusion::execution::SessionStateBuilder;
///
/// let mut state = SessionStateBuilder::new().with_default_features().build();
/// satisfaction::datafusion::register_on(&mut state)?;
/// assert!(state.aggregate_functions().contains_key("nps_merge"));
/// assert!(state.aggregate_functions().contains_key("kaplan_meier"));
/// # #[cfg(feature = "text")]
/// assert!(state.scalar_functions().contains_key("theme"));
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn register_on(registry: &mut dyn FunctionRegistry) -> Result<()> {
    for udaf in functions() {
        registry.register_udaf(Arc::new(udaf))?;
    }
    for udf in scalar_functions() {
        registry.register_udf(Arc::new(udf))?;
    }
    Ok(())
}

/// A `SessionState` with DataFusion's default features and every function of the crate,
/// aggregate and scalar: what a Ballista scheduler and each of its executors are built from.
///
/// # Example
///
/// ```
/// use datafusion::execution::FunctionRegistry;
/// use datafusion::prelude::SessionContext;
///
/// let ctx = SessionContext::new_with_state(satisfaction::datafusion::session_state());
/// assert!(ctx.udaf("nps").is_ok());
/// # #[cfg(feature = "text")]
/// assert!(ctx.udf("sentiment").is_ok());
/// ```
#[must_use]
pub fn session_state() -> SessionState {
    let mut state = SessionStateBuilder::new().with_default_features().build();
    for udaf in functions() {
        // A fresh state's registry accepts every function.
        let _ = state.register_udaf(Arc::new(udaf));
    }
    for udf in scalar_functions() {
        let _ = state.register_udf(Arc::new(udf));
    }
    state
}

/// Registers every function of the crate, aggregate and scalar, on `ctx`.
///
/// # Errors
///
/// None today; the `Result` leaves room for functions whose registration can fail.
pub fn register(ctx: &SessionContext) -> Result<()> {
    for udaf in functions() {
        ctx.register_udaf(udaf);
    }
    for udf in scalar_functions() {
        ctx.register_udf(udf);
    }
    Ok(())
}
