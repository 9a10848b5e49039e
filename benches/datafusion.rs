//! `nps(score)` against the SQL formula users write today, in the same engine and run:
//! `100.0 * AVG(CASE WHEN score >= 9 THEN 1 WHEN score <= 6 THEN -1 ELSE 0 END)`, over 10M rows
//! in a `MemTable`, ungrouped and grouped by 1,000 keys, plus DataFusion's own `COUNT(*)` as
//! the grouping reference.
//!
//! `cargo bench --bench datafusion --features datafusion` (not part of the default bench build).

use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use datafusion::arrow::array::{ArrayRef, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};

const ROWS: usize = 10_000_000;
const BATCH: usize = 8192;

fn context() -> SessionContext {
    // One core, as in the crate's other benches.
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(1));
    satisfaction::datafusion::register(&ctx).unwrap();
    let schema = Arc::new(Schema::new(vec![
        Field::new("k", DataType::Int64, false),
        Field::new("score", DataType::Int64, false),
    ]));
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let batches: Vec<RecordBatch> = (0..ROWS.div_ceil(BATCH))
        .map(|_| {
            let (mut keys, mut scores) = (Vec::with_capacity(BATCH), Vec::with_capacity(BATCH));
            for _ in 0..BATCH {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                keys.push((seed % 1000) as i64);
                scores.push(((seed >> 16) % 11) as i64);
            }
            let columns: Vec<ArrayRef> = vec![
                Arc::new(Int64Array::from(keys)),
                Arc::new(Int64Array::from(scores)),
            ];
            RecordBatch::try_new(schema.clone(), columns).unwrap()
        })
        .collect();
    ctx.register_table(
        "t",
        Arc::new(MemTable::try_new(schema, vec![batches]).unwrap()),
    )
    .unwrap();
    ctx
}

fn queries(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ctx = context();
    let formula = "100.0 * AVG(CASE WHEN score >= 9 THEN 1 WHEN score <= 6 THEN -1 ELSE 0 END)";
    let cases = [
        (
            "ungrouped/nps(score)",
            "SELECT nps(score)['score'] FROM t".to_owned(),
        ),
        ("ungrouped/sql_formula", format!("SELECT {formula} FROM t")),
        (
            "grouped_1000/nps(score)",
            "SELECT k, nps(score)['score'] FROM t GROUP BY k".to_owned(),
        ),
        (
            "grouped_1000/sql_formula",
            format!("SELECT k, {formula} FROM t GROUP BY k"),
        ),
        (
            "grouped_1000/count_star",
            "SELECT k, COUNT(*) FROM t GROUP BY k".to_owned(),
        ),
    ];
    let mut group = c.benchmark_group("datafusion_10M_rows");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(10);
    for (name, sql) in cases {
        group.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async { ctx.sql(&sql).await.unwrap().collect().await.unwrap() })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, queries);
criterion_main!(benches);
