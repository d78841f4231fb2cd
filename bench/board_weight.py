"""The board's weight through a whole workshop: what its process loads and holds, and what a
card costs it with the timeline review open. A pure-Python proxy for the board's kernel (the
real kernels are measured in bench/phone_cost.py, in a browser): a process that imports what
a kernel imports (ipykernel, IPython, ipywidgets) and runs the board app on the store, driven
step by step while this process writes the workshop as the room would (and forms the groups,
with scipy, here, as the facilitator's kernel does).

Floor, in the same run: the same process without the board (the kernel's own imports only).
Figures: RSS and USS of the board's process at the start and at its largest through the
workshop, the ratio to the floor, the heavy modules it loaded, and the CPU seconds of the
board's refresh after one more card, review open vs closed (the floor for that figure).

Usage: python bench/board_weight.py [--participants 150] [--kit-root PATH]
(--kit-root: measure the board of another checkout, e.g. the code before a change.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _results import save  # noqa: E402

import kit  # noqa: E402
from kit.model import Phase  # noqa: E402

HEAVY = ("pandas", "numpy", "scipy", "sklearn", "matplotlib", "openpyxl", "docx", "alembic",
         "snowballstemmer")

PROCESS = textwrap.dedent("""
    import json, sys, time
    import ipykernel.ipkernel, IPython, ipywidgets

    def memory():
        out = {}
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS"):
                out["rss_mib"] = int(line.split()[1]) / 1024
        try:
            private = 0
            for line in open("/proc/self/smaps_rollup"):
                if line.startswith(("Private_Clean", "Private_Dirty")):
                    private += int(line.split()[1])
            out["uss_mib"] = private / 1024
        except OSError:
            pass
        return out

    board = None
    if sys.argv[1] != "bare":
        import kit
        from kit.ui.board import BoardApp
        board = BoardApp(kit.open_store(sys.argv[1]), sys.argv[2], "http://x/")
    HEAVY = %r
    for line in sys.stdin:
        t0 = time.process_time()
        if board is not None:
            board.live.poll()
        cpu = time.process_time() - t0
        print(json.dumps({**memory(), "cpu_s": cpu,
                          "heavy": [m for m in HEAVY if m in sys.modules]}), flush=True)
""") % (HEAVY,)


class Process:
    def __init__(self, args: list[str], root: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(root)}
        # cwd: `python -c` looks first in its working directory, which must not hold a kit.
        self.p = subprocess.Popen([sys.executable, "-c", PROCESS, *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, env=env, cwd=root)

    def look(self) -> dict:
        assert self.p.stdin is not None and self.p.stdout is not None
        self.p.stdin.write("poll\n")
        self.p.stdin.flush()
        return json.loads(self.p.stdout.readline())

    def close(self) -> None:
        assert self.p.stdin is not None
        self.p.stdin.close()
        self.p.wait(timeout=60)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=150)
    ap.add_argument("--kit-root", type=Path, default=HERE.parent)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="kit-board-weight-")
    url = f"sqlite:///{tmp}/kit.sqlite"
    store = kit.open_store(url)  # created and migrated here, as `kit serve` does
    w = store.create_workshop("Vægt", "Bakkeby")
    bare = Process(["bare"], a.kit_root)
    board = Process([url, w.code], a.kit_root)
    steps: dict[str, dict] = {"start": board.look()}
    floor = bare.look()

    people = [w.join(f"P{n}", ("kommune", "civilsamfund", "flygtning")[n % 3])
              for n in range(a.participants)]
    w.set_phase(Phase.TIMELINE)
    for n, p in enumerate(people):
        for k in range(2):
            w.timeline.add_card(p, f"Opgave {n % 40} {('sprog', 'bolig')[k]}", f"Aktør {n % 30}",
                                category=("sprog", "bolig", "arbejde")[(n + k) % 3],
                                start_week=(n + 3 * k) % 20, end_week=(n + 3 * k) % 20 + 4)
    steps["timeline"] = board.look()

    def one_card(n: int) -> float:
        w.timeline.add_card(None, f"Sprogcafé {n}", "Biblioteket", "sprog", 1, 5,
                            sector="civilsamfund")
        return float(board.look()["cpu_s"])

    closed = [one_card(n) for n in range(5)]
    w.timeline.set_review_open(True)
    steps["review_open"] = board.look()
    opened = [one_card(n) for n in range(5, 10)]
    steps["review_cards"] = board.look()
    w.set_phase(Phase.IDEAS)
    for n, p in enumerate(people):
        w.ideas.add_idea(p, f"Flere sprogvenner {n % 7}", "behov")
        w.ideas.add_idea(p, f"Hjælp til bolig nummer {n}", "udfordring")
    steps["ideas"] = board.look()
    w.set_phase(Phase.THEMES)
    ideas = w.ideas()
    size = len(ideas) // 8 + 1
    w.ideas.apply_themes([(f"Tema {k}", [i.id for i in ideas[k * size:(k + 1) * size]])
                          for k in range(8)])
    themes = w.ideas.themes()
    for th in themes:
        w.ideas.select_theme(th.id, True)
    steps["themes"] = board.look()
    w.set_phase(Phase.VOTING)
    w.voting.open_voting()
    for n, p in enumerate(people):
        for k in range(3):
            w.voting.vote(p, themes[(n + k) % len(themes)].id)
    w.voting.close_voting()
    w.voting.reveal()
    steps["voting"] = board.look()
    w.voting.choose_themes([th.id for th in themes[:4]])
    w.set_phase(Phase.GROUPS)
    for n, p in enumerate(people):
        w.groups.set_preferences(p, {themes[(n + k) % 4].id: k + 1 for k in range(3)})
    steps["groups"] = board.look()
    w.groups.configure_groups(3, 60)
    w.groups.form_groups()
    w.groups.confirm_groups()
    steps["groups_confirmed"] = board.look()
    w.set_phase(Phase.FOLLOW_UP)
    steps["follow_up"] = board.look()
    cards = len(w.timeline.cards())
    board.close()
    bare.close()
    store.close()

    peak = max(steps.values(), key=lambda s: s["rss_mib"])
    result = {
        "participants": a.participants, "kit_root": str(a.kit_root),
        "floor_kernel_imports": {k: round(v, 1) for k, v in floor.items()
                                 if k.endswith("mib")},
        "board_start": {k: round(v, 1) for k, v in steps["start"].items() if k.endswith("mib")},
        "board_peak": {k: round(v, 1) for k, v in peak.items() if k.endswith("mib")},
        "ratio_rss_peak_vs_floor": round(peak["rss_mib"] / floor["rss_mib"], 2),
        "ratio_rss_start_vs_floor": round(steps["start"]["rss_mib"] / floor["rss_mib"], 2),
        "heavy_modules_at_end": steps["follow_up"]["heavy"],
        "heavy_modules_by_step": {k: s["heavy"] for k, s in steps.items()},
        "rss_mib_by_step": {k: round(s["rss_mib"], 1) for k, s in steps.items()},
        "one_card_refresh_cpu_s": {"review_closed": round(statistics.median(closed), 4),
                                   "review_open": round(statistics.median(opened), 4)},
        "cards": cards,
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    print(json.dumps(result, indent=1))
    if a.kit_root.resolve() == HERE.parent:
        save("board_weight", result)


if __name__ == "__main__":
    main()
