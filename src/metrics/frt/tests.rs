//! Unit tests of the first-response-time aggregator.

use std::time::Duration;

use super::*;
use crate::interval::ConfidenceLevel;
use crate::summary::Summary;

#[test]
fn unanswered_tickets_are_counted_not_averaged() {
    let mut frt = FirstResponseTime::default();
    frt.push_unanswered();
    assert_eq!(frt.summary(), None);
    assert_eq!(frt.count(), 1);
    frt.push_response(Duration::from_secs(10));
    let summary = frt.summary().unwrap();
    assert_eq!(summary.mean(), Duration::from_secs(10));
    assert_eq!(summary.within_target(), None);
    assert_eq!(summary.sla_attainment(), None);
}

#[test]
fn metrics_md_median_interval() {
    // x = 1..10 seconds: 95% CI for the median is [x(2), x(9)] = [2, 9], within 1%.
    let frt: FirstResponseTime = (1..=10)
        .map(|s| FirstResponse::Answered(Duration::from_secs(s)))
        .collect();
    let ci = frt
        .summary()
        .unwrap()
        .quantile_interval(0.5, ConfidenceLevel::P95)
        .unwrap();
    assert!((ci.lower() - 2.0).abs() <= 0.02 && (ci.upper() - 9.0).abs() <= 0.09);
    let five: FirstResponseTime = (1..=5)
        .map(|s| FirstResponse::Answered(Duration::from_secs(s)))
        .collect();
    assert_eq!(
        five.summary()
            .unwrap()
            .quantile_interval(0.5, ConfidenceLevel::P95),
        None
    );
}

#[test]
fn target_is_inclusive_and_part_of_the_configuration() {
    let hour = Duration::from_secs(3600);
    let mut frt = FirstResponseTime::with_target(hour);
    frt.push_response(hour);
    frt.push_response(hour + Duration::from_nanos(1));
    assert_eq!(frt.summary().unwrap().within_target(), Some(1));
    let before = frt.clone();
    assert!(frt.merge(&FirstResponseTime::default()).is_err());
    assert_eq!(frt, before);
}

#[test]
fn bytes_whose_sla_count_contradicts_the_waits_are_refused() {
    let mut frt = FirstResponseTime::with_target(Duration::from_secs(3600));
    frt.push_response(Duration::from_secs(60));
    frt.push_response(Duration::from_secs(120));
    let bytes = frt.to_bytes();
    assert_eq!(FirstResponseTime::from_bytes(&bytes).unwrap(), frt);
    // The within-target count sits at 23..31. Both waits are under the target, so any count
    // but 2 is a damaged state.
    for within in [0_u64, 1] {
        let mut damaged = bytes.clone();
        damaged[23..31].copy_from_slice(&within.to_le_bytes());
        assert!(FirstResponseTime::from_bytes(&damaged).is_err(), "{within}");
    }
    // Both waits over a 30-second target: none can be within it.
    let mut slow = FirstResponseTime::with_target(Duration::from_secs(30));
    slow.push_response(Duration::from_secs(60));
    let mut damaged = slow.to_bytes();
    damaged[23..31].copy_from_slice(&1_u64.to_le_bytes());
    assert!(FirstResponseTime::from_bytes(&damaged).is_err());
}

#[test]
fn bad_quantiles() {
    let mut frt = FirstResponseTime::default();
    frt.push_response(Duration::from_secs(1));
    let summary = frt.summary().unwrap();
    for q in [-0.5, 1.5, f64::NAN] {
        assert!(summary.quantile(q).is_err());
        assert_eq!(summary.quantile_interval(q, ConfidenceLevel::P95), None);
    }
}

#[test]
fn unanswered_tickets_by_age_under_each_policy() {
    let hour = Duration::from_secs(3600);
    let mut frt = FirstResponseTime::with_target(hour);
    frt.push_response(Duration::from_secs(60));
    frt.push_response(2 * hour);
    frt.push(FirstResponse::Waiting(3 * hour));
    frt.push(FirstResponse::Waiting(Duration::from_secs(5)));
    frt.push(FirstResponse::Unanswered);
    let s = frt.summary().unwrap();
    assert_eq!((s.overdue(), s.pending(), s.unknown_age()), (1, 1, 1));
    assert_eq!(s.sla_attainment(), Some(1.0 / 3.0));
    assert_eq!(
        s.sla_attainment_under(UnansweredPolicy::AllBreach),
        Some(0.2)
    );
    assert_eq!(
        s.sla_attainment_under(UnansweredPolicy::AnsweredOnly),
        Some(0.5)
    );
    assert!(
        s.to_string()
            .contains("1 overdue, 1 waiting within the target, 1 of unknown age")
    );
}

#[test]
fn clocks_must_match_to_merge() {
    let mut calendar = FirstResponseTime::default();
    let business = FirstResponseTime::default().on_clock(Clock::Business);
    assert!(calendar.merge(&business).is_err());
}

#[test]
fn bytes_round_trip_every_tally() {
    let mut frt = FirstResponseTime::with_target(Duration::from_secs(60)).on_clock(Clock::Business);
    frt.push_response(Duration::from_secs(30));
    frt.push_waiting(Duration::from_secs(90));
    frt.push_waiting(Duration::from_secs(10));
    frt.push_unanswered();
    assert_eq!(FirstResponseTime::from_bytes(&frt.to_bytes()).unwrap(), frt);
    // Overdue tickets without a target cannot exist.
    let mut damaged = frt.to_bytes();
    damaged[8] = 0;
    damaged[9..21].fill(0);
    assert!(FirstResponseTime::from_bytes(&damaged).is_err());
}

#[test]
fn the_milestone_is_configuration() {
    let target = Duration::from_secs(3600);
    let mut resolution = FirstResponseTime::with_target(target).until(Milestone::Resolution);
    resolution.push_response(Duration::from_secs(600));
    let restored = FirstResponseTime::from_bytes(&resolution.to_bytes()).unwrap();
    assert_eq!(restored.milestone(), Milestone::Resolution);
    assert_eq!(restored, resolution);
    let mut damaged = resolution.to_bytes();
    damaged[22] = 7;
    assert!(FirstResponseTime::from_bytes(&damaged).is_err());
    let mut frt = FirstResponseTime::with_target(target);
    frt.push_response(Duration::from_secs(60));
    let before = frt.clone();
    assert!(matches!(
        frt.merge(&resolution),
        Err(MergeError::ConfigurationMismatch {
            setting: "milestone",
            ..
        })
    ));
    assert_eq!(frt, before);
    let summary = resolution.summary().unwrap();
    assert_eq!(summary.metric(), "resolution time median");
    assert!(
        summary
            .to_string()
            .starts_with("resolution time median 10m")
    );
}
