//! Properties of the weighted health score and its aggregate.

use proptest::prelude::*;
use satisfaction::health::{HealthModelBuilder, MissingPolicy, Normalisation};
use satisfaction::{Aggregator, HealthAggregate, HealthModel, Polarity};

/// A measure definition: (weight, low, width, higher is better, tiers).
type Spec = (f64, f64, f64, bool, bool);

fn spec() -> impl Strategy<Value = Spec> {
    (
        0.01f64..100.0,
        -1e3f64..1e3,
        0.001f64..1e3,
        any::<bool>(),
        any::<bool>(),
    )
}

fn policy() -> impl Strategy<Value = MissingPolicy> {
    prop_oneof![
        Just(MissingPolicy::Renormalise),
        Just(MissingPolicy::Zero),
        (0.0f64..=100.0).prop_map(MissingPolicy::Neutral),
    ]
}

fn add(builder: HealthModelBuilder, name: String, s: Spec) -> HealthModelBuilder {
    let (weight, low, width, higher, tiers) = s;
    let polarity = if higher {
        Polarity::HigherIsBetter
    } else {
        Polarity::LowerIsBetter
    };
    let normalisation = if tiers {
        Normalisation::Tiers {
            low,
            high: low + width,
            good: 100.0,
            average: 60.0,
            poor: 0.0,
        }
    } else {
        Normalisation::Linear {
            low,
            high: low + width,
        }
    };
    builder.measure(name, weight, normalisation, polarity)
}

fn model(specs: &[Spec], missing: MissingPolicy) -> HealthModel {
    specs
        .iter()
        .enumerate()
        .fold(HealthModel::builder().missing(missing), |b, (i, &s)| {
            add(b, format!("m{i}"), s)
        })
        .build()
        .unwrap()
}

fn present(values: &[Option<f64>]) -> Vec<(String, f64)> {
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (format!("m{i}"), v)))
        .collect()
}

fn case() -> impl Strategy<Value = (Vec<Spec>, Vec<Option<f64>>, MissingPolicy)> {
    prop::collection::vec(spec(), 1..8).prop_flat_map(|specs| {
        let n = specs.len();
        (
            Just(specs),
            prop::collection::vec(prop::option::weighted(0.8, -2e3f64..2e3), n),
            policy(),
        )
    })
}

proptest! {
    #[test]
    fn score_lies_in_0_to_100((specs, values, missing) in case()) {
        let model = model(&specs, missing);
        match model.score(present(&values)) {
            Ok(score) => {
                prop_assert!((0.0..=100.0).contains(&score.value()));
                let points: f64 = score.contributions().iter().map(|c| c.points()).sum();
                prop_assert!((points - score.value()).abs() < 1e-9);
            }
            Err(_) => prop_assert!(values.iter().all(Option::is_none)),
        }
    }

    #[test]
    fn raising_a_higher_is_better_measure_never_lowers_the_score(
        (specs, values, missing) in case(), which in any::<prop::sample::Index>(), raise in 0.0f64..1e3,
    ) {
        let model = model(&specs, missing);
        let i = which.index(specs.len());
        prop_assume!(specs[i].3 && values[i].is_some());
        let before = model.score(present(&values)).unwrap().value();
        let mut raised = values.clone();
        raised[i] = raised[i].map(|v| v + raise);
        let after = model.score(present(&raised)).unwrap().value();
        prop_assert!(after >= before - 1e-9, "{before} -> {after}");
    }

    #[test]
    fn renormalising_with_everything_present_is_the_weighted_mean(
        specs in prop::collection::vec(spec(), 1..8), seed in any::<u64>(),
    ) {
        let model = model(&specs, MissingPolicy::Renormalise);
        let values: Vec<Option<f64>> = (0..specs.len())
            .map(|i| Some(((seed >> (i * 7)) % 2000) as f64 - 1000.0))
            .collect();
        let score = model.score(present(&values)).unwrap();
        let total: f64 = specs.iter().map(|s| s.0).sum();
        let mean: f64 = model
            .measures()
            .iter()
            .zip(&values)
            .map(|(m, v)| m.weight() * m.normalise(v.unwrap()))
            .sum::<f64>()
            / total;
        prop_assert!((score.value() - mean).abs() < 1e-9);
    }

    #[test]
    fn permuting_measures_changes_nothing(
        (specs, values, missing) in case(), rotate in any::<prop::sample::Index>(),
    ) {
        let model_a = model(&specs, missing);
        let k = rotate.index(specs.len());
        let order: Vec<usize> = (0..specs.len()).map(|i| (i + k) % specs.len()).collect();
        let model_b = order
            .iter()
            .fold(HealthModel::builder().missing(missing), |b, &i| add(b, format!("m{i}"), specs[i]))
            .build()
            .unwrap();
        prop_assert_eq!(model_a.fingerprint(), model_b.fingerprint());
        let mut given = present(&values);
        let a = model_a.score(given.clone());
        given.reverse();
        let b = model_b.score(given);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                prop_assert!((a.value() - b.value()).abs() < 1e-9);
                prop_assert_eq!(a.band(), b.band());
            }
            (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
        }
    }

    #[test]
    fn aggregate_laws(
        specs in prop::collection::vec(spec(), 1..4),
        rows in prop::collection::vec(prop::collection::vec(-2e3f64..2e3, 3), 0..60),
        cut in any::<prop::sample::Index>(), cut2 in any::<prop::sample::Index>(),
    ) {
        let model = model(&specs, MissingPolicy::Renormalise);
        let scores: Vec<_> = rows
            .iter()
            .map(|r| model.score(present(&r[..specs.len().min(3)].iter().map(|&v| Some(v)).collect::<Vec<_>>())).unwrap())
            .collect();
        let build = |part: &[satisfaction::health::HealthScore]| {
            let mut a = HealthAggregate::new(&model);
            for score in part {
                a.record(score.clone()).unwrap();
            }
            a
        };
        let whole = build(&scores);
        let i = cut.index(scores.len() + 1);
        let j = i + cut2.index(scores.len() - i + 1);
        let (a, b, c) = (build(&scores[..i]), build(&scores[i..j]), build(&scores[j..]));
        let merge = |x: &HealthAggregate, y: &HealthAggregate| {
            let mut out = *x;
            out.merge(y).unwrap();
            out
        };
        prop_assert_eq!(merge(&merge(&a, &b), &c), whole);
        prop_assert_eq!(merge(&a, &merge(&b, &c)), whole);
        prop_assert_eq!(merge(&b, &a), merge(&a, &b));
        prop_assert_eq!(merge(&whole, &HealthAggregate::new(&model)), whole);
        if let Some(summary) = whole.summary() {
            let mean = scores.iter().map(|s| s.value()).sum::<f64>() / scores.len() as f64;
            prop_assert!((summary.mean() - mean).abs() < 1e-5);
            prop_assert!(summary.mean_interval(satisfaction::ConfidenceLevel::P95).contains(summary.mean()));
        }
    }
}

/// Scores whose exact value is a band edge must band as the edge, whatever the rounding of
/// the weights and sub-scores on the way: every combination of three measures with decimal
/// weights k / 10 and sub-scores on a 0-100 or 0-10 linear scale whose exact (rational)
/// weighted mean is 50 or 75, decided in integers.
#[test]
fn exact_edges_stay_on_their_edge() {
    use satisfaction::HealthBand;
    use satisfaction::health::{EdgeRule, HealthBands};
    let rules = [
        (
            EdgeRule::BelongsBelow,
            [HealthBand::AtRisk, HealthBand::Neutral],
        ),
        (
            EdgeRule::BelongsAbove,
            [HealthBand::Neutral, HealthBand::Healthy],
        ),
    ];
    let mut checked = 0;
    for (rule, expected) in rules {
        for (tenths, range) in [(false, 100.0), (true, 10.0)] {
            let bands = HealthBands::new(50.0, 75.0, rule).unwrap();
            let model = (0..3)
                .fold(HealthModel::builder().bands(bands), |b, i| {
                    b.measure(
                        format!("m{i}"),
                        [0.1, 0.3, 0.7][i],
                        Normalisation::Linear {
                            low: 0.0,
                            high: range,
                        },
                        Polarity::HigherIsBetter,
                    )
                })
                .build()
                .unwrap();
            // The weights are fixed per model; vary them through a second, rebuilt model below.
            for k in [
                [1u64, 3, 7],
                [2, 2, 6],
                [3, 9, 1],
                [7, 1, 1],
                [1, 1, 1],
                [9, 3, 3],
            ] {
                let model = if k == [1, 3, 7] {
                    model.clone()
                } else {
                    (0..3)
                        .fold(HealthModel::builder().bands(bands), |b, i| {
                            b.measure(
                                format!("m{i}"),
                                k[i] as f64 / 10.0,
                                Normalisation::Linear {
                                    low: 0.0,
                                    high: range,
                                },
                                Polarity::HigherIsBetter,
                            )
                        })
                        .build()
                        .unwrap()
                };
                for a in 0..=100u64 {
                    for b in 0..=100u64 {
                        for (edge, band) in [(50u64, expected[0]), (75, expected[1])] {
                            // c from Σ kᵢ vᵢ = edge · Σ kᵢ, when it is a whole sub-score.
                            let total = edge * (k[0] + k[1] + k[2]);
                            let Some(rest) = total.checked_sub(k[0] * a + k[1] * b) else {
                                continue;
                            };
                            if rest % k[2] != 0 || rest / k[2] > 100 {
                                continue;
                            }
                            let c = rest / k[2];
                            let value = |v: u64| if tenths { v as f64 / 10.0 } else { v as f64 };
                            let score = model
                                .score([("m0", value(a)), ("m1", value(b)), ("m2", value(c))])
                                .unwrap();
                            assert_eq!(
                                (score.value(), score.band()),
                                (edge as f64, band),
                                "weights {k:?}, sub-scores {a} {b} {c} (scale 0-{range})"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "{checked} cases");
}
