//! The stored forms of a [`FirstResponseTime`] (serde and bytes), both through one validated
//! constructor, [`FirstResponseTime::from_parts`].

use std::time::Duration;

use super::{Clock, FirstResponseTime, Milestone, OVERDUE, PENDING, UNKNOWN_AGE};
use crate::counts::Counts;
use crate::error::StateError;
use crate::sketch::DurationSketch;

/// The counts of a [`FirstResponseTime`] besides its sketch, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tallies {
    pub(crate) within_target: u64,
    pub(crate) unknown_age: u64,
    pub(crate) pending: u64,
    pub(crate) overdue: u64,
}

impl FirstResponseTime {
    /// The one way into a stored state: every cross-field invariant a pushed state satisfies is
    /// checked here, for serde, bytes and SQL alike.
    pub(crate) fn from_parts(
        sketch: DurationSketch,
        target: Option<Duration>,
        clock: Clock,
        tallies: Tallies,
    ) -> Result<Self, StateError> {
        let bad = |problem: String| StateError::Inconsistent {
            what: "first response time",
            problem,
        };
        let answered = sketch.count();
        let Tallies {
            within_target,
            unknown_age,
            pending,
            overdue,
        } = tallies;
        if within_target > answered {
            return Err(bad(format!(
                "{within_target} within target of {answered} answered"
            )));
        }
        if target.is_none() && (within_target > 0 || overdue > 0) {
            return Err(bad(format!(
                "{within_target} within target and {overdue} overdue without a target"
            )));
        }
        // The buckets bound how many waits can be within the target: those in buckets wholly
        // below it are, those wholly above are not, and the exact extremes decide their own.
        // (A maximum of u64::MAX ns may stand for longer waits the sketch clamped, so a target
        // at or beyond it proves nothing about them.)
        if let Some(target) = target {
            let (at_least, at_most) = sketch.count_at_most(target);
            let clamped = sketch.max() == Some(Duration::from_nanos(u64::MAX));
            let at_least = if clamped { 0 } else { at_least };
            if within_target < at_least || within_target > at_most {
                return Err(bad(format!(
                    "{within_target} of {answered} answered within the target {target:?}, but \
                     the recorded waits put between {at_least} and {at_most} within it"
                )));
            }
        }
        let mut unanswered = [0; 3];
        unanswered[UNKNOWN_AGE] = unknown_age;
        unanswered[PENDING] = pending;
        unanswered[OVERDUE] = overdue;
        crate::counts::checked_total(
            "first response time",
            &[answered, unknown_age, pending, overdue],
        )?;
        Ok(Self {
            sketch,
            target,
            clock,
            milestone: Milestone::default(),
            within_target,
            unanswered: Counts::from_array("first response time", unanswered)?,
        })
    }

    pub(crate) fn tallies(&self) -> Tallies {
        Tallies {
            within_target: self.within_target,
            unknown_age: self.unanswered.get(UNKNOWN_AGE),
            pending: self.unanswered.get(PENDING),
            overdue: self.unanswered.get(OVERDUE),
        }
    }
}

/// The serialised form of a [`FirstResponseTime`].
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) struct FrtState {
    version: u32,
    target: Option<Duration>,
    clock: Clock,
    milestone: Milestone,
    within_target: u64,
    /// Unanswered tickets of unknown age.
    unanswered: u64,
    /// Unanswered tickets waiting within the target at the reporting instant.
    pending: u64,
    /// Unanswered tickets past the target at the reporting instant.
    overdue: u64,
    sketch: DurationSketch,
}

impl From<FirstResponseTime> for FrtState {
    fn from(frt: FirstResponseTime) -> Self {
        let tallies = frt.tallies();
        Self {
            version: crate::state::STATE_VERSION,
            target: frt.target,
            clock: frt.clock,
            milestone: frt.milestone,
            within_target: tallies.within_target,
            unanswered: tallies.unknown_age,
            pending: tallies.pending,
            overdue: tallies.overdue,
            sketch: frt.sketch,
        }
    }
}

crate::state::from_state!(FrtState => FirstResponseTime, |state| {
    FirstResponseTime::from_parts(
        state.sketch,
        state.target,
        state.clock,
        Tallies {
            within_target: state.within_target,
            unknown_age: state.unanswered,
            pending: state.pending,
            overdue: state.overdue,
        },
    )
    .map(|frt| frt.until(state.milestone))
});

/// The first bytes of [`FirstResponseTime::to_bytes`].
const MAGIC: &[u8; 4] = b"SATF";

/// Bytes before the sketch: tag, version, target (flag, seconds, nanoseconds), clock, milestone,
/// and the four tallies.
const HEADER: usize = 4 + 4 + 13 + 1 + 1 + 4 * 8;

impl FirstResponseTime {
    /// The aggregator as compact, versioned bytes, for storage or shipping without serde (a
    /// database column, the DataFusion `frt` partial state): a 4-byte tag, the format version,
    /// the SLA target, the clock, the milestone, the within-target and unanswered counts, then
    /// [`DurationSketch::to_bytes`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use satisfaction::{Aggregator, FirstResponseTime};
    ///
    /// let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
    /// frt.push_response(Duration::from_secs(600));
    /// frt.push_unanswered();
    /// let restored = FirstResponseTime::from_bytes(&frt.to_bytes())?;
    /// assert_eq!(restored, frt);
    /// assert!(FirstResponseTime::from_bytes(b"not a state").is_err());
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&crate::state::STATE_VERSION.to_le_bytes());
        match self.target {
            Some(target) => {
                out.push(1);
                out.extend_from_slice(&target.as_secs().to_le_bytes());
                out.extend_from_slice(&target.subsec_nanos().to_le_bytes());
            }
            None => out.extend_from_slice(&[0; 13]),
        }
        out.push(match self.clock {
            Clock::Calendar => 0,
            Clock::Business => 1,
        });
        out.push(match self.milestone {
            Milestone::FirstResponse => 0,
            Milestone::Resolution => 1,
        });
        let t = self.tallies();
        for count in [t.within_target, t.unknown_age, t.pending, t.overdue] {
            out.extend_from_slice(&count.to_le_bytes());
        }
        out.extend_from_slice(&self.sketch.to_bytes());
        out
    }

    /// Reads [`to_bytes`](Self::to_bytes) output back, validating it exactly as the serde
    /// form is validated.
    ///
    /// # Errors
    ///
    /// [`StateError`] for bytes that are not an FRT state, of another format version, cut
    /// short, or whose counts disagree (more within target than answered, counts that need a
    /// target without one, a within-target count the waits' extremes contradict, totals over
    /// [`MAX_COUNT`](crate::MAX_COUNT)).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StateError> {
        let bad = |problem: &str| StateError::Inconsistent {
            what: "first response time bytes",
            problem: problem.to_owned(),
        };
        if !bytes.starts_with(MAGIC) {
            return Err(bad(
                "not an FRT state (the bytes do not start with \"SATF\")",
            ));
        }
        let header = bytes.get(..HEADER).ok_or_else(|| bad("cut short"))?;
        let field = |at: usize, len: usize| &header[at..at + len];
        let le_u64 = |at: usize| u64::from_le_bytes(field(at, 8).try_into().unwrap_or([0; 8]));
        let version = u32::from_le_bytes(field(4, 4).try_into().unwrap_or([0; 4]));
        crate::state::check_version(version)?;
        let nanos = u32::from_le_bytes(field(17, 4).try_into().unwrap_or([0; 4]));
        let target = match header[8] {
            0 if le_u64(9) == 0 && nanos == 0 => None,
            1 if nanos < 1_000_000_000 => Some(Duration::new(le_u64(9), nanos)),
            _ => return Err(bad("malformed SLA target")),
        };
        let clock = match header[21] {
            0 => Clock::Calendar,
            1 => Clock::Business,
            _ => return Err(bad("unknown clock")),
        };
        let milestone = match header[22] {
            0 => Milestone::FirstResponse,
            1 => Milestone::Resolution,
            _ => return Err(bad("unknown milestone")),
        };
        let tallies = Tallies {
            within_target: le_u64(23),
            unknown_age: le_u64(31),
            pending: le_u64(39),
            overdue: le_u64(47),
        };
        let sketch = DurationSketch::from_bytes(&bytes[HEADER..])?;
        FirstResponseTime::from_parts(sketch, target, clock, tallies)
            .map(|frt| frt.until(milestone))
    }
}
