//! The crate's error types, one enum per concern.
//!
//! Every message says what was wrong, the offending value and what would have been valid, so a
//! log line is enough to find the bad record. All types implement [`std::error::Error`] through
//! `thiserror`, are `#[non_exhaustive]` and can be matched on.

use std::convert::Infallible;
use std::fmt;
use std::time::Duration;

use thiserror::Error;

use crate::scale::{CesScale, RatingScale, ScoreError};

/// A batch of raw values that was refused as a whole; nothing of it was recorded.
///
/// # Example
///
/// ```
/// use satisfaction::{Aggregator, BatchError, Nps};
///
/// let mut nps = Nps::default();
/// let err = nps.try_extend_from_slice(&[10, 9, 42, 3]).unwrap_err();
/// assert!(matches!(err, BatchError::OutOfRange { index: 2, .. }));
/// assert_eq!(nps.count(), 0); // all or nothing
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The first value that was out of range, with its position in the batch.
    #[error("value at index {index} rejected, nothing from the batch was recorded: {source}")]
    #[non_exhaustive]
    OutOfRange {
        /// Zero-based index of the first bad value in the slice.
        index: usize,
        /// What was wrong with it.
        source: ScoreError,
    },
    /// Recording the batch would take the aggregator past its count limit.
    #[error(
        "recording {len} more values onto {count} would exceed the limit of {limit} observations; \
         nothing from the batch was recorded"
    )]
    #[non_exhaustive]
    CountOverflow {
        /// The batch length.
        len: usize,
        /// The aggregator's count before the batch.
        count: u64,
        /// The largest total an aggregator holds ([`MAX_COUNT`](crate::MAX_COUNT)).
        limit: u64,
    },
    /// An input inside the batch that was refused (a weighted response with a bad score or
    /// weight), with its position.
    #[error("input at index {index} rejected, nothing from the batch was recorded: {source}")]
    #[non_exhaustive]
    Rejected {
        /// Zero-based index of the first bad input in the slices.
        index: usize,
        /// Why it was refused.
        source: InputError,
    },
    /// Two slices that must pair up element by element have different lengths.
    #[error("slices differ in length, {left} and {right}: they must pair up one to one")]
    #[non_exhaustive]
    LengthMismatch {
        /// Length of the first slice.
        left: usize,
        /// Length of the second slice.
        right: usize,
    },
}

/// Two aggregators that cannot be merged; the receiving aggregator is unchanged.
///
/// # Example
///
/// ```
/// use satisfaction::{Aggregator, Csat, MergeError, RatingScale};
/// use satisfaction::error::Setting;
///
/// let mut five = Csat::default();
/// let seven = Csat::new(RatingScale::new(1, 7)?, 6)?;
/// let err = five.merge(&seven).unwrap_err();
/// assert!(matches!(
///     err,
///     MergeError::ConfigurationMismatch {
///         setting: "rating scale",
///         left: Setting::Scale(RatingScale::FIVE_POINT),
///         right: Setting::Scale(RatingScale::SEVEN_POINT),
///         ..
///     }
/// ));
/// assert_eq!(err.to_string(), "cannot merge: rating scale differs (1-5 here, 1-7 in the other aggregator)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The two sides were configured differently (scale, threshold, target, accuracy...).
    #[error("cannot merge: {setting} differs ({left} here, {right} in the other aggregator)")]
    #[non_exhaustive]
    ConfigurationMismatch {
        /// Which setting differs.
        setting: &'static str,
        /// This aggregator's value of the setting.
        left: Setting,
        /// The other aggregator's value of the setting.
        right: Setting,
    },
    /// The merged total would exceed [`MAX_COUNT`](crate::MAX_COUNT).
    #[error("cannot merge: {left} + {right} observations exceed the limit of {limit}")]
    #[non_exhaustive]
    CountOverflow {
        /// This aggregator's count.
        left: u64,
        /// The other aggregator's count.
        right: u64,
        /// The largest total an aggregator holds.
        limit: u64,
    },
    /// The merged state would hold more distinct items than its configured cap (the
    /// vocabulary of a `text::WordContrast`).
    #[error("cannot merge: the merged {what} would hold {size}, past its cap of {limit}")]
    #[non_exhaustive]
    CapacityExceeded {
        /// What is capped.
        what: &'static str,
        /// How many the merge would hold.
        size: u64,
        /// The cap.
        limit: u64,
    },
}

/// The value of one configuration setting, as [`MergeError`] and [`CompareError`] report it
/// when two sides differ: typed, so a threshold stays a number and a scale stays a scale.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Setting {
    /// A rating scale.
    Scale(RatingScale),
    /// A CES scale with its polarity and low-effort threshold.
    CesScale(CesScale),
    /// A point of a scale (a satisfied-from threshold).
    Point(u8),
    /// A duration, or none (an SLA target, a short-abandon threshold).
    Duration(Option<Duration>),
    /// A number (a sketch's relative accuracy).
    Number(f64),
    /// A count (a number of options).
    Count(u64),
    /// A fingerprint identifying a configuration (a health model).
    Fingerprint(u64),
    /// A named choice (a one-touch rule, a validation mode, a policy).
    Named(&'static str),
    /// An identifier (a survey id).
    Id(String),
}

/// A setting two aggregators (or two summaries) must share to be merged (or compared), with
/// both sides' values: becomes [`MergeError::ConfigurationMismatch`] or
/// [`CompareError::ConfigurationMismatch`] through `?`.
#[derive(Debug)]
pub(crate) struct Mismatch {
    setting: &'static str,
    left: Setting,
    right: Setting,
}

/// `Ok` when both sides agree on `setting`, else the [`Mismatch`] with each side shown by `show`:
/// the one check every merge and comparison makes of its configuration.
pub(crate) fn same<T: PartialEq>(
    setting: &'static str,
    left: T,
    right: T,
    show: impl Fn(T) -> Setting,
) -> Result<(), Mismatch> {
    if left == right {
        Ok(())
    } else {
        Err(Mismatch {
            setting,
            left: show(left),
            right: show(right),
        })
    }
}

/// `From<Mismatch>` for an error with a `ConfigurationMismatch { setting, left, right }`
/// variant: merges and comparisons report a configuration mismatch the same way.
macro_rules! from_mismatch {
    ($($error:ty),+) => {$(
        impl From<Mismatch> for $error {
            fn from(Mismatch { setting, left, right }: Mismatch) -> Self {
                Self::ConfigurationMismatch { setting, left, right }
            }
        }
    )+};
}

from_mismatch!(MergeError, CompareError);

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Scale(scale) => write!(f, "{scale}"),
            Self::CesScale(scale) => write!(f, "{scale}"),
            Self::Point(point) => write!(f, "{point}"),
            Self::Duration(None) => f.write_str("none"),
            Self::Duration(Some(d)) => write!(f, "{d:?}"),
            Self::Number(x) => write!(f, "{x}"),
            Self::Count(n) => write!(f, "{n}"),
            Self::Fingerprint(x) => write!(f, "{x:016x}"),
            Self::Named(name) => f.write_str(name),
            Self::Id(id) => write!(f, "{id:?}"),
        }
    }
}

/// A weight that is not a finite number in [`Weight::MIN`](crate::weighting::Weight::MIN) ..=
/// [`Weight::MAX`](crate::weighting::Weight::MAX): zero, negative, NaN, infinite, subnormal or absurdly
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

/// An input that this aggregator cannot record; nothing was recorded.
///
/// Raw input is checked on the way in: a score off its scale ([`InputError::Score`]), a weight
/// that is not one ([`InputError::Weight`]). Typed inputs are valid by construction for every
/// aggregator they can be given to, except where the aggregator's configuration is only known
/// at run time: they were made for another configuration.
///
/// A [`Rating`](crate::Rating) carries its scale, and a [`Csat`](crate::Csat) on 1-5 cannot count a 7 of 1-7 (it would mean
/// something else). Such aggregators have no infallible [`push`](crate::Aggregator::push);
/// [`record`](crate::Aggregator::record) returns this error instead.
///
/// ```
/// use satisfaction::{Aggregator, Csat, InputError, RatingScale};
///
/// let mut csat = Csat::default(); // 1-5
/// let seven = RatingScale::SEVEN_POINT.rating(7)?;
/// assert!(matches!(csat.record(seven), Err(InputError::ScaleMismatch { .. })));
/// assert_eq!(csat.count(), 0);
/// // csat.push(seven) does not compile: a CSAT's input can be refused.
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum InputError {
    /// A raw score or rating off its scale.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// A weight that is not a finite number in the valid range.
    #[error(transparent)]
    Weight(#[from] WeightError),
    /// A rating on another scale than the aggregator's.
    #[error(
        "a rating on the {found} scale cannot be counted on this aggregator's {expected} scale"
    )]
    #[non_exhaustive]
    ScaleMismatch {
        /// The aggregator's scale.
        expected: RatingScale,
        /// The rating's scale.
        found: RatingScale,
    },
    /// A health score from another model than the aggregator's.
    #[error(
        "a health score from model {found:016x} cannot be aggregated with model {expected:016x}'s \
         scores"
    )]
    #[non_exhaustive]
    ModelMismatch {
        /// The aggregator's model fingerprint.
        expected: u64,
        /// The score's model fingerprint.
        found: u64,
    },
    /// A choice of an option the question does not have.
    #[error("option {index} is not an option of this question: options are 0..{options}")]
    #[non_exhaustive]
    UnknownOption {
        /// The first unknown option index.
        index: usize,
        /// How many options there are.
        options: usize,
    },
}

impl From<Infallible> for InputError {
    fn from(never: Infallible) -> Self {
        match never {}
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for std::convert::Infallible {}
}

/// The error type of an aggregator that never refuses an input: [`Infallible`], and nothing
/// else. [`Aggregator::push`](crate::Aggregator::push) needs it, so `push` compiles only where
/// nothing can be refused, and elsewhere the compiler names the methods that return the
/// refusal.
#[diagnostic::on_unimplemented(
    message = "this aggregator can refuse an input (its error is `{Self}`), so it has no \
               infallible `push`",
    label = "can refuse this input",
    note = "use `record(input)?`, which returns the refusal, or `try_push(raw)?` to check raw \
            input on the way in"
)]
pub trait NeverRefused: sealed::Sealed {
    /// Proof that the error cannot happen.
    fn unreachable(self);
}

impl NeverRefused for Infallible {
    fn unreachable(self) {
        match self {}
    }
}

/// Two summaries that cannot be compared, or a family of comparisons that cannot be made
/// ([`compare`](crate::compare)).
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CompareError {
    /// The summaries were built with different settings (scales, thresholds).
    #[error("cannot compare: {setting} differs ({left} vs {right})")]
    #[non_exhaustive]
    ConfigurationMismatch {
        /// The setting.
        setting: &'static str,
        /// Its value on the left.
        left: Setting,
        /// Its value on the right.
        right: Setting,
    },
    /// A side has too few observations for the method (a mean difference needs n >= 2 each).
    #[error("{method} needs at least {needed} observations on each side, got {left} and {right}")]
    #[non_exhaustive]
    TooFewObservations {
        /// The method.
        method: &'static str,
        /// Observations needed per side.
        needed: u64,
        /// Observations on the left.
        left: u64,
        /// Observations on the right.
        right: u64,
    },
    /// A p-value to adjust that is not a probability.
    #[error("p-value {value} at position {index} is not a probability: it must lie in 0 to 1")]
    #[non_exhaustive]
    PValue {
        /// Its position among the values given.
        index: usize,
        /// The value.
        value: f64,
    },
    /// A baseline group that is not in the table.
    #[error("baseline {key} is not one of the groups")]
    #[non_exhaustive]
    UnknownBaseline {
        /// The key asked for, as `Debug` prints it.
        key: String,
    },
    /// The other groups could not be pooled into "the rest".
    #[error("cannot pool the other groups: {0}")]
    Pooling(#[source] MergeError),
}

impl CompareError {
    /// Welch's t refused: a side with fewer than two observations (`left` and `right` are the
    /// two sides' counts).
    pub(crate) fn welch_too_few(left: u64, right: u64) -> Self {
        Self::TooFewObservations {
            method: "Welch t",
            needed: 2,
            left,
            right,
        }
    }
}

/// A sketch accuracy outside the supported range.
///
/// # Example
///
/// ```
/// use satisfaction::support::DurationSketch;
///
/// let err = DurationSketch::new(0.0).unwrap_err();
/// assert_eq!(err.value, 0.0);
/// assert!(err.to_string().contains("0.0001"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[error("relative accuracy {value} is invalid: it must lie between 0.0001 and 0.5 (0.01 for 1%)")]
#[non_exhaustive]
pub struct AccuracyError {
    /// The rejected accuracy.
    pub value: f64,
}

/// A partial state that cannot exist, refused on the way in (from counts, serde or bytes).
///
/// Every way into an aggregator's state (`from_counts`, deserialisation, `from_bytes`, a SQL
/// merge) goes through the same validated constructor, so that a truncated, hand-edited or
/// foreign state becomes this error instead of a wrong answer.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum StateError {
    /// The state was written by a format version this build does not read.
    #[error("unsupported state format version {found}: this build reads version {supported}")]
    #[non_exhaustive]
    UnsupportedVersion {
        /// The version found in the data.
        found: u32,
        /// The version this build reads and writes.
        supported: u32,
    },
    /// The state's scale or threshold is invalid.
    #[error("invalid configuration in the state: {0}")]
    Scale(#[from] crate::scale::ScaleError),
    /// The state's sketch accuracy is invalid.
    #[error("invalid configuration in the state: {0}")]
    Accuracy(#[from] AccuracyError),
    /// The counts add up to more than [`MAX_COUNT`](crate::MAX_COUNT).
    #[error("{what}: the counts add up to {total}, more than the limit of {limit} observations")]
    #[non_exhaustive]
    TooMany {
        /// Which state.
        what: &'static str,
        /// Their total.
        total: u128,
        /// [`MAX_COUNT`](crate::MAX_COUNT).
        limit: u64,
    },
    /// A list of counts of the wrong length.
    #[error("{what}: {found} counts, but the configuration has {expected}")]
    #[non_exhaustive]
    WrongLength {
        /// Which state.
        what: &'static str,
        /// How many there must be.
        expected: usize,
        /// How many there are.
        found: usize,
    },
    /// A summary with nothing in it (a summary always has at least one observation).
    #[error("{what}: a summary needs at least one observation")]
    #[non_exhaustive]
    Empty {
        /// Which summary.
        what: &'static str,
    },
    /// Fields that contradict each other.
    #[error("{what}: {problem}")]
    #[non_exhaustive]
    Inconsistent {
        /// Which state.
        what: &'static str,
        /// What contradicts what.
        problem: String,
    },
}

/// A setting outside its range (a bootstrap's replicate count, a raking tolerance, trimming
/// bounds): which setting, the value given as written, and what would be valid. Shared by the
/// builders whose errors carry it ([`DriversError`](crate::drivers::DriversError),
/// [`CalibrationError`](crate::weighting::CalibrationError)).
///
/// ```
/// use satisfaction::drivers::Bootstrap;
///
/// let err = Bootstrap::new(0, 7).unwrap_err();
/// assert_eq!(err.to_string(), "bootstrap replicates is 0: it must be 1 to 10000");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{what} is {value}: it must be {valid}")]
#[non_exhaustive]
pub struct SettingError {
    /// The setting.
    pub what: &'static str,
    /// The value given, as written.
    pub value: String,
    /// What would be valid.
    pub valid: &'static str,
}

impl SettingError {
    /// `what` is `value`, which is not `valid`.
    pub(crate) fn new(what: &'static str, value: impl ToString, valid: &'static str) -> Self {
        Self {
            what,
            value: value.to_string(),
            valid,
        }
    }
}
