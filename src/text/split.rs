//! [`ThemeSplit`]: any metric of the responses that mention each theme against the rest.

use std::fmt;

use crate::aggregator::{Aggregator, TryPush, check_merge_total};
use crate::error::{MergeError, Setting, StateError, same};
use crate::interval::ConfidenceLevel;
use crate::summary::Summary;
use crate::text::theme::ThemeSet;

/// Any metric against themes: per theme, one aggregator of the responses whose comment
/// mentions it and one of those whose comment doesn't, from a prototype (a configured CSAT,
/// a CES on its scale, a health aggregate).
///
/// [`ThemeTable`](crate::text::ThemeTable) is this for NPS, with the group shares and the NPS
/// difference built in; here the difference is the metric's own
/// (`CsatSummary::share_difference`, `CesSummary::mean_difference`, ...), between the two
/// summaries of a [`ThemeSplitRow`]. The two sides are disjoint, so they are independent
/// samples. Each response is recorded in one side of every theme: the state is two of the
/// prototype per theme.
///
/// ```
/// use satisfaction::text::{ThemeSet, ThemeSplit};
/// use satisfaction::{Aggregator, ConfidenceLevel, Csat};
///
/// let themes = ThemeSet::parse([("waiting", "wait* OR \"on hold\""), ("friendly", "friendly")])?;
/// let mut csat = ThemeSplit::new(themes, Csat::default());
/// for (rating, comment) in [(1, "on hold for an hour"), (2, "waited and waited"), (5, "friendly"), (4, "fine"), (5, "")] {
///     csat.try_push(rating, comment)?;
/// }
/// let summary = csat.summary().unwrap();
/// let waiting = summary.row("waiting").unwrap();
/// let (with, rest) = (waiting.mentioning().unwrap(), waiting.rest().unwrap());
/// assert_eq!((with.satisfied_share(), rest.satisfied_share()), (0.0, 1.0));
/// let gap = with.share_difference(rest, ConfidenceLevel::P95)?;
/// assert_eq!(gap.estimate(), -1.0);
/// println!("{summary}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeSplit<A> {
    themes: ThemeSet,
    prototype: A,
    /// Per theme: the responses that mention it, those that don't.
    sides: Vec<(A, A)>,
    responses: u64,
}

impl<A: Aggregator + Clone> ThemeSplit<A> {
    /// An empty split of `themes`, each side starting from `prototype` (an empty aggregator
    /// with the configuration every side keeps).
    #[must_use]
    pub fn new(themes: ThemeSet, prototype: A) -> Self {
        Self {
            sides: vec![(prototype.clone(), prototype.clone()); themes.len()],
            themes,
            prototype,
            responses: 0,
        }
    }

    /// The themes.
    #[must_use]
    pub fn themes(&self) -> &ThemeSet {
        &self.themes
    }

    /// Checks raw input the way the prototype's own `try_push` does (a raw rating, a score)
    /// and records it with its comment, or refuses it and changes nothing.
    ///
    /// # Errors
    ///
    /// The prototype's error for a raw value it refuses.
    pub fn try_push<R>(&mut self, raw: R, comment: &str) -> Result<(), <A as TryPush<R>>::Error>
    where
        A: TryPush<R>,
        A::Input: Clone,
    {
        let input = self.prototype.input(raw)?;
        // An input the prototype made is one every side (configured alike) records.
        let _ = self.add(input, comment);
        Ok(())
    }

    fn add(&mut self, input: A::Input, comment: &str) -> Result<(), A::Error>
    where
        A::Input: Clone,
    {
        self.prototype.check(&input)?;
        let mut mentioned = vec![false; self.sides.len()];
        self.themes.for_each_match(comment, |i| {
            if let Some(m) = mentioned.get_mut(i) {
                *m = true;
            }
        });
        for ((with, rest), &m) in self.sides.iter_mut().zip(&mentioned) {
            let side = if m { with } else { rest };
            side.record(input.clone())?;
        }
        self.responses = self.responses.saturating_add(1);
        Ok(())
    }

    /// A split from sides kept elsewhere: the prototype (empty), the responses recorded and,
    /// per theme in order, the aggregators of the responses that mention it and of those that
    /// don't.
    ///
    /// # Errors
    ///
    /// [`StateError::Inconsistent`] for a non-empty prototype, a side configured otherwise,
    /// or a theme whose two sides do not add up to the responses;
    /// [`StateError::WrongLength`] without one pair per theme; [`StateError::TooMany`] past
    /// [`MAX_COUNT`](crate::MAX_COUNT) responses.
    pub fn from_sides(
        themes: ThemeSet,
        prototype: A,
        responses: u64,
        sides: Vec<(A, A)>,
    ) -> Result<Self, StateError> {
        const WHAT: &str = "theme split";
        let bad = |problem: String| StateError::Inconsistent {
            what: WHAT,
            problem,
        };
        if !prototype.is_empty() {
            return Err(bad("the prototype is not empty".into()));
        }
        if sides.len() != themes.len() {
            return Err(StateError::WrongLength {
                what: WHAT,
                expected: themes.len(),
                found: sides.len(),
            });
        }
        if responses > crate::aggregator::MAX_COUNT {
            return Err(StateError::TooMany {
                what: WHAT,
                total: u128::from(responses),
                limit: crate::aggregator::MAX_COUNT,
            });
        }
        for (i, (with, rest)) in sides.iter().enumerate() {
            for side in [with, rest] {
                prototype
                    .clone()
                    .merge(side)
                    .map_err(|e| bad(format!("theme {i} does not fit the prototype: {e}")))?;
            }
            let n = u128::from(with.count()) + u128::from(rest.count());
            if n != u128::from(responses) {
                return Err(bad(format!(
                    "theme {i} holds {n} responses, the split {responses}"
                )));
            }
        }
        Ok(Self {
            themes,
            prototype,
            sides,
            responses,
        })
    }
}

impl<'c, A, R> TryPush<(R, &'c str)> for ThemeSplit<A>
where
    A: TryPush<R> + Clone,
    A::Input: Clone,
{
    type Error = <A as TryPush<R>>::Error;

    fn input(
        &self,
        (raw, comment): (R, &'c str),
    ) -> Result<(A::Input, String), <A as TryPush<R>>::Error> {
        Ok((self.prototype.input(raw)?, comment.to_owned()))
    }

    fn try_push(&mut self, (raw, comment): (R, &'c str)) -> Result<(), <A as TryPush<R>>::Error> {
        ThemeSplit::try_push(self, raw, comment)
    }
}

impl<A> Aggregator for ThemeSplit<A>
where
    A: Aggregator + Clone,
    A::Input: Clone,
{
    type Input = (A::Input, String);
    type Summary = ThemeSplitSummary<A::Summary>;
    type Error = A::Error;

    fn record(&mut self, (input, comment): (A::Input, String)) -> Result<(), A::Error> {
        self.add(input, &comment)
    }

    fn check(&self, (input, _): &(A::Input, String)) -> Result<(), A::Error> {
        self.prototype.check(input)
    }

    /// Merges side by side, all or nothing; the themes and the prototypes' configurations
    /// must agree.
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("themes", &self.themes, &other.themes, |t| {
            Setting::Fingerprint(t.fingerprint())
        })?;
        self.prototype.clone().merge(&other.prototype)?;
        check_merge_total(self.responses, other.responses)?;
        let mut sides = self.sides.clone();
        for ((with, rest), (their_with, their_rest)) in sides.iter_mut().zip(&other.sides) {
            with.merge(their_with)?;
            rest.merge(their_rest)?;
        }
        self.sides = sides;
        self.responses += other.responses;
        Ok(())
    }

    fn summary(&self) -> Option<ThemeSplitSummary<A::Summary>> {
        (self.responses > 0).then(|| ThemeSplitSummary {
            responses: self.responses,
            rows: self
                .themes
                .themes()
                .iter()
                .zip(&self.sides)
                .map(|(theme, (with, rest))| ThemeSplitRow {
                    name: theme.name().to_owned(),
                    mentions: with.count(),
                    mentioning: with.summary(),
                    rest: rest.summary(),
                })
                .collect(),
        })
    }

    /// Responses recorded.
    fn count(&self) -> u64 {
        self.responses
    }
}

/// The summary of a non-empty [`ThemeSplit`]: one row per theme.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ThemeSplitSummary<S> {
    responses: u64,
    rows: Vec<ThemeSplitRow<S>>,
}

impl<S> ThemeSplitSummary<S> {
    /// Responses recorded.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.responses
    }

    /// One row per theme, in the set's order.
    #[must_use]
    pub fn rows(&self) -> &[ThemeSplitRow<S>] {
        &self.rows
    }

    /// The row of the theme called `name`.
    #[must_use]
    pub fn row(&self, name: &str) -> Option<&ThemeSplitRow<S>> {
        self.rows.iter().find(|r| r.name == name)
    }
}

/// One theme of a [`ThemeSplitSummary`]: the metric among the responses that mention it and
/// among the rest.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ThemeSplitRow<S> {
    name: String,
    mentions: u64,
    mentioning: Option<S>,
    rest: Option<S>,
}

impl<S> ThemeSplitRow<S> {
    /// The theme's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Responses whose comment mentions the theme (as the metric counts them).
    #[must_use]
    pub fn mentions(&self) -> u64 {
        self.mentions
    }

    /// The metric among the responses that mention the theme; `None` when none does.
    #[must_use]
    pub fn mentioning(&self) -> Option<&S> {
        self.mentioning.as_ref()
    }

    /// The metric among the responses that don't; `None` when all do.
    #[must_use]
    pub fn rest(&self) -> Option<&S> {
        self.rest.as_ref()
    }
}

impl<S: Summary> fmt::Display for ThemeSplitSummary<S> {
    /// One line per theme: the metric with its default interval among those who mention the
    /// theme and among the rest.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let side = |s: Option<&S>| match s {
            Some(s) => match s.default_interval(level) {
                Some(ci) => format!(
                    "{:.3} ({level} CI {:.3} to {:.3}, {}; n = {})",
                    s.estimate(),
                    ci.lower(),
                    ci.upper(),
                    s.default_method(),
                    s.count()
                ),
                None => format!("{:.3} (n = {})", s.estimate(), s.count()),
            },
            None => "none".to_owned(),
        };
        let metric = self
            .rows
            .iter()
            .find_map(|r| r.mentioning.as_ref().or(r.rest.as_ref()))
            .map_or("metric", Summary::metric);
        writeln!(f, "themes against {metric}: {} responses", self.responses)?;
        for row in &self.rows {
            writeln!(
                f,
                "{}: {} mentioning it, {}; the rest, {}",
                row.name,
                row.mentions,
                side(row.mentioning.as_ref()),
                side(row.rest.as_ref())
            )?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
mod state {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::ThemeSplit;
    use crate::aggregator::Aggregator;
    use crate::text::theme::ThemeSet;

    /// One theme of a serialised [`ThemeSplit`]: its name, rule and the two sides' states.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SideState<A> {
        name: String,
        rule: String,
        mentioning: A,
        rest: A,
    }

    /// The serialised form of a [`ThemeSplit`]: the prototype and, per theme (re-parsed on
    /// the way in), the two sides.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ThemeSplitState<A> {
        version: u32,
        empty: A,
        responses: u64,
        themes: Vec<SideState<A>>,
    }

    impl<A: Serialize + Clone> Serialize for ThemeSplit<A> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            ThemeSplitState {
                version: crate::state::STATE_VERSION,
                empty: self.prototype.clone(),
                responses: self.responses,
                themes: self
                    .themes
                    .themes()
                    .iter()
                    .zip(&self.sides)
                    .map(|(t, (with, rest))| SideState {
                        name: t.name().to_owned(),
                        rule: t.rule().to_owned(),
                        mentioning: with.clone(),
                        rest: rest.clone(),
                    })
                    .collect(),
            }
            .serialize(serializer)
        }
    }

    impl<'de, A> Deserialize<'de> for ThemeSplit<A>
    where
        A: Deserialize<'de> + Aggregator + Clone,
    {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let state = ThemeSplitState::<A>::deserialize(deserializer)?;
            crate::state::check_version(state.version).map_err(D::Error::custom)?;
            let themes = ThemeSet::parse(
                state
                    .themes
                    .iter()
                    .map(|t| (t.name.as_str(), t.rule.as_str())),
            )
            .map_err(D::Error::custom)?;
            let sides = state
                .themes
                .into_iter()
                .map(|t| (t.mentioning, t.rest))
                .collect();
            ThemeSplit::from_sides(themes, state.empty, state.responses, sides)
                .map_err(D::Error::custom)
        }
    }
}
