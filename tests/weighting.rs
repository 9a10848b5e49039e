//! `satisfaction::weighting` against R's survey package (tables in `tests/reference/weighting_*`,
//! written by `tests/reference/generate_weighting.R`), plus the bad-input, merge, grouping and
//! serialisation contracts.
//!
//! `cargo test --test weighting -- --nocapture reference` prints the worst relative error per
//! quantity.

use std::collections::{BTreeMap, HashMap};

use satisfaction::weighting::{
    PostStratification, Raking, WeightedCes, WeightedCsat, WeightedMethod, WeightedNps,
    WeightedProportion,
};
use satisfaction::{Aggregator, CesScale, ConfidenceLevel, RatingScale};

const TOLERANCE: f64 = 1e-9;

fn file(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/reference/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

fn num(field: &str) -> f64 {
    field
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {field}"))
}

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
    for r in file("weighting_data.csv") {
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
    file("weighting_estimates.csv")
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
                ces.share_standard_error(),
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
                    ("low_effort", ces.share_interval(level, method)),
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

macro_rules! calibrate {
    ($calibration:expr, $rows:expr, $flags:expr, $csat:expr, $scores:expr) => {{
        let cal = $calibration;
        let share = cal.calibrated_proportion($rows, $flags).unwrap();
        let mean = cal.calibrated_mean($rows, $csat).unwrap();
        let nps = cal.calibrated_nps($rows, $scores).unwrap();
        Calibrated {
            weights: cal.weights($rows).unwrap(),
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
        }
    }};
}

#[test]
fn reference_calibration_matches_r_survey() {
    let mut c = Checker::new();
    let r_weights: Vec<Vec<String>> = file("weighting_weights.csv");
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
        let fits = [
            (
                "raked",
                calibrate!(raking(false), &labels, &flags, &csat, &scores),
            ),
            (
                "trimmed",
                calibrate!(raking(true), &labels, &flags, &csat, &scores),
            ),
            (
                "poststratified",
                calibrate!(post_stratification(), &crossed, &flags, &csat, &scores),
            ),
        ];
        let mine: Vec<&Vec<String>> = r_weights.iter().filter(|r| r[0] == name).collect();
        for (column, (prefix, fit)) in fits.iter().enumerate() {
            assert_eq!(mine.len(), fit.weights.len());
            let key = format!("{prefix}_weight");
            for (row, (w, r)) in fit.weights.iter().zip(&mine).enumerate() {
                assert_eq!(r[1], row.to_string());
                let r = num(&r[2 + column]);
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
