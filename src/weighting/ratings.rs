//! The rating buckets that [`WeightedCsat`](super::WeightedCsat) and
//! [`WeightedCes`](super::WeightedCes) share: one per point of the scale.

use crate::error::same;
use crate::error::{InputError, MergeError, Setting};
use crate::ratings::same_scale;
use crate::scale::{Rating, RatingScale};

use super::buckets::{Buckets, Linearised};
use super::weight::Weight;

/// One bucket per point of a rating scale (at most 11).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ratings {
    scale: RatingScale,
    buckets: Buckets<11>,
}

impl Ratings {
    pub(super) fn new(scale: RatingScale) -> Self {
        Self {
            scale,
            buckets: Buckets::default(),
        }
    }

    pub(super) fn scale(&self) -> RatingScale {
        self.scale
    }

    pub(super) fn count(&self) -> u64 {
        self.buckets.count()
    }

    /// Refuses a rating of another scale: it would mean something else here.
    #[inline]
    pub(super) fn check(&self, rating: Rating) -> Result<(), InputError> {
        same_scale(self.scale, &rating)
    }

    /// Records a rating of this scale, or refuses one of another scale and changes nothing.
    #[inline]
    pub(super) fn record(&mut self, rating: Rating, weight: Weight) -> Result<(), InputError> {
        self.check(rating)?;
        self.buckets
            .record(usize::from(rating.value() - self.scale.min()), weight);
        Ok(())
    }

    pub(super) fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("rating scale", self.scale, other.scale, Setting::Scale)?;
        self.buckets.merge(&other.buckets)
    }

    /// The mean rating, linearised.
    pub(super) fn mean(&self) -> Option<Linearised> {
        self.linearised(f64::from)
    }

    /// The weighted share of ratings in `from..=to`, linearised.
    pub(super) fn share(&self, from: u8, to: u8) -> Option<Linearised> {
        self.linearised(|r| f64::from(u8::from((from..=to).contains(&r))))
    }

    /// The linearised weighted mean of `value(rating)` (on the stack: no allocation).
    fn linearised(&self, value: impl Fn(u8) -> f64) -> Option<Linearised> {
        let mut values = [0.0; 11];
        for (slot, rating) in values.iter_mut().zip(self.scale.min()..=self.scale.max()) {
            *slot = value(rating);
        }
        self.buckets
            .linearised(&values[..usize::from(self.scale.points())])
    }

    /// The sum of weights of one point of the scale (0 off the scale).
    pub(super) fn weight_of(&self, rating: u8) -> f64 {
        if self.scale.contains(rating) {
            self.buckets
                .bucket(usize::from(rating - self.scale.min()))
                .weight()
        } else {
            0.0
        }
    }

    #[cfg(feature = "serde")]
    pub(super) fn to_parts(self) -> (Vec<u64>, Vec<f64>, Vec<f64>) {
        self.buckets.to_parts(usize::from(self.scale.points()))
    }

    #[cfg(feature = "serde")]
    pub(super) fn from_parts(
        what: &'static str,
        scale: RatingScale,
        counts: &[u64],
        weights: &[f64],
        squares: &[f64],
    ) -> Result<Self, crate::error::StateError> {
        let buckets =
            Buckets::from_parts(what, usize::from(scale.points()), counts, weights, squares)?;
        Ok(Self { scale, buckets })
    }
}

/// The plumbing the weighted CSAT and CES share around [`Ratings`]: both are one bucket per
/// point of a scale reporting the weighted mean rating and the weighted share of one range of
/// points (CSAT: satisfied; CES: low effort), so the raw-input methods, the
/// [`Aggregator`](crate::Aggregator) impl, the summary's accessors and its serde glue are
/// written here once.
///
/// `$metric` has a `ratings: Ratings` field, one more setting `$setting` (which its summary
/// keeps too) and the private methods `scale()` (a scale with `rating(raw)`), `share_range()`
/// (the reported points) and `check_merge` (the settings a merge refuses to mix, in the order
/// they are checked). The share's methods are named per metric, `$noun` names the share in
/// their documentation.
macro_rules! weighted_rating_metric {
    (
        $metric:ident => $summary:ident { $setting:ident }, $name:literal;
        $(#[$mean_doc:meta])*
        mean;
        $(#[$share_doc:meta])*
        share of $noun:literal: $share:ident, $se:ident, $interval:ident;
    ) => {
        super::weight::weighted_inputs!(
            $metric, <T: $crate::counts::RawScore> T, rating / ratings,
            refusing "[`InputError::Score`](crate::error::InputError::Score) for a rating off the scale, "
        );

        $crate::aggregator::impl_try_push!(<T: $crate::counts::RawScore> $metric, (T, f64), $crate::error::InputError, |this, (rating, weight)| Ok((this.scale().rating(rating)?, super::weight::Weight::new(weight)?)));

        impl $crate::aggregator::Aggregator for $metric {
            type Input = ($crate::scale::Rating, super::weight::Weight);
            type Summary = $summary;
            type Error = $crate::error::InputError;

            /// Records a weighted rating, or refuses one from another scale (it would mean
            /// something else here) and changes nothing.
            #[inline]
            fn record(
                &mut self,
                (rating, weight): ($crate::scale::Rating, super::weight::Weight),
            ) -> Result<(), $crate::error::InputError> {
                self.ratings.record(rating, weight)
            }

            fn check(
                &self,
                (rating, _): &($crate::scale::Rating, super::weight::Weight),
            ) -> Result<(), $crate::error::InputError> {
                self.ratings.check(*rating)
            }

            /// Merges an aggregator with the same settings.
            fn merge(&mut self, other: &Self) -> Result<(), $crate::error::MergeError> {
                self.check_merge(other)?;
                self.ratings.merge(&other.ratings)
            }

            fn summary(&self) -> Option<$summary> {
                let (from, to) = self.share_range();
                Some($summary {
                    mean: self.ratings.mean()?,
                    share: self.ratings.share(from, to)?,
                    ratings: self.ratings,
                    $setting: self.$setting,
                })
            }

            fn count(&self) -> u64 {
                self.ratings.count()
            }
        }

        super::summary::kish_accessors!($summary.mean, "ratings");

        impl $summary {
            $(#[$mean_doc])*
            #[must_use]
            pub fn mean(&self) -> f64 {
                self.mean.within(self.points())
            }

            /// The linearised standard error of the mean rating; infinite for a single rating.
            #[must_use]
            pub fn mean_standard_error(&self) -> f64 {
                self.mean.standard_error
            }

            /// The normal interval of the mean rating (R's `confint(svymean(...))`), clamped to
            /// the scale; the whole scale for a single rating.
            #[must_use]
            pub fn mean_interval(&self, level: $crate::interval::ConfidenceLevel) -> $crate::interval::Interval {
                self.mean.normal_interval(level, self.points())
            }

            $(#[$share_doc])*
            #[must_use]
            pub fn $share(&self) -> f64 {
                self.share.within((0.0, 1.0))
            }

            #[doc = concat!(
                "The linearised standard error of the ", $noun, "; infinite for a single rating."
            )]
            #[must_use]
            pub fn $se(&self) -> f64 {
                self.share.standard_error
            }

            #[doc = concat!("The `svyciprop` interval of the ", $noun, ".")]
            #[must_use]
            pub fn $interval(
                &self,
                level: $crate::interval::ConfidenceLevel,
                method: super::interval::WeightedMethod,
            ) -> $crate::interval::Interval {
                self.share.share_interval(level, method)
            }

            /// The lowest and highest points of the scale: the domain of the mean.
            fn points(&self) -> (f64, f64) {
                let scale = self.ratings.scale();
                (f64::from(scale.min()), f64::from(scale.max()))
            }
        }

        #[cfg(feature = "serde")]
        impl $crate::state::SerialSummary for $summary {
            const WHAT: &'static str = concat!($name, " summary");
            type State = $metric;

            fn state(&self) -> $metric {
                $metric {
                    ratings: self.ratings,
                    $setting: self.$setting,
                }
            }
        }

        #[cfg(feature = "serde")]
        $crate::state::serde_summary!($summary);
    };
}

pub(super) use weighted_rating_metric;
