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

mod ces;
mod error;
mod nps;
mod rating;

pub use ces::{CesScale, Polarity};
pub use error::{ParseScoreError, ScaleError, ScoreError};
pub use nps::{NpsBand, NpsCategory, NpsScore};
pub use rating::{Rating, RatingScale};

/// A score written as text, as an integer of any size.
pub(crate) fn parse_integer(what: &'static str, text: &str) -> Result<i64, ParseScoreError> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| ParseScoreError::NotANumber {
            what,
            text: text.to_owned(),
        })
}

#[cfg(test)]
mod tests;
