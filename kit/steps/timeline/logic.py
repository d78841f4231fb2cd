"""Step 2, mapping the reception: analyse the cards on the timeline.

Pure functions on the `cards` DataFrame (id, title, owner, sector, category, start_week,
end_week). `analyse` finds four kinds of things the wall of cards hides:

- overload: a short window in which many cards start, i.e. a refugee gets a lot at once;
- gaps: a category with no card, weeks when nothing happens, a category silent in the first
  months after arrival;
- duplicates: cards of different owners in one category, overlapping in time, whose titles say
  the same (Danish stemming and character n-grams, `kit._text.similarity`);
- synergies: a municipal task and a civil-society offer in one category at the same time.

Each finding has a stable `key`, so a facilitator's confirm/dismiss survives re-analysis.
Categories are `kit.model.Category` (extend it there, then add `category.<value>` to the
message catalogs); weeks run from `FIRST_WEEK` (−8) to `LAST_WEEK` (26) relative to arrival.

The single-card findings (overload, gaps) are here; the pairwise ones (duplicates,
synergies) are in `kit.steps.timeline.pairs`, which compares no pair of cards unless it can
matter; the cards as records and the options are in `kit.steps.timeline.cards`. `find`
gives the strongest `per_kind` of each kind as plain rows in pure Python (what the board's
kernel runs, without pandas); `analyse` gives DataFrames, all findings computed with numpy
and sparse matrices since pandas has loaded them anyway. Both give what comparing every pair
gave (`tests/reference.py` keeps that code; the tests compare).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kit.core.model import FIRST_WEEK, LAST_WEEK, Category
from kit.steps.timeline.cards import CARD_COLUMNS as CARD_COLUMNS
from kit.steps.timeline.cards import DUPLICATE_COLUMNS as DUPLICATE_COLUMNS
from kit.steps.timeline.cards import GAP_COLUMNS as GAP_COLUMNS
from kit.steps.timeline.cards import OVERLOAD_COLUMNS as OVERLOAD_COLUMNS
from kit.steps.timeline.cards import SYNERGY_COLUMNS as SYNERGY_COLUMNS
from kit.steps.timeline.cards import CardRecord as CardRecord
from kit.steps.timeline.cards import Options as Options
from kit.steps.timeline.cards import (
    _DuplicateRow,
    _frame,
    _GapRow,
    _OverloadRow,
    _OverviewRow,
    _records,
    _SynergyRow,
)
from kit.steps.timeline.pairs import DUPLICATE_TIERS as DUPLICATE_TIERS
from kit.steps.timeline.pairs import _synergy_frame
from kit.steps.timeline.pairs import duplicate_rows as duplicate_rows
from kit.steps.timeline.pairs import synergy_rows as synergy_rows

if TYPE_CHECKING:
    import pandas as pd


PHASES: tuple[tuple[str, int, int], ...] = (
    ("before", FIRST_WEEK, -1),
    ("first_month", 0, 4),
    ("months_2_3", 5, 13),
    ("months_4_6", 14, LAST_WEEK),
)
"""Periods of the activity overview: before arrival, the first month, months 2–3, 4–6."""



@dataclass(frozen=True)
class Analysis:
    overload: pd.DataFrame
    gaps: pd.DataFrame
    duplicates: pd.DataFrame
    synergies: pd.DataFrame
    options: Options = field(default_factory=Options)

    def keys(self) -> list[str]:
        """Every finding's stable key, in report order."""
        return [k for frame in (self.overload, self.gaps, self.duplicates, self.synergies)
                for k in frame["key"]]



@dataclass(frozen=True)
class Found:
    """The four findings as plain rows, strongest first, without pandas: what the board's
    kernel computes (`kit.steps.timeline.findings`). `analyse` gives the same as DataFrames."""

    overload: list[_OverloadRow]
    gaps: list[_GapRow]
    duplicates: list[_DuplicateRow]
    synergies: list[_SynergyRow]
    options: Options = field(default_factory=Options)



def overload_rows(cards: list[CardRecord], opts: Options) -> list[_OverloadRow]:
    starting_in: dict[int, list[str]] = {}
    for c in cards:
        starting_in.setdefault(c["start_week"], []).append(c["id"])
    rows: list[_OverloadRow] = []
    for week in range(FIRST_WEEK, LAST_WEEK + 1):
        end = min(LAST_WEEK, week + opts.overload_window - 1)
        starting = [i for w in range(week, end + 1) for i in starting_in.get(w, ())]
        if len(starting) >= opts.overload_threshold:
            rows.append({"key": f"overload:{week}", "week": week, "window_end": end,
                         "cards": len(starting), "card_ids": ",".join(sorted(starting))})
    # A window inside a longer flagged one says nothing new: keep the first of each run.
    kept: list[_OverloadRow] = []
    last_end: int | None = None
    for row in rows:
        if last_end is None or row["week"] > last_end:
            kept.append(row)
            last_end = row["window_end"]
        elif row["cards"] > kept[-1]["cards"]:
            kept[-1] = row
            last_end = row["window_end"]
    return kept


def gap_rows(cards: list[CardRecord], opts: Options) -> list[_GapRow]:
    rows: list[_GapRow] = []
    present = {c["category"] for c in cards}
    for cat in Category:
        if cat.value not in present:
            rows.append({"key": f"gap:category:{cat.value}", "kind": "category",
                         "category": cat.value, "start_week": FIRST_WEEK, "end_week": LAST_WEEK})
    # Cards running per week, by a difference array: one pass over the cards.
    running = [0] * (LAST_WEEK - FIRST_WEEK + 2)
    for c in cards:
        lo, hi = max(c["start_week"], FIRST_WEEK), min(c["end_week"], LAST_WEEK)
        if lo <= hi:
            running[lo - FIRST_WEEK] += 1
            running[hi - FIRST_WEEK + 1] -= 1
    active, now = [], 0
    for delta in running[:-1]:
        now += delta
        active.append(now > 0)
    run_start = None
    for week in range(FIRST_WEEK, LAST_WEEK + 2):
        on = week <= LAST_WEEK and active[week - FIRST_WEEK]
        if week <= LAST_WEEK and not on:
            run_start = week if run_start is None else run_start
        elif run_start is not None:
            if week - run_start >= opts.min_gap_weeks:
                rows.append({"key": f"gap:period:{run_start}", "kind": "period",
                             "category": "", "start_week": run_start, "end_week": week - 1})
            run_start = None
    lo, hi = opts.early_weeks
    early = {c["category"] for c in cards if c["start_week"] <= hi and c["end_week"] >= lo}
    for cat in Category:
        if cat.value in present and cat.value not in early:
            rows.append({"key": f"gap:early:{cat.value}", "kind": "early",
                         "category": cat.value, "start_week": lo, "end_week": hi})
    return rows


def find(cards: list[CardRecord], opts: Options | None = None,
         per_kind: int | None = None) -> Found:
    """All four findings as plain rows, strongest first; with `per_kind`, only that many of
    each kind, the same as the first `per_kind` of all (and far faster with many cards)."""
    opts = opts or Options()
    dup = duplicate_rows(cards, opts, per_kind)
    # All duplicate pairs are known only without `per_kind`; else each candidate synergy is
    # checked on its own (a few hundred pairs, not every duplicate).
    pairs = {(r["card_a"], r["card_b"]) for r in dup} if per_kind is None else None
    over, gap = overload_rows(cards, opts), gap_rows(cards, opts)
    if per_kind is not None:
        over, gap = over[:per_kind], gap[:per_kind]
    return Found(overload=over, gaps=gap, duplicates=dup,
                 synergies=synergy_rows(cards, opts, per_kind, pairs), options=opts)


def overload(cards: list[CardRecord], opts: Options) -> pd.DataFrame:
    return _frame(overload_rows(cards, opts), OVERLOAD_COLUMNS)


def gaps(cards: list[CardRecord], opts: Options) -> pd.DataFrame:
    return _frame(gap_rows(cards, opts), GAP_COLUMNS)


def duplicates(cards: list[CardRecord], opts: Options) -> pd.DataFrame:
    return _frame(duplicate_rows(cards, opts), DUPLICATE_COLUMNS)


def synergies(cards: list[CardRecord], skip: set[frozenset[str]]) -> pd.DataFrame:
    """Synergies leaving out the pairs in `skip` (as `analyse` leaves out duplicates)."""
    pairs: set[tuple[str, str]] = set()
    for pair in skip:
        first, *second = sorted(pair)
        pairs.add((first, second[0] if second else first))
    return _frame(synergy_rows(cards, Options(), None, pairs), SYNERGY_COLUMNS)


def analyse(cards: pd.DataFrame, per_kind: int | None = None, **options: object) -> Analysis:
    """All four findings for the cards; `options` are the fields of `Options`. With
    `per_kind`, only the strongest that many of each kind (what a room can discuss).

    pandas is loaded here anyway, so all findings are computed with numpy and scipy's sparse
    matrices; `find` computes the strongest in pure Python (for the board's kernel)."""
    opts = Options(**options)  # type: ignore[arg-type]
    records = _records(cards)
    if per_kind is not None:
        found = find(records, opts, per_kind)
        synergy = _frame(found.synergies, SYNERGY_COLUMNS)
    else:
        dup = duplicate_rows(records, opts, vectorised=True)
        found = Found(overload_rows(records, opts), gap_rows(records, opts), dup, [], opts)
        synergy = _synergy_frame(records, {(r["card_a"], r["card_b"]) for r in dup})
    return Analysis(overload=_frame(found.overload, OVERLOAD_COLUMNS),
                    gaps=_frame(found.gaps, GAP_COLUMNS),
                    duplicates=_frame(found.duplicates, DUPLICATE_COLUMNS),
                    synergies=synergy, options=opts)


def phase_of(week: int) -> str:
    for name, lo, hi in PHASES:
        if lo <= week <= hi:
            return name
    raise ValueError(week)


def activity_overview(cards: pd.DataFrame) -> pd.DataFrame:
    """Who does what, when: one row per card, ordered by period, category and start."""
    import pandas as pd

    records = _records(cards)
    rows: list[_OverviewRow] = [{"phase": phase_of(c["start_week"]), "category": c["category"],
             "title": c["title"], "owner": c["owner"], "sector": c["sector"],
             "start_week": c["start_week"], "end_week": c["end_week"]} for c in records]
    order = {name: n for n, (name, _, _) in enumerate(PHASES)}
    cats = {c.value: n for n, c in enumerate(Category)}
    rows.sort(key=lambda r: (order[r["phase"]], cats.get(r["category"], 99), r["start_week"],
                             r["title"]))
    return pd.DataFrame(rows, columns=["phase", "category", "title", "owner", "sector",
                                       "start_week", "end_week"])
