//! The one place a file is read: the `csv` reader behind a byte meter, the header rows, column
//! lookup, and each record's cells as checked text with their file row.
//!
//! Survey and ticket imports both read through [`Source`], so quoting, the byte-order mark,
//! ragged rows, cell and record limits and row numbers behave the same in both.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use csv::ByteRecord;

use super::error::{CellProblem, ImportError, RefusedCell};
use super::layout::Column;

/// The default limit on one cell: 1 MiB.
pub(crate) const DEFAULT_MAX_CELL: usize = 1 << 20;

/// A record may hold this many maximal cells before the import stops.
const CELLS_PER_RECORD: usize = 8;

/// The header rows of a file, as text, and its column names.
#[derive(Debug)]
pub(crate) struct Header {
    rows: Vec<Vec<String>>,
    lines: Vec<u64>,
    names: Vec<String>,
}

impl Header {
    /// Header rows read.
    pub(crate) fn rows(&self) -> usize {
        self.rows.len()
    }

    /// Columns in the name row.
    pub(crate) fn width(&self) -> usize {
        self.names.len()
    }

    /// The file line of header row `row` (0-based).
    pub(crate) fn line(&self, row: usize) -> u64 {
        self.lines.get(row).copied().unwrap_or(1)
    }

    /// Header row `row`'s cell in column `column` (0-based), or "".
    pub(crate) fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .map_or("", String::as_str)
    }

    /// The name of column `i` (0-based).
    pub(crate) fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }

    /// Every column `column` names (0-based), or why there is none.
    pub(crate) fn find_all(&self, column: &Column) -> Result<Vec<usize>, ImportError> {
        let found = match column {
            Column::Number(n) if (1..=self.width()).contains(n) => vec![n - 1],
            Column::Number(_) => Vec::new(),
            Column::Name(name) => (0..self.width())
                .filter(|&i| self.names[i] == *name)
                .collect(),
        };
        if !found.is_empty() {
            return Ok(found);
        }
        let available = match column {
            Column::Number(_) => String::new(),
            Column::Name(_) => {
                let shown: Vec<String> = self
                    .names
                    .iter()
                    .take(12)
                    .map(|n| format!("{n:?}"))
                    .collect();
                let more = if self.width() > 12 { ", ..." } else { "" };
                format!(": {}{more}", shown.join(", "))
            }
        };
        Err(ImportError::MissingColumn {
            column: column.to_string(),
            row: self.line(0),
            width: self.width(),
            available,
        })
    }

    /// The one column `column` names (0-based), or why there is not exactly one.
    pub(crate) fn find(&self, column: &Column) -> Result<usize, ImportError> {
        let found = self.find_all(column)?;
        match found[..] {
            [i] => Ok(i),
            _ => Err(ImportError::AmbiguousColumn {
                column: match column {
                    Column::Name(name) => name.clone(),
                    Column::Number(n) => n.to_string(),
                },
                row: self.line(0),
                numbers: found.iter().map(|i| i + 1).collect(),
            }),
        }
    }
}

/// Bytes handed to the CSV reader and the offset where the current record starts, shared
/// between [`Source`] and the reader it wraps: the only way to stop a runaway record before
/// the csv crate buffers all of it.
#[derive(Debug, Default)]
struct Meter {
    delivered: AtomicU64,
    record_start: AtomicU64,
    tripped: AtomicBool,
    lines: Mutex<Lines>,
}

impl Meter {
    /// The file line (from 1) on which the byte at `offset` stands. Offsets asked about must
    /// not decrease: the lines before them are forgotten.
    fn line_of(&self, offset: u64) -> u64 {
        self.lines
            .lock()
            .map_or(0, |mut lines| lines.line_of(offset))
    }
}

/// The line breaks in the bytes delivered so far, to number rows as the file has them: a line
/// ends at `\n`, `\r\n` or a lone `\r` (old "CSV (Macintosh)" exports), where the csv crate's
/// positions count `\n` only. Only the line starts past the last offset asked about are kept:
/// the csv reader's read-ahead and at most one record.
#[derive(Debug, Default)]
struct Lines {
    /// Byte offsets at which a line starts, past the last offset asked about.
    starts: VecDeque<u64>,
    /// Lines started at or before the last offset asked about (the first line not counted).
    passed: u64,
    /// Bytes scanned.
    scanned: u64,
    /// Whether the last byte scanned was `\r`: a `\n` right after it ends the same line.
    after_cr: bool,
}

impl Lines {
    fn scan(&mut self, bytes: &[u8]) {
        for (at, &byte) in (self.scanned..).zip(bytes) {
            match byte {
                // The line after a `\r\n` starts at its `\n` (which is where the csv reader
                // places the next record's start).
                b'\r' => self.starts.push_back(at + 1),
                b'\n' if self.after_cr => {}
                b'\n' => self.starts.push_back(at + 1),
                _ => {}
            }
            self.after_cr = byte == b'\r';
        }
        self.scanned += bytes.len() as u64;
    }

    fn line_of(&mut self, offset: u64) -> u64 {
        while self.starts.front().is_some_and(|&start| start <= offset) {
            self.starts.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

/// The caller's reader, cut off once one record runs past the limit.
#[derive(Debug)]
struct Metered<R> {
    inner: R,
    meter: Arc<Meter>,
    /// The record limit plus the csv reader's read-ahead.
    allowance: u64,
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut lines) = self.meter.lines.lock() {
            lines.scan(buf.get(..n).unwrap_or_default());
        }
        let delivered = self.meter.delivered.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        let start = self.meter.record_start.load(Ordering::Relaxed);
        if delivered.saturating_sub(start) > self.allowance {
            self.meter.tripped.store(true, Ordering::Relaxed);
            return Err(io::Error::other("record over the import's size limit"));
        }
        Ok(n)
    }
}

/// How the csv reader buffers: its default, 8 KiB.
const READ_AHEAD: u64 = 8 * 1024;

/// A CSV export opened for reading: header rows read, records streamed one at a time.
#[derive(Debug)]
pub(crate) struct Source<R> {
    reader: csv::Reader<Metered<R>>,
    meter: Arc<Meter>,
    record: ByteRecord,
    header: Header,
    max_cell: usize,
    max_record: usize,
    done: bool,
}

impl<R: Read> Source<R> {
    /// Opens `input`, reads `header_rows` header rows and names the columns from the first
    /// (filled rightwards over empty cells when `fill_names`, as SurveyMonkey leaves a
    /// question's option columns unnamed).
    pub(crate) fn open(
        input: R,
        header_rows: usize,
        fill_names: bool,
        max_cell: usize,
    ) -> Result<Self, ImportError> {
        let max_record = max_cell.saturating_mul(CELLS_PER_RECORD);
        let meter = Arc::new(Meter::default());
        let metered = Metered {
            inner: input,
            meter: Arc::clone(&meter),
            allowance: (max_record as u64).saturating_add(2 * READ_AHEAD),
        };
        // Header rows are read as records like any other (has_headers = false) so that there
        // may be several; `flexible` lets a ragged row be reported instead of stopping.
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(metered);
        let mut source = Self {
            reader,
            meter,
            record: ByteRecord::new(),
            header: Header {
                rows: Vec::new(),
                lines: Vec::new(),
                names: Vec::new(),
            },
            max_cell,
            max_record,
            done: false,
        };
        for _ in 0..header_rows {
            if !source.read_record()? {
                return Err(ImportError::MissingHeader {
                    expected: header_rows,
                    found: source.header.rows.len(),
                });
            }
            let line = source.line();
            let mut cells = Vec::with_capacity(source.record.len());
            for (i, cell) in source.record.iter().enumerate() {
                let text = std::str::from_utf8(cell).map_err(|_| ImportError::InvalidUtf8 {
                    row: line,
                    column: i + 1,
                })?;
                cells.push(text.to_owned());
            }
            source.header.rows.push(cells);
            source.header.lines.push(line);
        }
        let mut names = source.header.rows.first().cloned().unwrap_or_default();
        // The csv crate drops a byte-order mark only when its first buffer holds all three
        // bytes; a reader that delivers a byte at a time leaves it on the first name.
        if let Some(first) = names.first_mut()
            && let Some(rest) = first.strip_prefix('\u{feff}')
        {
            *first = rest.to_owned();
        }
        if fill_names {
            for i in 1..names.len() {
                if names[i].trim().is_empty() {
                    names[i] = names[i - 1].clone();
                }
            }
        }
        source.header.names = names;
        Ok(source)
    }

    /// The header.
    pub(crate) fn header(&self) -> &Header {
        &self.header
    }

    /// The file line on which the current record starts.
    fn line(&self) -> u64 {
        self.record
            .position()
            .map_or(0, |position| self.meter.line_of(position.byte()))
    }

    /// Reads the next record into `self.record`; `false` at the end of the file.
    fn read_record(&mut self) -> Result<bool, ImportError> {
        if self.done {
            return Ok(false);
        }
        let start = self.reader.position().clone();
        self.meter
            .record_start
            .store(start.byte(), Ordering::Relaxed);
        match self.reader.read_byte_record(&mut self.record) {
            Ok(more) => {
                self.done = !more;
                Ok(more)
            }
            Err(err) => {
                self.done = true;
                if self.meter.tripped.load(Ordering::Relaxed) {
                    return Err(ImportError::RecordTooLarge {
                        row: self.meter.line_of(start.byte()),
                        limit: self.max_record,
                    });
                }
                let (kind, message) = match err.kind() {
                    csv::ErrorKind::Io(io) => (io.kind(), io.to_string()),
                    _ => (io::ErrorKind::InvalidData, err.to_string()),
                };
                Err(ImportError::Io {
                    row: self.meter.line_of(start.byte()),
                    kind,
                    message,
                })
            }
        }
    }

    /// The next data record; `None` at the end of the file or after a fatal error.
    pub(crate) fn next_row(&mut self) -> Option<Result<Row<'_>, ImportError>> {
        match self.read_record() {
            Ok(true) => Some(Ok(Row {
                line: self.line(),
                record: &self.record,
                header: &self.header,
                max_cell: self.max_cell,
            })),
            Ok(false) => None,
            Err(err) => Some(Err(err)),
        }
    }
}

/// One data record, borrowed from its [`Source`].
#[derive(Debug)]
pub(crate) struct Row<'a> {
    line: u64,
    record: &'a ByteRecord,
    header: &'a Header,
    max_cell: usize,
}

impl<'a> Row<'a> {
    /// The file line on which the record starts.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// The refusal of a row whose field count differs from the header's, at its first missing
    /// or extra column.
    pub(crate) fn ragged(&self) -> Option<RefusedCell> {
        let (found, expected) = (self.record.len(), self.header.width());
        (found != expected).then(|| {
            let column = found.min(expected);
            let value = self.record.get(column).map(String::from_utf8_lossy);
            RefusedCell::new(
                self.line,
                column + 1,
                self.header.name(column),
                value.as_deref().unwrap_or(""),
                CellProblem::Ragged { found, expected },
            )
        })
    }

    /// Cell `i` (0-based) as text, or its refusal: not UTF-8, or over the cell limit. A
    /// column past the end of a ragged row reads as empty.
    pub(crate) fn text(&self, i: usize) -> Result<&'a str, RefusedCell> {
        let bytes = self.record.get(i).unwrap_or_default();
        if bytes.len() > self.max_cell {
            let head = &bytes[..bytes.len().min(256)];
            return Err(self.refuse(
                i,
                &String::from_utf8_lossy(head),
                CellProblem::TooLarge {
                    bytes: bytes.len(),
                    limit: self.max_cell,
                },
            ));
        }
        std::str::from_utf8(bytes)
            .map_err(|_| self.refuse(i, &String::from_utf8_lossy(bytes), CellProblem::InvalidUtf8))
    }

    /// A refusal of cell `i` (0-based).
    pub(crate) fn refuse(&self, i: usize, value: &str, problem: CellProblem) -> RefusedCell {
        RefusedCell::new(self.line, i + 1, self.header.name(i), value, problem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(text: &[u8], rows: usize) -> Result<Source<&[u8]>, ImportError> {
        Source::open(text, rows, false, DEFAULT_MAX_CELL)
    }

    #[test]
    fn quoted_cells_keep_commas_and_line_breaks_and_rows_count_file_lines() {
        let mut source = open(b"\xef\xbb\xbfid,comment\n1,\"a, b\nc\"\n2,ok\n", 1).unwrap();
        assert_eq!(source.header().name(0), "id");
        let row = source.next_row().unwrap().unwrap();
        assert_eq!((row.line(), row.text(1).unwrap()), (2, "a, b\nc"));
        let row = source.next_row().unwrap().unwrap();
        assert_eq!((row.line(), row.text(0).unwrap()), (4, "2"));
        assert!(source.next_row().is_none());
    }

    #[test]
    fn rows_count_lines_ended_by_cr_lf_crlf_alike() {
        // "CSV (Macintosh)" exports end lines with a lone CR; Windows ones with CRLF; a quoted
        // cell may hold any of them. Every kind of break is one file line.
        for (text, lines) in [
            (&b"id,x\r1,a\r2,\"b\rc\"\r3,d\r"[..], [2, 3, 5]),
            (&b"id,x\r\n1,a\r\n2,\"b\r\nc\"\r\n3,d\r\n"[..], [2, 3, 5]),
            (&b"id,x\n1,a\r2,\"b\nc\"\r\n3,d"[..], [2, 3, 5]),
        ] {
            let mut source = open(text, 1).unwrap();
            for line in lines {
                assert_eq!(source.next_row().unwrap().unwrap().line(), line, "{text:?}");
            }
            assert!(source.next_row().is_none());
        }
    }

    #[test]
    fn a_bom_delivered_byte_by_byte_is_still_dropped() {
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = b;
                self.0 = rest;
                Ok(1)
            }
        }
        let source = Source::open(
            Trickle(b"\xef\xbb\xbfid,x\n1,2\n"),
            1,
            false,
            DEFAULT_MAX_CELL,
        )
        .unwrap();
        assert_eq!(source.header().name(0), "id");
    }

    #[test]
    fn columns_resolve_by_name_or_number_and_say_why_not() {
        let source = open(b"a,b,a\n", 1).unwrap();
        let header = source.header();
        assert_eq!(header.find(&"b".into()), Ok(1));
        assert_eq!(header.find(&Column::number(3)), Ok(2));
        assert!(matches!(
            header.find(&"a".into()),
            Err(ImportError::AmbiguousColumn { numbers, .. }) if numbers == [1, 3]
        ));
        let err = header.find(&"c".into()).unwrap_err();
        assert!(err.to_string().contains("\"c\"") && err.to_string().contains("\"a\", \"b\""));
        assert!(header.find(&Column::number(4)).is_err());
        assert!(header.find(&Column::number(0)).is_err());
    }

    #[test]
    fn a_runaway_record_stops_the_import_naming_its_row() {
        let mut text = b"id,comment\n1,ok\n2,\"never closed ".to_vec();
        text.extend(std::iter::repeat_n(b'x', 200_000));
        let mut source = Source::open(&text[..], 1, false, 1000).unwrap();
        assert!(source.next_row().unwrap().is_ok());
        let err = source.next_row().unwrap().unwrap_err();
        assert_eq!(
            err,
            ImportError::RecordTooLarge {
                row: 3,
                limit: 8000
            }
        );
        assert!(source.next_row().is_none());
    }

    #[test]
    fn too_few_header_rows_and_bad_header_text_are_errors() {
        assert_eq!(
            open(b"a,b\n", 3).unwrap_err(),
            ImportError::MissingHeader {
                expected: 3,
                found: 1
            }
        );
        assert_eq!(
            open(b"a,\xff\n", 1).unwrap_err(),
            ImportError::InvalidUtf8 { row: 1, column: 2 }
        );
    }

    #[test]
    fn cells_past_the_limit_or_not_utf8_are_refused_with_their_place() {
        let mut source = Source::open(&b"id,c\n1,\xff\n2,abcdef\n"[..], 1, false, 4).unwrap();
        let row = source.next_row().unwrap().unwrap();
        assert_eq!(
            row.text(1).unwrap_err().problem(),
            &CellProblem::InvalidUtf8
        );
        let row = source.next_row().unwrap().unwrap();
        let refused = row.text(1).unwrap_err();
        assert_eq!(
            (refused.row(), refused.column(), refused.header()),
            (3, 2, "c")
        );
        assert_eq!(
            refused.problem(),
            &CellProblem::TooLarge { bytes: 6, limit: 4 }
        );
    }

    #[test]
    fn ragged_rows_name_their_first_odd_column() {
        let mut source = open(b"a,b,c\n1,2\n1,2,3,4\n1,2,3\n", 1).unwrap();
        let short = source.next_row().unwrap().unwrap().ragged().unwrap();
        assert_eq!((short.row(), short.column(), short.header()), (2, 3, "c"));
        let long = source.next_row().unwrap().unwrap().ragged().unwrap();
        assert_eq!((long.column(), long.value()), (4, "4"));
        assert!(source.next_row().unwrap().unwrap().ragged().is_none());
    }
}
