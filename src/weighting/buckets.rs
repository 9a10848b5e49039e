//! Per-bucket count, sum of weights and sum of squared weights: the whole state of a weighted
//! aggregator, and all that the linearised variance of a bucketed mean needs.
//!
//! For a one-stage design with weights only (R: `svydesign(ids = ~1, weights = ~w)`), the
//! weighted mean is `ȳ = Σ wᵢyᵢ / W` with `W = Σ wᵢ`. Its linearised (Taylor) variance treats
//! the influence values `zᵢ = wᵢ (yᵢ − ȳ) / W` as with-replacement draws of n primary units
//! (Lumley 2010, *Complex Surveys*, §2.2 and appendix C; R `survey::svyrecvar`):
//!
//! ```text
//! v(ȳ) = n / (n − 1) · Σ (zᵢ − z̄)²,      z̄ = 0 because Σ wᵢ (yᵢ − ȳ) = 0.
//! ```
//!
//! When y takes one value `v_b` per bucket b (NPS: −100, 0, +100; a rating; 0 or 1), the sum
//! regroups by bucket: `Σᵢ wᵢ² (yᵢ − ȳ)² = Σ_b Q_b (v_b − ȳ)²` with `Q_b` the bucket's sum of
//! squared weights. So a bucket keeps `n_b`, `W_b = Σ w` and `Q_b = Σ w²`, merging is addition,
//! and Kish's effective sample size `W² / Q` (Kish 1965, *Survey Sampling*, §11.7) comes free.

use crate::error::MergeError;

use super::weight::Weight;
use crate::sums::Sum;

/// One bucket: how many responses, their total weight and their total squared weight.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Bucket {
    count: u64,
    weight: Sum,
    square: Sum,
}

impl Bucket {
    pub(crate) fn count(&self) -> u64 {
        self.count
    }

    pub(crate) fn weight(&self) -> f64 {
        self.weight.value()
    }

    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn square(&self) -> f64 {
        self.square.value()
    }
}

/// `N` buckets, of which a configured number are in use (the rest stay empty).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Buckets<const N: usize> {
    buckets: [Bucket; N],
}

impl<const N: usize> Default for Buckets<N> {
    fn default() -> Self {
        Self {
            buckets: [Bucket::default(); N],
        }
    }
}

/// The estimate of a bucketed weighted mean and its linearised standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Linearised {
    /// Responses.
    pub(crate) n: u64,
    /// Sum of weights.
    pub(crate) weight: f64,
    /// Sum of squared weights.
    pub(crate) square: f64,
    /// The weighted mean.
    pub(crate) estimate: f64,
    /// For 0/1 values (a share): the complementary share `Σ W_b (1 − v_b) / W`, computed
    /// directly so that `1 − p` keeps its digits when p is within 1e-10 of 1.
    pub(crate) complement: f64,
    /// Its standard error; infinite for a single response, which leaves no degree of freedom.
    pub(crate) standard_error: f64,
}

impl Linearised {
    /// Kish's effective sample size `W² / Q`.
    pub(crate) fn effective_n(&self) -> f64 {
        // W · (W / Q): W² could not overflow in the weight range, but this keeps unit weights
        // exact (n · n / n = n) and never divides by a rounded square root.
        self.weight * (self.weight / self.square)
    }

    /// Kish's design effect due to weighting, `n Q / W² = n / effective n`, at least 1.
    pub(crate) fn design_effect(&self) -> f64 {
        (self.n as f64 / self.effective_n()).max(1.0)
    }
}

impl<const N: usize> Buckets<N> {
    /// Records one weighted response in `bucket` (an index below `N`; others are ignored).
    #[inline]
    pub(crate) fn record(&mut self, bucket: usize, weight: Weight) {
        if let Some(b) = self.buckets.get_mut(bucket) {
            let w = weight.value();
            // Saturating: reaching u64::MAX one push at a time takes centuries (see counts.rs).
            b.count = b.count.saturating_add(1);
            b.weight.add(w);
            b.square.add(w * w);
        }
    }

    /// Adds `other` bucket by bucket; refuses (and changes nothing) past `MAX_COUNT`.
    pub(crate) fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        crate::aggregator::check_merge_total(self.count(), other.count())?;
        for (mine, theirs) in self.buckets.iter_mut().zip(&other.buckets) {
            mine.count += theirs.count;
            mine.weight.merge(&theirs.weight);
            mine.square.merge(&theirs.square);
        }
        Ok(())
    }

    /// Responses in all buckets.
    pub(crate) fn count(&self) -> u64 {
        self.buckets
            .iter()
            .fold(0u64, |t, b| t.saturating_add(b.count))
    }

    pub(crate) fn bucket(&self, index: usize) -> Bucket {
        self.buckets.get(index).copied().unwrap_or_default()
    }

    /// The weighted mean of the value `values[b]` of each bucket, with its linearised standard
    /// error; `None` when empty. Buckets past `values.len()` must be empty.
    pub(crate) fn linearised(&self, values: &[f64]) -> Option<Linearised> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let (mut weight, mut square) = (Sum::default(), Sum::default());
        let (mut total, mut rest) = (Sum::default(), Sum::default());
        for (b, &v) in self.buckets.iter().zip(values) {
            weight.merge(&b.weight);
            square.merge(&b.square);
            total.add(b.weight.value() * v);
            rest.add(b.weight.value() * (1.0 - v));
        }
        let (weight, square) = (weight.value(), square.value());
        let estimate = total.value() / weight;
        let complement = rest.value() / weight;
        let standard_error = if n < 2 {
            f64::INFINITY
        } else {
            // Σ_b (Q_b / W²) (v_b − ȳ)², dividing by W twice so that nothing overflows. The
            // deviation is computed as v_b − ȳ = Σ_c (W_c / W)(v_b − v_c), from differences of
            // bucket values (exact small numbers) rather than by subtracting the rounded mean:
            // for a share near 0 or 1, or an NPS near ±100, the latter would cancel away most
            // digits of the deviation (and of the standard error).
            let mut shares = [0.0; N];
            for (p, b) in shares.iter_mut().zip(&self.buckets) {
                *p = b.weight.value() / weight;
            }
            let spread: f64 = self
                .buckets
                .iter()
                .zip(values)
                .map(|(b, &v)| {
                    let deviation: f64 = shares.iter().zip(values).map(|(p, &u)| p * (v - u)).sum();
                    b.square.value() / weight / weight * deviation * deviation
                })
                .sum();
            let nf = n as f64;
            (spread * nf / (nf - 1.0)).sqrt()
        };
        Some(Linearised {
            n,
            weight,
            square,
            estimate,
            complement,
            standard_error,
        })
    }

    /// Buckets from serialised totals, validated: one entry per used bucket, a bucket is empty
    /// exactly when its weights are 0, sums within what `count` weights in the valid range can
    /// give, `W²/n <= Q <= W²` (Cauchy-Schwarz) up to rounding, and a total within `MAX_COUNT`.
    #[cfg(feature = "serde")]
    pub(crate) fn from_parts(
        what: &'static str,
        used: usize,
        counts: &[u64],
        weights: &[f64],
        squares: &[f64],
    ) -> Result<Self, crate::error::StateError> {
        let inconsistent =
            |problem: String| crate::error::StateError::Inconsistent { what, problem };
        if counts.len() != used || weights.len() != used || squares.len() != used || used > N {
            return Err(inconsistent(format!(
                "expected {used} counts, weights and squares, got {}, {} and {}",
                counts.len(),
                weights.len(),
                squares.len()
            )));
        }
        crate::counts::checked_total(what, counts)?;
        // Room for the rounding of compensated sums and of a JSON round trip.
        const SLACK: f64 = 1e-9;
        let mut buckets = Self::default();
        for (i, ((&count, &w), &q)) in counts.iter().zip(weights).zip(squares).enumerate() {
            let bad = |why: &str| {
                inconsistent(format!(
                    "bucket {i}: {count} responses with weight sum {w} and squared-weight sum \
                     {q}: {why}"
                ))
            };
            if count == 0 {
                if w != 0.0 || q != 0.0 {
                    return Err(bad("an empty bucket has sums of 0"));
                }
                continue;
            }
            let c = count as f64;
            if !(w.is_finite() && q.is_finite()) {
                return Err(bad("sums must be finite"));
            }
            if !(w >= c * Weight::MIN * (1.0 - SLACK) && w <= c * Weight::MAX * (1.0 + SLACK)) {
                return Err(bad(
                    "the weight sum is outside what that many valid weights give",
                ));
            }
            // Compare in a scale-free way: Q / W against W / n and W.
            let per = q / w;
            if !(per >= w / c * (1.0 - SLACK) && per <= w * (1.0 + SLACK)) {
                return Err(bad(
                    "the squared-weight sum must lie between (sum)²/count and (sum)²",
                ));
            }
            buckets.buckets[i] = Bucket {
                count,
                weight: Sum::of(w),
                square: Sum::of(q),
            };
        }
        Ok(buckets)
    }

    /// The serialised totals of the first `used` buckets: counts, weights, squares.
    #[cfg(feature = "serde")]
    pub(crate) fn to_parts(self, used: usize) -> (Vec<u64>, Vec<f64>, Vec<f64>) {
        let used = &self.buckets[..used.min(N)];
        (
            used.iter().map(|b| b.count).collect(),
            used.iter().map(Bucket::weight).collect(),
            used.iter().map(Bucket::square).collect(),
        )
    }
}

/// The serialised form of a state that is only buckets (weighted NPS: detractors, passives,
/// promoters; weighted proportion: no, yes): the format version, then per bucket the count, the
/// sum of weights and the sum of squared weights.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BucketsState {
    version: u32,
    counts: Vec<u64>,
    weights: Vec<f64>,
    squares: Vec<f64>,
}

#[cfg(feature = "serde")]
impl BucketsState {
    /// The first `used` buckets, at this build's format version.
    pub(super) fn of<const N: usize>(buckets: Buckets<N>, used: usize) -> Self {
        let (counts, weights, squares) = buckets.to_parts(used);
        Self {
            version: crate::state::STATE_VERSION,
            counts,
            weights,
            squares,
        }
    }

    /// The buckets, validated by [`Buckets::from_parts`] (`what` names the state in errors).
    pub(super) fn buckets<const N: usize>(
        &self,
        what: &'static str,
        used: usize,
    ) -> Result<Buckets<N>, crate::error::StateError> {
        crate::state::check_version(self.version)?;
        Buckets::from_parts(what, used, &self.counts, &self.weights, &self.squares)
    }
}

/// The [`Aggregator`](crate::Aggregator) of an aggregator that is only buckets (a `buckets`
/// field) and records a response with its own `add`: a typed response and weight are always
/// valid, merging adds the buckets, and the summary holds the buckets and their linearisation
/// at `$values` (one value per bucket).
macro_rules! buckets_aggregator {
    ($aggregator:ident, $response:ty, $summary:ident, $values:expr) => {
        impl crate::aggregator::Aggregator for $aggregator {
            type Input = ($response, Weight);
            type Summary = $summary;
            type Error = std::convert::Infallible;

            /// Records a weighted response; a typed response and weight are always valid.
            #[inline]
            fn record(
                &mut self,
                (response, weight): ($response, Weight),
            ) -> Result<(), Self::Error> {
                self.add(response, weight);
                Ok(())
            }

            fn check(&self, _: &($response, Weight)) -> Result<(), Self::Error> {
                Ok(())
            }

            fn merge(&mut self, other: &Self) -> Result<(), crate::error::MergeError> {
                self.buckets.merge(&other.buckets)
            }

            fn summary(&self) -> Option<$summary> {
                let linearised = self.buckets.linearised(&$values)?;
                Some($summary {
                    buckets: self.buckets,
                    linearised,
                })
            }

            fn count(&self) -> u64 {
                self.buckets.count()
            }
        }

        crate::aggregator::impl_collect!($aggregator, ($response, Weight), from_iter);
    };
}

pub(super) use buckets_aggregator;

/// The serde glue of an aggregator that is only `used` buckets (a `buckets` field) and of its
/// summary: the state through [`BucketsState`] and its validated constructor, the summary
/// through its report plus that state.
#[cfg(feature = "serde")]
macro_rules! buckets_serde {
    ($aggregator:ident, $summary:ident, $what:literal, $used:literal) => {
        impl TryFrom<BucketsState> for $aggregator {
            type Error = crate::error::StateError;

            fn try_from(state: BucketsState) -> Result<Self, Self::Error> {
                Ok(Self {
                    buckets: state.buckets($what, $used)?,
                })
            }
        }

        impl From<$aggregator> for BucketsState {
            fn from(aggregator: $aggregator) -> Self {
                BucketsState::of(aggregator.buckets, $used)
            }
        }

        impl crate::state::SerialSummary for $summary {
            const WHAT: &'static str = concat!($what, " summary");
            type State = $aggregator;

            fn state(&self) -> $aggregator {
                $aggregator {
                    buckets: self.buckets,
                }
            }
        }

        crate::state::serde_summary!($summary);
    };
}

#[cfg(feature = "serde")]
pub(super) use buckets_serde;

#[cfg(test)]
mod tests {
    use super::*;

    fn w(x: f64) -> Weight {
        Weight::new(x).unwrap()
    }

    #[test]
    fn unit_weights_give_the_textbook_standard_error() {
        // y = 0, 0, 1, 1, 1: mean 0.6, sample variance 0.3, SE √(0.3 / 5).
        let mut b = Buckets::<2>::default();
        for (bucket, _) in [(0, ()), (0, ()), (1, ()), (1, ()), (1, ())] {
            b.record(bucket, Weight::ONE);
        }
        let l = b.linearised(&[0.0, 1.0]).unwrap();
        assert!((l.estimate - 0.6).abs() < 1e-15);
        assert!((l.standard_error - (0.3f64 / 5.0).sqrt()).abs() < 1e-15);
        assert_eq!(l.effective_n(), 5.0);
        assert_eq!(l.design_effect(), 1.0);
    }

    #[test]
    fn extreme_weights_stay_finite() {
        let mut b = Buckets::<2>::default();
        b.record(0, w(Weight::MAX));
        b.record(1, w(Weight::MIN));
        b.record(1, w(Weight::MAX));
        let l = b.linearised(&[0.0, 1.0]).unwrap();
        assert!(l.estimate.is_finite() && l.standard_error.is_finite());
        assert!((l.effective_n() - 2.0).abs() < 1e-12);
    }

    #[test]
    fn single_response_has_no_standard_error() {
        let mut b = Buckets::<2>::default();
        b.record(1, w(3.0));
        let l = b.linearised(&[0.0, 1.0]).unwrap();
        assert_eq!(l.standard_error, f64::INFINITY);
        assert_eq!(Buckets::<2>::default().linearised(&[0.0, 1.0]), None);
    }
}
