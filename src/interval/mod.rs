//! Confidence intervals: validated levels, an interval type and the named methods.
//!
//! This module depends on nothing else in the crate, so it can be used on its own, for example
//! on counts that come from a database:
//!
//! ```
//! use satisfaction::ConfidenceLevel;
//! use satisfaction::interval::{proportion, ProportionMethod};
//!
//! let level = ConfidenceLevel::new(0.95)?;
//! let ci = proportion(3, 10, level, ProportionMethod::Wilson)?;
//! assert!((ci.lower() - 0.107_791_267_4).abs() < 1e-9);
//! assert!((ci.upper() - 0.603_221_852_5).abs() < 1e-9);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! | function | what | methods |
//! |---|---|---|
//! | [`proportion()`] | a share x / n | Wilson (default), Wilson with continuity correction, Agresti-Coull, Clopper-Pearson, Jeffreys, Wald |
//! | [`student_t`] | a mean from n, mean and standard deviation | Student t |
//! | [`nps()`] | a Net Promoter Score from its three counts | Tango score (default), adjusted Wald, Wald |
//!
//! # Coverage: why Wald is never the default
//!
//! Exact coverage of nominal 95% intervals for a proportion (sums over the binomial pmf,
//! n in {10, 30, 100, 1000}, p from 0.05 to 0.9; Brown, Cai & DasGupta 2001 report the same
//! pattern):
//!
//! | method | mean coverage | worst coverage |
//! |---|---|---|
//! | Wilson | 0.946 | 0.914 |
//! | Jeffreys | 0.953 | 0.924 |
//! | Agresti-Coull | 0.957 | 0.930 |
//! | Clopper-Pearson | 0.972 | 0.952 |
//! | Wald | 0.876 | 0.400 |
//! | NPS adjusted Wald | 0.952 | 0.945 |
//!
//! # Floating point accuracy
//!
//! Every method is checked against scipy / statsmodels reference tables (committed under
//! `tests/reference/`) to 1e-9 relative error across levels 0.5 to 0.999, n = 1 to 10^6,
//! including x = 0 and x = n. Bounds are clamped to the domain of the quantity, so a Wilson
//! upper bound is never `1.0000000000000002`.

mod difference;
pub(crate) mod error;
pub(crate) mod inverse_cdf;
mod level;
mod mean;
mod nps;
mod planning;
mod poisson;
mod proportion;
mod quantile;
mod sequence;
mod special;

pub use difference::{Difference, proportion_difference, proportion_difference_test, welch};
pub(crate) use difference::{normal_p, nps_difference, welch_of};
pub use error::{IntervalError, LevelError, MethodError, QuantileError};
pub use level::{ConfidenceLevel, Interval};
pub(crate) use mean::half_width as mean_half_width;
pub use mean::student_t;
pub(crate) use mean::{integer_std_dev, t_interval};
pub(crate) use nps::nps_unchecked;
pub use nps::{NpsMethod, nps};
pub use planning::{MIN_RELIABLE_N, is_small_sample, nps_sample_size, proportion_sample_size};
pub use poisson::poisson_rate;
pub(crate) use proportion::proportion_unchecked;
pub use proportion::{ProportionMethod, proportion};
pub(crate) use quantile::check_quantile;
pub use quantile::{quantile_rank, quantile_ranks};
pub(crate) use sequence::sequence_unchecked;
pub use sequence::{
    DEFAULT_TUNED_FOR, proportion_sequence, sequence_difference, sequence_excludes,
};
