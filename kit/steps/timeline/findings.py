"""The timeline review in words: each finding of `kit.timeline.analyse` as a sentence in the
reader's language with the facilitator's verdict, the board's highlights, and the activity
overview as a workbook. Used by the apps and the workshop report; no widgets.

The findings are computed here once per set of cards and kept (`analysis`): the board and
the facilitator's review in one kernel, and every refresh in which no card changed, share
one analysis. They are computed in pure Python (`kit.steps.timeline.logic.find`), only the
strongest `SHOWN_PER_KIND` of each kind, so the board's kernel never loads pandas.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kit.i18n import t
from kit.steps.timeline.model import Card, ReviewVerdict, week_label

if TYPE_CHECKING:
    import pandas as pd

    from kit.reports._xlsx import Sheet
    from kit.steps.timeline.logic import Analysis, CardRecord, Found


@dataclass(frozen=True)
class ReviewItem:
    """One finding of the analysis on the facilitator's review list: its stable `key` (what
    a verdict is stored under), `text` already in the reader's language (from catalog keys
    `review.*`, never parsed back), the cards it is about, the verdict and, for an overload,
    its weeks. The typed finding of the other steps is `kit.core.model.Finding`."""

    key: str
    kind: str  # overload | gap | duplicate | synergy
    text: str
    cards: tuple[str, ...]
    verdict: ReviewVerdict
    weeks: tuple[int, int] | None = None


def cards_frame(cards: list[Card]) -> pd.DataFrame:
    """Cards as the DataFrame the timeline functions take (pandas imported on demand)."""
    import pandas as pd

    from kit.steps.timeline.logic import CARD_COLUMNS

    return pd.DataFrame([{**c.__dict__, "sector": c.sector.value,
                          "category": c.category.value} for c in cards],
                        columns=[*CARD_COLUMNS, "description", "participant_id"])


def analyse(cards: list[Card]) -> Analysis:
    """All findings as DataFrames (pandas), for analysts; the apps use `analysis`."""
    from kit.steps.timeline import logic as timeline

    return timeline.analyse(cards_frame(cards))


def records(cards: list[Card]) -> list[CardRecord]:
    """Cards as the pure analysis takes them (what `cards_frame` and `analyse` give too)."""
    return [{"id": c.id, "title": c.title, "owner": c.owner, "sector": c.sector.value,
             "category": c.category.value, "start_week": c.start_week,
             "end_week": c.end_week} for c in cards]


SHOWN_PER_KIND = 25
"""A room cannot discuss more; with hundreds of cards the strongest of each kind come first."""

KEPT = 8
"""Analyses kept per kernel (one per workshop and number shown): a facilitator may have a few
workshops open; each analysis is a few dozen rows and the cards it was made of."""

_kept: OrderedDict[tuple[str, int], tuple[tuple[Card, ...], Found]] = OrderedDict()
_lock = threading.Lock()


def analysis(cards: list[Card], per_kind: int = SHOWN_PER_KIND, workshop: str = "") -> Found:
    """The strongest `per_kind` findings of each kind, computed once per set of cards.

    Kept per `workshop` (its id) and checked against the cards themselves rather than a
    revision: a refresh for a verdict, a phase or the lanes, or by a second view of the same
    workshop, finds the cards unchanged and reuses the analysis; any change to any card
    (or a card added or gone) computes it again."""
    from kit.steps.timeline.logic import find

    key, snapshot = (workshop, per_kind), tuple(cards)
    with _lock:
        kept = _kept.get(key)
        if kept is not None and kept[0] == snapshot:
            _kept.move_to_end(key)
            return kept[1]
    found = find(records(cards), per_kind=per_kind)
    with _lock:
        _kept[key] = (snapshot, found)
        _kept.move_to_end(key)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return found


def review_items(cards: list[Card], verdicts: dict[str, ReviewVerdict], language: str,
                 per_kind: int = SHOWN_PER_KIND, workshop: str = "") -> list[ReviewItem]:
    """The findings as sentences in `language`, with the facilitator's verdict; at most
    `per_kind` of each kind, strongest first. `workshop` (its id) names the kept analysis."""
    result = analysis(cards, per_kind, workshop)
    by_id = {c.id: c for c in cards}
    L = language
    out = []

    def add(key: str, kind: str, text: str, ids: tuple[str, ...],
            weeks: tuple[int, int] | None = None) -> None:
        out.append(ReviewItem(key, kind, text, ids, verdicts.get(key, ReviewVerdict.OPEN), weeks))

    for o in result.overload:
        add(o["key"], "overload", t("review.overload", L, cards=o["cards"],
                                    week=week_label(o["week"]),
                                    window_end=week_label(o["window_end"])),
            tuple(o["card_ids"].split(",")), (o["week"], o["window_end"]))
    for g in result.gaps:
        category = t(f"category.{g['category']}", L) if g["category"] else ""
        add(g["key"], "gap", t(f"review.gap_{g['kind']}", L, category=category,
                               start=week_label(g["start_week"]),
                               end=week_label(g["end_week"])), ())
    for d in result.duplicates:
        a, b = by_id[d["card_a"]], by_id[d["card_b"]]
        add(d["key"], "duplicate", t("review.duplicate", L, a=a.title, owner_a=a.owner,
                                     b=b.title, owner_b=b.owner,
                                     similarity=f"{d['similarity']:.2f}"), (a.id, b.id))
    for r in result.synergies:
        m, c = by_id[r["municipal_card"]], by_id[r["civil_card"]]
        add(r["key"], "synergy", t("review.synergy", L, a=m.title, b=c.title,
                                   category=t(f"category.{r['category']}", L),
                                   weeks=r["overlap_weeks"]), (m.id, c.id))
    return out


def marks(found: list[ReviewItem]) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """Card highlights and overload windows for the board, leaving out dismissed findings."""
    card_marks: dict[str, str] = {}
    windows = []
    for f in found:
        if f.verdict is ReviewVerdict.DISMISSED:
            continue
        if f.kind in ("duplicate", "synergy"):
            for card_id in f.cards:
                card_marks.setdefault(card_id, f.kind)
        if f.weeks is not None:
            windows.append(f.weeks)
    return card_marks, windows


def overview_sheet(cards: list[Card], language: str, poster: bool = False) -> Sheet:
    """The activity overview as a sheet: period, area, activity, who, sector and weeks, with
    every code in words (labels in `language`); `poster`: printed to be pinned up (A3)."""
    from kit.reports._xlsx import Sheet
    from kit.steps.timeline import logic as timeline

    L = language
    overview = timeline.activity_overview(cards_frame(cards))
    return Sheet(t("overview.sheet", L),
                 [t(f"xl.{k}", L) for k in ("period", "category", "activity", "owner",
                                             "sector", "from_week", "to_week")],
                 [[t(f"overview.phase.{r['phase']}", L), t(f"category.{r['category']}", L),
                   r["title"], r["owner"], t(f"sector.{r['sector']}", L), r["start_week"],
                   r["end_week"]] for r in overview.to_dict("records")], poster=poster)


def overview_xlsx(cards: list[Card], language: str, author: str = "",
                  title: str = "") -> bytes:
    """The activity overview as an xlsx workbook (labels in `language`; text stays text),
    printed as a poster: A3 landscape, `title` (the workshop) on every page, `author` (the
    municipality) as the file's author."""
    from kit.reports._xlsx import workbook

    return workbook([overview_sheet(cards, language, poster=True)], author, title)
