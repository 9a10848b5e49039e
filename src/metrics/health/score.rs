//! One customer's health score and why it is what it is.

use std::fmt;

use super::model::HealthBand;

/// What one measure added to a customer's score.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Contribution {
    name: String,
    value: Option<f64>,
    sub_score: Option<f64>,
    share: f64,
}

impl Contribution {
    pub(super) fn new(
        name: String,
        value: Option<f64>,
        sub_score: Option<f64>,
        share: f64,
    ) -> Self {
        Self {
            name,
            value,
            sub_score,
            share,
        }
    }

    /// The measure's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The raw value given, `None` when the measure was missing.
    #[must_use]
    pub fn value(&self) -> Option<f64> {
        self.value
    }

    /// The 0-100 sub-score used: the normalised value, or the missing policy's stand-in;
    /// `None` when the measure was missing and left out.
    #[must_use]
    pub fn sub_score(&self) -> Option<f64> {
        self.sub_score
    }

    /// The measure's share of the total weight in this score (0 when left out).
    #[must_use]
    pub fn weight_share(&self) -> f64 {
        self.share
    }

    /// Points this measure added to the 0-100 score: weight share × sub-score. The points of
    /// all measures add up to the score (up to rounding: the score itself is computed as one
    /// compensated ratio, see [`HealthModel::score`](super::HealthModel::score)).
    #[must_use]
    pub fn points(&self) -> f64 {
        self.share * self.sub_score.unwrap_or(0.0)
    }

    /// Points lost against a perfect sub-score of 100: where to look first on a red account.
    #[must_use]
    pub fn shortfall(&self) -> f64 {
        self.share * (100.0 - self.sub_score.unwrap_or(100.0))
    }

    /// `true` when the measure was not given for this customer.
    #[must_use]
    pub fn is_missing(&self) -> bool {
        self.value.is_none()
    }
}

/// A customer's health: the 0-100 score, its band, and each measure's contribution.
///
/// ```
/// use satisfaction::{HealthBand, HealthModel, Polarity};
/// use satisfaction::health::MissingPolicy;
///
/// let model = HealthModel::builder()
///     .linear("usage", 1.0, 0.0, 100.0, Polarity::HigherIsBetter)
///     .linear("tickets", 1.0, 0.0, 10.0, Polarity::LowerIsBetter)
///     .build()?;
/// let score = model.score([("usage", 30.0)])?; // tickets missing: left out, weights renormalised
/// assert_eq!(score.value(), 30.0);
/// assert_eq!(score.band(), HealthBand::AtRisk);
/// assert_eq!(score.missing().collect::<Vec<_>>(), ["tickets"]);
/// assert_eq!(score.to_string(), "health 30.0 (at risk); usage 30.0 pts of 100.0; missing: tickets");
/// # Ok::<(), satisfaction::health::HealthError>(())
/// ```
///
/// With the `serde` feature a score serialises (write-only) as its value, band, per-measure
/// contributions and the fingerprint of the model that computed it: an account's health card
/// for a dashboard. It is not read back: a score is recomputed from its model and the
/// account's measures, and the aggregate of many scores ([`HealthAggregate`]) serialises
/// both ways.
///
/// [`HealthAggregate`]: crate::HealthAggregate
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HealthScore {
    value: f64,
    band: HealthBand,
    contributions: Vec<Contribution>,
    model: u64,
}

impl HealthScore {
    pub(super) fn new(
        value: f64,
        band: HealthBand,
        contributions: Vec<Contribution>,
        model: u64,
    ) -> Self {
        Self {
            value,
            band,
            contributions,
            model,
        }
    }

    /// The score, 0-100.
    #[must_use]
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The band the score falls in.
    #[must_use]
    pub fn band(&self) -> HealthBand {
        self.band
    }

    /// One contribution per measure of the model, in the model's order.
    #[must_use]
    pub fn contributions(&self) -> &[Contribution] {
        &self.contributions
    }

    /// The names of the measures that were not given.
    pub fn missing(&self) -> impl Iterator<Item = &str> {
        self.contributions
            .iter()
            .filter(|c| c.is_missing())
            .map(Contribution::name)
    }

    /// The fingerprint of the model that produced the score.
    #[must_use]
    pub fn model_fingerprint(&self) -> u64 {
        self.model
    }
}

impl fmt::Display for HealthScore {
    /// The score, its band, each present measure's points and weight ceiling, and the missing
    /// measures.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "health {:.1} ({})", self.value, self.band)?;
        for c in self.contributions.iter().filter(|c| c.sub_score.is_some()) {
            write!(
                f,
                "; {} {:.1} pts of {:.1}",
                c.name,
                c.points(),
                100.0 * c.share
            )?;
        }
        let missing: Vec<&str> = self.missing().collect();
        if !missing.is_empty() {
            write!(f, "; missing: {}", missing.join(", "))?;
        }
        Ok(())
    }
}
