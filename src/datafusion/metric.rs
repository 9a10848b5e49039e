//! [`SqlMetric`]: how one of the crate's metrics appears in SQL. Everything a function needs is
//! derived from the library: the aggregator does the counting, its summary's
//! [`Report`](crate::summary::Report) gives the result struct's fields, its validated constructors read
//! the partial state back, and the rule from a row to a typed input is the library's own
//! constructor ([`NpsScore::from_raw`](crate::NpsScore::from_raw),
//! [`CustomerPeriod::new`](crate::CustomerPeriod::new), ...).

use std::fmt::Debug;
use std::str::FromStr;

use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::{DataType, Field, Fields};
use datafusion::common::{DataFusionError, Result, ScalarValue};

use crate::aggregator::Aggregator;
use crate::interval::ConfidenceLevel;
use crate::summary::{Report, ReportOptions};

/// One non-NULL input value of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    /// An integer or boolean (0 / 1) column.
    Int(i64),
    /// A floating-point column.
    Float(f64),
    /// A text column (only for a metric whose input is declared `Utf8`: the column reader
    /// refuses text anywhere else).
    Text(&'a str),
}

impl Cell<'_> {
    /// The value as an integer (a float truncates; integer inputs never arrive as floats, text
    /// never reaches a numeric input, see [`Cell::Text`]).
    pub(crate) fn int(self) -> i64 {
        match self {
            Cell::Int(v) => v,
            Cell::Float(v) => v as i64,
            Cell::Text(_) => 0,
        }
    }

    /// The value as a boolean.
    pub(crate) fn bool(self) -> bool {
        self.int() != 0
    }
}

/// The report options of a metric's SQL function.
pub(crate) type Options<M> = ReportOptions<<<M as Aggregator>::Summary as Report>::Method>;

/// A call's configuration: the empty aggregator every group starts from (its scale, rule,
/// target) and the options its report is computed with. For a merge of states that carry their
/// own configuration (`frt_merge`), the prototype is `None` until the first state arrives.
#[derive(Debug, Clone)]
pub(crate) struct Configured<M: SqlMetric> {
    pub(crate) prototype: Option<M>,
    pub(crate) options: Options<M>,
}

/// One option a function takes after its input columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OptionDoc {
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
}

/// A metric of the crate as a family of SQL aggregate functions: `name(...)`, `name_state(...)`
/// and `name_merge(state, ...)`.
pub(crate) trait SqlMetric:
    Aggregator<Summary: Report, Input: Clone + Debug + Send + Sync>
    + Clone
    + Debug
    + Send
    + Sync
    + 'static
{
    /// The function's name (`nps`, `csat`, ...).
    const NAME: &'static str;
    /// What the function computes, for `documentation()`.
    const DESCRIPTION: &'static str;
    /// The input columns: name, type after coercion (`Int64`, `Boolean`, `Float64`, or `Utf8`
    /// for text, which also takes `LargeUtf8` and `Utf8View` columns as they are), and a
    /// description.
    const INPUTS: &'static [(&'static str, DataType, &'static str)];
    /// The literal options after the inputs of `name` and `name_state`; more are a planning
    /// error.
    const OPTIONS: &'static [OptionDoc];
    /// The literal options after the state of `name_merge`.
    const MERGE_OPTIONS: &'static [OptionDoc];
    /// Whether the result struct ends with a `missing` count of rows with a NULL input (false
    /// where a NULL is itself an input: an unanswered ticket).
    const COUNTS_MISSING: bool = true;

    /// Reads a call's options (the literals after its inputs).
    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>>;

    /// Reads a merge's options (the literals after the state).
    fn configure_merge(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        Self::configure(literals)
    }

    /// The typed input of one row's non-NULL values, by the library's own rule, or a query
    /// error naming the value and the valid range.
    fn input(&self, row: &[Cell<'_>]) -> Result<Self::Input>;

    /// The input a row with a NULL value stands for, if any (`None`: it is counted as missing).
    fn null_input(&self) -> Option<Self::Input> {
        None
    }

    /// For a single integer input: the smallest valid value and the input of each value from
    /// it to the largest, for the batch fast path (a range check, then a table lookup per row).
    fn lookup(&self) -> Option<(i64, Vec<Self::Input>)> {
        None
    }

    /// For a single integer input: counts a whole NULL-free column with the library's batch
    /// kernel (`try_extend_from_slice`, one pass at the CPU's vector width) and returns `true`;
    /// returns `false` and changes nothing where the metric has no such kernel or the kernel
    /// refuses the column (the row path then reports the bad value in its own words).
    fn extend_from_column(&mut self, _values: &[i64]) -> bool {
        false
    }

    /// The fields of the partial state (without the function-name prefix).
    fn state_fields() -> Vec<Field>;

    /// The type `name_state` returns and `name_merge` takes: the struct of the state's fields,
    /// or the field itself when the state has one (first response time's bytes).
    fn state_type() -> DataType {
        match Self::state_fields().as_slice() {
            [only] => only.data_type().clone(),
            fields => DataType::Struct(Fields::from(fields.to_vec())),
        }
    }

    /// The partial states of `groups` as arrays, one row per group, with their missing counts.
    fn write_state(groups: &[(Option<Self>, u64)], configured: &Configured<Self>) -> Vec<ArrayRef>;

    /// The aggregator and missing count of state row `row`, read back through the metric's
    /// validated constructor; `None` for a row that is NULL throughout (it carries nothing).
    fn read_state(
        configured: &Configured<Self>,
        columns: &[ArrayRef],
        row: usize,
    ) -> Result<Option<(Self, u64)>>;
}

/// A query error in the function's own words.
pub(crate) fn error(name: &str, message: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::Execution(format!("{name}: {message}"))
}

/// The level option (`0.9`), validated by [`ConfidenceLevel::new`].
pub(crate) fn level(name: &str, value: Option<&ScalarValue>) -> Result<ConfidenceLevel> {
    let level = match value {
        None | Some(ScalarValue::Null) => return Ok(ConfidenceLevel::default()),
        Some(ScalarValue::Float64(Some(x))) => *x,
        Some(ScalarValue::Float32(Some(x))) => f64::from(*x),
        Some(ScalarValue::Int64(Some(x))) => *x as f64,
        Some(other) => {
            return Err(error(
                name,
                format!("the confidence level must be a number literal, got {other}"),
            ));
        }
    };
    ConfidenceLevel::new(level).map_err(|e| error(name, e))
}

/// A text option parsed by the library's own `FromStr` (method names, rules, scales).
pub(crate) fn parsed<T>(name: &str, value: Option<&ScalarValue>) -> Result<Option<T>>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    match value {
        None | Some(ScalarValue::Null) => Ok(None),
        Some(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::LargeUtf8(Some(s))
            | ScalarValue::Utf8View(Some(s)),
        ) => s.parse().map(Some).map_err(|e| error(name, e)),
        Some(other) => Err(error(
            name,
            format!("expected a string literal, got {other}"),
        )),
    }
}

/// An integer option.
pub(crate) fn integer(name: &str, what: &str, value: &ScalarValue) -> Result<i64> {
    match value {
        ScalarValue::Int64(Some(x)) => Ok(*x),
        ScalarValue::Int32(Some(x)) => Ok(i64::from(*x)),
        other => Err(error(
            name,
            format!("{what} must be an integer literal, got {other}"),
        )),
    }
}

/// A number option, `None` when NULL.
pub(crate) fn number(name: &str, what: &str, value: &ScalarValue) -> Result<Option<f64>> {
    Ok(match value {
        ScalarValue::Float64(v) => *v,
        ScalarValue::Float32(v) => v.map(f64::from),
        ScalarValue::Int64(v) => v.map(|x| x as f64),
        ScalarValue::Int32(v) => v.map(f64::from),
        ScalarValue::Null => None,
        other => {
            return Err(error(
                name,
                format!("{what} must be a number literal, got {other}"),
            ));
        }
    })
}
