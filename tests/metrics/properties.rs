//! Properties beyond the aggregator laws: batches are all or nothing, intervals never panic
//! and stay in their domain, the duration sketch keeps its stated accuracy, quantile intervals
//! bracket their estimate, byte states round-trip and refuse damage, nothing panics.

use std::time::Duration;

use proptest::prelude::*;
use satisfaction::churn::MrrMovements;
use satisfaction::interval::{
    ProportionMethod, nps, poisson_rate, proportion, quantile_rank, quantile_ranks, student_t,
};
use satisfaction::support::DurationSketch;
use satisfaction::{
    Aggregator, Churn, ConfidenceLevel, Csat, FirstResponse, FirstResponseTime, Interval, Nps,
    NpsMethod, QueuedContact, RatingScale,
};

fn nps_of(scores: &[u8]) -> Nps {
    let mut nps = Nps::default();
    nps.try_extend_from_slice(scores).unwrap();
    nps
}

proptest! {
    /// Any bytes: the batch either takes all of them or none, and reports the first bad one.
    #[test]
    fn batches_are_all_or_nothing(prefix in prop::collection::vec(0u8..=10, 0..100),
                                  v in prop::collection::vec(any::<u8>(), 0..1000)) {
        let mut nps = nps_of(&prefix);
        let before = nps.clone();
        match nps.try_extend_from_slice(&v) {
            Ok(()) => {
                prop_assert!(v.iter().all(|&s| s <= 10));
                prop_assert_eq!(nps.count(), (prefix.len() + v.len()) as u64);
            }
            Err(satisfaction::BatchError::OutOfRange { index, source, .. }) => {
                prop_assert_eq!(nps, before);
                prop_assert_eq!(index, v.iter().position(|&s| s > 10).unwrap());
                prop_assert_eq!(source.value, i128::from(v[index]));
            }
            Err(e) => prop_assert!(false, "unexpected {e}"),
        }
    }

    #[test]
    fn csat_on_any_scale_never_panics(min in any::<u8>(), max in any::<u8>(), t in any::<u8>(),
                                      v in prop::collection::vec(any::<u8>(), 0..300)) {
        let Ok(scale) = RatingScale::new(min, max) else { return Ok(()); };
        let Ok(mut csat) = Csat::new(scale, t) else { return Ok(()); };
        let _ = csat.try_extend_from_slice(&v);
        for &x in &v { let _ = csat.try_push(x); }
        if let Some(s) = csat.summary() {
            let ci = s.mean_interval(ConfidenceLevel::P95);
            prop_assert!(f64::from(min) <= ci.lower() && ci.upper() <= f64::from(max));
            prop_assert!(ci.contains(s.mean()));
            let _ = s.to_string();
        }
    }

    #[test]
    fn intervals_never_panic_and_stay_in_domain(x in any::<u64>(), n in any::<u64>(), level in any::<f64>(),
                                                b in any::<u32>(), m in any::<u32>(), c in any::<u32>()) {
        let Ok(level) = ConfidenceLevel::new(level) else { return Ok(()); };
        for method in ProportionMethod::ALL {
            if let Ok(ci) = proportion(x, n, level, method) {
                prop_assert!(0.0 <= ci.lower() && ci.upper() <= 1.0);
            } else {
                prop_assert!(n == 0 || x > n);
            }
        }
        for method in NpsMethod::ALL {
            if let Ok(ci) = nps(b.into(), m.into(), c.into(), level, method) {
                prop_assert!(-100.0 <= ci.lower() && ci.upper() <= 100.0);
            }
        }
        let _ = student_t(n, x as f64, (b as f64).sqrt(), level);
    }

    /// Every summary's interval contains its point estimate (at the usual levels).
    #[test]
    fn intervals_contain_the_estimate(v in prop::collection::vec(0u8..=10, 1..300)) {
        let summary = nps_of(&v).summary().unwrap();
        for method in [NpsMethod::Wald, NpsMethod::Score] {
            let ci: Interval = summary.interval(ConfidenceLevel::P95, method);
            prop_assert!(ci.lower() <= summary.score() + 1e-9 && summary.score() - 1e-9 <= ci.upper(),
                "{method}: {ci} vs {}", summary.score());
        }
    }
}

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
