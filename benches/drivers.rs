//! Key-driver analysis: ingest of 14-driver rows (unweighted, weighted, with 200 bootstrap
//! replicates) and the analysis of a state (LMG and every other measure) for 14, 20 and 25
//! drivers.
//!
//! `cargo bench --bench drivers`. R's `relaimpo`-style LMG (`lm` on every subset) of 14 items
//! over 37,956 rows took 389 s on this machine (tests/reference/drivers/timing.txt).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::drivers::{Bootstrap, KeyDrivers};

/// `n` rows of `p` correlated ratings 1..=5 and an outcome, deterministic.
fn rows(n: usize, p: usize) -> Vec<(f64, Vec<Option<f64>>)> {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            let factor = next();
            let values: Vec<Option<f64>> = (0..p)
                .map(|_| Some((1.0 + 4.0 * (0.6 * factor + 0.4 * next())).round()))
                .collect();
            let outcome = values
                .iter()
                .enumerate()
                .map(|(j, v)| v.unwrap_or(0.0) * (1.0 + j as f64 % 4.0) / p as f64)
                .sum::<f64>()
                + 2.0 * next();
            (outcome, values)
        })
        .collect()
}

fn names(p: usize) -> Vec<String> {
    (0..p).map(|j| format!("item{j}")).collect()
}

fn ingest(c: &mut Criterion) {
    let (n, p) = (1_000_000, 14);
    let data = rows(n, p);
    let names = names(p);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut group = c.benchmark_group("drivers_ingest_14");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("try_push", |b| {
        b.iter(|| {
            let mut k = KeyDrivers::new(&names).unwrap();
            for (y, values) in black_box(&data) {
                k.try_push(*y, values).unwrap();
            }
            k
        })
    });
    group.bench_function("try_push_weighted", |b| {
        b.iter(|| {
            let mut k = KeyDrivers::new(&names).unwrap();
            for (i, (y, values)) in black_box(&data).iter().enumerate() {
                k.try_push_weighted(*y, values, 0.5 + (i % 4) as f64)
                    .unwrap();
            }
            k
        })
    });
    let small = &data[..20_000];
    group.throughput(Throughput::Elements(small.len() as u64));
    group.bench_function("try_push_keyed_200_replicates", |b| {
        b.iter(|| {
            let mut k = KeyDrivers::builder(&names)
                .bootstrap(Bootstrap::default())
                .build()
                .unwrap();
            for (i, (y, values)) in black_box(small).iter().enumerate() {
                k.try_push_keyed(i as u64, *y, values, 1.0).unwrap();
            }
            k
        })
    });
    group.finish();
}

fn analyse(c: &mut Criterion) {
    let mut group = c.benchmark_group("drivers_analyse");
    group.sample_size(10);
    for p in [14, 20, 25] {
        let names = names(p);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut k = KeyDrivers::new(&names).unwrap();
        for (y, values) in rows(5_000, p) {
            k.try_push(y, &values).unwrap();
        }
        group.bench_with_input(BenchmarkId::from_parameter(p), &k, |b, k| {
            b.iter(|| black_box(k).analyse().unwrap())
        });
    }
    group.finish();
}

/// The 37,956-row survey R's timing used (`python3 examples/data/make_drivers.py --rows 37956
/// --out /tmp/airline_survey_large.csv`; skipped when the file is not there): ingest and
/// analysis of the 14 items, against R's 389 s for the same LMG (tests/reference/drivers/timing.txt).
fn against_r(c: &mut Criterion) {
    let Ok(text) = std::fs::read_to_string("/tmp/airline_survey_large.csv") else {
        return;
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let skip = ["respondent_id", "cabin", "overall", "weight"];
    let items: Vec<&str> = header
        .iter()
        .copied()
        .filter(|h| !skip.contains(h))
        .collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap_or(0);
    let (overall, columns): (usize, Vec<usize>) =
        (at("overall"), items.iter().map(|i| at(i)).collect());
    let rows: Vec<(f64, Vec<Option<f64>>)> = lines
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let cell = |i: usize| f.get(i).and_then(|c| c.parse::<f64>().ok());
            (
                cell(overall).unwrap_or(0.0),
                columns.iter().map(|&i| cell(i)).collect(),
            )
        })
        .collect();
    let mut group = c.benchmark_group("drivers_against_r");
    group.sample_size(10);
    group.bench_function("airline_37956_rows_14_items", |b| {
        b.iter(|| {
            let mut k = KeyDrivers::new(&items).unwrap();
            for (y, values) in black_box(&rows) {
                k.try_push(*y, values).unwrap();
            }
            k.analyse().unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, ingest, analyse, against_r);
criterion_main!(benches);
