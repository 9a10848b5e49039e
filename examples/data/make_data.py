"""Builds the sample exports the `helpdesk` example reads: tickets.csv and calls.csv.

Deterministic (fixed seed), standard library only. Regenerate from the repository root with

    python3 examples/data/make_data.py

tickets.csv: 240 tickets created over November 2026 (Unix seconds). First replies are
log-normal with a median of about an hour, from minutes to a few days; about 6% are unanswered
(empty first_reply_unix). About 90% are resolved; resolved tickets took 0 to 8 agent replies
(mostly 1 or 2) and about 8% of them were reopened.

survey.csv: 160 responses to a post-support survey (respondent, date, channel, NPS 0-10, CSAT
1-5, CES 1-7 agreement, resolved yes/no, contact reason, comment). Some cells are empty
(skipped), "n/a" marks not applicable, and a few rows are malformed on purpose (an 11, a 0 for
"not rated", a "maybe", an unknown reason) to exercise lenient validation.

responses_2026.csv: a year of dated NPS answers (date, channel, nps) for the `trends` example:
about 1,300 answers over 2026, a dip in the summer, and a small "sms" channel.

team_tickets.csv: 300 tickets of two support teams over November 2026 for the `business_hours`
example: "new-york" (America/New_York, Monday to Friday 09:00-18:00, closed for Thanksgiving on
2026-11-26) and "london" (Europe/London, Monday to Friday 08:30-12:30 and 13:30-17:30). Tickets
arrive around the clock, weekends included; agents reply and resolve only in open hours, after
log-normal amounts of working time. `created` and `first_reply` are RFC 3339 with the team's UTC
offset (as helpdesk APIs give them); `resolved` is a local wall time without offset (as survey
and BI tools export them). Some tickets are still unanswered or unresolved on 2026-12-01 12:00
UTC, the report instant.

qualtrics_export.csv: 420 responses to the post-support survey as Qualtrics downloads them
("CSV", choice text): a UTF-8 byte-order mark, three header rows (column ids, question text, an
import id per column in JSON, with the account's time zone on the date columns), Qualtrics'
metadata columns (StartDate ... UserLanguage), then Q1 NPS 0-10, Q2 CSAT as choice text, Q3 CES
1-7, Q4 resolved (Yes / No / Not applicable), Q5 contact reason as choice text, Q6 a free-text
comment (quoted: commas, line breaks, doubled quotes) and an embedded-data "channel" column.
RecordedDate is local time in America/Denver. About 8% of rows are unfinished (Finished = False,
Progress < 100, the later questions empty); -99 marks a CES question seen and not answered; a
few cells are malformed on purpose (an NPS of 11, "ten", an undeclared CSAT label, a CES of 9,
"Maybe", an unknown reason).

calls.csv: 300 queued calls with integer waits in seconds (mostly under two minutes, up to 15);
about 12% abandoned, some of them within 5 seconds (short abandons).
"""

import csv
import io
import json
import math
import os
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
NOV_1_2026 = 1793491200  # 2026-11-01T00:00:00Z


def tickets(rng):
    rows = []
    for i in range(240):
        created = NOV_1_2026 + rng.randrange(0, 30 * 86400)
        unanswered = rng.random() < 0.06
        if unanswered:
            reply = ""
            resolved = rng.random() < 0.1
            replies = 0
        else:
            delay = int(3600 * math.exp(rng.gauss(0.0, 1.2)))
            delay = max(90, min(delay, 4 * 86400))
            reply = str(created + delay)
            resolved = rng.random() < 0.93
            replies = rng.choices(range(9), weights=[3, 45, 25, 12, 6, 4, 2, 2, 1])[0]
            replies = max(replies, 1)
        if resolved and not unanswered and rng.random() < 0.04:
            replies = 0  # solved without an agent reply (e.g. the customer found the answer)
        reopened = resolved and rng.random() < 0.08
        rows.append(
            f"T{10000 + i},{created},{reply},{str(resolved).lower()},{replies},"
            f"{str(reopened).lower()}"
        )
    return "ticket_id,created_unix,first_reply_unix,resolved,agent_replies,reopened", rows


def calls(rng):
    rows = []
    for i in range(300):
        r = rng.random()
        if r < 0.05:
            wait, abandoned = rng.randrange(0, 6), True  # short abandons
        elif r < 0.12:
            wait, abandoned = int(rng.expovariate(1 / 150)) + 6, True
        else:
            wait, abandoned = int(rng.expovariate(1 / 45)), False
        rows.append(f"C{50000 + i},{min(wait, 900)},{str(abandoned).lower()}")
    return "call_id,wait_seconds,abandoned", rows


def pulse(rng, mood, reasons, comments):
    """One respondent's answers to the post-support survey, from their mood: NPS 0-10, CSAT 1-5,
    CES 1-7, resolved, a reason and a comment."""
    nps = max(0, min(10, round(8 + 1.6 * mood)))
    csat = max(1, min(5, round(4 + 0.8 * mood)))
    ces = max(1, min(7, round(5.5 + 1.0 * mood)))
    resolved = rng.random() < 0.75 + 0.1 * mood
    return nps, csat, ces, resolved, rng.choice(reasons), rng.choice(comments)


def survey(rng):
    channels = {"chat": 0.6, "email": 0.0, "phone": -0.5}
    reasons = ["billing", "bug", "how-to", "account"]
    comments = ["quick and friendly", "took too long", "solved it", "still broken",
                "great agent", "had to repeat myself", ""]
    rows = []
    for i in range(160):
        channel = rng.choices(list(channels), weights=[5, 3, 2])[0]
        mood = rng.gauss(channels[channel], 1.0)
        date = f"2026-11-{rng.randrange(1, 25):02d}"
        nps, csat, ces, resolved, reason, comment = pulse(rng, mood, reasons, comments)
        nps, csat, ces, resolved = str(nps), str(csat), str(ces), "yes" if resolved else "no"
        if rng.random() < 0.08:
            csat = ""
        if rng.random() < 0.06:
            ces = ""
        if rng.random() < 0.05:
            resolved = "n/a"
        if rng.random() < 0.04:
            nps = ""
        rows.append([f"R{3000 + i}", date, channel, nps, csat, ces, resolved, reason, comment])
    # Malformed on purpose.
    rows[7][3] = "11"
    rows[23][4] = "0"
    rows[41][6] = "maybe"
    rows[88][7] = "refund"
    rows[120][5] = "9"
    return ("respondent,date,channel,nps,csat,ces,resolved,reason,comment",
            [",".join(r) for r in rows])


def year_of_responses(rng):
    channels = [("chat", 0.5), ("email", 0.3), ("phone", 0.18), ("sms", 0.02)]
    rows = []
    for month in range(1, 13):
        days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        # A summer dip (a botched release in July), recovering by autumn.
        mood = {7: -0.9, 8: -0.5, 9: -0.2}.get(month, 0.0)
        for _ in range(rng.randrange(90, 130)):
            channel = rng.choices([c for c, _ in channels], weights=[w for _, w in channels])[0]
            bias = {"chat": 0.3, "email": 0.0, "phone": -0.3, "sms": 0.0}[channel]
            score = max(0, min(10, round(8 + 1.8 * rng.gauss(mood + bias, 1.0))))
            rows.append(f"2026-{month:02d}-{rng.randrange(1, days + 1):02d},{channel},{score}")
    return "date,channel,nps", rows


QUALTRICS_META = [
    # (column id, question text, import id, carries the time zone)
    ("StartDate", "Start Date", "startDate", True),
    ("EndDate", "End Date", "endDate", True),
    ("Status", "Response Type", "status", False),
    ("IPAddress", "IP Address", "ipAddress", False),
    ("Progress", "Progress", "progress", False),
    ("Duration (in seconds)", "Duration (in seconds)", "duration", False),
    ("Finished", "Finished", "finished", False),
    ("RecordedDate", "Recorded Date", "recordedDate", True),
    ("ResponseId", "Response ID", "_recordId", False),
    ("RecipientLastName", "Recipient Last Name", "recipientLastName", False),
    ("RecipientFirstName", "Recipient First Name", "recipientFirstName", False),
    ("RecipientEmail", "Recipient Email", "recipientEmail", False),
    ("ExternalReference", "External Data Reference", "externalDataReference", False),
    ("LocationLatitude", "Location Latitude", "locationLatitude", False),
    ("LocationLongitude", "Location Longitude", "locationLongitude", False),
    ("DistributionChannel", "Distribution Channel", "distributionChannel", False),
    ("UserLanguage", "User Language", "userLanguage", False),
]
QUALTRICS_QUESTIONS = [
    ("Q1", "How likely are you to recommend us to a friend or colleague?", "QID1"),
    ("Q2", "Overall, how satisfied were you with the support you received?", "QID2"),
    ("Q3", "The company made it easy for me to handle my issue.", "QID3"),
    ("Q4", "Was your issue resolved?", "QID4"),
    ("Q5", "What was your contact about?", "QID5"),
    ("Q6", "Is there anything else you would like to tell us?", "QID6_TEXT"),
    ("channel", "channel", "channel"),
]
CSAT_TEXT = ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
             "Satisfied", "Very satisfied"]
REASON_TEXT = ["Billing or payment", "Something is broken", "How do I ...?", "My account"]
COMMENTS = [
    "", "", "", "Quick and friendly.", "Solved it, thanks!",
    "Took too long, but the agent was great.",
    "I had to repeat myself, twice, to two agents.",
    "The \"reset password\" link didn't work.\nThe agent sent a new one, which did.",
    "Great agent.\n\nPlease keep the chat open on weekends, though.",
    "Still broken, after three emails, a call and a chat.",
]


def qualtrics_export(rng):
    """The post-support survey as a Qualtrics "CSV" download; returns the file's text."""
    denver = ZoneInfo("America/Denver")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = QUALTRICS_META + [(c, t, i, False) for c, t, i in QUALTRICS_QUESTIONS]
    writer.writerow([c for c, _, _, _ in columns])
    writer.writerow([t for _, t, _, _ in columns])
    writer.writerow([
        json.dumps({"ImportId": i, **({"timeZone": "America/Denver"} if tz else {})},
                   separators=(",", ":"))
        for _, _, i, tz in columns
    ])
    channels = {"chat": 0.6, "email": 0.0, "phone": -0.5}
    rows = []
    for n in range(420):
        channel = rng.choices(list(channels), weights=[5, 3, 2])[0]
        mood = rng.gauss(channels[channel], 1.0)
        start = datetime(2026, 11, 1, 7, 0, tzinfo=denver) + timedelta(
            seconds=rng.randrange(0, 24 * 86400))
        took = rng.randrange(40, 600)
        nps, csat, ces, resolved, reason, comment = pulse(rng, mood, REASON_TEXT, COMMENTS)
        nps, csat, ces, resolved = str(nps), CSAT_TEXT[csat - 1], str(ces), "Yes" if resolved else "No"
        if rng.random() < 0.07:
            csat = ""
        if rng.random() < 0.05:
            ces = "-99"
        if rng.random() < 0.04:
            resolved = "Not applicable"
        finished = rng.random() >= 0.08
        progress = 100
        answers = [nps, csat, ces, resolved, reason, comment]
        if not finished:
            # Left part-way: the later questions are empty, and Qualtrics records the partial
            # response when it expires, a week after the last activity.
            answered = rng.randrange(0, 4)
            progress = [0, 17, 33, 50][answered]
            answers = answers[:answered] + [""] * (6 - answered)
            took = rng.randrange(5, 120)
        end = start + timedelta(seconds=took)
        recorded = end + timedelta(seconds=1) if finished else end + timedelta(days=7)
        local = lambda t: t.astimezone(denver).strftime("%Y-%m-%d %H:%M:%S")
        rows.append([
            local(start), local(end), "IP Address",
            f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}",
            str(progress), str(took), "True" if finished else "False", local(recorded),
            "R_" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
                           for _ in range(15)),
            "", "", "", "", f"{39.7 + rng.random() / 10:.4f}", f"{-104.9 - rng.random() / 10:.4f}",
            "email", "EN",
        ] + answers + [channel])
    # Malformed on purpose (all in finished rows, so that the import reports them).
    finished_rows = [r for r in rows if r[6] == "True"]
    q = len(QUALTRICS_META)
    finished_rows[5][q + 0] = "11"
    finished_rows[19][q + 0] = "ten"
    finished_rows[42][q + 1] = "Extremely satisfied"
    finished_rows[77][q + 2] = "9"
    finished_rows[130][q + 3] = "Maybe"
    finished_rows[201][q + 4] = "Refund"
    for row in rows:
        writer.writerow(row)
    return "\ufeff" + out.getvalue()


TEAMS = {
    "new-york": (ZoneInfo("America/New_York"), [("09:00", "18:00")], {"2026-11-26"}),
    "london": (ZoneInfo("Europe/London"), [("08:30", "12:30"), ("13:30", "17:30")], set()),
}
REPORT = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def is_open(team, instant):
    zone, shifts, holidays = TEAMS[team]
    local = instant.astimezone(zone)
    if local.weekday() >= 5 or local.strftime("%Y-%m-%d") in holidays:
        return False
    hhmm = local.strftime("%H:%M")
    return any(start <= hhmm < end for start, end in shifts)


def after_working_minutes(team, start, minutes):
    """The instant `minutes` of open time after `start`, walking minute by minute."""
    t = start.replace(second=0) + timedelta(minutes=1)
    while minutes > 0:
        if is_open(team, t):
            minutes -= 1
        t += timedelta(minutes=1)
    return t.replace(second=start.second)


def team_tickets(rng):
    rows = []
    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    for i in range(300):
        team = "new-york" if rng.random() < 0.55 else "london"
        zone = TEAMS[team][0]
        created = start + timedelta(seconds=rng.randrange(0, 30 * 86400))
        reply = after_working_minutes(team, created, int(math.exp(rng.gauss(3.3, 1.0))) + 1)
        resolve = after_working_minutes(team, reply, int(math.exp(rng.gauss(5.0, 1.0))))
        if reply > REPORT or rng.random() < 0.03:
            reply_text, resolve_text = "", ""
        else:
            reply_text = reply.astimezone(zone).isoformat()
            resolve_text = "" if resolve > REPORT else resolve.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
        rows.append(f"{team},{created.astimezone(zone).isoformat()},{reply_text},{resolve_text}")
    return "team,created,first_reply,resolved", rows


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(row + "\n")


if __name__ == "__main__":
    rng = random.Random(20261125)
    write("tickets.csv", *tickets(rng))
    write("calls.csv", *calls(rng))
    write("survey.csv", *survey(random.Random(7)))
    write("responses_2026.csv", *year_of_responses(random.Random(2026)))
    write("team_tickets.csv", *team_tickets(random.Random(16)))
    # Bytes as Qualtrics writes them: a BOM, CRLF line ends (LF inside quoted comments).
    with open(os.path.join(HERE, "qualtrics_export.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(qualtrics_export(random.Random(18)))
