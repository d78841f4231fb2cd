"""Vote throughput: 50 participant processes placing and taking back dots at once on SQLite.

Floor: the same operations from one process alone, in the same run. Prints votes/s and the
p50/p95 latency of one vote (the whole locked transaction, retries included).

Usage: python bench/voting.py [--processes 50] [--ops 20]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import save  # noqa: E402

import kit  # noqa: E402
from kit import errors


def setup(url: str, n: int) -> tuple[str, list[str], list[str]]:
    w = kit.open_store(url).create_workshop("Benchmark", "Bakkeby")
    pids = [w.join(f"P{i}", ["kommune", "civilsamfund", "flygtning"][i % 3]).id
            for i in range(n)]
    w.set_phase("themes")
    themes = [w.ideas.add_theme(f"Tema {i}").id for i in range(6)]
    for t in themes:
        w.ideas.select_theme(t)
    w.voting.configure_voting(dots_per_participant=3)
    w.voting.open_voting()
    return w.code, pids, themes


def participant(url, code, pid, themes, ops, start, out) -> None:
    w = kit.open_store(url).workshop(code)
    lat = []
    start.wait(60)
    for i in range(ops):
        t0 = time.perf_counter()
        try:
            if i % 4 == 3:
                w.voting.unvote(pid, themes[(i - 1) % len(themes)])
            else:
                w.voting.vote(pid, themes[i % len(themes)])
        except errors.OverBudget:
            pass
        except errors.NoDotsThere:
            pass
        lat.append(time.perf_counter() - t0)
    out.put(lat)


def run(url: str, code: str, pids: list[str], themes: list[str], ops: int) -> dict:
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=participant, args=(url, code, p, themes, ops, start, out))
             for p in pids]
    for p in procs:
        p.start()
    time.sleep(2)  # let every process open the store first
    t0 = time.perf_counter()
    start.set()
    lat = [x for _ in procs for x in out.get(timeout=600)]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join(60)
    lat.sort()
    return {"votes": len(lat), "wall_s": round(wall, 2), "votes_per_s": round(len(lat) / wall),
            "p50_ms": round(1000 * statistics.median(lat), 1),
            "p95_ms": round(1000 * lat[int(0.95 * (len(lat) - 1))], 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--processes", type=int, default=50)
    ap.add_argument("--ops", type=int, default=20)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        url = f"sqlite:///{Path(d) / 'kit.sqlite'}"
        code, pids, themes = setup(url, a.processes + 1)
        alone = run(url, code, pids[:1], themes, a.ops * 5)
        crowd = run(url, code, pids[1:], themes, a.ops)
    result = {"one_process": alone, "processes": a.processes, "crowd": crowd,
              "throughput_ratio": round(crowd["votes_per_s"] / alone["votes_per_s"], 2),
              "p95_ratio": round(crowd["p95_ms"] / alone["p95_ms"], 1)}
    save("voting", result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
