//! Crosstabs: the column-proportion tests against statsmodels (`tests/reference/crosstab/`,
//! written by `generate_column_proportions.py` following SPSS's algorithm), the column
//! statistics against the crate's own NPS, Student t and weighted NPS, the merge laws, and the
//! percentages that add up.

use std::collections::BTreeMap;

use proptest::prelude::*;
use satisfaction::compare::{Adjustment, Significance};
use satisfaction::crosstab::{Crosstab, CrosstabSummary, Exclusion, StatisticKind};
use satisfaction::interval::student_t;
use satisfaction::weighting::WeightedNps;
use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsScore, Summary};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/crosstab");

fn csv(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(format!("{DIR}/{name}")).unwrap();
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    assert!(rows.len() > 50, "{name} is too short to mean anything");
    rows
}

/// Every fixture table, rebuilt: unweighted ones from their counts, weighted ones from their
/// respondents in file order.
fn tables() -> BTreeMap<String, Crosstab<u32, u32>> {
    let mut out: BTreeMap<String, Crosstab<u32, u32>> = BTreeMap::new();
    for row in csv("tables.csv") {
        let (name, r, c) = (&row[0], row[1].parse().unwrap(), row[2].parse().unwrap());
        if name.starts_with('w') {
            continue;
        }
        let n: usize = row[3].parse().unwrap();
        out.entry(name.clone())
            .or_default()
            .extend(std::iter::repeat_n((r, c), n));
    }
    for row in csv("respondents.csv") {
        let (r, c) = (row[1].parse().unwrap(), row[2].parse().unwrap());
        out.entry(row[0].clone())
            .or_default()
            .try_push_weighted(r, c, row[3].parse().unwrap())
            .unwrap();
    }
    assert_eq!(out.len(), 7);
    out
}

fn close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-12 * expected.abs().max(1e-3);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual:e} against statsmodels' {expected:e}"
    );
}

fn row_index(summary: &CrosstabSummary<u32, u32>, row: u32) -> Option<usize> {
    summary.rows().iter().position(|&r| r == row)
}

#[test]
fn column_proportion_tests_match_statsmodels() {
    let tables = tables();
    let summaries: BTreeMap<&String, CrosstabSummary<u32, u32>> = tables
        .iter()
        .map(|(k, t)| (k, t.summary().unwrap()))
        .collect();
    let bonferroni = |level| Significance::new(level, Adjustment::Bonferroni);
    let mut checked = 0;
    for row in csv("pairs.csv") {
        let summary = &summaries[&row[0]];
        let r: u32 = row[1].parse().unwrap();
        let (i, j): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        let what = format!("{} row {r} columns {i}-{j}", row[0]);
        let (pi, pj): (f64, f64) = (row[4].parse().unwrap(), row[5].parse().unwrap());
        close(summary.share(&r, &(i as u32)).unwrap_or(0.0), pi, &what);
        close(summary.share(&r, &(j as u32)).unwrap_or(0.0), pj, &what);
        for (level, sig) in [
            (ConfidenceLevel::P95, &row[11]),
            (ConfidenceLevel::P90, &row[12]),
        ] {
            let tests = summary.column_tests(&bonferroni(level)).unwrap();
            let pair = row_index(summary, r).and_then(|ri| {
                tests
                    .pairs()
                    .iter()
                    .find(|p| p.row == ri && p.left == i && p.right == j)
            });
            if row[13] == "0" {
                assert!(
                    pair.is_none(),
                    "{what}: tested, statsmodels' reference did not"
                );
                continue;
            }
            let pair = pair.unwrap_or_else(|| panic!("{what}: not tested"));
            close(pair.z, row[8].parse().unwrap(), &format!("{what} z"));
            close(pair.p_value, row[9].parse().unwrap(), &format!("{what} p"));
            close(
                pair.adjusted_p_value,
                row[10].parse().unwrap(),
                &format!("{what} Bonferroni"),
            );
            assert_eq!(pair.significant, sig == "1", "{what} at {level}");
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn letters_match_the_reference() {
    let tables = tables();
    let mut checked = 0;
    for row in csv("letters.csv") {
        let summary = tables[&row[0]].summary().unwrap();
        let level = if row[1] == "0.05" {
            ConfidenceLevel::P95
        } else {
            ConfidenceLevel::P90
        };
        let tests = summary
            .column_tests(&Significance::new(level, Adjustment::Bonferroni))
            .unwrap();
        let (r, c): (u32, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        let expected = row.get(4).map_or("", String::as_str);
        let letters = row_index(&summary, r).map_or("", |ri| tests.letters(ri, c));
        assert_eq!(
            letters, expected,
            "{} at {} row {r} column {c}",
            row[0], row[1]
        );
        checked += 1;
    }
    assert!(checked > 150);
}

#[test]
fn exclusions_follow_the_spss_footnotes() {
    let tables = tables();
    // u3x5_small: column bases 1, 2, 2, 30, 25; column 0 is never compared.
    let summary = tables["u3x5_small"].summary().unwrap();
    let tests = summary.spss_column_tests().unwrap();
    for r in 0..summary.rows().len() {
        assert_eq!(tests.exclusion(r, 0), Some(Exclusion::SmallBase));
    }
    // u3x3_one: column 2's row 0 holds the whole column.
    let summary = tables["u3x3_one"].summary().unwrap();
    let tests = summary.spss_column_tests().unwrap();
    assert_eq!(tests.exclusion(0, 2), Some(Exclusion::ZeroOrOne));
    assert_eq!(tests.letters(0, 2), "");
}

#[test]
fn unweighted_column_statistics_are_the_metrics_own() {
    let answers = [
        (10u8, "a"),
        (9, "a"),
        (3, "a"),
        (7, "a"),
        (10, "a"),
        (0, "b"),
        (6, "b"),
        (9, "b"),
    ];
    let level = ConfidenceLevel::P90;
    let table: Crosstab<NpsScore, &str> = answers
        .iter()
        .map(|&(s, c)| (NpsScore::new(s).unwrap(), c))
        .collect();
    let summary = table.summary().unwrap();
    let mut nps = Nps::default();
    nps.try_extend_from_slice(&[10, 9, 3, 7, 10]).unwrap();
    let nps = nps.summary().unwrap();
    let column = summary.column_statistic(&"a", level).unwrap();
    assert_eq!(column.kind, StatisticKind::Nps);
    assert_eq!(column.estimate, nps.score());
    assert_eq!(column.interval, nps.default_interval(level));
    assert_eq!(column.method, nps.default_method());

    // Numbers as rows: the mean with Student's t.
    let ratings: Crosstab<u8, &str> = [(5u8, "x"), (4, "x"), (4, "x"), (2, "x"), (1, "y")]
        .into_iter()
        .collect();
    let mean = ratings
        .summary()
        .unwrap()
        .column_statistic(&"x", level)
        .unwrap();
    let values = [5.0, 4.0, 4.0, 2.0];
    let m: f64 = values.iter().sum::<f64>() / 4.0;
    let sd = (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / 3.0).sqrt();
    let expected = student_t(4, m, sd, level).unwrap();
    let got = mean.interval.unwrap();
    assert_eq!((mean.kind, mean.estimate), (StatisticKind::Mean, m));
    assert!((got.lower() - expected.lower()).abs() < 1e-12);
    assert!((got.upper() - expected.upper().min(5.0)).abs() < 1e-12);
}

#[test]
fn weighted_column_nps_is_the_weighting_modules() {
    // WeightedNps is checked against R's survey package; the crosstab's column must agree.
    let answers: Vec<(u8, f64)> = (0..200u32)
        .map(|i| ((i * 7 % 11) as u8, 0.3 + f64::from(i % 13) * 0.37))
        .collect();
    let mut table: Crosstab<NpsScore, &str> = Crosstab::new();
    let mut reference = WeightedNps::default();
    for &(score, weight) in &answers {
        table
            .try_push_weighted(NpsScore::new(score).unwrap(), "all", weight)
            .unwrap();
        reference.try_push(score, weight).unwrap();
    }
    let level = ConfidenceLevel::P95;
    let column = table
        .summary()
        .unwrap()
        .column_statistic(&"all", level)
        .unwrap();
    let reference = reference.summary().unwrap();
    assert!((column.estimate - reference.score()).abs() < 1e-9);
    let (a, b) = (column.interval.unwrap(), reference.interval(level));
    assert!((a.lower() - b.lower()).abs() < 1e-9, "{a} vs {b}");
    assert!((a.upper() - b.upper()).abs() < 1e-9, "{a} vs {b}");
    assert_eq!(column.method, reference.default_method());
}

#[test]
fn percentages_add_up_in_every_column() {
    let table: Crosstab<u8, u8> = (0..997u32)
        .map(|i| ((i * 31 % 7) as u8, (i % 3) as u8))
        .collect();
    let summary = table.summary().unwrap();
    for column in summary.columns() {
        for decimals in 0..=3 {
            let p = summary.column_percentages(column, decimals).unwrap();
            let units: i64 = p
                .iter()
                .map(|x| (x * 10f64.powi(i32::from(decimals))).round() as i64)
                .sum();
            assert_eq!(units, 100 * 10i64.pow(u32::from(decimals)));
        }
    }
}

#[test]
fn too_many_columns_to_letter_is_an_error_not_a_wall_of_letters() {
    let table: Crosstab<u8, u32> = (0..5_000u32).map(|i| ((i % 2) as u8, i)).collect();
    let summary = table.summary().unwrap();
    assert_eq!(summary.columns().len(), 5_000);
    assert!(summary.spss_column_tests().is_err());
    // The summary itself is fine.
    assert_eq!(
        summary.column_percentages(&4_999, 0),
        Some(vec![0.0, 100.0])
    );
}

proptest! {
    #[test]
    fn split_anywhere_then_merge_is_one_pass(
        answers in prop::collection::vec((0u8..6, 0u8..4, prop::option::of(0.1f64..10.0)), 0..200),
        cut in any::<prop::sample::Index>(),
    ) {
        let record = |t: &mut Crosstab<u8, u8>, items: &[(u8, u8, Option<f64>)]| {
            for &(r, c, w) in items {
                match w {
                    Some(w) => t.try_push_weighted(r, c, w).unwrap(),
                    None => t.push((r, c)),
                }
            }
        };
        let cut = if answers.is_empty() { 0 } else { cut.index(answers.len() + 1) };
        let mut whole = Crosstab::new();
        record(&mut whole, &answers);
        let (mut left, mut right) = (Crosstab::new(), Crosstab::new());
        record(&mut left, &answers[..cut]);
        record(&mut right, &answers[cut..]);
        let mut lr = left.clone();
        lr.merge(&right).unwrap();
        let mut rl = right.clone();
        rl.merge(&left).unwrap();
        prop_assert_eq!(lr.count(), whole.count());
        match (whole.summary(), lr.summary(), rl.summary()) {
            (None, None, None) => {}
            (Some(w), Some(a), Some(b)) => {
                prop_assert_eq!(a.rows(), w.rows());
                prop_assert_eq!(a.columns(), w.columns());
                for r in w.rows() {
                    for c in w.columns() {
                        prop_assert_eq!(a.count(r, c), w.count(r, c));
                        prop_assert_eq!(b.count(r, c), w.count(r, c));
                        let (x, y, z) = (a.weight(r, c), b.weight(r, c), w.weight(r, c));
                        prop_assert!((x - z).abs() <= 1e-12 * z.max(1.0));
                        prop_assert!((y - z).abs() <= 1e-12 * z.max(1.0));
                    }
                }
                // The tests never panic and never produce a p-value outside [0, 1].
                for adjustment in [Adjustment::Bonferroni, Adjustment::Holm, Adjustment::None] {
                    let tests = w.column_tests(&Significance::new(ConfidenceLevel::P95, adjustment)).unwrap();
                    for p in tests.pairs() {
                        prop_assert!((0.0..=1.0).contains(&p.p_value));
                        prop_assert!(p.adjusted_p_value >= p.p_value && p.adjusted_p_value <= 1.0);
                    }
                }
            }
            _ => prop_assert!(false, "one side empty, the other not"),
        }
        let mut with_empty = whole.clone();
        with_empty.merge(&Crosstab::default()).unwrap();
        prop_assert!(with_empty == whole);
    }
}
