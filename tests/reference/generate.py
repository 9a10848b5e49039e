"""Reference values for the interval methods of `satisfaction`, from scipy and statsmodels.

Writes CSV files beside this script; `cargo test` reads them (tests/metrics/reference.rs) and needs no
Python. Regenerate from the repository root with

    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install numpy scipy statsmodels
    /tmp/refvenv/bin/python tests/reference/generate.py

Generated with scipy 1.17.1, statsmodels 0.15.0, numpy 2.4.6.

Conventions (the crate's, stated in its docs):
- every proportion bound is clamped to [0, 1];
- Clopper-Pearson (statsmodels 'beta'): lower exactly 0 at x = 0, upper exactly 1 at x = n;
- Jeffreys: Beta(x + 1/2, n - x + 1/2) equal-tailed quantiles (scipy), with the Brown, Cai &
  DasGupta (2001) convention lower = 0 at x = 0 and upper = 1 at x = n;
- Wilson with continuity correction: Newcombe (1998) method 4 closed form, lower = 0 at x = 0,
  upper = 1 at x = n (statsmodels has no such method; the formula is evaluated here in mpmath);
- Wald degenerates to a point at x = 0 and x = n;
- NPS intervals on the -1..1 scale: Wald on the -1/0/+1 score, adjusted Wald on +0.75/+1.5/+0.75
  pseudo-counts (Rocks 2016), both clamped to [-1, 1];
- Student t interval of a mean rating from counts, clamped to the scale;
- poisson.csv: Garwood exact interval for events / exposure, [chi2(a/2; 2x) / 2T,
  chi2(1 - a/2; 2x + 2) / 2T], lower exactly 0 at x = 0;
- quantile_ranks.csv: 1-based ranks l = Binom^-1(a/2; n, q), u = Binom^-1(1 - a/2; n, q) + 1 of
  the distribution-free quantile interval: scipy's binom.ppf, verified against the CDF and
  decided in 50-digit mpmath wherever the CDF is within 1e-9 of the target (disagreements with
  plain binom.ppf are printed); both fields empty where l < 1 or u > n (no interval exists);
- proportion_difference.csv: Newcombe hybrid score interval (statsmodels
  confint_proportions_2indep, method "newcomb") and pooled two-proportion z-test p-value
  (proportions_ztest; 1 when the pooled share is 0 or 1);
- welch.csv: Welch t interval (Welch-Satterthwaite df, scipy t quantile) and the
  ttest_ind_from_stats(equal_var=False) p-value;
- nps_difference.csv: Wald difference of two NPS on the -1..1 scale, raw or on the adjusted-Wald
  pseudo-counts, clamped to the difference's domain [-2, 2], with the z-test p-value of the same
  method (same variance as the interval).
"""

import csv
import os

import mpmath
import random
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

mpmath.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([repr(v) if isinstance(v, float) else v for v in row])
    print(f"{name}: {len(rows)} rows")


def clamp(x, lo=0.0, hi=1.0):
    return min(max(float(x), lo), hi)


def wilson_cc(x, n, z):
    x, n, z = mpmath.mpf(x), mpmath.mpf(n), mpmath.mpf(z)
    p = x / n
    q = 1 - p
    den = 2 * (n + z * z)
    lo = (2 * n * p + z * z - 1 - z * mpmath.sqrt(max(0, z * z - 2 - 1 / n + 4 * p * (n * q + 1)))) / den
    hi = (2 * n * p + z * z + 1 + z * mpmath.sqrt(max(0, z * z + 2 - 1 / n + 4 * p * (n * q - 1)))) / den
    if x == 0:
        lo = 0
    if x == n:
        hi = 1
    return clamp(lo), clamp(hi)


def proportion(method, x, n, level):
    alpha = 1 - level
    z = stats.norm.ppf(1 - alpha / 2)
    if method == "wald":
        lo, hi = proportion_confint(x, n, alpha, method="normal")
    elif method == "wilson":
        lo, hi = proportion_confint(x, n, alpha, method="wilson")
    elif method == "agresti_coull":
        lo, hi = proportion_confint(x, n, alpha, method="agresti_coull")
    elif method == "clopper_pearson":
        lo, hi = proportion_confint(x, n, alpha, method="beta")
    elif method == "jeffreys":
        lo = stats.beta.ppf(alpha / 2, x + 0.5, n - x + 0.5)
        hi = stats.beta.ppf(1 - alpha / 2, x + 0.5, n - x + 0.5)
    elif method == "wilson_cc":
        return wilson_cc(x, n, z)
    if x == 0:
        lo = 0.0
    if x == n:
        hi = 1.0
    return clamp(lo), clamp(hi)


def proportions():
    rows = []
    methods = ["wald", "wilson", "wilson_cc", "agresti_coull", "clopper_pearson", "jeffreys"]
    for n in [1, 2, 3, 5, 10, 20, 30, 50, 100, 592, 1000, 12345, 1000000]:
        xs = sorted({x for x in [0, 1, 2, n // 10, n // 3, n // 2, n - 2, n - 1, n] if 0 <= x <= n})
        for x in xs:
            for level in LEVELS:
                for m in methods:
                    lo, hi = proportion(m, x, n, level)
                    rows.append([m, x, n, level, lo, hi])
    # METRICS.md vectors.
    check = {r[0]: (r[4], r[5]) for r in rows if r[1] == 3 and r[2] == 10 and r[3] == 0.95}
    assert abs(check["wilson"][0] - 0.1077912674) < 1e-9 and abs(check["wilson"][1] - 0.6032218525) < 1e-9
    assert abs(check["clopper_pearson"][0] - 0.0667395112) < 1e-9
    assert abs(check["agresti_coull"][1] - 0.6076747020) < 1e-9
    assert abs(check["jeffreys"][0] - 0.0926945939) < 1e-9
    write("proportion.csv", ["method", "successes", "trials", "level", "lower", "upper"], rows)


def mean_intervals():
    rows = []
    cases = [
        (1, 5, [1, 0, 3, 10, 6]), (1, 5, [0, 0, 0, 0, 2]), (1, 5, [1, 0, 0, 0, 1]), (1, 5, [0, 3, 0, 0, 0]),
        (1, 5, [5, 5, 5, 5, 5]), (1, 5, [10**6, 2 * 10**6, 3 * 10**6, 10**6, 7]), (1, 5, [0, 0, 1, 1, 0]),
        (1, 5, [2, 1, 4, 20, 40]), (1, 7, [1, 1, 2, 3, 5, 8, 13]), (1, 7, [0, 0, 0, 0, 1, 0, 1]),
        (1, 7, [40, 0, 0, 0, 0, 0, 1]), (1, 3, [3, 4, 5]), (1, 3, [0, 10, 0]), (1, 10, list(range(1, 11))),
        (1, 10, [0] * 9 + [3]), (0, 10, [1] * 11), (0, 10, [5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200]),
        (0, 10, [10**9] + [0] * 9 + [10**9]), (245, 255, [1] * 11),
    ]
    for lo_s, hi_s, counts in cases:
        n = sum(counts)
        values = range(lo_s, hi_s + 1)
        mean = mpmath.fsum(mpmath.mpf(c) * v for c, v in zip(counts, values)) / n
        var = mpmath.fsum(c * (v - mean) ** 2 for c, v in zip(counts, values)) / (n - 1)
        sd = mpmath.sqrt(var)
        for level in [0.8, 0.9, 0.95, 0.99]:
            t = stats.t.ppf(1 - (1 - level) / 2, n - 1)
            half = mpmath.mpf(t) * sd / mpmath.sqrt(n)
            rows.append([lo_s, hi_s, ";".join(map(str, counts)), level, float(mean), float(sd),
                         clamp(mean - half, lo_s, hi_s), clamp(mean + half, lo_s, hi_s)])
    write("mean_interval.csv", ["min", "max", "counts", "level", "mean", "sd", "lower", "upper"], rows)


def nps_wald(b, m, c, z):
    n = mpmath.mpf(b + m + c)
    p, d = c / n, b / n
    est = p - d
    v = (p + d) - est * est
    half = z * mpmath.sqrt(v / n)
    return clamp(est - half, -1, 1), clamp(est + half, -1, 1)


def nps_intervals():
    rows = []
    triples = [(10, 20, 30), (0, 5, 5), (1, 0, 0), (0, 1, 0), (0, 0, 1), (0, 0, 7), (5, 0, 0), (0, 3, 0),
               (1, 1, 1), (1, 2, 3), (3, 2, 1), (2, 0, 2), (20, 30, 50), (100, 200, 700), (700, 200, 100),
               (12, 0, 1), (1, 0, 12), (123456, 234567, 345678), (10**6, 10**6, 10**6), (0, 999, 1)]
    for b, m, c in triples:
        n = b + m + c
        for level in [0.8, 0.9, 0.95, 0.99]:
            z = mpmath.mpf(stats.norm.ppf(1 - (1 - level) / 2))
            est = (c - b) / n
            lo, hi = nps_wald(b, m, c, z)
            rows.append([b, m, c, level, "wald", est, lo, hi])
            lo, hi = nps_wald(b + mpmath.mpf("0.75"), m + mpmath.mpf("1.5"), c + mpmath.mpf("0.75"), z)
            rows.append([b, m, c, level, "adjusted_wald", est, lo, hi])
    check = {(r[0], r[1], r[2], r[4]): (r[6], r[7]) for r in rows if r[3] == 0.95}
    assert abs(check[(10, 20, 30, "wald")][0] - 0.144736) < 1e-6
    assert abs(check[(10, 20, 30, "adjusted_wald")][1] - 0.501909) < 1e-6
    assert abs(check[(0, 5, 5, "adjusted_wald")][0] - 0.062069) < 1e-6
    write("nps.csv", ["detractors", "passives", "promoters", "level", "method", "estimate", "lower", "upper"], rows)


def quantiles():
    rows = []
    ps = [1e-12, 1e-6, 0.001, 0.025, 0.05, 0.1, 0.5, 0.9, 0.95, 0.975, 0.995, 0.9995, 1 - 1e-6]
    for p in ps:
        rows.append(["normal", 0.0, 0.0, p, float(stats.norm.ppf(p))])
    for df in [1, 2, 3, 5, 10, 30, 100, 1000, 1e6]:
        for p in ps:
            rows.append(["student_t", float(df), 0.0, p, float(stats.t.ppf(p, df))])
    for a, b in [(0.5, 10.5), (3.5, 7.5), (0.5, 0.5), (1, 1), (100.5, 900.5), (1000000.5, 0.5),
                 (0.5, 1000000.5), (2, 3)]:
        for p in ps:
            rows.append(["beta", float(a), float(b), p, float(stats.beta.ppf(p, a, b))])
    write("quantiles.csv", ["dist", "a", "b", "p", "value"], rows)


POISSON_EVENTS = [0, 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 250, 1000, 10000, 100000,
                  1000000, 100000000]
POISSON_EXPOSURES = [1.0, 0.5, 12.0, 1234.5, 1e6, 1e-3]


def poisson_rates():
    """Garwood (1936) exact interval for a Poisson rate x / T, from scipy's chi2 quantiles."""
    rows = []
    for x in POISSON_EVENTS:
        for t in POISSON_EXPOSURES:
            for level in LEVELS:
                a = 1.0 - level
                lower = 0.0 if x == 0 else stats.chi2.ppf(a / 2, 2 * x) / (2 * t)
                upper = stats.chi2.ppf(1 - a / 2, 2 * x + 2) / (2 * t)
                rows.append([x, repr(t), repr(level), repr(float(lower)), repr(float(upper))])
    write("poisson.csv", ["events", "exposure", "level", "lower", "upper"], rows)


RANK_N = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 25, 30, 50, 100, 101, 1000, 12345,
          1000000]
RANK_Q = ["0.01", "0.05", "0.1", "0.25", "0.5", "0.75", "0.9", "0.95", "0.99"]
RANK_LEVELS = ["0.8", "0.9", "0.95", "0.99"]


def binom_cdf(k, n, q):
    """P(X <= k) for X ~ Binomial(n, q), scipy's double-precision value."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return float(stats.binom.cdf(k, n, float(q)))


def binom_cdf_exact(k, n, q):
    """P(X <= k) in 50-digit arithmetic: I_{1-q}(n - k, k + 1)."""
    if k < 0:
        return mpmath.mpf(0)
    if k >= n:
        return mpmath.mpf(1)
    return mpmath.betainc(n - k, k + 1, 0, 1 - mpmath.mpf(q), regularized=True)


def exact_binom_ppf(p, n, q):
    """Smallest k with P(X <= k) >= p for X ~ Binomial(n, q). Starts from scipy's binom.ppf and
    checks the bracket cdf(k - 1) < p <= cdf(k) with scipy's CDF; only where a CDF lies within
    1e-9 of p (floating-point fuzz, where scipy's ppf can be off by one) does it decide in
    50-digit mpmath, which is slow for large n."""
    pf = float(p)
    k = int(stats.binom.ppf(pf, n, float(q)))

    def at_least(j):
        c = binom_cdf(j, n, q)
        if abs(c - pf) > 1e-9:
            return c >= pf
        return binom_cdf_exact(j, n, q) >= mpmath.mpf(p)

    while k > 0 and at_least(k - 1):
        k -= 1
    while not at_least(k):
        k += 1
    return k


def quantile_ranks():
    """Order-statistic ranks of the distribution-free quantile interval (Conover 3.2)."""
    rows = []
    for n in RANK_N:
        for q in RANK_Q:
            for level in RANK_LEVELS:
                a = 1 - mpmath.mpf(level)
                lower = exact_binom_ppf(a / 2, n, q)
                upper = exact_binom_ppf(1 - a / 2, n, q) + 1
                s_lower = int(stats.binom.ppf(float(a / 2), n, float(q)))
                s_upper = int(stats.binom.ppf(float(1 - a / 2), n, float(q))) + 1
                if (s_lower, s_upper) != (lower, upper):
                    print(f"scipy differs at n={n} q={q} level={level}: "
                          f"({s_lower}, {s_upper}) vs exact ({lower}, {upper})")
                if lower < 1 or upper > n:
                    rows.append([n, q, level, "", ""])
                else:
                    rows.append([n, q, level, lower, upper])
    # Random cases over the whole range a helpdesk meets (n log-uniform up to 1e9, any quantile,
    # levels from 80% to 99.9%): the searches and walks of the rank finder, not just a grid.
    rng = random.Random(708)
    for _ in range(600):
        n = int(10 ** rng.uniform(0, 9))
        q = f"{rng.uniform(0.001, 0.999):.6f}"
        level = rng.choice(["0.8", "0.9", "0.95", "0.99", "0.999"])
        a = 1 - mpmath.mpf(level)
        lower = exact_binom_ppf(a / 2, n, q)
        upper = exact_binom_ppf(1 - a / 2, n, q) + 1
        if lower < 1 or upper > n:
            rows.append([n, q, level, "", ""])
        else:
            rows.append([n, q, level, lower, upper])
    write("quantile_ranks.csv", ["n", "q", "level", "lower_rank", "upper_rank"], rows)


DIFF_PAIRS = [(56, 70, 48, 80), (9, 10, 3, 10), (10, 10, 0, 10), (0, 10, 0, 10), (5, 5, 5, 5),
              (1, 30, 12, 40), (120, 400, 95, 410), (3, 7, 1, 2), (0, 1, 1, 1),
              (4000, 10000, 3800, 9000)]


def proportion_differences():
    """Newcombe hybrid score (method 10) via statsmodels 'newcomb', pooled z-test p-value."""
    from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
    rows = []
    for x1, n1, x2, n2 in DIFF_PAIRS:
        for level in LEVELS:
            lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb",
                                                compare="diff", alpha=1 - level)
            pooled = (x1 + x2) / (n1 + n2)
            if pooled in (0.0, 1.0):
                p = 1.0
            else:
                p = proportions_ztest([x1, x2], [n1, n2])[1]
            rows.append([x1, n1, x2, n2, repr(level), repr(clamp(float(lo), -1.0)),
                         repr(clamp(float(hi), -1.0)), repr(float(p))])
    write("proportion_difference.csv",
          ["x1", "n1", "x2", "n2", "level", "lower", "upper", "p_value"], rows)


WELCH_CASES = [(40, 4.2, 0.8, 35, 3.9, 1.1), (2, 3.0, 1.0, 2, 5.0, 2.0),
               (1000, 3.71, 1.2, 800, 3.65, 1.3), (12, 6.1, 0.4, 300, 5.2, 1.9),
               (5, 1.0, 0.0, 7, 2.0, 0.5), (3, 4.0, 1.0, 3, 4.0, 1.0),
               (25, 4.5, 0.6, 25, 4.1, 0.7), (60, 2.2, 1.4, 15, 2.9, 0.9),
               (100000, 4.01, 1.1, 90000, 4.0, 1.05), (8, -1.5, 2.5, 9, 0.5, 0.1)]


def welch_differences():
    """Welch t: Welch-Satterthwaite df, scipy t quantile and ttest_ind_from_stats p-value."""
    rows = []
    for n1, m1, s1, n2, m2, s2 in WELCH_CASES:
        for level in LEVELS:
            v1, v2 = s1 * s1 / n1, s2 * s2 / n2
            df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
            half = stats.t.ppf(1 - (1 - level) / 2, df) * (v1 + v2) ** 0.5
            p = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False).pvalue
            d = m1 - m2
            rows.append([n1, repr(m1), repr(s1), n2, repr(m2), repr(s2), repr(level),
                         repr(float(d - half)), repr(float(d + half)), repr(float(p))])
    write("welch.csv", ["n1", "mean1", "sd1", "n2", "mean2", "sd2", "level", "lower", "upper",
                        "p_value"], rows)


NPS_DIFF = [((10, 20, 30), (20, 30, 50)), ((0, 0, 5), (5, 0, 0)), ((3, 4, 5), (3, 4, 5)),
            ((120, 300, 580), (150, 310, 540)), ((1, 0, 0), (0, 0, 1))]


def nps_differences():
    """Wald difference of two NPS on the -1..1 scale (variances add), raw and on adjusted-Wald
    pseudo-counts; p-value from the same method's z (scipy norm)."""
    def moments(b, m, c):
        n = b + m + c
        p, d = c / n, b / n
        return p - d, max(p + d - (p - d) ** 2, 0.0) / n
    rows = []
    for left, right in NPS_DIFF:
        for level in LEVELS:
            z = stats.norm.ppf(1 - (1 - level) / 2)
            (r1, _), (r2, _) = moments(*left), moments(*right)
            est = r1 - r2
            for method, shift in [("wald", (0, 0, 0)), ("adjusted_wald", (0.75, 1.5, 0.75))]:
                a = [x + s for x, s in zip(left, shift)]
                b = [x + s for x, s in zip(right, shift)]
                (e1, v1), (e2, v2) = moments(*a), moments(*b)
                se = (v1 + v2) ** 0.5
                half = z * se
                centre = e1 - e2
                if se > 0:
                    p = 2 * stats.norm.sf(abs(centre) / se)
                else:
                    p = 1.0 if centre == 0 else 0.0
                rows.append([";".join(map(str, left)), ";".join(map(str, right)), repr(level),
                             method, repr(float(est)), repr(clamp(centre - half, -2.0, 2.0)),
                             repr(clamp(centre + half, -2.0, 2.0)), repr(float(p))])
    write("nps_difference.csv", ["left", "right", "level", "method", "estimate", "lower", "upper",
                                 "p_value"], rows)


if __name__ == "__main__":
    proportions()
    mean_intervals()
    nps_intervals()
    quantiles()
    poisson_rates()
    quantile_ranks()
    proportion_differences()
    welch_differences()
    nps_differences()
