"""The peer of `benches/deliverables.rs`' crosstab ingest: pandas' `pd.crosstab` of one
million (NPS score, region) rows, the same xorshift rows as `benches/common`.

    python benches/crosstab_probe.py

Prints the best of five runs and the rows per second. Not run by CI; the numbers are quoted in
the README's Performance section.
"""

import time

import numpy as np
import pandas as pd


def scores(n, lo, hi):
    """benches/common::scores: xorshift64 bytes in lo..=hi."""
    mask = (1 << 64) - 1
    seed = 0x9E3779B97F4A7C15
    span = hi - lo + 1
    out = np.empty(n, dtype=np.uint8)
    for i in range(n):
        seed ^= (seed << 13) & mask
        seed ^= seed >> 7
        seed ^= (seed << 17) & mask
        out[i] = lo + seed % span
    return out


def main():
    n = 1_000_000
    score = scores(n, 0, 10)
    region = scores(n, 0, 7)
    frame = pd.DataFrame({"score": score, "region": region})
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        table = pd.crosstab(frame["score"], frame["region"])
        best = min(best, time.perf_counter() - start)
    assert int(table.to_numpy().sum()) == n
    print(f"pd.crosstab, {n:,} rows: {best * 1e3:.1f} ms, {n / best:.3g} rows/s (pandas {pd.__version__})")
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        table = pd.crosstab(frame["score"], frame["region"], normalize="columns")
        best = min(best, time.perf_counter() - start)
    print(f"pd.crosstab normalize='columns': {best * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
