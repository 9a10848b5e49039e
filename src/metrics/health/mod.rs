//! Weighted customer health: [`HealthModel`] scores one account (`model.rs`, `score.rs`),
//! [`HealthAggregate`] summarises many (`aggregate.rs`). The user-facing documentation is on
//! [`HealthModel`].

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
    use crate::metrics::health::HealthError;
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
            crate::aggregator::Aggregator::record(&mut book, foreign),
            Err(crate::error::InputError::ModelMismatch { .. })
        ));
        assert_eq!(crate::aggregator::Aggregator::count(&book), 0);
        let before = book;
        assert!(
            crate::aggregator::Aggregator::merge(&mut book, &HealthAggregate::new(&other)).is_err()
        );
        assert_eq!(book, before);
    }
}
