//! [`Weight`]: a survey weight, valid by construction.

use std::fmt;

use crate::error::WeightError;

/// A survey weight: a finite number from [`MIN`](Self::MIN) to [`MAX`](Self::MAX).
///
/// Weights are relative: multiplying every weight by the same constant changes no estimate, no
/// standard error and no effective sample size. The range is wide enough for any real design
/// (inverse inclusion probabilities, revenue in any currency unit, raked weights) and narrow
/// enough that a weight's square, and the sum of squares of
/// [`MAX_COUNT`](crate::MAX_COUNT) of them, stay ordinary finite doubles: that is what lets every
/// summary be computed without overflow, underflow or NaN. Zero, negative, NaN, infinite and
/// subnormal weights, and weights such as 1e308, are refused with a [`WeightError`].
///
/// ```
/// use satisfaction::weighting::Weight;
///
/// let w = Weight::new(2.5)?;
/// assert_eq!(w.value(), 2.5);
/// assert_eq!(Weight::default(), Weight::ONE);
/// for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e308, 5e-324] {
///     assert!(Weight::new(bad).is_err());
/// }
/// # Ok::<(), satisfaction::weighting::WeightError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Weight(f64);

impl Weight {
    /// The smallest weight, 1e-100.
    pub const MIN: f64 = 1e-100;
    /// The largest weight, 1e100.
    pub const MAX: f64 = 1e100;
    /// The weight 1: an unweighted response.
    pub const ONE: Weight = Weight(1.0);

    /// Validates a weight.
    ///
    /// # Errors
    ///
    /// [`WeightError`] unless `MIN <= value <= MAX` (so also for NaN and infinities).
    #[inline]
    pub fn new(value: f64) -> Result<Self, WeightError> {
        if (Self::MIN..=Self::MAX).contains(&value) {
            return Ok(Self(value));
        }
        Err(Self::error(value))
    }

    /// The error for an invalid weight, kept out of line: the valid path is one comparison.
    #[cold]
    fn error(value: f64) -> WeightError {
        let problem = if value.is_nan() {
            "it is not a number"
        } else if value.is_infinite() {
            "it is infinite"
        } else if value <= 0.0 {
            "it must be greater than 0"
        } else if value < Self::MIN {
            "it is too small"
        } else {
            "it is too large"
        };
        WeightError { value, problem }
    }

    /// The weight as a number.
    #[must_use]
    pub fn value(self) -> f64 {
        self.0
    }
}

impl Default for Weight {
    /// [`Weight::ONE`].
    fn default() -> Self {
        Self::ONE
    }
}

impl TryFrom<f64> for Weight {
    type Error = WeightError;

    fn try_from(value: f64) -> Result<Self, WeightError> {
        Self::new(value)
    }
}

impl From<Weight> for f64 {
    fn from(weight: Weight) -> f64 {
        weight.0
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The raw-input methods every weighted aggregator has: `try_push` of one raw `$one` with its
/// weight, and `try_extend_from_slices` of a batch of `$many` with theirs. `$refused` starts
/// the list of errors with what the aggregator refuses in the response itself (empty when it
/// refuses nothing); a weight that is not a [`Weight`] is always refused.
macro_rules! weighted_inputs {
    (
        $aggregator:ty, <$($generic:ident: $bound:path)?> $raw:ty, $one:ident / $many:ident,
        refusing $refused:literal
    ) => {
        impl $aggregator {
            #[doc = concat!("Validates and records one raw ", stringify!($one), " with its weight.")]
            ///
            /// # Errors
            ///
            #[doc = concat!(
                $refused,
                "[`InputError::Weight`](crate::error::InputError::Weight) for a weight that is ",
                "not a finite number in [`Weight::MIN`](crate::weighting::Weight::MIN)..=",
                "[`Weight::MAX`](crate::weighting::Weight::MAX); nothing is recorded."
            )]
            #[inline]
            pub fn try_push$(<$generic: $bound>)?(
                &mut self,
                $one: $raw,
                weight: f64,
            ) -> Result<(), $crate::error::InputError> {
                $crate::aggregator::TryPush::try_push(self, ($one, weight))
            }

            #[doc = concat!(
                "Validates and records a batch of ", stringify!($many), " with their weights (`",
                stringify!($many), "[i]` with `weights[i]`), all or nothing."
            )]
            ///
            /// # Errors
            ///
            /// [`BatchError::LengthMismatch`](crate::BatchError::LengthMismatch),
            /// [`BatchError::Rejected`](crate::BatchError::Rejected) naming the first bad
            /// response, or [`BatchError::CountOverflow`](crate::BatchError::CountOverflow); in
            /// every case nothing from the batch is recorded.
            pub fn try_extend_from_slices$(<$generic: $bound>)?(
                &mut self,
                $many: &[$raw],
                weights: &[f64],
            ) -> Result<(), $crate::error::BatchError> {
                $crate::aggregator::try_extend_pairs(self, $many, weights)
            }
        }
    };
}

pub(super) use weighted_inputs;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_edges() {
        assert!(Weight::new(Weight::MIN).is_ok());
        assert!(Weight::new(Weight::MAX).is_ok());
        assert_eq!(
            Weight::new(-0.0).unwrap_err().problem,
            "it must be greater than 0"
        );
        assert_eq!(Weight::new(1e-200).unwrap_err().problem, "it is too small");
        assert_eq!(Weight::new(1e200).unwrap_err().problem, "it is too large");
        assert_eq!(
            Weight::new(f64::NEG_INFINITY).unwrap_err().problem,
            "it is infinite"
        );
    }
}
