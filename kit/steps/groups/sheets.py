"""The working groups' sheets of the exchange format: preferences, groups, their members,
their follow-up actions and the actors they invite."""

from __future__ import annotations

from kit.core.errors import KitError
from kit.core.model import MAX_NAME
from kit.core.sheets import MAX_LONG, Column, Rows, Sheet, bad, choice, ident, long_text
from kit.steps.groups.model import ActionStatus, GroupStatus, Role

PREFERENCES = Sheet("preferences", (
    ident("participant_id"), ident("theme_id"), Column("rank", "int", bounds=(0, 100)),
), key=("participant_id", "theme_id"),
   references=(("participant_id", "participants"), ("theme_id", "themes")))

def _meeting_times_are_times(rows: Rows) -> None:
    """A first meeting's time is a time of day, as the store keeps it (HH:MM)."""
    from kit.steps.groups.meeting import clean_time

    for n, group in enumerate(rows["groups"], start=2):
        value = group.get("first_meeting_time") or ""
        try:
            ok = clean_time(value) == value
        except KitError:
            ok = False
        if not ok:
            raise bad("groups", n, "first_meeting_time", value)


GROUPS = Sheet("groups", (
    ident(), ident("theme_id", nullable=True), Column("name"),
    ident("coordinator_id", nullable=True),
    long_text("purpose"), long_text("tasks"), long_text("mandate"),
    Column("meeting_frequency", required=False), choice("status", GroupStatus),
    Column("composition", max_length=MAX_LONG, multiline=True, required=False, optional=True),
    Column("first_meeting", max_length=MAX_NAME, required=False, optional=True),
    Column("carried", "bool", optional=True),
    # schema 0016e: older files have no first meeting as facts
    Column("first_meeting_date", max_length=10, date=True, required=False, optional=True),
    Column("first_meeting_time", max_length=5, required=False, optional=True),
    Column("first_meeting_place", max_length=MAX_NAME, required=False, optional=True),
), translated=True, references=(("theme_id", "themes"), ("coordinator_id", "participants")),
   check=_meeting_times_are_times)

MEMBERSHIPS = Sheet("memberships", (
    ident("group_id"), ident("participant_id"), choice("role", Role),
), key=("group_id", "participant_id"),
   references=(("group_id", "groups"), ("participant_id", "participants")))

ACTIONS = Sheet("actions", (
    ident(), ident("group_id"), Column("title"), Column("owner", required=False),
    Column("due", nullable=True, max_length=10, date=True), choice("status", ActionStatus),
), references=(("group_id", "groups"),))

INVITATIONS = Sheet("invitations", (ident("group_id"), ident("actor_id")),
                    key=("group_id", "actor_id"),
                    references=(("group_id", "groups"), ("actor_id", "actors")), optional=True)
