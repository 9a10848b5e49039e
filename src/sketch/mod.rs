//! [`DurationSketch`], a mergeable log-bucket sketch of durations; the
//! stored form is in `state.rs`. The user-facing documentation is on [`DurationSketch`].

use std::time::Duration;

mod state;

use crate::aggregator::check_merge_total;
use crate::error::same;
use crate::error::{AccuracyError, MergeError, Setting};
use crate::interval::QuantileError;
use crate::interval::quantile_rank;

/// The finest accuracy a sketch accepts (0.01%: 5,000 buckets per octave).
const FINEST: f64 = 1e-4;
/// The coarsest accuracy a sketch accepts (50%: 1 bucket per octave).
const COARSEST: f64 = 0.5;
/// Octaves of `u64` nanoseconds: 1 ns up to 584 years.
const OCTAVES: usize = 64;

/// A mergeable quantile sketch of durations with relative accuracy α.
///
/// Quantiles of response times need every value, or a summary of them. Keeping every value costs
/// 8 bytes each and a sort; the sketch keeps one exact count per *bucket* of durations, with
/// buckets that grow geometrically, so any quantile it reports is within a stated relative
/// error of the true one while its memory depends only on the *range* of the durations, never on
/// how many there are. Counts are integers, so merging two sketches is exact addition and the
/// result is the same whatever the order or split of the stream.
///
/// # The buckets and the guarantee
///
/// Durations are whole nanoseconds. A duration `d ≥ 1 ns` lies in an octave `[2^e, 2^(e+1))`;
/// each octave is cut into `M` buckets of equal width, so bucket `j` of octave `e` holds
/// `[2^e (1 + j/M), 2^e (1 + (j+1)/M))`: the same layout as HdrHistogram's, with `M` chosen from
/// the accuracy rather than a power of two. A bucket's upper edge is at most `1 + 1/M` times its
/// lower edge, and the sketch answers with the bucket's harmonic midpoint `2·lo·hi / (lo + hi)`,
/// which is within `1 / (2M + 1)` of every value in the bucket, relative. With
/// `M = ⌈(1 − α) / 2α⌉` that is at most α:
///
/// > **Guarantee.** For relative accuracy α, the value reported for the rank-r order statistic
/// > lies within `α · x₍ᵣ₎` of the true r-th smallest duration x₍ᵣ₎. The minimum and maximum
/// > are exact, every estimate is clamped to them, and zero durations are counted exactly.
///
/// # Small samples are exact
///
/// A team with fifteen tickets should see its true median, not one within 1% of it. The
/// sketch keeps the durations themselves until it holds more than
/// [`EXACT_LIMIT`](Self::EXACT_LIMIT) (1,024) of them: every quantile, order statistic and
/// count below a limit is then exact ([`is_exact`](Self::is_exact)), and so are the
/// distribution-free intervals read off it. The 1,025th duration moves them all into the
/// buckets, and from then on the guarantee above applies. The switch depends only on how many
/// durations there are, never on their order or on how they were split: a merge of two exact
/// sketches stays exact while the total is at most the limit and buckets everything otherwise,
/// so merging partial sketches gives exactly the sketch of one pass. The exact values take at
/// most 8 KiB, and no buckets are allocated while they are kept.
///
/// At the default α = 1% there are 50 buckets per octave; durations from 1 ms to 1 year span
/// 35 octaves, about 1,750 buckets or 14 KiB of counts. Only the range between the smallest and
/// largest bucket seen is allocated, so a sketch of durations between 1 and 10 minutes takes
/// about 1.4 KiB.
///
/// The sketch follows the relative-error idea of DDSketch (Masson, Rim & Lee, *DDSketch: a fast
/// and fully-mergeable quantile sketch with relative-error guarantees*, VLDB 2019) with the
/// cheap index of HdrHistogram (Tene): the bucket comes from the leading-zero count and the
/// next bits of the integer, with no logarithm.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use satisfaction::support::DurationSketch;
///
/// let mut sketch = DurationSketch::default(); // 1% relative accuracy
/// for minutes in 1..=100 {
///     sketch.push(Duration::from_secs(60 * minutes));
/// }
/// let median = sketch.quantile(0.5)?.unwrap();
/// let exact = 50.0 * 60.0;
/// assert!((median.as_secs_f64() - exact).abs() <= 0.01 * exact);
/// assert_eq!(sketch.max(), Some(Duration::from_secs(6000))); // exact
/// # Ok::<(), satisfaction::interval::QuantileError>(())
/// ```
///
/// Sketches merge only with sketches of the same accuracy:
///
/// ```
/// use std::time::Duration;
/// use satisfaction::support::DurationSketch;
///
/// let mut a = DurationSketch::new(0.005)?; // 0.5%
/// let mut b = DurationSketch::new(0.005)?;
/// a.push(Duration::from_millis(1500));
/// b.push(Duration::from_secs(90));
/// a.merge(&b)?;
/// assert_eq!(a.count(), 2);
/// assert!(a.merge(&DurationSketch::default()).is_err()); // different accuracy
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// State: `size_of::<DurationSketch>() == 128` bytes, plus 8 bytes per kept duration (at most
/// 1,024) while exact, and 8 bytes per allocated bucket after.
#[derive(Debug, Clone)]
pub struct DurationSketch {
    /// α, as given.
    accuracy: f64,
    /// M, buckets per octave, derived from α.
    per_octave: u32,
    /// Bucket index of `counts[0]`.
    offset: usize,
    /// One count per bucket from `offset` on; empty while the sketch is exact.
    counts: Vec<u64>,
    /// Every duration in ns, sorted, while there are at most [`EXACT_LIMIT`](Self::EXACT_LIMIT)
    /// of them (the sketch is then exact); empty once the buckets took over.
    exact: Vec<u64>,
    /// Durations of exactly 0 ns.
    zeros: u64,
    /// All durations recorded (zeros included).
    count: u64,
    /// Smallest and largest duration in ns (`u64::MAX` and 0 while empty).
    min: u64,
    max: u64,
    /// Sum of all durations in ns.
    sum: u128,
}

/// Two sketches are equal when they hold the same counts at the same accuracy, however their
/// buckets happen to be allocated.
impl PartialEq for DurationSketch {
    fn eq(&self, other: &Self) -> bool {
        self.accuracy.to_bits() == other.accuracy.to_bits()
            && self.zeros == other.zeros
            && self.count == other.count
            && self.min == other.min
            && self.max == other.max
            && self.sum == other.sum
            && self.occupied() == other.occupied()
            && self.exact == other.exact
    }
}

impl Default for DurationSketch {
    /// A sketch with 1% relative accuracy.
    fn default() -> Self {
        Self::with_buckets(Self::DEFAULT_ACCURACY, per_octave(Self::DEFAULT_ACCURACY))
    }
}

impl DurationSketch {
    /// The default relative accuracy: 1%.
    pub const DEFAULT_ACCURACY: f64 = 0.01;

    /// Up to this many durations the sketch keeps them all and is exact (see
    /// [Small samples are exact](Self#small-samples-are-exact)). Part of the state format: a
    /// sketch read back from storage is exact exactly when it holds at most this many.
    pub const EXACT_LIMIT: usize = 1024;

    /// A sketch whose quantiles are within `relative_accuracy` of the true ones.
    ///
    /// # Errors
    ///
    /// [`AccuracyError`] unless `0.0001 <= relative_accuracy <= 0.5`.
    pub fn new(relative_accuracy: f64) -> Result<Self, AccuracyError> {
        if !(FINEST..=COARSEST).contains(&relative_accuracy) {
            return Err(AccuracyError {
                value: relative_accuracy,
            });
        }
        Ok(Self::with_buckets(
            relative_accuracy,
            per_octave(relative_accuracy),
        ))
    }

    fn with_buckets(accuracy: f64, per_octave: u32) -> Self {
        Self {
            accuracy,
            per_octave,
            offset: 0,
            counts: Vec::new(),
            exact: Vec::new(),
            zeros: 0,
            count: 0,
            min: u64::MAX,
            max: 0,
            sum: 0,
        }
    }

    /// The relative accuracy α the sketch guarantees.
    #[must_use]
    pub fn relative_accuracy(&self) -> f64 {
        self.accuracy
    }

    /// Records one duration. Durations beyond `u64::MAX` nanoseconds (584 years) are recorded
    /// as that; a push past [`MAX_COUNT`](crate::MAX_COUNT) durations saturates.
    #[inline]
    pub fn push(&mut self, duration: Duration) {
        self.record(u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX));
    }

    /// Records one duration given in nanoseconds.
    #[inline]
    pub fn push_nanos(&mut self, nanos: u64) {
        self.record(nanos);
    }

    #[inline]
    fn record(&mut self, ns: u64) {
        self.count = self.count.saturating_add(1);
        self.sum = self.sum.saturating_add(u128::from(ns));
        self.min = self.min.min(ns);
        self.max = self.max.max(ns);
        if ns == 0 {
            self.zeros = self.zeros.saturating_add(1);
        }
        if self.count <= EXACT_LIMIT_U64 {
            let at = self.exact.partition_point(|&v| v <= ns);
            self.exact.insert(at, ns);
            return;
        }
        if !self.exact.is_empty() {
            self.spill();
        }
        if ns > 0 {
            self.bucket(ns, 1);
        }
    }

    /// Whether the sketch still holds every duration (at most
    /// [`EXACT_LIMIT`](Self::EXACT_LIMIT) of them): its quantiles and counts are then exact.
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.count <= EXACT_LIMIT_U64
    }

    /// Moves the kept durations into the buckets: the switch from exact to bounded memory.
    fn spill(&mut self) {
        let exact = std::mem::take(&mut self.exact);
        for ns in exact.into_iter().filter(|&ns| ns > 0) {
            self.bucket(ns, 1);
        }
    }

    /// Adds `n` to the bucket of `ns ≥ 1`, allocating it if needed.
    #[inline]
    fn bucket(&mut self, ns: u64, n: u64) {
        let index = self.index(ns);
        if self.counts.get(index.wrapping_sub(self.offset)).is_none() {
            self.cover(index, index);
        }
        if let Some(count) = self.counts.get_mut(index.wrapping_sub(self.offset)) {
            *count = count.saturating_add(n);
        }
    }

    /// The bucket of `ns ≥ 1`: M buckets per octave, by the bits after the leading one.
    #[inline]
    fn index(&self, ns: u64) -> usize {
        let leading = ns.leading_zeros();
        let octave = 63 - leading;
        // The bits below the leading one, as a 64-bit fraction in [0, 1). Two shifts, because
        // shifting a u64 by 64 is not allowed.
        let fraction = (ns << leading) << 1;
        let sub = (u128::from(fraction) * u128::from(self.per_octave)) >> 64;
        octave as usize * self.per_octave as usize + sub as usize
    }

    /// The bounds `[lo, hi)` of bucket `index`, in ns.
    fn bounds(&self, index: usize) -> (f64, f64) {
        let m = self.per_octave as usize;
        let (octave, sub) = (index / m, index % m);
        let base = 2f64.powi(octave as i32);
        let m = m as f64;
        (
            base * (1.0 + sub as f64 / m),
            base * (1.0 + (sub + 1) as f64 / m),
        )
    }

    /// Extends the allocated buckets to cover `low..=high`, with half an octave of slack on the
    /// side that grows so that a slowly rising maximum does not reallocate on every push.
    fn cover(&mut self, low: usize, high: usize) {
        let last_index = OCTAVES * self.per_octave as usize - 1;
        let slack = self.per_octave as usize / 2;
        let (old_low, old_high) = if self.counts.is_empty() {
            (low, high)
        } else {
            (self.offset, self.offset + self.counts.len() - 1)
        };
        let new_low = if low < old_low || self.counts.is_empty() {
            low.saturating_sub(slack)
        } else {
            old_low
        };
        let new_high = if high > old_high || self.counts.is_empty() {
            (high + slack).min(last_index)
        } else {
            old_high
        };
        if !self.counts.is_empty() && new_low == old_low && new_high == old_high {
            return;
        }
        let mut counts = vec![0u64; new_high - new_low + 1];
        if !self.counts.is_empty() {
            let start = old_low - new_low;
            counts[start..start + self.counts.len()].copy_from_slice(&self.counts);
        }
        self.counts = counts;
        self.offset = new_low;
    }

    /// Adds `other`'s durations to this sketch.
    ///
    /// # Errors
    ///
    /// [`MergeError::ConfigurationMismatch`] when the accuracies differ (their buckets do not
    /// line up), [`MergeError::CountOverflow`] past [`MAX_COUNT`](crate::MAX_COUNT); either
    /// way `self` is unchanged.
    pub fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        // Compared bit for bit: the buckets line up only for the very same accuracy.
        let bits = |sketch: &Self| sketch.accuracy.to_bits();
        same("sketch relative accuracy", bits(self), bits(other), |b| {
            Setting::Number(f64::from_bits(b))
        })?;
        check_merge_total(self.count, other.count)?;
        if self.count + other.count <= EXACT_LIMIT_U64 {
            // Both are exact and stay so.
            self.exact = merge_sorted(&self.exact, &other.exact);
        } else {
            self.spill();
            for &ns in other.exact.iter().filter(|&&ns| ns > 0) {
                self.bucket(ns, 1);
            }
            if !other.counts.is_empty() {
                self.cover(other.offset, other.offset + other.counts.len() - 1);
                let start = other.offset - self.offset;
                for (mine, theirs) in self.counts[start..].iter_mut().zip(&other.counts) {
                    *mine += theirs;
                }
            }
        }
        self.zeros += other.zeros;
        self.count += other.count;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        self.sum = self.sum.saturating_add(other.sum);
        Ok(())
    }

    /// How many durations were recorded.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.count
    }

    /// `true` when nothing was recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The shortest duration (exact), `None` when empty.
    #[must_use]
    pub fn min(&self) -> Option<Duration> {
        (self.count > 0).then(|| Duration::from_nanos(self.min))
    }

    /// The longest duration (exact), `None` when empty.
    #[must_use]
    pub fn max(&self) -> Option<Duration> {
        (self.count > 0).then(|| Duration::from_nanos(self.max))
    }

    /// The mean duration, from the exact sum (rounded to the nanosecond); `None` when empty.
    #[must_use]
    pub fn mean(&self) -> Option<Duration> {
        if self.count == 0 {
            return None;
        }
        let count = u128::from(self.count);
        let mean = (self.sum + count / 2) / count;
        Some(Duration::from_nanos(
            u64::try_from(mean).unwrap_or(u64::MAX),
        ))
    }

    /// The sum of all durations in nanoseconds (exact, saturating at `u128::MAX`).
    #[must_use]
    pub fn sum_nanos(&self) -> u128 {
        self.sum
    }

    /// The `q`-quantile, `Ok(None)` when empty.
    ///
    /// The quantile is the order statistic of rank ⌈q n⌉ (q = 0 is the minimum; see
    /// [`quantile_rank`]): exact while the sketch [`is_exact`](Self::is_exact), within its
    /// relative accuracy after.
    ///
    /// # Errors
    ///
    /// [`QuantileError::OutOfRange`] when `q` is not in [0, 1].
    pub fn quantile(&self, q: f64) -> Result<Option<Duration>, QuantileError> {
        let rank = quantile_rank(self.count, q)?;
        Ok(self.value_at_rank(rank))
    }

    /// The estimated `rank`-th smallest duration (1-based), `None` unless `1 <= rank <= count`.
    #[must_use]
    pub fn value_at_rank(&self, rank: u64) -> Option<Duration> {
        if rank == 0 || rank > self.count {
            return None;
        }
        Some(Duration::from_nanos(self.nanos_at_rank(rank)))
    }

    fn nanos_at_rank(&self, rank: u64) -> u64 {
        if self.is_exact() {
            let at = usize::try_from(rank - 1).unwrap_or(usize::MAX);
            return self.exact.get(at).copied().unwrap_or(self.max);
        }
        if rank == 1 {
            return self.min;
        }
        if rank >= self.count {
            return self.max;
        }
        let mut seen = self.zeros;
        if rank <= seen {
            return 0;
        }
        // Skip whole chunks by their sums (a loop the compiler vectorises), then walk the one
        // chunk that holds the rank: a few hundred buckets cost tens of ns, not hundreds.
        const CHUNK: usize = 16;
        for (c, chunk) in self.counts.chunks(CHUNK).enumerate() {
            let total: u64 = chunk.iter().sum();
            if seen + total < rank {
                seen += total;
                continue;
            }
            for (j, &count) in chunk.iter().enumerate() {
                seen += count;
                if seen >= rank {
                    let (lo, hi) = self.bounds(self.offset + c * CHUNK + j);
                    let estimate = 2.0 * lo * hi / (lo + hi);
                    // `as` saturates; the clamp keeps the exact extremes exact.
                    return (estimate.round() as u64).clamp(self.min, self.max);
                }
            }
        }
        self.max
    }

    /// The index of the first non-empty bucket and the counts from it to the last non-empty
    /// one: the allocation without its slack.
    /// How many recorded durations are at most `limit`, as far as the buckets can tell: at
    /// least the first number, at most the second. Durations in `limit`'s own bucket are
    /// undecided, except that the exact minimum and maximum decide one each.
    pub(crate) fn count_at_most(&self, limit: Duration) -> (u64, u64) {
        if self.count == 0 {
            return (0, 0);
        }
        let limit = u64::try_from(limit.as_nanos()).unwrap_or(u64::MAX);
        if limit >= self.max {
            return (self.count, self.count);
        }
        if limit < self.min {
            return (0, 0);
        }
        if self.is_exact() {
            let at_most = self.exact.partition_point(|&v| v <= limit) as u64;
            return (at_most, at_most);
        }
        // min <= limit < max from here: both extremes are decided.
        if limit == 0 {
            return (self.zeros, self.zeros);
        }
        let at = self.index(limit);
        let (mut below, mut same, mut above) = (self.zeros, 0u64, 0u64);
        for (i, &c) in self.counts.iter().enumerate() {
            match (self.offset + i).cmp(&at) {
                std::cmp::Ordering::Less => below += c,
                std::cmp::Ordering::Equal => same += c,
                std::cmp::Ordering::Greater => above += c,
            }
        }
        // The minimum is at most the limit, the maximum above it: if either sits in the
        // limit's own bucket, it is decided.
        let (mut certain_below, mut certain_above) = (below, above);
        if below == 0 && same > 0 {
            certain_below += 1;
        }
        if above == 0 && same > 0 {
            certain_above += 1;
        }
        (certain_below, self.count.saturating_sub(certain_above))
    }

    fn occupied(&self) -> (usize, &[u64]) {
        match (
            self.counts.iter().position(|&c| c > 0),
            self.counts.iter().rposition(|&c| c > 0),
        ) {
            (Some(first), Some(last)) => (self.offset + first, &self.counts[first..=last]),
            _ => (0, &[]),
        }
    }

    /// Bytes this sketch occupies: the struct plus its allocated counts.
    #[must_use]
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + (self.counts.capacity() + self.exact.capacity()) * std::mem::size_of::<u64>()
    }
}

/// The sorted union (with repeats) of two sorted slices.
fn merge_sorted(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        if x <= y {
            out.push(x);
            i += 1;
        } else {
            out.push(y);
            j += 1;
        }
    }
    out.extend_from_slice(a.get(i..).unwrap_or_default());
    out.extend_from_slice(b.get(j..).unwrap_or_default());
    out
}

/// [`DurationSketch::EXACT_LIMIT`] as a count.
const EXACT_LIMIT_U64: u64 = DurationSketch::EXACT_LIMIT as u64;

/// M = ⌈(1 − α) / 2α⌉ buckets per octave, so that 1 / (2M + 1) ≤ α.
fn per_octave(accuracy: f64) -> u32 {
    ((1.0 - accuracy) / (2.0 * accuracy)).ceil().max(1.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_per_octave() {
        assert_eq!(per_octave(0.01), 50);
        assert_eq!(per_octave(0.5), 1);
        assert_eq!(per_octave(1e-4), 5000);
        for accuracy in [1e-4, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5] {
            let m = f64::from(per_octave(accuracy));
            assert!(1.0 / (2.0 * m + 1.0) <= accuracy);
        }
    }

    #[test]
    fn index_is_monotone_and_matches_bounds() {
        let sketch = DurationSketch::default();
        let mut previous = 0;
        for ns in (1..100_000u64).chain([u64::MAX / 3, u64::MAX - 1, u64::MAX]) {
            let index = sketch.index(ns);
            assert!(index >= previous);
            previous = index;
            let (lo, hi) = sketch.bounds(index);
            let x = ns as f64;
            assert!(
                lo <= x * (1.0 + 1e-15) && x < hi * (1.0 + 1e-15),
                "{ns}: [{lo}, {hi})"
            );
        }
    }

    #[test]
    fn relative_error_within_accuracy() {
        for accuracy in [0.001, 0.01, 0.05] {
            let mut sketch = DurationSketch::new(accuracy).unwrap();
            let values: Vec<u64> = (0..2000u64).map(|i| 1_000_000 + i * i * 7919).collect();
            for &v in &values {
                sketch.push_nanos(v);
            }
            for (rank, &exact) in values.iter().enumerate() {
                let got = sketch.value_at_rank(rank as u64 + 1).unwrap().as_nanos() as f64;
                let exact = exact as f64;
                assert!(
                    (got - exact).abs() <= accuracy * exact + 0.5,
                    "{got} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn one_millisecond_to_one_year_fits_in_16_kib() {
        let year = Duration::from_secs(365 * 24 * 3600 + 6 * 3600);
        let mut rising = DurationSketch::default();
        let mut spread = DurationSketch::default();
        let mut ns = 1_000_000u64;
        while ns <= year.as_nanos() as u64 {
            rising.push_nanos(ns);
            ns += ns / 1000 + 1;
        }
        spread.push(Duration::from_millis(1));
        spread.push(year);
        spread.push(Duration::from_secs(60));
        assert!(
            rising.memory_bytes() <= 16 * 1024,
            "{}",
            rising.memory_bytes()
        );
        assert!(
            spread.memory_bytes() <= 16 * 1024,
            "{}",
            spread.memory_bytes()
        );
    }

    #[test]
    fn empty_and_zeros() {
        let mut sketch = DurationSketch::default();
        assert_eq!(sketch.quantile(0.5), Ok(None));
        assert_eq!(sketch.mean(), None);
        sketch.push(Duration::ZERO);
        sketch.push(Duration::ZERO);
        sketch.push(Duration::from_secs(1));
        assert_eq!(sketch.quantile(0.5), Ok(Some(Duration::ZERO)));
        assert_eq!(sketch.quantile(1.0), Ok(Some(Duration::from_secs(1))));
        assert!(sketch.quantile(1.5).is_err());
        sketch.push(Duration::MAX);
        assert_eq!(sketch.max(), Some(Duration::from_nanos(u64::MAX)));
    }

    #[test]
    fn bytes_with_zero_durations_need_a_zero_minimum() {
        let mut sketch = DurationSketch::default();
        sketch.push(Duration::ZERO);
        sketch.push_nanos(1000);
        let mut bytes = sketch.to_bytes();
        assert_eq!(DurationSketch::from_bytes(&bytes).unwrap(), sketch);
        // Header: tag 0..4, version 4..8, accuracy 8..16, offset 16..24, zeros 24..32,
        // minimum 32..40, maximum 40..48, sum 48..64. A forged minimum of 1000 ns (with a sum
        // that agrees with it) would hide the zero durations from `min` and the quantiles.
        bytes[32..40].copy_from_slice(&1000_u64.to_le_bytes());
        bytes[48..64].copy_from_slice(&2000_u128.to_le_bytes());
        assert!(DurationSketch::from_bytes(&bytes).is_err());
    }

    #[test]
    fn merge_grows_both_ways_and_refuses_other_accuracy() {
        let mut a = DurationSketch::default();
        let mut b = DurationSketch::default();
        a.push(Duration::from_secs(60));
        b.push(Duration::from_millis(5));
        b.push(Duration::from_secs(86_400));
        let mut one_pass = a.clone();
        one_pass.push(Duration::from_millis(5));
        one_pass.push(Duration::from_secs(86_400));
        a.merge(&b).unwrap();
        assert_eq!(a, one_pass);
        let before = a.clone();
        assert!(a.merge(&DurationSketch::new(0.02).unwrap()).is_err());
        assert_eq!(a, before);
    }

    /// Fifteen tickets around an hour: the median is the 8th wait itself, not a bucket's
    /// midpoint within 1% of it.
    #[test]
    fn small_samples_are_exact() {
        let mut sketch = DurationSketch::default();
        let waits: Vec<u64> = (0..15).map(|i| 5_400 + 97 * (i * 7 % 15) - 600).collect();
        for &w in &waits {
            sketch.push(Duration::from_secs(w));
        }
        let mut sorted = waits.clone();
        sorted.sort_unstable();
        assert!(sketch.is_exact());
        for q in [0.1, 0.25, 0.5, 0.9, 1.0] {
            let rank = crate::interval::quantile_rank(15, q).unwrap();
            assert_eq!(
                sketch.quantile(q).unwrap(),
                Some(Duration::from_secs(sorted[rank as usize - 1])),
                "q = {q}"
            );
        }
        let limit = Duration::from_secs(sorted[6]);
        assert_eq!(sketch.count_at_most(limit), (7, 7));
        // The kept durations (a vector grown by doubling) and no buckets.
        assert!(sketch.memory_bytes() <= std::mem::size_of::<DurationSketch>() + 16 * 8);
    }

    /// The switch to buckets depends on the count alone: merging exact parts of any sizes
    /// gives the sketch of one pass, exact or bucketed.
    #[test]
    fn the_switch_to_buckets_is_order_free() {
        let values: Vec<u64> = (0..2_100u64)
            .map(|i| 1 + i * i * 7_919 % 86_400_000_000_000)
            .collect();
        for total in [1_023, 1_024, 1_025, 2_100] {
            let mut one_pass = DurationSketch::default();
            values[..total].iter().for_each(|&v| one_pass.push_nanos(v));
            assert_eq!(one_pass.is_exact(), total <= DurationSketch::EXACT_LIMIT);
            for cut in [0, 1, 512, total / 2, total - 1, total] {
                let (mut left, mut right) = (DurationSketch::default(), DurationSketch::default());
                values[..cut].iter().for_each(|&v| left.push_nanos(v));
                values[cut..total]
                    .iter()
                    .rev()
                    .for_each(|&v| right.push_nanos(v));
                let mut merged = right.clone();
                merged.merge(&left).unwrap();
                left.merge(&right).unwrap();
                assert_eq!(left, one_pass, "{total} split at {cut}");
                assert_eq!(merged, one_pass, "{total} split at {cut}, reversed");
                assert_eq!(left.to_bytes(), one_pass.to_bytes());
            }
        }
    }

    #[test]
    fn bucket_counts_for_a_small_sketch_are_refused() {
        let mut big = DurationSketch::default();
        (0..1_025u64).for_each(|i| big.push_nanos(1_000 + i));
        let state = state::SketchState::from(&big);
        // The same buckets, one duration fewer: a sketch of 1,024 keeps the durations.
        let mut bytes = Vec::new();
        state.write(&mut bytes);
        let small = DurationSketch::from_bytes(&bytes).unwrap();
        assert!(!small.is_exact());
        let mut exact = DurationSketch::default();
        (0..1_024u64).for_each(|i| exact.push_nanos(1_000 + i));
        assert!(exact.is_exact());
        let mut forged = big.clone();
        forged.count -= 1;
        forged.sum -= 2_024;
        forged.max = 2_023;
        if let Some(last) = forged.counts.iter_mut().rev().find(|c| **c > 0) {
            *last -= 1;
        }
        let err = DurationSketch::try_from(state::SketchState::from(&forged)).unwrap_err();
        assert!(err.to_string().contains("keeps the durations"), "{err}");
    }
}
