//! Property tests of `satisfaction::weighting`: merge laws to 1e-12 relative, unit weights
//! reproduce the unweighted aggregators, scaling every weight changes nothing, raking meets its
//! margins, and no input panics.

use proptest::prelude::*;
use satisfaction::weighting::{
    Raking, WeightedCes, WeightedCsat, WeightedMethod, WeightedNps, WeightedProportion,
};
use satisfaction::{
    Aggregator, Ces, CesScale, ConfidenceLevel, Csat, Interval, Nps, Proportion, RatingScale,
};

/// Relative agreement to 1e-12 (absolute for values below 1e-3 in size).
fn close(a: f64, b: f64) -> bool {
    close_on(a, b, 1e-3)
}

/// Agreement to 1e-12 relative, or to 1e-12 of `scale` for values smaller than it: an
/// interval bound `estimate ± z·SE` near 0 has cancelled away digits, and is only as precise
/// as the scale of its terms.
fn close_on(a: f64, b: f64, scale: f64) -> bool {
    if a == b {
        return true; // also both infinite
    }
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(scale)
}

fn close_interval(a: Interval, b: Interval) -> bool {
    close(a.lower(), b.lower()) && close(a.upper(), b.upper())
}

proptest! {
    #[test]
    fn korn_graubard_is_scale_free(v in prop::collection::vec((any::<bool>(), 0.01f64..100.0), 1..80), scale in weight()) {
        let (mut a, mut b) = (WeightedProportion::default(), WeightedProportion::default());
        for &(flag, w) in &v {
            a.try_push(flag, w).unwrap();
            b.try_push(flag, w * scale).unwrap();
        }
        let (a, b) = (a.summary().unwrap(), b.summary().unwrap());
        for level in [ConfidenceLevel::P90, ConfidenceLevel::P95, ConfidenceLevel::P99] {
            let (x, y) = (
                a.interval(level, WeightedMethod::KornGraubard),
                b.interval(level, WeightedMethod::KornGraubard),
            );
            prop_assert!(close_interval(x, y), "{:?} vs {:?}", x, y);
        }
    }
}

/// Weights over twelve orders of magnitude, the kind extreme designs have.
fn weight() -> impl Strategy<Value = f64> {
    (-6.0f64..6.0).prop_map(|e| 10f64.powf(e))
}

fn responses(max: u8) -> impl Strategy<Value = Vec<(u8, f64)>> {
    prop::collection::vec((0..=max, weight()), 0..60)
}

fn nps_of(v: &[(u8, f64)]) -> WeightedNps {
    let mut nps = WeightedNps::default();
    v.iter().for_each(|&(s, w)| nps.try_push(s, w).unwrap());
    nps
}

fn csat_of(v: &[(u8, f64)]) -> WeightedCsat {
    let mut csat = WeightedCsat::default();
    v.iter()
        .for_each(|&(r, w)| csat.try_push(r % 5 + 1, w).unwrap());
    csat
}

fn ces_of(v: &[(u8, f64)]) -> WeightedCes {
    let mut ces = WeightedCes::new(CesScale::AGREEMENT_7);
    v.iter()
        .for_each(|&(r, w)| ces.try_push(r % 7 + 1, w).unwrap());
    ces
}

fn share_of(v: &[(u8, f64)]) -> WeightedProportion {
    let mut p = WeightedProportion::default();
    v.iter()
        .for_each(|&(r, w)| p.try_push(r % 2 == 1, w).unwrap());
    p
}

fn merged<A: Aggregator + Clone>(a: &A, b: &A) -> A {
    let mut out = a.clone();
    out.merge(b).unwrap();
    out
}

/// The numbers a summary reports, for comparisons to 1e-12; `points` are compared on the
/// 100-point NPS scale (see [`close_on`]).
trait Numbers {
    fn numbers(&self) -> Vec<f64>;

    fn points(&self) -> Vec<f64> {
        Vec::new()
    }
}

impl Numbers for WeightedNps {
    fn numbers(&self) -> Vec<f64> {
        self.summary().map_or_else(Vec::new, |s| {
            vec![s.score(), s.standard_error(), s.effective_n()]
        })
    }

    fn points(&self) -> Vec<f64> {
        self.summary().map_or_else(Vec::new, |s| {
            let ci = s.interval(ConfidenceLevel::P95);
            vec![ci.lower(), ci.upper()]
        })
    }
}

impl Numbers for WeightedCsat {
    fn numbers(&self) -> Vec<f64> {
        self.summary().map_or_else(Vec::new, |s| {
            vec![
                s.mean(),
                s.mean_standard_error(),
                s.satisfied_share(),
                s.share_standard_error(),
                s.effective_n(),
            ]
        })
    }
}

impl Numbers for WeightedCes {
    fn numbers(&self) -> Vec<f64> {
        self.summary().map_or_else(Vec::new, |s| {
            vec![
                s.mean(),
                s.mean_standard_error(),
                s.low_effort_share(),
                s.effective_n(),
            ]
        })
    }
}

impl Numbers for WeightedProportion {
    fn numbers(&self) -> Vec<f64> {
        self.summary().map_or_else(Vec::new, |s| {
            let mut v = vec![s.share(), s.standard_error(), s.effective_n()];
            // Korn-Graubard is held to the scaling law separately, on moderate weights: at
            // effective sample sizes of 10^9 (a share of 1e-10) the Beta quantile underneath is
            // only good to about 1e-5.
            for method in [WeightedMethod::Wald, WeightedMethod::Logit] {
                let ci = s.interval(ConfidenceLevel::P95, method);
                v.extend([ci.lower(), ci.upper()]);
            }
            v
        })
    }
}

fn same<A: Numbers + Aggregator>(a: &A, b: &A) -> bool {
    let (x, y) = (a.numbers(), b.numbers());
    let (u, v) = (a.points(), b.points());
    a.count() == b.count()
        && x.len() == y.len()
        && x.iter().zip(&y).all(|(&p, &q)| close(p, q))
        && u.len() == v.len()
        && u.iter().zip(&v).all(|(&p, &q)| close_on(p, q, 100.0))
}

macro_rules! laws {
    ($name:ident, $build:ident, $empty:expr) => {
        mod $name {
            use super::*;

            proptest! {
                #[test]
                fn identity(v in responses(10)) {
                    let a = $build(&v);
                    prop_assert!(same(&merged(&a, &$empty), &a));
                    prop_assert!(same(&merged(&$empty, &a), &a));
                }

                #[test]
                fn associative_and_commutative(x in responses(10), y in responses(10), z in responses(10)) {
                    let (a, b, c) = ($build(&x), $build(&y), $build(&z));
                    prop_assert!(same(&merged(&merged(&a, &b), &c), &merged(&a, &merged(&b, &c))));
                    prop_assert!(same(&merged(&a, &b), &merged(&b, &a)));
                }

                #[test]
                fn split_anywhere_then_merge_equals_one_pass(v in responses(10), cut in any::<prop::sample::Index>()) {
                    let at = cut.index(v.len() + 1);
                    let (left, right) = v.split_at(at);
                    let whole = $build(&v);
                    prop_assert!(same(&merged(&$build(left), &$build(right)), &whole));
                    prop_assert_eq!(whole.count(), v.len() as u64);
                }

                #[test]
                fn scaling_every_weight_changes_nothing(v in responses(10), scale in weight()) {
                    let scaled: Vec<(u8, f64)> = v.iter().map(|&(s, w)| (s, w * scale)).collect();
                    prop_assert!(same(&$build(&v), &$build(&scaled)));
                }
            }
        }
    };
}

laws!(nps, nps_of, WeightedNps::default());
laws!(csat, csat_of, WeightedCsat::default());
laws!(ces, ces_of, WeightedCes::new(CesScale::AGREEMENT_7));
laws!(share, share_of, WeightedProportion::default());

proptest! {
    #[test]
    fn unit_weights_reproduce_the_unweighted_aggregators(scores in prop::collection::vec(0u8..=10, 1..200)) {
        let unit: Vec<(u8, f64)> = scores.iter().map(|&s| (s, 1.0)).collect();
        let mut plain = Nps::default();
        plain.try_extend_from_slice(&scores).unwrap();
        let (weighted, plain) = (nps_of(&unit).summary().unwrap(), plain.summary().unwrap());
        prop_assert!(close(weighted.score(), plain.score()));
        prop_assert!(close(weighted.effective_n(), scores.len() as f64));
        prop_assert!(close(weighted.design_effect(), 1.0));
        // The linearised SE is the plain one with the n/(n − 1) factor.
        let n = scores.len() as f64;
        if scores.len() > 1 {
            prop_assert!(close(weighted.standard_error(), plain.standard_error() * (n / (n - 1.0)).sqrt()));
        }

        let ratings: Vec<u8> = scores.iter().map(|s| s % 5 + 1).collect();
        let mut plain = Csat::default();
        plain.try_extend_from_slice(&ratings).unwrap();
        let plain = plain.summary().unwrap();
        let weighted = csat_of(&unit).summary().unwrap();
        prop_assert!(close(weighted.mean(), plain.mean()));
        prop_assert!(close(weighted.satisfied_share(), plain.satisfied_share()));
        // With unit weights the linearised SE of a mean is the textbook s / √n.
        if let Some(sd) = plain.std_dev() {
            prop_assert!(close(weighted.mean_standard_error(), sd / n.sqrt()));
        }

        let effort: Vec<u8> = scores.iter().map(|s| s % 7 + 1).collect();
        let mut plain = Ces::new(CesScale::AGREEMENT_7);
        plain.try_extend_from_slice(&effort).unwrap();
        let (plain, weighted) = (plain.summary().unwrap(), ces_of(&unit).summary().unwrap());
        prop_assert!(close(weighted.mean(), plain.mean()));
        prop_assert!(close(weighted.low_effort_share(), plain.low_effort() as f64 / n));

        let flags: Proportion = scores.iter().map(|s| s % 2 == 1).collect();
        prop_assert!(close(share_of(&unit).summary().unwrap().share(), flags.summary().unwrap().share()));
    }

    #[test]
    fn no_input_panics_and_bad_input_records_nothing(score in any::<u8>(), w in any::<f64>()) {
        let mut nps = nps_of(&[(9, 2.0)]);
        let before = nps.clone();
        if nps.try_push(score, w).is_err() {
            prop_assert_eq!(&nps, &before);
        }
        let mut csat = WeightedCsat::new(RatingScale::SEVEN_POINT, 6).unwrap();
        let _ = csat.try_push(score, w);
        let mut p = WeightedProportion::default();
        let _ = p.try_push(score % 2 == 0, w);
        let _ = nps.summary().map(|s| s.to_string());
        let _ = csat.summary().map(|s| s.to_string());
        let _ = p.summary().map(|s| s.to_string());
    }

    #[test]
    fn intervals_stay_in_their_domain(v in responses(10), level in 0.01f64..0.9999) {
        let level = ConfidenceLevel::new(level).unwrap();
        if let Some(s) = nps_of(&v).summary() {
            let ci = s.interval(level);
            prop_assert!(-100.0 <= ci.lower() && ci.upper() <= 100.0);
        }
        if let Some(s) = share_of(&v).summary() {
            for method in [WeightedMethod::Wald, WeightedMethod::Logit, WeightedMethod::KornGraubard] {
                let ci = s.interval(level, method);
                prop_assert!(0.0 <= ci.lower() && ci.upper() <= 1.0, "{:?} {:?}", method, ci);
                prop_assert!(!ci.lower().is_nan() && !ci.upper().is_nan());
            }
        }
    }

    #[test]
    fn raking_meets_its_margins(rows in prop::collection::vec((0usize..3, 0usize..2), 6..80)) {
        let classes = ["business", "premium", "economy"];
        let genders = ["female", "male"];
        let raking = Raking::builder()
            .margin("class", &[("business", 0.2), ("premium", 0.1), ("economy", 0.7)])
            .margin("gender", &[("female", 0.45), ("male", 0.55)])
            .build()
            .unwrap();
        let labels: Vec<[&str; 2]> = rows.iter().map(|&(c, g)| [classes[c], genders[g]]).collect();
        match raking.weights(&labels) {
            Ok(weights) => {
                let n = rows.len() as f64;
                prop_assert!(close(weights.iter().sum::<f64>(), n));
                prop_assert!(weights.iter().all(|w| w.is_finite() && *w > 0.0));
                for (c, share) in [(0, 0.2), (1, 0.1), (2, 0.7)] {
                    let total: f64 = rows.iter().zip(&weights).filter(|((rc, _), _)| *rc == c).map(|(_, w)| w).sum();
                    prop_assert!((total - share * n).abs() <= 1e-8 * n);
                }
            }
            // A category without respondents, or crossed cells that make the margins
            // unreachable: an error, never a panic or a NaN weight.
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

/// Weights of every kind, including the edges of the valid range.
#[cfg(feature = "serde")]
fn any_weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => weight(),
        1 => Just(satisfaction::weighting::Weight::MIN),
        1 => Just(satisfaction::weighting::Weight::MAX),
        1 => 1e-100f64..1e100,
    ]
}

#[cfg(feature = "serde")]
proptest! {
    /// Every state the aggregators can reach passes the deserialiser's checks and reads back to
    /// the same summaries (no false refusals at the edges of the weight range). Compared to
    /// 1e-12, not bit for bit: serde_json without its `float_roundtrip` feature may read a
    /// double back one ulp off.
    #[test]
    fn every_reachable_state_round_trips(v in prop::collection::vec((0u8..=10, any_weight()), 0..40)) {
        let nps = nps_of(&v);
        let back: WeightedNps = serde_json::from_str(&serde_json::to_string(&nps).unwrap()).unwrap();
        prop_assert!(same(&back, &nps));
        let csat = csat_of(&v);
        let back: WeightedCsat = serde_json::from_str(&serde_json::to_string(&csat).unwrap()).unwrap();
        prop_assert!(same(&back, &csat));
        let ces = ces_of(&v);
        let back: WeightedCes = serde_json::from_str(&serde_json::to_string(&ces).unwrap()).unwrap();
        prop_assert!(same(&back, &ces));
        let share = share_of(&v);
        let back: WeightedProportion = serde_json::from_str(&serde_json::to_string(&share).unwrap()).unwrap();
        prop_assert!(same(&back, &share));
        // Merging deserialised parts equals merging the originals.
        let (left, right) = v.split_at(v.len() / 2);
        let (a, b) = (nps_of(left), nps_of(right));
        let a2: WeightedNps = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        let b2: WeightedNps = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
        prop_assert!(same(&merged(&a2, &b2), &merged(&a, &b)));
    }
}

/// The contract of every summary (`satisfaction::Summary`): a finite estimate in the domain,
/// inside its default interval, which lies in the domain; a report with one value of the
/// column's kind per column, never NaN.
fn keeps_the_summary_contract<S: satisfaction::summary::Report>(
    s: &S,
) -> Result<(), TestCaseError> {
    use satisfaction::summary::{ColumnKind, ReportOptions, Value};
    let (low, high) = s.domain();
    let estimate = s.estimate();
    prop_assert!(estimate.is_finite() && low <= estimate && estimate <= high);
    for level in [
        ConfidenceLevel::P90,
        ConfidenceLevel::P95,
        ConfidenceLevel::P99,
    ] {
        let ci = s.default_interval(level).unwrap();
        prop_assert!(
            low <= ci.lower() && ci.upper() <= high,
            "{} {ci}",
            s.metric()
        );
        prop_assert!(
            ci.contains(estimate),
            "{}: {estimate} outside {ci}",
            s.metric()
        );
    }
    let values = s.values(&ReportOptions::default());
    prop_assert_eq!(values.len(), S::columns().len());
    for (column, value) in S::columns().iter().zip(values) {
        match (column.kind, value) {
            (ColumnKind::Float, Value::Float(x)) => prop_assert!(!x.is_nan(), "{}", column.name),
            (ColumnKind::Float, Value::Null) | (ColumnKind::Count, Value::Count(_)) => {}
            (kind, value) => prop_assert!(false, "{}: {kind:?} holds {value:?}", column.name),
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn every_summary_keeps_the_contract(v in prop::collection::vec((0u8..=10, weight()), 1..60)) {
        keeps_the_summary_contract(&nps_of(&v).summary().unwrap())?;
        keeps_the_summary_contract(&csat_of(&v).summary().unwrap())?;
        keeps_the_summary_contract(&ces_of(&v).summary().unwrap())?;
        keeps_the_summary_contract(&share_of(&v).summary().unwrap())?;
    }
}

#[cfg(feature = "serde")]
proptest! {
    /// A summary serialises as its report plus its state, and reads back (recomputed from the
    /// state and checked against the report) to the same numbers.
    #[test]
    fn every_summary_round_trips(v in prop::collection::vec((0u8..=10, any_weight()), 1..40)) {
        let nps = nps_of(&v).summary().unwrap();
        let back: satisfaction::weighting::WeightedNpsSummary =
            serde_json::from_str(&serde_json::to_string(&nps).unwrap()).unwrap();
        prop_assert!(close(back.score(), nps.score()) && back.count() == nps.count());
        let csat = csat_of(&v).summary().unwrap();
        let back: satisfaction::weighting::WeightedCsatSummary =
            serde_json::from_str(&serde_json::to_string(&csat).unwrap()).unwrap();
        prop_assert!(close(back.mean(), csat.mean()));
        let ces = ces_of(&v).summary().unwrap();
        let back: satisfaction::weighting::WeightedCesSummary =
            serde_json::from_str(&serde_json::to_string(&ces).unwrap()).unwrap();
        prop_assert!(close(back.low_effort_share(), ces.low_effort_share()));
        let share = share_of(&v).summary().unwrap();
        let back: satisfaction::weighting::WeightedProportionSummary =
            serde_json::from_str(&serde_json::to_string(&share).unwrap()).unwrap();
        prop_assert!(close(back.share(), share.share()));
    }
}
