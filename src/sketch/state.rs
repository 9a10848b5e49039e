//! The stored form of a sketch (serde and bytes), validated on the way in: the one path
//! into a sketch's state from outside.

use super::{COARSEST, DurationSketch, EXACT_LIMIT_U64, FINEST, OCTAVES, per_octave};
use crate::counts::checked_total;
use crate::error::{AccuracyError, StateError};
use crate::state::check_version;
use crate::wire::{read_varint, write_varint};

/// The serialised form: the format version, α, and either the durations themselves (an exact
/// sketch, at most [`DurationSketch::EXACT_LIMIT`] of them, sorted) or the bucket counts.
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub(crate) struct SketchState {
    version: u32,
    relative_accuracy: f64,
    offset: usize,
    counts: Vec<u64>,
    exact_nanos: Vec<u64>,
    zeros: u64,
    min_nanos: u64,
    max_nanos: u64,
    sum_nanos: u128,
}

impl From<&DurationSketch> for SketchState {
    /// Only the occupied buckets are written, so equal sketches serialise identically.
    fn from(s: &DurationSketch) -> Self {
        let (offset, counts) = s.occupied();
        Self {
            version: crate::state::STATE_VERSION,
            relative_accuracy: s.accuracy,
            offset,
            counts: counts.to_vec(),
            exact_nanos: s.exact.clone(),
            zeros: s.zeros,
            min_nanos: if s.count == 0 { 0 } else { s.min },
            max_nanos: s.max,
            sum_nanos: s.sum,
        }
    }
}

crate::state::from_state!(SketchState => DurationSketch, |state| {
    let bad = |why: &str| StateError::Inconsistent {
        what: "duration sketch",
        problem: why.to_owned(),
    };
    if !(FINEST..=COARSEST).contains(&state.relative_accuracy) {
        return Err(AccuracyError {
            value: state.relative_accuracy,
        }
        .into());
    }
    let mut sketch = DurationSketch::with_buckets(
        state.relative_accuracy,
        per_octave(state.relative_accuracy),
    );
    let buckets = OCTAVES * sketch.per_octave as usize;
    if state.offset.saturating_add(state.counts.len()) > buckets {
        return Err(bad("buckets beyond the largest duration"));
    }
    if !state.exact_nanos.is_empty() {
        return exact_sketch(sketch, state);
    }
    let mut counts = state.counts.clone();
    counts.push(state.zeros);
    let count = checked_total("duration sketch", &counts)?;
    if count > 0 && count <= EXACT_LIMIT_U64 {
        return Err(bad(
            "bucket counts for at most 1,024 durations: a sketch that small keeps the \
             durations themselves",
        ));
    }
    if count > 0 {
        if state.min_nanos > state.max_nanos {
            return Err(bad("minimum above maximum"));
        }
        // The extremes must fall in the outermost non-empty buckets (or be 0).
        let first = state.counts.iter().position(|&c| c > 0);
        let last = state.counts.iter().rposition(|&c| c > 0);
        if let (Some(first), Some(last)) = (first, last) {
            // With zero durations recorded the minimum is 0; without, it lies in the
            // first occupied bucket.
            let min_ok = if state.zeros > 0 {
                state.min_nanos == 0
            } else {
                state.min_nanos != 0 && sketch.index(state.min_nanos) == state.offset + first
            };
            if state.max_nanos == 0
                || sketch.index(state.max_nanos) != state.offset + last
                || !min_ok
            {
                return Err(bad("minimum or maximum outside the occupied buckets"));
            }
        } else if state.min_nanos != 0 || state.max_nanos != 0 {
            return Err(bad("only zero durations, but a non-zero extreme"));
        }
        let low = u128::from(count) * u128::from(state.min_nanos);
        let high = u128::from(count).saturating_mul(u128::from(state.max_nanos));
        if state.sum_nanos < low || state.sum_nanos > high {
            return Err(bad("sum outside count × [minimum, maximum]"));
        }
        sketch.min = state.min_nanos;
        sketch.max = state.max_nanos;
    } else if state.min_nanos != 0 || state.max_nanos != 0 || state.sum_nanos != 0 {
        return Err(bad("empty, but with a non-zero minimum, maximum or sum"));
    }
    sketch.offset = if state.counts.is_empty() {
        0
    } else {
        state.offset
    };
    sketch.counts = state.counts;
    sketch.zeros = state.zeros;
    sketch.count = count;
    sketch.sum = state.sum_nanos;
    Ok(sketch)
});

/// An exact sketch from its stored durations: every other field must be what they give.
fn exact_sketch(
    mut sketch: DurationSketch,
    state: SketchState,
) -> Result<DurationSketch, StateError> {
    let bad = |why: &str| StateError::Inconsistent {
        what: "duration sketch",
        problem: why.to_owned(),
    };
    let values = state.exact_nanos;
    if values.len() > DurationSketch::EXACT_LIMIT {
        return Err(bad(
            "more than 1,024 kept durations: a sketch that large keeps buckets",
        ));
    }
    if !state.counts.is_empty() {
        return Err(bad("both kept durations and bucket counts"));
    }
    if values.windows(2).any(|w| w[0] > w[1]) {
        return Err(bad("kept durations out of order"));
    }
    let zeros = values.iter().filter(|&&v| v == 0).count() as u64;
    let sum: u128 = values.iter().map(|&v| u128::from(v)).sum();
    let (Some(&min), Some(&max)) = (values.first(), values.last()) else {
        return Err(bad("no kept durations"));
    };
    if (zeros, sum, min, max)
        != (
            state.zeros,
            state.sum_nanos,
            state.min_nanos,
            state.max_nanos,
        )
    {
        return Err(bad(
            "the zero count, sum, minimum or maximum disagree with the kept durations",
        ));
    }
    sketch.count = values.len() as u64;
    sketch.zeros = zeros;
    sketch.sum = sum;
    sketch.min = min;
    sketch.max = max;
    sketch.exact = values;
    Ok(sketch)
}

#[cfg(feature = "serde")]
impl serde::Serialize for DurationSketch {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SketchState::from(self).serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DurationSketch {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let state = SketchState::deserialize(deserializer)?;
        DurationSketch::try_from(state).map_err(serde::de::Error::custom)
    }
}

/// The first bytes of [`DurationSketch::to_bytes`]: bytes that start otherwise are not a
/// sketch.
const MAGIC: &[u8; 4] = b"SATD";

impl SketchState {
    /// Little-endian fixed-width header, then the counts as LEB128 varints.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.version.to_le_bytes());
        out.extend_from_slice(&self.relative_accuracy.to_le_bytes());
        out.extend_from_slice(&(self.offset as u64).to_le_bytes());
        out.extend_from_slice(&self.zeros.to_le_bytes());
        out.extend_from_slice(&self.min_nanos.to_le_bytes());
        out.extend_from_slice(&self.max_nanos.to_le_bytes());
        out.extend_from_slice(&self.sum_nanos.to_le_bytes());
        out.extend_from_slice(&(self.counts.len() as u64).to_le_bytes());
        for &count in &self.counts {
            write_varint(out, count);
        }
        // Kept durations, sorted, as gaps from the previous one.
        out.extend_from_slice(&(self.exact_nanos.len() as u64).to_le_bytes());
        let mut previous = 0;
        for &ns in &self.exact_nanos {
            write_varint(out, ns.wrapping_sub(previous));
            previous = ns;
        }
    }

    /// Reads what [`write`](Self::write) wrote from the front of `bytes`; returns the rest.
    pub(crate) fn read(bytes: &[u8]) -> Result<(Self, &[u8]), StateError> {
        let mut r = Reader(bytes);
        if r.take(4)? != MAGIC {
            return Err(truncated(
                "not a duration sketch (the bytes do not start with \"SATD\")",
            ));
        }
        let version = u32::from_le_bytes(r.array()?);
        check_version(version)?;
        let relative_accuracy = f64::from_le_bytes(r.array()?);
        let offset = usize::try_from(u64::from_le_bytes(r.array()?))
            .map_err(|_| truncated("bucket offset out of range"))?;
        let zeros = u64::from_le_bytes(r.array()?);
        let min_nanos = u64::from_le_bytes(r.array()?);
        let max_nanos = u64::from_le_bytes(r.array()?);
        let sum_nanos = u128::from_le_bytes(r.array()?);
        let len = u64::from_le_bytes(r.array()?);
        // Each count takes at least one byte: a length beyond the bytes left is corrupt,
        // and checking it first keeps a corrupt length from allocating.
        if len > r.0.len() as u64 {
            return Err(truncated("more counts announced than bytes left"));
        }
        let mut counts = Vec::with_capacity(len as usize);
        for _ in 0..len {
            counts.push(r.varint()?);
        }
        let kept = u64::from_le_bytes(r.array()?);
        if kept > r.0.len() as u64 {
            return Err(truncated("more durations announced than bytes left"));
        }
        let mut exact_nanos = Vec::with_capacity(kept as usize);
        let mut previous = 0_u64;
        for _ in 0..kept {
            previous = previous
                .checked_add(r.varint()?)
                .ok_or_else(|| truncated("a kept duration overflows 64 bits"))?;
            exact_nanos.push(previous);
        }
        let state = Self {
            version,
            relative_accuracy,
            offset,
            counts,
            exact_nanos,
            zeros,
            min_nanos,
            max_nanos,
            sum_nanos,
        };
        Ok((state, r.0))
    }
}

fn truncated(why: &str) -> StateError {
    StateError::Inconsistent {
        what: "duration sketch bytes",
        problem: why.to_owned(),
    }
}

/// A cursor over untrusted bytes: every read is bounds-checked.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], StateError> {
        if self.0.len() < n {
            return Err(truncated("cut short"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], StateError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn varint(&mut self) -> Result<u64, StateError> {
        read_varint(
            || Ok(self.take(1)?[0]),
            || truncated("a count overflows 64 bits"),
        )
    }
}

impl DurationSketch {
    /// The sketch as compact, versioned bytes, for storage or shipping without serde (a
    /// database column, a DataFusion partial state): a 4-byte tag, the format version,
    /// α, the extremes and sum, then the occupied bucket counts as variable-length
    /// integers. Equal sketches give equal bytes.
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::support::DurationSketch;
    ///
    /// let mut sketch = DurationSketch::default();
    /// sketch.push(Duration::from_secs(90));
    /// let bytes = sketch.to_bytes();
    /// assert_eq!(DurationSketch::from_bytes(&bytes)?, sketch);
    /// assert!(DurationSketch::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        SketchState::from(self).write(&mut out);
        out
    }

    /// Reads [`to_bytes`](Self::to_bytes) output back, validating it as the serde form is
    /// validated.
    ///
    /// # Errors
    ///
    /// [`StateError`] for bytes that are not a sketch, of another format version, cut
    /// short or followed by extra bytes, or whose counts, extremes and sum disagree.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StateError> {
        let (state, rest) = SketchState::read(bytes)?;
        if !rest.is_empty() {
            return Err(truncated("extra bytes after the sketch"));
        }
        Self::try_from(state)
    }
}
