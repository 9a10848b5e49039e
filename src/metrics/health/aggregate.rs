//! A portfolio of health scores: mean health, accounts per band, and the share at risk.

use std::fmt;

use crate::aggregator::Aggregator;
use crate::display::Percent;
use crate::error::MergeError;
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};

use super::model::{HealthBand, HealthModel};
use super::score::HealthScore;

/// Scores are summed in fixed point, millionths of a point, so that sums are integers: merges
/// are exact and order-free, and the mean is exact to 10^-6 points.
const MICROS: f64 = 1e6;

/// Aggregates the health scores of many customers scored by one model.
///
/// A score from another model (told apart by [`HealthModel::fingerprint`]) is not counted; it
/// is tallied in [`HealthAggregateSummary::rejected`]. Merging aggregates of different models
/// is an error.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, HealthAggregate, HealthModel, Polarity};
///
/// let model = HealthModel::builder()
///     .linear("usage", 1.0, 0.0, 100.0, Polarity::HigherIsBetter)
///     .build()?;
/// let mut book = HealthAggregate::new(&model);
/// for usage in [20.0, 45.0, 60.0, 80.0, 95.0] {
///     book.push(model.score([("usage", usage)])?);
/// }
/// let summary = book.summary().unwrap();
/// assert_eq!(summary.mean(), 60.0);
/// assert_eq!(summary.band_counts(), [2, 1, 2]); // at risk, neutral, healthy
/// assert_eq!(summary.at_risk_share(), 0.4);
/// assert!(summary.mean_interval(ConfidenceLevel::P95).contains(60.0));
/// # Ok::<(), satisfaction::HealthError>(())
/// ```
///
/// State: `size_of::<HealthAggregate>() == 80` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "HealthState", into = "HealthState")
)]
pub struct HealthAggregate {
    model: u64,
    bands: [u64; 3],
    sum: u128,
    sum_squares: u128,
    rejected: u64,
}

impl HealthAggregate {
    /// An empty aggregate for scores of `model`.
    #[must_use]
    pub fn new(model: &HealthModel) -> Self {
        Self {
            model: model.fingerprint(),
            bands: [0; 3],
            sum: 0,
            sum_squares: 0,
            rejected: 0,
        }
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

    fn push(&mut self, score: HealthScore) {
        if score.model_fingerprint() != self.model {
            self.rejected = self.rejected.saturating_add(1);
            return;
        }
        // value() is in [0, 100], so the fixed-point value is at most 10^8.
        let micros = (score.value() * MICROS).round() as u128;
        let slot = &mut self.bands[band_index(score.band())];
        *slot = slot.saturating_add(1);
        self.sum = self.sum.saturating_add(micros);
        self.sum_squares = self.sum_squares.saturating_add(micros * micros);
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.model != other.model {
            return Err(MergeError::ConfigurationMismatch {
                setting: "health model",
                left: format!("{:016x}", self.model),
                right: format!("{:016x}", other.model),
            });
        }
        crate::aggregator::check_merge_total(self.count(), other.count())?;
        for (mine, theirs) in self.bands.iter_mut().zip(other.bands) {
            *mine += theirs;
        }
        // At most 2^63 scores of at most 10^8 (10^16 squared): no overflow in u128.
        self.sum += other.sum;
        self.sum_squares += other.sum_squares;
        self.rejected = self.rejected.saturating_add(other.rejected);
        Ok(())
    }

    fn summary(&self) -> Option<HealthAggregateSummary> {
        (self.count() > 0).then_some(HealthAggregateSummary { book: *self })
    }

    /// Scores counted (rejected ones are not).
    fn count(&self) -> u64 {
        self.bands.iter().fold(0u64, |t, &c| t.saturating_add(c))
    }
}

impl Extend<HealthScore> for HealthAggregate {
    fn extend<I: IntoIterator<Item = HealthScore>>(&mut self, scores: I) {
        for score in scores {
            self.push(score);
        }
    }
}

impl<'a> Extend<&'a HealthScore> for HealthAggregate {
    fn extend<I: IntoIterator<Item = &'a HealthScore>>(&mut self, scores: I) {
        self.extend(scores.into_iter().cloned());
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
/// let book: Vec<_> = [20.0, 45.0, 60.0, 80.0, 95.0]
///     .iter()
///     .map(|&u| model.score([("usage", u)]))
///     .collect::<Result<_, _>>()?;
/// let mut aggregate = HealthAggregate::new(&model);
/// aggregate.extend(&book);
/// assert_eq!(
///     aggregate.summary().unwrap().to_string(),
///     "health mean 60.0 (95% CI 23.5 to 96.5, Student t); 2 at risk (40.0%, 95% CI 11.8% to \
///      76.9%, Wilson), 1 neutral, 2 healthy; n = 5"
/// );
/// # Ok::<(), satisfaction::HealthError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

    /// Scores from another model that were pushed and not counted.
    #[must_use]
    pub fn rejected(&self) -> u64 {
        self.book.rejected
    }

    /// Mean health, 0-100.
    #[must_use]
    pub fn mean(&self) -> f64 {
        self.book.sum as f64 / self.count() as f64 / MICROS
    }

    /// Sample standard deviation of the scores; `None` for a single score.
    #[must_use]
    pub fn std_dev(&self) -> Option<f64> {
        let n = u128::from(self.count());
        if n < 2 {
            return None;
        }
        // n Σx² − (Σx)² in exact integers while the products fit in a u128 (up to about 10^11
        // scores); beyond that in f64.
        let spread = n
            .checked_mul(self.book.sum_squares)
            .and_then(|a| self.book.sum.checked_mul(self.book.sum).map(|b| (a, b)))
            .map(|(a, b)| a.saturating_sub(b) as f64)
            .unwrap_or_else(|| {
                let (n, s, ss) = (n as f64, self.book.sum as f64, self.book.sum_squares as f64);
                (n * ss - s * s).max(0.0)
            });
        let n = n as f64;
        Some((spread / (n * (n - 1.0))).sqrt() / MICROS)
    }

    /// Student t interval for the mean health, clamped to [0, 100]; the whole scale for one
    /// score.
    #[must_use]
    pub fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        let mean = self.mean();
        match self.std_dev() {
            Some(sd) => {
                let half = interval::mean_half_width(self.count(), sd, level);
                Interval::clamped(mean - half, mean + half, 0.0, 100.0)
            }
            None => Interval::clamped(0.0, 100.0, 0.0, 100.0),
        }
    }

    /// Scores per band: `[at risk, neutral, healthy]`.
    #[must_use]
    pub fn band_counts(&self) -> [u64; 3] {
        self.book.bands
    }

    /// Scores in `band`.
    #[must_use]
    pub fn in_band(&self, band: HealthBand) -> u64 {
        self.book.bands[band_index(band)]
    }

    /// The share of scores at risk, in [0, 1].
    #[must_use]
    pub fn at_risk_share(&self) -> f64 {
        self.book.bands[0] as f64 / self.count() as f64
    }

    /// The confidence interval of the share at risk.
    #[must_use]
    pub fn at_risk_interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        interval::proportion_unchecked(self.book.bands[0], self.count(), level, method)
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
    use super::{HealthAggregate, MICROS};
    use crate::error::StateError;
    use crate::state::check_version;

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
        rejected: u64,
    }

    impl From<HealthAggregate> for HealthState {
        fn from(h: HealthAggregate) -> Self {
            Self {
                version: crate::STATE_VERSION,
                model_fingerprint: h.model,
                at_risk: h.bands[0],
                neutral: h.bands[1],
                healthy: h.bands[2],
                sum_micros: h.sum,
                sum_squares_micros: h.sum_squares,
                rejected: h.rejected,
            }
        }
    }

    impl TryFrom<HealthState> for HealthAggregate {
        type Error = StateError;

        fn try_from(s: HealthState) -> Result<Self, StateError> {
            check_version(s.version)?;
            let n = u128::from(s.at_risk) + u128::from(s.neutral) + u128::from(s.healthy);
            if n > u128::from(crate::MAX_COUNT) {
                return Err(crate::state::too_many());
            }
            let top = (100.0 * MICROS) as u128;
            // Every score is in [0, 10^8] micro-points: Σx ≤ 10^8 n and Σx² ≤ 10^8 Σx.
            if s.sum_micros > top * n || s.sum_squares_micros > top * s.sum_micros {
                return Err(StateError::Inconsistent(
                    "health aggregate: sums outside what its scores can add up to".into(),
                ));
            }
            Ok(Self {
                model: s.model_fingerprint,
                bands: [s.at_risk, s.neutral, s.healthy],
                sum: s.sum_micros,
                sum_squares: s.sum_squares_micros,
                rejected: s.rejected,
            })
        }
    }
}

#[cfg(feature = "serde")]
use state::HealthState;
