"""The voting step's own tables, declared once on the kit's shared `metadata` (the
step's `tables` hook loads them; the core's migrations made them, before steps had
branches of their own)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, Text, false, true

from kit.core.schema_parts import _child, _settings

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


votes = _child(
    "votes",
    Column("participant_id", Text, nullable=False),
    Column("theme_id", Text, nullable=False),
    Column("dots", Integer, nullable=False),
    pk=("workshop_id", "participant_id", "theme_id"),
)


TABLES = (voting_settings, votes)
"""In the order they are declared (a table after those it refers to)."""
