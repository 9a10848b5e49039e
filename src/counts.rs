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

use crate::aggregator::check_merge_total;
use crate::scale::RatingScale;
use crate::{BatchError, MergeError, ScoreError, StateError};

/// The largest number of observations one aggregator holds: 2^63 − 1.
///
/// Merges, batch ingestion and deserialisation that would exceed it fail with an error; the
/// aggregator is left unchanged.
pub const MAX_COUNT: u64 = i64::MAX as u64;

/// The total of `counts`, or [`StateError::TooMany`] when it exceeds [`MAX_COUNT`]: the one
/// check every state's constructor makes (computed in `u128`, so it cannot wrap).
pub(crate) fn checked_total(what: &'static str, counts: &[u64]) -> Result<u64, StateError> {
    let total: u128 = counts.iter().map(|&c| u128::from(c)).sum();
    u64::try_from(total)
        .ok()
        .filter(|&t| t <= MAX_COUNT)
        .ok_or(StateError::TooMany {
            what,
            total,
            limit: MAX_COUNT,
        })
}

/// The exact state of a bucketed metric as the SQL functions store it: one named count per
/// bucket. Each metric defines its buckets once, beside the rule that fills them (NPS by
/// [`NpsCategory`](crate::NpsCategory), CSAT and CES per scale point, churn by
/// [`CustomerPeriod`](crate::CustomerPeriod), ...), and [`with_bucket_counts`] goes through the
/// metric's own validated constructor.
///
/// [`with_bucket_counts`]: BucketState::with_bucket_counts
#[cfg(feature = "datafusion")]
pub(crate) trait BucketState: Sized {
    /// The buckets' names, in state order (the SQL state's column names).
    fn bucket_names() -> Vec<String>;

    /// One count per bucket, in state order.
    fn bucket_counts(&self) -> Vec<u64>;

    /// An aggregator configured like `self` holding `counts`.
    ///
    /// # Errors
    ///
    /// What the metric's validated constructor refuses (totals past [`MAX_COUNT`], counts
    /// beyond a scale's points, more churned than at the start...).
    fn with_bucket_counts(&self, counts: &[u64]) -> Result<Self, StateError>;

    /// The rating scale the counts are on, for metrics whose buckets are its points: the SQL
    /// state carries it, so that a merge under another scale is refused.
    fn scale(&self) -> Option<RatingScale> {
        None
    }
}

/// Values per chunk of the batch kernel: small enough that a per-lane `u8` counter cannot wrap
/// (at most 240 increments), large enough to amortise each chunk's horizontal sums.
const CHUNK: usize = 240;

/// How raw byte values map to buckets: bucket `i` holds `edges[i]..edges[i + 1]`, the last used
/// bucket holds `edges[used - 1]..=max`, and values outside `min..=max` are rejected.
#[derive(Debug, Clone, Copy)]
pub struct Layout<const N: usize> {
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
    /// Counts from an array.
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] when their total exceeds [`MAX_COUNT`].
    pub(crate) fn from_array(what: &'static str, counts: [u64; N]) -> Result<Self, StateError> {
        checked_total(what, &counts)?;
        Ok(Self(counts))
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
        check_merge_total(self.total(), other.total())?;
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
    pub(crate) fn tally<T: RawScore>(
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

/// An integer type raw scores arrive in: every primitive integer (`u8` ... `u64`, `i8` ...
/// `i64`, `usize`, `isize`), so a value read from a CSV file or a SQL column is checked as it
/// is, never cast first (`256_i32 as u8` would silently become a detractor).
///
/// `u8` takes the vectorised kernel directly; wider types are range-checked a chunk at a time and
/// narrowed for the same kernel. Sealed: the crate implements it for the primitive integers.
///
/// ```
/// use satisfaction::{Aggregator, Nps};
///
/// let mut nps = Nps::default();
/// nps.try_push(9_i64)?;
/// assert!(nps.try_push(256_i32).is_err()); // not a 0
/// assert!(nps.try_push(-1_i64).is_err());
/// nps.try_extend_from_slice(&[10_u32, 3, 7])?;
/// assert_eq!(nps.count(), 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait RawScore: Copy + sealed::Sealed {}

pub(crate) mod sealed {
    use super::Layout;

    /// The operations behind [`RawScore`](super::RawScore), out of the public API.
    pub trait Sealed: Copy {
        /// The value, widened so that every integer type fits, for checks and error messages.
        fn widen(self) -> i128;

        /// Counts `values` into `layout`'s buckets, or returns the index of the first value
        /// outside `layout.min..=layout.max`.
        fn tally<const N: usize>(layout: &Layout<N>, values: &[Self]) -> Result<[u64; N], usize>;
    }
}

use sealed::Sealed;

impl RawScore for u8 {}

impl Sealed for u8 {
    #[inline]
    fn widen(self) -> i128 {
        i128::from(self)
    }

    fn tally<const N: usize>(layout: &Layout<N>, values: &[u8]) -> Result<[u64; N], usize> {
        tally_bytes(layout, values)
    }
}

macro_rules! wide_raw {
    ($($t:ty),+) => {$(
        impl RawScore for $t {}

        impl Sealed for $t {
            #[inline]
            fn widen(self) -> i128 {
                self as i128
            }

            fn tally<const N: usize>(layout: &Layout<N>, values: &[$t]) -> Result<[u64; N], usize> {
                dispatch(|| Self::tally_portable(layout, values))
            }
        }

        impl WideKernel for $t {
            #[inline(always)]
            fn tally_portable<const N: usize>(
                layout: &Layout<N>,
                values: &[$t],
            ) -> Result<[u64; N], usize> {
                // A scale minimum the type cannot hold (200 for i8) rejects every value.
                let Some(min) = <$t>::try_from(layout.min).ok() else {
                    return if values.is_empty() { Ok([0; N]) } else { Err(0) };
                };
                // A maximum the type cannot hold is above every value of the type.
                let max = <$t>::try_from(layout.max).unwrap_or(<$t>::MAX);
                let mut bytes = [0u8; CHUNK];
                let mut at_least = [0u64; N];
                for (chunk_number, chunk) in values.chunks(CHUNK).enumerate() {
                    let high = chunk.iter().fold(min, |m: $t, &v| m.max(v));
                    let low = chunk.iter().fold(<$t>::MAX, |m, &v| m.min(v));
                    if high > max || low < min {
                        let offset = chunk.iter().position(|&v| v < min || v > max).unwrap_or(0);
                        return Err(chunk_number * CHUNK + offset);
                    }
                    let narrow = &mut bytes[..chunk.len()];
                    for (b, &v) in narrow.iter_mut().zip(chunk) {
                        // In range, so within 0..=255: the cast keeps the value.
                        *b = v as u8;
                    }
                    count_edges(layout, narrow, &mut at_least);
                }
                Ok(buckets(layout, values.len(), at_least))
            }
        }
    )+};
}

/// The portable kernel of a wider integer type: range-checks a chunk, narrows it to bytes and
/// counts it like the `u8` kernel; [`dispatch`] runs it at the CPU's full width.
trait WideKernel: Sized {
    fn tally_portable<const N: usize>(
        layout: &Layout<N>,
        values: &[Self],
    ) -> Result<[u64; N], usize>;
}

wide_raw!(u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// Counts `values` into `layout`'s buckets, or returns the index of the first invalid value.
///
/// The slice is processed in L1-sized chunks. Each chunk is first range-checked with a min/max
/// reduction, then, for every bucket edge `e`, the number of values `>= e` is summed into `u8`
/// lanes: both loops are plain reductions that LLVM vectorises on the baseline x86-64 target
/// without `unsafe` or `target-cpu=native`. Bucket counts are differences of those
/// "at least" counts.
fn tally_bytes<const N: usize>(layout: &Layout<N>, values: &[u8]) -> Result<[u64; N], usize> {
    dispatch(|| tally_bytes_portable(layout, values))
}

/// Runs a batch kernel compiled for the widest instruction set the CPU has: with the `simd`
/// feature, `pulp` picks AVX2 or AVX-512 on x86-64 (NEON on aarch64) at run time and the
/// kernel's plain loops are vectorised for it; without the feature, or on a CPU with none of
/// them, the kernel runs as compiled for the baseline target. The kernels count integers, so
/// every path gives the same result bit for bit (the tests compare them).
#[inline(always)]
fn dispatch<R>(kernel: impl FnOnce() -> R) -> R {
    #[cfg(feature = "simd")]
    {
        pulp::Arch::new().dispatch(kernel)
    }
    #[cfg(not(feature = "simd"))]
    {
        kernel()
    }
}

#[inline(always)]
fn tally_bytes_portable<const N: usize>(
    layout: &Layout<N>,
    values: &[u8],
) -> Result<[u64; N], usize> {
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
#[inline(always)]
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
#[inline(always)]
fn count_at_least(chunk: &[u8], edge: u8) -> u8 {
    chunk
        .iter()
        .fold(0u8, |n, &v| n.wrapping_add(u8::from(v >= edge)))
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

    /// The dispatched kernel (the CPU's widest instruction set with feature `simd`) equals the
    /// baseline kernel on every length around the chunk edges and with a bad value at every
    /// position near them, for bytes and for a wider type.
    #[test]
    fn dispatched_kernels_equal_the_baseline() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in (0..=3 * CHUNK + 1).chain([4096, 10_000]) {
            let values: Vec<u8> = (0..len).map(|_| (next() % 11) as u8).collect();
            let portable = tally_bytes_portable(&NPS_LAYOUT, &values);
            assert_eq!(tally_bytes(&NPS_LAYOUT, &values), portable, "{len}");
            assert_eq!(portable, Ok(naive(&values)));
            let wide: Vec<u32> = values.iter().map(|&v| u32::from(v)).collect();
            assert_eq!(<u32 as Sealed>::tally(&NPS_LAYOUT, &wide), portable);
            assert_eq!(u32::tally_portable(&NPS_LAYOUT, &wide), portable);
        }
        let mut values: Vec<u8> = (0..3 * CHUNK + 7).map(|i| (i % 11) as u8).collect();
        for bad in (0..values.len()).filter(|i| i % CHUNK < 3 || i % CHUNK > CHUNK - 4) {
            let keep = values[bad];
            values[bad] = 11 + (bad % 200) as u8;
            let portable = tally_bytes_portable(&NPS_LAYOUT, &values);
            assert_eq!(portable, Err(bad));
            assert_eq!(tally_bytes(&NPS_LAYOUT, &values), portable);
            let wide: Vec<i64> = values.iter().map(|&v| i64::from(v)).collect();
            assert_eq!(<i64 as Sealed>::tally(&NPS_LAYOUT, &wide), portable);
            values[bad] = keep;
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
    fn merge_refuses_overflow_and_changes_nothing() {
        let mut big = Counts::<3>::from_array("test", [MAX_COUNT, 0, 0]).unwrap();
        let one = Counts::<3>::from_array("test", [0, 1, 0]).unwrap();
        assert!(big.merge(&one).is_err());
        assert_eq!(big.as_array(), &[MAX_COUNT, 0, 0]);
        assert!(Counts::<3>::from_array("test", [MAX_COUNT, 1, 0]).is_err());
    }

    #[test]
    fn batch_refuses_overflow() {
        let mut big = Counts::<3>::from_array("test", [MAX_COUNT, 0, 0]).unwrap();
        assert!(matches!(
            big.tally(&NPS_LAYOUT, &[1u8], "NPS score"),
            Err(BatchError::CountOverflow { .. })
        ));
    }
}
