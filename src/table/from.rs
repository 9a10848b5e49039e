//! The tables the crate's own results make: keys as cells, and one constructor per result.

use std::fmt;

use super::{Cell, Format, Table, TableError};
use crate::compare::Comparisons;
use crate::crosstab::{ColumnTests, CrosstabSummary, RowKey};
use crate::group::GroupedSummary;
use crate::interval::ConfidenceLevel;
use crate::interval::is_small_sample;
use crate::period::Period;
use crate::summary::{Report, ReportOptions, Unit, Value};

/// A group key as table cells, one column per part: a [`Period`] is a date column, a segment
/// name a text column, a `(segment, period)` pair two columns.
///
/// Implemented for periods, text, integers and pairs and triples of keys; implement it for a
/// key type of your own to tabulate groups of it.
///
/// ```
/// use satisfaction::table::{Cell, KeyCells};
///
/// let mut cells = Vec::new();
/// ("chat", 3u32).cells(&mut cells);
/// assert_eq!(cells, [Cell::from("chat"), Cell::Count(3)]);
/// assert_eq!(<(&str, u32)>::WIDTH, 2);
/// ```
pub trait KeyCells {
    /// How many columns the key takes.
    const WIDTH: usize = 1;

    /// Appends the key's cells to `out`.
    fn cells(&self, out: &mut Vec<Cell>);

    /// What a reader must know about the key to read the table: a period's time zone.
    fn note(&self) -> Option<String> {
        None
    }
}

impl KeyCells for Period {
    fn cells(&self, out: &mut Vec<Cell>) {
        out.push(Cell::Period(*self));
    }

    fn note(&self) -> Option<String> {
        Some("Periods are calendar periods in UTC.".to_owned())
    }
}

#[cfg(feature = "calendar")]
impl KeyCells for crate::calendar::ZonedPeriod {
    fn cells(&self, out: &mut Vec<Cell>) {
        out.push(Cell::Period(self.period()));
    }

    fn note(&self) -> Option<String> {
        Some(format!(
            "Periods are calendar periods in the {} time zone.",
            self.zone().name()
        ))
    }
}

impl KeyCells for String {
    fn cells(&self, out: &mut Vec<Cell>) {
        out.push(Cell::Text(self.clone()));
    }
}

impl KeyCells for &str {
    fn cells(&self, out: &mut Vec<Cell>) {
        out.push(Cell::from(*self));
    }
}

macro_rules! unsigned_keys {
    ($($t:ty),*) => {$(
        impl KeyCells for $t {
            fn cells(&self, out: &mut Vec<Cell>) {
                out.push(Cell::Count(u64::from(*self)));
            }
        }
    )*};
}
unsigned_keys!(u8, u16, u32, u64, bool);

macro_rules! signed_keys {
    ($($t:ty),*) => {$(
        impl KeyCells for $t {
            fn cells(&self, out: &mut Vec<Cell>) {
                // Keys are labels: a negative key is written as its text, exactly.
                out.push(match u64::try_from(*self) {
                    Ok(n) => Cell::Count(n),
                    Err(_) => Cell::Text(self.to_string()),
                });
            }
        }
    )*};
}
signed_keys!(i8, i16, i32, i64, usize);

impl<A: KeyCells, B: KeyCells> KeyCells for (A, B) {
    const WIDTH: usize = A::WIDTH + B::WIDTH;

    fn cells(&self, out: &mut Vec<Cell>) {
        self.0.cells(out);
        self.1.cells(out);
    }

    fn note(&self) -> Option<String> {
        self.0.note().or_else(|| self.1.note())
    }
}

impl<A: KeyCells, B: KeyCells, C: KeyCells> KeyCells for (A, B, C) {
    const WIDTH: usize = A::WIDTH + B::WIDTH + C::WIDTH;

    fn cells(&self, out: &mut Vec<Cell>) {
        self.0.cells(out);
        self.1.cells(out);
        self.2.cells(out);
    }

    fn note(&self) -> Option<String> {
        self.0
            .note()
            .or_else(|| self.1.note())
            .or_else(|| self.2.note())
    }
}

impl<K: KeyCells> KeyCells for &K {
    const WIDTH: usize = K::WIDTH;

    fn cells(&self, out: &mut Vec<Cell>) {
        (*self).cells(out);
    }

    fn note(&self) -> Option<String> {
        (*self).note()
    }
}

/// Adds `K::WIDTH` key columns named by `names` (the missing ones `key 2`, `key 3`, ...),
/// dated where the key is a period.
pub(crate) fn key_columns<K: KeyCells>(
    table: &mut Table,
    names: &[&str],
    sample: Option<&K>,
) -> Result<(), TableError> {
    let mut cells = Vec::new();
    if let Some(key) = sample {
        key.cells(&mut cells);
    }
    for i in 0..K::WIDTH {
        let name = names
            .get(i)
            .map_or_else(|| format!("key {}", i + 1), |n| (*n).to_owned());
        let format = match cells.get(i) {
            Some(Cell::Period(_)) => Format::Period,
            Some(Cell::Count(_)) => Format::Count,
            _ => Format::Text,
        };
        table.add_column(name, format)?;
    }
    Ok(())
}

/// The format of a value of a metric whose estimates lie in `domain`, and of a difference of
/// two of them.
pub(super) fn formats_for_domain(domain: (f64, f64)) -> (Format, Format) {
    match domain {
        (lo, hi) if lo == 0.0 && hi == 1.0 => (
            Format::Percent { decimals: 1 },
            Format::PercentChange { decimals: 1 },
        ),
        (lo, hi) if lo == -100.0 && hi == 100.0 => (
            Format::Points { decimals: 1 },
            Format::Points { decimals: 1 },
        ),
        _ => (
            Format::Number { decimals: 2 },
            Format::Points { decimals: 2 },
        ),
    }
}

/// How a report column of `unit` is shown.
pub(super) fn format_for_unit(unit: Unit) -> Format {
    match unit {
        Unit::Share => Format::Percent { decimals: 1 },
        Unit::Points => Format::Points { decimals: 1 },
        Unit::Seconds => Format::Number { decimals: 0 },
        Unit::Count => Format::Count,
        _ => Format::Number { decimals: 2 },
    }
}

/// A report value as a cell.
fn value_cell(value: Value) -> Cell {
    match value {
        Value::Float(x) => Cell::number(x),
        Value::Count(n) => Cell::Count(n),
        _ => Cell::Empty,
    }
}

impl Table {
    /// A grouped summary (by period, by segment): one row per group with its key and the
    /// summary's [`Report`] columns at `options` (the same names and numbers as its serde form
    /// and its SQL function), each shown as its [`Unit`] says; groups of fewer than
    /// [`MIN_RELIABLE_N`](crate::interval::MIN_RELIABLE_N) observations marked; notes that
    /// name the interval level and method, and the time zone of period keys.
    ///
    /// `keys` names the key columns (`["month"]`, `["channel", "month"]`).
    ///
    /// ```
    /// use satisfaction::summary::ReportOptions;
    /// use satisfaction::table::Table;
    /// use satisfaction::{Aggregator, Granularity, Grouped, Nps, Period};
    ///
    /// let mut monthly: Grouped<Period, Nps> = Grouped::default();
    /// let june = Period::containing(1_780_272_000, Granularity::Month)?;
    /// monthly.entry(june).try_extend_from_slice(&[10, 9, 3, 8])?;
    /// let table = Table::from_grouped("NPS by month", &monthly.summary().unwrap(),
    ///                                 &ReportOptions::default(), &["month"])?;
    /// assert_eq!(table.columns()[1].name, "score");
    /// assert_eq!(table.format_cell(0, 0).as_deref(), Some("2026-06"));
    /// assert_eq!(table.format_cell(0, 1).as_deref(), Some("+25.0"));
    /// assert!(table.is_small_row(0)); // 4 answers
    /// assert!(table.notes().iter().any(|n| n.contains("UTC")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TableError::TooManyRows`] beyond [`MAX_ROWS`](super::MAX_ROWS) groups.
    pub fn from_grouped<K, S>(
        title: impl Into<String>,
        summary: &GroupedSummary<K, S>,
        options: &ReportOptions<S::Method>,
        keys: &[&str],
    ) -> Result<Self, TableError>
    where
        K: KeyCells + Ord,
        S: Report,
    {
        let mut table = Self::new(title);
        let first = summary.iter().next();
        key_columns(&mut table, keys, first.map(|(k, _)| k))?;
        for column in S::columns() {
            table.add_column(column.name, format_for_unit(column.unit))?;
        }
        for (i, (key, s)) in summary.iter().enumerate() {
            let mut row = Vec::with_capacity(table.columns().len());
            key.cells(&mut row);
            row.extend(s.values(options).into_iter().map(value_cell));
            table.push_row(row)?;
            if is_small_sample(s.count()) {
                table.mark_small_sample(i)?;
            }
        }
        if let Some((key, s)) = first {
            let method = if options.method == S::Method::default() {
                s.default_method().to_owned()
            } else {
                format!("{:?}", options.method)
            };
            table.add_note(format!(
                "{}: lower and upper bound the {} confidence interval by the {method} method.",
                s.metric(),
                options.level
            ));
            if let Some(note) = key.note() {
                table.add_note(note);
            }
        }
        Ok(table)
    }

    /// A family of [`Comparisons`]: one row per comparison (the keys, what it was compared
    /// against, the difference with its interval, the raw and adjusted p-values and the flag
    /// ▲ / ▼), the comparisons that could not be made in a note each, and the family's caption
    /// (test, level, correction) as the last note.
    ///
    /// `keys` names the key columns (`["month"]`, `["channel", "month"]`).
    ///
    /// ```
    /// use satisfaction::compare::Significance;
    /// use satisfaction::table::Table;
    /// use satisfaction::{Aggregator, Grouped, Nps};
    ///
    /// let mut monthly: Grouped<u32, Nps> = Grouped::default();
    /// monthly.entry(6).try_extend_from_slice(&[10, 9, 10, 9, 8, 10, 9, 10, 9, 9])?;
    /// monthly.entry(7).try_extend_from_slice(&[1, 2, 0, 3, 6, 2, 1, 4, 0, 2])?;
    /// let changes = monthly.summary().unwrap().against_previous(&Significance::default());
    /// let table = Table::from_comparisons("Changes", &changes, &["month"])?;
    /// assert_eq!(table.format_cell(0, 2).as_deref(), Some("-190.0")); // +90 to -100
    /// assert_eq!(table.format_cell(0, 7).as_deref(), Some("▼"));
    /// assert!(table.notes().last().unwrap().contains("Holm"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TableError::TooManyRows`] for a family larger than [`MAX_ROWS`](super::MAX_ROWS).
    pub fn from_comparisons<K: KeyCells + fmt::Display>(
        title: impl Into<String>,
        comparisons: &Comparisons<K>,
        keys: &[&str],
    ) -> Result<Self, TableError> {
        let mut table = Self::new(title);
        key_columns(&mut table, keys, comparisons.iter().next().map(|c| &c.key))?;
        let (_, change) = formats_for_domain(comparisons.domain());
        table.add_column("against", Format::Text)?;
        table.add_column("difference", change)?;
        table.add_column("lower", change)?;
        table.add_column("upper", change)?;
        table.add_column("p", Format::PValue)?;
        table.add_column("adjusted p", Format::PValue)?;
        table.add_column("flag", Format::Text)?;
        for c in comparisons {
            let mut row = Vec::with_capacity(table.columns().len());
            c.key.cells(&mut row);
            let ci = c.difference.interval();
            row.extend([
                Cell::Text(c.baseline.to_string()),
                Cell::number(c.difference.estimate()),
                Cell::number(ci.lower()),
                Cell::number(ci.upper()),
                Cell::number(c.difference.p_value()),
                Cell::number(c.adjusted_p_value),
                c.flag
                    .map_or(Cell::Empty, |d| Cell::Text(d.symbol().to_string())),
            ]);
            table.push_row(row)?;
        }
        for skipped in comparisons.skipped() {
            table.add_note(format!(
                "{} against {}: not compared ({}).",
                skipped.key, skipped.baseline, skipped.reason
            ));
        }
        table.add_note(format!(
            "Differences and their {} intervals by the {} method.",
            comparisons.significance().level,
            if comparisons.test().is_empty() {
                "(none)"
            } else {
                comparisons.test()
            }
        ));
        table.add_note(comparisons.caption());
        Ok(table)
    }

    /// A crosstab: one row per answer with each column's share as a percentage (rounded by
    /// the largest remainder method, so every column adds up to exactly 100.0% as shown),
    /// with `tests`' significance letters beside each share where given, a Total column (all
    /// segments pooled), then the bases (`n`; weighted tables add each column's sum of
    /// weights and effective base) and, where the rows have one, each column's NPS or mean
    /// with its interval at `level`. Segments of fewer than
    /// [`MIN_RELIABLE_N`](crate::interval::MIN_RELIABLE_N) answers are marked; the notes say
    /// how the letters were decided.
    ///
    /// Column headers carry the segments' letters: `north (A)`.
    ///
    /// ```
    /// use satisfaction::crosstab::Crosstab;
    /// use satisfaction::table::Table;
    /// use satisfaction::{Aggregator, ConfidenceLevel};
    ///
    /// let mut reasons: Crosstab<&str, &str> = Crosstab::new();
    /// for (reason, region, n) in [("price", "north", 60), ("price", "south", 25),
    ///                             ("service", "north", 40), ("service", "south", 75)] {
    ///     reasons.extend(std::iter::repeat_n((reason, region), n));
    /// }
    /// let summary = reasons.summary().unwrap();
    /// let tests = summary.spss_column_tests()?;
    /// let table = Table::from_crosstab("Reasons by region", &summary, Some(&tests), ConfidenceLevel::P95)?;
    /// assert_eq!(table.columns()[1].name, "north (A)");
    /// assert_eq!(table.format_cell(0, 1).as_deref(), Some("60.0%"));
    /// assert_eq!(table.format_cell(0, 2).as_deref(), Some("B"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TableError::TooManyColumns`] when the segments need more than
    /// [`MAX_COLUMNS`](super::MAX_COLUMNS) columns.
    pub fn from_crosstab<R, C>(
        title: impl Into<String>,
        summary: &CrosstabSummary<R, C>,
        tests: Option<&ColumnTests>,
        level: ConfidenceLevel,
    ) -> Result<Self, TableError>
    where
        R: RowKey,
        C: Ord + Clone + fmt::Display,
    {
        const DECIMALS: u8 = 1;
        let mut table = Self::new(title);
        let columns = summary.columns();
        table.add_column("", Format::Text)?;
        let share = Format::Percent { decimals: DECIMALS };
        for (c, column) in columns.iter().enumerate() {
            table.add_column(format!("{column} ({})", ColumnTests::letter(c)), share)?;
            if tests.is_some() {
                table.add_column(ColumnTests::letter(c), Format::Text)?;
            }
        }
        table.add_column("Total", share)?;
        let per_column: Vec<Vec<f64>> = columns
            .iter()
            .map(|c| summary.column_percentages(c, DECIMALS).unwrap_or_default())
            .collect();
        let total = summary.total_percentages(DECIMALS).unwrap_or_default();
        for (r, row) in summary.rows().iter().enumerate() {
            let mut cells = vec![Cell::Text(row.label())];
            for (c, percentages) in per_column.iter().enumerate() {
                cells.push(Cell::maybe(percentages.get(r).map(|p| p / 100.0)));
                if let Some(tests) = tests {
                    let letters = tests.letters(r, c);
                    cells.push(if letters.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::from(letters)
                    });
                }
            }
            cells.push(Cell::maybe(total.get(r).map(|p| p / 100.0)));
            table.push_row(cells)?;
        }
        // The footer: bases, then the statistic.
        let footer = |label: &str, of: &dyn Fn(&C) -> Cell, all: Cell| {
            let mut cells = vec![Cell::from(label)];
            for column in columns {
                cells.push(of(column));
                if tests.is_some() {
                    cells.push(Cell::Empty);
                }
            }
            cells.push(all);
            cells
        };
        let all_count: u64 = columns.iter().filter_map(|c| summary.column_count(c)).sum();
        table.push_row(footer(
            "n",
            &|c| summary.column_count(c).map_or(Cell::Empty, Cell::Count),
            Cell::Count(all_count),
        ))?;
        if summary.is_weighted() {
            let number = |x: Option<f64>| {
                x.map_or(Cell::Empty, |x| {
                    Cell::Formatted(x, Format::Number { decimals: 1 })
                })
            };
            table.push_row(footer(
                "sum of weights",
                &|c| number(summary.column_base(c)),
                Cell::Empty,
            ))?;
            table.push_row(footer(
                "effective base (Kish)",
                &|c| number(summary.effective_base(c)),
                Cell::Empty,
            ))?;
        }
        if let Some(kind) = summary.statistic_kind() {
            let format = match kind {
                crate::crosstab::StatisticKind::Nps => Format::Points { decimals: 1 },
                _ => Format::Number { decimals: 2 },
            };
            let stat = |c: &C| summary.column_statistic(c, level);
            let value = |x: Option<f64>| x.map_or(Cell::Empty, |x| Cell::Formatted(x, format));
            table.push_row(footer(
                kind.name(),
                &|c| value(stat(c).map(|s| s.estimate)),
                Cell::Empty,
            ))?;
            table.push_row(footer(
                "lower",
                &|c| value(stat(c).and_then(|s| s.interval).map(|i| i.lower())),
                Cell::Empty,
            ))?;
            table.push_row(footer(
                "upper",
                &|c| value(stat(c).and_then(|s| s.interval).map(|i| i.upper())),
                Cell::Empty,
            ))?;
            if let Some(method) = columns.iter().find_map(|c| stat(c).map(|s| s.method)) {
                table.add_note(format!(
                    "{}: lower and upper bound its {level} confidence interval by the {method} method.",
                    kind.name()
                ));
            }
        }
        // Segments resting on few answers: their share and letter columns.
        let width = if tests.is_some() { 2 } else { 1 };
        for (c, column) in columns.iter().enumerate() {
            if summary.column_count(column).is_some_and(is_small_sample) {
                for k in 0..width {
                    table.mark_small_sample_column(1 + c * width + k)?;
                }
            }
        }
        table.add_note(format!(
            "Percentages of each column, rounded so that each column adds up to 100 (largest remainder){}.",
            if summary.is_weighted() { ", weighted" } else { "" }
        ));
        if let Some(tests) = tests {
            for note in tests.notes() {
                table.add_note(note);
            }
        }
        Ok(table)
    }

    /// A key-driver analysis: one row per driver, most important first, with its rank, its LMG
    /// (its part of R²) with, given a bootstrap, its interval at `level`, its share of R², its
    /// relative weight share,
    /// its performance (mean rating) and its importance-performance quadrant; notes give R²,
    /// the rows used and the methods.
    ///
    /// ```
    /// use satisfaction::drivers::KeyDrivers;
    /// use satisfaction::table::Table;
    /// use satisfaction::ConfidenceLevel;
    ///
    /// let mut analysis = KeyDrivers::new(&["staff", "speed", "price"])?;
    /// for i in 0..60u32 {
    ///     let (a, b, c) = (f64::from(i % 5), f64::from(i % 7), f64::from(i % 3));
    ///     analysis.try_push(2.0 * a + b + 0.1 * c + f64::from(i % 2), &[Some(a), Some(b), Some(c)])?;
    /// }
    /// let table = Table::from_drivers("Drivers of NPS", &analysis.analyse()?, ConfidenceLevel::P95)?;
    /// assert_eq!(table.format_cell(0, 0).as_deref(), Some("staff"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None in practice (a driver analysis has at most 30 drivers); the signature is the other
    /// constructors'.
    pub fn from_drivers(
        title: impl Into<String>,
        summary: &crate::drivers::KeyDriversSummary,
        level: ConfidenceLevel,
    ) -> Result<Self, TableError> {
        use crate::drivers::Measure;
        let mut table = Self::new(title);
        let share = Format::Percent { decimals: 1 };
        table.add_column("driver", Format::Text)?;
        table.add_column("rank", Format::Count)?;
        table.add_column("LMG", Format::Number { decimals: 3 })?;
        table.add_column("lower", Format::Number { decimals: 3 })?;
        table.add_column("upper", Format::Number { decimals: 3 })?;
        table.add_column("share of R²", share)?;
        table.add_column("relative weight share", share)?;
        table.add_column("performance", Format::Number { decimals: 2 })?;
        table.add_column("quadrant", Format::Text)?;
        let intervals = summary.intervals(level).ok();
        for driver in summary.ranked() {
            let interval = intervals
                .as_ref()
                .and_then(|i| i.interval(driver.name(), Measure::Lmg));
            table.push_row(vec![
                Cell::from(driver.name()),
                Cell::Count(u64::try_from(driver.rank()).unwrap_or(u64::MAX)),
                Cell::number(driver.lmg()),
                Cell::maybe(interval.map(|i| i.lower())),
                Cell::maybe(interval.map(|i| i.upper())),
                Cell::number(driver.share(Measure::Lmg)),
                Cell::number(driver.share(Measure::RelativeWeight)),
                Cell::number(driver.performance()),
                Cell::Text(driver.quadrant().name().to_owned()),
            ])?;
        }
        table.add_note(format!(
            "R² = {:.3} on {} rows. LMG: each driver's average gain in R² over every order of \
             entry (Lindeman, Merenda & Gold 1980); relative weights: Johnson (2000).",
            summary.r_squared(),
            summary.n()
        ));
        if let Some(intervals) = &intervals {
            table.add_note(format!(
                "lower and upper: {} bootstrap percentile interval of the LMG ({} replicates).",
                level,
                intervals.replicates()
            ));
        }
        Ok(table)
    }

    /// A theme table: one row per theme with its mentions, its share among detractors,
    /// passives and promoters, the NPS of those who mention it and of the rest, the
    /// difference with its interval and p-value, and the p-value adjusted across the themes
    /// by `significance` with the flag ▲ / ▼ it earns (feature `text`).
    ///
    /// ```
    /// use satisfaction::compare::Significance;
    /// use satisfaction::table::Table;
    /// use satisfaction::text::{ThemeSet, ThemeTable};
    /// use satisfaction::{Aggregator, NpsScore};
    ///
    /// let themes = ThemeSet::parse([("waiting", "wait* OR queue"), ("staff", "friendly OR helpful")])?;
    /// let mut table = ThemeTable::new(themes);
    /// for (score, comment) in [(2, "waited forever"), (9, "friendly staff"), (10, "helpful"), (3, "queue")] {
    ///     table.try_push(NpsScore::new(score)?, comment)?;
    /// }
    /// let out = Table::from_themes("Themes", &table.summary().unwrap(), &Significance::default())?;
    /// assert_eq!(out.format_cell(0, 0).as_deref(), Some("waiting"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TableError::TooManyRows`] beyond [`MAX_ROWS`](super::MAX_ROWS) themes.
    #[cfg(feature = "text")]
    #[cfg_attr(docsrs, doc(cfg(feature = "text")))]
    pub fn from_themes(
        title: impl Into<String>,
        summary: &crate::text::ThemeTableSummary,
        significance: &crate::compare::Significance,
    ) -> Result<Self, TableError> {
        use crate::interval::NpsMethod;
        use crate::scale::NpsCategory;
        let mut table = Self::new(title);
        let share = Format::Percent { decimals: 1 };
        let points = Format::Points { decimals: 1 };
        table.add_column("theme", Format::Text)?;
        table.add_column("mentions", Format::Count)?;
        table.add_column("share of comments", share)?;
        for group in ["detractors", "passives", "promoters"] {
            table.add_column(format!("% of {group}"), share)?;
        }
        table.add_column("NPS mentioning", points)?;
        table.add_column("NPS rest", points)?;
        table.add_column("difference", points)?;
        table.add_column("lower", points)?;
        table.add_column("upper", points)?;
        table.add_column("p", Format::PValue)?;
        table.add_column("adjusted p", Format::PValue)?;
        table.add_column("flag", Format::Text)?;
        let level = significance.level;
        let differences: Vec<Option<crate::interval::Difference>> = summary
            .rows()
            .iter()
            .map(|row| row.difference(level, NpsMethod::default()))
            .collect();
        let raw: Vec<f64> = differences.iter().flatten().map(|d| d.p_value()).collect();
        let mut adjusted = crate::compare::adjust(&raw, significance.adjustment)
            .unwrap_or(raw)
            .into_iter();
        for (row, difference) in summary.rows().iter().zip(&differences) {
            let mut cells = vec![
                Cell::from(row.name()),
                Cell::Count(row.mentions()),
                Cell::number(row.share()),
            ];
            for group in NpsCategory::ALL {
                cells.push(Cell::maybe(row.share_among(group)));
            }
            cells.push(Cell::maybe(row.mentioning().map(|s| s.score())));
            cells.push(Cell::maybe(row.rest().map(|s| s.score())));
            match difference {
                Some(d) => {
                    let p = adjusted.next().unwrap_or(1.0);
                    let flag = (p < significance.alpha() && d.estimate() != 0.0)
                        .then(|| if d.estimate() > 0.0 { '▲' } else { '▼' });
                    cells.extend([
                        Cell::number(d.estimate()),
                        Cell::number(d.interval().lower()),
                        Cell::number(d.interval().upper()),
                        Cell::number(d.p_value()),
                        Cell::number(p),
                        flag.map_or(Cell::Empty, |f| Cell::Text(f.to_string())),
                    ]);
                }
                None => cells.extend(std::iter::repeat_n(Cell::Empty, 6)),
            }
            table.push_row(cells)?;
        }
        table.add_note(format!(
            "Difference: NPS of the comments that mention the theme minus the rest's, with its \
             {level} interval by the MOVER score method; ▲ ▼ where the p-value adjusted across \
             the {} themes ({}) is below {}%.",
            raw_len(&differences),
            significance.adjustment,
            crate::display::trimmed_percent(significance.alpha())
        ));
        Ok(table)
    }
}

#[cfg(feature = "text")]
fn raw_len(differences: &[Option<crate::interval::Difference>]) -> usize {
    differences.iter().flatten().count()
}
