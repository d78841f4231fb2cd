"""The follow up step's own tables, declared once on the kit's shared `metadata` (the
step's `tables` hook loads them; the core's migrations made them, before steps had
branches of their own)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Table,
    Text,
    false,
    text,
)

from kit.core.schema_parts import _child, _partner, metadata

fora = _child(
    "fora",
    Column("id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    *(Column(c, Text, nullable=False, server_default="") for c in (
        "purpose", "tasks", "mandate", "composition", "meeting_frequency", "duties_kommune",
        "duties_civilsamfund", "contact_kommune", "contact_civilsamfund", "response_time",
        "contact_how", "influence")),
)


forum_members = Table(
    # a forum's member: a participant or an actor of the register (exactly one of the two
    # references), one of them its coordinator. Each reference is a foreign key, so a member
    # struck from the register leaves its fora (and their coordinator seat) with it (issue
    # 26; until 0018b a "participant:<id>" / "actor:<id>" string with no key)
    "forum_members",
    metadata,
    Column("workshop_id", Text, nullable=False),
    Column("forum_id", Text, nullable=False),
    Column("participant_id", Text),
    Column("actor_id", Text),
    Column("coordinator", Boolean, nullable=False, server_default=false()),
    CheckConstraint("(participant_id IS NULL) <> (actor_id IS NULL)",
                    name="ck_forum_members_one_member"),
    ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE",
                         name="fk_forum_members_workshop"),
    ForeignKeyConstraint(["workshop_id", "forum_id"], ["fora.workshop_id", "fora.id"],
                         ondelete="CASCADE", name="fk_forum_members_forum"),
    ForeignKeyConstraint(["workshop_id", "participant_id"],
                         ["participants.workshop_id", "participants.id"], ondelete="CASCADE",
                         name="fk_forum_members_participant"),
    ForeignKeyConstraint(["workshop_id", "actor_id"], ["actors.workshop_id", "actors.id"],
                         ondelete="CASCADE", name="fk_forum_members_actor"),
)
Index("ix_forum_members_participant", forum_members.c.workshop_id, forum_members.c.forum_id,
      forum_members.c.participant_id, unique=True)
Index("ix_forum_members_actor", forum_members.c.workshop_id, forum_members.c.forum_id,
      forum_members.c.actor_id, unique=True)
Index("ix_forum_members_coordinator", forum_members.c.workshop_id, forum_members.c.forum_id,
      unique=True, sqlite_where=text("coordinator"), postgresql_where=text("coordinator"))


# A forum's meetings, who came, what was decided and the follow-up actions belong to the
# partnership: they outlive the workshop the forum was made in, and a forum carried over to
# a later workshop keeps its id, so they are keyed by (partnership_id, forum_id).
forum_meetings = _partner(
    "forum_meetings",
    Column("id", Text, nullable=False),
    Column("forum_id", Text, nullable=False),
    Column("date", Text, nullable=False),
    # "HH:MM", "" while not agreed
    Column("start_time", Text, nullable=False, server_default=""),
    Column("end_time", Text, nullable=False, server_default=""),
    Column("place", Text, nullable=False, server_default=""),
    # the items added to the forum's standing ones, one per line
    Column("agenda", Text, nullable=False, server_default=""),
    Column("minutes", Text, nullable=False, server_default=""),
    Column("created_at", Float, nullable=False),
)
Index("ix_forum_meetings_forum", forum_meetings.c.partnership_id, forum_meetings.c.forum_id)


meeting_attendance = _partner(
    "meeting_attendance",
    Column("id", Text, nullable=False),
    Column("meeting_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("organisation", Text, nullable=False, server_default=""),
    Column("sector", Text, nullable=False),
    Column("role", Text, nullable=False, server_default=""),
)


meeting_decisions = _partner(
    "meeting_decisions",
    Column("id", Text, nullable=False),
    Column("meeting_id", Text, nullable=False),
    Column("text", Text, nullable=False),
)


forum_actions = _partner(
    "forum_actions",
    Column("id", Text, nullable=False),
    Column("meeting_id", Text, nullable=False),
    Column("forum_id", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("owner", Text, nullable=False, server_default=""),
    # ISO date, "" for none
    Column("due", Text, nullable=False, server_default=""),
    Column("done", Boolean, nullable=False, server_default=false()),
)


TABLES = (fora, forum_members, forum_meetings,
          meeting_attendance, meeting_decisions, forum_actions)
"""In the order they are declared (a table after those it refers to)."""
