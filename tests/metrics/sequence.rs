//! Confidence sequences: containment, monotonicity in the level, time-uniform coverage by
//! simulation, and bad arguments.

use proptest::prelude::*;
use satisfaction::interval::{
    ProportionMethod, proportion, proportion_sequence, sequence_excludes,
};
use satisfaction::monitor::{Monitor, Rule};
use satisfaction::{Aggregator, ConfidenceLevel, Nps, NpsScore, Proportion};

proptest! {
    #[test]
    fn contains_the_estimate_and_widens_with_the_level(
        (x, n) in (1u64..5000).prop_flat_map(|n| (0..=n, Just(n))),
        tuned in prop_oneof![Just(1u64), Just(100), Just(1000), Just(1_000_000_000)],
    ) {
        let estimate = x as f64 / n as f64;
        let mut previous: Option<satisfaction::Interval> = None;
        for level in [0.8, 0.9, 0.95, 0.99] {
            let level = ConfidenceLevel::new(level).unwrap();
            let cs = proportion_sequence(x, n, level, tuned).unwrap();
            prop_assert!(cs.lower() <= estimate && estimate <= cs.upper());
            prop_assert!(cs.lower() >= 0.0 && cs.upper() <= 1.0);
            if let Some(p) = previous {
                prop_assert!(cs.lower() <= p.lower() + 1e-12 && cs.upper() >= p.upper() - 1e-12);
            }
            previous = Some(cs);
        }
    }

    /// Strictly inside (0 < x < n) the sequence contains the fixed-n Wilson interval at the same
    /// level. (At x = 0 or x = n with a small `tuned_for` it can be marginally narrower.)
    #[test]
    fn contains_wilson_inside((x, n) in (2u64..20_000).prop_flat_map(|n| (1..n, Just(n)))) {
        let level = ConfidenceLevel::P95;
        let cs = proportion_sequence(x, n, level, 1000).unwrap();
        let w = proportion(x, n, level, ProportionMethod::Wilson).unwrap();
        prop_assert!(cs.lower() <= w.lower() && w.upper() <= cs.upper(), "{:?} vs {:?}", cs, w);
    }

    #[test]
    fn never_panics(x in any::<u64>(), n in any::<u64>(), t in any::<u64>(), level in 0.001f64..0.999) {
        let level = ConfidenceLevel::new(level).unwrap();
        if let Ok(cs) = proportion_sequence(x, n, level, t) {
            prop_assert!(cs.lower() <= cs.upper());
        }
    }
}

/// Seeded simulation: stable streams of yes/no answers (true share 0.3), checked every 10
/// answers. The sequence's false-alarm rate stays at most α (plus Monte Carlo slack); the
/// fixed-n Wilson interval's does not.
#[test]
fn time_uniform_coverage() {
    let (streams, answers, p) = (300, 600, 0.3);
    let level = ConfidenceLevel::P95;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut uniform = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let (mut sequence_alarms, mut fixed_alarms) = (0, 0);
    for _ in 0..streams {
        let (mut x, mut seq, mut fixed) = (0u64, false, false);
        for n in 1..=answers {
            x += u64::from(uniform() < p);
            if n % 10 == 0 {
                seq |= sequence_excludes(x, n, p, level, 1000).unwrap();
                fixed |= !proportion(x, n, level, ProportionMethod::Wilson)
                    .unwrap()
                    .contains(p);
            }
        }
        sequence_alarms += usize::from(seq);
        fixed_alarms += usize::from(fixed);
    }
    let (seq_rate, fixed_rate) = (
        sequence_alarms as f64 / streams as f64,
        fixed_alarms as f64 / streams as f64,
    );
    // 0.05 plus three standard errors of a 300-stream estimate.
    assert!(
        seq_rate <= 0.05 + 3.0 * (0.05f64 * 0.95 / 300.0).sqrt(),
        "{seq_rate}"
    );
    assert!(
        fixed_rate > 2.0 * seq_rate && fixed_rate > 0.15,
        "{fixed_rate} vs {seq_rate}"
    );
}

#[test]
fn bad_arguments_are_errors() {
    let level = ConfidenceLevel::P95;
    assert!(proportion_sequence(0, 0, level, 1000).is_err());
    assert!(proportion_sequence(2, 1, level, 1000).is_err());
    assert!(proportion_sequence(1, 1, level, 0).is_err());
    assert!(ConfidenceLevel::new(1.0).is_err());
}

#[test]
fn summaries_and_monitor() {
    let level = ConfidenceLevel::P95;
    let yes: Proportion = (0..500).map(|i| i % 10 < 3).collect();
    let s = yes.summary().unwrap();
    assert_eq!(
        s.confidence_sequence(level),
        proportion_sequence(150, 500, level, 1000).unwrap()
    );
    let mut nps = Nps::default();
    nps.try_extend_from_slice(&[10, 9, 9, 7, 3]).unwrap();
    let band = nps.summary().unwrap().confidence_sequence(level);
    assert!(band.contains(40.0) && band.lower() >= -100.0 && band.upper() <= 100.0);

    let mut monitor = Monitor::new(Nps::default(), Rule::Above(30.0), level);
    assert!(monitor.check().is_none());
    for i in 0..2000u32 {
        monitor.push(NpsScore::new([10, 9, 10, 8, 6][i as usize % 5]).unwrap());
    }
    let check = monitor.check().unwrap();
    assert!(check.established() && check.fixed_interval_says());
    assert!(check.band().width() > check.fixed_interval().width());
}
