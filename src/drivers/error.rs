//! [`DriversError`]: why a key-driver analysis could not be set up, fed or computed.

use thiserror::Error;

use crate::error::{SettingError, WeightError};

/// A key-driver analysis that could not be built, a row it refused, or measures it could not
/// compute. Every message names the drivers involved; nothing was recorded or built.
///
/// ```
/// use satisfaction::drivers::{DriversError, KeyDrivers};
///
/// assert!(matches!(KeyDrivers::new(&[]), Err(DriversError::NoDrivers)));
/// let err = KeyDrivers::new(&["wifi", "seat", "wifi"]).unwrap_err();
/// assert_eq!(err.to_string(), "driver name \"wifi\" is given twice: names must be unique");
/// let mut drivers = KeyDrivers::new(&["wifi", "seat"])?;
/// assert!(matches!(drivers.try_push(8.0, &[Some(3.0)]), Err(DriversError::WrongLength { .. })));
/// # Ok::<(), DriversError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum DriversError {
    /// No driver names were given.
    #[error("no drivers: a key-driver analysis needs at least one")]
    NoDrivers,
    /// A driver name is empty or only white space.
    #[error("driver {index} has an empty name: every driver needs a name")]
    #[non_exhaustive]
    EmptyName {
        /// Its position, from 0.
        index: usize,
    },
    /// A driver name given twice.
    #[error("driver name {name:?} is given twice: names must be unique")]
    #[non_exhaustive]
    DuplicateName {
        /// The name.
        name: String,
    },
    /// More drivers than exact LMG can enumerate in reasonable time.
    #[error(
        "{drivers} drivers: exact LMG visits all 2^{drivers} subsets, and at most {max} \
         drivers (about 20 s) are supported; group items or choose the relevant ones"
    )]
    #[non_exhaustive]
    TooManyDrivers {
        /// How many were given.
        drivers: usize,
        /// [`MAX_DRIVERS`](super::MAX_DRIVERS).
        max: usize,
    },
    /// A setting outside its range.
    #[error(transparent)]
    InvalidSetting(#[from] SettingError),
    /// A row with another number of values than there are drivers.
    #[error("a row has {found} driver values, but there are {expected} drivers")]
    #[non_exhaustive]
    WrongLength {
        /// The number of drivers.
        expected: usize,
        /// The number of values given.
        found: usize,
    },
    /// An outcome or driver value that is NaN or infinite.
    #[error("the {what} is {value}: values must be finite numbers")]
    #[non_exhaustive]
    NotFinite {
        /// `"outcome"` or `"value of driver \"name\""`.
        what: String,
        /// The value.
        value: f64,
    },
    /// A row weight that is not a valid weight.
    #[error(transparent)]
    Weight(#[from] WeightError),
    /// A row without a key on an aggregator that draws bootstrap replicates: the replicate
    /// weights come from the key, so that they do not depend on how rows are split.
    #[error(
        "this analysis draws bootstrap replicates, which need each row's key (a respondent id): \
         record rows with try_push_keyed"
    )]
    MissingKey,
    /// Two analyses that cannot be merged: other drivers, another missing-answer policy or
    /// another bootstrap.
    #[error("cannot merge key-driver analyses: {setting} differs ({left} here, {right} there)")]
    #[non_exhaustive]
    Mismatch {
        /// What differs.
        setting: &'static str,
        /// This side's value.
        left: String,
        /// The other side's value.
        right: String,
    },
    /// A question id the survey does not have.
    #[error("question {id:?} is not in the survey")]
    #[non_exhaustive]
    UnknownQuestion {
        /// The id.
        id: String,
    },
    /// A question whose answers are not numbers (a choice or text question).
    #[error(
        "question {id:?} is a {kind} question: only scored and yes/no questions can be an outcome or a driver"
    )]
    #[non_exhaustive]
    NotScored {
        /// The id.
        id: String,
        /// Its kind.
        kind: &'static str,
    },
    /// An answer that is not a value of its question (a score off its scale, a word).
    #[error(
        "respondent {respondent:?}: the answer {answer} to {question:?} is not a value of the question"
    )]
    #[non_exhaustive]
    BadAnswer {
        /// The respondent.
        respondent: String,
        /// The question.
        question: String,
        /// The answer, as given.
        answer: String,
    },
    /// A response to another survey.
    #[error("a response to survey {found:?}, but the analysis is of survey {expected:?}")]
    #[non_exhaustive]
    WrongSurvey {
        /// The analysis' survey.
        expected: String,
        /// The response's.
        found: String,
    },
    /// Nothing recorded: there is nothing to analyse.
    #[error("no rows: a key-driver analysis needs rows with an outcome and every driver")]
    Empty,
    /// Too few rows used for a regression on every driver.
    #[error(
        "{rows} rows used for {drivers} drivers: a regression on every driver needs at least \
         {needed} (drivers + 2)"
    )]
    #[non_exhaustive]
    TooFewRows {
        /// Rows used.
        rows: u64,
        /// Drivers.
        drivers: usize,
        /// Rows needed.
        needed: u64,
    },
    /// A driver that does not vary over the rows used.
    #[error("driver {name:?} is constant over the rows used: it cannot explain anything")]
    #[non_exhaustive]
    ConstantDriver {
        /// The driver.
        name: String,
    },
    /// The outcome does not vary over the rows used.
    #[error("the outcome is constant over the rows used: there is nothing to explain")]
    ConstantOutcome,
    /// Drivers that are (nearly) perfectly collinear: the last is a linear combination of the
    /// others, so their shares of R² are not identified.
    #[error(
        "drivers {names:?} are perfectly collinear (one is a linear combination of the others): \
         drop one or combine them"
    )]
    #[non_exhaustive]
    Collinear {
        /// The drivers involved.
        names: Vec<String>,
    },
    /// The pairwise correlation matrix (missing answers handled pairwise) is not positive
    /// definite: the pairs were measured on different rows and contradict each other.
    #[error(
        "the pairwise correlations are not a valid correlation matrix (not positive definite): \
         too many answers are missing, in different rows; use complete cases"
    )]
    NotPositiveDefinite,
}
