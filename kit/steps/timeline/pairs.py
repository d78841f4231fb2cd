"""The timeline's pairwise findings: duplicates (cards of different owners in one category,
overlapping in time, whose titles say the same) and synergies (a municipal task and a
civil-society offer in one category at the same time).

No pair of cards is compared unless it can matter: titles only when they share a rare text
feature (`kit.core.text.alike_pairs`), synergies longest first until no longer overlap is
possible; `_synergy_frame` lists all synergies with numpy once pandas is loaded anyway.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kit.core.model import Sector
from kit.core.text import alike_pairs, alike_scores_sparse, similarity
from kit.steps.timeline.cards import (
    SYNERGY_COLUMNS,
    CardRecord,
    Options,
    _DuplicateRow,
    _frame,
    _overlap,
    _SynergyRow,
    _weeks,
)

if TYPE_CHECKING:
    import pandas as pd


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
