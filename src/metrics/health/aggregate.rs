//! A portfolio of health scores: mean health, accounts per band, and the share at risk.

use std::fmt;

use crate::aggregator::Aggregator;
use crate::counts::Counts;
use crate::display::Percent;
use crate::error::same;
use crate::error::{CompareError, InputError, MergeError, Setting, StateError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};
use crate::share::Share;
use crate::summary::{Column, Report, ReportOptions, Sequential, Value};

use super::model::{HealthBand, HealthModel};
use super::score::HealthScore;

/// Scores are summed in fixed point, millionths of a point, so that sums are integers: merges
/// are exact and order-free, and the mean is exact to 10^-6 points.
const MICROS: f64 = 1e6;

/// The largest score in fixed point.
const TOP: u128 = 100_000_000;

/// Aggregates the health scores of many customers scored by one model.
///
/// A score from another model (told apart by [`HealthModel::fingerprint`]) is refused by
/// [`record`](Aggregator::record) with [`InputError::ModelMismatch`]; merging aggregates of
/// different models is an error.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, HealthAggregate, HealthModel, Polarity};
///
/// let model = HealthModel::builder()
///     .linear("usage", 1.0, 0.0, 100.0, Polarity::HigherIsBetter)
///     .build()?;
/// let mut book = HealthAggregate::new(&model);
/// for usage in [20.0, 45.0, 60.0, 80.0, 95.0] {
///     book.record(model.score([("usage", usage)])?)?;
/// }
/// let summary = book.summary().unwrap();
/// assert_eq!(summary.mean(), 60.0);
/// assert_eq!(summary.band_counts(), [2, 1, 2]); // at risk, neutral, healthy
/// assert_eq!(summary.at_risk_share(), 0.4);
/// assert!(summary.mean_interval(ConfidenceLevel::P95).contains(60.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// State: `size_of::<HealthAggregate>() == 64` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HealthAggregate {
    model: u64,
    bands: Counts<3>,
    sum: u128,
    sum_squares: u128,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(HealthAggregate, HealthState);

impl HealthAggregate {
    /// An empty aggregate for scores of `model`.
    #[must_use]
    pub fn new(model: &HealthModel) -> Self {
        Self {
            model: model.fingerprint(),
            bands: Counts::default(),
            sum: 0,
            sum_squares: 0,
        }
    }

    /// An aggregate from parts kept elsewhere: the model's fingerprint, the scores per band
    /// (at risk, neutral, healthy) and the sums of the scores and of their squares in
    /// millionths of a point.
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] past [`MAX_COUNT`](crate::MAX_COUNT) scores;
    /// [`StateError::Inconsistent`] for sums that scores in 0..=100 cannot add up to.
    pub fn from_parts(
        model_fingerprint: u64,
        bands: [u64; 3],
        sum_micros: u128,
        sum_squares_micros: u128,
    ) -> Result<Self, StateError> {
        let bands = Counts::from_array("health aggregate", bands)?;
        let n = u128::from(bands.total());
        // Every score is in [0, 10^8] micro-points: Σx ≤ 10^8 n, Σx² ≤ 10^8 Σx, and by
        // Cauchy-Schwarz (Σx)² ≤ n Σx² (compared as Σx · (Σx / n) ≤ Σx² to stay in range).
        let spread_ok = n == 0 || sum_micros * (sum_micros / n) <= sum_squares_micros;
        if sum_micros > TOP * n || sum_squares_micros > TOP * sum_micros || !spread_ok {
            return Err(StateError::Inconsistent {
                what: "health aggregate",
                problem: "sums outside what its scores can add up to".into(),
            });
        }
        Ok(Self {
            model: model_fingerprint,
            bands,
            sum: sum_micros,
            sum_squares: sum_squares_micros,
        })
    }

    /// The fingerprint of the model whose scores this aggregates.
    #[must_use]
    pub fn model_fingerprint(&self) -> u64 {
        self.model
    }
}

fn band_index(band: HealthBand) -> usize {
    match band {
        HealthBand::AtRisk => 0,
        HealthBand::Neutral => 1,
        HealthBand::Healthy => 2,
    }
}

impl Aggregator for HealthAggregate {
    type Input = HealthScore;
    type Summary = HealthAggregateSummary;
    type Error = InputError;

    fn record(&mut self, score: HealthScore) -> Result<(), InputError> {
        self.check(&score)?;
        // value() is in [0, 100], so the fixed-point value is at most 10^8, and at most
        // MAX_COUNT of them sum to below 2^127 (squares: 10^16 each, below 2^117 in all).
        let micros = (score.value().clamp(0.0, 100.0) * MICROS).round() as u128;
        self.bands.record(band_index(score.band()));
        self.sum += micros;
        self.sum_squares += micros * micros;
        Ok(())
    }

    fn check(&self, score: &HealthScore) -> Result<(), InputError> {
        if score.model_fingerprint() == self.model {
            Ok(())
        } else {
            Err(InputError::ModelMismatch {
                expected: self.model,
                found: score.model_fingerprint(),
            })
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same(
            "health model",
            self.model,
            other.model,
            Setting::Fingerprint,
        )?;
        self.bands.merge(&other.bands)?;
        self.sum += other.sum;
        self.sum_squares += other.sum_squares;
        Ok(())
    }

    fn summary(&self) -> Option<HealthAggregateSummary> {
        (self.count() > 0).then_some(HealthAggregateSummary { book: *self })
    }

    fn count(&self) -> u64 {
        self.bands.total()
    }
}

/// The summary of a non-empty [`HealthAggregate`].
///
/// ```
/// use satisfaction::{Aggregator, HealthAggregate, HealthModel, Polarity};
///
/// let model = HealthModel::builder()
///     .linear("usage", 1.0, 0.0, 100.0, Polarity::HigherIsBetter)
///     .build()?;
/// let mut aggregate = HealthAggregate::new(&model);
/// for usage in [20.0, 45.0, 60.0, 80.0, 95.0] {
///     aggregate.record(model.score([("usage", usage)])?)?;
/// }
/// assert_eq!(
///     aggregate.summary().unwrap().to_string(),
///     "health mean 60.0 (95% CI 23.5 to 96.5, Student t); 2 at risk (40.0%, 95% CI 11.8% to \
///      76.9%, Wilson), 1 neutral, 2 healthy; n = 5"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct HealthAggregateSummary {
    book: HealthAggregate,
}

impl HealthAggregateSummary {
    /// Scores counted.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.book.count()
    }

    /// Mean health, 0-100.
    #[must_use]
    pub fn mean(&self) -> f64 {
        (self.book.sum as f64 / self.count() as f64 / MICROS).clamp(0.0, 100.0)
    }

    /// Sample standard deviation of the scores; `None` for a single score.
    #[must_use]
    pub fn std_dev(&self) -> Option<f64> {
        interval::integer_std_dev(self.count(), self.book.sum, self.book.sum_squares)
            .map(|sd| sd / MICROS)
    }

    /// Student t interval for the mean health, clamped to [0, 100]; the whole scale for one
    /// score.
    #[must_use]
    pub fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        interval::t_interval(
            self.mean(),
            self.std_dev(),
            self.count(),
            level,
            (0.0, 100.0),
        )
    }

    /// The anytime-valid confidence sequence of the mean health (scores rescaled to [0, 1]),
    /// tuned for `tuned_for` observations.
    fn mean_sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        let unit_sum = self.book.sum as f64 / TOP as f64;
        let unit = interval::sequence_unchecked(unit_sum, self.count(), level, tuned_for);
        Interval::clamped(100.0 * unit.lower(), 100.0 * unit.upper(), 0.0, 100.0)
    }

    /// Scores per band: `[at risk, neutral, healthy]`.
    #[must_use]
    pub fn band_counts(&self) -> [u64; 3] {
        *self.book.bands.as_array()
    }

    /// Scores in `band`.
    #[must_use]
    pub fn in_band(&self, band: HealthBand) -> u64 {
        self.band_counts()[band_index(band)]
    }

    fn at_risk(&self) -> Share {
        Share::new(self.in_band(HealthBand::AtRisk), self.count())
    }

    /// The share of scores at risk, in [0, 1].
    #[must_use]
    pub fn at_risk_share(&self) -> f64 {
        self.at_risk().value()
    }

    /// The confidence interval of the share at risk.
    #[must_use]
    pub fn at_risk_interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        self.at_risk().interval(level, method)
    }
}

/// The mean health score (the headline) by Welch's t, for summaries of the same model.
impl crate::compare::Compare for HealthAggregateSummary {
    fn compare(
        &self,
        other: &Self,
        level: ConfidenceLevel,
    ) -> Result<interval::Difference, CompareError> {
        same(
            "health model",
            self.book.model,
            other.book.model,
            Setting::Fingerprint,
        )?;
        let side = |s: &Self| (s.count(), s.mean(), s.std_dev());
        interval::welch_of(side(self), side(other), level)
            .ok_or_else(|| CompareError::welch_too_few(self.count(), other.count()))
    }
}

crate::summary::headline!(
    HealthAggregateSummary, "health mean",
    mean in (0.0, 100.0),
    mean_interval() by "Student t"
);

impl Sequential for HealthAggregateSummary {
    fn sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        self.mean_sequence(level, tuned_for)
    }
}

impl Report for HealthAggregateSummary {
    type Method = ProportionMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 10] = [
            Column::float("mean"),
            Column::float("mean_lower"),
            Column::float("mean_upper"),
            Column::share("at_risk_share"),
            Column::share("lower"),
            Column::share("upper"),
            Column::count("n"),
            Column::count("at_risk"),
            Column::count("neutral"),
            Column::count("healthy"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<ProportionMethod>) -> Vec<Value> {
        let mean = self.mean_interval(options.level);
        let risk = self.at_risk_interval(options.level, options.method);
        let [at_risk, neutral, healthy] = self.band_counts();
        vec![
            Value::Float(self.mean()),
            Value::Float(mean.lower()),
            Value::Float(mean.upper()),
            Value::Float(self.at_risk_share()),
            Value::Float(risk.lower()),
            Value::Float(risk.upper()),
            Value::Count(self.count()),
            Value::Count(at_risk),
            Value::Count(neutral),
            Value::Count(healthy),
        ]
    }
}

impl fmt::Display for HealthAggregateSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), ProportionMethod::default());
        let mean = self.mean_interval(level);
        let risk = self.at_risk_interval(level, method);
        let [at_risk, neutral, healthy] = self.band_counts();
        write!(
            f,
            "health mean {:.1} ({level} CI {:.1} to {:.1}, Student t); {at_risk} at risk ({}, \
             {level} CI {} to {}, {method}), {neutral} neutral, {healthy} healthy; n = {}",
            self.mean(),
            mean.lower(),
            mean.upper(),
            Percent(self.at_risk_share()),
            Percent(risk.lower()),
            Percent(risk.upper()),
            self.count()
        )
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::{HealthAggregate, HealthAggregateSummary};

    /// The serialised form of a [`HealthAggregate`]: fixed-point sums in millionths of a point.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct HealthState {
        version: u32,
        model_fingerprint: u64,
        at_risk: u64,
        neutral: u64,
        healthy: u64,
        sum_micros: u128,
        sum_squares_micros: u128,
    }

    impl From<HealthAggregate> for HealthState {
        fn from(h: HealthAggregate) -> Self {
            let [at_risk, neutral, healthy] = *h.bands.as_array();
            Self {
                version: crate::state::STATE_VERSION,
                model_fingerprint: h.model,
                at_risk,
                neutral,
                healthy,
                sum_micros: h.sum,
                sum_squares_micros: h.sum_squares,
            }
        }
    }

    crate::state::from_state!(HealthState => HealthAggregate, |s| {
        HealthAggregate::from_parts(
            s.model_fingerprint,
            [s.at_risk, s.neutral, s.healthy],
            s.sum_micros,
            s.sum_squares_micros,
        )
    });

    impl crate::state::SerialSummary for HealthAggregateSummary {
        const WHAT: &'static str = "health aggregate summary";
        type State = HealthAggregate;

        fn state(&self) -> HealthAggregate {
            self.book
        }
    }

    crate::state::serde_summary!(HealthAggregateSummary);
}

#[cfg(feature = "serde")]
use state::HealthState;
