"""The friend programme at national scale: `kit.friends.match` on 12,000 waiting households
and 10,000 volunteers across the 98 municipalities, against a greedy matcher on the same data.

Data (synthetic, seeded): municipality sizes Zipf-like (weight 1/rank^0.9, the ranks a seeded
shuffle of the 98 with København first); households speak one of nine home languages
(Arabic, Ukrainian, Tigrinya, Persian, … in rough proportions), a quarter also Danish, a
third English; volunteers nearly all Danish, most English, 15 % a home language too; 0–3 of
12 interests each; waits of 0–400 days; capacities 1, 1, 1, 2 or 3; 500 rejected pairs.

Each measurement runs in a process of its own, so its peak memory (ru_maxrss) is its own:
* floor: the same imports, the same data drawn, a 5-household match (lazy imports warm) —
  the memory floor;
* greedy: longest-waiting first, each takes the best available volunteer (most shared
  interests, then most places left) — the time and quality floor;
* match: `kit.friends.match` (wall and CPU time, peak RSS), then the national gap view
  (`gap` + `campaign` + `map_svg` + `map_table` for the 98 municipalities, from the proposals).

Prints the figures and the ratios against the floors measured in the same run: time and
memory of `match`, households matched and waiting days against greedy's.

Usage: python bench/friends_match.py [--waiting 12000] [--volunteers 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 12, 1)
HOME = ["ar", "uk", "ti", "fa", "so", "ps", "ku", "ru", "prs"]
SHARE = [30, 25, 15, 10, 6, 5, 4, 3, 2]
TOPICS = ["cooking", "football", "walks", "music", "crafts", "language café", "cycling",
          "chess", "garden", "faith", "films", "homework help"]


def programme(seed: int, n: int, m: int):  # noqa: ANN201 - bench helper
    """(waiting, volunteers, rejected pairs) as described in the module docstring."""
    import numpy as np
    import pandas as pd

    sys.path.insert(0, str(HERE.parent))
    from kit.friends import municipalities

    rng = np.random.default_rng(seed)
    names = municipalities()["name"].tolist()
    names.remove("København")
    names = ["København", *rng.permutation(names).tolist()]
    weight = 1.0 / np.arange(1, len(names) + 1) ** 0.9
    weight /= weight.sum()
    share = np.array(SHARE, float) / sum(SHARE)

    def languages(home: str | None, p_da: float, p_en: float) -> str:
        out = {home} if home else set()
        if rng.random() < p_da:
            out.add("da")
        if rng.random() < p_en:
            out.add("en")
        return ",".join(sorted(out)) or "da"

    def interests() -> str:
        return ",".join(rng.choice(TOPICS, int(rng.integers(0, 4)), replace=False))

    waiting = pd.DataFrame({
        "id": [f"h{i:05d}" for i in range(n)],
        "municipality": rng.choice(names, n, p=weight),
        "languages": [languages(str(rng.choice(HOME, p=share)), 0.25, 0.33) for _ in range(n)],
        "adults": rng.integers(1, 3, n), "children": rng.choice([0, 0, 1, 2, 3], n),
        "interests": [interests() for _ in range(n)],
        "waiting_since": [(TODAY - dt.timedelta(days=int(d))).isoformat()
                          for d in rng.integers(0, 401, n)]})
    volunteers = pd.DataFrame({
        "id": [f"v{j:05d}" for j in range(m)],
        "municipality": rng.choice(names, m, p=weight),
        "languages": [languages(str(rng.choice(HOME, p=share)) if rng.random() < 0.15
                                else None, 0.97, 0.8) for _ in range(m)],
        "kind": rng.choice(["person", "family"], m, p=[0.7, 0.3]),
        "capacity": rng.choice([1, 1, 1, 2, 3], m),
        "interests": [interests() for _ in range(m)]})
    rejected = [(f"h{int(i):05d}", f"v{int(j):05d}")
                for i, j in zip(rng.integers(0, n, 500), rng.integers(0, m, 500), strict=True)]
    return waiting, volunteers, rejected


def greedy(waiting, volunteers, rejected):  # noqa: ANN001, ANN201 - bench helper
    """Longest-waiting first; each household takes, in its municipality, the volunteer with
    places left who shares a language and is not rejected: most shared interests (+1 family
    to family) first, then most places left, then id. Numpy per municipality, so its time is
    a fair floor."""
    import numpy as np

    from kit.steps.friends.logic import read_volunteers, read_waiting

    hs, vs = read_waiting(waiting, TODAY), read_volunteers(volunteers)
    out = []
    ex = set(rejected)
    v_groups = vs.groupby("municipality").indices
    for place, rows in hs.groupby("municipality").indices.items():
        cols = v_groups.get(place)
        if cols is None:
            continue
        h, v = hs.iloc[rows], vs.iloc[cols]
        langs = sorted(set().union(*h["languages"], *v["languages"]))
        words = sorted(set().union(*h["interests"], *v["interests"])) or ["-"]

        def onehot(sets, vocab):  # noqa: ANN001, ANN202
            a = np.zeros((len(sets), len(vocab)), np.float32)
            index = {x: k for k, x in enumerate(vocab)}
            for i, s in enumerate(sets):
                for x in s:
                    a[i, index[x]] = 1
            return a

        ok = (onehot(h["languages"], langs) @ onehot(v["languages"], langs).T) > 0
        score = onehot(h["interests"], words) @ onehot(v["interests"], words).T
        score += (h["children"].to_numpy() > 0)[:, None] & (v["kind"].to_numpy() == "family")
        left = v["capacity"].to_numpy().astype(float)
        h_ids, v_ids = h["id"].tolist(), v["id"].tolist()
        for i in np.argsort(-h["days"].to_numpy(), kind="stable"):
            can = ok[i] & (left > 0)
            if not can.any():
                continue
            value = np.where(can, score[i] * 1000 + left, -np.inf)
            for j in np.argsort(-value, kind="stable"):
                if not can[j]:
                    break
                if (h_ids[i], v_ids[j]) not in ex:
                    out.append((h_ids[i], v_ids[j]))
                    left[j] -= 1
                    break
    return out


def quality(pairs, waiting, volunteers, today=TODAY) -> dict:  # noqa: ANN001
    """Households matched, their waiting days, and the pairs' scores (shared interests,
    +1 family to family), as `match` ranks them."""
    from kit.steps.friends.logic import read_volunteers, read_waiting
    from kit.steps.friends.solver import pair_score

    hs = read_waiting(waiting, today).set_index("id")
    vs = read_volunteers(volunteers).set_index("id")
    return {"matched": len(pairs),
            "waiting_days": int(sum(hs.at[h, "days"] for h, _ in pairs)),
            "score": int(sum(pair_score(hs.at[h, "interests"], hs.at[h, "children"],
                                        vs.at[v, "interests"], vs.at[v, "kind"])
                             for h, v in pairs))}


def one(what: str, n: int, m: int, seed: int) -> dict:
    """Runs in the child."""
    import resource
    import time

    import scipy.optimize  # noqa: F401 - imported before the clock starts, as in an app
    import scipy.sparse.csgraph  # noqa: F401

    sys.path.insert(0, str(HERE.parent))
    import kit.friends as friends

    waiting, volunteers, rejected = programme(seed, n, m)
    friends.match(waiting.iloc[:5], volunteers.iloc[:5], today=TODAY)  # lazy imports, warm
    out: dict = {"what": what}

    def clock() -> tuple[float, float]:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return time.perf_counter(), r.ru_utime + r.ru_stime

    t0, c0 = clock()
    if what == "greedy":
        pairs = greedy(waiting, volunteers, rejected)
    elif what == "match":
        result = friends.match(waiting, volunteers, exclude=rejected, today=TODAY)
        pairs = list(zip(result["refugee_id"], result["volunteer_id"], strict=True))
    t1, c1 = clock()
    if what != "floor":
        out.update(quality(pairs, waiting, volunteers))
    out["wall_s"], out["cpu_s"] = round(t1 - t0, 3), round(c1 - c0, 3)
    out["rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if what == "match":
        t1, c1 = clock()
        gap = friends.gap(waiting, volunteers, proposed=result, today=TODAY)
        target = friends.campaign(waiting, volunteers, proposed=result, today=TODAY)
        friends.map_svg(gap)
        friends.map_table(gap)
        friends.campaign_text(target)
        t2, c2 = clock()
        out["view_wall_s"], out["view_cpu_s"] = round(t2 - t1, 3), round(c2 - c1, 3)
        out["municipalities"] = len(gap)
        out["unmatched"] = int(gap["unmatched"].sum())
    return out


def child(what: str, n: int, m: int, seed: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", what, "--waiting", str(n),
                           "--volunteers", str(m), "--seed", str(seed)],
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"what": what, "error": (proc.stderr.strip().splitlines() or ["?"])[-1][:200]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--waiting", type=int, default=12000)
    ap.add_argument("--volunteers", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--no-save", action="store_true")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(one(a.child, a.waiting, a.volunteers, a.seed)))
        return
    load_before = round(os.getloadavg()[0], 1)
    floor, greedy_run, match_run = (child(w, a.waiting, a.volunteers, a.seed)
                                    for w in ("floor", "greedy", "match"))
    result = {"waiting": a.waiting, "volunteers": a.volunteers, "seed": a.seed,
              "load_average": [load_before, round(os.getloadavg()[0], 1)],
              "floor": floor, "greedy": greedy_run, "match": match_run}
    if not any("error" in r for r in (floor, greedy_run, match_run)):
        g, mt = greedy_run, match_run
        result["ratios"] = {
            "time_vs_greedy": round(mt["wall_s"] / max(g["wall_s"], 1e-3), 2),
            "cpu_vs_greedy": round(mt["cpu_s"] / max(g["cpu_s"], 1e-3), 2),
            "rss_vs_floor": round(mt["rss_mib"] / floor["rss_mib"], 2),
            "matched_vs_greedy": round(mt["matched"] / max(g["matched"], 1), 4),
            "waiting_days_vs_greedy": round(mt["waiting_days"] / max(g["waiting_days"], 1), 4),
            "score_vs_greedy": round(mt["score"] / max(g["score"], 1), 4),
        }
    if not a.no_save:
        sys.path.insert(0, str(HERE))
        from _results import save

        save("friends_match", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
