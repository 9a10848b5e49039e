//! Multiplicity control: p-values adjusted for the number of comparisons made at once.

use std::fmt;

use super::CompareError;

/// How p-values are adjusted when many comparisons are read together.
///
/// A table of twelve monthly changes tested at 5% each flags at least one by chance about
/// half the time (1 − 0.95¹¹ ≈ 0.43) when nothing changed at all. Adjusting the p-values for
/// the number of comparisons keeps that chance at the level the reader was promised. The
/// adjusted p-values are those of R's `p.adjust`, to which they are tested.
///
/// | method | controls | prefer it when |
/// |---|---|---|
/// | [`Holm`](Self::Holm) (default) | the family-wise error rate: the chance of *any* false flag | every flag is acted on (a report read by people who will ask "why did July drop?"); never less powerful than Bonferroni |
/// | [`BenjaminiHochberg`](Self::BenjaminiHochberg) | the false discovery rate: the expected share of flags that are false | many comparisons are screened for follow-up (hundreds of segments) and a few false leads are acceptable |
/// | [`Bonferroni`](Self::Bonferroni) | the family-wise error rate | a simple, widely known rule is wanted (SPSS's column-proportion letters use it within a row) |
/// | [`None`](Self::None) | each comparison on its own | one comparison was chosen before looking at the data |
///
/// ```
/// use satisfaction::compare::{Adjustment, adjust};
///
/// let p = [0.01, 0.04, 0.03, 0.005];
/// let holm = adjust(&p, Adjustment::Holm)?;
/// assert_eq!(holm, [0.03, 0.06, 0.06, 0.02]);
/// let bh = adjust(&p, Adjustment::BenjaminiHochberg)?; // 0.03 × 4/3 is 0.0399.. in binary
/// let rounded: Vec<String> = bh.iter().map(|p| format!("{p:.4}")).collect();
/// assert_eq!(rounded, ["0.0200", "0.0400", "0.0400", "0.0200"]);
/// # Ok::<(), satisfaction::compare::CompareError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Adjustment {
    /// Holm (1979), "A simple sequentially rejective multiple test procedure": the i-th smallest
    /// of m p-values is multiplied by m − i + 1, and the adjusted values are made monotone.
    #[default]
    Holm,
    /// Benjamini & Hochberg (1995), "Controlling the false discovery rate": the i-th smallest
    /// of m p-values is multiplied by m / i, and the adjusted values are made monotone from
    /// the largest down. Valid for independent or positively dependent tests.
    BenjaminiHochberg,
    /// Bonferroni: every p-value multiplied by the number of comparisons.
    Bonferroni,
    /// No adjustment: each p-value as computed.
    None,
}

impl Adjustment {
    /// The method's name as reports print it: `"Holm"`, `"Benjamini-Hochberg"`,
    /// `"Bonferroni"`, `"no correction"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Holm => "Holm",
            Self::BenjaminiHochberg => "Benjamini-Hochberg",
            Self::Bonferroni => "Bonferroni",
            Self::None => "no correction",
        }
    }
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// `p_values` adjusted by `method` for their number, in their order: each result is in
/// `[p, 1]` for its `p`. An empty slice gives an empty vector.
///
/// # Errors
///
/// [`CompareError::PValue`] for a value that is not a probability (NaN, below 0, above 1),
/// naming its position.
///
/// ```
/// use satisfaction::compare::{Adjustment, adjust};
///
/// assert_eq!(adjust(&[0.02, 0.5], Adjustment::Bonferroni)?, [0.04, 1.0]);
/// assert!(adjust(&[0.02, f64::NAN], Adjustment::Holm).is_err());
/// # Ok::<(), satisfaction::compare::CompareError>(())
/// ```
pub fn adjust(p_values: &[f64], method: Adjustment) -> Result<Vec<f64>, CompareError> {
    if let Some((index, &value)) = p_values
        .iter()
        .enumerate()
        .find(|(_, p)| !(0.0..=1.0).contains(*p))
    {
        return Err(CompareError::PValue { index, value });
    }
    Ok(adjusted(p_values, method))
}

/// [`adjust`] on values known to be probabilities.
pub(crate) fn adjusted(p: &[f64], method: Adjustment) -> Vec<f64> {
    let m = p.len();
    // m is a count of comparisons; as f64 it is exact far beyond any table.
    #[allow(clippy::cast_precision_loss)]
    let mf = m as f64;
    // Ascending by p; ties keep their order, as R's order() does.
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut out = vec![0.0; m];
    match method {
        Adjustment::None => out.copy_from_slice(p),
        Adjustment::Bonferroni => {
            for (o, &x) in out.iter_mut().zip(p) {
                *o = (x * mf).min(1.0);
            }
        }
        Adjustment::Holm => {
            // The i-th smallest (0-based) times m − i, then a running maximum upwards.
            let mut running: f64 = 0.0;
            for (i, &at) in order.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let factor = (m - i) as f64;
                running = running.max((p[at] * factor).min(1.0));
                out[at] = running;
            }
        }
        Adjustment::BenjaminiHochberg => {
            // The i-th smallest (1-based) times m / i, then a running minimum downwards.
            let mut running: f64 = 1.0;
            for (i, &at) in order.iter().enumerate().rev() {
                #[allow(clippy::cast_precision_loss)]
                let rank = (i + 1) as f64;
                // m / i first, as R does: at i = m the factor is exactly 1.
                running = running.min((mf / rank * p[at]).min(1.0));
                out[at] = running;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_is_its_own_adjustment() {
        for method in [
            Adjustment::Holm,
            Adjustment::BenjaminiHochberg,
            Adjustment::Bonferroni,
            Adjustment::None,
        ] {
            assert_eq!(adjust(&[0.3], method).unwrap(), [0.3]);
            assert!(adjust(&[], method).unwrap().is_empty());
        }
    }

    #[test]
    fn refuses_what_is_not_a_probability() {
        for bad in [f64::NAN, -0.1, 1.5, f64::INFINITY] {
            let err = adjust(&[0.1, bad], Adjustment::Holm).unwrap_err();
            assert!(
                matches!(err, CompareError::PValue { index: 1, .. }),
                "{err}"
            );
            assert!(err.to_string().contains("0 to 1"), "{err}");
        }
    }

    #[test]
    fn adjusted_values_never_fall_below_the_raw_ones() {
        let p = [0.2, 0.01, 0.7, 0.01, 0.04];
        for method in [
            Adjustment::Holm,
            Adjustment::BenjaminiHochberg,
            Adjustment::Bonferroni,
        ] {
            for (a, raw) in adjust(&p, method).unwrap().iter().zip(p) {
                assert!(*a >= raw && *a <= 1.0);
            }
        }
    }
}
