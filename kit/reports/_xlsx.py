"""The one way the kit writes a workbook for people to open (the report, the groups
workbook, the activity overview): every text typed by someone stays text, never a formula,
and each sheet opens readable — bold frozen header with a filter, fitted column widths,
wrapped long text, real dates.

The exchange export (`kit.exchange`) keeps its own writer and contract names; it stores text
as text the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel or LibreOffice read a typed or CSV value as a formula."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_WIDTH = 60  # characters; longer texts wrap
MIN_WIDTH = 6


@dataclass(frozen=True)
class Sheet:
    """One sheet: its (already translated) name and header, and rows of plain values.
    Columns named in `dates` hold ISO dates ("2026-11-23") written as real dates."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    dates: frozenset[int] = field(default_factory=frozenset)


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A name Excel accepts (≤ 31 characters, none of []:*?/\\), unique among `taken`."""
    clean = re.sub(r"[\[\]:*?/\\]", "-", name).strip("'") or "Ark"
    clean = clean[:31]
    used = {t.lower() for t in taken}
    n = 2
    base = clean
    while clean.lower() in used:
        suffix = f" ({n})"
        clean = base[:31 - len(suffix)] + suffix
        n += 1
    return clean


def as_date(value: object) -> object:
    """An ISO date string as a `datetime.date`; anything else unchanged."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def put(cell: Cell | MergedCell, value: object) -> None:
    """Write one value: text always as text (a name "=HYPERLINK(...)" must never become a
    formula), with Excel's quote prefix where editing the cell would turn it into one."""
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        cell.value = None
        return
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        cell.value = value
        return
    if isinstance(value, dt.datetime | dt.date):
        cell.value = value
        cell.number_format = "dd-mm-yyyy"
        return
    if isinstance(value, int | float):
        cell.value = value
        return
    text = str(value)
    cell.value = text
    cell.data_type = "s"  # openpyxl guessed "f" for "=…": undo it
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True


def _width(value: object) -> int:
    if isinstance(value, dt.date):
        return 10
    text = "" if value is None else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for c, text in enumerate(sheet.header, start=1):
        cell = ws.cell(row=1, column=c)
        put(cell, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F2")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [_width(h) for h in sheet.header]
    for r, row in enumerate(sheet.rows, start=2):
        for c, value in enumerate(row, start=1):
            if c - 1 in sheet.dates:
                value = as_date(value)
            cell = ws.cell(row=r, column=c)
            put(cell, value)
            cell.alignment = wrap
            if c - 1 < len(widths):
                widths[c - 1] = max(widths[c - 1], _width(value))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH,
                                                              max(MIN_WIDTH, width + 2))
    if sheet.header:
        ws.freeze_panes = "A2"
        last = get_column_letter(len(sheet.header))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(sheet.rows) + 1)}"


def workbook(sheets: Iterable[Sheet]) -> bytes:
    """The sheets as one .xlsx file."""
    from openpyxl import Workbook

    wb = Workbook()
    if wb.active is not None:  # a new workbook's one empty sheet
        wb.remove(wb.active)
    names: list[str] = []
    for sheet in sheets:
        name = sheet_name(sheet.name, names)
        names.append(name)
        write_sheet(wb.create_sheet(name), sheet)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def frame_sheet(name: str, frame: object, headers: Mapping[str, str] | None = None,
                dates: Iterable[str] = ()) -> Sheet:
    """A pandas DataFrame as a sheet; `headers` renames columns, `dates` names date columns."""
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    columns = [str(c) for c in frame.columns]
    header = [(headers or {}).get(c, c) for c in columns]
    wanted = set(dates)
    return Sheet(name, header, [list(r) for r in frame.itertuples(index=False, name=None)],
                 frozenset(i for i, c in enumerate(columns) if c in wanted))


__all__ = ["FORMULA_START", "Sheet", "as_date", "frame_sheet", "put", "sheet_name",
           "workbook", "write_sheet"]
