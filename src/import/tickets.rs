//! Helpdesk and call-queue exports: [`TicketImport`] maps their columns, and reads each row
//! into a typed [`TicketRow`] (`ticket_row.rs`), checking its cells.

use std::io::Read;

use crate::calendar::Zone;
use crate::time::duration_from_secs;

use super::answers::{flag, listed, trimmed};
use super::error::{CellProblem, ImportError};
use super::layout::{Column, check_limits};
use super::source::{DEFAULT_MAX_CELL, Row, Source};
use super::ticket_row::TicketRow;
use super::time::TimeFormat;

const FLAG: &str = "a yes/no flag (true, false, yes, no, y, n, 1, 0)";

/// How a ticket or call export maps to typed rows: which columns hold the ticket's instants,
/// outcome and segment. Every column is optional; a record derived from a row says which
/// value it lacks.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::calendar::parse_timestamp;
/// use satisfaction::import::{TicketImport, TimeFormat};
/// use satisfaction::{Aggregator, FirstContactResolution, FirstResponseTime};
///
/// let export = "\
/// id,created,first_reply,solved,replies,reopened
/// T1,2026-11-03T09:00:00Z,2026-11-03T09:20:00Z,true,1,false
/// T2,2026-11-03T10:00:00Z,,false,0,false
/// T3,2026-11-03T11:00:00Z,2026-11-03T10:00:00Z,true,2,false
/// ";
/// let import = TicketImport::builder()
///     .id("id")
///     .created("created", TimeFormat::Offset)
///     .first_reply("first_reply", TimeFormat::Offset)
///     .resolved("solved")
///     .agent_replies("replies")
///     .reopened("reopened")
///     .build()?;
/// let report = parse_timestamp("2026-11-03T12:00:00Z")?;
/// let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
/// let mut fcr = FirstContactResolution::default();
/// let mut refused = Vec::new();
/// for row in import.rows(export.as_bytes())? {
///     match row {
///         Ok(ticket) => {
///             frt.push(ticket.first_response(report)?);
///             fcr.push(ticket.ticket()?);
///         }
///         Err(err) if !err.is_fatal() => refused.push(err.to_string()),
///         Err(err) => return Err(err.into()),
///     }
/// }
/// assert_eq!((frt.answered(), frt.unanswered()), (1, 1));
/// // T3's reply is before its creation: refused, naming the row and column.
/// assert!(refused[0].starts_with("row 4, column 3 \"first_reply\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketImport {
    header_rows: usize,
    columns: [Option<Column>; FIELDS],
    formats: [Option<TimeFormat>; 3],
    zones: Vec<(String, Zone)>,
    empty: Vec<String>,
    max_cell: usize,
}

/// The mapped fields, in `TicketImport::columns` order.
const ID: usize = 0;
const SEGMENT: usize = 1;
const CREATED: usize = 2;
const FIRST_REPLY: usize = 3;
const RESOLVED_AT: usize = 4;
const RESOLVED: usize = 5;
const AGENT_REPLIES: usize = 6;
const REOPENED: usize = 7;
const WAIT: usize = 8;
const ABANDONED: usize = 9;
const FIELDS: usize = 10;

/// Builds a [`TicketImport`]; every check happens in [`build`](Self::build).
#[derive(Debug, Clone)]
#[must_use]
pub struct TicketImportBuilder {
    import: TicketImport,
}

impl TicketImport {
    /// Starts a mapping: one header row, no columns, `""` meaning "no value", 1 MiB cells.
    pub fn builder() -> TicketImportBuilder {
        TicketImportBuilder {
            import: TicketImport {
                header_rows: 1,
                columns: Default::default(),
                formats: Default::default(),
                zones: Vec::new(),
                empty: vec![String::new()],
                max_cell: DEFAULT_MAX_CELL,
            },
        }
    }

    /// The rows of an export, streaming: the header is read now, each row when the iterator
    /// reaches it.
    ///
    /// The iterator yields a [`TicketRow`] per row, or an [`ImportError::Cell`] naming the
    /// row, column, value and reason for a row with a refused cell (the next rows still
    /// come); after a fatal error (a record past the size limit, a read error) it ends.
    ///
    /// # Errors
    ///
    /// [`ImportError`] for a missing header or a mapped column the header lacks or has twice.
    pub fn rows<R: Read>(&self, input: R) -> Result<TicketRows<'_, R>, ImportError> {
        let source = Source::open(input, self.header_rows, false, self.max_cell)?;
        let mut positions = [None; FIELDS];
        for (position, column) in positions.iter_mut().zip(&self.columns) {
            if let Some(column) = column {
                *position = Some(source.header().find(column)?);
            }
        }
        Ok(TicketRows {
            import: self,
            source,
            positions,
        })
    }

    /// One row as a ticket record, or its first refused cell.
    fn row(
        &self,
        positions: &[Option<usize>; FIELDS],
        row: &Row<'_>,
    ) -> Result<TicketRow, ImportError> {
        if let Some(cell) = row.ragged() {
            return Err(ImportError::Cell(cell));
        }
        // Each mapped cell as text; `None` for an unmapped column or an "empty" cell.
        let mut texts: [Option<&str>; FIELDS] = [None; FIELDS];
        for (text, position) in texts.iter_mut().zip(positions) {
            if let Some(i) = *position {
                let cell = row.text(i).map_err(ImportError::Cell)?;
                let trimmed = cell.trim();
                if !listed(&self.empty, trimmed) {
                    *text = Some(trimmed);
                }
            }
        }
        let refuse = |field: usize, problem: CellProblem| {
            let i = positions[field].unwrap_or_default();
            ImportError::Cell(row.refuse(i, texts[field].unwrap_or_default(), problem))
        };
        let invalid = |field: usize, expected: &str, reason: String| {
            refuse(
                field,
                CellProblem::Invalid {
                    expected: expected.to_owned(),
                    reason,
                },
            )
        };
        let segment = texts[SEGMENT].map(str::to_owned);
        let zone = segment
            .as_deref()
            .and_then(|s| self.zones.iter().find(|(k, _)| k == s))
            .map(|(_, z)| z);
        let instant = |field: usize| -> Result<Option<i64>, ImportError> {
            let format = self.formats[field - CREATED].as_ref();
            match (texts[field], format) {
                (Some(text), Some(format)) => format
                    .parse_in(text, zone)
                    .map(Some)
                    .map_err(|problem| refuse(field, problem)),
                _ => Ok(None),
            }
        };
        let created = instant(CREATED)?;
        if positions[CREATED].is_some() && created.is_none() {
            return Err(refuse(CREATED, CellProblem::Empty));
        }
        let first_reply = instant(FIRST_REPLY)?;
        let resolved_at = instant(RESOLVED_AT)?;
        for (field, at) in [(FIRST_REPLY, first_reply), (RESOLVED_AT, resolved_at)] {
            if let (Some(created), Some(at)) = (created, at)
                && at < created
            {
                return Err(invalid(
                    field,
                    "an instant at or after the ticket's creation",
                    format!("it is {} s before the creation", created - at),
                ));
            }
        }
        let boolean = |field: usize| -> Result<Option<bool>, ImportError> {
            texts[field]
                .map(|text| flag(text).ok_or_else(|| invalid(field, FLAG, String::new())))
                .transpose()
        };
        let resolved = match boolean(RESOLVED)? {
            Some(flag) => Some(flag),
            // Without a flag column, a resolution time says it.
            None if positions[RESOLVED].is_none() && positions[RESOLVED_AT].is_some() => {
                Some(resolved_at.is_some())
            }
            None => None,
        };
        let agent_replies = texts[AGENT_REPLIES]
            .map(|text| {
                let expected = "a reply count 0..=4294967295";
                let count: i64 = text
                    .parse()
                    .map_err(|_| invalid(AGENT_REPLIES, expected, String::new()))?;
                u32::try_from(count).map_err(|_| invalid(AGENT_REPLIES, expected, String::new()))
            })
            .transpose()?;
        let wait = texts[WAIT]
            .map(|text| {
                let expected = "a wait in seconds";
                let seconds: f64 = text
                    .parse()
                    .map_err(|_| invalid(WAIT, expected, String::new()))?;
                duration_from_secs(seconds).map_err(|e| invalid(WAIT, expected, e.to_string()))
            })
            .transpose()?;
        Ok(TicketRow {
            row: row.line(),
            id: texts[ID].map(str::to_owned),
            segment,
            created,
            first_reply,
            resolved_at,
            resolved,
            agent_replies,
            reopened: boolean(REOPENED)?,
            wait,
            abandoned: boolean(ABANDONED)?,
        })
    }
}

impl TicketImportBuilder {
    fn column(mut self, field: usize, column: impl Into<Column>) -> Self {
        self.import.columns[field] = Some(column.into());
        self
    }

    fn instant(mut self, field: usize, column: impl Into<Column>, format: TimeFormat) -> Self {
        self.import.formats[field - CREATED] = Some(format);
        self.column(field, column)
    }

    /// Header rows before the first record (1 by default; 1 to 16).
    pub fn header_rows(mut self, rows: usize) -> Self {
        self.import.header_rows = rows;
        self
    }

    /// The ticket or call id column.
    pub fn id(self, column: impl Into<Column>) -> Self {
        self.column(ID, column)
    }

    /// The segment column (team, channel, queue...).
    pub fn segment(self, column: impl Into<Column>) -> Self {
        self.column(SEGMENT, column)
    }

    /// The creation-time column (the customer's first message). When mapped, every row needs
    /// one.
    pub fn created(self, column: impl Into<Column>, format: TimeFormat) -> Self {
        self.instant(CREATED, column, format)
    }

    /// The first human reply's time; an empty cell is a ticket not answered yet.
    pub fn first_reply(self, column: impl Into<Column>, format: TimeFormat) -> Self {
        self.instant(FIRST_REPLY, column, format)
    }

    /// The resolution time; an empty cell is a ticket not resolved yet.
    pub fn resolved_at(self, column: impl Into<Column>, format: TimeFormat) -> Self {
        self.instant(RESOLVED_AT, column, format)
    }

    /// A resolved flag column (without one, a mapped resolution time says whether a ticket
    /// is resolved).
    pub fn resolved(self, column: impl Into<Column>) -> Self {
        self.column(RESOLVED, column)
    }

    /// The agent-reply count column (for first contact resolution).
    pub fn agent_replies(self, column: impl Into<Column>) -> Self {
        self.column(AGENT_REPLIES, column)
    }

    /// The reopened flag column (not reopened when unmapped or empty).
    pub fn reopened(self, column: impl Into<Column>) -> Self {
        self.column(REOPENED, column)
    }

    /// A queued contact's wait in seconds (a call export).
    pub fn wait_seconds(self, column: impl Into<Column>) -> Self {
        self.column(WAIT, column)
    }

    /// The abandoned flag column of a call export.
    pub fn abandoned(self, column: impl Into<Column>) -> Self {
        self.column(ABANDONED, column)
    }

    /// Reads the local times (formats [`Local`](TimeFormat::Local),
    /// [`UsLocal`](TimeFormat::UsLocal), [`Date`](TimeFormat::Date)) of rows whose segment is
    /// `segment` in `zone` instead of the format's own zone: a multi-team export whose teams
    /// write their wall time.
    pub fn zone_for(mut self, segment: impl Into<String>, zone: Zone) -> Self {
        self.import.zones.push((segment.into(), zone));
        self
    }

    /// Cell values meaning "no value" (trimmed, ASCII case ignored), replacing the default
    /// `[""]`: e.g. `["", "null", "-"]`.
    pub fn empty<S: AsRef<str>>(mut self, values: &[S]) -> Self {
        self.import.empty = trimmed(values);
        self
    }

    /// The longest cell in bytes (1 MiB by default); a record longer than eight such cells
    /// stops the import.
    pub fn max_cell_bytes(mut self, bytes: usize) -> Self {
        self.import.max_cell = bytes;
        self
    }

    /// Validates the mapping.
    ///
    /// # Errors
    ///
    /// [`ImportError::Setting`]: header rows outside 1..=16, a cell limit of 0, column number
    /// 0, segment zones without a segment column, or no column mapped at all.
    pub fn build(self) -> Result<TicketImport, ImportError> {
        let import = self.import;
        check_limits(
            import.header_rows,
            import.max_cell,
            import.columns.iter().flatten(),
        )?;
        if import.columns.iter().all(Option::is_none) {
            return Err(ImportError::setting(
                "no column is mapped: map at least one, e.g. .created(column, format)",
            ));
        }
        if !import.zones.is_empty() && import.columns[SEGMENT].is_none() {
            return Err(ImportError::setting(
                "zones per segment need a segment column: map it with .segment(column)",
            ));
        }
        Ok(import)
    }
}

/// The rows of a ticket or call export, streaming; see [`TicketImport::rows`].
#[derive(Debug)]
pub struct TicketRows<'a, R> {
    import: &'a TicketImport,
    source: Source<R>,
    positions: [Option<usize>; FIELDS],
}

impl<R: Read> Iterator for TicketRows<'_, R> {
    type Item = Result<TicketRow, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = match self.source.next_row()? {
            Ok(row) => row,
            Err(err) => return Some(Err(err)),
        };
        Some(self.import.row(&self.positions, &row))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::metrics::abandonment::QueuedContact;
    use crate::metrics::fcr::Ticket;

    #[test]
    fn calls_become_queued_contacts() {
        let import = TicketImport::builder()
            .id("call_id")
            .wait_seconds("wait_seconds")
            .abandoned("abandoned")
            .build()
            .unwrap();
        let rows: Vec<_> = import
            .rows(&b"call_id,wait_seconds,abandoned\nC1,12.5,true\nC2,40,no\nC3,-1,false\nC4,5,maybe\n"[..])
            .unwrap()
            .collect();
        let contacts: Vec<_> = rows[..2]
            .iter()
            .map(|r| r.as_ref().unwrap().queued_contact().unwrap())
            .collect();
        assert_eq!(
            contacts,
            [
                QueuedContact::abandoned(Duration::from_millis(12_500)),
                QueuedContact::answered(Duration::from_secs(40))
            ]
        );
        let negative = rows[2].as_ref().unwrap_err().to_string();
        assert!(
            negative.contains("row 4, column 2") && negative.contains("negative"),
            "{negative}"
        );
        let flag = rows[3].as_ref().unwrap_err().to_string();
        assert!(flag.contains("\"maybe\" is not a yes/no flag"), "{flag}");
        // A call is no ticket: the record says what it lacks.
        let ticket = rows[0].as_ref().unwrap().first_response(0).unwrap_err();
        assert_eq!(
            ticket.to_string(),
            "row 2: a first response needs a value in the created column (it is empty or not mapped)"
        );
    }

    #[test]
    fn local_times_follow_the_segment_zone() {
        let ny = Zone::named("America/New_York").unwrap();
        let import = TicketImport::builder()
            .segment("team")
            .created("created", TimeFormat::Offset)
            .resolved_at("resolved", TimeFormat::Local(Zone::utc()))
            .zone_for("new-york", ny)
            .build()
            .unwrap();
        let text = b"team,created,resolved\nnew-york,2026-11-03T09:00:00-05:00,2026-11-03 10:00\nlondon,2026-11-03T09:00:00Z,2026-11-03 10:00\nlondon,2026-11-03T09:00:00Z,\n";
        let rows: Vec<TicketRow> = import
            .rows(&text[..])
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let hours = |r: &TicketRow| (r.resolved_at().unwrap() - r.created().unwrap()) / 3600;
        assert_eq!((hours(&rows[0]), hours(&rows[1])), (1, 1));
        assert_eq!(rows[2].is_resolved(), Some(false));
        assert_eq!(rows[2].ticket().unwrap(), Ticket::unresolved());
        assert!(rows[0].ticket().is_err()); // resolved, but no reply count
    }

    #[test]
    fn settings_are_checked() {
        assert!(TicketImport::builder().build().is_err());
        assert!(
            TicketImport::builder()
                .id(Column::number(0))
                .build()
                .is_err()
        );
        assert!(
            TicketImport::builder()
                .id("x")
                .header_rows(0)
                .build()
                .is_err()
        );
        assert!(
            TicketImport::builder()
                .id("x")
                .zone_for("a", Zone::utc())
                .build()
                .is_err()
        );
        let import = TicketImport::builder().id("nope").build().unwrap();
        assert!(matches!(
            import.rows(&b"id\n1\n"[..]),
            Err(ImportError::MissingColumn { .. })
        ));
    }
}
