//! First-response-time sketch against its peers: keeping every value and sorting,
//! `hdrhistogram` (2 significant figures, 1 ms .. 1 year) and `sketches-ddsketch` (α = 1%),
//! on the same 1M log-normal durations (median 1 h, clamped to 1 ms .. 1 year).
//!
//! `cargo bench --bench frt_sketch`. Before the timings it prints each structure's memory and
//! its worst relative error over the quantiles p50 .. p99.9 against the exact sorted values.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use hdrhistogram::Histogram;
use satisfaction::support::DurationSketch;
use sketches_ddsketch::{Config, DDSketch};

const N: usize = 1_000_000;
const MS: u64 = 1_000_000;
const YEAR: u64 = 365 * 24 * 3600 * 1_000_000_000;

/// Log-normal response times in ns: median 1 h, σ = 1.5 (so p99 ≈ 33 h), clamped to 1 ms..1 y.
fn durations(n: usize) -> Vec<u64> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut uniform = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        ((seed >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            // Box-Muller.
            let z = (-2.0 * uniform().ln()).sqrt() * (std::f64::consts::TAU * uniform()).cos();
            let ns = 3600e9 * (1.5 * z).exp();
            (ns as u64).clamp(MS, YEAR)
        })
        .collect()
}

const QUANTILES: [f64; 6] = [0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

fn report(values: &[u64]) {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let exact = |q: f64| {
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1] as f64
    };
    let worst = |estimate: &dyn Fn(f64) -> f64| {
        QUANTILES
            .iter()
            .map(|&q| (estimate(q) - exact(q)).abs() / exact(q))
            .fold(0.0, f64::max)
    };

    let mut ours = DurationSketch::default();
    let mut hdr = Histogram::<u64>::new_with_bounds(MS, YEAR, 2).unwrap();
    let mut dd = DDSketch::new(Config::new(0.01, 2048, 1.0e-9));
    for &ns in values {
        ours.push_nanos(ns);
        hdr.record(ns).unwrap();
        dd.add(ns as f64);
    }
    println!("structure               memory      worst rel. error p50..p99.9");
    println!(
        "satisfaction sketch   {:>8} B    {:.3}%",
        ours.memory_bytes(),
        100.0 * worst(&|q| ours.quantile(q).unwrap().unwrap().as_nanos() as f64)
    );
    println!(
        "hdrhistogram 2 sf     {:>8} B    {:.3}%",
        hdr.distinct_values() * 8,
        100.0 * worst(&|q| hdr.value_at_quantile(q) as f64)
    );
    println!(
        "ddsketch alpha 1%     {:>8} bins  {:.3}%",
        dd.length(),
        100.0 * worst(&|q| dd.quantile(q).unwrap().unwrap())
    );
    println!("Vec<u64> + sort       {:>8} B    0%", values.len() * 8);
}

fn push(c: &mut Criterion) {
    let values = durations(N);
    report(&values);
    let mut group = c.benchmark_group("frt_push_1M");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(20);
    group.bench_function("satisfaction/DurationSketch::push", |b| {
        b.iter(|| {
            let mut sketch = DurationSketch::default();
            for &ns in black_box(&values) {
                sketch.push(Duration::from_nanos(ns));
            }
            sketch
        })
    });
    group.bench_function("hdrhistogram/record", |b| {
        b.iter(|| {
            let mut hdr = Histogram::<u64>::new_with_bounds(MS, YEAR, 2).unwrap();
            for &ns in black_box(&values) {
                hdr.saturating_record(ns);
            }
            hdr
        })
    });
    group.bench_function("ddsketch/add", |b| {
        b.iter(|| {
            let mut dd = DDSketch::new(Config::new(0.01, 2048, 1.0e-9));
            for &ns in black_box(&values) {
                dd.add(ns as f64);
            }
            dd
        })
    });
    group.bench_function("vec/push_then_sort", |b| {
        b.iter(|| {
            let mut all = Vec::new();
            for &ns in black_box(&values) {
                all.push(ns);
            }
            all.sort_unstable();
            all
        })
    });
    group.finish();
}

fn query_and_merge(c: &mut Criterion) {
    let values = durations(N);
    let (left, right) = values.split_at(N / 2);
    let build = |part: &[u64]| {
        let mut sketch = DurationSketch::default();
        part.iter().for_each(|&ns| sketch.push_nanos(ns));
        sketch
    };
    let (a, b) = (build(left), build(right));
    let mut hdr = Histogram::<u64>::new_with_bounds(MS, YEAR, 2).unwrap();
    values.iter().for_each(|&ns| hdr.saturating_record(ns));

    let mut group = c.benchmark_group("frt_query");
    group.bench_function("satisfaction/quantile_p90", |bench| {
        bench.iter(|| black_box(&a).quantile(black_box(0.9)))
    });
    group.bench_function("hdrhistogram/value_at_quantile_p90", |bench| {
        bench.iter(|| black_box(&hdr).value_at_quantile(black_box(0.9)))
    });
    group.bench_function("satisfaction/merge_two_500k", |bench| {
        bench.iter_batched(
            || a.clone(),
            |mut merged| {
                merged.merge(black_box(&b)).unwrap();
                merged
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, push, query_and_merge);
criterion_main!(benches);
