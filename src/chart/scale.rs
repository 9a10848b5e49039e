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

    /// An estimate with its interval (already in this unit), the unit said once:
    /// `+28.8 (+23.0 to +34.4)`, `81.2% (75.0% to 86.0%)`, `67.1 (54.6 to 79.9) min`.
    pub(super) fn format_interval(self, estimate: f64, (lower, upper): (f64, f64)) -> String {
        match self {
            Self::Time { name, .. } => format!(
                "{:.1} ({:.1} to {:.1}) {}",
                estimate + 0.0,
                lower + 0.0,
                upper + 0.0,
                abbreviation(name)
            ),
            _ => format!(
                "{} ({} to {})",
                self.format(estimate),
                self.format(lower),
                self.format(upper)
            ),
        }
    }

    /// A tick label of the value axis (already in this unit), with `decimals` digits; none
    /// outside `domain` (the axis reaches a little past it, see [`fit`]).
    pub(super) fn tick(self, value: f64, decimals: usize, (min, max): (f64, f64)) -> String {
        if value < min - 1e-9 * min.abs() || value > max + 1e-9 * max.abs() {
            return String::new();
        }
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
/// `domain`, except that a side cut at the domain reaches 3% past it, so a dot at the edge
/// (NPS +100, 100% satisfied) is drawn whole. Never empty: a single value gets a range around
/// it.
pub(super) fn fit(values: impl IntoIterator<Item = f64>, domain: (f64, f64)) -> (f64, f64) {
    let (low, high) = values
        .into_iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !(low.is_finite() && high.is_finite()) {
        return past_the_edge(fallback(domain), domain);
    }
    let least = narrowest(low, high);
    let spread = high - low;
    let width = domain.1 - domain.0;
    let pad = if spread > least {
        spread / 10.0
    } else if width.is_finite() && width > least {
        width / 20.0
    } else {
        (high.abs() / 10.0).max(1.0)
    };
    let lower = (low - pad).max(domain.0);
    let upper = (high + pad).min(domain.1);
    if upper - lower > least {
        past_the_edge((lower, upper), domain)
    } else {
        past_the_edge(fallback(domain), domain)
    }
}

/// The narrowest range worth an axis around values up to `low` and `high`: narrower ones
/// are rounding noise, and plotters' tick search is not made for them.
fn narrowest(low: f64, high: f64) -> f64 {
    1e-9 * (1.0 + low.abs().max(high.abs()))
}

/// `range` reaching 3% past each side where it meets the domain.
fn past_the_edge((lower, upper): (f64, f64), domain: (f64, f64)) -> (f64, f64) {
    let reach = 0.03 * (upper - lower);
    (
        if lower <= domain.0 {
            lower - reach
        } else {
            lower
        },
        if upper >= domain.1 {
            upper + reach
        } else {
            upper
        },
    )
}

/// The whole domain, or 0..1 where it is unbounded, empty or too narrow.
fn fallback((min, max): (f64, f64)) -> (f64, f64) {
    if min.is_finite() && max.is_finite() && max - min > narrowest(min, max) {
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
        assert_eq!(
            Unit::of((1.0, 5.0), 4.0),
            Unit::Scale { min: 1.0, max: 5.0 }
        );
        let minutes = Unit::of((0.0, f64::INFINITY), 1800.0);
        assert_eq!(minutes.show(90.0), 1.5);
        assert_eq!(minutes.axis_label("FRT median"), "FRT median (minutes)");
        assert_eq!(minutes.format(1.5), "1.5 min");
        assert_eq!(
            minutes.format_interval(1.5, (1.0, 2.0)),
            "1.5 (1.0 to 2.0) min"
        );
        assert_eq!(
            Unit::Points.format_interval(-4.8, (-14.7, 5.3)),
            "-4.8 (-14.7 to +5.3)"
        );
        assert_eq!(Unit::Points.format(-0.0), "+0.0");
        let nps = (-100.0, 100.0);
        assert_eq!(Unit::Points.tick(20.0, 0, nps), "+20");
        assert_eq!(Unit::Points.tick(0.0, 0, nps), "0");
        assert_eq!(Unit::Points.tick(101.0, 0, nps), "");
        assert_eq!(Unit::Percent.tick(81.25, 1, (0.0, 100.0)), "81.2%");
    }

    #[test]
    fn ranges_are_padded_and_inside_the_domain() {
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| {
            assert!(
                (a - c).abs() < 1e-9 && (b - d).abs() < 1e-9,
                "{a}..{b} is not {c}..{d}"
            );
        };
        close(fit([10.0, 30.0], (-100.0, 100.0)), (8.0, 32.0));
        close(fit([95.0, 100.0], (0.0, 100.0)), (94.5, 100.165));
        close(fit([100.0], (-100.0, 100.0)), (90.0, 100.3));
        close(fit([0.0], (0.0, f64::INFINITY)), (-0.03, 1.0));
        close(fit([], (0.0, f64::INFINITY)), (-0.03, 1.0));
        close(fit([f64::NAN], (1.0, 5.0)), (0.88, 5.12));
        // Values a rounding error apart are one value; a needle-thin domain is no axis.
        close(fit([0.5, 0.5 + 1e-12], (0.0, 1.0)), (0.45, 0.55 + 1e-12));
        close(fit([1e-300], (0.0, 1e-290)), (-0.03, 1.03));
        // A huge value (only from a summary outside the crate) still gets a finite range.
        let (lo, hi) = fit([-1e15, 1e15], (f64::NEG_INFINITY, f64::INFINITY));
        assert!(lo.is_finite() && hi.is_finite() && lo < -1e15 && hi > 1e15);
    }
}
