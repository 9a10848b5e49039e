//! Tables as an Excel workbook, by `rust_xlsxwriter`: one sheet per table, number formats that
//! say what the numbers are, periods as Excel dates, column widths that fit.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use rust_xlsxwriter::{self as xlsx, ExcelDateTime, Worksheet};

use super::{Cell, Format, Table, TableError};
use crate::period::{Granularity, civil_from_days};

/// The longest sheet name Excel accepts.
const SHEET_NAME_LIMIT: usize = 31;

/// A workbook of tables, one sheet each, written as an Excel `.xlsx` file (feature `xlsx`).
///
/// Each sheet holds the table's title in its first row, the column names (bold) in the
/// third, the rows below them (the header frozen while scrolling), and the notes under the
/// data. Numbers keep their full precision and get the number format of their column: a
/// share is stored as 0.4213 and shown as `42.1%`, NPS points as `+42.1`, a count as
/// `1,234`, a p-value as `0.0123`. A period is an Excel date (its first day) shown as
/// `2026-07-14`, `Jul 2026`, `2026` or, for a week, `week of 2026-07-13`, so a spreadsheet can
/// sort and chart it. Rows and columns marked as small samples are grey and carry `†`, which a
/// note explains. Column widths fit their contents.
///
/// Sheet names are the tables' titles made valid for Excel: at most 31 characters, none of
/// `[ ] : * ? / \`, no apostrophe at either end, unique in the workbook (a second
/// "NPS by month" becomes "NPS by month (2)").
///
/// ```
/// use satisfaction::table::{Cell, Format, Table, Workbook};
///
/// let mut table = Table::new("NPS by channel");
/// table.add_column("channel", Format::Text)?;
/// table.add_column("NPS", Format::Points { decimals: 1 })?;
/// table.push_row(vec![Cell::from("chat"), Cell::number(42.5)])?;
///
/// let mut book = Workbook::new();
/// book.add(&table);
/// let bytes = book.to_bytes()?;
/// assert_eq!(&bytes[..2], b"PK"); // an xlsx file is a zip archive
/// # Ok::<(), satisfaction::table::TableError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[must_use]
pub struct Workbook {
    tables: Vec<Table>,
}

impl Workbook {
    /// An empty workbook.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `table` as the next sheet.
    pub fn add(&mut self, table: &Table) -> &mut Self {
        self.tables.push(table.clone());
        self
    }

    /// The sheet names the tables will get, in order.
    #[must_use]
    pub fn sheet_names(&self) -> Vec<String> {
        let mut taken = HashSet::new();
        self.tables
            .iter()
            .map(|t| unique_sheet_name(t.title(), &mut taken))
            .collect()
    }

    /// The workbook as the bytes of an `.xlsx` file.
    ///
    /// # Errors
    ///
    /// [`TableError::Workbook`] when the writer refuses it (a text cell longer than Excel's
    /// 32,767 characters).
    pub fn to_bytes(&self) -> Result<Vec<u8>, TableError> {
        self.build()?.save_to_buffer().map_err(refused)
    }

    /// Writes the workbook to `path`, replacing the file.
    ///
    /// # Errors
    ///
    /// [`TableError::Io`] when the file cannot be written; [`TableError::Workbook`] as for
    /// [`to_bytes`](Self::to_bytes).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), TableError> {
        let path = path.as_ref();
        let bytes = self.to_bytes()?;
        std::fs::write(path, bytes).map_err(|source| TableError::Io {
            path: path.to_owned(),
            source: Arc::new(source),
        })
    }

    fn build(&self) -> Result<xlsx::Workbook, TableError> {
        let mut book = xlsx::Workbook::new();
        if self.tables.is_empty() {
            // Excel will not open a workbook without a sheet.
            book.add_worksheet();
        }
        for (table, name) in self.tables.iter().zip(self.sheet_names()) {
            let sheet = book.add_worksheet();
            sheet.set_name(name).map_err(refused)?;
            write_sheet(sheet, table)?;
        }
        Ok(book)
    }
}

fn refused(e: xlsx::XlsxError) -> TableError {
    TableError::Workbook {
        message: e.to_string(),
    }
}

/// The first row of data (0-based): title, a blank row, the header.
const FIRST_DATA_ROW: u32 = 3;

fn write_sheet(sheet: &mut Worksheet, table: &Table) -> Result<(), TableError> {
    let bold = xlsx::Format::new().set_bold();
    let grey = xlsx::Color::RGB(0x0080_8080);
    for (c, column) in table.columns().iter().enumerate() {
        let c = column_index(c)?;
        let name = if table.is_small_column(usize::from(c)) {
            format!("{} †", column.name)
        } else {
            column.name.clone()
        };
        sheet
            .write_string_with_format(FIRST_DATA_ROW - 1, c, name, &bold)
            .map_err(refused)?;
    }
    for (r, row) in table.rows().iter().enumerate() {
        let at = FIRST_DATA_ROW + row_index(r)?;
        for (c, (cell, column)) in row.iter().zip(table.columns()).enumerate() {
            let small = table.is_small_row(r) || table.is_small_column(c);
            let mut format = number_format(cell, column.format);
            if small {
                format = format.set_font_color(grey);
            }
            write_cell(sheet, at, column_index(c)?, cell, &format)?;
        }
        if table.is_small_row(r) {
            let after = column_index(table.columns().len())?;
            sheet
                .write_string_with_format(at, after, "†", &xlsx::Format::new().set_font_color(grey))
                .map_err(refused)?;
        }
    }
    // Widths from the header and data only: the title and notes may run across empty cells.
    sheet.autofit();
    sheet
        .write_string_with_format(0, 0, table.title(), &bold.clone().set_font_size(13))
        .map_err(refused)?;
    let after_data = FIRST_DATA_ROW + row_index(table.rows().len())? + 1;
    for (i, note) in table.notes().iter().enumerate() {
        sheet
            .write_string_with_format(
                after_data + row_index(i)?,
                0,
                note,
                &xlsx::Format::new().set_italic(),
            )
            .map_err(refused)?;
    }
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0).map_err(refused)?;
    Ok(())
}

fn row_index(r: usize) -> Result<u32, TableError> {
    u32::try_from(r).map_err(|_| TableError::TooManyRows {
        max: super::MAX_ROWS,
    })
}

fn column_index(c: usize) -> Result<u16, TableError> {
    u16::try_from(c).map_err(|_| TableError::TooManyColumns {
        max: super::MAX_COLUMNS,
    })
}

/// The Excel number format of `cell` in a column of `format`.
fn number_format(cell: &Cell, format: Format) -> xlsx::Format {
    let decimals = |d: u8| {
        if d == 0 {
            String::new()
        } else {
            format!(".{}", "0".repeat(usize::from(d)))
        }
    };
    // A number with a format of its own is formatted as that number in that format.
    let (number, format) = match cell {
        Cell::Formatted(x, own) => (Some(Cell::Number(*x)), *own),
        _ => (None, format),
    };
    let cell = number.as_ref().unwrap_or(cell);
    let code = match (cell, format) {
        (Cell::Period(p), _) => match p.granularity() {
            Granularity::Day => "yyyy-mm-dd".to_owned(),
            Granularity::IsoWeek => "\"week of \"yyyy-mm-dd".to_owned(),
            Granularity::Month => "mmm yyyy".to_owned(),
            Granularity::Quarter => "\"quarter from \"mmm yyyy".to_owned(),
            _ => "yyyy".to_owned(),
        },
        (Cell::Count(_), _) => "#,##0".to_owned(),
        (Cell::Number(_), Format::Percent { decimals: d }) => format!("0{}%", decimals(d)),
        (Cell::Number(_), Format::PercentChange { decimals: d }) => {
            let n = format!("0{}%", decimals(d));
            format!("+{n};-{n};{n}")
        }
        (Cell::Number(_), Format::Points { decimals: d }) => {
            let n = format!("0{}", decimals(d));
            format!("+{n};-{n};{n}")
        }
        (Cell::Number(_), Format::Number { decimals: d }) => format!("0{}", decimals(d)),
        (Cell::Number(_), Format::PValue) => "0.0000".to_owned(),
        _ => "General".to_owned(),
    };
    xlsx::Format::new().set_num_format(code)
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    cell: &Cell,
    format: &xlsx::Format,
) -> Result<(), TableError> {
    match cell {
        Cell::Empty => sheet.write_blank(row, column, format).map(|_| ()),
        Cell::Text(t) => sheet
            .write_string_with_format(row, column, t, format)
            .map(|_| ()),
        // Counts up to 2^53 are exact in Excel's doubles, far beyond MAX_COUNT's reach in a
        // table anyone reads.
        #[allow(clippy::cast_precision_loss)]
        Cell::Count(n) => sheet
            .write_number_with_format(row, column, *n as f64, format)
            .map(|_| ()),
        Cell::Number(x) | Cell::Formatted(x, _) => sheet
            .write_number_with_format(row, column, *x, format)
            .map(|_| ()),
        Cell::Period(p) => {
            let (y, m, d) = civil_from_days(p.first_day());
            // Excel's calendar runs from 1900 to 9999; a period outside it is written as its
            // label.
            match u16::try_from(y)
                .ok()
                .filter(|y| (1900..=9999).contains(y))
                .and_then(|y| {
                    ExcelDateTime::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()
                }) {
                Some(date) => sheet
                    .write_datetime_with_format(row, column, &date, format)
                    .map(|_| ()),
                None => sheet.write_string(row, column, p.to_string()).map(|_| ()),
            }
        }
    }
    .map_err(refused)
}

/// `title` as a sheet name Excel accepts and `taken` does not hold (compared without case, as
/// Excel does); records it in `taken`.
fn unique_sheet_name(title: &str, taken: &mut HashSet<String>) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let mut base: String = if cleaned.is_empty() {
        "Table".to_owned()
    } else {
        cleaned.chars().take(SHEET_NAME_LIMIT).collect()
    };
    if base.eq_ignore_ascii_case("history") {
        base.push_str(" (table)");
    }
    let mut name = base.trim_end_matches('\'').to_owned();
    let mut n = 2;
    while taken.contains(&name.to_lowercase()) {
        let suffix = format!(" ({n})");
        let room = SHEET_NAME_LIMIT - suffix.chars().count();
        let stem: String = base.chars().take(room).collect();
        name = format!("{}{suffix}", stem.trim_end_matches('\''));
        n += 1;
    }
    taken.insert(name.to_lowercase());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = HashSet::new();
        let names: Vec<String> = [
            "NPS by month",
            "NPS by month",
            "nps BY MONTH",
            "a/b: [c]*?\\",
            "",
            "'quoted'",
            "History",
            "a title far longer than thirty-one characters, surely",
            "a title far longer than thirty-one characters, surely",
        ]
        .iter()
        .map(|t| unique_sheet_name(t, &mut taken))
        .collect();
        assert_eq!(names[0], "NPS by month");
        assert_eq!(names[1], "NPS by month (2)");
        assert_eq!(names[2], "nps BY MONTH (3)");
        assert_eq!(names[3], "a-b- -c----");
        assert_eq!(names[4], "Table");
        assert_eq!(names[5], "quoted");
        assert_eq!(names[6], "History (table)");
        assert_eq!(names[7].chars().count(), 31);
        assert_eq!(names[8].chars().count(), 31);
        assert!(names[8].ends_with(" (2)"));
        for n in &names {
            assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']));
            assert!(!n.starts_with('\'') && !n.ends_with('\''));
        }
    }
}
