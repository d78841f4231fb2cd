"""What a phone costs through a whole workshop, each figure against a floor from the same run.

One participant Voilà server (`kit serve`'s settings, no preheated kernels) holds two
workshops: A, with `--phones` real phone pages in Chromium and `--participants` people
simulated through the Python API (the same store calls a phone's kernel makes), and B, with
the same simulated people and notes but no phones. A second Voilà server runs a bare
ipywidgets page. The facilitator (the handle `create_workshop` returns) walks A through
timeline → ideas → themes → voting → groups; the real phones act in each step through their
pages (a card, a note, three dots, three preferences) and the simulated people through the API.

  (1) memory      each phone's kernel RSS and USS at join and at the end of the workshop
                  (and after each step) vs the bare ipywidgets kernel at the same moments.
  (2) bytes       websocket bytes each phone page receives during a burst of `--notes` notes
                  written by simulated people in the ideas step, per note; floor: the bytes
                  received in a quiet window of the same length (nothing written anywhere).
  (3) CPU         user+system seconds of the Voilà process and all its kernels during that
                  burst, per note; floors: the same burst on B's board (no phones) and the
                  quiet window. The phones' kernels are also read on their own.
  (4) board lag   from a note's commit until the board page shows its text (a
                  MutationObserver stamps each note's marker), p50/p95, one note every
                  `--idle-interval` s and `--notes` notes in `--burst-seconds` s (text in
                  the board's page, whichever of its pages the board's pager shows); floor: B's
                  board on the same server, measured in turns with A's (B A, A B, …) while
                  A's phones stay connected (so both pay the same idle pages; only A's
                  phones hear the notes).

Widget counts inside a phone kernel are not reachable from outside (a unit test covers them).

Usage: python bench/phone_cost.py [--phones 4] [--participants 110] [--notes 100]
       [--idle-notes 20] [--idle-interval 0.5] [--burst-seconds 2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
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
from run import ARGS, CHROMIUM, Server, _setup, cpu_seconds  # noqa: E402

import kit  # noqa: E402
from kit import errors, serve  # noqa: E402
from kit.core.text import similarity  # noqa: E402

LOAD_MS = 120_000    # a page and its kernel starting on a busy 2-core machine
FOLLOW_MS = 60_000   # a page following a change
SETTLE_S = 3.0       # after the board shows the last note: late frames, late redraws
MIB = 2**20
SECTORS = ("kommune", "civilsamfund", "flygtning")
BARE_SETTLE_S = 5.0

# Notes are random words (so no two fold into one "×N" note on the board) and a marker the
# board is watched for; digits are not words to the kit's similarity, so markers never match.
VOCABULARY = """
sprog bolig arbejde skole børn forældre netværk frivillig kommune forening tolk læge
sundhed praktik job cykel bibliotek idræt fodbold svømning musik madlavning køkken
møbler lejlighed transport bus kørekort uddannelse danskundervisning lektiehjælp
mentor venskab familie ensomhed kvinder mænd unge ældre trivsel psykolog traume
vejledning sagsbehandler brev digital borger pas opholdstilladelse bank budget økonomi
fritid klub spejder kirke moske kultur festival nabo boligsocial have natur tur
skov strand vinter tøj indsamling genbrug værksted cafe sprogcafe samtale kursus
netværksmøde erhverv virksomhed mesterlære løntilskud ordblind computer telefon app
information plakat hjemmeside oversættelse kalender mødested sekretariat koordinator
tovholder kontaktperson besøg hjemmebesøg modtagelse ankomst introduktion rundvisning
""".split()

WATCH = """() => { window.seen = {};
  const scan = () => { const now = Date.now();
    for (const m of document.body.textContent.matchAll(/\\[(\\d{5})\\]/g))
      if (!(m[1] in window.seen)) window.seen[m[1]] = now; };
  scan();
  new MutationObserver(scan).observe(document.body, {subtree: true, childList: true,
                                                     characterData: true}); }"""


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(q * (len(s) - 1))))], 3) if s else float("nan")


def retry(action, tries: int = 8):
    """A store call, again after a short pause when SQLite is busy."""
    for attempt in range(tries):
        try:
            return action()
        except errors.StoreBusy:
            if attempt == tries - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


class Notes:
    """Note texts with unique markers ([00042]) across both workshops."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.next = 0
        self.made: list[str] = []

    def _text(self) -> str:
        """Six random words, not near-identical to any note made before."""
        while True:
            text = " ".join(self.rng.sample(VOCABULARY, 6)).capitalize()
            if all(similarity(text, old) < 0.6 for old in self.made):
                self.made.append(text)
                return text

    def make(self, count: int) -> list[tuple[str, str]]:
        out = []
        for _ in range(count):
            marker = f"{self.next:05d}"
            self.next += 1
            out.append((marker, f"{self._text()} [{marker}]"))
        return out


# -- processes -----------------------------------------------------------------------------
def memory(proc: psutil.Process) -> dict:
    full = proc.memory_full_info()  # PSS counts shared pages once: what a forked kernel costs
    return {"rss_mib": round(full.rss / MIB, 1), "uss_mib": round(full.uss / MIB, 1),
            "pss_mib": round(full.pss / MIB, 1)}


def libraries(proc: psutil.Process) -> set[str]:
    """The shared objects a process has mapped (an import of numpy or pandas shows here)."""
    return {Path(m.path).name for m in proc.memory_maps() if ".so" in m.path}



def server_tree(server: Server) -> list[psutil.Process]:
    """The Voilà process and everything it started (its kernels)."""
    root = psutil.Process(server.proc.pid)
    return [root, *root.children(recursive=True)]


def new_kernel(server: Server, before: set[int], timeout: float = 60) -> psutil.Process:
    """The kernel that appeared since `before` (pids) was read."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fresh = [k for k in server.kernels() if k.pid not in before]
        if fresh:
            return fresh[0]
        time.sleep(0.2)
    raise SystemExit("no new kernel appeared")


# -- pages ---------------------------------------------------------------------------------
class Phone:
    """A phone-sized page joined to a workshop, with its kernel and a websocket byte count."""

    def __init__(self, browser, server: Server, code: str, name: str) -> None:
        self.name = name
        self.received = 0
        self.context = browser.new_context(viewport={"width": 390, "height": 844})
        self.page = self.context.new_page()
        self.page.set_default_timeout(LOAD_MS)
        self.page.on("websocket", self._watch)
        before = {k.pid for k in server.kernels()}
        self.page.goto(f"{server.url}?code={code}")
        self.page.get_by_placeholder("Dit navn").fill(name)
        self.page.get_by_role("button", name="Civilsamfund").click()
        self.page.get_by_placeholder("Forening eller afdeling").first.fill(f"Forening {name}")
        self.page.get_by_role("button", name="Deltag", exact=True).click()
        self.page.get_by_text("Din kode til at komme tilbage").wait_for()
        self.kernel = new_kernel(server, before)

    def _watch(self, ws) -> None:
        ws.on("framereceived", self._count)

    def _count(self, payload) -> None:
        self.received += len(payload.encode() if isinstance(payload, str) else payload)

    def js_heap_mib(self) -> float:
        used = self.page.evaluate("() => (performance.memory || {}).usedJSHeapSize || 0")
        return round(used / MIB, 1)

    # the phone's own part in each step, through its page
    def write_card(self, title: str) -> None:
        self.page.get_by_placeholder("Fx sprogcafé, modtagesamtale").fill(title)
        self.page.get_by_role("button", name="Sæt kort på tidslinjen").click()
        self.page.get_by_text("Kortet er sat op.").wait_for(timeout=FOLLOW_MS)

    def write_note(self, text: str) -> None:
        self.page.get_by_placeholder("Én idé pr. note – højst 280 tegn").fill(text)
        self.page.get_by_role("button", name="Sæt noten op").click()
        self.page.get_by_text("Noten er sat op.").wait_for(timeout=FOLLOW_MS)

    def place_dots(self, budget: int) -> None:
        self.page.get_by_text(f"Du har {budget} af {budget} prikker tilbage").wait_for(
            timeout=FOLLOW_MS)
        for left in range(budget - 1, -1, -1):
            self.page.get_by_role("button", name="+ prik").first.click()
            self.page.get_by_text(f"Du har {left} af {budget} prikker tilbage").wait_for(
                timeout=FOLLOW_MS)

    def give_preferences(self) -> None:
        self.page.get_by_text("Hvilke arbejdsgrupper vil du helst være med i?").wait_for(
            timeout=FOLLOW_MS)
        for n, label in enumerate(("1. ønske", "2. ønske", "3. ønske")):
            self.page.locator(".kit-theme-box select").nth(n).select_option(label=label)
        self.page.get_by_role("button", name="Gem mine ønsker").click()
        self.page.get_by_text("Dine ønsker er gemt").wait_for(timeout=FOLLOW_MS)

    def close(self) -> None:
        self.context.close()


def open_board(browser, server: Server, code: str):
    before = {k.pid for k in server.kernels()}
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(LOAD_MS)
    page.goto(f"{server.url}voila/render/board.ipynb?code={code}")
    page.get_by_text("Deltagere: 0").wait_for()
    page.evaluate(WATCH)
    return page, new_kernel(server, before)


def open_bare(browser, server: Server):
    before = {k.pid for k in server.kernels()}
    page = browser.new_page()
    page.goto(server.url, timeout=LOAD_MS)
    page.get_by_placeholder("name").fill("x", timeout=LOAD_MS)
    page.get_by_role("button", name="Go").click()
    return page, new_kernel(server, before)


# -- notes written while boards watch -------------------------------------------------------
def write_notes(url: str, code: str, people: list, notes: list[tuple[str, str]],
                interval: float, stamps: dict) -> None:
    """In a thread: each note by the next simulated person, one every `interval` s;
    `stamps[marker]` is the time its commit returned."""
    w = kit.open_store(url).workshop(code)
    t0 = time.time()
    for n, (marker, text) in enumerate(notes):
        delay = t0 + n * interval - time.time()
        if delay > 0:
            time.sleep(delay)
        person = people[n % len(people)]
        retry(lambda p=person, x=text: w.ideas.add_idea(p, x))
        stamps[marker] = time.time()


def note_window(board, url: str, code: str, people: list, notes: list[tuple[str, str]],
                interval: float, meters: dict | None = None) -> dict:
    """Write `notes` and wait until `board` shows them all: the board lag of each, and (with
    `meters`) what the window from the first note until SETTLE_S after the last shown cost."""
    stamps: dict[str, float] = {}
    start = read(meters or {})
    t0 = time.time()
    writer = threading.Thread(target=write_notes, args=(url, code, people, notes, interval,
                                                        stamps), daemon=True)
    writer.start()
    markers = [m for m, _ in notes]
    board.wait_for_function("ms => ms.every(m => m in window.seen)", arg=markers,
                            polling=100, timeout=FOLLOW_MS + 1000 * interval * len(notes))
    writer.join(FOLLOW_MS / 1000)
    board.wait_for_timeout(SETTLE_S * 1000)  # also lets Playwright deliver late frames
    seen = board.evaluate("ms => ms.map(m => window.seen[m])", markers)
    return {"lags": [s / 1000 - stamps[m] for m, s in zip(markers, seen, strict=True)],
            "window_s": time.time() - t0, "cost": since(meters or {}, start)}


def lag_summary(windows: list[dict]) -> dict:
    lags = [x for w in windows for x in w["lags"]]
    return {"notes": len(lags), "lag_p50_s": pct(lags, 0.5), "lag_p95_s": pct(lags, 0.95),
            "lag_max_s": round(max(lags), 3),
            "windows_s": [round(w["window_s"], 1) for w in windows]}


def total(costs: list[dict[str, float]]) -> dict[str, float]:
    return {name: sum(c[name] for c in costs) for name in costs[0]}


def read(meters: dict) -> dict[str, float]:
    return {name: meter() for name, meter in meters.items()}


def since(meters: dict, start: dict[str, float]) -> dict[str, float]:
    return {name: meter() - start[name] for name, meter in meters.items()}


def quiet_window(page, seconds: float, meters: dict) -> dict[str, float]:
    page.evaluate("1")  # deliver frames received so far before reading the meters
    start = read(meters)
    page.wait_for_timeout(seconds * 1000)
    return since(meters, start)


# -- the workshop ---------------------------------------------------------------------------
def join_all(w, count: int, prefix: str) -> list:
    return [retry(lambda n=n: w.join(f"{prefix} {n}", SECTORS[n % 3])) for n in range(count)]


def phones_memory(phones: list[Phone], bare: psutil.Process) -> dict:
    out = {"phones": [memory(p.kernel) for p in phones], "bare": memory(bare)}
    for key in ("rss_mib", "uss_mib", "pss_mib"):
        mean = statistics.mean(m[key] for m in out["phones"])
        out[f"phone_mean_{key}"] = round(mean, 1)
        out[f"ratio_{key.split('_')[0]}"] = round(mean / out["bare"][key], 3)
    return out


def board_memory(board: psutil.Process, bare: psutil.Process) -> dict:
    mine, floor = memory(board), memory(bare)
    return {**mine, "bare": floor,
            "ratio_rss": round(mine["rss_mib"] / floor["rss_mib"], 3),
            "ratio_uss": round(mine["uss_mib"] / floor["uss_mib"], 3)}


def run(a: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as d:
        env, _, bare_dir = _setup(Path(d))
        url = env["KIT_DATABASE_URL"]
        store = kit.open_store(url)
        fac_a = store.create_workshop("Telefonens pris", "Bakkeby")
        fac_b = store.create_workshop("Gulv uden telefoner", "Bakkeby")
        sim_a = kit.open_store(url).workshop(fac_a.code)
        sim_b = kit.open_store(url).workshop(fac_b.code)
        texts = Notes()
        result: dict = {"phones": a.phones, "fork_kernels": a.fork_kernels,
                        "participants_simulated": a.participants,
                        "burst_notes": a.notes, "burst_seconds": a.burst_seconds,
                        "idle_notes": a.idle_notes, "idle_interval_s": a.idle_interval,
                        "rounds": a.rounds, "load_average_at_start": os.getloadavg(),
                        "poll_interval_s": float(env["KIT_POLL_INTERVAL"]), "steps": {}}
        t_start = time.time()
        servers = [Server(serve.notebooks_dir() / "public", "participant.ipynb", env,
                          fork_kernels=bool(a.fork_kernels))]
        phones: list[Phone] = []
        try:
            servers.append(Server(bare_dir, "bare.ipynb", env))
            server = servers[0]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                _bare_page, bare = open_bare(browser, servers[1])
                board_a, board_a_kernel = open_board(browser, server, fac_a.code)
                board_b, board_b_kernel = open_board(browser, server, fac_b.code)
                for n in range(a.phones):
                    phones.append(Phone(browser, server, fac_a.code, f"Telefon {n}"))
                time.sleep(BARE_SETTLE_S)
                result["at_join"] = phones_memory(phones, bare)
                result["at_join"]["js_heap_mib"] = [ph.js_heap_mib() for ph in phones]
                result["at_join"]["board"] = board_memory(board_a_kernel, bare)
                libs_at_join = libraries(phones[0].kernel)
                print("at join", json.dumps(result["at_join"]), flush=True)

                def step_done(step: str) -> None:
                    mem = phones_memory(phones, bare)
                    received = statistics.mean(ph.received for ph in phones)
                    result["steps"][step] = {"phone_mean_rss_mib": mem["phone_mean_rss_mib"],
                                             "bare_rss_mib": mem["bare"]["rss_mib"],
                                             "board_rss_mib": memory(board_a_kernel)["rss_mib"],
                                             "phone_received_kib": round(received / 1024),
                                             "at_s": round(time.time() - t_start)}
                    print(step, json.dumps(result["steps"][step]), flush=True)

                people_a = join_all(sim_a, a.participants, "Simuleret")
                people_b = join_all(sim_b, a.participants, "Gulv")
                step_done("joined")

                # timeline: a card from every phone (its page) and every simulated person
                fac_a.set_phase("timeline")
                for n, ph in enumerate(phones):
                    ph.write_card(f"Lektiecafé nummer {n}")
                for n, person in enumerate(people_a):
                    retry(lambda n=n, person=person: sim_a.timeline.add_card(
                        person, f"Aktivitet {n}", f"Forening {n % 17}", "bolig", n % 8,
                        8 + n % 8))
                # the facilitator opens the review: the board shows the findings (the
                # analysis is the board kernel's heaviest work) until the next step
                fac_a.timeline.set_review_open(True)
                time.sleep(SETTLE_S)
                step_done("timeline")

                # ideas: a note from every phone and every simulated person (in A and B)
                for fac in (fac_a, fac_b):
                    fac.set_phase("ideas")
                for ph, (_, text) in zip(phones, texts.make(len(phones)), strict=True):
                    ph.write_note(text)
                for w, people in ((sim_a, people_a), (sim_b, people_b)):
                    for person, (_, text) in zip(people, texts.make(len(people)), strict=True):
                        retry(lambda w=w, person=person, text=text: w.ideas.add_idea(person, text))
                time.sleep(SETTLE_S)
                result.update(measure_notes(
                    a, url, (board_a, fac_a.code, people_a, board_a_kernel),
                    (board_b, fac_b.code, people_b, board_b_kernel), server, phones, texts))
                step_done("ideas")

                # themes: the notes in six themes, all candidates for the vote
                fac_a.set_phase("themes")
                ideas = fac_a.ideas()
                themes = fac_a.ideas.apply_themes(
                    [(f"Tema {k}", [i.id for i in ideas[k::6]]) for k in range(6)])
                for th in themes:
                    fac_a.ideas.select_theme(th.id)
                time.sleep(SETTLE_S)
                step_done("themes")

                # voting: three dots each
                fac_a.voting.configure_voting(dots_per_participant=3)
                fac_a.set_phase("voting")
                fac_a.voting.open_voting()
                ids = [th.id for th in themes]
                for n, person in enumerate(people_a):
                    for k in range(3):
                        retry(lambda n=n, k=k, person=person: sim_a.voting.vote(
                            person, ids[(n + k) % len(ids)]))
                for ph in phones:
                    ph.place_dots(3)
                step_done("voting")

                # groups: preferences, then the facilitator forms and confirms the groups
                chosen = ids[:5]
                fac_a.voting.choose_themes(chosen)
                fac_a.set_phase("groups")
                fac_a.groups.configure_groups(1, a.participants + a.phones)
                for n, person in enumerate(people_a):
                    retry(lambda n=n, person=person: sim_a.groups.set_preferences(
                        person, {chosen[(n + k) % len(chosen)]: k + 1 for k in range(3)}))
                for ph in phones:
                    ph.give_preferences()
                fac_a.groups.form_groups()
                fac_a.groups.confirm_groups()
                for ph in phones:
                    ph.page.get_by_text("Din arbejdsgruppe").first.wait_for(timeout=FOLLOW_MS)
                time.sleep(BARE_SETTLE_S)
                step_done("groups")

                result["at_end"] = phones_memory(phones, bare)
                result["at_end"]["js_heap_mib"] = [ph.js_heap_mib() for ph in phones]
                result["at_end"]["board"] = board_memory(board_a_kernel, bare)
                result["at_end"]["received_bytes_per_phone"] = [ph.received for ph in phones]
                result["at_end"]["libraries_since_join"] = sorted(
                    libraries(phones[0].kernel) - libs_at_join)
                print("at end", json.dumps(result["at_end"]), flush=True)
                browser.close()
        finally:
            for s in servers:
                s.stop()
        result["run_s"] = round(time.time() - t_start)
        result["load_average_at_end"] = os.getloadavg()
    return result


def measure_notes(a: argparse.Namespace, url: str, board_a: tuple, board_b: tuple,
                  server: Server, phones: list[Phone], texts: Notes) -> dict:
    """Board lag idle and in a burst on A's board and B's (no phones), in `--rounds` rounds
    ordered B A, A B, … so that drift in the machine's load hits both alike; the CPU and
    bytes of A's bursts against B's and against a quiet window as long as each A burst.
    `board_a`, `board_b`: (page, workshop code, simulated people, board kernel)."""
    sides = {"a": board_a, "b": board_b}
    meters = {"server": lambda: cpu_seconds(server_tree(server)),
              "voila": lambda: cpu_seconds(server_tree(server)[:1]),
              "board_a": lambda: cpu_seconds([board_a[3]]),
              "board_b": lambda: cpu_seconds([board_b[3]]),
              "phones": lambda: cpu_seconds([ph.kernel for ph in phones]),
              "bytes": lambda: float(sum(ph.received for ph in phones))}
    idle: dict[str, list] = {"a": [], "b": []}
    burst: dict[str, list] = {"a": [], "b": []}
    quiet = []
    for r in range(a.rounds):
        order = "ba" if r % 2 == 0 else "ab"
        for side in order:
            page, code, people, _ = sides[side]
            idle[side].append(note_window(page, url, code, people, texts.make(a.idle_notes),
                                          a.idle_interval))
        for side in order:
            page, code, people, _ = sides[side]
            burst[side].append(note_window(page, url, code, people, texts.make(a.notes),
                                           a.burst_seconds / a.notes, meters))
        quiet.append(quiet_window(board_a[0], burst["a"][-1]["window_s"], meters))
    k, n = a.notes * a.rounds, len(phones)

    def per_note(cost: dict[str, float]) -> dict:
        return {"server_cpu_ms": round(1000 * cost["server"] / k, 2),
                "voila_process_cpu_ms": round(1000 * cost["voila"] / k, 2),
                "board_kernel_a_cpu_ms": round(1000 * cost["board_a"] / k, 2),
                "board_kernel_b_cpu_ms": round(1000 * cost["board_b"] / k, 2),
                "phone_kernels_cpu_ms_per_phone": round(1000 * cost["phones"] / k / n, 3),
                "bytes_per_phone": round(cost["bytes"] / k / n)}

    with_phones = per_note(total([w["cost"] for w in burst["a"]]))
    no_phones = per_note(total([w["cost"] for w in burst["b"]]))
    quiet_cost = per_note(total(quiet))
    lag = {}
    for kind, windows in (("idle", idle), ("burst", burst)):
        mine, floor = lag_summary(windows["a"]), lag_summary(windows["b"])
        lag[kind] = {"phones": mine, "floor_no_phones": floor,
                     "ratio_p95": round(mine["lag_p95_s"] / floor["lag_p95_s"], 2)}
    return {
        "board_lag": lag,
        "per_note": {"burst_with_phones": with_phones, "burst_without_phones": no_phones,
                     "quiet_window": quiet_cost,
                     "net_bytes_per_phone": (with_phones["bytes_per_phone"] -
                                             quiet_cost["bytes_per_phone"]),
                     "net_phone_kernel_cpu_ms_per_phone": round(
                         with_phones["phone_kernels_cpu_ms_per_phone"] -
                         quiet_cost["phone_kernels_cpu_ms_per_phone"], 3),
                     "ratio_server_cpu_vs_no_phones": round(
                         with_phones["server_cpu_ms"] / no_phones["server_cpu_ms"], 2),
                     "ratio_server_cpu_vs_quiet": round(
                         with_phones["server_cpu_ms"] / max(quiet_cost["server_cpu_ms"], 1e-3),
                         2)},
    }


# -- the table ------------------------------------------------------------------------------
def table(r: dict) -> list[tuple[str, str, str]]:
    j, e = r["at_join"], r["at_end"]
    pn, lag = r["per_note"], r["board_lag"]
    out = []
    for label, m in (("at join", j), ("at the end", e)):
        out.append((f"phone kernel {label} (mean of {r['phones']})",
                    f"RSS {m['phone_mean_rss_mib']} MiB, USS {m['phone_mean_uss_mib']} MiB",
                    f"bare {m['bare']['rss_mib']} / {m['bare']['uss_mib']} MiB → "
                    f"×{m['ratio_rss']} / ×{m['ratio_uss']} (target ≤ 1.15)"))
    for label, m in (("at join", j["board"]), ("at the end", e["board"])):
        out.append((f"board kernel {label}",
                    f"RSS {m['rss_mib']} MiB, USS {m['uss_mib']} MiB",
                    f"bare {m['bare']['rss_mib']} / {m['bare']['uss_mib']} MiB → "
                    f"×{m['ratio_rss']} / ×{m['ratio_uss']} (target ≤ 1.3)"))
    b, q, f = pn["burst_with_phones"], pn["quiet_window"], pn["burst_without_phones"]
    out.append(("bytes to a phone per note by someone else",
                f"{b['bytes_per_phone']} B ({pn['net_bytes_per_phone']} B above quiet)",
                f"quiet window {q['bytes_per_phone']} B (target ≤ 1 KB)"))
    out.append(("server CPU per note (Voilà + kernels)", f"{b['server_cpu_ms']} ms",
                f"no phones {f['server_cpu_ms']} ms → ×{pn['ratio_server_cpu_vs_no_phones']};"
                f" quiet window {q['server_cpu_ms']} ms"))
    out.append(("… of which the Voilà process, the board",
                f"{b['voila_process_cpu_ms']} ms, {b['board_kernel_a_cpu_ms']} ms",
                f"no phones {f['voila_process_cpu_ms']} ms, {f['board_kernel_b_cpu_ms']} ms"))
    out.append(("… and each phone kernel", f"{b['phone_kernels_cpu_ms_per_phone']} ms",
                f"quiet window {q['phone_kernels_cpu_ms_per_phone']} ms"))
    for kind, what in (("idle", f"one note per {r['idle_interval_s']} s"),
                       ("burst", f"{r['burst_notes']} notes in {r['burst_seconds']} s")):
        x = lag[kind]
        out.append((f"board lag, {what}, {r['phones']} phones",
                    f"p50 {x['phones']['lag_p50_s']} s, p95 {x['phones']['lag_p95_s']} s",
                    f"board without phones p50 {x['floor_no_phones']['lag_p50_s']} s, p95 "
                    f"{x['floor_no_phones']['lag_p95_s']} s → ×{x['ratio_p95']} "
                    f"(target ≤ 1.2)"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--phones", type=int, default=4)
    ap.add_argument("--fork-kernels", type=int, default=0,
                    help="1 = the phones' kernels forked from a warm parent (kit serve's "
                         "default); the bare floor stays an ordinary kernel")
    ap.add_argument("--participants", type=int, default=110)
    ap.add_argument("--notes", type=int, default=100, help="notes in the burst")
    ap.add_argument("--burst-seconds", type=float, default=2.0)
    ap.add_argument("--idle-notes", type=int, default=20)
    ap.add_argument("--idle-interval", type=float, default=0.5)
    ap.add_argument("--rounds", type=int, default=2,
                    help="lag windows per board, alternating which board goes first")
    a = ap.parse_args()
    result = run(a)
    save("phone_cost", result)
    width = max(len(w) for w, _, _ in table(result))
    for what, measured, floor in table(result):
        print(f"{what:<{width}}  {measured}  |  {floor}")
    print(f"full run {result['run_s']} s; load average at start {result['load_average_at_start']}"
          f", at end {result['load_average_at_end']} (wall-clock lags suffer, CPU seconds less)",
          flush=True)


if __name__ == "__main__":
    main()
