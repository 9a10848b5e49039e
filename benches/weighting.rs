//! Weighted aggregation benchmarks: ns per response for `WeightedNps` (typed `push` and the
//! checked `try_push`), `WeightedCsat`, merge and summary, and raking.
//!
//! `cargo bench --bench weighting`. The `nps/unweighted_push` row is the unweighted `Nps` on the
//! same scores, the floor of interest.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::weighting::{Raking, Weight, WeightedCsat, WeightedNps};
use satisfaction::{Aggregator, Nps, NpsScore};

const N: usize = 1_000_000;

/// Deterministic pseudo-random scores and log-uniform weights.
fn data(n: usize) -> Vec<(u8, f64)> {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let score = (seed % 11) as u8;
            let weight = 2f64.powf(((seed >> 20) % 1000) as f64 / 100.0 - 5.0);
            (score, weight)
        })
        .collect()
}

fn ingest(c: &mut Criterion) {
    let raw = data(N);
    let typed: Vec<(NpsScore, Weight)> = raw
        .iter()
        .map(|&(s, w)| (NpsScore::new(s).unwrap(), Weight::new(w).unwrap()))
        .collect();
    let scores: Vec<NpsScore> = typed.iter().map(|&(s, _)| s).collect();
    let mut group = c.benchmark_group("ingest_1M");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(20);
    group.bench_function("nps/unweighted_push", |b| {
        b.iter(|| {
            let mut nps = Nps::default();
            black_box(&scores).iter().for_each(|&s| nps.push(s));
            nps
        })
    });
    group.bench_function("weighted_nps/push", |b| {
        b.iter(|| {
            let mut nps = WeightedNps::default();
            black_box(&typed).iter().for_each(|&x| nps.push(x));
            nps
        })
    });
    group.bench_function("weighted_nps/try_push", |b| {
        b.iter(|| {
            let mut nps = WeightedNps::default();
            for &(s, w) in black_box(&raw) {
                nps.try_push(s, w).unwrap();
            }
            nps
        })
    });
    group.bench_function("weighted_csat/try_push", |b| {
        b.iter(|| {
            let mut csat = WeightedCsat::default();
            for &(s, w) in black_box(&raw) {
                csat.try_push(s % 5 + 1, w).unwrap();
            }
            csat
        })
    });
    group.finish();
}

fn merge_and_summary(c: &mut Criterion) {
    let raw = data(10_000);
    let mut a = WeightedNps::default();
    let mut b = WeightedNps::default();
    for (i, &(s, w)) in raw.iter().enumerate() {
        if i % 2 == 0 { &mut a } else { &mut b }
            .try_push(s, w)
            .unwrap();
    }
    let mut csat = WeightedCsat::default();
    raw.iter()
        .for_each(|&(s, w)| csat.try_push(s % 5 + 1, w).unwrap());
    c.bench_function("weighted_nps/merge", |bench| {
        bench.iter(|| {
            let mut total = black_box(&a).clone();
            total.merge(black_box(&b)).unwrap();
            total
        })
    });
    c.bench_function("weighted_nps/summary", |bench| {
        bench.iter(|| black_box(&a).summary())
    });
    c.bench_function("weighted_csat/summary", |bench| {
        bench.iter(|| black_box(&csat).summary())
    });
}

fn raking(c: &mut Criterion) {
    let raw = data(3000);
    let classes = ["business", "premium", "economy"];
    let genders = ["female", "male"];
    let ages = ["18-34", "35-54", "55+"];
    let rows: Vec<[&str; 3]> = raw
        .iter()
        .enumerate()
        .map(|(i, &(s, _))| {
            [
                classes[usize::from(s) % 3],
                genders[i % 2],
                ages[(i / 7 + usize::from(s)) % 3],
            ]
        })
        .collect();
    let flags: Vec<bool> = raw.iter().map(|&(s, _)| s >= 9).collect();
    let raking = Raking::builder()
        .margin(
            "class",
            &[("business", 0.15), ("premium", 0.15), ("economy", 0.7)],
        )
        .margin("gender", &[("female", 0.5), ("male", 0.5)])
        .margin("age", &[("18-34", 0.3), ("35-54", 0.4), ("55+", 0.3)])
        .build()
        .unwrap();
    let mut group = c.benchmark_group("raking_3000");
    group.throughput(Throughput::Elements(rows.len() as u64));
    group.bench_function("weights", |b| {
        b.iter(|| raking.weights(black_box(&rows)).unwrap())
    });
    group.bench_function("calibrated_proportion", |b| {
        b.iter(|| {
            raking
                .calibrated_proportion(black_box(&rows), black_box(&flags))
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, ingest, merge_and_summary, raking);
criterion_main!(benches);
