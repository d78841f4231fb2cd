"""The one document style every Word file of the kit shares, and the few moves each makes.

`new_document` gives an A4 document whose proofing language is the document's language (so
Word does not mark the Danish as misspelled), whose author is the municipality, and whose
footer carries the workshop, its date and "page X of Y"; `grid` writes a table with a bold
header row repeated on each page, rows that never split over a page break and column widths
fitted to what the columns hold; `long_date` writes a date in words ("23. november 2026").

All text reaches the document through `paragraph`, `field`, `grid` and the headings here, so
a later change to how text is written (e.g. bidirectional isolation) is made in one place.
python-docx styles do the work where a style can; a little XML is unavoidable for the proofing
language, the repeated header, rows that do not split and the page-number fields.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from kit.i18n import LOCALES, t
from kit.reports._missing import record

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph



class About(Protocol):
    """What a document says it is from (a `WorkshopState` is one): its footer and metadata."""

    @property
    def title(self) -> str: ...
    @property
    def municipality(self) -> str: ...
    @property
    def date(self) -> str: ...

PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7  # A4
MARGIN_CM = 2.5
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
"""Figures are made for and placed at this width (16 cm), so their type prints at its size."""
FONT = "Arial"  # LibreOffice shows its metric twin, Liberation Sans
FIGURE_MAX_CM = 21.0
"""The tallest a figure prints (with its caption it stays on one A4 page)."""
FILL_IN = "_" * 36
"""What an empty field of a document to fill in and sign prints: a line to write on."""


def language_tag(language: str) -> str:
    """The BCP 47 tag Word proofs with: "da" → "da-DK"."""
    locale = LOCALES.get(language, language)
    return locale.replace("_", "-") if "_" in locale else {"ar": "ar-SA"}.get(locale, locale)


def long_date(value: str | dt.date | None, language: str) -> str:
    """A date in words in `language` ("23. november 2026"); text that is not an ISO date
    (a meeting typed as "Tirsdag 8/12 kl. 17") is returned as it is."""
    from babel.dates import format_date

    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    else:
        day = value
    return str(format_date(day, format="long", locale=LOCALES.get(language, language)))


def mid_sentence(text: str, language: str) -> str:
    """A typed date or time for the middle of a sentence: a weekday at its start written as
    the language writes weekdays ("Tirsdag 8/12" → "tirsdag 8/12" in Danish; English keeps
    "Tuesday")."""
    from babel.dates import get_day_names

    first = text.split(" ", 1)[0].rstrip(".,")
    days = get_day_names("wide", locale=LOCALES.get(language, language)).values()
    for day in days:
        if first.lower() == day.lower() and first != day:
            return str(day) + text[len(first):]
    return text


def _set_language(rpr: object, tag: str) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    assert hasattr(rpr, "find")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag if tag.startswith("ar") else "ar-SA")


def _plain_font(style: object, size: float | None = None, bold: bool | None = None,
                colour: str | None = None) -> None:
    """The style in the document font: the template's theme fonts (which Word prefers over a
    named font) are removed."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:cs"), FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if colour is not None:
        font.color.rgb = RGBColor.from_string(colour)


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in the paragraph; its value is computed when shown."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def new_document(state: About, language: str, title: str,
                 author: str = "") -> Document:
    """An empty document in the kit's style, its metadata set: A4, margins of 2.5 cm,
    proofing language, author (the municipality unless `author` is given), title, and a
    footer with the workshop, its date in words and the page number."""
    from docx import Document as new
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = new()
    tag = language_tag(language)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    section.footer_distance = Cm(1.0)

    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_language(rpr, tag)
    normal = styles["Normal"]
    _plain_font(normal, 10.5)
    _set_language(normal.element.get_or_add_rPr(), tag)
    fmt = normal.paragraph_format
    fmt.space_after, fmt.line_spacing = Pt(6), 1.15
    _plain_font(styles["Title"], 22, True, "1F3864")
    styles["Title"].paragraph_format.space_after = Pt(6)
    for level, size in ((1, 14), (2, 12), (3, 11)):
        heading = styles[f"Heading {level}"]
        _plain_font(heading, size, True, "1F3864")
        heading.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Bullet 2", "List Number"):
        _plain_font(styles[name])
        styles[name].paragraph_format.space_after = Pt(2)
    _plain_font(styles["Footer"], 8.5, colour="555555")
    _plain_font(styles["Caption"], 9, False, "333333")
    table_text = _style(doc, "Kit Table Text", "Normal")
    table_text.font.size = Pt(9.5)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    table_head = _style(doc, "Kit Table Heading", "Kit Table Text")
    table_head.font.bold = True
    table_head.paragraph_format.keep_with_next = True
    _style(doc, "Kit Fill In", "Normal").paragraph_format.space_before = Pt(12)

    props = doc.core_properties
    props.author = author or state.municipality
    props.last_modified_by = props.author
    props.title = title
    props.subject = state.title
    props.language = tag
    props.comments = ""
    props.keywords = ""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1

    footer = section.footer.paragraphs[0]
    footer.style = styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(" · ".join(x for x in (state.title, state.municipality,
                                           long_date(state.date, language)) if x) + " · ")
    page = t("doc.page_of", language, page="\x00", pages="\x01")
    before, rest = page.split("\x00", 1)
    middle, after = rest.split("\x01", 1)
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(after)
    return doc


def _style(doc: Document, name: str, base: str) -> ParagraphStyle:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles.style import ParagraphStyle

    styles = doc.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def title(doc: Document, text: str, subtitle: str = "") -> None:
    doc.add_paragraph(text, style="Title")
    if subtitle:
        doc.add_paragraph(subtitle, style="Caption")


def heading(doc: Document, text: str, level: int = 1) -> Paragraph:
    p: Paragraph = doc.add_heading(text, level=level)
    return p


def style_id(doc: Document, name: str) -> str:
    """A style's id by its name, looked up once per document."""
    ids: dict[str, str] = doc.__dict__.setdefault("_kit_style_ids", {})
    if name not in ids:
        ids[name] = str(doc.styles[name].style_id)
    return ids[name]


def paragraph(doc: Document, text: str, style: str | None = None,
              bold_prefix: str = "") -> Paragraph:
    """A paragraph of text (with an optional bold lead-in)."""
    p: Paragraph = doc.add_paragraph()
    if style:
        _styled(p, style_id(doc, style))
    if bold_prefix:
        p.add_run(bold_prefix).bold = True
    p.add_run(text)
    return p


def lines(doc: Document, text: str, empty: str = FILL_IN, fact: str = "") -> None:
    """Multi-line text as one paragraph per line; `empty` (a fill-in line) when blank, and
    then `fact` is noted as missing (`kit.reports._missing`)."""
    rows = [x for x in (text or "").splitlines() if x.strip()]
    if not rows and fact:
        record(fact)
    for line in rows or [empty]:
        doc.add_paragraph(line)


def field(doc: Document, label: str, value: str, empty: str = FILL_IN,
          fact: str = "") -> None:
    """"Label: value" with the label bold; `empty` (a fill-in line) when the value is
    empty, and then `fact` is noted as missing."""
    if not value and fact:
        record(fact)
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(value or empty)


def signature_block(doc: Document, party: str, labels: Sequence[str]) -> None:
    """A party's signature block: its name, then a line to fill in per label (name, title,
    date, signature), kept together on one page."""
    p = doc.add_paragraph(style="Kit Fill In")
    p.add_run(party).bold = True
    p.paragraph_format.keep_with_next = True
    for n, label in enumerate(labels):
        line = doc.add_paragraph()
        line.add_run(f"{label}: ").bold = False
        line.add_run(FILL_IN)
        line.paragraph_format.space_after = 0
        line.paragraph_format.space_before = 14  # room to write by hand
        line.paragraph_format.keep_with_next = n < len(labels) - 1


_NARROW, _SEMI, _WIDE = set("iIjl.,:;!'|"), set("frt()-/ "), set("mwMW")


def text_cm(text: str, size_pt: float = 9.5, bold: bool = False) -> float:
    """About how wide `text` prints in Arial (its metrics, rounded up a little)."""
    em = sum(0.28 if c in _NARROW else 0.36 if c in _SEMI else 0.92 if c in _WIDE else
             0.72 if c.isupper() else 0.57 for c in text)
    return em * (1.07 if bold else 1.0) * size_pt / 72 * 2.54


def _widths(header: Sequence[str], rows: Sequence[Sequence[object]],
            total_cm: float) -> list[float]:
    """Column widths that fit the content: no column narrower than its longest word where
    the page allows (else the widest columns give way first), the room left shared by how
    much longer each column's text runs."""
    pad = 0.45  # the cells' margins, and a little air
    n = len(header)
    least, natural = [1.2] * n, [1.2] * n
    table: list[list[object]] = [list(header), *(list(r) for r in rows)]
    for r, row in enumerate(table):
        for i, value in enumerate(row[:n]):
            lines = str(value).splitlines() or [""]
            word = max((text_cm(w, bold=r == 0) for x in lines for w in x.split()), default=0)
            line = max(text_cm(x[:70], bold=r == 0) for x in lines)
            least[i] = max(least[i], word + pad)
            natural[i] = max(natural[i], line + pad)
    if sum(natural) <= total_cm:
        return [x * total_cm / sum(natural) for x in natural]
    if sum(least) >= total_cm:
        # cap the widest columns until the table fits: narrow columns keep their words whole
        cap = max(least)
        while sum(min(x, cap) for x in least) > total_cm and cap > 0.5:
            cap -= 0.02
        return [min(x, cap) * total_cm / sum(min(x, cap) for x in least) for x in least]
    spare = total_cm - sum(least)
    extra = [b - a for a, b in zip(least, natural, strict=True)]
    return [a + spare * e / sum(extra) for a, e in zip(least, extra, strict=True)]


def _styled(paragraph: Paragraph, style_id: str, text: str = "") -> None:
    """Give a paragraph a style by its id and add its text. (python-docx's `style = ...`
    searches every style for each paragraph: a long report spent seconds there.)"""
    paragraph._p.get_or_add_pPr().style = style_id
    if text:
        paragraph.add_run(text)


def _cell_text(cell: object, text: object, style_id: str) -> None:
    parts = str(text).splitlines() or [""]
    _styled(cell.paragraphs[0], style_id, parts[0])  # type: ignore[attr-defined]
    for part in parts[1:]:
        _styled(cell.add_paragraph(), style_id, part)  # type: ignore[attr-defined]


def _row_xml(row: object, header: bool) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))  # a row stays on one page
    if header:
        el = OxmlElement("w:tblHeader")  # repeated at the top of every page
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _shade(cell: object, colour: str) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tc_pr.append(shd)


def grid(doc: Document, header: Sequence[str], rows: Sequence[Sequence[object]],
         widths_cm: Sequence[float] | None = None) -> Table:
    """A table: a bold, shaded header row repeated on every page, then one row per item;
    rows do not split over pages; widths fitted to the content across the text width."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    widths = list(widths_cm) if widths_cm else _widths(header, rows, TEXT_WIDTH_CM)
    table: Any = doc.add_table(rows=1, cols=len(header))  # python-docx's add_row is untyped
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    _row_xml(table.rows[0], header=True)
    head_id, text_id = (style_id(doc, n) for n in ("Kit Table Heading", "Kit Table Text"))
    for cell, text, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.width = Cm(width)
        _cell_text(cell, text, head_id)
        _shade(cell, "DCE6F2")
    for row in rows:
        added = table.add_row()
        _row_xml(added, header=False)
        for cell, value, width in zip(added.cells, row, widths, strict=True):
            cell.width = Cm(width)
            _cell_text(cell, value, text_id)
    doc.add_paragraph().paragraph_format.space_after = 0  # air below the table
    return cast("Table", table)


def fields_table(doc: Document, rows: Sequence[Sequence[object]]) -> Table:
    """Label and value pairs as a two-column table without a header: labels bold."""
    from docx.shared import Cm

    labels = max((text_cm(str(r[0]), bold=True) for r in rows), default=2.0)
    first = min(6.0, max(3.0, labels + 0.5))
    widths = [first, TEXT_WIDTH_CM - first]
    table: Any = doc.add_table(rows=0, cols=2)  # python-docx's add_row is untyped
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    ids = [style_id(doc, n) for n in ("Kit Table Heading", "Kit Table Text")]
    for label, value in rows:
        row = table.add_row()
        _row_xml(row, header=False)
        for cell, text, width, sid in zip(row.cells, (label, value), widths, ids,
                                          strict=True):
            cell.width = Cm(width)
            _cell_text(cell, text, sid)
        _shade(row.cells[0], "F2F5FA")
    doc.add_paragraph().paragraph_format.space_after = 0
    return cast("Table", table)


def table_or_none(doc: Document, header: Sequence[str], rows: Sequence[Sequence[object]],
                  language: str) -> None:
    if rows:
        grid(doc, header, rows)
    else:
        doc.add_paragraph(t("doc.none", language))


def figure(doc: Document, png: bytes, caption: str = "", alt: str = "") -> None:
    """A figure at the text width (figures are drawn at that width, so type prints at size),
    with `alt` (else the caption) as its text alternative for screen readers."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    # a figure taller than the page (a timeline of 150 people's cards) is scaled to fit
    # the page's height instead of running off its foot
    wide, high = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    tall = png[1:4] == b"PNG" and wide and high / wide * TEXT_WIDTH_CM > FIGURE_MAX_CM
    shape = (doc.add_picture(io.BytesIO(png), height=Cm(FIGURE_MAX_CM)) if tall else
             doc.add_picture(io.BytesIO(png), width=Cm(TEXT_WIDTH_CM)))
    described = alt or caption
    if described:
        # Word's "alt text": the drawing's description (docPr/@descr)
        shape._inline.docPr.set("descr", described)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].paragraph_format.keep_with_next = bool(caption)
    if caption:
        doc.add_paragraph(caption, style="Caption")


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


FIGURE_WIDTH_IN = TEXT_WIDTH_CM / 2.54
"""The width every report figure is drawn at (inches), so 8 pt in matplotlib prints as 8 pt."""
