//! Customer-satisfaction and support metrics as exact, mergeable streaming aggregators, each
//! with an honest confidence interval.
//!
//! `satisfaction` turns raw survey answers and support events into the numbers a business runs
//! on (NPS, CSAT, CES, churn, abandonment, first response time, first contact resolution) for
//! Rust programs: survey back ends, helpdesk analytics, data pipelines. Inputs are typed and
//! validated, state is exact integer counts, partial results merge across threads and machines,
//! and every summary carries its sample size and a confidence interval by a named, cited method.
//!
//! # Overview
//!
//! | metric | aggregator | summary | default interval |
//! |---|---|---|---|
//! | Net Promoter Score | [`Nps`] | [`NpsSummary`] | adjusted Wald (Rocks 2016) |
//! | CSAT satisfied share and mean | [`Csat`] | [`CsatSummary`] | Wilson (1927); Student t |
//! | Customer Effort Score | [`Ces`] | [`CesSummary`] | Student t; Wilson |
//! | Logo churn and retention | [`Churn`] | [`ChurnSummary`] | Wilson; Garwood for rates per exposure |
//! | Revenue churn, NRR, GRR | [`RevenueChurn`] | [`RevenueChurnSummary`] | none (dollar-weighted) |
//! | Queue abandonment | [`Abandonment`] | [`AbandonmentSummary`] | Wilson |
//! | First response time | [`FirstResponseTime`] | [`FirstResponseTimeSummary`] | order statistics; Wilson for the SLA share |
//! | First contact resolution | [`FirstContactResolution`] | [`FcrSummary`] | Wilson |
//!
//! Weighted surveys (design or revenue weights, raking to known margins, R `survey`-exact
//! intervals and Kish's effective sample size) are in [`weighting`].
//!
//! Every aggregator implements one trait, [`Aggregator`]: [`push`](Aggregator::push) a validated
//! observation, [`merge`](Aggregator::merge) another partial state, read a
//! [`summary`](Aggregator::summary) without consuming anything.
//!
//! # Example
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, Csat, Nps, NpsMethod};
//!
//! // Raw scores are validated; a bad one is an error, and nothing is recorded.
//! let mut nps = Nps::default();
//! nps.try_extend_from_slice(&[10, 9, 8, 10, 3, 9, 7, 6, 10, 9])?;
//! assert!(nps.try_push(11).is_err());
//!
//! let summary = nps.summary().expect("ten answers");
//! assert_eq!(summary.score(), 40.0);
//! let ci = summary.interval(ConfidenceLevel::new(0.9)?, NpsMethod::AdjustedWald);
//! println!("{summary}"); // NPS +40.0 (95% CI ... adjusted Wald; n = 10: ...)
//! println!("90% interval: {ci:.1}");
//!
//! let mut csat = Csat::default(); // 1-5, satisfied from 4
//! csat.try_extend_from_slice(&[5, 4, 3, 5, 5])?;
//! assert_eq!(csat.summary().unwrap().satisfied_share(), 0.8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Support operations work the same way:
//!
//! ```
//! use std::time::Duration;
//! use satisfaction::{Aggregator, FirstResponse, FirstResponseTime};
//!
//! let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
//! frt.push(FirstResponse::from_unix_seconds(1_764_000_000, Some(1_764_001_200))?); // 20 min
//! frt.push(FirstResponse::from_unix_seconds(1_764_000_000, None)?); // unanswered: counted only
//! assert!(FirstResponse::from_unix_seconds(1_764_000_000, Some(1_763_999_999)).is_err());
//! let summary = frt.summary().unwrap();
//! assert_eq!((summary.answered(), summary.unanswered(), summary.within_target()), (1, 1, Some(1)));
//! # Ok::<(), satisfaction::DurationError>(())
//! ```
//!
//! # Merging across threads and machines
//!
//! State is integer counts, so merging is exact and order-free: aggregate each shard anywhere,
//! then merge. With the `serde` feature the partial state serialises (versioned, validated on
//! the way in), so a remote worker can ship it to a reducer:
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use satisfaction::{Aggregator, Nps};
//!
//! let mut worker = Nps::default();
//! worker.try_extend_from_slice(&[10, 9, 2])?;
//! let wire = serde_json::to_string(&worker)?;
//! assert_eq!(wire, r#"{"version":2,"detractors":1,"passives":0,"promoters":2}"#);
//!
//! let mut reducer = Nps::default();
//! reducer.merge(&serde_json::from_str(&wire)?)?;
//! assert_eq!(reducer, worker);
//!
//! // A corrupted or foreign state is an error, never a wrong answer.
//! assert!(serde_json::from_str::<Nps>(r#"{"version":1,"detractors":1,"passives":0,"promoters":2}"#).is_err());
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Intervals
//!
//! [`interval`] holds the methods, usable on their own: binomial proportions by six named
//! methods ([`interval::ProportionMethod`]), Student t for means, three NPS methods
//! ([`NpsMethod`]), the Garwood interval for Poisson rates ([`interval::poisson_rate`]) and
//! distribution-free intervals for quantiles ([`interval::quantile_ranks`]). Each method's documentation says when to prefer it, and bounds are always
//! clamped to the metric's domain. The module docs carry the coverage table that explains why
//! Wald is never the default.
//!
//! # Panics and error handling
//!
//! No public function panics on any input. Errors are specific:
//!
//! | what went wrong | error | state afterwards |
//! |---|---|---|
//! | a score off its scale | [`ScoreError`] | unchanged |
//! | a bad value inside a batch | [`BatchError`] with its index | unchanged: all or nothing |
//! | an impossible scale or threshold | [`ScaleError`] | nothing built |
//! | a level outside (0, 1), NaN, infinite | [`LevelError`] | nothing computed |
//! | successes > trials, zero trials, exposure ≤ 0 | [`IntervalError`] | nothing computed |
//! | a quantile outside [0, 1] | [`QuantileError`] | nothing computed |
//! | a reply before its ticket, negative or NaN seconds | [`DurationError`] | nothing built |
//! | churn without a start, negative MRR | [`ChurnError`] | nothing built |
//! | a sketch accuracy outside [0.0001, 0.5] | [`AccuracyError`] | nothing built |
//! | merging differently configured aggregators, or past [`MAX_COUNT`] | [`MergeError`] | unchanged |
//! | corrupted, foreign or future-version serialised state | [`StateError`] (via serde or `from_bytes`) | nothing built |
//!
//! Empty input is `None`, never NaN or 0.
//!
//! # Limitations
//!
//! - An aggregator holds at most [`MAX_COUNT`] (2^63 − 1) observations; merges and batches past
//!   it fail.
//! - Rating scales have at most 11 points.
//! - Durations are whole nanoseconds up to `u64::MAX` (584 years); longer ones are recorded as
//!   that. Response-time quantiles are within the sketch's relative accuracy (1% by default),
//!   not exact; counts, minimum, maximum, mean and SLA attainment are exact.
//! - First response time is calendar time; business hours are not modelled yet.
//!
//! # In SQL and on a cluster
//!
//! With the `datafusion` feature every aggregator is also an Apache DataFusion aggregate
//! function (`nps(score)`, `csat(rating)`, `frt(seconds, 3600)`, ...) returning a struct with
//! the estimate, its interval and the counts, with `*_state` / `*_merge` twins for exact
//! rollups; the module `datafusion` (documented when the feature is on) has the list. Its
//! partial states are the same exact counts and versioned sketch bytes as here, so a
//! distributed engine can ship them between machines: with the `ballista` feature,
//! `datafusion::local_cluster` runs the functions on an Apache Ballista scheduler and executors.
//!
//! # Features
//!
//! - `serde`: `Serialize`/`Deserialize` for aggregators (their partial state) and summaries.
//!   The format is versioned ([`STATE_VERSION`]) and pinned by golden files.
//! - `datafusion`: the aggregators as DataFusion 55 aggregate functions (needs Rust 1.94+; the
//!   default build needs 1.89).
//! - `ballista`: `datafusion` plus an in-process Apache Ballista 55 cluster for distributed
//!   queries and tests.
//! - `calendar`: local time and business hours (module `calendar`, documented when the feature
//!   is on): IANA time zones from a bundled tzdb, periods in a zone
//!   (`Period::containing_in`), business calendars with `business_duration`, and timestamp
//!   parsing. Built on `jiff`, whose types stay out of the API.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![warn(rust_2018_idioms, missing_debug_implementations)]

mod aggregator;
#[cfg(feature = "calendar")]
#[cfg_attr(docsrs, doc(cfg(feature = "calendar")))]
pub mod calendar;
mod counts;
#[cfg(feature = "datafusion")]
pub mod datafusion;
mod display;
mod error;
mod group;
pub mod interval;
mod metrics;
mod monitor;
mod period;
mod rank;
mod ratings;
mod scale;
mod share;
mod sketch;
mod state;
mod summary;
mod survey;
mod time;
pub mod weighting;

pub use aggregator::{Aggregator, merge_all};
pub use counts::{MAX_COUNT, RawScore};
pub use error::{
    BatchError, CompareError, InputError, MergeError, ParseScoreError, ScoreError, Setting,
    StateError,
};
pub use group::{Grouped, GroupedSummary};
pub use interval::{
    ConfidenceLevel, Difference, Interval, IntervalError, LevelError, NpsMethod, ProportionMethod,
    QuantileError,
};
pub use metrics::abandonment::{Abandonment, AbandonmentSummary, QueuedContact};
pub use metrics::ces::{Ces, CesSummary};
pub use metrics::choice::{OptionCounts, OptionSummary, OptionsError};
pub use metrics::churn::{
    Churn, ChurnError, ChurnSummary, CustomerPeriod, compound_churn, per_period_churn,
};
pub use metrics::csat::{Csat, CsatSummary};
pub use metrics::fcr::{FcrSummary, FirstContactResolution, OneTouchRule, Ticket, TicketError};
pub use metrics::frt::{
    Clock, FirstResponse, FirstResponseTime, FirstResponseTimeSummary, Milestone, UnansweredPolicy,
};
pub use metrics::health::{
    Contribution, EdgeRule, HealthAggregate, HealthAggregateSummary, HealthBand, HealthBands,
    HealthError, HealthModel, HealthModelBuilder, HealthScore, Measure, MissingPolicy,
    Normalisation,
};
pub use metrics::nps::{Nps, NpsBand, NpsSummary};
pub use metrics::proportion::{Proportion, ProportionSummary};
pub use metrics::response_rate::ResponseRate;
pub use metrics::revenue_churn::{MrrError, MrrMovements, RevenueChurn, RevenueChurnSummary};
pub use monitor::{Check, Monitor, Rule};
pub use period::{Granularity, Period, PeriodError};
pub use rank::rank_by_lower_bound;
pub use scale::{CesScale, NpsCategory, NpsScore, Polarity, Rating, RatingScale, ScaleError};
pub use sketch::{AccuracyError, DurationSketch};
pub use state::STATE_VERSION;
pub use summary::{Column, ColumnKind, Report, ReportOptions, Sequential, Summary, Value};
pub use survey::{
    Answer, Question, QuestionKind, QuestionSummary, RejectReason, Response, ResponseError,
    Scorecard, ScorecardSummary, Survey, SurveyBuilder, SurveyError, ValidationMode,
};
pub use time::{
    DurationError, EARLIEST_TIMESTAMP, HumanDuration, LATEST_TIMESTAMP, TimestampError,
};
