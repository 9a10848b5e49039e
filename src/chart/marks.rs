//! Significance marks on a chart: which periods or segments a [`Comparisons`] flagged, and
//! which way, looked up by the key's `Display` so the chart's keys and the comparisons' keys
//! only need to print the same.

use std::collections::HashMap;
use std::fmt;

use crate::compare::{Comparisons, Direction};

/// The flagged keys of one family of comparisons, and the caption that explains them.
#[derive(Debug, Clone, Default)]
pub(super) struct Marks {
    flags: HashMap<String, Direction>,
    /// Names the test, the level and the correction; empty when there are no comparisons.
    pub(super) caption: String,
}

impl Marks {
    /// No marks: the plain chart.
    pub(super) fn none() -> Self {
        Self::default()
    }

    /// The flags of `comparisons`, keyed by each key's `Display`.
    pub(super) fn of<K: fmt::Display>(comparisons: &Comparisons<K>) -> Self {
        let flags = comparisons
            .flagged()
            .filter_map(|c| Some((c.key.to_string(), c.flag?)))
            .collect();
        Self {
            flags,
            caption: comparisons.caption(),
        }
    }

    /// The flag of the key printed as `key`, if it has one.
    pub(super) fn get(&self, key: &str) -> Option<Direction> {
        self.flags.get(key).copied()
    }

    /// `caption` followed by the marks' own caption, when there is one.
    pub(super) fn extend(&self, caption: String) -> String {
        if self.caption.is_empty() {
            caption
        } else {
            format!("{caption} {}", self.caption)
        }
    }
}
