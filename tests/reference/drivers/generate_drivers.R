# Reference values for key-driver analysis (relative importance) from base R.
#
#   python3 examples/data/make_drivers.py               (only if airline_survey.csv changed)
#   Rscript tests/reference/drivers/generate_drivers.R  (from the repository root)
#
# Written with R 4.2.2 Patched (2022-11-10 r83330) (Debian: r-base-core), base R only (the
# relaimpo package is not in Debian; its definitions are re-implemented here from Grömping 2006
# and checked against lm). Deterministic (set.seed). Takes about two minutes (the airline cases
# run 2 x 16,384 regressions). `cargo test` only reads the committed CSV files.
#
# Writes, beside this script:
#   drivers.csv      one row per case, weighting and driver:
#                    case, weighted (true/false), driver (column name), lmg, relative_weight,
#                    first, last, beta_squared, pratt, performance, r_squared, n, dropped
#   data_<case>.csv  the synthetic datasets (columns x1..xp, y, and w for weighted cases)
#
# Conventions (relaimpo's, type = c("lmg", "first", "last", "betasq", "pratt") plus Johnson's
# relative weights):
# - rows: complete cases of the drivers, the outcome and (weighted) the weight; n = rows used,
#   dropped = rows left out;
# - R²(S) = summary(lm(y ~ S, weights = w))$r.squared for every subset S (2^p fits), R²({}) = 0;
#   for weighted fits summary.lm uses mss = sum(w (f - weighted mean f)^2), rss = sum(w r^2);
# - lmg_j = sum over S without j of |S|! (p - |S| - 1)! / p! (R²(S + j) - R²(S));
# - first_j = R²({j}); last_j = R²(all) - R²(all but j) (both from the lm fits above);
# - beta_squared_j = (b_j sd(x_j) / sd(y))^2, pratt_j = b_j sd(x_j) / sd(y) cor(x_j, y), with b
#   the full lm coefficients and sd, cor from cov.wt(cbind(X, y), wt = w, cor = TRUE) (the
#   weights' scale and the n - 1 convention cancel);
# - relative_weight (Johnson 2000): Rxx = V diag(l) V' = eigen(cor of drivers, symmetric = TRUE),
#   Lambda = V diag(sqrt l) V', beta* = V diag(1 / sqrt l) V' rxy, rw = Lambda^2 %*% beta*^2;
# - performance_j = weighted.mean(x_j, w) over the rows used.
#
# Cases:
#   airline14          examples/data/airline_survey.csv, all 14 items, outcome `overall`,
#                      unweighted and weighted by `weight`
#   airline5           the same with 5 items (seat_comfort, legroom, onboard_service,
#                      departure_punctuality, value_for_money); complete cases of those 5
#   p2                 2 drivers, n = 40
#   p3_n10             3 drivers, n = 10
#   correlated         4 drivers with pairwise correlations 0.95 to 0.995, n = 300
#   suppressor         3 drivers, x2 a suppressor (negative coefficient, positive correlation
#                      with y: negative pratt), x3 negatively related to y, n = 200
#   ties               5 integer ratings 1..5 (many ties), 0..10 outcome, n = 150
#   p20                20 drivers (two factors), n = 500; LMG from the correlation matrix
#                      (R²(S) = r_S' solve(R_SS, r_S) for all 2^20 subsets; checked against
#                      lm on the airline14 case, see the message printed at the end) and the
#                      other measures from lm
#   weighted_unequal   4 drivers, n = 120, log-normal weights clipped to 0.05..20 (0.07 to 20
#                      in the data; weighted only)
# The synthetic values are written with 3 decimals (weights 4) and read back from the CSV, so R
# and the Rust tests see the same decimal strings.

f <- function(x) sprintf("%.17g", x)
dir <- "tests/reference/drivers"
stopifnot(file.exists(file.path(dir, "generate_drivers.R")))

# --- all-subsets R² ------------------------------------------------------------------------

subset_drivers <- function(s, names) names[bitwAnd(s, 2^(seq_along(names) - 1)) > 0]

r2_lm_all <- function(d, names, weighted) {
  p <- length(names)
  r2 <- numeric(2^p)
  for (s in seq_len(2^p - 1)) {
    fml <- reformulate(subset_drivers(s, names), response = "y")
    fit <- if (weighted) lm(fml, data = d, weights = w_) else lm(fml, data = d)
    r2[s + 1] <- summary(fit)$r.squared
  }
  r2
}

r2_cor_all <- function(R, rxy) {
  p <- length(rxy)
  r2 <- numeric(2^p)
  for (s in seq_len(2^p - 1)) {
    idx <- which(bitwAnd(s, 2^(0:(p - 1))) > 0)
    r2[s + 1] <- sum(rxy[idx] * solve(R[idx, idx, drop = FALSE], rxy[idx]))
  }
  r2
}

lmg_from_r2 <- function(r2, p) {
  s <- 0:(2^p - 1)
  size <- rowSums(sapply(0:(p - 1), function(j) bitwAnd(s, 2^j) > 0))
  if (p == 1) size <- as.numeric(s > 0)
  wk <- function(k) exp(lfactorial(k) + lfactorial(p - k - 1) - lfactorial(p))
  sapply(seq_len(p), function(j) {
    bit <- 2^(j - 1)
    without <- s[bitwAnd(s, bit) == 0]
    sum(wk(size[without + 1]) * (r2[without + bit + 1] - r2[without + 1]))
  })
}

# --- all measures for one case -----------------------------------------------------------

measures <- function(case, data, drivers, outcome, weight = NULL, method = "lm") {
  cols <- c(drivers, outcome, weight)
  ok <- complete.cases(data[, cols])
  d <- data[ok, c(drivers, outcome)]
  names(d)[length(drivers) + 1] <- "y"
  weighted <- !is.null(weight)
  d$w_ <- if (weighted) data[ok, weight] else rep(1, sum(ok))
  p <- length(drivers)

  cw <- cov.wt(as.matrix(d[, c(drivers, "y")]), wt = d$w_, cor = TRUE)
  R <- cw$cor
  sdv <- sqrt(diag(cw$cov))
  rxy <- R[1:p, p + 1]
  Rxx <- R[1:p, 1:p, drop = FALSE]

  r2 <- if (method == "lm") r2_lm_all(d, drivers, weighted) else r2_cor_all(Rxx, rxy)
  full <- 2^p - 1
  lmg <- lmg_from_r2(r2, p)

  fit <- if (weighted) lm(y ~ ., data = d[, c(drivers, "y")], weights = d$w_) else
    lm(y ~ ., data = d[, c(drivers, "y")])
  r2full <- summary(fit)$r.squared
  if (method == "lm") {
    stopifnot(abs(r2full - r2[full + 1]) < 1e-13)
    r2full <- r2[full + 1]
  }
  bstd <- coef(fit)[-1] * sdv[1:p] / sdv[p + 1]
  first <- if (method == "lm") r2[2^(0:(p - 1)) + 1] else rxy^2
  last <- if (method == "lm") r2full - r2[full - 2^(0:(p - 1)) + 1] else
    sapply(seq_len(p), function(j) {
      fj <- if (weighted) lm(y ~ ., data = d[, c(drivers[-j], "y")], weights = d$w_) else
        lm(y ~ ., data = d[, c(drivers[-j], "y")])
      r2full - summary(fj)$r.squared
    })

  e <- eigen(Rxx, symmetric = TRUE)
  V <- e$vectors
  Lambda <- V %*% diag(sqrt(e$values), p) %*% t(V)
  bstar <- V %*% diag(1 / sqrt(e$values), p) %*% t(V) %*% rxy
  rw <- as.vector((Lambda^2) %*% (bstar^2))

  perf <- sapply(drivers, function(x) weighted.mean(d[[x]], d$w_))
  data.frame(case = case, weighted = if (weighted) "true" else "false", driver = drivers,
             lmg = f(lmg), relative_weight = f(rw), first = f(first), last = f(last),
             beta_squared = f(bstd^2), pratt = f(bstd * rxy), performance = f(perf),
             r_squared = f(r2full), n = sum(ok), dropped = sum(!ok), stringsAsFactors = FALSE)
}

# --- data ----------------------------------------------------------------------------------

items14 <- c("seat_comfort", "legroom", "cleanliness", "inflight_entertainment",
             "inflight_wifi", "food_and_drink", "onboard_service", "checkin_service",
             "boarding", "online_booking", "baggage_handling", "departure_punctuality",
             "gate_location", "value_for_money")
items5 <- c("seat_comfort", "legroom", "onboard_service", "departure_punctuality",
            "value_for_money")
air <- read.csv("examples/data/airline_survey.csv")
stopifnot(all(c(items14, "overall", "weight") %in% names(air)))

write_data <- function(case, X, y, w = NULL) {
  df <- data.frame(round(X, 3))
  names(df) <- paste0("x", seq_len(ncol(X)))
  out <- data.frame(lapply(df, function(v) sprintf("%.3f", v)))
  out$y <- sprintf("%.3f", round(y, 3))
  if (!is.null(w)) out$w <- sprintf("%.4f", round(w, 4))
  path <- file.path(dir, paste0("data_", case, ".csv"))
  write.csv(out, path, row.names = FALSE, quote = FALSE)
  read.csv(path)
}

set.seed(20260515)
synthetic <- list()

n <- 40
x1 <- rnorm(n); x2 <- 0.5 * x1 + rnorm(n)
synthetic$p2 <- write_data("p2", cbind(x1, x2), 1 + 0.8 * x1 + 0.3 * x2 + rnorm(n))

n <- 10
X <- matrix(rnorm(3 * n), n); X[, 2] <- X[, 2] + 0.6 * X[, 1]
synthetic$p3_n10 <- write_data("p3_n10", X, X %*% c(1, 0.5, -0.4) + rnorm(n, sd = 0.8))

n <- 300
z <- rnorm(n)
X <- sapply(c(0.3, 0.2, 0.1, 0.05), function(s) z + s * rnorm(n))
synthetic$correlated <- write_data("correlated", X, X %*% c(0.5, 0.3, 0.2, 0.1) + rnorm(n))

n <- 200
x1 <- rnorm(n); x2 <- 0.8 * x1 + 0.6 * rnorm(n); x3 <- rnorm(n) + 0.3 * x1
synthetic$suppressor <- write_data("suppressor", cbind(x1, x2, x3),
                                   x1 - 0.5 * x2 - 0.4 * x3 + 0.7 * rnorm(n))

n <- 150
lat <- rnorm(n)
X <- sapply(c(0.8, 0.6, 0.5, 0.3, 0.1), function(l) pmin(5, pmax(1, round(3 + l * lat + rnorm(n)))))
y <- pmin(10, pmax(0, round(6 + X %*% c(0.6, 0.4, 0.2, 0.1, 0) - 3.9 + rnorm(n))))
synthetic$ties <- write_data("ties", X, y)

n <- 500
g1 <- rnorm(n); g2 <- 0.4 * g1 + rnorm(n)
X <- sapply(1:20, function(j) (if (j <= 10) g1 else g2) * runif(1, 0.3, 0.9) + rnorm(n))
synthetic$p20 <- write_data("p20", X, X %*% seq(0.3, -0.05, length.out = 20) + rnorm(n, sd = 2))

n <- 120
X <- matrix(rnorm(4 * n), n); X[, 3] <- X[, 3] + 0.5 * X[, 1]
w <- exp(rnorm(n, sd = 1.2)); w <- pmin(20, pmax(0.05, w))
synthetic$weighted_unequal <- write_data("weighted_unequal", X,
                                         X %*% c(0.7, 0.4, 0.3, -0.2) + rnorm(n), w)

# --- cases ---------------------------------------------------------------------------------

out <- list()
for (wt in list(NULL, "weight")) {
  out[[length(out) + 1]] <- measures("airline14", air, items14, "overall", wt)
  out[[length(out) + 1]] <- measures("airline5", air, items5, "overall", wt)
}
for (case in names(synthetic)) {
  d <- synthetic[[case]]
  xs <- grep("^x", names(d), value = TRUE)
  wt <- if ("w" %in% names(d)) "w" else NULL
  out[[length(out) + 1]] <- measures(case, d, xs, "y", wt, if (case == "p20") "cor" else "lm")
}
res <- do.call(rbind, out)
write.csv(res, file.path(dir, "drivers.csv"), row.names = FALSE, quote = FALSE)

# The correlation-matrix method used for p20 against lm on every subset (airline14).
for (weighted in c(FALSE, TRUE)) {
  a <- measures("check", air, items14, "overall", if (weighted) "weight" else NULL, "cor")
  b <- res[res$case == "airline14" & res$weighted == (if (weighted) "true" else "false"), ]
  rel <- max(abs(as.numeric(a$lmg) / as.numeric(b$lmg) - 1))
  message(sprintf("airline14 weighted=%s: LMG from the correlation matrix vs lm, max rel diff %.2g",
                  weighted, rel))
}
message("wrote ", nrow(res), " rows to ", file.path(dir, "drivers.csv"))
