//! Typed surveys: declare the questions once, validate every response against them, and get
//! every metric from one pass.
//!
//! A survey export is one row per respondent with answers of different kinds, some skipped,
//! some "not applicable", some malformed. This module types all of it:
//!
//! - [`Question`]s of the kinds customer-satisfaction surveys use ([`QuestionKind`]): yes/no,
//!   single and multi-select choice, rating scales (CSAT, review stars), semantic differentials,
//!   NPS, CES and free text, each feeding the aggregator that fits it;
//! - a [`Survey`] built and validated once (unique ids, real options, valid scales);
//! - [`Response`]s: respondent, submission time, attributes for segmenting, [`Answer`]s by
//!   question id, with "skipped" and "not applicable" distinct from every score;
//! - a [`Scorecard`] that validates each response ([`ValidationMode::Strict`]: all or nothing;
//!   [`ValidationMode::Lenient`]: keep the good answers, count the bad by question and
//!   [`RejectReason`](crate::RejectReason)) and routes every answer to its question's aggregator.
//!
//! ```
//! use satisfaction::{Aggregator, Answer, CesScale, Question, RatingScale, Response, Scorecard, Survey};
//!
//! let survey = Survey::builder("support-pulse")
//!     .question(Question::nps("nps").required())
//!     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
//!     .question(Question::ces("effort", CesScale::EFFORT_5))
//!     .question(Question::binary("resolved"))
//!     .question(Question::single_choice("reason", ["billing", "bug", "how-to"]))
//!     .question(Question::text("comment"))
//!     .build()?;
//!
//! let mut card = Scorecard::strict(&survey);
//! card.try_push(
//!     &Response::new("support-pulse", "cust-1", 1_764_000_000)?
//!         .answer("nps", Answer::Score(9))
//!         .answer("csat", Answer::Score(5))
//!         .answer("effort", Answer::Score(2))
//!         .answer("resolved", Answer::Yes)
//!         .answer("reason", Answer::Choice("bug".into()))
//!         .answer("comment", Answer::Text("quick and friendly".into())),
//! )?;
//! // Strict mode: a bad answer rejects the whole response and records nothing.
//! let bad = Response::new("support-pulse", "cust-2", 1_764_000_500)?
//!     .answer("nps", Answer::Score(8))
//!     .answer("reason", Answer::Choice("refund".into()));
//! assert!(card.try_push(&bad).is_err());
//! assert_eq!(card.count(), 1);
//!
//! let summary = card.summary().unwrap();
//! println!("{summary}");
//! assert_eq!(summary.question("resolved").unwrap().proportion().unwrap().share(), 1.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

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
