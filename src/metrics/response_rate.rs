//! [`ResponseRate`]; the user-facing documentation is on the type.

use std::fmt;

use crate::display::Percent;
use crate::interval::IntervalError;
use crate::interval::{ConfidenceLevel, Interval, ProportionMethod};
use crate::share::{Share, share_summary};

/// Response rate: invitations sent against the complete and partial responses they brought.
///
/// Response rate = (complete + partial) / invitations; completion rate = complete /
/// invitations. Both are binomial proportions of the invitations, with intervals. A low
/// response rate is itself a warning about every other number of the survey (non-response
/// bias), which is why the [`Scorecard`](crate::Scorecard) reports complete and partial
/// responses.
///
/// ```
/// use satisfaction::{ConfidenceLevel, ProportionMethod, ResponseRate};
///
/// let rate = ResponseRate::new(1_200, 180, 36)?;
/// assert_eq!(rate.rate(), 0.18);
/// assert_eq!(rate.completion_rate(), 0.15);
/// let ci = rate.interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
/// assert!(ci.contains(0.18));
/// assert!(ResponseRate::new(10, 8, 3).is_err()); // more responses than invitations
/// # Ok::<(), satisfaction::interval::IntervalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResponseRate {
    invited: u64,
    complete: u64,
    partial: u64,
}

#[cfg(feature = "serde")]
crate::state::serde_via!(ResponseRate, RateState);

impl ResponseRate {
    /// `invited` invitations, `complete` complete and `partial` partial responses.
    ///
    /// # Errors
    ///
    /// [`IntervalError::ZeroTrials`] without invitations;
    /// [`IntervalError::SuccessesExceedTrials`] when the responses outnumber them.
    pub fn new(invited: u64, complete: u64, partial: u64) -> Result<Self, IntervalError> {
        if invited == 0 {
            return Err(IntervalError::ZeroTrials);
        }
        let responses = complete
            .checked_add(partial)
            .ok_or(IntervalError::TotalOverflow { max: u64::MAX })?;
        if responses > invited {
            return Err(IntervalError::SuccessesExceedTrials {
                successes: responses,
                trials: invited,
            });
        }
        Ok(Self {
            invited,
            complete,
            partial,
        })
    }

    /// Invitations sent.
    #[must_use]
    pub fn invited(&self) -> u64 {
        self.invited
    }

    /// Complete responses.
    #[must_use]
    pub fn complete(&self) -> u64 {
        self.complete
    }

    /// Partial responses.
    #[must_use]
    pub fn partial(&self) -> u64 {
        self.partial
    }

    /// (complete + partial) / invited.
    #[must_use]
    pub fn rate(&self) -> f64 {
        self.responded().value()
    }

    /// complete / invited.
    #[must_use]
    pub fn completion_rate(&self) -> f64 {
        Share::new(self.complete, self.invited).value()
    }

    /// The interval of [`rate`](Self::rate).
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        self.responded().interval(level, method)
    }

    /// The interval of [`completion_rate`](Self::completion_rate).
    #[must_use]
    pub fn completion_interval(
        &self,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Interval {
        Share::new(self.complete, self.invited).interval(level, method)
    }
}

impl ResponseRate {
    /// Responses of invitations (`new` checked that their sum fits and is at most `invited`).
    fn responded(&self) -> Share {
        Share::new(self.complete.saturating_add(self.partial), self.invited)
    }
}

share_summary!(ResponseRate, "response rate", responded);

/// The serialised form of a [`ResponseRate`], read back through [`ResponseRate::new`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RateState {
    invited: u64,
    complete: u64,
    partial: u64,
}

#[cfg(feature = "serde")]
impl From<ResponseRate> for RateState {
    fn from(r: ResponseRate) -> Self {
        Self {
            invited: r.invited,
            complete: r.complete,
            partial: r.partial,
        }
    }
}

#[cfg(feature = "serde")]
crate::state::from_form!(RateState => ResponseRate, IntervalError, |s| {
    ResponseRate::new(s.invited, s.complete, s.partial)
});

impl fmt::Display for ResponseRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), ProportionMethod::default());
        let ci = self.interval(level, method);
        write!(
            f,
            "response rate {} ({level} CI {} to {}, {method}); {} complete and {} partial of {} \
             invited",
            Percent(self.rate()),
            Percent(ci.lower()),
            Percent(ci.upper()),
            self.complete,
            self.partial,
            self.invited
        )
    }
}
