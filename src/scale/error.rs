//! [`ScaleError`]: a scale or threshold that cannot be built.

use thiserror::Error;

/// A rating scale or threshold that cannot be built.
///
/// # Example
///
/// ```
/// use satisfaction::{RatingScale, ScaleError};
///
/// assert!(matches!(RatingScale::new(5, 1), Err(ScaleError::Empty { min: 5, max: 1 })));
/// assert!(matches!(RatingScale::new(1, 20), Err(ScaleError::TooManyPoints { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
#[non_exhaustive]
pub enum ScaleError {
    /// The lower end is above the upper end.
    #[error("rating scale {min}..={max} is empty: the minimum must be below the maximum")]
    Empty {
        /// The requested minimum.
        min: u8,
        /// The requested maximum.
        max: u8,
    },
    /// Only one point: nothing can be measured on it.
    #[error("rating scale {min}..={max} has a single point: a scale needs 2 to 11 points")]
    SinglePoint {
        /// The requested minimum (equal to the maximum).
        min: u8,
        /// The requested maximum.
        max: u8,
    },
    /// More than [`RatingScale::MAX_POINTS`](crate::RatingScale::MAX_POINTS) points.
    #[error("rating scale {min}..={max} has {points} points: a scale has at most 11 points")]
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
    /// A scale name that names no standard scale.
    #[error("unknown scale {name:?}: use one of {known}")]
    UnknownName {
        /// The name given.
        name: String,
        /// The standard names.
        known: &'static str,
    },
}
