//! [`ThemeTable`]: themes against NPS, the table a CX manager reads ("customers who mention
//! waiting: NPS −32, 41 points below the rest").

use std::convert::Infallible;
use std::fmt;

use crate::aggregator::{Aggregator, TryPush, check_merge_total};
use crate::counts::Counts;
use crate::display::Percent;
use crate::error::{MergeError, Setting, StateError, same};
use crate::interval::{self, ConfidenceLevel, Difference, Interval, NpsMethod, ProportionMethod};
use crate::metrics::nps::{Nps, NpsSummary};
use crate::scale::{NpsCategory, NpsScore};
use crate::text::theme::ThemeSet;

/// Themes against NPS: for each theme of a [`ThemeSet`], how many responses mention it, its
/// share among detractors, passives and promoters, and the NPS of those who mention it against
/// those who don't, with the difference and its interval.
///
/// Each response is an NPS score and its comment; a comment may mention several themes, or
/// none. The state is exact counts: the responses per NPS group, and per theme the mentioning
/// responses per group (those who don't mention it are the difference), so merges are exact
/// and a summary costs no pass over the comments.
///
/// Every recorded response counts, an empty comment as one mentioning nothing. To compare
/// only among customers who wrote something (they differ from those who did not: detractors
/// comment more), record only responses with a comment, as
/// [`CommentAnalysis`](crate::text::CommentAnalysis) does.
///
/// The intervals: Wilson for the shares ([`ProportionMethod`]'s default), and for the
/// difference of the two NPS the MOVER combination of their Tango score intervals
/// ([`NpsSummary::difference`] with [`NpsMethod::Score`]), which always contains the
/// difference. The two groups are disjoint, so they are independent samples.
///
/// ```
/// use satisfaction::text::{ThemeSet, ThemeTable};
/// use satisfaction::{Aggregator, ConfidenceLevel, NpsMethod, NpsScore};
///
/// let themes = ThemeSet::parse([("waiting", "wait* OR \"on hold\""), ("friendly", "friendly OR kind")])?;
/// let mut table = ThemeTable::new(themes);
/// for (score, comment) in [
///     (2, "Waited an hour on hold"),
///     (3, "waiting for a refund"),
///     (10, "Friendly and quick"),
///     (9, "kind agent, short wait"),
///     (8, "fine"),
///     (10, ""),
/// ] {
///     table.try_push(NpsScore::new(score)?, comment)?;
/// }
/// let summary = table.summary().unwrap();
/// let waiting = summary.row("waiting").unwrap();
/// assert_eq!(waiting.mentions(), 3);
/// assert_eq!(waiting.share_among(satisfaction::NpsCategory::Detractor), Some(1.0));
/// assert_eq!(waiting.mentioning().unwrap().score().round(), -33.0);
/// let gap = waiting.difference(ConfidenceLevel::P95, NpsMethod::default()).unwrap();
/// assert_eq!(gap.estimate().round(), -100.0); // -33 against +67
/// println!("{summary}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "state::ThemeTableState", into = "state::ThemeTableState")
)]
pub struct ThemeTable {
    themes: ThemeSet,
    /// Responses per NPS group.
    all: Counts<3>,
    /// Per theme, the mentioning responses per NPS group.
    mentions: Vec<Counts<3>>,
}

impl ThemeTable {
    /// An empty table of `themes`.
    #[must_use]
    pub fn new(themes: ThemeSet) -> Self {
        Self {
            mentions: vec![Counts::default(); themes.len()],
            themes,
            all: Counts::default(),
        }
    }

    /// The themes.
    #[must_use]
    pub fn themes(&self) -> &ThemeSet {
        &self.themes
    }

    /// Records a response: its score, and the themes its comment mentions.
    ///
    /// # Errors
    ///
    /// None: every response can be recorded (the `Result` keeps the shape of every
    /// `try_push`, so the table sits in [`Grouped`](crate::Grouped) and tuples).
    pub fn try_push(&mut self, score: NpsScore, comment: &str) -> Result<(), Infallible> {
        TryPush::try_push(self, (score, comment))
    }

    fn add(&mut self, score: NpsScore, comment: &str) {
        let group = score.category().index();
        self.all.record(group);
        let mentions = &mut self.mentions;
        self.themes.for_each_match(comment, |i| {
            if let Some(counts) = mentions.get_mut(i) {
                counts.record(group);
            }
        });
    }

    /// A table from counts kept elsewhere: the responses per NPS group (detractors, passives,
    /// promoters) and, per theme in order, the mentioning responses per group.
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] past [`MAX_COUNT`](crate::MAX_COUNT) responses;
    /// [`StateError::WrongLength`] without one row of counts per theme;
    /// [`StateError::Inconsistent`] for a theme mentioned by more responses of a group than
    /// the group has.
    pub fn from_counts(
        themes: ThemeSet,
        all: [u64; 3],
        mentions: &[[u64; 3]],
    ) -> Result<Self, StateError> {
        const WHAT: &str = "theme table";
        let all = Counts::from_array(WHAT, all)?;
        if mentions.len() != themes.len() {
            return Err(StateError::WrongLength {
                what: WHAT,
                expected: themes.len(),
                found: mentions.len(),
            });
        }
        for (theme, row) in themes.themes().iter().zip(mentions) {
            if row.iter().zip(all.as_array()).any(|(m, n)| m > n) {
                return Err(StateError::Inconsistent {
                    what: WHAT,
                    problem: format!(
                        "theme {:?} is mentioned by more responses of a group than it has",
                        theme.name()
                    ),
                });
            }
        }
        Ok(Self {
            mentions: mentions
                .iter()
                .map(|&row| Counts::from_array(WHAT, row))
                .collect::<Result<_, _>>()?,
            themes,
            all,
        })
    }
}

impl<'a> TryPush<(NpsScore, &'a str)> for ThemeTable {
    type Error = Infallible;

    fn input(
        &self,
        (score, comment): (NpsScore, &'a str),
    ) -> Result<(NpsScore, String), Infallible> {
        Ok((score, comment.to_owned()))
    }

    fn try_push(&mut self, (score, comment): (NpsScore, &'a str)) -> Result<(), Infallible> {
        self.add(score, comment);
        Ok(())
    }
}

impl Aggregator for ThemeTable {
    type Input = (NpsScore, String);
    type Summary = ThemeTableSummary;
    type Error = Infallible;

    fn record(&mut self, (score, comment): (NpsScore, String)) -> Result<(), Infallible> {
        self.add(score, &comment);
        Ok(())
    }

    fn check(&self, _: &(NpsScore, String)) -> Result<(), Infallible> {
        Ok(())
    }

    /// Adds the other table's counts; the themes (names and rules, in order) must be the
    /// same.
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("themes", &self.themes, &other.themes, |t| {
            Setting::Fingerprint(t.fingerprint())
        })?;
        check_merge_total(self.count(), other.count())?;
        self.all.merge(&other.all)?;
        for (mine, theirs) in self.mentions.iter_mut().zip(&other.mentions) {
            // Each is at most its group's total, which fits.
            mine.merge(theirs)?;
        }
        Ok(())
    }

    fn summary(&self) -> Option<ThemeTableSummary> {
        Some(ThemeTableSummary {
            overall: nps(*self.all.as_array())?,
            rows: self
                .themes
                .themes()
                .iter()
                .zip(&self.mentions)
                .map(|(theme, counts)| ThemeRow {
                    name: theme.name().to_owned(),
                    rule: theme.rule().to_owned(),
                    mentioning: *counts.as_array(),
                    all: *self.all.as_array(),
                })
                .collect(),
        })
    }

    /// Responses recorded.
    fn count(&self) -> u64 {
        self.all.total()
    }
}

/// The summary of a non-empty [`ThemeTable`]: the overall NPS and one [`ThemeRow`] per theme.
/// Its `Display` is the table, followed by one sentence per theme.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ThemeTableSummary {
    overall: NpsSummary,
    rows: Vec<ThemeRow>,
}

impl ThemeTableSummary {
    /// The responses recorded.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.overall.count()
    }

    /// The NPS of every response.
    #[must_use]
    pub fn overall(&self) -> NpsSummary {
        self.overall
    }

    /// One row per theme, in the set's order.
    #[must_use]
    pub fn rows(&self) -> &[ThemeRow] {
        &self.rows
    }

    /// The row of the theme called `name`.
    #[must_use]
    pub fn row(&self, name: &str) -> Option<&ThemeRow> {
        self.rows.iter().find(|r| r.name == name)
    }
}

/// The NPS of counts `[detractors, passives, promoters]`, `None` for none.
fn nps([d, p, pr]: [u64; 3]) -> Option<NpsSummary> {
    Nps::from_counts(d, p, pr).ok()?.summary()
}

/// One theme of a [`ThemeTableSummary`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ThemeRow {
    name: String,
    rule: String,
    /// Mentioning responses per NPS group.
    mentioning: [u64; 3],
    /// All responses per NPS group.
    all: [u64; 3],
}

impl ThemeRow {
    /// The theme's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The theme's rule.
    #[must_use]
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// Responses whose comment mentions the theme.
    #[must_use]
    pub fn mentions(&self) -> u64 {
        self.mentioning
            .iter()
            .fold(0u64, |t, &n| t.saturating_add(n))
    }

    fn total(&self) -> u64 {
        self.all.iter().fold(0u64, |t, &n| t.saturating_add(n))
    }

    /// The share of all responses that mention the theme, 0..=1.
    #[must_use]
    pub fn share(&self) -> f64 {
        (self.mentions() as f64 / self.total().max(1) as f64).clamp(0.0, 1.0)
    }

    /// The confidence interval of [`share`](Self::share).
    #[must_use]
    pub fn share_interval(&self, level: ConfidenceLevel, method: ProportionMethod) -> Interval {
        interval::proportion_unchecked(self.mentions(), self.total().max(1), level, method)
    }

    /// The share of one NPS group's responses that mention the theme (of detractors: how
    /// many detractors mention it); `None` when the group has no response.
    #[must_use]
    pub fn share_among(&self, category: NpsCategory) -> Option<f64> {
        let (x, n) = self.group(category);
        (n > 0).then(|| (x as f64 / n as f64).clamp(0.0, 1.0))
    }

    /// The confidence interval of [`share_among`](Self::share_among).
    #[must_use]
    pub fn share_among_interval(
        &self,
        category: NpsCategory,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Option<Interval> {
        let (x, n) = self.group(category);
        (n > 0).then(|| interval::proportion_unchecked(x, n, level, method))
    }

    fn group(&self, category: NpsCategory) -> (u64, u64) {
        let i = category.index();
        (self.mentioning[i], self.all[i])
    }

    /// The NPS of the responses that mention the theme; `None` when none does.
    #[must_use]
    pub fn mentioning(&self) -> Option<NpsSummary> {
        nps(self.mentioning)
    }

    /// The NPS of the responses that do not mention the theme; `None` when all do.
    #[must_use]
    pub fn rest(&self) -> Option<NpsSummary> {
        let mut rest = self.all;
        for (r, m) in rest.iter_mut().zip(self.mentioning) {
            *r = r.saturating_sub(m);
        }
        nps(rest)
    }

    /// The NPS of those who mention the theme minus the NPS of those who don't, in NPS
    /// points, with its interval and p-value ([`NpsSummary::difference`]); `None` when either
    /// side is empty.
    #[must_use]
    pub fn difference(&self, level: ConfidenceLevel, method: NpsMethod) -> Option<Difference> {
        Some(self.mentioning()?.difference(&self.rest()?, level, method))
    }
}

/// An NPS with no sign for zero: `+12`, `-3`, `0`.
struct Points(f64);

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = self.0.round() + 0.0;
        if rounded == 0.0 {
            write!(f, "0")
        } else {
            write!(f, "{rounded:+}")
        }
    }
}

impl fmt::Display for ThemeTableSummary {
    /// The table, then one sentence per theme.
    ///
    /// ```text
    /// themes against NPS: 2637 responses, NPS +11 (95% CI +8 to +15, Tango score)
    /// theme                 mentions     % of detractors       % of passives      % of promoters  NPS with  NPS rest  difference (95% CI, MOVER)
    /// waiting            350 (13.3%)   25.8% (23.0-28.8)      6.3% (4.6-8.4)      7.9% (6.5-9.6)       -37       +19  -55 (-65 to -45)
    /// quick              512 (19.4%)      0.0% (0.0-0.5)   21.9% (18.9-25.3)   32.4% (29.7-35.1)       +73        -3  +76 (+71 to +81)
    /// customers who mention waiting: NPS -37, 55 points below the rest (95% CI 45 to 65)
    /// customers who mention quick: NPS +73, 76 points above the rest (95% CI 71 to 81)
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), NpsMethod::default());
        let share = ProportionMethod::default();
        let overall = self.overall();
        let ci = overall.interval(level, method);
        writeln!(
            f,
            "themes against NPS: {} responses, NPS {} ({level} CI {} to {}, {method})",
            self.count(),
            Points(overall.score()),
            Points(ci.lower()),
            Points(ci.upper())
        )?;
        let width = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(5);
        writeln!(
            f,
            "{:<width$}  {:>14}  {:>18}  {:>18}  {:>18}  {:>8}  {:>8}  difference ({level} CI, MOVER)",
            "theme",
            "mentions",
            "% of detractors",
            "% of passives",
            "% of promoters",
            "NPS with",
            "NPS rest"
        )?;
        let among = |row: &ThemeRow, category| match (
            row.share_among(category),
            row.share_among_interval(category, level, share),
        ) {
            (Some(x), Some(ci)) => format!(
                "{:.1}% ({:.1}-{:.1})",
                100.0 * x,
                100.0 * ci.lower(),
                100.0 * ci.upper()
            ),
            _ => "-".to_owned(),
        };
        for row in &self.rows {
            let with = row
                .mentioning()
                .map_or("-".to_owned(), |n| Points(n.score()).to_string());
            let rest = row
                .rest()
                .map_or("-".to_owned(), |n| Points(n.score()).to_string());
            let gap = row.difference(level, method).map_or("-".to_owned(), |d| {
                format!(
                    "{} ({} to {})",
                    Points(d.estimate()),
                    Points(d.interval().lower()),
                    Points(d.interval().upper())
                )
            });
            writeln!(
                f,
                "{:<width$}  {:>14}  {:>18}  {:>18}  {:>18}  {:>8}  {:>8}  {gap}",
                row.name,
                format!("{} ({})", row.mentions(), Percent(row.share())),
                among(row, NpsCategory::Detractor),
                among(row, NpsCategory::Passive),
                among(row, NpsCategory::Promoter),
                with,
                rest
            )?;
        }
        for row in &self.rows {
            let (Some(with), Some(d)) = (row.mentioning(), row.difference(level, method)) else {
                continue;
            };
            let ci = d.interval();
            let sentence = if ci.lower() > 0.0 || ci.upper() < 0.0 {
                let (side, low, high) = if d.estimate() < 0.0 {
                    ("below", -ci.upper(), -ci.lower())
                } else {
                    ("above", ci.lower(), ci.upper())
                };
                format!(
                    "{:.0} points {side} the rest ({level} CI {low:.0} to {high:.0})",
                    d.estimate().abs()
                )
            } else {
                format!(
                    "no clear difference from the rest ({} points, {level} CI {} to {})",
                    Points(d.estimate()),
                    Points(ci.lower()),
                    Points(ci.upper())
                )
            };
            writeln!(
                f,
                "customers who mention {}: NPS {}, {sentence}",
                row.name,
                Points(with.score())
            )?;
        }
        Ok(())
    }
}

impl ThemeTable {
    /// The themes as `(name, rule)` pairs, for serialisation.
    #[cfg(feature = "serde")]
    fn rules(&self) -> Vec<(String, String)> {
        self.themes
            .themes()
            .iter()
            .map(|t| (t.name().to_owned(), t.rule().to_owned()))
            .collect()
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::ThemeTable;
    use crate::error::StateError;
    use crate::state::{STATE_VERSION, check_version};
    use crate::text::theme::ThemeSet;

    /// One theme of a serialised [`ThemeTable`]: its name, rule and mentioning responses per
    /// NPS group.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct ThemeState {
        name: String,
        rule: String,
        detractors: u64,
        passives: u64,
        promoters: u64,
    }

    /// The serialised form of a [`ThemeTable`]: the responses per NPS group and the themes
    /// (re-parsed on the way in) with their mentions.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct ThemeTableState {
        version: u32,
        detractors: u64,
        passives: u64,
        promoters: u64,
        themes: Vec<ThemeState>,
    }

    impl From<ThemeTable> for ThemeTableState {
        fn from(t: ThemeTable) -> Self {
            let [detractors, passives, promoters] = *t.all.as_array();
            let themes = t
                .rules()
                .into_iter()
                .zip(&t.mentions)
                .map(|((name, rule), counts)| {
                    let [detractors, passives, promoters] = *counts.as_array();
                    ThemeState {
                        name,
                        rule,
                        detractors,
                        passives,
                        promoters,
                    }
                })
                .collect();
            Self {
                version: STATE_VERSION,
                detractors,
                passives,
                promoters,
                themes,
            }
        }
    }

    impl TryFrom<ThemeTableState> for ThemeTable {
        type Error = StateError;

        fn try_from(s: ThemeTableState) -> Result<Self, StateError> {
            check_version(s.version)?;
            let themes =
                ThemeSet::parse(s.themes.iter().map(|t| (t.name.as_str(), t.rule.as_str())))
                    .map_err(|e| StateError::Inconsistent {
                        what: "theme table",
                        problem: e.to_string(),
                    })?;
            let mentions: Vec<[u64; 3]> = s
                .themes
                .iter()
                .map(|t| [t.detractors, t.passives, t.promoters])
                .collect();
            ThemeTable::from_counts(themes, [s.detractors, s.passives, s.promoters], &mentions)
        }
    }
}
