//! Short recipes for single tasks.
//!
//! Each recipe compiles and runs as a doctest, and each but the SQL one is also an example
//! file (`examples/cookbook_<name>.rs`) that CI runs.
//!
//! For a walk through a whole case, read the [`tutorial`](crate::tutorial).
//!
//! | recipe | run it |
//! |---|---|
//! | [NPS with a 90% interval](#nps-with-a-90-interval) | `cargo run --example cookbook_nps_interval` |
//! | [CSAT top-2-box from a 1-7 scale](#csat-top-2-box-from-a-1-7-scale) | `cargo run --example cookbook_top2box` |
//! | [FRT p90 in business hours](#frt-p90-in-business-hours) | `cargo run --example cookbook_frt_business_hours --features calendar` |
//! | [Rank agents fairly (lower bound)](#rank-agents-fairly-lower-bound) | `cargo run --example cookbook_rank_agents` |
//! | [How many responses for ±5 points](#how-many-responses-for-5-points) | `cargo run --example cookbook_sample_size` |
//! | [Revenue-weighted NPS](#revenue-weighted-nps) | `cargo run --example cookbook_revenue_weighted` |
//! | [Ship state as JSON](#ship-state-as-json) | `cargo run --example cookbook_state_json --features serde` |
//! | [Daily rollups in SQL](#daily-rollups-in-sql) | `cargo run --example sql --features datafusion` (the full pattern) |
//!
//! # NPS with a 90% interval
//!
//! Any level between 0 and 1 works; the method is named at the call site. The Tango score interval
//! (the default) always contains the score and behaves at 0 and 100% promoters; Wald is there for
//! comparison with spreadsheets.
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsMethod};
//!
//! let mut nps = Nps::default();
//! nps.try_extend_from_slice(&[10, 9, 9, 8, 7, 10, 6, 3, 9, 10, 8, 9])?;
//! let summary = nps.summary().expect("twelve answers");
//! let level = ConfidenceLevel::new(0.9)?;
//! let ci = summary.interval(level, NpsMethod::default());
//! println!("NPS {:+.1}, 90% CI {:.1} ({})", summary.score(), ci, NpsMethod::default().name());
//! assert!(ci.contains(summary.score()));
//! let wald = summary.interval(level, NpsMethod::Wald);
//! println!("Wald for comparison: {wald:.1}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # CSAT top-2-box from a 1-7 scale
//!
//! Top-2-box means a 6 or a 7 counts as satisfied: declare the scale and the threshold, and the
//! satisfied share comes with a Wilson interval.
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, Csat, ProportionMethod, RatingScale};
//!
//! let mut csat = Csat::new(RatingScale::SEVEN_POINT, 6)?; // satisfied from 6: top two boxes
//! csat.try_extend_from_slice(&[7, 6, 5, 7, 4, 6, 7, 2, 6, 7])?;
//! assert!(csat.try_push(8).is_err()); // off the scale: refused, nothing recorded
//! let summary = csat.summary().expect("ten answers");
//! assert_eq!(summary.satisfied_share(), 0.7);
//! let ci = summary.share_interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
//! let share = 100.0 * summary.satisfied_share();
//! println!("top-2-box {share:.0}%, 95% CI {ci:.3}; mean {:.2}", summary.mean());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # FRT p90 in business hours
//!
//! A ticket that arrives on Friday evening and is answered on Monday morning waited minutes of
//! business time, not a weekend. Declare the team's calendar (feature `calendar`) and record
//! business-hours first responses; quantiles are within the sketch's 1% relative accuracy.
//!
//! Needs the `calendar` feature (the block below runs only with it).
//!
//! ```
//! # #[cfg(feature = "calendar")] {
//! use std::time::Duration;
//! use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
//! use satisfaction::{Aggregator, FirstResponseTime};
//! use satisfaction::support::Clock;
//!
//! let london = Zone::named("Europe/London")?;
//! let mut builder = BusinessCalendar::builder(london.clone());
//! let weekdays = [
//!     Weekday::Monday,
//!     Weekday::Tuesday,
//!     Weekday::Wednesday,
//!     Weekday::Thursday,
//!     Weekday::Friday,
//! ];
//! for day in weekdays {
//!     builder = builder.hours(day, "09:00", "17:30");
//! }
//! let calendar = builder.build()?;
//!
//! let report = london.parse_local("2026-12-01 12:00:00")?;
//! let tickets = [
//!     ("2026-11-27 17:00:00", "2026-11-30 09:20:00"), // Friday evening to Monday: 50 min
//!     ("2026-11-30 10:00:00", "2026-11-30 10:05:00"),
//!     ("2026-11-30 11:00:00", "2026-11-30 13:00:00"),
//!     ("2026-11-30 16:00:00", "2026-12-01 09:30:00"),
//! ];
//! let mut frt =
//!     FirstResponseTime::with_target(Duration::from_secs(3600)).on_clock(Clock::Business);
//! for (created, replied) in tickets {
//!     let (created, replied) = (london.parse_local(created)?, london.parse_local(replied)?);
//!     frt.push(calendar.first_response(created, Some(replied), report)?);
//! }
//! let summary = frt.summary().expect("four tickets");
//! println!("business-hours FRT: p90 {:.0?}, median {:.0?}", summary.p90(), summary.median());
//! assert!(summary.p90() < Duration::from_secs(3 * 3600));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Rank agents fairly (lower bound)
//!
//! Sorting by the raw share puts an agent with two perfect answers above one with ninety in a
//! hundred. [`rank_by_lower_bound`](crate::summary::rank_by_lower_bound) sorts by how good each agent is
//! *at least*, at the stated confidence.
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, Csat, Grouped, ProportionMethod};
//! use satisfaction::summary::rank_by_lower_bound;
//!
//! let mut by_agent: Grouped<&str, Csat> = Grouped::default();
//! by_agent.entry("Ana").try_extend_from_slice(&[5, 5])?; // 100% of 2
//! by_agent.entry("Ben").try_extend_from_slice(&[5; 90])?;
//! by_agent.entry("Ben").try_extend_from_slice(&[2; 10])?; // 90% of 100
//! by_agent.entry("Caro").try_extend_from_slice(&[4, 5, 3, 2, 5, 4, 1, 4])?; // 62.5% of 8
//!
//! let ranked = rank_by_lower_bound(by_agent.iter().filter_map(|(agent, csat)| {
//!     let summary = csat.summary()?;
//!     Some((*agent, summary.share_interval(ConfidenceLevel::P95, ProportionMethod::Wilson)))
//! }));
//! for (i, (agent, ci)) in ranked.iter().enumerate() {
//!     println!("{}. {agent:<5} at least {:.0}% satisfied", i + 1, 100.0 * ci.lower());
//! }
//! assert_eq!(ranked[0].0, "Ben");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How many responses for ±5 points
//!
//! [`interval::nps_sample_size`](crate::interval::nps_sample_size) answers "how many responses do
//! we need for a margin of 5 NPS points?" from the expected promoter and detractor shares (last
//! quarter's will do); the margin is on the −100..100 scale.
//!
//! ```
//! use satisfaction::ConfidenceLevel;
//! use satisfaction::interval::nps_sample_size;
//!
//! // Expected: 50% promoters, 20% detractors (NPS +30).
//! let n = nps_sample_size(5.0, ConfidenceLevel::P95, 0.5, 0.2)?;
//! println!("{n} responses for ±5 points at 95%");
//! let wider = nps_sample_size(10.0, ConfidenceLevel::P95, 0.5, 0.2)?;
//! assert!(wider * 3 < n); // half the margin costs about four times the answers
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Revenue-weighted NPS
//!
//! When a large account's opinion should count for more, weight each answer by revenue. The
//! [`weighting`](crate::weighting) aggregators report the weighted score with an interval from the
//! weights (Taylor linearisation, as R's `survey` package) and Kish's effective sample size, which
//! shows how much the weights cost.
//!
//! ```
//! use satisfaction::Aggregator;
//! use satisfaction::weighting::WeightedNps;
//!
//! // (NPS answer, annual revenue of the account)
//! let answers = [
//!     (10, 12_000.0),
//!     (9, 8_000.0),
//!     (3, 250_000.0),
//!     (8, 40_000.0),
//!     (10, 5_000.0),
//!     (6, 90_000.0),
//! ];
//! let mut nps = WeightedNps::default();
//! for (score, revenue) in answers {
//!     nps.try_push(score, revenue)?;
//! }
//! let summary = nps.summary().expect("six answers");
//! println!("{summary}"); // weighted NPS, 95% CI, SE, n, Kish n, design effect
//! assert!(summary.score() < 0.0); // the unweighted NPS is +16.7; the big accounts are unhappy
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Ship state as JSON
//!
//! With the `serde` feature an aggregator serialises its exact partial state (counts and a format
//! version), and deserialising validates it as strictly as the constructor: a worker sends JSON,
//! the reducer merges it, and a corrupted or foreign state is an error, never a wrong answer.
//!
//! Needs the `serde` feature (the block below runs only with it).
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use satisfaction::{Aggregator, Csat};
//!
//! let mut worker = Csat::default();
//! worker.try_extend_from_slice(&[5, 4, 4, 2, 5])?;
//! let json = serde_json::to_string(&worker)?;
//! println!("{json}");
//!
//! let mut reducer = Csat::default();
//! reducer.merge(&serde_json::from_str(&json)?)?;
//! assert_eq!(reducer, worker);
//! assert!(serde_json::from_str::<Csat>("{\"version\":3}").is_err());
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Daily rollups in SQL
//!
//! With the `datafusion` feature, each aggregate function `f` has `f_state`, a partial state to
//! store per day, and `f_merge`, which merges stored states exactly (the month's NPS from the daily
//! table equals the NPS of the month's raw rows). The block runs only with `--features
//! datafusion`; `examples/sql.rs` has the whole pattern.
//!
//! ```
//! # #[cfg(feature = "datafusion")] {
//! use datafusion::prelude::SessionContext;
//!
//! let runtime = tokio::runtime::Runtime::new()?;
//! runtime.block_on(async {
//!     let ctx = SessionContext::new();
//!     satisfaction::datafusion::register(&ctx)?;
//!     ctx.sql(
//!         "CREATE TABLE responses AS SELECT * FROM (VALUES
//!             ('2026-11-02', 10), ('2026-11-02', 6), ('2026-11-03', 9), ('2026-11-03', 2)
//!          ) AS t(report_day, nps)",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//!     // Once a day: store the day's state.
//!     ctx.sql(
//!         "CREATE TABLE daily AS
//!          SELECT report_day, nps_state(nps) AS nps_state
//!          FROM responses GROUP BY report_day",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//!     // Any time: the month from the stored states, without the raw rows.
//!     ctx.sql(
//!         "SELECT nps_merge(nps_state)['score'] AS score, nps_merge(nps_state)['n'] AS n
//!          FROM daily",
//!     )
//!     .await?
//!     .show()
//!     .await?;
//!     Ok::<(), datafusion::error::DataFusionError>(())
//! })?;
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
