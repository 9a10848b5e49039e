//! Surveys, responses and scorecards: every validation error, strict all-or-nothing, lenient
//! accounting, equivalence with feeding each aggregator directly, merge laws, no panics.

use proptest::prelude::*;
use satisfaction::survey::{RejectReason, ResponseError, SurveyError};
use satisfaction::{
    Aggregator, Answer, Ces, CesScale, Csat, Nps, OptionCounts, Polarity, Proportion, Question,
    RatingScale, Response, Scorecard, Survey,
};

const T: i64 = 1_764_000_000;

fn survey() -> Survey {
    Survey::builder("pulse")
        .question(Question::nps("nps").required())
        .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
        .question(Question::ces("effort", CesScale::AGREEMENT_7))
        .question(Question::binary("resolved"))
        .question(Question::single_choice(
            "reason",
            ["billing", "bug", "how-to"],
        ))
        .question(Question::multi_select(
            "channels",
            ["chat", "email", "phone"],
        ))
        .question(Question::semantic_differential(
            "ease",
            RatingScale::SEVEN_POINT,
            "very difficult",
            "very easy",
            Polarity::HigherIsBetter,
        ))
        .question(Question::text("comment"))
        .build()
        .unwrap()
}

fn response(id: &str) -> Response {
    Response::new("pulse", id, T).unwrap()
}

fn reason(card: &mut Scorecard, r: &Response) -> Option<RejectReason> {
    card.try_push(r).err().and_then(|e| e.reason())
}

#[test]
fn invalid_surveys_are_errors() {
    let cases = [
        Survey::builder("s").build(),
        Survey::builder(" ").question(Question::nps("a")).build(),
        Survey::builder("s").question(Question::nps("")).build(),
        Survey::builder("s")
            .question(Question::nps("a"))
            .question(Question::binary("a"))
            .build(),
        Survey::builder("s")
            .question(Question::single_choice("a", Vec::<String>::new()))
            .build(),
        Survey::builder("s")
            .question(Question::single_choice("a", ["x", "x"]))
            .build(),
        Survey::builder("s")
            .question(Question::multi_select("a", (0..65).map(|i| i.to_string())))
            .build(),
        Survey::builder("s")
            .question(Question::rating("a", RatingScale::FIVE_POINT, 6))
            .build(),
        Survey::builder("s")
            .question(Question::rating("a", RatingScale::FIVE_POINT, 4).labels([(9, "nine")]))
            .build(),
    ];
    for case in cases {
        assert!(case.is_err(), "{case:?}");
    }
    let too_many = (0..=256).fold(Survey::builder("s"), |b, i| {
        b.question(Question::binary(format!("q{i}")))
    });
    assert!(matches!(
        too_many.build(),
        Err(SurveyError::TooManyQuestions { .. })
    ));
}

#[test]
fn every_validation_error_is_named() {
    let s = survey();
    let mut card = Scorecard::strict(&s);
    let base = || response("r1").with_answer("nps", Answer::Score(9));
    let cases = [
        (
            base().with_answer("nope", Answer::Yes),
            RejectReason::UnknownQuestion,
        ),
        (
            base().with_answer("resolved", Answer::Score(1)),
            RejectReason::WrongKind,
        ),
        (
            base().with_answer("csat", Answer::Yes),
            RejectReason::WrongKind,
        ),
        (
            base().with_answer("csat", Answer::Score(0)),
            RejectReason::OutOfRange,
        ),
        (
            base().with_answer("csat", Answer::Score(-1)),
            RejectReason::OutOfRange,
        ),
        (
            base().with_answer("ease", Answer::Score(300)),
            RejectReason::OutOfRange,
        ),
        (
            base().with_answer("reason", Answer::Choice("refund".into())),
            RejectReason::UnknownOption,
        ),
        (
            base().with_answer("reason", Answer::Choices(vec!["bug".into()])),
            RejectReason::WrongKind,
        ),
        (
            base().with_answer(
                "channels",
                Answer::Choices(vec!["chat".into(), "fax".into()]),
            ),
            RejectReason::UnknownOption,
        ),
        (
            response("r1").with_answer("csat", Answer::Score(5)),
            RejectReason::MissingRequired,
        ),
        (
            response("r1").with_answer("nps", Answer::Skipped),
            RejectReason::MissingRequired,
        ),
        (
            base().with_answer("nps", Answer::Score(3)),
            RejectReason::Repeated,
        ),
        (
            base().with_answer("comment", Answer::Score(3)),
            RejectReason::WrongKind,
        ),
    ];
    for (r, expected) in cases {
        let err = card.try_push(&r).unwrap_err();
        assert_eq!(err.reason(), Some(expected), "{err}");
        assert!(err.to_string().contains("r1"), "{err}");
    }
    assert_eq!(card.count(), 0);
    let other = Response::new("other", "r9", T).unwrap();
    assert!(matches!(
        card.try_push(&other),
        Err(ResponseError::WrongSurvey { .. })
    ));
    assert!(Response::new("pulse", "r", 253_402_300_800).is_err());
    assert!(Response::from_utf8(b"pulse", &[0xff, 0xfe], T).is_err());
    assert!(Response::from_utf8(b"pulse", b"ok", T).is_ok());
}

#[test]
fn strict_rejection_leaves_the_scorecard_exactly_as_it_was() {
    let s = survey();
    let mut card = Scorecard::strict(&s);
    card.try_push(
        &response("a")
            .with_answer("nps", Answer::Score(10))
            .with_answer("csat", Answer::Score(4)),
    )
    .unwrap();
    let before = card.clone();
    // Valid answers first, the bad one last: nothing of them may stick.
    let bad = response("b")
        .with_answer("nps", Answer::Score(2))
        .with_answer("csat", Answer::Score(5))
        .with_answer("resolved", Answer::No)
        .with_answer("effort", Answer::Score(8));
    assert_eq!(reason(&mut card, &bad), Some(RejectReason::OutOfRange));
    assert_eq!(card, before);
    // record() returns the same error (never a silent tally) and changes nothing either.
    assert!(card.check(&bad).is_err());
    assert!(card.record(bad).is_err());
    assert_eq!(card, before);
    assert_eq!(
        card.summary().unwrap().question("csat").unwrap().answered(),
        1
    );
}

#[test]
fn lenient_mode_keeps_good_answers_and_counts_bad_ones() {
    let s = survey();
    let mut card = Scorecard::lenient(&s);
    card.try_push(
        &response("a")
            .with_answer("nps", Answer::Score(9))
            .with_answer("csat", Answer::Score(0))
            .with_answer("csat", Answer::Score(5))
            .with_answer("resolved", Answer::NotApplicable)
            .with_answer("comment", Answer::Skipped)
            .with_answer("mystery", Answer::Yes),
    )
    .unwrap();
    card.try_push(&response("b").with_answer("csat", Answer::Score(5)))
        .unwrap();
    let summary = card.summary().unwrap();
    assert_eq!(summary.responses(), 2);
    let csat = summary.question("csat").unwrap();
    // The first csat answer is out of range; the second is a repeat of the question.
    assert_eq!(csat.answered(), 1);
    let rejections: Vec<_> = csat.rejections().collect();
    assert_eq!(
        rejections,
        [(RejectReason::OutOfRange, 1), (RejectReason::Repeated, 1)]
    );
    assert_eq!(summary.question("nps").unwrap().rejected(), 1); // missing in "b"
    assert_eq!(summary.question("resolved").unwrap().not_applicable(), 1);
    assert_eq!(summary.question("comment").unwrap().skipped(), 1);
    assert_eq!(summary.unknown_questions().get("mystery"), Some(&1));
    // "a" answered the one required question (nps), "b" did not; skipped optional questions
    // (the comment) make no response incomplete.
    assert_eq!(
        (summary.all_required_answered(), summary.missing_required()),
        (1, 1)
    );
    let rate = summary.response_rate(10).unwrap();
    assert_eq!(rate.rate(), 0.2);
    assert_eq!(rate.completion_rate(), 0.1);
}

#[test]
fn merging_scorecards_of_different_surveys_is_refused() {
    let other = Survey::builder("pulse")
        .question(Question::binary("x"))
        .build()
        .unwrap();
    let mut a = Scorecard::strict(&survey());
    let before = a.clone();
    assert!(a.merge(&Scorecard::strict(&other)).is_err());
    assert!(a.merge(&Scorecard::lenient(&survey())).is_err());
    assert_eq!(a, before);
}

/// A random row: one optional raw value per question of `survey()`.
#[derive(Debug, Clone)]
struct Row {
    nps: Option<i64>,
    csat: Option<i64>,
    effort: Option<i64>,
    resolved: Option<bool>,
    reason: Option<usize>,
    channels: Option<u8>,
    ease: Option<i64>,
    comment: bool,
}

fn row() -> impl Strategy<Value = Row> {
    (
        (
            prop::option::of(-2i64..13),
            prop::option::of(-1i64..7),
            prop::option::of(0i64..9),
            prop::option::of(any::<bool>()),
        ),
        (
            prop::option::of(0usize..4),
            prop::option::of(0u8..8),
            prop::option::of(0i64..9),
            any::<bool>(),
        ),
    )
        .prop_map(
            |((nps, csat, effort, resolved), (reason, channels, ease, comment))| Row {
                nps,
                csat,
                effort,
                resolved,
                reason,
                channels,
                ease,
                comment,
            },
        )
}

const REASONS: [&str; 4] = ["billing", "bug", "how-to", "refund"];
const CHANNELS: [&str; 3] = ["chat", "email", "phone"];

fn to_response(i: usize, r: &Row) -> Response {
    let mut resp = response(&format!("r{i}"));
    if let Some(v) = r.nps {
        resp = resp.with_answer("nps", Answer::Score(v));
    }
    if let Some(v) = r.csat {
        resp = resp.with_answer("csat", Answer::Score(v));
    }
    if let Some(v) = r.effort {
        resp = resp.with_answer("effort", Answer::Score(v));
    }
    if let Some(v) = r.resolved {
        resp = resp.with_answer("resolved", if v { Answer::Yes } else { Answer::No });
    }
    if let Some(v) = r.reason {
        resp = resp.with_answer("reason", Answer::Choice(REASONS[v].into()));
    }
    if let Some(set) = r.channels {
        let chosen = (0..3)
            .filter(|b| set & (1 << b) != 0)
            .map(|b| CHANNELS[b].to_owned());
        resp = resp.with_answer("channels", Answer::Choices(chosen.collect()));
    }
    if let Some(v) = r.ease {
        resp = resp.with_answer("ease", Answer::Score(v));
    }
    if r.comment {
        resp = resp.with_answer("comment", Answer::Text("hi".into()));
    }
    resp
}

fn card_of(rows: &[Row]) -> Scorecard {
    let mut card = Scorecard::lenient(&survey());
    for (i, r) in rows.iter().enumerate() {
        card.try_push(&to_response(i, r)).unwrap();
    }
    card
}

proptest! {
    /// A lenient scorecard's per-question results equal feeding each aggregator directly with
    /// the valid answers.
    #[test]
    fn scorecard_equals_direct_aggregators(rows in prop::collection::vec(row(), 1..80)) {
        let card = card_of(&rows);
        let mut nps = Nps::default();
        let mut csat = Csat::default();
        let mut effort = Ces::new(CesScale::AGREEMENT_7);
        let mut resolved = Proportion::default();
        let mut reason = OptionCounts::new(3).unwrap();
        let mut channels = OptionCounts::new(3).unwrap();
        let mut ease = Ces::new(CesScale::new(RatingScale::SEVEN_POINT, Polarity::HigherIsBetter, 6).unwrap());
        for r in &rows {
            if let Some(v) = r.nps.and_then(|v| u8::try_from(v).ok()) { let _ = nps.try_push(v); }
            if let Some(v) = r.csat.and_then(|v| u8::try_from(v).ok()) { let _ = csat.try_push(v); }
            if let Some(v) = r.effort.and_then(|v| u8::try_from(v).ok()) { let _ = effort.try_push(v); }
            if let Some(v) = r.resolved { resolved.push(v); }
            if let Some(v) = r.reason.filter(|&v| v < 3) { reason.try_push(&[v]).unwrap(); }
            if let Some(set) = r.channels { channels.record(u64::from(set)).unwrap(); }
            if let Some(v) = r.ease.and_then(|v| u8::try_from(v).ok()) { let _ = ease.try_push(v); }
        }
        let s = card.summary().unwrap();
        prop_assert_eq!(s.question("nps").unwrap().nps(), nps.summary());
        prop_assert_eq!(s.question("csat").unwrap().csat(), csat.summary());
        prop_assert_eq!(s.question("effort").unwrap().ces(), effort.summary());
        prop_assert_eq!(s.question("resolved").unwrap().proportion(), resolved.summary());
        prop_assert_eq!(s.question("reason").unwrap().options(), reason.summary());
        prop_assert_eq!(s.question("channels").unwrap().options(), channels.summary());
        prop_assert_eq!(s.question("ease").unwrap().ces(), ease.summary());
        prop_assert_eq!(s.responses(), rows.len() as u64);
    }

    #[test]
    fn merge_laws(rows in prop::collection::vec(row(), 0..60),
                  i in any::<prop::sample::Index>(), j in any::<prop::sample::Index>()) {
        let a = i.index(rows.len() + 1);
        let b = a + j.index(rows.len() - a + 1);
        let whole = card_of(&rows);
        // Respondent ids differ between split and whole (they are not part of the state).
        let (x, y, z) = (card_of(&rows[..a]), card_of(&rows[a..b]), card_of(&rows[b..]));
        let merge = |p: &Scorecard, q: &Scorecard| { let mut o = p.clone(); o.merge(q).unwrap(); o };
        prop_assert_eq!(merge(&merge(&x, &y), &z), whole.clone());
        prop_assert_eq!(merge(&x, &merge(&y, &z)), whole.clone());
        prop_assert_eq!(merge(&y, &x), merge(&x, &y));
        prop_assert_eq!(merge(&whole, &Scorecard::lenient(&survey())), whole);
    }

    #[test]
    fn no_response_makes_anything_panic(
        answers in prop::collection::vec(
            (prop_oneof![Just("nps".to_owned()), Just("csat".to_owned()), Just("reason".to_owned()),
                         Just("channels".to_owned()), ".{0,4}"],
             prop_oneof![
                 Just(Answer::Yes), Just(Answer::No), Just(Answer::Skipped), Just(Answer::NotApplicable),
                 any::<i64>().prop_map(Answer::Score), ".{0,8}".prop_map(Answer::Choice),
                 prop::collection::vec(".{0,8}", 0..4).prop_map(Answer::Choices),
                 ".{0,8}".prop_map(Answer::Text),
             ]),
            0..12),
        ts in any::<i64>(), id in ".{0,6}", strict in any::<bool>(),
    ) {
        let Ok(mut response) = Response::new("pulse", id, ts) else { return Ok(()); };
        for (q, a) in answers {
            response = response.with_answer(q, a);
        }
        let mut card = if strict { Scorecard::strict(&survey()) } else { Scorecard::lenient(&survey()) };
        let before = card.clone();
        if card.try_push(&response).is_err() && strict {
            prop_assert_eq!(&card, &before);
        }
        if let Some(s) = card.summary() {
            let _ = s.to_string();
        }
    }
}

#[cfg(feature = "serde")]
#[test]
fn scorecard_state_round_trips_and_is_validated() {
    let rows: Vec<Row> = (0..20)
        .map(|i| Row {
            nps: Some(i % 11),
            csat: Some(i % 6),
            effort: None,
            resolved: Some(i % 3 == 0),
            reason: Some((i % 4) as usize),
            channels: Some((i % 8) as u8),
            ease: Some(7),
            comment: i % 2 == 0,
        })
        .collect();
    let card = card_of(&rows);
    let json = serde_json::to_string(&card).unwrap();
    let back: Scorecard = serde_json::from_str(&json).unwrap();
    assert_eq!(back, card);
    let tampered = json.replacen("\"responses\":20", "\"responses\":2", 1);
    assert_ne!(tampered, json);
    assert!(serde_json::from_str::<Scorecard>(&tampered).is_err());
    let tampered = json.replacen("\"pulse\"", "\"\"", 1);
    assert!(serde_json::from_str::<Scorecard>(&tampered).is_err());
}
