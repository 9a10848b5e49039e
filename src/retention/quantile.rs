//! Quantiles of the lifetime (the median lifetime first) and their confidence limits, ported
//! from `quantile.survfit`, `doquant` and `findq` in R's `survival` package.
//!
//! R's rule: work on the CDF `F = 1 − S` (and on `1 − lower`, `1 − upper` for the limits),
//! prefixed with the point (0, 0). The p-quantile is the first duration where F reaches p;
//! where F sits at p (within `tol = √ε`) on a flat stretch, it is the midpoint of the
//! stretch's start and the next jump (the textbook median rule), or of the start and the last
//! observed duration when the flat stretch ends the curve. It is `None` (R's `NA`) where the
//! curve (or the limit curve) never reaches p. R searches with
//! `approx(F ± tol, 1:n, p, "constant", f = 1)`; that is reproduced literally, with `approx`'s
//! handling of `NA` points (dropped) and of values outside the table (`NA`).

use std::collections::HashSet;

use super::KaplanMeierSummary;
use super::interval::SurvivalInterval;
use crate::interval::{ConfidenceLevel, QuantileError};

/// R's default `tolerance = sqrt(.Machine$double.eps)`, 2^-26.
const TOLERANCE: f64 = 1.490_116_119_384_765_6e-8;

/// A quantile of the lifetime with its confidence limits, as R's `quantile(fit, p,
/// conf.int = TRUE)`: the duration by which a share `p` of the customers has churned.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct LifetimeQuantile {
    /// The share churned, in [0, 1] (0.5 for the median lifetime).
    pub p: f64,
    /// The duration, or `None` where the curve never falls to `1 − p`.
    pub estimate: Option<f64>,
    /// The lower limit: where the lower interval curve of S falls to `1 − p`, if it does.
    pub lower: Option<f64>,
    /// The upper limit: where the upper interval curve of S falls to `1 − p`, if it does
    /// (often `None`: "not reached" in a young cohort).
    pub upper: Option<f64>,
}

impl KaplanMeierSummary {
    /// The median lifetime: the first duration at which S(t) ≤ 0.5, or the midpoint of a flat
    /// stretch at exactly 0.5 and the next step (R's `quantile.survfit`); `None` where the
    /// curve never falls to one half (most customers have not churned yet).
    ///
    /// A duration of whole periods, but a midpoint can end in .5.
    #[must_use]
    pub fn median(&self) -> Option<f64> {
        let (x, y) = self.cdf_points(|s| Some(1.0 - s.survival));
        findq(&x, &y, &[0.5]).first().copied().flatten()
    }

    /// The confidence limits of the [`median`](Self::median) (Brookmeyer & Crowley 1982, as
    /// R computes them): the durations where the lower and the upper interval curves of S
    /// fall to one half, `None` for a limit that is not reached (typically the upper one, for
    /// a young cohort).
    #[must_use]
    pub fn median_interval(
        &self,
        level: ConfidenceLevel,
        method: SurvivalInterval,
    ) -> (Option<f64>, Option<f64>) {
        let q = self.quantiles_unchecked(&[0.5], level, method);
        q.first().map_or((None, None), |q| (q.lower, q.upper))
    }

    /// The duration by which a share `p` of customers has churned (`p = 0.5`: the median
    /// lifetime, `0.25`: a quarter gone), with its limits.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel};
    /// use satisfaction::retention::{KaplanMeier, SurvivalInterval};
    ///
    /// let mut km = KaplanMeier::default();
    /// km.try_extend_from_slices(&[1, 2, 2, 4, 6, 7, 9, 12], &[true; 8])?;
    /// let curve = km.summary().unwrap();
    /// let q = curve.quantile(0.25, ConfidenceLevel::P95, SurvivalInterval::Log)?;
    /// assert_eq!(q.estimate, Some(2.0));
    /// assert!(curve.quantile(1.5, ConfidenceLevel::P95, SurvivalInterval::Log).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`QuantileError`] unless `p` lies in [0, 1].
    pub fn quantile(
        &self,
        p: f64,
        level: ConfidenceLevel,
        method: SurvivalInterval,
    ) -> Result<LifetimeQuantile, QuantileError> {
        let mut all = self.quantiles(&[p], level, method)?;
        Ok(all.pop().unwrap_or(LifetimeQuantile {
            p,
            estimate: None,
            lower: None,
            upper: None,
        }))
    }

    /// Several quantiles at once, as R's `quantile(fit, probs)`.
    ///
    /// R's `findq` answers `NA` for every p when the curve's largest `1 − S` is below the
    /// smallest p asked, so a quantile whose curve sits within 1.5e-8 below p can depend on
    /// the others asked with it; this takes the whole set for that reason (R's
    /// `quantile(fit)` asks for 0.25, 0.5 and 0.75 together).
    ///
    /// # Errors
    ///
    /// [`QuantileError`] for the first `p` outside [0, 1].
    pub fn quantiles(
        &self,
        probs: &[f64],
        level: ConfidenceLevel,
        method: SurvivalInterval,
    ) -> Result<Vec<LifetimeQuantile>, QuantileError> {
        if let Some(&q) = probs.iter().find(|p| !(0.0..=1.0).contains(*p)) {
            return Err(QuantileError::OutOfRange { q });
        }
        Ok(self.quantiles_unchecked(probs, level, method))
    }

    fn quantiles_unchecked(
        &self,
        probs: &[f64],
        level: ConfidenceLevel,
        method: SurvivalInterval,
    ) -> Vec<LifetimeQuantile> {
        let (x, estimate) = self.cdf_points(|s| Some(1.0 - s.survival));
        let z = level.z();
        let intervals: Vec<_> = self.steps.iter().map(|s| s.bounds(z, method)).collect();
        let limit = |upper: bool| {
            let mut y = Vec::with_capacity(intervals.len() + 1);
            y.push(Some(0.0));
            y.extend(
                intervals
                    .iter()
                    .map(|ci| ci.map(|ci| 1.0 - if upper { ci.upper() } else { ci.lower() })),
            );
            y
        };
        let est = findq(&x, &estimate, probs);
        // The lower curve of S falls first: it gives the quantile's lower limit.
        let lower = findq(&x, &limit(false), probs);
        let upper = findq(&x, &limit(true), probs);
        probs
            .iter()
            .enumerate()
            .map(|(i, &p)| LifetimeQuantile {
                p,
                estimate: est.get(i).copied().flatten(),
                lower: lower.get(i).copied().flatten(),
                upper: upper.get(i).copied().flatten(),
            })
            .collect()
    }

    /// `x = c(0, time)` and `y = c(0, f(step))`.
    fn cdf_points(
        &self,
        f: impl Fn(&super::CurveStep) -> Option<f64>,
    ) -> (Vec<f64>, Vec<Option<f64>>) {
        let mut x = Vec::with_capacity(self.steps.len() + 1);
        let mut y = Vec::with_capacity(self.steps.len() + 1);
        x.push(0.0);
        y.push(Some(0.0));
        for step in &self.steps {
            x.push(step.time as f64);
            y.push(f(step));
        }
        (x, y)
    }
}

/// R's `findq(x, y, p, tol)`: `y` a CDF with possible `NA`s.
fn findq(x: &[f64], y: &[Option<f64>], probs: &[f64]) -> Vec<Option<f64>> {
    let all_na = vec![None; probs.len()];
    // if (max(y, na.rm = TRUE) < min(p)) return(rep(NA, length(p)))
    let ymax = y
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let pmin = probs.iter().copied().fold(f64::INFINITY, f64::min);
    if probs.is_empty() || ymax < pmin {
        return all_na;
    }
    let Some(&xmax) = x.last() else {
        return all_na;
    };
    // Drop duplicated y values (the censoring rows); NA equals NA here.
    let mut xs: Vec<f64> = Vec::with_capacity(x.len());
    let mut ys: Vec<Option<f64>> = Vec::with_capacity(y.len());
    if y.iter().flatten().is_sorted_by(|a, b| a <= b) {
        // The usual case (a CDF): equal values are adjacent among the non-NA ones, so
        // comparing with the last kept value is enough.
        let mut last: Option<f64> = None;
        let mut seen_na = false;
        for (&xi, &yi) in x.iter().zip(y) {
            let keep = match yi {
                None => !std::mem::replace(&mut seen_na, true),
                Some(v) if last == Some(v) => false,
                Some(v) => {
                    last = Some(v);
                    true
                }
            };
            if keep {
                xs.push(xi);
                ys.push(yi);
            }
        }
    } else {
        let mut seen: HashSet<Option<u64>> = HashSet::with_capacity(y.len());
        for (&xi, &yi) in x.iter().zip(y) {
            if seen.insert(duplicate_key(yi)) {
                xs.push(xi);
                ys.push(yi);
            }
        }
    }
    let plus = ApproxTable::new(&ys, TOLERANCE);
    let minus = ApproxTable::new(&ys, -TOLERANCE);
    // R's x[i] with a positive, possibly fractional, index truncates.
    let at = |i: Option<f64>| -> Option<f64> {
        let i = i?;
        if i.is_nan() || i < 1.0 {
            return None;
        }
        xs.get(i as usize - 1).copied()
    };
    let last_y = ys.last().copied().flatten();
    probs
        .iter()
        .map(|&p| {
            let i1 = plus.constant_right(p);
            let i2 = minus.constant_right(p);
            let mut q = match (at(i1), at(i2)) {
                (Some(a), Some(b)) => Some((a + b) / 2.0),
                _ => None,
            };
            if p == 0.0 {
                q = xs.first().copied();
            }
            if let Some(yn) = last_y
                && (p - yn).abs() < TOLERANCE
            {
                q = at(i1).map(|a| (a + xmax) / 2.0);
            }
            q
        })
        .collect()
}

/// The key of R's `duplicated()`: `NA` matches `NA`, numbers match exactly (0 = −0).
fn duplicate_key(v: Option<f64>) -> Option<u64> {
    v.map(|v| if v == 0.0 { 0 } else { v.to_bits() })
}

/// `approx(x, 1:n, xout, method = "constant", f = 1, rule = 1)` after R's
/// `regularize.values`: `NA` pairs removed, points ordered by x, tied x collapsed to the mean
/// of their y.
struct ApproxTable {
    x: Vec<f64>,
    y: Vec<f64>,
}

impl ApproxTable {
    /// The table of `approx(y + offset, 1:n)`.
    fn new(ys: &[Option<f64>], offset: f64) -> Self {
        // One pass while the shifted values increase strictly (the usual case): nothing to
        // sort or collapse.
        let mut x: Vec<f64> = Vec::with_capacity(ys.len());
        let mut y: Vec<f64> = Vec::with_capacity(ys.len());
        let mut simple = true;
        for (i, v) in ys.iter().enumerate() {
            let Some(v) = v.map(|v| v + offset).filter(|v| !v.is_nan()) else {
                continue;
            };
            if x.last().is_some_and(|&last| v <= last) {
                simple = false;
                break;
            }
            x.push(v);
            y.push((i + 1) as f64);
        }
        if simple {
            return Self { x, y };
        }
        let mut points: Vec<(f64, f64)> = ys
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.map(|v| v + offset)
                    .filter(|v| !v.is_nan())
                    .map(|v| (v, (i + 1) as f64))
            })
            .collect();
        // R orders (stably) only when x is unsorted; NaN was removed above.
        if !points.is_sorted_by(|a, b| a.0 <= b.0) {
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        x.clear();
        y.clear();
        for tied in points.chunk_by(|a, b| a.0 == b.0) {
            let sum: f64 = tied.iter().map(|p| p.1).sum();
            if let Some(&(xv, _)) = tied.first() {
                x.push(xv);
                y.push(sum / tied.len() as f64);
            }
        }
        Self { x, y }
    }

    /// R's `approx1()` for method "constant", f = 1, rule = 1.
    fn constant_right(&self, v: f64) -> Option<f64> {
        let (x, y) = (&self.x, &self.y);
        let (&first, &last) = (x.first()?, x.last()?);
        if v.is_nan() || v < first || v > last {
            return None;
        }
        let (mut i, mut j) = (0usize, x.len() - 1);
        while i + 1 < j {
            let mid = (i + j) / 2;
            if v < *x.get(mid)? {
                j = mid;
            } else {
                i = mid;
            }
        }
        if v == *x.get(j)? {
            return y.get(j).copied();
        }
        if v == *x.get(i)? {
            return y.get(i).copied();
        }
        y.get(j).copied()
    }
}
