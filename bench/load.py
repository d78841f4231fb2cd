"""A whole workshop with 150 participants against one `kit serve` on this machine.

Real: the participant server, the board page and `--real` participant pages in Chromium
(each its own kernel), which join through the join form and then vote with + buttons.
Simulated: the other participants, run by `--procs` processes that make the same store calls
a participant kernel makes (join, a card, two notes, three dots, three preferences) — a page's
kernel does exactly this, so the store, the change feed and every connected page see the
same load; what is not exercised is their widget rendering.

Measured: every action stored exactly once (counted per participant at the end); the time
from each simulated commit until the board shows it (participants joined, dots placed), with
all real pages connected; the peak memory of all kernels; and, while the real pages join in
waves, the board lag of a probe join against the number of connected pages (where it
degrades). Floor: the same probe with no participant page connected.

Usage: python bench/load.py [--participants 150] [--real 40] [--procs 10] [--wave 10]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _results import save  # noqa: E402
from run import ARGS, CHROMIUM, TIMEOUT_MS, kernels_of  # noqa: E402

import kit  # noqa: E402
from kit import errors, serve

SECTORS = ("kommune", "civilsamfund", "flygtning")
WATCH = """() => { window.seen = {};
  new MutationObserver(() => {
    const t = document.body.innerText;
    for (const [k, re] of [['joined', /Deltagere: (\\d+)/],
                           ['voted', /(\\d+) af \\d+ har stemt/]]) {
      const m = t.match(re);
      if (m && !((k + m[1]) in window.seen)) window.seen[k + m[1]] = Date.now();
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(q * (len(s) - 1))))], 3) if s else float("nan")


def worker(url: str, code: str, first: int, count: int, events, shared, done, out) -> None:
    """Simulated participants first … first+count-1, one workshop step at a time."""
    w = kit.open_store(url).workshop(code)
    people, stamps = [], {"join": [], "vote": []}
    for step in ("join", "cards", "ideas", "vote", "preferences"):
        events[step].wait(900)
        for n in range(first, first + count):
            if step == "join":
                people.append(w.join(f"Simuleret {n}", SECTORS[n % 3]))
                stamps["join"].append(time.time())
            elif step == "cards":
                p = people[n - first]
                w.timeline.add_card(p, f"Aktivitet {n}", f"Forening {n % 17}", "bolig", n % 8,
                                    8 + n % 8)
            elif step == "ideas":
                p = people[n - first]
                w.ideas.add_idea(p, f"Udfordring nummer {n} med sprog og bolig")
                w.ideas.add_idea(p, f"Behov nummer {n} for netværk", "behov")
            elif step == "vote":
                p = people[n - first]
                themes = shared["themes"]
                for k in range(3):
                    for _ in range(5):
                        try:
                            w.voting.vote(p, themes[(n + k) % len(themes)])
                            break
                        except errors.StoreBusy:
                            time.sleep(0.1)
                    if k == 0:
                        stamps["vote"].append(time.time())
            elif step == "preferences":
                p = people[n - first]
                chosen = shared["chosen"]
                w.groups.set_preferences(p, {chosen[(n + k) % len(chosen)]: k + 1
                                             for k in range(3)})
        done.put((step, first))
    out.put(stamps)


def run(participants: int, real: int, procs: int, wave: int, workers: int = 1) -> dict:
    ctx = mp.get_context("spawn")
    manager = ctx.Manager()
    with tempfile.TemporaryDirectory() as d:
        url = f"sqlite:///{Path(d) / 'kit.sqlite'}"
        store = kit.open_store(url)
        w = store.create_workshop("Last", "Bakkeby")
        port, fport = serve.free_port(), serve.free_port()
        public = f"http://127.0.0.1:{port}/"
        servers = serve.start("127.0.0.1", port, "127.0.0.1", fport, url, public, 0.4, 600,
                              preheat=2, log_dir=Path(d), workers=workers)
        voila = servers[1:workers + 1] if workers > 1 else servers[:1]  # [0] is nginx
        peak = {"rss": 0.0, "kernels": 0}
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                try:
                    ks = kernels_of(voila)
                    rss = sum(k.memory_info().rss for k in ks) / 2**20
                except psutil.Error:  # a kernel ended while being read: read again soon
                    time.sleep(0.2)
                    continue
                if rss > peak["rss"]:
                    peak.update(rss=rss, kernels=len(ks))
                time.sleep(1)

        threading.Thread(target=sample, daemon=True).start()
        result: dict = {"participants": participants, "real_pages": real,
                        "simulated": participants - real, "workers": workers}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                board = browser.new_page(viewport={"width": 1400, "height": 900})
                board.goto(f"{public}voila/render/board.ipynb?code={w.code}",
                           timeout=TIMEOUT_MS)
                board.get_by_text("Deltagere: 0").wait_for(timeout=TIMEOUT_MS)
                board.evaluate(WATCH)

                def probe(n_expected: int) -> float:
                    t0 = time.time()
                    w.join(f"Probe {n_expected}", "kommune")
                    board.wait_for_function(f"() => 'joined{n_expected}' in window.seen",
                                            timeout=TIMEOUT_MS)
                    return board.evaluate(f"window.seen['joined{n_expected}']") / 1000 - t0

                joined = 0
                ramp = []
                joined += 1
                ramp.append({"pages": 0, "probe_lag_s": round(probe(joined), 3)})
                phones = []
                while len(phones) < real:
                    n = min(wave, real - len(phones))
                    batch = [browser.new_context().new_page() for _ in range(n)]
                    for page in batch:
                        page.goto(f"{public}?code={w.code}", timeout=TIMEOUT_MS)
                    for i, page in enumerate(batch):
                        page.get_by_placeholder("Dit navn").fill(f"Telefon {len(phones) + i}",
                                                                 timeout=TIMEOUT_MS)
                        page.get_by_role("button", name="Civilsamfund").click()
                        page.get_by_role("button", name="Deltag", exact=True).click()
                    for page in batch:
                        page.get_by_text("Din kode til at komme tilbage").wait_for(
                            timeout=TIMEOUT_MS)
                    phones += batch
                    joined += n + 1
                    ramp.append({"pages": len(phones), "probe_lag_s": round(probe(joined), 3),
                                 "kernels_rss_mib": round(peak["rss"])})
                result["ramp"] = ramp
                result["floor_probe_lag_s"] = ramp[0]["probe_lag_s"]
                # the simulated room, step by step
                shared = manager.dict()
                events = {s: ctx.Event() for s in ("join", "cards", "ideas", "vote",
                                                   "preferences")}
                done, out = ctx.Queue(), ctx.Queue()
                sim = participants - real
                share = [sim // procs + (1 if i < sim % procs else 0) for i in range(procs)]
                firsts = [sum(share[:i]) for i in range(procs)]
                workers = [ctx.Process(target=worker, args=(url, w.code, f, c, events, shared,
                                                            done, out))
                           for f, c in zip(firsts, share, strict=True) if c]
                timings = {}
                base = joined
                for pr in workers:
                    pr.start()
                time.sleep(3)
                for step in ("join", "cards", "ideas", "vote", "preferences"):
                    if step == "cards":
                        w.set_phase("timeline")
                    if step == "ideas":
                        w.set_phase("ideas")
                    if step == "vote":
                        w.set_phase("themes")
                        ids = [w.ideas.add_theme(f"Tema {k}").id for k in range(6)]
                        for t in ids:
                            w.ideas.select_theme(t)
                        w.voting.configure_voting(dots_per_participant=3)
                        w.set_phase("voting")
                        w.voting.open_voting()
                        shared["themes"] = ids
                    if step == "preferences":
                        w.voting.choose_themes(ids[:5])
                        w.set_phase("groups")
                        w.groups.configure_groups(20, 40)
                        shared["chosen"] = ids[:5]
                    t0 = time.time()
                    events[step].set()
                    for _ in workers:
                        done.get(timeout=900)
                    timings[step] = round(time.time() - t0, 2)
                    if step == "vote":
                        # then the real phones vote, with the buttons (after the simulated
                        # votes, so the board's count times those alone)
                        for page in phones:
                            page.get_by_role("button", name="+ prik").first.click()
                        updated = 0
                        for page in phones:
                            try:
                                page.get_by_text("Du har 2 af 3").wait_for(timeout=20_000)
                                updated += 1
                            except Exception:  # noqa: BLE001 - counted, and the store decides
                                pass
                        result["phones_showing_their_dot"] = f"{updated} of {len(phones)}"
                stamps = [out.get(timeout=60) for _ in workers]
                for pr in workers:
                    pr.join(60)
                joins = sorted(x for s in stamps for x in s["join"])
                votes = sorted(x for s in stamps for x in s["vote"])
                board.wait_for_function(f"() => 'joined{base + len(joins)}' in window.seen",
                                        timeout=TIMEOUT_MS)
                seen = board.evaluate("window.seen")

                def shown_at(kind: str, count: int) -> float | None:
                    """When the board first showed `count` or more (it skips counts that
                    arrive within one poll)."""
                    times = [v / 1000 for k, v in seen.items()
                             if k.startswith(kind) and int(k[len(kind):]) >= count]
                    return min(times) if times else None

                join_lags = [at - t for i, t in enumerate(joins)
                             if (at := shown_at("joined", base + i + 1)) is not None]
                result["steps_s"] = timings
                result["board_lag_join_s"] = {"p50": pct(join_lags, 0.5),
                                              "p95": pct(join_lags, 0.95),
                                              "shown": len(join_lags), "of": len(joins)}
                vote_lags = [at - t for i, t in enumerate(votes)
                             if (at := shown_at("voted", i + 1)) is not None]
                result["board_lag_vote_s"] = {"p50": pct(vote_lags, 0.5),
                                              "p95": pct(vote_lags, 0.95),
                                              "voters": len(votes)}
                t0 = time.time()
                w.groups.form_groups()
                result["form_groups_s"] = round(time.time() - t0, 2)
                browser.close()
        finally:
            stop.set()
            serve.stop(servers)
        # exactly once: count per participant in the store
        people = [pp for pp in w.participants() if pp.name.startswith(("Simuleret",
                                                                      "Telefon"))]
        cards = {c.participant_id for c in w.timeline.cards()}
        ideas: dict[str, int] = {}
        for i in w.ideas():
            ideas[i.participant_id] = ideas.get(i.participant_id, 0) + 1
        dots: dict[str, int] = {}
        for v in w.voting.votes():
            dots[v["participant_id"]] = dots.get(v["participant_id"], 0) + v["dots"]
        preferences: dict[str, int] = {}
        for r in w.groups.preferences():
            preferences[r["participant_id"]] = preferences.get(r["participant_id"], 0) + 1
        sim_people = [pp for pp in people if pp.name.startswith("Simuleret")]
        phone_people = [pp for pp in people if pp.name.startswith("Telefon")]
        members = [m for g in w.groups() for m in g.members]
        result["stored"] = {
            "participants": len(people), "expected": participants,
            "simulated_all_once": all(pp.id in cards and ideas.get(pp.id) == 2 and
                                      dots.get(pp.id) == 3 and preferences.get(pp.id) == 3
                                      for pp in sim_people),
            "phones_one_dot_each": all(dots.get(pp.id) == 1 for pp in phone_people),
            "everyone_in_one_group": len(members) == len(set(members)) == len(
                w.participants()),
        }
        result["peak_kernels"] = peak["kernels"]
        result["peak_kernels_rss_mib"] = round(peak["rss"])
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=150)
    ap.add_argument("--real", type=int, default=40)
    ap.add_argument("--procs", type=int, default=10)
    ap.add_argument("--wave", type=int, default=10)
    ap.add_argument("--workers", type=int, default=1,
                    help="participant processes behind nginx (kit serve --workers)")
    a = ap.parse_args()
    result = run(a.participants, a.real, a.procs, a.wave, a.workers)
    save("load" if a.workers == 1 else f"load_workers{a.workers}", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
