//! Weighted surveys: design weights, raking to known margins, and honest intervals.
//!
//! Survey samples are never the population: business-class passengers, loyal customers and
//! enterprise accounts answer more often than the rest. Weighting each response (to the
//! customer mix, or by revenue for a "revenue-weighted NPS") corrects the estimate, and the
//! interval must then account for the weights too. This module computes both as R's `survey`
//! package (Lumley 2004, 2010) does for a one-stage design with weights only,
//! `svydesign(ids = ~1, weights = ~w)`, and is checked against it to 1e-9 (the tables are in
//! `tests/reference/weighting_*.csv`, written by `tests/reference/generate_weighting.R`).
//!
//! # Workflow
//!
//! 1. **Weights.** Use the weights you have (design weights, revenue), or compute them:
//!    [`Raking`] fits respondents' categorical attributes (class, gender, age band) to known
//!    population margins, as R's `rake()`; [`PostStratification`] matches one, possibly crossed,
//!    variable exactly, as R's `postStratify()`. Both start from weight 1 or, with
//!    `calibrate_weighted`, from design weights, and return weights that sum to the number of
//!    respondents.
//! 2. **Aggregate.** Push `(response, weight)` into a weighted aggregator: [`WeightedNps`],
//!    [`WeightedProportion`], [`WeightedCsat`], [`WeightedCes`]. They stream, merge
//!    (all or nothing, across threads and machines), group in [`Grouped`](crate::Grouped) and
//!    serialise like every aggregator of the crate.
//! 3. **Report.** Every summary has the weighted estimate, its linearised standard error,
//!    Kish's effective sample size and the design effect, and intervals by named methods.
//! 4. **Calibration-aware errors.** When the weights come from raking or post-stratification,
//!    fit once with `calibrate` (a [`Calibration`]) and estimate any number of variables with
//!    [`Calibration::proportion`], [`Calibration::mean`] and [`Calibration::nps`] (or call
//!    `calibrated_proportion` / `calibrated_mean` / `calibrated_nps`, which fit each time): R's
//!    standard error on the calibrated design, which accounts for the margins being known
//!    (usually smaller), next to the fixed-weight one.
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel};
//! use satisfaction::weighting::{Raking, WeightedMethod, WeightedNps};
//!
//! // Business travellers are 20% of passengers but half of the respondents.
//! let raking = Raking::builder()
//!     .margin("class", &[("business", 0.2), ("economy", 0.8)])
//!     .build()?;
//! let rows = [["business"], ["business"], ["business"], ["economy"], ["economy"], ["economy"]];
//! let scores = [10, 9, 9, 6, 8, 3];
//! let weights = raking.weights(&rows)?;
//!
//! let mut nps = WeightedNps::default();
//! for (&score, &w) in scores.iter().zip(&weights) {
//!     nps.try_push(score, w)?;
//! }
//! let summary = nps.summary().unwrap();
//! assert!((summary.score() - (20.0 - 80.0 * 2.0 / 3.0)).abs() < 1e-9); // not the raw +16.7
//! println!("{summary}"); // weighted NPS, normal 95% CI, SE, n, Kish n, design effect
//!
//! // The standard error that knows the class mix was fixed by raking.
//! let calibrated = raking.calibrated_nps(&rows, &scores)?;
//! assert!(calibrated.standard_error() < calibrated.fixed_weight_standard_error());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The statistics
//!
//! For weights `wᵢ`, `W = Σ wᵢ` and n responses:
//!
//! | quantity | formula | R |
//! |---|---|---|
//! | estimate | `ȳ = Σ wᵢyᵢ / W` (NPS: y = −100 / 0 / +100; shares: y = 0 / 1) | `svymean` |
//! | standard error | `√( n/(n−1) · Σ wᵢ²(yᵢ − ȳ)² ) / W` (Taylor linearisation, with replacement) | `SE(svymean(...))` |
//! | Kish's effective n | `W² / Σ wᵢ²` (Kish 1965, §11.7) | |
//! | design effect | `n / effective n`: Kish's design effect due to weighting, ≥ 1 | |
//! | NPS and mean interval | `ȳ ± z · SE` | `confint(svymean(...))` |
//! | share interval | [`WeightedMethod`]: Wald, logit, Korn-Graubard, t on n − 1 df | `svyciprop(method = "mean" / "logit" / "beta")` |
//! | difference | `d ± z · √(SE₁² + SE₂²)`, z-test | `svycontrast` on a design stratified by sample |
//!
//! The state of each aggregator is, per bucket (a group, a point of the scale, yes or no), the
//! count, the sum of weights and the sum of squared weights: the standard error regroups as
//! `Σ_b Q_b (v_b − ȳ)²`, so nothing else is needed. The sums are compensated (two doubles each,
//! see `sums.rs`), so merging partial results in any order agrees with one pass to the last
//! bit or so (the tests hold merges to 1e-12 relative).
//!
//! A single response leaves no degree of freedom: its standard error is infinite and every
//! interval is the whole domain. Kish's design effect ignores how the weights relate to the
//! answers; the design effect of a particular estimate (R's `deff = TRUE`, a ratio of
//! variances) is not computed.
//!
//! # Which method when
//!
//! - Weights given (design, revenue): the weighted aggregators; report Kish's n next to n.
//! - Known population shares of one variable or one crossing: [`PostStratification`].
//! - Known shares of several variables but not of their crossing: [`Raking`]; trim extreme
//!   weights ([`RakingBuilder::trim`]) when the design effect is large.
//! - Shares: [`WeightedMethod::Logit`] by default; [`WeightedMethod::KornGraubard`] near 0 or 1
//!   or for small n; [`WeightedMethod::Wald`] only to reproduce a plain ± margin.
//! - After raking or post-stratification, quote the calibrated standard error; the fixed-weight
//!   one (what the weighted aggregators compute from the weights alone) is conservative.
//!
//! # Limits
//!
//! Weights lie in [`Weight::MIN`] ..= [`Weight::MAX`] (1e-100 to 1e100) so that their squares
//! and sums never overflow; anything else (0, negative, NaN, infinite, subnormal, 1e308) is a
//! [`WeightError`]. Clustered and stratified designs, finite population corrections and
//! replicate weights are out of scope: the design is one stage, with replacement.

mod buckets;
mod calibrated;
mod ces;
mod csat;
mod error;
mod interval;
mod nps;
mod poststratify;
mod proportion;
mod raking;
mod ratings;
mod shortcuts;
mod summary;
mod weight;

pub use crate::error::WeightError;
pub use calibrated::{CalibratedMean, CalibratedShare, Calibration};
pub use ces::{WeightedCes, WeightedCesSummary};
pub use csat::{WeightedCsat, WeightedCsatSummary};
pub use error::CalibrationError;
pub use interval::WeightedMethod;
pub use nps::{WeightedNps, WeightedNpsSummary};
pub use poststratify::{PostStratification, PostStratificationBuilder};
pub use proportion::{WeightedProportion, WeightedProportionSummary};
pub use raking::{Raking, RakingBuilder};
pub use weight::Weight;
