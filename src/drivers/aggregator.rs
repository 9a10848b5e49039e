//! [`KeyDrivers`], the aggregator, with its builder and its input, [`DriverRow`].

use super::bootstrap::{Bootstrap, RowKey};
use super::error::DriversError;
use super::missing::MissingAnswers;
use super::moments::Table;
use super::summary::KeyDriversSummary;
use crate::aggregator::{Aggregator, TryPush, check_merge_total};
use crate::error::MergeError;
use crate::weighting::Weight;

/// The most drivers an analysis takes: exact LMG visits all `2^p` subsets, about 15 ns each,
/// so 30 drivers take about 20 s and every one more doubles it.
pub const MAX_DRIVERS: usize = 30;

/// The largest value (outcome or driver) a row may hold in size: bounded so that weighted
/// squared deviations cannot overflow.
pub const MAX_VALUE: f64 = 1e100;

/// One checked row of a key-driver analysis: the outcome, one value per driver (`None` for
/// "not rated"), a weight, and for an analysis that draws bootstrap replicates, the row's key.
///
/// ```
/// use satisfaction::drivers::DriverRow;
///
/// let row = DriverRow::new(Some(8.0), vec![Some(4.0), None])?.weighted(1.5)?.keyed("R_17");
/// assert_eq!((row.outcome(), row.values()), (Some(8.0), &[Some(4.0), None][..]));
/// assert!(DriverRow::new(Some(f64::NAN), vec![]).is_err());
/// assert!(DriverRow::new(Some(8.0), vec![]).unwrap().weighted(0.0).is_err());
/// # Ok::<(), satisfaction::drivers::DriversError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DriverRow {
    outcome: Option<f64>,
    values: Vec<Option<f64>>,
    weight: Weight,
    key: Option<RowKey>,
}

impl DriverRow {
    /// A row of weight 1 without a key; a missing outcome (`None`) makes a row that is counted
    /// as dropped.
    ///
    /// # Errors
    ///
    /// [`DriversError::NotFinite`] for an outcome or value that is NaN, infinite or beyond
    /// ±[`MAX_VALUE`].
    pub fn new(outcome: Option<f64>, values: Vec<Option<f64>>) -> Result<Self, DriversError> {
        if let Some(outcome) = outcome {
            check_value(outcome, || "outcome".to_owned())?;
        }
        for (i, value) in values.iter().enumerate() {
            if let Some(value) = *value {
                check_value(value, || format!("value of driver {i}"))?;
            }
        }
        Ok(Self {
            outcome,
            values,
            weight: Weight::ONE,
            key: None,
        })
    }

    /// The same row with weight `weight`.
    ///
    /// # Errors
    ///
    /// [`DriversError::Weight`] for a weight that is not a finite number in
    /// [`Weight::MIN`]..=[`Weight::MAX`].
    pub fn weighted(mut self, weight: f64) -> Result<Self, DriversError> {
        self.weight = Weight::new(weight)?;
        Ok(self)
    }

    /// The same row with its key (a respondent id), which fixes its bootstrap weights.
    #[must_use]
    pub fn keyed(mut self, key: impl Into<RowKey>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The outcome.
    #[must_use]
    pub fn outcome(&self) -> Option<f64> {
        self.outcome
    }

    /// The driver values, in driver order.
    #[must_use]
    pub fn values(&self) -> &[Option<f64>] {
        &self.values
    }

    /// The weight.
    #[must_use]
    pub fn weight(&self) -> f64 {
        self.weight.value()
    }
}

fn check_value(value: f64, what: impl FnOnce() -> String) -> Result<(), DriversError> {
    if value.is_finite() && value.abs() <= MAX_VALUE {
        Ok(())
    } else {
        Err(DriversError::NotFinite {
            what: what(),
            value,
        })
    }
}

/// Key-driver analysis: which survey items move the score, as each item's share of the
/// explained variance, from a mergeable state.
///
/// See the [module docs](super) for the measures and how they are computed. The state is the
/// weighted means and co-moments of the drivers and the outcome over the rows used (complete
/// cases by default, or pairwise: [`MissingAnswers`]), plus the same for each bootstrap
/// replicate when the analysis draws them ([`Bootstrap`]). Rows are folded in one at a time
/// and partial states merge exactly enough that neither the order nor the split of the rows
/// matters (to about 1e-15 relative).
///
/// ```
/// use satisfaction::Aggregator;
/// use satisfaction::drivers::KeyDrivers;
///
/// let mut drivers = KeyDrivers::new(&["wifi", "seat", "food"])?;
/// let rows = [
///     (7.0, [4.0, 3.0, 2.0]), (9.0, [5.0, 4.0, 3.0]), (4.0, [2.0, 2.0, 3.0]),
///     (6.0, [3.0, 4.0, 1.0]), (8.0, [5.0, 3.0, 4.0]), (5.0, [3.0, 2.0, 2.0]),
///     (3.0, [1.0, 3.0, 2.0]), (9.0, [4.0, 5.0, 4.0]),
/// ];
/// for (outcome, values) in rows {
///     drivers.try_push(outcome, &values.map(Some))?;
/// }
/// drivers.try_push(6.0, &[Some(3.0), None, Some(2.0)])?; // not rated: dropped
///
/// let summary = drivers.summary().unwrap();
/// assert_eq!((summary.n(), summary.dropped()), (8, 1));
/// let wifi = summary.driver("wifi").unwrap();
/// let total: f64 = summary.drivers().iter().map(|d| d.lmg()).sum();
/// assert!((total - summary.r_squared()).abs() < 1e-12); // LMG splits R² exactly
/// assert_eq!(wifi.rank(), 1);
/// # Ok::<(), satisfaction::drivers::DriversError>(())
/// ```
///
/// State: `(p + 1)(p + 2) / 2 + p + 3` numbers for `p` drivers (1 KiB for 14 drivers), and
/// as many again per bootstrap replicate (200 KiB for 14 drivers and 200 replicates);
/// pairwise, about 3× that.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "super::state::KeyDriversState",
        into = "super::state::KeyDriversState"
    )
)]
pub struct KeyDrivers {
    pub(super) names: Vec<String>,
    pub(super) missing: MissingAnswers,
    pub(super) bootstrap: Option<Bootstrap>,
    /// Rows recorded, dropped ones included.
    pub(super) recorded: u64,
    /// Rows recorded but not used (an outcome or every needed driver value missing).
    pub(super) dropped: u64,
    pub(super) table: Table,
    /// One table per bootstrap replicate.
    pub(super) replicates: Vec<Table>,
}

impl KeyDrivers {
    /// An analysis of `names` (the drivers, in the order rows give their values): complete
    /// cases, no bootstrap. See [`builder`](Self::builder) for the options.
    ///
    /// # Errors
    ///
    /// [`DriversError::NoDrivers`], [`DriversError::EmptyName`],
    /// [`DriversError::DuplicateName`], [`DriversError::TooManyDrivers`] (more than
    /// [`MAX_DRIVERS`]).
    pub fn new(names: &[&str]) -> Result<Self, DriversError> {
        Self::builder(names).build()
    }

    /// A builder for an analysis of `names` with options: how missing answers are handled, and
    /// bootstrap replicates for intervals.
    ///
    /// ```
    /// use satisfaction::drivers::{Bootstrap, KeyDrivers, MissingAnswers};
    ///
    /// let drivers = KeyDrivers::builder(&["wifi", "seat"])
    ///     .missing(MissingAnswers::Pairwise)
    ///     .bootstrap(Bootstrap::new(500, 42)?)
    ///     .build()?;
    /// assert_eq!(drivers.bootstrap().map(|b| b.replicates()), Some(500));
    /// # Ok::<(), satisfaction::drivers::DriversError>(())
    /// ```
    pub fn builder(names: &[&str]) -> KeyDriversBuilder {
        KeyDriversBuilder {
            names: names.iter().map(|&n| n.to_owned()).collect(),
            missing: MissingAnswers::default(),
            bootstrap: None,
        }
    }

    /// The drivers' names, in order.
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// How missing driver values are handled.
    #[must_use]
    pub fn missing(&self) -> MissingAnswers {
        self.missing
    }

    /// The bootstrap, if the analysis draws replicates.
    #[must_use]
    pub fn bootstrap(&self) -> Option<Bootstrap> {
        self.bootstrap
    }

    /// Records one row: the outcome and one value per driver (`None`: not rated).
    ///
    /// # Errors
    ///
    /// [`DriversError::WrongLength`], [`DriversError::NotFinite`], and
    /// [`DriversError::MissingKey`] when the analysis draws bootstrap replicates (use
    /// [`try_push_keyed`](Self::try_push_keyed)); nothing is recorded.
    pub fn try_push(&mut self, outcome: f64, values: &[Option<f64>]) -> Result<(), DriversError> {
        TryPush::try_push(self, (outcome, values))
    }

    /// [`try_push`](Self::try_push) with a weight (a post-stratification or raking weight).
    ///
    /// # Errors
    ///
    /// As [`try_push`](Self::try_push), and [`DriversError::Weight`] for a weight that is not
    /// a finite number in [`Weight::MIN`]..=[`Weight::MAX`].
    pub fn try_push_weighted(
        &mut self,
        outcome: f64,
        values: &[Option<f64>],
        weight: f64,
    ) -> Result<(), DriversError> {
        let weight = Weight::new(weight)?;
        self.push_slice(Some(outcome), values, weight, None)
    }

    /// [`try_push_weighted`](Self::try_push_weighted) with the row's key (a respondent id),
    /// which fixes the row's weight in every bootstrap replicate.
    ///
    /// # Errors
    ///
    /// As [`try_push_weighted`](Self::try_push_weighted).
    pub fn try_push_keyed(
        &mut self,
        key: impl Into<RowKey>,
        outcome: f64,
        values: &[Option<f64>],
        weight: f64,
    ) -> Result<(), DriversError> {
        let weight = Weight::new(weight)?;
        self.push_slice(Some(outcome), values, weight, Some(key.into()))
    }

    /// The analysis of everything recorded, or why there is none: no row used, too few rows
    /// for the drivers, a constant driver or outcome, collinear drivers (each named).
    ///
    /// [`summary`](Aggregator::summary) is this without the reason.
    ///
    /// # Errors
    ///
    /// [`DriversError::Empty`], [`DriversError::TooFewRows`],
    /// [`DriversError::ConstantDriver`], [`DriversError::ConstantOutcome`],
    /// [`DriversError::Collinear`], [`DriversError::NotPositiveDefinite`].
    pub fn analyse(&self) -> Result<KeyDriversSummary, DriversError> {
        KeyDriversSummary::of(self)
    }

    /// Records one row given as parts: every value checked first (length, finite, key), then
    /// folded in from buffers on the stack, without allocating.
    fn push_slice(
        &mut self,
        outcome: Option<f64>,
        values: &[Option<f64>],
        weight: Weight,
        key: Option<RowKey>,
    ) -> Result<(), DriversError> {
        let p = self.names.len();
        if values.len() != p {
            return Err(DriversError::WrongLength {
                expected: p,
                found: values.len(),
            });
        }
        if self.bootstrap.is_some() && key.is_none() {
            return Err(DriversError::MissingKey);
        }
        let (mut x, mut present) = ([0.0; SLOTS], [false; SLOTS]);
        for (j, value) in values.iter().enumerate() {
            if let Some(v) = *value {
                check_value(v, || format!("value of driver {:?}", self.names[j]))?;
                x[j] = v;
                present[j] = true;
            }
        }
        if let Some(y) = outcome {
            check_value(y, || "outcome".to_owned())?;
            x[p] = y;
            present[p] = true;
        }
        self.recorded = self.recorded.saturating_add(1);
        let used = outcome.is_some()
            && match self.missing {
                MissingAnswers::CompleteCases => present[..p].iter().all(|&h| h),
                MissingAnswers::Pairwise => present[..p].iter().any(|&h| h),
            };
        if !used {
            self.dropped = self.dropped.saturating_add(1);
            return Ok(());
        }
        let mut scratch = [0.0; SLOTS];
        let (x, present, scratch) = (&x[..=p], &present[..=p], &mut scratch[..=p]);
        let weight = weight.value();
        self.table.push(x, present, weight, scratch);
        if let (Some(bootstrap), Some(key)) = (self.bootstrap, key) {
            for (b, replicate) in (0u32..).zip(self.replicates.iter_mut()) {
                let times = bootstrap.weight(key.0, b);
                if times > 0 {
                    replicate.push(x, present, weight * f64::from(times), scratch);
                }
            }
        }
        Ok(())
    }

    /// Whether `row` fits: its length, and its key when replicates are drawn.
    fn check_row(&self, row: &DriverRow) -> Result<(), DriversError> {
        if row.values.len() != self.names.len() {
            return Err(DriversError::WrongLength {
                expected: self.names.len(),
                found: row.values.len(),
            });
        }
        if self.bootstrap.is_some() && row.key.is_none() {
            return Err(DriversError::MissingKey);
        }
        Ok(())
    }
}

/// Builds a [`KeyDrivers`]; everything is checked by [`build`](Self::build).
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct KeyDriversBuilder {
    names: Vec<String>,
    missing: MissingAnswers,
    bootstrap: Option<Bootstrap>,
}

impl KeyDriversBuilder {
    /// How rows with a missing driver value are handled (complete cases by default).
    pub fn missing(mut self, missing: MissingAnswers) -> Self {
        self.missing = missing;
        self
    }

    /// Draws bootstrap replicates for intervals ([`Bootstrap::default`]: 200). Every row then
    /// needs its key: [`KeyDrivers::try_push_keyed`].
    pub fn bootstrap(mut self, bootstrap: Bootstrap) -> Self {
        self.bootstrap = Some(bootstrap);
        self
    }

    /// The analysis, empty.
    ///
    /// # Errors
    ///
    /// As [`KeyDrivers::new`].
    pub fn build(self) -> Result<KeyDrivers, DriversError> {
        if self.names.is_empty() {
            return Err(DriversError::NoDrivers);
        }
        if self.names.len() > MAX_DRIVERS {
            return Err(DriversError::TooManyDrivers {
                drivers: self.names.len(),
                max: MAX_DRIVERS,
            });
        }
        for (index, name) in self.names.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(DriversError::EmptyName { index });
            }
            if self.names[..index].contains(name) {
                return Err(DriversError::DuplicateName { name: name.clone() });
            }
        }
        let variables = self.names.len() + 1;
        let table = Table::new(variables, self.missing);
        let replicates = self.bootstrap.map_or(0, |b| b.replicates() as usize);
        Ok(KeyDrivers {
            replicates: vec![table.clone(); replicates],
            table,
            names: self.names,
            missing: self.missing,
            bootstrap: self.bootstrap,
            recorded: 0,
            dropped: 0,
        })
    }
}

/// At most [`MAX_DRIVERS`] drivers and the outcome: the row buffers live on the stack.
const SLOTS: usize = MAX_DRIVERS + 1;

impl Aggregator for KeyDrivers {
    type Input = DriverRow;
    type Summary = KeyDriversSummary;
    type Error = DriversError;

    fn record(&mut self, row: DriverRow) -> Result<(), DriversError> {
        self.push_slice(row.outcome, &row.values, row.weight, row.key)
    }

    fn check(&self, row: &DriverRow) -> Result<(), DriversError> {
        self.check_row(row)
    }

    /// Merges an analysis of the same drivers, missing-answer policy and bootstrap.
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        crate::error::same("drivers", &self.names, &other.names, |names| {
            crate::error::Setting::Id(names.join(", "))
        })?;
        crate::error::same("missing answers", self.missing, other.missing, |m| {
            crate::error::Setting::Named(m.name())
        })?;
        crate::error::same("bootstrap", self.bootstrap, other.bootstrap, |b| {
            crate::error::Setting::Id(b.map_or_else(|| "none".to_owned(), |b| b.to_string()))
        })?;
        check_merge_total(self.recorded, other.recorded)?;
        self.recorded += other.recorded;
        self.dropped += other.dropped;
        self.table.merge(&other.table);
        for (mine, theirs) in self.replicates.iter_mut().zip(&other.replicates) {
            mine.merge(theirs);
        }
        Ok(())
    }

    /// The analysis, or `None` when there is none (nothing used, or measures that cannot be
    /// computed: [`KeyDrivers::analyse`] says why).
    fn summary(&self) -> Option<KeyDriversSummary> {
        self.analyse().ok()
    }

    /// Rows recorded, dropped ones included.
    fn count(&self) -> u64 {
        self.recorded
    }
}

impl TryPush<(f64, &[Option<f64>])> for KeyDrivers {
    type Error = DriversError;

    fn input(&self, (outcome, values): (f64, &[Option<f64>])) -> Result<DriverRow, DriversError> {
        let row = DriverRow::new(Some(outcome), values.to_vec())?;
        self.check_row(&row)?;
        Ok(row)
    }

    fn try_push(&mut self, (outcome, values): (f64, &[Option<f64>])) -> Result<(), DriversError> {
        self.push_slice(Some(outcome), values, Weight::ONE, None)
    }
}
