//! Differences between two independent samples: the estimate, its interval and a two-sided
//! p-value.
//!
//! - Proportions: the Newcombe (1998) hybrid score interval (his method 10), built from the two
//!   Wilson intervals; it keeps good coverage where the Wald difference interval fails (small n,
//!   shares near 0 or 1). The p-value is the pooled two-proportion z-test.
//! - NPS: Wald on the difference of the two NPS (their variances add), optionally on the
//!   adjusted-Wald pseudo-counts (+0.75 / +1.5 / +0.75 on each side); the p-value is the z-test
//!   with the same variance, so it agrees with the interval.
//! - Means: Welch's t with Welch-Satterthwaite degrees of freedom (no equal-variance
//!   assumption).
//!
//! ```
//! use satisfaction::ConfidenceLevel;
//! use satisfaction::interval::proportion_difference;
//!
//! // 56/70 satisfied this month against 48/80 last month.
//! let ci = proportion_difference(56, 70, 48, 80, ConfidenceLevel::P95)?;
//! assert_eq!(format!("{ci:.4}"), "[0.0524, 0.3339]");
//! # Ok::<(), satisfaction::interval::IntervalError>(())
//! ```

use std::fmt;

use statrs::distribution::{ContinuousCDF, StudentsT};

use super::nps::{Side, score_limit};
use super::{
    ConfidenceLevel, Interval, NpsMethod, ProportionMethod, inverse_cdf, proportion_unchecked,
};
use crate::interval::IntervalError;

/// A difference between two samples (left minus right): estimate, interval, p-value.
///
/// With the `serde` feature it serialises (write-only) as
/// `{"estimate", "lower", "upper", "p_value", "method"}`, the numbers a dashboard shows; it is
/// recomputed from the two summaries, which serialise both ways, rather than read back.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Difference {
    estimate: f64,
    interval: Interval,
    p_value: f64,
    method: &'static str,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Difference {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Difference", 5)?;
        out.serialize_field("estimate", &self.estimate)?;
        out.serialize_field("lower", &self.interval.lower())?;
        out.serialize_field("upper", &self.interval.upper())?;
        out.serialize_field("p_value", &self.p_value)?;
        out.serialize_field("method", self.method)?;
        out.end()
    }
}

impl Difference {
    pub(crate) fn new(
        estimate: f64,
        interval: Interval,
        p_value: f64,
        method: &'static str,
    ) -> Self {
        Self {
            estimate,
            interval,
            p_value: p_value.clamp(0.0, 1.0),
            method,
        }
    }

    /// Left minus right.
    #[must_use]
    pub fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The confidence interval of the difference.
    #[must_use]
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// The two-sided p-value of "no difference".
    #[must_use]
    pub fn p_value(&self) -> f64 {
        self.p_value
    }

    /// Whether the difference is significant at `level` (p < 1 − level).
    #[must_use]
    pub fn is_significant(&self, level: ConfidenceLevel) -> bool {
        self.p_value < level.alpha()
    }

    /// The method's name.
    #[must_use]
    pub fn method(&self) -> &'static str {
        self.method
    }
}

impl fmt::Display for Difference {
    /// `+0.193 (CI +0.052 to +0.334, Newcombe hybrid score; p = 0.0062)`, honouring the
    /// precision (default 3).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(3);
        write!(
            f,
            "{:+.p$} (CI {:+.p$} to {:+.p$}, {}; p = {:.4})",
            self.estimate,
            self.interval.lower(),
            self.interval.upper(),
            self.method,
            self.p_value
        )
    }
}

/// Two-sided normal p-value of z, `erfc(|z| / √2)` by TOMS 708's error function (statrs'
/// `erfc` is off by up to about 1e-10 relative in this range; scipy's `norm.sf` is not).
pub(crate) fn normal_p(z: f64) -> f64 {
    if z.is_nan() {
        return 1.0;
    }
    super::special::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// The Newcombe hybrid score interval (method 10) for p₁ − p₂ = x1/n1 − x2/n2, clamped to
/// [−1, 1].
///
/// # Errors
///
/// [`IntervalError::ZeroTrials`] when either `n` is 0;
/// [`IntervalError::SuccessesExceedTrials`] when `x > n` on either side.
pub fn proportion_difference(
    x1: u64,
    n1: u64,
    x2: u64,
    n2: u64,
    level: ConfidenceLevel,
) -> Result<Interval, IntervalError> {
    proportion_difference_test(x1, n1, x2, n2, level).map(|d| d.interval())
}

/// [`proportion_difference`] with the estimate and the pooled two-proportion z-test p-value.
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::proportion_difference_test;
///
/// let d = proportion_difference_test(9, 10, 3, 10, ConfidenceLevel::P95)?;
/// assert!((d.estimate() - 0.6).abs() < 1e-12);
/// assert_eq!(format!("{:.4}", d.interval()), "[0.1705, 0.8090]");
/// assert!(d.p_value() < 0.01);
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
///
/// # Errors
///
/// As [`proportion_difference`].
pub fn proportion_difference_test(
    x1: u64,
    n1: u64,
    x2: u64,
    n2: u64,
    level: ConfidenceLevel,
) -> Result<Difference, IntervalError> {
    for (x, n) in [(x1, n1), (x2, n2)] {
        if n == 0 {
            return Err(IntervalError::ZeroTrials);
        }
        if x > n {
            return Err(IntervalError::SuccessesExceedTrials {
                successes: x,
                trials: n,
            });
        }
    }
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let w1 = proportion_unchecked(x1, n1, level, ProportionMethod::Wilson);
    let w2 = proportion_unchecked(x2, n2, level, ProportionMethod::Wilson);
    let d = p1 - p2;
    let lower = d - ((p1 - w1.lower()).powi(2) + (w2.upper() - p2).powi(2)).sqrt();
    let upper = d + ((w1.upper() - p1).powi(2) + (p2 - w2.lower()).powi(2)).sqrt();
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    // In f64: x1 + x2 can exceed u64::MAX.
    let pooled = (x1 as f64 + x2 as f64) / (n1f + n2f);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1f + 1.0 / n2f)).sqrt();
    let p_value = if se > 0.0 { normal_p(d / se) } else { 1.0 };
    Ok(Difference::new(
        d,
        Interval::clamped(lower, upper, -1.0, 1.0),
        p_value,
        "Newcombe hybrid score",
    ))
}

/// Welch's t for the difference of two means from their summaries (n ≥ 2 each, sample
/// standard deviations).
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::welch;
///
/// let d = welch(40, 4.2, 0.8, 35, 3.9, 1.1, ConfidenceLevel::P95)?;
/// assert!((d.estimate() - 0.3).abs() < 1e-12);
/// assert!(d.interval().contains(0.0)); // not significant at 95%
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
///
/// # Errors
///
/// [`IntervalError::TooFewObservations`] when a side has fewer than 2 observations;
/// [`IntervalError::InvalidStatistic`] for non-finite means or negative / non-finite standard
/// deviations.
pub fn welch(
    n1: u64,
    mean1: f64,
    sd1: f64,
    n2: u64,
    mean2: f64,
    sd2: f64,
    level: ConfidenceLevel,
) -> Result<Difference, IntervalError> {
    for n in [n1, n2] {
        if n < 2 {
            return Err(IntervalError::TooFewObservations {
                method: "Welch's t",
                needed: 2,
                n,
            });
        }
    }
    for (what, value) in [("mean", mean1), ("mean", mean2)] {
        if !value.is_finite() {
            return Err(IntervalError::InvalidStatistic {
                what,
                value,
                constraint: "",
            });
        }
    }
    for sd in [sd1, sd2] {
        if !(sd >= 0.0 && sd.is_finite()) {
            return Err(IntervalError::InvalidStatistic {
                what: "standard deviation",
                value: sd,
                constraint: ", at least 0",
            });
        }
    }
    let (n1, n2) = (n1 as f64, n2 as f64);
    let (v1, v2) = (sd1 * sd1 / n1, sd2 * sd2 / n2);
    let se = (v1 + v2).sqrt();
    let d = mean1 - mean2;
    if se == 0.0 {
        let p = if d == 0.0 { 1.0 } else { 0.0 };
        return Ok(Difference::new(
            d,
            Interval::clamped(d, d, d, d),
            p,
            "Welch t",
        ));
    }
    let df = (v1 + v2).powi(2) / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
    let t = -inverse_cdf::student_t(df, level.alpha() / 2.0);
    let half = t * se;
    let p_value = match StudentsT::new(0.0, 1.0, df) {
        Ok(dist) => 2.0 * dist.sf((d / se).abs()),
        Err(_) => 1.0,
    };
    Ok(Difference::new(
        d,
        Interval::clamped(d - half, d + half, f64::NEG_INFINITY, f64::INFINITY),
        p_value,
        "Welch t",
    ))
}

/// The difference of two NPS (left minus right) on the −1..1 scale (so −2..2) from their
/// counts `[detractors, passives, promoters]`, by `method`:
///
/// - [`NpsMethod::Score`]: the MOVER hybrid of the two score intervals (Newcombe 1998, method
///   10; Zou & Donner 2008): `D − √((e₁ − l₁)² + (u₂ − e₂)²)` to `D + √((u₁ − e₁)² + (e₂ − l₂)²)`,
///   which always contains the difference `D`. Its p-value is the α at which the interval just
///   touches 0, so the interval excludes 0 exactly when p < α.
/// - [`NpsMethod::Wald`] and [`NpsMethod::AdjustedWald`]: Wald on the difference (the variances
///   add), on the raw counts or on the adjusted-Wald pseudo-counts; the p-value is the z-test
///   with the same variance. The adjusted interval is centred on the adjusted difference, which
///   for small samples can exclude `D`.
pub(crate) fn nps_difference(
    left: [u64; 3],
    right: [u64; 3],
    level: ConfidenceLevel,
    method: NpsMethod,
) -> Difference {
    let float = |[b, m, c]: [u64; 3]| (b as f64, m as f64, c as f64);
    let (raw_left, raw_right) = (float(left), float(right));
    let estimate = nps_estimate(raw_left) - nps_estimate(raw_right);
    match method {
        NpsMethod::Wald => wald_difference(raw_left, raw_right, estimate, level, method),
        NpsMethod::AdjustedWald => {
            let adjusted = |(b, m, c): (f64, f64, f64)| (b + 0.75, m + 1.5, c + 0.75);
            wald_difference(
                adjusted(raw_left),
                adjusted(raw_right),
                estimate,
                level,
                method,
            )
        }
        _ => mover_difference(raw_left, raw_right, level),
    }
}

/// (c − b) / n on the −1..1 scale.
fn nps_estimate((b, m, c): (f64, f64, f64)) -> f64 {
    ((c - b) / (b + m + c)).clamp(-1.0, 1.0)
}

/// Wald on the difference, centred on the difference of `left` and `right` (raw or
/// pseudo-counts), reporting `estimate` (always the raw difference).
fn wald_difference(
    left: (f64, f64, f64),
    right: (f64, f64, f64),
    estimate: f64,
    level: ConfidenceLevel,
    method: NpsMethod,
) -> Difference {
    let moments = |(b, m, c): (f64, f64, f64)| {
        let n = b + m + c;
        let (p, d) = (c / n, b / n);
        let nps = p - d;
        (nps, ((p + d) - nps * nps).max(0.0) / n)
    };
    let ((e1, v1), (e2, v2)) = (moments(left), moments(right));
    let se = (v1 + v2).sqrt();
    let half = level.z() * se;
    let centre = e1 - e2;
    let p_value = if se > 0.0 {
        normal_p(centre / se)
    } else if centre == 0.0 {
        1.0
    } else {
        0.0
    };
    Difference::new(
        estimate,
        Interval::clamped(centre - half, centre + half, -2.0, 2.0),
        p_value,
        method.name(),
    )
}

/// The MOVER limits of the score difference at critical value `z`.
fn mover_limits(left: (f64, f64, f64), right: (f64, f64, f64), z: f64) -> (f64, f64) {
    (
        mover_limit(left, right, z, Side::Lower),
        mover_limit(left, right, z, Side::Upper),
    )
}

/// One MOVER limit of the score difference at critical value `z`: each takes one score limit
/// of each side (the lower limit, the left's lower and the right's upper), so the p-value's
/// search solves two score limits per step, not four.
fn mover_limit(left: (f64, f64, f64), right: (f64, f64, f64), z: f64, side: Side) -> f64 {
    let (e1, e2) = (nps_estimate(left), nps_estimate(right));
    let limit = |(b, m, c): (f64, f64, f64), side, e| score_limit(b, m, c, z, side, e);
    let d = e1 - e2;
    match side {
        Side::Lower => {
            let (l1, u2) = (limit(left, Side::Lower, e1), limit(right, Side::Upper, e2));
            d - (e1 - l1).hypot(u2 - e2)
        }
        Side::Upper => {
            let (u1, l2) = (limit(left, Side::Upper, e1), limit(right, Side::Lower, e2));
            d + (u1 - e1).hypot(e2 - l2)
        }
    }
}

fn mover_difference(
    left: (f64, f64, f64),
    right: (f64, f64, f64),
    level: ConfidenceLevel,
) -> Difference {
    let d = nps_estimate(left) - nps_estimate(right);
    let (lower, upper) = mover_limits(left, right, level.z());
    // The p-value consistent with the interval: the critical value z* at which the limit on
    // the side of 0 reaches it (the limits move outwards as z grows, so z* is unique), found
    // by bisection; p = 2(1 − Φ(z*)).
    let p_value = if d == 0.0 {
        1.0
    } else {
        let touches = |z: f64| {
            if d > 0.0 {
                mover_limit(left, right, z, Side::Lower) <= 0.0
            } else {
                mover_limit(left, right, z, Side::Upper) >= 0.0
            }
        };
        // Beyond z = 40 the p-value is below 1e-300: 0.
        let (mut lo, mut hi) = (0.0_f64, 40.0_f64);
        if !touches(hi) {
            lo = hi;
        }
        for _ in 0..60 {
            if hi - lo <= 1e-12 {
                break;
            }
            let mid = lo + (hi - lo) / 2.0;
            if touches(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        normal_p(lo + (hi - lo) / 2.0)
    };
    Difference::new(
        d,
        Interval::clamped(lower, upper, -2.0, 2.0),
        p_value,
        "MOVER score",
    )
}

/// Welch's t difference of two samples given as `(n, mean, standard deviation)`, the
/// standard deviation `None` below two values: `None` when either side cannot be tested (fewer
/// than two values, a mean or deviation that is not finite). The summaries' mean differences
/// turn `None` into their own [`CompareError`](crate::error::CompareError).
pub(crate) fn welch_of(
    (n1, mean1, sd1): (u64, f64, Option<f64>),
    (n2, mean2, sd2): (u64, f64, Option<f64>),
    level: ConfidenceLevel,
) -> Option<Difference> {
    welch(n1, mean1, sd1?, n2, mean2, sd2?, level).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_md_vectors() {
        let l = ConfidenceLevel::P95;
        let ci = proportion_difference(56, 70, 48, 80, l).unwrap();
        assert!((ci.lower() - 0.0524).abs() < 5e-5 && (ci.upper() - 0.3339).abs() < 5e-5);
        let ci = proportion_difference(9, 10, 3, 10, l).unwrap();
        assert!((ci.lower() - 0.1705).abs() < 5e-5 && (ci.upper() - 0.8090).abs() < 5e-5);
        let ci = proportion_difference(10, 10, 0, 10, l).unwrap();
        assert!((ci.lower() - 0.6075).abs() < 5e-5 && (ci.upper() - 1.0).abs() < 5e-5);
        let d = nps_difference([10, 20, 30], [20, 30, 50], l, NpsMethod::Wald);
        let ci = d.interval();
        assert!((ci.lower() + 0.209570).abs() < 1e-6 && (ci.upper() - 0.276237).abs() < 1e-6);
    }

    /// MOVER score vectors from 50-digit mpmath (tests/reference/nps_coverage).
    #[test]
    fn mover_score_vectors() {
        let l = ConfidenceLevel::P95;
        let d = nps_difference([10, 20, 30], [20, 30, 50], l, NpsMethod::Score);
        let ci = d.interval();
        assert!((d.estimate() - 0.033_333_333_333_333_3).abs() < 1e-12);
        assert!((ci.lower() + 0.214_055_767_037_308).abs() < 1e-10, "{ci}");
        assert!((ci.upper() - 0.268_775_400_075_094).abs() < 1e-10, "{ci}");
        assert!(
            (d.p_value() - 0.788_646_814_202_891).abs() < 1e-9,
            "{}",
            d.p_value()
        );
        let d = nps_difference([0, 0, 1], [1, 0, 0], l, NpsMethod::Score);
        assert!((d.interval().lower() + 0.244_217_441_363_884).abs() < 1e-10);
        assert_eq!(d.interval().upper(), 2.0);
        assert!((d.p_value() - 0.120_238_340_656_897).abs() < 1e-9);
        assert!(d.interval().contains(d.estimate()));
    }

    /// The MOVER interval always contains the difference, and excludes 0 exactly when the
    /// p-value is below α.
    #[test]
    fn mover_contains_the_difference_and_agrees_with_its_p_value() {
        for level in [
            ConfidenceLevel::P90,
            ConfidenceLevel::P95,
            ConfidenceLevel::P99,
        ] {
            for left in [
                [0, 0, 1],
                [1, 0, 0],
                [3, 1, 6],
                [10, 5, 2],
                [0, 7, 0],
                [4, 4, 4],
            ] {
                for right in [[0, 0, 1], [2, 2, 9], [9, 1, 0], [1, 1, 1], [0, 3, 12]] {
                    let d = nps_difference(left, right, level, NpsMethod::Score);
                    assert!(d.interval().contains(d.estimate()), "{left:?} {right:?}");
                    let excludes = !d.interval().contains(0.0);
                    if d.p_value() < level.alpha() - 1e-9 || d.p_value() > level.alpha() + 1e-9 {
                        assert_eq!(
                            excludes,
                            d.p_value() < level.alpha(),
                            "{left:?} {right:?}: {d}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn bad_input() {
        let l = ConfidenceLevel::P95;
        assert!(proportion_difference(1, 0, 1, 2, l).is_err());
        assert!(proportion_difference(3, 2, 1, 2, l).is_err());
        assert!(welch(1, 1.0, 1.0, 5, 1.0, 1.0, l).is_err());
        assert!(welch(5, f64::NAN, 1.0, 5, 1.0, 1.0, l).is_err());
        assert!(welch(5, 1.0, -1.0, 5, 1.0, 1.0, l).is_err());
        assert_eq!(welch(5, 1.0, 0.0, 5, 1.0, 0.0, l).unwrap().p_value(), 1.0);
    }
}
