//! The accumulators: one library aggregator per group (so counting, merging and validation are
//! the library's own), a missing count per group, and DataFusion's four verbs on top. Grouped
//! queries use [`MetricGroups`] directly; ungrouped ones use it with a single group.
//!
//! When a batch fails part-way in a grouped query, some groups may already hold rows of it;
//! DataFusion aborts the query and drops the accumulators, so no such result is ever reported.

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, StructArray};
use datafusion::arrow::datatypes::{DataType, Int64Type};
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::{Accumulator, EmitTo, GroupsAccumulator};

use super::input::{Row, for_each_fast, for_each_row, kept};
use super::metric::{Configured, SqlMetric, error};
use super::output::result_struct;
use super::udaf::Kind;
use crate::aggregator::check_merge_total;

/// Every group's aggregator and missing count.
#[derive(Debug)]
pub(crate) struct MetricGroups<M: SqlMetric> {
    kind: Kind,
    configured: Configured<M>,
    /// The fast path's table, built once per call.
    lookup: Option<(i64, Vec<M::Input>)>,
    groups: Vec<(Option<M>, u64)>,
}

impl<M> MetricGroups<M>
where
    M: SqlMetric,
{
    pub(crate) fn new(kind: Kind, configured: Configured<M>) -> Self {
        let lookup = match kind {
            Kind::Merge => None,
            _ => configured.prototype.as_ref().and_then(SqlMetric::lookup),
        };
        Self {
            kind,
            configured,
            lookup,
            groups: Vec::new(),
        }
    }

    fn resize(&mut self, groups: usize) {
        let prototype = self.configured.prototype.clone();
        self.groups.resize_with(groups, || (prototype.clone(), 0));
    }

    /// Records one row's input in group `g`.
    fn record(&mut self, g: usize, row: Row<M::Input>) -> Result<()> {
        let (group, missing) = &mut self.groups[g];
        match row {
            Row::Missing => {
                check_merge_total(*missing, 1).map_err(|e| error(M::NAME, e))?;
                *missing += 1;
            }
            Row::Input(input) => match group {
                Some(aggregator) => aggregator.record(input).map_err(|e| error(M::NAME, e))?,
                None => return Err(error(M::NAME, "an input without configuration")),
            },
        }
        Ok(())
    }

    /// The ungrouped fast path: a single NULL-free `Int64` input column is counted into group 0
    /// by the metric's batch kernel. `false` (nothing changed) where it does not apply or the
    /// kernel refuses the column; the row path then takes the batch.
    fn extend_single(&mut self, values: &[ArrayRef]) -> bool {
        let ([array], true) = (values, self.kind != Kind::Merge) else {
            return false;
        };
        if array.null_count() > 0 || array.data_type() != &DataType::Int64 {
            return false;
        }
        self.resize(1);
        match &mut self.groups[0].0 {
            Some(aggregator) => {
                aggregator.extend_from_column(array.as_primitive::<Int64Type>().values())
            }
            None => false,
        }
    }

    /// Merges a state (aggregator and missing count) into group `g`: all or nothing.
    fn merge_state(&mut self, g: usize, (state, missing): (M, u64)) -> Result<()> {
        let (group, group_missing) = &mut self.groups[g];
        check_merge_total(*group_missing, missing).map_err(|e| error(M::NAME, e))?;
        match group {
            Some(aggregator) => aggregator.merge(&state).map_err(|e| error(M::NAME, e))?,
            None => *group = Some(state),
        }
        *group_missing += missing;
        Ok(())
    }

    /// The columns of a state input: a struct's fields, or the single field itself.
    fn state_columns(input: &ArrayRef) -> Vec<ArrayRef> {
        match input.as_any().downcast_ref::<StructArray>() {
            Some(states) => states.columns().to_vec(),
            None => vec![input.clone()],
        }
    }

    /// Merges every kept, non-NULL state row of `columns` into its group.
    fn merge_rows(
        &mut self,
        columns: &[ArrayRef],
        group_indices: &[usize],
        keep: impl Fn(usize) -> bool,
    ) -> Result<()> {
        for (row, &g) in group_indices.iter().enumerate() {
            if keep(row)
                && let Some(state) = M::read_state(&self.configured, columns, row)?
            {
                self.merge_state(g, state)?;
            }
        }
        Ok(())
    }

    fn emit(&mut self, emit_to: EmitTo) -> Vec<(Option<M>, u64)> {
        emit_to.take_needed(&mut self.groups)
    }

    fn output(&self, groups: &[(Option<M>, u64)]) -> Result<ArrayRef> {
        match self.kind {
            Kind::State => {
                let columns = M::write_state(groups, &self.configured);
                Ok(match M::state_type() {
                    DataType::Struct(fields) => {
                        std::sync::Arc::new(StructArray::try_new(fields, columns, None)?)
                    }
                    _ => columns
                        .into_iter()
                        .next()
                        .ok_or_else(|| error(M::NAME, "a state without columns"))?,
                })
            }
            _ => result_struct(groups, &self.configured.options),
        }
    }
}

impl<M> GroupsAccumulator for MetricGroups<M>
where
    M: SqlMetric,
{
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
        if self.kind == Kind::Merge {
            let columns = Self::state_columns(input);
            return self.merge_rows(&columns, group_indices, |row| {
                kept(opt_filter, row) && !input.is_null(row)
            });
        }
        let inputs = values.get(..M::INPUTS.len()).unwrap_or(values);
        let lookup = self.lookup.take();
        let fast = for_each_fast::<M>(lookup.as_ref(), inputs, opt_filter, |row, input| {
            self.record(group_indices[row], Row::Input(input.clone()))
        });
        self.lookup = lookup;
        if fast? {
            return Ok(());
        }
        let Some(config) = self.configured.prototype.clone() else {
            return Err(error(M::NAME, "an input without configuration"));
        };
        for_each_row(&config, inputs, opt_filter, |row, what| {
            self.record(group_indices[row], what)
        })
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let groups = self.emit(emit_to);
        self.output(&groups)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let groups = self.emit(emit_to);
        Ok(M::write_state(&groups, &self.configured))
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.resize(total_num_groups);
        self.merge_rows(values, group_indices, |_| true)
    }

    /// Each row as its own partial state, for DataFusion's skip-partial-aggregation mode.
    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        let rows = values.first().map_or(0, |v| v.len());
        let mut single = Self::new(self.kind, self.configured.clone());
        single.resize(rows);
        let indices: Vec<usize> = (0..rows).collect();
        single.update_batch(values, &indices, opt_filter, rows)?;
        Ok(M::write_state(&single.groups, &self.configured))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self.groups.capacity() * std::mem::size_of::<(Option<M>, u64)>()
    }
}

/// The accumulator of an ungrouped query: the same groups code with one group.
#[derive(Debug)]
pub(crate) struct MetricAccumulator<M: SqlMetric>(MetricGroups<M>);

impl<M> MetricAccumulator<M>
where
    M: SqlMetric,
{
    pub(crate) fn new(kind: Kind, configured: Configured<M>) -> Self {
        Self(MetricGroups::new(kind, configured))
    }

    fn single(&mut self) -> Vec<(Option<M>, u64)> {
        self.0.resize(1);
        vec![self.0.groups[0].clone()]
    }
}

impl<M> Accumulator for MetricAccumulator<M>
where
    M: SqlMetric,
{
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let inputs = values.get(..M::INPUTS.len()).unwrap_or(values);
        if self.0.extend_single(inputs) {
            return Ok(());
        }
        let rows = values.first().map_or(0, |v| v.len());
        // All or nothing: a failing batch leaves the accumulator as it was.
        let before = self.single();
        let result = self.0.update_batch(values, &vec![0; rows], None, 1);
        if result.is_err() {
            self.0.groups = before;
        }
        result
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let groups = self.single();
        ScalarValue::try_from_array(&self.0.output(&groups)?, 0)
    }

    fn size(&self) -> usize {
        self.0.size()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let groups = self.single();
        M::write_state(&groups, &self.0.configured)
            .iter()
            .map(|a| ScalarValue::try_from_array(a, 0))
            .collect()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let rows = states.first().map_or(0, |v| v.len());
        let before = self.single();
        let result = self.0.merge_batch(states, &vec![0; rows], 1);
        if result.is_err() {
            self.0.groups = before;
        }
        result
    }
}
