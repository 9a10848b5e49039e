//! Intervals for the Net Promoter Score from its three counts.
//!
//! NPS is the mean of a score that is +1 for a promoter, 0 for a passive and −1 for a detractor,
//! so its variance is `V = (p + d) − (p − d)²` (p, d the promoter and detractor shares) and its
//! standard error `√(V / n)`. The methods differ in what they do with that.

use std::fmt;
use std::str::FromStr;

use crate::IntervalError;
use crate::interval::error::{MethodError, normalised_key};
use crate::interval::{ConfidenceLevel, Interval};

/// A method for the confidence interval of a Net Promoter Score.
///
/// | method | prefer it when |
/// |---|---|
/// | [`AdjustedWald`](Self::AdjustedWald) (default) | always, unless you must reproduce another tool: coverage close to nominal down to small n |
/// | [`Score`](Self::Score) | small samples or extreme scores (near ±100), where you want an interval from test inversion |
/// | [`Wald`](Self::Wald) | reproducing legacy or textbook figures; zero width when everyone gave the same answer |
///
/// # Example
///
/// ```
/// use satisfaction::{ConfidenceLevel, NpsMethod};
/// use satisfaction::interval::nps;
///
/// // 10 detractors, 20 passives, 30 promoters: NPS +33.3.
/// let ci = nps(10, 20, 30, ConfidenceLevel::P95, NpsMethod::AdjustedWald)?;
/// assert_eq!(format!("{ci:.1}"), "[13.3, 50.2]");
/// assert_eq!(NpsMethod::default(), NpsMethod::AdjustedWald);
/// # Ok::<(), satisfaction::IntervalError>(())
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
    #[default]
    AdjustedWald,
    /// The score interval that inverts a Tango-style score test of the promoter-minus-detractor
    /// difference with the nuisance share at its restricted maximum-likelihood value; computed
    /// by bisection to full double precision.
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
    /// The method's name as summaries print it: `"Wald"`, `"adjusted Wald"`, `"score"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Wald => "Wald",
            Self::AdjustedWald => "adjusted Wald",
            Self::Score => "score",
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
/// # Ok::<(), satisfaction::IntervalError>(())
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
    let (lower, upper) = match method {
        NpsMethod::Wald => wald(b, m, c, z),
        NpsMethod::AdjustedWald => wald(b + 0.75, m + 1.5, c + 0.75, z),
        NpsMethod::Score => score(b, m, c, z),
    };
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
fn score(b: f64, m: f64, c: f64, z: f64) -> (f64, f64) {
    let n = b + m + c;
    let estimate = (c - b) / n;
    let statistic = |delta: f64| -> f64 {
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
    };
    // T decreases in δ: the lower bound is where T falls to z, the upper where it falls to −z.
    let lower = bisect(-1.0, estimate, |delta| statistic(delta) > z);
    let upper = bisect(estimate, 1.0, |delta| statistic(delta) >= -z);
    (lower, upper)
}

/// The boundary in `[low, high]` between where `outside` holds (towards `low`) and where it does
/// not; `low` itself when `outside(low)` is already false.
fn bisect(mut low: f64, mut high: f64, outside: impl Fn(f64) -> bool) -> f64 {
    if !outside(low) {
        return low;
    }
    if outside(high) {
        return high;
    }
    // 200 halvings is more than enough to reach adjacent doubles from a width of 2.
    for _ in 0..200 {
        let mid = low + (high - low) / 2.0;
        if mid <= low || mid >= high {
            break;
        }
        if outside(mid) {
            low = mid;
        } else {
            high = mid;
        }
    }
    low + (high - low) / 2.0
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
        close(
            on_unit_scale(10, 20, 30, NpsMethod::Wald),
            (0.144_736, 0.521_931),
        );
        close(
            on_unit_scale(10, 20, 30, NpsMethod::AdjustedWald),
            (0.133_012, 0.501_909),
        );
        close(
            on_unit_scale(10, 20, 30, NpsMethod::Score),
            (0.131_740, 0.505_639),
        );
        close(
            on_unit_scale(0, 5, 5, NpsMethod::Wald),
            (0.190_102, 0.809_898),
        );
        close(
            on_unit_scale(0, 5, 5, NpsMethod::AdjustedWald),
            (0.062_069, 0.707_161),
        );
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
