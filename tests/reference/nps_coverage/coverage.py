#!/usr/bin/env python3
"""Exact coverage of NPS confidence intervals (one sample and difference of two samples).

Run:  python3 coverage.py          (about 2-4 minutes on one core; deterministic)

Coverage at a true distribution (p_det, p_pas, p_pro) and sample size n is computed EXACTLY:
    sum over all (b, m, c) with b + m + c = n of  Multinomial(b, m, c; n, p) * 1[L <= nps <= U]
where nps = p_pro - p_det is the true score on the -1..1 scale.  For the difference of two
independent samples the sum runs over both multinomials (outer product).  Nothing is simulated.

The intervals depend only on the observed counts, so for each n they are computed once for
every possible outcome (vectorised, see nps_methods.py) and then weighted by the pmf of each
grid point.

Outputs (CSV and Markdown) are written next to this script; see README.md.
"""

import os
import time

import numpy as np
from scipy.special import gammaln, xlogy
from scipy.stats import norm

import nps_methods as nm

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = (0.90, 0.95, 0.99)
# "share below" threshold per level: nominal - 0.02 (0.93 at 95%, as in the issue).
LOW_MARK = {0.90: 0.88, 0.95: 0.93, 0.99: 0.97}
N_ONE = (10, 30, 100, 1000)
# Containment tolerance (absorbs float rounding when an endpoint equals the true value).
TOL = 1e-12
# Outcomes with pmf below this are skipped in the sums (the dropped mass is reported).
PMF_FLOOR = 1e-15


def z_of(level):
    return float(norm.ppf(1.0 - (1.0 - level) / 2.0))


# ----------------------------------------------------------------------------------------
# Parameter grids.  Shares are k/20 (a 0.05 lattice); the true NPS is computed from the
# integers, (k_pro - k_det) / 20, so it is the correctly rounded value.
# ----------------------------------------------------------------------------------------

def usual_grid():
    """(p_det, p_pro) in {0.05, ..., 0.90}^2 with p_det + p_pro <= 0.95, so every category
    has share >= 0.05: 171 points, NPS from -0.85 to +0.85."""
    return [(kd, kp) for kd in range(1, 19) for kp in range(1, 19) if kd + kp <= 19]


def boundary_grid():
    """Sensitivity only: the 57 lattice points on the boundary of the simplex (some category
    has share 0; the three degenerate vertices excluded)."""
    pts = []
    for kd in range(0, 21):
        for kp in range(0, 21 - kd):
            km = 20 - kd - kp
            if (kd, kp, km).count(0) == 0 or (kd, kp, km).count(20) == 1:
                continue
            pts.append((kd, kp))
    return pts


TYPICAL = [(2, 12), (6, 6), (1, 16), (4, 10)]  # (0.1,0.6) (0.3,0.3) (0.05,0.8) (0.2,0.5)


def shares(kd, kp):
    return kd / 20.0, (20 - kd - kp) / 20.0, kp / 20.0


def true_nps(kd, kp):
    return (kp - kd) / 20.0


# ----------------------------------------------------------------------------------------
# Outcomes and pmf
# ----------------------------------------------------------------------------------------

class Outcomes:
    """All (b, m, c) with b + m + c = n, and the log multinomial coefficient."""

    def __init__(self, n):
        idx = np.add.outer(np.arange(n + 1), np.arange(n + 1)) <= n
        b, c = np.nonzero(idx)
        self.n = n
        self.b = b.astype(float)
        self.c = c.astype(float)
        self.m = (n - b - c).astype(float)
        lf = gammaln(np.arange(n + 2) + 1.0)
        self.logcoef = lf[n] - lf[b] - lf[n - b - c] - lf[c]

    def pmf(self, kd, kp):
        pd, pm, pp = shares(kd, kp)
        logp = self.logcoef + xlogy(self.b, pd) + xlogy(self.m, pm) + xlogy(self.c, pp)
        return np.exp(logp)


# ----------------------------------------------------------------------------------------
# One sample
# ----------------------------------------------------------------------------------------

def check_score_monotone(seed=7, per_n=2000, grid_points=2001):
    """Self-check: T(delta) is non-increasing in delta for random outcomes (n = 1 ... 1000), so
    the score acceptance set is an interval and the bisection finds it."""
    rng = np.random.default_rng(seed)
    d = np.linspace(-1.0, 1.0, grid_points)[:, None]
    checked = 0
    for n in (1, 2, 5, 10, 30, 100, 1000):
        b = rng.integers(0, n + 1, per_n)
        c = np.array([rng.integers(0, n - x + 1) for x in b])
        t = nm.score_statistic(b.astype(float), (n - b - c).astype(float), c.astype(float), d)
        assert not np.any(np.diff(t, axis=0) > 1e-9), n
        checked += per_n
    print(f"  score statistic monotone on {checked} random outcomes", flush=True)


def one_sample():
    check_score_monotone()
    grids = {"usual": usual_grid(), "boundary": boundary_grid()}
    rows = []            # per grid point x n x level x method
    excl_rows = []       # P(adjusted Wald excludes the raw estimate)
    for n in N_ONE:
        t0 = time.time()
        out = Outcomes(n)
        est = (out.c - out.b) / n
        intervals = {}
        for level in LEVELS:
            z = z_of(level)
            for name, f in nm.ONE_SAMPLE.items():
                intervals[(level, name)] = f(out.b, out.m, out.c, z)
        if n <= 100:
            # Self-check: the bisection interval contains delta exactly when |T(delta)| <= z
            # (T is monotone), so both ways of computing the score coverage must agree.
            lo, hi = intervals[(0.95, "score (Tango)")]
            for kd, kp in usual_grid()[::7]:
                p, d = out.pmf(kd, kp), true_nps(kd, kp)
                direct = p @ (np.abs(nm.score_statistic(out.b, out.m, out.c, d)) <= z_of(0.95))
                assert abs(direct - p @ ((lo <= d + TOL) & (hi >= d - TOL))) < 1e-12
        aw95 = intervals[(0.95, "adjusted Wald")]
        aw_excludes = (est < aw95[0] - TOL) | (est > aw95[1] + TOL)
        for gname, grid in grids.items():
            for kd, kp in grid:
                p = out.pmf(kd, kp)
                keep = p >= PMF_FLOOR
                pk = p[keep]
                dropped = 1.0 - pk.sum()
                delta = true_nps(kd, kp)
                pd, pm, pp = shares(kd, kp)
                for (level, name), (lo, hi) in intervals.items():
                    lo_k, hi_k = lo[keep], hi[keep]
                    covered = (lo_k <= delta + TOL) & (hi_k >= delta - TOL)
                    rows.append(dict(grid=gname, n=n, p_det=pd, p_pas=pm, p_pro=pp, nps=delta,
                                     level=level, method=name,
                                     coverage=float(pk @ covered),
                                     expected_width=float(pk @ (hi_k - lo_k)),
                                     dropped_mass=dropped))
                excl_rows.append(dict(grid=gname, n=n, p_det=pd, p_pas=pm, p_pro=pp, nps=delta,
                                      p_aw_excludes_estimate=float(pk @ aw_excludes[keep])))
        print(f"  one sample n={n}: {len(out.b)} outcomes, {time.time() - t0:.1f}s", flush=True)
    return rows, excl_rows


# ----------------------------------------------------------------------------------------
# Difference of two independent samples
# ----------------------------------------------------------------------------------------

def diff_lattice():
    """Per-sample (k_det, k_pro) for the difference grid: shares {0.1,0.3,0.5,0.7}^2 with
    p_det + p_pro <= 0.9 (10 points) plus the skewed (0.05, 0.8) and (0.8, 0.05)."""
    pts = [(kd, kp) for kd in (2, 6, 10, 14) for kp in (2, 6, 10, 14) if kd + kp <= 18]
    return pts + [(1, 16), (16, 1)]


N_PAIRS = [(10, 10), (30, 30), (100, 100), (10, 30), (30, 100), (10, 100)]
DIFF_LEVELS_ALL = (0.95,)          # all methods at 95%
DIFF_LEVELS_MOVER = (0.90, 0.99)   # the recommended (MOVER score) also at 90% and 99%
RECOMMENDED_DIFF = "MOVER score (Newcombe-style)"


def dense_diff_lattice():
    """Robustness check: shares {0.1, ..., 0.8}^2 with p_det + p_pro <= 0.9 (36 points)
    plus (0.05, 0.8) and (0.8, 0.05): 1444 ordered pairs."""
    pts = [(kd, kp) for kd in range(2, 17, 2) for kp in range(2, 17, 2) if kd + kp <= 18]
    return pts + [(1, 16), (16, 1)]


DENSE_N_PAIRS = [(10, 10), (30, 30), (10, 30)]


def difference(lattice=None, n_pairs=None, levels_all=None, levels_mover=None):
    lattice = lattice or diff_lattice()
    n_pairs = n_pairs or N_PAIRS
    levels_all = levels_all or DIFF_LEVELS_ALL
    levels_mover = DIFF_LEVELS_MOVER if levels_mover is None else levels_mover
    levels = sorted(set(levels_all) | set(levels_mover))
    rows = []
    cache = {}

    def prepared(n):
        if n not in cache:
            out = Outcomes(n)
            summ = {lv: nm.summaries(out.b, out.m, out.c, z_of(lv)) for lv in levels}
            pmfs = {pt: out.pmf(*pt) for pt in lattice}
            cache[n] = (out, summ, pmfs)
        return cache[n]

    for n1, n2 in n_pairs:
        t0 = time.time()
        out1, summ1, pmf1 = prepared(n1)
        out2, summ2, pmf2 = prepared(n2)
        for t1 in lattice:
            p1 = pmf1[t1]
            k1 = p1 >= PMF_FLOOR
            s1_all = {lv: {k: v[k1][:, None] for k, v in summ1[lv].items()} for lv in levels}
            for t2 in lattice:
                p2 = pmf2[t2]
                k2 = p2 >= PMF_FLOOR
                w = np.outer(p1[k1], p2[k2])
                dropped = 1.0 - w.sum()
                big_delta = (t1[1] - t1[0] - t2[1] + t2[0]) / 20.0
                for level in levels:
                    z = z_of(level)
                    s1 = s1_all[level]
                    s2 = {k: v[k2][None, :] for k, v in summ2[level].items()}
                    for name, f in nm.DIFFERENCE.items():
                        if level not in levels_all and not (
                                level in levels_mover and name == RECOMMENDED_DIFF):
                            continue
                        lo, hi = f(s1, s2, z)
                        lo, hi = np.clip(lo, -2, 2), np.clip(hi, -2, 2)
                        covered = (lo <= big_delta + TOL) & (hi >= big_delta - TOL)
                        rows.append(dict(n1=n1, n2=n2,
                                         p1_det=t1[0] / 20, p1_pro=t1[1] / 20,
                                         p2_det=t2[0] / 20, p2_pro=t2[1] / 20,
                                         true_difference=big_delta, level=level, method=name,
                                         coverage=float((w * covered).sum()),
                                         expected_width=float((w * (hi - lo)).sum()),
                                         dropped_mass=dropped))
        print(f"  difference n1={n1} n2={n2}: {time.time() - t0:.1f}s", flush=True)
    return rows


# ----------------------------------------------------------------------------------------
# Summaries and output
# ----------------------------------------------------------------------------------------

def write_csv(path, rows):
    keys = list(rows[0].keys())
    with open(path, "w") as fh:
        fh.write(",".join(keys) + "\n")
        for r in rows:
            fh.write(",".join(_cell(r[k]) for k in keys) + "\n")


def _cell(v):
    if isinstance(v, float):
        return f"{v:.10g}"
    v = str(v)
    return f'"{v}"' if ("," in v or ";" in v) else v


def summarise(rows, key_fields, group_label):
    """mean / min / share below the low mark of coverage, grouped by key_fields."""
    groups = {}
    for r in rows:
        groups.setdefault(tuple(r[k] for k in key_fields), []).append(r)
    out = []
    for key, rs in groups.items():
        cov = np.array([r["coverage"] for r in rs])
        level = dict(zip(key_fields, key))["level"]
        worst = rs[int(np.argmin(cov))]
        rec = dict(zip(key_fields, key))
        rec.update(group=group_label, points=len(rs), mean=float(cov.mean()),
                   min=float(cov.min()), share_below=float(np.mean(cov < LOW_MARK[level])),
                   low_mark=LOW_MARK[level],
                   worst_at=";".join(f"{k}={worst[k]:.4g}" for k in worst
                                     if k.startswith(("p", "n")) and k != "points"))
        out.append(rec)
    return out


def one_sample_summaries(rows):
    res = []
    for grid in ("usual", "boundary"):
        rs = [r for r in rows if r["grid"] == grid]
        for n in N_ONE:
            res += summarise([r for r in rs if r["n"] == n], ("level", "method"), f"{grid} n={n}")
        res += summarise(rs, ("level", "method"), f"{grid} all n")
    return res


def difference_summaries(rows, n_pairs=None):
    res = []
    for pair in n_pairs or N_PAIRS:
        res += summarise([r for r in rows if (r["n1"], r["n2"]) == pair], ("level", "method"),
                         f"n1={pair[0]} n2={pair[1]}")
    res += summarise(rows, ("level", "method"), "all pairs")
    res += summarise([r for r in rows if r["true_difference"] == 0.0], ("level", "method"),
                     "all pairs, true difference 0")
    res += summarise([r for r in rows if abs(r["true_difference"]) <= 0.5], ("level", "method"),
                     "all pairs, |true difference| <= 0.5")
    return res


# ----------------------------------------------------------------------------------------
# Robustness: a finer one-sample lattice (step 0.01) inside the usual region, 95%
# ----------------------------------------------------------------------------------------

FINE_N = (10, 30, 100)


def fine_one_sample():
    """Shares k/100 with every share >= 0.05 (3741 points), n in FINE_N, 95%, all methods."""
    z = z_of(0.95)
    pts = [(kd, kp) for kd in range(5, 91) for kp in range(5, 91) if kd + kp <= 95]
    res = []
    for n in FINE_N:
        out = Outcomes(n)
        ivs = {name: f(out.b, out.m, out.c, z) for name, f in nm.ONE_SAMPLE.items()}
        cov = {name: [] for name in ivs}
        for kd, kp in pts:
            pd, pp = kd / 100.0, kp / 100.0
            pm = (100 - kd - kp) / 100.0
            p = np.exp(out.logcoef + xlogy(out.b, pd) + xlogy(out.m, pm) + xlogy(out.c, pp))
            delta = (kp - kd) / 100.0
            for name, (lo, hi) in ivs.items():
                cov[name].append(p @ ((lo <= delta + TOL) & (hi >= delta - TOL)))
        for name, c in cov.items():
            c = np.array(c)
            i = int(np.argmin(c))
            res.append(dict(n=n, method=name, points=len(pts), mean=float(c.mean()),
                            min=float(c.min()), share_below=float(np.mean(c < 0.93)),
                            worst_p_det=pts[i][0] / 100, worst_p_pro=pts[i][1] / 100))
    return res


# ----------------------------------------------------------------------------------------
# Where the adjusted Wald interval excludes the raw estimate (the defect being fixed)
# ----------------------------------------------------------------------------------------

EXCL_LEVELS = (0.50, 0.80, 0.90, 0.95, 0.99)


def exclusion_one_sample(max_n=200):
    """Every outcome with n <= max_n: count of outcomes whose raw NPS lies outside the adjusted
    Wald interval, per level, and the largest n where it happens."""
    res = []
    for level in EXCL_LEVELS:
        z = z_of(level)
        count, largest, example = 0, 0, ""
        for n in range(1, max_n + 1):
            out = Outcomes(n)
            lo, hi = nm.adjusted_wald(out.b, out.m, out.c, z)
            est = (out.c - out.b) / n
            bad = (est < lo - TOL) | (est > hi + TOL)
            if bad.any():
                count += int(bad.sum())
                largest = n
                i = int(np.flatnonzero(bad)[-1])
                example = f"({int(out.b[i])},{int(out.m[i])},{int(out.c[i])})"
        res.append(dict(level=level, outcomes_excluded_n_le_200=count,
                        largest_n=("every n <= %d" % max_n) if largest == max_n else largest,
                        example_at_largest_n=example))
    return res


def exclusion_difference(max_n=30):
    """n1 = n2 = n <= max_n, every pair of outcomes: does the adjusted Wald difference interval
    exclude the raw difference?  Counts and the largest n; then, for larger n, the extreme
    pair (0,0,n) vs (n,0,0) (which is the worst pair whenever any pair fails for n <= max_n)."""
    res = []
    for level in EXCL_LEVELS:
        z = z_of(level)
        count, largest, extreme_is_worst = 0, 0, True
        for n in range(1, max_n + 1):
            out = Outcomes(n)
            s = nm.summaries(out.b, out.m, out.c, z)
            s1 = {k: v[:, None] for k, v in s.items()}
            s2 = {k: v[None, :] for k, v in s.items()}
            lo, hi = nm.diff_adjusted_wald(s1, s2, z)
            d = s1["e"] - s2["e"]
            bad = (d < lo - TOL) | (d > hi + TOL)
            if bad.any():
                count += int(bad.sum())
                largest = n
                gap = np.maximum(lo - d, d - hi)
                i, j = np.unravel_index(np.argmax(gap), gap.shape)
                extreme_is_worst &= abs(d[i, j]) == 2.0
        # Extreme pair beyond max_n: closed form on the adjusted counts.
        largest_extreme, limit = 0, 100000
        for n in range(1, limit + 1):
            e = n / (n + 3.0)
            v = ((n + 1.5) / (n + 3.0) - e * e) / (n + 3.0)
            if 2 * e + z * np.sqrt(2 * v) < 2.0:
                largest_extreme = n
        res.append(dict(level=level, outcome_pairs_excluded_n_le_30=count,
                        largest_equal_n_le_30=largest,
                        worst_pair_is_all_promoters_vs_all_detractors=extreme_is_worst,
                        largest_n_all_promoters_vs_all_detractors_excluded=(
                            f"every n <= {limit}" if largest_extreme == limit
                            else largest_extreme)))
    return res


def diff_width_table(rows):
    pairs = [((2, 10), (6, 6)), ((6, 6), (6, 6)), ((1, 16), (2, 14))]
    lines = ["| n1 = n2 | sample 1 (p_det, p_pro) | sample 2 | true diff | "
             + " | ".join(nm.DIFFERENCE) + " |", "|---|---|---|---|" + "---|" * len(nm.DIFFERENCE)]
    for n in (10, 30, 100):
        for t1, t2 in pairs:
            sel = {r["method"]: r for r in rows if r["n1"] == n and r["n2"] == n
                   and r["level"] == 0.95 and (r["p1_det"], r["p1_pro"]) == (t1[0] / 20, t1[1] / 20)
                   and (r["p2_det"], r["p2_pro"]) == (t2[0] / 20, t2[1] / 20)}
            ref = sel["Wald (raw)"]["expected_width"]
            cells = [f"{100 * sel[m]['expected_width']:.1f} ({sel[m]['expected_width'] / ref:.3f})"
                     for m in nm.DIFFERENCE]
            lines.append(f"| {n} | ({t1[0] / 20:.2f}, {t1[1] / 20:.2f}) | ({t2[0] / 20:.2f}, "
                         f"{t2[1] / 20:.2f}) | {100 * sel['Wald (raw)']['true_difference']:+.0f} | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines)


def md_rows(rows, keys):
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        lines.append("| " + " | ".join(f"{r[k]:.4f}" if isinstance(r[k], float) else str(r[k])
                                       for k in keys) + " |")
    return "\n".join(lines)


def md_table(summary, group, level, methods):
    lines = ["| method | mean coverage | min coverage | share < %.2f |" % LOW_MARK[level],
             "|---|---|---|---|"]
    for mth in methods:
        for s in summary:
            if s["group"] == group and s["level"] == level and s["method"] == mth:
                lines.append(f"| {mth} | {s['mean']:.3f} | {s['min']:.3f} | "
                             f"{s['share_below']:.3f} |")
    return "\n".join(lines)


def md_by_n(summary, prefix, groups, level, methods):
    head = "| method | " + " | ".join(g.replace(prefix, "").strip() for g in groups) + " |"
    lines = [head + "  (mean / min / share < %.2f)" % LOW_MARK[level],
             "|---|" + "---|" * len(groups)]
    for mth in methods:
        cells = []
        for g in groups:
            s = next(s for s in summary if s["group"] == g and s["level"] == level
                     and s["method"] == mth)
            cells.append(f"{s['mean']:.3f} / {s['min']:.3f} / {s['share_below']:.2f}")
        lines.append(f"| {mth} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def width_table(rows):
    """Expected width at typical points, 95%, relative to Wald."""
    lines = ["| n | (p_det, p_pas, p_pro) | NPS | " + " | ".join(nm.ONE_SAMPLE) + " |",
             "|---|---|---|" + "---|" * len(nm.ONE_SAMPLE)]
    csv = []
    for n in N_ONE:
        for kd, kp in TYPICAL:
            pd, pm, pp = shares(kd, kp)
            sel = {r["method"]: r for r in rows if r["grid"] == "usual" and r["n"] == n
                   and r["level"] == 0.95 and r["p_det"] == pd and r["p_pro"] == pp}
            wald_w = sel["Wald"]["expected_width"]
            cells = []
            for mth in nm.ONE_SAMPLE:
                w = sel[mth]["expected_width"]
                cells.append(f"{100 * w:.1f} ({w / wald_w:.3f})")
                csv.append(dict(n=n, p_det=pd, p_pas=pm, p_pro=pp, method=mth,
                                expected_width_points=100 * w, ratio_to_wald=w / wald_w,
                                coverage=sel[mth]["coverage"]))
            lines.append(f"| {n} | ({pd:.2f}, {pm:.2f}, {pp:.2f}) | {100 * (pp - pd):+.0f} | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines), csv


def main():
    t0 = time.time()
    out = lambda name: os.path.join(HERE, name)  # noqa: E731
    print("one sample ...", flush=True)
    rows1, excl = one_sample()
    write_csv(out("one_sample_coverage_grid.csv"), rows1)
    write_csv(out("adjusted_wald_excludes_estimate_on_grid.csv"), excl)
    sum1 = one_sample_summaries(rows1)
    write_csv(out("one_sample_summary.csv"), sum1)
    wtab, wcsv = width_table(rows1)
    write_csv(out("one_sample_widths.csv"), wcsv)

    print("one sample, fine lattice ...", flush=True)
    fine = fine_one_sample()
    write_csv(out("one_sample_fine_lattice_summary.csv"), fine)

    print("where adjusted Wald excludes the estimate ...", flush=True)
    ex1 = exclusion_one_sample()
    ex2 = exclusion_difference()
    write_csv(out("adjusted_wald_excludes_estimate.csv"), ex1)
    write_csv(out("adjusted_wald_difference_excludes_estimate.csv"), ex2)

    print("difference ...", flush=True)
    rows2 = difference()
    write_csv(out("difference_coverage_grid.csv"), rows2)
    sum2 = difference_summaries(rows2)
    write_csv(out("difference_summary.csv"), sum2)

    print("difference, dense lattice ...", flush=True)
    rows3 = difference(dense_diff_lattice(), DENSE_N_PAIRS, (0.95,), ())
    write_csv(out("difference_dense_coverage_grid.csv"), rows3)
    sum3 = difference_summaries(rows3, DENSE_N_PAIRS)
    write_csv(out("difference_dense_summary.csv"), sum3)

    m1 = list(nm.ONE_SAMPLE)
    m2 = list(nm.DIFFERENCE)
    md = ["# Generated tables (coverage.py)", ""]
    for level in LEVELS:
        md += [f"## One sample, usual grid, all n, {int(level * 100)}%", "",
               md_table(sum1, "usual all n", level, m1), ""]
    groups = [f"usual n={n}" for n in N_ONE] + ["usual all n"]
    for level in LEVELS:
        md += [f"## One sample by n, usual grid, {int(level * 100)}%", "",
               md_by_n(sum1, "usual", groups, level, m1), ""]
    bgroups = [f"boundary n={n}" for n in N_ONE] + ["boundary all n"]
    md += ["## One sample by n, boundary grid (sensitivity), 95%", "",
           md_by_n(sum1, "boundary", bgroups, 0.95, m1), ""]
    md += ["## One sample, fine lattice (step 0.01, every share >= 0.05), 95%", "",
           md_rows(fine, ["n", "method", "points", "mean", "min", "share_below",
                          "worst_p_det", "worst_p_pro"]), ""]
    md += ["## Expected width at typical points, 95%, NPS points (ratio to Wald)", "", wtab, ""]
    ex = np.array([[r["n"], r["p_aw_excludes_estimate"]] for r in excl if r["grid"] == "usual"])
    md += ["## P(adjusted Wald 95% excludes the raw estimate), usual grid", "",
           "| n | mean over grid | max over grid |", "|---|---|---|"]
    for n in N_ONE:
        v = ex[ex[:, 0] == n, 1]
        md.append(f"| {n} | {v.mean():.4f} | {v.max():.4f} |")
    md += ["", "## Outcomes where the one-sample adjusted Wald excludes the raw estimate "
           "(all outcomes, n <= 200)", "",
           md_rows(ex1, list(ex1[0].keys())), ""]
    md += ["## Outcome pairs where the adjusted Wald difference excludes the raw difference", "",
           md_rows(ex2, list(ex2[0].keys())), ""]
    md += ["## Difference, all pairs, 95%", "", md_table(sum2, "all pairs", 0.95, m2), ""]
    dgroups = [f"n1={a} n2={b}" for a, b in N_PAIRS] + ["all pairs"]
    md += ["## Difference by sample sizes, 95%", "", md_by_n(sum2, "", dgroups, 0.95, m2), ""]
    md += ["## Difference, true difference 0 only, 95%", "",
           md_table(sum2, "all pairs, true difference 0", 0.95, m2), ""]
    md += ["## Difference, |true difference| <= 0.5 only, 95%", "",
           md_table(sum2, "all pairs, |true difference| <= 0.5", 0.95, m2), ""]
    for level in (0.90, 0.99):
        md += [f"## Difference, MOVER score by sample sizes, {int(level * 100)}%", "",
               md_by_n(sum2, "", dgroups, level, [RECOMMENDED_DIFF]), ""]
    md += ["## Expected width of the difference interval, 95%, NPS points (ratio to Wald)", "",
           diff_width_table(rows2), ""]
    ddg = [f"n1={a} n2={b}" for a, b in DENSE_N_PAIRS] + ["all pairs"]
    md += ["## Difference, dense lattice (1444 ordered pairs), 95%", "",
           md_by_n(sum3, "", ddg, 0.95, m2), ""]
    md.append(f"max dropped pmf mass (one sample): {max(r['dropped_mass'] for r in rows1):.2e}; "
              f"(difference): {max(r['dropped_mass'] for r in rows2 + rows3):.2e}")
    with open(out("tables.md"), "w") as fh:
        fh.write("\n".join(md) + "\n")
    print("\n".join(md))

    print("test vectors ...", flush=True)
    import test_vectors
    test_vectors.main()
    print("p-value ...", flush=True)
    import pvalue
    pvalue.main()
    print(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    np.seterr(invalid="ignore", divide="ignore")
    main()
