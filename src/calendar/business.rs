//! [`BusinessCalendar`] and its builder: a zone, weekly opening hours and holidays.
//!
//! (About 610 lines including its unit tests; the business-time arithmetic itself is in
//! `duration.rs`.)

use std::fmt;
use std::time::Duration;

use super::time_of_day::TimeOfDay;
use super::zone::{DAY, check_range};
use super::{CalendarError, LATEST, Weekday, Zone, civil_from_days, days_from_civil};
use crate::metrics::frt::FirstResponse;
#[cfg(doc)]
use crate::metrics::frt::{Clock, FirstResponseTime};

/// Working time: a zone, per weekday any number of local opening intervals, and holidays.
///
/// With the `serde` feature a calendar is its configuration,
/// `{"zone":"America/New_York","hours":{"Monday":[["09:00","17:00"]]},"holidays":["2026-11-26"]}`,
/// validated on the way in like [`build`](BusinessCalendarBuilder::build).
///
/// Build one with [`BusinessCalendar::builder`]; [`BusinessCalendar::always_open`] is the
/// 24/7 calendar. [`business_duration`](Self::business_duration) measures the open time
/// between two instants; [`is_open`](Self::is_open) and [`next_open`](Self::next_open) answer
/// the obvious questions. The [module docs](super) say how wall times in DST gaps and folds
/// are read.
///
/// ```
/// use std::time::Duration;
/// use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
///
/// let mut builder = BusinessCalendar::builder(Zone::named("America/New_York")?);
/// for day in [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday] {
///     builder = builder.hours(day, "09:00", "18:00");
/// }
/// let calendar = builder.holiday("2026-11-26").build()?; // Thanksgiving
///
/// let ny = calendar.zone();
/// let created = ny.parse_local("2026-11-27 17:55")?; // Friday
/// let replied = ny.parse_local("2026-11-30 09:05")?; // Monday
/// assert_eq!(calendar.business_duration(created, replied)?, Duration::from_secs(10 * 60));
/// assert!(!calendar.is_open(ny.parse_local("2026-11-26 12:00")?)?); // holiday
/// assert_eq!(calendar.next_open(created + 3600)?, Some(ny.parse_local("2026-11-30 09:00")?));
/// # Ok::<(), satisfaction::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar {
    pub(crate) zone: Zone,
    /// Per weekday (Monday first), sorted non-overlapping `[start, end)` in seconds after local
    /// midnight, end at most 86 400.
    pub(crate) week: [Vec<(i64, i64)>; 7],
    /// `prefix[i]` = wall-clock open seconds of weekdays `0..i` over two weeks (i in 0..=14).
    pub(crate) prefix: [u64; 15],
    /// Holidays as sorted, distinct local day numbers.
    pub(crate) holidays: Vec<i64>,
    /// `holiday_prefix[i]` = wall-clock open seconds of the first `i` holidays' weekdays.
    pub(crate) holiday_prefix: Vec<u64>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(BusinessCalendar, Repr);

/// An end of an interval as given: a time, or why the text given is none.
type Given = Result<TimeOfDay, CalendarError>;

/// Collects the zone, opening intervals and holidays of a [`BusinessCalendar`]; everything is
/// validated at [`build`](Self::build).
///
/// ```
/// use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
///
/// // A split shift and a night shift across midnight (two intervals).
/// let calendar = BusinessCalendar::builder(Zone::named("Europe/London")?)
///     .hours(Weekday::Monday, "08:00", "12:00")
///     .hours(Weekday::Monday, "13:00", "17:00")
///     .hours(Weekday::Friday, "22:00", "24:00")
///     .hours(Weekday::Saturday, "00:00", "06:00")
///     .holiday("2026-12-25")
///     .build()?;
/// assert_eq!(calendar.weekly_open_time().as_secs(), 16 * 3600);
/// # Ok::<(), satisfaction::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct BusinessCalendarBuilder {
    zone: Zone,
    /// Each interval as given, its ends parsed (an end that is not a time is reported by
    /// `build`, in the order of the calls).
    hours: Vec<(Weekday, Given, Given)>,
    holidays: Vec<String>,
}

impl BusinessCalendar {
    /// Starts a calendar in `zone`, closed until hours are added.
    pub fn builder(zone: Zone) -> BusinessCalendarBuilder {
        BusinessCalendarBuilder {
            zone,
            hours: Vec::new(),
            holidays: Vec::new(),
        }
    }

    /// Open around the clock, every day, no holidays: business time equals elapsed time.
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::calendar::{BusinessCalendar, Zone};
    ///
    /// let always = BusinessCalendar::always_open(Zone::named("Europe/London")?);
    /// assert_eq!(always.business_duration(1_000, 5_000)?, Duration::from_secs(4_000));
    /// # Ok::<(), satisfaction::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn always_open(zone: Zone) -> Self {
        let week = std::array::from_fn(|_| vec![(0, DAY)]);
        Self::assemble(zone, week, Vec::new())
    }

    fn assemble(zone: Zone, week: [Vec<(i64, i64)>; 7], holidays: Vec<i64>) -> Self {
        let open = |day: usize| -> u64 { week[day % 7].iter().map(|&(s, e)| (e - s) as u64).sum() };
        let mut prefix = [0; 15];
        for i in 0..14 {
            prefix[i + 1] = prefix[i] + open(i);
        }
        let mut holiday_prefix = Vec::with_capacity(holidays.len() + 1);
        holiday_prefix.push(0);
        for &day in &holidays {
            let last = holiday_prefix.last().copied().unwrap_or(0);
            holiday_prefix.push(last + open(Weekday::of_day(day).index()));
        }
        Self {
            zone,
            week,
            prefix,
            holidays,
            holiday_prefix,
        }
    }

    /// The zone the hours and holidays are read in.
    #[must_use]
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// Open wall-clock time in an ordinary week (no holidays, no DST change).
    #[must_use]
    pub fn weekly_open_time(&self) -> Duration {
        Duration::from_secs(self.prefix[7])
    }

    /// The opening intervals of `day` as `("HH:MM", "HH:MM")`, in order.
    ///
    /// ```
    /// use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
    ///
    /// let calendar = BusinessCalendar::builder(Zone::utc())
    ///     .hours(Weekday::Monday, "13:00", "17:00")
    ///     .hours(Weekday::Monday, "08:00", "12:00")
    ///     .build()?;
    /// let monday: Vec<String> = calendar
    ///     .opening_hours(Weekday::Monday)
    ///     .iter()
    ///     .map(|(start, end)| format!("{start}-{end}"))
    ///     .collect();
    /// assert_eq!(monday, ["08:00-12:00", "13:00-17:00"]);
    /// assert!(calendar.opening_hours(Weekday::Sunday).is_empty());
    /// # Ok::<(), satisfaction::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn opening_hours(&self, day: Weekday) -> Vec<(TimeOfDay, TimeOfDay)> {
        self.week[day.index()]
            .iter()
            .map(|&(s, e)| (at_second(s), at_second(e)))
            .collect()
    }

    /// The holidays as `YYYY-MM-DD`, in order, without duplicates.
    #[must_use]
    pub fn holidays(&self) -> Vec<String> {
        self.holidays.iter().map(|&day| date_label(day)).collect()
    }

    /// Whether local day `day` (days since 1970-01-01) is a holiday.
    pub(crate) fn is_holiday(&self, day: i64) -> bool {
        self.holidays.binary_search(&day).is_ok()
    }

    /// Open time between Unix times `created` and `replied` (seconds): the measure of the
    /// instants in `[created, replied)` that fall in an opening interval of a non-holiday local
    /// date. Exact to the second; costs O(log holidays + DST transitions in the span), so a
    /// ticket open for years costs about as much as one open for a day.
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
    ///
    /// let calendar = BusinessCalendar::builder(Zone::utc())
    ///     .hours(Weekday::Monday, "09:00", "17:00")
    ///     .build()?;
    /// let monday_9 = 1_795_424_400; // 2026-11-23T09:00:00Z
    /// assert_eq!(calendar.business_duration(monday_9, monday_9 + 3600)?, Duration::from_secs(3600));
    /// // A week later: exactly one Monday of eight hours.
    /// assert_eq!(calendar.business_duration(monday_9, monday_9 + 7 * 86_400)?, Duration::from_secs(8 * 3600));
    /// assert!(calendar.business_duration(monday_9, monday_9 - 1).is_err());
    /// # Ok::<(), satisfaction::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when either instant is outside
    /// 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z, [`CalendarError::ReversedSpan`] when
    /// `replied < created` (equal instants give zero).
    pub fn business_duration(&self, created: i64, replied: i64) -> Result<Duration, CalendarError> {
        check_range(created)?;
        check_range(replied)?;
        if replied < created {
            return Err(CalendarError::ReversedSpan { created, replied });
        }
        Ok(Duration::from_secs(self.open_seconds(created, replied)))
    }

    /// A ticket as it stood at the reporting instant `as_of`, in business time: answered after
    /// the open time from `created` to `replied` if the reply came at or before `as_of`,
    /// otherwise waiting for the open time from `created` to `as_of`. The business-hours twin
    /// of [`FirstResponse::as_of`]; push the result into a [`FirstResponseTime`] on
    /// [`Clock::Business`]. For resolution time, pass the resolution instant as `replied` (and
    /// time until [`Milestone::Resolution`](crate::support::Milestone)).
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
    /// use satisfaction::{Aggregator, FirstResponse, FirstResponseTime};
    /// use satisfaction::support::Clock;
    ///
    /// let ny = Zone::named("America/New_York")?;
    /// let mut builder = BusinessCalendar::builder(ny.clone());
    /// for day in [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday] {
    ///     builder = builder.hours(day, "09:00", "18:00");
    /// }
    /// let calendar = builder.build()?;
    /// let created = ny.parse_local("2026-11-27 17:55")?; // Friday
    /// let replied = ny.parse_local("2026-11-30 09:05")?; // Monday
    /// let report = ny.parse_local("2026-12-01 12:00")?;
    ///
    /// let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600)).on_clock(Clock::Business);
    /// frt.push(calendar.first_response(created, Some(replied), report)?);
    /// // Still open at the report: 3 business hours into Tuesday, past the 1-hour target.
    /// let waiting = calendar.first_response(replied, None, report)?;
    /// assert_eq!(waiting, FirstResponse::Waiting(Duration::from_secs(8 * 3600 + 55 * 60 + 3 * 3600)));
    /// frt.push(waiting);
    /// let summary = frt.summary().unwrap();
    /// assert_eq!(summary.median(), Duration::from_secs(600)); // 10 business minutes, not 63 hours
    /// assert_eq!(summary.sla_attainment(), Some(0.5)); // one in time, one overdue
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when an instant is outside
    /// 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z; [`CalendarError::ReversedSpan`] when the
    /// reply (at or before `as_of`) precedes the creation, or the ticket was created after
    /// `as_of`.
    pub fn first_response(
        &self,
        created: i64,
        replied: Option<i64>,
        as_of: i64,
    ) -> Result<FirstResponse, CalendarError> {
        check_range(as_of)?;
        if let Some(replied) = replied {
            check_range(replied)?;
        }
        match replied {
            Some(replied) if replied <= as_of => Ok(FirstResponse::Answered(
                self.business_duration(created, replied)?,
            )),
            _ => Ok(FirstResponse::Waiting(
                self.business_duration(created, as_of)?,
            )),
        }
    }

    /// Whether the calendar is open at Unix time `timestamp`: the second
    /// `[timestamp, timestamp + 1)` is business time.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    pub fn is_open(&self, timestamp: i64) -> Result<bool, CalendarError> {
        check_range(timestamp)?;
        Ok(self.open_seconds(timestamp, timestamp + 1) == 1)
    }

    /// The first open instant at or after Unix time `timestamp` (itself when open), or `None`
    /// when the calendar does not open again before 9999-12-31T23:59:59Z.
    ///
    /// ```
    /// use satisfaction::calendar::{BusinessCalendar, Weekday, Zone};
    ///
    /// let calendar = BusinessCalendar::builder(Zone::utc())
    ///     .hours(Weekday::Monday, "09:00", "17:00")
    ///     .build()?;
    /// let friday_noon = 1_795_435_200 + 4 * 86_400; // 2026-11-27T12:00:00Z
    /// assert_eq!(calendar.next_open(friday_noon)?, Some(1_795_424_400 + 7 * 86_400));
    /// # Ok::<(), satisfaction::calendar::CalendarError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    pub fn next_open(&self, timestamp: i64) -> Result<Option<i64>, CalendarError> {
        check_range(timestamp)?;
        let last_day = self.zone.local_day(LATEST) + 1;
        let mut best: Option<i64> = None;
        let mut day = self.zone.local_day(timestamp) - 1;
        // Once a candidate is found, one more day is checked: around a DST gap a later date's
        // interval can start before an earlier date's ends.
        let mut extra_days = 1;
        while day <= last_day {
            if best.is_some() {
                if extra_days == 0 {
                    break;
                }
                extra_days -= 1;
            }
            if !self.is_holiday(day) {
                for (start, end) in self.resolved(day) {
                    if end > timestamp {
                        let candidate = start.max(timestamp);
                        best = Some(best.map_or(candidate, |b| b.min(candidate)));
                    }
                }
            }
            day += 1;
        }
        Ok(best.filter(|&t| t <= LATEST))
    }

    /// Day `day`'s opening intervals as instants, `[start, end)`, empty ones dropped (unsorted
    /// only around a DST gap).
    pub(crate) fn resolved(&self, day: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let midnight = day * DAY;
        self.week[Weekday::of_day(day).index()]
            .iter()
            .map(move |&(s, e)| {
                (
                    self.zone.resolve(midnight + s),
                    self.zone.resolve(midnight + e),
                )
            })
            .filter(|(s, e)| s < e)
    }
}

impl BusinessCalendarBuilder {
    /// Adds the local interval `[start, end)` to every `day`: two [`TimeOfDay`]s, or their
    /// `"HH:MM"` text (the end up to 24:00, the next local midnight). A day takes any number of
    /// intervals, in any order; they must not overlap (touching is fine). A night shift across
    /// midnight is two intervals: `hours(Friday, "22:00", "24:00")` and
    /// `hours(Saturday, "00:00", "06:00")`.
    ///
    /// ```
    /// use satisfaction::calendar::{BusinessCalendar, TimeOfDay, Weekday, Zone};
    ///
    /// let (nine, five) = (TimeOfDay::new(9, 0)?, TimeOfDay::new(17, 0)?);
    /// let typed = BusinessCalendar::builder(Zone::utc()).hours(Weekday::Monday, nine, five).build()?;
    /// let text = BusinessCalendar::builder(Zone::utc()).hours(Weekday::Monday, "09:00", "17:00").build()?;
    /// assert_eq!(typed, text);
    /// assert_eq!(typed.opening_hours(Weekday::Monday), [(nine, five)]);
    /// # Ok::<(), satisfaction::calendar::CalendarError>(())
    /// ```
    pub fn hours<S, E>(mut self, day: Weekday, start: S, end: E) -> Self
    where
        S: TryInto<TimeOfDay>,
        S::Error: Into<CalendarError>,
        E: TryInto<TimeOfDay>,
        E::Error: Into<CalendarError>,
    {
        self.hours.push((
            day,
            start.try_into().map_err(Into::into),
            end.try_into().map_err(Into::into),
        ));
        self
    }

    /// Adds a holiday: the whole local date `"YYYY-MM-DD"` is closed (a night shift that
    /// started the evening before still runs until midnight). Duplicates are harmless.
    pub fn holiday(mut self, date: &str) -> Self {
        self.holidays.push(date.to_owned());
        self
    }

    /// Validates and builds the calendar.
    ///
    /// ```
    /// use satisfaction::calendar::{BusinessCalendar, CalendarError, Weekday, Zone};
    ///
    /// let builder = || BusinessCalendar::builder(Zone::utc());
    /// let err = |b: satisfaction::calendar::BusinessCalendarBuilder| b.build().unwrap_err();
    /// assert!(matches!(err(builder()), CalendarError::NoOpenHours));
    /// assert!(matches!(err(builder().hours(Weekday::Monday, "9:00", "17:00")), CalendarError::InvalidTime { .. }));
    /// assert!(matches!(err(builder().hours(Weekday::Monday, "09:00", "24:30")), CalendarError::InvalidTime { .. }));
    /// assert!(matches!(err(builder().hours(Weekday::Monday, "12:00", "12:00")), CalendarError::EmptyInterval { .. }));
    /// assert!(matches!(
    ///     err(builder().hours(Weekday::Monday, "09:00", "13:00").hours(Weekday::Monday, "12:00", "17:00")),
    ///     CalendarError::OverlappingIntervals { .. }
    /// ));
    /// assert!(matches!(
    ///     err(builder().hours(Weekday::Monday, "09:00", "17:00").holiday("2026-02-29")),
    ///     CalendarError::InvalidDate { .. }
    /// ));
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::InvalidTime`] for a time that is not `HH:MM` in `00:00..=24:00`,
    /// [`CalendarError::EmptyInterval`] when a start is not before its end,
    /// [`CalendarError::OverlappingIntervals`] for overlapping intervals of one weekday,
    /// [`CalendarError::InvalidDate`] for a holiday that is not a real `YYYY-MM-DD` date in
    /// 1970..=9999, [`CalendarError::NoOpenHours`] without any interval. The first problem in
    /// the order the calls were made is reported.
    pub fn build(self) -> Result<BusinessCalendar, CalendarError> {
        let mut week: [Vec<(i64, i64)>; 7] = Default::default();
        for (day, start, end) in self.hours {
            let (s, e) = (start?.minutes(), end?.minutes());
            if s >= e {
                return Err(CalendarError::EmptyInterval {
                    day,
                    start_minute: s,
                    end_minute: e,
                });
            }
            week[day.index()].push((i64::from(s) * 60, i64::from(e) * 60));
        }
        for (index, intervals) in week.iter_mut().enumerate() {
            intervals.sort_unstable();
            for pair in intervals.windows(2) {
                let ((s1, e1), (s2, e2)) = (pair[0], pair[1]);
                if s2 < e1 {
                    return Err(CalendarError::OverlappingIntervals {
                        day: Weekday::ALL[index],
                        first_start_minute: (s1 / 60) as u16,
                        first_end_minute: (e1 / 60) as u16,
                        second_start_minute: (s2 / 60) as u16,
                        second_end_minute: (e2 / 60) as u16,
                    });
                }
            }
        }
        let mut holidays = self
            .holidays
            .iter()
            .map(|text| parse_date(text))
            .collect::<Result<Vec<i64>, _>>()?;
        if week.iter().all(Vec::is_empty) {
            return Err(CalendarError::NoOpenHours);
        }
        holidays.sort_unstable();
        holidays.dedup();
        Ok(BusinessCalendar::assemble(self.zone, week, holidays))
    }
}

/// The time of day `seconds` after local midnight (a multiple of 60, at most 86 400).
fn at_second(seconds: i64) -> TimeOfDay {
    TimeOfDay::from_minutes(u16::try_from(seconds / 60).unwrap_or(24 * 60))
}

/// Day number of a real `YYYY-MM-DD` date in 1970..=9999.
fn parse_date(text: &str) -> Result<i64, CalendarError> {
    let invalid = || CalendarError::InvalidDate {
        value: text.to_owned(),
    };
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(invalid());
    }
    let (y, m, d) = match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(y), Some(m), Some(d)) => (i64::from(y), m, d),
        _ => return Err(invalid()),
    };
    let day = days_from_civil(y, m, d);
    if y < 1970 || !(1..=12).contains(&m) || civil_from_days(day) != (y, m, d) {
        return Err(invalid());
    }
    Ok(day)
}

fn date_label(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

impl fmt::Display for BusinessCalendar {
    /// `Europe/London: Mon 08:00-12:00, 13:00-17:00; Fri 22:00-24:00; Sat 00:00-06:00;
    /// 1 holiday`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.zone)?;
        let mut first = true;
        for day in Weekday::ALL {
            let intervals = &self.week[day.index()];
            if intervals.is_empty() {
                continue;
            }
            write!(f, "{} {}", if first { "" } else { ";" }, &day.name()[..3])?;
            first = false;
            for (i, &(s, e)) in intervals.iter().enumerate() {
                let sep = if i == 0 { " " } else { ", " };
                write!(f, "{sep}{}-{}", at_second(s), at_second(e))?;
            }
        }
        match self.holidays.len() {
            0 => Ok(()),
            1 => write!(f, "; 1 holiday"),
            n => write!(f, "; {n} holidays"),
        }
    }
}

/// The serialised form: the builder's inputs.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Repr {
    zone: Zone,
    hours: std::collections::BTreeMap<Weekday, Vec<(String, String)>>,
    #[serde(default)]
    holidays: Vec<String>,
}

#[cfg(feature = "serde")]
impl From<BusinessCalendar> for Repr {
    fn from(calendar: BusinessCalendar) -> Self {
        Self {
            hours: Weekday::ALL
                .into_iter()
                .map(|day| {
                    let hours = calendar.opening_hours(day);
                    let text = hours.iter().map(|(s, e)| (s.to_string(), e.to_string()));
                    (day, text.collect::<Vec<_>>())
                })
                .filter(|(_, hours)| !hours.is_empty())
                .collect(),
            holidays: calendar.holidays(),
            zone: calendar.zone,
        }
    }
}

#[cfg(feature = "serde")]
crate::state::from_form!(Repr => BusinessCalendar, CalendarError, |repr| {
    let mut builder = Self::builder(repr.zone);
    for (day, intervals) in &repr.hours {
        for (start, end) in intervals {
            builder = builder.hours(*day, start.as_str(), end.as_str());
        }
    }
    for holiday in &repr.holidays {
        builder = builder.holiday(holiday);
    }
    builder.build()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_date("1970-01-01"), Ok(0));
        assert_eq!(date_label(parse_date("2024-02-29").unwrap()), "2024-02-29");
        for bad in [
            "2023-02-29",
            "1969-12-31",
            "2026-13-01",
            "2026-1-01",
            "2026/01/01",
            "é026-01-01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn display_lists_the_week() {
        let calendar = BusinessCalendar::builder(Zone::utc())
            .hours(Weekday::Monday, "13:00", "17:00")
            .hours(Weekday::Monday, "08:00", "12:00")
            .hours(Weekday::Saturday, "00:00", "06:00")
            .holiday("2026-12-25")
            .holiday("2026-12-25")
            .build()
            .unwrap();
        assert_eq!(
            calendar.to_string(),
            "UTC: Mon 08:00-12:00, 13:00-17:00; Sat 00:00-06:00; 1 holiday"
        );
        assert_eq!(calendar.holidays(), ["2026-12-25"]);
    }
}
