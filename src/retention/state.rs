//! The stored forms of a [`KaplanMeier`]: versioned bytes (always) and serde (feature
//! `serde`, with the summary's form), both through [`KaplanMeier::from_counts`].

use super::KaplanMeier;
use crate::error::StateError;
use crate::wire::{read_varint, write_varint};

/// The tag the bytes start with.
const MAGIC: &[u8; 4] = b"SATK";

fn bad_bytes(problem: &str) -> StateError {
    StateError::Inconsistent {
        what: "Kaplan-Meier bytes",
        problem: problem.to_owned(),
    }
}

/// A cursor over untrusted bytes: every read is checked.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, StateError> {
        let (&first, rest) = self.0.split_first().ok_or_else(|| bad_bytes("cut short"))?;
        self.0 = rest;
        Ok(first)
    }

    fn varint(&mut self) -> Result<u64, StateError> {
        read_varint(|| self.byte(), || bad_bytes("a number overflows 64 bits"))
    }
}

impl KaplanMeier {
    /// The curve's state as compact, versioned bytes, for storage or shipping without serde
    /// (a database column, a SQL engine's partial state): the tag `SATK`, the format version
    /// ([`STATE_VERSION`](crate::state::STATE_VERSION), 4 bytes little-endian), the cap (a
    /// flag byte and a LEB128 varint), the number of durations, then per duration, in
    /// increasing order, its distance from the previous one, the churned and the censored
    /// count (varints). Equal curves give equal bytes.
    ///
    /// ```
    /// use satisfaction::retention::KaplanMeier;
    ///
    /// let mut km = KaplanMeier::with_cap(60)?;
    /// km.try_extend_from_slices(&[3, 12, 12, 70], &[true, false, true, true])?;
    /// let bytes = km.to_bytes();
    /// assert_eq!(KaplanMeier::from_bytes(&bytes)?, km);
    /// assert!(KaplanMeier::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + 4 * self.distinct_durations());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&crate::state::STATE_VERSION.to_le_bytes());
        match self.cap() {
            Some(cap) => {
                out.push(1);
                write_varint(&mut out, cap);
            }
            None => out.push(0),
        }
        write_varint(&mut out, self.distinct_durations() as u64);
        let mut previous = 0;
        for (duration, churned, censored) in self.counts() {
            write_varint(&mut out, duration - previous);
            write_varint(&mut out, churned);
            write_varint(&mut out, censored);
            previous = duration;
        }
        out
    }

    /// Reads [`to_bytes`](Self::to_bytes) output back, validated as
    /// [`from_counts`](Self::from_counts) validates.
    ///
    /// # Errors
    ///
    /// [`StateError`] for bytes that are not a Kaplan-Meier state, of another format
    /// version, cut short or followed by more bytes, with durations out of order or empty,
    /// or counts that [`from_counts`](Self::from_counts) refuses.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StateError> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad_bytes("not a Kaplan-Meier state (no \"SATK\" tag)"))?;
        let (version, rest) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| bad_bytes("cut short"))?;
        crate::state::check_version(u32::from_le_bytes(*version))?;
        let mut reader = Reader(rest);
        let cap = match reader.byte()? {
            0 => None,
            1 => Some(reader.varint()?),
            _ => return Err(bad_bytes("malformed cap")),
        };
        let rows = reader.varint()?;
        // Each row takes at least three bytes: a count past that is a lie, not an allocation.
        if rows > reader.0.len() as u64 / 3 {
            return Err(bad_bytes("cut short"));
        }
        let mut counts = Vec::with_capacity(usize::try_from(rows).unwrap_or(0));
        let mut duration = 0u64;
        for i in 0..rows {
            let step = reader.varint()?;
            if i > 0 && step == 0 {
                return Err(bad_bytes("durations out of order"));
            }
            duration = duration
                .checked_add(step)
                .ok_or_else(|| bad_bytes("a duration overflows 64 bits"))?;
            let (churned, censored) = (reader.varint()?, reader.varint()?);
            if churned == 0 && censored == 0 {
                return Err(bad_bytes("a duration without customers"));
            }
            counts.push((duration, churned, censored));
        }
        if !reader.0.is_empty() {
            return Err(bad_bytes("extra bytes after the state"));
        }
        KaplanMeier::from_counts(cap, counts)
    }
}

#[cfg(feature = "serde")]
pub(super) use serde_forms::KaplanMeierState;

#[cfg(feature = "serde")]
mod serde_forms {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::super::interval::SurvivalInterval;
    use super::super::{KaplanMeier, KaplanMeierSummary};
    use crate::aggregator::Aggregator;
    use crate::error::StateError;
    use crate::interval::ConfidenceLevel;

    /// The serialised form of a [`KaplanMeier`]: the cap and three columns, one entry per
    /// duration with a customer, in increasing order.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct KaplanMeierState {
        version: u32,
        cap: Option<u64>,
        durations: Vec<u64>,
        churned: Vec<u64>,
        censored: Vec<u64>,
    }

    impl From<KaplanMeier> for KaplanMeierState {
        fn from(km: KaplanMeier) -> Self {
            let (mut durations, mut churned, mut censored) = (vec![], vec![], vec![]);
            for (d, e, c) in km.counts() {
                durations.push(d);
                churned.push(e);
                censored.push(c);
            }
            Self {
                version: crate::state::STATE_VERSION,
                cap: km.cap(),
                durations,
                churned,
                censored,
            }
        }
    }

    impl TryFrom<KaplanMeierState> for KaplanMeier {
        type Error = StateError;

        fn try_from(s: KaplanMeierState) -> Result<Self, StateError> {
            crate::state::check_version(s.version)?;
            let n = s.durations.len();
            for found in [s.churned.len(), s.censored.len()] {
                if found != n {
                    return Err(StateError::WrongLength {
                        what: "Kaplan-Meier",
                        expected: n,
                        found,
                    });
                }
            }
            if !s.durations.is_sorted_by(|a, b| a < b) {
                return Err(StateError::Inconsistent {
                    what: "Kaplan-Meier",
                    problem: "durations must increase strictly".into(),
                });
            }
            let rows = s
                .durations
                .iter()
                .zip(&s.churned)
                .zip(&s.censored)
                .map(|((&d, &e), &c)| (d, e, c));
            KaplanMeier::from_counts(s.cap, rows)
        }
    }

    /// One step of a serialised [`KaplanMeierSummary`].
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(deny_unknown_fields)]
    struct StepForm {
        time: u64,
        at_risk: u64,
        churned: u64,
        censored: u64,
        survival: f64,
        std_err: f64,
        lower: Option<f64>,
        upper: Option<f64>,
    }

    /// The serialised form of a [`KaplanMeierSummary`]: the level and interval method, the
    /// customers, the median lifetime with its limits, every step with its interval, and the
    /// state they come from.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SummaryForm {
        version: u32,
        level: f64,
        method: SurvivalInterval,
        customers: u64,
        churned: u64,
        median: Option<f64>,
        median_lower: Option<f64>,
        median_upper: Option<f64>,
        steps: Vec<StepForm>,
        state: KaplanMeier,
    }

    fn form(
        summary: &KaplanMeierSummary,
        level: ConfidenceLevel,
        method: SurvivalInterval,
        state: KaplanMeier,
    ) -> SummaryForm {
        let (median_lower, median_upper) = summary.median_interval(level, method);
        let z = level.z();
        SummaryForm {
            version: crate::state::STATE_VERSION,
            level: level.value(),
            method,
            customers: summary.count(),
            churned: summary.events(),
            median: summary.median(),
            median_lower,
            median_upper,
            steps: summary
                .steps()
                .iter()
                .map(|s| {
                    let ci = s.bounds(z, method);
                    StepForm {
                        time: s.time(),
                        at_risk: s.at_risk(),
                        churned: s.events(),
                        censored: s.censored(),
                        survival: s.survival(),
                        std_err: s.std_err(),
                        lower: ci.map(|ci| ci.lower()),
                        upper: ci.map(|ci| ci.upper()),
                    }
                })
                .collect(),
            state,
        }
    }

    impl Serialize for KaplanMeierSummary {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let state = KaplanMeier::from_counts(
                self.cap(),
                self.steps()
                    .iter()
                    .map(|s| (s.time(), s.events(), s.censored())),
            )
            .map_err(serde::ser::Error::custom)?;
            form(
                self,
                ConfidenceLevel::default(),
                SurvivalInterval::default(),
                state,
            )
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for KaplanMeierSummary {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let read = SummaryForm::deserialize(deserializer)?;
            crate::state::check_version(read.version).map_err(D::Error::custom)?;
            let level = ConfidenceLevel::new(read.level).map_err(D::Error::custom)?;
            let summary = read.state.summary().ok_or_else(|| {
                D::Error::custom(StateError::Empty {
                    what: "Kaplan-Meier summary",
                })
            })?;
            let expected = form(&summary, level, read.method, read.state.clone());
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
            let close_opt = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => close(a, b),
                (None, None) => true,
                _ => false,
            };
            let agrees = read.customers == expected.customers
                && read.customers == read.state.count()
                && read.churned == expected.churned
                && close_opt(read.median, expected.median)
                && close_opt(read.median_lower, expected.median_lower)
                && close_opt(read.median_upper, expected.median_upper)
                && read.steps.len() == expected.steps.len()
                && read.steps.iter().zip(&expected.steps).all(|(a, b)| {
                    (a.time, a.at_risk, a.churned, a.censored)
                        == (b.time, b.at_risk, b.churned, b.censored)
                        && close(a.survival, b.survival)
                        && close(a.std_err, b.std_err)
                        && close_opt(a.lower, b.lower)
                        && close_opt(a.upper, b.upper)
                });
            if !agrees {
                return Err(D::Error::custom(StateError::Inconsistent {
                    what: "Kaplan-Meier summary",
                    problem: "the numbers disagree with the state".into(),
                }));
            }
            Ok(summary)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_and_refuse_tampering() {
        let km =
            KaplanMeier::from_counts(Some(5000), [(0, 1, 0), (3, 2, 1), (4000, 0, 7)]).unwrap();
        let bytes = km.to_bytes();
        assert_eq!(KaplanMeier::from_bytes(&bytes).unwrap(), km);
        assert!(KaplanMeier::from_bytes(b"SATK").is_err());
        assert!(KaplanMeier::from_bytes(&[bytes.as_slice(), &[0]].concat()).is_err());
        for cut in 0..bytes.len() {
            assert!(KaplanMeier::from_bytes(&bytes[..cut]).is_err());
        }
        // Every byte flipped: refused, or a valid curve (never a panic).
        for i in 0..bytes.len() {
            let mut edited = bytes.clone();
            edited[i] ^= 0xff;
            if let Ok(other) = KaplanMeier::from_bytes(&edited) {
                assert_eq!(KaplanMeier::from_bytes(&other.to_bytes()).unwrap(), other);
            }
        }
        let empty = KaplanMeier::default();
        assert_eq!(KaplanMeier::from_bytes(&empty.to_bytes()).unwrap(), empty);
    }
}
