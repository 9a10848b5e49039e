//! The metrics as DataFusion sees them: buckets, options and the fields of each result struct.

use datafusion::arrow::datatypes::{DataType, Field, Fields};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};

use super::bounded::{Metric, level_option};
use crate::aggregator::Aggregator;
use crate::interval::{ConfidenceLevel, NpsMethod, ProportionMethod};
use crate::metrics::csat::Csat;
use crate::metrics::nps::Nps;
use crate::metrics::proportion::Proportion;
use crate::scale::RatingScale;

fn f64_field(name: &str) -> Field {
    Field::new(name, DataType::Float64, true)
}

fn u64_field(name: &str) -> Field {
    Field::new(name, DataType::UInt64, true)
}

fn text(value: Option<&ScalarValue>) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::LargeUtf8(Some(s))
            | ScalarValue::Utf8View(Some(s)),
        ) => Ok(Some(s.to_ascii_lowercase())),
        Some(other) => exec_err!("method must be a string literal, got {other}"),
    }
}

fn integer(value: &ScalarValue, what: &str) -> Result<i64> {
    match value {
        ScalarValue::Int64(Some(x)) => Ok(*x),
        ScalarValue::Int32(Some(x)) => Ok(i64::from(*x)),
        other => exec_err!("{what} must be an integer literal, got {other}"),
    }
}

/// `nps(score [, level [, method]])`: method `'adjusted_wald'` (default), `'wald'` or `'score'`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct NpsMetric;

/// Options of an `nps` call.
#[derive(Debug, Clone)]
pub(crate) struct NpsOptions {
    level: ConfidenceLevel,
    method: NpsMethod,
}

impl Metric for NpsMetric {
    const NAME: &'static str = "nps";
    const BUCKETS: usize = 3;
    const BUCKET_NAMES: &'static [&'static str] = &["detractors", "passives", "promoters"];
    type Options = NpsOptions;

    fn input_type(&self) -> DataType {
        DataType::Int64
    }

    fn options(&self, literals: &[ScalarValue]) -> Result<NpsOptions> {
        let method = match text(literals.get(1))?.as_deref() {
            None | Some("adjusted_wald" | "adjusted wald") => NpsMethod::AdjustedWald,
            Some("wald") => NpsMethod::Wald,
            Some("score") => NpsMethod::Score,
            Some(other) => {
                return exec_err!(
                    "nps: unknown method '{other}': use 'adjusted_wald', 'wald' or 'score'"
                );
            }
        };
        Ok(NpsOptions {
            level: level_option(literals.first())?,
            method,
        })
    }

    #[inline]
    fn bucket(_: &NpsOptions, value: i64) -> Result<usize> {
        match value {
            0..=6 => Ok(0),
            7..=8 => Ok(1),
            9..=10 => Ok(2),
            _ => exec_err!("nps: score {value} is out of range: NPS scores are 0..=10"),
        }
    }

    fn lookup(_: &NpsOptions) -> Option<(i64, Vec<usize>)> {
        Some((0, vec![0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2]))
    }

    fn output_fields() -> Fields {
        Fields::from(vec![
            f64_field("score"),
            f64_field("lower"),
            f64_field("upper"),
            u64_field("n"),
            u64_field("promoters"),
            u64_field("passives"),
            u64_field("detractors"),
            u64_field("missing"),
        ])
    }

    fn evaluate(options: &NpsOptions, counts: &[u64], missing: u64) -> Vec<ScalarValue> {
        let s = Nps::from_counts(counts[0], counts[1], counts[2])
            .and_then(|n| n.summary())
            .expect("validated non-empty counts");
        let ci = s.interval(options.level, options.method);
        vec![
            ScalarValue::Float64(Some(s.score())),
            ScalarValue::Float64(Some(ci.lower())),
            ScalarValue::Float64(Some(ci.upper())),
            ScalarValue::UInt64(Some(s.count())),
            ScalarValue::UInt64(Some(s.promoters())),
            ScalarValue::UInt64(Some(s.passives())),
            ScalarValue::UInt64(Some(s.detractors())),
            ScalarValue::UInt64(Some(missing)),
        ]
    }
}

fn proportion_method(value: Option<&ScalarValue>, name: &str) -> Result<ProportionMethod> {
    Ok(match text(value)?.as_deref() {
        None | Some("wilson") => ProportionMethod::Wilson,
        Some("wald") => ProportionMethod::Wald,
        Some("wilson_cc" | "wilson_corrected") => ProportionMethod::WilsonCorrected,
        Some("agresti_coull") => ProportionMethod::AgrestiCoull,
        Some("clopper_pearson") => ProportionMethod::ClopperPearson,
        Some("jeffreys") => ProportionMethod::Jeffreys,
        Some(other) => {
            return exec_err!(
                "{name}: unknown method '{other}': use 'wilson', 'wald', 'wilson_cc', \
                 'agresti_coull', 'clopper_pearson' or 'jeffreys'"
            );
        }
    })
}

/// `csat(score [, level [, method [, min, max, satisfied_from]]])`: default 1-5, satisfied from
/// 4, 95%, Wilson for the share (the mean always gets Student t).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CsatMetric;

/// Options of a `csat` call.
#[derive(Debug, Clone)]
pub(crate) struct CsatOptions {
    level: ConfidenceLevel,
    method: ProportionMethod,
    scale: RatingScale,
    satisfied_from: u8,
}

impl Metric for CsatMetric {
    const NAME: &'static str = "csat";
    const BUCKETS: usize = 11;
    const BUCKET_NAMES: &'static [&'static str] = &[
        "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10",
    ];
    type Options = CsatOptions;

    fn input_type(&self) -> DataType {
        DataType::Int64
    }

    fn options(&self, literals: &[ScalarValue]) -> Result<CsatOptions> {
        let (scale, satisfied_from) = match literals.get(2..5) {
            Some([min, max, from]) => {
                let small = |v: &ScalarValue, what| {
                    u8::try_from(integer(v, what)?).map_err(|_| {
                        DataFusionError::Execution(format!("csat: {what} must be in 0..=255"))
                    })
                };
                let scale = RatingScale::new(small(min, "min")?, small(max, "max")?)
                    .map_err(|e| DataFusionError::Execution(format!("csat: {e}")))?;
                (scale, small(from, "satisfied_from")?)
            }
            Some(_) | None if literals.len() <= 2 => (RatingScale::FIVE_POINT, 4),
            _ => return exec_err!("csat: give min, max and satisfied_from together"),
        };
        Csat::new(scale, satisfied_from)
            .map_err(|e| DataFusionError::Execution(format!("csat: {e}")))?;
        Ok(CsatOptions {
            level: level_option(literals.first())?,
            method: proportion_method(literals.get(1), "csat")?,
            scale,
            satisfied_from,
        })
    }

    #[inline]
    fn bucket(options: &CsatOptions, value: i64) -> Result<usize> {
        let (min, max) = (options.scale.min(), options.scale.max());
        if value < i64::from(min) || value > i64::from(max) {
            return exec_err!("csat: rating {value} is out of range: this scale is {min}..={max}");
        }
        Ok((value - i64::from(min)) as usize)
    }

    fn lookup(options: &CsatOptions) -> Option<(i64, Vec<usize>)> {
        let points = usize::from(options.scale.points());
        Some((i64::from(options.scale.min()), (0..points).collect()))
    }

    fn output_fields() -> Fields {
        Fields::from(vec![
            f64_field("satisfied_share"),
            f64_field("lower"),
            f64_field("upper"),
            f64_field("mean"),
            f64_field("mean_lower"),
            f64_field("mean_upper"),
            u64_field("n"),
            u64_field("satisfied"),
            u64_field("missing"),
        ])
    }

    fn evaluate(options: &CsatOptions, counts: &[u64], missing: u64) -> Vec<ScalarValue> {
        let points = usize::from(options.scale.points());
        let s = Csat::from_counts(options.scale, options.satisfied_from, &counts[..points])
            .ok()
            .and_then(|c| c.summary())
            .expect("validated non-empty counts");
        let share = s.share_interval(options.level, options.method);
        let mean = s.mean_interval(options.level);
        vec![
            ScalarValue::Float64(Some(s.satisfied_share())),
            ScalarValue::Float64(Some(share.lower())),
            ScalarValue::Float64(Some(share.upper())),
            ScalarValue::Float64(Some(s.mean())),
            ScalarValue::Float64(Some(mean.lower())),
            ScalarValue::Float64(Some(mean.upper())),
            ScalarValue::UInt64(Some(s.count())),
            ScalarValue::UInt64(Some(s.satisfied())),
            ScalarValue::UInt64(Some(missing)),
        ]
    }
}

/// `proportion(flag [, level [, method]])` over a boolean column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ProportionMetric;

/// Options of a `proportion` call.
#[derive(Debug, Clone)]
pub(crate) struct ProportionOptions {
    level: ConfidenceLevel,
    method: ProportionMethod,
}

impl Metric for ProportionMetric {
    const NAME: &'static str = "proportion";
    const BUCKETS: usize = 2;
    const BUCKET_NAMES: &'static [&'static str] = &["no", "yes"];
    type Options = ProportionOptions;

    fn input_type(&self) -> DataType {
        DataType::Boolean
    }

    fn options(&self, literals: &[ScalarValue]) -> Result<ProportionOptions> {
        Ok(ProportionOptions {
            level: level_option(literals.first())?,
            method: proportion_method(literals.get(1), "proportion")?,
        })
    }

    #[inline]
    fn bucket(_: &ProportionOptions, value: i64) -> Result<usize> {
        Ok(usize::from(value != 0))
    }

    fn output_fields() -> Fields {
        Fields::from(vec![
            f64_field("share"),
            f64_field("lower"),
            f64_field("upper"),
            u64_field("n"),
            u64_field("yes"),
            u64_field("missing"),
        ])
    }

    fn evaluate(options: &ProportionOptions, counts: &[u64], missing: u64) -> Vec<ScalarValue> {
        let s = Proportion::from_counts(counts[1], counts[0])
            .and_then(|p| p.summary())
            .expect("validated non-empty counts");
        let ci = s.interval(options.level, options.method);
        vec![
            ScalarValue::Float64(Some(s.share())),
            ScalarValue::Float64(Some(ci.lower())),
            ScalarValue::Float64(Some(ci.upper())),
            ScalarValue::UInt64(Some(s.count())),
            ScalarValue::UInt64(Some(s.yes())),
            ScalarValue::UInt64(Some(missing)),
        ]
    }
}
