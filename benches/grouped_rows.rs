//! One row at a time into `Grouped<u32, Nps>`: the streaming path (a key and a score per
//! event), against the batch path on the same rows.
//!
//! `cargo bench --bench grouped_rows`. 1M rows over 1,000 and 100,000 keys in a random order
//! (the worst case for any lookup structure), and over 1,000 keys arriving in runs of the same
//! key (sorted streams). The `btreemap_counts` rows are the reference a sorted map gives: a
//! `BTreeMap<u32, [u64; 3]>` counting the same rows, the structure `Grouped` used before.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::{Aggregator, Grouped, Nps, NpsScore};

mod common;

use common::scores;

const N: usize = 1_000_000;

/// Deterministic pseudo-random keys in `0..keys`.
fn keys(n: usize, keys: u32) -> Vec<u32> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % u64::from(keys)) as u32
        })
        .collect()
}

fn rows(c: &mut Criterion) {
    let raw = scores(N, 0, 10);
    let typed: Vec<NpsScore> = raw.iter().map(|&s| NpsScore::new(s).unwrap()).collect();
    let mut group = c.benchmark_group("grouped_rows_1M");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(20);
    for (label, k) in [
        ("1000_keys", keys(N, 1_000)),
        ("100000_keys", keys(N, 100_000)),
    ] {
        group.bench_function(format!("{label}/entry_push"), |b| {
            b.iter(|| {
                let mut grouped: Grouped<u32, Nps> = Grouped::default();
                for (&key, &score) in black_box(&k).iter().zip(&typed) {
                    grouped.entry(key).push(score);
                }
                grouped
            })
        });
        group.bench_function(format!("{label}/try_push"), |b| {
            b.iter(|| {
                let mut grouped: Grouped<u32, Nps> = Grouped::default();
                for (&key, &score) in black_box(&k).iter().zip(&raw) {
                    grouped.try_push(key, score).unwrap();
                }
                grouped
            })
        });
        group.bench_function(format!("{label}/btreemap_counts"), |b| {
            b.iter(|| {
                let mut map: BTreeMap<u32, [u64; 3]> = BTreeMap::new();
                for (&key, score) in black_box(&k).iter().zip(&typed) {
                    map.entry(key).or_insert([0; 3])[score.category().index()] += 1;
                }
                map
            })
        });
        group.bench_function(format!("{label}/try_extend_from_slices"), |b| {
            b.iter(|| {
                let mut grouped: Grouped<u32, Nps> = Grouped::default();
                grouped.try_extend_from_slices(black_box(&k), &raw).unwrap();
                grouped
            })
        });
    }
    let mut runs = keys(N, 1_000);
    runs.sort_unstable();
    group.bench_function("1000_keys_in_runs/entry_push", |b| {
        b.iter(|| {
            let mut grouped: Grouped<u32, Nps> = Grouped::default();
            for (&key, &score) in black_box(&runs).iter().zip(&typed) {
                grouped.entry(key).push(score);
            }
            grouped
        })
    });
    group.finish();
}

criterion_group!(benches, rows);
criterion_main!(benches);
