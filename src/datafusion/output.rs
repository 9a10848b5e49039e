//! The result struct of a metric's function: one field per column of its summary's
//! [`Report`](crate::summary::Report) (the same numbers, in the same order, as the serialised summary),
//! then `missing` where NULL inputs are counted, built with typed column builders.

use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayBuilder, ArrayRef, Float64Builder, StructArray, UInt64Builder,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{DataType, Field, Fields};
use datafusion::common::Result;

use super::metric::{Options, SqlMetric};
use crate::summary::{ColumnKind, Report, Value};

/// The fields of `M`'s result struct.
pub(crate) fn result_fields<M>() -> Fields
where
    M: SqlMetric,
{
    let mut fields: Vec<Field> = <M::Summary as Report>::columns()
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Count => Field::new(c.name, DataType::UInt64, true),
            _ => Field::new(c.name, DataType::Float64, true),
        })
        .collect();
    if M::COUNTS_MISSING {
        fields.push(Field::new("missing", DataType::UInt64, true));
    }
    Fields::from(fields)
}

/// One column's builder.
enum Builder {
    Float(Float64Builder),
    Count(UInt64Builder),
}

impl Builder {
    fn append(&mut self, value: Option<Value>) {
        match (self, value) {
            (Builder::Float(b), Some(Value::Float(x))) => b.append_value(x),
            (Builder::Count(b), Some(Value::Count(n))) => b.append_value(n),
            (Builder::Float(b), _) => b.append_null(),
            (Builder::Count(b), _) => b.append_null(),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            Builder::Float(mut b) => Arc::new(b.finish()),
            Builder::Count(mut b) => Arc::new(b.finish()),
        }
    }
}

/// The result struct of `groups` (aggregator or none, missing count): NULL for a group with
/// nothing to summarise, never 0 or NaN.
pub(crate) fn result_struct<M>(
    groups: &[(Option<M>, u64)],
    options: &Options<M>,
) -> Result<ArrayRef>
where
    M: SqlMetric,
{
    let fields = result_fields::<M>();
    let mut builders: Vec<Builder> = fields
        .iter()
        .map(|f| match f.data_type() {
            DataType::UInt64 => Builder::Count(UInt64Builder::with_capacity(groups.len())),
            _ => Builder::Float(Float64Builder::with_capacity(groups.len())),
        })
        .collect();
    let report_columns = <M::Summary as Report>::columns().len();
    let mut valid = Vec::with_capacity(groups.len());
    for (group, missing) in groups {
        let values = group
            .as_ref()
            .and_then(|g| g.summary())
            .map(|s| s.values(options));
        valid.push(values.is_some());
        // A NULL struct's fields are NULL too.
        let missing = values.as_ref().map(|_| Value::Count(*missing));
        let mut values = values.into_iter().flatten();
        for builder in &mut builders[..report_columns] {
            builder.append(values.next());
        }
        if let Some(builder) = builders.get_mut(report_columns) {
            builder.append(missing);
        }
    }
    debug_assert!(builders.iter().all(|b| match b {
        Builder::Float(b) => b.len() == groups.len(),
        Builder::Count(b) => b.len() == groups.len(),
    }));
    let columns: Vec<ArrayRef> = builders.into_iter().map(Builder::finish).collect();
    Ok(Arc::new(StructArray::try_new(
        fields,
        columns,
        Some(NullBuffer::from(valid)),
    )?))
}
