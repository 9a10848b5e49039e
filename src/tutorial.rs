//! A walk through one realistic case, from the questionnaire to SQL, every step compiled and
//! run as a doctest.
//!
//! A software company sends a three-question pulse after each support conversation: how likely
//! the customer is to recommend it (NPS, 0-10, required), how satisfied they were with the
//! support (CSAT, 1-5, satisfied from 4), and whether the issue was resolved (yes/no). Answers
//! arrive from chat, email and phone. The support lead wants this month's numbers with honest
//! intervals, per channel and per month on the team's Berlin calendar, the change since last
//! month, figures that reflect the real channel mix, an alarm when things go wrong, and the same
//! numbers from the data warehouse.
//!
//! Each step below repeats the setup of the steps before it in hidden lines, so every block runs
//! on its own; the data are sixteen answers from October and November 2026.
//!
//! # 1. Declare the survey
//!
//! A [`Survey`](crate::Survey) names its questions and their scales once; every response is
//! checked against it, so an 11 on the NPS question or a 6 on a five-point scale is caught at the
//! door rather than skewing a mean.
//!
//! ```
//! use satisfaction::{Answer, Question, RatingScale, Response, Survey};
//!
//! let survey = Survey::builder("support-pulse")
//!     .question(Question::nps("nps").required())
//!     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//!     .question(Question::binary("resolved"))
//!     .build()?;
//!
//! let response = Response::new("support-pulse", "c01", 1_791_278_100)? // 2026-10-06 09:15 UTC
//!     .attribute("channel", "chat")
//!     .with_answer("nps", Answer::Score(10))
//!     .with_answer("csat", Answer::Score(5))
//!     .with_answer("resolved", Answer::Yes);
//! assert_eq!(survey.questions().len(), 3);
//! assert_eq!(response.attribute_value("channel"), Some("chat"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # 2. Read the export
//!
//! In practice the answers come as a CSV download from the survey tool. The `import` module
//! (feature `csv`; linked from the [crate root](crate#overview)) maps its columns onto the
//! survey and streams the rows into a scorecard without loading the file, reporting every
//! refused cell by row and column. Three of the rows, as the tool exports them (the block runs
//! only with `--features csv`):
//!
//! ```
//! # #[cfg(feature = "csv")] {
//! use satisfaction::import::{Preset, SurveyImport, TimeFormat};
//! use satisfaction::{Aggregator, Question, RatingScale, Scorecard, Survey};
//!
//! # let survey = Survey::builder("support-pulse")
//! #     .question(Question::nps("nps").required())
//! #     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//! #     .question(Question::binary("resolved"))
//! #     .build()?;
//! let export = "\
//! id,submitted,channel,nps,csat,resolved
//! c01,2026-10-06T09:15:00Z,chat,10,5,yes
//! c02,2026-10-09T09:15:00Z,email,9,4,yes
//! c11,2026-11-08T10:00:00Z,phone,5,6,no
//! ";
//! let import = SurveyImport::builder(&survey)
//!     .preset(Preset::OneHeader)
//!     .respondent("id")
//!     .submitted("submitted", TimeFormat::Offset)
//!     .attribute("channel", "channel")
//!     .column("nps", "nps")
//!     .column("csat", "csat")
//!     .column("resolved", "resolved")
//!     .build()?;
//!
//! let mut card = Scorecard::lenient(&survey);
//! let summary = import.read(export.as_bytes(), &mut card)?;
//! assert_eq!(summary.refused_cells(), 1); // the 6 on a five-point scale, by row and column
//! println!("{summary}");
//! assert_eq!(card.summary().unwrap().question("nps").unwrap().answered(), 3);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The rest of the tutorial builds the same responses in memory, so it runs in the default
//! build.
//!
//! # 3. Score it, strictly and leniently
//!
//! A [`Scorecard`](crate::Scorecard) scores every question in one pass. The two modes differ on
//! a response with a bad answer: a **strict** card refuses the whole response (nothing of it is
//! recorded, so every question has the same respondents), a **lenient** card records the good
//! answers and counts the bad one per question. Customer c11 gave the support a 6 on the
//! five-point CSAT scale:
//!
//! ```
//! # use satisfaction::{Answer, Question, RatingScale, Response, Survey};
//! # let survey = Survey::builder("support-pulse")
//! #     .question(Question::nps("nps").required())
//! #     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//! #     .question(Question::binary("resolved"))
//! #     .build()?;
//! # let rows: [(&str, i64, &str, i64, i64, bool); 16] = [
//! #     ("c01", 1_791_278_100, "chat", 10, 5, true),
//! #     ("c02", 1_791_537_300, "email", 9, 4, true),
//! #     ("c03", 1_791_796_500, "phone", 6, 3, false),
//! #     ("c04", 1_792_055_700, "chat", 9, 5, true),
//! #     ("c05", 1_792_314_900, "chat", 8, 4, true),
//! #     ("c06", 1_792_574_100, "email", 3, 2, false),
//! #     ("c07", 1_792_833_300, "chat", 10, 5, true),
//! #     ("c08", 1_793_489_400, "phone", 9, 4, true),
//! #     ("c09", 1_793_613_600, "chat", 7, 4, true),
//! #     ("c10", 1_793_872_800, "email", 4, 2, false),
//! #     ("c11", 1_794_132_000, "phone", 5, 6, false),
//! #     ("c12", 1_794_391_200, "chat", 9, 4, true),
//! #     ("c13", 1_794_650_400, "email", 2, 1, false),
//! #     ("c14", 1_794_909_600, "chat", 8, 3, true),
//! #     ("c15", 1_795_168_800, "phone", 6, 3, false),
//! #     ("c16", 1_795_428_000, "chat", 10, 5, true),
//! # ];
//! # let responses = rows
//! #     .iter()
//! #     .map(|&(id, submitted, channel, nps, csat, resolved)| {
//! #         Ok(Response::new("support-pulse", id, submitted)?
//! #             .attribute("channel", channel)
//! #             .with_answer("nps", Answer::Score(nps))
//! #             .with_answer("csat", Answer::Score(csat))
//! #             .with_answer("resolved", if resolved { Answer::Yes } else { Answer::No }))
//! #     })
//! #     .collect::<Result<Vec<Response>, satisfaction::survey::ResponseError>>()?;
//! use satisfaction::{Aggregator, ConfidenceLevel, NpsMethod, Scorecard};
//!
//! let mut strict = Scorecard::strict(&survey);
//! let mut lenient = Scorecard::lenient(&survey);
//! for response in &responses {
//!     // A strict card refuses c11 whole; the error says which answer and why.
//!     let _ = strict.try_push(response);
//!     lenient.try_push(response)?;
//! }
//! let strict = strict.summary().unwrap();
//! let lenient = lenient.summary().unwrap();
//! assert_eq!(strict.question("nps").unwrap().answered(), 15);
//! assert_eq!(lenient.question("nps").unwrap().answered(), 16); // c11's NPS is kept
//! assert_eq!(lenient.question("csat").unwrap().rejected(), 1); // and the bad CSAT counted
//!
//! let nps = lenient.question("nps").unwrap().nps().unwrap();
//! println!("{nps}"); // the score, its 95% interval (Tango score), n and the three counts
//! let ci = nps.interval(ConfidenceLevel::new(0.9)?, NpsMethod::default());
//! assert!(ci.contains(nps.score()));
//! let csat = lenient.question("csat").unwrap().csat().unwrap();
//! println!("CSAT {:.0}% satisfied of {}", 100.0 * csat.satisfied_share(), csat.count());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # 4. Segment by channel and local month
//!
//! [`Grouped`](crate::Grouped) keeps one aggregator per key, and a tuple of keys is a key.
//! [`Period`](crate::Period) labels the UTC month in the default build; with the `calendar`
//! feature, `Period::containing_in` finds the month on the team's wall calendar. That matters
//! at the edges: customer c08 answered on 31 October at 23:30 UTC, which was already 1 November
//! in Berlin.
//!
//! ```
//! # use satisfaction::{Answer, Question, RatingScale, Response, Survey};
//! # let survey = Survey::builder("support-pulse")
//! #     .question(Question::nps("nps").required())
//! #     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//! #     .question(Question::binary("resolved"))
//! #     .build()?;
//! # let rows: [(&str, i64, &str, i64, i64, bool); 16] = [
//! #     ("c01", 1_791_278_100, "chat", 10, 5, true),
//! #     ("c02", 1_791_537_300, "email", 9, 4, true),
//! #     ("c03", 1_791_796_500, "phone", 6, 3, false),
//! #     ("c04", 1_792_055_700, "chat", 9, 5, true),
//! #     ("c05", 1_792_314_900, "chat", 8, 4, true),
//! #     ("c06", 1_792_574_100, "email", 3, 2, false),
//! #     ("c07", 1_792_833_300, "chat", 10, 5, true),
//! #     ("c08", 1_793_489_400, "phone", 9, 4, true),
//! #     ("c09", 1_793_613_600, "chat", 7, 4, true),
//! #     ("c10", 1_793_872_800, "email", 4, 2, false),
//! #     ("c11", 1_794_132_000, "phone", 5, 6, false),
//! #     ("c12", 1_794_391_200, "chat", 9, 4, true),
//! #     ("c13", 1_794_650_400, "email", 2, 1, false),
//! #     ("c14", 1_794_909_600, "chat", 8, 3, true),
//! #     ("c15", 1_795_168_800, "phone", 6, 3, false),
//! #     ("c16", 1_795_428_000, "chat", 10, 5, true),
//! # ];
//! # let responses = rows
//! #     .iter()
//! #     .map(|&(id, submitted, channel, nps, csat, resolved)| {
//! #         Ok(Response::new("support-pulse", id, submitted)?
//! #             .attribute("channel", channel)
//! #             .with_answer("nps", Answer::Score(nps))
//! #             .with_answer("csat", Answer::Score(csat))
//! #             .with_answer("resolved", if resolved { Answer::Yes } else { Answer::No }))
//! #     })
//! #     .collect::<Result<Vec<Response>, satisfaction::survey::ResponseError>>()?;
//! use satisfaction::{Aggregator, Granularity, Grouped, Nps, Period};
//!
//! let mut by_channel_month: Grouped<(String, Period), Nps> = Grouped::default();
//! for response in &responses {
//!     let channel = response.attribute_value("channel").unwrap_or("unknown").to_owned();
//!     let month = Period::containing(response.submitted(), Granularity::Month)?;
//!     if let Some(score) = response.score("nps") {
//!         by_channel_month.try_push((channel, month), score)?; // 0..=10, or an error
//!     }
//! }
//! for ((channel, month), nps) in by_channel_month.summary().unwrap().iter() {
//!     println!("{channel:<5} {month}: {nps}");
//! }
//!
//! #[cfg(feature = "calendar")]
//! {
//!     use satisfaction::calendar::{Zone, ZonedPeriod};
//!
//!     let berlin = Zone::named("Europe/Berlin")?;
//!     let mut by_local_month: Grouped<ZonedPeriod, Nps> = Grouped::default();
//!     for response in &responses {
//!         let month = Period::containing_in(response.submitted(), Granularity::Month, &berlin)?;
//!         if let Some(score) = response.score("nps") {
//!             by_local_month.try_push(month, score)?;
//!         }
//!     }
//!     let months: Vec<String> = by_local_month.iter().map(|(m, _)| m.to_string()).collect();
//!     assert_eq!(months, ["2026-10", "2026-11"]);
//!     // c08 (31 October, 23:30 UTC) counts in the Berlin November: 7 answers, then 9.
//!     assert_eq!(by_local_month.iter().map(|(_, nps)| nps.count()).collect::<Vec<_>>(), [7, 9]);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # 5. Compare months
//!
//! A summary of period keys lists each period against the one before with
//! [`changes`](crate::GroupedSummary::changes); a [`Difference`](crate::Difference) carries the
//! estimate, its interval and a p-value, so a dip inside the noise is not reported as news.
//!
//! ```
//! # use satisfaction::{Answer, Question, RatingScale, Response, Survey};
//! # let survey = Survey::builder("support-pulse")
//! #     .question(Question::nps("nps").required())
//! #     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//! #     .question(Question::binary("resolved"))
//! #     .build()?;
//! # let rows: [(&str, i64, &str, i64, i64, bool); 16] = [
//! #     ("c01", 1_791_278_100, "chat", 10, 5, true),
//! #     ("c02", 1_791_537_300, "email", 9, 4, true),
//! #     ("c03", 1_791_796_500, "phone", 6, 3, false),
//! #     ("c04", 1_792_055_700, "chat", 9, 5, true),
//! #     ("c05", 1_792_314_900, "chat", 8, 4, true),
//! #     ("c06", 1_792_574_100, "email", 3, 2, false),
//! #     ("c07", 1_792_833_300, "chat", 10, 5, true),
//! #     ("c08", 1_793_489_400, "phone", 9, 4, true),
//! #     ("c09", 1_793_613_600, "chat", 7, 4, true),
//! #     ("c10", 1_793_872_800, "email", 4, 2, false),
//! #     ("c11", 1_794_132_000, "phone", 5, 6, false),
//! #     ("c12", 1_794_391_200, "chat", 9, 4, true),
//! #     ("c13", 1_794_650_400, "email", 2, 1, false),
//! #     ("c14", 1_794_909_600, "chat", 8, 3, true),
//! #     ("c15", 1_795_168_800, "phone", 6, 3, false),
//! #     ("c16", 1_795_428_000, "chat", 10, 5, true),
//! # ];
//! # let responses = rows
//! #     .iter()
//! #     .map(|&(id, submitted, channel, nps, csat, resolved)| {
//! #         Ok(Response::new("support-pulse", id, submitted)?
//! #             .attribute("channel", channel)
//! #             .with_answer("nps", Answer::Score(nps))
//! #             .with_answer("csat", Answer::Score(csat))
//! #             .with_answer("resolved", if resolved { Answer::Yes } else { Answer::No }))
//! #     })
//! #     .collect::<Result<Vec<Response>, satisfaction::survey::ResponseError>>()?;
//! use satisfaction::{Aggregator, ConfidenceLevel, Granularity, Grouped, Nps, NpsMethod, Period};
//!
//! let mut monthly: Grouped<Period, Nps> = Grouped::default();
//! for response in &responses {
//!     let month = Period::containing(response.submitted(), Granularity::Month)?;
//!     if let Some(score) = response.score("nps") {
//!         monthly.try_push(month, score)?;
//!     }
//! }
//! let summary = monthly.summary().unwrap();
//! for (earlier, later, change) in summary.changes(|later, earlier| {
//!     Some(later.difference(earlier, ConfidenceLevel::P95, NpsMethod::AdjustedWald))
//! }) {
//!     println!(
//!         "{earlier} -> {later}: {:+.1} points, 95% CI {:.1}, p = {:.2}",
//!         change.estimate(),
//!         change.interval(),
//!         change.p_value()
//!     );
//!     // November is lower, but sixteen answers cannot tell that from noise.
//!     assert!(change.estimate() < 0.0);
//!     assert!(!change.is_significant(ConfidenceLevel::P95));
//! }
//!
//! #[cfg(feature = "chart")]
//! {
//!     use satisfaction::chart::{self, ChartOptions};
//!     use satisfaction::compare::Significance;
//!
//!     // The same comparison, drawn: ▲ or ▼ would mark a significant change.
//!     let changes = summary.against_previous(&Significance::default());
//!     let options = ChartOptions::builder().key_label("month").build()?;
//!     let svg = chart::trend_marked(&summary, &changes, &options)?.into_svg();
//!     assert_eq!(changes.flagged().count(), 0);
//!     # assert!(
//!     #     svg == include_str!("docs/tutorial_months.svg"),
//!     #     "src/docs/tutorial_months.svg is not this chart: change tests/features/chart.rs to \
//!     #      match, then SATISFACTION_BLESS=1 cargo test --features chart --test features \
//!     #      committed_doc_charts"
//!     # );
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With the `chart` feature, `chart::trend_marked` draws the comparison (the block above does
//! it when the feature is on). Each month's 95% interval is a band: November's estimate is
//! 62.5 points below October's, yet the bands overlap over most of their width, because eight
//! answers a month cannot establish the drop, and no month carries a ▼. Rings instead of dots
//! flag months with fewer than 30 answers.
//!
#![doc = include_str!("docs/tutorial_months.svg")]
//!
//! # 6. Weight to known margins
//!
//! Chat customers answer the pulse far more often than phone customers, so the raw NPS
//! over-represents chat. If the company knows the real mix of conversations (here 40% chat, 30%
//! email, 30% phone), [`weighting::Raking`](crate::weighting::Raking) gives each response a
//! weight that restores it, and the weighted aggregators report the estimate with an interval
//! that accounts for the weights (and Kish's effective sample size).
//!
//! ```
//! # use satisfaction::{Answer, Question, RatingScale, Response, Survey};
//! # let survey = Survey::builder("support-pulse")
//! #     .question(Question::nps("nps").required())
//! #     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//! #     .question(Question::binary("resolved"))
//! #     .build()?;
//! # let rows: [(&str, i64, &str, i64, i64, bool); 16] = [
//! #     ("c01", 1_791_278_100, "chat", 10, 5, true),
//! #     ("c02", 1_791_537_300, "email", 9, 4, true),
//! #     ("c03", 1_791_796_500, "phone", 6, 3, false),
//! #     ("c04", 1_792_055_700, "chat", 9, 5, true),
//! #     ("c05", 1_792_314_900, "chat", 8, 4, true),
//! #     ("c06", 1_792_574_100, "email", 3, 2, false),
//! #     ("c07", 1_792_833_300, "chat", 10, 5, true),
//! #     ("c08", 1_793_489_400, "phone", 9, 4, true),
//! #     ("c09", 1_793_613_600, "chat", 7, 4, true),
//! #     ("c10", 1_793_872_800, "email", 4, 2, false),
//! #     ("c11", 1_794_132_000, "phone", 5, 6, false),
//! #     ("c12", 1_794_391_200, "chat", 9, 4, true),
//! #     ("c13", 1_794_650_400, "email", 2, 1, false),
//! #     ("c14", 1_794_909_600, "chat", 8, 3, true),
//! #     ("c15", 1_795_168_800, "phone", 6, 3, false),
//! #     ("c16", 1_795_428_000, "chat", 10, 5, true),
//! # ];
//! # let responses = rows
//! #     .iter()
//! #     .map(|&(id, submitted, channel, nps, csat, resolved)| {
//! #         Ok(Response::new("support-pulse", id, submitted)?
//! #             .attribute("channel", channel)
//! #             .with_answer("nps", Answer::Score(nps))
//! #             .with_answer("csat", Answer::Score(csat))
//! #             .with_answer("resolved", if resolved { Answer::Yes } else { Answer::No }))
//! #     })
//! #     .collect::<Result<Vec<Response>, satisfaction::survey::ResponseError>>()?;
//! use satisfaction::Aggregator;
//! use satisfaction::weighting::{Raking, WeightedNps};
//!
//! let raking = Raking::builder()
//!     .margin("channel", &[("chat", 0.4), ("email", 0.3), ("phone", 0.3)])
//!     .build()?;
//! let channels: Vec<[&str; 1]> = responses
//!     .iter()
//!     .map(|r| [r.attribute_value("channel").unwrap_or("unknown")])
//!     .collect();
//! let weights = raking.weights(&channels)?;
//!
//! let mut weighted = WeightedNps::default();
//! for (&(_, _, _, nps, _, _), &weight) in rows.iter().zip(&weights) {
//!     weighted.try_push(u8::try_from(nps)?, weight)?;
//! }
//! let summary = weighted.summary().unwrap();
//! println!("{summary}"); // weighted NPS, its interval, n, Kish's effective n, design effect
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # 7. Watch a metric
//!
//! Checking a 95% interval every day and raising the alarm the first time it falls below a
//! target finds false alarms far more often than 5% of the time. A [`Monitor`](crate::monitor::Monitor)
//! checks an anytime-valid confidence sequence instead, so it can be checked after every answer
//! at the stated error rate:
//!
//! ```
//! # use satisfaction::{Answer, Question, RatingScale, Response, Survey};
//! # let survey = Survey::builder("support-pulse")
//! #     .question(Question::nps("nps").required())
//! #     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//! #     .question(Question::binary("resolved"))
//! #     .build()?;
//! # let rows: [(&str, i64, &str, i64, i64, bool); 16] = [
//! #     ("c01", 1_791_278_100, "chat", 10, 5, true),
//! #     ("c02", 1_791_537_300, "email", 9, 4, true),
//! #     ("c03", 1_791_796_500, "phone", 6, 3, false),
//! #     ("c04", 1_792_055_700, "chat", 9, 5, true),
//! #     ("c05", 1_792_314_900, "chat", 8, 4, true),
//! #     ("c06", 1_792_574_100, "email", 3, 2, false),
//! #     ("c07", 1_792_833_300, "chat", 10, 5, true),
//! #     ("c08", 1_793_489_400, "phone", 9, 4, true),
//! #     ("c09", 1_793_613_600, "chat", 7, 4, true),
//! #     ("c10", 1_793_872_800, "email", 4, 2, false),
//! #     ("c11", 1_794_132_000, "phone", 5, 6, false),
//! #     ("c12", 1_794_391_200, "chat", 9, 4, true),
//! #     ("c13", 1_794_650_400, "email", 2, 1, false),
//! #     ("c14", 1_794_909_600, "chat", 8, 3, true),
//! #     ("c15", 1_795_168_800, "phone", 6, 3, false),
//! #     ("c16", 1_795_428_000, "chat", 10, 5, true),
//! # ];
//! # let responses = rows
//! #     .iter()
//! #     .map(|&(id, submitted, channel, nps, csat, resolved)| {
//! #         Ok(Response::new("support-pulse", id, submitted)?
//! #             .attribute("channel", channel)
//! #             .with_answer("nps", Answer::Score(nps))
//! #             .with_answer("csat", Answer::Score(csat))
//! #             .with_answer("resolved", if resolved { Answer::Yes } else { Answer::No }))
//! #     })
//! #     .collect::<Result<Vec<Response>, satisfaction::survey::ResponseError>>()?;
//! use satisfaction::{Aggregator, ConfidenceLevel, Proportion};
//! use satisfaction::monitor::{Monitor, Rule};
//!
//! // Alarm when the resolved share is established below 80%.
//! let mut resolved = Monitor::new(Proportion::default(), Rule::Below(0.8), ConfidenceLevel::P95);
//! for &(_, _, _, _, _, was_resolved) in &rows {
//!     resolved.push(was_resolved);
//!     let check = resolved.check().unwrap();
//!     if check.established() {
//!         println!("alarm: resolved share {:.2}, band {:.3}", check.estimate(), check.band());
//!     }
//! }
//! // 10 of 16 resolved is worrying, but not yet established at this sample size.
//! assert!(!resolved.check().unwrap().established());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # 8. Merge partial states from workers
//!
//! Aggregator state is exact integer counts, so shards can be scored anywhere and merged in any
//! order with the same result as one pass. With the `serde` feature a worker ships its state as
//! versioned JSON, and the reducer validates it on the way in:
//!
//! ```
//! # use satisfaction::{Answer, Question, RatingScale, Response, Survey};
//! # let survey = Survey::builder("support-pulse")
//! #     .question(Question::nps("nps").required())
//! #     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//! #     .question(Question::binary("resolved"))
//! #     .build()?;
//! # let rows: [(&str, i64, &str, i64, i64, bool); 16] = [
//! #     ("c01", 1_791_278_100, "chat", 10, 5, true),
//! #     ("c02", 1_791_537_300, "email", 9, 4, true),
//! #     ("c03", 1_791_796_500, "phone", 6, 3, false),
//! #     ("c04", 1_792_055_700, "chat", 9, 5, true),
//! #     ("c05", 1_792_314_900, "chat", 8, 4, true),
//! #     ("c06", 1_792_574_100, "email", 3, 2, false),
//! #     ("c07", 1_792_833_300, "chat", 10, 5, true),
//! #     ("c08", 1_793_489_400, "phone", 9, 4, true),
//! #     ("c09", 1_793_613_600, "chat", 7, 4, true),
//! #     ("c10", 1_793_872_800, "email", 4, 2, false),
//! #     ("c11", 1_794_132_000, "phone", 5, 6, false),
//! #     ("c12", 1_794_391_200, "chat", 9, 4, true),
//! #     ("c13", 1_794_650_400, "email", 2, 1, false),
//! #     ("c14", 1_794_909_600, "chat", 8, 3, true),
//! #     ("c15", 1_795_168_800, "phone", 6, 3, false),
//! #     ("c16", 1_795_428_000, "chat", 10, 5, true),
//! # ];
//! # let responses = rows
//! #     .iter()
//! #     .map(|&(id, submitted, channel, nps, csat, resolved)| {
//! #         Ok(Response::new("support-pulse", id, submitted)?
//! #             .attribute("channel", channel)
//! #             .with_answer("nps", Answer::Score(nps))
//! #             .with_answer("csat", Answer::Score(csat))
//! #             .with_answer("resolved", if resolved { Answer::Yes } else { Answer::No }))
//! #     })
//! #     .collect::<Result<Vec<Response>, satisfaction::survey::ResponseError>>()?;
//! # #[cfg(feature = "serde")] {
//! use satisfaction::{Aggregator, Nps};
//!
//! // Two workers, each with half of the answers.
//! let (first, second) = rows.split_at(8);
//! let mut wire = Vec::new();
//! for shard in [first, second] {
//!     let mut worker = Nps::default();
//!     for &(_, _, _, nps, _, _) in shard {
//!         worker.try_push(nps)?;
//!     }
//!     wire.push(serde_json::to_string(&worker)?);
//! }
//!
//! // The reducer merges whatever arrives, in any order.
//! let mut reducer = Nps::default();
//! for state in wire.iter().rev() {
//!     reducer.merge(&serde_json::from_str(state)?)?;
//! }
//! let mut one_pass = Nps::default();
//! for &(_, _, _, nps, _, _) in &rows {
//!     one_pass.try_push(nps)?;
//! }
//! assert_eq!(reducer, one_pass);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # 9. The same in SQL
//!
//! With the `datafusion` feature every aggregator is also a DataFusion aggregate function (see
//! [`datafusion`](crate#in-sql-and-on-a-cluster)), with `_state` and `_merge` twins for exact
//! rollups. The block below runs only with `--features datafusion`:
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
//!             ('2026-10', 'chat', 10), ('2026-10', 'email', 9), ('2026-10', 'phone', 6),
//!             ('2026-11', 'chat', 7), ('2026-11', 'email', 4), ('2026-11', 'phone', 5)
//!          ) AS t(report_month, channel, nps)",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//!     // The score with its interval per month, straight from the raw rows.
//!     ctx.sql(
//!         "SELECT report_month, nps(nps)['score'] AS score, nps(nps)['lower'] AS nps_lower,
//!                 nps(nps)['upper'] AS nps_upper, nps(nps)['n'] AS n
//!          FROM responses GROUP BY report_month ORDER BY report_month",
//!     )
//!     .await?
//!     .show()
//!     .await?;
//!     // Rollups: store per-channel states, merge them later without the raw rows.
//!     ctx.sql(
//!         "CREATE TABLE rollup AS
//!          SELECT report_month, channel, nps_state(nps) AS nps_state
//!          FROM responses GROUP BY report_month, channel",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//!     ctx.sql(
//!         "SELECT report_month, nps_merge(nps_state)['score'] AS score
//!          FROM rollup GROUP BY report_month",
//!     )
//!     .await?
//!     .show()
//!     .await?;
//!     Ok::<(), datafusion::error::DataFusionError>(())
//! })?;
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Where next: the [`cookbook`](crate::cookbook) has short recipes for single tasks, and the
//! [crate root](crate#examples) lists the runnable examples.
//!
