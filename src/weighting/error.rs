//! The errors of weighted aggregation and calibration.
//!
//! As everywhere in the crate, each message says what was wrong, the offending value and what
//! would have been valid, and nothing is recorded or built when one is returned.

use thiserror::Error;

use crate::error::ScoreError;

/// A weight that is not a finite number in [`Weight::MIN`](super::Weight::MIN) ..=
/// [`Weight::MAX`](super::Weight::MAX): zero, negative, NaN, infinite, subnormal or absurdly
/// large.
///
/// ```
/// use satisfaction::weighting::Weight;
///
/// let err = Weight::new(-2.0).unwrap_err();
/// assert_eq!(err.value, -2.0);
/// assert!(err.to_string().contains("greater than 0"));
/// assert!(Weight::new(f64::NAN).is_err() && Weight::new(0.0).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[error(
    "weight {value} is invalid: {problem}; a weight must be a finite number from 1e-100 to 1e100"
)]
#[non_exhaustive]
pub struct WeightError {
    /// The rejected weight.
    pub value: f64,
    /// What is wrong with it, in words.
    pub problem: &'static str,
}

/// A weighted response that was refused; nothing was recorded.
///
/// ```
/// use satisfaction::weighting::{WeightedInputError, WeightedNps};
///
/// let mut nps = WeightedNps::default();
/// assert!(matches!(nps.try_push(11, 1.0), Err(WeightedInputError::Score(_))));
/// assert!(matches!(nps.try_push(9, 0.0), Err(WeightedInputError::Weight(_))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum WeightedInputError {
    /// The score or rating is off its scale.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// The weight is not a finite number in the valid range.
    #[error(transparent)]
    Weight(#[from] WeightError),
}

/// A batch of weighted responses that was refused as a whole; nothing of it was recorded.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::weighting::{WeightedBatchError, WeightedNps};
///
/// let mut nps = WeightedNps::default();
/// let err = nps.try_extend_from_slices(&[10, 9, 3], &[1.0, f64::NAN, 2.0]).unwrap_err();
/// assert!(matches!(err, WeightedBatchError::Invalid { index: 1, .. }));
/// assert_eq!(nps.count(), 0); // all or nothing
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum WeightedBatchError {
    /// Values and weights do not pair up.
    #[error("{values} values but {weights} weights: they must pair up one to one")]
    LengthMismatch {
        /// Values given.
        values: usize,
        /// Weights given.
        weights: usize,
    },
    /// The first invalid value or weight, with its position.
    #[error("response at index {index} rejected, nothing from the batch was recorded: {source}")]
    Invalid {
        /// Zero-based index of the first bad response.
        index: usize,
        /// What was wrong with it.
        source: WeightedInputError,
    },
    /// Recording the batch would take the aggregator past its count limit.
    #[error(
        "recording {len} more responses onto {count} would exceed the limit of {limit}; nothing \
         from the batch was recorded"
    )]
    CountOverflow {
        /// The batch length.
        len: usize,
        /// The aggregator's count before the batch.
        count: u64,
        /// [`MAX_COUNT`](crate::MAX_COUNT).
        limit: u64,
    },
}

/// Records `values[i]` with `weights[i]` through `try_push`, all or nothing: the batch checks,
/// then every response into a copy of `aggregator` (a few hundred bytes at most), kept only if
/// all went in. The one batch path of the weighted aggregators.
pub(super) fn extend_all_or_nothing<A, T>(
    aggregator: &mut A,
    values: &[T],
    weights: &[f64],
    try_push: impl Fn(&mut A, T, f64) -> Result<(), WeightedInputError>,
) -> Result<(), WeightedBatchError>
where
    A: crate::Aggregator + Clone,
    T: Copy,
{
    check_batch(values.len(), weights.len(), aggregator.count())?;
    let mut next = aggregator.clone();
    for (index, (&value, &weight)) in values.iter().zip(weights).enumerate() {
        try_push(&mut next, value, weight)
            .map_err(|source| WeightedBatchError::Invalid { index, source })?;
    }
    *aggregator = next;
    Ok(())
}

/// The checks a batch passes before anything is recorded: lengths pair up, the total fits.
fn check_batch(values: usize, weights: usize, count: u64) -> Result<(), WeightedBatchError> {
    if values != weights {
        return Err(WeightedBatchError::LengthMismatch { values, weights });
    }
    if (values as u64)
        .checked_add(count)
        .is_none_or(|total| total > crate::MAX_COUNT)
    {
        return Err(WeightedBatchError::CountOverflow {
            len: values,
            count,
            limit: crate::MAX_COUNT,
        });
    }
    Ok(())
}

/// A raking or post-stratification that cannot be built or cannot weight the rows given.
///
/// ```
/// use satisfaction::weighting::{CalibrationError, Raking};
///
/// let err = Raking::builder()
///     .margin("class", &[("business", 0.3), ("economy", 0.6)])
///     .build()
///     .unwrap_err();
/// assert!(matches!(err, CalibrationError::SharesDoNotSumToOne { .. }));
/// assert!(err.to_string().contains("add up to 0.8999"));
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CalibrationError {
    /// No margin (raking) or no cell (post-stratification) was given.
    #[error("no {0} given: calibration needs at least one")]
    Nothing(&'static str),
    /// Two margins with the same name.
    #[error("margin {0:?} is given twice: margin names must be unique")]
    DuplicateMargin(String),
    /// A margin, or a post-stratification, without categories.
    #[error("margin {0:?} has no categories")]
    EmptyMargin(String),
    /// A label given twice within one margin (or a cell given twice).
    #[error("label {label:?} appears twice in {margin:?}: labels must be unique")]
    DuplicateLabel {
        /// The margin (or "cells").
        margin: String,
        /// The repeated label.
        label: String,
    },
    /// A share that is not a finite number in (0, 1].
    #[error(
        "{margin:?} = {label:?} has share {share}: shares must be finite, greater than 0 and at \
         most 1 (leave out a category nobody in the population has)"
    )]
    InvalidShare {
        /// The margin.
        margin: String,
        /// The category.
        label: String,
        /// The rejected share.
        share: f64,
    },
    /// The shares of a margin do not add up to 1.
    #[error("the shares of {margin:?} add up to {sum}: they must sum to 1 (within 1e-9)")]
    SharesDoNotSumToOne {
        /// The margin.
        margin: String,
        /// What they add up to.
        sum: f64,
    },
    /// Post-stratification cells with different numbers of labels.
    #[error("cell {cell:?} has {found} labels where the first cell has {expected}")]
    CellArity {
        /// The cell, labels joined by " × ".
        cell: String,
        /// Labels in the first cell.
        expected: usize,
        /// Labels in this one.
        found: usize,
    },
    /// A tolerance, an iteration cap or trimming bounds that make no sense.
    #[error("{what} is {value}: it must be {valid}")]
    InvalidSetting {
        /// The setting.
        what: &'static str,
        /// Its value, as written.
        value: String,
        /// What would be valid.
        valid: &'static str,
    },
    /// No rows to weight.
    #[error("no rows given: there is nobody to weight")]
    NoRows,
    /// More rows than an aggregator counts.
    #[error("{rows} rows exceed the limit of {limit}")]
    TooManyRows {
        /// Rows given.
        rows: usize,
        /// [`MAX_COUNT`](crate::MAX_COUNT).
        limit: u64,
    },
    /// A row with another number of labels than there are margins.
    #[error("row {row} has {found} labels: it needs one per margin, {expected}")]
    RowLength {
        /// Zero-based row index.
        row: usize,
        /// Margins.
        expected: usize,
        /// Labels in the row.
        found: usize,
    },
    /// A label its margin does not have.
    #[error("row {row}: {label:?} is not a category of {margin:?} (its categories: {known})")]
    UnknownLabel {
        /// Zero-based row index.
        row: usize,
        /// The margin.
        margin: String,
        /// The label found.
        label: String,
        /// The margin's categories, comma-separated.
        known: String,
    },
    /// A population category (or cell) with no respondent: no weight can reach it.
    #[error(
        "{margin:?} = {label:?} has a population share but no respondent: no weighting can \
         represent it (merge it with a neighbouring category)"
    )]
    EmptyCell {
        /// The margin (or "cells").
        margin: String,
        /// The category or cell.
        label: String,
    },
    /// The values (flags, scores) do not pair up with the rows.
    #[error("{rows} rows but {values} values: they must pair up one to one")]
    LengthMismatch {
        /// Rows.
        rows: usize,
        /// Values.
        values: usize,
    },
    /// A design weight that is not a valid [`Weight`](super::Weight).
    #[error("design weight at row {row} is invalid: {source}")]
    DesignWeight {
        /// Zero-based row index.
        row: usize,
        /// What is wrong with it.
        source: WeightError,
    },
    /// A value that cannot be averaged (NaN, infinite) or is off its scale.
    #[error("value {value} at row {row} is invalid: {valid}")]
    InvalidValue {
        /// Zero-based row index.
        row: usize,
        /// The value, as written.
        value: String,
        /// What would be valid.
        valid: &'static str,
    },
    /// Raking settled without meeting a margin: the sample's crossed cells make the margins
    /// contradict each other.
    #[error(
        "raking cannot reach {margin:?} = {label:?} at {share}: the weights settled at {reached} \
         (respondents are missing from crossed cells the margins need; merge categories or \
         drop a margin)"
    )]
    Unreachable {
        /// The margin.
        margin: String,
        /// The category.
        label: String,
        /// Its population share.
        share: f64,
        /// The weighted share the raking settled at.
        reached: f64,
    },
    /// Raking (or trimming) did not meet its tolerance within the iteration cap.
    #[error(
        "{what} did not converge after {iterations} iterations: the largest change in the last \
         one was {change:e}, the tolerance {tolerance:e} (raise max_iterations, or check for \
         margins that contradict each other through empty crossed cells)"
    )]
    NotConverged {
        /// "raking" or "trimming".
        what: &'static str,
        /// Iterations done.
        iterations: u32,
        /// The largest change in the last iteration, in weight units (weights sum to the number
        /// of rows).
        change: f64,
        /// The tolerance, in the same units.
        tolerance: f64,
    },
}
