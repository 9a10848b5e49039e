//! Business durations: a 1-day, a 1-week and a 1-year span on a Monday-to-Friday calendar in
//! America/New_York with US holidays (two DST changes a year), plus the same year on a 24/7
//! calendar, timestamp parsing and local periods.
//!
//! `cargo bench --features calendar --bench calendar`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use satisfaction::calendar::{BusinessCalendar, Weekday, Zone, parse_timestamp};
use satisfaction::{Granularity, Period};

fn calendar(zone: &Zone) -> BusinessCalendar {
    let mut builder = BusinessCalendar::builder(zone.clone());
    for day in [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ] {
        builder = builder
            .hours(day, "09:00", "12:30")
            .hours(day, "13:30", "18:00");
    }
    for holiday in [
        "2026-01-01",
        "2026-01-19",
        "2026-05-25",
        "2026-07-03",
        "2026-09-07",
        "2026-11-26",
        "2026-12-25",
        "2027-01-01",
    ] {
        builder = builder.holiday(holiday);
    }
    builder.build().expect("valid calendar")
}

fn business_duration(c: &mut Criterion) {
    let ny = Zone::named("America/New_York").expect("bundled zone");
    let workdays = calendar(&ny);
    let always = BusinessCalendar::always_open(ny.clone());
    let created = ny.parse_local("2026-02-27 17:55").expect("local time");
    let spans = [
        ("1 day", 86_400),
        ("1 week", 7 * 86_400),
        ("1 year", 365 * 86_400),
        ("100 years", 36_525 * 86_400),
    ];
    let mut group = c.benchmark_group("business_duration");
    for (name, span) in spans {
        group.bench_function(name, |b| {
            b.iter(|| workdays.business_duration(black_box(created), black_box(created + span)))
        });
    }
    group.bench_function("1 year, 24/7", |b| {
        b.iter(|| always.business_duration(black_box(created), black_box(created + 365 * 86_400)))
    });
    group.finish();

    c.bench_function("is_open", |b| {
        b.iter(|| workdays.is_open(black_box(created)))
    });
    c.bench_function("next_open (Friday evening)", |b| {
        b.iter(|| workdays.next_open(black_box(created)))
    });
}

fn parsing_and_periods(c: &mut Criterion) {
    let ny = Zone::named("America/New_York").expect("bundled zone");
    c.bench_function("parse_timestamp", |b| {
        b.iter(|| parse_timestamp(black_box("2026-11-27T17:55:00-05:00")))
    });
    c.bench_function("Zone::parse_local", |b| {
        b.iter(|| ny.parse_local(black_box("2026-11-27 17:55:00")))
    });
    c.bench_function("Zone::named", |b| {
        b.iter(|| Zone::named(black_box("America/New_York")))
    });
    c.bench_function("Period::containing_in (month)", |b| {
        b.iter(|| Period::containing_in(black_box(1_795_820_100), Granularity::Month, &ny))
    });
}

criterion_group!(benches, business_duration, parsing_and_periods);
criterion_main!(benches);
