//! `key_drivers(outcome, d1, d2, ...)`: the library's key-driver analysis
//! ([`KeyDrivers`](crate::drivers::KeyDrivers)) as one aggregate function, returning a list
//! of one struct per driver (unnest it for one row per driver). Its partial state is the
//! analysis' bytes ([`KeyDrivers::to_bytes`]), read back through the same validation, so the
//! result is the same at any number of partitions and on a cluster.

use std::sync::{Arc, OnceLock};

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, Float64Array, StringArray, StructArray, UInt64Array,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields, Float64Type};
use datafusion::common::utils::SingleRowListArrayBuilder;
use datafusion::common::{Result, ScalarValue, exec_err, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, DocSection, Documentation, Signature, Volatility,
};

use crate::aggregator::Aggregator;
use crate::drivers::{DriverRow, KeyDrivers, KeyDriversSummary, Measure};

const NAME: &str = "key_drivers";

const SECTION: DocSection = DocSection {
    include: true,
    label: "Customer-satisfaction metrics",
    description: Some("Aggregates of the satisfaction crate: estimates with confidence intervals."),
};

/// The fields of one driver's struct.
fn driver_fields() -> Fields {
    let float = |name: &str| Field::new(name, DataType::Float64, false);
    let count = |name: &str| Field::new(name, DataType::UInt64, false);
    Fields::from(vec![
        Field::new("driver", DataType::Utf8, false),
        float("lmg"),
        float("lmg_share"),
        float("relative_weight"),
        float("first"),
        float("last"),
        float("beta_squared"),
        float("pratt"),
        float("performance"),
        count("rank"),
        Field::new("quadrant", DataType::Utf8, false),
        float("r_squared"),
        count("n"),
        count("dropped"),
    ])
}

fn result_type() -> DataType {
    DataType::List(Arc::new(Field::new(
        "item",
        DataType::Struct(driver_fields()),
        true,
    )))
}

/// The aggregate function `key_drivers`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct KeyDriversUdaf {
    signature: Signature,
}

impl KeyDriversUdaf {
    pub(crate) fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

/// The driver's name from its argument's field: the column name, without a table qualifier.
fn driver_name(field: &Field) -> String {
    let name = field.name();
    match name.rsplit_once('.') {
        Some((_, column)) if !name.contains('(') => column.to_owned(),
        _ => name.clone(),
    }
}

impl AggregateUDFImpl for KeyDriversUdaf {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    /// At least an outcome and one driver, every one numeric; the columns keep their types
    /// (and so their names, which name the drivers) and are read as `Float64`.
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() < 2 {
            return plan_err!(
                "{NAME} takes the outcome and at least one driver column, got {} argument(s)",
                arg_types.len()
            );
        }
        for (i, given) in arg_types.iter().enumerate() {
            if !(given.is_numeric() || given == &DataType::Null) {
                return plan_err!(
                    "{NAME} takes numeric columns, but argument {} is {given}",
                    i + 1
                );
            }
        }
        Ok(arg_types.to_vec())
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(result_type())
    }

    fn is_nullable(&self) -> bool {
        true
    }

    fn state_fields(&self, args: StateFieldsArgs<'_>) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(
            format!("{}_state", args.name),
            DataType::Binary,
            true,
        ))])
    }

    fn accumulator(&self, args: AccumulatorArgs<'_>) -> Result<Box<dyn Accumulator>> {
        let names: Vec<String> = args
            .expr_fields
            .iter()
            .skip(1)
            .map(|f| driver_name(f))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match KeyDrivers::new(&names) {
            Ok(drivers) => Ok(Box::new(DriversAccumulator { drivers })),
            Err(e) => plan_err!("{NAME}: {e}"),
        }
    }

    fn documentation(&self) -> Option<&Documentation> {
        static DOCUMENTATION: OnceLock<Documentation> = OnceLock::new();
        Some(DOCUMENTATION.get_or_init(|| {
            Documentation::builder(
                SECTION,
                "Key-driver analysis (relative importance): the outcome regressed on the drivers, \
                 R² split among them by LMG (the Shapley value of R²), Johnson's relative weights, \
                 first, last, beta² and Pratt, with each driver's mean, rank by LMG and \
                 importance-performance quadrant. Complete cases; NULL when the group's rows \
                 cannot be analysed (too few, a constant driver, collinear drivers). Returns a \
                 list of one struct per driver: unnest it.",
                "key_drivers(outcome, driver_1 [, driver_2, ...])",
            )
            .with_argument(
                "outcome",
                "the outcome column (overall satisfaction, NPS score)",
            )
            .with_argument(
                "driver_n",
                "a driver column (an item rating); its name names the driver",
            )
            .build()
        }))
    }
}

/// One group's analysis.
#[derive(Debug)]
struct DriversAccumulator {
    drivers: KeyDrivers,
}

/// A column as `Float64`.
fn floats(array: &ArrayRef) -> Result<ArrayRef> {
    Ok(cast(array, &DataType::Float64)?)
}

impl Accumulator for DriversAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let columns: Vec<ArrayRef> = values.iter().map(floats).collect::<Result<_>>()?;
        let columns: Vec<&Float64Array> = columns
            .iter()
            .map(|c| c.as_primitive::<Float64Type>())
            .collect();
        let Some((outcome, drivers)) = columns.split_first() else {
            return Ok(());
        };
        let value = |column: &Float64Array, i: usize| column.is_valid(i).then(|| column.value(i));
        for i in 0..outcome.len() {
            let row = DriverRow::new(
                value(outcome, i),
                drivers.iter().map(|c| value(c, i)).collect(),
            );
            match row.and_then(|row| self.drivers.record(row)) {
                Ok(()) => {}
                Err(e) => return exec_err!("{NAME}: {e}"),
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        match self.drivers.summary() {
            Some(summary) => Ok(list(&summary)),
            None => Ok(ScalarValue::List(Arc::new(
                datafusion::arrow::array::ListArray::new_null(
                    Arc::new(Field::new("item", DataType::Struct(driver_fields()), true)),
                    1,
                ),
            ))),
        }
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.drivers.to_bytes().len()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(Some(self.drivers.to_bytes()))])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(states) = states.first() else {
            return Ok(());
        };
        let states: &BinaryArray = states.as_binary();
        for bytes in states.iter().flatten() {
            let other = match KeyDrivers::from_bytes(bytes) {
                Ok(other) => other,
                Err(e) => return exec_err!("{NAME}: partial state: {e}"),
            };
            if let Err(e) = self.drivers.merge(&other) {
                return exec_err!("{NAME}: {e}");
            }
        }
        Ok(())
    }
}

/// The summary as a one-row list of driver structs, in driver order.
fn list(summary: &KeyDriversSummary) -> ScalarValue {
    let drivers = summary.drivers();
    let float = |f: &dyn Fn(&crate::drivers::Driver) -> f64| -> ArrayRef {
        Arc::new(Float64Array::from_iter_values(drivers.iter().map(f)))
    };
    let count = |v: u64| -> ArrayRef { Arc::new(UInt64Array::from(vec![v; drivers.len()])) };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            drivers.iter().map(|d| d.name()),
        )),
        float(&|d| d.lmg()),
        float(&|d| d.share(Measure::Lmg)),
        float(&|d| d.relative_weight()),
        float(&|d| d.first()),
        float(&|d| d.last()),
        float(&|d| d.beta_squared()),
        float(&|d| d.pratt()),
        float(&|d| d.performance()),
        Arc::new(UInt64Array::from_iter_values(
            drivers.iter().map(|d| d.rank() as u64),
        )),
        Arc::new(StringArray::from_iter_values(
            drivers.iter().map(|d| d.quadrant().name()),
        )),
        float(&|_| summary.r_squared()),
        count(summary.n()),
        count(summary.dropped()),
    ];
    let structs = StructArray::new(driver_fields(), columns, None);
    ScalarValue::List(
        SingleRowListArrayBuilder::new(Arc::new(structs))
            .build_list_array()
            .into(),
    )
}
