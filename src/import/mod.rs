//! Reading exports (feature `csv`): survey tools' CSV downloads into a [`Scorecard`], helpdesk
//! and call-queue exports into typed rows, streaming, with every refused cell reported by row
//! and column.
//!
//! Survey data arrives as exports: Qualtrics (three header rows, a byte-order mark, quoted
//! comments with commas and line breaks, `Finished` and `Progress` metadata), SurveyMonkey
//! (two header rows: question, then answer option), Typeform and generic one-header files.
//! Splitting lines on commas breaks on the first quoted comment; this module reads them with
//! the [`csv`](https://docs.rs/csv) crate and maps them onto a [`Survey`](crate::Survey).
//!
//! - [`SurveyImport`]: which column holds which question (by name or number), the respondent
//!   and submission columns, the layout ([`Preset`]), how choice text or recode numbers map to
//!   options, which cell values mean skipped or not applicable. [`read`](SurveyImport::read)
//!   feeds a strict or lenient [`Scorecard`] row by row from any [`std::io::Read`], without
//!   loading the file, and returns an [`ImportSummary`].
//! - [`TicketImport`]: creation, first reply and resolution times, reply counts, reopened and
//!   abandoned flags, waits, a segment; each row a [`TicketRow`] from which
//!   [`FirstResponse`](crate::FirstResponse) (wall clock or business hours),
//!   [`Ticket`](crate::Ticket) and [`QueuedContact`](crate::QueuedContact) are derived.
//!
//! # Example: a Qualtrics export
//!
//! A Qualtrics "CSV" download starts with three header rows (column ids, question text, an
//! import id per column in JSON) and a UTF-8 byte-order mark, and holds unfinished responses
//! beside finished ones. Map the question columns by id (`Q1`...) onto the survey; the preset
//! finds `ResponseId`, `RecordedDate` (a local time in the zone its import id names) and
//! `Finished` by itself:
//!
//! ```
//! use satisfaction::import::{Preset, SurveyImport};
//! use satisfaction::{Aggregator, Answer, Question, RatingScale, Scorecard, Survey};
//!
//! let export = concat!("\u{feff}", r#"StartDate,EndDate,Progress,Finished,RecordedDate,ResponseId,Q1,Q2,Q3,Q4
//! Start Date,End Date,Progress,Finished,Recorded Date,Response ID,How likely are you to recommend us?,How satisfied were you?,Was your issue resolved?,Anything else?
//! "{""ImportId"":""startDate"",""timeZone"":""America/Denver""}","{""ImportId"":""endDate"",""timeZone"":""America/Denver""}","{""ImportId"":""progress""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate"",""timeZone"":""America/Denver""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}","{""ImportId"":""QID4_TEXT""}"
//! 2026-11-03 09:12:01,2026-11-03 09:14:40,100,True,2026-11-03 09:14:41,R_1a,10,Very satisfied,Yes,"Quick, friendly,
//! and it works now"
//! 2026-11-03 10:00:00,2026-11-03 10:01:00,40,False,2026-11-10 10:01:00,R_2b,3,,,
//! 2026-11-04 16:30:00,2026-11-04 16:33:10,100,True,2026-11-04 16:33:11,R_3c,11,Satisfied,No,
//! 2026-11-05 08:00:00,2026-11-05 08:02:00,100,True,2026-11-05 08:02:02,R_4d,7,Dissatisfied,-99,
//! "#);
//!
//! let survey = Survey::builder("post-support")
//!     .question(Question::nps("nps").required())
//!     .question(Question::rating("csat", RatingScale::FIVE_POINT, 4)
//!         .labels([(1, "Very dissatisfied"), (5, "Very satisfied")]))
//!     .question(Question::binary("resolved"))
//!     .question(Question::text("comment"))
//!     .build()?;
//! let import = SurveyImport::builder(&survey)
//!     .preset(Preset::Qualtrics)
//!     .column("Q1", "nps")
//!     .column("Q2", "csat")
//!     .column("Q3", "resolved")
//!     .column("Q4", "comment")
//!     // Labels the question does not declare, as the tool writes them.
//!     .recode("csat", [("Satisfied", Answer::Score(4)), ("Neither", Answer::Score(3)),
//!                      ("Dissatisfied", Answer::Score(2))])
//!     .skipped(&["", "-99"]) // -99: seen, not answered
//!     .build()?;
//!
//! let mut card = Scorecard::strict(&survey);
//! let summary = import.read(export.as_bytes(), &mut card)?;
//! assert_eq!(summary.rows(), 4);
//! assert_eq!((summary.accepted(), summary.rejected(), summary.abandoned()), (2, 1, 1));
//! // The NPS of 11 is refused, with its place in the file (rows count file lines).
//! assert_eq!(summary.refused()[0].to_string(),
//!     "row 7, column 7 \"Q1\": \"11\" is refused (value out of range): \
//!      valid values are NPS score 0..=10, skipped or not applicable");
//! println!("{summary}");
//! let scores = card.summary().unwrap();
//! assert_eq!(scores.question("nps").unwrap().nps().unwrap().score(), 50.0); // a 10 and a 7
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The comment on line 4 has a comma and a line break inside its quotes; it is one cell, and
//! the rows after it keep their file line numbers. The row that is still in progress
//! (`Finished` = False) is counted as abandoned, not refused.
//!
//! # Mapping cells to answers
//!
//! A cell is read in this order: a **skipped** marker ([`skipped`](SurveyImportBuilder::skipped),
//! `""` by default) or a **not applicable** one
//! ([`not_applicable`](SurveyImportBuilder::not_applicable)); a per-question
//! [`recode`](SurveyImportBuilder::recode) (choice text to an option, label text or codes to a
//! score, a tool's own yes/no codes); then by the question's kind:
//!
//! | question | cell |
//! |---|---|
//! | NPS, rating, CES, semantic differential | a whole number (`9`, `9.0`), or one of a rating's labels |
//! | yes/no | yes/no, true/false, y/n, 1/0 (ASCII case ignored) |
//! | single choice | the option's text (ASCII case ignored), or its number k with [`choice_numbers`](SurveyImportBuilder::choice_numbers) |
//! | multi-select | choices separated by `,` ([`separator`](SurveyImportBuilder::separator)) in one column, or one column per option (SurveyMonkey), each holding the option's text when chosen |
//! | text | the cell |
//!
//! Whether the answer fits is the survey's rule, applied by the scorecard: an 11 for NPS, an
//! undeclared option, text where a score belongs are refused with the survey's
//! [`RejectReason`](crate::survey::RejectReason).
//!
//! # Strict, lenient, and bad input
//!
//! | input | strict scorecard | lenient scorecard | import |
//! |---|---|---|---|
//! | a bad answer (out of range, unknown option, not a number, required and skipped) | response refused whole | the other answers recorded, the bad one counted by the scorecard | cell reported, import goes on |
//! | a cell that is not UTF-8 or longer than the limit (1 MiB) | response refused | the answer left out | cell reported, import goes on |
//! | a ragged row (another number of fields than the header), no respondent id or submission time, a bad `Finished` cell | response refused | response refused | cell reported, import goes on |
//! | a record longer than eight cell limits (an unbalanced quote) | | | [`ImportError::RecordTooLarge`]: stops, naming the row |
//! | a missing or wrong header, a mapped column the file lacks or has twice, a header cell that is not UTF-8 | | | [`ImportError`] before any row is read |
//!
//! Rows are the file's physical lines where each record starts (header rows included); columns
//! are counted from 1, as in a spreadsheet. The summary counts every refused cell and keeps
//! the first hundred ([`keep_refused`](SurveyImportBuilder::keep_refused)). Nothing panics, on
//! any input.
//!
//! # Tickets and calls
//!
//! ```
//! use std::time::Duration;
//! use satisfaction::calendar::parse_timestamp;
//! use satisfaction::import::{TicketImport, TimeFormat};
//! use satisfaction::{Abandonment, Aggregator, FirstResponseTime};
//!
//! let tickets = "ticket_id,created_unix,first_reply_unix\nT1,1793531091,1793531343\nT2,1793537000,\n";
//! let import = TicketImport::builder()
//!     .id("ticket_id")
//!     .created("created_unix", TimeFormat::UnixSeconds)
//!     .first_reply("first_reply_unix", TimeFormat::UnixSeconds)
//!     .build()?;
//! let report = parse_timestamp("2026-11-02T00:00:00Z")?;
//! let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
//! for row in import.rows(tickets.as_bytes())? {
//!     frt.push(row?.first_response(report)?);
//! }
//! assert_eq!((frt.answered(), frt.unanswered()), (1, 1));
//!
//! let calls = "call_id,wait_seconds,abandoned\nC1,101,false\nC2,121,true\n";
//! let import = TicketImport::builder().wait_seconds("wait_seconds").abandoned("abandoned").build()?;
//! let mut queue = Abandonment::default();
//! for row in import.rows(calls.as_bytes())? {
//!     queue.push(row?.queued_contact()?);
//! }
//! assert_eq!(queue.summary().unwrap().abandoned(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Speed
//!
//! Records are read as bytes and only mapped cells are decoded, so a wide export costs little
//! more than a narrow one. A strict import of a 100,000-row Qualtrics-shaped file (24 columns,
//! 22 MB, quoted multi-line comments) runs at about 5.5e5 rows/s on one core (`cargo bench
//! --bench import --features csv`), 0.18 s for the file; the csv crate alone reads its
//! records at 3.5e6 rows/s, so most of the time is parsing timestamps, building responses and
//! validating them.

mod answers;
mod error;
mod layout;
mod source;
mod summary;
mod survey;
mod survey_builder;
mod ticket_row;
mod tickets;
mod time;

pub use error::{CellProblem, ImportError, RefusedCell};
pub use layout::{Column, Preset};
pub use summary::ImportSummary;
pub use survey::{Imported, ReadError, SurveyImport};
pub use survey_builder::SurveyImportBuilder;
pub use ticket_row::TicketRow;
pub use tickets::{TicketImport, TicketImportBuilder, TicketRows};
pub use time::TimeFormat;

#[cfg(doc)]
use crate::survey::Scorecard;
