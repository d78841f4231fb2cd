"""The local organisation's data: the fora (coordination forum, network group, working
groups) with their members and partnership-agreement fields; and their meetings (issue 27):
who came, the decisions, the follow-up actions, the agenda items and turnover."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.model import Sector


class ForumKind(StrEnum):
    """The fora a local collaboration can have: steering, broad dialogue, co-creation."""

    KOORDINERINGSFORUM = "koordineringsforum"
    NETVAERKSGRUPPE = "netværksgruppe"
    ARBEJDSGRUPPE = "arbejdsgruppe"

    @property
    def key(self) -> str:
        return "forum_kind." + self.name.lower()


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


# -- fora that meet (issue 27) -------------------------------------------------------------
STANDING_ITEMS = ("agenda.approve_agenda", "agenda.approve_minutes", "agenda.round",
                  "agenda.news_kommune", "agenda.status_volunteers", "agenda.groups")
"""Every forum's standing agenda items (catalog keys), in the order a meeting takes them:
the agenda of each meeting starts from these."""


@dataclass(frozen=True)
class Meeting:
    """One meeting of a forum: when and where, the items added to the standing ones (one per
    line of `agenda`) and the minutes. Dates are ISO, times "HH:MM" ("" not agreed yet)."""

    id: str
    forum_id: str
    date: str
    start_time: str = ""
    end_time: str = ""
    place: str = ""
    agenda: str = ""
    minutes: str = ""
    created_at: float = 0.0

    @property
    def added_items(self) -> tuple[str, ...]:
        return tuple(x.strip() for x in self.agenda.splitlines() if x.strip())


@dataclass(frozen=True)
class Attendee:
    """Someone who came to a meeting, and from which organisation and sector; `role` is what
    they are there as, in their own words ("leader", "volunteer")."""

    id: str
    meeting_id: str
    name: str
    sector: Sector
    organisation: str = ""
    role: str = ""


@dataclass(frozen=True)
class Decision:
    """What a meeting decided, in one text."""

    id: str
    meeting_id: str
    text: str


@dataclass(frozen=True)
class ForumAction:
    """A follow-up action agreed at a meeting: who does it by when, and whether it is done.
    It stays on every later agenda of its forum until done."""

    id: str
    meeting_id: str
    forum_id: str
    text: str
    owner: str = ""
    due: str = ""
    done: bool = False


@dataclass(frozen=True)
class AgendaItem:
    """One item of a meeting's agenda: a standing item (`key`, a catalog key) or one added
    for this meeting (`text`); the item of open actions carries them."""

    key: str = ""
    text: str = ""
    actions: tuple[ForumAction, ...] = ()


@dataclass(frozen=True)
class Turnover:
    """Who keeps coming to a forum's meetings. People are told apart by name and
    organisation; `regulars` came to two meetings or more, `once` to one; `stopped` are the
    organisations that came before but to none of the last `STOPPED_AFTER` meetings;
    `returning` is the share of the latest meeting's people who had come before (None
    before a second meeting)."""

    held: int
    regulars: tuple[str, ...] = ()
    once: tuple[str, ...] = ()
    stopped: tuple[str, ...] = ()
    returning: float | None = None
    attendance: tuple[int, ...] = ()
    """How many came to each meeting held, the earliest first."""
