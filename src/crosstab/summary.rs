//! [`CrosstabSummary`]: counts, column shares, percentages that add up, each column's NPS or
//! mean.

use std::fmt;

use super::aggregate::Crosstab;
use super::row::{RowKey, RowValue};
use crate::aggregator::Aggregator;
use crate::display::largest_remainder;
use crate::interval::{ConfidenceLevel, Interval, student_t};
use crate::metrics::nps::Nps;
use crate::summary::Summary;

/// One cell's totals: answers, sum of weights, sum of squared weights.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Totals {
    pub(super) count: u64,
    pub(super) weight: f64,
    pub(super) square: f64,
}

impl Totals {
    fn add(&mut self, other: Totals) {
        self.count += other.count;
        self.weight += other.weight;
        self.square += other.square;
    }
}

/// The summary of a [`Crosstab`]: every cell's count and (weighted) share of its column, the
/// columns' bases, and each column's NPS or mean where the rows have one. Rows and columns are
/// in key order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CrosstabSummary<R, C> {
    pub(super) rows: Vec<R>,
    pub(super) columns: Vec<C>,
    /// Row-major: `cells[r * columns + c]`.
    pub(super) cells: Vec<Totals>,
    pub(super) column_totals: Vec<Totals>,
    pub(super) weighted: bool,
}

/// What a column's statistic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatisticKind {
    /// The Net Promoter Score, in points.
    Nps,
    /// The mean of the rows' values.
    Mean,
}

impl StatisticKind {
    /// `"NPS"` or `"mean"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Nps => "NPS",
            Self::Mean => "mean",
        }
    }
}

/// A column's NPS or mean, with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct ColumnStatistic {
    /// NPS or mean.
    pub kind: StatisticKind,
    /// The estimate (NPS in points).
    pub estimate: f64,
    /// Its confidence interval; `None` where there is none (a mean of one answer).
    pub interval: Option<Interval>,
    /// The interval's method: `"Tango score"` (NPS), `"Student t"` (mean), `"normal,
    /// linearised SE"` (weighted).
    pub method: &'static str,
    /// The answers behind it.
    pub n: u64,
}

impl<R: RowKey, C: Ord + Clone> CrosstabSummary<R, C> {
    /// The summary of `table`, `None` when it is empty.
    pub(super) fn new(table: &Crosstab<R, C>) -> Option<Self> {
        if table.count == 0 {
            return None;
        }
        let mut rows: Vec<R> = table
            .columns
            .values()
            .flat_map(|cells| cells.keys().cloned())
            .collect();
        rows.sort();
        rows.dedup();
        let columns: Vec<C> = table.columns.keys().cloned().collect();
        let mut cells = vec![Totals::default(); rows.len() * columns.len()];
        let mut column_totals = vec![Totals::default(); columns.len()];
        for (c, tallies) in table.columns.values().enumerate() {
            for (row, tally) in tallies {
                // `rows` holds every row key, sorted and unique.
                let Ok(r) = rows.binary_search(row) else {
                    continue;
                };
                let totals = Totals {
                    count: tally.count,
                    weight: tally.weight.value(),
                    square: tally.square.value(),
                };
                cells[r * columns.len() + c] = totals;
                column_totals[c].add(totals);
            }
        }
        Some(Self {
            rows,
            columns,
            cells,
            column_totals,
            weighted: table.weighted,
        })
    }

    /// The rows, in key order.
    #[must_use]
    pub fn rows(&self) -> &[R] {
        &self.rows
    }

    /// The columns, in key order.
    #[must_use]
    pub fn columns(&self) -> &[C] {
        &self.columns
    }

    /// Whether any answer carried a weight other than 1.
    #[must_use]
    pub fn is_weighted(&self) -> bool {
        self.weighted
    }

    pub(super) fn row_index(&self, row: &R) -> Option<usize> {
        self.rows.binary_search(row).ok()
    }

    pub(super) fn column_index(&self, column: &C) -> Option<usize> {
        self.columns.binary_search(column).ok()
    }

    pub(super) fn cell(&self, r: usize, c: usize) -> Totals {
        self.cells
            .get(r * self.columns.len() + c)
            .copied()
            .unwrap_or_default()
    }

    /// The number of answers in `row` and `column` (0 for keys not in the table).
    #[must_use]
    pub fn count(&self, row: &R, column: &C) -> u64 {
        match (self.row_index(row), self.column_index(column)) {
            (Some(r), Some(c)) => self.cell(r, c).count,
            _ => 0,
        }
    }

    /// The weighted count of `row` in `column` (the count, unweighted).
    #[must_use]
    pub fn weight(&self, row: &R, column: &C) -> f64 {
        match (self.row_index(row), self.column_index(column)) {
            (Some(r), Some(c)) => self.cell(r, c).weight,
            _ => 0.0,
        }
    }

    /// The answers in `column`.
    #[must_use]
    pub fn column_count(&self, column: &C) -> Option<u64> {
        Some(self.column_totals[self.column_index(column)?].count)
    }

    /// The base of `column`: its sum of weights (its count, unweighted).
    #[must_use]
    pub fn column_base(&self, column: &C) -> Option<f64> {
        Some(self.column_totals[self.column_index(column)?].weight)
    }

    /// Kish's effective base of `column`, `(Σw)² / Σw²` (its count, unweighted): the sample
    /// size its weighted shares are as precise as.
    #[must_use]
    pub fn effective_base(&self, column: &C) -> Option<f64> {
        Some(effective(self.column_totals[self.column_index(column)?]))
    }

    /// The share of `column` that answered `row` (weighted where the table is), exact.
    #[must_use]
    pub fn share(&self, row: &R, column: &C) -> Option<f64> {
        let (r, c) = (self.row_index(row)?, self.column_index(column)?);
        Some(self.cell(r, c).weight / self.column_totals[c].weight)
    }

    /// The share of all answers (every column pooled: the "Total" column) in `row`.
    #[must_use]
    pub fn total_share(&self, row: &R) -> Option<f64> {
        let r = self.row_index(row)?;
        let all: f64 = self.column_totals.iter().map(|t| t.weight).sum();
        let here: f64 = (0..self.columns.len())
            .map(|c| self.cell(r, c).weight)
            .sum();
        Some(here / all)
    }

    /// `column`'s shares as percentages rounded to `decimals` places that add up to exactly
    /// 100, in row order, by the largest remainder method
    /// ([`rounded_percentages`](crate::table::rounded_percentages)); `None` for a column not
    /// in the table or more than [`MAX_DECIMALS`](crate::table::MAX_DECIMALS) decimals.
    ///
    /// ```
    /// use satisfaction::crosstab::Crosstab;
    /// use satisfaction::Aggregator;
    ///
    /// let table: Crosstab<&str, &str> =
    ///     [("a", "x"), ("b", "x"), ("c", "x")].into_iter().collect();
    /// let summary = table.summary().unwrap();
    /// assert_eq!(summary.column_percentages(&"x", 1), Some(vec![33.4, 33.3, 33.3]));
    /// ```
    #[must_use]
    pub fn column_percentages(&self, column: &C, decimals: u8) -> Option<Vec<f64>> {
        let c = self.column_index(column)?;
        let parts: Vec<f64> = (0..self.rows.len())
            .map(|r| self.cell(r, c).weight)
            .collect();
        largest_remainder(&parts, decimals)
    }

    /// The pooled column's ("Total") percentages, as
    /// [`column_percentages`](Self::column_percentages).
    #[must_use]
    pub fn total_percentages(&self, decimals: u8) -> Option<Vec<f64>> {
        let parts: Vec<f64> = (0..self.rows.len())
            .map(|r| {
                (0..self.columns.len())
                    .map(|c| self.cell(r, c).weight)
                    .sum()
            })
            .collect();
        largest_remainder(&parts, decimals)
    }

    /// What the columns' statistic is: NPS when every row is an NPS group or score, the mean
    /// when every row is a number, `None` when the rows are labels (or mixed).
    #[must_use]
    pub fn statistic_kind(&self) -> Option<StatisticKind> {
        let mut values = self.rows.iter().map(RowKey::value_of);
        let first = values.next()?;
        match first {
            RowValue::Nps(_)
                if self
                    .rows
                    .iter()
                    .all(|r| matches!(r.value_of(), RowValue::Nps(_))) =>
            {
                Some(StatisticKind::Nps)
            }
            RowValue::Number(_)
                if self
                    .rows
                    .iter()
                    .all(|r| matches!(r.value_of(), RowValue::Number(x) if x.is_finite())) =>
            {
                Some(StatisticKind::Mean)
            }
            _ => None,
        }
    }

    /// `column`'s NPS (rows that are NPS scores or groups) or mean (rows that are numbers),
    /// with its interval at `level`: unweighted, NPS by the Tango score interval and the mean
    /// by Student's t, as [`Nps`] and [`Csat`](crate::Csat) give them; weighted, the normal
    /// interval on the linearised standard error, as the [`weighting`](crate::weighting)
    /// module and R's `survey` give it. `None` for rows without a statistic or a column not in
    /// the table.
    ///
    /// ```
    /// use satisfaction::crosstab::{Crosstab, StatisticKind};
    /// use satisfaction::{Aggregator, ConfidenceLevel, NpsScore};
    ///
    /// let mut table: Crosstab<NpsScore, &str> = Crosstab::new();
    /// for score in [10, 9, 9, 7, 3] {
    ///     table.push((NpsScore::new(score)?, "chat"));
    /// }
    /// let nps = table.summary().unwrap().column_statistic(&"chat", ConfidenceLevel::P95).unwrap();
    /// assert_eq!((nps.kind, nps.estimate, nps.n), (StatisticKind::Nps, 40.0, 5));
    /// assert_eq!(nps.method, "Tango score");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn column_statistic(&self, column: &C, level: ConfidenceLevel) -> Option<ColumnStatistic> {
        let c = self.column_index(column)?;
        self.statistic_of(c, level)
    }

    pub(super) fn statistic_of(&self, c: usize, level: ConfidenceLevel) -> Option<ColumnStatistic> {
        let kind = self.statistic_kind()?;
        let total = self.column_totals.get(c).copied()?;
        if total.count == 0 || total.weight <= 0.0 {
            return None;
        }
        // Each row's value on the statistic's scale: NPS answers count −100, 0 or +100.
        let value = |r: &R| match r.value_of() {
            RowValue::Nps(group) => 100.0 * f64::from(group.sign()),
            RowValue::Number(x) => x,
            RowValue::Label => 0.0,
        };
        let cells: Vec<(f64, Totals)> = self
            .rows
            .iter()
            .enumerate()
            .map(|(r, key)| (value(key), self.cell(r, c)))
            .collect();
        let estimate = cells.iter().map(|(v, t)| v * t.weight).sum::<f64>() / total.weight;
        // Intervals stay inside what the rows can be: −100..100 for NPS, the smallest to the
        // largest row value of the table for a mean (the scale, as far as the table shows it).
        let domain = match kind {
            StatisticKind::Nps => (-100.0, 100.0),
            StatisticKind::Mean => cells
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (v, _)| {
                    (lo.min(*v), hi.max(*v))
                }),
        };
        if self.weighted {
            return Some(linearised(kind, estimate, &cells, total, level, domain));
        }
        match kind {
            StatisticKind::Nps => {
                let mut counts = [0u64; 3];
                for (r, key) in self.rows.iter().enumerate() {
                    if let RowValue::Nps(group) = key.value_of() {
                        counts[group.index()] += self.cell(r, c).count;
                    }
                }
                let nps = Nps::from_counts(counts[0], counts[1], counts[2])
                    .ok()?
                    .summary()?;
                Some(ColumnStatistic {
                    kind,
                    estimate: nps.score(),
                    interval: nps.default_interval(level),
                    method: nps.default_method(),
                    n: total.count,
                })
            }
            StatisticKind::Mean => {
                let n = total.count;
                #[allow(clippy::cast_precision_loss)]
                let sd = (n > 1).then(|| {
                    let ss: f64 = cells
                        .iter()
                        .map(|(v, t)| t.weight * (v - estimate).powi(2))
                        .sum();
                    (ss / (n - 1) as f64).sqrt()
                });
                let interval = sd
                    .and_then(|sd| student_t(n, estimate, sd, level).ok())
                    .map(|ci| Interval::clamped(ci.lower(), ci.upper(), domain.0, domain.1));
                Some(ColumnStatistic {
                    kind,
                    estimate,
                    interval,
                    method: "Student t",
                    n,
                })
            }
        }
    }
}

/// Kish's effective sample size `W² / Q`.
pub(super) fn effective(t: Totals) -> f64 {
    if t.square > 0.0 {
        t.weight * t.weight / t.square
    } else {
        0.0
    }
}

/// The weighted statistic with the normal interval on its linearised standard error:
/// `v = n/(n−1) · Σ_rows Q_r (v_r − ȳ)² / W²` (the with-replacement variance of a one-stage
/// design with weights only, as R `survey::svymean` computes it; see the `weighting` module).
fn linearised(
    kind: StatisticKind,
    estimate: f64,
    cells: &[(f64, Totals)],
    total: Totals,
    level: ConfidenceLevel,
    domain: (f64, f64),
) -> ColumnStatistic {
    let n = total.count;
    let interval = (n > 1).then(|| {
        let spread: f64 = cells
            .iter()
            .map(|(v, t)| t.square * (v - estimate).powi(2))
            .sum();
        #[allow(clippy::cast_precision_loss)]
        let factor = n as f64 / (n - 1) as f64;
        let se = (factor * spread).sqrt() / total.weight;
        let half = level.z() * se;
        Interval::clamped(estimate - half, estimate + half, domain.0, domain.1)
    });
    ColumnStatistic {
        kind,
        estimate,
        interval,
        method: "normal, linearised SE",
        n,
    }
}

impl<R: RowKey, C: Ord + Clone + fmt::Display> fmt::Display for CrosstabSummary<R, C> {
    /// The column percentages (one decimal, adding up to 100 in each column) with the bases,
    /// one line per row.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labels: Vec<String> = self.rows.iter().map(RowKey::label).collect();
        let width = labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        write!(f, "{:width$}", "")?;
        for column in &self.columns {
            write!(f, "  {:>10}", column.to_string())?;
        }
        writeln!(f)?;
        let percentages: Vec<Vec<f64>> = self
            .columns
            .iter()
            .map(|c| self.column_percentages(c, 1).unwrap_or_default())
            .collect();
        for (r, label) in labels.iter().enumerate() {
            write!(f, "{label:width$}")?;
            for column in &percentages {
                write!(f, "  {:>9.1}%", column.get(r).copied().unwrap_or(0.0))?;
            }
            writeln!(f)?;
        }
        write!(f, "{:width$}", "n")?;
        for totals in &self.column_totals {
            write!(f, "  {:>10}", totals.count)?;
        }
        Ok(())
    }
}
