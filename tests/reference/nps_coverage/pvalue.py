#!/usr/bin/env python3
"""The two-sided p-value consistent with the MOVER score difference interval.

MOVER has no single z statistic.  The p-value that agrees with the interval is the alpha at
which the interval just touches 0:
    D > 0:  z* solves L(z*) = 0,   D < 0:  z* solves U(z*) = 0,   p = erfc(z* / sqrt 2);
    D = 0:  p = 1.
L(z) decreases and U(z) increases in z (the one-sample score limits move outwards as z grows,
since T is monotone), so z* is unique and {p < alpha} == {interval at 1 - alpha excludes 0}.

This script
  1. implements it in float64 the way the crate would (nested bisection: outer on z, inner
     the existing one-sample score bisection), counting statistic evaluations (the cost);
  2. checks it against the mpmath values of test_vectors.py;
  3. checks consistency on 400 pairs of outcomes with n1 = n2 = 12 and on 400 random
     pairs of outcomes (n up to 500) at 90%, 95% and 99%: p < alpha  <=>  0 outside the interval.
Run: python3 pvalue.py  (writes pvalue_check.md)
"""

import math
import os

import numpy as np
from scipy.stats import norm


HERE = os.path.dirname(os.path.abspath(__file__))
CALLS = [0]


def t_stat(b, m, c, d):
    """nps.rs `score` statistic, scalar (same formula as nps_methods.score_statistic)."""
    CALLS[0] += 1
    n = b + m + c
    a = 2.0 * n
    bb = -b - c + (2.0 * n - c + b) * d
    cc = -b * d * (1.0 - d)
    q = (math.sqrt(max(bb * bb - 4.0 * a * cc, 0.0)) - bb) / (2.0 * a)
    num = c - b - n * d
    var = n * (2.0 * q + d * (1.0 - d))
    if var > 0.0:
        return num / math.sqrt(var)
    if num == 0.0:
        return 0.0
    return math.copysign(math.inf, num)


def bisect(low, high, outside):
    """nps.rs `bisect`: until adjacent doubles."""
    if not outside(low):
        return low
    if outside(high):
        return high
    for _ in range(200):
        mid = low + (high - low) / 2.0
        if mid <= low or mid >= high:
            break
        if outside(mid):
            low = mid
        else:
            high = mid
    return low + (high - low) / 2.0


def score_lower(b, m, c, z):
    est = (c - b) / (b + m + c)
    return bisect(-1.0, est, lambda d: t_stat(b, m, c, d) > z)


def score_upper(b, m, c, z):
    est = (c - b) / (b + m + c)
    return bisect(est, 1.0, lambda d: t_stat(b, m, c, d) >= -z)


def mover(s1, s2, z):
    e1 = (s1[2] - s1[0]) / sum(s1)
    e2 = (s2[2] - s2[0]) / sum(s2)
    d = e1 - e2
    lo = d - math.hypot(e1 - score_lower(*s1, z), score_upper(*s2, z) - e2)
    hi = d + math.hypot(score_upper(*s1, z) - e1, e2 - score_lower(*s2, z))
    return d, max(lo, -2.0), min(hi, 2.0)


def mover_p_value(s1, s2, z_max=40.0):
    e1 = (s1[2] - s1[0]) / sum(s1)
    e2 = (s2[2] - s2[0]) / sum(s2)
    d = e1 - e2
    if d == 0.0:
        return 1.0
    if d > 0:   # only the lower bound matters: it needs l1(z) and u2(z)
        def excludes(z):
            return d - math.hypot(e1 - score_lower(*s1, z), score_upper(*s2, z) - e2) > 0.0
    else:       # upper bound: u1(z) and l2(z)
        def excludes(z):
            return d + math.hypot(score_upper(*s1, z) - e1, e2 - score_lower(*s2, z)) < 0.0
    if excludes(z_max):
        return 0.0
    lo, hi = 0.0, z_max
    for _ in range(200):
        mid = lo + (hi - lo) / 2.0
        if mid <= lo or mid >= hi:
            break
        if excludes(mid):
            lo = mid
        else:
            hi = mid
    return math.erfc((lo + (hi - lo) / 2.0) / math.sqrt(2.0))


def random_outcome(rng, n):
    p = rng.dirichlet([1.0, 1.0, 1.0])
    return tuple(int(x) for x in rng.multinomial(n, p))


def main():
    lines = ["# MOVER score p-value: consistency and cost", ""]
    # 2. against mpmath test vectors
    for s1, s2, p_mp in [((10, 20, 30), (20, 30, 50), 0.788646814202891),
                         ((0, 0, 1), (1, 0, 0), 0.120238340656897)]:
        CALLS[0] = 0
        p = mover_p_value(s1, s2)
        lines.append(f"- {s1} vs {s2}: float p = {p:.15g} (mpmath {p_mp}); "
                     f"{CALLS[0]} statistic evaluations")
    # 3. consistency
    rng = np.random.default_rng(20240611)
    pairs = []
    n = 12
    outs = [(b, n - b - c, c) for b in range(n + 1) for c in range(n + 1 - b)]
    sub = [outs[i] for i in rng.choice(len(outs), 20, replace=False)]
    pairs += [(a, b) for a in sub for b in sub]
    for _ in range(400):
        pairs.append((random_outcome(rng, int(rng.integers(1, 501))),
                      random_outcome(rng, int(rng.integers(1, 501)))))
    bad, near = 0, 0
    worst_calls = 0
    for s1, s2 in pairs:
        CALLS[0] = 0
        p = mover_p_value(s1, s2)
        worst_calls = max(worst_calls, CALLS[0])
        for level in (0.90, 0.95, 0.99):
            alpha = 1.0 - level
            z = float(norm.ppf(1 - alpha / 2))
            _, lo, hi = mover(s1, s2, z)
            excl = lo > 0.0 or hi < 0.0
            if abs(p - alpha) < 1e-9:
                near += 1          # at the boundary; either answer is within rounding
            elif (p < alpha) != excl:
                bad += 1
    lines.append(f"- consistency over {len(pairs)} outcome pairs x 3 levels: {bad} "
                 f"disagreements, {near} within 1e-9 of the boundary; at most {worst_calls} "
                 f"statistic evaluations per p-value")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(HERE, "pvalue_check.md"), "w") as fh:
        fh.write(text)
    print(text)


if __name__ == "__main__":
    np.seterr(invalid="ignore", divide="ignore")
    main()
