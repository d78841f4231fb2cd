"""The workshop's domain: frozen dataclasses and enums, with no I/O.

Every other layer (store, views, algorithms, exchange format) speaks in these names, so that a
concept has one name in code, tables, columns and UI keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Sector(StrEnum):
    """Which side of the collaboration a participant or actor belongs to."""

    KOMMUNE = "kommune"
    CIVILSAMFUND = "civilsamfund"
    FLYGTNING = "flygtning"


class Phase(StrEnum):
    """The steps of the method, in the order a workshop walks through them."""

    PREPARE = "prepare"
    TIMELINE = "timeline"
    IDEAS = "ideas"
    THEMES = "themes"
    VOTING = "voting"
    GROUPS = "groups"
    FOLLOW_UP = "follow_up"

    def next(self) -> Phase:
        order = list(Phase)
        return order[min(order.index(self) + 1, len(order) - 1)]

    def previous(self) -> Phase:
        order = list(Phase)
        return order[max(order.index(self) - 1, 0)]


class Prompt(StrEnum):
    """The two questions ideas answer."""

    UDFORDRING = "udfordring"
    BEHOV = "behov"


class Category(StrEnum):
    """Areas of a refugee's first months; cards are placed in one, themes lean on them."""

    BOLIG = "bolig"
    SPROG = "sprog"
    ARBEJDE = "arbejde"
    SUNDHED = "sundhed"
    FAMILIE = "familie"
    NETVAERK = "netværk"
    PRAKTISK = "praktisk"
    OEKONOMI = "økonomi"
    KOORDINERING = "koordinering"


class Status(StrEnum):
    """Whether a workshop still accepts participants."""

    OPEN = "open"
    CLOSED = "closed"


LANGUAGES: tuple[str, ...] = ("da", "en", "uk", "ar")
"""Participant screens speak all four; facilitator screens speak the first two."""

FACILITATOR_LANGUAGES: tuple[str, ...] = ("da", "en")
RTL_LANGUAGES: frozenset[str] = frozenset({"ar"})

FIRST_WEEK, LAST_WEEK = -8, 26

MAX_NAME = 80
MAX_ORGANISATION = 120
MAX_TITLE = 200
MAX_IDEA = 280
MAX_LABEL = 80
MAX_DESCRIPTION = 500


@dataclass(frozen=True)
class WorkshopState:
    """A snapshot of one workshop's settings and progress (the live handle is `Workshop`)."""

    id: str
    code: str
    title: str
    municipality: str
    date: str
    language: str
    phase: Phase
    status: Status
    revision: int
    timer_ends_at: float | None = None
    review_open: bool = False
    dots_per_participant: int = 3
    max_dots_per_theme: int | None = None
    results_hidden: bool = True
    voting_open: bool = False
    revealed: bool = False

    @property
    def results_visible(self) -> bool:
        return self.revealed or not self.results_hidden


@dataclass(frozen=True)
class Participant:
    """Someone in the room. `rejoin_code` is their personal secret for coming back."""

    id: str
    name: str
    sector: Sector
    organisation: str = ""
    language: str = "da"
    rejoin_code: str = ""


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


class Verdict(StrEnum):
    """What the facilitator made of an analysis finding."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class Idea:
    id: str
    participant_id: str
    prompt: Prompt
    text: str
    theme_id: str | None = None


@dataclass(frozen=True)
class Theme:
    """A group of notes. `selected`: a candidate for the vote; `chosen`: goes on to a
    working group. The three notes answer the method's guiding questions."""

    id: str
    label: str
    selected: bool = False
    needs: str = ""
    use_each_other: str = ""
    team: str = ""
    chosen: bool = False


@dataclass(frozen=True)
class Change:
    """What moved in a workshop since a revision: the apps refresh only these topics."""

    revision: int
    topics: frozenset[str]
