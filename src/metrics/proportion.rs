//! [`Proportion`] and [`ProportionSummary`]. The user-facing documentation is on
//! [`Proportion`].

use std::convert::Infallible;
use std::fmt;

use crate::aggregator::Aggregator;
use crate::counts::Counts;
use crate::display::Percent;
use crate::error::{MergeError, StateError};
use crate::interval::{self, ConfidenceLevel, Difference, Interval, ProportionMethod};
use crate::share::{Share, share_summary};

/// The buckets, in state order: no, yes.
const NO: usize = 0;
const YES: usize = 1;

/// A binary proportion: the share of "yes" among yes/no answers.
///
/// The aggregator behind every yes/no question: "Was your issue resolved?", thumbs up or down,
/// "Would you use us again?". Two exact counts, of yes and no answers; the share gets a
/// binomial interval by any [`ProportionMethod`] (Wilson by default).
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Proportion, ProportionMethod};
///
/// let answers = [true, true, false, true, true, true, false, true];
/// let resolved: Proportion = answers.into_iter().collect();
/// let summary = resolved.summary().unwrap();
/// assert_eq!(summary.share(), 0.75);
/// let ci = summary.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
/// assert_eq!(format!("{ci:.3}"), "[0.409, 0.929]");
/// ```
///
/// State: `size_of::<Proportion>() == 16` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Proportion {
    counts: Counts<2>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Proportion, ProportionState);

impl Proportion {
    /// A proportion from counts.
    ///
    /// ```
    /// use satisfaction::{Aggregator, Proportion};
    ///
    /// assert_eq!(Proportion::from_counts(3, 1)?.summary().unwrap().share(), 0.75);
    /// assert!(Proportion::from_counts(u64::MAX, 1).is_err());
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] when they add up to more than [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(yes: u64, no: u64) -> Result<Self, StateError> {
        let mut counts = [0; 2];
        counts[YES] = yes;
        counts[NO] = no;
        Ok(Self {
            counts: Counts::from_array("proportion", counts)?,
        })
    }

    fn yes(&self) -> u64 {
        self.counts.get(YES)
    }

    fn no(&self) -> u64 {
        self.counts.get(NO)
    }
}

impl Aggregator for Proportion {
    type Input = bool;
    type Summary = ProportionSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, yes: bool) -> Result<(), Infallible> {
        self.counts.record(if yes { YES } else { NO });
        Ok(())
    }

    fn check(&self, _: &bool) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        self.counts.merge(&other.counts)
    }

    fn summary(&self) -> Option<ProportionSummary> {
        (self.count() > 0).then_some(ProportionSummary { counts: *self })
    }

    fn count(&self) -> u64 {
        self.counts.total()
    }
}

crate::aggregator::impl_collect!(Proportion, bool, from_iter);

#[cfg(feature = "datafusion")]
impl crate::counts::BucketState for Proportion {
    fn bucket_names() -> Vec<String> {
        vec!["no".into(), "yes".into()]
    }

    fn bucket_counts(&self) -> Vec<u64> {
        self.counts.as_array().to_vec()
    }

    fn with_bucket_counts(&self, counts: &[u64]) -> Result<Self, StateError> {
        match *counts {
            [no, yes] => Proportion::from_counts(yes, no),
            _ => Err(StateError::WrongLength {
                what: "proportion",
                expected: 2,
                found: counts.len(),
            }),
        }
    }
}

/// The summary of a non-empty [`Proportion`].
///
/// ```
/// use satisfaction::{Aggregator, Proportion};
///
/// let summary = Proportion::from_counts(42, 8)?.summary().unwrap();
/// assert_eq!(summary.to_string(), "84.0% yes (95% CI 71.5% to 91.7%, Wilson); n = 50");
/// # Ok::<(), satisfaction::StateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ProportionSummary {
    counts: Proportion,
}

impl ProportionSummary {
    fn share_of_yes(&self) -> Share {
        Share::new(self.yes(), self.count())
    }

    /// Answers counted.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.counts.count()
    }

    /// "Yes" answers.
    #[must_use]
    pub fn yes(&self) -> u64 {
        self.counts.yes()
    }

    /// "No" answers.
    #[must_use]
    pub fn no(&self) -> u64 {
        self.counts.no()
    }

    /// The share of yes, in [0, 1].
    #[must_use]
    pub fn share(&self) -> f64 {
        self.share_of_yes().value()
    }

    /// The confidence interval of the share.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        self.share_of_yes().interval(level, method)
    }

    /// The anytime-valid confidence sequence of the share of yes: valid at every n at once, so
    /// it may be checked after every answer (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations (another tuning:
    /// [`Sequential::sequence`](crate::summary::Sequential::sequence)).
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.share_of_yes()
            .sequence(level, interval::DEFAULT_TUNED_FOR)
    }

    /// The difference of shares (this minus other): Newcombe hybrid score interval and pooled
    /// z-test p-value.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel, Proportion};
    ///
    /// let a = Proportion::from_counts(9, 1)?.summary().unwrap();
    /// let b = Proportion::from_counts(3, 7)?.summary().unwrap();
    /// let d = a.difference(&b, ConfidenceLevel::P95);
    /// assert_eq!(format!("{:.4}", d.interval()), "[0.1705, 0.8090]");
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    #[must_use]
    pub fn difference(&self, other: &ProportionSummary, level: ConfidenceLevel) -> Difference {
        self.share_of_yes().difference(other.share_of_yes(), level)
    }
}

share_summary!(ProportionSummary, "share", share_of_yes, report [share, n: count(count), yes: count]);

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
    use super::{Proportion, ProportionSummary};

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
                version: crate::state::STATE_VERSION,
                yes: p.yes(),
                no: p.no(),
            }
        }
    }

    crate::state::from_state!(ProportionState => Proportion, |s| {
        Proportion::from_counts(s.yes, s.no)
    });

    impl crate::state::SerialSummary for ProportionSummary {
        const WHAT: &'static str = "proportion summary";
        type State = Proportion;

        fn state(&self) -> Proportion {
            self.counts
        }
    }

    crate::state::serde_summary!(ProportionSummary);
}

#[cfg(feature = "serde")]
use state::ProportionState;
