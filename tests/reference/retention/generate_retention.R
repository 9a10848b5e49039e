# generate_retention.R -- reference fixtures for Kaplan-Meier retention curves
#
# Run from the repository root:
#     Rscript tests/reference/retention/generate_retention.R
# (writes every file next to this script; fully deterministic: set.seed below,
# no dependence on the working directory beyond the output path).
#
# Produced with R 4.2.2 Patched (2022-11-10 r83330) and survival 3.5-3 (Debian
# bookworm packages r-base-core / r-cran-survival). The script stops if the
# survival version differs, because a few edge conventions changed later
# (see "Version notes" below); delete that check deliberately to regenerate
# with another version.
#
# Data conventions: durations are non-negative integers (whole periods, u64 on
# the Rust side); churned = 1 is the event (the customer churned), churned = 0
# is censored (still active at the end of observation). Every curve below is
# survfit(Surv(duration, churned) ~ 1, conf.type = ..., conf.int = ...), the
# Kaplan-Meier estimator with Greenwood variance (stype = 1, ctype = 1).
#
# Files (all CSV with a header; numbers printed with sprintf("%.17g"), R's NA
# and NaN as an empty field, +Inf as "Inf"):
#   data_<name>.csv   duration,churned[,group]: the input rows of each dataset.
#   z.csv             level,z: qnorm(1 - (1 - level)/2) exactly as
#                     survfit_confint computes it (the Rust side has no qnorm).
#   curves.csv        dataset,conf_type,level,time,n_risk,n_event,n_censor,
#                     surv,std_err,lower,upper,std_err_log: one row per
#                     distinct duration, summary(fit, censored = TRUE).
#                     std_err is summary()'s std.err = SE of S(t) (Greenwood,
#                     = fit$std.err * surv); std_err_log is the fit's own
#                     $std.err = SE of log S = SE of the cumulative hazard
#                     (Inf once S has reached 0).
#   at_times.csv      dataset,conf_type,level,time,n_risk,n_event,n_censor,
#                     surv,std_err,lower,upper: summary(fit, times = q,
#                     extend = TRUE) at 95% for strictly increasing query
#                     times q (before the first time, between times, at
#                     times, after the last one). n_event / n_censor are
#                     summed over (previous query time, time] as R does.
#   medians.csv       dataset,conf_type,level,prob,estimate,lower,upper:
#                     quantile(fit, probs = c(.25, .5, .75), conf.int = TRUE).
#   rmean.csv         dataset,tau,rmean,se_rmean: restricted mean survival
#                     time up to tau and its SE, from survival:::survmean
#                     (the function behind print(fit, rmean = tau) and
#                     summary(fit, rmean = tau)$table); checked against
#                     summary()$table wherever summary accepts tau (it
#                     refuses tau < the first observed time).
#   logrank.csv       dataset,n_groups,groups,observed,expected,chisq,df,
#                     p_value: survdiff(Surv(duration, churned) ~ group)
#                     (rho = 0); groups/observed/expected are ";"-separated
#                     in R's factor-level order.
#
# R conventions relied on (survival 3.5-3):
#   * S(t) is right-continuous; survfit rows are the distinct durations with an
#     event or a censoring; n.risk = number with duration >= time.
#   * Greenwood: fit$std.err = sqrt(sum d/(n(n-d))); at a time where n = d the
#     C code divides by zero, so std.err = Inf and S = 0; summary's
#     std.err = Inf * 0 = NaN (empty here).
#   * Intervals (survfit_confint): log: exp(log S -+ z se), upper clipped to
#     1, NA at S = 0; log-log: exp(-exp(log(-log S) -+ z se/log S)), NA at
#     S = 0 AND at S = 1 (3.5-3 has no "se == 0" guard); plain: S -+ z se S
#     clipped to [0, 1], NaN at S = 0.
#   * summary(times =, extend = TRUE) works on survfit0(fit), which adds a
#     time-0 row (S = 1, se = 0, lower = upper = 1) unless the first duration
#     is 0; values come from the last row at or before t, carried forward past
#     the last observation, and n.risk is 0 after the last observation.
#   * quantile.survfit: first time where 1 - S (1 - lower, 1 - upper for the
#     limits) reaches p, with tolerance sqrt(.Machine$double.eps): a flat
#     stretch at p gives the midpoint with the next jump (or with the last
#     time if the flat is the end of the curve); NA if p is never reached.
#   * survmean: area under the step curve from 0 to tau (the last value is
#     carried to tau); var = sum over rows t_i <= tau of
#     A_i^2 * d_i/(n_i (n_i - d_i)) with A_i = area from t_i to tau and the
#     term taken as 0 where n_i = d_i.
#   * survdiff: groups with expected = 0 are dropped; chisq from
#     solve(V[-1,-1], (O-E)[-1]); df = #groups with expected > 0, minus 1.
#
# Version notes: survival >= 3.8 returns [S, S] (so [1, 1]) for log-log where
# se = 0 instead of NA, and summary(times = ) with non-increasing times looks
# the times up in the given order without summing; neither case changes the
# files below except the log-log rows with S = 1 (lower/upper empty here).

suppressPackageStartupMessages(library(survival))
if (as.character(packageVersion("survival")) != "3.5.3")
    stop("fixtures were produced with survival 3.5-3; found ", packageVersion("survival"))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
outdir <- if (length(script) == 1) dirname(normalizePath(script)) else
    "tests/reference/retention"

fmt <- function(x) {
    x <- as.numeric(x)
    ifelse(is.na(x), "",
           ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"), sprintf("%.17g", x)))
}
write_rows <- function(df, file) {
    lines <- c(paste(names(df), collapse = ","),
               do.call(paste, c(unname(as.list(df)), sep = ",")))
    writeLines(lines, file.path(outdir, file))
}

# ---------------------------------------------------------------- datasets
set.seed(20240611)
datasets <- list()
datasets$aml <- data.frame(duration = aml$time, churned = aml$status,
                           group = as.character(aml$x))
datasets$lung <- data.frame(duration = lung$time, churned = lung$status - 1L,
                            group = as.character(lung$sex))
datasets$veteran <- data.frame(duration = veteran$time, churned = veteran$status,
                               group = as.character(veteran$trt))

# Monthly subscriptions, 3 plans: churn month ~ geometric by plan, follow-up
# (months since signup at data cut) uniform 1..24, so many churns and
# censorings share a month.
sub_plans <- function(n, months, hazard) {
    plan <- sample(names(hazard), n, replace = TRUE, prob = c(.5, .35, .15))
    churn <- rgeom(n, hazard[plan]) + 1L
    follow <- sample.int(months, n, replace = TRUE)
    data.frame(duration = pmin(churn, follow), churned = as.integer(churn <= follow),
               group = plan)
}
datasets$subscription <- sub_plans(900, 24L, c(basic = .08, pro = .05, enterprise = .03))
# Last duration (6) has only events: S ends at exactly 0.
datasets$ends_at_zero <- data.frame(duration = c(1, 2, 2, 3, 4, 4, 5, 6, 6, 6),
                                    churned  = c(1, 1, 0, 1, 0, 1, 1, 1, 1, 1))
# Three churns among 20 customers: S never gets near 0.5.
datasets$never_half <- data.frame(duration = c(2, 5, 9, 3, 3, 4, 6, 6, 7, 7, 8, 8, 9, 10,
                                               10, 11, 11, 12, 12, 12),
                                  churned  = c(1, 1, 1, rep(0, 17)))
datasets$single <- data.frame(duration = 5, churned = 1)
datasets$all_censored <- data.frame(duration = c(3, 5, 5, 8, 12), churned = 0)
datasets$events_at_zero <- data.frame(duration = c(0, 0, 0, 1, 2, 2, 3, 5, 5, 8),
                                      churned  = c(1, 1, 0, 1, 1, 0, 1, 1, 0, 0))
# S = 2/4 = 0.5 exactly on [2, 6): median = (2 + 6)/2 = 4.
datasets$flat_half <- data.frame(duration = c(2, 2, 6, 9), churned = c(1, 1, 1, 0))
# S(5) = 0.5 up to rounding (product of 9/10, 8/9, ...), flat on [5, 7).
datasets$flat_half_roundoff <- data.frame(duration = c(1:5, 7, 8, 9, 10, 12),
                                          churned  = c(rep(1, 7), 0, 1, 1))
# S = 0.5 from 2 to the last (censored) time 7: median = (2 + 7)/2.
datasets$flat_half_end <- data.frame(duration = c(2, 2, 5, 7), churned = c(1, 1, 0, 0))
# 100,000 customers over 36 months.
datasets$large <- sub_plans(100000, 36L, c(basic = .06, pro = .04, enterprise = .02))
# Three groups, group C has no churn at all (but is at risk: expected > 0).
datasets$no_events_group <- data.frame(
    duration = c(1, 2, 2, 3, 5, 6, 8,   1, 3, 3, 4, 4, 7, 9,   2, 4, 6, 8, 9, 10),
    churned  = c(1, 1, 0, 1, 1, 0, 1,   0, 1, 1, 1, 0, 1, 0,   0, 0, 0, 0, 0, 0),
    group    = rep(c("A", "B", "C"), each = 7)[1:20])
# Group C is censored before the first churn: expected = 0, R drops it (df = 1).
datasets$zero_expected <- data.frame(
    duration = c(3, 4, 4, 6, 7, 9,   3, 5, 5, 8, 10,   1, 1, 2),
    churned  = c(1, 1, 0, 1, 0, 1,   1, 0, 1, 1, 0,    0, 0, 0),
    group    = c(rep("A", 6), rep("B", 5), rep("C", 3)))

for (nm in names(datasets)) {
    d <- datasets[[nm]]
    d$duration <- as.integer(d$duration)
    d$churned <- as.integer(d$churned)
    stopifnot(all(d$duration >= 0), all(d$churned %in% 0:1))
    datasets[[nm]] <- d
    out <- data.frame(duration = d$duration, churned = d$churned)
    if (!is.null(d$group)) out$group <- d$group
    write_rows(out, paste0("data_", nm, ".csv"))
}

conf_types <- c("log", "log-log", "plain")
levels_ci <- c(0.95, 0.90)
write_rows(data.frame(level = fmt(levels_ci),
                      z = fmt(qnorm(1 - (1 - levels_ci)/2, 0, 1))), "z.csv")

fit_of <- function(d, ct, lev)
    survfit(Surv(duration, churned) ~ 1, data = d, conf.type = ct, conf.int = lev)

# ---------------------------------------------------------------- curves.csv
curves <- list()
for (nm in names(datasets)) for (ct in conf_types) for (lev in levels_ci) {
    fit <- fit_of(datasets[[nm]], ct, lev)
    s <- summary(fit, censored = TRUE)
    stopifnot(isTRUE(all.equal(s$std.err, fit$std.err * fit$surv)))
    curves[[length(curves) + 1]] <- data.frame(
        dataset = nm, conf_type = ct, level = fmt(lev), time = fmt(s$time),
        n_risk = fmt(s$n.risk), n_event = fmt(s$n.event), n_censor = fmt(s$n.censor),
        surv = fmt(s$surv), std_err = fmt(s$std.err), lower = fmt(s$lower),
        upper = fmt(s$upper), std_err_log = fmt(fit$std.err))
}
write_rows(do.call(rbind, curves), "curves.csv")

# ---------------------------------------------------------------- at_times.csv
query_times <- function(d) {
    t <- sort(unique(d$duration))
    first <- t[1]; last <- t[length(t)]
    gaps <- which(diff(t) >= 2)
    between <- floor((t[gaps] + t[gaps + 1]) / 2)
    q <- c(0, if (first >= 1) first - 1, if (first >= 2) floor(first / 2),
           t, between, last + 1, last + 10, 2 * last + 3)
    sort(unique(q))
}
at <- list()
for (nm in names(datasets)) for (ct in conf_types) {
    fit <- fit_of(datasets[[nm]], ct, 0.95)
    q <- query_times(datasets[[nm]])
    stopifnot(all(diff(q) > 0))
    s <- summary(fit, times = q, extend = TRUE)
    stopifnot(length(s$time) == length(q))
    at[[length(at) + 1]] <- data.frame(
        dataset = nm, conf_type = ct, level = fmt(0.95), time = fmt(s$time),
        n_risk = fmt(s$n.risk), n_event = fmt(s$n.event), n_censor = fmt(s$n.censor),
        surv = fmt(s$surv), std_err = fmt(s$std.err), lower = fmt(s$lower),
        upper = fmt(s$upper))
}
write_rows(do.call(rbind, at), "at_times.csv")

# ---------------------------------------------------------------- medians.csv
probs <- c(0.25, 0.5, 0.75)
med <- list()
for (nm in names(datasets)) for (ct in conf_types) for (lev in levels_ci) {
    fit <- fit_of(datasets[[nm]], ct, lev)
    qq <- quantile(fit, probs = probs, conf.int = TRUE)
    med[[length(med) + 1]] <- data.frame(
        dataset = nm, conf_type = ct, level = fmt(lev), prob = fmt(probs),
        estimate = fmt(qq$quantile), lower = fmt(qq$lower), upper = fmt(qq$upper))
}
write_rows(do.call(rbind, med), "medians.csv")

# ---------------------------------------------------------------- rmean.csv
rmean_taus <- function(d) {
    t <- sort(unique(d$duration))
    first <- t[1]; last <- t[length(t)]
    k <- length(t)
    between <- if (k >= 3 && t[3] - t[2] >= 2) floor((t[2] + t[3]) / 2) else NULL
    # and inside the widest gap between observed durations (not a curve time)
    if (k >= 2 && max(diff(t)) >= 2) {
        g <- which.max(diff(t))
        between <- c(between, floor((t[g] + t[g + 1]) / 2))
    }
    sort(unique(c(0, if (first >= 1) first - 1, first, between, t[ceiling(k / 2)],
                  t[max(1, k - 1)], last, last + 5, 2 * last + 1)))
}
rm_rows <- list()
for (nm in names(datasets)) {
    fit <- fit_of(datasets[[nm]], "log", 0.95)
    for (tau in rmean_taus(datasets[[nm]])) {
        m <- survival:::survmean(fit, rmean = tau)$matrix
        if (tau >= min(fit$time)) {   # summary() refuses earlier tau
            tab <- summary(fit, rmean = tau)$table
            stopifnot(isTRUE(all.equal(unname(tab[c("rmean", "se(rmean)")]),
                                       unname(m[c("rmean", "se(rmean)")]))))
        }
        rm_rows[[length(rm_rows) + 1]] <- data.frame(
            dataset = nm, tau = fmt(tau), rmean = fmt(m[["rmean"]]),
            se_rmean = fmt(m[["se(rmean)"]]))
    }
}
write_rows(do.call(rbind, rm_rows), "rmean.csv")

# ---------------------------------------------------------------- logrank.csv
lr <- list()
for (nm in names(datasets)) {
    d <- datasets[[nm]]
    if (is.null(d$group) || length(unique(d$group)) < 2) next
    sd <- survdiff(Surv(duration, churned) ~ group, data = d)
    df <- sum(sd$exp > 0) - 1
    stopifnot(isTRUE(all.equal(sd$pvalue, pchisq(sd$chisq, df, lower.tail = FALSE))))
    lr[[length(lr) + 1]] <- data.frame(
        dataset = nm, n_groups = length(sd$n),
        groups = paste(sub("^group=", "", names(sd$n)), collapse = ";"),
        observed = paste(fmt(sd$obs), collapse = ";"),
        expected = paste(fmt(sd$exp), collapse = ";"),
        chisq = fmt(sd$chisq), df = fmt(df), p_value = fmt(sd$pvalue))
}
write_rows(do.call(rbind, lr), "logrank.csv")
cat("wrote fixtures to", outdir, "\n")
