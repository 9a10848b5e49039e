//! Formatting helpers shared by the summaries' `Display` impls.

use std::fmt;

/// A share in [0, 1] as a percentage with one decimal.
pub(crate) struct Percent(pub(crate) f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}%", self.0 * 100.0)
    }
}
