"""Vectorised NPS interval methods, mirroring src/interval/nps.rs and
src/interval/difference.rs of the `satisfaction` crate (all on the -1..1 scale).

Every one-sample function takes arrays b (detractors), m (passives), c (promoters) as
floats and a critical value z, and returns (lower, upper) arrays clamped to [-1, 1], as
`Interval::clamped` does in the crate.
"""

import numpy as np

# Pseudo-counts of the adjusted Wald interval (Rocks 2016): detractors, passives, promoters.
ADJ = (0.75, 1.5, 0.75)


def _moments(b, m, c):
    """Estimate p_pro - p_det and the per-answer variance (p+d) - (p-d)^2 (clamped at 0)."""
    n = b + m + c
    p, d = c / n, b / n
    est = p - d
    var = np.maximum((p + d) - est * est, 0.0)
    return est, var, n


def clamp1(lo, hi):
    return np.clip(lo, -1.0, 1.0), np.clip(hi, -1.0, 1.0)


def wald(b, m, c, z):
    est, var, n = _moments(b, m, c)
    half = z * np.sqrt(var / n)
    return clamp1(est - half, est + half)


def adjusted_wald(b, m, c, z):
    """Today's default: Wald on the adjusted pseudo-counts, centred on the adjusted NPS."""
    return wald(b + ADJ[0], m + ADJ[1], c + ADJ[2], z)


def adjusted_wald_hull(b, m, c, z):
    """Adjusted Wald widened just enough to contain the raw estimate (hull of both)."""
    lo, hi = adjusted_wald(b, m, c, z)
    est = (c - b) / (b + m + c)
    return np.minimum(lo, est), np.maximum(hi, est)


def adjusted_wald_raw_centre(b, m, c, z):
    """Raw estimate +- z * (standard error of the adjusted-Wald interval)."""
    _, var_a, n_a = _moments(b + ADJ[0], m + ADJ[1], c + ADJ[2])
    est = (c - b) / (b + m + c)
    half = z * np.sqrt(var_a / n_a)
    return clamp1(est - half, est + half)


def score_statistic(b, m, c, delta):
    """Tango-style score statistic T(delta) (vectorised), exactly as in nps.rs `score`."""
    n = b + m + c
    a = 2.0 * n
    bb = -b - c + (2.0 * n - c + b) * delta
    cc = -b * delta * (1.0 - delta)
    q = (np.sqrt(np.maximum(bb * bb - 4.0 * a * cc, 0.0)) - bb) / (2.0 * a)
    num = c - b - n * delta
    var = n * (2.0 * q + delta * (1.0 - delta))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = num / np.sqrt(np.where(var > 0.0, var, 1.0))
    t = np.where(var > 0.0, t, np.where(num == 0.0, 0.0, np.sign(num) * np.inf))
    return t


def _bisect(low, high, outside, iters=64):
    """Vectorised version of nps.rs `bisect`: boundary between `outside` (towards low) and not."""
    low = np.array(low, dtype=float)
    high = np.array(high, dtype=float)
    at_low = ~outside(low)
    at_high = outside(high)
    lo, hi = low.copy(), high.copy()
    for _ in range(iters):
        mid = lo + (hi - lo) / 2.0
        o = outside(mid)
        lo = np.where(o, mid, lo)
        hi = np.where(o, hi, mid)
    res = lo + (hi - lo) / 2.0
    res = np.where(at_high, high, res)
    res = np.where(at_low, low, res)
    return res


def score(b, m, c, z, iters=64):
    """Score interval {delta : |T(delta)| <= z} by vectorised bisection (T decreases in delta)."""
    n = b + m + c
    est = (c - b) / n
    ones = np.ones_like(est)
    lower = _bisect(-ones, est, lambda d: score_statistic(b, m, c, d) > z, iters)
    upper = _bisect(est, ones, lambda d: score_statistic(b, m, c, d) >= -z, iters)
    return clamp1(lower, upper)


ONE_SAMPLE = {
    "Wald": wald,
    "adjusted Wald": adjusted_wald,
    "adjusted Wald + estimate (hull)": adjusted_wald_hull,
    "raw-centred adjusted Wald": adjusted_wald_raw_centre,
    "score (Tango)": score,
}


# ----------------------------------------------------------------------------------------
# Two-sample (difference this - other) building blocks.  Each takes per-sample summary
# dicts s1, s2 whose arrays broadcast against each other (column vs row vectors).
# ----------------------------------------------------------------------------------------

def summaries(b, m, c, z):
    """Per-sample quantities needed by every difference method, for critical value z."""
    est, var, n = _moments(b, m, c)
    est_a, var_a, n_a = _moments(b + ADJ[0], m + ADJ[1], c + ADJ[2])
    lo, hi = score(b, m, c, z)
    hlo, hhi = adjusted_wald_hull(b, m, c, z)
    return dict(e=est, v=var / n, ea=est_a, va=var_a / n_a, l=lo, u=hi, hl=hlo, hu=hhi)


def diff_wald(s1, s2, z):
    d = s1["e"] - s2["e"]
    half = z * np.sqrt(s1["v"] + s2["v"])
    return d - half, d + half


def diff_adjusted_wald(s1, s2, z):
    d = s1["ea"] - s2["ea"]
    half = z * np.sqrt(s1["va"] + s2["va"])
    return d - half, d + half


def diff_adjusted_wald_hull(s1, s2, z):
    lo, hi = diff_adjusted_wald(s1, s2, z)
    d = s1["e"] - s2["e"]
    return np.minimum(lo, d), np.maximum(hi, d)


def diff_mover_score(s1, s2, z):
    """Newcombe (1998) method 10 / Zou & Donner (2008) MOVER on the two score intervals.
    (z is already baked into the l/u of the summaries.)"""
    d = s1["e"] - s2["e"]
    lo = d - np.sqrt((s1["e"] - s1["l"]) ** 2 + (s2["u"] - s2["e"]) ** 2)
    hi = d + np.sqrt((s1["u"] - s1["e"]) ** 2 + (s2["e"] - s2["l"]) ** 2)
    return lo, hi


def diff_mover_adjusted_wald_hull(s1, s2, z):
    """MOVER on the two one-sample 'adjusted Wald + estimate' intervals, around the raw D."""
    d = s1["e"] - s2["e"]
    lo = d - np.sqrt((s1["e"] - s1["hl"]) ** 2 + (s2["hu"] - s2["e"]) ** 2)
    hi = d + np.sqrt((s1["hu"] - s1["e"]) ** 2 + (s2["e"] - s2["hl"]) ** 2)
    return lo, hi


DIFFERENCE = {
    "Wald (raw)": diff_wald,
    "adjusted Wald (today)": diff_adjusted_wald,
    "adjusted Wald + estimate (hull)": diff_adjusted_wald_hull,
    "MOVER adjusted Wald + estimate": diff_mover_adjusted_wald_hull,
    "MOVER score (Newcombe-style)": diff_mover_score,
}
