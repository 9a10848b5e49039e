//! `sentiment(text)`, `theme(text, rule)` and `sentiment_summary(text)` in SQL equal the
//! library's own: row by row for the scalar functions, at 1, 4 and 16 partitions, ungrouped and
//! per channel for the aggregate; NULL text is NULL (or skipped and counted); bad rules, levels
//! and types are errors.

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::compute::concat_batches;
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Schema, UInt64Type};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use satisfaction::text::{SentimentAggregate, SentimentClass, Theme, sentiment};
use satisfaction::{Aggregator, ConfidenceLevel, ProportionMethod};

/// `examples/data/comments.csv`: (respondent, channel, NPS, comment; an empty comment is NULL).
fn comments() -> Vec<(String, String, i64, Option<String>)> {
    let mut reader =
        csv::Reader::from_reader(include_str!("../../examples/data/comments.csv").as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_owned(),
                r[2].to_owned(),
                r[3].parse().unwrap(),
                (!r[4].is_empty()).then(|| r[4].to_owned()),
            )
        })
        .collect()
}

fn context(partitions: usize) -> SessionContext {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    satisfaction::datafusion::register(&ctx).unwrap();
    let rows = comments();
    let schema = Arc::new(Schema::new(vec![
        Field::new("respondent", DataType::Utf8, false),
        Field::new("channel", DataType::Utf8, false),
        Field::new("nps", DataType::Int64, false),
        Field::new("comment", DataType::Utf8, true),
    ]));
    let n = rows.len();
    let partitions: Vec<Vec<RecordBatch>> = (0..4)
        .map(|p| {
            let rows = &rows[p * n / 4..(p + 1) * n / 4];
            let columns: Vec<ArrayRef> = vec![
                Arc::new(StringArray::from_iter_values(rows.iter().map(|r| &r.0))),
                Arc::new(StringArray::from_iter_values(rows.iter().map(|r| &r.1))),
                Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.2))),
                Arc::new(StringArray::from_iter(rows.iter().map(|r| r.3.as_deref()))),
            ];
            vec![RecordBatch::try_new(schema.clone(), columns).unwrap()]
        })
        .collect();
    ctx.register_table(
        "comments",
        Arc::new(MemTable::try_new(schema, partitions).unwrap()),
    )
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

const RULE: &str = "wait* OR \"on hold\" OR (refund AND NOT \"got my refund\")";

#[tokio::test]
async fn sentiment_and_theme_equal_the_library_row_by_row() {
    let rows = comments();
    let expected: BTreeMap<&str, &Option<String>> =
        rows.iter().map(|r| (r.0.as_str(), &r.3)).collect();
    assert!(
        expected.values().any(|c| c.is_none()),
        "the data has NULL comments"
    );
    let theme = Theme::parse("waiting", RULE).unwrap();
    let rule = RULE.replace('\'', "''");
    for partitions in [1, 4] {
        let ctx = context(partitions);
        for column in [
            "comment",
            "arrow_cast(comment, 'LargeUtf8')",
            "arrow_cast(comment, 'Utf8View')",
        ] {
            let b = query(
                &ctx,
                &format!(
                    "SELECT respondent, sentiment({column}), theme({column}, '{rule}') \
                     FROM comments"
                ),
            )
            .await
            .unwrap();
            assert_eq!(b.num_rows(), rows.len());
            let scores = b.column(1).as_primitive::<Float64Type>();
            let flags = b.column(2).as_boolean();
            let mut matched = 0;
            for i in 0..b.num_rows() {
                let respondent = b.column(0).as_string::<i32>().value(i);
                match expected[respondent] {
                    Some(text) => {
                        assert_eq!(
                            scores.value(i).to_bits(),
                            sentiment(text).compound().to_bits(),
                            "{respondent}: {text}"
                        );
                        assert_eq!(flags.value(i), theme.matches(text), "{respondent}: {text}");
                        matched += usize::from(flags.value(i));
                    }
                    None => assert!(scores.is_null(i) && flags.is_null(i), "{respondent}"),
                }
            }
            assert!(
                matched > 10 && matched < rows.len() / 2,
                "{matched} matches"
            );
        }
    }
    // Literals and NULLs.
    let ctx = context(1);
    let b = query(
        &ctx,
        "SELECT sentiment('Great service, thank you!'), sentiment(NULL), \
                theme('Waited 40 minutes ON HOLD', 'wait*'), theme(NULL, 'wait*'), \
                theme('all good', 'wait*')",
    )
    .await
    .unwrap();
    assert_eq!(b.column(0).as_primitive::<Float64Type>().value(0), 0.784);
    assert!(b.column(1).is_null(0) && b.column(3).is_null(0));
    assert!(b.column(2).as_boolean().value(0));
    assert!(!b.column(4).as_boolean().value(0));
}

/// The library's aggregate of the comments whose channel passes `keep`, and the NULL comments.
fn library(keep: impl Fn(&str) -> bool) -> (SentimentAggregate, u64) {
    let mut all = SentimentAggregate::default();
    let mut missing = 0;
    for (_, _, _, comment) in comments().iter().filter(|r| keep(&r.1)) {
        match comment {
            Some(text) => all.try_push(text.as_str()).unwrap(),
            None => missing += 1,
        }
    }
    (all, missing)
}

const FLOATS: [&str; 12] = [
    "mean",
    "mean_lower",
    "mean_upper",
    "positive_share",
    "positive_lower",
    "positive_upper",
    "neutral_share",
    "neutral_lower",
    "neutral_upper",
    "negative_share",
    "negative_lower",
    "negative_upper",
];
const COUNTS: [&str; 5] = ["n", "positive", "neutral", "negative", "missing"];

/// The library's numbers in the order of `FLOATS` and `COUNTS`.
fn numbers(
    (aggregate, missing): &(SentimentAggregate, u64),
    level: ConfidenceLevel,
    method: ProportionMethod,
) -> (Vec<f64>, Vec<u64>) {
    let s = aggregate.summary().unwrap();
    let mean = s.mean_interval(level);
    let mut floats = vec![s.mean(), mean.lower(), mean.upper()];
    for class in [
        SentimentClass::Positive,
        SentimentClass::Neutral,
        SentimentClass::Negative,
    ] {
        let ci = s.share_interval(class, level, method);
        floats.extend([s.share(class), ci.lower(), ci.upper()]);
    }
    let counts = vec![s.count(), s.positive(), s.neutral(), s.negative(), *missing];
    (floats, counts)
}

/// group -> (floats, counts) of `{call}` (a struct-valued expression over `comments`).
async fn summaries(
    ctx: &SessionContext,
    call: &str,
    grouped: bool,
) -> BTreeMap<String, (Vec<f64>, Vec<u64>)> {
    let (select, group) = if grouped {
        ("channel", " GROUP BY channel")
    } else {
        ("'all'", "")
    };
    let fields: Vec<String> = FLOATS
        .iter()
        .chain(&COUNTS)
        .map(|f| format!("s['{f}']"))
        .collect();
    let sql = format!(
        "SELECT g, {} FROM (SELECT {select} AS g, {call} AS s FROM comments{group})",
        fields.join(", ")
    );
    let b = query(ctx, &sql).await.unwrap();
    (0..b.num_rows())
        .map(|i| {
            let floats = (0..FLOATS.len())
                .map(|c| b.column(1 + c).as_primitive::<Float64Type>().value(i))
                .collect();
            let counts = (0..COUNTS.len())
                .map(|c| {
                    b.column(1 + FLOATS.len() + c)
                        .as_primitive::<UInt64Type>()
                        .value(i)
                })
                .collect();
            (
                b.column(0).as_string::<i32>().value(i).to_owned(),
                (floats, counts),
            )
        })
        .collect()
}

#[tokio::test]
async fn sentiment_summary_equals_the_library_at_every_partitioning() {
    let channels = ["app", "chat", "email", "phone"];
    let all = library(|_| true);
    assert!(all.1 > 0);
    let per_channel: Vec<_> = channels.iter().map(|c| library(|x| x == *c)).collect();
    let level90 = ConfidenceLevel::new(0.9).unwrap();
    for partitions in [1, 4, 16] {
        let ctx = context(partitions);
        for (options, level, method) in [
            ("", ConfidenceLevel::P95, ProportionMethod::Wilson),
            (", 0.9, 'jeffreys'", level90, ProportionMethod::Jeffreys),
        ] {
            let call = format!("sentiment_summary(comment{options})");
            let mut got = summaries(&ctx, &call, false).await;
            got.extend(summaries(&ctx, &call, true).await);
            assert_eq!(got.len(), 1 + channels.len());
            for (group, expected) in
                std::iter::once(("all", &all)).chain(channels.iter().copied().zip(&per_channel))
            {
                let (floats, counts) = &got[group];
                let (want_floats, want_counts) = numbers(expected, level, method);
                assert_eq!(
                    counts, &want_counts,
                    "{partitions} partitions{options}, {group}"
                );
                for ((name, a), b) in FLOATS.iter().zip(floats).zip(&want_floats) {
                    assert!(
                        (a - b).abs() <= 1e-12,
                        "{partitions} partitions{options}, {group}, {name}: {a} against {b}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn sentiment_summary_rollups_merge_exactly_and_null_groups_are_null() {
    let ctx = context(4);
    let direct = summaries(&ctx, "sentiment_summary(comment, 0.9)", true).await;
    ctx.sql(
        "CREATE TABLE daily AS SELECT channel, nps, sentiment_summary_state(comment) AS state \
         FROM comments GROUP BY channel, nps",
    )
    .await
    .unwrap()
    .collect()
    .await
    .unwrap();
    let b = query(
        &ctx,
        "SELECT channel, sentiment_summary_merge(state, 0.9)['mean'] AS mean, \
                sentiment_summary_merge(state, 0.9)['n'] AS n, \
                sentiment_summary_merge(state, 0.9)['missing'] AS missing \
         FROM daily GROUP BY channel ORDER BY channel",
    )
    .await
    .unwrap();
    assert_eq!(b.num_rows(), direct.len());
    for i in 0..b.num_rows() {
        let (floats, counts) = &direct[b.column(0).as_string::<i32>().value(i)];
        assert_eq!(
            b.column(1).as_primitive::<Float64Type>().value(i),
            floats[0]
        );
        assert_eq!(b.column(2).as_primitive::<UInt64Type>().value(i), counts[0]);
        assert_eq!(b.column(3).as_primitive::<UInt64Type>().value(i), counts[4]);
    }
    // A group of NULL comments only: NULL, never zeros.
    let b = query(
        &ctx,
        "SELECT sentiment_summary(comment) IS NULL FROM comments WHERE comment IS NULL",
    )
    .await
    .unwrap();
    assert!(b.column(0).as_boolean().value(0));
}

/// A hand-made state of `sentiment_summary_state` with these sums.
fn state(positive: u64, sum: i64, squares: i64) -> String {
    format!(
        "named_struct('version', arrow_cast({}, 'UInt32'), \
         'negative', arrow_cast(0, 'UInt64'), 'neutral', arrow_cast(0, 'UInt64'), \
         'positive', arrow_cast({positive}, 'UInt64'), \
         'sum_ten_thousandths', CAST({sum} AS DECIMAL(38, 0)), \
         'sum_squares_ten_thousandths', CAST({squares} AS DECIMAL(38, 0)), \
         'missing', arrow_cast(0, 'UInt64'))",
        satisfaction::state::STATE_VERSION
    )
}

#[tokio::test]
async fn bad_rules_levels_types_and_states_are_errors() {
    let ctx = context(2);
    let parser = Theme::parse("broken", "refund AND")
        .unwrap_err()
        .to_string();
    let e = failure(&ctx, "SELECT theme(comment, 'refund AND') FROM comments").await;
    assert!(e.contains(&parser), "{e} should contain {parser}");
    for (sql, says) in [
        ("SELECT theme(comment, channel) FROM comments", "literal"),
        ("SELECT theme(comment, NULL) FROM comments", "NULL"),
        ("SELECT theme(comment) FROM comments", "2 argument"),
        ("SELECT theme(nps, 'wait*') FROM comments", "text"),
        ("SELECT sentiment(nps) FROM comments", "text"),
        (
            "SELECT sentiment(comment, comment) FROM comments",
            "1 argument",
        ),
        (
            "SELECT sentiment_summary(comment, 1.5) FROM comments",
            "level",
        ),
        (
            "SELECT sentiment_summary(comment, 0.9, 'arcsine') FROM comments",
            "arcsine",
        ),
        ("SELECT sentiment_summary(nps) FROM comments", "Utf8"),
        (
            "SELECT sentiment_summary(comment, 0.9, 'wilson', 1) FROM comments",
            "at most 2",
        ),
    ] {
        let e = failure(&ctx, sql).await;
        assert!(e.contains(says), "{sql}: {e}");
    }
    // A state whose sums cannot come from one positive comment (a score of -0.05).
    let e = failure(
        &ctx,
        &format!(
            "SELECT sentiment_summary_merge({})",
            state(1, -500, 250_000)
        ),
    )
    .await;
    assert!(e.contains("sums outside"), "{e}");
    // The same shape with sums that can: one comment scoring 0.05.
    let b = query(
        &ctx,
        &format!(
            "SELECT sentiment_summary_merge({})['mean']",
            state(1, 500, 250_000)
        ),
    )
    .await
    .unwrap();
    assert_eq!(b.column(0).as_primitive::<Float64Type>().value(0), 0.05);
}
