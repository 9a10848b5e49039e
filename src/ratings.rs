//! A distribution of ratings on a bounded scale: the state behind CSAT and CES, and every
//! statistic both report (mean with its Student t interval, the share of ratings in a range of
//! points with its binomial interval, their confidence sequences and their comparisons).
//!
//! The state is one exact count per point of the scale ([`Counts`]), so merging is exact and
//! every statistic is computed from the counts when summarising: the sum of ratings is an
//! exact `u128`, and the variance is taken about the mean over at most 11 points, with none of
//! the cancellation of `Σx² − n·mean²`.

use crate::counts::{Counts, Layout, RawScore};
use crate::error::same;
use crate::error::{
    BatchError, CompareError, InputError, MergeError, Mismatch, Setting, StateError,
};
use crate::interval::{self, ConfidenceLevel, Difference, Interval, ProportionMethod};
use crate::scale::{Rating, RatingScale};

/// Counts per point of a [`RatingScale`].
///
/// A typed [`Rating`] from another scale is refused ([`InputError::ScaleMismatch`]): a 4 on a
/// 1-7 scale means something else on a 1-5 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RatingCounts {
    scale: RatingScale,
    counts: Counts<11>,
}

impl RatingCounts {
    /// The counts padded to `columns` entries (zeros past the scale's points), for a state
    /// whose column count is fixed whatever the scale.
    #[cfg(feature = "datafusion")]
    pub(crate) fn padded_points(&self, columns: usize) -> Vec<u64> {
        let mut out = self.points().to_vec();
        out.resize(columns.max(out.len()), 0);
        out
    }

    /// Counts from a fixed number of columns whose entries past the scale's points must be 0.
    #[cfg(feature = "datafusion")]
    pub(crate) fn from_padded(
        what: &'static str,
        scale: RatingScale,
        columns: &[u64],
    ) -> Result<Self, StateError> {
        let points = usize::from(scale.points());
        if let Some(beyond) = columns.get(points..).filter(|c| c.iter().any(|&c| c > 0)) {
            return Err(StateError::Inconsistent {
                what,
                problem: format!(
                    "counts {beyond:?} beyond the {points} points of the {scale} scale"
                ),
            });
        }
        Self::from_points(what, scale, &columns[..points.min(columns.len())])
    }

    /// Empty counts on `scale`.
    pub(crate) fn new(scale: RatingScale) -> Self {
        Self {
            scale,
            counts: Counts::default(),
        }
    }

    /// Counts from one number per point of `scale`, lowest first.
    ///
    /// # Errors
    ///
    /// [`StateError::WrongLength`] when there is not one count per point,
    /// [`StateError::TooMany`] when they add up to more than [`MAX_COUNT`](crate::MAX_COUNT).
    pub(crate) fn from_points(
        what: &'static str,
        scale: RatingScale,
        points: &[u64],
    ) -> Result<Self, StateError> {
        let expected = usize::from(scale.points());
        if points.len() != expected {
            return Err(StateError::WrongLength {
                what,
                expected,
                found: points.len(),
            });
        }
        let mut array = [0u64; 11];
        array[..points.len()].copy_from_slice(points);
        Ok(Self {
            scale,
            counts: Counts::from_array(what, array)?,
        })
    }

    /// The scale.
    pub(crate) fn scale(&self) -> RatingScale {
        self.scale
    }

    /// One count per point of the scale, lowest point first.
    pub(crate) fn points(&self) -> &[u64] {
        &self.counts.as_array()[..usize::from(self.scale.points())]
    }

    /// The number of ratings.
    pub(crate) fn total(&self) -> u64 {
        self.counts.total()
    }

    /// Refuses a typed rating from another scale.
    #[inline]
    pub(crate) fn check(&self, rating: &Rating) -> Result<(), InputError> {
        same_scale(self.scale, rating)
    }

    /// Counts a typed rating, or refuses it (and changes nothing) when it is from another scale.
    #[inline]
    pub(crate) fn record(&mut self, rating: Rating) -> Result<(), InputError> {
        self.check(&rating)?;
        self.counts
            .record(usize::from(rating.value() - self.scale.min()));
        Ok(())
    }

    /// Validates and counts a slice of raw values, all or nothing.
    pub(crate) fn tally<T: RawScore>(
        &mut self,
        values: &[T],
        what: &'static str,
    ) -> Result<(), BatchError> {
        self.counts
            .tally(&Layout::per_point(self.scale), values, what)
    }

    /// Adds `other`'s counts; refuses another scale.
    pub(crate) fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("rating scale", self.scale, other.scale, Setting::Scale)?;
        self.counts.merge(&other.counts)
    }

    /// The number of ratings in `from..=to`.
    pub(crate) fn count_between(&self, from: u8, to: u8) -> u64 {
        self.points()
            .iter()
            .zip(self.scale.min()..=self.scale.max())
            .filter(|&(_, v)| from <= v && v <= to)
            .fold(0u64, |sum, (&c, _)| sum.saturating_add(c))
    }

    /// Σ (value − min) over all ratings, exactly.
    fn sum_above_min(&self) -> u128 {
        self.points()
            .iter()
            .enumerate()
            .map(|(i, &c)| i as u128 * u128::from(c))
            .sum()
    }

    /// The mean rating, within the scale; `None` when empty.
    ///
    /// The sum is exact (`u128`), so the only roundings are the final division and the
    /// conversion to `f64`; the clamp keeps a mean of all-maximum ratings at the maximum even
    /// when the counts near 2^63 do not convert exactly.
    pub(crate) fn mean(&self) -> Option<f64> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        let (min, max) = (f64::from(self.scale.min()), f64::from(self.scale.max()));
        Some((min + self.sum_above_min() as f64 / n as f64).clamp(min, max))
    }

    /// The sample variance (divisor n − 1); `None` for fewer than two ratings.
    pub(crate) fn variance(&self) -> Option<f64> {
        let n = self.total();
        if n < 2 {
            return None;
        }
        let mean = self.mean()?;
        let squares: f64 = self
            .points()
            .iter()
            .zip(self.scale.min()..=self.scale.max())
            .map(|(&c, v)| {
                let d = f64::from(v) - mean;
                c as f64 * d * d
            })
            .sum();
        Some((squares / (n - 1) as f64).max(0.0))
    }

    /// The whole scale as an interval.
    fn whole_scale(&self) -> Interval {
        let (min, max) = (f64::from(self.scale.min()), f64::from(self.scale.max()));
        Interval::clamped(min, max, min, max)
    }

    /// The Student t interval of the mean, clamped to the scale; the whole scale for a single
    /// rating (no degrees of freedom: the data say nothing beyond the scale) or none.
    pub(crate) fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        let (Some(mean), Some(variance)) = (self.mean(), self.variance()) else {
            return self.whole_scale();
        };
        let (min, max) = (f64::from(self.scale.min()), f64::from(self.scale.max()));
        let half = interval::mean_half_width(self.total(), variance.sqrt(), level);
        Interval::clamped(mean - half, mean + half, min, max)
    }

    /// The anytime-valid confidence sequence of the mean: the ratings rescaled to [0, 1] over
    /// the scale (they are then sub-Bernoulli), the sequence of their mean, mapped back.
    pub(crate) fn mean_sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        let n = self.total();
        if n == 0 {
            return self.whole_scale();
        }
        let (min, width) = (
            f64::from(self.scale.min()),
            f64::from(self.scale.max() - self.scale.min()),
        );
        let unit =
            interval::sequence_unchecked(self.sum_above_min() as f64 / width, n, level, tuned_for);
        Interval::clamped(
            min + width * unit.lower(),
            min + width * unit.upper(),
            min,
            min + width,
        )
    }

    /// The share of ratings in `from..=to`, within [0, 1]; 0 when empty.
    pub(crate) fn share(&self, (from, to): (u8, u8)) -> f64 {
        let n = self.total();
        if n == 0 {
            return 0.0;
        }
        (self.count_between(from, to) as f64 / n as f64).clamp(0.0, 1.0)
    }

    /// The binomial interval of the share of ratings in `range`.
    pub(crate) fn share_interval(
        &self,
        range: (u8, u8),
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Interval {
        let (x, n) = (self.count_between(range.0, range.1), self.total());
        interval::proportion(x, n, level, method).unwrap_or(Interval::clamped(0.0, 1.0, 0.0, 1.0))
    }

    /// The confidence sequence of the share of ratings in `range`.
    pub(crate) fn share_sequence(
        &self,
        range: (u8, u8),
        level: ConfidenceLevel,
        tuned_for: u64,
    ) -> Interval {
        let x = self.count_between(range.0, range.1);
        interval::sequence_unchecked(x as f64, self.total(), level, tuned_for)
    }

    /// The difference of the shares in `range` (this minus other): Newcombe hybrid score
    /// interval and pooled z-test p-value.
    pub(crate) fn share_difference(
        &self,
        other: &Self,
        range: (u8, u8),
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        self.same_scale(other)?;
        interval::proportion_difference_test(
            self.count_between(range.0, range.1),
            self.total(),
            other.count_between(range.0, range.1),
            other.total(),
            level,
        )
        .map_err(|_| CompareError::TooFewObservations {
            method: "Newcombe hybrid score",
            needed: 1,
            left: self.total(),
            right: other.total(),
        })
    }

    /// The difference of the means (this minus other) by Welch's t.
    pub(crate) fn mean_difference(
        &self,
        other: &Self,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        self.same_scale(other)?;
        // No mean only without ratings, which Welch refuses anyway.
        let side = |c: &Self| {
            (
                c.total(),
                c.mean().unwrap_or(f64::NAN),
                c.variance().map(f64::sqrt),
            )
        };
        interval::welch_of(side(self), side(other), level)
            .ok_or_else(|| CompareError::welch_too_few(self.total(), other.total()))
    }

    fn same_scale(&self, other: &Self) -> Result<(), CompareError> {
        Ok(same(
            "rating scale",
            self.scale,
            other.scale,
            Setting::Scale,
        )?)
    }
}

/// Refuses a typed rating from another scale than `expected`: a 4 on a 1-7 scale means
/// something else on a 1-5 scale. Counts and weighted buckets alike.
#[inline]
pub(crate) fn same_scale(expected: RatingScale, rating: &Rating) -> Result<(), InputError> {
    if rating.scale() == expected {
        Ok(())
    } else {
        Err(InputError::ScaleMismatch {
            expected,
            found: rating.scale(),
        })
    }
}

/// The satisfied-from thresholds of two CSATs (weighted or not) agree.
pub(crate) fn same_threshold(left: u8, right: u8) -> Result<(), Mismatch> {
    same("satisfied-from threshold", left, right, Setting::Point)
}

/// The scales, then the satisfied-from thresholds, of two CSATs (weighted or not) agree: the
/// scale first, since a threshold means nothing on another scale.
pub(crate) fn same_scale_and_threshold(
    (left_scale, left_from): (RatingScale, u8),
    (right_scale, right_from): (RatingScale, u8),
) -> Result<(), Mismatch> {
    same("rating scale", left_scale, right_scale, Setting::Scale)?;
    same_threshold(left_from, right_from)
}

/// The plumbing CSAT and CES share around [`RatingCounts`]: both are one count per point of a
/// scale reporting the mean rating and the share of one range of points (CSAT: satisfied; CES:
/// low effort), so the raw-input methods, the [`Aggregator`](crate::Aggregator) impl, the
/// summary's accessors and statistics and its serde glue are written here once.
///
/// `$metric` has a `counts: RatingCounts` field and the private methods `scale()` (a scale
/// with `rating(raw)`), `share_range()` (the reported points), `check_merge` (the settings a
/// merge refuses to mix, in the order they are checked) and `check_compare` (the settings a
/// comparison checks before the counts check the rating scale). `$summary` holds the metric
/// in `$field`; `$settings` names what a comparison refuses to mix. The share's methods are
/// named per metric, with their documentation.
macro_rules! rating_metric {
    (
        $metric:ident => $summary:ident { $field:ident }, $name:literal, raw $what:literal,
        refusing $settings:literal;
        $(#[$mean_doc:meta])*
        mean;
        $(#[$count_doc:meta])*
        count: $count:ident;
        $(#[$share_doc:meta])*
        share: $share:ident;
        $(#[$interval_doc:meta])*
        interval: $interval:ident;
        $(#[$sequence_doc:meta])*
        sequence: $sequence:ident;
        $(#[$difference_doc:meta])*
        difference: $difference:ident;
    ) => {
        impl $metric {
            /// Validates and records one raw rating of any integer type.
            ///
            /// # Errors
            ///
            /// [`ScoreError`](crate::scale::ScoreError) when `rating` is not a point of the
            /// scale; nothing is recorded.
            pub fn try_push<T: $crate::counts::RawScore>(
                &mut self,
                rating: T,
            ) -> Result<(), $crate::scale::ScoreError> {
                $crate::aggregator::TryPush::try_push(self, rating)
            }

            /// Validates and records a whole slice of raw ratings of any integer type, all or
            /// nothing.
            ///
            /// # Errors
            ///
            /// [`BatchError::OutOfRange`](crate::BatchError::OutOfRange) naming the index and
            /// value of the first rating off the scale, or
            /// [`BatchError::CountOverflow`](crate::BatchError::CountOverflow); in both cases
            /// nothing from the slice is recorded.
            pub fn try_extend_from_slice<T: $crate::counts::RawScore>(
                &mut self,
                ratings: &[T],
            ) -> Result<(), $crate::error::BatchError> {
                self.counts.tally(ratings, $what)
            }
        }

        $crate::aggregator::impl_try_push!(<T: $crate::counts::RawScore> $metric, T, $crate::scale::ScoreError, |this, raw| this.scale().rating(raw));

        impl $crate::aggregator::Aggregator for $metric {
            type Input = $crate::scale::Rating;
            type Summary = $summary;
            type Error = $crate::error::InputError;

            /// Records a rating, or refuses one from another scale (it would mean something
            /// else here) and changes nothing.
            #[inline]
            fn record(&mut self, rating: $crate::scale::Rating) -> Result<(), $crate::error::InputError> {
                self.counts.record(rating)
            }

            fn check(&self, rating: &$crate::scale::Rating) -> Result<(), $crate::error::InputError> {
                self.counts.check(rating)
            }

            /// Merges the counts of an aggregator with the same settings.
            fn merge(&mut self, other: &Self) -> Result<(), $crate::error::MergeError> {
                self.check_merge(other)?;
                self.counts.merge(&other.counts)
            }

            fn summary(&self) -> Option<$summary> {
                (self.count() > 0).then(|| $summary { $field: self.clone() })
            }

            fn count(&self) -> u64 {
                self.counts.total()
            }
        }

        impl $summary {
            /// The number of ratings.
            #[must_use]
            pub fn count(&self) -> u64 {
                self.$field.counts.total()
            }

            /// One count per point of the scale, lowest point first.
            #[must_use]
            pub fn distribution(&self) -> &[u64] {
                self.$field.counts.points()
            }

            $(#[$mean_doc])*
            #[must_use]
            pub fn mean(&self) -> f64 {
                // A summary is never empty, so the mean exists; the fallback is the scale's
                // minimum.
                self.$field.counts.mean().unwrap_or_else(|| self.points().0)
            }

            /// The sample standard deviation of the ratings; `None` for a single rating.
            #[must_use]
            pub fn std_dev(&self) -> Option<f64> {
                self.$field.counts.variance().map(f64::sqrt)
            }

            /// The Student t interval of the mean rating, clamped to the scale. For a single
            /// rating, which leaves no degrees of freedom, it is the whole scale.
            #[must_use]
            pub fn mean_interval(&self, level: $crate::interval::ConfidenceLevel) -> $crate::interval::Interval {
                self.$field.counts.mean_interval(level)
            }

            /// The anytime-valid confidence sequence of the mean rating (rescaled to [0, 1]
            /// over the scale, mapped back), tuned for
            /// [`DEFAULT_TUNED_FOR`](crate::interval::DEFAULT_TUNED_FOR) (see
            /// [`interval::proportion_sequence`](crate::interval::proportion_sequence)).
            #[must_use]
            pub fn mean_sequence(&self, level: $crate::interval::ConfidenceLevel) -> $crate::interval::Interval {
                self.$field
                    .counts
                    .mean_sequence(level, $crate::interval::DEFAULT_TUNED_FOR)
            }

            /// The difference of mean ratings (this minus other) by Welch's t.
            ///
            /// # Errors
            ///
            #[doc = concat!(
                "[`CompareError::ConfigurationMismatch`](crate::error::CompareError::ConfigurationMismatch) for different ",
                $settings,
                "; [`CompareError::TooFewObservations`](crate::error::CompareError::TooFewObservations) when a side has fewer than 2 ratings."
            )]
            pub fn mean_difference(
                &self,
                other: &$summary,
                level: $crate::interval::ConfidenceLevel,
            ) -> Result<$crate::interval::Difference, $crate::error::CompareError> {
                self.$field.check_compare(&other.$field)?;
                self.$field.counts.mean_difference(&other.$field.counts, level)
            }

            /// The lowest and highest points of the scale: the domain of the mean.
            fn points(&self) -> (f64, f64) {
                let scale = self.$field.counts.scale();
                (f64::from(scale.min()), f64::from(scale.max()))
            }

            $(#[$count_doc])*
            #[must_use]
            pub fn $count(&self) -> u64 {
                let (from, to) = self.$field.share_range();
                self.$field.counts.count_between(from, to)
            }

            $(#[$share_doc])*
            #[must_use]
            pub fn $share(&self) -> f64 {
                self.$field.counts.share(self.$field.share_range())
            }

            $(#[$interval_doc])*
            #[must_use]
            pub fn $interval(
                &self,
                level: $crate::interval::ConfidenceLevel,
                method: $crate::interval::ProportionMethod,
            ) -> $crate::interval::Interval {
                self.$field
                    .counts
                    .share_interval(self.$field.share_range(), level, method)
            }

            $(#[$sequence_doc])*
            #[must_use]
            pub fn $sequence(&self, level: $crate::interval::ConfidenceLevel) -> $crate::interval::Interval {
                self.$field.counts.share_sequence(
                    self.$field.share_range(),
                    level,
                    $crate::interval::DEFAULT_TUNED_FOR,
                )
            }

            $(#[$difference_doc])*
            pub fn $difference(
                &self,
                other: &$summary,
                level: $crate::interval::ConfidenceLevel,
            ) -> Result<$crate::interval::Difference, $crate::error::CompareError> {
                self.$field.check_compare(&other.$field)?;
                self.$field.counts.share_difference(
                    &other.$field.counts,
                    self.$field.share_range(),
                    level,
                )
            }
        }

        #[cfg(feature = "serde")]
        impl $crate::state::SerialSummary for $summary {
            const WHAT: &'static str = concat!($name, " summary");
            type State = $metric;

            fn state(&self) -> $metric {
                self.$field.clone()
            }
        }

        #[cfg(feature = "serde")]
        $crate::state::serde_summary!($summary);
    };
}

pub(crate) use rating_metric;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_of_the_u8_range() {
        let scale = RatingScale::new(245, 255).unwrap();
        let mut counts = RatingCounts::new(scale);
        counts.tally(&[255u8, 245, 250], "rating").unwrap();
        assert_eq!(counts.points()[10], 1);
        assert_eq!(counts.total(), 3);
        assert!(counts.tally(&[244u8], "rating").is_err());
        assert!(counts.tally(&[-12i8], "rating").is_err()); // the scale starts past i8::MAX
    }

    #[test]
    fn mean_and_variance_from_counts() {
        let counts =
            RatingCounts::from_points("test", RatingScale::FIVE_POINT, &[1, 0, 0, 0, 1]).unwrap();
        assert_eq!(counts.mean(), Some(3.0));
        assert_eq!(counts.variance(), Some(8.0));
        let one =
            RatingCounts::from_points("test", RatingScale::FIVE_POINT, &[0, 0, 1, 0, 0]).unwrap();
        assert_eq!(one.variance(), None);
        let ci = one.mean_interval(ConfidenceLevel::P95);
        assert_eq!((ci.lower(), ci.upper()), (1.0, 5.0));
    }

    #[test]
    fn the_mean_of_huge_counts_stays_on_the_scale() {
        let huge = crate::aggregator::MAX_COUNT / 2 + 12_345;
        let counts =
            RatingCounts::from_points("test", RatingScale::SEVEN_POINT, &[0, 0, 0, 0, 0, 1, huge])
                .unwrap();
        assert!(counts.mean().unwrap() <= 7.0);
        let all_top =
            RatingCounts::from_points("test", RatingScale::SEVEN_POINT, &[0, 0, 0, 0, 0, 0, huge])
                .unwrap();
        assert_eq!(all_top.mean(), Some(7.0));
    }
}
