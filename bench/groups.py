"""Group assignment at scale: 300 participants × 15 groups (DESIGN §7: optimal, < 5 s).

Preferences are drawn like a real room: every participant ranks 3 of the themes with a popular
few, about 10 % say "not this one" to one theme, sectors are 40 % kommune, 45 % civilsamfund,
15 % refugees, and a fifth volunteer as coordinator. Floor, measured in the same run: the
unconstrained greedy grouping (everyone in their first preference), whose rank cost is also the
lower bound no grouping can beat. Prints solve time, whether the optimum was proven, and the
ratios of time and rank cost to the floor.

Usage: python bench/groups.py [--people 300] [--groups 15] [--seeds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import save  # noqa: E402

from kit import groups  # noqa: E402


def room(seed: int, n: int, m: int) -> tuple[pd.DataFrame, pd.DataFrame, list[str], list[str]]:
    rng = random.Random(seed)
    themes = [f"t{g}" for g in range(m)]
    weights = [1 / (g + 2) for g in range(m)]  # a few themes are far more popular
    people = pd.DataFrame({"id": [f"p{i}" for i in range(n)],
                           "sector": rng.choices(["kommune", "civilsamfund", "flygtning"],
                                                 [40, 45, 15], k=n)})
    rows = []
    for i in range(n):
        ranked: list[str] = []
        while len(ranked) < 3:
            th = rng.choices(themes, weights)[0]
            if th not in ranked:
                ranked.append(th)
        rows += [(f"p{i}", th, r) for r, th in enumerate(ranked, start=1)]
        if rng.random() < 0.1:
            rows.append((f"p{i}", rng.choice([x for x in themes if x not in ranked]), 0))
    volunteers = [f"p{i}" for i in range(n) if rng.random() < 0.2]
    return people, pd.DataFrame(rows, columns=["participant_id", "theme_id", "rank"]), themes, \
        volunteers


def greedy(people, prefs, themes) -> tuple[float, int]:
    t0 = time.perf_counter()
    prob = groups.problem(people, prefs, 1, len(people), themes)
    cost = prob.cost + 1e6 * prob.forbidden
    best = int(cost.min(axis=1).sum())
    np.argmin(cost, axis=1)
    return time.perf_counter() - t0, best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--groups", type=int, default=15)
    ap.add_argument("--seeds", type=int, default=3)
    a = ap.parse_args()
    size = a.people // a.groups
    runs = []
    for seed in range(a.seeds):
        people, prefs, themes, volunteers = room(seed, a.people, a.groups)
        floor_s, bound = greedy(people, prefs, themes)
        t0 = time.perf_counter()
        result = groups.assign(people, prefs, size - 3, size + 3, themes=themes,
                               volunteers=volunteers)
        solve_s = time.perf_counter() - t0
        stats = groups.preference_stats(result.frame)
        runs.append({"seed": seed, "solve_s": round(solve_s, 2), "optimal": result.optimal,
                     "rank_cost": result.rank_cost, "lower_bound": bound,
                     "first_preference_share": round(stats["preference_1"] / a.people, 3),
                     "unmet": sorted(set(result.unmet["constraint"])),
                     "floor_s": round(floor_s, 4)})
    solve = statistics.median(r["solve_s"] for r in runs)
    floor = statistics.median(r["floor_s"] for r in runs)
    result = {
        "people": a.people, "groups": a.groups, "sizes": [size - 3, size + 3], "runs": runs,
        "median_solve_s": solve, "all_optimal": all(r["optimal"] for r in runs),
        "time_ratio_to_greedy": round(solve / max(floor, 1e-4)),
        "rank_cost_ratio_to_bound": round(statistics.median(
            r["rank_cost"] / r["lower_bound"] for r in runs), 3)}
    save("groups", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
