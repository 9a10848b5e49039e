//! [`Abandonment`], its input [`QueuedContact`] and its summary. The user-facing documentation
//! is on [`Abandonment`].

use std::convert::Infallible;
use std::fmt;
use std::time::Duration;

use crate::aggregator::Aggregator;
use crate::counts::Counts;
use crate::display::Percent;
use crate::error::same;
use crate::error::{MergeError, Setting, StateError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};
use crate::share::{Share, share_summary};
use crate::time::DurationError;
use crate::time::{HumanDuration, duration_from_secs};

/// One contact that entered the queue: how long it waited and whether it hung up first.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::QueuedContact;
///
/// let call = QueuedContact::from_secs_f64(12.5, true)?;
/// assert_eq!(call, QueuedContact::abandoned(Duration::from_millis(12_500)));
/// assert!(QueuedContact::from_secs_f64(f64::NAN, false).is_err());
/// # Ok::<(), satisfaction::time::DurationError>(())
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
    /// [`DurationError::NotFinite`], [`DurationError::Negative`] or [`DurationError::TooLong`]
    /// for seconds that are not a duration.
    pub fn from_secs_f64(wait_seconds: f64, abandoned: bool) -> Result<Self, DurationError> {
        let wait = duration_from_secs(wait_seconds)?;
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

/// The buckets, in state order.
const ANSWERED: usize = 0;
const ABANDONED: usize = 1;
const SHORT: usize = 2;

/// A wait in whole nanoseconds; waits past 584 years count as that.
fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Queue abandonment: the share of contacts offered to a queue that hung up before an agent
/// answered.
///
/// Abandonment rate = contacts abandoned in queue / contacts offered (queued). With a
/// short-abandon threshold set, contacts abandoned after waiting at most that long (misdials,
/// "wrong queue" hang-ups) count as neither offered nor abandoned, and are reported separately;
/// there is no industry standard (5 to 10 seconds is common), so the threshold is the caller's
/// and part of the configuration: aggregators with different thresholds refuse to merge.
/// `Default` has no threshold. Callbacks and IVR disconnects are not abandons; do not push them.
///
/// The rate is a binomial proportion of offered contacts (Wilson interval by default). Waits are
/// summed exactly in nanoseconds, so the mean wait before abandoning is exact.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::{Abandonment, Aggregator, ConfidenceLevel, ProportionMethod, QueuedContact};
///
/// let mut queue = Abandonment::with_short_abandon(Duration::from_secs(5));
/// queue.push(QueuedContact::answered(Duration::from_secs(40)));
/// queue.push(QueuedContact::answered(Duration::from_secs(75)));
/// queue.push(QueuedContact::abandoned(Duration::from_secs(3))); // short: not counted
/// queue.push(QueuedContact::abandoned(Duration::from_secs(120)));
/// let summary = queue.summary().unwrap();
/// assert_eq!((summary.offered(), summary.abandoned(), summary.short_abandoned()), (3, 1, 1));
/// assert_eq!(summary.rate(), 1.0 / 3.0);
/// assert_eq!(summary.max_wait_before_abandon(), Some(Duration::from_secs(120)));
/// let ci = summary.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
/// assert!(ci.contains(1.0 / 3.0));
/// ```
///
/// State: `size_of::<Abandonment>() == 80` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Abandonment {
    short_abandon: Option<Duration>,
    counts: Counts<3>,
    /// Sum and maximum of the waits of counted abandons, in ns.
    abandon_wait: u128,
    abandon_wait_max: u64,
    /// Sum of the waits of answered contacts, in ns.
    answer_wait: u128,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Abandonment, AbandonmentState);

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

    /// Abandonment from counts and waits tallied elsewhere: answered and abandoned contacts,
    /// short abandons (only with a threshold), and the waits in nanoseconds (the sum and the
    /// longest of counted abandons, the sum of answered contacts).
    ///
    /// ```
    /// use satisfaction::{Abandonment, Aggregator};
    ///
    /// let queue = Abandonment::from_counts(None, 18, 2, 0, 0, 0, 0)?;
    /// assert_eq!(queue.summary().unwrap().rate(), 0.1);
    /// assert!(Abandonment::from_counts(None, 1, 0, 0, 0, 0, u128::MAX).is_err());
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] past [`MAX_COUNT`](crate::MAX_COUNT) contacts;
    /// [`StateError::Inconsistent`] for short abandons without a threshold, or waits their
    /// contacts cannot have (a sum larger than count × longest, a longest wait without
    /// abandons, waits of answered contacts without answered contacts).
    pub fn from_counts(
        short_abandon: Option<Duration>,
        answered: u64,
        abandoned: u64,
        short_abandoned: u64,
        abandon_wait_nanos: u128,
        abandon_wait_max_nanos: u64,
        answer_wait_nanos: u128,
    ) -> Result<Self, StateError> {
        let bad = |problem: &str| StateError::Inconsistent {
            what: "abandonment",
            problem: problem.to_owned(),
        };
        let counts = Counts::from_array("abandonment", [answered, abandoned, short_abandoned])?;
        if short_abandon.is_none() && short_abandoned > 0 {
            return Err(bad("short abandons without a threshold"));
        }
        let max_sum = u128::from(abandoned) * u128::from(abandon_wait_max_nanos);
        if abandon_wait_nanos > max_sum
            || (abandoned > 0 && abandon_wait_nanos < u128::from(abandon_wait_max_nanos))
            || (abandoned == 0 && abandon_wait_max_nanos > 0)
        {
            return Err(bad("abandon waits do not agree with their maximum"));
        }
        if answer_wait_nanos > u128::from(answered) * u128::from(u64::MAX) {
            return Err(bad(
                "answer waits longer than their contacts can have waited",
            ));
        }
        Ok(Self {
            short_abandon,
            counts,
            abandon_wait: abandon_wait_nanos,
            abandon_wait_max: abandon_wait_max_nanos,
            answer_wait: answer_wait_nanos,
        })
    }

    /// The short-abandon threshold, if set.
    #[must_use]
    pub fn short_abandon(&self) -> Option<Duration> {
        self.short_abandon
    }

    /// The contact's bucket: answered, abandoned, or a short abandon under this threshold.
    fn bucket(&self, contact: &QueuedContact) -> usize {
        if !contact.abandoned {
            ANSWERED
        } else if self.short_abandon.is_some_and(|t| contact.wait <= t) {
            SHORT
        } else {
            ABANDONED
        }
    }
}

impl Aggregator for Abandonment {
    type Input = QueuedContact;
    type Summary = AbandonmentSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, contact: QueuedContact) -> Result<(), Infallible> {
        let bucket = self.bucket(&contact);
        let wait = u128::from(nanos(contact.wait));
        // At most MAX_COUNT waits of at most u64::MAX ns each: the sums stay below 2^127.
        match bucket {
            ANSWERED => self.answer_wait += wait,
            ABANDONED => {
                self.abandon_wait += wait;
                self.abandon_wait_max = self.abandon_wait_max.max(nanos(contact.wait));
            }
            _ => {}
        }
        self.counts.record(bucket);
        Ok(())
    }

    fn check(&self, _: &QueuedContact) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same(
            "short-abandon threshold",
            self.short_abandon,
            other.short_abandon,
            Setting::Duration,
        )?;
        self.counts.merge(&other.counts)?;
        self.abandon_wait += other.abandon_wait;
        self.abandon_wait_max = self.abandon_wait_max.max(other.abandon_wait_max);
        self.answer_wait += other.answer_wait;
        Ok(())
    }

    /// `None` until a contact was offered (short abandons alone have no rate).
    fn summary(&self) -> Option<AbandonmentSummary> {
        let offered = self.counts.get(ANSWERED) + self.counts.get(ABANDONED);
        (offered > 0).then_some(AbandonmentSummary { queue: *self })
    }

    /// Every contact pushed: offered plus short abandons.
    fn count(&self) -> u64 {
        self.counts.total()
    }
}

crate::aggregator::impl_collect!(Abandonment, QueuedContact, from_iter);

/// In SQL only the outcome is counted (`abandonment(abandoned)`; waits and short abandons are
/// left to a `FILTER`), so the state is the answered and abandoned counts.
#[cfg(feature = "datafusion")]
impl crate::counts::BucketState for Abandonment {
    fn bucket_names() -> Vec<String> {
        vec!["answered".into(), "abandoned".into()]
    }

    fn bucket_counts(&self) -> Vec<u64> {
        vec![self.counts.get(ANSWERED), self.counts.get(ABANDONED)]
    }

    fn with_bucket_counts(&self, counts: &[u64]) -> Result<Self, StateError> {
        match *counts {
            [answered, abandoned] => {
                Abandonment::from_counts(self.short_abandon, answered, abandoned, 0, 0, 0, 0)
            }
            _ => Err(StateError::WrongLength {
                what: "abandonment",
                expected: 2,
                found: counts.len(),
            }),
        }
    }
}

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
#[non_exhaustive]
pub struct AbandonmentSummary {
    queue: Abandonment,
}

impl AbandonmentSummary {
    fn abandoned_share(&self) -> Share {
        Share::new(self.abandoned(), self.offered())
    }

    /// Contacts offered: answered plus counted abandons.
    #[must_use]
    pub fn offered(&self) -> u64 {
        self.answered() + self.abandoned()
    }

    /// Contacts abandoned (short abandons excluded).
    #[must_use]
    pub fn abandoned(&self) -> u64 {
        self.queue.counts.get(ABANDONED)
    }

    /// Contacts answered.
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.queue.counts.get(ANSWERED)
    }

    /// Short abandons: abandoned within the threshold, outside both counts.
    #[must_use]
    pub fn short_abandoned(&self) -> u64 {
        self.queue.counts.get(SHORT)
    }

    /// The abandonment rate, abandoned / offered, in [0, 1].
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.abandoned_share().value()
    }

    /// The confidence interval of the rate.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        self.abandoned_share().interval(level, method)
    }

    /// The anytime-valid confidence sequence of the abandonment rate: valid at every n at once
    /// (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.abandoned_share()
            .sequence(level, interval::DEFAULT_TUNED_FOR)
    }

    /// The mean wait of counted abandons before they hung up; `None` without abandons.
    #[must_use]
    pub fn mean_wait_before_abandon(&self) -> Option<Duration> {
        mean(self.queue.abandon_wait, self.abandoned())
    }

    /// The longest wait of a counted abandon; `None` without abandons.
    #[must_use]
    pub fn max_wait_before_abandon(&self) -> Option<Duration> {
        (self.abandoned() > 0).then(|| Duration::from_nanos(self.queue.abandon_wait_max))
    }

    /// The mean wait of answered contacts (average speed of answer); `None` when none was
    /// answered.
    #[must_use]
    pub fn average_speed_of_answer(&self) -> Option<Duration> {
        mean(self.queue.answer_wait, self.answered())
    }
}

/// The mean of `n` waits summing to `sum` ns, rounded to the nearest ns (`sum` is at most
/// `n × u64::MAX`, so neither the addition nor the result overflows).
fn mean(sum: u128, n: u64) -> Option<Duration> {
    (n > 0).then(|| {
        let n = u128::from(n);
        Duration::from_nanos(u64::try_from((sum + n / 2) / n).unwrap_or(u64::MAX))
    })
}

share_summary!(
    AbandonmentSummary, "abandonment", abandoned_share,
    report [rate, offered: count, abandoned: count, answered: count]
);

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
                HumanDuration(mean),
                HumanDuration(max)
            )?;
        }
        if let Some(threshold) = self.queue.short_abandon {
            write!(
                f,
                "; {} short abandons (within {}) excluded",
                self.short_abandoned(),
                HumanDuration(threshold)
            )?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
mod state {
    use std::time::Duration;

    use super::{ABANDONED, ANSWERED, Abandonment, AbandonmentSummary, SHORT};
    use crate::error::StateError;

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
                version: crate::state::STATE_VERSION,
                short_abandon: a.short_abandon,
                offered: a.counts.get(ANSWERED) + a.counts.get(ABANDONED),
                abandoned: a.counts.get(ABANDONED),
                short_abandoned: a.counts.get(SHORT),
                abandon_wait_nanos: a.abandon_wait,
                abandon_wait_max_nanos: a.abandon_wait_max,
                answer_wait_nanos: a.answer_wait,
            }
        }
    }

    crate::state::from_state!(AbandonmentState => Abandonment, |s| {
        let answered = s
            .offered
            .checked_sub(s.abandoned)
            .ok_or(StateError::Inconsistent {
                what: "abandonment",
                problem: format!(
                    "{} abandoned of {} offered contacts",
                    s.abandoned, s.offered
                ),
            })?;
        Abandonment::from_counts(
            s.short_abandon,
            answered,
            s.abandoned,
            s.short_abandoned,
            s.abandon_wait_nanos,
            s.abandon_wait_max_nanos,
            s.answer_wait_nanos,
        )
    });

    impl crate::state::SerialSummary for AbandonmentSummary {
        const WHAT: &'static str = "abandonment summary";
        type State = Abandonment;

        fn state(&self) -> Abandonment {
            self.queue
        }
    }

    crate::state::serde_summary!(AbandonmentSummary);
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

    #[test]
    fn waits_a_state_cannot_hold_are_refused() {
        assert!(Abandonment::from_counts(None, 1, 0, 0, 0, 0, u128::MAX).is_err());
        assert!(Abandonment::from_counts(None, 0, 1, 0, 10, 5, 0).is_err());
        assert!(Abandonment::from_counts(None, 0, 0, 1, 0, 0, 0).is_err());
        let longest = Abandonment::from_counts(None, 1, 1, 0, 5, 5, u128::from(u64::MAX)).unwrap();
        let s = longest.summary().unwrap();
        assert_eq!(
            s.average_speed_of_answer(),
            Some(Duration::from_nanos(u64::MAX))
        );
    }
}
