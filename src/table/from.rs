//! The tables the crate's own results make: keys as cells, and one constructor per result.

use std::fmt;

use super::{Cell, Format, Table, TableError};
use crate::compare::Comparisons;
use crate::group::GroupedSummary;
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
pub(super) fn key_columns<K: KeyCells>(
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
}
