//! [`RatingScale`] and [`Rating`]: a declared scale of 2 to 11 points and a point of it.

use std::fmt;

use super::{ScaleError, parse_integer};
use crate::counts::RawScore;
use crate::scale::{ParseScoreError, ScoreError};

/// A bounded rating scale `min..=max` of 2 to 11 points, such as 1-5 stars or 0-10.
///
/// # Example
///
/// ```
/// use satisfaction::RatingScale;
///
/// let scale = RatingScale::new(1, 7)?;
/// assert_eq!(scale.points(), 7);
/// assert_eq!(scale.to_string(), "1-7");
/// assert_eq!(RatingScale::default(), RatingScale::FIVE_POINT);
/// # Ok::<(), satisfaction::scale::ScaleError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RatingScale {
    min: u8,
    max: u8,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(RatingScale, RawScale);

impl RatingScale {
    /// The most points a scale may have (0-10).
    pub const MAX_POINTS: u8 = 11;
    /// 1-3.
    pub const THREE_POINT: RatingScale = RatingScale { min: 1, max: 3 };
    /// 1-5, the usual CSAT scale and the default.
    pub const FIVE_POINT: RatingScale = RatingScale { min: 1, max: 5 };
    /// 1-7.
    pub const SEVEN_POINT: RatingScale = RatingScale { min: 1, max: 7 };
    /// 1-10.
    pub const TEN_POINT: RatingScale = RatingScale { min: 1, max: 10 };
    /// 0-10, as NPS asks it.
    pub const ELEVEN_POINT: RatingScale = RatingScale { min: 0, max: 10 };

    /// Validates a scale.
    ///
    /// # Errors
    ///
    /// [`ScaleError::Empty`] when `min > max`, [`ScaleError::SinglePoint`] when `min == max`,
    /// [`ScaleError::TooManyPoints`] beyond 11 points.
    pub fn new(min: u8, max: u8) -> Result<Self, ScaleError> {
        match min.cmp(&max) {
            std::cmp::Ordering::Greater => Err(ScaleError::Empty { min, max }),
            std::cmp::Ordering::Equal => Err(ScaleError::SinglePoint { min, max }),
            std::cmp::Ordering::Less => {
                let points = u16::from(max) - u16::from(min) + 1;
                if points > u16::from(Self::MAX_POINTS) {
                    Err(ScaleError::TooManyPoints { min, max, points })
                } else {
                    Ok(Self { min, max })
                }
            }
        }
    }

    /// The lowest point.
    #[must_use]
    pub fn min(self) -> u8 {
        self.min
    }

    /// The highest point.
    #[must_use]
    pub fn max(self) -> u8 {
        self.max
    }

    /// The number of points, 2..=11.
    #[must_use]
    pub fn points(self) -> u8 {
        self.max - self.min + 1
    }

    /// Whether `value` is a point of the scale.
    #[must_use]
    pub fn contains(self, value: u8) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// A rating on this scale, from a value of any integer type (checked as it is, never cast
    /// first).
    ///
    /// ```
    /// use satisfaction::RatingScale;
    ///
    /// assert_eq!(RatingScale::FIVE_POINT.rating(4)?.value(), 4);
    /// assert!(RatingScale::FIVE_POINT.rating(260_u32).is_err());
    /// # Ok::<(), satisfaction::ScoreError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when `value` is not a point of the scale.
    pub fn rating<T: RawScore>(self, value: T) -> Result<Rating, ScoreError> {
        let raw = value.widen();
        match u8::try_from(raw) {
            Ok(value) if self.contains(value) => Ok(Rating { scale: self, value }),
            _ => Err(self.out_of_range("rating", raw)),
        }
    }

    /// A rating on this scale from text (`"4"`, `" 5 "`).
    ///
    /// ```
    /// use satisfaction::RatingScale;
    ///
    /// assert_eq!(RatingScale::FIVE_POINT.parse_rating("4")?.value(), 4);
    /// assert!(RatingScale::FIVE_POINT.parse_rating("4.5").is_err());
    /// # Ok::<(), satisfaction::scale::ParseScoreError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ParseScoreError::NotANumber`] for text that is not an integer,
    /// [`ParseScoreError::OutOfRange`] for an integer off the scale.
    pub fn parse_rating(self, text: &str) -> Result<Rating, ParseScoreError> {
        Ok(self.rating(parse_integer("rating", text)?)?)
    }

    /// Checks that `threshold` is a point of the scale.
    pub(crate) fn check_threshold(
        self,
        what: &'static str,
        threshold: u8,
    ) -> Result<(), ScaleError> {
        if self.contains(threshold) {
            Ok(())
        } else {
            Err(ScaleError::ThresholdOutside {
                what,
                threshold,
                min: self.min,
                max: self.max,
            })
        }
    }

    /// The error for `value` outside this scale.
    pub(crate) fn out_of_range(self, what: &'static str, value: i128) -> ScoreError {
        ScoreError {
            what,
            value,
            min: self.min,
            max: self.max,
        }
    }
}

impl Default for RatingScale {
    fn default() -> Self {
        Self::FIVE_POINT
    }
}

impl fmt::Display for RatingScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.min, self.max)
    }
}

/// The serialised form of a [`RatingScale`], validated on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawScale {
    min: u8,
    max: u8,
}

#[cfg(feature = "serde")]
crate::state::from_form!(RawScale => RatingScale, ScaleError, |raw| {
    Self::new(raw.min, raw.max)
});

#[cfg(feature = "serde")]
impl From<RatingScale> for RawScale {
    fn from(scale: RatingScale) -> Self {
        Self {
            min: scale.min,
            max: scale.max,
        }
    }
}

/// A rating: a point of a [`RatingScale`], which it carries with it.
///
/// # Example
///
/// ```
/// use satisfaction::{Rating, RatingScale};
///
/// let rating = Rating::new(RatingScale::FIVE_POINT, 4)?;
/// assert_eq!((rating.value(), rating.scale()), (4, RatingScale::FIVE_POINT));
/// # Ok::<(), satisfaction::ScoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rating {
    scale: RatingScale,
    value: u8,
}

impl Rating {
    /// A rating of `value` on `scale`.
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when `value` is not a point of the scale.
    pub fn new(scale: RatingScale, value: u8) -> Result<Self, ScoreError> {
        scale.rating(value)
    }

    /// The rated value.
    #[must_use]
    pub fn value(self) -> u8 {
        self.value
    }

    /// The scale the rating was given on.
    #[must_use]
    pub fn scale(self) -> RatingScale {
        self.scale
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {}", self.value, self.scale)
    }
}
