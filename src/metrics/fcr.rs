//! [`FirstContactResolution`], its input [`Ticket`], the [`OneTouchRule`] and its summary. The
//! user-facing documentation is on [`FirstContactResolution`].

use std::convert::Infallible;
use std::fmt;

use thiserror::Error;

use crate::aggregator::Aggregator;
use crate::counts::Counts;
use crate::display::Percent;
use crate::error::same;
use crate::error::{MergeError, Setting, StateError};
use crate::interval::{self, ConfidenceLevel, Interval, ProportionMethod};
use crate::share::{Share, share_summary};

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

impl OneTouchRule {
    /// The rule's name as summaries print it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::ExactlyOneReply => "exactly one reply",
            Self::FewerThanTwoReplies => "fewer than two replies",
        }
    }

    /// The rule's key in SQL options: `"exactly_one_reply"`, `"fewer_than_two_replies"`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::ExactlyOneReply => "exactly_one_reply",
            Self::FewerThanTwoReplies => "fewer_than_two_replies",
        }
    }
}

impl std::str::FromStr for OneTouchRule {
    type Err = crate::interval::MethodError;

    /// Reads a rule from its [`key`](OneTouchRule::key), ignoring case.
    ///
    /// ```
    /// use satisfaction::support::OneTouchRule;
    ///
    /// assert_eq!("fewer_than_two_replies".parse::<OneTouchRule>()?, OneTouchRule::FewerThanTwoReplies);
    /// # Ok::<(), satisfaction::interval::MethodError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let rules = [Self::ExactlyOneReply, Self::FewerThanTwoReplies];
        let wanted = text.trim().to_ascii_lowercase();
        rules
            .into_iter()
            .find(|r| r.key() == wanted)
            .ok_or_else(|| crate::interval::MethodError::new(text, &rules.map(Self::key)))
    }
}

impl fmt::Display for OneTouchRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
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

    /// A ticket from an export's columns, with the reply count as read (any integer width).
    ///
    /// ```
    /// use satisfaction::Ticket;
    ///
    /// assert_eq!(Ticket::from_columns(true, 1_i64, false)?, Ticket::resolved(1, false));
    /// assert!(Ticket::from_columns(true, -1_i64, false).is_err());
    /// # Ok::<(), satisfaction::support::TicketError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TicketError::Replies`] for a negative reply count or one past `u32::MAX`.
    pub fn from_columns(
        resolved: bool,
        agent_replies: i64,
        reopened: bool,
    ) -> Result<Self, TicketError> {
        let agent_replies = u32::try_from(agent_replies).map_err(|_| TicketError::Replies {
            value: agent_replies,
        })?;
        Ok(if resolved {
            Self::resolved(agent_replies, reopened)
        } else {
            Self::unresolved()
        })
    }

    /// Whether the ticket is resolved.
    #[must_use]
    pub fn is_resolved(&self) -> bool {
        self.resolved
    }

    /// The ticket's bucket in [`FirstContactResolution`]'s state: the one rule for how a
    /// ticket was resolved, whatever the one-touch rule says later.
    fn bucket(&self) -> usize {
        match self {
            Ticket {
                resolved: false, ..
            } => UNRESOLVED,
            Ticket { reopened: true, .. } => OTHER,
            Ticket {
                agent_replies: 0, ..
            } => NO_REPLY,
            Ticket {
                agent_replies: 1, ..
            } => ONE_REPLY,
            _ => OTHER,
        }
    }
}

/// A ticket record that cannot be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
#[non_exhaustive]
pub enum TicketError {
    /// A reply count that is negative or too large.
    #[error("agent_replies {value} is out of range: a reply count is 0..=4294967295")]
    #[non_exhaustive]
    Replies {
        /// The rejected count.
        value: i64,
    },
}

/// The buckets, in state order.
const NO_REPLY: usize = 0;
const ONE_REPLY: usize = 1;
const OTHER: usize = 2;
const UNRESOLVED: usize = 3;

/// First contact resolution (FCR): the share of resolved tickets that needed no follow-up.
///
/// FCR = tickets resolved with one agent reply and never reopened / resolved tickets.
/// Unresolved tickets are excluded from both sides and counted separately: a ticket still open
/// has not failed FCR yet. Tools disagree on tickets solved with *no* agent reply (a customer
/// who answered their own question, a duplicate closed silently), so the one-touch rule is
/// configurable ([`OneTouchRule`]): exactly one reply (the default, the strict reading of
/// "resolved on first contact"), or Zendesk's "one-touch", fewer than two replies, which counts
/// them. The aggregator keeps the raw counts either way; the rule is part of its configuration,
/// and aggregators with different rules refuse to merge.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, FirstContactResolution, ProportionMethod};
/// use satisfaction::Ticket;
///
/// let mut fcr = FirstContactResolution::default();
/// fcr.push(Ticket::resolved(1, false)); // one reply, done: first-contact resolved
/// fcr.push(Ticket::resolved(3, false)); // three replies
/// fcr.push(Ticket::resolved(1, true)); // reopened
/// fcr.push(Ticket::resolved(1, false));
/// fcr.push(Ticket::unresolved()); // excluded, counted
/// let summary = fcr.summary().unwrap();
/// assert_eq!((summary.resolved(), summary.unresolved()), (4, 1));
/// assert_eq!(summary.rate(), 0.5);
/// let ci = summary.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
/// assert!(ci.contains(0.5));
/// ```
///
/// State: resolved tickets by how they were resolved, and unresolved ones;
/// `size_of::<FirstContactResolution>() == 40` bytes, pushing never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FirstContactResolution {
    rule: OneTouchRule,
    /// Resolved and never reopened with no agent reply, with one, resolved otherwise (two or
    /// more replies, or reopened), unresolved.
    counts: Counts<4>,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(FirstContactResolution, FcrState);

impl FirstContactResolution {
    /// FCR under `rule`.
    #[must_use]
    pub fn new(rule: OneTouchRule) -> Self {
        Self {
            rule,
            counts: Counts::default(),
        }
    }

    /// FCR from counts tallied elsewhere (a SQL `GROUP BY`, the SQL function's partial state):
    /// resolved never-reopened tickets with no agent reply and with exactly one, resolved
    /// tickets otherwise (two or more replies, or reopened), and unresolved tickets.
    ///
    /// ```
    /// use satisfaction::{Aggregator, FirstContactResolution};
    /// use satisfaction::support::OneTouchRule;
    ///
    /// let fcr = FirstContactResolution::from_counts(OneTouchRule::ExactlyOneReply, 2, 14, 4, 1)?;
    /// assert_eq!(fcr.summary().unwrap().first_contact_resolved(), 14);
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] when the total exceeds [`MAX_COUNT`](crate::MAX_COUNT).
    pub fn from_counts(
        rule: OneTouchRule,
        no_reply: u64,
        one_reply: u64,
        other: u64,
        unresolved: u64,
    ) -> Result<Self, StateError> {
        Ok(Self {
            rule,
            counts: Counts::from_array(
                "first contact resolution",
                [no_reply, one_reply, other, unresolved],
            )?,
        })
    }

    /// The one-touch rule.
    #[must_use]
    pub fn rule(&self) -> OneTouchRule {
        self.rule
    }

    fn resolved(&self) -> u64 {
        self.count() - self.counts.get(UNRESOLVED)
    }
}

impl Aggregator for FirstContactResolution {
    type Input = Ticket;
    type Summary = FcrSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, ticket: Ticket) -> Result<(), Infallible> {
        self.counts.record(ticket.bucket());
        Ok(())
    }

    fn check(&self, _: &Ticket) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("one-touch rule", self.rule, other.rule, |x| {
            Setting::Named(x.name())
        })?;
        self.counts.merge(&other.counts)
    }

    /// `None` until a ticket was resolved.
    fn summary(&self) -> Option<FcrSummary> {
        (self.resolved() > 0).then_some(FcrSummary { fcr: *self })
    }

    /// Every ticket pushed, unresolved ones included.
    fn count(&self) -> u64 {
        self.counts.total()
    }
}

crate::aggregator::impl_collect!(FirstContactResolution, Ticket, from_iter);

#[cfg(feature = "datafusion")]
impl crate::counts::BucketState for FirstContactResolution {
    fn bucket_names() -> Vec<String> {
        ["no_reply", "one_reply", "other", "unresolved"]
            .map(String::from)
            .to_vec()
    }

    fn bucket_counts(&self) -> Vec<u64> {
        self.counts.as_array().to_vec()
    }

    fn with_bucket_counts(&self, counts: &[u64]) -> Result<Self, StateError> {
        match *counts {
            [no_reply, one_reply, other, unresolved] => {
                Self::from_counts(self.rule, no_reply, one_reply, other, unresolved)
            }
            _ => Err(StateError::WrongLength {
                what: "first contact resolution",
                expected: 4,
                found: counts.len(),
            }),
        }
    }
}

/// The summary of a [`FirstContactResolution`] with at least one resolved ticket.
///
/// ```
/// use satisfaction::{Aggregator, FirstContactResolution, Ticket};
/// use satisfaction::support::OneTouchRule;
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
#[non_exhaustive]
pub struct FcrSummary {
    fcr: FirstContactResolution,
}

impl FcrSummary {
    fn resolved_share(&self) -> Share {
        Share::new(self.first_contact_resolved(), self.resolved())
    }

    /// Resolved tickets (the denominator).
    #[must_use]
    pub fn resolved(&self) -> u64 {
        self.fcr.resolved()
    }

    /// Unresolved tickets (excluded).
    #[must_use]
    pub fn unresolved(&self) -> u64 {
        self.fcr.counts.get(UNRESOLVED)
    }

    /// Resolved tickets that count as resolved on first contact under the rule.
    #[must_use]
    pub fn first_contact_resolved(&self) -> u64 {
        match self.fcr.rule {
            OneTouchRule::ExactlyOneReply => self.fcr.counts.get(ONE_REPLY),
            OneTouchRule::FewerThanTwoReplies => {
                self.fcr.counts.get(ONE_REPLY) + self.fcr.counts.get(NO_REPLY)
            }
        }
    }

    /// Resolved, never-reopened tickets with no agent reply (counted as first-contact resolved
    /// only under [`OneTouchRule::FewerThanTwoReplies`]).
    #[must_use]
    pub fn resolved_without_reply(&self) -> u64 {
        self.fcr.counts.get(NO_REPLY)
    }

    /// The rule in force.
    #[must_use]
    pub fn rule(&self) -> OneTouchRule {
        self.fcr.rule
    }

    /// FCR, first-contact resolved / resolved, in [0, 1].
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.resolved_share().value()
    }

    /// The confidence interval of the rate.
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        self.resolved_share().interval(level, method)
    }

    /// The anytime-valid confidence sequence of FCR: valid at every n at once (see
    /// [`interval::proportion_sequence`]); tuned for
    /// [`DEFAULT_TUNED_FOR`](interval::DEFAULT_TUNED_FOR) = 1,000 observations.
    #[must_use]
    pub fn confidence_sequence(&self, level: ConfidenceLevel) -> Interval {
        self.resolved_share()
            .sequence(level, interval::DEFAULT_TUNED_FOR)
    }
}

share_summary!(
    FcrSummary, "FCR", resolved_share,
    report [rate, resolved: count, first_contact_resolved: count, unresolved: count]
);

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
    use super::{
        FcrSummary, FirstContactResolution, NO_REPLY, ONE_REPLY, OTHER, OneTouchRule, UNRESOLVED,
    };

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
                version: crate::state::STATE_VERSION,
                rule: f.rule,
                resolved_without_reply: f.counts.get(NO_REPLY),
                resolved_with_one_reply: f.counts.get(ONE_REPLY),
                resolved_otherwise: f.counts.get(OTHER),
                unresolved: f.counts.get(UNRESOLVED),
            }
        }
    }

    crate::state::from_state!(FcrState => FirstContactResolution, |s| {
        FirstContactResolution::from_counts(
            s.rule,
            s.resolved_without_reply,
            s.resolved_with_one_reply,
            s.resolved_otherwise,
            s.unresolved,
        )
    });

    impl crate::state::SerialSummary for FcrSummary {
        const WHAT: &'static str = "FCR summary";
        type State = FirstContactResolution;

        fn state(&self) -> FirstContactResolution {
            self.fcr
        }
    }

    crate::state::serde_summary!(FcrSummary);
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
