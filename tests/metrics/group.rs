//! Grouped aggregators and periods: merge laws, and grouping split streams equals grouping the
//! whole stream.

use proptest::prelude::*;
use satisfaction::{Aggregator, Csat, Granularity, Grouped, Nps, NpsScore, Period, RatingScale};

fn grouped(items: &[(u8, u8)]) -> Grouped<u8, Nps> {
    items
        .iter()
        .map(|&(k, s)| (k, NpsScore::new(s).unwrap()))
        .collect()
}

fn merged(a: &Grouped<u8, Nps>, b: &Grouped<u8, Nps>) -> Grouped<u8, Nps> {
    let mut out = a.clone();
    out.merge(b).unwrap();
    out
}

fn stream() -> impl Strategy<Value = Vec<(u8, u8)>> {
    prop::collection::vec((0u8..6, 0u8..=10), 0..300)
}

proptest! {
    #[test]
    fn grouped_merge_equals_grouping_the_concatenation(x in stream(), y in stream(), z in stream()) {
        let whole: Vec<(u8, u8)> = x.iter().chain(&y).chain(&z).copied().collect();
        let (a, b, c) = (grouped(&x), grouped(&y), grouped(&z));
        prop_assert_eq!(merged(&merged(&a, &b), &c), grouped(&whole));
        prop_assert_eq!(merged(&a, &merged(&b, &c)), grouped(&whole));
        prop_assert_eq!(merged(&a, &b).summary(), merged(&b, &a).summary());
        prop_assert_eq!(merged(&a, &Grouped::default()), a.clone());
        prop_assert_eq!(grouped(&whole).count(), whole.len() as u64);
    }

    #[test]
    fn periods_contain_their_timestamps(t in 0i64..=253_402_300_799) {
        for g in [Granularity::Day, Granularity::IsoWeek, Granularity::Month, Granularity::Quarter, Granularity::Year] {
            let p = Period::containing(t, g).unwrap();
            prop_assert!(p.contains(t));
            prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
            if let Ok(next) = p.next() {
                prop_assert!(next > p);
                prop_assert_eq!(next.start(), p.end());
            }
        }
    }

    #[test]
    fn period_parsing_never_panics(text in ".{0,12}") {
        let _ = text.parse::<Period>();
    }
}

#[test]
fn merge_is_all_or_nothing() {
    let seven = Csat::new(RatingScale::SEVEN_POINT, 6).unwrap();
    let mut a: Grouped<&str, Csat> = Grouped::default();
    a.entry("x").try_push(5).unwrap();
    let mut b: Grouped<&str, Csat> = Grouped::new(seven.clone());
    b.entry("a-new-key").try_push(7).unwrap();
    b.entry("x").try_push(7).unwrap();
    let before = a.clone();
    assert!(a.merge(&b).is_err());
    assert_eq!(a, before);
}

#[cfg(feature = "serde")]
#[test]
fn grouped_state_round_trips_with_tuple_keys() {
    let mut g: Grouped<(String, Period), Nps> = Grouped::default();
    let month = "2026-11".parse::<Period>().unwrap();
    g.entry(("chat".into(), month)).try_push(9).unwrap();
    g.entry(("email".into(), month)).try_push(3).unwrap();
    let json = serde_json::to_string(&g).unwrap();
    assert!(json.contains("\"2026-11\""), "{json}");
    let back: Grouped<(String, Period), Nps> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, g);
    let duplicated = json.replace("\"email\"", "\"chat\"");
    assert!(serde_json::from_str::<Grouped<(String, Period), Nps>>(&duplicated).is_err());
}
