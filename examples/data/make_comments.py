"""Builds comments.csv: 3,000 survey responses with free-text comments, for theme examples.

Deterministic (fixed seed), standard library only. Regenerate from the repository root with

    python3 examples/data/make_comments.py

comments.csv columns (Python `csv` module, UTF-8, "\\r\\n" rows, minimal quoting):

    respondent  R20001 ... R23000, in date order
    date        2026-01-01 ... 2026-12-31 (YYYY-MM-DD)
    channel     chat, email, phone or app (about 30/20/25/25 %)
    nps         0-10 ("How likely are you to recommend us?")
    comment     free text; empty when the respondent skipped it

The comments are customer-feedback English built from short phrases about waiting times,
refunds, friendly/quick/helpful agents, app crashes, prices and delivery, and they follow the
score: detractors (0-6) mostly complain (waiting on hold, refunds not received, crashes, late or
damaged parcels, rude agents, prices), promoters (9-10) mostly praise (friendly, quick, helpful,
easy app, fast delivery), passives (7-8) mix both. Channels have their own flavour: phone is
about hold times, chat mentions the bot, email slow replies, app crashes and logins.

Two stories are built in for trend examples: a bad app release in June-July 2026 (crash
comments quadruple on the app channel and its scores drop) and a price increase on 2026-09-01
(price complaints rise from September). About 12 % of comments are empty, a few are emoji only
or end with an emoji, about 2 % are in another language (Spanish, French, German, Portuguese,
Italian, Dutch, Chinese, Japanese), apostrophes are sometimes typographic (’), some comments
are in upper case or have no final punctuation. The file stays under 400 KB.
"""

import csv
import datetime
import os
import random

SEED = 20260101
N = 3000
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "comments.csv")

CHANNELS = [("chat", 30), ("email", 20), ("phone", 25), ("app", 25)]

# Complaints and praise by topic. "{n}" is replaced by a number, "{name}" by an agent's name.
NEGATIVE = {
    "waiting": [
        "waited {n} minutes on hold",
        "on hold for over an hour",
        "the wait time is ridiculous",
        "still waiting for someone to call me back",
        "the queue never moved",
        "waited {n} minutes just to be transferred",
        "nobody picks up the phone",
    ],
    "refund": [
        "still no refund after {n} days",
        "I'm still waiting for my refund",
        "they refused my refund",
        "refund request ignored twice",
        "promised a refund that never came",
        "had to ask three times for my money back",
    ],
    "crash": [
        "the app crashes every time I open my orders",
        "app froze at checkout",
        "the app keeps crashing since the update",
        "can't log in to the app",
        "the app logged me out and lost my basket",
        "the new version of the app is full of bugs",
        "app crashed twice while paying",
    ],
    "price": [
        "prices are way too high",
        "another price increase, seriously?",
        "the delivery fee is a rip-off",
        "too expensive for what you get",
        "charged twice for the same order",
        "the new prices are not worth it",
    ],
    "delivery": [
        "parcel arrived {n} days late",
        "package was damaged",
        "the courier left it in the rain",
        "delivery never showed up",
        "wrong item delivered",
        "tracking said delivered but nothing arrived",
    ],
    "agent": [
        "the agent was rude",
        "transferred {n} times and nobody could help",
        "the chat bot is useless",
        "nobody answered my emails",
        "the agent didn't listen",
        "got a copy-paste answer that didn't help",
        "email replies take days",
    ],
}
POSITIVE = {
    "friendly": [
        "friendly agent",
        "{name} was so friendly",
        "very friendly and patient staff",
        "the lady on the phone was lovely",
        "polite and kind",
    ],
    "quick": [
        "quick answer",
        "sorted in {n} minutes",
        "super fast reply",
        "fast delivery",
        "no waiting at all",
        "got my refund the same day",
    ],
    "helpful": [
        "very helpful",
        "{name} went above and beyond",
        "solved my problem straight away",
        "really helpful and knowledgeable",
        "they fixed it on the first call",
    ],
    "app": [
        "the app is easy to use",
        "love the new app",
        "ordering in the app takes a minute",
    ],
    "value": [
        "good value for money",
        "fair prices",
        "great products",
    ],
}
NEUTRAL = [
    "ok",
    "fine",
    "it was alright",
    "average service",
    "nothing special",
    "good service but a bit pricey",
    "friendly but slow",
    "got there in the end",
    "delivery was fine",
    "the app works most of the time",
    "took a while but the agent was helpful",
    "quick reply but it didn't fully solve it",
    "refund came eventually",
]
CLOSING_NEG = ["Very disappointed.", "Not happy.", "Will not order again.", "Sort it out!", "Terrible.", ""]
CLOSING_POS = ["Thank you!", "Thanks!", "Great job.", "Keep it up!", "Would recommend.", ""]
NAMES = ["Sarah", "Tom", "Priya", "James", "Ana", "Mohammed", "Lucy", "Chen", "Olga", "Dave"]
EMOJI_NEG = ["\U0001F621", "\U0001F620", "\U0001F44E", "\U0001F612", "\U0001F92C"]
EMOJI_POS = ["\U0001F642", "\U0001F60A", "\U0001F44D", "\u2764\ufe0f", "\U0001F389", "\U0001F64F"]
FOREIGN_NEG = [
    "Esperé 40 minutos y nadie me ayudó",
    "Toujours pas de remboursement, très déçu",
    "Die App stürzt ständig ab",
    "Entrega atrasada e ninguém responde",
    "Il pacco è arrivato danneggiato",
    "退款太慢了",
]
FOREIGN_POS = [
    "Muy amables y rápidos, gracias",
    "Service rapide et efficace, merci",
    "Sehr freundlich und hilfsbereit",
    "Atendimento excelente",
    "Helemaal tevreden, snelle levering",
    "とても親切でした",
    "服务很好，谢谢",
]

CHANNEL_TOPICS = {
    "phone": {"waiting": 4, "refund": 2, "crash": 0.3, "price": 1, "delivery": 1.5, "agent": 2},
    "chat": {"waiting": 1.5, "refund": 2, "crash": 0.5, "price": 1, "delivery": 2, "agent": 3},
    "email": {"waiting": 1.5, "refund": 3, "crash": 0.3, "price": 1, "delivery": 2, "agent": 3},
    "app": {"waiting": 0.5, "refund": 1.5, "crash": 3, "price": 1.5, "delivery": 2, "agent": 0.7},
}


def weighted(rng, table):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def score(rng, channel, day):
    """NPS answer: a mixture by channel, worse for the app during the bad release."""
    p_det, p_pas = {"phone": 0.36, "chat": 0.26, "email": 0.32, "app": 0.24}[channel], 0.25
    if channel == "app" and day.month in (6, 7):
        p_det += 0.25
    if day >= datetime.date(2026, 9, 1):
        p_det += 0.05
    r = rng.random()
    if r < p_det:
        return rng.choices(range(7), weights=[6, 3, 4, 4, 5, 7, 9])[0]
    if r < p_det + p_pas:
        return rng.choice([7, 7, 8, 8, 8])
    return rng.choice([9, 9, 10, 10, 10])


def fill(rng, phrase):
    return phrase.replace("{n}", str(rng.choice([2, 3, 4, 5, 10, 15, 20, 30, 45, 50, 90]))).replace(
        "{name}", rng.choice(NAMES))


def negative_topic(rng, channel, day):
    weights = dict(CHANNEL_TOPICS[channel])
    if channel == "app" and day.month in (6, 7):
        weights["crash"] *= 4
    if day >= datetime.date(2026, 9, 1):
        weights["price"] *= 3
    return weighted(rng, weights)


def sentence(parts, sep, closing):
    if sep == ". ":
        parts = [p[:1].upper() + p[1:] for p in parts]
    text = sep.join(p for p in parts if p)
    text = text[:1].upper() + text[1:]
    if closing:
        text = text.rstrip(".!?") + ". " + closing
    return text


def comment(rng, channel, day, nps):
    r = rng.random()
    if r < 0.12:
        return ""
    if r < 0.14:
        pool = EMOJI_NEG if nps <= 6 else EMOJI_POS
        return "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
    if r < 0.16:
        return rng.choice(FOREIGN_NEG if nps <= 6 else FOREIGN_POS)
    sep = rng.choice([", ", ". ", " and ", "; ", " - "])
    if nps <= 6:
        parts = [fill(rng, rng.choice(NEGATIVE[negative_topic(rng, channel, day)]))]
        if rng.random() < 0.45:
            second = fill(rng, rng.choice(NEGATIVE[negative_topic(rng, channel, day)]))
            if second != parts[0]:
                parts.append(second)
        if rng.random() < 0.04:
            parts.append("the " + rng.choice(["agent", "driver", "lady on the phone"]) + " was friendly though")
        text = sentence(parts, sep, rng.choice(CLOSING_NEG) if rng.random() < 0.35 else "")
    elif nps >= 9:
        parts = [fill(rng, rng.choice(POSITIVE[rng.choice(list(POSITIVE))]))]
        if rng.random() < 0.5:
            second = fill(rng, rng.choice(POSITIVE[rng.choice(list(POSITIVE))]))
            if second != parts[0]:
                parts.append(second)
        if rng.random() < 0.03:
            parts.append("only the wait was a bit long")
        text = sentence(parts, sep, rng.choice(CLOSING_POS) if rng.random() < 0.4 else "")
    else:
        parts = [rng.choice(NEUTRAL)]
        if rng.random() < 0.3:
            pool = NEGATIVE[negative_topic(rng, channel, day)] if rng.random() < 0.5 else POSITIVE["quick"]
            parts.append(fill(rng, rng.choice(pool)))
        text = sentence(parts, sep, "")
    if rng.random() < 0.3:
        text = text.replace("'", "\u2019")
    if rng.random() < 0.04:
        text = text.upper()
    if text and text[-1] not in ".!?" and rng.random() < 0.6:
        text += rng.choice([".", ".", "!", "!!", "..."])
    if rng.random() < 0.05:
        text += " " + rng.choice(EMOJI_NEG if nps <= 6 else EMOJI_POS)
    return text


def main():
    rng = random.Random(SEED)
    start = datetime.date(2026, 1, 1)
    days = sorted(start + datetime.timedelta(days=rng.randrange(365)) for _ in range(N))
    names = [c for c, _ in CHANNELS]
    weights = [w for _, w in CHANNELS]
    rows = []
    for i, day in enumerate(days):
        channel = rng.choices(names, weights=weights)[0]
        nps = score(rng, channel, day)
        rows.append((f"R{20001 + i}", day.isoformat(), channel, nps, comment(rng, channel, day, nps)))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["respondent", "date", "channel", "nps", "comment"])
        w.writerows(rows)
    size = os.path.getsize(OUT)
    assert size < 400_000, size
    empty = sum(1 for r in rows if not r[4])
    print(f"wrote {OUT}: {len(rows)} responses, {empty} empty comments, {size} bytes")


if __name__ == "__main__":
    main()
