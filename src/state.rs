//! Helpers for serialised partial state: the format version and its check.
//!
//! Every aggregator serialises as a flat record that starts with `"version"`. Deserialisation
//! goes through a checked representation (`#[serde(try_from = ...)]`), so a state from another
//! format version, with the wrong number of counts or with totals over
//! [`MAX_COUNT`](crate::MAX_COUNT) is an error, never a wrong answer. Golden files in
//! `tests/golden/` pin the format.

use crate::error::StateError;

/// The state format version this build writes and reads.
pub const STATE_VERSION: u32 = 1;

/// Refuses any version but [`STATE_VERSION`].
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) fn check_version(found: u32) -> Result<(), StateError> {
    if found == STATE_VERSION {
        Ok(())
    } else {
        Err(StateError::UnsupportedVersion {
            found,
            supported: STATE_VERSION,
        })
    }
}

/// The error for counts that add up to more than [`MAX_COUNT`](crate::MAX_COUNT).
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) fn too_many() -> StateError {
    StateError::Inconsistent(format!(
        "the counts add up to more than the limit of {} observations",
        crate::MAX_COUNT
    ))
}

/// The error for a count list whose length is not the scale's number of points.
#[cfg(feature = "serde")]
pub(crate) fn bad_points(scale: crate::RatingScale, found: usize) -> StateError {
    StateError::Inconsistent(format!(
        "{found} counts for the {scale} scale, which has {} points (or the counts add up to more \
         than {})",
        scale.points(),
        crate::MAX_COUNT
    ))
}
