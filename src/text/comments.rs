//! [`CommentAnalysis`]: a survey's text question feeding sentiment, themes and the word
//! contrast, straight from an export's responses.

use std::fmt;

use crate::aggregator::{Aggregator, TryPush, check_merge_total};
use crate::error::{MergeError, Setting, same};
use crate::scale::NpsScore;
use crate::survey::{Question, QuestionKind, Response, Survey};
use crate::text::error::CommentError;
use crate::text::sentiment::{CompoundScore, SentimentAggregate, SentimentSummary};
use crate::text::table::{ThemeTable, ThemeTableSummary};
use crate::text::theme::ThemeSet;
use crate::text::vader;
use crate::text::word_contrast::{WordContrast, WordContrastSummary};

/// The comments of a survey, analysed in one pass: their sentiment, the themes they mention
/// against the NPS, and the words detractors use that promoters don't.
///
/// It reads [`Response`]s (as [`SurveyImport::read_with`] hands them over, or built by hand):
/// the answer to a text question and the answer to an NPS question. Per response:
///
/// - a comment (a text answer that is not blank) is scored by VADER into the
///   [`SentimentAggregate`], with or without a score;
/// - a comment with a score goes to the [`ThemeTable`] and the [`WordContrast`], so the
///   theme table compares customers who mention a theme with the other customers **who
///   commented** (those who leave the box empty differ: detractors comment more);
/// - a response without a comment is counted and changes nothing else.
///
/// A response to another survey, or with an NPS answer off 0-10, is refused whole; so is one
/// whose comment the word contrast refuses (its vocabulary cap). It implements [`Aggregator`]
/// with `Input = Response`, so it sits in [`Grouped`](crate::Grouped) per segment and merges
/// across threads.
///
/// [`SurveyImport::read_with`]: https://docs.rs/satisfaction/latest/satisfaction/import/struct.SurveyImport.html#method.read_with
///
/// ```
/// use satisfaction::text::{CommentAnalysis, ThemeSet};
/// use satisfaction::{Aggregator, Answer, Question, Response, Survey};
///
/// let survey = Survey::builder("pulse")
///     .question(Question::nps("nps"))
///     .question(Question::text("comment"))
///     .build()?;
/// let themes = ThemeSet::parse([("waiting", "wait* OR \"on hold\""), ("friendly", "friendly")])?;
/// let mut comments = CommentAnalysis::for_survey(&survey, "comment", "nps")?.with_themes(themes);
/// for (i, (score, text)) in [(2, "Waited an hour on hold"), (10, "Friendly and quick!"), (8, "")].into_iter().enumerate() {
///     let response = Response::new("pulse", format!("r{i}"), 1_764_000_000)?
///         .with_answer("nps", Answer::Score(score))
///         .with_answer("comment", Answer::Text(text.into()));
///     comments.try_push(&response)?;
/// }
/// let summary = comments.summary().unwrap();
/// assert_eq!(summary.responses(), 3);
/// assert_eq!(summary.sentiment().unwrap().count(), 2); // the empty comment is not scored
/// assert_eq!(summary.themes().unwrap().row("waiting").unwrap().mentions(), 1);
/// assert!(summary.words().unwrap().word("hold").is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "state::CommentState", into = "state::CommentState")
)]
pub struct CommentAnalysis {
    survey: String,
    text_question: String,
    nps_question: String,
    responses: u64,
    sentiment: SentimentAggregate,
    themes: ThemeTable,
    words: WordContrast,
}

/// The question `id` of `survey`, if it is of the kind `expected` accepts.
fn question<'s>(
    survey: &'s Survey,
    id: &str,
    expected: fn(&QuestionKind) -> bool,
    problem: &'static str,
) -> Result<&'s Question, CommentError> {
    let error = |problem| CommentError::Question {
        survey: survey.id().to_owned(),
        question: id.to_owned(),
        problem,
    };
    let q = survey
        .questions()
        .iter()
        .find(|q| q.id() == id)
        .ok_or_else(|| error("the survey has no such question"))?;
    if expected(q.kind()) {
        Ok(q)
    } else {
        Err(error(problem))
    }
}

impl CommentAnalysis {
    /// An empty analysis of the answers to `text_question` (a [`Question::text`]) against
    /// those to `nps_question` (a [`Question::nps`]) of `survey`, with no theme and the
    /// default [`WordContrast`].
    ///
    /// # Errors
    ///
    /// [`CommentError::Question`] when the survey has no such question, or it is of another
    /// kind.
    pub fn for_survey(
        survey: &Survey,
        text_question: &str,
        nps_question: &str,
    ) -> Result<Self, CommentError> {
        question(
            survey,
            text_question,
            |k| matches!(k, QuestionKind::Text),
            "it is not a text question",
        )?;
        question(
            survey,
            nps_question,
            |k| matches!(k, QuestionKind::Nps),
            "it is not an NPS question",
        )?;
        Ok(Self {
            survey: survey.id().to_owned(),
            text_question: text_question.to_owned(),
            nps_question: nps_question.to_owned(),
            responses: 0,
            sentiment: SentimentAggregate::default(),
            themes: ThemeTable::new(ThemeSet::default()),
            words: WordContrast::default(),
        })
    }

    /// The same analysis with `themes` in its theme table. Set it before recording: the
    /// table starts empty.
    #[must_use]
    pub fn with_themes(mut self, themes: ThemeSet) -> Self {
        self.themes = ThemeTable::new(themes);
        self
    }

    /// The same analysis with `words` as its word contrast (a cap or stop words of its own).
    /// Set it before recording.
    #[must_use]
    pub fn with_word_contrast(mut self, words: WordContrast) -> Self {
        self.words = words;
        self
    }

    /// Records a response, or refuses it whole and changes nothing.
    ///
    /// # Errors
    ///
    /// [`CommentError::WrongSurvey`], [`CommentError::Score`] for an NPS answer off 0-10,
    /// [`CommentError::Words`] when the word contrast refuses the comment.
    pub fn try_push(&mut self, response: &Response) -> Result<(), CommentError> {
        TryPush::try_push(self, response)
    }

    /// The comment and the valid score of `response`, or why it is refused.
    fn read<'r>(
        &self,
        response: &'r Response,
    ) -> Result<(Option<&'r str>, Option<NpsScore>), CommentError> {
        if response.survey() != self.survey {
            return Err(CommentError::WrongSurvey {
                respondent: response.respondent().to_owned(),
                expected: self.survey.clone(),
                found: response.survey().to_owned(),
            });
        }
        let comment = response
            .text(&self.text_question)
            .filter(|t| !t.trim().is_empty());
        let score = response
            .score(&self.nps_question)
            .map(NpsScore::from_raw)
            .transpose()
            .map_err(|source| CommentError::Score {
                respondent: response.respondent().to_owned(),
                source,
            })?;
        if let (Some(text), Some(score)) = (comment, score) {
            TryPush::input(&self.words, (score, text)).map_err(|source| CommentError::Words {
                respondent: response.respondent().to_owned(),
                source,
            })?;
        }
        Ok((comment, score))
    }

    fn add(&mut self, response: &Response) -> Result<(), CommentError> {
        let (comment, score) = self.read(response)?;
        if let Some(text) = comment {
            self.sentiment
                .push(CompoundScore::from(vader::sentiment(text)));
            if let Some(score) = score {
                // Checked by `read`: the word contrast accepts this comment.
                let _ = self.words.try_push(score, text);
                let _ = self.themes.try_push(score, text);
            }
        }
        // Saturating, as every count pushed one at a time (see `MAX_COUNT`).
        self.responses = self.responses.saturating_add(1);
        Ok(())
    }
}

impl<'r> TryPush<&'r Response> for CommentAnalysis {
    type Error = CommentError;

    fn input(&self, response: &'r Response) -> Result<Response, CommentError> {
        self.read(response)?;
        Ok(response.clone())
    }

    fn try_push(&mut self, response: &'r Response) -> Result<(), CommentError> {
        self.add(response)
    }
}

impl Aggregator for CommentAnalysis {
    type Input = Response;
    type Summary = CommentSummary;
    type Error = CommentError;

    fn record(&mut self, response: Response) -> Result<(), CommentError> {
        self.add(&response)
    }

    fn check(&self, response: &Response) -> Result<(), CommentError> {
        self.read(response).map(|_| ())
    }

    /// Merges the parts; all or nothing. The survey, questions, themes and word contrast
    /// settings must agree.
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("survey", &self.survey, &other.survey, |s| {
            Setting::Id(s.clone())
        })?;
        same(
            "text question",
            &self.text_question,
            &other.text_question,
            |s| Setting::Id(s.clone()),
        )?;
        same(
            "NPS question",
            &self.nps_question,
            &other.nps_question,
            |s| Setting::Id(s.clone()),
        )?;
        check_merge_total(self.responses, other.responses)?;
        let mut merged = self.clone();
        merged.sentiment.merge(&other.sentiment)?;
        merged.themes.merge(&other.themes)?;
        merged.words.merge(&other.words)?;
        merged.responses += other.responses;
        *self = merged;
        Ok(())
    }

    fn summary(&self) -> Option<CommentSummary> {
        (self.responses > 0).then(|| CommentSummary {
            responses: self.responses,
            sentiment: self.sentiment.summary(),
            themes: self.themes.summary(),
            words: self.words.summary(),
        })
    }

    /// Responses recorded (with or without a comment).
    fn count(&self) -> u64 {
        self.responses
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::CommentAnalysis;
    use crate::aggregator::Aggregator;
    use crate::error::StateError;
    use crate::state::{STATE_VERSION, check_version};
    use crate::text::sentiment::SentimentAggregate;
    use crate::text::table::ThemeTable;
    use crate::text::word_contrast::WordContrast;

    /// The serialised form of a [`CommentAnalysis`]: the survey and questions, the responses
    /// recorded and the three parts' own states.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct CommentState {
        version: u32,
        survey: String,
        text_question: String,
        nps_question: String,
        responses: u64,
        sentiment: SentimentAggregate,
        themes: ThemeTable,
        words: WordContrast,
    }

    impl From<CommentAnalysis> for CommentState {
        fn from(c: CommentAnalysis) -> Self {
            Self {
                version: STATE_VERSION,
                survey: c.survey,
                text_question: c.text_question,
                nps_question: c.nps_question,
                responses: c.responses,
                sentiment: c.sentiment,
                themes: c.themes,
                words: c.words,
            }
        }
    }

    impl TryFrom<CommentState> for CommentAnalysis {
        type Error = StateError;

        /// Every comment with a score is in the theme table and the word contrast, every
        /// comment in the sentiment, every response in the count.
        fn try_from(s: CommentState) -> Result<Self, StateError> {
            check_version(s.version)?;
            let (scored, words, commented) =
                (s.themes.count(), s.words.count(), s.sentiment.count());
            if scored != words || scored > commented || commented > s.responses {
                return Err(StateError::Inconsistent {
                    what: "comment analysis",
                    problem: format!(
                        "{} responses, {commented} comments scored for sentiment, {scored} in \
                         the theme table and {words} in the word contrast: each must hold at \
                         most the one before, and the last two the same",
                        s.responses
                    ),
                });
            }
            if s.responses > crate::aggregator::MAX_COUNT {
                return Err(StateError::TooMany {
                    what: "comment analysis",
                    total: u128::from(s.responses),
                    limit: crate::aggregator::MAX_COUNT,
                });
            }
            Ok(Self {
                survey: s.survey,
                text_question: s.text_question,
                nps_question: s.nps_question,
                responses: s.responses,
                sentiment: s.sentiment,
                themes: s.themes,
                words: s.words,
            })
        }
    }
}

/// The summary of a non-empty [`CommentAnalysis`]; each part is `None` when nothing reached
/// it (no comment, or no comment with a score).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CommentSummary {
    responses: u64,
    sentiment: Option<SentimentSummary>,
    themes: Option<ThemeTableSummary>,
    words: Option<WordContrastSummary>,
}

impl CommentSummary {
    /// Responses recorded.
    #[must_use]
    pub fn responses(&self) -> u64 {
        self.responses
    }

    /// The sentiment of the comments.
    #[must_use]
    pub fn sentiment(&self) -> Option<&SentimentSummary> {
        self.sentiment.as_ref()
    }

    /// The themes against the NPS, among responses with a comment and a score.
    #[must_use]
    pub fn themes(&self) -> Option<&ThemeTableSummary> {
        self.themes.as_ref()
    }

    /// The word contrast of the comments with a score.
    #[must_use]
    pub fn words(&self) -> Option<&WordContrastSummary> {
        self.words.as_ref()
    }
}

impl fmt::Display for CommentSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let commented = self.sentiment.as_ref().map_or(0, SentimentSummary::count);
        writeln!(
            f,
            "{} responses, {commented} with a comment",
            self.responses
        )?;
        if let Some(s) = &self.sentiment {
            writeln!(f, "{s}")?;
        }
        if let Some(t) = &self.themes {
            write!(f, "{t}")?;
        }
        if let Some(w) = &self.words {
            write!(f, "{w}")?;
        }
        Ok(())
    }
}
