//! First contact resolution (FCR): the share of resolved tickets that needed no follow-up.
//!
//! FCR = tickets resolved with one agent reply and never reopened / resolved tickets.
//! Unresolved tickets are excluded from both sides and counted separately: a ticket still open
//! has not failed FCR yet. Tools disagree on tickets solved with *no* agent reply (a customer
//! who answered their own question, a duplicate closed silently), so the one-touch rule is
//! configurable ([`OneTouchRule`]): exactly one reply (the default, the strict reading of
//! "resolved on first contact"), or Zendesk's "one-touch", fewer than two replies, which counts
//! them. The aggregator keeps the raw counts either way; the rule is part of its configuration,
//! and aggregators with different rules refuse to merge.
//!
//! ```
//! use satisfaction::{Aggregator, ConfidenceLevel, FirstContactResolution, ProportionMethod, Ticket};
//!
//! let mut fcr = FirstContactResolution::default();
//! fcr.push(Ticket::resolved(1, false)); // one reply, done: first-contact resolved
//! fcr.push(Ticket::resolved(3, false)); // three replies
//! fcr.push(Ticket::resolved(1, true)); // reopened
//! fcr.push(Ticket::resolved(1, false));
//! fcr.push(Ticket::unresolved()); // excluded, counted
//! let summary = fcr.summary().unwrap();
//! assert_eq!((summary.resolved(), summary.unresolved()), (4, 1));
//! assert_eq!(summary.rate(), 0.5);
//! let ci = summary.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
//! assert!(ci.contains(0.5));
//! ```

use std::fmt;

use crate::aggregator::Aggregator;
use crate::display::Percent;
use crate::error::{MergeError, StateError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};

/// Which resolved, never-reopened tickets count as resolved on first contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum OneTouchRule {
    /// Exactly one agent reply (Freshdesk's "resolved with the first response").
    #[default]
    ExactlyOneReply,
    /// Fewer than two agent replies, so tickets solved with no reply count too (Zendesk's
    /// "one-touch tickets").
    FewerThanTwoReplies,
}

impl fmt::Display for OneTouchRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Self::ExactlyOneReply => "exactly one reply",
            Self::FewerThanTwoReplies => "fewer than two replies",
        })
    }
}

/// One ticket's outcome: resolved or not, how many agent replies (or contacts) it took, and
/// whether it was reopened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ticket {
    resolved: bool,
    agent_replies: u32,
    reopened: bool,
}

impl Ticket {
    /// A resolved ticket after `agent_replies` replies, `reopened` if it ever was.
    #[must_use]
    pub fn resolved(agent_replies: u32, reopened: bool) -> Self {
        Self {
            resolved: true,
            agent_replies,
            reopened,
        }
    }

    /// A ticket that is not resolved: excluded from FCR, counted.
    #[must_use]
    pub fn unresolved() -> Self {
        Self {
            resolved: false,
            agent_replies: 0,
            reopened: false,
        }
    }

    /// Whether the ticket is resolved.
    #[must_use]
    pub fn is_resolved(&self) -> bool {
        self.resolved
    }
}

/// The FCR aggregator: resolved tickets by how they were resolved, and unresolved ones.
///
/// State: `size_of::<FirstContactResolution>() == 40` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "FcrState", into = "FcrState"))]
pub struct FirstContactResolution {
    rule: OneTouchRule,
    /// Resolved, never reopened, with zero agent replies.
    no_reply: u64,
    /// Resolved, never reopened, with exactly one agent reply.
    one_reply: u64,
    /// Resolved some other way: two or more replies, or reopened.
    other: u64,
    unresolved: u64,
}

impl FirstContactResolution {
    /// FCR under `rule`.
    #[must_use]
    pub fn new(rule: OneTouchRule) -> Self {
        Self {
            rule,
            ..Self::default()
        }
    }

    /// FCR from counts tallied elsewhere (a SQL `GROUP BY`, the SQL function's partial state):
    /// resolved never-reopened tickets with no agent reply and with exactly one, resolved
    /// tickets otherwise (two or more replies, or reopened), and unresolved tickets.
    ///
    /// ```
    /// use satisfaction::{Aggregator, FirstContactResolution, OneTouchRule};
    ///
    /// let fcr = FirstContactResolution::from_counts(OneTouchRule::ExactlyOneReply, 2, 14, 4, 1)?;
    /// assert_eq!(fcr.summary().unwrap().first_contact_resolved(), 14);
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::Inconsistent`] when the total exceeds [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(
        rule: OneTouchRule,
        no_reply: u64,
        one_reply: u64,
        other: u64,
        unresolved: u64,
    ) -> Result<Self, StateError> {
        let total = [no_reply, one_reply, other, unresolved]
            .iter()
            .map(|&c| u128::from(c))
            .sum::<u128>();
        if total > u128::from(crate::MAX_COUNT) {
            return Err(crate::state::too_many());
        }
        Ok(Self {
            rule,
            no_reply,
            one_reply,
            other,
            unresolved,
        })
    }

    /// The one-touch rule.
    #[must_use]
    pub fn rule(&self) -> OneTouchRule {
        self.rule
    }

    fn resolved(&self) -> u64 {
        self.no_reply
            .saturating_add(self.one_reply)
            .saturating_add(self.other)
    }
}

impl Aggregator for FirstContactResolution {
    type Input = Ticket;
    type Summary = FcrSummary;

    #[inline]
    fn push(&mut self, ticket: Ticket) {
        let bucket = match ticket {
            Ticket {
                resolved: false, ..
            } => &mut self.unresolved,
            Ticket { reopened: true, .. } => &mut self.other,
            Ticket {
                agent_replies: 0, ..
            } => &mut self.no_reply,
            Ticket {
                agent_replies: 1, ..
            } => &mut self.one_reply,
            _ => &mut self.other,
        };
        *bucket = bucket.saturating_add(1);
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        if self.rule != other.rule {
            return Err(MergeError::ConfigurationMismatch {
                setting: "one-touch rule",
                left: self.rule.to_string(),
                right: other.rule.to_string(),
            });
        }
        crate::aggregator::check_merge_total(self.count(), other.count())?;
        self.no_reply += other.no_reply;
        self.one_reply += other.one_reply;
        self.other += other.other;
        self.unresolved += other.unresolved;
        Ok(())
    }

    /// `None` until a ticket was resolved.
    fn summary(&self) -> Option<FcrSummary> {
        (self.resolved() > 0).then_some(FcrSummary { fcr: *self })
    }

    /// Every ticket pushed, unresolved ones included.
    fn count(&self) -> u64 {
        self.resolved().saturating_add(self.unresolved)
    }
}

crate::aggregator::impl_collect!(FirstContactResolution, Ticket, from_iter);

/// The summary of a [`FirstContactResolution`] with at least one resolved ticket.
///
/// ```
/// use satisfaction::{Aggregator, FirstContactResolution, OneTouchRule, Ticket};
///
/// let mut fcr = FirstContactResolution::new(OneTouchRule::FewerThanTwoReplies);
/// fcr.extend([Ticket::resolved(1, false); 14]);
/// fcr.extend([Ticket::resolved(0, false); 2]);
/// fcr.extend([Ticket::resolved(4, false); 4]);
/// fcr.push(Ticket::unresolved());
/// assert_eq!(
///     fcr.summary().unwrap().to_string(),
///     "FCR 80.0% (95% CI 58.4% to 91.9%, Wilson); 16 of 20 resolved tickets \
///      (fewer than two replies); 1 unresolved excluded"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FcrSummary {
    fcr: FirstContactResolution,
}

impl FcrSummary {
    /// The anytime-valid confidence sequence of FCR: valid at every n at once, so it may be checked
    /// after every answer (see [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.confidence_sequence_tuned(level, interval::DEFAULT_TUNED_FOR)
    }

    /// [`confidence_sequence`](Self::confidence_sequence) tuned for `tuned_for` observations (0 counts as 1).
    #[must_use]
    pub fn confidence_sequence_tuned(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        interval::sequence_unchecked(
            self.first_contact_resolved() as f64,
            self.resolved(),
            level,
            tuned_for,
        )
    }
    /// Resolved tickets (the denominator).
    #[must_use]
    pub fn resolved(&self) -> u64 {
        self.fcr.resolved()
    }

    /// Unresolved tickets (excluded).
    #[must_use]
    pub fn unresolved(&self) -> u64 {
        self.fcr.unresolved
    }

    /// Resolved tickets that count as resolved on first contact under the rule.
    #[must_use]
    pub fn first_contact_resolved(&self) -> u64 {
        match self.fcr.rule {
            OneTouchRule::ExactlyOneReply => self.fcr.one_reply,
            OneTouchRule::FewerThanTwoReplies => self.fcr.one_reply + self.fcr.no_reply,
        }
    }

    /// Resolved, never-reopened tickets with no agent reply (counted as first-contact resolved
    /// only under [`OneTouchRule::FewerThanTwoReplies`]).
    #[must_use]
    pub fn resolved_without_reply(&self) -> u64 {
        self.fcr.no_reply
    }

    /// The rule in force.
    #[must_use]
    pub fn rule(&self) -> OneTouchRule {
        self.fcr.rule
    }

    /// FCR, first-contact resolved / resolved, in [0, 1].
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.first_contact_resolved() as f64 / self.resolved() as f64
    }

    /// The confidence interval of the rate.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        interval::proportion_unchecked(
            self.first_contact_resolved(),
            self.resolved(),
            level,
            method,
        )
    }
}

impl fmt::Display for FcrSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), ProportionMethod::default());
        let ci = self.interval(level, method);
        write!(
            f,
            "FCR {} ({level} CI {} to {}, {method}); {} of {} resolved tickets ({}); {} \
             unresolved excluded",
            Percent(self.rate()),
            Percent(ci.lower()),
            Percent(ci.upper()),
            self.first_contact_resolved(),
            self.resolved(),
            self.rule(),
            self.unresolved()
        )
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::{FirstContactResolution, OneTouchRule};
    use crate::error::StateError;
    use crate::state::check_version;

    /// The serialised form of a [`FirstContactResolution`].
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct FcrState {
        version: u32,
        rule: OneTouchRule,
        resolved_without_reply: u64,
        resolved_with_one_reply: u64,
        resolved_otherwise: u64,
        unresolved: u64,
    }

    impl From<FirstContactResolution> for FcrState {
        fn from(f: FirstContactResolution) -> Self {
            Self {
                version: crate::STATE_VERSION,
                rule: f.rule,
                resolved_without_reply: f.no_reply,
                resolved_with_one_reply: f.one_reply,
                resolved_otherwise: f.other,
                unresolved: f.unresolved,
            }
        }
    }

    impl TryFrom<FcrState> for FirstContactResolution {
        type Error = StateError;

        fn try_from(s: FcrState) -> Result<Self, StateError> {
            check_version(s.version)?;
            let total = [
                s.resolved_without_reply,
                s.resolved_with_one_reply,
                s.resolved_otherwise,
                s.unresolved,
            ]
            .iter()
            .map(|&c| u128::from(c))
            .sum::<u128>();
            if total > u128::from(crate::MAX_COUNT) {
                return Err(crate::state::too_many());
            }
            Ok(Self {
                rule: s.rule,
                no_reply: s.resolved_without_reply,
                one_reply: s.resolved_with_one_reply,
                other: s.resolved_otherwise,
                unresolved: s.unresolved,
            })
        }
    }
}

#[cfg(feature = "serde")]
use state::FcrState;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_differ_only_on_tickets_without_replies() {
        let tickets = [
            Ticket::resolved(0, false),
            Ticket::resolved(1, false),
            Ticket::resolved(2, false),
            Ticket::resolved(0, true),
        ];
        let mut strict = FirstContactResolution::default();
        let mut zendesk = FirstContactResolution::new(OneTouchRule::FewerThanTwoReplies);
        strict.extend(tickets);
        zendesk.extend(tickets);
        assert_eq!(strict.summary().unwrap().rate(), 0.25);
        assert_eq!(zendesk.summary().unwrap().rate(), 0.5);
        assert!(strict.merge(&zendesk).is_err());
    }

    #[test]
    fn unresolved_only_has_no_summary() {
        let fcr: FirstContactResolution = [Ticket::unresolved()].into_iter().collect();
        assert_eq!(fcr.summary(), None);
        assert_eq!(fcr.count(), 1);
    }
}
