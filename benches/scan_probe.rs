//! A one-process probe of the batch scans: each scan on the instruction set the dispatch picks
//! and forced to the baseline, the sum-of-bytes reference, and polars counting the same file on
//! one thread, five runs each (one polars run after each of ours, so the ratios are paired),
//! reported as the median and the spread in ns per score.
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

    // Polars reads the same scores from a file; each run of ours is followed by one of
    // polars, so that both see the machine in the same state and the ratios are paired.
    let file = std::env::temp_dir().join(format!("satisfaction-nps-{}.u8", std::process::id()));
    let have_file = std::fs::write(&file, &nps).is_ok();
    let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
    let mut record = |name: &str, ns: f64| match rows.iter_mut().find(|(n, _)| n == name) {
        Some((_, runs)) => runs.push(ns),
        None => rows.push((name.to_owned(), vec![ns])),
    };
    let mut polars: Vec<f64> = Vec::new();
    let mut ratios: Vec<f64> = Vec::new();
    for _ in 0..RUNS {
        record(
            "sum of bytes (reference)",
            best_of(|| black_box(&nps).iter().fold(0u64, |s, &x| s + u64::from(x))),
        );
        let mut nps_ns = f64::NAN;
        for (suffix, baseline) in [("", false), (" (baseline)", true)] {
            simd::use_baseline(baseline);
            let ns = best_of(|| {
                let mut a = Nps::default();
                a.try_extend_from_slice(black_box(&nps)).map(|()| a)
            });
            if !baseline {
                nps_ns = ns;
            }
            record(&format!("Nps::try_extend_from_slice{suffix}"), ns);
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
        if let Some(ns) = have_file.then(|| polars_run(&file)).flatten() {
            polars.push(ns);
            ratios.push(ns / nps_ns);
        }
    }
    let _ = std::fs::remove_file(&file);

    println!(
        "{:<40} {:>9} {:>21}",
        "scan of 10M scores", "median", "spread (5 runs)"
    );
    for (name, runs) in &rows {
        let (median, low, high) = spread(runs.clone());
        println!("{name:<40} {median:>6.4} ns  [{low:.4} .. {high:.4}]");
    }
    if polars.len() == RUNS {
        let (median, low, high) = spread(polars);
        println!(
            "{:<40} {median:>6.4} ns  [{low:.4} .. {high:.4}]",
            "polars (s >= 9).sum(); (s <= 6).sum()"
        );
        let (r_median, r_low, r_high) = spread(ratios.clone());
        let listed: Vec<String> = ratios.iter().map(|r| format!("{r:.2}")).collect();
        println!(
            "polars time / Nps time, run by run: {} (median {r_median:.2}, spread {r_low:.2} .. {r_high:.2})",
            listed.join(", ")
        );
    } else {
        println!("polars: skipped (needs python3 with polars and numpy)");
    }
}

/// One polars run (the best of 20 timings, as ours) on the scores in `file`, in ns per score, or `None`
/// when Python or polars is missing.
fn polars_run(file: &std::path::Path) -> Option<f64> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/polars_probe.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(file)
        .arg("1")
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    String::from_utf8_lossy(&output.stdout).trim().parse().ok()
}
