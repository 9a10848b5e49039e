//! The scorecard: every question's aggregator, fed from whole responses in one pass.
//!
//! (About 650 lines, a fifth of them the user-facing documentation of [`Scorecard`], which is
//! where a reader of the survey API starts; the summary and the stored form are already in their
//! own files.)
//!
//! `mod.rs` validates and routes responses; `summary.rs` reads the results; `state.rs` is the
//! serialised form, validated on the way in.

mod state;
mod summary;

pub use summary::{QuestionSummary, ScorecardSummary};

use std::collections::BTreeMap;

use crate::aggregator::{Aggregator, check_merge_total};
use crate::counts::checked_total;
use crate::error::same;
use crate::error::{MergeError, Setting, StateError};
use crate::metrics::ces::Ces;
use crate::metrics::choice::OptionCounts;
use crate::metrics::csat::Csat;
use crate::metrics::nps::Nps;
use crate::metrics::proportion::Proportion;
use crate::scale::NpsScore;
use crate::survey::{RejectReason, ResponseError};

use super::definition::Survey;
use super::question::{Question, QuestionKind};
use super::response::{Answer, Response};

/// What happens to a response with a bad answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ValidationMode {
    /// The whole response is rejected and nothing of it is recorded ([`Scorecard::try_push`]
    /// and [`Aggregator::record`] say why).
    #[default]
    Strict,
    /// Valid answers are recorded; each rejected answer is counted by question and reason.
    Lenient,
}

impl ValidationMode {
    /// The mode's name: `"strict"` or `"lenient"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Strict => "strict",
            Self::Lenient => "lenient",
        }
    }
}

/// One question's aggregator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
enum Tally {
    Binary(Proportion),
    Choice(OptionCounts),
    Rating(Csat),
    Scale(Ces),
    Nps(Nps),
    Text(u64),
}

impl Tally {
    fn for_question(q: &Question) -> Self {
        match q.kind() {
            QuestionKind::Binary => Self::Binary(Proportion::default()),
            QuestionKind::SingleChoice { options } | QuestionKind::MultiSelect { options } => {
                Self::Choice(OptionCounts::with_validated_options(options.len()))
            }
            QuestionKind::Rating {
                scale,
                satisfied_from,
                ..
            } => Self::Rating(Csat::new(*scale, *satisfied_from).unwrap_or_default()),
            QuestionKind::SemanticDifferential {
                scale, polarity, ..
            } => Self::Scale(Ces::new(
                QuestionKind::differential_scale(*scale, *polarity)
                    .unwrap_or(crate::scale::CesScale::AGREEMENT_7),
            )),
            QuestionKind::Ces(scale) => Self::Scale(Ces::new(*scale)),
            QuestionKind::Nps => Self::Nps(Nps::default()),
            QuestionKind::Text => Self::Text(0),
        }
    }

    fn kind_name(&self) -> &'static str {
        match self {
            Self::Binary(_) => "binary",
            Self::Choice(_) => "choice",
            Self::Rating(_) => "rating",
            Self::Scale(_) => "scale",
            Self::Nps(_) => "NPS",
            Self::Text(_) => "text",
        }
    }

    fn count(&self) -> u64 {
        match self {
            Self::Binary(a) => a.count(),
            Self::Choice(a) => a.count(),
            Self::Rating(a) => a.count(),
            Self::Scale(a) => a.count(),
            Self::Nps(a) => a.count(),
            Self::Text(n) => *n,
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        match (self, other) {
            (Self::Binary(a), Self::Binary(b)) => a.merge(b),
            (Self::Choice(a), Self::Choice(b)) => a.merge(b),
            (Self::Rating(a), Self::Rating(b)) => a.merge(b),
            (Self::Scale(a), Self::Scale(b)) => a.merge(b),
            (Self::Nps(a), Self::Nps(b)) => a.merge(b),
            (Self::Text(a), Self::Text(b)) => {
                *a = a.checked_add(*b).ok_or(MergeError::CountOverflow {
                    left: *a,
                    right: *b,
                    limit: crate::aggregator::MAX_COUNT,
                })?;
                Ok(())
            }
            (a, b) => Err(MergeError::ConfigurationMismatch {
                setting: "question kind",
                left: Setting::Named(a.kind_name()),
                right: Setting::Named(b.kind_name()),
            }),
        }
    }
}

/// A validated answer, ready to record: no allocation for bounded-scale answers.
#[derive(Clone, Copy)]
enum Checked {
    Skipped,
    NotApplicable,
    Bool(bool),
    Options(u64),
    Score(u8),
    Text,
}

/// Per-question counts beside the aggregator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct QuestionCounts {
    skipped: u64,
    not_applicable: u64,
    /// Rejected answers by reason, indexed like `REASONS`.
    rejected: [u64; 6],
}

impl QuestionCounts {
    /// Adds `other`'s counts; refuses a count past [`MAX_COUNT`](crate::MAX_COUNT).
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        check_merge_total(self.skipped, other.skipped)?;
        check_merge_total(self.not_applicable, other.not_applicable)?;
        check_merge_total(self.rejected_total(), other.rejected_total())?;
        self.skipped += other.skipped;
        self.not_applicable += other.not_applicable;
        for (a, b) in self.rejected.iter_mut().zip(other.rejected) {
            *a += b;
        }
        Ok(())
    }

    /// Rejected answers, all reasons (at most [`MAX_COUNT`](crate::MAX_COUNT), checked where a
    /// state comes in).
    fn rejected_total(&self) -> u64 {
        self.rejected.iter().fold(0u64, |t, &n| t.saturating_add(n))
    }

    /// Checks counts read from outside.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    fn validated(self, question: usize) -> Result<Self, StateError> {
        checked_total("scorecard", &self.rejected).map_err(|_| StateError::Inconsistent {
            what: "scorecard",
            problem: format!("question {question} has more rejected answers than the limit"),
        })?;
        Ok(self)
    }
}

const REASONS: [RejectReason; 6] = [
    RejectReason::UnknownQuestion,
    RejectReason::WrongKind,
    RejectReason::OutOfRange,
    RejectReason::UnknownOption,
    RejectReason::MissingRequired,
    RejectReason::Repeated,
];

fn reason_index(reason: RejectReason) -> usize {
    REASONS.iter().position(|&r| r == reason).unwrap_or(0)
}

/// Every question's aggregator for one survey, fed whole responses in one pass.
///
/// Typed surveys: declare the questions once and validate every response against them. A
/// survey export is one row per respondent with answers of different kinds, some skipped, some
/// "not applicable", some malformed. The crate types all of it:
///
/// - [`Question`]s of the kinds customer-satisfaction surveys use ([`QuestionKind`]): yes/no,
///   single and multi-select choice, rating scales (CSAT, review stars), semantic differentials,
///   NPS, CES and free text, each feeding the aggregator that fits it;
/// - a [`Survey`] built and validated once (unique ids, real options, valid scales);
/// - [`Response`]s: respondent, submission time, attributes for segmenting, [`Answer`]s by
///   question id, with "skipped" and "not applicable" distinct from every score;
/// - a scorecard that validates each response ([`ValidationMode::Strict`]: all or nothing;
///   [`ValidationMode::Lenient`]: keep the good answers, count the bad by question and
///   [`RejectReason`]) and routes every answer to its question's aggregator.
///
/// ```
/// use satisfaction::{Aggregator, Answer, CesScale, Question, RatingScale, Response, Scorecard};
/// use satisfaction::Survey;
///
/// let survey = Survey::builder("support-pulse")
///     .question(Question::nps("nps").required())
///     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
///     .question(Question::ces("effort", CesScale::EFFORT_5))
///     .question(Question::binary("resolved"))
///     .question(Question::single_choice("reason", ["billing", "bug", "how-to"]))
///     .question(Question::text("comment"))
///     .build()?;
///
/// let mut card = Scorecard::strict(&survey);
/// card.try_push(
///     &Response::new("support-pulse", "cust-1", 1_764_000_000)?
///         .with_answer("nps", Answer::Score(9))
///         .with_answer("csat", Answer::Score(5))
///         .with_answer("effort", Answer::Score(2))
///         .with_answer("resolved", Answer::Yes)
///         .with_answer("reason", Answer::Choice("bug".into()))
///         .with_answer("comment", Answer::Text("quick and friendly".into())),
/// )?;
/// // Strict mode: a bad answer rejects the whole response and records nothing.
/// let bad = Response::new("support-pulse", "cust-2", 1_764_000_500)?
///     .with_answer("nps", Answer::Score(8))
///     .with_answer("reason", Answer::Choice("refund".into()));
/// assert!(card.try_push(&bad).is_err());
/// assert_eq!(card.count(), 1);
///
/// let summary = card.summary().unwrap();
/// println!("{summary}");
/// assert_eq!(summary.question("resolved").unwrap().proportion().unwrap().share(), 1.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// In lenient mode:
///
/// ```
/// use satisfaction::{Aggregator, Answer, Question, RatingScale, Response, Scorecard, Survey};
///
/// let survey = Survey::builder("pulse")
///     .question(Question::nps("nps").required())
///     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
///     .question(Question::binary("resolved"))
///     .build()?;
/// let mut card = Scorecard::lenient(&survey);
/// card.record(Response::new("pulse", "a", 1_764_000_000)?
///     .with_answer("nps", Answer::Score(10))
///     .with_answer("csat", Answer::Score(5))
///     .with_answer("resolved", Answer::Yes))?;
/// card.record(Response::new("pulse", "b", 1_764_000_100)?
///     .with_answer("nps", Answer::Score(6))
///     .with_answer("csat", Answer::Score(0)) // an export's "not rated": rejected, counted
///     .with_answer("resolved", Answer::NotApplicable))?;
/// let summary = card.summary().unwrap();
/// assert_eq!(summary.responses(), 2);
/// assert_eq!(summary.question("nps").unwrap().nps().unwrap().score(), 0.0);
/// assert_eq!(summary.question("csat").unwrap().rejected(), 1);
/// assert_eq!(summary.question("resolved").unwrap().not_applicable(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// State: `size_of::<Scorecard>() == 144` bytes, plus the survey definition and one small
/// aggregator per question; recording a bounded-scale answer never allocates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    survey: Survey,
    mode: ValidationMode,
    tallies: Vec<Tally>,
    counts: Vec<QuestionCounts>,
    responses: u64,
    /// Responses with a recorded answer (not applicable included) to every required question.
    all_required: u64,
    /// Answers to question ids the survey does not have (lenient mode), by id.
    unknown_questions: BTreeMap<String, u64>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Scorecard, state::ScorecardState);

impl Scorecard {
    /// A scorecard for `survey` in `mode`.
    #[must_use]
    pub fn new(survey: &Survey, mode: ValidationMode) -> Self {
        Self {
            survey: survey.clone(),
            mode,
            tallies: survey.questions().iter().map(Tally::for_question).collect(),
            counts: vec![QuestionCounts::default(); survey.questions().len()],
            responses: 0,
            all_required: 0,
            unknown_questions: BTreeMap::new(),
        }
    }

    /// A strict scorecard: a response with any bad answer is rejected whole.
    #[must_use]
    pub fn strict(survey: &Survey) -> Self {
        Self::new(survey, ValidationMode::Strict)
    }

    /// A lenient scorecard: bad answers are counted and skipped, good ones recorded.
    #[must_use]
    pub fn lenient(survey: &Survey) -> Self {
        Self::new(survey, ValidationMode::Lenient)
    }

    /// The survey.
    #[must_use]
    pub fn survey(&self) -> &Survey {
        &self.survey
    }

    /// The validation mode.
    #[must_use]
    pub fn mode(&self) -> ValidationMode {
        self.mode
    }

    /// Answers to question `id` rejected so far (lenient mode), all reasons; `None` for a
    /// question the survey does not have. Readable here whether or not any answer was recorded.
    #[must_use]
    pub fn rejected_answers(&self, id: &str) -> Option<u64> {
        let i = self.survey.position(id)?;
        Some(
            self.counts[i]
                .rejected
                .iter()
                .fold(0u64, |t, &n| t.saturating_add(n)),
        )
    }

    /// Answers to question ids the survey does not have (lenient mode), by id.
    #[must_use]
    pub fn unknown_questions(&self) -> &BTreeMap<String, u64> {
        &self.unknown_questions
    }

    /// Validates and records a response.
    ///
    /// In strict mode the first problem is returned and nothing of the response is recorded.
    /// In lenient mode the valid answers are recorded and bad ones counted; the error is
    /// returned only for a response that cannot be recorded at all (another survey's).
    ///
    /// # Errors
    ///
    /// [`ResponseError::WrongSurvey`], or [`ResponseError::Answer`] naming the respondent,
    /// question, value and valid range.
    pub fn try_push(&mut self, response: &Response) -> Result<(), ResponseError> {
        self.check_survey(response)?;
        if self.mode == ValidationMode::Strict {
            self.check_all(response)?;
        }
        self.apply_response(response);
        Ok(())
    }

    /// Refuses a response for another survey.
    fn check_survey(&self, response: &Response) -> Result<(), ResponseError> {
        if response.survey() == self.survey.id() {
            return Ok(());
        }
        Err(ResponseError::WrongSurvey {
            respondent: response.respondent().to_owned(),
            expected: self.survey.id().to_owned(),
            found: response.survey().to_owned(),
        })
    }

    /// First pass of strict mode: every answer valid, no repeats, every required one present.
    fn check_all(&self, response: &Response) -> Result<(), ResponseError> {
        let mut seen = [0u64; 4];
        for (question, answer) in response.answers() {
            let Some(i) = self.survey.position(question) else {
                return Err(self.rejection(
                    response,
                    question,
                    answer,
                    RejectReason::UnknownQuestion,
                ));
            };
            if mark(&mut seen, i) {
                return Err(self.rejection(response, question, answer, RejectReason::Repeated));
            }
            check(&self.survey.questions()[i], answer)
                .map_err(|reason| self.rejection(response, question, answer, reason))?;
        }
        for q in self.survey.questions() {
            if q.is_required() && !answered_in(response, q.id()) {
                return Err(self.rejection(
                    response,
                    q.id(),
                    &Answer::Skipped,
                    RejectReason::MissingRequired,
                ));
            }
        }
        Ok(())
    }

    /// Records every valid answer; counts the rest (all are valid after `check_all`).
    fn apply_response(&mut self, response: &Response) {
        let mut seen = [0u64; 4];
        let mut answered = [0u64; 4];
        for (question, answer) in response.answers() {
            let Some(i) = self.survey.position(question) else {
                let count = self.unknown_questions.entry(question.clone()).or_insert(0);
                *count = count.saturating_add(1);
                continue;
            };
            if mark(&mut seen, i) {
                self.reject(i, RejectReason::Repeated);
                continue;
            }
            match check(&self.survey.questions()[i], answer) {
                Ok(checked) => {
                    if !matches!(checked, Checked::Skipped) {
                        mark(&mut answered, i);
                    }
                    self.apply(i, checked);
                }
                Err(reason) => self.reject(i, reason),
            }
        }
        let mut all_required = true;
        for i in 0..self.survey.questions().len() {
            let q = &self.survey.questions()[i];
            if !q.is_required() {
                continue;
            }
            if !answered_in(response, q.id()) {
                self.reject(i, RejectReason::MissingRequired);
            }
            // `mark` says whether the question had a recorded answer already.
            all_required &= mark(&mut answered, i);
        }
        self.responses = self.responses.saturating_add(1);
        if all_required {
            self.all_required = self.all_required.saturating_add(1);
        }
    }

    fn apply(&mut self, i: usize, checked: Checked) {
        let counts = &mut self.counts[i];
        match (checked, &mut self.tallies[i]) {
            (Checked::Skipped, _) => counts.skipped = counts.skipped.saturating_add(1),
            (Checked::NotApplicable, _) => {
                counts.not_applicable = counts.not_applicable.saturating_add(1);
            }
            // Every answer here passed `check` against its own question, so the conversions and
            // records below succeed; their results carry nothing more.
            (Checked::Bool(yes), Tally::Binary(p)) => p.push(yes),
            (Checked::Options(set), Tally::Choice(o)) => {
                let _ = o.record(set);
            }
            (Checked::Score(s), Tally::Rating(c)) => {
                let _ = c.try_push(s);
            }
            (Checked::Score(s), Tally::Scale(c)) => {
                let _ = c.try_push(s);
            }
            (Checked::Score(s), Tally::Nps(n)) => {
                if let Ok(score) = NpsScore::new(s) {
                    n.push(score);
                }
            }
            (Checked::Text, Tally::Text(n)) => *n = n.saturating_add(1),
            _ => {}
        }
    }

    fn reject(&mut self, i: usize, reason: RejectReason) {
        let slot = &mut self.counts[i].rejected[reason_index(reason)];
        *slot = slot.saturating_add(1);
    }

    fn rejection(
        &self,
        response: &Response,
        question: &str,
        answer: &Answer,
        reason: RejectReason,
    ) -> ResponseError {
        let valid = match self.survey.position(question) {
            None => format!(
                "one of {}",
                self.survey
                    .questions()
                    .iter()
                    .map(Question::id)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(i) => valid_answers(&self.survey.questions()[i]),
        };
        ResponseError::Answer {
            respondent: response.respondent().to_owned(),
            question: question.to_owned(),
            reason,
            value: answer.describe(),
            valid,
        }
    }
}

/// Sets bit `i`; `true` when it was already set.
fn mark(seen: &mut [u64; 4], i: usize) -> bool {
    let (word, bit) = (i / 64, 1u64 << (i % 64));
    let was = seen[word] & bit != 0;
    seen[word] |= bit;
    was
}

/// Whether the response holds an answer other than "skipped" for `question`.
fn answered_in(response: &Response, question: &str) -> bool {
    response
        .answers()
        .iter()
        .any(|(q, a)| q == question && !matches!(a, Answer::Skipped))
}

/// Whether `answer` fits `question` (the rule every response goes through), for callers that
/// report answers one by one before building a response (the `import` module).
#[cfg(feature = "csv")]
pub(crate) fn check_answer(question: &Question, answer: &Answer) -> Result<(), RejectReason> {
    check(question, answer).map(|_| ())
}

/// Validates one answer against its question.
fn check(question: &Question, answer: &Answer) -> Result<Checked, RejectReason> {
    let kind = question.kind();
    match answer {
        Answer::Skipped => return Ok(Checked::Skipped),
        Answer::NotApplicable => return Ok(Checked::NotApplicable),
        _ => {}
    }
    match (kind, answer) {
        (QuestionKind::Binary, Answer::Yes) => Ok(Checked::Bool(true)),
        (QuestionKind::Binary, Answer::No) => Ok(Checked::Bool(false)),
        (QuestionKind::SingleChoice { options }, Answer::Choice(c))
        | (QuestionKind::MultiSelect { options }, Answer::Choice(c)) => options
            .iter()
            .position(|o| o == c)
            .map(|i| Checked::Options(1 << i))
            .ok_or(RejectReason::UnknownOption),
        (QuestionKind::MultiSelect { options }, Answer::Choices(chosen)) => {
            let mut set = 0u64;
            for c in chosen {
                let i = options
                    .iter()
                    .position(|o| o == c)
                    .ok_or(RejectReason::UnknownOption)?;
                set |= 1 << i;
            }
            Ok(Checked::Options(set))
        }
        (QuestionKind::Text, Answer::Text(_)) => Ok(Checked::Text),
        (_, Answer::Score(s)) => {
            let (min, max) = kind.score_range().ok_or(RejectReason::WrongKind)?;
            u8::try_from(*s)
                .ok()
                .filter(|s| (min..=max).contains(s))
                .map(Checked::Score)
                .ok_or(RejectReason::OutOfRange)
        }
        _ => Err(RejectReason::WrongKind),
    }
}

/// What a question accepts, for error messages.
pub(crate) fn valid_answers(question: &Question) -> String {
    let kind = question.kind();
    if let Some((min, max)) = kind.score_range() {
        return format!(
            "{} score {min}..={max}, skipped or not applicable",
            kind.name()
        );
    }
    match kind {
        QuestionKind::Binary => "yes or no".into(),
        QuestionKind::SingleChoice { options } => format!("one of {}", options.join(", ")),
        QuestionKind::MultiSelect { options } => format!("any of {}", options.join(", ")),
        _ => "text, skipped or not applicable".into(),
    }
}

impl Aggregator for Scorecard {
    type Input = Response;
    type Summary = ScorecardSummary;
    type Error = ResponseError;

    /// As [`Scorecard::try_push`]: a refused response is returned to the caller, never dropped
    /// silently, and changes nothing.
    fn record(&mut self, response: Response) -> Result<(), ResponseError> {
        self.try_push(&response)
    }

    fn check(&self, response: &Response) -> Result<(), ResponseError> {
        self.check_survey(response)?;
        match self.mode {
            ValidationMode::Strict => self.check_all(response),
            ValidationMode::Lenient => Ok(()),
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("survey", &self.survey, &other.survey, |x| {
            Setting::Id(x.id().to_owned())
        })?;
        same("validation mode", self.mode, other.mode, |x| {
            Setting::Named(x.name())
        })?;
        check_merge_total(self.responses, other.responses)?;
        // Merge into copies, so that a failure half-way leaves `self` unchanged.
        let mut tallies = self.tallies.clone();
        for (mine, theirs) in tallies.iter_mut().zip(&other.tallies) {
            mine.merge(theirs)?;
        }
        let mut counts = self.counts.clone();
        for (mine, theirs) in counts.iter_mut().zip(&other.counts) {
            mine.merge(theirs)?;
        }
        let mut unknown = self.unknown_questions.clone();
        for (id, &n) in &other.unknown_questions {
            let count = unknown.entry(id.clone()).or_insert(0);
            check_merge_total(*count, n)?;
            *count += n;
        }
        self.tallies = tallies;
        self.counts = counts;
        self.unknown_questions = unknown;
        self.responses += other.responses;
        self.all_required += other.all_required;
        Ok(())
    }

    fn summary(&self) -> Option<ScorecardSummary> {
        (self.responses > 0).then(|| ScorecardSummary::new(self.clone()))
    }

    /// Responses recorded (refused ones are not).
    fn count(&self) -> u64 {
        self.responses
    }
}
