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
