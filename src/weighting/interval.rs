//! Intervals for weighted estimates, as R's `survey` package computes them for a one-stage
//! design with weights only.
//!
//! - Means and NPS: the normal interval `estimate ± z · SE` of `confint(svymean(...))`.
//! - Shares: the three `svyciprop` methods named by [`WeightedMethod`], with Student t quantiles
//!   on `degf = n − 1` degrees of freedom.
//! - Differences of independent samples: `d ± z · √(SE₁² + SE₂²)` and the two-sided z-test,
//!   which is what `svycontrast` gives on a design stratified by sample.

use std::fmt;
use std::str::FromStr;

use crate::interval::error::normalised_key;
use crate::interval::{ConfidenceLevel, Difference, Interval, MethodError, inverse_cdf, normal_p};

/// How to compute the confidence interval of a weighted share: the `method`s of R's
/// `survey::svyciprop` for a design with weights only, each with Student t quantiles on n − 1
/// degrees of freedom (R's `degf` of `svydesign(ids = ~1, weights = ~w)`).
///
/// | method | R | interval | prefer it when |
/// |---|---|---|---|
/// | [`Logit`](Self::Logit) (default) | `"logit"` | Wald on the log-odds, mapped back | the general case; R's default, never leaves (0, 1) |
/// | [`KornGraubard`](Self::KornGraubard) | `"beta"` | Clopper-Pearson at Korn & Graubard's effective sample size | shares near 0 or 1, small samples, or a conservative answer is wanted |
/// | [`Wald`](Self::Wald) | `"mean"` | `p ± t · SE` | comparing with reports that use the plain ± margin; poor near 0 and 1 |
///
/// Sources: Lumley, *Complex Surveys* (2010) §2.3.1; Korn & Graubard (1998), "Confidence
/// intervals for proportions with small expected number of positive counts estimated from
/// survey data", *Survey Methodology* 24:193-201.
///
/// A share of exactly 0 or 1 has a standard error of 0. There Wald is the single point `[p, p]`
/// (as in R), and the logit interval, which R cannot compute (the log-odds are infinite), is
/// the Korn-Graubard one; Korn-Graubard, whose design-based effective sample size `p(1 − p)/v`
/// is 0/0 there (R returns NaN), uses Kish's effective sample size instead, giving the
/// Clopper-Pearson interval at n = Kish's n. A single response (no degree of freedom) gives
/// `[0, 1]` by every method.
///
/// ```
/// use satisfaction::weighting::WeightedMethod;
///
/// assert_eq!(WeightedMethod::default(), WeightedMethod::Logit);
/// assert_eq!(WeightedMethod::KornGraubard.to_string(), "Korn-Graubard");
/// assert_eq!(WeightedMethod::Wald.r_name(), "mean");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum WeightedMethod {
    /// R's `"mean"`: `p ± t(n − 1) · SE`, clamped to [0, 1].
    Wald,
    /// R's `"logit"` (the default there and here): `expit(logit p ± t(n − 1) · SE / (p(1 − p)))`.
    #[default]
    Logit,
    /// R's `"beta"` (Korn & Graubard 1998): with `n* = p(1 − p) / SE²`, the bounds are the
    /// Beta quantiles `B(α/2; n*p, n*(1 − p) + 1)` and `B(1 − α/2; n*p + 1, n*(1 − p))`.
    KornGraubard,
}

impl WeightedMethod {
    /// Every method, in declaration order.
    pub const ALL: [Self; 3] = [Self::Wald, Self::Logit, Self::KornGraubard];

    /// The method's key: its serialised name, and what [`FromStr`] reads (`"wald"`, `"logit"`,
    /// `"korn_graubard"`).
    ///
    /// ```
    /// use satisfaction::weighting::WeightedMethod;
    ///
    /// assert_eq!(WeightedMethod::KornGraubard.key(), "korn_graubard");
    /// assert_eq!("Korn-Graubard".parse::<WeightedMethod>()?, WeightedMethod::KornGraubard);
    /// assert_eq!("beta".parse::<WeightedMethod>()?, WeightedMethod::KornGraubard); // R's name
    /// # Ok::<(), satisfaction::interval::MethodError>(())
    /// ```
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Wald => "wald",
            Self::Logit => "logit",
            Self::KornGraubard => "korn_graubard",
        }
    }

    /// The method's name as summaries print it: `"Wald (t)"`, `"logit (t)"`, `"Korn-Graubard"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Wald => "Wald (t)",
            Self::Logit => "logit (t)",
            Self::KornGraubard => "Korn-Graubard",
        }
    }

    /// The method's name in R's `svyciprop(method = ...)`.
    #[must_use]
    pub fn r_name(self) -> &'static str {
        match self {
            Self::Wald => "mean",
            Self::Logit => "logit",
            Self::KornGraubard => "beta",
        }
    }
}

impl fmt::Display for WeightedMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for WeightedMethod {
    type Err = MethodError;

    /// Reads a method from its [`key`](WeightedMethod::key), its name or its R name, ignoring
    /// case.
    fn from_str(text: &str) -> Result<Self, MethodError> {
        let wanted = normalised_key(text);
        Self::ALL
            .into_iter()
            .find(|m| {
                m.key() == wanted || normalised_key(m.name()) == wanted || m.r_name() == wanted
            })
            .ok_or_else(|| MethodError::new(text, &Self::ALL.map(Self::key)))
    }
}

/// A standard error for a summary's `Display`: `decimals` digits, or "undefined (n = 1)" for
/// the infinite one of a single response.
pub(crate) fn se_text(se: f64, decimals: usize) -> String {
    if se.is_finite() {
        format!("{se:.decimals$}")
    } else {
        "undefined (n = 1)".to_owned()
    }
}

/// A standard error as a report value: infinite (a single response) is no value.
pub(crate) fn finite(se: f64) -> crate::summary::Value {
    crate::summary::Value::float(se.is_finite().then_some(se))
}

/// The name of the normal interval of a linearised estimate.
pub(crate) const NORMAL: &str = "normal, linearised SE";

/// `estimate ± z · se`, clamped to `[min, max]`; the whole domain when `se` is not finite.
pub(crate) fn normal(
    estimate: f64,
    se: f64,
    level: ConfidenceLevel,
    min: f64,
    max: f64,
) -> Interval {
    if !se.is_finite() {
        return Interval::clamped(min, max, min, max);
    }
    let half = level.z() * se;
    Interval::clamped(estimate - half, estimate + half, min, max)
}

/// The `svyciprop` interval of a share `p` (with `q = 1 − p` computed directly from the
/// weights, not by subtraction) with linearised standard error `se` from `n` responses whose
/// Kish effective sample size is `kish`.
pub(crate) fn share(
    (p, q): (f64, f64),
    se: f64,
    n: u64,
    kish: f64,
    level: ConfidenceLevel,
    method: WeightedMethod,
) -> Interval {
    let whole = Interval::clamped(0.0, 1.0, 0.0, 1.0);
    if n < 2 || !se.is_finite() || !p.is_finite() {
        return whole;
    }
    let alpha = level.alpha();
    let t = inverse_cdf::student_t((n - 1) as f64, 1.0 - alpha / 2.0);
    let degenerate = se <= 0.0 || p <= 0.0 || q <= 0.0;
    let interval = match method {
        WeightedMethod::Wald => Interval::clamped(p - t * se, p + t * se, 0.0, 1.0),
        WeightedMethod::Logit if !degenerate => {
            let eta = (p / q).ln();
            let half = t * se / (p * q);
            let expit = |x: f64| 1.0 / (1.0 + (-x).exp());
            Interval::clamped(expit(eta - half), expit(eta + half), 0.0, 1.0)
        }
        _ => {
            let n_eff = if degenerate { kish } else { p * q / (se * se) };
            korn_graubard((p, q), n_eff, alpha)
        }
    };
    // The logit bounds come back through exp: at a tiny SE they can round past p itself.
    interval.covering(p)
}

/// Clopper-Pearson-shaped Beta bounds at effective sample size `n_eff`; a shape of 0 is the
/// point mass at the domain's edge.
fn korn_graubard((p, q): (f64, f64), n_eff: f64, alpha: f64) -> Interval {
    if !(n_eff.is_finite() && n_eff > 0.0) {
        return Interval::clamped(0.0, 1.0, 0.0, 1.0);
    }
    let (x, y) = (n_eff * p, n_eff * q);
    let lower = if x > 0.0 {
        inverse_cdf::beta(x, y + 1.0, alpha / 2.0)
    } else {
        0.0
    };
    let upper = if y > 0.0 {
        inverse_cdf::beta(x + 1.0, y, 1.0 - alpha / 2.0)
    } else {
        1.0
    };
    Interval::clamped(lower, upper, 0.0, 1.0)
}

/// The difference `left − right` of two independent linearised estimates: normal interval on
/// `√(se₁² + se₂²)`, clamped to `[-bound, bound]`, and the two-sided z-test p-value.
pub(crate) fn difference(
    (left, left_se): (f64, f64),
    (right, right_se): (f64, f64),
    level: ConfidenceLevel,
    bound: f64,
) -> Difference {
    let d = left - right;
    let se = left_se.hypot(right_se);
    let (interval, p) = if !se.is_finite() {
        (Interval::clamped(-bound, bound, -bound, bound), 1.0)
    } else if se == 0.0 {
        let p = if d == 0.0 { 1.0 } else { 0.0 };
        (Interval::clamped(d, d, -bound, bound), p)
    } else {
        (normal(d, se, level, -bound, bound), normal_p(d / se))
    };
    Difference::new(
        d,
        interval,
        p,
        "normal, linearised SE (independent samples)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_shares() {
        let l = ConfidenceLevel::P95;
        let w = share((0.0, 1.0), 0.0, 10, 10.0, l, WeightedMethod::Wald);
        assert_eq!((w.lower(), w.upper()), (0.0, 0.0));
        let kg = share((0.0, 1.0), 0.0, 10, 10.0, l, WeightedMethod::KornGraubard);
        // Clopper-Pearson upper bound for 0/10: 1 − 0.025^(1/10).
        assert!((kg.upper() - (1.0 - 0.025f64.powf(0.1))).abs() < 1e-12);
        assert_eq!(
            kg,
            share((0.0, 1.0), 0.0, 10, 10.0, l, WeightedMethod::Logit)
        );
        let one = share((1.0, 0.0), 0.0, 10, 10.0, l, WeightedMethod::KornGraubard);
        assert_eq!(one.upper(), 1.0);
        assert!((one.lower() - 0.025f64.powf(0.1)).abs() < 1e-12);
        let single = share((1.0, 0.0), f64::INFINITY, 1, 1.0, l, WeightedMethod::Logit);
        assert_eq!((single.lower(), single.upper()), (0.0, 1.0));
    }

    #[test]
    fn differences_never_nan() {
        let l = ConfidenceLevel::P95;
        let d = difference((1.0, f64::INFINITY), (0.0, 0.1), l, 100.0);
        assert_eq!((d.interval().lower(), d.p_value()), (-100.0, 1.0));
        let d = difference((1.0, 0.0), (1.0, 0.0), l, 100.0);
        assert_eq!(d.p_value(), 1.0);
    }
}
