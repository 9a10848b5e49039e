//! The Garwood (1936) exact interval for a Poisson rate: events per unit of exposure.
//!
//! Churn counted as events over customer-months, tickets per account-week, complaints per
//! thousand orders: when the denominator is exposure rather than a closed cohort, the count is
//! Poisson and the rate λ = x / T gets the "exact" interval of Garwood (1936), the Poisson
//! analogue of Clopper-Pearson:
//!
//! ```text
//! lower = χ²(α/2; 2x) / 2T            (0 when x = 0)
//! upper = χ²(1 − α/2; 2x + 2) / 2T
//! ```
//!
//! Like Clopper-Pearson it is conservative: its coverage is at least the nominal level for every
//! rate, at the cost of some width. Prefer it to the normal approximation x / T ± z √x / T,
//! whose lower bound goes negative and whose coverage collapses for small counts.

use super::{ConfidenceLevel, Interval, inverse_cdf};
use crate::interval::IntervalError;

/// The Garwood exact interval for the rate `events / exposure`.
///
/// `exposure` is in whatever unit the rate is wanted per (customer-months, account-years); the
/// interval is in events per that unit. At `events = 0` the lower bound is exactly 0.
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::poisson_rate;
///
/// // 10 churned customers over 1 customer-year of exposure.
/// let ci = poisson_rate(10, 1.0, ConfidenceLevel::P95)?;
/// assert_eq!(format!("{ci:.6}"), "[4.795389, 18.390356]");
/// // 12 churns in 400 customer-months: 3% a month, between 1.55% and 5.24%.
/// let monthly = poisson_rate(12, 400.0, ConfidenceLevel::P95)?;
/// assert!(monthly.contains(0.03));
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
///
/// # Errors
///
/// [`IntervalError::InvalidStatistic`] when `exposure` is not a finite number greater than 0,
/// or is so small that a bound of the rate is beyond the largest `f64` (an exposure of
/// 5e-324 customer-months).
pub fn poisson_rate(
    events: u64,
    exposure: f64,
    level: ConfidenceLevel,
) -> Result<Interval, IntervalError> {
    if !(exposure > 0.0 && exposure.is_finite()) {
        return Err(IntervalError::InvalidStatistic {
            what: "exposure",
            value: exposure,
            constraint: ", greater than 0",
        });
    }
    let x = events as f64;
    let alpha = level.alpha();
    // χ²(p; 2k) / 2 is the Gamma(k, 1) quantile, which is what inverse_cdf provides.
    let lower = if events == 0 {
        0.0
    } else {
        inverse_cdf::gamma(x, alpha / 2.0)
    };
    let upper = inverse_cdf::gamma(x + 1.0, 1.0 - alpha / 2.0);
    let (lower, upper) = (lower / exposure, upper / exposure);
    if !upper.is_finite() {
        return Err(IntervalError::InvalidStatistic {
            what: "exposure",
            value: exposure,
            constraint: ", large enough that the rate's bounds are finite numbers",
        });
    }
    Ok(Interval::clamped(lower, upper, 0.0, f64::INFINITY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_md_vectors() {
        let level = ConfidenceLevel::P95;
        let zero = poisson_rate(0, 1.0, level).unwrap();
        assert_eq!(zero.lower(), 0.0);
        assert!((zero.upper() - 3.688879).abs() < 1e-6);
        let ten = poisson_rate(10, 1.0, level).unwrap();
        assert!((ten.lower() - 4.795389).abs() < 1e-6);
        assert!((ten.upper() - 18.390356).abs() < 1e-6);
    }

    #[test]
    fn exposure_scales_the_rate() {
        let level = ConfidenceLevel::P90;
        let one = poisson_rate(7, 1.0, level).unwrap();
        let twelve = poisson_rate(7, 12.0, level).unwrap();
        assert!((one.lower() / 12.0 - twelve.lower()).abs() < 1e-12);
        assert!((one.upper() / 12.0 - twelve.upper()).abs() < 1e-12);
    }

    #[test]
    fn bad_exposure_is_an_error() {
        for exposure in [0.0, -1.0, f64::NAN, f64::INFINITY, 5e-324] {
            assert!(poisson_rate(1, exposure, ConfidenceLevel::P95).is_err());
        }
        assert!(poisson_rate(0, 5e-324, ConfidenceLevel::P95).is_err());
    }

    #[test]
    fn huge_counts_terminate() {
        let ci = poisson_rate(u64::MAX, 1.0, ConfidenceLevel::P99).unwrap();
        assert!(ci.lower() < u64::MAX as f64 && ci.upper() > u64::MAX as f64);
    }
}
