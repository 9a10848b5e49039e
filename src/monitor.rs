//! [`Monitor`], the [`Rule`] it watches for and the [`Check`] it reports. The user-facing
//! documentation is on [`Monitor`].

use crate::aggregator::Aggregator;
use crate::interval::{self, ConfidenceLevel, Interval};
use crate::summary::{Sequential, Summary};

/// What a monitor is watching for.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// The metric is above this value (on its own scale).
    Above(f64),
    /// The metric is below this value.
    Below(f64),
    /// The metric differs from a baseline whose confidence sequence at level 1 − α/2 is given
    /// (e.g. last month's `confidence_sequence(level.halved_alpha())`); the monitor computes its
    /// own band at 1 − α/2 too.
    DiffersFrom(Interval),
}

/// One check of a [`Monitor`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Check {
    n: u64,
    estimate: f64,
    band: Interval,
    fixed: Interval,
    established: bool,
    fixed_says: bool,
}

impl Check {
    /// Observations so far.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.n
    }
    /// The current estimate.
    #[must_use]
    pub fn estimate(&self) -> f64 {
        self.estimate
    }
    /// The anytime-valid band (for [`Rule::DiffersFrom`], the band of the difference).
    #[must_use]
    pub fn band(&self) -> Interval {
        self.band
    }
    /// The fixed-n interval at the same level, for comparison (not valid under repeated looks).
    #[must_use]
    pub fn fixed_interval(&self) -> Interval {
        self.fixed
    }
    /// Whether the rule is established with anytime-valid confidence.
    #[must_use]
    pub fn established(&self) -> bool {
        self.established
    }
    /// Whether the fixed-n interval alone would say so (what a naive dashboard would do).
    #[must_use]
    pub fn fixed_interval_says(&self) -> bool {
        self.fixed_says
    }
}

/// An aggregator watched continuously against a [`Rule`], with anytime-valid confidence.
///
/// A monitor holds an aggregator and a rule ("NPS above +30", "CSAT share below 0.8", "differs
/// from last month") and, at every [`check`](Monitor::check), reports the metric's confidence
/// sequence ([`interval::proportion_sequence`]) and whether the rule is now established.
/// Because the band is valid at every n simultaneously, checking after every answer and acting
/// the moment the rule holds keeps the error rate at most 1 − level: the fixed-n interval,
/// checked the same way, does not (the check reports it too, for comparison).
///
/// Comparing two streams: the difference band is built from the two sequences at level
/// 1 − α/2 each ([`interval::sequence_difference`]), which is valid by the union bound and
/// conservative (the true coverage is higher than stated).
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Proportion};
/// use satisfaction::monitor::{Monitor, Rule};
///
/// // Alarm when the share of resolved tickets is established below 80%.
/// let mut monitor = Monitor::new(Proportion::default(), Rule::Below(0.8), ConfidenceLevel::P95);
/// for day in 0..60 {
///     for answer in 0..20 {
///         monitor.push(answer % 10 < 6); // 60% resolved
///     }
///     let check = monitor.check().unwrap();
///     if check.established() {
///         let (share, band) = (check.estimate(), check.band());
///         println!("day {day}: established, share {share:.2}, band {band:.3}");
///         break;
///     }
/// }
/// assert!(monitor.check().unwrap().established());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Monitor<A> {
    aggregator: A,
    rule: Rule,
    level: ConfidenceLevel,
    tuned_for: u64,
}

impl<A> Monitor<A>
where
    A: Aggregator,
    A::Summary: Sequential,
{
    /// Watches `aggregator` for `rule` at `level`, tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) observations.
    pub fn new(aggregator: A, rule: Rule, level: ConfidenceLevel) -> Self {
        Self {
            aggregator,
            rule,
            level,
            tuned_for: interval::DEFAULT_TUNED_FOR,
        }
    }

    /// Tunes the band for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn tuned_for(mut self, tuned_for: u64) -> Self {
        self.tuned_for = tuned_for.max(1);
        self
    }

    /// Records an observation that cannot be refused.
    pub fn push(&mut self, input: A::Input)
    where
        A: Aggregator<Error = std::convert::Infallible>,
    {
        self.aggregator.push(input);
    }

    /// Records an observation, or refuses it (a rating from another scale) and changes
    /// nothing.
    ///
    /// # Errors
    ///
    /// The aggregator's own [`Aggregator::Error`].
    pub fn record(&mut self, input: A::Input) -> Result<(), A::Error> {
        self.aggregator.record(input)
    }

    /// The aggregator.
    pub fn aggregator(&self) -> &A {
        &self.aggregator
    }

    /// The aggregator, to merge or batch into it.
    pub fn aggregator_mut(&mut self) -> &mut A {
        &mut self.aggregator
    }

    /// The current state against the rule; `None` while the aggregator is empty.
    #[must_use]
    pub fn check(&self) -> Option<Check> {
        let summary = self.aggregator.summary()?;
        let estimate = summary.estimate();
        // The fixed-n interval, for comparison; a metric with a sequence always has one (the
        // whole domain stands in if not).
        let fixed = |level| {
            let (low, high) = summary.domain();
            summary
                .default_interval(level)
                .unwrap_or_else(|| Interval::clamped(low, high, low, high))
        };
        let (band, fixed) = match self.rule {
            Rule::DiffersFrom(baseline) => {
                let half = self.level.halved_alpha();
                (
                    interval::sequence_difference(summary.sequence(half, self.tuned_for), baseline),
                    interval::sequence_difference(fixed(half), baseline),
                )
            }
            _ => (
                summary.sequence(self.level, self.tuned_for),
                fixed(self.level),
            ),
        };
        let holds = |i: Interval| match self.rule {
            Rule::Above(x) => i.lower() > x,
            Rule::Below(x) => i.upper() < x,
            Rule::DiffersFrom(_) => !i.contains(0.0),
        };
        Some(Check {
            n: self.aggregator.count(),
            estimate,
            band,
            fixed,
            established: holds(band),
            fixed_says: holds(fixed),
        })
    }
}
