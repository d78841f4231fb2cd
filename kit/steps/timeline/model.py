"""The timeline step's data: cards (tasks and offers in weeks around arrival) and the
facilitator's verdicts on analysis findings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.model import Category, Sector


def week_label(week: int) -> str:
    """A week relative to arrival as people read it in a range: a true minus sign, so that
    a range reads "uge −8 til −1", not "uge -8–-1" (a hyphen, a dash and a hyphen)."""
    return f"\u2212{-week}" if week < 0 else str(week)


@dataclass(frozen=True)
class TimelineSettings:
    """The timeline step's settings of one workshop (the `timeline_settings` row, issue 26):
    whether the board shows the review of the findings (`WorkshopState.review_open`)."""

    review_open: bool = False


@dataclass(frozen=True)
class Card:
    """A task or an offer on the reception timeline, in weeks relative to arrival."""

    id: str
    title: str
    owner: str
    sector: Sector
    category: Category
    start_week: int
    end_week: int
    description: str = ""
    participant_id: str | None = None
    retired: bool = False
    """An offer that has ended: kept, but no longer on the living overview."""
    carried: bool = False
    """Carried over from the partnership's workshop before (the board tags it "fra sidst")."""


class ReviewVerdict(StrEnum):
    """What the facilitator made of an analysis finding in the timeline review (stored as
    `findings.status`)."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
