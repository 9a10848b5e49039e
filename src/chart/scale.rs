//! The value axis: the unit a metric is shown in and a range that fits the values.
//!
//! [`Summary`](crate::Summary) has no unit, but its contract fixes the scale of the estimate
//! by the domain: NPS points on −100..100, shares on 0..1, durations in seconds on 0..∞, mean
//! ratings and health scores on their own scale. The unit is read from the domain, so a new
//! metric gets a sensible axis without the chart knowing it.

/// How a metric's values are shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Unit {
    /// NPS points, −100..100, shown signed.
    Points,
    /// A share on 0..1, shown in percent.
    Percent,
    /// Seconds, shown in the unit that keeps the numbers small.
    Time {
        /// Seconds per displayed unit.
        seconds: f64,
        /// The unit's name.
        name: &'static str,
    },
    /// A score on its own scale (a mean rating 1 to 5, health 0 to 100).
    Scale {
        /// The lowest value.
        min: f64,
        /// The highest value.
        max: f64,
    },
}

impl Unit {
    /// The unit of a metric with this domain whose values (in the metric's own scale) reach
    /// `largest`.
    pub(super) fn of(domain: (f64, f64), largest: f64) -> Self {
        match domain {
            (min, max) if min == -100.0 && max == 100.0 => Self::Points,
            (min, max) if min == 0.0 && max == 1.0 => Self::Percent,
            (_, max) if max.is_infinite() => {
                let (seconds, name) = match largest {
                    s if s < 120.0 => (1.0, "seconds"),
                    s if s < 2.0 * 3600.0 => (60.0, "minutes"),
                    s if s < 48.0 * 3600.0 => (3600.0, "hours"),
                    _ => (86_400.0, "days"),
                };
                Self::Time { seconds, name }
            }
            (min, max) => Self::Scale { min, max },
        }
    }

    /// A value in the metric's own scale, in this unit.
    pub(super) fn show(self, value: f64) -> f64 {
        match self {
            Self::Percent => 100.0 * value,
            Self::Time { seconds, .. } => value / seconds,
            Self::Points | Self::Scale { .. } => value,
        }
    }

    /// The metric's domain in this unit.
    pub(super) fn domain(self, (min, max): (f64, f64)) -> (f64, f64) {
        (self.show(min), self.show(max))
    }

    /// The value axis' description: the metric and its unit.
    pub(super) fn axis_label(self, metric: &str) -> String {
        match self {
            Self::Points => format!("{metric} (points)"),
            Self::Percent => format!("{metric} (%)"),
            Self::Time { name, .. } => format!("{metric} ({name})"),
            Self::Scale { min, max } => format!("{metric} (scale {min} to {max})"),
        }
    }

    /// A value (already in this unit) as an annotation: `+32.1`, `81.2%`, `12.5 min`, `3.42`.
    pub(super) fn format(self, value: f64) -> String {
        // `+ 0.0` turns −0.0 into 0.0, so nothing prints as "-0".
        let value = value + 0.0;
        match self {
            Self::Points => format!("{value:+.1}"),
            Self::Percent => format!("{value:.1}%"),
            Self::Time { name, .. } => format!("{value:.1} {}", abbreviation(name)),
            Self::Scale { .. } => format!("{value:.2}"),
        }
    }

    /// A tick label of the value axis (already in this unit), with `decimals` digits.
    pub(super) fn tick(self, value: f64, decimals: usize) -> String {
        let value = value + 0.0;
        match self {
            Self::Points if value > 0.0 => format!("+{value:.decimals$}"),
            Self::Percent => format!("{value:.decimals$}%"),
            _ => format!("{value:.decimals$}"),
        }
    }
}

fn abbreviation(unit: &str) -> &str {
    match unit {
        "seconds" => "s",
        "minutes" => "min",
        "hours" => "h",
        _ => "d",
    }
}

/// The displayed range of `values` (finite, in the display unit): from the smallest to the
/// largest, padded by a tenth of the spread so nothing sits on the frame, and kept inside
/// `domain`. Never empty: a single value gets a range around it.
pub(super) fn fit(values: impl IntoIterator<Item = f64>, domain: (f64, f64)) -> (f64, f64) {
    let (low, high) = values
        .into_iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !(low.is_finite() && high.is_finite()) {
        return fallback(domain);
    }
    let spread = high - low;
    let width = domain.1 - domain.0;
    let pad = if spread > 0.0 {
        spread / 10.0
    } else if width.is_finite() {
        width / 20.0
    } else {
        (high.abs() / 10.0).max(1.0)
    };
    let lower = (low - pad).max(domain.0);
    let upper = (high + pad).min(domain.1);
    if upper > lower {
        (lower, upper)
    } else {
        fallback(domain)
    }
}

/// The whole domain, or 0..1 where it is unbounded or empty.
fn fallback((min, max): (f64, f64)) -> (f64, f64) {
    if min.is_finite() && max.is_finite() && max > min {
        (min, max)
    } else {
        (0.0, 1.0)
    }
}

/// Digits after the point that tick labels over `range` need: none for a spread of 20 or more
/// (ticks land on whole numbers), one above 2, else two.
pub(super) fn decimals((low, high): (f64, f64)) -> usize {
    match high - low {
        s if s >= 20.0 => 0,
        s if s >= 2.0 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_the_domain() {
        assert_eq!(Unit::of((-100.0, 100.0), 30.0), Unit::Points);
        assert_eq!(Unit::of((0.0, 1.0), 0.8), Unit::Percent);
        assert_eq!(Unit::of((1.0, 5.0), 4.0), Unit::Scale { min: 1.0, max: 5.0 });
        let minutes = Unit::of((0.0, f64::INFINITY), 1800.0);
        assert_eq!(minutes.show(90.0), 1.5);
        assert_eq!(minutes.axis_label("FRT median"), "FRT median (minutes)");
        assert_eq!(minutes.format(1.5), "1.5 min");
        assert_eq!(Unit::Points.format(-0.0), "+0.0");
        assert_eq!(Unit::Points.tick(20.0, 0), "+20");
        assert_eq!(Unit::Percent.tick(81.25, 1), "81.2%");
    }

    #[test]
    fn ranges_are_padded_and_inside_the_domain() {
        assert_eq!(fit([10.0, 30.0], (-100.0, 100.0)), (8.0, 32.0));
        assert_eq!(fit([95.0, 100.0], (0.0, 100.0)), (94.5, 100.0));
        assert_eq!(fit([100.0], (-100.0, 100.0)), (90.0, 100.0));
        assert_eq!(fit([0.0], (0.0, f64::INFINITY)), (0.0, 1.0));
        assert_eq!(fit([], (0.0, f64::INFINITY)), (0.0, 1.0));
        assert_eq!(fit([f64::NAN], (1.0, 5.0)), (1.0, 5.0));
    }
}
