//! The survey errors: a definition that cannot be built, a response that does not fit.

use thiserror::Error;

use crate::scale::ScaleError;

/// A survey definition that cannot be built.
///
/// # Example
///
/// ```
/// use satisfaction::{Question, Survey};
/// use satisfaction::survey::SurveyError;
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
    #[non_exhaustive]
    EmptyId {
        /// Which id.
        what: &'static str,
    },
    /// An id that is not valid UTF-8.
    #[error("{what} id is not valid UTF-8 (bytes {bytes:?})")]
    #[non_exhaustive]
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
    #[non_exhaustive]
    TooManyQuestions {
        /// Questions declared.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A choice question without options, with a duplicate option, or with too many.
    #[error("question {question:?}: {problem}")]
    #[non_exhaustive]
    InvalidOptions {
        /// The question.
        question: String,
        /// What is wrong with its options.
        problem: String,
    },
    /// A rating, semantic differential or CES scale the foundation rejects.
    #[error("question {question:?}: {source}")]
    #[non_exhaustive]
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
/// use satisfaction::{Answer, Question, Response, Scorecard, Survey};
/// use satisfaction::survey::RejectReason;
///
/// let survey = Survey::builder("pulse").question(Question::nps("nps")).build()?;
/// let mut card = Scorecard::strict(&survey);
/// let response = Response::new("pulse", "r-17", 1_764_000_000)?.with_answer("nps", Answer::Score(11));
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
    #[error("invalid submission time: {0}")]
    Timestamp(#[from] crate::time::TimestampError),
    /// The response belongs to another survey.
    #[error("response {respondent:?} is for survey {found:?}, not {expected:?}")]
    #[non_exhaustive]
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
    #[non_exhaustive]
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
