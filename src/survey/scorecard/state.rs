//! The serialised form of a [`Scorecard`]: its survey, mode and every question's state,
//! validated against the survey on the way in.
#![cfg(feature = "serde")]

use std::collections::BTreeMap;

use super::{QuestionCounts, Scorecard, Tally, ValidationMode};
use crate::error::StateError;
use crate::survey::Survey;

/// The serialised form of a [`Scorecard`]: its survey, and each question's state.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScorecardState {
    version: u32,
    survey: Survey,
    mode: ValidationMode,
    responses: u64,
    all_required_answered: u64,
    questions: Vec<(Tally, QuestionCounts)>,
    unknown_questions: BTreeMap<String, u64>,
}

impl From<Scorecard> for ScorecardState {
    fn from(c: Scorecard) -> Self {
        Self {
            version: crate::state::STATE_VERSION,
            survey: c.survey,
            mode: c.mode,
            responses: c.responses,
            all_required_answered: c.all_required,
            questions: c.tallies.into_iter().zip(c.counts).collect(),
            unknown_questions: c.unknown_questions,
        }
    }
}

crate::state::from_state!(ScorecardState => Scorecard, |s| {
    let bad = |problem: String| StateError::Inconsistent {
        what: "scorecard",
        problem,
    };
    let empty = Scorecard::new(&s.survey, s.mode);
    if s.questions.len() != empty.tallies.len() {
        return Err(bad(format!(
            "{} question states for {} questions",
            s.questions.len(),
            empty.tallies.len()
        )));
    }
    crate::counts::checked_total("scorecard", &[s.responses])?;
    if s.all_required_answered > s.responses {
        return Err(bad(
            "more responses with every required answer than responses".into(),
        ));
    }
    crate::counts::checked_total(
        "scorecard",
        &s.unknown_questions.values().copied().collect::<Vec<_>>(),
    )?;
    let mut card = empty;
    for (i, (tally, counts)) in s.questions.into_iter().enumerate() {
        // The question's own empty aggregator must accept it: same kind and settings.
        let mut check = card.tallies[i].clone();
        check
            .merge(&tally)
            .map_err(|e| bad(format!("question {i}: {e}")))?;
        // A response records at most one answer per question (repeats are rejected), so
        // recorded answers never outnumber responses.
        let recorded = u128::from(tally.count())
            + u128::from(counts.skipped)
            + u128::from(counts.not_applicable);
        if recorded > u128::from(s.responses) {
            return Err(bad(format!("question {i} has more answers than responses")));
        }
        card.tallies[i] = tally;
        card.counts[i] = counts.validated(i)?;
    }
    card.responses = s.responses;
    card.all_required = s.all_required_answered;
    card.unknown_questions = s.unknown_questions;
    Ok(card)
});
