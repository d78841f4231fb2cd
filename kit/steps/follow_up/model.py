"""The local organisation's data: the fora (coordination forum, network group, working
groups) with their members and partnership-agreement fields."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
