"""The ideas step's own tables, declared once on the kit's shared `metadata` (the
step's `tables` hook loads them; the core's migrations made them, before steps had
branches of their own)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Integer, Text, false

from kit.core.schema_parts import _child

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


undo = _child(
    "undo",
    Column("seq", Integer, nullable=False),
    Column("snapshot", Text, nullable=False),
    pk=("workshop_id", "seq"),
)


TABLES = (themes, ideas, suggested, undo)
"""In the order they are declared (a table after those it refers to)."""
