//! [`KeyDriversSummary`]: the measures of every driver, their ranks and quadrants, and
//! bootstrap intervals on demand ([`DriverIntervals`]).

use std::fmt;

use super::aggregator::KeyDrivers;
use super::bootstrap::Bootstrap;
use super::error::DriversError;
use super::measures::Measures;
use super::missing::MissingAnswers;
use super::moments::Table;
use super::sweep::SweepError;
use crate::error::SettingError;
use crate::interval::{ConfidenceLevel, Interval};

/// One of the six importance measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Measure {
    /// LMG (Lindeman, Merenda & Gold 1980): the Shapley value of R², the average over all
    /// orderings of the drivers of the R² the driver adds when it enters. Sums to R². The
    /// default: it is the decomposition `relaimpo` recommends.
    #[default]
    Lmg,
    /// Johnson's (2000) relative weight: the driver's share of R² through its closest
    /// orthogonal counterpart. Sums to R²; tracks LMG closely at a fraction of the cost.
    RelativeWeight,
    /// R² of the driver alone: its squared correlation with the outcome.
    First,
    /// The R² lost when the driver leaves the full model.
    Last,
    /// The squared standardised coefficient of the full model.
    BetaSquared,
    /// Pratt (1987): the standardised coefficient times the correlation with the outcome.
    /// Sums to R²; negative for a suppressor.
    Pratt,
}

impl Measure {
    /// The measure's name, as `relaimpo` calls it: `"lmg"`, `"relative weight"`, `"first"`,
    /// `"last"`, `"betasq"`, `"pratt"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Lmg => "lmg",
            Self::RelativeWeight => "relative weight",
            Self::First => "first",
            Self::Last => "last",
            Self::BetaSquared => "betasq",
            Self::Pratt => "pratt",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Where a driver stands in an importance-performance map (Martilla & James 1977): importance
/// (its share of R² by LMG) against performance (its mean rating), each split at the mean over
/// the drivers. A driver exactly at a mean counts as high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Quadrant {
    /// Important and performing below the average: where to act first.
    ConcentrateHere,
    /// Important and performing well: keep it so.
    KeepUpTheGoodWork,
    /// Less important and performing below the average.
    LowPriority,
    /// Less important and performing well: effort that may be better spent elsewhere.
    PossibleOverkill,
}

impl Quadrant {
    /// The quadrant's name as Martilla & James label it: `"concentrate here"`, `"keep up the
    /// good work"`, `"low priority"`, `"possible overkill"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::ConcentrateHere => "concentrate here",
            Self::KeepUpTheGoodWork => "keep up the good work",
            Self::LowPriority => "low priority",
            Self::PossibleOverkill => "possible overkill",
        }
    }

    fn of(important: bool, performing: bool) -> Self {
        match (important, performing) {
            (true, false) => Self::ConcentrateHere,
            (true, true) => Self::KeepUpTheGoodWork,
            (false, false) => Self::LowPriority,
            (false, true) => Self::PossibleOverkill,
        }
    }
}

impl fmt::Display for Quadrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// One driver's importance, performance, rank and quadrant.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Driver {
    name: String,
    values: [f64; 6],
    r_squared: f64,
    performance: f64,
    rank: usize,
    quadrant: Quadrant,
}

impl Driver {
    /// The driver's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value of `measure`.
    #[must_use]
    pub fn value(&self, measure: Measure) -> f64 {
        self.values[measure as usize]
    }

    /// The value of `measure` as a share of R² (LMG, relative weights and Pratt's shares sum
    /// to 1 over the drivers).
    #[must_use]
    pub fn share(&self, measure: Measure) -> f64 {
        self.value(measure) / self.r_squared
    }

    /// LMG: the driver's Shapley share of R².
    #[must_use]
    pub fn lmg(&self) -> f64 {
        self.value(Measure::Lmg)
    }

    /// Johnson's relative weight.
    #[must_use]
    pub fn relative_weight(&self) -> f64 {
        self.value(Measure::RelativeWeight)
    }

    /// R² of the driver alone.
    #[must_use]
    pub fn first(&self) -> f64 {
        self.value(Measure::First)
    }

    /// The R² lost without the driver.
    #[must_use]
    pub fn last(&self) -> f64 {
        self.value(Measure::Last)
    }

    /// The squared standardised coefficient.
    #[must_use]
    pub fn beta_squared(&self) -> f64 {
        self.value(Measure::BetaSquared)
    }

    /// Pratt's measure (negative for a suppressor).
    #[must_use]
    pub fn pratt(&self) -> f64 {
        self.value(Measure::Pratt)
    }

    /// The driver's (weighted) mean over the rows used: how well it performs.
    #[must_use]
    pub fn performance(&self) -> f64 {
        self.performance
    }

    /// Its rank by LMG, 1 for the most important.
    #[must_use]
    pub fn rank(&self) -> usize {
        self.rank
    }

    /// Its quadrant of the importance-performance map.
    #[must_use]
    pub fn quadrant(&self) -> Quadrant {
        self.quadrant
    }
}

/// The analysis of a [`KeyDrivers`]: R², and every driver's six measures, performance, rank
/// and quadrant. Intervals come from the bootstrap replicates, computed on demand by
/// [`intervals`](Self::intervals).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct KeyDriversSummary {
    missing: MissingAnswers,
    n: u64,
    dropped: u64,
    r_squared: f64,
    drivers: Vec<Driver>,
    bootstrap: Option<Bootstrap>,
    replicates: Vec<Table>,
}

/// The measures of a table, or why they cannot be computed (with the drivers named).
fn measures(table: &Table, names: &[String]) -> Result<Measures, DriversError> {
    let p = names.len();
    let corr = table.correlation().map_err(|i| match names.get(i) {
        Some(name) => DriversError::ConstantDriver { name: name.clone() },
        None => DriversError::ConstantOutcome,
    })?;
    Measures::of(&corr, p).map_err(|e| match e {
        SweepError::Collinear(drivers) => DriversError::Collinear {
            names: drivers
                .iter()
                .filter_map(|&i| names.get(i).cloned())
                .collect(),
        },
        SweepError::NotPositiveDefinite => DriversError::NotPositiveDefinite,
    })
}

impl KeyDriversSummary {
    pub(super) fn of(drivers: &KeyDrivers) -> Result<Self, DriversError> {
        let names = &drivers.names;
        let p = names.len();
        let n = drivers.recorded - drivers.dropped;
        if n == 0 {
            return Err(DriversError::Empty);
        }
        let needed = p as u64 + 2;
        let rows = drivers.table.rows_used();
        if rows < needed {
            return Err(DriversError::TooFewRows {
                rows,
                drivers: p,
                needed,
            });
        }
        let m = measures(&drivers.table, names)?;
        let means = drivers.table.means();
        let performance = &means[..p];
        let share_mean = m.lmg.iter().sum::<f64>() / m.r_squared / p as f64;
        let performance_mean = performance.iter().sum::<f64>() / p as f64;
        let mut order: Vec<usize> = (0..p).collect();
        order.sort_by(|&a, &b| m.lmg[b].total_cmp(&m.lmg[a]).then(a.cmp(&b)));
        let mut rank = vec![0; p];
        for (r, &j) in order.iter().enumerate() {
            rank[j] = r + 1;
        }
        let list = (0..p)
            .map(|j| Driver {
                name: names[j].clone(),
                values: [
                    m.lmg[j],
                    m.relative_weight[j],
                    m.first[j],
                    m.last[j],
                    m.beta_squared[j],
                    m.pratt[j],
                ],
                r_squared: m.r_squared,
                performance: performance[j],
                rank: rank[j],
                quadrant: Quadrant::of(
                    m.lmg[j] / m.r_squared >= share_mean,
                    performance[j] >= performance_mean,
                ),
            })
            .collect();
        Ok(Self {
            missing: drivers.missing,
            n,
            dropped: drivers.dropped,
            r_squared: m.r_squared,
            drivers: list,
            bootstrap: drivers.bootstrap,
            replicates: drivers.replicates.clone(),
        })
    }

    /// Rows used.
    #[must_use]
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Rows recorded but not used: without an outcome, or (complete cases) with a driver
    /// value missing, or (pairwise) without any driver value.
    #[must_use]
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// How missing driver values were handled.
    #[must_use]
    pub fn missing(&self) -> MissingAnswers {
        self.missing
    }

    /// R² of the regression of the outcome on every driver: the variance the measures share.
    #[must_use]
    pub fn r_squared(&self) -> f64 {
        self.r_squared
    }

    /// The drivers, in the order they were declared.
    #[must_use]
    pub fn drivers(&self) -> &[Driver] {
        &self.drivers
    }

    /// The driver called `name`.
    #[must_use]
    pub fn driver(&self, name: &str) -> Option<&Driver> {
        self.drivers.iter().find(|d| d.name == name)
    }

    /// The drivers, most important (by LMG) first.
    #[must_use]
    pub fn ranked(&self) -> Vec<&Driver> {
        let mut ranked: Vec<&Driver> = self.drivers.iter().collect();
        ranked.sort_by_key(|d| d.rank);
        ranked
    }

    /// The bootstrap the replicates were drawn with, if any.
    #[must_use]
    pub fn bootstrap(&self) -> Option<Bootstrap> {
        self.bootstrap
    }

    /// Percentile bootstrap intervals (Efron & Tibshirani 1993, §13.3) at `level` for every
    /// driver's LMG and relative weight and for differences between drivers, from the
    /// replicates: each replicate is analysed like the data (a regression of every subset), so
    /// this costs the replicates' number of analyses (about 50 ms for 14 drivers and 200
    /// replicates). Replicates whose analysis fails (too few rows drawn, a driver constant
    /// among them) are left out and counted.
    ///
    /// # Errors
    ///
    /// [`DriversError::InvalidSetting`] when the analysis drew no replicates
    /// ([`KeyDriversBuilder::bootstrap`](super::KeyDriversBuilder::bootstrap)), or fewer than
    /// 10 could be analysed.
    pub fn intervals(&self, level: ConfidenceLevel) -> Result<DriverIntervals, DriversError> {
        let names: Vec<String> = self.drivers.iter().map(|d| d.name.clone()).collect();
        if self.replicates.is_empty() {
            return Err(SettingError::new(
                "bootstrap replicates",
                "none",
                "drawn: build the analysis with .bootstrap(Bootstrap::default())",
            )
            .into());
        }
        let p = names.len();
        let needed = p as u64 + 2;
        let mut draws = Vec::with_capacity(self.replicates.len());
        let mut failed = 0;
        for replicate in &self.replicates {
            match (replicate.rows_used() >= needed)
                .then(|| measures(replicate, &names))
                .and_then(Result::ok)
            {
                Some(m) => draws.push(m),
                None => failed += 1,
            }
        }
        if draws.len() < 10 {
            return Err(SettingError::new(
                "bootstrap replicates that could be analysed",
                draws.len(),
                "at least 10 (too few rows for the drivers)",
            )
            .into());
        }
        Ok(DriverIntervals {
            level,
            names,
            lmg: draws.iter().map(|m| m.lmg.clone()).collect(),
            relative_weight: draws.iter().map(|m| m.relative_weight.clone()).collect(),
            failed,
        })
    }
}

impl fmt::Display for KeyDriversSummary {
    /// A table, most important driver first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Key drivers: R² {:.3} over {} rows ({} dropped, {})",
            self.r_squared, self.n, self.dropped, self.missing
        )?;
        let width = self
            .drivers
            .iter()
            .map(|d| d.name.chars().count())
            .max()
            .unwrap_or(6)
            .max(6);
        write!(
            f,
            "\n{:>4}  {:<width$}  {:>7} {:>6}  {:>7}  {:>6}  {:>6}  {:>6}  {:>6}  {:>5}  quadrant",
            "rank", "driver", "LMG", "share", "rel.wt", "first", "last", "beta²", "Pratt", "mean"
        )?;
        for d in self.ranked() {
            write!(
                f,
                "\n{:>4}  {:<width$}  {:>7.4} {:>5.1}%  {:>7.4}  {:>6.3}  {:>6.4}  {:>6.3}  {:>6.3}  {:>5.2}  {}",
                d.rank,
                d.name,
                d.lmg(),
                100.0 * d.share(Measure::Lmg),
                d.relative_weight(),
                d.first(),
                d.last(),
                d.beta_squared(),
                d.pratt(),
                d.performance,
                d.quadrant
            )?;
        }
        Ok(())
    }
}

/// Percentile bootstrap intervals of the drivers' LMG and relative weights, and of the
/// differences between two drivers, from [`KeyDriversSummary::intervals`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DriverIntervals {
    level: ConfidenceLevel,
    names: Vec<String>,
    /// Per analysed replicate, each driver's LMG.
    lmg: Vec<Vec<f64>>,
    /// Per analysed replicate, each driver's relative weight.
    relative_weight: Vec<Vec<f64>>,
    failed: usize,
}

impl DriverIntervals {
    /// The confidence level.
    #[must_use]
    pub fn level(&self) -> ConfidenceLevel {
        self.level
    }

    /// Replicates analysed.
    #[must_use]
    pub fn replicates(&self) -> usize {
        self.lmg.len()
    }

    /// Replicates that could not be analysed (too few rows drawn for the drivers, a driver
    /// constant among them), left out.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.failed
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    fn draws(&self, measure: Measure) -> Option<&[Vec<f64>]> {
        match measure {
            Measure::Lmg => Some(&self.lmg),
            Measure::RelativeWeight => Some(&self.relative_weight),
            _ => None,
        }
    }

    /// The interval of driver `name`'s `measure` (LMG or relative weight), clamped to [0, 1].
    #[must_use]
    pub fn interval(&self, name: &str, measure: Measure) -> Option<Interval> {
        let j = self.index(name)?;
        let values: Vec<f64> = self
            .draws(measure)?
            .iter()
            .filter_map(|d| d.get(j).copied())
            .collect();
        percentile_interval(values, self.level, (0.0, 1.0))
    }

    /// The interval of `measure(a) − measure(b)`: is `a` more important than `b`? An interval
    /// above 0 says so at this level.
    ///
    /// ```
    /// # use satisfaction::Aggregator;
    /// # use satisfaction::drivers::{Bootstrap, KeyDrivers, Measure};
    /// # let mut drivers = KeyDrivers::builder(&["wait", "price"]).bootstrap(Bootstrap::default()).build()?;
    /// # for i in 0..300u32 {
    /// #     let (wait, price) = (f64::from(i % 5), f64::from((i * 7) % 5));
    /// #     let noise = f64::from((i * 13) % 7) / 7.0;
    /// #     drivers.try_push_keyed(u64::from(i), 2.0 * wait + 0.3 * price + noise, &[Some(wait), Some(price)], 1.0)?;
    /// # }
    /// let intervals = drivers.summary().unwrap().intervals(satisfaction::ConfidenceLevel::P95)?;
    /// let gap = intervals.difference("wait", "price", Measure::Lmg).unwrap();
    /// assert!(gap.lower() > 0.0); // wait time matters more than price
    /// # Ok::<(), satisfaction::drivers::DriversError>(())
    /// ```
    #[must_use]
    pub fn difference(&self, a: &str, b: &str, measure: Measure) -> Option<Interval> {
        let (i, j) = (self.index(a)?, self.index(b)?);
        let values: Vec<f64> = self
            .draws(measure)?
            .iter()
            .filter_map(|d| Some(d.get(i)? - d.get(j)?))
            .collect();
        percentile_interval(values, self.level, (-1.0, 1.0))
    }
}

/// The `α/2` and `1 − α/2` sample quantiles (R's type 7: linear between order statistics) of
/// `values`, clamped to `domain`.
fn percentile_interval(
    mut values: Vec<f64>,
    level: ConfidenceLevel,
    domain: (f64, f64),
) -> Option<Interval> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let quantile = |q: f64| {
        let h = (values.len() - 1) as f64 * q;
        let (lo, frac) = (h.floor() as usize, h - h.floor());
        let a = values[lo];
        let b = values.get(lo + 1).copied().unwrap_or(a);
        a + frac * (b - a)
    };
    let alpha = level.alpha();
    let (lower, upper) = (quantile(alpha / 2.0), quantile(1.0 - alpha / 2.0));
    Interval::new(
        lower.clamp(domain.0, domain.1),
        upper.clamp(domain.0, domain.1),
    )
}
