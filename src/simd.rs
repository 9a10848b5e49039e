//! Which instruction set the batch kernels run on.
//!
//! The batch methods (`try_extend_from_slice` on [`Nps`](crate::Nps), [`Csat`](crate::Csat)
//! and [`Ces`](crate::Ces), from bytes or any wider integer column, and the validation of
//! [`Grouped::try_extend_from_slices`](crate::Grouped::try_extend_from_slices)) validate and
//! count a slice in one pass of plain loops that the compiler vectorises. With the `simd`
//! feature, those loops are compiled once per instruction set and the widest one the CPU has is
//! picked at run time, through `pulp`: AVX-512BW or AVX2 on x86-64, NEON on aarch64. Without
//! the feature they run as compiled for the target (SSE2 on a default x86-64 build).
//!
//! Every path gives the same counts bit for bit: the kernels count integers, and the tests run
//! each path against a scalar reference. [`use_baseline`] switches the whole process to the
//! baseline path, to measure what the dispatch buys (the `ingest` benchmark does) or to rule it
//! out when chasing a problem, the way numpy's `NPY_DISABLE_CPU_FEATURES` is used.
//!
//! ```
//! use satisfaction::simd::{self, InstructionSet};
//! use satisfaction::{Aggregator, Nps};
//!
//! println!("counting with {}", simd::active());
//! let mut nps = Nps::default();
//! nps.try_extend_from_slice(&[10u8, 9, 3, 7])?;
//!
//! simd::use_baseline(true);
//! assert_eq!(simd::active(), InstructionSet::Baseline);
//! let mut baseline = Nps::default();
//! baseline.try_extend_from_slice(&[10u8, 9, 3, 7])?;
//! assert_eq!(baseline, nps);
//! simd::use_baseline(false);
//! # Ok::<(), satisfaction::BatchError>(())
//! ```

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by [`use_baseline`].
static BASELINE_ONLY: AtomicBool = AtomicBool::new(false);

/// An instruction set the batch kernels are compiled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InstructionSet {
    /// The target's baseline, as the crate is compiled (SSE2 on a default x86-64 build).
    Baseline,
    /// x86-64 with AVX2, FMA and BMI (the x86-64-v3 level).
    Avx2,
    /// x86-64 with AVX-512 F, BW, CD, DQ and VL (the x86-64-v4 level).
    Avx512,
    /// aarch64 with NEON.
    Neon,
}

impl fmt::Display for InstructionSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InstructionSet::Baseline => "the baseline instruction set",
            InstructionSet::Avx2 => "AVX2 (x86-64-v3)",
            InstructionSet::Avx512 => "AVX-512 (x86-64-v4)",
            InstructionSet::Neon => "NEON",
        })
    }
}

/// The widest instruction set this CPU has that the kernels are compiled for: always
/// [`InstructionSet::Baseline`] without the `simd` feature.
///
/// ```
/// use satisfaction::simd;
///
/// println!("this CPU offers {}", simd::detected());
/// ```
#[must_use]
pub fn detected() -> InstructionSet {
    #[cfg(feature = "simd")]
    {
        instruction_set(pulp::Arch::new())
    }
    #[cfg(not(feature = "simd"))]
    {
        InstructionSet::Baseline
    }
}

/// The public name of a pulp level.
#[cfg(feature = "simd")]
fn instruction_set(arch: pulp::Arch) -> InstructionSet {
    match arch {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        pulp::Arch::V4(_) => InstructionSet::Avx512,
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        pulp::Arch::V3(_) => InstructionSet::Avx2,
        #[cfg(target_arch = "aarch64")]
        pulp::Arch::Neon(_) => InstructionSet::Neon,
        _ => InstructionSet::Baseline,
    }
}

/// The instruction set the batch kernels use now: [`detected`], or
/// [`InstructionSet::Baseline`] after `use_baseline(true)`.
///
/// ```
/// use satisfaction::simd;
///
/// if !cfg!(feature = "simd") {
///     assert_eq!(simd::active(), simd::InstructionSet::Baseline);
/// }
/// ```
#[must_use]
pub fn active() -> InstructionSet {
    if baseline_only() {
        InstructionSet::Baseline
    } else {
        detected()
    }
}

/// Runs every batch kernel of this process on the baseline instruction set (`true`), or on the
/// widest the CPU has again (`false`, the default). The counts are the same either way; only
/// the speed changes. It takes effect for the calls that start after it.
///
/// ```
/// use satisfaction::simd::{self, InstructionSet};
///
/// simd::use_baseline(true);
/// assert_eq!(simd::active(), InstructionSet::Baseline);
/// simd::use_baseline(false);
/// assert_eq!(simd::active(), simd::detected());
/// ```
pub fn use_baseline(baseline_only: bool) {
    BASELINE_ONLY.store(baseline_only, Ordering::Relaxed);
}

/// Whether [`use_baseline`] is on.
#[inline]
pub(crate) fn baseline_only() -> bool {
    BASELINE_ONLY.load(Ordering::Relaxed)
}
