"""Builds surveymonkey_export.csv for the `cookbook_surveymonkey` example.

Deterministic (fixed seed), standard library only. Regenerate from the repository root with

    python3 examples/data/make_surveymonkey.py

surveymonkey_export.csv: 60 responses to a post-support survey from September to November 2026,
as SurveyMonkey's "All responses, expanded" CSV export writes them:

- two header rows: the question text, then the answer option ("Response" for a single answer,
  "Open-Ended Response" for text, one column per option of a multi-select question whose
  question cell is left empty after the first); the metadata columns have no second-row text;
- the metadata columns Respondent ID, Collector ID, Start Date, End Date, IP Address (addresses
  from the documentation ranges of RFC 5737), Email Address, First Name, Last Name (empty: a web
  link collector) and Custom Data 1 (the customer's plan);
- times as US wall-clock times (MM/DD/YYYY hh:mm:ss AM) in the account's time zone,
  America/New_York, without an offset;
- the questions: NPS 0-10, how the customer contacted support (multi-select: Chat, Email,
  Phone), CSAT as label text (Very dissatisfied ... Very satisfied; a few skipped), and an
  optional comment (quoted when it has a comma or a quote).

Three responses sit at month boundaries in New York time: 09/30 11:48 PM and 10/31 11:30 PM
(already the next month in UTC) and 11/01 12:20 AM. NPS dips in October (a bad release) and
recovers in November.
"""

import csv
import random
from datetime import datetime, timedelta

random.seed(20261130)

NPS_QUESTION = "How likely is it that you would recommend Acme to a friend or colleague?"
CONTACT_QUESTION = "How did you contact us?"
CSAT_QUESTION = "How satisfied were you with our support?"
COMMENT_QUESTION = "Is there anything else you'd like to tell us?"
CSAT_LABELS = [
    "Very dissatisfied",
    "Dissatisfied",
    "Neither satisfied nor dissatisfied",
    "Satisfied",
    "Very satisfied",
]
CHANNELS = ["Chat", "Email", "Phone"]
PLANS = ["Starter", "Team", "Business"]

# (month, responses, weights of scores 0..10): October is worse.
MONTHS = [
    (9, 19, [1, 0, 1, 1, 1, 1, 2, 3, 4, 5, 6]),
    (10, 21, [2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]),
    (11, 20, [1, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6]),
]
# Wall-clock end times placed by hand, at the month boundaries in New York.
BOUNDARY = {
    (9, 18): datetime(2026, 9, 30, 23, 48, 12),
    (10, 20): datetime(2026, 10, 31, 23, 30, 0),
    (11, 0): datetime(2026, 11, 1, 0, 20, 45),
}

PRAISE = [
    "Quick and friendly, thanks!",
    "Sorted on the first try.",
    'The agent said "give me five minutes" and meant it.',
    "Great support, as always",
    "Clear answer, no runaround.",
]
COMPLAINTS = [
    "Took a while.",
    "Still not fixed.",
    "Had to explain the problem twice, to two agents.",
    "Slow replies, but polite.",
]
RELEASE = [
    "The October update broke my exports, and it took three emails to get a fix.",
    "Since the update the dashboard won't load.",
]


def us_time(t):
    """MM/DD/YYYY hh:mm:ss AM, as SurveyMonkey writes it."""
    return t.strftime("%m/%d/%Y %I:%M:%S %p")


def csat_for(score):
    """A CSAT label that goes with the NPS score, or "" (skipped) now and then."""
    if random.random() < 0.07:
        return ""
    base = 1 + score * 4 / 10
    return CSAT_LABELS[max(0, min(4, round(base + random.uniform(-0.8, 0.8))))]


def comment_for(score, month):
    if random.random() < 0.45:
        return ""
    if score >= 8:
        return random.choice(PRAISE)
    return random.choice(COMPLAINTS + RELEASE * 2 if month == 10 else COMPLAINTS)


def main():
    rows = []
    respondent = 114_837_201_000
    for month, count, weights in MONTHS:
        days = 30 if month in (9, 11) else 31
        for i in range(count):
            respondent += random.randint(3_000, 90_000)
            if (month, i) in BOUNDARY:
                end = BOUNDARY[(month, i)]
            else:
                # Spread over the month, 08:00 to 21:59, in order.
                day = 1 + (i * (days - 1)) // count + 1
                end = datetime(2026, month, min(day, days), random.randint(8, 21),
                               random.randint(0, 59), random.randint(0, 59))
                if end.month == 11 and end.day == 1 and end.hour < 3:
                    end = end.replace(hour=9)  # keep clear of the 01:00-02:00 fold
            start = end - timedelta(seconds=random.randint(40, 420))
            score = random.choices(range(11), weights=weights)[0]
            used = sorted(random.sample(CHANNELS, random.choice([1, 1, 1, 2])),
                          key=CHANNELS.index)
            rows.append(
                [
                    str(respondent),
                    random.choice(["431877002", "431877118"]),
                    us_time(start),
                    us_time(end),
                    f"{random.choice(['192.0.2', '198.51.100', '203.0.113'])}."
                    f"{random.randint(1, 254)}",
                    "",
                    "",
                    "",
                    random.choices(PLANS, weights=[5, 3, 2])[0],
                    str(score),
                    *[c if c in used else "" for c in CHANNELS],
                    csat_for(score),
                    comment_for(score, month),
                ]
            )
    rows.sort(key=lambda r: datetime.strptime(r[3], "%m/%d/%Y %I:%M:%S %p"))
    header = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
        NPS_QUESTION,
        CONTACT_QUESTION,
        "",
        "",
        CSAT_QUESTION,
        COMMENT_QUESTION,
    ]
    options = ["", "", "", "", "", "", "", "", "", "Response", *CHANNELS, "Response",
               "Open-Ended Response"]
    with open("examples/data/surveymonkey_export.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerow(options)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
