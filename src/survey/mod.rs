//! Typed surveys: the definition ([`Survey`], [`Question`]), [`Response`]s and the [`Scorecard`]
//! that aggregates them. The user-facing documentation is on [`Scorecard`].

mod definition;
mod error;
mod question;
mod response;
mod scorecard;

pub use definition::{Survey, SurveyBuilder};
pub use error::{RejectReason, ResponseError, SurveyError};
pub use question::{Question, QuestionKind};
pub use response::{Answer, Response};
pub use scorecard::{QuestionSummary, Scorecard, ScorecardSummary, ValidationMode};
#[cfg(feature = "csv")]
pub(crate) use scorecard::{check_answer, valid_answers};
