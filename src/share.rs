//! A share x of n: the statistics every binomial metric reports (yes/no answers, churn,
//! abandonment, first contact resolution, SLA attainment), written once.

use crate::interval::{self, ConfidenceLevel, Difference, Interval, ProportionMethod};

/// `x` successes out of `n > 0` trials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Share {
    x: u64,
    n: u64,
}

impl Share {
    /// The share `x / n` for `x <= n` and `n > 0`, which every summary guarantees (a summary
    /// is never empty); anything else is clamped into range rather than trusted.
    pub(crate) fn new(x: u64, n: u64) -> Self {
        let n = n.max(1);
        Self { x: x.min(n), n }
    }

    /// Successes.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn successes(self) -> u64 {
        self.x
    }

    /// Trials.
    pub(crate) fn trials(self) -> u64 {
        self.n
    }

    /// The share, within [0, 1].
    pub(crate) fn value(self) -> f64 {
        (self.x as f64 / self.n as f64).clamp(0.0, 1.0)
    }

    /// The confidence interval by `method`, within [0, 1].
    pub(crate) fn interval(self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        interval::proportion_unchecked(self.x, self.n, level, method)
    }

    /// The anytime-valid confidence sequence tuned for `tuned_for` observations.
    pub(crate) fn sequence(self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        interval::sequence_unchecked(self.x as f64, self.n, level, tuned_for)
    }

    /// This share minus `other`: Newcombe hybrid score interval and pooled z-test p-value.
    pub(crate) fn difference(self, other: Share, level: ConfidenceLevel) -> Difference {
        // Both shares are valid (x <= n, n > 0), so the test cannot fail; the fallback is the
        // whole range with no evidence.
        interval::proportion_difference_test(self.x, self.n, other.x, other.n, level)
            .unwrap_or_else(|_| {
                Difference::new(
                    self.value() - other.value(),
                    Interval::clamped(-1.0, 1.0, -1.0, 1.0),
                    1.0,
                    "Newcombe hybrid score",
                )
            })
    }
}

/// Implements [`Summary`](crate::Summary) and [`Sequential`](crate::Sequential) for a summary whose headline is a [`Share`] with a
/// Wilson default interval: `$share` is a method returning it.
macro_rules! share_summary {
    ($summary:ty, $metric:literal, $share:ident) => {
        impl $crate::summary::Summary for $summary {
            fn metric(&self) -> &'static str {
                $metric
            }

            fn count(&self) -> u64 {
                self.$share().trials()
            }

            fn estimate(&self) -> f64 {
                self.$share().value()
            }

            fn domain(&self) -> (f64, f64) {
                (0.0, 1.0)
            }

            fn default_interval(&self, level: $crate::ConfidenceLevel) -> Option<$crate::Interval> {
                Some(
                    self.$share()
                        .interval(level, $crate::ProportionMethod::default()),
                )
            }

            fn default_method(&self) -> &'static str {
                $crate::ProportionMethod::default().name()
            }
        }

        impl $crate::summary::Sequential for $summary {
            fn sequence(&self, level: $crate::ConfidenceLevel, tuned_for: u64) -> $crate::Interval {
                self.$share().sequence(level, tuned_for)
            }
        }
    };
}

pub(crate) use share_summary;
