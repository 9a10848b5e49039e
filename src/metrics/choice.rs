//! Multiple-choice answers: how often each declared option was chosen.
//!
//! For a single-choice question the option shares add up to one; for a multi-select question
//! ("Which channels have you used?") each share is the fraction of *respondents* who chose the
//! option, so they need not. Either way each share is a binomial proportion of the respondents
//! who answered, with an interval.
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, OptionCounts, ProportionMethod};
//!
//! let mut reasons = OptionCounts::new(3); // e.g. billing, bug, how-to
//! reasons.try_push(&[0])?;
//! reasons.try_push(&[2])?;
//! reasons.try_push(&[0, 1])?; // multi-select: one respondent, two options
//! let summary = reasons.summary().unwrap();
//! assert_eq!(summary.respondents(), 3);
//! assert_eq!(summary.share(0), Some(2.0 / 3.0));
//! assert!(summary.interval(0, ConfidenceLevel::P95, ProportionMethod::Wilson).is_some());
//! assert!(reasons.try_push(&[3]).is_err()); // not an option
//! # Ok::<(), satisfaction::ScoreError>(())
//! ```

use std::fmt;

use crate::aggregator::Aggregator;
use crate::display::Percent;
use crate::error::{MergeError, ScoreError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};

/// How many respondents chose each of `n` options (at most 64).
///
/// State: `size_of::<OptionCounts>() == 32` bytes, plus 8 bytes per option; pushing never allocates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OptionCounts {
    counts: Vec<u64>,
    respondents: u64,
}

/// The most options a question may declare, so a respondent's choice fits a 64-bit set.
pub const MAX_OPTIONS: usize = 64;

impl OptionCounts {
    /// Counts for `options` options (clamped to 1..=64).
    #[must_use]
    pub fn new(options: usize) -> Self {
        Self {
            counts: vec![0; options.clamp(1, MAX_OPTIONS)],
            respondents: 0,
        }
    }

    /// Number of options.
    #[must_use]
    pub fn options(&self) -> usize {
        self.counts.len()
    }

    /// Records one respondent's choices (option indices); a repeated index counts once.
    ///
    /// # Errors
    ///
    /// [`ScoreError`] naming the first index that is not an option; nothing is recorded.
    pub fn try_push(&mut self, chosen: &[usize]) -> Result<(), ScoreError> {
        let mut set = 0u64;
        for &i in chosen {
            if i >= self.counts.len() {
                return Err(ScoreError {
                    what: "option index",
                    value: i as u64,
                    min: 0,
                    max: (self.counts.len() - 1) as u8,
                });
            }
            set |= 1 << i;
        }
        self.push(set);
        Ok(())
    }
}

impl Aggregator for OptionCounts {
    /// A respondent's choices as a bit set: bit i set when option i was chosen. Bits beyond the
    /// declared options are ignored.
    type Input = u64;
    type Summary = OptionSummary;

    #[inline]
    fn push(&mut self, mut chosen: u64) {
        self.respondents = self.respondents.saturating_add(1);
        while chosen != 0 {
            let i = chosen.trailing_zeros() as usize;
            if let Some(count) = self.counts.get_mut(i) {
                *count = count.saturating_add(1);
            }
            chosen &= chosen - 1;
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.counts.len() != other.counts.len() {
            return Err(MergeError::ConfigurationMismatch {
                setting: "number of options",
                left: self.counts.len().to_string(),
                right: other.counts.len().to_string(),
            });
        }
        crate::aggregator::check_merge_total(self.respondents, other.respondents)?;
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.respondents += other.respondents;
        Ok(())
    }

    fn summary(&self) -> Option<OptionSummary> {
        (self.respondents > 0).then(|| OptionSummary {
            counts: self.clone(),
        })
    }

    /// Respondents recorded.
    fn count(&self) -> u64 {
        self.respondents
    }
}

/// The summary of an [`OptionCounts`] with at least one respondent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OptionSummary {
    counts: OptionCounts,
}

impl OptionSummary {
    /// Respondents who answered (the denominator of every share).
    #[must_use]
    pub fn respondents(&self) -> u64 {
        self.counts.respondents
    }

    /// How many respondents chose each option, in declaration order.
    #[must_use]
    pub fn counts(&self) -> &[u64] {
        &self.counts.counts
    }

    /// The share of respondents who chose `option`; `None` for an index that is not an option.
    #[must_use]
    pub fn share(&self, option: usize) -> Option<f64> {
        let count = *self.counts.counts.get(option)?;
        Some(count as f64 / self.respondents() as f64)
    }

    /// The confidence interval of [`share`](Self::share).
    #[must_use]
    pub fn interval(
        &self,
        option: usize,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Option<Interval> {
        let count = *self.counts.counts.get(option)?;
        Some(interval::proportion_unchecked(
            count.min(self.respondents()),
            self.respondents(),
            level,
            method,
        ))
    }
}

impl fmt::Display for OptionSummary {
    /// Each option's index and share, then `n`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, _) in self.counts.counts.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "#{i} {}", Percent(self.share(i).unwrap_or(0.0)))?;
        }
        write!(f, "; n = {}", self.respondents())
    }
}
