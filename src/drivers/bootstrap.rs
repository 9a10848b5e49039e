//! The Poisson bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating
//! uncertainty for massive data streams"): each row enters replicate `b` with a Poisson(1)
//! weight, so replicates are built in one streaming pass, merge like the main state, and never
//! need the rows again.
//!
//! The Poisson weight of a row in a replicate is a function of a seed, the row's key (a
//! respondent id) and the replicate's number, through a fixed hash, not of a random-number
//! generator's position: the same row gets the same weights on any thread, partition or
//! machine, in any order, so the replicates do not depend on how the rows were split.

use std::fmt;

use crate::error::SettingError;

/// How many bootstrap replicates a key-driver analysis draws, and from which seed.
///
/// ```
/// use satisfaction::drivers::Bootstrap;
///
/// let default = Bootstrap::default();
/// assert_eq!((default.replicates(), default.seed()), (200, 0));
/// let more = Bootstrap::new(1_000, 7)?;
/// assert!(Bootstrap::new(0, 7).is_err());
/// # Ok::<(), satisfaction::drivers::DriversError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bootstrap {
    replicates: u32,
    seed: u64,
}

impl Default for Bootstrap {
    /// 200 replicates (enough for 95% percentile intervals, Efron & Tibshirani 1993, ch. 13),
    /// seed 0.
    fn default() -> Self {
        Self {
            replicates: 200,
            seed: 0,
        }
    }
}

impl Bootstrap {
    /// The most replicates: each holds a `(p + 1)²` matrix and costs a regression of every
    /// subset when summarised.
    pub const MAX_REPLICATES: u32 = 10_000;

    /// `replicates` replicates from `seed`.
    ///
    /// # Errors
    ///
    /// [`DriversError::InvalidSetting`](super::DriversError::InvalidSetting) for no
    /// replicates or more than [`MAX_REPLICATES`](Self::MAX_REPLICATES).
    pub fn new(replicates: u32, seed: u64) -> Result<Self, super::DriversError> {
        if !(1..=Self::MAX_REPLICATES).contains(&replicates) {
            return Err(SettingError::new("bootstrap replicates", replicates, "1 to 10000").into());
        }
        Ok(Self { replicates, seed })
    }

    /// The number of replicates.
    #[must_use]
    pub fn replicates(self) -> u32 {
        self.replicates
    }

    /// The seed.
    #[must_use]
    pub fn seed(self) -> u64 {
        self.seed
    }

    /// The Poisson(1) weight of the row with key `key` in replicate `b`.
    #[inline]
    pub(super) fn weight(self, key: u64, b: u32) -> u32 {
        let draw = mix(mix(self.seed ^ key) ^ u64::from(b));
        poisson_one(draw)
    }
}

impl fmt::Display for Bootstrap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} Poisson bootstrap replicates (seed {})",
            self.replicates, self.seed
        )
    }
}

/// A row's key for the bootstrap: anything that identifies the row for good (a respondent or
/// ticket id), hashed with a fixed function (FNV-1a, then SplitMix64's finaliser), so it is the
/// same on every machine and in every release.
///
/// ```
/// use satisfaction::drivers::RowKey;
///
/// assert_eq!(RowKey::from("R_1"), RowKey::from(String::from("R_1")));
/// assert_ne!(RowKey::from("R_1"), RowKey::from("R_2"));
/// assert_ne!(RowKey::from(17u64), RowKey::from(18u64));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowKey(pub(super) u64);

impl From<&str> for RowKey {
    fn from(key: &str) -> Self {
        Self::from(key.as_bytes())
    }
}

impl From<String> for RowKey {
    fn from(key: String) -> Self {
        Self::from(key.as_bytes())
    }
}

impl From<&String> for RowKey {
    fn from(key: &String) -> Self {
        Self::from(key.as_bytes())
    }
}

impl From<&[u8]> for RowKey {
    fn from(key: &[u8]) -> Self {
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for &byte in key {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Self(mix(hash))
    }
}

impl From<u64> for RowKey {
    fn from(key: u64) -> Self {
        Self(mix(key ^ 0x5851_f42d_4c95_7f2d))
    }
}

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijection of `u64` that spreads every
/// input bit over the output.
#[inline]
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The cumulative Poisson(1) probabilities P(K ≤ k), k = 0..=11, as fractions of 2^64: a draw
/// below the k-th is k. P(K > 11) < 1e-9 and counts as 12.
const CUMULATIVE: [u64; 12] = {
    // e^-1 Σ_{j ≤ k} 1/j!, times 2^64, computed at compile time in f64 (exact to 1e-16,
    // far below the draws' resolution that matters).
    let mut table = [0u64; 12];
    let mut term = 0.367_879_441_171_442_33_f64; // e^-1
    let mut sum = 0.0;
    let mut k = 0;
    while k < 12 {
        sum += term;
        table[k] = (sum * 18_446_744_073_709_551_616.0) as u64;
        term /= (k + 1) as f64;
        k += 1;
    }
    table
};

/// A Poisson(1) draw from 64 uniform bits, by inversion.
#[inline]
fn poisson_one(bits: u64) -> u32 {
    let mut k = 0;
    while k < CUMULATIVE.len() && bits >= CUMULATIVE[k] {
        k += 1;
    }
    k as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_poisson_one() {
        let bootstrap = Bootstrap::default();
        let n = 200_000u64;
        let mut counts = [0u64; 13];
        let mut total = 0u64;
        for key in 0..n {
            let w = bootstrap.weight(RowKey::from(key).0, (key % 200) as u32);
            counts[w as usize] += 1;
            total += u64::from(w);
        }
        let mean = total as f64 / n as f64;
        assert!((mean - 1.0).abs() < 0.01, "{mean}");
        let p0 = counts[0] as f64 / n as f64;
        assert!((p0 - (-1f64).exp()).abs() < 0.005, "{p0}");
        let p2 = counts[2] as f64 / n as f64;
        assert!((p2 - (-1f64).exp() / 2.0).abs() < 0.005, "{p2}");
    }

    #[test]
    fn replicates_of_one_row_are_independent_of_each_other() {
        // The weights of one key across replicates are not all equal.
        let bootstrap = Bootstrap::default();
        let key = RowKey::from("R_1").0;
        let weights: Vec<u32> = (0..200).map(|b| bootstrap.weight(key, b)).collect();
        assert!(weights.iter().any(|&w| w != weights[0]));
        assert_eq!(
            weights,
            (0..200)
                .map(|b| bootstrap.weight(key, b))
                .collect::<Vec<_>>()
        );
    }
}
