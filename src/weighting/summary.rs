//! What every weighted summary reads from a linearisation ([`Linearised`]): its estimate within
//! the domain, the intervals and differences of that estimate, and the numbers every weighted
//! summary reports beside it (responses, Kish's effective sample size, the design effect, the
//! sum of weights) in its accessors, its report's last columns and its text.

use std::fmt;

use crate::interval::{ConfidenceLevel, Difference, Interval};
use crate::summary::{Column, Value, with_bounds};

use super::buckets::Linearised;
use super::interval::{self, WeightedMethod};

/// The last report columns of every weighted summary, read by [`Linearised::kish_values`].
const KISH_COLUMNS: [Column; 3] = [
    Column::float("effective_n"),
    Column::float("design_effect"),
    Column::float("sum_of_weights"),
];

/// A weighted summary's report columns: its own `columns`, then [`KISH_COLUMNS`]. Evaluated
/// in the `const` of each report, where an `N` other than `M + 3` fails the build.
pub(super) const fn with_kish<const M: usize, const N: usize>(columns: [Column; M]) -> [Column; N] {
    assert!(N == M + KISH_COLUMNS.len(), "N must be M + 3");
    let mut out = [KISH_COLUMNS[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < M {
            columns[i]
        } else {
            KISH_COLUMNS[i - M]
        };
        i += 1;
    }
    out
}

impl Linearised {
    /// The estimate, clamped to `domain` (rounding can step just outside it).
    pub(super) fn within(&self, (min, max): (f64, f64)) -> f64 {
        self.estimate.clamp(min, max)
    }

    /// The normal interval of the estimate (R's `confint(svymean(...))`), clamped to `domain`;
    /// the whole domain for a single response.
    pub(super) fn normal_interval(&self, level: ConfidenceLevel, domain: (f64, f64)) -> Interval {
        let (min, max) = domain;
        interval::normal(self.within(domain), self.standard_error, level, min, max)
    }

    /// The `svyciprop` interval of a share (values 0 and 1), from the share and its
    /// complement as the weights give them.
    pub(super) fn share_interval(
        &self,
        level: ConfidenceLevel,
        method: WeightedMethod,
    ) -> Interval {
        interval::share(
            (self.within((0.0, 1.0)), self.complement.clamp(0.0, 1.0)),
            self.standard_error,
            self.n,
            self.effective_n(),
            level,
            method,
        )
    }

    /// This estimate minus `other`'s, both on `domain`, for independent samples: normal
    /// interval on `√(SE₁² + SE₂²)` clamped to the widest difference, z-test p-value.
    pub(super) fn difference(
        &self,
        other: &Self,
        level: ConfidenceLevel,
        domain: (f64, f64),
    ) -> Difference {
        interval::difference(
            (self.within(domain), self.standard_error),
            (other.within(domain), other.standard_error),
            level,
            domain.1 - domain.0,
        )
    }

    /// The values of [`KISH_COLUMNS`].
    pub(super) fn kish_values(&self) -> [Value; 3] {
        [
            Value::Float(self.effective_n()),
            Value::Float(self.design_effect()),
            Value::Float(self.weight),
        ]
    }
}

/// An estimate, its interval's bounds and its standard error (no value when infinite): the
/// report values of each estimate of a weighted summary.
pub(super) fn with_se(estimate: f64, interval: Interval, se: f64) -> [Value; 4] {
    let [estimate, lower, upper] = with_bounds(estimate, interval);
    [estimate, lower, upper, interval::finite(se)]
}

/// `n = 5, Kish effective n = 4.2, design effect 1.20`: how every weighted summary's text
/// ends.
pub(super) struct Kish<'a>(pub(super) &'a Linearised);

impl fmt::Display for Kish<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "n = {}, Kish effective n = {:.1}, design effect {:.2}",
            self.0.n,
            self.0.effective_n(),
            self.0.design_effect()
        )
    }
}

/// The accessors every weighted summary has, read from its linearisation in `$field`: the
/// number of `$noun` and Kish's numbers.
macro_rules! kish_accessors {
    ($summary:ident . $field:ident, $noun:literal) => {
        impl $summary {
            #[doc = concat!("The number of ", $noun, ".")]
            #[must_use]
            pub fn count(&self) -> u64 {
                self.$field.n
            }

            /// Kish's effective sample size `(Σw)² / Σw²`: how many unweighted responses would
            /// give the same precision if the weights are unrelated to the answers.
            #[must_use]
            pub fn effective_n(&self) -> f64 {
                self.$field.effective_n()
            }

            /// Kish's design effect due to weighting, `n / effective n` (≥ 1): how much the
            /// weights inflate the variance.
            #[must_use]
            pub fn design_effect(&self) -> f64 {
                self.$field.design_effect()
            }

            /// The sum of the weights.
            #[must_use]
            pub fn sum_of_weights(&self) -> f64 {
                self.$field.weight
            }
        }
    };
}

pub(super) use kish_accessors;
