"""The exchange format: one workbook (or a folder of CSV files) per workshop.

`SHEETS` declares every sheet's columns once, with type and limits; reading validates each cell
against it and names the sheet, row and column of the first problem, so a hand-edited file is
either imported whole or not at all. Writing is deterministic (rows sorted by key), which makes
export → import → export byte-identical for CSV and value-identical for xlsx.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from kit.core import errors
from kit.core.model import (
    FIRST_WEEK,
    LANGUAGES,
    LAST_WEEK,
    MAX_DESCRIPTION,
    MAX_IDEA,
    MAX_LABEL,
    MAX_NAME,
    MAX_ORGANISATION,
    MAX_TITLE,
    Category,
    Phase,
    Sector,
    Status,
)
from kit.core.validate import clean_text
from kit.steps.follow_up.model import AGREEMENT, ForumKind
from kit.steps.groups.model import TERMS, ActionStatus, GroupStatus, Role
from kit.steps.ideas.model import Prompt

Rows = dict[str, list[dict[str, Any]]]
RawTables = Mapping[str, tuple[Sequence[object], Sequence[Sequence[object]]]]
"""Sheet → (header, rows) of cells as read from a file, before any validation."""

MAX_LONG = 4000
MAX_ID = 40


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | int | bool
    nullable: bool = False
    max_length: int = MAX_TITLE
    choices: tuple[str, ...] | None = None
    bounds: tuple[int, int] | None = None
    multiline: bool = False
    required: bool = True  # a text that may be empty ("" rather than missing)
    optional: bool = False  # a column older files may lack (added after the first format)


def _id(name: str = "id", nullable: bool = False) -> Column:
    return Column(name, nullable=nullable, max_length=MAX_ID)


def _enum(name: str, kind: type[StrEnum]) -> Column:
    return Column(name, choices=tuple(kind))


def _long(name: str) -> Column:
    return Column(name, max_length=MAX_LONG, multiline=True, required=False)


SHEETS: dict[str, tuple[Column, ...]] = {
    "workshop": (
        _id(), Column("title"), Column("municipality", max_length=MAX_NAME),
        Column("date", max_length=10), Column("language", choices=LANGUAGES),
        _enum("phase", Phase), Column("code", max_length=6), _enum("status", Status),
        Column("check_answers", max_length=MAX_LONG, required=False, optional=True),
    ),
    "participants": (
        _id(), Column("name", max_length=MAX_NAME), _enum("sector", Sector),
        Column("organisation", max_length=MAX_ORGANISATION, required=False),
        Column("language", choices=LANGUAGES),
        Column("volunteer", "bool", optional=True),
    ),
    "actors": (
        _id(), Column("name", max_length=MAX_TITLE), Column("kind", max_length=MAX_NAME),
        _enum("sector", Sector), Column("contact", required=False), _long("remarks"),
    ),
    "cards": (
        _id(), Column("title"), Column("owner", max_length=MAX_TITLE), _enum("sector", Sector),
        _enum("category", Category),
        Column("start_week", "int", bounds=(FIRST_WEEK, LAST_WEEK)),
        Column("end_week", "int", bounds=(FIRST_WEEK, LAST_WEEK)),
        Column("description", max_length=MAX_DESCRIPTION, required=False, optional=True),
        Column("participant_id", nullable=True, max_length=MAX_ID, optional=True),
    ),
    "ideas": (
        _id(), _id("participant_id"), _enum("prompt", Prompt),
        Column("text", max_length=MAX_IDEA), _id("theme_id", nullable=True),
    ),
    "themes": (_id(), Column("label", max_length=MAX_LABEL), Column("selected", "bool"),
               *(Column(c, max_length=MAX_DESCRIPTION, multiline=True, required=False,
                        optional=True) for c in ("needs", "use_each_other", "team")),
               Column("chosen", "bool", optional=True)),
    "votes": (_id("participant_id"), _id("theme_id"), Column("dots", "int", bounds=(1, 100))),
    "preferences": (
        _id("participant_id"), _id("theme_id"), Column("rank", "int", bounds=(0, 100)),
    ),
    "groups": (
        _id(), _id("theme_id"), Column("name"), _id("coordinator_id", nullable=True),
        _long("purpose"), _long("tasks"), _long("mandate"),
        Column("meeting_frequency", required=False), _enum("status", GroupStatus),
        Column("composition", max_length=MAX_LONG, multiline=True, required=False,
               optional=True),
        Column("first_meeting", max_length=MAX_NAME, required=False, optional=True),
    ),
    "memberships": (_id("group_id"), _id("participant_id"), _enum("role", Role)),
    "actions": (
        _id(), _id("group_id"), Column("title"), Column("owner", required=False),
        Column("due", nullable=True, max_length=10), _enum("status", ActionStatus),
    ),
    "invitations": (_id("group_id"), _id("actor_id")),
    "fora": (_id(), _enum("kind", ForumKind), Column("name"),
             Column("coordinator", nullable=True, max_length=2 * MAX_ID),
             *(_long(c) for c in TERMS + AGREEMENT)),
    "forum_members": (_id("forum_id"), Column("member", max_length=2 * MAX_ID)),
}

OPTIONAL_SHEETS = frozenset({"invitations", "fora", "forum_members"})
"""Sheets added after the first file format; files without them still import."""

RENAMED: dict[str, dict[str, str]] = {"actors": {"notes": "remarks"}}
"""Columns renamed since older files were written: sheet → {old name: today's name}. An old
name is read as today's (unless the file has both: then the old one is an extra column)."""

KEYS: dict[str, tuple[str, ...]] = {
    "votes": ("participant_id", "theme_id"),
    "preferences": ("participant_id", "theme_id"),
    "memberships": ("group_id", "participant_id"),
    "invitations": ("group_id", "actor_id"),
    "forum_members": ("forum_id", "member"),
}

# Which column must name a row of which sheet.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "cards": (("participant_id", "participants"),),
    "ideas": (("participant_id", "participants"), ("theme_id", "themes")),
    "votes": (("participant_id", "participants"), ("theme_id", "themes")),
    "preferences": (("participant_id", "participants"), ("theme_id", "themes")),
    "groups": (("theme_id", "themes"), ("coordinator_id", "participants")),
    "memberships": (("group_id", "groups"), ("participant_id", "participants")),
    "actions": (("group_id", "groups"),),
    "invitations": (("group_id", "groups"), ("actor_id", "actors")),
    "forum_members": (("forum_id", "fora"),),
}


def key_of(sheet: str) -> tuple[str, ...]:
    return KEYS.get(sheet, ("id",))


def sort_rows(sheet: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    key = key_of(sheet)
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in key))


def current_names(sheet: str, header: Sequence[str]) -> list[str]:
    """A sheet's header with the columns renamed since (`RENAMED`) under today's names."""
    renamed = RENAMED.get(sheet, {})
    return [renamed[h] if h in renamed and renamed[h] not in header else h for h in header]


# -- cells -------------------------------------------------------------------------------
_TRUE = {"true", "1", "ja", "yes", "sand"}
_FALSE = {"false", "0", "nej", "no", "falsk", ""}


def _bad(sheet: str, row: int, column: str, value: object) -> errors.ImportBadValue:
    return errors.ImportBadValue(sheet=sheet, row=row, column=column, value=str(value)[:40])


def parse_cell(sheet: str, row: int, col: Column, value: object) -> Any:
    """One cell as the Python value the store takes, or an error naming where it is."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None or (isinstance(value, str) and value.strip() == ""):
        if col.nullable:
            return None
        if col.kind == "text" and not col.required:
            return ""
        if col.kind != "bool":
            raise _bad(sheet, row, col.name, "")
    if col.kind == "int":
        if isinstance(value, bool):
            raise _bad(sheet, row, col.name, value)
        try:
            number = int(str(value).strip())
        except ValueError:
            raise _bad(sheet, row, col.name, value) from None
        if col.bounds and not col.bounds[0] <= number <= col.bounds[1]:
            raise _bad(sheet, row, col.name, value)
        return number
    if col.kind == "bool":
        if isinstance(value, bool):
            return value
        word = "" if value is None else str(value).strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise _bad(sheet, row, col.name, value)
    try:
        text = clean_text(str(value), field=col.name, max_length=col.max_length,
                          required=col.required, multiline=col.multiline)
    except errors.InvalidText:
        raise _bad(sheet, row, col.name, value) from None
    if col.choices is not None and text not in col.choices:
        raise _bad(sheet, row, col.name, value)
    return text


def parse_rows(tables: RawTables) -> Rows:
    """Validate raw tables (header, rows) into typed rows; the first problem raises."""
    out: Rows = {}
    for sheet, columns in SHEETS.items():
        if sheet not in tables and sheet in OPTIONAL_SHEETS:
            out[sheet] = []
            continue
        if sheet not in tables:
            raise errors.ImportMissingSheet(sheet=sheet)
        header, raw_rows = tables[sheet]
        header = current_names(sheet, [str(h).strip() if h is not None else "" for h in header])
        for col in columns:
            if col.name not in header and not col.optional:
                raise errors.ImportMissingColumn(sheet=sheet, column=col.name)
        where = {col.name: header.index(col.name) if col.name in header else None
                 for col in columns}
        rows = []
        for n, raw in enumerate(raw_rows, start=2):
            if all(v is None or str(v).strip() == "" for v in raw):
                continue
            cells = list(raw) + [None] * (len(header) - len(raw))
            rows.append({c.name: parse_cell(sheet, n, c, None if (at := where[c.name]) is None
                                            else cells[at]) for c in columns})
        out[sheet] = rows
    _check_relations(out)
    return out


def _check_relations(rows: Rows) -> None:
    if len(rows["workshop"]) != 1:
        raise errors.ImportBadValue(sheet="workshop", row=2, column="id",
                                    value=f"{len(rows['workshop'])} rows")
    for sheet, sheet_rows in rows.items():
        seen: set[tuple[Any, ...]] = set()
        key = key_of(sheet)
        for n, row in enumerate(sheet_rows, start=2):
            k = tuple(row[c] for c in key)
            if k in seen:
                raise _bad(sheet, n, key[-1], k[-1])
            seen.add(k)
        for column, target in REFERENCES.get(sheet, ()):
            known = {r["id"] for r in rows[target]}
            for n, row in enumerate(sheet_rows, start=2):
                if row[column] is not None and row[column] not in known:
                    raise _bad(sheet, n, column, row[column])
    for n, card in enumerate(rows["cards"], start=2):
        if card["end_week"] < card["start_week"]:
            raise _bad("cards", n, "end_week", card["end_week"])
    # A forum member or coordinator is "participant:<id>" or "actor:<id>" of this workshop.
    known = {f"participant:{r['id']}" for r in rows["participants"]}
    known |= {f"actor:{r['id']}" for r in rows["actors"]}
    for sheet, column in (("forum_members", "member"), ("fora", "coordinator")):
        for n, row in enumerate(rows[sheet], start=2):
            if row[column] is not None and row[column] not in known:
                raise _bad(sheet, n, column, row[column])


# -- files -------------------------------------------------------------------------------
def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write(rows: Rows, path: str | Path) -> Path:
    """Write an `.xlsx` workbook, or a folder of CSV files for any other path."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(rows, path)
    else:
        path.mkdir(parents=True, exist_ok=True)
        for sheet, columns in SHEETS.items():
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow([c.name for c in columns])
            for row in sort_rows(sheet, rows.get(sheet, [])):
                w.writerow([_cell_text(row.get(c.name)) for c in columns])
            (path / f"{sheet}.csv").write_text(buf.getvalue(), encoding="utf-8")
    return path


def _write_xlsx(rows: Rows, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    if wb.active is not None:  # always: a new workbook has one empty sheet
        wb.remove(wb.active)
    for sheet, columns in SHEETS.items():
        ws = wb.create_sheet(sheet)
        ws.append([c.name for c in columns])
        for r, row in enumerate(sort_rows(sheet, rows.get(sheet, [])), start=2):
            for c, col in enumerate(columns, start=1):
                cell = ws.cell(row=r, column=c, value=row.get(col.name))
                if isinstance(cell.value, str):
                    # A name like "=HYPERLINK(...)" must stay text, never become a formula.
                    cell.data_type = "s"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def read(path: str | Path) -> Rows:
    """Read and validate a workbook or CSV folder; raises an `ImportFailed` naming the place."""
    path = Path(path)
    if path.is_dir():
        tables = {}
        for sheet in SHEETS:
            file = path / f"{sheet}.csv"
            if not file.exists():
                continue
            try:
                with file.open(encoding="utf-8-sig", newline="") as f:
                    lines = list(csv.reader(f))
            except (UnicodeDecodeError, csv.Error):
                raise errors.ImportBadFile(name=file.name) from None
            if lines:
                tables[sheet] = (lines[0], lines[1:])
        return parse_rows(tables)
    if path.suffix.lower() == ".xlsx" and path.is_file():
        return parse_rows(_read_xlsx(path))
    raise errors.ImportBadFile(name=path.name)


def _read_xlsx(path: Path) -> RawTables:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same message
        raise errors.ImportBadFile(name=path.name) from None
    tables = {}
    for ws in wb.worksheets:
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        if values:
            tables[ws.title] = (values[0], values[1:])
    wb.close()
    return tables


def import_workshop(path: str | Path, store: Any) -> Any:
    """Read, validate and store a workshop; nothing is written if any cell is wrong."""
    return store.import_rows(read(path))


def export_workshop(workshop: Any, path: str | Path) -> Path:
    """Write a workshop as `.xlsx` (by suffix) or as a folder of CSV files."""
    return write(workshop.rows(), path)


def read_table(filename: str, data: bytes, sheet: str,
               required: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of one uploaded table (a .csv with , or ; or a .xlsx, where a sheet named
    `sheet` is used if there is one), keyed by lower-case header; raises `ImportFailed`."""
    name = Path(filename).name
    lines: list[Sequence[object]]
    if name.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise errors.ImportBadFile(name=name) from None
        first = text.splitlines()[0] if text.strip() else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        try:
            lines = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(r)]
        except csv.Error:
            raise errors.ImportBadFile(name=name) from None
    elif name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any unreadable file gets the same message
            raise errors.ImportBadFile(name=name) from None
        ws = wb[sheet] if sheet in wb.sheetnames else wb.worksheets[0]
        lines = [["" if v is None else v for v in r] for r in ws.iter_rows(values_only=True)
                 if any(v not in (None, "") for v in r)]
        wb.close()
    else:
        raise errors.ImportBadFile(name=name)
    if not lines:
        raise errors.ImportMissingColumn(sheet=sheet, column=required[0])
    header = current_names(sheet, [str(h).strip().lower() for h in lines[0]])
    for column in required:
        if column not in header:
            raise errors.ImportMissingColumn(sheet=sheet, column=column)
    return [dict(zip(header, (str(v).strip() for v in row), strict=False)) for row in lines[1:]]
