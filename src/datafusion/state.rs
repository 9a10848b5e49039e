//! Partial states in SQL. A bucketed metric's state is a struct of exact counts: the format
//! version, the scale for metrics counted per scale point, one `UInt64` per bucket (named by the
//! metric, [`BucketState::bucket_names`]) and the missing count. First response time ships its
//! versioned bytes ([`FirstResponseTime::to_bytes`](crate::FirstResponseTime::to_bytes)). Both
//! are read back through the metric's validated constructor, so a foreign, corrupted or
//! other-scale state is a query error, never a wrong answer.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, UInt8Array, UInt32Array, UInt64Array};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::Result;

use super::metric::{Configured, SqlMetric, error};
use crate::counts::BucketState;

/// The fields of a bucketed state: version, [scale], buckets, missing.
pub(crate) fn bucket_fields<M: BucketState>(scaled: bool) -> Vec<Field> {
    // Nullable, so that a state built by hand or read back from a file has the same type.
    let mut fields = vec![Field::new("version", DataType::UInt32, true)];
    if scaled {
        for name in ["scale_min", "scale_max"] {
            fields.push(Field::new(name, DataType::UInt8, true));
        }
    }
    fields.extend(
        M::bucket_names()
            .into_iter()
            .map(|b| Field::new(b, DataType::UInt64, true)),
    );
    fields.push(Field::new("missing", DataType::UInt64, true));
    fields
}

/// The arrays of bucketed states, one row per group; a group without configuration (never the
/// case for bucketed metrics) writes the prototype's zero counts.
pub(crate) fn write_buckets<M>(
    groups: &[(Option<M>, u64)],
    configured: &Configured<M>,
    scaled: bool,
) -> Vec<ArrayRef>
where
    M: SqlMetric + BucketState,
{
    let rows = groups.len();
    let width = M::bucket_names().len();
    let counts: Vec<Vec<u64>> = groups
        .iter()
        .map(|(group, _)| {
            group
                .as_ref()
                .or(configured.prototype.as_ref())
                .map_or_else(|| vec![0; width], BucketState::bucket_counts)
        })
        .collect();
    let mut out: Vec<ArrayRef> = vec![Arc::new(UInt32Array::from(vec![
        crate::state::STATE_VERSION;
        rows
    ]))];
    if scaled {
        let scale = configured
            .prototype
            .as_ref()
            .and_then(BucketState::scale)
            .map_or((0, 0), |s| (s.min(), s.max()));
        out.push(Arc::new(UInt8Array::from(vec![scale.0; rows])));
        out.push(Arc::new(UInt8Array::from(vec![scale.1; rows])));
    }
    for bucket in 0..width {
        // Built from an owned Vec: the buffer is taken over, not copied.
        let column: Vec<u64> = counts.iter().map(|c| c[bucket]).collect();
        out.push(Arc::new(UInt64Array::from(column)));
    }
    let missing: Vec<u64> = groups.iter().map(|&(_, m)| m).collect();
    out.push(Arc::new(UInt64Array::from(missing)));
    out
}

/// Reads state row `row` of bucketed states back through the metric's validated constructor.
pub(crate) fn read_buckets<M>(
    configured: &Configured<M>,
    columns: &[ArrayRef],
    row: usize,
    scaled: bool,
) -> Result<Option<(M, u64)>>
where
    M: SqlMetric + BucketState,
{
    let bad = || {
        error(
            M::NAME,
            "partial state has the wrong shape (foreign or corrupted state)",
        )
    };
    let width = M::bucket_names().len();
    let scale_columns = if scaled { 2 } else { 0 };
    if columns.len() != 1 + scale_columns + width + 1 {
        return Err(bad());
    }
    if !carries_state(M::NAME, columns, row)? {
        return Ok(None);
    }
    let u32_at = |c: &ArrayRef| {
        c.as_any()
            .downcast_ref::<UInt32Array>()
            .map(|a| a.value(row))
    };
    let u8_at = |c: &ArrayRef| {
        c.as_any()
            .downcast_ref::<UInt8Array>()
            .map(|a| a.value(row))
    };
    let u64_at = |c: &ArrayRef| {
        c.as_any()
            .downcast_ref::<UInt64Array>()
            .map(|a| a.value(row))
    };
    let version = u32_at(&columns[0]).ok_or_else(bad)?;
    crate::state::check_version(version)
        .map_err(|e| error(M::NAME, format!("partial state: {e}")))?;
    let Some(prototype) = &configured.prototype else {
        return Err(error(M::NAME, "a merge without configuration"));
    };
    if scaled {
        let found = (
            u8_at(&columns[1]).ok_or_else(bad)?,
            u8_at(&columns[2]).ok_or_else(bad)?,
        );
        if let Some(expected) = prototype.scale()
            && found != (expected.min(), expected.max())
        {
            return Err(error(
                M::NAME,
                format!(
                    "partial state counts the scale {}..={}, but this call reads the scale \
                         {}..={}: give the merge the scale the state was made with",
                    found.0,
                    found.1,
                    expected.min(),
                    expected.max()
                ),
            ));
        }
    }
    let counts = columns[1 + scale_columns..1 + scale_columns + width]
        .iter()
        .map(|c| u64_at(c).ok_or_else(bad))
        .collect::<Result<Vec<u64>>>()?;
    let missing = u64_at(&columns[columns.len() - 1]).ok_or_else(bad)?;
    if missing > crate::aggregator::MAX_COUNT {
        return Err(error(
            M::NAME,
            format!(
                "partial state has {missing} missing values, past the limit of {}",
                crate::aggregator::MAX_COUNT
            ),
        ));
    }
    let state = prototype
        .with_bucket_counts(&counts)
        .map_err(|e| error(M::NAME, format!("partial state: {e}")))?;
    Ok(Some((state, missing)))
}

/// Whether state row `row` carries anything: `false` when every field is NULL (a group that
/// saw no rows, or an outer join's filler), an error naming `name` when only some are (a
/// corrupted state), `true` otherwise.
pub(crate) fn carries_state(name: &str, columns: &[ArrayRef], row: usize) -> Result<bool> {
    let nulls = columns.iter().filter(|c| c.is_null(row)).count();
    if nulls == columns.len() {
        Ok(false)
    } else if nulls > 0 {
        Err(error(
            name,
            "partial state has NULL fields beside non-NULL ones (corrupted state)",
        ))
    } else {
        Ok(true)
    }
}
