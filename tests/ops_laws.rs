//! Property tests for the support-operations aggregators (churn, abandonment, FRT, FCR): the
//! `Aggregator` laws, the FRT sketch's accuracy against exact sorted quantiles, and no panics.

use std::time::Duration;

use proptest::prelude::*;
use satisfaction::interval::{poisson_rate, quantile_rank, quantile_ranks};
use satisfaction::metrics::churn::MrrMovements;
use satisfaction::{
    Abandonment, Aggregator, Churn, ConfidenceLevel, CustomerPeriod, DurationSketch,
    FirstContactResolution, FirstResponse, FirstResponseTime, QueuedContact, RevenueChurn, Ticket,
};

fn merged<A: Aggregator + Clone>(a: &A, b: &A) -> A {
    let mut out = a.clone();
    out.merge(b).unwrap();
    out
}

fn build<A: Aggregator + Clone>(empty: &A, items: &[A::Input]) -> A
where
    A::Input: Clone,
{
    let mut a = empty.clone();
    for item in items {
        a.push(item.clone());
    }
    a
}

/// Identity, associativity, commutativity and split-merge for one aggregator type.
macro_rules! laws {
    ($name:ident, $empty:expr, $inputs:expr) => {
        mod $name {
            use super::*;

            proptest! {
                #[test]
                fn identity(v in $inputs) {
                    let a = build(&$empty, &v);
                    prop_assert_eq!(merged(&a, &$empty), a.clone());
                    prop_assert_eq!(merged(&$empty, &a), a);
                }

                #[test]
                fn associative_and_commutative(x in $inputs, y in $inputs, z in $inputs) {
                    let (a, b, c) = (build(&$empty, &x), build(&$empty, &y), build(&$empty, &z));
                    prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
                    prop_assert_eq!(merged(&a, &b), merged(&b, &a));
                }

                #[test]
                fn split_anywhere_then_merge_equals_one_pass(v in $inputs, cut in any::<prop::sample::Index>()) {
                    let at = cut.index(v.len() + 1);
                    let (left, right) = v.split_at(at);
                    let whole = build(&$empty, &v);
                    prop_assert_eq!(merged(&build(&$empty, left), &build(&$empty, right)), whole.clone());
                    prop_assert_eq!(whole.count(), v.len() as u64);
                }
            }
        }
    };
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
        9 => duration().prop_map(FirstResponse::Answered),
        1 => Just(FirstResponse::Unanswered),
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

laws!(
    churn_laws,
    Churn::default(),
    prop::collection::vec(customer(), 0..200)
);
laws!(
    revenue_laws,
    RevenueChurn::default(),
    prop::collection::vec(mrr(), 0..50)
);
laws!(
    abandonment_laws,
    Abandonment::with_short_abandon(Duration::from_secs(5)),
    prop::collection::vec(contact(), 0..200)
);
laws!(
    fcr_laws,
    FirstContactResolution::default(),
    prop::collection::vec(ticket(), 0..200)
);
laws!(
    frt_laws,
    FirstResponseTime::with_target(Duration::from_secs(3600)),
    prop::collection::vec(response(), 0..300)
);

proptest! {
    /// Every quantile the sketch reports is within its relative accuracy of the exact order
    /// statistic of the same rank (⌈q n⌉) of the sorted values.
    #[test]
    fn sketch_quantiles_are_within_the_stated_accuracy(
        nanos in prop::collection::vec(
            prop_oneof![Just(0u64), 1u64..1_000, 1_000_000u64..40_000_000_000_000_000, any::<u64>()],
            1..500,
        ),
        accuracy in prop_oneof![Just(0.01), Just(0.001), Just(0.05), 0.0001f64..0.5],
    ) {
        let mut sketch = DurationSketch::new(accuracy).unwrap();
        for &ns in &nanos {
            sketch.push_nanos(ns);
        }
        let mut sorted = nanos.clone();
        sorted.sort_unstable();
        for q in [0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0] {
            let rank = quantile_rank(sorted.len() as u64, q).unwrap();
            let exact = sorted[rank as usize - 1] as f64;
            let got = sketch.quantile(q).unwrap().unwrap().as_nanos() as f64;
            // Half a nanosecond of rounding on top of the relative bound.
            prop_assert!(
                (got - exact).abs() <= accuracy * exact + 0.5,
                "q = {}: got {}, exact {}, accuracy {}", q, got, exact, accuracy
            );
        }
    }

    /// The order-statistic interval brackets the point estimate whenever it exists.
    #[test]
    fn quantile_intervals_bracket_the_estimate(
        secs in prop::collection::vec(0u64..100_000, 1..300),
        q in 0.0f64..=1.0,
    ) {
        let frt: FirstResponseTime = secs
            .iter()
            .map(|&s| FirstResponse::Answered(Duration::from_secs(s)))
            .collect();
        let summary = frt.summary().unwrap();
        if let Some(ci) = summary.quantile_interval(q, ConfidenceLevel::P95) {
            let estimate = summary.quantile(q).unwrap().as_secs_f64();
            prop_assert!(ci.lower() <= estimate && estimate <= ci.upper());
        }
    }

    /// Nothing panics on arbitrary arguments.
    #[test]
    fn no_panic_on_arbitrary_input(
        n in any::<u64>(), q in any::<f64>(), level in 0.0001f64..0.9999,
        events in any::<u64>(), exposure in any::<f64>(),
        start in any::<i64>(), lost in any::<i64>(), secs in any::<f64>(),
        created in any::<i64>(), replied in any::<Option<i64>>(),
    ) {
        let level = ConfidenceLevel::new(level).unwrap();
        let _ = quantile_ranks(n, q, level);
        let _ = quantile_rank(n, q);
        if let Ok(ci) = poisson_rate(events, exposure, level) {
            prop_assert!(ci.lower() >= 0.0 && ci.lower() <= ci.upper());
        }
        let _ = MrrMovements::new(start, lost, 0, start, lost);
        let _ = QueuedContact::from_secs_f64(secs, true);
        let _ = FirstResponse::from_secs_f64(secs);
        let _ = FirstResponse::from_unix_seconds(created, replied);
        let _ = Churn::from_counts(n, events, n);
    }
}

proptest! {
    /// The byte form round-trips exactly, and arbitrary or damaged bytes are an error, never
    /// a panic or a different aggregator.
    #[test]
    fn frt_bytes_round_trip_and_damage_is_refused(
        waits in prop::collection::vec(0u64..10_000_000_000_000, 0..300),
        unanswered in 0u64..5,
        target in prop::option::of(0u64..100_000),
        cut in any::<prop::sample::Index>(),
        flip in any::<(prop::sample::Index, u8)>(),
    ) {
        let mut frt = FirstResponseTime::new(target.map(Duration::from_secs), 0.02).unwrap();
        for &ns in &waits {
            frt.push_response(Duration::from_nanos(ns));
        }
        for _ in 0..unanswered {
            frt.push_unanswered();
        }
        let bytes = frt.to_bytes();
        prop_assert_eq!(&FirstResponseTime::from_bytes(&bytes).unwrap(), &frt);
        let sketch = frt.sketch().to_bytes();
        prop_assert_eq!(&DurationSketch::from_bytes(&sketch).unwrap(), frt.sketch());
        // Cut short anywhere: refused.
        let at = cut.index(bytes.len());
        prop_assert!(FirstResponseTime::from_bytes(&bytes[..at]).is_err());
        // One byte changed: refused, or read back as a valid aggregator (never a panic).
        let mut damaged = bytes.clone();
        let (index, xor) = flip;
        let at = index.index(damaged.len());
        damaged[at] ^= xor.max(1);
        if let Ok(other) = FirstResponseTime::from_bytes(&damaged) {
            prop_assert_eq!(FirstResponseTime::from_bytes(&other.to_bytes()).unwrap(), other);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = FirstResponseTime::from_bytes(&bytes);
        let _ = DurationSketch::from_bytes(&bytes);
        let mut tagged = b"SATD\x01\x00\x00\x00".to_vec();
        tagged.extend_from_slice(&bytes);
        let _ = DurationSketch::from_bytes(&tagged);
    }
}
