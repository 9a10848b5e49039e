//! Formatting helpers shared by the summaries' `Display` impls.

use std::fmt;

/// A share in [0, 1] as a percentage with one decimal.
pub(crate) struct Percent(pub(crate) f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}%", self.0 * 100.0)
    }
}

/// A share in [0, 1] as a percentage with as few digits as it needs, without the sign: `5`,
/// `0.1`, `2.5` (as [`ConfidenceLevel`](crate::ConfidenceLevel) prints itself).
pub(crate) fn trimmed_percent(share: f64) -> String {
    let rounded = format!("{:.8}", share * 100.0);
    rounded
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned()
}
