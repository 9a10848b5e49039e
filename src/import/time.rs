//! How a column writes its instants, and reading them as Unix seconds through the `calendar`
//! module's parsers.

use crate::calendar::{Zone, parse_timestamp};
use crate::time::check_timestamp;

use super::error::CellProblem;

/// How a timestamp column writes its instants. Every format reads to Unix seconds in
/// 1970..=9999, through the `calendar` module's parsers; a cell that is not of the format is
/// refused, naming the format.
///
/// ```
/// use satisfaction::calendar::Zone;
/// use satisfaction::import::{TicketImport, TimeFormat};
///
/// let ny = Zone::named("America/New_York")?;
/// let import = TicketImport::builder()
///     .created("created", TimeFormat::Offset) // 2026-11-27T17:55:00-05:00
///     .first_reply("replied", TimeFormat::Local(ny.clone())) // 2026-11-27 18:05:00
///     .resolved_at("closed", TimeFormat::UsLocal(ny)) // 11/30/2026 09:00 AM
///     .build()?;
/// let export = "created,replied,closed\n2026-11-27T17:55:00-05:00,2026-11-27 18:05:00,11/30/2026 09:00 AM\n";
/// let row = import.rows(export.as_bytes())?.next().unwrap()?;
/// assert_eq!(row.created(), Some(1_795_820_100));
/// assert_eq!(row.first_reply(), Some(1_795_820_100 + 600));
/// assert_eq!(row.resolved_at(), Some(1_796_047_200));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeFormat {
    /// Whole Unix seconds, as APIs and databases export them.
    UnixSeconds,
    /// RFC 3339 / ISO 8601 with a UTC offset (`2026-11-27T17:55:00-05:00`, `...Z`), read by
    /// [`parse_timestamp`](crate::calendar::parse_timestamp).
    Offset,
    /// A local wall time in a zone (`2026-11-27 17:55:00`), read by
    /// [`Zone::parse_local`](crate::calendar::Zone::parse_local).
    Local(Zone),
    /// A US-style local wall time in a zone, as SurveyMonkey writes it: `11/27/2026 05:55:00
    /// PM` (month first; seconds and AM/PM optional, 24-hour without AM/PM).
    UsLocal(Zone),
    /// A date alone (`2026-11-27`): midnight at its start in the zone.
    Date(Zone),
}

impl TimeFormat {
    /// What the format expects, for messages.
    pub(crate) fn expected(&self) -> &'static str {
        match self {
            Self::UnixSeconds => "Unix seconds (a whole number)",
            Self::Offset => "a timestamp with a UTC offset (e.g. 2026-11-27T17:55:00-05:00)",
            Self::Local(_) => "a local date and time (e.g. 2026-11-27 17:55:00)",
            Self::UsLocal(_) => "a US-style local date and time (e.g. 11/27/2026 05:55:00 PM)",
            Self::Date(_) => "a date (e.g. 2026-11-27)",
        }
    }

    /// The zone of a local format.
    pub(crate) fn zone(&self) -> Option<&Zone> {
        match self {
            Self::Local(zone) | Self::UsLocal(zone) | Self::Date(zone) => Some(zone),
            Self::UnixSeconds | Self::Offset => None,
        }
    }

    /// Unix seconds of `text`, reading local formats in `zone` instead of their own (a team's
    /// zone in a multi-team export).
    pub(crate) fn parse_in(&self, text: &str, zone: Option<&Zone>) -> Result<i64, CellProblem> {
        let zone = zone.or(self.zone());
        let invalid = |reason: String| CellProblem::Invalid {
            expected: self.expected().to_owned(),
            reason,
        };
        let text = text.trim();
        let calendar = |result: Result<i64, crate::calendar::CalendarError>| {
            result.map_err(|e| match e {
                // The calendar's message repeats the value and the format; keep its reason.
                crate::calendar::CalendarError::InvalidTimestamp { reason, .. } => invalid(reason),
                other => invalid(other.to_string()),
            })
        };
        match (self, zone) {
            (Self::UnixSeconds, _) => {
                let seconds: i64 = text.parse().map_err(|_| invalid(String::new()))?;
                check_timestamp(seconds).map_err(|e| invalid(e.to_string()))
            }
            (Self::Offset, _) => calendar(parse_timestamp(text)),
            (Self::Local(_), Some(zone)) => calendar(zone.parse_local(text)),
            (Self::Date(_), Some(zone)) => {
                // A date must be only a date: a time of day here means the wrong format.
                if text.len() != 10 {
                    return Err(invalid("expected YYYY-MM-DD and nothing more".into()));
                }
                calendar(zone.parse_local(&format!("{text} 00:00")))
            }
            (Self::UsLocal(_), Some(zone)) => {
                let iso = us_to_iso(text).ok_or_else(|| invalid(String::new()))?;
                calendar(zone.parse_local(&iso))
            }
            (_, None) => Err(invalid("no zone".into())),
        }
    }

    /// Unix seconds of `text`, or why it is not of the format.
    #[cfg(test)]
    fn parse(&self, text: &str) -> Result<i64, CellProblem> {
        self.parse_in(text, None)
    }
}

/// `MM/DD/YYYY hh:mm[:ss] [AM|PM]` as `YYYY-MM-DD HH:MM:SS`.
fn us_to_iso(text: &str) -> Option<String> {
    let (date, rest) = text.split_once(' ')?;
    let mut parts = date.split('/');
    let (month, day, year) = (parts.next()?, parts.next()?, parts.next()?);
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (month, day, year) = (
        number(month, 1..=2)?,
        number(day, 1..=2)?,
        number(year, 4..=4)?,
    );
    if parts.next().is_some() {
        return None;
    }
    let rest = rest.trim();
    let (clock, meridiem) = match rest.rsplit_once(' ') {
        Some((clock, m)) => (clock.trim(), Some(m.to_ascii_uppercase())),
        None => (rest, None),
    };
    let mut fields = clock.split(':');
    let hour = number(fields.next()?, 1..=2)?;
    let minute = number(fields.next()?, 2..=2)?;
    let second = fields.next().map_or(Some(0), |s| number(s, 2..=2))?;
    if fields.next().is_some() {
        return None;
    }
    let hour = match meridiem.as_deref() {
        None => hour,
        Some("AM") if (1..=12).contains(&hour) => hour % 12,
        Some("PM") if (1..=12).contains(&hour) => hour % 12 + 12,
        Some(_) => return None,
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_times_read_am_pm_and_24_hour_clocks() {
        assert_eq!(
            us_to_iso("11/03/2026 12:05:09 AM").as_deref(),
            Some("2026-11-03 00:05:09")
        );
        assert_eq!(
            us_to_iso("1/3/2026 12:05 pm").as_deref(),
            Some("2026-01-03 12:05:00")
        );
        assert_eq!(
            us_to_iso("11/03/2026 23:05").as_deref(),
            Some("2026-11-03 23:05:00")
        );
        for bad in [
            "2026-11-03 10:00",
            "11/03/2026",
            "11/03/2026 13:00 PM",
            "11/03/2026 0:00 AM",
            "11/03/26 10:00",
            "11/03/2026 10:00:00:00",
            "11/03/2026/1 10:00",
        ] {
            assert_eq!(us_to_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn errors_say_what_was_expected() {
        let err = TimeFormat::UnixSeconds.parse("-5").unwrap_err();
        assert!(err.to_string().contains("1970"), "{err}");
        let err = TimeFormat::Date(Zone::utc())
            .parse("2026-11-27 10:00")
            .unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        let err = TimeFormat::Offset.parse("yesterday").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("is not a timestamp with a UTC offset")
        );
    }
}
