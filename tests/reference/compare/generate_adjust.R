# Reference values for `satisfaction::compare::adjust` (multiplicity control): R's
# p.adjust with methods "holm", "BH" and "bonferroni" on fixed and random sets of p-values,
# ties, zeros, ones and a single value included.
#
#   Rscript tests/reference/compare/generate_adjust.R      (from the repository root)
#
# R 4.2.2 (stats). Writes adjust.csv: set, index, p, holm, bh, bonferroni (sprintf %.17g).

set.seed(20261206)
sets <- list(
  c(0.01, 0.02, 0.03, 0.04, 0.05),
  c(0.04, 0.001, 0.04, 0.2, 0.9, 1, 0),
  c(0.5),
  c(1e-10, 0.03, 0.03, 0.03, 0.5, 0.0001),
  runif(20)^3,
  runif(57)^4,
  c(0.9, 0.8, 0.7, 0.6)
)
rows <- list()
for (s in seq_along(sets)) {
  p <- sets[[s]]
  h <- p.adjust(p, "holm"); b <- p.adjust(p, "BH"); f <- p.adjust(p, "bonferroni")
  for (i in seq_along(p)) {
    rows[[length(rows) + 1]] <- sprintf("%d,%d,%.17g,%.17g,%.17g,%.17g", s, i - 1, p[i], h[i], b[i], f[i])
  }
}
writeLines(c("set,index,p,holm,bh,bonferroni", unlist(rows)), "tests/reference/compare/adjust.csv")
