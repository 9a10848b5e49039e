//! [`OptionCounts`] (multiple-choice answers) and its summary. The user-facing documentation is
//! on [`OptionCounts`].

use std::fmt;

use crate::aggregator::{Aggregator, TryPush, check_merge_total};
use crate::display::Percent;
use crate::error::same;
use crate::error::{InputError, MergeError, Setting, StateError};
use crate::interval::{ConfidenceLevel, Interval, ProportionMethod};
use crate::scale::ScaleError;
use crate::share::Share;

/// Multiple-choice answers: how many respondents chose each of `n` options (1 to 64).
///
/// For a single-choice question the option shares add up to one; for a multi-select question
/// ("Which channels have you used?") each share is the fraction of *respondents* who chose the
/// option, so they need not. Either way each share is a binomial proportion of the respondents
/// who answered, with an interval.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, OptionCounts, ProportionMethod};
///
/// let mut reasons = OptionCounts::new(3)?; // e.g. billing, bug, how-to
/// reasons.try_push(&[0])?;
/// reasons.try_push(&[2])?;
/// reasons.try_push(&[0, 1])?; // multi-select: one respondent, two options
/// let summary = reasons.summary().unwrap();
/// assert_eq!(summary.respondents(), 3);
/// assert_eq!(summary.share(0), Some(2.0 / 3.0));
/// assert!(summary.interval(0, ConfidenceLevel::P95, ProportionMethod::Wilson).is_some());
/// assert!(reasons.try_push(&[3]).is_err()); // not an option
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// State: `size_of::<OptionCounts>() == 32` bytes, plus 8 bytes per option; pushing never
/// allocates. Its input is a respondent's choices as a bit set (bit `i` for option `i`); a bit
/// past the declared options is refused ([`InputError::UnknownOption`]), never ignored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OptionCounts {
    counts: Vec<u64>,
    respondents: u64,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(OptionCounts, OptionCountsState);

impl OptionCounts {
    /// The most options a question may declare, so a respondent's choice fits a 64-bit set.
    pub const MAX_OPTIONS: usize = 64;

    /// Counts for `options` options.
    ///
    /// # Errors
    ///
    /// [`ScaleError::Options`] unless `1 <= options <= 64`.
    pub fn new(options: usize) -> Result<Self, ScaleError> {
        if !(1..=Self::MAX_OPTIONS).contains(&options) {
            return Err(ScaleError::Options {
                options,
                max: Self::MAX_OPTIONS,
            });
        }
        Ok(Self {
            counts: vec![0; options],
            respondents: 0,
        })
    }

    /// Counts for an option list a survey definition has already validated (1 to 64 options);
    /// anything else is clamped into range rather than trusted.
    pub(crate) fn with_validated_options(options: usize) -> Self {
        Self {
            counts: vec![0; options.clamp(1, Self::MAX_OPTIONS)],
            respondents: 0,
        }
    }

    /// Counts tallied elsewhere: how many respondents chose each option, and how many
    /// respondents answered.
    ///
    /// ```
    /// use satisfaction::{Aggregator, OptionCounts};
    ///
    /// let counts = OptionCounts::from_counts(&[3, 1], 4)?;
    /// assert_eq!(counts.summary().unwrap().share(0), Some(0.75));
    /// assert!(OptionCounts::from_counts(&[10, 0], 1).is_err()); // 10 of 1 respondent
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::Inconsistent`] for no options or more than 64, or an option chosen by more
    /// respondents than answered; [`StateError::TooMany`] past
    /// [`MAX_COUNT`](crate::MAX_COUNT) respondents.
    pub fn from_counts(counts: &[u64], respondents: u64) -> Result<Self, StateError> {
        let bad = |problem: String| StateError::Inconsistent {
            what: "option counts",
            problem,
        };
        let mut aggregator = Self::new(counts.len()).map_err(|e| bad(e.to_string()))?;
        crate::counts::checked_total("option counts", &[respondents])?;
        if let Some((i, &c)) = counts.iter().enumerate().find(|&(_, &c)| c > respondents) {
            return Err(bad(format!(
                "option {i} chosen {c} times by {respondents} respondents"
            )));
        }
        aggregator.counts.copy_from_slice(counts);
        aggregator.respondents = respondents;
        Ok(aggregator)
    }

    /// Number of options.
    #[must_use]
    pub fn options(&self) -> usize {
        self.counts.len()
    }

    /// Records one respondent's choices (option indices); a repeated index counts once.
    ///
    /// # Errors
    ///
    /// [`InputError::UnknownOption`] naming the first index that is not an option; nothing is
    /// recorded.
    pub fn try_push(&mut self, chosen: &[usize]) -> Result<(), InputError> {
        TryPush::try_push(self, chosen)
    }

    /// The bit set of `chosen`, or the first index that is not an option.
    fn option_set(&self, chosen: &[usize]) -> Result<u64, InputError> {
        let mut set = 0u64;
        for &index in chosen {
            if index >= self.counts.len() {
                return Err(InputError::UnknownOption {
                    index,
                    options: self.counts.len(),
                });
            }
            // index < 64, so the shift is in range.
            set |= 1 << index;
        }
        Ok(set)
    }
}

crate::aggregator::impl_try_push!(<> OptionCounts, &[usize], InputError, |this, chosen| this.option_set(chosen));

impl Aggregator for OptionCounts {
    /// A respondent's choices as a bit set: bit i set when option i was chosen.
    type Input = u64;
    type Summary = OptionSummary;
    type Error = InputError;

    #[inline]
    fn record(&mut self, chosen: u64) -> Result<(), InputError> {
        self.check(&chosen)?;
        self.respondents = self.respondents.saturating_add(1);
        let mut remaining = chosen;
        while remaining != 0 {
            let i = remaining.trailing_zeros() as usize;
            // Checked above: every set bit is an option.
            if let Some(count) = self.counts.get_mut(i) {
                *count = count.saturating_add(1);
            }
            remaining &= remaining - 1;
        }
        Ok(())
    }

    fn check(&self, chosen: &u64) -> Result<(), InputError> {
        let options = self.counts.len();
        let beyond = chosen.checked_shr(options as u32).unwrap_or(0);
        if beyond == 0 {
            Ok(())
        } else {
            Err(InputError::UnknownOption {
                index: options + beyond.trailing_zeros() as usize,
                options,
            })
        }
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same(
            "number of options",
            self.counts.len(),
            other.counts.len(),
            |x| Setting::Count(x as u64),
        )?;
        check_merge_total(self.respondents, other.respondents)?;
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            // Each is at most its respondents, and their sum is within the limit.
            *mine += theirs;
        }
        self.respondents += other.respondents;
        Ok(())
    }

    fn summary(&self) -> Option<OptionSummary> {
        (self.respondents > 0).then(|| OptionSummary {
            counts: self.clone(),
        })
    }

    /// Respondents recorded.
    fn count(&self) -> u64 {
        self.respondents
    }
}

/// The summary of an [`OptionCounts`] with at least one respondent: one share per option.
///
/// It holds several estimates, so it has no [`Summary`](crate::Summary) headline; each option's
/// share and interval are here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct OptionSummary {
    counts: OptionCounts,
}

impl OptionSummary {
    /// Respondents who answered (the denominator of every share).
    #[must_use]
    pub fn respondents(&self) -> u64 {
        self.counts.respondents
    }

    /// How many respondents chose each option, in declaration order.
    #[must_use]
    pub fn counts(&self) -> &[u64] {
        &self.counts.counts
    }

    fn option_share(&self, option: usize) -> Option<Share> {
        let count = *self.counts.counts.get(option)?;
        Some(Share::new(count, self.respondents()))
    }

    /// The share of respondents who chose `option`; `None` for an index that is not an option.
    #[must_use]
    pub fn share(&self, option: usize) -> Option<f64> {
        self.option_share(option).map(Share::value)
    }

    /// The confidence interval of [`share`](Self::share).
    #[must_use]
    pub fn interval(
        &self,
        option: usize,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Option<Interval> {
        Some(self.option_share(option)?.interval(level, method))
    }
}

impl fmt::Display for OptionSummary {
    /// Each option's index and share, then `n`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in 0..self.counts.options() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "#{i} {}", Percent(self.share(i).unwrap_or(0.0)))?;
        }
        write!(f, "; n = {}", self.respondents())
    }
}

#[cfg(feature = "serde")]
mod state {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{OptionCounts, OptionSummary};
    use crate::aggregator::Aggregator;
    use crate::error::StateError;
    use crate::interval::{ConfidenceLevel, ProportionMethod};

    /// The serialised form of [`OptionCounts`].
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct OptionCountsState {
        version: u32,
        counts: Vec<u64>,
        respondents: u64,
    }

    impl From<OptionCounts> for OptionCountsState {
        fn from(c: OptionCounts) -> Self {
            Self {
                version: crate::state::STATE_VERSION,
                counts: c.counts,
                respondents: c.respondents,
            }
        }
    }

    crate::state::from_state!(OptionCountsState => OptionCounts, |s| {
        OptionCounts::from_counts(&s.counts, s.respondents)
    });

    /// One option's numbers in a serialised [`OptionSummary`].
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    #[serde(deny_unknown_fields)]
    struct OptionRow {
        count: u64,
        share: f64,
        lower: f64,
        upper: f64,
    }

    /// The serialised form of an [`OptionSummary`]: the level, the method, every option's
    /// share with its interval, and the state they come from.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SummaryForm {
        version: u32,
        level: f64,
        method: ProportionMethod,
        respondents: u64,
        options: Vec<OptionRow>,
        state: OptionCounts,
    }

    fn rows(
        summary: &OptionSummary,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Vec<OptionRow> {
        (0..summary.counts.options())
            .filter_map(|i| {
                let share = summary.option_share(i)?;
                let ci = share.interval(level, method);
                Some(OptionRow {
                    count: share.successes(),
                    share: share.value(),
                    lower: ci.lower(),
                    upper: ci.upper(),
                })
            })
            .collect()
    }

    impl Serialize for OptionSummary {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let (level, method) = (ConfidenceLevel::default(), ProportionMethod::default());
            SummaryForm {
                version: crate::state::STATE_VERSION,
                level: level.value(),
                method,
                respondents: self.respondents(),
                options: rows(self, level, method),
                state: self.counts.clone(),
            }
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for OptionSummary {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let form = SummaryForm::deserialize(deserializer)?;
            crate::state::check_version(form.version).map_err(D::Error::custom)?;
            let level = ConfidenceLevel::new(form.level).map_err(D::Error::custom)?;
            let summary = form.state.summary().ok_or_else(|| {
                D::Error::custom(StateError::Empty {
                    what: "option summary",
                })
            })?;
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
            let expected = rows(&summary, level, form.method);
            let agrees = form.respondents == summary.respondents()
                && form.options.len() == expected.len()
                && form.options.iter().zip(&expected).all(|(a, b)| {
                    a.count == b.count
                        && close(a.share, b.share)
                        && close(a.lower, b.lower)
                        && close(a.upper, b.upper)
                });
            if !agrees {
                return Err(D::Error::custom(StateError::Inconsistent {
                    what: "option summary",
                    problem: "the numbers disagree with the state".into(),
                }));
            }
            Ok(summary)
        }
    }
}

#[cfg(feature = "serde")]
use state::OptionCountsState;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_outside_the_declared_ones_are_refused() {
        let mut counts = OptionCounts::new(3).unwrap();
        assert_eq!(
            counts.record(0b1000),
            Err(InputError::UnknownOption {
                index: 3,
                options: 3
            })
        );
        assert!(counts.try_push(&[64]).is_err());
        assert!(counts.try_push(&[usize::MAX]).is_err());
        assert_eq!(counts.count(), 0);
        assert!(OptionCounts::new(0).is_err());
        assert!(OptionCounts::new(65).is_err());
        let mut all = OptionCounts::new(64).unwrap();
        all.record(u64::MAX).unwrap();
        assert_eq!(all.summary().unwrap().counts()[63], 1);
    }

    #[test]
    fn merging_the_largest_counts_is_refused() {
        let big = OptionCounts::from_counts(
            &[crate::aggregator::MAX_COUNT, 0],
            crate::aggregator::MAX_COUNT,
        )
        .unwrap();
        let mut twice = big.clone();
        assert!(twice.merge(&big).is_err());
        assert_eq!(twice, big);
    }
}
