"""Page weight and join bursts: what one phone downloads to get the join form, with and
without gzip, and how long a room of phones joining at once waits for the last page.

Floor, in the same run: the same page served without compression. Each join is a fresh
browser context (an empty cache, as on a phone that never opened the kit).

Usage: python bench/page_weight.py [--joins 5] [--burst 150] [--wave 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import save  # noqa: E402
from run import ARGS, CHROMIUM, TIMEOUT_MS, Server, _setup  # noqa: E402

from kit import serve  # noqa: E402


def one_join(browser, url: str) -> dict:
    ctx = browser.new_context()
    page = ctx.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.get_by_placeholder("Dit navn").fill("x", timeout=TIMEOUT_MS)
    ready = time.perf_counter() - t0
    wire = js = 0
    for r in responses:
        try:
            sizes = r.request.sizes()
            wire += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            if r.url.split("?")[0].endswith(".js"):
                js += len(r.body())
        except Exception:  # noqa: BLE001 - a redirect or an aborted response has no body
            pass
    ctx.close()
    return {"ready_s": ready, "wire_bytes": wire, "js_bytes": js, "requests": len(responses)}


def burst(browser, url: str, total: int, wave: int) -> dict:
    """Open `total` pages, `wave` at a time, each waiting for its join form."""
    t0 = time.perf_counter()
    done = 0
    while done < total:
        n = min(wave, total - done)
        ctxs = [browser.new_context() for _ in range(n)]
        pages = [c.new_page() for c in ctxs]
        for p in pages:
            p.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        for p in pages:
            p.get_by_placeholder("Dit navn").wait_for(timeout=TIMEOUT_MS)
        for c in ctxs:
            c.close()
        done += n
    wall = time.perf_counter() - t0
    return {"pages": total, "wave": wave, "until_last_s": round(wall, 1),
            "pages_per_s": round(total / wall, 2)}


def wait_for_pool(server: Server, size: int, timeout: float = 900) -> None:
    """Until the preheated kernels have all started (a venue opens its doors after that)."""
    deadline = time.monotonic() + timeout
    while len(server.kernels()) < size and time.monotonic() < deadline:
        time.sleep(2)
    time.sleep(5)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--joins", type=int, default=5)
    ap.add_argument("--burst", type=int, default=150)
    ap.add_argument("--wave", type=int, default=15)
    ap.add_argument("--preheat", type=int, default=0,
                    help="kernels the gzip server starts ahead (the burst then draws on them)")
    a = ap.parse_args()
    public = serve.notebooks_dir() / "public"
    result: dict = {}
    with tempfile.TemporaryDirectory() as d:
        env, code, _ = _setup(Path(d))
        env["KIT_CULL_AFTER"] = "30"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, compress in (("plain", False), ("gzip", True)):
                server = Server(public, "participant.ipynb", env,
                                preheat=a.preheat if compress else 0, compress=compress)
                if compress and a.preheat:
                    wait_for_pool(server, a.preheat)
                try:
                    url = f"{server.url}?code={code}"
                    one_join(browser, url)  # warm-up: first imports on the server
                    joins = [one_join(browser, url) for _ in range(a.joins)]
                    result[name] = {k: round(statistics.median(j[k] for j in joins), 3)
                                    for k in joins[0]}
                    if compress and a.burst:
                        result["burst"] = burst(browser, url, a.burst, a.wave)
                        result["burst"]["preheated"] = a.preheat
                        result["burst"]["kernels_rss_mib"] = round(sum(
                            k.memory_info().rss for k in server.kernels()) / 2**20)
                finally:
                    server.stop()
            browser.close()
    result["wire_ratio_gzip_vs_plain"] = round(result["gzip"]["wire_bytes"] /
                                               result["plain"]["wire_bytes"], 3)
    save("page_weight", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
