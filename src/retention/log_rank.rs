//! [`log_rank`]: the log-rank test of two or more curves, a port of R's `survdiff(..., rho = 0)`
//! (`survdiff.fit` and the C routine `survdiff2`, without strata).

use std::fmt;

use statrs::distribution::{ChiSquared, ContinuousCDF};
use thiserror::Error;

use super::KaplanMeierSummary;

/// The most curves [`log_rank`] compares: its variance matrix has one row and column per
/// curve (8 MB at 1,000) and is solved in cubic time.
pub const MAX_GROUPS: usize = 1_000;

/// The log-rank test (Mantel 1966; Peto & Peto 1972) of whether two or more segments share one
/// survival curve: R's `survdiff(Surv(duration, churned) ~ segment)`.
///
/// At each distinct churn duration (walked from the largest down, as R's C code does) with
/// `d` churned among `n` at risk, `nⱼ` of them in segment j: `Eⱼ += d nⱼ / n` and, when
/// `n > 1`, `Vⱼₖ += d nⱼ (n − d) / (n (n − 1)) (δⱼₖ − nₖ / n)`. Segments with `Eⱼ = 0` (nobody
/// at risk at any churn) are left out, as R leaves them out; of the rest, the first is dropped
/// and `χ² = (O − E)ᵀ V⁻¹ (O − E)` on the others, with one degree of freedom fewer than
/// segments kept. The p-value is the chi-squared upper tail (statrs; R's `pchisq`, to 1e-9 on
/// the committed fixtures).
///
/// ```
/// use satisfaction::{Aggregator, Grouped};
/// use satisfaction::retention::{log_rank, KaplanMeier};
///
/// let mut by_plan: Grouped<&str, KaplanMeier> = Grouped::default();
/// for (months, churned) in [(2, true), (3, true), (3, true), (5, false), (6, true), (8, true)] {
///     by_plan.try_push("monthly", (months, churned))?;
/// }
/// for (months, churned) in [(6, true), (12, false), (14, true), (18, false), (24, false), (24, false)] {
///     by_plan.try_push("annual", (months, churned))?;
/// }
/// let curves: Vec<_> = by_plan.iter().map(|(_, km)| km.summary().unwrap()).collect();
/// let test = log_rank(&curves)?;
/// assert_eq!(test.df(), 1);
/// assert!(test.p_value() < 0.05);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`LogRankError::TooFewGroups`] unless at least two curves have someone at risk at a churn
/// duration (fewer than two curves, or no churn anywhere: R would report a statistic of 0 on
/// 0 or fewer degrees of freedom); [`LogRankError::Singular`] when the variance matrix cannot
/// be inverted (where R's `solve` stops with an error); [`LogRankError::TooManyGroups`] past
/// [`MAX_GROUPS`] curves.
pub fn log_rank(summaries: &[KaplanMeierSummary]) -> Result<LogRank, LogRankError> {
    let groups = summaries.len();
    let too_few = |comparable| LogRankError::TooFewGroups { groups, comparable };
    if groups < 2 {
        return Err(too_few(0));
    }
    if groups > MAX_GROUPS {
        return Err(LogRankError::TooManyGroups {
            groups,
            max: MAX_GROUPS,
        });
    }
    // Every (time, group, events, censored), from the largest time down.
    let mut entries: Vec<(u64, usize, u64, u64)> = summaries
        .iter()
        .enumerate()
        .flat_map(|(j, s)| {
            s.steps
                .iter()
                .map(move |st| (st.time, j, st.events, st.censored))
        })
        .collect();
    entries.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));

    // Counts fit in u64: every curve holds at most MAX_COUNT customers, but several curves
    // together may not, so sums across curves are u128.
    let mut risk = vec![0u128; groups];
    let mut observed = vec![0u64; groups];
    let mut expected = vec![0.0f64; groups];
    let mut variance = vec![0.0f64; groups * groups];
    let mut risk_f = vec![0.0f64; groups];
    let mut at_risk = 0u128;
    for chunk in entries.chunk_by(|a, b| a.0 == b.0) {
        let mut deaths = 0u128;
        for &(_, j, e, c) in chunk {
            let leaving = u128::from(e) + u128::from(c);
            if let (Some(r), Some(o)) = (risk.get_mut(j), observed.get_mut(j)) {
                *r += leaving;
                *o = o.saturating_add(e);
            }
            at_risk += leaving;
            deaths += u128::from(e);
        }
        if deaths == 0 {
            continue;
        }
        for (f, &r) in risk_f.iter_mut().zip(&risk) {
            *f = r as f64;
        }
        let (n, d) = (at_risk as f64, deaths as f64);
        for (e, &r) in expected.iter_mut().zip(&risk_f) {
            // exp[k] += wt * deaths * risk[k] / nrisk
            *e += d * r / n;
        }
        if at_risk == 1 {
            continue; // one customer at risk: no variance
        }
        for (j, &rj) in risk_f.iter().enumerate() {
            // tmp = wt * deaths * risk[j] * (nrisk - deaths) / (nrisk * (nrisk - 1))
            let tmp = d * rj * (n - d) / (n * (n - 1.0));
            let row = variance
                .get_mut(j * groups..(j + 1) * groups)
                .unwrap_or_default();
            if let Some(v) = row.get_mut(j) {
                *v += tmp;
            }
            for (v, &rk) in row.iter_mut().zip(&risk_f) {
                *v -= tmp * rk / n;
            }
        }
    }

    let kept: Vec<usize> = (0..groups)
        .filter(|&j| expected.get(j).is_some_and(|&e| e > 0.0))
        .collect();
    if kept.len() < 2 {
        return Err(too_few(kept.len()));
    }
    let rest = kept.get(1..).unwrap_or_default();
    let m = rest.len();
    let difference: Vec<f64> = rest
        .iter()
        .map(|&j| {
            observed.get(j).map_or(0.0, |&o| o as f64) - expected.get(j).copied().unwrap_or(0.0)
        })
        .collect();
    // survdiff2 fills var[j * k + l] and R reads it column-major: R's V[r, c] is
    // variance[c * k + r] (symmetric up to rounding).
    let mut matrix = Vec::with_capacity(m * m);
    for &r in rest {
        for &c in rest {
            matrix.push(variance.get(c * groups + r).copied().unwrap_or(0.0));
        }
    }
    let solution = solve(matrix, difference.clone(), m).ok_or(LogRankError::Singular)?;
    let chi_squared: f64 = solution.iter().zip(&difference).map(|(x, y)| x * y).sum();
    let df = (kept.len() - 1) as u64;
    let p_value = ChiSquared::new(df as f64)
        .map(|chi| chi.sf(chi_squared.max(0.0)))
        .unwrap_or(1.0)
        .clamp(0.0, 1.0);
    Ok(LogRank {
        chi_squared: chi_squared.max(0.0),
        df,
        p_value,
        observed,
        expected,
    })
}

/// Solves `A x = b` (A is m × m, row-major) by Gaussian elimination with partial pivoting,
/// as LAPACK's `dgesv` behind R's `solve`; `None` for a zero or numerically negligible pivot
/// (R's `solve` refuses a matrix whose reciprocal condition is below machine epsilon).
fn solve(mut a: Vec<f64>, mut b: Vec<f64>, m: usize) -> Option<Vec<f64>> {
    let scale = a.iter().fold(0.0f64, |acc, v| acc.max(v.abs()));
    if !(scale.is_finite() && scale > 0.0) {
        return None;
    }
    for col in 0..m {
        let pivot_row = (col..m).max_by(|&r1, &r2| {
            let v1 = a.get(r1 * m + col).map_or(0.0, |v| v.abs());
            let v2 = a.get(r2 * m + col).map_or(0.0, |v| v.abs());
            v1.total_cmp(&v2)
        })?;
        let pivot = *a.get(pivot_row * m + col)?;
        if pivot.abs() <= scale * f64::EPSILON {
            return None;
        }
        if pivot_row != col {
            for c in 0..m {
                a.swap(col * m + c, pivot_row * m + c);
            }
            b.swap(col, pivot_row);
        }
        for r in col + 1..m {
            let factor = *a.get(r * m + col)? / pivot;
            for c in col..m {
                let upper = *a.get(col * m + c)?;
                *a.get_mut(r * m + c)? -= factor * upper;
            }
            let bc = *b.get(col)?;
            *b.get_mut(r)? -= factor * bc;
        }
    }
    let mut x = vec![0.0f64; m];
    for r in (0..m).rev() {
        let mut s = *b.get(r)?;
        for c in r + 1..m {
            s -= *a.get(r * m + c)? * *x.get(c)?;
        }
        *x.get_mut(r)? = s / *a.get(r * m + r)?;
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The result of a [`log_rank`] test.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LogRank {
    chi_squared: f64,
    df: u64,
    p_value: f64,
    observed: Vec<u64>,
    expected: Vec<f64>,
}

impl LogRank {
    /// The chi-squared statistic (R's `chisq`).
    #[must_use]
    pub fn chi_squared(&self) -> f64 {
        self.chi_squared
    }

    /// Degrees of freedom: the segments with anyone at risk at a churn, minus one.
    #[must_use]
    pub fn df(&self) -> u64 {
        self.df
    }

    /// The p-value of "every segment has the same curve": the chi-squared upper tail.
    /// It underflows to 0 for statistics past about 1,400 (R's `pchisq` too).
    #[must_use]
    pub fn p_value(&self) -> f64 {
        self.p_value
    }

    /// Churned customers per segment (R's `obs`), in the order given.
    #[must_use]
    pub fn observed(&self) -> &[u64] {
        &self.observed
    }

    /// Churns expected per segment if all shared one curve (R's `exp`), in the order given.
    #[must_use]
    pub fn expected(&self) -> &[f64] {
        &self.expected
    }
}

impl fmt::Display for LogRank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "log-rank chi-squared {:.2} on {} df, p = {:.3e} (observed / expected churn:",
            self.chi_squared, self.df, self.p_value
        )?;
        for (i, (o, e)) in self.observed.iter().zip(&self.expected).enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(f, "{sep}{o} / {e:.1}")?;
        }
        f.write_str(")")
    }
}

/// A log-rank test that cannot be computed. Nothing is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LogRankError {
    /// Fewer than two curves have anyone at risk at a churn duration: there is nothing to
    /// compare.
    #[error(
        "a log-rank test compares at least two curves with customers at risk at a churn; \
         {groups} curves given, {comparable} of them comparable"
    )]
    #[non_exhaustive]
    TooFewGroups {
        /// The curves given.
        groups: usize,
        /// Those with anyone at risk at a churn duration (expected churn above 0).
        comparable: usize,
    },
    /// The variance matrix of observed minus expected churn cannot be inverted (R's `solve`
    /// stops there too).
    #[error("the log-rank variance matrix is singular: the curves cannot be compared")]
    Singular,
    /// More curves than [`MAX_GROUPS`].
    #[error("a log-rank test compares at most {max} curves; {groups} given")]
    #[non_exhaustive]
    TooManyGroups {
        /// The curves given.
        groups: usize,
        /// [`MAX_GROUPS`].
        max: usize,
    },
}
