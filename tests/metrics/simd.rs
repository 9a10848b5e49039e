//! The dispatched batch kernels equal the baseline ones: every metric's batch methods give the
//! same state, or the same error, on the instruction set the dispatch picks and with the whole
//! process forced to the baseline (`simd::use_baseline`). Without feature `simd` both runs take
//! the baseline and the test still checks the switch. One test function, so that no other test
//! of this binary runs while the switch is flipped.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use satisfaction::simd::{self, InstructionSet};
use satisfaction::{Aggregator, BatchError, Ces, CesScale, Csat, Grouped, Nps, RatingScale};

/// Every batch method on `values`, as comparable results.
fn ingest(values: &[u8], keys: &[u16]) -> Vec<String> {
    fn run<A: Aggregator + std::fmt::Debug>(
        mut aggregator: A,
        ingest: impl FnOnce(&mut A) -> Result<(), BatchError>,
    ) -> String {
        match ingest(&mut aggregator) {
            Ok(()) => format!("{aggregator:?}"),
            Err(e) => format!("error {e:?}, left {aggregator:?}"),
        }
    }
    let wide: Vec<i64> = values.iter().map(|&v| i64::from(v) - 3).collect();
    let scales = [
        RatingScale::FIVE_POINT,
        RatingScale::new(1, 7).unwrap(),
        RatingScale::new(0, 10).unwrap(),
    ];
    let mut out = vec![
        run(Nps::default(), |a| a.try_extend_from_slice(values)),
        run(Nps::default(), |a| a.try_extend_from_slice(&wide)),
        run(Ces::new(CesScale::AGREEMENT_7), |a| {
            a.try_extend_from_slice(values)
        }),
        run(Grouped::<u16, Nps>::default(), |a| {
            a.try_extend_from_slices(keys, values)
        }),
    ];
    for scale in scales {
        out.push(run(Csat::new(scale, scale.max()).unwrap(), |a| {
            a.try_extend_from_slice(values)
        }));
        out.push(run(Csat::new(scale, scale.max()).unwrap(), |a| {
            a.try_extend_from_slice(&wide)
        }));
    }
    out
}

/// Mostly in-range values (so that most batches are counted, not refused), at lengths that
/// cross the kernel's rows and blocks.
fn batches() -> impl Strategy<Value = (Vec<u8>, Vec<u16>)> {
    let value = prop_oneof![20 => 0u8..=10, 1 => any::<u8>()];
    (0usize..20_000).prop_flat_map(move |len| {
        (
            prop::collection::vec(value.clone(), len..=len),
            prop::collection::vec(0u16..1000, len..=len),
        )
    })
}

#[test]
fn dispatched_and_baseline_kernels_agree() {
    simd::use_baseline(true);
    assert_eq!(simd::active(), InstructionSet::Baseline);
    simd::use_baseline(false);
    assert_eq!(simd::active(), simd::detected());
    if cfg!(not(feature = "simd")) {
        assert_eq!(simd::detected(), InstructionSet::Baseline);
    }

    let mut runner = TestRunner::new(Config {
        cases: 64,
        ..Config::default()
    });
    runner
        .run(&batches(), |(values, keys)| {
            simd::use_baseline(false);
            let best = ingest(&values, &keys);
            simd::use_baseline(true);
            let baseline = ingest(&values, &keys);
            simd::use_baseline(false);
            prop_assert_eq!(best, baseline);
            Ok(())
        })
        .unwrap();

    // Adversarial: one bad value at every position of the first rows and around the block
    // edge, each kind of bad value, on both paths.
    let len = 255 * 32 + 40;
    for at in (0..70).chain(255 * 32 - 35..len) {
        let mut values: Vec<u8> = (0..len).map(|i| (i % 11) as u8).collect();
        values[at] = [11, 127, 128, 255][at % 4];
        let keys: Vec<u16> = (0..len).map(|i| (i % 97) as u16).collect();
        simd::use_baseline(false);
        let best = ingest(&values, &keys);
        simd::use_baseline(true);
        let baseline = ingest(&values, &keys);
        simd::use_baseline(false);
        assert_eq!(best, baseline, "bad value at {at}");
        assert!(best[0].contains(&format!("index: {at}")), "{}", best[0]);
    }
}
