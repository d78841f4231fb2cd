"""The one way the kit writes a workbook for people to open (the report, the groups
workbook, the activity overview): every text typed by someone stays text, never a formula,
and each sheet opens readable — bold frozen header with a filter, fitted column widths,
wrapped long text with rows tall enough for it, real dates — and prints: A4 (A3 for a
poster), landscape where the columns are wide, fitted to one page wide, the header row
repeated on every page, page numbers in the footer. The workbook's author and company are
the municipality's.

The exchange export (`kit.exchange`) keeps its own writer and contract names; it stores text
as text the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
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
    poster: bool = False
    """Printed to be pinned up: A3 landscape, larger type, the sheet's name as a title."""


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


LINE_PT = 14.0
"""The height of one line of 11 pt Arial in a row (Excel gives it 14.25 pt, LibreOffice
less)."""
PORTRAIT_CHARS = 95
"""About how many characters of column width an A4 portrait page prints at full size:
wider sheets print landscape (and every sheet is fitted to one page wide)."""
LANDSCAPE_CHARS = 150
"""About how many characters of column width an A4 landscape page prints at a readable
size: a wider sheet's widest columns are narrowed (their text wraps onto more lines)
rather than the whole sheet shrunk to unreadable type."""
MIN_CAPPED = 16
"""No column is narrowed below this many characters to fit the page."""
POSTER_CHARS = 200
"""About how many characters of column width an A3 landscape page holds at full size: a
poster's type grows until its columns fill that (fitting only ever shrinks a sheet)."""
FONT = "Arial"  # as the Word files; LibreOffice shows its metric twin, Liberation Sans


def _lines(value: object, width: float) -> int:
    """How many lines a wrapped cell of `width` characters needs for `value`."""
    if value is None or isinstance(value, dt.date | int | float):
        return 1
    usable = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(len(line) / usable)) for line in str(value).splitlines()) or 1


def write_sheet(ws: Worksheet, sheet: Sheet, title: str = "") -> None:
    """One sheet as the module's docstring says; `title` (the workshop) heads each page."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    widths = [_width(h) for h in sheet.header]
    for row in sheet.rows:
        for c, value in enumerate(row[:len(widths)]):
            widths[c] = max(widths[c], _width(as_date(value) if c in sheet.dates else value))
    fitted = _narrowed([min(MAX_WIDTH, max(MIN_WIDTH, width + 2)) for width in widths],
                       sheet.header)
    size = 11.0
    if sheet.poster:  # type as large as the page's width allows, for reading from afar
        size = max(12.0, min(22.0, 11.0 * POSTER_CHARS / max(1, sum(fitted))))
        fitted = [w * size / 11.0 for w in fitted]  # widths count characters of 11 pt
    body, bold = Font(name=FONT, size=size), Font(name=FONT, size=size, bold=True)
    for c, text in enumerate(sheet.header, start=1):
        cell = ws.cell(row=1, column=c)
        put(cell, text)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DCE6F2")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(sheet.rows, start=2):
        for c, value in enumerate(row, start=1):
            if c - 1 in sheet.dates:
                value = as_date(value)
            cell = ws.cell(row=r, column=c)
            put(cell, value)
            cell.alignment = wrap
            cell.font = body
    for c, width in enumerate(fitted, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    # LibreOffice does not grow a row for wrapped text it did not lay out itself: every row
    # with a wrapped cell gets the height its longest cell needs, so no text overlaps
    scale = size / 11.0
    for r, row in enumerate([sheet.header, *sheet.rows], start=1):
        need = max((_lines(v, w / scale) for v, w in zip(row, fitted, strict=False)),
                   default=1)
        if need > 1 or sheet.poster:
            ws.row_dimensions[r].height = round(LINE_PT * scale * need + 2, 1)
    if sheet.header:
        ws.freeze_panes = "A2"
        last = get_column_letter(len(sheet.header))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(sheet.rows) + 1)}"
    print_setup(ws, sum(fitted), sheet.poster, title or sheet.name)


def _narrowed(widths: list[float], header: Sequence[str]) -> list[float]:
    """The column widths, the widest capped until the sheet fits `LANDSCAPE_CHARS` (or the
    cap reaches `MIN_CAPPED`): narrow columns keep their width, long texts wrap, and no
    column gets narrower than its header's longest word."""
    floors = [max((len(x) + 2 for x in str(h).split()), default=0) for h in header]
    floors += [0] * (len(widths) - len(floors))
    cap = max(widths, default=0.0)

    def capped(cap: float) -> list[float]:
        return [min(w, max(cap, f)) for w, f in zip(widths, floors, strict=True)]

    while sum(capped(cap)) > LANDSCAPE_CHARS and cap > MIN_CAPPED:
        cap -= 1
    return capped(cap)


def print_setup(ws: Worksheet, width_chars: float, poster: bool = False,
                title: str = "") -> None:
    """How the sheet prints: A4 (A3 for a poster), landscape when wider than a portrait
    page, fitted to one page wide and as many pages long as it takes, the header row on
    every page, grid lines, the title at the top and "page X of Y" at the bottom."""
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A3 if poster else ws.PAPERSIZE_A4
    setup.orientation = (ws.ORIENTATION_LANDSCAPE if poster or width_chars > PORTRAIT_CHARS
                         else ws.ORIENTATION_PORTRAIT)
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages long as the rows need
    from openpyxl.worksheet.properties import PageSetupProperties

    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    margins = ws.page_margins
    margins.left = margins.right = 0.5
    margins.header, margins.footer = 0.3, 0.3
    # the header (a poster's title is large) needs its room above the table
    margins.top, margins.bottom = (1.2 if poster else 0.75), 0.7
    head, foot = ws.oddHeader, ws.oddFooter
    assert head is not None and foot is not None  # a new sheet has both
    head.center.text = title.replace("&", "&&")
    head.center.size = 20 if poster else 10
    head.center.font = "Arial,Bold" if poster else "Arial"
    foot.center.text = "&P / &N"
    foot.center.size = 8


def workbook(sheets: Iterable[Sheet], author: str = "", title: str = "") -> bytes:
    """The sheets as one .xlsx file, `author` (the municipality) as its author and company
    and `title` (the workshop) at the top of every printed page."""
    from openpyxl import Workbook

    wb = Workbook()
    if wb.active is not None:  # a new workbook's one empty sheet
        wb.remove(wb.active)
    names: list[str] = []
    for sheet in sheets:
        name = sheet_name(sheet.name, names)
        names.append(name)
        head = (f"{sheet.name} – {title}" if title and not title.startswith(sheet.name)
                else title or sheet.name)
        write_sheet(wb.create_sheet(name), sheet, head)
    # the document's properties say who made it, not the library that wrote it
    wb.properties.creator = wb.properties.lastModifiedBy = author or None
    wb.properties.title = title or None
    out = io.BytesIO()
    wb.save(out)
    return _company(out.getvalue(), author)


def _company(data: bytes, company: str) -> bytes:
    """The workbook with `company` in its extended properties (openpyxl writes them fresh
    and leaves the company out), the kit named as the application that wrote it."""
    from xml.sax.saxutils import escape

    if not company:
        return data
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="'
           'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           f"<Application>workshop-kit</Application><Company>{escape(company)}</Company>"
           "</Properties>")
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, app.encode("utf-8") if item.filename == "docProps/app.xml"
                            else source.read(item.filename))
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


__all__ = ["FORMULA_START", "Sheet", "as_date", "frame_sheet", "print_setup", "put",
           "sheet_name", "workbook", "write_sheet"]


def heads(language: str, *keys: str) -> list[str]:
    """A sheet's header: the catalog's `xl.<key>` for each key, in `language`."""
    from kit.i18n import t

    return [t(f"xl.{k}", language) for k in keys]


def sector_word(value: object, language: str) -> str:
    """A sector's name, or nothing for none."""
    from kit.i18n import t

    return t(f"sector.{value}", language) if value else ""


def yes_no(value: object, language: str) -> str:
    from kit.i18n import t

    return t("xl.yes" if value in (True, "true", 1) else "xl.no", language)
