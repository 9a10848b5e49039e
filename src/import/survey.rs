//! Survey exports into a [`Scorecard`]: the mapping ([`SurveyImport`]) resolved against a
//! file's header, and the row loop that turns each row into a response or refused cells. The
//! builder is in `survey_builder.rs`, the account in `summary.rs`.

use std::fmt;
use std::io::Read;

use crate::calendar::Zone;
use crate::survey::{Answer, Question, QuestionKind, RejectReason, Response, Scorecard, Survey};
use crate::survey::{check_answer, valid_answers};

use super::answers::{Markers, Recode, decode, decode_spread, flag};
use super::error::{CellProblem, ImportError, RefusedCell};
use super::layout::{Column, Preset};
use super::source::{Header, Row, Source};
use super::summary::ImportSummary;
use super::time::TimeFormat;

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
    pub(super) survey: Survey,
    pub(super) preset: Preset,
    pub(super) header_rows: usize,
    pub(super) respondent: Option<Column>,
    pub(super) submitted: Submitted,
    pub(super) attributes: Vec<(Column, String)>,
    /// One entry per mapped question, in survey order: its columns and how to read them.
    pub(super) questions: Vec<Mapped>,
    pub(super) markers: Markers,
    pub(super) completion: Completion,
    pub(super) max_cell: usize,
    pub(super) keep: usize,
}

/// One mapped question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mapped {
    /// Its position in the survey.
    pub(super) index: usize,
    pub(super) columns: Vec<Column>,
    pub(super) recode: Recode,
}

/// Where the submission time comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Submitted {
    Column(Column, TimeFormat),
    /// Qualtrics' `RecordedDate`, a local time in the zone its import-id cell names.
    QualtricsRecorded,
}

/// Which rows the export marks as abandoned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Completion {
    /// Every row is a response.
    All,
    /// Qualtrics: `Finished` if the file has it, else `Progress`.
    Qualtrics,
    /// Rows whose flag column is false.
    Flag(Column),
}

impl SurveyImport {
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
    /// reason; rows the export marks as abandoned (Qualtrics' `Finished` or `Progress`) are
    /// counted and skipped.
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

    /// [`read`](Self::read), calling `each` with every response the scorecard recorded, as it
    /// recorded it: refused answers are not in it (the summary lists them by row, and
    /// [`try_read_with`](Self::try_read_with) hands them over beside each response). Use it to
    /// route responses to per-segment scorecards, or to keep their comments.
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
    /// let file = "date,channel,nps\n2026-11-03T10:00:00Z,chat,9\n2026-11-03T11:00:00Z,email,11\n";
    /// let mut all = Scorecard::lenient(&survey);
    /// let mut by_channel: BTreeMap<String, Scorecard> = BTreeMap::new();
    /// import.read_with(file.as_bytes(), &mut all, |response| {
    ///     let channel = response.attribute_value("channel").unwrap_or("none").to_owned();
    ///     let card = by_channel.entry(channel).or_insert_with(|| Scorecard::lenient(&survey));
    ///     card.try_push(response).expect("accepted by a scorecard of the same survey and mode");
    /// })?;
    /// assert_eq!(by_channel["chat"].count(), 1);
    /// // The 11 was refused: the email response came without it.
    /// assert_eq!(by_channel["email"].summary().unwrap().question("nps").unwrap().answered(), 0);
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
        self.try_read_with(input, card, |imported| {
            each(imported.response());
            Ok::<(), std::convert::Infallible>(())
        })
        .map_err(|error| match error {
            ReadError::Import(error) => error,
            ReadError::Stopped { source, .. } => match source {},
        })
    }

    /// [`read_with`](Self::read_with) with a callback that sees each recorded response beside
    /// its refused cells and its row, and can stop the import: an `Err` from `each` ends the
    /// read at that row with [`ReadError::Stopped`] (what was recorded before stays recorded,
    /// the row's response included).
    ///
    /// ```
    /// use satisfaction::import::{ReadError, SurveyImport, TimeFormat};
    /// use satisfaction::{Question, Scorecard, Survey};
    ///
    /// let survey = Survey::builder("pulse").question(Question::nps("nps")).build()?;
    /// let import = SurveyImport::builder(&survey)
    ///     .respondent("id")
    ///     .submitted("date", TimeFormat::Offset)
    ///     .column("nps", "nps")
    ///     .build()?;
    /// let file = "id,date,nps\na,2026-11-03T10:00:00Z,12\nb,2026-11-03T11:00:00Z,9\n";
    /// let mut card = Scorecard::lenient(&survey);
    /// let mut seen = Vec::new();
    /// let result = import.try_read_with(file.as_bytes(), &mut card, |imported| {
    ///     if !imported.refused().is_empty() {
    ///         return Err(format!("{} has a bad cell", imported.response().respondent()));
    ///     }
    ///     seen.push(imported.response().respondent().to_owned());
    ///     Ok(())
    /// });
    /// assert!(matches!(result, Err(ReadError::Stopped { row: 2, .. })));
    /// assert!(seen.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReadError::Import`] as [`read`](Self::read); [`ReadError::Stopped`] with the row and
    /// `each`'s error.
    pub fn try_read_with<R: Read, E>(
        &self,
        input: R,
        card: &mut Scorecard,
        mut each: impl FnMut(Imported<'_>) -> Result<(), E>,
    ) -> Result<ImportSummary, ReadError<E>> {
        if card.survey() != &self.survey {
            return Err(ImportError::setting(format!(
                "the scorecard is for survey {:?}, this import for survey {:?}",
                card.survey().id(),
                self.survey.id()
            ))
            .into());
        }
        let fill_names = self.preset == Preset::SurveyMonkey;
        let mut source = Source::open(input, self.header_rows, fill_names, self.max_cell)?;
        self.preset.check(source.header())?;
        let plan = self.plan(source.header())?;
        let strict = card.mode() == crate::survey::ValidationMode::Strict;
        let mut summary = ImportSummary::new(self.keep);
        let mut refused = Vec::new();
        while let Some(row) = source.next_row() {
            let row = row?;
            summary.rows += 1;
            refused.clear();
            let outcome = self.response(&plan, &row, strict, &mut refused);
            match outcome {
                Outcome::Unfinished => summary.abandoned += 1,
                Outcome::Refused => summary.reject(&mut refused),
                Outcome::Response { .. } if strict && !refused.is_empty() => {
                    summary.reject(&mut refused);
                }
                Outcome::Response { scored, recorded } => match card.try_push(&scored) {
                    Ok(()) => {
                        summary.accepted += 1;
                        summary.answers_dropped += refused.len() as u64;
                        let imported = Imported {
                            response: recorded.as_ref().unwrap_or(&scored),
                            refused: &refused,
                            row: row.line(),
                        };
                        let stop = each(imported).err();
                        summary.refuse(&mut refused);
                        if let Some(source) = stop {
                            return Err(ReadError::Stopped {
                                row: row.line(),
                                source,
                            });
                        }
                    }
                    // Every answer passed the scorecard's own check above, so this is a
                    // response-level refusal the mapping did not foresee; report, go on.
                    Err(err) => {
                        refused.push(row.refuse(
                            0,
                            scored.respondent(),
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
        let mut refused_questions: Vec<&str> = Vec::new();
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
                refused_questions.push(question.id());
            }
            // Lenient mode passes refused answers on, so that the scorecard counts them by
            // question and reason as it counts any bad answer; the caller gets the response
            // as recorded, without them.
            response = response.with_answer(question.id(), answer);
        }
        let recorded = (!refused_questions.is_empty()).then(|| {
            let mut recorded = response.clone();
            recorded.retain_answers(|question, _| !refused_questions.contains(&question));
            recorded
        });
        Outcome::Response {
            scored: Box::new(response),
            recorded,
        }
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

/// One imported response, as [`SurveyImport::try_read_with`] hands it over.
#[derive(Debug, Clone, Copy)]
pub struct Imported<'a> {
    response: &'a Response,
    refused: &'a [RefusedCell],
    row: u64,
}

impl<'a> Imported<'a> {
    /// The response as the scorecard recorded it: refused answers are not in it.
    #[must_use]
    pub fn response(&self) -> &'a Response {
        self.response
    }

    /// The row's refused cells (lenient mode: the answers left out of the response).
    #[must_use]
    pub fn refused(&self) -> &'a [RefusedCell] {
        self.refused
    }

    /// The file line on which the row starts (1-based, as the file counts its lines).
    #[must_use]
    pub fn row(&self) -> u64 {
        self.row
    }
}

/// Why [`SurveyImport::try_read_with`] stopped: the import itself failed, or the callback said
/// stop.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadError<E> {
    /// The import failed, as [`SurveyImport::read`] fails.
    Import(ImportError),
    /// The callback returned an error for the response of `row`.
    #[non_exhaustive]
    Stopped {
        /// The file line on which the row starts.
        row: u64,
        /// The callback's error.
        source: E,
    },
}

impl<E> From<ImportError> for ReadError<E> {
    fn from(error: ImportError) -> Self {
        Self::Import(error)
    }
}

impl<E: fmt::Display> fmt::Display for ReadError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Import(error) => error.fmt(f),
            Self::Stopped { row, source } => write!(f, "the import stopped at row {row}: {source}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ReadError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Import(error) => Some(error),
            Self::Stopped { source, .. } => Some(source),
        }
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
    /// A response to record (its refused cells, if any, are beside it): as the scorecard
    /// scores it (lenient mode keeps refused answers in it, for the scorecard to count), and,
    /// when that differs, as it is recorded (without them).
    Response {
        scored: Box<Response>,
        recorded: Option<Response>,
    },
    /// Refused whole.
    Refused,
    /// Skipped as abandoned.
    Unfinished,
}
