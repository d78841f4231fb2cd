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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import file_name, t
from kit.reports._blocks import Block, finding_text, png_bytes
from kit.reports._workbook import report_workbook
from kit.steps import Step, registry
from kit.steps.timeline.report import since_last

if TYPE_CHECKING:
    from kit.reports._docx import About
    from kit.workshop import Workshop

Progress = Callable[[float, str], None]


def report_blocks(workshop: Workshop, language: str = "da",
                  progress: Progress | None = None, steps: tuple[Step, ...] | None = None,
                  ) -> list[Block]:
    """The report's content: a one-page summary for a manager, then who took part and each
    step's section in the registry's order."""
    from kit.reports._docx import long_date

    L = language
    step = progress or (lambda fraction, label: None)
    state = workshop.state()
    people = workshop.participants()
    out: list[Block] = [Block("title", t("report.title", L, title=state.title)),
                        Block("subtitle", t("doc.from", L, title=state.title,
                                            municipality=state.municipality,
                                            date=long_date(state.date, L)))]
    step(0.02, t("report.summary", L))
    out += summary_blocks(workshop, L, steps)
    out.append(Block("pagebreak"))
    step(0.05, t("report.participants", L))
    counts = workshop.sector_counts()
    out += [Block("h1", t("report.participants", L)),
            Block("table", header=(t("doc.sector", L), t("report.count", L)),
                  rows=tuple((t(f"sector.{s.value}", L), str(counts[s])) for s in Sector) +
                  ((t("report.total", L), str(len(people))),))]
    out += since_last(workshop, L)  # a later workshop in a partnership (issue 27)
    sections = [s for s in registry(steps) if s.report is not None]
    for i, each in enumerate(sections):
        step(0.1 + 0.85 * i / len(sections), t(f"phase.{each.name}", L))
        section = each.section()
        if section is not None:
            out += section(workshop, L)
    step(1.0, t("report.done", L))
    return out


def summary_blocks(workshop: Workshop, language: str = "da",
                   steps: tuple[Step, ...] | None = None) -> list[Block]:
    """One page for a manager: who took part by sector, then each step's lines in the
    registry's order (its `summary` hook): what the timeline showed, the chosen themes and
    why (saying where the choice differs from the vote), the groups with their
    coordinators, and the next steps with their dates."""
    L = language
    out = [Block("h1", t("report.summary", L))]
    counts = workshop.sector_counts()
    total = sum(counts.values())
    out.append(Block("p", t("report.sum.people", L, total=total,
                            kommune=counts[Sector.KOMMUNE],
                            civilsamfund=counts[Sector.CIVILSAMFUND],
                            flygtning=counts[Sector.FLYGTNING])))
    for each in registry(steps):
        if each.summary is not None:
            out += each.summary()(workshop, L)
    return out



def report_document(blocks: list[Block], state: About | None = None,
                    language: str = "da") -> bytes:
    """The blocks as a Word document in the kit's style (`state` gives its footer and
    metadata; without it the title block does)."""
    from docx.enum.text import WD_BREAK

    from kit.reports import _docx as d

    about = state or _About(blocks[0].text if blocks else "", "", "")
    doc = d.new_document(about, language, blocks[0].text if blocks else "")
    for b in blocks:
        if b.kind == "title":
            d.title(doc, b.text)
        elif b.kind == "subtitle":
            doc.add_paragraph(b.text, style="Caption")
        elif b.kind == "h1":
            d.heading(doc, b.text, 1)
        elif b.kind == "h2":
            d.heading(doc, b.text, 2)
        elif b.kind == "p":
            d.paragraph(doc, b.text)
        elif b.kind == "bullet":
            d.paragraph(doc, b.text, style="List Bullet")
        elif b.kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif b.kind == "figure":
            d.figure(doc, b.png, b.text, b.alt)
        elif b.kind == "fields":
            d.fields_table(doc, b.rows)
        elif b.kind == "table":
            if b.text:
                p = doc.add_paragraph()
                p.add_run(b.text).bold = True
                p.paragraph_format.keep_with_next = True
            d.grid(doc, b.header, b.rows)
    return d.to_bytes(doc)


@dataclass(frozen=True)
class _About:
    title: str
    municipality: str
    date: str


def report_html(blocks: list[Block], language: str = "da") -> str:
    """A standalone page (figures inline); every text is escaped."""
    def e(text: object) -> str:
        return html.escape(str(text), quote=True)

    body = []
    items: list[str] = []
    for b in blocks:
        if b.kind != "bullet" and items:
            body.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if b.kind == "title":
            body.append(f'<h1 dir="auto">{e(b.text)}</h1>')
        elif b.kind == "subtitle":
            body.append(f'<p class="sub" dir="auto">{e(b.text)}</p>')
        elif b.kind == "h1":
            body.append(f'<h2 dir="auto">{e(b.text)}</h2>')
        elif b.kind == "h2":
            body.append(f'<h3 dir="auto">{e(b.text)}</h3>')
        elif b.kind == "p":
            body.append(f'<p dir="auto">{e(b.text)}</p>')
        elif b.kind == "bullet":
            items.append(f'<li dir="auto">{e(b.text)}</li>')
        elif b.kind == "pagebreak":
            body.append("<hr>")
        elif b.kind == "figure":
            body.append(f'<figure><img alt="{e(b.alt or b.text)}" style="max-width:100%" '
                        f'src="data:image/png;base64,{base64.b64encode(b.png).decode()}">'
                        f"<figcaption>{e(b.text)}</figcaption></figure>")
        elif b.kind == "fields":
            rows = "".join(f'<tr><th>{e(k)}</th><td dir="auto">{e(v)}</td></tr>'
                           for k, v in b.rows)
            body.append(f"<table>{rows}</table>")
        elif b.kind == "table":
            caption = f'<caption dir="auto">{e(b.text)}</caption>' if b.text else ""
            head = "".join(f"<th>{e(h)}</th>" for h in b.header)
            rows = "".join("<tr>" + "".join(f'<td dir="auto">{e(c)}</td>' for c in r) + "</tr>"
                           for r in b.rows)
            body.append(f"<table>{caption}<thead><tr>{head}</tr></thead>{rows}</table>")
    if items:
        body.append(f"<ul>{''.join(items)}</ul>")
    title = e(blocks[0].text) if blocks else ""
    direction = ' dir="rtl"' if language == "ar" else ""
    return (f'<!doctype html><html lang="{e(language)}"{direction}><head><meta charset="utf-8">'
            f"<title>{title}</title><style>body{{font-family:sans-serif;max-width:60rem;"
            f"margin:auto}}table{{border-collapse:collapse;margin:0.5rem 0}}td,th{{border:1px "
            f"solid #ccc;padding:0.2rem 0.4rem;text-align:start;vertical-align:top}}"
            f"thead th{{background:#dce6f2}}caption{{text-align:start;font-weight:bold}}"
            f".sub,figcaption{{color:#555}}</style></head><body>"
            f"{''.join(body)}</body></html>")


@dataclass(frozen=True)
class Documents:
    """Every document of a workshop (file name → bytes) and, per file, the facts it is
    missing (in the documents' language; a file with nothing missing has an empty list)."""

    files: dict[str, bytes]
    missing: dict[str, list[str]]


def documents(workshop: Workshop, language: str = "da", progress: Progress | None = None,
              steps: tuple[Step, ...] | None = None, agenda_date: str = "") -> Documents:
    """Every document of the workshop to send, file name (in `language`) → bytes: the report
    as Word, HTML and xlsx; the brief for management; each group's terms of reference and
    the groups workbook; each forum's terms of reference, partnership agreement and next
    agenda (dated `agenda_date`, with the time and place of a meeting planned that day;
    without a date, of the forum's next planned meeting, else "not agreed yet"); the
    activity overview: the files after the brief are the steps' (their `documents` hook, in
    the registry's order). None of them holds an individual choice
    (`kit.reports._workbook.internal_workbook` does). Each file's missing facts are noted
    while it is written (`kit.reports._missing`)."""
    from kit.reports._missing import collecting
    from kit.reports.brief import brief_document

    L = language
    step = progress or (lambda fraction, label: None)
    files: dict[str, bytes] = {}
    missing: dict[str, list[str]] = {}

    def add(name: str, make: Callable[[], bytes]) -> None:
        with collecting() as found:
            files[name] = make()
        missing[name] = found

    state = workshop.state()
    with collecting() as found:
        blocks = report_blocks(workshop, L, lambda f, label: step(0.6 * f, label), steps)
    for ext, data in (("docx", report_document(blocks, state, L)),
                      ("html", report_html(blocks, L).encode("utf-8"))):
        files[file_name("report", L, "", ext)] = data
        missing[file_name("report", L, "", ext)] = list(found)
    step(0.65, "xlsx")
    add(file_name("report", L, "", "xlsx"), lambda: report_workbook(workshop, L))
    add(file_name("brief", L, "", "docx"), lambda: brief_document(workshop, L))
    # each step's own files: terms, agendas, overviews
    parts = [(each.name, each.documents) for each in registry(steps)
             if each.documents is not None]
    for n, (phase, documents_of) in enumerate(parts):
        step(0.75 + 0.25 * n / len(parts), t(f"phase.{phase}", L))
        for name, make in documents_of()(workshop, L, agenda_date):
            add(name, make)
    step(1.0, t("report.done", L))
    return Documents(files, missing)


def workshop_documents(workshop: Workshop, language: str = "da",
                       progress: Progress | None = None, steps: tuple[Step, ...] | None = None,
                       agenda_date: str = "") -> dict[str, bytes]:
    """Every document of the workshop, file name → bytes (see `documents`)."""
    return documents(workshop, language, progress, steps, agenda_date).files


def missing_facts(workshop: Workshop, language: str = "da",
                  agenda_date: str = "") -> dict[str, list[str]]:
    """Per document (file name), the facts it is missing, for the coordinator to fill in
    before sending; the console can show it before the download. Builds the documents."""
    return documents(workshop, language, agenda_date=agenda_date).missing


def missing_text(missing: dict[str, list[str]], language: str = "da") -> str:
    """The missing facts as lines to print: a heading, then per document its facts (or
    that nothing is missing)."""
    L = language
    gaps = {name: facts for name, facts in missing.items() if facts}
    out = [t("missing.heading", L)]
    for name, facts in gaps.items():
        out.append(t("missing.document", L, document=name, count=len(facts)))
        out += [f"  - {x}" for x in facts]
    if not gaps:
        out.append(t("missing.nothing", L))
    return "\n".join(out)


def documents_zip(files: dict[str, bytes]) -> bytes:
    """The documents as one zip file (for a download)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def write_report(workshop: Workshop, directory: str | Path, language: str = "da",
                 progress: Progress | None = None, steps: tuple[Step, ...] | None = None,
                 agenda_date: str = "") -> list[Path]:
    """Every document of the workshop (`documents`) in `directory`, the report's three
    files first; returns the paths written."""
    return write_documents(workshop, directory, language, progress, steps, agenda_date)[0]


def write_documents(workshop: Workshop, directory: str | Path, language: str = "da",
                    progress: Progress | None = None, steps: tuple[Step, ...] | None = None,
                    agenda_date: str = "") -> tuple[list[Path], Documents]:
    """`write_report`, also giving back what was written with its missing facts."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    found = documents(workshop, language, progress, steps, agenda_date)
    for name, data in found.files.items():
        (out / name).write_bytes(data)
    return [out / name for name in found.files], found


def write_internal(workshop: Workshop, directory: str | Path, language: str = "da") -> Path:
    """The workbook of individual answers (`internal_workbook`), named as internal, in
    `directory`: for analysts, never to be sent with the documents."""
    from kit.reports._workbook import internal_workbook

    out = Path(directory) / file_name("internal", language, "", "xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(internal_workbook(workshop, language))
    return out


__all__ = ["Block", "Documents", "documents", "documents_zip", "finding_text",
           "missing_facts", "missing_text", "png_bytes", "report_blocks", "report_document",
           "report_html", "report_workbook", "summary_blocks", "workshop_documents",
           "write_documents", "write_internal", "write_report"]
