"""`kit.timeline.analyse` on 1,000 cards, against a floor measured in the same run.

The floor is `activity_overview` on the same cards: one pass and a sort, the least any
analysis of the cards costs. Prints seconds and the ratio.

Usage: python bench/timeline.py [--cards N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import save  # noqa: E402

from kit import timeline
from kit.core import text as _text
from kit.model import Category, Sector  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "sample-data" / "workshop" / "cards.csv"
WORDS = ["hjælp", "til", "nye", "familier", "første", "uge", "møde", "kursus", "tilbud",
         "gruppe", "for", "børn", "voksne", "kvinder", "lokal", "frivillig"]


def make_cards(n: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    titles = list(pd.read_csv(SAMPLE)["title"])
    owners = [f"Aktør {i}" for i in range(60)]
    rows = []
    for i in range(n):
        start = rng.randint(-8, 24)
        title = rng.choice(titles) + " " + " ".join(rng.sample(WORDS, rng.randint(0, 3)))
        rows.append({"id": f"c{i}", "title": title, "owner": rng.choice(owners),
                     "sector": rng.choice([s.value for s in Sector]),
                     "category": rng.choice([c.value for c in Category]),
                     "start_week": start, "end_week": min(26, start + rng.randint(0, 12))})
    return pd.DataFrame(rows)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    cards = make_cards(a.cards)
    floor = best(lambda: timeline.activity_overview(cards), a.repeat)

    def cold() -> None:  # no help from the text caches of an earlier run
        _text._profile.cache_clear()
        _text.stem.cache_clear()
        timeline.analyse(cards)

    analysis = best(cold, a.repeat)
    found = timeline.analyse(cards)
    result = {"cards": a.cards, "floor_overview_s": round(floor, 4),
              "analyse_s": round(analysis, 3), "ratio": round(analysis / floor, 1),
              "found": {k: len(getattr(found, k)) for k in
                        ("overload", "gaps", "duplicates", "synergies")}}
    save("timeline", result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
