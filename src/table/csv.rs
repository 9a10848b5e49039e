//! Tables as CSV (RFC 4180), by the `csv` crate: quoting, embedded separators and line breaks
//! are its job.

use std::io;
use std::path::Path;
use std::sync::Arc;

use super::{Cell, Table, TableError};

impl Table {
    /// The table as CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks
    /// quoted, CRLF line ends): one header row of the column names, then the rows. Values are
    /// written for programs to read back: counts as integers, numbers at full precision (the
    /// shortest text that reads back as the same double: a share as `0.4213`, not `42.1%`),
    /// periods by their label, empty cells empty. The title, notes and marks are not part of
    /// CSV; a spreadsheet ([`Workbook`](super::Workbook), feature `xlsx`) keeps them.
    ///
    /// ```
    /// use satisfaction::table::{Cell, Format, Table};
    ///
    /// let mut table = Table::new("by channel");
    /// table.add_column("channel", Format::Text)?;
    /// table.add_column("share", Format::Percent { decimals: 1 })?;
    /// table.push_row(vec![Cell::from("chat, web"), Cell::number(0.5)])?;
    /// table.push_row(vec![Cell::from("say \"hi\""), Cell::Empty])?;
    /// assert_eq!(table.to_csv()?, "channel,share\r\n\"chat, web\",0.5\r\n\"say \"\"hi\"\"\",\r\n");
    /// # Ok::<(), satisfaction::table::TableError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None in practice: writing to memory does not fail. The signature is
    /// [`write_csv`](Self::write_csv)'s.
    #[cfg_attr(not(feature = "xlsx"), allow(rustdoc::broken_intra_doc_links))] // `Workbook`
    pub fn to_csv(&self) -> Result<String, TableError> {
        let mut out = Vec::new();
        self.write_csv(&mut out)?;
        // The csv writer writes the bytes of UTF-8 strings and ASCII separators only.
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// Writes [`to_csv`](Self::to_csv)'s text to `writer`.
    ///
    /// # Errors
    ///
    /// [`TableError::Write`] when the writer fails.
    pub fn write_csv(&self, writer: impl io::Write) -> Result<(), TableError> {
        let mut csv = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(writer);
        let fail = |e: ::csv::Error| TableError::Write(Arc::new(io::Error::other(e)));
        csv.write_record(self.columns.iter().map(|c| c.name.as_str()))
            .map_err(fail)?;
        for row in &self.rows {
            csv.write_record(row.iter().map(field)).map_err(fail)?;
        }
        csv.flush().map_err(|e| TableError::Write(Arc::new(e)))
    }

    /// Writes [`to_csv`](Self::to_csv)'s text to the file at `path`, replacing it.
    ///
    /// # Errors
    ///
    /// [`TableError::Io`] when the file cannot be created or written.
    pub fn save_csv(&self, path: impl AsRef<Path>) -> Result<(), TableError> {
        let path = path.as_ref();
        let io_error = |source| TableError::Io {
            path: path.to_owned(),
            source: Arc::new(source),
        };
        let file = std::fs::File::create(path).map_err(io_error)?;
        self.write_csv(io::BufWriter::new(file))
            .map_err(|e| match e {
                TableError::Write(source) => TableError::Io {
                    path: path.to_owned(),
                    source,
                },
                other => other,
            })
    }
}

/// A cell as CSV text.
fn field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Count(n) => n.to_string(),
        // Rust prints the shortest decimal that reads back as the same double.
        Cell::Number(x) | Cell::Formatted(x, _) => x.to_string(),
        Cell::Period(p) => p.to_string(),
    }
}
