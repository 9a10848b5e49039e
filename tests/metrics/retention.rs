//! Retention beyond the R fixtures: merging is exact and order-free, the curve never rises
//! and sits inside its intervals, nothing panics on arbitrary input, the edges (one customer,
//! nobody churned, a curve that ends at 0, counts near the limit), lifetime value, the cohort
//! grid, and the serialised forms (golden files and tampering).

use proptest::prelude::*;
use satisfaction::retention::{
    CellStatus, CohortRetention, KaplanMeier, KaplanMeierSummary, Lifetime, LifetimeError,
    LogRankError, MAX_DURATION, SurvivalInterval, log_rank,
};
use satisfaction::{Aggregator, ConfidenceLevel, Granularity, Grouped, MAX_COUNT, Period, Summary};

const LEVELS: [ConfidenceLevel; 3] = [
    ConfidenceLevel::P90,
    ConfidenceLevel::P95,
    ConfidenceLevel::P99,
];

fn curve(durations: &[u64], churned: &[bool]) -> KaplanMeierSummary {
    let mut km = KaplanMeier::default();
    km.try_extend_from_slices(durations, churned).unwrap();
    km.summary().unwrap()
}

/// Durations as retention data has them: mostly small (months), some ties, a few long ones
/// past the table, and the largest allowed.
fn duration() -> impl Strategy<Value = u64> {
    prop_oneof![
        6 => 0u64..40,
        2 => 0u64..3000,
        1 => Just(MAX_DURATION),
        1 => (MAX_DURATION - 5)..=MAX_DURATION,
    ]
}

fn lifetimes(max: usize) -> impl Strategy<Value = Vec<(u64, bool)>> {
    prop::collection::vec((duration(), any::<bool>()), 0..max)
}

fn split(v: &[(u64, bool)]) -> (Vec<u64>, Vec<bool>) {
    v.iter().copied().unzip()
}

fn one_pass(v: &[(u64, bool)], cap: Option<u64>) -> KaplanMeier {
    let mut km = cap.map_or_else(KaplanMeier::default, |c| KaplanMeier::with_cap(c).unwrap());
    let (d, c) = split(v);
    km.try_extend_from_slices(&d, &c).unwrap();
    km
}

proptest! {
    /// Split anywhere, record each part (one by one or as a batch), merge: the same state as
    /// one pass; and the order of the customers does not matter.
    #[test]
    fn merging_is_exact_and_order_free(
        v in lifetimes(300),
        cut in any::<prop::sample::Index>(),
        cap in prop::option::of(0u64..50),
        seed in any::<u64>(),
    ) {
        let whole = one_pass(&v, cap);
        let at = cut.index(v.len() + 1);
        let (left, right) = v.split_at(at);
        let mut merged = one_pass(left, cap);
        let mut rows = cap.map_or_else(KaplanMeier::default, |c| KaplanMeier::with_cap(c).unwrap());
        for &(d, c) in right {
            rows.try_push(d, c).unwrap();
        }
        merged.merge(&rows).unwrap();
        prop_assert_eq!(&merged, &whole);
        let mut other_way = rows.clone();
        other_way.merge(&one_pass(left, cap)).unwrap();
        prop_assert_eq!(&other_way, &whole);
        // A deterministic shuffle.
        let mut shuffled = v.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(one_pass(&shuffled, cap), whole.clone());
        prop_assert_eq!(whole.count(), v.len() as u64);
        // The bytes and the counts give the same state back.
        prop_assert_eq!(KaplanMeier::from_bytes(&whole.to_bytes()).unwrap(), whole.clone());
        prop_assert_eq!(KaplanMeier::from_counts(cap, whole.counts()).unwrap(), whole);
    }

    /// Batches past the short-batch threshold (counted in one pass into a table of their
    /// own) record exactly what the same lifetimes pushed one by one record.
    #[test]
    fn long_batches_equal_rows(
        seed in any::<u64>(),
        len in 4_000usize..6_000,
        span in prop_oneof![Just(40u64), Just(5_000), Just(MAX_DURATION + 1), Just(u64::MAX)],
        cap in prop::option::of(0u64..6_000),
    ) {
        let mut state = seed | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let v: Vec<(u64, bool)> = (0..len).map(|_| (next() % span, next() % 3 == 0)).collect();
        let (d, c) = split(&v);
        let empty = cap.map_or_else(KaplanMeier::default, |c| KaplanMeier::with_cap(c).unwrap());
        let mut batch = empty.clone();
        let mut rows = empty.clone();
        let batch_ok = batch.try_extend_from_slices(&d, &c).is_ok();
        let rows_ok = d.iter().all(|&x| x <= MAX_DURATION);
        prop_assert_eq!(batch_ok, rows_ok);
        if rows_ok {
            for &(x, y) in &v {
                rows.try_push(x, y).unwrap();
            }
        }
        prop_assert_eq!(batch, rows);
    }

    /// S never rises, stays in [0, 1], and every interval holds it and stays in [0, 1]; the
    /// number at risk never rises either.
    #[test]
    fn the_curve_falls_and_sits_inside_its_intervals(
        v in lifetimes(300).prop_filter("not empty", |v| !v.is_empty()),
        queries in prop::collection::vec(any::<u64>(), 0..20),
    ) {
        let s = one_pass(&v, None).summary().unwrap();
        let mut times: Vec<u64> = s.steps().iter().flat_map(|st| [st.time(), st.time().saturating_sub(1), st.time() + 1]).collect();
        times.extend(queries);
        times.extend([0, u64::MAX]);
        times.sort_unstable();
        let (mut last_s, mut last_risk) = (1.0f64, u64::MAX);
        for &t in &times {
            let survival = s.survival_at(t);
            prop_assert!((0.0..=1.0).contains(&survival));
            prop_assert!(survival <= last_s, "S rose at {t}: {last_s} -> {survival}");
            prop_assert!(s.at_risk(t) <= last_risk);
            (last_s, last_risk) = (survival, s.at_risk(t));
            let se = s.std_err_at(t);
            prop_assert!(se.is_finite() && se >= 0.0);
            for level in LEVELS {
                for method in SurvivalInterval::ALL {
                    let ci = s.interval_at(t, level, method);
                    prop_assert!(0.0 <= ci.lower() && ci.upper() <= 1.0, "{ci}");
                    prop_assert!(ci.contains(survival), "{method} {ci} misses {survival} at {t}");
                    if let Some(checked) = s.checked_interval_at(t, level, method) {
                        prop_assert_eq!(checked, ci);
                    } else {
                        prop_assert_eq!(survival, 0.0);
                    }
                }
            }
        }
        for pair in s.steps().windows(2) {
            prop_assert!(pair[1].survival() <= pair[0].survival());
            prop_assert!(pair[1].at_risk() < pair[0].at_risk());
        }
        // Read at one duration, the curve keeps the `Summary` contract.
        for &t in times.iter().take(20) {
            let point = s.at(t);
            prop_assert_eq!(point.estimate(), s.survival_at(t));
            if let Some(ci) = point.default_interval(ConfidenceLevel::P95) {
                prop_assert!(ci.contains(point.estimate()) && ci.lower() >= 0.0 && ci.upper() <= 1.0);
            }
        }
        // The median is where S first falls to one half or below.
        if let Some(median) = s.median() {
            prop_assert!(s.survival_at(median.ceil() as u64) <= 0.5 + 1e-8);
        }
        let (mean, se) = s.restricted_mean(40);
        prop_assert!((0.0..=40.0).contains(&mean) && se.is_finite() && se >= 0.0);
    }

    /// Nothing panics on arbitrary input: any durations, caps, queries, probabilities,
    /// horizons, margins, rates, states and bytes.
    #[test]
    fn nothing_panics(
        durations in prop::collection::vec(any::<u64>(), 0..50),
        flags in prop::collection::vec(any::<bool>(), 0..50),
        cap in prop::option::of(any::<u64>()),
        t in any::<u64>(),
        p in any::<f64>(),
        margin in any::<f64>(),
        rate in any::<f64>(),
        horizon in any::<u64>(),
        rows in prop::collection::vec((any::<u64>(), any::<u64>(), any::<u64>()), 0..6),
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut km = match cap {
            Some(c) => match KaplanMeier::with_cap(c) {
                Ok(km) => km,
                Err(_) => return Ok(()),
            },
            None => KaplanMeier::default(),
        };
        let before = km.clone();
        if km.try_extend_from_slices(&durations, &flags).is_err() {
            prop_assert_eq!(&km, &before);
        }
        for (&d, &c) in durations.iter().zip(&flags) {
            let _ = km.try_push(d, c);
        }
        if let Some(s) = km.summary() {
            let level = ConfidenceLevel::P95;
            for method in SurvivalInterval::ALL {
                let _ = s.interval_at(t, level, method);
                let _ = s.quantile(p, level, method);
                let _ = s.median_interval(level, method);
            }
            let _ = (s.survival_at(t), s.std_err_at(t), s.at_risk(t), s.median(), s.at(t));
            let (mean, se) = s.restricted_mean(horizon);
            prop_assert!(mean.is_finite() && se.is_finite());
            if let Ok(ltv) = s.lifetime_value(horizon.min(MAX_DURATION), margin, rate) {
                prop_assert!(ltv.value().is_finite() && ltv.std_err().is_finite());
                let ci = ltv.interval(level);
                prop_assert!(ci.contains(ltv.value()));
            }
            let _ = log_rank(&[s.clone(), s.clone()]);
            let _ = (s.to_string(), format!("{s:#}"));
        }
        if let Ok(from) = KaplanMeier::from_counts(cap, rows.iter().copied())
            && let Some(s) = from.summary()
        {
            prop_assert!(s.steps().iter().all(|st| !st.survival().is_nan() && !st.std_err().is_nan()));
        }
        let _ = KaplanMeier::from_bytes(&bytes);
        let mut tagged = b"SATK\x03\x00\x00\x00".to_vec();
        tagged.extend(&bytes);
        if let Ok(read) = KaplanMeier::from_bytes(&tagged) {
            prop_assert_eq!(KaplanMeier::from_bytes(&read.to_bytes()).unwrap(), read);
        }
    }

    /// Customer records of any instants: recorded or refused, never a panic; a refused one
    /// changes nothing.
    #[test]
    fn any_instants_are_recorded_or_refused(
        records in prop::collection::vec((any::<i64>(), prop::option::of(any::<i64>())), 0..20),
        as_of in prop_oneof![any::<i64>(), 0i64..253_402_300_799],
        g in prop::sample::select(vec![Granularity::Day, Granularity::IsoWeek, Granularity::Month, Granularity::Quarter, Granularity::Year]),
        periods in 0u64..40,
    ) {
        let _ = Lifetime::between(as_of, None, as_of, g);
        let Ok(mut cohorts) = CohortRetention::new(g, as_of) else {
            return Ok(());
        };
        for (start, end) in records {
            let before = cohorts.clone();
            if cohorts.try_push(start, end).is_err() {
                prop_assert_eq!(&cohorts, &before);
            }
        }
        let grid = cohorts.grid(periods, ConfidenceLevel::P95, SurvivalInterval::LogLog);
        for row in grid.rows() {
            for cell in row.cells() {
                if let (Some(share), Some(ci)) = (cell.retained(), cell.interval()) {
                    prop_assert!(ci.contains(share));
                }
            }
        }
        let _ = grid.to_string();
    }

    /// Lifetimes from instants: never a panic; a later as-of never shortens a lifetime.
    #[test]
    fn lifetimes_from_instants(
        start in 0i64..253_402_300_799,
        length in 0i64..2_000_000_000,
        extra in 0i64..200_000_000,
        ended in any::<bool>(),
        g in prop::sample::select(vec![Granularity::Day, Granularity::IsoWeek, Granularity::Month, Granularity::Quarter, Granularity::Year]),
    ) {
        let end = start.saturating_add(length);
        let as_of = end.saturating_add(extra);
        let end = ended.then_some(end);
        if let (Ok(a), Ok(b)) = (
            Lifetime::between(start, end, as_of, g),
            Lifetime::between(start, end, as_of.saturating_add(86_400), g),
        ) {
            prop_assert!(b.duration() >= a.duration());
            // A churn counts once its period is over; until then the customer is active.
            prop_assert!(!a.churned() || end.is_some());
            prop_assert!(!a.churned() || b.churned());
        }
    }
}

#[test]
fn one_customer_all_censored_and_zero_at_the_end() {
    let level = ConfidenceLevel::P95;
    let one = curve(&[4], &[true]);
    assert_eq!((one.survival_at(3), one.survival_at(4)), (1.0, 0.0));
    assert_eq!((one.at_risk(4), one.at_risk(5)), (1, 0));
    assert_eq!(one.median(), Some(4.0));
    assert!(
        one.checked_interval_at(4, level, SurvivalInterval::Log)
            .is_none()
    );
    assert_eq!(one.std_err_at(4), 0.0);

    let censored = curve(&[3, 5, 5], &[false, false, false]);
    assert_eq!(censored.survival_at(100), 1.0);
    assert_eq!(censored.median(), None);
    assert_eq!(
        censored.median_interval(level, SurvivalInterval::LogLog),
        (None, None)
    );
    for method in SurvivalInterval::ALL {
        let ci = censored.interval_at(4, level, method);
        assert_eq!((ci.lower(), ci.upper()), (1.0, 1.0));
    }
    assert_eq!(censored.restricted_mean(10), (10.0, 0.0));

    let zero = curve(&[0, 0, 1], &[true, false, true]);
    // The customer censored at 0 is at risk at 0: S(0) = 2/3.
    assert_eq!(zero.survival_at(0), 2.0 / 3.0);
    assert_eq!(zero.survival_at(1), 0.0);
    assert_eq!(zero.restricted_mean(0), (0.0, 0.0));
    assert_eq!(zero.restricted_mean(5).0, 2.0 / 3.0);
    assert!(!zero.lifetime_value(5, 1.0, 0.0).unwrap().extrapolated());
    assert!(zero.to_string().contains("median lifetime"));
}

#[test]
fn counts_near_the_limit_stay_finite() {
    let big = MAX_COUNT / 4;
    let km = KaplanMeier::from_counts(None, [(0, big, big), (1, big, 0), (9, 0, big - 5)]).unwrap();
    assert!(
        KaplanMeier::from_counts(None, [(0, MAX_COUNT / 2, MAX_COUNT / 2 + 1), (1, 1, 0)]).is_err()
    );
    assert!(KaplanMeier::from_counts(None, [(0, MAX_COUNT / 2, MAX_COUNT / 2 + 1)]).is_ok());
    let s = km.summary().unwrap();
    for st in s.steps() {
        assert!(st.survival().is_finite() && st.std_err().is_finite());
    }
    for method in SurvivalInterval::ALL {
        let q = s
            .quantiles(&[0.25, 0.5, 0.75], ConfidenceLevel::P95, method)
            .unwrap();
        assert!(
            q.iter()
                .flat_map(|q| [q.estimate, q.lower, q.upper])
                .flatten()
                .all(f64::is_finite)
        );
    }
    let ltv = s.lifetime_value(MAX_DURATION, 1e15, 0.0).unwrap();
    assert!(ltv.value().is_finite() && ltv.std_err().is_finite() && ltv.extrapolated());
    let test = log_rank(&[s.clone(), curve(&[1, 2], &[true, true])]).unwrap();
    assert!(test.chi_squared().is_finite() && (0.0..=1.0).contains(&test.p_value()));
}

#[test]
fn log_rank_refuses_what_it_cannot_compare() {
    let a = curve(&[1, 3, 4], &[true, true, false]);
    let censored = curve(&[2, 5], &[false, false]);
    let early = curve(&[0], &[false]); // censored before anyone churned: expected 0
    assert!(matches!(
        log_rank(&[]),
        Err(LogRankError::TooFewGroups { groups: 0, .. })
    ));
    assert!(matches!(
        log_rank(std::slice::from_ref(&a)),
        Err(LogRankError::TooFewGroups { groups: 1, .. })
    ));
    assert!(matches!(
        log_rank(&[censored.clone(), censored.clone()]),
        Err(LogRankError::TooFewGroups { comparable: 0, .. })
    ));
    assert!(matches!(
        log_rank(&[a.clone(), early.clone()]),
        Err(LogRankError::TooFewGroups { comparable: 1, .. })
    ));
    // A group with nobody at risk at a churn is left out of three, as R leaves it out.
    let b = curve(&[2, 2, 6], &[true, false, true]);
    let test = log_rank(&[a.clone(), early, b.clone()]).unwrap();
    assert_eq!(test.df(), 1);
    assert_eq!(
        test.chi_squared(),
        log_rank(&[a.clone(), b]).unwrap().chi_squared()
    );
    // A group without churn but at risk stays in.
    assert_eq!(log_rank(&[a, censored]).unwrap().df(), 1);
}

#[test]
fn lifetime_value_discounts_and_refuses_bad_numbers() {
    let s = curve(
        &[2, 5, 5, 9, 12, 20],
        &[true, true, false, true, false, false],
    );
    let undiscounted = s.lifetime_value(12, 10.0, 0.0).unwrap();
    let discounted = s.lifetime_value(12, 10.0, 0.02).unwrap();
    assert!(discounted.value() < undiscounted.value());
    // By hand: Σ S(t) 10 / 1.02^t.
    let by_hand: f64 = (0..12)
        .map(|t| s.survival_at(t) * 10.0 / 1.02f64.powi(t as i32))
        .sum();
    assert!((discounted.value() - by_hand).abs() < 1e-10 * by_hand);
    let same = s.lifetime_value_with_margins(&[10.0; 12], 0.02).unwrap();
    assert!((same.value() - discounted.value()).abs() < 1e-10 * by_hand);
    assert!((same.std_err() - discounted.std_err()).abs() < 1e-10 * discounted.std_err());
    assert!(!discounted.extrapolated());
    assert!(s.lifetime_value(30, 10.0, 0.0).unwrap().extrapolated());
    assert_eq!(s.lifetime_value(0, 10.0, 0.1).unwrap().value(), 0.0);
    assert!(s.lifetime_value(12, f64::NAN, 0.0).is_err());
    assert!(s.lifetime_value(12, 1e16, 0.0).is_err());
    assert!(s.lifetime_value(12, 1.0, -0.01).is_err());
    assert!(
        s.lifetime_value_with_margins(&[1.0, f64::INFINITY], 0.0)
            .is_err()
    );
    let ci = discounted.interval(ConfidenceLevel::P95);
    assert!(ci.lower() >= 0.0 && ci.contains(discounted.value()));
    assert!(discounted.to_string().contains("delta method"));
}

#[test]
fn grouped_curves_and_typed_input() {
    let mut by_plan: Grouped<&str, KaplanMeier> = Grouped::default();
    by_plan.try_push("pro", (3, true)).unwrap();
    by_plan.try_push("pro", (8, false)).unwrap();
    assert!(by_plan.try_push("basic", (MAX_DURATION + 1, true)).is_err());
    assert_eq!(by_plan.len(), 1); // a refused lifetime makes no group
    by_plan.push(("basic", Lifetime::ended(1).unwrap()));
    let summary = by_plan.summary().unwrap();
    assert_eq!(summary.get(&"pro").unwrap().count(), 2);
    let collected: KaplanMeier = [Lifetime::ended(2).unwrap(), Lifetime::ongoing(4).unwrap()]
        .into_iter()
        .collect();
    assert_eq!(collected.count(), 2);
    assert!(matches!(
        Lifetime::new(MAX_DURATION + 1, true),
        Err(LifetimeError::DurationTooLong { .. })
    ));
}

const DAY: i64 = 86_400;
/// 2025-01-01T00:00:00Z.
const JAN_2025: i64 = 1_735_689_600;

#[test]
fn cohort_grid_leaves_unlived_periods_empty() {
    // As of 2025-04-10: the January cohort has lived three months, March's one (partly).
    let as_of = JAN_2025 + 99 * DAY;
    let mut cohorts = CohortRetention::new(Granularity::Month, as_of).unwrap();
    for day in 0..10 {
        // Ten January customers, two of whom churn in their second month.
        let start = JAN_2025 + day * DAY;
        let end = (day < 2).then_some(start + 40 * DAY);
        cohorts.try_push(start, end).unwrap();
    }
    for day in [60, 75] {
        cohorts.try_push(JAN_2025 + day * DAY, None).unwrap(); // March: 2025-03-02 and 03-17
    }
    assert!(matches!(
        cohorts.try_push(as_of + 1, None),
        Err(LifetimeError::StartAfterAsOf { .. })
    ));
    assert_eq!(cohorts.count(), 12);
    let grid = cohorts.grid(4, ConfidenceLevel::P95, SurvivalInterval::Log);
    assert_eq!(grid.rows().len(), 2);
    let january = grid.row(&"2025-01".parse::<Period>().unwrap()).unwrap();
    assert_eq!(january.customers(), 10);
    let cells = january.cells();
    assert_eq!(
        (cells[0].retained(), cells[0].status()),
        (Some(1.0), CellStatus::Complete)
    );
    assert_eq!(
        (cells[1].retained(), cells[1].status()),
        (Some(0.8), CellStatus::Complete)
    );
    // Month 3 ends April 1 to 10: all ten January customers have reached it.
    assert_eq!(cells[2].status(), CellStatus::Complete);
    assert_eq!(cells[3].retained(), None);
    assert_eq!(cells[3].status(), CellStatus::NotYetObserved);
    let ci = cells[1].interval().unwrap();
    assert!(ci.contains(0.8));
    let march = grid.row(&"2025-03".parse::<Period>().unwrap()).unwrap();
    // The March 2 customer has passed one anniversary, the March 17 one has not.
    assert!(matches!(
        march.cells()[0].status(),
        CellStatus::Partial { unobserved: 1, .. }
    ));
    assert_eq!(march.cells()[0].retained(), Some(1.0));
    assert_eq!(march.cells()[1].retained(), None);
    let text = grid.to_string();
    assert!(text.contains("2025-01") && text.contains("80.0%") && text.contains(" - "));

    // Merging: the same configuration adds up; another as-of is refused.
    let mut other = CohortRetention::new(Granularity::Month, as_of).unwrap();
    other.try_push(JAN_2025, None).unwrap();
    cohorts.merge(&other).unwrap();
    assert_eq!(cohorts.count(), 13);
    let later = CohortRetention::new(Granularity::Month, as_of + 1).unwrap();
    assert!(cohorts.merge(&later).is_err());
    assert!(CohortRetention::new(Granularity::Month, -5).is_err());
}

#[cfg(feature = "calendar")]
#[test]
fn cohorts_in_a_zone_use_its_calendar() {
    use satisfaction::calendar::Zone;
    let tokyo = Zone::named("Asia/Tokyo").unwrap();
    // 2024-12-31T20:00Z is already 2025-01-01 in Tokyo.
    let start = JAN_2025 - 4 * 3600;
    let as_of = JAN_2025 + 40 * DAY;
    let mut utc = CohortRetention::new(Granularity::Month, as_of).unwrap();
    let mut local = CohortRetention::in_zone(Granularity::Month, as_of, &tokyo).unwrap();
    utc.try_push(start, None).unwrap();
    local.try_push(start, None).unwrap();
    let first = |c: &CohortRetention| {
        c.grid(1, ConfidenceLevel::P95, SurvivalInterval::Log)
            .rows()[0]
            .cohort()
            .to_string()
    };
    assert_eq!(first(&utc), "2024-12");
    assert_eq!(first(&local), "2025-01");
    assert!(utc.merge(&local).is_err()); // zones differ
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;

    fn golden(name: &str) -> String {
        format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    /// `json` equals the golden file `name` (written with `SATISFACTION_BLESS=1`).
    fn pinned(json: &str, name: &str) -> String {
        if std::env::var_os("SATISFACTION_BLESS").is_some() {
            std::fs::write(golden(name), format!("{json}\n")).unwrap();
        }
        let text = std::fs::read_to_string(golden(name)).unwrap();
        assert_eq!(json, text.trim_end(), "{name}");
        text.trim_end().to_owned()
    }

    fn sample() -> KaplanMeier {
        let mut km = KaplanMeier::with_cap(36).unwrap();
        km.try_extend_from_slices(
            &[0, 3, 3, 7, 12, 12, 40],
            &[true, true, false, true, false, true, true],
        )
        .unwrap();
        km
    }

    #[test]
    fn golden_state_and_tampering() {
        let km = sample();
        let json = pinned(&serde_json::to_string(&km).unwrap(), "kaplan_meier_v3.json");
        assert_eq!(serde_json::from_str::<KaplanMeier>(&json).unwrap(), km);
        let refused = |edited: String| {
            assert!(
                serde_json::from_str::<KaplanMeier>(&edited).is_err(),
                "{edited}"
            )
        };
        refused(json.replace("\"version\":3", "\"version\":2"));
        refused(json.replace("[0,3,7,12,36]", "[0,7,3,12,36]")); // out of order
        refused(json.replace("[0,3,7,12,36]", "[0,3,7,12]")); // lengths differ
        refused(json.replace("\"cap\":36", "\"cap\":20")); // durations past the cap
        refused(json.replace("\"cap\":36", "\"cap\":1000000000000001"));
        refused(json.replace("[0,3,7,12,36]", "[0,3,7,12,1000000000000001]"));
        refused(json.replace("\"censored\":[0,", "\"censored\":[9223372036854775807,"));
        refused(json.replace('}', ",\"extra\":1}"));
        let empty = serde_json::to_string(&KaplanMeier::default()).unwrap();
        assert_eq!(
            serde_json::from_str::<KaplanMeier>(&empty).unwrap(),
            KaplanMeier::default()
        );
    }

    #[test]
    fn golden_summary_and_tampering() {
        let summary = sample().summary().unwrap();
        let json = pinned(
            &serde_json::to_string(&summary).unwrap(),
            "kaplan_meier_summary_v3.json",
        );
        assert_eq!(
            serde_json::from_str::<KaplanMeierSummary>(&json).unwrap(),
            summary
        );
        // Any number of the report edited: refused.
        let edited = json.replacen("\"at_risk\":7", "\"at_risk\":8", 1);
        assert_ne!(edited, json);
        assert!(serde_json::from_str::<KaplanMeierSummary>(&edited).is_err());
        let edited = json.replacen("\"customers\":7", "\"customers\":8", 1);
        assert!(serde_json::from_str::<KaplanMeierSummary>(&edited).is_err());
        // Another level or method is recomputed and checked the same way.
        let log_log = json.replace("\"method\":\"log\"", "\"method\":\"log_log\"");
        assert!(serde_json::from_str::<KaplanMeierSummary>(&log_log).is_err());
    }
}

/// The coverage of the lifetime value's 95% delta-method interval, by simulation: lifetimes
/// from a known Weibull distribution (shape 0.8, scale 20 periods), independent uniform
/// censoring on [0, 48] periods (about 39% censored), 200 customers a sample, 24 periods at a
/// margin of 50 discounted at 1% a period. Run with
/// `cargo test --release --test metrics lifetime_value_coverage -- --ignored --nocapture`.
#[test]
#[ignore = "a simulation of 2,000 samples: run on demand, the README reports its result"]
fn lifetime_value_coverage() {
    let (shape, scale) = (0.8f64, 20.0f64);
    let true_survival = |t: f64| (-(t / scale).powf(shape)).exp();
    let (horizon, margin, rate) = (24u64, 50.0, 0.01);
    let truth: f64 = (0..horizon)
        .map(|t| true_survival(t as f64) * margin * (1.0f64 + rate).powi(-(t as i32)))
        .sum();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut uniform = move || {
        // splitmix64
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    for (n, replications) in [(200usize, 2_000usize), (50, 2_000), (1_000, 1_000)] {
        let (mut covered, mut censored_share, mut mean_width) = (0usize, 0.0, 0.0);
        for _ in 0..replications {
            let mut km = KaplanMeier::default();
            let mut censored = 0usize;
            for _ in 0..n {
                let lifetime = scale * (-uniform().ln()).powf(1.0 / shape);
                let censoring = 48.0 * uniform();
                // As `Lifetime::between` records it: a churn in period ceil(L) (after
                // ceil(L) - 1 anniversaries) counts once that period is over by the time
                // observation stops; otherwise the customer is censored at the last
                // anniversary observed.
                let (observed, period) = (censoring.floor(), lifetime.ceil());
                if period <= observed {
                    km.try_push(period as u64, true).unwrap();
                } else {
                    censored += 1;
                    km.try_push(observed as u64, false).unwrap();
                }
            }
            let ltv = km
                .summary()
                .unwrap()
                .lifetime_value(horizon, margin, rate)
                .unwrap();
            let ci = ltv.interval(ConfidenceLevel::P95);
            covered += usize::from(ci.contains(truth));
            censored_share += censored as f64 / n as f64;
            mean_width += ci.width();
        }
        let coverage = covered as f64 / replications as f64;
        eprintln!(
            "n = {n}: coverage {coverage:.3} of {replications} samples (true value {truth:.2}, \
             mean width {:.2}, {:.0}% censored)",
            mean_width / replications as f64,
            100.0 * censored_share / replications as f64
        );
        assert!((0.92..=0.975).contains(&coverage), "coverage {coverage}");
    }
}

/// The README's "Retention" example, on three customers.
#[test]
fn readme_example() -> Result<(), Box<dyn std::error::Error>> {
    struct Customer {
        plan: String,
        start: i64,
        end: Option<i64>,
    }
    let as_of = JAN_2025 + 400 * DAY;
    let customers = [
        Customer {
            plan: "monthly".into(),
            start: JAN_2025,
            end: Some(JAN_2025 + 70 * DAY),
        },
        Customer {
            plan: "monthly".into(),
            start: JAN_2025 + DAY,
            end: None,
        },
        Customer {
            plan: "annual".into(),
            start: JAN_2025 + 9 * DAY,
            end: Some(JAN_2025 + 380 * DAY),
        },
        Customer {
            plan: "annual".into(),
            start: JAN_2025 + 30 * DAY,
            end: None,
        },
    ];
    let mut by_plan: Grouped<String, KaplanMeier> = Grouped::default();
    for c in &customers {
        let lifetime = Lifetime::between(c.start, c.end, as_of, Granularity::Month)?;
        by_plan.entry(c.plan.clone()).push(lifetime);
    }
    let (level, method) = (ConfidenceLevel::P95, SurvivalInterval::Log);
    for (_plan, km) in by_plan.iter() {
        let curve = km.summary().unwrap();
        let _median = curve.median();
        let (_low, _high) = curve.median_interval(level, method);
        let twelve = (curve.survival_at(12), curve.interval_at(12, level, method));
        assert!(twelve.1.contains(twelve.0));
        let ltv = curve.lifetime_value(24, 49.0, 0.01)?;
        assert!(ltv.value() > 0.0);
        let (months, se) = curve.restricted_mean(24);
        assert!(months > 0.0 && se >= 0.0);
    }
    let curves: Vec<_> = by_plan
        .iter()
        .map(|(_, km)| km.summary().unwrap())
        .collect();
    let test = log_rank(&curves)?;
    assert_eq!(test.df(), 1);
    Ok(())
}
