//! Survey exports into a [`Scorecard`]: the mapping ([`SurveyImport`], built once and
//! validated against the survey), the row loop, and its account ([`ImportSummary`]).

use std::fmt;
use std::io::Read;

use crate::calendar::Zone;
use crate::survey::{check_answer, valid_answers};
use crate::{Answer, Question, QuestionKind, RejectReason, Response, Scorecard, Survey};

use super::answers::{Markers, Recode, decode, decode_spread, flag, trimmed};
use super::error::{CellProblem, ImportError, RefusedCell};
use super::source::{Column, DEFAULT_MAX_CELL, Header, Preset, Row, Source, check_limits};
use super::time::TimeFormat;

/// Refused cells an [`ImportSummary`] keeps by default (all are counted).
const DEFAULT_KEEP: usize = 100;

/// How a survey export maps onto a [`Survey`]: which columns hold which questions, who
/// responded and when, and how cell text becomes answers. Built once, validated against the
/// survey, then [`read`](Self::read) any number of files.
///
/// See the [module docs](super) for a walk through a Qualtrics export.
///
/// ```
/// use satisfaction::import::SurveyImport;
/// use satisfaction::{Aggregator, Question, Scorecard, Survey};
///
/// let survey = Survey::builder("pulse").question(Question::nps("nps").required()).build()?;
/// let import = SurveyImport::builder(&survey)
///     .respondent("id")
///     .submitted("date", satisfaction::import::TimeFormat::Offset)
///     .column("How likely are you to recommend us?", "nps")
///     .build()?;
/// let file = "id,date,How likely are you to recommend us?\n\
///             a,2026-11-03T10:00:00Z,9\n\
///             b,2026-11-03T11:00:00Z,11\n";
/// let mut card = Scorecard::strict(&survey);
/// let summary = import.read(file.as_bytes(), &mut card)?;
/// assert_eq!((summary.rows(), summary.accepted(), summary.rejected()), (2, 1, 1));
/// assert_eq!(summary.refused()[0].to_string(),
///     "row 3, column 3 \"How likely are you to recommend us?\": \"11\" is refused (value out of range): \
///      valid values are NPS score 0..=10, skipped or not applicable");
/// assert_eq!(card.count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyImport {
    survey: Survey,
    preset: Preset,
    header_rows: usize,
    respondent: Option<Column>,
    submitted: Submitted,
    attributes: Vec<(Column, String)>,
    /// One entry per mapped question, in survey order: its columns and how to read them.
    questions: Vec<Mapped>,
    markers: Markers,
    completion: Completion,
    max_cell: usize,
    keep: usize,
}

/// One mapped question.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mapped {
    /// Its position in the survey.
    index: usize,
    columns: Vec<Column>,
    recode: Recode,
}

/// Where the submission time comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Submitted {
    Column(Column, TimeFormat),
    /// Qualtrics' `RecordedDate`, a local time in the zone its import-id cell names.
    QualtricsRecorded,
}

/// Which rows count as unfinished.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Completion {
    /// Every row is a response.
    All,
    /// Qualtrics: `Finished` if the file has it, else `Progress`.
    Qualtrics,
    /// Rows whose flag column is false.
    Flag(Column),
}

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

    /// The survey.
    #[must_use]
    pub fn survey(&self) -> &Survey {
        &self.survey
    }

    /// Reads an export from `input` into `card`, streaming row by row.
    ///
    /// Each row becomes a [`Response`] and goes to the scorecard, which decides as it always
    /// does: in strict mode a response with any refused cell is refused whole (nothing of it
    /// is recorded); in lenient mode its good answers are recorded and the bad ones counted
    /// by the scorecard. Every refused cell is in the summary with its row, column, value and
    /// reason; unfinished rows (Qualtrics) are counted and skipped.
    ///
    /// # Errors
    ///
    /// [`ImportError`] for what stops the whole import: a scorecard for another survey, a
    /// header that is missing or of the wrong form, a mapped column the file lacks or has
    /// twice, a header cell that is not UTF-8, a record past the size limit, a read error.
    /// What was recorded before a record-size or read error stays recorded.
    pub fn read<R: Read>(
        &self,
        input: R,
        card: &mut Scorecard,
    ) -> Result<ImportSummary, ImportError> {
        self.read_with(input, card, |_| {})
    }

    /// [`read`](Self::read), calling `each` with every response the scorecard accepted (to
    /// route it to per-segment scorecards, or keep its comments).
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use satisfaction::import::{SurveyImport, TimeFormat};
    /// use satisfaction::{Aggregator, Question, Scorecard, Survey};
    ///
    /// let survey = Survey::builder("pulse").question(Question::nps("nps")).build()?;
    /// let import = SurveyImport::builder(&survey)
    ///     .submitted("date", TimeFormat::Offset)
    ///     .attribute("channel", "channel")
    ///     .column("nps", "nps")
    ///     .build()?;
    /// let file = "date,channel,nps\n2026-11-03T10:00:00Z,chat,9\n2026-11-03T11:00:00Z,email,3\n";
    /// let mut all = Scorecard::lenient(&survey);
    /// let mut by_channel: BTreeMap<String, Scorecard> = BTreeMap::new();
    /// import.read_with(file.as_bytes(), &mut all, |response| {
    ///     let channel = response.attribute_value("channel").unwrap_or("none").to_owned();
    ///     let card = by_channel.entry(channel).or_insert_with(|| Scorecard::lenient(&survey));
    ///     card.try_push(response).expect("accepted by a scorecard of the same survey and mode");
    /// })?;
    /// assert_eq!(by_channel["chat"].count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`read`](Self::read).
    pub fn read_with<R: Read>(
        &self,
        input: R,
        card: &mut Scorecard,
        mut each: impl FnMut(&Response),
    ) -> Result<ImportSummary, ImportError> {
        if card.survey() != &self.survey {
            return Err(ImportError::setting(format!(
                "the scorecard is for survey {:?}, this import for survey {:?}",
                card.survey().id(),
                self.survey.id()
            )));
        }
        let fill_names = self.preset == Preset::SurveyMonkey;
        let mut source = Source::open(input, self.header_rows, fill_names, self.max_cell)?;
        self.preset.check(source.header())?;
        let plan = self.plan(source.header())?;
        let strict = card.mode() == crate::ValidationMode::Strict;
        let mut summary = ImportSummary::new(self.keep);
        let mut refused = Vec::new();
        while let Some(row) = source.next_row() {
            let row = row?;
            summary.rows += 1;
            refused.clear();
            let outcome = self.response(&plan, &row, strict, &mut refused);
            match outcome {
                Outcome::Unfinished => summary.unfinished += 1,
                Outcome::Refused => summary.reject(&mut refused),
                Outcome::Response(_) if strict && !refused.is_empty() => {
                    summary.reject(&mut refused);
                }
                Outcome::Response(response) => match card.try_push(&response) {
                    Ok(()) => {
                        summary.accepted += 1;
                        summary.answers_dropped += refused.len() as u64;
                        summary.refuse(&mut refused);
                        each(&response);
                    }
                    // Every answer passed the scorecard's own check above, so this is a
                    // response-level refusal the mapping did not foresee; report, go on.
                    Err(err) => {
                        refused.push(row.refuse(
                            0,
                            response.respondent(),
                            CellProblem::Invalid {
                                expected: "a response the scorecard accepts".into(),
                                reason: err.to_string(),
                            },
                        ));
                        summary.reject(&mut refused);
                    }
                },
            }
        }
        Ok(summary)
    }

    /// Resolves the mapping against a file's header.
    fn plan(&self, header: &Header) -> Result<Plan, ImportError> {
        let respondent = match (&self.respondent, self.preset) {
            (Some(column), _) => Some(header.find(column)?),
            (None, Preset::Qualtrics) => Some(header.find(&"ResponseId".into())?),
            (None, Preset::SurveyMonkey) => Some(header.find(&"Respondent ID".into())?),
            (None, Preset::Typeform) => Some(header.find(&"#".into())?),
            (None, _) => None,
        };
        let submitted = match &self.submitted {
            Submitted::Column(column, format) => (header.find(column)?, format.clone()),
            Submitted::QualtricsRecorded => {
                let i = header.find(&"RecordedDate".into())?;
                (i, TimeFormat::Local(qualtrics_zone(header, i)?))
            }
        };
        let completion = match &self.completion {
            Completion::All => None,
            Completion::Flag(column) => Some((header.find(column)?, Progress::Flag)),
            Completion::Qualtrics => match header.find(&"Finished".into()) {
                Ok(i) => Some((i, Progress::Flag)),
                Err(_) => header
                    .find(&"Progress".into())
                    .ok()
                    .map(|i| (i, Progress::Percent)),
            },
        };
        let attributes = self
            .attributes
            .iter()
            .map(|(column, key)| Ok((header.find(column)?, key.clone())))
            .collect::<Result<_, ImportError>>()?;
        let questions = self
            .questions
            .iter()
            .map(|mapped| {
                let multi = matches!(
                    self.survey.questions()[mapped.index].kind(),
                    QuestionKind::MultiSelect { .. }
                );
                let mut columns = Vec::new();
                for column in &mapped.columns {
                    // A multi-select question takes every column of its name (SurveyMonkey's
                    // option columns); any other question needs exactly one.
                    if multi {
                        columns.extend(header.find_all(column)?);
                    } else {
                        columns.push(header.find(column)?);
                    }
                }
                Ok(columns)
            })
            .collect::<Result<_, ImportError>>()?;
        Ok(Plan {
            respondent,
            submitted,
            completion,
            attributes,
            questions,
        })
    }

    /// One row as a response, its refused cells pushed to `refused`.
    fn response(
        &self,
        plan: &Plan,
        row: &Row<'_>,
        strict: bool,
        refused: &mut Vec<RefusedCell>,
    ) -> Outcome {
        if let Some(cell) = row.ragged() {
            refused.push(cell);
            return Outcome::Refused;
        }
        if let Some((i, progress)) = plan.completion {
            match row.text(i).map(|text| progress.finished(text)) {
                Ok(Some(true)) => {}
                Ok(Some(false)) => return Outcome::Unfinished,
                Ok(None) => {
                    let text = row.text(i).unwrap_or_default();
                    refused.push(row.refuse(i, text, progress.problem()));
                    return Outcome::Refused;
                }
                Err(cell) => {
                    refused.push(cell);
                    return Outcome::Refused;
                }
            }
        }
        // Who and when: without them there is no response, in either mode.
        let respondent = match plan.respondent {
            None => Ok(format!("row {}", row.line())),
            Some(i) => row.text(i).and_then(|text| match text.trim() {
                "" => Err(row.refuse(i, text, CellProblem::Empty)),
                id => Ok(id.to_owned()),
            }),
        };
        let (i, format) = &plan.submitted;
        let submitted = row.text(*i).and_then(|text| {
            format
                .parse_in(text, None)
                .map_err(|problem| row.refuse(*i, text, problem))
        });
        let (respondent, submitted) = match (respondent, submitted) {
            (Ok(r), Ok(s)) => (r, s),
            (r, s) => {
                refused.extend(r.err());
                refused.extend(s.err());
                return Outcome::Refused;
            }
        };
        let Ok(mut response) = Response::new(self.survey.id(), respondent, submitted) else {
            // The id is non-empty and the time in range: both were checked above.
            return Outcome::Refused;
        };
        for (i, key) in &plan.attributes {
            match row.text(*i) {
                Ok(value) => response = response.attribute(key.clone(), value.trim()),
                Err(cell) => refused.push(cell),
            }
        }
        for (mapped, columns) in self.questions.iter().zip(&plan.questions) {
            let question = &self.survey.questions()[mapped.index];
            let Some(answer) = self.answer(question, mapped, columns, row, refused) else {
                continue;
            };
            let problem = match check_answer(question, &answer) {
                Err(reason) => Some(reason),
                Ok(()) if question.is_required() && answer == Answer::Skipped => {
                    Some(RejectReason::MissingRequired)
                }
                Ok(()) => None,
            };
            if let Some(reason) = problem {
                let first = columns.first().copied().unwrap_or_default();
                let text = row.text(first).unwrap_or_default();
                refused.push(row.refuse(
                    first,
                    text,
                    CellProblem::Answer {
                        reason,
                        valid: valid_answers(question),
                    },
                ));
                if strict {
                    continue;
                }
            }
            // Lenient mode passes refused answers on, so that the scorecard counts them by
            // question and reason as it counts any bad answer.
            response = response.answer(question.id(), answer);
        }
        Outcome::Response(response)
    }

    /// The answer of one mapped question, or `None` when a cell could not be read as text.
    fn answer(
        &self,
        question: &Question,
        mapped: &Mapped,
        columns: &[usize],
        row: &Row<'_>,
        refused: &mut Vec<RefusedCell>,
    ) -> Option<Answer> {
        let mut texts = Vec::with_capacity(columns.len());
        for &i in columns {
            match row.text(i) {
                Ok(text) => texts.push(text),
                Err(cell) => {
                    refused.push(cell);
                    return None;
                }
            }
        }
        Some(match texts[..] {
            [text] => decode(question, &mapped.recode, &self.markers, text),
            _ => decode_spread(question, &mapped.recode, &self.markers, texts.into_iter()),
        })
    }
}

/// The zone of Qualtrics' `RecordedDate`, from its import-id cell
/// (`{"ImportId":"recordedDate","timeZone":"America/Denver"}`).
fn qualtrics_zone(header: &Header, column: usize) -> Result<Zone, ImportError> {
    let cell = header.cell(2, column);
    let wrong = |expected: &str| ImportError::Header {
        row: header.line(2),
        column: column + 1,
        found: cell.chars().take(60).collect(),
        expected: expected.to_owned(),
    };
    let name = cell
        .split_once("\"timeZone\":\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(name, _)| name)
        .ok_or_else(|| {
            wrong(
                "an import id with a time zone, {\"ImportId\":\"recordedDate\",\"timeZone\":\"...\"} \
                 (or name the column and its format with .submitted)",
            )
        })?;
    match name {
        "Z" | "UTC" => Ok(Zone::utc()),
        name => Zone::named(name).map_err(|e| wrong(&e.to_string())),
    }
}

/// A mapping resolved against one file's header: column positions, 0-based.
#[derive(Debug)]
struct Plan {
    respondent: Option<usize>,
    submitted: (usize, TimeFormat),
    completion: Option<(usize, Progress)>,
    attributes: Vec<(usize, String)>,
    /// The columns of each mapped question, in the order of `SurveyImport::questions`.
    questions: Vec<Vec<usize>>,
}

/// How a completion column says a row is finished.
#[derive(Debug, Clone, Copy)]
enum Progress {
    /// True / False (Qualtrics' `Finished`; also 1 / 0).
    Flag,
    /// A percentage; finished at 100.
    Percent,
}

impl Progress {
    /// Whether `text` says finished; `None` when it is neither.
    fn finished(self, text: &str) -> Option<bool> {
        let text = text.trim();
        match self {
            Self::Flag => flag(text),
            Self::Percent => text
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= 100)
                .map(|p| p == 100),
        }
    }

    fn problem(self) -> CellProblem {
        CellProblem::Invalid {
            expected: match self {
                Self::Flag => "a completion flag (True or False, 1 or 0)",
                Self::Percent => "a progress percentage 0..=100",
            }
            .to_owned(),
            reason: String::new(),
        }
    }
}

/// What became of one row.
enum Outcome {
    /// A response to record (its refused cells, if any, are beside it).
    Response(Response),
    /// Refused whole.
    Refused,
    /// Skipped as unfinished.
    Unfinished,
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

    /// Skips rows whose `column` flag is false (True/False, 1/0) as unfinished, instead of
    /// the preset's rule.
    pub fn finished(mut self, column: impl Into<Column>) -> Self {
        self.completion = Some(Completion::Flag(column.into()));
        self
    }

    /// Imports unfinished rows too (Qualtrics skips them by default).
    pub fn include_unfinished(mut self) -> Self {
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

/// The account of one import: rows read, responses accepted and rejected, unfinished rows
/// skipped, and the refused cells (all counted, the first ones kept).
///
/// In strict mode `accepted + rejected + unfinished == rows`; a rejected response has at
/// least one refused cell. In lenient mode only a row without a respondent or submission
/// time, a ragged row, or a bad completion cell is rejected; other refused cells are answers
/// dropped from accepted responses ([`answers_dropped`](Self::answers_dropped)), which the
/// scorecard counts by question and reason too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    rows: u64,
    accepted: u64,
    rejected: u64,
    unfinished: u64,
    refused_cells: u64,
    answers_dropped: u64,
    refused: Vec<RefusedCell>,
    keep: usize,
}

impl ImportSummary {
    fn new(keep: usize) -> Self {
        Self {
            rows: 0,
            accepted: 0,
            rejected: 0,
            unfinished: 0,
            refused_cells: 0,
            answers_dropped: 0,
            refused: Vec::new(),
            keep,
        }
    }

    /// Counts `cells` and keeps them while there is room.
    fn refuse(&mut self, cells: &mut Vec<RefusedCell>) {
        self.refused_cells += cells.len() as u64;
        let room = self.keep.saturating_sub(self.refused.len());
        self.refused.extend(cells.drain(..).take(room));
    }

    /// A response refused whole, for `cells`.
    fn reject(&mut self, cells: &mut Vec<RefusedCell>) {
        self.rejected += 1;
        self.refuse(cells);
    }

    /// Data rows read (header rows not included).
    #[must_use]
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Responses the scorecard recorded.
    #[must_use]
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// Responses refused whole.
    #[must_use]
    pub fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Rows skipped as unfinished.
    #[must_use]
    pub fn unfinished(&self) -> u64 {
        self.unfinished
    }

    /// Refused cells, all of them.
    #[must_use]
    pub fn refused_cells(&self) -> u64 {
        self.refused_cells
    }

    /// Refused cells of accepted responses (lenient mode): the answers left out.
    #[must_use]
    pub fn answers_dropped(&self) -> u64 {
        self.answers_dropped
    }

    /// The first refused cells, in file order (100 unless
    /// [`keep_refused`](SurveyImportBuilder::keep_refused) said otherwise).
    #[must_use]
    pub fn refused(&self) -> &[RefusedCell] {
        &self.refused
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} rows read: {} responses accepted, {} rejected, {} unfinished skipped; {} cells refused",
            self.rows, self.accepted, self.rejected, self.unfinished, self.refused_cells
        )?;
        if self.answers_dropped > 0 {
            write!(
                f,
                " ({} answers dropped from accepted responses)",
                self.answers_dropped
            )?;
        }
        for cell in &self.refused {
            write!(f, "\n  {cell}")?;
        }
        let more = self.refused_cells - self.refused.len() as u64;
        if more > 0 {
            write!(f, "\n  ... and {more} more")?;
        }
        Ok(())
    }
}
