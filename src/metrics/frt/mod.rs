//! [`FirstResponseTime`] (first response and resolution time), its input [`FirstResponse`] and
//! its configuration ([`Clock`], [`Milestone`], [`UnansweredPolicy`]); the summary is in
//! `summary.rs`, the stored forms in `state.rs`. The user-facing documentation is on
//! [`FirstResponseTime`].

mod state;
mod summary;

use std::convert::Infallible;
use std::time::{Duration, SystemTime};

use crate::aggregator::{Aggregator, check_merge_total};
use crate::counts::Counts;
use crate::error::same;
use crate::error::{AccuracyError, MergeError, Setting};
use crate::sketch::DurationSketch;
use crate::time::DurationError;
use crate::time::{check_timestamp, duration_from_secs};

pub use summary::FirstResponseTimeSummary;

/// One ticket's first response: answered after a wait, or not (yet) answered.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::FirstResponse;
///
/// let r = FirstResponse::from_unix_seconds(1_000, Some(1_600))?;
/// assert_eq!(r, FirstResponse::Answered(Duration::from_secs(600)));
/// assert_eq!(FirstResponse::from_unix_seconds(1_000, None)?, FirstResponse::Unanswered);
/// assert!(FirstResponse::from_unix_seconds(1_000, Some(999)).is_err());
/// assert!(FirstResponse::from_secs_f64(-1.0).is_err());
/// # Ok::<(), satisfaction::time::DurationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum FirstResponse {
    /// Answered after this long.
    Answered(Duration),
    /// Not answered, of unknown age: counted, but in no time statistic and in no SLA share.
    Unanswered,
    /// Not answered at the reporting instant, after waiting this long: counted, in no time
    /// statistic, and a breach of the SLA target once it exceeds it (see
    /// [`UnansweredPolicy`]).
    Waiting(Duration),
}

impl FirstResponse {
    /// From a creation and an optional first-reply timestamp in Unix seconds. An unanswered
    /// ticket is of unknown age; use [`as_of`](Self::as_of) to say how long it has waited.
    ///
    /// # Errors
    ///
    /// [`DurationError::Timestamp`] for a timestamp outside
    /// [`EARLIEST_TIMESTAMP`](crate::time::EARLIEST_TIMESTAMP)..=[`LATEST_TIMESTAMP`](crate::time::LATEST_TIMESTAMP);
    /// [`DurationError::EndBeforeStart`] when the reply is before the creation.
    pub fn from_unix_seconds(created: i64, replied: Option<i64>) -> Result<Self, DurationError> {
        check_timestamp(created)?;
        match replied.map(check_timestamp).transpose()? {
            None => Ok(Self::Unanswered),
            Some(replied) => Ok(Self::Answered(seconds_between(created, replied)?)),
        }
    }

    /// The ticket as it stood at the reporting instant `as_of` (Unix seconds): answered if the
    /// reply came at or before it, otherwise waiting since creation.
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::FirstResponse;
    ///
    /// let now = 10_000;
    /// assert_eq!(FirstResponse::as_of(4_000, None, now)?, FirstResponse::Waiting(Duration::from_secs(6_000)));
    /// assert_eq!(FirstResponse::as_of(4_000, Some(12_000), now)?, FirstResponse::Waiting(Duration::from_secs(6_000)));
    /// assert_eq!(FirstResponse::as_of(4_000, Some(5_000), now)?, FirstResponse::Answered(Duration::from_secs(1_000)));
    /// assert!(FirstResponse::as_of(11_000, None, now).is_err()); // created after the report
    /// # Ok::<(), satisfaction::time::DurationError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`from_unix_seconds`](Self::from_unix_seconds), and
    /// [`DurationError::EndBeforeStart`] when the ticket was created after `as_of`.
    pub fn as_of(created: i64, replied: Option<i64>, as_of: i64) -> Result<Self, DurationError> {
        check_timestamp(created)?;
        check_timestamp(as_of)?;
        match replied.map(check_timestamp).transpose()? {
            Some(replied) if replied <= as_of => {
                Ok(Self::Answered(seconds_between(created, replied)?))
            }
            _ => Ok(Self::Waiting(seconds_between(created, as_of)?)),
        }
    }

    /// From a creation and an optional first-reply [`SystemTime`].
    ///
    /// # Errors
    ///
    /// [`DurationError::EndBeforeStartTime`] when the reply is before the creation.
    pub fn from_system_times(
        created: SystemTime,
        replied: Option<SystemTime>,
    ) -> Result<Self, DurationError> {
        match replied {
            None => Ok(Self::Unanswered),
            Some(replied) => match replied.duration_since(created) {
                Ok(wait) => Ok(Self::Answered(wait)),
                Err(e) => Err(DurationError::EndBeforeStartTime {
                    before: e.duration(),
                }),
            },
        }
    }

    /// An answered ticket from a number of seconds (as exports often hold them).
    ///
    /// # Errors
    ///
    /// [`DurationError::NotFinite`], [`DurationError::Negative`] or [`DurationError::TooLong`]
    /// for seconds that are not a duration.
    pub fn from_secs_f64(seconds: f64) -> Result<Self, DurationError> {
        duration_from_secs(seconds).map(Self::Answered)
    }
}

/// The duration from `start` to `end`, both in range.
fn seconds_between(start: i64, end: i64) -> Result<Duration, DurationError> {
    if end < start {
        return Err(DurationError::EndBeforeStart { start, end });
    }
    Ok(Duration::from_secs(end.abs_diff(start)))
}

crate::display::setting! {
    /// Which clock measured the waits: wall-clock time, or open hours of a business calendar
    /// (feature `calendar`). Part of the configuration: FRTs on different clocks refuse to merge,
    /// and the summary says which clock it reports.
    pub enum Clock {
        /// Elapsed wall-clock time (24/7).
        #[default]
        Calendar => "calendar time",
        /// Time inside a business calendar's open hours.
        Business => "business hours",
    }
    /// The clock's name as summaries print it.
    fn name;
}

crate::display::setting! {
    /// The milestone that stops the clock: the first reply (FRT), or resolution. Part of the
    /// configuration, like the [`Clock`]: the two refuse to merge, and the summary is named after
    /// its milestone ("FRT median ...", "resolution time median ...").
    ///
    /// Resolution time uses the same aggregator, intervals and SLA rules: push
    /// [`FirstResponse::Answered`] with the time to resolution (the name says "response" because
    /// first response is the common case), [`FirstResponse::Waiting`] for a ticket still open at
    /// the reporting instant.
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::{Aggregator, FirstResponseTime};
    /// use satisfaction::support::Milestone;
    ///
    /// let mut resolution = FirstResponseTime::with_target(Duration::from_secs(8 * 3600))
    ///     .until(Milestone::Resolution);
    /// resolution.push_response(Duration::from_secs(3 * 3600));
    /// let summary = resolution.summary().unwrap();
    /// assert!(summary.to_string().starts_with("resolution time median 3h 00m"));
    /// assert!(resolution.merge(&FirstResponseTime::with_target(Duration::from_secs(8 * 3600))).is_err());
    /// ```
    pub enum Milestone {
        /// From ticket creation to the first human reply.
        #[default]
        FirstResponse => "FRT",
        /// From ticket creation to resolution.
        Resolution => "resolution time",
    }
    /// The name of the time to this milestone, as summaries print it: `"FRT"`,
    /// `"resolution time"`.
    fn name;
}

crate::display::setting! {
    /// What SLA attainment does with unanswered tickets (see
    /// [`FirstResponseTime`](FirstResponseTime#sla-attainment-and-unanswered-tickets)).
    pub enum UnansweredPolicy {
        /// A ticket unanswered at the reporting instant breaches once it has waited past the
        /// target; younger ones, and ones of unknown age, are left out. What helpdesks report.
        #[default]
        OverdueBreach => "overdue unanswered tickets breach",
        /// Every unanswered ticket is a breach.
        AllBreach => "every unanswered ticket breaches",
        /// Unanswered tickets are left out: the share of answered tickets answered in time.
        AnsweredOnly => "answered tickets only",
    }
    /// The policy's name as summaries print it.
    fn name;
}

/// Unanswered tickets by age, in state order.
const UNKNOWN_AGE: usize = 0;
const PENDING: usize = 1;
const OVERDUE: usize = 2;

/// First response time (FRT): how long customers wait for the first human reply.
///
/// FRT runs from the customer's first inbound message (ticket creation) to the first public
/// reply by a person; bot and automated replies do not stop the clock, so feed this aggregator
/// the human reply. Tickets nobody answered have no FRT: they are counted and reported as
/// unanswered, never averaged in (averaging them as zero, or as "now", is a classic way to
/// flatter or sink a dashboard).
///
/// Response times are heavily skewed, so the median is the headline (Intercom and Zendesk
/// report it by default), with p90 / p95 for the tail and the mean for cost models. Quantiles
/// come from a [`DurationSketch`]: exact for a team's first 1,024 answered tickets (the waits
/// themselves are kept), then bounded memory within 1% (configurable) of the true order
/// statistic; counts are always exact. Their confidence intervals are distribution-free
/// ([`quantile_ranks`](crate::interval::quantile_ranks)): exact order statistics while the
/// sketch is exact.
///
/// # SLA attainment and unanswered tickets
///
/// SLA attainment is the share of tickets answered within a target set at construction,
/// counted exactly at push time (not read off the sketch), with a binomial interval. Helpdesks
/// count a ticket still unanswered once it has waited past the target as a breach, so an
/// unanswered ticket can carry how long it had waited at the caller's reporting instant
/// ([`FirstResponse::as_of`]); the [`UnansweredPolicy`] chosen when reading the summary says
/// what enters the share:
///
/// | policy | denominator |
/// |---|---|
/// | [`OverdueBreach`] (default) | answered + unanswered tickets that had waited past the target |
/// | [`AllBreach`] | answered + every unanswered ticket |
/// | [`AnsweredOnly`] | answered tickets only |
///
/// The state keeps the unanswered tickets by age (unknown, within the target, overdue), so
/// every policy can be read from the same mergeable state.
///
/// [`OverdueBreach`]: UnansweredPolicy::OverdueBreach
/// [`AllBreach`]: UnansweredPolicy::AllBreach
/// [`AnsweredOnly`]: UnansweredPolicy::AnsweredOnly
///
/// ```
/// use std::time::Duration;
/// use satisfaction::{Aggregator, ConfidenceLevel, FirstResponse, FirstResponseTime};
///
/// let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
/// for minutes in [12, 45, 30, 75, 5, 240, 20, 50, 35, 15] {
///     frt.push_response(Duration::from_secs(60 * minutes));
/// }
/// let now = 1_700_010_000;
/// frt.push(FirstResponse::as_of(1_700_000_000, None, now)?); // waiting 2h 47m: a breach
/// frt.push(FirstResponse::from_unix_seconds(1_700_000_000, Some(1_700_000_900))?);
///
/// let summary = frt.summary().unwrap();
/// assert_eq!((summary.answered(), summary.unanswered()), (11, 1));
/// assert_eq!(summary.within_target(), Some(9));
/// assert_eq!(summary.sla_attainment(), Some(9.0 / 12.0)); // the overdue ticket breaches
/// let median = summary.median().as_secs_f64() / 60.0;
/// assert_eq!(median, 30.0); // 30 minutes exactly: a small sample keeps its waits
/// let ci = summary.quantile_interval(0.5, ConfidenceLevel::P95).unwrap(); // in seconds
/// assert!(ci.contains(30.0 * 60.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Configuration and state
///
/// The aggregator holds a duration sketch of the answered tickets, the unanswered ones by age,
/// and, when a target is set, the exact count answered within it. `Default` has 1% relative
/// accuracy, no SLA target and the calendar clock ([`Clock`]), and stops at the first reply
/// ([`Milestone`]: resolution time uses the same aggregator). Memory is bounded whatever the
/// number of tickets: at most 8 KiB of kept waits up to 1,024 answered tickets, then at most
/// 16 KiB for response times between 1 ms and 1 year at 1% (see
/// [`DurationSketch`]).
///
/// ```
/// use std::time::Duration;
/// use satisfaction::{Aggregator, FirstResponseTime};
///
/// let mut frt = FirstResponseTime::new(Some(Duration::from_secs(4 * 3600)), 0.005)?;
/// frt.push_response(Duration::from_secs(600));
/// let mut other = frt.clone();
/// other.push_unanswered();
/// frt.merge(&other)?;
/// assert_eq!((frt.answered(), frt.unanswered()), (2, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// State: `size_of::<FirstResponseTime>()` is 192 bytes, plus the sketch's kept durations (at most 8 KiB, up to 1,024 tickets) or bucket counts (at
/// most 14.4 KiB for 1 ms to 1 year at 1%).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FirstResponseTime {
    sketch: DurationSketch,
    target: Option<Duration>,
    clock: Clock,
    milestone: Milestone,
    within_target: u64,
    unanswered: Counts<3>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(FirstResponseTime, state::FrtState);

impl FirstResponseTime {
    /// FRT with an SLA target (responses taking at most `target` count as within it) and the
    /// default 1% accuracy.
    #[must_use]
    pub fn with_target(target: Duration) -> Self {
        Self {
            target: Some(target),
            ..Self::default()
        }
    }

    /// FRT with an optional SLA target and a relative accuracy for its quantiles.
    ///
    /// # Errors
    ///
    /// [`AccuracyError`] unless `0.0001 <= relative_accuracy <= 0.5`.
    pub fn new(target: Option<Duration>, relative_accuracy: f64) -> Result<Self, AccuracyError> {
        Ok(Self {
            sketch: DurationSketch::new(relative_accuracy)?,
            target,
            ..Self::default()
        })
    }

    /// The same configuration measured on `clock` (the waits pushed must be measured on it:
    /// with the `calendar` feature, a business calendar's
    /// `business_duration` gives business-hours waits).
    #[must_use]
    pub fn on_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The same configuration timing the wait until `milestone` (the first response by
    /// default, or resolution).
    #[must_use]
    pub fn until(mut self, milestone: Milestone) -> Self {
        self.milestone = milestone;
        self
    }

    /// Records an answered ticket.
    #[inline]
    pub fn push_response(&mut self, wait: Duration) {
        if self.target.is_some_and(|target| wait <= target) {
            self.within_target = self.within_target.saturating_add(1);
        }
        self.sketch.push(wait);
    }

    /// Records an unanswered ticket of unknown age.
    pub fn push_unanswered(&mut self) {
        self.unanswered.record(UNKNOWN_AGE);
    }

    /// Records a ticket still unanswered at the reporting instant, after waiting `waited`:
    /// overdue when that is past the target.
    pub fn push_waiting(&mut self, waited: Duration) {
        let overdue = self.target.is_some_and(|target| waited > target);
        self.unanswered
            .record(if overdue { OVERDUE } else { PENDING });
    }

    /// Tickets answered so far.
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.sketch.count()
    }

    /// Tickets not answered so far.
    #[must_use]
    pub fn unanswered(&self) -> u64 {
        self.unanswered.total()
    }

    /// The SLA target, if one was set.
    #[must_use]
    pub fn target(&self) -> Option<Duration> {
        self.target
    }

    /// The clock the waits are measured on.
    #[must_use]
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The milestone that stops the clock.
    #[must_use]
    pub fn milestone(&self) -> Milestone {
        self.milestone
    }

    /// The sketch of answered waits.
    #[must_use]
    pub fn sketch(&self) -> &DurationSketch {
        &self.sketch
    }
}

impl Aggregator for FirstResponseTime {
    type Input = FirstResponse;
    type Summary = FirstResponseTimeSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, response: FirstResponse) -> Result<(), Infallible> {
        match response {
            FirstResponse::Answered(wait) => self.push_response(wait),
            FirstResponse::Unanswered => self.push_unanswered(),
            FirstResponse::Waiting(waited) => self.push_waiting(waited),
        }
        Ok(())
    }

    fn check(&self, _: &FirstResponse) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("SLA target", self.target, other.target, Setting::Duration)?;
        same("clock", self.clock, other.clock, |x| {
            Setting::Named(x.name())
        })?;
        same("milestone", self.milestone, other.milestone, |x| {
            Setting::Named(x.name())
        })?;
        check_merge_total(self.count(), other.count())?;
        // Both checks passed: neither merge below can fail.
        self.sketch.merge(&other.sketch)?;
        self.unanswered.merge(&other.unanswered)?;
        self.within_target += other.within_target;
        Ok(())
    }

    /// `None` until a ticket was answered: unanswered tickets alone have no response time.
    fn summary(&self) -> Option<FirstResponseTimeSummary> {
        (self.answered() > 0).then(|| FirstResponseTimeSummary::new(self.clone()))
    }

    fn count(&self) -> u64 {
        self.sketch.count().saturating_add(self.unanswered())
    }
}

crate::aggregator::impl_collect!(FirstResponseTime, FirstResponse, from_iter);

#[cfg(test)]
mod tests;
