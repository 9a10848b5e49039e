//! A one-process probe of the batch scans: each scan on the instruction set the dispatch picks
//! and forced to the baseline, the sum-of-bytes reference, and polars counting the same file on
//! one thread, five runs each, reported as the median and the spread in ns per score.
//!
//! `cargo bench --features simd --bench scan_probe`. Polars runs through
//! `benches/polars_probe.py` when `python3` with polars is on the path (otherwise its rows are
//! skipped). Criterion's `ingest` bench measures the same scans with confidence intervals; this
//! probe exists for the side-by-side with polars, which criterion cannot run.

use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

use satisfaction::{Ces, CesScale, Csat, Nps, simd};

mod common;

use common::scores;

const N: usize = 10_000_000;
const RUNS: usize = 5;

/// The best of 20 timings of `f`, in ns per score.
fn best_of<R>(mut f: impl FnMut() -> R) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..20 {
        let start = Instant::now();
        black_box(f());
        best = best.min(start.elapsed().as_secs_f64());
    }
    best / N as f64 * 1e9
}

/// Median, smallest and largest of five runs.
fn spread(mut runs: Vec<f64>) -> (f64, f64, f64) {
    runs.sort_by(f64::total_cmp);
    (runs[runs.len() / 2], runs[0], runs[runs.len() - 1])
}

fn main() {
    let nps = scores(N, 0, 10);
    let csat = scores(N, 1, 5);
    let ces = scores(N, 1, 7);
    println!("detected: {}", simd::detected());

    let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
    let mut record = |name: &str, ns: f64| match rows.iter_mut().find(|(n, _)| n == name) {
        Some((_, runs)) => runs.push(ns),
        None => rows.push((name.to_owned(), vec![ns])),
    };
    for _ in 0..RUNS {
        record(
            "sum of bytes (reference)",
            best_of(|| black_box(&nps).iter().fold(0u64, |s, &x| s + u64::from(x))),
        );
        for (suffix, baseline) in [("", false), (" (baseline)", true)] {
            simd::use_baseline(baseline);
            record(
                &format!("Nps::try_extend_from_slice{suffix}"),
                best_of(|| {
                    let mut a = Nps::default();
                    a.try_extend_from_slice(black_box(&nps)).map(|()| a)
                }),
            );
            record(
                &format!("Csat::try_extend_from_slice{suffix}"),
                best_of(|| {
                    let mut a = Csat::default();
                    a.try_extend_from_slice(black_box(&csat)).map(|()| a)
                }),
            );
            record(
                &format!("Ces::try_extend_from_slice{suffix}"),
                best_of(|| {
                    let mut a = Ces::new(CesScale::AGREEMENT_7);
                    a.try_extend_from_slice(black_box(&ces)).map(|()| a)
                }),
            );
        }
        simd::use_baseline(false);
    }

    let polars = polars_runs(&nps);
    let nps_median = spread(rows[1].1.clone()).0;
    println!(
        "{:<40} {:>9} {:>21}",
        "scan of 10M scores", "median", "spread (5 runs)"
    );
    for (name, runs) in &rows {
        let (median, low, high) = spread(runs.clone());
        println!("{name:<40} {median:>6.4} ns  [{low:.4} .. {high:.4}]");
    }
    match polars {
        Some(runs) => {
            let (median, low, high) = spread(runs.clone());
            println!(
                "{:<40} {median:>6.4} ns  [{low:.4} .. {high:.4}]",
                "polars (s >= 9).sum(); (s <= 6).sum()"
            );
            let ratios: Vec<f64> = runs.iter().map(|p| p / nps_median).collect();
            let (r_median, r_low, r_high) = spread(ratios);
            println!(
                "polars time / Nps time: median {r_median:.2}x, runs {r_low:.2}x .. {r_high:.2}x"
            );
        }
        None => println!("polars: skipped (needs python3 with polars and numpy)"),
    }
}

/// Polars' five runs on the same scores, or `None` when Python or polars is missing.
fn polars_runs(nps: &[u8]) -> Option<Vec<f64>> {
    let path = std::env::temp_dir().join(format!("satisfaction-nps-{}.u8", std::process::id()));
    std::fs::write(&path, nps).ok()?;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/polars_probe.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(&path)
        .arg(RUNS.to_string())
        .output();
    let _ = std::fs::remove_file(&path);
    let output = output.ok().filter(|o| o.status.success())?;
    let runs: Vec<f64> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.trim().parse().ok())
        .collect();
    (runs.len() == RUNS).then_some(runs)
}
