//! `kaplan_meier(duration, churned [, level [, method]])` and
//! `median_lifetime(duration, churned [, level [, method]])`: the library's retention curve
//! ([`KaplanMeier`]) as two aggregate functions, the whole curve as a list of one struct per
//! step (unnest it for one row per step) and the median lifetime with its limits as a struct.
//!
//! Their partial state is the curve's bytes ([`KaplanMeier::to_bytes`]), read back through the
//! same validation ([`KaplanMeier::from_bytes`]), and the count of rows skipped for a NULL, so
//! the result is the same at any number of partitions and on a cluster. A row is one customer:
//! a NULL duration or churn flag skips it (counted in `missing`); a negative duration, or one
//! past [`MAX_DURATION`], fails the query with the value in the message.

use std::sync::{Arc, OnceLock};

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, Float64Array, ListArray, StructArray, UInt64Array,
};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields, Int64Type, UInt64Type};
use datafusion::common::utils::SingleRowListArrayBuilder;
use datafusion::common::{Result, ScalarValue, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, Documentation, Signature, Volatility,
};
use datafusion::physical_expr::expressions::Literal;

use super::metric::{error, level, parsed};
use super::udaf::SECTION;
use crate::aggregator::{Aggregator, MAX_COUNT, check_merge_total};
use crate::interval::ConfidenceLevel;
use crate::retention::{KaplanMeier, KaplanMeierSummary, Lifetime, MAX_DURATION, SurvivalInterval};

/// What a retention function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Retention {
    /// `kaplan_meier`: the curve, one struct per step.
    Curve,
    /// `median_lifetime`: the median lifetime with its limits.
    Median,
}

impl Retention {
    fn name(self) -> &'static str {
        match self {
            Retention::Curve => "kaplan_meier",
            Retention::Median => "median_lifetime",
        }
    }
}

/// The fields of one step of `kaplan_meier`.
fn step_fields() -> Fields {
    let count = |name: &str| Field::new(name, DataType::UInt64, false);
    let float = |name: &str, nullable: bool| Field::new(name, DataType::Float64, nullable);
    Fields::from(vec![
        count("time"),
        count("at_risk"),
        count("events"),
        count("censored"),
        float("survival", false),
        float("std_err", false),
        float("lower", true),
        float("upper", true),
        count("missing"),
    ])
}

fn step_item() -> FieldRef {
    Arc::new(Field::new("item", DataType::Struct(step_fields()), true))
}

/// The fields of `median_lifetime`'s struct.
fn median_fields() -> Fields {
    let count = |name: &str| Field::new(name, DataType::UInt64, true);
    let float = |name: &str| Field::new(name, DataType::Float64, true);
    Fields::from(vec![
        float("median"),
        float("lower"),
        float("upper"),
        count("n"),
        count("events"),
        count("missing"),
    ])
}

/// The aggregate function `kaplan_meier` or `median_lifetime`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct RetentionUdaf {
    output: Retention,
    signature: Signature,
}

impl RetentionUdaf {
    pub(crate) fn new(output: Retention) -> Self {
        Self {
            output,
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

impl AggregateUDFImpl for RetentionUdaf {
    fn name(&self) -> &str {
        self.output.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    /// A duration (any integer column: signed ones are read as `Int64` and checked for
    /// negative values, unsigned ones as `UInt64`), a boolean churn flag, then at most a level
    /// and a method.
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let name = self.output.name();
        let [duration, churned, options @ ..] = arg_types else {
            return plan_err!(
                "{name} takes a duration and a churn flag column, got {} argument(s)",
                arg_types.len()
            );
        };
        if options.len() > 2 {
            return plan_err!(
                "{name} takes at most 2 options after its inputs (level, method), got {}",
                options.len()
            );
        }
        let duration = match duration {
            DataType::UInt8 | DataType::UInt16 | DataType::UInt32 | DataType::UInt64 => {
                DataType::UInt64
            }
            DataType::Null => DataType::Int64,
            given if given.is_integer() => DataType::Int64,
            given => {
                return plan_err!(
                    "{name} takes the duration as an integer column (whole periods), got {given}"
                );
            }
        };
        if !matches!(churned, DataType::Boolean | DataType::Null) {
            return plan_err!("{name} takes churned as a Boolean column, got {churned}");
        }
        let mut types = vec![duration, DataType::Boolean];
        types.extend(options.iter().cloned());
        Ok(types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.output {
            Retention::Curve => DataType::List(step_item()),
            Retention::Median => DataType::Struct(median_fields()),
        })
    }

    fn is_nullable(&self) -> bool {
        true
    }

    fn state_fields(&self, args: StateFieldsArgs<'_>) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Arc::new(Field::new(
                format!("{}_curve", args.name),
                DataType::Binary,
                true,
            )),
            Arc::new(Field::new(
                format!("{}_missing", args.name),
                DataType::UInt64,
                true,
            )),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs<'_>) -> Result<Box<dyn Accumulator>> {
        let name = self.output.name();
        let literals = args
            .exprs
            .iter()
            .skip(2)
            .map(|e| match e.downcast_ref::<Literal>() {
                Some(literal) => Ok(literal.value().clone()),
                None => Err(error(name, "options after the inputs must be literals")),
            })
            .collect::<Result<Vec<ScalarValue>>>()?;
        Ok(Box::new(RetentionAccumulator {
            output: self.output,
            curve: KaplanMeier::default(),
            missing: 0,
            level: level(name, literals.first())?,
            method: parsed(name, literals.get(1))?.unwrap_or_default(),
        }))
    }

    fn documentation(&self) -> Option<&Documentation> {
        static CURVE: OnceLock<Documentation> = OnceLock::new();
        static MEDIAN: OnceLock<Documentation> = OnceLock::new();
        let (cell, description, syntax) = match self.output {
            Retention::Curve => (
                &CURVE,
                "The Kaplan-Meier retention curve (Kaplan & Meier 1958, as R's survfit): one \
                 struct per distinct duration with the customers at risk, churned (events) and \
                 censored there, the survival S(t), its Greenwood standard error and its \
                 pointwise interval (NULL where S = 0), and the count of rows skipped for a NULL. \
                 NULL for a group without customers. Returns a list: unnest it.",
                "kaplan_meier(duration, churned [, level [, method]])",
            ),
            Retention::Median => (
                &MEDIAN,
                "The median lifetime of a Kaplan-Meier curve with its Brookmeyer-Crowley \
                 limits (as R's quantile.survfit), each NULL where the curve does not fall to \
                 one half; the customers, the churned, and the rows skipped for a NULL.",
                "median_lifetime(duration, churned [, level [, method]])",
            ),
        };
        Some(cell.get_or_init(|| {
            let mut builder = Documentation::builder(SECTION, description, syntax)
                .with_argument(
                    "duration",
                    "whole periods (days, weeks or months) from the customer's start to churn, \
                     or observed so far; an integer from 0",
                )
                .with_argument(
                    "churned",
                    "true: churned after duration; false: still active (censored)",
                )
                .with_argument(
                    "level",
                    "confidence level of the intervals, strictly between 0 and 1 (default 0.95)",
                )
                .with_argument(
                    "method",
                    "pointwise interval of S: 'log' (default, R's), 'log_log' or 'plain'",
                );
            for related in ["kaplan_meier", "median_lifetime"] {
                if related != self.output.name() {
                    builder = builder.with_related_udf(related);
                }
            }
            builder.build()
        }))
    }
}

/// One group's curve.
#[derive(Debug)]
struct RetentionAccumulator {
    output: Retention,
    curve: KaplanMeier,
    /// Rows skipped for a NULL duration or churn flag.
    missing: u64,
    level: ConfidenceLevel,
    method: SurvivalInterval,
}

impl RetentionAccumulator {
    fn name(&self) -> &'static str {
        self.output.name()
    }

    /// Adds `missing` skipped rows, refusing a count past [`MAX_COUNT`].
    fn checked_missing(&self, missing: u64) -> Result<u64> {
        check_merge_total(self.missing, missing).map_err(|e| error(self.name(), e))?;
        Ok(self.missing + missing)
    }
}

/// A duration cell, validated: `Lifetime::new`'s rule, and a negative value is refused in the
/// same words.
fn lifetime(name: &str, duration: i128, churned: bool) -> Result<Lifetime> {
    match u64::try_from(duration) {
        Ok(duration) => Lifetime::new(duration, churned).map_err(|e| error(name, e)),
        Err(_) => Err(error(
            name,
            format!(
                "duration {duration} is negative: durations are whole periods from 0 to \
                 {MAX_DURATION}"
            ),
        )),
    }
}

impl Accumulator for RetentionAccumulator {
    /// All or nothing: the batch is checked row by row, then counted by the library's batch
    /// kernel.
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let name = self.name();
        let [durations, churned, ..] = values else {
            return Err(error(name, "takes a duration and a churn flag column"));
        };
        let Some(churned) = churned.as_boolean_opt() else {
            return Err(error(
                name,
                format!("takes churned as Boolean, got {}", churned.data_type()),
            ));
        };
        let duration_at: Box<dyn Fn(usize) -> Option<i128>> = match durations.data_type() {
            DataType::Int64 => {
                let a = durations.as_primitive::<Int64Type>();
                Box::new(move |i| a.is_valid(i).then(|| i128::from(a.value(i))))
            }
            DataType::UInt64 => {
                let a = durations.as_primitive::<UInt64Type>();
                Box::new(move |i| a.is_valid(i).then(|| i128::from(a.value(i))))
            }
            other => {
                return Err(error(
                    name,
                    format!("takes the duration as Int64 or UInt64, got {other}"),
                ));
            }
        };
        let rows = durations.len().min(churned.len());
        let mut lifetimes = Vec::with_capacity(rows);
        let mut flags = Vec::with_capacity(rows);
        let mut missing = 0u64;
        for i in 0..rows {
            match (duration_at(i), churned.is_valid(i)) {
                (Some(duration), true) => {
                    let customer = lifetime(name, duration, churned.value(i))?;
                    lifetimes.push(customer.duration());
                    flags.push(customer.churned());
                }
                _ => missing += 1,
            }
        }
        let missing = self.checked_missing(missing)?;
        self.curve
            .try_extend_from_slices(&lifetimes, &flags)
            .map_err(|e| error(name, e))?;
        self.missing = missing;
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        // Without customers the result is NULL: a NULL list or a NULL struct.
        let Some(summary) = self.curve.summary() else {
            return Ok(match self.output {
                Retention::Curve => {
                    ScalarValue::List(Arc::new(ListArray::new_null(step_item(), 1)))
                }
                Retention::Median => {
                    ScalarValue::Struct(Arc::new(StructArray::new_null(median_fields(), 1)))
                }
            });
        };
        Ok(match self.output {
            Retention::Curve => curve(&summary, self.missing, self.level, self.method),
            Retention::Median => median(&summary, self.missing, self.level, self.method),
        })
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 24 * self.curve.distinct_durations()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![
            ScalarValue::Binary(Some(self.curve.to_bytes())),
            ScalarValue::UInt64(Some(self.missing)),
        ])
    }

    /// All or nothing: a bad state leaves the accumulator as it was.
    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let name = self.name();
        let bad = || {
            error(
                name,
                "partial state has the wrong shape (foreign or corrupted state)",
            )
        };
        let [curves, missing] = states else {
            return Err(bad());
        };
        let curves: &BinaryArray = curves.as_binary_opt().ok_or_else(bad)?;
        let missing: &UInt64Array = missing.as_primitive_opt().ok_or_else(bad)?;
        let mut merged = self.curve.clone();
        let mut skipped = self.missing;
        for row in 0..curves.len().min(missing.len()) {
            match (curves.is_valid(row), missing.is_valid(row)) {
                (false, false) => continue,
                (true, true) => {}
                _ => {
                    return Err(error(
                        name,
                        "partial state has NULL fields beside non-NULL ones (corrupted state)",
                    ));
                }
            }
            let other = KaplanMeier::from_bytes(curves.value(row))
                .map_err(|e| error(name, format!("partial state: {e}")))?;
            merged.merge(&other).map_err(|e| error(name, e))?;
            let more = missing.value(row);
            if skipped.checked_add(more).is_none_or(|t| t > MAX_COUNT) {
                return Err(error(
                    name,
                    format!("partial state: more than {MAX_COUNT} missing values"),
                ));
            }
            skipped += more;
        }
        self.curve = merged;
        self.missing = skipped;
        Ok(())
    }
}

/// The curve as a one-row list of step structs, in time order.
fn curve(
    summary: &KaplanMeierSummary,
    missing: u64,
    level: ConfidenceLevel,
    method: SurvivalInterval,
) -> ScalarValue {
    let steps = summary.steps();
    let intervals = summary.intervals(level, method);
    let count = |f: &dyn Fn(&crate::retention::CurveStep) -> u64| -> ArrayRef {
        Arc::new(UInt64Array::from_iter_values(steps.iter().map(f)))
    };
    let float = |f: &dyn Fn(&crate::retention::CurveStep) -> f64| -> ArrayRef {
        Arc::new(Float64Array::from_iter_values(steps.iter().map(f)))
    };
    let columns: Vec<ArrayRef> = vec![
        count(&|s| s.time()),
        count(&|s| s.at_risk()),
        count(&|s| s.events()),
        count(&|s| s.censored()),
        float(&|s| s.survival()),
        float(&|s| s.std_err()),
        Arc::new(Float64Array::from_iter(
            intervals.iter().map(|ci| ci.map(|ci| ci.lower())),
        )),
        Arc::new(Float64Array::from_iter(
            intervals.iter().map(|ci| ci.map(|ci| ci.upper())),
        )),
        count(&|_| missing),
    ];
    let structs = StructArray::new(step_fields(), columns, None);
    ScalarValue::List(
        SingleRowListArrayBuilder::new(Arc::new(structs))
            .build_list_array()
            .into(),
    )
}

/// The median lifetime's struct.
fn median(
    summary: &KaplanMeierSummary,
    missing: u64,
    level: ConfidenceLevel,
    method: SurvivalInterval,
) -> ScalarValue {
    let (lower, upper) = summary.median_interval(level, method);
    let float = |x: Option<f64>| -> ArrayRef { Arc::new(Float64Array::from(vec![x])) };
    let count = |n: u64| -> ArrayRef { Arc::new(UInt64Array::from(vec![n])) };
    let columns = vec![
        float(summary.median()),
        float(lower),
        float(upper),
        count(summary.count()),
        count(summary.events()),
        count(missing),
    ];
    ScalarValue::Struct(Arc::new(StructArray::new(median_fields(), columns, None)))
}
