//! [`ScorecardSummary`] and [`QuestionSummary`]: every question's results from one pass.

use std::collections::BTreeMap;
use std::fmt;

use super::{REASONS, Scorecard, Tally};
use crate::aggregator::Aggregator;
use crate::metrics::ces::CesSummary;
use crate::metrics::choice::OptionSummary;
use crate::metrics::csat::CsatSummary;
use crate::metrics::nps::NpsSummary;
use crate::metrics::proportion::ProportionSummary;
use crate::survey::RejectReason;
use crate::survey::{Question, Survey};

/// The summary of a [`Scorecard`] with at least one response.
///
/// With the `serde` feature it serialises as the scorecard's state (the per-question counts
/// every number is computed from) and reads back through the same validation; a state with no
/// response is refused, since it has no summary.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScorecardSummary {
    card: Scorecard,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(ScorecardSummary, Scorecard);

#[cfg(feature = "serde")]
impl TryFrom<Scorecard> for ScorecardSummary {
    type Error = crate::error::StateError;

    fn try_from(card: Scorecard) -> Result<Self, Self::Error> {
        use crate::aggregator::Aggregator;
        card.summary().ok_or(crate::error::StateError::Empty {
            what: "scorecard summary",
        })
    }
}

#[cfg(feature = "serde")]
impl From<ScorecardSummary> for Scorecard {
    fn from(summary: ScorecardSummary) -> Self {
        summary.card
    }
}

impl ScorecardSummary {
    pub(super) fn new(card: Scorecard) -> Self {
        Self { card }
    }

    /// The survey.
    #[must_use]
    pub fn survey(&self) -> &Survey {
        &self.card.survey
    }

    /// Responses recorded.
    #[must_use]
    pub fn responses(&self) -> u64 {
        self.card.responses
    }

    /// Responses with a recorded answer to every required question ("not applicable" counts as
    /// an answer; optional questions, such as a comment box, do not matter): complete
    /// responses. Every response a strict scorecard records is one.
    #[must_use]
    pub fn all_required_answered(&self) -> u64 {
        self.card.all_required
    }

    /// Responses recorded without an answer to some required question (lenient mode: skipped,
    /// missing or refused). Not abandoned surveys: an export that marks those (Qualtrics'
    /// `Finished`) has them counted apart by the import, and they never reach the scorecard.
    #[must_use]
    pub fn missing_required(&self) -> u64 {
        self.card.responses.saturating_sub(self.card.all_required)
    }

    /// The response rate for `invited` invitations: [complete](Self::all_required_answered)
    /// responses, and [partial](Self::missing_required) ones apart.
    ///
    /// # Errors
    ///
    /// As [`ResponseRate::new`](crate::ResponseRate::new): no invitations, or fewer than the
    /// responses.
    pub fn response_rate(
        &self,
        invited: u64,
    ) -> Result<crate::metrics::response_rate::ResponseRate, crate::interval::IntervalError> {
        crate::metrics::response_rate::ResponseRate::new(
            invited,
            self.all_required_answered(),
            self.missing_required(),
        )
    }

    /// Answers (lenient mode) to question ids the survey does not have, by id.
    #[must_use]
    pub fn unknown_questions(&self) -> &BTreeMap<String, u64> {
        &self.card.unknown_questions
    }

    /// One summary per question, in survey order.
    pub fn questions(&self) -> impl Iterator<Item = QuestionSummary<'_>> {
        (0..self.card.tallies.len()).map(|i| QuestionSummary {
            card: &self.card,
            i,
        })
    }

    /// The summary of question `id`.
    #[must_use]
    pub fn question(&self, id: &str) -> Option<QuestionSummary<'_>> {
        let i = self.card.survey.position(id)?;
        Some(QuestionSummary {
            card: &self.card,
            i,
        })
    }
}

/// One question's results within a [`ScorecardSummary`].
#[derive(Debug, Clone, Copy)]
pub struct QuestionSummary<'a> {
    card: &'a Scorecard,
    i: usize,
}

impl<'a> QuestionSummary<'a> {
    /// The question.
    #[must_use]
    pub fn question(&self) -> &'a Question {
        &self.card.survey.questions()[self.i]
    }

    /// Answers recorded (skipped, not applicable and rejected ones excluded).
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.card.tallies[self.i].count()
    }

    /// Answers marked skipped.
    #[must_use]
    pub fn skipped(&self) -> u64 {
        self.card.counts[self.i].skipped
    }

    /// Answers marked not applicable.
    #[must_use]
    pub fn not_applicable(&self) -> u64 {
        self.card.counts[self.i].not_applicable
    }

    /// Rejected answers, all reasons.
    #[must_use]
    pub fn rejected(&self) -> u64 {
        self.card.counts[self.i].rejected_total()
    }

    /// Rejected answers by reason (only reasons that occurred).
    pub fn rejections(&self) -> impl Iterator<Item = (RejectReason, u64)> + 'a {
        let counts = self.card.counts[self.i].rejected;
        REASONS
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(&r, n)| (r, n))
    }

    /// The yes/no summary of a binary question.
    #[must_use]
    pub fn proportion(&self) -> Option<ProportionSummary> {
        match &self.card.tallies[self.i] {
            Tally::Binary(p) => p.summary(),
            _ => None,
        }
    }

    /// The option summary of a choice question.
    #[must_use]
    pub fn options(&self) -> Option<OptionSummary> {
        match &self.card.tallies[self.i] {
            Tally::Choice(o) => o.summary(),
            _ => None,
        }
    }

    /// The CSAT summary of a rating question.
    #[must_use]
    pub fn csat(&self) -> Option<CsatSummary> {
        match &self.card.tallies[self.i] {
            Tally::Rating(c) => c.summary(),
            _ => None,
        }
    }

    /// The summary of a CES or semantic-differential question.
    #[must_use]
    pub fn ces(&self) -> Option<CesSummary> {
        match &self.card.tallies[self.i] {
            Tally::Scale(c) => c.summary(),
            _ => None,
        }
    }

    /// The NPS summary of an NPS question.
    #[must_use]
    pub fn nps(&self) -> Option<NpsSummary> {
        match &self.card.tallies[self.i] {
            Tally::Nps(n) => n.summary(),
            _ => None,
        }
    }
}

impl fmt::Display for QuestionSummary<'_> {
    /// `id (kind): result; skipped, n/a and rejected counts`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.question())?;
        let result = match &self.card.tallies[self.i] {
            Tally::Binary(p) => p.summary().map(|s| s.to_string()),
            Tally::Choice(o) => o.summary().map(|s| {
                let options = self.question().kind().options().unwrap_or_default();
                let shares: Vec<String> = options
                    .iter()
                    .enumerate()
                    .map(|(k, name)| format!("{name} {:.1}%", 100.0 * s.share(k).unwrap_or(0.0)))
                    .collect();
                format!("{}; n = {}", shares.join(", "), s.respondents())
            }),
            Tally::Rating(c) => c.summary().map(|s| s.to_string()),
            Tally::Scale(c) => c.summary().map(|s| s.to_string()),
            Tally::Nps(n) => n.summary().map(|s| s.to_string()),
            Tally::Text(n) => Some(format!("{n} text answers")),
        };
        f.write_str(result.as_deref().unwrap_or("no answers"))?;
        let (skipped, na, rejected) = (self.skipped(), self.not_applicable(), self.rejected());
        if skipped > 0 || na > 0 || rejected > 0 {
            write!(f, " [skipped {skipped}, n/a {na}, rejected {rejected}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for ScorecardSummary {
    /// One header line, then one line per question.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "survey {}: {} responses ({} with every required answer, {} missing one)",
            self.survey().id(),
            self.responses(),
            self.all_required_answered(),
            self.missing_required(),
        )?;
        for q in self.questions() {
            write!(f, "\n  {q}")?;
        }
        Ok(())
    }
}
