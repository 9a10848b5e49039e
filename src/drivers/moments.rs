//! Weighted means and co-moments, updated a row at a time and merged exactly enough that the
//! order and split of the rows do not matter (to about 1e-15 relative).
//!
//! The update is West's (1979) weighted form of Welford's: with `W` the weight so far and `w`
//! the row's, each mean moves by `w / (W + w)` of its deviation `d`, and each co-moment gains
//! `d_i d_j w W / (W + w)`. Two partial results merge by Chan, Golub & LeVeque (1979):
//! `C = C_a + C_b + δ_i δ_j W_a W_b / (W_a + W_b)` with `δ` the difference of the means. Neither
//! subtracts large sums (the textbook `Σ w x y − Σ w x Σ w y / Σ w` loses every digit when the
//! means are large against the spread), so a merged state agrees with one pass over the same
//! rows to within a few ulps of each entry.

use super::missing::MissingAnswers;

/// The weighted mean and co-moments of `k` variables over the rows seen.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Moments {
    /// Rows seen.
    pub(super) count: u64,
    /// Their total weight.
    pub(super) weight: f64,
    /// Weighted means.
    pub(super) means: Vec<f64>,
    /// `Σ w (x_i − mean_i)(x_j − mean_j)` for `i <= j`, packed row by row.
    pub(super) co: Vec<f64>,
}

/// The position of `(i, j)`, `i <= j < k`, in a packed upper triangle.
#[inline]
pub(super) fn packed(k: usize, i: usize, j: usize) -> usize {
    i * k - i * (i + 1) / 2 + j
}

impl Moments {
    /// No rows, `k` variables.
    pub(super) fn new(k: usize) -> Self {
        Self {
            count: 0,
            weight: 0.0,
            means: vec![0.0; k],
            co: vec![0.0; k * (k + 1) / 2],
        }
    }

    /// The number of variables.
    pub(super) fn variables(&self) -> usize {
        self.means.len()
    }

    /// The co-moment of variables `i` and `j` (in either order).
    pub(super) fn co(&self, i: usize, j: usize) -> f64 {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        self.co
            .get(packed(self.variables(), i, j))
            .copied()
            .unwrap_or(0.0)
    }

    /// Adds one row `x` (one value per variable) of weight `w > 0`; `d` is scratch space of
    /// the same length.
    #[inline]
    pub(super) fn push(&mut self, x: &[f64], w: f64, d: &mut [f64]) {
        let total = self.weight + w;
        let step = w / total;
        for ((di, &xi), mean) in d.iter_mut().zip(x).zip(self.means.iter_mut()) {
            *di = xi - *mean;
            *mean += *di * step;
        }
        // d_i d_j w W / (W + w): symmetric, one product per entry.
        let factor = w * (self.weight / total);
        let mut at = 0;
        for (i, &di) in d.iter().enumerate() {
            let row = di * factor;
            for (c, &dj) in self.co[at..].iter_mut().zip(&d[i..]) {
                *c += row * dj;
            }
            at += d.len() - i;
        }
        self.weight = total;
        self.count += 1;
    }

    /// Adds `other`'s rows (Chan et al.). Both have the same variables.
    pub(super) fn merge(&mut self, other: &Self) {
        if other.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = other.clone();
            return;
        }
        let total = self.weight + other.weight;
        let share = other.weight / total;
        let delta: Vec<f64> = other
            .means
            .iter()
            .zip(&self.means)
            .map(|(b, a)| b - a)
            .collect();
        let factor = self.weight * share;
        let mut at = 0;
        for (i, &di) in delta.iter().enumerate() {
            let row = di * factor;
            for &dj in &delta[i..] {
                self.co[at] += other.co[at] + row * dj;
                at += 1;
            }
        }
        for (mean, d) in self.means.iter_mut().zip(&delta) {
            *mean += d * share;
        }
        self.weight = total;
        self.count += other.count;
    }
}

/// The co-moments a key-driver analysis keeps: of every variable over the complete rows, or of
/// every pair of variables over the rows that have both (drivers first, the outcome last).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Table {
    pub(super) missing: MissingAnswers,
    /// Variables: the drivers, then the outcome.
    pub(super) variables: usize,
    /// Complete cases: one part over all variables. Pairwise: one two-variable part per pair
    /// `(a, b)`, `a < b`, in packed order.
    pub(super) parts: Vec<Moments>,
}

impl Table {
    pub(super) fn new(variables: usize, missing: MissingAnswers) -> Self {
        let parts = match missing {
            MissingAnswers::CompleteCases => vec![Moments::new(variables)],
            MissingAnswers::Pairwise => {
                vec![Moments::new(2); variables * variables.saturating_sub(1) / 2]
            }
        };
        Self {
            missing,
            variables,
            parts,
        }
    }

    /// Adds a row whose outcome is present (`x` holds every variable, `present` which of them
    /// are there), of weight `w`; `d` is scratch space of `variables` entries. Complete cases
    /// take only complete rows (the caller counts the others as dropped).
    #[inline]
    pub(super) fn push(&mut self, x: &[f64], present: &[bool], w: f64, d: &mut [f64]) {
        match self.missing {
            MissingAnswers::CompleteCases => {
                if let Some(part) = self.parts.first_mut() {
                    part.push(x, w, d);
                }
            }
            MissingAnswers::Pairwise => {
                let mut at = 0;
                for a in 0..self.variables {
                    for b in a + 1..self.variables {
                        if present[a]
                            && present[b]
                            && let Some(part) = self.parts.get_mut(at)
                        {
                            part.push(&[x[a], x[b]], w, &mut d[..2]);
                        }
                        at += 1;
                    }
                }
            }
        }
    }

    /// Adds `other`'s rows; both were built alike.
    pub(super) fn merge(&mut self, other: &Self) {
        for (mine, theirs) in self.parts.iter_mut().zip(&other.parts) {
            mine.merge(theirs);
        }
    }

    /// The pair part of variables `a < b` (pairwise tables only).
    fn pair(&self, a: usize, b: usize) -> Option<&Moments> {
        let index = a * self.variables - a * (a + 1) / 2 + (b - a - 1);
        self.parts.get(index)
    }

    /// The fewest rows any correlation rests on.
    pub(super) fn rows_used(&self) -> u64 {
        self.parts.iter().map(|p| p.count).min().unwrap_or(0)
    }

    /// Each variable's (weighted) mean: over the complete rows, or (pairwise) over the rows
    /// that have it and the outcome.
    pub(super) fn means(&self) -> Vec<f64> {
        let outcome = self.variables - 1;
        match self.missing {
            MissingAnswers::CompleteCases => self
                .parts
                .first()
                .map_or_else(|| vec![0.0; self.variables], |p| p.means.clone()),
            MissingAnswers::Pairwise => (0..self.variables)
                .map(|j| {
                    let (a, b, side) = if j < outcome {
                        (j, outcome, 0)
                    } else {
                        (0, outcome, 1)
                    };
                    self.pair(a, b)
                        .and_then(|p| p.means.get(side).copied())
                        .unwrap_or(0.0)
                })
                .collect(),
        }
    }

    /// Each variable's sum of squared deviations and the correlation matrix (row-major,
    /// `variables²`, unit diagonal), or the first variable (index) that does not vary.
    pub(super) fn correlation(&self) -> Result<Vec<f64>, usize> {
        let k = self.variables;
        let mut corr = vec![0.0; k * k];
        match self.missing {
            MissingAnswers::CompleteCases => {
                let part = self.parts.first().ok_or(0usize)?;
                let sd: Vec<f64> = (0..k).map(|i| part.co(i, i).max(0.0).sqrt()).collect();
                check_spread(&sd, &part.means, part.weight)?;
                for i in 0..k {
                    for j in 0..k {
                        corr[i * k + j] = if i == j {
                            1.0
                        } else {
                            part.co(i, j) / sd[i] / sd[j]
                        };
                    }
                }
            }
            MissingAnswers::Pairwise => {
                for a in 0..k {
                    corr[a * k + a] = 1.0;
                    for b in a + 1..k {
                        let part = self.pair(a, b).ok_or(a)?;
                        let sd = [part.co(0, 0).max(0.0).sqrt(), part.co(1, 1).max(0.0).sqrt()];
                        check_spread(&sd, &part.means, part.weight).map_err(|i| [a, b][i])?;
                        let r = part.co(0, 1) / sd[0] / sd[1];
                        corr[a * k + b] = r;
                        corr[b * k + a] = r;
                    }
                }
            }
        }
        Ok(corr)
    }
}

/// A variable whose standard deviation is at most this times its mean's size (or zero) does
/// not vary: a constant column leaves a few ulps of its mean in a streaming variance.
pub(super) const CONSTANT_TOLERANCE: f64 = 1e-13;

/// `Err(i)` for the first variable `i` that does not vary.
fn check_spread(sd: &[f64], means: &[f64], weight: f64) -> Result<(), usize> {
    for (i, (&s, &mean)) in sd.iter().zip(means).enumerate() {
        let per_weight = s / weight.sqrt();
        // NaN counts as not varying: `partial_cmp` is None.
        let varies = per_weight.partial_cmp(&(CONSTANT_TOLERANCE * mean.abs()))
            == Some(std::cmp::Ordering::Greater);
        if !varies || s == 0.0 {
            return Err(i);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<([f64; 3], f64)> {
        (0..200)
            .map(|i| {
                let x = f64::from(i);
                (
                    [
                        1e6 + (x * 0.37).sin(),
                        (x * 1.3).cos() * 2.0,
                        x * 0.01 + (x * 0.7).sin(),
                    ],
                    0.5 + (i % 7) as f64,
                )
            })
            .collect()
    }

    fn one_pass(rows: &[([f64; 3], f64)]) -> Moments {
        let mut m = Moments::new(3);
        let mut d = [0.0; 3];
        for (x, w) in rows {
            m.push(x, *w, &mut d);
        }
        m
    }

    /// Against a two-pass computation in the textbook form, on data with a large mean.
    #[test]
    fn the_update_matches_two_passes() {
        let rows = rows();
        let m = one_pass(&rows);
        let w: f64 = rows.iter().map(|(_, w)| w).sum();
        for i in 0..3 {
            let mean: f64 = rows.iter().map(|(x, w)| w * x[i]).sum::<f64>() / w;
            assert!((m.means[i] - mean).abs() <= 1e-12 * mean.abs().max(1.0));
            for j in i..3 {
                let mj: f64 = rows.iter().map(|(x, w)| w * x[j]).sum::<f64>() / w;
                let c: f64 = rows
                    .iter()
                    .map(|(x, w)| w * (x[i] - mean) * (x[j] - mj))
                    .sum();
                let scale = (m.co(i, i) * m.co(j, j)).sqrt();
                // x0 sits at 1e6 with unit spread: each deviation carries 1e6·ε of rounding
                // in both computations, so they agree to about 1e-10 of the scale.
                assert!(
                    (m.co(i, j) - c).abs() <= 1e-9 * scale,
                    "{i} {j}: {} vs {c}",
                    m.co(i, j)
                );
            }
        }
    }

    #[test]
    fn merging_parts_in_any_order_matches_one_pass() {
        let rows = rows();
        let whole = one_pass(&rows);
        for cut in [0, 1, 57, 199, 200] {
            let (mut a, b) = (one_pass(&rows[..cut]), one_pass(&rows[cut..]));
            let mut ba = b.clone();
            ba.merge(&a);
            a.merge(&b);
            for m in [&a, &ba] {
                assert_eq!(m.count, whole.count);
                for (x, y) in m.co.iter().zip(&whole.co) {
                    assert!(
                        (x - y).abs() <= 1e-9 * whole.co[0].abs().max(y.abs()),
                        "{x} vs {y}"
                    );
                }
                for (x, y) in m.means.iter().zip(&whole.means) {
                    assert!((x - y).abs() <= 1e-15 * y.abs().max(1.0));
                }
            }
        }
    }

    #[test]
    fn packed_positions_cover_the_triangle_once() {
        let k = 6;
        let mut seen = vec![false; k * (k + 1) / 2];
        for i in 0..k {
            for j in i..k {
                let at = packed(k, i, j);
                assert!(!seen[at]);
                seen[at] = true;
            }
        }
        assert!(seen.iter().all(|&s| s));
    }
}
