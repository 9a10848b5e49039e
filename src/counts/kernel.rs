//! The batch kernels: validate a slice of raw scores and count it into a [`Layout`]'s buckets
//! in one pass, at the CPU's full vector width.
//!
//! # How a slice is counted
//!
//! Values are read in rows of [`LANES`] bytes. Each row is shifted down by the scale's minimum
//! (valid values become `0..=span`, anything else wraps above `span`), its lane-wise maximum is
//! kept for the range check, and for every bucket edge but the first one byte counter per lane
//! adds one when the value reaches the edge. Byte counters hold 255, so every [`ROWS`] rows (a
//! block) they are drained into `u64` totals, and the block's range check is decided then: a
//! bad value is found, by a scalar search of its block, before anything is kept. Bucket counts
//! are differences of the "at least this edge" totals ([`buckets`]).
//!
//! The portable kernel ([`CountBytes`]) is plain loops over the fixed lanes of one row, which
//! LLVM turns into one vector instruction per step (subtract, max, compare, subtract). The edge
//! compare is a *signed* byte compare of the shifted value: a valid value is at most 10 (scales
//! have at most 11 points), so its sign bit is free, and a signed compare is one instruction at
//! every x86 level (an unsigned one needs AVX-512). Out-of-range values may be miscounted, but
//! the range check of the same block refuses them. The number of edges is a const generic, so
//! each layout gets a kernel whose counters stay in registers.
//!
//! On x86-64 with AVX2, bytes take the table-lookup kernel of `shuffle.rs` instead: one
//! `vpshufb` answers two edges at once, so a seven-point scale costs 1.6 times NPS rather than
//! 2.1 times.
//!
//! # Dispatch
//!
//! [`run`] calls a [`Kernel`] compiled for the widest instruction set the CPU has. With feature
//! `simd`, `pulp` detects it at run time (AVX-512BW or AVX2 on x86-64, NEON on aarch64) and
//! holds the `unsafe` of calling a `#[target_feature]` function; the kernel is inlined into
//! pulp's per-level copies (through `pulp::WithSimd`, whose `with_simd` is
//! `#[inline(always)]`: a closure body is not reliably inlined, and then runs at the baseline),
//! so the same plain loops are vectorised for each width. Without the feature, or on a CPU with
//! none of them, the kernel runs as compiled for the baseline target (SSE2 on x86-64). The
//! kernels count integers, so every path gives the same result bit for bit; the tests run each
//! path against a scalar reference, and [`use_baseline`](crate::simd::use_baseline) forces the
//! baseline for a whole process.

use super::{Layout, buckets};

#[cfg(all(feature = "simd", target_arch = "x86_64"))]
mod shuffle;

/// Bytes per row: one AVX2 register. Measured against 64 (one AVX-512 register): equal on the
/// AVX-512 path for NPS and 1.5× faster for seven-point CES, whose six counters per lane fit the
/// register file only at this width; also 1.6× faster on the SSE2 baseline.
pub(crate) const LANES: usize = 32;

/// Rows per block: byte counters take at most 255 increments before they are drained.
const ROWS: usize = 255;

/// Values per block: the unit of the range check and of draining the counters.
pub(crate) const BLOCK: usize = LANES * ROWS;

/// A batch kernel: a computation [`run`] compiles for each instruction set.
pub(crate) trait Kernel {
    /// What it returns.
    type Output;

    /// Runs it. Implementations are `#[inline(always)]`, so that the body is compiled inside
    /// each dispatched copy, for that copy's instruction set.
    fn call(self) -> Self::Output;
}

/// An instruction set to run kernels on: the widest the CPU has ([`Path::best`]), or with
/// feature `simd` in tests, a narrower one to compare against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Path {
    #[cfg(feature = "simd")]
    arch: pulp::Arch,
    /// Whether byte counting takes the AVX2 table-lookup kernel where the level has AVX2
    /// (always, except in the tests of the portable kernel on those levels).
    #[cfg(feature = "simd")]
    shuffle: bool,
}

impl Path {
    /// The widest instruction set the CPU has, unless
    /// [`use_baseline`](crate::simd::use_baseline) asks for the baseline.
    #[inline(always)]
    pub(crate) fn best() -> Self {
        #[cfg(feature = "simd")]
        let arch = if crate::simd::baseline_only() {
            pulp::Arch::Scalar
        } else {
            pulp::Arch::new()
        };
        Self {
            #[cfg(feature = "simd")]
            arch,
            #[cfg(feature = "simd")]
            shuffle: true,
        }
    }

    /// The AVX2 token of this level, when byte counting takes the table-lookup kernel.
    #[cfg(all(feature = "simd", target_arch = "x86_64"))]
    fn shuffle_kernel(self) -> Option<pulp::x86::V3> {
        match self.arch {
            _ if !self.shuffle => None,
            pulp::Arch::V3(avx2) => Some(avx2),
            // AVX-512 includes AVX2; see `shuffle` for why the 256-bit kernel is kept.
            pulp::Arch::V4(_) => pulp::x86::V3::try_new(),
            _ => None,
        }
    }

    /// Counts `values` against `edges` into `counts` on this level, or returns the index of
    /// the first invalid value and adds nothing; `P` is `E.div_ceil(2)`.
    #[inline(always)]
    fn count_bytes<const E: usize, const P: usize>(
        self,
        edges: &Edges<E>,
        values: &[u8],
        counts: &mut [u64; E],
    ) -> Result<(), usize> {
        #[cfg(all(feature = "simd", target_arch = "x86_64"))]
        if let Some(avx2) = self.shuffle_kernel() {
            return shuffle::count::<E, P>(avx2, edges, values, counts);
        }
        self.run(CountBytes {
            edges,
            values,
            counts,
        })
    }

    /// Runs `kernel` compiled for this instruction set.
    #[inline(always)]
    pub(crate) fn run<K: Kernel>(self, kernel: K) -> K::Output {
        #[cfg(feature = "simd")]
        {
            self.arch.dispatch(Dispatched(kernel))
        }
        #[cfg(not(feature = "simd"))]
        {
            kernel.call()
        }
    }
}

/// Runs `kernel` on the widest instruction set the CPU has (see the module docs).
#[inline(always)]
pub(crate) fn run<K: Kernel>(kernel: K) -> K::Output {
    Path::best().run(kernel)
}

/// A [`Kernel`] as pulp's operation: `with_simd` is compiled once per instruction set.
#[cfg(feature = "simd")]
struct Dispatched<K>(K);

#[cfg(feature = "simd")]
impl<K: Kernel> pulp::WithSimd for Dispatched<K> {
    type Output = K::Output;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> Self::Output {
        self.0.call()
    }
}

/// Counts `values` into `layout`'s buckets, or returns the index of the first value outside
/// `layout.min..=layout.max`.
pub(crate) fn tally_bytes<const N: usize>(
    layout: &Layout<N>,
    values: &[u8],
) -> Result<[u64; N], usize> {
    tally_bytes_on(Path::best(), layout, values)
}

/// [`tally_bytes`] on `path`.
fn tally_bytes_on<const N: usize>(
    path: Path,
    layout: &Layout<N>,
    values: &[u8],
) -> Result<[u64; N], usize> {
    let mut at_least = [0u64; N];
    count_at_least_on(path, layout, values, &mut at_least)?;
    Ok(buckets(layout, values.len(), at_least))
}

/// Adds to `at_least[i]` (for each edge `i` but the first) how many of `values` are at least
/// `layout.edges[i]`, or returns the index of the first invalid value and adds nothing.
pub(crate) fn count_at_least<const N: usize>(
    layout: &Layout<N>,
    values: &[u8],
    at_least: &mut [u64; N],
) -> Result<(), usize> {
    count_at_least_on(Path::best(), layout, values, at_least)
}

/// [`count_at_least`] on `path`.
fn count_at_least_on<const N: usize>(
    path: Path,
    layout: &Layout<N>,
    values: &[u8],
    at_least: &mut [u64; N],
) -> Result<(), usize> {
    /// One kernel per number of edges above the first (0 to 10: a scale has 2 to 11 points),
    /// with the number of table lookups for two edges each.
    macro_rules! by_edges {
        ($($e:literal $p:literal),+) => {
            match layout.used.saturating_sub(1) {
                $($e => count_with::<$e, $p, N>(path, layout, values, at_least),)+
                _ => count_scalar(layout, values, at_least),
            }
        };
    }
    by_edges!(0 0, 1 1, 2 1, 3 2, 4 2, 5 3, 6 3, 7 4, 8 4, 9 5, 10 5)
}

/// [`count_at_least`] for a layout with `E` edges above its first.
fn count_with<const E: usize, const P: usize, const N: usize>(
    path: Path,
    layout: &Layout<N>,
    values: &[u8],
    at_least: &mut [u64; N],
) -> Result<(), usize> {
    let edges = Edges::<E>::new(layout);
    let mut counts = [0u64; E];
    path.count_bytes::<E, P>(&edges, values, &mut counts)?;
    for (total, count) in at_least.iter_mut().skip(1).zip(counts) {
        *total += count;
    }
    Ok(())
}

/// The scalar reference: the same result one value at a time (for layouts without a vector
/// kernel, which the crate never builds, and as the tests' oracle).
pub(crate) fn count_scalar<const N: usize>(
    layout: &Layout<N>,
    values: &[u8],
    at_least: &mut [u64; N],
) -> Result<(), usize> {
    if let Some(bad) = values
        .iter()
        .position(|&v| v < layout.min || v > layout.max)
    {
        return Err(bad);
    }
    for &v in values {
        for (total, &edge) in at_least
            .iter_mut()
            .zip(&layout.edges)
            .take(layout.used)
            .skip(1)
        {
            *total += u64::from(v >= edge);
        }
    }
    Ok(())
}

/// A layout in the kernel's terms: values are shifted down by `min`, valid ones are
/// `0..=span`, and a shifted value reaches edge `e` when, as a signed byte, it is above
/// `below[e]`.
#[derive(Debug, Clone, Copy)]
struct Edges<const E: usize> {
    min: u8,
    span: u8,
    below: [i8; E],
}

impl<const E: usize> Edges<E> {
    fn new<const N: usize>(layout: &Layout<N>) -> Self {
        let min = layout.min;
        Self {
            min,
            span: layout.max.wrapping_sub(min),
            // Edges ascend from `edges[0] == min`, and a scale spans at most 10, so each
            // `edge - min - 1` is in 0..=9 and fits an `i8`.
            below: std::array::from_fn(|e| {
                let edge = layout.edges.get(e + 1).copied().unwrap_or(layout.max);
                edge.wrapping_sub(min).wrapping_sub(1) as i8
            }),
        }
    }
}

/// The byte kernel over a whole slice.
struct CountBytes<'a, const E: usize> {
    edges: &'a Edges<E>,
    values: &'a [u8],
    counts: &'a mut [u64; E],
}

impl<const E: usize> Kernel for CountBytes<'_, E> {
    type Output = Result<(), usize>;

    #[inline(always)]
    fn call(self) -> Self::Output {
        let mut counts = [0u64; E];
        for (number, block) in self.values.chunks(BLOCK).enumerate() {
            count_block(self.edges, block, &mut counts).map_err(|at| number * BLOCK + at)?;
        }
        *self.counts = counts;
        Ok(())
    }
}

/// Counts one block of at most [`BLOCK`] values into `counts`, or returns the offset of its
/// first invalid value and adds nothing.
#[inline(always)]
fn count_block<const E: usize>(
    edges: &Edges<E>,
    block: &[u8],
    counts: &mut [u64; E],
) -> Result<(), usize> {
    let (min, below) = (edges.min, edges.below);
    let (rows, tail) = block.as_chunks::<LANES>();
    let mut high = [0u8; LANES];
    let mut lanes = [[0u8; LANES]; E];
    // Index loops over whole rows: the form LLVM vectorises most reliably inside each
    // dispatched copy (measured against zipped iterators, which it left partly scalar).
    #[allow(clippy::needless_range_loop)]
    for row in rows {
        let mut shifted = [0u8; LANES];
        for i in 0..LANES {
            shifted[i] = row[i].wrapping_sub(min);
            high[i] = high[i].max(shifted[i]);
        }
        for e in 0..E {
            for i in 0..LANES {
                lanes[e][i] = lanes[e][i].wrapping_add(u8::from(shifted[i] as i8 > below[e]));
            }
        }
    }
    let tail_high = tail
        .iter()
        .fold(0u8, |h, &v| h.max(v.wrapping_sub(edges.min)));
    let high = high.iter().fold(tail_high, |m, &h| m.max(h));
    if high > edges.span {
        let at = block
            .iter()
            .position(|&v| v.wrapping_sub(edges.min) > edges.span)
            .unwrap_or(0);
        return Err(at);
    }
    for ((count, lane), &below) in counts.iter_mut().zip(&lanes).zip(&edges.below) {
        let tail_count = tail
            .iter()
            .filter(|&&v| v.wrapping_sub(edges.min) as i8 > below)
            .count();
        *count += lane.iter().map(|&c| u64::from(c)).sum::<u64>() + tail_count as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counts::tests::NPS_LAYOUT;
    use crate::scale::RatingScale;

    /// Every instruction set this machine can run the kernels on: the widest (what [`run`]
    /// picks), AVX2 where AVX-512 was picked, and the baseline; on x86-64 each with and
    /// without the table-lookup kernel.
    fn paths() -> Vec<Path> {
        #[cfg(feature = "simd")]
        {
            let mut archs = vec![pulp::Arch::new(), pulp::Arch::Scalar];
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            archs.extend(pulp::x86::V3::try_new().map(pulp::Arch::V3));
            // Each level with the table-lookup kernel where it applies, and with the portable
            // kernel compiled for it.
            archs
                .into_iter()
                .flat_map(|arch| [true, false].map(|shuffle| Path { arch, shuffle }))
                .collect()
        }
        #[cfg(not(feature = "simd"))]
        vec![Path::best()]
    }

    fn oracle<const N: usize>(layout: &Layout<N>, values: &[u8]) -> Result<[u64; N], usize> {
        let mut at_least = [0u64; N];
        count_scalar(layout, values, &mut at_least)?;
        Ok(buckets(layout, values.len(), at_least))
    }

    /// Deterministic xorshift bytes.
    fn noise(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    fn layouts() -> Vec<Layout<11>> {
        [
            RatingScale::FIVE_POINT,
            RatingScale::new(1, 7).unwrap(),
            RatingScale::new(0, 10).unwrap(),
            RatingScale::new(245, 255).unwrap(),
        ]
        .into_iter()
        .map(Layout::per_point)
        .collect()
    }

    /// Every path (dispatched, forced AVX2, forced baseline) equals the scalar reference on
    /// every length up to two blocks past a row, and at lengths around every block edge.
    #[test]
    fn every_path_equals_the_scalar_reference() {
        let mut next = noise(0x2545_f491_4f6c_dd1d);
        let lengths: Vec<usize> = (0..=2 * LANES + 1)
            .chain([
                BLOCK - 1,
                BLOCK,
                BLOCK + 1,
                2 * BLOCK + LANES - 1,
                3 * BLOCK + 7,
            ])
            .collect();
        for &len in &lengths {
            let nps: Vec<u8> = (0..len).map(|_| (next() % 11) as u8).collect();
            agree(&NPS_LAYOUT, &nps);
            for layout in layouts() {
                let span = u64::from(layout.max - layout.min) + 1;
                let values: Vec<u8> = (0..len)
                    .map(|_| layout.min + (next() % span) as u8)
                    .collect();
                agree(&layout, &values);
            }
        }
    }

    /// `tally_bytes` and every forced path equal the scalar reference on `values`.
    fn agree<const N: usize>(layout: &Layout<N>, values: &[u8]) {
        let want = oracle(layout, values);
        assert_eq!(tally_bytes(layout, values), want, "{}", values.len());
        for path in paths() {
            let got = tally_bytes_on(path, layout, values);
            assert_eq!(got, want, "{path:?} {}", values.len());
        }
    }

    /// A bad value at every position of the first rows, around every block edge and in the
    /// tail, of every kind (just below the minimum, just above the maximum, 0, 255, values
    /// whose sign bit is set), is found at its index by every path, ahead of a later one.
    #[test]
    fn every_path_finds_the_first_bad_value() {
        let len = 2 * BLOCK + LANES + 5;
        for layout in layouts() {
            let span = layout.max - layout.min + 1;
            let mut values: Vec<u8> = (0..len).map(|i| layout.min + (i as u8) % span).collect();
            let mut bads: Vec<u8> = vec![0, 127, 128, 200, 255];
            bads.extend(layout.min.checked_sub(1));
            bads.extend(layout.max.checked_add(1));
            bads.retain(|&b| b < layout.min || b > layout.max);
            let positions = (0..2 * LANES + 2)
                .chain((BLOCK - LANES - 1)..(BLOCK + LANES + 1))
                .chain((2 * BLOCK - 2)..len);
            for (k, at) in positions.enumerate() {
                let bad = bads[k % bads.len()];
                let keep = values[at];
                values[at] = bad;
                let later = (at + 1 + k % 40).min(len - 1);
                let keep_later = values[later];
                if later != at {
                    values[later] = bads[(k + 1) % bads.len()];
                }
                assert_eq!(tally_bytes(&layout, &values), Err(at), "{bad} at {at}");
                for path in paths() {
                    assert_eq!(
                        tally_bytes_on(path, &layout, &values),
                        Err(at),
                        "{path:?} {at}"
                    );
                }
                values[later] = keep_later;
                values[at] = keep;
            }
        }
    }
}
