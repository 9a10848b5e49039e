//! Intervals for the Net Promoter Score from its three counts.
//!
//! NPS is the mean of a score that is +1 for a promoter, 0 for a passive and −1 for a detractor,
//! so its variance is `V = (p + d) − (p − d)²` (p, d the promoter and detractor shares) and its
//! standard error `√(V / n)`. The methods differ in what they do with that.

use std::fmt;
use std::str::FromStr;

use crate::interval::IntervalError;
use crate::interval::error::{MethodError, normalised_key};
use crate::interval::{ConfidenceLevel, Interval};

/// A method for the confidence interval of a Net Promoter Score.
///
/// | method | prefer it when |
/// |---|---|
/// | [`Score`](Self::Score) (default) | always: near-nominal coverage from n = 10 up, and the interval always contains the estimate it is printed with |
/// | [`AdjustedWald`](Self::AdjustedWald) | reproducing figures from tools that use Rocks (2016); it is centred on the adjusted estimate, so for tiny samples it can exclude the raw one (one promoter: NPS +100, interval −48.5 to +98.5) |
/// | [`Wald`](Self::Wald) | reproducing legacy or textbook figures; zero width when everyone gave the same answer |
///
/// # Coverage
///
/// Exact coverage of nominal 95% intervals (sums over the multinomial pmf; n in {10, 30, 100,
/// 1000}; detractor and promoter shares on a 0.05 lattice from 0.05 to 0.90 with every group
/// at least 0.05: 684 points; `tests/reference/nps_coverage/coverage.py`):
///
/// | method | mean coverage | min coverage | share of points below 0.93 |
/// |---|---|---|---|
/// | score (default) | 0.954 | 0.938 | 0.000 |
/// | adjusted Wald | 0.951 | 0.930 | 0.000 |
/// | adjusted Wald widened to contain the estimate | 0.951 | 0.930 | 0.000 |
/// | Wald | 0.926 | 0.649 | 0.333 |
///
/// The score interval by n (mean / min): 0.963 / 0.940 at n = 10, 0.951 / 0.938 at 30,
/// 0.950 / 0.948 at 100, 0.950 / 0.950 at 1,000; at 90% it covers 0.903 on average (min 0.871),
/// at 99% 0.992 (min 0.981). Where a group is absent from the population the score interval's
/// minimum is 0.914, adjusted Wald's 0.879. It is 4-8% wider than adjusted Wald at n = 10 and
/// within 1% from n = 100.
///
/// For the difference of two NPS, [`Score`](Self::Score) is the MOVER hybrid of the two score
/// intervals (Newcombe 1998's method 10, generalised by Zou & Donner 2008): mean coverage 0.957,
/// minimum 0.941 on 144 pairs of populations at n = 10 to 100 per side, where the adjusted-Wald
/// difference falls to 0.853 (and, for all promoters against all detractors, excludes the
/// difference at every n).
///
/// # Example
///
/// ```
/// use satisfaction::{ConfidenceLevel, NpsMethod};
/// use satisfaction::interval::nps;
///
/// // 10 detractors, 20 passives, 30 promoters: NPS +33.3.
/// let ci = nps(10, 20, 30, ConfidenceLevel::P95, NpsMethod::Score)?;
/// assert_eq!(format!("{ci:.1}"), "[13.2, 50.6]");
/// assert_eq!(NpsMethod::default(), NpsMethod::Score);
/// // One promoter: the interval contains +100.
/// let one = nps(0, 0, 1, ConfidenceLevel::P95, NpsMethod::default())?;
/// assert_eq!(one.upper(), 100.0);
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum NpsMethod {
    /// Wald: `NPS ± z √(V / n)`.
    Wald,
    /// Adjusted Wald (Rocks 2016, *The American Statistician* 70(4); Lewis & Sauro): add 0.75
    /// detractors, 1.5 passives and 0.75 promoters (n + 3), then Wald on the adjusted shares.
    /// The interval is centred on the adjusted NPS; the point estimate stays the raw NPS.
    AdjustedWald,
    /// The score interval that inverts a Tango-style score test of the promoter-minus-detractor
    /// difference with the nuisance share at its restricted maximum-likelihood value (Tango
    /// 1998, adapted to the three NPS groups): `{δ : |T(δ)| ≤ z}`. `T` is 0 at the estimate, so
    /// the interval always contains it. The default.
    #[default]
    Score,
}

impl NpsMethod {
    /// Every method.
    pub const ALL: [NpsMethod; 3] = [Self::Wald, Self::AdjustedWald, Self::Score];

    /// The method's key in serialised summaries and SQL options: `"wald"`, `"adjusted_wald"`,
    /// `"score"`. [`FromStr`] reads it back.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Wald => "wald",
            Self::AdjustedWald => "adjusted_wald",
            Self::Score => "score",
        }
    }
}

impl FromStr for NpsMethod {
    type Err = MethodError;

    /// Reads a method from its [`key`](NpsMethod::key) or its name, ignoring case
    /// (`"adjusted_wald"`, `"Adjusted Wald"`).
    ///
    /// ```
    /// use satisfaction::NpsMethod;
    ///
    /// assert_eq!("Adjusted Wald".parse::<NpsMethod>()?, NpsMethod::AdjustedWald);
    /// assert!("bayes".parse::<NpsMethod>().is_err());
    /// # Ok::<(), satisfaction::interval::MethodError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, MethodError> {
        let wanted = normalised_key(text);
        Self::ALL
            .into_iter()
            .find(|m| m.key() == wanted)
            .ok_or_else(|| MethodError::new(text, &Self::ALL.map(Self::key)))
    }
}

impl NpsMethod {
    /// The method's name as summaries print it: `"Wald"`, `"adjusted Wald"`, `"Tango score"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Wald => "Wald",
            Self::AdjustedWald => "adjusted Wald",
            Self::Score => "Tango score",
        }
    }
}

impl fmt::Display for NpsMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The confidence interval of the NPS of `detractors`, `passives` and `promoters`, on the
/// −100..=100 scale.
///
/// # Errors
///
/// [`IntervalError::ZeroTrials`] when all three counts are 0;
/// [`IntervalError::TotalOverflow`] when their total does not fit in a `u64`.
///
/// # Example
///
/// ```
/// use satisfaction::{ConfidenceLevel, NpsMethod};
/// use satisfaction::interval::nps;
///
/// let ci = nps(10, 20, 30, ConfidenceLevel::P95, NpsMethod::Wald)?;
/// assert!((ci.lower() - 14.4736).abs() < 1e-3);
/// assert!((ci.upper() - 52.1931).abs() < 1e-3);
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
pub fn nps(
    detractors: u64,
    passives: u64,
    promoters: u64,
    level: ConfidenceLevel,
    method: NpsMethod,
) -> Result<Interval, IntervalError> {
    let n = detractors
        .checked_add(passives)
        .and_then(|n| n.checked_add(promoters))
        .ok_or(IntervalError::TotalOverflow { max: u64::MAX })?;
    if n == 0 {
        return Err(IntervalError::ZeroTrials);
    }
    Ok(nps_unchecked(
        detractors, passives, promoters, level, method,
    ))
}

/// [`nps`] for counts known to have a positive total.
pub(crate) fn nps_unchecked(
    detractors: u64,
    passives: u64,
    promoters: u64,
    level: ConfidenceLevel,
    method: NpsMethod,
) -> Interval {
    let (b, m, c) = (detractors as f64, passives as f64, promoters as f64);
    let z = level.z();
    match method {
        NpsMethod::Wald => on_nps_scale(wald(b, m, c, z)),
        NpsMethod::AdjustedWald => on_nps_scale(wald(b + 0.75, m + 1.5, c + 0.75, z)),
        NpsMethod::Score => {
            // The estimate exactly as `NpsSummary::score` computes it (the total summed in
            // integers), so that the interval contains the score printed with it even where
            // the counts round to f64 (near 2^63).
            let n = detractors
                .saturating_add(passives)
                .saturating_add(promoters) as f64;
            let estimate = ((c - b) / n).clamp(-1.0, 1.0);
            on_nps_scale(score(b, m, c, z, estimate)).covering(100.0 * estimate)
        }
    }
}

/// Limits on the −1..1 scale as NPS points, clamped to −100..100.
fn on_nps_scale((lower, upper): (f64, f64)) -> Interval {
    Interval::clamped(lower * 100.0, upper * 100.0, -100.0, 100.0)
}

/// Wald on the −1..1 scale.
fn wald(b: f64, m: f64, c: f64, z: f64) -> (f64, f64) {
    let n = b + m + c;
    let (p, d) = (c / n, b / n);
    let estimate = p - d;
    let variance = ((p + d) - estimate * estimate).max(0.0);
    let half = z * (variance / n).sqrt();
    (estimate - half, estimate + half)
}

/// The score interval on the −1..1 scale: `{δ : |T(δ)| <= z}`, found by bisection on each side
/// of the estimate, where `T(δ) = (c − b − nδ) / √(n (2q + δ(1 − δ)))` and `q` is the
/// restricted maximum-likelihood estimate given δ.
fn score(b: f64, m: f64, c: f64, z: f64, estimate: f64) -> (f64, f64) {
    (
        score_limit(b, m, c, z, Side::Lower, estimate),
        score_limit(b, m, c, z, Side::Upper, estimate),
    )
}

/// Which limit of the score interval.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Lower,
    Upper,
}

/// The score statistic `T(δ) = (c − b − n δ) / √(n (2q + δ(1 − δ)))` on the −1..1 scale, with
/// `q` the restricted maximum-likelihood detractor share under `δ`. It decreases in δ.
fn statistic(b: f64, m: f64, c: f64, delta: f64) -> f64 {
    let n = b + m + c;
    let a = 2.0 * n;
    let bb = -b - c + (2.0 * n - c + b) * delta;
    let cc = -b * delta * (1.0 - delta);
    let q = ((bb * bb - 4.0 * a * cc).max(0.0).sqrt() - bb) / (2.0 * a);
    let numerator = c - b - n * delta;
    let variance = n * (2.0 * q + delta * (1.0 - delta));
    if variance > 0.0 {
        numerator / variance.sqrt()
    } else if numerator == 0.0 {
        0.0
    } else {
        numerator.signum() * f64::INFINITY
    }
}

/// One limit of the score interval at critical value `z`: where `T` falls to `z` below the
/// estimate (lower) or to `−z` above it (upper); the edge of [−1, 1] when `T` never gets
/// there.
pub(crate) fn score_limit(b: f64, m: f64, c: f64, z: f64, side: Side, estimate: f64) -> f64 {
    let (low, high, target) = match side {
        Side::Lower => (-1.0, estimate, z),
        Side::Upper => (estimate, 1.0, -z),
    };
    // g > 0 before the root and <= 0 after it (T decreases).
    let g = |delta: f64| statistic(b, m, c, delta) - target;
    // Bracket the root tightly around the Wald limit (one or two evaluations), so that regula
    // falsi starts close: the cost is then a handful of evaluations at any n.
    let (wald_lower, wald_upper) = wald(b, m, c, z);
    let half = (wald_upper - wald_lower) / 2.0;
    let (low, high) = if half.is_finite() && half > 0.0 {
        let step = |k: f64| match side {
            Side::Lower => (estimate - k * half).max(-1.0),
            Side::Upper => (estimate + k * half).min(1.0),
        };
        // Past the root g is <= 0; before it, > 0. Walk out from the estimate: 1, 2 half-widths.
        let (near, far) = (step(1.0), step(2.0));
        let bracket = |inner: f64, outer: f64| match side {
            Side::Lower => (outer, inner),
            Side::Upper => (inner, outer),
        };
        let crossed = |x: f64| match side {
            Side::Lower => g(x) > 0.0,
            Side::Upper => g(x) <= 0.0,
        };
        if crossed(near) {
            bracket(estimate, near)
        } else if crossed(far) {
            bracket(near, far)
        } else {
            match side {
                Side::Lower => (low, far),
                Side::Upper => (far, high),
            }
        }
    } else {
        (low, high)
    };
    root::decreasing(g, low, high)
}

mod root {
    /// The point in `[low, high]` where the non-increasing `g` crosses from positive to
    /// non-positive, to about 1e-15: `low` when `g(low) <= 0`, `high` when `g(high) > 0`.
    ///
    /// The Illinois variant of regula falsi (Dowell & Jarratt 1971), which converges
    /// superlinearly on the smooth statistic; infinite values at the edges only ever take
    /// bisection steps. At most 120 evaluations.
    pub(crate) fn decreasing(g: impl Fn(f64) -> f64, low: f64, high: f64) -> f64 {
        let (mut a, mut b) = (low, high);
        let (mut ga, mut gb) = (g(a), g(b));
        // Not positive, or NaN: the root is at the lower end.
        if ga <= 0.0 || ga.is_nan() {
            return a;
        }
        if gb > 0.0 {
            return b;
        }
        let mut side = 0i8;
        for _ in 0..120 {
            let width = b - a;
            if width <= 4.0 * f64::EPSILON * a.abs().max(b.abs()).max(1e-300) {
                break;
            }
            if ga.is_finite() && gb.is_finite() {
                // An end whose |g| is within a few ulps' worth of the slope is the root to
                // double precision (at large n the statistic is so steep that no point of the
                // bracket does better, and regula falsi would stall on rounding).
                let resolution = (ga - gb) / width * 4.0 * f64::EPSILON * a.abs().max(b.abs());
                if ga <= resolution {
                    return a;
                }
                if -gb <= resolution {
                    return b;
                }
            }
            let secant = a + width * ga / (ga - gb);
            let mid = if ga.is_finite() && gb.is_finite() && secant > a && secant < b {
                secant
            } else {
                a + width / 2.0
            };
            let gm = g(mid);
            if gm > 0.0 {
                (a, ga) = (mid, gm);
                if side == 1 {
                    gb /= 2.0;
                }
                side = 1;
            } else {
                (b, gb) = (mid, gm);
                if side == -1 {
                    ga /= 2.0;
                }
                side = -1;
            }
            if gm == 0.0 {
                return mid;
            }
        }
        a + (b - a) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_unit_scale(b: u64, m: u64, c: u64, method: NpsMethod) -> (f64, f64) {
        let ci = nps(b, m, c, ConfidenceLevel::P95, method).unwrap();
        (ci.lower() / 100.0, ci.upper() / 100.0)
    }

    fn close(actual: (f64, f64), expected: (f64, f64)) {
        assert!(
            (actual.0 - expected.0).abs() < 1e-6 && (actual.1 - expected.1).abs() < 1e-6,
            "{actual:?} != {expected:?}"
        );
    }

    #[test]
    fn metrics_md_vectors() {
        let cases = [
            ((10, 20, 30), NpsMethod::Wald, (0.144_736, 0.521_931)),
            (
                (10, 20, 30),
                NpsMethod::AdjustedWald,
                (0.133_012, 0.501_909),
            ),
            ((10, 20, 30), NpsMethod::Score, (0.131_740, 0.505_639)),
            ((0, 5, 5), NpsMethod::Wald, (0.190_102, 0.809_898)),
            ((0, 5, 5), NpsMethod::AdjustedWald, (0.062_069, 0.707_161)),
        ];
        for ((b, m, c), method, expected) in cases {
            close(on_unit_scale(b, m, c, method), expected);
        }
    }

    /// Score-interval vectors computed in 50-digit mpmath (tests/reference/nps_coverage).
    #[test]
    fn score_vectors_to_1e_10() {
        let cases = [
            ((10, 20, 30), (0.131_740_189_826_430, 0.505_638_930_252_239)),
            ((0, 5, 5), (0.083_700_800_205_666_1, 0.763_406_909_487_436)),
            ((0, 0, 1), (-0.586_901_371_245_525, 1.0)),
            ((1, 0, 0), (-1.0, 0.586_901_371_245_525)),
            ((0, 1, 0), (-0.793_450_685_622_763, 0.793_450_685_622_763)),
            ((5, 0, 5), (-0.526_813_818_974_872, 0.526_813_818_974_872)),
            ((3, 4, 13), (0.114_205_662_613_148, 0.746_485_549_597_803)),
        ];
        for ((b, m, c), (lower, upper)) in cases {
            let (l, u) = on_unit_scale(b, m, c, NpsMethod::Score);
            assert!(
                (l - lower).abs() < 1e-10 && (u - upper).abs() < 1e-10,
                "({b}, {m}, {c}): [{l}, {u}] vs [{lower}, {upper}]"
            );
        }
    }

    #[test]
    fn the_score_interval_always_contains_the_estimate() {
        for b in 0..12u64 {
            for m in 0..6u64 {
                for c in 0..12u64 {
                    if b + m + c == 0 {
                        continue;
                    }
                    let estimate = 100.0 * (c as f64 - b as f64) / (b + m + c) as f64;
                    for level in [
                        ConfidenceLevel::P90,
                        ConfidenceLevel::P95,
                        ConfidenceLevel::P99,
                    ] {
                        let ci = nps(b, m, c, level, NpsMethod::Score).unwrap();
                        assert!(ci.contains(estimate), "({b}, {m}, {c}) at {level}: {ci}");
                    }
                }
            }
        }
    }

    #[test]
    fn degenerate_samples_stay_in_range() {
        for method in NpsMethod::ALL {
            for (b, m, c) in [(1, 0, 0), (0, 1, 0), (0, 0, 1), (0, 0, u64::MAX), (5, 0, 5)] {
                let ci = nps(b, m, c, ConfidenceLevel::P95, method).unwrap();
                assert!(
                    -100.0 <= ci.lower() && ci.upper() <= 100.0,
                    "{method:?}: {ci}"
                );
            }
        }
        assert_eq!(
            nps(0, 0, 0, ConfidenceLevel::P95, NpsMethod::Wald),
            Err(IntervalError::ZeroTrials)
        );
        assert_eq!(
            nps(u64::MAX, 1, 0, ConfidenceLevel::P95, NpsMethod::Wald),
            Err(IntervalError::TotalOverflow { max: u64::MAX })
        );
    }
}
