"""Group assignment at municipal scale: 300 × 15, 1,000 × 40, 2,000 × 70 and 3,000 × 100.

Rooms are drawn as in bench/groups.py (3 preferences each with a few popular themes, 10 % say
"not this one" once, 40/45/15 % kommune/civilsamfund/refugees), sizes n/m ± 3, and
`kit.groups.assign` gets the facilitator's time limit (30 s: `GroupsStore.form_groups`). Each
room is solved in a process of its own, so its peak memory (ru_maxrss) is its own. Floors,
measured in the same run: for time the 300 × 15 solve; for memory a process that imports
the same modules, draws the same 300 × 15 room and solves a 6-person one (as every process
does first, so lazy imports are not timed), but not the room. Prints per size the
wall and CPU time of `assign`, the peak RSS, whether the optimum was proven, and how many
groups break a size (must be 0: sizes are the rule a grouping may not break silently). Last,
the largest room once more with a limit too short to prove anything (`--tight`, 2 s): what
comes back then, and its rank cost against the proven optimum.

Usage: python bench/groups_scale.py [--sizes 300x15 1000x40 ...] [--seeds 3]
       [--time-limit 30] [--tight 2] [--kit PATH]
PATH: another checkout to import kit from, e.g. one from before a change.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = ["300x15", "1000x40", "2000x70", "3000x100"]
LIMIT_GIB = 8  # address space a child may take (the dense model of old asked for ~18 GiB)


def one(kit: str, n: int, m: int, seed: int, time_limit: float, solve: bool) -> dict:
    """Runs in the child: draw the room, assign, report."""
    import importlib
    import resource
    import time

    import scipy.optimize  # noqa: F401  (imported before the clock starts, as in a live app)

    sys.path[:0] = [kit, str(HERE)]
    groups = importlib.import_module("kit.groups")  # first: bench/groups.py imports kit too
    room = importlib.import_module("groups").room

    people, prefs, themes, volunteers = room(seed, n, m)
    size = n // m
    groups.assign(people.iloc[:6], prefs, 1, 6, themes=themes[:2])  # lazy imports, warm
    out: dict = {"people": n, "groups": m, "seed": seed, "sizes": [size - 3, size + 3]}
    before = resource.getrusage(resource.RUSAGE_SELF)
    out["rss_before_mib"] = round(before.ru_maxrss / 1024)
    if solve:
        t0, c0 = time.perf_counter(), before.ru_utime + before.ru_stime
        try:
            r = groups.assign(people, prefs, size - 3, size + 3, themes=themes,
                              volunteers=volunteers, time_limit=time_limit)
        except (MemoryError, Exception) as exc:  # noqa: BLE001 - report, do not crash the run
            out["error"] = f"{type(exc).__name__}: {exc}"[:200]
        else:
            counts = r.frame.groupby("theme_id").size().reindex(themes, fill_value=0)
            out.update({
                "optimal": bool(r.optimal), "rank_cost": int(r.rank_cost),
                "objective": float(r.objective),
                "below_min": int((counts < size - 3).sum()),
                "above_max": int((counts > size + 3).sum()),
                "people_below_min": int(counts[counts < size - 3].sum()),
                "findings": [f.key for f in getattr(r, "findings", ())]})
        after = resource.getrusage(resource.RUSAGE_SELF)
        out["solve_s"] = round(time.perf_counter() - t0, 2)
        out["cpu_s"] = round(after.ru_utime + after.ru_stime - c0, 2)
    out["rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def child(kit: str, n: int, m: int, seed: int, time_limit: float, solve: bool,
          limit_gib: float = LIMIT_GIB) -> dict:
    import resource

    def cap() -> None:
        size = int(limit_gib * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    args = [sys.executable, __file__, "--child", f"{n}x{m}", str(seed), str(time_limit),
            "solve" if solve else "floor", "--kit", kit]
    proc = subprocess.run(args, capture_output=True, text=True, preexec_fn=cap,
                          timeout=time_limit * 4 + 600)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"people": n, "groups": m, "seed": seed,
                "error": (proc.stderr.strip().splitlines() or ["no output"])[-1][:200]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="*", default=SIZES)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--kit", default=str(HERE.parent), help="the checkout to import kit from")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--tight", type=float, default=2.0, help="0: skip the short-limit run")
    ap.add_argument("--memory-limit-gib", type=float, default=LIMIT_GIB)
    ap.add_argument("--no-save", action="store_true", help="print only (e.g. with --kit)")
    a = ap.parse_args()
    if a.child:
        nm, seed, limit, what = a.child
        n, m = (int(x) for x in nm.split("x"))
        print(json.dumps(one(a.kit, n, m, int(seed), float(limit), what == "solve")))
        return
    load_before = round(os.getloadavg()[0], 1)  # other work on the machine slows wall time
    floor = child(a.kit, 300, 15, 0, a.time_limit, solve=False)
    by_size = []
    for nm in a.sizes:
        n, m = (int(x) for x in nm.split("x"))
        runs = [child(a.kit, n, m, seed, a.time_limit, solve=True,
                      limit_gib=a.memory_limit_gib) for seed in range(a.seeds)]
        for r in runs:
            print(json.dumps(r), flush=True)
        ok = [r for r in runs if "error" not in r]
        entry = {"people": n, "groups": m, "runs": runs,
                 "errors": [r["error"] for r in runs if "error" in r]}
        if ok:
            entry.update({
                "median_solve_s": statistics.median(r["solve_s"] for r in ok),
                "median_cpu_s": statistics.median(r["cpu_s"] for r in ok),
                "max_solve_s": max(r["solve_s"] for r in ok),
                "peak_rss_mib": max(r["rss_mib"] for r in ok),
                "all_optimal": all(r["optimal"] for r in ok) and len(ok) == len(runs),
                "groups_breaking_a_size": sum(r["below_min"] + r["above_max"] for r in ok),
                "findings": sorted({f for r in ok for f in r["findings"]})})
        by_size.append(entry)
    base = next((e for e in by_size if (e["people"], e["groups"]) == (300, 15)
                 and "median_solve_s" in e), None)
    for e in by_size:
        if "median_solve_s" not in e:
            continue
        if base:
            e["time_ratio_to_300x15"] = round(e["median_solve_s"] /
                                              max(base["median_solve_s"], 1e-3), 1)
        e["rss_ratio_to_idle"] = round(e["peak_rss_mib"] / floor["rss_mib"], 2)
    tight = None
    last = by_size[-1] if by_size else None
    if a.tight > 0 and last and "median_solve_s" in last:
        tight = child(a.kit, last["people"], last["groups"], 0, a.tight, solve=True,
                      limit_gib=a.memory_limit_gib)
        print(json.dumps(tight), flush=True)
        proven = last["runs"][0]
        if "error" not in tight and proven.get("optimal"):
            tight["rank_cost_ratio_to_proven"] = round(tight["rank_cost"] /
                                                       proven["rank_cost"], 3)
    result = {"time_limit_s": a.time_limit, "seeds": a.seeds, "kit": a.kit, "tight": tight,
              "tight_limit_s": a.tight,
              "load_average": [load_before, round(os.getloadavg()[0], 1)],
              "floor_idle_rss_mib": floor["rss_mib"],
              "floor_300x15_solve_s": base["median_solve_s"] if base else None,
              "sizes": by_size}
    if not a.no_save:
        sys.path.insert(0, str(HERE))
        from _results import save

        save("groups_scale", result)
    print(json.dumps({k: v for k, v in result.items() if k != "sizes"}, indent=1))
    for e in by_size:
        print(json.dumps({k: v for k, v in e.items() if k != "runs"}))


if __name__ == "__main__":
    main()
