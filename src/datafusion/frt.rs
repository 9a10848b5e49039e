//! `frt(seconds [, target_seconds [, level [, accuracy]]])`: first response time quantiles and
//! SLA attainment, with `frt_state` / `frt_merge` rollups.
//!
//! The partial state is one `Binary` value, [`FirstResponseTime::to_bytes`]: tagged,
//! versioned, and validated by [`FirstResponseTime::from_bytes`] when merged, so a foreign or
//! corrupted state is a query error. Response times are a sketch, not counts on a fixed scale,
//! so these functions use one accumulator per group (DataFusion's `GroupsAccumulator` is for
//! the bounded-scale functions).

use std::sync::Arc;
use std::time::Duration;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields, Float64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

use super::bounded::{Kind, level_option, literals};
use super::functions::{f64_field, u64_field};
use crate::aggregator::Aggregator;
use crate::interval::{ConfidenceLevel, ProportionMethod};
use crate::metrics::frt::{FirstResponse, FirstResponseTime};

/// The longest response time the sketch records exactly: `u64::MAX` nanoseconds.
const MAX_SECONDS: f64 = 18_446_744_073.709_553;

/// The `frt` family of DataFusion aggregates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FrtUdaf {
    kind: Kind,
    name: String,
    signature: Signature,
}

impl FrtUdaf {
    pub(crate) fn new(kind: Kind) -> Self {
        let name = match kind {
            Kind::Final => "frt",
            Kind::State => "frt_state",
            Kind::Merge => "frt_merge",
        };
        Self {
            kind,
            name: name.to_owned(),
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

/// Options of an `frt` call.
#[derive(Debug, Clone, Copy)]
struct FrtOptions {
    target: Option<Duration>,
    level: ConfidenceLevel,
    accuracy: f64,
}

fn number(value: &ScalarValue, what: &str) -> Result<Option<f64>> {
    Ok(match value {
        ScalarValue::Float64(v) => *v,
        ScalarValue::Float32(v) => v.map(f64::from),
        ScalarValue::Int64(v) => v.map(|x| x as f64),
        ScalarValue::Int32(v) => v.map(f64::from),
        ScalarValue::Null => None,
        other => return exec_err!("frt: {what} must be a number literal, got {other}"),
    })
}

fn options(kind: Kind, literals: &[ScalarValue]) -> Result<FrtOptions> {
    // frt(x, target, level, accuracy); frt_merge(state, level): the target and accuracy of a
    // merge come from the states.
    let (target, level, accuracy) = match kind {
        Kind::Merge => (None, literals.first(), None),
        _ => (literals.first(), literals.get(1), literals.get(2)),
    };
    let target = match target.map(|t| number(t, "target_seconds")).transpose()? {
        None | Some(None) => None,
        Some(Some(seconds)) => Some(Duration::try_from_secs_f64(seconds).map_err(|_| {
            DataFusionError::Execution(format!(
                "frt: target_seconds {seconds} is out of range: a target is a finite number of \
                 seconds >= 0"
            ))
        })?),
    };
    let accuracy = match accuracy.map(|a| number(a, "accuracy")).transpose()? {
        None | Some(None) => DurationSketch::DEFAULT_ACCURACY,
        Some(Some(a)) => a,
    };
    // Validates the accuracy with the sketch's own message.
    FirstResponseTime::new(target, accuracy)
        .map_err(|e| DataFusionError::Execution(format!("frt: {e}")))?;
    Ok(FrtOptions {
        target,
        level: level_option(level)?,
        accuracy,
    })
}

/// The fields of `frt`'s result; durations in seconds.
fn output_fields() -> Fields {
    Fields::from(vec![
        f64_field("median"),
        f64_field("median_lower"),
        f64_field("median_upper"),
        f64_field("p90"),
        f64_field("p95"),
        f64_field("mean"),
        f64_field("max"),
        f64_field("sla_share"),
        f64_field("sla_lower"),
        f64_field("sla_upper"),
        u64_field("answered"),
        u64_field("within_target"),
        u64_field("unanswered"),
    ])
}

fn output(frt: &FirstResponseTime, level: ConfidenceLevel) -> ScalarValue {
    let fields = output_fields();
    let Some(s) = frt.summary() else {
        return ScalarValue::Struct(Arc::new(datafusion::arrow::array::StructArray::new_null(
            fields, 1,
        )));
    };
    let secs = |d: Duration| ScalarValue::Float64(Some(d.as_secs_f64()));
    let median = s.quantile_interval(0.5, level);
    let sla = s.sla_interval(level, ProportionMethod::Wilson);
    let values = vec![
        secs(s.median()),
        ScalarValue::Float64(median.map(|i| i.lower())),
        ScalarValue::Float64(median.map(|i| i.upper())),
        secs(s.p90()),
        secs(s.p95()),
        secs(s.mean()),
        secs(s.max()),
        ScalarValue::Float64(s.sla_attainment()),
        ScalarValue::Float64(sla.map(|i| i.lower())),
        ScalarValue::Float64(sla.map(|i| i.upper())),
        ScalarValue::UInt64(Some(s.answered())),
        ScalarValue::UInt64(s.within_target()),
        ScalarValue::UInt64(Some(s.unanswered())),
    ];
    let columns = values
        .iter()
        .map(ScalarValue::to_array)
        .collect::<Result<Vec<_>>>();
    match columns.and_then(|c| {
        Ok(datafusion::arrow::array::StructArray::try_new(
            fields, c, None,
        )?)
    }) {
        Ok(array) => ScalarValue::Struct(Arc::new(array)),
        Err(_) => ScalarValue::Null,
    }
}

impl AggregateUDFImpl for FrtUdaf {
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
        // The target and accuracy of a merge come from the states.
        let options: &[&str] = match self.kind {
            Kind::Merge => &["level"],
            _ => &["target_seconds", "level", "accuracy"],
        };
        if arg_types.len() - 1 > options.len() {
            return plan_err!(
                "{} takes at most {} options after its input ({}), got {}",
                self.name,
                options.len(),
                options.join(", "),
                arg_types.len() - 1
            );
        }
        let first = match self.kind {
            Kind::Merge => match first {
                DataType::Binary | DataType::LargeBinary | DataType::BinaryView => DataType::Binary,
                other => {
                    return exec_err!("frt_merge takes the bytes frt_state returns, got {other}");
                }
            },
            _ if first.is_numeric() || first == &DataType::Null => DataType::Float64,
            _ => {
                return exec_err!(
                    "{} takes seconds as a number column, got {first}",
                    self.name
                );
            }
        };
        let mut types = vec![first];
        types.extend(arg_types[1..].iter().cloned());
        Ok(types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::State => DataType::Binary,
            _ => DataType::Struct(output_fields()),
        })
    }

    fn is_nullable(&self) -> bool {
        true
    }

    fn state_fields(&self, args: StateFieldsArgs<'_>) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(
            format!("{}_frt", args.name),
            DataType::Binary,
            true,
        ))])
    }

    fn accumulator(&self, args: AccumulatorArgs<'_>) -> Result<Box<dyn Accumulator>> {
        let options = options(self.kind, &literals(&args, 1)?)?;
        let frt = match self.kind {
            Kind::Merge => None,
            _ => Some(
                FirstResponseTime::new(options.target, options.accuracy)
                    .map_err(|e| DataFusionError::Execution(format!("frt: {e}")))?,
            ),
        };
        Ok(Box::new(FrtAccumulator {
            kind: self.kind,
            level: options.level,
            frt,
        }))
    }
}

/// The accumulator of one group. For `frt_merge` the configuration (target, accuracy) comes
/// from the first state merged, and every later state must agree with it.
#[derive(Debug)]
struct FrtAccumulator {
    kind: Kind,
    level: ConfidenceLevel,
    frt: Option<FirstResponseTime>,
}

impl FrtAccumulator {
    /// Merges serialised states (NULLs carry nothing); all or nothing.
    fn merge_states(&mut self, states: &ArrayRef) -> Result<()> {
        let Some(bytes) = states.as_any().downcast_ref::<BinaryArray>() else {
            return exec_err!("frt: partial state is not binary (foreign or corrupted state)");
        };
        let mut next = self.frt.clone();
        for row in 0..bytes.len() {
            if bytes.is_null(row) {
                continue;
            }
            let state = FirstResponseTime::from_bytes(bytes.value(row))
                .map_err(|e| DataFusionError::Execution(format!("frt: partial state: {e}")))?;
            match &mut next {
                None => next = Some(state),
                Some(frt) => frt
                    .merge(&state)
                    .map_err(|e| DataFusionError::Execution(format!("frt: {e}")))?,
            }
        }
        self.frt = next;
        Ok(())
    }
}

impl Accumulator for FrtAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(input) = values.first() else {
            return Ok(());
        };
        if self.kind == Kind::Merge {
            return self.merge_states(input);
        }
        let Some(current) = &self.frt else {
            return exec_err!("frt: accumulator without configuration");
        };
        let Some(seconds) = input.as_primitive_opt::<Float64Type>() else {
            return exec_err!(
                "frt: seconds must be a number column, got {}",
                input.data_type()
            );
        };
        let mut next = current.clone();
        for row in 0..seconds.len() {
            if seconds.is_null(row) {
                next.push_unanswered();
                continue;
            }
            let value = seconds.value(row);
            // The sketch records up to u64::MAX nanoseconds (584 years) and would clamp a longer
            // wait; in SQL such a value is bad data, so it is an error rather than clamped.
            match FirstResponse::from_secs_f64(value) {
                Ok(response @ FirstResponse::Answered(wait))
                    if u64::try_from(wait.as_nanos()).is_ok() =>
                {
                    next.push(response);
                }
                _ => {
                    return exec_err!(
                        "frt: {value} seconds is out of range: a response time is a finite \
                         number of seconds in 0..={MAX_SECONDS}"
                    );
                }
            }
        }
        self.frt = Some(next);
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(match (self.kind, &self.frt) {
            (Kind::State, Some(frt)) => ScalarValue::Binary(Some(frt.to_bytes())),
            (Kind::State, None) => ScalarValue::Binary(None),
            (_, Some(frt)) => output(frt, self.level),
            (_, None) => output(&FirstResponseTime::default(), self.level),
        })
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.frt.as_ref().map_or(0, |f| f.sketch().memory_bytes())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(
            self.frt.as_ref().map(FirstResponseTime::to_bytes),
        )])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        match states.first() {
            Some(states) => self.merge_states(states),
            None => Ok(()),
        }
    }
}
