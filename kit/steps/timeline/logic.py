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
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from kit.core.model import FIRST_WEEK, LAST_WEEK, Category, Sector
from kit.core.text import similarity

if TYPE_CHECKING:
    import pandas as pd

CARD_COLUMNS = ("id", "title", "owner", "sector", "category", "start_week", "end_week")

PHASES: tuple[tuple[str, int, int], ...] = (
    ("before", FIRST_WEEK, -1),
    ("first_month", 0, 4),
    ("months_2_3", 5, 13),
    ("months_4_6", 14, LAST_WEEK),
)
"""Periods of the activity overview: before arrival, the first month, months 2–3, 4–6."""


@dataclass(frozen=True)
class Options:
    overload_window: int = 2
    """Weeks in which card starts are counted together."""
    overload_threshold: int = 4
    """Starts within one window that count as too much at once."""
    min_gap_weeks: int = 2
    """The shortest run of empty weeks that is reported."""
    early_weeks: tuple[int, int] = (0, 12)
    """The first months after arrival, when every category matters most."""
    duplicate_similarity: float = 0.5
    """Title similarity (0–1) from which two cards are taken to describe the same thing."""


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


class CardRecord(TypedDict):
    """One card as the findings use it: ids and texts as text, weeks as numbers."""

    id: str
    title: str
    owner: str
    sector: str
    category: str
    start_week: int
    end_week: int


class _OverloadRow(TypedDict):
    key: str
    week: int
    window_end: int
    cards: int
    card_ids: str


class _DuplicateRow(TypedDict):
    key: str
    card_a: str
    card_b: str
    category: str
    similarity: float


class _OverviewRow(TypedDict):
    phase: str
    category: str
    title: str
    owner: str
    sector: str
    start_week: int
    end_week: int


class _SynergyRow(TypedDict):
    key: str
    municipal_card: str
    civil_card: str
    category: str
    overlap_weeks: int


def _frame(rows: Sequence[Mapping[str, object]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def _cell_text(value: object) -> str:
    """A cell as text, as `pandas.read_csv` may give it: ids read as numbers (7, or 7.0 in a
    column with a gap) become "7", an empty cell (NaN, None, NA) becomes ""."""
    import pandas as pd

    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _records(cards: pd.DataFrame) -> list[CardRecord]:
    missing = [c for c in CARD_COLUMNS if c not in cards.columns]
    if missing:
        raise ValueError(f"cards lack columns {missing}")
    out = []
    for r in cards[list(CARD_COLUMNS)].to_dict("records"):
        out.append(CardRecord(id=_cell_text(r["id"]), title=_cell_text(r["title"]),
                              owner=_cell_text(r["owner"]), sector=_cell_text(r["sector"]),
                              category=_cell_text(r["category"]),
                              start_week=int(r["start_week"]), end_week=int(r["end_week"])))
    return out


def _overlap(a: CardRecord, b: CardRecord) -> int:
    return max(0, min(a["end_week"], b["end_week"]) - max(a["start_week"], b["start_week"]) + 1)


def overload(cards: list[CardRecord], opts: Options) -> pd.DataFrame:
    rows: list[_OverloadRow] = []
    for week in range(FIRST_WEEK, LAST_WEEK + 1):
        end = min(LAST_WEEK, week + opts.overload_window - 1)
        starting = [c["id"] for c in cards if week <= c["start_week"] <= end]
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
    return _frame(kept, ["key", "week", "window_end", "cards", "card_ids"])


def gaps(cards: list[CardRecord], opts: Options) -> pd.DataFrame:
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
    return _frame(rows, ["key", "kind", "category", "start_week", "end_week"])


def duplicates(cards: list[CardRecord], opts: Options) -> pd.DataFrame:
    rows: list[_DuplicateRow] = []
    by_category: dict[str, list[CardRecord]] = {}
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
    return _frame(rows, ["key", "card_a", "card_b", "category", "similarity"])


def synergies(cards: list[CardRecord], skip: set[frozenset[str]]) -> pd.DataFrame:
    rows: list[_SynergyRow] = []
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
    return _frame(rows, ["key", "municipal_card", "civil_card", "category", "overlap_weeks"])


def analyse(cards: pd.DataFrame, **options: object) -> Analysis:
    """All four findings for the cards; `options` are the fields of `Options`."""
    opts = Options(**options)  # type: ignore[arg-type]
    records = _records(cards)
    dup = duplicates(records, opts)
    pairs = {frozenset((a, b)) for a, b in zip(dup["card_a"], dup["card_b"], strict=True)}
    return Analysis(overload=overload(records, opts), gaps=gaps(records, opts),
                    duplicates=dup, synergies=synergies(records, pairs), options=opts)


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
