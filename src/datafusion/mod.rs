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
//! | `proportion(flag [, level [, method]])` | `share`, `lower`, `upper`, `n`, `yes`, `missing` |
//!
//! Defaults: 95%, adjusted Wald for NPS, Wilson for shares, Student t for the CSAT mean, CSAT on
//! 1-5 satisfied from 4. SQL semantics: NULL inputs are skipped and counted in `missing`; an
//! out-of-range score is a query error naming the value and the range; a group without values
//! yields NULL, never 0 or NaN.
//!
//! **Partial state** is exact integer counts plus a format version, so DataFusion's
//! multi-phase aggregation (and a distributed engine shipping states between machines) merges
//! exactly; a state of another version or with impossible totals is a query error. Grouped
//! queries use a `GroupsAccumulator` (one flat vector of counts for all groups).
//!
//! **Rollups**: `nps_state(score)` returns the partial state as a struct value that can be
//! stored (a daily table in Parquet), and `nps_merge(state)` combines stored states into the
//! final struct, exactly, without rescanning raw rows; likewise `csat_state` / `csat_merge` and
//! `proportion_state` / `proportion_merge`.
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

mod bounded;
#[cfg(feature = "ballista")]
mod cluster;
mod frt;
mod functions;

use std::sync::Arc;

use datafusion::error::Result;
use datafusion::execution::{FunctionRegistry, SessionState, SessionStateBuilder};
use datafusion::logical_expr::AggregateUDF;
use datafusion::prelude::SessionContext;

#[cfg(feature = "ballista")]
pub use cluster::local_cluster;

use bounded::{BoundedUdaf, Kind};
use functions::{
    AbandonmentMetric, CesMetric, ChurnMetric, CsatMetric, FcrMetric, NpsMetric, ProportionMetric,
};

/// Every aggregate function of the crate, for callers who assemble their own `SessionState`.
#[must_use]
pub fn functions() -> Vec<AggregateUDF> {
    let mut out = Vec::new();
    for kind in [Kind::Final, Kind::State, Kind::Merge] {
        out.push(AggregateUDF::from(BoundedUdaf::new(NpsMetric, kind)));
        out.push(AggregateUDF::from(BoundedUdaf::new(CsatMetric, kind)));
        out.push(AggregateUDF::from(BoundedUdaf::new(ProportionMetric, kind)));
        out.push(AggregateUDF::from(BoundedUdaf::new(CesMetric, kind)));
        out.push(AggregateUDF::from(BoundedUdaf::new(ChurnMetric, kind)));
        out.push(AggregateUDF::from(BoundedUdaf::new(
            AbandonmentMetric,
            kind,
        )));
        out.push(AggregateUDF::from(BoundedUdaf::new(FcrMetric, kind)));
        out.push(AggregateUDF::from(frt::FrtUdaf::new(kind)));
    }
    out
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
