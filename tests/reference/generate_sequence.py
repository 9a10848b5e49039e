"""Reference table for the beta-binomial mixture confidence sequence, from `confseq`.

Writes sequence.csv beside this script; `cargo test` reads it (tests/metrics/reference.rs) and needs no
Python. Each row is

    confseq.boundaries.bernoulli_confidence_interval(successes, trials, 1 - level, tuned_for,
                                                     1 - level)

(Howard, Ramdas, McAuliffe & Sekhon 2021; the two-sided beta-binomial mixture, `alpha_opt =
alpha`). Generated with confseq 0.0.11 built from source against Boost 1.74:

    apt-get install -y libboost-dev
    python3 -m venv /tmp/csvenv && export PATH=/tmp/csvenv/bin:$PATH
    pip install scikit-build cmake pybind11 ninja numpy scipy
    pip install --no-build-isolation confseq
    python tests/reference/generate_sequence.py

confseq fails on some extremes (an exception, or NaN from log-gamma at 0 for tiny mixture
parameters); those rows are skipped and listed on standard output. Boost's bisection stops at
40 bits, so agreement is checked to 1e-6.
"""

import csv
import math
import os

from confseq.boundaries import bernoulli_confidence_interval

HERE = os.path.dirname(os.path.abspath(__file__))

PAIRS = [(0, 1), (1, 1), (0, 10), (3, 10), (10, 10), (1, 30), (15, 30), (29, 30), (0, 100),
         (30, 100), (50, 100), (99, 100), (100, 100), (300, 1000), (1000, 1000), (0, 1000),
         (2500, 10000), (123456, 1000000), (300000000, 1000000000), (0, 1000000000),
         (1000000000, 1000000000)]
LEVELS = [0.8, 0.9, 0.95, 0.99]
TUNED_FOR = [1, 100, 1000, 1000000000]


def main():
    rows, skipped = [], []
    for x, n in PAIRS:
        for level in LEVELS:
            for t in TUNED_FOR:
                alpha = 1 - level
                try:
                    lo, hi = bernoulli_confidence_interval(x, n, alpha, t, alpha)
                except Exception as e:  # confseq's own failures on extremes
                    skipped.append((x, n, level, t, repr(e)))
                    continue
                if not (math.isfinite(lo) and math.isfinite(hi)):
                    skipped.append((x, n, level, t, "non-finite bound"))
                    continue
                if 0 < x < n:
                    assert lo < x / n < hi, (x, n, level, t, lo, hi)
                rows.append([x, n, repr(level), t, repr(float(lo)), repr(float(hi))])
    with open(os.path.join(HERE, "sequence.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["successes", "trials", "level", "tuned_for", "lower", "upper"])
        w.writerows(rows)
    print(f"sequence.csv: {len(rows)} rows")
    for s in skipped:
        print("skipped", s)


if __name__ == "__main__":
    main()
