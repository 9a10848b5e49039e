//! The bounded-scale counting engine behind NPS, CSAT and CES.
//!
//! Every bounded-scale metric keeps one `u64` count per bucket (per scale point, or per NPS
//! group) and nothing else: merging is element-wise addition, so it is exact and order-free, and
//! every statistic (shares, mean, variance) is computed from the counts when summarising.
//!
//! Counts never wrap: merging, batch ingestion and deserialisation refuse to take a total past
//! [`MAX_COUNT`] (2^63 − 1, which also fits a signed 64-bit column in SQL engines and Arrow), and
//! a single `push` saturates. From `MAX_COUNT`, reaching `u64::MAX` one push at a time would
//! take 290 years at 10^9 pushes per second, so the saturation is never observable in practice.

use crate::error::{BatchError, MergeError, ScoreError};
use crate::interval::{self, ConfidenceLevel, Interval};
use crate::scale::{Rating, RatingScale};

/// The largest number of observations one aggregator holds: 2^63 − 1.
///
/// Merges, batch ingestion and deserialisation that would exceed it fail with an error; the
/// aggregator is left unchanged.
pub const MAX_COUNT: u64 = i64::MAX as u64;

/// Values per chunk of the batch kernel: small enough that a per-lane `u8` counter cannot wrap
/// (at most 240 increments), large enough to amortise each chunk's horizontal sums.
const CHUNK: usize = 240;

/// How raw byte values map to buckets: bucket `i` holds `edges[i]..edges[i + 1]`, the last used
/// bucket holds `edges[used - 1]..=max`, and values outside `min..=max` are rejected.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout<const N: usize> {
    /// The smallest valid value.
    pub(crate) min: u8,
    /// The largest valid value.
    pub(crate) max: u8,
    /// Each bucket's smallest value, ascending; `edges[0] == min`.
    pub(crate) edges: [u8; N],
    /// How many buckets are in use (a 5-point scale uses 5 of 11).
    pub(crate) used: usize,
}

impl Layout<11> {
    /// One bucket per point of `scale`.
    pub(crate) fn per_point(scale: RatingScale) -> Self {
        let mut edges = [scale.max(); 11];
        let used = usize::from(scale.points());
        for (i, edge) in edges.iter_mut().enumerate().take(used) {
            *edge = scale.min() + i as u8;
        }
        Self {
            min: scale.min(),
            max: scale.max(),
            edges,
            used,
        }
    }
}

/// `N` exact counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Counts<const N: usize>([u64; N]);

impl<const N: usize> Default for Counts<N> {
    fn default() -> Self {
        Self([0; N])
    }
}

impl<const N: usize> Counts<N> {
    /// Counts from an array, or `None` when their total exceeds [`MAX_COUNT`].
    pub(crate) fn from_array(counts: [u64; N]) -> Option<Self> {
        let total: u128 = counts.iter().map(|&c| u128::from(c)).sum();
        (total <= u128::from(MAX_COUNT)).then_some(Self(counts))
    }

    /// The counts.
    pub(crate) fn as_array(&self) -> &[u64; N] {
        &self.0
    }

    /// The total of all counts.
    pub(crate) fn total(&self) -> u64 {
        self.0.iter().fold(0u64, |sum, &c| sum.saturating_add(c))
    }

    /// Adds one to `bucket` (saturating; see the module docs).
    #[inline]
    pub(crate) fn record(&mut self, bucket: usize) {
        if let Some(count) = self.0.get_mut(bucket) {
            *count = count.saturating_add(1);
        }
    }

    /// Adds `other` element-wise, or fails and changes nothing when the total would exceed
    /// [`MAX_COUNT`].
    pub(crate) fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        let (left, right) = (self.total(), other.total());
        if left.checked_add(right).is_none_or(|sum| sum > MAX_COUNT) {
            return Err(MergeError::CountOverflow {
                left,
                right,
                limit: MAX_COUNT,
            });
        }
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
        Ok(())
    }

    /// Validates and counts a whole slice, or changes nothing and reports the first bad value.
    ///
    /// `what` names the value kind in the error ("NPS score", "rating"). Bytes take the
    /// vectorised kernel directly; wider integers are range-checked a chunk at a time and
    /// narrowed into a byte buffer for the same kernel.
    pub(crate) fn tally<T: Raw>(
        &mut self,
        layout: &Layout<N>,
        values: &[T],
        what: &'static str,
    ) -> Result<(), BatchError> {
        let count = self.total();
        let len = values.len();
        if (len as u64)
            .checked_add(count)
            .is_none_or(|sum| sum > MAX_COUNT)
        {
            return Err(BatchError::CountOverflow {
                len,
                count,
                limit: MAX_COUNT,
            });
        }
        let batch = T::tally(layout, values).map_err(|index| BatchError::OutOfRange {
            index,
            source: ScoreError {
                what,
                value: values[index].widen(),
                min: layout.min,
                max: layout.max,
            },
        })?;
        for (mine, add) in self.0.iter_mut().zip(batch) {
            *mine += add;
        }
        Ok(())
    }
}

/// Raw score types a batch can arrive in: `u8`, or `u16` / `u32` where scores arrive wider.
pub(crate) trait Raw: Copy {
    /// The value as a `u64`, for error messages.
    fn widen(self) -> u64;

    /// Counts `values` into `layout`'s buckets, or returns the index of the first invalid one.
    fn tally<const N: usize>(layout: &Layout<N>, values: &[Self]) -> Result<[u64; N], usize>;
}

impl Raw for u8 {
    #[inline]
    fn widen(self) -> u64 {
        u64::from(self)
    }

    fn tally<const N: usize>(layout: &Layout<N>, values: &[u8]) -> Result<[u64; N], usize> {
        tally_bytes(layout, values)
    }
}

macro_rules! wide_raw {
    ($t:ty) => {
        impl Raw for $t {
            #[inline]
            fn widen(self) -> u64 {
                u64::from(self)
            }

            fn tally<const N: usize>(layout: &Layout<N>, values: &[$t]) -> Result<[u64; N], usize> {
                let (min, max) = (<$t>::from(layout.min), <$t>::from(layout.max));
                let mut bytes = [0u8; CHUNK];
                let mut at_least = [0u64; N];
                for (chunk_number, chunk) in values.chunks(CHUNK).enumerate() {
                    let high = chunk.iter().fold(0, |m: $t, &v| m.max(v));
                    let low = chunk.iter().fold(<$t>::MAX, |m, &v| m.min(v));
                    if high > max || low < min {
                        let offset = chunk.iter().position(|&v| v < min || v > max).unwrap_or(0);
                        return Err(chunk_number * CHUNK + offset);
                    }
                    let narrow = &mut bytes[..chunk.len()];
                    for (b, &v) in narrow.iter_mut().zip(chunk) {
                        // In range, so at most layout.max: the cast keeps the value.
                        *b = v as u8;
                    }
                    count_edges(layout, narrow, &mut at_least);
                }
                Ok(buckets(layout, values.len(), at_least))
            }
        }
    };
}

wide_raw!(u16);
wide_raw!(u32);

/// Counts `values` into `layout`'s buckets, or returns the index of the first invalid value.
///
/// The slice is processed in L1-sized chunks. Each chunk is first range-checked with a min/max
/// reduction, then, for every bucket edge `e`, the number of values `>= e` is summed into `u8`
/// lanes: both loops are plain reductions that LLVM vectorises on the baseline x86-64 target
/// without `unsafe` or `target-cpu=native`. Bucket counts are differences of those
/// "at least" counts.
fn tally_bytes<const N: usize>(layout: &Layout<N>, values: &[u8]) -> Result<[u64; N], usize> {
    let mut at_least = [0u64; N];
    let check_min = layout.min > 0;
    for (chunk_number, chunk) in values.chunks(CHUNK).enumerate() {
        let high = chunk.iter().fold(0u8, |m, &v| m.max(v));
        let low = if check_min {
            chunk.iter().fold(u8::MAX, |m, &v| m.min(v))
        } else {
            0
        };
        if high > layout.max || low < layout.min {
            let offset = chunk
                .iter()
                .position(|&v| v < layout.min || v > layout.max)
                .unwrap_or(0);
            return Err(chunk_number * CHUNK + offset);
        }
        count_edges(layout, chunk, &mut at_least);
    }
    Ok(buckets(layout, values.len(), at_least))
}

/// Adds, for every bucket edge but the first, how many values of `chunk` (at most 255, all in
/// range) are at least that edge.
#[inline]
fn count_edges<const N: usize>(layout: &Layout<N>, chunk: &[u8], at_least: &mut [u64; N]) {
    for (count, &edge) in at_least
        .iter_mut()
        .zip(&layout.edges)
        .take(layout.used)
        .skip(1)
    {
        *count += u64::from(count_at_least(chunk, edge));
    }
}

/// Bucket counts from the "at least edge" counts of `len` values.
fn buckets<const N: usize>(layout: &Layout<N>, len: usize, mut at_least: [u64; N]) -> [u64; N] {
    let mut buckets = [0u64; N];
    let used = layout.used.min(N);
    at_least[0] = len as u64;
    for i in 0..used {
        let next = if i + 1 < used { at_least[i + 1] } else { 0 };
        buckets[i] = at_least[i] - next;
    }
    buckets
}

/// How many of at most 255 values are `>= edge`.
#[inline]
fn count_at_least(chunk: &[u8], edge: u8) -> u8 {
    chunk
        .iter()
        .fold(0u8, |n, &v| n.wrapping_add(u8::from(v >= edge)))
}

/// Counts per point of a [`RatingScale`]: the state shared by CSAT and CES, and the statistics
/// both report (mean, standard deviation, share within a range of points).
///
/// `rejected` counts typed [`Rating`]s pushed from another scale: `push` cannot fail, and a
/// rating of 4 on a 1-7 scale means something else on a 1-5 scale, so it is not counted as a
/// rating, but it is not dropped silently either: summaries report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RatingCounts {
    scale: RatingScale,
    counts: Counts<11>,
    rejected: u64,
}

impl RatingCounts {
    /// Empty counts on `scale`.
    pub(crate) fn new(scale: RatingScale) -> Self {
        Self {
            scale,
            counts: Counts::default(),
            rejected: 0,
        }
    }

    /// Counts from one number per point of `scale`; `None` when the length is not the number of
    /// points or the total exceeds [`MAX_COUNT`].
    pub(crate) fn from_points(scale: RatingScale, points: &[u64], rejected: u64) -> Option<Self> {
        if points.len() != usize::from(scale.points()) {
            return None;
        }
        let mut array = [0u64; 11];
        array[..points.len()].copy_from_slice(points);
        Some(Self {
            scale,
            counts: Counts::from_array(array)?,
            rejected,
        })
    }

    /// Typed ratings from another scale that were not counted.
    pub(crate) fn rejected(&self) -> u64 {
        self.rejected
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

    /// Counts `value`, which must be a point of the scale (anything else is ignored).
    #[inline]
    pub(crate) fn record(&mut self, value: u8) {
        self.counts
            .record(usize::from(value.wrapping_sub(self.scale.min())));
    }

    /// Counts a typed rating, or tallies it as rejected when it is from another scale.
    #[inline]
    pub(crate) fn record_rating(&mut self, rating: Rating) {
        if rating.scale() == self.scale {
            self.record(rating.value());
        } else {
            self.rejected = self.rejected.saturating_add(1);
        }
    }

    /// Validates and counts a slice of raw values, all or nothing.
    pub(crate) fn tally<T: Raw>(
        &mut self,
        values: &[T],
        what: &'static str,
    ) -> Result<(), BatchError> {
        self.counts
            .tally(&Layout::per_point(self.scale), values, what)
    }

    /// Adds `other`'s counts; refuses another scale.
    pub(crate) fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.scale != other.scale {
            return Err(MergeError::ConfigurationMismatch {
                setting: "rating scale",
                left: self.scale.to_string(),
                right: other.scale.to_string(),
            });
        }
        self.counts.merge(&other.counts)?;
        self.rejected = self.rejected.saturating_add(other.rejected);
        Ok(())
    }

    /// The number of ratings in `from..=to`.
    pub(crate) fn count_between(&self, from: u8, to: u8) -> u64 {
        self.points()
            .iter()
            .zip(self.scale.min()..=self.scale.max())
            .filter(|&(_, v)| from <= v && v <= to)
            .fold(0u64, |sum, (&c, _)| sum.saturating_add(c))
    }

    /// The mean rating; `None` when empty.
    ///
    /// The sum is exact (`u128`), so the only rounding is the final division.
    pub(crate) fn mean(&self) -> Option<f64> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        let offset_sum: u128 = self
            .points()
            .iter()
            .enumerate()
            .map(|(i, &c)| i as u128 * u128::from(c))
            .sum();
        Some(f64::from(self.scale.min()) + offset_sum as f64 / n as f64)
    }

    /// The sample variance (divisor n − 1); `None` for fewer than two ratings.
    ///
    /// Computed as `Σ cᵢ (vᵢ − mean)² / (n − 1)` over at most 11 points: with the mean exact to
    /// one rounding this has none of the cancellation of `Σx² − n·mean²`.
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
        Some(squares / (n - 1) as f64)
    }

    /// The Student t interval of the mean, clamped to the scale; the whole scale for a single
    /// rating (no degrees of freedom: the data say nothing beyond the scale). `None` when empty.
    pub(crate) fn mean_interval(&self, level: ConfidenceLevel) -> Option<Interval> {
        let (min, max) = (f64::from(self.scale.min()), f64::from(self.scale.max()));
        let mean = self.mean()?;
        let Some(variance) = self.variance() else {
            return Some(Interval::clamped(min, max, min, max));
        };
        let half = interval::mean_half_width(self.total(), variance.sqrt(), level);
        Some(Interval::clamped(mean - half, mean + half, min, max))
    }

    /// The anytime-valid confidence sequence of the mean: the ratings rescaled to [0, 1] over
    /// the scale (they are then sub-Bernoulli), the sequence of their mean, mapped back.
    /// `None` when empty.
    pub(crate) fn mean_sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Option<Interval> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        // Σ (value − min) exactly, in points above the scale's minimum.
        let above_min: u128 = self
            .points()
            .iter()
            .enumerate()
            .map(|(i, &c)| i as u128 * u128::from(c))
            .sum();
        let (min, width) = (
            f64::from(self.scale.min()),
            f64::from(self.scale.max() - self.scale.min()),
        );
        let unit = interval::sequence_unchecked(above_min as f64 / width, n, level, tuned_for);
        Some(Interval::clamped(
            min + width * unit.lower(),
            min + width * unit.upper(),
            min,
            min + width,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NPS_LAYOUT: Layout<3> = Layout {
        min: 0,
        max: 10,
        edges: [0, 7, 9],
        used: 3,
    };

    fn naive(values: &[u8]) -> [u64; 3] {
        let mut c = [0u64; 3];
        for &v in values {
            c[usize::from(v >= 7) + usize::from(v >= 9)] += 1;
        }
        c
    }

    #[test]
    fn kernel_matches_naive_counting_across_chunk_edges() {
        for len in [0, 1, 239, 240, 241, 480, 1000] {
            let values: Vec<u8> = (0..len).map(|i| (i * 7 % 11) as u8).collect();
            assert_eq!(tally_bytes(&NPS_LAYOUT, &values), Ok(naive(&values)));
        }
    }

    #[test]
    fn kernel_reports_the_first_bad_index() {
        let mut values = vec![5u8; 1000];
        for bad in [0, 239, 240, 999] {
            values[bad] = 11;
            values[bad.min(998) + 1] = 200;
            assert_eq!(tally_bytes(&NPS_LAYOUT, &values), Err(bad));
            values.fill(5);
        }
    }

    #[test]
    fn per_point_layout_with_a_nonzero_minimum() {
        let layout = Layout::per_point(RatingScale::FIVE_POINT);
        let values = [1, 2, 2, 5, 5, 5, 3];
        let counts = tally_bytes(&layout, &values).unwrap();
        assert_eq!(&counts[..5], &[1, 2, 1, 0, 3]);
        assert_eq!(tally_bytes(&layout, &[3, 0]), Err(1));
        assert_eq!(tally_bytes(&layout, &[6]), Err(0));
    }

    #[test]
    fn top_of_the_u8_range() {
        let scale = RatingScale::new(245, 255).unwrap();
        let mut counts = RatingCounts::new(scale);
        counts.tally(&[255u8, 245, 250], "rating").unwrap();
        assert_eq!(counts.points()[10], 1);
        assert_eq!(counts.total(), 3);
        assert!(counts.tally(&[244u8], "rating").is_err());
    }

    #[test]
    fn merge_refuses_overflow_and_changes_nothing() {
        let mut big = Counts::<3>::from_array([MAX_COUNT, 0, 0]).unwrap();
        let one = Counts::<3>::from_array([0, 1, 0]).unwrap();
        assert!(big.merge(&one).is_err());
        assert_eq!(big.as_array(), &[MAX_COUNT, 0, 0]);
        assert!(Counts::<3>::from_array([MAX_COUNT, 1, 0]).is_none());
    }

    #[test]
    fn batch_refuses_overflow() {
        let mut big = Counts::<3>::from_array([MAX_COUNT, 0, 0]).unwrap();
        assert!(matches!(
            big.tally(&NPS_LAYOUT, &[1u8], "NPS score"),
            Err(BatchError::CountOverflow { .. })
        ));
    }

    #[test]
    fn mean_and_variance_from_counts() {
        let counts =
            RatingCounts::from_points(RatingScale::FIVE_POINT, &[1, 0, 0, 0, 1], 0).unwrap();
        assert_eq!(counts.mean(), Some(3.0));
        assert_eq!(counts.variance(), Some(8.0));
        let one = RatingCounts::from_points(RatingScale::FIVE_POINT, &[0, 0, 1, 0, 0], 0).unwrap();
        assert_eq!(one.variance(), None);
        let ci = one.mean_interval(ConfidenceLevel::P95).unwrap();
        assert_eq!((ci.lower(), ci.upper()), (1.0, 5.0));
    }
}
