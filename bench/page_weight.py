"""Page weight and join bursts: what one phone downloads to get the join form, on its first
visit and on a reload, and how long a room of phones opening the page waits for the last one.

Fronts compared, all started here on the same machine:
  plain    one Voilà process, nothing compressed          (the floor for bytes)
  gzip     one Voilà process, Tornado's gzip (`kit serve`'s default)
  nginx    `kit serve --workers 2`: nginx gzips, caches the scripts for both processes and
           lets phones keep them (Cache-Control), each phone kept by one process

Each join is a fresh browser context (an empty cache, as on a phone that never opened the
kit). A burst opens `--burst` pages, `--wave` at a time, each waiting for its join form; the
browser runs on the same 2 cores as the servers, so the CPU seconds are split into what the
servers spent (Voilà processes, nginx, kernels) and the rest (mostly Chromium): a venue's
phones bring their own processors, the server's share is what the laptop must carry.

Usage: python bench/page_weight.py [--joins 5] [--burst 150] [--wave 10] [--preheat 20]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import load, save  # noqa: E402
from run import (  # noqa: E402
    ARGS,
    CHROMIUM,
    TIMEOUT_MS,
    Server,
    _setup,
    cpu_seconds,
    kernels_of,
)

from kit import serve  # noqa: E402


class Workers:
    """`kit serve --workers N` (participant processes behind nginx, plus the facilitator's)."""

    def __init__(self, env: dict, tmp: Path, workers: int, preheat: int = 0) -> None:
        port = serve.free_port()
        log_dir = tmp / f"workers-{port}"
        log_dir.mkdir()
        self.procs = serve.start("127.0.0.1", port, "127.0.0.1", serve.free_port(),
                                 env["KIT_DATABASE_URL"], f"http://127.0.0.1:{port}/",
                                 float(env["KIT_POLL_INTERVAL"]), 600, preheat=preheat,
                                 log_dir=log_dir, workers=workers)
        voila = self.procs[1:workers + 1] if workers > 1 else self.procs[:1]
        self.voila = [psutil.Process(p.pid) for p in voila]
        self.servers = self.voila + ([psutil.Process(self.procs[0].pid)] if workers > 1 else [])
        self.url = f"http://127.0.0.1:{port}/"

    def kernels(self) -> list[psutil.Process]:
        return kernels_of(self.voila)

    def stop(self) -> None:
        serve.stop(self.procs)



def _wire(responses) -> tuple[int, int, int]:
    """(bytes on the wire, responses that were 304 round trips, responses from nginx's cache)."""
    wire = revalidated = cached = 0
    for r in responses:
        try:
            sizes = r.request.sizes()
            wire += max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)
        except Exception:  # noqa: BLE001 - a redirect or an aborted response has no sizes
            pass
        revalidated += r.status == 304
        cached += r.headers.get("x-kit-cache") == "HIT"
    return wire, revalidated, cached


class _Meter:
    """CPU seconds a burst costs, split into the servers, the kernels and the rest."""

    def __init__(self, front) -> None:
        self.front = front
        self.kernels0 = {k.pid: cpu_seconds([k]) for k in front.kernels()}
        self.servers0, self.machine0 = cpu_seconds(front.servers), psutil.cpu_times()
        self.t0 = time.perf_counter()

    def result(self, pages: int, rest: str, waits: list[float]) -> dict:
        """`waits`: each phone's seconds from opening the link until its page was there."""
        wall = time.perf_counter() - self.t0
        waits = sorted(waits)
        machine1 = psutil.cpu_times()
        kernels = self.front.kernels()
        kernel_cpu = sum(cpu_seconds([k]) - self.kernels0.get(k.pid, 0.0) for k in kernels)
        server_cpu = cpu_seconds(self.front.servers) - self.servers0
        all_cpu = ((machine1.user + machine1.system) -
                   (self.machine0.user + self.machine0.system))
        return {"pages": pages, "until_last_s": round(wall, 1),
                "pages_per_s": round(pages / wall, 2),
                "wait_s": {"p50": round(statistics.median(waits), 1),
                           "p95": round(waits[int(0.95 * (len(waits) - 1))], 1)}
                if waits else {},
                "cpu_s_per_page": {"voila_and_nginx": round(server_cpu / pages, 3),
                                   "kernels": round(kernel_cpu / pages, 3),
                                   rest: round((all_cpu - server_cpu - kernel_cpu) / pages, 3)},
                "kernels_rss_mib": round(sum(k.memory_info().rss for k in kernels) / 2**20)}


def one_join(browser, url: str) -> dict:
    """A fresh phone opens the link, gets its join form, then reloads the page."""
    ctx = browser.new_context()
    page = ctx.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.get_by_placeholder("Dit navn").fill("x", timeout=TIMEOUT_MS)
    ready = time.perf_counter() - t0
    first = list(responses)
    js = 0
    for r in first:
        if r.url.split("?")[0].endswith(".js"):
            try:
                js += len(r.body())
            except Exception:  # noqa: BLE001 - see _wire
                pass
    wire, _, cached = _wire(first)
    assets = [r.url for r in first if r.request.method == "GET" and r.status == 200
              and "/voila/render/" not in r.url and "/api/" not in r.url]
    del responses[:]
    t0 = time.perf_counter()
    page.reload(wait_until="commit", timeout=TIMEOUT_MS)
    page.get_by_placeholder("Dit navn").fill("x", timeout=TIMEOUT_MS)
    reload_s = time.perf_counter() - t0
    rwire, revalidated, _ = _wire(responses)
    ctx.close()
    return {"ready_s": ready, "wire_bytes": wire, "js_bytes": js, "requests": len(first),
            "from_nginx_cache": cached, "reload_s": reload_s, "reload_wire_bytes": rwire,
            "reload_round_trips_304": revalidated, "assets": assets}


def burst(browser, front, url: str, total: int, wave: int) -> dict:
    """Open `total` pages, `wave` at a time, each waiting for its join form."""
    meter = _Meter(front)
    done = failed = 0
    waits: list[float] = []
    while done < total:
        n = min(wave, total - done)
        ctxs = [browser.new_context() for _ in range(n)]
        pages = [c.new_page() for c in ctxs]
        opened = []
        for p in pages:
            opened.append(time.perf_counter())
            p.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        for p, t0 in zip(pages, opened, strict=True):
            try:
                p.get_by_placeholder("Dit navn").wait_for(timeout=TIMEOUT_MS)
                waits.append(time.perf_counter() - t0)
            except Exception:  # noqa: BLE001 - counted: a phone that never got its form
                failed += 1
        for c in ctxs:
            c.close()
        done += n
    return {**meter.result(total, "rest_mostly_chromium", waits), "wave": wave,
            "failed": failed}


def http_burst(front, url: str, assets: list[str], total: int, concurrency: int) -> dict:
    """The server's side of `total` joins without a browser: each phone follows the link to
    its page (Voilà starts its kernel and runs the notebook) and fetches, gzipped, every
    script and style sheet a real phone fetched. Not replayed: the widget websocket."""
    import concurrent.futures
    import urllib.parse
    import urllib.request

    # what follows "/voila/" in each asset's address; the prefix is the phone's own process
    tails = []
    for a in assets:
        parts = urllib.parse.urlsplit(a)
        if "/voila/" in parts.path:
            tails.append(parts.path.split("/voila/", 1)[1] + (f"?{parts.query}" if parts.query
                                                             else ""))
    base = front.url.rstrip("/")

    def get(address: str) -> tuple[bytes, str]:
        request = urllib.request.Request(address, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=TIMEOUT_MS / 1000) as r:
            body = r.read()
            if r.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return body, r.url

    waits: list[float] = []

    def phone(_: int) -> bool:
        t0 = time.perf_counter()
        try:
            page, final = get(url)
            waits.append(time.perf_counter() - t0)  # the rendered page, its scripts follow
            prefix = urllib.parse.urlsplit(final).path.split("/voila/")[0]
            for tail in tails:
                get(f"{base}{prefix}/voila/{tail}")
        except OSError:
            return False
        return b"application/vnd.jupyter.widget-view+json" in page  # the app was rendered

    meter = _Meter(front)
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        done = list(pool.map(phone, range(total)))
    return {**meter.result(total, "rest_client", waits), "at_once": concurrency,
            "failed": done.count(False)}


def wait_for_pool(front, size: int, timeout: float = 900) -> None:
    """Until the preheated kernels have all started (a venue opens its doors after that)."""
    deadline = time.monotonic() + timeout
    while len(front.kernels()) < size and time.monotonic() < deadline:
        time.sleep(2)
    time.sleep(10)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--joins", type=int, default=5)
    ap.add_argument("--burst", type=int, default=150)
    ap.add_argument("--wave", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kinds", default="joins,http,browser",
                    help="what to run: joins (bytes), http and browser bursts; a partial run "
                         "keeps the other figures of the last run")
    ap.add_argument("--preheat", type=int, default=20,
                    help="warm kernels per participant process in the last burst (0: skip it)")
    a = ap.parse_args()
    public = serve.notebooks_dir() / "public"
    kinds = a.kinds.split(",")
    result: dict = {} if set(kinds) >= {"joins", "http", "browser"} else load("page_weight")
    result["workers"] = a.workers
    with tempfile.TemporaryDirectory() as d:
        env, code, _ = _setup(Path(d))
        fronts = {"plain": lambda: Server(public, "participant.ipynb", env, compress=False),
                  "gzip": lambda: Server(public, "participant.ipynb", env),
                  "nginx": lambda: Workers(env, Path(d), a.workers),
                  "nginx_preheated": lambda: Workers(env, Path(d), a.workers, a.preheat)}
        runs = [("plain", "joins"), ("gzip", "joins"), ("nginx", "joins")]
        if a.burst:  # each burst on freshly started servers, so kernels never pile up
            runs += [(f, kind) for f in ("gzip", "nginx", "nginx_preheated")[:3 if a.preheat
                                                                               else 2]
                     for kind in ("http", "browser") if kind in kinds]
        assets: list[str] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, kind in runs:
                front = fronts[name]()
                try:
                    url = f"{front.url}?code={code}"
                    if name == "nginx_preheated":
                        # each process: the pool for phones and one warm board kernel
                        wait_for_pool(front, a.workers * (a.preheat + 1))
                    else:
                        one_join(browser, url)  # warm-up: first imports, nginx's cache
                    if kind == "joins":
                        joins = [one_join(browser, url) for _ in range(a.joins)]
                        assets = assets or joins[0]["assets"]
                        result[name] = {k: round(statistics.median(j[k] for j in joins), 3)
                                        for k in joins[0] if k != "assets"}
                        key = name
                    elif kind == "browser":
                        key = f"burst_{name}"
                        result[key] = burst(browser, front, url, a.burst, a.wave)
                    else:
                        key = f"server_burst_{name}"
                        result[key] = http_burst(front, url, assets, a.burst, a.wave)
                    if kind != "joins":
                        result[key]["preheated"] = a.preheat if "preheated" in name else 0
                    print(key, json.dumps(result[key]), flush=True)
                finally:
                    front.stop()
            browser.close()
    result["wire_ratio_gzip_vs_plain"] = round(result["gzip"]["wire_bytes"] /
                                               result["plain"]["wire_bytes"], 3)
    result["wire_ratio_nginx_vs_plain"] = round(result["nginx"]["wire_bytes"] /
                                                result["plain"]["wire_bytes"], 3)
    for kind in ("burst", "server_burst") if a.burst else ():
        if f"{kind}_gzip" not in result:
            continue  # not run now, nor in the run a partial one builds on
        floor = result[f"{kind}_gzip"]["until_last_s"]
        for name in ("nginx", "nginx_preheated"):
            if f"{kind}_{name}" in result:
                result[f"{kind}_ratio_{name}_vs_gzip"] = round(
                    result[f"{kind}_{name}"]["until_last_s"] / floor, 2)
    save("page_weight", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
