//! [`TimeOfDay`]: a wall-clock time from 00:00 to 24:00, to the minute, the ends of business
//! hours.

use std::fmt;
use std::str::FromStr;

use super::error::CalendarError;

/// A wall-clock time of day, to the minute, from 00:00 to 24:00 (the end of the day, the next
/// local midnight): the two ends of an interval of business hours.
///
/// Typed, so a time is checked once where it is made; the `"HH:MM"` text business-hours
/// configurations are written in is accepted too ([`FromStr`], `TryFrom<&str>`), strictly:
/// two digits, a colon, two digits.
///
/// ```
/// use satisfaction::calendar::TimeOfDay;
///
/// let nine = TimeOfDay::new(9, 0)?;
/// assert_eq!(nine.to_string(), "09:00");
/// assert_eq!("09:00".parse::<TimeOfDay>()?, nine);
/// assert_eq!((nine.hour(), nine.minute()), (9, 0));
/// assert!(nine < TimeOfDay::END_OF_DAY);
/// assert_eq!(TimeOfDay::new(24, 0)?, TimeOfDay::END_OF_DAY);
/// assert!(TimeOfDay::new(24, 30).is_err() && TimeOfDay::new(9, 60).is_err());
/// assert!("9:00".parse::<TimeOfDay>().is_err());
/// # Ok::<(), satisfaction::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TimeOfDay {
    /// Minutes after local midnight, 0..=1440.
    minutes: u16,
}

impl TimeOfDay {
    /// 00:00, the start of the day.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay { minutes: 0 };
    /// 24:00, the end of the day (the next local midnight).
    pub const END_OF_DAY: TimeOfDay = TimeOfDay { minutes: 24 * 60 };

    /// The time `hour:minute`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::InvalidTime`] unless `hour` is 0..=23 and `minute` 0..=59, or the
    /// time is 24:00.
    pub fn new(hour: u8, minute: u8) -> Result<Self, CalendarError> {
        if minute > 59 || hour > 24 || (hour == 24 && minute != 0) {
            return Err(CalendarError::InvalidTime {
                value: format!("{hour:02}:{minute:02}"),
            });
        }
        Ok(Self {
            minutes: u16::from(hour) * 60 + u16::from(minute),
        })
    }

    /// The hour, 0..=24.
    #[must_use]
    pub fn hour(self) -> u8 {
        (self.minutes / 60) as u8
    }

    /// The minute, 0..=59.
    #[must_use]
    pub fn minute(self) -> u8 {
        (self.minutes % 60) as u8
    }

    /// Minutes after local midnight, 0..=1440.
    pub(crate) fn minutes(self) -> u16 {
        self.minutes
    }

    /// The time `minutes` after midnight (at most 1440).
    pub(crate) fn from_minutes(minutes: u16) -> Self {
        Self {
            minutes: minutes.min(24 * 60),
        }
    }
}

impl fmt::Display for TimeOfDay {
    /// `HH:MM`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl FromStr for TimeOfDay {
    type Err = CalendarError;

    /// `HH:MM`, exactly: `"09:00"`, `"24:00"`; not `"9:00"`, `"09:00:00"` or `"24:30"`.
    fn from_str(text: &str) -> Result<Self, CalendarError> {
        let invalid = || CalendarError::InvalidTime {
            value: text.to_owned(),
        };
        let b = text.as_bytes();
        let &[h1, h2, b':', m1, m2] = b else {
            return Err(invalid());
        };
        if ![h1, h2, m1, m2].iter().all(u8::is_ascii_digit) {
            return Err(invalid());
        }
        let two = |a: u8, b: u8| (a - b'0') * 10 + (b - b'0');
        Self::new(two(h1, h2), two(m1, m2)).map_err(|_| invalid())
    }
}

impl TryFrom<&str> for TimeOfDay {
    type Error = CalendarError;

    fn try_from(text: &str) -> Result<Self, CalendarError> {
        text.parse()
    }
}

impl TryFrom<&String> for TimeOfDay {
    type Error = CalendarError;

    fn try_from(text: &String) -> Result<Self, CalendarError> {
        text.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_strictly() {
        assert_eq!("00:00".parse::<TimeOfDay>().map(TimeOfDay::minutes), Ok(0));
        assert_eq!(
            "24:00".parse::<TimeOfDay>().map(TimeOfDay::minutes),
            Ok(1440)
        );
        assert_eq!(
            "17:59".parse::<TimeOfDay>().map(TimeOfDay::minutes),
            Ok(1079)
        );
        for bad in [
            "",
            "9:00",
            "09:0",
            "24:01",
            "25:00",
            "09:60",
            "09-00",
            "0900",
            "09:00:00",
            "+9:00",
            "09:0a",
            "٠٩:٠٠",
        ] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad:?}");
        }
        for minutes in 0..=1440 {
            let t = TimeOfDay::from_minutes(minutes);
            assert_eq!(t.to_string().parse::<TimeOfDay>(), Ok(t));
        }
    }
}
