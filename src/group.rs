//! [`Grouped`] and [`GroupedSummary`]: one aggregator per key. The user-facing documentation
//! is on [`Grouped`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::Hash;

use foldhash::fast::RandomState;

use std::convert::Infallible;

use crate::aggregator::{Aggregator, TryPush, check_batch, check_merge_total};
use crate::counts::{Kernel, run};
use crate::error::{BatchError, MergeError, StateError};
use crate::interval::Difference;
use crate::metrics::nps::Nps;
use crate::scale::NpsScore;

/// One aggregator per key (channel, agent, period, or a tuple of them), created on first use
/// from a prototype.
///
/// Any aggregator works, tuples of aggregators included. The prototype is the empty aggregator,
/// so a configured CSAT scale or SLA target carries over to every new group. Merging is
/// group-wise (a key missing on one side is taken whole), and everything that lists groups
/// (iteration, summaries, `Display`, the serialised state) does so in key order, which is
/// why keys are `Ord`. Nested breakdowns (segment × period) are tuple keys.
///
/// Streams arrive a row at a time, so finding a row's group is one hash lookup
/// (`foldhash`, seeded per process): about 8 ns at 1,000 keys, where a search tree takes
/// 60-80 ns (`cargo bench --bench grouped_rows`). Keys are therefore also `Hash`, and kept
/// twice (in the table and beside their group); [`iter`](Self::iter) sorts the groups by key
/// each time it is called. Memory per group is the inner aggregator, two copies of the key and
/// two words.
///
/// ```
/// use satisfaction::{Aggregator, Granularity, Grouped, Nps, NpsScore, Period};
///
/// let mut by_channel: Grouped<&str, Nps> = Grouped::default();
/// by_channel.push(("chat", NpsScore::new(10)?));
/// by_channel.push(("email", NpsScore::new(3)?));
/// by_channel.try_push("chat", 9)?;
/// assert_eq!(by_channel.get(&"chat").unwrap().count(), 2);
///
/// // Segment × month.
/// let mut trend: Grouped<(&str, Period), Nps> = Grouped::default();
/// let november = Period::containing(1_795_422_400, Granularity::Month)?;
/// trend.entry(("chat", november)).try_push(10)?;
/// let summary = trend.summary().unwrap();
/// assert_eq!(summary.get(&("chat", november)).unwrap().promoters(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Grouped<K, A> {
    /// Each group's key and aggregator, in the order the groups were created.
    groups: Vec<(K, A)>,
    /// Where each key's group is in `groups`.
    index: HashMap<K, usize, RandomState>,
    prototype: A,
}

impl<K: Ord + Hash + Clone, A: Default> Default for Grouped<K, A> {
    fn default() -> Self {
        Self::new(A::default())
    }
}

/// Equal when they hold the same groups (however they were created) and prototypes.
impl<K: Hash + Eq, A: PartialEq> PartialEq for Grouped<K, A> {
    fn eq(&self, other: &Self) -> bool {
        self.prototype == other.prototype
            && self.groups.len() == other.groups.len()
            && self.groups.iter().all(|(key, group)| {
                other
                    .index
                    .get(key)
                    .and_then(|&i| other.groups.get(i))
                    .is_some_and(|(_, theirs)| theirs == group)
            })
    }
}

/// The groups in key order, then the prototype.
impl<K: Ord + fmt::Debug, A: fmt::Debug> fmt::Debug for Grouped<K, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Grouped")
            .field("groups", &self.sorted())
            .field("prototype", &self.prototype)
            .finish()
    }
}

impl<K, A> Grouped<K, A> {
    /// The groups, sorted by key.
    fn sorted(&self) -> Vec<(&K, &A)>
    where
        K: Ord,
    {
        let mut sorted: Vec<(&K, &A)> = self.groups.iter().map(|(k, a)| (k, a)).collect();
        sorted.sort_unstable_by_key(|&(key, _)| key);
        sorted
    }
}

impl<K: Ord + Hash + Clone, A> Grouped<K, A> {
    /// Groups whose new members start as clones of `empty` (e.g. `Csat::new(scale, 6)?` or
    /// `FirstResponseTime::with_target(..)`).
    pub fn new(empty: A) -> Self {
        Self {
            groups: Vec::new(),
            index: HashMap::default(),
            prototype: empty,
        }
    }

    /// The group of `key`, created empty if it does not exist.
    #[inline]
    pub fn entry(&mut self, key: K) -> &mut A
    where
        A: Clone,
    {
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => self.insert(key, self.prototype.clone()),
        };
        // `i` came from the table, which only holds positions of `groups`.
        &mut self.groups[i].1
    }

    /// Adds a group for a key that has none; returns its position.
    fn insert(&mut self, key: K, group: A) -> usize {
        let i = self.groups.len();
        self.index.insert(key.clone(), i);
        self.groups.push((key, group));
        i
    }

    /// The group of `key`, if it exists.
    #[must_use]
    pub fn get(&self, key: &K) -> Option<&A> {
        let &i = self.index.get(key)?;
        self.groups.get(i).map(|(_, group)| group)
    }

    /// Groups in key order (sorted on each call).
    pub fn iter(&self) -> impl Iterator<Item = (&K, &A)> {
        self.sorted().into_iter()
    }

    /// Number of groups.
    #[must_use]
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// `true` without groups.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

impl<K, A> Aggregator for Grouped<K, A>
where
    K: Ord + Hash + Clone,
    A: Aggregator + Clone,
{
    type Input = (K, A::Input);
    type Summary = GroupedSummary<K, A::Summary>;
    type Error = A::Error;

    /// Records `input` in `key`'s group, creating it from the prototype on first use; an input
    /// the prototype refuses creates no group and changes nothing.
    #[inline]
    fn record(&mut self, (key, input): (K, A::Input)) -> Result<(), A::Error> {
        match self.index.get(&key) {
            Some(&i) => self.groups[i].1.record(input),
            None => {
                let mut group = self.prototype.clone();
                group.record(input)?;
                self.insert(key, group);
                Ok(())
            }
        }
    }

    fn check(&self, (key, input): &(K, A::Input)) -> Result<(), A::Error> {
        match self.get(key) {
            Some(group) => group.check(input),
            None => self.prototype.check(input),
        }
    }

    /// Merges group-wise: a key missing on one side is taken whole. All or nothing: the
    /// prototypes must agree, every group must merge, and the total over all groups stays at
    /// most [`MAX_COUNT`](crate::MAX_COUNT).
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        // Configurations must agree even where no key is shared.
        self.prototype.clone().merge(&other.prototype)?;
        check_merge_total(self.count(), other.count())?;
        let mut merged: Vec<(K, A)> = Vec::with_capacity(other.groups.len());
        for (key, theirs) in &other.groups {
            let mut group = match self.get(key) {
                Some(mine) => mine.clone(),
                None => self.prototype.clone(),
            };
            group.merge(theirs)?;
            merged.push((key.clone(), group));
        }
        // Every group merged: now apply them all.
        for (key, group) in merged {
            match self.index.get(&key) {
                Some(&i) => self.groups[i].1 = group,
                None => {
                    self.insert(key, group);
                }
            }
        }
        Ok(())
    }

    fn summary(&self) -> Option<GroupedSummary<K, A::Summary>> {
        let groups: BTreeMap<K, A::Summary> = self
            .groups
            .iter()
            .filter_map(|(k, a)| a.summary().map(|s| (k.clone(), s)))
            .collect();
        (!groups.is_empty()).then_some(GroupedSummary { groups })
    }

    /// Observations over all groups.
    fn count(&self) -> u64 {
        self.groups
            .iter()
            .fold(0u64, |t, (_, a)| t.saturating_add(a.count()))
    }
}

/// Raw input for the group of a key: converted by the groups' configuration (the prototype's),
/// so a refused value creates no group.
impl<K, A, R> TryPush<(K, R)> for Grouped<K, A>
where
    K: Ord + Hash + Clone,
    A: TryPush<R> + Clone,
{
    type Error = <A as TryPush<R>>::Error;

    fn input(&self, (key, raw): (K, R)) -> Result<(K, A::Input), <A as TryPush<R>>::Error> {
        Ok((key, self.prototype.input(raw)?))
    }

    #[inline]
    fn try_push(&mut self, (key, raw): (K, R)) -> Result<(), <A as TryPush<R>>::Error> {
        match self.index.get(&key) {
            Some(&i) => self.groups[i].1.try_push(raw),
            None => {
                let mut group = self.prototype.clone();
                group.try_push(raw)?;
                self.insert(key, group);
                Ok(())
            }
        }
    }
}

impl<K, A> Grouped<K, A>
where
    K: Ord + Hash + Clone,
    A: Aggregator + Clone,
{
    /// Checks raw input (what the group's own `try_push` takes: a score, a score and a
    /// weight, a response) and records it in `key`'s group, creating the group on first use;
    /// a refused input creates no group and changes nothing.
    ///
    /// ```
    /// use satisfaction::{Aggregator, Grouped, Nps};
    ///
    /// let mut by_channel: Grouped<&str, Nps> = Grouped::default();
    /// by_channel.try_push("chat", 9)?;
    /// by_channel.try_push("chat", 10u64)?;
    /// assert!(by_channel.try_push("sms", 11).is_err());
    /// assert_eq!((by_channel.len(), by_channel.count()), (1, 2));
    /// # Ok::<(), satisfaction::ScoreError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The group's own `try_push` error; nothing is recorded.
    pub fn try_push<R>(&mut self, key: K, raw: R) -> Result<(), <A as TryPush<R>>::Error>
    where
        A: TryPush<R>,
    {
        TryPush::try_push(self, (key, raw))
    }
}

impl<K, A> Extend<(K, A::Input)> for Grouped<K, A>
where
    K: Ord + Hash + Clone,
    A: Aggregator<Error = Infallible> + Clone,
{
    fn extend<I: IntoIterator<Item = (K, A::Input)>>(&mut self, items: I) {
        for item in items {
            self.push(item);
        }
    }
}

impl<K, A> FromIterator<(K, A::Input)> for Grouped<K, A>
where
    K: Ord + Hash + Clone,
    A: Aggregator<Error = Infallible> + Clone + Default,
{
    fn from_iter<I: IntoIterator<Item = (K, A::Input)>>(items: I) -> Self {
        let mut grouped = Self::default();
        grouped.extend(items);
        grouped
    }
}

/// Keys up to this value take the dense path of [`Grouped::try_extend_from_slices`].
const DENSE_KEYS: usize = 1 << 16;

impl<K> Grouped<K, Nps>
where
    K: Ord + Hash + Copy + TryInto<usize> + TryFrom<usize>,
{
    /// Grouped batch ingestion: `scores[i]` (raw 0..=10) goes to the group of `keys[i]`, all or
    /// nothing.
    ///
    /// Integer keys below 65,536 are counted into a dense table first (one increment per row,
    /// no map lookup), then folded into the groups once per distinct key; larger keys take the
    /// map path.
    ///
    /// ```
    /// use satisfaction::{Aggregator, Grouped, Nps};
    ///
    /// let mut by_agent: Grouped<u32, Nps> = Grouped::default();
    /// by_agent.try_extend_from_slices(&[7, 7, 42, 7], &[10, 9, 3, 6])?;
    /// assert_eq!(by_agent.get(&7).unwrap().count(), 3);
    /// assert!(by_agent.try_extend_from_slices(&[1, 2], &[10]).is_err()); // lengths differ
    /// assert!(by_agent.try_extend_from_slices(&[1, 2], &[10, 11]).is_err()); // 11 is not a score
    /// assert_eq!(by_agent.count(), 4); // unchanged by the failures
    /// # Ok::<(), satisfaction::BatchError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`BatchError::LengthMismatch`], [`BatchError::OutOfRange`] naming the first score above
    /// 10, or [`BatchError::CountOverflow`]; in every case nothing is recorded.
    pub fn try_extend_from_slices(&mut self, keys: &[K], scores: &[u8]) -> Result<(), BatchError> {
        check_batch(keys.len(), scores.len(), self.count())?;
        // Validate everything first (the NPS kernel does it at memory speed).
        Nps::default().try_extend_from_slice(scores)?;
        // The largest key as an index (a plain max reduction, which vectorises); keys that do
        // not convert count as too large.
        let largest = run(LargestKey(keys));
        let dense_max = (largest < DENSE_KEYS).then_some(largest);
        match dense_max {
            Some(max) if !keys.is_empty() => {
                let mut table = vec![0u64; (max + 1) * 4];
                run(DenseNps {
                    keys,
                    scores,
                    table: &mut table,
                });
                for (i, row) in table.chunks_exact(4).enumerate() {
                    let [d, p, c] = [row[0], row[1], row[2]];
                    if d + p + c == 0 {
                        continue;
                    }
                    // The index came from a key, so it converts back; the total was checked
                    // above, so the counts and the merge are within the limit.
                    if let (Ok(key), Ok(part)) = (K::try_from(i), Nps::from_counts(d, p, c)) {
                        let _ = self.entry(key).merge(&part);
                    }
                }
            }
            _ => {
                // Every score was validated above, so every conversion succeeds.
                let scores = scores.iter().filter_map(|&s| NpsScore::new(s).ok());
                for (&key, score) in keys.iter().zip(scores) {
                    self.entry(key).push(score);
                }
            }
        }
        Ok(())
    }
}

/// The largest key as an index (a max reduction, which vectorises); keys that do not convert
/// count as too large.
struct LargestKey<'a, K>(&'a [K]);

impl<K: Copy + TryInto<usize>> Kernel for LargestKey<'_, K> {
    type Output = usize;

    #[inline(always)]
    fn call(self) -> usize {
        self.0.iter().fold(0usize, |max, &k| {
            max.max(k.try_into().unwrap_or(usize::MAX))
        })
    }
}

/// The dense path's counting loop: one increment per row, at `4 * key + bucket` of a flat
/// table (a power-of-two stride, so the index is a shift and an add). The scores are
/// validated; their buckets are [`NpsScore::category`]'s, computed branch-free by
/// [`NpsScore::bucket_of_raw`] (1.8× the rows per second of going through `NpsScore::new`).
struct DenseNps<'a, K> {
    keys: &'a [K],
    scores: &'a [u8],
    table: &'a mut [u64],
}

impl<K: Copy + TryInto<usize>> Kernel for DenseNps<'_, K> {
    type Output = ();

    #[inline(always)]
    fn call(self) {
        for (&key, &score) in self.keys.iter().zip(self.scores) {
            let Ok(i) = key.try_into() else { continue };
            // Every key is below `DENSE_KEYS` here, so `4 * i` does not wrap; `get_mut` keeps
            // the loop panic-free regardless.
            let at = i.wrapping_mul(4) + NpsScore::bucket_of_raw(score);
            if let Some(count) = self.table.get_mut(at) {
                *count += 1;
            }
        }
    }
}

/// The summaries of a [`Grouped`], in key order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct GroupedSummary<K, S> {
    groups: BTreeMap<K, S>,
}

impl<K: Ord, S> GroupedSummary<K, S> {
    /// The summary of `key`.
    #[must_use]
    pub fn get(&self, key: &K) -> Option<&S> {
        self.groups.get(key)
    }

    /// Summaries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &S)> {
        self.groups.iter()
    }

    /// Number of non-empty groups.
    #[must_use]
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// `true` when there are no groups (never, for a summary).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Each group's summary turned into another by `f`, groups for which it gives `None` left
    /// out; `None` when it gives `None` for every group. The way from a summary of composite
    /// aggregators to one metric per key: a question of a scorecard per month, one part of a
    /// tuple per channel, ready for [`changes`](Self::changes) or a chart.
    ///
    /// ```
    /// use satisfaction::{Aggregator, Answer, Granularity, Grouped, Period, Question, Response};
    /// use satisfaction::{Scorecard, Survey};
    ///
    /// let survey = Survey::builder("pulse").question(Question::nps("nps")).build()?;
    /// let mut by_month: Grouped<Period, Scorecard> = Grouped::new(Scorecard::lenient(&survey));
    /// for (day, score) in [(1_793_000_000, 9), (1_793_100_000, 3), (1_795_700_000, 10)] {
    ///     let response = Response::new("pulse", format!("r{day}"), day)?
    ///         .with_answer("nps", Answer::Score(score));
    ///     by_month.record((Period::containing(day, Granularity::Month)?, response))?;
    /// }
    /// let cards = by_month.summary().unwrap();
    /// let nps = cards.filter_map(|card| card.question("nps")?.nps()).unwrap();
    /// assert_eq!(nps.len(), 2);
    /// // With the `chart` feature: chart::trend(nps.iter(), &ChartOptions::default())
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn filter_map<T>(&self, mut f: impl FnMut(&S) -> Option<T>) -> Option<GroupedSummary<K, T>>
    where
        K: Clone,
    {
        let groups: BTreeMap<K, T> = self
            .groups
            .iter()
            .filter_map(|(k, s)| f(s).map(|t| (k.clone(), t)))
            .collect();
        (!groups.is_empty()).then_some(GroupedSummary { groups })
    }

    /// Each change between consecutive groups in key order (for period keys: each period
    /// against the one before), as `(previous key, key, difference)`, where `compare(later,
    /// earlier)` gives the difference or `None` when it cannot be computed.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel, Grouped, Nps, NpsMethod};
    ///
    /// let mut monthly: Grouped<u32, Nps> = Grouped::default();
    /// monthly.entry(1).try_extend_from_slice(&[10, 9, 3, 8, 10])?;
    /// monthly.entry(2).try_extend_from_slice(&[2, 5, 9, 6, 7, 4])?;
    /// let summary = monthly.summary().unwrap();
    /// let changes = summary.changes(|later, earlier| {
    ///     Some(later.difference(earlier, ConfidenceLevel::P95, NpsMethod::AdjustedWald))
    /// });
    /// assert_eq!(changes.len(), 1);
    /// assert!(changes[0].2.estimate() < 0.0);
    /// # Ok::<(), satisfaction::BatchError>(())
    /// ```
    pub fn changes<F>(&self, mut compare: F) -> Vec<(&K, &K, Difference)>
    where
        F: FnMut(&S, &S) -> Option<Difference>,
    {
        let pairs: Vec<(&K, &S)> = self.groups.iter().collect();
        pairs
            .windows(2)
            .filter_map(|w| {
                let ((k0, s0), (k1, s1)) = (w[0], w[1]);
                compare(s1, s0).map(|d| (k0, k1, d))
            })
            .collect()
    }
}

/// Summaries in key order, so a grouped summary can be passed wherever `(key, summary)` pairs
/// are taken (the charts of the `chart` feature, for one).
impl<'a, K, S> IntoIterator for &'a GroupedSummary<K, S> {
    type Item = (&'a K, &'a S);
    type IntoIter = std::collections::btree_map::Iter<'a, K, S>;

    fn into_iter(self) -> Self::IntoIter {
        self.groups.iter()
    }
}

impl<K: fmt::Display, S: fmt::Display> fmt::Display for GroupedSummary<K, S> {
    /// One line per group: `key: summary`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (k, s)) in self.groups.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{k}: {s}")?;
        }
        Ok(())
    }
}

impl<K, A> Grouped<K, A>
where
    K: Ord + Hash + Clone,
    A: Aggregator + Clone,
{
    /// Groups built elsewhere (deserialised, or kept in a database), validated: the prototype
    /// must be empty, every group must be configured like it (its merge into the prototype must
    /// succeed), keys must be unique, and all groups together hold at most
    /// [`MAX_COUNT`](crate::MAX_COUNT) observations.
    ///
    /// ```
    /// use satisfaction::{Aggregator, Csat, Grouped, RatingScale};
    ///
    /// let mut seven = Csat::new(RatingScale::SEVEN_POINT, 6)?;
    /// seven.try_push(7)?;
    /// // A 1-7 group under a 1-5 prototype cannot be.
    /// assert!(Grouped::from_groups(Csat::default(), [("web", seven.clone())]).is_err());
    /// let by_channel = Grouped::from_groups(Csat::new(RatingScale::SEVEN_POINT, 6)?, [("web", seven)])?;
    /// assert_eq!(by_channel.count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::Inconsistent`] for a non-empty prototype, a repeated key or a group
    /// configured otherwise; [`StateError::TooMany`] past the limit.
    pub fn from_groups(
        prototype: A,
        groups: impl IntoIterator<Item = (K, A)>,
    ) -> Result<Self, StateError> {
        let bad = |problem: String| StateError::Inconsistent {
            what: "grouped",
            problem,
        };
        if !prototype.is_empty() {
            return Err(bad("the prototype of new groups is not empty".into()));
        }
        let mut grouped = Self::new(prototype);
        let mut counts = Vec::new();
        for (i, (key, group)) in groups.into_iter().enumerate() {
            grouped
                .prototype
                .clone()
                .merge(&group)
                .map_err(|e| bad(format!("group {i} does not fit the prototype: {e}")))?;
            counts.push(group.count());
            if grouped.index.contains_key(&key) {
                return Err(bad(format!("group {i} repeats a key")));
            }
            grouped.insert(key, group);
        }
        crate::counts::checked_total("grouped", &counts)?;
        Ok(grouped)
    }
}

#[cfg(feature = "serde")]
mod state {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Grouped, GroupedSummary};
    use crate::aggregator::Aggregator;

    /// Groups serialise as a sorted list of `[key, state]` pairs (JSON maps only take string
    /// keys), with the prototype and the format version.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct GroupedState<K, A> {
        version: u32,
        empty: A,
        groups: Vec<(K, A)>,
    }

    impl<K: Serialize + Clone + Ord + std::hash::Hash, A: Serialize + Clone> Serialize
        for Grouped<K, A>
    {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            GroupedState {
                version: crate::state::STATE_VERSION,
                empty: self.prototype.clone(),
                groups: self.iter().map(|(k, a)| (k.clone(), a.clone())).collect(),
            }
            .serialize(serializer)
        }
    }

    impl<'de, K, A> Deserialize<'de> for Grouped<K, A>
    where
        K: Deserialize<'de> + Ord + std::hash::Hash + Clone,
        A: Deserialize<'de> + Aggregator + Clone,
    {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let state = GroupedState::<K, A>::deserialize(deserializer)?;
            crate::state::check_version(state.version).map_err(D::Error::custom)?;
            Grouped::from_groups(state.empty, state.groups).map_err(D::Error::custom)
        }
    }

    /// The serialised form of a [`GroupedSummary`]: each group's key and summary, in key order.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SummaryForm<K, S> {
        version: u32,
        groups: Vec<(K, S)>,
    }

    impl<K: Serialize + Clone, S: Serialize + Clone> Serialize for GroupedSummary<K, S> {
        fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
            SummaryForm {
                version: crate::state::STATE_VERSION,
                groups: self
                    .groups
                    .iter()
                    .map(|(k, s)| (k.clone(), s.clone()))
                    .collect(),
            }
            .serialize(serializer)
        }
    }

    impl<'de, K, S> Deserialize<'de> for GroupedSummary<K, S>
    where
        K: Deserialize<'de> + Ord,
        S: Deserialize<'de>,
    {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let form = SummaryForm::<K, S>::deserialize(deserializer)?;
            crate::state::check_version(form.version).map_err(D::Error::custom)?;
            let len = form.groups.len();
            let groups: std::collections::BTreeMap<K, S> = form.groups.into_iter().collect();
            if groups.len() != len {
                return Err(D::Error::custom("grouped summary: a key appears twice"));
            }
            if groups.is_empty() {
                return Err(D::Error::custom(
                    "grouped summary: a summary has at least one group",
                ));
            }
            Ok(GroupedSummary { groups })
        }
    }
}
