//! Weighted customer health: one 0-100 score per account from weighted, normalised measures,
//! and a portfolio view of many accounts.
//!
//! Customer-success platforms (Gainsight, Totango, ChurnZero, Catalyst) score accounts from
//! product usage, depth and breadth of usage, account growth, support interactions (more is
//! worse) and survey signals such as NPS and CSAT. The shape is always the same, and this
//! module makes every part of it explicit:
//!
//! 1. Each measure is **normalised** to 0-100: linearly between two bounds (clamped), or by
//!    Good / Average / Poor tiers (100 / 60 / 0 by default) at two thresholds
//!    ([`Normalisation`]), with an explicit [`Polarity`](crate::Polarity).
//! 2. The score is the **weighted mean** Σ wᵢ mᵢ / Σ wᵢ over the measures that count. Weights
//!    need only be positive; they are normalised into each measure's share.
//! 3. A **missing measure** follows the model's [`MissingPolicy`]: left out with the remaining
//!    weights renormalised (the default), counted as 0, or counted as a stated neutral value. A
//!    customer with no measure at all has no score, which is an error, not 0.
//! 4. The score falls into a **band** ([`HealthBands`]: at risk / neutral / healthy, edges 50
//!    and 75 by default, an edge belonging to the band below unless [`EdgeRule`] says otherwise).
//!
//! Every score keeps each measure's [`Contribution`], so a person can see why an account is red.
//! [`HealthAggregate`] summarises a book of accounts: mean health with a Student t interval,
//! counts per band, and the share at risk with a binomial interval. Models are fingerprinted;
//! scores and aggregates from different models never mix.
//!
//! Survey summaries feed measures directly: an account's [`NpsSummary::score`](crate::NpsSummary::score)
//! is a value on −100..100, its [`CsatSummary::satisfied_share`](crate::CsatSummary::satisfied_share)
//! one on 0..1.
//!
//! ```
//! use satisfaction::{Aggregator, Csat, HealthModel, MissingPolicy, Nps, Polarity};
//!
//! let model = HealthModel::builder()
//!     .linear("seats_used_pct", 3.0, 20.0, 90.0, Polarity::HigherIsBetter)
//!     .tiers("tickets_per_month", 1.0, 3.0, 10.0, Polarity::LowerIsBetter)
//!     .linear("nps", 2.0, -100.0, 100.0, Polarity::HigherIsBetter)
//!     .linear("csat", 1.0, 0.5, 1.0, Polarity::HigherIsBetter)
//!     .missing(MissingPolicy::Neutral(50.0))
//!     .build()?;
//!
//! let mut nps = Nps::default();
//! nps.try_extend_from_slice(&[9, 10, 6, 8])?;
//! let mut csat = Csat::default();
//! csat.try_extend_from_slice(&[5, 4, 2])?;
//! let score = model.score([
//!     ("seats_used_pct", 64.0),
//!     ("tickets_per_month", 5.0),
//!     ("nps", nps.summary().unwrap().score()),
//!     ("csat", csat.summary().unwrap().satisfied_share()),
//! ])?;
//! println!("{score}");
//! let worst = score
//!     .contributions()
//!     .iter()
//!     .max_by(|a, b| a.shortfall().total_cmp(&b.shortfall()))
//!     .unwrap();
//! assert_eq!(worst.name(), "seats_used_pct");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod aggregate;
mod error;
mod model;
mod score;

pub use aggregate::{HealthAggregate, HealthAggregateSummary};
pub use error::HealthError;
pub use model::{
    EdgeRule, HealthBand, HealthBands, HealthModel, HealthModelBuilder, Measure, MissingPolicy,
    Normalisation,
};
pub use score::{Contribution, HealthScore};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HealthError;
    use crate::scale::Polarity;

    fn model(missing: MissingPolicy) -> HealthModel {
        HealthModel::builder()
            .linear("a", 1.0, 0.0, 10.0, Polarity::HigherIsBetter)
            .linear("b", 3.0, 0.0, 10.0, Polarity::LowerIsBetter)
            .missing(missing)
            .build()
            .unwrap()
    }

    #[test]
    fn missing_policies() {
        let renormalise = model(MissingPolicy::Renormalise)
            .score([("a", 5.0)])
            .unwrap();
        assert_eq!(renormalise.value(), 50.0);
        let zero = model(MissingPolicy::Zero).score([("a", 5.0)]).unwrap();
        assert_eq!(zero.value(), 12.5);
        let neutral = model(MissingPolicy::Neutral(60.0))
            .score([("a", 5.0)])
            .unwrap();
        assert_eq!(neutral.value(), 0.25 * 50.0 + 0.75 * 60.0);
        let none: [(&str, f64); 0] = [];
        assert_eq!(
            model(MissingPolicy::Zero).score(none),
            Err(HealthError::NoMeasuresPresent)
        );
    }

    #[test]
    fn invalid_models_and_values() {
        let p = Polarity::HigherIsBetter;
        let bad = [
            HealthModel::builder().build(),
            HealthModel::builder()
                .linear("a", 1.0, 0.0, 1.0, p)
                .linear("a", 1.0, 0.0, 1.0, p)
                .build(),
            HealthModel::builder()
                .linear("a", f64::NAN, 0.0, 1.0, p)
                .build(),
            HealthModel::builder()
                .linear("a", -1.0, 0.0, 1.0, p)
                .build(),
            HealthModel::builder().linear("a", 1.0, 1.0, 1.0, p).build(),
            HealthModel::builder().linear("a", 1.0, 2.0, 1.0, p).build(),
            HealthModel::builder()
                .linear("a", 1.0, f64::NAN, 1.0, p)
                .build(),
            HealthModel::builder()
                .linear("a", 1.0, 0.0, f64::INFINITY, p)
                .build(),
            HealthModel::builder()
                .linear("a", 1.0, 0.0, 1.0, p)
                .missing(MissingPolicy::Neutral(101.0))
                .build(),
            HealthModel::builder()
                .measure(
                    "a",
                    1.0,
                    Normalisation::Tiers {
                        low: 0.0,
                        high: 1.0,
                        good: 100.0,
                        average: f64::NAN,
                        poor: 0.0,
                    },
                    p,
                )
                .build(),
        ];
        for result in bad {
            assert!(result.is_err(), "{result:?}");
        }
        let m = model(MissingPolicy::Renormalise);
        assert!(matches!(
            m.score([("c", 1.0)]),
            Err(HealthError::UnknownMeasure { .. })
        ));
        assert!(matches!(
            m.score([("a", f64::NAN)]),
            Err(HealthError::InvalidValue { .. })
        ));
        assert!(matches!(
            m.score([("a", 1.0), ("a", 2.0)]),
            Err(HealthError::RepeatedValue(_))
        ));
    }

    #[test]
    fn tiers_follow_polarity() {
        let m = HealthModel::builder()
            .tiers("up", 1.0, 3.0, 7.0, Polarity::HigherIsBetter)
            .build()
            .unwrap();
        let down = HealthModel::builder()
            .tiers("down", 1.0, 3.0, 7.0, Polarity::LowerIsBetter)
            .build()
            .unwrap();
        let up = |x| m.score([("up", x)]).unwrap().value();
        let dn = |x| down.score([("down", x)]).unwrap().value();
        assert_eq!(
            (up(2.9), up(3.0), up(6.9), up(7.0)),
            (0.0, 60.0, 60.0, 100.0)
        );
        assert_eq!(
            (dn(3.0), dn(3.1), dn(7.0), dn(7.1)),
            (100.0, 60.0, 60.0, 0.0)
        );
    }

    #[test]
    fn aggregates_of_different_models_do_not_mix() {
        let (one, other) = (
            model(MissingPolicy::Renormalise),
            model(MissingPolicy::Zero),
        );
        assert_ne!(one.fingerprint(), other.fingerprint());
        let mut book = HealthAggregate::new(&one);
        let foreign = other.score([("a", 1.0)]).unwrap();
        assert!(matches!(
            crate::Aggregator::record(&mut book, foreign),
            Err(crate::InputError::ModelMismatch { .. })
        ));
        assert_eq!(crate::Aggregator::count(&book), 0);
        let before = book;
        assert!(crate::Aggregator::merge(&mut book, &HealthAggregate::new(&other)).is_err());
        assert_eq!(book, before);
    }
}
