//! [`Period`] and [`Granularity`] (UTC calendar periods), their civil-calendar arithmetic and
//! [`PeriodError`]. The user-facing documentation is on [`Period`].

use std::fmt;
use std::str::FromStr;
use thiserror::Error;

use crate::time::{EARLIEST_TIMESTAMP as EARLIEST, LATEST_TIMESTAMP as LATEST};

const DAY: i64 = 86_400;

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Granularity {
    /// A UTC day.
    Day,
    /// An ISO 8601 week, Monday to Sunday.
    IsoWeek,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
}

/// One calendar period (UTC): its granularity and its first day.
///
/// A day, ISO week, month, quarter or year. [`Period::containing`] buckets a Unix timestamp
/// into the period that contains it; periods print as `2026-11-23`, `2026-W48`, `2026-11`,
/// `2026-Q4` and `2026`, parse back from the same text and step to the next or previous
/// period. They order chronologically: by start, then by granularity (a year before its first
/// month).
///
/// The civil-calendar arithmetic is Howard Hinnant's `days_from_civil` / `civil_from_days`
/// (proleptic Gregorian, exact for every day), and ISO 8601 weeks start on Monday and belong to
/// the year of their Thursday, so 2020-12-31 is in 2020-W53 and so is 2021-01-03.
///
/// Supported timestamps: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z
/// ([`EARLIEST_TIMESTAMP`]..=[`LATEST_TIMESTAMP`]); periods that start before 1970 (the ISO
/// week holding 1970-01-01 starts on 1969-12-29) are valid too.
///
/// [`EARLIEST_TIMESTAMP`]: crate::time::EARLIEST_TIMESTAMP
/// [`LATEST_TIMESTAMP`]: crate::time::LATEST_TIMESTAMP
///
/// ```
/// use satisfaction::{Granularity, Period};
///
/// let t = 1_795_422_400; // 2026-11-23T08:26:40Z
/// let week = Period::containing(t, Granularity::IsoWeek)?;
/// assert_eq!(week.to_string(), "2026-W48");
/// assert_eq!(week.next()?.to_string(), "2026-W49");
/// assert_eq!("2026-Q4".parse::<Period>()?.to_string(), "2026-Q4");
/// assert!("2026-W54".parse::<Period>().is_err());
/// # Ok::<(), satisfaction::period::PeriodError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// Days since 1970-01-01 of the first day.
    start: i64,
    granularity: Granularity,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(Period, String);

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Monday = 0 .. Sunday = 6.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// The Monday of ISO week 1 of `year`: the week holding January 4.
fn iso_week_one(year: i64) -> i64 {
    let jan4 = days_from_civil(year, 1, 4);
    jan4 - weekday(jan4)
}

impl Period {
    /// The period of `granularity` containing Unix time `timestamp`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::OutOfRange`] outside [`EARLIEST_TIMESTAMP`](crate::time::EARLIEST_TIMESTAMP)..=[`LATEST_TIMESTAMP`](crate::time::LATEST_TIMESTAMP).
    pub fn containing(timestamp: i64, granularity: Granularity) -> Result<Self, PeriodError> {
        if !(EARLIEST..=LATEST).contains(&timestamp) {
            return Err(PeriodError::OutOfRange {
                timestamp,
                min: EARLIEST,
                max: LATEST,
            });
        }
        Ok(Self::of_day(timestamp.div_euclid(DAY), granularity))
    }

    /// The period of `granularity` containing day `day` (days since 1970-01-01).
    pub(crate) fn of_day(day: i64, granularity: Granularity) -> Self {
        let (y, m, _) = civil_from_days(day);
        let start = match granularity {
            Granularity::Day => day,
            Granularity::IsoWeek => day - weekday(day),
            Granularity::Month => days_from_civil(y, m, 1),
            Granularity::Quarter => days_from_civil(y, (m - 1) / 3 * 3 + 1, 1),
            Granularity::Year => days_from_civil(y, 1, 1),
        };
        Self { start, granularity }
    }

    /// The granularity.
    #[must_use]
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// Unix time of the period's first second.
    #[must_use]
    pub fn start(&self) -> i64 {
        self.start * DAY
    }

    /// Unix time of the first second after the period.
    #[must_use]
    pub fn end(&self) -> i64 {
        self.following().start * DAY
    }

    /// Whether Unix time `timestamp` falls in the period.
    #[must_use]
    pub fn contains(&self, timestamp: i64) -> bool {
        (self.start()..self.end()).contains(&timestamp)
    }

    /// Days since 1970-01-01 of the first day.
    #[cfg(feature = "calendar")]
    pub(crate) fn first_day(&self) -> i64 {
        self.start
    }

    /// The next period, without a range check.
    pub(crate) fn following(&self) -> Self {
        let (y, m, _) = civil_from_days(self.start);
        let start = match self.granularity {
            Granularity::Day => self.start + 1,
            Granularity::IsoWeek => self.start + 7,
            Granularity::Month => {
                let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                days_from_civil(y, m, 1)
            }
            Granularity::Quarter => {
                let (y, m) = if m >= 10 { (y + 1, 1) } else { (y, m + 3) };
                days_from_civil(y, m, 1)
            }
            Granularity::Year => days_from_civil(y + 1, 1, 1),
        };
        Self {
            start,
            granularity: self.granularity,
        }
    }

    /// The next period of the same granularity.
    ///
    /// # Errors
    ///
    /// [`PeriodError::OutOfRange`] after 9999.
    pub fn next(&self) -> Result<Self, PeriodError> {
        let next = self.following();
        Self::containing(next.start(), self.granularity).map(|_| next)
    }

    /// The previous period of the same granularity.
    ///
    /// # Errors
    ///
    /// [`PeriodError::OutOfRange`] before 1970.
    pub fn previous(&self) -> Result<Self, PeriodError> {
        let day_before = self.start() - DAY;
        Self::containing(day_before, self.granularity)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.start);
        match self.granularity {
            Granularity::Day => write!(f, "{y:04}-{m:02}-{d:02}"),
            Granularity::IsoWeek => {
                // The week belongs to the year of its Thursday.
                let (iso_year, _, _) = civil_from_days(self.start + 3);
                let week = (self.start - iso_week_one(iso_year)) / 7 + 1;
                write!(f, "{iso_year:04}-W{week:02}")
            }
            Granularity::Month => write!(f, "{y:04}-{m:02}"),
            Granularity::Quarter => write!(f, "{y:04}-Q{}", (m - 1) / 3 + 1),
            Granularity::Year => write!(f, "{y:04}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    /// Parses `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qq` or `YYYY` (years 1970..=9999).
    fn from_str(text: &str) -> Result<Self, PeriodError> {
        Self::parse_from_year(text, 1970)
    }
}

impl Period {
    /// Parses a label whose year is `first_year..=9999` (1969 for local periods: in a zone west
    /// of UTC, the first supported instant falls on 1969-12-31).
    pub(crate) fn parse_from_year(text: &str, first_year: i64) -> Result<Self, PeriodError> {
        let bad = || PeriodError::Unparsable(text.to_owned());
        let number = |s: &str, digits: usize| -> Result<u32, PeriodError> {
            if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let mut parts = text.split('-');
        let year = i64::from(number(parts.next().ok_or_else(bad)?, 4)?);
        if !(first_year..=9999).contains(&year) {
            return Err(bad());
        }
        let rest: Vec<&str> = parts.collect();
        let period = match rest[..] {
            [] => Self {
                start: days_from_civil(year, 1, 1),
                granularity: Granularity::Year,
            },
            [q] if q.starts_with('Q') => {
                let q = number(&q[1..], 1)?;
                if !(1..=4).contains(&q) {
                    return Err(bad());
                }
                Self {
                    start: days_from_civil(year, 3 * q - 2, 1),
                    granularity: Granularity::Quarter,
                }
            }
            [w] if w.starts_with('W') => {
                let week = i64::from(number(&w[1..], 2)?);
                let start = iso_week_one(year) + 7 * (week - 1);
                let period = Self {
                    start,
                    granularity: Granularity::IsoWeek,
                };
                // Week 53 exists only in long years: it must print back as itself.
                if week < 1 || period.to_string() != text {
                    return Err(bad());
                }
                period
            }
            [m] => {
                let m = number(m, 2)?;
                if !(1..=12).contains(&m) {
                    return Err(bad());
                }
                Self {
                    start: days_from_civil(year, m, 1),
                    granularity: Granularity::Month,
                }
            }
            [m, d] => {
                let (m, d) = (number(m, 2)?, number(d, 2)?);
                let start = days_from_civil(year, m, d);
                if !(1..=12).contains(&m) || civil_from_days(start) != (year, m, d) {
                    return Err(bad());
                }
                Self {
                    start,
                    granularity: Granularity::Day,
                }
            }
            _ => return Err(bad()),
        };
        Ok(period)
    }
}

impl TryFrom<String> for Period {
    type Error = PeriodError;

    fn try_from(text: String) -> Result<Self, PeriodError> {
        text.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> Self {
        p.to_string()
    }
}

/// A timestamp outside the supported range, or text that is not a period.
///
/// # Example
///
/// ```
/// use satisfaction::{Granularity, Period};
/// use satisfaction::period::PeriodError;
///
/// assert!(matches!(Period::containing(-1, Granularity::Day), Err(PeriodError::OutOfRange { .. })));
/// assert_eq!("2026-13".parse::<Period>(), Err(PeriodError::Unparsable("2026-13".into())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// A timestamp outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    #[error(
        "timestamp {timestamp} is outside the supported range {min}..={max} (Unix seconds, 1970 to 9999)"
    )]
    #[non_exhaustive]
    OutOfRange {
        /// The rejected timestamp.
        timestamp: i64,
        /// The earliest supported timestamp.
        min: i64,
        /// The latest supported timestamp.
        max: i64,
    },
    /// Text that is none of `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qq`, `YYYY`.
    #[error(
        "{0:?} is not a period: expected YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qq or YYYY \
         (years 1970 to 9999)"
    )]
    Unparsable(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i64, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d) * DAY + 12 * 3600
    }

    fn label(t: i64, g: Granularity) -> String {
        Period::containing(t, g).unwrap().to_string()
    }

    #[test]
    fn iso_week_year_edges() {
        let w = Granularity::IsoWeek;
        assert_eq!(label(at(2020, 12, 31), w), "2020-W53");
        assert_eq!(label(at(2021, 1, 3), w), "2020-W53");
        assert_eq!(label(at(2021, 1, 4), w), "2021-W01");
        assert_eq!(label(at(2018, 12, 31), w), "2019-W01");
        assert_eq!(label(at(2026, 11, 23), w), "2026-W48");
        assert_eq!(label(0, w), "1970-W01");
        assert!("2021-W53".parse::<Period>().is_err());
        assert!("2020-W53".parse::<Period>().is_ok());
    }

    #[test]
    fn labels_and_round_trips() {
        let t = at(2024, 2, 29);
        let cases = [
            (Granularity::Day, "2024-02-29"),
            (Granularity::IsoWeek, "2024-W09"),
            (Granularity::Month, "2024-02"),
            (Granularity::Quarter, "2024-Q1"),
            (Granularity::Year, "2024"),
        ];
        for (g, text) in cases {
            let p = Period::containing(t, g).unwrap();
            assert_eq!(p.to_string(), text);
            assert_eq!(text.parse::<Period>().unwrap(), p);
            assert!(p.contains(t) && p.start() <= t && t < p.end());
            assert_eq!(p.next().unwrap().previous().unwrap(), p);
            assert_eq!(p.next().unwrap().start(), p.end());
        }
        for bad in [
            "2023-02-29",
            "2024-13",
            "2024-Q5",
            "2024-W00",
            "24",
            "1969",
            "2024-1",
            "x",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_day_round_trips() {
        // 1970 to 2100, every day: civil <-> days and Display <-> FromStr agree.
        for day in 0..days_from_civil(2100, 1, 1) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        for day in (0..days_from_civil(2100, 1, 1)).step_by(3) {
            let p = Period::containing(day * DAY, Granularity::IsoWeek).unwrap();
            assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
        }
    }

    #[test]
    fn range_edges() {
        assert!(Period::containing(-1, Granularity::Day).is_err());
        assert!(Period::containing(LATEST + 1, Granularity::Day).is_err());
        let last = Period::containing(LATEST, Granularity::Year).unwrap();
        assert_eq!(last.to_string(), "9999");
        assert!(last.next().is_err());
        assert!(
            Period::containing(0, Granularity::Month)
                .unwrap()
                .previous()
                .is_err()
        );
    }
}
