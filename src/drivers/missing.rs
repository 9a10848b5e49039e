//! [`MissingAnswers`]: what a key-driver analysis does with a row that lacks a driver value.

use std::fmt;

/// What happens to a row with a driver value missing ("not rated", `None`).
///
/// Survey items are skipped all the time, and the choice changes the numbers, so it is explicit.
/// A row without an outcome is never used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MissingAnswers {
    /// Only rows with every driver value are used (R's `relaimpo` and `lm`'s `na.omit`); the
    /// others are counted as dropped. The default: every measure then comes from one set of
    /// rows, one regression.
    #[default]
    CompleteCases,
    /// Each correlation is computed over the rows that have both of its variables (R's
    /// `cor(use = "pairwise.complete.obs")`), so a skipped item costs only its own pairs. The
    /// state holds a two-variable mean and co-moments per pair: `(p + 1) p / 2` pairs instead
    /// of one `(p + 1)²` matrix, about 3× the memory and per-row work. The pairs rest on
    /// different rows, so together they may not form a valid correlation matrix (not positive
    /// definite); the analysis then fails with
    /// [`DriversError::NotPositiveDefinite`](super::DriversError::NotPositiveDefinite) rather
    /// than report shares of R² that do not exist. `n` is then the rows with an outcome and at
    /// least one driver value; the fewest rows any correlation rests on must still exceed the
    /// drivers by two.
    Pairwise,
}

impl MissingAnswers {
    /// The policy's name: `"complete cases"` or `"pairwise"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::CompleteCases => "complete cases",
            Self::Pairwise => "pairwise",
        }
    }
}

impl fmt::Display for MissingAnswers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}
