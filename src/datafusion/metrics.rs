//! The crate's metrics as SQL functions: for each, its inputs and options, and the library rule
//! that turns a row into its typed input. Counting, validation, state and results all come from
//! the library (see [`SqlMetric`]).

use std::time::Duration;

use datafusion::arrow::array::{Array, ArrayRef, BinaryArray};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{Result, ScalarValue};

use super::metric::{
    Cell, Configured, OptionDoc, SqlMetric, error, integer, level, number, parsed,
};
use super::state::{bucket_fields, read_buckets, write_buckets};
use crate::interval::{NpsMethod, ProportionMethod};
use crate::metrics::abandonment::{Abandonment, QueuedContact};
use crate::metrics::ces::Ces;
use crate::metrics::churn::{Churn, CustomerPeriod};
use crate::metrics::csat::Csat;
use crate::metrics::fcr::{FirstContactResolution, OneTouchRule, Ticket};
use crate::metrics::frt::{FirstResponse, FirstResponseTime};
use crate::metrics::nps::Nps;
use crate::metrics::proportion::Proportion;
use crate::scale::{CesScale, NpsScore, Rating, RatingScale};
use crate::sketch::DurationSketch;
use crate::summary::ReportOptions;

pub(super) const LEVEL: OptionDoc = OptionDoc {
    name: "level",
    description: "confidence level of every interval, strictly between 0 and 1 (default 0.95)",
};

pub(super) const SHARE_METHOD: OptionDoc = OptionDoc {
    name: "method",
    description: "interval method of the share: 'wilson' (default), 'wald', 'wilson_cc', \
                  'agresti_coull', 'clopper_pearson' or 'jeffreys'",
};

/// The proportion method option.
pub(super) fn share_method(name: &str, literals: &[ScalarValue]) -> Result<ProportionMethod> {
    Ok(parsed(name, literals.get(1))?.unwrap_or_default())
}

/// Implements the state of a bucketed metric with the shared codec.
macro_rules! bucket_state {
    ($scaled:expr) => {
        fn state_fields() -> Vec<Field> {
            bucket_fields::<Self>($scaled)
        }

        fn write_state(
            groups: &[(Option<Self>, u64)],
            configured: &Configured<Self>,
        ) -> Vec<ArrayRef> {
            write_buckets(groups, configured, $scaled)
        }

        fn read_state(
            configured: &Configured<Self>,
            columns: &[ArrayRef],
            row: usize,
        ) -> Result<Option<(Self, u64)>> {
            read_buckets(configured, columns, row, $scaled)
        }
    };
}

impl SqlMetric for Nps {
    const NAME: &'static str = "nps";
    const DESCRIPTION: &'static str = "Net Promoter Score (Reichheld 2003) of 0-10 answers: \
        100 x (promoters 9-10 - detractors 0-6) / n, with its confidence interval (default: \
        the Tango score interval, which always contains the score).";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] =
        &[("score", DataType::Int64, "an answer from 0 to 10")];
    const OPTIONS: &'static [OptionDoc] = &[
        LEVEL,
        OptionDoc {
            name: "method",
            description: "'score' (default), 'adjusted_wald' or 'wald'",
        },
    ];
    const MERGE_OPTIONS: &'static [OptionDoc] = Self::OPTIONS;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        let method: Option<NpsMethod> = parsed(Self::NAME, literals.get(1))?;
        Ok(Configured {
            prototype: Some(Nps::default()),
            options: ReportOptions::new(
                level(Self::NAME, literals.first())?,
                method.unwrap_or_default(),
            ),
        })
    }

    fn input(&self, row: &[Cell<'_>]) -> Result<NpsScore> {
        NpsScore::from_raw(row[0].int()).map_err(|e| error(Self::NAME, e))
    }

    fn extend_from_column(&mut self, values: &[i64]) -> bool {
        self.try_extend_from_slice(values).is_ok()
    }

    fn lookup(&self) -> Option<(i64, Vec<NpsScore>)> {
        let scores = (NpsScore::MIN..=NpsScore::MAX).filter_map(|v| NpsScore::new(v).ok());
        Some((i64::from(NpsScore::MIN), scores.collect()))
    }

    bucket_state!(false);
}

/// The ratings of a scale from its minimum up, for the fast path.
fn ratings(scale: RatingScale) -> Vec<Rating> {
    (scale.min()..=scale.max())
        .filter_map(|v| scale.rating(v).ok())
        .collect()
}

impl SqlMetric for Csat {
    const NAME: &'static str = "csat";
    const DESCRIPTION: &'static str = "Customer Satisfaction: the satisfied share (top-2-box by \
        default) with a binomial interval, and the mean rating with a Student t interval.";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] =
        &[("score", DataType::Int64, "a rating on the scale")];
    const OPTIONS: &'static [OptionDoc] = &[
        LEVEL,
        SHARE_METHOD,
        OptionDoc {
            name: "min",
            description: "the scale's lowest point (default 1; give min, max and \
                          satisfied_from together)",
        },
        OptionDoc {
            name: "max",
            description: "the scale's highest point (default 5)",
        },
        OptionDoc {
            name: "satisfied_from",
            description: "the lowest satisfied rating (default 4)",
        },
    ];
    const MERGE_OPTIONS: &'static [OptionDoc] = Self::OPTIONS;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        let prototype = match literals.get(2..5) {
            Some([min, max, from]) => {
                let point = |v: &ScalarValue, what: &str| {
                    u8::try_from(integer(Self::NAME, what, v)?)
                        .map_err(|_| error(Self::NAME, format!("{what} must be in 0..=255")))
                };
                let scale = RatingScale::new(point(min, "min")?, point(max, "max")?)
                    .map_err(|e| error(Self::NAME, e))?;
                Csat::new(scale, point(from, "satisfied_from")?)
                    .map_err(|e| error(Self::NAME, e))?
            }
            _ if literals.len() <= 2 => Csat::default(),
            _ => {
                return Err(error(
                    Self::NAME,
                    "give min, max and satisfied_from together",
                ));
            }
        };
        Ok(Configured {
            prototype: Some(prototype),
            options: ReportOptions::new(
                level(Self::NAME, literals.first())?,
                share_method(Self::NAME, literals)?,
            ),
        })
    }

    fn input(&self, row: &[Cell<'_>]) -> Result<Rating> {
        self.scale()
            .rating(row[0].int())
            .map_err(|e| error(Self::NAME, e))
    }

    fn extend_from_column(&mut self, values: &[i64]) -> bool {
        self.try_extend_from_slice(values).is_ok()
    }

    fn lookup(&self) -> Option<(i64, Vec<Rating>)> {
        Some((i64::from(self.scale().min()), ratings(self.scale())))
    }

    bucket_state!(true);
}

impl SqlMetric for Ces {
    const NAME: &'static str = "ces";
    const DESCRIPTION: &'static str = "Customer Effort Score: the mean rating with a Student t \
        interval, and the share of low-effort ratings with a binomial interval; the scale's \
        polarity is explicit.";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] =
        &[("score", DataType::Int64, "a rating on the CES scale")];
    const OPTIONS: &'static [OptionDoc] = &[
        LEVEL,
        SHARE_METHOD,
        OptionDoc {
            name: "scale",
            description: "'effort_5' (default: 1-5, 1 = very low effort) or 'agreement_7' \
                          (CES 2.0: 1-7, 7 = strongly agree it was easy)",
        },
    ];
    const MERGE_OPTIONS: &'static [OptionDoc] = Self::OPTIONS;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        let scale: Option<CesScale> = parsed(Self::NAME, literals.get(2))?;
        Ok(Configured {
            prototype: Some(Ces::new(scale.unwrap_or(CesScale::EFFORT_5))),
            options: ReportOptions::new(
                level(Self::NAME, literals.first())?,
                share_method(Self::NAME, literals)?,
            ),
        })
    }

    fn input(&self, row: &[Cell<'_>]) -> Result<Rating> {
        self.scale()
            .rating(row[0].int())
            .map_err(|e| error(Self::NAME, e))
    }

    fn extend_from_column(&mut self, values: &[i64]) -> bool {
        self.try_extend_from_slice(values).is_ok()
    }

    fn lookup(&self) -> Option<(i64, Vec<Rating>)> {
        let scale = self.scale().scale();
        Some((i64::from(scale.min()), ratings(scale)))
    }

    bucket_state!(true);
}

/// Options and configuration of the share metrics (proportion, churn, abandonment).
fn share_configured<
    M: SqlMetric<Summary: crate::summary::Report<Method = ProportionMethod>> + Default,
>(
    literals: &[ScalarValue],
) -> Result<Configured<M>> {
    Ok(Configured {
        prototype: Some(M::default()),
        options: ReportOptions::new(
            level(M::NAME, literals.first())?,
            share_method(M::NAME, literals)?,
        ),
    })
}

impl SqlMetric for Proportion {
    const NAME: &'static str = "proportion";
    const DESCRIPTION: &'static str = "The share of true among yes/no answers, with a binomial \
        interval (default: Wilson 1927).";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] =
        &[("flag", DataType::Boolean, "a yes/no answer")];
    const OPTIONS: &'static [OptionDoc] = &[LEVEL, SHARE_METHOD];
    const MERGE_OPTIONS: &'static [OptionDoc] = Self::OPTIONS;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        share_configured(literals)
    }

    fn input(&self, row: &[Cell<'_>]) -> Result<bool> {
        Ok(row[0].bool())
    }

    bucket_state!(false);
}

impl SqlMetric for Churn {
    const NAME: &'static str = "churn";
    const DESCRIPTION: &'static str = "Logo churn of a cohort: customers lost / customers active \
        at the start of the period (acquired customers are counted but not at risk), with a \
        binomial interval.";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] = &[
        (
            "active_at_start",
            DataType::Boolean,
            "whether the customer was active at the start of the period",
        ),
        (
            "churned",
            DataType::Boolean,
            "whether the customer was lost during it",
        ),
    ];
    const OPTIONS: &'static [OptionDoc] = &[LEVEL, SHARE_METHOD];
    const MERGE_OPTIONS: &'static [OptionDoc] = Self::OPTIONS;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        share_configured(literals)
    }

    fn input(&self, row: &[Cell<'_>]) -> Result<CustomerPeriod> {
        CustomerPeriod::new(row[0].bool(), row[1].bool()).map_err(|_| {
            error(
                Self::NAME,
                "a customer churned without being active at the start of the period \
                 (active_at_start = false, churned = true)",
            )
        })
    }

    bucket_state!(false);
}

impl SqlMetric for Abandonment {
    const NAME: &'static str = "abandonment";
    const DESCRIPTION: &'static str = "Queue abandonment: contacts that hung up before an agent \
        answered / contacts offered, with a binomial interval. Leave short abandons out with a \
        FILTER: abandonment(abandoned) FILTER (WHERE NOT (abandoned AND wait_seconds <= 5)).";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] = &[(
        "abandoned",
        DataType::Boolean,
        "whether the contact hung up in the queue",
    )];
    const OPTIONS: &'static [OptionDoc] = &[LEVEL, SHARE_METHOD];
    const MERGE_OPTIONS: &'static [OptionDoc] = Self::OPTIONS;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        share_configured(literals)
    }

    /// Waits are not read in SQL (their statistics need the wait column; filters decide what
    /// counts), so every contact is recorded with no wait.
    fn input(&self, row: &[Cell<'_>]) -> Result<QueuedContact> {
        Ok(if row[0].bool() {
            QueuedContact::abandoned(Duration::ZERO)
        } else {
            QueuedContact::answered(Duration::ZERO)
        })
    }

    bucket_state!(false);
}

impl SqlMetric for FirstContactResolution {
    const NAME: &'static str = "fcr";
    const DESCRIPTION: &'static str = "First contact resolution: resolved tickets resolved on \
        first contact (one agent reply, never reopened) / resolved tickets; unresolved tickets \
        are counted apart. Binomial interval.";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] = &[
        (
            "resolved",
            DataType::Boolean,
            "whether the ticket is resolved",
        ),
        (
            "agent_replies",
            DataType::Int64,
            "how many agent replies it took",
        ),
        (
            "reopened",
            DataType::Boolean,
            "whether it was ever reopened",
        ),
    ];
    const OPTIONS: &'static [OptionDoc] = &[
        LEVEL,
        SHARE_METHOD,
        OptionDoc {
            name: "rule",
            description: "'exactly_one_reply' (default) or 'fewer_than_two_replies' \
                          (Zendesk's one-touch, which counts tickets solved without a reply)",
        },
    ];
    const MERGE_OPTIONS: &'static [OptionDoc] = Self::OPTIONS;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        let rule: Option<OneTouchRule> = parsed(Self::NAME, literals.get(2))?;
        Ok(Configured {
            prototype: Some(FirstContactResolution::new(rule.unwrap_or_default())),
            options: ReportOptions::new(
                level(Self::NAME, literals.first())?,
                share_method(Self::NAME, literals)?,
            ),
        })
    }

    fn input(&self, row: &[Cell<'_>]) -> Result<Ticket> {
        Ticket::from_columns(row[0].bool(), row[1].int(), row[2].bool())
            .map_err(|e| error(Self::NAME, e))
    }

    bucket_state!(false);
}

/// The longest response time the sketch records exactly: `u64::MAX` nanoseconds.
const MAX_SECONDS: f64 = 18_446_744_073.709_553;

impl SqlMetric for FirstResponseTime {
    const NAME: &'static str = "frt";
    const DESCRIPTION: &'static str = "First response time: median with its order-statistic \
        interval, p90, p95, mean and max (seconds, within the sketch's relative accuracy), and \
        SLA attainment against an optional target. A NULL reply time is an unanswered ticket.";
    const INPUTS: &'static [(&'static str, DataType, &'static str)] = &[(
        "seconds",
        DataType::Float64,
        "seconds from the ticket's creation to the first human reply; NULL when unanswered",
    )];
    const OPTIONS: &'static [OptionDoc] = &[
        OptionDoc {
            name: "target_seconds",
            description: "the SLA target in seconds (default: none)",
        },
        LEVEL,
        OptionDoc {
            name: "accuracy",
            description: "the sketch's relative accuracy, 0.0001 to 0.5 (default 0.01)",
        },
    ];
    const MERGE_OPTIONS: &'static [OptionDoc] = &[LEVEL];
    const COUNTS_MISSING: bool = false;

    fn configure(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        let target = match literals.first() {
            None => None,
            Some(value) => match number(Self::NAME, "target_seconds", value)? {
                None => None,
                Some(seconds) => Some(Duration::try_from_secs_f64(seconds).map_err(|_| {
                    error(
                        Self::NAME,
                        format!(
                            "target_seconds {seconds} is out of range: a target is a finite \
                             number of seconds >= 0"
                        ),
                    )
                })?),
            },
        };
        let accuracy = match literals.get(2) {
            None => None,
            Some(value) => number(Self::NAME, "accuracy", value)?,
        };
        let prototype =
            FirstResponseTime::new(target, accuracy.unwrap_or(DurationSketch::DEFAULT_ACCURACY))
                .map_err(|e| error(Self::NAME, e))?;
        Ok(Configured {
            prototype: Some(prototype),
            options: ReportOptions::new(level(Self::NAME, literals.get(1))?, ()),
        })
    }

    /// The target and accuracy of a merge travel in the states.
    fn configure_merge(literals: &[ScalarValue]) -> Result<Configured<Self>> {
        Ok(Configured {
            prototype: None,
            options: ReportOptions::new(level(Self::NAME, literals.first())?, ()),
        })
    }

    /// The sketch records up to `u64::MAX` nanoseconds (584 years) and would clamp a longer
    /// wait; in SQL such a value is bad data, so it is an error rather than clamped.
    fn input(&self, row: &[Cell<'_>]) -> Result<FirstResponse> {
        let seconds = match row[0] {
            Cell::Float(x) => x,
            Cell::Int(x) => x as f64,
            Cell::Text(text) => {
                return Err(error(
                    Self::NAME,
                    format!("takes a number of seconds, got the text {text:?}"),
                ));
            }
        };
        match FirstResponse::from_secs_f64(seconds) {
            Ok(response @ FirstResponse::Answered(wait))
                if u64::try_from(wait.as_nanos()).is_ok() =>
            {
                Ok(response)
            }
            _ => Err(error(
                Self::NAME,
                format!(
                    "{seconds} seconds is out of range: a response time is a finite number of \
                     seconds in 0..={MAX_SECONDS}"
                ),
            )),
        }
    }

    fn null_input(&self) -> Option<FirstResponse> {
        Some(FirstResponse::Unanswered)
    }

    fn state_fields() -> Vec<Field> {
        vec![Field::new("frt", DataType::Binary, true)]
    }

    fn write_state(groups: &[(Option<Self>, u64)], _: &Configured<Self>) -> Vec<ArrayRef> {
        let bytes: Vec<Option<Vec<u8>>> = groups
            .iter()
            .map(|(group, _)| group.as_ref().map(FirstResponseTime::to_bytes))
            .collect();
        vec![std::sync::Arc::new(BinaryArray::from_iter(bytes))]
    }

    fn read_state(
        _: &Configured<Self>,
        columns: &[ArrayRef],
        row: usize,
    ) -> Result<Option<(Self, u64)>> {
        let Some(bytes) = columns
            .first()
            .and_then(|c| c.as_any().downcast_ref::<BinaryArray>())
        else {
            return Err(error(
                Self::NAME,
                "partial state is not binary (foreign or corrupted state)",
            ));
        };
        if bytes.is_null(row) {
            return Ok(None);
        }
        let state = FirstResponseTime::from_bytes(bytes.value(row))
            .map_err(|e| error(Self::NAME, format!("partial state: {e}")))?;
        Ok(Some((state, 0)))
    }
}
