//! The errors of the interval functions: a bad level, bad arguments, a bad quantile.

use thiserror::Error;

/// A confidence level outside the open interval (0, 1), or not a number.
///
/// # Example
///
/// ```
/// use satisfaction::ConfidenceLevel;
///
/// let err = ConfidenceLevel::new(1.5).unwrap_err();
/// assert_eq!(err.value, 1.5);
/// assert!(err.to_string().contains("strictly between 0 and 1"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[error("confidence level {value} is invalid: it must lie strictly between 0 and 1 (e.g. 0.95)")]
#[non_exhaustive]
pub struct LevelError {
    /// The rejected level.
    pub value: f64,
}

/// Arguments an interval function cannot work with.
///
/// # Example
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::interval::IntervalError;
/// use satisfaction::interval::{proportion, ProportionMethod};
///
/// let level = ConfidenceLevel::default();
/// let err = proportion(7, 5, level, ProportionMethod::Wilson).unwrap_err();
/// assert!(matches!(err, IntervalError::SuccessesExceedTrials { successes: 7, trials: 5, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum IntervalError {
    /// No trials: a proportion of nothing has no interval.
    #[error("trials is 0: a proportion needs at least one trial")]
    ZeroTrials,
    /// Counts whose total does not fit in a `u64`.
    #[error("the counts add up to more than {max}: their total must fit in a u64")]
    #[non_exhaustive]
    TotalOverflow {
        /// The largest total (`u64::MAX`).
        max: u64,
    },
    /// More successes than trials.
    #[error("successes ({successes}) exceed trials ({trials}): successes must lie in 0..=trials")]
    #[non_exhaustive]
    SuccessesExceedTrials {
        /// The successes given.
        successes: u64,
        /// The trials given.
        trials: u64,
    },
    /// Too few observations for the method.
    #[error("{method} needs at least {needed} observations, got {n}")]
    #[non_exhaustive]
    TooFewObservations {
        /// The method that was asked for.
        method: &'static str,
        /// How many observations it needs.
        needed: u64,
        /// How many there were.
        n: u64,
    },
    /// A statistic that must be finite (and, for spreads, non-negative) was not.
    #[error("{what} is {value}: it must be a finite number{constraint}")]
    #[non_exhaustive]
    InvalidStatistic {
        /// Which argument.
        what: &'static str,
        /// Its value.
        value: f64,
        /// Any further constraint, e.g. ", at least 0".
        constraint: &'static str,
    },
}

/// A quantile outside [0, 1].
///
/// # Example
///
/// ```
/// use satisfaction::interval::QuantileError;
/// use satisfaction::interval::quantile_rank;
///
/// assert!(matches!(quantile_rank(10, 1.5), Err(QuantileError::OutOfRange { q, .. }) if q == 1.5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum QuantileError {
    /// The requested quantile is not a probability.
    #[error("quantile {q} is invalid: it must lie in [0, 1] (0.5 for the median, 0.9 for p90)")]
    #[non_exhaustive]
    OutOfRange {
        /// The rejected quantile.
        q: f64,
    },
}

/// A name (of an interval method, a rule) that names none of the known ones.
///
/// ```
/// use satisfaction::ProportionMethod;
///
/// let err = "exact".parse::<ProportionMethod>().unwrap_err();
/// assert!(err.to_string().contains("clopper_pearson"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
#[error("{given:?} is not a known name here: use one of {known}")]
#[non_exhaustive]
pub struct MethodError {
    /// The name given.
    pub given: String,
    /// The methods' keys, comma-separated.
    pub known: String,
}

impl MethodError {
    pub(crate) fn new(given: &str, known: &[&str]) -> Self {
        Self {
            given: given.to_owned(),
            known: known.join(", "),
        }
    }
}

/// A method name as a key: trimmed, lower case, spaces and hyphens as underscores.
pub(crate) fn normalised_key(text: &str) -> String {
    text.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}
