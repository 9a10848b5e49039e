//! Time: the one range of timestamps the crate takes ([`TimestampError`]), durations between
//! timestamps ([`DurationError`]) and the way summaries write a duration ([`HumanDuration`]).
//! The user-facing documentation is on those types.

use std::fmt;
use std::time::Duration;

use thiserror::Error;

/// The earliest timestamp the crate takes: 1970-01-01T00:00:00Z, in Unix seconds.
pub const EARLIEST_TIMESTAMP: i64 = 0;

/// The latest timestamp the crate takes: 9999-12-31T23:59:59Z, in Unix seconds.
pub const LATEST_TIMESTAMP: i64 = 253_402_300_799;

/// A timestamp outside [`EARLIEST_TIMESTAMP`]..=[`LATEST_TIMESTAMP`].
///
/// Every timestamp the crate takes (ticket creation and reply, survey submission, a period's
/// instant) is Unix seconds in that range, 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z;
/// outside it is this error, naming the value and the range, whichever API it came through.
///
/// ```
/// use satisfaction::FirstResponse;
/// use satisfaction::time::{DurationError, LATEST_TIMESTAMP};
///
/// let err = FirstResponse::from_unix_seconds(-5, None).unwrap_err();
/// assert!(matches!(err, DurationError::Timestamp(t) if t.value == -5));
/// assert!(err.to_string().contains("1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
/// assert!(FirstResponse::from_unix_seconds(0, Some(LATEST_TIMESTAMP)).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
#[error(
    "timestamp {value} is outside the supported range {min}..={max} (Unix seconds, \
     1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"
)]
#[non_exhaustive]
pub struct TimestampError {
    /// The rejected timestamp, in Unix seconds.
    pub value: i64,
    /// [`EARLIEST_TIMESTAMP`].
    pub min: i64,
    /// [`LATEST_TIMESTAMP`].
    pub max: i64,
}

/// `timestamp` if it lies in the supported range.
pub(crate) fn check_timestamp(timestamp: i64) -> Result<i64, TimestampError> {
    if (EARLIEST_TIMESTAMP..=LATEST_TIMESTAMP).contains(&timestamp) {
        Ok(timestamp)
    } else {
        Err(TimestampError {
            value: timestamp,
            min: EARLIEST_TIMESTAMP,
            max: LATEST_TIMESTAMP,
        })
    }
}

/// A duration that cannot be one: a reply before its ticket, a timestamp out of range, seconds
/// that are negative, not a number, or longer than a `Duration` holds.
///
/// # Example
///
/// ```
/// use satisfaction::FirstResponse;
/// use satisfaction::time::DurationError;
///
/// let err = FirstResponse::from_unix_seconds(1_700_000_000, Some(1_699_999_000)).unwrap_err();
/// assert!(matches!(err, DurationError::EndBeforeStart { start: 1_700_000_000, end: 1_699_999_000, .. }));
/// let err = FirstResponse::from_secs_f64(1e30).unwrap_err();
/// assert!(err.to_string().contains("longer than"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum DurationError {
    /// The end timestamp is before the start (a reply before the ticket was created).
    #[error("end {end} is before start {start} (Unix seconds): a reply cannot precede its ticket")]
    #[non_exhaustive]
    EndBeforeStart {
        /// The start, in seconds since the Unix epoch.
        start: i64,
        /// The end, in seconds since the Unix epoch.
        end: i64,
    },
    /// The end `SystemTime` is before the start.
    #[error("end is {before:?} before start: a reply cannot precede its ticket")]
    #[non_exhaustive]
    EndBeforeStartTime {
        /// How far before the start the end lies.
        before: Duration,
    },
    /// A timestamp outside the supported range.
    #[error(transparent)]
    Timestamp(#[from] TimestampError),
    /// Seconds that are NaN or infinite.
    #[error("{seconds} seconds is not a duration: it must be a finite number")]
    #[non_exhaustive]
    NotFinite {
        /// The rejected number of seconds.
        seconds: f64,
    },
    /// Negative seconds.
    #[error("{seconds} seconds is negative: a duration is at least 0 seconds")]
    #[non_exhaustive]
    Negative {
        /// The rejected number of seconds.
        seconds: f64,
    },
    /// More seconds than a [`Duration`] holds (about 584.9 billion years).
    #[error("{seconds} seconds is longer than the longest duration, {max} seconds")]
    #[non_exhaustive]
    TooLong {
        /// The rejected number of seconds.
        seconds: f64,
        /// The longest duration in seconds ([`Duration::MAX`]).
        max: f64,
    },
}

/// A duration from a number of seconds, with the reason when it is not one.
pub(crate) fn duration_from_secs(seconds: f64) -> Result<Duration, DurationError> {
    if !seconds.is_finite() {
        return Err(DurationError::NotFinite { seconds });
    }
    if seconds < 0.0 {
        return Err(DurationError::Negative { seconds });
    }
    Duration::try_from_secs_f64(seconds).map_err(|_| DurationError::TooLong {
        seconds,
        max: Duration::MAX.as_secs_f64(),
    })
}

/// A duration written the way a support report writes it: `850ms`, `42.3s`, `12m 30s`,
/// `3h 05m`, `2d 04h`. Two units at most; the rest is rounded away. Every summary's `Display`
/// writes durations this way.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::time::HumanDuration;
///
/// assert_eq!(HumanDuration(Duration::from_millis(850)).to_string(), "850ms");
/// assert_eq!(HumanDuration(Duration::from_secs(3 * 3600 + 310)).to_string(), "3h 05m");
/// assert_eq!(HumanDuration(Duration::from_secs(2 * 86_400 + 4 * 3600)).to_string(), "2d 04h");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct HumanDuration(pub Duration);

impl fmt::Display for HumanDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        let secs = d.as_secs();
        if secs == 0 {
            let ms = d.as_secs_f64() * 1e3;
            return if ms >= 1.0 || d.is_zero() {
                write!(f, "{ms:.0}ms")
            } else {
                write!(f, "{}µs", d.as_micros())
            };
        }
        // Round to the smaller unit shown before splitting, so 59m 59.6s reads 1h 00m.
        if secs < 60 {
            write!(f, "{:.1}s", d.as_secs_f64())
        } else if secs < 3600 {
            let secs = d.as_secs_f64().round() as u64;
            write!(f, "{}m {:02}s", secs / 60, secs % 60)
        } else if secs < 86_400 {
            let minutes = (d.as_secs_f64() / 60.0).round() as u64;
            write!(f, "{}h {:02}m", minutes / 60, minutes % 60)
        } else {
            let hours = (d.as_secs_f64() / 3600.0).round() as u64;
            write!(f, "{}d {:02}h", hours / 24, hours % 24)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_durations() {
        let cases = [
            (Duration::ZERO, "0ms"),
            (Duration::from_micros(40), "40µs"),
            (Duration::from_millis(850), "850ms"),
            (Duration::from_millis(42_340), "42.3s"),
            (Duration::from_secs(750), "12m 30s"),
            (Duration::from_secs(3 * 3600 + 5 * 60 + 10), "3h 05m"),
            (Duration::from_secs(2 * 86_400 + 4 * 3600), "2d 04h"),
            (Duration::MAX, "213503982334601d 07h"),
        ];
        for (d, text) in cases {
            assert_eq!(HumanDuration(d).to_string(), text);
        }
    }

    #[test]
    fn seconds_say_what_is_wrong() {
        assert!(matches!(
            duration_from_secs(f64::NAN),
            Err(DurationError::NotFinite { .. })
        ));
        assert!(matches!(
            duration_from_secs(-1.0),
            Err(DurationError::Negative { .. })
        ));
        assert!(matches!(
            duration_from_secs(1e30),
            Err(DurationError::TooLong { .. })
        ));
        assert_eq!(duration_from_secs(1.5), Ok(Duration::from_millis(1500)));
    }

    #[test]
    fn timestamp_range() {
        assert_eq!(check_timestamp(0), Ok(0));
        assert_eq!(check_timestamp(LATEST_TIMESTAMP), Ok(LATEST_TIMESTAMP));
        assert!(check_timestamp(-1).is_err());
        assert!(check_timestamp(LATEST_TIMESTAMP + 1).is_err());
    }
}
