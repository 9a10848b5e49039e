//! [`ScaleError`] (a scale or threshold that cannot be built), [`ScoreError`] (a score off its
//! scale) and [`ParseScoreError`] (score text that is not a score).

use thiserror::Error;

/// A rating scale or threshold that cannot be built.
///
/// # Example
///
/// ```
/// use satisfaction::RatingScale;
/// use satisfaction::scale::ScaleError;
///
/// assert!(matches!(RatingScale::new(5, 1), Err(ScaleError::Empty { min: 5, max: 1, .. })));
/// assert!(matches!(RatingScale::new(1, 20), Err(ScaleError::TooManyPoints { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
#[non_exhaustive]
pub enum ScaleError {
    /// The lower end is above the upper end.
    #[error("rating scale {min}..={max} is empty: the minimum must be below the maximum")]
    #[non_exhaustive]
    Empty {
        /// The requested minimum.
        min: u8,
        /// The requested maximum.
        max: u8,
    },
    /// Only one point: nothing can be measured on it.
    #[error("rating scale {min}..={max} has a single point: a scale needs 2 to 11 points")]
    #[non_exhaustive]
    SinglePoint {
        /// The requested minimum (equal to the maximum).
        min: u8,
        /// The requested maximum.
        max: u8,
    },
    /// More than [`RatingScale::MAX_POINTS`](crate::RatingScale::MAX_POINTS) points.
    #[error("rating scale {min}..={max} has {points} points: a scale has at most 11 points")]
    #[non_exhaustive]
    TooManyPoints {
        /// The requested minimum.
        min: u8,
        /// The requested maximum.
        max: u8,
        /// How many points that would be.
        points: u16,
    },
    /// A threshold (such as CSAT's "satisfied from") that is not a point of its scale.
    #[error("{what} {threshold} is outside the rating scale {min}..={max}")]
    #[non_exhaustive]
    ThresholdOutside {
        /// Which threshold was rejected.
        what: &'static str,
        /// The rejected threshold.
        threshold: u8,
        /// The scale's minimum.
        min: u8,
        /// The scale's maximum.
        max: u8,
    },
    /// A number of options a choice question (an
    /// [`OptionCounts`](crate::OptionCounts)) cannot have: none, or more than fit a 64-bit
    /// set.
    #[error("{options} options: a question has 1 to {max} options")]
    #[non_exhaustive]
    Options {
        /// The rejected number of options.
        options: usize,
        /// The largest number of options.
        max: usize,
    },
    /// A scale name that names no standard scale.
    #[error("unknown scale {name:?}: use one of {known}")]
    #[non_exhaustive]
    UnknownName {
        /// The name given.
        name: String,
        /// The standard names.
        known: &'static str,
    },
}

/// A score or rating outside its scale.
///
/// # Example
///
/// ```
/// use satisfaction::NpsScore;
///
/// let err = NpsScore::new(11).unwrap_err();
/// assert_eq!((err.value, err.min, err.max), (11, 0, 10));
/// assert_eq!(err.to_string(), "NPS score 11 is out of range: valid values are 0..=10");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
#[error("{what} {value} is out of range: valid values are {min}..={max}")]
#[non_exhaustive]
pub struct ScoreError {
    /// What kind of value was rejected ("NPS score", "rating", "CES rating").
    pub what: &'static str,
    /// The rejected value, widened so that every integer type fits.
    pub value: i128,
    /// The smallest valid value.
    pub min: u8,
    /// The largest valid value.
    pub max: u8,
}

/// A score written as text that is not one: not an integer, or off its scale.
///
/// ```
/// use satisfaction::NpsScore;
/// use satisfaction::scale::ParseScoreError;
///
/// let err = "ten".parse::<NpsScore>().unwrap_err();
/// assert_eq!(err.to_string(), "NPS score \"ten\" is not a whole number");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
#[non_exhaustive]
pub enum ParseScoreError {
    /// Text that is not an integer.
    #[error("{what} {text:?} is not a whole number")]
    #[non_exhaustive]
    NotANumber {
        /// What kind of value was expected ("NPS score", "rating").
        what: &'static str,
        /// The text as given.
        text: String,
    },
    /// An integer off its scale.
    #[error(transparent)]
    OutOfRange(#[from] ScoreError),
}
