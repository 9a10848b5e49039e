//! Families of comparisons: the p-value adjustments against R's `p.adjust`
//! (`tests/reference/compare/`), and the families against the pairwise differences they are
//! built from.

use proptest::prelude::*;
use satisfaction::compare::{Adjustment, Baseline, Compare, Direction, Significance, adjust};
use satisfaction::{Aggregator, ConfidenceLevel, Csat, Grouped, Nps};

#[test]
fn adjustments_match_r_p_adjust() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/compare/adjust.csv"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut sets: Vec<Vec<[f64; 4]>> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<f64> = line.split(',').map(|x| x.parse().unwrap()).collect();
        let set = f[0] as usize - 1;
        if sets.len() <= set {
            sets.push(Vec::new());
        }
        sets[set].push([f[2], f[3], f[4], f[5]]);
    }
    assert!(sets.len() >= 7);
    for (s, rows) in sets.iter().enumerate() {
        let p: Vec<f64> = rows.iter().map(|r| r[0]).collect();
        for (column, method) in [
            (1, Adjustment::Holm),
            (2, Adjustment::BenjaminiHochberg),
            (3, Adjustment::Bonferroni),
        ] {
            let ours = adjust(&p, method).unwrap();
            for (i, (got, row)) in ours.iter().zip(rows).enumerate() {
                let expected = row[column];
                assert!(
                    (got - expected).abs() <= 1e-15 * expected.max(1e-300),
                    "set {} value {i} by {method}: {got} against R's {expected}",
                    s + 1
                );
            }
        }
        assert_eq!(adjust(&p, Adjustment::None).unwrap(), p);
    }
}

#[test]
fn a_collapse_is_flagged_and_noise_is_not() {
    // Eleven steady months around NPS +40, then a collapse.
    let steady: Vec<u8> = (0..60)
        .map(|i| [10, 9, 9, 8, 7, 10, 3, 9, 6, 10][i % 10])
        .collect();
    let mut monthly: Grouped<u32, Nps> = Grouped::default();
    for month in 1..=11 {
        monthly.entry(month).try_extend_from_slice(&steady).unwrap();
    }
    let collapse: Vec<u8> = (0..60)
        .map(|i| [2, 3, 9, 1, 6, 0, 4, 5, 8, 3][i % 10])
        .collect();
    monthly.entry(12).try_extend_from_slice(&collapse).unwrap();
    let months = monthly.summary().unwrap();
    for adjustment in [
        Adjustment::Holm,
        Adjustment::BenjaminiHochberg,
        Adjustment::Bonferroni,
        Adjustment::None,
    ] {
        let changes = months.against_previous(&Significance::new(ConfidenceLevel::P95, adjustment));
        assert_eq!(changes.len(), 11);
        let flagged: Vec<(u32, Direction)> = changes
            .flagged()
            .map(|c| (c.key, c.flag.unwrap()))
            .collect();
        assert_eq!(flagged, [(12, Direction::Down)], "{adjustment}");
        assert_eq!(changes.get(&12).unwrap().baseline, Baseline::Previous(11));
        assert!(changes.caption().contains("across 11 comparisons"));
    }
}

#[test]
fn comparisons_carry_the_metrics_own_difference() {
    let mut by_channel: Grouped<&str, Csat> = Grouped::default();
    by_channel
        .entry("chat")
        .try_extend_from_slice(&[5, 5, 4, 4, 5, 3, 4])
        .unwrap();
    by_channel
        .entry("email")
        .try_extend_from_slice(&[2, 3, 1, 4, 2])
        .unwrap();
    by_channel
        .entry("phone")
        .try_extend_from_slice(&[4, 4, 5, 2, 3, 5])
        .unwrap();
    let summary = by_channel.summary().unwrap();
    let sig = Significance::default();
    let family = summary.against(&"phone", &sig).unwrap();
    assert_eq!(family.len(), 2);
    for c in &family {
        let expected = summary
            .get(&c.key)
            .unwrap()
            .compare(summary.get(&"phone").unwrap(), sig.level)
            .unwrap();
        assert_eq!(c.difference, expected);
        assert_eq!(c.baseline, Baseline::Group("phone"));
    }
    assert_eq!(family.test(), "Newcombe hybrid score");
    assert!(summary.against(&"fax", &sig).is_err());
}

#[test]
fn thousands_of_segments_against_the_rest() {
    let mut by_agent: Grouped<u32, Nps> = Grouped::default();
    for agent in 0..3_000u32 {
        let scores: Vec<u8> = (0..12).map(|i| ((agent * 7 + i * 3) % 11) as u8).collect();
        by_agent
            .entry(agent)
            .try_extend_from_slice(&scores)
            .unwrap();
    }
    let family = by_agent.against_rest(&Significance::default());
    assert_eq!(family.len(), 3_000);
    assert!(
        family
            .iter()
            .all(|c| (0.0..=1.0).contains(&c.adjusted_p_value))
    );
}

proptest! {
    #[test]
    fn adjusted_p_values_keep_their_order_and_bounds(
        p in prop::collection::vec(0.0f64..=1.0, 0..60),
    ) {
        for method in [Adjustment::Holm, Adjustment::BenjaminiHochberg, Adjustment::Bonferroni] {
            let a = adjust(&p, method).unwrap();
            for (i, (x, raw)) in a.iter().zip(&p).enumerate() {
                prop_assert!(*x >= *raw && *x <= 1.0);
                for (y, other) in a.iter().zip(&p).skip(i + 1) {
                    // A smaller raw p-value never gets a larger adjusted one.
                    if raw < other {
                        prop_assert!(x <= y);
                    }
                }
            }
        }
    }
}

#[test]
fn weighted_ces_compares_its_mean_and_refuses_another_scale() {
    use satisfaction::CesScale;
    use satisfaction::weighting::WeightedCes;
    let mut by_channel: Grouped<&str, WeightedCes> =
        Grouped::new(WeightedCes::new(CesScale::AGREEMENT_7));
    for (channel, ratings) in [("chat", [6, 7, 6, 5, 7]), ("email", [2, 3, 2, 4, 1])] {
        for (i, r) in ratings.into_iter().enumerate() {
            by_channel
                .entry(channel)
                .try_push(r, 1.0 + i as f64 / 4.0)
                .unwrap();
        }
    }
    let summary = by_channel.summary().unwrap();
    let (chat, email) = (
        summary.get(&"chat").unwrap(),
        summary.get(&"email").unwrap(),
    );
    let level = ConfidenceLevel::P95;
    let difference = chat.compare(email, level).unwrap();
    assert_eq!(difference, chat.mean_difference(email, level).unwrap());
    assert!((difference.estimate() - (chat.mean() - email.mean())).abs() < 1e-12);
    let family = summary.against(&"email", &Significance::default()).unwrap();
    assert_eq!(family.get(&"chat").unwrap().flag, Some(Direction::Up));

    let mut other = WeightedCes::new(CesScale::EFFORT_5);
    other.try_push(3, 1.0).unwrap();
    other.try_push(4, 1.0).unwrap();
    let err = chat.compare(&other.summary().unwrap(), level).unwrap_err();
    assert!(err.to_string().contains("CES scale"), "{err}");
}
