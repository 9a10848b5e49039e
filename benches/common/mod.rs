//! What several benches share: the deterministic scores they all count.

/// Deterministic pseudo-random bytes in `lo..=hi` (xorshift), the same in every bench.
pub fn scores(n: usize, lo: u8, hi: u8) -> Vec<u8> {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let span = u64::from(hi - lo) + 1;
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            lo + (seed % span) as u8
        })
        .collect()
}
