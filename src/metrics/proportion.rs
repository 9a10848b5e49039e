//! A binary proportion: the share of "yes" among yes/no answers.
//!
//! The aggregator behind every yes/no question: "Was your issue resolved?", thumbs up or down,
//! "Would you use us again?". Two exact counts; the share gets a binomial interval by any
//! [`ProportionMethod`] (Wilson by default).
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, Proportion, ProportionMethod};
//!
//! let resolved: Proportion = [true, true, false, true, true, true, false, true].into_iter().collect();
//! let summary = resolved.summary().unwrap();
//! assert_eq!(summary.share(), 0.75);
//! let ci = summary.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
//! assert_eq!(format!("{ci:.3}"), "[0.409, 0.929]");
//! ```

use std::fmt;

use crate::aggregator::Aggregator;
use crate::display::Percent;
use crate::error::MergeError;
use crate::interval::{self, ConfidenceLevel, Difference, Interval, ProportionMethod};

/// Counts of yes and no answers.
///
/// State: `size_of::<Proportion>() == 16` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ProportionState", into = "ProportionState")
)]
pub struct Proportion {
    yes: u64,
    no: u64,
}

impl Proportion {
    /// A proportion from counts; `None` when they add up to more than
    /// [`MAX_COUNT`](crate::MAX_COUNT).
    #[must_use]
    pub fn from_counts(yes: u64, no: u64) -> Option<Self> {
        yes.checked_add(no)
            .is_some_and(|n| n <= crate::MAX_COUNT)
            .then_some(Self { yes, no })
    }
}

impl Aggregator for Proportion {
    type Input = bool;
    type Summary = ProportionSummary;

    #[inline]
    fn push(&mut self, yes: bool) {
        if yes {
            self.yes = self.yes.saturating_add(1);
        } else {
            self.no = self.no.saturating_add(1);
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        crate::aggregator::check_merge_total(self.count(), other.count())?;
        self.yes += other.yes;
        self.no += other.no;
        Ok(())
    }

    fn summary(&self) -> Option<ProportionSummary> {
        (self.count() > 0).then_some(ProportionSummary { counts: *self })
    }

    fn count(&self) -> u64 {
        self.yes.saturating_add(self.no)
    }
}

crate::aggregator::impl_collect!(Proportion, bool, from_iter);

/// The summary of a non-empty [`Proportion`].
///
/// ```
/// use satisfaction::{Aggregator, Proportion};
///
/// let summary = Proportion::from_counts(42, 8).unwrap().summary().unwrap();
/// assert_eq!(summary.to_string(), "84.0% yes (95% CI 71.5% to 91.7%, Wilson); n = 50");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ProportionSummary {
    counts: Proportion,
}

impl ProportionSummary {
    /// The anytime-valid confidence sequence of the share of yes: valid at every n at once, so it
    /// may be checked after every answer (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.confidence_sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    /// [`confidence_sequence`](Self::confidence_sequence) tuned for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn confidence_sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        interval::sequence_unchecked(self.yes() as f64, self.count(), level, tuned_for)
    }
    /// The difference of shares (this minus other): Newcombe hybrid score interval and pooled
    /// z-test p-value.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel, Proportion};
    ///
    /// let a = Proportion::from_counts(9, 1).unwrap().summary().unwrap();
    /// let b = Proportion::from_counts(3, 7).unwrap().summary().unwrap();
    /// let d = a.difference(&b, ConfidenceLevel::P95);
    /// assert_eq!(format!("{:.4}", d.interval()), "[0.1705, 0.8090]");
    /// ```
    #[must_use]
    pub fn difference(&self, other: &ProportionSummary, level: ConfidenceLevel) -> Difference {
        // Both sides are non-empty summaries with yes <= n, so this cannot fail.
        interval::proportion_difference_test(
            self.yes(),
            self.count(),
            other.yes(),
            other.count(),
            level,
        )
        .unwrap_or_else(|_| {
            Difference::new(
                0.0,
                Interval::clamped(-1.0, 1.0, -1.0, 1.0),
                1.0,
                "Newcombe hybrid score",
            )
        })
    }

    /// Answers counted.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.counts.count()
    }

    /// "Yes" answers.
    #[must_use]
    pub fn yes(&self) -> u64 {
        self.counts.yes
    }

    /// "No" answers.
    #[must_use]
    pub fn no(&self) -> u64 {
        self.counts.no
    }

    /// The share of yes, in [0, 1].
    #[must_use]
    pub fn share(&self) -> f64 {
        self.counts.yes as f64 / self.count() as f64
    }

    /// The confidence interval of the share.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        interval::proportion_unchecked(self.counts.yes, self.count(), level, method)
    }
}

impl fmt::Display for ProportionSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), ProportionMethod::default());
        let ci = self.interval(level, method);
        write!(
            f,
            "{} yes ({level} CI {} to {}, {method}); n = {}",
            Percent(self.share()),
            Percent(ci.lower()),
            Percent(ci.upper()),
            self.count()
        )
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::Proportion;
    use crate::error::StateError;
    use crate::state::check_version;

    /// The serialised form of a [`Proportion`].
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct ProportionState {
        version: u32,
        yes: u64,
        no: u64,
    }

    impl From<Proportion> for ProportionState {
        fn from(p: Proportion) -> Self {
            Self {
                version: crate::STATE_VERSION,
                yes: p.yes,
                no: p.no,
            }
        }
    }

    impl TryFrom<ProportionState> for Proportion {
        type Error = StateError;

        fn try_from(s: ProportionState) -> Result<Self, StateError> {
            check_version(s.version)?;
            Proportion::from_counts(s.yes, s.no).ok_or_else(crate::state::too_many)
        }
    }
}

#[cfg(feature = "serde")]
use state::ProportionState;
