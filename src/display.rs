//! Formatting helpers shared by the summaries' `Display` impls.

use std::fmt;
use std::time::Duration;

/// A duration written the way a support report writes it: `850ms`, `42s`, `12m 30s`,
/// `3h 05m`, `2d 04h`. Two units at most; the rest is rounded away.
pub(crate) struct Human(pub(crate) Duration);

impl fmt::Display for Human {
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
        // Round to the smaller unit shown before splitting.
        if secs < 60 {
            write!(f, "{:.1}s", d.as_secs_f64())
        } else if secs < 3600 {
            let secs = (d.as_secs_f64()).round() as u64;
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

/// A share in [0, 1] as a percentage with one decimal.
pub(crate) struct Percent(pub(crate) f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}%", self.0 * 100.0)
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
        ];
        for (d, text) in cases {
            assert_eq!(Human(d).to_string(), text);
        }
    }
}
