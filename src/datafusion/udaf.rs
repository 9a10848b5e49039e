//! [`MetricUdaf`]: one DataFusion aggregate function family for any [`SqlMetric`]:
//! `name(inputs, options)`, `name_state(inputs, options)` and `name_merge(state, options)`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};

use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDFImpl, DocSection, Documentation, GroupsAccumulator, Signature,
    Volatility,
};
use datafusion::physical_expr::expressions::Literal;

use super::groups::{MetricAccumulator, MetricGroups};
use super::metric::{Configured, OptionDoc, SqlMetric, error};
use super::output::result_fields;

/// What a function of the family returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// `name(x, options...)`: the final struct.
    Final,
    /// `name_state(x, options...)`: the partial state, to store.
    State,
    /// `name_merge(state, options...)`: stored states combined into the final struct.
    Merge,
}

/// Whether a column type is text: `Utf8`, `LargeUtf8` or `Utf8View`.
pub(crate) fn is_text(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// The section of `SHOW FUNCTIONS` / the generated docs the functions are listed in.
pub(crate) const SECTION: DocSection = DocSection {
    include: true,
    label: "Customer-satisfaction metrics",
    description: Some("Aggregates of the satisfaction crate: estimates with confidence intervals."),
};

/// A DataFusion aggregate function of metric `M`.
pub(crate) struct MetricUdaf<M> {
    kind: Kind,
    name: String,
    signature: Signature,
    documentation: OnceLock<Documentation>,
    metric: PhantomData<fn() -> M>,
}

impl<M> fmt::Debug for MetricUdaf<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetricUdaf")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl<M> PartialEq for MetricUdaf<M> {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.name == other.name
    }
}

impl<M> Eq for MetricUdaf<M> {}

impl<M> Hash for MetricUdaf<M> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        self.name.hash(state);
    }
}

impl<M> MetricUdaf<M>
where
    M: SqlMetric,
{
    pub(crate) fn new(kind: Kind) -> Self {
        let name = match kind {
            Kind::Final => M::NAME.to_owned(),
            Kind::State => format!("{}_state", M::NAME),
            Kind::Merge => format!("{}_merge", M::NAME),
        };
        Self {
            kind,
            name,
            signature: Signature::user_defined(Volatility::Immutable),
            documentation: OnceLock::new(),
            metric: PhantomData,
        }
    }

    /// How many leading arguments are columns: the inputs, or the one state.
    fn columns(&self) -> usize {
        match self.kind {
            Kind::Merge => 1,
            _ => M::INPUTS.len(),
        }
    }

    fn options(&self) -> &'static [OptionDoc] {
        match self.kind {
            Kind::Merge => M::MERGE_OPTIONS,
            _ => M::OPTIONS,
        }
    }

    /// The call's literal options, read into a configuration.
    fn configured(&self, args: &AccumulatorArgs<'_>) -> Result<Configured<M>> {
        let literals = args
            .exprs
            .iter()
            .skip(self.columns())
            .map(|e| match e.downcast_ref::<Literal>() {
                Some(literal) => Ok(literal.value().clone()),
                None => Err(error(
                    &self.name,
                    "options after the inputs must be literals",
                )),
            })
            .collect::<Result<Vec<ScalarValue>>>()?;
        match self.kind {
            Kind::Merge => M::configure_merge(&literals),
            _ => M::configure(&literals),
        }
    }

    fn build_documentation(&self) -> Documentation {
        let args: Vec<&str> = match self.kind {
            Kind::Merge => vec!["state"],
            _ => M::INPUTS.iter().map(|(name, _, _)| *name).collect(),
        };
        let options: Vec<&str> = self.options().iter().map(|o| o.name).collect();
        let syntax = if options.is_empty() {
            format!("{}({})", self.name, args.join(", "))
        } else {
            format!(
                "{}({} [, {}])",
                self.name,
                args.join(", "),
                options.join(" [, ")
            ) + &"]".repeat(options.len().saturating_sub(1))
        };
        let fields: Vec<String> = result_fields::<M>()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let description = match self.kind {
            Kind::Final => format!(
                "{} Returns a struct with the fields {}.",
                M::DESCRIPTION,
                fields.join(", ")
            ),
            Kind::State => format!(
                "The partial state of {}(...) as a value that can be stored (daily rollups) and \
                 combined exactly by {}_merge.",
                M::NAME,
                M::NAME
            ),
            Kind::Merge => format!(
                "Combines states from {}_state into the struct {}(...) returns, exactly.",
                M::NAME,
                M::NAME
            ),
        };
        let mut builder = Documentation::builder(SECTION, description, syntax);
        match self.kind {
            Kind::Merge => {
                builder = builder.with_argument("state", format!("a value of {}_state", M::NAME));
            }
            _ => {
                for (name, _, description) in M::INPUTS {
                    builder = builder.with_argument(*name, *description);
                }
            }
        }
        for option in self.options() {
            builder = builder.with_argument(option.name, option.description);
        }
        for related in [
            M::NAME.to_owned(),
            format!("{}_state", M::NAME),
            format!("{}_merge", M::NAME),
        ] {
            if related != self.name {
                builder = builder.with_related_udf(related);
            }
        }
        builder.build()
    }
}

impl<M> AggregateUDFImpl for MetricUdaf<M>
where
    M: SqlMetric,
{
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let columns = self.columns();
        if arg_types.len() < columns {
            return plan_err!(
                "{} takes {columns} input column(s), got {} argument(s)",
                self.name,
                arg_types.len()
            );
        }
        let options = arg_types.len() - columns;
        if options > self.options().len() {
            return plan_err!(
                "{} takes at most {} options after its input ({}), got {options}",
                self.name,
                self.options().len(),
                self.options()
                    .iter()
                    .map(|o| o.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let mut types = Vec::with_capacity(arg_types.len());
        if self.kind == Kind::Merge {
            let wanted = M::state_type();
            let first = &arg_types[0];
            let fits = match (first, &wanted) {
                (DataType::Struct(given), DataType::Struct(wanted)) => {
                    given.len() == wanted.len()
                        && given
                            .iter()
                            .zip(wanted.iter())
                            .all(|(g, w)| g.name() == w.name() && g.data_type() == w.data_type())
                }
                (
                    DataType::Binary | DataType::LargeBinary | DataType::BinaryView,
                    DataType::Binary,
                ) => true,
                _ => false,
            };
            if !fits {
                return plan_err!(
                    "{} takes the value {}_state returns ({wanted}), got {first}",
                    self.name,
                    M::NAME
                );
            }
            types.push(wanted);
        } else {
            for (given, (name, wanted, _)) in arg_types.iter().zip(M::INPUTS) {
                let fits = match wanted {
                    DataType::Boolean => matches!(given, DataType::Boolean | DataType::Null),
                    DataType::Int64 => given.is_integer() || given == &DataType::Null,
                    DataType::Utf8 => is_text(given) || given == &DataType::Null,
                    _ => given.is_numeric() || given == &DataType::Null,
                };
                if !fits {
                    return plan_err!(
                        "{} takes {name} as a {wanted} column, got {given}",
                        self.name
                    );
                }
                // Text is read in any of Arrow's three string layouts, without a cast.
                types.push(if is_text(given) {
                    given.clone()
                } else {
                    wanted.clone()
                });
            }
        }
        types.extend(arg_types[columns..].iter().cloned());
        Ok(types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::State => M::state_type(),
            _ => DataType::Struct(result_fields::<M>()),
        })
    }

    fn is_nullable(&self) -> bool {
        true
    }

    fn state_fields(&self, args: StateFieldsArgs<'_>) -> Result<Vec<FieldRef>> {
        Ok(M::state_fields()
            .into_iter()
            .map(|f| {
                Arc::new(Field::new(
                    format!("{}_{}", args.name, f.name()),
                    f.data_type().clone(),
                    true,
                ))
            })
            .collect())
    }

    fn accumulator(&self, args: AccumulatorArgs<'_>) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(MetricAccumulator::new(
            self.kind,
            self.configured(&args)?,
        )))
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs<'_>) -> bool {
        true
    }

    fn create_groups_accumulator(
        &self,
        args: AccumulatorArgs<'_>,
    ) -> Result<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(MetricGroups::new(
            self.kind,
            self.configured(&args)?,
        )))
    }

    fn documentation(&self) -> Option<&Documentation> {
        Some(
            self.documentation
                .get_or_init(|| self.build_documentation()),
        )
    }
}
