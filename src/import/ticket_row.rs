//! [`TicketRow`]: one typed row of a ticket or call export, and the support metrics' inputs
//! derived from it ([`FirstResponse`], [`Ticket`], [`QueuedContact`]).

use std::time::Duration;

use crate::calendar::BusinessCalendar;
use crate::metrics::abandonment::QueuedContact;
use crate::metrics::fcr::Ticket;
use crate::metrics::frt::FirstResponse;

use super::error::ImportError;

/// One row of a ticket or call export, typed: instants in Unix seconds (validated: replies
/// and resolutions at or after creation), counts, flags, wait and segment. Values are `None`
/// where the column is unmapped or the cell empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    pub(super) row: u64,
    pub(super) id: Option<String>,
    pub(super) segment: Option<String>,
    pub(super) created: Option<i64>,
    pub(super) first_reply: Option<i64>,
    pub(super) resolved_at: Option<i64>,
    pub(super) resolved: Option<bool>,
    pub(super) agent_replies: Option<u32>,
    pub(super) reopened: Option<bool>,
    pub(super) wait: Option<Duration>,
    pub(super) abandoned: Option<bool>,
}

impl TicketRow {
    /// The file line on which the row starts.
    #[must_use]
    pub fn row(&self) -> u64 {
        self.row
    }

    /// The ticket or call id.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The segment (team, channel, queue).
    #[must_use]
    pub fn segment(&self) -> Option<&str> {
        self.segment.as_deref()
    }

    /// Creation, Unix seconds.
    #[must_use]
    pub fn created(&self) -> Option<i64> {
        self.created
    }

    /// First reply, Unix seconds.
    #[must_use]
    pub fn first_reply(&self) -> Option<i64> {
        self.first_reply
    }

    /// Resolution, Unix seconds.
    #[must_use]
    pub fn resolved_at(&self) -> Option<i64> {
        self.resolved_at
    }

    /// Whether the ticket is resolved (from the flag, or a resolution time when there is no
    /// flag column).
    #[must_use]
    pub fn is_resolved(&self) -> Option<bool> {
        self.resolved
    }

    /// Agent replies.
    #[must_use]
    pub fn agent_replies(&self) -> Option<u32> {
        self.agent_replies
    }

    /// Whether the ticket was reopened.
    #[must_use]
    pub fn reopened(&self) -> Option<bool> {
        self.reopened
    }

    /// A queued contact's wait.
    #[must_use]
    pub fn wait(&self) -> Option<Duration> {
        self.wait
    }

    /// Whether a queued contact hung up before an answer.
    #[must_use]
    pub fn abandoned(&self) -> Option<bool> {
        self.abandoned
    }

    /// The span from creation to `end` as it stood at `as_of`, on the wall clock or in
    /// `calendar`'s business hours.
    fn span(
        &self,
        what: &'static str,
        end: Option<i64>,
        calendar: Option<&BusinessCalendar>,
        as_of: i64,
    ) -> Result<FirstResponse, ImportError> {
        let created = self.created.ok_or(ImportError::Missing {
            row: self.row,
            what,
            column: "created",
        })?;
        let reason = match calendar {
            None => FirstResponse::as_of(created, end, as_of).map_err(|e| e.to_string()),
            Some(calendar) => calendar
                .first_response(created, end, as_of)
                .map_err(|e| e.to_string()),
        };
        reason.map_err(|reason| ImportError::Record {
            row: self.row,
            what,
            reason,
        })
    }

    /// The first response as it stood at the reporting instant `as_of` (Unix seconds), on the
    /// wall clock: [`FirstResponse::as_of`].
    ///
    /// # Errors
    ///
    /// [`ImportError::Missing`] without a creation time; [`ImportError::Record`] for a ticket
    /// created after `as_of` or an `as_of` out of range.
    pub fn first_response(&self, as_of: i64) -> Result<FirstResponse, ImportError> {
        self.span("a first response", self.first_reply, None, as_of)
    }

    /// The first response at `as_of` in `calendar`'s business hours:
    /// [`BusinessCalendar::first_response`].
    ///
    /// # Errors
    ///
    /// As [`first_response`](Self::first_response).
    pub fn first_response_in(
        &self,
        calendar: &BusinessCalendar,
        as_of: i64,
    ) -> Result<FirstResponse, ImportError> {
        let what = "a business-hours first response";
        self.span(what, self.first_reply, Some(calendar), as_of)
    }

    /// Resolution time at `as_of` on the wall clock (for a [`FirstResponseTime`] on
    /// [`Milestone::Resolution`](crate::support::Milestone)): waiting while unresolved.
    ///
    /// [`FirstResponseTime`]: crate::FirstResponseTime
    ///
    /// # Errors
    ///
    /// As [`first_response`](Self::first_response).
    pub fn resolution(&self, as_of: i64) -> Result<FirstResponse, ImportError> {
        self.span("a resolution time", self.resolved_at, None, as_of)
    }

    /// Resolution time at `as_of` in `calendar`'s business hours.
    ///
    /// # Errors
    ///
    /// As [`first_response`](Self::first_response).
    pub fn resolution_in(
        &self,
        calendar: &BusinessCalendar,
        as_of: i64,
    ) -> Result<FirstResponse, ImportError> {
        let what = "a business-hours resolution time";
        self.span(what, self.resolved_at, Some(calendar), as_of)
    }

    /// The ticket's outcome for first contact resolution: unresolved, or resolved after its
    /// agent replies, reopened or not (not, when unmapped or empty).
    ///
    /// # Errors
    ///
    /// [`ImportError::Missing`] without a resolved flag or resolution column, or for a
    /// resolved ticket without a reply count.
    pub fn ticket(&self) -> Result<Ticket, ImportError> {
        let missing = |column| ImportError::Missing {
            row: self.row,
            what: "a ticket outcome",
            column,
        };
        match self.resolved {
            None => Err(missing("resolved")),
            Some(false) => Ok(Ticket::unresolved()),
            Some(true) => {
                let replies = self.agent_replies.ok_or_else(|| missing("agent_replies"))?;
                Ok(Ticket::resolved(replies, self.reopened.unwrap_or(false)))
            }
        }
    }

    /// The row as a queued contact: its wait, answered or abandoned.
    ///
    /// # Errors
    ///
    /// [`ImportError::Missing`] without a wait or an abandoned flag.
    pub fn queued_contact(&self) -> Result<QueuedContact, ImportError> {
        let missing = |column| ImportError::Missing {
            row: self.row,
            what: "a queued contact",
            column,
        };
        let wait = self.wait.ok_or_else(|| missing("wait_seconds"))?;
        Ok(match self.abandoned.ok_or_else(|| missing("abandoned"))? {
            true => QueuedContact::abandoned(wait),
            false => QueuedContact::answered(wait),
        })
    }
}
