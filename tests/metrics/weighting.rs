//! `satisfaction::weighting` against R's survey package (tables in `tests/reference/weighting_*`,
//! written by `tests/reference/generate_weighting.R`), plus the bad-input, merge, grouping and
//! serialisation contracts.
//!
//! `cargo test --test weighting -- --nocapture reference` prints the worst relative error per
//! quantity.

use std::collections::{BTreeMap, HashMap};

use satisfaction::weighting::{
    Calibration, PostStratification, Raking, WeightedCes, WeightedCsat, WeightedMethod,
    WeightedNps, WeightedProportion,
};
use satisfaction::{Aggregator, CesScale, ConfidenceLevel, RatingScale};

use crate::fixtures::{num, rows};

const TOLERANCE: f64 = 1e-9;

#[derive(Debug, Clone)]
struct Row {
    score: u8,
    flag: bool,
    csat: u8,
    ces: u8,
    w: f64,
    labels: [String; 3],
}

fn datasets() -> BTreeMap<String, Vec<Row>> {
    let mut sets: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for r in rows("weighting_data.csv") {
        sets.entry(r[0].clone()).or_default().push(Row {
            score: r[2].parse().unwrap(),
            flag: r[3] == "1",
            csat: r[4].parse().unwrap(),
            ces: r[5].parse().unwrap(),
            w: num(&r[6]),
            labels: [r[7].clone(), r[8].clone(), r[9].clone()],
        });
    }
    sets
}

/// R's expected values by (dataset, quantity, level, method).
fn expected() -> HashMap<(String, String, String, String), f64> {
    rows("weighting_estimates.csv")
        .into_iter()
        .map(|r| {
            (
                (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()),
                num(&r[4]),
            )
        })
        .collect()
}

/// Compares with R and keeps the worst relative error per quantity.
struct Checker {
    expected: HashMap<(String, String, String, String), f64>,
    worst: BTreeMap<String, f64>,
    checked: usize,
}

impl Checker {
    fn new() -> Self {
        Self {
            expected: expected(),
            worst: BTreeMap::new(),
            checked: 0,
        }
    }

    /// `actual` against R's value, clamped to `[min, max]` as the crate clamps its intervals.
    fn check(&mut self, key: (&str, &str, &str, &str), actual: f64, domain: (f64, f64)) {
        self.check_within(key, actual, domain, TOLERANCE);
    }

    fn check_within(
        &mut self,
        key: (&str, &str, &str, &str),
        actual: f64,
        (min, max): (f64, f64),
        tolerance: f64,
    ) {
        let (dataset, quantity, level, method) = key;
        let r = *self
            .expected
            .get(&(dataset.into(), quantity.into(), level.into(), method.into()))
            .unwrap_or_else(|| panic!("no R value for {key:?}"));
        let r = r.clamp(min, max);
        let error = (actual - r).abs() / r.abs().max(1e-3);
        assert!(
            error <= tolerance,
            "{key:?}: got {actual:e}, R says {r:e} (relative error {error:e})"
        );
        let name = if method.is_empty() {
            quantity.to_owned()
        } else {
            format!("{quantity} ({method})")
        };
        let worst = self.worst.entry(name).or_insert(0.0);
        *worst = worst.max(error);
        self.checked += 1;
    }

    fn report(&self, what: &str) {
        println!("{what}: {} values within {TOLERANCE:e} of R", self.checked);
        for (quantity, error) in &self.worst {
            println!("  {quantity:<32} worst relative error {error:.1e}");
        }
    }
}

const ANY: (f64, f64) = (f64::NEG_INFINITY, f64::INFINITY);
const LEVELS: [(f64, &str); 4] = [(0.8, "0.8"), (0.9, "0.9"), (0.95, "0.95"), (0.99, "0.99")];
const METHODS: [(WeightedMethod, &str); 3] = [
    (WeightedMethod::Wald, "mean"),
    (WeightedMethod::Logit, "logit"),
    (WeightedMethod::KornGraubard, "beta"),
];

#[test]
fn reference_weighted_aggregators_match_r_survey() {
    let mut c = Checker::new();
    for (name, rows) in datasets() {
        let name = name.as_str();
        let (mut nps, mut flag) = (WeightedNps::default(), WeightedProportion::default());
        let mut csat = WeightedCsat::new(RatingScale::FIVE_POINT, 4).unwrap();
        let mut ces = WeightedCes::new(CesScale::AGREEMENT_7);
        let (mut women, mut men) = (WeightedNps::default(), WeightedNps::default());
        for row in &rows {
            nps.try_push(row.score, row.w).unwrap();
            flag.try_push(row.flag, row.w).unwrap();
            csat.try_push(row.csat, row.w).unwrap();
            ces.try_push(row.ces, row.w).unwrap();
            let side = if row.labels[1] == "female" {
                &mut women
            } else {
                &mut men
            };
            side.try_push(row.score, row.w).unwrap();
        }
        let (nps, flag) = (nps.summary().unwrap(), flag.summary().unwrap());
        let (csat, ces) = (csat.summary().unwrap(), ces.summary().unwrap());
        c.check((name, "kish_n", "", ""), nps.effective_n(), ANY);
        c.check((name, "nps", "", ""), nps.score(), ANY);
        c.check((name, "nps_se", "", ""), nps.standard_error(), ANY);
        c.check((name, "csat_mean", "", ""), csat.mean(), ANY);
        c.check(
            (name, "csat_mean_se", "", ""),
            csat.mean_standard_error(),
            ANY,
        );
        c.check((name, "ces_mean", "", ""), ces.mean(), ANY);
        c.check(
            (name, "ces_mean_se", "", ""),
            ces.mean_standard_error(),
            ANY,
        );
        let shares = [
            ("flag", flag.share(), flag.standard_error()),
            (
                "satisfied",
                csat.satisfied_share(),
                csat.share_standard_error(),
            ),
            (
                "low_effort",
                ces.low_effort_share(),
                ces.low_effort_standard_error(),
            ),
        ];
        for (what, share, se) in shares {
            c.check((name, &format!("{what}_share"), "", ""), share, ANY);
            c.check((name, &format!("{what}_se"), "", ""), se, ANY);
        }
        let (women, men) = (women.summary().unwrap(), men.summary().unwrap());
        c.check(
            (name, "nps_diff_se", "", ""),
            women.standard_error().hypot(men.standard_error()),
            ANY,
        );
        for (level, l) in LEVELS {
            let level = ConfidenceLevel::new(level).unwrap();
            let ci = nps.interval(level);
            c.check((name, "nps_lower", l, ""), ci.lower(), (-100.0, 100.0));
            c.check((name, "nps_upper", l, ""), ci.upper(), (-100.0, 100.0));
            let ci = csat.mean_interval(level);
            c.check((name, "csat_mean_lower", l, ""), ci.lower(), (1.0, 5.0));
            c.check((name, "csat_mean_upper", l, ""), ci.upper(), (1.0, 5.0));
            let ci = ces.mean_interval(level);
            c.check((name, "ces_mean_lower", l, ""), ci.lower(), (1.0, 7.0));
            c.check((name, "ces_mean_upper", l, ""), ci.upper(), (1.0, 7.0));
            for (method, m) in METHODS {
                let intervals = [
                    ("flag", flag.interval(level, method)),
                    ("satisfied", csat.share_interval(level, method)),
                    ("low_effort", ces.low_effort_interval(level, method)),
                ];
                for (what, ci) in intervals {
                    c.check(
                        (name, &format!("{what}_lower"), l, m),
                        ci.lower(),
                        (0.0, 1.0),
                    );
                    c.check(
                        (name, &format!("{what}_upper"), l, m),
                        ci.upper(),
                        (0.0, 1.0),
                    );
                    if method == WeightedMethod::Logit {
                        // svyciprop's own output, whose IRLS stops at glm's 1e-8 tolerance.
                        let key = (name, "", l, "logit_default");
                        let lower = format!("{what}_lower");
                        let upper = format!("{what}_upper");
                        c.check_within((key.0, &lower, key.2, key.3), ci.lower(), (0.0, 1.0), 1e-6);
                        c.check_within((key.0, &upper, key.2, key.3), ci.upper(), (0.0, 1.0), 1e-6);
                    }
                }
            }
            let d = women.difference(&men, level);
            c.check((name, "nps_diff", "", ""), d.estimate(), ANY);
            c.check((name, "nps_diff_p", "", ""), d.p_value(), ANY);
            c.check(
                (name, "nps_diff_lower", l, ""),
                d.interval().lower(),
                (-200.0, 200.0),
            );
            c.check(
                (name, "nps_diff_upper", l, ""),
                d.interval().upper(),
                (-200.0, 200.0),
            );
        }
    }
    c.report("weighted aggregators");
}

fn raking(trim: bool) -> Raking {
    let builder = Raking::builder()
        .margin(
            "class",
            &[("business", 0.15), ("premium", 0.15), ("economy", 0.70)],
        )
        .margin("gender", &[("female", 0.5), ("male", 0.5)])
        .margin("age", &[("18-34", 0.3), ("35-54", 0.4), ("55+", 0.3)]);
    let builder = if trim {
        builder.trim(0.3, 3.0)
    } else {
        builder
    };
    builder.build().unwrap()
}

fn post_stratification() -> PostStratification {
    let mut builder = PostStratification::builder();
    for (class, c) in [("business", 0.15), ("premium", 0.15), ("economy", 0.70)] {
        for (gender, g) in [("female", 0.5), ("male", 0.5)] {
            builder = builder.cell(&[class, gender], c * g);
        }
    }
    builder.build().unwrap()
}

/// What one calibration gives for the three variables, as (estimate, calibrated SE,
/// fixed-weight SE), plus the share's intervals at 95% by each method.
struct Calibrated {
    weights: Vec<f64>,
    estimates: [(f64, f64, f64); 3],
    share_intervals: Vec<(&'static str, f64, f64)>,
}

fn calibrated(cal: Calibration, flags: &[bool], csat: &[f64], scores: &[u8]) -> Calibrated {
    let share = cal.proportion(flags).unwrap();
    let mean = cal.mean(csat).unwrap();
    let nps = cal.nps(scores).unwrap();
    Calibrated {
        estimates: [
            (
                share.share(),
                share.standard_error(),
                share.fixed_weight_standard_error(),
            ),
            (
                mean.mean(),
                mean.standard_error(),
                mean.fixed_weight_standard_error(),
            ),
            (
                nps.mean(),
                nps.standard_error(),
                nps.fixed_weight_standard_error(),
            ),
        ],
        share_intervals: METHODS
            .iter()
            .map(|&(method, m)| {
                let ci = share.interval(ConfidenceLevel::P95, method);
                (m, ci.lower(), ci.upper())
            })
            .collect(),
        weights: cal.into_weights(),
    }
}

#[test]
fn reference_calibration_matches_r_survey() {
    let mut c = Checker::new();
    let r_weights: Vec<Vec<String>> = rows("weighting_weights.csv");
    for (name, rows) in datasets() {
        if name == "tiny" {
            continue;
        }
        let name = name.as_str();
        let labels: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.labels.iter().map(String::as_str).collect())
            .collect();
        let crossed: Vec<Vec<&str>> = labels.iter().map(|l| l[..2].to_vec()).collect();
        let flags: Vec<bool> = rows.iter().map(|r| r.flag).collect();
        let csat: Vec<f64> = rows.iter().map(|r| f64::from(r.csat)).collect();
        let scores: Vec<u8> = rows.iter().map(|r| r.score).collect();
        let design: Vec<f64> = rows.iter().map(|r| r.w).collect();
        let post = post_stratification();
        // The convenience methods agree with the one-fit route.
        let direct = raking(false)
            .calibrated_proportion(&labels, &flags)
            .unwrap();
        let via = raking(false)
            .calibrate(&labels)
            .unwrap()
            .proportion(&flags)
            .unwrap();
        assert_eq!(direct, via);
        assert_eq!(
            post.calibrated_nps(&crossed, &scores).unwrap(),
            post.calibrate(&crossed).unwrap().nps(&scores).unwrap()
        );
        let fits = [
            ("raked", raking(false).calibrate(&labels).unwrap()),
            ("trimmed", raking(true).calibrate(&labels).unwrap()),
            ("poststratified", post.calibrate(&crossed).unwrap()),
            (
                "design_raked",
                raking(false).calibrate_weighted(&labels, &design).unwrap(),
            ),
            (
                "design_poststratified",
                post.calibrate_weighted(&crossed, &design).unwrap(),
            ),
        ]
        .map(|(prefix, cal)| (prefix, calibrated(cal, &flags, &csat, &scores)));
        let mine: Vec<&Vec<String>> = r_weights.iter().filter(|r| r[0] == name).collect();
        for (column, (prefix, fit)) in fits.iter().enumerate() {
            assert_eq!(mine.len(), fit.weights.len());
            let key = format!("{prefix}_weight");
            for (row, (w, r)) in fit.weights.iter().zip(&mine).enumerate() {
                assert_eq!(r[1], row.to_string());
                let r: f64 = num(&r[2 + column]);
                let error = (w - r).abs() / r;
                assert!(error <= TOLERANCE, "{name} {key} row {row}: {w} vs R {r}");
                let worst = c.worst.entry(key.clone()).or_insert(0.0);
                *worst = worst.max(error);
                c.checked += 1;
            }
            let total: f64 = fit.weights.iter().sum();
            let squares: f64 = fit.weights.iter().map(|w| w * w).sum();
            c.check(
                (name, &format!("{prefix}_kish_n"), "", ""),
                total * total / squares,
                ANY,
            );
            for (what, (value, se, fixed)) in ["flag", "csat", "nps"].into_iter().zip(fit.estimates)
            {
                c.check((name, &format!("{prefix}_{what}"), "", ""), value, ANY);
                c.check((name, &format!("{prefix}_{what}_se"), "", ""), se, ANY);
                c.check(
                    (name, &format!("{prefix}_{what}_fixed_se"), "", ""),
                    fixed,
                    ANY,
                );
            }
            for &(m, lower, upper) in &fit.share_intervals {
                c.check(
                    (name, &format!("{prefix}_flag_lower"), "0.95", m),
                    lower,
                    (0.0, 1.0),
                );
                c.check(
                    (name, &format!("{prefix}_flag_upper"), "0.95", m),
                    upper,
                    (0.0, 1.0),
                );
            }
        }
    }
    c.report("calibration");
}

// ---------------------------------------------------------------------------------------------
// Contracts: bad input, merges, grouping, comparisons, calibration errors, serialised state.

mod contracts {
    use satisfaction::weighting::{
        CalibrationError, PostStratification, Raking, Weight, WeightedCes, WeightedCsat,
        WeightedMethod, WeightedNps, WeightedProportion,
    };
    use satisfaction::{
        Aggregator, BatchError, CesScale, ConfidenceLevel, Grouped, InputError, MergeError,
        NpsScore, RatingScale,
    };

    const BAD_WEIGHTS: [f64; 8] = [
        0.0,
        -0.0,
        -1.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e308,
        5e-324,
    ];

    #[test]
    fn bad_weights_and_scores_are_refused_and_record_nothing() {
        let mut nps = WeightedNps::default();
        nps.try_push(10, 2.0).unwrap();
        let mut share = WeightedProportion::default();
        share.try_push(true, 2.0).unwrap();
        let mut csat = WeightedCsat::new(RatingScale::FIVE_POINT, 4).unwrap();
        csat.try_push(5, 2.0).unwrap();
        let mut ces = WeightedCes::new(CesScale::EFFORT_5);
        ces.try_push(1, 2.0).unwrap();
        let before = (nps.clone(), share.clone(), csat.clone(), ces.clone());
        for w in BAD_WEIGHTS {
            let err = nps.try_push(9, w).unwrap_err();
            assert!(matches!(err, InputError::Weight(e) if e.value.to_bits() == w.to_bits()));
            assert!(err.to_string().contains("1e-100 to 1e100"), "{err}");
            assert!(share.try_push(false, w).is_err());
            assert!(csat.try_push(3, w).is_err());
            assert!(ces.try_push(3, w).is_err());
        }
        assert!(matches!(nps.try_push(11, 1.0), Err(InputError::Score(_))));
        assert!(matches!(csat.try_push(0, 1.0), Err(InputError::Score(_))));
        assert!(matches!(ces.try_push(6, 1.0), Err(InputError::Score(_))));
        let err = csat.try_push(9, 1.0).unwrap_err().to_string();
        assert!(err.contains('9') && err.contains("1..=5"), "{err}");
        assert_eq!((nps, share, csat, ces), before);
    }

    #[test]
    fn batches_are_all_or_nothing() {
        let (scores, weights) = ([10, 9, 3, 7], [1.0, 2.0, 0.5, 4.0]);
        let mut batch = WeightedNps::default();
        batch.try_extend_from_slices(&scores, &weights).unwrap();
        let mut one_by_one = WeightedNps::default();
        for (&s, &w) in scores.iter().zip(&weights) {
            one_by_one.try_push(s, w).unwrap();
        }
        assert_eq!(batch, one_by_one);
        let before = batch.clone();
        assert!(matches!(
            batch.try_extend_from_slices(&scores, &weights[..3]),
            Err(BatchError::LengthMismatch {
                left: 4,
                right: 3,
                ..
            })
        ));
        let err = batch
            .try_extend_from_slices(&[9, 9, 12], &[1.0; 3])
            .unwrap_err();
        assert!(matches!(
            err,
            BatchError::Rejected {
                index: 2,
                source: InputError::Score(_),
                ..
            }
        ));
        let err = batch
            .try_extend_from_slices(&[9, 9], &[1.0, -1.0])
            .unwrap_err();
        assert!(err.to_string().contains("index 1"), "{err}");
        assert_eq!(batch, before);
        let mut share = WeightedProportion::default();
        share
            .try_extend_from_slices(&[true, false], &[1.0, 3.0])
            .unwrap();
        assert_eq!(share.summary().unwrap().share(), 0.25);
        let mut csat = WeightedCsat::default();
        assert!(csat.try_extend_from_slices(&[5, 6], &[1.0, 1.0]).is_err());
        assert_eq!(csat.count(), 0);
        let mut ces = WeightedCes::new(CesScale::EFFORT_5);
        ces.try_extend_from_slices(&[1, 5], &[1.0, 1.0]).unwrap();
        assert_eq!(ces.count(), 2);
    }

    #[test]
    fn empty_is_none_and_one_response_has_the_whole_domain() {
        assert!(WeightedNps::default().summary().is_none());
        assert!(WeightedProportion::default().summary().is_none());
        assert!(WeightedCsat::default().summary().is_none());
        assert!(WeightedCes::new(CesScale::AGREEMENT_7).summary().is_none());
        let mut nps = WeightedNps::default();
        nps.try_push(10, 3.0).unwrap();
        let s = nps.summary().unwrap();
        assert_eq!(
            (s.score(), s.effective_n(), s.design_effect()),
            (100.0, 1.0, 1.0)
        );
        assert_eq!(s.standard_error(), f64::INFINITY);
        assert!(s.to_string().contains("SE undefined (n = 1)"), "{s}");
        let ci = s.interval(ConfidenceLevel::P95);
        assert_eq!((ci.lower(), ci.upper()), (-100.0, 100.0));
        let mut p = WeightedProportion::default();
        p.try_push(true, 0.5).unwrap();
        let ci = p
            .summary()
            .unwrap()
            .interval(ConfidenceLevel::P95, WeightedMethod::Logit);
        assert_eq!((ci.lower(), ci.upper()), (0.0, 1.0));
    }

    #[test]
    fn extreme_but_valid_weights_give_finite_summaries() {
        let mut nps = WeightedNps::default();
        for (s, w) in [
            (10, Weight::MAX),
            (0, Weight::MIN),
            (8, 1.0),
            (9, Weight::MAX),
        ] {
            nps.try_push(s, w).unwrap();
        }
        let s = nps.summary().unwrap();
        assert!(s.score().is_finite() && s.standard_error().is_finite());
        assert!(s.effective_n() >= 1.0 && s.design_effect() >= 1.0);
        assert!(!s.to_string().contains("NaN"));
    }

    #[test]
    fn typed_inputs_collect_and_group() {
        let w = |x: f64| Weight::new(x).unwrap();
        let nps: WeightedNps = [
            (NpsScore::new(10).unwrap(), w(2.0)),
            (NpsScore::new(0).unwrap(), w(1.0)),
        ]
        .into_iter()
        .collect();
        assert!((nps.summary().unwrap().score() - 100.0 / 3.0).abs() < 1e-12);

        let mut by_segment: Grouped<&str, WeightedNps> = Grouped::default();
        by_segment
            .entry("enterprise")
            .try_push(9, 120_000.0)
            .unwrap();
        by_segment
            .entry("enterprise")
            .try_push(4, 30_000.0)
            .unwrap();
        by_segment.entry("smb").try_push(10, 900.0).unwrap();
        by_segment.push(("smb", (NpsScore::new(3).unwrap(), w(1_200.0))));
        by_segment.entry("smb").try_push(8, 400.0).unwrap();
        let summary = by_segment.summary().unwrap();
        assert_eq!(summary.len(), 2);
        let changes =
            summary.changes(|later, earlier| Some(later.difference(earlier, ConfidenceLevel::P95)));
        assert_eq!(changes.len(), 1);
        let d = changes[0].2;
        let (smb, ent) = (
            summary.get(&"smb").unwrap(),
            summary.get(&"enterprise").unwrap(),
        );
        assert!((d.estimate() - (smb.score() - ent.score())).abs() < 1e-12);
        assert!(d.interval().contains(d.estimate()) && (0.0..=1.0).contains(&d.p_value()));

        // CSAT configured in the prototype carries over to new groups.
        let mut by_channel: Grouped<u8, WeightedCsat> =
            Grouped::new(WeightedCsat::new(RatingScale::SEVEN_POINT, 6).unwrap());
        by_channel.entry(1).try_push(7, 1.0).unwrap();
        assert!(by_channel.entry(2).try_push(7, 1.0).is_ok());
        assert_eq!(by_channel.count(), 2);
    }

    #[test]
    fn merges_refuse_other_configurations_and_change_nothing() {
        let mut csat = WeightedCsat::default();
        csat.try_push(4, 1.5).unwrap();
        let before = csat.clone();
        let other_threshold = WeightedCsat::new(RatingScale::FIVE_POINT, 5).unwrap();
        let other_scale = WeightedCsat::new(RatingScale::SEVEN_POINT, 4).unwrap();
        assert!(matches!(
            csat.merge(&other_threshold),
            Err(MergeError::ConfigurationMismatch { .. })
        ));
        assert!(matches!(
            csat.merge(&other_scale),
            Err(MergeError::ConfigurationMismatch { .. })
        ));
        assert_eq!(csat, before);
        let mut ces = WeightedCes::new(CesScale::EFFORT_5);
        assert!(ces.merge(&WeightedCes::new(CesScale::AGREEMENT_7)).is_err());
    }

    #[test]
    fn comparisons() {
        let (mut a, mut b) = (WeightedCsat::default(), WeightedCsat::default());
        for (r, w) in [(5, 1.0), (4, 2.0), (3, 1.0), (5, 1.0)] {
            a.try_push(r, w).unwrap();
        }
        for (r, w) in [(2, 1.0), (4, 1.0), (3, 3.0), (1, 1.0)] {
            b.try_push(r, w).unwrap();
        }
        let (a, b) = (a.summary().unwrap(), b.summary().unwrap());
        let d = a.mean_difference(&b, ConfidenceLevel::P95).unwrap();
        assert!((d.estimate() - (a.mean() - b.mean())).abs() < 1e-12);
        let d = a.share_difference(&b, ConfidenceLevel::P95).unwrap();
        assert!(d.estimate() > 0.0);
        let mut seven = WeightedCsat::new(RatingScale::SEVEN_POINT, 6).unwrap();
        seven.try_push(7, 1.0).unwrap();
        assert!(
            a.share_difference(&seven.summary().unwrap(), ConfidenceLevel::P95)
                .is_err()
        );
        let (mut p, mut q) = (WeightedProportion::default(), WeightedProportion::default());
        for (f, w) in [(true, 1.0), (true, 2.0), (false, 1.0)] {
            p.try_push(f, w).unwrap();
            q.try_push(!f, w).unwrap();
        }
        let d = p
            .summary()
            .unwrap()
            .difference(&q.summary().unwrap(), ConfidenceLevel::P95);
        assert!((d.estimate() - 0.5).abs() < 1e-12);
    }

    fn raking() -> Raking {
        Raking::builder()
            .margin("class", &[("business", 0.2), ("economy", 0.8)])
            .margin("gender", &[("female", 0.5), ("male", 0.5)])
            .build()
            .unwrap()
    }

    /// Only the design weights' ratios matter: multiplying them all by 1e12 (or 1e-12) gives
    /// the same raked weights, cycle for cycle.
    #[test]
    fn raking_does_not_depend_on_the_design_weights_scale() {
        let r = raking();
        let rows = [
            ["business", "female"],
            ["business", "male"],
            ["economy", "female"],
            ["economy", "female"],
            ["economy", "male"],
            ["business", "male"],
        ];
        let design = [1.0, 2.5, 0.7, 1.3, 3.0, 0.9];
        let base = r.calibrate_weighted(&rows, &design).unwrap();
        for scale in [1e12, 1e-12, 3.0] {
            let scaled: Vec<f64> = design.iter().map(|d| d * scale).collect();
            let other = r.calibrate_weighted(&rows, &scaled).unwrap();
            for (a, b) in base.weights().iter().zip(other.weights()) {
                assert!((a - b).abs() <= 1e-12 * a, "× {scale}: {a} vs {b}");
            }
            let business: f64 = [0, 1, 5].iter().map(|&i| other.weights()[i]).sum();
            assert!((business - 0.2 * 6.0).abs() < 1e-9, "× {scale}: {business}");
        }
    }

    /// A share below 1e-9 (the tolerance the shares' sum is checked to) is refused when the
    /// raking is built: weights raked to it would be too small to be weights. Trimming bounds
    /// no weight lies within say so, instead of "did not converge".
    #[test]
    fn tiny_shares_and_impossible_trimming_are_refused_with_their_reason() {
        let err = Raking::builder()
            .margin("class", &[("rare", 1e-300), ("common", 1.0 - 1e-300)])
            .build()
            .unwrap_err();
        assert!(
            matches!(err, CalibrationError::InvalidShare { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("at least 1e-9"), "{err}");
        assert!(
            PostStratification::builder()
                .cell(&["rare"], 1e-12)
                .cell(&["common"], 1.0 - 1e-12)
                .build()
                .is_err()
        );
        let trimmed = Raking::builder()
            .margin("class", &[("business", 0.5), ("economy", 0.5)])
            .trim(0.8, 1.5) // the raked weights are 2 and 2/3: none inside
            .build()
            .unwrap();
        let rows = [["business"], ["economy"], ["economy"], ["economy"]];
        let err = trimmed.weights(&rows).unwrap_err();
        assert!(
            matches!(err, CalibrationError::Untrimmable { rounds: 0, .. }),
            "{err}"
        );
        assert!(!err.to_string().contains("converge"), "{err}");
    }

    #[test]
    fn raking_builder_errors() {
        let shares = [("a", 0.5), ("b", 0.5)];
        let cases: Vec<(Result<Raking, CalibrationError>, &str)> = vec![
            (Raking::builder().build(), "no margin"),
            (
                Raking::builder()
                    .margin("m", &[("a", 0.5), ("b", 0.4)])
                    .build(),
                "add up to 0.9",
            ),
            (
                Raking::builder()
                    .margin("m", &[("a", 0.5), ("a", 0.5)])
                    .build(),
                "twice",
            ),
            (
                Raking::builder()
                    .margin("m", &shares)
                    .margin("m", &shares)
                    .build(),
                "twice",
            ),
            (Raking::builder().margin("m", &[]).build(), "no categories"),
            (
                Raking::builder()
                    .margin("m", &[("a", f64::NAN), ("b", 1.0)])
                    .build(),
                "NaN",
            ),
            (
                Raking::builder()
                    .margin("m", &[("a", 0.0), ("b", 1.0)])
                    .build(),
                "share 0",
            ),
            (
                Raking::builder()
                    .margin("m", &[("a", -0.5), ("b", 1.5)])
                    .build(),
                "-0.5",
            ),
            (
                Raking::builder()
                    .margin("m", &shares)
                    .tolerance(0.0)
                    .build(),
                "tolerance",
            ),
            (
                Raking::builder()
                    .margin("m", &shares)
                    .tolerance(f64::NAN)
                    .build(),
                "tolerance",
            ),
            (
                Raking::builder()
                    .margin("m", &shares)
                    .max_iterations(0)
                    .build(),
                "max_iterations",
            ),
            (
                Raking::builder()
                    .margin("m", &shares)
                    .trim(1.5, 3.0)
                    .build(),
                "trimming",
            ),
            (
                Raking::builder()
                    .margin("m", &shares)
                    .trim(0.5, 0.9)
                    .build(),
                "trimming",
            ),
        ];
        for (result, text) in cases {
            let err = result.unwrap_err().to_string();
            assert!(err.contains(text), "{err:?} should mention {text:?}");
        }
        // Within 1e-9 of 1 is accepted.
        assert!(
            Raking::builder()
                .margin("m", &[("a", 0.3), ("b", 0.7 + 5e-10)])
                .build()
                .is_ok()
        );
    }

    #[test]
    fn raking_row_errors() {
        let r = raking();
        let no_rows: [[&str; 2]; 0] = [];
        assert_eq!(r.weights(&no_rows), Err(CalibrationError::NoRows));
        let err = r
            .weights(&[vec!["business", "female"], vec!["economy"]])
            .unwrap_err();
        assert!(
            matches!(
                err,
                CalibrationError::RowLength {
                    row: 2, // the second row, counted from 1 as a file counts them
                    expected: 2,
                    found: 1,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = r
            .weights(&[["business", "female"], ["first", "male"]])
            .unwrap_err();
        assert!(
            matches!(&err, CalibrationError::UnknownLabel { row: 2, label, .. } if label == "first")
        );
        assert!(err.to_string().contains("business, economy"), "{err}");
        let err = r
            .weights(&[["business", "female"], ["business", "male"]])
            .unwrap_err();
        assert!(matches!(&err, CalibrationError::EmptyCell { label, .. } if label == "economy"));
        let rows = [["business", "female"], ["economy", "male"]];
        let err = r.calibrated_proportion(&rows, &[true]).unwrap_err();
        assert!(
            matches!(
                err,
                CalibrationError::LengthMismatch {
                    rows: 2,
                    values: 1,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(r.calibrated_nps(&rows, &[10, 11]).is_err());
        assert!(r.calibrated_mean(&rows, &[1.0, f64::NAN]).is_err());
    }

    #[test]
    fn contradictory_margins_and_too_few_iterations_are_errors() {
        // Every man flies business, yet men are half the population and business a fifth.
        let rows = [
            ["business", "male"],
            ["economy", "female"],
            ["economy", "female"],
            ["business", "female"],
        ];
        let err = raking().weights(&rows).unwrap_err();
        assert!(
            matches!(
                err,
                CalibrationError::Unreachable { .. } | CalibrationError::NotConverged { .. }
            ),
            "{err}"
        );
        let rows = [
            ["business", "male"],
            ["economy", "female"],
            ["economy", "male"],
            ["business", "female"],
            ["economy", "female"],
        ];
        let slow = Raking::builder()
            .margin("class", &[("business", 0.2), ("economy", 0.8)])
            .margin("gender", &[("female", 0.3), ("male", 0.7)])
            .max_iterations(1)
            .build()
            .unwrap();
        let err = slow.weights(&rows).unwrap_err();
        assert!(
            matches!(err, CalibrationError::NotConverged { iterations: 1, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("max_iterations"));
    }

    #[test]
    fn calibration_knows_the_margins() {
        // y depends on class only: raking on class explains it, so the calibrated SE is far
        // below the fixed-weight one.
        let mut rows = Vec::new();
        let mut flags = Vec::new();
        for i in 0..200 {
            let business = i % 2 == 0;
            rows.push([
                if business { "business" } else { "economy" },
                if i % 3 == 0 { "male" } else { "female" },
            ]);
            flags.push(business ^ (i % 17 == 0));
        }
        let share = raking().calibrated_proportion(&rows, &flags).unwrap();
        assert!(
            share.standard_error() < 0.8 * share.fixed_weight_standard_error(),
            "{share}"
        );
        let weights = raking().weights(&rows).unwrap();
        assert!((weights.iter().sum::<f64>() - 200.0).abs() < 1e-9);
        assert!(share.design_effect() > 1.0);
        let cal = share.interval(ConfidenceLevel::P95, WeightedMethod::Logit);
        let fixed = share.fixed_weight_interval(ConfidenceLevel::P95, WeightedMethod::Logit);
        assert!(cal.width() < fixed.width());
        assert!(share.to_string().contains("calibrated"));
    }

    #[test]
    fn post_stratification_errors() {
        assert_eq!(
            PostStratification::builder().build(),
            Err(CalibrationError::Nothing("cell"))
        );
        let err = PostStratification::builder()
            .cell(&["a", "x"], 0.5)
            .cell(&["b"], 0.5)
            .build()
            .unwrap_err();
        assert!(matches!(
            err,
            CalibrationError::CellArity {
                expected: 2,
                found: 1,
                ..
            }
        ));
        let err = PostStratification::builder()
            .cell(&["a"], 0.5)
            .cell(&["a"], 0.5)
            .build()
            .unwrap_err();
        assert!(matches!(err, CalibrationError::DuplicateLabel { .. }));
        let cells = PostStratification::builder()
            .cell(&["a"], 0.25)
            .cell(&["b"], 0.75)
            .build()
            .unwrap();
        assert!(matches!(
            cells.weights(&[["a"], ["a"]]),
            Err(CalibrationError::EmptyCell { .. })
        ));
        assert!(matches!(
            cells.weights(&[["a"], ["c"]]),
            Err(CalibrationError::UnknownLabel { row: 2, .. })
        ));
        let w = cells.weights(&[["a"], ["b"], ["b"]]).unwrap();
        assert_eq!(w, vec![0.75, 1.125, 1.125]);
    }

    #[cfg(feature = "serde")]
    mod state {
        use super::*;
        use satisfaction::weighting::{WeightedCsatSummary, WeightedNpsSummary};

        fn golden(name: &str) -> String {
            let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{path}: {e}"))
                .trim_end()
                .to_owned()
        }

        fn sample() -> (WeightedNps, WeightedProportion, WeightedCsat, WeightedCes) {
            let data = [
                (10, 2.0),
                (9, 0.5),
                (8, 1.25),
                (3, 4.0),
                (10, 1.0),
                (6, 0.75),
            ];
            let (mut nps, mut p) = (WeightedNps::default(), WeightedProportion::default());
            let mut csat = WeightedCsat::new(RatingScale::SEVEN_POINT, 6).unwrap();
            let mut ces = WeightedCes::new(CesScale::EFFORT_5);
            for (s, w) in data {
                nps.try_push(s, w).unwrap();
                p.try_push(s >= 9, w).unwrap();
                csat.try_push(s % 7 + 1, w).unwrap();
                ces.try_push(s % 5 + 1, w).unwrap();
            }
            (nps, p, csat, ces)
        }

        #[test]
        fn state_matches_the_golden_files_and_reads_back() {
            let (nps, p, csat, ces) = sample();
            let files = [
                ("weighted_nps_v3.json", serde_json::to_string(&nps).unwrap()),
                (
                    "weighted_proportion_v3.json",
                    serde_json::to_string(&p).unwrap(),
                ),
                (
                    "weighted_csat_v3.json",
                    serde_json::to_string(&csat).unwrap(),
                ),
                ("weighted_ces_v3.json", serde_json::to_string(&ces).unwrap()),
            ];
            for (file, json) in &files {
                if std::env::var_os("SATISFACTION_BLESS").is_some() {
                    let path = format!("{}/tests/golden/{file}", env!("CARGO_MANIFEST_DIR"));
                    std::fs::write(path, format!("{json}\n")).unwrap();
                }
                assert_eq!(json, &golden(file), "{file}");
                assert!(json.starts_with(r#"{"version":3,"#));
            }
            assert_eq!(
                serde_json::from_str::<WeightedNps>(&golden("weighted_nps_v3.json")).unwrap(),
                nps
            );
            assert_eq!(
                serde_json::from_str::<WeightedProportion>(&golden("weighted_proportion_v3.json"))
                    .unwrap(),
                p
            );
            assert_eq!(
                serde_json::from_str::<WeightedCsat>(&golden("weighted_csat_v3.json")).unwrap(),
                csat
            );
            assert_eq!(
                serde_json::from_str::<WeightedCes>(&golden("weighted_ces_v3.json")).unwrap(),
                ces
            );
            let s = nps.summary().unwrap();
            let back: WeightedNpsSummary =
                serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
            assert_eq!(back, s);
            let s = csat.summary().unwrap();
            let back: WeightedCsatSummary =
                serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
            assert_eq!(back, s);
            assert!(
                serde_json::from_str::<WeightedNpsSummary>(
                    &serde_json::to_string(&WeightedNps::default()).unwrap()
                )
                .is_err()
            );
        }

        #[test]
        fn tampered_state_is_refused() {
            let nps = golden("weighted_nps_v3.json");
            let refuse = |json: String| {
                assert!(
                    serde_json::from_str::<WeightedNps>(&json).is_err(),
                    "accepted {json}"
                );
            };
            refuse(nps.replace(r#""version":3"#, r#""version":4"#));
            refuse(nps.replace(r#""version":3,"#, r#""version":3,"extra":0,"#));
            refuse(nps.replace(r#""counts":[2,1,3]"#, r#""counts":[2,1]"#));
            // A count without weight, a weight without count.
            refuse(nps.replace(r#""counts":[2,1,3]"#, r#""counts":[2,0,3]"#));
            refuse(nps.replace(r#""counts":[2,1,3]"#, r#""counts":[2,1,0]"#));
            // Sums of squares outside [(Σw)²/n, (Σw)²], negative or non-finite sums.
            refuse(nps.replace(r#""squares":[16.5625"#, r#""squares":[0.1"#));
            refuse(nps.replace(r#""squares":[16.5625"#, r#""squares":[1000.0"#));
            refuse(nps.replace(r#""weights":[4.75"#, r#""weights":[-4.75"#));
            refuse(nps.replace(r#""weights":[4.75"#, r#""weights":[1e309"#));
            // Totals past MAX_COUNT.
            refuse(nps.replace(
                r#""counts":[2,1,3]"#,
                r#""counts":[9223372036854775807,1,3]"#,
            ));
            let csat = golden("weighted_csat_v3.json");
            assert!(
                serde_json::from_str::<WeightedCsat>(
                    &csat.replace(r#""satisfied_from":6"#, r#""satisfied_from":9"#)
                )
                .is_err()
            );
            assert!(
                serde_json::from_str::<WeightedCsat>(&csat.replace(r#""max":7"#, r#""max":5"#))
                    .is_err()
            );
        }

        #[test]
        fn merge_past_max_count_is_refused() {
            let full = r#"{"version":3,"counts":[9223372036854775807,0,0],"weights":[1e10,0.0,0.0],"squares":[11.0,0.0,0.0]}"#;
            let mut full: WeightedNps = serde_json::from_str(full).unwrap();
            let before = full.clone();
            let mut one = WeightedNps::default();
            one.try_push(9, 1.0).unwrap();
            assert!(matches!(
                full.merge(&one),
                Err(MergeError::CountOverflow { .. })
            ));
            assert_eq!(full, before);
        }
    }
}
