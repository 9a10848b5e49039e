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
//! | [Post-stratify to known cell shares](#post-stratify-to-known-cell-shares) | `cargo run --example cookbook_poststratify` |
//! | [Ship state as JSON](#ship-state-as-json) | `cargo run --example cookbook_state_json --features serde` |
//! | [Monthly NPS in a time zone from a SurveyMonkey export](#monthly-nps-in-a-time-zone-from-a-surveymonkey-export) | `cargo run --example cookbook_surveymonkey --features csv` |
//! | [A scorecard's per-question trend as a chart](#a-scorecards-per-question-trend-as-a-chart) | `cargo run --example cookbook_scorecard_trend --features chart` |
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
//! # Post-stratify to known cell shares
//!
//! When some customers answer far more often than others, the raw NPS speaks for the keen ones.
//! If the CRM knows the share of every cell of the customer base (here plan × region),
//! [`PostStratification`](crate::weighting::PostStratification) weights each response so that
//! the weighted sample has exactly those shares, and its calibration-aware standard error knows
//! the shares were fixed (R's `postStratify()` and `svymean`). Fit once with `calibrate`, then
//! estimate as many questions as needed on the same weights.
//!
//! Prefer post-stratification when the population share of every cell of the crossing is known
//! and every cell has respondents: it matches the cells exactly, so it also corrects how the
//! variables go together. When only each variable's own shares are known (the plan mix and the
//! region mix, not how they cross), or cells are too small, rake to the margins with
//! [`Raking`](crate::weighting::Raking) instead.
//!
//! ```
//! use satisfaction::weighting::{PostStratification, WeightedMethod};
//! use satisfaction::{Aggregator, ConfidenceLevel, Csat, Nps, NpsMethod, ProportionMethod};
//!
//! // The customer base by plan × region, from the CRM.
//! let cells = PostStratification::builder()
//!     .cell(&["self-serve", "Americas"], 0.45)
//!     .cell(&["self-serve", "EMEA"], 0.35)
//!     .cell(&["enterprise", "Americas"], 0.12)
//!     .cell(&["enterprise", "EMEA"], 0.08)
//!     .build()?;
//! // The answers per cell, respondent by respondent (NPS 0-10, CSAT 1-5): account managers
//! // chased their enterprise customers, 20% of the base but more than half of the sample.
//! let sample: [([&str; 2], &[u8], &[u8]); 4] = [
//!     (["self-serve", "Americas"], &[9, 6, 3, 10, 7, 5, 8, 6], &[4, 3, 2, 5, 4, 3, 4, 2]),
//!     (["self-serve", "EMEA"], &[8, 4, 6, 9, 2, 7], &[4, 2, 3, 5, 1, 3]),
//!     (["enterprise", "Americas"], &[10, 9, 9, 10, 8, 9, 6, 10, 9, 7], &[5, 5, 4, 5, 4, 5, 3, 5, 4, 4]),
//!     (["enterprise", "EMEA"], &[9, 10, 8, 9, 5, 10, 9, 8], &[5, 5, 4, 4, 2, 5, 5, 4]),
//! ];
//! let mut rows = Vec::new();
//! let (mut scores, mut satisfied) = (Vec::new(), Vec::new());
//! let (mut nps, mut csat) = (Nps::default(), Csat::default());
//! for (cell, nps_answers, csat_answers) in sample {
//!     for (&score, &rating) in nps_answers.iter().zip(csat_answers) {
//!         rows.push(cell);
//!         scores.push(score);
//!         satisfied.push(rating >= 4); // CSAT's default: satisfied from 4 of 5
//!         nps.try_push(score)?;
//!         csat.try_push(rating)?;
//!     }
//! }
//!
//! // Fit once, estimate both questions on the same weights.
//! let calibration = cells.calibrate(&rows)?;
//! let weighted_nps = calibration.nps(&scores)?;
//! let weighted_csat = calibration.proportion(&satisfied)?;
//!
//! let level = ConfidenceLevel::P95;
//! let (nps, csat) = (nps.summary().unwrap(), csat.summary().unwrap());
//! println!(
//!     "unweighted:      NPS {:+.1}, 95% CI {:.1}; satisfied {:.2}, 95% CI {:.2} (n = {})",
//!     nps.score(),
//!     nps.interval(level, NpsMethod::default()),
//!     csat.satisfied_share(),
//!     csat.share_interval(level, ProportionMethod::Wilson),
//!     nps.count()
//! );
//! println!(
//!     "post-stratified: NPS {:+.1}, 95% CI {:.1}; satisfied {:.2}, 95% CI {:.2} (Kish n = {:.1})",
//!     weighted_nps.mean(),
//!     weighted_nps.interval(level),
//!     weighted_csat.share(),
//!     weighted_csat.interval(level, WeightedMethod::Logit),
//!     weighted_nps.effective_n()
//! );
//! println!("{weighted_nps}"); // both standard errors and the design effect
//! assert!(weighted_nps.mean() < nps.score()); // +18.8 raw, -11.7 for the customer base
//! assert!(weighted_nps.standard_error() < weighted_nps.fixed_weight_standard_error());
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
//! # Monthly NPS in a time zone from a SurveyMonkey export
//!
//! A SurveyMonkey "All responses, expanded" CSV has two header rows, the question and then the
//! answer option, so a multi-select question spreads over one column per option whose name is
//! only in the second row. `Preset::SurveyMonkey` (module `import`, feature `csv`) reads that
//! layout, and a question's text maps all its columns. The dates (`10/31/2026 11:30:00 PM`)
//! are wall-clock times on the account's clock, without an offset, so read them in the
//! account's zone (the preset alone reads them as UTC) and count months in the zone the
//! business reports in. At the edges this decides the month: 23:30 on 31 October in New York
//! is 03:30 on 1 November in UTC, and that answer belongs to the New York October.
//!
//! Needs the `csv` feature (the block below runs only with it). The example reads a 60-row
//! export over three months, `examples/data/surveymonkey_export.csv`, with SurveyMonkey's
//! metadata columns and a CSAT question, and lists the responses near a month's end.
//!
//! ```
//! # #[cfg(feature = "csv")] {
//! use satisfaction::calendar::{Zone, ZonedPeriod};
//! use satisfaction::import::{Preset, SurveyImport, TimeFormat};
//! use satisfaction::period::PeriodError;
//! use satisfaction::{Aggregator, ConfidenceLevel, Granularity, Grouped, NpsMethod, Period};
//! use satisfaction::{Question, Scorecard, Survey};
//!
//! let export = r#"Respondent ID,Collector ID,Start Date,End Date,How likely is it that you would recommend Acme to a friend or colleague?,How did you contact us?,,,Anything else?
//! ,,,,Response,Chat,Email,Phone,Open-Ended Response
//! 114837222237,431877002,09/02/2026 04:59:43 PM,09/02/2026 05:03:21 PM,10,,,Phone,Sorted on the first try.
//! 114838232962,431877118,09/30/2026 11:46:00 PM,09/30/2026 11:48:12 PM,0,Chat,,,
//! 114838249321,431877118,10/02/2026 04:58:08 PM,10/02/2026 05:04:08 PM,7,Chat,,,
//! 114838323289,431877118,10/03/2026 07:43:58 PM,10/03/2026 07:45:28 PM,4,,,Phone,"Had to explain it twice, to two agents."
//! 114839101943,431877002,10/31/2026 11:27:17 PM,10/31/2026 11:30:00 PM,7,Chat,Email,,
//! 114839184433,431877002,11/01/2026 12:15:49 AM,11/01/2026 12:20:45 AM,9,,Email,,
//! 114839193884,431877002,11/03/2026 06:01:01 PM,11/03/2026 06:02:44 PM,10,Chat,,,
//! "#;
//! let survey = Survey::builder("support-2026")
//!     .question(Question::nps("nps").required())
//!     .question(Question::multi_select("contact", ["chat", "email", "phone"]))
//!     .question(Question::text("comment"))
//!     .build()?;
//! let new_york = Zone::named("America/New_York")?; // the account's time zone
//! let import = SurveyImport::builder(&survey)
//!     .preset(Preset::SurveyMonkey) // two header rows, `Respondent ID`
//!     .submitted("End Date", TimeFormat::UsLocal(new_york.clone()))
//!     .column("How likely is it that you would recommend Acme to a friend or colleague?", "nps")
//!     .column("How did you contact us?", "contact") // its three option columns
//!     .column("Anything else?", "comment")
//!     .build()?;
//!
//! // Each response also into the scorecard of its month in New York.
//! let mut all = Scorecard::lenient(&survey);
//! let mut by_month: Grouped<ZonedPeriod, Scorecard> = Grouped::new(Scorecard::lenient(&survey));
//! let summary = import.try_read_with(export.as_bytes(), &mut all, |imported| {
//!     let response = imported.response();
//!     let month = Period::containing_in(response.submitted(), Granularity::Month, &new_york)?;
//!     by_month
//!         .entry(month)
//!         .try_push(response)
//!         .expect("accepted by a scorecard of the same survey and mode");
//!     Ok::<(), PeriodError>(())
//! })?;
//! assert_eq!(summary.accepted(), 7);
//!
//! let months = by_month.summary().unwrap();
//! let nps = months.filter_map(|card| card.question("nps")?.nps()).unwrap();
//! for (month, nps) in &nps {
//!     let ci = nps.interval(ConfidenceLevel::P95, NpsMethod::default());
//!     println!("{month}: NPS {:+.1}, 95% CI {ci:.1} (n = {})", nps.score(), nps.count());
//! }
//! let labels: Vec<String> = nps.iter().map(|(month, _)| month.to_string()).collect();
//! assert_eq!(labels, ["2026-09", "2026-10", "2026-11"]);
//! assert_eq!(nps.iter().map(|(_, nps)| nps.count()).collect::<Vec<_>>(), [2, 3, 2]);
//!
//! // Respondent 114839101943 answered at 11:30 PM on 31 October: already November in UTC,
//! // counted in the New York October above.
//! let late = new_york.parse_local("2026-10-31 23:30:00")?;
//! assert_eq!(Period::containing(late, Granularity::Month)?.to_string(), "2026-11");
//! assert_eq!(Period::containing_in(late, Granularity::Month, &new_york)?.to_string(), "2026-10");
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # A scorecard's per-question trend as a chart
//!
//! A [`Scorecard`](crate::Scorecard) per month scores every question at once; to chart one
//! question, take it out of each month's summary with
//! [`filter_map`](crate::GroupedSummary::filter_map) rather than copying the numbers by hand.
//! The result is a summary per month like any other, so
//! [`against_previous`](crate::GroupedSummary::against_previous) tests each month against the
//! one before (as one family, Holm-corrected), and `chart::trend_marked` (feature `chart`)
//! draws the estimates, their intervals, and ▲ ▼ where a change is significant. The same two
//! lines chart any other question (`.csat()`, `.ces()`, `.proportion()`).
//!
//! Needs the `chart` feature (the block below runs only with it).
//!
//! ```
//! # #[cfg(feature = "chart")] {
//! use satisfaction::chart::{self, ChartOptions};
//! use satisfaction::compare::Significance;
//! use satisfaction::{Aggregator, Answer, Granularity, Grouped, Period, Question, RatingScale};
//! use satisfaction::{Response, Scorecard, Survey};
//!
//! let survey = Survey::builder("pulse")
//!     .question(Question::nps("nps").required())
//!     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//!     .build()?;
//! // Detractors, passives and promoters from January to June 2026: April's release hurt.
//! let mix = [(12, 18, 30), (11, 19, 30), (13, 17, 30), (30, 15, 15), (14, 17, 29), (12, 18, 30)];
//! let mut by_month: Grouped<Period, Scorecard> = Grouped::new(Scorecard::lenient(&survey));
//! let mut month = Period::containing(1_767_225_600, Granularity::Month)?; // 2026-01
//! for (detractors, passives, promoters) in mix {
//!     // (NPS, CSAT) answers: a detractor gave 6 and 2, a passive 8 and 4, a promoter 10 and 5.
//!     let answers = [(6, 2, detractors), (8, 4, passives), (10, 5, promoters)]
//!         .into_iter()
//!         .flat_map(|(nps, csat, times)| std::iter::repeat_n((nps, csat), times));
//!     for (i, (nps, csat)) in answers.enumerate() {
//!         let submitted = month.start() + 3_600 * i64::try_from(i)?;
//!         let response = Response::new("pulse", format!("{month}-{i}"), submitted)?
//!             .with_answer("nps", Answer::Score(nps))
//!             .with_answer("csat", Answer::Score(csat));
//!         let key = Period::containing(response.submitted(), Granularity::Month)?;
//!         by_month.record((key, response))?;
//!     }
//!     month = month.next()?;
//! }
//!
//! // One question of the scorecard per month, compared month to month, drawn.
//! let cards = by_month.summary().unwrap();
//! let nps = cards.filter_map(|card| card.question("nps")?.nps()).unwrap();
//! let changes = nps.against_previous(&Significance::default());
//! println!("{changes}"); // each month against the one before, p-values adjusted
//! let options = ChartOptions::builder().key_label("month").build()?;
//! let svg = chart::trend_marked(&nps, &changes, &options)?.into_svg(); // or .save(path)
//! assert_eq!(changes.flagged().count(), 2); // April down, May up
//! assert!(svg.contains("significantly lower") && svg.contains("Holm correction"));
//! # assert!(
//! #     svg == include_str!("docs/scorecard_trend.svg"),
//! #     "src/docs/scorecard_trend.svg is not this chart: change tests/features/chart.rs to match, \
//! #      then SATISFACTION_BLESS=1 cargo test --features chart --test features committed_doc_charts"
//! # );
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The chart it draws:
//!
#![doc = include_str!("docs/scorecard_trend.svg")]
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
