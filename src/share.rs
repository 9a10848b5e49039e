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

/// Implements [`Summary`](crate::Summary) and [`Sequential`](crate::summary::Sequential) for a summary
/// whose headline is a [`Share`] with a Wilson default interval: `$share` is a method returning
/// it.
///
/// With `report [...]` it also implements [`Report`](crate::summary::Report): the estimate column (read
/// by the named method), `lower` and `upper` of the share's interval, then the listed columns,
/// each `name: float`, `name: share` or `name: count`, read by the method of that name or by the one given in
/// parentheses. One list, so a column's name and its value cannot drift apart.
macro_rules! share_summary {
    (
        $summary:ty, $metric:literal, $share:ident,
        report [$estimate:ident $(, $column:ident : $kind:ident $(($getter:ident))?)* $(,)?]
    ) => {
        $crate::share::share_summary!($summary, $metric, $share);

        impl $crate::summary::Report for $summary {
            type Method = $crate::interval::ProportionMethod;

            fn columns() -> &'static [$crate::summary::Column] {
                const COLUMNS: &[$crate::summary::Column] = &[
                    $crate::summary::Column::share(stringify!($estimate)),
                    $crate::summary::Column::share("lower"),
                    $crate::summary::Column::share("upper"),
                    $($crate::summary::Column::$kind(stringify!($column)),)*
                ];
                COLUMNS
            }

            fn values(
                &self,
                options: &$crate::summary::ReportOptions<$crate::interval::ProportionMethod>,
            ) -> Vec<$crate::summary::Value> {
                let ci = self.$share().interval(options.level, options.method);
                vec![
                    $crate::summary::Value::Float(self.$estimate()),
                    $crate::summary::Value::Float(ci.lower()),
                    $crate::summary::Value::Float(ci.upper()),
                    $($crate::share::share_summary!(
                        @value $kind, self $(.$getter())? .$column()
                    ),)*
                ]
            }
        }
    };
    // A column reads `self.getter()` when a getter is given (`self.getter().column()` is passed
    // and the first call kept), else `self.column()`.
    (@value float, $self:ident . $getter:ident () $(. $column:ident ())?) => {
        $crate::summary::Value::Float($self.$getter())
    };
    (@value share, $self:ident . $getter:ident () $(. $column:ident ())?) => {
        $crate::summary::Value::Float($self.$getter())
    };
    (@value count, $self:ident . $getter:ident () $(. $column:ident ())?) => {
        $crate::summary::Value::Count($self.$getter())
    };
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

            fn default_interval(&self, level: $crate::interval::ConfidenceLevel) -> Option<$crate::interval::Interval> {
                Some(
                    self.$share()
                        .interval(level, $crate::interval::ProportionMethod::default()),
                )
            }

            fn default_method(&self) -> &'static str {
                $crate::interval::ProportionMethod::default().name()
            }
        }

        /// The share: Newcombe hybrid score interval, pooled two-proportion z-test.
        impl $crate::compare::Compare for $summary {
            fn compare(
                &self,
                other: &Self,
                level: $crate::interval::ConfidenceLevel,
            ) -> Result<$crate::interval::Difference, $crate::error::CompareError> {
                Ok(self.$share().difference(other.$share(), level))
            }
        }

        impl $crate::summary::Sequential for $summary {
            fn sequence(&self, level: $crate::interval::ConfidenceLevel, tuned_for: u64) -> $crate::interval::Interval {
                self.$share().sequence(level, tuned_for)
            }
        }
    };
}

pub(crate) use share_summary;
