//! Customer-satisfaction and support metrics as exact, mergeable streaming aggregators, each
//! with an honest confidence interval.
//!
//! `satisfaction` turns raw survey answers and support events into the numbers a business runs
//! on (NPS, CSAT, CES, churn, abandonment, first response time, first contact resolution,
//! customer health) for Rust programs: survey back ends, helpdesk analytics, data pipelines.
//! Inputs are typed and validated, state is exact integer counts wherever the metric allows,
//! partial results merge across threads and machines, and every summary carries its sample size
//! and a confidence interval by a named, cited method.
//!
//! # Overview
//!
//! New here? Read the [`tutorial`] (one survey from declaration to SQL, every step compiled)
//! or pick a recipe from the [`cookbook`].
//!
//! | family | what it does | start with |
//! |---|---|---|
//! | survey metrics | NPS, CSAT, CES, yes/no and option shares, each with its interval | [`Nps`], [`Csat`], [`Ces`], [`Proportion`], [`OptionCounts`] |
//! | support operations | first response and resolution time (with SLA), first contact resolution, queue abandonment | [`FirstResponseTime`], [`FirstContactResolution`], [`Abandonment`] |
//! | health | customer health scores, logo and revenue churn | [`HealthModel`], [`HealthAggregate`], [`Churn`], [`RevenueChurn`](crate::churn::RevenueChurn) |
//! | retention | Kaplan-Meier curves of customer lifetimes (median lifetime, retention after k periods, restricted mean, lifetime value), log-rank tests, cohort grids; as R `survival` | [`retention`], [`retention::KaplanMeier`], [`retention::log_rank`], [`retention::CohortRetention`] |
//! | surveys and scorecards | a declared questionnaire scored in one pass, strictly or leniently | [`Survey`], [`SurveyBuilder`](crate::survey::SurveyBuilder), [`Scorecard`] |
//! | segments and periods | one aggregator per channel, agent, day, week or month | [`Grouped`], [`Period`], [`Granularity`] |
//! | key drivers | which survey items move the score: LMG, relative weights, bootstrap intervals, importance-performance quadrants | [`drivers`], [`drivers::KeyDrivers`] |
//! | comparisons and planning | differences with p-values, fair rankings, sample sizes | [`Difference`], [`GroupedSummary::changes`], [`rank_by_lower_bound`](crate::summary::rank_by_lower_bound), [`interval::nps_sample_size`] |
//! | significance across a table | each period against the one before, each segment against the rest, corrected for multiplicity (Holm, Benjamini-Hochberg) | [`compare`], [`compare::Significance`], [`compare::Comparisons`] |
//! | crosstabs | answers or NPS groups by segment, column shares, SPSS column-proportion letters | [`crosstab`], [`crosstab::Crosstab`], [`crosstab::CrosstabSummary`] |
//! | tables out (features `csv`, `xlsx`) | any summary table with per-cell formats, to CSV and Excel | [`table`], [`table::Table`] |
//! | intervals | the interval methods on their own | [`interval`], [`ConfidenceLevel`], [`NpsMethod`], [`ProportionMethod`] |
//! | monitoring | watch a metric every day without inflating false alarms | [`Monitor`](crate::monitor::Monitor), [`Rule`](crate::monitor::Rule) |
//! | weighting | weighted estimates, raking and post-stratification to known margins | [`weighting`], [`weighting::WeightedNps`], [`weighting::Raking`] |
//! | calendar (feature `calendar`) | local periods, business hours, timestamp parsing | [`calendar`], [`calendar::Zone`], [`calendar::BusinessCalendar`] |
//! | import (feature `csv`) | Qualtrics, SurveyMonkey, Typeform, one-header and ticket exports | [`import`], [`import::SurveyImport`], [`import::TicketImport`] |
//! | charts (feature `chart`) | SVG trends with interval bands and significance marks, NPS bars, rankings | [`chart`], [`chart::trend`], [`chart::trend_marked`], [`chart::nps_bars`], [`chart::ranking`] |
//! | reports (feature `report`) | one self-contained HTML page from the summaries: figures, trends, segments, crosstabs, drivers, retention, themes | [`report`], [`report::Report`] |
//! | comments (feature `text`) | VADER sentiment, themes as rules, themes against NPS, what detractors say that promoters don't | [`text`], [`text::sentiment`], [`text::ThemeTable`], [`text::WordContrast`] |
//! | SQL and cluster (features `datafusion`, `ballista`) | the aggregators as DataFusion aggregate functions, on Ballista | [`datafusion`], [`datafusion::register`] |
//! | batch speed (feature `simd`) | which instruction set the batch kernels run on, and forcing the baseline | [`simd`], [`simd::active`], [`simd::use_baseline`] |
//!
//! The metrics in detail:
//!
//! | metric | aggregator | summary | default interval |
//! |---|---|---|---|
//! | Net Promoter Score | [`Nps`] | [`NpsSummary`] | Tango score (1998); always contains the score |
//! | CSAT satisfied share and mean | [`Csat`] | [`CsatSummary`] | Wilson (1927); Student t |
//! | Customer Effort Score | [`Ces`] | [`CesSummary`] | Student t; Wilson |
//! | Logo churn and retention | [`Churn`] | [`ChurnSummary`] | Wilson; Garwood for rates per exposure |
//! | Revenue churn, NRR, GRR | [`RevenueChurn`](crate::churn::RevenueChurn) | [`RevenueChurnSummary`](crate::churn::RevenueChurnSummary) | none (dollar-weighted) |
//! | Queue abandonment | [`Abandonment`] | [`AbandonmentSummary`] | Wilson |
//! | First response / resolution time | [`FirstResponseTime`] | [`FirstResponseTimeSummary`] | order statistics; Wilson for the SLA share |
//! | First contact resolution | [`FirstContactResolution`] | [`FcrSummary`] | Wilson |
//! | Customer health | [`HealthModel`], [`HealthAggregate`] | [`HealthAggregateSummary`] | Student t; Wilson for the share at risk |
//! | Yes/no share, option shares | [`Proportion`], [`OptionCounts`] | [`ProportionSummary`], [`OptionSummary`] | Wilson |
//! | A whole survey | [`Scorecard`] over a [`Survey`] | [`ScorecardSummary`] | per question |
//! | Weighted NPS, CSAT, CES, shares | [`weighting`] | [`weighting::WeightedNpsSummary`], ... | R `survey`: normal, logit, Korn-Graubard |
//!
//! # The workflow
//!
//! 1. **Typed input.** A raw number becomes a typed value or an error naming it and the valid
//!    range: [`NpsScore`] (0..=10), a [`Rating`] of a declared [`RatingScale`], a
//!    [`FirstResponse`] from timestamps in [`EARLIEST_TIMESTAMP`](crate::time::EARLIEST_TIMESTAMP)..=[`LATEST_TIMESTAMP`](crate::time::LATEST_TIMESTAMP). The
//!    `try_push` and `try_extend_from_slice` shortcuts take any integer type and validate on
//!    the way in; a batch is all or nothing.
//! 2. **One trait.** Every aggregator implements [`Aggregator`]:
//!    [`record`](Aggregator::record) an input (or get it refused, nothing changed),
//!    [`merge`](Aggregator::merge) another partial state, read a
//!    [`summary`](Aggregator::summary) without consuming anything. Aggregators whose input can
//!    never be refused also have the infallible [`push`](Aggregator::push); for the others it
//!    does not compile, so nothing is ever dropped silently.
//! 3. **Segments and several metrics at once.** [`Grouped`] keeps one aggregator per key
//!    (channel, agent, [`Period`], a tuple of them), and a tuple of aggregators is an aggregator,
//!    so `Grouped<(String, Period), (Nps, Csat, FirstResponseTime)>` just works.
//! 4. **Summaries.** Every metric's summary implements [`Summary`] (estimate, n, domain, default
//!    interval and its method), most implement [`Sequential`](crate::summary::Sequential) (an anytime-valid confidence
//!    sequence, which [`Monitor`](crate::monitor::Monitor) watches), and [`Report`](crate::summary::Report) lists the named numbers that
//!    `Display`, serde and SQL all print, so they cannot disagree.
//! 5. **Ship and store.** With the `serde` feature every aggregator serialises its exact,
//!    versioned partial state, validated on the way back in as strictly as its constructor;
//!    every summary serialises as its report plus that state.
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, Csat, Nps, NpsMethod, Summary};
//!
//! // Raw scores are validated; a bad one is an error, and nothing is recorded.
//! let mut nps = Nps::default();
//! nps.try_extend_from_slice(&[10, 9, 8, 10, 3, 9, 7, 6, 10, 9])?;
//! assert!(nps.try_push(11).is_err());
//!
//! let summary = nps.summary().expect("ten answers");
//! assert_eq!(summary.score(), 40.0);
//! println!("{summary}"); // NPS +40.0 (95% CI ..., Tango score; n = 10: ...)
//! let ci = summary.default_interval(ConfidenceLevel::P95).unwrap();
//! assert!(ci.contains(summary.score())); // always, by construction
//! let wald = summary.interval(ConfidenceLevel::new(0.9)?, NpsMethod::Wald);
//! println!("90% Wald interval: {wald:.1}");
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
//! frt.push(FirstResponse::as_of(1_764_000_000, None, 1_764_009_000)?); // waiting 2.5 h: overdue
//! assert!(FirstResponse::from_unix_seconds(1_764_000_000, Some(1_763_999_999)).is_err());
//! let summary = frt.summary().unwrap();
//! assert_eq!((summary.answered(), summary.overdue(), summary.within_target()), (1, 1, Some(1)));
//! assert_eq!(summary.sla_attainment(), Some(0.5)); // the overdue ticket is a breach
//! # Ok::<(), satisfaction::time::DurationError>(())
//! ```
//!
//! Several metrics per segment, with configured prototypes:
//!
//! ```
//! use std::time::Duration;
//! use satisfaction::{Aggregator, Csat, FirstResponse, FirstResponseTime, Grouped, Nps, NpsScore};
//!
//! let prototype = (Nps::default(), Csat::default(), FirstResponseTime::with_target(Duration::from_secs(3600)));
//! let mut by_channel: Grouped<&str, _> = Grouped::new(prototype);
//! let (nps, csat, frt) = by_channel.entry("chat");
//! nps.push(NpsScore::new(9)?);
//! csat.try_push(4)?;
//! frt.push(FirstResponse::Answered(Duration::from_secs(600)));
//! assert_eq!(by_channel.iter().count(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Examples
//!
//! Each example runs from a clone of the repository; the data is embedded from
//! `examples/data/`.
//!
//! | example | what it shows | command |
//! |---|---|---|
//! | `quickstart` | NPS, CSAT and CES of a small sample, each with its interval | `cargo run --example quickstart` |
//! | `merge_threads` | partial states merged across threads (and as JSON with `serde`) | `cargo run --example merge_threads --features serde` |
//! | `trends` | per month and channel, month-over-month changes, sample sizes | `cargo run --example trends` |
//! | `monitor` | fixed-n intervals against anytime-valid confidence sequences | `cargo run --example monitor` |
//! | `weighted` | a sample raked to known margins, with honest intervals | `cargo run --example weighted` |
//! | `drivers` | key drivers of an airline survey: ranked items, intervals, quadrants | `cargo run --example drivers` |
//! | `churn` | cohort churn, churn per exposure, revenue churn | `cargo run --example churn` |
//! | `health` | accounts scored worst first, and the portfolio | `cargo run --example health` |
//! | `survey_report` | a Qualtrics export imported leniently and scored per channel | `cargo run --example survey_report --features csv` |
//! | `helpdesk` | FRT with its SLA, FCR and abandonment from ticket and call exports | `cargo run --example helpdesk --features csv` |
//! | `business_hours` | FRT and resolution time on the wall clock and in business hours | `cargo run --example business_hours --features csv` |
//! | `report` | the year's NPS, trend, channels, crosstab, drivers, retention and themes as one HTML page | `cargo run --example report --features report,text` |
//! | `comments` | sentiment by channel, themes against NPS, detractor and promoter words | `cargo run --example comments --features text` |
//! | `sql` | NPS and CSAT per channel in SQL, and daily rollups | `cargo run --example sql --features datafusion` |
//! | `distributed` | NPS per channel on an in-process Ballista cluster | `cargo run --example distributed --features ballista` |
//! | `cookbook_*` | the [`cookbook`]'s recipes, one file each | `cargo run --example cookbook_nps_interval` (see the cookbook) |
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
//! assert_eq!(wire, r#"{"version":3,"detractors":1,"passives":0,"promoters":2}"#);
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
//! ([`NpsMethod`]), the Garwood interval for Poisson rates ([`interval::poisson_rate`]),
//! distribution-free intervals for quantiles ([`interval::quantile_ranks`]), differences
//! (Newcombe, Welch, MOVER for NPS) and anytime-valid confidence sequences. Each method's
//! documentation says when to prefer it, and bounds are always clamped to the metric's domain.
//! The exact methods (Clopper-Pearson, Jeffreys, Garwood, order statistics) stay exact up to
//! [`MAX_COUNT`] observations: their Beta, Gamma and binomial tails are computed by TOMS 708 and
//! TOMS 654 (DiDonato & Morris, the algorithms behind R and scipy), checked against R and
//! 50-digit quadrature from n = 1 to 10¹⁸. A summary and its default interval cost well under
//! a microsecond at any n (`cargo bench --bench summaries`).
//!
//! # Panics and error handling
//!
//! No public function panics on any input. Errors are specific, one enum per concern:
//!
//! | what went wrong | error | state afterwards |
//! |---|---|---|
//! | a score off its scale | [`ScoreError`] (text: [`ParseScoreError`](crate::scale::ParseScoreError)) | unchanged |
//! | a bad value inside a batch | [`BatchError`] with its index | unchanged: all or nothing |
//! | a typed input made for another configuration (a 1-7 rating into a 1-5 CSAT) | [`InputError`] | unchanged |
//! | an impossible scale or threshold | [`ScaleError`](crate::scale::ScaleError) | nothing built |
//! | a level outside (0, 1), NaN, infinite | [`LevelError`](crate::interval::LevelError) | nothing computed |
//! | successes > trials, zero trials, exposure ≤ 0 | [`IntervalError`](crate::interval::IntervalError) | nothing computed |
//! | a quantile outside [0, 1] | [`QuantileError`](crate::interval::QuantileError) | nothing computed |
//! | a timestamp outside 1970..=9999, a reply before its ticket, negative or NaN seconds | [`TimestampError`](crate::time::TimestampError), [`DurationError`](crate::time::DurationError) | nothing built |
//! | churn without a start, impossible MRR movements | [`ChurnError`](crate::churn::ChurnError), [`MrrError`](crate::churn::MrrError) | nothing built |
//! | a lifetime past [`retention::MAX_DURATION`], an end before its start, too few curves to compare, a margin or rate that is not one | [`retention::LifetimeError`], [`retention::LogRankError`], [`retention::LifetimeValueError`] | unchanged; nothing computed |
//! | a sketch accuracy outside [0.0001, 0.5] | [`AccuracyError`](crate::error::AccuracyError) | nothing built |
//! | merging differently configured aggregators, or past [`MAX_COUNT`] | [`MergeError`] | unchanged |
//! | comparing differently configured summaries | [`CompareError`](crate::error::CompareError) | nothing computed |
//! | corrupted, foreign or other-version serialised state | [`StateError`] (via serde or `from_bytes`) | nothing built |
//! | a survey, response or health model that does not hold together | [`SurveyError`](crate::survey::SurveyError), [`ResponseError`](crate::survey::ResponseError), [`HealthError`](crate::health::HealthError) | nothing built or recorded |
//! | a period, zone, business calendar or weight that cannot be | [`PeriodError`](crate::period::PeriodError), `calendar::CalendarError`, [`weighting::WeightError`] | nothing built |
//! | a chart of nothing, of an impossible size, or of a value that cannot be plotted | `chart::ChartError` | nothing drawn |
//! | an export that cannot be read (wrong header, missing column, runaway record), or a refused cell | `import::ImportError`; refused cells in `import::ImportSummary` | what was recorded stays; a strict response with a refused cell records nothing |
//! | a theme rule that does not parse, a set of themes with two of one name | `text::RuleError` (with the byte position), `text::ThemeError` | nothing built |
//! | a comment past the word contrast's vocabulary cap, a compound score outside −1..=1 | `text::WordContrastError`, `text::CompoundError` | unchanged |
//!
//! Empty input is `None`, never NaN or 0.
//!
//! # Limitations
//!
//! - An aggregator holds at most [`MAX_COUNT`] (2^63 − 1) observations; merges, batches and
//!   serialised states past it are refused.
//! - Rating scales have at most 11 points; a multi-select question at most 64 options.
//! - Durations are whole nanoseconds up to `u64::MAX` (584 years); longer ones are recorded as
//!   that. Response-time quantiles are exact up to 1,024 answered tickets, then within the
//!   sketch's relative accuracy (1% by default); counts, minimum, maximum, mean and SLA
//!   attainment are always exact.
//! - Timestamps are Unix seconds in 1970..=9999. Periods are UTC in the default build; local
//!   periods and business hours need the `calendar` feature.
//! - Weighted estimates (the [`weighting`] module) are for one-stage designs with weights only:
//!   no clusters, strata or replicate weights.
//!
//! # In SQL and on a cluster
//!
//! With the `datafusion` feature every aggregator is also an Apache DataFusion aggregate
//! function (`nps(score)`, `csat(rating)`, `frt(seconds, 3600)`, ...) returning a struct with
//! the estimate, its interval and the counts (the columns of the summary's [`Report`](crate::summary::Report)), with
//! `*_state` / `*_merge` twins for exact rollups; the module `datafusion` (documented when the
//! feature is on) has the list. Its partial states are the same exact counts and versioned
//! sketch bytes as here, validated by the same constructors, so a distributed engine can ship
//! them between machines: with the `ballista` feature, `datafusion::local_cluster` runs the
//! functions on an Apache Ballista scheduler and executors.
//!
//! # Features
//!
//! - `serde`: `Serialize`/`Deserialize` for aggregators (their partial state) and summaries
//!   (their report and state). The format is versioned ([`STATE_VERSION`](crate::state::STATE_VERSION)) and pinned by golden
//!   files.
//! - `datafusion`: the aggregators as DataFusion 55 aggregate functions (needs Rust 1.94+; the
//!   default build needs 1.89).
//! - `ballista`: `datafusion` plus an in-process Apache Ballista 55 cluster for distributed
//!   queries and tests.
//! - `calendar`: local time and business hours (module `calendar`, documented when the feature
//!   is on): IANA time zones from a bundled tzdb, periods in a zone
//!   (`Period::containing_in`), business calendars with `business_duration` and
//!   `first_response` for business-hours FRT and resolution time, and timestamp parsing. Built
//!   on `jiff`, whose types stay out of the API.
//! - `simd`: run-time dispatch of the batch kernels (`try_extend_from_slice` on NPS, CSAT and
//!   CES from any integer column, the validation of `Grouped::try_extend_from_slices`, and the
//!   SQL functions' NULL-free columns) to AVX2, AVX-512 or NEON where the CPU has them, through
//!   `pulp`: about 2× the baseline for NPS and 3-5× for CSAT and CES, the same counts bit for
//!   bit, and the crate's own code stays free of `unsafe`. Module [`simd`] says which
//!   instruction set is in use and can force the baseline.
//! - `chart`: charts as SVG (module `chart`, documented when the feature is on): a trend of any
//!   summary with its interval band, NPS as stacked detractor / passive / promoter bars, and
//!   segments ranked by the lower bound of their interval. Built on `plotters` (SVG backend
//!   only, no font files), whose types stay out of the API.
//! - `csv`: reading exports (module `import`, documented when the feature is on): Qualtrics,
//!   SurveyMonkey, Typeform and one-header CSV files into a [`Scorecard`], streaming, with every
//!   refused cell reported by row and column; ticket and call exports into typed rows for
//!   [`FirstResponse`], [`Ticket`] and [`QueuedContact`]. Built on the `csv` crate, whose types
//!   stay out of the API; turns on `calendar` for the exports' timestamps.
//! - `text`: open-text comments (module `text`, documented when the feature is on): VADER
//!   sentiment equal to Python vaderSentiment 3.3.2 (its MIT-licensed lexicons embedded), theme
//!   rules after Qualtrics Text iQ, themes against NPS, and the word contrast of detractors and
//!   promoters (Monroe, Colaresi & Quinn 2008). No dependency.
//!
//! # Adding a metric
//!
//! The traits carry the obligations, so a forgotten step fails to compile or fails a generic
//! test rather than shipping quietly:
//!
//! 1. **The aggregator** (`src/metrics/<name>.rs`): implement [`Aggregator`] (input, summary,
//!    error, `record`, `check`, `merge`, `summary`, `count`; the compiler insists on each). Keep
//!    the state in `Counts<N>` or another exact form, with one validated constructor
//!    (`from_counts -> Result<_, StateError>`) that serde, `from_bytes` and SQL all go
//!    through. Configuration checks in `merge` use `error::same`.
//! 2. **The summary**: implement [`Summary`] and [`Report`](crate::summary::Report) (a share-shaped summary gets all
//!    three traits and its report from `share_summary!` with a column list), and
//!    [`Sequential`](crate::summary::Sequential) when the estimate is a mean of bounded values: [`Monitor`](crate::monitor::Monitor) and
//!    [`rank_by_lower_bound`](crate::summary::rank_by_lower_bound) then work with it unchanged.
//! 3. **Serde** (feature `serde`): the state through `#[serde(try_from = ...)]` into the
//!    validated constructor; the summary through `state::SerialSummary` and `serde_summary!`.
//! 4. **SQL** (feature `datafusion`): `BucketState` beside the metric (its bucket names and
//!    rule), and an `impl SqlMetric` in `datafusion/metrics.rs` (inputs, options, the row-to-input
//!    rule), listed in `datafusion::functions`. Result fields come from the [`Report`](crate::summary::Report).
//! 5. **Tests**: one `laws!` line in `tests/metrics/laws.rs` (merge laws, no silent drop, summary
//!    contract, serde round trip and tamper) and one golden file entry in
//!    `tests/metrics/serde_state.rs`.
//! 6. **Words**: a re-export in `lib.rs` and a row in the overview table above, the README
//!    glossary, the CHANGELOG.

// The overview links feature-gated modules; when a feature is off, the links point at docs.rs
// (which builds them) instead of breaking the `-D warnings` doc build.
#![cfg_attr(
    not(feature = "calendar"),
    doc = "",
    doc = "[`calendar`]: https://docs.rs/satisfaction/latest/satisfaction/calendar/index.html",
    doc = "[`calendar::Zone`]: https://docs.rs/satisfaction/latest/satisfaction/calendar/struct.Zone.html",
    doc = "[`calendar::BusinessCalendar`]: https://docs.rs/satisfaction/latest/satisfaction/calendar/struct.BusinessCalendar.html"
)]
#![cfg_attr(
    not(feature = "csv"),
    doc = "",
    doc = "[`import`]: https://docs.rs/satisfaction/latest/satisfaction/import/index.html",
    doc = "[`import::SurveyImport`]: https://docs.rs/satisfaction/latest/satisfaction/import/struct.SurveyImport.html",
    doc = "[`import::TicketImport`]: https://docs.rs/satisfaction/latest/satisfaction/import/struct.TicketImport.html"
)]
#![cfg_attr(
    not(feature = "chart"),
    doc = "",
    doc = "[`chart`]: https://docs.rs/satisfaction/latest/satisfaction/chart/index.html",
    doc = "[`chart::trend`]: https://docs.rs/satisfaction/latest/satisfaction/chart/fn.trend.html",
    doc = "[`chart::trend_marked`]: https://docs.rs/satisfaction/latest/satisfaction/chart/fn.trend_marked.html",
    doc = "[`chart::nps_bars`]: https://docs.rs/satisfaction/latest/satisfaction/chart/fn.nps_bars.html",
    doc = "[`chart::ranking`]: https://docs.rs/satisfaction/latest/satisfaction/chart/fn.ranking.html"
)]
#![cfg_attr(
    not(feature = "report"),
    doc = "",
    doc = "[`report`]: https://docs.rs/satisfaction/latest/satisfaction/report/index.html",
    doc = "[`report::Report`]: https://docs.rs/satisfaction/latest/satisfaction/report/struct.Report.html"
)]
#![cfg_attr(
    not(feature = "text"),
    doc = "",
    doc = "[`text`]: https://docs.rs/satisfaction/latest/satisfaction/text/index.html",
    doc = "[`text::sentiment`]: https://docs.rs/satisfaction/latest/satisfaction/text/fn.sentiment.html",
    doc = "[`text::ThemeTable`]: https://docs.rs/satisfaction/latest/satisfaction/text/struct.ThemeTable.html",
    doc = "[`text::WordContrast`]: https://docs.rs/satisfaction/latest/satisfaction/text/struct.WordContrast.html"
)]
#![cfg_attr(
    not(feature = "datafusion"),
    doc = "",
    doc = "[`datafusion`]: https://docs.rs/satisfaction/latest/satisfaction/datafusion/index.html",
    doc = "[`datafusion::register`]: https://docs.rs/satisfaction/latest/satisfaction/datafusion/fn.register.html"
)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![warn(rust_2018_idioms, missing_debug_implementations)]

mod aggregator;
#[cfg(feature = "calendar")]
#[cfg_attr(docsrs, doc(cfg(feature = "calendar")))]
pub mod calendar;
#[cfg(feature = "chart")]
#[cfg_attr(docsrs, doc(cfg(feature = "chart")))]
pub mod chart;
pub mod compare;
pub mod cookbook;
mod counts;
pub mod crosstab;
#[cfg(feature = "datafusion")]
#[cfg_attr(docsrs, doc(cfg(feature = "datafusion")))]
pub mod datafusion;
mod display;
pub mod drivers;
pub mod error;
mod group;
#[cfg(feature = "csv")]
#[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
pub mod import;
pub mod interval;
mod metrics;
pub mod monitor;
pub mod period;
mod ratings;
#[cfg(feature = "report")]
#[cfg_attr(docsrs, doc(cfg(feature = "report")))]
pub mod report;
pub mod retention;
pub mod scale;
mod share;
pub mod simd;
mod sketch;
pub mod state;
pub mod summary;
mod sums;
pub mod survey;
pub mod table;
#[cfg(feature = "text")]
#[cfg_attr(docsrs, doc(cfg(feature = "text")))]
pub mod text;
pub mod time;
pub mod tutorial;
pub mod weighting;
mod wire;

// The everyday types, at the root: the aggregators, their summaries and inputs, the scales,
// the interval choices, grouping, surveys, and the errors every caller meets. Everything else
// is grouped in a module named for its job, below.
pub use aggregator::{Aggregator, MAX_COUNT, TryPush, merge_all};
pub use counts::RawScore;
pub use error::{BatchError, InputError, MergeError, StateError};
pub use group::{Grouped, GroupedSummary};
pub use interval::{ConfidenceLevel, Difference, Interval, NpsMethod, ProportionMethod};
pub use metrics::abandonment::{Abandonment, AbandonmentSummary, QueuedContact};
pub use metrics::ces::{Ces, CesSummary};
pub use metrics::choice::{OptionCounts, OptionSummary};
pub use metrics::churn::{Churn, ChurnSummary, CustomerPeriod};
pub use metrics::csat::{Csat, CsatSummary};
pub use metrics::fcr::{FcrSummary, FirstContactResolution, Ticket};
pub use metrics::frt::{FirstResponse, FirstResponseTime, FirstResponseTimeSummary};
pub use metrics::health::{HealthAggregate, HealthAggregateSummary, HealthBand, HealthModel};
pub use metrics::nps::{Nps, NpsSummary};
pub use metrics::proportion::{Proportion, ProportionSummary};
pub use metrics::response_rate::ResponseRate;
pub use period::{Granularity, Period};
pub use scale::{CesScale, NpsCategory, NpsScore, Polarity, Rating, RatingScale, ScoreError};
pub use summary::Summary;
pub use survey::{Answer, Question, Response, Scorecard, ScorecardSummary, Survey};

pub mod churn {
    //! Churn beyond the logo count: revenue churn ([`RevenueChurn`]: gross and net MRR churn,
    //! NRR, GRR from [`MrrMovements`]), converting a churn rate between period lengths, and the
    //! errors of churn inputs. The logo-churn aggregator [`Churn`](crate::Churn) and its
    //! [`CustomerPeriod`](crate::CustomerPeriod) input are at the crate root.
    pub use crate::metrics::churn::{ChurnError, compound_churn, per_period_churn};
    pub use crate::metrics::revenue_churn::{
        MrrError, MrrMovements, RevenueChurn, RevenueChurnSummary,
    };
}

pub mod support {
    //! The configuration of the support-operations metrics and the sketch behind them: which
    //! [`Clock`] and [`Milestone`] a [`FirstResponseTime`](crate::FirstResponseTime) measures,
    //! what its SLA share does with unanswered tickets ([`UnansweredPolicy`]), which
    //! [`OneTouchRule`] first contact resolution applies, and [`DurationSketch`], the mergeable
    //! quantile sketch of durations (exact up to 1,024 of them). The aggregators and their
    //! inputs are at the crate root.
    pub use crate::metrics::fcr::{OneTouchRule, TicketError};
    pub use crate::metrics::frt::{Clock, Milestone, UnansweredPolicy};
    pub use crate::sketch::DurationSketch;
}

pub mod health {
    //! The parts of a weighted customer-health model: its builder, measures and their
    //! [`Normalisation`], the [`MissingPolicy`], the [`HealthBands`] and their [`EdgeRule`], one
    //! customer's [`HealthScore`] with each measure's [`Contribution`], and [`HealthError`].
    //! The model ([`HealthModel`](crate::HealthModel)), the band and the aggregate of many
    //! customers are at the crate root.
    pub use crate::metrics::health::{
        Contribution, EdgeRule, HealthBands, HealthError, HealthModelBuilder, HealthScore, Measure,
        MissingPolicy, Normalisation,
    };
}
