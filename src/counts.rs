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

mod kernel;

pub(crate) use kernel::{Kernel, run};

use crate::aggregator::MAX_COUNT;
use crate::aggregator::check_merge_total;
use crate::error::{BatchError, MergeError, StateError};
use crate::scale::RatingScale;
use crate::scale::ScoreError;

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

    /// The count of one bucket; 0 past the last (no index can panic).
    pub(crate) fn get(&self, bucket: usize) -> u64 {
        self.0.get(bucket).copied().unwrap_or(0)
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
        kernel::tally_bytes(layout, values)
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
                // A scale minimum the type cannot hold (200 for i8) rejects every value.
                let Some(min) = <$t>::try_from(layout.min).ok() else {
                    return if values.is_empty() { Ok([0; N]) } else { Err(0) };
                };
                // A maximum the type cannot hold is above every value of the type.
                let max = <$t>::try_from(layout.max).unwrap_or(<$t>::MAX);
                let mut bytes = [0u8; kernel::BLOCK];
                let mut at_least = [0u64; N];
                for (number, block) in values.chunks(kernel::BLOCK).enumerate() {
                    let narrow = &mut bytes[..block.len()];
                    kernel::run(Narrow { min, max, values: block, bytes: &mut *narrow })
                        .and_then(|()| kernel::count_at_least(layout, narrow, &mut at_least))
                        .map_err(|at| number * kernel::BLOCK + at)?;
                }
                Ok(buckets(layout, values.len(), at_least))
            }
        }

        impl kernel::Kernel for Narrow<'_, $t> {
            type Output = Result<(), usize>;

            #[inline(always)]
            fn call(self) -> Self::Output {
                let Narrow { min, max, values, bytes } = self;
                let high = values.iter().fold(min, |m, &v| m.max(v));
                let low = values.iter().fold(max, |m, &v| m.min(v));
                if high > max || low < min {
                    return Err(values.iter().position(|&v| v < min || v > max).unwrap_or(0));
                }
                for (b, &v) in bytes.iter_mut().zip(values) {
                    // In range, so within 0..=255: the cast keeps the value.
                    *b = v as u8;
                }
                Ok(())
            }
        }
    )+};
}

/// The narrowing kernel of a wider integer type: range-checks a block of values against
/// `min..=max` (in the type itself, so nothing is cast before it is checked) and writes them to
/// `bytes` for the byte kernel; the error is the offset of the first bad value.
struct Narrow<'a, T> {
    min: T,
    max: T,
    values: &'a [T],
    bytes: &'a mut [u8],
}

wide_raw!(u16, u32, u64, usize, i8, i16, i32, i64, isize);

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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The NPS buckets, spelled out for the kernel tests.
    pub(crate) const NPS_LAYOUT: Layout<3> = Layout {
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

    /// Every wider type counts like the bytes it narrows to, on lengths around the block edges,
    /// and finds a bad value (including ones a cast would wrap into range: 256 + 5, -256 + 7,
    /// the type's extremes) at its own index.
    #[test]
    fn wide_types_count_like_bytes() {
        fn check<T>(values: &[u8], bad: &[T])
        where
            T: Sealed + TryFrom<u8> + std::fmt::Debug,
        {
            let wide: Vec<T> = values.iter().filter_map(|&v| T::try_from(v).ok()).collect();
            let want = kernel::tally_bytes(&NPS_LAYOUT, values);
            assert_eq!(want, Ok(naive(values)));
            assert_eq!(T::tally(&NPS_LAYOUT, &wide), want);
            let mut wide = wide;
            for (k, at) in [0, 1, kernel::BLOCK - 1, kernel::BLOCK, wide.len() - 1]
                .into_iter()
                .enumerate()
            {
                let keep = wide[at];
                wide[at] = bad[k % bad.len()];
                assert_eq!(T::tally(&NPS_LAYOUT, &wide), Err(at), "{:?}", wide[at]);
                wide[at] = keep;
            }
        }
        let values: Vec<u8> = (0..2 * kernel::BLOCK + 33)
            .map(|i| (i * 7 % 11) as u8)
            .collect();
        check::<u16>(&values, &[11, 261, u16::MAX]);
        check::<u32>(&values, &[11, 261, u32::MAX]);
        check::<u64>(&values, &[261, u64::MAX]);
        check::<usize>(&values, &[261, usize::MAX]);
        check::<i8>(&values, &[-1, 11, i8::MIN, i8::MAX]);
        check::<i16>(&values, &[-249, 261, i16::MIN]);
        check::<i32>(&values, &[-1, 261, i32::MIN, i32::MAX]);
        check::<i64>(&values, &[-249, 261, i64::MIN, i64::MAX]);
        check::<isize>(&values, &[-1, isize::MIN]);
        for len in [0, 1, 31, 32, 33, kernel::BLOCK + 1] {
            let short: Vec<u32> = (0..len).map(|i| (i % 11) as u32).collect();
            let bytes: Vec<u8> = (0..len).map(|i| (i % 11) as u8).collect();
            assert_eq!(u32::tally(&NPS_LAYOUT, &short), Ok(naive(&bytes)));
        }
    }

    #[test]
    fn kernel_reports_the_first_bad_index() {
        let mut values = vec![5u8; 10_000];
        for bad in [0, 31, 32, 8159, 8160, 9999] {
            values[bad] = 11;
            values[bad.min(9998) + 1] = 200;
            assert_eq!(kernel::tally_bytes(&NPS_LAYOUT, &values), Err(bad));
            values.fill(5);
        }
    }

    #[test]
    fn per_point_layout_with_a_nonzero_minimum() {
        let layout = Layout::per_point(RatingScale::FIVE_POINT);
        let values = [1, 2, 2, 5, 5, 5, 3];
        let counts = kernel::tally_bytes(&layout, &values).unwrap();
        assert_eq!(&counts[..5], &[1, 2, 1, 0, 3]);
        assert_eq!(kernel::tally_bytes(&layout, &[3, 0]), Err(1));
        assert_eq!(kernel::tally_bytes(&layout, &[6]), Err(0));
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
