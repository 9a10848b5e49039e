# Reference values for the exact intervals at large sample sizes, from R's qbeta, qbinom,
# qgamma, qt, pbeta and pgamma (TOMS 708 and R's own pgamma / quantile searches).
#
# Writes the large_n_*.csv files beside this script; `cargo test` reads them (tests/metrics/large_n.rs
# and the unit tests of src/interval/special) and needs no R. Generated with
# R 4.2.2 Patched (2022-11-10 r83330) (Debian's r-base-core). Regenerate from the repository
# root with
#
#     apt-get install -y r-base-core
#     Rscript tests/reference/generate_large_n.R
#     python3 tests/reference/verify_large_n.py    # mpmath check of the large-n ranks
#
# Conventions (the crate's):
# - alpha = 1 - level in double arithmetic, exactly as ConfidenceLevel::alpha computes it, and
#   the quantiles asked at alpha/2 and 1 - alpha/2 (so both sides see the same doubles);
# - Clopper-Pearson: lower = qbeta(alpha/2, x, n - x + 1), exactly 0 at x = 0; upper =
#   qbeta(1 - alpha/2, x + 1, n - x), exactly 1 at x = n;
# - Jeffreys: the alpha/2 and 1 - alpha/2 quantiles of Beta(x + 1/2, n - x + 1/2), with lower 0
#   at x = 0 and upper 1 at x = n (Brown, Cai & DasGupta 2001); R's qbeta stops early at
#   n = 1e18 (1e-4 of the width, and NaN for x = 1e16 at 90%), so verify_large_n.py re-solves
#   every bound R got wrong (or NaN) by
#   more than 1e-8 of the width (decided_by = mpmath; R's values kept in r_lower, r_upper);
# - quantile ranks: l = qbinom(alpha/2, n, q), u = qbinom(1 - alpha/2, n, q) + 1 (1-based ranks
#   of the distribution-free quantile interval; empty where l < 1 or u > n). R's answer is
#   checked with pbinom at k - 1 and k; `r_check` says whether pbinom agrees (R's search has a
#   fuzz of 8 ulps and pbinom rounds (n + 1) q, which at n >= 1e8 can move a rank by one);
#   verify_large_n.py decides every rank at n >= 1e8 with an independent 50-digit quadrature.
#   At n = 1e18 R's ranks are doubles, rounded to multiples of 128; the verifier decides the
#   exact integers there and adds rows at n = 2^63 - 1 (the crate's MAX_COUNT) that R cannot
#   express;
# - Garwood: lower = qgamma(alpha/2, x), upper = qgamma(1 - alpha/2, x + 1) (rate per unit
#   exposure);
# - Student t: qt(p, df), upper quantiles as qt(1 - p, df, lower.tail = FALSE); R's qt loses
#   ~3e-11 at df = 1/2 for p near 1, so verify_large_n.py re-solves any quantile whose tail is
#   off by more than 1e-12 relative and records it (decided_by = mpmath);
# - CDF spot values: shapes with a + b a power of two (a, b and a + b exact doubles) and x a
#   double, so that R's deviation a - (a + b) x is exact and the values do not inherit R's
#   rounding of it; gamma shapes are integers below 2^53 and x = a + z sqrt(a) rounded to an
#   integer.
#
# Every number is written with 17 significant digits.

here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))))
fmt <- function(v) sprintf("%.17g", v)
levels <- c(0.9, 0.95, 0.99)
sizes <- c(1e6, 1e7, 4e7, 1e8, 1e9, 1e10, 1e12, 1e15, 1e18)

# ---- Clopper-Pearson and Jeffreys ------------------------------------------------------------
cp <- function(x, n, level) {
  alpha <- 1 - level
  lower <- if (x == 0) 0 else qbeta(alpha / 2, x, n - x + 1)
  upper <- if (x == n) 1 else qbeta(1 - alpha / 2, x + 1, n - x)
  c(lower, upper)
}
jeffreys <- function(x, n, level) {
  alpha <- 1 - level
  lower <- if (x == 0) 0 else qbeta(alpha / 2, x + 0.5, n - x + 0.5)
  upper <- if (x == n) 1 else qbeta(1 - alpha / 2, x + 0.5, n - x + 0.5)
  c(lower, upper)
}
cases <- list(c(20e6, 40e6)) # the issue's example
for (n in sizes) {
  for (share in c(0.5, 0.3, 0.01, 0.999)) cases[[length(cases) + 1]] <- c(round(share * n), n)
}
for (n in c(1e6, 1e9, 1e12, 1e15)) {
  for (x in c(0, 1, n - 1, n)) cases[[length(cases) + 1]] <- c(x, n)
}
rows <- character(0)
for (case in cases) {
  x <- case[1]; n <- case[2]
  for (level in levels) {
    for (method in c("clopper_pearson", "jeffreys")) {
      b <- if (method == "jeffreys") jeffreys(x, n, level) else cp(x, n, level)
      rows <- c(rows, paste(method, format(x, scientific = FALSE), format(n, scientific = FALSE),
                            level, fmt(b[1]), fmt(b[2]), fmt(b[1]), fmt(b[2]), "R", sep = ","))
    }
  }
}
writeLines(c("method,successes,trials,level,lower,upper,r_lower,r_upper,decided_by", rows),
           file.path(here, "large_n_proportion.csv"))

# ---- quantile ranks --------------------------------------------------------------------------
# TRUE when pbinom agrees that k is the smallest integer with P(X <= k) >= p.
check <- function(k, p, n, q) {
  if (p <= 0.5) {
    (k == 0 || pbinom(k - 1, n, q) < p) && pbinom(k, n, q) >= p
  } else {
    # Upper tails keep their precision: P(X > k) <= 1 - p < P(X > k - 1).
    (k == 0 || pbinom(k - 1, n, q, lower.tail = FALSE) > 1 - p) &&
      pbinom(k, n, q, lower.tail = FALSE) <= 1 - p
  }
}
rows <- character(0)
for (n in c(1e6, 1e7, 4e7, 1e8, 1e9, 1e10, 1e12, 1e15, 1e18)) {
  for (q in c(0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99)) {
    for (level in levels) {
      alpha <- 1 - level
      pl <- alpha / 2
      pu <- 1 - alpha / 2
      l <- qbinom(pl, n, q)
      k <- qbinom(pu, n, q)
      ok <- check(l, pl, n, q) && check(k, pu, n, q)
      if (!ok) message(sprintf("pbinom disagrees with qbinom: n = %g, q = %g, level = %g", n, q, level))
      u <- k + 1
      defined <- l >= 1 && u <= n
      cells <- if (defined) c(format(l, scientific = FALSE), format(u, scientific = FALSE)) else c("", "")
      rows <- c(rows, paste(format(n, scientific = FALSE), q, level, cells[1], cells[2],
                            cells[1], cells[2], if (ok) "R" else "R (pbinom disagrees)", sep = ","))
    }
  }
}
# The issue's example.
stopifnot(qbinom(0.025, 1e9, 0.5) == 499969010, qbinom(0.975, 1e9, 0.5) + 1 == 500030991)
writeLines(c("trials,q,level,lower,upper,r_lower,r_upper,decided_by", rows),
           file.path(here, "large_n_quantile_ranks.csv"))

# ---- Garwood ---------------------------------------------------------------------------------
rows <- character(0)
for (x in c(1e6, 1e8, 1e10, 1e12, 1e15, 1e18)) {
  for (level in levels) {
    alpha <- 1 - level
    lower <- qgamma(alpha / 2, x)
    upper <- qgamma(1 - alpha / 2, x + 1)
    rows <- c(rows, paste(format(x, scientific = FALSE), level, fmt(lower), fmt(upper), sep = ","))
  }
}
writeLines(c("events,level,lower,upper", rows), file.path(here, "large_n_poisson.csv"))

# ---- Student t (fractional and huge degrees of freedom, far tails) ----------------------------
rows <- character(0)
for (df in c(0.5, 1, 1.5, 2, 2.5, 7.3, 30, 1234.5, 1e6, 1e10, 1e15)) {
  for (p in c(1e-12, 1e-6, 0.001, 0.025, 0.3, 0.975, 0.999999)) {
    # Upper quantiles from the upper tail 1 - p (exact in doubles for p > 1/2), as the crate
    # does: R's qt(p, df) for p near 1 loses about 1e-10 relative at df < 1.
    t <- if (p > 0.5) qt(1 - p, df, lower.tail = FALSE) else qt(p, df)
    rows <- c(rows, paste(fmt(df), fmt(p), fmt(t), fmt(t), "R", sep = ","))
  }
}
writeLines(c("df,p,quantile,r_quantile,decided_by", rows), file.path(here, "large_n_student_t.csv"))

# ---- CDF spot values -------------------------------------------------------------------------
rows <- character(0)
for (k in c(20, 30, 40, 50, 60)) {
  total <- 2^k
  for (share in c(0.5, 0.3, 0.01, 0.999)) {
    # a and b multiples of 2^(k - 52), so that both and their sum 2^k are exact doubles.
    unit <- 2^max(0, k - 52)
    a <- round(share * total / unit) * unit
    b <- total - a
    m <- a / total
    sd <- sqrt(m * (1 - m) / total)
    for (z in c(-6, -2, -0.5, 0, 1, 3, 8)) {
      x <- m + z * sd
      if (x <= 0 || x >= 1) next
      rows <- c(rows, paste("beta", fmt(a), fmt(b), fmt(x), fmt(pbeta(x, a, b)),
                            fmt(pbeta(x, a, b, lower.tail = FALSE)), sep = ","))
    }
  }
}
for (a in c(1e6, 1e9, 1e12, 1e15)) {
  for (z in c(-6, -2, -0.5, 0, 1, 3, 8)) {
    x <- round(a + z * sqrt(a))
    rows <- c(rows, paste("gamma", fmt(a), "", fmt(x), fmt(pgamma(x, a)),
                          fmt(pgamma(x, a, lower.tail = FALSE)), sep = ","))
  }
}
writeLines(c("dist,a,b,x,lower,upper", rows), file.path(here, "large_n_cdf.csv"))
