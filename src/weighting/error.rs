//! The errors of weighted aggregation and calibration.
//!
//! As everywhere in the crate, each message says what was wrong, the offending value and what
//! would have been valid, and nothing is recorded or built when one is returned.

use thiserror::Error;

use crate::error::{SettingError, WeightError};

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
    #[non_exhaustive]
    DuplicateLabel {
        /// The margin (or "cells").
        margin: String,
        /// The repeated label.
        label: String,
    },
    /// A share that is not a finite number in (0, 1].
    #[error(
        "{margin:?} = {label:?} has share {share}: shares must be finite, at least 1e-9 and at \
         most 1 (leave out a category nobody in the population has)"
    )]
    #[non_exhaustive]
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
    #[non_exhaustive]
    SharesDoNotSumToOne {
        /// The margin.
        margin: String,
        /// What they add up to.
        sum: f64,
    },
    /// Post-stratification cells with different numbers of labels.
    #[error("cell {cell:?} has {found} labels where the first cell has {expected}")]
    #[non_exhaustive]
    CellArity {
        /// The cell, labels joined by " × ".
        cell: String,
        /// Labels in the first cell.
        expected: usize,
        /// Labels in this one.
        found: usize,
    },
    /// A tolerance, an iteration cap or trimming bounds that make no sense.
    #[error(transparent)]
    InvalidSetting(#[from] SettingError),
    /// No rows to weight.
    #[error("no rows given: there is nobody to weight")]
    NoRows,
    /// More rows than an aggregator counts.
    #[error("{rows} rows exceed the limit of {limit}")]
    #[non_exhaustive]
    TooManyRows {
        /// Rows given.
        rows: usize,
        /// [`MAX_COUNT`](crate::MAX_COUNT).
        limit: u64,
    },
    /// A row with another number of labels than there are margins.
    #[error("row {row} has {found} labels: it needs one per margin, {expected}")]
    #[non_exhaustive]
    RowLength {
        /// The row, counted from 1 as a file counts its rows.
        row: usize,
        /// Margins.
        expected: usize,
        /// Labels in the row.
        found: usize,
    },
    /// A label its margin does not have.
    #[error("row {row}: {label:?} is not a category of {margin:?} (its categories: {known})")]
    #[non_exhaustive]
    UnknownLabel {
        /// The row, counted from 1 as a file counts its rows.
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
    #[non_exhaustive]
    EmptyCell {
        /// The margin (or "cells").
        margin: String,
        /// The category or cell.
        label: String,
    },
    /// The values (flags, scores) do not pair up with the rows.
    #[error("{rows} rows but {values} values: they must pair up one to one")]
    #[non_exhaustive]
    LengthMismatch {
        /// Rows.
        rows: usize,
        /// Values.
        values: usize,
    },
    /// A design weight that is not a valid [`Weight`](super::Weight).
    #[error("design weight at row {row} is invalid: {source}")]
    #[non_exhaustive]
    DesignWeight {
        /// The row, counted from 1 as a file counts its rows.
        row: usize,
        /// What is wrong with it.
        source: WeightError,
    },
    /// A calibrated weight that is not a valid [`Weight`](super::Weight): the margins and the
    /// sample together ask for weights too small or too large to be weights.
    #[error("the calibrated weight of row {row} is invalid: {source}")]
    #[non_exhaustive]
    Weight {
        /// The row, counted from 1 as a file counts its rows.
        row: usize,
        /// What is wrong with it.
        source: WeightError,
    },
    /// Trimming bounds that no weight lies within: all the weight would have to go to
    /// nobody.
    #[error(
        "trimming to [{lower}, {upper}] (in units of the mean weight) left no weight inside the \
         bounds after {rounds} rounds: nothing can take up what is trimmed (widen the bounds)"
    )]
    #[non_exhaustive]
    Untrimmable {
        /// The lower bound.
        lower: f64,
        /// The upper bound.
        upper: f64,
        /// Trimming rounds run before no weight was left inside.
        rounds: u32,
    },
    /// A value that cannot be averaged (NaN, infinite) or is off its scale.
    #[error("value {value} at row {row} is invalid: {valid}")]
    #[non_exhaustive]
    InvalidValue {
        /// The row, counted from 1 as a file counts its rows.
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
    #[non_exhaustive]
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
    #[non_exhaustive]
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
