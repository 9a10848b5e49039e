//! Regressions on a correlation matrix by the sweep operator (Goodnight 1979): the full model
//! ([`full_sweep`]) and R² of every subset of drivers for LMG ([`lmg`]), without a regression
//! per subset.
//!
//! Everything works on the correlation matrix `C` of `(x_1, .., x_p, y)` (row-major,
//! `(p + 1)²`, the outcome last), so the weights' scale and the `n` against `n − 1` convention
//! do not matter.

/// A driver whose squared multiple correlation with the drivers before it exceeds
/// `1 − COLLINEARITY_TOLERANCE` (a variance inflation above 1e10) is collinear with them. The
/// sweep pivots are exactly `1 − R²(x_k | x_0 .. x_{k−1})`; every pivot the LMG traversal meets
/// is at least the full sweep's pivot of the same driver, so passing this check also keeps the
/// traversal away from dividing by (nearly) zero. At the tolerance the standardised
/// coefficients still have about six correct digits.
pub(super) const COLLINEARITY_TOLERANCE: f64 = 1e-10;

/// Why a correlation matrix cannot be swept.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SweepError {
    /// The last driver (and the earlier ones it is a combination of), 0-based.
    Collinear(Vec<usize>),
    /// A clearly negative pivot: not a correlation matrix.
    NotPositiveDefinite,
}

/// The full model, from one sweep over every driver.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FullFit {
    /// R² of the full model.
    pub(super) r_squared: f64,
    /// Standardised coefficients `b_j sd(x_j) / sd(y)`.
    pub(super) std_coefficients: Vec<f64>,
    /// Correlations with the outcome.
    pub(super) correlations: Vec<f64>,
    /// The diagonal of the inverse driver correlation matrix (variance inflation factors).
    pub(super) vif: Vec<f64>,
}

/// Sweeps every driver in order, checking each pivot.
pub(super) fn full_sweep(corr: &[f64], p: usize) -> Result<FullFit, SweepError> {
    let m = p + 1;
    let mut a = corr.to_vec();
    let mut r2 = 0.0;
    let mut f = vec![0.0; m];
    for k in 0..p {
        let d = a[k * m + k];
        if d.is_nan() || d <= COLLINEARITY_TOLERANCE {
            if d < -1e-8 {
                return Err(SweepError::NotPositiveDefinite);
            }
            // Column k of the swept rows holds x_k's coefficients on the drivers swept so far.
            let mut drivers: Vec<usize> = (0..k).filter(|&i| a[i * m + k].abs() > 1e-7).collect();
            drivers.push(k);
            return Err(SweepError::Collinear(drivers));
        }
        for (i, fi) in f.iter_mut().enumerate() {
            *fi = a[k * m + i] / d;
        }
        // The same arithmetic as the LMG traversal: R² grows by c_ky (c_ky / c_kk).
        r2 += a[k * m + p] * f[p];
        for i in 0..m {
            if i == k {
                continue;
            }
            for j in i..m {
                if j == k {
                    continue;
                }
                let v = a[i * m + j] - f[i] * a[k * m + j];
                a[i * m + j] = v;
                a[j * m + i] = v;
            }
        }
        for (i, &fi) in f.iter().enumerate() {
            a[i * m + k] = fi;
            a[k * m + i] = fi;
        }
        a[k * m + k] = -1.0 / d;
    }
    if a[p * m + p] < -1e-8 {
        return Err(SweepError::NotPositiveDefinite);
    }
    Ok(FullFit {
        r_squared: r2,
        std_coefficients: (0..p).map(|j| a[j * m + p]).collect(),
        correlations: (0..p).map(|j| corr[j * m + p]).collect(),
        vif: (0..p).map(|j| -a[j * m + j]).collect(),
    })
}

/// LMG (Lindeman, Merenda & Gold 1980): the Shapley value of R² over the drivers, exactly,
/// from all `2^p` subsets. The matrix must have passed [`full_sweep`] (no collinear driver).
///
/// **R² of a subset.** After sweeping the drivers of a subset `S`, the outcome's diagonal is
/// `1 − R²(S)`. Sweeping one more driver `k` raises R² by `c_ky² / c_kk` (current entries), a
/// positive increment, so R² is accumulated without cancellation and small R² keep their
/// relative accuracy.
///
/// **The traversal.** Subsets are a tree: the children of subset `T` (largest driver `m`) are
/// `T ∪ {k}` for `k > m`, so each subset is visited once, depth first. A node needs only the
/// unswept block restricted to the drivers after `m` and the outcome column, so the child
/// through `k` updates just `(p − k − 1)(p − k) / 2` entries, in one buffer per depth. There
/// are `2^k` nodes whose last driver is `k`: the total is `Σ_k 2^k (p − k)² / 2 ≈ 3 · 2^p`
/// multiply-adds, against `2^p p²` for a sweep per subset and `2^p n p²` for a regression per
/// subset (what R's `relaimpo` does).
///
/// **The Shapley sums, without storing 2^p values.** With `w(k) = k! (p − k − 1)! / p!` and
/// `w(p) = 0`, `lmg_j = Σ_{T ∋ j} c(|T|) R²(T) − G`, where `c(k) = w(k − 1) + w(k)` and
/// `G = Σ_T w(|T|) R²(T)`. The subsets containing `j` are the subtrees of the nodes created by
/// adding `j`, so each call returns the sums of `c R²` and `w R²` over its subtree, and a parent
/// adds its child's through `k` to `acc[k]`: O(1) per node. `acc[k]` gets `2^k` terms and is
/// summed with Neumaier's compensation; the only cancellation left is `acc[j] − G`, about
/// `ε · 2R² / lmg_j` relative.
pub(super) fn lmg(corr: &[f64], p: usize) -> Vec<f64> {
    let m = p + 1;
    // w(k) = 1 / (p · C(p − 1, k)); the binomials stay exact in f64 for p ≤ 30.
    let mut w = vec![0.0; p + 1];
    let mut binom = 1.0f64;
    for (k, wk) in w.iter_mut().enumerate().take(p) {
        *wk = 1.0 / (p as f64 * binom);
        binom = binom * (p - 1 - k) as f64 / (k + 1) as f64;
    }
    let c: Vec<f64> = (0..=p)
        .map(|k| if k == 0 { w[0] } else { w[k - 1] + w[k] })
        .collect();
    let mut buf = vec![0.0; (p + 1) * m * m];
    buf[..m * m].copy_from_slice(corr);
    let mut traversal = Traversal {
        p,
        m,
        buf,
        c,
        w,
        acc: vec![0.0; p],
        compensation: vec![0.0; p],
    };
    let (_, g) = traversal.visit(0, 0, 0.0);
    traversal
        .acc
        .iter()
        .zip(&traversal.compensation)
        .map(|(a, e)| (a - g) + e)
        .collect()
}

/// The depth-first traversal of [`lmg`].
struct Traversal {
    p: usize,
    m: usize,
    /// One `(p + 1)²` buffer per depth (subset size), depth-major.
    buf: Vec<f64>,
    /// `c(k)` and `w(k)` by subset size `k = 0..=p`.
    c: Vec<f64>,
    w: Vec<f64>,
    /// Per driver, `Σ c R²` over the subsets containing it, with Neumaier's compensation.
    acc: Vec<f64>,
    compensation: Vec<f64>,
}

impl Traversal {
    /// Visits the subtree of the node at `depth` whose drivers to add are `start..p`; `r2` is
    /// R² of the node's subset. Returns the subtree's sums of `c R²` and `w R²`.
    fn visit(&mut self, depth: usize, start: usize, r2: f64) -> (f64, f64) {
        let (p, m) = (self.p, self.m);
        let mut sum_c = self.c[depth] * r2;
        let mut sum_w = self.w[depth] * r2;
        let mm = m * m;
        for k in start..p {
            let (head, tail) = self.buf.split_at_mut((depth + 1) * mm);
            let current = &head[depth * mm..];
            let d = current[k * m + k];
            let cky = current[k * m + p];
            let child_r2 = r2 + cky * (cky / d);
            let (c2, w2) = if k + 1 < p {
                let next = &mut tail[..mm];
                let row_k = &current[k * m..k * m + m];
                for i in k + 1..p {
                    let fi = row_k[i] / d;
                    let source = &current[i * m..i * m + m];
                    let target = &mut next[i * m..i * m + m];
                    for j in i..m {
                        target[j] = source[j] - fi * row_k[j];
                    }
                }
                self.visit(depth + 1, k + 1, child_r2)
            } else {
                // A leaf (half of all nodes): its subtree is itself; no call, no update.
                (self.c[depth + 1] * child_r2, self.w[depth + 1] * child_r2)
            };
            let (a, t) = (self.acc[k], self.acc[k] + c2);
            self.compensation[k] += if a.abs() >= c2.abs() {
                (a - t) + c2
            } else {
                (c2 - t) + a
            };
            self.acc[k] = t;
            sum_c += c2;
            sum_w += w2;
        }
        (sum_c, sum_w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random_correlation(p: usize, seed: &mut u64) -> Vec<f64> {
        let mut next = || {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            (*seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let m = p + 1;
        let n = 80;
        let rows: Vec<Vec<f64>> = (0..n)
            .map(|_| {
                let f = next();
                let mut r: Vec<f64> = (0..p).map(|_| f + next()).collect();
                let y = r
                    .iter()
                    .enumerate()
                    .map(|(j, x)| x * (j as f64 - 1.5))
                    .sum::<f64>()
                    + next();
                r.push(y);
                r
            })
            .collect();
        let mean: Vec<f64> = (0..m)
            .map(|j| rows.iter().map(|r| r[j]).sum::<f64>() / n as f64)
            .collect();
        let cov = |i: usize, j: usize| {
            rows.iter()
                .map(|r| (r[i] - mean[i]) * (r[j] - mean[j]))
                .sum::<f64>()
        };
        let mut corr = vec![0.0; m * m];
        for i in 0..m {
            for j in 0..m {
                corr[i * m + j] = cov(i, j) / (cov(i, i) * cov(j, j)).sqrt();
            }
        }
        corr
    }

    /// Shapley by its definition, R² of every subset by a separate sweep.
    fn lmg_by_definition(corr: &[f64], p: usize) -> Vec<f64> {
        let m = p + 1;
        let r2 = |s: usize| -> f64 {
            let mut a = corr.to_vec();
            let mut r2 = 0.0;
            for k in (0..p).filter(|j| s >> j & 1 == 1) {
                let d = a[k * m + k];
                r2 += a[k * m + p] * a[k * m + p] / d;
                let row: Vec<f64> = a[k * m..k * m + m].to_vec();
                for i in 0..m {
                    for j in 0..m {
                        a[i * m + j] -= row[i] * row[j] / d;
                    }
                }
            }
            r2
        };
        let factorial = |n: usize| (1..=n).map(|v| v as f64).product::<f64>();
        (0..p)
            .map(|j| {
                (0..1usize << p)
                    .filter(|s| s >> j & 1 == 0)
                    .map(|s| {
                        let k = s.count_ones() as usize;
                        factorial(k) * factorial(p - k - 1) / factorial(p)
                            * (r2(s | 1 << j) - r2(s))
                    })
                    .sum()
            })
            .collect()
    }

    #[test]
    fn lmg_is_the_shapley_value_and_sums_to_r_squared() {
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for p in 1..=8 {
            let corr = random_correlation(p, &mut seed);
            let fast = lmg(&corr, p);
            let slow = lmg_by_definition(&corr, p);
            for (f, s) in fast.iter().zip(&slow) {
                assert!((f - s).abs() <= 1e-13, "p = {p}: {fast:?} against {slow:?}");
            }
            let r2 = full_sweep(&corr, p).unwrap().r_squared;
            assert!((fast.iter().sum::<f64>() - r2).abs() < 1e-14);
        }
    }

    #[test]
    fn collinear_drivers_are_named() {
        // x2 = (x0 + x1) / sqrt(2 + 2 r) for unit-variance x0, x1 with correlation r.
        let r: f64 = 0.3;
        let s = (2.0 + 2.0 * r).sqrt();
        let c02 = (1.0 + r) / s;
        #[rustfmt::skip]
        let corr = vec![
            1.0, r, c02, 0.5,
            r, 1.0, c02, 0.4,
            c02, c02, 1.0, 0.5,
            0.5, 0.4, 0.5, 1.0,
        ];
        assert_eq!(
            full_sweep(&corr, 3),
            Err(SweepError::Collinear(vec![0, 1, 2]))
        );
        assert_eq!(
            full_sweep(&[1.0, 2.0, 2.0, 1.0], 1),
            Err(SweepError::NotPositiveDefinite)
        );
    }
}
