//! One generic DataFusion aggregate for every bounded-scale metric: the partial state is a
//! count per bucket (plus the missing count and the format version), so partial aggregation,
//! repartitioning and merging are exact, and grouped queries use a `GroupsAccumulator` over one
//! flat `Vec<u64>` instead of a boxed accumulator per group.
//!
//! Three functions come from each [`Metric`]: `name(x, ...)` (the final struct), `name_state(x)`
//! (the partial state as a struct value that can be stored, e.g. daily rollups in Parquet) and
//! `name_merge(state)` (combines stored states into the final struct, exactly).

use std::fmt::Debug;
use std::hash::Hash;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, StructArray, UInt8Array, UInt32Array, UInt64Array,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields, Int64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, EmitTo, GroupsAccumulator, Signature, Volatility,
};
use datafusion::physical_expr::expressions::Literal;

use crate::interval::ConfidenceLevel;

/// A bounded-scale metric as DataFusion sees it.
pub(crate) trait Metric:
    Debug + Clone + PartialEq + Eq + Hash + Send + Sync + 'static
{
    /// The SQL name (`nps`, `csat`, ...).
    const NAME: &'static str;
    /// Buckets in the state.
    const BUCKETS: usize;
    /// Names of the bucket columns in the state, in order.
    const BUCKET_NAMES: &'static [&'static str];
    /// The input columns' types after coercion (`Int64` or `Boolean`, as `0`/`1`), in order.
    const INPUTS: &'static [DataType];
    /// Names of the literal options a call can give after its input columns, in order
    /// (`level`, `method`, ...); more literals than these are a planning error.
    const OPTIONS: &'static [&'static str];
    /// Whether the buckets are the points of a configurable scale. The state of such a metric
    /// carries `scale_min` and `scale_max`, and a merge under another scale is refused instead
    /// of reading the counts against the wrong points.
    const SCALED: bool = false;
    /// The options a call can give after the input columns (level, method, scale...).
    type Options: Debug + Clone + Send + Sync + 'static;

    /// Reads the options from a call's literal arguments (after the input columns).
    fn options(&self, literals: &[ScalarValue]) -> Result<Self::Options>;
    /// The bucket of one row's non-NULL input values (one per input column), or a query error
    /// naming the value and the valid range.
    fn bucket(options: &Self::Options, values: &[i64]) -> Result<usize>;
    /// For integer inputs: the smallest valid value and a table from `value − smallest` to the
    /// bucket, for the fast path (a whole batch range-checked at once, then counted without a
    /// branch per row). `None` keeps the checked per-row path.
    fn lookup(_options: &Self::Options) -> Option<(i64, Vec<usize>)> {
        None
    }
    /// The scale `(min, max)` the buckets count from, for [`SCALED`](Self::SCALED) metrics.
    fn scale(_options: &Self::Options) -> Option<(u8, u8)> {
        None
    }
    /// The fields of the final struct.
    fn output_fields() -> Fields;
    /// The final struct's field values for non-empty counts; `None` (a NULL result) when the
    /// counts have no estimate (e.g. churn with no customer active at the start).
    fn evaluate(options: &Self::Options, counts: &[u64], missing: u64) -> Option<Vec<ScalarValue>>;
}

/// The level argument (`0.9`), validated.
pub(crate) fn level_option(value: Option<&ScalarValue>) -> Result<ConfidenceLevel> {
    match value {
        None => Ok(ConfidenceLevel::default()),
        Some(v) => {
            let level = match v {
                ScalarValue::Float64(Some(x)) => *x,
                ScalarValue::Float32(Some(x)) => f64::from(*x),
                ScalarValue::Int64(Some(x)) => *x as f64,
                other => {
                    return exec_err!("confidence level must be a number literal, got {other}");
                }
            };
            ConfidenceLevel::new(level).map_err(|e| DataFusionError::Execution(e.to_string()))
        }
    }
}

/// The literal arguments of a call, after its first `inputs` arguments.
pub(crate) fn literals(args: &AccumulatorArgs<'_>, inputs: usize) -> Result<Vec<ScalarValue>> {
    args.exprs
        .iter()
        .skip(inputs)
        .map(|e| match e.downcast_ref::<Literal>() {
            Some(lit) => Ok(lit.value().clone()),
            None => exec_err!("options after the first argument must be literals"),
        })
        .collect()
}

fn state_fields_for<M: Metric>(prefix: &str) -> Vec<Field> {
    // Nullable, so that a state built by hand or read back from a file has the same type.
    let mut fields = vec![Field::new(
        format!("{prefix}version"),
        DataType::UInt32,
        true,
    )];
    if M::SCALED {
        for name in ["scale_min", "scale_max"] {
            fields.push(Field::new(format!("{prefix}{name}"), DataType::UInt8, true));
        }
    }
    fields.extend(
        M::BUCKET_NAMES
            .iter()
            .map(|b| Field::new(format!("{prefix}{b}"), DataType::UInt64, true)),
    );
    fields.push(Field::new(
        format!("{prefix}missing"),
        DataType::UInt64,
        true,
    ));
    fields
}

/// The struct type of a stored partial state (`nps_state`'s result, `nps_merge`'s input).
pub(crate) fn state_struct_type<M: Metric>() -> DataType {
    DataType::Struct(Fields::from(state_fields_for::<M>("")))
}

/// Counts of one group.
#[derive(Debug, Clone)]
struct Counts {
    buckets: Vec<u64>,
    missing: u64,
}

impl Counts {
    fn new<M: Metric>() -> Self {
        Self {
            buckets: vec![0; M::BUCKETS],
            missing: 0,
        }
    }

    fn total(&self) -> u64 {
        self.buckets.iter().sum()
    }
}

/// One input column, read as `i64` (booleans as 0 and 1).
enum Column<'a> {
    Boolean(&'a BooleanArray),
    Int64(&'a datafusion::arrow::array::Int64Array),
}

impl Column<'_> {
    fn of<'a, M: Metric>(array: &'a ArrayRef) -> Result<Column<'a>> {
        match array.data_type() {
            DataType::Boolean => Ok(Column::Boolean(array.as_boolean())),
            DataType::Int64 => Ok(Column::Int64(array.as_primitive::<Int64Type>())),
            other => exec_err!("{}: unsupported input type {other}", M::NAME),
        }
    }

    #[inline]
    fn get(&self, row: usize) -> Option<i64> {
        match self {
            Column::Boolean(a) => a.is_valid(row).then(|| i64::from(a.value(row))),
            Column::Int64(a) => a.is_valid(row).then(|| a.value(row)),
        }
    }
}

/// Whether an aggregate `FILTER` keeps row `row` (SQL: a NULL condition drops the row).
#[inline]
fn kept(filter: Option<&BooleanArray>, row: usize) -> bool {
    filter.is_none_or(|f| f.is_valid(row) && f.value(row))
}

/// Reads the rows of the input columns, calling `f` with each row's bucket, or `None` when any
/// of its inputs is NULL (a missing observation). Rows where `filter` is false or NULL are
/// skipped (not validated, not counted).
fn for_each_bucket<M: Metric>(
    options: &M::Options,
    arrays: &[ArrayRef],
    filter: Option<&BooleanArray>,
    mut f: impl FnMut(usize, Option<usize>),
) -> Result<()> {
    let keep = |i: usize| kept(filter, i);
    let Some(first) = arrays.first() else {
        return Ok(());
    };
    if arrays.len() != M::INPUTS.len() {
        return exec_err!(
            "{} takes {} input columns, got {}",
            M::NAME,
            M::INPUTS.len(),
            arrays.len()
        );
    }
    if let [only] = arrays {
        // One column: a tight loop per type.
        match only.data_type() {
            DataType::Boolean => {
                let values = only.as_boolean();
                for i in 0..values.len() {
                    if keep(i) {
                        if values.is_null(i) {
                            f(i, None);
                        } else {
                            f(i, Some(M::bucket(options, &[i64::from(values.value(i))])?));
                        }
                    }
                }
            }
            DataType::Int64 => {
                let values = only.as_primitive::<Int64Type>();
                for i in 0..values.len() {
                    if keep(i) {
                        if values.is_null(i) {
                            f(i, None);
                        } else {
                            f(i, Some(M::bucket(options, &[values.value(i)])?));
                        }
                    }
                }
            }
            other => return exec_err!("{}: unsupported input type {other}", M::NAME),
        }
        return Ok(());
    }
    let columns = arrays
        .iter()
        .map(Column::of::<M>)
        .collect::<Result<Vec<_>>>()?;
    let mut row_values = vec![0_i64; columns.len()];
    'rows: for i in 0..first.len() {
        if !keep(i) {
            continue;
        }
        for (slot, column) in row_values.iter_mut().zip(&columns) {
            match column.get(i) {
                Some(v) => *slot = v,
                None => {
                    f(i, None);
                    continue 'rows;
                }
            }
        }
        f(i, Some(M::bucket(options, &row_values)?));
    }
    Ok(())
}

/// The fast path: an `Int64` batch without NULLs or filter whose values all lie in the lookup
/// table's range (checked with Arrow's vectorised min/max kernels) is counted with one table
/// lookup per row. Returns `false` (nothing counted) when the batch does not qualify.
fn count_fast<M: Metric>(
    options: &M::Options,
    arrays: &[ArrayRef],
    filter: Option<&BooleanArray>,
    mut count: impl FnMut(usize, usize),
) -> bool {
    use datafusion::arrow::compute::{max, min};
    let [array] = arrays else {
        return false;
    };
    if filter.is_some() || array.null_count() > 0 || array.data_type() != &DataType::Int64 {
        return false;
    }
    let Some((low, table)) = M::lookup(options) else {
        return false;
    };
    let values = array.as_primitive::<Int64Type>();
    let (Some(lo), Some(hi)) = (min(values), max(values)) else {
        return false;
    };
    if lo < low || hi - low >= table.len() as i64 {
        return false;
    }
    for (row, &v) in values.values().iter().enumerate() {
        count(row, table[(v - low) as usize]);
    }
    true
}

/// State columns of the right shape: `(version, [scale_min, scale_max,] buckets..., missing)`,
/// with the scale the merging call expects.
struct StateColumns<'a> {
    version: &'a UInt32Array,
    scale: Option<(&'a UInt8Array, &'a UInt8Array)>,
    buckets: Vec<&'a UInt64Array>,
    missing: &'a UInt64Array,
    expected_scale: Option<(u8, u8)>,
}

impl StateColumns<'_> {
    /// Every column of the row, for the NULL checks.
    fn columns(&self) -> impl Iterator<Item = &dyn Array> {
        let scale = self
            .scale
            .into_iter()
            .flat_map(|(min, max)| [min as &dyn Array, max as &dyn Array]);
        std::iter::once(self.version as &dyn Array)
            .chain(scale)
            .chain(self.buckets.iter().map(|b| *b as &dyn Array))
            .chain(std::iter::once(self.missing as &dyn Array))
    }
}

fn state_columns<'a, M: Metric>(
    options: &M::Options,
    columns: &'a [ArrayRef],
) -> Result<StateColumns<'a>> {
    let bad = || {
        DataFusionError::Execution(format!(
            "{}: partial state has the wrong shape (foreign or corrupted state)",
            M::NAME
        ))
    };
    let scale_columns = if M::SCALED { 2 } else { 0 };
    if columns.len() != 1 + scale_columns + M::BUCKETS + 1 {
        return Err(bad());
    }
    let version = columns[0]
        .as_any()
        .downcast_ref::<UInt32Array>()
        .ok_or_else(bad)?;
    let u8_column = |c: &'a ArrayRef| c.as_any().downcast_ref::<UInt8Array>().ok_or_else(bad);
    let scale = if M::SCALED {
        Some((u8_column(&columns[1])?, u8_column(&columns[2])?))
    } else {
        None
    };
    let first_bucket = 1 + scale_columns;
    let buckets = columns[first_bucket..first_bucket + M::BUCKETS]
        .iter()
        .map(|c| c.as_any().downcast_ref::<UInt64Array>().ok_or_else(bad))
        .collect::<Result<Vec<_>>>()?;
    let missing = columns[first_bucket + M::BUCKETS]
        .as_any()
        .downcast_ref::<UInt64Array>()
        .ok_or_else(bad)?;
    Ok(StateColumns {
        version,
        scale,
        buckets,
        missing,
        expected_scale: M::scale(options),
    })
}

/// Adds state row `row` into one group's `buckets` and `missing`, validating the row first:
/// on error nothing is changed.
///
/// A row that is NULL throughout carries nothing (an outer join, an empty stored rollup); a
/// row with some fields NULL, another version, another scale or counts past
/// [`MAX_COUNT`](crate::MAX_COUNT) is damaged or foreign, and a query error.
fn merge_row<M: Metric>(
    state: &StateColumns<'_>,
    row: usize,
    buckets: &mut [u64],
    missing: &mut u64,
) -> Result<()> {
    let nulls = state.columns().filter(|c| c.is_null(row)).count();
    if nulls > 0 {
        if nulls == state.columns().count() {
            return Ok(());
        }
        return exec_err!(
            "{}: partial state has NULL fields beside non-NULL ones (corrupted state)",
            M::NAME
        );
    }
    let version = state.version.value(row);
    if version != crate::STATE_VERSION {
        return exec_err!(
            "{}: partial state version {version} is not supported: this build reads version {}",
            M::NAME,
            crate::STATE_VERSION
        );
    }
    if let (Some((min, max)), Some(expected)) = (state.scale, state.expected_scale) {
        let found = (min.value(row), max.value(row));
        if found != expected {
            return exec_err!(
                "{}: partial state counts the scale {}..={}, but this call reads the scale \
                 {}..={}: give the merge the scale the state was made with",
                M::NAME,
                found.0,
                found.1,
                expected.0,
                expected.1
            );
        }
    }
    // Checked in u128 before any bucket changes: a corrupted row of `u64::MAX` counts must be
    // a query error, not an overflow, and must leave the group as it was.
    let total = buckets.iter().map(|&b| u128::from(b)).sum::<u128>()
        + state
            .buckets
            .iter()
            .map(|c| u128::from(c.value(row)))
            .sum::<u128>();
    let missing_total = u128::from(*missing) + u128::from(state.missing.value(row));
    if total > u128::from(crate::MAX_COUNT) || missing_total > u128::from(crate::MAX_COUNT) {
        return exec_err!(
            "{}: merged state exceeds the limit of {} observations (corrupted state?)",
            M::NAME,
            crate::MAX_COUNT
        );
    }
    for (bucket, column) in buckets.iter_mut().zip(&state.buckets) {
        // Cannot overflow: the total of all buckets is at most MAX_COUNT.
        *bucket += column.value(row);
    }
    *missing += state.missing.value(row);
    Ok(())
}

fn final_struct<M: Metric>(options: &M::Options, groups: &[Counts]) -> Result<ArrayRef> {
    let fields = M::output_fields();
    let rows: Vec<Option<Vec<ScalarValue>>> = groups
        .iter()
        .map(|c| {
            if c.total() > 0 {
                M::evaluate(options, &c.buckets, c.missing)
            } else {
                None
            }
        })
        .collect();
    let columns = (0..fields.len())
        .map(|f| {
            let values = rows.iter().map(|row| match row {
                Some(values) => values[f].clone(),
                None => ScalarValue::try_from(fields[f].data_type()).unwrap_or(ScalarValue::Null),
            });
            ScalarValue::iter_to_array(values)
        })
        .collect::<Result<Vec<_>>>()?;
    let nulls = NullBuffer::from(rows.iter().map(Option::is_some).collect::<Vec<_>>());
    Ok(Arc::new(StructArray::try_new(
        fields,
        columns,
        Some(nulls),
    )?))
}

fn state_arrays<M: Metric>(options: &M::Options, groups: &[Counts]) -> Vec<ArrayRef> {
    let mut out: Vec<ArrayRef> = vec![Arc::new(UInt32Array::from(vec![
        crate::STATE_VERSION;
        groups.len()
    ]))];
    if M::SCALED {
        let (min, max) = M::scale(options).unwrap_or_default();
        out.push(Arc::new(UInt8Array::from(vec![min; groups.len()])));
        out.push(Arc::new(UInt8Array::from(vec![max; groups.len()])));
    }
    for b in 0..M::BUCKETS {
        out.push(Arc::new(UInt64Array::from_iter_values(
            groups.iter().map(|c| c.buckets[b]),
        )));
    }
    out.push(Arc::new(UInt64Array::from_iter_values(
        groups.iter().map(|c| c.missing),
    )));
    out
}

/// What a function of the family returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// `name(x, options...)`: the final struct.
    Final,
    /// `name_state(x, options...)`: the partial state as a struct.
    State,
    /// `name_merge(state, options...)`: stored states combined into the final struct.
    Merge,
}

/// A DataFusion aggregate for metric `M`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct BoundedUdaf<M: Metric> {
    metric: M,
    kind: Kind,
    name: String,
    signature: Signature,
}

impl<M: Metric> BoundedUdaf<M> {
    pub(crate) fn new(metric: M, kind: Kind) -> Self {
        let name = match kind {
            Kind::Final => M::NAME.to_owned(),
            Kind::State => format!("{}_state", M::NAME),
            Kind::Merge => format!("{}_merge", M::NAME),
        };
        Self {
            metric,
            kind,
            name,
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }

    /// How many leading arguments are columns: the inputs, or the one state struct.
    fn columns(&self) -> usize {
        match self.kind {
            Kind::Merge => 1,
            _ => M::INPUTS.len(),
        }
    }

    fn accumulator_parts(&self, args: &AccumulatorArgs<'_>) -> Result<M::Options> {
        self.metric.options(&literals(args, self.columns())?)
    }
}

impl<M: Metric> AggregateUDFImpl for BoundedUdaf<M> {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let Some(first) = arg_types.first() else {
            return exec_err!("{} needs an argument", self.name);
        };
        let options = arg_types.len().saturating_sub(self.columns());
        if options > M::OPTIONS.len() {
            return plan_err!(
                "{} takes at most {} options after its input ({}), got {options}",
                self.name,
                M::OPTIONS.len(),
                M::OPTIONS.join(", ")
            );
        }
        let first = match self.kind {
            Kind::Merge => {
                let same_shape = match (first, state_struct_type::<M>()) {
                    (DataType::Struct(given), DataType::Struct(wanted)) => {
                        given.len() == wanted.len()
                            && given.iter().zip(wanted.iter()).all(|(g, w)| {
                                g.name() == w.name() && g.data_type() == w.data_type()
                            })
                    }
                    _ => false,
                };
                if !same_shape {
                    return exec_err!(
                        "{} takes the struct {}_state returns, got {first}",
                        self.name,
                        M::NAME
                    );
                }
                state_struct_type::<M>()
            }
            _ => {
                if arg_types.len() < M::INPUTS.len() {
                    return exec_err!(
                        "{} takes {} input columns, got {} arguments",
                        self.name,
                        M::INPUTS.len(),
                        arg_types.len()
                    );
                }
                let mut types = Vec::with_capacity(arg_types.len());
                for (given, wanted) in arg_types.iter().zip(M::INPUTS) {
                    let ok = match wanted {
                        DataType::Boolean => matches!(given, DataType::Boolean | DataType::Null),
                        _ => given.is_integer() || given == &DataType::Null,
                    };
                    if !ok {
                        return exec_err!("{} takes a {wanted} column, got {given}", self.name);
                    }
                    types.push(wanted.clone());
                }
                types.extend(arg_types[M::INPUTS.len()..].iter().cloned());
                return Ok(types);
            }
        };
        let mut types = vec![first];
        types.extend(arg_types[1..].iter().cloned());
        Ok(types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::State => state_struct_type::<M>(),
            _ => DataType::Struct(M::output_fields()),
        })
    }

    fn is_nullable(&self) -> bool {
        true
    }

    fn state_fields(&self, args: StateFieldsArgs<'_>) -> Result<Vec<FieldRef>> {
        Ok(state_fields_for::<M>(&format!("{}_", args.name))
            .into_iter()
            .map(Arc::new)
            .collect())
    }

    fn accumulator(&self, args: AccumulatorArgs<'_>) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(BoundedAccumulator::<M> {
            options: self.accumulator_parts(&args)?,
            kind: self.kind,
            counts: Counts::new::<M>(),
        }))
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs<'_>) -> bool {
        true
    }

    fn create_groups_accumulator(
        &self,
        args: AccumulatorArgs<'_>,
    ) -> Result<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(BoundedGroups::<M> {
            options: self.accumulator_parts(&args)?,
            kind: self.kind,
            counts: Vec::new(),
            missing: Vec::new(),
        }))
    }
}

/// The accumulator of one group (ungrouped queries, windows).
#[derive(Debug)]
struct BoundedAccumulator<M: Metric> {
    options: M::Options,
    kind: Kind,
    counts: Counts,
}

/// The input columns of a batch (DataFusion passes the literal options as columns too).
fn inputs<M: Metric>(values: &[ArrayRef]) -> Result<&[ArrayRef]> {
    match values.get(..M::INPUTS.len()) {
        Some(columns) => Ok(columns),
        None => exec_err!(
            "{} takes {} input columns, got {}",
            M::NAME,
            M::INPUTS.len(),
            values.len()
        ),
    }
}

/// The state columns of a `name_merge` input struct.
fn struct_columns<M: Metric>(array: &ArrayRef) -> Result<Vec<ArrayRef>> {
    match array.as_any().downcast_ref::<StructArray>() {
        Some(s) => Ok(s.columns().to_vec()),
        None => exec_err!("{}_merge takes the struct {0}_state returns", M::NAME),
    }
}

impl<M: Metric> Accumulator for BoundedAccumulator<M> {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(input) = values.first() else {
            return Ok(());
        };
        if self.kind == Kind::Merge {
            let columns = struct_columns::<M>(input)?;
            let state = state_columns::<M>(&self.options, &columns)?;
            let mut next = self.counts.clone();
            for row in 0..input.len() {
                if !input.is_null(row) {
                    merge_row::<M>(&state, row, &mut next.buckets, &mut next.missing)?;
                }
            }
            self.counts = next;
            return Ok(());
        }
        let mut next = self.counts.clone();
        if count_fast::<M>(&self.options, inputs::<M>(values)?, None, |_, b| {
            next.buckets[b] += 1
        }) {
            self.counts = next;
            return Ok(());
        }
        for_each_bucket::<M>(
            &self.options,
            inputs::<M>(values)?,
            None,
            |_, bucket| match bucket {
                Some(b) => next.buckets[b] += 1,
                None => next.missing += 1,
            },
        )?;
        self.counts = next;
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let array = match self.kind {
            Kind::State => {
                let fields = match state_struct_type::<M>() {
                    DataType::Struct(f) => f,
                    _ => unreachable!(),
                };
                let columns = state_arrays::<M>(&self.options, std::slice::from_ref(&self.counts));
                Arc::new(StructArray::try_new(fields, columns, None)?) as ArrayRef
            }
            _ => final_struct::<M>(&self.options, std::slice::from_ref(&self.counts))?,
        };
        ScalarValue::try_from_array(&array, 0)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 8 * M::BUCKETS
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state_arrays::<M>(&self.options, std::slice::from_ref(&self.counts))
            .iter()
            .map(|a| ScalarValue::try_from_array(a, 0))
            .collect()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let state = state_columns::<M>(&self.options, states)?;
        let mut next = self.counts.clone();
        for row in 0..state.version.len() {
            merge_row::<M>(&state, row, &mut next.buckets, &mut next.missing)?;
        }
        self.counts = next;
        Ok(())
    }
}

/// The accumulator of all groups: one flat vector of counts.
#[derive(Debug)]
struct BoundedGroups<M: Metric> {
    options: M::Options,
    kind: Kind,
    counts: Vec<u64>,
    missing: Vec<u64>,
}

impl<M: Metric> BoundedGroups<M> {
    fn resize(&mut self, groups: usize) {
        self.counts.resize(groups * M::BUCKETS, 0);
        self.missing.resize(groups, 0);
    }

    /// Merges state row `row` into group `group`, in place (no copy of the group's counts).
    fn merge_into_group(
        &mut self,
        state: &StateColumns<'_>,
        row: usize,
        group: usize,
    ) -> Result<()> {
        merge_row::<M>(
            state,
            row,
            &mut self.counts[group * M::BUCKETS..(group + 1) * M::BUCKETS],
            &mut self.missing[group],
        )
    }

    fn take(&mut self, emit_to: EmitTo) -> Vec<Counts> {
        let n = match emit_to {
            EmitTo::All => self.missing.len(),
            EmitTo::First(n) => n.min(self.missing.len()),
        };
        let counts: Vec<u64> = self.counts.drain(..n * M::BUCKETS).collect();
        let missing: Vec<u64> = self.missing.drain(..n).collect();
        counts
            .chunks(M::BUCKETS)
            .zip(missing)
            .map(|(b, m)| Counts {
                buckets: b.to_vec(),
                missing: m,
            })
            .collect()
    }
}

impl<M: Metric> GroupsAccumulator for BoundedGroups<M> {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.resize(total_num_groups);
        let Some(input) = values.first() else {
            return Ok(());
        };
        let keep = |i: usize| kept(opt_filter, i);
        if self.kind == Kind::Merge {
            let columns = struct_columns::<M>(input)?;
            let state = state_columns::<M>(&self.options, &columns)?;
            for (row, &g) in group_indices.iter().enumerate() {
                if keep(row) && !input.is_null(row) {
                    self.merge_into_group(&state, row, g)?;
                }
            }
            return Ok(());
        }
        let counts = &mut self.counts;
        if count_fast::<M>(&self.options, inputs::<M>(values)?, opt_filter, |row, b| {
            counts[group_indices[row] * M::BUCKETS + b] += 1;
        }) {
            return Ok(());
        }
        let (counts, missing) = (&mut self.counts, &mut self.missing);
        for_each_bucket::<M>(
            &self.options,
            inputs::<M>(values)?,
            opt_filter,
            |row, bucket| {
                let g = group_indices[row];
                match bucket {
                    Some(b) => counts[g * M::BUCKETS + b] += 1,
                    None => missing[g] += 1,
                }
            },
        )
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let groups = self.take(emit_to);
        match self.kind {
            Kind::State => {
                let fields = match state_struct_type::<M>() {
                    DataType::Struct(f) => f,
                    _ => unreachable!(),
                };
                Ok(Arc::new(StructArray::try_new(
                    fields,
                    state_arrays::<M>(&self.options, &groups),
                    None,
                )?))
            }
            _ => final_struct::<M>(&self.options, &groups),
        }
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let groups = self.take(emit_to);
        Ok(state_arrays::<M>(&self.options, &groups))
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.resize(total_num_groups);
        let state = state_columns::<M>(&self.options, values)?;
        for (row, &g) in group_indices.iter().enumerate() {
            self.merge_into_group(&state, row, g)?;
        }
        Ok(())
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        let Some(input) = values.first() else {
            return Ok(state_arrays::<M>(&self.options, &[]));
        };
        let keep = |i: usize| kept(opt_filter, i);
        let mut rows = vec![Counts::new::<M>(); input.len()];
        if self.kind == Kind::Merge {
            let columns = struct_columns::<M>(input)?;
            let state = state_columns::<M>(&self.options, &columns)?;
            for (row, c) in rows.iter_mut().enumerate() {
                // Rows the FILTER drops are not read at all (as in `update_batch`).
                if keep(row) && !input.is_null(row) {
                    merge_row::<M>(&state, row, &mut c.buckets, &mut c.missing)?;
                }
            }
        } else {
            for_each_bucket::<M>(
                &self.options,
                inputs::<M>(values)?,
                opt_filter,
                |row, bucket| match bucket {
                    Some(b) => rows[row].buckets[b] += 1,
                    None => rows[row].missing += 1,
                },
            )?;
        }
        Ok(state_arrays::<M>(&self.options, &rows))
    }

    fn size(&self) -> usize {
        8 * (self.counts.capacity() + self.missing.capacity())
    }
}
