//! Formatting helpers shared by the summaries' `Display` impls.

use std::fmt;

/// A share in [0, 1] as a percentage with one decimal.
pub(crate) struct Percent(pub(crate) f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}%", self.0 * 100.0)
    }
}

/// A share in [0, 1] as a percentage with as few digits as it needs, without the sign: `5`,
/// `0.1`, `2.5` (as [`ConfidenceLevel`](crate::ConfidenceLevel) prints itself).
pub(crate) fn trimmed_percent(share: f64) -> String {
    let rounded = format!("{:.8}", share * 100.0);
    rounded
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned()
}
/// The most decimals [`largest_remainder`] rounds to.
pub(crate) const MAX_DECIMALS: u8 = 6;

/// `parts` as percentages of their total rounded to `decimals` places by largest remainder,
/// so that they add up to exactly 100; `None` for a part that is negative or not finite, no
/// total, or too many decimals. The algorithm behind
/// [`table::rounded_percentages`](crate::table::rounded_percentages), which says why input is
/// refused; here for the summaries and charts below the table module.
pub(crate) fn largest_remainder(parts: &[f64], decimals: u8) -> Option<Vec<f64>> {
    if decimals > MAX_DECIMALS || parts.iter().any(|x| !(x.is_finite() && *x >= 0.0)) {
        return None;
    }
    let total: f64 = parts.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return None;
    }
    let scale = 10f64.powi(i32::from(decimals));
    // At most 10^8 units: exact in an f64 and in a u64.
    let units = 100.0 * scale;
    let quotas: Vec<f64> = parts.iter().map(|x| x / total * units).collect();
    // Quotas are in [0, units], so the casts are exact integers in range.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut given: Vec<u64> = quotas.iter().map(|q| q.floor() as u64).collect();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let missing = (units as u64).saturating_sub(given.iter().sum());
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        let remainder = |i: usize| quotas[i] - quotas[i].floor();
        remainder(b)
            .total_cmp(&remainder(a))
            .then(parts[b].total_cmp(&parts[a]))
            .then(a.cmp(&b))
    });
    // Fewer units are missing than there are parts (each floor lost less than one), but a
    // quota rounded in floating point could make it one more: go round again rather than
    // index out of bounds.
    for &i in order
        .iter()
        .filter(|&&i| parts[i] > 0.0)
        .cycle()
        .take(usize::try_from(missing).unwrap_or(0))
    {
        given[i] += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    Some(given.into_iter().map(|u| u as f64 / scale).collect())
}

/// Declares a configuration setting: a `Copy` enum with a default, serialised as its
/// snake_case variant names, whose `name()` is what summaries print (one name per variant,
/// given beside it) and whose `Display` pads that name. One list, so a variant cannot lack a
/// name. The attributes before `fn name` document it.
macro_rules! setting {
    (
        $(#[$meta:meta])*
        pub enum $setting:ident {
            $($(#[$variant_meta:meta])* $variant:ident => $name:literal,)+
        }
        $(#[$name_meta:meta])*
        fn name;
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
        #[non_exhaustive]
        pub enum $setting {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $setting {
            $(#[$name_meta])*
            #[must_use]
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)+
                }
            }
        }

        impl std::fmt::Display for $setting {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.name())
            }
        }
    };
}

pub(crate) use setting;
