//! [`Crosstab`]: the streaming two-way tally.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::fmt;

use super::row::RowKey;
use super::summary::CrosstabSummary;
use crate::aggregator::{Aggregator, MAX_COUNT, check_merge_total};
use crate::error::{InputError, MergeError};
use crate::sums::Sum;
use crate::weighting::Weight;

/// One cell's tally: answers, their sum of weights and sum of squared weights.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Tally {
    pub(super) count: u64,
    pub(super) weight: Sum,
    pub(super) square: Sum,
}

impl Tally {
    fn add(&mut self, w: f64) {
        self.count += 1;
        self.weight.add(w);
        self.square.add(w * w);
    }

    fn merge(&mut self, other: &Self) {
        self.count += other.count;
        self.weight.merge(&other.weight);
        self.square.merge(&other.square);
    }
}

/// A two-way table of answers (rows) by segment (columns), streaming and mergeable: the
/// counts of a question's answers, or of NPS groups, or of scores, per channel, region or
/// plan, weighted or not.
///
/// Push `(row, column)` pairs ([`Aggregator::push`]) or weighted ones
/// ([`push_weighted`](Self::push_weighted), [`try_push_weighted`](Self::try_push_weighted));
/// the [`summary`](Aggregator::summary) ([`CrosstabSummary`]) has the counts, the column
/// shares (and percentages that add up to 100), each column's NPS or mean where the rows have
/// one, and the column-proportion tests with their significance letters
/// ([`CrosstabSummary::column_tests`]).
///
/// The state is, per cell, the count and the compensated sums of the weights and of their
/// squares (the squares give each column's effective base). Unweighted, every weight is 1 and
/// the sums are exact integers, so merges are exact and order-free.
///
/// ```
/// use satisfaction::crosstab::Crosstab;
/// use satisfaction::{Aggregator, NpsScore};
///
/// let mut table: Crosstab<NpsScore, &str> = Crosstab::default();
/// for (score, channel) in [(10, "chat"), (9, "chat"), (3, "email"), (8, "email"), (10, "email")] {
///     table.push((NpsScore::new(score)?, channel));
/// }
/// let summary = table.summary().unwrap();
/// assert_eq!(summary.count(&NpsScore::new(10)?, &"email"), 1);
/// assert_eq!(summary.column_base(&"chat"), Some(2.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct Crosstab<R, C> {
    pub(super) columns: BTreeMap<C, BTreeMap<R, Tally>>,
    pub(super) count: u64,
    /// Whether any weight other than 1 was recorded.
    pub(super) weighted: bool,
}

impl<R, C> Default for Crosstab<R, C> {
    fn default() -> Self {
        Self {
            columns: BTreeMap::new(),
            count: 0,
            weighted: false,
        }
    }
}

impl<R: fmt::Debug, C: fmt::Debug> fmt::Debug for Crosstab<R, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Crosstab")
            .field("count", &self.count)
            .field("weighted", &self.weighted)
            .field("columns", &self.columns.len())
            .finish_non_exhaustive()
    }
}

impl<R: RowKey, C: Ord + Clone> Crosstab<R, C> {
    /// An empty table.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one answer with a survey weight.
    pub fn push_weighted(&mut self, row: R, column: C, weight: Weight) {
        self.tally(row, column, weight.value());
    }

    /// Records one answer with a survey weight given as a number, or refuses it (a weight that
    /// is not finite and within [`Weight::MIN`]..=[`Weight::MAX`]) and changes nothing.
    ///
    /// # Errors
    ///
    /// [`InputError::Weight`] for an invalid weight.
    ///
    /// ```
    /// use satisfaction::crosstab::Crosstab;
    ///
    /// let mut table: Crosstab<&str, &str> = Crosstab::new();
    /// table.try_push_weighted("price", "north", 1.7)?;
    /// assert!(table.try_push_weighted("price", "north", f64::NAN).is_err());
    /// assert!(table.is_weighted());
    /// # Ok::<(), satisfaction::InputError>(())
    /// ```
    pub fn try_push_weighted(&mut self, row: R, column: C, weight: f64) -> Result<(), InputError> {
        let weight = Weight::new(weight).map_err(InputError::from)?;
        self.push_weighted(row, column, weight);
        Ok(())
    }

    fn tally(&mut self, row: R, column: C, w: f64) {
        // MAX_COUNT answers are far more than a table is built from; past it the answer is not
        // counted rather than overflowing.
        if self.count >= MAX_COUNT {
            return;
        }
        self.columns
            .entry(column)
            .or_default()
            .entry(row)
            .or_default()
            .add(w);
        self.count += 1;
        self.weighted |= w != 1.0;
    }

    /// Whether any answer was recorded with a weight other than 1.
    #[must_use]
    pub fn is_weighted(&self) -> bool {
        self.weighted
    }

    /// The number of columns (segments) with answers.
    #[must_use]
    pub fn columns(&self) -> usize {
        self.columns.len()
    }
}

impl<R: RowKey, C: Ord + Clone> Aggregator for Crosstab<R, C> {
    type Input = (R, C);
    type Summary = CrosstabSummary<R, C>;
    type Error = Infallible;

    fn record(&mut self, (row, column): (R, C)) -> Result<(), Infallible> {
        self.tally(row, column, 1.0);
        Ok(())
    }

    fn check(&self, _: &(R, C)) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        check_merge_total(self.count, other.count)?;
        for (column, rows) in &other.columns {
            let mine = self.columns.entry(column.clone()).or_default();
            for (row, tally) in rows {
                mine.entry(row.clone()).or_default().merge(tally);
            }
        }
        self.count += other.count;
        self.weighted |= other.weighted;
        Ok(())
    }

    fn summary(&self) -> Option<CrosstabSummary<R, C>> {
        CrosstabSummary::new(self)
    }

    fn count(&self) -> u64 {
        self.count
    }
}

impl<R: RowKey, C: Ord + Clone> Extend<(R, C)> for Crosstab<R, C> {
    fn extend<I: IntoIterator<Item = (R, C)>>(&mut self, iter: I) {
        for (row, column) in iter {
            self.tally(row, column, 1.0);
        }
    }
}

impl<R: RowKey, C: Ord + Clone> FromIterator<(R, C)> for Crosstab<R, C> {
    fn from_iter<I: IntoIterator<Item = (R, C)>>(iter: I) -> Self {
        let mut table = Self::default();
        table.extend(iter);
        table
    }
}
