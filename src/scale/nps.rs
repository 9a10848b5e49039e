//! [`NpsScore`] and its [`NpsCategory`]: the 0-10 answer and the group it falls in.

use std::fmt;
use std::str::FromStr;

use super::parse_integer;
use crate::counts::RawScore;
use crate::scale::{ParseScoreError, ScoreError};

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
pub struct NpsScore(u8);

#[cfg(feature = "serde")]
crate::state::serde_via!(NpsScore, u8);

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

    /// [`category`](Self::category)`().index()` of a raw byte, branch-free, for the grouped
    /// batch loop (which has validated every score first); a value above 10 counts as a
    /// promoter. The tests hold it to `category` for every score.
    #[inline(always)]
    pub(crate) fn bucket_of_raw(score: u8) -> usize {
        usize::from(score >= Self::PASSIVE_FROM) + usize::from(score >= Self::PROMOTER_FROM)
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
fn nps_out_of_range(value: i128) -> ScoreError {
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
    /// use satisfaction::NpsScore;
    /// use satisfaction::scale::ParseScoreError;
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

    /// What one answer of the group adds to the NPS on its −1..=1 scale: −1 for a detractor,
    /// 0 for a passive, +1 for a promoter (NPS is the mean of these, times 100).
    ///
    /// ```
    /// use satisfaction::NpsScore;
    ///
    /// let signs: Vec<i8> = [3u8, 7, 10].iter().map(|&s| NpsScore::new(s).unwrap().category().sign()).collect();
    /// assert_eq!(signs, [-1, 0, 1]);
    /// ```
    #[must_use]
    pub fn sign(self) -> i8 {
        match self {
            Self::Detractor => -1,
            Self::Passive => 0,
            Self::Promoter => 1,
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

/// The customary reading of a Net Promoter Score.
///
/// Each band includes its lower edge: 0 is [`Good`](Self::Good), 20 is
/// [`Favourable`](Self::Favourable), 50 is [`Excellent`](Self::Excellent) and 80 is
/// [`WorldClass`](Self::WorldClass). These are rules of thumb from practitioners (Bain, survey
/// vendors); compare with your industry's benchmark before acting on them.
///
/// ```
/// use satisfaction::scale::NpsBand;
///
/// assert_eq!(NpsBand::of(-0.5), NpsBand::Negative);
/// assert_eq!(NpsBand::of(0.0), NpsBand::Good);
/// assert_eq!(NpsBand::of(50.0), NpsBand::Excellent);
/// assert_eq!(NpsBand::of(80.0).to_string(), "world-class");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum NpsBand {
    /// Below 0: more detractors than promoters.
    Negative,
    /// 0 to below 20.
    Good,
    /// 20 to below 50.
    Favourable,
    /// 50 to below 80.
    Excellent,
    /// 80 and above.
    WorldClass,
}

impl NpsBand {
    /// The band of a score on the −100..=100 scale (NaN, which the crate never produces, reads
    /// as [`Negative`](Self::Negative)).
    #[must_use]
    pub fn of(score: f64) -> Self {
        match score {
            s if s >= 80.0 => Self::WorldClass,
            s if s >= 50.0 => Self::Excellent,
            s if s >= 20.0 => Self::Favourable,
            s if s >= 0.0 => Self::Good,
            _ => Self::Negative,
        }
    }
}

impl fmt::Display for NpsBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Self::Negative => "negative",
            Self::Good => "good",
            Self::Favourable => "favourable",
            Self::Excellent => "excellent",
            Self::WorldClass => "world-class",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_raw_bucket_is_the_category() {
        for score in NpsScore::MIN..=NpsScore::MAX {
            let typed = NpsScore::new(score).unwrap();
            assert_eq!(
                NpsScore::bucket_of_raw(score),
                typed.category().index(),
                "{score}"
            );
        }
    }
}
