"""The needs check, pure: needs per area, set against the offers on the timeline (an area
that many find hard and few offers reach is a gap), the change between two rounds, and the
partnership's rounds compared one against another with the refugees' own answers counted
apart from the staff's and the volunteers'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kit.core.model import Category
from kit.steps.needs.model import NeedAnswer, NeedRound, Question, Respondent

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


# -- rounds of a partnership (issue 27) --------------------------------------------------
REFUGEE_VOICES = frozenset({Respondent.REFUGEE, Respondent.UNSAID})
"""Whose answers make a round's needs: the refugees', and those given before the form asked
who answered (it was addressed to refugees; the counts show how many were not asked)."""


@dataclass(frozen=True)
class RoundNeeds:
    """One round of a partnership: who answered (people per kind), the refugees' needs per
    area (`areas`, as `by_area`), the staff's and volunteers' (`others`), and how the
    refugees' need moved since the round before it (empty for the first)."""

    round: NeedRound
    refugees: int
    staff: int
    volunteers: int
    unsaid: int
    areas: tuple[AreaNeed, ...]
    others: tuple[AreaNeed, ...]
    moved: Mapping[Category, float] = field(default_factory=dict)

    @property
    def respondents(self) -> int:
        return self.refugees + self.staff + self.volunteers + self.unsaid


def compare(rounds: Sequence[NeedRound], answers: Iterable[NeedAnswer],
            offers: dict[Category, int]) -> list[RoundNeeds]:
    """Each round (in the order given) with its answers, from whichever workshop or page
    they came; a round's `moved` is against the latest round before it in `rounds` that
    refugees answered (empty for the first, and for a round without answers)."""
    by_round: dict[str, list[NeedAnswer]] = {r.label: [] for r in rounds}
    for a in answers:
        if a.round in by_round:
            by_round[a.round].append(a)
    out: list[RoundNeeds] = []
    for r in rounds:
        mine = by_round[r.label]
        people = {kind: len({a.response for a in mine if a.respondent == kind})
                  for kind in Respondent}
        areas = by_area([a for a in mine if a.respondent in REFUGEE_VOICES], offers)
        others = by_area([a for a in mine if a.respondent not in REFUGEE_VOICES], offers)
        # against the round before that the refugees answered (an empty one tells nothing)
        earlier = [o for o in out if o.refugees + o.unsaid]
        moved = change(list(earlier[-1].areas), areas) if earlier and mine else {}
        out.append(RoundNeeds(r, people[Respondent.REFUGEE], people[Respondent.STAFF],
                              people[Respondent.VOLUNTEER], people[Respondent.UNSAID],
                              tuple(areas), tuple(others), moved))
    return out


def counts_text(found: RoundNeeds, language: str) -> str:
    """Who answered a round: refugees apart from staff and volunteers (and, from before the
    form asked, how many were not asked)."""
    from kit.i18n import number, t

    unsaid = t("rounds.unsaid", language, n=number(found.unsaid, language))
    if not found.refugees + found.staff + found.volunteers:
        return unsaid  # nobody was asked (an older round): no row of noughts before it
    text = t("rounds.counts", language, refugees=number(found.refugees, language),
             staff=number(found.staff, language), volunteers=number(found.volunteers, language))
    return text + (" · " + unsaid if found.unsaid else "")


def month_label(when: float) -> str:
    """The label of a round made for want of an open one: its month ("2026-11")."""
    return dt.datetime.fromtimestamp(when, dt.UTC).strftime("%Y-%m")


def month_span(label: str) -> tuple[float, float] | None:
    """A month label's first instant and the next month's (UTC timestamps); None for a
    label that is no month."""
    try:
        year, month = (int(x) for x in label.split("-"))
        start = dt.datetime(year, month, 1, tzinfo=dt.UTC)
    except ValueError:
        return None
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=dt.UTC)
    return start.timestamp(), end.timestamp()


def in_order(rounds: Iterable[NeedRound]) -> list[NeedRound]:
    """Rounds as they were held: by when they opened, then by label."""
    return sorted(rounds, key=lambda r: (r.opened_at, r.label))
