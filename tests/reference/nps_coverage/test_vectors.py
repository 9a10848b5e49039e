#!/usr/bin/env python3
"""High-precision test vectors (mpmath, 50 significant digits) for the recommended methods:

- one-sample Tango score interval {d : |T(d)| <= z}, -1..1 scale;
- difference (this - other): MOVER / Newcombe-style hybrid of the two score intervals,
      L = D - sqrt((e1 - l1)^2 + (u2 - e2)^2),  U = D + sqrt((u1 - e1)^2 + (e2 - l2)^2),
  clamped to [-2, 2], and its consistent two-sided p-value: the alpha at which the MOVER
  interval just touches 0 (p = erfc(z*/sqrt 2), z* solving L(z*) = 0 for D > 0, U(z*) = 0
  for D < 0; p = 1 when D = 0);
- for comparison, the adjusted Wald interval widened to contain the raw estimate.

Bisection in mpmath to ~1e-40, so every printed digit (to 1e-12) is exact.
Run: python3 test_vectors.py   (writes test_vectors.csv and test_vectors.md)
"""

import os
import time

import mpmath as mp

mp.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))

ONE = [(10, 20, 30), (0, 5, 5), (0, 0, 1), (1, 0, 0), (0, 1, 0), (5, 0, 5), (3, 4, 13)]
DIFF = [((10, 20, 30), (20, 30, 50)), ((0, 0, 1), (1, 0, 0))]
LEVEL = mp.mpf("0.95")


def z_of(level):
    return mp.sqrt(2) * mp.erfinv(level)


def T(b, m, c, d):
    """Tango-style score statistic, as nps.rs `score`."""
    b, m, c = mp.mpf(b), mp.mpf(m), mp.mpf(c)
    n = b + m + c
    a = 2 * n
    bb = -b - c + (2 * n - c + b) * d
    cc = -b * d * (1 - d)
    disc = bb * bb - 4 * a * cc
    q = (mp.sqrt(max(disc, 0)) - bb) / (2 * a)
    num = c - b - n * d
    var = n * (2 * q + d * (1 - d))
    if var > 0:
        return num / mp.sqrt(var)
    if num == 0:
        return mp.mpf(0)
    return mp.inf if num > 0 else -mp.inf


def bisect(low, high, outside, iters=140):
    low, high = mp.mpf(low), mp.mpf(high)
    if not outside(low):
        return low
    if outside(high):
        return high
    for _ in range(iters):
        mid = (low + high) / 2
        if outside(mid):
            low = mid
        else:
            high = mid
    return (low + high) / 2


def score(b, m, c, z):
    est = mp.mpf(c - b) / (b + m + c)
    lo = bisect(-1, est, lambda d: T(b, m, c, d) > z)
    hi = bisect(est, 1, lambda d: T(b, m, c, d) >= -z)
    return est, lo, hi


def adjusted_wald_hull(b, m, c, z):
    est = mp.mpf(c - b) / (b + m + c)
    ba, ma, ca = b + mp.mpf("0.75"), m + mp.mpf("1.5"), c + mp.mpf("0.75")
    n = ba + ma + ca
    p, d = ca / n, ba / n
    e = p - d
    half = z * mp.sqrt(max((p + d) - e * e, 0) / n)
    lo, hi = max(e - half, -1), min(e + half, 1)
    return est, min(lo, est), max(hi, est)


def mover(s1, s2, z):
    e1, l1, u1 = score(*s1, z)
    e2, l2, u2 = score(*s2, z)
    d = e1 - e2
    lo = d - mp.sqrt((e1 - l1) ** 2 + (u2 - e2) ** 2)
    hi = d + mp.sqrt((u1 - e1) ** 2 + (e2 - l2) ** 2)
    return d, max(lo, -2), min(hi, 2)


def mover_p_value(s1, s2, zmax=40):
    """Two-sided p-value consistent with the MOVER interval (nested bisection on z)."""
    d, _, _ = mover(s1, s2, mp.mpf(1))
    if d == 0:
        return mp.mpf(1), None
    side = 1 if d > 0 else 2  # index of the bound that moves towards 0

    def excludes_zero(z):
        bound = mover(s1, s2, z)[side]
        return bound > 0 if d > 0 else bound < 0

    lo, hi = mp.mpf(0), mp.mpf(zmax)
    if excludes_zero(hi):
        return mp.mpf(0), hi
    for _ in range(90):  # z* to ~1e-26
        mid = (lo + hi) / 2
        if excludes_zero(mid):
            lo = mid
        else:
            hi = mid
    zs = (lo + hi) / 2
    return mp.erfc(zs / mp.sqrt(2)), zs


def fmt(x):
    return mp.nstr(x, 15, min_fixed=-30, max_fixed=30)


def main():
    t0 = time.time()
    z = z_of(LEVEL)
    rows = ["kind,left,right,estimate,lower,upper,p_value"]
    md = [f"z(0.975) = {mp.nstr(z, 20)}", "",
          "### One sample, 95%, -1..1 scale", "",
          "| (det, pas, pro) | estimate | score lower | score upper | hull(adj. Wald, est) lower | hull upper |",
          "|---|---|---|---|---|---|"]
    for s in ONE:
        e, lo, hi = score(*s, z)
        _, alo, ahi = adjusted_wald_hull(*s, z)
        rows.append(f"score,\"{s}\",,{fmt(e)},{fmt(lo)},{fmt(hi)},")
        rows.append(f"adjusted_wald_hull,\"{s}\",,{fmt(e)},{fmt(alo)},{fmt(ahi)},")
        md.append(f"| {s} | {fmt(e)} | {fmt(lo)} | {fmt(hi)} | {fmt(alo)} | {fmt(ahi)} |")
    md += ["", "### Difference (left - right), MOVER score, 95%, -2..2 scale", "",
           "| left | right | estimate | lower | upper | consistent p-value | z* |",
           "|---|---|---|---|---|---|---|"]
    for s1, s2 in DIFF:
        d, lo, hi = mover(s1, s2, z)
        p, zs = mover_p_value(s1, s2)
        rows.append(f"mover_score,\"{s1}\",\"{s2}\",{fmt(d)},{fmt(lo)},{fmt(hi)},{fmt(p)}")
        md.append(f"| {s1} | {s2} | {fmt(d)} | {fmt(lo)} | {fmt(hi)} | {fmt(p)} | "
                  f"{'-' if zs is None else mp.nstr(zs, 15)} |")
        # Consistency check: at level 1 - p the moving bound is 0 (to bisection accuracy).
        if zs is not None:
            bnd = mover(s1, s2, zs)[1 if d > 0 else 2]
            assert abs(bnd) < mp.mpf("1e-20"), bnd
    with open(os.path.join(HERE, "test_vectors.csv"), "w") as fh:
        fh.write("\n".join(rows) + "\n")
    with open(os.path.join(HERE, "test_vectors.md"), "w") as fh:
        fh.write("\n".join(md) + "\n")
    print("\n".join(md))
    print(f"  test vectors: {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
