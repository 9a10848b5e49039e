//! Typed scores: an NPS score, a rating on a declared scale, a CES scale with explicit polarity.
//!
//! A value of these types is valid by construction, which is what lets
//! [`Aggregator::push`](crate::Aggregator::push) be infallible. Raw numbers go through `new` /
//! `TryFrom`, which say exactly what was wrong:
//!
//! ```
//! use satisfaction::{NpsScore, RatingScale};
//!
//! let score = NpsScore::try_from(9)?;
//! assert!(score.is_promoter());
//! assert!(NpsScore::try_from(11).is_err());
//!
//! let stars = RatingScale::new(1, 5)?;
//! let four = stars.rating(4)?;
//! assert_eq!(four.value(), 4);
//! assert_eq!(stars.rating(0).unwrap_err().to_string(), "rating 0 is out of range: valid values are 1..=5");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;
use thiserror::Error;

use crate::counts::RawScore;
use crate::{ParseScoreError, ScoreError};

/// An answer to "How likely is it that you would recommend us?": 0 (not at all) to 10 (extremely).
///
/// Promoters answer 9-10, passives 7-8 and detractors 0-6 (Reichheld 2003).
///
/// # Example
///
/// ```
/// use satisfaction::{NpsCategory, NpsScore};
///
/// let score = NpsScore::new(7)?;
/// assert_eq!(score.value(), 7);
/// assert_eq!(score.category(), NpsCategory::Passive);
/// assert_eq!(u8::from(score), 7);
/// # Ok::<(), satisfaction::ScoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct NpsScore(u8);

impl NpsScore {
    /// The lowest score, 0.
    pub const MIN: u8 = 0;
    /// The highest score, 10.
    pub const MAX: u8 = 10;

    /// The lowest passive score: 7 (below it, detractors).
    pub const PASSIVE_FROM: u8 = 7;
    /// The lowest promoter score: 9.
    pub const PROMOTER_FROM: u8 = 9;

    /// Validates a score.
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when `score > 10`.
    pub fn new(score: u8) -> Result<Self, ScoreError> {
        Self::from_raw(score)
    }

    /// Validates a score of any integer type, as read from a file or a database column, without
    /// casting it first.
    ///
    /// ```
    /// use satisfaction::NpsScore;
    ///
    /// assert_eq!(NpsScore::from_raw(9_i64)?.value(), 9);
    /// assert_eq!(NpsScore::from_raw(-3_i32).unwrap_err().value, -3);
    /// assert!(NpsScore::from_raw(266_u16).is_err()); // 266 as u8 would be 10
    /// # Ok::<(), satisfaction::ScoreError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when the value is not in 0..=10.
    pub fn from_raw<T: RawScore>(score: T) -> Result<Self, ScoreError> {
        let value = score.widen();
        match u8::try_from(value) {
            Ok(score) if score <= Self::MAX => Ok(Self(score)),
            _ => Err(nps_out_of_range(value)),
        }
    }

    /// The score, 0..=10.
    #[must_use]
    pub fn value(self) -> u8 {
        self.0
    }

    /// Promoter (9-10), passive (7-8) or detractor (0-6): the one place the groups are
    /// defined; [`Nps`](crate::Nps), its batch kernel and its SQL function all use it.
    #[must_use]
    pub fn category(self) -> NpsCategory {
        match self.0 {
            Self::PROMOTER_FROM.. => NpsCategory::Promoter,
            Self::PASSIVE_FROM.. => NpsCategory::Passive,
            _ => NpsCategory::Detractor,
        }
    }

    /// Whether the score is 9 or 10.
    #[must_use]
    pub fn is_promoter(self) -> bool {
        self.category() == NpsCategory::Promoter
    }

    /// Whether the score is 6 or lower.
    #[must_use]
    pub fn is_detractor(self) -> bool {
        self.category() == NpsCategory::Detractor
    }
}

/// The error for an NPS score outside 0..=10.
pub(crate) fn nps_out_of_range(value: i128) -> ScoreError {
    ScoreError {
        what: "NPS score",
        value,
        min: NpsScore::MIN,
        max: NpsScore::MAX,
    }
}

macro_rules! nps_try_from {
    ($($t:ty),+) => {$(
        impl TryFrom<$t> for NpsScore {
            type Error = ScoreError;

            fn try_from(score: $t) -> Result<Self, ScoreError> {
                Self::from_raw(score)
            }
        }
    )+};
}

nps_try_from!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl FromStr for NpsScore {
    type Err = ParseScoreError;

    /// Parses a score written as an integer (surrounding spaces allowed): `"9"`, `" 10 "`.
    ///
    /// ```
    /// use satisfaction::{NpsScore, ParseScoreError};
    ///
    /// assert_eq!(" 9 ".parse::<NpsScore>()?.value(), 9);
    /// assert!(matches!("nine".parse::<NpsScore>(), Err(ParseScoreError::NotANumber { .. })));
    /// assert!(matches!("11".parse::<NpsScore>(), Err(ParseScoreError::OutOfRange(_))));
    /// # Ok::<(), ParseScoreError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, ParseScoreError> {
        Ok(Self::from_raw(parse_integer("NPS score", text)?)?)
    }
}

/// A score written as text, as an integer of any size.
fn parse_integer(what: &'static str, text: &str) -> Result<i64, ParseScoreError> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| ParseScoreError::NotANumber {
            what,
            text: text.to_owned(),
        })
}

impl From<NpsScore> for u8 {
    fn from(score: NpsScore) -> u8 {
        score.0
    }
}

impl fmt::Display for NpsScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The three NPS groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum NpsCategory {
    /// 0-6: unhappy customers who can damage the brand.
    Detractor,
    /// 7-8: satisfied but unenthusiastic.
    Passive,
    /// 9-10: loyal enthusiasts.
    Promoter,
}

impl NpsCategory {
    /// The groups in the order [`Nps`](crate::Nps) counts them (and its state, serialised or in
    /// SQL, lists them): detractors, passives, promoters.
    pub const ALL: [NpsCategory; 3] = [Self::Detractor, Self::Passive, Self::Promoter];

    /// The group's position in [`ALL`](Self::ALL).
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            Self::Detractor => 0,
            Self::Passive => 1,
            Self::Promoter => 2,
        }
    }

    /// The group's plural, as a count is named: `"detractors"`, `"passives"`, `"promoters"`.
    #[must_use]
    pub fn plural(self) -> &'static str {
        match self {
            Self::Detractor => "detractors",
            Self::Passive => "passives",
            Self::Promoter => "promoters",
        }
    }
}

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
/// # Ok::<(), satisfaction::ScaleError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawScale", into = "RawScale"))]
pub struct RatingScale {
    min: u8,
    max: u8,
}

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
    /// # Ok::<(), satisfaction::ParseScoreError>(())
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
impl TryFrom<RawScale> for RatingScale {
    type Error = ScaleError;

    fn try_from(raw: RawScale) -> Result<Self, ScaleError> {
        Self::new(raw.min, raw.max)
    }
}

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

/// Which end of a scale is the good one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Polarity {
    /// Higher values are better (CES 2.0 agreement: 7 = "very easy").
    HigherIsBetter,
    /// Lower values are better (the effort form: 1 = "very low effort").
    LowerIsBetter,
}

impl fmt::Display for Polarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Self::HigherIsBetter => "higher is better",
            Self::LowerIsBetter => "lower is better",
        })
    }
}

/// A Customer Effort Score scale: its points, which end means "easy", and where low effort starts.
///
/// Two forms are in use, and which one a number came from changes its meaning completely, so the
/// polarity is always stated, never guessed:
///
/// - [`CesScale::EFFORT_5`]: "How much effort did you personally have to put forth?" 1 (very low
///   effort) to 5 (very high effort); low effort is 1-2.
/// - [`CesScale::AGREEMENT_7`] (CES 2.0, Gartner/CEB): "The company made it easy for me to handle
///   my issue", 1 (strongly disagree) to 7 (strongly agree); low effort is 5-7.
///
/// # Example
///
/// ```
/// use satisfaction::{CesScale, Polarity, RatingScale};
///
/// let ces = CesScale::AGREEMENT_7;
/// assert_eq!(ces.polarity(), Polarity::HigherIsBetter);
/// assert_eq!(ces.low_effort_range(), (5, 7));
///
/// // Delighted's 5-point agreement form: 4-5 "agree" is low effort.
/// let custom = CesScale::new(RatingScale::FIVE_POINT, Polarity::HigherIsBetter, 4)?;
/// assert_eq!(custom.low_effort_range(), (4, 5));
/// # Ok::<(), satisfaction::ScaleError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawCesScale", into = "RawCesScale")
)]
pub struct CesScale {
    scale: RatingScale,
    polarity: Polarity,
    low_effort_threshold: u8,
}

impl CesScale {
    /// 1-5 effort, 1 = very low effort; low effort is 1-2.
    pub const EFFORT_5: CesScale = CesScale {
        scale: RatingScale::FIVE_POINT,
        polarity: Polarity::LowerIsBetter,
        low_effort_threshold: 2,
    };
    /// CES 2.0: 1-7 agreement, 7 = strongly agree it was easy; low effort is 5-7.
    pub const AGREEMENT_7: CesScale = CesScale {
        scale: RatingScale::SEVEN_POINT,
        polarity: Polarity::HigherIsBetter,
        low_effort_threshold: 5,
    };

    /// A custom CES scale. `low_effort_threshold` is the last low-effort point counting from the
    /// good end: with [`Polarity::LowerIsBetter`] low effort is `min..=threshold`, with
    /// [`Polarity::HigherIsBetter`] it is `threshold..=max`.
    ///
    /// # Errors
    ///
    /// [`ScaleError::ThresholdOutside`] when the threshold is not a point of the scale.
    pub fn new(
        scale: RatingScale,
        polarity: Polarity,
        low_effort_threshold: u8,
    ) -> Result<Self, ScaleError> {
        scale.check_threshold("low-effort threshold", low_effort_threshold)?;
        Ok(Self {
            scale,
            polarity,
            low_effort_threshold,
        })
    }

    /// The rating scale.
    #[must_use]
    pub fn scale(self) -> RatingScale {
        self.scale
    }

    /// Which end means less effort.
    #[must_use]
    pub fn polarity(self) -> Polarity {
        self.polarity
    }

    /// The threshold given at construction.
    #[must_use]
    pub fn low_effort_threshold(self) -> u8 {
        self.low_effort_threshold
    }

    /// The inclusive range of low-effort points.
    #[must_use]
    pub fn low_effort_range(self) -> (u8, u8) {
        match self.polarity {
            Polarity::HigherIsBetter => (self.low_effort_threshold, self.scale.max()),
            Polarity::LowerIsBetter => (self.scale.min(), self.low_effort_threshold),
        }
    }

    /// A rating on this scale.
    ///
    /// # Errors
    ///
    /// [`ScoreError`] when `value` is not a point of the scale.
    pub fn rating<T: RawScore>(self, value: T) -> Result<Rating, ScoreError> {
        self.scale.rating(value).map_err(|e| ScoreError {
            what: "CES rating",
            ..e
        })
    }
}

impl FromStr for CesScale {
    type Err = ScaleError;

    /// Reads one of the two standard scales by name: `"effort_5"` ([`CesScale::EFFORT_5`]) or
    /// `"agreement_7"` ([`CesScale::AGREEMENT_7`]), ignoring case.
    ///
    /// ```
    /// use satisfaction::CesScale;
    ///
    /// assert_eq!("agreement_7".parse::<CesScale>()?, CesScale::AGREEMENT_7);
    /// assert!("likert".parse::<CesScale>().is_err());
    /// # Ok::<(), satisfaction::ScaleError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, ScaleError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "effort_5" => Ok(Self::EFFORT_5),
            "agreement_7" => Ok(Self::AGREEMENT_7),
            _ => Err(ScaleError::UnknownName {
                name: text.to_owned(),
                known: "effort_5, agreement_7",
            }),
        }
    }
}

impl fmt::Display for CesScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (from, to) = self.low_effort_range();
        write!(
            f,
            "{} ({}, low effort {}-{})",
            self.scale,
            match self.polarity {
                Polarity::HigherIsBetter => "higher is easier",
                Polarity::LowerIsBetter => "lower is easier",
            },
            from,
            to
        )
    }
}

/// The serialised form of a [`CesScale`], validated on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawCesScale {
    scale: RatingScale,
    polarity: Polarity,
    low_effort_threshold: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<RawCesScale> for CesScale {
    type Error = ScaleError;

    fn try_from(raw: RawCesScale) -> Result<Self, ScaleError> {
        Self::new(raw.scale, raw.polarity, raw.low_effort_threshold)
    }
}

#[cfg(feature = "serde")]
impl From<CesScale> for RawCesScale {
    fn from(ces: CesScale) -> Self {
        Self {
            scale: ces.scale,
            polarity: ces.polarity,
            low_effort_threshold: ces.low_effort_threshold,
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_scores_validate_and_categorise() {
        for v in 0..=255u8 {
            match NpsScore::new(v) {
                Ok(s) => {
                    assert!(v <= 10);
                    let expected = match v {
                        0..=6 => NpsCategory::Detractor,
                        7..=8 => NpsCategory::Passive,
                        _ => NpsCategory::Promoter,
                    };
                    assert_eq!(s.category(), expected);
                }
                Err(e) => assert_eq!((e.value, v > 10), (i128::from(v), true)),
            }
        }
    }

    #[test]
    fn scales_validate() {
        assert!(RatingScale::new(0, 10).is_ok());
        assert!(matches!(
            RatingScale::new(0, 11),
            Err(ScaleError::TooManyPoints { points: 12, .. })
        ));
        assert!(matches!(
            RatingScale::new(3, 3),
            Err(ScaleError::SinglePoint { .. })
        ));
        assert!(matches!(
            RatingScale::new(250, 255),
            Ok(s) if s.points() == 6
        ));
        for s in [
            RatingScale::THREE_POINT,
            RatingScale::FIVE_POINT,
            RatingScale::SEVEN_POINT,
            RatingScale::TEN_POINT,
            RatingScale::ELEVEN_POINT,
        ] {
            assert_eq!(RatingScale::new(s.min(), s.max()), Ok(s));
        }
    }

    #[test]
    fn ces_presets_are_valid_and_thresholds_checked() {
        for ces in [CesScale::EFFORT_5, CesScale::AGREEMENT_7] {
            assert_eq!(
                CesScale::new(ces.scale(), ces.polarity(), ces.low_effort_threshold()),
                Ok(ces)
            );
        }
        assert!(CesScale::new(RatingScale::FIVE_POINT, Polarity::LowerIsBetter, 6).is_err());
        assert_eq!(CesScale::EFFORT_5.low_effort_range(), (1, 2));
        assert_eq!(CesScale::EFFORT_5.rating(6).unwrap_err().what, "CES rating");
    }
}
