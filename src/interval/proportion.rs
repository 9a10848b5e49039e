//! Binomial proportion intervals: CSAT share, FCR, cohort churn, abandonment, SLA attainment.
//!
//! Which method to use follows Brown, Cai & DasGupta (2001), "Interval Estimation for a Binomial
//! Proportion", *Statistical Science* 16(2): the textbook Wald interval's coverage is erratic
//! (at n = 592 and p = 0.005 a nominal 95% Wald interval covers 79% of the time), so the crate
//! defaults to Wilson and offers the other recognised methods by name.

use std::fmt;
use std::str::FromStr;

use crate::interval::IntervalError;
use crate::interval::error::{MethodError, normalised_key};
use crate::interval::{ConfidenceLevel, Interval, inverse_cdf};

/// A method for the confidence interval of a binomial proportion x / n.
///
/// | method | prefer it when |
/// |---|---|
/// | [`Wilson`](Self::Wilson) (default) | almost always: near-nominal coverage from n = 1 up, never outside [0, 1] |
/// | [`WilsonCorrected`](Self::WilsonCorrected) | you want Wilson's centring with coverage at or above nominal (wider) |
/// | [`Jeffreys`](Self::Jeffreys) | small n, equal-tailed; close to Wilson, slightly better at the extremes |
/// | [`AgrestiCoull`](Self::AgrestiCoull) | larger n (≥ 40); simple to explain ("add z²/2 successes and failures") |
/// | [`ClopperPearson`](Self::ClopperPearson) | coverage must never fall below nominal (audits, SLAs); conservative |
/// | [`Wald`](Self::Wald) | only to reproduce legacy reports: poor coverage, zero width at x = 0 or x = n |
///
/// # Example
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::{proportion, ProportionMethod};
///
/// let level = ConfidenceLevel::P95;
/// let exact = proportion(0, 10, level, ProportionMethod::ClopperPearson)?;
/// assert_eq!(exact.lower(), 0.0);
/// assert!((exact.upper() - 0.308_497_107_8).abs() < 1e-9);
/// assert_eq!(ProportionMethod::default(), ProportionMethod::Wilson);
/// assert_eq!(ProportionMethod::AgrestiCoull.to_string(), "Agresti-Coull");
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ProportionMethod {
    /// Wald (Laplace 1812): `p ± z √(p(1-p)/n)`. Degenerate at x = 0 and x = n.
    ///
    /// Coverage of nominal 95% intervals: mean 0.876, worst 0.400 (the interval module's
    /// [table](crate::interval#coverage-why-wald-is-never-the-default)).
    Wald,
    /// Wilson (1927) score interval, the inversion of the score test. The default.
    ///
    /// Coverage of nominal 95% intervals: mean 0.946, worst 0.914 (the interval module's
    /// [table](crate::interval#coverage-why-wald-is-never-the-default)).
    #[default]
    Wilson,
    /// Wilson's interval with continuity correction, Newcombe (1998), method 4.
    ///
    /// Wider than [`Wilson`](Self::Wilson): it trades Wilson's mean coverage near nominal for
    /// coverage at or above nominal for most n and p (not in the interval module's
    /// [table](crate::interval#coverage-why-wald-is-never-the-default)).
    #[cfg_attr(feature = "serde", serde(rename = "wilson_cc"))]
    WilsonCorrected,
    /// Agresti & Coull (1998): Wald on `x + z²/2` successes out of `n + z²`
    /// (Sauro & Lewis' "adjusted Wald" at 95%).
    ///
    /// Coverage of nominal 95% intervals: mean 0.957, worst 0.930 (the interval module's
    /// [table](crate::interval#coverage-why-wald-is-never-the-default)).
    AgrestiCoull,
    /// Clopper & Pearson (1934) "exact" interval from Beta quantiles; coverage ≥ nominal.
    ///
    /// Coverage of nominal 95% intervals: mean 0.972, worst 0.952 (the interval module's
    /// [table](crate::interval#coverage-why-wald-is-never-the-default)).
    ClopperPearson,
    /// Jeffreys prior interval: equal-tailed Beta(x + ½, n − x + ½) quantiles, with the
    /// Brown, Cai & DasGupta (2001) convention lower = 0 at x = 0 and upper = 1 at x = n.
    ///
    /// Coverage of nominal 95% intervals: mean 0.953, worst 0.924 (the interval module's
    /// [table](crate::interval#coverage-why-wald-is-never-the-default)).
    Jeffreys,
}

impl ProportionMethod {
    /// Every method, in the order of the table above's declaration.
    pub const ALL: [ProportionMethod; 6] = [
        Self::Wald,
        Self::Wilson,
        Self::WilsonCorrected,
        Self::AgrestiCoull,
        Self::ClopperPearson,
        Self::Jeffreys,
    ];

    /// The method's key in serialised summaries and SQL options: `"wald"`, `"wilson"`,
    /// `"wilson_cc"`, `"agresti_coull"`, `"clopper_pearson"`, `"jeffreys"`. [`FromStr`] reads
    /// it back.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Wald => "wald",
            Self::Wilson => "wilson",
            Self::WilsonCorrected => "wilson_cc",
            Self::AgrestiCoull => "agresti_coull",
            Self::ClopperPearson => "clopper_pearson",
            Self::Jeffreys => "jeffreys",
        }
    }
}

impl FromStr for ProportionMethod {
    type Err = MethodError;

    /// Reads a method from its [`key`](ProportionMethod::key) or its name, ignoring case
    /// (`"clopper_pearson"`, `"Clopper-Pearson"`; `"wilson_corrected"` also names
    /// [`WilsonCorrected`](ProportionMethod::WilsonCorrected)).
    ///
    /// ```
    /// use satisfaction::ProportionMethod;
    ///
    /// assert_eq!("Clopper-Pearson".parse::<ProportionMethod>()?, ProportionMethod::ClopperPearson);
    /// assert!("exact".parse::<ProportionMethod>().is_err());
    /// # Ok::<(), satisfaction::interval::MethodError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, MethodError> {
        let wanted = normalised_key(text);
        if wanted == "wilson_corrected" {
            return Ok(Self::WilsonCorrected);
        }
        Self::ALL
            .into_iter()
            .find(|m| m.key() == wanted)
            .ok_or_else(|| MethodError::new(text, &Self::ALL.map(Self::key)))
    }
}

impl ProportionMethod {
    /// The method's name as summaries print it: `"Wilson"`, `"Clopper-Pearson"`, ...
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Wald => "Wald",
            Self::Wilson => "Wilson",
            Self::WilsonCorrected => "Wilson with continuity correction",
            Self::AgrestiCoull => "Agresti-Coull",
            Self::ClopperPearson => "Clopper-Pearson",
            Self::Jeffreys => "Jeffreys",
        }
    }
}

impl fmt::Display for ProportionMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The confidence interval of the proportion `successes / trials`, clamped to `[0, 1]`.
///
/// # Errors
///
/// [`IntervalError::ZeroTrials`] when `trials == 0`;
/// [`IntervalError::SuccessesExceedTrials`] when `successes > trials`.
///
/// # Example
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::{proportion, ProportionMethod};
///
/// // 3 satisfied customers out of 10, 95% Wilson interval.
/// let ci = proportion(3, 10, ConfidenceLevel::P95, ProportionMethod::Wilson)?;
/// assert_eq!(format!("{ci:.4}"), "[0.1078, 0.6032]");
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
pub fn proportion(
    successes: u64,
    trials: u64,
    level: ConfidenceLevel,
    method: ProportionMethod,
) -> Result<Interval, IntervalError> {
    if trials == 0 {
        return Err(IntervalError::ZeroTrials);
    }
    if successes > trials {
        return Err(IntervalError::SuccessesExceedTrials { successes, trials });
    }
    Ok(proportion_unchecked(successes, trials, level, method))
}

/// [`proportion`] for arguments already known to satisfy `0 <= successes <= trials`, `trials > 0`.
pub(crate) fn proportion_unchecked(
    successes: u64,
    trials: u64,
    level: ConfidenceLevel,
    method: ProportionMethod,
) -> Interval {
    let x = successes as f64;
    let n = trials as f64;
    let (lower, upper) = match method {
        ProportionMethod::Wald => wald(x, n, level.z()),
        ProportionMethod::Wilson => wilson(x, n, level.z()),
        ProportionMethod::WilsonCorrected => wilson_corrected(x, n, level.z()),
        ProportionMethod::AgrestiCoull => agresti_coull(x, n, level.z()),
        ProportionMethod::ClopperPearson => clopper_pearson(x, n, level.alpha()),
        ProportionMethod::Jeffreys => jeffreys(x, n, level.alpha()),
    };
    // Every method's bound is exactly 0 (1) when no (every) trial succeeded, except Wald whose
    // whole interval collapses there; pin them so rounding cannot leave 1e-17 behind.
    let lower = if successes == 0 { 0.0 } else { lower };
    let upper = if successes == trials { 1.0 } else { upper };
    Interval::clamped(lower, upper, 0.0, 1.0)
}

fn wald(x: f64, n: f64, z: f64) -> (f64, f64) {
    let p = x / n;
    let half = z * (p * (1.0 - p) / n).sqrt();
    (p - half, p + half)
}

fn wilson(x: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let denominator = n + z2;
    let centre = (x + z2 / 2.0) / denominator;
    // √(x(n − x)/n + z²/4) avoids forming p(1 − p) and keeps precision for tiny shares.
    let half = z / denominator * (x * (n - x) / n + z2 / 4.0).sqrt();
    (centre - half, centre + half)
}

fn wilson_corrected(x: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let p = x / n;
    let q = 1.0 - p;
    let denominator = 2.0 * (n + z2);
    let lower_root = (z2 - 2.0 - 1.0 / n + 4.0 * p * (n * q + 1.0))
        .max(0.0)
        .sqrt();
    let upper_root = (z2 + 2.0 - 1.0 / n + 4.0 * p * (n * q - 1.0))
        .max(0.0)
        .sqrt();
    let lower = (2.0 * n * p + z2 - 1.0 - z * lower_root) / denominator;
    let upper = (2.0 * n * p + z2 + 1.0 + z * upper_root) / denominator;
    (lower, upper)
}

fn agresti_coull(x: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let n_tilde = n + z2;
    let p_tilde = (x + z2 / 2.0) / n_tilde;
    let half = z * (p_tilde * (1.0 - p_tilde) / n_tilde).sqrt();
    (p_tilde - half, p_tilde + half)
}

fn clopper_pearson(x: f64, n: f64, alpha: f64) -> (f64, f64) {
    let lower = if x == 0.0 {
        0.0
    } else {
        inverse_cdf::beta(x, n - x + 1.0, alpha / 2.0)
    };
    let upper = if x == n {
        1.0
    } else {
        inverse_cdf::beta(x + 1.0, n - x, 1.0 - alpha / 2.0)
    };
    (lower, upper)
}

fn jeffreys(x: f64, n: f64, alpha: f64) -> (f64, f64) {
    let (a, b) = (x + 0.5, n - x + 0.5);
    (
        inverse_cdf::beta(a, b, alpha / 2.0),
        inverse_cdf::beta(a, b, 1.0 - alpha / 2.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ci(x: u64, n: u64, method: ProportionMethod) -> (f64, f64) {
        let ci = proportion(x, n, ConfidenceLevel::P95, method).unwrap();
        (ci.lower(), ci.upper())
    }

    fn close(actual: (f64, f64), expected: (f64, f64)) {
        assert!(
            (actual.0 - expected.0).abs() < 1e-9 && (actual.1 - expected.1).abs() < 1e-9,
            "{actual:?} != {expected:?}"
        );
    }

    #[test]
    fn metrics_md_vectors() {
        use ProportionMethod::*;
        close(ci(3, 10, Wilson), (0.107_791_267_4, 0.603_221_852_5));
        close(
            ci(3, 10, ClopperPearson),
            (0.066_739_511_2, 0.652_452_850_1),
        );
        close(ci(3, 10, AgrestiCoull), (0.103_338_417_9, 0.607_674_702_0));
        close(ci(3, 10, Jeffreys), (0.092_694_593_9, 0.605_818_318_1));
        close(ci(0, 10, Wilson), (0.0, 0.277_532_799_9));
        close(ci(0, 10, ClopperPearson), (0.0, 0.308_497_107_8));
    }

    #[test]
    fn errors() {
        let level = ConfidenceLevel::P95;
        assert_eq!(
            proportion(0, 0, level, ProportionMethod::Wilson),
            Err(IntervalError::ZeroTrials)
        );
        assert_eq!(
            proportion(2, 1, level, ProportionMethod::Wilson),
            Err(IntervalError::SuccessesExceedTrials {
                successes: 2,
                trials: 1
            })
        );
    }

    #[test]
    fn bounds_stay_in_unit_interval_at_the_extremes() {
        for method in ProportionMethod::ALL {
            for (x, n) in [
                (0, 1),
                (1, 1),
                (0, u64::MAX),
                (u64::MAX, u64::MAX),
                (1, u64::MAX),
            ] {
                let ci = proportion(x, n, ConfidenceLevel::P99, method).unwrap();
                assert!(
                    0.0 <= ci.lower() && ci.upper() <= 1.0,
                    "{method} {x}/{n}: {ci}"
                );
            }
        }
    }
}
