//! [`HealthError`]: a health model that cannot be built, or a customer it cannot score.

use thiserror::Error;

/// A health model that cannot be built, or a customer it cannot score.
///
/// # Example
///
/// ```
/// use satisfaction::{HealthModel, Polarity};
/// use satisfaction::health::HealthError;
///
/// let err = HealthModel::builder()
///     .linear("usage", 0.0, 0.0, 100.0, Polarity::HigherIsBetter)
///     .build()
///     .unwrap_err();
/// assert!(matches!(&err, HealthError::InvalidWeight { measure, weight, .. } if measure == "usage" && *weight == 0.0));
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum HealthError {
    /// A model without measures.
    #[error("a health model needs at least one measure")]
    NoMeasures,
    /// Two measures with the same name.
    #[error("measure {0:?} is defined twice: names must be unique")]
    DuplicateMeasure(String),
    /// A weight that is not a finite number greater than 0.
    #[error("measure {measure:?} has weight {weight}: weights must be finite and greater than 0")]
    #[non_exhaustive]
    InvalidWeight {
        /// The measure.
        measure: String,
        /// The rejected weight.
        weight: f64,
    },
    /// Normalisation bounds or thresholds that are NaN, infinite, reversed or equal.
    #[error(
        "measure {measure:?} has bounds {low} and {high}: they must be finite with {low} < {high}"
    )]
    #[non_exhaustive]
    InvalidBounds {
        /// The measure.
        measure: String,
        /// The lower bound or threshold.
        low: f64,
        /// The upper bound or threshold.
        high: f64,
    },
    /// A point value (a Good/Average/Poor score, the neutral value, a band edge) outside 0..=100.
    #[error("{what} is {value}: it must be a finite number in [0, 100]")]
    #[non_exhaustive]
    OutOfScale {
        /// What the value is.
        what: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// Band edges that overlap or leave a gap.
    #[error(
        "band edges {at_risk_below} and {healthy_from} overlap: they must satisfy \
         0 < at-risk edge < healthy edge < 100"
    )]
    #[non_exhaustive]
    InvalidBands {
        /// Where "neutral" starts.
        at_risk_below: f64,
        /// Where "healthy" starts.
        healthy_from: f64,
    },
    /// A value given for a measure the model does not have.
    #[error("unknown measure {name:?}: the model's measures are {known}")]
    #[non_exhaustive]
    UnknownMeasure {
        /// The name given.
        name: String,
        /// The model's measure names, comma-separated.
        known: String,
    },
    /// The same measure given twice for one customer.
    #[error("measure {0:?} given twice for one customer")]
    RepeatedValue(String),
    /// A measure value that is NaN or infinite.
    #[error("measure {measure:?} has value {value}: values must be finite numbers")]
    #[non_exhaustive]
    InvalidValue {
        /// The measure.
        measure: String,
        /// The rejected value.
        value: f64,
    },
    /// A customer with no measure present has no score (not 0).
    #[error("no measure of the model is present for this customer: there is no score")]
    NoMeasuresPresent,
}
