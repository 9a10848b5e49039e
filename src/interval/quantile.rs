//! Distribution-free confidence intervals for quantiles, from order statistics.
//!
//! For the q-quantile ξ of any continuous distribution, the number of sample values below ξ is
//! Binomial(n, q), whatever the distribution. So with ranks
//!
//! ```text
//! l = Binom⁻¹(α/2; n, q),   u = Binom⁻¹(1 − α/2; n, q) + 1     (1-based)
//! ```
//!
//! the interval [x₍ₗ₎, x₍ᵤ₎] between the l-th and u-th smallest values covers ξ with probability
//! at least 1 − α (Conover, *Practical Nonparametric Statistics*, 3rd ed., §3.2; Hahn & Meeker,
//! *Statistical Intervals*, §5.2). It needs no assumption about the shape of the data, which is
//! why it suits response times: skewed, heavy-tailed, nothing like a normal. When n is too
//! small for the level the ranks fall off the sample (l = 0 or u > n): no order-statistic
//! interval exists and the functions here say `None` rather than inventing one. The median at
//! 95% needs n ≥ 6.

use super::{ConfidenceLevel, inverse_cdf};
use crate::interval::QuantileError;

/// The 1-based ranks (l, u) of the order statistics bounding the distribution-free confidence
/// interval for the `q`-quantile of `n` values; `None` when `n` is too small for `level`.
///
/// **Coverage**: at least `level` for any continuous distribution, with no assumption about
/// its shape: the ranks come from Binomial(n, q) quantiles, so each tail misses with
/// probability at most (1 − level) / 2. Applied to the FRT sketch, each bound also carries the
/// sketch's relative accuracy (1% by default).
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::quantile_ranks;
///
/// // The median of 10 values lies between the 2nd and 9th smallest with 95% confidence.
/// assert_eq!(quantile_ranks(10, 0.5, ConfidenceLevel::P95)?, Some((2, 9)));
/// // The 90th percentile of 100 values: between the 84th and the 96th.
/// assert_eq!(quantile_ranks(100, 0.9, ConfidenceLevel::P95)?, Some((84, 96)));
/// // Five values are too few for a 95% interval for the median.
/// assert_eq!(quantile_ranks(5, 0.5, ConfidenceLevel::P95)?, None);
/// # Ok::<(), satisfaction::interval::QuantileError>(())
/// ```
///
/// # Errors
///
/// [`QuantileError::OutOfRange`] when `q` is not in [0, 1] (or is NaN).
pub fn quantile_ranks(
    n: u64,
    q: f64,
    level: ConfidenceLevel,
) -> Result<Option<(u64, u64)>, QuantileError> {
    check_quantile(q)?;
    let alpha = level.alpha();
    let (lower, tails) = inverse_cdf::binomial_with_tails(n, q, alpha / 2.0);
    // Binomial(n, ½) is symmetric, F(k) = 1 − F(n − k − 1), so when F(l) is clearly above α/2
    // (no tie) the upper rank mirrors the lower one: the median's interval, FRT's default,
    // costs one binomial quantile instead of two. (F is accurate to ~1e-13 relative.)
    let mirrored = q == 0.5 && tails.is_some_and(|t| t.lower > alpha / 2.0 * (1.0 + 1e-9));
    let upper = if mirrored {
        (n - lower).saturating_add(1)
    } else {
        inverse_cdf::binomial(n, q, 1.0 - alpha / 2.0).saturating_add(1)
    };
    Ok((lower >= 1 && upper <= n).then_some((lower, upper)))
}

/// The 1-based rank of the sample `q`-quantile among `n > 0` values: ⌈q n⌉, and 1 for q = 0.
///
/// This is the "inverted CDF" definition (Hyndman & Fan 1996, definition 1; numpy's
/// `method="inverted_cdf"`): the quantile is always one of the observed values, never an
/// interpolation between two, so the median of 1..=10 is 5.
///
/// ```
/// use satisfaction::interval::quantile_rank;
///
/// assert_eq!(quantile_rank(10, 0.5)?, 5);
/// assert_eq!(quantile_rank(10, 0.91)?, 10);
/// assert_eq!(quantile_rank(10, 0.0)?, 1);
/// # Ok::<(), satisfaction::interval::QuantileError>(())
/// ```
///
/// # Errors
///
/// [`QuantileError::OutOfRange`] when `q` is not in [0, 1] (or is NaN).
pub fn quantile_rank(n: u64, q: f64) -> Result<u64, QuantileError> {
    check_quantile(q)?;
    // q n in f64 is exact enough: for n up to 2^53 the product is within half an ulp, and the
    // clamp keeps the rank inside 1..=n whatever the rounding.
    let rank = (q * n as f64).ceil();
    Ok((rank as u64).clamp(1, n.max(1)))
}

/// `Ok` when `q` is a probability.
pub(crate) fn check_quantile(q: f64) -> Result<(), QuantileError> {
    if (0.0..=1.0).contains(&q) {
        Ok(())
    } else {
        Err(QuantileError::OutOfRange { q })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_md_vectors() {
        let level = ConfidenceLevel::P95;
        assert_eq!(quantile_ranks(10, 0.5, level), Ok(Some((2, 9))));
        assert_eq!(quantile_ranks(20, 0.5, level), Ok(Some((6, 15))));
        assert_eq!(quantile_ranks(100, 0.9, level), Ok(Some((84, 96))));
        assert_eq!(quantile_ranks(5, 0.5, level), Ok(None));
        assert_eq!(quantile_ranks(6, 0.5, level), Ok(Some((1, 6))));
    }

    #[test]
    fn degenerate_inputs() {
        let level = ConfidenceLevel::P95;
        assert_eq!(quantile_ranks(0, 0.5, level), Ok(None));
        assert_eq!(quantile_ranks(1000, 0.0, level), Ok(None));
        assert_eq!(quantile_ranks(1000, 1.0, level), Ok(None));
        assert!(quantile_ranks(u64::MAX, 0.5, level).is_ok());
        for q in [-0.1, 1.1, f64::NAN, f64::INFINITY] {
            assert!(quantile_ranks(10, q, level).is_err());
            assert!(quantile_rank(10, q).is_err());
        }
    }

    #[test]
    fn ranks() {
        assert_eq!(quantile_rank(1, 0.5), Ok(1));
        assert_eq!(quantile_rank(4, 0.25), Ok(1));
        assert_eq!(quantile_rank(4, 0.26), Ok(2));
        assert_eq!(quantile_rank(4, 1.0), Ok(4));
        assert_eq!(quantile_rank(0, 0.5), Ok(1));
    }
}
