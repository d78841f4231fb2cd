"""The timeline analysis at 1,000 and 5,000 cards, against the old analysis in the same run.

The floor is the analysis as it was before issue 14 (`tests/reference.py`: every pair of
cards compared, then sorted). For each size: the old analysis; `kit.timeline.analyse` with
all findings (DataFrames, numpy); the strongest 25 of each kind as the board computes them
(`find`, pure Python); and what the board pays when one card is added to a wall already
analysed (the text caches warm, as in a running kernel). Times are CPU seconds of this
process (the machine is shared: wall time would count the others' work), the median of
`--repeat` runs, each with cold text caches except the last figure.

Usage: python bench/timeline.py [--cards 1000 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))  # the old analysis, kept as the reference
from _results import save  # noqa: E402
from reference import old_analyse  # noqa: E402

from kit import timeline  # noqa: E402
from kit.core import text as _text  # noqa: E402
from kit.model import Category, Sector  # noqa: E402
from kit.steps.timeline import findings  # noqa: E402
from kit.steps.timeline.model import Card  # noqa: E402

SAMPLE = HERE.parent / "sample-data" / "workshop" / "cards.csv"
WORDS = ["hjælp", "til", "nye", "familier", "første", "uge", "møde", "kursus", "tilbud",
         "gruppe", "for", "børn", "voksne", "kvinder", "lokal", "frivillig"]
KINDS = ("overload", "gaps", "duplicates", "synergies")


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


def as_cards(frame: pd.DataFrame) -> list[Card]:
    return [Card(id=r["id"], title=r["title"], owner=r["owner"], sector=Sector(r["sector"]),
                 category=Category(r["category"]), start_week=r["start_week"],
                 end_week=r["end_week"]) for r in frame.to_dict("records")]


def cold() -> None:
    """No help from the text caches of an earlier run."""
    _text._profile.cache_clear()
    _text.stem.cache_clear()


def cpu(fn, repeat: int, warm: bool = False) -> float:
    times = []
    for _ in range(repeat):
        if not warm:
            cold()
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def one_size(n: int, repeat: int) -> dict:
    frame = make_cards(n)
    cards = as_cards(frame)
    old_repeat = 1 if n > 2000 else repeat  # the old analysis takes a minute at 5,000
    floor = cpu(lambda: old_analyse(frame), old_repeat)
    full = cpu(lambda: timeline.analyse(frame), repeat)
    top = cpu(lambda: (findings._kept.clear(), findings.analysis(cards, workshop="bench")),
              repeat)

    # The board with the review open: one more card on a wall it has analysed.
    extra = Card(id="new", title="Sprogcafé for nye familier", owner="Bibliotekerne",
                 sector=Sector.CIVILSAMFUND, category=Category.SPROG, start_week=2,
                 end_week=10)
    findings.analysis(cards, workshop="bench")
    per_card = []
    for k in range(repeat):
        grown = [*cards, Card(**{**extra.__dict__, "id": f"new{k}"})]
        t0 = time.process_time()
        findings.review_items(grown, {}, "da", workshop="bench")
        per_card.append(time.process_time() - t0)
    again = cpu(lambda: findings.review_items(grown, {}, "da", workshop="bench"), repeat, True)

    new, old = timeline.analyse(frame), old_analyse(frame)
    same = all(getattr(new, k).equals(old[k]) for k in KINDS)
    return {"cards": n, "old_analyse_cpu_s": round(floor, 3),
            "analyse_all_cpu_s": round(full, 3), "ratio_all_vs_old": round(full / floor, 3),
            "board_top25_cpu_s": round(top, 3), "ratio_top25_vs_old": round(top / floor, 4),
            "board_one_more_card_cpu_s": round(statistics.median(per_card), 3),
            "board_refresh_no_change_cpu_s": round(again, 4),
            "same_findings_as_old": same,
            "found": {k: len(old[k]) for k in KINDS}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    result = {"sizes": [], "load_average": [round(x, 1) for x in os.getloadavg()]}
    for n in a.cards:
        size = one_size(n, a.repeat)
        result["sizes"].append(size)
        print(json.dumps(size), flush=True)
    save("timeline", result)


if __name__ == "__main__":
    main()
