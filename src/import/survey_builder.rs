//! [`SurveyImportBuilder`]: a survey export's mapping, checked against the survey once.

use crate::survey::{Answer, Question, QuestionKind, Survey};
use crate::survey::{check_answer, valid_answers};

use super::answers::{Markers, Recode, trimmed};
use super::error::ImportError;
use super::layout::{Column, Preset, check_limits};
use super::source::DEFAULT_MAX_CELL;
use super::summary::DEFAULT_KEEP;
use super::survey::{Completion, Mapped, Submitted, SurveyImport};
use super::time::TimeFormat;
use crate::calendar::Zone;

/// Builds a [`SurveyImport`]; every check happens in [`build`](Self::build).
#[derive(Debug, Clone)]
#[must_use]
pub struct SurveyImportBuilder {
    survey: Survey,
    preset: Preset,
    header_rows: Option<usize>,
    respondent: Option<Column>,
    submitted: Option<(Column, TimeFormat)>,
    attributes: Vec<(Column, String)>,
    columns: Vec<(Column, String)>,
    recodes: Vec<(String, Vec<(String, Answer)>)>,
    choice_numbers: Vec<String>,
    markers: Markers,
    completion: Option<Completion>,
    max_cell: usize,
    keep: usize,
}

impl SurveyImport {
    /// Starts a mapping onto `survey` (one-header layout, cells `""` skipped, no
    /// not-applicable marker, 1 MiB cells, 100 refused cells kept).
    pub fn builder(survey: &Survey) -> SurveyImportBuilder {
        SurveyImportBuilder {
            survey: survey.clone(),
            preset: Preset::OneHeader,
            header_rows: None,
            respondent: None,
            submitted: None,
            attributes: Vec::new(),
            columns: Vec::new(),
            recodes: Vec::new(),
            choice_numbers: Vec::new(),
            markers: Markers::default(),
            completion: None,
            max_cell: DEFAULT_MAX_CELL,
            keep: DEFAULT_KEEP,
        }
    }
}

impl SurveyImportBuilder {
    /// The export's layout ([`Preset`]): header rows, and the tool's usual respondent,
    /// submission and completion columns unless named otherwise.
    pub fn preset(mut self, preset: Preset) -> Self {
        self.preset = preset;
        self
    }

    /// Header rows before the first response, overriding the preset's (1 to 16). Columns are
    /// named by the first.
    pub fn header_rows(mut self, rows: usize) -> Self {
        self.header_rows = Some(rows);
        self
    }

    /// The respondent-id column. Without one (and no preset default) a response's id is its
    /// row, `"row 7"`.
    pub fn respondent(mut self, column: impl Into<Column>) -> Self {
        self.respondent = Some(column.into());
        self
    }

    /// The submission-time column and how it writes instants.
    pub fn submitted(mut self, column: impl Into<Column>, format: TimeFormat) -> Self {
        self.submitted = Some((column.into(), format));
        self
    }

    /// Keeps a column as a response attribute named `key` (a channel or plan, for
    /// segmenting).
    pub fn attribute(mut self, column: impl Into<Column>, key: impl Into<String>) -> Self {
        self.attributes.push((column.into(), key.into()));
        self
    }

    /// Reads `question`'s answers from `column`. A multi-select question may take several
    /// columns (one per option, holding the option's text when chosen) or one column of
    /// choices separated by [`separator`](Self::separator); a name several columns share
    /// maps them all to a multi-select question.
    pub fn column(mut self, column: impl Into<Column>, question: impl Into<String>) -> Self {
        self.columns.push((column.into(), question.into()));
        self
    }

    /// Cell values that mean "skipped" (trimmed, ASCII case ignored), replacing the default
    /// `[""]`: e.g. `["", "-99"]` for an export that writes -99 for "seen, not answered".
    pub fn skipped<S: AsRef<str>>(mut self, values: &[S]) -> Self {
        self.markers.skipped = trimmed(values);
        self
    }

    /// Cell values that mean "not applicable" (none by default), e.g. `["n/a", "Does not apply"]`.
    pub fn not_applicable<S: AsRef<str>>(mut self, values: &[S]) -> Self {
        self.markers.not_applicable = trimmed(values);
        self
    }

    /// What separates the choices of a multi-select cell (`,` by default).
    pub fn separator(mut self, separator: char) -> Self {
        self.markers.separator = separator;
        self
    }

    /// Reads these exact cell values (trimmed) of `question` as these answers: choice text to
    /// an option (`("Billing question", Answer::Choice("billing".into()))`), rating text or
    /// recode numbers to scores, a tool's own yes/no codes. Checked against the question when
    /// the import is built. Without a recode a choice cell must be the option (ASCII case
    /// ignored), a rating cell a number or one of the question's labels, a yes/no cell
    /// yes/no, true/false, y/n or 1/0.
    pub fn recode<S: Into<String>>(
        mut self,
        question: impl Into<String>,
        values: impl IntoIterator<Item = (S, Answer)>,
    ) -> Self {
        let values = values
            .into_iter()
            .map(|(s, a)| (s.into().trim().to_owned(), a));
        self.recodes.push((question.into(), values.collect()));
        self
    }

    /// Reads `question`'s choice cells holding a number k as its k-th declared option
    /// (1-based), as Qualtrics' "numeric values" download writes them.
    pub fn choice_numbers(mut self, question: impl Into<String>) -> Self {
        self.choice_numbers.push(question.into());
        self
    }

    /// Skips rows whose `column` flag is false (True/False, 1/0) as abandoned, instead of the
    /// preset's rule.
    pub fn finished(mut self, column: impl Into<Column>) -> Self {
        self.completion = Some(Completion::Flag(column.into()));
        self
    }

    /// Imports rows the export marks as abandoned too (Qualtrics' are skipped by default).
    pub fn include_abandoned(mut self) -> Self {
        self.completion = Some(Completion::All);
        self
    }

    /// The longest cell, in bytes (1 MiB by default); a longer one is refused, and a record
    /// longer than eight such cells stops the import.
    pub fn max_cell_bytes(mut self, bytes: usize) -> Self {
        self.max_cell = bytes;
        self
    }

    /// How many refused cells the summary keeps (100 by default); all are counted.
    pub fn keep_refused(mut self, cells: usize) -> Self {
        self.keep = cells;
        self
    }

    /// Validates the mapping against the survey.
    ///
    /// # Errors
    ///
    /// [`ImportError::Setting`]: a mapped, recoded or numbered question the survey does not
    /// have; a question mapped twice (only a multi-select question may take several columns);
    /// a required question without a column; a recode the question would refuse; choice
    /// numbers for a question without options; column number 0; header rows outside 1..=16;
    /// a cell limit of 0; no submission column for a preset without a default.
    pub fn build(self) -> Result<SurveyImport, ImportError> {
        let survey = &self.survey;
        let known = |id: &str| {
            survey.position(id).ok_or_else(|| {
                let ids: Vec<&str> = survey.questions().iter().map(Question::id).collect();
                ImportError::setting(format!(
                    "question {id:?} is not in survey {:?}: valid questions are {}",
                    survey.id(),
                    ids.join(", ")
                ))
            })
        };
        let header_rows = self.header_rows.unwrap_or(self.preset.header_rows());
        let columns = self
            .columns
            .iter()
            .map(|(c, _)| c)
            .chain(self.attributes.iter().map(|(c, _)| c))
            .chain(self.respondent.iter())
            .chain(self.submitted.iter().map(|(c, _)| c));
        check_limits(header_rows, self.max_cell, columns)?;
        let mut questions: Vec<Mapped> = Vec::new();
        for (column, id) in &self.columns {
            let index = known(id)?;
            match questions.iter_mut().find(|m| m.index == index) {
                None => questions.push(Mapped {
                    index,
                    columns: vec![column.clone()],
                    recode: Recode::default(),
                }),
                Some(m)
                    if matches!(
                        survey.questions()[index].kind(),
                        QuestionKind::MultiSelect { .. }
                    ) =>
                {
                    m.columns.push(column.clone());
                }
                Some(_) => {
                    return Err(ImportError::setting(format!(
                        "question {id:?} is mapped to two columns: only a multi-select question \
                         may take several"
                    )));
                }
            }
        }
        if let Some(q) = survey.questions().iter().find(|q| {
            q.is_required() && !questions.iter().any(|m| survey.questions()[m.index] == **q)
        }) {
            return Err(ImportError::setting(format!(
                "required question {:?} has no column: map it with .column(..., {:?})",
                q.id(),
                q.id()
            )));
        }
        let mapped = |id: &str, questions: &mut Vec<Mapped>| -> Result<usize, ImportError> {
            let index = known(id)?;
            questions
                .iter()
                .position(|m| m.index == index)
                .ok_or_else(|| {
                    ImportError::setting(format!("question {id:?} is recoded but has no column"))
                })
        };
        for (id, values) in self.recodes {
            let at = mapped(&id, &mut questions)?;
            let question = &survey.questions()[questions[at].index];
            for (text, answer) in &values {
                if let Err(reason) = check_answer(question, answer) {
                    return Err(ImportError::setting(format!(
                        "recode {text:?} of question {id:?} is refused ({reason}): valid values \
                         are {}",
                        valid_answers(question)
                    )));
                }
            }
            questions[at].recode.values.extend(values);
        }
        for id in &self.choice_numbers {
            let at = mapped(id, &mut questions)?;
            if survey.questions()[questions[at].index]
                .kind()
                .options()
                .is_none()
            {
                return Err(ImportError::setting(format!(
                    "question {id:?} has no options to number: choice numbers are for choice \
                     questions"
                )));
            }
            questions[at].recode.choice_numbers = true;
        }
        questions.sort_by_key(|m| m.index);
        let submitted = match (self.submitted, self.preset) {
            (Some((column, format)), _) => Submitted::Column(column, format),
            (None, Preset::Qualtrics) => Submitted::QualtricsRecorded,
            (None, Preset::SurveyMonkey) => {
                Submitted::Column("End Date".into(), TimeFormat::UsLocal(Zone::utc()))
            }
            (None, Preset::Typeform) => {
                Submitted::Column("Submit Date (UTC)".into(), TimeFormat::Local(Zone::utc()))
            }
            (None, _) => {
                return Err(ImportError::setting(
                    "no submission time: name its column with .submitted(column, format)",
                ));
            }
        };
        let completion = self.completion.unwrap_or(match self.preset {
            Preset::Qualtrics => Completion::Qualtrics,
            _ => Completion::All,
        });
        Ok(SurveyImport {
            survey: self.survey,
            preset: self.preset,
            header_rows,
            respondent: self.respondent,
            submitted,
            attributes: self.attributes,
            questions,
            markers: self.markers,
            completion,
            max_cell: self.max_cell,
            keep: self.keep,
        })
    }
}
