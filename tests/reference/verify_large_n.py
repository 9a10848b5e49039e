"""Independent check of the large-n reference tables written by generate_large_n.R.

R evaluates its CDFs in double precision, and at n >= 1e8 the rounding of (n + 1) q inside
pbinom, and qbinom's search fuzz of 8 ulps, can each move a quantile rank by one. This script
decides every rank at n >= 1e8 with an evaluation that shares nothing with R or the crate: the
tail probability as the integral of the Beta (or Gamma) density, by tanh-sinh quadrature at 50
significant digits over intervals of a few standard deviations. It then

- rewrites large_n_quantile_ranks.csv with the decided ranks (columns lower, upper) beside R's
  (r_lower, r_upper), `decided_by` saying which (R = mpmath where they agree, mpmath where not),
  and prints every disagreement (at n = 1e18 R's ranks are doubles, so all of them differ);
- adds rows at n = 2^63 - 1, the crate's MAX_COUNT, which R cannot express, decided by the
  quadrature alone from a Cornish-Fisher start;
- re-solves any Student t quantile of large_n_student_t.csv whose tail R got wrong by more
  than 1e-12 relative (R's qt at df = 1/2 near p = 1);
- reports, for the Clopper-Pearson / Jeffreys bounds and the Garwood bounds, R's error as
  (F(bound) - p) / (f(bound) * width), i.e. in units of the interval's width, and for the CDF
  spot values R's relative error;
- re-solves (Newton steps on the quadrature CDF) every Clopper-Pearson / Jeffreys bound R got
  wrong by more than 1e-8 of the width, and rewrites large_n_proportion.csv with them (R's
  qbeta stops early at n = 1e18).

cargo test needs none of this. Run from the repository root after the R script:

    python3 -m pip install mpmath        # 1.3.0 was used
    python3 tests/reference/verify_large_n.py

It takes about half an hour (0.1 to 1 s per quadrature); name parts to run only those, e.g.
`verify_large_n.py ranks student_t` (the two that rewrite tables). Bounds within a few dozen
ulps of 1 (x = n - 1 at n >= 1e12) show R's "error" as the double's own resolution: half an
ulp is 1e-2 of a width of 45 ulps.
"""

import csv
import os

from mpmath import mp, mpf, exp, log, loggamma, quad, sqrt

mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))


def beta_log_density(a, b):
    a, b = mpf(a), mpf(b)
    norm = loggamma(a + b) - loggamma(a) - loggamma(b)
    return lambda t: (a - 1) * log(t) + (b - 1) * log(1 - t) + norm


def gamma_log_density(a):
    a = mpf(a)
    norm = -loggamma(a)
    return lambda t: (a - 1) * log(t) - t + norm


def tail(logf, x0, scale, lower, support):
    """The integral of exp(logf) from the support's end to x0 (lower) or from x0 on."""
    lo_end, hi_end = support
    x0 = mpf(x0)
    points = [x0]
    for k in [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128]:
        p = x0 - k * scale if lower else x0 + k * scale
        if lower and p <= lo_end:
            points.append(mpf(lo_end))
            break
        if not lower and p >= hi_end:
            points.append(mpf(hi_end))
            break
        points.append(p)
    points.sort()
    return quad(lambda t: exp(logf(t)), points)


def beta_cdf(a, b, x, want_lower):
    """P(X <= x) (want_lower) or P(X > x) for X ~ Beta(a, b), integrating the smaller side."""
    a, b, x = mpf(a), mpf(b), mpf(x)
    mean = a / (a + b)
    sd = sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    logf = beta_log_density(a, b)
    small_is_lower = x < mean
    t = tail(logf, x, sd, small_is_lower, (0, 1))
    return t if small_is_lower == want_lower else 1 - t


def gamma_cdf(a, x, want_lower):
    a, x = mpf(a), mpf(x)
    logf = gamma_log_density(a)
    small_is_lower = x < a
    t = tail(logf, x, sqrt(a), small_is_lower, (0, mp.inf))
    return t if small_is_lower == want_lower else 1 - t


def binom_cdf(k, n, q, want_lower):
    """P(X <= k) (want_lower) or P(X > k), X ~ Binomial(n, q): P(X <= k) = P(Beta(k+1, n-k) > q)."""
    if k < 0:
        return mpf(0) if want_lower else mpf(1)
    if k >= n:
        return mpf(1) if want_lower else mpf(0)
    return beta_cdf(k + 1, n - k, q, not want_lower)


def meets(k, n, q, p):
    """P(X <= k) >= p for the double p, decided on the precise tail."""
    if p <= 0.5:
        return binom_cdf(k, n, q, True) >= p
    return binom_cdf(k, n, q, False) <= 1 - mpf(p)


def smallest(k, n, q, p):
    """The smallest k' with P(X <= k') >= p, searching from k: galloping steps to a bracket,
    then bisection (R's ranks above 2^53 are off by up to a hundred)."""
    k = max(0, min(n, k))
    step = 1
    if meets(k, n, q, p):
        hi = k
        lo = k - step
        while lo >= 0 and meets(lo, n, q, p):
            hi, step = lo, step * 2
            lo = hi - step
        lo = max(lo, -1)  # meets(lo) is false (or lo = -1)
    else:
        lo = k
        hi = k + step
        while hi < n and not meets(hi, n, q, p):
            lo, step = hi, step * 2
            hi = lo + step
        hi = min(hi, n)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if meets(mid, n, q, p):
            hi = mid
        else:
            lo = mid
    return hi


def start(n, q, p):
    """Cornish-Fisher start for the search (as R's qbinom)."""
    from mpmath import erfinv

    z = sqrt(2) * erfinv(2 * mpf(p) - 1)
    mu, sigma = n * mpf(q), sqrt(n * mpf(q) * (1 - mpf(q)))
    gamma = (1 - 2 * mpf(q)) / sigma
    return int(mu + sigma * (z + gamma * (z * z - 1) / 6))


MAX_COUNT = 2**63 - 1


def ranks():
    path = os.path.join(HERE, "large_n_quantile_ranks.csv")
    with open(path) as f:
        rows = list(csv.DictReader(f))
    # Rows R cannot express: n = MAX_COUNT, decided here alone.
    if not any(int(row["trials"]) == MAX_COUNT for row in rows):
        for q in ["0.1", "0.5", "0.99"]:
            rows.append({"trials": str(MAX_COUNT), "q": q, "level": "0.95", "lower": "",
                         "upper": "", "r_lower": "", "r_upper": "", "decided_by": ""})
    changed = 0
    for row in rows:
        n, q, level = int(row["trials"]), float(row["q"]), float(row["level"])
        if n < 10**8 or (row["r_lower"] == "" and n != MAX_COUNT):
            continue
        alpha = 1 - level
        pl, pu = alpha / 2, 1 - alpha / 2
        if n == MAX_COUNT:
            lower = smallest(start(n, q, pl), n, q, pl)
            upper = smallest(start(n, q, pu), n, q, pu) + 1
            row["lower"], row["upper"], row["decided_by"] = str(lower), str(upper), "mpmath"
            print(f"n = 2^63 - 1, q = {q}, level = {level}: ({lower}, {upper})")
            continue
        lower = smallest(int(row["r_lower"]), n, q, pl)
        upper = smallest(int(row["r_upper"]) - 1, n, q, pu) + 1
        if (lower, upper) != (int(row["r_lower"]), int(row["r_upper"])):
            changed += 1
            print(f"R differs: n={n} q={q} level={level}: R ({row['r_lower']}, {row['r_upper']}),"
                  f" exact ({lower}, {upper})")
            off = max(abs(lower - int(row["r_lower"])), abs(upper - int(row["r_upper"])))
            row["lower"], row["upper"] = str(lower), str(upper)
            row["decided_by"] = f"mpmath (R off by {off})"
        else:
            row["decided_by"] = "R = mpmath"
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"ranks: {changed} of the n >= 1e8 rows differ from R")


def width_error(cdf_at, density_at, bound, p, width):
    """(F(bound) - p) / (f(bound) width), by the small tail."""
    if width == 0:
        return 0.0
    if p <= 0.5:
        gap = cdf_at(bound, True) - p
    else:
        gap = (1 - mpf(p)) - cdf_at(bound, False)
    density = density_at(bound)
    if density == 0:
        # A bound of exactly 0 or 1 where the quantile is within half an ulp of it (x = n - 1
        # at n = 1e15: 1 - 1e-17): the density there is 0; report the gap and skip the row.
        print(f"  bound {bound!r} on the edge of the support: F - p = {float(gap):.1e}")
        return 0.0
    return float(gap / (density * width))


def solve_beta(a, b, p, x):
    """The Beta(a, b) quantile at the double p, by Newton steps on the quadrature CDF from x."""
    a, b = mpf(a), mpf(b)
    logf = beta_log_density(a, b)
    x = mpf(x)
    for _ in range(20):
        if p <= 0.5:
            gap = beta_cdf(a, b, x, True) - p
        else:
            gap = (1 - mpf(p)) - beta_cdf(a, b, x, False)
        step = gap / exp(logf(x))
        x -= step
        if abs(step) < mpf("1e-30") * x:
            break
    return x


def normal_start(a, b, p):
    """The normal approximation to the Beta(a, b) quantile at p, to start Newton from."""
    from mpmath import erfinv

    a, b = mpf(a), mpf(b)
    mean = a / (a + b)
    sd = sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    return mean + sd * sqrt(2) * erfinv(2 * mpf(p) - 1)


def proportions():
    path = os.path.join(HERE, "large_n_proportion.csv")
    with open(path) as f:
        rows = list(csv.DictReader(f))
    worst = {}
    for row in rows:
        x, n, level = int(row["successes"]), int(row["trials"]), float(row["level"])
        lo, hi = float(row["r_lower"]), float(row["r_upper"])
        alpha = 1 - level
        cp = row["method"] == "clopper_pearson"
        if lo != lo or hi != hi:
            # R's qbeta returned NaN (it does at n = 1e18, x = 1e16): solve both bounds here.
            lo, hi = [float(solve_beta(a, b, p, normal_start(a, b, p))) if v != v else v
                      for v, p, (a, b) in [
                          (lo, alpha / 2, (x, n - x + 1) if cp else (x + 0.5, n - x + 0.5)),
                          (hi, 1 - alpha / 2, (x + 1, n - x) if cp else (x + 0.5, n - x + 0.5))]]
            print(f"R's {row['method']} {x}/{n} at {level} is NaN: solved ({lo!r}, {hi!r})")
            row["lower"], row["upper"], row["decided_by"] = repr(lo), repr(hi), "mpmath"
        width = mpf(hi) - mpf(lo)
        sides = [
            ("lower", lo, alpha / 2, (x, n - x + 1) if cp else (x + 0.5, n - x + 0.5)),
            ("upper", hi, 1 - alpha / 2, (x + 1, n - x) if cp else (x + 0.5, n - x + 0.5)),
        ]
        for side, bound, p, (a, b) in sides:
            if (bound == 0 and x == 0) or (bound == 1 and x == n):
                continue
            logf = beta_log_density(a, b)
            e = width_error(lambda t, lw: beta_cdf(a, b, t, lw),
                            lambda t: exp(logf(mpf(t))), bound, p, width)
            key = (row["method"], n)
            worst[key] = max(worst.get(key, 0.0), abs(e))
            if abs(e) > 1e-8:
                exact = float(solve_beta(a, b, p, bound))
                print(f"R's {row['method']} {x}/{n} at {level} {side} is off by {e:.1e} of the "
                      f"width: R {bound!r}, exact {exact!r}")
                row[side] = repr(exact)
                row["decided_by"] = "mpmath"
    for (method, n), e in sorted(worst.items()):
        print(f"R {method:16} n = {n:.0e}: worst error {e:.1e} of the width")
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def poisson():
    with open(os.path.join(HERE, "large_n_poisson.csv")) as f:
        for row in csv.DictReader(f):
            x, level = int(row["events"]), float(row["level"])
            lo, hi = float(row["lower"]), float(row["upper"])
            alpha = 1 - level
            width = mpf(hi) - mpf(lo)
            errors = []
            for bound, p, a in [(lo, alpha / 2, x), (hi, 1 - alpha / 2, float(x) + 1)]:
                logf = gamma_log_density(a)
                errors.append(width_error(lambda t, lw: gamma_cdf(a, t, lw),
                                          lambda t: exp(logf(mpf(t))), bound, p, width))
            print(f"R Garwood x = {x:.0e} at {level}: errors {errors[0]:.1e}, {errors[1]:.1e} of the width")


def cdfs():
    worst = 0.0
    with open(os.path.join(HERE, "large_n_cdf.csv")) as f:
        for row in csv.DictReader(f):
            a, x = float(row["a"]), float(row["x"])
            if row["dist"] == "beta":
                b = float(row["b"])
                lower, upper = beta_cdf(a, b, x, True), beta_cdf(a, b, x, False)
            else:
                lower, upper = gamma_cdf(a, x, True), gamma_cdf(a, x, False)
            for r, exact in [(float(row["lower"]), lower), (float(row["upper"]), upper)]:
                if exact > 1e-300:
                    e = float(abs(r - exact) / exact)
                    worst = max(worst, e)
                    if e > 1e-12:
                        print(f"R's {row['dist']} CDF off by {e:.1e} relative: {row}")
    print(f"CDF spot values: R's worst relative error {worst:.1e}")


def student_t():
    """R's t quantiles, checked through the tail P(T > |t|) = I_x(df/2, 1/2) / 2 with
    x = df / (df + t^2) (mpmath's betainc); quantiles whose tail is off by more than 1e-12
    relative are solved again in mpmath and recorded as decided_by = mpmath."""
    from mpmath import betainc, findroot

    path = os.path.join(HERE, "large_n_student_t.csv")
    with open(path) as f:
        rows = list(csv.DictReader(f))

    def tail(df, t):
        x = df / (df + t * t)
        return betainc(df / 2, mpf(0.5), 0, x, regularized=True) / 2

    worst = 0.0
    for row in rows:
        df, p, t = mpf(row["df"]), float(row["p"]), mpf(row["r_quantile"])
        target = mpf(p) if p < 0.5 else 1 - mpf(p)
        e = float(abs(tail(df, t) - target) / target)
        worst = max(worst, e)
        if e > 1e-12:
            sign = 1 if t > 0 else -1
            exact = findroot(lambda s: log(tail(df, s)) - log(target), abs(t))
            row["quantile"] = repr(float(sign * exact))
            row["decided_by"] = "mpmath"
            print(f"R's qt off: tail {e:.1e} relative at df = {row['df']}, p = {p}: "
                  f"R {row['r_quantile']}, exact {row['quantile']}")
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"t quantiles: R's worst relative error in the tail {worst:.1e}")


if __name__ == "__main__":
    import sys

    parts = sys.argv[1:] or ["student_t", "ranks", "cdfs", "poisson", "proportions"]
    for part in parts:
        globals()[part]()
