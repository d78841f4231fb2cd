"""The needs check, pure: needs per area, set against the offers on the timeline (an area
that many find hard and few offers reach is a gap), and the change between two rounds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kit.core.model import Category
from kit.steps.needs.model import NeedAnswer, Question

GAP_NEED = 0.25
"""An area is a gap when at least this share of respondents name it hardest or missing ..."""
GAP_OFFERS = 2
"""... and the timeline has at most this many current offers in it."""


@dataclass(frozen=True)
class AreaNeed:
    """One area in one round of the needs check, beside the timeline's offers."""

    category: Category
    hardest: int
    helps: int
    missing: int
    need: float
    """The share of respondents who named the area hardest or missing (0–1)."""
    offers: int

    @property
    def gap(self) -> bool:
        return self.need >= GAP_NEED and self.offers <= GAP_OFFERS


def respondents(answers: Iterable[NeedAnswer]) -> int:
    return len({a.response for a in answers})


def by_area(answers: Iterable[NeedAnswer], offers: dict[Category, int]) -> list[AreaNeed]:
    """Each area (in `Category`'s order) with its picks per question, the need share and the
    offers (`offers`: current cards per area, see `coverage`)."""
    answers = list(answers)
    people = respondents(answers)
    count = {(q, c): 0 for q in Question for c in Category}
    needing: dict[Category, set[str]] = {c: set() for c in Category}
    for a in answers:
        if a.category is None:
            continue
        count[(a.question, a.category)] += 1
        if a.question in (Question.SVAEREST, Question.MANGLER):
            needing[a.category].add(a.response)
    return [AreaNeed(c, count[(Question.SVAEREST, c)], count[(Question.HJAELPER, c)],
                     count[(Question.MANGLER, c)],
                     len(needing[c]) / people if people else 0.0, offers.get(c, 0))
            for c in Category]


def coverage(cards: Iterable[tuple[Category, bool]]) -> dict[Category, int]:
    """Current offers per area from (area, retired) pairs of the timeline's cards."""
    out = dict.fromkeys(Category, 0)
    for category, retired in cards:
        if not retired:
            out[Category(category)] += 1
    return out


def change(before: list[AreaNeed], after: list[AreaNeed]) -> dict[Category, float]:
    """How the need share moved per area from one round to the next (positive: more need)."""
    old = {a.category: a.need for a in before}
    return {a.category: a.need - old.get(a.category, 0.0) for a in after}


def round_name(round_: str, language: str) -> str:
    """A round ("2026-11") as people say it in `language` ("november 2026"), by Babel's
    month names (loaded only where rounds are shown: the facilitator, the board's needs step,
    the documents); anything else as it is."""
    import datetime as dt

    from kit.i18n import date

    try:
        year, month = (int(x) for x in round_.split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        return round_
    return date(first, language, "LLLL y")
