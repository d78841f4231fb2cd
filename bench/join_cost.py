"""Where a join's server CPU goes, and how much of it is ours: the participant page against a
bare one-button ipywidgets page served with the same Voilà settings, in the same run.

Each phone opening the link costs the server (1) Voilà's work on the request (reading the
notebook, starting a kernel, running the cells, rendering the template) and (2) the kernel
itself: Python and ipykernel starting, ipywidgets, then the page's own imports and widgets.
Both servers get the same `--pages` plain HTTP requests (`--at-once` at a time; the page is
returned once its cells ran, which is what a phone waits for before its scripts load), and
the CPU seconds of the Voilà process and of every kernel are read per page. A second part
splits a kernel's own start in fresh interpreters: ipykernel's imports, ipywidgets, our page's
imports and building the join form, each CPU-timed in the same run.

Usage: python bench/join_cost.py [--pages 10] [--at-once 2] [--repeats 5]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import save  # noqa: E402
from run import Server, _setup, cpu_seconds  # noqa: E402

from kit import serve  # noqa: E402


def burst(server: Server, url: str, pages: int, at_once: int) -> dict:
    """`pages` requests of the page; CPU-s per page of Voilà and of the kernels it started."""
    before = {k.pid for k in server.kernels()}
    voila0 = cpu_seconds(server.servers)
    t0 = time.perf_counter()

    def get(_: int) -> bool:
        with urllib.request.urlopen(url, timeout=300) as r:
            return b"application/vnd.jupyter.widget-view+json" in r.read()

    with concurrent.futures.ThreadPoolExecutor(at_once) as pool:
        rendered = list(pool.map(get, range(pages)))
    wall = time.perf_counter() - t0
    time.sleep(3)  # a kernel's last replies after the page was sent
    kernels = [k for k in server.kernels() if k.pid not in before]
    return {"pages": pages, "rendered": rendered.count(True), "wall_s": round(wall, 2),
            "voila_cpu_s": round((cpu_seconds(server.servers) - voila0) / pages, 3),
            "kernel_cpu_s": round(cpu_seconds(kernels) / max(len(kernels), 1), 3),
            "kernels": len(kernels)}


STAGES = {
    "python + ipykernel": "import ipykernel.ipkernel",
    "+ ipywidgets": "import ipykernel.ipkernel, ipywidgets",
    "+ our page's imports": "import ipykernel.ipkernel, ipywidgets, kit.ui.participant",
    "+ the join form built": ("import ipykernel.ipkernel, ipywidgets, kit.ui.participant as p, "
                              "kit; p.ParticipantApp(kit.open_store(), code={code!r})"),
}


def stage_cpu(code: str, env: dict[str, str], repeats: int) -> dict[str, float]:
    """Least CPU-s of a fresh interpreter running each stage (children's rusage)."""
    out = {}
    for name, stmt in STAGES.items():
        runs = []
        for _ in range(repeats):
            before = os.times()
            subprocess.run([sys.executable, "-c", stmt.format(code=code)], env=env, check=True)
            after = os.times()
            runs.append(after.children_user + after.children_system -
                        before.children_user - before.children_system)
        out[name] = round(min(runs), 3)  # the least disturbed run: others share the cores
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--at-once", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    result: dict = {"load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as d:
        env, code, bare_dir = _setup(Path(d))
        env = {**os.environ, **env}
        result["stages_cpu_s"] = stage_cpu(code, env, a.repeats)
        for name, root, main_nb, tail in (
                ("bare", bare_dir, "bare.ipynb", ""),
                ("participant", serve.notebooks_dir() / "public", "participant.ipynb",
                 f"?code={code}")):
            server = Server(root, main_nb, env)
            try:
                burst(server, server.url + tail, 2, 1)  # warm-up: the OS's file cache
                result[name] = burst(server, server.url + tail, a.pages, a.at_once)
            finally:
                server.stop()
    bare, ours = result["bare"], result["participant"]
    for key in ("voila_cpu_s", "kernel_cpu_s"):
        result[f"ratio_{key}"] = round(ours[key] / bare[key], 3)
    result["ratio_total"] = round((ours["voila_cpu_s"] + ours["kernel_cpu_s"]) /
                                  (bare["voila_cpu_s"] + bare["kernel_cpu_s"]), 3)
    s = result["stages_cpu_s"]
    names = list(STAGES)
    result["ours_in_kernel_s"] = round(s[names[-1]] - s[names[1]], 3)
    result["load_average_at_end"] = os.getloadavg()
    save("join_cost", result)
    for name in ("bare", "participant"):
        r = result[name]
        print(f"{name:<12} Voilà {r['voila_cpu_s']} CPU-s/page, kernel {r['kernel_cpu_s']} "
              f"CPU-s/page ({r['rendered']}/{r['pages']} rendered, {r['wall_s']} s)")
    print(f"ratio participant/bare: Voilà ×{result['ratio_voila_cpu_s']}, kernel "
          f"×{result['ratio_kernel_cpu_s']}, total ×{result['ratio_total']}")
    prev = 0.0
    for name, value in s.items():
        print(f"  {name:<24} {value} CPU-s (+{round(value - prev, 3)})")
        prev = value
    print(f"our share of a kernel's start: {result['ours_in_kernel_s']} CPU-s", flush=True)


if __name__ == "__main__":
    main()
