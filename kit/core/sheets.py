"""How a sheet of the exchange format is declared, and the two sheets the core owns.

A `Sheet` is one table of the exchange format: its typed `Column`s (kind, limits, choices:
what an imported cell is checked against), its key, the sheets its ids point into and the
checks across rows. The core declares `workshop` and `participants` here; each step declares
its own sheets in its package's `sheets.py` and names them in its `STEP` (a `sheets`
loader), and `kit.exchange` reads and writes whatever the registry's steps declare. The
columns are checked against the table declarations in `kit.core.schema` by
`tests/test_tables.py`, so a column added to a table cannot be forgotten here.

Nothing here imports a step or `kit.exchange`: step packages import this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kit.core import errors
from kit.core.model import (
    LANGUAGES,
    MAX_NAME,
    MAX_ORGANISATION,
    MAX_TERMS,
    MAX_TITLE,
    TRANSLATED_FIELDS,
    PartnershipStatus,
    Sector,
    Status,
)

Rows = dict[str, list[dict[str, Any]]]
"""Sheet name → its rows, each a dict of typed cells: what reading a file gives."""

RawSheet = tuple[Sequence[object], Sequence[Sequence[object]]]
"""One sheet's header and rows of cells as read from a file, before any validation."""
RawTables = Mapping[str, RawSheet]
"""Sheet → its raw header and rows."""



@dataclass(frozen=True)
class PartnershipRows:
    """A whole partnership as exchange rows (issue 27, `kit.exchange_partnership`): its own
    row (the `partnership` sheet), the rows of each table it owns (sheet → rows, without
    `partnership_id`) and each of its workshops' rows, as a workshop's own file has them."""

    partnership: dict[str, Any]
    owned: Rows = field(default_factory=dict)
    workshops: tuple[Rows, ...] = ()


MAX_LONG = 4000
MAX_ID = 40


@dataclass(frozen=True)
class Column:
    """One column of a sheet and what its cells may hold."""

    name: str
    kind: str = "text"  # text | int | bool
    nullable: bool = False
    max_length: int = MAX_TITLE
    choices: tuple[str, ...] | None = None
    bounds: tuple[int, int] | None = None
    multiline: bool = False
    required: bool = True  # a text that may be empty ("" rather than missing)
    optional: bool = False  # a column older files may lack (added after the first format)
    date: bool = False  # a text that must be a real calendar date, YYYY-MM-DD


def ident(name: str = "id", nullable: bool = False) -> Column:
    """An id, or a reference to one."""
    return Column(name, nullable=nullable, max_length=MAX_ID)


def choice(name: str, kind: type[StrEnum]) -> Column:
    """One of an enum's values."""
    return Column(name, choices=tuple(kind))


def long_text(name: str) -> Column:
    """A free text of several lines that may be empty (terms of reference, remarks)."""
    return Column(name, max_length=MAX_LONG, multiline=True, required=False)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the exchange format.

    `key`: the columns that tell its rows apart (and sort them on writing); `references`:
    (column, sheet) pairs, each column naming a row of that sheet (or empty where nullable);
    `optional`: added after the first file format, so older files may lack it; `renamed`:
    (old name, today's name) of columns renamed since older files were written; `table`: the
    store's table, when it is not called as the sheet; `check`: what else must hold across
    rows, run on the whole file after the keys and references (raising `bad(...)`)."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)
    references: tuple[tuple[str, str], ...] = ()
    optional: bool = False
    renamed: tuple[tuple[str, str], ...] = ()
    table: str = ""
    check: Callable[[Rows], None] | None = None
    translated: bool = False
    """Its items' labels may be translated (a theme's, a group's name, a ground-rule task's
    title, a house rule): the translations sheet may point into it."""
    old_format: Callable[[RawTables], RawSheet | None] | None = None
    """Reads the sheet as older files wrote it, when its columns changed beyond a rename:
    given the file's raw tables, this sheet's header and rows in today's columns, or None
    when the file has them already."""

    @property
    def table_name(self) -> str:
        return self.table or self.name


def bad(sheet: str, row: int, column: str, value: object) -> errors.ImportBadValue:
    """The error for one wrong cell, naming its sheet, row (as a spreadsheet counts) and
    column."""
    return errors.ImportBadValue(sheet=sheet, row=row, column=column, value=str(value)[:40])


WORKSHOP = Sheet("workshop", (
    ident(), Column("title"), Column("municipality", max_length=MAX_NAME),
    Column("date", max_length=10, date=True), Column("language", choices=LANGUAGES),
    # one of the registry's steps: kit.exchange gives the column its choices (the core knows
    # no step)
    Column("phase", max_length=40), Column("code", max_length=6), choice("status", Status),
    Column("check_answers", max_length=MAX_LONG, required=False, optional=True),
    # the public pages' code: kept on import, so printed posters still work on a new server
    Column("public_code", max_length=20, required=False, optional=True),
    Column("choice_reason", max_length=MAX_LONG, required=False, optional=True,
           multiline=True),
    # what the workshop is for (issue 27, schema 0016d): older files have none
    Column("purpose", max_length=MAX_LONG, required=False, optional=True, multiline=True),
    Column("place", max_length=MAX_LONG, required=False, optional=True),
    Column("hours", max_length=MAX_LONG, required=False, optional=True),
), table="workshops")

PARTICIPANTS = Sheet("participants", (
    ident(), Column("name", max_length=MAX_NAME), choice("sector", Sector),
    Column("organisation", max_length=MAX_ORGANISATION, required=False),
    Column("language", choices=LANGUAGES),
    Column("volunteer", "bool", optional=True),
))

CORE_SHEETS = (WORKSHOP, PARTICIPANTS)
"""The sheets of the workshop itself, before every step's."""


@dataclass(frozen=True)
class TranslatedItemsAreKnown:
    """The check of the translations sheet: a translation belongs to a group (name,
    purpose, first meeting) or to an item of one of the `labelled` sheets (its label) of
    this workshop: a key into one of several sheets, so not a plain reference. The sheets
    come from the steps (`Sheet.translated`; `kit.exchange` gathers them). A value, so two
    declarations of the format with the same sheets are equal."""

    labelled: tuple[str, ...]

    def __call__(self, rows: Rows) -> None:
        known = {r["id"] for sheet in self.labelled for r in rows.get(sheet, [])}
        groups = {r["id"] for r in rows.get("groups", [])}
        for n, row in enumerate(rows["translations"], start=2):
            if row["item_id"] not in (groups if row["field"] in ("purpose", "first_meeting")
                                      else known):
                raise bad("translations", n, "item_id", row["item_id"])


TRANSLATIONS = Sheet("translations", (
    ident("item_id"), Column("field", choices=TRANSLATED_FIELDS),
    Column("language", choices=LANGUAGES), Column("text", max_length=MAX_TERMS, multiline=True),
), key=("item_id", "field", "language"), optional=True)
"""Translations of what the facilitator wrote (issue 17), after every step's sheets: they
point into the themes and groups."""

LATE_CORE_SHEETS = (TRANSLATIONS,)


PARTNERSHIP = Sheet("partnership", (
    ident(), Column("name", max_length=MAX_NAME), Column("municipality", max_length=MAX_NAME),
    # kept on import, so printed posters still work on a new server (unless taken there)
    Column("public_code", max_length=20, required=False),
    choice("status", PartnershipStatus),
    Column("agreement_start", max_length=10, required=False, date=True),
    Column("agreement_end", max_length=10, required=False, date=True),
    Column("agreement_review", max_length=10, required=False, date=True),
), table="partnerships")
"""The partnership's own row in a partnership file (issue 27); never its coordinator key."""
