//! [`ImportError`] (a file or a mapping that cannot be read at all) and [`RefusedCell`] (one
//! cell of one row that cannot become an answer or a value).

use std::fmt;

use thiserror::Error;

use crate::survey::RejectReason;

/// How many characters of a refused value a report keeps: enough to recognise it, never a
/// megabyte of free text in a log line.
const SHOWN_CHARS: usize = 60;

/// Why one cell was refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CellProblem {
    /// The survey refused the answer the cell was read as (a score off its scale, an
    /// undeclared option, text where a score belongs, a required answer missing...).
    Answer {
        /// The survey's reason.
        reason: RejectReason,
        /// What the question accepts.
        valid: String,
    },
    /// The cell is not valid UTF-8.
    InvalidUtf8,
    /// The cell is longer than the import's cell limit.
    TooLarge {
        /// The cell's length in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The row has another number of fields than the header, so its cells cannot be trusted
    /// to be in their columns (an unquoted comma, a truncated line).
    Ragged {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A value the column needs is missing (an empty respondent id or creation time).
    Empty,
    /// A value that is not of the column's form (a timestamp, a number, a flag).
    Invalid {
        /// What the column holds, e.g. "a yes/no flag (true, false, yes, no, 1, 0)".
        expected: String,
        /// Why the value is not one, when there is more to say.
        reason: String,
    },
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Answer { reason, valid } => {
                write!(f, "is refused ({reason}): valid values are {valid}")
            }
            Self::InvalidUtf8 => f.write_str("is not valid UTF-8: exports must be UTF-8 text"),
            Self::TooLarge { bytes, limit } => write!(
                f,
                "is {bytes} bytes long: cells are limited to {limit} bytes (an unbalanced quote?)"
            ),
            Self::Ragged { found, expected } => write!(
                f,
                "ends a row of {found} fields: the header has {expected}, so the row is refused \
                 whole (an unquoted comma or a cut line?)"
            ),
            Self::Empty => f.write_str("is empty: this column needs a value in every row"),
            Self::Invalid { expected, reason } if reason.is_empty() => {
                write!(f, "is not {expected}")
            }
            Self::Invalid { expected, reason } => write!(f, "is not {expected}: {reason}"),
        }
    }
}

/// One refused cell: where it is in the file, what it held and why it was refused.
///
/// `row` is the file's physical line on which the record starts (1-based, header rows
/// included, so a quoted cell with line breaks does not shift later rows); `column` is
/// 1-based, as a spreadsheet counts; `header` is the column's name in the header.
///
/// ```
/// use satisfaction::import::{CellProblem, RefusedCell};
///
/// let cell = RefusedCell::new(7, 3, "Q1", "maybe", CellProblem::Empty);
/// assert_eq!(cell.to_string(), "row 7, column 3 \"Q1\": \"maybe\" is empty: this column needs a value in every row");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RefusedCell {
    row: u64,
    column: usize,
    header: String,
    value: String,
    problem: CellProblem,
}

impl RefusedCell {
    /// A refused cell; `value` is shortened to its first 60 characters (an ellipsis marks a
    /// cut).
    #[must_use]
    pub fn new(
        row: u64,
        column: usize,
        header: impl Into<String>,
        value: &str,
        problem: CellProblem,
    ) -> Self {
        Self {
            row,
            column,
            header: header.into(),
            value: shorten(value),
            problem,
        }
    }

    /// The file line on which the cell's record starts (1-based).
    #[must_use]
    pub fn row(&self) -> u64 {
        self.row
    }

    /// The column, 1-based.
    #[must_use]
    pub fn column(&self) -> usize {
        self.column
    }

    /// The column's name in the header.
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }

    /// The value as read (its first 60 characters).
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Why it was refused.
    #[must_use]
    pub fn problem(&self) -> &CellProblem {
        &self.problem
    }

    /// The survey's reason, when the survey refused the answer.
    #[must_use]
    pub fn reason(&self) -> Option<RejectReason> {
        match self.problem {
            CellProblem::Answer { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

impl fmt::Display for RefusedCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}, column {} {:?}: {:?} {}",
            self.row, self.column, self.header, self.value, self.problem
        )
    }
}

/// The first [`SHOWN_CHARS`] characters of `value`, with an ellipsis when cut.
fn shorten(value: &str) -> String {
    match value.char_indices().nth(SHOWN_CHARS) {
        None => value.to_owned(),
        Some((end, _)) => format!("{}…", &value[..end]),
    }
}

/// A file, a mapping or a row that cannot be imported.
///
/// Errors about the file as a whole (its header, a mapped column it lacks, reading it) stop
/// the import; per-row errors ([`Cell`](Self::Cell)) name the row and column, and the rows
/// after it still import. Every message names the bad value and what would have been valid.
///
/// ```
/// use satisfaction::import::{ImportError, Preset};
///
/// let err = "qualtircs".parse::<Preset>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown preset \"qualtircs\": valid presets are qualtrics, surveymonkey, typeform, one-header"
/// );
/// assert!(matches!(err, ImportError::UnknownPreset { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ImportError {
    /// A preset name that is not one of the presets.
    #[error("unknown preset {name:?}: valid presets are {valid}")]
    #[non_exhaustive]
    UnknownPreset {
        /// The rejected name.
        name: String,
        /// The valid names.
        valid: &'static str,
    },
    /// A mapping that cannot be: a question the survey does not have, one mapped twice, a
    /// required question without a column, a recode the question would refuse...
    #[error("invalid import setting: {problem}")]
    #[non_exhaustive]
    Setting {
        /// What is wrong.
        problem: String,
    },
    /// The file ended before its header rows did.
    #[error(
        "the file has {found} row(s) where {expected} header row(s) were expected: empty or cut \
         short, or the wrong preset"
    )]
    #[non_exhaustive]
    MissingHeader {
        /// Header rows the preset or setting expects.
        expected: usize,
        /// Rows the file has.
        found: usize,
    },
    /// A header that is not of the expected form (a legacy or one-header file read with the
    /// Qualtrics preset...).
    #[error("header row {row}, column {column}: found {found:?}, expected {expected}")]
    #[non_exhaustive]
    Header {
        /// The file line.
        row: u64,
        /// The column, 1-based.
        column: usize,
        /// What the header cell held (its first 60 characters).
        found: String,
        /// What the preset expects there.
        expected: String,
    },
    /// A mapped column the header does not have.
    #[error("column {column} is not in the file: header row {row} has {width} columns{available}")]
    #[non_exhaustive]
    MissingColumn {
        /// The column as the mapping names it (`"Q1"` or `#7`).
        column: String,
        /// The header row searched.
        row: u64,
        /// Columns in the header.
        width: usize,
        /// The first column names, for the message (empty for a numbered column).
        available: String,
    },
    /// A column name that several columns of the header carry (only a multi-select question
    /// may take them all).
    #[error(
        "column {column:?} is ambiguous: header row {row} has it at columns {numbers:?}; map \
         one of them by number with Column::number"
    )]
    #[non_exhaustive]
    AmbiguousColumn {
        /// The name.
        column: String,
        /// The header row.
        row: u64,
        /// Where it occurs, 1-based.
        numbers: Vec<usize>,
    },
    /// A header cell that is not valid UTF-8.
    #[error("header row {row}, column {column} is not valid UTF-8: exports must be UTF-8 text")]
    #[non_exhaustive]
    InvalidUtf8 {
        /// The file line.
        row: u64,
        /// The column, 1-based.
        column: usize,
    },
    /// One record longer than the import's record limit: the import stops, since the rest of
    /// the file cannot be split into rows reliably (almost always an unbalanced quote).
    #[error(
        "the record starting at row {row} is longer than {limit} bytes: the import stopped \
         there (an unbalanced quote makes the rest of the file one cell)"
    )]
    #[non_exhaustive]
    RecordTooLarge {
        /// The file line where the record starts.
        row: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// One refused cell of a ticket or call export; the next rows still import.
    #[error("{0}")]
    Cell(RefusedCell),
    /// A record derived from a row that needs a value the row does not have: its column is
    /// not mapped, or the cell is empty (a first response without a creation time, a ticket
    /// outcome without a reply count).
    #[error("row {row}: {what} needs a value in the {column} column (it is empty or not mapped)")]
    #[non_exhaustive]
    Missing {
        /// The row.
        row: u64,
        /// The record asked for, e.g. "a first response".
        what: &'static str,
        /// The column it needs, e.g. "created".
        column: &'static str,
    },
    /// A record derived from a row that cannot be (a ticket created after the reporting
    /// instant).
    #[error("row {row}: {what}: {reason}")]
    #[non_exhaustive]
    Record {
        /// The row.
        row: u64,
        /// The record asked for.
        what: &'static str,
        /// The constructor's error message.
        reason: String,
    },
    /// Reading the input failed.
    #[error("reading the export failed near row {row}: {message}")]
    #[non_exhaustive]
    Io {
        /// The file line reached.
        row: u64,
        /// The kind of I/O error.
        kind: std::io::ErrorKind,
        /// Its message.
        message: String,
    },
}

impl ImportError {
    /// The refused cell, for a per-row error.
    #[must_use]
    pub fn cell(&self) -> Option<&RefusedCell> {
        match self {
            Self::Cell(cell) => Some(cell),
            _ => None,
        }
    }

    /// Whether the import stops at this error (the file or mapping cannot be read on); a
    /// per-row error is not fatal.
    #[must_use]
    pub fn is_fatal(&self) -> bool {
        !matches!(
            self,
            Self::Cell(_) | Self::Missing { .. } | Self::Record { .. }
        )
    }

    pub(crate) fn setting(problem: impl Into<String>) -> Self {
        Self::Setting {
            problem: problem.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_shortened_on_a_character_boundary() {
        let long = "é".repeat(100);
        let cell = RefusedCell::new(2, 1, "c", &long, CellProblem::Empty);
        assert_eq!(cell.value().chars().count(), SHOWN_CHARS + 1);
        assert!(cell.value().ends_with('…'));
        let short = RefusedCell::new(2, 1, "c", "abc", CellProblem::InvalidUtf8);
        assert_eq!(short.value(), "abc");
    }
}
