//! Properties of `satisfaction::calendar`: business durations are additive, monotone in the
//! reply, equal elapsed time on a 24/7 calendar and agree with a naive day-by-day walk through
//! the public API; periods tile time; formatted instants parse back; nothing panics.

#![cfg(feature = "calendar")]

use std::time::Duration;

use proptest::prelude::*;
use satisfaction::calendar::{
    BusinessCalendar, TimeOfDay, Weekday, Zone, ZonedPeriod, parse_timestamp,
};
use satisfaction::{FirstResponse, Granularity, Period};

/// 9999-12-31T23:59:59Z, the last supported instant.
const LATEST: i64 = 253_402_300_799;

fn zone(name: &str) -> Zone {
    Zone::named(name).unwrap()
}

fn weekday_of(utc_midnight: i64) -> Weekday {
    Weekday::ALL[((utc_midnight / 86_400 + 3).rem_euclid(7)) as usize]
}

const ZONES: [&str; 6] = [
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Apia",
    "Asia/Kolkata",
];

/// A calendar with 1 to 3 random intervals on random days (some touching midnight), and a few
/// holidays in 2024-2027.
fn arb_calendar() -> impl Strategy<Value = BusinessCalendar> {
    let interval = (0usize..7, 0u16..48, 1u16..=48);
    (
        0..ZONES.len(),
        prop::collection::vec(interval, 1..6),
        prop::collection::vec(0u32..1460, 0..6),
    )
        .prop_map(|(zone_index, intervals, holidays)| {
            let mut builder = BusinessCalendar::builder(zone(ZONES[zone_index]));
            let mut taken: Vec<(usize, u16, u16)> = Vec::new();
            for (day, a, len) in intervals {
                let (start, end) = (a * 30, (a * 30 + len * 30).min(1440));
                if start >= end
                    || taken
                        .iter()
                        .any(|&(d, s, e)| d == day && start < e && s < end)
                {
                    continue;
                }
                taken.push((day, start, end));
                let hhmm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
                builder = builder.hours(Weekday::ALL[day], &hhmm(start), &hhmm(end));
            }
            if taken.is_empty() {
                builder = builder.hours(Weekday::Wednesday, "09:00", "17:00");
            }
            for offset in holidays {
                let day = 19_723 + i64::from(offset); // from 2024-01-01
                let text = Period::containing(day * 86_400, Granularity::Day)
                    .unwrap()
                    .to_string();
                builder = builder.holiday(&text);
            }
            builder.build().unwrap()
        })
}

/// Instants in 2024-2027, where the holidays and many DST changes are.
fn arb_instant() -> impl Strategy<Value = i64> {
    1_704_067_200i64..1_830_297_600
}

/// The naive reference through the public API only: every local date of the span walked,
/// every interval resolved with `parse_local`, the union measured.
fn naive_business_seconds(calendar: &BusinessCalendar, a: i64, b: i64) -> u64 {
    let z = calendar.zone();
    let date_of = |t: i64| z.format_local(t).unwrap()[..10].parse::<Period>().unwrap();
    let mut spans = Vec::new();
    let mut day = date_of(a).previous().unwrap();
    let last = date_of(b).next().unwrap();
    let holidays = calendar.holidays();
    while day <= last {
        let label = day.to_string();
        if !holidays.contains(&label) {
            for (start, end) in calendar.opening_hours(weekday_of(day.start())) {
                let resolve = |time: &TimeOfDay| {
                    let hhmm = time.to_string();
                    if *time == TimeOfDay::END_OF_DAY {
                        z.parse_local(&format!("{} 00:00", day.next().unwrap()))
                            .unwrap()
                    } else {
                        z.parse_local(&format!("{label} {hhmm}")).unwrap()
                    }
                };
                let (s, e) = (resolve(&start).max(a), resolve(&end).min(b));
                if s < e {
                    spans.push((s, e));
                }
            }
        }
        day = day.next().unwrap();
    }
    spans.sort_unstable();
    let (mut total, mut covered) = (0, i64::MIN);
    for (s, e) in spans {
        let s = s.max(covered);
        if s < e {
            total += (e - s) as u64;
            covered = e;
        }
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn additive(calendar in arb_calendar(), mut t in prop::array::uniform3(arb_instant())) {
        t.sort_unstable();
        let d = |a, b| calendar.business_duration(a, b).unwrap();
        prop_assert_eq!(d(t[0], t[2]), d(t[0], t[1]) + d(t[1], t[2]));
        prop_assert!(d(t[0], t[2]).as_secs() <= (t[2] - t[0]) as u64);
    }

    #[test]
    fn monotone_in_the_reply(calendar in arb_calendar(), a in arb_instant(), x in 0i64..40_000_000, y in 0i64..40_000_000) {
        let (x, y) = (x.min(y), x.max(y));
        prop_assert!(calendar.business_duration(a, a + x).unwrap() <= calendar.business_duration(a, a + y).unwrap());
    }

    #[test]
    fn always_open_is_wall_clock(zone_index in 0..ZONES.len(), a in 0i64..LATEST, span in 0i64..100_000_000) {
        let b = (a + span).min(LATEST);
        let always = BusinessCalendar::always_open(zone(ZONES[zone_index]));
        prop_assert_eq!(always.business_duration(a, b).unwrap(), Duration::from_secs((b - a) as u64));
    }

    #[test]
    fn equals_the_naive_walk(calendar in arb_calendar(), a in arb_instant(), span in 0i64..(400 * 86_400)) {
        let b = a + span;
        prop_assert_eq!(
            calendar.business_duration(a, b).unwrap().as_secs(),
            naive_business_seconds(&calendar, a, b),
            "{}", calendar
        );
    }

    #[test]
    fn next_open_agrees_with_is_open(calendar in arb_calendar(), t in arb_instant()) {
        let next = calendar.next_open(t).unwrap().unwrap();
        prop_assert!(next >= t);
        prop_assert!(calendar.is_open(next).unwrap());
        prop_assert_eq!(calendar.is_open(t).unwrap(), next == t);
        prop_assert_eq!(calendar.business_duration(t, next).unwrap(), Duration::ZERO);
    }

    #[test]
    fn periods_tile_time(zone_index in 0..ZONES.len(), t in 0i64..4_102_444_800, g in 0usize..5) {
        let z = zone(ZONES[zone_index]);
        let g = [Granularity::Day, Granularity::IsoWeek, Granularity::Month, Granularity::Quarter, Granularity::Year][g];
        let p = Period::containing_in(t, g, &z).unwrap();
        prop_assert!(p.contains(t));
        prop_assert_eq!(p.next().unwrap().start(), p.end());
        prop_assert_eq!(p.next().unwrap().previous().unwrap(), p.clone());
        prop_assert_eq!(ZonedPeriod::parse(&p.to_string(), &z).unwrap(), p.clone());
        prop_assert_eq!(Period::containing_in(p.start().max(0), g, &z).unwrap(), p.clone());
        prop_assert_eq!(Period::containing_in(p.end() - 1, g, &z).unwrap(), p);
    }

    #[test]
    fn formatted_instants_parse_back(zone_index in 0..ZONES.len(), t in prop_oneof![0i64..=LATEST, (LATEST - 86_400)..=LATEST]) {
        let z = zone(ZONES[zone_index]);
        let text = z.format_local(t).unwrap();
        if text.starts_with("10000-") {
            prop_assert!(t > LATEST - 86_400);
            return Ok(());
        }
        prop_assert_eq!(parse_timestamp(&text).unwrap(), t);
        // The wall time alone gives t back unless t is the second pass through a fold.
        let local = z.parse_local(&text[..19]).unwrap();
        prop_assert!(local == t || (local < t && z.format_local(local).unwrap()[..19] == text[..19]));
    }

    #[test]
    fn no_panic_on_any_text(text in "\\PC{0,40}", zone_index in 0..ZONES.len()) {
        let _ = parse_timestamp(&text);
        let _ = zone(ZONES[zone_index]).parse_local(&text);
        let _ = Zone::named(&text);
        let _ = text.parse::<Weekday>();
        let _ = ZonedPeriod::parse(&text, &Zone::utc());
        let _ = BusinessCalendar::builder(Zone::utc()).hours(Weekday::Monday, &text, "17:00").holiday(&text).build();
    }

    #[test]
    fn no_panic_on_any_instant(calendar in arb_calendar(), a in any::<i64>(), b in any::<i64>()) {
        let _ = calendar.business_duration(a, b);
        let _ = calendar.is_open(a);
        let _ = calendar.next_open(a);
        let _ = Period::containing_in(a, Granularity::Year, calendar.zone());
        let _ = calendar.zone().format_local(a);
        let _ = calendar.first_response(a, Some(b), b);
        let _ = calendar.first_response(a, None, b);
    }

    /// On a 24/7 calendar a ticket's business-hours first response is its wall-clock one.
    #[test]
    fn always_open_first_response_is_the_wall_clock_one(
        zone_index in 0..ZONES.len(),
        created in 0i64..4_102_444_800,
        reply in prop::option::of(0i64..10_000_000),
        report in 0i64..10_000_000,
    ) {
        let always = BusinessCalendar::always_open(zone(ZONES[zone_index]));
        let (replied, as_of) = (reply.map(|r| created + r), created + report);
        prop_assert_eq!(
            always.first_response(created, replied, as_of).unwrap(),
            FirstResponse::as_of(created, replied, as_of).unwrap()
        );
    }

    /// Answered tickets wait their business duration; open ones, the business time to the report.
    #[test]
    fn first_response_is_the_business_duration(
        calendar in arb_calendar(),
        created in arb_instant(),
        reply in 0i64..40_000_000,
        report in 0i64..40_000_000,
    ) {
        let (replied, as_of) = (created + reply, created + report);
        let expected = if replied <= as_of {
            FirstResponse::Answered(calendar.business_duration(created, replied).unwrap())
        } else {
            FirstResponse::Waiting(calendar.business_duration(created, as_of).unwrap())
        };
        prop_assert_eq!(calendar.first_response(created, Some(replied), as_of).unwrap(), expected);
    }
}
