//! Agreement with scipy / statsmodels on the committed reference tables in `tests/reference/`
//! (written by `tests/reference/generate.py`; see its docstring for versions and conventions).

use satisfaction::interval::{ProportionMethod, nps, proportion};
use satisfaction::{Aggregator, ConfidenceLevel, Csat, NpsMethod, RatingScale};

/// Relative agreement to 1e-9, or absolute 1e-12 for values near 0.
fn assert_close(actual: f64, expected: f64, what: &str) {
    assert_within(1e-9, actual, expected, what);
}

/// The exact methods (Clopper-Pearson, Jeffreys, Garwood), which invert TOMS 708 / TOMS 654
/// CDFs to full precision: relative agreement to 1e-13 (absolute 1e-16 near 0).
fn assert_exact(actual: f64, expected: f64, what: &str) {
    assert_within(1e-13, actual, expected, what);
}

fn assert_within(relative: f64, actual: f64, expected: f64, what: &str) {
    let tolerance = relative * expected.abs().max(1e-3);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual:e}, scipy says {expected:e} (difference {:e})",
        (actual - expected).abs()
    );
}

use crate::fixtures::num;

fn rows(name: &str) -> Vec<Vec<String>> {
    let rows = crate::fixtures::rows(name);
    assert!(rows.len() > 50, "{name} has too few rows to mean anything");
    rows
}

#[test]
fn proportion_intervals_match_statsmodels() {
    for row in rows("proportion.csv") {
        let method = match row[0].as_str() {
            "wald" => ProportionMethod::Wald,
            "wilson" => ProportionMethod::Wilson,
            "wilson_cc" => ProportionMethod::WilsonCorrected,
            "agresti_coull" => ProportionMethod::AgrestiCoull,
            "clopper_pearson" => ProportionMethod::ClopperPearson,
            "jeffreys" => ProportionMethod::Jeffreys,
            other => panic!("unknown method {other}"),
        };
        let (x, n) = (row[1].parse().unwrap(), row[2].parse().unwrap());
        let level = ConfidenceLevel::new(num(&row[3])).unwrap();
        let ci = proportion(x, n, level, method).unwrap();
        let what = format!("{method} {x}/{n} at {level}");
        let check = match method {
            ProportionMethod::ClopperPearson | ProportionMethod::Jeffreys => assert_exact,
            _ => assert_close,
        };
        check(ci.lower(), num(&row[4]), &format!("{what} lower"));
        check(ci.upper(), num(&row[5]), &format!("{what} upper"));
    }
}

#[test]
fn mean_intervals_match_scipy_t() {
    for row in rows("mean_interval.csv") {
        let scale = RatingScale::new(row[0].parse().unwrap(), row[1].parse().unwrap()).unwrap();
        let counts: Vec<u64> = row[2].split(';').map(|c| c.parse().unwrap()).collect();
        let csat = Csat::from_counts(scale, scale.max(), &counts).unwrap();
        let level = ConfidenceLevel::new(num(&row[3])).unwrap();
        let summary = csat.summary().unwrap();
        let what = format!("{} at {level}", row[2]);
        assert_close(summary.mean(), num(&row[4]), &format!("{what} mean"));
        assert_close(
            summary.std_dev().unwrap(),
            num(&row[5]),
            &format!("{what} sd"),
        );
        let ci = summary.mean_interval(level);
        assert_close(ci.lower(), num(&row[6]), &format!("{what} lower"));
        assert_close(ci.upper(), num(&row[7]), &format!("{what} upper"));
    }
}

#[test]
fn nps_intervals_match_the_reference_formulas() {
    for row in rows("nps.csv") {
        let (b, m, c) = (
            row[0].parse().unwrap(),
            row[1].parse().unwrap(),
            row[2].parse().unwrap(),
        );
        let level = ConfidenceLevel::new(num(&row[3])).unwrap();
        let method = match row[4].as_str() {
            "wald" => NpsMethod::Wald,
            "adjusted_wald" => NpsMethod::AdjustedWald,
            other => panic!("unknown method {other}"),
        };
        let ci = nps(b, m, c, level, method).unwrap();
        let what = format!("{method} ({b},{m},{c}) at {level}");
        assert_close(ci.lower() / 100.0, num(&row[6]), &format!("{what} lower"));
        assert_close(ci.upper() / 100.0, num(&row[7]), &format!("{what} upper"));
    }
}

#[test]
fn poisson_rates_match_scipy_garwood() {
    use satisfaction::interval::poisson_rate;
    for row in rows("poisson.csv") {
        let events: u64 = row[0].parse().unwrap();
        let exposure = num(&row[1]);
        let level = ConfidenceLevel::new(num(&row[2])).unwrap();
        let ci = poisson_rate(events, exposure, level).unwrap();
        let what = format!("{events} events over {exposure} at {level}");
        if events == 0 {
            assert_eq!(ci.lower(), 0.0, "{what}");
        } else {
            assert_exact(ci.lower(), num(&row[3]), &format!("{what} lower"));
        }
        assert_exact(ci.upper(), num(&row[4]), &format!("{what} upper"));
    }
}

#[test]
fn quantile_ranks_match_exact_binomial_quantiles() {
    use satisfaction::interval::quantile_ranks;
    let mut undefined = 0;
    for row in rows("quantile_ranks.csv") {
        let n: u64 = row[0].parse().unwrap();
        let q = num(&row[1]);
        let level = ConfidenceLevel::new(num(&row[2])).unwrap();
        let expected = if row[3].is_empty() {
            undefined += 1;
            None
        } else {
            Some((row[3].parse().unwrap(), row[4].parse().unwrap()))
        };
        assert_eq!(
            quantile_ranks(n, q, level).unwrap(),
            expected,
            "n = {n}, q = {q}, level = {level}"
        );
    }
    assert!(
        undefined > 10,
        "the table must include sample sizes too small for an interval"
    );
}

/// p-values agree to 1e-9 relative, or 1e-12 absolute when tiny.
fn assert_p(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs() + 1e-12,
        "{what}: p = {actual:e}, reference {expected:e}"
    );
}

#[test]
fn proportion_differences_match_statsmodels_newcombe() {
    use satisfaction::interval::proportion_difference_test;
    for row in rows("proportion_difference.csv") {
        let n: Vec<u64> = row[..4].iter().map(|x| x.parse().unwrap()).collect();
        let level = ConfidenceLevel::new(num(&row[4])).unwrap();
        let d = proportion_difference_test(n[0], n[1], n[2], n[3], level).unwrap();
        let what = format!("{}/{} - {}/{} at {level}", n[0], n[1], n[2], n[3]);
        assert_close(d.interval().lower(), num(&row[5]), &format!("{what} lower"));
        assert_close(d.interval().upper(), num(&row[6]), &format!("{what} upper"));
        assert_p(d.p_value(), num(&row[7]), &what);
    }
}

#[test]
fn welch_matches_scipy() {
    use satisfaction::interval::welch;
    for row in rows("welch.csv") {
        let level = ConfidenceLevel::new(num(&row[6])).unwrap();
        let d = welch(
            row[0].parse().unwrap(),
            num(&row[1]),
            num(&row[2]),
            row[3].parse().unwrap(),
            num(&row[4]),
            num(&row[5]),
            level,
        )
        .unwrap();
        let what = format!("welch {row:?}");
        assert_close(d.interval().lower(), num(&row[7]), &what);
        assert_close(d.interval().upper(), num(&row[8]), &what);
        assert_p(d.p_value(), num(&row[9]), &what);
    }
}

#[test]
fn nps_differences_match_the_reference_formulas() {
    use satisfaction::Nps;
    let parse =
        |field: &str| -> Vec<u64> { field.split(';').map(|x| x.parse().unwrap()).collect() };
    for row in rows("nps_difference.csv") {
        let (l, r) = (parse(&row[0]), parse(&row[1]));
        let left = Nps::from_counts(l[0], l[1], l[2])
            .unwrap()
            .summary()
            .unwrap();
        let right = Nps::from_counts(r[0], r[1], r[2])
            .unwrap()
            .summary()
            .unwrap();
        let level = ConfidenceLevel::new(num(&row[2])).unwrap();
        let method = match row[3].as_str() {
            "wald" => NpsMethod::Wald,
            _ => NpsMethod::AdjustedWald,
        };
        let d = left.difference(&right, level, method);
        let what = format!("{row:?}");
        assert_close(d.estimate() / 100.0, num(&row[4]), &what);
        assert_close(d.interval().lower() / 100.0, num(&row[5]), &what);
        assert_close(d.interval().upper() / 100.0, num(&row[6]), &what);
        assert_p(d.p_value(), num(&row[7]), &what);
    }
}

/// confseq's bisection stops at 40 bits; agreement to 1e-6 absolute on [0, 1].
#[test]
fn confidence_sequences_match_confseq() {
    use satisfaction::interval::proportion_sequence;
    for row in rows("sequence.csv") {
        let (x, n, t): (u64, u64, u64) = (
            row[0].parse().unwrap(),
            row[1].parse().unwrap(),
            row[3].parse().unwrap(),
        );
        let level = ConfidenceLevel::new(num(&row[2])).unwrap();
        let cs = proportion_sequence(x, n, level, t).unwrap();
        for (ours, theirs, side) in [
            (cs.lower(), num::<f64>(&row[4]), "lower"),
            (cs.upper(), num(&row[5]), "upper"),
        ] {
            assert!(
                (ours - theirs).abs() <= 1e-6,
                "{x}/{n} at {level}, tuned for {t}, {side}: ours {ours}, confseq {theirs}"
            );
        }
    }
}
