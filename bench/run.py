"""Voilà benchmarks of the foundation, each against a floor measured in the same run.

Started from ../shared/tools/voila-probe (probe.py): same Chromium flags, same psutil reading
of kernel memory, every wait bounded, only the servers started here are stopped.

  (a) tti      participant page time-to-interactive (navigation until the join form accepts
               input) vs a bare one-button Voilà page served with the same settings; also
               with a preheated kernel pool.
  (b) mem      idle participant kernel RSS vs a bare kernel that imports ipywidgets only.
  (c) latency  time from a participant's join until the board shows it, with 30
               participant pages connected (real pages, real joins).

Usage: python bench/run.py [tti|mem|latency|all] [--runs N] [--participants N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import save  # noqa: E402

import kit  # noqa: E402
from kit import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 180_000

BARE = '''import ipywidgets as w
btn = w.Button(description="Go")
txt = w.Text(value="", placeholder="name")
btn.on_click(lambda _: setattr(txt, "value", "clicked"))
w.VBox([btn, txt])'''


class Server:
    """One KitVoila process on a folder, with kit serve's own Voilà settings."""

    def __init__(self, root: Path, main: str, env: dict, preheat: int = 0,
                 compress: bool = True, fork_kernels: bool = False) -> None:
        import os
        import subprocess

        self.port = serve.free_port()
        spec = serve.ServerSpec(root, main, "127.0.0.1", self.port, preheat, compress,
                                fork_kernels=fork_kernels)
        self.log = open(tempfile.mktemp(suffix=".log"), "w")
        self.proc = subprocess.Popen(spec.argv(cull_after=600), env={**os.environ, **env,
                                     "KIT_PORT": str(self.port)}, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        if not serve.wait_for_port("127.0.0.1", self.port, 60, self.proc):
            raise SystemExit("voila did not start")
        self.url = f"http://127.0.0.1:{self.port}/"
        if preheat:
            time.sleep(15)  # let the pool fill and settle

    @property
    def servers(self) -> list[psutil.Process]:
        return [psutil.Process(self.proc.pid)]

    def kernels(self) -> list[psutil.Process]:
        return kernels_of(self.servers)

    def stop(self) -> None:
        serve.stop([self.proc])


def is_kernel(cmdline: list[str]) -> bool:
    """A page's kernel: the kit's (`kit._kernel`, since 2026-12-06) or, measuring an older
    commit, ipykernel's own launcher."""
    line = " ".join(cmdline)
    return "kit._kernel" in line or "ipykernel_launcher" in line


def cpu_seconds(procs: list[psutil.Process]) -> float:
    """User + system CPU seconds of these processes (one that ended counts nothing)."""
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass  # it ended: its time is gone with it
    return total


def kernels_of(servers: list) -> list[psutil.Process]:
    """The kernel processes started by these Voilà processes (psutil or Popen objects)."""
    out = []
    for server in servers:
        try:
            children = psutil.Process(server.pid).children(recursive=True)
        except psutil.Error:
            continue
        for ch in children:
            try:
                if is_kernel(ch.cmdline()):
                    out.append(ch)
            except psutil.Error:
                pass  # it ended while being looked at
    return out


def _setup(tmp: Path) -> tuple[dict, str, Path]:
    db = f"sqlite:///{tmp / 'kit.sqlite'}"
    store = kit.open_store(db)
    code = store.create_workshop("Benchmark", "Bakkeby").code
    bare_dir = tmp / "bare"
    bare_dir.mkdir()
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3",
                                                            "display_name": "Python 3",
                                                            "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(BARE)]
    nbformat.write(nb, bare_dir / "bare.ipynb")
    env = {"KIT_DATABASE_URL": db, "KIT_POLL_INTERVAL": "0.4"}
    return env, code, bare_dir


def _tti_bare(browser, url: str) -> float:
    ctx = browser.new_context()
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    box = page.get_by_placeholder("name")
    box.fill("x", timeout=TIMEOUT_MS)  # fill waits until the input is visible and enabled
    dt = time.perf_counter() - t0
    ctx.close()
    return dt


def _tti_participant(browser, url: str) -> float:
    ctx = browser.new_context()
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.get_by_placeholder("Dit navn").fill("x", timeout=TIMEOUT_MS)
    dt = time.perf_counter() - t0
    ctx.close()
    return dt


def bench_tti(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as d:
        env, code, bare_dir = _setup(Path(d))
        servers = {"bare": Server(bare_dir, "bare.ipynb", env),
                   "participant": Server(serve.notebooks_dir() / "public", "participant.ipynb",
                                         env),
                   "participant_preheat": Server(serve.notebooks_dir() / "public",
                                                 "participant.ipynb", env, preheat=2)}
        times: dict[str, list[float]] = {k: [] for k in servers}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for name, s in servers.items():  # warm-up: browser cache, first imports
                    (_tti_bare if name == "bare" else _tti_participant)(
                        browser, s.url + (f"?code={code}" if name != "bare" else ""))
                for _ in range(runs):  # interleaved, so machine noise hits all alike
                    for name, s in servers.items():
                        if name == "bare":
                            times[name].append(_tti_bare(browser, s.url))
                        else:
                            times[name].append(_tti_participant(browser, f"{s.url}?code={code}"))
                        time.sleep(1.0)
                browser.close()
        finally:
            for s in servers.values():
                s.stop()
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"runs": runs, "median_s": {k: round(v, 3) for k, v in med.items()},
            "all_s": {k: [round(x, 3) for x in v] for k, v in times.items()},
            "ratio_participant_vs_bare": round(med["participant"] / med["bare"], 3),
            "ratio_preheated_vs_bare": round(med["participant_preheat"] / med["bare"], 3)}


def bench_mem() -> dict:
    with tempfile.TemporaryDirectory() as d:
        env, code, bare_dir = _setup(Path(d))
        out = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, root, main, url_tail, join in (
                    ("bare", bare_dir, "bare.ipynb", "", False),
                    ("participant", serve.notebooks_dir() / "public", "participant.ipynb",
                     f"?code={code}", True)):
                s = Server(root, main, env)
                try:
                    page = browser.new_page()
                    page.goto(s.url + url_tail, timeout=TIMEOUT_MS)
                    if join:  # a joined participant, following the workshop
                        page.get_by_placeholder("Dit navn").fill("Måler", timeout=TIMEOUT_MS)
                        page.get_by_role("button", name="Kommune").click()
                        page.get_by_role("button", name="Deltag", exact=True).click()
                        page.get_by_text("Din kode til at komme tilbage").wait_for(
                            timeout=TIMEOUT_MS)
                    else:
                        page.get_by_placeholder("name").fill("x", timeout=TIMEOUT_MS)
                    time.sleep(5)
                    ks = s.kernels()
                    out[name] = {"rss_mib": round(ks[0].memory_info().rss / 2**20, 1),
                                 "uss_mib": round(ks[0].memory_full_info().uss / 2**20, 1)}
                    page.close()
                finally:
                    s.stop()
            browser.close()
    out["ratio_rss"] = round(out["participant"]["rss_mib"] / out["bare"]["rss_mib"], 3)
    out["ratio_uss"] = round(out["participant"]["uss_mib"] / out["bare"]["uss_mib"], 3)
    return out


def bench_latency(participants: int) -> dict:
    """Joins one at a time while `participants` pages stay connected; board clock vs phone."""
    with tempfile.TemporaryDirectory() as d:
        env, code, _ = _setup(Path(d))
        s = Server(serve.notebooks_dir() / "public", "participant.ipynb", env)
        lags = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                board = browser.new_page()
                board.goto(f"{s.url}voila/render/board.ipynb?code={code}", timeout=TIMEOUT_MS)
                board.get_by_text("Deltagere: 0").wait_for(timeout=TIMEOUT_MS)
                board.evaluate("""() => { window.seen = {};
                    new MutationObserver(() => {
                      const m = document.body.innerText.match(/Deltagere: (\\d+)/);
                      if (m && !(m[1] in window.seen)) window.seen[m[1]] = Date.now();
                    }).observe(document.body, {subtree: true, childList: true,
                                               characterData: true}); }""")
                pages = []
                for i in range(participants):
                    page = browser.new_context().new_page()
                    page.goto(f"{s.url}?code={code}", timeout=TIMEOUT_MS)
                    page.get_by_placeholder("Dit navn").fill(f"Deltager {i}", timeout=TIMEOUT_MS)
                    page.get_by_role("button", name="Civilsamfund").click()
                    t_click = page.evaluate("Date.now()")
                    page.get_by_role("button", name="Deltag", exact=True).click()
                    board.wait_for_function(f"() => '{i + 1}' in window.seen",
                                            timeout=TIMEOUT_MS)
                    lags.append((board.evaluate(f"window.seen['{i + 1}']") - t_click) / 1000)
                    pages.append(page)
                kernels = s.kernels()
                rss = sum(k.memory_info().rss for k in kernels) / 2**20
                browser.close()
        finally:
            s.stop()
    lags_sorted = sorted(lags)
    p95 = lags_sorted[min(len(lags) - 1, int(round(0.95 * (len(lags) - 1))))]
    return {"participants_connected": participants, "kernels": len(kernels),
            "sum_kernel_rss_mib": round(rss), "lag_p50_s": round(statistics.median(lags), 3),
            "lag_p95_s": round(p95, 3), "lag_max_s": round(max(lags), 3),
            "lags_s": [round(x, 3) for x in lags], "poll_interval_s": 0.4}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", nargs="?", default="all", choices=["tti", "mem", "latency", "all"])
    ap.add_argument("--runs", type=int, default=6)
    ap.add_argument("--participants", type=int, default=30)
    a = ap.parse_args()
    todo = ["tti", "mem", "latency"] if a.what == "all" else [a.what]
    for what in todo:
        res = {"tti": lambda: bench_tti(a.runs), "mem": bench_mem,
               "latency": lambda: bench_latency(a.participants)}[what]()
        save(what, res)
        short = {k: v for k, v in res.items() if k not in ("all_s", "lags_s")}
        print(what, json.dumps(short), flush=True)


if __name__ == "__main__":
    main()
