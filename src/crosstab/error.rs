//! Why a crosstab's tests cannot be made.

use thiserror::Error;

/// Why a crosstab's column-proportion tests cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CrosstabError {
    /// More columns than are tested pairwise.
    #[error(
        "{columns} columns: column-proportion tests compare at most {max} (group the segments, or rank them instead)"
    )]
    #[non_exhaustive]
    TooManyColumns {
        /// The table's columns.
        columns: usize,
        /// The most tested.
        max: usize,
    },
}
