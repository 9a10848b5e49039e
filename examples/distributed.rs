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

use datafusion::arrow::array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::prelude::ParquetReadOptions;
use satisfaction::{Aggregator, Nps};

const RESPONSES: &str = include_str!("data/responses_2026.csv");

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // date,channel,nps  ->  one Parquet file per month.
    let mut months: BTreeMap<&str, Vec<(&str, &str, i64)>> = BTreeMap::new();
    let mut one_pass: BTreeMap<&str, Nps> = BTreeMap::new();
    for line in RESPONSES.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (date, channel, score) = (cells[0], cells[1], cells[2].parse::<u8>()?);
        months
            .entry(&date[..7])
            .or_default()
            .push((date, channel, i64::from(score)));
        one_pass.entry(channel).or_default().try_push(score)?;
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
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.0))),
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.1))),
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

    println!("\nNPS per channel, computed on the cluster (95% adjusted Wald):");
    ctx.sql(
        "SELECT channel,
                round(nps(score)['score'], 1) AS nps,
                round(nps(score)['lower'], 1) AS lower,
                round(nps(score)['upper'], 1) AS upper,
                nps(score)['n']               AS n
         FROM responses GROUP BY channel ORDER BY channel",
    )
    .await?
    .show()
    .await?;

    println!("The same figures from the crate's one-pass aggregator:");
    for (channel, nps) in &one_pass {
        if let Some(summary) = nps.summary() {
            println!("  {channel:<6} {summary}");
        }
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
