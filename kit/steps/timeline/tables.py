"""The timeline step's own tables, declared once on the kit's shared `metadata` (the
step's `tables` hook loads them; the core's migrations made them, before steps had
branches of their own)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, Text, false

from kit.core.schema_parts import _child, _settings

timeline_settings = _settings(
    "timeline_settings",
    # the review of the timeline's findings shown on the board
    Column("review_open", Boolean, nullable=False, server_default=false()),
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


TABLES = (timeline_settings, cards, findings)
"""In the order they are declared (a table after those it refers to)."""
