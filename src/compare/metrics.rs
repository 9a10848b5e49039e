//! [`Compare`] for the metrics' summaries: each by the test that goes with its default
//! interval. The share summaries (yes/no, churn, abandonment, FCR, response rate) get theirs
//! from `share_summary!`, the health aggregate's beside its model check.

use super::{Compare, CompareError};
use crate::interval::{ConfidenceLevel, Difference, NpsMethod};
use crate::metrics::ces::CesSummary;
use crate::metrics::csat::CsatSummary;
use crate::metrics::nps::NpsSummary;
use crate::weighting::{
    WeightedCesSummary, WeightedCsatSummary, WeightedNpsSummary, WeightedProportionSummary,
};

/// The MOVER difference of the two Tango score intervals (the default NPS interval), whose
/// p-value agrees with the interval.
impl Compare for NpsSummary {
    fn compare(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, CompareError> {
        Ok(self.difference(other, level, NpsMethod::default()))
    }
}

/// The satisfied share (the headline): Newcombe hybrid score interval, pooled z-test.
impl Compare for CsatSummary {
    fn compare(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, CompareError> {
        self.share_difference(other, level)
    }
}

/// The mean effort (the headline): Welch's t.
impl Compare for CesSummary {
    fn compare(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, CompareError> {
        self.mean_difference(other, level)
    }
}

/// Normal on the linearised standard errors of the weighted scores.
impl Compare for WeightedNpsSummary {
    fn compare(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, CompareError> {
        Ok(self.difference(other, level))
    }
}

/// The weighted satisfied share: normal on the linearised standard errors.
impl Compare for WeightedCsatSummary {
    fn compare(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, CompareError> {
        self.share_difference(other, level)
    }
}

/// The weighted mean effort rating (the headline): normal on the linearised standard errors.
impl Compare for WeightedCesSummary {
    fn compare(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, CompareError> {
        self.mean_difference(other, level)
    }
}

/// Normal on the linearised standard errors of the weighted shares.
impl Compare for WeightedProportionSummary {
    fn compare(&self, other: &Self, level: ConfidenceLevel) -> Result<Difference, CompareError> {
        Ok(self.difference(other, level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregator::Aggregator;
    use crate::metrics::ces::Ces;
    use crate::metrics::nps::Nps;
    use crate::scale::CesScale;

    #[test]
    fn nps_compares_by_its_default_difference() {
        let a = Nps::from_counts(10, 20, 30).unwrap().summary().unwrap();
        let b = Nps::from_counts(20, 30, 50).unwrap().summary().unwrap();
        let level = ConfidenceLevel::P95;
        assert_eq!(
            a.compare(&b, level).unwrap(),
            a.difference(&b, level, NpsMethod::default())
        );
    }

    #[test]
    fn ces_needs_two_answers_a_side() {
        let mut one = Ces::new(CesScale::AGREEMENT_7);
        one.try_push(3).unwrap();
        let mut two = Ces::new(CesScale::AGREEMENT_7);
        two.try_extend_from_slice(&[3, 5]).unwrap();
        let (one, two) = (one.summary().unwrap(), two.summary().unwrap());
        assert!(matches!(
            one.compare(&two, ConfidenceLevel::P95),
            Err(CompareError::TooFewObservations { .. })
        ));
    }
}
