"""The store's tables, declared once with SQLAlchemy: the target Alembic migrations reach
(the partnership's own tables are in `schema_partnership.py`, the shapes of a table in
`schema_parts.py`; loading this module loads them all).

Only migrations, a purge (`WORKSHOP_TABLES`) and an import (the columns a file does not
carry) load this module; the store's queries run through the thin DB-API layer in `db.py` so
that participant kernels never load SQLAlchemy (it alone adds ~21 MiB to a kernel, more than
the whole lean-kernel budget). The models the stores map rows to (`kit.core.rows.Table`) and
the exchange sheets (`kit.core.sheets`) are checked against these declarations by
`tests/test_tables.py`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    Table,
    Text,
    false,
    text,
    true,
)

import kit.core.schema_partnership  # noqa: F401  (the partnership's tables join `metadata`)
from kit.core.schema_parts import _child, _settings
from kit.core.schema_parts import metadata as metadata  # the one every table joins

# -- the partnership (issue 27): a municipality's local collaboration, above its workshops --
partnerships = Table(
    "partnerships",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("municipality", Text, nullable=False),
    # the read-only code of the public pages (`kit.pages`), never a join code: it stays the
    # same from one workshop to the next, so printed posters keep working for years
    Column("public_code", Text, nullable=False),
    Column("coordinator_key", Text, nullable=False),
    Column("status", Text, nullable=False, server_default="active"),
    Column("created_at", Float, nullable=False),
    Column("archived_at", Float),
    # the partnership agreement: its period and when it is reviewed (ISO dates, "" unset)
    Column("agreement_start", Text, nullable=False, server_default=""),
    Column("agreement_end", Text, nullable=False, server_default=""),
    Column("agreement_review", Text, nullable=False, server_default=""),
    Index("ix_partnerships_public_code", "public_code", unique=True),
)

workshops = Table(
    "workshops",
    metadata,
    Column("id", Text, primary_key=True),
    Column("partnership_id", Text, nullable=False),
    Column("code", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("municipality", Text, nullable=False),
    Column("date", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("phase", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("facilitator_key", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("timer_ends_at", Float),
    Column("created_at", Float, nullable=False),
    # what the board shows large for the whole room (the timer, the vote's results, a theme):
    # the board's, across steps, so the workshop's as the phase and the timer are
    Column("board_focus", Text, nullable=False, server_default=""),
    Column("closed_at", Float),
    Index("ix_workshops_open_code", "code", unique=True,
          sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
    Index("ix_workshops_partnership", "partnership_id"),
    ForeignKeyConstraint(["partnership_id"], ["partnerships.id"], ondelete="CASCADE",
                         name="fk_workshops_partnership"),
)

# -- the steps' settings (issue 26): one row per workshop in a table the step owns, made at
# the step's first change (until then its model's defaults stand) --------------------------

prepare_settings = _settings(
    "prepare_settings",
    # the co-creation check's answers, as JSON ({question: yes / no / unsure})
    Column("check_answers", Text, nullable=False, server_default=""),
)

invitation_details = _settings(
    "invitation_details",
    # what the workshop is for, in the facilitator's words: its invitations carry it (issue 27)
    Column("purpose", Text, nullable=False, server_default=""),
    # where and when on the day, as typed ("Rådhuset, sal 2", "17.00-20.00"): "" unknown
    Column("place", Text, nullable=False, server_default=""),
    Column("hours", Text, nullable=False, server_default=""),
)

timeline_settings = _settings(
    "timeline_settings",
    # the review of the timeline's findings shown on the board
    Column("review_open", Boolean, nullable=False, server_default=false()),
)

voting_settings = _settings(
    "voting_settings",
    Column("dots_per_participant", Integer, nullable=False, server_default="3"),
    Column("max_dots_per_theme", Integer),
    Column("results_hidden", Boolean, nullable=False, server_default=true()),
    Column("voting_open", Boolean, nullable=False, server_default=false()),
    Column("revealed", Boolean, nullable=False, server_default=false()),
    # why the chosen themes depart from the vote's order (issue 30); "" when they do not
    Column("choice_reason", Text, nullable=False, server_default=""),
)

group_settings = _settings(
    "group_settings",
    Column("group_min_size", Integer, nullable=False, server_default="3"),
    Column("group_max_size", Integer, nullable=False, server_default="8"),
    Column("groups_confirmed", Boolean, nullable=False, server_default=false()),
)

participants = _child(
    "participants",
    Column("id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("sector", Text, nullable=False),
    Column("organisation", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("rejoin_code", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("volunteer", Boolean, nullable=False, server_default=false()),
)
Index("ix_participants_rejoin", participants.c.workshop_id, participants.c.rejoin_code,
      unique=True)

actors = _child(
    "actors",
    Column("id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("sector", Text, nullable=False),
    Column("contact", Text, nullable=False),
    Column("remarks", Text, nullable=False),
    # agreed to be named, with its contact, on the public overview
    Column("listed", Boolean, nullable=False, server_default=false()),
    # people who came as refugees and now volunteer (the reception corps): civil society
    # that also counts as refugees taking part (issue 27, blanks)
    Column("refugee_background", Boolean, nullable=False, server_default=false()),
    # the organisation (an actor of the same workshop) this one is a branch of: one voice
    # in the checks (issue 27, branches; the store keeps it one level deep, no cycles)
    Column("parent_id", Text, nullable=True),
)

cards = _child(
    "cards",
    Column("id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("owner", Text, nullable=False),
    Column("sector", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("start_week", Integer, nullable=False),
    Column("end_week", Integer, nullable=False),
    Column("description", Text, nullable=False, server_default=""),
    Column("participant_id", Text),
    # an offer that has ended: kept for the record, left off the living overview
    Column("retired", Boolean, nullable=False, server_default=false()),
    # an offer carried over from the partnership's workshop before (issue 27, carry)
    Column("carried", Boolean, nullable=False, server_default=false()),
)

findings = _child(
    "findings",
    Column("key", Text, nullable=False),
    Column("status", Text, nullable=False),
    pk=("workshop_id", "key"),
)

themes = _child(
    "themes",
    Column("id", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("selected", Boolean, nullable=False),
    Column("needs", Text, nullable=False, server_default=""),
    Column("use_each_other", Text, nullable=False, server_default=""),
    Column("team", Text, nullable=False, server_default=""),
    Column("chosen", Boolean, nullable=False, server_default=false()),
    # its area of the integration field (a `Category` value, "" while none is known)
    Column("area", Text, nullable=False, server_default=""),
    Column("created_at", Float),
)

translations = _child(
    "translations",
    # a theme's label, a group's name, purpose or first meeting in one participant language
    Column("item_id", Text, nullable=False),
    Column("field", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("text", Text, nullable=False),
    pk=("workshop_id", "item_id", "field", "language"),
)

ideas = _child(
    "ideas",
    Column("id", Text, nullable=False),
    Column("participant_id", Text, nullable=False),
    Column("prompt", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("theme_id", Text),
    Column("created_at", Float, nullable=False),
)

suggested = _child(
    "suggested",
    Column("idea_id", Text, nullable=False),
    # the words that tie the note to the theme it was placed in, comma-separated
    Column("words", Text, nullable=False),
    pk=("workshop_id", "idea_id"),
)
"""Notes the kit placed into a theme (`place_new_notes`), until the facilitator accepts."""

votes = _child(
    "votes",
    Column("participant_id", Text, nullable=False),
    Column("theme_id", Text, nullable=False),
    Column("dots", Integer, nullable=False),
    pk=("workshop_id", "participant_id", "theme_id"),
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

changes = _child(
    "changes",
    Column("revision", Integer, nullable=False),
    Column("topic", Text, nullable=False),
    # whose own rows the change touched; NULL: anyone's screen may show it
    Column("participant_id", Text),
    pk=("workshop_id", "revision", "topic"),
)

undo = _child(
    "undo",
    Column("seq", Integer, nullable=False),
    Column("snapshot", Text, nullable=False),
    pk=("workshop_id", "seq"),
)

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

# -- ground rules (issue 21): who does which task, and the house rules ---------------------
rule_tasks = _child(
    "rule_tasks",
    Column("id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("category", Text),
    Column("card_id", Text),
    # the facilitator's settlement: "" while open, else a `Division` value
    Column("settled", Text, nullable=False, server_default=""),
)

rule_votes = _child(
    "rule_votes",
    Column("participant_id", Text, nullable=False),
    Column("task_id", Text, nullable=False),
    Column("division", Text, nullable=False),
    pk=("workshop_id", "participant_id", "task_id"),
)

house_rules = _child(
    "house_rules",
    Column("id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("agreed", Boolean, nullable=False, server_default=false()),
)

# -- the refugees' needs check: anonymous answers, never linked to a participant ------------
need_answers = _child(
    "need_answers",
    Column("id", Text, nullable=False),
    Column("response", Text, nullable=False),
    Column("round", Text, nullable=False),
    Column("question", Text, nullable=False),
    Column("category", Text),
    Column("text", Text, nullable=False, server_default=""),
    Column("language", Text, nullable=False),
    Column("seen", Boolean, nullable=False, server_default=false()),
    # who answered, as they said it (a `Respondent` value; "" from before the form asked)
    Column("respondent", Text, nullable=False, server_default=""),
)

# -- invitations (issue 27/28, invite) --
rsvps = _child(
    "rsvps",
    # one row per actor invited from the register (`invitations` is the groups' table)
    Column("id", Text, nullable=False),
    Column("actor_id", Text, nullable=False),
    Column("language", Text, nullable=False, server_default="da"),
    # opens this one answer on the RSVP page and nothing else: long, random, unique
    Column("token", Text, nullable=False),
    # "" until answered, else yes / no / maybe (the invitee's reply)
    Column("answer", Text, nullable=False, server_default=""),
    Column("answered_at", Float),
    Column("created_at", Float, nullable=False),
)
Index("ix_rsvps_token", rsvps.c.token, unique=True)
Index("ix_rsvps_actor", rsvps.c.workshop_id, rsvps.c.actor_id, unique=True)


def workshop_tables() -> tuple[str, ...]:
    """Every table whose rows belong to one workshop (it has a `workshop_id` column), children
    before parents: what purging a workshop empties before deleting its `workshops` row.
    Read from the declarations when called, so a step's own tables (declared in its folder
    when its `tables` hook is loaded) are among them."""
    return tuple(table.name for table in reversed(metadata.sorted_tables)
                 if "workshop_id" in table.c)


def partnership_tables() -> tuple[str, ...]:
    """Every table whose rows belong to one partnership but to none of its workshops,
    children before parents: what purging a partnership empties besides its workshops."""
    return tuple(table.name for table in reversed(metadata.sorted_tables)
                 if "partnership_id" in table.c and table.name != "workshops")


WORKSHOP_TABLES: tuple[str, ...] = workshop_tables()
"""The core's declared workshop tables (`workshop_tables()` as this module loads)."""

PARTNERSHIP_TABLES: tuple[str, ...] = partnership_tables()
"""The core's declared partnership tables (`partnership_tables()` as this module loads)."""

SETTINGS_TABLES: tuple[str, ...] = tuple(
    t.name for t in metadata.sorted_tables
    if [c.name for c in t.primary_key.columns] == ["workshop_id"])
"""The steps' settings tables (one row per workshop): what a workshop's exchange sheet
carries of them rides in its `workshop` sheet, as before they moved (issue 26)."""
