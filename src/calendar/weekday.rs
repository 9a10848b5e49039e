//! [`Weekday`]: the crate's own day-of-week enum.

use std::fmt;
use std::str::FromStr;

use super::CalendarError;

/// A day of the week, Monday first (ISO 8601).
///
/// Prints as its English name; parses from the full or the three-letter name in any case.
///
/// ```
/// use satisfaction::calendar::Weekday;
///
/// assert_eq!(Weekday::Friday.to_string(), "Friday");
/// assert_eq!("sat".parse::<Weekday>()?, Weekday::Saturday);
/// assert_eq!(Weekday::Sunday.next(), Weekday::Monday);
/// assert_eq!(Weekday::Monday.number_from_monday(), 1);
/// assert!(Weekday::Monday < Weekday::Sunday);
/// assert!("Funday".parse::<Weekday>().is_err());
/// # Ok::<(), satisfaction::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "&'static str"))]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// The seven days, Monday first.
    pub const ALL: [Self; 7] = [
        Self::Monday,
        Self::Tuesday,
        Self::Wednesday,
        Self::Thursday,
        Self::Friday,
        Self::Saturday,
        Self::Sunday,
    ];

    /// 1 for Monday up to 7 for Sunday (ISO 8601).
    #[must_use]
    pub fn number_from_monday(self) -> u8 {
        self.index() as u8 + 1
    }

    /// The following day.
    #[must_use]
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % 7]
    }

    /// The preceding day.
    #[must_use]
    pub fn previous(self) -> Self {
        Self::ALL[(self.index() + 6) % 7]
    }

    /// The English name, `"Monday"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self.index()]
    }

    /// Monday = 0 .. Sunday = 6.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The weekday of a day count since 1970-01-01 (a Thursday).
    pub(crate) fn of_day(day: i64) -> Self {
        Self::ALL[(day + 3).rem_euclid(7) as usize]
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Weekday {
    type Err = CalendarError;

    /// `Monday` .. `Sunday` or `Mon` .. `Sun`, in any case.
    fn from_str(text: &str) -> Result<Self, CalendarError> {
        Self::ALL
            .into_iter()
            .find(|day| {
                let name = day.name();
                text.eq_ignore_ascii_case(name) || text.eq_ignore_ascii_case(&name[..3])
            })
            .ok_or_else(|| CalendarError::InvalidWeekday {
                value: text.to_owned(),
            })
    }
}

impl TryFrom<String> for Weekday {
    type Error = CalendarError;

    fn try_from(text: String) -> Result<Self, CalendarError> {
        text.parse()
    }
}

impl From<Weekday> for &'static str {
    fn from(day: Weekday) -> Self {
        day.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_was_a_thursday() {
        assert_eq!(Weekday::of_day(0), Weekday::Thursday);
        assert_eq!(Weekday::of_day(-1), Weekday::Wednesday);
        assert_eq!(Weekday::of_day(4), Weekday::Monday);
        for day in Weekday::ALL {
            assert_eq!(day.next().previous(), day);
            assert_eq!(day.to_string().parse::<Weekday>().unwrap(), day);
        }
    }
}
