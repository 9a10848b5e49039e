//! The survey definition: an id and its questions, validated once.

use crate::survey::SurveyError;

use super::question::Question;

/// A validated survey: an id and its questions in display order.
///
/// Responses are validated against it and aggregated by a [`Scorecard`](crate::Scorecard),
/// whose documentation walks through the whole flow.
///
/// ```
/// use satisfaction::{CesScale, Question, RatingScale, Survey};
///
/// let survey = Survey::builder("support-pulse")
///     .question(Question::nps("nps").required())
///     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
///     .question(Question::ces("effort", CesScale::EFFORT_5))
///     .question(Question::binary("resolved"))
///     .build()?;
/// assert_eq!(survey.questions().len(), 4);
/// assert_eq!(survey.position("csat"), Some(1));
/// # Ok::<(), satisfaction::survey::SurveyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Survey {
    id: String,
    questions: Vec<Question>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Survey, SurveyState);

impl Survey {
    /// The most questions one survey holds (a response's answered set is a fixed 256-bit set, so
    /// checking for repeated answers never allocates).
    pub const MAX_QUESTIONS: usize = 256;

    /// Starts a survey with id `id`.
    pub fn builder(id: impl Into<String>) -> SurveyBuilder {
        SurveyBuilder {
            id: id.into(),
            questions: Vec::new(),
        }
    }

    /// The survey id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The questions, in display order.
    #[must_use]
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The position of question `id`.
    #[must_use]
    pub fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id() == id)
    }
}

/// Builds a [`Survey`]; every check happens in [`build`](Self::build).
#[derive(Debug, Clone)]
#[must_use]
pub struct SurveyBuilder {
    id: String,
    questions: Vec<Question>,
}

impl SurveyBuilder {
    /// Adds a question.
    pub fn question(mut self, question: Question) -> Self {
        self.questions.push(question);
        self
    }

    /// Validates and builds the survey.
    ///
    /// # Errors
    ///
    /// [`SurveyError`]: an empty survey or question id, no questions, more than 256, a
    /// duplicate question id, a choice question with no, empty, duplicate or more than 64
    /// options, a scale or threshold the foundation rejects.
    pub fn build(self) -> Result<Survey, SurveyError> {
        if self.id.trim().is_empty() {
            return Err(SurveyError::EmptyId { what: "survey" });
        }
        if self.questions.is_empty() {
            return Err(SurveyError::NoQuestions(self.id));
        }
        if self.questions.len() > Survey::MAX_QUESTIONS {
            return Err(SurveyError::TooManyQuestions {
                count: self.questions.len(),
                max: Survey::MAX_QUESTIONS,
            });
        }
        for (i, q) in self.questions.iter().enumerate() {
            q.validate()?;
            if self.questions[..i].iter().any(|p| p.id() == q.id()) {
                return Err(SurveyError::DuplicateQuestion(q.id().to_owned()));
            }
        }
        Ok(Survey {
            id: self.id,
            questions: self.questions,
        })
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::{Survey, SurveyBuilder};
    use crate::survey::Question;
    use crate::survey::SurveyError;

    /// The serialised form of a [`Survey`], rebuilt (and so revalidated) on the way in.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct SurveyState {
        id: String,
        questions: Vec<Question>,
    }

    impl From<Survey> for SurveyState {
        fn from(s: Survey) -> Self {
            Self {
                id: s.id,
                questions: s.questions,
            }
        }
    }

    crate::state::from_form!(SurveyState => Survey, SurveyError, |s| {
        SurveyBuilder {
            id: s.id,
            questions: s.questions,
        }
        .build()
    });
}

#[cfg(feature = "serde")]
use state::SurveyState;
