"""What a phone's kernel costs when forked from a warm parent (`kit serve --fork-kernels 1`)
against an ordinary kernel, with a bare one-button ipywidgets page as the floor, in one run.

Three participant Voilà servers with kit serve's settings and no preheated kernels, one after
the other: the bare page with ordinary kernels (the floor), the participant page with ordinary
kernels (today), the participant page with forked kernels. Each gets:

  (1) pages    `--pages` plain HTTP requests of its page (each runs the notebook in a new
               kernel, as a phone opening the link does): CPU-s per page of the Voilà
               process, its kernels and (forked) the fork server; each kernel's PSS and USS;
               and the growth of the server's whole process tree in PSS (shared pages
               counted once, the fork server included) per page.
  (2) joins    `--joins` phone pages in Chromium that join the workshop with name and
               sector (participant pages only): the same memory figures after the join.
  (3) room     with `--room N`: N pages, 10 at a time, on ordinary and on forked kernels:
               the whole process tree in GiB of PSS and the time until the last page.

PSS and USS come from /proc/PID/smaps_rollup (psutil). Figures are printed against the floor
of the same run; results go to bench/results/fork_kernels.json.

Usage: python bench/fork_kernels.py [--pages 20] [--joins 4] [--room 150]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import save  # noqa: E402
from run import ARGS, CHROMIUM, TIMEOUT_MS, Server, _setup, cpu_seconds, is_kernel  # noqa: E402

from kit import serve  # noqa: E402

MiB = 1024 * 1024


def tree(server: Server) -> list[psutil.Process]:
    """The Voilà process and everything under it (kernels, the fork server)."""
    root = psutil.Process(server.proc.pid)
    return [root, *root.children(recursive=True)]


def kernels(server: Server) -> list[psutil.Process]:
    out = []
    for p in tree(server)[1:]:
        try:
            if is_kernel(p.cmdline()):
                out.append(p)
        except psutil.Error:
            pass
    return out


def pss(procs: list[psutil.Process]) -> tuple[float, float]:
    """Summed PSS and USS in MiB (a process that ended counts nothing)."""
    p_sum = u_sum = 0.0
    for p in procs:
        try:
            m = p.memory_full_info()
        except psutil.Error:
            continue
        p_sum += m.pss / MiB
        u_sum += m.uss / MiB
    return p_sum, u_sum


def settle(server: Server, count: int, timeout: float = 120.0) -> None:
    """Wait until `count` kernels run and their CPU has stopped moving (their last replies
    after the page was sent), bounded."""
    deadline = time.monotonic() + timeout
    last = -1.0
    while time.monotonic() < deadline:
        now = cpu_seconds(kernels(server))
        if len(kernels(server)) >= count and abs(now - last) < 0.02:
            return
        last = now
        time.sleep(1.0)


def per_kernel(server: Server, skip: set[int]) -> dict:
    ks = [k for k in kernels(server) if k.pid not in skip]
    each = [pss([k]) for k in ks]
    return {"kernels": len(ks),
            "kernel_pss_mib": round(statistics.median(e[0] for e in each), 1) if each else None,
            "kernel_uss_mib": round(statistics.median(e[1] for e in each), 1) if each else None}


def pages(server: Server, url: str, n: int, at_once: int = 1) -> dict:
    import concurrent.futures

    idle_pss = pss(tree(server))[0]
    cpu0 = cpu_seconds(tree(server))
    voila0 = cpu_seconds(tree(server)[:1])
    t0 = time.perf_counter()

    def get(_: int) -> bool:
        with urllib.request.urlopen(url, timeout=600) as r:
            return b"application/vnd.jupyter.widget-view+json" in r.read()

    with concurrent.futures.ThreadPoolExecutor(at_once) as pool:
        rendered = list(pool.map(get, range(n)))
    wall = time.perf_counter() - t0
    settle(server, n)
    procs = tree(server)
    out = per_kernel(server, set())
    out["rendered"] = rendered.count(True)
    out["wall_s"] = round(wall, 1)
    out["cpu_s_per_page"] = round((cpu_seconds(procs) - cpu0) / n, 3)
    out["voila_cpu_s_per_page"] = round((cpu_seconds(procs[:1]) - voila0) / n, 3)
    total = pss(procs)[0]
    out["tree_pss_mib_per_page"] = round((total - idle_pss) / n, 1)
    out["tree_pss_gib"] = round(total / 1024, 2)
    return out


def joins(server: Server, url: str, n: int) -> dict:
    from playwright.sync_api import sync_playwright

    before = {k.pid for k in kernels(server)}
    tree_before = pss(tree(server))[0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        opened = []
        for i in range(n):
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(url)
            page.get_by_placeholder("Dit navn").fill(f"Telefon {i}")
            page.get_by_role("button", name="Kommune").click()
            page.get_by_role("button", name="Deltag", exact=True).click()
            page.get_by_text("Telefon").first.wait_for()
            opened.append(page)
        settle(server, len(before) + n)
        out = {f"join_{k}": v for k, v in per_kernel(server, before).items()}
        out["tree_pss_mib_per_join"] = round((pss(tree(server))[0] - tree_before) / n, 1)
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--joins", type=int, default=4)
    ap.add_argument("--room", type=int, default=0,
                    help="then this many pages, 10 at a time, on ordinary and forked kernels: "
                         "the whole process tree's PSS (the 150-phone room)")
    a = ap.parse_args()
    result: dict = {"load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as d:
        env, code, bare_dir = _setup(Path(d))
        participant = serve.notebooks_dir() / "public"
        for name, root, main_nb, tail, fork in (
                ("bare", bare_dir, "bare.ipynb", "", False),
                ("ordinary", participant, "participant.ipynb", f"?code={code}", False),
                ("forked", participant, "participant.ipynb", f"?code={code}", True)):
            server = Server(root, main_nb, env, fork_kernels=fork)
            try:
                result[name] = pages(server, server.url + tail, a.pages)
                if name != "bare" and a.joins:
                    result[name].update(joins(server, server.url + tail, a.joins))
            finally:
                server.stop()
            print(name, result[name], flush=True)
        if a.room:
            for name, fork in (("room_ordinary", False), ("room_forked", True)):
                server = Server(participant, "participant.ipynb", env, fork_kernels=fork)
                try:
                    result[name] = pages(server, server.url + f"?code={code}", a.room, 10)
                finally:
                    server.stop()
                print(name, result[name], flush=True)
    bare, ordinary, forked = result["bare"], result["ordinary"], result["forked"]
    for key in ("kernel_pss_mib", "kernel_uss_mib", "cpu_s_per_page",
                "tree_pss_mib_per_page"):
        result[f"forked_vs_ordinary_{key}"] = round(forked[key] / ordinary[key], 3)
        result[f"forked_vs_bare_{key}"] = round(forked[key] / bare[key], 3)
    result["load_average_at_end"] = os.getloadavg()
    save("fork_kernels", result)
    print(f"\n{'':<10}{'PSS/kernel':>12}{'USS/kernel':>12}{'tree PSS/page':>15}"
          f"{'CPU-s/page':>12}{'PSS after join':>16}")
    for name in ("bare", "ordinary", "forked"):
        r = result[name]
        print(f"{name:<10}{r['kernel_pss_mib']:>12}{r['kernel_uss_mib']:>12}"
              f"{r['tree_pss_mib_per_page']:>15}{r['cpu_s_per_page']:>12}"
              f"{str(r.get('tree_pss_mib_per_join', '–')):>16}")
    print("forked / ordinary: " + ", ".join(
        f"{k} ×{result[f'forked_vs_ordinary_{k}']}" for k in
        ("kernel_pss_mib", "kernel_uss_mib", "tree_pss_mib_per_page", "cpu_s_per_page")))
    print("forked / bare page (floor): " + ", ".join(
        f"{k} ×{result[f'forked_vs_bare_{k}']}" for k in
        ("kernel_pss_mib", "kernel_uss_mib", "tree_pss_mib_per_page", "cpu_s_per_page")))

    if a.room:
        ro, rf = result["room_ordinary"], result["room_forked"]
        print(f"{a.room} pages, 10 at a time: ordinary {ro['tree_pss_gib']} GiB, "
              f"{ro['wall_s']} s; forked {rf['tree_pss_gib']} GiB, {rf['wall_s']} s "
              f"(×{round(rf['tree_pss_gib'] / ro['tree_pss_gib'], 3)} memory, "
              f"×{round(rf['wall_s'] / ro['wall_s'], 3)} time)")


if __name__ == "__main__":
    main()
