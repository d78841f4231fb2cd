"""The whole outcome of a workshop, for the coordinator and for management: every table as
one workbook, and one report — participants per sector, the timeline and its findings,
themes with their notes, the vote raw and sector-balanced, groups with coordinators and terms
of reference, actions, the local organisation — as Word and as HTML.

The report is built once as a list of blocks (heading, paragraph, table, figure) and then
written out twice, so the Word and the HTML versions always say the same.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import t
from kit.reports._blocks import Block, Section, finding_text, png_bytes
from kit.reports._docx import grid, to_bytes
from kit.steps import Step, load, registry

if TYPE_CHECKING:
    from kit.core import Workshop

Progress = Callable[[float, str], None]


def report_workbook(workshop: Workshop) -> bytes:
    """Every exchange table as a sheet (the same columns as `kit export`), plus the vote
    tallies and the activity overview."""
    import pandas as pd

    from kit.steps.timeline.findings import cards_frame
    from kit.steps.timeline.logic import activity_overview
    from kit.steps.voting.logic import tally

    frames = workshop.frames()
    frames["tally_raw"] = tally(frames["votes"], frames["participants"])
    frames["tally_sector"] = tally(frames["votes"], frames["participants"], weighting="sector")
    frames["activity_overview"] = activity_overview(cards_frame(workshop.timeline.cards()))
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return out.getvalue()


def report_blocks(workshop: Workshop, language: str = "da",
                  progress: Progress | None = None, steps: tuple[Step, ...] | None = None,
                  ) -> list[Block]:
    """The report's content: who took part, then each step's section in the registry's order."""
    L = language
    step = progress or (lambda fraction, label: None)
    state = workshop.state()
    people = workshop.participants()
    out: list[Block] = [Block("title", t("report.title", L, title=state.title)),
                        Block("p", t("doc.from", L, title=state.title,
                                     municipality=state.municipality, date=state.date))]
    step(0.05, t("report.participants", L))
    counts = workshop.sector_counts()
    out += [Block("h1", t("report.participants", L)),
            Block("table", header=(t("doc.sector", L), t("report.count", L)),
                  rows=tuple((t(f"sector.{s.value}", L), str(counts[s])) for s in Sector) +
                  ((t("report.total", L), str(len(people))),))]
    sections = [s for s in registry(steps) if s.report is not None]
    for i, each in enumerate(sections):
        step(0.1 + 0.85 * i / len(sections), t(f"phase.{each.name}", L))
        section: Section = load(each.report or "")
        out += section(workshop, L)
    step(1.0, t("report.done", L))
    return out


def report_document(blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    for b in blocks:
        if b.kind == "title":
            doc.add_heading(b.text, level=0)
        elif b.kind == "h1":
            doc.add_heading(b.text, level=1)
        elif b.kind == "p":
            doc.add_paragraph(b.text)
        elif b.kind == "figure":
            doc.add_picture(io.BytesIO(b.png), width=Cm(16))
        elif b.kind == "table":
            if b.text:
                doc.add_paragraph(b.text).runs[0].bold = True
            grid(doc, b.header, b.rows)
    return to_bytes(doc)


def report_html(blocks: list[Block], language: str = "da") -> str:
    """A standalone page (figures inline); every text is escaped."""
    def e(text: object) -> str:
        return html.escape(str(text), quote=True)

    body = []
    for b in blocks:
        if b.kind == "title":
            body.append(f'<h1 dir="auto">{e(b.text)}</h1>')
        elif b.kind == "h1":
            body.append(f'<h2 dir="auto">{e(b.text)}</h2>')
        elif b.kind == "p":
            body.append(f'<p dir="auto">{e(b.text)}</p>')
        elif b.kind == "figure":
            body.append(f'<img alt="" style="max-width:100%" '
                        f'src="data:image/png;base64,{base64.b64encode(b.png).decode()}">')
        elif b.kind == "table":
            caption = f'<caption dir="auto">{e(b.text)}</caption>' if b.text else ""
            head = "".join(f"<th>{e(h)}</th>" for h in b.header)
            rows = "".join("<tr>" + "".join(f'<td dir="auto">{e(c)}</td>' for c in r) + "</tr>"
                           for r in b.rows)
            body.append(f"<table>{caption}<tr>{head}</tr>{rows}</table>")
    title = e(blocks[0].text) if blocks else ""
    direction = ' dir="rtl"' if language == "ar" else ""
    return (f'<!doctype html><html lang="{e(language)}"{direction}><head><meta charset="utf-8">'
            f"<title>{title}</title><style>body{{font-family:sans-serif;max-width:60rem;"
            f"margin:auto}}table{{border-collapse:collapse;margin:0.5rem 0}}td,th{{border:1px "
            f"solid #ccc;padding:0.2rem 0.4rem;text-align:start}}</style></head><body>"
            f"{''.join(body)}</body></html>")


def write_report(workshop: Workshop, directory: str | Path, language: str = "da",
                 progress: Progress | None = None, steps: tuple[Step, ...] | None = None,
                 ) -> list[Path]:
    """`report.xlsx`, `report.docx` and `report.html` in `directory`."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    step = progress or (lambda fraction, label: None)
    blocks = report_blocks(workshop, language,
                           lambda f, label: step(0.8 * f, label), steps)
    files = {"report.docx": report_document(blocks),
             "report.html": report_html(blocks, language).encode("utf-8")}
    step(0.9, "xlsx")
    files["report.xlsx"] = report_workbook(workshop)
    for name, data in files.items():
        (out / name).write_bytes(data)
    step(1.0, t("report.done", language))
    return [out / name for name in ("report.xlsx", "report.docx", "report.html")]


__all__ = ["Block", "finding_text", "png_bytes", "report_blocks", "report_document",
           "report_html", "report_workbook", "write_report"]
