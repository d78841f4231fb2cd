"""The few python-docx moves every Word document of the kit makes: a bold label with its
value, a bordered table, "none yet" for an empty one, and the file as bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kit.i18n import t

if TYPE_CHECKING:
    from docx.document import Document


def field(doc: Document, label: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)


def grid(doc: Document, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A bordered table: the header row, then one row per item."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)


def table_or_none(doc: Document, header: Sequence[str], rows: Sequence[Sequence[object]],
                  language: str) -> None:
    if rows:
        grid(doc, header, rows)
    else:
        doc.add_paragraph(t("doc.none", language))


def _auto_direction(doc: Document) -> None:
    """Every paragraph that starts in a right-to-left script (an Arabic name or note, in a
    table cell too) becomes a right-to-left paragraph: Word's `dir="auto"`, so its Latin
    words and numbers keep their places (issue 17)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    from kit.core.script import direction

    cells = (cell for table in doc.tables for row in table.rows for cell in row.cells)
    for paragraph in [*doc.paragraphs, *(p for cell in cells for p in cell.paragraphs)]:
        if direction(paragraph.text) == "rtl":
            properties = paragraph._p.get_or_add_pPr()
            if properties.find(qn("w:bidi")) is None:
                properties.append(OxmlElement("w:bidi"))
            for run in paragraph.runs:
                run.font.rtl = True


def to_bytes(doc: Document) -> bytes:
    _auto_direction(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
