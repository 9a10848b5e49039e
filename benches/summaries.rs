//! Summary plus default interval at any n: the cost of a dashboard refresh, from a hundred
//! answers to 10^15 (a state merged from a whole warehouse). Every metric goes through the same
//! `Summary` trait, so the numbers are what generic code pays. The exact intervals that are not
//! defaults (Clopper-Pearson, Jeffreys, Garwood) and the order-statistic ranks behind FRT's
//! median interval are measured beside them.
//!
//! `cargo bench --bench summaries`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use satisfaction::interval::{poisson_rate, proportion, quantile_ranks};
use std::time::Duration;

use satisfaction::support::OneTouchRule;
use satisfaction::{
    Aggregator, Ces, CesScale, Churn, ConfidenceLevel, Csat, FirstContactResolution,
    FirstResponseTime, Nps, Proportion, ProportionMethod, RatingScale, Summary,
};

/// The sample sizes: a small survey, a large one, a year of a big helpdesk, a warehouse, and
/// past anything a u64 of seconds would hold.
const SIZES: [u64; 5] = [
    100,
    10_000,
    1_000_000_000,
    1_000_000_000_000,
    1_000_000_000_000_000,
];

/// `n` split into parts in the proportions of `weights`, the last taking the remainder.
fn split<const K: usize>(n: u64, weights: [u64; K]) -> [u64; K] {
    let total: u64 = weights.iter().sum();
    let mut parts = [0; K];
    let mut left = n;
    for (part, &w) in parts.iter_mut().zip(&weights).take(K - 1) {
        *part = n / total * w;
        left -= *part;
    }
    parts[K - 1] = left;
    parts
}

/// Builds the summary and its default interval at 95%, as a dashboard refresh does.
fn bench_summary<A>(c: &mut Criterion, name: &str, n: u64, aggregator: &A)
where
    A: Aggregator,
    A::Summary: Summary,
{
    c.bench_function(&format!("summary_default_interval/{name}/n={n:e}"), |b| {
        b.iter(|| {
            let summary = black_box(aggregator).summary().unwrap();
            (
                summary.estimate(),
                summary.default_interval(ConfidenceLevel::P95),
            )
        })
    });
}

fn summaries(c: &mut Criterion) {
    for n in SIZES {
        let [detractors, passives, promoters] = split(n, [2, 3, 5]);
        let nps = Nps::from_counts(detractors, passives, promoters).unwrap();
        bench_summary(c, "nps_score", n, &nps);

        let csat =
            Csat::from_counts(RatingScale::FIVE_POINT, 4, &split(n, [1, 1, 2, 3, 3])).unwrap();
        bench_summary(c, "csat_wilson", n, &csat);

        let ces =
            Ces::from_counts(CesScale::AGREEMENT_7, &split(n, [1, 1, 1, 2, 2, 3, 3])).unwrap();
        bench_summary(c, "ces_student_t", n, &ces);

        let [yes, no] = split(n, [7, 3]);
        bench_summary(
            c,
            "proportion_wilson",
            n,
            &Proportion::from_counts(yes, no).unwrap(),
        );

        let [churned, at_start] = split(n, [1, 19]);
        let churn = Churn::from_counts(at_start + churned, churned, 0).unwrap();
        bench_summary(c, "churn_wilson", n, &churn);

        let [a, b, other, unresolved] = split(n, [1, 6, 2, 1]);
        let fcr =
            FirstContactResolution::from_counts(OneTouchRule::default(), a, b, other, unresolved)
                .unwrap();
        bench_summary(c, "fcr_wilson", n, &fcr);
    }
}

/// FRT's median with its order-statistic interval: the sketch is filled by pushing, so the sizes
/// stop at a million waits.
fn frt(c: &mut Criterion) {
    for n in [100u64, 10_000, 1_000_000] {
        let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
        for i in 0..n {
            // Waits spread over 1 s .. about 3 h, the shape does not matter for the cost.
            frt.push_response(Duration::from_secs(1 + (i * 7919) % 10_000));
        }
        bench_summary(c, "frt_order_statistics", n, &frt);
    }
}

/// The exact methods that are not defaults, and FRT's median ranks, at the same sizes.
fn exact_methods(c: &mut Criterion) {
    for n in SIZES {
        let x = n / 2;
        for method in [ProportionMethod::ClopperPearson, ProportionMethod::Jeffreys] {
            c.bench_function(&format!("exact/{}/n={n:e}", method.key()), |b| {
                b.iter(|| proportion(black_box(x), black_box(n), ConfidenceLevel::P95, method))
            });
        }
        c.bench_function(&format!("exact/garwood/events={x:e}"), |b| {
            b.iter(|| poisson_rate(black_box(x), black_box(n as f64), ConfidenceLevel::P95))
        });
        c.bench_function(&format!("exact/quantile_ranks_median/n={n:e}"), |b| {
            b.iter(|| quantile_ranks(black_box(n), black_box(0.5), ConfidenceLevel::P95))
        });
    }
}

criterion_group!(benches, summaries, frt, exact_methods);
criterion_main!(benches);
