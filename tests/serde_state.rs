//! Serialised state: golden files pin the format, and bad state is refused.
#![cfg(feature = "serde")]

use satisfaction::{Aggregator, Ces, CesScale, Csat, CsatSummary, Nps, NpsSummary, RatingScale};

fn golden(name: &str) -> String {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .trim_end()
        .to_owned()
}

fn sample() -> (Nps, Csat, Ces) {
    let mut nps = Nps::default();
    nps.try_extend_from_slice(&[10, 9, 9, 8, 7, 6, 3, 10])
        .unwrap();
    let mut csat = Csat::default();
    csat.try_extend_from_slice(&[5, 4, 4, 3, 1, 5]).unwrap();
    csat.push(RatingScale::SEVEN_POINT.rating(7).unwrap());
    let mut ces = Ces::new(CesScale::AGREEMENT_7);
    ces.try_extend_from_slice(&[7, 6, 5, 3]).unwrap();
    (nps, csat, ces)
}

#[test]
fn state_matches_the_golden_files() {
    let (nps, csat, ces) = sample();
    assert_eq!(serde_json::to_string(&nps).unwrap(), golden("nps_v1.json"));
    assert_eq!(
        serde_json::to_string(&csat).unwrap(),
        golden("csat_v1.json")
    );
    assert_eq!(serde_json::to_string(&ces).unwrap(), golden("ces_v1.json"));
}

#[test]
fn golden_files_read_back_to_the_same_state() {
    let (nps, csat, ces) = sample();
    assert_eq!(
        serde_json::from_str::<Nps>(&golden("nps_v1.json")).unwrap(),
        nps
    );
    assert_eq!(
        serde_json::from_str::<Csat>(&golden("csat_v1.json")).unwrap(),
        csat
    );
    assert_eq!(
        serde_json::from_str::<Ces>(&golden("ces_v1.json")).unwrap(),
        ces
    );
}

#[test]
fn summaries_round_trip() {
    let (nps, csat, _) = sample();
    let s = nps.summary().unwrap();
    let back: NpsSummary = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
    let s = csat.summary().unwrap();
    let back: CsatSummary = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}

#[test]
fn bad_state_is_an_error_never_a_wrong_answer() {
    let refused = [
        // another version
        (
            r#"{"version":2,"detractors":1,"passives":0,"promoters":2}"#,
            "version 2",
        ),
        // a missing field, an unknown field
        (
            r#"{"version":1,"detractors":1,"promoters":2}"#,
            "missing field",
        ),
        (
            r#"{"version":1,"detractors":1,"passives":0,"promoters":2,"extra":1}"#,
            "unknown field",
        ),
        // totals over MAX_COUNT
        (
            r#"{"version":1,"detractors":9223372036854775807,"passives":1,"promoters":0}"#,
            "limit",
        ),
        // negative counts
        (
            r#"{"version":1,"detractors":-1,"passives":0,"promoters":0}"#,
            "invalid value",
        ),
    ];
    for (json, why) in refused {
        let err = serde_json::from_str::<Nps>(json).unwrap_err().to_string();
        assert!(err.contains(why), "{json}: {err}");
    }
    // An empty summary cannot exist.
    assert!(
        serde_json::from_str::<NpsSummary>(
            r#"{"version":1,"detractors":0,"passives":0,"promoters":0}"#
        )
        .is_err()
    );

    let csat_refused = [
        (
            r#"{"version":1,"scale":{"min":1,"max":5},"satisfied_from":4,"counts":[1,2,3],"rejected":0}"#,
            "3 counts",
        ),
        (
            r#"{"version":1,"scale":{"min":5,"max":1},"satisfied_from":4,"counts":[1,2,3,4,5],"rejected":0}"#,
            "empty",
        ),
        (
            r#"{"version":1,"scale":{"min":1,"max":5},"satisfied_from":9,"counts":[1,2,3,4,5],"rejected":0}"#,
            "outside",
        ),
    ];
    for (json, why) in csat_refused {
        let err = serde_json::from_str::<Csat>(json).unwrap_err().to_string();
        assert!(err.contains(why), "{json}: {err}");
    }
    let ces = r#"{"version":1,"scale":{"scale":{"min":1,"max":7},"polarity":"sideways","low_effort_threshold":5},"counts":[0,0,0,0,0,0,1],"rejected":0}"#;
    assert!(serde_json::from_str::<Ces>(ces).is_err());
}

mod operations {
    use std::time::Duration;

    use satisfaction::metrics::churn::MrrMovements;
    use satisfaction::{
        Abandonment, Aggregator, Churn, CustomerPeriod, FirstContactResolution, FirstResponseTime,
        QueuedContact, RevenueChurn, Ticket,
    };

    use super::golden;

    fn sample() -> (
        Churn,
        RevenueChurn,
        Abandonment,
        FirstContactResolution,
        FirstResponseTime,
    ) {
        let churn: Churn = [
            CustomerPeriod::Retained,
            CustomerPeriod::Churned,
            CustomerPeriod::Acquired,
        ]
        .into_iter()
        .collect();
        let revenue: RevenueChurn = [MrrMovements::new(10_000, 500, 250, 1_000, 0).unwrap()]
            .into_iter()
            .collect();
        let mut queue = Abandonment::with_short_abandon(Duration::from_secs(5));
        queue.push(QueuedContact::answered(Duration::from_secs(30)));
        queue.push(QueuedContact::abandoned(Duration::from_secs(2)));
        queue.push(QueuedContact::abandoned(Duration::from_secs(95)));
        let fcr: FirstContactResolution = [
            Ticket::resolved(1, false),
            Ticket::resolved(0, false),
            Ticket::resolved(3, true),
            Ticket::unresolved(),
        ]
        .into_iter()
        .collect();
        let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
        for secs in [0, 45, 600, 3_601, 86_400] {
            frt.push_response(Duration::from_secs(secs));
        }
        frt.push_unanswered();
        (churn, revenue, queue, fcr, frt)
    }

    #[test]
    fn state_matches_the_golden_files_and_reads_back() {
        let (churn, revenue, queue, fcr, frt) = sample();
        macro_rules! check {
            ($value:expr, $ty:ty, $file:literal) => {
                let json = serde_json::to_string(&$value).unwrap();
                if std::env::var_os("SATISFACTION_BLESS").is_some() {
                    // Writing a new golden file is a deliberate act: a format change.
                    let path = format!("{}/tests/golden/{}", env!("CARGO_MANIFEST_DIR"), $file);
                    std::fs::write(path, format!("{json}\n")).unwrap();
                }
                assert_eq!(json, golden($file), "{}", $file);
                assert_eq!(serde_json::from_str::<$ty>(&json).unwrap(), $value);
            };
        }
        check!(churn, Churn, "churn_v1.json");
        check!(revenue, RevenueChurn, "revenue_churn_v1.json");
        check!(queue, Abandonment, "abandonment_v1.json");
        check!(fcr, FirstContactResolution, "fcr_v1.json");
        check!(frt, FirstResponseTime, "frt_v1.json");
        let model = satisfaction::HealthModel::builder()
            .linear(
                "usage",
                2.0,
                0.0,
                100.0,
                satisfaction::Polarity::HigherIsBetter,
            )
            .tiers(
                "tickets",
                1.0,
                3.0,
                10.0,
                satisfaction::Polarity::LowerIsBetter,
            )
            .build()
            .unwrap();
        let mut health = satisfaction::HealthAggregate::new(&model);
        for (usage, tickets) in [(80.0, 2.0), (35.5, 12.0), (60.0, 4.0)] {
            health.push(
                model
                    .score([("usage", usage), ("tickets", tickets)])
                    .unwrap(),
            );
        }
        check!(health, satisfaction::HealthAggregate, "health_v1.json");
    }

    #[test]
    fn merged_after_a_round_trip_equals_one_pass() {
        let (_, _, _, _, frt) = sample();
        let mut remote = FirstResponseTime::with_target(Duration::from_secs(3600));
        remote.push_response(Duration::from_millis(1500));
        let shipped: FirstResponseTime =
            serde_json::from_str(&serde_json::to_string(&remote).unwrap()).unwrap();
        let mut reduced = frt.clone();
        reduced.merge(&shipped).unwrap();
        let mut one_pass = frt;
        one_pass.push_response(Duration::from_millis(1500));
        assert_eq!(reduced, one_pass);
    }

    #[test]
    fn inconsistent_state_is_refused() {
        let bad = [
            (
                r#"{"version":1,"at_start":1,"churned":2,"acquired":0}"#,
                "churn",
            ),
            (
                r#"{"version":2,"at_start":1,"churned":0,"acquired":0}"#,
                "churn",
            ),
            (
                r#"{"version":1,"at_start":1,"churned":0,"acquired":0,"x":1}"#,
                "churn",
            ),
        ];
        for (json, _) in bad {
            assert!(serde_json::from_str::<Churn>(json).is_err(), "{json}");
        }
        let (_, revenue, queue, fcr, frt) = sample();
        let tamper = |json: String, from: &str, to: &str| json.replacen(from, to, 1);
        let revenue = serde_json::to_string(&revenue).unwrap();
        assert!(
            serde_json::from_str::<RevenueChurn>(&tamper(
                revenue,
                "\"churned\":500",
                "\"churned\":50000"
            ))
            .is_err()
        );
        let queue = serde_json::to_string(&queue).unwrap();
        assert!(
            serde_json::from_str::<Abandonment>(&tamper(
                queue,
                "\"abandoned\":1",
                "\"abandoned\":7"
            ))
            .is_err()
        );
        let fcr = serde_json::to_string(&fcr).unwrap();
        assert!(
            serde_json::from_str::<FirstContactResolution>(&tamper(
                fcr,
                "\"version\":1",
                "\"version\":0"
            ))
            .is_err()
        );
        let frt = serde_json::to_string(&frt).unwrap();
        for (from, to) in [
            ("\"within_target\":3", "\"within_target\":9"),
            ("\"relative_accuracy\":0.01", "\"relative_accuracy\":0.0"),
            ("\"max_nanos\":86400000000000", "\"max_nanos\":1"),
            ("\"zeros\":1", "\"zeros\":0"),
        ] {
            let tampered = tamper(frt.clone(), from, to);
            assert_ne!(tampered, frt, "{from} not found in {frt}");
            assert!(
                serde_json::from_str::<FirstResponseTime>(&tampered).is_err(),
                "{to}"
            );
        }
    }
}
