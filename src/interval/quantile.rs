//! Inverse CDFs of the reference distributions, guarded so they never panic.
//!
//! statrs' `inverse_cdf` panics for probabilities outside [0, 1] and its constructors fail for
//! non-positive parameters; every function here maps such input to the distribution's edge (or
//! NaN) instead, and the public callers validate before they get here.
//!
//! The Beta and Student t quantiles do not use statrs' `inv_beta_reg` (AS 64 with Newton steps):
//! its iteration does not terminate for extreme shapes such as Beta(1, 10^19), which a
//! Clopper-Pearson interval at n = 10^19 asks for. Instead they invert statrs' regularised
//! incomplete beta function (a continued fraction capped at 140 terms) by bisection on the bit
//! patterns of non-negative doubles: at most 64 steps, each halving the set of representable
//! candidates, so it always terminates and ends on adjacent doubles. Accuracy is checked against
//! scipy in `tests/reference.rs`.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use statrs::function::beta::checked_beta_reg;

/// Standard normal quantile Φ⁻¹(p).
pub(crate) fn normal(p: f64) -> f64 {
    match edge(p, f64::NEG_INFINITY, f64::INFINITY) {
        Some(x) => x,
        None => Normal::standard().inverse_cdf(p),
    }
}

/// Student t quantile with `df` degrees of freedom (`df > 0`).
pub(crate) fn student_t(df: f64, p: f64) -> f64 {
    if let Some(x) = edge(p, f64::NEG_INFINITY, f64::INFINITY) {
        return x;
    }
    let Ok(t) = StudentsT::new(0.0, 1.0, df) else {
        return f64::NAN;
    };
    // Symmetric: solve for the upper tail on [0, ∞) and mirror.
    let upper = p.max(1.0 - p);
    let x = bisect_bits(0.0, f64::MAX, |x| t.cdf(x) < upper);
    if p < 0.5 { -x } else { x }
}

/// Beta(a, b) quantile (`a, b > 0`).
pub(crate) fn beta(a: f64, b: f64, p: f64) -> f64 {
    if let Some(x) = edge(p, 0.0, 1.0) {
        return x;
    }
    if !(a > 0.0 && b > 0.0) {
        return f64::NAN;
    }
    bisect_bits(0.0, 1.0, |x| {
        checked_beta_reg(a, b, x).is_ok_and(|cdf| cdf < p)
    })
}

/// The smallest double in `[low, high]` (both non-negative) where `below` turns false, assuming
/// `below` is true up to some point and false after it; `high` if it never turns false.
///
/// Non-negative doubles are ordered like their bit patterns as integers, so bisecting the
/// integers visits every representable value and ends after at most 64 steps.
fn bisect_bits(low: f64, high: f64, below: impl Fn(f64) -> bool) -> f64 {
    let (mut lo, mut hi) = (low.to_bits(), high.to_bits());
    if !below(low) {
        return low;
    }
    // Invariant: below(lo) holds, below(hi) does not (or hi is the upper end).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if below(f64::from_bits(mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    f64::from_bits(hi)
}

/// The value at the edges of the probability range, or `None` for `0 < p < 1`.
fn edge(p: f64, low: f64, high: f64) -> Option<f64> {
    if p > 0.0 && p < 1.0 {
        None
    } else if p <= 0.0 {
        Some(low)
    } else if p >= 1.0 {
        Some(high)
    } else {
        Some(f64::NAN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_probabilities_do_not_panic() {
        assert_eq!(normal(0.0), f64::NEG_INFINITY);
        assert_eq!(normal(1.5), f64::INFINITY);
        assert!(normal(f64::NAN).is_nan());
        assert!(student_t(0.0, 0.5).is_nan());
        assert!(beta(-1.0, 1.0, 0.5).is_nan());
        assert_eq!(beta(1.0, 1.0, 1.0), 1.0);
    }
}
