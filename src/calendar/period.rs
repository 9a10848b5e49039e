//! [`ZonedPeriod`]: a day, ISO week, month, quarter or year on a zone's local calendar, and
//! [`Period::containing_in`], which finds it.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::time::Duration;

use super::{EARLIEST, LATEST, Zone, civil_from_days, days_from_civil};
use crate::period::{Granularity, Period, PeriodError};

#[cfg_attr(docsrs, doc(cfg(feature = "calendar")))]
impl Period {
    /// The local period of `granularity` in `zone` containing Unix time `timestamp`: the
    /// day, ISO week, month, quarter or year on the zone's wall calendar, labelled like UTC
    /// periods (`2026-11-23`, `2026-W48`, `2026-11`, `2026-Q4`, `2026`), with its
    /// [`start`](ZonedPeriod::start) and [`end`](ZonedPeriod::end) as instants.
    ///
    /// ```
    /// use satisfaction::calendar::Zone;
    /// use satisfaction::{Granularity, Period};
    ///
    /// let ny = Zone::named("America/New_York")?;
    /// let t = 1_795_835_400; // 2026-11-28T03:10:00Z: still Friday the 27th in New York
    /// assert_eq!(Period::containing(t, Granularity::Day)?.to_string(), "2026-11-28");
    /// let day = Period::containing_in(t, Granularity::Day, &ny)?;
    /// assert_eq!(day.to_string(), "2026-11-27");
    /// assert_eq!((day.start(), day.end()), (1_795_755_600, 1_795_842_000)); // 05:00Z to 05:00Z
    ///
    /// // The local day of the spring-forward change has 23 hours.
    /// let march_8 = Period::containing_in(1_772_985_600, Granularity::Day, &ny)?;
    /// assert_eq!(march_8.to_string(), "2026-03-08");
    /// assert_eq!(march_8.duration().as_secs(), 23 * 3600);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PeriodError::OutOfRange`] for a timestamp outside
    /// 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z, or whose local date is already in year
    /// 10000 (east of UTC, at the very end of the range; `max` is then this zone's last
    /// instant of 9999).
    pub fn containing_in(
        timestamp: i64,
        granularity: Granularity,
        zone: &Zone,
    ) -> Result<ZonedPeriod, PeriodError> {
        if !(EARLIEST..=LATEST).contains(&timestamp) {
            return Err(PeriodError::OutOfRange {
                timestamp,
                min: EARLIEST,
                max: LATEST,
            });
        }
        let day = zone.local_day(timestamp);
        let mut period = ZonedPeriod::new(Period::of_day(day, granularity), zone);
        // Periods partition time at their starts; the local date can disagree with them only
        // inside a fold across midnight, where the day has already begun once.
        for _ in 0..4 {
            if timestamp < period.start {
                period = period.before();
            } else if timestamp >= period.end {
                period = period.after();
            } else {
                break;
            }
        }
        let (year, _, _) = civil_from_days(period.period.first_day());
        if year > 9999 {
            let new_year_10000 = days_from_civil(10_000, 1, 1);
            return Err(PeriodError::OutOfRange {
                timestamp,
                min: EARLIEST,
                max: zone.start_of_day(new_year_10000) - 1,
            });
        }
        Ok(period)
    }
}

/// A calendar period on a zone's local calendar: its label (as a UTC [`Period`]'s), the zone
/// and the instants it starts and ends at. Made by [`Period::containing_in`] or
/// [`ZonedPeriod::parse`].
///
/// Local days are 23, 24 or 25 hours long (Australia/Lord_Howe: 23.5 or 24.5), and a day that
/// starts in a DST gap starts at the transition (Temporal's `startOfDay`). Periods of one zone
/// and granularity tile time without gaps: `p.next()?.start() == p.end()`.
///
/// Zoned periods order by local period (chronologically within a zone), then by zone name, and
/// are equal when label, granularity and zone are; so they are keys for
/// [`Grouped`](crate::Grouped). With the `serde` feature a zoned period is
/// `{"period":"2026-11","zone":"America/New_York"}`, validated on the way in.
///
/// ```
/// use satisfaction::calendar::{Zone, ZonedPeriod};
/// use satisfaction::{Aggregator, Granularity, Grouped, Nps, Period};
///
/// let london = Zone::named("Europe/London")?;
/// let mut by_month: Grouped<ZonedPeriod, Nps> = Grouped::default();
/// // 2026-10-01 00:30 BST (still September in UTC), 2026-10-31 23:59:59 and 2026-11-01 00:00 GMT.
/// for (t, score) in [(1_790_811_000, 9), (1_793_491_199, 10), (1_793_491_200, 3)] {
///     by_month.entry(Period::containing_in(t, Granularity::Month, &london)?).try_push(score)?;
/// }
/// let october = ZonedPeriod::parse("2026-10", &london)?;
/// assert_eq!(by_month.get(&october).unwrap().count(), 2);
/// assert_eq!(october.next()?.to_string(), "2026-11");
/// assert_eq!(october.duration().as_secs(), (31 * 24 + 1) * 3600); // clocks went back
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ZonedPeriod {
    period: Period,
    zone: Zone,
    start: i64,
    end: i64,
}

impl ZonedPeriod {
    fn new(period: Period, zone: &Zone) -> Self {
        Self {
            start: zone.start_of_day(period.first_day()),
            end: zone.start_of_day(period.following().first_day()),
            period,
            zone: zone.clone(),
        }
    }

    fn before(&self) -> Self {
        let day_before = self.period.first_day() - 1;
        Self::new(
            Period::of_day(day_before, self.period.granularity()),
            &self.zone,
        )
    }

    fn after(&self) -> Self {
        Self::new(self.period.following(), &self.zone)
    }

    /// The period labelled `label` (`YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qq`, `YYYY`)
    /// in `zone`.
    ///
    /// ```
    /// use satisfaction::calendar::{Zone, ZonedPeriod};
    ///
    /// let ny = Zone::named("America/New_York")?;
    /// let week = ZonedPeriod::parse("2026-W48", &ny)?;
    /// assert_eq!(ny.format_local(week.start())?, "2026-11-23T00:00:00-05:00");
    /// // 1969-12-31 in New York holds the first five hours of 1970 UTC.
    /// assert!(ZonedPeriod::parse("1969-12-31", &ny).is_ok());
    /// assert!(ZonedPeriod::parse("1969-12-30", &ny).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PeriodError::Unparsable`] for text that is not a label (years 1969 to 9999),
    /// [`PeriodError::OutOfRange`] for a period holding no supported instant.
    pub fn parse(label: &str, zone: &Zone) -> Result<Self, PeriodError> {
        let period = Self::new(Period::parse_from_year(label, 1969)?, zone);
        period.check_supported()?;
        Ok(period)
    }

    /// An error unless the period holds at least one supported instant.
    fn check_supported(&self) -> Result<(), PeriodError> {
        if self.end <= EARLIEST || self.start > LATEST {
            let timestamp = if self.end <= EARLIEST {
                self.end - 1
            } else {
                self.start
            };
            return Err(PeriodError::OutOfRange {
                timestamp,
                min: EARLIEST,
                max: LATEST,
            });
        }
        Ok(())
    }

    /// The same label and granularity as a UTC [`Period`] (whose `start` and `end` are UTC
    /// midnights, not this zone's): for joining with UTC-keyed data or parsing labels.
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }

    /// The zone.
    #[must_use]
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// The granularity.
    #[must_use]
    pub fn granularity(&self) -> Granularity {
        self.period.granularity()
    }

    /// Unix time of the period's first second (its first local midnight; before
    /// 1970-01-01T00:00:00Z for a period holding the first supported instant west of UTC).
    #[must_use]
    pub fn start(&self) -> i64 {
        self.start
    }

    /// Unix time of the first second after the period.
    #[must_use]
    pub fn end(&self) -> i64 {
        self.end
    }

    /// Whether Unix time `timestamp` falls in the period.
    #[must_use]
    pub fn contains(&self, timestamp: i64) -> bool {
        (self.start..self.end).contains(&timestamp)
    }

    /// The real length, `end - start`: 23 or 25 hours for a local day with a DST change.
    #[must_use]
    pub fn duration(&self) -> Duration {
        Duration::from_secs(self.end.abs_diff(self.start))
    }

    /// The next period of the same granularity in the same zone.
    ///
    /// # Errors
    ///
    /// [`PeriodError::OutOfRange`] past the supported range.
    pub fn next(&self) -> Result<Self, PeriodError> {
        let next = self.after();
        let (year, _, _) = civil_from_days(next.period.first_day());
        if year > 9999 || next.start > LATEST {
            return Err(PeriodError::OutOfRange {
                timestamp: next.start,
                min: EARLIEST,
                max: LATEST,
            });
        }
        Ok(next)
    }

    /// The previous period of the same granularity in the same zone.
    ///
    /// # Errors
    ///
    /// [`PeriodError::OutOfRange`] before the supported range.
    pub fn previous(&self) -> Result<Self, PeriodError> {
        let previous = self.before();
        previous.check_supported()?;
        Ok(previous)
    }
}

impl fmt::Display for ZonedPeriod {
    /// The label, as a UTC period's: `2026-11-23`, `2026-W48`, `2026-11`, `2026-Q4`, `2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.period, f)
    }
}

impl fmt::Debug for ZonedPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZonedPeriod")
            .field("label", &self.period.to_string())
            .field("zone", &self.zone.name())
            .field("start", &self.start)
            .field("end", &self.end)
            .finish()
    }
}

impl PartialEq for ZonedPeriod {
    fn eq(&self, other: &Self) -> bool {
        self.period == other.period && self.zone == other.zone
    }
}

impl Eq for ZonedPeriod {}

impl Hash for ZonedPeriod {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.period.hash(state);
        self.zone.hash(state);
    }
}

impl PartialOrd for ZonedPeriod {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ZonedPeriod {
    fn cmp(&self, other: &Self) -> Ordering {
        self.period
            .cmp(&other.period)
            .then_with(|| self.zone.cmp(&other.zone))
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::{Zone, ZonedPeriod};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Repr {
        period: String,
        zone: String,
    }

    impl Serialize for ZonedPeriod {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Repr {
                period: self.period.to_string(),
                zone: self.zone.name().to_owned(),
            }
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for ZonedPeriod {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let repr = Repr::deserialize(deserializer)?;
            let zone = Zone::named(&repr.zone).map_err(serde::de::Error::custom)?;
            ZonedPeriod::parse(&repr.period, &zone).map_err(serde::de::Error::custom)
        }
    }
}
