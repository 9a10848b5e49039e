//! The metrics as DataFusion sees them: buckets, options and the fields of each result struct.

use datafusion::arrow::datatypes::{DataType, Field, Fields};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};

use super::bounded::{Metric, level_option};
use crate::aggregator::Aggregator;
use crate::interval::{ConfidenceLevel, NpsMethod, ProportionMethod};
use crate::metrics::ces::Ces;
use crate::metrics::churn::Churn;
use crate::metrics::csat::Csat;
use crate::metrics::fcr::{FirstContactResolution, OneTouchRule};
use crate::metrics::nps::Nps;
use crate::metrics::proportion::Proportion;
use crate::scale::{CesScale, RatingScale};

/// A nullable `Float64` field of a result struct.
pub(crate) fn f64_field(name: &str) -> Field {
    Field::new(name, DataType::Float64, true)
}

/// A nullable `UInt64` field of a result struct.
pub(crate) fn u64_field(name: &str) -> Field {
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
    const INPUTS: &'static [DataType] = &[DataType::Int64];
    const BUCKETS: usize = 3;
    const BUCKET_NAMES: &'static [&'static str] = &["detractors", "passives", "promoters"];
    const OPTIONS: &'static [&'static str] = &["level", "method"];
    type Options = NpsOptions;

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
    fn bucket(_: &NpsOptions, values: &[i64]) -> Result<usize> {
        let value = values[0];
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

    fn evaluate(options: &NpsOptions, counts: &[u64], missing: u64) -> Option<Vec<ScalarValue>> {
        let s = Nps::from_counts(counts[0], counts[1], counts[2])?.summary()?;
        let ci = s.interval(options.level, options.method);
        Some(vec![
            ScalarValue::Float64(Some(s.score())),
            ScalarValue::Float64(Some(ci.lower())),
            ScalarValue::Float64(Some(ci.upper())),
            ScalarValue::UInt64(Some(s.count())),
            ScalarValue::UInt64(Some(s.promoters())),
            ScalarValue::UInt64(Some(s.passives())),
            ScalarValue::UInt64(Some(s.detractors())),
            ScalarValue::UInt64(Some(missing)),
        ])
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
    const SCALED: bool = true;
    const INPUTS: &'static [DataType] = &[DataType::Int64];
    const BUCKETS: usize = 11;
    const BUCKET_NAMES: &'static [&'static str] = &[
        "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10",
    ];
    const OPTIONS: &'static [&'static str] = &["level", "method", "min", "max", "satisfied_from"];
    type Options = CsatOptions;

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
    fn bucket(options: &CsatOptions, values: &[i64]) -> Result<usize> {
        let value = values[0];
        let (min, max) = (options.scale.min(), options.scale.max());
        if value < i64::from(min) || value > i64::from(max) {
            return exec_err!("csat: rating {value} is out of range: this scale is {min}..={max}");
        }
        Ok((value - i64::from(min)) as usize)
    }

    fn scale(options: &CsatOptions) -> Option<(u8, u8)> {
        Some((options.scale.min(), options.scale.max()))
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

    fn evaluate(options: &CsatOptions, counts: &[u64], missing: u64) -> Option<Vec<ScalarValue>> {
        let points = usize::from(options.scale.points());
        let s = Csat::from_counts(options.scale, options.satisfied_from, counts.get(..points)?)
            .ok()?
            .summary()?;
        let share = s.share_interval(options.level, options.method);
        let mean = s.mean_interval(options.level);
        Some(vec![
            ScalarValue::Float64(Some(s.satisfied_share())),
            ScalarValue::Float64(Some(share.lower())),
            ScalarValue::Float64(Some(share.upper())),
            ScalarValue::Float64(Some(s.mean())),
            ScalarValue::Float64(Some(mean.lower())),
            ScalarValue::Float64(Some(mean.upper())),
            ScalarValue::UInt64(Some(s.count())),
            ScalarValue::UInt64(Some(s.satisfied())),
            ScalarValue::UInt64(Some(missing)),
        ])
    }
}

/// `proportion(flag [, level [, method]])` over a boolean column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ProportionMetric;

/// Options of a call that takes a level and a proportion method (`proportion`, `churn`,
/// `abandonment`).
#[derive(Debug, Clone)]
pub(crate) struct ProportionOptions {
    level: ConfidenceLevel,
    method: ProportionMethod,
}

impl ProportionOptions {
    fn read(literals: &[ScalarValue], name: &str) -> Result<Self> {
        Ok(Self {
            level: level_option(literals.first())?,
            method: proportion_method(literals.get(1), name)?,
        })
    }
}

impl Metric for ProportionMetric {
    const NAME: &'static str = "proportion";
    const INPUTS: &'static [DataType] = &[DataType::Boolean];
    const BUCKETS: usize = 2;
    const BUCKET_NAMES: &'static [&'static str] = &["no", "yes"];
    const OPTIONS: &'static [&'static str] = &["level", "method"];
    type Options = ProportionOptions;

    fn options(&self, literals: &[ScalarValue]) -> Result<ProportionOptions> {
        ProportionOptions::read(literals, Self::NAME)
    }

    #[inline]
    fn bucket(_: &ProportionOptions, values: &[i64]) -> Result<usize> {
        Ok(usize::from(values[0] != 0))
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

    fn evaluate(
        options: &ProportionOptions,
        counts: &[u64],
        missing: u64,
    ) -> Option<Vec<ScalarValue>> {
        let s = Proportion::from_counts(counts[1], counts[0])?.summary()?;
        let ci = s.interval(options.level, options.method);
        Some(vec![
            ScalarValue::Float64(Some(s.share())),
            ScalarValue::Float64(Some(ci.lower())),
            ScalarValue::Float64(Some(ci.upper())),
            ScalarValue::UInt64(Some(s.count())),
            ScalarValue::UInt64(Some(s.yes())),
            ScalarValue::UInt64(Some(missing)),
        ])
    }
}

/// `ces(score [, level [, method [, scale]]])`: scale `'effort_5'` (default: 1-5, 1 = very low
/// effort, low effort is 1-2) or `'agreement_7'` (CES 2.0: 1-7, low effort is 5-7); 95%, Wilson
/// for the low-effort share, Student t for the mean.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CesMetric;

/// Options of a `ces` call.
#[derive(Debug, Clone)]
pub(crate) struct CesOptions {
    level: ConfidenceLevel,
    method: ProportionMethod,
    scale: CesScale,
}

impl Metric for CesMetric {
    const NAME: &'static str = "ces";
    const SCALED: bool = true;
    const INPUTS: &'static [DataType] = &[DataType::Int64];
    const BUCKETS: usize = 7;
    const BUCKET_NAMES: &'static [&'static str] = &["p0", "p1", "p2", "p3", "p4", "p5", "p6"];
    const OPTIONS: &'static [&'static str] = &["level", "method", "scale"];
    type Options = CesOptions;

    fn options(&self, literals: &[ScalarValue]) -> Result<CesOptions> {
        let scale = match text(literals.get(2))?.as_deref() {
            None | Some("effort_5") => CesScale::EFFORT_5,
            Some("agreement_7") => CesScale::AGREEMENT_7,
            Some(other) => {
                return exec_err!("ces: unknown scale '{other}': use 'effort_5' or 'agreement_7'");
            }
        };
        Ok(CesOptions {
            level: level_option(literals.first())?,
            method: proportion_method(literals.get(1), "ces")?,
            scale,
        })
    }

    #[inline]
    fn bucket(options: &CesOptions, values: &[i64]) -> Result<usize> {
        let value = values[0];
        let scale = options.scale.scale();
        let (min, max) = (scale.min(), scale.max());
        if value < i64::from(min) || value > i64::from(max) {
            return exec_err!("ces: rating {value} is out of range: this scale is {min}..={max}");
        }
        Ok((value - i64::from(min)) as usize)
    }

    fn scale(options: &CesOptions) -> Option<(u8, u8)> {
        let scale = options.scale.scale();
        Some((scale.min(), scale.max()))
    }

    fn lookup(options: &CesOptions) -> Option<(i64, Vec<usize>)> {
        let scale = options.scale.scale();
        Some((
            i64::from(scale.min()),
            (0..usize::from(scale.points())).collect(),
        ))
    }

    fn output_fields() -> Fields {
        Fields::from(vec![
            f64_field("mean"),
            f64_field("mean_lower"),
            f64_field("mean_upper"),
            f64_field("low_effort_share"),
            f64_field("lower"),
            f64_field("upper"),
            u64_field("n"),
            u64_field("low_effort"),
            u64_field("missing"),
        ])
    }

    fn evaluate(options: &CesOptions, counts: &[u64], missing: u64) -> Option<Vec<ScalarValue>> {
        let points = usize::from(options.scale.scale().points());
        let s = Ces::from_counts(options.scale, counts.get(..points)?)
            .ok()?
            .summary()?;
        let mean = s.mean_interval(options.level);
        let share = s.low_effort_interval(options.level, options.method);
        Some(vec![
            ScalarValue::Float64(Some(s.mean())),
            ScalarValue::Float64(Some(mean.lower())),
            ScalarValue::Float64(Some(mean.upper())),
            ScalarValue::Float64(Some(s.low_effort_share())),
            ScalarValue::Float64(Some(share.lower())),
            ScalarValue::Float64(Some(share.upper())),
            ScalarValue::UInt64(Some(s.count())),
            ScalarValue::UInt64(Some(s.low_effort())),
            ScalarValue::UInt64(Some(missing)),
        ])
    }
}

/// `churn(active_at_start, churned [, level [, method]])` over one row per customer and period:
/// the share of customers active at the start who churned. A customer not active at the start
/// who did not churn was acquired; one who churned without being active is a query error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ChurnMetric;

impl Metric for ChurnMetric {
    const NAME: &'static str = "churn";
    const INPUTS: &'static [DataType] = &[DataType::Boolean, DataType::Boolean];
    const BUCKETS: usize = 3;
    const BUCKET_NAMES: &'static [&'static str] = &["retained", "churned", "acquired"];
    const OPTIONS: &'static [&'static str] = &["level", "method"];
    type Options = ProportionOptions;

    fn options(&self, literals: &[ScalarValue]) -> Result<ProportionOptions> {
        ProportionOptions::read(literals, Self::NAME)
    }

    #[inline]
    fn bucket(_: &ProportionOptions, values: &[i64]) -> Result<usize> {
        match (values[0] != 0, values[1] != 0) {
            (true, false) => Ok(0),
            (true, true) => Ok(1),
            (false, false) => Ok(2),
            (false, true) => exec_err!(
                "churn: a customer churned without being active at the start of the period \
                 (active_at_start = false, churned = true)"
            ),
        }
    }

    fn output_fields() -> Fields {
        Fields::from(vec![
            f64_field("rate"),
            f64_field("lower"),
            f64_field("upper"),
            f64_field("retention"),
            u64_field("customers_at_start"),
            u64_field("churned"),
            u64_field("acquired"),
            u64_field("customers_at_end"),
            u64_field("missing"),
        ])
    }

    fn evaluate(
        options: &ProportionOptions,
        counts: &[u64],
        missing: u64,
    ) -> Option<Vec<ScalarValue>> {
        let at_start = counts[0].checked_add(counts[1])?;
        let s = Churn::from_counts(at_start, counts[1], counts[2])
            .ok()?
            .summary()?;
        let ci = s.interval(options.level, options.method);
        Some(vec![
            ScalarValue::Float64(Some(s.rate())),
            ScalarValue::Float64(Some(ci.lower())),
            ScalarValue::Float64(Some(ci.upper())),
            ScalarValue::Float64(Some(s.retention())),
            ScalarValue::UInt64(Some(s.customers_at_start())),
            ScalarValue::UInt64(Some(s.churned())),
            ScalarValue::UInt64(Some(s.acquired())),
            ScalarValue::UInt64(Some(s.customers_at_end())),
            ScalarValue::UInt64(Some(missing)),
        ])
    }
}

/// `abandonment(abandoned [, level [, method]])` over one row per queued contact: the share of
/// offered contacts that abandoned. Short abandons are excluded with a filter, e.g.
/// `abandonment(abandoned) FILTER (WHERE NOT (abandoned AND wait_seconds <= 5))`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct AbandonmentMetric;

impl Metric for AbandonmentMetric {
    const NAME: &'static str = "abandonment";
    const INPUTS: &'static [DataType] = &[DataType::Boolean];
    const BUCKETS: usize = 2;
    const BUCKET_NAMES: &'static [&'static str] = &["answered", "abandoned"];
    const OPTIONS: &'static [&'static str] = &["level", "method"];
    type Options = ProportionOptions;

    fn options(&self, literals: &[ScalarValue]) -> Result<ProportionOptions> {
        ProportionOptions::read(literals, Self::NAME)
    }

    #[inline]
    fn bucket(_: &ProportionOptions, values: &[i64]) -> Result<usize> {
        Ok(usize::from(values[0] != 0))
    }

    fn output_fields() -> Fields {
        Fields::from(vec![
            f64_field("rate"),
            f64_field("lower"),
            f64_field("upper"),
            u64_field("offered"),
            u64_field("abandoned"),
            u64_field("answered"),
            u64_field("missing"),
        ])
    }

    fn evaluate(
        options: &ProportionOptions,
        counts: &[u64],
        missing: u64,
    ) -> Option<Vec<ScalarValue>> {
        let s = Proportion::from_counts(counts[1], counts[0])?.summary()?;
        let ci = s.interval(options.level, options.method);
        Some(vec![
            ScalarValue::Float64(Some(s.share())),
            ScalarValue::Float64(Some(ci.lower())),
            ScalarValue::Float64(Some(ci.upper())),
            ScalarValue::UInt64(Some(s.count())),
            ScalarValue::UInt64(Some(counts[1])),
            ScalarValue::UInt64(Some(counts[0])),
            ScalarValue::UInt64(Some(missing)),
        ])
    }
}

/// `fcr(resolved, agent_replies, reopened [, level [, method [, rule]]])` over one row per
/// ticket: the share of resolved tickets resolved on first contact. Rule
/// `'exactly_one_reply'` (default) or `'fewer_than_two_replies'` (counts zero-reply
/// resolutions too, as Zendesk does); reopened tickets never count as first-contact.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FcrMetric;

/// Options of an `fcr` call.
#[derive(Debug, Clone)]
pub(crate) struct FcrOptions {
    level: ConfidenceLevel,
    method: ProportionMethod,
    rule: OneTouchRule,
}

impl Metric for FcrMetric {
    const NAME: &'static str = "fcr";
    const INPUTS: &'static [DataType] = &[DataType::Boolean, DataType::Int64, DataType::Boolean];
    const BUCKETS: usize = 4;
    const BUCKET_NAMES: &'static [&'static str] = &["no_reply", "one_reply", "other", "unresolved"];
    const OPTIONS: &'static [&'static str] = &["level", "method", "rule"];
    type Options = FcrOptions;

    fn options(&self, literals: &[ScalarValue]) -> Result<FcrOptions> {
        let rule = match text(literals.get(2))?.as_deref() {
            None | Some("exactly_one_reply") => OneTouchRule::ExactlyOneReply,
            Some("fewer_than_two_replies") => OneTouchRule::FewerThanTwoReplies,
            Some(other) => {
                return exec_err!(
                    "fcr: unknown rule '{other}': use 'exactly_one_reply' or \
                     'fewer_than_two_replies'"
                );
            }
        };
        Ok(FcrOptions {
            level: level_option(literals.first())?,
            method: proportion_method(literals.get(1), "fcr")?,
            rule,
        })
    }

    #[inline]
    fn bucket(_: &FcrOptions, values: &[i64]) -> Result<usize> {
        let (resolved, replies, reopened) = (values[0] != 0, values[1], values[2] != 0);
        if replies < 0 || replies > i64::from(u32::MAX) {
            return exec_err!(
                "fcr: agent_replies {replies} is out of range: a reply count is 0..={}",
                u32::MAX
            );
        }
        Ok(match (resolved, reopened, replies) {
            (false, _, _) => 3,
            (true, true, _) => 2,
            (true, false, 0) => 0,
            (true, false, 1) => 1,
            (true, false, _) => 2,
        })
    }

    fn output_fields() -> Fields {
        Fields::from(vec![
            f64_field("rate"),
            f64_field("lower"),
            f64_field("upper"),
            u64_field("resolved"),
            u64_field("first_contact_resolved"),
            u64_field("unresolved"),
            u64_field("missing"),
        ])
    }

    fn evaluate(options: &FcrOptions, counts: &[u64], missing: u64) -> Option<Vec<ScalarValue>> {
        let s = FirstContactResolution::from_counts(
            options.rule,
            counts[0],
            counts[1],
            counts[2],
            counts[3],
        )
        .ok()?
        .summary()?;
        let ci = s.interval(options.level, options.method);
        Some(vec![
            ScalarValue::Float64(Some(s.rate())),
            ScalarValue::Float64(Some(ci.lower())),
            ScalarValue::Float64(Some(ci.upper())),
            ScalarValue::UInt64(Some(s.resolved())),
            ScalarValue::UInt64(Some(s.first_contact_resolved())),
            ScalarValue::UInt64(Some(s.unresolved())),
            ScalarValue::UInt64(Some(missing)),
        ])
    }
}
