//! Serialised state: golden files pin the format of every aggregator's state and every
//! summary's report, and each cross-field invariant is tested with a tampered copy.
//!
//! Regenerate the golden files after a deliberate format change with
//! `SATISFACTION_BLESS=1 cargo test --features serde --test serde_state` (and bump
//! `STATE_VERSION`).
#![cfg(feature = "serde")]

use std::time::Duration;

use satisfaction::churn::{MrrMovements, RevenueChurn};
use satisfaction::{
    Abandonment, Aggregator, Ces, CesScale, Churn, Csat, CustomerPeriod, FirstContactResolution,
    FirstResponse, FirstResponseTime, Grouped, HealthAggregate, HealthModel, Nps, OptionCounts,
    OptionSummary, Polarity, Proportion, QueuedContact, RatingScale, Response, ResponseRate,
    Ticket,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn golden_path(name: &str) -> String {
    format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `value` serialises to the golden file `name` and reads back to itself.
fn pinned<T>(value: &T, name: &str)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    if std::env::var_os("SATISFACTION_BLESS").is_some() {
        // Writing a new golden file is a deliberate act: a format change.
        std::fs::write(golden_path(name), format!("{json}\n")).unwrap();
    }
    let golden = std::fs::read_to_string(golden_path(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .trim_end()
        .to_owned();
    assert_eq!(json, golden, "{name}");
    assert_eq!(
        &serde_json::from_str::<T>(&golden).unwrap(),
        value,
        "{name}"
    );
}

/// `json` is refused as a `T`, with an error containing `why`.
fn refused<T: DeserializeOwned + std::fmt::Debug>(json: &str, why: &str) {
    match serde_json::from_str::<T>(json) {
        Ok(value) => panic!("accepted {json} as {value:?}"),
        Err(e) => assert!(e.to_string().contains(why), "{json}: {e}"),
    }
}

/// The golden file's text with `from` replaced by `to` (which must occur).
fn tampered(name: &str, from: &str, to: &str) -> String {
    let golden = std::fs::read_to_string(golden_path(name)).unwrap();
    assert!(golden.contains(from), "{from} not in {name}: {golden}");
    golden.replacen(from, to, 1)
}

fn model() -> HealthModel {
    HealthModel::builder()
        .linear("usage", 2.0, 0.0, 100.0, Polarity::HigherIsBetter)
        .tiers("tickets", 1.0, 3.0, 10.0, Polarity::LowerIsBetter)
        .build()
        .unwrap()
}

struct Sample {
    nps: Nps,
    csat: Csat,
    ces: Ces,
    proportion: Proportion,
    churn: Churn,
    revenue: RevenueChurn,
    queue: Abandonment,
    fcr: FirstContactResolution,
    frt: FirstResponseTime,
    health: HealthAggregate,
    options: OptionCounts,
}

fn sample() -> Sample {
    let mut nps = Nps::default();
    nps.try_extend_from_slice(&[10, 9, 9, 8, 7, 6, 3, 10])
        .unwrap();
    let mut csat = Csat::default();
    csat.try_extend_from_slice(&[5, 4, 4, 3, 1, 5]).unwrap();
    let mut ces = Ces::new(CesScale::AGREEMENT_7);
    ces.try_extend_from_slice(&[7, 6, 5, 3]).unwrap();
    let proportion: Proportion = [true, true, false].into_iter().collect();
    let churn: Churn = [
        CustomerPeriod::Retained,
        CustomerPeriod::Churned,
        CustomerPeriod::Acquired,
    ]
    .into_iter()
    .collect();
    let revenue: RevenueChurn = [MrrMovements::new(10_000, 500, 250, 1_000, 0).unwrap()]
        .into_iter()
        .collect();
    let mut queue = Abandonment::with_short_abandon(Duration::from_secs(5));
    queue.push(QueuedContact::answered(Duration::from_secs(30)));
    queue.push(QueuedContact::abandoned(Duration::from_secs(2)));
    queue.push(QueuedContact::abandoned(Duration::from_secs(95)));
    let fcr: FirstContactResolution = [
        Ticket::resolved(1, false),
        Ticket::resolved(0, false),
        Ticket::resolved(3, true),
        Ticket::unresolved(),
    ]
    .into_iter()
    .collect();
    let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
    for secs in [0, 45, 600, 3_601, 86_400] {
        frt.push_response(Duration::from_secs(secs));
    }
    frt.push_unanswered();
    frt.push(FirstResponse::Waiting(Duration::from_secs(7_200)));
    let model = model();
    let mut health = HealthAggregate::new(&model);
    for (usage, tickets) in [(80.0, 2.0), (35.5, 12.0), (60.0, 4.0)] {
        health
            .record(
                model
                    .score([("usage", usage), ("tickets", tickets)])
                    .unwrap(),
            )
            .unwrap();
    }
    let mut options = OptionCounts::new(3).unwrap();
    options.try_push(&[0]).unwrap();
    options.try_push(&[0, 2]).unwrap();
    Sample {
        nps,
        csat,
        ces,
        proportion,
        churn,
        revenue,
        queue,
        fcr,
        frt,
        health,
        options,
    }
}

#[test]
fn states_match_the_golden_files_and_read_back() {
    let s = sample();
    pinned(&s.nps, "nps_v3.json");
    pinned(&s.csat, "csat_v3.json");
    pinned(&s.ces, "ces_v3.json");
    pinned(&s.proportion, "proportion_v3.json");
    pinned(&s.churn, "churn_v3.json");
    pinned(&s.revenue, "revenue_churn_v3.json");
    pinned(&s.queue, "abandonment_v3.json");
    pinned(&s.fcr, "fcr_v3.json");
    pinned(&s.frt, "frt_v3.json");
    pinned(&s.health, "health_v3.json");
    pinned(&s.options, "options_v3.json");
}

/// Every summary serialises with its estimates, default interval(s), method, level and n.
#[test]
fn summaries_match_the_golden_files_and_read_back() {
    let s = sample();
    pinned(&s.nps.summary().unwrap(), "nps_summary_v3.json");
    pinned(&s.csat.summary().unwrap(), "csat_summary_v3.json");
    pinned(&s.ces.summary().unwrap(), "ces_summary_v3.json");
    pinned(
        &s.proportion.summary().unwrap(),
        "proportion_summary_v3.json",
    );
    pinned(&s.churn.summary().unwrap(), "churn_summary_v3.json");
    pinned(
        &s.revenue.summary().unwrap(),
        "revenue_churn_summary_v3.json",
    );
    pinned(&s.queue.summary().unwrap(), "abandonment_summary_v3.json");
    pinned(&s.fcr.summary().unwrap(), "fcr_summary_v3.json");
    pinned(&s.frt.summary().unwrap(), "frt_summary_v3.json");
    pinned(&s.health.summary().unwrap(), "health_summary_v3.json");
    pinned(&s.options.summary().unwrap(), "options_summary_v3.json");
    let mut grouped: Grouped<String, Nps> = Grouped::default();
    grouped.push(("chat".into(), satisfaction::NpsScore::new(10).unwrap()));
    grouped.push(("email".into(), satisfaction::NpsScore::new(4).unwrap()));
    pinned(&grouped, "grouped_nps_v3.json");
    pinned(&grouped.summary().unwrap(), "grouped_nps_summary_v3.json");
    let json = serde_json::to_string(&s.nps.summary().unwrap()).unwrap();
    for field in [
        "\"level\":0.95",
        "\"method\":\"score\"",
        "\"score\":",
        "\"lower\":",
        "\"n\":8",
    ] {
        assert!(json.contains(field), "{field} not in {json}");
    }
}

#[test]
fn a_summary_whose_numbers_disagree_with_its_state_is_refused() {
    refused::<satisfaction::NpsSummary>(
        &tampered("nps_summary_v3.json", "\"n\":8", "\"n\":9"),
        "disagree",
    );
    refused::<satisfaction::NpsSummary>(
        &tampered("nps_summary_v3.json", "\"score\":25", "\"score\":99"),
        "score",
    );
    refused::<satisfaction::CsatSummary>(
        &tampered("csat_summary_v3.json", "\"level\":0.95", "\"level\":1.5"),
        "confidence level",
    );
    // A summary of nothing: every denominator-zero summary is refused.
    refused::<satisfaction::ChurnSummary>(
        &tampered(
            "churn_summary_v3.json",
            "\"at_start\":2,\"churned\":1",
            "\"at_start\":0,\"churned\":0",
        ),
        "at least one observation",
    );
    refused::<satisfaction::ProportionSummary>(
        r#"{"version":3,"level":0.95,"method":"wilson","share":0,"lower":0,"upper":0,"n":0,"yes":0,"state":{"version":3,"yes":0,"no":0}}"#,
        "at least one observation",
    );
}

#[test]
fn aggregator_states_that_cannot_exist_are_refused() {
    // Another version, missing and unknown fields.
    refused::<Nps>(
        r#"{"version":1,"detractors":1,"passives":0,"promoters":2}"#,
        "version 1",
    );
    refused::<Nps>(
        r#"{"version":3,"detractors":1,"promoters":2}"#,
        "missing field",
    );
    refused::<Nps>(
        r#"{"version":3,"detractors":1,"passives":0,"promoters":2,"extra":1}"#,
        "unknown field",
    );
    refused::<Nps>(
        r#"{"version":3,"detractors":9223372036854775807,"passives":1,"promoters":0}"#,
        "limit",
    );
    refused::<Nps>(
        r#"{"version":3,"detractors":-1,"passives":0,"promoters":0}"#,
        "invalid value",
    );
    // CSAT: counts against the scale.
    refused::<Csat>(
        &tampered(
            "csat_v3.json",
            "\"counts\":[1,0,1,2,2]",
            "\"counts\":[1,2,3]",
        ),
        "3 counts",
    );
    refused::<Csat>(
        &tampered(
            "csat_v3.json",
            "\"satisfied_from\":4",
            "\"satisfied_from\":9",
        ),
        "outside",
    );
    refused::<Csat>(&tampered("csat_v3.json", "\"max\":5", "\"max\":0"), "empty");
    refused::<Ces>(
        &tampered("ces_v3.json", "higher_is_better", "sideways"),
        "unknown variant",
    );
    // Churn: more churned than at the start.
    refused::<Churn>(
        &tampered("churn_v3.json", "\"churned\":1", "\"churned\":3"),
        "exceed",
    );
    // Revenue: a sum its records cannot hold; losses past the start.
    refused::<RevenueChurn>(
        &tampered(
            "revenue_churn_v3.json",
            "\"churned\":500",
            "\"churned\":50000",
        ),
        "start",
    );
    refused::<RevenueChurn>(
        &tampered(
            "revenue_churn_v3.json",
            "\"expansion\":1000",
            "\"expansion\":340282366920938463463374607431768211455",
        ),
        "records can hold",
    );
    // Abandonment: more abandoned than offered; waits the contacts cannot have.
    refused::<Abandonment>(
        &tampered("abandonment_v3.json", "\"abandoned\":1", "\"abandoned\":7"),
        "offered",
    );
    refused::<Abandonment>(
        &tampered(
            "abandonment_v3.json",
            "\"answer_wait_nanos\":30000000000",
            "\"answer_wait_nanos\":340282366920938463463374607431768211455",
        ),
        "answer waits",
    );
    // FCR: counts past the limit.
    refused::<FirstContactResolution>(
        &tampered(
            "fcr_v3.json",
            "\"unresolved\":1",
            "\"unresolved\":9223372036854775807",
        ),
        "limit",
    );
    // Health: sums that scores in 0..=100 cannot add up to.
    refused::<HealthAggregate>(
        &tampered("health_v3.json", "\"healthy\":1", "\"healthy\":0"),
        "sums outside",
    );
    // Options: an option chosen by more respondents than answered; no version.
    refused::<OptionCounts>(r#"{"counts":[10,0],"respondents":1}"#, "missing field");
    refused::<OptionCounts>(
        &tampered(
            "options_v3.json",
            "\"counts\":[2,0,1]",
            "\"counts\":[10,0,1]",
        ),
        "chosen 10 times",
    );
    refused::<OptionCounts>(
        &tampered("options_v3.json", "\"counts\":[2,0,1]", "\"counts\":[]"),
        "options",
    );
    // Response rate: no invitations, more responses than invitations.
    refused::<ResponseRate>(r#"{"invited":0,"complete":5,"partial":5}"#, "trials is 0");
    refused::<ResponseRate>(r#"{"invited":10,"complete":11,"partial":0}"#, "exceed");
    // A response with an empty id or a time before 1970.
    let response =
        serde_json::to_string(&Response::new("pulse", "r1", 1_764_000_000).unwrap()).unwrap();
    refused::<Response>(&response.replace("\"r1\"", "\"  \""), "empty");
    refused::<Response>(
        &response.replace("1764000000", "-5"),
        "outside the supported range",
    );
}

/// The issue's example: waits of 600 s and 7,200 s against a 1-hour target cannot both be
/// within it.
#[test]
fn frt_states_whose_counts_contradict_their_waits_are_refused() {
    let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
    frt.push_response(Duration::from_secs(600));
    frt.push_response(Duration::from_secs(7_200));
    let json = serde_json::to_string(&frt).unwrap();
    assert!(json.contains("\"within_target\":1"));
    refused::<FirstResponseTime>(
        &json.replacen("\"within_target\":1", "\"within_target\":2", 1),
        "within",
    );
    let bytes = frt.to_bytes();
    assert_eq!(FirstResponseTime::from_bytes(&bytes).unwrap(), frt);
    for (from, to) in [
        ("\"within_target\":3", "\"within_target\":9"),
        ("\"relative_accuracy\":0.01", "\"relative_accuracy\":0.0"),
        ("\"max_nanos\":86400000000000", "\"max_nanos\":1"),
        ("\"zeros\":1", "\"zeros\":0"),
        ("\"overdue\":1", "\"overdue\":9223372036854775807"),
    ] {
        refused::<FirstResponseTime>(&tampered("frt_v3.json", from, to), "");
    }
    // An exact sketch (at most 1,024 durations) keeps the durations themselves: they must be
    // sorted, agree with the zero count, sum and extremes, and never come with bucket counts.
    for (from, to) in [
        ("[0,45000000000,600000000000", "[45000000000,0,600000000000"),
        (
            "\"sum_nanos\":90646000000000",
            "\"sum_nanos\":90646000000001",
        ),
        ("\"counts\":[]", "\"counts\":[1]"),
    ] {
        refused::<FirstResponseTime>(&tampered("frt_v3.json", from, to), "");
    }
    // A bucketed sketch (past 1,024 durations) has its own golden file.
    let mut large = FirstResponseTime::with_target(Duration::from_secs(3600));
    for i in 0..2_000u64 {
        large.push_response(Duration::from_millis(1 + i * i * 37 % 7_200_000));
    }
    pinned(&large, "frt_bucketed_v3.json");
    let json = serde_json::to_string(&large).unwrap();
    assert!(json.contains("\"exact_nanos\":[]"));
    // Overdue tickets need a target.
    let mut untargeted = FirstResponseTime::default();
    untargeted.push_response(Duration::from_secs(1));
    let json = serde_json::to_string(&untargeted).unwrap();
    refused::<FirstResponseTime>(
        &json.replacen("\"overdue\":0", "\"overdue\":1", 1),
        "without a target",
    );
}

/// A count written as a whole float is that count; any key given twice is refused, as state
/// documents refuse it.
#[test]
fn summary_documents_take_whole_float_counts_and_refuse_repeated_keys() {
    let s = sample();
    let golden = std::fs::read_to_string(golden_path("nps_summary_v3.json")).unwrap();
    assert!(golden.contains("\"n\":8,"), "{golden}");
    let as_float = golden.replacen("\"n\":8,", "\"n\":8.0,", 1);
    assert_eq!(
        serde_json::from_str::<satisfaction::NpsSummary>(&as_float).unwrap(),
        s.nps.summary().unwrap()
    );
    let err = serde_json::from_str::<satisfaction::NpsSummary>(&golden.replacen(
        "\"n\":8,",
        "\"n\":8.5,",
        1,
    ))
    .unwrap_err()
    .to_string();
    assert!(err.contains("n is 8.5, but the state gives 8"), "{err}");
    let fields: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&golden).unwrap();
    for (key, value) in &fields {
        // The field once more, in front: `{"key":value,...,"key":value,...}`.
        let repeated = format!("{{{key:?}:{value},{}", &golden[1..]);
        let err = serde_json::from_str::<satisfaction::NpsSummary>(&repeated)
            .expect_err(&repeated)
            .to_string();
        assert!(
            err.contains("duplicate") || err.contains("twice"),
            "{key}: {err}"
        );
    }
}

#[test]
fn grouped_states_are_validated_across_groups() {
    let big = Nps::from_counts(satisfaction::MAX_COUNT, 0, 0).unwrap();
    let mut a: Grouped<u8, Nps> = Grouped::default();
    a.merge(&Grouped::from_groups(Nps::default(), [(1, big.clone())]).unwrap())
        .unwrap();
    let b = Grouped::from_groups(Nps::default(), [(2, big.clone())]).unwrap();
    assert!(
        a.merge(&b).is_err(),
        "two groups of MAX_COUNT exceed the limit together"
    );
    assert!(Grouped::from_groups(Nps::default(), [(1, big.clone()), (2, big)]).is_err());
    // A 0-10 group under a 1-5 prototype.
    let mut wide = Csat::new(RatingScale::ELEVEN_POINT, 9).unwrap();
    wide.try_push(10).unwrap();
    let json = serde_json::to_string(
        &Grouped::from_groups(
            Csat::new(RatingScale::ELEVEN_POINT, 9).unwrap(),
            [(0u8, wide)],
        )
        .unwrap(),
    )
    .unwrap();
    let five = serde_json::to_string(&Csat::default()).unwrap();
    let eleven = serde_json::to_string(&Csat::new(RatingScale::ELEVEN_POINT, 9).unwrap()).unwrap();
    refused::<Grouped<u8, Csat>>(
        &json.replacen(&eleven, &five, 1),
        "does not fit the prototype",
    );
}

#[test]
fn option_summaries_carry_every_option() {
    let s = sample();
    let summary: OptionSummary = s.options.summary().unwrap();
    let json = serde_json::to_string(&summary).unwrap();
    assert!(
        json.contains("\"share\":") && json.contains("\"lower\":"),
        "{json}"
    );
    refused::<OptionSummary>(
        &json.replacen("\"respondents\":2", "\"respondents\":3", 1),
        "disagree",
    );
}

/// The write-only forms: a difference and a health score serialise the numbers a dashboard
/// shows; a scorecard summary round-trips through its scorecard's state.
#[test]
fn differences_health_scores_and_scorecard_summaries_serialise() {
    use satisfaction::{Answer, ConfidenceLevel, NpsMethod, Question, Scorecard, Survey};

    let (a, b) = (
        Nps::from_counts(10, 20, 30).unwrap().summary().unwrap(),
        Nps::from_counts(20, 20, 20).unwrap().summary().unwrap(),
    );
    let d = a.difference(&b, ConfidenceLevel::P95, NpsMethod::default());
    let json: serde_json::Value = serde_json::to_value(d).unwrap();
    assert_eq!(json["estimate"], d.estimate());
    assert_eq!(json["lower"], d.interval().lower());
    assert_eq!(json["p_value"], d.p_value());
    assert!(json["method"].is_string());

    let score = model().score([("usage", 80.0), ("tickets", 2.0)]).unwrap();
    let json: serde_json::Value = serde_json::to_value(&score).unwrap();
    assert_eq!(json["value"], score.value());
    assert_eq!(json["contributions"].as_array().unwrap().len(), 2);

    let survey = Survey::builder("pulse")
        .question(Question::nps("nps"))
        .build()
        .unwrap();
    let mut card = Scorecard::strict(&survey);
    card.try_push(
        &Response::new("pulse", "r1", 1_764_000_000)
            .unwrap()
            .with_answer("nps", Answer::Score(9)),
    )
    .unwrap();
    let summary = card.summary().unwrap();
    let json = serde_json::to_string(&summary).unwrap();
    let back: satisfaction::ScorecardSummary = serde_json::from_str(&json).unwrap();
    assert_eq!(back, summary);
    let empty = serde_json::to_string(&Scorecard::strict(&survey)).unwrap();
    refused::<satisfaction::ScorecardSummary>(&empty, "needs at least one observation");
}
