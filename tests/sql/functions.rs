//! The DataFusion functions: equal to the crate's own aggregators at every partitioning, SQL
//! NULL semantics, errors for bad input and corrupted state, exact rollups.
#![cfg(feature = "datafusion")]

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Int64Array, RecordBatch, StringArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Schema, UInt64Type};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use satisfaction::{Aggregator, ConfidenceLevel, Csat, Nps, NpsMethod};

/// Rows: (channel, score or NULL, resolved or NULL); deterministic.
fn rows() -> (Vec<String>, Vec<Option<i64>>, Vec<Option<bool>>) {
    let channels = ["chat", "email", "phone"];
    let mut c = Vec::new();
    let mut s = Vec::new();
    let mut r = Vec::new();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for i in 0..5000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        c.push(channels[(seed % 3) as usize].to_owned());
        s.push(if i % 97 == 0 {
            None
        } else {
            Some((seed >> 8) as i64 % 11)
        });
        r.push(if i % 89 == 0 {
            None
        } else {
            Some(seed >> 20 & 1 == 1)
        });
    }
    (c, s, r)
}

fn context(partitions: usize) -> SessionContext {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    satisfaction::datafusion::register(&ctx).unwrap();
    let (c, s, r) = rows();
    let schema = Arc::new(Schema::new(vec![
        Field::new("channel", DataType::Utf8, false),
        Field::new("score", DataType::Int64, true),
        Field::new("resolved", DataType::Boolean, true),
    ]));
    // Several batches in several partitions so that partial states really get merged.
    let batches: Vec<Vec<RecordBatch>> = (0..4)
        .map(|p| {
            let range = p * 1250..(p + 1) * 1250;
            let columns: Vec<ArrayRef> = vec![
                Arc::new(StringArray::from(c[range.clone()].to_vec())),
                Arc::new(Int64Array::from(s[range.clone()].to_vec())),
                Arc::new(BooleanArray::from(r[range].to_vec())),
            ];
            vec![RecordBatch::try_new(schema.clone(), columns).unwrap()]
        })
        .collect();
    ctx.register_table(
        "responses",
        Arc::new(MemTable::try_new(schema, batches).unwrap()),
    )
    .unwrap();
    ctx
}

async fn query(ctx: &SessionContext, sql: &str) -> datafusion::error::Result<Vec<RecordBatch>> {
    ctx.sql(sql).await?.collect().await
}

fn f64_col(batch: &RecordBatch, i: usize) -> Vec<f64> {
    batch
        .column(i)
        .as_primitive::<Float64Type>()
        .values()
        .to_vec()
}

#[tokio::test]
async fn grouped_nps_equals_the_crate_at_every_partitioning() {
    let (c, s, _) = rows();
    let mut expected = std::collections::BTreeMap::<String, Nps>::new();
    let mut missing = std::collections::BTreeMap::<String, u64>::new();
    for (channel, score) in c.iter().zip(&s) {
        match score {
            Some(v) => expected
                .entry(channel.clone())
                .or_default()
                .try_push(*v as u8)
                .unwrap(),
            None => *missing.entry(channel.clone()).or_default() += 1,
        }
    }
    let sql = "SELECT channel, nps(score)['score'], nps(score)['lower'], nps(score)['upper'], \
               nps(score)['n'], nps(score)['missing'], nps(score, 0.9, 'wald')['lower'] \
               FROM responses GROUP BY channel ORDER BY channel";
    let mut previous: Option<Vec<RecordBatch>> = None;
    for partitions in [1, 4, 16] {
        let batches = query(&context(partitions), sql).await.unwrap();
        let batch =
            datafusion::arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap();
        assert_eq!(batch.num_rows(), 3);
        let channels = batch.column(0).as_string::<i32>();
        for row in 0..3 {
            let channel = channels.value(row).to_owned();
            let summary = expected[&channel].summary().unwrap();
            let ci = summary.interval(ConfidenceLevel::P95, NpsMethod::default());
            assert_eq!(f64_col(&batch, 1)[row], summary.score());
            assert_eq!(f64_col(&batch, 2)[row], ci.lower());
            assert_eq!(f64_col(&batch, 3)[row], ci.upper());
            assert_eq!(
                batch.column(4).as_primitive::<UInt64Type>().value(row),
                summary.count()
            );
            assert_eq!(
                batch.column(5).as_primitive::<UInt64Type>().value(row),
                missing[&channel]
            );
            let wald = summary.interval(ConfidenceLevel::new(0.9).unwrap(), NpsMethod::Wald);
            assert_eq!(f64_col(&batch, 6)[row], wald.lower());
        }
        if let Some(previous) = &previous {
            assert_eq!(previous, &batches, "results differ between partitionings");
        }
        previous = Some(batches);
    }
}

#[tokio::test]
async fn ungrouped_csat_and_proportion_equal_the_crate() {
    let (_, s, r) = rows();
    let mut csat = Csat::default();
    for v in s.iter().flatten().filter(|&&v| (1..=5).contains(&v)) {
        csat.try_push(*v as u8).unwrap();
    }
    let yes = r.iter().flatten().filter(|&&b| b).count() as u64;
    let n = r.iter().flatten().count() as u64;
    for partitions in [1, 4, 16] {
        let ctx = context(partitions);
        let batches = query(
            &ctx,
            "SELECT csat(score)['satisfied_share'], csat(score)['mean'], csat(score)['n'] \
             FROM responses WHERE score BETWEEN 1 AND 5",
        )
        .await
        .unwrap();
        let s = csat.summary().unwrap();
        assert_eq!(f64_col(&batches[0], 0)[0], s.satisfied_share());
        assert!((f64_col(&batches[0], 1)[0] - s.mean()).abs() < 1e-12);
        let batches = query(
            &ctx,
            "SELECT proportion(resolved)['share'], proportion(resolved)['n'] FROM responses",
        )
        .await
        .unwrap();
        assert_eq!(f64_col(&batches[0], 0)[0], yes as f64 / n as f64);
        assert_eq!(
            batches[0].column(1).as_primitive::<UInt64Type>().value(0),
            n
        );
    }
}

#[tokio::test]
async fn sql_semantics_and_errors() {
    let ctx = context(4);
    // An empty group yields NULL.
    let batches = query(
        &ctx,
        "SELECT nps(score) FROM responses WHERE channel = 'fax'",
    )
    .await
    .unwrap();
    assert!(batches[0].column(0).is_null(0));
    // Out of range is an error naming the value and the range.
    let err = query(&ctx, "SELECT nps(score + 5) FROM responses")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("0..=10"), "{err}");
    let err = query(&ctx, "SELECT csat(score) FROM responses")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("1..=5"), "{err}");
    // Bad options.
    assert!(
        query(&ctx, "SELECT nps(score, 1.5) FROM responses")
            .await
            .is_err()
    );
    assert!(
        query(&ctx, "SELECT nps(score, 0.9, 'bogus') FROM responses")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn daily_rollups_merge_exactly_and_corrupted_state_is_refused() {
    let ctx = context(4);
    ctx.sql(
        "CREATE TABLE daily AS SELECT channel, nps_state(score) AS state \
         FROM responses GROUP BY channel",
    )
    .await
    .unwrap()
    .collect()
    .await
    .unwrap();
    let from_rollups = query(
        &ctx,
        "SELECT nps_merge(state)['score'], nps_merge(state)['n'] FROM daily",
    )
    .await
    .unwrap();
    let direct = query(
        &ctx,
        "SELECT nps(score)['score'], nps(score)['n'] FROM responses",
    )
    .await
    .unwrap();
    // Same values (the column names differ).
    assert_eq!(from_rollups[0].columns(), direct[0].columns());
    let err = query(
        &ctx,
        "SELECT nps_merge(named_struct('version', arrow_cast(1, 'UInt32'), \
         'detractors', arrow_cast(1, 'UInt64'), 'passives', arrow_cast(0, 'UInt64'), \
         'promoters', arrow_cast(0, 'UInt64'), 'missing', arrow_cast(0, 'UInt64')))",
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("version 1"), "{err}");

    // Counts that overflow 64 bits once merged (MAX_COUNT, then u64::MAX) are refused, ungrouped
    // and grouped, instead of wrapping into a wrong answer.
    let state = |promoters: &str| {
        format!(
            "named_struct('version', arrow_cast({version}, 'UInt32'), \
             'detractors', arrow_cast(0, 'UInt64'), 'passives', arrow_cast(0, 'UInt64'), \
             'promoters', arrow_cast({promoters}, 'UInt64'), 'missing', arrow_cast(0, 'UInt64'))",
            version = satisfaction::state::STATE_VERSION
        )
    };
    // One VALUES batch, so the valid row is merged before the overflowing one.
    let huge = format!(
        "(VALUES (1, {}), (1, {})) AS t(k, state)",
        state("9223372036854775807"),
        state("18446744073709551615")
    );
    for sql in [
        format!("SELECT nps_merge(state) FROM {huge}"),
        format!("SELECT k, nps_merge(state) FROM {huge} GROUP BY k"),
    ] {
        let err = query(&ctx, &sql).await.unwrap_err();
        assert!(
            err.to_string().contains("limit of 9223372036854775807"),
            "{sql}: {err}"
        );
    }
}

#[tokio::test]
async fn aggregate_filter_skips_rows_before_validation() {
    let ctx = context(4);
    // score + 5 is out of range for most rows, but FILTER keeps only the valid ones.
    let filtered = query(
        &ctx,
        "SELECT channel, nps(score + 5) FILTER (WHERE score + 5 <= 10)['n'] AS n \
         FROM responses GROUP BY channel ORDER BY channel",
    )
    .await
    .unwrap();
    let direct = query(
        &ctx,
        "SELECT channel, count(score) AS n FROM responses WHERE score + 5 <= 10 \
         GROUP BY channel ORDER BY channel",
    )
    .await
    .unwrap();
    let n = |b: &RecordBatch| -> Vec<u64> {
        match b.column(1).data_type() {
            DataType::UInt64 => b.column(1).as_primitive::<UInt64Type>().values().to_vec(),
            _ => b
                .column(1)
                .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
                .values()
                .iter()
                .map(|&v| v as u64)
                .collect(),
        }
    };
    assert_eq!(n(&filtered[0]), n(&direct[0]));
}

/// Batches without NULLs take the vectorised fast path; it must agree with the checked path
/// and still reject out-of-range values.
#[tokio::test]
async fn fast_path_without_nulls() {
    let ctx = context(4);
    let with_fast = query(
        &ctx,
        "SELECT channel, nps(coalesce(score, 10))['score'], csat(coalesce(score, 3) % 5 + 1)['mean'] \
         FROM responses GROUP BY channel ORDER BY channel",
    )
    .await
    .unwrap();
    let (c, s, _) = rows();
    let mut by = std::collections::BTreeMap::<String, (Nps, Csat)>::new();
    for (channel, score) in c.iter().zip(&s) {
        let e = by.entry(channel.clone()).or_default();
        e.0.try_push(score.unwrap_or(10) as u8).unwrap();
        e.1.try_push((score.unwrap_or(3) % 5 + 1) as u8).unwrap();
    }
    for (row, (_, (nps, csat))) in by.iter().enumerate() {
        assert_eq!(
            f64_col(&with_fast[0], 1)[row],
            nps.summary().unwrap().score()
        );
        assert!((f64_col(&with_fast[0], 2)[row] - csat.summary().unwrap().mean()).abs() < 1e-12);
    }
    // Ungrouped, a NULL-free column goes to the batch kernel whole.
    let whole = query(
        &ctx,
        "SELECT nps(coalesce(score, 10))['score'], csat(coalesce(score, 3) % 5 + 1)['mean'] \
         FROM responses",
    )
    .await
    .unwrap();
    let (nps, csat) = by.values().fold(
        (Nps::default(), Csat::default()),
        |(mut nps, mut csat), (n, c)| {
            nps.merge(n).unwrap();
            csat.merge(c).unwrap();
            (nps, csat)
        },
    );
    assert_eq!(f64_col(&whole[0], 0)[0], nps.summary().unwrap().score());
    assert!((f64_col(&whole[0], 1)[0] - csat.summary().unwrap().mean()).abs() < 1e-12);
    let err = query(&ctx, "SELECT nps(coalesce(score, 10) + 1) FROM responses")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("0..=10"), "{err}");
}

/// One ticket/customer row per index: (channel, resolved, agent_replies or NULL, reopened,
/// active_at_start, churned, abandoned or NULL, CES effort 1-5 or NULL); deterministic.
#[allow(clippy::type_complexity)]
fn operations_rows() -> Vec<(
    &'static str,
    bool,
    Option<i64>,
    bool,
    bool,
    bool,
    Option<bool>,
    Option<i64>,
)> {
    let mut seed = 0x853c_49e6_748f_ea9b_u64;
    (0..6000)
        .map(|i| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let active = seed >> 40 & 7 != 0;
            (
                ["chat", "email", "phone"][(seed % 3) as usize],
                seed >> 8 & 3 != 0,
                (i % 71 != 0).then_some((seed >> 12) as i64 % 4),
                seed >> 16 & 15 == 0,
                active,
                active && seed >> 20 & 7 == 0,
                (i % 61 != 0).then_some(seed >> 24 & 7 == 0),
                (i % 83 != 0).then_some((seed >> 28) as i64 % 5 + 1),
            )
        })
        .collect()
}

fn operations_context(partitions: usize) -> SessionContext {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    satisfaction::datafusion::register(&ctx).unwrap();
    let rows = operations_rows();
    let schema = Arc::new(Schema::new(vec![
        Field::new("channel", DataType::Utf8, false),
        Field::new("resolved", DataType::Boolean, false),
        Field::new("agent_replies", DataType::Int64, true),
        Field::new("reopened", DataType::Boolean, false),
        Field::new("active_at_start", DataType::Boolean, false),
        Field::new("churned", DataType::Boolean, false),
        Field::new("abandoned", DataType::Boolean, true),
        Field::new("effort", DataType::Int64, true),
    ]));
    let batches: Vec<Vec<RecordBatch>> = rows
        .chunks(1000)
        .map(|chunk| {
            let columns: Vec<ArrayRef> = vec![
                Arc::new(StringArray::from_iter_values(chunk.iter().map(|r| r.0))),
                Arc::new(BooleanArray::from_iter(chunk.iter().map(|r| Some(r.1)))),
                Arc::new(Int64Array::from_iter(chunk.iter().map(|r| r.2))),
                Arc::new(BooleanArray::from_iter(chunk.iter().map(|r| Some(r.3)))),
                Arc::new(BooleanArray::from_iter(chunk.iter().map(|r| Some(r.4)))),
                Arc::new(BooleanArray::from_iter(chunk.iter().map(|r| Some(r.5)))),
                Arc::new(BooleanArray::from_iter(chunk.iter().map(|r| r.6))),
                Arc::new(Int64Array::from_iter(chunk.iter().map(|r| r.7))),
            ];
            vec![RecordBatch::try_new(schema.clone(), columns).unwrap()]
        })
        .collect();
    ctx.register_table(
        "tickets",
        Arc::new(MemTable::try_new(schema, batches).unwrap()),
    )
    .unwrap();
    ctx
}

fn struct_f64(batch: &RecordBatch, column: usize, field: &str, row: usize) -> f64 {
    batch
        .column(column)
        .as_struct()
        .column_by_name(field)
        .unwrap()
        .as_primitive::<Float64Type>()
        .value(row)
}

fn struct_u64(batch: &RecordBatch, column: usize, field: &str, row: usize) -> u64 {
    batch
        .column(column)
        .as_struct()
        .column_by_name(field)
        .unwrap()
        .as_primitive::<UInt64Type>()
        .value(row)
}

#[tokio::test]
async fn ces_churn_abandonment_and_fcr_equal_the_crate_at_every_partitioning() {
    use satisfaction::support::OneTouchRule;
    use satisfaction::{
        Abandonment, Ces, CesScale, Churn, CustomerPeriod, FirstContactResolution,
        ProportionMethod, QueuedContact, Ticket,
    };
    use std::collections::BTreeMap;
    use std::time::Duration;

    #[derive(Default)]
    struct Expected {
        fcr: FirstContactResolution,
        fcr_missing: u64,
        churn: Churn,
        abandonment: Abandonment,
        ces: Option<Ces>,
    }
    let mut by: BTreeMap<&str, Expected> = BTreeMap::new();
    for r in operations_rows() {
        let e = by.entry(r.0).or_default();
        match r.2 {
            Some(replies) if r.1 => e.fcr.push(Ticket::resolved(replies as u32, r.3)),
            Some(_) => e.fcr.push(Ticket::unresolved()),
            None => e.fcr_missing += 1,
        }
        e.churn.push(CustomerPeriod::new(r.4, r.5).unwrap());
        if let Some(abandoned) = r.6 {
            e.abandonment.push(if abandoned {
                QueuedContact::abandoned(Duration::from_secs(30))
            } else {
                QueuedContact::answered(Duration::from_secs(30))
            });
        }
        if let Some(effort) = r.7 {
            e.ces
                .get_or_insert_with(|| Ces::new(CesScale::EFFORT_5))
                .try_push(effort as u8)
                .unwrap();
        }
    }
    let level = ConfidenceLevel::P95;
    let sql = "SELECT channel, fcr(resolved, agent_replies, reopened), churn(active_at_start, churned, 0.9), \
               abandonment(abandoned, 0.95, 'jeffreys'), ces(effort), \
               fcr(resolved, agent_replies, reopened, 0.95, 'wilson', 'fewer_than_two_replies') \
               FROM tickets GROUP BY channel ORDER BY channel";
    let mut previous: Option<Vec<RecordBatch>> = None;
    for partitions in [1, 4, 16] {
        let batches = query(&operations_context(partitions), sql).await.unwrap();
        let batch =
            datafusion::arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap();
        assert_eq!(batch.num_rows(), 3);
        for (row, (_, e)) in by.iter().enumerate() {
            let fcr = e.fcr.summary().unwrap();
            let ci = fcr.interval(level, ProportionMethod::Wilson);
            assert_eq!(struct_f64(&batch, 1, "rate", row), fcr.rate());
            assert_eq!(struct_f64(&batch, 1, "lower", row), ci.lower());
            assert_eq!(struct_u64(&batch, 1, "resolved", row), fcr.resolved());
            assert_eq!(struct_u64(&batch, 1, "unresolved", row), fcr.unresolved());
            assert_eq!(struct_u64(&batch, 1, "missing", row), e.fcr_missing);
            let mut zendesk = FirstContactResolution::new(OneTouchRule::FewerThanTwoReplies);
            for r in operations_rows()
                .iter()
                .filter(|r| r.0 == by.keys().nth(row).copied().unwrap())
            {
                match r.2 {
                    Some(replies) if r.1 => zendesk.push(Ticket::resolved(replies as u32, r.3)),
                    Some(_) => zendesk.push(Ticket::unresolved()),
                    None => {}
                }
            }
            assert_eq!(
                struct_f64(&batch, 5, "rate", row),
                zendesk.summary().unwrap().rate()
            );

            let churn = e.churn.summary().unwrap();
            let ci = churn.interval(ConfidenceLevel::new(0.9).unwrap(), ProportionMethod::Wilson);
            assert_eq!(struct_f64(&batch, 2, "rate", row), churn.rate());
            assert_eq!(struct_f64(&batch, 2, "upper", row), ci.upper());
            assert_eq!(
                struct_u64(&batch, 2, "customers_at_start", row),
                churn.customers_at_start()
            );
            assert_eq!(struct_u64(&batch, 2, "acquired", row), churn.acquired());
            assert_eq!(
                struct_u64(&batch, 2, "customers_at_end", row),
                churn.customers_at_end()
            );

            let queue = e.abandonment.summary().unwrap();
            let ci = queue.interval(level, ProportionMethod::Jeffreys);
            assert_eq!(struct_f64(&batch, 3, "rate", row), queue.rate());
            assert_eq!(struct_f64(&batch, 3, "lower", row), ci.lower());
            assert_eq!(struct_f64(&batch, 3, "upper", row), ci.upper());
            assert_eq!(struct_u64(&batch, 3, "offered", row), queue.offered());

            let ces = e.ces.as_ref().unwrap().summary().unwrap();
            let mean = ces.mean_interval(level);
            assert!((struct_f64(&batch, 4, "mean", row) - ces.mean()).abs() < 1e-12);
            assert!((struct_f64(&batch, 4, "mean_lower", row) - mean.lower()).abs() < 1e-12);
            assert_eq!(
                struct_f64(&batch, 4, "low_effort_share", row),
                ces.low_effort_share()
            );
            assert_eq!(struct_u64(&batch, 4, "n", row), ces.count());
        }
        if let Some(previous) = &previous {
            assert_eq!(previous, &batches, "results differ between partitionings");
        }
        previous = Some(batches);
    }
}

#[tokio::test]
async fn operations_functions_reject_impossible_rows() {
    let ctx = operations_context(4);
    let err = query(&ctx, "SELECT churn(false, churned) FROM tickets")
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("churned without being active"),
        "{err}"
    );
    let err = query(
        &ctx,
        "SELECT fcr(resolved, agent_replies - 5, reopened) FROM tickets",
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("agent_replies -"), "{err}");
    let err = query(
        &ctx,
        "SELECT ces(effort, 0.95, 'wilson', 'agreement_7') FROM tickets WHERE effort IS NOT NULL",
    )
    .await
    .map(|b| b.len());
    assert!(err.is_ok(), "1-5 ratings lie on the 1-7 scale too");
    let err = query(&ctx, "SELECT ces(effort + 5) FROM tickets")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("1..=5"), "{err}");
    // Churn with nobody active at the start has no rate: NULL, not 0.
    let batches = query(&ctx, "SELECT churn(false, false) FROM tickets")
        .await
        .unwrap();
    assert!(batches[0].column(0).is_null(0));
    // Rollups for the new functions merge exactly.
    let direct = query(
        &ctx,
        "SELECT fcr(resolved, agent_replies, reopened) FROM tickets",
    )
    .await
    .unwrap();
    let rolled = query(
        &ctx,
        "SELECT fcr_merge(s) FROM (SELECT channel, fcr_state(resolved, agent_replies, reopened) AS s \
         FROM tickets GROUP BY channel)",
    )
    .await
    .unwrap();
    assert_eq!(direct[0].columns(), rolled[0].columns());
}

/// A CSAT or CES state carries its scale: a merge under another scale is an error, never
/// counts read against the wrong points.
#[tokio::test]
async fn rollups_keep_their_scale() {
    let ctx = context(4);
    // Scores 0-10 as CSAT on 0..=10, satisfied from 9.
    let daily = "(SELECT channel, csat_state(score, 0.95, 'wilson', 0, 10, 9) AS s \
                 FROM responses GROUP BY channel)";
    let err = query(&ctx, &format!("SELECT csat_merge(s) FROM {daily}"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("scale 0..=10"), "{err}");
    assert!(err.to_string().contains("1..=5"), "{err}");
    let rolled = query(
        &ctx,
        &format!("SELECT csat_merge(s, 0.95, 'wilson', 0, 10, 9) FROM {daily}"),
    )
    .await
    .unwrap();
    let direct = query(
        &ctx,
        "SELECT csat(score, 0.95, 'wilson', 0, 10, 9) FROM responses",
    )
    .await
    .unwrap();
    assert_eq!(rolled[0].columns(), direct[0].columns());

    let seven = "(SELECT ces_state(score % 7 + 1, 0.95, 'wilson', 'agreement_7') AS s \
                 FROM responses GROUP BY channel)";
    let err = query(&ctx, &format!("SELECT ces_merge(s) FROM {seven}"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("scale 1..=7"), "{err}");
    query(
        &ctx,
        &format!("SELECT ces_merge(s, 0.95, 'wilson', 'agreement_7') FROM {seven}"),
    )
    .await
    .unwrap();
}

/// A stored state row that is NULL throughout carries nothing; one with only some fields NULL
/// is damaged.
#[tokio::test]
async fn partly_null_states_are_refused() {
    let ctx = context(1);
    let state = |version: &str, promoters: &str| {
        format!(
            "named_struct('version', arrow_cast({version}, 'UInt32'), \
             'detractors', arrow_cast(1, 'UInt64'), 'passives', arrow_cast(0, 'UInt64'), \
             'promoters', arrow_cast({promoters}, 'UInt64'), 'missing', arrow_cast(0, 'UInt64'))"
        )
    };
    let err = query(&ctx, &format!("SELECT nps_merge({})", state("NULL", "2")))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("NULL fields"), "{err}");
    let err = query(
        &ctx,
        &format!(
            "SELECT nps_merge({})",
            state(&satisfaction::state::STATE_VERSION.to_string(), "NULL")
        ),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("NULL fields"), "{err}");
    let batches = query(
        &ctx,
        &format!(
            "SELECT nps_merge(s)['n'] FROM (VALUES ({}), ({})) AS t(s)",
            state(&satisfaction::state::STATE_VERSION.to_string(), "2"),
            "named_struct('version', arrow_cast(NULL, 'UInt32'), \
             'detractors', arrow_cast(NULL, 'UInt64'), 'passives', arrow_cast(NULL, 'UInt64'), \
             'promoters', arrow_cast(NULL, 'UInt64'), 'missing', arrow_cast(NULL, 'UInt64'))"
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        batches[0].column(0).as_primitive::<UInt64Type>().value(0),
        3
    );
}

#[tokio::test]
async fn extra_options_are_refused() {
    let ctx = context(1);
    for sql in [
        "SELECT nps(score, 0.9, 'wald', 'oops') FROM responses",
        "SELECT proportion(resolved, 0.9, 'wilson', 3) FROM responses",
        "SELECT csat(score, 0.9, 'wilson', 0, 10, 9, 1) FROM responses",
        "SELECT frt(score, 60, 0.9, 0.01, 5) FROM responses",
        "SELECT frt_merge(frt_state(score), 0.9, 0.05) FROM responses",
    ] {
        let err = query(&ctx, sql).await.unwrap_err();
        assert!(err.to_string().contains("at most"), "{sql}: {err}");
    }
}

/// One ticket: channel, day, first response in seconds (NULL = not answered yet).
type Reply = (&'static str, i64, Option<f64>);

/// First response times per channel and day.
fn frt_context(partitions: usize) -> (SessionContext, Vec<Reply>) {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    satisfaction::datafusion::register(&ctx).unwrap();
    let mut seed = 0x1234_5678_9abc_def1_u64;
    let rows: Vec<Reply> = (0..6000)
        .map(|i| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let minutes = ((seed >> 11) % 10_000) as f64 / 10.0; // 0 to 1000 minutes
            (
                ["chat", "email", "phone"][(seed % 3) as usize],
                (seed >> 5) as i64 % 30,
                (i % 37 != 0).then_some(minutes * 60.0),
            )
        })
        .collect();
    let schema = Arc::new(Schema::new(vec![
        Field::new("channel", DataType::Utf8, false),
        Field::new("day", DataType::Int64, false),
        Field::new("seconds", DataType::Float64, true),
    ]));
    let batches: Vec<Vec<RecordBatch>> = rows
        .chunks(700)
        .map(|chunk| {
            let columns: Vec<ArrayRef> = vec![
                Arc::new(StringArray::from_iter_values(chunk.iter().map(|r| r.0))),
                Arc::new(Int64Array::from_iter_values(chunk.iter().map(|r| r.1))),
                Arc::new(datafusion::arrow::array::Float64Array::from_iter(
                    chunk.iter().map(|r| r.2),
                )),
            ];
            vec![RecordBatch::try_new(schema.clone(), columns).unwrap()]
        })
        .collect();
    ctx.register_table(
        "replies",
        Arc::new(MemTable::try_new(schema, batches).unwrap()),
    )
    .unwrap();
    (ctx, rows)
}

#[tokio::test]
async fn frt_equals_the_crate_at_every_partitioning_and_rolls_up_exactly() {
    use satisfaction::{FirstResponse, FirstResponseTime, ProportionMethod};
    use std::collections::BTreeMap;
    use std::time::Duration;

    let target = Duration::from_secs(4 * 3600);
    let sql = "SELECT channel, frt(seconds, 14400) AS frt FROM replies \
               GROUP BY channel ORDER BY channel";
    let mut previous: Option<Vec<RecordBatch>> = None;
    for partitions in [1, 4, 16] {
        let (ctx, rows) = frt_context(partitions);
        let mut by: BTreeMap<&str, FirstResponseTime> = BTreeMap::new();
        for (channel, _, seconds) in &rows {
            let frt = by
                .entry(channel)
                .or_insert_with(|| FirstResponseTime::with_target(target));
            match seconds {
                Some(s) => frt.push(FirstResponse::from_secs_f64(*s).unwrap()),
                None => frt.push_unanswered(),
            }
        }
        let batches = query(&ctx, sql).await.unwrap();
        let batch =
            datafusion::arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap();
        for (row, frt) in by.values().enumerate() {
            let s = frt.summary().unwrap();
            let median = s.quantile_interval(0.5, ConfidenceLevel::P95).unwrap();
            let sla = s
                .sla_interval(ConfidenceLevel::P95, ProportionMethod::Wilson)
                .unwrap();
            assert_eq!(
                struct_f64(&batch, 1, "median", row),
                s.median().as_secs_f64()
            );
            assert_eq!(struct_f64(&batch, 1, "median_lower", row), median.lower());
            assert_eq!(struct_f64(&batch, 1, "p90", row), s.p90().as_secs_f64());
            assert_eq!(struct_f64(&batch, 1, "p95", row), s.p95().as_secs_f64());
            assert_eq!(struct_f64(&batch, 1, "max", row), s.max().as_secs_f64());
            assert_eq!(
                struct_f64(&batch, 1, "sla_share", row),
                s.sla_attainment().unwrap()
            );
            assert_eq!(struct_f64(&batch, 1, "sla_upper", row), sla.upper());
            assert_eq!(struct_u64(&batch, 1, "answered", row), s.answered());
            assert_eq!(struct_u64(&batch, 1, "unanswered", row), s.unanswered());
            assert_eq!(
                struct_u64(&batch, 1, "within_target", row),
                s.within_target().unwrap()
            );
        }
        if let Some(previous) = &previous {
            assert_eq!(previous, &batches, "results differ between partitionings");
        }
        previous = Some(batches);

        // Daily states (bytes a rollup table stores), merged into the month: the same struct.
        let rolled = query(
            &ctx,
            "SELECT channel, frt_merge(state) AS frt FROM (
                 SELECT day, channel, frt_state(seconds, 14400) AS state
                 FROM replies GROUP BY day, channel)
             GROUP BY channel ORDER BY channel",
        )
        .await
        .unwrap();
        let rolled =
            datafusion::arrow::compute::concat_batches(&rolled[0].schema(), &rolled).unwrap();
        assert_eq!(rolled.column(1), batch.column(1));
    }
}

#[tokio::test]
async fn frt_errors_and_empty_groups() {
    let (ctx, _) = frt_context(4);
    let err = query(&ctx, "SELECT frt(seconds - 100000) FROM replies")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("seconds is out of range"), "{err}");
    // Longer than the 584 years the sketch records: an error, not a clamped value.
    let err = query(&ctx, "SELECT frt(seconds + 2e10) FROM replies")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("0..=18446744073"), "{err}");
    let err = query(&ctx, "SELECT frt(seconds, 60, 0.95, 0.9) FROM replies")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("accuracy"), "{err}");
    // Corrupted and foreign states are query errors.
    let err = query(&ctx, "SELECT frt_merge(X'5341544601000000') FROM replies")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("partial state"), "{err}");
    let err = query(&ctx, "SELECT frt_merge(X'00112233') FROM replies")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not an FRT state"), "{err}");
    // States with different SLA targets do not merge.
    let err = query(
        &ctx,
        "SELECT frt_merge(s) FROM (
             SELECT frt_state(seconds, 60) AS s FROM replies WHERE channel = 'chat'
             UNION ALL
             SELECT frt_state(seconds, 120) AS s FROM replies WHERE channel = 'email')",
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("SLA target"), "{err}");
    // No answered ticket: NULL, not 0.
    let batches = query(
        &ctx,
        "SELECT frt(seconds) FROM replies WHERE seconds IS NULL",
    )
    .await
    .unwrap();
    assert!(batches[0].column(0).is_null(0));
    let batches = query(
        &ctx,
        "SELECT frt(seconds) FROM replies WHERE channel = 'fax'",
    )
    .await
    .unwrap();
    assert!(batches[0].column(0).is_null(0));
}
