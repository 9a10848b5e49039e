//! From numbers to a deliverable (features `report`, `xlsx`, `csv`): crosstab ingest, the
//! SPSS column-proportion letters of a crosstab, a family of segment-against-rest comparisons,
//! tables written as CSV and as an Excel workbook, and a whole report page.
//!
//! `cargo bench --features report,xlsx,csv --bench deliverables`. The peer for the crosstab
//! is pandas' `pd.crosstab` on the same rows: `python benches/crosstab_probe.py`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::compare::Significance;
use satisfaction::crosstab::Crosstab;
use satisfaction::report::Report;
use satisfaction::summary::ReportOptions;
use satisfaction::table::{Table, Workbook};
use satisfaction::{Aggregator, Grouped, Nps, NpsCategory, NpsScore, Period};

mod common;

/// One million answers: NPS scores 0..=10 and one of eight regions.
fn answers() -> Vec<(NpsScore, u8)> {
    let scores = common::scores(1_000_000, 0, 10);
    let regions = common::scores(1_000_000, 0, 7);
    scores
        .iter()
        .zip(&regions)
        .map(|(&s, &r)| (NpsScore::new(s).unwrap(), r))
        .collect()
}

fn crosstab(c: &mut Criterion) {
    let answers = answers();
    let mut group = c.benchmark_group("crosstab");
    group.throughput(Throughput::Elements(answers.len() as u64));
    group.bench_function("push 1M (score, region)", |b| {
        b.iter(|| {
            let mut table: Crosstab<NpsScore, u8> = Crosstab::new();
            table.extend(answers.iter().copied());
            black_box(table)
        });
    });
    group.bench_function("push 1M (NPS group, region)", |b| {
        b.iter(|| {
            let mut table: Crosstab<NpsCategory, u8> = Crosstab::new();
            table.extend(answers.iter().map(|&(s, r)| (s.category(), r)));
            black_box(table)
        });
    });
    group.finish();

    let mut table: Crosstab<NpsScore, u8> = Crosstab::new();
    table.extend(answers.iter().copied());
    let summary = table.summary().unwrap();
    c.bench_function("crosstab/summary 11 x 8", |b| {
        b.iter(|| black_box(&table).summary())
    });
    c.bench_function("crosstab/SPSS letters 11 x 8", |b| {
        b.iter(|| black_box(&summary).spss_column_tests())
    });
}

/// 1,000 agents with 200 answers each.
fn agents() -> Grouped<u32, Nps> {
    let scores = common::scores(200_000, 0, 10);
    let mut agents: Grouped<u32, Nps> = Grouped::default();
    for (i, chunk) in scores.chunks(200).enumerate() {
        agents.entry(i as u32).try_extend_from_slice(chunk).unwrap();
    }
    agents
}

fn comparisons(c: &mut Criterion) {
    let agents = agents();
    let mut group = c.benchmark_group("compare");
    group.throughput(Throughput::Elements(agents.len() as u64));
    group.bench_function("1,000 agents against the rest, Holm", |b| {
        b.iter(|| black_box(&agents).against_rest(&Significance::default()))
    });
    let summary = agents.summary().unwrap();
    group.bench_function("1,000 agents against the previous", |b| {
        b.iter(|| black_box(&summary).against_previous(&Significance::default()))
    });
    group.finish();
}

fn tables(c: &mut Criterion) {
    let summary = agents().summary().unwrap();
    let table = Table::from_grouped(
        "NPS by agent",
        &summary,
        &ReportOptions::default(),
        &["agent"],
    )
    .unwrap();
    let mut group = c.benchmark_group("table");
    group.throughput(Throughput::Elements(table.rows().len() as u64));
    group.bench_function("from_grouped 1,000 rows", |b| {
        b.iter(|| {
            Table::from_grouped(
                "NPS by agent",
                black_box(&summary),
                &ReportOptions::default(),
                &["agent"],
            )
        })
    });
    group.bench_function("CSV 1,000 rows", |b| b.iter(|| black_box(&table).to_csv()));
    group.bench_function("xlsx 1,000 rows", |b| {
        b.iter(|| {
            let mut workbook = Workbook::new();
            workbook.add(black_box(&table));
            workbook.to_bytes()
        })
    });
    group.finish();
}

fn report(c: &mut Criterion) {
    let scores = common::scores(120_000, 0, 10);
    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    let mut channels: Grouped<String, Nps> = Grouped::default();
    let mut month: Period = "2026-01".parse().unwrap();
    for (m, chunk) in scores.chunks(10_000).enumerate() {
        monthly.entry(month).try_extend_from_slice(chunk).unwrap();
        month = month.next().unwrap();
        for (i, part) in chunk.chunks(2_500).enumerate() {
            channels
                .entry(format!("channel {}", (i + m) % 4))
                .try_extend_from_slice(part)
                .unwrap();
        }
    }
    let months = monthly.summary().unwrap();
    c.bench_function("report/trend + segments + mix page", |b| {
        b.iter(|| {
            let mut report = Report::new("Bench");
            report
                .trend("NPS by month", "month", black_box(&months))
                .unwrap()
                .segments("NPS by channel", "channel", black_box(&channels))
                .unwrap()
                .nps_mix("Mix", "channel", &channels.summary().unwrap())
                .unwrap();
            report.to_html()
        })
    });
}

criterion_group!(benches, crosstab, comparisons, tables, report);
criterion_main!(benches);
