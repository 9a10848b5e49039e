//! Timestamps from text: [`parse_timestamp`] for instants with a UTC offset,
//! [`Zone::parse_local`] for wall-clock date-times in a zone.
//!
//! jiff's Temporal / RFC 9557 parser splits the text into date, time, offset and zone
//! annotation; the arithmetic to Unix seconds is the crate's own, so the whole supported range
//! (to 9999-12-31T23:59:59Z) parses.

use jiff::fmt::temporal::{Pieces, PiecesOffset};

use super::zone::{DAY, check_range};
use super::{CalendarError, Zone, days_from_civil};

const WITH_OFFSET: &str = "an RFC 3339 / ISO 8601 timestamp with a UTC offset \
                           (e.g. 2026-11-27T17:55:00-05:00 or 2026-11-27T17:55:00Z)";
const LOCAL: &str = "a local date and time (e.g. 2026-11-27 17:55:00, 2026-11-27T17:55:00 \
                     or 2026-11-27 17:55)";

/// Unix seconds of an RFC 3339 / ISO 8601 timestamp with a UTC offset.
///
/// Accepted: `2026-11-27T17:55:00-05:00`, `2026-11-27T22:55:00Z`, a space or a lower-case `t`
/// instead of `T`, `z` for `Z`, minutes without seconds (`2026-11-27T17:55-05:00`), basic
/// format (`20261127T225500Z`), an RFC 9557 zone annotation after the offset (ignored:
/// the offset decides), and surrounding whitespace.
///
/// **Fractional seconds** (any number of digits up to nanoseconds) are truncated to the whole
/// second, which is the floor for every supported instant: `17:55:00.999` is `17:55:00`.
/// Truncation keeps order (an earlier text never parses to a later second), so a reply never
/// lands before its ticket through rounding. A leap second (`23:59:60`) reads as `23:59:59`.
/// `-00:00` (offset unknown, RFC 3339) is read as UTC.
///
/// ```
/// use satisfaction::calendar::parse_timestamp;
///
/// assert_eq!(parse_timestamp("2026-11-27T17:55:00-05:00")?, 1_795_820_100);
/// assert_eq!(parse_timestamp("2026-11-27T22:55:00Z")?, 1_795_820_100);
/// assert_eq!(parse_timestamp("2026-11-27 22:55:00.999999+00:00")?, 1_795_820_100);
/// assert!(parse_timestamp("2026-11-27T17:55:00").is_err()); // no offset: use Zone::parse_local
/// assert!(parse_timestamp("1969-12-31T23:59:59Z").is_err()); // before 1970
/// # Ok::<(), satisfaction::calendar::CalendarError>(())
/// ```
///
/// # Errors
///
/// [`CalendarError::InvalidTimestamp`] for text that is not a timestamp with an offset
/// (including a local time without one, and years past 9999), [`CalendarError::OutOfRange`]
/// for one outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
pub fn parse_timestamp(text: &str) -> Result<i64, CalendarError> {
    let invalid = |reason: String| CalendarError::InvalidTimestamp {
        value: text.to_owned(),
        expected: WITH_OFFSET,
        reason,
    };
    let pieces = Pieces::parse(text.trim()).map_err(|e| invalid(e.to_string()))?;
    let local = wall_seconds(&pieces).ok_or_else(|| invalid("it has no time of day".into()))?;
    let offset = match pieces.offset() {
        Some(PiecesOffset::Zulu) => 0,
        Some(PiecesOffset::Numeric(numeric)) => i64::from(numeric.offset().seconds()),
        Some(_) | None => {
            return Err(invalid(
                "it has no UTC offset; parse local times with Zone::parse_local".into(),
            ));
        }
    };
    if offset.abs() >= DAY {
        return Err(invalid(format!(
            "its UTC offset is {} hours: offsets are less than 24 hours either way",
            offset / 3600
        )));
    }
    let timestamp = local - offset;
    check_range(timestamp)?;
    Ok(timestamp)
}

impl Zone {
    /// Unix seconds of a local date and time in this zone, as survey tools export them:
    /// `2026-11-27 17:55:00`, `2026-11-27T17:55:00`, `2026-11-27 17:55`, with optional
    /// fractional seconds (truncated, as in [`parse_timestamp`]) and surrounding whitespace.
    ///
    /// A wall time that does not exist (in a spring-forward gap) or exists twice (in a
    /// fall-back fold) is resolved by the "compatible" rule of the [module docs](super): a
    /// gap moves later by its length, a fold takes the earlier instant.
    ///
    /// ```
    /// use satisfaction::calendar::Zone;
    ///
    /// let ny = Zone::named("America/New_York")?;
    /// assert_eq!(ny.parse_local("2026-11-27 17:55:00")?, 1_795_820_100);
    /// assert_eq!(ny.parse_local("2026-11-27T17:55")?, 1_795_820_100);
    /// // 02:30 on 2026-03-08 never happened in New York: it is read as 03:30 EDT.
    /// assert_eq!(ny.parse_local("2026-03-08 02:30")?, ny.parse_local("2026-03-08 03:30")?);
    /// // 01:30 on 2026-11-01 happened twice: the first one, EDT.
    /// assert_eq!(ny.format_local(ny.parse_local("2026-11-01 01:30")?)?, "2026-11-01T01:30:00-04:00");
    /// // Text with an offset is an instant, not a local time.
    /// assert!(ny.parse_local("2026-11-27T17:55:00-05:00").is_err());
    /// # Ok::<(), satisfaction::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::InvalidTimestamp`] for text that is not a local date and time (a date
    /// alone, an offset or a zone annotation, a year past 9999), [`CalendarError::OutOfRange`]
    /// when the instant is outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    pub fn parse_local(&self, text: &str) -> Result<i64, CalendarError> {
        let invalid = |reason: String| CalendarError::InvalidTimestamp {
            value: text.to_owned(),
            expected: LOCAL,
            reason,
        };
        let pieces = Pieces::parse(text.trim()).map_err(|e| invalid(e.to_string()))?;
        if pieces.offset().is_some() || pieces.time_zone_annotation().is_some() {
            return Err(invalid(
                "it carries a UTC offset or zone, so it is an instant: use parse_timestamp".into(),
            ));
        }
        let local = wall_seconds(&pieces).ok_or_else(|| invalid("it has no time of day".into()))?;
        let timestamp = self.resolve(local);
        check_range(timestamp)?;
        Ok(timestamp)
    }
}

/// Whole seconds since 1970-01-01T00:00 of the parsed wall-clock date and time (fraction
/// dropped); `None` without a time.
fn wall_seconds(pieces: &Pieces<'_>) -> Option<i64> {
    let time = pieces.time()?;
    let date = pieces.date();
    let day = days_from_civil(
        i64::from(date.year()),
        date.month() as u32,
        date.day() as u32,
    );
    Some(
        day * DAY
            + i64::from(time.hour()) * 3600
            + i64::from(time.minute()) * 60
            + i64::from(time.second()),
    )
}

#[cfg(test)]
mod tests {
    use super::super::LATEST;
    use super::*;

    #[test]
    fn whole_range_parses() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_timestamp("9999-12-31T23:59:59Z"), Ok(LATEST));
        assert_eq!(
            parse_timestamp("9999-12-31T23:59:59.999999999Z"),
            Ok(LATEST)
        );
        assert!(matches!(
            parse_timestamp("9999-12-31T23:59:59-00:01"),
            Err(CalendarError::OutOfRange { .. })
        ));
        assert_eq!(parse_timestamp("1970-01-01T01:00:00+01:00"), Ok(0));
        assert_eq!(parse_timestamp("  1970-01-01t00:00:01z "), Ok(1));
        assert_eq!(parse_timestamp("1970-01-01T00:00:01-00:00"), Ok(1));
        assert_eq!(parse_timestamp("1972-06-30T23:59:60Z"), Ok(78_796_799));
    }

    #[test]
    fn malformed_text_is_an_error_naming_it() {
        for bad in [
            "",
            "2026-11-27",
            "2026-11-27T17:55:00",
            "2026-02-30T00:00:00Z",
            "2026-11-27T25:00:00Z",
            "yesterday",
            "2026-11-27T17:55:00+25:00",
            "10000-01-01T00:00:00Z",
        ] {
            let err = parse_timestamp(bad).unwrap_err();
            assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
        }
        let utc = Zone::utc();
        for bad in [
            "2026-11-27",
            "2026-11-27T17:55:00Z",
            "2026-11-27T17:55[UTC]",
            "17:55",
        ] {
            assert!(utc.parse_local(bad).is_err(), "{bad}");
        }
    }
}
