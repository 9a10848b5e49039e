//! [`CohortRetention`]: customers grouped by the period they started in, and the
//! [`RetentionGrid`] of each cohort's share retained after 1, 2, ... periods.

use std::fmt;

use super::interval::SurvivalInterval;
use super::kaplan_meier::KaplanMeier;
use super::lifetime::{Clock, LifetimeError};
use crate::aggregator::Aggregator;
use crate::display::Percent;
use crate::error::{MergeError, Setting, same};
use crate::group::Grouped;
use crate::interval::{ConfidenceLevel, Interval};
use crate::period::{Granularity, Period};

/// The most periods a [`RetentionGrid`] has columns for.
pub const MAX_GRID_PERIODS: u64 = 1_000;

/// Customers grouped into cohorts by the period they started in (a month, say), each cohort a
/// [`KaplanMeier`] curve of lifetimes counted in periods of the same granularity from each
/// customer's own start (see [`Lifetime::between`](super::Lifetime::between)), as known at
/// one instant, `as_of`.
///
/// Built from customer records (a start instant, and an end instant or none for a customer
/// still active), so nobody computes durations by hand; [`grid`](Self::grid) gives the share
/// of each cohort retained after 1, 2, ... periods with its interval, and says where a
/// cohort has not lived long enough to have a number.
///
/// ```
/// use satisfaction::{ConfidenceLevel, Granularity};
/// use satisfaction::retention::{CellStatus, CohortRetention, SurvivalInterval};
///
/// let day = 86_400;
/// let jan_1 = 1_767_225_600;                     // 2026-01-01T00:00:00Z
/// let apr_1 = jan_1 + 90 * day;                  // as of 2026-04-01
/// let mut cohorts = CohortRetention::new(Granularity::Month, apr_1)?;
/// cohorts.try_push(jan_1, Some(jan_1 + 45 * day))?;   // January cohort, gone in February
/// cohorts.try_push(jan_1 + 9 * day, None)?;           // January cohort, still active
/// cohorts.try_push(jan_1 + 40 * day, None)?;          // February cohort
/// cohorts.try_push(jan_1 + 80 * day, None)?;          // March cohort: not a month old yet
///
/// let grid = cohorts.grid(3, ConfidenceLevel::P95, SurvivalInterval::Log);
/// let january = grid.row(&"2026-01".parse()?).unwrap();
/// assert_eq!(january.cells()[0].retained(), Some(1.0));   // both there after a month
/// assert_eq!(january.cells()[1].retained(), Some(0.5));   // one left in month two
/// let march = grid.row(&"2026-03".parse()?).unwrap();
/// assert_eq!(march.cells()[0].retained(), None);          // no number, not a zero
/// assert_eq!(march.cells()[0].status(), CellStatus::NotYetObserved);
/// println!("{grid}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CohortRetention {
    granularity: Granularity,
    as_of: i64,
    clock: Clock,
    cohorts: Grouped<Period, KaplanMeier>,
}

impl CohortRetention {
    /// Cohorts of UTC periods of `granularity`, lifetimes as known at Unix time `as_of`.
    ///
    /// # Errors
    ///
    /// [`LifetimeError::TimestampOutOfRange`] for an `as_of` outside 1970..=9999.
    pub fn new(granularity: Granularity, as_of: i64) -> Result<Self, LifetimeError> {
        Self::on(granularity, as_of, Clock::Utc)
    }

    /// Cohorts of local periods of `granularity` in `zone` (labelled as
    /// [`ZonedPeriod::period`](crate::calendar::ZonedPeriod::period) labels them), lifetimes
    /// counted on the zone's wall clock ([`Lifetime::between_in`](super::Lifetime::between_in)).
    ///
    /// # Errors
    ///
    /// [`LifetimeError::TimestampOutOfRange`] for an `as_of` outside 1970..=9999.
    #[cfg(feature = "calendar")]
    #[cfg_attr(docsrs, doc(cfg(feature = "calendar")))]
    pub fn in_zone(
        granularity: Granularity,
        as_of: i64,
        zone: &crate::calendar::Zone,
    ) -> Result<Self, LifetimeError> {
        Self::on(granularity, as_of, Clock::Zone(zone.clone()))
    }

    fn on(granularity: Granularity, as_of: i64, clock: Clock) -> Result<Self, LifetimeError> {
        // A customer starting at as_of is valid: checking one checks the instant.
        clock.lifetime(as_of, None, as_of, granularity)?;
        Ok(Self {
            granularity,
            as_of,
            clock,
            cohorts: Grouped::default(),
        })
    }

    /// The instant the lifetimes are known at.
    #[must_use]
    pub fn as_of(&self) -> i64 {
        self.as_of
    }

    /// The granularity of cohorts and of lifetimes.
    #[must_use]
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// Records a customer who started at `start` and ended at `end`, or is still active
    /// (`None`); an end after `as_of` is not known yet, so that customer counts as active.
    ///
    /// # Errors
    ///
    /// [`LifetimeError`] for an instant outside 1970..=9999, an end before the start, or a
    /// start after `as_of`; nothing is recorded.
    pub fn try_push(&mut self, start: i64, end: Option<i64>) -> Result<(), LifetimeError> {
        let lifetime = self
            .clock
            .lifetime(start, end, self.as_of, self.granularity)?;
        let cohort = self.cohort_of(start)?;
        self.cohorts
            .entry(cohort)
            .record(lifetime)
            .map_err(|never| match never {})
    }

    fn cohort_of(&self, start: i64) -> Result<Period, LifetimeError> {
        let out_of_range = |_| LifetimeError::TimestampOutOfRange {
            timestamp: start,
            min: crate::time::EARLIEST_TIMESTAMP,
            max: crate::time::LATEST_TIMESTAMP,
        };
        match &self.clock {
            Clock::Utc => Period::containing(start, self.granularity).map_err(out_of_range),
            #[cfg(feature = "calendar")]
            Clock::Zone(zone) => Period::containing_in(start, self.granularity, zone)
                .map(|p| p.period())
                .map_err(out_of_range),
        }
    }

    /// Adds `other`'s customers.
    ///
    /// # Errors
    ///
    /// [`MergeError::ConfigurationMismatch`] when the granularity, the as-of instant or the
    /// zone differ, [`MergeError::CountOverflow`] past [`MAX_COUNT`](crate::MAX_COUNT);
    /// `self` is unchanged.
    pub fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("granularity", self.granularity, other.granularity, |g| {
            Setting::Named(granularity_name(g))
        })?;
        same("as-of instant", self.as_of, other.as_of, |t| {
            Setting::Id(t.to_string())
        })?;
        same("zone", self.clock.name(), other.clock.name(), |z| {
            Setting::Id(z.to_owned())
        })?;
        self.cohorts.merge(&other.cohorts)
    }

    /// The cohorts, each a curve of its customers' lifetimes.
    #[must_use]
    pub fn cohorts(&self) -> &Grouped<Period, KaplanMeier> {
        &self.cohorts
    }

    /// Customers recorded, over all cohorts.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.cohorts.count()
    }

    /// The share of each cohort retained after 1, 2, ..., `periods` periods (at most
    /// [`MAX_GRID_PERIODS`]) with its interval at `level` by `method`.
    ///
    /// A cell is the cohort's Kaplan-Meier S(k): the share still customers just after their
    /// k-th anniversary. Its [`CellStatus`] says how much of the cohort it rests on:
    /// [`Complete`](CellStatus::Complete) when every customer of the cohort has been
    /// observed k periods or churned before (S(k) is then the plain share), `Partial` when
    /// some started too recently (they count as censored, as in any curve), and
    /// [`NotYetObserved`](CellStatus::NotYetObserved), without a number, when nobody in the
    /// cohort has been a customer for k periods yet.
    #[must_use]
    pub fn grid(
        &self,
        periods: u64,
        level: ConfidenceLevel,
        method: SurvivalInterval,
    ) -> RetentionGrid {
        let periods = periods.min(MAX_GRID_PERIODS);
        let rows = self
            .cohorts
            .iter()
            .filter_map(|(&cohort, km)| {
                let curve = km.summary()?;
                let mut cells = Vec::with_capacity(periods as usize);
                let mut steps = curve.steps().iter().peekable();
                let mut censored_before = 0u64;
                for k in 1..=periods {
                    while let Some(step) = steps.next_if(|s| s.time() < k) {
                        censored_before = censored_before.saturating_add(step.censored());
                    }
                    let at_risk = curve.at_risk(k);
                    let retained = curve.survival_at(k);
                    let cell = if at_risk == 0 && censored_before > 0 && retained > 0.0 {
                        RetentionCell {
                            periods: k,
                            retained: None,
                            interval: None,
                            at_risk,
                            status: CellStatus::NotYetObserved,
                        }
                    } else {
                        RetentionCell {
                            periods: k,
                            retained: Some(retained),
                            interval: curve.checked_interval_at(k, level, method),
                            at_risk,
                            status: if censored_before == 0 {
                                CellStatus::Complete
                            } else {
                                CellStatus::Partial {
                                    unobserved: censored_before,
                                }
                            },
                        }
                    };
                    cells.push(cell);
                }
                Some(CohortRow {
                    cohort,
                    customers: curve.count(),
                    cells,
                })
            })
            .collect();
        RetentionGrid {
            rows,
            periods,
            level,
            method,
            granularity: self.granularity,
        }
    }
}

fn granularity_name(granularity: Granularity) -> &'static str {
    match granularity {
        Granularity::Day => "day",
        Granularity::IsoWeek => "ISO week",
        Granularity::Month => "month",
        Granularity::Quarter => "quarter",
        Granularity::Year => "year",
    }
}

/// How much of its cohort a [`RetentionCell`] rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CellStatus {
    /// Every customer of the cohort has been observed for the cell's periods or churned
    /// before: the share is final.
    Complete,
    /// Some customers of the cohort started too recently to have been observed this long;
    /// the share is the Kaplan-Meier estimate from the others, and can still move.
    #[non_exhaustive]
    Partial {
        /// Customers still active whose lifetime so far is shorter than the cell's periods.
        unobserved: u64,
    },
    /// Nobody in the cohort has been a customer this long yet: no number.
    NotYetObserved,
}

/// One cell of a [`RetentionGrid`]: a cohort's share retained after k periods.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RetentionCell {
    periods: u64,
    retained: Option<f64>,
    interval: Option<Interval>,
    at_risk: u64,
    status: CellStatus,
}

impl RetentionCell {
    /// k: the periods after each customer's start.
    #[must_use]
    pub fn periods(&self) -> u64 {
        self.periods
    }

    /// S(k), the share of the cohort still customers after k periods; `None` when the cohort
    /// has not been observed this long ([`CellStatus::NotYetObserved`]).
    #[must_use]
    pub fn retained(&self) -> Option<f64> {
        self.retained
    }

    /// The interval of the share; `None` without a share, or where it is 0 (R has none).
    #[must_use]
    pub fn interval(&self) -> Option<Interval> {
        self.interval
    }

    /// Customers of the cohort observed at least k periods (at risk at k).
    #[must_use]
    pub fn at_risk(&self) -> u64 {
        self.at_risk
    }

    /// How much of the cohort the share rests on.
    #[must_use]
    pub fn status(&self) -> CellStatus {
        self.status
    }
}

/// One cohort's row of a [`RetentionGrid`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CohortRow {
    cohort: Period,
    customers: u64,
    cells: Vec<RetentionCell>,
}

impl CohortRow {
    /// The period the cohort's customers started in.
    #[must_use]
    pub fn cohort(&self) -> Period {
        self.cohort
    }

    /// The cohort's customers.
    #[must_use]
    pub fn customers(&self) -> u64 {
        self.customers
    }

    /// The cells after 1, 2, ... periods (`cells()[k - 1]` is after k periods).
    #[must_use]
    pub fn cells(&self) -> &[RetentionCell] {
        &self.cells
    }
}

/// The share of each cohort retained after 1, 2, ... periods ([`CohortRetention::grid`]),
/// cohorts in chronological order.
///
/// Its `Display` is a table: one row per cohort, the share per column in percent; `*` marks a
/// share that rests on part of the cohort ([`CellStatus::Partial`]) and `-` a cell the
/// cohort has not lived yet (no number, not a zero).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RetentionGrid {
    rows: Vec<CohortRow>,
    periods: u64,
    level: ConfidenceLevel,
    method: SurvivalInterval,
    granularity: Granularity,
}

impl RetentionGrid {
    /// The cohorts, oldest first.
    #[must_use]
    pub fn rows(&self) -> &[CohortRow] {
        &self.rows
    }

    /// The row of `cohort`, if it has customers.
    #[must_use]
    pub fn row(&self, cohort: &Period) -> Option<&CohortRow> {
        self.rows.iter().find(|r| r.cohort == *cohort)
    }

    /// The number of period columns.
    #[must_use]
    pub fn periods(&self) -> u64 {
        self.periods
    }

    /// The level of the cells' intervals.
    #[must_use]
    pub fn level(&self) -> ConfidenceLevel {
        self.level
    }

    /// The method of the cells' intervals.
    #[must_use]
    pub fn method(&self) -> SurvivalInterval {
        self.method
    }

    /// The granularity of cohorts and periods.
    #[must_use]
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }
}

impl fmt::Display for RetentionGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<10} {:>9}", "cohort", "customers")?;
        for k in 1..=self.periods {
            write!(f, " {:>7}", format!("+{k}"))?;
        }
        writeln!(f)?;
        for row in &self.rows {
            write!(f, "{:<10} {:>9}", row.cohort.to_string(), row.customers)?;
            for cell in &row.cells {
                let text = match (cell.retained, cell.status) {
                    (Some(share), CellStatus::Partial { .. }) => format!("{}*", Percent(share)),
                    (Some(share), _) => format!("{} ", Percent(share)),
                    (None, _) => "- ".to_owned(),
                };
                write!(f, " {text:>7}")?;
            }
            writeln!(f)?;
        }
        write!(
            f,
            "share retained after +k {}s (Kaplan-Meier); * rests on part of the cohort, - not lived yet",
            granularity_name(self.granularity)
        )
    }
}
