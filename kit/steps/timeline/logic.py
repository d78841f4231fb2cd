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

No pair of cards is compared unless it can matter: titles only when they share a rare text
feature (`kit.core.text.alike_pairs`), synergies longest first until no longer overlap is
possible. `find` gives the strongest `per_kind` of each kind as plain rows in pure Python
(what the board's kernel runs, without pandas); `analyse` gives DataFrames, all findings
computed with numpy and sparse matrices since pandas has loaded them anyway. Both give what
comparing every pair gave (`tests/reference.py` keeps that code; the tests compare).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from kit.core.model import FIRST_WEEK, LAST_WEEK, Category, Sector
from kit.core.text import alike_pairs, alike_scores_sparse, similarity

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


class _GapRow(TypedDict):
    key: str
    kind: str
    category: str
    start_week: int
    end_week: int


OVERLOAD_COLUMNS = ["key", "week", "window_end", "cards", "card_ids"]
GAP_COLUMNS = ["key", "kind", "category", "start_week", "end_week"]
DUPLICATE_COLUMNS = ["key", "card_a", "card_b", "category", "similarity"]
SYNERGY_COLUMNS = ["key", "municipal_card", "civil_card", "category", "overlap_weeks"]


@dataclass(frozen=True)
class Found:
    """The four findings as plain rows, strongest first, without pandas: what the board's
    kernel computes (`kit.steps.timeline.findings`). `analyse` gives the same as DataFrames."""

    overload: list[_OverloadRow]
    gaps: list[_GapRow]
    duplicates: list[_DuplicateRow]
    synergies: list[_SynergyRow]
    options: Options = field(default_factory=Options)


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
    columns = [cards[c].tolist() for c in CARD_COLUMNS]  # plain Python values, as to_dict
    return [CardRecord(id=_cell_text(i), title=_cell_text(title), owner=_cell_text(owner),
                       sector=_cell_text(sector), category=_cell_text(category),
                       start_week=int(start), end_week=int(end))
            for i, title, owner, sector, category, start, end in zip(*columns, strict=True)]


def _overlap(a: CardRecord, b: CardRecord) -> int:
    return max(0, min(a["end_week"], b["end_week"]) - max(a["start_week"], b["start_week"]) + 1)


def _weeks(c: CardRecord) -> int:
    """How long a card runs: no pair can overlap longer than its shorter card."""
    return c["end_week"] - c["start_week"] + 1


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


def _by_category(cards: list[CardRecord]) -> list[list[int]]:
    """The cards' positions per category, categories in order of first appearance."""
    groups: dict[str, list[int]] = {}
    for n, c in enumerate(cards):
        groups.setdefault(c["category"], []).append(n)
    return list(groups.values())


def _same_owner(a: CardRecord, b: CardRecord) -> bool:
    return a["owner"].strip().lower() == b["owner"].strip().lower()


DUPLICATE_TIERS = (1.0, 0.9, 0.7)
"""With `per_kind`, duplicates are first looked for from these similarities up, where a text
index is most selective; a lower tier is searched only if a higher one holds too few."""


def duplicate_rows(cards: list[CardRecord], opts: Options, per_kind: int | None = None,
                   vectorised: bool = False) -> list[_DuplicateRow]:
    """Cards of different owners in one category, overlapping in time, with alike titles;
    most alike first (then by key). Only same-category pairs whose titles share rare text
    features are compared (`kit.core.text.alike_pairs`), or, `vectorised`, all of them at
    once with sparse matrices (for a caller that has numpy loaded anyway). With `per_kind`,
    only the strongest that many: the same as the first `per_kind` of all of them."""
    threshold = opts.duplicate_similarity
    groups = _by_category(cards)
    ranked: list[tuple[tuple[float, str, int, int, int], _DuplicateRow]] = []

    def add(g: int, i: int, j: int, value: float, key: str | None = None) -> None:
        a, b = cards[groups[g][i]], cards[groups[g][j]]
        first, second = sorted((a["id"], b["id"]))
        key = key or f"duplicate:{first}:{second}"
        # Ties beyond the key (repeated ids) in the order pairs were listed.
        ranked.append(((-value, key, g, i, j),
                       {"key": key, "card_a": first, "card_b": second,
                        "category": a["category"], "similarity": value}))

    if vectorised:
        for g, group in enumerate(groups):
            mine = [cards[n] for n in group]
            for i, j, value in alike_scores_sparse([c["title"] for c in mine], threshold,
                                                   _may_duplicate(mine)):
                add(g, i, j, value)
        ranked.sort(key=lambda x: x[0])
        return [row for _, row in ranked[:per_kind]]

    scores: dict[tuple[int, int, int], float] = {}  # a pair compared in one tier is not again
    tiers = [x for x in DUPLICATE_TIERS if x > threshold] if per_kind is not None else []
    for tier in [*tiers, threshold]:
        candidates: list[tuple[str, int, int, int]] = []
        for g, group in enumerate(groups):
            for i, j in alike_pairs([cards[n]["title"] for n in group], tier):
                a, b = cards[group[i]], cards[group[j]]
                if not _same_owner(a, b) and _overlap(a, b):
                    first, second = sorted((a["id"], b["id"]))
                    candidates.append((f"duplicate:{first}:{second}", g, i, j))
        top = per_kind is not None and tier >= 1.0
        if top:
            # Nothing is more alike than 1.0, so the pairs that reach it are ranked by key
            # alone: compare them in that order and stop at `per_kind`.
            candidates.sort()
        ranked = []
        for key, g, i, j in candidates:
            known = scores.get((g, i, j))
            value = scores[g, i, j] = known if known is not None else similarity(
                cards[groups[g][i]]["title"], cards[groups[g][j]]["title"])
            if value >= threshold and value >= tier:
                add(g, i, j, value, key)
                if top and len(ranked) >= (per_kind or 0):
                    break
        # Every pair at least `tier` alike is in `ranked`: enough to rank the strongest.
        if per_kind is None or len(ranked) >= per_kind or tier == threshold:
            break
    if per_kind is None:
        ranked.sort(key=lambda x: x[0])
    else:
        ranked = heapq.nsmallest(per_kind, ranked, key=lambda x: x[0])
    return [row for _, row in ranked]


def _may_duplicate(group: list[CardRecord]) -> Callable[[int, int], Any]:
    """For `alike_scores_sparse`: which cards of `group` overlap in time and have different
    owners, as a boolean array (rows start…stop−1 × the group)."""
    import numpy as np

    start = np.array([c["start_week"] for c in group])
    end = np.array([c["end_week"] for c in group])
    owner = np.unique([c["owner"].strip().lower() for c in group], return_inverse=True)[1]

    def allowed(lo: int, hi: int) -> Any:
        return ((np.minimum(end[lo:hi, None], end[None, :])
                 >= np.maximum(start[lo:hi, None], start[None, :]))
                & (owner[lo:hi, None] != owner[None, :]))

    return allowed


def _is_duplicate(cards: list[CardRecord], x: int, y: int, opts: Options) -> bool:
    """Whether cards at positions x and y (same category) are a duplicate pair."""
    a, b = (cards[x], cards[y]) if x < y else (cards[y], cards[x])
    return (not _same_owner(a, b) and _overlap(a, b) > 0
            and similarity(a["title"], b["title"]) >= opts.duplicate_similarity)


def synergy_rows(cards: list[CardRecord], opts: Options, per_kind: int | None = None,
                 duplicate: set[tuple[str, str]] | None = None) -> list[_SynergyRow]:
    """A municipal card and a civil-society card in one category at the same time (not a
    duplicate pair): longest overlap first (then by key). `duplicate` holds the duplicate
    pairs as sorted id pairs; without it, a pair is checked when it would be listed.

    All pairs are listed only without `per_kind`; with it, cards are visited longest first
    and the search stops where no longer overlap is possible, so the cost follows the
    strongest pairs, not all of them."""
    municipal = [n for n, c in enumerate(cards) if c["sector"] == Sector.KOMMUNE]
    civil = [n for n, c in enumerate(cards) if c["sector"] != Sector.KOMMUNE]
    m_rank = {n: r for r, n in enumerate(municipal)}
    c_rank = {n: r for r, n in enumerate(civil)}
    civil_in: dict[str, list[int]] = {}
    for n in civil:
        civil_in.setdefault(cards[n]["category"], []).append(n)

    def skip(x: int, y: int) -> bool:
        if duplicate is None:
            return _is_duplicate(cards, x, y, opts)
        a, b = cards[x]["id"], cards[y]["id"]
        return (a, b) in duplicate or (b, a) in duplicate

    ranked: list[tuple[tuple[int, str, int, int], _SynergyRow]] = []

    def add(x: int, y: int, weeks: int) -> None:
        m, c = cards[x], cards[y]
        key = f"synergy:{m['id']}:{c['id']}"
        ranked.append(((-weeks, key, m_rank[x], c_rank[y]),
                       {"key": key, "municipal_card": m["id"], "civil_card": c["id"],
                        "category": m["category"], "overlap_weeks": weeks}))

    if per_kind is None:
        for cat, group in civil_in.items():
            civil_in[cat] = sorted(group, key=lambda n: cards[n]["start_week"])
        starts = {cat: [cards[n]["start_week"] for n in g] for cat, g in civil_in.items()}
        for x in municipal:
            m = cards[x]
            group = civil_in.get(m["category"], [])
            # Civil cards starting after this one ends cannot overlap it.
            for y in group[:bisect.bisect_right(starts.get(m["category"], []), m["end_week"])]:
                weeks = _overlap(m, cards[y])
                if weeks and not skip(x, y):
                    add(x, y, weeks)
        ranked.sort(key=lambda r: r[0])
        return [row for _, row in ranked]

    if per_kind <= 0:
        return []
    longest_first = {cat: sorted(g, key=lambda n: -_weeks(cards[n]))
                     for cat, g in civil_in.items()}
    least = 1  # the overlap a pair needs to be among the strongest `per_kind` so far
    for x in sorted(municipal, key=lambda n: -_weeks(cards[n])):
        m = cards[x]
        if _weeks(m) < least:
            break
        for y in longest_first.get(m["category"], []):
            if _weeks(cards[y]) < least:
                break
            weeks = _overlap(m, cards[y])
            if weeks >= least and not skip(x, y):
                add(x, y, weeks)
                if len(ranked) >= 4 * per_kind:
                    ranked = heapq.nsmallest(per_kind, ranked, key=lambda r: r[0])
                    least = -ranked[-1][0][0]
    return [row for _, row in heapq.nsmallest(per_kind, ranked, key=lambda r: r[0])]


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


def _synergy_frame(cards: list[CardRecord], duplicate: set[tuple[str, str]]) -> pd.DataFrame:
    """All synergies as a DataFrame, the same rows as `synergy_rows` without `per_kind`, with
    numpy: there are as many as pairs of overlapping cards (201,835 of 5,000 cards)."""
    import numpy as np
    import pandas as pd

    ids = np.array([c["id"] for c in cards], dtype=object)
    start = np.array([c["start_week"] for c in cards], dtype=np.int64)
    end = np.array([c["end_week"] for c in cards], dtype=np.int64)
    category = np.array([c["category"] for c in cards], dtype=object)
    municipal = np.array([c["sector"] == Sector.KOMMUNE for c in cards], dtype=bool)
    m_all, c_all = np.flatnonzero(municipal), np.flatnonzero(~municipal)
    xs, ys, weeks = [], [], []
    step = max(1, 2_000_000 // max(len(c_all), 1))  # municipal cards per block: a few MB
    for cat in dict.fromkeys(category[m_all]):
        ms, cs = m_all[category[m_all] == cat], c_all[category[c_all] == cat]
        for b in range(0, len(ms), step):
            m = ms[b:b + step]
            overlap = (np.minimum(end[m][:, None], end[cs][None, :])
                       - np.maximum(start[m][:, None], start[cs][None, :]) + 1)
            i, j = np.nonzero(overlap > 0)
            xs.append(m[i])
            ys.append(cs[j])
            weeks.append(overlap[i, j])
    if not xs or not sum(len(x) for x in xs):
        return _frame([], SYNERGY_COLUMNS)
    x, y, w = np.concatenate(xs), np.concatenate(ys), np.concatenate(weeks)
    if duplicate:
        # Duplicate pairs leave the list: compared as numbers, one per pair of ids.
        code: dict[str, int] = {}
        for i in ids:
            code.setdefault(i, len(code))
        codes = np.array([code[i] for i in ids], dtype=np.int64)
        a, b = codes[x], codes[y]
        pair = np.minimum(a, b) * len(code) + np.maximum(a, b)
        known = [(code[p], code[q]) for p, q in duplicate if p in code and q in code]
        skip = np.array([min(p, q) * len(code) + max(p, q) for p, q in known], dtype=np.int64)
        keep = ~np.isin(pair, skip)
        x, y, w = x[keep], y[keep], w[keep]
    if not len(x):
        return _frame([], SYNERGY_COLUMNS)
    key = "synergy:" + ids[x] + ":" + ids[y]
    # Longest overlap first, then by key (compared as Python compares text), then (repeated
    # ids) in the order pairs were listed: municipal card, then civil card.
    order = np.lexsort((np.searchsorted(c_all, y), np.searchsorted(m_all, x), key.astype(str),
                        -w))
    x, y = x[order], y[order]
    return pd.DataFrame({"key": key[order], "municipal_card": ids[x], "civil_card": ids[y],
                         "category": category[x], "overlap_weeks": w[order].astype(np.int64)},
                        columns=SYNERGY_COLUMNS)


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
