//! [`KaplanMeier`], the aggregator: counts of churned and censored customers per duration.

use std::collections::BTreeMap;
use std::convert::Infallible;

use super::KaplanMeierSummary;
use super::lifetime::{Lifetime, LifetimeError, MAX_DURATION};
use crate::aggregator::{Aggregator, MAX_COUNT, TryPush, check_merge_total};
use crate::error::{MergeError, Setting, StateError, same};

/// Durations below this are counted in a table indexed by the duration (16 bytes per
/// duration up to the largest seen: at most 64 KiB; eleven years of days); longer ones in an
/// ordered map.
pub(super) const DENSE: usize = 4096;

/// Batches shorter than this are checked first and counted row by row; longer ones are
/// counted in one pass into a table of their own, merged when the whole batch is valid.
const SHORT_BATCH: usize = 4096;

/// The cells of a duration: `[censored, churned]`, indexed by the churn flag.
type Cell = [u64; 2];

/// A lifetime too long for the batch's table: `(duration, churned)` after the cap.
type Long = (u64, bool);

/// A Kaplan-Meier retention curve (Kaplan & Meier 1958), as an exact, mergeable aggregator
/// of customer lifetimes.
///
/// Each customer is a [`Lifetime`]: a duration in whole periods (days, weeks or months, the
/// caller's unit) and whether they churned then or are still active (censored: observed that
/// long, not churned yet). The state is the number of churned and of censored customers per
/// distinct duration, so merging is addition: exact and order-free, across threads, machines
/// or SQL partitions. The [summary](KaplanMeierSummary) is the curve R's `survfit` computes.
///
/// **Memory** grows with the number of distinct durations: 16 bytes per duration up to the
/// largest one below 4,096 (a table, 64 KiB at most), and about 40 bytes per distinct
/// duration from 4,096 on (an ordered map). Months, weeks, or days of up to eleven years stay
/// in the table. [`with_cap`](Self::with_cap) bounds it: durations past the cap are recorded as
/// censored at the cap (the customer was still there then), so a curve holds at most
/// `cap + 1` durations and says nothing past the cap. Durations past
/// [`MAX_DURATION`] are refused.
///
/// ```
/// use satisfaction::{Aggregator, Grouped};
/// use satisfaction::retention::{KaplanMeier, Lifetime};
///
/// // Per row...
/// let mut km = KaplanMeier::default();
/// km.try_push(14, true)?;      // churned after 14 months
/// km.try_push(20, false)?;     // active, 20 months so far
/// km.push(Lifetime::ended(3)?);
///
/// // ...or a column at a time, all or nothing.
/// let mut batch = KaplanMeier::default();
/// batch.try_extend_from_slices(&[14, 20, 3], &[true, false, true])?;
/// assert_eq!(batch, km);
///
/// // A curve per plan.
/// let mut by_plan: Grouped<&str, KaplanMeier> = Grouped::default();
/// by_plan.try_push("annual", (20, false))?;
/// by_plan.try_push("monthly", (3, true))?;
/// assert_eq!(by_plan.len(), 2);
/// # Ok::<(), satisfaction::retention::LifetimeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "super::state::KaplanMeierState",
        into = "super::state::KaplanMeierState"
    )
)]
pub struct KaplanMeier {
    /// Cells of durations `0..dense.len()`, `dense.len() <= DENSE`; the last one is not empty,
    /// so equal states are equal values.
    dense: Vec<Cell>,
    /// Non-empty cells of durations from `DENSE` on.
    sparse: BTreeMap<u64, Cell>,
    cap: Option<u64>,
    count: u64,
}

impl KaplanMeier {
    /// An empty curve without a cap (the same as `KaplanMeier::default()`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty curve whose durations past `cap` are recorded as censored at `cap`.
    ///
    /// ```
    /// use satisfaction::Aggregator;
    /// use satisfaction::retention::KaplanMeier;
    ///
    /// let mut km = KaplanMeier::with_cap(36)?;
    /// km.try_push(50, true)?;       // still a customer at 36 months: censored there
    /// let steps = km.summary().unwrap();
    /// assert_eq!((steps.steps()[0].time(), steps.steps()[0].censored()), (36, 1));
    /// assert!(km.merge(&KaplanMeier::default()).is_err()); // caps differ
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`LifetimeError::CapTooLong`] past [`MAX_DURATION`].
    pub fn with_cap(cap: u64) -> Result<Self, LifetimeError> {
        if cap > MAX_DURATION {
            return Err(LifetimeError::CapTooLong {
                cap,
                max: MAX_DURATION,
            });
        }
        Ok(Self {
            cap: Some(cap),
            ..Self::default()
        })
    }

    /// The cap, if any.
    #[must_use]
    pub fn cap(&self) -> Option<u64> {
        self.cap
    }

    /// A curve holding already-known counts: `(duration, churned, censored)` rows in any
    /// order (from a database's `GROUP BY duration`, say); rows of zeros are ignored.
    ///
    /// ```
    /// use satisfaction::Aggregator;
    /// use satisfaction::retention::KaplanMeier;
    ///
    /// let km = KaplanMeier::from_counts(None, [(12, 3, 1), (1, 2, 0)])?;
    /// assert_eq!(km.count(), 6);
    /// assert_eq!(km.counts().next(), Some((1, 2, 0)));
    /// assert!(KaplanMeier::from_counts(None, [(1, 1, 0), (1, 0, 1)]).is_err()); // twice
    /// assert!(KaplanMeier::from_counts(Some(10), [(12, 1, 0)]).is_err());      // past the cap
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::Inconsistent`] for a duration given twice, past [`MAX_DURATION`] or past
    /// the cap, or a cap past [`MAX_DURATION`]; [`StateError::TooMany`] when the counts add
    /// up to more than [`MAX_COUNT`].
    pub fn from_counts(
        cap: Option<u64>,
        rows: impl IntoIterator<Item = (u64, u64, u64)>,
    ) -> Result<Self, StateError> {
        let bad = |problem: String| StateError::Inconsistent {
            what: "Kaplan-Meier",
            problem,
        };
        if let Some(cap) = cap.filter(|&c| c > MAX_DURATION) {
            return Err(bad(format!(
                "cap {cap} is past the longest duration, {MAX_DURATION}"
            )));
        }
        let limit = cap.unwrap_or(MAX_DURATION);
        let mut cells: BTreeMap<u64, Cell> = BTreeMap::new();
        let mut total = 0u128;
        for (duration, events, censored) in rows {
            if duration > limit {
                return Err(bad(format!(
                    "duration {duration} is past the {} {limit}",
                    if cap.is_some() {
                        "cap"
                    } else {
                        "longest duration"
                    }
                )));
            }
            total += u128::from(events) + u128::from(censored);
            if events == 0 && censored == 0 {
                continue;
            }
            if cells.insert(duration, [censored, events]).is_some() {
                return Err(bad(format!("duration {duration} is given twice")));
            }
        }
        let count = u64::try_from(total)
            .ok()
            .filter(|&t| t <= MAX_COUNT)
            .ok_or(StateError::TooMany {
                what: "Kaplan-Meier",
                total,
                limit: MAX_COUNT,
            })?;
        let sparse = cells.split_off(&(DENSE as u64));
        let mut dense = Vec::new();
        for (duration, cell) in cells {
            let i = usize::try_from(duration).unwrap_or(DENSE);
            if dense.len() <= i {
                dense.resize(i + 1, [0; 2]);
            }
            if let Some(slot) = dense.get_mut(i) {
                *slot = cell;
            }
        }
        Ok(Self {
            dense,
            sparse,
            cap,
            count,
        })
    }

    /// The state: `(duration, churned, censored)` for every duration with a customer, in
    /// increasing duration order.
    pub fn counts(&self) -> impl Iterator<Item = (u64, u64, u64)> + Clone + '_ {
        let dense = self
            .dense
            .iter()
            .enumerate()
            .filter(|(_, c)| c[0] > 0 || c[1] > 0)
            .map(|(d, c)| (d as u64, c[1], c[0]));
        let sparse = self.sparse.iter().map(|(&d, c)| (d, c[1], c[0]));
        dense.chain(sparse)
    }

    /// How many distinct durations the state holds (what its memory grows with).
    #[must_use]
    pub fn distinct_durations(&self) -> usize {
        self.counts().count()
    }

    /// Validates and records one customer: `duration` periods, churned or still active.
    ///
    /// # Errors
    ///
    /// [`LifetimeError::DurationTooLong`] past [`MAX_DURATION`]; nothing is recorded.
    pub fn try_push(&mut self, duration: u64, churned: bool) -> Result<(), LifetimeError> {
        TryPush::try_push(self, (duration, churned))
    }

    /// Records a batch of customers, `durations[i]` with `churned[i]`, all or nothing.
    ///
    /// The fast path: one pass counts the batch into a table of durations below 4,096 (after
    /// the cap), one increment per customer, merged into the curve once the whole batch is
    /// valid (over 10⁸ customers a second; the README's "Retention" section has the figures).
    ///
    /// # Errors
    ///
    /// [`LifetimeError::LengthMismatch`] when the slices differ in length,
    /// [`LifetimeError::BatchDurationTooLong`] naming the first duration past
    /// [`MAX_DURATION`], [`LifetimeError::CountOverflow`] past [`MAX_COUNT`] customers; in
    /// every case nothing is recorded.
    pub fn try_extend_from_slices(
        &mut self,
        durations: &[u64],
        churned: &[bool],
    ) -> Result<(), LifetimeError> {
        if durations.len() != churned.len() {
            return Err(LifetimeError::LengthMismatch {
                durations: durations.len(),
                churned: churned.len(),
            });
        }
        let len = durations.len();
        let count = (len as u64)
            .checked_add(self.count)
            .filter(|&c| c <= MAX_COUNT)
            .ok_or(LifetimeError::CountOverflow {
                len,
                count: self.count,
                limit: MAX_COUNT,
            })?;
        if len < SHORT_BATCH {
            // Check first, then count: nothing is recorded unless all is valid.
            if let Some((index, &duration)) = durations
                .iter()
                .enumerate()
                .find(|(_, d)| **d > MAX_DURATION)
            {
                return Err(LifetimeError::BatchDurationTooLong {
                    index,
                    duration,
                    max: MAX_DURATION,
                });
            }
            for (&duration, &churned) in durations.iter().zip(churned) {
                self.add(duration, churned);
            }
        } else {
            let (table, long) = tally(durations, churned, self.cap)?;
            self.add_table(&table);
            for (duration, churned) in long {
                self.add(duration, churned);
            }
        }
        self.count = count;
        Ok(())
    }

    /// Adds a table of cells of durations `0..table.len()` (the count is the caller's).
    fn add_table(&mut self, table: &[Cell]) {
        let used = table
            .iter()
            .rposition(|c| c[0] > 0 || c[1] > 0)
            .map_or(0, |last| last + 1);
        if self.dense.len() < used {
            self.dense.resize(used, [0; 2]);
        }
        for (mine, theirs) in self.dense.iter_mut().zip(table) {
            mine[0] = mine[0].saturating_add(theirs[0]);
            mine[1] = mine[1].saturating_add(theirs[1]);
        }
    }

    /// `(duration, churned)` after the cap.
    fn capped(&self, duration: u64, churned: bool) -> (u64, bool) {
        match self.cap {
            Some(cap) if duration > cap => (cap, false),
            _ => (duration, churned),
        }
    }

    /// Adds one customer's cell (the count is the caller's).
    fn add(&mut self, duration: u64, churned: bool) {
        let (duration, churned) = self.capped(duration, churned);
        let cell = self.cell_mut(duration);
        let slot = &mut cell[usize::from(churned)];
        *slot = slot.saturating_add(1);
    }

    fn cell_mut(&mut self, duration: u64) -> &mut Cell {
        if let Ok(i) = usize::try_from(duration)
            && i < DENSE
        {
            if self.dense.len() <= i {
                self.dense.resize(i + 1, [0; 2]);
            }
            if let Some(cell) = self.dense.get_mut(i) {
                return cell;
            }
        }
        self.sparse.entry(duration).or_insert([0; 2])
    }
}

/// Counts a batch in one pass: durations below [`DENSE`] (after the cap) into a table, longer
/// ones into a list; the first duration past [`MAX_DURATION`] is an error, and then nothing
/// is recorded (the caller merges the table only on success).
#[inline(never)]
fn tally(
    durations: &[u64],
    churned: &[bool],
    cap: Option<u64>,
) -> Result<(Vec<Cell>, Vec<Long>), LifetimeError> {
    let mut table: Vec<Cell> = vec![[0; 2]; DENSE];
    let mut long = Vec::new();
    let cap = cap.unwrap_or(MAX_DURATION);
    for (index, (&duration, &churned)) in durations.iter().zip(churned).enumerate() {
        // Past the cap: censored at the cap (selects, not branches, on the hot path).
        let over = duration > cap;
        let capped = if over { cap } else { duration };
        let churned = churned & !over;
        if duration > MAX_DURATION {
            return Err(LifetimeError::BatchDurationTooLong {
                index,
                duration,
                max: MAX_DURATION,
            });
        }
        match usize::try_from(capped).ok().and_then(|d| table.get_mut(d)) {
            Some(cell) => cell[usize::from(churned)] += 1,
            None => long.push((capped, churned)),
        }
    }
    Ok((table, long))
}

crate::aggregator::impl_try_push!(<> KaplanMeier, (u64, bool), LifetimeError, |_, (duration, churned)| Lifetime::new(duration, churned));

impl Aggregator for KaplanMeier {
    type Input = Lifetime;
    type Summary = KaplanMeierSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, lifetime: Lifetime) -> Result<(), Infallible> {
        self.add(lifetime.duration(), lifetime.churned());
        self.count = self.count.saturating_add(1);
        Ok(())
    }

    fn check(&self, _: &Lifetime) -> Result<(), Infallible> {
        Ok(())
    }

    /// Adds `other`'s counts, duration by duration.
    ///
    /// # Errors
    ///
    /// [`MergeError::ConfigurationMismatch`] when the caps differ,
    /// [`MergeError::CountOverflow`] past [`MAX_COUNT`]; `self` is unchanged.
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        let show = |cap: Option<u64>| cap.map_or(Setting::Named("none"), Setting::Count);
        same("cap", self.cap, other.cap, show)?;
        check_merge_total(self.count, other.count)?;
        if self.dense.len() < other.dense.len() {
            self.dense.resize(other.dense.len(), [0; 2]);
        }
        for (mine, theirs) in self.dense.iter_mut().zip(&other.dense) {
            mine[0] = mine[0].saturating_add(theirs[0]);
            mine[1] = mine[1].saturating_add(theirs[1]);
        }
        for (&duration, theirs) in &other.sparse {
            let mine = self.sparse.entry(duration).or_insert([0; 2]);
            mine[0] = mine[0].saturating_add(theirs[0]);
            mine[1] = mine[1].saturating_add(theirs[1]);
        }
        self.count = self.count.saturating_add(other.count);
        Ok(())
    }

    fn summary(&self) -> Option<KaplanMeierSummary> {
        (self.count > 0).then(|| KaplanMeierSummary::from_rows(self.counts(), self.cap))
    }

    fn count(&self) -> u64 {
        self.count
    }
}

crate::aggregator::impl_collect!(KaplanMeier, Lifetime, from_iter);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_and_the_map_hold_the_same_curve() {
        let durations: Vec<u64> = (0..9000).map(|i| (i * 7919) % 6000).collect();
        let churned: Vec<bool> = (0..9000).map(|i| i % 3 != 0).collect();
        let mut batch = KaplanMeier::default();
        batch.try_extend_from_slices(&durations, &churned).unwrap();
        let mut rows = KaplanMeier::default();
        for (&d, &c) in durations.iter().zip(&churned) {
            rows.try_push(d, c).unwrap();
        }
        assert_eq!(batch, rows);
        let rebuilt = KaplanMeier::from_counts(None, batch.counts()).unwrap();
        assert_eq!(rebuilt, batch);
        assert_eq!(batch.count(), 9000);
        assert!(batch.dense.len() == DENSE && !batch.sparse.is_empty());
    }

    #[test]
    fn long_batches_are_all_or_nothing() {
        let mut durations: Vec<u64> = (0..6000).map(|i| (i * 31) % 9000).collect();
        let churned: Vec<bool> = (0..6000).map(|i| i % 2 == 0).collect();
        for cap in [None, Some(0), Some(17), Some(5000), Some(MAX_DURATION)] {
            let mut capped =
                cap.map_or_else(KaplanMeier::default, |c| KaplanMeier::with_cap(c).unwrap());
            let mut bad = durations.clone();
            bad[5000] = u64::MAX;
            assert!(capped.try_extend_from_slices(&bad, &churned).is_err());
            assert!(capped.is_empty());
            let empty =
                cap.map_or_else(KaplanMeier::default, |c| KaplanMeier::with_cap(c).unwrap());
            let mut batch = empty.clone();
            batch.try_extend_from_slices(&durations, &churned).unwrap();
            let mut rows = empty.clone();
            for (&d, &c) in durations.iter().zip(&churned) {
                rows.try_push(d, c).unwrap();
            }
            assert_eq!(batch, rows, "{cap:?}");
        }
        durations[4500] = MAX_DURATION + 1;
        let mut km = KaplanMeier::default();
        km.try_push(2, true).unwrap();
        let before = km.clone();
        assert!(matches!(
            km.try_extend_from_slices(&durations, &churned),
            Err(LifetimeError::BatchDurationTooLong { index: 4500, .. })
        ));
        assert_eq!(km, before);
    }

    #[test]
    fn caps_censor_and_bound_the_state() {
        let mut km = KaplanMeier::with_cap(5).unwrap();
        km.try_extend_from_slices(&[1, 5, 9, 2000], &[true, true, true, true])
            .unwrap();
        let rows: Vec<_> = km.counts().collect();
        assert_eq!(rows, [(1, 1, 0), (5, 1, 2)]);
        let mut one = KaplanMeier::with_cap(5).unwrap();
        one.try_push(7, true).unwrap();
        assert_eq!(one.counts().collect::<Vec<_>>(), [(5, 0, 1)]);
        assert!(KaplanMeier::with_cap(MAX_DURATION + 1).is_err());
        let mut other = KaplanMeier::with_cap(6).unwrap();
        assert!(other.merge(&km).is_err());
        assert!(other.is_empty());
    }

    #[test]
    fn refused_batches_record_nothing() {
        let mut km = KaplanMeier::default();
        km.try_push(3, true).unwrap();
        let before = km.clone();
        assert!(matches!(
            km.try_extend_from_slices(&[1, MAX_DURATION + 1, 2], &[true; 3]),
            Err(LifetimeError::BatchDurationTooLong { index: 1, .. })
        ));
        assert!(km.try_extend_from_slices(&[1], &[]).is_err());
        assert!(km.try_push(MAX_DURATION + 1, false).is_err());
        assert_eq!(km, before);
        let full = KaplanMeier::from_counts(None, [(1, MAX_COUNT, 0)]).unwrap();
        let mut full2 = full.clone();
        assert!(matches!(
            full2.try_extend_from_slices(&[1], &[true]),
            Err(LifetimeError::CountOverflow { .. })
        ));
        assert!(full2.merge(&before).is_err());
        assert_eq!(full2, full);
        km.try_push(MAX_DURATION, false).unwrap();
        assert_eq!(km.counts().last(), Some((MAX_DURATION, 0, 1)));
    }
}
