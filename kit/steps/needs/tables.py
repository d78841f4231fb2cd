"""The needs step's own tables, declared once on the kit's shared `metadata` (the
step's `tables` hook loads them; the core's migrations made them, before steps had
branches of their own)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Index, Text, false

from kit.core.schema_parts import _child, _partner

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


need_rounds = _partner(
    "need_rounds",
    Column("id", Text, nullable=False),
    # what the coordinator called it ("forår 2027"); the answers carry it (`need_answers.round`)
    Column("label", Text, nullable=False),
    Column("opened_at", Float, nullable=False),
    # NULL while the round is open (at most one per partnership is)
    Column("closed_at", Float),
)
Index("ix_need_rounds_label", need_rounds.c.partnership_id, need_rounds.c.label, unique=True)


TABLES = (need_answers, need_rounds)
"""In the order they are declared (a table after those it refers to)."""
