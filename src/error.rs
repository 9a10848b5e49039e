//! The crate's error types, one enum per concern.
//!
//! Every message says what was wrong, the offending value and what would have been valid, so a
//! log line is enough to find the bad record. All types implement [`std::error::Error`] through
//! `thiserror`, are `#[non_exhaustive]` and can be matched on.

use thiserror::Error;

/// A confidence level outside the open interval (0, 1), or not a number.
///
/// # Example
///
/// ```
/// use satisfaction::ConfidenceLevel;
///
/// let err = ConfidenceLevel::new(1.5).unwrap_err();
/// assert_eq!(err.value, 1.5);
/// assert!(err.to_string().contains("strictly between 0 and 1"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[error("confidence level {value} is invalid: it must lie strictly between 0 and 1 (e.g. 0.95)")]
#[non_exhaustive]
pub struct LevelError {
    /// The rejected level.
    pub value: f64,
}

/// A score or rating outside its scale.
///
/// # Example
///
/// ```
/// use satisfaction::NpsScore;
///
/// let err = NpsScore::new(11).unwrap_err();
/// assert_eq!((err.value, err.min, err.max), (11, 0, 10));
/// assert_eq!(err.to_string(), "NPS score 11 is out of range: valid values are 0..=10");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
#[error("{what} {value} is out of range: valid values are {min}..={max}")]
#[non_exhaustive]
pub struct ScoreError {
    /// What kind of value was rejected ("NPS score", "rating", "CES rating").
    pub what: &'static str,
    /// The rejected value, widened so that every input width fits.
    pub value: u64,
    /// The smallest valid value.
    pub min: u8,
    /// The largest valid value.
    pub max: u8,
}

/// A rating scale or threshold that cannot be built.
///
/// # Example
///
/// ```
/// use satisfaction::{RatingScale, ScaleError};
///
/// assert!(matches!(RatingScale::new(5, 1), Err(ScaleError::Empty { min: 5, max: 1 })));
/// assert!(matches!(RatingScale::new(1, 20), Err(ScaleError::TooManyPoints { .. })));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
#[non_exhaustive]
pub enum ScaleError {
    /// The lower end is above the upper end.
    #[error("rating scale {min}..={max} is empty: the minimum must be below the maximum")]
    Empty {
        /// The requested minimum.
        min: u8,
        /// The requested maximum.
        max: u8,
    },
    /// Only one point: nothing can be measured on it.
    #[error("rating scale {min}..={max} has a single point: a scale needs 2 to 11 points")]
    SinglePoint {
        /// The requested minimum (equal to the maximum).
        min: u8,
        /// The requested maximum.
        max: u8,
    },
    /// More than [`RatingScale::MAX_POINTS`](crate::RatingScale::MAX_POINTS) points.
    #[error("rating scale {min}..={max} has {points} points: a scale has at most 11 points")]
    TooManyPoints {
        /// The requested minimum.
        min: u8,
        /// The requested maximum.
        max: u8,
        /// How many points that would be.
        points: u16,
    },
    /// A threshold (such as CSAT's "satisfied from") that is not a point of its scale.
    #[error("{what} {threshold} is outside the rating scale {min}..={max}")]
    ThresholdOutside {
        /// Which threshold was rejected.
        what: &'static str,
        /// The rejected threshold.
        threshold: u8,
        /// The scale's minimum.
        min: u8,
        /// The scale's maximum.
        max: u8,
    },
}

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The first value that was out of range, with its position in the batch.
    #[error("value at index {index} rejected, nothing from the batch was recorded: {source}")]
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
    CountOverflow {
        /// The batch length.
        len: usize,
        /// The aggregator's count before the batch.
        count: u64,
        /// The largest total an aggregator holds ([`MAX_COUNT`](crate::MAX_COUNT)).
        limit: u64,
    },
    /// Two slices that must pair up element by element have different lengths.
    #[error("slices differ in length: {left} keys but {right} values")]
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
///
/// let mut five = Csat::default();
/// let seven = Csat::new(RatingScale::new(1, 7)?, 6)?;
/// assert!(matches!(five.merge(&seven), Err(MergeError::ConfigurationMismatch { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The two sides were configured differently (scale, threshold, accuracy...).
    #[error("cannot merge: {setting} differs ({left} here, {right} in the other aggregator)")]
    ConfigurationMismatch {
        /// Which setting differs.
        setting: &'static str,
        /// This aggregator's value of the setting.
        left: String,
        /// The other aggregator's value of the setting.
        right: String,
    },
    /// The merged total would exceed [`MAX_COUNT`](crate::MAX_COUNT).
    #[error("cannot merge: {left} + {right} observations exceed the limit of {limit}")]
    CountOverflow {
        /// This aggregator's count.
        left: u64,
        /// The other aggregator's count.
        right: u64,
        /// The largest total an aggregator holds.
        limit: u64,
    },
}

/// Arguments an interval function cannot work with.
///
/// # Example
///
/// ```
/// use satisfaction::{ConfidenceLevel, IntervalError};
/// use satisfaction::interval::{proportion, ProportionMethod};
///
/// let level = ConfidenceLevel::default();
/// let err = proportion(7, 5, level, ProportionMethod::Wilson).unwrap_err();
/// assert_eq!(err, IntervalError::SuccessesExceedTrials { successes: 7, trials: 5 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum IntervalError {
    /// No trials: a proportion of nothing has no interval.
    #[error("trials is 0: a proportion needs at least one trial")]
    ZeroTrials,
    /// Counts whose total does not fit in a `u64`.
    #[error("the counts add up to more than {max}: their total must fit in a u64")]
    TotalOverflow {
        /// The largest total (`u64::MAX`).
        max: u64,
    },
    /// More successes than trials.
    #[error("successes ({successes}) exceed trials ({trials}): successes must lie in 0..=trials")]
    SuccessesExceedTrials {
        /// The successes given.
        successes: u64,
        /// The trials given.
        trials: u64,
    },
    /// Too few observations for the method.
    #[error("{method} needs at least {needed} observations, got {n}")]
    TooFewObservations {
        /// The method that was asked for.
        method: &'static str,
        /// How many observations it needs.
        needed: u64,
        /// How many there were.
        n: u64,
    },
    /// A statistic that must be finite (and, for spreads, non-negative) was not.
    #[error("{what} is {value}: it must be a finite number{constraint}")]
    InvalidStatistic {
        /// Which argument.
        what: &'static str,
        /// Its value.
        value: f64,
        /// Any further constraint, e.g. ", at least 0".
        constraint: &'static str,
    },
}

/// A quantile outside [0, 1].
///
/// # Example
///
/// ```
/// use satisfaction::QuantileError;
/// use satisfaction::interval::quantile_rank;
///
/// assert_eq!(quantile_rank(10, 1.5), Err(QuantileError::OutOfRange { q: 1.5 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum QuantileError {
    /// The requested quantile is not a probability.
    #[error("quantile {q} is invalid: it must lie in [0, 1] (0.5 for the median, 0.9 for p90)")]
    OutOfRange {
        /// The rejected quantile.
        q: f64,
    },
}

/// A sketch accuracy outside the supported range.
///
/// # Example
///
/// ```
/// use satisfaction::DurationSketch;
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

/// A duration that cannot be one: a reply before the ticket was created, negative or
/// non-finite seconds.
///
/// # Example
///
/// ```
/// use satisfaction::{DurationError, FirstResponse};
///
/// let err = FirstResponse::from_unix_seconds(1_700_000_000, Some(1_699_999_000)).unwrap_err();
/// assert_eq!(err, DurationError::EndBeforeStart { start: 1_700_000_000, end: 1_699_999_000 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum DurationError {
    /// The end timestamp is before the start (a reply before the ticket was created).
    #[error("end {end} is before start {start} (Unix seconds): a reply cannot precede its ticket")]
    EndBeforeStart {
        /// The start, in seconds since the Unix epoch.
        start: i64,
        /// The end, in seconds since the Unix epoch.
        end: i64,
    },
    /// The end `SystemTime` is before the start.
    #[error("end is {before:?} before start: a reply cannot precede its ticket")]
    EndBeforeStartTime {
        /// How far before the start the end lies.
        before: std::time::Duration,
    },
    /// Seconds that are negative, NaN or infinite, or beyond `Duration::MAX`.
    #[error("{seconds} seconds is not a duration: it must be a finite number of seconds >= 0")]
    InvalidSeconds {
        /// The rejected number of seconds.
        seconds: f64,
    },
}

/// A churn or revenue record that contradicts itself.
///
/// # Example
///
/// ```
/// use satisfaction::{ChurnError, CustomerPeriod};
///
/// let err = CustomerPeriod::new(false, true).unwrap_err();
/// assert_eq!(err, ChurnError::ChurnedWithoutStart);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ChurnError {
    /// A customer marked as churned that was not active at the start of the period.
    #[error(
        "a customer that was not active at the start of the period cannot churn in it: \
         acquired customers are excluded from the churn rate"
    )]
    ChurnedWithoutStart,
    /// More churned customers than customers at the start.
    #[error("{churned} churned customers exceed the {start} active at the start of the period")]
    ChurnedExceedsStart {
        /// Customers at the start of the period.
        start: u64,
        /// Churned customers.
        churned: u64,
    },
    /// A negative MRR amount.
    #[error("{field} MRR is {value}: MRR amounts are in minor units (cents) and must be >= 0")]
    NegativeMrr {
        /// Which amount (start, churned, contraction, expansion, reactivation).
        field: &'static str,
        /// The rejected amount.
        value: i64,
    },
    /// Lost MRR larger than the MRR there was at the start.
    #[error(
        "churned ({churned}) plus contraction ({contraction}) MRR exceed the starting MRR \
         ({start}): a customer cannot lose more than it paid"
    )]
    LossExceedsStart {
        /// MRR at the start.
        start: i64,
        /// Churned MRR.
        churned: i64,
        /// Contraction MRR.
        contraction: i64,
    },
    /// A retention or churn rate outside [0, 1] given to a period conversion, or a period count
    /// that is not finite and positive.
    #[error("{what} is {value}: it must be {range}")]
    InvalidRate {
        /// Which argument.
        what: &'static str,
        /// Its value, as written.
        value: String,
        /// The valid range.
        range: &'static str,
    },
}

/// A health model that cannot be built, or a customer it cannot score.
///
/// # Example
///
/// ```
/// use satisfaction::{HealthError, HealthModel, Polarity};
///
/// let err = HealthModel::builder()
///     .linear("usage", 0.0, 0.0, 100.0, Polarity::HigherIsBetter)
///     .build()
///     .unwrap_err();
/// assert_eq!(err, HealthError::InvalidWeight { measure: "usage".into(), weight: 0.0 });
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
    InvalidBands {
        /// Where "neutral" starts.
        at_risk_below: f64,
        /// Where "healthy" starts.
        healthy_from: f64,
    },
    /// A value given for a measure the model does not have.
    #[error("unknown measure {name:?}: the model's measures are {known}")]
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

/// A survey definition that cannot be built.
///
/// # Example
///
/// ```
/// use satisfaction::{Question, Survey, SurveyError};
///
/// let err = Survey::builder("pulse")
///     .question(Question::nps("q1"))
///     .question(Question::binary("q1"))
///     .build()
///     .unwrap_err();
/// assert_eq!(err, SurveyError::DuplicateQuestion("q1".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SurveyError {
    /// An id (survey, question, option or respondent) that is empty or only whitespace.
    #[error("{what} id is empty: ids must contain a visible character")]
    EmptyId {
        /// Which id.
        what: &'static str,
    },
    /// An id that is not valid UTF-8.
    #[error("{what} id is not valid UTF-8 (bytes {bytes:?})")]
    InvalidUtf8 {
        /// Which id.
        what: &'static str,
        /// The first bytes of the id.
        bytes: Vec<u8>,
    },
    /// A survey without questions.
    #[error("survey {0:?} has no questions")]
    NoQuestions(String),
    /// Two questions with the same id.
    #[error("question id {0:?} is used twice: question ids must be unique")]
    DuplicateQuestion(String),
    /// More questions than a survey holds.
    #[error("{count} questions: a survey holds at most {max}")]
    TooManyQuestions {
        /// Questions declared.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A choice question without options, with a duplicate option, or with too many.
    #[error("question {question:?}: {problem}")]
    InvalidOptions {
        /// The question.
        question: String,
        /// What is wrong with its options.
        problem: String,
    },
    /// A rating, semantic differential or CES scale the foundation rejects.
    #[error("question {question:?}: {source}")]
    Scale {
        /// The question.
        question: String,
        /// Why the scale was rejected.
        source: ScaleError,
    },
}

/// Why an answer (or a whole response) was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RejectReason {
    /// The question id is not in the survey.
    UnknownQuestion,
    /// The answer is of another kind than the question (a choice for a rating...).
    WrongKind,
    /// A score outside the question's scale.
    OutOfRange,
    /// An option the question does not declare.
    UnknownOption,
    /// A required question without an answer (skipped or missing).
    MissingRequired,
    /// The same question answered twice in one response.
    Repeated,
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Self::UnknownQuestion => "unknown question",
            Self::WrongKind => "wrong kind of answer",
            Self::OutOfRange => "value out of range",
            Self::UnknownOption => "undeclared option",
            Self::MissingRequired => "required answer missing",
            Self::Repeated => "answered twice",
        })
    }
}

/// A response that does not fit its survey; in strict mode nothing of it is recorded.
///
/// # Example
///
/// ```
/// use satisfaction::{Answer, Question, RejectReason, Response, Scorecard, Survey};
///
/// let survey = Survey::builder("pulse").question(Question::nps("nps")).build()?;
/// let mut card = Scorecard::strict(&survey);
/// let response = Response::new("pulse", "r-17", 1_764_000_000)?.answer("nps", Answer::Score(11));
/// let err = card.try_push(&response).unwrap_err();
/// assert_eq!(err.reason(), Some(RejectReason::OutOfRange));
/// assert!(err.to_string().contains("r-17") && err.to_string().contains("0..=10"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// A response's own fields are invalid.
    #[error("invalid response: {0}")]
    Invalid(#[from] SurveyError),
    /// A submission time outside the supported range.
    #[error("submission time {value} is outside the supported range {min}..={max} (Unix seconds)")]
    TimestampOutOfRange {
        /// The rejected time.
        value: i64,
        /// The earliest supported time (1970-01-01).
        min: i64,
        /// The latest supported time (9999-12-31T23:59:59Z).
        max: i64,
    },
    /// The response belongs to another survey.
    #[error("response {respondent:?} is for survey {found:?}, not {expected:?}")]
    WrongSurvey {
        /// The respondent.
        respondent: String,
        /// This scorecard's survey.
        expected: String,
        /// The response's survey.
        found: String,
    },
    /// One answer was rejected.
    #[error(
        "respondent {respondent:?}, question {question:?}: {reason}: got {value}, valid: {valid}"
    )]
    Answer {
        /// The respondent.
        respondent: String,
        /// The question id as given.
        question: String,
        /// Why.
        reason: RejectReason,
        /// The answer as given.
        value: String,
        /// What would have been valid.
        valid: String,
    },
}

impl ResponseError {
    /// The reason, when one answer was the problem.
    #[must_use]
    pub fn reason(&self) -> Option<RejectReason> {
        match self {
            Self::Answer { reason, .. } => Some(*reason),
            _ => None,
        }
    }
}

/// A timestamp outside the supported range, or text that is not a period.
///
/// # Example
///
/// ```
/// use satisfaction::{Granularity, Period, PeriodError};
///
/// assert!(matches!(Period::containing(-1, Granularity::Day), Err(PeriodError::OutOfRange { .. })));
/// assert_eq!("2026-13".parse::<Period>(), Err(PeriodError::Unparsable("2026-13".into())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// A timestamp outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    #[error(
        "timestamp {timestamp} is outside the supported range {min}..={max} (Unix seconds, 1970 to 9999)"
    )]
    OutOfRange {
        /// The rejected timestamp.
        timestamp: i64,
        /// The earliest supported timestamp.
        min: i64,
        /// The latest supported timestamp.
        max: i64,
    },
    /// Text that is none of `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qq`, `YYYY`.
    #[error(
        "{0:?} is not a period: expected YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qq or YYYY \
         (years 1970 to 9999)"
    )]
    Unparsable(String),
}

/// Two summaries that cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CompareError {
    /// The summaries were built with different settings (scales, thresholds).
    #[error("cannot compare: {setting} differs ({left} vs {right})")]
    ConfigurationMismatch {
        /// The setting.
        setting: &'static str,
        /// Its value on the left.
        left: String,
        /// Its value on the right.
        right: String,
    },
    /// A side has too few observations for the method (a mean difference needs n >= 2 each).
    #[error("{method} needs at least {needed} observations on each side, got {left} and {right}")]
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
}

/// Serialised state that was refused on the way in.
///
/// Deserialisation validates everything it reads, so that a truncated, hand-edited or foreign
/// state becomes this error instead of a wrong answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum StateError {
    /// The state was written by a format version this build does not read.
    #[error("unsupported state format version {found}: this build reads version {supported}")]
    UnsupportedVersion {
        /// The version found in the data.
        found: u32,
        /// The version this build reads and writes.
        supported: u32,
    },
    /// The state's configuration is invalid.
    #[error("invalid configuration in serialised state: {0}")]
    Scale(#[from] ScaleError),
    /// The fields do not agree with each other (wrong number of counts, totals over the limit...).
    #[error("inconsistent serialised state: {0}")]
    Inconsistent(String),
}
