"""The exchange format: one workbook (or a folder of CSV files) per workshop.

Its sheets are declared where their data lives (`kit.core.sheets` for `workshop` and
`participants`, each step's `sheets.py` for the rest) and gathered here from the registry of
steps, in its order: `SHEETS` is every sheet's columns with type and limits. Reading validates
each cell against them and names the sheet, row and column of the first problem, so a
hand-edited file is either imported whole or not at all. Writing is deterministic (rows
sorted by key), which makes export → import → export byte-identical for CSV and
value-identical for xlsx.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from kit import steps
from kit.core import errors
from kit.core.sheets import (
    CORE_SHEETS,
    LATE_CORE_SHEETS,
    TRANSLATIONS,
    Column,
    Sheet,
    TranslatedItemsAreKnown,
    bad,
)
from kit.core.sheets import MAX_ID as MAX_ID  # the limits and rows type, where they were
from kit.core.sheets import MAX_LONG as MAX_LONG
from kit.core.sheets import RawTables as RawTables
from kit.core.sheets import Rows as Rows
from kit.core.validate import clean_text


def declared(registry: tuple[steps.Step, ...] = steps.STEPS) -> tuple[Sheet, ...]:
    """Every sheet of the format: the workshop's own, then each step's in the registry's
    order (a step added to the registry brings its sheets)."""
    core = tuple(_with_phases(s, registry) for s in CORE_SHEETS)
    of_steps = tuple(sheet for step in registry for sheet in step.sheet_declarations())
    # a translation points into the sheets whose labels may be translated, the steps say which
    labelled = tuple(s.name for s in of_steps if s.translated)
    late = tuple(dataclasses.replace(s, check=TranslatedItemsAreKnown(labelled))
                 if s.name == TRANSLATIONS.name else s for s in LATE_CORE_SHEETS)
    return (*core, *of_steps, *late)


def _with_phases(sheet: Sheet, registry: tuple[steps.Step, ...]) -> Sheet:
    """The workshop sheet with its phase limited to the registry's steps."""
    if sheet.name != "workshop":
        return sheet
    columns = tuple(dataclasses.replace(c, choices=tuple(steps.names(registry)))
                    if c.name == "phase" else c for c in sheet.columns)
    return dataclasses.replace(sheet, columns=columns)


DECLARED: tuple[Sheet, ...] = declared()

SHEETS: dict[str, tuple[Column, ...]] = {s.name: s.columns for s in DECLARED}
"""Sheet name → its columns, in the order they are written."""

OPTIONAL_SHEETS = frozenset(s.name for s in DECLARED if s.optional)
"""Sheets added after the first file format; files without them still import."""

RENAMED: dict[str, dict[str, str]] = {s.name: dict(s.renamed) for s in DECLARED if s.renamed}
"""Columns renamed since older files were written: sheet → {old name: today's name}. An old
name is read as today's (unless the file has both: then the old one is an extra column)."""

KEYS: dict[str, tuple[str, ...]] = {s.name: s.key for s in DECLARED if s.key != ("id",)}

# Which column must name a row of which sheet.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    s.name: s.references for s in DECLARED if s.references}


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


def parse_cell(sheet: str, row: int, col: Column, value: object) -> Any:
    """One cell as the Python value the store takes, or an error naming where it is."""
    if col.date and isinstance(value, dt.date):
        # A date cell of a workbook (openpyxl gives a datetime); checked like a typed one.
        value = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None or (isinstance(value, str) and value.strip() == ""):
        if col.nullable:
            return None
        if col.kind == "text" and not col.required:
            return ""
        if col.kind != "bool":
            raise bad(sheet, row, col.name, "")
    if col.kind == "int":
        if isinstance(value, bool):
            raise bad(sheet, row, col.name, value)
        try:
            number = int(str(value).strip())
        except ValueError:
            raise bad(sheet, row, col.name, value) from None
        if col.bounds and not col.bounds[0] <= number <= col.bounds[1]:
            raise bad(sheet, row, col.name, value)
        return number
    if col.kind == "bool":
        if isinstance(value, bool):
            return value
        word = "" if value is None else str(value).strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise bad(sheet, row, col.name, value)
    try:
        text = clean_text(str(value), field=col.name, max_length=col.max_length,
                          required=col.required, multiline=col.multiline)
    except errors.InvalidText:
        raise bad(sheet, row, col.name, value) from None
    if col.choices is not None and text not in col.choices:
        raise bad(sheet, row, col.name, value)
    if col.date and text:
        # A real date, so that `purge --older-than` can compare it as one (31-02-2026 was
        # taken as text and then outlived every cutoff).
        try:
            if len(text) != 10:
                raise ValueError(text)
            text = dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise bad(sheet, row, col.name, value) from None
    return text


def parse_sheet(sheet: Sheet, header: Sequence[object],
                raw_rows: Sequence[Sequence[object]]) -> list[dict[str, Any]]:
    """One sheet's raw cells as typed rows; the first problem raises, naming its place. A
    row that is empty throughout is skipped (it still counts for the rows' numbers)."""
    names = [str(h).strip() if h is not None else "" for h in header]
    renamed = dict(sheet.renamed)
    names = [renamed[h] if h in renamed and renamed[h] not in names else h for h in names]
    for col in sheet.columns:
        if col.name not in names and not col.optional:
            raise errors.ImportMissingColumn(sheet=sheet.name, column=col.name)
    where = {col.name: names.index(col.name) if col.name in names else None
             for col in sheet.columns}
    rows = []
    for n, raw in enumerate(raw_rows, start=2):
        if all(v is None or str(v).strip() == "" for v in raw):
            continue
        cells = list(raw) + [None] * (len(names) - len(raw))
        rows.append({c.name: parse_cell(sheet.name, n, c, None if (at := where[c.name]) is None
                                        else cells[at]) for c in sheet.columns})
    return rows


def parse_rows(tables: RawTables) -> Rows:
    """Validate raw tables (header, rows) into typed rows; the first problem raises."""
    out: Rows = {}
    for sheet in DECLARED:
        if sheet.name not in tables and sheet.optional:
            out[sheet.name] = []
            continue
        if sheet.name not in tables:
            raise errors.ImportMissingSheet(sheet=sheet.name)
        today = sheet.old_format(tables) if sheet.old_format is not None else None
        out[sheet.name] = parse_sheet(sheet, *(today or tables[sheet.name]))
    _check_relations(out)
    return out


def check_keys(rows: Rows, declared: Sequence[Sheet]) -> None:
    """Each declared sheet's keys are unique and its references name rows that exist (in
    `rows`, which may hold sheets besides the declared ones); then each sheet's own check."""
    for sheet in declared:
        seen: set[tuple[Any, ...]] = set()
        key = sheet.key
        for n, row in enumerate(rows[sheet.name], start=2):
            k = tuple(row[c] for c in key)
            if k in seen:
                raise bad(sheet.name, n, key[-1], k[-1])
            seen.add(k)
        for column, target in sheet.references:
            known = {r["id"] for r in rows[target]}
            for n, row in enumerate(rows[sheet.name], start=2):
                if row[column] is not None and row[column] not in known:
                    raise bad(sheet.name, n, column, row[column])
    for sheet in declared:
        if sheet.check is not None:
            sheet.check(rows)


def _check_relations(rows: Rows) -> None:
    if len(rows["workshop"]) != 1:
        raise errors.ImportBadValue(sheet="workshop", row=2, column="id",
                                    value=f"{len(rows['workshop'])} rows")
    check_keys(rows, DECLARED)


# -- files -------------------------------------------------------------------------------
def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write(rows: Rows, path: str | Path) -> Path:
    """Write an `.xlsx` workbook, or a folder of CSV files for any other path.

    In the workbook every text is a text cell, never a formula. CSV has no cell types: a
    value someone typed as `=HYPERLINK(...)`, `+1`, `-1` or `@SUM(1)` is stored as typed, and
    Excel or LibreOffice may run it as a formula when the file is opened there. The CSV
    files are for programs; to open the data in Excel, export to `.xlsx` or use the report's
    workbook (`kit report`)."""
    return write_sheets([(sheet, columns, sort_rows(sheet, rows.get(sheet, [])))
                         for sheet, columns in SHEETS.items()], path)


Written = Sequence[tuple[str, Sequence[Column], Sequence[Mapping[str, Any]]]]
"""Sheets to write: (name, columns, rows in the order written)."""


def write_sheets(sheets: Written, path: str | Path) -> Path:
    """Write these sheets as an `.xlsx` workbook, or as a folder of CSV files for any other
    path (see `write`)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(sheets, path)
    else:
        path.mkdir(parents=True, exist_ok=True)
        for sheet, columns, rows in sheets:
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow([c.name for c in columns])
            for row in rows:
                w.writerow([_cell_text(row.get(c.name)) for c in columns])
            (path / f"{sheet}.csv").write_text(buf.getvalue(), encoding="utf-8")
    return path


def _write_xlsx(sheets: Written, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    if wb.active is not None:  # always: a new workbook has one empty sheet
        wb.remove(wb.active)
    from openpyxl.utils import get_column_letter

    for sheet, columns, rows in sheets:
        ws = wb.create_sheet(sheet)
        ws.append([c.name for c in columns])
        # wide enough for the header and the values (up to a limit), for whoever opens it
        widths = [len(c.name) for c in columns]
        for r, row in enumerate(rows, start=2):
            for c, col in enumerate(columns, start=1):
                cell = ws.cell(row=r, column=c, value=row.get(col.name))
                if isinstance(cell.value, str):
                    # A name like "=HYPERLINK(...)" must stay text, never become a formula.
                    cell.data_type = "s"
                widths[c - 1] = max(widths[c - 1], min(40, len(_cell_text(cell.value))))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = width + 2
        ws.freeze_panes = "A2"  # the header stays in view
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


# Limits checked before a file is parsed, or while its rows stream in (so memory stays
# bounded): the sample workshop is 60 KiB and ~700 rows, a 150-person workshop stays far
# under these. A 3 MB xlsx that expands to 20 M rows otherwise ran for minutes at 2 GiB.
MAX_BYTES = 50 * 2**20      # uncompressed, all sheets together
MAX_ROWS = 100_000          # per sheet
MAX_CELLS = 2_000_000       # in the whole file
# Texts in a workbook's shared-strings part, counted in the compressed stream before openpyxl
# reads it: it keeps every one as a Python string, so 50 MiB of empty ones took 417 MB.
MAX_STRINGS = 200_000
_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


class _Budget:
    """Counts rows and cells as they stream in; ImportTooBig the moment a cap is passed."""

    def __init__(self, name: str) -> None:
        self.name, self.cells = name, 0

    def rows(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        for n, row in enumerate(rows):
            if n > MAX_ROWS:
                raise errors.ImportTooBig(name=self.name, limit=f"{MAX_ROWS} rows")
            self.cells += len(row)
            if self.cells > MAX_CELLS:
                raise errors.ImportTooBig(name=self.name, limit=f"{MAX_CELLS} cells")
            yield row


def _check_size(name: str, size: int) -> None:
    if size > MAX_BYTES:
        raise errors.ImportTooBig(name=name, limit=f"{MAX_BYTES // 2**20} MiB")


def _check_zip(name: str, source: Path | io.BytesIO) -> None:
    """An .xlsx is a zip: its members' declared sizes, before anything is decompressed, then
    the number of shared strings, counted while streaming (memory stays at one chunk)."""
    try:
        with zipfile.ZipFile(source) as z:
            _check_size(name, sum(i.file_size for i in z.infolist()))
            for info in z.infolist():
                if info.filename.lower().endswith("sharedstrings.xml"):
                    with z.open(info) as part:
                        _count_strings(name, part)
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError):
        raise errors.ImportBadFile(name=name) from None
    if isinstance(source, io.BytesIO):
        source.seek(0)


def _count_strings(name: str, part: IO[bytes]) -> None:
    count, tail = 0, b""
    while True:
        chunk = part.read(2**20)
        data = tail + chunk
        # A start tag cut by the chunk's end is counted with the next chunk: only matches
        # that start 64 bytes or more before the end count now (the last chunk: all).
        cut = len(data) - 64 if chunk else len(data)
        count += sum(1 for m in _SI.finditer(data) if m.start() < cut)
        if count > MAX_STRINGS:
            raise errors.ImportTooBig(name=name, limit=f"{MAX_STRINGS} texts")
        if not chunk:
            return
        tail = data[max(0, cut):]


def _csv_rows(name: str, budget: _Budget, rows: Iterable[list[str]]) -> list[list[str]]:
    """The rows of a CSV file; a cell beyond the csv module's field limit (128 KiB) is too
    long, as a cell longer than any text of a workshop (MAX_LONG) is, not an unreadable file."""
    try:
        return [list(r) for r in budget.rows(rows)]
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise errors.ImportCellTooLong(name=name, limit=MAX_LONG) from None
        raise errors.ImportBadFile(name=name) from None


def read(path: str | Path) -> Rows:
    """Read and validate a workbook or CSV folder; raises an `ImportFailed` naming the place.
    A whole partnership's file is refused as one (`import_partnership` reads it)."""
    from kit.exchange_partnership import is_partnership_file, sheet_names

    tables = read_tables(path, sheet_names())
    if is_partnership_file(tables):
        raise errors.ImportPartnershipFile(name=Path(path).name)
    return parse_rows(tables)


def read_tables(path: str | Path, sheets: Iterable[str]) -> RawTables:
    """The raw tables of a workbook (all its sheets) or of a CSV folder (the files of these
    sheets that are there), within the limits; ImportBadFile for anything else."""
    path = Path(path)
    if path.is_dir():
        tables = {}
        names = list(sheets)
        files = [path / f"{sheet}.csv" for sheet in names]
        _check_size(path.name, sum(f.stat().st_size for f in files if f.is_file()))
        budget = _Budget(path.name)
        for sheet in names:
            file = path / f"{sheet}.csv"
            if not file.exists():
                continue
            try:
                with file.open(encoding="utf-8-sig", newline="") as f:
                    lines = _csv_rows(file.name, budget, csv.reader(f))
            except UnicodeDecodeError:
                raise errors.ImportBadFile(name=file.name) from None
            if lines:
                tables[sheet] = (lines[0], lines[1:])
        return tables
    if path.suffix.lower() == ".xlsx" and path.is_file():
        return _read_xlsx(path)
    raise errors.ImportBadFile(name=path.name)


def _read_xlsx(path: Path) -> RawTables:
    from openpyxl import load_workbook

    _check_zip(path.name, path)
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same message
        raise errors.ImportBadFile(name=path.name) from None
    tables = {}
    budget = _Budget(path.name)
    for ws in wb.worksheets:
        try:
            values = [list(r) for r in budget.rows(ws.iter_rows(values_only=True))]
        except errors.ImportTooBig:
            wb.close()
            raise
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


def export_partnership(partnership: Any, path: str | Path) -> Path:
    """Write a whole partnership (its row, its own tables, every workshop in it) as one
    `.xlsx` or a folder of CSV files: `kit.exchange_partnership`."""
    from kit import exchange_partnership

    return exchange_partnership.export_partnership(partnership, path)


def import_partnership(store: Any, path: str | Path) -> Any:
    """Read, validate and store a partnership file (an old workshop file: that workshop in
    a new partnership of its own); nothing is written if any cell is wrong. Returns the
    coordinator's handle."""
    from kit import exchange_partnership

    return exchange_partnership.import_partnership(store, path)


def read_table(filename: str, data: bytes, sheet: str, required: tuple[str, ...],
               aliases: Mapping[str, str] | None = None,
               shown: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows of one uploaded table (a .csv with , or ; or a .xlsx, where a sheet named
    `sheet` is used if there is one), keyed by lower-case header; raises `ImportFailed`.
    `aliases` maps other header words (the column labels a screen shows, lower case) to
    columns; `shown` names sheet and columns in an error as the person reads them."""
    name = Path(filename).name
    lines: list[Sequence[object]]
    _check_size(name, len(data))
    budget = _Budget(name)
    if name.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise errors.ImportBadFile(name=name) from None
        first = text.splitlines()[0] if text.strip() else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        lines = [r for r in _csv_rows(name, budget,
                                      csv.reader(io.StringIO(text), delimiter=delimiter))
                 if any(r)]
    elif name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        _check_zip(name, io.BytesIO(data))
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any unreadable file gets the same message
            raise errors.ImportBadFile(name=name) from None
        ws = wb[sheet] if sheet in wb.sheetnames else wb.worksheets[0]
        try:
            lines = [["" if v is None else v for v in r]
                     for r in budget.rows(ws.iter_rows(values_only=True))
                     if any(v not in (None, "") for v in r)]
        finally:
            wb.close()
    else:
        raise errors.ImportBadFile(name=name)
    said = shown or {}
    if not lines:
        raise errors.ImportMissingColumn(sheet=said.get(sheet, sheet),
                                         column=said.get(required[0], required[0]))
    words = [" ".join(str(h).split()).lower() for h in lines[0]]
    header = current_names(sheet, [(aliases or {}).get(h, h) for h in words])
    for column in required:
        if column not in header:
            raise errors.ImportMissingColumn(sheet=said.get(sheet, sheet),
                                             column=said.get(column, column))
    return [dict(zip(header, (str(v).strip() for v in row), strict=False)) for row in lines[1:]]
