"""Reference bounds of the beta-binomial mixture confidence sequence at large n, from mpmath.

confseq (generate_sequence.py) evaluates log M(p) from log-gamma differences in double
precision, which at n >= 1e9 cancel to nothing; this script evaluates the same definition at
60 significant digits,

    log M(p) = ln B(A + n - x, B + x) - ln B(A, B) - x ln p - (n - x) ln q,
    A = r/p, B = r/q, r = max(rho - pq, 1e-3 pq), rho = pq t / (2 l + ln(1 + 2 l)), l = ln(1/alpha)

(Howard, Ramdas, McAuliffe & Sekhon 2021; alpha = 1 - level in double arithmetic, as the crate
computes it), and finds the bounds {p : log M(p) < l} by bisection to 1e-30. Writes
sequence_large_n.csv beside this script; cargo test (tests/metrics/large_n.rs) needs no Python.

    python3 -m pip install mpmath        # 1.3.0 was used
    python3 tests/reference/generate_sequence_large_n.py
"""

import csv
import os

from mpmath import mp, mpf, log, loggamma

mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [(300_000_000, 10**9), (500_000_000_000, 10**12), (10_000_000_000, 10**12),
         (300_000_000_000_000, 10**15), (10**13, 10**15), (999 * 10**12, 10**15),
         (1, 10**12), (0, 10**12), (10**15, 10**15), (3 * 10**17, 10**18)]
LEVELS = [0.9, 0.95, 0.99]
TUNED_FOR = [1000, 10**9]


def log_mixture(p, x, n, alpha, t):
    q = 1 - p
    pq = p * q
    l = -log(alpha)
    rho = pq * t / (2 * l + log(1 + 2 * l))
    r = max(rho - pq, mpf("1e-3") * pq)
    a, b = r / p, r / q

    def ln_beta(u, v):
        return loggamma(u) + loggamma(v) - loggamma(u + v)

    return ln_beta(a + n - x, b + x) - ln_beta(a, b) - x * log(p) - (n - x) * log(q)


def crossing(lo, hi, outside_at_lo, x, n, alpha, t):
    """The p in (lo, hi) where log M crosses ln(1/alpha); outside_at_lo says which side is out."""
    threshold = -log(alpha)
    for _ in range(200):
        mid = (lo + hi) / 2
        out = log_mixture(mid, x, n, alpha, t) >= threshold
        if out == outside_at_lo:
            lo = mid
        else:
            hi = mid
        if hi - lo < mpf("1e-30") * hi:
            break
    return (lo + hi) / 2


def main():
    rows = []
    for x, n in CASES:
        for level in LEVELS:
            alpha = mpf(1 - level)  # the double 1 - level, as ConfidenceLevel::alpha
            for t in TUNED_FOR:
                estimate = mpf(x) / n
                lower = mpf(0) if x == 0 else crossing(mpf(0), estimate, True, x, n, alpha, t)
                upper = mpf(1) if x == n else crossing(estimate, mpf(1), False, x, n, alpha, t)
                rows.append([x, n, repr(level), t, repr(float(lower)), repr(float(upper))])
                print(rows[-1])
    with open(os.path.join(HERE, "sequence_large_n.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["successes", "trials", "level", "tuned_for", "lower", "upper"])
        w.writerows(rows)
    print(f"sequence_large_n.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
