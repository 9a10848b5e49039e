//! The aggregators as native Apache DataFusion aggregate functions (feature `datafusion`).
//!
//! [`register`] adds them to a `SessionContext`; [`functions`] returns them as
//! `AggregateUDF`s for callers that build their own `SessionState` (a distributed scheduler
//! and its executors need exactly that).
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
//!
//! Options are literals. Defaults: 95%; the Tango score interval for NPS; Wilson for shares and
//! rates (`method` is one of `'wilson'`, `'wald'`, `'wilson_cc'`, `'agresti_coull'`,
//! `'clopper_pearson'`, `'jeffreys'`; NPS takes `'score'`, `'adjusted_wald'`, `'wald'`); Student
//! t for means; CSAT on 1-5 satisfied from 4; CES on `'effort_5'` (or `'agreement_7'`, CES 2.0);
//! FCR under `'exactly_one_reply'` (or `'fewer_than_two_replies'`, Zendesk's rule); FRT without
//! an SLA target at 1% sketch accuracy, its median interval by order statistics (NULL when too
//! few tickets were answered for the level). Short abandons are left out with a filter:
//! `abandonment(abandoned) FILTER (WHERE NOT (abandoned AND wait_seconds <= 5))`.
//!
//! SQL semantics: a row with a NULL input is skipped and counted in `missing` (for `frt` a NULL
//! reply time is an unanswered ticket, counted in `unanswered`); an out-of-range value is a query
//! error naming the value and the range (so is a churned customer who was not active at the
//! start); a group without values yields NULL, never 0 or NaN.
//!
//! **Partial state** of the bounded-scale functions is exact integer counts plus a format
//! version (and, for `csat` and `ces`, the scale the counts are on), so DataFusion's
//! multi-phase aggregation (and a distributed engine shipping states between machines) merges
//! exactly; grouped queries use a `GroupsAccumulator` (one flat vector of counts for all
//! groups). `frt`'s state is the tagged, versioned sketch bytes of
//! [`crate::FirstResponseTime::to_bytes`]. A state of another version or scale, with some
//! fields NULL, impossible totals or damaged bytes is a query error, never a wrong answer; a
//! state row that is NULL throughout carries nothing. An error fails the query (DataFusion
//! discards the accumulators), so no half-merged batch is ever reported.
//!
//! **Rollups**: every function `f` has `f_state(...)`, which returns the partial state as a
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

#[cfg(feature = "ballista")]
mod cluster;
mod drivers;
mod groups;
mod input;
mod metric;
mod metrics;
mod output;
mod state;
mod udaf;

use std::sync::Arc;

use datafusion::error::Result;
use datafusion::execution::{FunctionRegistry, SessionState, SessionStateBuilder};
use datafusion::logical_expr::AggregateUDF;
use datafusion::prelude::SessionContext;

#[cfg(feature = "ballista")]
#[cfg_attr(docsrs, doc(cfg(feature = "ballista")))]
pub use cluster::local_cluster;

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

/// Every aggregate function of the crate, for callers who assemble their own `SessionState`.
#[must_use]
pub fn functions() -> Vec<AggregateUDF> {
    [
        family::<Nps>(),
        family::<Csat>(),
        family::<Proportion>(),
        family::<Ces>(),
        family::<Churn>(),
        family::<Abandonment>(),
        family::<FirstContactResolution>(),
        family::<FirstResponseTime>(),
    ]
    .into_iter()
    .flatten()
    .chain([AggregateUDF::from(drivers::KeyDriversUdaf::new())])
    .collect()
}

/// Registers every aggregate function on any DataFusion function registry: a `SessionState`
/// being assembled for a distributed scheduler or executor, or a `SessionContext`.
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
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn register_on(registry: &mut dyn FunctionRegistry) -> Result<()> {
    for udaf in functions() {
        registry.register_udaf(Arc::new(udaf))?;
    }
    Ok(())
}

/// A `SessionState` with DataFusion's default features and every function of the crate: what
/// a Ballista scheduler and each of its executors are built from.
///
/// # Example
///
/// ```
/// use datafusion::execution::FunctionRegistry;
/// use datafusion::prelude::SessionContext;
///
/// let ctx = SessionContext::new_with_state(satisfaction::datafusion::session_state());
/// assert!(ctx.udaf("nps").is_ok());
/// ```
#[must_use]
pub fn session_state() -> SessionState {
    let mut state = SessionStateBuilder::new().with_default_features().build();
    for udaf in functions() {
        // A fresh state's registry accepts every function.
        let _ = state.register_udaf(Arc::new(udaf));
    }
    state
}

/// Registers every aggregate function on `ctx`.
///
/// # Errors
///
/// None today; the `Result` leaves room for functions whose registration can fail.
pub fn register(ctx: &SessionContext) -> Result<()> {
    for udaf in functions() {
        ctx.register_udaf(udaf);
    }
    Ok(())
}
