//! The six importance measures of every driver, from the correlation matrix of the drivers
//! and the outcome: LMG, Johnson's relative weight, first, last, beta² and Pratt.

use super::eigen::symmetric_eigen;
use super::sweep::{SweepError, full_sweep, lmg};

/// Every measure, one entry per driver in driver order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Measures {
    pub(super) r_squared: f64,
    pub(super) lmg: Vec<f64>,
    pub(super) relative_weight: Vec<f64>,
    pub(super) first: Vec<f64>,
    pub(super) last: Vec<f64>,
    pub(super) beta_squared: Vec<f64>,
    pub(super) pratt: Vec<f64>,
}

impl Measures {
    /// The measures of the correlation matrix `corr` of `(x_1, .., x_p, y)` (row-major,
    /// `(p + 1)²`, unit diagonal, the outcome last).
    pub(super) fn of(corr: &[f64], p: usize) -> Result<Self, SweepError> {
        let full = full_sweep(corr, p)?;
        let relative_weight = relative_weights(corr, p, &full.correlations)?;
        let b = &full.std_coefficients;
        let r = &full.correlations;
        Ok(Self {
            r_squared: full.r_squared,
            lmg: lmg(corr, p),
            relative_weight,
            first: r.iter().map(|r| r * r).collect(),
            // R²(all) − R²(all but j) = b_j² / (R_xx⁻¹)_jj: no subtraction, no cancellation.
            last: b.iter().zip(&full.vif).map(|(b, v)| b * b / v).collect(),
            beta_squared: b.iter().map(|b| b * b).collect(),
            pratt: b.iter().zip(r).map(|(b, r)| b * r).collect(),
        })
    }
}

/// Johnson's (2000) relative weights: with `R_xx = V diag(λ) Vᵀ` the drivers' correlations,
/// `Λ = V diag(√λ) Vᵀ` the correlations of the drivers with their closest orthogonal
/// counterparts, and `β* = V diag(1/√λ) Vᵀ r_xy` the outcome's coefficients on those
/// counterparts, `rw_j = Σ_k Λ_jk² β*_k²`. They sum to R². O(p³).
fn relative_weights(corr: &[f64], p: usize, rxy: &[f64]) -> Result<Vec<f64>, SweepError> {
    let m = p + 1;
    let mut rxx = vec![0.0; p * p];
    for i in 0..p {
        rxx[i * p..i * p + p].copy_from_slice(&corr[i * m..i * m + p]);
    }
    let (lambda, v) = symmetric_eigen(&rxx, p);
    // A driver correlation matrix with an eigenvalue that is not positive (or NaN) is
    // singular or not a correlation matrix.
    if lambda
        .iter()
        .any(|l| l.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater))
    {
        return Err(SweepError::NotPositiveDefinite);
    }
    // w = Vᵀ r_xy; β* = V diag(1/√λ) w.
    let w: Vec<f64> = (0..p)
        .map(|k| (0..p).map(|i| v[i * p + k] * rxy[i]).sum())
        .collect();
    let beta: Vec<f64> = (0..p)
        .map(|i| (0..p).map(|k| v[i * p + k] * w[k] / lambda[k].sqrt()).sum())
        .collect();
    let root: Vec<f64> = lambda.iter().map(|l| l.sqrt()).collect();
    Ok((0..p)
        .map(|j| {
            (0..p)
                .map(|k| {
                    let l: f64 = (0..p).map(|t| v[j * p + t] * root[t] * v[k * p + t]).sum();
                    l * l * beta[k] * beta[k]
                })
                .sum()
        })
        .collect())
}
