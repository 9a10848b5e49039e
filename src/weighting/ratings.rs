//! The rating buckets that [`WeightedCsat`](super::WeightedCsat) and
//! [`WeightedCes`](super::WeightedCes) share: one per point of the scale.

use crate::error::same;
use crate::error::{InputError, MergeError, Setting};
use crate::scale::{Rating, RatingScale};

use super::buckets::{Buckets, Linearised};
use super::weight::Weight;

/// One bucket per point of a rating scale (at most 11).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ratings {
    scale: RatingScale,
    buckets: Buckets<11>,
}

impl Ratings {
    pub(super) fn new(scale: RatingScale) -> Self {
        Self {
            scale,
            buckets: Buckets::default(),
        }
    }

    pub(super) fn scale(&self) -> RatingScale {
        self.scale
    }

    pub(super) fn count(&self) -> u64 {
        self.buckets.count()
    }

    /// Refuses a rating of another scale: it would mean something else here.
    #[inline]
    pub(super) fn check(&self, rating: Rating) -> Result<(), InputError> {
        if rating.scale() == self.scale {
            Ok(())
        } else {
            Err(InputError::ScaleMismatch {
                expected: self.scale,
                found: rating.scale(),
            })
        }
    }

    /// Records a rating of this scale, or refuses one of another scale and changes nothing.
    #[inline]
    pub(super) fn record(&mut self, rating: Rating, weight: Weight) -> Result<(), InputError> {
        self.check(rating)?;
        self.buckets
            .record(usize::from(rating.value() - self.scale.min()), weight);
        Ok(())
    }

    pub(super) fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("rating scale", self.scale, other.scale, Setting::Scale)?;
        self.buckets.merge(&other.buckets)
    }

    /// The mean rating, linearised.
    pub(super) fn mean(&self) -> Option<Linearised> {
        self.linearised(f64::from)
    }

    /// The weighted share of ratings in `from..=to`, linearised.
    pub(super) fn share(&self, from: u8, to: u8) -> Option<Linearised> {
        self.linearised(|r| f64::from(u8::from((from..=to).contains(&r))))
    }

    /// The linearised weighted mean of `value(rating)` (on the stack: no allocation).
    fn linearised(&self, value: impl Fn(u8) -> f64) -> Option<Linearised> {
        let mut values = [0.0; 11];
        for (slot, rating) in values.iter_mut().zip(self.scale.min()..=self.scale.max()) {
            *slot = value(rating);
        }
        self.buckets
            .linearised(&values[..usize::from(self.scale.points())])
    }

    /// The sum of weights of one point of the scale (0 off the scale).
    pub(super) fn weight_of(&self, rating: u8) -> f64 {
        if self.scale.contains(rating) {
            self.buckets
                .bucket(usize::from(rating - self.scale.min()))
                .weight()
        } else {
            0.0
        }
    }

    #[cfg(feature = "serde")]
    pub(super) fn to_parts(self) -> (Vec<u64>, Vec<f64>, Vec<f64>) {
        self.buckets.to_parts(usize::from(self.scale.points()))
    }

    #[cfg(feature = "serde")]
    pub(super) fn from_parts(
        what: &'static str,
        scale: RatingScale,
        counts: &[u64],
        weights: &[f64],
        squares: &[f64],
    ) -> Result<Self, crate::error::StateError> {
        let buckets =
            Buckets::from_parts(what, usize::from(scale.points()), counts, weights, squares)?;
        Ok(Self { scale, buckets })
    }
}
