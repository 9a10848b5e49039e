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
