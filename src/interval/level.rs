//! [`ConfidenceLevel`], validated once, and [`Interval`], the pair of bounds every method returns.

use std::fmt;

use crate::interval::LevelError;
use crate::interval::inverse_cdf;

/// A confidence level strictly between 0 and 1, such as 0.95.
///
/// Validating the level once, here, is what lets every interval method take it without a
/// `Result`: the inverse CDFs underneath (statrs) panic outside (0, 1), and a level of `NaN`
/// or `1.0` never reaches them.
///
/// The default is 95%.
///
/// # Example
///
/// ```
/// use satisfaction::ConfidenceLevel;
///
/// let level = ConfidenceLevel::new(0.9)?;
/// assert_eq!(level.value(), 0.9);
/// assert!((level.alpha() - 0.1).abs() < 1e-15);
/// assert_eq!(level.to_string(), "90%");
/// assert_eq!(ConfidenceLevel::default().value(), 0.95);
///
/// assert!(ConfidenceLevel::new(1.0).is_err());
/// assert!(ConfidenceLevel::new(f64::NAN).is_err());
/// # Ok::<(), satisfaction::interval::LevelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct ConfidenceLevel(f64);

impl ConfidenceLevel {
    /// The 95% level, the default.
    pub const P95: ConfidenceLevel = ConfidenceLevel(0.95);
    /// The 90% level.
    pub const P90: ConfidenceLevel = ConfidenceLevel(0.90);
    /// The 99% level.
    pub const P99: ConfidenceLevel = ConfidenceLevel(0.99);

    /// Validates a level.
    ///
    /// # Errors
    ///
    /// [`LevelError`] unless `0 < level < 1` (so also for `NaN` and infinities).
    pub fn new(level: f64) -> Result<Self, LevelError> {
        if level > 0.0 && level < 1.0 {
            Ok(Self(level))
        } else {
            Err(LevelError { value: level })
        }
    }

    /// The level as a fraction, e.g. `0.95`.
    #[must_use]
    pub fn value(self) -> f64 {
        self.0
    }

    /// The error rate `1 - level`, e.g. `0.05`.
    #[must_use]
    pub fn alpha(self) -> f64 {
        1.0 - self.0
    }

    /// The level with half the error rate, 1 − α/2: each of two sequences combined by the union
    /// bound (as for an anytime-valid difference) gets this level.
    ///
    /// ```
    /// use satisfaction::ConfidenceLevel;
    ///
    /// assert!((ConfidenceLevel::P95.halved_alpha().value() - 0.975).abs() < 1e-15);
    /// ```
    #[must_use]
    pub fn halved_alpha(self) -> Self {
        // 1 − α/2 lies in (0.5, 1) whenever the level lies in (0, 1).
        Self::new(1.0 - self.alpha() / 2.0).unwrap_or(self)
    }

    /// The two-sided standard normal critical value `z = Φ⁻¹(1 - α/2)`, e.g. 1.959964 at 95%.
    #[must_use]
    pub fn z(self) -> f64 {
        // From the lower tail: at a level such as 1 − 1e-16, 1 − α/2 rounds to 1 and the
        // quantile there is infinite, while α/2 keeps every digit.
        -inverse_cdf::normal(self.alpha() / 2.0)
    }
}

impl Default for ConfidenceLevel {
    fn default() -> Self {
        Self::P95
    }
}

impl TryFrom<f64> for ConfidenceLevel {
    type Error = LevelError;

    fn try_from(level: f64) -> Result<Self, LevelError> {
        Self::new(level)
    }
}

impl fmt::Display for ConfidenceLevel {
    /// Prints the level as a percentage with as few digits as it needs: `95%`, `99.9%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = self.0 * 100.0;
        // Round to 10 significant digits first so that 0.999 prints as 99.9, not 99.90000000000001.
        let rounded = format!("{percent:.8}");
        let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
        write!(f, "{trimmed}%")
    }
}

/// A closed interval `[lower, upper]` with `lower <= upper`.
///
/// Every interval in the crate is clamped to the domain of its quantity (`[0, 1]` for shares,
/// the scale for mean ratings, `[-100, 100]` for NPS).
///
/// # Example
///
/// ```
/// use satisfaction::Interval;
///
/// let ci = Interval::new(0.2, 0.5).unwrap();
/// assert_eq!((ci.lower(), ci.upper()), (0.2, 0.5));
/// assert!((ci.width() - 0.3).abs() < 1e-15);
/// assert!(ci.contains(0.3));
/// assert!(Interval::new(0.5, 0.2).is_none());
/// assert!(Interval::new(f64::NAN, 1.0).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Interval {
    lower: f64,
    upper: f64,
}

impl Interval {
    /// An interval from its bounds; `None` unless both are finite-or-infinite numbers (not NaN)
    /// with `lower <= upper`.
    #[must_use]
    pub fn new(lower: f64, upper: f64) -> Option<Self> {
        (lower <= upper).then_some(Self { lower, upper })
    }

    /// Builds an interval that is known to be ordered, clamping both bounds into `[min, max]`.
    ///
    /// NaN bounds (which the methods never produce for valid input) collapse to the domain's
    /// edges rather than leaking out.
    pub(crate) fn clamped(lower: f64, upper: f64, min: f64, max: f64) -> Self {
        let clamp = |x: f64, nan: f64| if x.is_nan() { nan } else { x.clamp(min, max) };
        let lower = clamp(lower, min);
        let upper = clamp(upper, max);
        if lower <= upper {
            Self { lower, upper }
        } else {
            Self {
                lower: upper,
                upper: lower,
            }
        }
    }

    /// The interval widened to contain `estimate` where rounding in a transformed scale (the
    /// log-odds of a logit interval) left a bound a hair on the wrong side of it; a NaN
    /// estimate changes nothing.
    pub(crate) fn covering(self, estimate: f64) -> Self {
        Self {
            lower: self.lower.min(estimate),
            upper: self.upper.max(estimate),
        }
    }

    /// The lower bound.
    #[must_use]
    pub fn lower(&self) -> f64 {
        self.lower
    }

    /// The upper bound.
    #[must_use]
    pub fn upper(&self) -> f64 {
        self.upper
    }

    /// `upper - lower`.
    #[must_use]
    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }

    /// Half the width: the "margin of error" when the interval is symmetric.
    #[must_use]
    pub fn half_width(&self) -> f64 {
        self.width() / 2.0
    }

    /// Whether `lower <= x <= upper`.
    #[must_use]
    pub fn contains(&self, x: f64) -> bool {
        self.lower <= x && x <= self.upper
    }

    /// The interval with both bounds multiplied by a positive `factor` (e.g. 100 for percent).
    #[must_use]
    pub fn scaled(&self, factor: f64) -> Self {
        Self::clamped(
            self.lower * factor,
            self.upper * factor,
            f64::NEG_INFINITY,
            f64::INFINITY,
        )
    }
}

impl fmt::Display for Interval {
    /// `[lower, upper]`, honouring the formatter's precision: `format!("{ci:.3}")`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "[{:.p$}, {:.p$}]", self.lower, self.upper),
            None => write!(f, "[{}, {}]", self.lower, self.upper),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Interval {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Raw {
            lower: f64,
            upper: f64,
        }
        let raw = Raw::deserialize(deserializer)?;
        Interval::new(raw.lower, raw.upper).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid interval [{}, {}]: lower must not exceed upper",
                raw.lower, raw.upper
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_rejects_edges_and_non_numbers() {
        for bad in [
            0.0,
            1.0,
            -0.1,
            1.1,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            let err = ConfidenceLevel::new(bad).unwrap_err();
            assert!(err.value.is_nan() || err.value == bad);
        }
        assert!(ConfidenceLevel::new(f64::MIN_POSITIVE).is_ok());
        assert!(ConfidenceLevel::new(1.0 - f64::EPSILON).is_ok());
    }

    #[test]
    fn extreme_levels_keep_finite_critical_values() {
        let level = ConfidenceLevel::new(0.999_999_999_999_999_9).unwrap();
        assert!(level.z().is_finite() && level.z() > 8.0);
        let tiny = ConfidenceLevel::new(1e-300).unwrap();
        assert!(tiny.z() >= 0.0 && tiny.z() < 1e-290);
    }

    #[test]
    fn level_z_is_the_normal_critical_value() {
        assert!((ConfidenceLevel::P95.z() - 1.959_963_984_540_054).abs() < 1e-12);
        assert!((ConfidenceLevel::P99.z() - 2.575_829_303_548_901).abs() < 1e-12);
    }

    #[test]
    fn level_display_is_short() {
        assert_eq!(ConfidenceLevel::P95.to_string(), "95%");
        assert_eq!(ConfidenceLevel::new(0.999).unwrap().to_string(), "99.9%");
        assert_eq!(ConfidenceLevel::new(0.5).unwrap().to_string(), "50%");
    }

    #[test]
    fn clamped_handles_nan_and_order() {
        let ci = Interval::clamped(f64::NAN, 2.0, 0.0, 1.0);
        assert_eq!((ci.lower(), ci.upper()), (0.0, 1.0));
        let ci = Interval::clamped(-1.0, 1.0000000000000002, 0.0, 1.0);
        assert_eq!((ci.lower(), ci.upper()), (0.0, 1.0));
    }

    #[test]
    fn display_honours_precision() {
        let ci = Interval::new(0.25, 0.5).unwrap();
        assert_eq!(format!("{ci:.2}"), "[0.25, 0.50]");
        assert_eq!(ci.to_string(), "[0.25, 0.5]");
    }
}
