//! Comments in SQL (features `datafusion` and `text`): the scalar functions `sentiment(text)`
//! (VADER's compound score, [`crate::text::sentiment`]) and `theme(text, rule)` (a
//! [`Theme`] rule, parsed once per call), and the aggregate family `sentiment_summary(text
//! [, level [, method]])` over [`SentimentAggregate`], whose partial state is its exact parts
//! (counts per class and the integer sums of the scores and their squares in ten-thousandths,
//! as `Decimal128(38, 0)`), read back through [`SentimentAggregate::from_parts`].

use std::sync::{Arc, OnceLock};

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Decimal128Array, Float64Array, UInt32Array, UInt64Array,
};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err, plan_err};
use datafusion::logical_expr::{
    ColumnarValue, DocSection, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl,
    Signature, Volatility,
};

use super::metric::{Cell, Configured, OptionDoc, SqlMetric, error, level};
use super::metrics::{LEVEL, SHARE_METHOD, share_method};
use super::udaf::is_text;
use crate::aggregator::MAX_COUNT;
use crate::summary::ReportOptions;
use crate::text::{CompoundScore, SentimentAggregate, Theme, sentiment};

/// The section of the scalar functions in `SHOW FUNCTIONS` and generated docs.
const TEXT_SECTION: DocSection = DocSection {
    include: true,
    label: "Customer-feedback text",
    description: Some("Scalar functions of the satisfaction crate over open-text comments."),
};

/// The precision and scale of the state's sums: integers of up to 38 digits.
const SUM_PRECISION: u8 = 38;

impl SqlMetric for SentimentAggregate {
    const NAME: &'static str = "sentiment_summary";
    const DESCRIPTION: &'static str = "Comments' sentiment (VADER, Hutto & Gilbert 2014, equal \
        to vaderSentiment 3.3.2): the mean compound score with a Student t interval, and the \
        shares of positive (compound >= 0.05), neutral and negative (<= -0.05) comments with \
        binomial intervals.";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] = &[(
        "text",
        DataType::Utf8,
        "a comment (an empty one scores 0 and counts as neutral)",
    )];
    const OPTIONS: &'static [OptionDoc] = &[LEVEL, SHARE_METHOD];
    const MERGE_OPTIONS: &'static [OptionDoc] = Self::OPTIONS;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        Ok(Configured {
            prototype: Some(SentimentAggregate::default()),
            options: ReportOptions::new(
                level(Self::NAME, literals.first())?,
                share_method(Self::NAME, literals)?,
            ),
        })
    }

    fn input(&self, row: &[Cell<'_>]) -> Result<CompoundScore> {
        match row.first() {
            Some(Cell::Text(text)) => Ok(CompoundScore::from(sentiment(text))),
            _ => Err(error(Self::NAME, "takes a text column")),
        }
    }

    fn state_fields() -> Vec<Field> {
        let count = |name: &str| Field::new(name, DataType::UInt64, true);
        let sum = |name: &str| Field::new(name, DataType::Decimal128(SUM_PRECISION, 0), true);
        vec![
            Field::new("version", DataType::UInt32, true),
            count("negative"),
            count("neutral"),
            count("positive"),
            sum("sum_ten_thousandths"),
            sum("sum_squares_ten_thousandths"),
            count("missing"),
        ]
    }

    fn write_state(groups: &[(Option<Self>, u64)], _: &Configured<Self>) -> Vec<ArrayRef> {
        let parts: Vec<([u64; 3], i128, u128)> = groups
            .iter()
            .map(|(group, _)| group.unwrap_or_default().parts())
            .collect();
        let count = |i: usize| -> ArrayRef {
            Arc::new(UInt64Array::from_iter_values(parts.iter().map(|p| p.0[i])))
        };
        let decimal = |values: Vec<i128>| -> ArrayRef {
            let array = Decimal128Array::from(values);
            // 38 digits and scale 0 are valid for Decimal128.
            Arc::new(
                array
                    .clone()
                    .with_precision_and_scale(SUM_PRECISION, 0)
                    .unwrap_or(array),
            )
        };
        vec![
            Arc::new(UInt32Array::from(vec![
                crate::state::STATE_VERSION;
                groups.len()
            ])),
            count(0),
            count(1),
            count(2),
            decimal(parts.iter().map(|p| p.1).collect()),
            // At most MAX_COUNT squares of at most 10⁸: far inside i128.
            decimal(
                parts
                    .iter()
                    .map(|p| i128::try_from(p.2).unwrap_or(i128::MAX))
                    .collect(),
            ),
            Arc::new(UInt64Array::from_iter_values(groups.iter().map(|g| g.1))),
        ]
    }

    fn read_state(
        _: &Configured<Self>,
        columns: &[ArrayRef],
        row: usize,
    ) -> Result<Option<(Self, u64)>> {
        let bad = || {
            error(
                Self::NAME,
                "partial state has the wrong shape (foreign or corrupted state)",
            )
        };
        let [version, negative, neutral, positive, sum, squares, missing] = columns else {
            return Err(bad());
        };
        if !super::state::carries_state(Self::NAME, columns, row)? {
            return Ok(None);
        }
        let u64_at = |c: &ArrayRef| {
            c.as_primitive_opt::<datafusion::arrow::datatypes::UInt64Type>()
                .filter(|a| row < a.len())
                .map(|a| a.value(row))
                .ok_or_else(bad)
        };
        let i128_at = |c: &ArrayRef| {
            c.as_primitive_opt::<datafusion::arrow::datatypes::Decimal128Type>()
                .filter(|a| row < a.len())
                .map(|a| a.value(row))
                .ok_or_else(bad)
        };
        let version = version
            .as_primitive_opt::<datafusion::arrow::datatypes::UInt32Type>()
            .filter(|a| row < a.len())
            .map(|a| a.value(row))
            .ok_or_else(bad)?;
        crate::state::check_version(version)
            .map_err(|e| error(Self::NAME, format!("partial state: {e}")))?;
        let squares = u128::try_from(i128_at(squares)?).map_err(|_| {
            error(
                Self::NAME,
                "partial state: a negative sum of squares (corrupted state)",
            )
        })?;
        let state = SentimentAggregate::from_parts(
            [u64_at(negative)?, u64_at(neutral)?, u64_at(positive)?],
            i128_at(sum)?,
            squares,
        )
        .map_err(|e| error(Self::NAME, format!("partial state: {e}")))?;
        let missing = u64_at(missing)?;
        if missing > MAX_COUNT {
            return Err(error(
                Self::NAME,
                format!(
                    "partial state has {missing} missing values, past the limit of {MAX_COUNT}"
                ),
            ));
        }
        Ok(Some((state, missing)))
    }
}

/// A text argument's rows, whatever its string layout.
fn strings<'a>(name: &str, array: &'a ArrayRef) -> Result<Vec<Option<&'a str>>> {
    Ok(match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().iter().collect(),
        DataType::LargeUtf8 => array.as_string::<i64>().iter().collect(),
        DataType::Utf8View => array.as_string_view().iter().collect(),
        DataType::Null => vec![None; array.len()],
        other => return exec_err!("{name} takes text, got {other}"),
    })
}

/// A text scalar's value, `None` for NULL.
fn string<'a>(name: &str, value: &'a ScalarValue) -> Result<Option<&'a str>> {
    match value {
        ScalarValue::Utf8(s) | ScalarValue::LargeUtf8(s) | ScalarValue::Utf8View(s) => {
            Ok(s.as_deref())
        }
        ScalarValue::Null => Ok(None),
        other => exec_err!("{name} takes text, got {}", other.data_type()),
    }
}

/// The argument types of a function of text columns: each must be text (or NULL, read as
/// `Utf8`); string layouts are kept, so nothing is cast.
fn text_arguments(name: &str, arg_types: &[DataType], wanted: &[&str]) -> Result<Vec<DataType>> {
    if arg_types.len() != wanted.len() {
        return plan_err!(
            "{name} takes {} argument(s) ({}), got {}",
            wanted.len(),
            wanted.join(", "),
            arg_types.len()
        );
    }
    arg_types
        .iter()
        .zip(wanted)
        .map(|(given, what)| match given {
            DataType::Null => Ok(DataType::Utf8),
            given if is_text(given) => Ok(given.clone()),
            given => plan_err!("{name} takes {what} as text, got {given}"),
        })
        .collect()
}

/// The scalar function `sentiment(text)`: VADER's compound score.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct SentimentUdf {
    signature: Signature,
}

impl SentimentUdf {
    pub(crate) fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

impl ScalarUDFImpl for SentimentUdf {
    fn name(&self) -> &str {
        "sentiment"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        text_arguments(self.name(), arg_types, &["text"])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let compound = |text: Option<&str>| text.map(|t| sentiment(t).compound());
        match args.args.as_slice() {
            [ColumnarValue::Scalar(value)] => Ok(ColumnarValue::Scalar(ScalarValue::Float64(
                compound(string(self.name(), value)?),
            ))),
            [ColumnarValue::Array(array)] => {
                let scores: Float64Array = strings(self.name(), array)?
                    .into_iter()
                    .map(compound)
                    .collect();
                Ok(ColumnarValue::Array(Arc::new(scores)))
            }
            _ => exec_err!("sentiment takes one argument"),
        }
    }

    fn documentation(&self) -> Option<&Documentation> {
        static DOCUMENTATION: OnceLock<Documentation> = OnceLock::new();
        Some(DOCUMENTATION.get_or_init(|| {
            Documentation::builder(
                TEXT_SECTION,
                "A comment's VADER compound score (Hutto & Gilbert 2014), in -1..1 rounded to 4 \
                 decimals, equal to Python vaderSentiment 3.3.2's; positive from 0.05, negative \
                 up to -0.05. English only. NULL for NULL.",
                "sentiment(text)",
            )
            .with_argument("text", "a comment")
            .with_related_udf("sentiment_summary")
            .with_related_udf("theme")
            .build()
        }))
    }
}

/// The scalar function `theme(text, rule)`: whether a comment matches a theme rule.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ThemeUdf {
    signature: Signature,
}

impl ThemeUdf {
    pub(crate) fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

/// The rule argument parsed: it must be a non-NULL text literal.
fn rule(value: Option<&ScalarValue>) -> Result<Theme> {
    let text = match value {
        Some(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::LargeUtf8(Some(s))
            | ScalarValue::Utf8View(Some(s)),
        ) => s,
        Some(other) if other.is_null() => {
            return Err(error(
                "theme",
                "the rule is NULL: give a rule as a string literal",
            ));
        }
        _ => return Err(error("theme", "the rule must be a string literal")),
    };
    Theme::parse(text.as_str(), text).map_err(|e| error("theme", format!("rule {text:?}: {e}")))
}

impl ScalarUDFImpl for ThemeUdf {
    fn name(&self) -> &str {
        "theme"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        text_arguments(self.name(), arg_types, &["text", "rule"])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    /// Parses the rule at planning, so a rule that does not parse (or is not a literal) is a
    /// planning error with the parser's message.
    fn return_field_from_args(&self, args: ReturnFieldArgs<'_>) -> Result<FieldRef> {
        rule(args.scalar_arguments.get(1).copied().flatten())?;
        Ok(Arc::new(Field::new(self.name(), DataType::Boolean, true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [text, rule_argument] = args.args.as_slice() else {
            return exec_err!("theme takes two arguments (text, rule)");
        };
        let ColumnarValue::Scalar(rule_value) = rule_argument else {
            return Err(error("theme", "the rule must be a string literal"));
        };
        // Once per call: the rule is a literal, compiled here, then matched row by row.
        let theme = rule(Some(rule_value))?;
        let matches = |text: Option<&str>| text.map(|t| theme.matches(t));
        match text {
            ColumnarValue::Scalar(value) => Ok(ColumnarValue::Scalar(ScalarValue::Boolean(
                matches(string(self.name(), value)?),
            ))),
            ColumnarValue::Array(array) => {
                let flags: BooleanArray = strings(self.name(), array)?
                    .into_iter()
                    .map(matches)
                    .collect();
                Ok(ColumnarValue::Array(Arc::new(flags)))
            }
        }
    }

    fn documentation(&self) -> Option<&Documentation> {
        static DOCUMENTATION: OnceLock<Documentation> = OnceLock::new();
        Some(DOCUMENTATION.get_or_init(|| {
            Documentation::builder(
                TEXT_SECTION,
                "Whether a comment matches a theme rule: words (case-insensitive, `wait*` for a \
                 prefix), \"quoted phrases\", AND, OR, NOT and parentheses, as Qualtrics Text \
                 iQ topic queries. The rule is a string literal, parsed once per call; one that \
                 does not parse is an error naming the position. NULL for NULL text.",
                "theme(text, rule)",
            )
            .with_argument("text", "a comment")
            .with_argument("rule", "the theme rule, e.g. 'wait* OR \"on hold\"'")
            .with_related_udf("sentiment")
            .build()
        }))
    }
}
