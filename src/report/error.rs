//! What can go wrong while building or saving a report.

use std::path::PathBuf;
use std::sync::Arc;

use crate::chart::ChartError;
use crate::table::TableError;

/// Why a section could not be added, or the page not written.
///
/// A failed section leaves the report as it was: the sections added before are kept and the
/// page stays well-formed.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A section's chart could not be drawn.
    #[error("the {section:?} section's chart: {source}")]
    Chart {
        /// The section's heading.
        section: String,
        /// Why.
        #[source]
        source: ChartError,
    },
    /// A section's table could not be built.
    #[error("the {section:?} section's table: {source}")]
    Table {
        /// The section's heading.
        section: String,
        /// Why.
        #[source]
        source: TableError,
    },
    /// A section was given nothing to show.
    #[error("the {section:?} section has nothing to show: {what}")]
    Empty {
        /// The section's heading.
        section: String,
        /// What was missing.
        what: &'static str,
    },
    /// The page could not be written.
    #[error("cannot write the report to {path}: {source}", path = path.display())]
    Io {
        /// Where it was to go.
        path: PathBuf,
        /// Why it could not.
        #[source]
        source: Arc<std::io::Error>,
    },
}

impl ReportError {
    pub(super) fn chart(section: &str) -> impl FnOnce(ChartError) -> Self + '_ {
        move |source| Self::Chart {
            section: section.to_owned(),
            source,
        }
    }

    pub(super) fn table(section: &str) -> impl FnOnce(TableError) -> Self + '_ {
        move |source| Self::Table {
            section: section.to_owned(),
            source,
        }
    }
}
