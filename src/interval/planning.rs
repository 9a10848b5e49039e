//! Sample-size planning: how many answers a target margin of error needs, and when an interval
//! is too wide to trust.
//!
//! The margin of error of any summary is its interval's half width
//! ([`Interval::half_width`](super::Interval::half_width)). Planning inverts the normal
//! approximation: for a proportion, n = z² p(1 − p) / m² (p = 0.5 when nothing is known, the
//! worst case); for NPS on the −100..100 scale, n = z² · 100² · (p + d − (p − d)²) / m², with
//! p and d the expected promoter and detractor shares (the variance of the −1/0/+1 score).
//!
//! At p = d = 1/3 a ±10-point NPS margin at 95% needs 257 answers; ±5 points needs 1,025. The
//! "about 1,000 responses" rule of thumb (CYBAEA) is the ±5 figure: an interval 10 points
//! *wide*.
//!
//! ```
//! use satisfaction::ConfidenceLevel;
//! use satisfaction::interval::{nps_sample_size, proportion_sample_size};
//!
//! assert_eq!(proportion_sample_size(0.05, ConfidenceLevel::P95, 0.5)?, 385);
//! assert_eq!(nps_sample_size(5.0, ConfidenceLevel::P95, 1.0 / 3.0, 1.0 / 3.0)?, 1025);
//! # Ok::<(), satisfaction::interval::IntervalError>(())
//! ```

use super::ConfidenceLevel;
use crate::interval::IntervalError;

/// Below this many observations a summary's interval is flagged as unreliable: the normal
/// approximations behind Wald-type intervals and t intervals on skewed ratings are poor, and
/// even the better intervals are too wide to act on. A rule of thumb, not a theorem; the
/// intervals themselves stay valid.
pub const MIN_RELIABLE_N: u64 = 30;

/// `true` when `n` is below [`MIN_RELIABLE_N`].
#[must_use]
pub fn is_small_sample(n: u64) -> bool {
    n < MIN_RELIABLE_N
}

fn check_margin(margin: f64, max: f64) -> Result<(), IntervalError> {
    if margin > 0.0 && margin.is_finite() && margin <= max {
        Ok(())
    } else {
        Err(IntervalError::InvalidStatistic {
            what: "target margin of error",
            value: margin,
            constraint: ", greater than 0 and at most the scale's width",
        })
    }
}

fn check_share(what: &'static str, share: f64) -> Result<(), IntervalError> {
    if (0.0..=1.0).contains(&share) {
        Ok(())
    } else {
        Err(IntervalError::InvalidStatistic {
            what,
            value: share,
            constraint: ", in [0, 1]",
        })
    }
}

fn ceil_count(n: f64) -> u64 {
    // At least one observation; the f64 → u64 conversion saturates.
    (n.ceil() as u64).max(1)
}

/// Answers needed for a proportion's margin of error (half width, on the 0..1 scale) to be at
/// most `margin` at `level`, when the share is expected near `expected` (0.5 if unknown).
///
/// # Errors
///
/// [`IntervalError::InvalidStatistic`] for a margin not in (0, 1] or a share not in [0, 1].
pub fn proportion_sample_size(
    margin: f64,
    level: ConfidenceLevel,
    expected: f64,
) -> Result<u64, IntervalError> {
    check_margin(margin, 1.0)?;
    check_share("expected share", expected)?;
    let z = level.z();
    Ok(ceil_count(
        z * z * expected * (1.0 - expected) / (margin * margin),
    ))
}

/// Answers needed for an NPS margin of error of at most `margin_points` (on the −100..100
/// scale) at `level`, given expected promoter and detractor shares.
///
/// # Errors
///
/// [`IntervalError::InvalidStatistic`] for a margin not in (0, 200] or shares outside [0, 1]
/// or adding up to more than 1.
pub fn nps_sample_size(
    margin_points: f64,
    level: ConfidenceLevel,
    promoters: f64,
    detractors: f64,
) -> Result<u64, IntervalError> {
    check_margin(margin_points, 200.0)?;
    check_share("expected promoter share", promoters)?;
    check_share("expected detractor share", detractors)?;
    check_share(
        "expected promoter plus detractor share",
        promoters + detractors,
    )?;
    let z = level.z();
    let variance = promoters + detractors - (promoters - detractors).powi(2);
    let margin = margin_points / 100.0;
    Ok(ceil_count(z * z * variance / (margin * margin)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planning() {
        let l = ConfidenceLevel::P95;
        assert_eq!(nps_sample_size(10.0, l, 1.0 / 3.0, 1.0 / 3.0), Ok(257));
        assert_eq!(proportion_sample_size(0.03, l, 0.5), Ok(1068));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(proportion_sample_size(bad, l, 0.5).is_err());
            assert!(nps_sample_size(bad, l, 0.3, 0.3).is_err());
        }
        assert!(nps_sample_size(10.0, l, 0.7, 0.5).is_err());
        assert_eq!(proportion_sample_size(0.1, l, 0.0), Ok(1));
        assert!(is_small_sample(29) && !is_small_sample(30));
    }
}
