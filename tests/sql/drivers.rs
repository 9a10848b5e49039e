//! `key_drivers(outcome, d1, ...)` in SQL equals the library's analysis, at 1, 4 and 16
//! partitions, ungrouped and per segment.

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, Float64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Schema, UInt64Type};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use satisfaction::drivers::KeyDrivers;

const ITEMS: [&str; 5] = [
    "seat_comfort",
    "legroom",
    "onboard_service",
    "departure_punctuality",
    "value_for_money",
];

/// The airline survey: cabin, the five items (NULL when not rated) and the outcome.
fn survey() -> (Vec<String>, Vec<Vec<Option<f64>>>, Vec<f64>) {
    let text = include_str!("../../examples/data/airline_survey.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (cabin, overall) = (column("cabin"), column("overall"));
    let items: Vec<usize> = ITEMS.iter().map(|i| column(i)).collect();
    let (mut cabins, mut values, mut outcomes) =
        (Vec::new(), vec![Vec::new(); ITEMS.len()], Vec::new());
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        cabins.push(f[cabin].to_owned());
        for (v, &i) in values.iter_mut().zip(&items) {
            v.push(f[i].parse().ok());
        }
        outcomes.push(f[overall].parse().unwrap());
    }
    (cabins, values, outcomes)
}

fn context(partitions: usize) -> SessionContext {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    satisfaction::datafusion::register(&ctx).unwrap();
    let (cabins, values, outcomes) = survey();
    let mut fields = vec![Field::new("cabin", DataType::Utf8, false)];
    fields.extend(
        ITEMS
            .iter()
            .map(|i| Field::new(*i, DataType::Float64, true)),
    );
    fields.push(Field::new("overall", DataType::Float64, false));
    let schema = Arc::new(Schema::new(fields));
    let n = outcomes.len();
    let batches: Vec<Vec<RecordBatch>> = (0..4)
        .map(|p| {
            let range = p * n / 4..(p + 1) * n / 4;
            let mut columns: Vec<ArrayRef> =
                vec![Arc::new(StringArray::from(cabins[range.clone()].to_vec()))];
            columns.extend(
                values
                    .iter()
                    .map(|v| Arc::new(Float64Array::from(v[range.clone()].to_vec())) as ArrayRef),
            );
            columns.push(Arc::new(Float64Array::from(outcomes[range].to_vec())));
            vec![RecordBatch::try_new(schema.clone(), columns).unwrap()]
        })
        .collect();
    ctx.register_table(
        "survey",
        Arc::new(MemTable::try_new(schema, batches).unwrap()),
    )
    .unwrap();
    ctx
}

/// The library's analysis of the rows whose cabin passes `keep`.
fn library(keep: impl Fn(&str) -> bool) -> satisfaction::drivers::KeyDriversSummary {
    let (cabins, values, outcomes) = survey();
    let mut k = KeyDrivers::new(&ITEMS).unwrap();
    for (i, y) in outcomes.iter().enumerate() {
        if keep(&cabins[i]) {
            let row: Vec<Option<f64>> = values.iter().map(|v| v[i]).collect();
            k.try_push(*y, &row).unwrap();
        }
    }
    k.analyse().unwrap()
}

/// (group, driver) -> (lmg, relative weight, pratt, performance, n).
async fn sql(
    ctx: &SessionContext,
    grouped: bool,
) -> BTreeMap<(String, String), (f64, f64, f64, f64, u64)> {
    let items = ITEMS.join(", ");
    let (select, group) = if grouped {
        ("cabin", " GROUP BY cabin")
    } else {
        ("'all'", "")
    };
    let sql = format!(
        "SELECT g, d['driver'], d['lmg'], d['relative_weight'], d['pratt'], d['performance'], d['n'] \
         FROM (SELECT {select} AS g, unnest(key_drivers(overall, {items})) AS d FROM survey{group})"
    );
    let batches = ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    let mut out = BTreeMap::new();
    for b in &batches {
        let text = |c: usize, i: usize| b.column(c).as_string::<i32>().value(i).to_owned();
        let f = |c: usize, i: usize| b.column(c).as_primitive::<Float64Type>().value(i);
        for i in 0..b.num_rows() {
            out.insert(
                (text(0, i), text(1, i)),
                (
                    f(2, i),
                    f(3, i),
                    f(4, i),
                    f(5, i),
                    b.column(6).as_primitive::<UInt64Type>().value(i),
                ),
            );
        }
    }
    out
}

#[tokio::test]
async fn key_drivers_equals_the_library_at_every_partitioning() {
    let all = library(|_| true);
    let cabins = ["business", "economy", "premium"];
    let per_cabin: Vec<_> = cabins.iter().map(|c| library(|x| x == *c)).collect();
    for partitions in [1, 4, 16] {
        let ctx = context(partitions);
        let ungrouped = sql(&ctx, false).await;
        let grouped = sql(&ctx, true).await;
        for (group, summary, rows) in std::iter::once(("all", &all, &ungrouped)).chain(
            cabins
                .iter()
                .zip(&per_cabin)
                .map(|(c, s)| (*c, s, &grouped)),
        ) {
            for d in summary.drivers() {
                let got = rows[&(group.to_owned(), d.name().to_owned())];
                let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-3);
                assert!(
                    close(got.0, d.lmg())
                        && close(got.1, d.relative_weight())
                        && close(got.2, d.pratt())
                        && close(got.3, d.performance())
                        && got.4 == summary.n(),
                    "{partitions} partitions, {group}, {}: {got:?}",
                    d.name()
                );
            }
        }
    }
}

#[tokio::test]
async fn key_drivers_refuses_what_is_not_numeric_and_is_null_without_rows() {
    let ctx = context(2);
    assert!(
        ctx.sql("SELECT key_drivers(overall) FROM survey")
            .await
            .is_err()
    );
    assert!(
        ctx.sql("SELECT key_drivers(overall, cabin) FROM survey")
            .await
            .is_err()
    );
    let batches = ctx
        .sql(&format!(
            "SELECT key_drivers(overall, {}) FROM survey WHERE overall > 100",
            ITEMS.join(", ")
        ))
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert!(batches[0].column(0).is_null(0));
}
