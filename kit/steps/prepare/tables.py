"""The prepare step's own tables, declared once on the kit's shared `metadata` (the
step's `tables` hook loads them; the core's migrations made them, before steps had
branches of their own)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Index, Text, false

from kit.core.schema_parts import _child, _settings

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


TABLES = (prepare_settings, invitation_details, actors, rsvps)
"""In the order they are declared (a table after those it refers to)."""
