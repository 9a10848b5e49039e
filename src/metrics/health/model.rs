//! The health model: measures, their weights and normalisations, the missing-measure policy and
//! the bands. Built once through [`HealthModelBuilder`], validated as a whole.
//!
//! (About 640 lines, a quarter of them the documentation of [`HealthModel`] and its builder:
//! one validated configuration, kept whole so that every rule it checks is read in one place.)

use std::fmt;

use crate::metrics::health::HealthError;
use crate::scale::Polarity;
use crate::sums::Sum;

use super::score::{Contribution, HealthScore};

/// How a raw measure value becomes a 0-100 sub-score.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Normalisation {
    /// Linear between `low` (0) and `high` (100), clamped outside; reversed for
    /// [`Polarity::LowerIsBetter`].
    Linear {
        /// The value that maps to 0 (100 when lower is better).
        low: f64,
        /// The value that maps to 100 (0 when lower is better).
        high: f64,
    },
    /// Good / Average / Poor tiers split at two thresholds `low < high`. Higher is better:
    /// below `low` is Poor, from `low` to below `high` Average, from `high` up Good. Lower is
    /// better: up to `low` Good, above `low` up to `high` Average, above `high` Poor.
    Tiers {
        /// The lower threshold.
        low: f64,
        /// The upper threshold.
        high: f64,
        /// Sub-score of the Good tier (default 100).
        good: f64,
        /// Sub-score of the Average tier (default 60).
        average: f64,
        /// Sub-score of the Poor tier (default 0).
        poor: f64,
    },
}

/// One named input of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    name: String,
    weight: f64,
    normalisation: Normalisation,
    polarity: Polarity,
}

impl Measure {
    /// The measure's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its weight, as given.
    #[must_use]
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Its normalisation.
    #[must_use]
    pub fn normalisation(&self) -> Normalisation {
        self.normalisation
    }

    /// Which end is good.
    #[must_use]
    pub fn polarity(&self) -> Polarity {
        self.polarity
    }

    /// The 0-100 sub-score of a raw value.
    #[must_use]
    pub fn normalise(&self, value: f64) -> f64 {
        let higher = matches!(self.polarity, Polarity::HigherIsBetter);
        match self.normalisation {
            Normalisation::Linear { low, high } => {
                let t = if value >= high {
                    1.0
                } else if value <= low {
                    0.0
                } else {
                    linear_position(value, low, high)
                };
                if higher { 100.0 * t } else { 100.0 - 100.0 * t }
            }
            Normalisation::Tiers {
                low,
                high,
                good,
                average,
                poor,
            } => {
                if higher {
                    if value >= high {
                        good
                    } else if value >= low {
                        average
                    } else {
                        poor
                    }
                } else if value <= low {
                    good
                } else if value <= high {
                    average
                } else {
                    poor
                }
            }
        }
    }
}

/// What a measure that is missing for a customer counts as.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub enum MissingPolicy {
    /// Leave it out and renormalise the remaining weights (the common default).
    #[default]
    Renormalise,
    /// Count it as a sub-score of 0.
    Zero,
    /// Count it as this neutral sub-score (0-100).
    Neutral(f64),
}

/// A health band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum HealthBand {
    /// Below the lower edge: at risk ("red").
    AtRisk,
    /// Between the edges ("yellow").
    Neutral,
    /// Above the upper edge ("green").
    Healthy,
}

impl fmt::Display for HealthBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Self::AtRisk => "at risk",
            Self::Neutral => "neutral",
            Self::Healthy => "healthy",
        })
    }
}

/// Which band a score exactly on an edge belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum EdgeRule {
    /// The band below: 50 is at risk, 75 neutral (0-50 / 50.x-75 / 75.x-100, the default,
    /// which errs towards flagging an account).
    #[default]
    BelongsBelow,
    /// The band above: 50 is neutral, 75 healthy.
    BelongsAbove,
}

/// The three bands, as two edges on the 0-100 scale and a rule for scores on an edge.
///
/// ```
/// use satisfaction::HealthBand;
/// use satisfaction::health::{EdgeRule, HealthBands};
///
/// let bands = HealthBands::default(); // edges 50 and 75, an edge belongs to the band below
/// assert_eq!(bands.band(50.0), HealthBand::AtRisk);
/// assert_eq!(bands.band(50.1), HealthBand::Neutral);
/// assert_eq!(bands.band(75.0), HealthBand::Neutral);
/// let above = HealthBands::new(40.0, 70.0, EdgeRule::BelongsAbove)?;
/// assert_eq!(above.band(70.0), HealthBand::Healthy);
/// assert!(HealthBands::new(75.0, 50.0, EdgeRule::BelongsAbove).is_err());
/// # Ok::<(), satisfaction::health::HealthError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HealthBands {
    lower: f64,
    upper: f64,
    rule: EdgeRule,
}

impl Default for HealthBands {
    fn default() -> Self {
        Self {
            lower: 50.0,
            upper: 75.0,
            rule: EdgeRule::BelongsBelow,
        }
    }
}

impl HealthBands {
    /// Bands with edges `lower` (at risk / neutral) and `upper` (neutral / healthy).
    ///
    /// # Errors
    ///
    /// [`HealthError::InvalidBands`] unless `0 < lower < upper < 100` (reversed or equal edges
    /// would make bands overlap or vanish).
    pub fn new(lower: f64, upper: f64, rule: EdgeRule) -> Result<Self, HealthError> {
        if !(lower > 0.0 && lower < upper && upper < 100.0) {
            return Err(HealthError::InvalidBands {
                at_risk_below: lower,
                healthy_from: upper,
            });
        }
        Ok(Self { lower, upper, rule })
    }

    /// How far a computed score may be from an edge and still count as on it: 10⁻⁹ points.
    ///
    /// A score is a ratio of sums of doubles; the model computes it to within a few units in
    /// the last place of the exact value (compensated sums, [`HealthModel::score`]), so a
    /// customer whose exact score is 75 scores 75. The tolerance is the second line of
    /// defence, for inputs that are themselves rounded decimals (weights of 0.1 and 0.3 are
    /// not exactly a third of each other in binary): a score within 10⁻⁹ points of an edge is
    /// reported as the edge and banded by the [`EdgeRule`]. No score is meaningful to that
    /// precision, and a band must not flip on the last bit.
    pub const EDGE_TOLERANCE: f64 = 1e-9;

    /// The score itself, or the edge it is within [`EDGE_TOLERANCE`](Self::EDGE_TOLERANCE) of.
    #[must_use]
    pub(crate) fn snap(&self, score: f64) -> f64 {
        [self.lower, self.upper]
            .into_iter()
            .find(|edge| (score - edge).abs() <= Self::EDGE_TOLERANCE)
            .unwrap_or(score)
    }

    /// The band of a 0-100 score. A score within
    /// [`EDGE_TOLERANCE`](Self::EDGE_TOLERANCE) of an edge is on it.
    #[must_use]
    pub fn band(&self, score: f64) -> HealthBand {
        let score = self.snap(score);
        let above = |edge: f64| match self.rule {
            EdgeRule::BelongsBelow => score > edge,
            EdgeRule::BelongsAbove => score >= edge,
        };
        if above(self.upper) {
            HealthBand::Healthy
        } else if above(self.lower) {
            HealthBand::Neutral
        } else {
            HealthBand::AtRisk
        }
    }

    /// The two edges.
    #[must_use]
    pub fn edges(&self) -> (f64, f64) {
        (self.lower, self.upper)
    }
}

/// A validated weighted health model: one 0-100 score per account from weighted, normalised
/// measures.
///
/// Customer-success platforms (Gainsight, Totango, ChurnZero, Catalyst) score accounts from
/// product usage, depth and breadth of usage, account growth, support interactions (more is
/// worse) and survey signals such as NPS and CSAT. The shape is always the same, and the model
/// makes every part of it explicit:
///
/// 1. Each measure is **normalised** to 0-100: linearly between two bounds (clamped), or by
///    Good / Average / Poor tiers (100 / 60 / 0 by default) at two thresholds
///    ([`Normalisation`]), with an explicit [`Polarity`].
/// 2. The score is the **weighted mean** Σ wᵢ mᵢ / Σ wᵢ over the measures that count. Weights
///    need only be positive; they are normalised into each measure's share.
/// 3. A **missing measure** follows the model's [`MissingPolicy`]: left out with the remaining
///    weights renormalised (the default), counted as 0, or counted as a stated neutral value. A
///    customer with no measure at all has no score, which is an error, not 0.
/// 4. The score falls into a **band** ([`HealthBands`]: at risk / neutral / healthy, edges 50
///    and 75 by default, an edge belonging to the band below unless [`EdgeRule`] says
///    otherwise).
///
/// Every score keeps each measure's [`Contribution`], so a person can see why an account is red.
/// [`HealthAggregate`](crate::HealthAggregate) summarises a book of accounts: mean health with a
/// Student t interval, counts per band, and the share at risk with a binomial interval. Models
/// are fingerprinted; scores and aggregates from different models never mix.
///
/// Survey summaries feed measures directly: an account's
/// [`NpsSummary::score`](crate::NpsSummary::score) is a value on −100..100, its
/// [`CsatSummary::satisfied_share`](crate::CsatSummary::satisfied_share) one on 0..1.
///
/// # Examples
///
/// ```
/// use satisfaction::{Aggregator, Csat, HealthModel, Nps, Polarity};
/// use satisfaction::health::MissingPolicy;
///
/// let model = HealthModel::builder()
///     .linear("seats_used_pct", 3.0, 20.0, 90.0, Polarity::HigherIsBetter)
///     .tiers("tickets_per_month", 1.0, 3.0, 10.0, Polarity::LowerIsBetter)
///     .linear("nps", 2.0, -100.0, 100.0, Polarity::HigherIsBetter)
///     .linear("csat", 1.0, 0.5, 1.0, Polarity::HigherIsBetter)
///     .missing(MissingPolicy::Neutral(50.0))
///     .build()?;
///
/// let mut nps = Nps::default();
/// nps.try_extend_from_slice(&[9, 10, 6, 8])?;
/// let mut csat = Csat::default();
/// csat.try_extend_from_slice(&[5, 4, 2])?;
/// let score = model.score([
///     ("seats_used_pct", 64.0),
///     ("tickets_per_month", 5.0),
///     ("nps", nps.summary().unwrap().score()),
///     ("csat", csat.summary().unwrap().satisfied_share()),
/// ])?;
/// println!("{score}");
/// let worst = score
///     .contributions()
///     .iter()
///     .max_by(|a, b| a.shortfall().total_cmp(&b.shortfall()))
///     .unwrap();
/// assert_eq!(worst.name(), "seats_used_pct");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The arithmetic of one score:
///
/// ```
/// use satisfaction::{HealthBand, HealthModel, Polarity};
/// use satisfaction::health::MissingPolicy;
///
/// let model = HealthModel::builder()
///     .linear("weekly_active_users", 3.0, 0.0, 50.0, Polarity::HigherIsBetter)
///     .tiers("open_tickets", 1.0, 2.0, 5.0, Polarity::LowerIsBetter)
///     .linear("nps", 2.0, -100.0, 100.0, Polarity::HigherIsBetter)
///     .missing(MissingPolicy::Renormalise)
///     .build()?;
///
/// let score = model.score([("weekly_active_users", 40.0), ("open_tickets", 4.0), ("nps", 20.0)])?;
/// // (3 × 80 + 1 × 60 + 2 × 60) / 6 = 70
/// assert!((score.value() - 70.0).abs() < 1e-9);
/// assert_eq!(score.band(), HealthBand::Neutral);
/// assert_eq!(score.contributions()[0].name(), "weekly_active_users");
/// # Ok::<(), satisfaction::health::HealthError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HealthModel {
    measures: Vec<Measure>,
    missing: MissingPolicy,
    bands: HealthBands,
    fingerprint: u64,
}

impl HealthModel {
    /// Starts a model.
    pub fn builder() -> HealthModelBuilder {
        HealthModelBuilder::default()
    }

    /// The measures, in the order they were added.
    #[must_use]
    pub fn measures(&self) -> &[Measure] {
        &self.measures
    }

    /// The missing-measure policy.
    #[must_use]
    pub fn missing_policy(&self) -> MissingPolicy {
        self.missing
    }

    /// The bands.
    #[must_use]
    pub fn bands(&self) -> HealthBands {
        self.bands
    }

    /// A 64-bit fingerprint of the model's definition (independent of measure order), carried
    /// by its scores and aggregates so that scores from different models are never mixed.
    #[must_use]
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Scores one customer from `(measure name, raw value)` pairs; measures not given are
    /// missing and follow the model's [`MissingPolicy`].
    ///
    /// # Errors
    ///
    /// [`HealthError::UnknownMeasure`], [`HealthError::RepeatedValue`],
    /// [`HealthError::InvalidValue`] (NaN or infinite), and
    /// [`HealthError::NoMeasuresPresent`] when none of the model's measures is given.
    pub fn score<I, K>(&self, values: I) -> Result<HealthScore, HealthError>
    where
        I: IntoIterator<Item = (K, f64)>,
        K: AsRef<str>,
    {
        let mut given: Vec<Option<f64>> = vec![None; self.measures.len()];
        for (name, value) in values {
            let name = name.as_ref();
            let Some(i) = self.measures.iter().position(|m| m.name == name) else {
                return Err(HealthError::UnknownMeasure {
                    name: name.to_owned(),
                    known: self
                        .measures
                        .iter()
                        .map(|m| m.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            };
            if !value.is_finite() {
                return Err(HealthError::InvalidValue {
                    measure: name.to_owned(),
                    value,
                });
            }
            if given[i].replace(value).is_some() {
                return Err(HealthError::RepeatedValue(name.to_owned()));
            }
        }
        if given.iter().all(Option::is_none) {
            return Err(HealthError::NoMeasuresPresent);
        }
        let sub_score = |i: usize| -> Option<f64> {
            match (given[i], self.missing) {
                (Some(v), _) => Some(self.measures[i].normalise(v)),
                (None, MissingPolicy::Renormalise) => None,
                (None, MissingPolicy::Zero) => Some(0.0),
                (None, MissingPolicy::Neutral(v)) => Some(v),
            }
        };
        let subs: Vec<Option<f64>> = (0..self.measures.len()).map(sub_score).collect();
        // The weighted mean Σ wᵢsᵢ / Σ wᵢ over the measures that count, with both sums
        // compensated (products' rounding errors included) and one division: within a few ulps
        // of the exact ratio, so a score that is exactly an edge computes as the edge. The
        // weights are first scaled by a power of two (exact), so that sums of weights as large
        // as 1e308 cannot overflow and weights as small as 1e-300 do not vanish.
        let counted = || {
            self.measures
                .iter()
                .zip(&subs)
                .filter_map(|(m, sub)| sub.map(|s| (m.weight, s)))
        };
        let scale = power_of_two_scale(counted().map(|(w, _)| w).fold(0.0, f64::max));
        let (mut points, mut weight) = (Sum::default(), Sum::default());
        for (w, s) in counted() {
            points.add_product(w * scale, s);
            weight.add(w * scale);
        }
        let total_weight = weight.value();
        let contributions: Vec<Contribution> = self
            .measures
            .iter()
            .zip(&subs)
            .zip(&given)
            .map(|((m, &sub), &value)| {
                let share = if sub.is_some() {
                    m.weight * scale / total_weight
                } else {
                    0.0
                };
                Contribution::new(m.name.clone(), value, sub, share)
            })
            .collect();
        let value = self
            .bands
            .snap((points.value() / total_weight).clamp(0.0, 100.0));
        Ok(HealthScore::new(
            value,
            self.bands.band(value),
            contributions,
            self.fingerprint,
        ))
    }
}

/// Builds a [`HealthModel`]; every check happens in [`build`](Self::build).
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct HealthModelBuilder {
    measures: Vec<Measure>,
    missing: MissingPolicy,
    bands: HealthBands,
}

impl HealthModelBuilder {
    /// Adds a measure normalised linearly between `low` and `high`.
    pub fn linear(
        self,
        name: impl Into<String>,
        weight: f64,
        low: f64,
        high: f64,
        polarity: Polarity,
    ) -> Self {
        self.measure(name, weight, Normalisation::Linear { low, high }, polarity)
    }

    /// Adds a measure scored Good / Average / Poor = 100 / 60 / 0 at thresholds `low < high`
    /// (see [`Normalisation::Tiers`]).
    pub fn tiers(
        self,
        name: impl Into<String>,
        weight: f64,
        low: f64,
        high: f64,
        polarity: Polarity,
    ) -> Self {
        self.measure(
            name,
            weight,
            Normalisation::Tiers {
                low,
                high,
                good: 100.0,
                average: 60.0,
                poor: 0.0,
            },
            polarity,
        )
    }

    /// Adds a measure with any normalisation.
    pub fn measure(
        mut self,
        name: impl Into<String>,
        weight: f64,
        normalisation: Normalisation,
        polarity: Polarity,
    ) -> Self {
        self.measures.push(Measure {
            name: name.into(),
            weight,
            normalisation,
            polarity,
        });
        self
    }

    /// Sets the missing-measure policy (default [`MissingPolicy::Renormalise`]).
    pub fn missing(mut self, policy: MissingPolicy) -> Self {
        self.missing = policy;
        self
    }

    /// Sets the bands (default: edges 50 and 75, an edge belongs to the band below).
    pub fn bands(mut self, bands: HealthBands) -> Self {
        self.bands = bands;
        self
    }

    /// Validates and builds the model.
    ///
    /// # Errors
    ///
    /// [`HealthError::NoMeasures`], [`HealthError::DuplicateMeasure`],
    /// [`HealthError::InvalidWeight`], [`HealthError::InvalidBounds`] (NaN, infinite, reversed
    /// or equal bounds or thresholds), [`HealthError::OutOfScale`] (tier scores or the neutral
    /// value outside 0-100).
    pub fn build(self) -> Result<HealthModel, HealthError> {
        if self.measures.is_empty() {
            return Err(HealthError::NoMeasures);
        }
        for (i, m) in self.measures.iter().enumerate() {
            if self.measures[..i].iter().any(|other| other.name == m.name) {
                return Err(HealthError::DuplicateMeasure(m.name.clone()));
            }
            if !(m.weight > 0.0 && m.weight.is_finite()) {
                return Err(HealthError::InvalidWeight {
                    measure: m.name.clone(),
                    weight: m.weight,
                });
            }
            let (low, high) = match m.normalisation {
                Normalisation::Linear { low, high } => (low, high),
                Normalisation::Tiers {
                    low,
                    high,
                    good,
                    average,
                    poor,
                } => {
                    for (what, value) in [
                        ("the Good tier score", good),
                        ("the Average tier score", average),
                        ("the Poor tier score", poor),
                    ] {
                        check_points(what, value)?;
                    }
                    (low, high)
                }
            };
            if !(low.is_finite() && high.is_finite() && low < high) {
                return Err(HealthError::InvalidBounds {
                    measure: m.name.clone(),
                    low,
                    high,
                });
            }
        }
        if let MissingPolicy::Neutral(value) = self.missing {
            check_points("the neutral value for missing measures", value)?;
        }
        let fingerprint = fingerprint(&self.measures, self.missing, self.bands);
        Ok(HealthModel {
            measures: self.measures,
            missing: self.missing,
            bands: self.bands,
            fingerprint,
        })
    }
}

/// Where `value` lies between `low < value < high`, as a fraction of the way: the differences
/// are taken directly when they are finite (one rounding each, so a value exactly three
/// quarters of the way gives exactly 0.75), in halves when bounds as far apart as ±1e308 would
/// overflow them.
fn linear_position(value: f64, low: f64, high: f64) -> f64 {
    let span = high - low;
    let t = if span.is_finite() {
        (value - low) / span
    } else {
        (value / 2.0 - low / 2.0) / (high / 2.0 - low / 2.0)
    };
    t.clamp(0.0, 1.0)
}

/// 2⁻ᵉ for the exponent `e` of `largest` (clamped so the factor stays finite): multiplying
/// by it is exact and brings the largest weight into [1, 2).
fn power_of_two_scale(largest: f64) -> f64 {
    let biased = i32::try_from((largest.to_bits() >> 52) & 0x7ff).unwrap_or(1023);
    2f64.powi(-(biased - 1023).max(-1000))
}

fn check_points(what: &'static str, value: f64) -> Result<(), HealthError> {
    if (0.0..=100.0).contains(&value) {
        Ok(())
    } else {
        Err(HealthError::OutOfScale { what, value })
    }
}

/// FNV-1a over a canonical encoding of the model, measures sorted by name: stable across
/// platforms and releases (unlike `std`'s hasher), so it can travel with serialised state.
fn fingerprint(measures: &[Measure], missing: MissingPolicy, bands: HealthBands) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    let mut sorted: Vec<&Measure> = measures.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for m in sorted {
        eat(&(m.name.len() as u64).to_le_bytes());
        eat(m.name.as_bytes());
        eat(&m.weight.to_bits().to_le_bytes());
        eat(&[u8::from(matches!(m.polarity, Polarity::HigherIsBetter))]);
        match m.normalisation {
            Normalisation::Linear { low, high } => {
                eat(&[0]);
                eat(&low.to_bits().to_le_bytes());
                eat(&high.to_bits().to_le_bytes());
            }
            Normalisation::Tiers {
                low,
                high,
                good,
                average,
                poor,
            } => {
                eat(&[1]);
                for x in [low, high, good, average, poor] {
                    eat(&x.to_bits().to_le_bytes());
                }
            }
        }
    }
    match missing {
        MissingPolicy::Renormalise => eat(&[0]),
        MissingPolicy::Zero => eat(&[1]),
        MissingPolicy::Neutral(v) => {
            eat(&[2]);
            eat(&v.to_bits().to_le_bytes());
        }
    }
    eat(&bands.lower.to_bits().to_le_bytes());
    eat(&bands.upper.to_bits().to_le_bytes());
    eat(&[u8::from(bands.rule == EdgeRule::BelongsBelow)]);
    hash
}
