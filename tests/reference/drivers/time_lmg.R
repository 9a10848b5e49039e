# Times R's all-subsets LMG with lm on the large airline survey (14 items, 37,956 rows).
#
#   python3 examples/data/make_drivers.py --rows 37956 --out /tmp/airline_survey_large.csv
#   Rscript tests/reference/drivers/time_lmg.R [/tmp/airline_survey_large.csv]   (repo root)
#
# Fits lm(overall ~ S) for all 2^14 - 1 non-empty subsets S of the 14 items on the complete
# cases (unweighted, as relaimpo's lm-per-subset reference would) and derives LMG, timing the
# whole thing with system.time. Writes tests/reference/drivers/timing.txt (R version, nproc,
# rows, seconds, and the LMG values so the run can be checked against the Rust core).

args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) >= 1) args[1] else "/tmp/airline_survey_large.csv"
dir <- "tests/reference/drivers"
items <- c("seat_comfort", "legroom", "cleanliness", "inflight_entertainment",
           "inflight_wifi", "food_and_drink", "onboard_service", "checkin_service",
           "boarding", "online_booking", "baggage_handling", "departure_punctuality",
           "gate_location", "value_for_money")
air <- read.csv(path)
ok <- complete.cases(air[, c(items, "overall")])
d <- air[ok, c(items, "overall")]
p <- length(items)

tm <- system.time({
  r2 <- numeric(2^p)
  for (s in seq_len(2^p - 1)) {
    fml <- reformulate(items[bitwAnd(s, 2^(0:(p - 1))) > 0], response = "overall")
    r2[s + 1] <- summary(lm(fml, data = d))$r.squared
  }
  s <- 0:(2^p - 1)
  size <- rowSums(sapply(0:(p - 1), function(j) bitwAnd(s, 2^j) > 0))
  wk <- function(k) exp(lfactorial(k) + lfactorial(p - k - 1) - lfactorial(p))
  lmg <- sapply(seq_len(p), function(j) {
    bit <- 2^(j - 1)
    without <- s[bitwAnd(s, bit) == 0]
    sum(wk(size[without + 1]) * (r2[without + bit + 1] - r2[without + 1]))
  })
})

nproc <- trimws(system("nproc", intern = TRUE))
cpu <- tryCatch({
  l <- grep("^model name", readLines("/proc/cpuinfo"), value = TRUE)[1]
  trimws(sub("^model name\\s*:", "", l))
}, error = function(e) "unknown")
lines <- c(
  sprintf("R: %s", R.version.string),
  sprintf("machine: nproc = %s, %s (shared with other work while timing)", nproc, cpu),
  sprintf("data: %s, %d rows, %d complete cases, %d items, outcome overall, unweighted",
          basename(path), nrow(air), sum(ok), p),
  sprintf("all-subsets LMG with lm (%d fits): elapsed %.1f s, user %.1f s, system %.1f s",
          2^p - 1, tm[["elapsed"]], tm[["user.self"]], tm[["sys.self"]]),
  sprintf("R² full = %s", sprintf("%.17g", r2[2^p])),
  "lmg:",
  sprintf("  %s %s", items, sprintf("%.17g", lmg))
)
writeLines(lines, file.path(dir, "timing.txt"))
writeLines(lines)
