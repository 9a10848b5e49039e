//! [`CalendarError`]: everything that can go wrong with zones, business calendars, business
//! durations and timestamp parsing.

use std::fmt;

use thiserror::Error;

use super::Weekday;

/// A zone, calendar, span or timestamp that was refused.
///
/// Every message names the rejected value and what would have been valid.
///
/// # Example
///
/// ```
/// use satisfaction::calendar::{BusinessCalendar, CalendarError, Weekday, Zone};
///
/// let err = Zone::named("Mars/Olympus_Mons").unwrap_err();
/// assert!(matches!(&err, CalendarError::UnknownZone { name, .. } if name == "Mars/Olympus_Mons"));
///
/// let err = BusinessCalendar::builder(Zone::named("UTC")?)
///     .hours(Weekday::Monday, "17:00", "09:00")
///     .build()
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "opening hours on Monday are empty: start 17:00 is not before end 09:00 \
///      (an overnight shift is two intervals: 17:00-24:00 and 00:00-09:00 the next day)"
/// );
/// # Ok::<(), CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// A time-zone name that the bundled IANA database does not know.
    #[error(
        "unknown time zone {name:?}: expected an IANA time-zone name such as \
         \"America/New_York\", \"Europe/London\" or \"UTC\""
    )]
    #[non_exhaustive]
    UnknownZone {
        /// The rejected name.
        name: String,
    },
    /// Opening-hours text that is not `HH:MM` between `00:00` and `24:00`.
    #[error(
        "{value:?} is not a wall-clock time: expected HH:MM from 00:00 to 24:00 \
         (e.g. \"09:00\", \"17:30\", \"24:00\")"
    )]
    #[non_exhaustive]
    InvalidTime {
        /// The rejected text.
        value: String,
    },
    /// An opening interval whose start is not before its end.
    #[error(
        "opening hours on {day} are empty: start {} is not before end {} (an overnight shift \
         is two intervals: {}-24:00 and 00:00-{} the next day)",
        Hhmm(*start_minute), Hhmm(*end_minute), Hhmm(*start_minute), Hhmm(*end_minute)
    )]
    #[non_exhaustive]
    EmptyInterval {
        /// The weekday the interval was given for.
        day: Weekday,
        /// Its start, in minutes after local midnight.
        start_minute: u16,
        /// Its end, in minutes after local midnight.
        end_minute: u16,
    },
    /// Two opening intervals of one weekday that overlap.
    #[error(
        "opening hours on {day} overlap: {}-{} and {}-{} (intervals of one day must not \
         overlap; touching, as 09:00-12:00 and 12:00-17:00, is fine)",
        Hhmm(*first_start_minute), Hhmm(*first_end_minute),
        Hhmm(*second_start_minute), Hhmm(*second_end_minute)
    )]
    #[non_exhaustive]
    OverlappingIntervals {
        /// The weekday.
        day: Weekday,
        /// Start of the earlier interval, in minutes after local midnight.
        first_start_minute: u16,
        /// End of the earlier interval, in minutes after local midnight.
        first_end_minute: u16,
        /// Start of the later interval, in minutes after local midnight.
        second_start_minute: u16,
        /// End of the later interval, in minutes after local midnight.
        second_end_minute: u16,
    },
    /// A holiday that is not a real `YYYY-MM-DD` date in 1970..=9999.
    #[error(
        "{value:?} is not a date: expected a real calendar date YYYY-MM-DD in years 1970 to 9999"
    )]
    #[non_exhaustive]
    InvalidDate {
        /// The rejected text.
        value: String,
    },
    /// A business calendar without a single opening interval.
    #[error(
        "the business calendar has no open hours: add at least one interval with \
         .hours(day, \"HH:MM\", \"HH:MM\")"
    )]
    NoOpenHours,
    /// A span whose end is before its start.
    #[error(
        "the reply {replied} is before the creation {created} (Unix seconds): a span must not \
         run backwards"
    )]
    #[non_exhaustive]
    ReversedSpan {
        /// The start of the span (creation).
        created: i64,
        /// The end of the span (reply), earlier than `created`.
        replied: i64,
    },
    /// A timestamp outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    #[error(
        "timestamp {timestamp} is outside the supported range {min}..={max} \
         (Unix seconds, 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"
    )]
    #[non_exhaustive]
    OutOfRange {
        /// The rejected timestamp, in Unix seconds.
        timestamp: i64,
        /// The earliest supported timestamp, 0.
        min: i64,
        /// The latest supported timestamp, 253 402 300 799.
        max: i64,
    },
    /// Text that is not a timestamp of the expected form.
    #[error("{value:?} is not {expected}: {reason}")]
    #[non_exhaustive]
    InvalidTimestamp {
        /// The rejected text.
        value: String,
        /// What was expected, e.g. "an RFC 3339 timestamp with a UTC offset".
        expected: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// Text that is not the name of a weekday.
    #[error("{value:?} is not a weekday: expected Monday to Sunday, or Mon to Sun")]
    #[non_exhaustive]
    InvalidWeekday {
        /// The rejected text.
        value: String,
    },
}

impl CalendarError {
    /// The out-of-range error for `timestamp`.
    pub(crate) fn out_of_range(timestamp: i64) -> Self {
        Self::OutOfRange {
            timestamp,
            min: super::EARLIEST,
            max: super::LATEST,
        }
    }
}

/// Minutes after midnight shown as `HH:MM`.
struct Hhmm(u16);

impl fmt::Display for Hhmm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::TimeOfDay::from_minutes(self.0).fmt(f)
    }
}

impl From<std::convert::Infallible> for CalendarError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}
