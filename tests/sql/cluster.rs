//! The functions on a real Apache Ballista cluster started inside the test process: one
//! scheduler and two executors on loopback, a partitioned Parquet dataset in a temp folder,
//! GROUP BY queries whose partial states are shuffled between executors, and answers equal to
//! the crate's one-pass aggregators.
#![cfg(feature = "ballista")]

use std::collections::BTreeMap;
use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;

use std::time::Duration;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray,
    StructArray,
};
use datafusion::arrow::compute::concat_batches;
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Schema, UInt64Type};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::prelude::{ParquetReadOptions, SessionContext};
use satisfaction::{
    Aggregator, ConfidenceLevel, Csat, FirstResponse, FirstResponseTime, Nps, NpsMethod,
    Proportion, ProportionMethod,
};

/// One survey response: channel, NPS score (or NULL), CSAT rating 1-5, resolved flag.
struct Row {
    channel: &'static str,
    day: i64,
    score: Option<i64>,
    rating: i64,
    resolved: bool,
    first_reply_seconds: Option<f64>,
    effort: Option<i64>,
    agent_replies: i64,
    reopened: bool,
    active_at_start: bool,
    churned: bool,
    abandoned: bool,
}

/// Deterministic rows (xorshift), with NULL scores sprinkled in.
fn rows(n: usize) -> Vec<Row> {
    let channels = ["chat", "email", "phone", "social"];
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    (0..n)
        .map(|i| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            Row {
                channel: channels[(seed % 4) as usize],
                day: (seed >> 4) as i64 % 28 + 1,
                score: (i % 53 != 0).then_some((seed >> 12) as i64 % 11),
                rating: (seed >> 20) as i64 % 5 + 1,
                resolved: seed >> 30 & 3 != 0,
                first_reply_seconds: (i % 41 != 0).then_some((seed >> 34) as f64 % 86_400.0),
                effort: (i % 37 != 0).then_some((seed >> 40) as i64 % 5 + 1),
                agent_replies: (seed >> 44) as i64 % 4,
                reopened: seed >> 47 & 7 == 0,
                active_at_start: seed >> 50 & 7 != 0,
                // Only a customer active at the start can churn.
                churned: seed >> 50 & 7 != 0 && seed >> 53 & 7 == 0,
                abandoned: seed >> 56 & 7 == 0,
            }
        })
        .collect()
}

/// A fresh folder under the system temp directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path =
            std::env::temp_dir().join(format!("satisfaction-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `rows` as `files` Parquet files (contiguous slices) into `dir`.
fn write_parquet(dir: &TempDir, rows: &[Row], files: usize) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("channel", DataType::Utf8, false),
        Field::new("day", DataType::Int64, false),
        Field::new("score", DataType::Int64, true),
        Field::new("rating", DataType::Int64, false),
        Field::new("resolved", DataType::Boolean, false),
        Field::new("first_reply_seconds", DataType::Float64, true),
        Field::new("effort", DataType::Int64, true),
        Field::new("agent_replies", DataType::Int64, false),
        Field::new("reopened", DataType::Boolean, false),
        Field::new("active_at_start", DataType::Boolean, false),
        Field::new("churned", DataType::Boolean, false),
        Field::new("abandoned", DataType::Boolean, false),
    ]));
    for (part, chunk) in rows.chunks(rows.len().div_ceil(files)).enumerate() {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from_iter_values(
                chunk.iter().map(|r| r.channel),
            )),
            Arc::new(Int64Array::from_iter_values(chunk.iter().map(|r| r.day))),
            Arc::new(Int64Array::from_iter(chunk.iter().map(|r| r.score))),
            Arc::new(Int64Array::from_iter_values(chunk.iter().map(|r| r.rating))),
            Arc::new(BooleanArray::from_iter(
                chunk.iter().map(|r| Some(r.resolved)),
            )),
            Arc::new(Float64Array::from_iter(
                chunk.iter().map(|r| r.first_reply_seconds),
            )),
            Arc::new(Int64Array::from_iter(chunk.iter().map(|r| r.effort))),
            Arc::new(Int64Array::from_iter_values(
                chunk.iter().map(|r| r.agent_replies),
            )),
            Arc::new(BooleanArray::from_iter(
                chunk.iter().map(|r| Some(r.reopened)),
            )),
            Arc::new(BooleanArray::from_iter(
                chunk.iter().map(|r| Some(r.active_at_start)),
            )),
            Arc::new(BooleanArray::from_iter(
                chunk.iter().map(|r| Some(r.churned)),
            )),
            Arc::new(BooleanArray::from_iter(
                chunk.iter().map(|r| Some(r.abandoned)),
            )),
        ];
        let batch = RecordBatch::try_new(schema.clone(), columns).unwrap();
        let file = File::create(dir.0.join(format!("part-{part:02}.parquet"))).unwrap();
        let mut writer = ArrowWriter::try_new(file, schema.clone(), None).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
    }
}

/// The crate's one-pass answers per channel.
#[derive(Default)]
struct Expected {
    nps: Nps,
    csat: Csat,
    resolved: Proportion,
    frt: Option<FirstResponseTime>,
    missing: u64,
}

fn expected(rows: &[Row]) -> BTreeMap<&'static str, Expected> {
    let mut out: BTreeMap<&'static str, Expected> = BTreeMap::new();
    for r in rows {
        let e = out.entry(r.channel).or_default();
        match r.score {
            Some(s) => e.nps.try_push(u8::try_from(s).unwrap()).unwrap(),
            None => e.missing += 1,
        }
        e.csat.try_push(u8::try_from(r.rating).unwrap()).unwrap();
        e.resolved.push(r.resolved);
        let frt = e
            .frt
            .get_or_insert_with(|| FirstResponseTime::with_target(Duration::from_secs(3600)));
        match r.first_reply_seconds {
            Some(s) => frt.push(FirstResponse::from_secs_f64(s).unwrap()),
            None => frt.push_unanswered(),
        }
    }
    out
}

fn field<'a>(batch: &'a RecordBatch, column: &str, name: &str) -> &'a ArrayRef {
    batch
        .column_by_name(column)
        .unwrap()
        .as_any()
        .downcast_ref::<StructArray>()
        .unwrap()
        .column_by_name(name)
        .unwrap()
}

fn f64_at(batch: &RecordBatch, column: &str, name: &str, row: usize) -> f64 {
    field(batch, column, name)
        .as_primitive::<Float64Type>()
        .value(row)
}

fn u64_at(batch: &RecordBatch, column: &str, name: &str, row: usize) -> u64 {
    field(batch, column, name)
        .as_primitive::<UInt64Type>()
        .value(row)
}

async fn cluster_with(rows: &[Row], files: usize) -> (SessionContext, TempDir) {
    let dir = TempDir::new("distributed");
    write_parquet(&dir, rows, files);
    let ctx = satisfaction::datafusion::local_cluster(2, 2).await.unwrap();
    ctx.register_parquet(
        "responses",
        dir.0.to_str().unwrap(),
        ParquetReadOptions::default(),
    )
    .await
    .unwrap();
    (ctx, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn grouped_queries_on_the_cluster_equal_the_one_pass_aggregators() {
    let data = rows(40_000);
    let (ctx, _dir) = cluster_with(&data, 8).await;
    let query = ctx
        .sql(
            "SELECT channel, nps(score) AS nps, csat(rating) AS csat,
                    proportion(resolved, 0.9, 'jeffreys') AS resolved,
                    frt(first_reply_seconds, 3600) AS frt
             FROM responses GROUP BY channel ORDER BY channel",
        )
        .await
        .unwrap();
    // The plan is Ballista's: the query runs on the scheduler's executors, not in this client.
    let plan = query.clone().create_physical_plan().await.unwrap();
    let shown = datafusion::physical_plan::displayable(plan.as_ref())
        .indent(false)
        .to_string();
    assert!(shown.contains("DistributedQueryExec"), "{shown}");
    let batches = query.collect().await.unwrap();
    let want = expected(&data);
    let level = ConfidenceLevel::default();
    let mut seen = 0;
    for batch in &batches {
        let channels = batch.column_by_name("channel").unwrap();
        for row in 0..batch.num_rows() {
            let channel = channels.as_string_view_opt().map_or_else(
                || channels.as_string::<i32>().value(row).to_owned(),
                |v| v.value(row).to_owned(),
            );
            let e = &want[channel.as_str()];
            let nps = e.nps.summary().unwrap();
            let ci = nps.interval(level, NpsMethod::default());
            assert_eq!(f64_at(batch, "nps", "score", row), nps.score(), "{channel}");
            assert_eq!(f64_at(batch, "nps", "lower", row), ci.lower());
            assert_eq!(f64_at(batch, "nps", "upper", row), ci.upper());
            assert_eq!(u64_at(batch, "nps", "n", row), nps.count());
            assert_eq!(u64_at(batch, "nps", "promoters", row), nps.promoters());
            assert_eq!(u64_at(batch, "nps", "detractors", row), nps.detractors());
            assert_eq!(u64_at(batch, "nps", "missing", row), e.missing);

            let csat = e.csat.summary().unwrap();
            let share = csat.share_interval(level, ProportionMethod::Wilson);
            assert_eq!(
                f64_at(batch, "csat", "satisfied_share", row),
                csat.satisfied_share()
            );
            assert_eq!(f64_at(batch, "csat", "lower", row), share.lower());
            assert_eq!(f64_at(batch, "csat", "mean", row), csat.mean());
            assert_eq!(u64_at(batch, "csat", "n", row), csat.count());

            let resolved = e.resolved.summary().unwrap();
            let ci = resolved.interval(
                ConfidenceLevel::new(0.9).unwrap(),
                ProportionMethod::Jeffreys,
            );
            assert_eq!(f64_at(batch, "resolved", "share", row), resolved.share());
            assert_eq!(f64_at(batch, "resolved", "lower", row), ci.lower());
            assert_eq!(f64_at(batch, "resolved", "upper", row), ci.upper());
            // The FRT sketches crossed the shuffle as versioned bytes.
            let frt = e.frt.as_ref().unwrap().summary().unwrap();
            assert_eq!(
                f64_at(batch, "frt", "median", row),
                frt.median().as_secs_f64()
            );
            assert_eq!(f64_at(batch, "frt", "p90", row), frt.p90().as_secs_f64());
            assert_eq!(
                f64_at(batch, "frt", "sla_share", row),
                frt.sla_attainment().unwrap()
            );
            assert_eq!(u64_at(batch, "frt", "unanswered", row), frt.unanswered());
            seen += 1;
        }
    }
    assert_eq!(seen, want.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ungrouped_and_rollup_queries_on_the_cluster_are_exact() {
    let data = rows(20_000);
    let (ctx, _dir) = cluster_with(&data, 6).await;
    let mut all = Nps::default();
    for score in data.iter().filter_map(|r| r.score) {
        all.try_push(u8::try_from(score).unwrap()).unwrap();
    }
    let all = all.summary().unwrap();

    let direct = ctx
        .sql("SELECT nps(score) AS nps FROM responses")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(f64_at(&direct[0], "nps", "score", 0), all.score());
    assert_eq!(u64_at(&direct[0], "nps", "n", 0), all.count());

    // Daily partial states (as a rollup table would store them), merged into the month on the
    // cluster: the states themselves cross the shuffle as struct values.
    let rollup = ctx
        .sql(
            "SELECT nps_merge(state) AS nps FROM (
                 SELECT day, channel, nps_state(score) AS state
                 FROM responses GROUP BY day, channel)",
        )
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(f64_at(&rollup[0], "nps", "score", 0), all.score());
    assert_eq!(u64_at(&rollup[0], "nps", "n", 0), all.count());
    assert_eq!(u64_at(&rollup[0], "nps", "promoters", 0), all.promoters());
}

/// Every function, and its `*_state` / `*_merge` rollup over daily states, gives on the cluster exactly what it
/// gives in one process (where tests/datafusion.rs checks it against the crate's aggregators).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_function_and_rollup_on_the_cluster_equals_one_process() {
    let data = rows(12_000);
    let (cluster, dir) = cluster_with(&data, 5).await;
    let local = SessionContext::new();
    satisfaction::datafusion::register(&local).unwrap();
    local
        .register_parquet(
            "responses",
            dir.0.to_str().unwrap(),
            ParquetReadOptions::default(),
        )
        .await
        .unwrap();
    let calls = [
        ("nps", "score"),
        ("csat", "rating"),
        ("ces", "effort"),
        ("proportion", "resolved"),
        ("churn", "active_at_start, churned"),
        ("abandonment", "abandoned"),
        ("fcr", "resolved, agent_replies, reopened"),
        ("frt", "first_reply_seconds, 3600"),
    ];
    for (name, args) in calls {
        let direct = format!(
            "SELECT channel, {name}({args}) AS r FROM responses GROUP BY channel ORDER BY channel"
        );
        let rollup = format!(
            "SELECT channel, {name}_merge(s) AS r FROM (
                 SELECT channel, day, {name}_state({args}) AS s FROM responses GROUP BY channel, day)
             GROUP BY channel ORDER BY channel"
        );
        let want = local.sql(&direct).await.unwrap().collect().await.unwrap();
        let want = concat_batches(&want[0].schema(), &want).unwrap();
        assert_eq!(
            want.column(1).null_count(),
            0,
            "{direct}: every channel has data"
        );
        for sql in [&direct, &rollup] {
            let got = cluster.sql(sql).await.unwrap().collect().await.unwrap();
            let got = concat_batches(&got[0].schema(), &got).unwrap();
            assert_eq!(got.num_rows(), 4, "{sql}");
            // The result structs are equal field by field (the channel column's string type
            // may differ between the two engines).
            assert_eq!(got.column(1), want.column(1), "{sql}");
        }
    }
}

/// The cluster's answers to `queries` equal one process's, column by column after the first
/// (the group key, whose string type may differ between the two engines).
async fn cluster_equals_one_process(data: &[Row], files: usize, queries: &[String]) {
    let (cluster, dir) = cluster_with(data, files).await;
    let local = SessionContext::new();
    satisfaction::datafusion::register(&local).unwrap();
    local
        .register_parquet(
            "responses",
            dir.0.to_str().unwrap(),
            ParquetReadOptions::default(),
        )
        .await
        .unwrap();
    for sql in queries {
        let want = local.sql(sql).await.unwrap().collect().await.unwrap();
        let want = concat_batches(&want[0].schema(), &want).unwrap();
        assert!(want.num_rows() > 1, "{sql}");
        assert_eq!(
            want.column(1).null_count(),
            0,
            "{sql}: every group has data"
        );
        let got = cluster.sql(sql).await.unwrap().collect().await.unwrap();
        let got = concat_batches(&got[0].schema(), &got).unwrap();
        assert_eq!(got.num_rows(), want.num_rows(), "{sql}");
        for c in 1..want.num_columns() {
            assert_eq!(got.column(c), want.column(c), "{sql}: column {c}");
        }
    }
}

/// `kaplan_meier` and `median_lifetime` (a curve's bytes crossing the shuffle) on the cluster.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn retention_functions_on_the_cluster_equal_one_process() {
    let queries = [
        "SELECT channel, kaplan_meier(day, churned) AS r FROM responses \
         GROUP BY channel ORDER BY channel",
        "SELECT channel, median_lifetime(day * 2 + 1, active_at_start, 0.9, 'log_log') AS r \
         FROM responses GROUP BY channel ORDER BY channel",
    ]
    .map(str::to_owned);
    cluster_equals_one_process(&rows(12_000), 5, &queries).await;
}

/// The scalar functions `sentiment` and `theme`, looked up by name on the executors, and
/// `sentiment_summary` with its rollup, on the cluster.
#[cfg(feature = "text")]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn comment_functions_on_the_cluster_equal_one_process() {
    let queries = [
        // Summed in ten-thousandths (the scores' grid), so that the order of a float sum
        // cannot differ between the engines.
        "SELECT channel, sum(CAST(round(10000 * sentiment( \
                    CASE WHEN resolved THEN 'great ' ELSE 'terrible ' END || channel)) AS BIGINT)) \
                    AS s, \
                count(*) FILTER (WHERE theme(channel, 'chat OR pho*')) AS t \
         FROM responses GROUP BY channel ORDER BY channel",
        "SELECT theme(channel, 'chat OR pho*') AS g, count(*) AS n FROM responses \
         GROUP BY theme(channel, 'chat OR pho*') ORDER BY g",
        "SELECT channel, sentiment_summary(CASE WHEN resolved THEN 'quick and friendly' \
                ELSE 'still waiting, terrible' END) AS r \
         FROM responses GROUP BY channel ORDER BY channel",
        "SELECT channel, sentiment_summary_merge(s, 0.9) AS r FROM ( \
             SELECT channel, day, sentiment_summary_state(CASE WHEN reopened THEN 'awful' \
                    ELSE 'great' END) AS s FROM responses GROUP BY channel, day) \
         GROUP BY channel ORDER BY channel",
    ]
    .map(str::to_owned);
    cluster_equals_one_process(&rows(12_000), 5, &queries).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_out_of_range_score_in_one_file_fails_the_distributed_query() {
    let mut data = rows(5_000);
    data[4_321].score = Some(42);
    let (ctx, _dir) = cluster_with(&data, 4).await;
    let err = ctx
        .sql("SELECT channel, nps(score) FROM responses GROUP BY channel")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("score 42 is out of range"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_needs_executors() {
    let Err(err) = satisfaction::datafusion::local_cluster(0, 2).await else {
        panic!("a cluster without executors was started");
    };
    let err = err.to_string();
    assert!(err.contains("at least one executor"), "{err}");
}
