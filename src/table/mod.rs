//! Tables out: any summary as rows and typed columns, to CSV (feature `csv`) and Excel
//! (feature `xlsx`), and percentages that add up to 100.
//!
//! A [`Table`] is what a report shows and a spreadsheet holds: a title, named columns that
//! know their [`Format`] (a share is a percentage, an NPS is in points, a period is a date),
//! rows of [`Cell`]s, and the notes that say how the numbers were made (interval method and
//! level, time zone, what a mark means). Every table the crate makes comes from the same
//! [`Report`](crate::summary::Report) columns its summaries serialise and return from SQL, so
//! a number has one name everywhere.
//!
//! | table of | made by |
//! |---|---|
//! | a [`GroupedSummary`](crate::GroupedSummary) (by period, by segment) | [`Table::from_grouped`] |
//! | a family of [`Comparisons`](crate::compare::Comparisons) | [`Table::from_comparisons`] |
//! | a [`CrosstabSummary`](crate::crosstab::CrosstabSummary) | [`Table::from_crosstab`] |
//! | a [`KeyDriversSummary`](crate::drivers::KeyDriversSummary) | [`Table::from_drivers`] |
//! | a `ThemeTableSummary` of comments (feature `text`) | `Table::from_themes` |
//!
//! Out of a table:
//!
//! - [`Table::to_csv`] / [`Table::write_csv`] (feature `csv`): RFC 4180, one header row, numbers
//!   at full precision (a share as 0.4213, not 42.1%), periods by their label, for programs;
//! - [`Workbook`] (feature `xlsx`): one sheet per table with number formats (shares as
//!   percentages, points and means to their decimals), periods as Excel dates, the notes under
//!   the data and column widths that fit, for people.
//!
//! ```
//! use satisfaction::table::{Cell, Format, Table};
//!
//! let mut table = Table::new("NPS by channel");
//! table.add_column("channel", Format::Text)?;
//! table.add_column("NPS", Format::Points { decimals: 1 })?;
//! table.add_column("n", Format::Count)?;
//! table.push_row(vec![Cell::from("chat"), Cell::number(42.5), Cell::Count(120)])?;
//! table.push_row(vec![Cell::from("email"), Cell::number(-3.0), Cell::Count(18)])?;
//! table.mark_small_sample(1)?;
//! assert_eq!(table.rows().len(), 2);
//! assert_eq!(table.cell(0, 1), Some(&Cell::Number(42.5)));
//! assert_eq!(table.format_cell(0, 1).as_deref(), Some("+42.5"));
//! # Ok::<(), satisfaction::table::TableError>(())
//! ```
// `Table::to_csv` and `Workbook` exist with features `csv` and `xlsx`: without them the links
// to them have nothing to name.
#![cfg_attr(
    not(all(feature = "csv", feature = "xlsx")),
    allow(rustdoc::broken_intra_doc_links)
)]

#[cfg(feature = "csv")]
mod csv;
mod error;
mod from;
mod rounding;
#[cfg(feature = "xlsx")]
mod xlsx;

use std::fmt;

pub use error::TableError;
pub use from::KeyCells;
#[cfg(feature = "report")]
pub(crate) use from::key_columns;
pub use rounding::{MAX_DECIMALS, rounded_percentages};
#[cfg(feature = "xlsx")]
#[cfg_attr(docsrs, doc(cfg(feature = "xlsx")))]
pub use xlsx::Workbook;

use crate::period::Period;

/// The most columns a table holds (Excel's limit is 16,384).
pub const MAX_COLUMNS: usize = 1_000;

/// The most rows a table holds: below Excel's 1,048,576 with room for the header and notes.
pub const MAX_ROWS: usize = 1_000_000;

/// How a column's numbers are shown (in a report, a spreadsheet); the CSV output writes the
/// values themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Text (labels, keys, letters).
    Text,
    /// An exact count: `1,234`.
    Count,
    /// A share in 0..1 shown as a percentage: `42.1%`.
    Percent {
        /// Decimals of the percentage.
        decimals: u8,
    },
    /// A number with its sign: NPS points (`+42.1`), a difference of means (`-0.3`).
    Points {
        /// Decimals.
        decimals: u8,
    },
    /// A difference of shares, in percentage points with a sign: `+5.2%`.
    PercentChange {
        /// Decimals of the percentage.
        decimals: u8,
    },
    /// A plain number: a mean rating, a duration in seconds, an importance.
    Number {
        /// Decimals.
        decimals: u8,
    },
    /// A p-value: `0.0123`, `<0.0001`.
    PValue,
    /// A period (its first day is the date a spreadsheet gets), shown by its label.
    Period,
}

/// One column: its name and format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Column {
    /// The header.
    pub name: String,
    /// How its values are shown.
    pub format: Format,
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Cell {
    /// Nothing (an interval that does not exist, a group without the value).
    Empty,
    /// Text.
    Text(String),
    /// An exact count.
    Count(u64),
    /// A finite number ([`Cell::number`] turns a non-finite one into [`Cell::Empty`]).
    Number(f64),
    /// A period.
    Period(Period),
    /// A number shown in a format of its own rather than its column's (the NPS row under a
    /// crosstab's percentages).
    Formatted(f64, Format),
}

impl Cell {
    /// A number, or [`Cell::Empty`] for NaN and infinities (a table never holds them).
    #[must_use]
    pub fn number(x: f64) -> Self {
        if x.is_finite() {
            Self::Number(x)
        } else {
            Self::Empty
        }
    }

    /// [`Cell::number`] of `Some`, [`Cell::Empty`] for `None`.
    #[must_use]
    pub fn maybe(x: Option<f64>) -> Self {
        x.map_or(Self::Empty, Self::number)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Self {
        Self::Count(n)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Self {
        Self::number(x)
    }
}

impl From<Period> for Cell {
    fn from(period: Period) -> Self {
        Self::Period(period)
    }
}

/// A titled table of typed columns, with notes and small-sample marks.
///
/// Rows are checked as they are added (as many cells as columns); the marks say which rows
/// or columns rest on fewer than [`MIN_RELIABLE_N`](crate::interval::MIN_RELIABLE_N)
/// observations, and every output shows them and explains them in a note.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    title: String,
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
    small_rows: Vec<bool>,
    small_columns: Vec<bool>,
    notes: Vec<String>,
}

/// The note that explains a small-sample mark.
pub const SMALL_SAMPLE_NOTE: &str = "† fewer than 30 observations: the estimate is shown but its interval is wide; read it with care.";

impl Table {
    /// An empty table titled `title`.
    #[must_use]
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    /// Adds a column (before any row).
    ///
    /// # Errors
    ///
    /// [`TableError::ColumnAfterRows`] once rows are added; [`TableError::TooManyColumns`]
    /// beyond [`MAX_COLUMNS`]; [`TableError::Decimals`] for a format with more than
    /// [`MAX_DECIMALS`] decimals.
    pub fn add_column(
        &mut self,
        name: impl Into<String>,
        format: Format,
    ) -> Result<(), TableError> {
        if !self.rows.is_empty() {
            return Err(TableError::ColumnAfterRows);
        }
        if self.columns.len() >= MAX_COLUMNS {
            return Err(TableError::TooManyColumns { max: MAX_COLUMNS });
        }
        if let Format::Percent { decimals }
        | Format::PercentChange { decimals }
        | Format::Points { decimals }
        | Format::Number { decimals } = format
            && decimals > MAX_DECIMALS
        {
            return Err(TableError::Decimals {
                decimals,
                max: MAX_DECIMALS,
            });
        }
        self.columns.push(Column {
            name: name.into(),
            format,
        });
        self.small_columns.push(false);
        Ok(())
    }

    /// Adds a row of one cell per column.
    ///
    /// # Errors
    ///
    /// [`TableError::RowWidth`] when the row has another number of cells than the table has
    /// columns; [`TableError::TooManyRows`] beyond [`MAX_ROWS`].
    pub fn push_row(&mut self, cells: Vec<Cell>) -> Result<(), TableError> {
        if cells.len() != self.columns.len() {
            return Err(TableError::RowWidth {
                row: self.rows.len(),
                cells: cells.len(),
                columns: self.columns.len(),
            });
        }
        if self.rows.len() >= MAX_ROWS {
            return Err(TableError::TooManyRows { max: MAX_ROWS });
        }
        self.rows.push(cells);
        self.small_rows.push(false);
        Ok(())
    }

    /// Marks row `row` (0-based, in the order added) as resting on a small sample, and adds
    /// the note that explains the mark.
    ///
    /// # Errors
    ///
    /// [`TableError::NoSuchRow`] for a row that does not exist.
    pub fn mark_small_sample(&mut self, row: usize) -> Result<(), TableError> {
        let mark = self
            .small_rows
            .get_mut(row)
            .ok_or(TableError::NoSuchRow { row })?;
        *mark = true;
        self.explain_small_samples();
        Ok(())
    }

    /// Marks column `column` (0-based) as resting on a small sample (a crosstab's small
    /// segment), and adds the note that explains the mark.
    ///
    /// # Errors
    ///
    /// [`TableError::NoSuchColumn`] for a column that does not exist.
    pub fn mark_small_sample_column(&mut self, column: usize) -> Result<(), TableError> {
        let mark = self
            .small_columns
            .get_mut(column)
            .ok_or(TableError::NoSuchColumn { column })?;
        *mark = true;
        self.explain_small_samples();
        Ok(())
    }

    fn explain_small_samples(&mut self) {
        if !self.notes.iter().any(|n| n == SMALL_SAMPLE_NOTE) {
            self.notes.push(SMALL_SAMPLE_NOTE.to_owned());
        }
    }

    /// Adds a note (how the numbers were made: method, level, time zone, what a letter means),
    /// shown under the table.
    pub fn add_note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// The title.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The columns.
    #[must_use]
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The rows, each one cell per column.
    #[must_use]
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// The cell at `row`, `column`.
    #[must_use]
    pub fn cell(&self, row: usize, column: usize) -> Option<&Cell> {
        self.rows.get(row)?.get(column)
    }

    /// Whether row `row` is marked as a small sample.
    #[must_use]
    pub fn is_small_row(&self, row: usize) -> bool {
        self.small_rows.get(row).copied().unwrap_or(false)
    }

    /// Whether column `column` is marked as a small sample.
    #[must_use]
    pub fn is_small_column(&self, column: usize) -> bool {
        self.small_columns.get(column).copied().unwrap_or(false)
    }

    /// The notes, in the order added.
    #[must_use]
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The cell at `row`, `column` as its column's format shows it (`42.1%`, `+3.0`,
    /// `1,234`, `2026-07`); `None` outside the table. An empty cell is an empty string.
    #[must_use]
    pub fn format_cell(&self, row: usize, column: usize) -> Option<String> {
        let cell = self.cell(row, column)?;
        let format = self.columns.get(column)?.format;
        Some(show(cell, format))
    }
}

/// `cell` as `format` shows it.
pub(crate) fn show(cell: &Cell, format: Format) -> String {
    match (cell, format) {
        (Cell::Formatted(x, own), _) => show(&Cell::Number(*x), *own),
        (Cell::Empty, _) => String::new(),
        (Cell::Text(t), _) => t.clone(),
        (Cell::Period(p), _) => p.to_string(),
        (Cell::Count(n), _) => grouped_digits(*n),
        (Cell::Number(x), Format::Percent { decimals }) => {
            format!("{:.*}%", usize::from(decimals), x * 100.0)
        }
        (Cell::Number(x), Format::PercentChange { decimals }) => {
            format!("{}%", signed(x * 100.0, decimals))
        }
        (Cell::Number(x), Format::Points { decimals }) => signed(*x, decimals),
        (Cell::Number(x), Format::PValue) => {
            if *x < 0.0001 {
                "<0.0001".to_owned()
            } else {
                format!("{x:.4}")
            }
        }
        (Cell::Number(x), Format::Number { decimals }) => {
            format!("{:.*}", usize::from(decimals), x)
        }
        (Cell::Number(x), Format::Count | Format::Text | Format::Period) => x.to_string(),
    }
}

/// `x` with its sign at `decimals`; a value that rounds to 0 has none (`0.0`, not `-0.0`).
fn signed(x: f64, decimals: u8) -> String {
    let shown = format!("{:+.*}", usize::from(decimals), x);
    let digits = shown.trim_start_matches(['+', '-']);
    if digits.chars().all(|c| c == '0' || c == '.') {
        digits.to_owned()
    } else {
        shown
    }
}

/// `1234567` as `1,234,567`.
pub(crate) fn grouped_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Table {
    /// The title, a header row and the rows, tab-separated as their formats show them, then
    /// the notes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.title)?;
        let names: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        writeln!(f, "{}", names.join("\t"))?;
        for (r, row) in self.rows.iter().enumerate() {
            let shown: Vec<String> = row
                .iter()
                .zip(&self.columns)
                .map(|(cell, column)| show(cell, column.format))
                .collect();
            write!(f, "{}", shown.join("\t"))?;
            if self.is_small_row(r) {
                f.write_str(" †")?;
            }
            writeln!(f)?;
        }
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_show_what_they_promise() {
        assert_eq!(grouped_digits(0), "0");
        assert_eq!(grouped_digits(999), "999");
        assert_eq!(grouped_digits(1_000), "1,000");
        assert_eq!(grouped_digits(12_345_678), "12,345,678");
        assert_eq!(
            show(&Cell::Number(0.4213), Format::Percent { decimals: 1 }),
            "42.1%"
        );
        assert_eq!(
            show(&Cell::Number(-0.01), Format::Points { decimals: 1 }),
            "0.0"
        );
        assert_eq!(
            show(&Cell::Number(3.04), Format::Points { decimals: 1 }),
            "+3.0"
        );
        assert_eq!(
            show(&Cell::Number(-58.0), Format::Points { decimals: 0 }),
            "-58"
        );
        assert_eq!(show(&Cell::Number(1e-7), Format::PValue), "<0.0001");
        assert_eq!(
            show(&Cell::Number(-0.052), Format::PercentChange { decimals: 1 }),
            "-5.2%"
        );
        assert_eq!(show(&Cell::Number(0.04567), Format::PValue), "0.0457");
        assert_eq!(show(&Cell::Empty, Format::PValue), "");
    }

    #[test]
    fn rows_must_fit_the_columns() {
        let mut t = Table::new("t");
        t.add_column("a", Format::Text).unwrap();
        assert!(matches!(
            t.push_row(vec![]),
            Err(TableError::RowWidth {
                cells: 0,
                columns: 1,
                ..
            })
        ));
        t.push_row(vec![Cell::from("x")]).unwrap();
        assert!(matches!(
            t.add_column("b", Format::Count),
            Err(TableError::ColumnAfterRows)
        ));
        assert!(t.mark_small_sample(1).is_err());
        t.mark_small_sample(0).unwrap();
        t.mark_small_sample(0).unwrap();
        assert_eq!(t.notes().len(), 1);
        assert!(
            Table::new("t")
                .add_column("p", Format::Percent { decimals: 9 })
                .is_err()
        );
        assert_eq!(Cell::number(f64::NAN), Cell::Empty);
    }
}
