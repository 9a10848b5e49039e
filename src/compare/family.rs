//! A family of comparisons tested together: the table's differences, their adjusted p-values
//! and the flags they earn.

use std::fmt;
use std::hash::Hash;

use super::adjust::{Adjustment, adjusted};
use super::{Compare, CompareError};
use crate::aggregator::Aggregator;
use crate::group::{Grouped, GroupedSummary};
use crate::interval::{ConfidenceLevel, Difference};
use crate::summary::Summary;

/// How a family of comparisons is decided: the confidence level of every difference's interval
/// (and so the significance level 1 − level of every flag) and the multiplicity
/// [`Adjustment`] across the family. The default is 95% with Holm's correction.
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::compare::{Adjustment, Significance};
///
/// let screening = Significance::new(ConfidenceLevel::P90, Adjustment::BenjaminiHochberg);
/// assert_eq!(screening.to_string(), "10% level, Benjamini-Hochberg");
/// assert_eq!(Significance::default().adjustment, Adjustment::Holm);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct Significance {
    /// The level of the intervals; a comparison is flagged when its adjusted p-value is below
    /// `1 − level`.
    pub level: ConfidenceLevel,
    /// The correction across the family.
    pub adjustment: Adjustment,
}

impl Significance {
    /// Comparisons at `level` corrected by `adjustment`.
    #[must_use]
    pub fn new(level: ConfidenceLevel, adjustment: Adjustment) -> Self {
        Self { level, adjustment }
    }

    /// `1 − level`, the threshold of an adjusted p-value.
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.level.alpha()
    }
}

impl fmt::Display for Significance {
    /// `5% level, Holm`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}% level, {}",
            crate::display::trimmed_percent(self.alpha()),
            self.adjustment
        )
    }
}

/// What a group was compared against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Baseline<K> {
    /// The group before it in key order (the previous period).
    Previous(K),
    /// All the other groups pooled.
    Rest,
    /// A named group.
    Group(K),
}

impl<K: fmt::Display> fmt::Display for Baseline<K> {
    /// `2026-06`, `the rest`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Previous(key) | Self::Group(key) => key.fmt(f),
            Self::Rest => f.write_str("the rest"),
        }
    }
}

/// Which way a flagged comparison went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Direction {
    /// Significantly above its baseline: ▲.
    Up,
    /// Significantly below its baseline: ▼.
    Down,
}

impl Direction {
    /// `'▲'` or `'▼'`.
    #[must_use]
    pub const fn symbol(self) -> char {
        match self {
            Self::Up => '▲',
            Self::Down => '▼',
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.symbol())
    }
}

/// One group against its baseline.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Comparison<K> {
    /// The group.
    pub key: K,
    /// What it was compared against.
    pub baseline: Baseline<K>,
    /// The group's headline minus the baseline's, its interval at the family's level and its
    /// unadjusted p-value.
    pub difference: Difference,
    /// The p-value adjusted across the family.
    pub adjusted_p_value: f64,
    /// `Some` when the adjusted p-value is below `1 − level`: the direction of the difference.
    pub flag: Option<Direction>,
}

/// A group that could not be compared, and why (a side too small for the test, summaries built
/// with different settings). It is not part of the family and does not count in its
/// correction.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Skipped<K> {
    /// The group.
    pub key: K,
    /// What it was to be compared against.
    pub baseline: Baseline<K>,
    /// Why it was not.
    pub reason: CompareError,
}

/// A family of comparisons decided together: each group against its baseline, in key order,
/// with p-values adjusted across the family and flags at the family's level.
///
/// Made by [`GroupedSummary::against_previous`], [`GroupedSummary::against`] and
/// [`Grouped::against_rest`]; see the [module](super) for an example.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Comparisons<K> {
    metric: &'static str,
    domain: (f64, f64),
    test: &'static str,
    significance: Significance,
    rows: Vec<Comparison<K>>,
    skipped: Vec<Skipped<K>>,
}

impl<K> Comparisons<K> {
    /// Tests `pairs` (group, baseline, the difference or why there is none) as one family.
    fn decide(
        (metric, domain): (&'static str, (f64, f64)),
        significance: Significance,
        pairs: Vec<(K, Baseline<K>, Result<Difference, CompareError>)>,
    ) -> Self {
        let mut compared = Vec::with_capacity(pairs.len());
        let mut skipped = Vec::new();
        for (key, baseline, difference) in pairs {
            match difference {
                Ok(difference) => compared.push((key, baseline, difference)),
                Err(reason) => skipped.push(Skipped {
                    key,
                    baseline,
                    reason,
                }),
            }
        }
        let raw: Vec<f64> = compared.iter().map(|(_, _, d)| d.p_value()).collect();
        // Differences clamp their p-values into [0, 1], so they are probabilities.
        let adjusted = adjusted(&raw, significance.adjustment);
        let alpha = significance.alpha();
        let test = compared.first().map_or("", |(_, _, d)| d.method());
        let rows = compared
            .into_iter()
            .zip(adjusted)
            .map(|((key, baseline, difference), adjusted_p_value)| {
                let flag = (adjusted_p_value < alpha && difference.estimate() != 0.0).then(|| {
                    if difference.estimate() > 0.0 {
                        Direction::Up
                    } else {
                        Direction::Down
                    }
                });
                Comparison {
                    key,
                    baseline,
                    difference,
                    adjusted_p_value,
                    flag,
                }
            })
            .collect();
        Self {
            metric,
            domain,
            test,
            significance,
            rows,
            skipped,
        }
    }

    /// The comparisons, in key order.
    pub fn iter(&self) -> std::slice::Iter<'_, Comparison<K>> {
        self.rows.iter()
    }

    /// The flagged comparisons, in key order.
    pub fn flagged(&self) -> impl Iterator<Item = &Comparison<K>> {
        self.rows.iter().filter(|c| c.flag.is_some())
    }

    /// The comparison of `key`, if it was made.
    #[must_use]
    pub fn get(&self, key: &K) -> Option<&Comparison<K>>
    where
        K: PartialEq,
    {
        self.rows.iter().find(|c| &c.key == key)
    }

    /// The number of comparisons in the family (the skipped ones are not).
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// `true` when nothing could be compared (a single period, a single segment).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The groups that could not be compared, and why.
    #[must_use]
    pub fn skipped(&self) -> &[Skipped<K>] {
        &self.skipped
    }

    /// The metric compared (`"NPS"`, ...).
    #[must_use]
    pub fn metric(&self) -> &'static str {
        self.metric
    }

    /// The smallest and largest value of the metric compared ([`Summary::domain`]): its
    /// differences lie between `lower − upper` and `upper − lower`.
    #[must_use]
    pub fn domain(&self) -> (f64, f64) {
        self.domain
    }

    /// The name of the difference method and its test (`"Newcombe hybrid score"`, `"Welch
    /// t"`, ...); empty when nothing was compared.
    #[must_use]
    pub fn test(&self) -> &'static str {
        self.test
    }

    /// The level and correction the family was decided with.
    #[must_use]
    pub fn significance(&self) -> Significance {
        self.significance
    }

    /// One sentence that says what a ▲ or ▼ means here, for a chart's caption or a table's
    /// note: the test, the level and the correction with the size of the family.
    ///
    /// ```
    /// use satisfaction::compare::Significance;
    /// use satisfaction::{Aggregator, Grouped, Nps};
    ///
    /// let mut monthly: Grouped<u32, Nps> = Grouped::default();
    /// monthly.entry(1).try_extend_from_slice(&[10, 9, 9, 3])?;
    /// monthly.entry(2).try_extend_from_slice(&[2, 3, 9, 6])?;
    /// let changes = monthly.summary().unwrap().against_previous(&Significance::default());
    /// assert_eq!(
    ///     changes.caption(),
    ///     "▲ ▼ mark a change from the previous group significant at the 5% level \
    ///      (MOVER score difference; Holm correction across 1 comparison)."
    /// );
    /// # Ok::<(), satisfaction::BatchError>(())
    /// ```
    #[must_use]
    pub fn caption(&self) -> String {
        let against = match self.rows.first().map(|c| &c.baseline) {
            Some(Baseline::Previous(_)) | None => "a change from the previous group",
            Some(Baseline::Rest) => "a difference from the rest",
            Some(Baseline::Group(_)) => "a difference from the baseline",
        };
        let n = self.rows.len();
        format!(
            "▲ ▼ mark {against} significant at the {}% level ({}; {} across {n} comparison{}).",
            crate::display::trimmed_percent(self.significance.alpha()),
            if self.test.is_empty() {
                "no test".to_owned()
            } else {
                format!("{} difference", self.test)
            },
            match self.significance.adjustment {
                Adjustment::None => "no correction".to_owned(),
                other => format!("{other} correction"),
            },
            if n == 1 { "" } else { "s" },
        )
    }
}

impl<'a, K> IntoIterator for &'a Comparisons<K> {
    type Item = &'a Comparison<K>;
    type IntoIter = std::slice::Iter<'a, Comparison<K>>;

    fn into_iter(self) -> Self::IntoIter {
        self.rows.iter()
    }
}

impl<K: fmt::Display> fmt::Display for Comparisons<K> {
    /// One line per comparison, `key vs baseline: difference (adjusted p) flag`, then the
    /// caption.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.rows {
            let ci = c.difference.interval();
            write!(
                f,
                "{} vs {}: {:+.4} [{:.4}, {:.4}], p = {:.4}, adjusted {:.4}",
                c.key,
                c.baseline,
                c.difference.estimate(),
                ci.lower(),
                ci.upper(),
                c.difference.p_value(),
                c.adjusted_p_value
            )?;
            if let Some(flag) = c.flag {
                write!(f, " {flag}")?;
            }
            writeln!(f)?;
        }
        f.write_str(&self.caption())
    }
}

impl<K: Ord + Clone, S: Compare> GroupedSummary<K, S> {
    /// Each group against the one before it in key order (for periods: each month against the
    /// previous month), tested as one family.
    ///
    /// A gap in the keys is not bridged by anything: with no answers in March, April is
    /// compared with February, and says so ([`Baseline::Previous`] names it).
    ///
    /// ```
    /// use satisfaction::compare::{Baseline, Significance};
    /// use satisfaction::{Aggregator, Grouped, Nps};
    ///
    /// let mut monthly: Grouped<u32, Nps> = Grouped::default();
    /// monthly.entry(2).try_extend_from_slice(&[10, 9, 9, 3, 10, 9])?;
    /// monthly.entry(4).try_extend_from_slice(&[2, 3, 9, 6, 1, 0])?;
    /// let changes = monthly.summary().unwrap().against_previous(&Significance::default());
    /// assert_eq!(changes.get(&4).unwrap().baseline, Baseline::Previous(2));
    /// # Ok::<(), satisfaction::BatchError>(())
    /// ```
    #[must_use]
    pub fn against_previous(&self, significance: &Significance) -> Comparisons<K> {
        let groups: Vec<(&K, &S)> = self.iter().collect();
        let pairs = groups
            .windows(2)
            .map(|w| {
                let ((before, earlier), (key, later)) = (w[0], w[1]);
                (
                    key.clone(),
                    Baseline::Previous(before.clone()),
                    later.compare(earlier, significance.level),
                )
            })
            .collect();
        Comparisons::decide(self.metric_name(), *significance, pairs)
    }

    /// Each other group against `baseline` (a reference segment, a launch month), tested as
    /// one family.
    ///
    /// # Errors
    ///
    /// [`CompareError::UnknownBaseline`] when no group has that key.
    ///
    /// ```
    /// use satisfaction::compare::Significance;
    /// use satisfaction::{Aggregator, Grouped, Proportion};
    ///
    /// let mut resolved: Grouped<&str, Proportion> = Grouped::default();
    /// resolved.entry("phone").merge(&Proportion::from_counts(80, 20)?)?;
    /// resolved.entry("chat").merge(&Proportion::from_counts(50, 50)?)?;
    /// let by_channel = resolved.summary().unwrap();
    /// let against_phone = by_channel.against(&"phone", &Significance::default())?;
    /// assert!(against_phone.get(&"chat").unwrap().flag.is_some());
    /// assert!(by_channel.against(&"email", &Significance::default()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn against(
        &self,
        baseline: &K,
        significance: &Significance,
    ) -> Result<Comparisons<K>, CompareError>
    where
        K: fmt::Debug,
    {
        let reference = self
            .get(baseline)
            .ok_or_else(|| CompareError::UnknownBaseline {
                key: format!("{baseline:?}"),
            })?;
        let pairs = self
            .iter()
            .filter(|(key, _)| *key != baseline)
            .map(|(key, s)| {
                (
                    key.clone(),
                    Baseline::Group(baseline.clone()),
                    s.compare(reference, significance.level),
                )
            })
            .collect();
        Ok(Comparisons::decide(
            self.metric_name(),
            *significance,
            pairs,
        ))
    }

    /// The metric's name and domain, from any group (a summary is never empty).
    fn metric_name(&self) -> (&'static str, (f64, f64)) {
        self.iter()
            .next()
            .map_or(("", (0.0, 0.0)), |(_, s)| (s.metric(), s.domain()))
    }
}

impl<K, A> Grouped<K, A>
where
    K: Ord + Hash + Clone,
    A: Aggregator + Clone,
    A::Summary: Compare,
{
    /// Each group against all the other groups pooled ("chat against every other channel"),
    /// tested as one family.
    ///
    /// The rest of each group is merged exactly from the others' states, from running merges
    /// from both ends (so 2k merges for k groups, not k²). A group with no observations, or
    /// whose rest has none, is not compared; a single group gives an empty family.
    ///
    /// ```
    /// use satisfaction::compare::{Baseline, Direction, Significance};
    /// use satisfaction::{Aggregator, Grouped, Nps};
    ///
    /// let mut by_agent: Grouped<&str, Nps> = Grouped::default();
    /// for agent in ["ana", "bo", "cy", "di"] {
    ///     by_agent.entry(agent).try_extend_from_slice(&[10, 9, 8, 9, 10, 7, 9, 10, 6, 9])?;
    /// }
    /// by_agent.entry("ed").try_extend_from_slice(&[0, 2, 3, 1, 5, 2, 0, 4, 6, 1])?;
    /// let against_rest = by_agent.against_rest(&Significance::default());
    /// let ed = against_rest.get(&"ed").unwrap();
    /// assert_eq!((ed.baseline.clone(), ed.flag), (Baseline::Rest, Some(Direction::Down)));
    /// # Ok::<(), satisfaction::BatchError>(())
    /// ```
    #[must_use]
    pub fn against_rest(&self, significance: &Significance) -> Comparisons<K> {
        let groups: Vec<(&K, &A)> = self.iter().collect();
        let k = groups.len();
        // before[i] pools groups[..i]; after[i] pools groups[i + 1..].
        let running = |order: &mut dyn Iterator<Item = usize>| {
            let mut pooled: Option<A> = None;
            let mut out: Vec<Result<Option<A>, CompareError>> = vec![Ok(None); k];
            let mut failed: Option<CompareError> = None;
            for i in order {
                out[i] = match &failed {
                    Some(e) => Err(e.clone()),
                    None => Ok(pooled.clone()),
                };
                let (_, group) = groups[i];
                match pooled.as_mut() {
                    None => pooled = Some(group.clone()),
                    Some(p) => {
                        if let Err(e) = p.merge(group) {
                            failed = Some(CompareError::Pooling(e));
                        }
                    }
                }
            }
            out
        };
        let before = running(&mut (0..k));
        let after = running(&mut (0..k).rev());
        let mut pairs = Vec::with_capacity(k);
        for (i, (before, after)) in before.into_iter().zip(after).enumerate() {
            let (key, group) = groups[i];
            let rest = match (before, after) {
                (Err(e), _) | (_, Err(e)) => Err(e),
                (Ok(None), Ok(None)) => continue, // a single group has no rest
                (Ok(Some(a)), Ok(None)) | (Ok(None), Ok(Some(a))) => Ok(a),
                (Ok(Some(mut a)), Ok(Some(b))) => {
                    a.merge(&b).map(|()| a).map_err(CompareError::Pooling)
                }
            };
            let difference = rest.map(|rest| match (group.summary(), rest.summary()) {
                (Some(s), Some(r)) => Some(s.compare(&r, significance.level)),
                _ => None,
            });
            match difference {
                Ok(None) => {}
                Ok(Some(d)) => pairs.push((key.clone(), Baseline::Rest, d)),
                Err(e) => pairs.push((key.clone(), Baseline::Rest, Err(e))),
            }
        }
        let metric = groups
            .iter()
            .find_map(|(_, a)| a.summary())
            .map_or(("", (0.0, 0.0)), |s| (s.metric(), s.domain()));
        Comparisons::decide(metric, *significance, pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::nps::Nps;

    fn months(scores: &[&[u8]]) -> Grouped<usize, Nps> {
        let mut g: Grouped<usize, Nps> = Grouped::default();
        for (i, s) in scores.iter().enumerate() {
            g.entry(i).try_extend_from_slice(s).unwrap();
        }
        g
    }

    #[test]
    fn a_single_group_makes_an_empty_family() {
        let g = months(&[&[10, 9, 3]]);
        let s = g.summary().unwrap();
        assert!(s.against_previous(&Significance::default()).is_empty());
        assert!(g.against_rest(&Significance::default()).is_empty());
        assert!(s.against(&0, &Significance::default()).unwrap().is_empty());
    }

    #[test]
    fn rest_is_every_other_group_pooled() {
        let g = months(&[&[10, 9], &[3, 4, 5], &[7, 8, 9, 10], &[0]]);
        let family = g.against_rest(&Significance::default());
        assert_eq!(family.len(), 4);
        for c in &family {
            let mut rest = Nps::default();
            for (k, a) in g.iter() {
                if *k != c.key {
                    rest.merge(a).unwrap();
                }
            }
            let own = g.get(&c.key).unwrap().summary().unwrap();
            let expected = own
                .compare(&rest.summary().unwrap(), ConfidenceLevel::P95)
                .unwrap();
            assert_eq!(c.difference, expected);
        }
    }

    #[test]
    fn flags_follow_the_adjusted_p_value() {
        let low: &[u8] = &[0, 1, 2, 3, 4, 5, 6, 2, 3, 1, 0, 2, 5, 4, 3];
        let high: &[u8] = &[10, 9, 10, 9, 10, 9, 10, 10, 9, 8, 10, 9, 10, 9, 10];
        let g = months(&[high, high, low, low, high]);
        for adjustment in [
            Adjustment::Holm,
            Adjustment::BenjaminiHochberg,
            Adjustment::Bonferroni,
            Adjustment::None,
        ] {
            let sig = Significance::new(ConfidenceLevel::P95, adjustment);
            let family = g.summary().unwrap().against_previous(&sig);
            for c in &family {
                assert!(c.adjusted_p_value >= c.difference.p_value());
                assert_eq!(c.flag.is_some(), c.adjusted_p_value < 0.05, "{adjustment}");
            }
            let flags: Vec<_> = family.iter().map(|c| c.flag).collect();
            assert_eq!(
                flags,
                [None, Some(Direction::Down), None, Some(Direction::Up)],
                "{adjustment}"
            );
        }
    }
}
