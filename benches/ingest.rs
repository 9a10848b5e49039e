//! Ingestion, merge and summary benchmarks for the bounded-scale aggregators.
//!
//! `cargo bench --bench ingest`. The `bandwidth/sum_bytes` row is the memory-bandwidth reference:
//! summing the same bytes in a loop the compiler vectorises. Compare ratios to it, not absolute
//! times: these machines are noisy. With `--features simd` the scans also run forced to the
//! baseline instruction set (rows ending in `/baseline`), side by side in the same run.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::{
    Aggregator, Ces, CesScale, ConfidenceLevel, Csat, Grouped, Nps, NpsMethod, NpsScore,
};

mod common;

use common::scores;

const N: usize = 10_000_000;

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
    // With feature `simd`, each scan runs twice in this one run: on the instruction set the
    // dispatch picks (the plain name) and forced to the baseline (`.../baseline`).
    let paths: &[(&str, bool)] = if cfg!(feature = "simd") {
        &[("", false), ("/baseline", true)]
    } else {
        &[("", false)]
    };
    // 1,000 integer keys (agents), uniformly spread.
    let keys: Vec<u32> = scores(N, 0, 255)
        .iter()
        .zip(scores(N, 0, 3))
        .map(|(&a, b)| (u32::from(a) * 4 + u32::from(b)) % 1000)
        .collect();
    for &(suffix, baseline) in paths {
        satisfaction::simd::use_baseline(baseline);
        group.bench_function(format!("nps/try_extend_from_slice{suffix}"), |b| {
            b.iter(|| {
                let mut nps = Nps::default();
                nps.try_extend_from_slice(black_box(&nps_scores)).unwrap();
                nps
            })
        });
        group.bench_function(format!("csat/try_extend_from_slice{suffix}"), |b| {
            b.iter(|| {
                let mut csat = Csat::default();
                csat.try_extend_from_slice(black_box(&csat_ratings))
                    .unwrap();
                csat
            })
        });
        group.bench_function(format!("ces/try_extend_from_slice{suffix}"), |b| {
            b.iter(|| {
                let mut ces = Ces::new(CesScale::AGREEMENT_7);
                ces.try_extend_from_slice(black_box(&ces_ratings)).unwrap();
                ces
            })
        });
        let wide: Vec<u16> = nps_scores.iter().map(|&s| u16::from(s)).collect();
        group.bench_function(format!("nps/try_extend_from_slice_u16{suffix}"), |b| {
            b.iter(|| {
                let mut nps = Nps::default();
                nps.try_extend_from_slice(black_box(&wide)).unwrap();
                nps
            })
        });
        group.bench_function(
            format!("grouped_nps_1000_keys/try_extend_from_slices{suffix}"),
            |b| {
                b.iter(|| {
                    let mut grouped: Grouped<u32, Nps> = Grouped::default();
                    grouped
                        .try_extend_from_slices(black_box(&keys), black_box(&nps_scores))
                        .unwrap();
                    grouped
                })
            },
        );
    }
    satisfaction::simd::use_baseline(false);
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
    c.bench_function("nps/summary_with_default_interval", |bench| {
        bench.iter(|| {
            let s = black_box(&a).summary().unwrap();
            (
                s.score(),
                s.interval(ConfidenceLevel::P95, NpsMethod::default()),
            )
        })
    });
    for n in [50, 10_000] {
        let mut csat = Csat::default();
        csat.try_extend_from_slice(&scores(n, 1, 5)).unwrap();
        c.bench_function(&format!("csat/summary_with_intervals_n{n}"), |bench| {
            bench.iter(|| {
                let s = black_box(&csat).summary().unwrap();
                (
                    s.share_interval(ConfidenceLevel::P95, Default::default()),
                    s.mean_interval(ConfidenceLevel::P95),
                )
            })
        });
    }
    let mut ces = Ces::new(CesScale::AGREEMENT_7);
    ces.try_extend_from_slice(&scores(200, 1, 7)).unwrap();
    c.bench_function("ces/summary_with_intervals_n200", |bench| {
        bench.iter(|| {
            let s = black_box(&ces).summary().unwrap();
            (
                s.mean_interval(ConfidenceLevel::P95),
                s.low_effort_interval(ConfidenceLevel::P95, Default::default()),
            )
        })
    });
}

/// Ingestion cost grows linearly with n (constant throughput); merge cost does not depend on n.
fn scaling(c: &mut Criterion) {
    let all = scores(10_000_000, 0, 10);
    let mut group = c.benchmark_group("scaling_nps_slice");
    for n in [1_000usize, 100_000, 10_000_000] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("n={n}"), |b| {
            b.iter(|| {
                let mut nps = Nps::default();
                nps.try_extend_from_slice(black_box(&all[..n])).unwrap();
                nps
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("scaling_merge");
    for n in [1_000usize, 100_000, 10_000_000] {
        let mut a = Nps::default();
        a.try_extend_from_slice(&all[..n]).unwrap();
        let b = a.clone();
        group.bench_function(format!("nps/n={n}"), |bench| {
            bench.iter(|| {
                let mut x = black_box(&a).clone();
                x.merge(black_box(&b)).unwrap();
                x
            })
        });
    }
    group.finish();
}

criterion_group!(benches, slices, merge_and_summary, scaling);
criterion_main!(benches);
