//! Ingestion, merge and summary benchmarks for the bounded-scale aggregators.
//!
//! `cargo bench --bench ingest`. The `bandwidth/sum_bytes` row is the memory-bandwidth reference:
//! summing the same bytes in a loop the compiler vectorises. Compare ratios to it, not absolute
//! times: these machines are noisy.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::{Aggregator, Ces, CesScale, ConfidenceLevel, Csat, Nps, NpsMethod, NpsScore};

const N: usize = 10_000_000;

/// Deterministic pseudo-random bytes in `lo..=hi`.
fn scores(n: usize, lo: u8, hi: u8) -> Vec<u8> {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let span = u64::from(hi - lo) + 1;
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            lo + (seed % span) as u8
        })
        .collect()
}

fn slices(c: &mut Criterion) {
    let nps_scores = scores(N, 0, 10);
    let csat_ratings = scores(N, 1, 5);
    let ces_ratings = scores(N, 1, 7);
    let mut group = c.benchmark_group("slice_10M");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(20);
    group.bench_function("bandwidth/sum_bytes", |b| {
        b.iter(|| {
            black_box(&nps_scores)
                .iter()
                .fold(0u64, |s, &x| s + u64::from(x))
        })
    });
    group.bench_function("nps/try_extend_from_slice", |b| {
        b.iter(|| {
            let mut nps = Nps::default();
            nps.try_extend_from_slice(black_box(&nps_scores)).unwrap();
            nps
        })
    });
    group.bench_function("csat/try_extend_from_slice", |b| {
        b.iter(|| {
            let mut csat = Csat::default();
            csat.try_extend_from_slice(black_box(&csat_ratings))
                .unwrap();
            csat
        })
    });
    group.bench_function("ces/try_extend_from_slice", |b| {
        b.iter(|| {
            let mut ces = Ces::new(CesScale::AGREEMENT_7);
            ces.try_extend_from_slice(black_box(&ces_ratings)).unwrap();
            ces
        })
    });
    group.bench_function("nps/push_typed", |b| {
        let typed: Vec<NpsScore> = nps_scores
            .iter()
            .map(|&s| NpsScore::new(s).unwrap())
            .collect();
        b.iter(|| {
            let mut nps = Nps::default();
            for &s in black_box(&typed) {
                nps.push(s);
            }
            nps
        })
    });
    group.bench_function("nps/try_push", |b| {
        b.iter(|| {
            let mut nps = Nps::default();
            for &s in black_box(&nps_scores) {
                nps.try_push(s).unwrap();
            }
            nps
        })
    });
    group.finish();
}

fn merge_and_summary(c: &mut Criterion) {
    let a = Nps::from_counts(1_000, 2_000, 3_000).unwrap();
    let b = Nps::from_counts(4_000, 5_000, 6_000).unwrap();
    c.bench_function("nps/merge", |bench| {
        bench.iter(|| {
            let mut x = black_box(&a).clone();
            x.merge(black_box(&b)).unwrap();
            x
        })
    });
    c.bench_function("nps/summary_with_adjusted_wald", |bench| {
        bench.iter(|| {
            let s = black_box(&a).summary().unwrap();
            (
                s.score(),
                s.interval(ConfidenceLevel::P95, NpsMethod::AdjustedWald),
            )
        })
    });
    let mut csat = Csat::default();
    csat.try_extend_from_slice(&scores(10_000, 1, 5)).unwrap();
    c.bench_function("csat/summary_with_intervals", |bench| {
        bench.iter(|| {
            let s = black_box(&csat).summary().unwrap();
            (
                s.share_interval(ConfidenceLevel::P95, Default::default()),
                s.mean_interval(ConfidenceLevel::P95),
            )
        })
    });
}

criterion_group!(benches, slices, merge_and_summary);
criterion_main!(benches);
