"""How the store's tables are declared: the one `metadata` every table joins (the core's in
`kit.core.schema` and `kit.core.schema_partnership`, a step's own in its folder) and the
shapes a table takes, a workshop's (`_child`), a partnership's (`_partner`) or a step's
settings, one row per workshop (`_settings`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ForeignKeyConstraint, MetaData, PrimaryKeyConstraint, Table, Text

metadata = MetaData()


def _child(name: str, *columns: Column[Any], pk: tuple[str, ...] = ("workshop_id", "id")) -> Table:
    """A table that belongs to one workshop and goes when the workshop is purged."""
    return Table(
        name,
        metadata,
        Column("workshop_id", Text, nullable=False),
        *columns,
        PrimaryKeyConstraint(*pk),
        ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    )


def _partner(name: str, *columns: Column[Any],
             pk: tuple[str, ...] = ("partnership_id", "id")) -> Table:
    """A table that belongs to one partnership (issue 27): it outlives the partnership's
    workshops and goes only when the partnership is purged."""
    return Table(
        name,
        metadata,
        Column("partnership_id", Text, nullable=False),
        *columns,
        PrimaryKeyConstraint(*pk),
        ForeignKeyConstraint(["partnership_id"], ["partnerships.id"], ondelete="CASCADE"),
    )


def _settings(name: str, *columns: Column[Any]) -> Table:
    return _child(name, *columns, pk=("workshop_id",))


__all__ = ["_child", "_partner", "_settings", "metadata"]
