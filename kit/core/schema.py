"""The core's tables, declared once with SQLAlchemy: the partnership, its workshops, who
joined them, the translations of their labels and the revision feed (the friend programme's
are in `schema_partnership.py`, the shapes of a table in `schema_parts.py`). Every step
declares its own tables in its folder, on the same `metadata`; the registry's `tables()`
loads them, and what reads the declarations as a whole (a purge, an import, the schema
tests) calls it first.

Only migrations, a purge (`workshop_tables()`) and an import (the columns a file does not
carry) load this module; the store's queries run through the thin DB-API layer in `db.py` so
that participant kernels never load SQLAlchemy (it alone adds ~21 MiB to a kernel, more than
the whole lean-kernel budget). The models the stores map rows to (`kit.core.rows.Table`) and
the exchange sheets (`kit.core.sheets`) are checked against these declarations by
`tests/test_tables.py`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    Table,
    Text,
    false,
    text,
)

import kit.core.schema_partnership  # noqa: F401  (the partnership's tables join `metadata`)
from kit.core.schema_parts import _child
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

# -- who joined a workshop, the translations of its labels, and the revision feed; every
# step's own tables are declared in its own folder (its `tables.py`) -----------------------
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


translations = _child(
    "translations",
    # a theme's label, a group's name, purpose or first meeting in one participant language
    Column("item_id", Text, nullable=False),
    Column("field", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("text", Text, nullable=False),
    pk=("workshop_id", "item_id", "field", "language"),
)


changes = _child(
    "changes",
    Column("revision", Integer, nullable=False),
    Column("topic", Text, nullable=False),
    # whose own rows the change touched; NULL: anyone's screen may show it
    Column("participant_id", Text),
    pk=("workshop_id", "revision", "topic"),
)



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


def settings_tables() -> tuple[str, ...]:
    """The steps' settings tables (one row per workshop) declared so far: what a workshop's
    exchange sheet carries of them rides in its `workshop` sheet, as before they moved out of
    the `workshops` row (issue 26)."""
    return tuple(t.name for t in metadata.sorted_tables
                 if [c.name for c in t.primary_key.columns] == ["workshop_id"])
