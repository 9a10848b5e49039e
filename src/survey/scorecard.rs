//! The scorecard: every question's aggregator, fed from whole responses in one pass.

use std::collections::BTreeMap;
use std::fmt;

use crate::aggregator::Aggregator;
use crate::error::{MergeError, RejectReason, ResponseError};
use crate::metrics::ces::{Ces, CesSummary};
use crate::metrics::choice::{OptionCounts, OptionSummary};
use crate::metrics::csat::{Csat, CsatSummary};
use crate::metrics::nps::{Nps, NpsSummary};
use crate::metrics::proportion::{Proportion, ProportionSummary};
use crate::scale::{NpsScore, Rating};

use super::definition::Survey;
use super::question::{Question, QuestionKind};
use super::response::{Answer, Response};

/// What happens to a response with a bad answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ValidationMode {
    /// The whole response is rejected and nothing of it is recorded
    /// ([`Scorecard::try_push`] says why; [`Aggregator::push`] counts it as rejected).
    #[default]
    Strict,
    /// Valid answers are recorded; each rejected answer is counted by question and reason.
    Lenient,
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
                Self::Choice(OptionCounts::new(options.len()))
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
                    .unwrap_or(crate::CesScale::AGREEMENT_7),
            )),
            QuestionKind::Ces(scale) => Self::Scale(Ces::new(*scale)),
            QuestionKind::Nps => Self::Nps(Nps::default()),
            QuestionKind::Text => Self::Text(0),
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
                    limit: crate::MAX_COUNT,
                })?;
                Ok(())
            }
            (a, b) => Err(MergeError::ConfigurationMismatch {
                setting: "question kind",
                left: format!("{a:?}"),
                right: format!("{b:?}"),
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
/// ```
/// use satisfaction::{Aggregator, Answer, Question, RatingScale, Response, Scorecard, Survey};
///
/// let survey = Survey::builder("pulse")
///     .question(Question::nps("nps").required())
///     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
///     .question(Question::binary("resolved"))
///     .build()?;
/// let mut card = Scorecard::lenient(&survey);
/// card.push(Response::new("pulse", "a", 1_764_000_000)?
///     .answer("nps", Answer::Score(10))
///     .answer("csat", Answer::Score(5))
///     .answer("resolved", Answer::Yes));
/// card.push(Response::new("pulse", "b", 1_764_000_100)?
///     .answer("nps", Answer::Score(6))
///     .answer("csat", Answer::Score(0)) // an export's "not rated": rejected, counted
///     .answer("resolved", Answer::NotApplicable));
/// let summary = card.summary().unwrap();
/// assert_eq!(summary.responses(), 2);
/// assert_eq!(summary.question("nps").unwrap().nps().unwrap().score(), 0.0);
/// assert_eq!(summary.question("csat").unwrap().rejected(), 1);
/// assert_eq!(summary.question("resolved").unwrap().not_applicable(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// State: `size_of::<Scorecard>() == 152` bytes, plus the survey definition and one small aggregator per question; recording a bounded-scale answer never allocates.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ScorecardState", into = "ScorecardState")
)]
pub struct Scorecard {
    survey: Survey,
    mode: ValidationMode,
    tallies: Vec<Tally>,
    counts: Vec<QuestionCounts>,
    responses: u64,
    complete: u64,
    rejected_responses: u64,
    /// Answers to question ids the survey does not have (lenient mode), by id.
    unknown_questions: BTreeMap<String, u64>,
}

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
            complete: 0,
            rejected_responses: 0,
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
        if response.survey() != self.survey.id() {
            return Err(ResponseError::WrongSurvey {
                respondent: response.respondent().to_owned(),
                expected: self.survey.id().to_owned(),
                found: response.survey().to_owned(),
            });
        }
        match self.mode {
            ValidationMode::Strict => {
                self.check_all(response)?;
                self.record(response);
            }
            ValidationMode::Lenient => self.record(response),
        }
        Ok(())
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
    fn record(&mut self, response: &Response) {
        let mut seen = [0u64; 4];
        let mut answered = 0usize;
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
                        answered += 1;
                    }
                    self.apply(i, checked);
                }
                Err(reason) => self.reject(i, reason),
            }
        }
        for i in 0..self.survey.questions().len() {
            let q = &self.survey.questions()[i];
            if q.is_required() && !answered_in(response, q.id()) {
                self.reject(i, RejectReason::MissingRequired);
            }
        }
        self.responses = self.responses.saturating_add(1);
        if answered == self.survey.questions().len() {
            self.complete = self.complete.saturating_add(1);
        }
    }

    fn apply(&mut self, i: usize, checked: Checked) {
        let counts = &mut self.counts[i];
        match (checked, &mut self.tallies[i]) {
            (Checked::Skipped, _) => counts.skipped = counts.skipped.saturating_add(1),
            (Checked::NotApplicable, _) => {
                counts.not_applicable = counts.not_applicable.saturating_add(1);
            }
            (Checked::Bool(yes), Tally::Binary(p)) => p.push(yes),
            (Checked::Options(set), Tally::Choice(o)) => o.push(set),
            (Checked::Score(s), Tally::Rating(c)) => {
                if let Ok(r) = Rating::new(c.scale(), s) {
                    c.push(r);
                }
            }
            (Checked::Score(s), Tally::Scale(c)) => {
                if let Ok(r) = c.scale().rating(s) {
                    c.push(r);
                }
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
fn valid_answers(question: &Question) -> String {
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

    /// Records a response; a response [`try_push`](Scorecard::try_push) would refuse is
    /// counted in [`ScorecardSummary::rejected_responses`], never dropped silently.
    fn push(&mut self, response: Response) {
        if self.try_push(&response).is_err() {
            self.rejected_responses = self.rejected_responses.saturating_add(1);
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.survey != other.survey {
            return Err(MergeError::ConfigurationMismatch {
                setting: "survey",
                left: self.survey.id().to_owned(),
                right: other.survey.id().to_owned(),
            });
        }
        if self.mode != other.mode {
            return Err(MergeError::ConfigurationMismatch {
                setting: "validation mode",
                left: format!("{:?}", self.mode),
                right: format!("{:?}", other.mode),
            });
        }
        crate::aggregator::check_merge_total(self.responses, other.responses)?;
        // Merge into a copy so that a failure half-way leaves `self` unchanged.
        let mut tallies = self.tallies.clone();
        for (mine, theirs) in tallies.iter_mut().zip(&other.tallies) {
            mine.merge(theirs)?;
        }
        self.tallies = tallies;
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            mine.skipped = mine.skipped.saturating_add(theirs.skipped);
            mine.not_applicable = mine.not_applicable.saturating_add(theirs.not_applicable);
            for (a, b) in mine.rejected.iter_mut().zip(theirs.rejected) {
                *a = a.saturating_add(b);
            }
        }
        self.responses += other.responses;
        self.complete += other.complete;
        self.rejected_responses = self
            .rejected_responses
            .saturating_add(other.rejected_responses);
        for (id, n) in &other.unknown_questions {
            let count = self.unknown_questions.entry(id.clone()).or_insert(0);
            *count = count.saturating_add(*n);
        }
        Ok(())
    }

    fn summary(&self) -> Option<ScorecardSummary> {
        (self.responses > 0).then(|| ScorecardSummary { card: self.clone() })
    }

    /// Responses recorded (rejected ones are not).
    fn count(&self) -> u64 {
        self.responses
    }
}

impl Extend<Response> for Scorecard {
    fn extend<I: IntoIterator<Item = Response>>(&mut self, responses: I) {
        for r in responses {
            self.push(r);
        }
    }
}

/// The summary of a [`Scorecard`] with at least one response.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScorecardSummary {
    card: Scorecard,
}

impl ScorecardSummary {
    /// The survey.
    #[must_use]
    pub fn survey(&self) -> &Survey {
        &self.card.survey
    }

    /// Responses recorded.
    #[must_use]
    pub fn responses(&self) -> u64 {
        self.card.responses
    }

    /// Responses that answered every question (not applicable counts as an answer).
    #[must_use]
    pub fn complete(&self) -> u64 {
        self.card.complete
    }

    /// Responses with at least one question skipped or missing.
    #[must_use]
    pub fn partial(&self) -> u64 {
        self.card.responses - self.card.complete
    }

    /// Whole responses refused by [`Aggregator::push`] (strict-mode failures, other surveys).
    #[must_use]
    pub fn rejected_responses(&self) -> u64 {
        self.card.rejected_responses
    }

    /// The response rate for `invited` invitations, from the complete and partial responses.
    ///
    /// # Errors
    ///
    /// As [`ResponseRate::new`](crate::ResponseRate::new): no invitations, or fewer than the
    /// responses.
    pub fn response_rate(&self, invited: u64) -> Result<crate::ResponseRate, crate::IntervalError> {
        crate::ResponseRate::new(invited, self.complete(), self.partial())
    }

    /// Answers (lenient mode) to question ids the survey does not have, by id.
    #[must_use]
    pub fn unknown_questions(&self) -> &BTreeMap<String, u64> {
        &self.card.unknown_questions
    }

    /// One summary per question, in survey order.
    pub fn questions(&self) -> impl Iterator<Item = QuestionSummary<'_>> {
        (0..self.card.tallies.len()).map(|i| QuestionSummary {
            card: &self.card,
            i,
        })
    }

    /// The summary of question `id`.
    #[must_use]
    pub fn question(&self, id: &str) -> Option<QuestionSummary<'_>> {
        let i = self.card.survey.position(id)?;
        Some(QuestionSummary {
            card: &self.card,
            i,
        })
    }
}

/// One question's results within a [`ScorecardSummary`].
#[derive(Debug, Clone, Copy)]
pub struct QuestionSummary<'a> {
    card: &'a Scorecard,
    i: usize,
}

impl<'a> QuestionSummary<'a> {
    /// The question.
    #[must_use]
    pub fn question(&self) -> &'a Question {
        &self.card.survey.questions()[self.i]
    }

    /// Answers recorded (skipped, not applicable and rejected ones excluded).
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.card.tallies[self.i].count()
    }

    /// Answers marked skipped.
    #[must_use]
    pub fn skipped(&self) -> u64 {
        self.card.counts[self.i].skipped
    }

    /// Answers marked not applicable.
    #[must_use]
    pub fn not_applicable(&self) -> u64 {
        self.card.counts[self.i].not_applicable
    }

    /// Rejected answers, all reasons.
    #[must_use]
    pub fn rejected(&self) -> u64 {
        self.card.counts[self.i].rejected.iter().sum()
    }

    /// Rejected answers by reason (only reasons that occurred).
    pub fn rejections(&self) -> impl Iterator<Item = (RejectReason, u64)> + 'a {
        let counts = self.card.counts[self.i].rejected;
        REASONS
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(&r, n)| (r, n))
    }

    /// The yes/no summary of a binary question.
    #[must_use]
    pub fn proportion(&self) -> Option<ProportionSummary> {
        match &self.card.tallies[self.i] {
            Tally::Binary(p) => p.summary(),
            _ => None,
        }
    }

    /// The option summary of a choice question.
    #[must_use]
    pub fn options(&self) -> Option<OptionSummary> {
        match &self.card.tallies[self.i] {
            Tally::Choice(o) => o.summary(),
            _ => None,
        }
    }

    /// The CSAT summary of a rating question.
    #[must_use]
    pub fn csat(&self) -> Option<CsatSummary> {
        match &self.card.tallies[self.i] {
            Tally::Rating(c) => c.summary(),
            _ => None,
        }
    }

    /// The summary of a CES or semantic-differential question.
    #[must_use]
    pub fn ces(&self) -> Option<CesSummary> {
        match &self.card.tallies[self.i] {
            Tally::Scale(c) => c.summary(),
            _ => None,
        }
    }

    /// The NPS summary of an NPS question.
    #[must_use]
    pub fn nps(&self) -> Option<NpsSummary> {
        match &self.card.tallies[self.i] {
            Tally::Nps(n) => n.summary(),
            _ => None,
        }
    }
}

impl fmt::Display for QuestionSummary<'_> {
    /// `id (kind): result; skipped, n/a and rejected counts`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.question())?;
        let result = match &self.card.tallies[self.i] {
            Tally::Binary(p) => p.summary().map(|s| s.to_string()),
            Tally::Choice(o) => o.summary().map(|s| {
                let options = self.question().kind().options().unwrap_or_default();
                let shares: Vec<String> = options
                    .iter()
                    .enumerate()
                    .map(|(k, name)| format!("{name} {:.1}%", 100.0 * s.share(k).unwrap_or(0.0)))
                    .collect();
                format!("{}; n = {}", shares.join(", "), s.respondents())
            }),
            Tally::Rating(c) => c.summary().map(|s| s.to_string()),
            Tally::Scale(c) => c.summary().map(|s| s.to_string()),
            Tally::Nps(n) => n.summary().map(|s| s.to_string()),
            Tally::Text(n) => Some(format!("{n} text answers")),
        };
        f.write_str(result.as_deref().unwrap_or("no answers"))?;
        let (skipped, na, rejected) = (self.skipped(), self.not_applicable(), self.rejected());
        if skipped + na + rejected > 0 {
            write!(f, " [skipped {skipped}, n/a {na}, rejected {rejected}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for ScorecardSummary {
    /// One header line, then one line per question.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "survey {}: {} responses ({} complete, {} partial, {} rejected)",
            self.survey().id(),
            self.responses(),
            self.complete(),
            self.partial(),
            self.rejected_responses()
        )?;
        for q in self.questions() {
            write!(f, "\n  {q}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
mod state {
    use std::collections::BTreeMap;

    use super::{QuestionCounts, Scorecard, Tally, ValidationMode};
    use crate::error::StateError;
    use crate::state::check_version;
    use crate::survey::Survey;

    /// The serialised form of a [`Scorecard`]: its survey, and each question's state.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct ScorecardState {
        version: u32,
        survey: Survey,
        mode: ValidationMode,
        responses: u64,
        complete: u64,
        rejected_responses: u64,
        questions: Vec<(Tally, QuestionCounts)>,
        unknown_questions: BTreeMap<String, u64>,
    }

    impl From<Scorecard> for ScorecardState {
        fn from(c: Scorecard) -> Self {
            Self {
                version: crate::STATE_VERSION,
                survey: c.survey,
                mode: c.mode,
                responses: c.responses,
                complete: c.complete,
                rejected_responses: c.rejected_responses,
                questions: c.tallies.into_iter().zip(c.counts).collect(),
                unknown_questions: c.unknown_questions,
            }
        }
    }

    impl TryFrom<ScorecardState> for Scorecard {
        type Error = StateError;

        fn try_from(s: ScorecardState) -> Result<Self, StateError> {
            check_version(s.version)?;
            let bad = |why: String| StateError::Inconsistent(format!("scorecard: {why}"));
            let empty = Scorecard::new(&s.survey, s.mode);
            if s.questions.len() != empty.tallies.len() {
                return Err(bad(format!(
                    "{} question states for {} questions",
                    s.questions.len(),
                    empty.tallies.len()
                )));
            }
            if s.complete > s.responses || s.responses > crate::MAX_COUNT {
                return Err(bad("more complete responses than responses".into()));
            }
            let mut card = empty;
            for (i, (tally, counts)) in s.questions.into_iter().enumerate() {
                // The question's own empty aggregator must accept it: same kind and settings.
                let mut check = card.tallies[i].clone();
                check
                    .merge(&tally)
                    .map_err(|e| bad(format!("question {i}: {e}")))?;
                // A response records at most one answer per question (repeats are rejected), so
                // recorded answers never outnumber responses.
                let recorded = u128::from(tally.count())
                    + u128::from(counts.skipped)
                    + u128::from(counts.not_applicable);
                if recorded > u128::from(s.responses) {
                    return Err(bad(format!("question {i} has more answers than responses")));
                }
                card.tallies[i] = tally;
                card.counts[i] = counts;
            }
            card.responses = s.responses;
            card.complete = s.complete;
            card.rejected_responses = s.rejected_responses;
            card.unknown_questions = s.unknown_questions;
            Ok(card)
        }
    }
}

#[cfg(feature = "serde")]
use state::ScorecardState;
