"""The polars side of `cargo bench --features simd --bench scan_probe`.

Counts the same 10M NPS scores the Rust probe wrote (raw bytes, one score per byte) the way a
polars user would, `(s >= 9).sum()` and `(s <= 6).sum()`, on one thread, and prints one line
per run: the best of 20 timings (as the Rust probe takes), in ns per score. Needs
`pip install polars numpy`.
"""

import os
import sys
import time

os.environ["POLARS_MAX_THREADS"] = "1"  # before the import: polars reads it once

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402


def main() -> None:
    path, runs = sys.argv[1], int(sys.argv[2])
    scores = pl.Series("score", np.fromfile(path, dtype=np.uint8))
    assert scores.max() <= 10
    for _ in range(runs):
        best = float("inf")
        for _ in range(20):
            start = time.perf_counter()
            promoters = (scores >= 9).sum()
            detractors = (scores <= 6).sum()
            best = min(best, time.perf_counter() - start)
        assert promoters + detractors <= len(scores)
        print(f"{best / len(scores) * 1e9:.5f}", flush=True)


if __name__ == "__main__":
    main()
