"""`make bench`: run every benchmark in bench/ and print one table of ratios, each against
the floor its script measured in the same run; the table is also written to
bench/results/summary.md with the date and the machine.

Usage: python bench/all.py [--quick] [--only NAME ...] [--table-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

from _results import RESULTS, load

HERE = Path(__file__).resolve().parent

RUNS = {  # name: (script arguments, quick arguments)
    "run": (["run.py", "all"], ["run.py", "all", "--runs", "3", "--participants", "10"]),
    "page_weight": (["page_weight.py"],
                    ["page_weight.py", "--joins", "2", "--burst", "20", "--preheat", "4"]),
    "load": (["load.py"], ["load.py", "--participants", "30", "--real", "6", "--procs", "3"]),
    "load_workers2": (["load.py", "--workers", "2"],
                      ["load.py", "--participants", "30", "--real", "6", "--procs", "3",
                       "--workers", "2"]),
    "timeline": (["timeline.py"], ["timeline.py", "--cards", "1000", "--repeat", "1"]),
    "ideas": (["ideas.py"], ["ideas.py"]),
    "suggest_quality": (["suggest_quality.py"], ["suggest_quality.py"]),
    "groups": (["groups.py"], ["groups.py", "--seeds", "1"]),
    "groups_scale": (["groups_scale.py"], ["groups_scale.py", "--seeds", "1"]),
    "friends_match": (["friends_match.py"], ["friends_match.py"]),
    "voting": (["voting.py"], ["voting.py", "--processes", "20"]),
    "board_weight": (["board_weight.py"], ["board_weight.py", "--participants", "30"]),
    "join_cost": (["join_cost.py"], ["join_cost.py", "--pages", "4", "--repeats", "3"]),
    "fork_kernels": (["fork_kernels.py", "--room", "150"],
                     ["fork_kernels.py", "--pages", "6", "--joins", "2"]),
    "phone_cost": (["phone_cost.py"],
                   ["phone_cost.py", "--phones", "2", "--participants", "20", "--notes", "30",
                    "--idle-notes", "6", "--rounds", "1"]),
}


def _waits(burst: dict) -> str:
    w = burst.get("wait_s")
    return f"; each phone waited p50 {w['p50']} s, p95 {w['p95']} s" if w else ""


def rows() -> list[tuple[str, str, str]]:
    """(what, measured, floor and ratio) from the latest results."""
    out = []
    tti, mem, lat = load("tti"), load("mem"), load("latency")
    if tti:
        m = tti["median_s"]
        out.append(("participant page, time to interactive", f"{m['participant']:.2f} s",
                    f"bare Voilà page {m['bare']:.2f} s → ×{tti['ratio_participant_vs_bare']}"))
        out.append(("… from a preheated kernel", f"{m['participant_preheat']:.2f} s",
                    f"×{tti['ratio_preheated_vs_bare']}"))
    if mem:
        out.append(("participant kernel memory (RSS)", f"{mem['participant']['rss_mib']} MiB",
                    f"bare ipywidgets kernel {mem['bare']['rss_mib']} MiB → ×{mem['ratio_rss']}"))
    if lat:
        out.append((f"join → board, {lat['participants_connected']} pages connected",
                    f"p50 {lat['lag_p50_s']} s, p95 {lat['lag_p95_s']} s",
                    f"poll interval {lat['poll_interval_s']} s"))
    pw = load("page_weight")
    if pw:
        plain = pw["plain"]["wire_bytes"] / 1e6
        out.append(("bytes per join (fresh phone), one process, gzip",
                    f"{pw['gzip']['wire_bytes'] / 1e6:.2f} MB",
                    f"uncompressed {plain:.2f} MB → ×{pw['wire_ratio_gzip_vs_plain']}"))
        if "nginx" in pw:
            n = pw["nginx"]
            out.append((f"… through nginx, {pw['workers']} processes",
                        f"{n['wire_bytes'] / 1e6:.2f} MB; {n['from_nginx_cache']} of "
                        f"{n['requests']} responses from nginx's cache",
                        f"×{pw['wire_ratio_nginx_vs_plain']}"))
            out.append(("reload of a joined phone: round trips for scripts",
                        f"nginx: {n['reload_round_trips_304']}",
                        f"one process: {pw['gzip']['reload_round_trips_304']} (ETag checks)"))
        for kind, label in (("burst", "Chromium pages on the same 2 cores"),
                            ("server_burst", "the servers alone (HTTP replay)")):
            floor = pw.get(f"{kind}_gzip")
            if not floor:
                continue
            out.append((f"{floor['pages']} phones opening the page, {label}: one process",
                        f"{floor['until_last_s']} s until the last ({floor['pages_per_s']}/s)"
                        f"{_waits(floor)}", "floor"))
            warm = pw.get(f"{kind}_nginx_preheated", {}).get("preheated")
            for name, what in (("nginx", f"nginx + {pw['workers']} processes"),
                               ("nginx_preheated", f"… each with {warm} warm kernels")):
                b = pw.get(f"{kind}_{name}")
                if b:
                    out.append((f"… {what}",
                                f"{b['until_last_s']} s ({b['pages_per_s']}/s){_waits(b)}",
                                f"×{pw[f'{kind}_ratio_{name}_vs_gzip']}"))
    for name in ("load", "load_workers2"):
        ld = load(name)
        if not ld:
            continue
        ramp = ld["ramp"]
        front = (f", behind nginx, {ld['workers']} processes" if ld.get("workers", 1) > 1
                 else "")
        stored = all(v is True for v in ld["stored"].values() if isinstance(v, bool))
        out.append((f"full workshop, {ld['participants']} participants "
                    f"({ld['real_pages']} real pages){front}",
                    f"stored once: {stored}; board lag joins p95 "
                    f"{ld['board_lag_join_s']['p95']} s, dots p95 "
                    f"{ld['board_lag_vote_s']['p95']} s",
                    f"probe join with no page connected {ld['floor_probe_lag_s']} s, with "
                    f"{ramp[-1]['pages']} pages {ramp[-1]['probe_lag_s']} s; kernels peak "
                    f"{ld['peak_kernels_rss_mib']} MiB"))
    for size in load("timeline").get("sizes", []):
        out.append((f"timeline analysis, {size['cards']:,} cards, all findings (CPU)",
                    f"{size['analyse_all_cpu_s']} s",
                    f"the old analysis {size['old_analyse_cpu_s']} s → "
                    f"×{size['ratio_all_vs_old']}"))
        out.append(("… the 25 of each kind the board shows; one more card on the board",
                    f"{size['board_top25_cpu_s']} s; {size['board_one_more_card_cpu_s']} s",
                    f"×{size['ratio_top25_vs_old']}"))
    fold = load("ideas_folding")
    if fold:
        out.append((f"near-identical notes, {fold['notes']:,} notes: one more note (CPU)",
                    f"{fold['new_note_cpu_s']} s (all from cold {fold['new_fold_cold_cpu_s']} s)",
                    f"the old fold {fold['old_fold_cpu_s']} s → "
                    f"×{fold['ratio_new_note_vs_old']}"))
    bw = load("board_weight")
    if bw:
        heavy = ", ".join(bw["heavy_modules_at_end"]) or "nothing heavy"
        out.append((f"board process through a whole workshop, {bw['participants']} participants "
                    "(proxy: a kernel's imports, no browser)",
                    f"peak {bw['board_peak']['rss_mib']} MiB RSS; loads {heavy}",
                    f"the kernel's imports alone {bw['floor_kernel_imports']['rss_mib']} MiB → "
                    f"×{bw['ratio_rss_peak_vs_floor']}"))
        one = bw["one_card_refresh_cpu_s"]
        out.append((f"board refresh after one more card, {bw['cards']} cards, review open (CPU)",
                    f"{one['review_open']} s",
                    f"review closed {one['review_closed']} s → "
                    f"×{round(one['review_open'] / one['review_closed'], 1)}"))
    ideas = load("ideas")
    if ideas:
        t2 = ideas["time_2000"]
        out.append(("theme suggestion, 2,000 notes, 20 themes", f"{t2['kit_k20_s']} s",
                    f"TF-IDF + k-means {t2['baseline_s']} s → "
                    f"×{t2['ratio_k20_vs_baseline']}"))
        for key, label in (("sample", "sample workshop"), ("capcas", "CAPCAS, real Danish")):
            d = ideas[key]
            out.append((f"theme quality, {label}", f"ARI {d['kit_true_k']['ari']}",
                        f"TF-IDF + k-means ARI {d['baseline_tfidf_kmeans']['ari']}"))
    sq = load("suggest_quality")
    if sq:
        for key, label in (("test", "held-out notes"), ("capcas", "CAPCAS"),
                           ("capcas_heldout", "CAPCAS's held-out half")):
            if key in sq:
                d = sq[key]
                out.append((f"theme quality, {label} ({d['texts']}, {d['true_themes']} themes)",
                            f"ARI {d['kit_true_k']} (choosing k: {d['kit_auto_k']})",
                            f"TF-IDF + k-means ARI {d['baseline_true_k']}"))
        if "test" in sq:
            pl = sq["test"]["placement_half_grouped"]
            out.append(("late notes placed right, held-out notes, half grouped",
                        f"{pl['kit_accuracy']:.0%}", f"TF-IDF nearest centre "
                        f"{pl['baseline_accuracy']:.0%}"))
        if "speed" in sq:
            sp = sq["speed"]
            out.append(("200 late notes into 12 themes", f"{sp['kit_place_200_s']} s",
                        f"TF-IDF nearest centre {sp['baseline_place_200_s']} s → "
                        f"×{sp['ratio_place_vs_baseline']}"))
    gr = load("groups")
    if gr:
        out.append((f"group assignment, {gr['people']} × {gr['groups']}",
                    f"{gr['median_solve_s']} s, optimal: {gr['all_optimal']}",
                    f"greedy ×{gr['time_ratio_to_greedy']}; rank cost "
                    f"×{gr['rank_cost_ratio_to_bound']} of the bound"))
    gs = load("groups_scale")
    for e in gs.get("sizes", []):
        what = f"group assignment, {e['people']:,} × {e['groups']}, {gs['time_limit_s']:g} s limit"
        if "median_solve_s" not in e:
            out.append((what, f"failed: {e['errors'][0]}", ""))
            continue
        out.append((what, f"{e['median_solve_s']} s (CPU {e['median_cpu_s']} s), peak RSS "
                    f"{e['peak_rss_mib']} MiB; optimum proven: {e['all_optimal']}; groups "
                    f"breaking a size: {e['groups_breaking_a_size']}",
                    f"300 × 15 solve {gs['floor_300x15_solve_s']} s → "
                    f"×{e.get('time_ratio_to_300x15')}; idle process "
                    f"{gs['floor_idle_rss_mib']} MiB → ×{e['rss_ratio_to_idle']}"))
    tight = gs.get("tight")
    if tight and "error" not in tight:
        out.append((f"… {tight['people']:,} × {tight['groups']} cut short by a "
                    f"{gs['tight_limit_s']:g} s limit",
                    f"{tight['solve_s']} s; optimum proven: {tight['optimal']}; groups breaking "
                    f"a size: {tight['below_min'] + tight['above_max']}; "
                    f"{', '.join(tight['findings']) or 'no finding'}",
                    f"rank cost ×{tight.get('rank_cost_ratio_to_proven')} of the proven "
                    f"optimum"))
    fm = load("friends_match")
    if fm.get("ratios"):
        m, g, r = fm["match"], fm["greedy"], fm["ratios"]
        out.append((f"friend matching, {fm['waiting']:,} waiting × {fm['volunteers']:,} "
                    "volunteers, 98 municipalities",
                    f"{m['wall_s']} s (CPU {m['cpu_s']} s), peak RSS {m['rss_mib']} MiB; "
                    f"{m['matched']:,} matched, {m['waiting_days']:,} waiting days",
                    f"greedy {g['wall_s']} s → ×{r['time_vs_greedy']} (CPU "
                    f"×{r['cpu_vs_greedy']}); {g['matched']:,} matched → "
                    f"×{r['matched_vs_greedy']}, days ×{r['waiting_days_vs_greedy']}; "
                    f"idle process {fm['floor']['rss_mib']} MiB → ×{r['rss_vs_floor']}"))
        out.append(("… the national gap view (gap, campaign, map, table; 98 municipalities)",
                    f"{m['view_wall_s']} s (CPU {m['view_cpu_s']} s)", "limit 1 s"))
    vo = load("voting")
    if vo:
        c = vo.get("crowd") or next(v for k, v in vo.items() if k.endswith("_processes"))
        out.append((f"dot votes, {vo.get('processes', 50)} processes at once",
                    f"{c['votes_per_s']} votes/s, p95 {c['p95_ms']} ms",
                    f"one process {vo['one_process']['votes_per_s']} votes/s → "
                    f"×{vo['throughput_ratio']}"))
    fk = load("fork_kernels")
    if fk:
        f, o = fk["forked"], fk["ordinary"]
        out.append(("phone kernel forked from a warm parent, after joining (PSS / USS)",
                    f"{f.get('join_kernel_pss_mib', f['kernel_pss_mib'])} / "
                    f"{f.get('join_kernel_uss_mib', f['kernel_uss_mib'])} MiB; "
                    f"{f['cpu_s_per_page']} CPU-s per page",
                    f"ordinary kernel {o.get('join_kernel_pss_mib', o['kernel_pss_mib'])} MiB, "
                    f"{o['cpu_s_per_page']} CPU-s → ×{fk['forked_vs_ordinary_kernel_pss_mib']} "
                    f"/ ×{fk['forked_vs_ordinary_cpu_s_per_page']}"))
        if "room_forked" in fk:
            rf, ro = fk["room_forked"], fk["room_ordinary"]
            out.append((f"… {rf['kernels']} pages, the server's process tree",
                        f"{rf['tree_pss_gib']} GiB, {rf['wall_s']} s",
                        f"ordinary {ro['tree_pss_gib']} GiB, {ro['wall_s']} s → "
                        f"×{round(rf['tree_pss_gib'] / ro['tree_pss_gib'], 2)}"))
    jc = load("join_cost")
    if jc:
        b, o = jc["bare"], jc["participant"]
        out.append(("server CPU per page opened (Voilà + its kernel)",
                    f"Voilà {o['voila_cpu_s']} CPU-s, kernel {o['kernel_cpu_s']} CPU-s",
                    f"bare page {b['voila_cpu_s']} + {b['kernel_cpu_s']} CPU-s → "
                    f"×{jc['ratio_total']}; our imports and form "
                    f"{jc['ours_in_kernel_s']} CPU-s of the kernel's start"))
    pc = load("phone_cost")
    if pc:
        for key, label in (("at_join", "at join"), ("at_end", "at the end of a workshop")):
            m = pc[key]
            out.append((f"phone kernel {label} ({pc['phones']} phones, "
                        f"{pc['participants_simulated']} others)",
                        f"{m['phone_mean_rss_mib']} MiB RSS, {m['phone_mean_uss_mib']} MiB USS",
                        f"bare ipywidgets kernel {m['bare']['rss_mib']} / "
                        f"{m['bare']['uss_mib']} MiB → ×{m['ratio_rss']} / ×{m['ratio_uss']}"))
        if "board" in pc["at_end"]:
            m = pc["at_end"]["board"]
            out.append(("board kernel at the end of a workshop (review opened)",
                        f"{m['rss_mib']} MiB RSS, {m['uss_mib']} MiB USS",
                        f"bare ipywidgets kernel {m['bare']['rss_mib']} / "
                        f"{m['bare']['uss_mib']} MiB → ×{m['ratio_rss']} / ×{m['ratio_uss']}"))
        pn = pc["per_note"]
        b, q = pn["burst_with_phones"], pn["quiet_window"]
        out.append(("bytes to a phone per note written by someone else",
                    f"{b['bytes_per_phone']} B",
                    f"quiet window of the same length {q['bytes_per_phone']} B"))
        out.append(("server CPU per note, Voilà + kernels", f"{b['server_cpu_ms']} ms",
                    f"same burst, board without phones "
                    f"{pn['burst_without_phones']['server_cpu_ms']} ms → "
                    f"×{pn['ratio_server_cpu_vs_no_phones']}; quiet {q['server_cpu_ms']} ms"))
        for kind, what in (("idle", f"one note per {pc['idle_interval_s']} s"),
                           ("burst", f"{pc['burst_notes']} notes in {pc['burst_seconds']} s")):
            x = pc["board_lag"][kind]
            out.append((f"note → board, {what}, {pc['phones']} phones connected",
                        f"p50 {x['phones']['lag_p50_s']} s, p95 {x['phones']['lag_p95_s']} s",
                        f"board without phones p95 {x['floor_no_phones']['lag_p95_s']} s → "
                        f"×{x['ratio_p95']}"))
    return out


def machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo")
                      if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs, a smaller burst")
    ap.add_argument("--only", nargs="*", default=list(RUNS), choices=list(RUNS))
    ap.add_argument("--table-only", action="store_true", help="only print the latest table")
    a = ap.parse_args()
    if not a.table_only:
        for name in a.only:
            args = RUNS[name][1 if a.quick else 0]
            print(f"== {name}", flush=True)
            subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], check=True)
    table = ["| what | measured | floor in the same run |", "|---|---|---|"]
    table += [f"| {w} | {m} | {f} |" for w, m, f in rows()]
    text = (f"Benchmarks of {dt.date.today().isoformat()} on {machine()}.\n\n" +
            "\n".join(table) + "\n")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "summary.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
