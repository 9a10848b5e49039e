//! Why a table cannot be built or written.

use std::path::PathBuf;
use std::sync::Arc;

use thiserror::Error;

/// Why a table cannot be built, rounded or written.
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum TableError {
    /// A row with another number of cells than the table has columns.
    #[error("row {row} has {cells} cells but the table has {columns} columns")]
    #[non_exhaustive]
    RowWidth {
        /// The row's position (0-based).
        row: usize,
        /// Its cells.
        cells: usize,
        /// The table's columns.
        columns: usize,
    },
    /// A column added after the first row.
    #[error("columns are added before the first row")]
    ColumnAfterRows,
    /// More columns than a table holds.
    #[error("a table holds at most {max} columns")]
    #[non_exhaustive]
    TooManyColumns {
        /// The limit.
        max: usize,
    },
    /// More rows than a table holds.
    #[error("a table holds at most {max} rows")]
    #[non_exhaustive]
    TooManyRows {
        /// The limit.
        max: usize,
    },
    /// A row that does not exist.
    #[error("there is no row {row}")]
    #[non_exhaustive]
    NoSuchRow {
        /// The row asked for (0-based).
        row: usize,
    },
    /// A column that does not exist.
    #[error("there is no column {column}")]
    #[non_exhaustive]
    NoSuchColumn {
        /// The column asked for (0-based).
        column: usize,
    },
    /// More decimals than are supported.
    #[error("{decimals} decimals asked for: at most {max} are supported")]
    #[non_exhaustive]
    Decimals {
        /// The decimals asked for.
        decimals: u8,
        /// The most supported.
        max: u8,
    },
    /// A part of a whole that is negative or not finite.
    #[error("part {index} is {value}: parts must be finite and at least 0")]
    #[non_exhaustive]
    Part {
        /// Its position.
        index: usize,
        /// Its value.
        value: f64,
    },
    /// Parts that add up to nothing (or to more than a double holds).
    #[error(
        "the parts add up to 0 or to no finite number: there is no whole to take a percentage of"
    )]
    NoTotal,
    /// A file that could not be written (CSV, xlsx).
    #[error("cannot write {}: {source}", path.display())]
    #[non_exhaustive]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: Arc<std::io::Error>,
    },
    /// A writer that failed (CSV to any `io::Write`).
    #[error("cannot write the table: {0}")]
    Write(#[source] Arc<std::io::Error>),
    /// The spreadsheet writer refused the workbook.
    #[error("cannot write the workbook: {message}")]
    #[non_exhaustive]
    Workbook {
        /// What the writer said.
        message: String,
    },
}
