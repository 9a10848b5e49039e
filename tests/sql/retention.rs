//! `kaplan_meier(duration, churned)` and `median_lifetime(duration, churned)` in SQL equal the
//! library's curve, at 1, 4 and 16 partitions, ungrouped and per plan; NULL rows are skipped
//! and counted; bad input is a query error.

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Int64Array, RecordBatch, StringArray, UInt32Array,
};
use datafusion::arrow::compute::concat_batches;
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Schema, UInt64Type};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use satisfaction::retention::{KaplanMeier, KaplanMeierSummary, SurvivalInterval};
use satisfaction::{Aggregator, ConfidenceLevel};

/// The instant the subscriptions are observed at (2026-01-15).
const AS_OF: i64 = 1_768_435_200;
const WEEK: i64 = 7 * 86_400;

/// One customer of `examples/data/subscriptions.csv`: plan, weeks from start to end (or to
/// `AS_OF`), churned; some durations and flags are NULL (every 97th and 89th row).
fn customers() -> Vec<(String, Option<i64>, Option<bool>)> {
    let text = include_str!("../../examples/data/subscriptions.csv");
    text.lines()
        .skip(1)
        .enumerate()
        .map(|(i, line)| {
            let f: Vec<&str> = line.split(',').collect();
            let start: i64 = f[2].parse().unwrap();
            let end: Option<i64> = f[3].parse().ok();
            let weeks = (end.unwrap_or(AS_OF) - start) / WEEK;
            (
                f[1].to_owned(),
                (i % 97 != 5).then_some(weeks),
                (i % 89 != 7).then_some(end.is_some()),
            )
        })
        .collect()
}

/// A table `customers(plan, duration, churned)` in four partitions of two batches each.
fn table(rows: &[(String, Option<i64>, Option<bool>)]) -> MemTable {
    let schema = Arc::new(Schema::new(vec![
        Field::new("plan", DataType::Utf8, false),
        Field::new("duration", DataType::Int64, true),
        Field::new("churned", DataType::Boolean, true),
    ]));
    let n = rows.len();
    let batch = |range: std::ops::Range<usize>| {
        let rows = &rows[range];
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| &r.0))),
            Arc::new(Int64Array::from_iter(rows.iter().map(|r| r.1))),
            Arc::new(BooleanArray::from_iter(rows.iter().map(|r| r.2))),
        ];
        RecordBatch::try_new(schema.clone(), columns).unwrap()
    };
    let partitions: Vec<Vec<RecordBatch>> = (0..4)
        .map(|p| {
            let (start, end) = (p * n / 4, (p + 1) * n / 4);
            let middle = (start + end) / 2;
            vec![batch(start..middle), batch(middle..end)]
        })
        .collect();
    MemTable::try_new(schema, partitions).unwrap()
}

fn context(partitions: usize, rows: &[(String, Option<i64>, Option<bool>)]) -> SessionContext {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    satisfaction::datafusion::register(&ctx).unwrap();
    ctx.register_table("customers", Arc::new(table(rows)))
        .unwrap();
    ctx
}

async fn query(ctx: &SessionContext, sql: &str) -> datafusion::error::Result<RecordBatch> {
    let batches = ctx.sql(sql).await?.collect().await?;
    let schema = batches
        .first()
        .map(|b| b.schema())
        .unwrap_or_else(|| Arc::new(Schema::empty()));
    Ok(concat_batches(&schema, &batches)?)
}

/// The library's curve of the customers whose plan passes `keep`, and the rows skipped.
fn library(
    rows: &[(String, Option<i64>, Option<bool>)],
    keep: impl Fn(&str) -> bool,
) -> (KaplanMeierSummary, u64) {
    let mut km = KaplanMeier::default();
    let mut missing = 0;
    for (_, duration, churned) in rows.iter().filter(|r| keep(&r.0)) {
        match (duration, churned) {
            (Some(d), Some(c)) => km.try_push(u64::try_from(*d).unwrap(), *c).unwrap(),
            _ => missing += 1,
        }
    }
    (km.summary().unwrap(), missing)
}

/// The groups of a query: `'all'` ungrouped, each plan grouped.
fn grouping(grouped: bool) -> (&'static str, &'static str) {
    if grouped {
        ("plan", " GROUP BY plan")
    } else {
        ("'all'", "")
    }
}

/// One step as SQL returns it.
#[derive(Debug, PartialEq)]
struct Step {
    time: u64,
    at_risk: u64,
    events: u64,
    censored: u64,
    survival: f64,
    std_err: f64,
    lower: Option<f64>,
    upper: Option<f64>,
    missing: u64,
}

/// group -> steps of `kaplan_meier(duration, churned{options})`.
async fn curves(ctx: &SessionContext, grouped: bool, options: &str) -> BTreeMap<String, Vec<Step>> {
    let (select, group) = grouping(grouped);
    let sql = format!(
        "SELECT g, s['time'], s['at_risk'], s['events'], s['censored'], s['survival'], \
         s['std_err'], s['lower'], s['upper'], s['missing'] \
         FROM (SELECT {select} AS g, unnest(kaplan_meier(duration, churned{options})) AS s \
               FROM customers{group})"
    );
    let b = query(ctx, &sql).await.unwrap();
    let mut out: BTreeMap<String, Vec<Step>> = BTreeMap::new();
    let count = |c: usize, i: usize| b.column(c).as_primitive::<UInt64Type>().value(i);
    let float = |c: usize, i: usize| {
        let a = b.column(c).as_primitive::<Float64Type>();
        a.is_valid(i).then(|| a.value(i))
    };
    for i in 0..b.num_rows() {
        out.entry(b.column(0).as_string::<i32>().value(i).to_owned())
            .or_default()
            .push(Step {
                time: count(1, i),
                at_risk: count(2, i),
                events: count(3, i),
                censored: count(4, i),
                survival: float(5, i).unwrap(),
                std_err: float(6, i).unwrap(),
                lower: float(7, i),
                upper: float(8, i),
                missing: count(9, i),
            });
    }
    // The steps come in time order within a group's list; unnest keeps it.
    out
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Checks a group's SQL steps against the library's curve.
fn check_curve(
    what: &str,
    got: &[Step],
    (summary, missing): &(KaplanMeierSummary, u64),
    level: ConfidenceLevel,
    method: SurvivalInterval,
) {
    let steps = summary.steps();
    let intervals = summary.intervals(level, method);
    assert_eq!(got.len(), steps.len(), "{what}: steps");
    for ((g, s), ci) in got.iter().zip(steps).zip(&intervals) {
        assert_eq!(
            (g.time, g.at_risk, g.events, g.censored, g.missing),
            (s.time(), s.at_risk(), s.events(), s.censored(), *missing),
            "{what}: step {g:?}"
        );
        assert!(
            close(g.survival, s.survival())
                && close(g.std_err, s.std_err())
                && close_opt(g.lower, ci.map(|ci| ci.lower()))
                && close_opt(g.upper, ci.map(|ci| ci.upper())),
            "{what}: {g:?} against {s:?} {ci:?}"
        );
    }
}

const PLANS: [&str; 3] = ["annual", "enterprise", "monthly"];

#[tokio::test]
async fn kaplan_meier_equals_the_library_at_every_partitioning() {
    let rows = customers();
    let all = library(&rows, |_| true);
    assert!(all.1 > 0, "the data has NULL rows");
    let per_plan: Vec<_> = PLANS.iter().map(|p| library(&rows, |x| x == *p)).collect();
    for partitions in [1, 4, 16] {
        let ctx = context(partitions, &rows);
        for (options, level, method) in [
            ("", ConfidenceLevel::P95, SurvivalInterval::Log),
            (
                ", 0.9, 'log-log'",
                ConfidenceLevel::P90,
                SurvivalInterval::LogLog,
            ),
            (
                ", 0.99, 'plain'",
                ConfidenceLevel::P99,
                SurvivalInterval::Plain,
            ),
        ] {
            let ungrouped = curves(&ctx, false, options).await;
            let what = format!("{partitions} partitions{options}");
            check_curve(
                &format!("{what}, all"),
                &ungrouped["all"],
                &all,
                level,
                method,
            );
            let grouped = curves(&ctx, true, options).await;
            assert_eq!(grouped.len(), PLANS.len());
            for (plan, expected) in PLANS.iter().zip(&per_plan) {
                check_curve(
                    &format!("{what}, {plan}"),
                    &grouped[*plan],
                    expected,
                    level,
                    method,
                );
            }
        }
    }
}

/// group -> (median, lower, upper, n, events, missing).
type Median = (Option<f64>, Option<f64>, Option<f64>, u64, u64, u64);

async fn medians(ctx: &SessionContext, grouped: bool, options: &str) -> BTreeMap<String, Median> {
    let (select, group) = grouping(grouped);
    let sql = format!(
        "SELECT g, m['median'], m['lower'], m['upper'], m['n'], m['events'], m['missing'] \
         FROM (SELECT {select} AS g, median_lifetime(duration, churned{options}) AS m \
               FROM customers{group})"
    );
    let b = query(ctx, &sql).await.unwrap();
    let float = |c: usize, i: usize| {
        let a = b.column(c).as_primitive::<Float64Type>();
        a.is_valid(i).then(|| a.value(i))
    };
    let count = |c: usize, i: usize| b.column(c).as_primitive::<UInt64Type>().value(i);
    (0..b.num_rows())
        .map(|i| {
            (
                b.column(0).as_string::<i32>().value(i).to_owned(),
                (
                    float(1, i),
                    float(2, i),
                    float(3, i),
                    count(4, i),
                    count(5, i),
                    count(6, i),
                ),
            )
        })
        .collect()
}

#[tokio::test]
async fn median_lifetime_equals_the_library_at_every_partitioning() {
    let rows = customers();
    let expected = |keep: &dyn Fn(&str) -> bool, level, method| {
        let (summary, missing) = library(&rows, keep);
        let (lower, upper) = summary.median_interval(level, method);
        (
            summary.median(),
            lower,
            upper,
            summary.count(),
            summary.events(),
            missing,
        )
    };
    // The enterprise plan keeps most of its customers: its median is not reached (NULL).
    let enterprise = expected(
        &|p| p == "enterprise",
        ConfidenceLevel::P95,
        SurvivalInterval::Log,
    );
    assert_eq!(enterprise.0, None);
    assert!(
        expected(
            &|p| p == "monthly",
            ConfidenceLevel::P95,
            SurvivalInterval::Log
        )
        .0
        .is_some()
    );
    for partitions in [1, 4, 16] {
        let ctx = context(partitions, &rows);
        for (options, level, method) in [
            ("", ConfidenceLevel::P95, SurvivalInterval::Log),
            (
                ", 0.8, 'log_log'",
                ConfidenceLevel::new(0.8).unwrap(),
                SurvivalInterval::LogLog,
            ),
        ] {
            let mut want: BTreeMap<String, Median> = BTreeMap::new();
            want.insert("all".into(), expected(&|_| true, level, method));
            let ungrouped = medians(&ctx, false, options).await;
            let grouped = medians(&ctx, true, options).await;
            for plan in PLANS {
                want.insert(plan.into(), expected(&|p| p == plan, level, method));
            }
            for (group, got) in ungrouped.iter().chain(&grouped) {
                let w = &want[group];
                assert!(
                    close_opt(got.0, w.0)
                        && close_opt(got.1, w.1)
                        && close_opt(got.2, w.2)
                        && (got.3, got.4, got.5) == (w.3, w.4, w.5),
                    "{partitions} partitions{options}, {group}: {got:?} against {w:?}"
                );
            }
            assert_eq!(grouped.len(), PLANS.len());
        }
    }
}

#[tokio::test]
async fn null_rows_are_skipped_and_counted_and_a_group_without_customers_is_null() {
    let rows: Vec<(String, Option<i64>, Option<bool>)> = vec![
        ("a".into(), Some(3), Some(true)),
        ("a".into(), None, Some(true)),
        ("a".into(), Some(5), None),
        ("a".into(), Some(5), Some(false)),
        ("b".into(), None, None),
        ("b".into(), Some(2), None),
    ];
    let ctx = context(4, &rows);
    let b = query(
        &ctx,
        "SELECT plan, median_lifetime(duration, churned)['n'] AS n, \
                median_lifetime(duration, churned)['missing'] AS missing, \
                median_lifetime(duration, churned) IS NULL AS null_median, \
                kaplan_meier(duration, churned) IS NULL AS null_curve \
         FROM customers GROUP BY plan ORDER BY plan",
    )
    .await
    .unwrap();
    let n = b.column(1).as_primitive::<UInt64Type>();
    let missing = b.column(2).as_primitive::<UInt64Type>();
    assert_eq!((n.value(0), missing.value(0)), (2, 2));
    // Plan b has only NULL rows: no curve and no median, never zeros.
    assert!(n.is_null(1) && missing.is_null(1));
    for column in [3, 4] {
        let flags = b.column(column).as_boolean();
        assert!(!flags.value(0) && flags.value(1), "column {column}");
    }
    // The curve of plan a: 3 (churned), 5 (censored), each step counting the 2 skipped rows.
    let steps = curves(&ctx, true, "").await;
    assert!(!steps.contains_key("b"));
    let a = &steps["a"];
    assert_eq!(
        a.iter()
            .map(|s| (s.time, s.at_risk, s.events, s.censored, s.missing))
            .collect::<Vec<_>>(),
        [(3, 2, 1, 0, 2), (5, 1, 0, 1, 2)]
    );
    assert_eq!(a[0].survival, 0.5);
    // Ungrouped over no rows at all: NULL.
    let none = query(
        &ctx,
        "SELECT kaplan_meier(duration, churned), median_lifetime(duration, churned) \
         FROM customers WHERE plan = 'z'",
    )
    .await
    .unwrap();
    assert!(none.column(0).is_null(0) && none.column(1).is_null(0));
}

#[tokio::test]
async fn durations_of_any_integer_type_and_filters_are_read() {
    let ctx = SessionContext::new();
    satisfaction::datafusion::register(&ctx).unwrap();
    let schema = Arc::new(Schema::new(vec![
        Field::new("weeks", DataType::UInt32, true),
        Field::new("gone", DataType::Boolean, true),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(UInt32Array::from(vec![
                Some(1),
                Some(4),
                None,
                Some(4),
                Some(9),
            ])),
            Arc::new(BooleanArray::from(vec![true, true, true, false, true])),
        ],
    )
    .unwrap();
    ctx.register_table(
        "t",
        Arc::new(MemTable::try_new(schema, vec![vec![batch]]).unwrap()),
    )
    .unwrap();
    let b = query(
        &ctx,
        "SELECT m['median'], m['missing'] FROM ( \
           SELECT median_lifetime(weeks, gone) AS m FROM t)",
    )
    .await
    .unwrap();
    let mut km = KaplanMeier::default();
    km.try_extend_from_slices(&[1, 4, 4, 9], &[true, true, false, true])
        .unwrap();
    assert_eq!(
        b.column(0).as_primitive::<Float64Type>().value(0),
        km.summary().unwrap().median().unwrap()
    );
    assert_eq!(b.column(1).as_primitive::<UInt64Type>().value(0), 1);
    let signed = query(
        &ctx,
        "SELECT median_lifetime(CAST(weeks AS SMALLINT), gone)['n'] FROM t",
    )
    .await
    .unwrap();
    assert_eq!(signed.column(0).as_primitive::<UInt64Type>().value(0), 4);
    let filtered = query(
        &ctx,
        "SELECT f['n'], f['missing'] FROM ( \
           SELECT median_lifetime(weeks, gone) FILTER (WHERE weeks > 1) AS f FROM t)",
    )
    .await
    .unwrap();
    assert_eq!(filtered.column(0).as_primitive::<UInt64Type>().value(0), 3);
    assert_eq!(filtered.column(1).as_primitive::<UInt64Type>().value(0), 0);
}

/// The query's error, whether planning or execution refused it.
async fn failure(ctx: &SessionContext, sql: &str) -> String {
    match ctx.sql(sql).await {
        Err(e) => e.to_string(),
        Ok(df) => match df.collect().await {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{sql} succeeded"),
        },
    }
}

#[tokio::test]
async fn bad_input_and_options_are_errors_naming_the_value() {
    let mut rows = customers();
    rows[1234].1 = Some(-3);
    for partitions in [1, 4] {
        let ctx = context(partitions, &rows);
        for f in ["kaplan_meier", "median_lifetime"] {
            let e = failure(
                &ctx,
                &format!("SELECT {f}(duration, churned) FROM customers"),
            )
            .await;
            assert!(
                e.contains(f) && e.contains("-3") && e.contains("negative"),
                "{e}"
            );
            let e = failure(
                &ctx,
                &format!("SELECT plan, {f}(duration, churned) FROM customers GROUP BY plan"),
            )
            .await;
            assert!(e.contains("-3"), "{e}");
        }
    }
    let ctx = context(2, &customers());
    let too_long = failure(
        &ctx,
        "SELECT kaplan_meier(duration * 1000000000000000, churned) FROM customers",
    )
    .await;
    assert!(too_long.contains("too long"), "{too_long}");
    for (call, says) in [
        ("kaplan_meier(duration, churned, 1.5)", "level"),
        (
            "median_lifetime(duration, churned, 0.95, 'arcsine')",
            "arcsine",
        ),
        ("median_lifetime(duration, churned, 'high')", "number"),
        (
            "kaplan_meier(duration, churned, 0.95, 'log', 3)",
            "at most 2 options",
        ),
        ("kaplan_meier(duration)", "churn"),
        ("kaplan_meier(duration, 1)", "Boolean"),
        ("kaplan_meier(CAST(duration AS DOUBLE), churned)", "integer"),
        ("kaplan_meier(plan, churned)", "integer"),
        (
            "median_lifetime(duration, churned, duration / 100.0)",
            "literal",
        ),
    ] {
        let e = failure(&ctx, &format!("SELECT {call} FROM customers")).await;
        assert!(e.contains(says), "{call}: {e}");
    }
}
