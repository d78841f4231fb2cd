"""The groups step's own tables, declared once on the kit's shared `metadata` (the
step's `tables` hook loads them; the core's migrations made them, before steps had
branches of their own)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKeyConstraint, Integer, Text, false

from kit.core.schema_parts import _child, _settings

group_settings = _settings(
    "group_settings",
    Column("group_min_size", Integer, nullable=False, server_default="3"),
    Column("group_max_size", Integer, nullable=False, server_default="8"),
    Column("groups_confirmed", Boolean, nullable=False, server_default=false()),
)


preferences = _child(
    "preferences",
    Column("participant_id", Text, nullable=False),
    Column("theme_id", Text, nullable=False),
    Column("rank", Integer, nullable=False),
    pk=("workshop_id", "participant_id", "theme_id"),
)


groups = _child(
    "groups",
    Column("id", Text, nullable=False),
    # NULL for a group carried over from the workshop before (its theme was that one's)
    Column("theme_id", Text),
    Column("name", Text, nullable=False),
    Column("coordinator_id", Text),
    Column("purpose", Text, nullable=False),
    Column("tasks", Text, nullable=False),
    Column("mandate", Text, nullable=False),
    Column("meeting_frequency", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("composition", Text, nullable=False, server_default=""),
    Column("first_meeting", Text, nullable=False, server_default=""),
    # a group that ran on from the partnership's workshop before (issue 27, carry): its
    # theme is of that workshop, and forming groups anew keeps it
    Column("carried", Boolean, nullable=False, server_default=false()),
    # the first meeting as facts (issue 27, blanks): ISO date, HH:MM, place; "" while not
    # agreed. `first_meeting` stays as the free text older workshops wrote.
    Column("first_meeting_date", Text, nullable=False, server_default=""),
    Column("first_meeting_time", Text, nullable=False, server_default=""),
    Column("first_meeting_place", Text, nullable=False, server_default=""),
)


invitations = _child(
    "invitations",
    Column("group_id", Text, nullable=False),
    Column("actor_id", Text, nullable=False),
    pk=("workshop_id", "group_id", "actor_id"),
)
# an actor struck from the register takes its invitations with it (issue 26: the prepare
# step never deletes the groups step's rows itself)
invitations.append_constraint(ForeignKeyConstraint(
    ["workshop_id", "actor_id"], ["actors.workshop_id", "actors.id"], ondelete="CASCADE",
    name="fk_invitations_actor"))


memberships = _child(
    "memberships",
    Column("group_id", Text, nullable=False),
    Column("participant_id", Text, nullable=False),
    Column("role", Text, nullable=False),
    pk=("workshop_id", "group_id", "participant_id"),
)


actions = _child(
    "actions",
    Column("id", Text, nullable=False),
    Column("group_id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("owner", Text, nullable=False),
    Column("due", Text),
    Column("status", Text, nullable=False),
)


TABLES = (group_settings, preferences, groups, invitations, memberships, actions)
"""In the order they are declared (a table after those it refers to)."""
