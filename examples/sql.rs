//! NPS and CSAT per channel in SQL, with intervals, through Apache DataFusion.
//!
//! `cargo run --example sql --features datafusion`
//!
//! Loads the embedded survey export (`examples/data/survey.csv`) into a DataFusion table and
//! runs the crate's aggregate functions as plain SQL, including the daily-rollup pattern.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::SessionContext;

const EXPORT: &str = include_str!("data/survey.csv");

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // respondent,date,channel,nps,csat,ces,resolved,reason,comment; empty cells are NULL and
    // malformed cells (e.g. "maybe") are dropped to NULL here, as a loader would.
    let (mut dates, mut channels, mut nps, mut csat) = (vec![], vec![], vec![], vec![]);
    let mut reader = csv::Reader::from_reader(EXPORT.as_bytes());
    for record in reader.records() {
        let record = record?;
        let cell = |i| record.get(i).unwrap_or_default();
        dates.push(cell(1).to_owned());
        channels.push(cell(2).to_owned());
        // Keep the survey's "11" and "0": SQL will report them, so filter them in the query.
        nps.push(cell(3).parse::<i64>().ok());
        csat.push(cell(4).parse::<i64>().ok());
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("date", DataType::Utf8, false),
        Field::new("channel", DataType::Utf8, false),
        Field::new("nps", DataType::Int64, true),
        Field::new("csat", DataType::Int64, true),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(dates)),
        Arc::new(StringArray::from(channels)),
        Arc::new(Int64Array::from(nps)),
        Arc::new(Int64Array::from(csat)),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns)?;

    let ctx = SessionContext::new();
    satisfaction::datafusion::register(&ctx)?;
    ctx.register_table(
        "responses",
        Arc::new(MemTable::try_new(schema, vec![vec![batch]])?),
    )?;

    println!("NPS and CSAT per channel (95%; Tango score for NPS, Wilson and Student t for CSAT):");
    ctx.sql(
        "SELECT channel,
                round(nps(nps)['score'], 1)  AS nps,
                round(nps(nps)['lower'], 1)  AS nps_lower,
                round(nps(nps)['upper'], 1)  AS nps_upper,
                nps(nps)['n']                AS n,
                nps(nps)['missing']          AS skipped,
                round(csat(csat) FILTER (WHERE csat BETWEEN 1 AND 5)['satisfied_share'], 3) AS csat,
                round(csat(csat) FILTER (WHERE csat BETWEEN 1 AND 5)['lower'], 3) AS csat_lower,
                round(csat(csat) FILTER (WHERE csat BETWEEN 1 AND 5)['upper'], 3) AS csat_upper,
                round(csat(csat) FILTER (WHERE csat BETWEEN 1 AND 5)['mean'], 2) AS csat_mean,
                round(csat(csat) FILTER (WHERE csat BETWEEN 1 AND 5)['mean_lower'], 2) AS mean_lower,
                round(csat(csat) FILTER (WHERE csat BETWEEN 1 AND 5)['mean_upper'], 2) AS mean_upper
         FROM responses
         WHERE nps BETWEEN 0 AND 10 OR nps IS NULL
         GROUP BY channel ORDER BY channel",
    )
    .await?
    .show()
    .await?;

    println!("An out-of-range score is a query error, not a silent skip:");
    match ctx
        .sql("SELECT nps(nps) FROM responses")
        .await?
        .collect()
        .await
    {
        Ok(_) => println!("  (no error?)"),
        Err(e) => println!("  {e}"),
    }

    println!("\nRollups: daily partial states, merged into the month exactly:");
    ctx.sql(
        "CREATE TABLE daily AS
         SELECT date, channel, nps_state(nps) AS nps_state
         FROM responses WHERE nps BETWEEN 0 AND 10 OR nps IS NULL
         GROUP BY date, channel",
    )
    .await?
    .collect()
    .await?;
    ctx.sql(
        "SELECT channel, round(nps_merge(nps_state)['score'], 1) AS nps, nps_merge(nps_state)['n'] AS n
         FROM daily GROUP BY channel ORDER BY channel",
    )
    .await?
    .show()
    .await?;
    Ok(())
}
