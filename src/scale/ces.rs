//! [`CesScale`] and [`Polarity`]: a CES scale with its good end and low-effort threshold.

use std::fmt;
use std::str::FromStr;

use super::{RatingScale, ScaleError};
use crate::counts::RawScore;
use crate::scale::{Rating, ScoreError};

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
/// # Ok::<(), satisfaction::scale::ScaleError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CesScale {
    scale: RatingScale,
    polarity: Polarity,
    low_effort_threshold: u8,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(CesScale, RawCesScale);

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
    /// # Ok::<(), satisfaction::scale::ScaleError>(())
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
crate::state::from_form!(RawCesScale => CesScale, ScaleError, |raw| {
    Self::new(raw.scale, raw.polarity, raw.low_effort_threshold)
});

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
