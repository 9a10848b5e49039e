#!/usr/bin/env python3
"""Time the reference: vaderSentiment 3.3.2 polarity_scores.

    /tmp/vader-venv/bin/python time_vader.py        # venv as in generate_vader.py

Prints the best-of-5 mean time per call, in microseconds, for
(a) the ten typical ~20-word comments also used by the Rust timing example
(scratch crate, examples/timing.rs) and (b) every text of vader.csv.
"""
import csv
import os
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

HERE = os.path.dirname(os.path.abspath(__file__))

TYPICAL = [
    "The support agent was really helpful and friendly, but I had to wait almost an hour before anyone answered my call.",
    "Delivery was late again and the package arrived damaged. Not happy at all with this service, honestly very disappointing!!",
    "Great app, super easy to use. The new update fixed the login bug I kept complaining about. Thanks a lot :)",
    "Pricing is kind of expensive for what you get, and the subscription page is confusing. I might cancel next month.",
    "I waited 3 days for a refund that never came. Customer service keeps sending the same useless template reply.",
    "Sarah from support was AMAZING, she solved my problem in five minutes and even followed up the next day. 10/10",
    "The app crashes every time I open the dashboard on my phone. Please fix this, it is not usable right now.",
    "Not bad overall. Shipping was fast, the price was fair, and the agent was polite, though the website is slow.",
    "Worst experience ever, nobody answers emails and the chat bot is stupid. I will never order from you again 😡",
    "Honestly the delivery was fine and the product works, nothing special but no complaints either, it does the job.",
]


def best_of_5(texts, repeat):
    analyzer = SentimentIntensityAnalyzer()
    score = analyzer.polarity_scores
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                score(text)
        best = min(best, (time.perf_counter() - start) / (repeat * len(texts)))
    return best * 1e6


def main():
    with open(os.path.join(HERE, "vader.csv"), newline="", encoding="utf-8") as f:
        texts = [row[0] for row in list(csv.reader(f))[1:]]
    print(f"typical ~20-word comment: {best_of_5(TYPICAL, 200):.1f} us per call")
    print(f"vader.csv ({len(texts)} comments): {best_of_5(texts, 1):.1f} us per comment")


if __name__ == "__main__":
    main()
