"""The ground rules step's own tables, declared once on the kit's shared `metadata` (the
step's `tables` hook loads them; the core's migrations made them, before steps had
branches of their own)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Text, false

from kit.core.schema_parts import _child

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


TABLES = (rule_tasks, rule_votes, house_rules)
"""In the order they are declared (a table after those it refers to)."""
