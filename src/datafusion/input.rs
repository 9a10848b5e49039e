//! Reading a batch's input columns: row by row into typed inputs by the metric's rule, or, for
//! a NULL-free integer batch, range-checked at once with Arrow's min/max kernels and looked up
//! in a table built once per call.

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, LargeStringArray, StringArray, StringViewArray,
};
use datafusion::arrow::compute::{max, min};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};
use datafusion::common::Result;

use super::metric::{Cell, SqlMetric, error};

/// One input column.
enum Column<'a> {
    Boolean(&'a BooleanArray),
    Int64(&'a datafusion::arrow::array::Int64Array),
    Float64(&'a datafusion::arrow::array::Float64Array),
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    Utf8View(&'a StringViewArray),
}

impl<'a> Column<'a> {
    /// The column of an input declared `wanted`: text only for a text input, numbers and
    /// booleans only for the others.
    fn of<M: SqlMetric>(array: &'a ArrayRef, wanted: &DataType) -> Result<Column<'a>> {
        let text = wanted == &DataType::Utf8;
        match array.data_type() {
            DataType::Boolean if !text => Ok(Column::Boolean(array.as_boolean())),
            DataType::Int64 if !text => Ok(Column::Int64(array.as_primitive::<Int64Type>())),
            DataType::Float64 if !text => Ok(Column::Float64(array.as_primitive::<Float64Type>())),
            DataType::Utf8 if text => Ok(Column::Utf8(array.as_string::<i32>())),
            DataType::LargeUtf8 if text => Ok(Column::LargeUtf8(array.as_string::<i64>())),
            DataType::Utf8View if text => Ok(Column::Utf8View(array.as_string_view())),
            other => Err(error(
                M::NAME,
                format!("unsupported input type {other} for a {wanted} input"),
            )),
        }
    }

    #[inline]
    fn get(&self, row: usize) -> Option<Cell<'a>> {
        match self {
            Column::Boolean(a) => a.is_valid(row).then(|| Cell::Int(i64::from(a.value(row)))),
            Column::Int64(a) => a.is_valid(row).then(|| Cell::Int(a.value(row))),
            Column::Float64(a) => a.is_valid(row).then(|| Cell::Float(a.value(row))),
            Column::Utf8(a) => a.is_valid(row).then(|| Cell::Text(a.value(row))),
            Column::LargeUtf8(a) => a.is_valid(row).then(|| Cell::Text(a.value(row))),
            Column::Utf8View(a) => a.is_valid(row).then(|| Cell::Text(a.value(row))),
        }
    }
}

/// Whether an aggregate `FILTER` keeps row `row` (SQL: a NULL condition drops the row).
#[inline]
pub(crate) fn kept(filter: Option<&BooleanArray>, row: usize) -> bool {
    filter.is_none_or(|f| f.is_valid(row) && f.value(row))
}

/// What one row of input is.
pub(crate) enum Row<I> {
    /// A typed input to record.
    Input(I),
    /// A row with a NULL input that stands for nothing: counted as missing.
    Missing,
}

/// Calls `f(row, what)` for every row the filter keeps, in order, with the row's typed input by
/// the metric's rule (`config` is the group's configured aggregator); stops at the first
/// invalid row with its error. Rows the filter drops are not read at all.
pub(crate) fn for_each_row<M>(
    config: &M,
    arrays: &[ArrayRef],
    filter: Option<&BooleanArray>,
    mut f: impl FnMut(usize, Row<M::Input>) -> Result<()>,
) -> Result<()>
where
    M: SqlMetric,
{
    let Some(first) = arrays.first() else {
        return Ok(());
    };
    if arrays.len() != M::INPUTS.len() {
        return Err(error(
            M::NAME,
            format!(
                "takes {} input columns, got {}",
                M::INPUTS.len(),
                arrays.len()
            ),
        ));
    }
    let columns = arrays
        .iter()
        .zip(M::INPUTS)
        .map(|(array, (_, wanted, _))| Column::of::<M>(array, wanted))
        .collect::<Result<Vec<_>>>()?;
    let mut cells = Vec::with_capacity(columns.len());
    'rows: for row in 0..first.len() {
        if !kept(filter, row) {
            continue;
        }
        cells.clear();
        for column in &columns {
            match column.get(row) {
                Some(cell) => cells.push(cell),
                None => {
                    let what = config.null_input().map_or(Row::Missing, Row::Input);
                    f(row, what)?;
                    continue 'rows;
                }
            }
        }
        f(row, Row::Input(config.input(&cells)?))?;
    }
    Ok(())
}

/// The fast path: for a single NULL-free `Int64` column without a filter whose values all lie
/// in the metric's lookup table, calls `f(row, input)` for every row and returns `true`;
/// otherwise does nothing and returns `false` (the checked path then reports any bad value).
pub(crate) fn for_each_fast<M>(
    lookup: Option<&(i64, Vec<M::Input>)>,
    arrays: &[ArrayRef],
    filter: Option<&BooleanArray>,
    mut f: impl FnMut(usize, &M::Input) -> Result<()>,
) -> Result<bool>
where
    M: SqlMetric,
{
    let ([array], None, Some((low, table))) = (arrays, filter, lookup) else {
        return Ok(false);
    };
    if array.null_count() > 0 || array.data_type() != &DataType::Int64 {
        return Ok(false);
    }
    let values = array.as_primitive::<Int64Type>();
    let (Some(lo), Some(hi)) = (min(values), max(values)) else {
        return Ok(false);
    };
    if lo < *low
        || hi
            .checked_sub(*low)
            .is_none_or(|span| span >= table.len() as i64)
    {
        return Ok(false);
    }
    for (row, &v) in values.values().iter().enumerate() {
        // In range: the index is within the table.
        f(row, &table[(v - low) as usize])?;
    }
    Ok(true)
}
