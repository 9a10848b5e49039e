//! [`ImportSummary`]: what one survey import read, accepted, rejected and refused.

use std::fmt;

use super::error::RefusedCell;

/// Refused cells an [`ImportSummary`] keeps by default (all are counted).
pub(super) const DEFAULT_KEEP: usize = 100;

/// The account of one import: rows read, responses accepted and rejected, abandoned rows
/// skipped, and the refused cells (all counted, the first ones kept).
///
/// In strict mode `accepted + rejected + abandoned == rows`; a rejected response has at
/// least one refused cell. In lenient mode only a row without a respondent or submission
/// time, a ragged row, or a bad completion cell is rejected; other refused cells are answers
/// dropped from accepted responses ([`answers_dropped`](Self::answers_dropped)), which the
/// scorecard counts by question and reason too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub(super) rows: u64,
    pub(super) accepted: u64,
    pub(super) rejected: u64,
    pub(super) abandoned: u64,
    pub(super) refused_cells: u64,
    pub(super) answers_dropped: u64,
    pub(super) refused: Vec<RefusedCell>,
    pub(super) keep: usize,
}

impl ImportSummary {
    pub(super) fn new(keep: usize) -> Self {
        Self {
            rows: 0,
            accepted: 0,
            rejected: 0,
            abandoned: 0,
            refused_cells: 0,
            answers_dropped: 0,
            refused: Vec::new(),
            keep,
        }
    }

    /// Counts `cells` and keeps them while there is room.
    pub(super) fn refuse(&mut self, cells: &mut Vec<RefusedCell>) {
        self.refused_cells += cells.len() as u64;
        let room = self.keep.saturating_sub(self.refused.len());
        self.refused.extend(cells.drain(..).take(room));
    }

    /// A response refused whole, for `cells`.
    pub(super) fn reject(&mut self, cells: &mut Vec<RefusedCell>) {
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

    /// Rows the export marks as abandoned (unfinished surveys: Qualtrics' `Finished` =
    /// False, a `Progress` under 100, or the flag column of
    /// [`finished`](super::SurveyImportBuilder::finished)), skipped.
    #[must_use]
    pub fn abandoned(&self) -> u64 {
        self.abandoned
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
    /// [`keep_refused`](super::SurveyImportBuilder::keep_refused) said otherwise).
    #[must_use]
    pub fn refused(&self) -> &[RefusedCell] {
        &self.refused
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} rows read: {} responses accepted, {} rejected, {} abandoned skipped; {} cells refused",
            self.rows, self.accepted, self.rejected, self.abandoned, self.refused_cells
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
