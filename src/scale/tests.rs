//! Unit tests of the typed scores.

use super::*;

#[test]
fn nps_scores_validate_and_categorise() {
    for v in 0..=255u8 {
        match NpsScore::new(v) {
            Ok(s) => {
                assert!(v <= 10);
                let expected = match v {
                    0..=6 => NpsCategory::Detractor,
                    7..=8 => NpsCategory::Passive,
                    _ => NpsCategory::Promoter,
                };
                assert_eq!(s.category(), expected);
            }
            Err(e) => assert_eq!((e.value, v > 10), (i128::from(v), true)),
        }
    }
}

#[test]
fn scales_validate() {
    assert!(RatingScale::new(0, 10).is_ok());
    assert!(matches!(
        RatingScale::new(0, 11),
        Err(ScaleError::TooManyPoints { points: 12, .. })
    ));
    assert!(matches!(
        RatingScale::new(3, 3),
        Err(ScaleError::SinglePoint { .. })
    ));
    assert!(matches!(
        RatingScale::new(250, 255),
        Ok(s) if s.points() == 6
    ));
    for s in [
        RatingScale::THREE_POINT,
        RatingScale::FIVE_POINT,
        RatingScale::SEVEN_POINT,
        RatingScale::TEN_POINT,
        RatingScale::ELEVEN_POINT,
    ] {
        assert_eq!(RatingScale::new(s.min(), s.max()), Ok(s));
    }
}

#[test]
fn ces_presets_are_valid_and_thresholds_checked() {
    for ces in [CesScale::EFFORT_5, CesScale::AGREEMENT_7] {
        assert_eq!(
            CesScale::new(ces.scale(), ces.polarity(), ces.low_effort_threshold()),
            Ok(ces)
        );
    }
    assert!(CesScale::new(RatingScale::FIVE_POINT, Polarity::LowerIsBetter, 6).is_err());
    assert_eq!(CesScale::EFFORT_5.low_effort_range(), (1, 2));
    assert_eq!(CesScale::EFFORT_5.rating(6).unwrap_err().what, "CES rating");
}
