//! [`Lifetime`], the input of a Kaplan-Meier curve, [`LifetimeError`], and a customer's
//! lifetime in whole calendar periods from instants ([`Lifetime::between`]).

use thiserror::Error;

use crate::period::{Granularity, civil_from_days, days_from_civil};
use crate::time::{EARLIEST_TIMESTAMP, LATEST_TIMESTAMP};

/// The longest duration a curve records, in periods: 10¹⁵ (a million billion; 2.7 billion
/// years of days). Durations stay exact as `f64` (medians are midpoints of two of them), and
/// sums over them (the restricted mean, lifetime value) stay finite.
pub const MAX_DURATION: u64 = 1_000_000_000_000_000;

const DAY: i64 = 86_400;

/// One customer's lifetime: a duration in whole periods (days, weeks, months: the caller's
/// unit) and whether the customer churned then (an event) or is still active, observed that
/// long (censored).
///
/// A customer who is still active has not churned *yet*: the curve counts them as at risk up
/// to their duration and no further, which is what keeps it unbiased (dropping them, or
/// counting them as churned, would not).
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::retention::{KaplanMeier, Lifetime};
///
/// let mut km = KaplanMeier::default();
/// km.push(Lifetime::ended(7)?);        // churned after 7 periods
/// km.push(Lifetime::ongoing(12)?);     // active, 12 periods so far
/// km.push(Lifetime::new(3, true)?);
/// assert_eq!(km.count(), 3);
/// assert!(Lifetime::ended(u64::MAX).is_err());
/// # Ok::<(), satisfaction::retention::LifetimeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lifetime {
    duration: u64,
    churned: bool,
}

impl Lifetime {
    /// A lifetime of `duration` periods that ended in churn (`churned`) or is still going.
    ///
    /// # Errors
    ///
    /// [`LifetimeError::DurationTooLong`] past [`MAX_DURATION`].
    pub fn new(duration: u64, churned: bool) -> Result<Self, LifetimeError> {
        if duration > MAX_DURATION {
            return Err(LifetimeError::DurationTooLong {
                duration,
                max: MAX_DURATION,
            });
        }
        Ok(Self { duration, churned })
    }

    /// A customer who churned after `duration` periods.
    ///
    /// # Errors
    ///
    /// [`LifetimeError::DurationTooLong`] past [`MAX_DURATION`].
    pub fn ended(duration: u64) -> Result<Self, LifetimeError> {
        Self::new(duration, true)
    }

    /// A customer still active, observed for `duration` periods (censored).
    ///
    /// # Errors
    ///
    /// [`LifetimeError::DurationTooLong`] past [`MAX_DURATION`].
    pub fn ongoing(duration: u64) -> Result<Self, LifetimeError> {
        Self::new(duration, false)
    }

    /// The duration, in periods.
    #[must_use]
    pub fn duration(&self) -> u64 {
        self.duration
    }

    /// Whether the customer churned (an event) rather than being still active (censored).
    #[must_use]
    pub fn churned(&self) -> bool {
        self.churned
    }

    /// The lifetime of a customer who started at Unix time `start` and ended at `end` (or is
    /// still active: `None`), as known at `as_of`, in whole periods of `granularity`, in UTC.
    ///
    /// Periods are counted from the customer's own start, by anniversaries: the k-th
    /// anniversary is k periods after `start` on the calendar (the same time of day k days or
    /// weeks later; k months, quarters or years later with the day of the month kept, or the
    /// month's last day when it has none: January 31 + 1 month is February 28 or 29). Then:
    ///
    /// - a customer who **churned** by `as_of` gets the number of anniversaries they were
    ///   still a customer at (`start` included), and churned there: a customer who leaves
    ///   in the fourth month (after three anniversaries, before the fourth) has lifetime 4,
    ///   one who leaves exactly at an anniversary does not count it, and one who leaves at
    ///   once has lifetime 0;
    /// - a customer **still active** at `as_of` (or whose end is after `as_of`) is censored
    ///   at the number of anniversaries passed by `as_of` (0 in the first period);
    /// - a customer who churned **in the period still under way** at `as_of` (after their
    ///   last anniversary before `as_of`) is censored there too, as still active: the
    ///   period's survivors cannot be counted until it ends, and counting its churners
    ///   without them would bias the curve down (most of all in the youngest cohorts).
    ///
    /// So the curve's S(k) is the share of customers still customers just after their k-th
    /// anniversary: "retained after k periods". Counting calendar periods instead (a customer
    /// who joins on January 31 and leaves on February 1 "retained into February") would
    /// credit a day as a month; anniversaries give every customer the same exposure.
    ///
    /// ```
    /// use satisfaction::Granularity;
    /// use satisfaction::retention::Lifetime;
    ///
    /// let jan_15 = 1_768_435_200;   // 2026-01-15T00:00:00Z
    /// let apr_20 = 1_776_643_200;   // 2026-04-20T00:00:00Z
    /// let jul_1 = 1_782_864_000;    // 2026-07-01T00:00:00Z
    /// // Left after three anniversaries (Feb 15, Mar 15, Apr 15), before the fourth.
    /// let gone = Lifetime::between(jan_15, Some(apr_20), jul_1, Granularity::Month)?;
    /// assert_eq!((gone.duration(), gone.churned()), (4, true));
    /// // Still active on July 1: five anniversaries passed (through June 15).
    /// let active = Lifetime::between(jan_15, None, jul_1, Granularity::Month)?;
    /// assert_eq!((active.duration(), active.churned()), (5, false));
    /// # Ok::<(), satisfaction::retention::LifetimeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`LifetimeError::TimestampOutOfRange`] for an instant outside 1970..=9999,
    /// [`LifetimeError::EndBeforeStart`], [`LifetimeError::StartAfterAsOf`].
    pub fn between(
        start: i64,
        end: Option<i64>,
        as_of: i64,
        granularity: Granularity,
    ) -> Result<Self, LifetimeError> {
        Clock::Utc.lifetime(start, end, as_of, granularity)
    }

    /// [`between`](Self::between) on the wall clock of `zone`: anniversaries at the same
    /// local time of day (a time that a daylight-saving change skips is read with the
    /// offset before it, as RFC 5545 and Temporal do).
    ///
    /// ```
    /// use satisfaction::Granularity;
    /// use satisfaction::calendar::Zone;
    /// use satisfaction::retention::Lifetime;
    ///
    /// let ny = Zone::named("America/New_York")?;
    /// let start = 1_772_343_000;    // 2026-03-01T00:30 in New York (EST, 05:30Z)
    /// let as_of = 1_775_019_600;    // 2026-04-01T01:00 in New York (EDT, 05:00Z)
    /// // The first anniversary is 2026-04-01T00:30 on the New York wall clock (04:30Z)...
    /// assert_eq!(Lifetime::between_in(start, None, as_of, Granularity::Month, &ny)?.duration(), 1);
    /// // ...and 2026-04-01T05:30Z in UTC, not reached yet.
    /// assert_eq!(Lifetime::between(start, None, as_of, Granularity::Month)?.duration(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`between`](Self::between).
    #[cfg(feature = "calendar")]
    #[cfg_attr(docsrs, doc(cfg(feature = "calendar")))]
    pub fn between_in(
        start: i64,
        end: Option<i64>,
        as_of: i64,
        granularity: Granularity,
        zone: &crate::calendar::Zone,
    ) -> Result<Self, LifetimeError> {
        Clock::Zone(zone.clone()).lifetime(start, end, as_of, granularity)
    }
}

/// The wall clock anniversaries are counted on: UTC, or a zone's local time.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Clock {
    Utc,
    #[cfg(feature = "calendar")]
    Zone(crate::calendar::Zone),
}

impl Clock {
    /// Seconds since 1970-01-01T00:00 on this clock's wall at instant `t`.
    fn local(&self, t: i64) -> i64 {
        match self {
            Self::Utc => t,
            #[cfg(feature = "calendar")]
            Self::Zone(zone) => zone.local_seconds(t),
        }
    }

    /// The instant of wall-clock time `local` ("compatible" in a gap or fold).
    fn instant(&self, local: i64) -> i64 {
        match self {
            Self::Utc => local,
            #[cfg(feature = "calendar")]
            Self::Zone(zone) => zone.resolve(local),
        }
    }

    /// The zone's name, for messages and merge checks.
    pub(super) fn name(&self) -> &str {
        match self {
            Self::Utc => "UTC",
            #[cfg(feature = "calendar")]
            Self::Zone(zone) => zone.name(),
        }
    }

    /// The instant `k` periods after `start` on this clock.
    fn anniversary(&self, start: i64, k: u64, granularity: Granularity) -> Option<i64> {
        add_periods(self.local(start), k, granularity).map(|local| self.instant(local))
    }

    /// The most anniversaries of `start` at or before `t` (0 when `t` is before the first).
    fn completed(&self, start: i64, t: i64, granularity: Granularity) -> u64 {
        let reached = |k: u64| {
            self.anniversary(start, k, granularity)
                .is_some_and(|at| at <= t)
        };
        let (ls, lt) = (self.local(start), self.local(t));
        let estimate = match granularity {
            Granularity::Day => (lt - ls).div_euclid(DAY),
            Granularity::IsoWeek => (lt - ls).div_euclid(7 * DAY),
            Granularity::Month | Granularity::Quarter | Granularity::Year => {
                let month = |local: i64| {
                    let (y, m, _) = civil_from_days(local.div_euclid(DAY));
                    y * 12 + i64::from(m)
                };
                (month(lt) - month(ls)).div_euclid(months_per_period(granularity))
            }
        };
        // The estimate is off by at most one either way (a shorter month, a DST offset).
        let mut k = u64::try_from(estimate).unwrap_or(0);
        for _ in 0..4 {
            if k > 0 && !reached(k) {
                k -= 1;
            } else {
                break;
            }
        }
        for _ in 0..4 {
            if reached(k + 1) {
                k += 1;
            } else {
                break;
            }
        }
        k
    }

    /// The lifetime of a customer from `start` to `end` (or still active) as known at
    /// `as_of`, on this clock: see [`Lifetime::between`].
    pub(super) fn lifetime(
        &self,
        start: i64,
        end: Option<i64>,
        as_of: i64,
        granularity: Granularity,
    ) -> Result<Lifetime, LifetimeError> {
        for t in [Some(start), end, Some(as_of)].into_iter().flatten() {
            check_timestamp(t)?;
        }
        if start > as_of {
            return Err(LifetimeError::StartAfterAsOf { start, as_of });
        }
        // Anniversaries passed by as_of: how long the customer has been observed.
        let observed = self.completed(start, as_of, granularity);
        match end {
            Some(end) if end < start => Err(LifetimeError::EndBeforeStart { start, end }),
            Some(end) if end <= as_of => {
                // Anniversaries strictly before the end, the start included.
                let duration = if end > start {
                    self.completed(start, end - 1, granularity) + 1
                } else {
                    0
                };
                if duration <= observed {
                    Lifetime::new(duration, true)
                } else {
                    // Churned in the period still under way: its survivors cannot be counted
                    // yet, so neither is this churn.
                    Lifetime::new(observed, false)
                }
            }
            _ => Lifetime::new(observed, false),
        }
    }
}

fn months_per_period(granularity: Granularity) -> i64 {
    match granularity {
        Granularity::Quarter => 3,
        Granularity::Year => 12,
        _ => 1,
    }
}

/// Wall-clock seconds `local` plus `k` periods: days and weeks add days; months, quarters
/// and years add calendar months, the day kept or clamped to the month's last.
fn add_periods(local: i64, k: u64, granularity: Granularity) -> Option<i64> {
    let (day, time) = (local.div_euclid(DAY), local.rem_euclid(DAY));
    let k = i64::try_from(k).ok()?;
    let new_day = match granularity {
        Granularity::Day => day.checked_add(k)?,
        Granularity::IsoWeek => day.checked_add(k.checked_mul(7)?)?,
        Granularity::Month | Granularity::Quarter | Granularity::Year => {
            let months = k.checked_mul(months_per_period(granularity))?;
            let (y, m, d) = civil_from_days(day);
            let index = (y * 12 + i64::from(m) - 1).checked_add(months)?;
            let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
            if year > 20_000 {
                return None;
            }
            let next = if month == 12 {
                days_from_civil(year + 1, 1, 1)
            } else {
                days_from_civil(year, month + 1, 1)
            };
            let first = days_from_civil(year, month, 1);
            let last = u32::try_from(next - first).unwrap_or(28);
            days_from_civil(year, month, d.min(last))
        }
    };
    new_day.checked_mul(DAY)?.checked_add(time)
}

fn check_timestamp(timestamp: i64) -> Result<(), LifetimeError> {
    if (EARLIEST_TIMESTAMP..=LATEST_TIMESTAMP).contains(&timestamp) {
        Ok(())
    } else {
        Err(LifetimeError::TimestampOutOfRange {
            timestamp,
            min: EARLIEST_TIMESTAMP,
            max: LATEST_TIMESTAMP,
        })
    }
}

/// A lifetime that cannot be recorded, or a batch of them; nothing was recorded.
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::retention::{KaplanMeier, LifetimeError};
///
/// let mut km = KaplanMeier::default();
/// let err = km.try_extend_from_slices(&[3, 4], &[true]).unwrap_err();
/// assert!(matches!(err, LifetimeError::LengthMismatch { durations: 2, churned: 1, .. }));
/// let err = km.try_push(u64::MAX, true).unwrap_err();
/// assert!(err.to_string().contains("1000000000000000"));
/// assert!(km.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LifetimeError {
    /// A duration past [`MAX_DURATION`].
    #[error("duration {duration} is too long: durations are whole periods from 0 to {max}")]
    #[non_exhaustive]
    DurationTooLong {
        /// The duration.
        duration: u64,
        /// [`MAX_DURATION`].
        max: u64,
    },
    /// A duration past [`MAX_DURATION`] inside a batch.
    #[error(
        "duration {duration} at index {index} is too long: durations are whole periods from 0 \
         to {max}; nothing from the batch was recorded"
    )]
    #[non_exhaustive]
    BatchDurationTooLong {
        /// Its position in the batch.
        index: usize,
        /// The duration.
        duration: u64,
        /// [`MAX_DURATION`].
        max: u64,
    },
    /// A cap past [`MAX_DURATION`].
    #[error("cap {cap} is too long: a cap is a duration from 0 to {max}")]
    #[non_exhaustive]
    CapTooLong {
        /// The cap.
        cap: u64,
        /// [`MAX_DURATION`].
        max: u64,
    },
    /// The durations and the churn flags of a batch differ in length.
    #[error(
        "{durations} durations but {churned} churn flags: they must pair up one to one; \
         nothing was recorded"
    )]
    #[non_exhaustive]
    LengthMismatch {
        /// Durations given.
        durations: usize,
        /// Churn flags given.
        churned: usize,
    },
    /// The batch would take the curve past [`MAX_COUNT`](crate::MAX_COUNT) customers.
    #[error(
        "recording {len} more lifetimes onto {count} would exceed the limit of {limit}; \
         nothing from the batch was recorded"
    )]
    #[non_exhaustive]
    CountOverflow {
        /// The batch length.
        len: usize,
        /// Customers recorded before.
        count: u64,
        /// [`MAX_COUNT`](crate::MAX_COUNT).
        limit: u64,
    },
    /// An instant outside the crate's timestamp range.
    #[error(
        "timestamp {timestamp} is out of range: instants are Unix seconds from {min} to {max} (1970 to 9999)"
    )]
    #[non_exhaustive]
    TimestampOutOfRange {
        /// The instant.
        timestamp: i64,
        /// [`EARLIEST_TIMESTAMP`](crate::time::EARLIEST_TIMESTAMP).
        min: i64,
        /// [`LATEST_TIMESTAMP`](crate::time::LATEST_TIMESTAMP).
        max: i64,
    },
    /// A customer who ended before they started.
    #[error("a customer cannot end ({end}) before they start ({start})")]
    #[non_exhaustive]
    EndBeforeStart {
        /// The start.
        start: i64,
        /// The end.
        end: i64,
    },
    /// A customer who starts after the instant the data is as of: not a customer yet.
    #[error("a customer starting at {start} is not one yet as of {as_of}")]
    #[non_exhaustive]
    StartAfterAsOf {
        /// The start.
        start: i64,
        /// The as-of instant.
        as_of: i64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i64, m: u32, d: u32, h: i64) -> i64 {
        days_from_civil(y, m, d) * DAY + h * 3600
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        let jan_31 = at(2024, 1, 31, 10);
        let anniversary = |k| {
            Clock::Utc
                .anniversary(jan_31, k, Granularity::Month)
                .unwrap()
        };
        assert_eq!(anniversary(1), at(2024, 2, 29, 10));
        assert_eq!(anniversary(2), at(2024, 3, 31, 10));
        assert_eq!(anniversary(13), at(2025, 2, 28, 10));
        let completed = |t| Clock::Utc.completed(jan_31, t, Granularity::Month);
        assert_eq!(completed(at(2024, 2, 29, 9)), 0);
        assert_eq!(completed(at(2024, 2, 29, 10)), 1);
        assert_eq!(completed(at(2024, 3, 30, 23)), 1);
        assert_eq!(completed(at(2025, 2, 28, 10)), 13);
        let year = |t| Clock::Utc.completed(at(2024, 2, 29, 0), t, Granularity::Year);
        assert_eq!(year(at(2025, 2, 28, 0)), 1);
        assert_eq!(year(at(2025, 2, 27, 23)), 0);
    }

    #[test]
    fn churn_counts_anniversaries_before_the_end() {
        let start = at(2024, 1, 15, 0);
        let as_of = at(2026, 1, 1, 0);
        let life = |end| {
            Lifetime::between(start, Some(end), as_of, Granularity::Month)
                .map(|l| (l.duration(), l.churned()))
                .unwrap()
        };
        assert_eq!(life(start), (0, true));
        assert_eq!(life(start + 1), (1, true));
        assert_eq!(life(at(2024, 2, 15, 0)), (1, true)); // left at the first anniversary
        assert_eq!(life(at(2024, 2, 15, 1)), (2, true));
        // An end after as-of is not known yet: active, censored at as-of.
        let later = Lifetime::between(start, Some(as_of + 1), as_of, Granularity::Month).unwrap();
        assert_eq!((later.duration(), later.churned()), (23, false));
        // Churned on 2025-12-20, in the period that began on December 15 and is still under
        // way on January 1: not counted as a churn yet, active through 23 anniversaries.
        let recent = life(at(2025, 12, 20, 0));
        assert_eq!(recent, (23, false));
        assert_eq!(life(at(2025, 12, 15, 0)), (23, true)); // at the 23rd anniversary
        assert_eq!(life(at(2025, 12, 14, 0)), (23, true));
        for g in [
            Granularity::Day,
            Granularity::IsoWeek,
            Granularity::Quarter,
            Granularity::Year,
        ] {
            let l = Lifetime::between(start, None, as_of, g).unwrap();
            assert!(!l.churned());
        }
        assert_eq!(
            Lifetime::between(start, None, at(2024, 1, 22, 0), Granularity::IsoWeek)
                .unwrap()
                .duration(),
            1
        );
    }

    #[test]
    fn bad_instants_are_refused() {
        let t = at(2025, 6, 1, 0);
        assert!(matches!(
            Lifetime::between(t, Some(t - 1), t, Granularity::Day),
            Err(LifetimeError::EndBeforeStart { .. })
        ));
        assert!(matches!(
            Lifetime::between(t, None, t - 1, Granularity::Day),
            Err(LifetimeError::StartAfterAsOf { .. })
        ));
        assert!(matches!(
            Lifetime::between(-1, None, t, Granularity::Day),
            Err(LifetimeError::TimestampOutOfRange { .. })
        ));
        assert!(Lifetime::between(0, None, LATEST_TIMESTAMP, Granularity::Day).is_ok());
        let whole = Lifetime::between(0, None, LATEST_TIMESTAMP, Granularity::Year).unwrap();
        assert_eq!(whole.duration(), 8029);
    }
}
