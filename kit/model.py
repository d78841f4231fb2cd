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


class GroupStatus(StrEnum):
    """A working group's life: set up at the workshop, then running as operation, then done."""

    ACTIVE = "active"
    RUNNING = "running"
    CLOSED = "closed"


class ActionStatus(StrEnum):
    OPEN = "open"
    DOING = "doing"
    DONE = "done"


class Role(StrEnum):
    MEMBER = "member"
    COORDINATOR = "coordinator"


class ActorKind(StrEnum):
    """The kinds of actors the method asks to have in the room (the register may add others)."""

    FORVALTNING = "forvaltning"
    FLYGTNINGE = "flygtninge"
    LOKALE_BORGERE = "lokale borgere"
    SOCIAL_FORENING = "social forening"
    SELVORGANISEREDE = "selvorganiserede frivillige"
    LOKALT_SAMRAAD = "lokalt samråd"
    IDRAETSFORENING = "idrætsforening"
    TROSSAMFUND = "trossamfund"
    VIRKSOMHED = "virksomhed"

    @property
    def key(self) -> str:
        """Its message-catalog key."""
        return "actor_kind." + self.name.lower()


class ForumKind(StrEnum):
    """The fora a local collaboration can have: steering, broad dialogue, co-creation."""

    KOORDINERINGSFORUM = "koordineringsforum"
    NETVAERKSGRUPPE = "netværksgruppe"
    ARBEJDSGRUPPE = "arbejdsgruppe"

    @property
    def key(self) -> str:
        return "forum_kind." + self.name.lower()


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
MAX_TERMS = 4000
"""A field of terms of reference (purpose, tasks, mandate, composition)."""
MAX_WISH = 3
"""Participants give a first, second and third wish."""


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
    group_min_size: int = 3
    group_max_size: int = 8
    groups_confirmed: bool = False

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
    volunteer: bool = False


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
class Actor:
    """Someone to involve, from the actor register (an organisation, department or group)."""

    id: str
    name: str
    kind: str
    sector: Sector
    contact: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Group:
    """A working group for one chosen theme; `members` and `invited` (actor ids) in order."""

    id: str
    theme_id: str
    name: str
    coordinator_id: str | None = None
    purpose: str = ""
    tasks: str = ""
    mandate: str = ""
    composition: str = ""
    meeting_frequency: str = ""
    first_meeting: str = ""
    status: GroupStatus = GroupStatus.ACTIVE
    members: tuple[str, ...] = ()
    invited: tuple[str, ...] = ()


TERMS = ("purpose", "tasks", "mandate", "composition", "meeting_frequency")
"""The fields of a group's terms of reference, in the order documents show them."""


AGREEMENT = ("duties_kommune", "duties_civilsamfund", "contact_kommune",
             "contact_civilsamfund", "response_time", "contact_how", "influence")
"""The fields a partnership agreement adds to the terms of reference: each side's
responsibilities and contact person, expected response time, how to reach each other and
what each side can influence."""


@dataclass(frozen=True)
class Forum:
    """A standing forum of the local collaboration. `members` and `coordinator` are member
    keys: "participant:<id>" or "actor:<id>"."""

    id: str
    kind: ForumKind
    name: str
    coordinator: str | None = None
    purpose: str = ""
    tasks: str = ""
    mandate: str = ""
    composition: str = ""
    meeting_frequency: str = ""
    duties_kommune: str = ""
    duties_civilsamfund: str = ""
    contact_kommune: str = ""
    contact_civilsamfund: str = ""
    response_time: str = ""
    contact_how: str = ""
    influence: str = ""
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """A follow-up action of a working group."""

    id: str
    group_id: str
    title: str
    owner: str = ""
    due: str | None = None
    status: ActionStatus = ActionStatus.OPEN


@dataclass(frozen=True)
class Change:
    """What moved in a workshop since a revision: the apps refresh only these topics."""

    revision: int
    topics: frozenset[str]
