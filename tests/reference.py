"""The implementations as they were before issue 14, kept verbatim (renamed) as the reference.

The tests check that the new ones give the same results (`tests/test_board_fast.py`) and the
benchmarks time them as the floor of the same run (`bench/timeline.py`, `bench/ideas.py`).
Do not "improve" this module: its worth is that it is the old code.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from kit.core.model import FIRST_WEEK, LAST_WEEK, Category, Sector
from kit.core.text import similarity
from kit.steps.timeline.logic import CARD_COLUMNS, Options


# -- kit/steps/timeline/logic.py at 4ba5acc ---------------------------------------------------
def old_analyse(cards: pd.DataFrame, **options: object) -> dict[str, pd.DataFrame]:
    """The four findings as they were computed: every pair, then sorted."""
    opts = Options(**options)  # type: ignore[arg-type]
    records = _records(cards)
    dup = duplicates(records, opts)
    pairs = {frozenset((a, b)) for a, b in zip(dup["card_a"], dup["card_b"], strict=True)}
    return {"overload": overload(records, opts), "gaps": gaps(records, opts),
            "duplicates": dup, "synergies": synergies(records, pairs)}


def _cell_text(value: object) -> str:
    """A cell as text, as `pandas.read_csv` may give it: ids read as numbers (7, or 7.0 in a
    column with a gap) become "7", an empty cell (NaN, None, NA) becomes ""."""
    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _records(cards: pd.DataFrame) -> list[dict]:
    missing = [c for c in CARD_COLUMNS if c not in cards.columns]
    if missing:
        raise ValueError(f"cards lack columns {missing}")
    out = []
    for r in cards[list(CARD_COLUMNS)].to_dict("records"):
        out.append(dict(id=_cell_text(r["id"]), title=_cell_text(r["title"]),
                        owner=_cell_text(r["owner"]), sector=_cell_text(r["sector"]),
                        category=_cell_text(r["category"]),
                        start_week=int(r["start_week"]), end_week=int(r["end_week"])))
    return out


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end_week"], b["end_week"]) - max(a["start_week"], b["start_week"]) + 1)


def overload(cards: list[dict], opts: Options) -> pd.DataFrame:
    rows: list[dict] = []
    for week in range(FIRST_WEEK, LAST_WEEK + 1):
        end = min(LAST_WEEK, week + opts.overload_window - 1)
        starting = [c["id"] for c in cards if week <= c["start_week"] <= end]
        if len(starting) >= opts.overload_threshold:
            rows.append({"key": f"overload:{week}", "week": week, "window_end": end,
                         "cards": len(starting), "card_ids": ",".join(sorted(starting))})
    # A window inside a longer flagged one says nothing new: keep the first of each run.
    kept: list[dict] = []
    last_end: int | None = None
    for row in rows:
        if last_end is None or row["week"] > last_end:
            kept.append(row)
            last_end = row["window_end"]
        elif row["cards"] > kept[-1]["cards"]:
            kept[-1] = row
            last_end = row["window_end"]
    return pd.DataFrame(kept, columns=["key", "week", "window_end", "cards", "card_ids"])


def gaps(cards: list[dict], opts: Options) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    present = {c["category"] for c in cards}
    for cat in Category:
        if cat.value not in present:
            rows.append({"key": f"gap:category:{cat.value}", "kind": "category",
                         "category": cat.value, "start_week": FIRST_WEEK, "end_week": LAST_WEEK})
    run_start = None
    for week in range(FIRST_WEEK, LAST_WEEK + 2):
        active = week <= LAST_WEEK and any(c["start_week"] <= week <= c["end_week"]
                                           for c in cards)
        if week <= LAST_WEEK and not active:
            run_start = week if run_start is None else run_start
        elif run_start is not None:
            if week - run_start >= opts.min_gap_weeks:
                rows.append({"key": f"gap:period:{run_start}", "kind": "period",
                             "category": "", "start_week": run_start, "end_week": week - 1})
            run_start = None
    lo, hi = opts.early_weeks
    for cat in Category:
        mine = [c for c in cards if c["category"] == cat.value]
        if mine and not any(c["start_week"] <= hi and c["end_week"] >= lo for c in mine):
            rows.append({"key": f"gap:early:{cat.value}", "kind": "early",
                         "category": cat.value, "start_week": lo, "end_week": hi})
    return pd.DataFrame(rows, columns=["key", "kind", "category", "start_week", "end_week"])


def duplicates(cards: list[dict], opts: Options) -> pd.DataFrame:
    rows: list[dict] = []
    by_category: dict[str, list[dict]] = {}
    for c in cards:
        by_category.setdefault(c["category"], []).append(c)
    for group in by_category.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a["owner"].strip().lower() == b["owner"].strip().lower() or not _overlap(a, b):
                    continue
                score = similarity(a["title"], b["title"])
                if score >= opts.duplicate_similarity:
                    first, second = sorted((a["id"], b["id"]))
                    rows.append({"key": f"duplicate:{first}:{second}", "card_a": first,
                                 "card_b": second, "category": a["category"],
                                 "similarity": score})
    rows.sort(key=lambda r: (-r["similarity"], r["key"]))
    return pd.DataFrame(rows, columns=["key", "card_a", "card_b", "category", "similarity"])


def synergies(cards: list[dict], skip: set[frozenset[str]]) -> pd.DataFrame:
    rows: list[dict] = []
    municipal = [c for c in cards if c["sector"] == Sector.KOMMUNE]
    civil = [c for c in cards if c["sector"] != Sector.KOMMUNE]
    for m in municipal:
        for c in civil:
            weeks = _overlap(m, c)
            pair = frozenset((m["id"], c["id"]))
            if m["category"] == c["category"] and weeks and pair not in skip:
                rows.append({"key": f"synergy:{m['id']}:{c['id']}", "municipal_card": m["id"],
                             "civil_card": c["id"], "category": m["category"],
                             "overlap_weeks": weeks})
    rows.sort(key=lambda r: (-r["overlap_weeks"], r["key"]))
    return pd.DataFrame(rows, columns=["key", "municipal_card", "civil_card", "category",
                                       "overlap_weeks"])


# -- kit/steps/ideas/logic.py at 4ba5acc ------------------------------------------------------
def old_near_identical(texts: Sequence[str], threshold: float = 0.8) -> list[list[int]]:
    """Groups (of two or more) of notes that say practically the same thing."""
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    normal = [" ".join(t.lower().split()) for t in texts]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if normal[i] == normal[j] or similarity(texts[i], texts[j]) >= threshold:
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


# -- kit/steps/voting/logic.py at 4ba5acc -----------------------------------------------------
SECTORS = [s.value for s in Sector]
COLUMNS = ["theme_id", "dots", "score", "rank", *SECTORS]


def old_tally(votes: pd.DataFrame, participants: pd.DataFrame,
              weighting: Literal["none", "sector"] = "none") -> pd.DataFrame:
    if weighting not in ("none", "sector"):
        raise ValueError(f"weighting must be 'none' or 'sector', not {weighting!r}")
    if votes.empty:
        return pd.DataFrame(columns=COLUMNS)
    sector_of = dict(zip(participants["id"], participants["sector"], strict=True))
    frame = votes.assign(sector=votes["participant_id"].map(sector_of))
    if frame["sector"].isna().any():
        missing = sorted(frame.loc[frame["sector"].isna(), "participant_id"].unique())
        raise ValueError(f"votes from unknown participants: {missing}")
    per_sector = (frame.pivot_table(index="theme_id", columns="sector", values="dots",
                                    aggfunc="sum", fill_value=0)
                  .reindex(columns=SECTORS, fill_value=0))
    out = per_sector.copy()
    out["dots"] = per_sector.sum(axis=1)
    if weighting == "sector":
        sector_totals = per_sector.sum(axis=0)
        voting = sector_totals[sector_totals > 0]
        total = sector_totals.sum()
        scale = total / (len(voting) * voting)
        out["score"] = (per_sector[voting.index] * scale).sum(axis=1)
    else:
        out["score"] = out["dots"].astype(float)
    out["score"] = out["score"].round(6)
    out["rank"] = out["score"].rank(method="min", ascending=False).astype(int)
    out = out.reset_index().sort_values(["rank", "theme_id"], kind="stable")
    out[SECTORS] = out[SECTORS].astype(int)
    out["dots"] = out["dots"].astype(int)
    return out[COLUMNS].reset_index(drop=True)
