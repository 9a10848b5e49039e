//! Queue abandonment: the share of contacts offered to a queue that hung up before an agent
//! answered.
//!
//! Abandonment rate = contacts abandoned in queue / contacts offered (queued). With a
//! short-abandon threshold set, contacts abandoned after waiting at most that long (misdials,
//! "wrong queue" hang-ups) count as neither offered nor abandoned, and are reported separately;
//! there is no industry standard (5 to 10 seconds is common), so the threshold is the caller's
//! and part of the configuration: aggregators with different thresholds refuse to merge.
//! Callbacks and IVR disconnects are not abandons; do not push them.
//!
//! The rate is a binomial proportion of offered contacts (Wilson interval by default). Waits are
//! summed exactly in nanoseconds, so the mean wait before abandoning is exact.
//!
//! ```
//! use std::time::Duration;
//! use satisfaction::{Abandonment, Aggregator, ConfidenceLevel, ProportionMethod, QueuedContact};
//!
//! let mut queue = Abandonment::with_short_abandon(Duration::from_secs(5));
//! queue.push(QueuedContact::answered(Duration::from_secs(40)));
//! queue.push(QueuedContact::answered(Duration::from_secs(75)));
//! queue.push(QueuedContact::abandoned(Duration::from_secs(3))); // short: not counted
//! queue.push(QueuedContact::abandoned(Duration::from_secs(120)));
//! let summary = queue.summary().unwrap();
//! assert_eq!((summary.offered(), summary.abandoned(), summary.short_abandoned()), (3, 1, 1));
//! assert_eq!(summary.rate(), 1.0 / 3.0);
//! assert_eq!(summary.max_wait_before_abandon(), Some(Duration::from_secs(120)));
//! let ci = summary.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
//! assert!(ci.contains(1.0 / 3.0));
//! ```

use std::fmt;
use std::time::Duration;

use crate::aggregator::Aggregator;
use crate::display::{Human, Percent};
use crate::error::{DurationError, MergeError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};

/// One contact that entered the queue: how long it waited and whether it hung up first.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::QueuedContact;
///
/// let call = QueuedContact::from_secs_f64(12.5, true)?;
/// assert_eq!(call, QueuedContact::abandoned(Duration::from_millis(12_500)));
/// assert!(QueuedContact::from_secs_f64(f64::NAN, false).is_err());
/// # Ok::<(), satisfaction::DurationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QueuedContact {
    wait: Duration,
    abandoned: bool,
}

impl QueuedContact {
    /// A contact answered by an agent after waiting `wait`.
    #[must_use]
    pub fn answered(wait: Duration) -> Self {
        Self {
            wait,
            abandoned: false,
        }
    }

    /// A contact that hung up after waiting `wait`.
    #[must_use]
    pub fn abandoned(wait: Duration) -> Self {
        Self {
            wait,
            abandoned: true,
        }
    }

    /// From a wait in seconds, as exports hold it.
    ///
    /// # Errors
    ///
    /// [`DurationError::InvalidSeconds`] for negative, NaN or infinite seconds.
    pub fn from_secs_f64(wait_seconds: f64, abandoned: bool) -> Result<Self, DurationError> {
        let wait = Duration::try_from_secs_f64(wait_seconds).map_err(|_| {
            DurationError::InvalidSeconds {
                seconds: wait_seconds,
            }
        })?;
        Ok(Self { wait, abandoned })
    }

    /// How long the contact waited.
    #[must_use]
    pub fn wait(&self) -> Duration {
        self.wait
    }

    /// Whether it hung up before being answered.
    #[must_use]
    pub fn is_abandoned(&self) -> bool {
        self.abandoned
    }
}

/// The abandonment aggregator. `Default` has no short-abandon threshold.
///
/// State: `size_of::<Abandonment>() == 80` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "AbandonmentState", into = "AbandonmentState")
)]
pub struct Abandonment {
    short_abandon: Option<Duration>,
    offered: u64,
    abandoned: u64,
    short_abandoned: u64,
    /// Sum and maximum of the waits of counted abandons, in ns.
    abandon_wait: u128,
    abandon_wait_max: u64,
    /// Sum of the waits of answered contacts, in ns.
    answer_wait: u128,
}

impl Abandonment {
    /// Abandonment where contacts abandoned after waiting at most `threshold` are short
    /// abandons: neither offered nor abandoned.
    #[must_use]
    pub fn with_short_abandon(threshold: Duration) -> Self {
        Self {
            short_abandon: Some(threshold),
            ..Self::default()
        }
    }

    /// The short-abandon threshold, if set.
    #[must_use]
    pub fn short_abandon(&self) -> Option<Duration> {
        self.short_abandon
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl Aggregator for Abandonment {
    type Input = QueuedContact;
    type Summary = AbandonmentSummary;

    #[inline]
    fn push(&mut self, contact: QueuedContact) {
        let wait = nanos(contact.wait);
        if !contact.abandoned {
            self.offered = self.offered.saturating_add(1);
            self.answer_wait = self.answer_wait.saturating_add(u128::from(wait));
        } else if self.short_abandon.is_some_and(|t| contact.wait <= t) {
            self.short_abandoned = self.short_abandoned.saturating_add(1);
        } else {
            self.offered = self.offered.saturating_add(1);
            self.abandoned = self.abandoned.saturating_add(1);
            self.abandon_wait = self.abandon_wait.saturating_add(u128::from(wait));
            self.abandon_wait_max = self.abandon_wait_max.max(wait);
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.short_abandon != other.short_abandon {
            return Err(MergeError::ConfigurationMismatch {
                setting: "short-abandon threshold",
                left: format!("{:?}", self.short_abandon),
                right: format!("{:?}", other.short_abandon),
            });
        }
        crate::aggregator::check_merge_total(self.count(), other.count())?;
        self.offered += other.offered;
        self.abandoned += other.abandoned;
        self.short_abandoned += other.short_abandoned;
        self.abandon_wait = self.abandon_wait.saturating_add(other.abandon_wait);
        self.abandon_wait_max = self.abandon_wait_max.max(other.abandon_wait_max);
        self.answer_wait = self.answer_wait.saturating_add(other.answer_wait);
        Ok(())
    }

    /// `None` until a contact was offered (short abandons alone have no rate).
    fn summary(&self) -> Option<AbandonmentSummary> {
        (self.offered > 0).then_some(AbandonmentSummary { queue: *self })
    }

    /// Every contact pushed: offered plus short abandons.
    fn count(&self) -> u64 {
        self.offered.saturating_add(self.short_abandoned)
    }
}

crate::aggregator::impl_collect!(Abandonment, QueuedContact, from_iter);

/// The summary of an [`Abandonment`] with at least one offered contact.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::{Abandonment, Aggregator, QueuedContact};
///
/// let mut queue = Abandonment::default();
/// queue.extend([QueuedContact::answered(Duration::from_secs(30)); 18]);
/// queue.extend([QueuedContact::abandoned(Duration::from_secs(90)); 2]);
/// assert_eq!(
///     queue.summary().unwrap().to_string(),
///     "abandonment 10.0% (95% CI 2.8% to 30.1%, Wilson); 2 of 20 offered; \
///      mean wait before abandoning 1m 30s, max 1m 30s"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AbandonmentSummary {
    queue: Abandonment,
}

impl AbandonmentSummary {
    /// The anytime-valid confidence sequence of the abandonment rate: valid at every n at once, so
    /// it may be checked after every answer (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.confidence_sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    /// [`confidence_sequence`](Self::confidence_sequence) tuned for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn confidence_sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        interval::sequence_unchecked(self.abandoned() as f64, self.offered(), level, tuned_for)
    }
    /// Contacts offered: answered plus counted abandons.
    #[must_use]
    pub fn offered(&self) -> u64 {
        self.queue.offered
    }

    /// Contacts abandoned (short abandons excluded).
    #[must_use]
    pub fn abandoned(&self) -> u64 {
        self.queue.abandoned
    }

    /// Contacts answered.
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.queue.offered - self.queue.abandoned
    }

    /// Short abandons: abandoned within the threshold, outside both counts.
    #[must_use]
    pub fn short_abandoned(&self) -> u64 {
        self.queue.short_abandoned
    }

    /// The abandonment rate, abandoned / offered, in [0, 1].
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.queue.abandoned as f64 / self.queue.offered as f64
    }

    /// The confidence interval of the rate.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        interval::proportion_unchecked(self.queue.abandoned, self.queue.offered, level, method)
    }

    /// The mean wait of counted abandons before they hung up; `None` without abandons.
    #[must_use]
    pub fn mean_wait_before_abandon(&self) -> Option<Duration> {
        mean(self.queue.abandon_wait, self.queue.abandoned)
    }

    /// The longest wait of a counted abandon; `None` without abandons.
    #[must_use]
    pub fn max_wait_before_abandon(&self) -> Option<Duration> {
        (self.queue.abandoned > 0).then(|| Duration::from_nanos(self.queue.abandon_wait_max))
    }

    /// The mean wait of answered contacts (average speed of answer); `None` when none was
    /// answered.
    #[must_use]
    pub fn average_speed_of_answer(&self) -> Option<Duration> {
        mean(self.queue.answer_wait, self.answered())
    }
}

fn mean(sum: u128, n: u64) -> Option<Duration> {
    (n > 0).then(|| {
        let n = u128::from(n);
        Duration::from_nanos(u64::try_from((sum + n / 2) / n).unwrap_or(u64::MAX))
    })
}

impl fmt::Display for AbandonmentSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), ProportionMethod::default());
        let ci = self.interval(level, method);
        write!(
            f,
            "abandonment {} ({level} CI {} to {}, {method}); {} of {} offered",
            Percent(self.rate()),
            Percent(ci.lower()),
            Percent(ci.upper()),
            self.abandoned(),
            self.offered()
        )?;
        if let (Some(mean), Some(max)) = (
            self.mean_wait_before_abandon(),
            self.max_wait_before_abandon(),
        ) {
            write!(
                f,
                "; mean wait before abandoning {}, max {}",
                Human(mean),
                Human(max)
            )?;
        }
        if let Some(threshold) = self.queue.short_abandon {
            write!(
                f,
                "; {} short abandons (within {}) excluded",
                self.short_abandoned(),
                Human(threshold)
            )?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
mod state {
    use std::time::Duration;

    use super::Abandonment;
    use crate::error::StateError;
    use crate::state::check_version;

    /// The serialised form of an [`Abandonment`].
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct AbandonmentState {
        version: u32,
        short_abandon: Option<Duration>,
        offered: u64,
        abandoned: u64,
        short_abandoned: u64,
        abandon_wait_nanos: u128,
        abandon_wait_max_nanos: u64,
        answer_wait_nanos: u128,
    }

    impl From<Abandonment> for AbandonmentState {
        fn from(a: Abandonment) -> Self {
            Self {
                version: crate::STATE_VERSION,
                short_abandon: a.short_abandon,
                offered: a.offered,
                abandoned: a.abandoned,
                short_abandoned: a.short_abandoned,
                abandon_wait_nanos: a.abandon_wait,
                abandon_wait_max_nanos: a.abandon_wait_max,
                answer_wait_nanos: a.answer_wait,
            }
        }
    }

    impl TryFrom<AbandonmentState> for Abandonment {
        type Error = StateError;

        fn try_from(s: AbandonmentState) -> Result<Self, StateError> {
            check_version(s.version)?;
            let bad = |why: &str| StateError::Inconsistent(format!("abandonment: {why}"));
            if s.abandoned > s.offered {
                return Err(bad("more abandoned than offered contacts"));
            }
            if s.short_abandon.is_none() && s.short_abandoned > 0 {
                return Err(bad("short abandons without a threshold"));
            }
            if s.offered
                .checked_add(s.short_abandoned)
                .is_none_or(|t| t > crate::MAX_COUNT)
            {
                return Err(crate::state::too_many());
            }
            let max_sum = u128::from(s.abandoned) * u128::from(s.abandon_wait_max_nanos);
            if s.abandon_wait_nanos > max_sum
                || (s.abandoned > 0 && s.abandon_wait_nanos < u128::from(s.abandon_wait_max_nanos))
                || (s.abandoned == 0 && s.abandon_wait_max_nanos > 0)
            {
                return Err(bad("abandon waits do not agree with their maximum"));
            }
            if s.offered == s.abandoned && s.answer_wait_nanos > 0 {
                return Err(bad("answer waits without answered contacts"));
            }
            Ok(Self {
                short_abandon: s.short_abandon,
                offered: s.offered,
                abandoned: s.abandoned,
                short_abandoned: s.short_abandoned,
                abandon_wait: s.abandon_wait_nanos,
                abandon_wait_max: s.abandon_wait_max_nanos,
                answer_wait: s.answer_wait_nanos,
            })
        }
    }
}

#[cfg(feature = "serde")]
use state::AbandonmentState;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_abandons_are_outside_both_counts() {
        let mut queue = Abandonment::with_short_abandon(Duration::from_secs(5));
        queue.push(QueuedContact::abandoned(Duration::from_secs(5)));
        assert_eq!(queue.summary(), None);
        assert_eq!(queue.count(), 1);
        queue.push(QueuedContact::abandoned(Duration::from_millis(5001)));
        let s = queue.summary().unwrap();
        assert_eq!((s.offered(), s.abandoned(), s.short_abandoned()), (1, 1, 1));
        assert_eq!(s.average_speed_of_answer(), None);
    }

    #[test]
    fn thresholds_must_match_to_merge() {
        let mut a = Abandonment::default();
        let b = Abandonment::with_short_abandon(Duration::from_secs(5));
        assert!(a.merge(&b).is_err());
        assert_eq!(a, Abandonment::default());
    }
}
