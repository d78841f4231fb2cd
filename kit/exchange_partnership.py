"""The exchange format of a whole partnership (issue 27): one workbook, or one folder of CSV
files, with the partnership's own row, every table it owns and every workshop in it.

Its sheets, in this order:

- `partnership`: one row (`kit.core.sheets.PARTNERSHIP`): name, municipality, public code,
  status and the agreement's dates; never the coordinator key (an import draws a new one).
- each sheet of `PARTNERSHIP_SHEETS`: the rows of one table the partnership owns, without
  their `partnership_id`.
- each sheet of a workshop's file (`kit.exchange.DECLARED`), holding the rows of every
  workshop of the partnership: the `workshop` sheet one row per workshop (the earliest
  first), every other sheet with a `workshop_id` column first that says whose row it is.

Read back, each workshop's rows are checked exactly as a workshop's own file is (the same
sheet, row and column named in an error), the partnership's sheets likewise, and the whole
file goes into the store in one transaction (`Store.import_partnership`): imported whole or
not at all. A workshop's own file (no `partnership` sheet) still imports, into a new
partnership of its own, as `kit import` always did.

**Adding a table the partnership owns** (a `_partner(...)` table, `kit.core.schema_parts`,
declared in its step's `tables.py`):
declare its `Sheet` where its data lives (its columns without `partnership_id`; mark it
`optional=True` so that partnership files written before it still import; `references` may
name another partnership sheet or `workshop`, whose ids are the workshops'), and give it
in its step's `partnership_sheets` hook (`kit.steps._step.Step`). Export, import, validation
and the tables test (`tests/test_tables.py`, which wants a sheet or a reason for every table)
then know it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit import exchange
from kit.core import errors
from kit.core.sheets import PARTNERSHIP, WORKSHOP, PartnershipRows, Rows, Sheet, bad, ident
from kit.steps import registry

if TYPE_CHECKING:
    from kit.partnership import Partnership

PARTNERSHIP_SHEETS: tuple[Sheet, ...] = tuple(
    sheet for step in registry() if step.partnership_sheets is not None
    for sheet in step.partnership_sheets())
"""The sheets of the tables a partnership owns, in the order they are written: each step's
`partnership_sheets`, in the registry's order (a new partnership-owned table's sheet is its
step's; see the module's docstring)."""

WORKSHOP_OF = ident("workshop_id")
"""The column that says which workshop a row of a workshop sheet belongs to."""


def sheet_names() -> list[str]:
    """Every sheet a partnership file may have, in the order it is written."""
    return [PARTNERSHIP.name, *(s.name for s in PARTNERSHIP_SHEETS), *exchange.SHEETS]


# -- writing ------------------------------------------------------------------------------
def _sorted(sheet: Sheet, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in sheet.key))


def sheets_of(rows: PartnershipRows) -> exchange.Written:
    """The sheets of a partnership file, each with its columns and rows in written order
    (deterministic: export → import → export gives the same file)."""
    out: list[tuple[str, Sequence[Any], Sequence[dict[str, Any]]]] = [
        (PARTNERSHIP.name, PARTNERSHIP.columns, [rows.partnership])]
    for sheet in PARTNERSHIP_SHEETS:
        out.append((sheet.name, sheet.columns, _sorted(sheet, rows.owned.get(sheet.name, []))))
    for sheet in exchange.DECLARED:
        if sheet.name == WORKSHOP.name:
            out.append((sheet.name, sheet.columns, [w[sheet.name][0] for w in rows.workshops]))
            continue
        out.append((sheet.name, (WORKSHOP_OF, *sheet.columns), [
            {**row, WORKSHOP_OF.name: w[WORKSHOP.name][0]["id"]} for w in rows.workshops
            for row in exchange.sort_rows(sheet.name, w.get(sheet.name, []))]))
    return out


def write(rows: PartnershipRows, path: str | Path) -> Path:
    """Write a partnership's rows as `.xlsx` (by suffix) or as a folder of CSV files."""
    return exchange.write_sheets(sheets_of(rows), path)


def export_partnership(partnership: Partnership, path: str | Path) -> Path:
    """Write a whole partnership: its row, the tables it owns and every workshop in it."""
    return write(partnership.rows(), path)


# -- reading ------------------------------------------------------------------------------
def _blank(row: Sequence[object]) -> bool:
    return all(v is None or str(v).strip() == "" for v in row)


def _names(header: Sequence[object]) -> list[str]:
    return [str(h).strip() if h is not None else "" for h in header]


def _workshops(tables: exchange.RawTables) -> tuple[Rows, ...]:
    """Each workshop's rows, checked as its own file would be.

    A workshop's tables are the file's with every other workshop's rows left empty, so an
    error names the row as the spreadsheet numbers it."""
    if WORKSHOP.name not in tables:
        raise errors.ImportMissingSheet(sheet=WORKSHOP.name)
    header, raw = tables[WORKSHOP.name]
    names = _names(header)
    if "id" not in names:
        raise errors.ImportMissingColumn(sheet=WORKSHOP.name, column="id")
    at = names.index("id")
    ids: list[str | None] = []
    for n, row in enumerate(raw, start=2):
        if _blank(row):
            ids.append(None)
            continue
        workshop_id = exchange.parse_cell(WORKSHOP.name, n, ident(),
                                          row[at] if at < len(row) else None)
        if workshop_id in ids:
            raise bad(WORKSHOP.name, n, "id", workshop_id)
        ids.append(workshop_id)
    owners: dict[str, tuple[list[str], Sequence[Sequence[object]], int, list[str | None]]] = {}
    for sheet in exchange.DECLARED:
        if sheet.name == WORKSHOP.name or sheet.name not in tables:
            continue  # a missing sheet is named by the workshop's own check
        sheet_header, sheet_raw = tables[sheet.name]
        sheet_names_ = _names(sheet_header)
        if WORKSHOP_OF.name not in sheet_names_:
            raise errors.ImportMissingColumn(sheet=sheet.name, column=WORKSHOP_OF.name)
        col = sheet_names_.index(WORKSHOP_OF.name)
        whose: list[str | None] = []
        for n, row in enumerate(sheet_raw, start=2):
            if _blank(row):
                whose.append(None)
                continue
            owner = exchange.parse_cell(sheet.name, n, WORKSHOP_OF,
                                        row[col] if col < len(row) else None)
            if owner not in ids:
                raise bad(sheet.name, n, WORKSHOP_OF.name, owner)
            whose.append(owner)
        owners[sheet.name] = (sheet_names_[:col] + sheet_names_[col + 1:], sheet_raw, col, whose)
    out = []
    for workshop_id in ids:
        if workshop_id is None:
            continue
        own: dict[str, tuple[Sequence[object], Sequence[Sequence[object]]]] = {
            WORKSHOP.name: (header, [row if ids[i] == workshop_id else ()
                                     for i, row in enumerate(raw)])}
        for name, (rest, sheet_raw, col, whose) in owners.items():
            own[name] = (rest, [[*row[:col], *row[col + 1:]] if whose[i] == workshop_id else ()
                                for i, row in enumerate(sheet_raw)])
        out.append(exchange.parse_rows(own))
    return tuple(out)


def parse(tables: exchange.RawTables) -> PartnershipRows:
    """Validate a partnership file's raw tables; the first problem raises, naming its sheet,
    row and column."""
    if PARTNERSHIP.name not in tables:
        raise errors.ImportMissingSheet(sheet=PARTNERSHIP.name)
    head = exchange.parse_sheet(PARTNERSHIP, *tables[PARTNERSHIP.name])
    if len(head) != 1:
        raise errors.ImportBadValue(sheet=PARTNERSHIP.name, row=2, column="id",
                                    value=f"{len(head)} rows")
    owned: Rows = {}
    for sheet in PARTNERSHIP_SHEETS:
        if sheet.name in tables:
            owned[sheet.name] = exchange.parse_sheet(sheet, *tables[sheet.name])
        elif sheet.optional:
            owned[sheet.name] = []
        else:
            raise errors.ImportMissingSheet(sheet=sheet.name)
    workshops = _workshops(tables)
    exchange.check_keys({**owned, WORKSHOP.name: [w[WORKSHOP.name][0] for w in workshops]},
                        PARTNERSHIP_SHEETS)
    return PartnershipRows(head[0], owned, workshops)


def read(path: str | Path) -> PartnershipRows:
    """Read and validate a partnership file. A workshop's own file is read as a partnership
    file without its `partnership` sheet would be: see `import_partnership`."""
    return parse(exchange.read_tables(path, sheet_names()))


def is_partnership_file(tables: exchange.RawTables) -> bool:
    """Whether raw tables are a partnership file's: it has the `partnership` sheet, or its
    workshop sheets say whose each row is (so a file that lost that sheet is refused as a
    partnership file lacking it, not read as one workshop's)."""
    return PARTNERSHIP.name in tables or any(
        WORKSHOP_OF.name in _names(tables[sheet.name][0]) for sheet in exchange.DECLARED
        if sheet.name != WORKSHOP.name and sheet.name in tables)


def import_partnership(store: Any, path: str | Path) -> Partnership:
    """Read, validate and store a partnership file; nothing is written if any cell is
    wrong. A workshop's own file goes into a new partnership of its own (as `kit import` of
    a workshop always did). Returns the coordinator's handle."""
    tables = exchange.read_tables(path, sheet_names())
    if not is_partnership_file(tables):
        partnership: Partnership = store.import_rows(exchange.parse_rows(tables)).partnership
        return partnership
    imported: Partnership = store.import_partnership(parse(tables))
    return imported
