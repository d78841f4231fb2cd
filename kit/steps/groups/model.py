"""The working groups' data: groups with their terms of reference, members, and the
actions they follow up on."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.model import WorkshopState


def groups_stand(state: WorkshopState) -> bool:
    """Whether phones and board show the groups as they are: once the facilitator confirms
    them, and in any step after the groups step even unconfirmed (an imported workshop
    starts unconfirmed: confirming is live session state, not exported)."""
    from kit import steps  # the registry's order, read when asked

    return state.groups_confirmed or steps.comes_after(state.phase, "groups")


@dataclass(frozen=True)
class GroupSettings:
    """How one workshop forms its groups (the `group_settings` row, issue 26): the sizes a
    group should have, and whether the facilitator confirmed the groups (the workshop's
    state, `WorkshopState`, shows them to the apps)."""

    group_min_size: int = 3
    group_max_size: int = 8
    groups_confirmed: bool = False


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


MAX_PREFERENCE = 3
"""Participants give a first, second and third preference."""


@dataclass(frozen=True)
class Group:
    """A working group for one chosen theme; `members` and `invited` (actor ids) in order."""

    id: str
    theme_id: str | None
    """None for a group carried over: its theme was the workshop before's."""
    name: str
    coordinator_id: str | None = None
    purpose: str = ""
    tasks: str = ""
    mandate: str = ""
    composition: str = ""
    meeting_frequency: str = ""
    first_meeting: str = ""
    """Free text older workshops wrote ("tirsdag kl. 17"); the facts are the three below."""
    first_meeting_date: str = ""
    """The first meeting's ISO date, time (HH:MM) and place; "" while not agreed."""
    first_meeting_time: str = ""
    first_meeting_place: str = ""
    status: GroupStatus = GroupStatus.ACTIVE
    members: tuple[str, ...] = ()
    invited: tuple[str, ...] = ()
    carried: bool = False
    """Runs on from the partnership's workshop before: its theme is that workshop's, its
    members are formed anew (they were the participants of that day)."""


TERMS = ("purpose", "tasks", "mandate", "composition", "meeting_frequency")
"""The fields of a group's terms of reference, in the order documents show them."""


@dataclass(frozen=True)
class Action:
    """A follow-up action of a working group."""

    id: str
    group_id: str
    title: str
    owner: str = ""
    due: str | None = None
    status: ActionStatus = ActionStatus.OPEN
