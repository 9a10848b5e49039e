//! `satisfaction::calendar`: agreement with Python's `zoneinfo` on the committed tables in
//! `tests/reference/calendar_*.csv` (written by `tests/reference/generate_calendar.py`), DST
//! edge cases in named zones, bad input and serde (properties: tests/calendar_properties.rs).

#![cfg(feature = "calendar")]

use std::time::Duration;

use satisfaction::calendar::{
    BusinessCalendar, CalendarError, Weekday, Zone, ZonedPeriod, parse_timestamp, tzdb_version,
};
use satisfaction::period::PeriodError;
use satisfaction::{Granularity, Period};

use crate::fixtures::{num, rows};

/// 9999-12-31T23:59:59Z, the last supported instant.
const LATEST: i64 = 253_402_300_799;

const HOUR: u64 = 3600;

fn zone(name: &str) -> Zone {
    Zone::named(name).unwrap()
}

/// A calendar from the generator's text: "Mon 09:00-17:00|..." and "YYYY-MM-DD|...".
fn calendar_from_text(zone_name: &str, hours: &str, holidays: &str) -> BusinessCalendar {
    let mut builder = BusinessCalendar::builder(zone(zone_name));
    for part in hours.split('|') {
        let (day, span) = part.split_once(' ').unwrap();
        let (start, end) = span.split_once('-').unwrap();
        builder = builder.hours(day.parse().unwrap(), start, end);
    }
    for holiday in holidays.split('|').filter(|h| !h.is_empty()) {
        builder = builder.holiday(holiday);
    }
    builder.build().unwrap()
}

fn granularity(name: &str) -> Granularity {
    match name {
        "day" => Granularity::Day,
        "week" => Granularity::IsoWeek,
        "month" => Granularity::Month,
        "quarter" => Granularity::Quarter,
        "year" => Granularity::Year,
        other => panic!("unknown granularity {other}"),
    }
}

#[test]
fn the_bundled_tzdb_is_the_pinned_one() {
    // The reference tables were generated with tzdata 2026.6 (IANA 2026f): regenerate them
    // (tests/reference/generate_calendar.py) when this changes.
    assert_eq!(tzdb_version(), "2026f");
}

#[test]
fn local_times_match_zoneinfo() {
    let rows = rows("calendar_local.csv");
    assert!(rows.len() > 1000);
    for row in &rows {
        let zone = zone(&row[0]);
        let expected = num(&row[2]);
        assert_eq!(zone.parse_local(&row[1]), Ok(expected), "{row:?}");
        assert_eq!(zone.format_local(expected).unwrap(), row[3], "{row:?}");
        assert_eq!(parse_timestamp(&row[3]), Ok(expected), "{row:?}");
    }
}

#[test]
fn local_periods_match_zoneinfo() {
    let rows = rows("calendar_period.csv");
    assert!(rows.len() > 2000);
    for row in &rows {
        let zone = zone(&row[0]);
        let t = num(&row[1]);
        let period = Period::containing_in(t, granularity(&row[2]), &zone).unwrap();
        let got = (period.to_string(), period.start(), period.end());
        assert_eq!(got, (row[3].clone(), num(&row[4]), num(&row[5])), "{row:?}");
        assert_eq!(ZonedPeriod::parse(&row[3], &zone), Ok(period), "{row:?}");
    }
}

#[test]
fn business_durations_match_zoneinfo() {
    let calendars: Vec<BusinessCalendar> = rows("calendar_business.csv")
        .iter()
        .map(|row| calendar_from_text(&row[1], &row[2], &row[3]))
        .collect();
    let rows = rows("calendar_duration.csv");
    assert!(rows.len() > 1000);
    for row in &rows {
        let calendar = &calendars[num::<i64>(&row[0]) as usize];
        let (created, replied) = (num(&row[1]), num(&row[2]));
        let expected = Duration::from_secs(num::<i64>(&row[3]) as u64);
        assert_eq!(
            calendar.business_duration(created, replied),
            Ok(expected),
            "{calendar} from {created} to {replied}"
        );
    }
}

fn weekdays(
    zone_name: &str,
    start: &str,
    end: &str,
) -> satisfaction::calendar::BusinessCalendarBuilder {
    let mut builder = BusinessCalendar::builder(zone(zone_name));
    for day in &Weekday::ALL[..5] {
        builder = builder.hours(*day, start, end);
    }
    builder
}

#[test]
fn the_issue_example_is_ten_business_minutes() {
    let calendar = weekdays("America/New_York", "09:00", "18:00")
        .build()
        .unwrap();
    let created = parse_timestamp("2026-11-27T17:55:00-05:00").unwrap();
    let replied = zone("America/New_York")
        .parse_local("2026-11-30 09:05:00")
        .unwrap();
    assert_eq!(replied - created, 63 * 3600 + 10 * 60);
    assert_eq!(
        calendar.business_duration(created, replied),
        Ok(Duration::from_secs(600))
    );
}

#[test]
fn a_year_of_weekdays_minus_holidays() {
    let calendar = weekdays("America/New_York", "09:00", "17:00")
        .holiday("2026-01-01")
        .holiday("2026-01-19")
        .holiday("2026-05-25")
        .holiday("2026-07-03")
        .holiday("2026-09-07")
        .holiday("2026-11-26")
        .holiday("2026-12-25")
        .holiday("2026-12-26") // a Saturday: changes nothing
        .build()
        .unwrap();
    let ny = calendar.zone();
    let start = ny.parse_local("2026-01-01 00:00").unwrap();
    let end = ny.parse_local("2027-01-01 00:00").unwrap();
    // 2026 has 261 weekdays; 7 holidays fall on one.
    assert_eq!(
        calendar.business_duration(start, end),
        Ok(Duration::from_secs(254 * 8 * HOUR))
    );
    // Whole-range spans stay exact and cheap: the sum of parts.
    let mid = ny.parse_local("2500-06-15 12:34:56").unwrap();
    let whole = calendar.business_duration(0, LATEST).unwrap();
    let parts = calendar.business_duration(0, mid).unwrap()
        + calendar.business_duration(mid, LATEST).unwrap();
    assert_eq!(whole, parts);
}

#[test]
fn dst_days_in_new_york_london_and_lord_howe() {
    for (name, spring, fall, spring_len, fall_len) in [
        (
            "America/New_York",
            "2026-03-08",
            "2026-11-01",
            23 * 3600,
            25 * 3600,
        ),
        (
            "Europe/London",
            "2026-03-29",
            "2026-10-25",
            23 * 3600,
            25 * 3600,
        ),
        // Lord Howe Island moves its clocks by 30 minutes.
        (
            "Australia/Lord_Howe",
            "2026-10-04",
            "2026-04-05",
            47 * 1800,
            49 * 1800,
        ),
    ] {
        let z = zone(name);
        let always = BusinessCalendar::always_open(z.clone());
        for (date, len) in [(spring, spring_len), (fall, fall_len)] {
            let t = z.parse_local(&format!("{date} 12:00")).unwrap();
            let day = Period::containing_in(t, Granularity::Day, &z).unwrap();
            assert_eq!(day.to_string(), date);
            assert_eq!(day.duration(), Duration::from_secs(len), "{name} {date}");
            assert_eq!(
                always.business_duration(day.start(), day.end()),
                Ok(Duration::from_secs(len))
            );
            // One calendar interval 00:00-24:00 covers the same real time.
            let midnight_to_midnight = BusinessCalendar::builder(z.clone())
                .hours(
                    date.parse::<Period>()
                        .map(|p| weekday_of(p.start()))
                        .unwrap(),
                    "00:00",
                    "24:00",
                )
                .build()
                .unwrap();
            assert_eq!(
                midnight_to_midnight.business_duration(day.start() - 86_400, day.end() + 86_400),
                Ok(Duration::from_secs(len)),
                "{name} {date}"
            );
        }
    }
    // Lord Howe's gap is 02:00-02:30 and its fold 01:30-02:00: an interval 01:00-03:00 is
    // 1.5 h on the spring day and 2.5 h on the autumn day.
    let z = zone("Australia/Lord_Howe");
    let early = BusinessCalendar::builder(z.clone())
        .hours(Weekday::Sunday, "01:00", "03:00")
        .build()
        .unwrap();
    for (date, expected) in [
        ("2026-10-04", 3 * 1800),
        ("2026-04-05", 5 * 1800),
        ("2026-10-11", 4 * 1800),
    ] {
        let start = z.parse_local(&format!("{date} 00:00")).unwrap();
        assert_eq!(
            early.business_duration(start, start + 12 * 3600),
            Ok(Duration::from_secs(expected)),
            "{date}"
        );
    }
}

fn weekday_of(utc_midnight: i64) -> Weekday {
    Weekday::ALL[((utc_midnight / 86_400 + 3).rem_euclid(7)) as usize]
}

#[test]
fn holidays_close_whole_local_dates_only() {
    // A night shift Friday 22:00 to Saturday 06:00; Saturday is a holiday.
    let z = zone("Europe/London");
    let calendar = BusinessCalendar::builder(z.clone())
        .hours(Weekday::Friday, "22:00", "24:00")
        .hours(Weekday::Saturday, "00:00", "06:00")
        .holiday("2026-12-26")
        .build()
        .unwrap();
    let friday = z.parse_local("2026-12-25 20:00").unwrap();
    assert_eq!(
        calendar.business_duration(friday, friday + 12 * 3600),
        Ok(Duration::from_secs(2 * HOUR))
    );
    let next_friday = friday + 7 * 86_400;
    assert_eq!(
        calendar.business_duration(next_friday, next_friday + 12 * 3600),
        Ok(Duration::from_secs(8 * HOUR))
    );
    assert_eq!(calendar.holidays(), ["2026-12-26"]);
}

#[test]
fn split_shifts_and_touching_intervals() {
    let z = zone("Asia/Kathmandu"); // +05:45
    let calendar = BusinessCalendar::builder(z.clone())
        .hours(Weekday::Tuesday, "13:00", "17:00")
        .hours(Weekday::Tuesday, "08:00", "12:00")
        .hours(Weekday::Tuesday, "12:00", "13:00")
        .build()
        .unwrap();
    assert_eq!(calendar.weekly_open_time(), Duration::from_secs(9 * HOUR));
    let tuesday = z.parse_local("2026-12-01 00:00").unwrap();
    assert_eq!(
        calendar.business_duration(tuesday, tuesday + 86_400),
        Ok(Duration::from_secs(9 * HOUR))
    );
    assert_eq!(calendar.is_open(tuesday + 12 * 3600), Ok(true));
    assert_eq!(calendar.is_open(tuesday + 17 * 3600), Ok(false));
    assert_eq!(calendar.next_open(tuesday), Ok(Some(tuesday + 8 * 3600)));
    assert_eq!(
        calendar.next_open(tuesday + 17 * 3600),
        Ok(Some(tuesday + 7 * 86_400 + 8 * 3600))
    );
}

#[test]
fn samoa_skipped_a_friday() {
    // Pacific/Apia went from -10 to +14 at the end of 2011-12-29: there was no 2011-12-30.
    let z = zone("Pacific/Apia");
    let thursday = z.parse_local("2011-12-29 12:00").unwrap();
    let saturday = z.parse_local("2011-12-31 12:00").unwrap();
    assert_eq!(saturday - thursday, 24 * 3600);
    let day = Period::containing_in(thursday + 12 * 3600, Granularity::Day, &z).unwrap();
    assert_eq!(day.to_string(), "2011-12-31");
    let thursday_period = Period::containing_in(thursday, Granularity::Day, &z).unwrap();
    assert_eq!(thursday_period.next().unwrap().to_string(), "2011-12-30");
    assert_eq!(thursday_period.next().unwrap().duration(), Duration::ZERO);
    // Friday's hours, read with the offset before the gap, are Saturday's: counted once.
    let calendar = weekdays("Pacific/Apia", "09:00", "17:00")
        .hours(Weekday::Saturday, "09:00", "17:00")
        .build()
        .unwrap();
    assert_eq!(
        calendar.business_duration(thursday, saturday + 12 * 3600),
        Ok(Duration::from_secs(5 * HOUR + 8 * HOUR)) // Thursday 12-17, Saturday 9-17
    );
}

#[test]
fn the_ends_of_the_supported_range() {
    for name in [
        "Pacific/Kiritimati",
        "America/New_York",
        "Etc/GMT+12",
        "UTC",
    ] {
        let z = zone(name);
        let always = BusinessCalendar::always_open(z.clone());
        assert_eq!(
            always.business_duration(LATEST - 3 * 86_400, LATEST),
            Ok(Duration::from_secs(3 * 86_400)),
            "{name}"
        );
        assert_eq!(
            always.business_duration(0, 86_400),
            Ok(Duration::from_secs(86_400))
        );
        assert_eq!(always.is_open(LATEST), Ok(true));
        assert_eq!(always.next_open(LATEST), Ok(Some(LATEST)));
        assert!(Period::containing_in(0, Granularity::IsoWeek, &z).is_ok());
    }
    // In Kiritimati (+14) the last supported instant is already 10000-01-01 locally.
    let kiritimati = zone("Pacific/Kiritimati");
    match Period::containing_in(LATEST, Granularity::Year, &kiritimati) {
        Err(PeriodError::OutOfRange { timestamp, max, .. }) => {
            assert_eq!(timestamp, LATEST);
            assert_eq!(max, LATEST - 14 * 3600);
        }
        other => panic!("{other:?}"),
    }
    let last = Period::containing_in(LATEST - 14 * 3600, Granularity::Year, &kiritimati).unwrap();
    assert_eq!(last.to_string(), "9999");
    assert!(last.next().is_err());
    // West of UTC the first instant is still 1969 locally; the period before it is refused.
    let ny = zone("America/New_York");
    let first = Period::containing_in(0, Granularity::Month, &ny).unwrap();
    assert_eq!(first.to_string(), "1969-12");
    assert!(first.previous().is_err());
    assert_eq!(first.next().unwrap().to_string(), "1970-01");
    // Nothing opens after the end of the range.
    let mondays = BusinessCalendar::builder(ny.clone())
        .hours(Weekday::Monday, "09:00", "10:00")
        .build()
        .unwrap();
    assert_eq!(mondays.next_open(LATEST - 3600), Ok(None));
}

#[test]
fn bad_input_is_an_error_naming_it() {
    let ny = zone("America/New_York");
    let calendar = weekdays("America/New_York", "09:00", "17:00")
        .build()
        .unwrap();
    assert!(matches!(
        calendar.business_duration(100, 99),
        Err(CalendarError::ReversedSpan {
            created: 100,
            replied: 99,
            ..
        })
    ));
    assert_eq!(calendar.business_duration(100, 100), Ok(Duration::ZERO));
    for bad in [-1, LATEST + 1, i64::MIN, i64::MAX] {
        let err = calendar.business_duration(bad, LATEST).unwrap_err();
        assert!(err.to_string().contains(&bad.to_string()), "{err}");
        assert!(calendar.is_open(bad).is_err());
        assert!(calendar.next_open(bad).is_err());
        assert!(ny.format_local(bad).is_err());
        assert!(ny.offset_seconds(bad).is_err());
        assert!(Period::containing_in(bad, Granularity::Day, &ny).is_err());
    }
    for name in [
        "",
        "Mars/Olympus_Mons",
        "EST5EDT,M3.2.0,M11.1.0",
        "+05:00",
        "Etc/Unknown",
        "America/New_York ",
    ] {
        let err = Zone::named(name).unwrap_err();
        assert!(
            matches!(&err, CalendarError::UnknownZone { name: n, .. } if n == name),
            "{err:?}"
        );
        assert!(err.to_string().contains(&format!("{name:?}")));
    }
    let builder = || BusinessCalendar::builder(ny.clone());
    let cases: Vec<(satisfaction::calendar::BusinessCalendarBuilder, &str)> = vec![
        (
            builder().hours(Weekday::Monday, "09:00", "25:00"),
            "\"25:00\" is not a wall-clock time",
        ),
        (builder().hours(Weekday::Monday, "9am", "17:00"), "\"9am\""),
        (
            builder().hours(Weekday::Monday, "24:00", "24:00"),
            "start 24:00 is not before end 24:00",
        ),
        (
            builder().hours(Weekday::Friday, "09:00", "12:30").hours(
                Weekday::Friday,
                "12:00",
                "17:00",
            ),
            "opening hours on Friday overlap: 09:00-12:30 and 12:00-17:00",
        ),
        (
            builder()
                .hours(Weekday::Monday, "09:00", "17:00")
                .holiday("2026-11-31"),
            "\"2026-11-31\" is not a date",
        ),
        (
            builder()
                .hours(Weekday::Monday, "09:00", "17:00")
                .holiday("26-11-26"),
            "\"26-11-26\"",
        ),
        (builder().holiday("2026-11-26"), "no open hours"),
    ];
    for (builder, message) in cases {
        let err = builder.build().unwrap_err();
        assert!(
            err.to_string().contains(message),
            "{err} should say {message}"
        );
    }
    for bad in [
        "2026-11-27 17:55:00",
        "2026-11-27T17:55:00+24:00",
        "now",
        "2026-11-27T17:55:00Z junk",
    ] {
        let err = parse_timestamp(bad).unwrap_err();
        assert!(
            matches!(err, CalendarError::InvalidTimestamp { .. }),
            "{bad}: {err}"
        );
        assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
    }
    assert!(matches!(
        ny.parse_local("1969-12-31 18:59:59"),
        Err(CalendarError::OutOfRange { timestamp: -1, .. })
    ));
    assert_eq!(ny.parse_local("1969-12-31 19:00:00"), Ok(0));
    assert!("2026-13".parse::<Weekday>().is_err());
    assert!(ZonedPeriod::parse("2026-W54", &ny).is_err());
    assert!(ZonedPeriod::parse("1969-11", &ny).is_err());
}

#[test]
fn zoned_periods_are_grouped_keys() {
    use satisfaction::{Aggregator, Grouped, Nps};
    let ny = zone("America/New_York");
    let tokyo = zone("Asia/Tokyo");
    let t = parse_timestamp("2026-11-30T23:30:00-05:00").unwrap();
    let mut grouped: Grouped<ZonedPeriod, Nps> = Grouped::default();
    for z in [&ny, &tokyo] {
        grouped
            .entry(Period::containing_in(t, Granularity::Month, z).unwrap())
            .try_push(10)
            .unwrap();
    }
    let keys: Vec<String> = grouped
        .iter()
        .map(|(k, _)| format!("{k} {}", k.zone()))
        .collect();
    assert_eq!(keys, ["2026-11 America/New_York", "2026-12 Asia/Tokyo"]);
    let november = ZonedPeriod::parse("2026-11", &ny).unwrap();
    assert_eq!(grouped.get(&november).unwrap().count(), 1);
    assert_ne!(november, ZonedPeriod::parse("2026-11", &tokyo).unwrap());
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trips_and_validates() {
    let ny = zone("America/New_York");
    let week = ZonedPeriod::parse("2026-W48", &ny).unwrap();
    let json = serde_json::to_string(&week).unwrap();
    assert_eq!(json, r#"{"period":"2026-W48","zone":"America/New_York"}"#);
    assert_eq!(serde_json::from_str::<ZonedPeriod>(&json).unwrap(), week);
    for bad in [
        r#"{"period":"2026-W54","zone":"America/New_York"}"#,
        r#"{"period":"2026-W48","zone":"America/Gotham"}"#,
        r#"{"period":"2026-W48"}"#,
        r#"{"period":"2026-W48","zone":"UTC","extra":1}"#,
    ] {
        assert!(serde_json::from_str::<ZonedPeriod>(bad).is_err(), "{bad}");
    }
    assert_eq!(
        serde_json::to_string(&Weekday::Friday).unwrap(),
        r#""Friday""#
    );
    assert_eq!(
        serde_json::from_str::<Weekday>(r#""fri""#).unwrap(),
        Weekday::Friday
    );
    assert!(serde_json::from_str::<Weekday>(r#""Caturday""#).is_err());
    assert_eq!(serde_json::to_string(&ny).unwrap(), r#""America/New_York""#);
    assert_eq!(
        serde_json::from_str::<Zone>(r#""america/new_york""#).unwrap(),
        ny
    );
    assert!(serde_json::from_str::<Zone>(r#""Nowhere""#).is_err());
}

#[cfg(feature = "serde")]
#[test]
fn business_calendars_serialise_as_their_configuration() {
    let calendar = weekdays("Europe/London", "09:00", "12:00")
        .hours(Weekday::Monday, "13:00", "17:30")
        .holiday("2026-12-25")
        .build()
        .unwrap();
    let json = serde_json::to_string(&calendar).unwrap();
    assert!(json.starts_with(
        r#"{"zone":"Europe/London","hours":{"Monday":[["09:00","12:00"],["13:00","17:30"]],"Tuesday":[["09:00","12:00"]]"#
    ), "{json}");
    assert!(json.ends_with(r#""holidays":["2026-12-25"]}"#), "{json}");
    assert_eq!(
        serde_json::from_str::<BusinessCalendar>(&json).unwrap(),
        calendar
    );
    let always = BusinessCalendar::always_open(zone("UTC"));
    let json = serde_json::to_string(&always).unwrap();
    assert_eq!(
        serde_json::from_str::<BusinessCalendar>(&json).unwrap(),
        always
    );
    for bad in [
        r#"{"zone":"UTC","hours":{}}"#,
        r#"{"zone":"UTC","hours":{"Monday":[["17:00","09:00"]]}}"#,
        r#"{"zone":"UTC","hours":{"Monday":[["09:00","17:00"]]},"holidays":["2026-02-30"]}"#,
        r#"{"zone":"Nowhere","hours":{"Monday":[["09:00","17:00"]]}}"#,
        r#"{"zone":"UTC","hours":{"Moonday":[["09:00","17:00"]]}}"#,
        r#"{"zone":"UTC","hours":{"Monday":[["09:00","17:00"]]},"extra":true}"#,
    ] {
        assert!(
            serde_json::from_str::<BusinessCalendar>(bad).is_err(),
            "{bad}"
        );
    }
}
