//! First response time (FRT): how long customers wait for the first human reply.
//!
//! FRT runs from the customer's first inbound message (ticket creation) to the first public
//! reply by a person; bot and automated replies do not stop the clock, so feed this aggregator
//! the human reply. Tickets nobody answered have no FRT: they are counted and reported as
//! unanswered, never averaged in (averaging them as zero, or as "now", is a classic way to
//! flatter or sink a dashboard).
//!
//! Response times are heavily skewed, so the median is the headline (Intercom and Zendesk
//! report it by default), with p90 / p95 for the tail and the mean for cost models. Quantiles
//! come from a [`DurationSketch`]: bounded memory, exact counts, within 1% (configurable) of the
//! true order statistic. Their confidence intervals are distribution-free
//! ([`quantile_ranks`]). SLA attainment, the share answered
//! within a target set at construction, is counted exactly at push time, not read off the
//! sketch, and gets a binomial interval.
//!
//! This is calendar time; business-hours time is a later addition.
//!
//! ```
//! use std::time::Duration;
//! use satisfaction::{Aggregator, ConfidenceLevel, FirstResponse, FirstResponseTime};
//!
//! let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
//! for minutes in [12, 45, 30, 75, 5, 240, 20, 50, 35, 15] {
//!     frt.push_response(Duration::from_secs(60 * minutes));
//! }
//! frt.push_unanswered();
//! frt.push(FirstResponse::from_unix_seconds(1_700_000_000, Some(1_700_000_900))?);
//!
//! let summary = frt.summary().unwrap();
//! assert_eq!((summary.answered(), summary.unanswered()), (11, 1));
//! assert_eq!(summary.within_target(), Some(9));
//! let median = summary.median().as_secs_f64() / 60.0;
//! assert!((median - 30.0).abs() <= 0.3); // 30 minutes, within 1%
//! let ci = summary.quantile_interval(0.5, ConfidenceLevel::P95).unwrap(); // in seconds
//! assert!(ci.contains(30.0 * 60.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::aggregator::Aggregator;
use crate::display::{Human, Percent};
use crate::error::{AccuracyError, DurationError, MergeError, QuantileError, StateError};
use crate::interval::{
    self, ConfidenceLevel, Interval, ProportionMethod, check_quantile, quantile_ranks,
};
use crate::sketch::DurationSketch;

/// One ticket's first response: how long it took, or that there was none.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::FirstResponse;
///
/// let answered = FirstResponse::from_unix_seconds(1_000, Some(1_600))?;
/// assert_eq!(answered, FirstResponse::Answered(Duration::from_secs(600)));
/// assert_eq!(FirstResponse::from_unix_seconds(1_000, None)?, FirstResponse::Unanswered);
/// assert!(FirstResponse::from_unix_seconds(1_000, Some(999)).is_err());
/// assert!(FirstResponse::from_secs_f64(-1.0).is_err());
/// # Ok::<(), satisfaction::DurationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FirstResponse {
    /// Answered after this long.
    Answered(Duration),
    /// Not answered (yet): counted, but not part of any time statistic.
    Unanswered,
}

impl FirstResponse {
    /// From a creation and an optional first-reply timestamp in Unix seconds.
    ///
    /// # Errors
    ///
    /// [`DurationError::EndBeforeStart`] when the reply is before the creation.
    pub fn from_unix_seconds(created: i64, replied: Option<i64>) -> Result<Self, DurationError> {
        match replied {
            None => Ok(Self::Unanswered),
            Some(replied) if replied < created => Err(DurationError::EndBeforeStart {
                start: created,
                end: replied,
            }),
            Some(replied) => Ok(Self::Answered(Duration::from_secs(
                replied.abs_diff(created),
            ))),
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
    /// [`DurationError::InvalidSeconds`] for negative, NaN or infinite seconds.
    pub fn from_secs_f64(seconds: f64) -> Result<Self, DurationError> {
        Duration::try_from_secs_f64(seconds)
            .map(Self::Answered)
            .map_err(|_| DurationError::InvalidSeconds { seconds })
    }
}

/// The first-response-time aggregator: a duration sketch, the unanswered count and, when a
/// target is set, the exact count answered within it.
///
/// `Default` has 1% relative accuracy and no SLA target. Memory is bounded whatever the number
/// of tickets: at most 16 KiB for response times between 1 ms and 1 year at 1% (see
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
/// State: `size_of::<FirstResponseTime>() == 128` bytes, plus the sketch's bucket counts (at most 14.4 KiB for 1 ms to 1 year at 1%).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "FrtState", into = "FrtState"))]
pub struct FirstResponseTime {
    sketch: DurationSketch,
    unanswered: u64,
    target: Option<Duration>,
    within_target: u64,
}

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
            unanswered: 0,
            target,
            within_target: 0,
        })
    }

    /// Records an answered ticket.
    #[inline]
    pub fn push_response(&mut self, wait: Duration) {
        if self.target.is_some_and(|target| wait <= target) {
            self.within_target = self.within_target.saturating_add(1);
        }
        self.sketch.push(wait);
    }

    /// Records an unanswered ticket.
    pub fn push_unanswered(&mut self) {
        self.unanswered = self.unanswered.saturating_add(1);
    }

    /// Tickets answered so far.
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.sketch.count()
    }

    /// Tickets not answered so far.
    #[must_use]
    pub fn unanswered(&self) -> u64 {
        self.unanswered
    }

    /// The SLA target, if one was set.
    #[must_use]
    pub fn target(&self) -> Option<Duration> {
        self.target
    }

    /// The response-time sketch.
    #[must_use]
    pub fn sketch(&self) -> &DurationSketch {
        &self.sketch
    }
}

impl Aggregator for FirstResponseTime {
    type Input = FirstResponse;
    type Summary = FirstResponseTimeSummary;

    #[inline]
    fn push(&mut self, response: FirstResponse) {
        match response {
            FirstResponse::Answered(wait) => self.push_response(wait),
            FirstResponse::Unanswered => self.push_unanswered(),
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.target != other.target {
            return Err(MergeError::ConfigurationMismatch {
                setting: "SLA target",
                left: format!("{:?}", self.target),
                right: format!("{:?}", other.target),
            });
        }
        let unanswered = self.unanswered.checked_add(other.unanswered);
        let total = self.count().checked_add(other.count());
        match (unanswered, total) {
            (Some(unanswered), Some(total)) if total <= crate::MAX_COUNT => {
                self.sketch.merge(&other.sketch)?;
                self.unanswered = unanswered;
                self.within_target += other.within_target;
                Ok(())
            }
            _ => Err(MergeError::CountOverflow {
                left: self.count(),
                right: other.count(),
                limit: crate::MAX_COUNT,
            }),
        }
    }

    /// `None` until at least one ticket was answered: with none there is no response time to
    /// summarise (the unanswered count is still on the aggregator).
    fn summary(&self) -> Option<FirstResponseTimeSummary> {
        (self.answered() > 0).then(|| FirstResponseTimeSummary { frt: self.clone() })
    }

    /// Answered plus unanswered tickets.
    fn count(&self) -> u64 {
        self.sketch.count().saturating_add(self.unanswered)
    }
}

crate::aggregator::impl_collect!(FirstResponseTime, FirstResponse, from_iter);

/// The summary of a [`FirstResponseTime`] with at least one answered ticket.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::{Aggregator, FirstResponseTime};
///
/// let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
/// for minutes in 1..=100 {
///     frt.push_response(Duration::from_secs(60 * minutes));
/// }
/// frt.push_unanswered();
/// assert_eq!(
///     frt.summary().unwrap().to_string(),
///     "FRT median 50m 13s (95% CI 39m 57s to 1h 01m); p90 1h 30m; p95 1h 35m; \
///      mean 50m 30s; max 1h 40m; n = 100 answered, 1 unanswered; \
///      within 1h 00m: 60.0% (95% CI 50.2% to 69.1%, Wilson)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FirstResponseTimeSummary {
    frt: FirstResponseTime,
}

impl FirstResponseTimeSummary {
    /// The anytime-valid confidence sequence of SLA attainment; `None` without a target: valid at
    /// every n at once, so it may be checked after every answer (see
    /// [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn sla_sequence(&self, level: ConfidenceLevel) -> Option<Interval> {
        self.sla_sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    /// [`sla_sequence`](Self::sla_sequence) tuned for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn sla_sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Option<Interval> {
        let within = self.within_target()?;
        Some(interval::sequence_unchecked(
            within as f64,
            self.answered(),
            level,
            tuned_for,
        ))
    }
    /// Tickets answered (the `n` of every time statistic).
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.frt.answered()
    }

    /// Tickets not answered.
    #[must_use]
    pub fn unanswered(&self) -> u64 {
        self.frt.unanswered
    }

    /// The `q`-quantile of the response times (rank ⌈q n⌉, within the sketch's accuracy; q = 0
    /// and q = 1 are the exact minimum and maximum).
    ///
    /// # Errors
    ///
    /// [`QuantileError::OutOfRange`] when `q` is not in [0, 1].
    pub fn quantile(&self, q: f64) -> Result<Duration, QuantileError> {
        Ok(self.frt.sketch.quantile(q)?.unwrap_or_default())
    }

    /// The median response time.
    #[must_use]
    pub fn median(&self) -> Duration {
        self.quantile(0.5).unwrap_or_default()
    }

    /// The 90th percentile.
    #[must_use]
    pub fn p90(&self) -> Duration {
        self.quantile(0.9).unwrap_or_default()
    }

    /// The 95th percentile.
    #[must_use]
    pub fn p95(&self) -> Duration {
        self.quantile(0.95).unwrap_or_default()
    }

    /// The mean response time (exact, from the sum of nanoseconds).
    #[must_use]
    pub fn mean(&self) -> Duration {
        self.frt.sketch.mean().unwrap_or_default()
    }

    /// The fastest response (exact).
    #[must_use]
    pub fn min(&self) -> Duration {
        self.frt.sketch.min().unwrap_or_default()
    }

    /// The slowest response (exact).
    #[must_use]
    pub fn max(&self) -> Duration {
        self.frt.sketch.max().unwrap_or_default()
    }

    /// A distribution-free confidence interval for the `q`-quantile, **in seconds**: the
    /// order statistics of ranks [`quantile_ranks`] gives, read off the sketch.
    ///
    /// `None` when `q` is outside [0, 1] or there are too few answered tickets for `level`
    /// (the median at 95% needs 6). Each bound carries the sketch's relative error (1% by
    /// default) on top of the interval's own uncertainty.
    #[must_use]
    pub fn quantile_interval(&self, q: f64, level: ConfidenceLevel) -> Option<Interval> {
        check_quantile(q).ok()?;
        let (lower, upper) = quantile_ranks(self.answered(), q, level).ok()??;
        let seconds = |rank| self.frt.sketch.value_at_rank(rank).map(|d| d.as_secs_f64());
        Interval::new(seconds(lower)?, seconds(upper)?)
    }

    /// The SLA target, if one was set.
    #[must_use]
    pub fn target(&self) -> Option<Duration> {
        self.frt.target
    }

    /// Answered tickets whose response took at most the target (exact); `None` without one.
    #[must_use]
    pub fn within_target(&self) -> Option<u64> {
        self.frt.target.map(|_| self.frt.within_target)
    }

    /// SLA attainment: the share of answered tickets within the target; `None` without one.
    /// Unanswered tickets are not in the denominator.
    #[must_use]
    pub fn sla_attainment(&self) -> Option<f64> {
        let within = self.within_target()?;
        Some(within as f64 / self.answered() as f64)
    }

    /// The binomial confidence interval of [`sla_attainment`](Self::sla_attainment).
    #[must_use]
    pub fn sla_interval(
        &self,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Option<Interval> {
        let within = self.within_target()?;
        Some(interval::proportion_unchecked(
            within,
            self.answered(),
            level,
            method,
        ))
    }

    /// The sketch's relative accuracy for quantiles.
    #[must_use]
    pub fn relative_accuracy(&self) -> f64 {
        self.frt.sketch.relative_accuracy()
    }
}

impl fmt::Display for FirstResponseTimeSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        write!(f, "FRT median {}", Human(self.median()))?;
        if let Some(ci) = self.quantile_interval(0.5, level) {
            write!(
                f,
                " ({level} CI {} to {})",
                Human(Duration::from_secs_f64(ci.lower())),
                Human(Duration::from_secs_f64(ci.upper()))
            )?;
        }
        write!(
            f,
            "; p90 {}; p95 {}; mean {}; max {}; n = {} answered, {} unanswered",
            Human(self.p90()),
            Human(self.p95()),
            Human(self.mean()),
            Human(self.max()),
            self.answered(),
            self.unanswered()
        )?;
        if let (Some(target), Some(share), Some(ci)) = (
            self.target(),
            self.sla_attainment(),
            self.sla_interval(level, ProportionMethod::default()),
        ) {
            write!(
                f,
                "; within {}: {} ({level} CI {} to {}, {})",
                Human(target),
                Percent(share),
                Percent(ci.lower()),
                Percent(ci.upper()),
                ProportionMethod::default()
            )?;
        }
        Ok(())
    }
}

/// The stored form of a [`FirstResponseTime`] (serde and bytes), validated on the way in.
mod state {
    use std::time::Duration;

    use super::FirstResponseTime;
    use crate::error::StateError;
    use crate::sketch::DurationSketch;
    use crate::state::check_version;

    /// The serialised form of a [`FirstResponseTime`].
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
    pub(crate) struct FrtState {
        version: u32,
        target: Option<Duration>,
        within_target: u64,
        unanswered: u64,
        sketch: DurationSketch,
    }

    impl From<FirstResponseTime> for FrtState {
        fn from(frt: FirstResponseTime) -> Self {
            Self {
                version: crate::STATE_VERSION,
                target: frt.target,
                within_target: frt.within_target,
                unanswered: frt.unanswered,
                sketch: frt.sketch,
            }
        }
    }

    impl TryFrom<FrtState> for FirstResponseTime {
        type Error = StateError;

        fn try_from(state: FrtState) -> Result<Self, StateError> {
            check_version(state.version)?;
            validated(
                state.sketch,
                state.unanswered,
                state.target,
                state.within_target,
            )
        }
    }

    /// An aggregator from stored parts whose counts agree with each other.
    pub(crate) fn validated(
        sketch: DurationSketch,
        unanswered: u64,
        target: Option<Duration>,
        within_target: u64,
    ) -> Result<FirstResponseTime, StateError> {
        let answered = sketch.count();
        if within_target > answered || (target.is_none() && within_target > 0) {
            return Err(StateError::Inconsistent(format!(
                "first response time: {within_target} within target of {answered} answered \
                 (target {target:?})"
            )));
        }
        // Every recorded wait lies in [min, max]: all of them are within a target at or above
        // the maximum, none within one below the minimum. (A maximum of u64::MAX ns may stand
        // for longer waits the sketch clamped, so it proves nothing.)
        if let (Some(target), Some(min), Some(max)) = (target, sketch.min(), sketch.max()) {
            let all_within = max <= target && max < Duration::from_nanos(u64::MAX);
            if (all_within && within_target != answered) || (min > target && within_target != 0) {
                return Err(StateError::Inconsistent(format!(
                    "first response time: {within_target} of {answered} answered within the \
                     target {target:?}, but the waits run from {min:?} to {max:?}"
                )));
            }
        }
        if answered
            .checked_add(unanswered)
            .is_none_or(|t| t > crate::MAX_COUNT)
        {
            return Err(crate::state::too_many());
        }
        Ok(FirstResponseTime {
            sketch,
            unanswered,
            target,
            within_target,
        })
    }
}

#[cfg(feature = "serde")]
use state::FrtState;

/// The first bytes of [`FirstResponseTime::to_bytes`].
const MAGIC: &[u8; 4] = b"SATF";

impl FirstResponseTime {
    /// The aggregator as compact, versioned bytes, for storage or shipping without serde (a
    /// database column, the DataFusion `frt` partial state): a 4-byte tag, the format version,
    /// the SLA target, the within-target and unanswered counts, then
    /// [`DurationSketch::to_bytes`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::{Aggregator, FirstResponseTime};
    ///
    /// let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
    /// frt.push_response(Duration::from_secs(600));
    /// frt.push_unanswered();
    /// let restored = FirstResponseTime::from_bytes(&frt.to_bytes())?;
    /// assert_eq!(restored, frt);
    /// assert!(FirstResponseTime::from_bytes(b"not a state").is_err());
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + 2 * self.sketch.count().min(2048) as usize);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&crate::STATE_VERSION.to_le_bytes());
        match self.target {
            Some(target) => {
                out.push(1);
                out.extend_from_slice(&target.as_secs().to_le_bytes());
                out.extend_from_slice(&target.subsec_nanos().to_le_bytes());
            }
            None => out.extend_from_slice(&[0; 13]),
        }
        out.extend_from_slice(&self.within_target.to_le_bytes());
        out.extend_from_slice(&self.unanswered.to_le_bytes());
        out.extend_from_slice(&self.sketch.to_bytes());
        out
    }

    /// Reads [`to_bytes`](Self::to_bytes) output back, validating it as the serde form is
    /// validated.
    ///
    /// # Errors
    ///
    /// [`StateError`] for bytes that are not an FRT state, of another format version, cut
    /// short, or whose counts disagree (more within target than answered, a count without a
    /// target, totals over [`MAX_COUNT`](crate::MAX_COUNT)).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StateError> {
        let bad = |why: &str| StateError::Inconsistent(format!("first response time bytes: {why}"));
        const HEADER: usize = 4 + 4 + 13 + 8 + 8;
        if !bytes.starts_with(MAGIC) {
            return Err(bad(
                "not an FRT state (the bytes do not start with \"SATF\")",
            ));
        }
        if bytes.len() < HEADER {
            return Err(bad("cut short"));
        }
        let le_u64 = |at: usize| {
            let mut b = [0; 8];
            b.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(b)
        };
        let mut version = [0; 4];
        version.copy_from_slice(&bytes[4..8]);
        crate::state::check_version(u32::from_le_bytes(version))?;
        let mut nanos = [0; 4];
        nanos.copy_from_slice(&bytes[17..21]);
        let nanos = u32::from_le_bytes(nanos);
        let target = match bytes[8] {
            0 if le_u64(9) == 0 && nanos == 0 => None,
            1 if nanos < 1_000_000_000 => Some(Duration::new(le_u64(9), nanos)),
            _ => return Err(bad("malformed SLA target")),
        };
        let within_target = le_u64(21);
        let unanswered = le_u64(29);
        let sketch = DurationSketch::from_bytes(&bytes[HEADER..])?;
        state::validated(sketch, unanswered, target, within_target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanswered_tickets_are_counted_not_averaged() {
        let mut frt = FirstResponseTime::default();
        frt.push_unanswered();
        assert_eq!(frt.summary(), None);
        assert_eq!(frt.count(), 1);
        frt.push_response(Duration::from_secs(10));
        let summary = frt.summary().unwrap();
        assert_eq!(summary.mean(), Duration::from_secs(10));
        assert_eq!(summary.within_target(), None);
        assert_eq!(summary.sla_attainment(), None);
    }

    #[test]
    fn metrics_md_median_interval() {
        // x = 1..10 seconds: 95% CI for the median is [x(2), x(9)] = [2, 9], within 1%.
        let frt: FirstResponseTime = (1..=10)
            .map(|s| FirstResponse::Answered(Duration::from_secs(s)))
            .collect();
        let ci = frt
            .summary()
            .unwrap()
            .quantile_interval(0.5, ConfidenceLevel::P95)
            .unwrap();
        assert!((ci.lower() - 2.0).abs() <= 0.02 && (ci.upper() - 9.0).abs() <= 0.09);
        let five: FirstResponseTime = (1..=5)
            .map(|s| FirstResponse::Answered(Duration::from_secs(s)))
            .collect();
        assert_eq!(
            five.summary()
                .unwrap()
                .quantile_interval(0.5, ConfidenceLevel::P95),
            None
        );
    }

    #[test]
    fn target_is_inclusive_and_part_of_the_configuration() {
        let hour = Duration::from_secs(3600);
        let mut frt = FirstResponseTime::with_target(hour);
        frt.push_response(hour);
        frt.push_response(hour + Duration::from_nanos(1));
        assert_eq!(frt.summary().unwrap().within_target(), Some(1));
        let before = frt.clone();
        assert!(frt.merge(&FirstResponseTime::default()).is_err());
        assert_eq!(frt, before);
    }

    #[test]
    fn bytes_whose_sla_count_contradicts_the_waits_are_refused() {
        let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
        frt.push_response(Duration::from_secs(60));
        frt.push_response(Duration::from_secs(120));
        let bytes = frt.to_bytes();
        assert_eq!(FirstResponseTime::from_bytes(&bytes).unwrap(), frt);
        // The within-target count sits at 21..29. Both waits are under the target, so any count
        // but 2 is a damaged state.
        for within in [0_u64, 1] {
            let mut damaged = bytes.clone();
            damaged[21..29].copy_from_slice(&within.to_le_bytes());
            assert!(FirstResponseTime::from_bytes(&damaged).is_err(), "{within}");
        }
        // Both waits over a 30-second target: none can be within it.
        let mut slow = FirstResponseTime::with_target(Duration::from_secs(30));
        slow.push_response(Duration::from_secs(60));
        let mut damaged = slow.to_bytes();
        damaged[21..29].copy_from_slice(&1_u64.to_le_bytes());
        assert!(FirstResponseTime::from_bytes(&damaged).is_err());
    }

    #[test]
    fn bad_quantiles() {
        let mut frt = FirstResponseTime::default();
        frt.push_response(Duration::from_secs(1));
        let summary = frt.summary().unwrap();
        for q in [-0.5, 1.5, f64::NAN] {
            assert!(summary.quantile(q).is_err());
            assert_eq!(summary.quantile_interval(q, ConfidenceLevel::P95), None);
        }
    }
}
