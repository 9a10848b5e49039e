//! NPS per channel on an Apache Ballista cluster, from a partitioned Parquet dataset.
//!
//! `cargo run --example distributed --features ballista`
//!
//! Starts a Ballista scheduler and two executors inside this process (loopback ports), writes
//! the embedded 2026 responses (`examples/data/responses_2026.csv`) as one Parquet file per
//! month into a temp folder, and runs the crate's SQL functions on the cluster: the executors
//! aggregate the files into partial states (exact counts), Ballista shuffles those states
//! between them, and the final stage merges them. The answer is checked against the crate's
//! one-pass aggregator over the same rows.

use std::collections::BTreeMap;
use std::fs::File;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Schema, UInt64Type};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::prelude::ParquetReadOptions;
use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsMethod};

const RESPONSES: &str = include_str!("data/responses_2026.csv");

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // date,channel,nps  ->  one Parquet file per month.
    let mut months: BTreeMap<String, Vec<(String, String, i64)>> = BTreeMap::new();
    let mut one_pass: BTreeMap<String, Nps> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(RESPONSES.as_bytes());
    for record in reader.records() {
        let record = record?;
        let cell = |i| record.get(i).unwrap_or_default();
        let (date, channel, score) = (cell(0), cell(1), cell(2).parse::<u8>()?);
        months
            .entry(
                date.get(..7)
                    .ok_or("a date shorter than YYYY-MM")?
                    .to_owned(),
            )
            .or_default()
            .push((date.to_owned(), channel.to_owned(), i64::from(score)));
        one_pass
            .entry(channel.to_owned())
            .or_default()
            .try_push(score)?;
    }
    let dir = std::env::temp_dir().join(format!("satisfaction-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let schema = Arc::new(Schema::new(vec![
        Field::new("date", DataType::Utf8, false),
        Field::new("channel", DataType::Utf8, false),
        Field::new("score", DataType::Int64, false),
    ]));
    for (month, rows) in &months {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| &r.0))),
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| &r.1))),
            Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.2))),
        ];
        let file = File::create(dir.join(format!("responses-{month}.parquet")))?;
        let mut writer = ArrowWriter::try_new(file, schema.clone(), None)?;
        writer.write(&RecordBatch::try_new(schema.clone(), columns)?)?;
        writer.close()?;
    }
    println!("Wrote {} Parquet files to {}", months.len(), dir.display());

    // One scheduler and two executors with two task slots each, all with the functions.
    let ctx = satisfaction::datafusion::local_cluster(2, 2).await?;
    ctx.register_parquet(
        "responses",
        dir.to_str().ok_or("temp path is not UTF-8")?,
        ParquetReadOptions::default(),
    )
    .await?;

    println!("\nNPS per channel, computed on the cluster (95% Tango score interval):");
    let per_channel = ctx
        .sql(
            "SELECT channel,
                    nps(score)['score'] AS nps,
                    nps(score)['lower'] AS lower,
                    nps(score)['upper'] AS upper,
                    nps(score)['n']     AS n
             FROM responses GROUP BY channel ORDER BY channel",
        )
        .await?
        .collect()
        .await?;
    // The cluster's answer must be the crate's one-pass answer, to the last bit.
    let mut checked = 0;
    for batch in &per_channel {
        let channels = cast(batch.column(0), &DataType::Utf8)?;
        let channels = channels.as_string::<i32>();
        let [score, lower, upper] =
            [1, 2, 3].map(|c| batch.column(c).as_primitive::<Float64Type>());
        let counts = batch.column(4).as_primitive::<UInt64Type>();
        for row in 0..batch.num_rows() {
            let channel = channels.value(row);
            let summary = one_pass
                .get(channel)
                .and_then(Nps::summary)
                .ok_or_else(|| format!("the cluster returned an unknown channel {channel}"))?;
            let ci = summary.interval(ConfidenceLevel::default(), NpsMethod::default());
            let cluster = (
                score.value(row),
                lower.value(row),
                upper.value(row),
                counts.value(row),
            );
            if cluster != (summary.score(), ci.lower(), ci.upper(), summary.count()) {
                return Err(format!(
                    "{channel}: the cluster's {cluster:?} differs from one pass: {summary}"
                )
                .into());
            }
            println!(
                "  {channel:<6} {:+6.1}  [{:+6.1}, {:+6.1}]  n = {:>4}   (one pass: identical)",
                cluster.0, cluster.1, cluster.2, cluster.3
            );
            checked += 1;
        }
    }
    if checked != one_pass.len() {
        return Err(format!(
            "the cluster returned {checked} of {} channels",
            one_pass.len()
        )
        .into());
    }

    println!("\nMonthly partial states (a rollup table), merged into the year on the cluster:");
    ctx.sql(
        "SELECT channel,
                round(nps_merge(state)['score'], 1) AS nps,
                nps_merge(state)['n']               AS n
         FROM (SELECT substr(date, 1, 7) AS month, channel, nps_state(score) AS state
               FROM responses GROUP BY substr(date, 1, 7), channel)
         GROUP BY channel ORDER BY channel",
    )
    .await?
    .show()
    .await?;

    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
