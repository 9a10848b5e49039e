"""Builds airline_survey.csv, the example data for key-driver analysis (relative importance).

Deterministic (fixed seed), standard library only. Regenerate from the repository root with

    python3 examples/data/make_drivers.py

and write the larger timing copy (37,956 rows, kept out of the repository) with

    python3 examples/data/make_drivers.py --rows 37956 --out /tmp/airline_survey_large.csv

Rows are generated one after another from the same seed, so the first 4,000 rows of the large
copy are exactly airline_survey.csv.

airline_survey.csv: 4,000 passengers of an airline-style post-flight survey. Columns:
respondent_id (1..n); cabin (economy / premium / business; business and premium are
over-represented in the sample); 14 items rated 1..5 (seat_comfort, legroom, cleanliness,
inflight_entertainment, inflight_wifi, food_and_drink, onboard_service, checkin_service,
boarding, online_booking, baggage_handling, departure_punctuality, gate_location,
value_for_money); overall, the overall satisfaction 1..10; weight, a post-stratification-like
weight (population share / sample share of the cabin, times a log-normal response-propensity
factor, clipped to 0.3..3, three decimals).

The items are driven by two correlated latent factors, "comfort" (seat, legroom, entertainment,
wifi, food; higher in premium and business) and "service" (crew, check-in, boarding, baggage,
booking), with cleanliness and value_for_money loading on both and punctuality and gate location
mostly on their own. `overall` is a noisy linear function of the ratings with different true
importances (seat comfort, onboard service, value for money, punctuality and legroom matter most;
gate location not at all). About 3% of the item cells are empty ("not rated"; wifi more often,
as not every passenger used it); `overall` and `weight` are always present.
"""

import argparse
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20260515

CABINS = ["economy", "premium", "business"]
SAMPLE_SHARE = [0.62, 0.20, 0.18]
POPULATION_SHARE = [0.76, 0.13, 0.11]
COMFORT_SHIFT = {"economy": 0.0, "premium": 0.45, "business": 0.95}
SERVICE_SHIFT = {"economy": 0.0, "premium": 0.15, "business": 0.45}

# item: (mean rating at latent 0, comfort loading, service loading, noise sd, P(not rated))
ITEMS = {
    "seat_comfort": (3.2, 0.85, 0.00, 0.70, 0.015),
    "legroom": (3.0, 0.75, 0.00, 0.80, 0.020),
    "cleanliness": (3.7, 0.40, 0.40, 0.75, 0.015),
    "inflight_entertainment": (3.1, 0.60, 0.10, 0.90, 0.050),
    "inflight_wifi": (2.6, 0.40, 0.10, 1.00, 0.110),
    "food_and_drink": (3.0, 0.55, 0.20, 0.85, 0.040),
    "onboard_service": (3.6, 0.10, 0.85, 0.70, 0.015),
    "checkin_service": (3.7, 0.00, 0.70, 0.75, 0.020),
    "boarding": (3.5, 0.00, 0.65, 0.80, 0.015),
    "online_booking": (3.4, 0.10, 0.40, 0.90, 0.030),
    "baggage_handling": (3.6, 0.00, 0.60, 0.85, 0.040),
    "departure_punctuality": (3.5, 0.00, 0.25, 1.10, 0.015),
    "gate_location": (3.3, 0.00, 0.20, 1.00, 0.020),
    "value_for_money": (3.1, 0.40, 0.30, 0.85, 0.015),
}

# True importance of each item (per rating point) for the overall score.
IMPORTANCE = {
    "seat_comfort": 0.42,
    "legroom": 0.22,
    "cleanliness": 0.16,
    "inflight_entertainment": 0.08,
    "inflight_wifi": 0.10,
    "food_and_drink": 0.08,
    "onboard_service": 0.38,
    "checkin_service": 0.06,
    "boarding": 0.05,
    "online_booking": 0.03,
    "baggage_handling": 0.06,
    "departure_punctuality": 0.26,
    "gate_location": 0.00,
    "value_for_money": 0.30,
}


def clamp_round(x, lo, hi):
    return max(lo, min(hi, int(math.floor(x + 0.5))))


def rows(n, rng):
    for i in range(n):
        cabin = rng.choices(CABINS, weights=SAMPLE_SHARE)[0]
        k = CABINS.index(cabin)
        service = rng.gauss(0.0, 1.0) + SERVICE_SHIFT[cabin]
        comfort = 0.45 * service + math.sqrt(1 - 0.45**2) * rng.gauss(0.0, 1.0)
        comfort += COMFORT_SHIFT[cabin]
        ratings = {}
        for name, (mean, lc, ls, sd, p_missing) in ITEMS.items():
            r = clamp_round(mean + lc * comfort + ls * service + sd * rng.gauss(0.0, 1.0), 1, 5)
            missing = rng.random() < p_missing
            ratings[name] = (r, missing)
        score = sum(IMPORTANCE[name] * (r - 3.0) for name, (r, _) in ratings.items())
        overall = clamp_round(6.3 + 1.05 * score + 1.1 * rng.gauss(0.0, 1.0), 1, 10)
        propensity = math.exp(rng.gauss(0.0, 0.35))
        weight = POPULATION_SHARE[k] / SAMPLE_SHARE[k] / propensity
        weight = min(3.0, max(0.3, weight))
        cells = ["" if missing else str(r) for (r, missing) in ratings.values()]
        yield ",".join([str(i + 1), cabin, *cells, str(overall), f"{weight:.3f}"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--out", default=os.path.join(HERE, "airline_survey.csv"))
    args = parser.parse_args()
    rng = random.Random(SEED)
    header = ",".join(["respondent_id", "cabin", *ITEMS, "overall", "weight"])
    with open(args.out, "w", newline="\n") as f:
        f.write(header + "\n")
        for line in rows(args.rows, rng):
            f.write(line + "\n")


if __name__ == "__main__":
    main()
