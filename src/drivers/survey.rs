//! [`SurveyDrivers`]: a key-driver analysis fed whole survey responses, the outcome and the
//! items named by their question ids, so that an import's `read_with` feeds it directly.

use super::aggregator::{DriverRow, KeyDrivers, KeyDriversBuilder};
use super::error::DriversError;
use super::summary::KeyDriversSummary;
use crate::aggregator::Aggregator;
use crate::error::MergeError;
use crate::survey::{Answer, QuestionKind, Response, Survey};

/// How one question's answer becomes a number.
#[derive(Debug, Clone, PartialEq)]
struct Column {
    id: String,
    /// The scale of a scored question; `None` for yes / no (1 / 0).
    range: Option<(u8, u8)>,
}

impl Column {
    fn of(survey: &Survey, id: &str) -> Result<Self, DriversError> {
        let question = survey
            .position(id)
            .and_then(|i| survey.questions().get(i))
            .ok_or_else(|| DriversError::UnknownQuestion { id: id.to_owned() })?;
        let kind = question.kind();
        let range = match kind {
            QuestionKind::Binary => None,
            _ => Some(kind.score_range().ok_or_else(|| DriversError::NotScored {
                id: id.to_owned(),
                kind: kind.name(),
            })?),
        };
        Ok(Self {
            id: id.to_owned(),
            range,
        })
    }

    /// The answer's value: a score on the question's scale, yes as 1 and no as 0; `None` for
    /// no answer, skipped or not applicable.
    fn value(&self, response: &Response) -> Result<Option<f64>, DriversError> {
        let Some(answer) = response.answer(&self.id) else {
            return Ok(None);
        };
        match (answer, self.range) {
            (Answer::Skipped | Answer::NotApplicable, _) => Ok(None),
            (Answer::Yes, None) => Ok(Some(1.0)),
            (Answer::No, None) => Ok(Some(0.0)),
            (Answer::Score(score), Some((min, max)))
                if (i64::from(min)..=i64::from(max)).contains(score) =>
            {
                Ok(Some(*score as f64))
            }
            (other, _) => Err(DriversError::BadAnswer {
                respondent: response.respondent().to_owned(),
                question: self.id.clone(),
                answer: format!("{other:?}"),
            }),
        }
    }
}

/// A [`KeyDrivers`] over a [`Survey`]: the outcome question (overall satisfaction, NPS) and the
/// item questions by id; each [`Response`] becomes one row, its respondent id the row's key
/// for the bootstrap. Scores are checked against their question's scale, yes / no count as
/// 1 / 0, and skipped, not applicable or missing answers are missing values.
///
/// ```
/// use satisfaction::drivers::SurveyDrivers;
/// use satisfaction::{Aggregator, Answer, Question, RatingScale, Response, Survey};
///
/// let survey = Survey::builder("flight")
///     .question(Question::rating("overall", RatingScale::new(1, 10)?, 8))
///     .question(Question::rating("seat", RatingScale::FIVE_POINT, 4))
///     .question(Question::rating("wifi", RatingScale::FIVE_POINT, 4))
///     .build()?;
/// let mut drivers = SurveyDrivers::new(&survey, "overall", &["seat", "wifi"])?;
/// for (i, (overall, seat, wifi)) in [(8, 4, 3), (9, 5, 4), (4, 2, 2), (7, 4, 2), (5, 3, 1), (9, 4, 5)].into_iter().enumerate() {
///     drivers.record(Response::new("flight", format!("r{i}"), 1_764_000_000)?
///         .with_answer("overall", Answer::Score(overall))
///         .with_answer("seat", Answer::Score(seat))
///         .with_answer("wifi", Answer::Score(wifi)))?;
/// }
/// assert_eq!(drivers.summary().unwrap().n(), 6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyDrivers {
    survey: String,
    outcome: Column,
    items: Vec<Column>,
    drivers: KeyDrivers,
}

impl SurveyDrivers {
    /// An analysis of `outcome` on `items` (question ids of `survey`; the drivers take the
    /// items' ids as names), complete cases, no bootstrap.
    ///
    /// # Errors
    ///
    /// [`DriversError::UnknownQuestion`], [`DriversError::NotScored`] (a choice or text
    /// question), and the errors of [`KeyDrivers::new`].
    pub fn new(survey: &Survey, outcome: &str, items: &[&str]) -> Result<Self, DriversError> {
        Self::with(survey, outcome, KeyDrivers::builder(items))
    }

    /// [`new`](Self::new) with the options of a [`KeyDriversBuilder`] (made with the item ids
    /// as names): pairwise missing answers, bootstrap replicates.
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new).
    pub fn with(
        survey: &Survey,
        outcome: &str,
        builder: KeyDriversBuilder,
    ) -> Result<Self, DriversError> {
        let drivers = builder.build()?;
        let items = drivers
            .names()
            .iter()
            .map(|id| Column::of(survey, id))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            survey: survey.id().to_owned(),
            outcome: Column::of(survey, outcome)?,
            items,
            drivers,
        })
    }

    /// The analysis fed so far.
    #[must_use]
    pub fn drivers(&self) -> &KeyDrivers {
        &self.drivers
    }

    /// The row a response makes.
    fn row(&self, response: &Response) -> Result<DriverRow, DriversError> {
        if response.survey() != self.survey {
            return Err(DriversError::WrongSurvey {
                expected: self.survey.clone(),
                found: response.survey().to_owned(),
            });
        }
        let outcome = self.outcome.value(response)?;
        let values = self
            .items
            .iter()
            .map(|item| item.value(response))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DriverRow::new(outcome, values)?.keyed(response.respondent()))
    }
}

impl Aggregator for SurveyDrivers {
    type Input = Response;
    type Summary = KeyDriversSummary;
    type Error = DriversError;

    /// Records a response: a row of the analysis, or a refusal (another survey, an answer off
    /// its scale) that changes nothing. A response without an outcome is counted as dropped.
    fn record(&mut self, response: Response) -> Result<(), DriversError> {
        let row = self.row(&response)?;
        self.drivers.record(row)
    }

    fn check(&self, response: &Response) -> Result<(), DriversError> {
        self.row(response).map(|_| ())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        crate::error::same("survey", &self.survey, &other.survey, |id| {
            crate::error::Setting::Id(id.clone())
        })?;
        crate::error::same(
            "outcome question",
            &self.outcome.id,
            &other.outcome.id,
            |id| crate::error::Setting::Id(id.clone()),
        )?;
        self.drivers.merge(&other.drivers)
    }

    fn summary(&self) -> Option<KeyDriversSummary> {
        self.drivers.summary()
    }

    fn count(&self) -> u64 {
        self.drivers.count()
    }
}
