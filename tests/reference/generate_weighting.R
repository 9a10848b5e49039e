# Reference tables for `satisfaction::weighting` from R's survey package (Lumley).
#
#   Rscript tests/reference/generate_weighting.R      (from the repository root)
#
# Written with R 4.2.2 and survey 4.1.1 (Debian: r-base-core, r-cran-survey). `cargo test`
# only reads the committed CSV files; R is needed only to regenerate them.
#
# Files (numbers written with sprintf('%.17g'), so they read back to the same doubles):
#   weighting_data.csv       the respondents of every dataset: NPS score, a yes/no flag, a 1-5
#                            CSAT rating, a 1-7 CES rating, a weight, and class/gender/age labels
#   weighting_estimates.csv  dataset, quantity, level, method, value (long format)
#   weighting_weights.csv    raked, trimmed and post-stratified weights per row, from weight 1
#                            and (design_*) from the design weights w
#
# Design: svydesign(ids = ~1, weights = ~w), one stage, with replacement. Raking to margins
# given as shares: population counts share * n, so the weights sum to n; control
# list(epsilon = 1e-10, maxit = 1000). Epsilon < 1 is relative to the sum of the starting
# weights in R; the Rust default tolerance 1e-10 is relative to n, whatever the design weights'
# scale (only their ratios matter there), so raking from design weights w passes
# epsilon = 1e-10 * n / sum(w): the same absolute threshold on weights that sum to n.
#
# The "logit" intervals are svyciprop(method = "logit") computed as svyciprop does it (svyglm
# with quasibinomial family, Wald interval on t with degf(design) df), but with the IRLS run to
# glm.control(epsilon = 1e-15): svyciprop's own fit stops at glm's default deviance tolerance
# 1e-8, which near p = 0.02 leaves up to ~5e-8 relative error in the bounds. svyciprop's own
# output is kept as method "logit_default" (the Rust tests hold it to 1e-6).

suppressMessages(library(survey))
options(survey.lonely.psu = "fail")

f <- function(x) sprintf("%.17g", x)
levels_ <- c(0.8, 0.9, 0.95, 0.99)
margins <- list(
  class = c(business = 0.15, premium = 0.15, economy = 0.70),
  gender = c(female = 0.5, male = 0.5),
  age = c("18-34" = 0.3, "35-54" = 0.4, "55+" = 0.3)
)

# A sample over-representing business class (and, through it, older men).
make <- function(name, n, weights, p_class, flag_p = NULL, assoc = FALSE) {
  class <- sample(names(margins$class), n, replace = TRUE, prob = p_class)
  biz <- class != "economy"
  gender <- ifelse(runif(n) < ifelse(biz, 0.35, 0.55), "female", "male")
  age <- if (assoc) {
    # Age almost determined by class: ten backfitting passes do not converge fully.
    ifelse(biz, ifelse(runif(n) < 0.9, "55+", "35-54"),
           ifelse(runif(n) < 0.7, "18-34", sample(c("35-54", "55+"), n, replace = TRUE)))
  } else {
    sample(names(margins$age), n, replace = TRUE, prob = c(0.25, 0.4, 0.35))
  }
  happy <- 0.8 * biz + 0.4 * (gender == "female") + rnorm(n)
  score <- pmin(10, pmax(0, round(7 + 1.8 * happy)))
  flag <- if (is.null(flag_p)) as.integer(happy + rnorm(n) > 0.5) else rbinom(n, 1, flag_p)
  csat <- pmin(5, pmax(1, round(3.6 + 0.9 * happy)))
  ces <- pmin(7, pmax(1, round(5 + 1.2 * happy)))
  data.frame(dataset = name, row = seq_len(n) - 1, score, flag, csat, ces, w = weights,
             class, gender, age, stringsAsFactors = FALSE)
}

set.seed(20261201)
data <- rbind(
  data.frame(dataset = "tiny", row = 0:4, score = c(10, 9, 8, 3, 0), flag = c(1, 1, 0, 1, 0),
             csat = c(5, 4, 2, 5, 3), ces = c(7, 6, 2, 5, 4), w = c(2, 1, 1, 1, 0.5),
             class = c("business", "premium", "economy", "economy", "business"),
             gender = c("female", "male", "female", "male", "male"),
             age = c("18-34", "35-54", "55+", "18-34", "35-54"), stringsAsFactors = FALSE),
  make("moderate", 200, exp(rnorm(200, 0, 0.7)), c(0.35, 0.2, 0.45)),
  make("large", 3000, exp(rnorm(3000, 0, 2.2)), c(0.4, 0.2, 0.4)),
  make("rare", 400, exp(rnorm(400, 0, 0.5)), c(0.3, 0.2, 0.5), flag_p = 0.02),
  make("assoc", 500, rep(1, 500), c(0.45, 0.15, 0.4), assoc = TRUE)
)

# svyciprop, with the logit fit run to convergence (see the header).
ciprop <- function(formula, design, method, level) {
  if (method == "logit_default") {
    return(attr(svyciprop(formula, design, method = "logit", level = level), "ci"))
  }
  if (method != "logit") {
    return(attr(svyciprop(formula, design, method = method, level = level), "ci"))
  }
  m <- eval(bquote(svyglm(.(formula[[2]]) ~ 1, design, family = quasibinomial,
                          control = glm.control(epsilon = 1e-15, maxit = 100))))
  as.numeric(plogis(confint(m, 1, level = level, method = "Wald", ddf = degf(design))))
}

out <- list()
add <- function(dataset, quantity, value, level = "", method = "") {
  out[[length(out) + 1]] <<- data.frame(dataset, quantity, level = as.character(level),
                                        method, value = f(value), stringsAsFactors = FALSE)
}
weights_out <- list()

for (name in unique(data$dataset)) {
  d <- data[data$dataset == name, ]
  n <- nrow(d)
  d$nps <- ifelse(d$score >= 9, 100, ifelse(d$score >= 7, 0, -100))
  d$satisfied <- as.integer(d$csat >= 4)
  d$low_effort <- as.integer(d$ces >= 5)
  des <- svydesign(ids = ~1, weights = ~w, data = d)
  add(name, "kish_n", sum(d$w)^2 / sum(d$w^2))

  m <- svymean(~nps, des)
  add(name, "nps", coef(m)); add(name, "nps_se", SE(m))
  for (l in levels_) {
    ci <- confint(m, level = l)
    add(name, "nps_lower", ci[1], l); add(name, "nps_upper", ci[2], l)
  }
  for (v in c("csat", "ces")) {
    m <- svymean(as.formula(paste0("~", v)), des)
    add(name, paste0(v, "_mean"), coef(m)); add(name, paste0(v, "_mean_se"), SE(m))
    for (l in levels_) {
      ci <- confint(m, level = l)
      add(name, paste0(v, "_mean_lower"), ci[1], l); add(name, paste0(v, "_mean_upper"), ci[2], l)
    }
  }
  for (v in c("flag", "satisfied", "low_effort")) {
    m <- svymean(as.formula(paste0("~", v)), des)
    add(name, paste0(v, "_share"), coef(m)); add(name, paste0(v, "_se"), SE(m))
    for (l in levels_) for (method in c("mean", "logit", "beta", "logit_default")) {
      ci <- ciprop(as.formula(paste0("~", v)), des, method, l)
      add(name, paste0(v, "_lower"), ci[1], l, method)
      add(name, paste0(v, "_upper"), ci[2], l, method)
    }
  }

  # Difference of two independent weighted NPS (women minus men): one design stratified by
  # sample, so each side keeps its own n/(n-1).
  strat <- svydesign(ids = ~1, strata = ~gender, weights = ~w, data = d)
  by <- svyby(~nps, ~gender, strat, svymean, covmat = TRUE)
  con <- svycontrast(by, c(1, -1))
  est <- coef(con); se <- SE(con)
  add(name, "nps_diff", est); add(name, "nps_diff_se", se)
  add(name, "nps_diff_p", 2 * pnorm(-abs(est / se)))
  for (l in levels_) {
    ci <- confint(con, level = l)
    add(name, "nps_diff_lower", ci[1], l); add(name, "nps_diff_upper", ci[2], l)
  }

  if (name == "tiny") next

  # Raking from an unweighted start to the margins (as shares of n).
  d0 <- svydesign(ids = ~1, weights = ~rep(1, n), data = d)
  pop <- lapply(names(margins), function(v) {
    p <- data.frame(names(margins[[v]]), as.vector(margins[[v]]) * n)
    names(p) <- c(v, "Freq")
    p
  })
  raked <- rake(d0, list(~class, ~gender, ~age), pop,
                control = list(epsilon = 1e-10, maxit = 1000))
  fixed <- svydesign(ids = ~1, weights = ~wr, data = transform(d, wr = weights(raked)))
  calibrated_quantities <- function(design, fixed_design, prefix) {
    for (v in c("flag", "csat", "nps")) {
      m <- svymean(as.formula(paste0("~", v)), design)
      mf <- svymean(as.formula(paste0("~", v)), fixed_design)
      add(name, paste0(prefix, "_", v), coef(m))
      add(name, paste0(prefix, "_", v, "_se"), SE(m))
      add(name, paste0(prefix, "_", v, "_fixed_se"), SE(mf))
    }
    for (method in c("mean", "logit", "beta", "logit_default")) {
      ci <- ciprop(~flag, design, method, 0.95)
      add(name, paste0(prefix, "_flag_lower"), ci[1], 0.95, method)
      add(name, paste0(prefix, "_flag_upper"), ci[2], 0.95, method)
    }
    add(name, paste0(prefix, "_kish_n"), sum(weights(design))^2 / sum(weights(design)^2))
  }
  calibrated_quantities(raked, fixed, "raked")

  # The same with ten passes replaced by a converged projection would differ on "assoc";
  # record the converged (least-squares) residual SE too, to show the size of the effect.
  wr <- weights(raked)
  for (v in c("flag", "csat", "nps")) {
    y <- d[[v]]
    ybar <- sum(wr * y) / sum(wr)
    res <- residuals(lm(y ~ class + gender + age, data = d))
    z <- wr * res / sum(wr)
    add(name, paste0("raked_", v, "_ols_se"), sqrt(n / (n - 1) * sum((z - mean(z))^2)))
  }

  trimmed <- trimWeights(raked, lower = 0.3, upper = 3, strict = TRUE)
  fixed_t <- svydesign(ids = ~1, weights = ~wt, data = transform(d, wt = weights(trimmed)))
  calibrated_quantities(trimmed, fixed_t, "trimmed")

  cells <- expand.grid(class = names(margins$class), gender = names(margins$gender),
                       stringsAsFactors = FALSE)
  cells$Freq <- margins$class[cells$class] * margins$gender[cells$gender] * n
  ps <- postStratify(d0, ~class + gender, cells)
  fixed_ps <- svydesign(ids = ~1, weights = ~wp, data = transform(d, wp = weights(ps)))
  calibrated_quantities(ps, fixed_ps, "poststratified")

  # The same two calibrations starting from the design weights w instead of 1.
  dw <- svydesign(ids = ~1, weights = ~w, data = d)
  draked <- rake(dw, list(~class, ~gender, ~age), pop,
                 control = list(epsilon = 1e-10 * nrow(d) / sum(d$w), maxit = 1000))
  fixed_dr <- svydesign(ids = ~1, weights = ~wd, data = transform(d, wd = weights(draked)))
  calibrated_quantities(draked, fixed_dr, "design_raked")
  dps <- postStratify(dw, ~class + gender, cells)
  fixed_dps <- svydesign(ids = ~1, weights = ~wd, data = transform(d, wd = weights(dps)))
  calibrated_quantities(dps, fixed_dps, "design_poststratified")

  weights_out[[name]] <- data.frame(dataset = name, row = d$row, raked = f(weights(raked)),
                                    trimmed = f(weights(trimmed)),
                                    poststratified = f(weights(ps)),
                                    design_raked = f(weights(draked)),
                                    design_poststratified = f(weights(dps)))
}

data_out <- data
data_out$w <- f(data_out$w)
write.csv(data_out[, c("dataset", "row", "score", "flag", "csat", "ces", "w", "class",
                       "gender", "age")],
          "tests/reference/weighting_data.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, out), "tests/reference/weighting_estimates.csv", row.names = FALSE,
          quote = FALSE)
write.csv(do.call(rbind, weights_out), "tests/reference/weighting_weights.csv",
          row.names = FALSE, quote = FALSE)
