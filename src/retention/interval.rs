//! [`SurvivalInterval`]: the three pointwise intervals of a Kaplan-Meier curve, a port of
//! `survfit_confint()` in R's `survival` package (Therneau), with its edge rules.

use std::fmt;
use std::str::FromStr;

use crate::interval::error::normalised_key;
use crate::interval::{Interval, MethodError};

/// How the pointwise confidence interval of a survival probability S(t) is formed from its
/// Greenwood standard error: the `conf.type` of R's `survfit`.
///
/// All three are normal approximations on some scale of S, with the Greenwood variance of
/// log S, `σ²(t) = Σ_{tᵢ ≤ t} dᵢ / (nᵢ (nᵢ − dᵢ))` (Greenwood 1926; `dᵢ` churned among `nᵢ` at
/// risk at duration `tᵢ`), and `z` the normal quantile of the level:
///
/// | method | interval | R | when to prefer it |
/// |---|---|---|---|
/// | [`Log`](Self::Log) (default) | `S · exp(±z σ)`, upper end clipped at 1 | `conf.type = "log"`, R's default | the usual choice: R's and lifelines' default, never below 0 |
/// | [`LogLog`](Self::LogLog) | `S^exp(±z σ / log S)` (Kalbfleisch & Prentice 1980) | `"log-log"` | small samples and the tails (S near 0 or 1): best coverage in Borgan & Liestøl (1990), always inside (0, 1); Stata's and SAS's default |
/// | [`Plain`](Self::Plain) | `S ± z S σ`, clipped to [0, 1] | `"plain"` | comparing with textbooks or old reports only: symmetric, it can reach 0 or 1 and covers worst |
///
/// Edges, as R (`survival` ≥ 3.8 where it differs from 3.5-3): where S(t) = 1 (before the
/// first churn) every interval is `[1, 1]` (survival 3.5-3 gives `NA` for log-log there);
/// where S(t) = 0 the log-scale variance is infinite and R has no interval (`NA`): see
/// [`KaplanMeierSummary::checked_interval_at`](super::KaplanMeierSummary::checked_interval_at).
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::retention::{KaplanMeier, SurvivalInterval};
/// use satisfaction::Aggregator;
///
/// let mut km = KaplanMeier::default();
/// km.try_extend_from_slices(&[2, 3, 3, 5, 8, 8, 9, 12], &[true, true, false, true, true, false, true, false])?;
/// let curve = km.summary().unwrap();
/// let log = curve.interval_at(5, ConfidenceLevel::P95, SurvivalInterval::Log);
/// let log_log = curve.interval_at(5, ConfidenceLevel::P95, SurvivalInterval::LogLog);
/// assert!(log.contains(curve.survival_at(5)) && log_log.contains(curve.survival_at(5)));
/// assert_eq!("log-log".parse::<SurvivalInterval>()?, SurvivalInterval::LogLog);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SurvivalInterval {
    /// Normal on the log scale of S: `exp(log S ± z σ)`, the upper end clipped at 1. R's
    /// default.
    #[default]
    Log,
    /// Normal on the log(−log) scale of S (the complementary log-log transform): inside
    /// (0, 1) by construction, the best coverage in small samples.
    LogLog,
    /// Normal on the scale of S itself: `S ± z S σ`, clipped to [0, 1].
    Plain,
}

impl SurvivalInterval {
    /// Every method, the default first.
    pub const ALL: [SurvivalInterval; 3] = [Self::Log, Self::LogLog, Self::Plain];

    /// R's name of the method (`conf.type`): `"log"`, `"log-log"`, `"plain"`.
    #[must_use]
    pub fn r_name(self) -> &'static str {
        match self {
            Self::Log => "log",
            Self::LogLog => "log-log",
            Self::Plain => "plain",
        }
    }

    /// The method's key (its serialised name): `"log"`, `"log_log"`, `"plain"`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Log => "log",
            Self::LogLog => "log_log",
            Self::Plain => "plain",
        }
    }
}

impl fmt::Display for SurvivalInterval {
    /// R's name: `log`, `log-log`, `plain`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.r_name())
    }
}

impl FromStr for SurvivalInterval {
    type Err = MethodError;

    /// Reads a method from its key or R's name, ignoring case (`"log"`, `"log-log"`,
    /// `"log_log"`, `"plain"`).
    fn from_str(text: &str) -> Result<Self, MethodError> {
        let wanted = normalised_key(text);
        Self::ALL
            .into_iter()
            .find(|m| m.key() == wanted)
            .ok_or_else(|| MethodError::new(text, &Self::ALL.map(Self::key)))
    }
}

/// The interval of S = `survival` whose log-scale Greenwood variance is `greenwood`
/// (`+∞` once S has reached 0) at the normal quantile `z` (`level.z()`, computed once by
/// callers that read many steps), or `None` where R has `NA`: a port of
/// `survfit_confint(p, se, logse = TRUE, conf.type, conf.int)`, its edge rules line by line,
/// its formulas rearranged to need fewer logarithms and exponentials.
pub(crate) fn survival_bounds(
    survival: f64,
    greenwood: f64,
    method: SurvivalInterval,
    z: f64,
) -> Option<Interval> {
    // ifelse(se == 0, p, ...) in survival >= 3.8, and [1, 1] wherever S = 1 (the issue's
    // rule; S = 1 with a variance above 0 happens only by rounding at counts near 2^63).
    if survival >= 1.0 || greenwood == 0.0 {
        return Some(Interval::clamped(survival, survival, 0.0, 1.0));
    }
    if !(survival > 0.0 && greenwood.is_finite()) {
        // log(0), or Inf * 0 for plain: NA in R.
        return None;
    }
    let se = greenwood.sqrt();
    let (lower, upper) = match method {
        SurvivalInterval::Plain => {
            // se2 <- se * p * zval; pmax(p - se2, 0), pmin(p + se2, 1)
            let se2 = se * survival * z;
            (survival - se2, survival + se2)
        }
        SurvivalInterval::Log => {
            // exp(log(p) -+ se2), the upper end pmin'ed with 1: written as p / e and p e with
            // e = exp(se2), one exponential instead of a logarithm and two (equal to R's to a
            // few ulps).
            let e = (z * se).exp();
            (survival / e, survival * e)
        }
        SurvivalInterval::LogLog => {
            // exp(-exp(log(-log(p)) -+ se2)) with se2 = zval * se / log(p), which is
            // exp(log(p) exp(-+se2)): p^(1/e) and p^e with e = exp(se2).
            let lp = survival.ln();
            let e = (z * se / lp).exp();
            ((lp / e).exp(), (lp * e).exp())
        }
    };
    // Widened by an ulp where exp(log S) rounds to the other side of S.
    Some(Interval::clamped(lower, upper, 0.0, 1.0).covering(survival))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in SurvivalInterval::ALL {
            assert_eq!(m.key().parse::<SurvivalInterval>().unwrap(), m);
            assert_eq!(m.r_name().parse::<SurvivalInterval>().unwrap(), m);
        }
        assert!("arcsine".parse::<SurvivalInterval>().is_err());
        assert_eq!(SurvivalInterval::default(), SurvivalInterval::Log);
    }

    #[test]
    fn edges() {
        let level = crate::interval::ConfidenceLevel::P95.z();
        for m in SurvivalInterval::ALL {
            let one = survival_bounds(1.0, 0.0, m, level).unwrap();
            assert_eq!((one.lower(), one.upper()), (1.0, 1.0));
            assert!(survival_bounds(0.0, f64::INFINITY, m, level).is_none());
            let mid = survival_bounds(0.5, 0.04, m, level).unwrap();
            assert!(mid.contains(0.5) && mid.lower() >= 0.0 && mid.upper() <= 1.0);
            // Huge variance: still inside [0, 1], never NaN.
            let wide = survival_bounds(1e-300, 1e300, m, level).unwrap();
            assert!(wide.lower() >= 0.0 && wide.upper() <= 1.0);
        }
    }
}
