"""The workshop's domain: frozen dataclasses and enums, with no I/O.

Every other layer (store, views, algorithms, exchange format) speaks in these names, so that a
concept has one name in code, tables, columns and UI keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar


class Sector(StrEnum):
    """Which side of the collaboration a participant or actor belongs to."""

    KOMMUNE = "kommune"
    CIVILSAMFUND = "civilsamfund"
    FLYGTNING = "flygtning"


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


class Prompt(StrEnum):
    """The two questions ideas answer (the ideas step's; here so that the workshop handle's
    `add_idea` can default to one without importing a step)."""

    UDFORDRING = "udfordring"
    BEHOV = "behov"


class Status(StrEnum):
    """Whether a workshop still accepts participants."""

    OPEN = "open"
    CLOSED = "closed"


class PartnershipStatus(StrEnum):
    """Whether a partnership's public pages (overview, needs check) still answer."""

    ACTIVE = "active"
    ARCHIVED = "archived"


LANGUAGES: tuple[str, ...] = (
    "da",
    "en",
    "uk",
    "ar",
)
"""The languages participant screens speak; facilitator screens speak the first two. Adding a
language is its catalog `kit/i18n/<code>.json` plus its code on a line of its own here (the
README's "Adding a language" says how)."""

FACILITATOR_LANGUAGES: tuple[str, ...] = ("da", "en")
RTL_LANGUAGES: frozenset[str] = frozenset({"ar"})
"""Kept for callers of old; the screens ask the catalog (`kit.i18n.is_rtl`)."""

TRANSLATED_FIELDS: tuple[str, ...] = ("label", "purpose", "first_meeting")
"""What of the facilitator's writing can be translated: a theme's label, a group's name, a
ground-rule task's title or a house rule (`label`), a group's purpose and its first meeting."""


@dataclass(frozen=True)
class Translation:
    """One text the facilitator wrote, in one participant language: `item_id` is a theme's
    or a group's id, `field` one of `TRANSLATED_FIELDS`."""

    item_id: str
    field: str
    language: str
    text: str


FIRST_WEEK, LAST_WEEK = -8, 26

MAX_NAME = 80
MAX_ORGANISATION = 120
MAX_TITLE = 200
MAX_IDEA = 280
MAX_LABEL = 80
MAX_DESCRIPTION = 500
MAX_TERMS = 4000
"""A field of terms of reference (purpose, tasks, mandate, composition)."""


@dataclass(frozen=True)
class WorkshopState:
    """A snapshot of one workshop's settings and progress (the live handle is `Workshop`).

    From `review_open` to `groups_confirmed` but `board_focus`, the fields are steps'
    settings, stored in tables the steps own (issue 26: `timeline_settings`,
    `voting_settings`, `group_settings`); the handle reads them with the workshop's row, so
    the apps find them here as before."""

    id: str
    code: str
    title: str
    municipality: str
    date: str
    language: str
    phase: str  # the name of a step in the registry
    status: Status
    revision: int
    timer_ends_at: float | None = None
    review_open: bool = False
    dots_per_participant: int = 3
    max_dots_per_theme: int | None = None
    results_hidden: bool = True
    voting_open: bool = False
    revealed: bool = False
    group_min_size: int = 3
    group_max_size: int = 8
    groups_confirmed: bool = False
    board_focus: str = ""
    """What the board shows large instead of the step: "", "timer", "results" or
    "theme:<id>" (see `Workshop.set_board_focus`)."""
    closed_at: float | None = None
    """When the workshop was closed (epoch seconds); it may be reopened for
    `kit.workshop.REOPEN_DAYS` days after."""
    partnership_id: str = ""
    """The partnership (`PartnershipState`) this workshop is an event in."""

    @property
    def results_visible(self) -> bool:
        return self.revealed or not self.results_hidden


@dataclass(frozen=True)
class PartnershipState:
    """A snapshot of one partnership (issue 27): a municipality's local collaboration between
    the municipality and civil society, which lasts for years and holds its workshops, its
    public pages and its agreement. The live handle is `kit.partnership.Partnership`."""

    id: str
    name: str
    municipality: str
    public_code: str
    """The read-only code of the public pages (overview, poster, needs check): it opens
    nothing else, unlike a workshop's join code, and stays from one workshop to the next."""
    status: PartnershipStatus = PartnershipStatus.ACTIVE
    created_at: float = 0.0
    archived_at: float | None = None
    agreement_start: str = ""
    """The agreement's period (ISO dates; "" while not agreed) and when it is reviewed."""
    agreement_end: str = ""
    agreement_review: str = ""


@dataclass(frozen=True)
class Participant:
    """Someone in the room. `rejoin_code` is their personal secret for coming back."""

    id: str
    name: str
    sector: Sector
    organisation: str = ""
    language: str = "da"
    rejoin_code: str = ""
    volunteer: bool = False


class Topic(str):
    """What a write changed, so that each page refreshes only what shows it. Writers pass
    these to the revision bump, listeners subscribe to them.

    The set is open: the core declares its own two below (the workshop's row and its
    participants), and each step declares the topics of its own tables in its own folder
    (its `topics.py`), so a new step adds one without touching the core. A name
    nobody declared is refused (`Topic("typo")` raises), as a misspelt listener must be."""

    __slots__ = ()
    _declared: ClassVar[dict[str, Topic]] = {}
    WORKSHOP: ClassVar[Topic]
    PARTICIPANTS: ClassVar[Topic]

    def __new__(cls, name: str) -> Topic:
        found = cls._declared.get(name)
        if found is None:
            raise ValueError(f"no topic is called {name!r}")
        return found

    def __reduce__(self) -> tuple[type[Topic], tuple[str]]:
        return (Topic, (str(self),))

    @classmethod
    def declare(cls, name: str) -> Topic:
        """The topic called `name`, declared now if it is the first time (declaring twice
        gives the same topic: two steps may listen to one another's)."""
        if name not in cls._declared:
            cls._declared[name] = str.__new__(cls, name)
        return cls._declared[name]

    @classmethod
    def declared(cls) -> frozenset[Topic]:
        """Every topic declared so far: the core's and those of the steps imported."""
        return frozenset(cls._declared.values())

    @property
    def value(self) -> str:
        """The name stored in the `changes` table."""
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Topic({str.__str__(self)!r})"


Topic.WORKSHOP = Topic.declare("workshop")
Topic.PARTICIPANTS = Topic.declare("participants")


@dataclass(frozen=True)
class Change:
    """What moved in a workshop since a revision: the apps refresh only these topics."""

    revision: int
    topics: frozenset[Topic]
    owners: Mapping[Topic, frozenset[str]] = field(default_factory=dict)
    """For a topic in which only some participants' own rows changed: whose. A topic not
    here changed for everyone."""

    def seen_by(self, participant_id: str | None) -> frozenset[Topic]:
        """The topics that changed on the screen of `participant_id` (all for None)."""
        if participant_id is None:
            return self.topics
        return frozenset(t for t in self.topics
                         if t not in self.owners or participant_id in self.owners[t])


@dataclass(frozen=True)
class Finding:
    """Something to act on, from any step's analysis: `key` names the catalog message,
    `params` fill it in, `refs` are the ids of what it is about (cards, groups, fora)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    refs: tuple[str, ...] = ()
