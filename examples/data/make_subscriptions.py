"""Builds subscriptions.csv, the customer records the `retention` example reads.

Deterministic (fixed seed), standard library only. Regenerate from the repository root with

    python3 examples/data/make_subscriptions.py

subscriptions.csv: 2,400 customers of a subscription product who signed up between 2024-01-01
and 2025-12-31 (100 a month: monthly cohorts over two years), on three plans, as known on
2026-01-15T00:00:00Z (the example's as-of instant). Columns:

    customer   an id
    plan       "monthly" (about half), "annual" (about 35%) or "enterprise" (about 15%)
    start      sign-up instant, Unix seconds (UTC), anywhere in the month
    end        cancellation instant, Unix seconds; empty when still active on 2026-01-15

Lifetimes, in months of 30.44 days:
  - monthly: Weibull with shape 0.85 and scale 11 months (most churn early; median about 7.5);
  - annual: a 30% chance of leaving at each yearly renewal (within a week of it), and a small
    risk of 0.4% a month in between (a refund or a business closing);
  - enterprise: Weibull with shape 1.3 and scale 70 months (few leave within two years).
  Customers whose cancellation would fall after 2026-01-15 are still active (no end).
"""

import csv
import math
import os
import random

SEED = 20260101
AS_OF = 1_768_435_200  # 2026-01-15T00:00:00Z
MONTH_DAYS = 30.44
DAY = 86_400


def month_start(year, month):
    """Unix seconds of the first instant of a UTC month."""
    days = 0
    for y in range(1970, year):
        days += 366 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 365
    lengths = [31, 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28,
               31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    days += sum(lengths[: month - 1])
    return days * DAY, lengths[month - 1]


def weibull(rng, shape, scale):
    return scale * (-math.log(1.0 - rng.random())) ** (1.0 / shape)


def lifetime_months(rng, plan):
    if plan == "monthly":
        return weibull(rng, 0.85, 11.0)
    if plan == "enterprise":
        return weibull(rng, 1.3, 70.0)
    # annual: a monthly background risk, and a decision at each renewal.
    months = 0.0
    while True:
        background = -math.log(1.0 - rng.random()) / 0.004
        if background < 12.0:
            return months + background
        months += 12.0
        if rng.random() < 0.30:
            return months + rng.uniform(-0.2, 0.2)


def main():
    rng = random.Random(SEED)
    rows = []
    customer = 0
    for year in (2024, 2025):
        for month in range(1, 13):
            first, length = month_start(year, month)
            for _ in range(100):
                customer += 1
                roll = rng.random()
                plan = "monthly" if roll < 0.5 else ("annual" if roll < 0.85 else "enterprise")
                start = first + rng.randrange(length * DAY)
                months = max(lifetime_months(rng, plan), 0.0)
                end = start + int(months * MONTH_DAYS * DAY)
                rows.append((f"c{customer:05d}", plan, start, "" if end > AS_OF else end))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "subscriptions.csv")
    with open(path, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["customer", "plan", "start", "end"])
        writer.writerows(rows)
    active = sum(1 for r in rows if r[3] == "")
    print(f"wrote {len(rows)} customers ({active} still active) to {path}")


if __name__ == "__main__":
    main()
