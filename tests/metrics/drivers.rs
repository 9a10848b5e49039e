//! Key-driver analysis against R (`lm` on every subset and `eigen`, as `relaimpo` defines the
//! measures; tests/reference/drivers/generate_drivers.R), weighted and unweighted, to 1e-9
//! relative for all six measures, performance, R² and the row counts; and the merge law.

use std::collections::BTreeMap;

use proptest::prelude::*;
use satisfaction::Aggregator;
use satisfaction::drivers::{Bootstrap, DriversError, KeyDrivers, MissingAnswers};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/drivers");

/// A data row: the outcome, the driver values, the weight.
type Row = (Option<f64>, Vec<Option<f64>>, f64);

/// R's values for one case: per driver (in file order) the measures, and R², n, dropped.
struct Expected {
    drivers: Vec<String>,
    /// lmg, relative_weight, first, last, beta_squared, pratt, performance.
    values: Vec<[f64; 7]>,
    r_squared: f64,
    n: u64,
    dropped: u64,
}

fn expected() -> BTreeMap<(String, bool), Expected> {
    let text = std::fs::read_to_string(format!("{DIR}/drivers.csv")).unwrap();
    let mut cases: BTreeMap<(String, bool), Expected> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f[i].parse::<f64>().unwrap();
        let case = cases
            .entry((f[0].to_owned(), f[1] == "true"))
            .or_insert(Expected {
                drivers: Vec::new(),
                values: Vec::new(),
                r_squared: num(10),
                n: f[11].parse().unwrap(),
                dropped: f[12].parse().unwrap(),
            });
        case.drivers.push(f[2].to_owned());
        case.values
            .push([num(3), num(4), num(5), num(6), num(7), num(8), num(9)]);
    }
    cases
}

/// The rows of a case: (outcome, driver values, weight).
fn rows(case: &str, drivers: &[String], weighted: bool) -> Vec<Row> {
    let (path, outcome, weight) = if case.starts_with("airline") {
        (
            format!(
                "{}/examples/data/airline_survey.csv",
                env!("CARGO_MANIFEST_DIR")
            ),
            "overall",
            "weight",
        )
    } else {
        (format!("{DIR}/data_{case}.csv"), "y", "w")
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (y, w) = (column(outcome), weighted.then(|| column(weight)));
    let x: Vec<usize> = drivers.iter().map(|d| column(d)).collect();
    lines
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let cell = |i: usize| f[i].parse::<f64>().ok();
            (
                cell(y),
                x.iter().map(|&i| cell(i)).collect(),
                w.and_then(cell).unwrap_or(1.0),
            )
        })
        .collect()
}

fn analyse(drivers: &[String], rows: &[Row]) -> KeyDrivers {
    let names: Vec<&str> = drivers.iter().map(String::as_str).collect();
    let mut k = KeyDrivers::new(&names).unwrap();
    for (outcome, values, weight) in rows {
        match outcome {
            Some(y) => k.try_push_weighted(*y, values, *weight).unwrap(),
            None => k
                .record(
                    satisfaction::drivers::DriverRow::new(None, values.clone())
                        .unwrap()
                        .weighted(*weight)
                        .unwrap(),
                )
                .unwrap(),
        }
    }
    k
}

fn close(got: f64, want: f64, what: &str) {
    let error = (got - want).abs() / want.abs().max(1e-300);
    assert!(
        error <= 1e-9 || (got - want).abs() <= 1e-15,
        "{what}: got {got:e}, R says {want:e} (relative error {error:e})"
    );
}

#[test]
fn every_measure_matches_r_on_every_case() {
    let cases = expected();
    assert_eq!(cases.len(), 11);
    for ((case, weighted), want) in &cases {
        let data = rows(case, &want.drivers, *weighted);
        let summary = analyse(&want.drivers, &data).analyse().unwrap();
        let label = format!("{case} weighted={weighted}");
        assert_eq!(
            (summary.n(), summary.dropped()),
            (want.n, want.dropped),
            "{label}"
        );
        close(summary.r_squared(), want.r_squared, &format!("{label} R²"));
        for (name, values) in want.drivers.iter().zip(&want.values) {
            let d = summary.driver(name).unwrap();
            let got = [
                d.lmg(),
                d.relative_weight(),
                d.first(),
                d.last(),
                d.beta_squared(),
                d.pratt(),
                d.performance(),
            ];
            for (k, (g, w)) in got.iter().zip(values).enumerate() {
                close(*g, *w, &format!("{label} {name} measure {k}"));
            }
        }
        // The decompositions add up to R².
        let sum = |f: fn(&satisfaction::drivers::Driver) -> f64| {
            summary.drivers().iter().map(f).sum::<f64>()
        };
        close(
            sum(|d| d.lmg()),
            summary.r_squared(),
            &format!("{label} Σ lmg"),
        );
        close(
            sum(|d| d.relative_weight()),
            summary.r_squared(),
            &format!("{label} Σ rw"),
        );
    }
}

/// The 14-item airline survey split in three, the parts merged in every order, against one
/// pass: the measures agree to 1e-12 relative.
#[test]
fn merged_parts_give_the_measures_of_one_pass() {
    let cases = expected();
    let want = &cases[&("airline14".to_owned(), true)];
    let data = rows("airline14", &want.drivers, true);
    let whole = analyse(&want.drivers, &data).analyse().unwrap();
    let (a, b, c) = (
        analyse(&want.drivers, &data[..1000]),
        analyse(&want.drivers, &data[1000..1001]),
        analyse(&want.drivers, &data[1001..]),
    );
    for order in [[&a, &b, &c], [&c, &b, &a], [&b, &c, &a]] {
        let mut merged = order[0].clone();
        merged.merge(order[1]).unwrap();
        merged.merge(order[2]).unwrap();
        let summary = merged.analyse().unwrap();
        assert_eq!(summary.n(), whole.n());
        for (d, e) in summary.drivers().iter().zip(whole.drivers()) {
            for (g, w) in [
                (d.lmg(), e.lmg()),
                (d.relative_weight(), e.relative_weight()),
                (d.pratt(), e.pratt()),
            ] {
                assert!(
                    (g - w).abs() <= 1e-12 * w.abs().max(1e-3),
                    "{}: {g} vs {w}",
                    d.name()
                );
            }
        }
    }
}

#[test]
fn degenerate_data_is_an_error_naming_the_drivers() {
    let mut constant = KeyDrivers::new(&["a", "b"]).unwrap();
    let mut collinear = KeyDrivers::new(&["a", "b", "twice a"]).unwrap();
    for i in 0..10 {
        let x = f64::from(i);
        constant.try_push(x, &[Some(x % 3.0), Some(4.0)]).unwrap();
        collinear
            .try_push(
                x * 0.5 + (x % 2.0),
                &[Some(x), Some(x % 3.0), Some(2.0 * x)],
            )
            .unwrap();
    }
    assert!(
        matches!(constant.analyse(), Err(DriversError::ConstantDriver { name, .. }) if name == "b")
    );
    assert!(constant.summary().is_none());
    match collinear.analyse() {
        Err(DriversError::Collinear { names, .. }) => assert_eq!(names, ["a", "twice a"]),
        other => panic!("{other:?}"),
    }
    let mut few = KeyDrivers::new(&["a", "b", "c"]).unwrap();
    for i in 0..4 {
        few.try_push(f64::from(i), &[Some(1.0), Some(f64::from(i)), Some(0.5)])
            .unwrap();
    }
    assert!(matches!(
        few.analyse(),
        Err(DriversError::TooFewRows {
            rows: 4,
            needed: 5,
            ..
        })
    ));
    assert_eq!(
        KeyDrivers::new(&["a"]).unwrap().analyse(),
        Err(DriversError::Empty)
    );
}

#[test]
fn bad_rows_are_refused_and_change_nothing() {
    let mut k = KeyDrivers::new(&["a", "b"]).unwrap();
    k.try_push(1.0, &[Some(1.0), Some(2.0)]).unwrap();
    let before = k.clone();
    assert!(matches!(
        k.try_push(1.0, &[Some(1.0)]),
        Err(DriversError::WrongLength {
            expected: 2,
            found: 1,
            ..
        })
    ));
    assert!(matches!(
        k.try_push(f64::NAN, &[Some(1.0), None]),
        Err(DriversError::NotFinite { .. })
    ));
    assert!(matches!(
        k.try_push(1.0, &[Some(f64::INFINITY), None]),
        Err(DriversError::NotFinite { .. })
    ));
    for w in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            k.try_push_weighted(1.0, &[Some(1.0), None], w),
            Err(DriversError::Weight(_))
        ));
    }
    assert_eq!(k, before);
    let mut other = KeyDrivers::new(&["a", "c"]).unwrap();
    assert!(other.merge(&k).is_err());
    assert!(matches!(
        KeyDrivers::new(&["a", " "]),
        Err(DriversError::EmptyName { index: 1, .. })
    ));
    let too_many: Vec<String> = (0..31).map(|i| format!("d{i}")).collect();
    let names: Vec<&str> = too_many.iter().map(String::as_str).collect();
    assert!(matches!(
        KeyDrivers::new(&names),
        Err(DriversError::TooManyDrivers { drivers: 31, .. })
    ));
    let mut bootstrapped = KeyDrivers::builder(&["a"])
        .bootstrap(Bootstrap::default())
        .build()
        .unwrap();
    assert_eq!(
        bootstrapped.try_push(1.0, &[Some(1.0)]),
        Err(DriversError::MissingKey)
    );
    assert!(
        bootstrapped
            .merge(&KeyDrivers::new(&["a"]).unwrap())
            .is_err()
    );
}

/// Pairwise: with no value missing it gives exactly the complete-case analysis.
#[test]
fn pairwise_without_missing_values_is_complete_cases() {
    let cases = expected();
    let want = &cases[&("p3_n10".to_owned(), false)];
    let data = rows("p3_n10", &want.drivers, false);
    let names: Vec<&str> = want.drivers.iter().map(String::as_str).collect();
    let mut pairwise = KeyDrivers::builder(&names)
        .missing(MissingAnswers::Pairwise)
        .build()
        .unwrap();
    for (y, values, _) in &data {
        pairwise.try_push(y.unwrap(), values).unwrap();
    }
    let (p, c) = (
        pairwise.analyse().unwrap(),
        analyse(&want.drivers, &data).analyse().unwrap(),
    );
    for (a, b) in p.drivers().iter().zip(c.drivers()) {
        assert!((a.lmg() - b.lmg()).abs() < 1e-12 && (a.pratt() - b.pratt()).abs() < 1e-12);
    }
}

/// The bootstrap's replicates do not depend on how the rows are split or ordered: the same
/// keyed rows in two parts, merged in either order, give the same intervals.
#[test]
fn bootstrap_intervals_do_not_depend_on_the_split() {
    let cases = expected();
    let want = &cases[&("airline5".to_owned(), false)];
    let data = rows("airline5", &want.drivers, false);
    let names: Vec<&str> = want.drivers.iter().map(String::as_str).collect();
    let build = |part: &[Row], offset: usize| {
        let mut k = KeyDrivers::builder(&names)
            .bootstrap(Bootstrap::new(50, 7).unwrap())
            .build()
            .unwrap();
        for (i, (y, values, _)) in part.iter().enumerate() {
            if let Some(y) = y {
                k.try_push_keyed((i + offset) as u64, *y, values, 1.0)
                    .unwrap();
            }
        }
        k
    };
    let whole = build(&data, 0).analyse().unwrap();
    let mut merged = build(&data[2000..], 2000);
    merged.merge(&build(&data[..2000], 0)).unwrap();
    let level = satisfaction::ConfidenceLevel::P90;
    let (a, b) = (
        whole.intervals(level).unwrap(),
        merged.analyse().unwrap().intervals(level).unwrap(),
    );
    assert_eq!(a.replicates(), 50);
    for name in &names {
        let (x, y) = (
            a.interval(name, satisfaction::drivers::Measure::Lmg)
                .unwrap(),
            b.interval(name, satisfaction::drivers::Measure::Lmg)
                .unwrap(),
        );
        assert!((x.lower() - y.lower()).abs() < 1e-12 && (x.upper() - y.upper()).abs() < 1e-12);
        let point = whole.driver(name).unwrap().lmg();
        assert!(
            x.lower() <= point && point <= x.upper(),
            "{name}: {point} outside {x}"
        );
    }
}

proptest! {
    /// Arbitrary rows (missing values, extreme values, weights) never panic, and the analysis
    /// is a summary or an error, never NaN.
    #[test]
    fn arbitrary_rows_never_panic(
        rows in prop::collection::vec(
            (any::<f64>(), prop::collection::vec(prop::option::of(-1e6f64..1e6), 3), 0.01f64..100.0),
            0..40,
        ),
    ) {
        let mut k = KeyDrivers::builder(&["a", "b", "c"]).missing(MissingAnswers::Pairwise).build().unwrap();
        for (y, values, w) in rows {
            let _ = k.try_push_weighted(y, &values, w);
        }
        if let Ok(summary) = k.analyse() {
            prop_assert!(summary.r_squared().is_finite());
            for d in summary.drivers() {
                prop_assert!(d.lmg().is_finite() && d.relative_weight().is_finite() && d.performance().is_finite());
            }
        }
    }
}

/// Coverage of the 95% percentile bootstrap intervals of LMG, by simulation from a known
/// population: x ~ N(0, Σ) with four correlated drivers, y = bᵀx + ε. The true LMG is the
/// Shapley value of the population R² (R² of each subset from Σ, by elimination). Run in
/// release (`cargo test --release --test metrics coverage -- --ignored --nocapture`); the
/// README reports the numbers.
#[test]
#[ignore = "a simulation of a few seconds in release; run it when the bootstrap changes"]
fn bootstrap_lmg_intervals_cover_the_population_value() {
    const P: usize = 4;
    let sigma: [[f64; P]; P] = [
        [1.0, 0.5, 0.3, 0.2],
        [0.5, 1.0, 0.4, 0.1],
        [0.3, 0.4, 1.0, 0.3],
        [0.2, 0.1, 0.3, 1.0],
    ];
    let b = [0.6, 0.3, 0.2, 0.05];
    let noise = 1.0;
    // Population covariance of (x, y).
    let sxy: Vec<f64> = (0..P)
        .map(|i| (0..P).map(|j| sigma[i][j] * b[j]).sum())
        .collect();
    let vy: f64 = (0..P).map(|i| b[i] * sxy[i]).sum::<f64>() + noise * noise;
    // R² of a subset: sxyᵀ Σ_S⁻¹ sxy / vy, by Gaussian elimination.
    let r2 = |subset: usize| -> f64 {
        let idx: Vec<usize> = (0..P).filter(|j| subset >> j & 1 == 1).collect();
        let k = idx.len();
        if k == 0 {
            return 0.0;
        }
        let mut a: Vec<Vec<f64>> = idx
            .iter()
            .map(|&i| {
                let mut row: Vec<f64> = idx.iter().map(|&j| sigma[i][j]).collect();
                row.push(sxy[i]);
                row
            })
            .collect();
        for c in 0..k {
            for r in c + 1..k {
                let f = a[r][c] / a[c][c];
                let pivot = a[c].clone();
                for (x, p) in a[r][c..].iter_mut().zip(&pivot[c..]) {
                    *x -= f * p;
                }
            }
        }
        let mut beta = vec![0.0; k];
        for c in (0..k).rev() {
            beta[c] = (a[c][k] - (c + 1..k).map(|t| a[c][t] * beta[t]).sum::<f64>()) / a[c][c];
        }
        idx.iter()
            .zip(&beta)
            .map(|(&i, bi)| sxy[i] * bi)
            .sum::<f64>()
            / vy
    };
    let factorial = |n: usize| (1..=n).map(|v| v as f64).product::<f64>();
    let truth: Vec<f64> = (0..P)
        .map(|j| {
            (0..1usize << P)
                .filter(|s| s >> j & 1 == 0)
                .map(|s| {
                    let k = s.count_ones() as usize;
                    factorial(k) * factorial(P - k - 1) / factorial(P) * (r2(s | 1 << j) - r2(s))
                })
                .sum()
        })
        .collect();
    // Cholesky of Σ for sampling.
    let mut l = [[0.0; P]; P];
    for i in 0..P {
        for j in 0..=i {
            let s: f64 = (0..j).map(|t| l[i][t] * l[j][t]).sum();
            l[i][j] = if i == j {
                (sigma[i][i] - s).sqrt()
            } else {
                (sigma[i][j] - s) / l[j][j]
            };
        }
    }
    let mut state = 0x1234_5678_9abc_def0_u64;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let mut normal = move || {
        let (u, v) = (uniform(), uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    };
    let names = ["x1", "x2", "x3", "x4"];
    let (runs, n) = (1_000, 400);
    let mut covered = [0usize; P];
    let mut width = [0.0f64; P];
    for run in 0..runs {
        let mut k = KeyDrivers::builder(&names)
            .bootstrap(Bootstrap::new(200, run as u64).unwrap())
            .build()
            .unwrap();
        for i in 0..n {
            let z: Vec<f64> = (0..P).map(|_| normal()).collect();
            let x: Vec<f64> = (0..P)
                .map(|r| (0..=r).map(|c| l[r][c] * z[c]).sum())
                .collect();
            let y = x.iter().zip(&b).map(|(x, b)| x * b).sum::<f64>() + noise * normal();
            let values: Vec<Option<f64>> = x.into_iter().map(Some).collect();
            k.try_push_keyed((run * n + i) as u64, y, &values, 1.0)
                .unwrap();
        }
        let intervals = k
            .analyse()
            .unwrap()
            .intervals(satisfaction::ConfidenceLevel::P95)
            .unwrap();
        for j in 0..P {
            let ci = intervals
                .interval(names[j], satisfaction::drivers::Measure::Lmg)
                .unwrap();
            covered[j] += usize::from(ci.contains(truth[j]));
            width[j] += ci.width() / runs as f64;
        }
    }
    for j in 0..P {
        let coverage = covered[j] as f64 / runs as f64;
        println!(
            "{}: true LMG {:.4}, 95% percentile bootstrap coverage {coverage:.3}, mean width {:.4}",
            names[j], truth[j], width[j]
        );
        assert!(
            (0.88..=0.99).contains(&coverage),
            "{}: {coverage}",
            names[j]
        );
    }
}
