//! Confidence sequences: intervals that stay valid however often you look.
//!
//! A 95% interval is valid for one look at a fixed sample size. A dashboard that refreshes as
//! answers arrive looks again and again, and the chance that a fixed-n interval misses the truth
//! *at some look* grows with every look: on a stable stream of 2,000 yes/no answers (true share
//! 0.3) checked every 10 answers, the Wilson interval excludes the true share at some point in
//! about 4 streams out of 10 (`cargo run --example monitor` measures it).
//!
//! A **confidence sequence** at level 1 − α is a sequence of intervals that contain the true
//! value *at every n simultaneously* with probability at least 1 − α: "valid at every n" means
//! you may watch it continuously, stop whenever you like (because it moved, because it is
//! Friday), and the guarantee still holds. This module implements the two-sided beta-binomial
//! mixture of Howard, Ramdas, McAuliffe & Sekhon (2021), *Time-uniform, nonparametric,
//! nonasymptotic confidence sequences*, Annals of Statistics 49(2), as in their reference
//! implementation `confseq` (`bernoulli_confidence_interval`). For a candidate share p with
//! q = 1 − p, after x successes in n trials the mixture supermartingale is
//!
//! ```text
//! log M(p) = ln B(r/p + n − x, r/q + x) − ln B(r/p, r/q) − x ln p − (n − x) ln q
//! ```
//!
//! with r = max(ρ − pq, 10⁻³ pq) and ρ = pq·t / (2 ln(1/α) + ln(1 + 2 ln(1/α))), t being the
//! sample size the band is tuned for. The sequence is {p : log M(p) < ln(1/α)}, found by
//! bisection on [0, p̂] and [p̂, 1]. The same bound holds for the mean of any values in [0, 1]
//! (they are sub-Bernoulli), which is how CSAT and CES means and NPS use it.
//!
//! The price is width. At the default `tuned_for` = 1,000 and 95%, for a share near 0.3, the
//! sequence is 1.9× as wide as the Wilson interval at n = 100, 1.5× at n = 1,000 and 1.7× at
//! n = 10,000 (see the README's "Watching a metric"); it is tightest, relative to the fixed-n
//! interval, near n = `tuned_for`.
//!
//! ```
//! use satisfaction::ConfidenceLevel;
//! use satisfaction::interval::{proportion, proportion_sequence, ProportionMethod};
//!
//! let level = ConfidenceLevel::P95;
//! let fixed = proportion(300, 1000, level, ProportionMethod::Wilson)?;
//! let always = proportion_sequence(300, 1000, level, 1000)?;
//! assert!(always.lower() < fixed.lower() && fixed.upper() < always.upper());
//! # Ok::<(), satisfaction::interval::IntervalError>(())
//! ```

use super::special::ln_beta_power;
use super::{ConfidenceLevel, Interval};
use crate::interval::IntervalError;

/// The sample size a sequence is tuned for when a summary does not say: the band is tightest
/// near it, and only slightly wider elsewhere.
pub const DEFAULT_TUNED_FOR: u64 = 1_000;

/// The beta-binomial mixture confidence sequence for a share: valid at every number of trials
/// simultaneously (see the module docs): the chance that the band *ever* excludes the true
/// share, however often it is checked, is at most 1 − level. Matches `confseq`'s
/// `bernoulli_confidence_interval(successes, trials, 1 − level, tuned_for, 1 − level)`.
///
/// # Errors
///
/// [`IntervalError::ZeroTrials`], [`IntervalError::SuccessesExceedTrials`], and
/// [`IntervalError::InvalidStatistic`] when `tuned_for` is 0.
pub fn proportion_sequence(
    successes: u64,
    trials: u64,
    level: ConfidenceLevel,
    tuned_for: u64,
) -> Result<Interval, IntervalError> {
    check(successes, trials, tuned_for)?;
    Ok(sequence_unchecked(
        successes as f64,
        trials,
        level,
        tuned_for,
    ))
}

/// Whether the confidence sequence at `level` excludes the share `p` after `successes` of
/// `trials`: an anytime-valid test of "the share is p" (one evaluation, no bisection).
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::sequence_excludes;
///
/// assert!(!sequence_excludes(31, 100, 0.3, ConfidenceLevel::P95, 1000)?);
/// assert!(sequence_excludes(60, 100, 0.3, ConfidenceLevel::P95, 1000)?);
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
///
/// # Errors
///
/// As [`proportion_sequence`], and [`IntervalError::InvalidStatistic`] for `p` outside [0, 1].
pub fn sequence_excludes(
    successes: u64,
    trials: u64,
    p: f64,
    level: ConfidenceLevel,
    tuned_for: u64,
) -> Result<bool, IntervalError> {
    check(successes, trials, tuned_for)?;
    if !(0.0..=1.0).contains(&p) {
        return Err(IntervalError::InvalidStatistic {
            what: "share",
            value: p,
            constraint: ", in [0, 1]",
        });
    }
    let sum = successes as f64;
    let n = trials as f64;
    Ok(match p {
        0.0 => sum > 0.0,
        1.0 => sum < n,
        _ => log_mixture(p, sum, n, level, tuned_for as f64) >= -level.alpha().ln(),
    })
}

fn check(successes: u64, trials: u64, tuned_for: u64) -> Result<(), IntervalError> {
    if trials == 0 {
        return Err(IntervalError::ZeroTrials);
    }
    if successes > trials {
        return Err(IntervalError::SuccessesExceedTrials { successes, trials });
    }
    if tuned_for == 0 {
        return Err(IntervalError::InvalidStatistic {
            what: "tuned_for",
            value: 0.0,
            constraint: ", at least 1",
        });
    }
    Ok(())
}

/// The sequence for the mean `sum / n` of `n > 0` values in [0, 1] (`0 <= sum <= n`).
pub(crate) fn sequence_unchecked(
    sum: f64,
    n: u64,
    level: ConfidenceLevel,
    tuned_for: u64,
) -> Interval {
    let nf = n as f64;
    let sum = sum.clamp(0.0, nf);
    let estimate = sum / nf;
    let threshold = -level.alpha().ln();
    let t = tuned_for.max(1) as f64;
    // Outside the sequence where the log supermartingale reaches the threshold.
    let outside = |p: f64| {
        if p <= 0.0 {
            sum > 0.0
        } else if p >= 1.0 {
            sum < nf
        } else {
            log_mixture(p, sum, nf, level, t) >= threshold
        }
    };
    let lower = if estimate > 0.0 {
        bisect(0.0, estimate, &outside)
    } else {
        0.0
    };
    let upper = if estimate < 1.0 {
        bisect(estimate, 1.0, &|p| !outside(p))
    } else {
        1.0
    };
    Interval::clamped(lower.min(estimate), upper.max(estimate), 0.0, 1.0)
}

/// log M(p) for `sum` successes (or the sum of [0, 1] values) in `n` trials.
///
/// With A = r/p, B = r/q and the TOMS 708 prefactor β(α, β; x, y) = x^α y^β / B(α, β),
///
/// ```text
/// log M(p) = ln β(A, B; q, p) − ln β(A + n − x, B + x; q, p),
/// ```
///
/// the same quantity as ln B(A + n − x, B + x) − ln B(A, B) − x ln p − (n − x) ln q regrouped.
/// Each prefactor is evaluated around its own mean through x − ln(1 + x) and Stirling's
/// correction (see `special::beta`), so no two terms of size n are subtracted: written with
/// `ln_gamma` differences the terms reach 10¹⁵ at large n while the result is of order 1–100,
/// and all digits were lost.
fn log_mixture(p: f64, sum: f64, n: f64, level: ConfidenceLevel, tuned_for: f64) -> f64 {
    let q = 1.0 - p;
    let pq = p * q;
    let l = -level.alpha().ln();
    let rho = pq * tuned_for / (2.0 * l + (1.0 + 2.0 * l).ln());
    let r = (rho - pq).max(1e-3 * pq);
    let (a, b) = (r / p, r / q);
    ln_beta_power(a, b, q, p) - ln_beta_power(a + (n - sum), b + sum, q, p)
}

/// The point in `[low, high]` (non-negative) where `before` stops holding, to adjacent doubles;
/// at most 64 evaluations whatever the input.
fn bisect(low: f64, high: f64, before: &dyn Fn(f64) -> bool) -> f64 {
    let (mut lo, mut hi) = (low.to_bits(), high.to_bits());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if before(f64::from_bits(mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (f64::from_bits(lo) + f64::from_bits(hi)) / 2.0
}

/// The anytime-valid band for `left − right` from their confidence sequences, each at level
/// 1 − α/2: `[left.lower − right.upper, left.upper − right.lower]`. Valid by the union bound;
/// conservative.
#[must_use]
pub fn sequence_difference(left: Interval, right: Interval) -> Interval {
    Interval::clamped(
        left.lower() - right.upper(),
        left.upper() - right.lower(),
        f64::NEG_INFINITY,
        f64::INFINITY,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::{ProportionMethod, proportion};

    #[test]
    fn contains_the_estimate_and_the_wilson_interval() {
        let level = ConfidenceLevel::P95;
        for (x, n) in [(3, 10), (30, 100), (300, 1000), (2500, 10_000), (1, 30)] {
            let cs = proportion_sequence(x, n, level, 1000).unwrap();
            let wilson = proportion(x, n, level, ProportionMethod::Wilson).unwrap();
            assert!(
                cs.lower() <= wilson.lower() && wilson.upper() <= cs.upper(),
                "{x}/{n}"
            );
        }
    }

    #[test]
    fn extremes_terminate_and_stay_in_range() {
        for level in [ConfidenceLevel::P90, ConfidenceLevel::P99] {
            for (x, n) in [
                (0, 1),
                (1, 1),
                (0, 1_000_000_000),
                (1_000_000_000, 1_000_000_000),
            ] {
                for t in [1, 1_000_000_000, u64::MAX] {
                    let cs = proportion_sequence(x, n, level, t).unwrap();
                    assert!(cs.lower() >= 0.0 && cs.upper() <= 1.0 && cs.lower() <= cs.upper());
                }
            }
        }
        let cs = proportion_sequence(u64::MAX / 2, u64::MAX, ConfidenceLevel::P95, 1000).unwrap();
        assert!(cs.contains(0.5));
    }

    #[test]
    fn bad_arguments() {
        let l = ConfidenceLevel::P95;
        assert!(proportion_sequence(0, 0, l, 10).is_err());
        assert!(proportion_sequence(5, 4, l, 10).is_err());
        assert!(proportion_sequence(1, 4, l, 0).is_err());
        assert!(sequence_excludes(1, 4, 1.5, l, 10).is_err());
    }

    #[test]
    fn exclusion_agrees_with_the_bounds() {
        let l = ConfidenceLevel::P95;
        let cs = proportion_sequence(30, 100, l, 1000).unwrap();
        for p in [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] {
            let inside = cs.lower() < p && p < cs.upper();
            assert_eq!(
                sequence_excludes(30, 100, p, l, 1000).unwrap(),
                !inside,
                "{p}"
            );
        }
    }
}

#[cfg(test)]
mod widths {
    use super::*;
    use crate::interval::{ProportionMethod, proportion};

    /// The width ratios the module docs and the README quote.
    #[test]
    fn width_ratios_against_wilson() {
        for (n, ratio) in [(100u64, 1.92), (1000, 1.55), (10_000, 1.66)] {
            let x = 3 * n / 10;
            let cs = proportion_sequence(x, n, ConfidenceLevel::P95, 1000).unwrap();
            let w = proportion(x, n, ConfidenceLevel::P95, ProportionMethod::Wilson).unwrap();
            assert!((cs.width() / w.width() - ratio).abs() < 0.01, "n = {n}");
        }
    }
}
