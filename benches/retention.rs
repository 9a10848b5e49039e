//! Retention curves: ingesting lifetimes (a batch of whole months, per row, typed), the
//! summary of a curve with 1,000 distinct durations and what a dashboard reads from it
//! (survival and intervals at a duration, the median with its limits, the restricted mean,
//! lifetime value), the whole R-style table, merging, and the log-rank test.
//!
//! `cargo bench --bench retention`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::retention::{KaplanMeier, Lifetime, SurvivalInterval, log_rank};
use satisfaction::{Aggregator, ConfidenceLevel};

/// Deterministic pseudo-random lifetimes: durations in `0..span`, about 70% churned.
fn lifetimes(n: usize, span: u64, seed: u64) -> (Vec<u64>, Vec<bool>) {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n).map(|_| (next() % span, next() % 10 < 7)).unzip()
}

const N: usize = 10_000_000;

fn ingest(c: &mut Criterion) {
    let (months, churned) = lifetimes(N, 61, 0x9e37_79b9_7f4a_7c15);
    let (days, days_churned) = lifetimes(N, 3_651, 0x2545_f491_4f6c_dd1d);
    let mut group = c.benchmark_group("ingest_10M");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(20);
    group.bench_function("batch/months", |b| {
        b.iter(|| {
            let mut km = KaplanMeier::default();
            km.try_extend_from_slices(black_box(&months), black_box(&churned))
                .unwrap();
            km
        })
    });
    group.bench_function("batch/months_capped_at_36", |b| {
        b.iter(|| {
            let mut km = KaplanMeier::with_cap(36).unwrap();
            km.try_extend_from_slices(black_box(&months), black_box(&churned))
                .unwrap();
            km
        })
    });
    group.bench_function("batch/days_to_10_years", |b| {
        b.iter(|| {
            let mut km = KaplanMeier::default();
            km.try_extend_from_slices(black_box(&days), black_box(&days_churned))
                .unwrap();
            km
        })
    });
    group.bench_function("row/try_push_months", |b| {
        b.iter(|| {
            let mut km = KaplanMeier::default();
            for (&d, &c) in black_box(&months).iter().zip(&churned) {
                km.try_push(d, c).unwrap();
            }
            km
        })
    });
    let typed: Vec<Lifetime> = months
        .iter()
        .zip(&churned)
        .map(|(&d, &c)| Lifetime::new(d, c).unwrap())
        .collect();
    group.bench_function("row/push_typed_months", |b| {
        b.iter(|| {
            let mut km = KaplanMeier::default();
            for &lifetime in black_box(&typed) {
                km.push(lifetime);
            }
            km
        })
    });
    group.bench_function("row/try_push_days", |b| {
        b.iter(|| {
            let mut km = KaplanMeier::default();
            for (&d, &c) in black_box(&days).iter().zip(&days_churned) {
                km.try_push(d, c).unwrap();
            }
            km
        })
    });
    group.finish();
}

/// A curve with exactly 1,000 distinct durations (0..1000, 100 customers each) and one whose
/// 1,000 durations are spread to 7,000 (most past the table, in the map).
fn curves() -> [(&'static str, KaplanMeier); 2] {
    let (d, c) = lifetimes(100_000, 1_000, 7);
    let mut dense = KaplanMeier::default();
    dense.try_extend_from_slices(&d, &c).unwrap();
    let spread: Vec<u64> = d.iter().map(|&d| d * 7).collect();
    let mut sparse = KaplanMeier::default();
    sparse.try_extend_from_slices(&spread, &c).unwrap();
    assert_eq!(dense.distinct_durations(), 1_000);
    assert_eq!(sparse.distinct_durations(), 1_000);
    [("1000_durations", dense), ("1000_durations_spread", sparse)]
}

fn summary(c: &mut Criterion) {
    let level = ConfidenceLevel::P95;
    for (name, km) in curves() {
        let mut group = c.benchmark_group(format!("summary_{name}"));
        group.bench_function("summary", |b| b.iter(|| black_box(&km).summary().unwrap()));
        let curve = km.summary().unwrap();
        let t = curve.last_time() / 2;
        group.bench_function("summary+survival+log_interval_at", |b| {
            b.iter(|| {
                let curve = black_box(&km).summary().unwrap();
                (
                    curve.survival_at(black_box(t)),
                    curve.interval_at(black_box(t), level, SurvivalInterval::Log),
                )
            })
        });
        for method in SurvivalInterval::ALL {
            group.bench_function(format!("interval_at/{}", method.key()), |b| {
                b.iter(|| black_box(&curve).interval_at(black_box(t), level, method))
            });
        }
        group.bench_function("median", |b| b.iter(|| black_box(&curve).median()));
        for method in [SurvivalInterval::Log, SurvivalInterval::LogLog] {
            group.bench_function(format!("median_interval/{}", method.key()), |b| {
                b.iter(|| black_box(&curve).median_interval(level, method))
            });
        }
        group.bench_function("restricted_mean", |b| {
            b.iter(|| black_box(&curve).restricted_mean(black_box(t)))
        });
        group.bench_function("lifetime_value", |b| {
            b.iter(|| black_box(&curve).lifetime_value(black_box(t), 49.0, 0.01))
        });
        for method in SurvivalInterval::ALL {
            group.bench_function(format!("summary+every_interval/{}", method.key()), |b| {
                b.iter(|| {
                    let curve = black_box(&km).summary().unwrap();
                    curve.intervals(level, method)
                })
            });
        }
        group.bench_function("merge", |b| {
            b.iter(|| {
                let mut total = km.clone();
                total.merge(black_box(&km)).unwrap();
                total
            })
        });
        group.finish();
    }
}

fn comparison(c: &mut Criterion) {
    let plans: Vec<_> = (0..3)
        .map(|i| {
            let (d, c) = lifetimes(100_000, 1_000, 11 + i);
            let mut km = KaplanMeier::default();
            km.try_extend_from_slices(&d, &c).unwrap();
            km.summary().unwrap()
        })
        .collect();
    let mut group = c.benchmark_group("log_rank");
    group.bench_function("3_curves_of_1000_durations", |b| {
        b.iter(|| log_rank(black_box(&plans)).unwrap())
    });
    group.bench_function("2_curves_of_1000_durations", |b| {
        b.iter(|| log_rank(black_box(&plans[..2])).unwrap())
    });
    group.finish();
}

criterion_group!(benches, ingest, summary, comparison);
criterion_main!(benches);
