//! The laws every aggregator obeys, checked for every aggregator through the shared traits:
//! one `laws!` line per aggregator gives it the merge laws (identity, associativity,
//! commutativity, split-anywhere-then-merge), "no silent drop" (every input either grows the
//! count by exactly one or is refused with an error and changes nothing), the summary contract
//! (estimate inside its domain and inside its own default interval, report columns that match
//! their values) and, with the `serde` feature, the round trip and the tamper test (any edited
//! number is refused or yields a state that keeps every contract).

use std::fmt::Debug;
use std::time::Duration;

use proptest::prelude::*;
use satisfaction::churn::{MrrMovements, RevenueChurn};
use satisfaction::health::HealthScore;
use satisfaction::retention::{KaplanMeier, Lifetime, MAX_DURATION};
use satisfaction::summary::{ColumnKind, Report, ReportOptions, Sequential, Value};
use satisfaction::weighting::{Weight, WeightedCes, WeightedCsat, WeightedNps, WeightedProportion};
use satisfaction::{
    Abandonment, Aggregator, Ces, CesScale, Churn, ConfidenceLevel, Csat, CustomerPeriod,
    FirstContactResolution, FirstResponse, FirstResponseTime, Grouped, HealthAggregate,
    HealthModel, Nps, NpsScore, OptionCounts, Polarity, Proportion, QueuedContact, RatingScale,
    Summary, Ticket,
};

/// `items` recorded one by one into a copy of `empty`.
fn build<A>(empty: &A, items: &[A::Input]) -> A
where
    A: Aggregator + Clone,
    A::Input: Clone,
    A::Error: Debug,
{
    let mut a = empty.clone();
    for item in items {
        a.record(item.clone())
            .expect("the strategies produce valid inputs");
    }
    a
}

fn merged<A: Aggregator + Clone>(a: &A, b: &A) -> A {
    let mut out = a.clone();
    out.merge(b).expect("merge within the limit");
    out
}

/// The summary contract of the `Summary` trait: a finite estimate in the domain, inside its
/// default interval, which lies in the domain too.
fn check_summary<S: Summary>(s: &S) -> Result<(), TestCaseError> {
    let (low, high) = s.domain();
    let estimate = s.estimate();
    prop_assert!(
        estimate.is_finite() && low <= estimate && estimate <= high,
        "{estimate}"
    );
    for level in [
        ConfidenceLevel::P90,
        ConfidenceLevel::P95,
        ConfidenceLevel::P99,
    ] {
        if let Some(ci) = s.default_interval(level) {
            prop_assert!(
                low <= ci.lower() && ci.upper() <= high,
                "{} interval {ci} outside [{low}, {high}]",
                s.metric()
            );
            prop_assert!(
                ci.contains(estimate),
                "{}: estimate {estimate} outside its own {} interval {ci}",
                s.metric(),
                s.default_method()
            );
        }
    }
    prop_assert!(!s.to_string().is_empty());
    Ok(())
}

fn check_sequential<S: Sequential>(s: &S) -> Result<(), TestCaseError> {
    let (low, high) = s.domain();
    for tuned_for in [1, 1_000, u64::MAX] {
        let band = s.sequence(ConfidenceLevel::P95, tuned_for);
        prop_assert!(low <= band.lower() && band.upper() <= high, "{band}");
    }
    Ok(())
}

/// Every report has one value per column, of the column's kind, and never NaN.
fn check_report<S: Report>(s: &S) -> Result<(), TestCaseError> {
    let values = s.values(&ReportOptions::default());
    prop_assert_eq!(values.len(), S::columns().len());
    for (column, value) in S::columns().iter().zip(values) {
        match (column.kind, value) {
            (ColumnKind::Float, Value::Float(x)) => prop_assert!(!x.is_nan(), "{}", column.name),
            (ColumnKind::Float, Value::Null) | (ColumnKind::Count, Value::Count(_)) => {}
            (ColumnKind::Count, Value::Null) => {}
            (kind, value) => prop_assert!(false, "{}: {kind:?} holds {value:?}", column.name),
        }
    }
    Ok(())
}

/// The merge laws and "no silent drop", for an aggregator type and a strategy of valid inputs.
macro_rules! laws {
    ($name:ident, $empty:expr, $inputs:expr $(, $contract:ident)*) => {
        mod $name {
            use super::*;

            proptest! {
                #[test]
                fn default_is_the_identity(v in $inputs) {
                    let empty = $empty;
                    let a = build(&empty, &v);
                    prop_assert_eq!(merged(&a, &empty), a.clone());
                    prop_assert_eq!(merged(&empty, &a), a);
                }

                #[test]
                fn merge_is_associative_and_commutative(x in $inputs, y in $inputs, z in $inputs) {
                    let empty = $empty;
                    let (a, b, c) = (build(&empty, &x), build(&empty, &y), build(&empty, &z));
                    prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
                    prop_assert_eq!(merged(&a, &b), merged(&b, &a));
                }

                #[test]
                fn split_anywhere_then_merge_equals_one_pass(
                    v in $inputs,
                    cut in any::<prop::sample::Index>(),
                ) {
                    let empty = $empty;
                    let at = cut.index(v.len() + 1);
                    let (left, right) = v.split_at(at);
                    let whole = build(&empty, &v);
                    prop_assert_eq!(merged(&build(&empty, left), &build(&empty, right)), whole.clone());
                    prop_assert_eq!(whole.count(), v.len() as u64);
                }

                /// No silent drop: `check` and `record` agree, a recorded input grows the count
                /// by exactly one, a refused one changes nothing.
                #[test]
                fn every_input_is_counted_or_refused(v in $inputs) {
                    let mut a = $empty;
                    for item in v {
                        let (before, count) = (a.clone(), a.count());
                        let checked = a.check(&item).is_ok();
                        match a.record(item) {
                            Ok(()) => {
                                prop_assert!(checked);
                                prop_assert_eq!(a.count(), count + 1);
                            }
                            Err(_) => {
                                prop_assert!(!checked);
                                prop_assert_eq!(&a, &before);
                            }
                        }
                    }
                }

                #[test]
                fn summary_keeps_its_contract(v in $inputs) {
                    let a = build(&$empty, &v);
                    if a.is_empty() {
                        prop_assert!(a.summary().is_none(), "an empty aggregator has no summary");
                    }
                    if let Some(s) = a.summary() {
                        let _ = &s;
                        $( laws!(@check $contract, &s); )*
                    }
                }
            }

            #[cfg(feature = "serde")]
            mod serde_laws {
                use super::*;

                proptest! {
                    #[test]
                    fn state_round_trips(v in $inputs) {
                        let a = build(&$empty, &v);
                        let json = serde_json::to_string(&a).unwrap();
                        let back = read_like(&a, &json).unwrap();
                        prop_assert_eq!(&a, &back);
                        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
                    }

                    /// Any number of the state replaced by an extreme value: refused, or read back
                    /// as a state that keeps every contract (round trip, merge, summary).
                    #[test]
                    fn tampered_state_is_refused_or_valid(
                        v in $inputs,
                        pick in any::<prop::sample::Index>(),
                        replacement in prop_oneof![
                            Just(0u64), Just(1u64), Just(u64::MAX), Just(i64::MAX as u64),
                            Just(i64::MAX as u64 - 1), any::<u64>()
                        ],
                    ) {
                        let a = build(&$empty, &v);
                        let json = serde_json::to_string(&a).unwrap();
                        let numbers = number_spans(&json);
                        if numbers.is_empty() {
                            return Ok(());
                        }
                        let (start, end) = numbers[pick.index(numbers.len())];
                        let edited = format!("{}{replacement}{}", &json[..start], &json[end..]);
                        let Ok(tampered) = read_like(&a, &edited) else {
                            return Ok(());
                        };
                        let again = serde_json::to_string(&tampered).unwrap();
                        let reread = read_like(&a, &again).unwrap();
                        prop_assert_eq!(&reread, &tampered);
                        let _ = merged_or_error(&tampered, &tampered);
                        if let Some(s) = tampered.summary() {
                            let _ = &s;
                            $( laws!(@check $contract, &s); )*
                        }
                    }
                }
            }
        }
    };
    (@check metric, $s:expr) => { check_summary($s)?; check_report($s)?; };
    (@check sequential, $s:expr) => { check_sequential($s)?; };
}

#[cfg(feature = "serde")]
fn merged_or_error<A: Aggregator + Clone>(a: &A, b: &A) -> Option<A> {
    let mut out = a.clone();
    out.merge(b).ok().map(|()| out)
}

/// `json` read as the type of `_like`.
#[cfg(feature = "serde")]
fn read_like<A: serde::de::DeserializeOwned>(
    _like: &A,
    json: &str,
) -> Result<A, serde_json::Error> {
    serde_json::from_str(json)
}

/// The byte ranges of the numbers in a JSON text (outside strings), in document order. Edited
/// as text, so that 128-bit integers keep every digit.
#[cfg(feature = "serde")]
fn number_spans(json: &str) -> Vec<(usize, usize)> {
    let bytes = json.as_bytes();
    let (mut spans, mut i, mut in_string) = (Vec::new(), 0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
        } else if b == b'"' {
            in_string = true;
            i += 1;
        } else if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
            {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

fn score() -> impl Strategy<Value = NpsScore> {
    (0u8..=10).prop_map(|s| NpsScore::new(s).unwrap())
}

fn rating(scale: RatingScale) -> impl Strategy<Value = satisfaction::Rating> {
    (scale.min()..=scale.max()).prop_map(move |v| scale.rating(v).unwrap())
}

fn customer() -> impl Strategy<Value = CustomerPeriod> {
    prop_oneof![
        Just(CustomerPeriod::Retained),
        Just(CustomerPeriod::Churned),
        Just(CustomerPeriod::Acquired)
    ]
}

fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        Just(Duration::ZERO),
        (0u64..10_000_000_000_000).prop_map(Duration::from_nanos),
        any::<u64>().prop_map(Duration::from_nanos),
        (0u64..400 * 86_400).prop_map(Duration::from_secs),
    ]
}

fn response() -> impl Strategy<Value = FirstResponse> {
    prop_oneof![
        8 => duration().prop_map(FirstResponse::Answered),
        1 => Just(FirstResponse::Unanswered),
        1 => duration().prop_map(FirstResponse::Waiting),
    ]
}

fn contact() -> impl Strategy<Value = QueuedContact> {
    (0u64..1_000_000, any::<bool>()).prop_map(|(ms, abandoned)| {
        let wait = Duration::from_millis(ms);
        if abandoned {
            QueuedContact::abandoned(wait)
        } else {
            QueuedContact::answered(wait)
        }
    })
}

fn ticket() -> impl Strategy<Value = Ticket> {
    prop_oneof![
        1 => Just(Ticket::unresolved()),
        5 => (0u32..5, any::<bool>()).prop_map(|(r, reopened)| Ticket::resolved(r, reopened)),
    ]
}

fn mrr() -> impl Strategy<Value = MrrMovements> {
    (
        0i64..1_000_000,
        0i64..1_000_000,
        0i64..1_000_000,
        0i64..1_000_000,
    )
        .prop_flat_map(|(start, expansion, reactivation, seed)| {
            let churned = seed % (start + 1);
            (0..=(start - churned)).prop_map(move |contraction| {
                MrrMovements::new(start, churned, contraction, expansion, reactivation).unwrap()
            })
        })
}

fn health_model() -> HealthModel {
    HealthModel::builder()
        .linear("usage", 2.0, 0.0, 100.0, Polarity::HigherIsBetter)
        .linear("tickets", 1.0, 0.0, 20.0, Polarity::LowerIsBetter)
        .build()
        .unwrap()
}

fn health_score() -> impl Strategy<Value = HealthScore> {
    (-10.0f64..110.0, 0.0f64..30.0).prop_map(|(usage, tickets)| {
        health_model()
            .score([("usage", usage), ("tickets", tickets)])
            .unwrap()
    })
}

fn choices() -> impl Strategy<Value = u64> {
    0u64..(1 << 5)
}

laws!(
    nps,
    Nps::default(),
    prop::collection::vec(score(), 0..300),
    metric,
    sequential
);
laws!(
    csat,
    Csat::default(),
    prop::collection::vec(rating(RatingScale::FIVE_POINT), 0..300),
    metric,
    sequential
);
laws!(
    ces,
    Ces::new(CesScale::AGREEMENT_7),
    prop::collection::vec(rating(RatingScale::SEVEN_POINT), 0..300),
    metric,
    sequential
);
laws!(
    proportion,
    Proportion::default(),
    prop::collection::vec(any::<bool>(), 0..300),
    metric,
    sequential
);
laws!(
    churn,
    Churn::default(),
    prop::collection::vec(customer(), 0..200),
    metric,
    sequential
);
laws!(
    revenue_churn,
    RevenueChurn::default(),
    prop::collection::vec(mrr(), 0..50),
    metric
);
laws!(
    abandonment,
    Abandonment::with_short_abandon(Duration::from_secs(5)),
    prop::collection::vec(contact(), 0..200),
    metric,
    sequential
);
laws!(
    fcr,
    FirstContactResolution::default(),
    prop::collection::vec(ticket(), 0..200),
    metric,
    sequential
);
laws!(
    frt,
    FirstResponseTime::with_target(Duration::from_secs(3600)),
    prop::collection::vec(response(), 0..300),
    metric
);
laws!(
    health,
    HealthAggregate::new(&health_model()),
    prop::collection::vec(health_score(), 0..100),
    metric,
    sequential
);
laws!(
    options,
    OptionCounts::new(5).unwrap(),
    prop::collection::vec(choices(), 0..100)
);
laws!(
    grouped,
    Grouped::<u8, Nps>::default(),
    prop::collection::vec((0u8..4, score()), 0..200)
);
laws!(
    tuple,
    (
        Nps::default(),
        Csat::default(),
        FirstResponseTime::default()
    ),
    prop::collection::vec(
        (score(), rating(RatingScale::FIVE_POINT), response()),
        0..100
    )
);

/// Lifetimes as retention data has them: mostly months, some long ones, the longest allowed.
fn lifetime() -> impl Strategy<Value = Lifetime> {
    let duration = prop_oneof![8 => 0u64..40, 1 => 0u64..3000, 1 => Just(MAX_DURATION)];
    (duration, any::<bool>()).prop_map(|(d, churned)| Lifetime::new(d, churned).unwrap())
}

laws!(
    kaplan_meier,
    KaplanMeier::default(),
    prop::collection::vec(lifetime(), 0..200)
);
laws!(
    kaplan_meier_capped,
    KaplanMeier::with_cap(24).unwrap(),
    prop::collection::vec(lifetime(), 0..200)
);

/// Weights over twelve orders of magnitude, as extreme designs have them.
fn weight() -> impl Strategy<Value = Weight> {
    (-6.0f64..6.0).prop_map(|e| Weight::new(10f64.powf(e)).unwrap())
}

laws!(
    weighted_nps,
    WeightedNps::default(),
    prop::collection::vec((score(), weight()), 0..200),
    metric
);
laws!(
    weighted_csat,
    WeightedCsat::default(),
    prop::collection::vec((rating(RatingScale::FIVE_POINT), weight()), 0..200),
    metric
);
laws!(
    weighted_ces,
    WeightedCes::new(CesScale::EFFORT_5),
    prop::collection::vec((rating(RatingScale::FIVE_POINT), weight()), 0..200),
    metric
);
laws!(
    weighted_proportion,
    WeightedProportion::default(),
    prop::collection::vec((any::<bool>(), weight()), 0..200),
    metric
);

#[cfg(feature = "text")]
mod text_inputs {
    use super::*;
    use satisfaction::text::{CompoundScore, ThemeSet};
    use satisfaction::{Answer, Question, Response, Survey};

    pub(super) fn compound() -> impl Strategy<Value = CompoundScore> {
        (-10_000i32..=10_000).prop_map(|x| CompoundScore::new(f64::from(x) / 1e4).unwrap())
    }

    pub(super) fn comment() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "wait", "waited", "on", "hold", "refund", "friendly", "quick", "rude", "not",
                "GREAT", "!", "🙂", "isn’t", "45", "",
            ]),
            0..8,
        )
        .prop_map(|w| w.join(" "))
    }

    pub(super) fn themes() -> ThemeSet {
        ThemeSet::parse([
            ("waiting", "wait* OR \"on hold\""),
            ("refund", "refund*"),
            ("praise", "(friendly OR quick) AND NOT rude"),
        ])
        .unwrap()
    }

    pub(super) fn survey() -> Survey {
        Survey::builder("pulse")
            .question(Question::nps("nps"))
            .question(Question::text("comment"))
            .build()
            .unwrap()
    }

    /// Responses with or without a score and a comment (the refused ones are in
    /// `tests/features/text.rs`).
    pub(super) fn response() -> impl Strategy<Value = Response> {
        (prop::option::of(0i64..=10), prop::option::of(comment())).prop_map(|(score, comment)| {
            let mut r = Response::new("pulse", "r", 1_764_000_000).unwrap();
            if let Some(s) = score {
                r = r.with_answer("nps", Answer::Score(s));
            }
            if let Some(c) = comment {
                r = r.with_answer("comment", Answer::Text(c));
            }
            r
        })
    }
}

#[cfg(feature = "text")]
laws!(
    sentiment,
    satisfaction::text::SentimentAggregate::default(),
    prop::collection::vec(text_inputs::compound(), 0..200),
    metric,
    sequential
);
#[cfg(feature = "text")]
laws!(
    word_contrast,
    satisfaction::text::WordContrast::default(),
    prop::collection::vec((score(), text_inputs::comment()), 0..60)
);
#[cfg(feature = "text")]
laws!(
    theme_table,
    satisfaction::text::ThemeTable::new(text_inputs::themes()),
    prop::collection::vec((score(), text_inputs::comment()), 0..60)
);
#[cfg(feature = "text")]
laws!(
    theme_split,
    satisfaction::text::ThemeSplit::new(text_inputs::themes(), Csat::default()),
    prop::collection::vec(
        (rating(RatingScale::FIVE_POINT), text_inputs::comment()),
        0..60
    )
);
#[cfg(feature = "text")]
laws!(
    comment_analysis,
    satisfaction::text::CommentAnalysis::for_survey(&text_inputs::survey(), "comment", "nps")
        .unwrap()
        .with_themes(text_inputs::themes()),
    prop::collection::vec(text_inputs::response(), 0..40)
);

proptest! {
    /// A typed rating from another scale is refused by every aggregator that counts ratings,
    /// and by the composites built on them, and changes nothing.
    #[test]
    fn foreign_ratings_are_refused_everywhere(v in 1u8..=7) {
        let seven = RatingScale::SEVEN_POINT.rating(v).unwrap();
        let mut csat = Csat::default();
        prop_assert!(csat.record(seven).is_err());
        let mut ces = Ces::new(CesScale::EFFORT_5);
        prop_assert!(ces.record(seven).is_err());
        let mut grouped: Grouped<u8, Csat> = Grouped::default();
        prop_assert!(grouped.record((1, seven)).is_err());
        prop_assert!(grouped.is_empty() && grouped.iter().next().is_none());
        let mut pair = (Nps::default(), Csat::default());
        prop_assert!(pair.record((NpsScore::new(9).unwrap(), seven)).is_err());
        prop_assert!(pair.0.is_empty(), "the NPS part was recorded although the CSAT part was refused");
    }
}
