//! Property tests of the `Aggregator` laws for every aggregator, and "no panic on any input".

use proptest::prelude::*;
use satisfaction::interval::{ProportionMethod, nps, proportion, student_t};
use satisfaction::{
    Aggregator, Ces, CesScale, ConfidenceLevel, Csat, Interval, Nps, NpsMethod, RatingScale,
};

fn nps_of(scores: &[u8]) -> Nps {
    let mut nps = Nps::default();
    nps.try_extend_from_slice(scores).unwrap();
    nps
}

fn csat_of(ratings: &[u8]) -> Csat {
    let mut csat = Csat::default();
    csat.try_extend_from_slice(ratings).unwrap();
    csat
}

fn ces_of(ratings: &[u8]) -> Ces {
    let mut ces = Ces::new(CesScale::AGREEMENT_7);
    ces.try_extend_from_slice(ratings).unwrap();
    ces
}

fn merged<A: Aggregator + Clone>(a: &A, b: &A) -> A {
    let mut out = a.clone();
    out.merge(b).unwrap();
    out
}

/// Identity, associativity, commutativity and split-merge for one aggregator type.
macro_rules! laws {
    ($name:ident, $build:ident, $empty:expr, $values:expr) => {
        mod $name {
            use super::*;

            proptest! {
                #[test]
                fn identity(v in $values) {
                    let a = $build(&v);
                    prop_assert_eq!(merged(&a, &$empty), a.clone());
                    prop_assert_eq!(merged(&$empty, &a), a);
                }

                #[test]
                fn associative_and_commutative(x in $values, y in $values, z in $values) {
                    let (a, b, c) = ($build(&x), $build(&y), $build(&z));
                    prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
                    prop_assert_eq!(merged(&a, &b), merged(&b, &a));
                }

                #[test]
                fn split_anywhere_then_merge_equals_one_pass(v in $values, cut in any::<prop::sample::Index>()) {
                    let at = cut.index(v.len() + 1);
                    let (left, right) = v.split_at(at);
                    let whole = $build(&v);
                    prop_assert_eq!(merged(&$build(left), &$build(right)), whole.clone());
                    prop_assert_eq!(whole.count(), v.len() as u64);
                }

                #[test]
                fn one_at_a_time_equals_batch(v in $values) {
                    let mut single = $empty;
                    for &x in &v {
                        single.try_push(x).unwrap();
                    }
                    prop_assert_eq!(single, $build(&v));
                }
            }
        }
    };
}

laws!(
    nps_laws,
    nps_of,
    Nps::default(),
    prop::collection::vec(0u8..=10, 0..600)
);
laws!(
    csat_laws,
    csat_of,
    Csat::default(),
    prop::collection::vec(1u8..=5, 0..600)
);
laws!(
    ces_laws,
    ces_of,
    Ces::new(CesScale::AGREEMENT_7),
    prop::collection::vec(1u8..=7, 0..600)
);

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
            Err(satisfaction::BatchError::OutOfRange { index, source }) => {
                prop_assert_eq!(nps, before);
                prop_assert_eq!(index, v.iter().position(|&s| s > 10).unwrap());
                prop_assert_eq!(source.value, u64::from(v[index]));
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
