//! Percentages that add up to exactly 100 after rounding: the largest remainder method.

use super::TableError;

/// The most decimals [`rounded_percentages`] rounds to.
pub const MAX_DECIMALS: u8 = crate::display::MAX_DECIMALS;

/// `parts` as percentages of their total, rounded to `decimals` places so that they add up to
/// exactly 100 (in units of the last place): the largest remainder method (Hamilton's method
/// of apportionment).
///
/// Rounding each share on its own makes rows of 33.3 + 33.3 + 33.3 = 99.9, or 101%, which
/// readers take for an error. Here each part first gets its exact quota of the
/// `100 × 10^decimals` units rounded down; the units still missing go one each to the parts
/// with the largest remainders (ties to the larger part, then to the earlier one). Every
/// result is therefore its exact percentage rounded down or up, never further off, and a part
/// of 0 stays 0.
///
/// ```
/// use satisfaction::table::rounded_percentages;
///
/// assert_eq!(rounded_percentages(&[1.0, 1.0, 1.0], 0)?, [34.0, 33.0, 33.0]);
/// // 11 detractors, 25 passives, 64 promoters out of 100, at one decimal
/// assert_eq!(rounded_percentages(&[11.0, 25.0, 64.0], 1)?, [11.0, 25.0, 64.0]);
/// let shares = rounded_percentages(&[2.0, 3.0, 4.0], 1)?; // 22.22.., 33.33.., 44.44..
/// assert_eq!(shares, [22.2, 33.3, 44.5]);
/// assert!((shares.iter().sum::<f64>() - 100.0).abs() < 1e-9);
/// # Ok::<(), satisfaction::table::TableError>(())
/// ```
///
/// # Errors
///
/// [`TableError::Part`] for a part that is negative or not finite, [`TableError::NoTotal`]
/// when the parts add up to 0 (or nothing), [`TableError::Decimals`] above
/// [`MAX_DECIMALS`].
pub fn rounded_percentages(parts: &[f64], decimals: u8) -> Result<Vec<f64>, TableError> {
    if decimals > MAX_DECIMALS {
        return Err(TableError::Decimals {
            decimals,
            max: MAX_DECIMALS,
        });
    }
    if let Some((index, &value)) = parts
        .iter()
        .enumerate()
        .find(|(_, x)| !(x.is_finite() && **x >= 0.0))
    {
        return Err(TableError::Part { index, value });
    }
    let total: f64 = parts.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return Err(TableError::NoTotal);
    }
    crate::display::largest_remainder(parts, decimals).ok_or(TableError::NoTotal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum_units(p: &[f64], decimals: u8) -> i64 {
        let scale = 10f64.powi(i32::from(decimals));
        #[allow(clippy::cast_possible_truncation)]
        p.iter().map(|x| (x * scale).round() as i64).sum()
    }

    #[test]
    fn always_adds_up_to_one_hundred() {
        let cases: &[&[f64]] = &[
            &[1.0, 1.0, 1.0],
            &[1.0; 7],
            &[0.0, 3.0, 0.0, 1e-300, 2.0],
            &[1e300, 1e300, 3e300],
            &[12.5, 37.5, 50.0],
            &[5.0],
        ];
        for parts in cases {
            for d in 0..=MAX_DECIMALS {
                let p = rounded_percentages(parts, d).unwrap();
                assert_eq!(
                    sum_units(&p, d),
                    100 * 10i64.pow(u32::from(d)),
                    "{parts:?} {d}"
                );
                let total: f64 = parts.iter().sum();
                for (x, r) in parts.iter().zip(&p) {
                    let exact = x / total * 100.0;
                    assert!((r - exact).abs() < 10f64.powi(-i32::from(d)) + 1e-9);
                    if *x == 0.0 {
                        assert_eq!(*r, 0.0);
                    }
                }
            }
        }
    }

    #[test]
    fn refuses_what_cannot_be_a_part() {
        assert!(matches!(
            rounded_percentages(&[1.0, -1.0], 0),
            Err(TableError::Part { index: 1, .. })
        ));
        assert!(rounded_percentages(&[f64::NAN], 0).is_err());
        assert!(matches!(
            rounded_percentages(&[0.0, 0.0], 1),
            Err(TableError::NoTotal)
        ));
        assert!(matches!(
            rounded_percentages(&[], 1),
            Err(TableError::NoTotal)
        ));
        assert!(matches!(
            rounded_percentages(&[1.0], 7),
            Err(TableError::Decimals { decimals: 7, .. })
        ));
        assert!(rounded_percentages(&[f64::MAX, f64::MAX], 0).is_err());
    }
}
