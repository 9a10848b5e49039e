//! A respondent's answers to one survey.

use crate::survey::{ResponseError, SurveyError};
use crate::time::check_timestamp;

/// One answer as it arrives from an export, before validation against its question.
///
/// "Skipped" and "not applicable" are answers of their own, distinct from every score: they
/// never enter a denominator. (Exports often write "not rated" as 0 or an empty cell; map
/// those to [`Answer::Skipped`] when reading, or a 0 on a 1-5 scale is rejected as out of
/// range.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Answer {
    /// Yes, thumbs up.
    Yes,
    /// No, thumbs down.
    No,
    /// One option, by its declared label.
    Choice(String),
    /// Several options, by their declared labels (multi-select).
    Choices(Vec<String>),
    /// A score on the question's scale (rating, semantic differential, NPS, CES). Signed and
    /// wide so that a bad export value (−1, 99) is reported as out of range, not lost in parsing.
    Score(i64),
    /// Free text.
    Text(String),
    /// The respondent saw the question and did not answer.
    Skipped,
    /// The question did not apply to the respondent.
    NotApplicable,
}

impl Answer {
    /// The answer as a short string for messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Yes => "yes".into(),
            Self::No => "no".into(),
            Self::Choice(c) => format!("{c:?}"),
            Self::Choices(c) => format!("{c:?}"),
            Self::Score(s) => s.to_string(),
            Self::Text(_) => "text".into(),
            Self::Skipped => "skipped".into(),
            Self::NotApplicable => "not applicable".into(),
        }
    }
}

/// One respondent's submission: who, when, optional attributes for segmenting, and answers by
/// question id.
///
/// ```
/// use satisfaction::{Answer, Response};
///
/// let response = Response::new("support-pulse", "cust-0042", 1_764_000_000)?
///     .attribute("channel", "chat")
///     .with_answer("nps", Answer::Score(9))
///     .with_answer("resolved", Answer::Yes)
///     .with_answer("comment", Answer::Skipped);
/// assert_eq!(response.attribute_value("channel"), Some("chat"));
/// assert!(Response::new("support-pulse", "  ", 1_764_000_000).is_err());
/// assert!(Response::new("support-pulse", "cust-1", -5).is_err());
/// # Ok::<(), satisfaction::survey::ResponseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Response {
    survey: String,
    respondent: String,
    submitted: i64,
    attributes: Vec<(String, String)>,
    answers: Vec<(String, Answer)>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Response, ResponseState);

impl Response {
    /// A response to survey `survey` by `respondent`, submitted at `submitted_unix` (seconds).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Invalid`] for an empty survey or respondent id;
    /// [`ResponseError::Timestamp`] outside [`EARLIEST_TIMESTAMP`](crate::time::EARLIEST_TIMESTAMP)..=[`LATEST_TIMESTAMP`](crate::time::LATEST_TIMESTAMP).
    pub fn new(
        survey: impl Into<String>,
        respondent: impl Into<String>,
        submitted_unix: i64,
    ) -> Result<Self, ResponseError> {
        let (survey, respondent) = (survey.into(), respondent.into());
        if survey.trim().is_empty() {
            return Err(SurveyError::EmptyId { what: "survey" }.into());
        }
        if respondent.trim().is_empty() {
            return Err(SurveyError::EmptyId { what: "respondent" }.into());
        }
        check_timestamp(submitted_unix)?;
        Ok(Self {
            survey,
            respondent,
            submitted: submitted_unix,
            attributes: Vec::new(),
            answers: Vec::new(),
        })
    }

    /// [`Response::new`] from raw bytes, as read from a file or socket.
    ///
    /// # Errors
    ///
    /// As [`Response::new`], and [`SurveyError::InvalidUtf8`] for ids that are not UTF-8.
    pub fn from_utf8(
        survey: &[u8],
        respondent: &[u8],
        submitted_unix: i64,
    ) -> Result<Self, ResponseError> {
        let text = |what, bytes: &[u8]| {
            std::str::from_utf8(bytes).map(str::to_owned).map_err(|_| {
                ResponseError::from(SurveyError::InvalidUtf8 {
                    what,
                    bytes: bytes.iter().copied().take(16).collect(),
                })
            })
        };
        Self::new(
            text("survey", survey)?,
            text("respondent", respondent)?,
            submitted_unix,
        )
    }

    /// Adds an answer (validated later, against the survey).
    #[must_use]
    pub fn with_answer(mut self, question: impl Into<String>, answer: Answer) -> Self {
        self.answers.push((question.into(), answer));
        self
    }

    /// Adds a segmenting attribute (channel, agent, plan...).
    #[must_use]
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.attributes.push((key.into(), value.into()));
        self
    }

    /// The survey id.
    #[must_use]
    pub fn survey(&self) -> &str {
        &self.survey
    }

    /// The respondent id.
    #[must_use]
    pub fn respondent(&self) -> &str {
        &self.respondent
    }

    /// Submission time, Unix seconds.
    #[must_use]
    pub fn submitted(&self) -> i64 {
        self.submitted
    }

    /// The attributes, in the order added.
    #[must_use]
    pub fn attributes(&self) -> &[(String, String)] {
        &self.attributes
    }

    /// The value of attribute `key`, if present.
    #[must_use]
    pub fn attribute_value(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The answers, in the order added.
    #[must_use]
    pub fn answers(&self) -> &[(String, Answer)] {
        &self.answers
    }

    /// The answer to `question`, if the response has one (the first, should it have two).
    ///
    /// The typed shortcuts below read the common kinds without matching on [`Answer`]:
    ///
    /// ```
    /// use satisfaction::{Answer, Response};
    ///
    /// let response = Response::new("pulse", "cust-7", 1_764_000_000)?
    ///     .with_answer("nps", Answer::Score(9))
    ///     .with_answer("resolved", Answer::Yes)
    ///     .with_answer("reason", Answer::Choice("billing".into()))
    ///     .with_answer("comment", Answer::Text("quick and kind".into()))
    ///     .with_answer("csat", Answer::Skipped);
    /// assert_eq!(response.answer("nps"), Some(&Answer::Score(9)));
    /// assert_eq!(response.score("nps"), Some(9));
    /// assert_eq!(response.flag("resolved"), Some(true));
    /// assert_eq!(response.choice("reason"), Some("billing"));
    /// assert_eq!(response.text("comment"), Some("quick and kind"));
    /// assert_eq!(response.score("csat"), None); // skipped: no score
    /// assert_eq!(response.answer("missing"), None);
    /// # Ok::<(), satisfaction::survey::ResponseError>(())
    /// ```
    #[must_use]
    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers
            .iter()
            .find(|(q, _)| q == question)
            .map(|(_, answer)| answer)
    }

    /// The score answered to `question` (NPS, rating, CES, semantic differential), as given:
    /// `None` for any other answer or none. Check it against its scale with the aggregator's
    /// `try_push`, or the survey's [`Scorecard`](crate::Scorecard).
    #[must_use]
    pub fn score(&self, question: &str) -> Option<i64> {
        match self.answer(question)? {
            Answer::Score(score) => Some(*score),
            _ => None,
        }
    }

    /// The yes (`true`) or no (`false`) answered to `question`.
    #[must_use]
    pub fn flag(&self, question: &str) -> Option<bool> {
        match self.answer(question)? {
            Answer::Yes => Some(true),
            Answer::No => Some(false),
            _ => None,
        }
    }

    /// The option chosen for a single-choice `question`.
    #[must_use]
    pub fn choice(&self, question: &str) -> Option<&str> {
        match self.answer(question)? {
            Answer::Choice(option) => Some(option),
            _ => None,
        }
    }

    /// The options chosen for a multi-select `question` (one option for a single choice).
    #[must_use]
    pub fn choices(&self, question: &str) -> Option<&[String]> {
        match self.answer(question)? {
            Answer::Choices(options) => Some(options),
            Answer::Choice(option) => Some(std::slice::from_ref(option)),
            _ => None,
        }
    }

    /// The free text answered to `question`.
    #[must_use]
    pub fn text(&self, question: &str) -> Option<&str> {
        match self.answer(question)? {
            Answer::Text(text) => Some(text),
            _ => None,
        }
    }

    /// Keeps the answers `keep` says yes to.
    #[cfg(feature = "csv")]
    pub(crate) fn retain_answers(&mut self, mut keep: impl FnMut(&str, &Answer) -> bool) {
        self.answers
            .retain(|(question, answer)| keep(question, answer));
    }
}

/// The serialised form of a [`Response`], read back through [`Response::new`] so that ids and
/// the submission time are validated as when it was built.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseState {
    survey: String,
    respondent: String,
    submitted: i64,
    attributes: Vec<(String, String)>,
    answers: Vec<(String, Answer)>,
}

#[cfg(feature = "serde")]
impl From<Response> for ResponseState {
    fn from(r: Response) -> Self {
        Self {
            survey: r.survey,
            respondent: r.respondent,
            submitted: r.submitted,
            attributes: r.attributes,
            answers: r.answers,
        }
    }
}

#[cfg(feature = "serde")]
crate::state::from_form!(ResponseState => Response, ResponseError, |s| {
    let mut response = Response::new(s.survey, s.respondent, s.submitted)?;
    response.attributes = s.attributes;
    response.answers = s.answers;
    Ok(response)
});
