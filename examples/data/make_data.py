"""Builds the sample exports the `helpdesk` example reads: tickets.csv and calls.csv.

Deterministic (fixed seed), standard library only. Regenerate from the repository root with

    python3 examples/data/make_data.py

tickets.csv: 240 tickets created over November 2026 (Unix seconds). First replies are
log-normal with a median of about an hour, from minutes to a few days; about 6% are unanswered
(empty first_reply_unix). About 90% are resolved; resolved tickets took 0 to 8 agent replies
(mostly 1 or 2) and about 8% of them were reopened.

calls.csv: 300 queued calls with integer waits in seconds (mostly under two minutes, up to 15);
about 12% abandoned, some of them within 5 seconds (short abandons).
"""

import math
import os
import random

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


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(row + "\n")


if __name__ == "__main__":
    rng = random.Random(20261125)
    write("tickets.csv", *tickets(rng))
    write("calls.csv", *calls(rng))
