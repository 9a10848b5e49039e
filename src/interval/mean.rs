//! The Student t interval for a mean, from sufficient statistics.
//!
//! Lewis & Sauro, *Quantifying the User Experience* (2nd ed., 2016), ch. 3, recommend t intervals
//! for the means of rating scales at every sample size: the t distribution's heavier tails make
//! up for estimating the standard deviation from the same sample.

use std::sync::OnceLock;

use crate::interval::IntervalError;
use crate::interval::{ConfidenceLevel, Interval, inverse_cdf};

/// The Student t interval `mean ± t(1 − α/2; n − 1) · s / √n`.
///
/// `std_dev` is the sample standard deviation (divisor `n − 1`). The interval is not clamped:
/// callers that know the domain (a rating scale) clamp it; the crate's summaries do.
///
/// **Coverage**: exactly `level` when the values are normally distributed; for ratings on a
/// bounded scale it is approximate (by the central limit theorem), poorest for small n with
/// the answers piled up at one end of the scale.
///
/// # Errors
///
/// [`IntervalError::TooFewObservations`] when `n < 2` (no degrees of freedom);
/// [`IntervalError::InvalidStatistic`] when `mean` is not finite or `std_dev` is negative or not
/// finite.
///
/// # Example
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::student_t;
///
/// let ci = student_t(25, 4.0, 1.0, ConfidenceLevel::P95)?;
/// // t(0.975; 24) = 2.0639
/// assert!((ci.upper() - (4.0 + 2.063_898_561_6 / 5.0)).abs() < 1e-9);
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
pub fn student_t(
    n: u64,
    mean: f64,
    std_dev: f64,
    level: ConfidenceLevel,
) -> Result<Interval, IntervalError> {
    if n < 2 {
        return Err(IntervalError::TooFewObservations {
            method: "the Student t interval",
            needed: 2,
            n,
        });
    }
    if !mean.is_finite() {
        return Err(IntervalError::InvalidStatistic {
            what: "mean",
            value: mean,
            constraint: "",
        });
    }
    if !(std_dev.is_finite() && std_dev >= 0.0) {
        return Err(IntervalError::InvalidStatistic {
            what: "standard deviation",
            value: std_dev,
            constraint: ", at least 0",
        });
    }
    let half = half_width(n, std_dev, level);
    Ok(Interval::clamped(
        mean - half,
        mean + half,
        f64::NEG_INFINITY,
        f64::INFINITY,
    ))
}

/// `t(1 − α/2; n − 1) · s / √n` for `n >= 2`.
pub(crate) fn half_width(n: u64, std_dev: f64, level: ConfidenceLevel) -> f64 {
    let t = critical_t(n.saturating_sub(1), level);
    t * std_dev / (n as f64).sqrt()
}

/// The sample standard deviation of `n` integers from their exact sum (its magnitude) and sum
/// of squares, in the integers' unit; `None` below two values. `n Σx² − (Σx)²` is formed in
/// exact integers while the products fit in a `u128` (about 10¹¹ values of a million), in `f64`
/// beyond.
pub(crate) fn integer_std_dev(n: u64, sum: u128, sum_squares: u128) -> Option<f64> {
    let n = u128::from(n);
    if n < 2 {
        return None;
    }
    let spread = n
        .checked_mul(sum_squares)
        .zip(sum.checked_mul(sum))
        .map(|(a, b)| a.saturating_sub(b) as f64)
        .unwrap_or_else(|| {
            let (n, s, ss) = (n as f64, sum as f64, sum_squares as f64);
            (n * ss - s * s).max(0.0)
        });
    let n = n as f64;
    Some((spread / (n * (n - 1.0))).sqrt())
}

/// The Student t interval of a mean of `n` values with standard deviation `std_dev`, clamped
/// to `domain`; the whole domain without a standard deviation (a single value).
pub(crate) fn t_interval(
    mean: f64,
    std_dev: Option<f64>,
    n: u64,
    level: ConfidenceLevel,
    (low, high): (f64, f64),
) -> Interval {
    match std_dev {
        Some(sd) => {
            let half = half_width(n, sd, level);
            Interval::clamped(mean - half, mean + half, low, high)
        }
        None => Interval::clamped(low, high, low, high),
    }
}

/// Degrees of freedom below which the t quantiles of the standard levels are cached.
const CACHED_DF: usize = 500;

/// One lazily filled table per standard level (90%, 95%, 99%): the exact quantile costs a
/// bisection of tens of microseconds, a summary should cost well under one, and small samples
/// (where the expansion is not accurate enough) always have integer degrees of freedom.
static CRITICAL_T: [[OnceLock<f64>; CACHED_DF]; 3] =
    [const { [const { OnceLock::new() }; CACHED_DF] }; 3];

/// The two-sided critical value t(1 − α/2; df).
pub(crate) fn critical_t(df: u64, level: ConfidenceLevel) -> f64 {
    // The lower tail keeps its digits at extreme levels (see `ConfidenceLevel::z`); the t
    // distribution is symmetric.
    let tail = level.alpha() / 2.0;
    let table = [
        ConfidenceLevel::P90,
        ConfidenceLevel::P95,
        ConfidenceLevel::P99,
    ]
    .iter()
    .position(|&standard| standard == level);
    match (table, usize::try_from(df)) {
        (Some(table), Ok(df)) if df > 0 && df < CACHED_DF => {
            *CRITICAL_T[table][df].get_or_init(|| -inverse_cdf::student_t(df as f64, tail))
        }
        _ => -inverse_cdf::student_t(df as f64, tail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_arguments() {
        let level = ConfidenceLevel::P95;
        assert!(matches!(
            student_t(1, 1.0, 0.0, level),
            Err(IntervalError::TooFewObservations { n: 1, .. })
        ));
        assert!(student_t(5, f64::NAN, 1.0, level).is_err());
        assert!(student_t(5, 1.0, -1.0, level).is_err());
        assert!(student_t(5, 1.0, f64::INFINITY, level).is_err());
    }

    #[test]
    fn zero_spread_gives_a_point() {
        let ci = student_t(10, 3.0, 0.0, ConfidenceLevel::P95).unwrap();
        assert_eq!((ci.lower(), ci.upper()), (3.0, 3.0));
    }
}
